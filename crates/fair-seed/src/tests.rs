//! Properties of a generated Plan 35 fair: counts and proportions, validity of every
//! code and text, uniqueness, the demo accounts, and agreement between the structured
//! fields and the texts that matching will be judged on.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use fair_domain::taxonomy::{self, CertificationCategory};
use fair_domain::text::fold;
use fair_domain::validate::{self, BoothSlug};
use fair_domain::{BusinessType, CompanySize, Language, StaffRole, UiLanguage};

use crate::catalogue::group_processes;
use crate::suppliers::main_group;
use crate::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 20).unwrap_or_default()
}

const SEED: u64 = 35;

static FAIR: LazyLock<DemoFair> = LazyLock::new(|| generate(&DemoOptions::plan_35(SEED, today())));

fn fair() -> &'static DemoFair {
    &FAIR
}

fn is_management(standard: &str) -> bool {
    taxonomy::certification(standard).is_some_and(|s| s.category == CertificationCategory::ManagementSystem)
}

/// Certified as the plan counts it, computed here from the taxonomy rather than with
/// the crate's own helper.
fn certified(supplier: &DemoSupplier, on: NaiveDate) -> bool {
    supplier.certifications.iter().any(|c| is_management(c.standard) && c.valid_from <= on && on <= c.valid_until)
}

fn sector_of(supplier: &DemoSupplier) -> &'static str {
    taxonomy::product_group(main_group(&supplier.products)).map_or("??", |g| g.sector)
}

