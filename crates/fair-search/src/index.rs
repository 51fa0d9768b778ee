use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;

use chrono::NaiveDate;
use fair_domain::taxonomy;
use fair_domain::text::{fold, is_cjk_token, tokenize};
use uuid::Uuid;

use crate::doc::DirectoryDoc;
use crate::query::{FacetCounts, Filters, Hit, SearchRequest, SearchResults, Sort};

/// Fields an exhibitor's text is indexed under, each with its own weight.
const NAME: usize = 0;
const CATALOGUE: usize = 1;
const TAXONOMY: usize = 2;
const HEADLINE: usize = 3;
const BODY: usize = 4;
const FIELD_COUNT: usize = 5;
const FIELD_WEIGHTS: [f32; FIELD_COUNT] = [3.0, 2.0, 1.5, 1.5, 1.0];

/// BM25 parameters (the usual values).
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A prefix expansion of the word being typed counts less than the exact word.
const PREFIX_WEIGHT: f32 = 0.7;
const MAX_PREFIX_EXPANSIONS: usize = 64;
/// A query longer than this is cut: beyond it words add noise, not precision.
const MAX_QUERY_TOKENS: usize = 32;
/// Share of a CJK query's bigrams a document must contain (word order and
/// okurigana vary, so requiring all of them would miss good matches).
const CJK_MIN_SHOULD_MATCH: f32 = 0.6;

type TermId = u32;

#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    field: u8,
    tf: u16,
}

#[derive(Debug)]
struct Entry {
    doc: Arc<DirectoryDoc>,
    sort_name: String,
    field_len: [u32; FIELD_COUNT],
    /// Per product: the distinct terms of its name, materials and taxonomy labels.
    product_terms: Vec<Vec<TermId>>,
    sectors: Vec<String>,
    groups: Vec<String>,
    processes: Vec<String>,
    size: Option<&'static str>,
}

/// An immutable search index over the published exhibitors.
#[derive(Debug)]
pub struct DirectoryIndex {
    entries: Vec<Entry>,
    by_id: HashMap<Uuid, u32>,
    terms: BTreeMap<String, TermId>,
    postings: Vec<Vec<Posting>>,
    doc_freq: Vec<u32>,
    avg_len: [f32; FIELD_COUNT],
    revision: i64,
    built_on: NaiveDate,
}

struct Builder {
    terms: HashMap<String, TermId>,
    postings: Vec<Vec<Posting>>,
    doc_freq: Vec<u32>,
}

impl Builder {
    fn term(&mut self, token: &str) -> TermId {
        if let Some(&id) = self.terms.get(token) {
            return id;
        }
        let id = self.postings.len() as TermId;
        self.terms.insert(token.to_owned(), id);
        self.postings.push(Vec::new());
        self.doc_freq.push(0);
        id
    }
}

/// Collects the terms of one document, field by field.
struct DocTerms<'b> {
    builder: &'b mut Builder,
    tf: [HashMap<TermId, u16>; FIELD_COUNT],
    len: [u32; FIELD_COUNT],
}

impl DocTerms<'_> {
    fn add(&mut self, field: usize, text: &str) {
        let tokens = tokenize(text);
        for token in &tokens {
            let id = self.builder.term(token);
            *self.tf[field].entry(id).or_default() += 1;
            self.len[field] += 1;
        }
        // Adjacent words also form a phrase term, so "ep phun" ranks "Ép phun nhựa"
        // above a text that has "ép" and "phun" far apart.
        for pair in tokens.windows(2) {
            if !is_cjk_token(&pair[0]) && !is_cjk_token(&pair[1]) {
                let id = self.builder.term(&format!("{} {}", pair[0], pair[1]));
                *self.tf[field].entry(id).or_default() += 1;
            }
        }
    }

    fn term_ids(&mut self, text: &str, out: &mut Vec<TermId>) {
        for token in tokenize(text) {
            out.push(self.builder.term(&token));
        }
    }
}

