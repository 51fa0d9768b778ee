//! From a fair's participants to a [`Problem`]: every buyer scored against every
//! supplier, the best pairs kept as candidates (plus every pair either side asked
//! for), vetoed and ruled-out pairs never.

use std::collections::HashMap;
use std::sync::Arc;

use fair_domain::Language;
use fair_search::DirectoryDoc;
use uuid::Uuid;

use crate::problem::{Candidate, Interpreter, Lock, Mode, Participant, Problem, Slot, SlotSet};
use crate::score::{Buyer, PairScore, Preference, Preferences, Scorer};

/// How a participant attends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attendance {
    OnSite,
    Online,
    Either,
}

pub struct SupplierEntry {
    pub doc: Arc<DirectoryDoc>,
    pub min_meetings: u32,
    pub max_meetings: u32,
    pub available: SlotSet,
    pub attendance: Attendance,
}

pub struct BuyerEntry {
    pub buyer: Buyer,
    pub min_meetings: u32,
    pub max_meetings: u32,
    pub available: SlotSet,
    pub attendance: Attendance,
}

pub struct InterpreterEntry {
    pub key: String,
    pub language: Language,
    pub available: SlotSet,
}

/// A meeting that must stay as it is (accepted already, or locked by an organiser).
pub struct LockEntry {
    pub buyer: Uuid,
    pub supplier: Uuid,
    pub slot: u32,
    pub table: Option<u32>,
    pub interpreter: Option<u32>,
}

pub struct FairInput<'a> {
    pub slots: Vec<Slot>,
    pub tables: u32,
    pub suppliers: Vec<SupplierEntry>,
    pub buyers: Vec<BuyerEntry>,
    pub interpreters: Vec<InterpreterEntry>,
    pub preferences: &'a dyn Fn(Uuid, Uuid) -> Preferences,
    /// Whether the organisers' rules let the pair meet.
    pub allowed: &'a dyn Fn(&Buyer, &DirectoryDoc) -> bool,
    pub locks: Vec<LockEntry>,
    /// The last run's placement (buyer, supplier, slot), to move as little as possible.
    pub previous: Vec<(Uuid, Uuid, u32)>,
}

/// A built problem and what each candidate is.
pub struct Built {
    pub problem: Problem,
    /// Per candidate: its score (parts and evidence).
    pub scores: Vec<PairScore>,
    /// Interpreter languages by pair index (`Candidate::interpreter`).
    pub languages: Vec<Language>,
    /// Pairs that were asked for (Must meet / Meet) but cannot meet, with the score that says why.
    pub vetoed: Vec<PairScore>,
}

/// Candidates kept per buyer beyond those asked for: enough for selection to reach
/// the buyer's maximum with alternatives to spare, few enough to keep the flow small.
pub fn candidates_per_buyer(max_meetings: u32) -> usize {
    (max_meetings as usize * 3).max(24)
}

/// Where a pair meets: online if either side attends online only or the fair has no tables.
pub fn mode(buyer: Attendance, supplier: Attendance, tables: u32) -> Mode {
    if buyer == Attendance::Online || supplier == Attendance::Online || tables == 0 {
        Mode::Online
    } else {
        Mode::OnSite
    }
}

