//! Test articles and a small index built from them directly with the schema's fields, as the
//! indexer writes them, so search can be tested without the recogniser: each article lists the
//! people the recogniser would find, and copies name the article they repeat.
//!
//! The articles are `tests/fixtures/search/articles.jsonl` (the seed article and Wikinews openings,
//! CC BY 2.5), which the command-line tests index with the real indexer and recogniser instead.

use std::path::Path;

use serde::Deserialize;
use tantivy::{DateTime, Index, TantivyDocument};

use crate::article::{Article, article_id};
use crate::error::{Error, Result};
use crate::index::schema::{Fields, register_tokenizers, schema};

/// The test articles, one JSON object a line.
pub const ARTICLES: &str = include_str!("../../tests/fixtures/search/articles.jsonl");

/// One test article.
#[derive(Clone, Debug, Deserialize)]
pub struct Fixture {
    pub path: String,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub body: String,
    /// Canonical names of the people the article names.
    pub people: Vec<String>,
    /// Path of the article this one is a copy of.
    pub copy_of: Option<String>,
}

impl Fixture {
    /// The article's id, as the indexer gives it.
    pub fn id(&self) -> String {
        article_id(Path::new(&self.path), 0)
    }
}

/// Parses [`ARTICLES`].
pub fn articles() -> Vec<Fixture> {
    ARTICLES
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("tests/fixtures/search/articles.jsonl is valid"))
        .collect()
}

/// An index in memory holding `fixtures`.
pub fn in_ram(fixtures: &[Fixture]) -> Result<Index> {
    let index = Index::create_in_ram(schema());
    add(&index, fixtures)?;
    Ok(index)
}

/// Creates an index in `dir` (which must not hold one) holding `fixtures`, with its search tables,
/// as `newsdex index` leaves one.
pub fn in_dir(dir: &Path, fixtures: &[Fixture]) -> Result<Index> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
    let index = Index::create_in_dir(dir, schema())?;
    add(&index, fixtures)?;
    crate::index::tables::refresh(&index, dir)?;
    Ok(index)
}

/// Adds `fixtures` to `index` in one commit.
pub fn add(index: &Index, fixtures: &[Fixture]) -> Result<()> {
    register_tokenizers(index);
    let fields = Fields::from_schema(&index.schema())
        .ok_or_else(|| Error::failure("not a newsdex index"))?;
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000)?;
    for f in fixtures {
        writer.add_document(document(f, &fields))?;
    }
    writer.commit()?;
    Ok(())
}

/// The document the indexer would write for `f`.
pub fn document(f: &Fixture, fields: &Fields) -> TantivyDocument {
    let mut article = Article::new(Path::new(&f.path), 0);
    article.headline = f.title.clone();
    article.body = f.body.clone();
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.path, &f.path);
    doc.add_u64(fields.record, 0);
    doc.add_u64(fields.file_hash, 0);
    let title = article.title();
    doc.add_text(fields.title, &title);
    doc.add_text(fields.body, &f.body);
    for name in &f.people {
        doc.add_text(fields.people, name);
        doc.add_text(fields.person, name);
    }
    if let Some(date) = &f.date {
        let p = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse().ok());
        if let (Some(y), Some(m), Some(d)) = (p(0..4), p(5..7), p(8..10))
            && let Some(day) = crate::Date::ymd(y, m as u8, d as u8)
        {
            doc.add_date(fields.date, DateTime::from_timestamp_secs(day.timestamp()));
            doc.add_text(fields.month, day.year_month());
        }
    }
    if let Some(source) = &f.source {
        doc.add_text(fields.source, source);
    }
    if let Some(url) = &f.url {
        doc.add_text(fields.url, url);
    }
    let group = f
        .copy_of
        .as_deref()
        .map_or_else(|| f.id(), |p| article_id(Path::new(p), 0));
    doc.add_text(fields.group, group);
    doc.add_text(fields.entities, entities_json(f, &title));
    doc
}

/// The `entities` JSON for `f`: each person's mentions are the places their full name, or else
/// their surname, appears in the title and the body.
fn entities_json(f: &Fixture, title: &str) -> String {
    let people: Vec<serde_json::Value> = f
        .people
        .iter()
        .map(|name| {
            let surname = name.rsplit(' ').next().unwrap_or(name);
            let mut mentions = Vec::new();
            let mut aliases = Vec::new();
            for (in_headline, text) in [(true, title), (false, f.body.as_str())] {
                let mut taken: Vec<(usize, usize)> = Vec::new();
                for form in [name.as_str(), surname] {
                    for (start, _) in text.match_indices(form) {
                        let end = start + form.len();
                        if taken.iter().all(|&(s, e)| end <= s || start >= e) {
                            taken.push((start, end));
                            if form != name && !aliases.contains(&form) {
                                aliases.push(form);
                            }
                        }
                    }
                }
                taken.sort();
                mentions.extend(taken.into_iter().map(|(start, end)| {
                    serde_json::json!({"in_headline": in_headline, "start": start, "end": end})
                }));
            }
            serde_json::json!({"name": name, "kind": "person", "aliases": aliases, "mentions": mentions})
        })
        .collect();
    serde_json::json!({"people": people, "organisations": [], "places": []}).to_string()
}
