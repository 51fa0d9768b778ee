//! Certificates: who issued them, their numbers and validity. Management-system
//! certificates run three years; substance and textile certificates one to three.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::DemoCertification;
use crate::pick::{Rng, between, chance, pick, weighted};

/// What a supplier holds, decided for the whole fair before any text is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CertPlan {
    /// A valid ISO 9001: the firm counts as "of international standard".
    pub certified: bool,
    pub iso14001: bool,
    pub iso45001: bool,
    pub iatf16949: bool,
    pub iso13485: bool,
    pub as9100: bool,
    /// Not certified: its only ISO 9001 (and maybe ISO 14001) expired before today.
    pub expired: bool,
    /// Not certified: holds substance, workmanship or textile certificates only.
    pub non_management_only: bool,
}

/// A certification body: name as printed, and how heavily it is used.
const ISSUERS: &[(&str, u32)] = &[
    ("Bureau Veritas Certification", 16),
    ("SGS Vietnam", 14),
    ("TÜV Rheinland Vietnam", 10),
    ("TÜV SÜD Vietnam", 8),
    ("Intertek Vietnam", 8),
    ("DNV", 6),
    ("BSI Vietnam", 8),
    ("QUACERT", 14),
    ("Vinacert", 12),
    ("JQA (Japan Quality Assurance Organization)", 4),
];

const IATF_ISSUERS: &[&str] =
    &["Bureau Veritas Certification", "SGS Vietnam", "TÜV Rheinland Vietnam", "TÜV SÜD Vietnam", "DNV", "BSI Vietnam"];
const MEDICAL_ISSUERS: &[&str] = &["TÜV SÜD Vietnam", "BSI Vietnam", "SGS Vietnam", "TÜV Rheinland Vietnam"];
const LAB_ISSUERS: &[&str] =
    &["SGS Vietnam", "Intertek Vietnam", "TÜV Rheinland Vietnam", "Bureau Veritas Certification"];
const OEKO_TEX_INSTITUTES: &[&str] = &["Hohenstein", "TESTEX", "CITEVE", "Centexbel"];

/// The edition a management-system standard is certified against.
pub(crate) fn edition(standard: &str) -> &'static str {
    match standard {
        "ISO9001" => "ISO 9001:2015",
        "ISO14001" => "ISO 14001:2015",
        "ISO45001" => "ISO 45001:2018",
        "IATF16949" => "IATF 16949:2016",
        "ISO13485" => "ISO 13485:2016",
        "AS9100" => "AS9100D",
        _ => "",
    }
}

fn short_year(date: NaiveDate) -> i32 {
    date.year() % 100
}

fn number(rng: &mut Rng, issuer: &str, standard: &str, from: NaiveDate) -> String {
    let yy = short_year(from);
    match (issuer, standard) {
        (_, "IATF16949") => format!("IATF 0{:06}", between(rng, 100_000, 999_999)),
        ("Bureau Veritas Certification", _) => format!("VN{:06}", between(rng, 1_000, 99_999)),
        ("SGS Vietnam", _) => format!("VN{yy:02}/{:05}", between(rng, 100, 99_999)),
        ("TÜV Rheinland Vietnam", _) => {
            let series = match standard {
                "ISO14001" => "104",
                "ISO45001" => "116",
                "ISO13485" => "122",
                _ => "100",
            };
            format!("44 {series} {:06}", between(rng, 100_000, 999_999))
        }
        ("TÜV SÜD Vietnam", "ISO13485") => {
            format!("Q5 {:05} {:04}", between(rng, 10_000, 99_999), between(rng, 1, 9_999))
        }
        ("TÜV SÜD Vietnam", _) => {
            let series = match standard {
                "ISO14001" => "104",
                "ISO45001" => "117",
                _ => "100",
            };
            format!("12 {series} {:05} TMS", between(rng, 10_000, 99_999))
        }
        ("Intertek Vietnam", _) => format!("ITS-{yy:02}-{:05}", between(rng, 100, 99_999)),
        ("DNV", _) => {
            let kind = match standard {
                "ISO14001" => "AE",
                "ISO45001" => "AHSO",
                _ => "AQ",
            };
            format!("{:06}-{}-{kind}-VNM-UKAS", between(rng, 100_000, 999_999), from.year())
        }
        ("BSI Vietnam", _) => {
            let prefix = match standard {
                "ISO14001" => "EMS",
                "ISO45001" => "OHS",
                "ISO13485" => "MD",
                _ => "FM",
            };
            format!("{prefix} {:06}", between(rng, 100_000, 799_999))
        }
        ("QUACERT", _) => format!("HT {:04}.{yy:02}.{:02}", between(rng, 1_000, 9_999), between(rng, 1, 40)),
        ("Vinacert", _) => format!("VICB {:04}/{yy:02}", between(rng, 100, 9_999)),
        (_, _) => {
            let kind = match standard {
                "ISO14001" => "EM",
                "ISO45001" => "OHS",
                _ => "QMA",
            };
            format!("JQA-{kind}{:05}", between(rng, 10_000, 99_999))
        }
    }
}

