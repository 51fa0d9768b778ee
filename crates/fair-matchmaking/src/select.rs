//! Who meets whom: a capacitated bipartite b-matching, solved exactly as a min-cost
//! flow.
//!
//! [`select`] chooses a set of candidate pairs: every locked one, never an excluded
//! one, each buyer and each supplier in at most `max_meetings` of them, maximising
//!
//! ```text
//!   Σ_chosen weight(c) + B·Σ_buyers min(count_b, min_b) + S·Σ_suppliers min(count_s, min_s)
//!   weight(c) = score(c) + MUST·[c.mutual_must] + stability_bonus·[c in problem.previous]
//! ```
//!
//! where `MUST`, `B` and `S` are the instance's [`Priorities`]. A locked candidate is
//! chosen even when it is excluded or over a capacity: locks are the organiser's
//! word. Locks count towards capacities, so a side whose locks reach its maximum
//! gets nothing more.
//!
//! # The priorities are exactly lexicographic
//!
//! With `D` the largest total weight change along one alternating cycle (below), the
//! constants
//!
//! ```text
//!   S    = D + 1                 (supplier_minimum)
//!   B    = S + D + 1 = 2D + 2    (buyer_minimum)
//!   MUST = B + S + D + 1 = 4D + 4
//! ```
//!
//! make the optimum lexicographically best for (number of mutual Must-meet pairs,
//! Σ buyers' minimums met, Σ suppliers' minimums met, Σ score + stability bonus), in
//! that order: a Must pair is never traded for any number of minimums, a buyer's
//! minimum never for another's extra meeting nor a supplier's minimum, and so on.
//!
//! Proof sketch. Let `f` be an optimal flow of [`network`] and `f'` any feasible
//! selection as a flow. Their difference is a circulation that splits into simple
//! cycles, each feasible in `f`'s residual graph, whose gains (in every one of the
//! four criteria) add up to the difference between `f'` and `f`. If `f'` were
//! lexicographically better, one cycle would be; but a simple cycle passes the
//! source at most once, and every source arc leaves the source, so it moves at most
//! one unit between buyer tiers (buyer minimums change by −1, 0 or +1); the same
//! holds at the sink for supplier minimums; and its candidate arcs alternate
//! between buyers and suppliers it visits once each, so there are at most
//! `k = min(#candidates, 2·min(#buyers, #suppliers))` of them, and its plain weight
//! (score + stability bonus) changes by at most `D = k·W`, `W` the largest absolute
//! plain weight. With the constants above such a cycle's weighted gain is then at
//! least 1, so augmenting it would improve `f`: a contradiction.
//!
//! The constants depend on the instance and the options only (not on exclusions),
//! and are small: for 3,000 buyers, 1,000 suppliers and scores up to 100, `MUST`
//! is about 8·10⁵. [`priorities`] computes them; [`network`] hands out the very
//! network [`select`] solves, so others can solve it too.
//!
//! # The network
//!
//! Nodes: the source (0), buyers (`1..=B`), suppliers (`B+1..=B+S`), the sink
//! (`B+S+1`). Arcs, in this order:
//! - source → buyer, the "minimum" tier: capacity `min(r_b, min_b − locked_b)`, cost `−B`;
//! - source → buyer, the "extra" tier: the rest of `r_b = max_b − locked_b`, cost 0;
//! - buyer → supplier, one per selectable candidate in index order: capacity 1,
//!   cost `−weight(c)`;
//! - supplier → sink tiers, likewise with `−S`;
//! - source → sink, the bypass: capacity `Σ r_b`, cost 0, so flow only goes where it
//!   pays.
//!
//! The source supplies `Σ r_b`, the sink demands it. Arcs of zero capacity and
//! candidates whose buyer or supplier has no capacity left are left out. The
//! selection's objective is [`Network::offset`] minus the flow's cost.

use crate::flow::MinCostFlow;
use crate::problem::Problem;

/// How the selection weighs what is not in the instance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SelectOptions {
    /// Added to the weight of every candidate placed by the last run
    /// ([`Problem::previous`]), in score units: reruns keep what they can.
    pub stability_bonus: i64,
}

