//! From a fair's participants to a [`Problem`]: every buyer scored against every
//! supplier, the best pairs kept as candidates (plus every pair either side asked
//! for), vetoed and ruled-out pairs never.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use fair_domain::Language;
use fair_search::DirectoryDoc;
use uuid::Uuid;

use crate::problem::{Candidate, Interpreter, Lock, Mode, Participant, Problem, Slot, SlotSet};
use crate::score::{Buyer, Need, NeedTerms, Offer, PairScore, Preference, Preferences, Scorer, need_is_relevant};

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
    pub preferences: &'a (dyn Fn(Uuid, Uuid) -> Preferences + Sync),
    /// Whether the organisers' rules let the pair meet.
    pub allowed: &'a (dyn Fn(&Buyer, &DirectoryDoc) -> bool + Sync),
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
    let locked: HashSet<(Uuid, Uuid)> = input.locks.iter().map(|l| (l.buyer, l.supplier)).collect();

    let offers: Vec<Offer> = input.suppliers.iter().map(|s| Offer::of(&s.doc)).collect();
    // Scoring is most of the work: buyers are split over the cores, and the results
    // put back in buyer order, so the outcome does not depend on the thread count.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let total = input.buyers.len();
    let done = AtomicUsize::new(0);
    let chunk = total.div_ceil(threads).max(1);
    let score_range = |range: std::ops::Range<usize>| -> Vec<BuyerScores> {
        range
            .map(|position| {
                let scored = score_buyer(input, scorer, &offers, &locked, position);
                done.fetch_add(1, Ordering::Relaxed);
                scored
            })
            .collect()
    };
    let per_buyer: Vec<BuyerScores> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads)
            .map(|t| (t * chunk).min(total)..((t + 1) * chunk).min(total))
            .filter(|range| !range.is_empty())
            .map(|range| scope.spawn(|| score_range(range)))
            .collect();
        // This thread takes the first share and reports progress for all.
        let mut results = Vec::with_capacity(total);
        for position in 0..chunk.min(total) {
            results.push(score_buyer(input, scorer, &offers, &locked, position));
            done.fetch_add(1, Ordering::Relaxed);
            progress(done.load(Ordering::Relaxed), total);
        }
        for worker in workers {
            // A panicking worker is a bug in scoring: surface it here.
            results.extend(worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            progress(done.load(Ordering::Relaxed), total);
        }
        results
    });

    let mut candidates = Vec::new();
    let mut scores = Vec::new();
    let mut vetoed = Vec::new();
    for (buyer_position, (entry, buyer_scores)) in input.buyers.iter().zip(per_buyer).enumerate() {
        let BuyerScores { kept, vetoed: buyer_vetoed } = buyer_scores;
        vetoed.extend(buyer_vetoed);
        for (supplier_position, score) in kept {
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
    }
    progress(total, total);

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

/// One buyer's kept candidates (supplier position, score) in the order they are
/// kept, and the pairs asked for that are vetoed.
struct BuyerScores {
    kept: Vec<(u32, PairScore)>,
    vetoed: Vec<PairScore>,
}

fn score_buyer(
    input: &FairInput<'_>,
    scorer: &Scorer<'_>,
    offers: &[Offer],
    locked: &HashSet<(Uuid, Uuid)>,
    position: usize,
) -> BuyerScores {
    let entry = &input.buyers[position];
    // The need's relevance to every supplier at once (one index pass per need).
    let relevance: Vec<HashMap<Uuid, f32>> =
        entry.buyer.needs.iter().map(|need| scorer.index.relevance(&need.text()).into_iter().collect()).collect();
    let relevance_of = |need: usize, supplier: Uuid| relevance[need].get(&supplier).copied().unwrap_or(0.0);
    let terms: Vec<NeedTerms> = entry.buyer.needs.iter().map(NeedTerms::of).collect();
    let mut scored = Vec::new();
    let mut vetoed = Vec::new();
    for (supplier_position, supplier) in input.suppliers.iter().enumerate() {
        let doc = &supplier.doc;
        let preferences = (input.preferences)(entry.buyer.id, doc.id);
        let asked = matches!(preferences.buyer, Some(Preference::Must | Preference::Meet))
            || matches!(preferences.supplier, Some(Preference::Must | Preference::Meet));
        let is_locked = locked.contains(&(entry.buyer.id, doc.id));
        // A pair nobody asked for where no need is relevant is never a candidate:
        // skip scoring it (most pairs of a large fair).
        let relevant = || {
            entry
                .buyer
                .needs
                .iter()
                .enumerate()
                .any(|(i, need)| need_is_relevant(need, &offers[supplier_position], relevance_of(i, doc.id)))
        };
        if !is_locked && !asked && !relevant() {
            continue;
        }
        if !is_locked && !(input.allowed)(&entry.buyer, doc) {
            continue;
        }
        let relevance = |need: &Need| {
            entry.buyer.needs.iter().position(|n| n.id == need.id).map_or(0.0, |i| relevance_of(i, doc.id))
        };
        let offer = &offers[supplier_position];
        // Products are cited only for the pairs kept (below): citing is most of the
        // cost of scoring and changes no score.
        let score = scorer.score_pair_uncited(&entry.buyer, doc, offer, preferences, &relevance);
        if is_locked || score.is_candidate() || (asked && score.veto.is_none()) {
            scored.push((supplier_position as u32, score, asked || is_locked));
        } else if asked {
            vetoed.push(score);
        }
    }
    // Keep what was asked for and locked, then the best of the rest.
    scored.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total.cmp(&a.1.total)).then(a.0.cmp(&b.0)));
    let keep = candidates_per_buyer(entry.max_meetings);
    let mut others = 0;
    let mut kept = Vec::new();
    for (supplier_position, mut score, must_keep) in scored {
        if !must_keep {
            if others >= keep {
                break;
            }
            others += 1;
        }
        let doc = &input.suppliers[supplier_position as usize].doc;
        scorer.cite_products(&mut score, &entry.buyer, &terms, doc, &offers[supplier_position as usize]);
        kept.push((supplier_position, score));
    }
    BuyerScores { kept, vetoed }
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
