//! Suppliers: the plan for the whole fair first (sectors, sizes, provinces, who is
//! certified, who trades while claiming to manufacture), then each firm's names,
//! booth texts, products, certificates and staff.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use fair_domain::taxonomy::{country, process, product_group};
use fair_domain::validate::BoothSlug;
use fair_domain::{BusinessType, CompanySize, Language, StaffRole};
use rand::seq::SliceRandom;

use crate::accounts::{EmailBook, demo_account};
use crate::catalogue::{ARCHETYPES, Archetype, Tpl, Trade, Tri, archetype};
use crate::certs::{CertPlan, Holder, certificates, edition};
use crate::names::{BRANDS, ascii, ascii_title, vietnamese_person};
use crate::pick::{Rng, apportion, between, chance, pick, round_nicely, thousands, weighted, weighted_sample};
use crate::places::{PROVINCE_SHARES, Place, landline, mobile, place};
use crate::{DemoOptions, DemoProduct, DemoStaff, DemoSupplier};

/// Sector mix of the plan's 920 firms.
pub(crate) const SECTOR_SHARES: &[(&str, f64)] =
    &[("ME", 40.0), ("EL", 22.0), ("AU", 12.0), ("TG", 12.0), ("HT", 10.0), ("LF", 4.0)];

/// Size mix by head count (Decree 80/2021 classes).
pub(crate) const SIZE_SHARES: &[(CompanySize, f64)] =
    &[(CompanySize::Micro, 12.0), (CompanySize::Small, 48.0), (CompanySize::Medium, 27.0), (CompanySize::Large, 13.0)];

/// Trading companies posing as makers, per 920 suppliers.
const TRADERS_PER_920: f64 = 20.0;
/// Non-certified firms whose ISO 9001 has lapsed, per 920 suppliers.
const EXPIRED_PER_920: f64 = 40.0;
/// Non-certified firms holding only substance or textile certificates, per 920.
const PRODUCT_CERT_ONLY_PER_920: f64 = 55.0;

/// The five exhibitors the demo accounts belong to. Exhibitor 1 must be a Hanoi
/// injection moulder whose product names say "Ép phun nhựa".
struct DemoExhibitor {
    archetype: &'static str,
    park: &'static str,
    size: CompanySize,
    certified: bool,
    /// Primary templates its catalogue must include.
    templates: &'static [usize],
}

const DEMO_EXHIBITORS: [DemoExhibitor; 5] = [
    DemoExhibitor {
        archetype: "el_plastic",
        park: "thang-long",
        size: CompanySize::Medium,
        certified: true,
        templates: &[1, 0, 6],
    },
    DemoExhibitor {
        archetype: "me_cnc",
        park: "quang-minh",
        size: CompanySize::Medium,
        certified: true,
        templates: &[0, 2],
    },
    DemoExhibitor {
        archetype: "me_casting",
        park: "phu-nghia",
        size: CompanySize::Small,
        certified: true,
        templates: &[0, 1],
    },
    DemoExhibitor {
        archetype: "au_harness",
        park: "noi-bai",
        size: CompanySize::Large,
        certified: true,
        templates: &[0],
    },
    DemoExhibitor {
        archetype: "tg_fabric",
        park: "nam-thang-long",
        size: CompanySize::Small,
        certified: false,
        templates: &[0],
    },
];

/// Everything decided about one supplier before its texts are written.
struct Plan {
    arch: &'static Archetype,
    size: CompanySize,
    employees: u32,
    province: &'static str,
    park: Option<&'static str>,
    trading: bool,
    certs: CertPlan,
    japanese: bool,
    english: bool,
    /// 1..=5 for the demo exhibitors.
    demo: Option<usize>,
    forced_templates: &'static [usize],
}

pub(crate) fn generate(rng: &mut Rng, options: &DemoOptions, book: &mut EmailBook) -> Vec<DemoSupplier> {
    let plans = plan(rng, options);
    let mut names = NameBook::default();
    let mut suppliers: Vec<DemoSupplier> =
        plans.iter().map(|plan| supplier(rng, options.today, plan, &mut names, book)).collect();
    assign_stands(rng, &mut suppliers, &plans);
    suppliers
}

// ---------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------

/// Exactly `total - fixed.len()` values with the given shares, after the fixed ones
/// have taken their places, in random order.
fn remaining_quota<T: Copy + PartialEq>(rng: &mut Rng, total: usize, shares: &[(T, f64)], fixed: &[T]) -> Vec<T> {
    let mut counts = apportion(total, &shares.iter().map(|(_, share)| *share).collect::<Vec<_>>());
    for value in fixed {
        if let Some(index) = shares.iter().position(|(candidate, _)| candidate == value) {
            counts[index] = counts[index].saturating_sub(1);
        }
    }
    let mut out = Vec::with_capacity(total);
    for ((value, _), count) in shares.iter().zip(counts) {
        out.extend(std::iter::repeat_n(*value, count));
    }
    let wanted = total.saturating_sub(fixed.len());
    while out.len() < wanted {
        out.push(shares[0].0);
    }
    out.truncate(wanted);
    out.shuffle(rng);
    out
}

fn employees_for(rng: &mut Rng, size: CompanySize) -> u32 {
    let value = match size {
        CompanySize::Micro => between(rng, 3, 10),
        CompanySize::Small if chance(rng, 0.55) => between(rng, 11, 40),
        CompanySize::Small => between(rng, 41, 100),
        CompanySize::Medium => between(rng, 101, 200),
        CompanySize::Large if chance(rng, 0.7) => between(rng, 201, 500),
        CompanySize::Large if chance(rng, 0.85) => between(rng, 501, 1_500),
        CompanySize::Large => between(rng, 1_501, 3_200),
    };
    u32::try_from(value).unwrap_or(10)
}

fn size_weight(size: CompanySize, micro: f64, small: f64, medium: f64, large: f64) -> f64 {
    match size {
        CompanySize::Micro => micro,
        CompanySize::Small => small,
        CompanySize::Medium => medium,
        CompanySize::Large => large,
    }
}

fn scaled(total: usize, per_920: f64) -> usize {
    (total as f64 * per_920 / 920.0).round() as usize
}

