//! The Quickwit 0.9 index config for a newsdex archive, built from one table of fields that mirrors
//! the local schema ([`crate::index::schema`]) field for field.
//!
//! Quickwit has one field where tantivy has two for an entity kind: the local exact field
//! (`person`, `organisation`, `place`: canonical names, filters and counts) becomes the Quickwit
//! `people`, `organisations`, `places` (`array<text>`, `raw` tokenizer, fast), and the local
//! word-analysed field (`people`, …: `people:lavrov`) becomes `people_words`, … (`default`
//! tokenizer: lowercased, not stemmed). `attested` (the people each article attests, for the
//! archive's verdict) is as in the local schema. Title and body use `en_stem` with positions and
//! field norms (BM25, phrases). The config is written as YAML (`quickwit-index.yaml`) and sent as
//! JSON (`POST /api/v1/indexes`); both come from [`FIELDS`].

use serde_json::{Value, json};

/// Config format version written in the config (`version: 0.9`).
pub const VERSION: &str = "0.9";
/// The timestamp field of the index.
pub const TIMESTAMP: &str = "date";
/// Fields searched when a query names none.
pub const DEFAULT_SEARCH_FIELDS: [&str; 3] = ["title", "people_words", "body"];
/// Longest time, in seconds, before ingested articles are searchable.
pub const COMMIT_TIMEOUT_SECS: u64 = 10;

/// The Quickwit type of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `text`, tokenized with the given tokenizer.
    Text(&'static str),
    /// `array<text>`, tokenized with the given tokenizer.
    TextArray(&'static str),
    U64,
    Datetime,
    Json,
}

impl Kind {
    /// The type's name in a field mapping.
    pub fn type_name(self) -> &'static str {
        match self {
            Kind::Text(_) => "text",
            Kind::TextArray(_) => "array<text>",
            Kind::U64 => "u64",
            Kind::Datetime => "datetime",
            Kind::Json => "json",
        }
    }

    /// The tokenizer of a text field.
    pub fn tokenizer(self) -> Option<&'static str> {
        match self {
            Kind::Text(t) | Kind::TextArray(t) => Some(t),
            _ => None,
        }
    }
}

/// One field of the Quickwit doc mapping and the local field it mirrors.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    /// The field of the local schema holding the same values.
    pub local: &'static str,
    pub kind: Kind,
    pub stored: bool,
    pub indexed: bool,
    pub fast: bool,
    /// Positions recorded (phrase queries) and field norms kept (BM25).
    pub positions: bool,
}

const fn field(name: &'static str, local: &'static str, kind: Kind) -> Field {
    Field {
        name,
        local,
        kind,
        stored: true,
        indexed: true,
        fast: false,
        positions: false,
    }
}

const fn fast(mut f: Field) -> Field {
    f.fast = true;
    f
}

const fn positions(mut f: Field) -> Field {
    f.positions = true;
    f
}

const fn unstored(mut f: Field) -> Field {
    f.stored = false;
    f
}

const fn unindexed(mut f: Field) -> Field {
    f.indexed = false;
    f
}

use Kind::{Datetime, Json, Text, TextArray, U64};

/// Every field of the doc mapping, in the order of the local schema.
pub const FIELDS: &[Field] = &[
    field("id", "id", Text("raw")),
    field("path", "path", Text("raw")),
    unindexed(field("record", "record", U64)),
    fast(field("file_hash", "file_hash", U64)),
    positions(field("title", "title", Text("en_stem"))),
    positions(field("body", "body", Text("en_stem"))),
    positions(field("people_words", "people", TextArray("default"))),
    fast(field("people", "person", TextArray("raw"))),
    fast(field("attested", "attested", TextArray("raw"))),
    positions(field(
        "organisations_words",
        "organisations",
        TextArray("default"),
    )),
    fast(field("organisations", "organisation", TextArray("raw"))),
    positions(field("places_words", "places", TextArray("default"))),
    fast(field("places", "place", TextArray("raw"))),
    fast(field("date", "date", Datetime)),
    fast(field("month", "month", Text("raw"))),
    fast(field("source", "source", Text("raw"))),
    field("url", "url", Text("raw")),
    positions(field("authors", "authors", TextArray("default"))),
    fast(field("group", "group", Text("raw"))),
    unindexed(unstored(fast(field("signature", "signature", U64)))),
    unindexed(field("entities", "entities", Json)),
];

/// The mapping of one field, as Quickwit reads it.
fn mapping(f: &Field) -> Value {
    let mut m = json!({ "name": f.name, "type": f.kind.type_name() });
    let o = m.as_object_mut().expect("a JSON object literal");
    if let Some(tokenizer) = f.kind.tokenizer() {
        o.insert("tokenizer".into(), json!(tokenizer));
        if f.positions {
            o.insert("record".into(), json!("position"));
            o.insert("fieldnorms".into(), json!(true));
        }
    }
    if f.kind == Datetime {
        o.insert("input_formats".into(), json!(["rfc3339"]));
        o.insert("output_format".into(), json!("unix_timestamp_secs"));
        o.insert("fast_precision".into(), json!("seconds"));
    }
    o.insert("stored".into(), json!(f.stored));
    o.insert("indexed".into(), json!(f.indexed));
    if f.fast {
        o.insert("fast".into(), json!(true));
    }
    m
}

