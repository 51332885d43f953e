//! What the index holds for one article: the article as read, the entities the recogniser found
//! in it and its duplicate signature, and the tantivy document built from them.
//!
//! `newsdex index` and `newsdex parse` both go through [`analyse`], so `parse` shows exactly what
//! the indexer writes.

use serde::Serialize;
use tantivy::{DateTime, TantivyDocument};

use crate::article::{Article, Date};
use crate::index::dedup;
use crate::index::names::name_words;
use crate::index::schema::Fields;
use crate::ner::{Entities, Entity, Recognizer};

/// One article ready to index.
#[derive(Clone, Debug)]
pub struct Analysed {
    pub article: Article,
    /// People, organisations and places, each under its canonical name.
    pub entities: Entities,
    /// SimHash of the body, None for bodies too short to compare.
    pub signature: Option<u64>,
}

/// Finds the entities of `article` and computes its duplicate signature.
pub fn analyse(recognizer: &Recognizer, article: Article) -> Analysed {
    let mut entities = recognizer.entities(article.headline.as_deref(), &article.body);
    drop_authors(&mut entities.people, &article.authors);
    let signature = dedup::signature(&article.body);
    Analysed {
        article,
        entities,
        signature,
    }
}

/// Removes from `people` the article's own authors: an op-ed's closing line ("Tammy Bruce is a
/// radio talk-show host …") or a wire story's "X contributed reporting" names the byline, not a
/// person the story is about. A person goes when their name or one of its other forms is an
/// author's name, compared as the archive compares names ([`name_words`]).
fn drop_authors(people: &mut Vec<Entity>, authors: &[String]) {
    if authors.is_empty() {
        return;
    }
    let authors: Vec<Vec<String>> = authors.iter().map(|a| name_words(a)).collect();
    people.retain(|p| {
        !std::iter::once(&p.name)
            .chain(&p.aliases)
            .any(|form| authors.contains(&name_words(form)))
    });
}

impl Analysed {
    /// Builds the tantivy document for this article, read from a file whose bytes hash to
    /// `file_hash`, in the duplicate group named `group`.
    pub fn document(&self, f: &Fields, file_hash: u64, group: &str) -> TantivyDocument {
        let a = &self.article;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &a.id);
        doc.add_text(f.path, path_key(&a.path));
        doc.add_u64(f.record, a.record);
        doc.add_u64(f.file_hash, file_hash);
        doc.add_text(f.title, a.title());
        doc.add_text(f.body, &a.body);
        for (text, exact, list) in [
            (f.people, f.person, &self.entities.people),
            (
                f.organisations,
                f.organisation,
                &self.entities.organisations,
            ),
            (f.places, f.place, &self.entities.places),
        ] {
            for entity in list {
                doc.add_text(text, &entity.name);
                doc.add_text(exact, &entity.name);
            }
        }
        for person in self.entities.people.iter().filter(|p| p.attested) {
            doc.add_text(f.attested, &person.name);
        }
        if let Some(date) = a.date {
            doc.add_date(f.date, DateTime::from_timestamp_secs(date.timestamp()));
            doc.add_text(f.month, date.year_month());
        }
        if let Some(source) = &a.source {
            doc.add_text(f.source, source);
        }
        if let Some(url) = &a.url {
            doc.add_text(f.url, url);
        }
        for author in &a.authors {
            doc.add_text(f.authors, author);
        }
        doc.add_text(f.group, group);
        if let Some(signature) = self.signature {
            doc.add_u64(f.signature, signature);
        }
        doc.add_text(f.entities, entities_json(&self.entities));
        doc
    }

    /// The article as `newsdex parse --json` prints it: one JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        let a = &self.article;
        let names = |list: &[Entity]| {
            serde_json::to_value(list.iter().map(NameSummary::of).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        let people = self.entities.people.iter().map(|p| NameSummary {
            attested: Some(p.attested),
            ..NameSummary::of(p)
        });
        serde_json::json!({
            "id": a.id,
            "path": path_key(&a.path),
            "record": a.record,
            "title": a.title(),
            "date": a.date.map(date_text),
            "source": a.source,
            "url": a.url,
            "authors": a.authors,
            "body": a.body,
            "people": serde_json::to_value(people.collect::<Vec<_>>()).unwrap_or_default(),
            "organisations": names(&self.entities.organisations),
            "places": names(&self.entities.places),
        })
    }
}

/// One entity as `parse --json` lists it; a person also says whether the article attests it
/// ([`crate::ner::attest`]).
#[derive(Serialize)]
struct NameSummary<'a> {
    name: &'a str,
    mentions: usize,
    aliases: &'a [String],
    first_offset: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    attested: Option<bool>,
}

impl NameSummary<'_> {
    fn of(e: &Entity) -> NameSummary<'_> {
        NameSummary {
            name: &e.name,
            mentions: e.mention_count(),
            aliases: &e.aliases,
            first_offset: e.first_offset(),
            attested: None,
        }
    }
}