fn plan(rng: &mut Rng, options: &DemoOptions) -> Vec<Plan> {
    let total = options.suppliers;
    let demos: Vec<&DemoExhibitor> = DEMO_EXHIBITORS.iter().take(total).collect();
    let demo_sectors: Vec<&str> = demos.iter().map(|demo| archetype(demo.archetype).sector).collect();
    let demo_sizes: Vec<CompanySize> = demos.iter().map(|demo| demo.size).collect();
    let demo_provinces: Vec<&str> = demos.iter().map(|_| "ha-noi").collect();

    let sectors = remaining_quota(rng, total, SECTOR_SHARES, &demo_sectors);
    let sizes = remaining_quota(rng, total, SIZE_SHARES, &demo_sizes);
    let provinces = remaining_quota(rng, total, PROVINCE_SHARES, &demo_provinces);

    let mut plans: Vec<Plan> = Vec::with_capacity(total);
    for (index, demo) in demos.iter().enumerate() {
        let arch = archetype(demo.archetype);
        plans.push(Plan {
            arch,
            size: demo.size,
            employees: employees_for(rng, demo.size),
            province: "ha-noi",
            park: Some(demo.park),
            trading: false,
            certs: CertPlan::default(),
            japanese: arch.precision && index < 4,
            english: true,
            demo: Some(index + 1),
            forced_templates: demo.templates,
        });
    }
    for ((sector, size), province) in sectors.into_iter().zip(sizes).zip(provinces) {
        let candidates: Vec<(&'static Archetype, u32)> =
            ARCHETYPES.iter().filter(|arch| arch.sector == sector).map(|arch| (arch, arch.weight)).collect();
        let arch = *weighted(rng, &candidates);
        let japanese = arch.precision && chance(rng, size_weight(size, 0.05, 0.15, 0.35, 0.5));
        let english = japanese || chance(rng, size_weight(size, 0.5, 0.8, 0.95, 1.0));
        plans.push(Plan {
            arch,
            size,
            employees: employees_for(rng, size),
            province,
            park: None,
            trading: false,
            certs: CertPlan::default(),
            japanese,
            english,
            demo: None,
            forced_templates: &[],
        });
    }

    // Trading companies posing as makers: small firms of the metal, electronics,
    // automotive and materials trades.
    let trader_weights: Vec<f64> = plans
        .iter()
        .map(|plan| {
            let eligible = plan.demo.is_none()
                && plan.arch.kind == BusinessType::Manufacturer
                && matches!(plan.arch.sector, "ME" | "EL" | "AU" | "HT");
            if eligible { size_weight(plan.size, 1.5, 1.2, 0.4, 0.03) } else { 0.0 }
        })
        .collect();
    for index in weighted_sample(rng, &trader_weights, scaled(total, TRADERS_PER_920)) {
        plans[index].trading = true;
        plans[index].japanese = false;
    }

    // Exactly `certified_suppliers` firms with a valid management-system certificate:
    // the certified demo exhibitors, then a draw favouring larger firms.
    let wanted = options.certified_suppliers.min(total);
    let forced: Vec<usize> = plans
        .iter()
        .enumerate()
        .filter(|(index, plan)| plan.demo.is_some() && demos[*index].certified)
        .map(|(index, _)| index)
        .take(wanted)
        .collect();
    let certify_weights: Vec<f64> = plans
        .iter()
        .enumerate()
        .map(|(index, plan)| {
            if forced.contains(&index) {
                return 0.0;
            }
            if plan.demo.is_some() {
                // Demo exhibitors meant to be uncertified are drawn only when every
                // other firm is already certified (tiny fairs).
                return 1e-9;
            }
            let sector = match plan.arch.sector {
                "AU" => 1.3,
                "EL" | "HT" => 1.2,
                "TG" => 0.9,
                "LF" => 0.8,
                _ => 1.0,
            };
            let kind = if plan.trading {
                0.3
            } else if plan.arch.kind == BusinessType::Service {
                1.5
            } else {
                1.0
            };
            let japanese = if plan.japanese { 1.4 } else { 1.0 };
            size_weight(plan.size, 0.15, 0.7, 1.6, 3.0) * sector * kind * japanese
        })
        .collect();
    let mut certified = forced.clone();
    certified.extend(weighted_sample(rng, &certify_weights, wanted - forced.len()));
    for &index in &certified {
        plans[index].certs.certified = true;
    }

    let larger_first =
        |plans: &[Plan], filter: &dyn Fn(&Plan) -> bool| -> Vec<f64> {
            plans
                .iter()
                .map(|plan| {
                    if plan.certs.certified && filter(plan) { size_weight(plan.size, 0.5, 1.0, 2.0, 3.0) } else { 0.0 }
                })
                .collect()
        };
    let iso14001 = larger_first(&plans, &|_| true);
    for index in weighted_sample(rng, &iso14001, (wanted as f64 * 0.45).round() as usize) {
        plans[index].certs.iso14001 = true;
    }
    let iso45001 = larger_first(&plans, &|_| true);
    for index in weighted_sample(rng, &iso45001, (wanted as f64 * 0.15).round() as usize) {
        plans[index].certs.iso45001 = true;
    }
    // IATF 16949 is rare in Vietnam: a handful of automotive makers, the demo harness
    // maker among them.
    if let Some(harness) = plans.iter().position(|plan| plan.demo == Some(4) && plan.certs.certified) {
        plans[harness].certs.iatf16949 = true;
    }
    let already = plans.iter().filter(|plan| plan.certs.iatf16949).count();
    let iatf = larger_first(&plans, &|plan| plan.arch.sector == "AU" && !plan.trading && !plan.certs.iatf16949);
    let iatf_count = (between(rng, 3, 8) as usize).saturating_sub(already);
    for index in weighted_sample(rng, &iatf, iatf_count) {
        plans[index].certs.iatf16949 = true;
    }
    let medical = larger_first(&plans, &|plan| plan.arch.key == "ht_medical" && !plan.trading);
    let medical_count = between(rng, 2, 5) as usize;
    for index in weighted_sample(rng, &medical, medical_count) {
        plans[index].certs.iso13485 = true;
    }
    let aerospace = larger_first(&plans, &|plan| {
        plan.arch.key == "me_cnc" && !plan.trading && matches!(plan.size, CompanySize::Medium | CompanySize::Large)
    });
    let aerospace_count = between(rng, 1, 2) as usize;
    for index in weighted_sample(rng, &aerospace, aerospace_count) {
        plans[index].certs.as9100 = true;
    }

    // Near misses: firms whose only ISO 9001 lapsed before today.
    let lapsed_weights: Vec<f64> = plans
        .iter()
        .map(|plan| {
            if plan.certs.certified || plan.demo.is_some() {
                0.0
            } else {
                size_weight(plan.size, 0.4, 1.0, 1.5, 1.0) * if plan.trading { 0.5 } else { 1.0 }
            }
        })
        .collect();
    for index in weighted_sample(rng, &lapsed_weights, scaled(total, EXPIRED_PER_920)) {
        plans[index].certs.expired = true;
    }
    let product_cert_weights: Vec<f64> = plans
        .iter()
        .map(|plan| {
            let eligible = !plan.certs.certified
                && !plan.certs.expired
                && plan.demo.is_none()
                && (matches!(plan.arch.sector, "EL" | "TG" | "LF")
                    || matches!(plan.arch.key, "ht_materials" | "ht_micro" | "me_surface"));
            if eligible { 1.0 } else { 0.0 }
        })
        .collect();
    for index in weighted_sample(rng, &product_cert_weights, scaled(total, PRODUCT_CERT_ONLY_PER_920)) {
        plans[index].certs.non_management_only = true;
    }
    plans
}

// ---------------------------------------------------------------------------------
// One supplier
// ---------------------------------------------------------------------------------

/// Names, slugs and domains already used.
#[derive(Default)]
struct NameBook {
    short_names: BTreeSet<String>,
    slugs: BTreeSet<String>,
    domains: BTreeSet<String>,
}

impl NameBook {
    fn slug(&mut self, short_name: &str) -> String {
        let base = BoothSlug::from_name(short_name).into_string();
        if self.slugs.insert(base.clone()) {
            return base;
        }
        let mut suffix = 2u32;
        loop {
            let tail = format!("-{suffix}");
            let mut stem = base.clone();
            stem.truncate(60 - tail.len());
            while stem.ends_with('-') {
                stem.pop();
            }
            let candidate = format!("{stem}{tail}");
            if self.slugs.insert(candidate.clone()) {
                return candidate;
            }
            suffix += 1;
        }
    }

    fn domain(&mut self, stem: &str, rng: &mut Rng) -> String {
        let first_tld = if chance(rng, 0.4) { "vn" } else { "com.vn" };
        for candidate in [
            format!("{stem}.{first_tld}"),
            format!("{stem}.{}", if first_tld == "vn" { "com.vn" } else { "vn" }),
            format!("{stem}hn.com.vn"),
            format!("{stem}-group.com.vn"),
        ] {
            if self.domains.insert(candidate.clone()) {
                return candidate;
            }
        }
        let mut suffix = 2u32;
        loop {
            let candidate = format!("{stem}{suffix}.com.vn");
            if self.domains.insert(candidate.clone()) {
                return candidate;
            }
            suffix += 1;
        }
    }
}

/// A group label as a noun phrase in running text: "Wire, cable" → "wire and cable",
/// "Auto electrical" → "auto electrical parts".
fn noun_phrase(label: &str, and: &str) -> String {
    let text = lower_first(label);
    let text = match text.rfind(", ") {
        Some(at) => format!("{}{and}{}", &text[..at], &text[at + 2..]),
        None => text,
    };
    if text == "auto electrical" { "auto electrical parts".to_owned() } else { text }
}

/// Lower-cases the first letter unless the first word is an acronym ("PCB, PCBA").
fn lower_first(text: &str) -> String {
    let first_word = text.split([' ', ',']).next().unwrap_or("");
    if first_word.chars().count() > 1 && !first_word.chars().any(char::is_lowercase) {
        return text.to_owned();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

struct Naming {
    name: String,
    name_en: String,
    short_name: String,
    brand: &'static str,
    trade: Trade,
}

fn naming(rng: &mut Rng, plan: &Plan, names: &mut NameBook) -> Naming {
    let trade = *pick(rng, plan.arch.trades);
    let (trade_vi, trade_en) = if plan.trading && chance(rng, 0.5) {
        (format!("Sản xuất và Thương mại {}", trade.vi), format!("{} Manufacturing and Trading", trade.en))
    } else {
        (trade.vi.to_owned(), trade.en.to_owned())
    };
    let mut brand = *pick(rng, BRANDS);
    let mut short_name = format!("{trade_vi} {brand}");
    let mut attempts = 0;
    while names.short_names.contains(&short_name) && attempts < 200 {
        brand = *pick(rng, BRANDS);
        short_name = format!("{trade_vi} {brand}");
        attempts += 1;
    }
    if names.short_names.contains(&short_name) {
        short_name = format!("{trade_vi} {brand} Việt Nam");
    }
    names.short_names.insert(short_name.clone());
    let forms: &[((&str, &str), u32)] = if plan.size == CompanySize::Micro {
        &[
            (("Doanh nghiệp tư nhân", "Private Enterprise"), 20),
            (("Công ty TNHH", "Co., Ltd"), 65),
            (("Công ty TNHH MTV", "One Member Co., Ltd"), 15),
        ]
    } else {
        &[
            (("Công ty TNHH", "Co., Ltd"), 58),
            (("Công ty Cổ phần", "Joint Stock Company"), 35),
            (("Công ty TNHH MTV", "One Member Co., Ltd"), 7),
        ]
    };
    let (form_vi, form_en) = *weighted(rng, forms);
    let brand_suffix = short_name.strip_prefix(&format!("{trade_vi} ")).unwrap_or(brand);
    Naming {
        name: format!("{form_vi} {short_name}"),
        name_en: format!("{} {trade_en} {form_en}", ascii_title(brand_suffix)),
        short_name,
        brand,
        trade,
    }
}

/// The product group most of a supplier's products belong to.
pub(crate) fn main_group(products: &[DemoProduct]) -> &'static str {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for product in products {
        *counts.entry(product.product_group).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map_or("ME5", |(group, _)| group)
}

fn supplier(rng: &mut Rng, today: NaiveDate, plan: &Plan, names: &mut NameBook, book: &mut EmailBook) -> DemoSupplier {
    let arch = plan.arch;
    let naming = naming(rng, plan, names);
    let slug = names.slug(&naming.short_name);
    let place = place(rng, plan.province, arch.sector, plan.park);

    let has_website = plan.demo.is_some() || chance(rng, size_weight(plan.size, 0.4, 0.75, 0.92, 1.0));
    let domain = has_website.then(|| names.domain(&format!("{}{}", naming.trade.token, ascii(naming.brand)), rng));
    let website = domain
        .as_ref()
        .map(|domain| if chance(rng, 0.5) { format!("https://{domain}") } else { format!("https://www.{domain}") });
    let contact_email = match &domain {
        Some(domain) => book.claim(pick::<&str>(rng, &["info", "sales", "kinhdoanh", "contact"]), domain),
        None => book.claim(&format!("{}{}", naming.trade.token, ascii(naming.brand)), "gmail.com"),
    };

    let age = match plan.size {
        CompanySize::Micro => between(rng, 2, 15),
        CompanySize::Small => between(rng, 3, 25),
        CompanySize::Medium => between(rng, 5, 30),
        CompanySize::Large => between(rng, 8, 45),
    };
    let founded_year = today.year() - i32::try_from(age).unwrap_or(10);

    let products = products(rng, plan);
    let group_code = main_group(&products);
    let group = product_group(group_code);
    let what_en = group.map_or(String::new(), |g| noun_phrase(g.labels.en, " and "));
    let what_vi = group.map_or(String::new(), |g| noun_phrase(g.labels.vi, " và "));
    let service = arch.kind == BusinessType::Service;
    let (what_en, what_vi) = if service {
        ("calibration, testing and inspection services".to_owned(), "hiệu chuẩn, thử nghiệm và kiểm định".to_owned())
    } else {
        (what_en, what_vi)
    };
    let holder = Holder {
        sector: arch.sector,
        main_group: group_code,
        japanese: plan.japanese,
        service,
        what_en: &what_en,
        what_vi: &what_vi,
    };
    let certifications = certificates(rng, today, plan.certs, &holder);

    let (vsic, business_type) = if plan.trading {
        let code = if arch.sector == "EL" { "4652" } else { "4659" };
        (code.to_owned(), BusinessType::Trading)
    } else {
        let own: Vec<&str> =
            group.map_or_else(Vec::new, |g| g.vsic.iter().copied().filter(|code| arch.vsic.contains(code)).collect());
        // The archetype's first code is its usual one (die casters are 2432, not 2431).
        let code = match own.as_slice() {
            [] => group.and_then(|g| g.vsic.first().copied()).unwrap_or("2592"),
            [first, ..] if chance(rng, 0.8) => *first,
            all => *pick(rng, all),
        };
        (code.to_owned(), arch.kind)
    };

    let export_markets = export_markets(rng, plan);
    let mut languages = vec![Language::Vietnamese];
    if plan.english {
        languages.push(Language::English);
    }
    if plan.japanese {
        languages.push(Language::Japanese);
    }

    let texts = Texts {
        plan,
        name: &naming.name,
        name_en: plan.english.then_some(naming.name_en.as_str()),
        place: &place,
        founded_year,
        what_en: &what_en,
        what_vi: &what_vi,
        products: &products,
        certifications: &certifications,
        export_markets: &export_markets,
        today,
    };
    let headline = texts.headlines(rng);
    let about = texts.about(rng);

    let staff = staff(rng, plan, domain.as_deref(), book);
    let phone = landline(rng, plan.province);

    DemoSupplier {
        name: naming.name,
        name_en: plan.english.then_some(naming.name_en),
        slug,
        province: place.province,
        industrial_park: place.park,
        address: place.address,
        website,
        contact_email,
        phone,
        employees: plan.employees,
        founded_year,
        vsic,
        business_type,
        export_markets,
        languages,
        headline,
        about,
        hall: None,
        stand: None,
        online_booth: plan.demo.is_some() || chance(rng, 0.6),
        published: plan.demo.is_some() || !chance(rng, 0.02),
        products,
        certifications,
        staff,
    }
}

const EXPORT_MARKETS: &[(&str, u32)] = &[
    ("JP", 30),
    ("KR", 15),
    ("TW", 10),
    ("US", 12),
    ("DE", 6),
    ("TH", 8),
    ("CN", 8),
    ("SG", 5),
    ("MY", 5),
    ("GB", 3),
    ("FR", 3),
    ("IN", 3),
    ("ID", 3),
    ("AU", 2),
    ("NL", 2),
    ("IT", 2),
    ("PH", 2),
    ("HK", 3),
    ("MX", 1),
];

fn export_markets(rng: &mut Rng, plan: &Plan) -> Vec<&'static str> {
    let mut markets: Vec<&'static str> = Vec::new();
    if plan.japanese {
        markets.push("JP");
    }
    if chance(rng, size_weight(plan.size, 0.05, 0.3, 0.55, 0.85)) {
        let count = between(rng, 1, 4);
        for _ in 0..count {
            let market = *weighted(rng, EXPORT_MARKETS);
            if !markets.contains(&market) {
                markets.push(market);
            }
        }
    }
    markets
}

// ---------------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------------

fn product_count(rng: &mut Rng, size: CompanySize) -> usize {
    let count = match size {
        CompanySize::Micro => between(rng, 8, 10),
        CompanySize::Small => between(rng, 9, 13),
        CompanySize::Medium => between(rng, 11, 15),
        CompanySize::Large => between(rng, 13, 16),
    };
    usize::try_from(count).unwrap_or(10)
}

fn capacity_factor(size: CompanySize) -> f64 {
    size_weight(size, 0.3, 1.0, 2.5, 6.0)
}

fn fill(pattern: &str, material: &str, app: &str) -> String {
    pattern.replace("{m}", material).replace("{a}", app)
}

fn products(rng: &mut Rng, plan: &Plan) -> Vec<DemoProduct> {
    let arch = plan.arch;
    let count = product_count(rng, plan.size);
    let mut chosen: Vec<(&'static Tpl, u32)> = Vec::new();
    for &index in plan.forced_templates {
        if let Some(template) = arch.primary.get(index) {
            chosen.push((template, 3));
        }
    }
    let mut spare: Vec<&'static Tpl> = arch
        .primary
        .iter()
        .enumerate()
        .filter(|(index, _)| !plan.forced_templates.contains(index))
        .map(|(_, template)| template)
        .collect();
    spare.shuffle(rng);
    let primary_kinds = if plan.trading { between(rng, 5, 8) } else { between(rng, 3, 6) };
    while chosen.len() < usize::try_from(primary_kinds).unwrap_or(3) {
        match spare.pop() {
            Some(template) => chosen.push((template, 3)),
            None => break,
        }
    }
    if !arch.secondary.is_empty() && chance(rng, if plan.trading { 0.9 } else { 0.5 }) {
        let mut secondary: Vec<&'static Tpl> = arch.secondary.iter().collect();
        secondary.shuffle(rng);
        for template in secondary.into_iter().take(usize::try_from(between(rng, 1, 2)).unwrap_or(1)) {
            chosen.push((template, 1));
        }
    }

    let mut out: Vec<DemoProduct> = Vec::with_capacity(count);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut misses = 0;
    // Forced templates come first, so a demo exhibitor's catalogue surely shows them.
    let mut queue: Vec<&'static Tpl> =
        chosen.iter().take(plan.forced_templates.len()).map(|(template, _)| *template).collect();
    while out.len() < count && misses < count * 20 {
        let template = match queue.pop() {
            Some(template) => template,
            None => *weighted(rng, &chosen),
        };
        // Draw the variant first and build the product only if its name is new.
        let material = if template.materials.is_empty() { "" } else { *pick(rng, template.materials) };
        let app = if template.apps.is_empty() { None } else { Some(*pick(rng, template.apps)) };
        let name_vi = fill(template.name.vi, material, app.map_or("", |a| a.vi));
        if seen.insert(name_vi.clone()) {
            out.push(product(rng, plan, template, material, app, name_vi));
        } else {
            misses += 1;
            if misses % 10 == 0
                && let Some(template) = spare.pop()
            {
                chosen.push((template, 3));
            }
        }
    }
    out
}

fn product(
    rng: &mut Rng,
    plan: &Plan,
    template: &'static Tpl,
    material: &'static str,
    app: Option<Tri>,
    name_vi: String,
) -> DemoProduct {
    let mut name = BTreeMap::new();
    name.insert(Language::Vietnamese, name_vi.clone());
    let with_en = plan.english && chance(rng, 0.83);
    let name_en = fill(template.name.en, material, app.map_or("", |a| a.en));
    if with_en {
        name.insert(Language::English, name_en.clone());
    }
    let ja_possible =
        !template.name.ja.is_empty() && (!template.name.ja.contains("{a}") || app.is_some_and(|a| !a.ja.is_empty()));
    if plan.japanese && ja_possible && chance(rng, 0.9) {
        name.insert(Language::Japanese, fill(template.name.ja, material, app.map_or("", |a| a.ja)));
    }

    let mut materials: Vec<String> = Vec::new();
    if !material.is_empty() {
        materials.push(material.to_owned());
    }
    if !template.name.vi.contains("{m}") && template.materials.len() > 1 && chance(rng, 0.4) {
        let extra = *pick(rng, template.materials);
        if !materials.iter().any(|m| m == extra) {
            materials.push(extra.to_owned());
        }
    }

    let service = template.capacity == (0, 0);
    let factor = capacity_factor(plan.size);
    let moq = (!service).then(|| round_nicely(between(rng, template.moq.0, template.moq.1)));
    let capacity = (!service).then(|| {
        let base = between(rng, template.capacity.0, template.capacity.1) as f64 * factor;
        round_nicely((base as i64).max(moq.unwrap_or(1) * 4))
    });
    let tolerance = template.tolerance.map(|(low, high)| {
        let value = between(rng, i64::from(low), i64::from(high));
        let value = if value >= 20 { value / 5 * 5 } else { value };
        i32::try_from(value).unwrap_or(low)
    });
    let hs_code = (!template.hs.is_empty()).then(|| (*pick(rng, template.hs)).to_owned());

    let facts = ProductFacts {
        processes: template.processes,
        materials: &materials,
        tolerance,
        moq,
        capacity,
        unit: template.unit,
        group: template.group,
    };
    let mut description = BTreeMap::new();
    description.insert(Language::Vietnamese, facts.describe_vi(rng, &name_vi));
    if with_en {
        description.insert(Language::English, facts.describe_en(rng, &name_en));
    }
    DemoProduct {
        name,
        description,
        product_group: template.group,
        hs_code,
        processes: template.processes.to_vec(),
        materials,
        moq,
        monthly_capacity: capacity,
        unit: template.unit,
        tolerance_um: tolerance,
    }
}

struct ProductFacts<'a> {
    processes: &'static [&'static str],
    materials: &'a [String],
    tolerance: Option<i32>,
    moq: Option<i64>,
    capacity: Option<i64>,
    unit: Option<&'static str>,
    group: &'static str,
}

