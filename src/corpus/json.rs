//! JSON articles: a `.json` file holding one article object or an array of them (or an API dump that
//! wraps the array, `{"articles": […]}`), and JSON Lines (`.jsonl`, `.ndjson`), one object per line.
//!
//! Field names are the ones scraped news uses; for each fact the first one present wins, field names
//! match in any case, and unknown fields are ignored:
//!
//! | fact | fields |
//! |---|---|
//! | headline | `title`, `headline` |
//! | body | `body`, `articleBody`, `content_original`, `text`, `content` (one only: AllSides has both `content` and `content_original`) |
//! | date | `date`, `published`, `publish_date`, `datePublished`, `publishedAt`, `published_at`, `pubDate` (text, or Unix seconds/milliseconds) |
//! | source | `source`, `publisher`, `site_name`, `siteName` (text, or an object with `name`) |
//! | url | `url`, `link` |
//! | authors | `authors`, `author`, `byline` ("A, B and C", an array, or objects with `name`) |
//!
//! An object is an article if and only if it has a headline or a body. serde_json stops at 128 levels
//! of nesting, so deeply nested input is an error, not a stack overflow.

use std::path::Path;

use serde_json::{Map, Value};

use super::records::MAX_LISTED_PROBLEMS;
use super::{FileRead, Problem, boilerplate, byline, date, decode, references};
use crate::article::{Article, Date};

const HEADLINE: &[&str] = &["title", "headline"];
const BODY: &[&str] = &["body", "articleBody", "content_original", "text", "content"];
const DATE: &[&str] = &[
    "date",
    "published",
    "publish_date",
    "datePublished",
    "publishedAt",
    "published_at",
    "pubDate",
];
const SOURCE: &[&str] = &["source", "publisher", "site_name", "siteName"];
const URL: &[&str] = &["url", "link"];
const AUTHORS: &[&str] = &["authors", "author", "byline"];
/// Keys under which API dumps wrap their array of articles.
const WRAPPERS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "documents",
    "posts",
    "stories",
];

/// Reads a `.json` file: one article, an array of articles, or an object wrapping such an array.
pub(crate) fn read_json(path: &Path, bytes: &[u8]) -> Result<FileRead, Problem> {
    let text = decode::text(bytes);
    let value: Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| invalid(path, &e))?;
    let items = match value {
        Value::Object(map) if is_article(&map) => {
            return Ok(FileRead {
                articles: vec![article(path, 0, &map)],
                ..FileRead::default()
            });
        }
        Value::Object(mut map) => match WRAPPERS.iter().find_map(|k| take(&mut map, k)) {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(Problem::new(
                    path,
                    "JSON object without article fields (title, headline, body, text, content, articleBody)",
                ));
            }
        },
        Value::Array(items) => items,
        _ => {
            return Err(Problem::new(
                path,
                "JSON value that is not an article object",
            ));
        }
    };
    let mut read = FileRead::default();
    let mut not_articles = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Object(map) if is_article(map) => {
                read.articles.push(article(path, i as u64, map))
            }
            _ => not_articles.push(i),
        }
    }
    if read.articles.is_empty() {
        return Err(Problem::new(
            path,
            format!(
                "JSON array of {} items, none an article object",
                items.len()
            ),
        ));
    }
    for &i in not_articles.iter().take(MAX_LISTED_PROBLEMS) {
        read.problems.push(Problem::new(
            path,
            format!("array item {i} is not an article (no title or body)"),
        ));
    }
    if not_articles.len() > MAX_LISTED_PROBLEMS {
        read.problems.push(Problem::new(
            path,
            format!(
                "{} more array items are not articles",
                not_articles.len() - MAX_LISTED_PROBLEMS
            ),
        ));
    }
    Ok(read)
}

