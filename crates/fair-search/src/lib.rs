//! The directory's search index, held in memory.
//!
//! A fair has about a thousand exhibitors and ten thousand products: small enough that
//! an in-memory inverted index answers a search with filters and facets in well under
//! a millisecond, on SQLite and PostgreSQL alike, with the same behaviour. Each
//! instance keeps its own immutable [`DirectoryIndex`] and swaps in a new one when the
//! directory changes (see `fair-booths`).
//!
//! Text is folded and tokenised by `fair_domain::text`: Vietnamese without diacritics
//! finds the diacritic form, and CJK runs become bigrams. Every exhibitor is also
//! indexed under the labels of its product groups and processes in all four UI
//! languages plus synonyms, so "射出成形" finds a Vietnamese "ép phun nhựa" maker.
//! No IO happens here.

mod doc;
mod index;
mod query;

pub use doc::{CertDoc, DirectoryDoc, ProductDoc};
pub use index::DirectoryIndex;
pub use query::{FacetCounts, Filters, Hit, SearchRequest, SearchResults, Sort};
