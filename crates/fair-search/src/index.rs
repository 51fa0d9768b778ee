use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::{Arc, RwLock};

use chrono::NaiveDate;
use fair_domain::glossary::{ConceptId, concept_tokens, concepts_in};
use fair_domain::taxonomy;
use fair_domain::text::{fold, is_cjk_token, tokenize};
use foldhash::{HashMap, HashMapExt};
use uuid::Uuid;

use crate::doc::DirectoryDoc;
use crate::query::{FacetCounts, Filters, Hit, SearchRequest, SearchResults, Sort};

/// Fields an exhibitor's text is indexed under, each with its own weight.
const NAME: usize = 0;
const CATALOGUE: usize = 1;
const TAXONOMY: usize = 2;
const HEADLINE: usize = 3;
const BODY: usize = 4;
/// Terms of glossary concepts found in the catalogue, in every language.
const GLOSSARY: usize = 5;
const FIELD_COUNT: usize = 6;
const FIELD_WEIGHTS: [f32; FIELD_COUNT] = [3.0, 2.0, 1.5, 1.5, 1.0, 1.0];

/// BM25 parameters (the usual values).
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A prefix expansion of the word being typed counts less than the exact word.
const PREFIX_WEIGHT: f32 = 0.7;
const MAX_PREFIX_EXPANSIONS: usize = 64;
/// A query longer than this is cut: beyond it words add noise, not precision.
const MAX_QUERY_TOKENS: usize = 32;
/// A need's description is read further than a typed query.
const MAX_RELEVANCE_TOKENS: usize = 64;
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

/// Every term indexed since the last full rebuild, with a stable id. Successive
/// versions of the index share it (it only grows), so when one exhibitor changes only
/// that exhibitor is tokenised again and the others' prepared term ids stay valid.
/// A full rebuild starts a fresh vocabulary, dropping terms no longer used.
#[derive(Debug, Default)]
struct Vocabulary {
    terms: RwLock<VocabularyMaps>,
}

/// Exact lookups by hash; prefix lookups over single words only (phrase terms, the
/// majority, are never expanded as prefixes).
#[derive(Debug, Default)]
struct VocabularyMaps {
    exact: HashMap<Box<str>, TermId>,
    words: BTreeMap<Box<str>, TermId>,
}

impl Vocabulary {
    /// Ids of `terms`, adding those not yet known, under one lock.
    fn intern<'t>(&self, terms: impl Iterator<Item = &'t str>) -> Vec<TermId> {
        let mut map = self.terms.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        terms
            .map(|term| {
                if let Some(&id) = map.exact.get(term) {
                    return id;
                }
                let id = map.exact.len() as TermId;
                map.exact.insert(Box::from(term), id);
                if !term.contains(' ') {
                    map.words.insert(Box::from(term), id);
                }
                id
            })
            .collect()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, VocabularyMaps> {
        self.terms.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn len(&self) -> usize {
        self.read().exact.len()
    }
}

/// A document's terms as ids: the costly part of indexing, done once per version of
/// a document and reused when another document changes.
#[derive(Debug)]
struct Prepared {
    doc: Arc<DirectoryDoc>,
    sort_name: String,
    /// (term, field, term frequency) for every term of every field.
    postings: Vec<(TermId, u8, u16)>,
    /// The distinct terms of the document, for document frequencies.
    distinct: Vec<TermId>,
    field_len: [u32; FIELD_COUNT],
    /// Per product: the sorted distinct terms of its name, materials and taxonomy labels.
    product_terms: Vec<Vec<TermId>>,
    sectors: Vec<String>,
    groups: Vec<String>,
    processes: Vec<String>,
    size: Option<&'static str>,
}

/// An immutable search index over the published exhibitors.
#[derive(Debug)]
pub struct DirectoryIndex {
    entries: Vec<Arc<Prepared>>,
    by_id: HashMap<Uuid, u32>,
    vocabulary: Arc<Vocabulary>,
    postings: Vec<Vec<Posting>>,
    doc_freq: Vec<u32>,
    avg_len: [f32; FIELD_COUNT],
    revision: i64,
    built_on: NaiveDate,
}

/// Tokens of a text and the phrase terms of its adjacent words.
#[derive(Debug, Default)]
struct Terms {
    tokens: Vec<String>,
    phrases: Vec<String>,
}

fn terms_of(text: &str) -> Terms {
    let tokens = tokenize(text);
    // Adjacent words also form a phrase term, so "ep phun" ranks "Ép phun nhựa"
    // above a text that has "ép" and "phun" far apart.
    let phrases = tokens
        .windows(2)
        .filter(|pair| !is_cjk_token(&pair[0]) && !is_cjk_token(&pair[1]))
        .map(|pair| format!("{} {}", pair[0], pair[1]))
        .collect();
    Terms { tokens, phrases }
}

fn terms_of_all<'t>(texts: impl IntoIterator<Item = &'t str>) -> Terms {
    let mut all = Terms::default();
    for text in texts {
        let terms = terms_of(text);
        all.tokens.extend(terms.tokens);
        all.phrases.extend(terms.phrases);
    }
    all
}

