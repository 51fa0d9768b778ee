//! Placement: when and where the selected meetings happen.
//!
//! [`place`] gives each selected meeting a slot that both participants can attend,
//! an on-site table for on-site meetings and an interpreter of the right language
//! pair when the two share no language. Seen as a graph problem, it is a list edge
//! colouring of the bipartite buyer–supplier multigraph (colours are slots, each
//! edge's list is the pair's common availability) with two capacities per slot
//! (tables; interpreters per language pair). That is NP-hard, so placement is a
//! heuristic with repair, exact only on tiny fairs.
//!
//! # Goals
//!
//! Hard rules, which [`check`] verifies, are never broken. Within them, in order:
//! 1. as many meetings as possible, by priority: the most mutual Must-meet
//!    meetings, then the most meetings, then the highest sum of scores (two
//!    meetings are never given up for one better-scored one);
//! 2. as few unlocked meetings as possible leave their [`Problem::previous`] slot;
//! 3. as few idle slots as possible between a participant's meetings of a day
//!    (see [`idle_gaps`]).
//!
//! # Algorithm
//!
//! 1. **Locks** are placed as given, in lock order; a lock that breaks a rule or
//!    collides with an earlier kept lock is reported unplaced, never moved.
//! 2. **Previous slots**: meetings whose previous slot still works go back there,
//!    in priority order (Must first, then score).
//! 3. **Greedy** in DSatur order: Must first, then the meeting with the fewest free
//!    slots left (recomputed lazily), then the one whose participants have the
//!    fewest meetings, then score. Its slot is the one with the least cost:
//!    contention (Σ 1/free(n) over the unplaced meetings `n` of the same two
//!    participants that could also use the slot), idle slots it opens or closes
//!    for both participants, and the scarcity of tables and interpreters left.
//! 4. **Repair** each unplaced meeting, by priority:
//!    - a **Kempe chain**: for a slot `c` where one participant is free and the other
//!      busy, and a slot `d` where the busy one is free, swap `c` and `d` along the
//!      alternating path from the busy one. In a bipartite graph the path never
//!      reaches the other participant, so `c` becomes free for both. Every moved
//!      meeting must be able to attend its new slot, and tables and interpreters
//!      must stay within bounds. With full availability and enough tables this is
//!      König's theorem: every meeting gets placed once each participant has at most
//!      as many meetings as there are slots;
//!    - an **ejection chain**: a bounded depth-first search that puts the meeting in
//!      a slot, displaces the few meetings in its way (including one holding the
//!      last table or interpreter there) and places those in turn;
//!    - a **priority swap**: a meeting still out displaces meetings worth less in
//!      the order of goal 1 (a better-scored one for a worse one, or non-Must ones
//!      for a Must one), which then get the same repair.
//!
//!    A meeting whose table or interpreter is short in every slot of the fair
//!    skips the chains: no move can make room for it.
//! 5. **Exact** branch and bound over the unlocked meetings when there are at most
//!    [`PlaceOptions::exact_limit`]: most weight, then fewest moves. Its bound
//!    drops, for each participant, its lightest meetings beyond its free slots.
//! 6. **Compaction**, over the meetings of participants whose day changed: back
//!    to the previous slot when it has become free; else to a free slot with fewer
//!    idle slots; else a swap of slots with another meeting of one participant
//!    (whose day stays as it is) that lets the two others idle less. Meetings at
//!    their previous slot stay. Steps 4–6 repeat while anything changes: each
//!    round places more, moves fewer or idles less, so they end.
//! 7. **Settling**: repair and swaps once more with every placed meeting taken as
//!    pinned where it is, as a rerun with this output as its `previous` sees it;
//!    so such a rerun finds nothing to move (and the choices of the searches
//!    depend on the state only, never on the order of earlier moves).
//! 8. **Tables and interpreters** per slot. Every interpreter covers one language
//!    pair, so the bipartite matching of a slot's meetings to its free interpreters
//!    reduces to counts per pair, which the steps above keep within bounds; locked
//!    tables and interpreters stay, the others take the lowest free index in
//!    candidate order.
//!
//! Everything is deterministic: no hashing, no randomness, fixed iteration orders.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use crate::problem::{Meeting, Mode, Problem};

/// Effort bounds of the heuristic. With the defaults, a fair of 24,000 meetings
/// over 72 slots takes about a quarter to half a second (release build, one core).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceOptions {
    /// Kempe chains (slot pairs) tried per unplaced meeting and repair.
    pub kempe_tries: u32,
    /// The most meetings one Kempe chain may move.
    pub kempe_length: u32,
    /// The most meetings one ejection chain may displace.
    pub chain_depth: u32,
    /// Search nodes per ejection chain search.
    pub chain_nodes: u32,
    /// Rounds of repair and compaction.
    pub rounds: u32,
    /// Passes of idle-gap compaction per round.
    pub compact_passes: u32,
    /// Up to this many unlocked meetings, a branch and bound finishes the job.
    pub exact_limit: u32,
    /// Node budget of that branch and bound.
    pub exact_nodes: u64,
}

impl Default for PlaceOptions {
    fn default() -> Self {
        Self {
            kempe_tries: 96,
            kempe_length: 4096,
            chain_depth: 4,
            chain_nodes: 200,
            rounds: 16,
            compact_passes: 12,
            exact_limit: 12,
            exact_nodes: 2_000_000,
        }
    }
}

/// Why a selected meeting found no place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unplaced {
    /// The two share no available slot (or the lock's slot is not one of them, or
    /// the candidate names an unknown participant).
    NoCommonSlot,
    /// No interpreter of the pair is free in a slot both can attend (or the lock's
    /// interpreter is wrong, unavailable or taken).
    NoInterpreter,
    /// The tables are all taken in every slot both (and an interpreter, if needed)
    /// are free, or the fair has no tables (or the lock's table is wrong or taken).
    NoTable,
    /// In every slot both can attend, one of them is already in another meeting.
    Crowded,
}

/// Where the selected meetings go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    /// Placed meetings, sorted by candidate.
    pub meetings: Vec<Meeting>,
    /// Selected candidates left out, sorted by candidate, with the reason.
    pub unplaced: Vec<(u32, Unplaced)>,
    /// Unlocked meetings placed at another slot than their previous one.
    pub moved_from_previous: u32,
}

/// Places the selected candidates (locked ones included; locks of unselected
/// candidates are ignored, as are repeated or unknown indices and all but the
/// first lock and previous slot of a candidate).
pub fn place(problem: &Problem, selected: &[u32], options: &PlaceOptions) -> Placement {
    let mut selected: Vec<u32> =
        selected.iter().copied().filter(|&c| (c as usize) < problem.candidates.len()).collect();
    selected.sort_unstable();
    selected.dedup();

    let (mut grid, unplaced) = Grid::new(problem, &selected);
    grid.place_locks(problem);
    grid.place_previous();
    grid.greedy();
    let small = grid.items.iter().filter(|it| it.status == Status::Free).count() <= options.exact_limit as usize;
    // Each round places more, or moves fewer, or idles less: it ends.
    for round in 0..options.rounds.max(1) {
        let mut changed = grid.repair_all(options);
        changed |= grid.swap_all(options);
        if round == 0 && small {
            grid.exact(options.exact_nodes);
        }
        changed |= grid.compact(options.compact_passes);
        if !changed {
            break;
        }
    }
    grid.settle(options);
    grid.output(problem, unplaced)
}

/// Checks every hard rule: each meeting is for a known candidate, at most once, in
/// a slot both participants can attend; no buyer, supplier, table or interpreter is
/// in two meetings of one slot; on-site meetings have a table `0..tables`, online
/// ones none; a meeting gets an available interpreter of its candidate's pair when
/// it needs one, and none otherwise; a locked candidate's meeting is exactly its
/// (first) lock, and only such meetings are marked locked.
pub fn check(problem: &Problem, meetings: &[Meeting]) -> Result<(), String> {
    let mut first_lock = BTreeMap::new();
    for lock in &problem.locks {
        first_lock.entry(lock.candidate).or_insert(lock);
    }
    let mut candidates = BTreeSet::new();
    let mut buyers = BTreeSet::new();
    let mut suppliers = BTreeSet::new();
    let mut tables = BTreeSet::new();
    let mut interpreters = BTreeSet::new();
    for m in meetings {
        let c = m.candidate;
        let candidate =
            problem.candidates.get(c as usize).ok_or_else(|| format!("meeting for unknown candidate {c}"))?;
        if !candidates.insert(c) {
            return Err(format!("candidate {c} placed twice"));
        }
        if m.slot as usize >= problem.slots.len() {
            return Err(format!("candidate {c} placed in unknown slot {}", m.slot));
        }
        let buyer = problem
            .buyers
            .get(candidate.buyer as usize)
            .ok_or_else(|| format!("candidate {c} has an unknown buyer"))?;
        let supplier = problem
            .suppliers
            .get(candidate.supplier as usize)
            .ok_or_else(|| format!("candidate {c} has an unknown supplier"))?;
        if !buyer.available.contains(m.slot) {
            return Err(format!("buyer {} of candidate {c} is not available in slot {}", candidate.buyer, m.slot));
        }
        if !supplier.available.contains(m.slot) {
            return Err(format!(
                "supplier {} of candidate {c} is not available in slot {}",
                candidate.supplier, m.slot
            ));
        }
        if !buyers.insert((candidate.buyer, m.slot)) {
            return Err(format!("buyer {} is in two meetings in slot {}", candidate.buyer, m.slot));
        }
        if !suppliers.insert((candidate.supplier, m.slot)) {
            return Err(format!("supplier {} is in two meetings in slot {}", candidate.supplier, m.slot));
        }
        match (candidate.mode, m.table) {
            (Mode::OnSite, Some(t)) if t < problem.tables => {
                if !tables.insert((m.slot, t)) {
                    return Err(format!("table {t} is in two meetings in slot {}", m.slot));
                }
            }
            (Mode::OnSite, _) => {
                return Err(format!("on-site meeting of candidate {c} needs a table below {}", problem.tables));
            }
            (Mode::Online, None) => {}
            (Mode::Online, Some(t)) => return Err(format!("online meeting of candidate {c} has table {t}")),
        }
        match (candidate.interpreter, m.interpreter) {
            (Some(pair), Some(i)) => {
                let interpreter = problem
                    .interpreters
                    .get(i as usize)
                    .ok_or_else(|| format!("candidate {c} has unknown interpreter {i}"))?;
                if interpreter.pair != pair {
                    return Err(format!("interpreter {i} of candidate {c} does not cover pair {pair}"));
                }
                if !interpreter.available.contains(m.slot) {
                    return Err(format!("interpreter {i} of candidate {c} is not available in slot {}", m.slot));
                }
                if !interpreters.insert((m.slot, i)) {
                    return Err(format!("interpreter {i} is in two meetings in slot {}", m.slot));
                }
            }
            (Some(pair), None) => return Err(format!("candidate {c} needs an interpreter for pair {pair}")),
            (None, Some(i)) => return Err(format!("candidate {c} needs no interpreter but has {i}")),
            (None, None) => {}
        }
        match first_lock.get(&c) {
            Some(lock)
                if !m.locked || m.slot != lock.slot || m.table != lock.table || m.interpreter != lock.interpreter =>
            {
                return Err(format!("locked candidate {c} is not placed as its lock says"));
            }
            Some(_) => {}
            None if m.locked => return Err(format!("candidate {c} is marked locked but has no lock")),
            None => {}
        }
    }
    Ok(())
}

/// Idle slots between a participant's meetings within a day, summed over buyers,
/// suppliers and days: slots of the same day, after one of its meetings and
/// before its next, in which it is available but not meeting. A buyer meeting at
/// ordinals 1, 2 and 5 of a day idles 2, or 1 if it is away at ordinal 3: time it
/// set aside for something else is not idle. Meetings in unknown slots or for
/// unknown candidates are skipped.
pub fn idle_gaps(problem: &Problem, meetings: &[Meeting]) -> u32 {
    let order = SlotOrder::new(problem);
    // (side, participant, position of the slot in day order)
    let mut seen: Vec<(u8, u32, u32)> = Vec::with_capacity(2 * meetings.len());
    for m in meetings {
        let Some(candidate) = problem.candidates.get(m.candidate as usize) else { continue };
        if m.slot as usize >= problem.slots.len() {
            continue;
        }
        let pos = order.pos[m.slot as usize];
        seen.push((0, candidate.buyer, pos));
        seen.push((1, candidate.supplier, pos));
    }
    seen.sort_unstable();
    let mut gaps: u64 = 0;
    for pair in seen.windows(2) {
        let ((s0, p0, k0), (s1, p1, k1)) = (pair[0], pair[1]);
        if (s0, p0) != (s1, p1) || order.day_of_pos[k0 as usize] != order.day_of_pos[k1 as usize] {
            continue;
        }
        let participant = if s0 == 0 { problem.buyers.get(p0 as usize) } else { problem.suppliers.get(p0 as usize) };
        let Some(participant) = participant else { continue };
        let idle = (k0 + 1..k1).filter(|&k| participant.available.contains(order.slot_at[k as usize])).count();
        gaps += idle as u64;
    }
    u32::try_from(gaps).unwrap_or(u32::MAX)
}

