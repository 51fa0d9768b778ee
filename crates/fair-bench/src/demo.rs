//! The generated demo fair as the engine reads it: suppliers as directory documents
//! (what `fair-booths` indexes) and buyers with their needs (what `fair-meetings`
//! scores), without a database. Ids are derived from positions, so the same seed
//! gives the same ids.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use fair_domain::Language;
use fair_matchmaking::score::{Buyer, Need};
use fair_search::{CertDoc, DirectoryDoc, ProductDoc};
use fair_seed::{DemoBuyer, DemoSupplier};
use uuid::Uuid;

/// Kinds of ids, so ids of different things never collide.
const SUPPLIER: u128 = 1;
const PRODUCT: u128 = 2;
const BUYER: u128 = 3;
const NEED: u128 = 4;

/// A stable id for the `index`-th thing of a kind.
pub fn id(kind: u128, index: usize) -> Uuid {
    Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0000 | (kind << 96) | index as u128)
}

pub fn supplier_id(index: usize) -> Uuid {
    id(SUPPLIER, index)
}

pub fn buyer_id(index: usize) -> Uuid {
    id(BUYER, index)
}

fn texts(map: &BTreeMap<Language, String>) -> BTreeMap<String, String> {
    map.iter().map(|(language, text)| (language.tag().to_owned(), text.clone())).collect()
}

fn created_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 1, 2, 0, 0).single().unwrap_or_else(Utc::now)
}

/// The directory document of the `index`-th supplier, as `fair_booths::directory_doc`
/// builds it from the rows `fair-server`'s seed writes for that supplier.
pub fn supplier_doc(index: usize, supplier: &DemoSupplier) -> DirectoryDoc {
    let mut staff_languages: Vec<String> =
        supplier.staff.iter().flat_map(|m| m.languages.iter().map(|l| l.tag().to_owned())).collect();
    staff_languages.sort();
    staff_languages.dedup();
    DirectoryDoc {
        id: supplier_id(index),
        slug: supplier.slug.clone(),
        name: supplier.name.clone(),
        name_en: supplier.name_en.clone(),
        headline: texts(&supplier.headline),
        about: texts(&supplier.about),
        province: supplier.province.to_owned(),
        industrial_park: supplier.industrial_park.map(str::to_owned),
        website: supplier.website.clone(),
        employees: Some(supplier.employees),
        business_type: supplier.business_type.as_str().to_owned(),
        export_markets: supplier.export_markets.iter().map(|c| (*c).to_owned()).collect(),
        languages: supplier.languages.iter().map(|l| l.tag().to_owned()).collect(),
        staff_languages,
        hall: supplier.hall.clone(),
        stand: supplier.stand.clone(),
        online_booth: supplier.online_booth,
        logo_url: None,
        view_count: 0,
        created_at: created_at(),
        products: supplier
            .products
            .iter()
            .enumerate()
            .map(|(p, product)| ProductDoc {
                id: id(PRODUCT, index * 64 + p),
                name: texts(&product.name),
                description: texts(&product.description),
                product_group: product.product_group.to_owned(),
                processes: product.processes.iter().map(|c| (*c).to_owned()).collect(),
                hs_code: product.hs_code.clone(),
                materials: product.materials.clone(),
                moq: product.moq,
                monthly_capacity: product.monthly_capacity,
                unit: product.unit.map(str::to_owned),
                tolerance_um: product.tolerance_um,
            })
            .collect(),
        certifications: supplier
            .certifications
            .iter()
            .map(|c| CertDoc {
                standard: c.standard.to_owned(),
                valid_from: Some(c.valid_from),
                valid_until: c.valid_until,
            })
            .collect(),
    }
}

/// The `index`-th buyer with its needs, as `fair-meetings` reads it from the database.
pub fn buyer(index: usize, buyer: &DemoBuyer) -> Buyer {
    Buyer {
        id: buyer_id(index),
        country: buyer.country.to_owned(),
        languages: buyer.languages.clone(),
        needs: buyer
            .needs
            .iter()
            .enumerate()
            .map(|(n, need)| {
                Need {
                    id: id(NEED, index * 16 + n),
                    title: need.title.clone(),
                    description: need.description.clone(),
                    language: need.language,
                    product_group: need.product_group.map(str::to_owned),
                    processes: need.processes.iter().map(|c| (*c).to_owned()).collect(),
                    hs_code: need.hs_code.clone(),
                    required_certifications: need.required_certifications.iter().map(|c| (*c).to_owned()).collect(),
                    annual_volume: need.annual_volume,
                    unit: need.unit.map(str::to_owned),
                    tolerance_um: need.tolerance_um,
                }
                .with_processes_from_text()
            })
            .collect(),
    }
}

/// A small deterministic generator (SplitMix64) for the benchmarks' own choices.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x5EED_BE9C_4F1A_2026)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }
}
