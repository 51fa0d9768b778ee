//! From a parsed [`FairFile`] to the engine's input, checking everything on the way:
//! every problem is reported with its JSON path, all at once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use fair_domain::taxonomy;
use fair_domain::{BusinessType, Language, ValidationError, ValidationErrors, validate};
use fair_search::{CertDoc, DirectoryDoc, ProductDoc};
use uuid::Uuid;

use super::codes::MAX_ID;
use super::input::{self, FairFile};
use super::output::Warning;
use crate::build::{self, Attendance, BuyerEntry, InterpreterEntry, LockEntry, SupplierEntry};
use crate::problem::{Mode, Slot, SlotSet};
use crate::rules::{self, Rules};
use crate::score::{Buyer, Need, Preference, Preferences};

/// Internal ids: the kind in the high half, the position in the input in the low half.
/// They never leave the process; the caller's ids are mapped back by position.
#[derive(Clone, Copy)]
#[repr(u8)]
pub(crate) enum Kind {
    Supplier = 1,
    Buyer = 2,
    Need = 3,
    Product = 4,
}

pub(crate) fn internal_id(kind: Kind, position: usize) -> Uuid {
    Uuid::from_u128((kind as u128) << 64 | position as u128)
}

/// The input position behind an internal id.
pub(crate) fn position(id: Uuid) -> usize {
    (id.as_u128() & u128::from(u64::MAX)) as usize
}

/// A slot of the fair, in the engine's (chronological) order.
#[derive(Clone, Debug)]
pub(crate) struct SlotInfo {
    pub id: String,
    pub slot: Slot,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
}

/// Everything the engine and the report need, checked.
pub(crate) struct Prepared {
    pub zone: chrono_tz::Tz,
    pub today: NaiveDate,
    pub slots: Vec<SlotInfo>,
    pub suppliers: Vec<SupplierEntry>,
    pub buyers: Vec<BuyerEntry>,
    pub interpreters: Vec<InterpreterEntry>,
    /// Languages interpreters cover, sorted.
    pub interpreter_languages: Vec<Language>,
    pub preferences: HashMap<(Uuid, Uuid), Preferences>,
    pub rules: Rules,
    pub locks: Vec<LockEntry>,
    pub previous: Vec<(Uuid, Uuid, u32)>,
    /// The caller's id of each need, by internal position.
    pub need_ids: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// Which side a participant is on, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Participant {
    Supplier(usize),
    Buyer(usize),
}

impl Participant {
    fn path(self) -> String {
        match self {
            Self::Supplier(i) => format!("suppliers[{i}]"),
            Self::Buyer(i) => format!("buyers[{i}]"),
        }
    }
}

/// Collects errors; the `check_*` helpers return `None` after recording one.
#[derive(Default)]
struct Checker {
    errors: ValidationErrors,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, code: &'static str, message: impl Into<String>) {
        self.errors.push(ValidationError::new(path, code, message));
    }

    fn check<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        self.errors.check(result)
    }

    fn check_all<T>(&mut self, result: Result<T, ValidationErrors>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(errors) => {
                self.errors.0.extend(errors.0);
                None
            }
        }
    }

    /// An id: 1 to 200 characters, no surrounding spaces, no control characters.
    fn id(&mut self, path: &str, id: &str) -> bool {
        let length = id.chars().count();
        let problem = if length == 0 {
            Some(("required", "must not be empty".to_owned()))
        } else if length > MAX_ID {
            Some(("too_long", format!("must be at most {MAX_ID} characters, got {length}")))
        } else if id.trim() != id {
            Some(("invalid", "must not start or end with spaces".to_owned()))
        } else if id.chars().any(char::is_control) {
            Some(("invalid", "must not contain control characters".to_owned()))
        } else {
            None
        };
        match problem {
            Some((code, message)) => {
                self.push(path, code, message);
                false
            }
            None => true,
        }
    }

    fn language(&mut self, path: &str, tag: &str) -> Option<Language> {
        self.check(
            tag.parse::<Language>()
                .map_err(|_| ValidationError::new(path, "unknown", format!("`{tag}` is not a known language tag"))),
        )
    }

    fn languages(&mut self, path: &str, tags: &[String]) -> Vec<Language> {
        let mut out = Vec::new();
        for (index, tag) in tags.iter().enumerate() {
            if let Some(language) = self.language(&format!("{path}[{index}]"), tag)
                && !out.contains(&language)
            {
                out.push(language);
            }
        }
        out
    }

    fn texts(
        &mut self,
        path: &str,
        texts: &BTreeMap<String, String>,
        required: bool,
        max: usize,
    ) -> BTreeMap<String, String> {
        self.check_all(validate::i18n_text(path, texts, required, max))
            .map(|texts| texts.into_iter().map(|(language, text)| (language.tag().to_owned(), text)).collect())
            .unwrap_or_default()
    }

    fn codes(&mut self, path: &str, values: &[String], known: impl Fn(&str) -> bool, what: &str) -> Vec<String> {
        self.check(validate::codes(path, values, usize::MAX, known, what)).unwrap_or_default()
    }

    fn hs_code(&mut self, path: &str, value: Option<&str>) -> Option<String> {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(value) => self.check(validate::hs_code(path, value)),
        }
    }

    fn quantity(&mut self, path: &str, value: Option<i64>) -> Option<i64> {
        match value {
            Some(v) if !(1..=1_000_000_000_000).contains(&v) => {
                self.push(path, "invalid", "must be between 1 and 10^12");
                None
            }
            other => other,
        }
    }

    fn tolerance(&mut self, path: &str, value: Option<i32>) -> Option<i32> {
        match value {
            Some(v) if !(1..=100_000).contains(&v) => {
                self.push(path, "invalid", "must be 1 to 100000 micrometres");
                None
            }
            other => other,
        }
    }

    fn unit(&mut self, path: &str, value: Option<&str>) -> Option<String> {
        let value = value?;
        self.check(validate::code(path, value, taxonomy::unit, "unit")).map(|unit| unit.code.to_owned())
    }

    fn optional_code<T>(
        &mut self,
        path: &str,
        value: Option<&str>,
        lookup: impl Fn(&str) -> Option<T>,
        what: &str,
    ) -> Option<T> {
        self.check(validate::code(path, value?, lookup, what))
    }

    /// Meeting targets: the participant's own over the default, min ≤ max, max ≥ 1.
    fn targets(&mut self, path: &str, min: Option<u32>, max: Option<u32>, default: input::Targets) -> (u32, u32) {
        let min_meetings = min.unwrap_or(default.min_meetings);
        let max_meetings = max.unwrap_or(default.max_meetings);
        if max_meetings == 0 {
            self.push(format!("{path}.max_meetings"), "invalid", "must be at least 1");
        }
        if min_meetings > max_meetings {
            self.push(
                format!("{path}.min_meetings"),
                "invalid",
                format!("{min_meetings} exceeds max_meetings ({max_meetings})"),
            );
        }
        (min_meetings, max_meetings)
    }
}

