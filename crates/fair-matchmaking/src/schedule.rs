//! The scheduler: selection and placement in a loop. A selected meeting that finds
//! no place is excluded and the selection re-solved, so the capacity it held goes
//! to the next best pair; every candidate left out gets a reason.

use crate::place::{PlaceOptions, Placement, Unplaced, place};
use crate::problem::{Meeting, Problem};
use crate::select::{SelectOptions, objective, select};

#[derive(Clone, Debug)]
pub struct ScheduleOptions {
    pub select: SelectOptions,
    pub place: PlaceOptions,
    /// Selection–placement rounds at most, per pass.
    pub max_rounds: u32,
    /// Passes after the first, each from the last placement (see [`schedule`]).
    pub improvement_passes: u32,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        Self { select: SelectOptions::default(), place: PlaceOptions::default(), max_rounds: 8, improvement_passes: 2 }
    }
}

/// The stability bonus a fair's runs use, in score points: a pair the last run
/// placed keeps its meeting unless another pair scores more than this much higher.
pub const STABILITY_BONUS: i64 = 10;

impl ScheduleOptions {
    /// What a fair's scheduler runs with, on the server and in `fair schedule`: the
    /// defaults plus [`STABILITY_BONUS`], so reruns keep what they can.
    pub fn stable() -> Self {
        Self { select: SelectOptions { stability_bonus: STABILITY_BONUS }, ..Self::default() }
    }
}

/// Why a candidate pair has no meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeftOut {
    /// The buyer's meetings reached its maximum with better pairs.
    BuyerFull,
    /// The supplier's meetings reached its maximum with better pairs.
    SupplierFull,
    /// The two are never free at the same time.
    NoCommonSlot,
    /// No interpreter for their language is free when both are.
    NoInterpreter,
    /// No table is free when both are (and the meeting must be on site).
    NoTable,
    /// Their common free slots are all taken by the two's other meetings.
    Crowded,
    /// Both had room, but other pairs scored higher overall.
    LowerPriority,
}

impl LeftOut {
    pub fn code(self) -> &'static str {
        match self {
            Self::BuyerFull => "buyer_full",
            Self::SupplierFull => "supplier_full",
            Self::NoCommonSlot => "no_common_slot",
            Self::NoInterpreter => "no_interpreter",
            Self::NoTable => "no_table",
            Self::Crowded => "crowded",
            Self::LowerPriority => "lower_priority",
        }
    }
}

impl From<Unplaced> for LeftOut {
    fn from(reason: Unplaced) -> Self {
        match reason {
            Unplaced::NoCommonSlot => Self::NoCommonSlot,
            Unplaced::NoInterpreter => Self::NoInterpreter,
            Unplaced::NoTable => Self::NoTable,
            Unplaced::Crowded => Self::Crowded,
        }
    }
}

/// Where a run is, for progress bars.
#[derive(Clone, Copy, Debug)]
pub enum Progress {
    Selecting { round: u32 },
    Placing { round: u32, meetings: usize },
    Done { meetings: usize },
}

#[derive(Clone, Debug)]
pub struct Schedule {
    /// Placed meetings, sorted by candidate.
    pub meetings: Vec<Meeting>,
    /// Every candidate without a meeting, sorted by candidate, with why.
    pub left_out: Vec<(u32, LeftOut)>,
    /// The selection objective of the placed meetings.
    pub objective: i128,
    pub rounds: u32,
    /// Unlocked meetings placed elsewhere than in `problem.previous`.
    pub moved: u32,
}

/// Selection and placement in a loop from `excluded`: what did not fit is excluded
/// and the selection re-solved. Returns the last placement and the reasons of the
/// candidates excluded on the way.
fn rounds(
    problem: &Problem,
    mut excluded: Vec<bool>,
    options: &ScheduleOptions,
    round: &mut u32,
    progress: &mut dyn FnMut(Progress),
) -> (Placement, Vec<Option<LeftOut>>) {
    let mut reasons: Vec<Option<LeftOut>> = vec![None; problem.candidates.len()];
    let last = *round + options.max_rounds.max(1);
    loop {
        *round += 1;
        progress(Progress::Selecting { round: *round });
        let selection = select(problem, &excluded, &options.select);
        progress(Progress::Placing { round: *round, meetings: selection.chosen.len() });
        let placement = place(problem, &selection.chosen, &options.place);
        let mut changed = false;
        for &(candidate, reason) in &placement.unplaced {
            let index = candidate as usize;
            // Locks are kept by selection whatever; only free pairs can be dropped.
            if !excluded[index] {
                excluded[index] = true;
                changed = true;
            }
            reasons[index] = Some(reason.into());
        }
        if placement.unplaced.is_empty() || !changed || *round >= last {
            return (placement, reasons);
        }
    }
}

