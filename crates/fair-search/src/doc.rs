use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use fair_domain::CompanySize;
use fair_domain::taxonomy;
use uuid::Uuid;

/// One product of an exhibitor, as the index sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductDoc {
    pub id: Uuid,
    pub name: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    pub product_group: String,
    pub processes: Vec<String>,
    pub hs_code: Option<String>,
    pub materials: Vec<String>,
    pub moq: Option<i64>,
    pub monthly_capacity: Option<i64>,
    pub unit: Option<String>,
    /// Achievable tolerance, micrometres (±).
    pub tolerance_um: Option<i32>,
}

/// A certificate: only its standard and validity matter to search.
#[derive(Clone, Debug, PartialEq)]
pub struct CertDoc {
    pub standard: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: NaiveDate,
}

impl CertDoc {
    /// In force on `day`: an expired certificate does not count.
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_until >= day && self.valid_from.is_none_or(|from| from <= day)
    }
}

/// A published exhibitor with everything the directory shows and filters on.
#[derive(Clone, Debug, PartialEq)]
pub struct DirectoryDoc {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub name_en: Option<String>,
    pub headline: BTreeMap<String, String>,
    pub about: BTreeMap<String, String>,
    pub province: String,
    pub industrial_park: Option<String>,
    pub website: Option<String>,
    pub employees: Option<u32>,
    pub business_type: String,
    pub export_markets: Vec<String>,
    pub languages: Vec<String>,
    /// Languages the exhibitor's staff meet buyers in.
    pub staff_languages: Vec<String>,
    pub hall: Option<String>,
    pub stand: Option<String>,
    pub online_booth: bool,
    pub logo_url: Option<String>,
    pub view_count: i64,
    pub created_at: DateTime<Utc>,
    pub products: Vec<ProductDoc>,
    pub certifications: Vec<CertDoc>,
}

impl DirectoryDoc {
    pub fn company_size(&self) -> Option<CompanySize> {
        self.employees.map(CompanySize::from_employees)
    }

    /// Product group codes of the catalogue, in taxonomy order.
    pub fn product_groups(&self) -> Vec<String> {
        taxonomy::PRODUCT_GROUPS
            .iter()
            .filter(|group| self.products.iter().any(|p| p.product_group == group.code))
            .map(|group| group.code.to_owned())
            .collect()
    }

    /// Sector codes of the catalogue, in taxonomy order.
    pub fn sectors(&self) -> Vec<String> {
        taxonomy::SECTORS
            .iter()
            .filter(|sector| {
                self.products
                    .iter()
                    .any(|p| taxonomy::product_group(&p.product_group).is_some_and(|g| g.sector == sector.code))
            })
            .map(|sector| sector.code.to_owned())
            .collect()
    }

    /// Process tags of the catalogue, in taxonomy order.
    pub fn processes(&self) -> Vec<String> {
        taxonomy::PROCESSES
            .iter()
            .filter(|process| self.products.iter().any(|p| p.processes.iter().any(|c| c == process.code)))
            .map(|process| process.code.to_owned())
            .collect()
    }

    /// Standards held with a certificate in force on `day`, de-duplicated, in taxonomy order.
    pub fn valid_certifications(&self, day: NaiveDate) -> Vec<String> {
        taxonomy::CERTIFICATIONS
            .iter()
            .filter(|standard| {
                self.certifications.iter().any(|cert| cert.standard == standard.code && cert.is_valid_on(day))
            })
            .map(|standard| standard.code.to_owned())
            .collect()
    }

    /// Holds a management-system certificate in force on `day` ("international standard").
    pub fn is_certified(&self, day: NaiveDate) -> bool {
        self.certifications.iter().any(|cert| {
            cert.is_valid_on(day)
                && taxonomy::certification(&cert.standard).is_some_and(|s| s.is_international_system())
        })
    }
}
