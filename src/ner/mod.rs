//! Named-entity recognition for news: finds the people, organisations and places an article names,
//! each under one canonical name.
//!
//! The pipeline is [`tokenize`] (sentences and words with byte offsets) → [`features`] (hand-built
//! CRF features, with the name lists of [`gazetteer`] and the word [`clusters`]) → [`model`] (a
//! linear-chain CRF trained with `crfs`, tagging BIO labels, which [`consistency`] corrects with
//! the whole document's view) → [`resolve`] (mentions grouped into
//! entities within the article; [`attest`] marks the people the article itself shows are people).
//! [`train`] and [`eval`] build and score the model on CoNLL-2003 files read by [`annotated`];
//! [`brown`] learns the word clusters from unlabelled news.

pub mod annotated;
pub mod attest;
pub mod brown;
pub mod clusters;
pub mod company;
pub mod consistency;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod nicknames;
pub mod resolve;
#[cfg(test)]
pub(crate) mod testing;
pub mod tokenize;
pub mod train;

use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;

use self::model::{Label, Model};
use self::tokenize::Token;

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
    /// People only: true if and only if the article itself shows the name is a person's (a title
    /// before a mention, a word of speech or an age beside one: [`attest`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub attested: bool,
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

impl Entities {
    /// The names of the people the article attests ([`attest`]), in order.
    pub fn attested_people(&self) -> Vec<&str> {
        self.people
            .iter()
            .filter(|p| p.attested)
            .map(|p| p.name.as_str())
            .collect()
    }

    /// One JSON object: `people`, `organisations`, `places`, each entity with its name, kind,
    /// aliases and mentions.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// The text `newsdex ner tag FILE` prints: each list, each entity with its mention count, the
    /// byte offset of its first mention and its other forms.
    pub fn report(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for (label, list) in [
            ("people", &self.people),
            ("organisations", &self.organisations),
            ("places", &self.places),
        ] {
            let _ = writeln!(out, "{label}:");
            for e in list {
                let also = if e.aliases.is_empty() {
                    String::new()
                } else {
                    format!("; also {}", e.aliases.join(", "))
                };
                let n = e.mention_count();
                let mentions = if n == 1 { "mention" } else { "mentions" };
                let _ = writeln!(
                    out,
                    "  {} ({n} {mentions}, first at byte {}{also})",
                    e.name,
                    e.first_offset()
                );
            }
        }
        out
    }
}

/// The trained recogniser: tokenizer, CRF model and name resolution together.
pub struct Recognizer {
    model: Model,
}

/// The model that ships with newsdex (models/ner.model), compiled into the binary so that it is
/// found from any working directory.
static BUNDLED_MODEL: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner.model"));