fn group_texts(code: &str) -> Vec<&'static str> {
    let mut texts = Vec::new();
    if let Some(group) = taxonomy::product_group(code) {
        texts.extend(group.labels.all());
        texts.push(group.examples);
        if let Some(sector) = taxonomy::sector(group.sector) {
            texts.extend(sector.labels.all());
        }
    }
    texts
}

fn process_texts(code: &str) -> Vec<&'static str> {
    let mut texts = Vec::new();
    if let Some(process) = taxonomy::process(code) {
        texts.extend(process.labels.all());
        texts.extend(process.synonyms.iter().copied());
    }
    texts
}

impl DirectoryIndex {
    /// An index with nothing in it.
    pub fn empty(today: NaiveDate) -> Self {
        Self::build(Vec::new(), 0, today)
    }

    /// Indexes `docs`. Certificate names are indexed as text only while valid on
    /// `today`; rebuild when the day changes.
    pub fn build(docs: Vec<Arc<DirectoryDoc>>, revision: i64, today: NaiveDate) -> Self {
        let mut builder = Builder {
            terms: HashMap::new(),
            postings: Vec::new(),
            doc_freq: Vec::new(),
        };
        let mut entries = Vec::with_capacity(docs.len());
        let mut by_id = HashMap::with_capacity(docs.len());
        let mut total_len = [0u64; FIELD_COUNT];

        for (index, doc) in docs.into_iter().enumerate() {
            by_id.insert(doc.id, index as u32);
            let groups = doc.product_groups();
            let processes = doc.processes();
            let mut terms = DocTerms {
                builder: &mut builder,
                tf: Default::default(),
                len: [0; FIELD_COUNT],
            };
            terms.add(NAME, &doc.name);
            if let Some(name_en) = &doc.name_en {
                terms.add(NAME, name_en);
            }
            for product in &doc.products {
                for name in product.name.values() {
                    terms.add(CATALOGUE, name);
                }
                for description in product.description.values() {
                    terms.add(BODY, description);
                }
                for material in &product.materials {
                    terms.add(BODY, material);
                }
                if let Some(hs) = &product.hs_code {
                    terms.add(BODY, hs);
                }
            }
            for code in &groups {
                for text in group_texts(code) {
                    terms.add(TAXONOMY, text);
                }
            }
            for code in &processes {
                for text in process_texts(code) {
                    terms.add(TAXONOMY, text);
                }
            }
            for code in doc.valid_certifications(today) {
                if let Some(standard) = taxonomy::certification(&code) {
                    terms.add(TAXONOMY, standard.name);
                    for alias in standard.aliases {
                        terms.add(TAXONOMY, alias);
                    }
                }
            }
            for headline in doc.headline.values() {
                terms.add(HEADLINE, headline);
            }
            for about in doc.about.values() {
                terms.add(BODY, about);
            }
            if let Some(province) = taxonomy::province(&doc.province) {
                terms.add(BODY, province.name);
                terms.add(BODY, province.name_en);
            }
            if let Some(park) = doc
                .industrial_park
                .as_deref()
                .and_then(taxonomy::industrial_park)
            {
                terms.add(BODY, park.name);
                terms.add(BODY, park.name_en);
            }

            let mut product_terms = Vec::with_capacity(doc.products.len());
            for product in &doc.products {
                let mut ids = Vec::new();
                for name in product.name.values() {
                    terms.term_ids(name, &mut ids);
                }
                for material in &product.materials {
                    terms.term_ids(material, &mut ids);
                }
                for text in group_texts(&product.product_group) {
                    terms.term_ids(text, &mut ids);
                }
                for code in &product.processes {
                    for text in process_texts(code) {
                        terms.term_ids(text, &mut ids);
                    }
                }
                ids.sort_unstable();
                ids.dedup();
                product_terms.push(ids);
            }

            let DocTerms { tf, len, .. } = terms;
            let mut seen: Vec<TermId> = Vec::new();
            for (field, field_tf) in tf.iter().enumerate() {
                for (&term, &count) in field_tf {
                    builder.postings[term as usize].push(Posting {
                        doc: index as u32,
                        field: field as u8,
                        tf: count,
                    });
                    seen.push(term);
                }
                total_len[field] += u64::from(len[field]);
            }
            seen.sort_unstable();
            seen.dedup();
            for term in seen {
                builder.doc_freq[term as usize] += 1;
            }

            entries.push(Entry {
                sort_name: fold(&doc.name),
                size: doc.company_size().map(|size| size.as_str()),
                field_len: len,
                product_terms,
                sectors: doc.sectors(),
                groups,
                processes,
                doc,
            });
        }

        let count = entries.len().max(1) as f32;
        let avg_len = total_len.map(|total| (total as f32 / count).max(1.0));
        Self {
            entries,
            by_id,
            terms: builder.terms.into_iter().collect(),
            postings: builder.postings,
            doc_freq: builder.doc_freq,
            avg_len,
            revision,
            built_on: today,
        }
    }