fn share(count: usize, total: usize) -> f64 {
    100.0 * count as f64 / total as f64
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn digest(fair: &DemoFair) -> u64 {
    // FNV-1a over the Debug form: stable, and any field change alters it.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{fair:?}").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[test]
fn same_seed_same_fair_other_seed_other_fair() {
    let again = generate(&DemoOptions::plan_35(SEED, today()));
    assert_eq!(format!("{:?}", fair()), format!("{again:?}"));
    assert_eq!(digest(fair()), digest(&again));
    let other = generate(&DemoOptions::plan_35(SEED + 1, today()));
    assert_ne!(digest(fair()), digest(&other));
    // The demo sign-ins do not depend on the seed.
    let emails = |fair: &DemoFair| fair.logins().iter().map(|l| l.account.email.clone()).collect::<Vec<_>>();
    assert_eq!(emails(fair()), emails(&other));
}

#[test]
fn plan_35_sizes() {
    let fair = fair();
    assert_eq!(fair.suppliers.len(), 920);
    assert_eq!(fair.buyers.len(), 360);
    assert_eq!(fair.organisers.len(), 2);
}

#[test]
fn exactly_the_requested_number_of_certified_suppliers() {
    let fair = fair();
    let count = fair.suppliers.iter().filter(|s| certified(s, today())).count();
    assert_eq!(count, 300);
    let helper = fair.suppliers.iter().filter(|s| s.is_certified_on(today())).count();
    assert_eq!(helper, 300);
    // Every certified firm holds a valid ISO 9001.
    for supplier in fair.suppliers.iter().filter(|s| certified(s, today())) {
        assert!(
            supplier.certifications.iter().any(|c| c.standard == "ISO9001" && c.is_valid_on(today())),
            "{} is certified without a valid ISO 9001",
            supplier.name
        );
    }
    // Other counts are honoured too, and a count above the supplier count is capped.
    let small = generate(&DemoOptions { seed: 3, suppliers: 50, certified_suppliers: 17, buyers: 10, today: today() });
    assert_eq!(small.suppliers.iter().filter(|s| certified(s, today())).count(), 17);
    let capped = generate(&DemoOptions { seed: 3, suppliers: 8, certified_suppliers: 50, buyers: 2, today: today() });
    assert_eq!(capped.suppliers.iter().filter(|s| certified(s, today())).count(), 8);
    // Fairs smaller than the demo line-up still generate.
    for suppliers in [0, 1, 3] {
        let tiny = generate(&DemoOptions { seed: 9, suppliers, certified_suppliers: 1, buyers: 1, today: today() });
        assert_eq!(tiny.suppliers.len(), suppliers);
        assert_eq!(tiny.suppliers.iter().filter(|s| certified(s, today())).count(), suppliers.min(1));
        assert_eq!(tiny.buyers.len(), 1);
    }
}

#[test]
fn expired_only_suppliers_exist_and_do_not_count() {
    let fair = fair();
    let expired_only: Vec<&DemoSupplier> = fair
        .suppliers
        .iter()
        .filter(|s| {
            s.certifications.iter().any(|c| c.standard == "ISO9001" && c.valid_until < today())
                && !s.certifications.iter().any(|c| c.standard == "ISO9001" && c.is_valid_on(today()))
        })
        .collect();
    assert!((30..=50).contains(&expired_only.len()), "{} expired-only suppliers", expired_only.len());
    for supplier in &expired_only {
        assert!(!certified(supplier, today()), "{} counts although its ISO 9001 lapsed", supplier.name);
        assert!(!supplier.is_certified_on(today()));
    }
    // They were certified on the day before their certificate lapsed: near misses.
    let lapsed_on = expired_only[0].certifications.iter().map(|c| c.valid_until).max().unwrap_or_default();
    assert!(certified(expired_only[0], lapsed_on));
    // And some non-certified firms hold only product certificates (RoHS, OEKO-TEX...).
    let product_only = fair
        .suppliers
        .iter()
        .filter(|s| !s.certifications.is_empty() && s.certifications.iter().all(|c| !is_management(c.standard)))
        .count();
    assert!(product_only >= 30, "{product_only} suppliers with product certificates only");
}

#[test]
fn certificate_mix_is_realistic() {
    let fair = fair();
    let certified_firms: Vec<&DemoSupplier> = fair.suppliers.iter().filter(|s| certified(s, today())).collect();
    let holding = |code: &str| {
        certified_firms
            .iter()
            .filter(|s| s.certifications.iter().any(|c| c.standard == code && c.is_valid_on(today())))
            .count()
    };
    let iso14001 = share(holding("ISO14001"), certified_firms.len());
    assert!((40.0..=50.0).contains(&iso14001), "ISO 14001 in {iso14001:.1}% of certified firms");
    assert!(holding("ISO45001") > 0);
    let iatf: Vec<&&DemoSupplier> =
        certified_firms.iter().filter(|s| s.certifications.iter().any(|c| c.standard == "IATF16949")).collect();
    assert!((3..=8).contains(&iatf.len()), "{} IATF 16949 holders", iatf.len());
    assert!(iatf.iter().all(|s| sector_of(s) == "AU" && s.business_type == BusinessType::Manufacturer));
    let medical: Vec<&&DemoSupplier> =
        certified_firms.iter().filter(|s| s.certifications.iter().any(|c| c.standard == "ISO13485")).collect();
    assert!((1..=5).contains(&medical.len()), "{} ISO 13485 holders", medical.len());
    assert!(medical.iter().all(|s| s.products.iter().any(|p| p.product_group == "HT3")));
    // Electronics firms carry RoHS, textile firms OEKO-TEX.
    let with = |sector: &str, code: &str| {
        fair.suppliers
            .iter()
            .filter(|s| sector_of(s) == sector && s.certifications.iter().any(|c| c.standard == code))
            .count()
    };
    assert!(with("EL", "ROHS") >= 40);
    assert!(with("TG", "OEKO-TEX-100") >= 15);
    // Three-year management certificates from real-looking bodies.
    for supplier in &fair.suppliers {
        for certificate in &supplier.certifications {
            assert!(certificate.valid_from < certificate.valid_until);
            if is_management(certificate.standard) {
                let days = (certificate.valid_until - certificate.valid_from).num_days();
                assert!((1_090..=1_097).contains(&days), "{} days", days);
            }
            assert!(!certificate.certificate_number.trim().is_empty());
        }
    }
    let issuers: BTreeSet<&str> =
        fair.suppliers.iter().flat_map(|s| s.certifications.iter().map(|c| c.issuer.as_str())).collect();
    for body in ["Bureau Veritas Certification", "SGS Vietnam", "QUACERT", "Vinacert", "TÜV SÜD Vietnam"] {
        assert!(issuers.contains(body), "no certificate from {body}");
    }
}

#[test]
fn trading_companies_pose_as_makers() {
    let fair = fair();
    let traders: Vec<&DemoSupplier> =
        fair.suppliers.iter().filter(|s| s.business_type == BusinessType::Trading).collect();
    assert!((15..=25).contains(&traders.len()), "{} trading companies", traders.len());
    for trader in &traders {
        assert!(matches!(trader.vsic.as_str(), "4652" | "4659"), "{}: VSIC {}", trader.name, trader.vsic);
        assert_eq!(BusinessType::from_vsic(&trader.vsic), Some(BusinessType::Trading));
        let texts: String = trader.headline.values().chain(trader.about.values()).map(|t| fold(t)).collect();
        assert!(
            texts.contains("nha san xuat hang dau") || texts.contains("leading manufacturer"),
            "{} does not pose as a maker",
            trader.name
        );
        assert!(!trader.products.is_empty());
    }
    // Genuine makers never use the wholesale codes.
    for supplier in fair.suppliers.iter().filter(|s| s.business_type != BusinessType::Trading) {
        assert!(!supplier.vsic.starts_with("46"), "{} has VSIC {}", supplier.name, supplier.vsic);
    }
    let services: Vec<&DemoSupplier> =
        fair.suppliers.iter().filter(|s| s.business_type == BusinessType::Service).collect();
    assert!((5..=30).contains(&services.len()), "{} service firms", services.len());
    for service in services {
        assert_eq!(service.vsic, "7120");
        assert!(service.products.iter().all(|p| p.product_group == "HT4"));
    }
}

#[test]
fn at_least_ten_thousand_products_in_sensible_catalogues() {
    let fair = fair();
    let total: usize = fair.suppliers.iter().map(|s| s.products.len()).sum();
    assert!(total >= 10_000, "{total} products");
    for supplier in &fair.suppliers {
        assert!((8..=16).contains(&supplier.products.len()), "{}: {} products", supplier.name, supplier.products.len());
        let sectors: BTreeSet<&str> = supplier
            .products
            .iter()
            .filter_map(|p| taxonomy::product_group(p.product_group).map(|g| g.sector))
            .collect();
        assert_eq!(sectors.len(), 1, "{} spans sectors {sectors:?}", supplier.name);
        let names: BTreeSet<&str> =
            supplier.products.iter().filter_map(|p| p.name.get(&Language::Vietnamese).map(String::as_str)).collect();
        assert_eq!(names.len(), supplier.products.len(), "{} repeats a product name", supplier.name);
    }
    // Larger firms list more products.
    let average = |size: CompanySize| {
        let firms: Vec<&DemoSupplier> =
            fair.suppliers.iter().filter(|s| CompanySize::from_employees(s.employees) == size).collect();
        firms.iter().map(|s| s.products.len()).sum::<usize>() as f64 / firms.len() as f64
    };
    assert!(average(CompanySize::Large) > average(CompanySize::Small));
    assert!(average(CompanySize::Small) > average(CompanySize::Micro));
    // Most firms make one or two product groups.
    let focused = fair
        .suppliers
        .iter()
        .filter(|s| s.products.iter().map(|p| p.product_group).collect::<BTreeSet<_>>().len() <= 2)
        .count();
    assert!(share(focused, fair.suppliers.len()) >= 80.0);
}

#[test]
fn sector_and_size_mix_follow_the_plan() {
    let fair = fair();
    let total = fair.suppliers.len();
    for (sector, target) in [("ME", 40.0), ("EL", 22.0), ("AU", 12.0), ("TG", 12.0), ("HT", 10.0), ("LF", 4.0)] {
        let actual = share(fair.suppliers.iter().filter(|s| sector_of(s) == sector).count(), total);
        assert!((actual - target).abs() <= 2.0, "{sector}: {actual:.1}% against {target}%");
    }
    for (size, target) in [
        (CompanySize::Micro, 12.0),
        (CompanySize::Small, 48.0),
        (CompanySize::Medium, 27.0),
        (CompanySize::Large, 13.0),
    ] {
        let actual =
            share(fair.suppliers.iter().filter(|s| CompanySize::from_employees(s.employees) == size).count(), total);
        assert!((actual - target).abs() <= 2.0, "{size}: {actual:.1}% against {target}%");
    }
    let hanoi = share(fair.suppliers.iter().filter(|s| s.province == "ha-noi").count(), total);
    assert!((72.0..=78.0).contains(&hanoi), "{hanoi:.1}% in Hanoi");
    let hanoi_parks: BTreeSet<&str> =
        fair.suppliers.iter().filter(|s| s.province == "ha-noi").filter_map(|s| s.industrial_park).collect();
    assert_eq!(hanoi_parks.len(), 8, "Hanoi parks used: {hanoi_parks:?}");
    assert!(fair.suppliers.iter().any(|s| s.province == "ha-noi" && s.industrial_park.is_none()));
}

#[test]
fn booths_halls_and_publication() {
    let fair = fair();
    let total = fair.suppliers.len();
    let mut stands = BTreeSet::new();
    for supplier in &fair.suppliers {
        match (&supplier.hall, &supplier.stand) {
            (Some(hall), Some(stand)) => {
                assert!(["A", "B", "C", "D"].contains(&hall.as_str()));
                let (prefix, number) = stand.split_once('-').unwrap_or_default();
                assert_eq!(prefix, hall);
                assert!(number.len() == 3 && number.bytes().all(|b| b.is_ascii_digit()), "stand {stand}");
                assert!(stands.insert(stand.clone()), "stand {stand} given twice");
            }
            (None, None) => {}
            other => panic!("hall and stand disagree: {other:?}"),
        }
    }
    let on_site = share(stands.len(), total);
    assert!((75.0..=85.0).contains(&on_site), "{on_site:.1}% with a stand");
    let online = share(fair.suppliers.iter().filter(|s| s.online_booth).count(), total);
    assert!((55.0..=65.0).contains(&online), "{online:.1}% online");
    let hidden = fair.suppliers.iter().filter(|s| !s.published).count();
    assert!((5..=35).contains(&hidden), "{hidden} unpublished");
}

#[test]
fn buyers_come_mostly_from_japan() {
    let fair = fair();
    let mut by_country: BTreeMap<&str, usize> = BTreeMap::new();
    for buyer in &fair.buyers {
        *by_country.entry(buyer.country).or_default() += 1;
    }
    let japan = by_country.get("JP").copied().unwrap_or_default();
    assert!(by_country.iter().all(|(country, count)| *country == "JP" || *count < japan));
    let japan_share = share(japan, fair.buyers.len());
    assert!((30.0..=37.0).contains(&japan_share), "Japan {japan_share:.1}%");
    for country in ["KR", "TW", "HK", "CN", "TH", "VN"] {
        assert!(by_country.get(country).copied().unwrap_or_default() > 0, "no buyer from {country}");
    }
    for buyer in &fair.buyers {
        let expected_zone = taxonomy::country(buyer.country).map(|c| c.time_zone);
        assert_eq!(Some(buyer.time_zone), expected_zone, "{}", buyer.company_name);
        assert!((1..=2).contains(&buyer.people.len()));
        assert!((1..=4).contains(&buyer.needs.len()));
        assert!(buyer.company_name_local.is_some());
    }
    let names: BTreeSet<&str> = fair.buyers.iter().map(|b| b.company_name.as_str()).collect();
    assert_eq!(names.len(), fair.buyers.len(), "buyer company names repeat");
}

fn is_script(text: &str, range: std::ops::RangeInclusive<char>) -> bool {
    text.chars().any(|c| range.contains(&c))
}

#[test]
fn needs_are_written_in_the_buyers_languages() {
    let fair = fair();
    let mut written: BTreeMap<Language, usize> = BTreeMap::new();
    for buyer in &fair.buyers {
        for need in &buyer.needs {
            assert!(buyer.languages.contains(&need.language), "{}: need in {}", buyer.company_name, need.language);
            *written.entry(need.language).or_default() += 1;
            let text = format!("{} {}", need.title, need.description);
            match need.language {
                Language::Japanese => assert!(is_script(&text, '\u{3040}'..='\u{30FF}'), "not Japanese: {text}"),
                Language::Korean => assert!(is_script(&text, '\u{AC00}'..='\u{D7AF}'), "not Korean: {text}"),
                Language::ChineseTraditional | Language::ChineseSimplified => {
                    assert!(is_script(&text, '\u{4E00}'..='\u{9FFF}'), "not Chinese: {text}");
                    assert!(!is_script(&text, '\u{3040}'..='\u{30FF}'), "kana in Chinese: {text}");
                }
                Language::Vietnamese => {
                    assert!(text.contains("nhà cung cấp"), "not Vietnamese: {text}")
                }
                Language::English => assert!(
                    text.is_ascii() || text.contains('µ') || text.contains('²') || text.contains('±'),
                    "not English: {text}"
                ),
                Language::Thai => panic!("Thai buyers write in English"),
            }
        }
        match buyer.country {
            "TH" => assert!(buyer.needs.iter().all(|n| n.language == Language::English)),
            "CN" => assert!(buyer.needs.iter().all(|n| n.language == Language::ChineseSimplified)),
            _ => {}
        }
    }
    // Buyers write mostly in their own language.
    let japanese = written.get(&Language::Japanese).copied().unwrap_or_default();
    let english = written.get(&Language::English).copied().unwrap_or_default();
    assert!(japanese > english / 2, "ja {japanese}, en {english}");
    for language in [Language::Korean, Language::ChineseTraditional, Language::ChineseSimplified, Language::Vietnamese]
    {
        assert!(written.get(&language).copied().unwrap_or_default() > 5, "few needs in {language}");
    }
}

/// Every term a process goes by in any language, folded.
fn process_terms(code: &str) -> Vec<String> {
    taxonomy::process(code)
        .map_or_else(Vec::new, |p| p.labels.all().iter().chain(p.synonyms.iter()).map(|t| fold(t)).collect())
}

#[test]
fn needs_text_agrees_with_their_structured_fields() {
    let fair = fair();
    for buyer in &fair.buyers {
        for need in &buyer.needs {
            let text = fold(&format!("{} {}", need.title, need.description));
            for code in &need.processes {
                assert!(
                    process_terms(code).iter().any(|term| text.contains(term.as_str())),
                    "{code} not named in: {}",
                    need.title
                );
            }
            for code in &need.required_certifications {
                let name = taxonomy::certification(code).map(|c| fold(c.name)).unwrap_or_default();
                assert!(text.contains(&name), "{code} not named in: {} / {}", need.title, need.description);
            }
            if let Some(tolerance) = need.tolerance_um {
                assert!(text.contains(&format!("±{tolerance}")), "tolerance missing: {}", need.description);
            }
            if let (Some(group), false) = (need.product_group, need.processes.is_empty()) {
                let (allowed, _) = group_processes(group);
                for code in &need.processes {
                    assert!(allowed.contains(code), "{group} need with {code}");
                }
            }
            let needs_iatf = need.required_certifications.contains(&"IATF16949");
            if needs_iatf {
                assert!(need.product_group.is_some_and(|g| g.starts_with("AU")), "IATF for {:?}", need.product_group);
            }
            if need.required_certifications.contains(&"ISO13485") {
                assert_eq!(need.product_group, Some("HT3"));
            }
        }
    }
    // The kinds of requests the brief names do occur.
    let titles: Vec<&str> = fair.buyers.iter().flat_map(|b| b.needs.iter().map(|n| n.title.as_str())).collect();
    assert!(titles.iter().any(|t| t.contains("射出成形")));
    assert!(titles.iter().any(|t| t.contains("壓鑄")));
    assert!(titles.iter().any(|t| t.contains("사출성형")));
    let iso9001 =
        fair.buyers.iter().flat_map(|b| &b.needs).filter(|n| n.required_certifications.contains(&"ISO9001")).count();
    let needs = fair.buyers.iter().map(|b| b.needs.len()).sum::<usize>();
    assert!(share(iso9001, needs) > 40.0, "ISO 9001 asked in {iso9001} of {needs} needs");
}

#[test]
fn products_agree_with_their_groups() {
    let fair = fair();
    for supplier in &fair.suppliers {
        for product in &supplier.products {
            let group = taxonomy::product_group(product.product_group)
                .unwrap_or_else(|| panic!("unknown group {}", product.product_group));
            let (allowed, core) = group_processes(group.code);
            for code in &product.processes {
                assert!(allowed.contains(code), "{}: {code} in {}", group.code, product.name[&Language::Vietnamese]);
            }
            if !product.processes.is_empty() && !core.is_empty() {
                assert!(product.processes.iter().any(|p| core.contains(p)), "{}: no core process", group.code);
            }
            if let Some(hs) = &product.hs_code {
                assert!((4..=8).contains(&hs.len()), "HS {hs}");
                assert_eq!(validate::hs_code("hs", hs).as_deref(), Ok(hs.as_str()));
                assert!(group.hs.iter().any(|prefix| hs.starts_with(prefix)), "HS {hs} outside {}", group.code);
            }
            // The Vietnamese description names every process with the taxonomy's term.
            let description = &product.description[&Language::Vietnamese];
            for code in &product.processes {
                let label = taxonomy::process(code).map_or("", |p| p.labels.vi);
                assert!(description.contains(label), "{label} missing from {description}");
            }
            assert_eq!(
                product.description.contains_key(&Language::English),
                product.name.contains_key(&Language::English)
            );
            if let Some(unit) = product.unit {
                assert!(["pcs", "sets", "kg", "t", "m", "m2"].contains(&unit));
            }
            if let (Some(moq), Some(capacity)) = (product.moq, product.monthly_capacity) {
                assert!(moq > 0 && capacity >= moq, "moq {moq} capacity {capacity}");
            }
            if let Some(tolerance) = product.tolerance_um {
                assert!((2..=200).contains(&tolerance));
                assert!(!product.processes.is_empty());
            }
        }
    }
}

#[test]
fn injection_moulders_and_die_casters_are_easy_to_find() {
    let fair = fair();
    let moulders = fair
        .suppliers
        .iter()
        .filter(|s| {
            s.products.iter().any(|p| {
                p.processes.contains(&"P02")
                    && p.name.get(&Language::Vietnamese).is_some_and(|n| n.to_lowercase().contains("ép phun"))
            })
        })
        .count();
    assert!(moulders >= 40, "{moulders} injection moulders named so");
    let named_exactly = fair
        .suppliers
        .iter()
        .filter(|s| s.products.iter().any(|p| p.name.values().any(|n| n.to_lowercase().contains("ép phun nhựa"))))
        .count();
    assert!(named_exactly >= 20, "{named_exactly} suppliers with \"ép phun nhựa\" in a product name");
    let casters = fair
        .suppliers
        .iter()
        .filter(|s| {
            s.products.iter().any(|p| {
                p.processes.contains(&"P03") && p.name[&Language::Vietnamese].to_lowercase().contains("đúc áp lực nhôm")
            })
        })
        .count();
    assert!(casters >= 15, "{casters} die casters named so");
}

#[test]
fn product_languages_follow_the_firms() {
    let fair = fair();
    let products: Vec<&DemoProduct> = fair.suppliers.iter().flat_map(|s| &s.products).collect();
    let with =
        |language: Language| share(products.iter().filter(|p| p.name.contains_key(&language)).count(), products.len());
    assert_eq!(with(Language::Vietnamese), 100.0);
    let english = with(Language::English);
    let japanese = with(Language::Japanese);
    assert!((62.0..=78.0).contains(&english), "{english:.1}% in English");
    assert!((10.0..=20.0).contains(&japanese), "{japanese:.1}% in Japanese");
    for supplier in &fair.suppliers {
        for product in &supplier.products {
            if product.name.contains_key(&Language::Japanese) {
                assert!(supplier.languages.contains(&Language::Japanese));
                assert!(matches!(sector_of(supplier), "ME" | "AU" | "EL" | "HT"));
            }
        }
        assert!(supplier.headline.contains_key(&Language::Vietnamese));
        for language in supplier.headline.keys().chain(supplier.about.keys()) {
            assert!(supplier.languages.contains(language));
        }
        assert_eq!(supplier.name_en.is_some(), supplier.languages.contains(&Language::English));
    }
    let with_english_name = share(fair.suppliers.iter().filter(|s| s.name_en.is_some()).count(), fair.suppliers.len());
    assert!(with_english_name >= 75.0, "{with_english_name:.1}% with an English name");
}

#[test]
fn all_codes_are_valid() {
    let fair = fair();
    for supplier in &fair.suppliers {
        let province = taxonomy::province(supplier.province);
        assert!(province.is_some(), "province {}", supplier.province);
        if let Some(park) = supplier.industrial_park {
            let park = taxonomy::industrial_park(park).unwrap_or_else(|| panic!("park {park}"));
            assert_eq!(park.province, supplier.province, "{} in the wrong province", park.code);
        }
        for market in &supplier.export_markets {
            assert!(taxonomy::country(market).is_some(), "market {market}");
        }
        let groups: BTreeSet<&str> = supplier.products.iter().map(|p| p.product_group).collect();
        match supplier.business_type {
            BusinessType::Trading => assert!(matches!(supplier.vsic.as_str(), "4652" | "4659")),
            BusinessType::Service => assert_eq!(supplier.vsic, "7120"),
            BusinessType::Manufacturer => assert!(
                groups
                    .iter()
                    .filter_map(|g| taxonomy::product_group(g))
                    .any(|g| g.vsic.contains(&supplier.vsic.as_str())),
                "{}: VSIC {} fits none of {groups:?}",
                supplier.name,
                supplier.vsic
            ),
        }
        assert_eq!(BusinessType::from_vsic(&supplier.vsic), Some(supplier.business_type));
        for certificate in &supplier.certifications {
            assert!(taxonomy::certification(certificate.standard).is_some(), "standard {}", certificate.standard);
        }
        for product in &supplier.products {
            for code in &product.processes {
                assert!(taxonomy::process(code).is_some(), "process {code}");
            }
        }
        if let Some(website) = &supplier.website {
            assert!(validate::url("website", website).is_ok(), "{website}");
            assert!(website.ends_with(".vn"), "{website}");
        }
        assert!(supplier.phone.starts_with("+84 "));
        assert!((1960..=2024).contains(&supplier.founded_year), "founded {}", supplier.founded_year);
    }
    for buyer in &fair.buyers {
        assert!(["JP", "KR", "TW", "HK", "CN", "TH", "VN"].contains(&buyer.country));
        assert!(validate::time_zone("tz", buyer.time_zone).is_ok());
        if let Some(website) = &buyer.website {
            assert!(validate::url("website", website).is_ok(), "{website}");
        }
        for need in &buyer.needs {
            if let Some(group) = need.product_group {
                assert!(taxonomy::product_group(group).is_some(), "group {group}");
            }
            for code in &need.processes {
                assert!(taxonomy::process(code).is_some(), "process {code}");
            }
            for code in &need.required_certifications {
                assert!(taxonomy::certification(code).is_some(), "certification {code}");
            }
            if let (Some(hs), Some(group)) = (&need.hs_code, need.product_group.and_then(taxonomy::product_group)) {
                assert!(validate::hs_code("hs", hs).is_ok());
                assert!(group.hs.iter().any(|prefix| hs.starts_with(prefix)), "HS {hs} outside {}", group.code);
            }
            if let Some(unit) = need.unit {
                assert!(["pcs", "sets", "kg", "t", "m", "m2"].contains(&unit));
            }
            assert!(need.annual_volume.is_some_and(|v| v > 0));
        }
    }
    for login in fair.logins() {
        assert!(login.account.preferred_language.parse::<UiLanguage>().is_ok(), "{}", login.account.preferred_language);
        assert!(validate::time_zone("tz", login.account.time_zone).is_ok());
        assert!(validate::password("password", &login.account.password).is_ok());
    }
}

#[test]
fn slugs_are_valid_and_unique() {
    let fair = fair();
    let mut seen = BTreeSet::new();
    for supplier in &fair.suppliers {
        let parsed = BoothSlug::parse("slug", &supplier.slug);
        assert!(parsed.is_ok(), "invalid slug {}", supplier.slug);
        assert!(seen.insert(supplier.slug.as_str()), "slug {} used twice", supplier.slug);
    }
    let names: BTreeSet<&str> = fair.suppliers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), fair.suppliers.len(), "supplier names repeat");
    let english: Vec<&str> = fair.suppliers.iter().filter_map(|s| s.name_en.as_deref()).collect();
    assert_eq!(english.iter().collect::<BTreeSet<_>>().len(), english.len(), "English names repeat");
}

