//! Name resolution within one article: tagged spans become entities, each under one canonical name.
//!
//! The rules, in order:
//! 1. Titles and honorifics are not part of a name ("President Vladimir Putin" → "Vladimir Putin",
//!    "Secretary Rubio" → "Rubio"), nor is a possessive ("Rubio's" → "Rubio"); "Don" and "Dean",
//!    common first names, are no titles ("Don McGahn", "Dean Heller"; see
//!    [`HONORIFICS`](super::gazetteer::HONORIFICS)).
//!    Nor is the end of an office before the name or the letters after it ("Chancellor of the
//!    Exchequer Nigel Lawson", "Paul Boateng MP", "Kevin McCarthy R-California"), nor a
//!    preposition before it or a function word after it ("In Denver", "By Jane Smith", "P. The"
//!    of "S and P. The agency").
//! 2. Headings and ALL-CAPS lines never produce people on their own: a person found only there is
//!    kept if and only if the same name (or a name it resolves to) is found in running text.
//! 3. A partial name resolves to a fuller one used in the same article: "Rubio" and "Marco" to
//!    "Marco Rubio", "Wang" to "Wang Yi", "George Bush" to "George W. Bush". When a partial name
//!    fits several full names ("Bush" with "George Bush" and "Laura Bush"), it goes to the one
//!    mentioned most recently before it, or stays on its own when none precedes it.
//! 4. The canonical name is the fullest form the article uses; the other forms are its aliases.
//! 5. A one-word name the tagger calls a place or an organisation (or that starts an organisation's
//!    name: "Chrysler" of "Chrysler LLC") at least as often as a person
//!    ("Washington" in "talks between Washington and Moscow") is not a person, nor is one the
//!    article also writes in lower case ("See" of a "See also" line) or that no list of names
//!    (census first and last names, people in the training data and the GMB) knows ("Chrysler"),
//!    nor a suffix, month, day, holiday or faith ("Jr.", "Christmas", "Muslim").
//! 6. Once a person is known, occurrences of their full name or surname that the tagger missed in
//!    running text count as mentions too, so a name tagged in one place and missed in another is
//!    still one person with every mention.
//! 7. A name of several words that reads as an organisation, a role or a thing is not a person: it
//!    ends in an organisation word ("Adam Air", "Delta Air Lines", "Bell Labs", "WiMAX Forum") or a
//!    job or a party member ("Chief Executive Officer", "Kentucky Republican"), or starts with a
//!    determiner, a possessive or a word that starts names of places and things ("My Winter Storm",
//!    "Capitol Hill", "Hurricane Dorian").
//!    Words run together by scraped links are cut apart: "Trump Donald John TrumpGOP" is "Donald
//!    John Trump", "Charles Schumer Charles" is "Charles Schumer".
//! 8. A name that begins the name of a company the article gives in full ("Chrysler" of "Chrysler
//!    Corp", "McDonnell Douglas" of "McDonnell Douglas Corp", "Dean Witter" of "Dean Witter
//!    Reynolds Inc") is that company, not a person, with the partial names that resolve to it.
//!    (Before resolution, the tagger's labels are already corrected so: a person's span cut from
//!    the rest of the company's name right after it is joined to it, and a person's name that
//!    begins a company's full name becomes an organisation's; see [`super::consistency`].)
//!
//! 9. One name spelt two ways in one article is one person: a name of two words or more that
//!    differs from one met before in one letter of one word of five letters or more ("Mohammed
//!    Morsi" after "Mohamed Morsi"), or only by a nickname for its first name ("Bernie Sanders"
//!    after "Bernard Sanders", see [`nicknames`](super::nicknames)), is that name, listed as its
//!    alias.
//!
//! 10. A name that running text writes right after "in", "at" or "near" at least half the times
//!     it writes it ("in Denver", "at Trump Tower"), possessives left aside, is a place: its
//!     tagged mentions are the article's places, which the archive's verdict counts.
//!
//! 11. A name that is another person's full name with words glued after it that the article never
//!     writes alone is that person: "Mitch McConnell Addison" (a link's text, "Senate Majority
//!     Leader Mitch McConnell Addison (Mitch) Mitchell McConnell") beside "Mitch McConnell", whom
//!     the article calls "McConnell".
//!
//! A name written in capitals in a headline and in mixed case in the text ("CHRYSLER", "Chrysler")
//! takes its mixed-case form; forms that differ only in case are not listed as aliases.
//!
//! A person's name has a word of two letters or more ("U. S." and "C. S.P.A." are not names).
//!
//! Organisations and places are grouped by their normalised text, with the same title and possessive
//! handling.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::features::FnvBuild;
use super::gazetteer::{is_month, is_title};
use super::{Entities, Entity, EntityKind, Mention};

/// A tagged span of tokens, as the tagger found it.
#[derive(Clone, Debug)]
pub struct Span {
    pub kind: EntityKind,
    pub mention: Mention,
    /// The span's words (token texts).
    pub words: Vec<String>,
    /// True if and only if the span sits in a heading or an ALL-CAPS line.
    pub in_heading: bool,
}

/// A token of running text (not a heading), for finding missed mentions.
#[derive(Clone, Debug)]
pub struct TextToken<'a> {
    pub word: &'a str,
    pub mention: Mention,
}

