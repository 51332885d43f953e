//! What a caller asks the search library for: a search, a people list, and the filters they share.
//! Values are kept as the user typed them; the library checks them and answers a usage error
//! (exit 2 on the command line, 400 over HTTP) when one is wrong.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::error::Error;

/// Order of search results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Newest publication date first; articles without a date last.
    Date,
}

impl FromStr for Sort {
    type Err = Error;

    /// Parses `relevance` or `date`.
    fn from_str(s: &str) -> Result<Sort, Error> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "date" => Ok(Sort::Date),
            _ => Err(Error::usage(format!(
                "bad sort order {s:?}: use relevance or date"
            ))),
        }
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Sort::Relevance => "relevance",
            Sort::Date => "date",
        })
    }
}

/// Filters shared by searches and people lists; every one given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// People every article must name: canonical names (case- and accent-insensitive) or surnames
    /// only one person in the index has.
    pub persons: Vec<String>,
    /// The article's source, compared case-insensitively.
    pub source: Option<String>,
    /// Earliest publication date: YYYY, YYYY-MM or YYYY-MM-DD, inclusive.
    pub since: Option<String>,
    /// Latest publication date: YYYY, YYYY-MM (to the month's end) or YYYY-MM-DD, inclusive.
    pub until: Option<String>,
}

/// A search: a query, filters, and which page of results to return.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SearchRequest {
    /// tantivy query syntax: words (all required), "phrases", OR, -word, field:word. `*` or an
    /// empty query matches every article.
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    /// Number of hits to return.
    pub limit: usize,
    /// Number of hits to skip.
    pub offset: usize,
    /// Return every copy of duplicated articles instead of one hit per duplicate group.
    pub all_copies: bool,
    /// Compute people, source and month facets over all matching articles.
    pub facets: bool,
    /// Most people and most sources a facet lists (months are all listed).
    pub facet_limit: usize,
}

impl Default for SearchRequest {
    fn default() -> SearchRequest {
        SearchRequest {
            query: String::new(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            all_copies: false,
            facets: false,
            facet_limit: 20,
        }
    }
}

/// A people list: who is named in the articles matching a query and filters, or alongside one person.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeopleRequest {
    /// Only count people in articles matching this query (same syntax as a search); None or `*`
    /// counts every article.
    pub query: Option<String>,
    pub filters: Filters,
    /// Count only articles naming this person, and leave the person out of the list: who appears
    /// most often alongside them.
    pub with: Option<String>,
    /// Most people to return.
    pub limit: usize,
}

impl Default for PeopleRequest {
    /// Everyone in the index, the 20 most named.
    fn default() -> PeopleRequest {
        PeopleRequest {
            query: None,
            filters: Filters::default(),
            with: None,
            limit: 20,
        }
    }
}
