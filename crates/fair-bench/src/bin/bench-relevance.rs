//! Relevance of recommendations: a graded set generated from the demo fair's ground
//! truth, with planted near-misses, ranked the way the product ranks suppliers for a
//! buyer. Not a test: it prints figures.
//!
//! The directory is the Plan 35 demo fair (fair-seed) plus, for a sample of needs in
//! each language, planted near-miss twins of a supplier that fits the need: the same
//! firm with its required certificate expired or missing, as a trading company, and
//! with its products of the need's group replaced by ones of another process. Every
//! need of every buyer is then ranked as `GET /api/v1/buyers/{id}/recommendations`
//! does (`Scorer::score_pair` per exhibitor, `is_candidate`, sorted by total).
//!
//! Grades come from the generator's structured truth, never from the scorer:
//! - hard violation (grade 0): a required certificate not valid today (expired or
//!   missing), or the buyer said No thanks to the supplier;
//! - 3: a maker with a product of the need's group whose processes, over the
//!   supplier's products of that group, cover all the need's processes;
//! - 2: a maker of the group doing the need's main (first) process but not all;
//! - 1: the group without the main process ("right group, wrong process"), or
//!   another group of the sector with the main process; a trading company gets at
//!   most 1 whatever it lists;
//! - 0: anything else.
//!
//! Needs without a group are graded on processes alone. nDCG@10 uses gains 2^g − 1
//! against the ideal order of all graded suppliers; recall@20 counts suppliers of
//! grade ≥ 2 in the top 20 over min(20, their number).
//!
//! `cargo run --release -p fair-bench --bin bench-relevance`

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use clap::Parser;
use fair_bench::demo::{self, SplitMix};
use fair_domain::taxonomy;
use fair_domain::{BusinessType, Language};
use fair_matchmaking::score::{Buyer, Need, PairScore, Part, Preference, Preferences, Scorer};
use fair_search::{DirectoryDoc, DirectoryIndex};
use fair_seed::{DemoNeed, DemoOptions, DemoSupplier};
use uuid::Uuid;

#[derive(Debug, Parser)]
struct Args {
    /// Demo seed.
    #[arg(long, default_value_t = 35)]
    seed: u64,
    /// Needs per language that get planted near-miss twins.
    #[arg(long, default_value_t = 15)]
    planted_per_language: usize,
    /// Print the ranking of this many of the worst needs (by nDCG@10) per mode.
    #[arg(long, default_value_t = 0)]
    explain: usize,
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

/// What a supplier is to a need, from the generator's truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Grade 3 or 2: a maker of the group with the main process.
    Fit,
    /// A trading company that would otherwise fit (grade ≤ 1).
    Trader,
    /// The need's group, not its main process.
    WrongProcess,
    /// Another group of the sector, with the main process.
    SectorProcess,
    Unrelated,
    ExpiredCertificate,
    MissingCertificate,
    NoThanks,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Fit => "fit (grade 2–3)",
            Kind::Trader => "trading company",
            Kind::WrongProcess => "right group, wrong process",
            Kind::SectorProcess => "same sector, main process",
            Kind::Unrelated => "unrelated",
            Kind::ExpiredCertificate => "expired required certificate",
            Kind::MissingCertificate => "missing required certificate",
            Kind::NoThanks => "buyer said No thanks",
        }
    }

    fn violation(self) -> bool {
        matches!(self, Kind::ExpiredCertificate | Kind::MissingCertificate | Kind::NoThanks)
    }
}

#[derive(Clone, Copy, Debug)]
struct Judgement {
    grade: u8,
    kind: Kind,
}

fn sector(group: &str) -> Option<&'static str> {
    taxonomy::product_group(group).map(|g| g.sector)
}