fn unit_vi(unit: Option<&str>) -> &'static str {
    match unit {
        Some("pcs") => "chiếc",
        Some("sets") => "bộ",
        Some("kg") => "kg",
        Some("t") => "tấn",
        Some("m") => "m",
        Some("m2") => "m²",
        _ => "",
    }
}

fn unit_en(unit: Option<&str>) -> &'static str {
    match unit {
        Some("pcs") => "pcs",
        Some("sets") => "sets",
        Some("kg") => "kg",
        Some("t") => "t",
        Some("m") => "m",
        Some("m2") => "m²",
        _ => "",
    }
}

/// A sentence on how a process is done and checked, in Vietnamese and English.
fn process_note(code: &str) -> (&'static str, &'static str) {
    match code {
        "P01" | "P11" => (
            "Kiểm tra kích thước bằng máy đo CMM và máy đo biên dạng, có báo cáo kiểm tra cho từng lô.",
            "Dimensions checked on a CMM and profile projector, with an inspection report for every lot.",
        ),
        "P02" => (
            "Máy ép 80–450 tấn có robot gắp sản phẩm; khuôn do công ty tự chế tạo hoặc khách hàng cung cấp.",
            "Moulded on 80–450 t machines with take-out robots; moulds made in-house or supplied by the customer.",
        ),
        "P03" => (
            "Đúc trên máy 250–800 tấn, gia công CNC và xử lý bề mặt sau đúc; kiểm tra rỗ khí bằng X-quang.",
            "Cast on 250–800 t machines, then CNC-machined and finished; porosity checked by X-ray.",
        ),
        "P04" => (
            "Khuôn dập liên hoàn do công ty tự thiết kế, dập trên máy 60–300 tấn.",
            "Progressive dies designed in-house, run on 60–300 t presses.",
        ),
        "P05" => (
            "Cắt laser fiber và chấn CNC theo bản vẽ, hoàn thiện sơn tĩnh điện theo màu RAL.",
            "Fibre-laser cut and CNC-bent to drawing, powder-coated to RAL colours.",
        ),
        "P06" => (
            "Phôi rèn, đúc được nhiệt luyện và gia công hoàn thiện theo yêu cầu.",
            "Forged or cast blanks heat-treated and finish-machined on request.",
        ),
        "P07" => (
            "Thiết kế khuôn trên CAD/CAM, thử khuôn và giao mẫu T1 trong 4–6 tuần.",
            "Tooling designed in CAD/CAM, trialled, with T1 samples in 4–6 weeks.",
        ),
        "P08" => (
            "Dây chuyền xử lý bề mặt có hệ thống xử lý nước thải đạt chuẩn; đo độ dày lớp phủ bằng máy XRF.",
            "Finishing lines with compliant wastewater treatment; coating thickness measured by XRF.",
        ),
        "P09" => (
            "Kiểm tra độ cứng từng lô và cấp chứng chỉ nhiệt luyện.",
            "Hardness checked for every lot, with heat-treatment certificates.",
        ),
        "P10" => (
            "Hàn robot MIG/TIG, mối hàn kiểm tra theo tiêu chuẩn AWS và JIS.",
            "Robot MIG/TIG welding, welds inspected to AWS and JIS standards.",
        ),
        "P12" => (
            "Dây chuyền SMT tự động, kiểm tra AOI, X-ray và test chức năng 100%.",
            "Automatic SMT lines with AOI, X-ray and 100% functional testing.",
        ),
        "P13" => (
            "Kiểm tra thông mạch 100% trên bàn test; đầu cốt và giắc theo tiêu chuẩn JST, Molex.",
            "100% continuity tested; terminals and connectors to JST and Molex standards.",
        ),
        "P14" => (
            "Cao su phối trộn tại chỗ, kiểm tra độ cứng Shore A và lão hóa nhiệt.",
            "Compounds mixed in-house; Shore A hardness and heat ageing tested.",
        ),
        "P15" => (
            "Màu sắc kiểm soát bằng máy đo màu quang phổ; độ bền màu giặt đạt cấp 4.",
            "Shade controlled by spectrophotometer; colour fastness to washing grade 4.",
        ),
        "P16" => (
            "Sản xuất theo mẫu của khách hàng, kiểm tra độ bám dính và độ mài mòn.",
            "Made to customer samples; adhesion and abrasion tested.",
        ),
        "P17" => (
            "In và đóng gói theo yêu cầu thương hiệu của khách hàng.",
            "Printed and packed to the customer's brand requirements.",
        ),
        _ => (
            "Sản xuất theo bản vẽ hoặc mẫu của khách hàng; giao hàng tại Hà Nội và các tỉnh phía Bắc.",
            "Made to customer drawings or samples; delivered across Hanoi and northern Vietnam.",
        ),
    }
}

