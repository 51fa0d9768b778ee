//! How well a buyer and a supplier fit, as named parts with evidence.
//!
//! A pair's score is the sum of pair-level parts (preferences, language) and the
//! parts of the buyer's need the supplier answers best (product group, HS code,
//! processes, text relevance across languages, certifications, logistics). A
//! required certificate that is missing or expired vetoes the need; "No thanks" from
//! either side vetoes the pair. Parts carry their evidence so [`crate::explain`]
//! can say why in the viewer's language.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use fair_domain::Language;
use fair_domain::glossary::ConceptId;
use fair_domain::taxonomy;
use fair_search::{DirectoryDoc, DirectoryIndex, ProductDoc};
use uuid::Uuid;

/// A buyer's sourcing need, as matching reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Need {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub language: Language,
    pub product_group: Option<String>,
    pub processes: Vec<String>,
    pub hs_code: Option<String>,
    pub required_certifications: Vec<String>,
    pub annual_volume: Option<i64>,
    pub unit: Option<String>,
    pub tolerance_um: Option<i32>,
}

impl Need {
    /// The text compared with supplier profiles.
    pub fn text(&self) -> String {
        format!("{} {}", self.title, self.description)
    }

    /// A need written as text only (no product group, no process) gets the
    /// processes its text names (in any language, by the taxonomy's labels and
    /// synonyms), so a buyer who only wrote "アルミダイカスト部品" is matched with die
    /// casters, not just with whoever uses the same words. A need with a group is
    /// left as entered (inferring there made more pairs worth scoring at fair scale
    /// and changed no ranking measurably). Every reader of needs (the server,
    /// `fair schedule`, the benchmarks) builds them through this.
    pub fn with_processes_from_text(mut self) -> Self {
        if self.product_group.is_none() && self.processes.is_empty() {
            self.processes = taxonomy::processes_in(&self.text()).into_iter().map(str::to_owned).collect();
        }
        self
    }
}

/// A buyer company, as matching reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Buyer {
    pub id: Uuid,
    pub country: String,
    pub languages: Vec<Language>,
    pub needs: Vec<Need>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Preference {
    NoThanks,
    Meet,
    Must,
}

impl Preference {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoThanks => "no",
            Self::Meet => "meet",
            Self::Must => "must",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "no" => Some(Self::NoThanks),
            "meet" => Some(Self::Meet),
            "must" => Some(Self::Must),
            _ => None,
        }
    }
}

/// What each side said about the other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Preferences {
    pub buyer: Option<Preference>,
    pub supplier: Option<Preference>,
}

impl Preferences {
    pub fn mutual_must(&self) -> bool {
        self.buyer == Some(Preference::Must) && self.supplier == Some(Preference::Must)
    }
}

/// Which side is looking (reasons are phrased for them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Buyer,
    Supplier,
}

/// One named part of a score and its evidence.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Explicit interest: Must meet / Meet from either side.
    Interest { buyer: Option<Preference>, supplier: Option<Preference> },
    /// The need's product group is in the catalogue (`exact`) or in the same sector.
    ProductGroup { group: String, exact: bool, product: Option<Uuid> },
    /// HS codes agree on `digits` digits.
    HsCode { need: String, product: String, digits: u8 },
    /// Processes the need asks for that the supplier does.
    Processes { matched: Vec<String>, wanted: usize },
    /// The need's own words (any language) match the profile; `product` is the best match.
    Text { relevance: f32, product: Option<Uuid> },
    /// Required certificates held, each with its last valid day.
    Certifications { valid: Vec<(String, NaiveDate)> },
    /// Holds a valid management-system certificate although none was required.
    Certified { standards: Vec<String> },
    /// A language both sides speak, or an interpreter for one the buyer speaks.
    Language { common: Option<Language>, interpreter: Option<Language> },
    /// No common language and no interpreter.
    NoLanguage,
    /// Monthly capacity against the need's monthly volume.
    Capacity { monthly: i64, needed: i64, unit: String, enough: bool },
    /// Minimum order against the need's monthly volume.
    MinimumOrder { moq: i64, monthly_need: i64, unit: String, fits: bool },
    /// Tolerance achieved against tolerance needed (micrometres).
    Tolerance { theirs: i32, needed: i32, fits: bool },
    /// Exports to the buyer's country already.
    ExportExperience { country: String },
    /// A trading company, not a maker.
    Trader,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScoredPart {
    pub part: Part,
    pub points: i32,
}