/// A three-year certificate valid on `today`, issued some time in the last three years.
fn valid_window(rng: &mut Rng, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let age = between(rng, 20, 3 * 365 - 40) as u64;
    let from = today.checked_sub_days(Days::new(age)).unwrap_or(today);
    (from, three_years_from(from))
}

/// A three-year certificate whose last day was before `today`.
fn expired_window(rng: &mut Rng, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let lapsed = between(rng, 15, 540) as u64;
    let until = today.checked_sub_days(Days::new(lapsed)).unwrap_or(today);
    let from =
        until.checked_add_days(Days::new(1)).and_then(|day| day.checked_sub_months(Months::new(36))).unwrap_or(until);
    (from, until)
}

fn three_years_from(from: NaiveDate) -> NaiveDate {
    from.checked_add_months(Months::new(36)).and_then(|day| day.pred_opt()).unwrap_or(from)
}

fn management(
    rng: &mut Rng,
    standard: &'static str,
    issuer: &str,
    window: (NaiveDate, NaiveDate),
    scope: Option<String>,
) -> DemoCertification {
    DemoCertification {
        standard,
        issuer: issuer.to_owned(),
        certificate_number: number(rng, issuer, standard, window.0),
        valid_from: window.0,
        valid_until: window.1,
        scope,
    }
}

/// The facts about a firm its certificates depend on.
pub(crate) struct Holder<'a> {
    pub sector: &'static str,
    pub main_group: &'static str,
    pub japanese: bool,
    pub service: bool,
    /// What the firm makes, in lower case: "machined parts", "chi tiết gia công CNC".
    pub what_en: &'a str,
    pub what_vi: &'a str,
}

/// All certificates of one supplier.
pub(crate) fn certificates(
    rng: &mut Rng,
    today: NaiveDate,
    plan: CertPlan,
    holder: &Holder<'_>,
) -> Vec<DemoCertification> {
    let mut out = Vec::new();
    let issuer = if holder.japanese && chance(rng, 0.3) {
        "JQA (Japan Quality Assurance Organization)"
    } else {
        *weighted(rng, ISSUERS)
    };
    let vietnamese_body = matches!(issuer, "QUACERT" | "Vinacert");
    let scope = match (vietnamese_body, holder.service) {
        (true, false) => format!("Sản xuất và cung cấp các sản phẩm {}", holder.what_vi),
        (true, true) => format!("Cung cấp dịch vụ {}", holder.what_vi),
        (false, false) => format!("Design and manufacture of {}", holder.what_en),
        (false, true) => format!("Provision of {}", holder.what_en),
    };
    if plan.certified {
        let window = valid_window(rng, today);
        out.push(management(rng, "ISO9001", issuer, window, Some(scope.clone())));
        if plan.iso14001 {
            let window = if chance(rng, 0.6) { window } else { valid_window(rng, today) };
            out.push(management(rng, "ISO14001", issuer, window, Some(scope.clone())));
        }
        if plan.iso45001 {
            let window = valid_window(rng, today);
            out.push(management(rng, "ISO45001", issuer, window, Some(scope.clone())));
        }
        if plan.iatf16949 {
            let body = *pick(rng, IATF_ISSUERS);
            let window = valid_window(rng, today);
            let scope = format!("Manufacture of automotive components: {}", holder.what_en);
            out.push(management(rng, "IATF16949", body, window, Some(scope)));
        }
        if plan.iso13485 {
            let body = *pick(rng, MEDICAL_ISSUERS);
            let window = valid_window(rng, today);
            let scope = format!("Design and manufacture of components for medical devices: {}", holder.what_en);
            out.push(management(rng, "ISO13485", body, window, Some(scope)));
        }
        if plan.as9100 {
            let body = *pick(rng, &["Bureau Veritas Certification", "SGS Vietnam", "BSI Vietnam"]);
            let window = valid_window(rng, today);
            let scope = "Precision machining of aerospace components to customer drawings".to_owned();
            out.push(management(rng, "AS9100", body, window, Some(scope)));
        }
        out.extend(product_certificates(rng, today, holder, false));
    } else if plan.expired {
        let window = expired_window(rng, today);
        out.push(management(rng, "ISO9001", issuer, window, Some(scope.clone())));
        if chance(rng, 0.2) {
            out.push(management(rng, "ISO14001", issuer, window, Some(scope)));
        }
    } else if plan.non_management_only {
        out.extend(product_certificates(rng, today, holder, true));
    }
    out
}