/// The index config for an index named `index_id`, as JSON (for `POST /api/v1/indexes`).
pub fn index_config(index_id: &str) -> Value {
    json!({
        "version": VERSION,
        "index_id": index_id,
        "doc_mapping": {
            "mode": "strict",
            "field_mappings": FIELDS.iter().map(mapping).collect::<Vec<_>>(),
            "timestamp_field": TIMESTAMP,
        },
        "indexing_settings": { "commit_timeout_secs": COMMIT_TIMEOUT_SECS },
        "search_settings": { "default_search_fields": DEFAULT_SEARCH_FIELDS },
    })
}

/// The same config as YAML (`quickwit-index.yaml`). Every string is written as a JSON string,
/// which YAML reads as the same string.
pub fn index_config_yaml(index_id: &str) -> String {
    let mut out = String::from(
        "# Quickwit index config for a newsdex archive (written by `newsdex export`).\n",
    );
    yaml(&index_config(index_id), 0, &mut out);
    out
}

/// The order keys are written in (JSON objects here keep no order of their own).
const KEY_ORDER: &[&str] = &[
    "version",
    "index_id",
    "doc_mapping",
    "mode",
    "field_mappings",
    "timestamp_field",
    "indexing_settings",
    "search_settings",
    "name",
    "type",
    "tokenizer",
    "record",
    "fieldnorms",
    "input_formats",
    "output_format",
    "fast_precision",
    "stored",
    "indexed",
    "fast",
];

fn yaml(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by_key(|(k, _)| {
                KEY_ORDER
                    .iter()
                    .position(|o| o == k)
                    .unwrap_or(KEY_ORDER.len())
            });
            for (key, v) in entries {
                match v {
                    Value::Object(_) => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        yaml(v, indent + 2, out);
                    }
                    Value::Array(items) if items.iter().any(Value::is_object) => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        for item in items {
                            let mut inner = String::new();
                            yaml(item, indent + 4, &mut inner);
                            // The first line of each item starts with "- ".
                            let inner = inner.trim_start();
                            out.push_str(&format!("{pad}  - {inner}"));
                        }
                    }
                    _ => out.push_str(&format!("{pad}{key}: {v}\n")),
                }
            }
        }
        other => out.push_str(&format!("{pad}{other}\n")),
    }
}

/// Returns true if and only if `doc_mapping` has the fields that only newsdex's mappings have
/// (`people_words` and `entities`): an index some version of newsdex made, whatever
/// [`mapping_difference`] finds.
pub fn made_by_newsdex(doc_mapping: &Value) -> bool {
    let names: Vec<&str> = doc_mapping
        .get("field_mappings")
        .and_then(Value::as_array)
        .map_or(Vec::new(), |fields| {
            fields
                .iter()
                .filter_map(|m| m.get("name").and_then(Value::as_str))
                .collect()
        });
    ["people_words", "entities"]
        .iter()
        .all(|field| names.contains(field))
}