    /// The same index with one exhibitor added, replaced (`Some`) or removed (`None`).
    pub fn with_doc(
        &self,
        id: Uuid,
        doc: Option<Arc<DirectoryDoc>>,
        revision: i64,
        today: NaiveDate,
    ) -> Self {
        let mut docs: Vec<Arc<DirectoryDoc>> = self
            .entries
            .iter()
            .filter(|entry| entry.doc.id != id)
            .map(|entry| entry.doc.clone())
            .collect();
        docs.extend(doc);
        Self::build(docs, revision, today)
    }

    /// The directory revision this index reflects.
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// The day certificate texts were indexed for.
    pub fn built_on(&self) -> NaiveDate {
        self.built_on
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: Uuid) -> Option<&Arc<DirectoryDoc>> {
        self.by_id
            .get(&id)
            .map(|&index| &self.entries[index as usize].doc)
    }

    pub fn docs(&self) -> impl Iterator<Item = &Arc<DirectoryDoc>> {
        self.entries.iter().map(|entry| &entry.doc)
    }

    fn idf(&self, term: TermId) -> f32 {
        let n = self.entries.len() as f32;
        let df = self.doc_freq[term as usize] as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25 of one term, summed over fields with their weights, added into `scores`.
    fn score_term(&self, term: TermId, weight: f32, scores: &mut [f32]) {
        let idf = self.idf(term) * weight;
        for posting in &self.postings[term as usize] {
            let field = posting.field as usize;
            let entry = &self.entries[posting.doc as usize];
            let norm = 1.0 - B + B * entry.field_len[field] as f32 / self.avg_len[field];
            let tf = f32::from(posting.tf);
            scores[posting.doc as usize] +=
                FIELD_WEIGHTS[field] * idf * tf * (K1 + 1.0) / (tf + K1 * norm);
        }
    }

    fn parse_query(&self, text: &str) -> Query {
        let mut tokens = tokenize(text);
        tokens.truncate(MAX_QUERY_TOKENS);
        let typing_last_word = !text.ends_with(char::is_whitespace);
        let last = tokens.len().saturating_sub(1);
        let mut clauses = Vec::with_capacity(tokens.len());
        for (position, token) in tokens.iter().enumerate() {
            let cjk = is_cjk_token(token);
            let mut terms = Vec::new();
            if let Some(&id) = self.terms.get(token.as_str()) {
                terms.push((id, 1.0));
            }
            if position == last && typing_last_word && !cjk && token.chars().count() >= 2 {
                let expansions = self
                    .terms
                    .range::<str, _>((Bound::Excluded(token.as_str()), Bound::Unbounded))
                    .take_while(|(term, _)| term.starts_with(token.as_str()))
                    .filter(|(term, _)| !term.contains(' '))
                    .take(MAX_PREFIX_EXPANSIONS);
                terms.extend(expansions.map(|(_, &id)| (id, PREFIX_WEIGHT)));
            }
            clauses.push(Clause { terms, cjk });
        }
        let mut phrases = Vec::new();
        for pair in tokens.windows(2) {
            if !is_cjk_token(&pair[0]) && !is_cjk_token(&pair[1]) {
                if let Some(&id) = self.terms.get(&format!("{} {}", pair[0], pair[1])) {
                    phrases.push(id);
                }
            }
        }
        Query { clauses, phrases }
    }

    /// Runs a search: text relevance, filters, facets, sorting and one page of hits.
    pub fn search(&self, request: &SearchRequest<'_>) -> SearchResults {
        let doc_count = self.entries.len();
        let text = request.text.filter(|t| !t.trim().is_empty());
        let mut scores = vec![0f32; doc_count];
        let mut candidate = vec![true; doc_count];
        let mut relaxed = false;
        let mut query = None;

        if let Some(text) = text {
            let parsed = self.parse_query(text);
            let mut matched = vec![0u32; doc_count];
            let mut clause_scores = vec![0f32; doc_count];
            let mut term_scores = vec![0f32; doc_count];
            for (bit, clause) in parsed.clauses.iter().enumerate() {
                clause_scores.fill(0.0);
                for &(term, weight) in &clause.terms {
                    term_scores.fill(0.0);
                    self.score_term(term, weight, &mut term_scores);
                    for (best, score) in clause_scores.iter_mut().zip(&term_scores) {
                        if *score > *best {
                            *best = *score;
                        }
                    }
                }
                for doc in 0..doc_count {
                    if clause_scores[doc] > 0.0 {
                        matched[doc] |= 1 << bit;
                        scores[doc] += clause_scores[doc];
                    }
                }
            }
            for &phrase in &parsed.phrases {
                term_scores.fill(0.0);
                self.score_term(phrase, 1.0, &mut term_scores);
                for doc in 0..doc_count {
                    if matched[doc] != 0 {
                        scores[doc] += term_scores[doc];
                    }
                }
            }

            let required: u32 = parsed
                .clauses
                .iter()
                .enumerate()
                .filter(|(_, clause)| !clause.cjk)
                .fold(0, |mask, (bit, _)| mask | (1 << bit));
            let cjk_mask: u32 = parsed
                .clauses
                .iter()
                .enumerate()
                .filter(|(_, clause)| clause.cjk)
                .fold(0, |mask, (bit, _)| mask | (1 << bit));
            let cjk_needed = (cjk_mask.count_ones() as f32 * CJK_MIN_SHOULD_MATCH).ceil() as u32;
            for doc in 0..doc_count {
                candidate[doc] = matched[doc] & required == required
                    && (matched[doc] & cjk_mask).count_ones() >= cjk_needed;
            }
            if !candidate.iter().any(|&c| c) {
                relaxed = true;
                for doc in 0..doc_count {
                    candidate[doc] = matched[doc] != 0;
                }
            }
            query = Some(parsed);
        }

        let filters = request.filters;
        let mut facets = FacetTally::default();
        let mut results: Vec<u32> = Vec::new();
        for (index, entry) in self.entries.iter().enumerate() {
            if !candidate[index] {
                continue;
            }
            let certs = entry.doc.valid_certifications(request.today);
            let checks = FilterChecks::of(entry, &certs, filters, request.today);
            match checks.failures() {
                0 => {
                    results.push(index as u32);
                    facets.count_all(entry, &certs);
                }
                1 => facets.count_one(checks.first_failure(), entry, &certs),
                _ => {}
            }
        }

        let sort = match (request.sort, text.is_some()) {
            (Sort::Relevance, false) => Sort::Name,
            (sort, _) => sort,
        };
        let by_name = |a: &u32, b: &u32| {
            self.entries[*a as usize]
                .sort_name
                .cmp(&self.entries[*b as usize].sort_name)
        };
        match sort {
            Sort::Relevance => results.sort_by(|a, b| {
                scores[*b as usize]
                    .total_cmp(&scores[*a as usize])
                    .then_with(|| by_name(a, b))
            }),
            Sort::Name => results.sort_by(by_name),
            Sort::Views => results.sort_by(|a, b| {
                let (x, y) = (
                    &self.entries[*a as usize].doc,
                    &self.entries[*b as usize].doc,
                );
                y.view_count.cmp(&x.view_count).then_with(|| by_name(a, b))
            }),
            Sort::Newest => results.sort_by(|a, b| {
                let (x, y) = (
                    &self.entries[*a as usize].doc,
                    &self.entries[*b as usize].doc,
                );
                y.created_at.cmp(&x.created_at).then_with(|| by_name(a, b))
            }),
        }

        let total = results.len();
        let hits = results
            .iter()
            .skip(request.offset)
            .take(request.limit)
            .map(|&index| {
                let entry = &self.entries[index as usize];
                Hit {
                    doc: entry.doc.clone(),
                    score: scores[index as usize],
                    matched_products: query
                        .as_ref()
                        .map(|query| self.matched_products(entry, query))
                        .unwrap_or_default(),
                }
            })
            .collect();

        SearchResults {
            total,
            hits,
            facets: facets.finish(),
            relaxed,
        }
    }

    /// The products of an exhibitor that share the most (and rarest) words with the query.
    fn matched_products(&self, entry: &Entry, query: &Query) -> Vec<usize> {
        let mut scored: Vec<(usize, f32)> = entry
            .product_terms
            .iter()
            .enumerate()
            .filter_map(|(index, terms)| {
                let score: f32 = query
                    .clauses
                    .iter()
                    .filter_map(|clause| {
                        clause
                            .terms
                            .iter()
                            .filter(|(term, _)| terms.binary_search(term).is_ok())
                            .map(|&(term, weight)| self.idf(term) * weight)
                            .reduce(f32::max)
                    })
                    .sum();
                (score > 0.0).then_some((index, score))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.into_iter().take(3).map(|(index, _)| index).collect()
    }
}

struct Clause {
    terms: Vec<(TermId, f32)>,
    cjk: bool,
}

struct Query {
    clauses: Vec<Clause>,
    phrases: Vec<TermId>,
}

/// The facet dimensions, in the order [`FilterChecks`] reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dimension {
    Sector,
    Group,
    Process,
    Cert,
    Province,
    Park,
    Size,
    Market,
    Business,
    /// `certified` and `online` filter but have no facet.
    Other,
}

struct FilterChecks {
    failed: Vec<Dimension>,
}

fn any_in(values: &[String], wanted: &[String]) -> bool {
    wanted.is_empty() || values.iter().any(|value| wanted.contains(value))
}

fn one_in(value: Option<&str>, wanted: &[String]) -> bool {
    wanted.is_empty() || value.is_some_and(|value| wanted.iter().any(|w| w == value))
}

impl FilterChecks {
    fn of(entry: &Entry, certs: &[String], filters: &Filters, today: NaiveDate) -> Self {
        let doc = &entry.doc;
        let mut failed = Vec::new();
        let mut check = |ok: bool, dimension: Dimension| {
            if !ok {
                failed.push(dimension);
            }
        };
        check(any_in(&entry.sectors, &filters.sector), Dimension::Sector);
        check(any_in(&entry.groups, &filters.group), Dimension::Group);
        check(
            any_in(&entry.processes, &filters.process),
            Dimension::Process,
        );
        check(any_in(certs, &filters.cert), Dimension::Cert);
        check(
            one_in(Some(&doc.province), &filters.province),
            Dimension::Province,
        );
        check(
            one_in(doc.industrial_park.as_deref(), &filters.park),
            Dimension::Park,
        );
        check(one_in(entry.size, &filters.size), Dimension::Size);
        check(
            any_in(&doc.export_markets, &filters.market),
            Dimension::Market,
        );
        check(
            one_in(Some(&doc.business_type), &filters.business),
            Dimension::Business,
        );
        check(
            filters
                .certified
                .is_none_or(|wanted| doc.is_certified(today) == wanted),
            Dimension::Other,
        );
        check(
            filters
                .online
                .is_none_or(|wanted| doc.online_booth == wanted),
            Dimension::Other,
        );
        Self { failed }
    }

    fn failures(&self) -> usize {
        self.failed.len()
    }

    fn first_failure(&self) -> Dimension {
        self.failed.first().copied().unwrap_or(Dimension::Other)
    }
}

#[derive(Default)]
struct FacetTally {
    counts: [BTreeMap<String, u64>; 9],
}

impl FacetTally {
    fn add<'v>(&mut self, dimension: Dimension, values: impl IntoIterator<Item = &'v String>) {
        let slot = match dimension {
            Dimension::Sector => 0,
            Dimension::Group => 1,
            Dimension::Process => 2,
            Dimension::Cert => 3,
            Dimension::Province => 4,
            Dimension::Park => 5,
            Dimension::Size => 6,
            Dimension::Market => 7,
            Dimension::Business => 8,
            Dimension::Other => return,
        };
        for value in values {
            *self.counts[slot].entry(value.clone()).or_default() += 1;
        }
    }

    fn count_one(&mut self, dimension: Dimension, entry: &Entry, certs: &[String]) {
        let doc = &entry.doc;
        let size = entry.size.map(str::to_owned);
        match dimension {
            Dimension::Sector => self.add(dimension, &entry.sectors),
            Dimension::Group => self.add(dimension, &entry.groups),
            Dimension::Process => self.add(dimension, &entry.processes),
            Dimension::Cert => self.add(dimension, certs),
            Dimension::Province => self.add(dimension, [&doc.province]),
            Dimension::Park => self.add(dimension, doc.industrial_park.iter()),
            Dimension::Size => self.add(dimension, size.iter()),
            Dimension::Market => self.add(dimension, &doc.export_markets),
            Dimension::Business => self.add(dimension, [&doc.business_type]),
            Dimension::Other => {}
        }
    }

    fn count_all(&mut self, entry: &Entry, certs: &[String]) {
        for dimension in [
            Dimension::Sector,
            Dimension::Group,
            Dimension::Process,
            Dimension::Cert,
            Dimension::Province,
            Dimension::Park,
            Dimension::Size,
            Dimension::Market,
            Dimension::Business,
        ] {
            self.count_one(dimension, entry, certs);
        }
    }

    fn finish(self) -> FacetCounts {
        let [
            sector,
            group,
            process,
            cert,
            province,
            park,
            size,
            market,
            business,
        ] = self.counts.map(|counts| {
            let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts
        });
        FacetCounts {
            sector,
            group,
            process,
            cert,
            province,
            park,
            size,
            market,
            business,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    use super::*;
    use crate::doc::{CertDoc, ProductDoc};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn texts(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn product(name_vi: &str, group: &str, processes: &[&str]) -> ProductDoc {
        ProductDoc {
            id: Uuid::now_v7(),
            name: texts(&[("vi", name_vi)]),
            description: BTreeMap::new(),
            product_group: group.to_owned(),
            processes: processes.iter().map(|p| (*p).to_owned()).collect(),
            hs_code: None,
            materials: vec![],
        }
    }

    fn doc(
        name: &str,
        province: &str,
        products: Vec<ProductDoc>,
        certs: Vec<CertDoc>,
    ) -> Arc<DirectoryDoc> {
        Arc::new(DirectoryDoc {
            id: Uuid::now_v7(),
            slug: fair_domain::text::slugify(name),
            name: name.to_owned(),
            name_en: None,
            headline: BTreeMap::new(),
            about: BTreeMap::new(),
            province: province.to_owned(),
            industrial_park: None,
            employees: Some(50),
            business_type: "manufacturer".to_owned(),
            export_markets: vec!["JP".to_owned()],
            languages: vec!["vi".to_owned()],
            hall: None,
            stand: None,
            online_booth: true,
            logo_url: None,
            view_count: 0,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            products,
            certifications: certs,
        })
    }

    fn iso9001(until: NaiveDate) -> CertDoc {
        CertDoc {
            standard: "ISO9001".to_owned(),
            valid_from: None,
            valid_until: until,
        }
    }

    pub(super) fn sample() -> DirectoryIndex {
        let docs = vec![
            doc(
                "Công ty TNHH Nhựa Thăng Long",
                "ha-noi",
                vec![
                    product("Vỏ nhựa ép phun ABS", "EL5", &["P02"]),
                    product("Khay nhựa", "EL5", &["P02"]),
                ],
                vec![iso9001(day(2027, 6, 1))],
            ),
            doc(
                "Công ty Cổ phần Đúc Đông Anh",
                "ha-noi",
                vec![product("Vỏ hộp số đúc áp lực nhôm ADC12", "ME4", &["P03"])],
                vec![iso9001(day(2025, 1, 1))],
            ),
            doc(
                "Cơ khí Chính xác Bắc Ninh",
                "bac-ninh",
                vec![product("Trục gia công CNC", "ME5", &["P01", "P09"])],
                vec![],
            ),
        ];
        DirectoryIndex::build(docs, 1, day(2026, 11, 27))
    }

    fn search<'a>(index: &DirectoryIndex, text: &'a str, filters: &'a Filters) -> SearchResults {
        index.search(&SearchRequest {
            text: Some(text),
            filters,
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            today: day(2026, 11, 27),
        })
    }

    fn names(results: &SearchResults) -> Vec<&str> {
        results
            .hits
            .iter()
            .map(|hit| hit.doc.name.as_str())
            .collect()
    }

    #[test]
    fn vietnamese_without_diacritics_finds_the_diacritic_form() {
        let index = sample();
        let results = search(&index, "ep phun", &Filters::default());
        assert_eq!(names(&results), ["Công ty TNHH Nhựa Thăng Long"]);
        assert!(!results.relaxed);
        let product = &results.hits[0].doc.products[results.hits[0].matched_products[0]];
        assert_eq!(product.name["vi"], "Vỏ nhựa ép phun ABS");
    }

    #[test]
    fn queries_in_japanese_chinese_and_korean_find_the_process() {
        let index = sample();
        for query in [
            "射出成形",
            "射出成型",
            "注塑",
            "사출성형",
            "injection moulding",
        ] {
            let results = search(&index, query, &Filters::default());
            assert_eq!(
                names(&results).first(),
                Some(&"Công ty TNHH Nhựa Thăng Long"),
                "{query}"
            );
        }
        let results = search(&index, "ダイカスト", &Filters::default());
        assert_eq!(
            names(&results).first(),
            Some(&"Công ty Cổ phần Đúc Đông Anh")
        );
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix() {
        let index = sample();
        assert_eq!(
            names(&search(&index, "gia cong cn", &Filters::default())),
            ["Cơ khí Chính xác Bắc Ninh"]
        );
        // A finished word (trailing space) must match whole.
        assert!(search(&index, "gia cong cn ", &Filters::default()).relaxed);
    }

    #[test]
    fn no_full_match_relaxes_to_any_word() {
        let index = sample();
        let results = search(&index, "ep phun titanium", &Filters::default());
        assert!(results.relaxed);
        assert_eq!(
            names(&results).first(),
            Some(&"Công ty TNHH Nhựa Thăng Long")
        );
    }

    #[test]
    fn expired_certificates_do_not_count() {
        let index = sample();
        let filters = Filters {
            cert: vec!["ISO9001".to_owned()],
            ..Filters::default()
        };
        let results = index.search(&SearchRequest {
            text: None,
            filters: &filters,
            sort: Sort::Name,
            offset: 0,
            limit: 20,
            today: day(2026, 11, 27),
        });
        assert_eq!(names(&results), ["Công ty TNHH Nhựa Thăng Long"]);
        let certified = Filters {
            certified: Some(true),
            ..Filters::default()
        };
        let results = search(&index, "duc ap luc", &certified);
        assert_eq!(results.total, 0);
        // The expired ISO 9001 is not searchable as text either.
        assert_eq!(
            names(&search(&index, "iso 9001", &Filters::default())),
            ["Công ty TNHH Nhựa Thăng Long"]
        );
    }

    #[test]
    fn facets_count_other_values_of_a_filtered_dimension() {
        let index = sample();
        let filters = Filters {
            province: vec!["ha-noi".to_owned()],
            ..Filters::default()
        };
        let results = index.search(&SearchRequest {
            text: None,
            filters: &filters,
            sort: Sort::Name,
            offset: 0,
            limit: 20,
            today: day(2026, 11, 27),
        });
        assert_eq!(results.total, 2);
        assert_eq!(
            results.facets.province,
            [("ha-noi".to_owned(), 2), ("bac-ninh".to_owned(), 1)]
        );
        assert_eq!(results.facets.group.iter().map(|(_, c)| c).sum::<u64>(), 2);
    }

    #[test]
    fn replacing_a_doc_updates_search() {
        let index = sample();
        let old = search(&index, "ep phun", &Filters::default()).hits[0]
            .doc
            .clone();
        let mut changed = (*old).clone();
        changed.products = vec![product("Bulông inox", "ME3", &[])];
        let updated = index.with_doc(old.id, Some(Arc::new(changed)), 2, day(2026, 11, 27));
        assert_eq!(updated.len(), 3);
        assert!(search(&updated, "ep phun", &Filters::default()).relaxed);
        let removed = updated.with_doc(old.id, None, 3, day(2026, 11, 27));
        assert_eq!(removed.len(), 2);
        assert_eq!(removed.revision(), 3);
    }

    const PROVINCES: [&str; 3] = ["ha-noi", "bac-ninh", "hai-phong"];
    const GROUPS: [(&str, &str); 4] = [
        ("EL5", "P02"),
        ("ME4", "P03"),
        ("ME5", "P01"),
        ("AU4", "P13"),
    ];

    fn arbitrary_doc() -> impl Strategy<Value = Arc<DirectoryDoc>> {
        (
            0..3usize,
            prop::collection::vec(0..4usize, 1..3),
            0..3u8,
            prop::bool::ANY,
            1u32..400,
        )
            .prop_map(|(province, groups, cert, online, employees)| {
                let products = groups
                    .iter()
                    .map(|&g| {
                        product(
                            &format!("Sản phẩm {}", GROUPS[g].0),
                            GROUPS[g].0,
                            &[GROUPS[g].1],
                        )
                    })
                    .collect();
                let certs = match cert {
                    0 => vec![],
                    1 => vec![iso9001(day(2025, 1, 1))],
                    _ => vec![iso9001(day(2028, 1, 1))],
                };
                let mut doc = (*doc("Công ty", PROVINCES[province], products, certs)).clone();
                doc.online_booth = online;
                doc.employees = Some(employees);
                Arc::new(doc)
            })
    }

    fn arbitrary_filters() -> impl Strategy<Value = Filters> {
        (
            prop::collection::vec(0..3usize, 0..2),
            prop::collection::vec(0..4usize, 0..2),
            prop::option::of(prop::bool::ANY),
            prop::bool::ANY,
        )
            .prop_map(|(provinces, groups, online, cert)| Filters {
                province: provinces.iter().map(|&p| PROVINCES[p].to_owned()).collect(),
                group: groups.iter().map(|&g| GROUPS[g].0.to_owned()).collect(),
                online,
                cert: if cert {
                    vec!["ISO9001".to_owned()]
                } else {
                    vec![]
                },
                ..Filters::default()
            })
    }

    proptest! {
        /// A facet's count for a value is exactly the total the search would give with
        /// that dimension's filter set to that value alone.
        #[test]
        fn facet_counts_predict_filtered_totals(
            docs in prop::collection::vec(arbitrary_doc(), 0..25),
            filters in arbitrary_filters(),
        ) {
            let index = DirectoryIndex::build(docs, 1, day(2026, 11, 27));
            let run = |filters: &Filters| index.search(&SearchRequest {
                text: None, filters, sort: Sort::Name, offset: 0, limit: 1000, today: day(2026, 11, 27),
            });
            let results = run(&filters);
            prop_assert_eq!(results.hits.len(), results.total);
            for (value, count) in &results.facets.province {
                let narrowed = Filters { province: vec![value.clone()], ..filters.clone() };
                prop_assert_eq!(run(&narrowed).total as u64, *count);
            }
            for (value, count) in &results.facets.group {
                let narrowed = Filters { group: vec![value.clone()], ..filters.clone() };
                prop_assert_eq!(run(&narrowed).total as u64, *count);
            }
            for hit in &results.hits {
                prop_assert!(filters.province.is_empty() || filters.province.contains(&hit.doc.province));
                if !filters.cert.is_empty() {
                    prop_assert!(hit.doc.is_certified(day(2026, 11, 27)));
                }
            }
        }
    }
}