/// Substance, workmanship, textile and social-audit certificates typical of the sector.
/// `at_least_one` guarantees a certificate (for firms holding only these).
fn product_certificates(
    rng: &mut Rng,
    today: NaiveDate,
    holder: &Holder<'_>,
    at_least_one: bool,
) -> Vec<DemoCertification> {
    let mut wanted: Vec<&'static str> = Vec::new();
    match (holder.sector, holder.main_group) {
        ("EL", group) => {
            if at_least_one || chance(rng, 0.75) {
                wanted.push("ROHS");
            }
            if chance(rng, 0.4) {
                wanted.push("REACH");
            }
            if group == "EL2" && chance(rng, 0.6) {
                wanted.push("IPC-A-610");
            }
            if group == "EL2" && chance(rng, 0.3) {
                wanted.push("ESD-S20.20");
            }
            if group == "EL4" && chance(rng, 0.5) {
                wanted.push("UL");
            }
            if chance(rng, 0.1) {
                wanted.push("IECQ-QC080000");
            }
        }
        ("TG", group) => {
            if at_least_one || chance(rng, 0.6) {
                wanted.push("OEKO-TEX-100");
            }
            if chance(rng, 0.4) {
                wanted.push("BSCI");
            }
            if chance(rng, 0.2) {
                wanted.push("WRAP");
            }
            if matches!(group, "TG1" | "TG2" | "TG3") && chance(rng, 0.15) {
                wanted.push("GRS");
            }
            if chance(rng, 0.05) {
                wanted.push("BLUESIGN");
            }
        }
        ("LF", group) => {
            if group == "LF1" && (at_least_one || chance(rng, 0.6)) {
                wanted.push("LWG");
            } else if group == "LF2" && (at_least_one || chance(rng, 0.3)) {
                wanted.push("OEKO-TEX-100");
            } else if at_least_one || chance(rng, 0.3) {
                wanted.push("BSCI");
            }
        }
        ("HT", "HT2") => {
            if at_least_one || chance(rng, 0.5) {
                wanted.push("ESD-S20.20");
            }
        }
        ("HT", "HT1") | ("ME", _) => {
            if at_least_one || (holder.main_group == "HT1" && chance(rng, 0.5)) {
                wanted.push("ROHS");
                if chance(rng, 0.5) {
                    wanted.push("REACH");
                }
            }
        }
        _ => {
            if at_least_one {
                wanted.push("ROHS");
            }
        }
    }
    wanted.into_iter().map(|standard| product_certificate(rng, today, standard, holder)).collect()
}