/// Slot ids to engine indices.
struct SlotIndex<'a> {
    by_id: HashMap<&'a str, u32>,
    /// Every slot id of the input, the ill-formed ones too (reported once, where they are).
    declared: HashSet<&'a str>,
    count: u32,
}

impl SlotIndex<'_> {
    fn get(&self, checker: &mut Checker, path: &str, id: &str) -> Option<u32> {
        let index = self.by_id.get(id).copied();
        if index.is_none() && !self.declared.contains(id) {
            checker.push(path, "unknown", format!("`{id}` is not a slot id of the fair"));
        }
        index
    }

    /// All slots but those listed.
    fn available(&self, checker: &mut Checker, path: &str, unavailable: &[String]) -> SlotSet {
        let mut set = SlotSet::full(self.count);
        for (index, id) in unavailable.iter().enumerate() {
            if let Some(slot) = self.get(checker, &format!("{path}[{index}]"), id) {
                set.remove(slot);
            }
        }
        set
    }
}

/// Checks the slots and orders them: by time, or by (day, ordinal).
fn slots(checker: &mut Checker, fair: &input::Fair, zone: chrono_tz::Tz) -> Vec<(usize, SlotInfo)> {
    if fair.slots.is_empty() {
        checker.push("fair.slots", "required", "a fair needs at least one slot");
        return Vec::new();
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut timed = Vec::new();
    let mut numbered = Vec::new();
    let mut first_kind: Option<(bool, usize)> = None;
    for (index, slot) in fair.slots.iter().enumerate() {
        let path = format!("fair.slots[{index}]");
        if checker.id(&format!("{path}.id"), &slot.id)
            && let Some(first) = seen.insert(&slot.id, index)
        {
            checker.push(
                format!("{path}.id"),
                "duplicate",
                format!("slot id `{}` is also fair.slots[{first}]", slot.id),
            );
        }
        let has_time = slot.start.is_some() || slot.end.is_some();
        let has_number = slot.day.is_some() || slot.ordinal.is_some();
        if has_time && has_number {
            checker.push(&path, "invalid", "give start and end, or day and ordinal, not both");
            continue;
        }
        if !has_time && !has_number {
            checker.push(&path, "required", "give start and end, or day and ordinal");
            continue;
        }
        match first_kind {
            None => first_kind = Some((has_time, index)),
            Some((kind, first)) if kind != has_time => {
                checker.push(
                    &path,
                    "invalid",
                    format!(
                        "is {} but fair.slots[{first}] is {}: slots are all timed or all numbered",
                        if has_time { "timed" } else { "numbered" },
                        if kind { "timed" } else { "numbered" }
                    ),
                );
                continue;
            }
            Some(_) => {}
        }
        match (slot.start, slot.end, slot.day, slot.ordinal) {
            (Some(start), Some(end), _, _) => {
                if end <= start {
                    checker.push(format!("{path}.end"), "invalid", "must be after start");
                    continue;
                }
                timed.push((index, start.with_timezone(&Utc), end.with_timezone(&Utc)));
            }
            (Some(_), None, _, _) => checker.push(format!("{path}.end"), "required", "a timed slot needs an end"),
            (None, Some(_), _, _) => checker.push(format!("{path}.start"), "required", "a timed slot needs a start"),
            (_, _, Some(day), Some(ordinal)) => numbered.push((index, day, ordinal)),
            (_, _, Some(_), None) => {
                checker.push(format!("{path}.ordinal"), "required", "a numbered slot needs an ordinal")
            }
            _ => checker.push(format!("{path}.day"), "required", "a numbered slot needs a day"),
        }
    }

    let mut out = Vec::new();
    if !timed.is_empty() {
        timed.sort_by_key(|&(index, start, end)| (start, end, index));
        // The slot that ends last so far: any later start before its end overlaps it.
        let mut latest: Option<(usize, DateTime<Utc>)> = None;
        for &(index, start, end) in &timed {
            if let Some((other, other_end)) = latest
                && start < other_end
            {
                checker.push(
                    format!("fair.slots[{index}]"),
                    "conflict",
                    format!("overlaps fair.slots[{other}] (`{}`)", fair.slots[other].id),
                );
            }
            if latest.is_none_or(|(_, other_end)| end > other_end) {
                latest = Some((index, end));
            }
        }
        let mut dates: Vec<NaiveDate> =
            timed.iter().map(|(_, start, _)| start.with_timezone(&zone).date_naive()).collect();
        dates.dedup();
        let mut ordinal = 0;
        let mut previous_day = None;
        for &(index, start, end) in &timed {
            let date = start.with_timezone(&zone).date_naive();
            let day = dates.binary_search(&date).unwrap_or_default() as u32;
            if previous_day != Some(day) {
                ordinal = 0;
                previous_day = Some(day);
            }
            out.push((
                index,
                SlotInfo {
                    id: fair.slots[index].id.clone(),
                    slot: Slot { day, ordinal },
                    start: Some(start),
                    end: Some(end),
                },
            ));
            ordinal += 1;
        }
    }
    if !numbered.is_empty() {
        numbered.sort_by_key(|&(index, day, ordinal)| (day, ordinal, index));
        for pair in numbered.windows(2) {
            let ((first, day, ordinal), (index, next_day, next_ordinal)) = (pair[0], pair[1]);
            if (day, ordinal) == (next_day, next_ordinal) {
                checker.push(
                    format!("fair.slots[{index}]"),
                    "conflict",
                    format!("day {day}, ordinal {ordinal} is also fair.slots[{first}]"),
                );
            }
        }
        out.extend(numbered.into_iter().map(|(index, day, ordinal)| {
            (index, SlotInfo { id: fair.slots[index].id.clone(), slot: Slot { day, ordinal }, start: None, end: None })
        }));
    }
    out
}

fn attendance(value: input::Attendance) -> Attendance {
    match value {
        input::Attendance::Onsite => Attendance::OnSite,
        input::Attendance::Online => Attendance::Online,
        input::Attendance::Either => Attendance::Either,
    }
}

fn original_mode(value: Option<input::Mode>) -> Option<Mode> {
    value.map(|mode| match mode {
        input::Mode::Onsite => Mode::OnSite,
        input::Mode::Online => Mode::Online,
    })
}

fn level(value: input::Level) -> Preference {
    match value {
        input::Level::Must => Preference::Must,
        input::Level::Meet => Preference::Meet,
        input::Level::No => Preference::NoThanks,
    }
}

fn supplier_doc(
    checker: &mut Checker,
    index: usize,
    supplier: &input::Supplier,
    products_seen: &mut usize,
) -> DirectoryDoc {
    let path = format!("suppliers[{index}]");
    let name = checker.check(validate::text(&format!("{path}.name"), &supplier.name, 1, 200)).unwrap_or_default();
    let name_en = checker.check(validate::optional_text(&format!("{path}.name_en"), supplier.name_en.as_deref(), 200));
    let headline = checker.texts(&format!("{path}.headline"), &supplier.headline, false, 300);
    let about = checker.texts(&format!("{path}.about"), &supplier.about, false, 5000);
    let languages = checker.languages(&format!("{path}.languages"), &supplier.languages);
    let staff_languages = checker.languages(&format!("{path}.staff_languages"), &supplier.staff_languages);
    let province = checker
        .optional_code(&format!("{path}.province"), supplier.province.as_deref(), taxonomy::province, "province")
        .map(|p| p.code.to_owned());
    let industrial_park = checker
        .optional_code(
            &format!("{path}.industrial_park"),
            supplier.industrial_park.as_deref(),
            taxonomy::industrial_park,
            "industrial park",
        )
        .map(|p| p.code.to_owned());
    let business_type = checker
        .check(validate::code(
            &format!("{path}.business_type"),
            &supplier.business_type,
            |v| v.parse::<BusinessType>().ok(),
            "business type (manufacturer, trading or service)",
        ))
        .map(|b| b.as_str().to_owned())
        .unwrap_or_default();
    let export_markets = checker.codes(
        &format!("{path}.export_markets"),
        &supplier.export_markets,
        |c| taxonomy::country(c).is_some(),
        "country code",
    );

    let mut product_ids: HashMap<&str, usize> = HashMap::new();
    let mut products = Vec::with_capacity(supplier.products.len());
    for (p, product) in supplier.products.iter().enumerate() {
        let path = format!("{path}.products[{p}]");
        if let Some(id) = &product.id
            && checker.id(&format!("{path}.id"), id)
            && let Some(first) = product_ids.insert(id, p)
        {
            checker.push(
                format!("{path}.id"),
                "duplicate",
                format!("product id `{id}` is also suppliers[{index}].products[{first}]"),
            );
        }
        let moq = checker.quantity(&format!("{path}.moq"), product.moq);
        let monthly_capacity = checker.quantity(&format!("{path}.monthly_capacity"), product.monthly_capacity);
        let unit = checker.unit(&format!("{path}.unit"), product.unit.as_deref());
        if product.unit.is_none() && (moq.is_some() || monthly_capacity.is_some()) {
            checker.push(format!("{path}.unit"), "required", "say what moq and monthly_capacity count");
        }
        products.push(ProductDoc {
            id: internal_id(Kind::Product, *products_seen),
            name: checker.texts(&format!("{path}.name"), &product.name, true, 200),
            description: checker.texts(&format!("{path}.description"), &product.description, false, 5000),
            product_group: checker
                .check(validate::code(
                    &format!("{path}.product_group"),
                    &product.product_group,
                    taxonomy::product_group,
                    "product group",
                ))
                .map(|g| g.code.to_owned())
                .unwrap_or_default(),
            processes: checker.codes(
                &format!("{path}.processes"),
                &product.processes,
                |c| taxonomy::process(c).is_some(),
                "process tag",
            ),
            hs_code: checker.hs_code(&format!("{path}.hs_code"), product.hs_code.as_deref()),
            materials: checker
                .check(validate::text_list(&format!("{path}.materials"), &product.materials, 50, 80))
                .unwrap_or_default(),
            moq,
            monthly_capacity,
            unit,
            tolerance_um: checker.tolerance(&format!("{path}.tolerance_um"), product.tolerance_um),
        });
        *products_seen += 1;
    }

    let mut certifications = Vec::with_capacity(supplier.certifications.len());
    for (c, certificate) in supplier.certifications.iter().enumerate() {
        let path = format!("{path}.certifications[{c}]");
        let standard = checker.check(validate::code(
            &format!("{path}.standard"),
            &certificate.standard,
            taxonomy::certification,
            "certification standard",
        ));
        if let Some(from) = certificate.valid_from
            && from > certificate.valid_until
        {
            checker.push(format!("{path}.valid_from"), "invalid", "must not be after valid_until");
        }
        if let Some(standard) = standard {
            certifications.push(CertDoc {
                standard: standard.code.to_owned(),
                valid_from: certificate.valid_from,
                valid_until: certificate.valid_until,
            });
        }
    }

    DirectoryDoc {
        id: internal_id(Kind::Supplier, index),
        slug: fair_domain::text::slugify(&name),
        name,
        name_en: name_en.flatten(),
        headline,
        about,
        province: province.unwrap_or_default(),
        industrial_park,
        website: None,
        employees: supplier.employees,
        business_type,
        export_markets,
        languages: languages.iter().map(|l| l.tag().to_owned()).collect(),
        staff_languages: staff_languages.iter().map(|l| l.tag().to_owned()).collect(),
        hall: None,
        stand: None,
        online_booth: supplier.attendance != input::Attendance::Onsite,
        logo_url: None,
        view_count: 0,
        created_at: DateTime::UNIX_EPOCH,
        products,
        certifications,
    }
}

fn buyer_facts(checker: &mut Checker, index: usize, buyer: &input::Buyer, need_ids: &mut Vec<String>) -> Buyer {
    let path = format!("buyers[{index}]");
    checker.check(validate::text(&format!("{path}.name"), &buyer.name, 1, 200));
    let country = checker
        .check(validate::code(&format!("{path}.country"), &buyer.country, taxonomy::country, "country code"))
        .map(|c| c.code.to_owned())
        .unwrap_or_default();
    let languages = checker.languages(&format!("{path}.languages"), &buyer.languages);
    if buyer.languages.is_empty() {
        checker.push(format!("{path}.languages"), "required", "name at least one language the buyer speaks");
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut needs = Vec::with_capacity(buyer.needs.len());
    for (n, need) in buyer.needs.iter().enumerate() {
        let path = format!("{path}.needs[{n}]");
        if checker.id(&format!("{path}.id"), &need.id)
            && let Some(first) = seen.insert(&need.id, n)
        {
            checker.push(
                format!("{path}.id"),
                "duplicate",
                format!("need id `{}` is also buyers[{index}].needs[{first}]", need.id),
            );
        }
        let language = match &need.language {
            Some(tag) => checker.language(&format!("{path}.language"), tag),
            None => languages.first().copied(),
        };
        let description = if need.description.trim().is_empty() {
            String::new()
        } else {
            checker
                .check(validate::text(&format!("{path}.description"), &need.description, 1, 5000))
                .unwrap_or_default()
        };
        needs.push(
            Need {
                id: internal_id(Kind::Need, need_ids.len()),
                title: checker.check(validate::text(&format!("{path}.title"), &need.title, 1, 200)).unwrap_or_default(),
                description,
                language: language.unwrap_or(Language::English),
                product_group: checker
                    .optional_code(
                        &format!("{path}.product_group"),
                        need.product_group.as_deref(),
                        taxonomy::product_group,
                        "product group",
                    )
                    .map(|g| g.code.to_owned()),
                processes: checker.codes(
                    &format!("{path}.processes"),
                    &need.processes,
                    |c| taxonomy::process(c).is_some(),
                    "process tag",
                ),
                hs_code: checker.hs_code(&format!("{path}.hs_code"), need.hs_code.as_deref()),
                required_certifications: checker.codes(
                    &format!("{path}.required_certifications"),
                    &need.required_certifications,
                    |c| taxonomy::certification(c).is_some(),
                    "certification standard",
                ),
                annual_volume: checker.quantity(&format!("{path}.annual_volume"), need.annual_volume),
                unit: checker.unit(&format!("{path}.unit"), need.unit.as_deref()),
                tolerance_um: checker.tolerance(&format!("{path}.tolerance_um"), need.tolerance_um),
            }
            .with_processes_from_text(),
        );
        need_ids.push(need.id.clone());
    }
    Buyer { id: internal_id(Kind::Buyer, index), country, languages, needs }
}

/// Participants as they are read: ids registered across both sides, targets and
/// availability checked.
struct Intake<'a, 'c> {
    checker: &'c mut Checker,
    warnings: &'c mut Vec<Warning>,
    slots: &'c SlotIndex<'a>,
    participants: HashMap<&'a str, Participant>,
}

impl<'a> Intake<'a, '_> {
    /// Registers a participant; returns its meeting targets and free slots.
    fn register(
        &mut self,
        who: Participant,
        id: &'a str,
        own: (Option<u32>, Option<u32>),
        default: input::Targets,
        unavailable: &[String],
    ) -> (u32, u32, SlotSet) {
        let path = who.path();
        if self.checker.id(&format!("{path}.id"), id)
            && let Some(first) = self.participants.insert(id, who)
        {
            self.checker.push(
                format!("{path}.id"),
                "duplicate",
                format!("participant id `{id}` is also {}", first.path()),
            );
        }
        let (min_meetings, max_meetings) = self.checker.targets(&path, own.0, own.1, default);
        let available = self.slots.available(self.checker, &format!("{path}.unavailable"), unavailable);
        if min_meetings > available.count() {
            self.warnings.push(Warning {
                path: format!("{path}.min_meetings"),
                message: format!("{min_meetings} is more than the {} slots it can meet in", available.count()),
            });
        }
        (min_meetings, max_meetings, available)
    }
}

/// The ids later sections refer to.
struct Known<'a> {
    slots: SlotIndex<'a>,
    tables: HashMap<&'a str, usize>,
    interpreters: HashMap<&'a str, usize>,
    participants: HashMap<&'a str, Participant>,
}

