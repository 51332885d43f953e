//! Gazetteers: lists of known names the tagger consults as features, and the titles and honorifics
//! that name resolution strips from people's names.
//!
//! Each entry is a lowercase phrase (tokens joined by single spaces) with a bit mask of the lists it
//! is on: names seen in the training data by type, names from the Groningen Meaning Bank by type, and
//! US census first and last names.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use super::features::{self, FnvBuild, PrehashedBuild};
use crate::error::{Error, Result};

/// Bit of a phrase seen as a person in the training data.
pub const TRAIN_PER: u16 = 1 << 0;
pub const TRAIN_ORG: u16 = 1 << 1;
pub const TRAIN_LOC: u16 = 1 << 2;
pub const TRAIN_MISC: u16 = 1 << 3;
/// Bit of a phrase tagged as a person in the Groningen Meaning Bank.
pub const EXT_PER: u16 = 1 << 4;
pub const EXT_ORG: u16 = 1 << 5;
pub const EXT_LOC: u16 = 1 << 6;
pub const EXT_MISC: u16 = 1 << 7;
/// Bit of a US census first name.
pub const FIRST_NAME: u16 = 1 << 8;
/// Bit of a US census last name (the most common ones only).
pub const LAST_NAME: u16 = 1 << 9;
/// Bit of a first name from the world name lists (models/world-names.txt).
pub const WORLD_FIRST: u16 = 1 << 10;
/// Bit of a surname from the world name lists.
pub const WORLD_LAST: u16 = 1 << 11;

/// The phrase lists and the feature name of each (B = first token of a match, I = the rest).
pub const PHRASE_LISTS: [(u16, &str, &str); 8] = [
    (TRAIN_PER, "g=tPER-B", "g=tPER-I"),
    (TRAIN_ORG, "g=tORG-B", "g=tORG-I"),
    (TRAIN_LOC, "g=tLOC-B", "g=tLOC-I"),
    (TRAIN_MISC, "g=tMISC-B", "g=tMISC-I"),
    (EXT_PER, "g=xPER-B", "g=xPER-I"),
    (EXT_ORG, "g=xORG-B", "g=xORG-I"),
    (EXT_LOC, "g=xLOC-B", "g=xLOC-I"),
    (EXT_MISC, "g=xMISC-B", "g=xMISC-I"),
];

/// Longest phrase kept, in tokens.
pub const MAX_PHRASE: usize = 6;

/// Honorifics and offices only a person holds, written before their name and no part of it
/// ("Mr.", "Senator", "Mayor"): one right before a name is evidence the name is a person's
/// ([`crate::ner::attest`]). Not here, though titles: "Dean" and "Don", common first names (the
/// 173rd and 135th of the US census; no other title word ranks in its first 700): "Dean Heller",
/// "Don McGahn".
pub const HONORIFICS: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "minister",
    "secretary",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "pope",
    "prophet",
    "cardinal",
    "bishop",
    "archbishop",
    "rev",
    "rev.",
    "reverend",
    "sheikh",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "assemblymember",
    "councilman",
    "councilwoman",
    "councilmember",
    "councillor",
    "councilor",
    "alderman",
    "alderwoman",
    "gov",
    "gov.",
    "governor",
    "mayor",
    "judge",
    "attorney",
    "gen",
    "gen.",
    "col",
    "col.",
    "colonel",
    "lt",
    "lt.",
    "lieutenant",
    "maj",
    "maj.",
    "capt",
    "capt.",
    "captain",
    "sgt",
    "sgt.",
    "sergeant",
    "adm",
    "adm.",
    "admiral",
    "commander",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "director",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "coach",
    "manager",
    "speaker",
    "treasurer",
    "commissioner",
    "auditor",
    "inspector",
    "superintendent",
    "rabbi",
    "imam",
    "ayatollah",
    "mullah",
    "duke",
    "duchess",
    "countess",
    "baron",
    "baroness",
    "madam",
    "madame",
    "monsieur",
    "herr",
    "frau",
    "senor",
    "señor",
];

