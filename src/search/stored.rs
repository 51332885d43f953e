//! The stored fields of an article as hits and whole articles show them.

use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use crate::article::Date;
use crate::index::schema::Fields;
use crate::search::results::EntityMentions;

/// The stored fields hits and articles share.
pub struct Stored {
    pub id: String,
    pub title: String,
    pub body: String,
    pub date: Option<Date>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub path: String,
    pub group: String,
}

impl Stored {
    /// Reads them from the stored document `doc`.
    pub fn read(doc: &TantivyDocument, f: &Fields) -> Stored {
        Stored {
            id: text(doc, f.id),
            title: text(doc, f.title),
            body: text(doc, f.body),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .map(|d| Date::from_timestamp(d.into_timestamp_secs())),
            source: optional(doc, f.source),
            url: optional(doc, f.url),
            path: text(doc, f.path),
            group: text(doc, f.group),
        }
    }
}

/// The `entities` field as the indexer stores it.
#[derive(Default, serde::Deserialize)]
pub struct StoredEntities {
    #[serde(default)]
    pub people: Vec<EntityMentions>,
    #[serde(default)]
    pub organisations: Vec<EntityMentions>,
    #[serde(default)]
    pub places: Vec<EntityMentions>,
}

impl StoredEntities {
    /// Reads the `entities` field's JSON; nothing for JSON that is not the indexer's.
    pub fn parse(json: &str) -> StoredEntities {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// The entities with only the mentions that lie within the text they point into (`title` for
    /// a mention in the headline, else `body`), on character boundaries.
    pub fn within(self, title: &str, body: &str) -> StoredEntities {
        let checked = |list: Vec<EntityMentions>| -> Vec<EntityMentions> {
            list.into_iter()
                .map(|mut e| {
                    e.mentions.retain(|m| {
                        let text = if m.in_headline { title } else { body };
                        m.start < m.end && text.get(m.start..m.end).is_some()
                    });
                    e
                })
                .collect()
        };
        StoredEntities {
            people: checked(self.people),
            organisations: checked(self.organisations),
            places: checked(self.places),
        }
    }
}

/// The longest beginning of `text` of at most `max` bytes that ends on a character boundary.
pub fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first text value of `field` in `doc`.
pub fn optional(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

/// The first text value of `field` in `doc`, or "".
pub fn text(doc: &TantivyDocument, field: Field) -> String {
    optional(doc, field).unwrap_or_default()
}

/// Every text value of `field` in `doc`.
pub fn all(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}
