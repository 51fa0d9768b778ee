//! A fair to schedule, in plain indices. Built from the database (or from the
//! offline JSON format) by the callers; the engine sees only this.

/// A set of slots, as a bitset over slot indices.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SlotSet {
    words: Vec<u64>,
    len: u32,
}

impl SlotSet {
    pub fn empty(len: u32) -> Self {
        Self { words: vec![0; (len as usize).div_ceil(64)], len }
    }

    pub fn full(len: u32) -> Self {
        let mut set = Self::empty(len);
        for slot in 0..len {
            set.insert(slot);
        }
        set
    }

    /// The number of slots the set ranges over (not how many are in it).
    pub fn universe(&self) -> u32 {
        self.len
    }

    pub fn contains(&self, slot: u32) -> bool {
        slot < self.len && self.words[(slot / 64) as usize] & (1 << (slot % 64)) != 0
    }

    pub fn insert(&mut self, slot: u32) {
        if slot < self.len {
            self.words[(slot / 64) as usize] |= 1 << (slot % 64);
        }
    }

    pub fn remove(&mut self, slot: u32) {
        if slot < self.len {
            self.words[(slot / 64) as usize] &= !(1 << (slot % 64));
        }
    }

    pub fn count(&self) -> u32 {
        self.words.iter().map(|w| w.count_ones()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// Slots in both sets.
    pub fn intersection(&self, other: &SlotSet) -> SlotSet {
        SlotSet {
            words: self.words.iter().zip(&other.words).map(|(a, b)| a & b).collect(),
            len: self.len.min(other.len),
        }
    }

    /// How many slots both sets hold, without building the intersection.
    pub fn intersection_count(&self, other: &SlotSet) -> u32 {
        self.words.iter().zip(&other.words).map(|(a, b)| (a & b).count_ones()).sum()
    }

    /// Slot indices in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(word_index, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let bit = bits.trailing_zeros();
                bits &= bits - 1;
                Some(word_index as u32 * 64 + bit)
            })
        })
    }
}

/// A buyer company or a supplier (exhibitor): its meeting targets and when it can meet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// The caller's id for it (e.g. a UUID), carried into reports.
    pub key: String,
    /// Meetings it should get before any other participant of its side gets more
    /// than its own minimum.
    pub min_meetings: u32,
    pub max_meetings: u32,
    pub available: SlotSet,
}

/// One slot of the fair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Fair day (0-based); idle gaps are counted within a day.
    pub day: u32,
    /// Position within the day (0-based), consecutive slots differ by one.
    pub ordinal: u32,
}

/// Where a meeting happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// At a table in a hall: needs one of the on-site tables in its slot.
    OnSite,
    /// In an online room: rooms are not a limited resource.
    Online,
}

/// A supplier–buyer pair that may meet, with its score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub buyer: u32,
    pub supplier: u32,
    /// How good the meeting is, from the matching score: at least 1. Vetoed pairs
    /// (no thanks, expired required certificate, a rule) are never candidates.
    pub score: i64,
    /// Both sides marked it Must meet: selected before anything else.
    pub mutual_must: bool,
    /// The language pair an interpreter must cover, if the two share no language
    /// (an index into the caller's list of pairs, e.g. 0 = VI↔JA).
    pub interpreter: Option<u8>,
    pub mode: Mode,
}

/// An interpreter: one language pair, available in some slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpreter {
    pub key: String,
    pub pair: u8,
    pub available: SlotSet,
}

/// A meeting fixed by the organiser: kept as it is by every run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lock {
    /// Index into [`Problem::candidates`].
    pub candidate: u32,
    pub slot: u32,
    pub table: Option<u32>,
    pub interpreter: Option<u32>,
}

/// Everything the scheduler needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problem {
    pub buyers: Vec<Participant>,
    pub suppliers: Vec<Participant>,
    pub slots: Vec<Slot>,
    /// On-site tables; every table is usable in every slot.
    pub tables: u32,
    pub candidates: Vec<Candidate>,
    pub interpreters: Vec<Interpreter>,
    pub locks: Vec<Lock>,
    /// The last run's placement (candidate, slot), so a rerun moves as few unlocked
    /// meetings as possible.
    pub previous: Vec<(u32, u32)>,
}

/// A placed meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Meeting {
    /// Index into [`Problem::candidates`].
    pub candidate: u32,
    pub slot: u32,
    /// The on-site table, for on-site meetings.
    pub table: Option<u32>,
    /// The interpreter, for pairs that need one.
    pub interpreter: Option<u32>,
    pub locked: bool,
}
