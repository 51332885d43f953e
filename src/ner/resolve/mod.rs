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
//!    of "S and P. The agency"), nor a word of the sentence before it ("So Trump", "Team Obama",
//!    "Will Hillary Clinton", but "Will Smith"; see
//!    [`SENTENCE_WORDS`](super::gazetteer::SENTENCE_WORDS)), nor a first word the news writes
//!    mostly in lower case and no list of names knows, before a name of two words or more ("Whip
//!    Dick Durbin", "Embed Donald Trump"), nor a last word in capitals that is
//!    a common word: one the article writes in lower case, or the news mostly does ("Trump MORE",
//!    a link's text on The Hill's pages; see [`Lexicon::is_common_word`]).
//! 2. Headings and ALL-CAPS lines never produce people on their own: a person found only there is
//!    kept if and only if the same name (or a name it resolves to) is found in running text.
//! 3. A partial name resolves to a fuller one used in the same article: "Rubio" and "Marco" to
//!    "Marco Rubio", "Wang" to "Wang Yi", "George Bush" to "George W. Bush", a squad's "J
//!    O'Connor" to "Johnny O'Connor" (but "George W. Bush" is not "George H. W. Bush": middle
//!    initials a name gives must be all of the fuller one's). When a partial name
//!    fits several full names ("Bush" with "George Bush" and "Laura Bush"), it goes to the one
//!    mentioned most recently before it, or stays on its own when none precedes it.
//! 4. The canonical name is the fullest form the article uses; the other forms are its aliases. A
//!    heading's form that the text never writes, but that is a name of the text followed by a
//!    common word, is that name: a title-case headline runs the verb into the name ("Obama Sworn"
//!    of "Obama Sworn In for 2nd Term" is "Obama"; a heading's "Bernie Sanders" stays whole).
//! 5. A one-word name the tagger calls a place or an organisation (or that starts an organisation's
//!    name: "Chrysler" of "Chrysler LLC") at least as often as a person
//!    ("Washington" in "talks between Washington and Moscow") is not a person, nor is one the
//!    article also writes in lower case ("See" of a "See also" line) or that no list of names
//!    (census first and last names, people in the training data and the GMB) knows ("Chrysler"),
//!    unless an honorific or an office stands before it ("Mr. Pawlenty", "Dr Haikerwal": see
//!    [`is_titled`](super::attest::is_titled)) and the news does not write it mostly in lower case
//!    ("Ms. Magazine", "Mr. Monopoly"),
//!    nor a suffix, month, day, holiday or faith ("Jr.", "Christmas", "Muslim"), nor a word of
//!    the sentence ("An" of "An NBC employee won", see
//!    [`is_sentence_word`](super::gazetteer::is_sentence_word)), nor a word in capitals that is a
//!    common word ("MORE").
//! 6. Once a person is known, occurrences of their full name or surname that the tagger missed in
//!    running text count as mentions too, so a name tagged in one place and missed in another is
//!    still one person with every mention.
//! 7. A name of several words that reads as an organisation, a role or a thing is not a person: it
//!    ends in an organisation word ("Adam Air", "Delta Air Lines", "Bell Labs", "WiMAX Forum") or a
//!    job or a party member ("Chief Executive Officer", "Kentucky Republican"), or starts with a
//!    determiner, a possessive or a word that starts names of places and things ("My Winter Storm",
//!    "Capitol Hill", "Hurricane Dorian"), or each of its words is one the news writes mostly in
//!    lower case and its first is on no list of names ("Witch Hunt", "Dead Man", "Mother
//!    Nature"; but "Bill Shine"), or its last word is one the news writes mostly in lower case
//!    and no list of names knows, and its first is on no list of first names ("Steele Dossier",
//!    "Weta Workshops", "Trump Organization"; but "Steve Jobs", "Elizabeth II").
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
//!    after "Bernard Sanders") or another spelling of it ("Garry Knowles" after "Gary Knowles":
//!    see [`nicknames`](super::nicknames)), is that name, listed as its alias.
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
//! 12. A name that running text writes right after a noun for a kind of work, band or publication
//!     ("the abortion drama Vera Drake", "the rock band Franz Ferdinand", "the satire magazine
//!     Charlie Hebdo") is that work, unless the article attests a person by it
//!     ([`crate::ner::attest`]).
//!
//! A name written in capitals in a headline and in mixed case in the text ("CHRYSLER", "Chrysler")
//! takes its mixed-case form; forms that differ only in case are not listed as aliases. Names are
//! compared ignoring case, and a typographic apostrophe is a plain one ("Michael O'Leary", "Mr.
//! O’Leary").
//!
//! A person's name has a word of two letters or more ("U. S." and "C. S.P.A." are not names).
//!
//! Organisations and places are grouped by their normalised text, with the same title and possessive
//! handling.
//!
//! Each family of rules has its file: [`clean`] makes a span's words a name (rule 1, and the link
//! text of rule 7), [`no_person`] says which names are no person's (rules 5, 7, 8, 10 and 12), and
//! [`same_person`] which names are one person (rules 3, 9 and 11); this file runs them in order
//! ([`people`]), with rules 2, 4 and 6.