/// The taxonomy's labels, tokenised once per process.
struct LabelTerms {
    groups: HashMap<&'static str, Terms>,
    processes: HashMap<&'static str, Terms>,
    certifications: HashMap<&'static str, Terms>,
}

fn label_terms() -> &'static LabelTerms {
    static LABELS: std::sync::OnceLock<LabelTerms> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| LabelTerms {
        groups: taxonomy::PRODUCT_GROUPS
            .iter()
            .map(|group| {
                let mut texts: Vec<&str> = group.labels.all().to_vec();
                texts.push(group.examples);
                if let Some(sector) = taxonomy::sector(group.sector) {
                    texts.extend(sector.labels.all());
                }
                (group.code, terms_of_all(texts))
            })
            .collect(),
        processes: taxonomy::PROCESSES
            .iter()
            .map(|process| {
                let texts = process.labels.all().into_iter().chain(process.synonyms.iter().copied());
                (process.code, terms_of_all(texts))
            })
            .collect(),
        certifications: taxonomy::CERTIFICATIONS
            .iter()
            .map(|standard| {
                let texts = [standard.name].into_iter().chain(standard.aliases.iter().copied());
                (standard.code, terms_of_all(texts))
            })
            .collect(),
    })
}

/// Collects the terms of one document, field by field.
#[derive(Default)]
struct DocTerms {
    tf: [HashMap<String, u16>; FIELD_COUNT],
    len: [u32; FIELD_COUNT],
}

impl DocTerms {
    fn add_terms(&mut self, field: usize, terms: &Terms) {
        for token in &terms.tokens {
            *self.tf[field].entry(token.clone()).or_default() += 1;
        }
        self.len[field] += terms.tokens.len() as u32;
        for phrase in &terms.phrases {
            *self.tf[field].entry(phrase.clone()).or_default() += 1;
        }
    }

    fn add(&mut self, field: usize, text: &str) {
        self.add_terms(field, &terms_of(text));
    }
}