/// Words that go with a title before a name and are no part of it, but that other names follow too
/// ("Foreign" Minister, "former", "State", "General" of "Attorney General", "St." of "St. Louis").
pub const TITLE_WORDS: &[&str] = &[
    "vice", "prime", "foreign", "deputy", "father", "justice", "general", "major", "chief",
    "officer", "defence", "defense", "interior", "finance", "state", "us", "u.s.", "russian",
    "chinese", "british", "french", "german", "former", "late", "crown", "grand", "count", "saint",
    "st.",
];

/// Words of kinship a person is called by before their name, and no other name follows: "Uncle
/// Dennis", "Mother Teresa", "Sister Mary Scullion". A closed class, kept apart from the titles,
/// which are cut from a name: "Mother Teresa" is the nun's name.
pub const KIN_WORDS: &[&str] = &[
    "aunt", "auntie", "brother", "cousin", "grandma", "grandpa", "granny", "mother", "sister",
    "uncle",
];

/// Returns true if and only if `word` (any case) is one of [`KIN_WORDS`].
pub fn is_kin(word: &str) -> bool {
    KIN_WORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// Words a recogniser sometimes takes into a name from the start of a sentence or a phrase ("So
/// Obama said", "Will Hillary Clinton run", "Team Trump"): a closed class of function words that
/// open no one's name. "Will" and "May" are first names too ("Will Smith", "May Britt"): they are
/// taken off only before a name of two words ([`sentence_words_before`]). Not "A", an initial in
/// team sheets ("A Foley, D Wallace").
pub const SENTENCE_WORDS: &[&str] = &[
    "after", "all", "also", "an", "and", "as", "at", "before", "both", "but", "by", "can", "could",
    "did", "do", "does", "either", "even", "every", "for", "from", "had", "has", "have", "here",
    "how", "if", "in", "is", "just", "like", "many", "may", "might", "most", "must", "neither",
    "no", "nor", "not", "now", "of", "on", "only", "or", "said", "says", "should", "since", "so",
    "some", "team", "that", "the", "then", "there", "these", "this", "those", "to", "was", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "would", "yes",
];

/// Returns true if and only if `word` (any case) is one of [`SENTENCE_WORDS`] and no first name:
/// alone it is never a person's name ("An" of "An NBC employee won", "Said" of "Rabobank Nederland
/// B.A. Said"), while "Will" and "May" may be.
pub fn is_sentence_word(word: &str) -> bool {
    SENTENCE_WORDS.iter().any(|s| s.eq_ignore_ascii_case(word))
        && !word.eq_ignore_ascii_case("will")
        && !word.eq_ignore_ascii_case("may")
}

/// The days of the week and the months that are no one's first name: a date the sentence gives
/// before a name ("In January Henkel said", "in September Spears released"), a closed class. Not
/// "April", "May", "June", "August", "Tuesday" or "Sunday": "April Ryan", "June Carter Cash",
/// "August Busch III", "Tuesday Weld", "Sunday Oliseh".
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "january",
    "february",
    "march",
    "july",
    "september",
    "october",
    "november",
    "december",
];

/// Returns how many of the first words of the name `words` (any case) are [`SENTENCE_WORDS`] or
/// [`CALENDAR_WORDS`], which are no part of it: "So Obama" → 1, "Will Hillary Clinton" → 1,
/// "January Henkel" → 1, "Will Smith" → 0 ("Will" and "May" go only before two words), "The" → 0
/// (one word always stays).
pub fn sentence_words_before<S: AsRef<str>>(words: &[S]) -> usize {
    let listed = |w: &str| {
        SENTENCE_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
            || CALENDAR_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
    };
    let first_name_too = |w: &str| w.eq_ignore_ascii_case("will") || w.eq_ignore_ascii_case("may");
    let mut skip = 0;
    while let Some(word) = words.get(skip).map(AsRef::as_ref) {
        let left = words.len() - skip - 1;
        if !listed(word) || left == 0 || (left == 1 && first_name_too(word)) {
            break;
        }
        skip += 1;
    }
    skip
}