/// The slots sorted by day and ordinal: a day's slots are a contiguous run of
/// positions, so "between two meetings" is a range.
struct SlotOrder {
    /// Slot → position.
    pos: Vec<u32>,
    /// Position → slot.
    slot_at: Vec<u32>,
    /// Position → dense day index.
    day_of_pos: Vec<u32>,
    days: usize,
}

impl SlotOrder {
    fn new(problem: &Problem) -> Self {
        let mut slot_at: Vec<u32> = (0..problem.slots.len() as u32).collect();
        slot_at.sort_by_key(|&s| (problem.slots[s as usize].day, problem.slots[s as usize].ordinal, s));
        let mut pos = vec![0; slot_at.len()];
        let mut day_of_pos = Vec::with_capacity(slot_at.len());
        let mut days = 0;
        for (k, &s) in slot_at.iter().enumerate() {
            pos[s as usize] = k as u32;
            if k > 0 && problem.slots[slot_at[k - 1] as usize].day != problem.slots[s as usize].day {
                days += 1;
            }
            day_of_pos.push(days as u32);
        }
        Self { pos, slot_at, day_of_pos, days: if problem.slots.is_empty() { 0 } else { days + 1 } }
    }
}

const NONE: u32 = u32::MAX;
/// Weight of one idle slot against one unit of contention in the greedy choice.
const GAP_COST: f64 = 0.15;
/// Weight of the scarcity of tables and interpreters left in a slot.
const SCARCITY_COST: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// Placed by the heuristic (or not yet).
    Free,
    /// Placed by its lock, never moved.
    Locked,
    /// Its lock could not be kept: out for good.
    Rejected(Unplaced),
}

/// A selected meeting.
#[derive(Clone, Copy, Debug)]
struct Item {
    candidate: u32,
    buyer: u32,
    supplier: u32,
    onsite: bool,
    pair: Option<u32>,
    must: bool,
    score: i64,
    /// The previous slot, or `NONE` (also when it no longer exists).
    previous: u32,
    /// Whether it had a previous slot: if it is placed elsewhere, it moved.
    had_previous: bool,
    status: Status,
    /// For locked items: the lock's table and interpreter.
    table: Option<u32>,
    interpreter: Option<u32>,
}

impl Item {
    fn weight(&self) -> Weight {
        Weight { must: u32::from(self.must), count: 1, score: i128::from(self.score) }
    }

    /// Sorts Must first, then by score (highest first), then by candidate.
    fn priority(&self) -> (Reverse<bool>, Reverse<i64>, u32) {
        (Reverse(self.must), Reverse(self.score), self.candidate)
    }
}

/// What placed meetings are worth, compared lexicographically.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Weight {
    must: u32,
    count: u32,
    score: i128,
}

impl Weight {
    fn add(self, other: Weight) -> Weight {
        Weight { must: self.must + other.must, count: self.count + other.count, score: self.score + other.score }
    }

    fn sub(self, other: Weight) -> Weight {
        Weight { must: self.must - other.must, count: self.count - other.count, score: self.score - other.score }
    }
}

/// What one participant does on one day: its earliest and latest meeting (as
/// positions in day order) and how many it has.
#[derive(Clone, Copy, Debug, Default)]
struct DayStat {
    min: u32,
    max: u32,
    count: u32,
}

impl DayStat {
    fn add(&mut self, pos: u32) {
        if self.count == 0 {
            self.min = pos;
            self.max = pos;
        } else {
            self.min = self.min.min(pos);
            self.max = self.max.max(pos);
        }
        self.count += 1;
    }

    /// Idle slots from `min` to `max`, given the participant's availability as
    /// prefix counts over positions.
    fn gaps(min: u32, max: u32, count: u32, prefix: &[u32]) -> i64 {
        i64::from(prefix[max as usize + 1]) - i64::from(prefix[min as usize]) - i64::from(count)
    }

    /// The change in idle slots from one more meeting at `pos`.
    fn add_cost(&self, pos: u32, prefix: &[u32]) -> i64 {
        if self.count == 0 {
            return 0;
        }
        let before = Self::gaps(self.min, self.max, self.count, prefix);
        let after = Self::gaps(self.min.min(pos), self.max.max(pos), self.count + 1, prefix);
        after - before
    }
}

/// The displaced meetings of a move (at most four: both participants' meetings
/// and holders of the last table and the last interpreter).
#[derive(Clone, Copy, Debug, Default)]
struct Blockers {
    list: [u32; 4],
    len: usize,
}

impl Blockers {
    fn push(&mut self, x: u32) {
        if !self.contains(x) {
            self.list[self.len] = x;
            self.len += 1;
        }
    }

    fn contains(&self, x: u32) -> bool {
        self.list[..self.len].contains(&x)
    }

    fn as_slice(&self) -> &[u32] {
        &self.list[..self.len]
    }
}

/// Bits set in `word`, as slot indices offset by `base`.
fn bits(word: u64, base: usize) -> impl Iterator<Item = usize> {
    let mut rest = word;
    std::iter::from_fn(move || {
        if rest == 0 {
            return None;
        }
        let bit = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        Some(base + bit)
    })
}

/// The working state: items, who is where, and what is left per slot.
struct Grid {
    slots: usize,
    words: usize,
    pairs: usize,
    /// Dense day index and position in day order per slot.
    day: Vec<u32>,
    pos: Vec<u32>,
    /// `participant × (slots + 1)`: available slots before each position.
    buyer_prefix: Vec<u32>,
    supplier_prefix: Vec<u32>,
    items: Vec<Item>,
    /// Per item: slots both can attend, that have tables (if on-site) and an
    /// interpreter of the pair (if needed). `items × words`.
    allowed: Vec<u64>,
    slot_of: Vec<u32>,
    buyer_avail: Vec<u64>,
    supplier_avail: Vec<u64>,
    buyer_busy: Vec<u64>,
    supplier_busy: Vec<u64>,
    /// `participant × slots` → item or `NONE`.
    buyer_at: Vec<u32>,
    supplier_at: Vec<u32>,
    by_buyer: Vec<Vec<u32>>,
    by_supplier: Vec<Vec<u32>>,
    tables_free: Vec<i64>,
    table_ok: Vec<u64>,
    /// `slot × pairs`.
    interp_free: Vec<i64>,
    /// `pairs × words`: slots with a free interpreter of the pair.
    interp_ok: Vec<u64>,
    /// `pairs × words`: slots with any interpreter of the pair.
    interp_any: Vec<u64>,
    /// `slots × classes` → the items there of one class (see [`Grid::class`]).
    in_slot: Vec<Vec<u32>>,
    pos_in_slot: Vec<u32>,
    /// Free tables over all slots, and free interpreters over all slots per pair:
    /// when none is left, no move can make room for one more meeting needing it.
    tables_free_total: i64,
    interp_free_total: Vec<i64>,
    /// Participants whose schedule changed since compaction last looked at them.
    dirty_buyer: Vec<bool>,
    dirty_supplier: Vec<bool>,
    /// Undo log: (item, slot before the move).
    log: Vec<(u32, u32)>,
    // Scratch space.
    contention: Vec<f64>,
    stats_buyer: Vec<DayStat>,
    stats_supplier: Vec<DayStat>,
    tabu: Vec<bool>,
}

impl Grid {
    /// The grid for the selected candidates, and those whose participants are unknown.
    fn new(problem: &Problem, selected: &[u32]) -> (Grid, Vec<(u32, Unplaced)>) {
        let slots = problem.slots.len();
        let words = slots.div_ceil(64);
        let order = SlotOrder::new(problem);
        let day: Vec<u32> = (0..slots).map(|c| order.day_of_pos[order.pos[c] as usize]).collect();
        let prefix = |set: &crate::problem::SlotSet, out: &mut Vec<u32>| {
            let mut count = 0;
            out.push(0);
            for &c in &order.slot_at {
                count += u32::from(set.contains(c));
                out.push(count);
            }
        };
        let mut buyer_prefix = Vec::with_capacity(problem.buyers.len() * (slots + 1));
        for buyer in &problem.buyers {
            prefix(&buyer.available, &mut buyer_prefix);
        }
        let mut supplier_prefix = Vec::with_capacity(problem.suppliers.len() * (slots + 1));
        for supplier in &problem.suppliers {
            prefix(&supplier.available, &mut supplier_prefix);
        }

        let to_words = |set: &crate::problem::SlotSet, out: &mut [u64]| {
            for slot in set.iter().take_while(|&s| (s as usize) < slots) {
                out[slot as usize / 64] |= 1 << (slot % 64);
            }
        };
        let mut buyer_avail = vec![0u64; problem.buyers.len() * words];
        for (b, buyer) in problem.buyers.iter().enumerate() {
            to_words(&buyer.available, &mut buyer_avail[b * words..(b + 1) * words]);
        }
        let mut supplier_avail = vec![0u64; problem.suppliers.len() * words];
        for (s, supplier) in problem.suppliers.iter().enumerate() {
            to_words(&supplier.available, &mut supplier_avail[s * words..(s + 1) * words]);
        }

        let mut previous = BTreeMap::new();
        for &(candidate, slot) in &problem.previous {
            previous.entry(candidate).or_insert(slot);
        }

        let mut items = Vec::with_capacity(selected.len());
        let mut unknown = Vec::new();
        for &c in selected {
            let candidate = &problem.candidates[c as usize];
            if candidate.buyer as usize >= problem.buyers.len()
                || candidate.supplier as usize >= problem.suppliers.len()
            {
                unknown.push((c, Unplaced::NoCommonSlot));
                continue;
            }
            let had_previous = previous.contains_key(&c);
            let previous = previous.get(&c).copied().filter(|&s| (s as usize) < slots).unwrap_or(NONE);
            items.push(Item {
                candidate: c,
                buyer: candidate.buyer,
                supplier: candidate.supplier,
                onsite: candidate.mode == Mode::OnSite,
                pair: candidate.interpreter.map(u32::from),
                must: candidate.mutual_must,
                score: candidate.score,
                previous,
                had_previous,
                status: Status::Free,
                table: None,
                interpreter: None,
            });
        }

        let pairs = items
            .iter()
            .filter_map(|it| it.pair)
            .chain(problem.interpreters.iter().map(|i| u32::from(i.pair)))
            .max()
            .map_or(0, |p| p as usize + 1);
        let mut interp_free = vec![0i64; slots * pairs];
        for interpreter in &problem.interpreters {
            for slot in interpreter.available.iter().take_while(|&s| (s as usize) < slots) {
                interp_free[slot as usize * pairs + interpreter.pair as usize] += 1;
            }
        }
        let interp_free_total = (0..pairs).map(|p| (0..slots).map(|c| interp_free[c * pairs + p]).sum()).collect();
        let mut interp_ok = vec![0u64; pairs * words];
        for slot in 0..slots {
            for p in 0..pairs {
                if interp_free[slot * pairs + p] > 0 {
                    interp_ok[p * words + slot / 64] |= 1 << (slot % 64);
                }
            }
        }
        let tables = i64::from(problem.tables);
        let mut table_ok = vec![0u64; words];
        if tables > 0 {
            for slot in 0..slots {
                table_ok[slot / 64] |= 1 << (slot % 64);
            }
        }

        let mut allowed = vec![0u64; items.len() * words];
        let mut by_buyer = vec![Vec::new(); problem.buyers.len()];
        let mut by_supplier = vec![Vec::new(); problem.suppliers.len()];
        for (m, it) in items.iter().enumerate() {
            let (b, s) = (it.buyer as usize, it.supplier as usize);
            for w in 0..words {
                let mut x = buyer_avail[b * words + w] & supplier_avail[s * words + w];
                if it.onsite {
                    x &= table_ok[w];
                }
                if let Some(p) = it.pair {
                    x &= interp_ok[p as usize * words + w];
                }
                allowed[m * words + w] = x;
            }
            by_buyer[b].push(m as u32);
            by_supplier[s].push(m as u32);
        }

        let n = items.len();
        let grid = Grid {
            slots,
            words,
            pairs,
            day,
            pos: order.pos,
            buyer_prefix,
            supplier_prefix,
            allowed,
            slot_of: vec![NONE; n],
            buyer_busy: vec![0; buyer_avail.len()],
            supplier_busy: vec![0; supplier_avail.len()],
            buyer_avail,
            supplier_avail,
            buyer_at: vec![NONE; problem.buyers.len() * slots],
            supplier_at: vec![NONE; problem.suppliers.len() * slots],
            by_buyer,
            by_supplier,
            tables_free: vec![tables; slots],
            table_ok,
            interp_free,
            interp_any: interp_ok.clone(),
            interp_ok,
            in_slot: vec![Vec::new(); slots * (pairs + 1) * 2],
            pos_in_slot: vec![0; n],
            tables_free_total: tables * slots as i64,
            interp_free_total,
            dirty_buyer: vec![true; problem.buyers.len()],
            dirty_supplier: vec![true; problem.suppliers.len()],
            log: Vec::new(),
            contention: vec![0.0; slots],
            stats_buyer: vec![DayStat::default(); order.days],
            stats_supplier: vec![DayStat::default(); order.days],
            tabu: vec![false; n],
            items,
        };
        (grid, unknown)
    }

    // ---- state ----

    #[inline]
    fn allowed_word(&self, m: usize, w: usize) -> u64 {
        self.allowed[m * self.words + w]
    }