fn prepare(doc: Arc<DirectoryDoc>, today: NaiveDate, vocabulary: &Vocabulary) -> Prepared {
    let labels = label_terms();
    let groups = doc.product_groups();
    let processes = doc.processes();
    let mut terms = DocTerms::default();
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
        if let Some(group_terms) = labels.groups.get(code.as_str()) {
            terms.add_terms(TAXONOMY, group_terms);
        }
    }
    for code in &processes {
        if let Some(process_terms) = labels.processes.get(code.as_str()) {
            terms.add_terms(TAXONOMY, process_terms);
        }
    }
    for code in doc.valid_certifications(today) {
        if let Some(cert_terms) = labels.certifications.get(code.as_str()) {
            terms.add_terms(TAXONOMY, cert_terms);
        }
    }
    for headline in doc.headline.values() {
        terms.add(HEADLINE, headline);
    }
    // Products named in one language are found from the others through the glossary.
    let mut concepts: Vec<ConceptId> = Vec::new();
    for product in &doc.products {
        for text in product.name.values().chain(product.description.values()) {
            for concept in concepts_in(text) {
                if !concepts.contains(&concept) {
                    concepts.push(concept);
                }
            }
        }
    }
    for headline in doc.headline.values() {
        for concept in concepts_in(headline) {
            if !concepts.contains(&concept) {
                concepts.push(concept);
            }
        }
    }
    for &concept in &concepts {
        terms.add_terms(GLOSSARY, &Terms { tokens: concept_tokens(concept).to_vec(), phrases: Vec::new() });
    }
    for about in doc.about.values() {
        terms.add(BODY, about);
    }
    if let Some(province) = taxonomy::province(&doc.province) {
        for name in province.labels().all() {
            terms.add(BODY, name);
        }
    }
    if let Some(park) = doc.industrial_park.as_deref().and_then(taxonomy::industrial_park) {
        for name in park.labels().all() {
            terms.add(BODY, name);
        }
    }

    // Product words: names and materials, plus the labels of their group and processes.
    let product_words: Vec<Vec<String>> = doc
        .products
        .iter()
        .map(|product| {
            let mut words: Vec<String> = Vec::new();
            for name in product.name.values() {
                words.extend(tokenize(name));
            }
            for material in &product.materials {
                words.extend(tokenize(material));
            }
            for name in product.name.values() {
                for concept in concepts_in(name) {
                    words.extend(concept_tokens(concept).iter().cloned());
                }
            }
            if let Some(group_terms) = labels.groups.get(product.product_group.as_str()) {
                words.extend(group_terms.tokens.iter().cloned());
            }
            for code in &product.processes {
                if let Some(process_terms) = labels.processes.get(code.as_str()) {
                    words.extend(process_terms.tokens.iter().cloned());
                }
            }
            words.sort_unstable();
            words.dedup();
            words
        })
        .collect();

    let DocTerms { tf, len } = terms;
    let field_terms: Vec<(&str, u8, u16)> = tf
        .iter()
        .enumerate()
        .flat_map(|(field, map)| map.iter().map(move |(term, &count)| (term.as_str(), field as u8, count)))
        .collect();
    let term_ids = vocabulary.intern(field_terms.iter().map(|(term, _, _)| *term));
    let mut postings: Vec<(TermId, u8, u16)> =
        field_terms.iter().zip(&term_ids).map(|(&(_, field, count), &id)| (id, field, count)).collect();
    // Sorted by term, so one document's score for a term is a binary search.
    postings.sort_unstable();
    let mut distinct = term_ids;
    distinct.sort_unstable();
    distinct.dedup();
    let product_terms = product_words
        .iter()
        .map(|words| {
            let mut ids = vocabulary.intern(words.iter().map(String::as_str));
            ids.sort_unstable();
            ids
        })
        .collect();

    Prepared {
        sort_name: fold(&doc.name),
        size: doc.company_size().map(|size| size.as_str()),
        postings,
        distinct,
        field_len: len,
        product_terms,
        sectors: doc.sectors(),
        groups,
        processes,
        doc,
    }
}

impl DirectoryIndex {
    /// An index with nothing in it.
    pub fn empty(today: NaiveDate) -> Self {
        Self::build(Vec::new(), 0, today)
    }

    /// Indexes `docs` with a fresh vocabulary. Certificate names are indexed as text
    /// only while valid on `today`; rebuild when the day changes.
    pub fn build(docs: Vec<Arc<DirectoryDoc>>, revision: i64, today: NaiveDate) -> Self {
        let vocabulary = Arc::new(Vocabulary::default());
        let prepared = docs.into_iter().map(|doc| Arc::new(prepare(doc, today, &vocabulary))).collect();
        Self::assemble(prepared, vocabulary, revision, today)
    }

