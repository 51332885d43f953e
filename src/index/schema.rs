//! The index schema, built in one place: which fields an article has, how each is analysed, and the
//! tokenizers they need.
//!
//! Text fields (`title`, `body`) use the English analyzer: lowercase, ASCII folding (so "Sergéy"
//! finds "Sergey") and stemming. Name fields (`people`, `organisations`, `places`, `authors`) use
//! the name analyzer: lowercase and ASCII folding, never stemmed, so `people:lavrov` matches
//! "Sergey Lavrov". Each entity kind also has an exact, fast keyword field (`person`,
//! `organisation`, `place`) holding canonical names for filters and counts.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

use super::stem::EnglishStemmer;

/// Tokenizer name of the English analyzer used for headline and body.
pub const ENGLISH: &str = "newsdex_en";
/// Tokenizer name of the name analyzer used for people, organisations, places and authors.
pub const NAMES: &str = "newsdex_names";

/// Handles to every field of the schema.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Stable article id (16 hex digits), exact.
    pub id: Field,
    /// Path of the file the article came from, exact; updates delete by it.
    pub path: Field,
    /// Record number of the article inside its file.
    pub record: Field,
    /// Hash of the file's bytes when it was indexed; an unchanged hash means nothing to redo.
    pub file_hash: Field,
    /// Display title (headline, or the first sentence), English analysis.
    pub title: Field,
    /// Body text, English analysis.
    pub body: Field,
    /// Canonical names of the people named, name analysis (for `people:lavrov`).
    pub people: Field,
    /// Canonical names of the people named, exact and fast (filters, counts).
    pub person: Field,
    /// Canonical names of the people the article attests ([`crate::ner::attest`]: a title, a
    /// word of speech or an age beside a mention), exact and fast, for the archive's verdict.
    pub attested: Field,
    pub organisations: Field,
    pub organisation: Field,
    pub places: Field,
    pub place: Field,
    /// Publication date, when known.
    pub date: Field,
    /// "YYYY-MM" of the publication date, fast, for month histograms.
    pub month: Field,
    /// Publisher or site name, exact and fast.
    pub source: Field,
    pub url: Field,
    /// Bylines, name analysis.
    pub authors: Field,
    /// Near-duplicate group: the id of the group's representative (its own id when unique), fast.
    pub group: Field,
    /// SimHash of the body (see [`crate::index::dedup`]), fast, absent for very short bodies; the
    /// indexer reads it back to put later copies in the same group.
    pub signature: Field,
    /// JSON of the article's entities with mentions and byte offsets, stored only.
    pub entities: Field,
}

impl Fields {
    /// Looks up every field in `schema`. Returns None if and only if `schema` is not newsdex's.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: f("id")?,
            path: f("path")?,
            record: f("record")?,
            file_hash: f("file_hash")?,
            title: f("title")?,
            body: f("body")?,
            people: f("people")?,
            person: f("person")?,
            attested: f("attested")?,
            organisations: f("organisations")?,
            organisation: f("organisation")?,
            places: f("places")?,
            place: f("place")?,
            date: f("date")?,
            month: f("month")?,
            source: f("source")?,
            url: f("url")?,
            authors: f("authors")?,
            group: f("group")?,
            signature: f("signature")?,
            entities: f("entities")?,
        })
    }
}

/// Builds newsdex's schema.
pub fn schema() -> Schema {
    let english = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ENGLISH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let names = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NAMES)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let exact = STRING | FAST;

    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("path", STRING | STORED);
    b.add_u64_field("record", STORED);
    b.add_u64_field("file_hash", INDEXED | FAST | STORED);
    b.add_text_field("title", english.clone());
    b.add_text_field("body", english);
    b.add_text_field("people", names.clone());
    b.add_text_field("person", exact.clone());
    b.add_text_field("attested", exact.clone());
    b.add_text_field("organisations", names.clone());
    b.add_text_field("organisation", exact.clone());
    b.add_text_field("places", names.clone());
    b.add_text_field("place", exact.clone());
    b.add_date_field("date", INDEXED | STORED | FAST);
    b.add_text_field("month", exact.clone());
    b.add_text_field("source", exact.clone() | STORED);
    b.add_text_field("url", STRING | STORED);
    b.add_text_field("authors", names);
    b.add_text_field("group", exact | STORED);
    b.add_u64_field("signature", FAST);
    b.add_text_field("entities", STORED);
    b.build()
}

/// Registers the tokenizers the schema names on `index`. Tantivy does not store custom tokenizers
/// in the index, so this must run after every create and every open.
pub fn register_tokenizers(index: &Index) {
    let english = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(EnglishStemmer)
        .build();
    let names = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(ENGLISH, english);
    index.tokenizers().register(NAMES, names);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_found() {
        assert!(Fields::from_schema(&schema()).is_some());
    }
}