/// The JSON stored in the `entities` field: `{"people": [...], "organisations": [...],
/// "places": [...]}`, each entity `{"name", "kind", "aliases", "mentions": [{"in_headline",
/// "start", "end"}]}` with byte offsets into the headline or the body.
pub fn entities_json(entities: &Entities) -> String {
    serde_json::to_string(entities).unwrap_or_else(|_| "{}".to_string())
}

/// The form of `path` stored in the `path` field and matched by updates.
pub fn path_key(path: &std::path::Path) -> String {
    path.to_string_lossy().into_owned()
}

/// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SSZ` when the time of day is known.
pub fn date_text(date: Date) -> String {
    if date.seconds == 0 {
        return date.to_string();
    }
    let s = date.seconds;
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::schema;
    use crate::ner::{EntityKind, Mention};
    use std::path::Path;
    use tantivy::schema::Value;

    fn lavrov() -> Entity {
        Entity {
            name: "Sergey Lavrov".into(),
            kind: EntityKind::Person,
            aliases: vec!["Lavrov".into()],
            mentions: vec![
                Mention {
                    in_headline: true,
                    start: 12,
                    end: 18,
                },
                Mention {
                    in_headline: false,
                    start: 40,
                    end: 53,
                },
            ],
            attested: true,
        }
    }

    fn analysed() -> Analysed {
        let mut article = Article::new(Path::new("corpus/seed.txt"), 0);
        article.headline = Some("Rubio meets Lavrov".into());
        article.body =
            "US Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur.".into();
        article.date = Date::ymd(2025, 7, 11);
        article.authors = vec!["A Reporter".into()];
        Analysed {
            article,
            entities: Entities {
                people: vec![lavrov()],
                ..Entities::default()
            },
            signature: Some(42),
        }
    }

    #[test]
    fn document_holds_every_field_the_search_side_reads() {
        let f = Fields::from_schema(&schema()).unwrap();
        let doc = analysed().document(&f, 99, "00000000000000aa");
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(String::from)
        };
        assert_eq!(text(f.title).as_deref(), Some("Rubio meets Lavrov"));
        assert_eq!(text(f.person).as_deref(), Some("Sergey Lavrov"));
        assert_eq!(text(f.people).as_deref(), Some("Sergey Lavrov"));
        assert_eq!(text(f.month).as_deref(), Some("2025-07"));
        assert_eq!(text(f.path).as_deref(), Some("corpus/seed.txt"));
        assert_eq!(text(f.group).as_deref(), Some("00000000000000aa"));
        assert_eq!(
            doc.get_first(f.file_hash).and_then(|v| v.as_u64()),
            Some(99)
        );
        assert_eq!(
            doc.get_first(f.signature).and_then(|v| v.as_u64()),
            Some(42)
        );
        assert!(doc.get_first(f.source).is_none(), "no source, no value");
        let entities: serde_json::Value = serde_json::from_str(&text(f.entities).unwrap()).unwrap();
        assert_eq!(entities["people"][0]["mentions"][1]["start"], 40);
    }

    /// An AllSides op-ed ends with its author's line ("Tammy Bruce is a radio talk-show host …"):
    /// she wrote the piece and is in its byline, not among the people it names.
    #[test]
    fn the_byline_author_is_not_a_person_the_article_names() {
        let Some(path) = crate::corpus::shared_data("allsides/jsons/HJFEK2cSk52Ag712.json") else {
            return;
        };
        let article = crate::corpus::read_file(&path).unwrap().articles.remove(0);
        assert_eq!(article.authors, ["Tammy Bruce"]);
        assert!(
            article
                .body
                .contains("Tammy Bruce is a radio talk-show host")
        );
        let analysed = analyse(Recognizer::bundled().unwrap(), article);
        let people: Vec<&str> = (analysed.entities.people.iter())
            .map(|p| p.name.as_str())
            .collect();
        assert!(!people.contains(&"Tammy Bruce"), "{people:?}");
        for named in ["Chris Christie", "Bruce Springsteen", "John McCain"] {
            assert!(people.contains(&named), "{named} missing: {people:?}");
        }
    }

    #[test]
    fn parse_json_lists_mentions_and_first_body_offset() {
        let json = analysed().to_json();
        assert_eq!(json["date"], "2025-07-11");
        assert_eq!(json["people"][0]["name"], "Sergey Lavrov");
        assert_eq!(json["people"][0]["mentions"], 2);
        assert_eq!(json["people"][0]["first_offset"], 40);
        assert_eq!(json["people"][0]["aliases"][0], "Lavrov");
        assert_eq!(json["source"], serde_json::Value::Null);
    }

    #[test]
    fn date_text_shows_time_only_when_known() {
        let d = Date::ymd(1987, 2, 26).unwrap();
        assert_eq!(date_text(d), "1987-02-26");
        assert_eq!(
            date_text(d.with_time(15, 1, 1).unwrap()),
            "1987-02-26T15:01:01Z"
        );
    }
}