    /// Builds the postings from prepared documents (cheap: no text is touched).
    fn assemble(entries: Vec<Arc<Prepared>>, vocabulary: Arc<Vocabulary>, revision: i64, today: NaiveDate) -> Self {
        let mut postings: Vec<Vec<Posting>> = vec![Vec::new(); vocabulary.len()];
        let mut doc_freq = vec![0u32; vocabulary.len()];
        let mut by_id = HashMap::with_capacity(entries.len());
        let mut total_len = [0u64; FIELD_COUNT];
        for (index, entry) in entries.iter().enumerate() {
            by_id.insert(entry.doc.id, index as u32);
            for &(term, field, tf) in &entry.postings {
                postings[term as usize].push(Posting { doc: index as u32, field, tf });
            }
            for &term in &entry.distinct {
                doc_freq[term as usize] += 1;
            }
            for (total, len) in total_len.iter_mut().zip(entry.field_len) {
                *total += u64::from(len);
            }
        }
        let count = entries.len().max(1) as f32;
        let avg_len = total_len.map(|total| (total as f32 / count).max(1.0));
        Self { entries, by_id, vocabulary, postings, doc_freq, avg_len, revision, built_on: today }
    }

    /// The same index with one exhibitor added, replaced (`Some`) or removed (`None`).
    /// Only that exhibitor is tokenised again (all of them when the day changed).
    pub fn with_doc(&self, id: Uuid, doc: Option<Arc<DirectoryDoc>>, revision: i64, today: NaiveDate) -> Self {
        if self.built_on != today {
            let mut docs: Vec<Arc<DirectoryDoc>> =
                self.entries.iter().filter(|entry| entry.doc.id != id).map(|entry| entry.doc.clone()).collect();
            docs.extend(doc);
            return Self::build(docs, revision, today);
        }
        let mut entries: Vec<Arc<Prepared>> = self.entries.iter().filter(|entry| entry.doc.id != id).cloned().collect();
        entries.extend(doc.map(|doc| Arc::new(prepare(doc, today, &self.vocabulary))));
        Self::assemble(entries, self.vocabulary.clone(), revision, today)
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
        self.by_id.get(&id).map(|&index| &self.entries[index as usize].doc)
    }

    pub fn docs(&self) -> impl Iterator<Item = &Arc<DirectoryDoc>> {
        self.entries.iter().map(|entry| &entry.doc)
    }