/// Schedules a fair: deterministic for the same problem and options.
///
/// A pair dropped because it found no place stays out of later selections of its
/// pass, even if a later selection would have made room for it. So when anything was
/// dropped, further passes start again with nothing excluded but the last placement
/// as the previous run (kept where it still fits), and the best pass wins.
pub fn schedule(problem: &Problem, options: &ScheduleOptions, progress: &mut dyn FnMut(Progress)) -> Schedule {
    let count = problem.candidates.len();
    let mut never = vec![false; count];
    let mut fixed_reasons: Vec<Option<LeftOut>> = vec![None; count];
    // A pair never free together cannot meet: leave it out before selecting.
    for (index, candidate) in problem.candidates.iter().enumerate() {
        let (Some(buyer), Some(supplier)) =
            (problem.buyers.get(candidate.buyer as usize), problem.suppliers.get(candidate.supplier as usize))
        else {
            never[index] = true;
            fixed_reasons[index] = Some(LeftOut::NoCommonSlot);
            continue;
        };
        if buyer.available.intersection_count(&supplier.available) == 0 {
            never[index] = true;
            fixed_reasons[index] = Some(LeftOut::NoCommonSlot);
        }
    }

    let mut round = 0;
    let placed_objective = |placement: &Placement| {
        let chosen: Vec<u32> = placement.meetings.iter().map(|m| m.candidate).collect();
        objective(problem, &chosen, &options.select)
    };
    // A rerun first tries to keep the previous run (what still fits of it): an
    // unconstrained pass wins only if strictly better.
    let (mut placement, mut reasons) = if problem.previous.is_empty() {
        rounds(problem, never.clone(), options, &mut round, progress)
    } else {
        let mut only_previous = vec![true; count];
        for &(candidate, _) in &problem.previous {
            if let Some(flag) = only_previous.get_mut(candidate as usize) {
                *flag = never[candidate as usize];
            }
        }
        rounds(problem, only_previous, options, &mut round, progress)
    };
    let mut best = placed_objective(&placement);
    if !problem.previous.is_empty() {
        let (free, free_reasons) = rounds(problem, never.clone(), options, &mut round, progress);
        let value = placed_objective(&free);
        if value > best {
            (placement, reasons, best) = (free, free_reasons, value);
        } else {
            // Reasons come from the free pass: it is the one that says why the
            // other candidates did not fit.
            for (reason, free) in reasons.iter_mut().zip(free_reasons) {
                if free.is_some() {
                    *reason = free;
                }
            }
        }
    }
    for _ in 0..options.improvement_passes {
        if reasons.iter().all(Option::is_none) {
            break;
        }
        let mut pulled = problem.clone();
        pulled.previous = placement.meetings.iter().map(|m| (m.candidate, m.slot)).collect();
        let pass_options = ScheduleOptions {
            select: SelectOptions { stability_bonus: options.select.stability_bonus.max(1) },
            ..options.clone()
        };
        let (candidate, candidate_reasons) = rounds(&pulled, never.clone(), &pass_options, &mut round, progress);
        let value = placed_objective(&candidate);
        if value <= best {
            break;
        }
        best = value;
        placement = candidate;
        reasons = candidate_reasons;
    }
    for (reason, fixed) in reasons.iter_mut().zip(&fixed_reasons) {
        if fixed.is_some() {
            *reason = *fixed;
        }
    }
    for &(candidate, reason) in &placement.unplaced {
        reasons[candidate as usize] = Some(reason.into());
    }

    // Candidates never placed: say why.
    let mut placed = vec![false; count];
    let mut buyer_load = vec![0u32; problem.buyers.len()];
    let mut supplier_load = vec![0u32; problem.suppliers.len()];
    for meeting in &placement.meetings {
        let candidate = &problem.candidates[meeting.candidate as usize];
        placed[meeting.candidate as usize] = true;
        buyer_load[candidate.buyer as usize] += 1;
        supplier_load[candidate.supplier as usize] += 1;
    }
    let left_out = (0..count)
        .filter(|&index| !placed[index])
        .map(|index| {
            let candidate = &problem.candidates[index];
            let reason = reasons[index].unwrap_or_else(|| {
                let buyer = &problem.buyers[candidate.buyer as usize];
                let supplier = &problem.suppliers[candidate.supplier as usize];
                if buyer_load[candidate.buyer as usize] >= buyer.max_meetings {
                    LeftOut::BuyerFull
                } else if supplier_load[candidate.supplier as usize] >= supplier.max_meetings {
                    LeftOut::SupplierFull
                } else {
                    LeftOut::LowerPriority
                }
            });
            (index as u32, reason)
        })
        .collect();
    // Moves count against the caller's previous run, whichever pass won.
    let previous_slot: std::collections::HashMap<u32, u32> = problem.previous.iter().copied().collect();
    let moved = placement
        .meetings
        .iter()
        .filter(|m| !m.locked && previous_slot.get(&m.candidate).is_some_and(|&slot| slot != m.slot))
        .count() as u32;
    progress(Progress::Done { meetings: placement.meetings.len() });
    Schedule { meetings: placement.meetings, left_out, objective: best, rounds: round, moved }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::place::check;
    use crate::problem::{Candidate, Interpreter, Lock, Mode, Participant, Slot, SlotSet};

    /// A random fair from a seed: availability, quotas, tables, interpreters,
    /// mutual Must-meet pairs and pairs needing an interpreter all vary.
    fn fair(seed: u64, buyers: u32, suppliers: u32, slots: u32) -> Problem {
        let mut state = seed | 1;
        let mut next = move |below: u64| {
            // xorshift64*: deterministic and dependency-free for tests.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % below.max(1)
        };
        let availability = |next: &mut dyn FnMut(u64) -> u64| {
            let mut set = SlotSet::empty(slots);
            for slot in 0..slots {
                if next(10) < 7 {
                    set.insert(slot);
                }
            }
            set
        };
        let participant = |key: String, next: &mut dyn FnMut(u64) -> u64, available: SlotSet| {
            let max = 1 + next(4) as u32;
            Participant { key, min_meetings: next(u64::from(max) + 1) as u32, max_meetings: max, available }
        };
        let buyers: Vec<Participant> = (0..buyers)
            .map(|b| {
                let available = availability(&mut next);
                participant(format!("b{b}"), &mut next, available)
            })
            .collect();
        let suppliers: Vec<Participant> = (0..suppliers)
            .map(|s| {
                let available = availability(&mut next);
                participant(format!("s{s}"), &mut next, available)
            })
            .collect();
        let tables = next(3) as u32;
        let mut candidates = Vec::new();
        for buyer in 0..buyers.len() as u32 {
            for supplier in 0..suppliers.len() as u32 {
                if next(10) < 6 {
                    candidates.push(Candidate {
                        buyer,
                        supplier,
                        score: 1 + next(100) as i64,
                        mutual_must: next(10) == 0,
                        interpreter: (next(5) == 0).then(|| next(2) as u8),
                        mode: if tables > 0 && next(2) == 0 { Mode::OnSite } else { Mode::Online },
                    });
                }
            }
        }
        let interpreters = (0..next(3))
            .map(|i| Interpreter { key: format!("i{i}"), pair: next(2) as u8, available: availability(&mut next) })
            .collect();
        Problem {
            buyers,
            suppliers,
            slots: (0..slots).map(|s| Slot { day: s / 4, ordinal: s % 4 }).collect(),
            tables,
            candidates,
            interpreters,
            locks: Vec::new(),
            previous: Vec::new(),
        }
    }

    fn loads(problem: &Problem, meetings: &[Meeting]) -> (Vec<u32>, Vec<u32>) {
        let mut buyer = vec![0; problem.buyers.len()];
        let mut supplier = vec![0; problem.suppliers.len()];
        for meeting in meetings {
            let candidate = &problem.candidates[meeting.candidate as usize];
            buyer[candidate.buyer as usize] += 1;
            supplier[candidate.supplier as usize] += 1;
        }
        (buyer, supplier)
    }

    /// Everything a schedule promises, whatever the fair.
    fn assert_sound(problem: &Problem, result: &Schedule) {
        // No participant, table or interpreter twice in a slot; nothing outside
        // availability; tables only for on-site meetings, interpreters of the right pair.
        check(problem, &result.meetings).unwrap();
        let (buyer_load, supplier_load) = loads(problem, &result.meetings);
        for (load, participant) in buyer_load.iter().zip(&problem.buyers) {
            assert!(*load <= participant.max_meetings, "buyer {} over its maximum", participant.key);
        }
        for (load, participant) in supplier_load.iter().zip(&problem.suppliers) {
            assert!(*load <= participant.max_meetings, "supplier {} over its maximum", participant.key);
        }
        // Every candidate is either met or left out with a reason, once.
        let mut seen = vec![0u8; problem.candidates.len()];
        for meeting in &result.meetings {
            seen[meeting.candidate as usize] += 1;
        }
        for (candidate, _) in &result.left_out {
            seen[*candidate as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n == 1), "a candidate is missing or counted twice");
        // A pair left out "for lower priority" had room on both sides: then the
        // buyer must already have its minimum (minimums come before scores).
        let placement_failed = result
            .left_out
            .iter()
            .any(|(_, reason)| matches!(reason, LeftOut::NoInterpreter | LeftOut::NoTable | LeftOut::Crowded));
        if !placement_failed {
            for (candidate, reason) in &result.left_out {
                let candidate = &problem.candidates[*candidate as usize];
                if *reason == LeftOut::LowerPriority {
                    let buyer = &problem.buyers[candidate.buyer as usize];
                    assert!(
                        buyer_load[candidate.buyer as usize] >= buyer.min_meetings,
                        "buyer {} below its minimum while a pair with room was left out",
                        buyer.key
                    );
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn schedules_keep_every_rule(seed in any::<u64>(), buyers in 1u32..10, suppliers in 1u32..8, slots in 1u32..9) {
            let problem = fair(seed, buyers, suppliers, slots);
            let result = schedule(&problem, &ScheduleOptions::default(), &mut |_| {});
            assert_sound(&problem, &result);
            // Deterministic.
            let again = schedule(&problem, &ScheduleOptions::default(), &mut |_| {});
            prop_assert_eq!(&result.meetings, &again.meetings);
            prop_assert_eq!(&result.left_out, &again.left_out);
        }

        #[test]
        fn reruns_keep_locks_and_move_little(seed in any::<u64>(), buyers in 1u32..10, suppliers in 1u32..8, slots in 2u32..9) {
            let mut problem = fair(seed, buyers, suppliers, slots);
            let first = schedule(&problem, &ScheduleOptions::default(), &mut |_| {});
            // The organiser locks every other meeting; the rest is the previous run.
            problem.locks = first
                .meetings
                .iter()
                .step_by(2)
                .map(|m| Lock { candidate: m.candidate, slot: m.slot, table: m.table, interpreter: m.interpreter })
                .collect();
            problem.previous = first.meetings.iter().map(|m| (m.candidate, m.slot)).collect();
            let rerun = schedule(&problem, &ScheduleOptions::default(), &mut |_| {});
            assert_sound(&problem, &rerun);
            for lock in &problem.locks {
                let kept = rerun.meetings.iter().find(|m| m.candidate == lock.candidate);
                prop_assert!(kept.is_some_and(|m| m.locked && m.slot == lock.slot && m.table == lock.table));
            }
            // Nothing changed in the fair: the rerun is no worse, and it moves a
            // meeting only to make room for a better schedule.
            let plain = SelectOptions::default();
            let chosen = |s: &Schedule| s.meetings.iter().map(|m| m.candidate).collect::<Vec<_>>();
            let before = objective(&problem, &chosen(&first), &plain);
            let after = objective(&problem, &chosen(&rerun), &plain);
            prop_assert!(after >= before, "rerun objective {} below the first run's {}", after, before);
            if chosen(&rerun) == chosen(&first) {
                prop_assert_eq!(rerun.moved, 0);
            }
        }
    }

    #[test]
    fn pairs_never_free_together_are_left_out_with_that_reason() {
        let mut problem = fair(7, 2, 2, 4);
        let mut morning = SlotSet::empty(4);
        morning.insert(0);
        let mut afternoon = SlotSet::empty(4);
        afternoon.insert(3);
        problem.buyers[0].available = morning;
        problem.suppliers[0].available = afternoon;
        problem.candidates = vec![Candidate {
            buyer: 0,
            supplier: 0,
            score: 50,
            mutual_must: true,
            interpreter: None,
            mode: Mode::Online,
        }];
        let result = schedule(&problem, &ScheduleOptions::default(), &mut |_| {});
        assert!(result.meetings.is_empty());
        assert_eq!(result.left_out, vec![(0, LeftOut::NoCommonSlot)]);
    }

    #[test]
    fn a_pair_without_interpreter_goes_back_to_selection() {
        // One buyer, two suppliers, max one meeting: the better pair needs an
        // interpreter nobody provides, so the buyer meets the other supplier.
        let mut problem = fair(11, 1, 2, 2);
        problem.buyers[0] =
            Participant { key: "b".into(), min_meetings: 1, max_meetings: 1, available: SlotSet::full(2) };
        for supplier in &mut problem.suppliers {
            supplier.available = SlotSet::full(2);
            supplier.max_meetings = 1;
        }
        problem.interpreters.clear();
        problem.candidates = vec![
            Candidate {
                buyer: 0,
                supplier: 0,
                score: 90,
                mutual_must: false,
                interpreter: Some(0),
                mode: Mode::Online,
            },
            Candidate { buyer: 0, supplier: 1, score: 40, mutual_must: false, interpreter: None, mode: Mode::Online },
        ];
        let result = schedule(&problem, &ScheduleOptions::default(), &mut |_| {});
        assert_eq!(result.meetings.iter().map(|m| m.candidate).collect::<Vec<_>>(), vec![1]);
        assert_eq!(result.left_out, vec![(0, LeftOut::NoInterpreter)]);
        assert!(result.rounds >= 2);
    }
}