    fn is_allowed(&self, m: usize, c: usize) -> bool {
        self.allowed_word(m, c / 64) >> (c % 64) & 1 == 1
    }

    /// Slots of word `w` where `m` could go now without moving anything.
    #[inline]
    fn free_word(&self, m: usize, w: usize) -> u64 {
        let it = &self.items[m];
        let words = self.words;
        let mut x = self.allowed[m * words + w]
            & !self.buyer_busy[it.buyer as usize * words + w]
            & !self.supplier_busy[it.supplier as usize * words + w];
        if it.onsite {
            x &= self.table_ok[w];
        }
        if let Some(p) = it.pair {
            x &= self.interp_ok[p as usize * words + w];
        }
        x
    }

    fn free_count(&self, m: usize) -> u32 {
        (0..self.words).map(|w| self.free_word(m, w).count_ones()).sum()
    }

    fn can_place(&self, m: usize, c: usize) -> bool {
        self.free_word(m, c / 64) >> (c % 64) & 1 == 1
    }

    fn placed(&self, m: usize) -> bool {
        self.slot_of[m] != NONE
    }

    /// Free to move: neither locked nor rejected.
    fn movable(&self, m: usize) -> bool {
        self.items[m].status == Status::Free
    }

    fn pinned(&self, m: usize) -> bool {
        self.slot_of[m] != NONE && self.slot_of[m] == self.items[m].previous
    }

    /// Moves `m` to slot `to` (or out, with `NONE`), logged for [`Grid::rollback`].
    fn move_to(&mut self, m: usize, to: u32) {
        let from = self.slot_of[m];
        if from == to {
            return;
        }
        self.log.push((m as u32, from));
        self.dirty_buyer[self.items[m].buyer as usize] = true;
        self.dirty_supplier[self.items[m].supplier as usize] = true;
        if from != NONE {
            self.remove(m, from as usize);
        }
        if to != NONE {
            self.add(m, to as usize);
        }
    }

    fn rollback(&mut self, mark: usize) {
        while self.log.len() > mark {
            let Some((m, from)) = self.log.pop() else { break };
            let m = m as usize;
            let current = self.slot_of[m];
            if current != NONE {
                self.remove(m, current as usize);
            }
            if from != NONE {
                self.add(m, from as usize);
            }
        }
    }

    fn add(&mut self, m: usize, c: usize) {
        let it = self.items[m];
        let (w, bit) = (c / 64, 1u64 << (c % 64));
        let (b, s) = (it.buyer as usize, it.supplier as usize);
        self.slot_of[m] = c as u32;
        self.buyer_at[b * self.slots + c] = m as u32;
        self.supplier_at[s * self.slots + c] = m as u32;
        self.buyer_busy[b * self.words + w] |= bit;
        self.supplier_busy[s * self.words + w] |= bit;
        if it.onsite {
            self.tables_free[c] -= 1;
            self.tables_free_total -= 1;
            if self.tables_free[c] <= 0 {
                self.table_ok[w] &= !bit;
            }
        }
        if let Some(p) = it.pair {
            let k = c * self.pairs + p as usize;
            self.interp_free[k] -= 1;
            self.interp_free_total[p as usize] -= 1;
            if self.interp_free[k] <= 0 {
                self.interp_ok[p as usize * self.words + w] &= !bit;
            }
        }
        let k = self.class_list(c, m);
        self.pos_in_slot[m] = self.in_slot[k].len() as u32;
        self.in_slot[k].push(m as u32);
    }

    fn remove(&mut self, m: usize, c: usize) {
        let it = self.items[m];
        let (w, bit) = (c / 64, 1u64 << (c % 64));
        let (b, s) = (it.buyer as usize, it.supplier as usize);
        self.slot_of[m] = NONE;
        self.buyer_at[b * self.slots + c] = NONE;
        self.supplier_at[s * self.slots + c] = NONE;
        self.buyer_busy[b * self.words + w] &= !bit;
        self.supplier_busy[s * self.words + w] &= !bit;
        if it.onsite {
            self.tables_free[c] += 1;
            self.tables_free_total += 1;
            if self.tables_free[c] > 0 {
                self.table_ok[w] |= bit;
            }
        }
        if let Some(p) = it.pair {
            let k = c * self.pairs + p as usize;
            self.interp_free[k] += 1;
            self.interp_free_total[p as usize] += 1;
            if self.interp_free[k] > 0 {
                self.interp_ok[p as usize * self.words + w] |= bit;
            }
        }
        let pos = self.pos_in_slot[m] as usize;
        let k = self.class_list(c, m);
        let list = &mut self.in_slot[k];
        list.swap_remove(pos);
        if let Some(&moved) = list.get(pos) {
            self.pos_in_slot[moved as usize] = pos as u32;
        }
    }

    /// The class of an item: what it holds besides its participants (a table, an
    /// interpreter of one pair), as an index `0..(pairs + 1) * 2`.
    fn class(&self, m: usize) -> usize {
        let it = &self.items[m];
        it.pair.map_or(0, |p| p as usize + 1) * 2 + usize::from(it.onsite)
    }

    fn class_list(&self, c: usize, m: usize) -> usize {
        c * (self.pairs + 1) * 2 + self.class(m)
    }