impl Recognizer {
    /// The model bundled with newsdex, loaded once per process.
    pub fn bundled() -> crate::Result<&'static Recognizer> {
        static BUNDLED: OnceLock<std::result::Result<Recognizer, String>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| Model::from_bytes(BUNDLED_MODEL).map(|model| Recognizer { model }))
            .as_ref()
            .map_err(|why| {
                crate::Error::failure(format!(
                    "the bundled NER model is damaged ({why}): rebuild newsdex"
                ))
            })
    }

    /// A recogniser with the model file at `path` (see `newsdex ner train`).
    pub fn open(path: &Path) -> crate::Result<Recognizer> {
        Ok(Recognizer {
            model: Model::open(path)?,
        })
    }

    /// The CRF model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Returns true if and only if `word` is capitalised and a known first name, and not a title.
    pub fn is_first_name(&self, word: &str) -> bool {
        word.chars().next().is_some_and(char::is_uppercase)
            && !gazetteer::is_title(word)
            && self.model.gazetteer().lookup(&word.to_lowercase()) & gazetteer::FIRST_NAME != 0
    }

    /// Returns true if and only if `word` (any case) is on a list of surnames: the US census's
    /// most common last names and the world name lists' surnames.
    pub fn is_surname(&self, word: &str) -> bool {
        let lists = gazetteer::LAST_NAME | gazetteer::WORLD_LAST;
        self.model.gazetteer().lookup(&word.to_lowercase()) & lists != 0
    }

    /// Returns true if and only if the word `at` of a sentence of running text (`words`, tagged
    /// `labels`) follows a capitalised word the tagger left out of every name, with a word before
    /// that: the two are one name the tagger split ("at Camp David", "the 1978 Camp David
    /// agreement", "after Hurricane Harvey", "Being Julia", "in St. Peter's Square"), which is not
    /// the person the second word alone would name. A word that may stand before a person's name
    /// in running text keeps it: a title ("Senator", "Prophet"), a word of kinship ("Uncle
    /// Dennis", "Mother Teresa"), a first name the tagger missed ("Tony" of "said Tony Blair"), an
    /// initial ("R Kelly"), a word of the sentence or the date ("But", "Monday"), a word in
    /// capitals ("MP", "GOP"), a word of a nationality or a group ("Briton", "Republican"); and so
    /// does a word opening the sentence or a quotation.
    fn ends_split_name(&self, words: &[&str], labels: &[Label], at: usize) -> bool {
        let (Some(&before), Some(&prev)) = (
            at.checked_sub(2).and_then(|i| words.get(i)),
            at.checked_sub(1).and_then(|i| words.get(i)),
        ) else {
            return false;
        };
        let mut letters = prev.chars();
        let capitalised = letters.next().is_some_and(char::is_uppercase)
            && prev.len() > 1
            && letters.all(char::is_lowercase);
        let misc = gazetteer::TRAIN_MISC | gazetteer::EXT_MISC;
        // "St." is a title's word for a saint, but the saint names a place or a church.
        let saint = prev == "St.";
        labels[at - 1] == Label::Outside
            && before.chars().next().is_some_and(char::is_alphanumeric)
            && (saint || capitalised)
            && (saint || !gazetteer::is_title(prev))
            && !gazetteer::is_kin(prev)
            && !self.is_first_name(prev)
            && gazetteer::sentence_words_before(&[prev, words[at]]) == 0
            && self.model.gazetteer().lookup(&prev.to_lowercase()) & misc == 0
    }

    /// Finds the people, organisations and places named in an article's headline and body.
    pub fn entities(&self, headline: Option<&str>, body: &str) -> Entities {
        let mut sentences: Vec<(bool, &str, Vec<Token>)> = Vec::new();
        if let Some(h) = headline {
            sentences.extend(tokenize::sentences(h).into_iter().map(|s| (true, h, s)));
        }
        sentences.extend(
            tokenize::sentences(body)
                .into_iter()
                .map(|s| (false, body, s)),
        );
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|(_, text, s)| s.iter().map(|t| t.text(text)).collect())
            .collect();
        let labels = self.model.tag_document(&words);

        let mut spans = Vec::new();
        let mut running = Vec::new();
        let first_body = sentences
            .iter()
            .position(|(in_headline, _, _)| !in_headline);
        for (n, (((in_headline, _, tokens), words), labels)) in
            sentences.iter().zip(&words).zip(&labels).enumerate()
        {
            // The wire's dateline ("DENVER, Oct 20 -") names a place, whatever the tagger says.
            let dateline = if Some(n) == first_body {
                dateline_len(words)
            } else {
                0
            };
            let mention = |from: usize, to: usize| Mention {
                in_headline: *in_headline,
                start: tokens[from].start,
                end: tokens[to - 1].end,
            };
            let in_heading = *in_headline || is_heading(words);
            for (mut range, mut kind) in eval::chunks(labels) {
                if kind == EntityKind::Person && range.end <= dateline {
                    kind = EntityKind::Place;
                }
                // The wire writes companies and their tickers in angle brackets: "<Total Capital
                // Corp>", "<AL.N>".
                if kind == EntityKind::Person && range.start > 0 && words[range.start - 1] == "<" {
                    kind = EntityKind::Organisation;
                }
                // An ordinal counts what a name is given to, not a person: "21st Century Fox",
                // "the 27th Ward", "the 14th Adam Smith Lecture"; but a rank's "1st Class" is
                // no part of the sailor's name ("Gunner's Mate 2nd Class Noe Hernandez").
                if kind == EntityKind::Person
                    && range.start > 0
                    && is_ordinal(words[range.start - 1])
                {
                    if words[range.start] == "Class" {
                        range.start += 1;
                    } else {
                        kind = EntityKind::Organisation;
                    }
                    if range.is_empty() {
                        continue;
                    }
                }
                // A word alone right after a capitalised word the tagger left out of every name
                // ends a longer name it split, a place's or a thing's: "at Camp David", "the St
                // David's Shopping Centre" (see [`Recognizer::ends_split_name`]). When the news
                // writes the word before in lower case too, the thing is named with a noun of the
                // language, and the word counts against the same word alone elsewhere in the
                // article (rule 5 of [`resolve`]): "after Hurricane Mitch. Mitch killed 10,000
                // people"; but after "Avik", which may be a first name no list knows, "Roy argues"
                // is still Avik Roy.
                if kind == EntityKind::Person
                    && !in_heading
                    && range.len() == 1
                    && self.ends_split_name(words, labels, range.start)
                {
                    let before = words[range.start - 1];
                    if !self.model.clusters().is_written_in_lower_case(before) {
                        continue;
                    }
                    kind = EntityKind::Misc;
                }
                // A first name the tagger left out in front of a person ("George" of "George W. Bush"
                // at the start of a sentence) belongs to the name.
                while kind == EntityKind::Person
                    && range.start > 0
                    && labels[range.start - 1] == Label::Outside
                    && self.is_first_name(words[range.start - 1])
                {
                    range.start -= 1;
                }
                let words = words[range.clone()].iter().map(|w| w.to_string()).collect();
                spans.push(resolve::Span {
                    kind,
                    mention: mention(range.start, range.end),
                    words,
                    in_heading,
                });
            }
            if !in_heading {
                running.extend(words.iter().enumerate().map(|(i, w)| resolve::TextToken {
                    word: w,
                    mention: mention(i, i + 1),
                }));
            }
        }
        let gazetteer = self.model.gazetteer();
        let people = gazetteer::FIRST_NAME
            | gazetteer::LAST_NAME
            | gazetteer::TRAIN_PER
            | gazetteer::EXT_PER;
        let lexicon = resolve::Lexicon {
            is_known_name: &|word| gazetteer.lookup(&word.to_lowercase()) & people != 0,
            is_common_word: &|word| self.model.clusters().is_common_word(word),
            is_first_name: &|word| {
                gazetteer.lookup(&word.to_lowercase())
                    & (gazetteer::FIRST_NAME | gazetteer::WORLD_FIRST)
                    != 0
            },
            is_surname: &|word| self.is_surname(word),
        };
        resolve::resolve(&spans, &running, &lexicon)
    }
}