impl ProductFacts<'_> {
    fn note(&self, rng: &mut Rng) -> (&'static str, &'static str) {
        if self.group == "HT4" {
            return (
                "Kết quả được cấp kèm báo cáo và chứng nhận theo ISO/IEC 17025, có thể thực hiện tại nhà máy của khách hàng.",
                "Results come with reports and certificates under ISO/IEC 17025; on-site work available.",
            );
        }
        match self.processes {
            [] => process_note(""),
            codes => process_note(pick::<&str>(rng, codes)),
        }
    }

    fn describe_vi(&self, rng: &mut Rng, name: &str) -> String {
        let mut text = format!("{name}.");
        if !self.processes.is_empty() {
            let labels: Vec<&str> =
                self.processes.iter().filter_map(|code| process(code)).map(|p| p.labels.vi).collect();
            text.push_str(&format!(" Công nghệ: {}.", labels.join("; ")));
        }
        if !self.materials.is_empty() {
            text.push_str(&format!(" Vật liệu: {}.", self.materials.join(", ")));
        }
        if let Some(tolerance) = self.tolerance {
            text.push_str(&format!(" Dung sai: ±{tolerance} µm."));
        }
        if let (Some(capacity), Some(moq)) = (self.capacity, self.moq) {
            let unit = unit_vi(self.unit);
            text.push_str(&format!(
                " Năng lực sản xuất: {} {unit}/tháng; đơn hàng tối thiểu (MOQ): {} {unit}.",
                thousands(capacity, '.'),
                thousands(moq, '.')
            ));
        }
        text.push(' ');
        text.push_str(self.note(rng).0);
        text
    }

    fn describe_en(&self, rng: &mut Rng, name: &str) -> String {
        let mut text = format!("{name}.");
        if !self.processes.is_empty() {
            let labels: Vec<&str> =
                self.processes.iter().filter_map(|code| process(code)).map(|p| p.labels.en).collect();
            text.push_str(&format!(" Processes: {}.", labels.join("; ")));
        }
        if !self.materials.is_empty() {
            text.push_str(&format!(" Materials: {}.", self.materials.join(", ")));
        }
        if let Some(tolerance) = self.tolerance {
            text.push_str(&format!(" Tolerance: ±{tolerance} µm."));
        }
        if let (Some(capacity), Some(moq)) = (self.capacity, self.moq) {
            let unit = unit_en(self.unit);
            text.push_str(&format!(
                " Capacity: {} {unit} per month; MOQ: {} {unit}.",
                thousands(capacity, ','),
                thousands(moq, ',')
            ));
        }
        text.push(' ');
        text.push_str(self.note(rng).1);
        text
    }
}

