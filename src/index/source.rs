//! Where the indexer gets its articles: the one place it calls the corpus readers.
//!
//! TEMPORARY: until `crate::corpus` lands on main, this holds a minimal stand-in with the same
//! contract (`walk`, `read_bytes`, `FileRead`, `Problem`) reading plain text, JSON and JSON Lines,
//! so that the indexer can be built and tested. It is replaced by re-exports of `crate::corpus`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::article::{Article, Date};

/// A file, or a part of one, that could not be read as articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line number, where it applies.
    pub line: Option<u64>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

/// What reading one file gave: its articles and the parts that could not be read.
#[derive(Debug, Default)]
pub struct FileRead {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

impl Problem {
    /// A problem with the file at `path` as a whole.
    pub fn new(path: &Path, reason: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: None,
            reason: reason.into(),
        }
    }
}

/// The files under `paths` that a reader recognises, sorted, and the folders that could not be
/// walked. Fails with a usage error if a path does not exist.
pub fn walk(paths: &[PathBuf]) -> crate::Result<std::vec::IntoIter<Result<PathBuf, Problem>>> {
    let mut found = Vec::new();
    for root in paths {
        if std::fs::symlink_metadata(root).is_err() {
            return Err(crate::Error::usage(format!(
                "{}: no such file or folder (check the path)",
                root.display()
            )));
        }
        for entry in walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
        {
            match entry {
                Ok(e) if e.file_type().is_file() && (e.depth() == 0 || recognised(e.path())) => {
                    found.push(Ok(e.into_path()))
                }
                Ok(_) => {}
                Err(err) => found.push(Err(Problem::new(
                    err.path().unwrap_or(root),
                    err.to_string(),
                ))),
            }
        }
    }
    Ok(found.into_iter())
}

/// The bytes of the file at `path`.
pub fn load(path: &Path) -> Result<Vec<u8>, Problem> {
    std::fs::read(path).map_err(|e| Problem::new(path, format!("cannot read: {e}")))
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn recognised(path: &Path) -> bool {
    matches!(
        extension(path).as_str(),
        "txt" | "md" | "json" | "jsonl" | "ndjson"
    )
}

/// Reads the articles in `bytes`, the content of the file at `path`.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<FileRead, Problem> {
    let problem = |line: Option<u64>, reason: String| Problem {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| problem(None, e.to_string()))?;
    let mut read = FileRead::default();
    match extension(path).as_str() {
        "json" => {
            let value: Value =
                serde_json::from_str(text).map_err(|e| problem(None, e.to_string()))?;
            let records = match value {
                Value::Array(items) => items,
                v => vec![v],
            };
            for (i, v) in records.iter().enumerate() {
                read.articles.extend(from_json(path, i as u64, v));
            }
        }
        "jsonl" | "ndjson" => {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => read.articles.extend(from_json(path, i as u64, &v)),
                    Err(e) => read
                        .problems
                        .push(problem(Some(i as u64 + 1), e.to_string())),
                }
            }
        }
        _ => {
            let mut a = Article::new(path, 0);
            let mut parts = text.splitn(2, "\n\n");
            let first = parts.next().unwrap_or("");
            match parts.next() {
                Some(rest) if !first.contains('\n') && !first.trim_end().ends_with('.') => {
                    a.headline = Some(first.trim().to_string());
                    a.body = rest.trim().to_string();
                }
                _ => a.body = text.trim().to_string(),
            }
            if !a.body.is_empty() {
                read.articles.push(a);
            }
        }
    }
    if read.articles.is_empty() && read.problems.is_empty() {
        return Err(problem(None, "no article found".into()));
    }
    Ok(read)
}

fn from_json(path: &Path, record: u64, v: &Value) -> Option<Article> {
    let first = |names: &[&str]| {
        names
            .iter()
            .filter_map(|n| v.get(n)?.as_str())
            .map(str::trim)
            .find(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut a = Article::new(path, record);
    a.headline = first(&["title", "headline"]);
    a.body = first(&["body", "text", "content_original", "content", "articleBody"])?;
    a.source = first(&["source", "publisher", "site_name"]);
    a.url = first(&["url", "link"]);
    a.date = first(&["date", "published", "publish_date", "datePublished"]).and_then(|d| {
        let mut it = d.get(..10)?.split('-').map(|p| p.parse::<u32>().ok());
        let (y, m, d) = (it.next()??, it.next()??, it.next()??);
        Date::ymd(y as i32, m as u8, d as u8)
    });
    if let Some(authors) = first(&["authors", "author", "byline"]) {
        a.authors = authors
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    Some(a)
}