mod clean;
mod no_person;
mod same_person;

use std::collections::{BTreeMap, HashMap, HashSet};

use super::features::FnvBuild;
use super::gazetteer::{is_month, is_sentence_word};
use super::{Entities, Entity, EntityKind, Mention};
use clean::{
    before_name_repeats, clean_name, clean_other_name, cut_shouted_tails, past_common_words,
    past_place_start, person_name, unglue, without_offices,
};
use no_person::{
    NEVER_ONE_WORD_NAMES, company_name_starts, ends_in_a_noun, is_name_word,
    mostly_after_place_words, named_as_a_work, reads_as_a_phrase, reads_as_no_person,
};
use same_person::{cut_heading_glue, is_part_of, merge_glued_words, one_name_two_ways};

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

/// What name resolution asks of the recogniser's word lists.
pub struct Lexicon<'a> {
    /// Returns true if and only if a word is on a list of names: census first and last names,
    /// people of the training data and of the GMB.
    pub is_known_name: &'a dyn Fn(&str) -> bool,
    /// Returns true if and only if the news writes a word mostly in lower case: a common word,
    /// not a name ([`crate::ner::clusters::WordClusters::is_common_word`]).
    pub is_common_word: &'a dyn Fn(&str) -> bool,
    /// Returns true if and only if a word is on a list of first names: the census's or the world
    /// name lists'.
    pub is_first_name: &'a dyn Fn(&str) -> bool,
    /// Returns true if and only if a word is on a list of surnames: the census's or the world name
    /// lists'.
    pub is_surname: &'a dyn Fn(&str) -> bool,
}