/// Why a pair must not meet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Veto {
    NoThanks {
        by: Side,
    },
    MissingCertificate {
        standard: String,
    },
    ExpiredCertificate {
        standard: String,
        expired_on: NaiveDate,
    },
    /// An organiser's rule forbids it.
    Rule,
}

/// The score of one buyer–supplier pair.
#[derive(Clone, Debug, PartialEq)]
pub struct PairScore {
    pub buyer: Uuid,
    pub supplier: Uuid,
    /// The need the supplier answers best, if any.
    pub need: Option<Uuid>,
    pub total: i32,
    pub parts: Vec<ScoredPart>,
    pub veto: Option<Veto>,
    /// Whether the supplier answers any need at all (or either side asked to meet).
    pub relevant: bool,
}

impl PairScore {
    /// A pair worth recommending and scheduling.
    pub fn is_candidate(&self) -> bool {
        self.veto.is_none() && self.relevant && self.total > 0
    }
}

/// Points of each part. Kept together so the relevance evaluation can tune them.
pub mod points {
    pub const BUYER_MUST: i32 = 400;
    pub const BUYER_MEET: i32 = 200;
    pub const SUPPLIER_MUST: i32 = 250;
    pub const SUPPLIER_MEET: i32 = 120;
    pub const MUTUAL: i32 = 150;
    pub const GROUP_EXACT: i32 = 250;
    pub const GROUP_SECTOR: i32 = 60;
    pub const HS_6: i32 = 150;
    pub const HS_4: i32 = 100;
    pub const HS_2: i32 = 40;
    pub const PROCESSES: i32 = 350;
    pub const TEXT: i32 = 300;
    pub const CERTIFICATE_EACH: i32 = 50;
    pub const CERTIFIED: i32 = 30;
    pub const COMMON_LANGUAGE: i32 = 120;
    pub const INTERPRETER: i32 = 40;
    pub const NO_LANGUAGE: i32 = -200;
    pub const CAPACITY_OK: i32 = 40;
    pub const CAPACITY_SHORT: i32 = -40;
    pub const MOQ_FITS: i32 = 30;
    pub const MOQ_TOO_HIGH: i32 = -60;
    pub const TOLERANCE_FITS: i32 = 60;
    pub const TOLERANCE_MISSES: i32 = -80;
    pub const EXPORTS_THERE: i32 = 40;
    pub const TRADER: i32 = -300;
}

/// Text relevance is BM25, unbounded; this maps it into 0..1 the same way whichever
/// side asks (so scores do not depend on who else is in the fair).
fn saturate(bm25: f32) -> f32 {
    bm25 / (bm25 + 8.0)
}

/// The context every pair is scored in.
pub struct Scorer<'a> {
    pub index: &'a DirectoryIndex,
    /// The day certificate validity is judged on.
    pub today: NaiveDate,
    /// Languages (other than Vietnamese) interpreters cover at the fair.
    pub interpreter_languages: &'a [Language],
}

/// Supplier languages: the company's and its staff's.
fn supplier_languages(doc: &DirectoryDoc) -> Vec<Language> {
    let mut languages: Vec<Language> =
        doc.languages.iter().chain(&doc.staff_languages).filter_map(|tag| tag.parse().ok()).collect();
    if languages.is_empty() {
        languages.push(Language::Vietnamese);
    }
    languages.sort();
    languages.dedup();
    languages
}

fn hs_common_digits(a: &str, b: &str) -> u8 {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // HS levels are whole pairs of digits.
    (common - common % 2) as u8
}

/// Normalises a yearly volume to a month, in the need's unit.
fn monthly(volume: i64) -> i64 {
    (volume + 11) / 12
}

/// What a supplier offers, in the form the quick relevance test needs: computed
/// once per supplier instead of once per pair.
#[derive(Clone, Debug, Default)]
pub struct Offer {
    groups: Vec<String>,
    sectors: Vec<String>,
    processes: Vec<String>,
    /// The first four digits (the HS heading) of each product's code.
    hs_headings: Vec<[u8; 4]>,
    /// Each product's name words and glossary concepts, in catalogue order: only
    /// worked out when a need's words first touch this supplier.
    products: OnceLock<Vec<ProductTerms>>,
}

