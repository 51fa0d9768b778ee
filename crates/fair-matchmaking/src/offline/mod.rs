//! The offline scheduler: a self-contained JSON file in, a schedule out, through the
//! very engine the server runs ([`crate::build::build`], then
//! [`crate::schedule::schedule`] with default options).
//!
//! - [`input`]: the input format (`cnht-fair/1`), [`output`]: the output format
//!   (`cnht-schedule/1`); [`input_schema`] and [`output_schema`] give their JSON Schemas.
//! - [`parse`] reads an input file, naming the JSON path of a syntax or type error;
//!   [`run`] checks everything else (unknown ids and codes, duplicates, min above max,
//!   locks the rules forbid or that double-book someone, …), reporting every problem
//!   with its path, then schedules.
//! - [`parse_previous`] reads an earlier output's meetings to feed back as `previous`.
//!
//! No IO and no clock: the same input gives the same output, byte for byte
//! ([`to_json`]). The format is documented in `docs/schedule-format.md`.

mod codes;
mod convert;
pub mod input;
pub mod output;
mod report;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;

use fair_domain::{UiLanguage, ValidationErrors};
use fair_search::{DirectoryDoc, DirectoryIndex};
use schemars::generate::SchemaSettings;
use serde::Deserialize;

use crate::build::{FairInput, build};
use crate::place::check;
use crate::schedule::{Progress, ScheduleOptions, schedule};
use crate::score::{Buyer, Scorer};
pub use input::FairFile;
pub use output::ScheduleFile;

/// How the output is worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The language of reasons and texts.
    pub language: UiLanguage,
    /// How many reasons each meeting carries (0: none).
    pub reasons: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self { language: UiLanguage::English, reasons: 3 }
    }
}

/// Where a run is, for progress bars.
#[derive(Clone, Copy, Debug)]
pub enum Stage {
    /// The input is checked; the suppliers' profiles are being indexed for search.
    Indexing {
        suppliers: usize,
    },
    /// Buyers scored against every supplier so far.
    Scoring {
        done: usize,
        total: usize,
    },
    Scheduling(Progress),
}

#[derive(Debug, thiserror::Error)]
pub enum OfflineError {
    /// Not JSON, or not the shape of the format.
    #[error("{path}: {message}")]
    Syntax { path: String, message: String },
    /// Well-formed, but wrong: every problem, with its path.
    #[error("{}", Problems(.0))]
    Invalid(ValidationErrors),
    /// The engine produced a schedule that breaks a hard rule: a bug, never written out.
    #[error("internal error: the schedule breaks a rule ({0}); please report this with the input")]
    Broken(String),
}

struct Problems<'a>(&'a ValidationErrors);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.0.len();
        write!(f, "{count} problem{} in the input:", if count == 1 { "" } else { "s" })?;
        for error in &self.0.0 {
            write!(f, "\n  {}: {}", error.field, error.message)?;
        }
        Ok(())
    }
}

fn from_json<'de, T: Deserialize<'de>>(json: &'de str) -> Result<T, OfflineError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        OfflineError::Syntax {
            // The path is `.` at the top level and `?` where the input ended.
            path: if path == "." || path == "?" { "(document)".to_owned() } else { path },
            message: error.into_inner().to_string(),
        }
    })?;
    deserializer
        .end()
        .map_err(|error| OfflineError::Syntax { path: "(document)".to_owned(), message: error.to_string() })?;
    Ok(value)
}

/// Reads an input file.
pub fn parse(json: &str) -> Result<FairFile, OfflineError> {
    from_json(json)
}

/// Reads the meetings of an earlier output (any version of it that has
/// `meetings[].buyer`, `.supplier` and `.slot`), as `previous` entries.
pub fn parse_previous(json: &str) -> Result<Vec<input::Previous>, OfflineError> {
    #[derive(Deserialize)]
    struct Earlier {
        meetings: Vec<EarlierMeeting>,
    }
    #[derive(Deserialize)]
    struct EarlierMeeting {
        buyer: String,
        supplier: String,
        slot: String,
    }
    let earlier: Earlier = from_json(json)?;
    Ok(earlier
        .meetings
        .into_iter()
        .map(|m| input::Previous { buyer: m.buyer, supplier: m.supplier, slot: m.slot })
        .collect())
}

/// Checks and schedules a fair.
pub fn run(file: &FairFile, options: &Options, progress: &mut dyn FnMut(Stage)) -> Result<ScheduleFile, OfflineError> {
    let prepared = convert::prepare(file).map_err(OfflineError::Invalid)?;
    let convert::Prepared {
        zone,
        today,
        slots,
        suppliers,
        buyers,
        interpreters,
        interpreter_languages,
        preferences,
        rules,
        locks,
        previous,
        need_ids,
        warnings,
    } = prepared;

    let docs: Vec<Arc<DirectoryDoc>> = suppliers.iter().map(|s| s.doc.clone()).collect();
    progress(Stage::Indexing { suppliers: docs.len() });
    let index = DirectoryIndex::build(docs, 0, today);
    let scorer = Scorer { index: &index, today, interpreter_languages: &interpreter_languages };
    let preferences_of = |buyer, supplier| preferences.get(&(buyer, supplier)).copied().unwrap_or_default();
    let allowed = |buyer: &Buyer, supplier: &DirectoryDoc| rules.allow(buyer, supplier);
    let fair = FairInput {
        slots: slots.iter().map(|s| s.slot).collect(),
        tables: file.fair.tables.len() as u32,
        suppliers,
        buyers,
        interpreters,
        preferences: &preferences_of,
        allowed: &allowed,
        locks,
        previous,
    };
    let built = build(&fair, &scorer, &mut |done, total| progress(Stage::Scoring { done, total }));
    let result = schedule(&built.problem, &ScheduleOptions::stable(), &mut |p| progress(Stage::Scheduling(p)));
    check(&built.problem, &result.meetings).map_err(OfflineError::Broken)?;

    let context = report::Context {
        file,
        input: &fair,
        slots: &slots,
        zone,
        preferences: &preferences,
        rules: &rules,
        need_ids: &need_ids,
        language: options.language,
        reasons: options.reasons,
    };
    Ok(report::report(&context, &built, &result, warnings))
}

/// The output as pretty-printed JSON with a final newline.
pub fn to_json(schedule: &ScheduleFile) -> Result<String, serde_json::Error> {
    let mut json = serde_json::to_string_pretty(schedule)?;
    json.push('\n');
    Ok(json)
}

/// The JSON Schema (draft 2020-12) of the input.
pub fn input_schema() -> serde_json::Value {
    SchemaSettings::draft2020_12().for_deserialize().into_generator().into_root_schema_for::<FairFile>().to_value()
}

/// The JSON Schema (draft 2020-12) of the output.
pub fn output_schema() -> serde_json::Value {
    SchemaSettings::draft2020_12().for_serialize().into_generator().into_root_schema_for::<ScheduleFile>().to_value()
}