// ---------------------------------------------------------------------------------
// Booth texts
// ---------------------------------------------------------------------------------

struct Texts<'a> {
    plan: &'a Plan,
    name: &'a str,
    name_en: Option<&'a str>,
    place: &'a Place,
    founded_year: i32,
    what_en: &'a str,
    what_vi: &'a str,
    products: &'a [DemoProduct],
    certifications: &'a [crate::DemoCertification],
    export_markets: &'a [&'static str],
    today: NaiveDate,
}

impl Texts<'_> {
    /// Process codes of the catalogue, in taxonomy order.
    fn processes(&self) -> Vec<&'static str> {
        let used: BTreeSet<&str> = self.products.iter().flat_map(|p| p.processes.iter().copied()).collect();
        used.into_iter().collect()
    }

    /// The catalogue's processes by their taxonomy labels. Labels contain commas
    /// ("Mạ, anod, sơn tĩnh điện"), so the list is separated by semicolons.
    fn process_labels(&self, label: fn(&fair_domain::taxonomy::Labels) -> &'static str, separator: &str) -> String {
        self.processes()
            .iter()
            .filter_map(|code| process(code))
            .map(|p| label(&p.labels))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// Valid management-system certificates, as "ISO 9001:2015, ISO 14001:2015".
    fn valid_systems(&self) -> Vec<&'static str> {
        self.certifications
            .iter()
            .filter(|c| c.valid_from <= self.today && self.today <= c.valid_until)
            .map(|c| edition(c.standard))
            .filter(|edition| !edition.is_empty())
            .collect()
    }

    fn valid_product_certs(&self) -> Vec<&'static str> {
        self.certifications
            .iter()
            .filter(|c| c.valid_from <= self.today && self.today <= c.valid_until && edition(c.standard).is_empty())
            .filter_map(|c| fair_domain::taxonomy::certification(c.standard).map(|s| s.name))
            .collect()
    }

    fn headlines(&self, rng: &mut Rng) -> BTreeMap<Language, String> {
        let arch = self.plan.arch;
        let mut out = BTreeMap::new();
        let vi = if self.plan.trading {
            if chance(rng, 0.5) {
                format!("Nhà sản xuất hàng đầu {} tại Việt Nam", self.what_vi)
            } else {
                format!("Nhà sản xuất {} uy tín hàng đầu miền Bắc", self.what_vi)
            }
        } else {
            match between(rng, 0, 2) {
                0 => format!("Chuyên {} cho ngành {}", arch.focus.vi, arch.markets.vi),
                1 => format!("{} – đối tác tin cậy của ngành {}", upper_first(arch.focus.vi), arch.markets.vi),
                _ if self.plan.japanese => {
                    format!("{} theo tiêu chuẩn chất lượng Nhật Bản", upper_first(arch.focus.vi))
                }
                _ => format!("{} tại {}", upper_first(arch.focus.vi), self.place.phrase_vi),
            }
        };
        out.insert(Language::Vietnamese, vi);
        if self.name_en.is_some() {
            let en = if self.plan.trading {
                format!("Leading manufacturer of {} in Vietnam", self.what_en)
            } else {
                match between(rng, 0, 2) {
                    0 => format!("{} for the {} industries", upper_first(arch.focus.en), arch.markets.en),
                    1 => format!("Your partner for {} in northern Vietnam", arch.focus.en),
                    _ => format!("{} in {}", upper_first(arch.focus.en), self.place.phrase_en),
                }
            };
            out.insert(Language::English, en);
        }
        if self.plan.japanese {
            let ja = if chance(rng, 0.5) && !arch.focus.ja.contains("向け") {
                format!("{}向け{}", arch.markets.ja, arch.focus.ja)
            } else if self.place.province == "ha-noi" {
                format!("ハノイの{}メーカー", arch.focus.ja)
            } else {
                format!("ベトナム北部の{}メーカー", arch.focus.ja)
            };
            out.insert(Language::Japanese, ja);
        }
        out
    }

    fn about(&self, rng: &mut Rng) -> BTreeMap<Language, String> {
        let mut out = BTreeMap::new();
        out.insert(Language::Vietnamese, self.about_vi(rng));
        if let Some(name_en) = self.name_en {
            out.insert(Language::English, self.about_en(rng, name_en));
        }
        if self.plan.japanese {
            out.insert(Language::Japanese, self.about_ja());
        }
        out
    }

    fn equipment(&self, pattern: &str) -> String {
        let count = (self.plan.employees / 8).clamp(2, 120);
        pattern.replace("{n}", &count.to_string())
    }

    fn markets_vi(&self) -> String {
        self.export_markets.iter().filter_map(|code| country(code)).map(|c| c.labels.vi).collect::<Vec<_>>().join(", ")
    }

    fn markets_en(&self) -> String {
        self.export_markets.iter().filter_map(|code| country(code)).map(|c| c.labels.en).collect::<Vec<_>>().join(", ")
    }

    fn expired_since(&self) -> Option<i32> {
        self.certifications
            .iter()
            .find(|c| c.standard == "ISO9001" && c.valid_until < self.today)
            .map(|c| c.valid_from.year())
    }

    fn about_vi(&self, rng: &mut Rng) -> String {
        let arch = self.plan.arch;
        let plan = self.plan;
        let mut text = if plan.trading {
            format!(
                "{} là nhà sản xuất hàng đầu trong lĩnh vực {} tại Việt Nam, với nhà máy hiện đại và đội ngũ kỹ thuật giàu kinh nghiệm. \
                 Chúng tôi cung cấp đầy đủ các sản phẩm {} cho khách hàng trong ngành {}, cam kết giá cạnh tranh và giao hàng nhanh. \
                 Văn phòng và kho hàng tại {}.",
                self.name, self.what_vi, self.what_vi, arch.markets.vi, self.place.phrase_vi
            )
        } else if arch.kind == BusinessType::Service {
            format!(
                "{} được thành lập năm {}, cung cấp dịch vụ {} cho doanh nghiệp ngành {}. Phòng thí nghiệm đặt tại {} với {} cán bộ kỹ thuật. \
                 Năng lực: {}.",
                self.name,
                self.founded_year,
                arch.focus.vi,
                arch.markets.vi,
                self.place.phrase_vi,
                plan.employees,
                self.equipment(arch.equipment.vi)
            )
        } else {
            format!(
                "{} được thành lập năm {}, có nhà xưởng tại {} với {} cán bộ, công nhân viên. Công ty chuyên {}, phục vụ khách hàng trong ngành {}. \
                 Công nghệ chính: {}. Năng lực thiết bị: {}.",
                self.name,
                self.founded_year,
                self.place.phrase_vi,
                plan.employees,
                arch.focus.vi,
                arch.markets.vi,
                self.process_labels(|l| l.vi, "; "),
                self.equipment(arch.equipment.vi)
            )
        };
        let systems = self.valid_systems();
        if !systems.is_empty() {
            text.push_str(&format!(" Hệ thống quản lý đạt chứng nhận {}.", systems.join(", ")));
            if plan.certs.iatf16949 {
                text.push_str(" Áp dụng đầy đủ APQP, PPAP, FMEA và SPC theo yêu cầu của khách hàng ô tô.");
            }
        } else if let Some(year) = self.expired_since() {
            text.push_str(&format!(" Công ty áp dụng hệ thống quản lý chất lượng ISO 9001 từ năm {year}."));
        } else if !plan.trading && chance(rng, 0.3) {
            text.push_str(" Công ty đang xây dựng hệ thống quản lý chất lượng theo ISO 9001.");
        } else if !plan.trading {
            text.push_str(" Sản phẩm được kiểm tra chất lượng 100% trước khi giao hàng.");
        }
        let product_certs = self.valid_product_certs();
        if !product_certs.is_empty() {
            text.push_str(&format!(" Sản phẩm đạt {}.", product_certs.join(", ")));
        }
        if !self.export_markets.is_empty() {
            text.push_str(&format!(" Sản phẩm đã xuất khẩu sang {}.", self.markets_vi()));
        } else if matches!(plan.size, CompanySize::Medium | CompanySize::Large) {
            text.push_str(" Khách hàng chính là các doanh nghiệp FDI Nhật Bản và Hàn Quốc tại miền Bắc.");
        } else {
            text.push_str(" Khách hàng chủ yếu là các doanh nghiệp trong nước.");
        }
        if plan.japanese {
            text.push_str(" Đội ngũ kỹ sư và phiên dịch tiếng Nhật, áp dụng 5S và Kaizen trong sản xuất.");
        } else if !plan.trading && chance(rng, 0.3) {
            text.push_str(" Nhà máy áp dụng 5S và quản lý sản xuất theo QCD.");
        }
        text
    }

    fn about_en(&self, rng: &mut Rng, name_en: &str) -> String {
        let arch = self.plan.arch;
        let plan = self.plan;
        let mut text = if plan.trading {
            format!(
                "{name_en} is a leading manufacturer of {} in Vietnam, with a modern factory and an experienced engineering team. \
                 We supply a full range of {} to customers in the {} industries at competitive prices with fast delivery. \
                 Office and warehouse in {}.",
                self.what_en, self.what_en, arch.markets.en, self.place.phrase_en
            )
        } else if arch.kind == BusinessType::Service {
            format!(
                "Founded in {}, {name_en} provides {} to {} manufacturers. Laboratory in {} with {} engineers and technicians. Capabilities: {}.",
                self.founded_year,
                arch.focus.en,
                arch.markets.en,
                self.place.phrase_en,
                plan.employees,
                self.equipment(arch.equipment.en)
            )
        } else {
            format!(
                "Founded in {}, {name_en} runs a factory in {} with {} employees, specialising in {}. \
                 Customers are in the {} industries. Main processes: {}. Equipment: {}.",
                self.founded_year,
                self.place.phrase_en,
                plan.employees,
                arch.focus.en,
                arch.markets.en,
                self.process_labels(|l| l.en, "; "),
                self.equipment(arch.equipment.en)
            )
        };
        let systems = self.valid_systems();
        if !systems.is_empty() {
            text.push_str(&format!(" Certified to {}.", systems.join(", ")));
        } else if let Some(year) = self.expired_since() {
            text.push_str(&format!(" Quality management to ISO 9001 since {year}."));
        } else if !plan.trading && chance(rng, 0.5) {
            text.push_str(" Every lot is inspected before delivery.");
        }
        let product_certs = self.valid_product_certs();
        if !product_certs.is_empty() {
            text.push_str(&format!(" Products comply with {}.", product_certs.join(", ")));
        }
        if !self.export_markets.is_empty() {
            text.push_str(&format!(" Exporting to {}.", self.markets_en()));
        }
        if plan.japanese {
            text.push_str(" Japanese-speaking engineers and interpreters; 5S and Kaizen on the shop floor.");
        }
        text
    }

    fn about_ja(&self) -> String {
        let arch = self.plan.arch;
        let name = self.name_en.unwrap_or(self.name);
        let mut text = format!(
            "{name}は{}年設立、{}に工場を持ち、従業員は{}名です。{}を専門とし、{}のお客様に部品を供給しています。主な工程：{}。設備：{}。",
            self.founded_year,
            self.place.phrase_en,
            self.plan.employees,
            arch.focus.ja,
            arch.markets.ja,
            self.process_labels(|l| l.ja, "、"),
            self.equipment(arch.equipment.ja)
        );
        let systems = self.valid_systems();
        if !systems.is_empty() {
            text.push_str(&format!("{}認証取得。", systems.join("、")));
        }
        text.push_str("日本語対応のエンジニア・通訳が在籍し、5S・改善活動に取り組んでいます。");
        text
    }
}