/// Groups tagged spans into entities (rules in the module doc). `running` lists the tokens of running
/// text in order, headline first, so that rule 6 can find mentions the tagger missed.
pub fn resolve(spans: &[Span], running: &[TextToken<'_>], lexicon: &Lexicon<'_>) -> Entities {
    let (mut people, placed) = people(spans, running, lexicon);
    people.sort_by_key(first_position);
    super::attest::attest(&mut people, running);
    // Rule 12: a name written right after "film", "band", "magazine" … is the work's title,
    // unless the article attests a person by it.
    people.retain(|p| p.attested || !named_as_a_work(p, running));
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

/// The article's people, and the mentions of names rule 10 found to be places.
fn people(
    spans: &[Span],
    running: &[TextToken<'_>],
    lexicon: &Lexicon<'_>,
) -> (Vec<Entity>, HashSet<(bool, usize, usize)>) {
    let is_known_name = lexicon.is_known_name;
    // Names in the order of their mentions, cleaned.
    let mut mentions: Vec<(Vec<String>, Mention, bool)> = spans
        .iter()
        .filter(|s| s.kind == EntityKind::Person)
        .map(|s| {
            let words = unglue(without_offices(person_name(&s.words)));
            let words = past_place_start(words, is_known_name);
            let words = past_common_words(words, lexicon);
            let words = before_name_repeats(words, is_known_name);
            (words, s.mention, s.in_heading)
        })
        .filter(|(w, _, _)| !w.is_empty())
        .collect();
    cut_shouted_tails(&mut mentions, running, lexicon.is_common_word);
    mentions.sort_by_key(|(_, m, _)| (!m.in_headline, m.start));
    // Rule 4: a heading's form that is a name of the text with words run into it is that name.
    cut_heading_glue(&mut mentions, running, lexicon.is_common_word);

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
            // Rule 9: a one-letter variant of a name already met, or the name with a nickname or
            // another spelling of its first name, is that name.
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
            && !reads_as_a_phrase(full, lexicon)
            && !ends_in_a_noun(full, lexicon)
            && full.iter().any(|w| is_name_word(w))
            && !companies.contains(&lowercase(full).join(" "))
    });
    // Rule 5: a one-word name that the tagger calls a place or an organisation at least as often
    // as a person ("Washington" of "between Washington and Moscow") is not a person; nor is one the
    // article also writes in lower case ("See" of a "See also" line), or that no name list knows
    // ("Chrysler") and no honorific precedes ("Mr. Pawlenty" is a person), or that is a common
    // word ("Ms. Magazine", "Mr. Monopoly").
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
            let never = NEVER_ONE_WORD_NAMES.contains(&word.as_str())
                || is_month(&word)
                || is_sentence_word(&word);
            !never
                && other < e.mentions.len()
                && written_lowercase.get(&full[0].to_lowercase()) != Some(&true)
                && !(shouted(full) && (lexicon.is_common_word)(&full[0]))
                && (is_known_name(&full[0])
                    || !(lexicon.is_common_word)(&full[0])
                        && e.mentions
                            .iter()
                            .any(|m| super::attest::is_titled(m, &full[0], running)))
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

/// Returns true if and only if every letter of `words` is a capital ("CHRYSLER", "U.S.").
fn shouted(words: &[String]) -> bool {
    words.iter().all(|w| w.chars().all(|c| !c.is_lowercase()))
}

/// Returns true if and only if `word` is on `list` (lowercase words), ignoring ASCII case.
fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

/// The words lowercased character by character, as [`eq_ignoring_case`] compares them: two names
/// are [`same`] if and only if these are equal.
fn lowercase(words: &[String]) -> Vec<String> {
    words.iter().map(|w| lower(w)).collect()
}

/// `word` lowercased character by character, a typographic apostrophe as a plain one: one page
/// writes "Beto O'Rourke" and "Mr. O’Rourke".
fn lower(word: &str) -> String {
    folded(word).collect()
}

/// The characters of `word` as names are compared: lowercased, the typographic apostrophe (U+2019)
/// as a plain one.
fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
}

/// Returns true if and only if `a` and `b` are the same words, ignoring case.
fn same(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| eq_ignoring_case(x, y))
}

/// Returns true if and only if `a` and `b` are equal once lowercased, character by character, a
/// typographic apostrophe taken for a plain one ([`lower`]).
fn eq_ignoring_case(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || (!(a.is_ascii() && b.is_ascii()) && folded(a).eq(folded(b)))
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
    use crate::ner::Recognizer;
    use crate::ner::testing::*;

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

    /// Rule 5: a one-word name no list of names knows is a person where an honorific stands
    /// before it, unless the news writes it mostly in lower case. Wikinews, "Australian Medical
    /// Association backs ethanol blended fuels" (CC BY 2.5); a New York Times story of AllSides
    /// (research data, skipped where absent) that calls three politicians "Mr. Romney", "Mr.
    /// Pawlenty" and "Mr. Portman" and nothing else.
    #[test]
    fn an_honorific_makes_a_name_no_list_knows_a_person() {
        let quote = "“The A.M.A. is a strong advocate on initiatives related to environmental \
                     impacts on human health such as global warming ,” wrote";
        let p = people(&format!("{quote} Dr Haikerwal, President of the A.M.A. ."));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Haikerwal");
        // Speech alone says nothing of a name no list knows: companies speak too.
        assert!(people(&format!("{quote} Haikerwal.")).is_empty());
        if let Some(e) = allsides_article("Gexddz8qq1IFeky1") {
            let names = names(&e);
            for name in ["Romney", "Pawlenty", "Portman"] {
                assert!(names.contains(&name), "{names:?}");
            }
        }
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
    fn a_headline_in_capitals_gives_way_to_the_texts_spelling() {
        let e = Recognizer::bundled().unwrap().entities(
            Some("REAGAN VETOES HIGHWAY BILL"),
            "President Reagan vetoed the highway bill on Friday. Reagan said it cost too much.",
        );
        assert_eq!(names(&e), vec!["Reagan"]);
        assert!(e.people[0].aliases.is_empty(), "{:?}", e.people[0].aliases);
        assert_eq!(e.people[0].mentions.len(), 3);
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
    fn a_shared_surname_goes_to_the_nearest_full_name() {
        let p =
            people("George W. Bush met Laura Bush's staff. Laura Bush later said Bush was tired.");
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, vec!["George W. Bush", "Laura Bush"]);
    }
}