impl Known<'_> {
    fn buyer(&self, checker: &mut Checker, path: String, id: &str) -> Option<usize> {
        match self.participants.get(id) {
            Some(Participant::Buyer(index)) => Some(*index),
            Some(Participant::Supplier(_)) => {
                checker.push(path, "invalid", format!("`{id}` is a supplier, not a buyer"));
                None
            }
            None => {
                checker.push(path, "unknown", format!("`{id}` is not a buyer id"));
                None
            }
        }
    }

    fn supplier(&self, checker: &mut Checker, path: String, id: &str) -> Option<usize> {
        match self.participants.get(id) {
            Some(Participant::Supplier(index)) => Some(*index),
            Some(Participant::Buyer(_)) => {
                checker.push(path, "invalid", format!("`{id}` is a buyer, not a supplier"));
                None
            }
            None => {
                checker.push(path, "unknown", format!("`{id}` is not a supplier id"));
                None
            }
        }
    }

    /// `Some(None)` when not given, `None` when given and unknown (reported).
    fn table(&self, checker: &mut Checker, path: String, id: Option<&str>) -> Option<Option<u32>> {
        let Some(id) = id else { return Some(None) };
        let table = self.tables.get(id).map(|&t| t as u32);
        if table.is_none() {
            checker.push(path, "unknown", format!("`{id}` is not a table id of the fair"));
        }
        table.map(Some)
    }

    /// `Some(None)` when not given, `None` when given and unknown (reported).
    fn interpreter(&self, checker: &mut Checker, path: String, id: Option<&str>) -> Option<Option<u32>> {
        let Some(id) = id else { return Some(None) };
        let interpreter = self.interpreters.get(id).map(|&i| i as u32);
        if interpreter.is_none() {
            checker.push(path, "unknown", format!("`{id}` is not an interpreter id"));
        }
        interpreter.map(Some)
    }
}