/// Compares the doc mapping of an existing index (`index_config.doc_mapping` of
/// `GET /api/v1/indexes/{id}`) with [`FIELDS`]. Returns None when it is newsdex's, else what
/// differs, in a few words ("field people is text, not array<text>").
pub fn mapping_difference(doc_mapping: &Value) -> Option<String> {
    let Some(remote) = doc_mapping.get("field_mappings").and_then(Value::as_array) else {
        return Some("it has no field mappings".into());
    };
    let find = |name: &str| {
        remote
            .iter()
            .find(|m| m.get("name").and_then(Value::as_str) == Some(name))
    };
    for f in FIELDS {
        let Some(m) = find(f.name) else {
            return Some(format!("it has no field {}", f.name));
        };
        let kind = m.get("type").and_then(Value::as_str).unwrap_or("?");
        if kind != f.kind.type_name() {
            return Some(format!(
                "field {} is {kind}, not {}",
                f.name,
                f.kind.type_name()
            ));
        }
        if let Some(tokenizer) = f.kind.tokenizer() {
            let theirs = m
                .get("tokenizer")
                .and_then(Value::as_str)
                .unwrap_or("default");
            if theirs != tokenizer {
                return Some(format!(
                    "field {} uses the {theirs} tokenizer, not {tokenizer}",
                    f.name
                ));
            }
        }
        let is_fast = match m.get("fast") {
            Some(Value::Bool(b)) => *b,
            Some(Value::Object(_)) => true,
            _ => false,
        };
        if f.fast && !is_fast {
            return Some(format!("field {} is not fast", f.name));
        }
    }
    if let Some(extra) = remote.iter().find_map(|m| {
        let name = m.get("name").and_then(Value::as_str)?;
        (!FIELDS.iter().any(|f| f.name == name)).then_some(name)
    }) {
        return Some(format!("it has a field {extra} newsdex does not write"));
    }
    let timestamp = doc_mapping.get("timestamp_field").and_then(Value::as_str);
    if timestamp != Some(TIMESTAMP) {
        return Some(format!(
            "its timestamp field is {}, not {TIMESTAMP}",
            timestamp.unwrap_or("none")
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::schema;
    use tantivy::schema::FieldType;

    #[test]
    fn every_local_field_has_its_quickwit_field_of_the_same_kind() {
        let local = schema();
        for (_, entry) in local.fields() {
            let name = entry.name();
            let qw = FIELDS
                .iter()
                .find(|f| f.local == name)
                .unwrap_or_else(|| panic!("local field {name} has no Quickwit field"));
            let compatible = matches!(
                (entry.field_type(), qw.kind),
                (FieldType::Str(_), Text(_) | TextArray(_) | Json)
                    | (FieldType::U64(_), U64)
                    | (FieldType::Date(_), Datetime)
            );
            assert!(compatible, "{name} → {} has another type", qw.name);
            assert_eq!(entry.is_fast(), qw.fast, "fast differs for {name}");
            if name != "signature" {
                assert!(qw.stored || !entry.is_stored(), "{name} is stored locally");
            }
        }
        assert_eq!(
            FIELDS.len(),
            local.fields().count(),
            "one Quickwit field per local field"
        );
    }

    #[test]
    fn the_config_holds_what_the_issue_asks() {
        let c = index_config("news");
        assert_eq!(c["version"], "0.9");
        assert_eq!(c["doc_mapping"]["timestamp_field"], "date");
        let field = |name: &str| {
            c["doc_mapping"]["field_mappings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["name"] == name)
                .cloned()
                .unwrap()
        };
        for name in ["title", "body"] {
            assert_eq!(field(name)["tokenizer"], "en_stem");
            assert_eq!(field(name)["record"], "position");
            assert_eq!(field(name)["stored"], true);
        }
        for name in ["people", "attested", "organisations", "places"] {
            assert_eq!(field(name)["type"], "array<text>");
            assert_eq!(field(name)["tokenizer"], "raw");
            assert_eq!(field(name)["fast"], true);
        }
        assert_eq!(field("date")["type"], "datetime");
        assert_eq!(field("date")["fast"], true);
        assert_eq!(field("entities")["type"], "json");
        assert_eq!(
            c["search_settings"]["default_search_fields"],
            json!(["title", "people_words", "body"])
        );
    }

    #[test]
    fn the_yaml_reads_back_as_the_json() {
        // A tiny YAML reader for the subset written: enough to check structure and values.
        let text = index_config_yaml("news");
        assert!(
            text.contains("\nversion: \"0.9\"\nindex_id: \"news\"\n"),
            "{text}"
        );
        assert!(text.contains("  timestamp_field: \"date\"\n"), "{text}");
        assert!(
            text.contains(
                "    - name: \"title\"\n      type: \"text\"\n      tokenizer: \"en_stem\"\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("  default_search_fields: [\"title\",\"people_words\",\"body\"]\n"),
            "{text}"
        );
        // Every field is listed once.
        assert_eq!(text.matches("    - name: ").count(), FIELDS.len());
    }

    #[test]
    fn our_own_mapping_matches_and_a_changed_one_is_named() {
        let ours = index_config("news")["doc_mapping"].clone();
        assert_eq!(mapping_difference(&ours), None);
        let mut other = ours.clone();
        other["field_mappings"][7]["type"] = json!("text");
        assert_eq!(
            mapping_difference(&other).as_deref(),
            Some("field people is text, not array<text>")
        );
        let mut other = ours.clone();
        other["field_mappings"]
            .as_array_mut()
            .unwrap()
            .retain(|m| m["name"] != "group");
        assert_eq!(
            mapping_difference(&other).as_deref(),
            Some("it has no field group")
        );
        // An index an earlier newsdex pushed: newsdex's, of another version.
        assert!(made_by_newsdex(&other));
        assert!(!made_by_newsdex(
            &json!({"field_mappings": [{"name": "message"}]})
        ));
        // Quickwit answers fast text fields as an object with a normalizer: still fast.
        let mut answered = ours;
        answered["field_mappings"][7]["fast"] = json!({"normalizer": "raw"});
        assert_eq!(mapping_difference(&answered), None);
        assert!(
            mapping_difference(&json!({"field_mappings": [{"name": "message", "type": "text"}]}))
                .is_some()
        );
    }
}