/// Groups tagged spans into entities (rules in the module doc). `running` lists the tokens of running
/// text in order, headline first, so that rule 6 can find mentions the tagger missed.
pub fn resolve(
    spans: &[Span],
    running: &[TextToken<'_>],
    is_known_name: impl Fn(&str) -> bool,
) -> Entities {
    let (mut people, placed) = people(spans, running, &is_known_name);
    people.sort_by_key(first_position);
    super::attest::attest(&mut people, running);
    // A span of another kind that is exactly a person's name is that person, counted by rule 6.
    let person_mentions: HashSet<(bool, usize, usize)> = people
        .iter()
        .flat_map(|p| p.mentions.iter().map(key))
        .collect();
    let others: Vec<Span> = spans
        .iter()
        .filter(|s| !person_mentions.contains(&key(&s.mention)))
        .map(|s| {
            let mut s = s.clone();
            if s.kind == EntityKind::Person && placed.contains(&key(&s.mention)) {
                s.kind = EntityKind::Place;
            }
            s
        })
        .collect();
    let mut organisations = group_by_text(&others, EntityKind::Organisation);
    let mut places = group_by_text(&others, EntityKind::Place);
    organisations.sort_by_key(first_position);
    places.sort_by_key(first_position);
    Entities {
        people,
        organisations,
        places,
    }
}

/// Names indexed by their first and by their last word, ignoring case: a name can be part of
/// another ([`is_part_of`]) or the same only if they share one of those, so each name is compared
/// with those few instead of every name in the article.
struct ByEnds(HashMap<String, Vec<usize>>);

impl ByEnds {
    fn new<N: AsRef<[String]>>(names: &[N]) -> ByEnds {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            for key in ends(name.as_ref()) {
                let list = index.entry(key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        ByEnds(index)
    }

    /// The positions, in order and once each, of the names that share a first or a last word
    /// with `name`.
    fn sharing(&self, name: &[String]) -> impl Iterator<Item = usize> + use<> {
        let mut found: Vec<usize> = ends(name)
            .into_iter()
            .flat_map(|key| self.0.get(&key).into_iter().flatten().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter()
    }
}

/// The index keys of a name: its first and its last word, lower-cased, told apart.
fn ends(name: &[String]) -> Vec<String> {
    match (name.first(), name.last()) {
        (Some(first), Some(last)) => vec![
            format!("first {}", lower(first)),
            format!("last {}", lower(last)),
        ],
        _ => Vec::new(),
    }
}

/// A mention as a plain value, for sets.
fn key(m: &Mention) -> (bool, usize, usize) {
    (m.in_headline, m.start, m.end)
}

/// Mentions that do not overlap one another, ordered by position, so that whether a new mention
/// overlaps one of them is found in logarithmic time (articles with 100,000 names exist: a text
/// file of 2 MB is read whole).
#[derive(Default)]
struct Occupied(BTreeMap<(bool, usize), usize>);

impl Occupied {
    fn insert(&mut self, m: &Mention) {
        self.0.insert((m.in_headline, m.start), m.end);
    }

    /// True if and only if `m` overlaps a mention in the set. Since those do not overlap one another,
    /// their ends grow with their starts: only the last one starting before `m` ends can overlap it.
    fn overlaps(&self, m: &Mention) -> bool {
        self.0
            .range((m.in_headline, 0)..(m.in_headline, m.end))
            .next_back()
            .is_some_and(|(_, &end)| end > m.start)
    }
}

fn first_position(e: &Entity) -> (bool, usize) {
    e.mentions
        .first()
        .map_or((true, 0), |m| (!m.in_headline, m.start))
}

/// Words of a person span with titles, possessives, stray punctuation, prepositions before and
/// function words after removed.
fn clean_name(words: &[String]) -> Vec<String> {
    clean(words, true)
}

/// Words of an organisation's or a place's span as [`clean_name`] leaves a person's, titles kept:
/// they are part of such names ("General Motors Corp", "King World Productions Inc", "St.
/// Louis").
fn clean_other_name(words: &[String]) -> Vec<String> {
    clean(words, false)
}

/// Words of a span with possessives, stray punctuation, prepositions before and function words
/// after removed, and titles before the name if `titles` (see [`clean_name`]).
fn clean(words: &[String], titles: bool) -> Vec<String> {
    let mut w: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_string()
        })
        .filter(|w| {
            w.chars().any(char::is_alphanumeric) && !matches!(w.as_str(), "'s" | "’s" | "s")
        })
        .collect();
    while titles && w.len() > 1 && is_title(&w[0]) {
        w.remove(0);
    }
    if titles && w.len() == 1 && is_title(&w[0]) {
        w.clear();
    }
    // A preposition opening a sentence or a byline ("In Denver", "By Jane Smith") and a word
    // opening the next sentence ("S and P. The agency") are no part of a name.
    while w.len() > 1 && listed(PREPOSITIONS, &w[0]) {
        w.remove(0);
    }
    let ends_nothing = |l: &String| listed(PREPOSITIONS, l) || listed(DETERMINERS_AND_JOINERS, l);
    while w.len() > 1 && w.last().is_some_and(ends_nothing) {
        w.pop();
    }
    w
}

/// Prepositions, which never open nor end a name.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "of", "by", "from", "to", "for", "with", "into", "near",
];

/// Determiners and conjunctions, which never end a name.
const DETERMINERS_AND_JOINERS: &[&str] = &["the", "an", "this", "that", "and", "or", "but"];

/// Last words of an office that the tagger takes into the name after it ("Chancellor of the
/// Exchequer Nigel Lawson", "Chief of Staff Donald Regan").
const OFFICE_ENDS: &[&str] = &["exchequer", "staff"];

/// Letters after a name that are not part of it ("Paul Boateng MP", "Ben Emmerson QC").
const POST_NOMINALS: &[&str] = &[
    "mp", "msp", "mep", "am", "qc", "kc", "obe", "mbe", "cbe", "phd", "md",
];

/// Returns true if and only if `word` is a party and state tag ("R-California", "D-N.Y.").
fn party_tag(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// A person's name without the end of an office before it and the letters or party tag after it
/// ("Exchequer Nigel Lawson" → "Nigel Lawson", "Kevin McCarthy R-California" → "Kevin
/// McCarthy"), keeping two words at least.
fn without_offices(mut words: Vec<String>) -> Vec<String> {
    while words.len() > 2 && listed(OFFICE_ENDS, &words[0]) {
        words.remove(0);
    }
    while words.len() > 2
        && words
            .last()
            .is_some_and(|w| listed(POST_NOMINALS, w) || party_tag(w))
    {
        words.pop();
    }
    words
}

/// Words that make a name an organisation's ("Adam Air", "Bell Labs") or a thing's when they follow
/// its first word. Words that are also common surnames (Church, Bridge, Flight) are not here.
const ORGANISATION_WORDS: &[&str] = &[
    "air",
    "airlines",
    "airways",
    "airport",
    "lines",
    "bank",
    "bancorp",
    "labs",
    "laboratories",
    "forum",
    "group",
    "motors",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "company",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "holdings",
    "partners",
    "capital",
    "foundation",
    "institute",
    "university",
    "college",
    "school",
    "council",
    "committee",
    "party",
    "association",
    "agency",
    "fund",
    "trust",
    "studios",
    "records",
    "systems",
    "technologies",
    "communications",
    "networks",
    "media",
    "news",
    "times",
    "post",
    "securities",
    "insurance",
    "energy",
    "index",
    "exchange",
    "storm",
    "hurricane",
    "award",
    "awards",
    "prize",
    "cup",
    "street",
    "avenue",
    "road",
    "square",
    "stadium",
    "hospital",
    "administration",
    "policy",
    "plan",
    "act",
    "patrol",
    "protection",
    "parenthood",
    "arrivals",
    "bureau",
    "images",
    "bowl",
    "globe",
    "garden",
    "valley",
    "dlrs",
    "dlr",
    "dem",
    "dems",
];

/// Last words that are a job, not a surname ("Chief Executive Officer").
const ROLE_ENDINGS: &[&str] = &[
    "officer",
    "executive",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "director",
    "secretary",
    "minister",
    "president",
    "ambassador",
    "commissioner",
    "treasurer",
    "analyst",
    "economist",
    "chancellor",
    "republican",
    "republicans",
    "democrat",
    "democrats",
    "gov.",
    "sen.",
    "rep.",
];

/// First words that never start a person's name: determiners and possessives, and words that start
/// the names of places, storms and things ("Capitol Hill", "Hurricane Dorian", "Privacy Policy").
const NON_NAME_STARTS: &[&str] = &[
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "the",
    "an",
    "this",
    "that",
    "these",
    "those",
    "capitol",
    "hurricane",
    "typhoon",
    "cyclone",
    "tropical",
    "privacy",
    "planned",
    "childhood",
    "border",
    "operation",
    "fort",
    "mount",
    "lake",
    "port",
    "san",
    "los",
    "las",
    "new",
    "hide",
];

/// A name without a place or a thing the tagger ran into it (rule 7): a name starting with one of
/// [`NON_NAME_STARTS`] keeps its last words from the first known name after its first two words
/// ("San Antonio Julian Castro" → "Julian Castro", "Las Vegan Kathie Anderson" → "Kathie
/// Anderson"); otherwise it stays whole, so that rule 7 drops it with the partial forms that
/// resolve to it ("Capitol Hill" and "Hill", "Hurricane Harvey" and "Harvey").
fn past_place_start(mut words: Vec<String>, is_known_name: &dyn Fn(&str) -> bool) -> Vec<String> {
    let starts_wrong = words.first().is_some_and(|w| listed(NON_NAME_STARTS, w));
    if words.len() < 2 || !starts_wrong {
        return words;
    }
    match (2..words.len() - 1).find(|&j| is_known_name(&words[j])) {
        Some(j) => words.split_off(j),
        None => words,
    }
}

/// A person's name cut where its first name starts again (rule 7): scraped links leave a name and
/// the person's full legal name side by side, "Charles Schumer Charles" is "Charles Schumer" and
/// "Hillary Clinton Hillary Diane Rodham" is "Hillary Clinton". Only a known first name counts,
/// and two words stay at least ("Wee Kim Wee" is whole).
fn before_name_repeats(
    mut words: Vec<String>,
    is_known_name: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let again = words
        .iter()
        .skip(2)
        .position(|w| w == &words[0])
        .map(|i| i + 2);
    if let Some(at) = again
        && is_known_name(&words[0])
    {
        words.truncate(at);
    }
    words
}

/// Words that are never a person's name on their own (nor are months but May, a surname): name
/// suffixes, days, holidays, faiths, awards, web companies and news agencies ("Jr." of "Martin
/// Luther King, Jr.", "Christmas" of "Father Christmas", "Muslim" of "Muslim Council", "Oscar" of
/// "won an Oscar", "Reuter" of "the Reuter service").
const NEVER_ONE_WORD_NAMES: &[&str] = &[
    "jr",
    "jr.",
    "sr",
    "sr.",
    "ii",
    "iii",
    "iv",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "christmas",
    "easter",
    "ramadan",
    "thanksgiving",
    "halloween",
    "hanukkah",
    "passover",
    "muslim",
    "muslims",
    "christian",
    "christians",
    "jewish",
    "catholic",
    "baptist",
    "protestant",
    "hindu",
    "sikh",
    "buddhist",
    "sunni",
    "shia",
    "islamic",
    "god",
    "allah",
    "oscar",
    "oscars",
    "emmy",
    "grammy",
    "google",
    "facebook",
    "twitter",
    "youtube",
    "microsoft",
    "reuter",
    "reuters",
];

/// Where the second of two words run together starts in `word`, as text scraped from links leaves
/// them ("TrumpGOP", "McConnellGOP", "Sanders2020"): a capital, then three lowercase letters or
/// more, then a capital or a digit. Name prefixes that take a capital after them ("FitzGerald",
/// "VanderSloot") do not count. None when `word` is one word.
fn glued(word: &str) -> Option<usize> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // The start of the current run of lowercase letters, if it follows a capital.
    let mut run: Option<usize> = None;
    for (at, c) in word.char_indices() {
        if c.is_lowercase() {
            continue;
        }
        if let Some(start) = run {
            let lowercase = &word[start..at];
            let prefix = start == 1 && matches!(lowercase, "itz" | "ander");
            if (c.is_uppercase() || c.is_ascii_digit()) && lowercase.chars().count() >= 3 && !prefix
            {
                return Some(at);
            }
        }
        run = c.is_uppercase().then(|| at + c.len_utf8());
    }
    None
}

/// A person's name with the words run into it removed (rule 7). Links scraped from some sites leave
/// a name, the person's full legal name and the next link's text run together: "Trump Donald John
/// TrumpGOP" is "Donald John Trump" (cut at the first [`glued`] word, keeping that word's first part,
/// and after the first use of the surname it repeats). Without that repetition the span is not a
/// name one can trust ("Howard PaulSenate", of "Randal Howard Paul"): no words.
fn unglue(mut words: Vec<String>) -> Vec<String> {
    let Some((i, at)) = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| glued(w).map(|at| (i, at)))
    else {
        return words;
    };
    words.truncate(i + 1);
    words[i].truncate(at);
    match words.iter().position(|w| w == &words[i]) {
        Some(first) if first < i => words.split_off(first + 1),
        _ => Vec::new(),
    }
}

