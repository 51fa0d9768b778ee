//! Request bodies parsed into checked values. Every rule here answers with the field's
//! path and a stable code, all rejected fields at once.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use fair_api_types::{BuyerInput, CertificationInput, ExhibitorProfileInput, NeedInput, ProductInput, StaffInput};
use fair_domain::taxonomy;
use fair_domain::{BusinessType, Language, ValidationError, ValidationErrors, validate};
use uuid::Uuid;

pub use fair_domain::taxonomy::{UNITS, Unit};

pub const MAX_PRODUCTS: u64 = 500;
pub const MAX_CERTIFICATIONS: u64 = 50;
pub const MAX_STAFF: u64 = 50;
pub const MAX_NEEDS: u64 = 50;

fn i18n(
    errors: &mut ValidationErrors,
    field: &str,
    value: &BTreeMap<String, String>,
    required: bool,
    max: usize,
) -> BTreeMap<String, String> {
    match validate::i18n_text(field, value, required, max) {
        Ok(parsed) => parsed.into_iter().map(|(lang, text)| (lang.tag().to_owned(), text)).collect(),
        Err(more) => {
            errors.0.extend(more.0);
            BTreeMap::new()
        }
    }
}

fn languages(errors: &mut ValidationErrors, field: &str, values: &[String], required: bool) -> Vec<String> {
    let parsed = errors.check(validate::codes(
        field,
        values,
        Language::ALL.len(),
        |v| v.parse::<Language>().is_ok(),
        "language",
    ));
    let parsed: Vec<String> = parsed
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.parse::<Language>().ok().map(|l| l.tag().to_owned()))
        .collect();
    if required && parsed.is_empty() && errors.0.iter().all(|e| !e.field.starts_with(field)) {
        errors.push(ValidationError::new(field, "required", "name at least one language"));
    }
    parsed
}

fn countries(errors: &mut ValidationErrors, field: &str, values: &[String]) -> Vec<String> {
    errors
        .check(validate::codes(field, values, 30, |v| taxonomy::country(v).is_some(), "country code"))
        .unwrap_or_default()
}

fn phone(errors: &mut ValidationErrors, field: &str, value: Option<&str>) -> Option<String> {
    let value = errors.check(validate::optional_text(field, value, 40)).flatten()?;
    if value.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)) && value.chars().any(|c| c.is_ascii_digit()) {
        Some(value)
    } else {
        errors.push(ValidationError::new(field, "invalid", "may hold only digits, spaces and + - ( ) ."));
        None
    }
}

fn optional_url(errors: &mut ValidationErrors, field: &str, value: Option<&str>) -> Option<String> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(value) => errors.check(validate::url(field, value)),
    }
}

fn optional_email(errors: &mut ValidationErrors, field: &str, value: Option<&str>) -> Option<String> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(value) => errors.check(validate::email(field, value)),
    }
}

fn quantity(errors: &mut ValidationErrors, field: &str, value: Option<i64>) -> Option<i64> {
    match value {
        Some(v) if !(1..=1_000_000_000_000).contains(&v) => {
            errors.push(ValidationError::new(field, "invalid", "must be between 1 and 10^12"));
            None
        }
        other => other,
    }
}

fn unit(errors: &mut ValidationErrors, field: &str, value: Option<&str>) -> Option<String> {
    let value = value?;
    if UNITS.iter().any(|unit| unit.code == value) {
        Some(value.to_owned())
    } else {
        errors.push(ValidationError::new(field, "unknown", "must be pcs, sets, kg, t, m, m2 or l"));
        None
    }
}

fn tolerance(errors: &mut ValidationErrors, field: &str, value: Option<i32>) -> Option<i32> {
    match value {
        Some(v) if !(1..=100_000).contains(&v) => {
            errors.push(ValidationError::new(field, "invalid", "must be 1 to 100000 micrometres"));
            None
        }
        other => other,
    }
}

fn processes(errors: &mut ValidationErrors, field: &str, values: &[String]) -> Vec<String> {
    errors
        .check(validate::codes(
            field,
            values,
            taxonomy::PROCESSES.len(),
            |v| taxonomy::process(v).is_some(),
            "process tag",
        ))
        .unwrap_or_default()
}