/// Returns true if and only if `lower`, already lowercase, is the name of a month other than May
/// (a surname too: "Theresa May").
pub fn is_month(lower: &str) -> bool {
    lower != "may" && crate::corpus::date::MONTHS.contains(&lower)
}

/// Returns true if and only if `word` is an initial: one capital letter, alone or with a period
/// ("F." of "John F. Kennedy", "H" of "George H W Bush", "A" of "A Foley" in a team sheet).
pub fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && matches!(chars.as_str(), "" | ".")
}

/// Returns true if and only if `word` (any case) is a title or honorific that is never part of a name.
pub fn is_title(word: &str) -> bool {
    is_title_lowercase(&word.to_lowercase())
}

/// Returns true if and only if `lower`, already lowercase, is one of [`HONORIFICS`] or
/// [`TITLE_WORDS`].
pub fn is_title_lowercase(lower: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str, FnvBuild>> = OnceLock::new();
    SET.get_or_init(|| HONORIFICS.iter().chain(TITLE_WORDS).copied().collect())
        .contains(lower)
}

/// Returns true if and only if `word` (any case) is one of [`HONORIFICS`], which only a person
/// holds.
pub fn is_honorific(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str, FnvBuild>> = OnceLock::new();
    SET.get_or_init(|| HONORIFICS.iter().copied().collect())
        .contains(word.to_lowercase().as_str())
}

/// Known names, looked up by lowercase phrase.
///
/// Lookups go by the 64-bit hash of the phrase ([`features::hash`]), so the tagger can look up a
/// phrase of several tokens by extending a hash, without building the phrase.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    /// Hash of each phrase → the lists it is on.
    bits: HashMap<u64, u16, PrehashedBuild>,
    /// The phrases themselves, in the order they were first added (for [`Gazetteer::to_text`]).
    phrases: Vec<String>,
}

impl Gazetteer {
    /// Adds `bits` to the phrase made of `tokens` (lowercased, joined by spaces). Phrases longer than
    /// [`MAX_PHRASE`] tokens are ignored.
    pub fn insert<S: AsRef<str>>(&mut self, tokens: &[S], bits: u16) {
        if tokens.is_empty() || tokens.len() > MAX_PHRASE {
            return;
        }
        self.add(key(tokens.iter().map(AsRef::as_ref)), bits);
    }

    /// Adds `bits` to the phrase `key` (already a lookup key).
    fn add(&mut self, key: String, bits: u16) {
        let entry = self.bits.entry(features::hash(&[&key])).or_insert_with(|| {
            self.phrases.push(key);
            0
        });
        *entry |= bits;
    }

    /// The lists `key` (a lowercase phrase, tokens joined by spaces) is on; 0 when none.
    pub fn lookup(&self, key: &str) -> u16 {
        self.lookup_hash(features::hash(&[key]))
    }

    /// The lists of the phrase whose [`features::hash`] is `hash`; 0 when none.
    pub fn lookup_hash(&self, hash: u64) -> u16 {
        self.bits.get(&hash).copied().unwrap_or(0)
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Returns true if and only if the gazetteer has no phrase.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Serialises to text: one "bits<TAB>phrase" line per phrase, sorted.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = self
            .phrases
            .iter()
            .map(|k| format!("{:x}\t{k}", self.lookup(k)))
            .collect();
        lines.sort_unstable();
        lines.join("\n")
    }