/// Returns true if and only if the cleaned name `words` (two words or more) reads as an
/// organisation, a role or a thing rather than a person (rule 7): a word after the first is an
/// organisation word, or the last is a job, or the first a determiner or possessive.
fn reads_as_no_person(words: &[String]) -> bool {
    let [first, rest @ ..] = words else {
        return false;
    };
    !rest.is_empty()
        && (rest.iter().any(|w| listed(ORGANISATION_WORDS, w))
            || rest.last().is_some_and(|w| listed(ROLE_ENDINGS, w))
            || listed(NON_NAME_STARTS, first))
}

/// Returns true if and only if `word` is on `list` (lowercase words), ignoring ASCII case.
fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

/// The names that begin a company's full name among `spans` (rule 8), lowercased, words joined
/// by spaces: "chrysler" and "chrysler financial" for "Chrysler Financial Corp".
fn company_name_starts(spans: &[Span]) -> HashSet<String> {
    let mut starts = HashSet::new();
    for s in spans.iter().filter(|s| s.kind == EntityKind::Organisation) {
        crate::ner::company::add_name_starts(&clean_other_name(&s.words), &mut starts);
    }
    starts
}

/// Returns true if and only if `word` can carry a name: two letters or more, with a full stop at
/// most at its end ("Lee", "St.", not "J." or "S.P.A."). A person's name needs one such word.
fn is_name_word(word: &str) -> bool {
    let body = word.strip_suffix('.').unwrap_or(word);
    body.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !body.contains('.')
}

/// Returns true if and only if every letter of `words` is a capital ("CHRYSLER", "U.S.").
fn shouted(words: &[String]) -> bool {
    words.iter().all(|w| w.chars().all(|c| !c.is_lowercase()))
}

/// Returns true if and only if `part` can name the same person as `full`: `part` is a run of `full`'s
/// words that ends at the surname, or is the first word alone, or is `full` minus middle names and
/// initials.
fn is_part_of(part: &[String], full: &[String]) -> bool {
    if part.len() >= full.len() || part.is_empty() {
        return false;
    }
    let eq = |a: &String, b: &String| eq_ignoring_case(a, b);
    let tail = part
        .iter()
        .rev()
        .zip(full.iter().rev())
        .all(|(a, b)| eq(a, b));
    let first = part.len() == 1 && eq(&part[0], &full[0]);
    let ends = part.len() >= 2
        && eq(&part[0], &full[0])
        && eq(&part[part.len() - 1], &full[full.len() - 1])
        && {
            // Every word of `part` appears in `full` in order.
            let mut it = full.iter();
            part.iter().all(|p| it.any(|f| eq(p, f)))
        };
    tail || first || ends
}

/// Words after which a name is where something happens ("in Denver", "at Trump Tower"): a closed
/// class of prepositions of place.
const PLACE_WORDS: &[&str] = &["in", "at", "near", "inside", "outside"];

