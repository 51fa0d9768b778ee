//! From the engine's result back to the caller's ids and words.

use std::collections::HashMap;

use fair_domain::UiLanguage;
use schemars::{Schema, SchemaGenerator, json_schema};
use uuid::Uuid;

use super::convert::{SlotInfo, position};
use super::input::{FairFile, Level};
use super::output::{self, FairSummary, OutputFormat, ScheduleFile, Stats, Unscheduled, Warning};
use crate::build::{Built, FairInput};
use crate::explain::{explain, unscheduled_text};
use crate::place::idle_gaps;
use crate::problem::Mode;
use crate::rules::Rules;
use crate::schedule::{LeftOut, Schedule};
use crate::score::{Preference, Preferences, Side, Veto};

/// Every reason a pair can be left out for, in the order of the documentation.
pub(super) const LEFT_OUT: [LeftOut; 7] = [
    LeftOut::BuyerFull,
    LeftOut::SupplierFull,
    LeftOut::NoCommonSlot,
    LeftOut::NoInterpreter,
    LeftOut::NoTable,
    LeftOut::Crowded,
    LeftOut::LowerPriority,
];

/// Every reason a pair asked for cannot meet at all.
const VETOES: [&str; 4] = ["no_thanks", "missing_certificate", "expired_certificate", "rule"];

pub(crate) fn reason_codes(_: &mut SchemaGenerator) -> Schema {
    let codes: Vec<&str> = LEFT_OUT.iter().map(|r| r.code()).chain(VETOES).collect();
    json_schema!({ "type": "string", "enum": codes })
}

/// The reason code of a veto, without its details.
fn veto_code(veto: &Veto) -> &'static str {
    match veto {
        Veto::NoThanks { .. } => VETOES[0],
        Veto::MissingCertificate { .. } => VETOES[1],
        Veto::ExpiredCertificate { .. } => VETOES[2],
        Veto::Rule => VETOES[3],
    }
}

/// Why a pair has no meeting.
enum Reason<'a> {
    LeftOut(LeftOut),
    Veto(&'a Veto),
}

fn level(preference: Option<Preference>) -> Option<Level> {
    preference.map(|p| match p {
        Preference::Must => Level::Must,
        Preference::Meet => Level::Meet,
        Preference::NoThanks => Level::No,
    })
}

fn asked(preferences: &Preferences) -> bool {
    [preferences.buyer, preferences.supplier].iter().any(|p| matches!(p, Some(Preference::Must | Preference::Meet)))
}

/// What the report needs besides the engine's result.
pub(crate) struct Context<'a> {
    pub file: &'a FairFile,
    pub input: &'a FairInput<'a>,
    pub slots: &'a [SlotInfo],
    pub zone: chrono_tz::Tz,
    pub preferences: &'a HashMap<(Uuid, Uuid), Preferences>,
    pub rules: &'a Rules,
    pub need_ids: &'a [String],
    pub language: UiLanguage,
    pub reasons: usize,
}