// ---------------------------------------------------------------------------------
// Staff
// ---------------------------------------------------------------------------------

const LEAD_TITLES: &[(&str, u32)] = &[
    ("Giám đốc kinh doanh", 30),
    ("Trưởng phòng kinh doanh", 30),
    ("Phó Giám đốc", 15),
    ("Giám đốc", 15),
    ("Sales Manager", 10),
];
const TEAM_TITLES: &[(&str, u32)] = &[
    ("Nhân viên kinh doanh", 25),
    ("Kỹ sư QA", 12),
    ("Trưởng phòng QA/QC", 10),
    ("Kỹ sư sản xuất", 8),
    ("Trưởng phòng kỹ thuật", 8),
    ("Chuyên viên xuất nhập khẩu", 8),
    ("Sales Engineer", 6),
    ("QA Engineer", 5),
    ("Business Development Manager", 4),
];
const JAPANESE_DESK_TITLES: &[&str] =
    &["Phiên dịch tiếng Nhật", "Nhân viên kinh doanh (tiếng Nhật)", "Japanese Sales Coordinator"];
const TRADER_TITLES: &[&str] = &["Nhân viên kinh doanh", "Trưởng phòng kinh doanh", "Nhân viên bán hàng"];
const LAB_TITLES: &[&str] = &["Kỹ sư hiệu chuẩn", "Trưởng phòng thí nghiệm", "Kỹ sư thử nghiệm"];