fn optional_group(errors: &mut ValidationErrors, field: &str, value: Option<&str>) -> Option<String> {
    let value = value?;
    errors.check(validate::code(field, value, taxonomy::product_group, "product group").map(|g| g.code.to_owned()))
}

fn optional_hs(errors: &mut ValidationErrors, field: &str, value: Option<&str>) -> Option<String> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(value) => errors.check(validate::hs_code(field, value)),
    }
}

/// A checked exhibitor profile.
#[derive(Debug, Clone)]
pub struct ExhibitorProfile {
    pub name: String,
    pub name_en: Option<String>,
    pub province: String,
    pub industrial_park: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub phone: Option<String>,
    pub employees: Option<i32>,
    pub founded_year: Option<i32>,
    pub vsic: Option<String>,
    pub business_type: String,
    pub export_markets: Vec<String>,
    pub languages: Vec<String>,
    pub headline: BTreeMap<String, String>,
    pub about: BTreeMap<String, String>,
    pub published: bool,
}

pub fn exhibitor_profile(
    input: &ExhibitorProfileInput,
    current_year: i32,
) -> Result<ExhibitorProfile, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let name = errors.check(validate::text("name", &input.name, 1, 200)).unwrap_or_default();
    let name_en = errors.check(validate::optional_text("name_en", input.name_en.as_deref(), 200)).flatten();
    let province = errors
        .check(validate::code("province", &input.province, taxonomy::province, "province"))
        .map(|p| p.code.to_owned())
        .unwrap_or_default();
    let industrial_park = match input.industrial_park.as_deref().filter(|p| !p.is_empty()) {
        None => None,
        Some(code) => match taxonomy::industrial_park(code) {
            Some(park) if park.province == province || province.is_empty() => Some(park.code.to_owned()),
            Some(_) => {
                errors.push(ValidationError::new("industrial_park", "invalid", "this park is in another province"));
                None
            }
            None => {
                errors.push(ValidationError::new(
                    "industrial_park",
                    "unknown",
                    format!("`{code}` is not a known industrial park"),
                ));
                None
            }
        },
    };
    let address = errors.check(validate::optional_text("address", input.address.as_deref(), 300)).flatten();
    let website = optional_url(&mut errors, "website", input.website.as_deref());
    let contact_email = optional_email(&mut errors, "contact_email", input.contact_email.as_deref());
    let phone = phone(&mut errors, "phone", input.phone.as_deref());
    let employees = match input.employees {
        Some(n) if !(1..=1_000_000).contains(&n) => {
            errors.push(ValidationError::new("employees", "invalid", "must be 1 to 1000000"));
            None
        }
        n => n.map(|n| n as i32),
    };
    let founded_year = match input.founded_year {
        Some(year) if !(1900..=current_year).contains(&year) => {
            errors.push(ValidationError::new("founded_year", "invalid", format!("must be 1900 to {current_year}")));
            None
        }
        year => year,
    };
    let vsic = match input.vsic.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(code) if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) => Some(code.to_owned()),
        Some(_) => {
            errors.push(ValidationError::new("vsic", "invalid", "must be a 4-digit VSIC 2018 code"));
            None
        }
        None => None,
    };
    let business_type =
        errors
            .check(input.business_type.parse::<BusinessType>().map_err(|_| {
                ValidationError::new("business_type", "unknown", "must be manufacturer, trading or service")
            }))
            .map(|b| b.as_str().to_owned())
            .unwrap_or_default();
    let export_markets = countries(&mut errors, "export_markets", &input.export_markets);
    let languages = languages(&mut errors, "languages", &input.languages, false);
    let headline = i18n(&mut errors, "headline", &input.headline.0, false, 200);
    let about = i18n(&mut errors, "about", &input.about.0, false, 5000);
    errors.finish(|| ExhibitorProfile {
        name,
        name_en,
        province,
        industrial_park,
        address,
        website,
        contact_email,
        phone,
        employees,
        founded_year,
        vsic,
        business_type,
        export_markets,
        languages,
        headline,
        about,
        published: input.published,
    })
}