/// The engine's participants, resources and rules, as checked so far.
struct Engine {
    tables: u32,
    suppliers: Vec<SupplierEntry>,
    buyers: Vec<BuyerEntry>,
    interpreters: Vec<InterpreterEntry>,
    interpreter_languages: Vec<Language>,
    rules: Rules,
}

fn tables<'a>(checker: &mut Checker, file: &'a FairFile) -> HashMap<&'a str, usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (index, table) in file.fair.tables.iter().enumerate() {
        let path = format!("fair.tables[{index}]");
        if checker.id(&format!("{path}.id"), &table.id)
            && let Some(first) = ids.insert(&table.id, index)
        {
            checker.push(
                format!("{path}.id"),
                "duplicate",
                format!("table id `{}` is also fair.tables[{first}]", table.id),
            );
        }
        checker.check(validate::optional_text(&format!("{path}.name"), table.name.as_deref(), 200));
    }
    ids
}

fn interpreters<'a>(
    checker: &mut Checker,
    file: &'a FairFile,
    slots: &SlotIndex<'_>,
) -> (Vec<InterpreterEntry>, HashMap<&'a str, usize>) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut interpreters = Vec::with_capacity(file.interpreters.len());
    for (index, interpreter) in file.interpreters.iter().enumerate() {
        let path = format!("interpreters[{index}]");
        if checker.id(&format!("{path}.id"), &interpreter.id)
            && let Some(first) = ids.insert(&interpreter.id, index)
        {
            checker.push(
                format!("{path}.id"),
                "duplicate",
                format!("interpreter id `{}` is also interpreters[{first}]", interpreter.id),
            );
        }
        checker.check(validate::optional_text(&format!("{path}.name"), interpreter.name.as_deref(), 200));
        let language = checker.language(&format!("{path}.language"), &interpreter.language);
        if language == Some(Language::Vietnamese) {
            checker.push(format!("{path}.language"), "invalid", "name the language paired with Vietnamese");
        }
        let available = match &interpreter.available {
            None => SlotSet::full(slots.count),
            Some(listed) => {
                let mut set = SlotSet::empty(slots.count);
                for (s, id) in listed.iter().enumerate() {
                    if let Some(slot) = slots.get(checker, &format!("{path}.available[{s}]"), id) {
                        set.insert(slot);
                    }
                }
                set
            }
        };
        interpreters.push(InterpreterEntry {
            key: interpreter.id.clone(),
            language: language.unwrap_or(Language::English),
            available,
        });
    }
    (interpreters, ids)
}

