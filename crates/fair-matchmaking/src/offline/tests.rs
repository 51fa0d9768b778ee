use std::collections::HashSet;

use serde_json::{Value, json};

use super::*;

const EXAMPLE: &str = include_str!("../../../../docs/examples/fair-small.json");

fn example() -> FairFile {
    parse(EXAMPLE).expect("the example parses")
}

fn schedule_of(file: &FairFile) -> ScheduleFile {
    run(file, &Options::default(), &mut |_| {}).expect("the fair schedules")
}

/// Runs a modified copy of the example and returns its problems as (path, code).
fn problems(change: impl FnOnce(&mut Value)) -> Vec<(String, &'static str)> {
    let mut value: Value = serde_json::from_str(EXAMPLE).expect("the example is JSON");
    change(&mut value);
    let file: FairFile = serde_json::from_value(value).expect("the changed example still parses");
    match run(&file, &Options::default(), &mut |_| {}) {
        Err(OfflineError::Invalid(errors)) => errors.0.into_iter().map(|e| (e.field, e.code)).collect(),
        Err(other) => panic!("expected validation errors, got {other}"),
        Ok(_) => panic!("expected validation errors, the fair scheduled"),
    }
}

fn has(problems: &[(String, &'static str)], path: &str, code: &str) -> bool {
    problems.iter().any(|(p, c)| p == path && *c == code)
}

#[test]
fn the_example_schedules_without_double_booking_and_keeps_its_lock() {
    let file = example();
    let out = schedule_of(&file);
    assert!(out.stats.meetings >= 8, "{:?}", out.stats);
    assert_eq!(out.stats.meetings as usize, out.meetings.len());

    // Nobody, no table and no interpreter twice in one slot.
    let mut taken = HashSet::new();
    for m in &out.meetings {
        assert!(taken.insert(("buyer", m.buyer.clone(), m.slot.clone())), "{m:?}");
        assert!(taken.insert(("supplier", m.supplier.clone(), m.slot.clone())), "{m:?}");
        if let Some(table) = &m.table {
            assert!(taken.insert(("table", table.clone(), m.slot.clone())), "{m:?}");
        }
        if let Some(interpreter) = &m.interpreter {
            assert!(taken.insert(("interpreter", interpreter.clone(), m.slot.clone())), "{m:?}");
        }
        // Nothing outside availability.
        let buyer = file.buyers.iter().find(|b| b.id == m.buyer).unwrap();
        let supplier = file.suppliers.iter().find(|s| s.id == m.supplier).unwrap();
        assert!(!buyer.unavailable.contains(&m.slot) && !supplier.unavailable.contains(&m.slot), "{m:?}");
        assert_eq!(m.table.is_some(), m.mode == output::Mode::Onsite, "{m:?}");
    }

    // The lock, exactly as given.
    let lock = out.meetings.iter().find(|m| m.buyer == "kansai-auto" && m.supplier == "day-cap-quang-minh").unwrap();
    assert!(lock.locked);
    assert_eq!((lock.slot.as_str(), lock.table.as_deref()), ("d1-0930", Some("A1")));
    assert_eq!(lock.start.unwrap().to_rfc3339(), "2026-11-26T02:30:00+00:00");
    assert_eq!(lock.local_start.unwrap().to_rfc3339(), "2026-11-26T09:30:00+07:00");
    assert_eq!(out.stats.locked, 1);

    // The mutual Must-meet pair meets, on day 1 (the buyer's only day), with the
    // Japanese interpreter (Sakura speaks only Japanese, the supplier no Japanese).
    assert_eq!(out.stats.mutual_must, output::Coverage { met: 1, total: 1 });
    let must = out.meetings.iter().find(|m| m.buyer == "sakura-denki" && m.supplier == "nhua-thang-long").unwrap();
    assert!(must.mutual_must && must.day == 0);
    assert_eq!(must.interpreter.as_deref(), Some("hoa-ja"));
    assert_eq!(must.need.as_deref(), Some("sd-cover"));
    assert!(!must.reasons.is_empty() && must.reasons.len() <= 3);
    assert_eq!(must.reasons[0].kind, "interest");
    for m in out.meetings.iter().filter(|m| m.buyer == "sakura-denki") {
        assert_eq!(m.day, 0, "{m:?}");
    }

    // Formosa attends online and may meet electronics suppliers only.
    for m in out.meetings.iter().filter(|m| m.buyer == "formosa-elec") {
        assert_eq!((m.supplier.as_str(), m.mode), ("dien-tu-hoa-lac", output::Mode::Online), "{m:?}");
    }
    // Phú Nghĩa attends online.
    assert!(out.meetings.iter().filter(|m| m.supplier == "khuon-mau-phu-nghia").all(|m| m.table.is_none()));

    // Asked-for pairs that cannot meet say why.
    let why = |buyer: &str, supplier: &str| {
        out.unscheduled.iter().find(|u| u.buyer == buyer && u.supplier == supplier).map(|u| u.reason.as_str())
    };
    assert_eq!(why("kansai-auto", "duc-nhom-bac-ninh"), Some("expired_certificate"));
    let expired = out.unscheduled.iter().find(|u| u.reason == "expired_certificate").unwrap();
    assert_eq!(expired.standard.as_deref(), Some("ISO9001"));
    assert_eq!(expired.expired_on.map(|d| d.to_string()).as_deref(), Some("2026-03-31"));
    assert_eq!(expired.buyer_preference, Some(input::Level::Must));
    assert_eq!(why("formosa-elec", "co-khi-dong-anh"), Some("rule"));
    // "No thanks" pairs are never scheduled.
    assert!(!out.meetings.iter().any(|m| m.buyer == "hsinchu-precision" && m.supplier == "thuong-mai-ha-noi"));

    // Every buyer got its minimum but Formosa, whose allow rule leaves one supplier.
    assert_eq!(out.stats.buyers_at_minimum, out.stats.buyers - 1, "{:?}", out.stats);
    assert_eq!(out.meetings.iter().filter(|m| m.buyer == "formosa-elec").count(), 1);
    assert_eq!(out.stats.buyers_without_meeting, 0);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn same_input_same_bytes() {
    let file = example();
    let first = to_json(&schedule_of(&file)).unwrap();
    let second = to_json(&schedule_of(&parse(EXAMPLE).unwrap())).unwrap();
    assert_eq!(first, second);
    assert!(first.ends_with("}\n"));
}

#[test]
fn feeding_the_output_back_as_previous_moves_nothing() {
    let mut file = example();
    let out = schedule_of(&file);
    file.previous = parse_previous(&to_json(&out).unwrap()).unwrap();
    assert_eq!(file.previous.len(), out.meetings.len());
    let again = schedule_of(&file);
    assert_eq!(again.stats.moved, 0, "{:?}", again.stats);
    let slots = |s: &ScheduleFile| -> Vec<(String, String, String)> {
        let mut all: Vec<_> =
            s.meetings.iter().map(|m| (m.buyer.clone(), m.supplier.clone(), m.slot.clone())).collect();
        all.sort();
        all
    };
    assert_eq!(slots(&again), slots(&out));
    assert!(again.meetings.iter().all(|m| m.moved_from.is_none()));
}

#[test]
fn a_rerun_after_a_change_reports_what_moved() {
    let mut file = example();
    let out = schedule_of(&file);
    file.previous = parse_previous(&to_json(&out).unwrap()).unwrap();
    // Sakura can no longer come at the time of its Must-meet meeting.
    let must = out.meetings.iter().find(|m| m.buyer == "sakura-denki" && m.supplier == "nhua-thang-long").unwrap();
    let buyer = file.buyers.iter_mut().find(|b| b.id == "sakura-denki").unwrap();
    buyer.unavailable.push(must.slot.clone());
    let again = schedule_of(&file);
    let moved = again.meetings.iter().find(|m| m.buyer == "sakura-denki" && m.supplier == "nhua-thang-long").unwrap();
    assert_ne!(moved.slot, must.slot);
    assert_eq!(moved.moved_from.as_deref(), Some(must.slot.as_str()));
    assert!(again.stats.moved >= 1);
    assert_eq!(again.stats.moved as usize, again.meetings.iter().filter(|m| m.moved_from.is_some()).count());
}

#[test]
fn numbered_slots_schedule_too() {
    let mut file = example();
    for (index, slot) in file.fair.slots.iter_mut().enumerate() {
        slot.start = None;
        slot.end = None;
        slot.day = Some(index as u32 / 6);
        slot.ordinal = Some(index as u32 % 6);
    }
    let out = schedule_of(&file);
    assert!(out.stats.meetings >= 8);
    assert!(out.meetings.iter().all(|m| m.start.is_none() && m.local_start.is_none()));
    let lock = out.meetings.iter().find(|m| m.locked).unwrap();
    assert_eq!((lock.day, lock.ordinal), (0, 1));
}

#[test]
fn reasons_follow_the_language_and_can_be_left_out() {
    let file = example();
    let japanese = run(&file, &Options { language: UiLanguage::Japanese, reasons: 1 }, &mut |_| {}).unwrap();
    assert_eq!(japanese.language, "ja");
    assert!(japanese.meetings.iter().all(|m| m.reasons.len() == 1));
    let expired = japanese.unscheduled.iter().find(|u| u.reason == "expired_certificate").unwrap();
    assert!(expired.text.contains("失効"), "{}", expired.text);
    let none = run(&file, &Options { language: UiLanguage::English, reasons: 0 }, &mut |_| {}).unwrap();
    assert!(none.meetings.iter().all(|m| m.reasons.is_empty()));
}

#[test]
fn progress_reports_scoring_and_scheduling() {
    let file = example();
    let mut scored = Vec::new();
    let mut done = false;
    run(&file, &Options::default(), &mut |stage| match stage {
        Stage::Scoring { done, total } => scored.push((done, total)),
        Stage::Scheduling(Progress::Done { .. }) => done = true,
        Stage::Indexing { .. } | Stage::Scheduling(_) => {}
    })
    .unwrap();
    assert_eq!(scored.last(), Some(&(file.buyers.len(), file.buyers.len())));
    assert!(done);
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let found = problems(|v| {
        v["buyers"][3]["unavailable"] = json!(["d1-0900", "d2-0900", "d9-0900"]);
        v["suppliers"][1]["id"] = json!("sakura-denki");
        v["buyers"][0]["min_meetings"] = json!(5);
        v["buyers"][0]["max_meetings"] = json!(4);
        v["buyers"][1]["needs"][0]["processes"] = json!(["P13", "P99"]);
        v["buyers"][1]["country"] = json!("XX");
        v["suppliers"][0]["products"][0]["product_group"] = json!("ZZ9");
        v["suppliers"][0]["certifications"][0]["standard"] = json!("ISO9999");
        v["suppliers"][2]["languages"] = json!(["vi", "klingon"]);
        v["interpreters"][0]["language"] = json!("vi");
        v["fair"]["time_zone"] = json!("Asia/Hanoi");
        v["preferences"][0]["to"] = json!("nobody");
        v["rules"][0]["supplier_sector"] = json!("XY");
    });
    for (path, code) in [
        ("buyers[3].unavailable[2]", "unknown"),
        ("buyers[0].id", "duplicate"),
        ("buyers[0].min_meetings", "invalid"),
        ("buyers[1].needs[0].processes[1]", "unknown"),
        ("buyers[1].country", "unknown"),
        ("suppliers[0].products[0].product_group", "unknown"),
        ("suppliers[0].certifications[0].standard", "unknown"),
        ("suppliers[2].languages[1]", "unknown"),
        ("interpreters[0].language", "invalid"),
        ("fair.time_zone", "invalid"),
        ("preferences[0].to", "unknown"),
        ("rules[0].supplier_sector", "unknown"),
    ] {
        assert!(has(&found, path, code), "no {code} at {path} in {found:?}");
    }
}

#[test]
fn locks_that_break_a_rule_are_refused() {
    // A lock on a pair the rules forbid.
    let found = problems(|v| {
        v["locks"][0] = json!({ "buyer": "formosa-elec", "supplier": "co-khi-dong-anh", "slot": "d1-0900" });
    });
    assert!(has(&found, "locks[0]", "forbidden"), "{found:?}");

    // Two locks double-booking a supplier, a table taken twice, a slot the buyer is away.
    let found = problems(|v| {
        v["locks"] = json!([
            { "buyer": "kansai-auto", "supplier": "day-cap-quang-minh", "slot": "d1-0930", "table": "A1" },
            { "buyer": "hsinchu-precision", "supplier": "day-cap-quang-minh", "slot": "d1-0930" },
            { "buyer": "pearl-river", "supplier": "thuong-mai-ha-noi", "slot": "d1-0930", "table": "A1" },
            { "buyer": "sakura-denki", "supplier": "dien-tu-hoa-lac", "slot": "d2-0900" },
        ]);
    });
    assert!(has(&found, "locks[1]", "double_booked"), "{found:?}");
    assert!(has(&found, "locks[2]", "double_booked"), "{found:?}");
    assert!(has(&found, "locks[3].slot", "unavailable"), "{found:?}");

    // A table for an online meeting, an interpreter for a pair that shares a
    // language, unknown ids.
    let found = problems(|v| {
        v["locks"] = json!([
            { "buyer": "formosa-elec", "supplier": "dien-tu-hoa-lac", "slot": "d1-0900", "table": "A2" },
            { "buyer": "pearl-river", "supplier": "thuong-mai-ha-noi", "slot": "d1-1000", "interpreter": "hoa-ja" },
            { "buyer": "nobody", "supplier": "thuong-mai-ha-noi", "slot": "d1-1000", "table": "Z9" },
            { "buyer": "nhua-thang-long", "supplier": "thuong-mai-ha-noi", "slot": "d1-1100" },
        ]);
    });
    assert!(has(&found, "locks[0].table", "invalid"), "{found:?}");
    assert!(has(&found, "locks[1].interpreter", "invalid"), "{found:?}");
    assert!(has(&found, "locks[2].buyer", "unknown"), "{found:?}");
    assert!(has(&found, "locks[2].table", "unknown"), "{found:?}");
    assert!(has(&found, "locks[3].buyer", "invalid"), "{found:?}");

    // On site with a buyer that attends online only.
    let found = problems(|v| {
        v["locks"][0] =
            json!({ "buyer": "formosa-elec", "supplier": "dien-tu-hoa-lac", "slot": "d1-0900", "mode": "onsite" });
    });
    assert!(has(&found, "locks[0].mode", "invalid"), "{found:?}");
}

#[test]
fn locks_get_a_free_table_and_interpreter() {
    let mut file = example();
    let lock = |buyer: &str, supplier: &str, mode: Option<input::Mode>| input::Lock {
        buyer: buyer.to_owned(),
        supplier: supplier.to_owned(),
        slot: "d1-0930".to_owned(),
        mode,
        table: None,
        interpreter: None,
    };
    file.locks.push(lock("sakura-denki", "co-khi-dong-anh", None));
    file.locks.push(lock("hsinchu-precision", "nhua-thang-long", Some(input::Mode::Online)));
    let out = schedule_of(&file);
    let find = |buyer: &str, supplier: &str| {
        out.meetings.iter().find(|m| m.buyer == buyer && m.supplier == supplier && m.locked).unwrap()
    };
    // A1 is the first lock's.
    let first = find("sakura-denki", "co-khi-dong-anh");
    assert_eq!(
        (first.slot.as_str(), first.table.as_deref(), first.interpreter.as_deref()),
        ("d1-0930", Some("A2"), Some("hoa-ja"))
    );
    let online = find("hsinchu-precision", "nhua-thang-long");
    assert_eq!(
        (online.mode, online.table.as_deref(), online.interpreter.as_deref()),
        (input::Mode::Online, None, None)
    );
    assert_eq!(out.stats.locked, 3);
}

#[test]
fn slots_must_be_well_formed() {
    let found = problems(|v| {
        v["fair"]["slots"][1]["id"] = json!("d1-0900");
        v["fair"]["slots"][2]["start"] = json!("2026-11-26T02:45:00Z");
        v["fair"]["slots"][3]["end"] = v["fair"]["slots"][3]["start"].clone();
        v["fair"]["slots"][4] = json!({ "id": "odd", "day": 0, "ordinal": 9 });
        v["fair"]["slots"][5] = json!({ "id": "half", "start": "2026-11-26T04:30:00Z" });
    });
    assert!(has(&found, "fair.slots[1].id", "duplicate"), "{found:?}");
    assert!(has(&found, "fair.slots[2]", "conflict"), "{found:?}");
    assert!(has(&found, "fair.slots[3].end", "invalid"), "{found:?}");
    assert!(has(&found, "fair.slots[4]", "invalid"), "{found:?}");
    assert!(has(&found, "fair.slots[5].end", "required"), "{found:?}");
}

#[test]
fn syntax_errors_name_their_path() {
    let mut value: Value = serde_json::from_str(EXAMPLE).unwrap();
    value["suppliers"][0]["products"][0]["colour"] = json!("red");
    let Err(OfflineError::Syntax { path, message }) = parse(&value.to_string()) else { panic!("expected an error") };
    assert_eq!(path, "suppliers[0].products[0].colour");
    assert!(message.contains("unknown field `colour`"), "{message}");

    value["suppliers"][0]["products"][0].as_object_mut().unwrap().remove("colour");
    value["buyers"][2]["attendance"] = json!("hybrid");
    let Err(OfflineError::Syntax { path, message }) = parse(&value.to_string()) else { panic!("expected an error") };
    assert_eq!(path, "buyers[2].attendance");
    assert!(message.contains("unknown variant `hybrid`"), "{message}");

    let Err(OfflineError::Syntax { path, .. }) = parse("{\"fair\": ") else { panic!("expected an error") };
    assert_eq!(path, "fair");
    assert!(matches!(parse("{} {}"), Err(OfflineError::Syntax { .. })));
}

#[test]
fn previous_entries_that_no_longer_fit_are_warned_about() {
    let mut file = example();
    file.previous = vec![
        input::Previous {
            buyer: "gone".to_owned(),
            supplier: "nhua-thang-long".to_owned(),
            slot: "d1-0900".to_owned(),
        },
        input::Previous {
            buyer: "sakura-denki".to_owned(),
            supplier: "nhua-thang-long".to_owned(),
            slot: "d3-0900".to_owned(),
        },
    ];
    let out = schedule_of(&file);
    let paths: Vec<&str> = out.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, ["previous[0]", "previous[1]"]);
}

fn validator(schema: Value) -> impl Fn(&Value) -> Result<(), String> {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("urn:cnht:schema", schema).expect("the schema is a resource");
    let index = compiler.compile("urn:cnht:schema", &mut schemas).expect("the schema compiles");
    move |value: &Value| schemas.validate(value, index).map_err(|error| format!("{error:#}"))
}

#[test]
fn the_example_and_its_schedule_validate_against_the_schemas() {
    let json: Value = serde_json::from_str(EXAMPLE).unwrap();
    validator(input_schema())(&json).unwrap();
    let out = serde_json::to_value(schedule_of(&example())).unwrap();
    validator(output_schema())(&out).unwrap();

    // The schema refuses what the format refuses.
    let input = validator(input_schema());
    let mut wrong = json.clone();
    wrong["buyers"][0]["needs"][0]["processes"] = json!(["P99"]);
    assert!(input(&wrong).is_err());
    let mut wrong = json.clone();
    wrong["suppliers"][0]["colour"] = json!("red");
    assert!(input(&wrong).is_err());
    let mut wrong = json;
    wrong["fair"]["slots"][0]["day"] = json!(0);
    assert!(input(&wrong).is_err());
}

#[test]
fn the_committed_schemas_are_fresh() {
    for (name, schema, committed) in [
        ("fair-input", input_schema(), include_str!("../../../../docs/schemas/fair-input.schema.json")),
        ("fair-output", output_schema(), include_str!("../../../../docs/schemas/fair-output.schema.json")),
    ] {
        let committed: Value = serde_json::from_str(committed).unwrap();
        assert!(
            committed == schema,
            "docs/schemas/{name}.schema.json is stale: run `fair schedule --print-schema {} > docs/schemas/{name}.schema.json`",
            name.trim_start_matches("fair-")
        );
    }
}

#[test]
fn the_reason_codes_of_the_schema_cover_every_left_out_reason() {
    use crate::schedule::LeftOut;
    // Exhaustive on purpose: a new reason fails to compile here until it is listed.
    let listed = |reason: LeftOut| match reason {
        LeftOut::BuyerFull
        | LeftOut::SupplierFull
        | LeftOut::NoCommonSlot
        | LeftOut::NoInterpreter
        | LeftOut::NoTable
        | LeftOut::Crowded
        | LeftOut::LowerPriority => report::LEFT_OUT.contains(&reason),
    };
    assert!(report::LEFT_OUT.iter().all(|&reason| listed(reason)));
    assert_eq!(report::LEFT_OUT.len(), 7);
    let schema = output_schema();
    let codes = &schema["$defs"]["Unscheduled"]["properties"]["reason"]["enum"];
    for reason in report::LEFT_OUT {
        assert!(codes.as_array().unwrap().iter().any(|c| c == reason.code()), "{}", reason.code());
    }
}