fn staff(rng: &mut Rng, plan: &Plan, domain: Option<&str>, book: &mut EmailBook) -> Vec<DemoStaff> {
    let count = match plan.size {
        CompanySize::Micro => between(rng, 1, 2),
        CompanySize::Small => between(rng, 1, 3),
        _ => between(rng, 2, 4),
    };
    let count = if plan.demo == Some(1) { 3 } else { count };
    let mut out = Vec::new();
    for index in 0..count {
        let person = vietnamese_person(rng, if index == 0 { 0.3 } else { 0.5 });
        let title: &str = if index == 0 {
            if plan.size == CompanySize::Micro {
                "Giám đốc"
            } else {
                let title = *weighted(rng, LEAD_TITLES);
                if title == "Sales Manager" && !plan.english { "Trưởng phòng kinh doanh" } else { title }
            }
        } else if plan.japanese && index == 1 {
            pick::<&str>(rng, JAPANESE_DESK_TITLES)
        } else if plan.trading {
            pick::<&str>(rng, TRADER_TITLES)
        } else if plan.arch.kind == BusinessType::Service && chance(rng, 0.6) {
            pick::<&str>(rng, LAB_TITLES)
        } else {
            weighted::<&str>(rng, TEAM_TITLES)
        };
        let english_title = title.is_ascii();
        let mut languages = vec![Language::Vietnamese];
        if english_title || (plan.english && chance(rng, 0.6)) {
            languages.push(Language::English);
        }
        if title.contains("Nhật") || title.contains("Japanese") || (plan.japanese && chance(rng, 0.3)) {
            languages.push(Language::Japanese);
        }
        let email = match domain {
            Some(domain) => book.claim(&person.corporate_local, domain),
            None => book.claim(&format!("{}{:02}", person.personal_local, between(rng, 70, 99)), "gmail.com"),
        };
        out.push(DemoStaff {
            full_name: person.full,
            job_title: title.to_owned(),
            email,
            phone: chance(rng, 0.85).then(|| mobile(rng)),
            languages,
            shown_on_booth: index == 0 || chance(rng, 0.85),
            account: None,
        });
    }
    if let Some(number) = plan.demo {
        attach_demo_accounts(&mut out, number, book);
    }
    out
}