fn product_certificate(
    rng: &mut Rng,
    today: NaiveDate,
    standard: &'static str,
    holder: &Holder<'_>,
) -> DemoCertification {
    let years = match standard {
        "ROHS" | "REACH" | "OEKO-TEX-100" | "BSCI" | "WRAP" | "GRS" | "LWG" => 1,
        "IPC-A-610" | "J-STD-001" => 2,
        _ => 3,
    };
    let age = between(rng, 10, 365 * years - 20) as u64;
    let from = today.checked_sub_days(Days::new(age)).unwrap_or(today);
    let until = from.checked_add_months(Months::new(12 * years as u32)).and_then(|day| day.pred_opt()).unwrap_or(from);
    let yy = short_year(from);
    let (issuer, number, scope): (String, String, String) = match standard {
        "ROHS" | "REACH" => {
            let lab = *pick(rng, LAB_ISSUERS);
            let directive = if standard == "ROHS" {
                "Directive 2011/65/EU and (EU) 2015/863 (RoHS)"
            } else {
                "Regulation (EC) No 1907/2006 (REACH SVHC)"
            };
            (
                lab.to_owned(),
                format!("HN{yy:02}{:08}", between(rng, 10_000_000, 99_999_999)),
                format!("Test report: {}: compliance with {directive}", holder.what_en),
            )
        }
        "IECQ-QC080000" => (
            "SGS Vietnam".to_owned(),
            format!("IECQ-H SGS {yy:02}.{:04}", between(rng, 1, 9_999)),
            "Hazardous substance process management".to_owned(),
        ),
        "IPC-A-610" | "ESD-S20.20" | "UL" => {
            let body = match standard {
                "IPC-A-610" => "IPC – Association Connecting Electronics Industries",
                "UL" => "UL Solutions",
                _ => *pick(rng, &["TÜV SÜD Vietnam", "Intertek Vietnam"]),
            };
            let number = match standard {
                "UL" => format!("E{:06}", between(rng, 100_000, 499_999)),
                "IPC-A-610" => format!("IPC-{:06}", between(rng, 100_000, 999_999)),
                _ => format!("ESD-{yy:02}-{:04}", between(rng, 1, 9_999)),
            };
            (body.to_owned(), number, holder.what_en.to_owned())
        }
        "OEKO-TEX-100" => {
            let institute = *pick(rng, OEKO_TEX_INSTITUTES);
            (
                institute.to_owned(),
                format!("{yy:02}.HVN.{:05}", between(rng, 10_000, 99_999)),
                format!("Product class II: {}", holder.what_en),
            )
        }
        "BSCI" => (
            format!(
                "{} (amfori BSCI audit)",
                pick(rng, &["SGS Vietnam", "Intertek Vietnam", "Bureau Veritas Certification"])
            ),
            format!("amfori ID 156-{:07}-000", between(rng, 1_000_000, 9_999_999)),
            "Social compliance audit, rating B".to_owned(),
        ),
        "WRAP" => (
            "WRAP (Worldwide Responsible Accredited Production)".to_owned(),
            format!("WRAP-{:06}", between(rng, 100_000, 999_999)),
            "Gold certificate".to_owned(),
        ),
        "GRS" => (
            "Control Union Certifications".to_owned(),
            format!("CU {:06}", between(rng, 800_000, 999_999)),
            "Recycled polyester yarn and fabric".to_owned(),
        ),
        "BLUESIGN" => (
            "bluesign technologies".to_owned(),
            format!("BS-{:05}", between(rng, 10_000, 99_999)),
            "bluesign SYSTEM PARTNER".to_owned(),
        ),
        "LWG" => (
            "Leather Working Group".to_owned(),
            format!("VNM{:04}", between(rng, 1, 9_999)),
            format!("Leather manufacturer audit, {} rating", pick(rng, &["Gold", "Silver", "Bronze"])),
        ),
        _ => {
            ("SGS Vietnam".to_owned(), format!("VN{yy:02}/{:05}", between(rng, 100, 99_999)), holder.what_en.to_owned())
        }
    };
    DemoCertification {
        standard,
        issuer,
        certificate_number: number,
        valid_from: from,
        valid_until: until,
        scope: Some(scope),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_years_end_the_day_before_the_anniversary() {
        let from = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap_or_default();
        assert_eq!(three_years_from(from), NaiveDate::from_ymd_opt(2027, 3, 14).unwrap_or_default());
    }
}
