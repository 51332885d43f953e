//! How `newsdex search` and `newsdex people` print their answers: for a reader on a terminal
//! (highlights in colour when stdout is one), or as JSON Lines for programs; and the one-line
//! summary each command ends with on stderr. Each function returns the text to print.

use std::fmt::Write;
use std::io::{self, IsTerminal};

use crate::index::writer::thousands;
use crate::search::results::{Hit, PeopleResults, SearchResults};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";
/// Most people listed under one hit.
const PEOPLE_SHOWN: usize = 6;

/// Returns true if and only if stdout is a terminal and the `NO_COLOR` convention does not ask
/// for plain output.
pub fn use_color() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `results` for a reader: per hit its rank and title, date, source and copies, people, the
/// snippet with matched words highlighted (in colour if `color`), and its url or else path.
pub fn hits(results: &SearchResults, color: bool) -> String {
    let mut out = String::new();
    let (bold, dim, reset) = if color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    let width = results.hits.last().map_or(1, |h| h.rank.to_string().len());
    for hit in &results.hits {
        let pad = " ".repeat(width + 2);
        let _ = writeln!(out, "{:>width$}. {bold}{}{reset}", hit.rank, hit.title);
        let meta = meta(hit);
        if !meta.is_empty() {
            let _ = writeln!(out, "{pad}{dim}{meta}{reset}");
        }
        if !hit.people.is_empty() {
            let _ = writeln!(out, "{pad}{dim}People:{reset} {}", people(&hit.people));
        }
        if !hit.snippet.text().is_empty() {
            let _ = writeln!(out, "{pad}{}", hit.snippet.to_terminal(color));
        }
        let _ = writeln!(
            out,
            "{pad}{dim}{}{reset}",
            hit.url.as_deref().unwrap_or(&hit.path)
        );
        out.push('\n');
    }
    out
}

/// `results` as JSON Lines: one hit object a line (rank, score, id, title, date, source, url,
/// path, people, snippet, copies, group).
pub fn hits_json(results: &SearchResults) -> String {
    json_lines(&results.hits)
}

fn json_lines<T: serde::Serialize>(items: &[T]) -> String {
    let mut out = String::new();
    for item in items {
        // Serializing these plain structs cannot fail.
        out.push_str(&serde_json::to_string(item).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// The line `newsdex search` ends with on stderr: how many results, which were shown, and the time.
pub fn hits_summary(results: &SearchResults) -> String {
    let results_word = if results.total == 1 {
        "result"
    } else {
        "results"
    };
    let mut line = format!("{} {results_word}", thousands(results.total as u64));
    if results.articles != results.total {
        line.push_str(&format!(
            " ({} articles with copies)",
            thousands(results.articles as u64)
        ));
    }
    match (results.hits.first(), results.hits.last()) {
        (Some(first), Some(last)) if results.hits.len() < results.total => {
            line.push_str(&format!(", showing {}–{}", first.rank, last.rank));
        }
        _ => {}
    }
    format!("{line} in {:.1} ms", results.took.as_secs_f64() * 1000.0)
}

/// A people list: article count and name per line, or with `json` one
/// `{"name": …, "articles": N}` object a line.
pub fn people_list(results: &PeopleResults, json: bool) -> String {
    if json {
        return json_lines(&results.people);
    }
    let width = results
        .people
        .first()
        .map_or(1, |p| p.articles.to_string().len());
    let mut out = String::new();
    for person in &results.people {
        let _ = writeln!(out, "{:>width$}  {}", person.articles, person.name);
    }
    out
}

/// The line `newsdex people` ends with on stderr.
pub fn people_summary(results: &PeopleResults) -> String {
    let with = if results.with.is_empty() {
        String::new()
    } else {
        format!(" naming {}", results.with.join(" / "))
    };
    format!(
        "{} people shown, from {} articles{with}, in {:.1} ms",
        thousands(results.people.len() as u64),
        thousands(results.articles as u64),
        results.took.as_secs_f64() * 1000.0
    )
}

/// "2009-03-16 · Wikinews · +2 copies", leaving out what the hit lacks.
fn meta(hit: &Hit) -> String {
    let mut parts = Vec::new();
    if let Some(date) = hit.date {
        parts.push(date.to_string());
    }
    if let Some(source) = &hit.source {
        parts.push(source.clone());
    }
    match hit.copies {
        0 => {}
        1 => parts.push("+1 copy".to_string()),
        n => parts.push(format!("+{n} copies")),
    }
    parts.join(" · ")
}

fn people(names: &[String]) -> String {
    let mut shown = names
        .iter()
        .take(PEOPLE_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > PEOPLE_SHOWN {
        shown.push_str(&format!(" +{} more", names.len() - PEOPLE_SHOWN));
    }
    shown
}