    /// Items in slot `c`, by class.
    fn in_slot(&self, c: usize) -> impl Iterator<Item = u32> + '_ {
        let classes = (self.pairs + 1) * 2;
        self.in_slot[c * classes..(c + 1) * classes].iter().flatten().copied()
    }

    /// Whether moves could make room for one more meeting like `m` at all.
    fn room_left(&self, m: usize) -> bool {
        let it = &self.items[m];
        (!it.onsite || self.tables_free_total > 0) && it.pair.is_none_or(|p| self.interp_free_total[p as usize] > 0)
    }

    /// Items in priority order that are movable, unplaced and could go somewhere.
    fn unplaced_by_priority(&self) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.items.len())
            .filter(|&m| self.movable(m) && !self.placed(m) && (0..self.words).any(|w| self.allowed_word(m, w) != 0))
            .collect();
        out.sort_by_key(|&m| self.items[m].priority());
        out
    }

    // ---- phases ----

    fn place_locks(&mut self, problem: &Problem) {
        let mut item_of = BTreeMap::new();
        for (m, it) in self.items.iter().enumerate() {
            item_of.insert(it.candidate, m);
        }
        let mut done = BTreeSet::new();
        let mut tables = BTreeSet::new();
        let mut interpreters = BTreeSet::new();
        for lock in &problem.locks {
            let Some(&m) = item_of.get(&lock.candidate) else { continue };
            if !done.insert(lock.candidate) {
                continue;
            }
            let it = self.items[m];
            let c = lock.slot as usize;
            let (b, s) = (it.buyer as usize, it.supplier as usize);
            let in_word = |words: &[u64], base: usize| c < self.slots && words[base + c / 64] >> (c % 64) & 1 == 1;
            let verdict =
                if !in_word(&self.buyer_avail, b * self.words) || !in_word(&self.supplier_avail, s * self.words) {
                    Err(Unplaced::NoCommonSlot)
                } else if self.buyer_at[b * self.slots + c] != NONE || self.supplier_at[s * self.slots + c] != NONE {
                    Err(Unplaced::Crowded)
                } else if !match (it.onsite, lock.table) {
                    (true, Some(t)) => t < problem.tables && !tables.contains(&(c, t)),
                    (false, None) => true,
                    _ => false,
                } {
                    Err(Unplaced::NoTable)
                } else if !match (it.pair, lock.interpreter) {
                    (Some(p), Some(i)) => problem.interpreters.get(i as usize).is_some_and(|interpreter| {
                        u32::from(interpreter.pair) == p
                            && interpreter.available.contains(lock.slot)
                            && !interpreters.contains(&(c, i))
                    }),
                    (None, None) => true,
                    _ => false,
                } {
                    Err(Unplaced::NoInterpreter)
                } else {
                    Ok(())
                };
            match verdict {
                Ok(()) => {
                    if let Some(t) = lock.table {
                        tables.insert((c, t));
                    }
                    if let Some(i) = lock.interpreter {
                        interpreters.insert((c, i));
                    }
                    let item = &mut self.items[m];
                    item.status = Status::Locked;
                    item.table = lock.table;
                    item.interpreter = lock.interpreter;
                    self.add(m, c);
                }
                Err(reason) => self.items[m].status = Status::Rejected(reason),
            }
        }
    }

    fn place_previous(&mut self) {
        let mut order: Vec<usize> =
            (0..self.items.len()).filter(|&m| self.movable(m) && self.items[m].previous != NONE).collect();
        order.sort_by_key(|&m| self.items[m].priority());
        for m in order {
            let c = self.items[m].previous as usize;
            if self.can_place(m, c) {
                self.add(m, c);
            }
        }
    }

    /// DSatur: the most constrained meeting first, with lazily updated counts.
    fn greedy(&mut self) {
        // Must first, then fewest free slots, then fewest meetings competing for
        // the same two participants, then the highest score.
        type Key = (bool, u32, usize, Reverse<i64>, u32, u32);
        let degree: Vec<usize> = self
            .items
            .iter()
            .map(|it| self.by_buyer[it.buyer as usize].len() + self.by_supplier[it.supplier as usize].len())
            .collect();
        let key = |it: &Item, count: u32, m: usize| -> Key {
            (!it.must, count, degree[m], Reverse(it.score), it.candidate, m as u32)
        };
        let n = self.items.len();
        let mut last = vec![u32::MAX; n];
        let mut heap: BinaryHeap<Reverse<Key>> = BinaryHeap::new();
        for (m, last) in last.iter_mut().enumerate() {
            if self.movable(m) && !self.placed(m) {
                let count = self.free_count(m);
                if count > 0 {
                    *last = count;
                    heap.push(Reverse(key(&self.items[m], count, m)));
                }
            }
        }
        while let Some(Reverse((_, count, _, _, _, m))) = heap.pop() {
            let m = m as usize;
            if self.placed(m) || count != last[m] {
                continue;
            }
            let now = self.free_count(m);
            if now == 0 {
                continue;
            }
            if now != count {
                last[m] = now;
                heap.push(Reverse(key(&self.items[m], now, m)));
                continue;
            }
            let c = self.choose_slot(m);
            self.add(m, c);
            let it = self.items[m];
            for side in 0..2 {
                let len = if side == 0 {
                    self.by_buyer[it.buyer as usize].len()
                } else {
                    self.by_supplier[it.supplier as usize].len()
                };
                for i in 0..len {
                    let x = if side == 0 {
                        self.by_buyer[it.buyer as usize][i]
                    } else {
                        self.by_supplier[it.supplier as usize][i]
                    } as usize;
                    if self.placed(x) || !self.movable(x) {
                        continue;
                    }
                    let count = self.free_count(x);
                    if count > 0 && count < last[x] {
                        last[x] = count;
                        heap.push(Reverse(key(&self.items[x], count, x)));
                    }
                }
            }
        }
    }

    /// Fills the per-day statistics of a participant's placed items, but `skip`.
    fn fill_stats(&self, list: &[u32], skip: usize, stats: &mut [DayStat]) {
        for &x in list {
            let x = x as usize;
            let c = self.slot_of[x];
            if x == skip || c == NONE {
                continue;
            }
            stats[self.day[c as usize] as usize].add(self.pos[c as usize]);
        }
    }

    fn clear_stats(&self, list: &[u32], stats: &mut [DayStat]) {
        for &x in list {
            let c = self.slot_of[x as usize];
            if c != NONE {
                stats[self.day[c as usize] as usize] = DayStat::default();
            }
        }
    }

    /// Runs `f` with the day statistics of both participants of `m` (without `m`).
    fn with_stats<T>(&mut self, m: usize, f: impl FnOnce(&Grid, &[DayStat], &[DayStat]) -> T) -> T {
        let it = self.items[m];
        let mut sb = std::mem::take(&mut self.stats_buyer);
        let mut ss = std::mem::take(&mut self.stats_supplier);
        let (lb, ls) = (&self.by_buyer[it.buyer as usize], &self.by_supplier[it.supplier as usize]);
        self.fill_stats(lb, m, &mut sb);
        self.fill_stats(ls, m, &mut ss);
        let out = f(self, &sb, &ss);
        self.clear_stats(lb, &mut sb);
        self.clear_stats(ls, &mut ss);
        self.stats_buyer = sb;
        self.stats_supplier = ss;
        out
    }

    fn buyer_prefix(&self, b: u32) -> &[u32] {
        let n = self.slots + 1;
        &self.buyer_prefix[b as usize * n..(b as usize + 1) * n]
    }

    fn supplier_prefix(&self, s: u32) -> &[u32] {
        let n = self.slots + 1;
        &self.supplier_prefix[s as usize * n..(s as usize + 1) * n]
    }

    /// Change in idle slots of both participants of `m` from `m` being in slot
    /// `c`, given their day statistics without `m`.
    fn gap_cost(&self, m: usize, c: usize, sb: &[DayStat], ss: &[DayStat]) -> i64 {
        let it = &self.items[m];
        let (d, k) = (self.day[c] as usize, self.pos[c]);
        sb[d].add_cost(k, self.buyer_prefix(it.buyer)) + ss[d].add_cost(k, self.supplier_prefix(it.supplier))
    }

    /// The best free slot for an unplaced `m`, which must have one.
    fn choose_slot(&mut self, m: usize) -> usize {
        let it = self.items[m];
        if it.previous != NONE && self.can_place(m, it.previous as usize) {
            return it.previous as usize;
        }
        let mut contention = std::mem::take(&mut self.contention);
        let lists = [&self.by_buyer[it.buyer as usize], &self.by_supplier[it.supplier as usize]];
        for list in lists {
            for &n in list {
                let n = n as usize;
                if n == m || self.placed(n) || !self.movable(n) {
                    continue;
                }
                let count = self.free_count(n);
                if count == 0 {
                    continue;
                }
                let weight = 1.0 / f64::from(count);
                for w in 0..self.words {
                    for c in bits(self.free_word(n, w) & self.free_word(m, w), w * 64) {
                        contention[c] += weight;
                    }
                }
            }
        }
        let best = self.with_stats(m, |grid, sb, ss| {
            let mut best = (f64::INFINITY, usize::MAX);
            for w in 0..grid.words {
                for c in bits(grid.free_word(m, w), w * 64) {
                    let mut cost = contention[c] + GAP_COST * grid.gap_cost(m, c, sb, ss) as f64;
                    if it.onsite {
                        cost += SCARCITY_COST / grid.tables_free[c] as f64;
                    }
                    if let Some(p) = it.pair {
                        cost += SCARCITY_COST / grid.interp_free[c * grid.pairs + p as usize] as f64;
                    }
                    if cost < best.0 {
                        best = (cost, c);
                    }
                }
            }
            best.1
        });
        for w in 0..self.words {
            for c in bits(self.free_word(m, w), w * 64) {
                contention[c] = 0.0;
            }
        }
        self.contention = contention;
        best
    }

    /// Repairs unplaced meetings by priority, while a pass places any. Whether
    /// any was placed.
    fn repair_all(&mut self, options: &PlaceOptions) -> bool {
        let mut placed = false;
        loop {
            let mut progress = false;
            for m in self.unplaced_by_priority() {
                if self.repair(m, options) {
                    progress = true;
                }
            }
            self.log.clear();
            if !progress {
                return placed;
            }
            placed = true;
        }
    }

    /// Places `m` directly, by a Kempe chain or by an ejection chain.
    fn repair(&mut self, m: usize, options: &PlaceOptions) -> bool {
        if self.placed(m) {
            return true;
        }
        if self.free_count(m) > 0 {
            let c = self.choose_slot(m);
            self.move_to(m, c as u32);
            return true;
        }
        if !self.room_left(m) {
            return false;
        }
        if self.kempe(m, options) {
            return true;
        }
        let mut pending = vec![m as u32];
        let mut nodes = options.chain_nodes;
        let mark = self.log.len();
        self.tabu[m] = true;
        let done = self.chain(&mut pending, options.chain_depth, &mut nodes);
        // On failure the chain has cleared its own marks; on success, clear them.
        self.tabu[m] = false;
        for k in mark..self.log.len() {
            let x = self.log[k].0 as usize;
            self.tabu[x] = false;
        }
        done
    }

    /// Swaps `c` and `d` along an alternating path to free `c` for `m`.
    fn kempe(&mut self, m: usize, options: &PlaceOptions) -> bool {
        let it = self.items[m];
        let (b, s) = (it.buyer as usize, it.supplier as usize);
        let mut tries = 0u32;
        // (pinned meetings moved, length, c, d, from the buyer)
        let mut best: Option<(u32, usize, usize, usize, bool)> = None;
        let mut path = Vec::new();
        'outer: for w in 0..self.words {
            for c in bits(self.allowed_word(m, w), w * 64) {
                let from_buyer =
                    match (self.buyer_at[b * self.slots + c] != NONE, self.supplier_at[s * self.slots + c] != NONE) {
                        (true, false) => true,
                        (false, true) => false,
                        _ => continue,
                    };
                for v in 0..self.words {
                    let free = if from_buyer {
                        self.buyer_avail[b * self.words + v] & !self.buyer_busy[b * self.words + v]
                    } else {
                        self.supplier_avail[s * self.words + v] & !self.supplier_busy[s * self.words + v]
                    };
                    for d in bits(free, v * 64) {
                        tries += 1;
                        if tries > options.kempe_tries {
                            break 'outer;
                        }
                        if let Some((pinned, len)) = self.kempe_path(m, c, d, from_buyer, options, &mut path) {
                            if best.is_none_or(|(p, l, ..)| (pinned, len) < (p, l)) {
                                best = Some((pinned, len, c, d, from_buyer));
                            }
                            if pinned == 0 {
                                break 'outer;
                            }
                        }
                    }
                }
            }
        }
        let Some((_, _, c, d, from_buyer)) = best else { return false };
        if self.kempe_path(m, c, d, from_buyer, options, &mut path).is_none() {
            return false;
        }
        let moves: Vec<(usize, u32)> = path
            .iter()
            .map(|&e| {
                let e = e as usize;
                (e, if self.slot_of[e] as usize == c { d as u32 } else { c as u32 })
            })
            .collect();
        for &(e, _) in &moves {
            self.move_to(e, NONE);
        }
        for &(e, to) in &moves {
            debug_assert!(self.can_place(e, to as usize));
            self.move_to(e, to);
        }
        debug_assert!(self.can_place(m, c));
        self.move_to(m, c as u32);
        true
    }

    /// The alternating `c`/`d` path from the participant of `m` that is busy in
    /// `c`, into `path`; with the pinned meetings it moves and its length, if
    /// swapping it is allowed and leaves `c` free for `m`.
    fn kempe_path(
        &self,
        m: usize,
        c: usize,
        d: usize,
        from_buyer: bool,
        options: &PlaceOptions,
        path: &mut Vec<u32>,
    ) -> Option<(u32, usize)> {
        let it = self.items[m];
        path.clear();
        let mut on_buyer = from_buyer;
        let mut vertex = if from_buyer { it.buyer } else { it.supplier } as usize;
        let mut colour = c;
        loop {
            let e = if on_buyer {
                self.buyer_at[vertex * self.slots + colour]
            } else {
                self.supplier_at[vertex * self.slots + colour]
            };
            if e == NONE {
                break;
            }
            let e = e as usize;
            let other = if colour == c { d } else { c };
            if path.len() >= options.kempe_length as usize || !self.movable(e) || !self.is_allowed(e, other) {
                return None;
            }
            path.push(e as u32);
            let ei = &self.items[e];
            vertex = if on_buyer { ei.supplier } else { ei.buyer } as usize;
            on_buyer = !on_buyer;
            colour = other;
        }
        // Tables and interpreters after the swap and `m` in `c`.
        let (mut tables_c, mut tables_d) = (i64::from(it.onsite), 0i64);
        let mut interp: Vec<(u32, i64, i64)> = Vec::new();
        if let Some(p) = it.pair {
            interp.push((p, 1, 0));
        }
        let mut pinned = 0;
        for &e in path.iter() {
            let e = e as usize;
            let ei = &self.items[e];
            let to_d = self.slot_of[e] as usize == c;
            let sign = if to_d { -1 } else { 1 };
            if ei.onsite {
                tables_c += sign;
                tables_d -= sign;
            }
            if let Some(p) = ei.pair {
                match interp.iter_mut().find(|(q, ..)| *q == p) {
                    Some(entry) => {
                        entry.1 += sign;
                        entry.2 -= sign;
                    }
                    None => interp.push((p, sign, -sign)),
                }
            }
            if self.pinned(e) {
                pinned += 1;
            }
        }
        if tables_c > self.tables_free[c] || tables_d > self.tables_free[d] {
            return None;
        }
        for &(p, dc, dd) in &interp {
            if dc > self.interp_free[c * self.pairs + p as usize] || dd > self.interp_free[d * self.pairs + p as usize]
            {
                return None;
            }
        }
        Some((pinned, path.len()))
    }

    /// Who must leave slot `c` for `m` to go there, unless one of them is tabu or
    /// fixed.
    fn blockers(&self, m: usize, c: usize) -> Option<Blockers> {
        if !self.is_allowed(m, c) {
            return None;
        }
        let it = self.items[m];
        let mut out = Blockers::default();
        for x in
            [self.buyer_at[it.buyer as usize * self.slots + c], self.supplier_at[it.supplier as usize * self.slots + c]]
        {
            if x == NONE {
                continue;
            }
            if !self.movable(x as usize) || self.tabu[x as usize] {
                return None;
            }
            out.push(x);
        }
        if it.onsite {
            let freed = out.as_slice().iter().filter(|&&x| self.items[x as usize].onsite).count() as i64;
            if self.tables_free[c] + freed < 1 {
                out.push(self.victim(c, &out, None)?);
            }
        }
        if let Some(p) = it.pair {
            let freed = out.as_slice().iter().filter(|&&x| self.items[x as usize].pair == Some(p)).count() as i64;
            if self.interp_free[c * self.pairs + p as usize] + freed < 1 {
                out.push(self.victim(c, &out, Some(p))?);
            }
        }
        Some(out)
    }

    /// A meeting in `c` that holds a table (`pair` is `None`) or an interpreter of
    /// `pair`: preferably one that could move elsewhere at once, then one not at
    /// its previous slot, then the lightest. The choice depends on the state only,
    /// not on the order of earlier moves, so a rerun searches as this run did.
    fn victim(&self, c: usize, taken: &Blockers, pair: Option<u32>) -> Option<u32> {
        let base = c * (self.pairs + 1) * 2;
        let classes: Vec<usize> = match pair {
            None => (0..=self.pairs).map(|q| base + q * 2 + 1).collect(),
            Some(p) => vec![base + (p as usize + 1) * 2, base + (p as usize + 1) * 2 + 1],
        };
        classes
            .iter()
            .flat_map(|&k| &self.in_slot[k])
            .copied()
            .filter(|&x| self.movable(x as usize) && !self.tabu[x as usize] && !taken.contains(x))
            .min_by_key(|&x| {
                let (xi, it) = (x as usize, &self.items[x as usize]);
                (self.free_count(xi) == 0, self.pinned(xi), it.weight(), it.candidate)
            })
    }

    /// Depth-first ejection chain: places every pending meeting, displacing at most
    /// `depth` more in all. On failure, everything is as it was.
    fn chain(&mut self, pending: &mut Vec<u32>, depth: u32, nodes: &mut u32) -> bool {
        let Some(m) = pending.pop() else { return true };
        let m = m as usize;
        if self.free_count(m) > 0 {
            let mark = self.log.len();
            let c = self.choose_slot(m);
            self.move_to(m, c as u32);
            if self.chain(pending, depth, nodes) {
                return true;
            }
            self.rollback(mark);
        }
        if depth > 0 {
            let mut moves: Vec<(usize, u32, usize, Blockers)> = Vec::new();
            for w in 0..self.words {
                for c in bits(self.allowed_word(m, w), w * 64) {
                    if let Some(found) = self.blockers(m, c)
                        && found.len > 0
                        && found.len <= depth as usize
                    {
                        let pinned = found.as_slice().iter().filter(|&&x| self.pinned(x as usize)).count() as u32;
                        moves.push((found.len, pinned, c, found));
                    }
                }
            }
            moves.sort_by_key(|&(len, pinned, c, _)| (len, pinned, c));
            for (len, _, c, found) in moves {
                if *nodes == 0 {
                    break;
                }
                *nodes -= 1;
                let mark = self.log.len();
                for &x in found.as_slice() {
                    self.move_to(x as usize, NONE);
                    self.tabu[x as usize] = true;
                    pending.push(x);
                }
                if self.can_place(m, c) {
                    self.move_to(m, c as u32);
                    if self.chain(pending, depth - len as u32, nodes) {
                        return true;
                    }
                }
                self.rollback(mark);
                for &x in found.as_slice() {
                    self.tabu[x as usize] = false;
                }
                pending.truncate(pending.len() - len);
            }
        }
        pending.push(m as u32);
        false
    }

    /// Lets unplaced meetings displace lighter ones, which are then repaired.
    /// Whether any did.
    fn swap_all(&mut self, options: &PlaceOptions) -> bool {
        let mut swapped = false;
        for m in self.unplaced_by_priority() {
            if self.placed(m) {
                continue;
            }
            let weight = self.items[m].weight();
            // The lightest meetings to give up, then the fewest pinned, then the
            // fewest idle slots.
            let best = self.with_stats(m, |grid, sb, ss| {
                let mut best: Option<((Weight, u32, i64), usize, Blockers)> = None;
                for w in 0..grid.words {
                    for c in bits(grid.allowed_word(m, w), w * 64) {
                        let Some(found) = grid.blockers(m, c) else { continue };
                        let lost = found
                            .as_slice()
                            .iter()
                            .fold(Weight::default(), |sum, &x| sum.add(grid.items[x as usize].weight()));
                        let pinned = found.as_slice().iter().filter(|&&x| grid.pinned(x as usize)).count() as u32;
                        let key = (lost, pinned, grid.gap_cost(m, c, sb, ss));
                        if lost < weight && best.is_none_or(|(k, ..)| key < k) {
                            best = Some((key, c, found));
                        }
                    }
                }
                best
            });
            let Some((_, c, found)) = best else { continue };
            let mark = self.log.len();
            for &x in found.as_slice() {
                self.move_to(x as usize, NONE);
            }
            if !self.can_place(m, c) {
                self.rollback(mark);
                continue;
            }
            self.move_to(m, c as u32);
            for &x in found.as_slice() {
                self.repair(x as usize, options);
            }
            self.log.clear();
            swapped = true;
        }
        swapped
    }

    /// Repairs and swaps until neither changes anything, with every placed
    /// meeting taken as pinned where it is and the unplaced as new: exactly how a
    /// rerun with this placement as its previous one sees it. So that rerun finds
    /// nothing to move.
    fn settle(&mut self, options: &PlaceOptions) {
        let previous: Vec<u32> = self.items.iter().map(|it| it.previous).collect();
        for (it, &slot) in self.items.iter_mut().zip(&self.slot_of) {
            it.previous = slot;
        }
        for _ in 0..options.rounds.max(1) {
            let repaired = self.repair_all(options);
            if !(self.swap_all(options) || repaired) {
                break;
            }
            // Only meetings placed or moved just now are free to move.
            self.compact(options.compact_passes);
        }
        for (it, slot) in self.items.iter_mut().zip(previous) {
            it.previous = slot;
        }
    }

    /// The placed weight of the unlocked items, and how many moved.
    fn score(&self) -> (Weight, u32) {
        let mut weight = Weight::default();
        let mut moved = 0;
        for (m, it) in self.items.iter().enumerate() {
            if it.status == Status::Free && self.placed(m) {
                weight = weight.add(it.weight());
                if it.had_previous && self.slot_of[m] != it.previous {
                    moved += 1;
                }
            }
        }
        (weight, moved)
    }

    /// Branch and bound over the unlocked items: most weight, then fewest moves.
    fn exact(&mut self, budget: u64) {
        let (weight, moved) = self.score();
        let mut vars: Vec<usize> = (0..self.items.len())
            .filter(|&m| self.movable(m) && (0..self.words).any(|w| self.allowed_word(m, w) != 0))
            .collect();
        let all = vars.iter().fold(Weight::default(), |sum, &m| sum.add(self.items[m].weight()));
        if vars.is_empty() || (weight == all && moved == 0) {
            return;
        }
        let allowed_count = |m: usize| (0..self.words).map(|w| self.allowed_word(m, w).count_ones()).sum::<u32>();
        vars.sort_by_key(|&m| (allowed_count(m), self.items[m].priority()));
        let mut search = Exact {
            best: (weight, Reverse(moved)),
            best_slots: vars.iter().map(|&m| self.slot_of[m]).collect(),
            slots: vec![NONE; vars.len()],
            rest: Vec::with_capacity(vars.len() + 1),
            nodes: budget,
        };
        let mut rest = Weight::default();
        search.rest.push(rest);
        for &m in vars.iter().rev() {
            rest = rest.add(self.items[m].weight());
            search.rest.push(rest);
        }
        search.rest.reverse();
        for &m in &vars {
            self.move_to(m, NONE);
        }
        search.run(self, &vars, 0, Weight::default(), 0);
        for &m in &vars {
            self.move_to(m, NONE);
        }
        for (&m, &c) in vars.iter().zip(&search.best_slots) {
            if c != NONE {
                self.move_to(m, c);
            }
        }
        self.log.clear();
    }

    /// Moves meetings back to their previous slot when free, and others to slots
    /// with fewer idle gaps. Whether anything moved.
    fn compact(&mut self, passes: u32) -> bool {
        let mut changed = false;
        for _ in 0..passes {
            let mut improved = false;
            // Only meetings of participants whose day changed since the last look.
            let todo: Vec<usize> = (0..self.items.len())
                .filter(|&m| {
                    let it = &self.items[m];
                    self.dirty_buyer[it.buyer as usize] || self.dirty_supplier[it.supplier as usize]
                })
                .collect();
            self.dirty_buyer.iter_mut().for_each(|d| *d = false);
            self.dirty_supplier.iter_mut().for_each(|d| *d = false);
            for m in todo {
                let c = self.slot_of[m];
                if !self.movable(m) || c == NONE || self.pinned(m) {
                    continue;
                }
                let previous = self.items[m].previous;
                if previous != NONE && self.can_place(m, previous as usize) {
                    self.move_to(m, previous);
                    improved = true;
                    continue;
                }
                let target = self.with_stats(m, |grid, sb, ss| {
                    let mut best = (grid.gap_cost(m, c as usize, sb, ss), NONE);
                    for w in 0..grid.words {
                        for c2 in bits(grid.free_word(m, w), w * 64) {
                            let cost = grid.gap_cost(m, c2, sb, ss);
                            if cost < best.0 {
                                best = (cost, c2 as u32);
                            }
                        }
                    }
                    best.1
                });
                if target != NONE {
                    self.move_to(m, target);
                    improved = true;
                } else if self.compact_swap(m) {
                    improved = true;
                }
            }
            self.log.clear();
            if !improved {
                break;
            }
            changed = true;
        }
        changed
    }

    /// Swaps placed `m` with another meeting of one of its participants (which
    /// keeps that participant's day as it is) when that sends one of them back to
    /// its previous slot, or else lets the two other participants idle less.
    fn compact_swap(&mut self, m: usize) -> bool {
        let c = self.slot_of[m] as usize;
        let it = self.items[m];
        let mut best: Option<((i64, i64), usize)> = None;
        for side in 0..2 {
            let list =
                if side == 0 { &self.by_buyer[it.buyer as usize] } else { &self.by_supplier[it.supplier as usize] };
            for &x in list {
                let x = x as usize;
                let c2 = self.slot_of[x];
                if x == m || c2 == NONE || !self.movable(x) || self.pinned(x) {
                    continue;
                }
                let c2 = c2 as usize;
                let xi = &self.items[x];
                if !self.is_allowed(m, c2) || !self.is_allowed(x, c) || !self.swap_fits(m, c, x, c2) {
                    continue;
                }
                // The participants that change slots: q (of `m`) and q2 (of `x`).
                let (q_free, q2_free, gain) = if side == 0 {
                    (
                        self.supplier_at[it.supplier as usize * self.slots + c2] == NONE,
                        self.supplier_at[xi.supplier as usize * self.slots + c] == NONE,
                        self.move_delta(
                            &self.by_supplier[it.supplier as usize],
                            self.supplier_prefix(it.supplier),
                            m,
                            c,
                            c2,
                        ) + self.move_delta(
                            &self.by_supplier[xi.supplier as usize],
                            self.supplier_prefix(xi.supplier),
                            x,
                            c2,
                            c,
                        ),
                    )
                } else {
                    (
                        self.buyer_at[it.buyer as usize * self.slots + c2] == NONE,
                        self.buyer_at[xi.buyer as usize * self.slots + c] == NONE,
                        self.move_delta(&self.by_buyer[it.buyer as usize], self.buyer_prefix(it.buyer), m, c, c2)
                            + self.move_delta(&self.by_buyer[xi.buyer as usize], self.buyer_prefix(xi.buyer), x, c2, c),
                    )
                };
                if !q_free || !q2_free {
                    continue;
                }
                let back = -i64::from(it.previous == c2 as u32) - i64::from(xi.previous == c as u32);
                let key = (back, gain);
                if key < (0, 0) && best.is_none_or(|(k, _)| key < k) {
                    best = Some((key, x));
                }
            }
        }
        let Some((_, x)) = best else { return false };
        let c2 = self.slot_of[x];
        self.move_to(m, NONE);
        self.move_to(x, c as u32);
        self.move_to(m, c2);
        true
    }

    /// Whether tables and interpreters allow `m` (in `c`) and `x` (in `c2`) to swap.
    fn swap_fits(&self, m: usize, c: usize, x: usize, c2: usize) -> bool {
        let (a, b) = (&self.items[m], &self.items[x]);
        if self.class(m) == self.class(x) {
            return true;
        }
        let tables = i64::from(b.onsite) - i64::from(a.onsite);
        if tables > self.tables_free[c] || -tables > self.tables_free[c2] {
            return false;
        }
        [a.pair, b.pair].into_iter().flatten().all(|p| {
            let into_c = i64::from(b.pair == Some(p)) - i64::from(a.pair == Some(p));
            into_c <= self.interp_free[c * self.pairs + p as usize]
                && -into_c <= self.interp_free[c2 * self.pairs + p as usize]
        })
    }

    /// Change in the idle slots of the participant with items `list` and
    /// availability `prefix` when `m` moves from `from` to `to`.
    fn move_delta(&self, list: &[u32], prefix: &[u32], m: usize, from: usize, to: usize) -> i64 {
        let (day_from, day_to) = (self.day[from], self.day[to]);
        let (mut at_from, mut at_to) = (DayStat::default(), DayStat::default());
        for &x in list {
            let c = self.slot_of[x as usize];
            if x as usize == m || c == NONE {
                continue;
            }
            let (d, k) = (self.day[c as usize], self.pos[c as usize]);
            if d == day_from {
                at_from.add(k);
            }
            if d == day_to {
                at_to.add(k);
            }
        }
        at_to.add_cost(self.pos[to], prefix) - at_from.add_cost(self.pos[from], prefix)
    }

    /// Why an unplaced movable item is out, given the final state.
    fn reason(&self, m: usize) -> Unplaced {
        let it = self.items[m];
        let (b, s, words) = (it.buyer as usize, it.supplier as usize, self.words);
        let common = |w: usize| self.buyer_avail[b * words + w] & self.supplier_avail[s * words + w];
        if (0..words).all(|w| common(w) == 0) {
            return Unplaced::NoCommonSlot;
        }
        if let Some(p) = it.pair
            && (0..words).all(|w| common(w) & self.interp_any[p as usize * words + w] == 0)
        {
            return Unplaced::NoInterpreter;
        }
        if it.onsite && (0..words).all(|w| self.allowed_word(m, w) == 0) {
            return Unplaced::NoTable;
        }
        let people = |w: usize| common(w) & !self.buyer_busy[b * words + w] & !self.supplier_busy[s * words + w];
        if (0..words).all(|w| people(w) == 0) {
            return Unplaced::Crowded;
        }
        if let Some(p) = it.pair
            && (0..words).all(|w| people(w) & self.interp_ok[p as usize * words + w] == 0)
        {
            return Unplaced::NoInterpreter;
        }
        if it.onsite { Unplaced::NoTable } else { Unplaced::Crowded }
    }

    fn output(self, problem: &Problem, mut unplaced: Vec<(u32, Unplaced)>) -> Placement {
        let mut meetings = Vec::with_capacity(self.items.len());
        let mut by_pair: Vec<Vec<u32>> = vec![Vec::new(); self.pairs];
        for (i, interpreter) in problem.interpreters.iter().enumerate() {
            by_pair[interpreter.pair as usize].push(i as u32);
        }
        for c in 0..self.slots {
            let mut here: Vec<u32> = self.in_slot(c).collect();
            here.sort_by_key(|&x| self.items[x as usize].candidate);
            let locked = || here.iter().map(|&x| &self.items[x as usize]).filter(|it| it.status == Status::Locked);
            let tables: BTreeSet<u32> = locked().filter_map(|it| it.table).collect();
            let interps: BTreeSet<u32> = locked().filter_map(|it| it.interpreter).collect();
            let mut next_table = 0u32;
            let mut next_interp = vec![0usize; self.pairs];
            for &x in &here {
                let it = self.items[x as usize];
                if it.status == Status::Locked {
                    meetings.push(Meeting {
                        candidate: it.candidate,
                        slot: c as u32,
                        table: it.table,
                        interpreter: it.interpreter,
                        locked: true,
                    });
                    continue;
                }
                let table = it.onsite.then(|| {
                    while tables.contains(&next_table) {
                        next_table += 1;
                    }
                    next_table += 1;
                    next_table - 1
                });
                let interpreter = it.pair.and_then(|p| {
                    let list = &by_pair[p as usize];
                    let k = &mut next_interp[p as usize];
                    while *k < list.len() {
                        let i = list[*k];
                        *k += 1;
                        if problem.interpreters[i as usize].available.contains(c as u32) && !interps.contains(&i) {
                            return Some(i);
                        }
                    }
                    None
                });
                meetings.push(Meeting { candidate: it.candidate, slot: c as u32, table, interpreter, locked: false });
            }
        }
        meetings.sort_by_key(|m| m.candidate);
        for (m, it) in self.items.iter().enumerate() {
            match it.status {
                Status::Rejected(reason) => unplaced.push((it.candidate, reason)),
                _ if !self.placed(m) => unplaced.push((it.candidate, self.reason(m))),
                _ => {}
            }
        }
        unplaced.sort_unstable();
        let (_, moved) = self.score();
        Placement { meetings, unplaced, moved_from_previous: moved }
    }
}