/// The article on one line of a JSON Lines file (`bytes`, without its line end), record `number`
/// (the line number counted from 0, so that fixing a broken line leaves the other articles' ids
/// unchanged). `Err` says why the line is not an article.
pub(crate) fn line_article(path: &Path, number: u64, bytes: &[u8]) -> Result<Article, String> {
    let text = decode::text(bytes);
    let line = text.trim_start_matches('\u{feff}').trim();
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) if is_article(&map) => Ok(article(path, number, &map)),
        Ok(_) => Err("not an article object (no title or body)".to_string()),
        Err(e) => Err(format!("invalid JSON: {}", message(&e))),
    }
}

/// The article in item `index` (from 0) of a JSON array, `bytes` being the item's JSON text.
/// `Err` says why it is not an article.
pub(crate) fn item_article(path: &Path, index: u64, bytes: &[u8]) -> Result<Article, String> {
    let text = decode::text(bytes);
    match serde_json::from_str::<Value>(text.trim()) {
        Ok(Value::Object(map)) if is_article(&map) => Ok(article(path, index, &map)),
        Ok(_) => Err(format!(
            "array item {index} is not an article (no title or body)"
        )),
        Err(e) => Err(format!("array item {index}: invalid JSON: {}", message(&e))),
    }
}

fn invalid(path: &Path, e: &serde_json::Error) -> Problem {
    let reason = format!("invalid JSON: {}", message(e));
    if e.line() > 0 {
        Problem::at_line(path, e.line() as u64, reason)
    } else {
        Problem::new(path, reason)
    }
}

/// serde_json's message without its " at line L column C" suffix (the line is reported apart).
fn message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The value of the first of `keys` present in `map` (any case), if any.
fn field<'m>(map: &'m Map<String, Value>, keys: &[&str]) -> impl Iterator<Item = &'m Value> {
    let wanted: Vec<&str> = keys.to_vec();
    wanted.into_iter().filter_map(move |k| {
        map.iter()
            .find(|(key, v)| key.eq_ignore_ascii_case(k) && !v.is_null())
            .map(|(_, v)| v)
    })
}

fn take(map: &mut Map<String, Value>, key: &str) -> Option<Value> {
    let found = map.keys().find(|k| k.eq_ignore_ascii_case(key))?.clone();
    map.remove(&found)
}

/// The text of a value: a string, or the `name` of an object ({"@type": "Organization", "name": …}).
fn text_of(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s.trim()).filter(|s| !s.is_empty()),
        Value::Object(o) => o.get("name").and_then(text_of),
        _ => None,
    }
}

fn first_text<'m>(map: &'m Map<String, Value>, keys: &[&str]) -> Option<&'m str> {
    field(map, keys).find_map(text_of)
}

/// True if and only if the object has a non-empty headline or body.
fn is_article(map: &Map<String, Value>) -> bool {
    first_text(map, HEADLINE).is_some() || first_text(map, BODY).is_some()
}

/// The article in object `map`, record `record` of the file at `path`.
fn article(path: &Path, record: u64, map: &Map<String, Value>) -> Article {
    let mut a = Article::new(path, record);
    a.headline = first_text(map, HEADLINE).map(|h| {
        references::decode(h)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    });
    a.body = first_text(map, BODY).map(clean_body).unwrap_or_default();
    a.date = field(map, DATE).find_map(date_of);
    a.source = first_text(map, SOURCE).map(str::to_string);
    a.url = first_text(map, URL).map(str::to_string);
    a.authors = field(map, AUTHORS).next().map(authors).unwrap_or_default();
    a
}

/// The body with line ends made `\n`, character references decoded and trailing boilerplate cut.
fn clean_body(body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let body = references::decode(&body);
    boilerplate::trim_trailing(body.trim()).to_string()
}

/// A date written as text, or as a Unix timestamp in seconds (or milliseconds when it is too large
/// to be seconds).
fn date_of(value: &Value) -> Option<Date> {
    match value {
        Value::String(s) => date::parse(s),
        Value::Number(n) => {
            let t = n.as_i64()?;
            let seconds = if t.unsigned_abs() > 100_000_000_000 {
                t / 1000
            } else {
                t
            };
            // Years 1000 to 9999 only: anything else is not a publication date.
            if !(-30_610_224_000..=253_402_300_799).contains(&seconds) {
                return None;
            }
            let d = Date::from_timestamp(seconds);
            Date::ymd(d.year, d.month, d.day).map(|_| d)
        }
        _ => None,
    }
}