#[derive(Clone, Debug, Default)]
struct ProductTerms {
    id: Uuid,
    words: Vec<String>,
    concepts: Vec<ConceptId>,
}

impl Offer {
    pub fn of(doc: &DirectoryDoc) -> Self {
        let mut groups: Vec<String> = doc.products.iter().map(|p| p.product_group.clone()).collect();
        groups.sort();
        groups.dedup();
        let mut hs_headings: Vec<[u8; 4]> =
            doc.products.iter().filter_map(|p| heading(p.hs_code.as_deref()?)).collect();
        hs_headings.sort_unstable();
        hs_headings.dedup();
        Self { groups, sectors: doc.sectors(), processes: doc.processes(), hs_headings, products: OnceLock::new() }
    }

    fn product_terms(&self, doc: &DirectoryDoc) -> &[ProductTerms] {
        self.products.get_or_init(|| {
            doc.products
                .iter()
                .map(|product| {
                    // Words and concepts of every name (each language counts).
                    let mut words = Vec::new();
                    let mut concepts = Vec::new();
                    for name in product.name.values() {
                        words.extend(fair_domain::text::tokenize(name));
                        concepts.extend(fair_domain::glossary::concepts_in(name));
                    }
                    ProductTerms { id: product.id, words, concepts }
                })
                .collect()
        })
    }
}

/// A need's words and glossary concepts, computed once per need.
#[derive(Clone, Debug, Default)]
pub struct NeedTerms {
    words: Vec<String>,
    concepts: Vec<ConceptId>,
}

impl NeedTerms {
    pub fn of(need: &Need) -> Self {
        let text = need.text();
        // Sorted and unique, for binary search: a need's text has many words.
        let mut words = fair_domain::text::tokenize(&text);
        words.sort_unstable();
        words.dedup();
        let mut concepts = fair_domain::glossary::concepts_in(&text);
        concepts.sort_unstable();
        concepts.dedup();
        Self { words, concepts }
    }
}

fn heading(code: &str) -> Option<[u8; 4]> {
    code.as_bytes().get(..4)?.try_into().ok()
}

/// The share of the text-relevance scale from which the need's words alone make a
/// supplier relevant.
const TEXT_RELEVANT: f32 = 0.35;

/// Whether a need is relevant to a supplier — exactly the `relevant` flag of
/// [`Scorer::score_pair`]'s need scoring (same group, the same HS heading, a process
/// in common, or words that answer it) — without scoring the pair. Pairs where no
/// need is relevant and nobody asked to meet are never candidates, so building a fair
/// skips them.
pub fn need_is_relevant(need: &Need, offer: &Offer, relevance: f32) -> bool {
    need.product_group.as_ref().is_some_and(|g| offer.groups.contains(g))
        || need.hs_code.as_deref().and_then(heading).is_some_and(|h| offer.hs_headings.contains(&h))
        || need.processes.iter().any(|p| offer.processes.contains(p))
        || saturate(relevance) >= TEXT_RELEVANT
}