/// The branch and bound of [`Grid::exact`].
struct Exact {
    best: (Weight, Reverse<u32>),
    best_slots: Vec<u32>,
    slots: Vec<u32>,
    /// `rest[i]`: the weight of `vars[i..]`.
    rest: Vec<Weight>,
    nodes: u64,
}

impl Exact {
    fn run(&mut self, grid: &mut Grid, vars: &[usize], i: usize, weight: Weight, moved: u32) {
        if self.nodes == 0 {
            return;
        }
        self.nodes -= 1;
        if (weight.add(self.rest[i]), Reverse(moved)) <= self.best
            || (weight.add(self.rest[i]).sub(Self::lost(grid, &vars[i..])), Reverse(moved)) <= self.best
        {
            return;
        }
        let Some(&m) = vars.get(i) else {
            self.best = (weight, Reverse(moved));
            self.best_slots.clone_from(&self.slots);
            return;
        };
        let it = grid.items[m];
        let mut order: Vec<usize> = Vec::new();
        if it.previous != NONE && grid.can_place(m, it.previous as usize) {
            order.push(it.previous as usize);
        }
        for w in 0..grid.words {
            order.extend(bits(grid.free_word(m, w), w * 64).filter(|&c| c as u32 != it.previous));
        }
        for c in order {
            grid.add(m, c);
            self.slots[i] = c as u32;
            let step = u32::from(it.had_previous && it.previous != c as u32);
            self.run(grid, vars, i + 1, weight.add(it.weight()), moved + step);
            grid.remove(m, c);
            self.slots[i] = NONE;
        }
        self.run(grid, vars, i + 1, weight, moved);
    }