/// The number of words of the dateline that opens `words` (a body's first sentence): a run of one to
/// five words in capitals ("DENVER", "NEW YORK", "U.S.") followed by a comma, an opening bracket or
/// a dash, as in "DENVER, Oct 20 -" and "WASHINGTON (AP) —"; 0 when the sentence opens otherwise.
fn dateline_len(words: &[&str]) -> usize {
    let capitals = |w: &&&str| {
        w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    let run = words.iter().take_while(capitals).count();
    let letters: usize = words[..run]
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    let closed = words
        .get(run)
        .is_some_and(|w| matches!(*w, "," | "(" | "-" | "--" | "–" | "—"));
    if (1..=5).contains(&run) && letters >= 2 && closed {
        run
    } else {
        0
    }
}

/// Returns true if and only if `word` is an ordinal written in figures ("21st", "2nd", "27th").
/// Ordinals in words are left alone: "a third Obama term" names Obama.
fn is_ordinal(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let suffix = word[digits..].to_ascii_lowercase();
    digits > 0 && matches!(suffix.as_str(), "st" | "nd" | "rd" | "th")
}

/// Returns true if and only if a sentence reads as a heading rather than running text: written in
/// capitals, or without final punctuation and with most of its longer words capitalised.
fn is_heading(words: &[&str]) -> bool {
    let long: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().count() > 3 && w.chars().all(char::is_alphabetic))
        .collect();
    let caps = |w: &&&str| w.chars().next().is_some_and(char::is_uppercase);
    let upper = long
        .iter()
        .filter(|w| w.chars().all(|c| !c.is_lowercase()))
        .count();
    if long.len() >= 2 && upper * 10 >= long.len() * 7 {
        return true;
    }
    let ends = words
        .last()
        .is_some_and(|w| matches!(*w, "." | "!" | "?" | "\"" | "”" | "…" | ":" | "'" | "’"));
    !ends && !long.is_empty() && long.iter().filter(caps).count() * 2 > long.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wikinews, "Rupert Murdoch files for divorce" (2013, CC BY 2.5); AllSides (research data) on
    /// the USS Fitzgerald's seven sailors.
    #[test]
    fn an_ordinal_counts_a_thing_and_a_rank_is_no_name() {
        let e = Recognizer::bundled().unwrap().entities(
            None,
            "Murdoch's marriage ended with shareholders of his company, News Corporation, voting \
             to split the business into two publicly traded companies. 21st Century Fox will \
             focus on television and film interests, whilst the new News Corp will comprise \
             the publishing assets.",
        );
        assert!(
            !testing::names(&e).iter().any(|n| n.contains("Fox")),
            "{:?}",
            testing::names(&e)
        );
        assert!(is_ordinal("21st") && is_ordinal("2ND") && !is_ordinal("third"));
        assert!(!is_ordinal("1990s") && !is_ordinal("st") && !is_ordinal("21"));
        if let Some(e) = testing::allsides_article("TUnJCspqKuXuLNB1") {
            let names = testing::names(&e);
            assert!(names.contains(&"Noe Hernandez"), "{names:?}");
            assert!(!names.iter().any(|n| n.starts_with("Class ")), "{names:?}");
        }
    }

    /// AllSides (research data): "Barack Obama was spending the weekend at Camp David", "funds for
    /// relief efforts in the wake of Hurricane Harvey", "a film that portrayed the Prophet
    /// Muhammad"; Wikinews, "Brooks and Dunn" interview (CC BY 2.5): "this mix-tape that my Uncle
    /// Dennis got me".
    #[test]
    fn a_name_the_tagger_split_is_no_person_but_a_title_or_kin_word_keeps_one() {
        let people = testing::people(
            "When I was young, I really started to like country music because this mix-tape \
             that my Uncle Dennis got me, it was a Brooks and Dunn mix-tape.",
        );
        assert!(people.iter().any(|p| p.0 == "Dennis"), "{people:?}");
        let checks = [
            ("U4psC3pEzx7Aix06", "Barack Obama", "David"),
            ("FmV3BPxUNb8e6xly", "Nancy Pelosi", "Harvey"),
        ];
        for (id, person, place) in checks {
            if let Some(e) = testing::allsides_article(id) {
                let names = testing::names(&e);
                assert!(names.contains(&person), "{id}: {names:?}");
                assert!(!names.contains(&place), "{id}: {names:?}");
            }
        }
        if let Some(e) = testing::allsides_article("5SkNRHbxwko13uKE") {
            // "a ceremonial funeral ... to be held at St. Paul's Cathedral".
            let names = testing::names(&e);
            assert!(!names.contains(&"Paul"), "{names:?}");
        }
        if let Some(e) = testing::allsides_article("NHjF7e2LcxdZF9GV") {
            let names = testing::names(&e);
            assert!(names.contains(&"Muhammad"), "{names:?}");
        }
    }

    /// BBC stories (2005, research data) on Hurricane Mitch, quoted in part: the storm's name
    /// alone later in the story is the storm's too; after a word no list knows, which may be a
    /// first name ("Avik Roy", AllSides), the name alone is still the person.
    #[test]
    fn a_things_name_alone_is_the_thing_the_article_named_in_full() {
        let people = testing::people(
            "Honduras was hit by Hurricane Mitch in 1998. Mitch killed about 10,000 people. \
             Conservative healthcare wonk Avik Roy offers an analysis. Roy argues that the plan \
             works.",
        );
        let names: Vec<&str> = people.iter().map(|p| p.0.as_str()).collect();
        assert!(!names.contains(&"Mitch"), "{names:?}");
        assert!(names.contains(&"Roy"), "{names:?}");
    }

    /// Reuters stories (reut2-000.sgm, 1987): the tagger cut "Dean Witter" from "Reynolds Inc" and
    /// took it for a person; and a company's name lost a first word that is also a title.
    #[test]
    fn a_company_keeps_its_whole_name() {
        let e = Recognizer::bundled().unwrap().entities(
            Some("SEARS <S> DEAN WITTER UNIT AGREES TO SEC CENSURE"),
            "WASHINGTON, March 2 - Federal regulators said Dean Witter Reynolds Inc, the brokerage \
             subsidiary of Sears, Roebuck and Co, agreed to a censure to settle charges that it \
             failed to fully report cash transactions. General Motors Corp said its February \
             sales fell.",
        );
        assert!(e.people.is_empty(), "{:?}", e.people);
        let organisations: Vec<&str> = e.organisations.iter().map(|o| o.name.as_str()).collect();
        for name in ["Dean Witter Reynolds Inc", "General Motors Corp"] {
            assert!(organisations.contains(&name), "{name}: {organisations:?}");
        }
    }

    #[test]
    fn a_wire_dateline_is_a_place_never_a_person() {
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert_eq!(
            dateline_len(&words("DENVER , Oct 20 - United Artists said")),
            1
        );
        assert_eq!(dateline_len(&words("ST. PAUL , Minn. , March 3 - The")), 2);
        assert_eq!(dateline_len(&words("WASHINGTON ( AP ) — The Senate")), 1);
        assert_eq!(dateline_len(&words("Denver , Oct 20 - United Artists")), 0);
        assert_eq!(dateline_len(&words("NATO said on Friday")), 0);
        assert_eq!(dateline_len(&words("A , B and C")), 0);
        // A Reuters story's opening in the wire's style (the tagger read "DENVER" as a person).
        let e = Recognizer::bundled().unwrap().entities(
            Some("UNITED ARTISTS SUSPENDS MERGER TALKS"),
            "DENVER, Oct 20 - United Artists Communications Inc said it has suspended talks \
             with United Cable Television Corp on a merger of the two companies.",
        );
        assert!(e.people.is_empty(), "{:?}", e.people);
        assert!(
            e.places.iter().any(|p| p.name == "DENVER"),
            "{:?}",
            e.places
        );
    }

    /// The article newsdex started from: the people are exactly these six (Biden, for "the Biden
    /// administration", is allowed), each once, under the full name.
    #[test]
    fn seed_article_people_are_exactly_right() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/seed/kuala-lumpur-ukraine-diplomacy.txt"
        );
        let text = std::fs::read_to_string(path).expect("the seed article ships in corpus/seed");
        let e = Recognizer::bundled().unwrap().entities(None, &text);
        let mut people: Vec<&str> = e
            .people
            .iter()
            .map(|p| p.name.as_str())
            .filter(|n| !matches!(*n, "Biden" | "Joe Biden"))
            .collect();
        people.sort_unstable();
        assert_eq!(
            people,
            [
                "Donald Trump",
                "Marco Rubio",
                "Sergey Lavrov",
                "Sergey Ryabkov",
                "Vladimir Putin",
                "Wang Yi"
            ]
        );
        let rubio = e.people.iter().find(|p| p.name == "Marco Rubio").unwrap();
        assert_eq!(
            rubio.mention_count(),
            6,
            "Marco Rubio, four times Secretary Rubio, and Rubio"
        );
        assert_eq!(
            &text[rubio.first_offset()..rubio.first_offset() + 11],
            "Marco Rubio"
        );
        let lavrov = e.people.iter().find(|p| p.name == "Sergey Lavrov").unwrap();
        assert_eq!(lavrov.aliases, vec!["Lavrov"]);
        let all: Vec<&str> = [&e.people, &e.organisations, &e.places]
            .iter()
            .flat_map(|l| l.iter().map(|x| x.name.as_str()))
            .collect();
        for wrong in [
            "Ukraine Diplomacy",
            "Secretary Rubio",
            "Foreign Minister Lavrov",
        ] {
            assert!(!all.contains(&wrong), "{wrong} found in {all:?}");
        }
        assert!(e.places.iter().any(|p| p.name == "Kuala Lumpur"));
    }
}