#[test]
fn emails_are_unique_lower_case_and_valid() {
    let fair = fair();
    let mut all: Vec<&str> = Vec::new();
    all.extend(fair.organisers.iter().map(|a| a.email.as_str()));
    for supplier in &fair.suppliers {
        all.push(&supplier.contact_email);
        for staff in &supplier.staff {
            all.push(&staff.email);
            if let Some((account, _)) = &staff.account {
                assert_eq!(account.email, staff.email);
            }
        }
    }
    for buyer in &fair.buyers {
        for person in &buyer.people {
            all.push(&person.email);
            if let Some(account) = &person.account {
                assert_eq!(account.email, person.email);
            }
        }
    }
    let mut seen = BTreeSet::new();
    for email in &all {
        assert_eq!(validate::email("email", email).as_deref(), Ok(*email), "{email}");
        assert!(email.is_ascii(), "{email}");
        assert!(seen.insert(*email), "{email} used twice");
    }
}

#[test]
fn every_text_is_within_its_limit() {
    fn within(field: &str, text: &str, max: usize) {
        assert!(
            validate::text(field, text, 1, max).is_ok(),
            "{field} too long or empty ({} chars): {text}",
            chars(text)
        );
        assert_eq!(text.trim(), text, "{field} has outer spaces");
    }
    let fair = fair();
    for supplier in &fair.suppliers {
        within("name", &supplier.name, 200);
        if let Some(name) = &supplier.name_en {
            within("name_en", name, 200);
        }
        within("address", &supplier.address, 300);
        within("phone", &supplier.phone, 40);
        for text in supplier.headline.values() {
            within("headline", text, 200);
        }
        for text in supplier.about.values() {
            within("about", text, 5_000);
        }
        assert!(supplier.products.len() <= 500);
        for product in &supplier.products {
            for text in product.name.values() {
                within("product.name", text, 200);
            }
            for text in product.description.values() {
                within("product.description", text, 5_000);
            }
            assert!(product.materials.len() <= 20);
            for material in &product.materials {
                within("material", material, 80);
            }
        }
        for certificate in &supplier.certifications {
            within("issuer", &certificate.issuer, 120);
            within("certificate_number", &certificate.certificate_number, 80);
            if let Some(scope) = &certificate.scope {
                within("scope", scope, 500);
            }
        }
        assert!((1..=4).contains(&supplier.staff.len()));
        assert!(supplier.staff.len() <= 50);
        for staff in &supplier.staff {
            within("full_name", &staff.full_name, 120);
            within("job_title", &staff.job_title, 120);
            if let Some(phone) = &staff.phone {
                within("staff.phone", phone, 40);
            }
            assert_eq!(staff.languages.first(), Some(&Language::Vietnamese));
        }
        assert!(supplier.staff.iter().any(|s| s.shown_on_booth));
    }
    for buyer in &fair.buyers {
        within("company_name", &buyer.company_name, 200);
        if let Some(local) = &buyer.company_name_local {
            within("company_name_local", local, 200);
        }
        within("industry", &buyer.industry, 200);
        for text in buyer.about.values() {
            within("buyer.about", text, 5_000);
        }
        for person in &buyer.people {
            within("person.full_name", &person.full_name, 120);
        }
        for need in &buyer.needs {
            within("need.title", &need.title, 200);
            within("need.description", &need.description, 5_000);
            assert!(need.required_certifications.len() <= 10);
        }
    }
    for login in fair.logins() {
        within("display_name", &login.account.display_name, 120);
    }
}