    fn idf(&self, term: TermId) -> f32 {
        let n = self.entries.len() as f32;
        // Terms the shared vocabulary learnt after this index was built occur nowhere here.
        let df = self.doc_freq.get(term as usize).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25 of one term, summed over fields with their weights, added into `scores`.
    fn score_term(&self, term: TermId, weight: f32, scores: &mut [f32]) {
        let Some(postings) = self.postings.get(term as usize) else {
            return;
        };
        let idf = self.idf(term) * weight;
        for posting in postings {
            let field = posting.field as usize;
            let entry = &self.entries[posting.doc as usize];
            let norm = 1.0 - B + B * entry.field_len[field] as f32 / self.avg_len[field];
            let tf = f32::from(posting.tf);
            scores[posting.doc as usize] += FIELD_WEIGHTS[field] * idf * tf * (K1 + 1.0) / (tf + K1 * norm);
        }
    }

    fn parse_query(&self, text: &str) -> Query {
        self.parse(text, MAX_QUERY_TOKENS, !text.ends_with(char::is_whitespace))
    }

    /// Clauses (one per query token, with its prefix expansions when the last word is
    /// still being typed) and the phrase terms of adjacent words.
    fn parse(&self, text: &str, max_tokens: usize, typing_last_word: bool) -> Query {
        let mut tokens = tokenize(text);
        tokens.truncate(max_tokens);
        let last = tokens.len().saturating_sub(1);
        let vocabulary = self.vocabulary.read();
        let mut clauses = Vec::with_capacity(tokens.len());
        for (position, token) in tokens.iter().enumerate() {
            let cjk = is_cjk_token(token);
            let mut terms = Vec::new();
            if let Some(&id) = vocabulary.exact.get(token.as_str()) {
                terms.push((id, 1.0));
            }
            if position == last && typing_last_word && !cjk && token.chars().count() >= 2 {
                let expansions = vocabulary
                    .words
                    .range::<str, _>((Bound::Excluded(token.as_str()), Bound::Unbounded))
                    .take_while(|(term, _)| term.starts_with(token.as_str()))
                    .take(MAX_PREFIX_EXPANSIONS);
                terms.extend(expansions.map(|(_, &id)| (id, PREFIX_WEIGHT)));
            }
            clauses.push(Clause { terms, cjk });
        }
        let mut phrases = Vec::new();
        for pair in tokens.windows(2) {
            if !is_cjk_token(&pair[0])
                && !is_cjk_token(&pair[1])
                && let Some(&id) = vocabulary.exact.get(format!("{} {}", pair[0], pair[1]).as_str())
            {
                phrases.push(id);
            }
        }
        Query { clauses, phrases }
    }

    /// Dense per-document scores of a parsed query: for each clause the best of its
    /// terms, summed, plus phrase bonuses where anything matched; and which clauses
    /// each document matched (bit per clause).
    fn accumulate(&self, parsed: &Query) -> (Vec<f32>, Vec<u64>) {
        let doc_count = self.entries.len();
        let mut scores = vec![0f32; doc_count];
        let mut matched = vec![0u64; doc_count];
        let mut clause_scores = vec![0f32; doc_count];
        let mut term_scores = vec![0f32; doc_count];
        for (bit, clause) in parsed.clauses.iter().enumerate().take(64) {
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
        (scores, matched)
    }

    /// How well each exhibitor's profile answers a free text (e.g. a buyer's need,
    /// in any language): BM25 with every word optional, as (exhibitor id, score),
    /// best first, only exhibitors that share something with the text.
    pub fn relevance(&self, text: &str) -> Vec<(Uuid, f32)> {
        let parsed = self.parse(text, MAX_RELEVANCE_TOKENS, false);
        let (scores, _) = self.accumulate(&parsed);
        let mut ranked: Vec<(Uuid, f32)> = scores
            .iter()
            .enumerate()
            .filter(|(_, score)| **score > 0.0)
            .map(|(index, score)| (self.entries[index].doc.id, *score))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// [`DirectoryIndex::relevance`] of one exhibitor (0 if unknown or unrelated),
    /// computed from that exhibitor's own terms only.
    pub fn relevance_to(&self, text: &str, id: Uuid) -> f32 {
        let Some(&index) = self.by_id.get(&id) else { return 0.0 };
        let entry = &self.entries[index as usize];
        let parsed = self.parse(text, MAX_RELEVANCE_TOKENS, false);
        let term_score = |term: TermId, weight: f32| -> f32 {
            let idf = self.idf(term) * weight;
            let start = entry.postings.partition_point(|&(t, _, _)| t < term);
            entry.postings[start..]
                .iter()
                .take_while(|&&(t, _, _)| t == term)
                .map(|&(_, field, tf)| {
                    let field = field as usize;
                    let norm = 1.0 - B + B * entry.field_len[field] as f32 / self.avg_len[field];
                    let tf = f32::from(tf);
                    FIELD_WEIGHTS[field] * idf * tf * (K1 + 1.0) / (tf + K1 * norm)
                })
                .sum()
        };
        let mut score = 0.0;
        for clause in parsed.clauses.iter().take(64) {
            score += clause.terms.iter().map(|&(term, weight)| term_score(term, weight)).fold(0.0, f32::max);
        }
        if score > 0.0 {
            score += parsed.phrases.iter().map(|&phrase| term_score(phrase, 1.0)).sum::<f32>();
        }
        score
    }

    /// Runs a search: text relevance, filters, facets, sorting and one page of hits.
    pub fn search(&self, request: &SearchRequest<'_>) -> SearchResults {
        let doc_count = self.entries.len();
        let text = request.text.filter(|t| !t.trim().is_empty());
        let scores;
        let mut candidate = vec![true; doc_count];
        let mut relaxed = false;
        let mut query = None;

        if let Some(text) = text {
            let parsed = self.parse_query(text);
            let matched;
            (scores, matched) = self.accumulate(&parsed);

            let required: u64 = parsed
                .clauses
                .iter()
                .enumerate()
                .filter(|(_, clause)| !clause.cjk)
                .fold(0, |mask, (bit, _)| mask | (1 << bit));
            let cjk_mask: u64 = parsed
                .clauses
                .iter()
                .enumerate()
                .filter(|(_, clause)| clause.cjk)
                .fold(0, |mask, (bit, _)| mask | (1 << bit));
            let cjk_needed = (cjk_mask.count_ones() as f32 * CJK_MIN_SHOULD_MATCH).ceil() as u32;
            for doc in 0..doc_count {
                candidate[doc] =
                    matched[doc] & required == required && (matched[doc] & cjk_mask).count_ones() >= cjk_needed;
            }
            if !candidate.iter().any(|&c| c) {
                relaxed = true;
                for doc in 0..doc_count {
                    candidate[doc] = matched[doc] != 0;
                }
            }
            query = Some(parsed);
        } else {
            scores = vec![0f32; doc_count];
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
        let by_name = |a: &u32, b: &u32| self.entries[*a as usize].sort_name.cmp(&self.entries[*b as usize].sort_name);
        match sort {
            Sort::Relevance => {
                results.sort_by(|a, b| scores[*b as usize].total_cmp(&scores[*a as usize]).then_with(|| by_name(a, b)))
            }
            Sort::Name => results.sort_by(by_name),
            Sort::Views => results.sort_by(|a, b| {
                let (x, y) = (&self.entries[*a as usize].doc, &self.entries[*b as usize].doc);
                y.view_count.cmp(&x.view_count).then_with(|| by_name(a, b))
            }),
            Sort::Newest => results.sort_by(|a, b| {
                let (x, y) = (&self.entries[*a as usize].doc, &self.entries[*b as usize].doc);
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

        SearchResults { total, hits, facets: facets.finish(), relaxed }
    }

    /// The products of an exhibitor that share the most (and rarest) words with the query.
    fn matched_products(&self, entry: &Prepared, query: &Query) -> Vec<usize> {
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
    fn of(entry: &Prepared, certs: &[String], filters: &Filters, today: NaiveDate) -> Self {
        let doc = &entry.doc;
        let mut failed = Vec::new();
        let mut check = |ok: bool, dimension: Dimension| {
            if !ok {
                failed.push(dimension);
            }
        };
        check(any_in(&entry.sectors, &filters.sector), Dimension::Sector);
        check(any_in(&entry.groups, &filters.group), Dimension::Group);
        check(any_in(&entry.processes, &filters.process), Dimension::Process);
        check(any_in(certs, &filters.cert), Dimension::Cert);
        check(one_in(Some(&doc.province), &filters.province), Dimension::Province);
        check(one_in(doc.industrial_park.as_deref(), &filters.park), Dimension::Park);
        check(one_in(entry.size, &filters.size), Dimension::Size);
        check(any_in(&doc.export_markets, &filters.market), Dimension::Market);
        check(one_in(Some(&doc.business_type), &filters.business), Dimension::Business);
        check(filters.certified.is_none_or(|wanted| doc.is_certified(today) == wanted), Dimension::Other);
        check(filters.online.is_none_or(|wanted| doc.online_booth == wanted), Dimension::Other);
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

    fn count_one(&mut self, dimension: Dimension, entry: &Prepared, certs: &[String]) {
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

    fn count_all(&mut self, entry: &Prepared, certs: &[String]) {
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
        let [sector, group, process, cert, province, park, size, market, business] = self.counts.map(|counts| {
            let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts
        });
        FacetCounts { sector, group, process, cert, province, park, size, market, business }
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
        entries.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
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
            moq: None,
            monthly_capacity: None,
            unit: None,
            tolerance_um: None,
        }
    }

    fn doc(name: &str, province: &str, products: Vec<ProductDoc>, certs: Vec<CertDoc>) -> Arc<DirectoryDoc> {
        Arc::new(DirectoryDoc {
            id: Uuid::now_v7(),
            slug: fair_domain::text::slugify(name),
            name: name.to_owned(),
            name_en: None,
            headline: BTreeMap::new(),
            about: BTreeMap::new(),
            province: province.to_owned(),
            industrial_park: None,
            website: None,
            employees: Some(50),
            business_type: "manufacturer".to_owned(),
            export_markets: vec!["JP".to_owned()],
            languages: vec!["vi".to_owned()],
            staff_languages: vec![],
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
        CertDoc { standard: "ISO9001".to_owned(), valid_from: None, valid_until: until }
    }

    pub(super) fn sample() -> DirectoryIndex {
        let docs = vec![
            doc(
                "Công ty TNHH Nhựa Thăng Long",
                "ha-noi",
                vec![product("Vỏ nhựa ép phun ABS", "EL5", &["P02"]), product("Khay nhựa", "EL5", &["P02"])],
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
        results.hits.iter().map(|hit| hit.doc.name.as_str()).collect()
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
        for query in ["射出成形", "射出成型", "注塑", "사출성형", "injection moulding"] {
            let results = search(&index, query, &Filters::default());
            assert_eq!(names(&results).first(), Some(&"Công ty TNHH Nhựa Thăng Long"), "{query}");
        }
        let results = search(&index, "ダイカスト", &Filters::default());
        assert_eq!(names(&results).first(), Some(&"Công ty Cổ phần Đúc Đông Anh"));
    }

    #[test]
    fn product_words_cross_languages_through_the_glossary() {
        let docs = vec![
            doc("Cơ khí Hưng Thịnh", "ha-noi", vec![product("Vỏ hộp nhôm cho bộ điều khiển", "ME4", &[])], vec![]),
            doc("Dệt may Thành Công", "ha-noi", vec![product("Khóa kéo kim loại", "TG5", &[])], vec![]),
        ];
        let index = DirectoryIndex::build(docs, 1, day(2026, 11, 27));
        for query in ["アルミ ハウジング", "鋁外殼", "aluminium housing", "알루미늄 하우징"] {
            assert_eq!(
                names(&search(&index, query, &Filters::default())).first(),
                Some(&"Cơ khí Hưng Thịnh"),
                "{query}"
            );
        }
        assert_eq!(names(&search(&index, "拉鍊", &Filters::default())).first(), Some(&"Dệt may Thành Công"));
    }

    #[test]
    fn relevance_of_a_need_agrees_for_all_and_for_one() {
        let index = sample();
        let need = "射出成形によるABS樹脂カバーの調達、月産2万個";
        let ranked = index.relevance(need);
        assert_eq!(index.get(ranked[0].0).unwrap().name, "Công ty TNHH Nhựa Thăng Long");
        for (id, score) in &ranked {
            assert!((index.relevance_to(need, *id) - score).abs() < 1e-3, "{id}");
        }
        assert_eq!(index.relevance_to(need, Uuid::now_v7()), 0.0);
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix() {
        let index = sample();
        assert_eq!(names(&search(&index, "gia cong cn", &Filters::default())), ["Cơ khí Chính xác Bắc Ninh"]);
        // A finished word (trailing space) must match whole.
        assert!(search(&index, "gia cong cn ", &Filters::default()).relaxed);
    }

    #[test]
    fn no_full_match_relaxes_to_any_word() {
        let index = sample();
        let results = search(&index, "ep phun titanium", &Filters::default());
        assert!(results.relaxed);
        assert_eq!(names(&results).first(), Some(&"Công ty TNHH Nhựa Thăng Long"));
    }

    #[test]
    fn expired_certificates_do_not_count() {
        let index = sample();
        let filters = Filters { cert: vec!["ISO9001".to_owned()], ..Filters::default() };
        let results = index.search(&SearchRequest {
            text: None,
            filters: &filters,
            sort: Sort::Name,
            offset: 0,
            limit: 20,
            today: day(2026, 11, 27),
        });
        assert_eq!(names(&results), ["Công ty TNHH Nhựa Thăng Long"]);
        let certified = Filters { certified: Some(true), ..Filters::default() };
        let results = search(&index, "duc ap luc", &certified);
        assert_eq!(results.total, 0);
        // The expired ISO 9001 is not searchable as text either.
        assert_eq!(names(&search(&index, "iso 9001", &Filters::default())), ["Công ty TNHH Nhựa Thăng Long"]);
    }

    #[test]
    fn facets_count_other_values_of_a_filtered_dimension() {
        let index = sample();
        let filters = Filters { province: vec!["ha-noi".to_owned()], ..Filters::default() };
        let results = index.search(&SearchRequest {
            text: None,
            filters: &filters,
            sort: Sort::Name,
            offset: 0,
            limit: 20,
            today: day(2026, 11, 27),
        });
        assert_eq!(results.total, 2);
        assert_eq!(results.facets.province, [("ha-noi".to_owned(), 2), ("bac-ninh".to_owned(), 1)]);
        assert_eq!(results.facets.group.iter().map(|(_, c)| c).sum::<u64>(), 2);
    }

    #[test]
    fn replacing_a_doc_updates_search() {
        let index = sample();
        let old = search(&index, "ep phun", &Filters::default()).hits[0].doc.clone();
        let mut changed = (*old).clone();
        changed.products = vec![product("Bulông inox", "ME3", &[])];
        let updated = index.with_doc(old.id, Some(Arc::new(changed)), 2, day(2026, 11, 27));
        assert_eq!(updated.len(), 3);
        assert!(search(&updated, "ep phun", &Filters::default()).relaxed);
        let removed = updated.with_doc(old.id, None, 3, day(2026, 11, 27));
        assert_eq!(removed.len(), 2);
        assert_eq!(removed.revision(), 3);
    }

    #[test]
    fn older_snapshots_stay_usable_while_the_vocabulary_grows() {
        let old = sample();
        let mut doc = (*doc("Gốm Kỹ thuật", "ha-noi", vec![product("Vòng bi zirconia", "ME3", &[])], vec![])).clone();
        doc.id = Uuid::now_v7();
        let new = old.with_doc(doc.id, Some(Arc::new(doc)), 2, day(2026, 11, 27));
        // The old snapshot has never seen "zirconia" (the shared vocabulary has).
        assert_eq!(search(&old, "zirconia", &Filters::default()).total, 0);
        assert_eq!(names(&search(&new, "zirconia", &Filters::default())), ["Gốm Kỹ thuật"]);
        assert_eq!(names(&search(&new, "ep phun", &Filters::default())), ["Công ty TNHH Nhựa Thăng Long"]);
    }

    const PROVINCES: [&str; 3] = ["ha-noi", "bac-ninh", "hai-phong"];
    const GROUPS: [(&str, &str); 4] = [("EL5", "P02"), ("ME4", "P03"), ("ME5", "P01"), ("AU4", "P13")];

    fn arbitrary_doc() -> impl Strategy<Value = Arc<DirectoryDoc>> {
        (0..3usize, prop::collection::vec(0..4usize, 1..3), 0..3u8, prop::bool::ANY, 1u32..400).prop_map(
            |(province, groups, cert, online, employees)| {
                let products = groups
                    .iter()
                    .map(|&g| product(&format!("Sản phẩm {}", GROUPS[g].0), GROUPS[g].0, &[GROUPS[g].1]))
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
            },
        )
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
                cert: if cert { vec!["ISO9001".to_owned()] } else { vec![] },
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