/// The truth about one supplier for one need (see the module documentation).
fn judge(need: &DemoNeed, supplier: &DemoSupplier, refused: bool, today: NaiveDate) -> Judgement {
    if refused {
        return Judgement { grade: 0, kind: Kind::NoThanks };
    }
    for standard in &need.required_certifications {
        let held: Vec<_> = supplier.certifications.iter().filter(|c| c.standard == *standard).collect();
        if !held.iter().any(|c| c.valid_from <= today && today <= c.valid_until) {
            let kind = if held.is_empty() { Kind::MissingCertificate } else { Kind::ExpiredCertificate };
            return Judgement { grade: 0, kind };
        }
    }
    let processes_of = |filter: &dyn Fn(&str) -> bool| -> BTreeSet<&str> {
        supplier.products.iter().filter(|p| filter(p.product_group)).flat_map(|p| p.processes.iter().copied()).collect()
    };
    let main = need.processes.first().copied();
    let (grade, kind) = match need.product_group {
        Some(group) => {
            let in_group = supplier.products.iter().any(|p| p.product_group == group);
            let done = processes_of(&|g| g == group);
            if in_group {
                if need.processes.iter().all(|p| done.contains(p)) {
                    (3, Kind::Fit)
                } else if main.is_some_and(|p| done.contains(p)) {
                    (2, Kind::Fit)
                } else {
                    (1, Kind::WrongProcess)
                }
            } else {
                let same_sector = processes_of(&|g| sector(g).is_some() && sector(g) == sector(group));
                if main.is_some_and(|p| same_sector.contains(p)) {
                    (1, Kind::SectorProcess)
                } else {
                    (0, Kind::Unrelated)
                }
            }
        }
        None => {
            let all =
                supplier.products.iter().any(|p| need.processes.iter().all(|wanted| p.processes.contains(wanted)));
            let done = processes_of(&|_| true);
            if all && !need.processes.is_empty() {
                (3, Kind::Fit)
            } else if main.is_some_and(|p| done.contains(p)) {
                (2, Kind::Fit)
            } else if need.processes.iter().any(|p| done.contains(p)) {
                (1, Kind::WrongProcess)
            } else {
                (0, Kind::Unrelated)
            }
        }
    };
    if supplier.business_type == BusinessType::Trading && grade >= 1 {
        return Judgement { grade: 1, kind: Kind::Trader };
    }
    Judgement { grade, kind }
}

/// A planted twin: which need it was planted for, what it is, and its original.
#[derive(Clone, Copy, Debug)]
struct Planted {
    need: usize,
    kind: Kind,
    twin_of: usize,
}

/// A need's nDCG@10, its index, its top of the ranking and the buyer it was ranked for.
type Worst = (f64, usize, Vec<(usize, PairScore)>, Buyer);

struct NeedCase {
    buyer: usize,
    need: DemoNeed,
    structured: Need,
    language: Language,
}

fn dcg(grades: impl Iterator<Item = u8>) -> f64 {
    grades.enumerate().map(|(i, g)| (2f64.powi(i32::from(g)) - 1.0) / (i as f64 + 2.0).log2()).sum()
}

#[derive(Default, Clone)]
struct Tally {
    ndcg: Vec<f64>,
    recall: Vec<f64>,
    violations: usize,
    needs: usize,
    no_relevant: usize,
}