#[test]
fn demo_accounts_exist_as_specified() {
    let fair = fair();
    let logins = fair.logins();
    let find = |email: &str| logins.iter().find(|l| l.account.email == email).copied();
    let password = logins[0].account.password.clone();
    assert_eq!(password, DEMO_PASSWORD);
    assert!(password.chars().count() >= 10);
    assert!(logins.iter().all(|l| l.account.password == password), "one shared password");
    assert_eq!(logins.len(), 2 + 5 + 1 + 4);

    for email in ["organiser@demo.cnht.vn", "operator@demo.cnht.vn"] {
        assert_eq!(find(email).map(|l| l.role), Some(DemoRole::Organiser), "{email}");
    }
    let mut exhibitor_suppliers = BTreeSet::new();
    for number in 1..=5 {
        let email = format!("exhibitor{number}@demo.cnht.vn");
        let login = find(&email).unwrap_or_else(|| panic!("{email} missing"));
        assert_eq!(login.role, DemoRole::Exhibitor(StaffRole::Admin));
        let supplier = fair
            .suppliers
            .iter()
            .find(|s| s.staff.iter().any(|st| st.email == email))
            .unwrap_or_else(|| panic!("{email} has no supplier"));
        assert!(supplier.published, "{email}'s supplier is hidden");
        assert!(exhibitor_suppliers.insert(supplier.slug.clone()), "{email} shares a supplier");
    }
    let rep = find("rep1@demo.cnht.vn").map(|l| l.role);
    assert_eq!(rep, Some(DemoRole::Exhibitor(StaffRole::Rep)));

    // Exhibitor 1: a Hanoi injection moulder with "Ép phun nhựa" products.
    let first = fair
        .suppliers
        .iter()
        .find(|s| s.staff.iter().any(|st| st.email == "exhibitor1@demo.cnht.vn"))
        .unwrap_or_else(|| panic!("exhibitor1 has no supplier"));
    assert_eq!(first.province, "ha-noi");
    assert_eq!(first.business_type, BusinessType::Manufacturer);
    let moulded_named = first
        .products
        .iter()
        .filter(|p| p.processes.contains(&"P02") && p.name[&Language::Vietnamese].contains("Ép phun"))
        .count();
    assert!(moulded_named >= 1, "exhibitor1 lists no \"Ép phun\" product");
    assert!(first.products.iter().any(|p| p.name[&Language::Vietnamese].starts_with("Ép phun nhựa")));
    assert!(first.staff.iter().any(|st| st.email == "rep1@demo.cnht.vn"), "rep1 belongs to exhibitor 1");

    let buyers = [
        ("buyer1@demo.cnht.vn", "JP", "ja", "Asia/Tokyo", Language::Japanese),
        ("buyer2@demo.cnht.vn", "TW", "zh-Hant", "Asia/Taipei", Language::ChineseTraditional),
        ("buyer3@demo.cnht.vn", "KR", "en", "Asia/Seoul", Language::Korean),
        ("buyer4@demo.cnht.vn", "VN", "vi", "Asia/Ho_Chi_Minh", Language::Vietnamese),
    ];
    for (email, country, ui, zone, writes) in buyers {
        let login = find(email).unwrap_or_else(|| panic!("{email} missing"));
        assert_eq!(login.role, DemoRole::Buyer);
        assert_eq!(login.account.preferred_language, ui);
        assert_eq!(login.account.time_zone, zone);
        let buyer = fair
            .buyers
            .iter()
            .find(|b| b.people.iter().any(|p| p.email == email))
            .unwrap_or_else(|| panic!("{email} has no company"));
        assert_eq!(buyer.country, country);
        assert!(buyer.needs.iter().all(|n| n.language == writes), "{email} writes in {writes}");
        assert!(buyer.needs[0].required_certifications.contains(&"ISO9001"));
    }
    // The Japanese demo buyer asks for injection moulding, which exhibitor 1 does.
    let buyer1 = fair.buyers.iter().find(|b| b.people.iter().any(|p| p.email == "buyer1@demo.cnht.vn"));
    assert!(buyer1.is_some_and(|b| {
        b.needs.iter().any(|n| n.processes.contains(&"P02") && n.description.contains("射出成形"))
    }));
}