    /// Reads the text [`Gazetteer::to_text`] writes; None if a line is malformed.
    pub fn from_text(text: &str) -> Option<Gazetteer> {
        let mut gazetteer = Gazetteer::default();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let (bits, phrase) = line.split_once('\t')?;
            gazetteer.add(phrase.to_string(), u16::from_str_radix(bits, 16).ok()?);
        }
        Some(gazetteer)
    }

    /// Adds the US census name lists in `dir` (dist.male.first, dist.female.first, dist.all.last):
    /// every first name, and the `max_last` most common last names.
    pub fn add_census(&mut self, dir: &Path, max_last: usize) -> Result<()> {
        for (file, bits, limit) in [
            ("dist.male.first", FIRST_NAME, usize::MAX),
            ("dist.female.first", FIRST_NAME, usize::MAX),
            ("dist.all.last", LAST_NAME, max_last),
        ] {
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::io("cannot read census names", &path, e))?;
            for line in text.lines().take(limit) {
                if let Some(name) = line.split_whitespace().next() {
                    self.insert(&[name], bits);
                }
            }
        }
        Ok(())
    }

    /// Adds the world name lists at `path` (models/world-names.txt: `first<TAB>Name` and
    /// `last<TAB>Name` lines). Fails naming the line that is neither.
    pub fn add_world_names(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io("cannot read world names", path, e))?;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let bits = match line.split_once('\t') {
                Some(("first", name)) => (WORLD_FIRST, name),
                Some(("last", name)) => (WORLD_LAST, name),
                _ => {
                    return Err(Error::usage(format!(
                        "{}:{}: expected `first<TAB>Name` or `last<TAB>Name`",
                        path.display(),
                        n + 1
                    )));
                }
            };
            self.insert(&[bits.1], bits.0);
        }
        Ok(())
    }

    /// Adds the entity spans of the Groningen Meaning Bank CSV inside `zip` (ner_dataset.csv.zip,
    /// cp1252): people without their titles, organisations, places, and other names, each seen at
    /// least `min_count` times.
    pub fn add_gmb(&mut self, zip: &Path, min_count: usize) -> Result<()> {
        let bytes = std::fs::read(zip).map_err(|e| Error::io("cannot read", zip, e))?;
        let csv = unzip_first(&bytes).ok_or_else(|| {
            Error::usage(format!(
                "{}: not a zip file with a deflated CSV",
                zip.display()
            ))
        })?;
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&csv);
        let mut counts: HashMap<(Vec<String>, u16), usize> = HashMap::new();
        let mut span: Vec<String> = Vec::new();
        let mut span_bits = 0u16;
        let mut flush = |span: &mut Vec<String>, bits: u16| {
            let mut words: &[String] = span;
            if bits == EXT_PER {
                while words.len() > 1 && is_title(&words[0]) {
                    words = &words[1..];
                }
            }
            if !words.is_empty() && bits != 0 {
                *counts.entry((words.to_vec(), bits)).or_default() += 1;
            }
            span.clear();
        };
        for line in text.lines().skip(1) {
            let Some((word, tag)) = gmb_fields(line) else {
                continue;
            };
            let tag = tag.as_str();
            let bits = match tag.split_once('-').map(|(_, t)| t) {
                Some("per") => EXT_PER,
                Some("org") => EXT_ORG,
                Some("geo") => EXT_LOC,
                Some("gpe" | "eve" | "art" | "nat") => EXT_MISC,
                _ => 0,
            };
            if !tag.starts_with("I-") || bits != span_bits {
                flush(&mut span, span_bits);
                span_bits = bits;
            }
            if bits != 0 {
                span.push(word);
            }
        }
        flush(&mut span, span_bits);
        for ((words, bits), n) in counts {
            if n >= min_count {
                self.insert(&words, bits);
            }
        }
        Ok(())
    }
}

/// The lookup key of a phrase: its tokens lowercased, quotes normalised, joined by single spaces.
pub fn key<'a>(tokens: impl Iterator<Item = &'a str>) -> String {
    let mut k = String::new();
    for (i, t) in tokens.enumerate() {
        if i > 0 {
            k.push(' ');
        }
        k.extend(
            t.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == '’' { '\'' } else { c }),
        );
    }
    k
}