/// Preferences by (buyer, supplier): one per direction.
fn preferences(checker: &mut Checker, file: &FairFile, known: &Known<'_>) -> HashMap<(Uuid, Uuid), Preferences> {
    let mut preferences: HashMap<(Uuid, Uuid), Preferences> = HashMap::new();
    let mut stated: HashMap<(Participant, Participant), usize> = HashMap::new();
    for (index, preference) in file.preferences.iter().enumerate() {
        let path = format!("preferences[{index}]");
        let from = known.participants.get(preference.from.as_str()).copied();
        let to = known.participants.get(preference.to.as_str()).copied();
        if from.is_none() {
            checker.push(format!("{path}.from"), "unknown", format!("`{}` is not a participant id", preference.from));
        }
        if to.is_none() {
            checker.push(format!("{path}.to"), "unknown", format!("`{}` is not a participant id", preference.to));
        }
        let (Some(from), Some(to)) = (from, to) else { continue };
        let (buyer, supplier, by_buyer) = match (from, to) {
            (Participant::Buyer(b), Participant::Supplier(s)) => (b, s, true),
            (Participant::Supplier(s), Participant::Buyer(b)) => (b, s, false),
            _ => {
                checker.push(&path, "invalid", "one of from and to is a buyer, the other a supplier");
                continue;
            }
        };
        if let Some(first) = stated.insert((from, to), index) {
            checker.push(
                &path,
                "duplicate",
                format!(
                    "`{}` already said what it thinks of `{}` in preferences[{first}]",
                    preference.from, preference.to
                ),
            );
            continue;
        }
        let entry =
            preferences.entry((internal_id(Kind::Buyer, buyer), internal_id(Kind::Supplier, supplier))).or_default();
        if by_buyer {
            entry.buyer = Some(level(preference.level));
        } else {
            entry.supplier = Some(level(preference.level));
        }
    }
    preferences
}

