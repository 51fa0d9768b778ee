//! `fair schedule`, run as a user runs it: the real binary on the documented example.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/fair-small.json")
}

fn fair(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fair"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the fair binary starts");
    if let Some(bytes) = stdin {
        child.stdin.take().expect("stdin is piped").write_all(bytes).expect("the input is written");
    }
    child.wait_with_output().expect("the fair binary finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn schedules_the_example_into_a_file_and_to_standard_output_alike() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schedule.json");
    let example = example();
    let run =
        fair(&["schedule", "--input", example.to_str().unwrap(), "--output", out.to_str().unwrap(), "--quiet"], None);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(run.stderr.is_empty() && run.stdout.is_empty(), "{}", text(&run.stderr));
    let written = std::fs::read(&out).unwrap();
    let schedule: Value = serde_json::from_slice(&written).unwrap();
    assert_eq!(schedule["format"], "cnht-schedule/1");
    let meetings = schedule["meetings"].as_array().unwrap();
    assert!(meetings.len() >= 8);
    assert!(meetings.iter().any(|m| m["locked"] == true
        && m["buyer"] == "kansai-auto"
        && m["supplier"] == "day-cap-quang-minh"
        && m["slot"] == "d1-0930"
        && m["table"] == "A1"));

    // The same input on standard input gives the same bytes on standard output.
    let piped = fair(&["schedule", "--input", "-", "--quiet"], Some(&std::fs::read(&example).unwrap()));
    assert!(piped.status.success(), "{}", text(&piped.stderr));
    assert_eq!(text(&piped.stdout), text(&written));

    // Fed back as --previous, nothing moves; the summary says so on standard error.
    let rerun = fair(
        &["schedule", "--input", example.to_str().unwrap(), "--previous", out.to_str().unwrap(), "--lang", "ja"],
        None,
    );
    assert!(rerun.status.success(), "{}", text(&rerun.stderr));
    let again: Value = serde_json::from_slice(&rerun.stdout).unwrap();
    assert_eq!(again["stats"]["moved"], 0);
    assert_eq!(again["language"], "ja");
    assert_eq!(again["meetings"].as_array().unwrap().len(), meetings.len());
    assert!(text(&rerun.stderr).contains(" 0 moved"), "{}", text(&rerun.stderr));
}

#[test]
fn invalid_input_names_the_path_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut fair_json: Value = serde_json::from_slice(&std::fs::read(example()).unwrap()).unwrap();
    fair_json["buyers"][3]["unavailable"] = serde_json::json!(["d1-0900", "d2-0900", "d9-0900"]);
    fair_json["buyers"][0]["min_meetings"] = serde_json::json!(9);
    let input = dir.path().join("fair.json");
    std::fs::write(&input, serde_json::to_vec(&fair_json).unwrap()).unwrap();
    let out = dir.path().join("schedule.json");
    let run = fair(&["schedule", "--input", input.to_str().unwrap(), "--output", out.to_str().unwrap()], None);
    assert!(!run.status.success());
    let errors = text(&run.stderr);
    assert!(errors.contains("buyers[3].unavailable[2]: `d9-0900` is not a slot id of the fair"), "{errors}");
    assert!(errors.contains("buyers[0].min_meetings: 9 exceeds max_meetings (4)"), "{errors}");
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "only the input is there");

    // Not the format: the path of the offending field.
    fair_json["buyers"][0]["min_meetings"] = serde_json::json!(-1);
    std::fs::write(&input, serde_json::to_vec(&fair_json).unwrap()).unwrap();
    let run = fair(&["schedule", "--input", input.to_str().unwrap(), "--output", out.to_str().unwrap()], None);
    assert!(!run.status.success());
    assert!(text(&run.stderr).contains("buyers[0].min_meetings: invalid value: integer `-1`"), "{}", text(&run.stderr));
    assert!(!out.exists());
}

#[test]
fn prints_the_schemas() {
    let input = fair(&["schedule", "--print-schema"], None);
    assert!(input.status.success(), "{}", text(&input.stderr));
    let schema: Value = serde_json::from_slice(&input.stdout).expect("the schema is JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    for property in
        ["fair", "defaults", "interpreters", "suppliers", "buyers", "preferences", "rules", "locks", "previous"]
    {
        assert!(schema["properties"].get(property).is_some(), "no {property} in the input schema");
    }
    assert_eq!(schema["additionalProperties"], false);

    let output = fair(&["schedule", "--print-schema", "output"], None);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let schema: Value = serde_json::from_slice(&output.stdout).expect("the schema is JSON");
    for property in ["format", "fair", "stats", "meetings", "unscheduled", "warnings"] {
        assert!(schema["properties"].get(property).is_some(), "no {property} in the output schema");
    }

    let both = fair(&["schedule", "--print-schema", "--input", "x.json"], None);
    assert!(!both.status.success());
}
