//! One article as a Quickwit document: the JSON object, one line of NDJSON, holding what the local
//! index stores for it ([`crate::index::document::Analysed::document`]), under the field names of
//! [`crate::quickwit::config::FIELDS`].

use serde_json::{Map, Value, json};

use crate::index::document::{Analysed, path_key};
use crate::ner::Entity;

/// The [`document`] of `analysed` as one NDJSON line, newline included: what an export file and an
/// ingest batch hold.
pub fn document_line(analysed: &Analysed, file_hash: u64, group: &str) -> String {
    let mut line = document(analysed, file_hash, group).to_string();
    line.push('\n');
    line
}

/// The Quickwit document of `analysed`, read from a file whose bytes hash to `file_hash`, in the
/// duplicate group `group`. Fields without a value (no date, no source) are left out.
pub fn document(analysed: &Analysed, file_hash: u64, group: &str) -> Value {
    let a = &analysed.article;
    let e = &analysed.entities;
    let names = |list: &[Entity]| list.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
    let mut doc = Map::new();
    let mut put = |key: &str, value: Value| {
        doc.insert(key.to_string(), value);
    };
    put("id", json!(a.id));
    put("path", json!(path_key(&a.path)));
    put("record", json!(a.record));
    put("file_hash", json!(file_hash));
    put("title", json!(a.title()));
    put("body", json!(a.body));
    for (exact, words, list) in [
        ("people", "people_words", &e.people),
        ("organisations", "organisations_words", &e.organisations),
        ("places", "places_words", &e.places),
    ] {
        put(exact, json!(names(list)));
        put(words, json!(names(list)));
    }
    put("attested", json!(e.attested_people()));
    if let Some(date) = a.date {
        put("date", json!(rfc3339(date.timestamp())));
        put("month", json!(date.year_month()));
    }
    if let Some(source) = &a.source {
        put("source", json!(source));
    }
    if let Some(url) = &a.url {
        put("url", json!(url));
    }
    put("authors", json!(a.authors));
    put("group", json!(group));
    if let Some(signature) = analysed.signature {
        put("signature", json!(signature));
    }
    put(
        "entities",
        serde_json::to_value(e).unwrap_or_else(|_| json!({})),
    );
    Value::Object(doc)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a Unix time in seconds.
pub fn rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Date};
    use crate::index::schema::{Fields, schema};
    use crate::ner::{Entities, EntityKind, Mention};
    use crate::quickwit::config::FIELDS;
    use std::path::Path;
    use tantivy::schema::Value as _;

    fn analysed() -> Analysed {
        let mut article = Article::new(Path::new("corpus/seed.txt"), 3);
        article.headline = Some("Rubio meets Lavrov".into());
        article.body = "Marco Rubio met Sergey Lavrov in Kuala Lumpur.".into();
        article.date = Date::ymd(2025, 7, 11).and_then(|d| d.with_time(9, 30, 5));
        article.source = Some("Wikinews".into());
        article.authors = vec!["A Reporter".into()];
        Analysed {
            article,
            entities: Entities {
                people: vec![Entity {
                    name: "Sergey Lavrov".into(),
                    kind: EntityKind::Person,
                    aliases: vec!["Lavrov".into()],
                    mentions: vec![Mention {
                        in_headline: false,
                        start: 16,
                        end: 29,
                    }],
                    attested: true,
                }],
                ..Entities::default()
            },
            signature: Some(42),
        }
    }

    #[test]
    fn the_document_holds_what_the_local_index_holds_field_for_field() {
        let a = analysed();
        let doc = document(&a, 99, "00000000000000aa");
        let local = a.document(
            &Fields::from_schema(&schema()).unwrap(),
            99,
            "00000000000000aa",
        );
        let local_schema = schema();
        for f in FIELDS {
            let field = local_schema.get_field(f.local).unwrap();
            let values: Vec<_> = local.get_all(field).collect();
            let qw = &doc[f.name];
            match f.name {
                "date" => {
                    let t = values[0].as_datetime().unwrap().into_timestamp_secs();
                    assert_eq!(qw, &json!(rfc3339(t)));
                    assert_eq!(qw, "2025-07-11T09:30:05Z");
                }
                "entities" => {
                    let stored: Value = serde_json::from_str(values[0].as_str().unwrap()).unwrap();
                    assert_eq!(qw, &stored, "mention offsets as stored locally");
                }
                _ => {
                    let locals: Vec<Value> = values
                        .iter()
                        .map(|v| match v.as_str() {
                            Some(s) => json!(s),
                            None => json!(v.as_u64().unwrap()),
                        })
                        .collect();
                    let qws: Vec<Value> = match qw {
                        Value::Array(items) => items.clone(),
                        Value::Null => Vec::new(),
                        other => vec![other.clone()],
                    };
                    assert_eq!(qws, locals, "field {} ← {}", f.name, f.local);
                }
            }
        }
        let extra: Vec<&String> = doc
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| !FIELDS.iter().any(|f| f.name == String::as_str(k)))
            .collect();
        assert!(extra.is_empty(), "fields outside the mapping: {extra:?}");
    }

    #[test]
    fn an_article_without_date_or_source_leaves_them_out() {
        let mut a = analysed();
        a.article.date = None;
        a.article.source = None;
        let doc = document(&a, 1, "g");
        assert!(doc.get("date").is_none() && doc.get("month").is_none());
        assert!(doc.get("source").is_none());
    }

    #[test]
    fn dates_are_rfc3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(-86_400), "1969-12-31T00:00:00Z");
        let d = Date::ymd(1987, 2, 26).unwrap();
        assert_eq!(rfc3339(d.timestamp()), "1987-02-26T00:00:00Z");
    }
}