    /// A lower bound on the weight of `rest` that can no longer be placed: a
    /// participant with more of them than free slots they could use loses at
    /// least its lightest extras. Groups of one side are disjoint, so their
    /// losses add up; either side gives a bound.
    fn lost(grid: &Grid, rest: &[usize]) -> Weight {
        let mut worst = Weight::default();
        for buyer_side in [true, false] {
            let who = |m: usize| if buyer_side { grid.items[m].buyer } else { grid.items[m].supplier };
            let mut lost = Weight::default();
            let mut seen = vec![false; rest.len()];
            for a in 0..rest.len() {
                if seen[a] {
                    continue;
                }
                let group: Vec<usize> = (a..rest.len()).filter(|&j| who(rest[j]) == who(rest[a])).collect();
                let free: u32 = (0..grid.words)
                    .map(|w| group.iter().fold(0u64, |x, &j| x | grid.free_word(rest[j], w)).count_ones())
                    .sum();
                if group.len() > free as usize {
                    let mut weights: Vec<Weight> = group.iter().map(|&j| grid.items[rest[j]].weight()).collect();
                    weights.sort_unstable();
                    for &w in &weights[..group.len() - free as usize] {
                        lost = lost.add(w);
                    }
                }
                for j in group {
                    seen[j] = true;
                }
            }
            worst = worst.max(lost);
        }
        worst
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::{Candidate, Interpreter, Lock, Participant, Slot, SlotSet};
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    /// SplitMix64: enough randomness for test fairs.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: u64) -> u64 {
            if n == 0 { 0 } else { self.next() % n }
        }

        fn range(&mut self, lo: u64, hi: u64) -> u64 {
            lo + self.below(hi - lo + 1)
        }