#[test]
fn catalogue_is_consistent_with_the_taxonomy() {
    use crate::catalogue::ARCHETYPES;
    for archetype in ARCHETYPES {
        assert!(taxonomy::sector(archetype.sector).is_some(), "{}", archetype.key);
        let main = archetype.primary.first().and_then(|t| taxonomy::product_group(t.group));
        let main = main.unwrap_or_else(|| panic!("{} has no products", archetype.key));
        for vsic in archetype.vsic {
            assert!(main.vsic.contains(vsic), "{}: VSIC {vsic} not in {}", archetype.key, main.code);
        }
        for template in archetype.primary.iter().chain(archetype.secondary) {
            let group = taxonomy::product_group(template.group).unwrap_or_else(|| panic!("group {}", template.group));
            assert_eq!(group.sector, archetype.sector, "{}: {} outside the sector", archetype.key, template.name.vi);
            for hs in template.hs {
                assert!(group.hs.iter().any(|prefix| hs.starts_with(prefix)), "{hs} outside {}", group.code);
            }
            let (allowed, core) = group_processes(template.group);
            assert!(template.processes.iter().all(|p| allowed.contains(p)), "{}: processes", template.name.vi);
            if !template.processes.is_empty() && !core.is_empty() {
                assert!(template.processes.iter().any(|p| core.contains(p)), "{}: no core process", template.name.vi);
            }
            if template.name.vi.contains("{m}") {
                assert!(!template.materials.is_empty(), "{}", template.name.vi);
            }
            for pattern in [template.name.vi, template.name.en, template.name.ja] {
                assert_eq!(pattern.contains("{a}"), !template.apps.is_empty() && !pattern.is_empty(), "{pattern}");
            }
        }
    }
    for code in taxonomy::PROCESSES.iter().map(|p| p.code) {
        let terms = process_terms(code);
        for term in [needs::process_zh_hans(code), needs::process_ko(code)] {
            let folded = fold(term);
            assert!(terms.iter().any(|t| folded.contains(t.as_str())), "{term} is no name of {code}");
        }
    }
}