/// Authors from "A, B and C" / "By A; B", an array of names, or objects with `name`.
fn authors(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match value {
        Value::Array(items) => items
            .iter()
            .filter_map(text_of)
            .for_each(|s| byline::add_names(s, &mut out)),
        v => text_of(v)
            .into_iter()
            .for_each(|s| byline::add_names(s, &mut out)),
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::records::read_records;
    use crate::corpus::shared_data;

    #[test]
    fn wikinews_article() {
        let Some(path) = shared_data("wikinews-economy/ID100397.json") else {
            return;
        };
        let read = read_json(&path, &std::fs::read(&path).unwrap()).unwrap();
        let a = &read.articles[0];
        assert_eq!(
            a.headline.as_deref(),
            Some("Video hosting website Stage6 to shut down")
        );
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2008-02-26"));
        assert_eq!(a.source.as_deref(), Some("Wikinews"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://en.wikinews.org/w/index.php?curid=100397")
        );
        assert!(
            a.body
                .starts_with("American corporation DivX, Inc. announced on Monday")
        );
    }

    #[test]
    fn allsides_body_is_content_original_once() {
        let Some(path) = shared_data("allsides/jsons/004Gt3gcsotuiYmz.json") else {
            return;
        };
        let read = read_json(&path, &std::fs::read(&path).unwrap()).unwrap();
        let a = &read.articles[0];
        assert_eq!(
            a.headline.as_deref(),
            Some("Bomb Suspect Changed After Trip Abroad, Friends Say")
        );
        assert_eq!(a.authors, ["N. R. Kleinfield"]);
        assert_eq!(a.source.as_deref(), Some("New York Times - News"));
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2016-09-20"));
        // content_original ("Quetta, Mr.") and not the tokenized copy ("Quetta , Mr."), and only once.
        assert!(
            a.body
                .starts_with("Besides his most recent trip to Quetta, Mr. Rahami visited Karachi")
        );
        assert_eq!(a.body.matches("Besides his most recent trip").count(), 1);
    }

    #[test]
    fn field_variants_scraped_news_uses() {
        let json = r#"{"headline": "Rubio meets Lavrov", "articleBody": "They met.\r\nShare this:", "datePublished": "2025-07-11T09:30:00+08:00",
            "publisher": {"@type": "Organization", "name": "Example News"}, "link": "https://example.org/a",
            "author": [{"@type": "Person", "name": "Ann Lee"}, "Bo Chen"], "tags": ["x"], "Extra": {"deep": [1, 2]}}"#;
        let a = &read_json(Path::new("a.json"), json.as_bytes())
            .unwrap()
            .articles[0];
        assert_eq!(a.headline.as_deref(), Some("Rubio meets Lavrov"));
        assert_eq!(a.body, "They met.");
        assert_eq!(
            a.date.unwrap().timestamp(),
            Date::ymd(2025, 7, 11)
                .unwrap()
                .with_time(1, 30, 0)
                .unwrap()
                .timestamp()
        );
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
        let b = &read_json(Path::new("b.json"), br#"{"Title": "T", "TEXT": "B", "byline": "By Ann Lee and Bo Chen", "published": 1595347200}"#).unwrap().articles[0];
        assert_eq!((b.headline.as_deref(), b.body.as_str()), (Some("T"), "B"));
        assert_eq!(b.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2020-07-21"));
        for huge in ["9223372036854775807", "-9223372036854775808", "1e300"] {
            let json = format!(r#"{{"title": "T", "date": {huge}}}"#);
            assert_eq!(
                read_json(Path::new("c.json"), json.as_bytes())
                    .unwrap()
                    .articles[0]
                    .date,
                None
            );
        }
    }

    #[test]
    fn arrays_and_wrapped_arrays_give_one_article_per_object() {
        let json = br#"[{"title": "A", "body": "a"}, 7, {"title": "B", "body": "b"}]"#;
        let read = read_json(Path::new("x.json"), json).unwrap();
        assert_eq!(
            read.articles.iter().map(|a| a.record).collect::<Vec<_>>(),
            [0, 2]
        );
        assert_eq!(read.problems.len(), 1);
        let wrapped = br#"{"status": "ok", "articles": [{"title": "A", "content": "a"}]}"#;
        assert_eq!(
            read_json(Path::new("x.json"), wrapped)
                .unwrap()
                .articles
                .len(),
            1
        );
    }

    #[test]
    fn json_that_is_not_an_article_is_skipped() {
        let err = read_json(
            Path::new("package.json"),
            br#"{"name": "x", "version": "1.0"}"#,
        )
        .unwrap_err();
        assert!(err.reason.contains("without article fields"), "{err}");
        assert!(read_json(Path::new("n.json"), b"[1, 2, 3]").is_err());
        assert!(read_json(Path::new("s.json"), br#""just a string""#).is_err());
    }

    #[test]
    fn character_references_in_exports_are_decoded() {
        // The shape of the bundled Wikinews records.
        let json = br#"{"title": "Adam Air grounded &mdash; again", "body": "The airline said &quot;no&quot;.\nAT&amp;T too."}"#;
        let read = read_json(Path::new("w.json"), json).unwrap();
        let a = &read.articles[0];
        assert_eq!(a.headline.as_deref(), Some("Adam Air grounded — again"));
        assert_eq!(a.body, "The airline said \"no\".\nAT&T too.");
    }

    #[test]
    fn malformed_json_names_the_line() {
        let err =
            read_json(Path::new("bad.json"), b"{\n\"title\": \"A\",\n\"body\": }").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.reason.starts_with("invalid JSON:"), "{err}");
    }

    #[test]
    fn json_lines_keep_good_lines_and_report_the_bad_one() {
        let lines = b"{\"title\": \"A\", \"body\": \"a\"}\n\n{\"title\": \"B\", \"body\": \n{\"title\": \"C\", \"body\": \"c\"}\n{\"id\": 4}\n";
        let read = read_records(Path::new("x.jsonl"), lines);
        assert_eq!(
            read.articles
                .iter()
                .map(|a| a.headline.as_deref().unwrap())
                .collect::<Vec<_>>(),
            ["A", "C"]
        );
        assert_eq!(read.articles[1].record, 3);
        assert_eq!(
            read.problems.iter().map(|p| p.line).collect::<Vec<_>>(),
            [Some(3), Some(5)]
        );
        assert!(
            read.problems[0]
                .to_string()
                .starts_with("x.jsonl:3: invalid JSON")
        );
    }

    #[test]
    fn a_cut_last_line_is_named_and_the_lines_before_kept() {
        let read = read_records(
            Path::new("x.jsonl"),
            b"{\"title\": \"A\", \"body\": \"a\"}\n{\"title\": \"B\", \"bo",
        );
        assert_eq!(read.articles.len(), 1);
        assert_eq!(read.problems.len(), 1);
        assert!(
            read.problems[0]
                .to_string()
                .starts_with("x.jsonl:2: invalid JSON")
                && read.problems[0]
                    .reason
                    .contains("the last line is cut short"),
            "{}",
            read.problems[0]
        );
        // A last line without a line end that is whole is an article like the others.
        let read = read_records(
            Path::new("x.jsonl"),
            b"{\"title\": \"A\"}\n{\"title\": \"B\"}",
        );
        assert_eq!((read.articles.len(), read.problems.len()), (2, 0));
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = read_json(Path::new("deep.json"), deep.as_bytes()).unwrap_err();
        assert!(err.reason.contains("recursion limit"), "{err}");
        let line = format!(
            "{{\"title\": \"A\", \"x\": {}1{}}}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let read = read_records(Path::new("deep.jsonl"), line.as_bytes());
        assert_eq!((read.articles.len(), read.problems.len()), (0, 1));
    }
}