/// Returns true if and only if running text writes `name` (its words in a row, not followed by a
/// possessive: "at Smith's" is no place) at least once, and at least half the times right after
/// one of the [`PLACE_WORDS`]. `starts` are the positions in `running` of the name's first word.
fn mostly_after_place_words(name: &[String], running: &[TextToken<'_>], starts: &[usize]) -> bool {
    let (mut seen, mut placed) = (0, 0);
    for &i in starts {
        let Some(window) = running.get(i..i + name.len()) else {
            break;
        };
        if !window.iter().zip(name).all(|(t, w)| t.word == w) {
            continue;
        }
        let next = running.get(i + name.len()).map(|t| t.word);
        if matches!(next, Some("'s" | "’s" | "'" | "’")) {
            continue;
        }
        seen += 1;
        if i > 0 && PLACE_WORDS.contains(&running[i - 1].word) {
            placed += 1;
        }
    }
    seen > 0 && placed * 2 >= seen
}

/// Returns true if and only if `a` and `b` name one person two ways in one article: spelt two ways
/// ([`spelling_variant`]), or the same but for a first name and its nickname ("Bernard Sanders" and
/// "Bernie Sanders", "Nicholas Sandmann" and "Nick Sandmann").
fn one_name_two_ways(a: &[String], b: &[String]) -> bool {
    spelling_variant(a, b)
        || (a.len() == b.len()
            && a.len() >= 2
            && a[1..]
                .iter()
                .zip(&b[1..])
                .all(|(x, y)| eq_ignoring_case(x, y))
            && super::nicknames::is_nickname_pair(&a[0], &b[0]))
}

/// Returns true if and only if `a` and `b` are one name spelt two ways in one article ("Mohamed
/// Morsi" and "Mohammed Morsi", "Muammar Gaddafi" and "Muammar Qaddafi"): names of two words or
/// more, the same but for one word, and that word one letter apart (one added, dropped or changed)
/// in words of five letters or more, so "Mark" and "Mary" stay two people.
fn spelling_variant(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() || a.len() < 2 {
        return false;
    }
    let mut differing = a.iter().zip(b).filter(|(x, y)| !eq_ignoring_case(x, y));
    let (Some((x, y)), None) = (differing.next(), differing.next()) else {
        return false;
    };
    let (x, y): (Vec<char>, Vec<char>) = (lower(x).chars().collect(), lower(y).chars().collect());
    let letters = |w: &[char]| w.iter().all(|c| c.is_alphabetic());
    if x.len().min(y.len()) < 5 || !letters(&x) || !letters(&y) {
        return false;
    }
    // One edit apart: strip the common prefix and suffix; what is left is at most one letter on
    // each side.
    let prefix = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let suffix = x[prefix..]
        .iter()
        .rev()
        .zip(y[prefix..].iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    x.len() - prefix - suffix <= 1 && y.len() - prefix - suffix <= 1
}

/// The article's people, and the mentions of names rule 10 found to be places.
fn people(
    spans: &[Span],
    running: &[TextToken<'_>],
    is_known_name: &dyn Fn(&str) -> bool,
) -> (Vec<Entity>, HashSet<(bool, usize, usize)>) {
    // Names in the order of their mentions, cleaned.
    let mut mentions: Vec<(Vec<String>, Mention, bool)> = spans
        .iter()
        .filter(|s| s.kind == EntityKind::Person)
        .map(|s| {
            let words = unglue(without_offices(clean_name(&s.words)));
            let words = past_place_start(words, is_known_name);
            let words = before_name_repeats(words, is_known_name);
            (words, s.mention, s.in_heading)
        })
        .filter(|(w, _, _)| !w.is_empty())
        .collect();
    mentions.sort_by_key(|(_, m, _)| (!m.in_headline, m.start));

    // Full forms: names that are not part of a longer name in the article. Each distinct name
    // (ignoring case, first form used) is compared once with each other one.
    let mut distinct: Vec<&Vec<String>> = Vec::new();
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    for (w, _, heading) in &mentions {
        // A name in a heading in capitals is no full form ("CARRY JIJI" of "REUTERS TO CARRY JIJI
        // FINANCIAL SERVICES" would take in the text's "Jiji"); it joins one the text uses.
        if *heading && shouted(w) {
            continue;
        }
        match seen.entry(lowercase(w)) {
            // Rule 9: a one-letter variant of a name already met, or the name with a nickname for
            // its first name, is that name.
            std::collections::hash_map::Entry::Vacant(_)
                if distinct.iter().any(|d| one_name_two_ways(d, w)) => {}
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(distinct.len());
                distinct.push(w);
            }
            // A headline in capitals gives way to the text's mixed case.
            std::collections::hash_map::Entry::Occupied(o) => {
                let first = &mut distinct[*o.get()];
                if shouted(first) && !shouted(w) {
                    *first = w;
                }
            }
        }
    }
    let by_ends = ByEnds::new(&distinct);
    let fulls: Vec<Vec<String>> = distinct
        .iter()
        .filter(|n| !by_ends.sharing(n).any(|o| is_part_of(n, distinct[o])))
        .map(|n| (*n).clone())
        .collect();

    // Assign each mention to a full form.
    let mut entities: Vec<(Vec<String>, Entity, bool)> = fulls
        .iter()
        .map(|f| {
            let e = Entity {
                name: f.join(" "),
                kind: EntityKind::Person,
                aliases: Vec::new(),
                mentions: Vec::new(),
                attested: false,
            };
            (f.clone(), e, false)
        })
        .collect();
    let mut last_seen: Vec<Option<usize>> = vec![None; entities.len()];
    let full_ends = ByEnds::new(&fulls);
    // The full forms a name can belong to depend on the name only.
    let mut candidates_of: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    for (order, (words, mention, heading)) in mentions.iter().enumerate() {
        let candidates = candidates_of.entry(lowercase(words)).or_insert_with(|| {
            full_ends
                .sharing(words)
                .filter(|&i| {
                    same(&entities[i].0, words)
                        || is_part_of(words, &entities[i].0)
                        || one_name_two_ways(&entities[i].0, words)
                })
                .collect()
        });
        let pick = match candidates.as_slice() {
            [one] => Some(*one),
            [] => None,
            many => many
                .iter()
                .copied()
                .filter(|&i| last_seen[i].is_some())
                .max_by_key(|&i| last_seen[i]),
        };
        let Some(i) = pick else { continue };
        last_seen[i] = Some(order);
        let (_, e, confirmed) = &mut entities[i];
        *confirmed |= !heading;
        e.mentions.push(*mention);
        let form = words.join(" ");
        if !eq_ignoring_case(&form, &e.name) && !e.aliases.contains(&form) {
            e.aliases.push(form);
        }
    }
    // Rule 2: people seen only in headings are dropped. Rule 7: so are names that read as an
    // organisation, a role or a thing, with the partial forms that resolved to them. Rule 8: so are
    // names that begin a company's full name.
    let companies = company_name_starts(spans);
    entities.retain(|(full, e, confirmed)| {
        *confirmed
            && !e.mentions.is_empty()
            && !reads_as_no_person(full)
            && full.iter().any(|w| is_name_word(w))
            && !companies.contains(&lowercase(full).join(" "))
    });
    // Rule 5: a one-word name that the tagger calls a place or an organisation at least as often
    // as a person ("Washington" of "between Washington and Moscow") is not a person; nor is one the
    // article also writes in lower case ("See" of a "See also" line), or that no name list knows
    // ("Chrysler").
    // Spans of other kinds by the one word that makes them count against a one-word name: their
    // only word, or an organisation's first word.
    let mut other_kinds: HashMap<String, usize> = HashMap::new();
    for s in spans.iter().filter(|s| s.kind != EntityKind::Person) {
        let words = clean_name(&s.words);
        if words.len() == 1 || s.kind == EntityKind::Organisation && !words.is_empty() {
            *other_kinds.entry(lower(&words[0])).or_default() += 1;
        }
    }
    // Whether running text has the lowercase form of each one-word name, found in one pass.
    let mut written_lowercase: HashMap<String, bool, FnvBuild> = entities
        .iter()
        .filter(|(full, _, _)| full.len() == 1)
        .map(|(full, _, _)| (full[0].to_lowercase(), false))
        .collect();
    if !written_lowercase.is_empty() {
        for t in running {
            if let Some(seen) = written_lowercase.get_mut(t.word) {
                *seen = true;
            }
        }
    }
    entities.retain(|(full, e, _)| {
        full.len() > 1 || {
            let word = lower(&full[0]);
            let other = other_kinds.get(&word).copied().unwrap_or(0);
            !NEVER_ONE_WORD_NAMES.contains(&word.as_str())
                && !is_month(&word)
                && other < e.mentions.len()
                && written_lowercase.get(&full[0].to_lowercase()) != Some(&true)
                && is_known_name(&full[0])
        }
    });

    // Where each word that starts a form (a full name's first word, a surname) occurs in running
    // text, found in one pass, for rules 10 and 6.
    let mut positions: HashMap<String, Vec<usize>, FnvBuild> = HashMap::default();
    for (full, _, _) in &entities {
        for word in [full.first(), full.last()].into_iter().flatten() {
            positions.entry(word.clone()).or_default();
        }
    }
    for (k, t) in running.iter().enumerate() {
        if let Some(at) = positions.get_mut(t.word) {
            at.push(k);
        }
    }
    let starts_of = |word: &str| positions.get(word).map_or(&[][..], Vec::as_slice);

    // Rule 10: a name running text writes after "in", "at" or "near" at least as often as
    // otherwise ("in Denver", "at Trump Tower") is a place.
    // Their mentions are places, for the article's places and the archive's verdict.
    let mut placed = HashSet::new();
    entities.retain(|(full, e, _)| {
        let place = mostly_after_place_words(full, running, starts_of(&full[0]));
        if place {
            placed.extend(e.mentions.iter().map(key));
        }
        !place
    });

    // Rule 11: a name that is another person's full name with words glued after it, words the
    // article never writes alone ("Mitch McConnell Addison" of a link's text beside "Mitch
    // McConnell", whom the article calls "McConnell"), is that person.
    merge_glued_words(&mut entities);

    // Rule 6: missed mentions of known full names and surnames in running text.
    // Spans of other kinds are not in the way: one that is exactly a known name ("Bush" tagged as a
    // place) is a mention of the person.
    let mut taken = Occupied::default();
    for s in spans.iter().filter(|s| s.kind == EntityKind::Person) {
        taken.insert(&s.mention);
    }
    for (full, e, _) in &mut entities {
        // An entity's mentions are all person spans, in `taken`, but for those added here.
        let mut added = Occupied::default();
        let surname = full.last().cloned().unwrap_or_default();
        // Surnames shared by two people are not evidence for either.
        let forms: Vec<Vec<String>> =
            if fulls.iter().filter(|f| f.last() == Some(&surname)).count() > 1 {
                vec![full.clone()]
            } else {
                vec![full.clone(), vec![surname]]
            };
        for form in forms {
            let n = form.len();
            for &k in starts_of(&form[0]) {
                let Some(win) = running.get(k..k + n) else {
                    break;
                };
                if !win.iter().zip(&form).all(|(t, w)| t.word == w) {
                    continue;
                }
                let m = Mention {
                    in_headline: win[0].mention.in_headline,
                    start: win[0].mention.start,
                    end: win[n - 1].mention.end,
                };
                let next_is_name = running.get(k + n).is_some_and(|t| {
                    t.word.chars().next().is_some_and(char::is_uppercase)
                        && t.mention.start <= m.end + 1
                });
                if taken.overlaps(&m) || added.overlaps(&m) || next_is_name {
                    continue;
                }
                added.insert(&m);
                e.mentions.push(m);
            }
        }
        e.mentions.sort_by_key(|m| (!m.in_headline, m.start));
    }
    let people = entities.into_iter().map(|(_, e, _)| e).collect();
    (people, placed)
}

/// Rule 11 on the article's people (full form, entity, confirmed): a person whose full form is a
/// name of two words or more whose last word the article writes on its own for that name (as a
/// one-word name, or as a form of the person of that name), followed by words it never writes on
/// its own, is the person of that name: the entity of that full form if the article has one, else
/// the same entity under the shorter name, joined by the entity of the surname alone when no
/// other person has that surname.
fn merge_glued_words(entities: &mut Vec<(Vec<String>, Entity, bool)>) {
    // The one-word forms the article writes, and the one-word names, lowercased; the lowercased
    // one-word forms of each full form of several words.
    let (mut alone, mut one_word) = (HashSet::new(), HashSet::new());
    let mut short_forms: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    for (full, e, _) in entities.iter() {
        let forms = std::iter::once(&e.name).chain(&e.aliases);
        let forms: Vec<String> = forms
            .filter(|f| !f.contains(' '))
            .map(|f| lower(f))
            .collect();
        alone.extend(forms.iter().cloned());
        if full.len() == 1 {
            one_word.insert(lower(&full[0]));
        } else {
            short_forms.insert(lowercase(full), forms);
        }
    }
    let mut i = 0;
    while i < entities.len() {
        let long = lowercase(&entities[i].0);
        // The shorter name's surname is written alone for it ("Paul" of "Rand Paul" says nothing
        // of "John Paul Jones"), and no word after it is written alone.
        let cut = (2..long.len()).find(|&k| {
            let surname = &long[k - 1];
            (one_word.contains(surname)
                || short_forms
                    .get(&long[..k])
                    .is_some_and(|forms| forms.contains(surname)))
                && !long[k..].iter().any(|w| alone.contains(w))
        });
        let Some(k) = cut else {
            i += 1;
            continue;
        };
        let name = entities[i].0[..k].to_vec();
        let surname = vec![name[k - 1].clone()];
        // Where the glued name goes: the person of the shorter name, else itself renamed.
        let target = match entities.iter().position(|(f, _, _)| same(f, &name)) {
            Some(j) => {
                let glued = entities.remove(i);
                let j = if j > i { j - 1 } else { j };
                join(&mut entities[j], glued);
                j
            }
            None => {
                let (full, e, _) = &mut entities[i];
                let old = std::mem::replace(&mut e.name, name.join(" "));
                e.aliases.retain(|a| !eq_ignoring_case(a, &e.name));
                e.aliases.push(old);
                *full = name;
                i += 1;
                i - 1
            }
        };
        // The surname on its own is this person's when no other person has it.
        let shared = entities
            .iter()
            .enumerate()
            .any(|(o, (f, _, _))| o != target && f.len() > 1 && same(&f[f.len() - 1..], &surname));
        if !shared && let Some(s) = entities.iter().position(|(f, _, _)| same(f, &surname)) {
            let alone = entities.remove(s);
            let target = if target > s { target - 1 } else { target };
            if s < i {
                i -= 1;
            }
            join(&mut entities[target], alone);
        }
    }
}

/// Adds `other`'s mentions and forms to `into` (rule 11).
fn join(into: &mut (Vec<String>, Entity, bool), other: (Vec<String>, Entity, bool)) {
    let (_, e, confirmed) = into;
    let (_, other, other_confirmed) = other;
    *confirmed |= other_confirmed;
    for form in std::iter::once(other.name).chain(other.aliases) {
        if !eq_ignoring_case(&form, &e.name) && !e.aliases.contains(&form) {
            e.aliases.push(form);
        }
    }
    e.mentions.extend(other.mentions);
    e.mentions.sort_by_key(|m| (!m.in_headline, m.start));
}

/// The words lowercased character by character, as [`eq_ignoring_case`] compares them: two names
/// are [`same`] if and only if these are equal.
fn lowercase(words: &[String]) -> Vec<String> {
    words.iter().map(|w| lower(w)).collect()
}

fn lower(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).collect()
}

/// Returns true if and only if `a` and `b` are the same words, ignoring case.
fn same(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| eq_ignoring_case(x, y))
}