#[test]
fn print_measured_figures() {
    let started = std::time::Instant::now();
    let fair = generate(&DemoOptions::plan_35(SEED, today()));
    let elapsed = started.elapsed();
    let total = fair.suppliers.len();
    println!("generated in {elapsed:?} (debug builds are much slower than release)");
    println!("suppliers {total}, buyers {}, organisers {}", fair.buyers.len(), fair.organisers.len());
    let mut sectors: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sizes: BTreeMap<CompanySize, usize> = BTreeMap::new();
    let mut provinces: BTreeMap<&str, usize> = BTreeMap::new();
    let mut parks: BTreeMap<&str, usize> = BTreeMap::new();
    for supplier in &fair.suppliers {
        *sectors.entry(sector_of(supplier)).or_default() += 1;
        *sizes.entry(CompanySize::from_employees(supplier.employees)).or_default() += 1;
        *provinces.entry(supplier.province).or_default() += 1;
        *parks.entry(supplier.industrial_park.unwrap_or("(none)")).or_default() += 1;
    }
    for (sector, count) in &sectors {
        println!("sector {sector}: {count} ({:.1}%)", share(*count, total));
    }
    for (size, count) in &sizes {
        println!("size {size}: {count} ({:.1}%)", share(*count, total));
    }
    for (province, count) in &provinces {
        println!("province {province}: {count} ({:.1}%)", share(*count, total));
    }
    println!("parks: {parks:?}");
    let certified_count = fair.suppliers.iter().filter(|s| certified(s, today())).count();
    println!("certified (valid management system on {}): {certified_count}", today());
    let mut standards: BTreeMap<&str, usize> = BTreeMap::new();
    for supplier in &fair.suppliers {
        for standard in supplier
            .certifications
            .iter()
            .filter(|c| c.is_valid_on(today()))
            .map(|c| c.standard)
            .collect::<BTreeSet<_>>()
        {
            *standards.entry(standard).or_default() += 1;
        }
    }
    println!("firms holding a valid certificate, by standard: {standards:?}");
    let expired = fair
        .suppliers
        .iter()
        .filter(|s| !certified(s, today()) && s.certifications.iter().any(|c| c.standard == "ISO9001"))
        .count();
    let product_only = fair
        .suppliers
        .iter()
        .filter(|s| !s.certifications.is_empty() && s.certifications.iter().all(|c| !is_management(c.standard)))
        .count();
    println!("expired-only ISO 9001: {expired}; product certificates only: {product_only}");
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for supplier in &fair.suppliers {
        *kinds.entry(supplier.business_type.as_str()).or_default() += 1;
    }
    println!("business types: {kinds:?}");
    let products: Vec<&DemoProduct> = fair.suppliers.iter().flat_map(|s| &s.products).collect();
    let with = |language: Language| products.iter().filter(|p| p.name.contains_key(&language)).count();
    println!(
        "products {}: en {:.1}%, ja {:.1}%; per supplier {:.1} (min {}, max {})",
        products.len(),
        share(with(Language::English), products.len()),
        share(with(Language::Japanese), products.len()),
        products.len() as f64 / total as f64,
        fair.suppliers.iter().map(|s| s.products.len()).min().unwrap_or_default(),
        fair.suppliers.iter().map(|s| s.products.len()).max().unwrap_or_default(),
    );
    let p02 = fair.suppliers.iter().filter(|s| s.products.iter().any(|p| p.processes.contains(&"P02"))).count();
    let p03 = fair.suppliers.iter().filter(|s| s.products.iter().any(|p| p.processes.contains(&"P03"))).count();
    println!("suppliers with P02 products: {p02}; with P03 products: {p03}");
    println!(
        "stands {} ({:.1}%), online booths {:.1}%, published {:.1}%, with English name {:.1}%",
        fair.suppliers.iter().filter(|s| s.stand.is_some()).count(),
        share(fair.suppliers.iter().filter(|s| s.stand.is_some()).count(), total),
        share(fair.suppliers.iter().filter(|s| s.online_booth).count(), total),
        share(fair.suppliers.iter().filter(|s| s.published).count(), total),
        share(fair.suppliers.iter().filter(|s| s.name_en.is_some()).count(), total),
    );
    let mut countries: BTreeMap<&str, usize> = BTreeMap::new();
    let mut languages: BTreeMap<Language, usize> = BTreeMap::new();
    for buyer in &fair.buyers {
        *countries.entry(buyer.country).or_default() += 1;
        for need in &buyer.needs {
            *languages.entry(need.language).or_default() += 1;
        }
    }
    for (country, count) in &countries {
        println!("buyers {country}: {count} ({:.1}%)", share(*count, fair.buyers.len()));
    }
    let needs: usize = languages.values().sum();
    println!("needs {needs}, by language: {:?}", languages.iter().map(|(l, c)| (l.tag(), *c)).collect::<Vec<_>>());
    println!("demo sign-ins (password {DEMO_PASSWORD}):");
    for login in fair.logins() {
        println!("  {:<28} {:?} {}", login.account.email, login.role, login.organisation.unwrap_or("-"));
    }
    if let Some(first) = fair.suppliers.iter().find(|s| s.staff.iter().any(|st| st.email == "exhibitor1@demo.cnht.vn"))
    {
        println!("exhibitor1: {} / {:?} / {}", first.name, first.name_en, first.address);
        for product in first.products.iter().take(4) {
            println!("  - {}", product.name[&Language::Vietnamese]);
        }
    }
    for buyer in fair.buyers.iter().take(4) {
        for need in &buyer.needs {
            println!("  [{}] {}", need.language, need.title);
        }
    }
    assert_eq!(certified_count, 300);
}