pub(crate) fn report(
    context: &Context<'_>,
    built: &Built,
    schedule: &Schedule,
    mut warnings: Vec<Warning>,
) -> ScheduleFile {
    let Context { file, input, slots, zone, preferences, rules, need_ids, language, reasons } = *context;
    let problem = &built.problem;
    let docs = |supplier: usize| &input.suppliers[supplier].doc;
    let preferences_of = |buyer: usize, supplier: usize| {
        preferences.get(&(input.buyers[buyer].buyer.id, docs(supplier).id)).copied().unwrap_or_default()
    };

    // Meetings, in time order.
    let previous: HashMap<(usize, usize), u32> =
        input.previous.iter().map(|&(buyer, supplier, slot)| ((position(buyer), position(supplier)), slot)).collect();
    let mut placed = schedule.meetings.clone();
    placed.sort_by_key(|m| {
        let candidate = &problem.candidates[m.candidate as usize];
        (m.slot, m.table.unwrap_or(u32::MAX), candidate.buyer, candidate.supplier)
    });
    let meetings: Vec<output::Meeting> = placed
        .iter()
        .map(|m| {
            let candidate = &problem.candidates[m.candidate as usize];
            let score = &built.scores[m.candidate as usize];
            let (buyer, supplier) = (candidate.buyer as usize, candidate.supplier as usize);
            let slot = &slots[m.slot as usize];
            let explanation =
                if reasons > 0 { explain(score, docs(supplier), Side::Buyer, language).reasons } else { Vec::new() };
            output::Meeting {
                buyer: file.buyers[buyer].id.clone(),
                supplier: file.suppliers[supplier].id.clone(),
                slot: slot.id.clone(),
                day: slot.slot.day,
                ordinal: slot.slot.ordinal,
                start: slot.start,
                end: slot.end,
                local_start: slot.start.map(|t| t.with_timezone(&zone).fixed_offset()),
                local_end: slot.end.map(|t| t.with_timezone(&zone).fixed_offset()),
                mode: match candidate.mode {
                    Mode::OnSite => output::Mode::Onsite,
                    Mode::Online => output::Mode::Online,
                },
                table: m.table.map(|t| file.fair.tables[t as usize].id.clone()),
                interpreter: m.interpreter.map(|i| problem.interpreters[i as usize].key.clone()),
                locked: m.locked,
                mutual_must: candidate.mutual_must,
                score: score.total,
                need: score.need.map(|need| need_ids[position(need)].clone()),
                reasons: explanation
                    .into_iter()
                    .take(reasons)
                    .map(|r| output::Reason { kind: r.kind.to_owned(), text: r.text, points: r.points })
                    .collect(),
                moved_from: previous
                    .get(&(buyer, supplier))
                    .filter(|&&before| before != m.slot && !m.locked)
                    .map(|&before| slots[before as usize].id.clone()),
            }
        })
        .collect();

    // Pairs without a meeting: candidates left out, asked pairs vetoed or ruled out.
    let mut unscheduled: Vec<((usize, usize), Unscheduled)> = Vec::new();
    let entry = |buyer: usize, supplier: usize, reason: Reason<'_>, score: Option<i32>| {
        let preferences = preferences_of(buyer, supplier);
        let (code, text, standard, expired_on) = match reason {
            Reason::LeftOut(reason) => (reason.code(), unscheduled_text(reason.code(), language), None, None),
            Reason::Veto(veto) => {
                let (standard, expired_on) = match veto {
                    Veto::MissingCertificate { standard } => (Some(standard.clone()), None),
                    Veto::ExpiredCertificate { standard, expired_on } => (Some(standard.clone()), Some(*expired_on)),
                    Veto::NoThanks { .. } | Veto::Rule => (None, None),
                };
                (veto_code(veto), unscheduled_text(&veto.code(), language), standard, expired_on)
            }
        };
        (
            (buyer, supplier),
            Unscheduled {
                buyer: file.buyers[buyer].id.clone(),
                supplier: file.suppliers[supplier].id.clone(),
                reason: code.to_owned(),
                text,
                standard,
                expired_on,
                score,
                buyer_preference: level(preferences.buyer),
                supplier_preference: level(preferences.supplier),
            },
        )
    };
    for &(index, reason) in &schedule.left_out {
        let candidate = &problem.candidates[index as usize];
        let score = Some(built.scores[index as usize].total);
        unscheduled.push(entry(candidate.buyer as usize, candidate.supplier as usize, Reason::LeftOut(reason), score));
    }
    for score in &built.vetoed {
        let Some(veto) = &score.veto else { continue };
        unscheduled.push(entry(position(score.buyer), position(score.supplier), Reason::Veto(veto), None));
    }
    let mut ruled_out: Vec<(usize, usize)> = preferences
        .iter()
        .filter(|(_, preferences)| asked(preferences))
        .map(|(&(buyer, supplier), _)| (position(buyer), position(supplier)))
        .filter(|&(buyer, supplier)| !rules.allow(&input.buyers[buyer].buyer, docs(supplier)))
        .collect();
    ruled_out.sort_unstable();
    for (buyer, supplier) in ruled_out {
        unscheduled.push(entry(buyer, supplier, Reason::Veto(&Veto::Rule), None));
    }
    unscheduled.sort_by_key(|(key, _)| *key);

    // Locks kept although vetoed, or not kept at all (never expected: they were checked).
    let left_out: HashMap<u32, LeftOut> = schedule.left_out.iter().copied().collect();
    for (index, lock) in problem.locks.iter().enumerate() {
        let path = format!("locks[{index}]");
        let score = &built.scores[lock.candidate as usize];
        if let Some(veto) = &score.veto {
            let why = unscheduled_text(&veto.code(), language);
            warnings.push(Warning { path: path.clone(), message: format!("kept although: {why}") });
        }
        if let Some(reason) = left_out.get(&lock.candidate) {
            warnings.push(Warning { path, message: format!("could not be kept: {}", reason.code()) });
        }
    }

    // Figures.
    let mut buyer_meetings = vec![0u32; input.buyers.len()];
    let mut supplier_meetings = vec![0u32; input.suppliers.len()];
    let mut stats = Stats {
        buyers: input.buyers.len() as u32,
        suppliers: input.suppliers.len() as u32,
        slots: slots.len() as u32,
        tables: input.tables,
        interpreters: problem.interpreters.len() as u32,
        candidates: problem.candidates.len() as u32,
        meetings: placed.len() as u32,
        idle_gaps: idle_gaps(problem, &schedule.meetings),
        objective: i64::try_from(schedule.objective).unwrap_or(if schedule.objective < 0 {
            i64::MIN
        } else {
            i64::MAX
        }),
        rounds: schedule.rounds,
        moved: schedule.moved,
        ..Stats::default()
    };
    for m in &placed {
        let candidate = &problem.candidates[m.candidate as usize];
        let (buyer, supplier) = (candidate.buyer as usize, candidate.supplier as usize);
        buyer_meetings[buyer] += 1;
        supplier_meetings[supplier] += 1;
        stats.onsite += u32::from(m.table.is_some());
        stats.online += u32::from(m.table.is_none());
        stats.with_interpreter += u32::from(m.interpreter.is_some());
        stats.locked += u32::from(m.locked);
        let preferences = preferences_of(buyer, supplier);
        stats.mutual_must.met += u32::from(preferences.mutual_must());
        stats.requested.met += u32::from(asked(&preferences));
    }
    for preferences in preferences.values() {
        stats.mutual_must.total += u32::from(preferences.mutual_must());
        stats.requested.total += u32::from(asked(preferences));
    }
    for (count, entry) in buyer_meetings.iter().zip(&input.buyers) {
        stats.buyers_at_minimum += u32::from(*count >= entry.min_meetings);
        stats.buyers_without_meeting += u32::from(*count == 0);
    }
    for (count, entry) in supplier_meetings.iter().zip(&input.suppliers) {
        stats.suppliers_at_minimum += u32::from(*count >= entry.min_meetings);
        stats.suppliers_without_meeting += u32::from(*count == 0);
    }

    ScheduleFile {
        format: OutputFormat::V1,
        fair: FairSummary { name: file.fair.name.clone(), time_zone: zone.name().to_owned(), today: file.fair.today },
        language: language.tag().to_owned(),
        stats,
        meetings,
        unscheduled: unscheduled.into_iter().map(|(_, entry)| entry).collect(),
        warnings,
    }
}