/// The weights of the selection's priorities (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Priorities {
    /// Added to the weight of a mutual Must-meet pair.
    pub must: i64,
    /// Earned for each meeting up to a buyer's minimum.
    pub buyer_minimum: i64,
    /// Earned for each meeting up to a supplier's minimum.
    pub supplier_minimum: i64,
}

/// The chosen candidates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Candidate indices, ascending, locked ones included.
    pub chosen: Vec<u32>,
    /// [`objective`] of `chosen`.
    pub objective: i128,
}

/// What a set of candidates achieves, criterion by criterion, in priority order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Breakdown {
    /// Chosen mutual Must-meet pairs.
    pub must_pairs: u64,
    /// Σ over buyers of min(meetings, minimum).
    pub buyer_minimums: u64,
    /// Σ over suppliers of min(meetings, minimum).
    pub supplier_minimums: u64,
    /// Σ of scores and stability bonuses.
    pub plain_weight: i128,
}

impl Breakdown {
    /// The objective: the criteria weighed by the priorities.
    pub fn objective(&self, priorities: &Priorities) -> i128 {
        i128::from(self.must_pairs) * i128::from(priorities.must)
            + i128::from(self.buyer_minimums) * i128::from(priorities.buyer_minimum)
            + i128::from(self.supplier_minimums) * i128::from(priorities.supplier_minimum)
            + self.plain_weight
    }
}

/// The selection network (see the module documentation) with what it takes to read
/// a selection off its flow.
#[derive(Clone, Debug)]
pub struct Network {
    pub flow: MinCostFlow,
    /// For each arc of `flow`, the candidate it stands for (on buyer → supplier arcs).
    pub arc_candidate: Vec<Option<u32>>,
    /// The locked candidates, ascending: chosen outside the network.
    pub locked: Vec<u32>,
    /// The objective of the locked candidates alone. A flow of cost `c` selects
    /// `locked` plus its candidate arcs with flow, whose objective is `offset − c`.
    pub offset: i128,
    pub priorities: Priorities,
    pub source: usize,
    pub sink: usize,
}

/// The largest weight a plain weight or a priority may reach, so that a candidate's
/// weight (a priority plus a plain weight) fits in an `i64` with room to spare.
const WEIGHT_LIMIT: i128 = (i64::MAX / 8) as i128;

/// The priorities of an instance: exactly lexicographic (see the module documentation).
/// Only for absurd scores (a plain weight times twice the smaller side's participant count above 2⁵⁸)
/// are they capped, and then the order is no longer guaranteed.
pub fn priorities(problem: &Problem, options: &SelectOptions) -> Priorities {
    let previous = previous_mask(problem);
    let largest = problem
        .candidates
        .iter()
        .zip(&previous)
        .map(|(candidate, &previous)| plain_weight(candidate.score, previous, options).unsigned_abs())
        .max()
        .unwrap_or(0);
    let sides = problem.buyers.len().min(problem.suppliers.len()) as i128;
    let cycle_arcs = (2 * sides).min(problem.candidates.len() as i128);
    let d = (i128::from(largest) * cycle_arcs).min(WEIGHT_LIMIT / 4 - 1);
    let supplier_minimum = d + 1;
    let buyer_minimum = supplier_minimum + d + 1;
    let must = buyer_minimum + supplier_minimum + d + 1;
    Priorities { must: must as i64, buyer_minimum: buyer_minimum as i64, supplier_minimum: supplier_minimum as i64 }
}

/// Score plus stability bonus, capped to [`WEIGHT_LIMIT`] in magnitude.
fn plain_weight(score: i64, previous: bool, options: &SelectOptions) -> i64 {
    let bonus = if previous { i128::from(options.stability_bonus) } else { 0 };
    (i128::from(score) + bonus).clamp(-WEIGHT_LIMIT, WEIGHT_LIMIT) as i64
}

/// Per candidate: was it placed by the last run?
fn previous_mask(problem: &Problem) -> Vec<bool> {
    let mut previous = vec![false; problem.candidates.len()];
    for &(candidate, _) in &problem.previous {
        if let Some(flag) = previous.get_mut(candidate as usize) {
            *flag = true;
        }
    }
    previous
}