impl Tally {
    fn mean(values: &[f64]) -> f64 {
        values.iter().sum::<f64>() / values.len().max(1) as f64
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let today = today();
    let started = std::time::Instant::now();
    let fair = fair_seed::generate(&DemoOptions::plan_35(args.seed, today));
    let mut suppliers: Vec<DemoSupplier> = fair.suppliers.iter().filter(|s| s.published).cloned().collect();
    let buyers: Vec<Buyer> = fair.buyers.iter().enumerate().map(|(i, b)| demo::buyer(i, b)).collect();
    let mut cases: Vec<NeedCase> = Vec::new();
    for (b, buyer) in fair.buyers.iter().enumerate() {
        for (n, need) in buyer.needs.iter().enumerate() {
            cases.push(NeedCase {
                buyer: b,
                need: need.clone(),
                structured: buyers[b].needs[n].clone(),
                language: need.language,
            });
        }
    }
    let natural = suppliers.len();

    // Planted near-misses: for a sample of needs of each language, twins of the first
    // supplier that fits the need (grade 3).
    let mut rng = SplitMix::new(args.seed);
    let mut by_language: BTreeMap<Language, Vec<usize>> = BTreeMap::new();
    for (i, case) in cases.iter().enumerate() {
        by_language.entry(case.language).or_default().push(i);
    }
    let mut planted: HashMap<usize, Planted> = HashMap::new();
    let mut refusals: HashMap<(usize, usize), ()> = HashMap::new();
    let mut sampled = 0;
    for list in by_language.values() {
        let step = (list.len() / args.planted_per_language.max(1)).max(1);
        for &case_index in list.iter().step_by(step).take(args.planted_per_language) {
            let case = &cases[case_index];
            let fits: Vec<usize> =
                (0..natural).filter(|&s| judge(&case.need, &suppliers[s], false, today).grade == 3).collect();
            let Some(&template) = fits.first() else { continue };
            sampled += 1;
            let original = suppliers[template].clone();
            let mut plant = |suppliers: &mut Vec<DemoSupplier>, twin: DemoSupplier, kind: Kind| {
                planted.insert(suppliers.len(), Planted { need: case_index, kind, twin_of: template });
                suppliers.push(twin);
            };
            if !case.need.required_certifications.is_empty() {
                let mut expired = original.clone();
                for cert in &mut expired.certifications {
                    if case.need.required_certifications.contains(&cert.standard) {
                        cert.valid_until = today - Duration::days(10 + rng.below(300) as i64);
                        cert.valid_from = cert.valid_until - Duration::days(3 * 365);
                    }
                }
                expired.slug.push_str("-het-han");
                plant(&mut suppliers, expired, Kind::ExpiredCertificate);
                let mut missing = original.clone();
                missing.certifications.retain(|c| !case.need.required_certifications.contains(&c.standard));
                missing.slug.push_str("-chua-chung-nhan");
                plant(&mut suppliers, missing, Kind::MissingCertificate);
            }
            let mut trader = original.clone();
            trader.business_type = BusinessType::Trading;
            trader.vsic = "4659".to_owned();
            trader.slug.push_str("-thuong-mai");
            plant(&mut suppliers, trader, Kind::Trader);
            if let Some(group) = case.need.product_group {
                // The same firm making the group by other processes: its products of
                // the group and its booth texts come from a supplier elsewhere in the
                // fair whose products of the group use none of the need's processes.
                let donors: Vec<&DemoSupplier> = fair
                    .suppliers
                    .iter()
                    .filter(|s| {
                        let of_group: Vec<_> = s.products.iter().filter(|p| p.product_group == group).collect();
                        !of_group.is_empty()
                            && of_group.iter().all(|p| !case.need.processes.iter().any(|w| p.processes.contains(w)))
                    })
                    .collect();
                if !donors.is_empty() {
                    let donor = donors[rng.below(donors.len() as u64) as usize];
                    let mut wrong = original.clone();
                    wrong.products.retain(|p| p.product_group != group);
                    wrong.products.extend(donor.products.iter().filter(|p| p.product_group == group).cloned());
                    wrong.headline = donor.headline.clone();
                    wrong.about = donor.about.clone();
                    wrong.slug.push_str("-khac-cong-nghe");
                    plant(&mut suppliers, wrong, Kind::WrongProcess);
                }
            }
            // Every third sampled need: the buyer said No thanks to another fitting supplier.
            if sampled % 3 == 0
                && let Some(&refused) = fits.get(1)
            {
                refusals.insert((case.buyer, refused), ());
            }
        }
    }
    let docs: Vec<Arc<DirectoryDoc>> =
        suppliers.iter().enumerate().map(|(i, s)| Arc::new(demo::supplier_doc(i, s))).collect();
    let build_started = std::time::Instant::now();
    let index = DirectoryIndex::build(docs.clone(), 1, today);
    let index_time = build_started.elapsed();
    let interpreters = [
        Language::Japanese,
        Language::ChineseTraditional,
        Language::ChineseSimplified,
        Language::Korean,
        Language::English,
        Language::Thai,
    ];
    let scorer = Scorer { index: &index, today, interpreter_languages: &interpreters };
    println!(
        "directory: {} published demo suppliers + {} planted twins for {} needs; {} needs of {} buyers; {} No-thanks; index {:.0} ms; set up in {:.1} s",
        natural,
        planted.len(),
        sampled,
        cases.len(),
        buyers.len(),
        refusals.len(),
        index_time.as_secs_f64() * 1e3,
        started.elapsed().as_secs_f64()
    );

    // Grades, once (they do not depend on the mode).
    let judgements: Vec<Vec<Judgement>> = cases
        .iter()
        .map(|case| {
            suppliers
                .iter()
                .enumerate()
                .map(|(s, supplier)| judge(&case.need, supplier, refusals.contains_key(&(case.buyer, s)), today))
                .collect()
        })
        .collect();

    let mut summary: Vec<(String, Tally, BTreeMap<Language, Tally>)> = Vec::new();
    for mode in ["as entered (group, processes, text)", "text only (group, processes, HS code left out)"] {
        let text_only = mode.starts_with("text");
        let mode_started = std::time::Instant::now();
        let mut overall = Tally::default();
        // A diagnostic floor: the need's text alone (raw BM25 over the directory).
        let mut bm25_only = Tally::default();
        let mut per_language: BTreeMap<Language, Tally> = BTreeMap::new();
        let mut top10_kinds: BTreeMap<Kind, usize> = BTreeMap::new();
        let mut planted_stats: BTreeMap<Kind, (usize, usize, usize, usize)> = BTreeMap::new(); // planted, listed, top10, above twin
        let mut own_refusals_shown = 0usize;
        let mut worst: Vec<Worst> = Vec::new();
        for (c, case) in cases.iter().enumerate() {
            let mut need = case.structured.clone();
            if text_only {
                need.product_group = None;
                need.processes.clear();
                need.hs_code = None;
                // As the server reads such a need from the database.
                need = need.with_processes_from_text();
            }
            let base = &buyers[case.buyer];
            let buyer = Buyer {
                id: base.id,
                country: base.country.clone(),
                languages: base.languages.clone(),
                needs: vec![need],
            };
            let relevance: HashMap<Uuid, f32> = index.relevance(&buyer.needs[0].text()).into_iter().collect();
            let mut scored: Vec<(usize, PairScore)> = docs
                .iter()
                .enumerate()
                .map(|(s, doc)| {
                    let preferences = if refusals.contains_key(&(case.buyer, s)) {
                        Preferences { buyer: Some(Preference::NoThanks), supplier: None }
                    } else {
                        Preferences::default()
                    };
                    let score = scorer
                        .score_pair(&buyer, doc, preferences, &|_| relevance.get(&doc.id).copied().unwrap_or(0.0));
                    (s, score)
                })
                .collect();
            // The endpoint also keeps the buyer's own picks (No thanks included, flagged).
            own_refusals_shown += scored
                .iter()
                .filter(|(s, score)| !score.is_candidate() && refusals.contains_key(&(case.buyer, *s)))
                .filter(|(_, score)| {
                    let better = scored.iter().filter(|(_, o)| o.is_candidate() && o.total > score.total).count();
                    better < 10
                })
                .count();
            scored.retain(|(_, score)| score.is_candidate());
            scored.sort_by(|a, b| b.1.total.cmp(&a.1.total).then(docs[a.0].name.cmp(&docs[b.0].name)));

            let grades = &judgements[c];
            let mut ideal: Vec<u8> = grades.iter().map(|j| j.grade).collect();
            ideal.sort_unstable_by(|a, b| b.cmp(a));
            let idcg = dcg(ideal.iter().copied().take(10));
            let relevant = grades.iter().filter(|j| j.grade >= 2).count();
            let top: Vec<usize> = scored.iter().map(|(s, _)| *s).collect();
            if idcg > 0.0 {
                let mut by_text: Vec<(usize, f32)> =
                    docs.iter().enumerate().filter_map(|(s, doc)| relevance.get(&doc.id).map(|r| (s, *r))).collect();
                by_text.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                bm25_only.ndcg.push(dcg(by_text.iter().take(10).map(|&(s, _)| grades[s].grade)) / idcg);
                if relevant > 0 {
                    let found = by_text.iter().take(20).filter(|&&(s, _)| grades[s].grade >= 2).count();
                    bm25_only.recall.push(found as f64 / relevant.min(20) as f64);
                }
                bm25_only.violations += by_text.iter().take(10).filter(|&&(s, _)| grades[s].kind.violation()).count();
            }
            let language = per_language.entry(case.language).or_default();
            overall.needs += 1;
            language.needs += 1;
            let violations = top.iter().take(10).filter(|&&s| grades[s].kind.violation()).count();
            overall.violations += violations;
            language.violations += violations;
            for &s in top.iter().take(10) {
                *top10_kinds.entry(grades[s].kind).or_default() += 1;
            }
            if idcg > 0.0 {
                let value = dcg(top.iter().take(10).map(|&s| grades[s].grade)) / idcg;
                overall.ndcg.push(value);
                language.ndcg.push(value);
                worst.push((value, c, scored.iter().take(12).cloned().collect(), buyer.clone()));
            } else {
                overall.no_relevant += 1;
                language.no_relevant += 1;
            }
            if relevant > 0 {
                let found = top.iter().take(20).filter(|&&s| grades[s].grade >= 2).count();
                let value = found as f64 / relevant.min(20) as f64;
                overall.recall.push(value);
                language.recall.push(value);
            }
            for (&s, plant) in &planted {
                if plant.need != c {
                    continue;
                }
                let entry = planted_stats.entry(plant.kind).or_default();
                entry.0 += 1;
                let position = top.iter().position(|&x| x == s);
                let twin = top.iter().position(|&x| x == plant.twin_of);
                if let Some(position) = position {
                    entry.1 += 1;
                    entry.2 += usize::from(position < 10);
                    entry.3 += usize::from(twin.is_none_or(|t| position < t));
                }
            }
        }

        println!("\n=== ranking: {mode} ({:.1} s) ===", mode_started.elapsed().as_secs_f64());
        println!("| need language | needs | nDCG@10 | recall@20 (grade ≥ 2) | violations in top 10 |");
        println!("|---|---|---|---|---|");
        for (language, tally) in &per_language {
            println!(
                "| {} | {} | {:.3} | {:.3} | {} |",
                language.tag(),
                tally.needs,
                Tally::mean(&tally.ndcg),
                Tally::mean(&tally.recall),
                tally.violations
            );
        }
        println!(
            "| **all** | {} | **{:.3}** | **{:.3}** | **{}** |",
            overall.needs,
            Tally::mean(&overall.ndcg),
            Tally::mean(&overall.recall),
            overall.violations
        );
        println!(
            "({} needs have no supplier of grade ≥ 1 and are left out of nDCG; targets nDCG@10 ≥ 0.9: {}, recall@20 ≥ 0.95: {}, 0 violations: {})",
            overall.no_relevant,
            if Tally::mean(&overall.ndcg) >= 0.9 { "met" } else { "MISSED" },
            if Tally::mean(&overall.recall) >= 0.95 { "met" } else { "MISSED" },
            if overall.violations == 0 { "met" } else { "MISSED" },
        );
        println!(
            "diagnostic, the need's text alone (raw BM25, no vetoes): nDCG@10 {:.3}, recall@20 {:.3}, violations in top 10 {}",
            Tally::mean(&bm25_only.ndcg),
            Tally::mean(&bm25_only.recall),
            bm25_only.violations
        );
        println!(
            "top-10 places by truth: {}",
            top10_kinds.iter().map(|(k, n)| format!("{} {n}", k.name())).collect::<Vec<_>>().join(", ")
        );
        println!("planted twins: kind | planted | listed at all | in top 10 | ranked above its fitting original");
        for (kind, (count, listed, top10, above)) in &planted_stats {
            println!("  {:<30} {count:>4} {listed:>6} {top10:>6} {above:>6}", kind.name());
        }
        println!("own No-thanks picks the endpoint would still show (flagged) within the top 10: {own_refusals_shown}");

        if args.explain > 0 {
            worst.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (value, c, top, buyer) in worst.iter().take(args.explain) {
                let case = &cases[*c];
                let grades = &judgements[*c];
                println!(
                    "\n-- nDCG@10 {value:.3}: [{}] {} | group {:?} processes {:?} certs {:?}",
                    case.language.tag(),
                    case.need.title,
                    case.need.product_group,
                    case.need.processes,
                    case.need.required_certifications
                );
                for (s, score) in top.iter().take(10) {
                    println!(
                        "   {:>5} g{} {:<28} {} | {}",
                        score.total,
                        grades[*s].grade,
                        grades[*s].kind.name(),
                        docs[*s].name,
                        parts(score)
                    );
                }
                let mut missed: Vec<usize> = (0..docs.len())
                    .filter(|&s| grades[s].grade == 3 && !top.iter().take(10).any(|(x, _)| *x == s))
                    .collect();
                missed.truncate(3);
                for s in missed {
                    let relevance = index.relevance_to(&buyer.needs[0].text(), docs[s].id);
                    let score = scorer.score_pair(buyer, &docs[s], Preferences::default(), &|_| relevance);
                    println!("   missed g3 {:>5} {} | {}", score.total, docs[s].name, parts(&score));
                }
            }
        }
        summary.push((mode.to_owned(), overall, per_language));
    }

    println!("\n=== summary ===");
    println!("| ranking | nDCG@10 | recall@20 | violations in top 10 |");
    println!("|---|---|---|---|");
    for (mode, overall, _) in &summary {
        println!(
            "| {mode} | {:.3} | {:.3} | {} |",
            Tally::mean(&overall.ndcg),
            Tally::mean(&overall.recall),
            overall.violations
        );
    }
    Ok(())
}

/// A score's parts, short: what each contributed.
fn parts(score: &PairScore) -> String {
    let mut out: Vec<String> = score
        .parts
        .iter()
        .map(|p| {
            let name = match &p.part {
                Part::Interest { .. } => "interest".to_owned(),
                Part::ProductGroup { exact, .. } => format!("group{}", if *exact { "" } else { "~sector" }),
                Part::HsCode { digits, .. } => format!("hs{digits}"),
                Part::Processes { matched, wanted } => format!("processes {}/{wanted}", matched.len()),
                Part::Text { relevance, .. } => format!("text {relevance:.2}"),
                Part::Certifications { .. } => "certs".to_owned(),
                Part::Certified { .. } => "certified".to_owned(),
                Part::Language { common, .. } => {
                    format!("language{}", if common.is_some() { "" } else { "+interpreter" })
                }
                Part::NoLanguage => "no-language".to_owned(),
                Part::Capacity { .. } => "capacity".to_owned(),
                Part::MinimumOrder { .. } => "moq".to_owned(),
                Part::Tolerance { .. } => "tolerance".to_owned(),
                Part::ExportExperience { .. } => "exports".to_owned(),
                Part::Trader => "trader".to_owned(),
            };
            format!("{name} {:+}", p.points)
        })
        .collect();
    if let Some(veto) = &score.veto {
        out.push(format!("VETO {veto:?}"));
    }
    out.join(", ")
}