fn rules(checker: &mut Checker, file: &FairFile, known: &Known<'_>) -> Rules {
    let mut rules = Vec::with_capacity(file.rules.len());
    for (index, rule) in file.rules.iter().enumerate() {
        let path = format!("rules[{index}]");
        if rule.buyer.is_none()
            && rule.buyer_country.is_none()
            && rule.supplier.is_none()
            && rule.supplier_sector.is_none()
        {
            checker.push(
                &path,
                "invalid",
                "a rule names at least one of buyer, buyer_country, supplier, supplier_sector",
            );
        }
        let buyer = rule.buyer.as_deref().map(|id| known.buyer(checker, format!("{path}.buyer"), id));
        let supplier = rule.supplier.as_deref().map(|id| known.supplier(checker, format!("{path}.supplier"), id));
        let buyer_country = checker
            .optional_code(
                &format!("{path}.buyer_country"),
                rule.buyer_country.as_deref(),
                taxonomy::country,
                "country code",
            )
            .map(|c| c.code.to_owned());
        let supplier_sector = checker
            .optional_code(
                &format!("{path}.supplier_sector"),
                rule.supplier_sector.as_deref(),
                taxonomy::sector,
                "sector",
            )
            .map(|s| s.code.to_owned());
        checker.check(validate::optional_text(&format!("{path}.note"), rule.note.as_deref(), 300));
        rules.push(rules::Rule {
            effect: match rule.effect {
                input::Effect::Allow => rules::Effect::Allow,
                input::Effect::Deny => rules::Effect::Deny,
            },
            buyer: buyer.flatten().map(|b| internal_id(Kind::Buyer, b)),
            buyer_country,
            supplier: supplier.flatten().map(|s| internal_id(Kind::Supplier, s)),
            supplier_sector,
        });
    }
    Rules::new(rules)
}

/// A lock checked on its own.
struct CheckedLock {
    index: usize,
    buyer: usize,
    supplier: usize,
    slot: u32,
    table: Option<u32>,
    interpreter: Option<u32>,
    online: bool,
    /// The language an interpreter must cover, if the pair needs one the fair has.
    language: Option<Language>,
}

/// Checks a lock on its own: known ids, rules, availability, mode, interpreter.
fn check_lock(
    checker: &mut Checker,
    index: usize,
    lock: &input::Lock,
    known: &Known<'_>,
    engine: &Engine,
) -> Option<CheckedLock> {
    let path = format!("locks[{index}]");
    let buyer = known.buyer(checker, format!("{path}.buyer"), &lock.buyer);
    let supplier = known.supplier(checker, format!("{path}.supplier"), &lock.supplier);
    let slot = known.slots.get(checker, &format!("{path}.slot"), &lock.slot);
    let table = known.table(checker, format!("{path}.table"), lock.table.as_deref());
    let interpreter = known.interpreter(checker, format!("{path}.interpreter"), lock.interpreter.as_deref());
    let (buyer, supplier, slot, table, interpreter) = (buyer?, supplier?, slot?, table?, interpreter?);
    let (b, s) = (&engine.buyers[buyer], &engine.suppliers[supplier]);
    if !engine.rules.allow(&b.buyer, &s.doc) {
        checker.push(
            &path,
            "forbidden",
            format!("the rules forbid buyer `{}` to meet supplier `{}`", lock.buyer, lock.supplier),
        );
        return None;
    }
    let slot_id = &lock.slot;
    if !b.available.contains(slot) {
        checker.push(
            format!("{path}.slot"),
            "unavailable",
            format!("buyer `{}` is unavailable in slot `{slot_id}`", lock.buyer),
        );
    }
    if !s.available.contains(slot) {
        checker.push(
            format!("{path}.slot"),
            "unavailable",
            format!("supplier `{}` is unavailable in slot `{slot_id}`", lock.supplier),
        );
    }
    let natural = build::mode(b.attendance, s.attendance, engine.tables);
    let online = match original_mode(lock.mode) {
        Some(mode) => mode == Mode::Online,
        None => natural == Mode::Online,
    };
    let no_tables = engine.tables == 0;
    if !online && natural == Mode::Online {
        let why = if no_tables { "the fair has no tables" } else { "one side attends online only" };
        checker.push(format!("{path}.mode"), "invalid", why);
    }
    if online && table.is_some() {
        let why = if no_tables { "the fair has no tables" } else { "an online meeting takes no table" };
        checker.push(format!("{path}.table"), "invalid", why);
    }
    let language =
        build::needs_interpreter(&b.buyer, &s.doc).filter(|language| engine.interpreter_languages.contains(language));
    if let Some(i) = interpreter {
        let interpreter = &engine.interpreters[i as usize];
        match language {
            None => checker.push(
                format!("{path}.interpreter"),
                "invalid",
                "the buyer and the supplier share a language: no interpreter is needed",
            ),
            Some(language) if language != interpreter.language => checker.push(
                format!("{path}.interpreter"),
                "invalid",
                format!(
                    "interpreter `{}` covers Vietnamese–{}, the pair needs Vietnamese–{}",
                    interpreter.key, interpreter.language, language
                ),
            ),
            Some(_) if !interpreter.available.contains(slot) => checker.push(
                format!("{path}.interpreter"),
                "unavailable",
                format!("interpreter `{}` does not work in slot `{slot_id}`", interpreter.key),
            ),
            Some(_) => {}
        }
    }
    Some(CheckedLock { index, buyer, supplier, slot, table, interpreter, online, language })
}