/// Returns true if and only if `a` and `b` are equal once lowercased, character by character.
fn eq_ignoring_case(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (!(a.is_ascii() && b.is_ascii())
            && a.chars()
                .flat_map(char::to_lowercase)
                .eq(b.chars().flat_map(char::to_lowercase)))
}

/// Groups spans of `kind` by their lowercased text without a leading "the" or a possessive; the
/// canonical name is the form used first.
fn group_by_text(spans: &[Span], kind: EntityKind) -> Vec<Entity> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Entity> = Vec::new();
    let named: Vec<(String, &Span)> = spans
        .iter()
        .filter(|s| s.kind == kind)
        .filter_map(|s| {
            let mut words = clean_other_name(&s.words);
            if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
                words.remove(0);
            }
            (!words.is_empty()).then(|| (words.join(" "), s))
        })
        .collect();
    // Rule 2 holds for organisations and places too.
    let confirmed: std::collections::HashSet<String> = named
        .iter()
        .filter(|(_, s)| !s.in_heading)
        .map(|(n, _)| n.to_lowercase())
        .collect();
    for (name, s) in named {
        let key = name.to_lowercase();
        if !confirmed.contains(&key) {
            continue;
        }
        let i = *index.entry(key).or_insert_with(|| {
            out.push(Entity {
                name: name.clone(),
                kind,
                aliases: Vec::new(),
                mentions: Vec::new(),
                attested: false,
            });
            out.len() - 1
        });
        out[i].mentions.push(s.mention);
        if name != out[i].name && !out[i].aliases.contains(&name) {
            out[i].aliases.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::merge_glued_words;
    use crate::ner::{Entities, Entity, EntityKind, Mention, Recognizer};

    fn people(text: &str) -> Vec<(String, usize, Vec<String>)> {
        let e = Recognizer::bundled().unwrap().entities(None, text);
        e.people
            .into_iter()
            .map(|p| (p.name, p.mentions.len(), p.aliases))
            .collect()
    }

    /// The words of `s`, split at spaces.
    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    fn names(e: &Entities) -> Vec<&str> {
        e.people.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn surnames_and_titled_names_resolve_to_the_full_name() {
        let p = people(
            "US Secretary of State Marco Rubio met reporters on Thursday. Secretary Rubio hinted at a new approach. \
             Rubio's visit to Asia is his first trip.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Marco Rubio");
        assert_eq!(p[0].1, 3);
        assert_eq!(p[0].2, vec!["Rubio".to_string()]);
    }

    #[test]
    fn titles_are_not_part_of_a_name() {
        let p = people("He cited President Vladimir Putin and Mr. Bush. Later Mr. Bush left.");
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, vec!["Vladimir Putin", "Bush"]);
        let p =
            people("Mr. Bush spoke. President George W. Bush said later that Bush would return.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "George W. Bush");
        assert_eq!(p[0].1, 3);
    }

    #[test]
    fn headings_alone_never_make_people() {
        let text = "The Path Forward for Ukraine Diplomacy\nThe talks in Kuala Lumpur went on for an hour. Ukraine diplomacy was the topic.\n";
        let e = Recognizer::bundled()
            .unwrap()
            .entities(Some("RUBIO MEETS LAVROV"), text);
        assert!(names(&e).is_empty(), "{:?}", names(&e));
        let e = Recognizer::bundled().unwrap().entities(
            Some("Rubio meets Lavrov"),
            "Marco Rubio met Sergey Lavrov in Kuala Lumpur on Friday.",
        );
        assert_eq!(names(&e), vec!["Marco Rubio", "Sergey Lavrov"]);
        assert_eq!(
            e.people[0].mentions.len(),
            2,
            "the headline mention counts once the body confirms it"
        );
    }

    #[test]
    fn offices_before_a_name_and_letters_after_it_are_not_part_of_it() {
        let p = people(
            "Chancellor of the Exchequer Nigel Lawson said sterling was stable. White House Chief \
             of Staff Donald Regan disagreed. House Minority Leader Kevin McCarthy R-California \
             said Patty Murray D-Washington was wrong.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            n,
            [
                "Nigel Lawson",
                "Donald Regan",
                "Kevin McCarthy",
                "Patty Murray"
            ]
        );
        assert_eq!(
            super::without_offices(words("Paul Boateng MP")),
            words("Paul Boateng")
        );
        assert_eq!(
            super::without_offices(words("Staff Wars")),
            words("Staff Wars")
        );
    }

    #[test]
    fn a_name_missed_once_still_counts() {
        // Sentence-initial and possessive uses of a surname are where taggers slip; all are counted.
        let p = people(
            "Chinese Foreign Minister Wang Yi arrived on Friday. Wang said the talks were useful. Reporters asked Wang about tariffs.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Wang Yi");
        assert_eq!(p[0].1, 3);
    }

    #[test]
    fn organisations_and_roles_are_not_people() {
        // Sentences of the bundled Wikinews articles that used to give these "people".
        let p = people(
            "Adam Air Flight 574 disappeared over Sulawesi. Adam Air said the search would go on. \
             Ford's Chief Executive Officer, William Clay Ford Jr., announced the plan. \
             He met researchers from Bell Labs. My Winter Storm was her third album.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(n.contains(&"William Clay Ford"), "{n:?}");
        for wrong in [
            "Adam Air",
            "Adam Air Flight",
            "Executive Officer",
            "Bell Labs",
            "My Winter Storm",
        ] {
            assert!(!n.contains(&wrong), "{wrong} is not a person: {n:?}");
        }
    }

    #[test]
    fn places_laws_offices_and_party_members_are_not_people() {
        let p = people(
            "Senate Majority Leader Mitch McConnell, a Kentucky Republican, said the vote would \
             come soon. Lawmakers on Capitol Hill said the Reagan Administration had no plan. The \
             Border Patrol said it was ready, and Sen. Rand Paul spoke in the Rose Garden. Mayor \
             Julian Castro of San Antonio said San Antonio Julian Castro would run. The Census \
             Bureau said Hurricane Katrina struck in August. Father Christmas visited on \
             Christmas Eve. Martin Luther King, Jr. inspired him, he said.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            n,
            [
                "Mitch McConnell",
                "Rand Paul",
                "Julian Castro",
                "Martin Luther King"
            ]
        );
        assert_eq!(p[2].1, 2, "Julian Castro, twice");
    }

    #[test]
    fn names_run_together_by_scraped_links_are_cut_apart() {
        assert_eq!(
            super::unglue(words("Trump Donald John TrumpGOP")),
            words("Donald John Trump")
        );
        assert_eq!(
            super::unglue(words("Susan Collins Susan Margaret CollinsLawmakers")),
            words("Susan Margaret Collins")
        );
        assert!(super::unglue(words("Howard PaulSenate")).is_empty());
        let known = |w: &str| matches!(w, "Charles" | "Hillary");
        assert_eq!(
            super::before_name_repeats(words("Charles Schumer Charles"), &known),
            words("Charles Schumer")
        );
        assert_eq!(
            super::before_name_repeats(words("Hillary Clinton Hillary Diane Rodham"), &known),
            words("Hillary Clinton")
        );
        assert_eq!(
            super::before_name_repeats(words("Wee Kim Wee"), &known),
            words("Wee Kim Wee")
        );
        assert_eq!(
            super::unglue(words("Mitch McConnell Addison Mitchell McConnellGOP")),
            words("Addison Mitchell McConnell")
        );
        for kept in [
            "Mitch McConnell",
            "Leonardo DiCaprio",
            "F. Scott FitzGerald",
            "Ben DeVos",
            "Douglas MacArthur",
            "Kayleigh McEnany",
        ] {
            assert_eq!(super::unglue(words(kept)), words(kept));
        }
        // In an article, the legal name joins the name the text uses.
        let p = people(
            "President Trump Donald John TrumpGOP senators met on Tuesday. Donald Trump said the \
             meeting went well.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, vec!["Donald John Trump"]);
    }

    #[test]
    fn a_name_that_begins_a_company_name_is_the_company() {
        // Sentences of bundled Wikinews articles (ID36443, ID52082) that used to give these
        // "people".
        let p = people(
            "The Elmwood Village Hotel is a 72-room, seven-million-dollar hotel proposed by Savarino \
             Construction Services Corporation. Karl Frizlen, an architect with Frizlen Group, designed \
             the hotel. Although the properties are \"under contract,\" it is still unknown if Savarino \
             Construction actually owns the buildings.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, vec!["Karl Frizlen"]);
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/wikinews/ID52082.json"
        ))
        .unwrap();
        let article: serde_json::Value = serde_json::from_str(&text).unwrap();
        let e = Recognizer::bundled()
            .unwrap()
            .entities(article["title"].as_str(), article["body"].as_str().unwrap());
        let n = names(&e);
        assert!(!n.contains(&"Google"), "{n:?}");
        for person in ["Eric Schmidt", "Chad Hurley"] {
            assert!(n.contains(&person), "{person} missing from {n:?}");
        }
    }

    #[test]
    fn a_headline_in_capitals_gives_way_to_the_texts_spelling() {
        let e = Recognizer::bundled().unwrap().entities(
            Some("REAGAN VETOES HIGHWAY BILL"),
            "President Reagan vetoed the highway bill on Friday. Reagan said it cost too much.",
        );
        assert_eq!(names(&e), vec!["Reagan"]);
        assert!(e.people[0].aliases.is_empty(), "{:?}", e.people[0].aliases);
        assert_eq!(e.people[0].mentions.len(), 3);
    }

    /// "Don" and "Dean" are titles but common first names: in a name they are the first name. A
    /// bundled Wikinews article ("Massey Chairman and CEO, Don Blankenship") and, where the
    /// research data is, AllSides articles on Don McGahn and Dean Heller (whose surname alone was
    /// the name, or no name at all: "McGahn" is on no list).
    #[test]
    fn don_and_dean_are_first_names() {
        let recognizer = Recognizer::bundled().unwrap();
        let bundled =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/wikinews/ID14470.json");
        let mut articles = vec![(bundled, "Don Blankenship")];
        for (rel, name) in [
            ("allsides/jsons/j1ThWumdXqYxGG4R.json", "Don McGahn"),
            ("allsides/jsons/NqCM34eWIiLY7ZnB.json", "Dean Heller"),
        ] {
            articles.extend(crate::corpus::shared_data(rel).map(|p| (p, name)));
        }
        for (path, name) in articles {
            let article = crate::corpus::read_file(&path).unwrap().articles.remove(0);
            let e = recognizer.entities(article.headline.as_deref(), &article.body);
            let people: Vec<&str> = e.people.iter().map(|p| p.name.as_str()).collect();
            assert!(
                people.contains(&name),
                "{name} in {}: {people:?}",
                path.display()
            );
        }
    }

    /// A month of Reuters wire stories (research data, skipped where absent): no dateline city, no
    /// company and no headline in capitals is a person, and the people are still found.
    #[test]
    fn wire_stories_name_people_not_datelines_or_companies() {
        let Some(path) = crate::corpus::shared_data("reuters21578/reut2-000.sgm") else {
            return;
        };
        let read = crate::corpus::read_file(&path).expect("reut2-000.sgm reads");
        let recognizer = Recognizer::bundled().unwrap();
        let mut people = std::collections::HashSet::new();
        for article in &read.articles {
            let e = recognizer.entities(article.headline.as_deref(), &article.body);
            let dateline: String = article
                .body
                .chars()
                .take_while(|c| c.is_uppercase() || *c == ' ' || *c == '.')
                .collect();
            for p in &e.people {
                assert_ne!(p.name, dateline.trim(), "{:?}", article.headline);
                // Capitals only where the text itself writes the name so.
                assert!(
                    p.name.chars().any(char::is_lowercase) || article.body.contains(&p.name),
                    "{} in {:?}",
                    p.name,
                    article.headline
                );
                assert!(p.name.split(' ').any(super::is_name_word), "{}", p.name);
                for o in &e.organisations {
                    let company = o
                        .name
                        .split(' ')
                        .next_back()
                        .is_some_and(crate::ner::company::is_legal_form);
                    assert!(
                        !(company && o.name.starts_with(&format!("{} ", p.name))),
                        "{} is {} in {:?}",
                        p.name,
                        o.name,
                        article.headline
                    );
                }
                people.insert(p.name.clone());
            }
        }
        assert!(read.articles.len() >= 900, "{}", read.articles.len());
        for person in ["Ronald Reagan", "James Baker", "Paul Volcker"] {
            assert!(people.contains(person), "{person} missing");
        }
    }

    #[test]
    fn a_name_mostly_after_in_or_at_is_a_place() {
        // Wikinews, "Founder and CEO of Rockmount Ranchwear Jack Weil dies at age 107" (CC BY 2.5).
        let text = "Jack Weil, founder and CEO of Rockmount Ranch Wear died on August 13 at the age \
                    of 107 in Denver, Colorado. In 1946, Weil rented a space at 1626 Wazee Street in \
                    Denver and set about trying to create a fashionable yet practical identity. A \
                    party was held at Weil's store. Denver mourned.";
        let tokens: Vec<super::TextToken> = crate::ner::tokenize::sentences(text)
            .into_iter()
            .flatten()
            .map(|t| super::TextToken {
                word: t.text(text),
                mention: crate::ner::Mention {
                    in_headline: false,
                    start: t.start,
                    end: t.end,
                },
            })
            .collect();
        let placed = |name: &str| {
            let name = words(name);
            let starts: Vec<usize> = (0..tokens.len())
                .filter(|&k| tokens[k].word == name[0])
                .collect();
            super::mostly_after_place_words(&name, &tokens, &starts)
        };
        // Two of three times after "in".
        assert!(placed("Denver"));
        // "at Weil's store" is no place; "Jack Weil" and "Weil rented" are people.
        assert!(!placed("Weil"));
        assert!(!placed("Jack Weil"));
        assert!(!placed("Colorado Springs"));
    }

    #[test]
    fn words_glued_after_a_name_are_not_part_of_it() {
        // AllSides pages end each link to a politician's page with the link's text: the leader's
        // legal name glued after the name the article uses ("Mitch McConnell Addison (Mitch)
        // Mitchell McConnell"), which the tagger reads as "Mitch McConnell Addison".
        let person = |name: &str, aliases: &[&str], at: usize| {
            let e = Entity {
                name: name.to_string(),
                kind: EntityKind::Person,
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                mentions: vec![Mention {
                    in_headline: false,
                    start: at,
                    end: at + name.len(),
                }],
                attested: false,
            };
            (words(name), e, true)
        };
        let names = |list: &[(Vec<String>, Entity, bool)]| {
            list.iter()
                .map(|(_, e, _)| (e.name.clone(), e.aliases.clone(), e.mentions.len()))
                .collect::<Vec<_>>()
        };
        let glued = || person("Mitch McConnell Addison", &["Mitch"], 900);
        // Beside the name the article uses, whose surname it writes alone: that person.
        let mut list = vec![person("Mitch McConnell", &["McConnell"], 10), glued()];
        merge_glued_words(&mut list);
        let aliases = words("McConnell Mitch_McConnell_Addison Mitch");
        let aliases: Vec<String> = aliases.iter().map(|a| a.replace('_', " ")).collect();
        assert_eq!(names(&list), [("Mitch McConnell".into(), aliases, 2)]);
        // Beside the surname alone: the shorter name, and the surname joins it.
        let mut list = vec![person("McConnell", &[], 10), glued()];
        merge_glued_words(&mut list);
        assert_eq!(list.len(), 1, "{:?}", names(&list));
        assert_eq!(list[0].1.name, "Mitch McConnell");
        assert_eq!(list[0].1.mentions.len(), 2);
        // A surname another person of the article has stays on its own.
        let mut list = vec![
            person("McConnell", &[], 10),
            person("Jane McConnell", &[], 40),
            glued(),
        ];
        merge_glued_words(&mut list);
        let names_now: Vec<&str> = list.iter().map(|(_, e, _)| e.name.as_str()).collect();
        assert_eq!(
            names_now,
            ["McConnell", "Jane McConnell", "Mitch McConnell"]
        );
        // Nothing written alone, or a word written alone for another person: left whole ("Paul"
        // of "Rand Paul" says nothing of "John Paul Jones").
        let mut list = vec![glued()];
        merge_glued_words(&mut list);
        assert_eq!(list[0].1.name, "Mitch McConnell Addison");
        let mut list = vec![
            person("Rand Paul", &["Paul"], 10),
            person("John Paul Jones", &[], 50),
        ];
        merge_glued_words(&mut list);
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].1.name, "John Paul Jones");
        // On the people of an article.
        let p = people(
            "Senate Majority Leader Mitch McConnell spoke on Tuesday. McConnell said the vote \
             would wait.",
        );
        assert_eq!(p[0].0, "Mitch McConnell", "{p:?}");
    }

    #[test]
    fn one_name_spelt_two_ways_is_one_person() {
        // Wikinews, "Global WTO competition for law students won by the University of Melbourne"
        // (CC BY 2.5): the panellist's first name is misspelt in the quote's attribution.
        let p = people(
            "After the two and a half hours of intense debates, the Grand Panel, including \
             Gabrielle Marceau from the WTO Secretariat, Jayashree Watal from the WTO Intellectual \
             Property Division and Werner Zdouc from the WTO Appellate Body Secretariat, announced \
             the winner. \"The ELSA Moot Court gave a timely opportunity to bright, young lawyers,\" \
             said Jatashree Watal, Counsellor, WTO Intellectual Property Division.",
        );
        let watal: Vec<_> = p.iter().filter(|x| x.0.ends_with("Watal")).collect();
        assert_eq!(watal.len(), 1, "{p:?}");
        assert_eq!(watal[0].0, "Jayashree Watal");
        assert_eq!(watal[0].1, 2);
        assert_eq!(watal[0].2, vec!["Jatashree Watal".to_string()]);
        // One letter apart in a short word, or two letters apart: two people.
        assert!(!super::spelling_variant(
            &words("Mark Kelly"),
            &words("Mary Kelly")
        ));
        assert!(!super::spelling_variant(
            &words("Mohamed Morsi"),
            &words("Mohamed Mursiy")
        ));
        assert!(super::spelling_variant(
            &words("Muammar Gaddafi"),
            &words("Muammar Qaddafi")
        ));
    }

    /// AllSides stories (research data, skipped where absent) that name one man by his name and
    /// by its nickname: one person each, listed under one name with the other as an alias.
    #[test]
    fn a_name_and_its_nickname_are_one_person() {
        let recognizer = Recognizer::bundled().unwrap();
        for (rel, name, nickname) in [
            (
                "allsides/jsons/904WkFiUQ7KymnQq.json",
                "Nicholas Sandmann",
                "Nick Sandmann",
            ),
            (
                "allsides/jsons/1EZRUFq6N6thAwWA.json",
                "William Barr",
                "Bill Barr",
            ),
        ] {
            let Some(path) = crate::corpus::shared_data(rel) else {
                return;
            };
            let article = crate::corpus::read_file(&path).unwrap().articles.remove(0);
            let e = recognizer.entities(article.headline.as_deref(), &article.body);
            let named = |p: &Entity, n: &str| p.name == n || p.aliases.iter().any(|a| a == n);
            let with_either: Vec<&Entity> = e
                .people
                .iter()
                .filter(|p| named(p, name) || named(p, nickname))
                .collect();
            assert_eq!(with_either.len(), 1, "{rel}: {:?}", e.people);
            assert!(named(with_either[0], name) && named(with_either[0], nickname));
        }
    }

    #[test]
    fn a_shared_surname_goes_to_the_nearest_full_name() {
        let p =
            people("George W. Bush met Laura Bush's staff. Laura Bush later said Bush was tired.");
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, vec!["George W. Bush", "Laura Bush"]);
    }
}
