//! Deterministic demo data: a realistic CNHT fair generated from the taxonomy.
//!
//! `generate` is a pure function of [`DemoOptions`]: no clock, no IO, and a seeded
//! ChaCha generator, so the same seed gives the same fair.
//!
//! The fair follows Hanoi's Plan 35 ([`DemoOptions::plan_35`]): 920 supporting-industry
//! suppliers of which exactly 300 hold a valid management-system certificate, 360
//! buyers from Japan, Korea, Taiwan, Hong Kong, China, Thailand and Vietnam. The
//! demo sign-ins ([`DemoFair::logins`]) are the same for every seed and share
//! [`DEMO_PASSWORD`].

mod accounts;
mod buyers;
mod catalogue;
mod certs;
mod model;
mod names;
mod needs;
mod pick;
mod places;
mod suppliers;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rand::SeedableRng;

pub use accounts::{DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DemoLogin, DemoRole};
pub use model::*;

impl DemoOptions {
    /// The fair of Hanoi's Plan 35: 920 suppliers, exactly 300 of them certified, and
    /// 360 buyers.
    pub fn plan_35(seed: u64, today: NaiveDate) -> Self {
        Self { seed, suppliers: 920, certified_suppliers: 300, buyers: 360, today }
    }
}

impl DemoCertification {
    /// Whether the certificate is in force on `date` (both ends inclusive).
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && date <= self.valid_until
    }
}

impl DemoSupplier {
    /// Whether the firm holds a management-system certificate (ISO 9001, IATF 16949...)
    /// valid on `date`: "of international standard" in the plan's sense.
    pub fn is_certified_on(&self, date: NaiveDate) -> bool {
        self.certifications.iter().any(|certificate| {
            certificate.is_valid_on(date)
                && fair_domain::taxonomy::certification(certificate.standard)
                    .is_some_and(|standard| standard.is_international_system())
        })
    }
}

/// Generates the demo fair described by `options`.
///
/// The same options give the same fair, byte for byte. At most
/// `options.certified_suppliers` suppliers can be certified, so a count above
/// `options.suppliers` is capped at it.
pub fn generate(options: &DemoOptions) -> DemoFair {
    let mut rng = pick::Rng::seed_from_u64(options.seed);
    let mut book = accounts::EmailBook::default();
    let organisers = accounts::organisers(&mut book);
    let suppliers = suppliers::generate(&mut rng, options, &mut book);
    let buyers = buyers::generate(&mut rng, options, &mut book);
    DemoFair { organisers, suppliers, buyers }
}