/// Locks: each on its own, then against each other (nobody, no table and no
/// interpreter twice in a slot; no side over its maximum), then given the tables
/// and interpreters the caller left out.
fn locks(checker: &mut Checker, file: &FairFile, known: &Known<'_>, engine: &Engine) -> Vec<LockEntry> {
    let mut checked: Vec<CheckedLock> = Vec::new();
    let mut locked_pairs: HashMap<(usize, usize), usize> = HashMap::new();
    let mut buyer_locks = vec![0u32; engine.buyers.len()];
    let mut supplier_locks = vec![0u32; engine.suppliers.len()];
    for (index, lock) in file.locks.iter().enumerate() {
        let Some(ok) = check_lock(checker, index, lock, known, engine) else { continue };
        let path = format!("locks[{index}]");
        if let Some(first) = locked_pairs.insert((ok.buyer, ok.supplier), index) {
            checker.push(&path, "duplicate", format!("the pair is already locked by locks[{first}]"));
            continue;
        }
        buyer_locks[ok.buyer] += 1;
        supplier_locks[ok.supplier] += 1;
        let (b, s) = (&engine.buyers[ok.buyer], &engine.suppliers[ok.supplier]);
        if buyer_locks[ok.buyer] == b.max_meetings + 1 {
            checker.push(
                &path,
                "too_many",
                format!("buyer `{}` has more locked meetings than its max_meetings ({})", lock.buyer, b.max_meetings),
            );
        }
        if supplier_locks[ok.supplier] == s.max_meetings + 1 {
            checker.push(
                &path,
                "too_many",
                format!(
                    "supplier `{}` has more locked meetings than its max_meetings ({})",
                    lock.supplier, s.max_meetings
                ),
            );
        }
        checked.push(ok);
    }

    // What each slot holds: (kind, who) → the lock holding it; kinds are
    // 0 buyer, 1 supplier, 2 table, 3 interpreter.
    let mut taken: HashMap<(u8, usize, u32), usize> = HashMap::new();
    for lock in &checked {
        let original = &file.locks[lock.index];
        let uses = [
            (0u8, lock.buyer, format!("buyer `{}`", original.buyer)),
            (1, lock.supplier, format!("supplier `{}`", original.supplier)),
        ]
        .into_iter()
        .chain(lock.table.map(|t| (2, t as usize, format!("table `{}`", file.fair.tables[t as usize].id))))
        .chain(
            lock.interpreter.map(|i| (3, i as usize, format!("interpreter `{}`", engine.interpreters[i as usize].key))),
        );
        for (kind, who, name) in uses {
            if let Some(first) = taken.insert((kind, who, lock.slot), lock.index) {
                checker.push(
                    format!("locks[{}]", lock.index),
                    "double_booked",
                    format!("{name} is already in locks[{first}] in slot `{}`", original.slot),
                );
            }
        }
    }

    let mut entries = Vec::with_capacity(checked.len());
    for lock in &checked {
        let path = format!("locks[{}]", lock.index);
        let slot_id = &file.locks[lock.index].slot;
        let mut first_free = |kind: u8, candidates: Vec<u32>| {
            let free = candidates.into_iter().find(|&i| !taken.contains_key(&(kind, i as usize, lock.slot)));
            if let Some(i) = free {
                taken.insert((kind, i as usize, lock.slot), lock.index);
            }
            free
        };
        let table = match lock.table {
            None if !lock.online => {
                let table = first_free(2, (0..engine.tables).collect());
                if table.is_none() {
                    checker.push(
                        &path,
                        "no_table",
                        format!("no table is left in slot `{slot_id}` for this on-site meeting"),
                    );
                }
                table
            }
            given => given,
        };
        let interpreter = match (lock.interpreter, lock.language) {
            (None, Some(language)) => {
                let able = (0..engine.interpreters.len() as u32).filter(|&i| {
                    let interpreter = &engine.interpreters[i as usize];
                    interpreter.language == language && interpreter.available.contains(lock.slot)
                });
                let interpreter = first_free(3, able.collect());
                if interpreter.is_none() {
                    checker.push(
                        &path,
                        "no_interpreter",
                        format!("no Vietnamese–{language} interpreter is free in slot `{slot_id}`"),
                    );
                }
                interpreter
            }
            (given, _) => given,
        };
        entries.push(LockEntry {
            buyer: internal_id(Kind::Buyer, lock.buyer),
            supplier: internal_id(Kind::Supplier, lock.supplier),
            slot: lock.slot,
            table,
            interpreter,
        });
    }
    entries
}