pub fn placement_text(errors: &mut ValidationErrors, field: &str, value: Option<&str>) -> Option<String> {
    let value = errors.check(validate::optional_text(field, value, 20)).flatten()?;
    if value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') {
        Some(value)
    } else {
        errors.push(ValidationError::new(field, "invalid", "may hold only letters, digits, - and ."));
        None
    }
}

#[derive(Debug, Clone)]
pub struct Product {
    pub name: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    pub product_group: String,
    pub hs_code: Option<String>,
    pub processes: Vec<String>,
    pub materials: Vec<String>,
    pub moq: Option<i64>,
    pub monthly_capacity: Option<i64>,
    pub unit: Option<String>,
    pub tolerance_um: Option<i32>,
    pub photo_id: Option<Uuid>,
}

pub fn product(input: &ProductInput) -> Result<Product, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let name = i18n(&mut errors, "name", &input.name.0, true, 200);
    let description = i18n(&mut errors, "description", &input.description.0, false, 5000);
    let product_group = errors
        .check(validate::code("product_group", &input.product_group, taxonomy::product_group, "product group"))
        .map(|g| g.code.to_owned())
        .unwrap_or_default();
    let hs_code = optional_hs(&mut errors, "hs_code", input.hs_code.as_deref());
    let processes = processes(&mut errors, "processes", &input.processes);
    let materials = errors.check(validate::text_list("materials", &input.materials, 20, 80)).unwrap_or_default();
    let moq = quantity(&mut errors, "moq", input.moq);
    let monthly_capacity = quantity(&mut errors, "monthly_capacity", input.monthly_capacity);
    let unit = unit(&mut errors, "unit", input.unit.as_deref());
    if unit.is_none() && (moq.is_some() || monthly_capacity.is_some()) && errors.0.iter().all(|e| e.field != "unit") {
        errors.push(ValidationError::new("unit", "required", "say what the quantities count"));
    }
    let tolerance_um = tolerance(&mut errors, "tolerance_um", input.tolerance_um);
    errors.finish(|| Product {
        name,
        description,
        product_group,
        hs_code,
        processes,
        materials,
        moq,
        monthly_capacity,
        unit,
        tolerance_um,
        photo_id: input.photo_id,
    })
}

#[derive(Debug, Clone)]
pub struct Certification {
    pub standard: String,
    pub issuer: String,
    pub certificate_number: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: NaiveDate,
    pub scope: Option<String>,
    pub document_id: Option<Uuid>,
}

pub fn certification(input: &CertificationInput) -> Result<Certification, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let standard = errors
        .check(validate::code("standard", &input.standard, taxonomy::certification, "certification standard"))
        .map(|s| s.code.to_owned())
        .unwrap_or_default();
    let issuer = errors.check(validate::text("issuer", &input.issuer, 1, 120)).unwrap_or_default();
    let certificate_number =
        errors.check(validate::text("certificate_number", &input.certificate_number, 1, 80)).unwrap_or_default();
    let plausible = |date: NaiveDate| (1980..=2100).contains(&date.year());
    if !plausible(input.valid_until) {
        errors.push(ValidationError::new("valid_until", "invalid", "must be between 1980 and 2100"));
    }
    if let Some(from) = input.valid_from {
        if !plausible(from) {
            errors.push(ValidationError::new("valid_from", "invalid", "must be between 1980 and 2100"));
        } else if from > input.valid_until {
            errors.push(ValidationError::new("valid_from", "invalid", "must not be after valid_until"));
        }
    }
    let scope = errors.check(validate::optional_text("scope", input.scope.as_deref(), 500)).flatten();
    errors.finish(|| Certification {
        standard,
        issuer,
        certificate_number,
        valid_from: input.valid_from,
        valid_until: input.valid_until,
        scope,
        document_id: input.document_id,
    })
}

#[derive(Debug, Clone)]
pub struct Staff {
    pub full_name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
    pub shown_on_booth: bool,
}