/// The locked candidates, ascending and without repeats (locks naming no candidate are ignored).
fn locked_candidates(problem: &Problem) -> Vec<u32> {
    let mut locked: Vec<u32> =
        problem.locks.iter().map(|lock| lock.candidate).filter(|&c| (c as usize) < problem.candidates.len()).collect();
    locked.sort_unstable();
    locked.dedup();
    locked
}

/// What a set of candidates achieves, criterion by criterion. `chosen` is a set of
/// candidate indices (indices naming no candidate are ignored).
pub fn breakdown(problem: &Problem, chosen: &[u32], options: &SelectOptions) -> Breakdown {
    let previous = previous_mask(problem);
    let mut buyer_count = vec![0u64; problem.buyers.len()];
    let mut supplier_count = vec![0u64; problem.suppliers.len()];
    let mut result = Breakdown::default();
    for &c in chosen {
        let Some(candidate) = problem.candidates.get(c as usize) else { continue };
        result.must_pairs += u64::from(candidate.mutual_must);
        result.plain_weight += i128::from(plain_weight(candidate.score, previous[c as usize], options));
        if let Some(count) = buyer_count.get_mut(candidate.buyer as usize) {
            *count += 1;
        }
        if let Some(count) = supplier_count.get_mut(candidate.supplier as usize) {
            *count += 1;
        }
    }
    result.buyer_minimums =
        problem.buyers.iter().zip(&buyer_count).map(|(b, &n)| n.min(u64::from(b.min_meetings))).sum();
    result.supplier_minimums =
        problem.suppliers.iter().zip(&supplier_count).map(|(s, &n)| n.min(u64::from(s.min_meetings))).sum();
    result
}

/// The objective of a set of candidates, as [`select`] maximises it. `chosen` is a
/// set of candidate indices; feasibility is not checked.
pub fn objective(problem: &Problem, chosen: &[u32], options: &SelectOptions) -> i128 {
    breakdown(problem, chosen, options).objective(&priorities(problem, options))
}

/// The network [`select`] solves. `excluded` holds a flag per candidate (missing
/// flags count as not excluded).
pub fn network(problem: &Problem, excluded: &[bool], options: &SelectOptions) -> Network {
    let priorities = priorities(problem, options);
    let previous = previous_mask(problem);
    let locked = locked_candidates(problem);
    let (buyers, suppliers) = (problem.buyers.len(), problem.suppliers.len());

    let mut is_locked = vec![false; problem.candidates.len()];
    let mut buyer_locked = vec![0u32; buyers];
    let mut supplier_locked = vec![0u32; suppliers];
    for &c in &locked {
        is_locked[c as usize] = true;
        let candidate = &problem.candidates[c as usize];
        if let Some(count) = buyer_locked.get_mut(candidate.buyer as usize) {
            *count += 1;
        }
        if let Some(count) = supplier_locked.get_mut(candidate.supplier as usize) {
            *count += 1;
        }
    }
    // (minimum tier, extra tier) of what each participant has left after its locks.
    let tiers = |participant: &crate::problem::Participant, locked: u32| {
        let room = participant.max_meetings.saturating_sub(locked);
        let minimum = room.min(participant.min_meetings.saturating_sub(locked));
        (i64::from(minimum), i64::from(room - minimum))
    };
    let buyer_tiers: Vec<(i64, i64)> = problem.buyers.iter().zip(&buyer_locked).map(|(b, &l)| tiers(b, l)).collect();
    let supplier_tiers: Vec<(i64, i64)> =
        problem.suppliers.iter().zip(&supplier_locked).map(|(s, &l)| tiers(s, l)).collect();

    let source = 0;
    let buyer_node = |b: usize| 1 + b;
    let supplier_node = |s: usize| 1 + buyers + s;
    let sink = 1 + buyers + suppliers;
    let mut flow = MinCostFlow::new(sink + 1);
    let mut arc_candidate = Vec::new();
    let mut add = |flow: &mut MinCostFlow, from, to, capacity, cost, candidate| {
        if capacity > 0 {
            flow.add_arc(from, to, capacity, cost);
            arc_candidate.push(candidate);
        }
    };

    for (b, &(minimum, extra)) in buyer_tiers.iter().enumerate() {
        add(&mut flow, source, buyer_node(b), minimum, -priorities.buyer_minimum, None);
        add(&mut flow, source, buyer_node(b), extra, 0, None);
    }
    for (c, candidate) in problem.candidates.iter().enumerate() {
        let (b, s) = (candidate.buyer as usize, candidate.supplier as usize);
        let selectable = !is_locked[c]
            && !excluded.get(c).copied().unwrap_or(false)
            && buyer_tiers.get(b).is_some_and(|&(minimum, extra)| minimum + extra > 0)
            && supplier_tiers.get(s).is_some_and(|&(minimum, extra)| minimum + extra > 0);
        if selectable {
            let must = if candidate.mutual_must { priorities.must } else { 0 };
            let weight = must + plain_weight(candidate.score, previous[c], options);
            add(&mut flow, buyer_node(b), supplier_node(s), 1, -weight, Some(c as u32));
        }
    }
    for (s, &(minimum, extra)) in supplier_tiers.iter().enumerate() {
        add(&mut flow, supplier_node(s), sink, minimum, -priorities.supplier_minimum, None);
        add(&mut flow, supplier_node(s), sink, extra, 0, None);
    }
    let total: i64 = buyer_tiers.iter().map(|&(minimum, extra)| minimum + extra).sum();
    add(&mut flow, source, sink, total, 0, None);
    flow.set_supply(source, total);
    flow.set_supply(sink, -total);

    let offset = breakdown(problem, &locked, options).objective(&priorities);
    Network { flow, arc_candidate, locked, offset, priorities, source, sink }
}

