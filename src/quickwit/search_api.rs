//! One search as newsdex sends it to Quickwit's search API (`POST /api/v1/{index}/search`) and
//! what it reads of the answer: hits with their snippets, and the buckets of terms aggregations.

use serde_json::{Value, json};

use crate::article::Date;
use crate::index::names::Days;
use crate::search::{DateRange, Snippet, Sort};

/// Quickwit's answer to one search.
pub struct Answer {
    pub num_hits: usize,
    pub hits: Vec<Value>,
    pub snippets: Vec<Value>,
    pub aggregations: Value,
}

impl Answer {
    /// The hits, each with its snippet when Quickwit gave one.
    pub fn take_hits(&mut self) -> Vec<(Value, Option<Value>)> {
        let snippets = std::mem::take(&mut self.snippets);
        std::mem::take(&mut self.hits)
            .into_iter()
            .zip(
                snippets
                    .into_iter()
                    .map(Some)
                    .chain(std::iter::repeat(None)),
            )
            .collect()
    }
}

/// The buckets of a terms aggregation: each key and its document count, and the documents in no
/// bucket returned.
pub struct Buckets {
    pub buckets: Vec<(String, u64)>,
    pub others: u64,
}

impl Buckets {
    /// Each bucket's key and document count, made into a `T`.
    pub fn counts<T>(self, make: impl Fn(String, usize) -> T) -> Vec<T> {
        self.buckets
            .into_iter()
            .map(|(key, n)| make(key, n as usize))
            .collect()
    }
}

/// A search as sent to Quickwit.
pub struct Query<'a> {
    pub query: String,
    pub range: DateRange,
    pub sort: Sort,
    pub max_hits: usize,
    pub start_offset: usize,
    pub snippets: bool,
    pub aggs: &'a Value,
}