pub fn staff(input: &StaffInput) -> Result<Staff, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let full_name = errors.check(validate::text("full_name", &input.full_name, 1, 120)).unwrap_or_default();
    let job_title = errors.check(validate::optional_text("job_title", input.job_title.as_deref(), 120)).flatten();
    let email = optional_email(&mut errors, "email", input.email.as_deref());
    let phone = phone(&mut errors, "phone", input.phone.as_deref());
    let languages = languages(&mut errors, "languages", &input.languages, false);
    errors.finish(|| Staff { full_name, job_title, email, phone, languages, shown_on_booth: input.shown_on_booth })
}

#[derive(Debug, Clone)]
pub struct Buyer {
    pub company_name: String,
    pub company_name_local: Option<String>,
    pub country: String,
    pub time_zone: String,
    pub languages: Vec<String>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub about: BTreeMap<String, String>,
}

pub fn buyer(input: &BuyerInput) -> Result<Buyer, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let company_name = errors.check(validate::text("company_name", &input.company_name, 1, 200)).unwrap_or_default();
    let company_name_local =
        errors.check(validate::optional_text("company_name_local", input.company_name_local.as_deref(), 200)).flatten();
    let country = errors
        .check(validate::code("country", &input.country, taxonomy::country, "country code"))
        .map(|c| c.code.to_owned())
        .unwrap_or_default();
    let time_zone = errors.check(validate::time_zone("time_zone", &input.time_zone)).unwrap_or_default();
    let languages = languages(&mut errors, "languages", &input.languages, true);
    let industry = errors.check(validate::optional_text("industry", input.industry.as_deref(), 200)).flatten();
    let website = optional_url(&mut errors, "website", input.website.as_deref());
    let about = i18n(&mut errors, "about", &input.about.0, false, 5000);
    errors.finish(|| Buyer {
        company_name,
        company_name_local,
        country,
        time_zone,
        languages,
        industry,
        website,
        about,
    })
}

#[derive(Debug, Clone)]
pub struct Need {
    pub title: String,
    pub description: String,
    pub language: String,
    pub product_group: Option<String>,
    pub processes: Vec<String>,
    pub hs_code: Option<String>,
    pub required_certifications: Vec<String>,
    pub annual_volume: Option<i64>,
    pub unit: Option<String>,
    pub tolerance_um: Option<i32>,
    pub status: String,
}

pub fn need(input: &NeedInput) -> Result<Need, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let title = errors.check(validate::text("title", &input.title, 1, 200)).unwrap_or_default();
    let description = errors.check(validate::text("description", &input.description, 1, 5000)).unwrap_or_default();
    let language = errors
        .check(input.language.parse::<Language>().map_err(|_| {
            ValidationError::new("language", "unknown", format!("`{}` is not a known language", input.language))
        }))
        .map(|l| l.tag().to_owned())
        .unwrap_or_default();
    let product_group = optional_group(&mut errors, "product_group", input.product_group.as_deref());
    let processes = processes(&mut errors, "processes", &input.processes);
    let hs_code = optional_hs(&mut errors, "hs_code", input.hs_code.as_deref());
    let required_certifications = errors
        .check(validate::codes(
            "required_certifications",
            &input.required_certifications,
            10,
            |v| taxonomy::certification(v).is_some(),
            "certification standard",
        ))
        .unwrap_or_default();
    let annual_volume = quantity(&mut errors, "annual_volume", input.annual_volume);
    let unit = unit(&mut errors, "unit", input.unit.as_deref());
    let tolerance_um = tolerance(&mut errors, "tolerance_um", input.tolerance_um);
    let status = match input.status.as_str() {
        "open" | "closed" => input.status.clone(),
        _ => {
            errors.push(ValidationError::new("status", "unknown", "must be open or closed"));
            String::new()
        }
    };
    errors.finish(|| Need {
        title,
        description,
        language,
        product_group,
        processes,
        hs_code,
        required_certifications,
        annual_volume,
        unit,
        tolerance_um,
        status,
    })
}