/// Chooses the meetings: the exact optimum of the objective (see the module
/// documentation). Deterministic: the same input gives the same selection.
pub fn select(problem: &Problem, excluded: &[bool], options: &SelectOptions) -> Selection {
    let mut network = network(problem, excluded, options);
    let solution = match network.flow.solve() {
        Ok(solution) => solution,
        // The network is balanced and feasible by construction (the bypass carries
        // any flow), capacities are non-negative, supplies are sums of u32s, and a
        // cost is at most 3·supply·i64::MAX, well within an i128.
        Err(error) => unreachable!("the selection network always has an optimal flow: {error}"),
    };
    let mut chosen = network.locked.clone();
    for (&candidate, &flow) in network.arc_candidate.iter().zip(&solution.flows) {
        if let (Some(candidate), 1) = (candidate, flow) {
            chosen.push(candidate);
        }
    }
    chosen.sort_unstable();
    let objective = breakdown(problem, &chosen, options).objective(&network.priorities);
    debug_assert_eq!(objective, network.offset - solution.cost);
    Selection { chosen, objective }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::{Candidate, Lock, Mode, Participant, SlotSet};
    use proptest::prelude::*;

    fn participant(min: u32, max: u32) -> Participant {
        Participant { key: String::new(), min_meetings: min, max_meetings: max, available: SlotSet::full(4) }
    }

    fn candidate(buyer: u32, supplier: u32, score: i64, mutual_must: bool) -> Candidate {
        Candidate { buyer, supplier, score, mutual_must, interpreter: None, mode: Mode::OnSite }
    }

    fn lock(candidate: u32) -> Lock {
        Lock { candidate, slot: 0, table: None, interpreter: None }
    }

    fn problem(buyers: &[(u32, u32)], suppliers: &[(u32, u32)], candidates: Vec<Candidate>) -> Problem {
        Problem {
            buyers: buyers.iter().map(|&(min, max)| participant(min, max)).collect(),
            suppliers: suppliers.iter().map(|&(min, max)| participant(min, max)).collect(),
            candidates,
            ..Problem::default()
        }
    }

    const NO_BONUS: SelectOptions = SelectOptions { stability_bonus: 0 };

    #[test]
    fn priorities_follow_the_instance() {
        let p = problem(&[(1, 2), (1, 2)], &[(1, 3)], vec![candidate(0, 0, 7, false), candidate(1, 0, 3, false)]);
        // W = 7, k = min(2, 2·1) = 2, D = 14.
        let expected = Priorities { must: 60, buyer_minimum: 30, supplier_minimum: 15 };
        assert_eq!(priorities(&p, &NO_BONUS), expected);
        let p = Problem { previous: vec![(1, 0)], ..p };
        // W = 3 + 5 = 8, D = 16.
        assert_eq!(priorities(&p, &SelectOptions { stability_bonus: 5 }).supplier_minimum, 17);
    }

    #[test]
    fn a_buyers_minimum_beats_anothers_extra() {
        // One supplier with room for one meeting. Buyer 1 already has its minimum
        // from supplier 1; buyer 0 has nothing. The better-scored pair gives buyer 1
        // an extra meeting; the selection gives buyer 0 its minimum instead.
        let p = problem(
            &[(1, 1), (1, 2)],
            &[(0, 1), (0, 1)],
            vec![candidate(0, 0, 1, false), candidate(1, 0, 100, false), candidate(1, 1, 1, false)],
        );
        assert_eq!(select(&p, &[], &NO_BONUS).chosen, vec![0, 2]);
    }

    #[test]
    fn suppliers_minimums_beat_scores() {
        let p = problem(&[(0, 1)], &[(0, 1), (1, 1)], vec![candidate(0, 0, 100, false), candidate(0, 1, 1, false)]);
        assert_eq!(select(&p, &[], &NO_BONUS).chosen, vec![1]);
    }

    #[test]
    fn mutual_must_comes_first() {
        // Supplier 0 holds one meeting: the Must pair takes it from two buyers who
        // need it for their minimums and score 50 times better.
        let p = problem(
            &[(1, 1), (1, 1), (0, 1)],
            &[(0, 1), (0, 1)],
            vec![
                candidate(0, 0, 50, false),
                candidate(1, 0, 50, false),
                candidate(2, 0, 1, true),
                candidate(2, 1, 1, false),
            ],
        );
        assert_eq!(select(&p, &[], &NO_BONUS).chosen, vec![2]);
    }

    #[test]
    fn must_beats_a_long_chain_of_scores() {
        // An alternating chain: buyer i (minimum 1) meets supplier i − 1 for 100
        // points or supplier i for 1. Taking the Must pair (b0, s0) shifts all 149
        // others one supplier along, losing 149 · 99 points. Local constants such as
        // S_MIN = 4S, B_MIN = 4(S + S_MIN), MUST = 4(S + S_MIN + B_MIN) lose this
        // trade; the exact ones do not.
        let n = 150u32;
        let mut candidates = vec![candidate(0, 0, 1, true)];
        for i in 1..n {
            candidates.push(candidate(i, i - 1, 100, false));
            candidates.push(candidate(i, i, 1, false));
        }
        let p = Problem {
            buyers: (0..n).map(|i| participant(u32::from(i > 0), 1)).collect(),
            suppliers: (0..n).map(|_| participant(0, 1)).collect(),
            candidates,
            ..Problem::default()
        };
        let selection = select(&p, &[], &NO_BONUS);
        let with_must: Vec<u32> = (0..n).map(|i| 2 * i).collect();
        let without_must: Vec<u32> = (1..n).map(|i| 2 * i - 1).collect();
        assert_eq!(selection.chosen, with_must);

        let local = Priorities { must: 4 * (100 + 400 + 2000), buyer_minimum: 4 * (100 + 400), supplier_minimum: 400 };
        let value = |chosen: &[u32]| breakdown(&p, chosen, &NO_BONUS).objective(&local);
        assert!(value(&without_must) > value(&with_must));
    }

    #[test]
    fn locks_are_kept_and_count() {
        // Buyer 0 may meet one supplier; its lock with supplier 1 uses that up, even
        // though the pair is excluded and the other scores better.
        let mut p = problem(&[(1, 1)], &[(0, 1), (0, 1)], vec![candidate(0, 0, 100, false), candidate(0, 1, 1, false)]);
        p.locks = vec![lock(1), lock(1), lock(99)];
        let selection = select(&p, &[false, true], &NO_BONUS);
        assert_eq!(selection.chosen, vec![1]);
        // Over capacity: two locks on a buyer with room for one.
        p.candidates.push(candidate(0, 0, 1, false));
        p.locks = vec![lock(1), lock(2)];
        assert_eq!(select(&p, &[], &NO_BONUS).chosen, vec![1, 2]);
    }

    #[test]
    fn stability_bonus_keeps_previous_meetings() {
        let mut p = problem(&[(0, 1)], &[(0, 1), (0, 1)], vec![candidate(0, 0, 10, false), candidate(0, 1, 8, false)]);
        assert_eq!(select(&p, &[], &NO_BONUS).chosen, vec![0]);
        p.previous = vec![(1, 3)];
        assert_eq!(select(&p, &[], &SelectOptions { stability_bonus: 5 }).chosen, vec![1]);
    }

    #[test]
    fn objective_is_offset_minus_cost() {
        let mut p = problem(
            &[(2, 3), (1, 2)],
            &[(1, 2), (2, 3)],
            vec![candidate(0, 0, 5, false), candidate(0, 1, 3, true), candidate(1, 1, 4, false)],
        );
        p.locks = vec![lock(2)];
        let mut network = network(&p, &[], &NO_BONUS);
        let solution = network.flow.solve().unwrap();
        let selection = select(&p, &[], &NO_BONUS);
        assert_eq!(selection.objective, network.offset - solution.cost);
        assert_eq!(selection.objective, objective(&p, &selection.chosen, &NO_BONUS));
        assert_eq!(network.arc_candidate.len(), network.flow.arc_count());
    }

    /// Is `chosen` a selection the rules allow?
    fn feasible(problem: &Problem, excluded: &[bool], chosen: &[u32]) -> bool {
        let locked = locked_candidates(problem);
        let mut buyer_locked = vec![0u32; problem.buyers.len()];
        let mut supplier_locked = vec![0u32; problem.suppliers.len()];
        for &c in &locked {
            let candidate = &problem.candidates[c as usize];
            buyer_locked[candidate.buyer as usize] += 1;
            supplier_locked[candidate.supplier as usize] += 1;
        }
        let mut buyer_count = vec![0u32; problem.buyers.len()];
        let mut supplier_count = vec![0u32; problem.suppliers.len()];
        for &c in chosen {
            let candidate = &problem.candidates[c as usize];
            buyer_count[candidate.buyer as usize] += 1;
            supplier_count[candidate.supplier as usize] += 1;
            if excluded[c as usize] && !locked.contains(&c) {
                return false;
            }
        }
        locked.iter().all(|c| chosen.contains(c))
            && chosen.windows(2).all(|w| w[0] < w[1])
            && (0..problem.buyers.len()).all(|b| buyer_count[b] <= problem.buyers[b].max_meetings.max(buyer_locked[b]))
            && (0..problem.suppliers.len())
                .all(|s| supplier_count[s] <= problem.suppliers[s].max_meetings.max(supplier_locked[s]))
    }

    /// Every feasible selection, by enumeration: the best objective and the best
    /// breakdown in lexicographic order.
    fn brute_force(problem: &Problem, excluded: &[bool], options: &SelectOptions) -> (i128, Breakdown) {
        let locked = locked_candidates(problem);
        let free: Vec<u32> =
            (0..problem.candidates.len() as u32).filter(|&c| !locked.contains(&c) && !excluded[c as usize]).collect();
        let mut best: Option<(i128, Breakdown)> = None;
        for mask in 0u32..1 << free.len() {
            let mut chosen = locked.clone();
            chosen.extend(free.iter().enumerate().filter(|&(i, _)| mask & (1 << i) != 0).map(|(_, &c)| c));
            chosen.sort_unstable();
            if !feasible(problem, excluded, &chosen) {
                continue;
            }
            let value = objective(problem, &chosen, options);
            let parts = breakdown(problem, &chosen, options);
            best = Some(match best {
                None => (value, parts),
                Some((v, p)) => (v.max(value), p.max(parts)),
            });
        }
        best.unwrap()
    }

    fn instance() -> impl Strategy<Value = (Problem, Vec<bool>, SelectOptions)> {
        (1usize..=6, 1usize..=6)
            .prop_flat_map(|(buyers, suppliers)| {
                let side = (0u32..4, 0u32..4).prop_map(|(a, b)| (a.min(b), a.max(b)));
                let pair = (0..buyers as u32, 0..suppliers as u32, 1i64..20, proptest::bool::weighted(0.15));
                (
                    proptest::collection::vec(side.clone(), buyers),
                    proptest::collection::vec(side, suppliers),
                    proptest::collection::vec(pair, 0..=14),
                    proptest::collection::vec(0usize..14, 0..3),
                    proptest::collection::vec(proptest::bool::weighted(0.15), 14),
                    proptest::collection::vec(0usize..14, 0..4),
                    0i64..8,
                    proptest::bool::weighted(0.2),
                )
            })
            .prop_map(|(buyers, suppliers, pairs, locks, excluded, previous, bonus, inverted)| {
                let mut p = Problem {
                    buyers: buyers.iter().map(|&(min, max)| participant(min, max)).collect(),
                    suppliers: suppliers.iter().map(|&(min, max)| participant(min, max)).collect(),
                    candidates: pairs.iter().map(|&(b, s, score, must)| candidate(b, s, score, must)).collect(),
                    ..Problem::default()
                };
                if inverted {
                    // A minimum above the maximum must not confuse anything.
                    p.buyers[0].min_meetings = p.buyers[0].max_meetings + 2;
                }
                let n = p.candidates.len();
                p.locks = locks.into_iter().filter(|&c| c < n).map(|c| lock(c as u32)).collect();
                p.previous = previous.into_iter().filter(|&c| c < n).map(|c| (c as u32, 0)).collect();
                let excluded = excluded[..n].to_vec();
                (p, excluded, SelectOptions { stability_bonus: bonus })
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn proptest_select_is_optimal((p, excluded, options) in instance()) {
            let selection = select(&p, &excluded, &options);
            prop_assert!(feasible(&p, &excluded, &selection.chosen), "{:?}", selection);
            prop_assert_eq!(selection.objective, objective(&p, &selection.chosen, &options));
            let (best, best_parts) = brute_force(&p, &excluded, &options);
            prop_assert_eq!(selection.objective, best);
            // The priorities are exactly lexicographic.
            prop_assert_eq!(breakdown(&p, &selection.chosen, &options), best_parts);
            // And deterministic.
            prop_assert_eq!(select(&p, &excluded, &options), selection);
        }
    }

    /// A fair of the size of the big one (print only):
    /// `cargo test --release -p fair-matchmaking -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing_large_fair() {
        let mut state = 0x5EED_u64;
        let mut next = move |n: u64| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % n
        };
        let (buyers, suppliers) = (3000u32, 1000u32);
        let mut candidates = Vec::new();
        for b in 0..buyers {
            let mut partners: Vec<u32> = (0..30).map(|_| next(u64::from(suppliers)) as u32).collect();
            partners.sort_unstable();
            partners.dedup();
            for s in partners {
                candidates.push(candidate(b, s, 1 + next(100) as i64, next(100) == 0));
            }
        }
        let mut p = Problem {
            buyers: (0..buyers).map(|_| participant(6, 10)).collect(),
            suppliers: (0..suppliers).map(|_| participant(5, 30)).collect(),
            candidates,
            ..Problem::default()
        };
        let n = p.candidates.len() as u64;
        p.locks = (0..200).map(|_| lock(next(n) as u32)).collect();
        p.previous = (0..20_000).map(|_| (next(n) as u32, 0)).collect();
        let excluded: Vec<bool> = (0..n).map(|_| next(50) == 0).collect();
        let options = SelectOptions { stability_bonus: 20 };

        let started = std::time::Instant::now();
        let mut net = network(&p, &excluded, &options);
        let built = started.elapsed();
        let solution = net.flow.solve().unwrap();
        let solved = started.elapsed();
        let selection = select(&p, &excluded, &options);
        let total = started.elapsed() - solved;
        let parts = breakdown(&p, &selection.chosen, &options);
        println!(
            "select: {} buyers, {} suppliers, {} candidates; network {} nodes, {} arcs; \
             build {:.1} ms, flow {:.1} ms, select() {:.1} ms; chosen {}, {:?}, {:?}, objective {} (= {})",
            buyers,
            suppliers,
            n,
            net.flow.node_count(),
            net.flow.arc_count(),
            built.as_secs_f64() * 1e3,
            (solved - built).as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3,
            selection.chosen.len(),
            net.priorities,
            parts,
            selection.objective,
            net.offset - solution.cost,
        );
    }
}