/// Scores every pair and builds the scheduling problem.
pub fn build(input: &FairInput<'_>, scorer: &Scorer<'_>, progress: &mut dyn FnMut(usize, usize)) -> Built {
    let mut languages: Vec<Language> = input.interpreters.iter().map(|i| i.language).collect();
    languages.sort();
    languages.dedup();
    let supplier_index: HashMap<Uuid, u32> =
        input.suppliers.iter().enumerate().map(|(i, s)| (s.doc.id, i as u32)).collect();
    let buyer_index: HashMap<Uuid, u32> =
        input.buyers.iter().enumerate().map(|(i, b)| (b.buyer.id, i as u32)).collect();
    let locked: std::collections::HashSet<(Uuid, Uuid)> = input.locks.iter().map(|l| (l.buyer, l.supplier)).collect();

    let mut candidates = Vec::new();
    let mut scores = Vec::new();
    let mut vetoed = Vec::new();
    let total = input.buyers.len();
    for (buyer_position, entry) in input.buyers.iter().enumerate() {
        // The need's relevance to every supplier at once (one index pass per need).
        let relevance: Vec<HashMap<Uuid, f32>> =
            entry.buyer.needs.iter().map(|need| scorer.index.relevance(&need.text()).into_iter().collect()).collect();
        let mut scored: Vec<(u32, PairScore, bool)> = Vec::new();
        for (supplier_position, supplier) in input.suppliers.iter().enumerate() {
            let doc = &supplier.doc;
            let preferences = (input.preferences)(entry.buyer.id, doc.id);
            let asked = matches!(preferences.buyer, Some(Preference::Must | Preference::Meet))
                || matches!(preferences.supplier, Some(Preference::Must | Preference::Meet));
            let is_locked = locked.contains(&(entry.buyer.id, doc.id));
            if !is_locked && !(input.allowed)(&entry.buyer, doc) {
                continue;
            }
            let score = scorer.score_pair(&entry.buyer, doc, preferences, &|need| {
                entry
                    .buyer
                    .needs
                    .iter()
                    .position(|n| n.id == need.id)
                    .and_then(|i| relevance[i].get(&doc.id))
                    .copied()
                    .unwrap_or(0.0)
            });
            if is_locked || score.is_candidate() || (asked && score.veto.is_none()) {
                scored.push((supplier_position as u32, score, asked || is_locked));
            } else if asked {
                vetoed.push(score);
            }
        }
        // Keep what was asked for and locked, then the best of the rest.
        scored.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total.cmp(&a.1.total)).then(a.0.cmp(&b.0)));
        let keep = candidates_per_buyer(entry.max_meetings);
        let mut kept = 0;
        for (supplier_position, score, must_keep) in scored {
            if !must_keep && kept >= keep {
                break;
            }
            if !must_keep {
                kept += 1;
            }
            let supplier = &input.suppliers[supplier_position as usize];
            let preferences = (input.preferences)(entry.buyer.id, supplier.doc.id);
            let interpreter = needs_interpreter(&entry.buyer, &supplier.doc)
                .and_then(|language| languages.iter().position(|l| *l == language))
                .map(|index| index as u8);
            candidates.push(Candidate {
                buyer: buyer_position as u32,
                supplier: supplier_position,
                score: i64::from(score.total.max(1)),
                mutual_must: preferences.mutual_must(),
                interpreter,
                mode: mode(entry.attendance, supplier.attendance, input.tables),
            });
            scores.push(score);
        }
        progress(buyer_position + 1, total);
    }

    let candidate_of: HashMap<(u32, u32), u32> =
        candidates.iter().enumerate().map(|(i, c)| ((c.buyer, c.supplier), i as u32)).collect();
    let locks = input
        .locks
        .iter()
        .filter_map(|lock| {
            let pair = (*buyer_index.get(&lock.buyer)?, *supplier_index.get(&lock.supplier)?);
            Some(Lock {
                candidate: *candidate_of.get(&pair)?,
                slot: lock.slot,
                table: lock.table,
                interpreter: lock.interpreter,
            })
        })
        .collect::<Vec<Lock>>();
    // A locked meeting is what it is: on site if it has a table, with an interpreter
    // if it has one (an accepted meeting may have gone online, or without the
    // interpreter nobody was free to give).
    for lock in &locks {
        let candidate = &mut candidates[lock.candidate as usize];
        candidate.mode = if lock.table.is_some() { Mode::OnSite } else { Mode::Online };
        candidate.interpreter = lock.interpreter.and_then(|i| {
            let language = input.interpreters.get(i as usize)?.language;
            languages.iter().position(|l| *l == language).map(|p| p as u8)
        });
    }
    let previous = input
        .previous
        .iter()
        .filter_map(|(buyer, supplier, slot)| {
            let pair = (*buyer_index.get(buyer)?, *supplier_index.get(supplier)?);
            Some((*candidate_of.get(&pair)?, *slot))
        })
        .collect();
    let problem = Problem {
        buyers: input
            .buyers
            .iter()
            .map(|b| Participant {
                key: b.buyer.id.to_string(),
                min_meetings: b.min_meetings,
                max_meetings: b.max_meetings,
                available: b.available.clone(),
            })
            .collect(),
        suppliers: input
            .suppliers
            .iter()
            .map(|s| Participant {
                key: s.doc.id.to_string(),
                min_meetings: s.min_meetings,
                max_meetings: s.max_meetings,
                available: s.available.clone(),
            })
            .collect(),
        slots: input.slots.clone(),
        tables: input.tables,
        candidates,
        interpreters: input
            .interpreters
            .iter()
            .filter_map(|i| {
                let pair = languages.iter().position(|l| *l == i.language)? as u8;
                Some(Interpreter { key: i.key.clone(), pair, available: i.available.clone() })
            })
            .collect(),
        locks,
        previous,
    };
    Built { problem, scores, languages, vetoed }
}

/// The language an interpreter must cover for a pair that shares none.
pub fn needs_interpreter(buyer: &Buyer, supplier: &DirectoryDoc) -> Option<Language> {
    let mut theirs: Vec<Language> =
        supplier.languages.iter().chain(&supplier.staff_languages).filter_map(|tag| tag.parse().ok()).collect();
    theirs.push(Language::Vietnamese);
    if buyer.languages.iter().any(|l| theirs.contains(l)) {
        None
    } else {
        buyer.languages.iter().copied().find(|l| *l != Language::Vietnamese)
    }
}