impl Scorer<'_> {
    /// Scores one need against one supplier: the need's parts, their total, and a
    /// veto if a required certificate is missing or expired. `relevance` is the
    /// need's BM25 relevance to this supplier.
    fn score_need(
        &self,
        need: &Need,
        doc: &DirectoryDoc,
        offer: &Offer,
        relevance: f32,
    ) -> (i32, Vec<ScoredPart>, Option<Veto>, bool) {
        let mut parts = Vec::new();
        let mut veto = None;
        let mut relevant = false;

        // Product group: exact, or at least the same sector.
        if let Some(group) = &need.product_group {
            let product = doc.products.iter().find(|p| &p.product_group == group);
            if let Some(product) = product {
                parts.push(ScoredPart {
                    part: Part::ProductGroup { group: group.clone(), exact: true, product: Some(product.id) },
                    points: points::GROUP_EXACT,
                });
                relevant = true;
            } else if let Some(sector) = taxonomy::product_group(group).map(|g| g.sector)
                && offer.sectors.iter().any(|s| s == sector)
            {
                parts.push(ScoredPart {
                    part: Part::ProductGroup { group: group.clone(), exact: false, product: None },
                    points: points::GROUP_SECTOR,
                });
            }
        }

        // HS code: the longest agreement with any product.
        if let Some(code) = &need.hs_code {
            let best = doc
                .products
                .iter()
                .filter_map(|p| p.hs_code.as_ref().map(|hs| (hs_common_digits(code, hs), hs)))
                .max_by_key(|(digits, _)| *digits);
            if let Some((digits, product_code)) = best.filter(|(digits, _)| *digits >= 2) {
                let points = match digits {
                    6.. => points::HS_6,
                    4 | 5 => points::HS_4,
                    _ => points::HS_2,
                };
                parts.push(ScoredPart {
                    part: Part::HsCode { need: code.clone(), product: product_code.clone(), digits },
                    points,
                });
                relevant |= digits >= 4;
            }
        }

        // Processes asked for and done.
        if !need.processes.is_empty() {
            let matched: Vec<String> = need.processes.iter().filter(|p| offer.processes.contains(p)).cloned().collect();
            if !matched.is_empty() {
                let points = points::PROCESSES * matched.len() as i32 / need.processes.len() as i32;
                parts.push(ScoredPart { part: Part::Processes { matched, wanted: need.processes.len() }, points });
                relevant = true;
            }
        }

        // The need's words, in any language, against the profile.
        let relevance = saturate(relevance);
        if relevance >= 0.15 {
            parts.push(ScoredPart {
                part: Part::Text { relevance, product: None },
                points: (points::TEXT as f32 * relevance).round() as i32,
            });
            relevant |= relevance >= TEXT_RELEVANT;
        }

        // Required certificates: each must be valid today.
        if !need.required_certifications.is_empty() {
            let mut valid = Vec::new();
            for standard in &need.required_certifications {
                let held = doc.certifications.iter().filter(|c| &c.standard == standard);
                match held.clone().filter(|c| c.is_valid_on(self.today)).max_by_key(|c| c.valid_until) {
                    Some(cert) => valid.push((standard.clone(), cert.valid_until)),
                    None => {
                        let expired = held.filter(|c| c.valid_until < self.today).max_by_key(|c| c.valid_until);
                        veto.get_or_insert(match expired {
                            Some(cert) => {
                                Veto::ExpiredCertificate { standard: standard.clone(), expired_on: cert.valid_until }
                            }
                            None => Veto::MissingCertificate { standard: standard.clone() },
                        });
                    }
                }
            }
            if !valid.is_empty() {
                let points = points::CERTIFICATE_EACH * valid.len().min(3) as i32;
                parts.push(ScoredPart { part: Part::Certifications { valid }, points });
            }
        } else {
            let standards: Vec<String> = doc
                .valid_certifications(self.today)
                .into_iter()
                .filter(|code| taxonomy::certification(code).is_some_and(|s| s.is_international_system()))
                .collect();
            if !standards.is_empty() {
                parts.push(ScoredPart { part: Part::Certified { standards }, points: points::CERTIFIED });
            }
        }

        // Logistics, against the product that best fits the need.
        let product = relevant_product(need, doc);
        if let (Some(volume), Some(product)) = (need.annual_volume, product) {
            let unit = need.unit.clone().unwrap_or_default();
            let same_unit = product.unit.as_deref() == need.unit.as_deref();
            let monthly_need = monthly(volume);
            if let (Some(capacity), true) = (product.monthly_capacity, same_unit) {
                let enough = capacity >= monthly_need;
                parts.push(ScoredPart {
                    part: Part::Capacity { monthly: capacity, needed: monthly_need, unit: unit.clone(), enough },
                    points: if enough { points::CAPACITY_OK } else { points::CAPACITY_SHORT },
                });
            }
            if let (Some(moq), true) = (product.moq, same_unit) {
                let fits = moq <= monthly_need;
                parts.push(ScoredPart {
                    part: Part::MinimumOrder { moq, monthly_need, unit, fits },
                    points: if fits { points::MOQ_FITS } else { points::MOQ_TOO_HIGH },
                });
            }
        }
        if let Some(needed) = need.tolerance_um {
            let best = doc
                .products
                .iter()
                .filter(|p| need.product_group.as_ref().is_none_or(|g| &p.product_group == g))
                .filter_map(|p| p.tolerance_um)
                .min();
            if let Some(theirs) = best {
                let fits = theirs <= needed;
                parts.push(ScoredPart {
                    part: Part::Tolerance { theirs, needed, fits },
                    points: if fits { points::TOLERANCE_FITS } else { points::TOLERANCE_MISSES },
                });
            }
        }

        let total = parts.iter().map(|p| p.points).sum();
        (total, parts, veto, relevant)
    }

    /// Scores a buyer against a supplier. `relevance` gives, per need id, the need's
    /// BM25 relevance to this supplier (see [`Scorer::need_relevance`]).
    pub fn score_pair(
        &self,
        buyer: &Buyer,
        doc: &DirectoryDoc,
        preferences: Preferences,
        relevance: &dyn Fn(&Need) -> f32,
    ) -> PairScore {
        let terms: Vec<NeedTerms> = buyer.needs.iter().map(NeedTerms::of).collect();
        self.score_pair_with(buyer, &terms, doc, &Offer::of(doc), preferences, relevance)
    }

    /// [`Scorer::score_pair`] with the buyer's need terms (one per need, in order)
    /// and the supplier's offer computed beforehand: what scoring many pairs uses.
    pub fn score_pair_with(
        &self,
        buyer: &Buyer,
        terms: &[NeedTerms],
        doc: &DirectoryDoc,
        offer: &Offer,
        preferences: Preferences,
        relevance: &dyn Fn(&Need) -> f32,
    ) -> PairScore {
        let mut score = self.score_pair_uncited(buyer, doc, offer, preferences, relevance);
        self.cite_products(&mut score, buyer, terms, doc, offer);
        score
    }

    /// Names the catalogue product the need's words match best in a score's text
    /// part (what explanations cite). Scores never depend on it.
    pub fn cite_products(
        &self,
        score: &mut PairScore,
        buyer: &Buyer,
        terms: &[NeedTerms],
        doc: &DirectoryDoc,
        offer: &Offer,
    ) {
        let Some(need) = buyer.needs.iter().position(|n| Some(n.id) == score.need) else { return };
        let empty = NeedTerms::default();
        for part in &mut score.parts {
            if let Part::Text { product, .. } = &mut part.part
                && product.is_none()
            {
                *product = best_product(terms.get(need).unwrap_or(&empty), offer, doc);
            }
        }
    }

    /// [`Scorer::score_pair_with`] without [`Scorer::cite_products`]: for scoring
    /// many pairs of which few are shown.
    pub fn score_pair_uncited(
        &self,
        buyer: &Buyer,
        doc: &DirectoryDoc,
        offer: &Offer,
        preferences: Preferences,
        relevance: &dyn Fn(&Need) -> f32,
    ) -> PairScore {
        let mut parts = Vec::new();
        let mut veto = None;

        // Explicit interest, both directions; mutual interest beats one-sided.
        if preferences.buyer == Some(Preference::NoThanks) {
            veto = Some(Veto::NoThanks { by: Side::Buyer });
        } else if preferences.supplier == Some(Preference::NoThanks) {
            veto = Some(Veto::NoThanks { by: Side::Supplier });
        }
        let interest = match preferences.buyer {
            Some(Preference::Must) => points::BUYER_MUST,
            Some(Preference::Meet) => points::BUYER_MEET,
            _ => 0,
        } + match preferences.supplier {
            Some(Preference::Must) => points::SUPPLIER_MUST,
            Some(Preference::Meet) => points::SUPPLIER_MEET,
            _ => 0,
        } + if matches!(preferences.buyer, Some(Preference::Must | Preference::Meet))
            && matches!(preferences.supplier, Some(Preference::Must | Preference::Meet))
        {
            points::MUTUAL
        } else {
            0
        };
        let asked = interest > 0;
        if asked {
            parts.push(ScoredPart {
                part: Part::Interest { buyer: preferences.buyer, supplier: preferences.supplier },
                points: interest,
            });
        }

        // A language both speak, or an interpreter.
        let theirs = supplier_languages(doc);
        let common = buyer.languages.iter().find(|l| theirs.contains(l)).copied();
        match common {
            Some(language) => parts.push(ScoredPart {
                part: Part::Language { common: Some(language), interpreter: None },
                points: points::COMMON_LANGUAGE,
            }),
            None => match buyer.languages.iter().find(|l| self.interpreter_languages.contains(l)) {
                Some(&language) => parts.push(ScoredPart {
                    part: Part::Language { common: None, interpreter: Some(language) },
                    points: points::INTERPRETER,
                }),
                None => parts.push(ScoredPart { part: Part::NoLanguage, points: points::NO_LANGUAGE }),
            },
        }

        if doc.export_markets.iter().any(|c| c == &buyer.country) {
            parts.push(ScoredPart {
                part: Part::ExportExperience { country: buyer.country.clone() },
                points: points::EXPORTS_THERE,
            });
        }
        if doc.business_type == "trading" {
            parts.push(ScoredPart { part: Part::Trader, points: points::TRADER });
        }

        // The need this supplier answers best: unvetoed first, then by points.
        let best =
            buyer.needs.iter().map(|need| (need, self.score_need(need, doc, offer, relevance(need)))).max_by_key(
                |(need, (total, _, veto, relevant))| (veto.is_none() && *relevant, *relevant, *total, Reverse(need.id)),
            );
        let mut relevant = asked;
        let mut need_id = None;
        if let Some((need, (_, need_parts, need_veto, need_relevant))) = best {
            need_id = Some(need.id);
            relevant |= need_relevant;
            if need_relevant || asked {
                parts.extend(need_parts);
                if veto.is_none() {
                    veto = need_veto;
                }
            }
        }
        let total = parts.iter().map(|p| p.points).sum::<i32>();
        PairScore { buyer: buyer.id, supplier: doc.id, need: need_id, total, parts, veto, relevant }
    }

    /// Every need's relevance to every supplier, as need id → (supplier id → BM25).
    pub fn need_relevance(&self, buyers: &[Buyer]) -> HashMap<Uuid, HashMap<Uuid, f32>> {
        buyers
            .iter()
            .flat_map(|buyer| &buyer.needs)
            .map(|need| (need.id, self.index.relevance(&need.text()).into_iter().collect()))
            .collect()
    }
}