/// The word and tag of a GMB CSV line `Sentence #,Word,POS,Tag` (fields may be quoted, with `""`
/// for a quote inside).
fn gmb_fields(line: &str) -> Option<(String, String)> {
    let mut fields = Vec::with_capacity(4);
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    (fields.len() == 4).then(|| (fields[1].clone(), fields[3].trim().to_string()))
}

/// Inflates the first entry of a zip archive (deflate or stored); None if `bytes` is not one.
fn unzip_first(bytes: &[u8]) -> Option<Vec<u8>> {
    let u16_at = |i: usize| Some(u16::from_le_bytes(bytes.get(i..i + 2)?.try_into().ok()?));
    if bytes.get(..4)? != b"PK\x03\x04" {
        return None;
    }
    let method = u16_at(8)?;
    let data = 30 + usize::from(u16_at(26)?) + usize::from(u16_at(28)?);
    let body = bytes.get(data..)?;
    match method {
        0 => Some(body.to_vec()),
        8 => {
            let mut out = Vec::new();
            flate2::read::DeflateDecoder::new(body)
                .read_to_end(&mut out)
                .ok()?;
            Some(out)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_round_trip_through_text() {
        let mut g = Gazetteer::default();
        g.insert(&["Sergey", "Lavrov"], EXT_PER);
        g.insert(&["Sergey", "Lavrov"], TRAIN_PER);
        g.insert(&["Kuala", "Lumpur"], EXT_LOC);
        let back = Gazetteer::from_text(&g.to_text()).unwrap();
        assert_eq!(back.lookup("sergey lavrov"), EXT_PER | TRAIN_PER);
        assert_eq!(back.lookup("kuala lumpur"), EXT_LOC);
        assert_eq!(back.lookup("lavrov"), 0);
    }

    #[test]
    fn gmb_lines_are_split_right() {
        let f = |l: &str| gmb_fields(l).map(|(w, t)| format!("{w} {t}"));
        assert_eq!(
            f("Sentence: 1,Thousands,NNS,O").as_deref(),
            Some("Thousands O")
        );
        assert_eq!(f(",London,NNP,B-geo").as_deref(), Some("London B-geo"));
        assert_eq!(f(r#",",",",",O"#).as_deref(), Some(", O"));
        assert_eq!(f(r#","""",``,O"#).as_deref(), Some("\" O"));
    }

    #[test]
    fn titles_are_recognised_in_any_case() {
        assert!(is_title("Secretary") && is_title("MR.") && is_title("President"));
        assert!(!is_title("Rubio"));
    }

    #[test]
    fn words_of_the_sentence_before_a_name_are_counted() {
        let before = |name: &str| sentence_words_before(&name.split(' ').collect::<Vec<_>>());
        assert_eq!(before("So Obama"), 1);
        assert_eq!(before("Team Trump"), 1);
        assert_eq!(before("And So Obama"), 2);
        assert_eq!(before("Will Hillary Clinton"), 1);
        // "Will" and "May" are first names before one word; "A" is an initial; a word stays.
        assert_eq!(before("Will Smith"), 0);
        assert_eq!(before("May Britt"), 0);
        assert_eq!(before("A Foley"), 0);
        assert_eq!(before("So"), 0);
        assert_eq!(before("Howard Stern"), 0);
        // A date before a name (Reuters: "In January Henkel said"), unless it is a first name.
        assert_eq!(before("January Henkel"), 1);
        assert_eq!(before("September Spears"), 1);
        assert_eq!(before("June Carter Cash"), 0);
        assert_eq!(before("August Busch III"), 0);
        // Alone, such a word is no one's name; "Will" and "May" may be.
        assert!(is_sentence_word("An") && is_sentence_word("SAID"));
        assert!(!is_sentence_word("May") && !is_sentence_word("Will") && !is_sentence_word("Ann"));
    }
}
