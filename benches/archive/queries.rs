//! The committed query set (`benches/queries.json`) and its translation for the engines that have
//! no people field: raw tantivy and SQLite FTS5.
//!
//! Each query is what a news user types: the text of `newsdex search` plus its flags (`persons`,
//! `since`, `until`, `sort`). `"kind": "people"` marks a people-facet query (`newsdex people
//! QUERY`), which only newsdex answers. For raw tantivy and FTS5 a person filter becomes a
//! required phrase of the person's name, a `people:` or other field the raw schema lacks becomes
//! a plain word, and date ranges and sorting by date use their date column.

use std::path::Path;

use serde::Deserialize;

/// One query of the set.
#[derive(Clone, Debug, Deserialize)]
pub struct BenchQuery {
    /// Query text in newsdex's syntax (`*` for every article).
    pub q: String,
    #[serde(default)]
    pub persons: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// "relevance" (default) or "date".
    #[serde(default)]
    pub sort: Option<String>,
    /// "search" (default) or "people".
    #[serde(default)]
    pub kind: Option<String>,
}

impl BenchQuery {
    pub fn by_date(&self) -> bool {
        self.sort.as_deref() == Some("date")
    }

    pub fn is_people(&self) -> bool {
        self.kind.as_deref() == Some("people")
    }

    /// How the query reads on one line, as a user would type it on the command line.
    pub fn label(&self) -> String {
        let mut s = if self.is_people() {
            format!("people {:?}", self.q)
        } else {
            format!("{:?}", self.q)
        };
        for p in &self.persons {
            s.push_str(&format!(" --person {p:?}"));
        }
        if let Some(d) = &self.since {
            s.push_str(&format!(" --since {d}"));
        }
        if let Some(d) = &self.until {
            s.push_str(&format!(" --until {d}"));
        }
        if self.by_date() {
            s.push_str(" --sort date");
        }
        s
    }

    /// The query in tantivy syntax over a schema of `title` and `body` only; None for "every
    /// article".
    pub fn tantivy_text(&self) -> Option<String> {
        let mut parts: Vec<String> = parse(&self.q)
            .into_iter()
            .map(|item| item.render(Syntax::Tantivy))
            .collect();
        parts.extend(self.persons.iter().map(|p| format!("\"{p}\"")));
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The query as an FTS5 MATCH expression; None for "every article".
    #[cfg_attr(not(feature = "bench-fts5"), allow(dead_code))]
    pub fn fts5_match(&self) -> Option<String> {
        let mut parts: Vec<String> = parse(&self.q)
            .into_iter()
            .map(|item| item.render(Syntax::Fts5))
            .collect();
        parts.extend(self.persons.iter().map(|p| quote(p)));
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// Publication-date bounds in seconds: start inclusive, end exclusive.
    pub fn range(&self) -> (Option<i64>, Option<i64>) {
        match newsdex::search::DateRange::parse(self.since.as_deref(), self.until.as_deref()) {
            Ok(r) => (r.start, r.end),
            Err(_) => (None, None),
        }
    }
}

/// Reads the query set.
pub fn load(path: &Path) -> Result<Vec<BenchQuery>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(not(feature = "bench-fts5"), allow(dead_code))]
enum Syntax {
    Tantivy,
    Fts5,
}

/// One element of a query: a word, a "phrase", OR, a -negation or a field:word.
#[derive(Debug, PartialEq)]
enum Item {
    Word(String),
    Phrase(String),
    Or,
    Not(Box<Item>),
    Field(String, Box<Item>),
}

impl Item {
    fn render(&self, syntax: Syntax) -> String {
        match (self, syntax) {
            (Item::Word(w), Syntax::Tantivy) => w.clone(),
            (Item::Word(w) | Item::Phrase(w), Syntax::Fts5) => quote(w),
            (Item::Phrase(p), Syntax::Tantivy) => format!("\"{p}\""),
            (Item::Or, _) => "OR".to_string(),
            (Item::Not(i), Syntax::Tantivy) => format!("-{}", i.render(syntax)),
            (Item::Not(i), Syntax::Fts5) => format!("NOT {}", i.render(syntax)),
            (Item::Field(f, i), _) if f == "title" || f == "body" => match syntax {
                Syntax::Tantivy => format!("{f}:{}", i.render(syntax)),
                Syntax::Fts5 => format!("{f} : {}", i.render(syntax)),
            },
            (Item::Field(_, i), _) => i.render(syntax),
        }
    }
}

/// An FTS5 string: the words of `s` as one phrase.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Splits newsdex query text into items; `*` and empty text give none.
fn parse(q: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut rest = q.trim();
    while !rest.is_empty() {
        let end = if let Some(inner) = rest.strip_prefix('"') {
            inner.find('"').map_or(rest.len(), |e| e + 2)
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        let (token, after) = rest.split_at(end);
        if let Some(item) = item(token) {
            items.push(item);
        }
        rest = after.trim_start();
    }
    items
}

fn item(token: &str) -> Option<Item> {
    if token == "*" || token.is_empty() {
        return None;
    }
    if token == "OR" {
        return Some(Item::Or);
    }
    if let Some(inner) = token.strip_prefix('"') {
        return Some(Item::Phrase(inner.trim_end_matches('"').to_string()));
    }
    if let Some(rest) = token.strip_prefix('-') {
        return item(rest).map(|i| Item::Not(Box::new(i)));
    }
    if let Some((field, rest)) = token.split_once(':') {
        return item(rest).map(|i| Item::Field(field.to_string(), Box::new(i)));
    }
    Some(Item::Word(token.to_string()))
}