        fn chance(&mut self, p: f64) -> bool {
            ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
        }
    }

    /// The shape of a random fair.
    #[derive(Clone, Debug)]
    struct Shape {
        buyers: u32,
        suppliers: u32,
        days: u32,
        per_day: u32,
        candidates: u32,
        availability: f64,
        tables: u32,
        interpreters: u32,
        pairs: u8,
        interpreter_share: f64,
        onsite_share: f64,
        must_share: f64,
        /// Locks taken from a first placement (valid), and random ones (often not).
        good_locks: u32,
        junk_locks: u32,
        /// Previous slots taken from a first placement, and random ones.
        good_previous: u32,
        junk_previous: u32,
    }

    fn participant(rng: &mut Rng, slots: u32, availability: f64) -> Participant {
        let mut available = SlotSet::empty(slots);
        for slot in 0..slots {
            if rng.chance(availability) {
                available.insert(slot);
            }
        }
        Participant { key: String::new(), min_meetings: 0, max_meetings: u32::MAX, available }
    }

    fn random_fair(seed: u64, shape: &Shape) -> (Problem, Vec<u32>) {
        let mut rng = Rng(seed);
        let slots = shape.days * shape.per_day;
        let mut problem = Problem {
            buyers: (0..shape.buyers).map(|_| participant(&mut rng, slots, shape.availability)).collect(),
            suppliers: (0..shape.suppliers).map(|_| participant(&mut rng, slots, shape.availability)).collect(),
            slots: (0..slots).map(|s| Slot { day: s / shape.per_day, ordinal: s % shape.per_day }).collect(),
            tables: shape.tables,
            ..Problem::default()
        };
        for _ in 0..shape.candidates {
            problem.candidates.push(Candidate {
                buyer: rng.below(u64::from(shape.buyers)) as u32,
                supplier: rng.below(u64::from(shape.suppliers)) as u32,
                score: rng.range(1, 9) as i64,
                mutual_must: rng.chance(shape.must_share),
                interpreter: (shape.pairs > 0 && rng.chance(shape.interpreter_share))
                    .then(|| rng.below(u64::from(shape.pairs)) as u8),
                mode: if rng.chance(shape.onsite_share) { Mode::OnSite } else { Mode::Online },
            });
        }
        for i in 0..shape.interpreters {
            problem.interpreters.push(Interpreter {
                key: format!("i{i}"),
                pair: rng.below(u64::from(shape.pairs.max(1))) as u8,
                available: participant(&mut rng, slots, 0.7).available,
            });
        }
        let selected: Vec<u32> = (0..shape.candidates).filter(|_| rng.chance(0.9)).collect();
        if shape.good_locks + shape.good_previous > 0 {
            let first = place(&problem, &selected, &PlaceOptions::default());
            for m in first.meetings.iter().filter(|_| rng.chance(0.5)).take(shape.good_locks as usize) {
                problem.locks.push(Lock {
                    candidate: m.candidate,
                    slot: m.slot,
                    table: m.table,
                    interpreter: m.interpreter,
                });
            }
            for m in first.meetings.iter().filter(|_| rng.chance(0.7)).take(shape.good_previous as usize) {
                problem.previous.push((m.candidate, m.slot));
            }
        }
        let n = u64::from(shape.candidates.max(1));
        for _ in 0..shape.junk_locks {
            let at = rng.below(problem.locks.len() as u64 + 1) as usize;
            let lock = Lock {
                candidate: rng.below(n) as u32,
                slot: rng.below(u64::from(slots) + 1) as u32,
                table: rng.chance(0.7).then(|| rng.below(u64::from(shape.tables) + 1) as u32),
                interpreter: rng.chance(0.5).then(|| rng.below(u64::from(shape.interpreters) + 1) as u32),
            };
            problem.locks.insert(at, lock);
        }
        for _ in 0..shape.junk_previous {
            problem.previous.push((rng.below(n) as u32, rng.below(u64::from(slots) + 1) as u32));
        }
        (problem, selected)
    }

    /// Mutual Must-meet meetings, meetings, scores: what placement maximises.
    fn weight(problem: &Problem, meetings: &[Meeting]) -> (u32, u32, i64) {
        meetings.iter().filter(|m| !m.locked).fold((0, 0, 0), |(must, count, score), m| {
            let c = &problem.candidates[m.candidate as usize];
            (must + u32::from(c.mutual_must), count + 1, score + c.score)
        })
    }

    /// The locks that must be kept, by the rule "first lock per selected candidate,
    /// valid, and not colliding with an earlier kept lock": candidate → kept.
    fn expected_locks(problem: &Problem, selected: &[u32]) -> BTreeMap<u32, Option<Lock>> {
        let mut out = BTreeMap::new();
        let mut kept: Vec<(u32, Lock)> = Vec::new();
        for lock in &problem.locks {
            if !selected.contains(&lock.candidate) || out.contains_key(&lock.candidate) {
                continue;
            }
            let c = &problem.candidates[lock.candidate as usize];
            let valid = (lock.slot as usize) < problem.slots.len()
                && problem.buyers[c.buyer as usize].available.contains(lock.slot)
                && problem.suppliers[c.supplier as usize].available.contains(lock.slot)
                && match (c.mode, lock.table) {
                    (Mode::OnSite, Some(t)) => t < problem.tables,
                    (Mode::Online, None) => true,
                    _ => false,
                }
                && match (c.interpreter, lock.interpreter) {
                    (Some(p), Some(i)) => problem
                        .interpreters
                        .get(i as usize)
                        .is_some_and(|x| x.pair == p && x.available.contains(lock.slot)),
                    (None, None) => true,
                    _ => false,
                }
                && kept.iter().all(|(other, k)| {
                    let o = &problem.candidates[*other as usize];
                    k.slot != lock.slot
                        || (o.buyer != c.buyer
                            && o.supplier != c.supplier
                            && (k.table.is_none() || k.table != lock.table)
                            && (k.interpreter.is_none() || k.interpreter != lock.interpreter))
                });
            if valid {
                kept.push((lock.candidate, lock.clone()));
            }
            out.insert(lock.candidate, valid.then(|| lock.clone()));
        }
        out
    }

    /// Checks everything a placement promises; returns the placement's weight.
    fn assert_placement(problem: &Problem, selected: &[u32], out: &Placement) -> Result<(), TestCaseError> {
        prop_assert_eq!(check(problem, &out.meetings), Ok(()));
        prop_assert!(out.meetings.windows(2).all(|w| w[0].candidate < w[1].candidate));
        prop_assert!(out.unplaced.windows(2).all(|w| w[0].0 < w[1].0));
        let mut expected: Vec<u32> = selected.to_vec();
        expected.sort_unstable();
        expected.dedup();
        let mut got: Vec<u32> =
            out.meetings.iter().map(|m| m.candidate).chain(out.unplaced.iter().map(|u| u.0)).collect();
        got.sort_unstable();
        prop_assert_eq!(got, expected, "selected = placed ∪ unplaced, disjoint");
        for (candidate, lock) in expected_locks(problem, selected) {
            let placed = out.meetings.iter().find(|m| m.candidate == candidate);
            match lock {
                Some(lock) => {
                    let m = placed.ok_or_else(|| TestCaseError::fail(format!("lock of {candidate} dropped")))?;
                    prop_assert!(m.locked && m.slot == lock.slot && m.table == lock.table);
                    prop_assert_eq!(m.interpreter, lock.interpreter);
                }
                None => prop_assert!(placed.is_none(), "rejected lock of {} placed", candidate),
            }
        }
        let mut previous = BTreeMap::new();
        for &(c, s) in &problem.previous {
            previous.entry(c).or_insert(s);
        }
        let moved = out
            .meetings
            .iter()
            .filter(|m| !m.locked && previous.get(&m.candidate).is_some_and(|&s| s != m.slot))
            .count() as u32;
        prop_assert_eq!(out.moved_from_previous, moved);
        Ok(())
    }

    /// The best weight of the unlocked meetings, by enumeration, with the locked
    /// meetings of `out` fixed.
    fn brute_force(problem: &Problem, selected: &[u32], out: &Placement) -> (u32, u32, i64) {
        let locked: Vec<&Meeting> = out.meetings.iter().filter(|m| m.locked).collect();
        let has_lock: BTreeSet<u32> = problem.locks.iter().map(|l| l.candidate).collect();
        let mut vars: Vec<u32> = selected.iter().copied().filter(|c| !has_lock.contains(c)).collect();
        vars.sort_unstable();
        vars.dedup();
        let slots = problem.slots.len();
        let pairs = 256;
        let mut buyer_busy = vec![false; problem.buyers.len() * slots];
        let mut supplier_busy = vec![false; problem.suppliers.len() * slots];
        let mut tables = vec![i64::from(problem.tables); slots];
        let mut interps = vec![0i64; slots * pairs];
        for i in &problem.interpreters {
            for s in 0..slots {
                if i.available.contains(s as u32) {
                    interps[s * pairs + i.pair as usize] += 1;
                }
            }
        }
        for m in &locked {
            let c = &problem.candidates[m.candidate as usize];
            let s = m.slot as usize;
            buyer_busy[c.buyer as usize * slots + s] = true;
            supplier_busy[c.supplier as usize * slots + s] = true;
            if c.mode == Mode::OnSite {
                tables[s] -= 1;
            }
            if let Some(p) = c.interpreter {
                interps[s * pairs + p as usize] -= 1;
            }
        }
        struct State<'a> {
            problem: &'a Problem,
            vars: &'a [u32],
            slots: usize,
            buyer_busy: Vec<bool>,
            supplier_busy: Vec<bool>,
            tables: Vec<i64>,
            interps: Vec<i64>,
            best: (u32, u32, i64),
        }
        fn go(st: &mut State, i: usize, w: (u32, u32, i64)) {
            let Some(&v) = st.vars.get(i) else {
                st.best = st.best.max(w);
                return;
            };
            go(st, i + 1, w);
            let c = &st.problem.candidates[v as usize];
            let (b, s) = (c.buyer as usize, c.supplier as usize);
            for slot in 0..st.slots {
                let k = slot * 256 + c.interpreter.map_or(0, usize::from);
                if !st.problem.buyers[b].available.contains(slot as u32)
                    || !st.problem.suppliers[s].available.contains(slot as u32)
                    || st.buyer_busy[b * st.slots + slot]
                    || st.supplier_busy[s * st.slots + slot]
                    || (c.mode == Mode::OnSite && st.tables[slot] < 1)
                    || (c.interpreter.is_some() && st.interps[k] < 1)
                {
                    continue;
                }
                let onsite = i64::from(c.mode == Mode::OnSite);
                let interp = i64::from(c.interpreter.is_some());
                st.buyer_busy[b * st.slots + slot] = true;
                st.supplier_busy[s * st.slots + slot] = true;
                st.tables[slot] -= onsite;
                st.interps[k] -= interp;
                go(st, i + 1, (w.0 + u32::from(c.mutual_must), w.1 + 1, w.2 + c.score));
                st.buyer_busy[b * st.slots + slot] = false;
                st.supplier_busy[s * st.slots + slot] = false;
                st.tables[slot] += onsite;
                st.interps[k] += interp;
            }
        }
        let mut st = State { problem, vars: &vars, slots, buyer_busy, supplier_busy, tables, interps, best: (0, 0, 0) };
        go(&mut st, 0, (0, 0, 0));
        st.best
    }

    fn small_shape() -> impl Strategy<Value = (u64, Shape)> {
        (any::<u64>(), 1u32..6, 1u32..6, 1u32..4, 2u32..6, 0u32..30, 0u32..4, 0u32..5, 0u32..3).prop_map(
            |(seed, buyers, suppliers, days, per_day, candidates, tables, interpreters, locks)| {
                let shape = Shape {
                    buyers,
                    suppliers,
                    days,
                    per_day: per_day.max(4u32.div_ceil(days)),
                    candidates,
                    availability: 0.6,
                    tables,
                    interpreters,
                    pairs: 2,
                    interpreter_share: 0.3,
                    onsite_share: 0.6,
                    must_share: 0.2,
                    good_locks: locks,
                    junk_locks: locks,
                    good_previous: candidates / 2,
                    junk_previous: 2,
                };
                (seed, shape)
            },
        )
    }

    fn medium_shape() -> impl Strategy<Value = (u64, Shape)> {
        (any::<u64>(), 4u32..16, 4u32..16, 8u32..25, 20u32..160, 0u32..8, 0u32..10, 0u32..8, 0.3f64..0.9).prop_map(
            |(seed, buyers, suppliers, per_day, candidates, tables, interpreters, locks, availability)| {
                let shape = Shape {
                    buyers,
                    suppliers,
                    days: 2,
                    per_day,
                    candidates,
                    availability,
                    tables,
                    interpreters,
                    pairs: 3,
                    interpreter_share: 0.2,
                    onsite_share: 0.5,
                    must_share: 0.1,
                    good_locks: locks,
                    junk_locks: locks / 2,
                    good_previous: candidates / 2,
                    junk_previous: 4,
                };
                (seed, shape)
            },
        )
    }

    fn tiny_shape() -> impl Strategy<Value = (u64, Shape)> {
        (any::<u64>(), 1u32..4, 1u32..4, 2u32..6, 1u32..8, 0u32..3, 0u32..3, 0u32..2, any::<bool>()).prop_map(
            |(seed, buyers, suppliers, slots, candidates, tables, interpreters, locks, full)| {
                let shape = Shape {
                    buyers,
                    suppliers,
                    days: 1 + slots % 2,
                    per_day: slots,
                    candidates,
                    availability: if full { 0.9 } else { 0.5 },
                    tables,
                    interpreters,
                    pairs: 2,
                    interpreter_share: 0.3,
                    onsite_share: 0.6,
                    must_share: 0.25,
                    good_locks: locks,
                    junk_locks: locks,
                    good_previous: 2,
                    junk_previous: 1,
                };
                (seed, shape)
            },
        )
    }

    fn heuristic_only() -> PlaceOptions {
        PlaceOptions { exact_limit: 0, ..PlaceOptions::default() }
    }

    /// Full availability, enough tables, no interpreters, and random meetings
    /// while both ends have fewer than `slots`: often saturated.
    fn koenig_fair(seed: u64, buyers: u32, suppliers: u32, slots: u32, density: f64) -> Problem {
        let mut rng = Rng(seed);
        let full = Participant {
            key: String::new(),
            min_meetings: 0,
            max_meetings: u32::MAX,
            available: SlotSet::full(slots),
        };
        let mut problem = Problem {
            buyers: vec![full.clone(); buyers as usize],
            suppliers: vec![full; suppliers as usize],
            slots: (0..slots).map(|s| Slot { day: s / 5, ordinal: s % 5 }).collect(),
            ..Problem::default()
        };
        let (mut db, mut ds) = (vec![0u32; buyers as usize], vec![0u32; suppliers as usize]);
        let tries = (f64::from(slots * buyers * suppliers) * 4.0 * density) as u32;
        for _ in 0..tries {
            let (b, s) = (rng.below(u64::from(buyers)) as usize, rng.below(u64::from(suppliers)) as usize);
            if db[b] < slots && ds[s] < slots {
                db[b] += 1;
                ds[s] += 1;
                problem.candidates.push(Candidate {
                    buyer: b as u32,
                    supplier: s as u32,
                    score: rng.range(1, 5) as i64,
                    mutual_must: false,
                    interpreter: None,
                    mode: if rng.chance(0.5) { Mode::OnSite } else { Mode::Online },
                });
            }
        }
        problem.tables = buyers.min(suppliers);
        problem
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn placements_keep_every_rule((seed, shape) in small_shape()) {
            let (problem, selected) = random_fair(seed, &shape);
            for options in [PlaceOptions::default(), heuristic_only()] {
                let out = place(&problem, &selected, &options);
                assert_placement(&problem, &selected, &out)?;
                prop_assert_eq!(&out, &place(&problem, &selected, &options), "deterministic");
            }
        }

        #[test]
        fn tiny_fairs_place_the_most_weight((seed, shape) in tiny_shape()) {
            let (problem, selected) = random_fair(seed, &shape);
            let out = place(&problem, &selected, &PlaceOptions::default());
            assert_placement(&problem, &selected, &out)?;
            prop_assert_eq!(weight(&problem, &out.meetings), brute_force(&problem, &selected, &out));
        }

        #[test]
        fn a_rerun_moves_nothing((seed, shape) in small_shape(), exact in any::<bool>()) {
            let (mut problem, selected) = random_fair(seed, &shape);
            let options = if exact { PlaceOptions::default() } else { heuristic_only() };
            let first = place(&problem, &selected, &options);
            problem.previous = first.meetings.iter().map(|m| (m.candidate, m.slot)).collect();
            let again = place(&problem, &selected, &options);
            assert_placement(&problem, &selected, &again)?;
            prop_assert_eq!(again.moved_from_previous, 0);
            prop_assert!(weight(&problem, &again.meetings) >= weight(&problem, &first.meetings));
        }

        #[test]
        fn medium_fairs_keep_every_rule_and_rerun_still((seed, shape) in medium_shape()) {
            let (mut problem, selected) = random_fair(seed, &shape);
            let first = place(&problem, &selected, &PlaceOptions::default());
            assert_placement(&problem, &selected, &first)?;
            problem.previous = first.meetings.iter().map(|m| (m.candidate, m.slot)).collect();
            let again = place(&problem, &selected, &PlaceOptions::default());
            assert_placement(&problem, &selected, &again)?;
            prop_assert_eq!(again.moved_from_previous, 0);
            prop_assert!(weight(&problem, &again.meetings) >= weight(&problem, &first.meetings));
        }

        /// König: a bipartite multigraph of maximum degree k has a k-edge-colouring.
        #[test]
        fn koenig_every_meeting_fits(
            seed in any::<u64>(),
            buyers in 1u32..13,
            suppliers in 1u32..13,
            slots in 1u32..13,
            density in 0.2f64..1.0,
        ) {
            let problem = koenig_fair(seed, buyers, suppliers, slots, density);
            let selected: Vec<u32> = (0..problem.candidates.len() as u32).collect();
            let out = place(&problem, &selected, &heuristic_only());
            assert_placement(&problem, &selected, &out)?;
            prop_assert_eq!(out.unplaced, vec![]);
        }
    }

    #[test]
    fn koenig_on_larger_fairs() {
        for seed in 0..12 {
            let problem = koenig_fair(seed, 10 + seed as u32 * 3, 40 - seed as u32 * 2, 8 + seed as u32, 1.0);
            let selected: Vec<u32> = (0..problem.candidates.len() as u32).collect();
            let out = place(&problem, &selected, &heuristic_only());
            assert_eq!(check(&problem, &out.meetings), Ok(()));
            assert_eq!(out.unplaced, vec![], "seed {seed}");
        }
    }

    /// The heuristic alone (no branch and bound) reaches the optimum on nearly all
    /// tiny fairs: a guard against quality regressions.
    #[test]
    fn the_heuristic_alone_is_nearly_optimal() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut optimal, mut total) = (0, 0);
        for _ in 0..400 {
            let (seed, shape) = tiny_shape().new_tree(&mut runner).expect("a tiny fair").current();
            let (problem, selected) = random_fair(seed, &shape);
            let out = place(&problem, &selected, &heuristic_only());
            total += 1;
            if weight(&problem, &out.meetings) == brute_force(&problem, &selected, &out) {
                optimal += 1;
            }
        }
        assert!(optimal * 100 >= total * 95, "optimal on {optimal} of {total}");
    }

    fn tiny(slots: u32) -> Problem {
        let full = Participant {
            key: String::new(),
            min_meetings: 0,
            max_meetings: u32::MAX,
            available: SlotSet::full(slots),
        };
        Problem {
            buyers: vec![full.clone(); 3],
            suppliers: vec![full; 3],
            slots: (0..slots).map(|s| Slot { day: 0, ordinal: s }).collect(),
            tables: 10,
            ..Problem::default()
        }
    }

    fn candidate(buyer: u32, supplier: u32, mode: Mode, interpreter: Option<u8>) -> Candidate {
        Candidate { buyer, supplier, score: 1, mutual_must: false, interpreter, mode }
    }

    #[test]
    fn no_common_slot() {
        let mut problem = tiny(2);
        problem.buyers[0].available = SlotSet::empty(2);
        problem.buyers[0].available.insert(0);
        problem.suppliers[0].available = SlotSet::empty(2);
        problem.suppliers[0].available.insert(1);
        problem.candidates.push(candidate(0, 0, Mode::Online, None));
        problem.candidates.push(candidate(7, 0, Mode::Online, None));
        let out = place(&problem, &[0, 1], &PlaceOptions::default());
        assert_eq!(out.unplaced, vec![(0, Unplaced::NoCommonSlot), (1, Unplaced::NoCommonSlot)]);
    }

    #[test]
    fn no_interpreter() {
        let mut problem = tiny(2);
        problem.candidates.push(candidate(0, 0, Mode::Online, Some(0)));
        let out = place(&problem, &[0], &PlaceOptions::default());
        assert_eq!(out.unplaced, vec![(0, Unplaced::NoInterpreter)]);

        // One interpreter, one slot, two meetings that need it.
        let mut problem = tiny(1);
        problem.interpreters.push(Interpreter { key: "ja".into(), pair: 0, available: SlotSet::full(1) });
        problem.candidates.push(candidate(0, 0, Mode::Online, Some(0)));
        problem.candidates.push(candidate(1, 1, Mode::Online, Some(0)));
        let out = place(&problem, &[0, 1], &PlaceOptions::default());
        assert_eq!(out.meetings.len(), 1);
        assert_eq!(out.meetings[0].interpreter, Some(0));
        assert_eq!(out.unplaced.len(), 1);
        assert_eq!(out.unplaced[0].1, Unplaced::NoInterpreter);
    }

    #[test]
    fn no_table() {
        let mut problem = tiny(1);
        problem.tables = 0;
        problem.candidates.push(candidate(0, 0, Mode::OnSite, None));
        problem.candidates.push(candidate(1, 1, Mode::Online, None));
        let out = place(&problem, &[0, 1], &PlaceOptions::default());
        assert_eq!(out.unplaced, vec![(0, Unplaced::NoTable)]);
        assert_eq!(out.meetings[0].table, None);

        problem.tables = 1;
        problem.candidates[1].mode = Mode::OnSite;
        let out = place(&problem, &[0, 1], &PlaceOptions::default());
        assert_eq!(out.meetings.len(), 1);
        assert_eq!(out.meetings[0].table, Some(0));
        assert_eq!(out.unplaced.len(), 1);
        assert_eq!(out.unplaced[0].1, Unplaced::NoTable);
    }

    #[test]
    fn crowded() {
        let mut problem = tiny(2);
        for s in 0..3 {
            problem.candidates.push(candidate(0, s, Mode::Online, None));
        }
        problem.candidates[2].score = 5;
        let out = place(&problem, &[0, 1, 2], &PlaceOptions::default());
        assert_eq!(out.meetings.len(), 2);
        // The best-scored meeting is always in.
        assert!(out.meetings.iter().any(|m| m.candidate == 2));
        assert_eq!(out.unplaced.len(), 1);
        assert_eq!(out.unplaced[0].1, Unplaced::Crowded);
    }

    #[test]
    fn the_lightest_meeting_gives_way() {
        // One buyer, twelve suppliers, eleven slots: the lowest score stays out,
        // and the branch and bound proves it at once (participant bound).
        let mut problem = tiny(11);
        problem.suppliers = vec![problem.suppliers[0].clone(); 12];
        for s in 0..12 {
            problem.candidates.push(candidate(0, s, Mode::Online, None));
            problem.candidates[s as usize].score = 10 + i64::from(s);
        }
        let selected: Vec<u32> = (0..12).collect();
        for options in [PlaceOptions::default(), heuristic_only()] {
            let out = place(&problem, &selected, &options);
            assert_eq!(out.unplaced, vec![(0, Unplaced::Crowded)]);
            assert_eq!(idle_gaps(&problem, &out.meetings), 0);
        }
    }

    #[test]
    fn two_meetings_beat_one_better_one() {
        let mut problem = tiny(1);
        problem.candidates.push(candidate(0, 0, Mode::Online, None));
        problem.candidates.push(candidate(1, 1, Mode::Online, None));
        problem.candidates.push(candidate(0, 1, Mode::Online, None));
        problem.candidates[2].score = 100;
        for options in [PlaceOptions::default(), heuristic_only()] {
            let out = place(&problem, &[0, 1, 2], &options);
            assert_eq!(out.meetings.iter().map(|m| m.candidate).collect::<Vec<_>>(), vec![0, 1]);
        }
    }

    #[test]
    fn must_meet_goes_first() {
        let mut problem = tiny(1);
        problem.candidates.push(candidate(0, 0, Mode::Online, None));
        problem.candidates.push(candidate(0, 1, Mode::Online, None));
        problem.candidates[0].score = 100;
        problem.candidates[1].mutual_must = true;
        for options in [PlaceOptions::default(), heuristic_only()] {
            let out = place(&problem, &[0, 1], &options);
            assert_eq!(out.meetings.iter().map(|m| m.candidate).collect::<Vec<_>>(), vec![1]);
        }
    }

    #[test]
    fn conflicting_locks_keep_the_first() {
        let mut problem = tiny(2);
        problem.tables = 1;
        problem.candidates.push(candidate(0, 0, Mode::OnSite, None));
        problem.candidates.push(candidate(0, 1, Mode::OnSite, None));
        problem.candidates.push(candidate(1, 2, Mode::OnSite, None));
        problem.candidates.push(candidate(2, 2, Mode::Online, Some(3)));
        problem.locks = vec![
            Lock { candidate: 1, slot: 0, table: Some(0), interpreter: None },
            // Same buyer in the same slot.
            Lock { candidate: 0, slot: 0, table: Some(0), interpreter: None },
            // Same table in the same slot.
            Lock { candidate: 2, slot: 0, table: Some(0), interpreter: None },
            // A second lock of a kept candidate: ignored.
            Lock { candidate: 1, slot: 1, table: Some(0), interpreter: None },
            // No such interpreter.
            Lock { candidate: 3, slot: 1, table: None, interpreter: Some(9) },
        ];
        let out = place(&problem, &[0, 1, 2, 3], &PlaceOptions::default());
        assert_eq!(check(&problem, &out.meetings), Ok(()));
        assert_eq!(
            out.meetings,
            vec![Meeting { candidate: 1, slot: 0, table: Some(0), interpreter: None, locked: true }]
        );
        assert_eq!(out.unplaced, vec![(0, Unplaced::Crowded), (2, Unplaced::NoTable), (3, Unplaced::NoInterpreter)]);

        problem.locks = vec![Lock { candidate: 0, slot: 5, table: Some(0), interpreter: None }];
        let out = place(&problem, &[0], &PlaceOptions::default());
        assert_eq!(out.unplaced, vec![(0, Unplaced::NoCommonSlot)]);
    }

    #[test]
    fn previous_slots_are_kept_and_moves_counted() {
        let mut problem = tiny(3);
        problem.candidates.push(candidate(0, 0, Mode::Online, None));
        problem.candidates.push(candidate(1, 1, Mode::Online, None));
        problem.previous = vec![(0, 2), (1, 1)];
        problem.buyers[1].available.remove(1);
        let out = place(&problem, &[0, 1], &PlaceOptions::default());
        assert_eq!(out.meetings[0].slot, 2);
        assert_eq!(out.moved_from_previous, 1);
    }

    #[test]
    fn idle_gaps_count_within_days() {
        let mut problem = tiny(6);
        problem.slots = (0..6).map(|s| Slot { day: s / 3, ordinal: s % 3 }).collect();
        for s in 0..3 {
            problem.candidates.push(candidate(0, s, Mode::Online, None));
        }
        let at = |candidate, slot| Meeting { candidate, slot, table: None, interpreter: None, locked: false };
        // Buyer 0: ordinals 0 and 2 of day 0 (one gap), ordinal 2 of day 1.
        assert_eq!(idle_gaps(&problem, &[at(0, 0), at(1, 2), at(2, 5)]), 1);
        assert_eq!(idle_gaps(&problem, &[at(0, 0), at(1, 1), at(2, 5)]), 0);
        assert_eq!(idle_gaps(&problem, &[at(0, 3), at(1, 5)]), 1);
        // Away is not idle.
        problem.buyers[0].available.remove(1);
        assert_eq!(idle_gaps(&problem, &[at(0, 0), at(1, 2), at(2, 5)]), 0);
        // Slots listed out of order count by day and ordinal: now slot 5 is the
        // first of day 0 and slot 3 its last.
        problem.slots.reverse();
        assert_eq!(idle_gaps(&problem, &[at(0, 5), at(1, 3), at(2, 0)]), 1);
        problem.buyers[0].available.remove(4);
        assert_eq!(idle_gaps(&problem, &[at(0, 5), at(1, 3), at(2, 0)]), 0);
    }

    #[test]
    fn check_finds_broken_rules() {
        let mut problem = tiny(2);
        problem.tables = 1;
        problem.candidates.push(candidate(0, 0, Mode::OnSite, None));
        problem.candidates.push(candidate(0, 1, Mode::OnSite, None));
        problem.candidates.push(candidate(1, 1, Mode::Online, Some(0)));
        let at = |candidate, slot, table| Meeting { candidate, slot, table, interpreter: None, locked: false };
        assert!(check(&problem, &[at(0, 0, Some(0)), at(1, 1, Some(0))]).is_ok());
        assert!(check(&problem, &[at(0, 0, Some(0)), at(1, 0, Some(0))]).is_err());
        assert!(check(&problem, &[at(0, 0, Some(1))]).is_err());
        assert!(check(&problem, &[at(0, 0, None)]).is_err());
        assert!(check(&problem, &[at(0, 2, Some(0))]).is_err());
        assert!(check(&problem, &[at(2, 0, None)]).is_err());
        assert!(check(&problem, &[at(0, 0, Some(0)), at(0, 1, Some(0))]).is_err());
        problem.locks.push(Lock { candidate: 0, slot: 1, table: Some(0), interpreter: None });
        assert!(check(&problem, &[at(0, 0, Some(0))]).is_err());
    }

    /// A fair of the expected size, for timing.
    fn large_fair(seed: u64, interpreters_per_pair: u32, onsite_share: f64) -> (Problem, Vec<u32>) {
        let mut rng = Rng(seed);
        let (days, per_day) = (3u32, 24u32);
        let slots = days * per_day;
        // 30–50% of the slots away, in runs of 1–6 slots within a day.
        let availability = |rng: &mut Rng| {
            let mut available = SlotSet::full(slots);
            let away = (f64::from(slots) * (0.3 + 0.2 * rng.below(1001) as f64 / 1000.0)) as u32;
            while slots - available.count() < away {
                let start = rng.below(u64::from(slots)) as u32;
                let len = rng.range(1, 6) as u32;
                for s in start..(start + len).min((start / per_day + 1) * per_day) {
                    available.remove(s);
                }
            }
            available
        };
        let person = |available| Participant { key: String::new(), min_meetings: 0, max_meetings: 30, available };
        let buyers: Vec<Participant> = (0..3000).map(|_| person(availability(&mut rng))).collect();
        let suppliers: Vec<Participant> = (0..1000).map(|_| person(availability(&mut rng))).collect();
        let pairs = 6u8;
        let mut load = vec![0u32; suppliers.len()];
        let mut candidates = Vec::new();
        for (b, buyer) in buyers.iter().enumerate() {
            let degree = rng.range(6, 10);
            let mut mine: Vec<u32> = Vec::new();
            for _ in 0..degree * 20 {
                if mine.len() as u64 == degree {
                    break;
                }
                let s = rng.below(suppliers.len() as u64) as u32;
                if load[s as usize] >= 30
                    || mine.contains(&s)
                    || buyer.available.intersection_count(&suppliers[s as usize].available) < 4
                {
                    continue;
                }
                load[s as usize] += 1;
                mine.push(s);
                candidates.push(Candidate {
                    buyer: b as u32,
                    supplier: s,
                    score: rng.range(1, 100) as i64,
                    mutual_must: rng.chance(0.03),
                    interpreter: rng.chance(0.15).then(|| rng.below(u64::from(pairs)) as u8),
                    mode: if rng.chance(onsite_share) { Mode::OnSite } else { Mode::Online },
                });
            }
        }
        let mut interpreters = Vec::new();
        for pair in 0..pairs {
            for i in 0..interpreters_per_pair {
                let mut available = SlotSet::full(slots);
                for s in 0..slots {
                    if rng.chance(0.15) {
                        available.remove(s);
                    }
                }
                interpreters.push(Interpreter { key: format!("{pair}-{i}"), pair, available });
            }
        }
        let selected = (0..candidates.len() as u32).collect();
        let problem = Problem {
            buyers,
            suppliers,
            slots: (0..slots).map(|s| Slot { day: s / per_day, ordinal: s % per_day }).collect(),
            tables: 60,
            candidates,
            interpreters,
            locks: Vec::new(),
            previous: Vec::new(),
        };
        (problem, selected)
    }

    /// Timing on a fair of the expected size (print only):
    /// `cargo test --release -p fair-matchmaking place -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing_large_fair() {
        for (interpreters_per_pair, onsite_share) in [(4, 0.15), (8, 0.2), (8, 0.3), (20, 0.15)] {
            let (mut problem, selected) = large_fair(5, interpreters_per_pair, onsite_share);
            let slots = problem.slots.len() as u32;
            let onsite = problem.candidates.iter().filter(|c| c.mode == Mode::OnSite).count();
            let mut need = vec![0u32; 256];
            for c in &problem.candidates {
                if let Some(p) = c.interpreter {
                    need[p as usize] += 1;
                }
            }
            let mut have = vec![0u32; 256];
            for i in &problem.interpreters {
                have[i.pair as usize] += i.available.count();
            }
            // Each shortage alone leaves that many out.
            let short: u32 = need.iter().zip(&have).map(|(n, h)| n.saturating_sub(*h)).sum();
            let bound = selected.len() as u32 - short.max((onsite as u32).saturating_sub(problem.tables * slots));
            println!(
                "fair: {} meetings ({} on-site for {} table-slots, {} need an interpreter for {} interpreter-slots), \
                 at most {} placeable by capacity alone",
                selected.len(),
                onsite,
                problem.tables * slots,
                need.iter().sum::<u32>(),
                have.iter().sum::<u32>(),
                bound
            );
            let started = std::time::Instant::now();
            let out = place(&problem, &selected, &PlaceOptions::default());
            let elapsed = started.elapsed();
            check(&problem, &out.meetings).expect("a valid placement");
            let mut reasons = BTreeMap::new();
            for (_, reason) in &out.unplaced {
                *reasons.entry(format!("{reason:?}")).or_insert(0) += 1;
            }
            println!(
                "  place: {:.0} ms, placed {} of {} ({:.2}%, {:.2}% of the bound), idle gaps {} ({:.2} per participant), \
                 unplaced {:?}",
                elapsed.as_secs_f64() * 1e3,
                out.meetings.len(),
                selected.len(),
                100.0 * out.meetings.len() as f64 / selected.len() as f64,
                100.0 * out.meetings.len() as f64 / f64::from(bound),
                idle_gaps(&problem, &out.meetings),
                f64::from(idle_gaps(&problem, &out.meetings)) / 4000.0,
                reasons
            );
            let plain = PlaceOptions {
                kempe_tries: 0,
                chain_depth: 0,
                compact_passes: 0,
                rounds: 1,
                ..PlaceOptions::default()
            };
            let started = std::time::Instant::now();
            let greedy = place(&problem, &selected, &plain);
            println!(
                "  without chains and compaction: {:.0} ms, placed {}, idle gaps {}",
                started.elapsed().as_secs_f64() * 1e3,
                greedy.meetings.len(),
                idle_gaps(&problem, &greedy.meetings)
            );
            problem.previous = out.meetings.iter().map(|m| (m.candidate, m.slot)).collect();
            let started = std::time::Instant::now();
            let same = place(&problem, &selected, &PlaceOptions::default());
            println!(
                "  rerun of the same fair: {:.0} ms, placed {}, moved {}",
                started.elapsed().as_secs_f64() * 1e3,
                same.meetings.len(),
                same.moved_from_previous
            );
            // A rerun after a few participants change their availability.
            for b in (0..problem.buyers.len()).step_by(100) {
                for s in 0..12 {
                    problem.buyers[b].available.remove(s);
                }
            }
            let started = std::time::Instant::now();
            let again = place(&problem, &selected, &PlaceOptions::default());
            println!(
                "  rerun after 30 buyers lost their first morning: {:.0} ms, placed {}, moved {}",
                started.elapsed().as_secs_f64() * 1e3,
                again.meetings.len(),
                again.moved_from_previous
            );
        }
    }
}
