//! The generated fair, as plain data. `fair-server` writes it through `fair-store`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use fair_domain::{BusinessType, Language, StaffRole};

/// What to generate.
#[derive(Clone, Debug)]
pub struct DemoOptions {
    /// Same seed, same fair, byte for byte.
    pub seed: u64,
    /// Supplier count (about 920 for the plan's fair).
    pub suppliers: usize,
    /// Exactly this many suppliers hold a valid management-system certificate (300).
    pub certified_suppliers: usize,
    /// Buyer companies (several hundred).
    pub buyers: usize,
    /// "Today": validity of certificates is judged against it. A parameter, not the
    /// clock, so the same seed gives the same fair on any day it is judged on.
    pub today: NaiveDate,
}

/// The whole demo fair.
#[derive(Clone, Debug)]
pub struct DemoFair {
    pub organisers: Vec<DemoAccount>,
    pub suppliers: Vec<DemoSupplier>,
    pub buyers: Vec<DemoBuyer>,
}

/// A person who can sign in, with the password printed for the demo.
#[derive(Clone, Debug)]
pub struct DemoAccount {
    pub email: String,
    pub display_name: String,
    pub password: String,
    /// UI language tag: `vi`, `en`, `ja` or `zh-Hant`.
    pub preferred_language: &'static str,
    pub time_zone: &'static str,
}

#[derive(Clone, Debug)]
pub struct DemoSupplier {
    pub name: String,
    pub name_en: Option<String>,
    /// Unique across the fair.
    pub slug: String,
    /// Province code from `fair_domain::taxonomy::PROVINCES`.
    pub province: &'static str,
    /// Park code from `fair_domain::taxonomy::INDUSTRIAL_PARKS`, in `province`.
    pub industrial_park: Option<&'static str>,
    pub address: String,
    pub website: Option<String>,
    pub contact_email: String,
    pub phone: String,
    pub employees: u32,
    pub founded_year: i32,
    /// VSIC code; 4652/4659 for trading companies.
    pub vsic: String,
    /// The truth: trading companies posing as makers have `Trading` here while their
    /// texts say they manufacture.
    pub business_type: BusinessType,
    /// Country codes.
    pub export_markets: Vec<&'static str>,
    pub languages: Vec<Language>,
    pub headline: BTreeMap<Language, String>,
    pub about: BTreeMap<Language, String>,
    pub hall: Option<String>,
    pub stand: Option<String>,
    pub online_booth: bool,
    pub published: bool,
    pub products: Vec<DemoProduct>,
    pub certifications: Vec<DemoCertification>,
    pub staff: Vec<DemoStaff>,
}

#[derive(Clone, Debug)]
pub struct DemoProduct {
    pub name: BTreeMap<Language, String>,
    pub description: BTreeMap<Language, String>,
    /// Product group code, e.g. `ME1`.
    pub product_group: &'static str,
    pub hs_code: Option<String>,
    /// Process codes, e.g. `P02`.
    pub processes: Vec<&'static str>,
    pub materials: Vec<String>,
    pub moq: Option<i64>,
    pub monthly_capacity: Option<i64>,
    /// `pcs`, `sets`, `kg`, `t`, `m`, `m2`.
    pub unit: Option<&'static str>,
    pub tolerance_um: Option<i32>,
}

#[derive(Clone, Debug)]
pub struct DemoCertification {
    /// Standard code, e.g. `ISO9001`.
    pub standard: &'static str,
    pub issuer: String,
    pub certificate_number: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub scope: Option<String>,
}

#[derive(Clone, Debug)]
pub struct DemoStaff {
    pub full_name: String,
    pub job_title: String,
    pub email: String,
    pub phone: Option<String>,
    pub languages: Vec<Language>,
    pub shown_on_booth: bool,
    /// A sign-in for this person (only a handful of demo staff have one; the rest
    /// would be invited).
    pub account: Option<(DemoAccount, StaffRole)>,
}

#[derive(Clone, Debug)]
pub struct DemoBuyer {
    pub company_name: String,
    pub company_name_local: Option<String>,
    /// Country code: JP, KR, TW, HK, CN, TH or VN.
    pub country: &'static str,
    pub time_zone: &'static str,
    pub languages: Vec<Language>,
    pub industry: String,
    pub website: Option<String>,
    pub about: BTreeMap<Language, String>,
    pub people: Vec<DemoBuyerPerson>,
    pub needs: Vec<DemoNeed>,
}

#[derive(Clone, Debug)]
pub struct DemoBuyerPerson {
    pub full_name: String,
    pub email: String,
    /// A sign-in for this person (a handful of buyers have one).
    pub account: Option<DemoAccount>,
}

#[derive(Clone, Debug)]
pub struct DemoNeed {
    pub title: String,
    pub description: String,
    /// The language the need is written in (the buyer's own).
    pub language: Language,
    pub product_group: Option<&'static str>,
    pub processes: Vec<&'static str>,
    pub hs_code: Option<String>,
    pub required_certifications: Vec<&'static str>,
    pub annual_volume: Option<i64>,
    pub unit: Option<&'static str>,
    pub tolerance_um: Option<i32>,
}
