//! Named-entity recognition for news: finds the people, organisations and places an article names,
//! each under one canonical name.
//!
//! The pipeline is [`tokenize`] (sentences and words with byte offsets) → [`features`] (hand-built
//! CRF features) → [`model`] (a linear-chain CRF trained with `crfs`, tagging BIO labels) →
//! [`resolve`] (mentions grouped into entities within the article). [`train`] and [`eval`] build and
//! score the model on CoNLL-2003 files read by [`conll`].

use serde::Serialize;

/// What kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    Misc,
}

/// Where a mention sits: in the headline or in the body, with byte offsets into that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// True if and only if the mention is in the headline rather than the body.
    pub in_headline: bool,
    /// Byte offset of the mention's first byte.
    pub start: usize,
    /// Byte offset one past the mention's last byte.
    pub end: usize,
}

/// One person, organisation or place named in an article, with every mention of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// The canonical name: the fullest form the article uses, without titles or honorifics.
    pub name: String,
    pub kind: EntityKind,
    /// Other forms the article uses for the same entity ("Rubio", "Secretary Rubio" → "Rubio").
    pub aliases: Vec<String>,
    /// Every mention, in text order (headline first).
    pub mentions: Vec<Mention>,
}

impl Entity {
    /// Number of times the article mentions the entity.
    pub fn mention_count(&self) -> usize {
        self.mentions.len()
    }

    /// Byte offset of the first mention in the body, or of the first in the headline when the body
    /// never names it.
    pub fn first_offset(&self) -> usize {
        self.mentions
            .iter()
            .find(|m| !m.in_headline)
            .or(self.mentions.first())
            .map_or(0, |m| m.start)
    }
}

/// The entities of one article, each list ordered by first appearance.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Entities {
    pub people: Vec<Entity>,
    pub organisations: Vec<Entity>,
    pub places: Vec<Entity>,
}

/// The trained recogniser: tokenizer, CRF model and name resolution together.
///
/// STUB until the model lands on main: finds nothing.
pub struct Recognizer {
    _private: (),
}

impl Recognizer {
    /// The model bundled with newsdex, loaded once per process.
    pub fn bundled() -> crate::Result<&'static Recognizer> {
        static BUNDLED: Recognizer = Recognizer { _private: () };
        Ok(&BUNDLED)
    }

    /// Finds the people, organisations and places named in an article's headline and body.
    pub fn entities(&self, headline: Option<&str>, body: &str) -> Entities {
        let _ = (headline, body);
        Entities::default()
    }
}