/// The catalogue product that best matches a need's own words: one point per
/// shared word, two per shared glossary concept, over every name of the product.
fn best_product(terms: &NeedTerms, offer: &Offer, doc: &DirectoryDoc) -> Option<Uuid> {
    offer
        .product_terms(doc)
        .iter()
        .map(|product| {
            let words = product.words.iter().filter(|t| terms.words.binary_search(t).is_ok()).count();
            let concepts = product.concepts.iter().filter(|c| terms.concepts.binary_search(c).is_ok()).count();
            (product, words + concepts * 2)
        })
        .filter(|(_, score)| *score > 0)
        .max_by_key(|(product, score)| (*score, Reverse(product.id)))
        .map(|(product, _)| product.id)
}

/// The product logistics are judged on: of the need's group, else any.
fn relevant_product<'d>(need: &Need, doc: &'d DirectoryDoc) -> Option<&'d ProductDoc> {
    doc.products
        .iter()
        .filter(|p| need.product_group.as_ref().is_none_or(|g| &p.product_group == g))
        .find(|p| p.monthly_capacity.is_some() || p.moq.is_some())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};
    use fair_domain::UiLanguage;
    use fair_search::CertDoc;

    use super::*;
    use crate::explain::explain;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn product(name_vi: &str, group: &str, processes: &[&str]) -> ProductDoc {
        ProductDoc {
            id: Uuid::now_v7(),
            name: BTreeMap::from([("vi".to_owned(), name_vi.to_owned())]),
            description: BTreeMap::new(),
            product_group: group.to_owned(),
            processes: processes.iter().map(|p| (*p).to_owned()).collect(),
            hs_code: Some("392690".to_owned()),
            materials: vec!["ABS".to_owned()],
            moq: Some(1000),
            monthly_capacity: Some(50_000),
            unit: Some("pcs".to_owned()),
            tolerance_um: Some(20),
        }
    }

    fn supplier(
        name: &str,
        business: &str,
        products: Vec<ProductDoc>,
        iso_until: Option<NaiveDate>,
    ) -> Arc<DirectoryDoc> {
        Arc::new(DirectoryDoc {
            id: Uuid::now_v7(),
            slug: fair_domain::text::slugify(name),
            name: name.to_owned(),
            name_en: None,
            headline: BTreeMap::new(),
            about: BTreeMap::new(),
            province: "ha-noi".to_owned(),
            industrial_park: None,
            website: None,
            employees: Some(120),
            business_type: business.to_owned(),
            export_markets: vec!["JP".to_owned()],
            languages: vec!["vi".to_owned(), "en".to_owned()],
            staff_languages: vec![],
            hall: None,
            stand: None,
            online_booth: true,
            logo_url: None,
            view_count: 0,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            products,
            certifications: iso_until
                .map(|until| CertDoc { standard: "ISO9001".to_owned(), valid_from: None, valid_until: until })
                .into_iter()
                .collect(),
        })
    }

    fn japanese_buyer() -> Buyer {
        Buyer {
            id: Uuid::now_v7(),
            country: "JP".to_owned(),
            languages: vec![Language::Japanese, Language::English],
            needs: vec![Need {
                id: Uuid::now_v7(),
                title: "射出成形によるABS樹脂カバーの調達".to_owned(),
                description: "家電向けABS樹脂カバー、月産2万個、公差±0.05mm、ISO 9001必須".to_owned(),
                language: Language::Japanese,
                product_group: Some("EL5".to_owned()),
                processes: vec!["P02".to_owned()],
                hs_code: Some("3926".to_owned()),
                required_certifications: vec!["ISO9001".to_owned()],
                annual_volume: Some(240_000),
                unit: Some("pcs".to_owned()),
                tolerance_um: Some(50),
            }],
        }
    }

    #[test]
    fn the_quick_relevance_test_agrees_with_scoring() {
        let today = day(2026, 11, 27);
        let index = DirectoryIndex::empty(today);
        let scorer = Scorer { index: &index, today, interpreter_languages: &[] };
        let mut docs = vec![
            supplier("Nhựa Tân Phát", "manufacturer", vec![product("Vỏ nhựa ABS", "EL5", &["P02"])], None),
            supplier("Đúc Sóc Sơn", "manufacturer", vec![product("Vỏ nhôm", "ME4", &["P03"])], None),
            supplier("Không có gì", "manufacturer", vec![], None),
        ];
        let mut no_hs = product("Khuôn", "ME1", &["P07"]);
        no_hs.hs_code = Some("84".to_owned());
        docs.push(supplier("Khuôn ngắn mã", "manufacturer", vec![no_hs], None));
        let base = japanese_buyer().needs.remove(0);
        let needs = [
            base.clone(),
            Need { product_group: None, processes: vec![], hs_code: None, ..base.clone() },
            Need { product_group: Some("ME4".to_owned()), processes: vec![], hs_code: None, ..base.clone() },
            Need { product_group: None, processes: vec!["P03".to_owned()], hs_code: None, ..base.clone() },
            Need { product_group: None, processes: vec![], hs_code: Some("392690".to_owned()), ..base.clone() },
            Need { product_group: None, processes: vec![], hs_code: Some("8480".to_owned()), ..base.clone() },
            Need { product_group: None, processes: vec![], hs_code: Some("39".to_owned()), ..base },
        ];
        for doc in &docs {
            let offer = Offer::of(doc);
            for need in &needs {
                for relevance in [0.0, 1.0, 4.0, 4.31, 4.4, 30.0] {
                    let (_, _, _, relevant) = scorer.score_need(need, doc, &offer, relevance);
                    assert_eq!(
                        need_is_relevant(need, &offer, relevance),
                        relevant,
                        "{} / {:?} {:?} {:?} at {relevance}",
                        doc.name,
                        need.product_group,
                        need.processes,
                        need.hs_code
                    );
                }
            }
        }
    }

    #[test]
    fn the_right_maker_wins_and_near_misses_do_not() {
        let today = day(2026, 11, 27);
        let right = supplier(
            "Nhựa Thăng Long",
            "manufacturer",
            vec![product("Vỏ nhựa ép phun ABS", "EL5", &["P02"])],
            Some(day(2027, 6, 30)),
        );
        let expired = supplier(
            "Nhựa Đông Anh",
            "manufacturer",
            vec![product("Vỏ nhựa ép phun ABS", "EL5", &["P02"])],
            Some(day(2026, 1, 31)),
        );
        let trader = supplier(
            "Thương mại Hà Nội",
            "trading",
            vec![product("Vỏ nhựa ép phun ABS", "EL5", &["P02"])],
            Some(day(2027, 6, 30)),
        );
        let wrong_process = supplier(
            "Cơ khí Bắc Ninh",
            "manufacturer",
            vec![product("Vỏ nhôm đúc áp lực", "EL5", &["P03"])],
            Some(day(2027, 6, 30)),
        );
        let docs = vec![right.clone(), expired.clone(), trader.clone(), wrong_process.clone()];
        let index = DirectoryIndex::build(docs.clone(), 1, today);
        let scorer = Scorer { index: &index, today, interpreter_languages: &[Language::Japanese] };
        let buyer = japanese_buyer();
        let relevance = scorer.need_relevance(std::slice::from_ref(&buyer));
        let score = |doc: &DirectoryDoc| {
            scorer.score_pair(&buyer, doc, Preferences::default(), &|need: &Need| {
                relevance.get(&need.id).and_then(|r| r.get(&doc.id)).copied().unwrap_or(0.0)
            })
        };
        let right_score = score(&right);
        assert!(right_score.is_candidate(), "{right_score:?}");
        assert!(matches!(score(&expired).veto, Some(Veto::ExpiredCertificate { .. })));
        let trader_score = score(&trader);
        let wrong_score = score(&wrong_process);
        assert!(trader_score.total < right_score.total - 200, "{} vs {}", trader_score.total, right_score.total);
        assert!(wrong_score.total < right_score.total, "{} vs {}", wrong_score.total, right_score.total);

        let why = explain(&right_score, &right, Side::Buyer, UiLanguage::Japanese);
        let all: Vec<&str> = why.reasons.iter().map(|r| r.text.as_str()).collect();
        assert!(all.iter().any(|t| t.contains("射出成形")), "{all:?}");
        assert!(all.iter().any(|t| t.contains("ISO 9001（2027年6月30日まで有効）")), "{all:?}");
        assert!(all.iter().any(|t| t.contains("共通言語：英語")), "{all:?}");
        assert!(all.iter().any(|t| t.contains("月産能力50,000 個")), "{all:?}");
        let why_vi = explain(&right_score, &right, Side::Supplier, UiLanguage::Vietnamese);
        assert!(
            why_vi.reasons.iter().any(|r| r.text.starts_with("Họ cần Ép phun nhựa; bạn làm")),
            "{:?}",
            why_vi.reasons
        );
        let veto = explain(&score(&expired), &expired, Side::Buyer, UiLanguage::English).veto.unwrap();
        assert_eq!(veto, "The required ISO 9001 expired on 31 Jan 2026");
    }

    #[test]
    fn preferences_count_both_ways_and_no_thanks_vetoes() {
        let today = day(2026, 11, 27);
        let doc = supplier(
            "Nhựa Thăng Long",
            "manufacturer",
            vec![product("Vỏ nhựa ép phun ABS", "EL5", &["P02"])],
            Some(day(2027, 6, 30)),
        );
        let index = DirectoryIndex::build(vec![doc.clone()], 1, today);
        let scorer = Scorer { index: &index, today, interpreter_languages: &[] };
        let buyer = japanese_buyer();
        let zero = |_: &Need| 0.0;
        let one_sided =
            scorer.score_pair(&buyer, &doc, Preferences { buyer: Some(Preference::Must), supplier: None }, &zero);
        let mutual = scorer.score_pair(
            &buyer,
            &doc,
            Preferences { buyer: Some(Preference::Must), supplier: Some(Preference::Must) },
            &zero,
        );
        assert!(mutual.total > one_sided.total);
        let refused =
            scorer.score_pair(&buyer, &doc, Preferences { buyer: None, supplier: Some(Preference::NoThanks) }, &zero);
        assert_eq!(refused.veto, Some(Veto::NoThanks { by: Side::Supplier }));
        assert!(!refused.is_candidate());
        // No interpreter for Japanese and no common language: a warning, not a veto.
        let japanese_only = Buyer { languages: vec![Language::Japanese], ..buyer.clone() };
        let alone = scorer.score_pair(&japanese_only, &doc, Preferences::default(), &zero);
        assert!(alone.parts.iter().any(|p| p.part == Part::NoLanguage));
        let with_interpreter = Scorer { index: &index, today, interpreter_languages: &[Language::Japanese] };
        let helped = with_interpreter.score_pair(&japanese_only, &doc, Preferences::default(), &zero);
        let why = explain(&helped, &doc, Side::Buyer, UiLanguage::Japanese);
        assert!(why.reasons.iter().any(|r| r.text == "ベトナム語⇔日本語の通訳を手配できます"), "{:?}", why.reasons);
    }
}
