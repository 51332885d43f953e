//! What the search library answers: search results with hits and facets, people counts, and whole
//! articles with their people's mentions. Every type serializes to the JSON that `newsdex search
//! --json`, `newsdex people --json` and `newsdex serve` print.

use std::time::Duration;

use serde::{Deserialize, Serialize, Serializer};

use crate::article::Date;
use crate::search::snippet::Snippet;

/// One page of search results.
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    /// Number of results the query has: duplicate groups, or articles with `all_copies`.
    pub total: usize,
    /// Number of matching articles, copies included.
    pub articles: usize,
    /// Time the search took, serialized as `took_ms` (milliseconds, fractional).
    #[serde(rename = "took_ms", serialize_with = "millis")]
    pub took: Duration,
    pub hits: Vec<Hit>,
    /// Present if and only if the request asked for facets.
    pub facets: Option<Facets>,
}

/// One search result.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// Position in the whole result list, from 1 (offset included).
    pub rank: usize,
    /// BM25 score; filters add nothing, and under `*` every article scores the same.
    pub score: f32,
    pub id: String,
    pub title: String,
    /// Publication day, `YYYY-MM-DD`, when known.
    #[serde(serialize_with = "day")]
    pub date: Option<Date>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The file the article was read from.
    pub path: String,
    /// Canonical names of the people the article names, in the order the indexer stored them.
    pub people: Vec<String>,
    /// A passage of the body with the matched words highlighted; serializes as plain text.
    pub snippet: Snippet,
    /// Other matching articles that are copies of this one (same duplicate group).
    pub copies: usize,
    /// Id of the article's duplicate group (its own id when it has no copies).
    pub group: String,
}

/// Counts over all the articles a search matched, each duplicate group counted once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Most named people first.
    pub people: Vec<NameCount>,
    /// Largest sources first.
    pub sources: Vec<NameCount>,
    /// Every month with a matching article, oldest first.
    pub months: Vec<MonthCount>,
}

/// A person (or source) and the number of articles naming them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameCount {
    pub name: String,
    pub articles: usize,
}

/// A month (`YYYY-MM`) and the number of articles published in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    pub month: String,
    pub articles: usize,
}

/// A people list.
#[derive(Clone, Debug, Serialize)]
pub struct PeopleResults {
    /// Number of articles counted (duplicate groups once).
    pub articles: usize,
    /// The canonical names the `with` person stands for, when one was given.
    pub with: Vec<String>,
    /// Most frequent first.
    pub people: Vec<NameCount>,
    #[serde(rename = "took_ms", serialize_with = "millis")]
    pub took: Duration,
}

/// One whole article as stored, with its people's mentions.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub title: String,
    pub body: String,
    #[serde(serialize_with = "day")]
    pub date: Option<Date>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub path: String,
    pub authors: Vec<String>,
    /// People, each with every mention's byte offsets.
    pub people: Vec<EntityMentions>,
    pub organisations: Vec<EntityMentions>,
    pub places: Vec<EntityMentions>,
    /// Id of the article's duplicate group.
    pub group: String,
    /// Ids of the other articles in its duplicate group.
    pub copies: Vec<String>,
}

/// An entity named in an article and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMentions {
    /// Canonical name.
    pub name: String,
    /// Other forms the article uses.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub mentions: Vec<MentionSpan>,
}

/// One mention: byte offsets `start..end` into the title (`in_headline`) or the body. The library
/// only returns spans that lie on character boundaries of the text they point into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionSpan {
    #[serde(default)]
    pub in_headline: bool,
    pub start: usize,
    pub end: usize,
}

fn millis<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1e5).round() / 100.0)
}

fn day<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}