/// The previous run: what no longer fits this fair is left out, with a warning.
fn previous(file: &FairFile, known: &Known<'_>, warnings: &mut Vec<Warning>) -> Vec<(Uuid, Uuid, u32)> {
    let mut previous = Vec::with_capacity(file.previous.len());
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    for (index, meeting) in file.previous.iter().enumerate() {
        let buyer = match known.participants.get(meeting.buyer.as_str()) {
            Some(Participant::Buyer(b)) => Some(*b),
            _ => None,
        };
        let supplier = match known.participants.get(meeting.supplier.as_str()) {
            Some(Participant::Supplier(s)) => Some(*s),
            _ => None,
        };
        let slot = known.slots.by_id.get(meeting.slot.as_str()).copied();
        let problem = match (buyer, supplier, slot) {
            (None, _, _) => Some(format!("`{}` is not a buyer id: ignored", meeting.buyer)),
            (_, None, _) => Some(format!("`{}` is not a supplier id: ignored", meeting.supplier)),
            (_, _, None) => Some(format!("`{}` is not a slot id of the fair: ignored", meeting.slot)),
            (Some(b), Some(s), Some(_)) => {
                pairs.insert((b, s), index).map(|first| format!("the pair is also previous[{first}]: ignored"))
            }
        };
        match (problem, buyer, supplier, slot) {
            (Some(message), ..) => warnings.push(Warning { path: format!("previous[{index}]"), message }),
            (None, Some(b), Some(s), Some(slot)) => {
                previous.push((internal_id(Kind::Buyer, b), internal_id(Kind::Supplier, s), slot));
            }
            _ => {}
        }
    }
    previous
}

/// Checks the whole file and converts it.
pub(crate) fn prepare(file: &FairFile) -> Result<Prepared, ValidationErrors> {
    let mut checker = Checker::default();
    let mut warnings = Vec::new();

    // The fair.
    let zone: chrono_tz::Tz = match validate::time_zone("fair.time_zone", &file.fair.time_zone) {
        Ok(name) => name.parse().unwrap_or(fair_domain::calendar::FAIR_TIME_ZONE),
        Err(error) => {
            checker.errors.push(error);
            fair_domain::calendar::FAIR_TIME_ZONE
        }
    };
    checker.check(validate::optional_text("fair.name", file.fair.name.as_deref(), 200));
    let ordered = slots(&mut checker, &file.fair, zone);
    let slot_index = SlotIndex {
        by_id: ordered.iter().enumerate().map(|(engine, (_, info))| (info.id.as_str(), engine as u32)).collect(),
        declared: file.fair.slots.iter().map(|slot| slot.id.as_str()).collect(),
        count: ordered.len() as u32,
    };
    let table_ids = tables(&mut checker, file);
    for (side, targets) in [("buyer", file.defaults.buyer), ("supplier", file.defaults.supplier)] {
        checker.targets(&format!("defaults.{side}"), Some(targets.min_meetings), Some(targets.max_meetings), targets);
    }
    let (interpreters, interpreter_ids) = interpreters(&mut checker, file, &slot_index);
    let mut interpreter_languages: Vec<Language> = interpreters.iter().map(|i| i.language).collect();
    interpreter_languages.sort();
    interpreter_languages.dedup();

    // Participants: ids unique across both sides.
    let mut intake =
        Intake { checker: &mut checker, warnings: &mut warnings, slots: &slot_index, participants: HashMap::new() };
    let mut products_seen = 0;
    let mut suppliers = Vec::with_capacity(file.suppliers.len());
    for (index, supplier) in file.suppliers.iter().enumerate() {
        let own = (supplier.min_meetings, supplier.max_meetings);
        let (min_meetings, max_meetings, available) = intake.register(
            Participant::Supplier(index),
            &supplier.id,
            own,
            file.defaults.supplier,
            &supplier.unavailable,
        );
        suppliers.push(SupplierEntry {
            doc: Arc::new(supplier_doc(intake.checker, index, supplier, &mut products_seen)),
            min_meetings,
            max_meetings,
            available,
            attendance: attendance(supplier.attendance),
        });
    }
    let mut need_ids = Vec::new();
    let mut buyers = Vec::with_capacity(file.buyers.len());
    for (index, buyer) in file.buyers.iter().enumerate() {
        let own = (buyer.min_meetings, buyer.max_meetings);
        let (min_meetings, max_meetings, available) =
            intake.register(Participant::Buyer(index), &buyer.id, own, file.defaults.buyer, &buyer.unavailable);
        buyers.push(BuyerEntry {
            buyer: buyer_facts(intake.checker, index, buyer, &mut need_ids),
            min_meetings,
            max_meetings,
            available,
            attendance: attendance(buyer.attendance),
        });
    }
    let participants = intake.participants;
    let known = Known { slots: slot_index, tables: table_ids, interpreters: interpreter_ids, participants };

    // What they said, the rules, the locks, the last run.
    let preferences = preferences(&mut checker, file, &known);
    let rules = rules(&mut checker, file, &known);
    let engine =
        Engine { tables: file.fair.tables.len() as u32, suppliers, buyers, interpreters, interpreter_languages, rules };
    let locks = locks(&mut checker, file, &known, &engine);
    let previous = previous(file, &known, &mut warnings);

    let slots = ordered.into_iter().map(|(_, info)| info).collect();
    let Engine { suppliers, buyers, interpreters, interpreter_languages, rules, .. } = engine;
    checker.errors.finish(|| Prepared {
        zone,
        today: file.fair.today,
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
    })
}