/// The first staff member of exhibitor N signs in as `exhibitorN@demo.cnht.vn`;
/// exhibitor 1's second staff member is the rep `rep1@demo.cnht.vn`.
fn attach_demo_accounts(staff: &mut [DemoStaff], number: usize, book: &mut EmailBook) {
    let language = if number == 3 { "en" } else { "vi" };
    if let Some(admin) = staff.first_mut() {
        let account = demo_account(book, &format!("exhibitor{number}"), &admin.full_name, language, "Asia/Ho_Chi_Minh");
        admin.email = account.email.clone();
        admin.shown_on_booth = true;
        admin.account = Some((account, StaffRole::Admin));
    }
    if number == 1
        && let Some(rep) = staff.get_mut(1)
    {
        let account = demo_account(book, "rep1", &rep.full_name, "vi", "Asia/Ho_Chi_Minh");
        rep.email = account.email.clone();
        rep.shown_on_booth = true;
        rep.account = Some((account, StaffRole::Rep));
    }
}

// ---------------------------------------------------------------------------------
// Halls and stands
// ---------------------------------------------------------------------------------

fn hall_of(sector: &str) -> &'static str {
    match sector {
        "ME" => "A",
        "EL" | "HT" => "B",
        "AU" => "C",
        _ => "D",
    }
}

/// About four in five suppliers get a stand on site: halls by sector, 40 stands a row,
/// numbered like "A-112".
fn assign_stands(rng: &mut Rng, suppliers: &mut [DemoSupplier], plans: &[Plan]) {
    let mut order: Vec<usize> = (0..suppliers.len()).collect();
    order.shuffle(rng);
    let mut next: BTreeMap<&str, usize> = BTreeMap::new();
    for index in order {
        let on_site = plans[index].demo.is_some() || chance(rng, 0.8);
        if !on_site {
            continue;
        }
        let hall = hall_of(plans[index].arch.sector);
        let slot = next.entry(hall).or_default();
        let row = *slot / 40 + 1;
        let seat = *slot % 40 + 1;
        *slot += 1;
        suppliers[index].hall = Some(hall.to_owned());
        suppliers[index].stand = Some(format!("{hall}-{row}{seat:02}"));
    }
}