impl<'a> Query<'a> {
    /// A search for the aggregations `aggs` of the articles matching `query` in `range`, no hits.
    pub fn counts(query: String, range: DateRange, aggs: &'a Value) -> Query<'a> {
        Query {
            query,
            range,
            sort: Sort::Relevance,
            max_hits: 0,
            start_offset: 0,
            snippets: false,
            aggs,
        }
    }

    /// The JSON body of `POST /api/v1/{index}/search`.
    pub fn body(&self) -> Value {
        let mut body = json!({
            "query": self.query,
            "max_hits": self.max_hits,
            "start_offset": self.start_offset,
            "sort_by": match self.sort {
                // Quickwit sorts a field descending unless it is prefixed with `-`.
                Sort::Relevance => "_score",
                Sort::Date => "date",
            },
            "format": "json",
        });
        let o = body.as_object_mut().expect("a JSON object literal");
        if let Some(start) = self.range.start {
            o.insert("start_timestamp".into(), json!(start));
        }
        if let Some(end) = self.range.end {
            o.insert("end_timestamp".into(), json!(end));
        }
        if self.snippets {
            o.insert("snippet_fields".into(), json!("body"));
        }
        if self.aggs.as_object().is_some_and(|a| !a.is_empty()) {
            o.insert("aggs".into(), self.aggs.clone());
        }
        body
    }
}

/// A terms aggregation on `field`: the `size` keys with most documents.
pub fn terms(field: &str, size: usize) -> Value {
    json!({ "terms": { "field": field, "size": size, "split_size": size } })
}

/// The buckets of terms aggregation `name` in `aggregations`.
pub fn buckets(aggregations: &Value, name: &str) -> Buckets {
    let agg = aggregations.get(name);
    let buckets = agg
        .and_then(|a| a.get("buckets"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|b| {
                    let key = match b.get("key")? {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    Some((key, b.get("doc_count")?.as_u64()?))
                })
                .collect()
        })
        .unwrap_or_default();
    Buckets {
        buckets,
        others: agg
            .and_then(|a| a.get("sum_other_doc_count"))
            .and_then(Value::as_u64)
            .unwrap_or(0),
    }
}

/// The first and last days of the articles in each bucket of terms aggregation `name` in
/// `aggregations`, by the bucket's key, from its metric sub-aggregations `first` (`min`) and
/// `last` (`max`) on the date field; buckets without both values (no dated article) are left out.
pub fn bucket_days(aggregations: &Value, name: &str) -> Vec<(String, Days)> {
    let list = aggregations
        .get(name)
        .and_then(|a| a.get("buckets"))
        .and_then(Value::as_array);
    let value = |b: &Value, agg: &str| b.get(agg).and_then(|m| m.get("value")).and_then(day);
    list.into_iter()
        .flatten()
        .filter_map(|b| {
            let key = b.get("key")?.as_str()?.to_string();
            let (first, last) = (value(b, "first")?, value(b, "last")?);
            Some((key, Days { first, last }))
        })
        .collect()
}

/// The day (counted from 1970-01-01) of a `min` or `max` aggregation's value on a datetime
/// field. Quickwit versions give it in seconds, milliseconds or microseconds since the epoch; the
/// magnitude tells which for any date after April 1970 and before 2286. None for no value (no
/// dated article).
fn day(value: &Value) -> Option<i32> {
    let v = value.as_f64().filter(|v| v.is_finite())?;
    let per_second = match v.abs() {
        a if a < 1e10 => 1.0,
        a if a < 1e13 => 1e3,
        a if a < 1e16 => 1e6,
        _ => 1e9,
    };
    Some((v / per_second / 86_400.0).floor() as i32)
}

/// The strings of a JSON array (or of one string).
pub fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// A publication date as Quickwit returns it: seconds since the epoch (the index's output
/// format), or the RFC 3339 text of the document as sent.
pub fn date(value: Option<&Value>) -> Option<Date> {
    match value? {
        Value::String(text) => crate::corpus::date::parse(text),
        v => Some(Date::from_timestamp(
            v.as_i64().or_else(|| v.as_f64().map(|f| f as i64))?,
        )),
    }
}

/// A snippet from Quickwit's HTML fragment: `<b>…</b>` marks the matched words, `&amp;`, `&lt;`,
/// `&gt;`, `&quot;` and `&#x27;` stand for their characters.
pub fn from_html(html: &str) -> Snippet {
    let mut text = String::with_capacity(html.len());
    let mut highlights = Vec::new();
    let mut start = None;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<b>") {
            start = Some(text.len());
            rest = after;
        } else if let Some(after) = rest.strip_prefix("</b>") {
            if let Some(s) = start.take() {
                highlights.push(s..text.len());
            }
            rest = after;
        } else if c == '&' {
            let entity = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#x27;", '\''),
                ("&#39;", '\''),
                ("&#x2F;", '/'),
            ]
            .into_iter()
            .find(|(e, _)| rest.starts_with(e));
            match entity {
                Some((e, ch)) => {
                    text.push(ch);
                    rest = &rest[e.len()..];
                }
                None => {
                    text.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Snippet::new(text, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-03-13 is day 20,160 from 1970-01-01, whichever unit the cluster gives it in; a name
    /// of no dated article has no days.
    #[test]
    fn the_days_of_each_name_come_in_any_unit_of_the_epoch() {
        let aggregations = json!({"names": {"buckets": [
            {"key": "Lavrov", "doc_count": 2, "first": {"value": 1_741_824_000.0},
             "last": {"value": 1_741_824_000_000.0}},
            {"key": "Rubio", "doc_count": 1, "first": {"value": 1_741_824_000_000_000.0},
             "last": {"value": 1_741_910_400_000_000_000.0}},
            {"key": "Wang Yi", "doc_count": 1, "first": {"value": null}, "last": {"value": null}},
        ]}});
        let days = bucket_days(&aggregations, "names");
        let on = |first, last| Days { first, last };
        assert_eq!(
            days,
            vec![
                ("Lavrov".to_string(), on(20_160, 20_160)),
                ("Rubio".to_string(), on(20_160, 20_161)),
            ]
        );
    }

    #[test]
    fn dates_come_as_seconds_or_as_sent() {
        let day = Date::ymd(2025, 3, 13);
        assert_eq!(date(Some(&json!(1_741_824_000))), day);
        assert_eq!(date(Some(&json!("2025-03-13T00:00:00Z"))), day);
        assert_eq!(date(Some(&json!(null))), None);
    }

    #[test]
    fn html_snippets_become_highlighted_text() {
        let s = from_html(
            "the <b>Kremlin</b> &lt;said&gt; &quot;no&quot; &#x27;twice&#x27; <b>Lavrov</b>",
        );
        assert_eq!(s.text(), "the Kremlin <said> \"no\" 'twice' Lavrov");
        assert_eq!(s.highlights(), &[4..11, 32..38]);
    }
}
