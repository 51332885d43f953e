//! What the whole archive says a name is. The recogniser decides one mention at a time, from the
//! words around it; across an archive the same name is used many times, and the tally is evidence
//! no single sentence has:
//!
//! - **tags**: "Al Jazeera", "Brookings Institution", "Cisco" and "Berkeley" are tagged a person in
//!   a few articles of `../shared/data` and an organisation or a place in three to five times as
//!   many;
//! - **legal forms**: "Drexel Burnham Lambert", "McDonnell Douglas", "Wells Fargo", "Smith Barney"
//!   are tagged a person in every article that writes them bare, but other articles write
//!   "Drexel Burnham Lambert Inc", "Wells Fargo and Co": a company's legal form (a closed class,
//!   [`crate::ner::company`]) is no part of anyone's name.
//!
//! - **attestation**: an article attests a name when it shows, beside a mention, what only a
//!   person's name has — a title, a word of speech, an age ([`crate::ner::attest`]). "Denver" (in
//!   lists of cities and in capitals in wire headlines), "Crooked Hillary", "Muslim Brotherhood",
//!   "Rolling Stone" are tagged a person in dozens of articles of `../shared/data` and attested in
//!   none; Marco Rubio is attested in most that name him.
//!
//! - **head words**: "Jefferson County", "Ellis Island", "Trump Organization" and "Clinton Global
//!   Initiative" are tagged a person in a few articles each, and never tagged otherwise; but the
//!   archive names organisations and places by names ending in "County", "Island",
//!   "Organization" and "Initiative" many times more often than people ([`Head`]). Such a name is
//!   no person's whatever its first word, unless an article attests it or its last word is a
//!   surname ("Anita Hill", though "Capitol Hill" is a place); a surname that ends such names
//!   overwhelmingly more often than people's ("Center", "Beach") saves only a name a known first
//!   name leads ("Brown Center" is no person, Wayne Bridge is).
//!
//! The evidence is gathered by the system itself, from the index, for every name. A name that is
//! its own evidence of a person — a known first name in front of a surname, or the surname of
//! someone the archive names in full and some article attests — stays a person whatever the
//! tally: the tagger often takes "Chad Wolf" for a place after the country, and "Bush" for an
//! organisation in "the Bush administration". But a first word the archive also writes in lower
//! case before the same name is no first name ("al Qaeda" of "Al Qaeda"), and a surname alone
//! that far more articles take for something else and few attest is that thing ("Hill" of "told
//! The Hill", "Fox" of "Fox News"), not the person it names where an article gives their full
//! name. The tally is read again whenever the search tables are built (every commit), so
//! incremental runs keep it current, and when a verdict changes the people lists, counts and
//! facets follow: a name judged no person belongs to nobody in the name index
//! ([`crate::index::names::NameIndex`]), so it is in no people list, count, facet, hit, expansion
//! or `--person` filter.
//!
//! What the tally cannot overrule: a name a known first name leads ("Jim Crow", "Al Jazeera" in
//! this archive), unless the archive also writes it with a legal form and rarely attests it
//! ("Harris Upham", "Chase Manhattan"); and what it cannot see: a name no article tags otherwise
//! or writes with a legal form ("Harry Potter").

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::ner::Recognizer;
pub use crate::ner::company::company_names;

/// What the archive says of one name: the articles tagging it a person, those of them attesting
/// it ([`crate::ner::attest`]), those tagging the very same name an organisation or a place, and
/// those naming it with a company's legal form after it ("McDonnell Douglas Corp", "Drexel Burnham
/// Lambert Inc": see [`company_names`], which this module re-exports from the recogniser's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub as_person: u32,
    pub attested: u32,
    pub as_other: u32,
    pub as_company: u32,
}

/// Returns true if and only if the archive takes `name`, tallied as `tally`, for a person. Unless
/// the name is its own evidence of a person (`own_evidence`, asked only then; see
/// [`names_a_person`]), a name is no person when
/// - the articles taking it for something else are more than twice those tagging it a person (the
///   tagger errs both ways, so a name needs a clear majority against it to lose);
/// - it has more than one word and the archive writes it with a company's legal form at all (a
///   legal form is no part of anyone's name); and then even its own evidence does not save it when
///   fewer than one in ten of the articles tagging it a person attest it: "Harris Upham" of "Smith
///   Barney, Harris Upham and Co", "Chase Manhattan", "Dillon Read" are firms whatever their first
///   word, while Ivan Boesky, whose firm was "Ivan F. Boesky and Co", is attested;
/// - some article takes it for something else and fewer than one in ten of those tagging it a
///   person attest it: the person tags are then the tagger's habit with that name (a city in a
///   list, a building after "Trump"), not what the articles show; and then even its own evidence
///   does not save a name of one word that is also outvoted: "Hill" of "told The Hill" and "on
///   the Hill", "Fox" of "Fox News", "McDonald" of "McDonald's" are surnames of people the
///   archive attests, but the bare word, which names a person only where the article writes no
///   full name, is the newspaper, the place, the channel, the chain. "Bush", which the tagger
///   takes for an organisation in "the Bush administration", is attested in most articles
///   naming him so.
pub fn is_person(name: &str, tally: Tally, own_evidence: impl FnOnce() -> bool) -> bool {
    let against = tally.as_other.saturating_add(tally.as_company);
    let outvoted = against > 2 * tally.as_person;
    let a_company = tally.as_company > 0 && name.trim().contains(' ');
    let unattested = against > 0 && u64::from(tally.attested) * 10 < u64::from(tally.as_person);
    // A company's name the articles rarely attest is no one's, whatever its first word; nor is
    // a word alone the articles take for something else far more often and rarely attest.
    let one_word = !name.trim().contains(' ');
    let habit = unattested && (a_company || (one_word && outvoted));
    !habit && (!(outvoted || a_company || unattested) || own_evidence())
}

/// What the archive says of the last word of names of several words ([`head_word`]): the articles
/// naming a person by a name that ends with it, and those naming an organisation or a place so
/// ("County" ends "Cook County" and "Orange County", a place's name in 232 articles of
/// `../shared/data`, a person's in 49, all of them the tagger's mistakes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub as_person: u32,
    pub as_other: u32,
}

/// The word a name of several words is told by here: its last, lowercased ("county" of "Jefferson
/// County"); None for a name of one word.
pub fn head_word(name: &str) -> Option<String> {
    let mut words = name.split_whitespace();
    let last = words.next_back()?;
    words.next()?;
    Some(last.to_lowercase())
}

/// The articles of each head word ([`head_word`]) among `names`, given with their articles: an
/// article naming two names with one head counts twice.
pub fn heads<'n>(names: impl IntoIterator<Item = (&'n str, u32)>) -> HashMap<String, u32> {
    let mut heads: HashMap<String, u32> = HashMap::new();
    for (name, articles) in names {
        if let Some(word) = head_word(name) {
            let n = heads.entry(word).or_default();
            *n = n.saturating_add(articles);
        }
    }
    heads
}

/// Returns true if and only if the archive takes a name of several words, tallied as `tally` and
/// its last word as `head`, for an organisation's or a place's whatever its first word: no article
/// attests it, its last word ends the names of organisations and places in five articles or more
/// and in more than three times as many as people's names, and that word is no known surname
/// (`known_surname`, asked only then). "Jefferson County", "Ellis Island", "Trump Organization",
/// "Clinton Global Initiative"; not "Anita Hill": "Hill" ends "Capitol Hill", but it is a surname.
/// A surname that ends organisations' and places' names more than fifteen times as often as
/// people's saves only a name whose first word is a known first name (`first_name`, asked only
/// then): "Brown Center", "Kennedy Center" and "Long Beach" are no people ("Center" is a surname
/// too, but ends 386 names of organisations and places in `../shared/data` against 22 of people),
/// while Wayne Bridge and Byron York are.
pub fn headed_like_no_person(
    tally: Tally,
    head: Head,
    known_surname: impl FnOnce() -> bool,
    first_name: impl FnOnce() -> bool,
) -> bool {
    let overwhelming = u64::from(head.as_other) > 15 * u64::from(head.as_person);
    tally.attested == 0
        && head.as_other >= 5
        && u64::from(head.as_other) > 3 * u64::from(head.as_person)
        && !(known_surname() && (!overwhelming || first_name()))
}

/// The verdicts on the names of an archive: each name's [`Tally`] from the articles counted for
/// it, and its own evidence ([`names_a_person`]) made only when some name needs it — the
/// recogniser's name lists are not loaded, nor the surnames gathered, for an archive whose every
/// name the tally keeps.
pub struct Judge<'a> {
    names: &'a [String],
    as_person: &'a [u32],
    attested: &'a [u32],
    as_other: &'a [u32],
    as_company: &'a [u32],
    other_heads: &'a HashMap<String, u32>,
    recognizer: OnceLock<Option<&'static Recognizer>>,
    surnames: OnceLock<Vec<&'a str>>,
    person_heads: OnceLock<HashMap<String, u32>>,
}

impl<'a> Judge<'a> {
    /// Judges `names` (ids are positions, sorted), tagged a person in `as_person[id]` articles
    /// and attested in `attested[id]` of them, tagged an organisation or a place in
    /// `as_other[id]`, and written with a legal form in `as_company[id]` (a missing count is 0);
    /// `other_heads` gives the articles naming an organisation or a place by each head word
    /// ([`heads`] of the archive's organisations and places).
    pub fn new(
        names: &'a [String],
        as_person: &'a [u32],
        attested: &'a [u32],
        as_other: &'a [u32],
        as_company: &'a [u32],
        other_heads: &'a HashMap<String, u32>,
    ) -> Judge<'a> {
        Judge {
            names,
            as_person,
            attested,
            as_other,
            as_company,
            other_heads,
            recognizer: OnceLock::new(),
            surnames: OnceLock::new(),
            person_heads: OnceLock::new(),
        }
    }

    /// The recogniser whose name lists the verdicts consult; None if it cannot be loaded.
    fn recognizer(&self) -> Option<&'static Recognizer> {
        *self.recognizer.get_or_init(|| Recognizer::bundled().ok())
    }

    /// Returns true if and only if the archive takes name `id` for a person ([`is_person`]).
    pub fn is_person(&self, id: u32) -> bool {
        let id = id as usize;
        let at = |list: &[u32]| list.get(id).copied().unwrap_or(0);
        let tally = Tally {
            as_person: at(self.as_person),
            attested: at(self.attested),
            as_other: at(self.as_other),
            as_company: at(self.as_company),
        };
        let name = &self.names[id];
        if let Some(word) = head_word(name) {
            let person_heads = self.person_heads.get_or_init(|| {
                heads(
                    self.names
                        .iter()
                        .zip(self.as_person)
                        .map(|(n, &a)| (n.as_str(), a)),
                )
            });
            let head = Head {
                as_person: person_heads.get(&word).copied().unwrap_or(0),
                as_other: self.other_heads.get(&word).copied().unwrap_or(0),
            };
            let known_surname = || self.recognizer().is_none_or(|r| r.is_surname(&word));
            let first = name.split_whitespace().next().unwrap_or_default();
            let first_name = || self.recognizer().is_none_or(|r| r.is_first_name(first));
            if headed_like_no_person(tally, head, known_surname, first_name) {
                return false;
            }
        }
        is_person(name, tally, || {
            let Some(recognizer) = self.recognizer() else {
                return false;
            };
            let surnames = self.surnames.get_or_init(|| {
                surnames(self.names, |id| {
                    self.attested.get(id).is_some_and(|&n| n > 0)
                })
            });
            let is_surname = |w: &str| surnames.binary_search(&w).is_ok();
            names_a_person(name, recognizer, is_surname) && !self.first_word_in_lower_case(name)
        })
    }

    /// Returns true if and only if the archive also names `name` with its first word in lower
    /// case ("al Qaeda" beside "Al Qaeda"): a first name is never written so.
    fn first_word_in_lower_case(&self, name: &str) -> bool {
        let mut chars = name.chars();
        let Some(first) = chars.next().filter(|c| c.is_uppercase()) else {
            return false;
        };
        let lowered: String = first.to_lowercase().chain(chars).collect();
        self.names.binary_search(&lowered).is_ok()
    }
}

/// Returns true if and only if `name` is its own evidence of naming a person, whatever the tags
/// say: two words or more, the first a known first name ("Chad Wolf", whom the tagger takes for a
/// place after the country), unlike "Wells Fargo", "Plaid Cymru" or "Denver"; or one word that is
/// the surname of someone the archive names in full and attests (`is_surname`, see [`surnames`]):
/// "Bush", which the tagger takes for an organisation or a place in "the Bush administration".
pub fn names_a_person(
    name: &str,
    recognizer: &Recognizer,
    is_surname: impl Fn(&str) -> bool,
) -> bool {
    let mut words = name.split_whitespace();
    let first = words.next();
    match words.next() {
        Some(_) => first.is_some_and(|w| recognizer.is_first_name(w)),
        None => first.is_some_and(is_surname),
    }
}

/// The last words of the names of more than one word among `names` (ids are positions) that
/// `attested(id)` says some article attests, sorted, each once: the surnames `names_a_person`
/// asks about. "In Denver", which the tagger ran into the word before it in two articles of
/// `../shared/data` and no article attests, gives no surname.
pub fn surnames(names: &[String], attested: impl Fn(usize) -> bool) -> Vec<&str> {
    let mut last: Vec<&str> = names
        .iter()
        .enumerate()
        .filter_map(|(id, n)| {
            let (_, last) = n.trim().rsplit_once(' ')?;
            attested(id).then_some(last)
        })
        .collect();
    last.sort_unstable();
    last.dedup();
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_majority_or_a_legal_form_decides() {
        let none = || false;
        let tally = |as_person, as_other, as_company| Tally {
            as_person,
            attested: as_person,
            as_other,
            as_company,
        };
        assert!(is_person("Marco Rubio", tally(10, 0, 0), none));
        assert!(is_person("Marco Rubio", tally(3, 6, 0), none));
        assert!(!is_person("Cisco", tally(3, 7, 0), none));
        assert!(!is_person("Berkeley", tally(1, 40, 0), none));
        assert!(is_person("Chad Wolf", tally(1, 13, 0), || true));
        // A legal form anywhere in the archive makes a name of several words a company's.
        assert!(!is_person("McDonnell Douglas", tally(8, 0, 35), none));
        assert!(!is_person("Smith Barney", tally(42, 4, 1), none));
        assert!(is_person("Smith", tally(42, 0, 1), none));
    }

    /// Articles tagging the name a person and attesting it, counted in the index of every corpus
    /// in `../shared/data`; the legal-form count stands for any.
    #[test]
    fn a_legal_form_outweighs_a_first_name_the_articles_rarely_attest() {
        let first_name = || true;
        let tally = |as_person, attested| Tally {
            as_person,
            attested,
            as_other: 0,
            as_company: 1,
        };
        assert!(!is_person("Harris Upham", tally(12, 0), first_name));
        assert!(!is_person("Chase Manhattan", tally(11, 0), first_name));
        assert!(is_person("Ivan Boesky", tally(15, 2), first_name));
        assert!(is_person("Mario Gabelli", tally(7, 6), first_name));
    }

    /// Counts of the index of every corpus in `../shared/data` (articles tagging the name a person,
    /// attesting it, tagging it otherwise).
    #[test]
    fn names_the_articles_never_attest_lose_to_any_other_tag() {
        let none = || false;
        let tally = |as_person, attested, as_other| Tally {
            as_person,
            attested,
            as_other,
            as_company: 0,
        };
        assert!(!is_person("Denver", tally(45, 0, 34), none));
        assert!(!is_person("Crooked Hillary", tally(8, 0, 1), none));
        assert!(!is_person("Muslim Brotherhood", tally(17, 0, 9), none));
        // Attested in one article of ten, or never tagged otherwise: the tags stand.
        assert!(is_person("Bashar al-Assad", tally(35, 21, 0), none));
        assert!(is_person("Osama bin Laden", tally(37, 2, 0), none));
        assert!(is_person("Kim Jong Un", tally(50, 29, 8), none));
        assert!(is_person("Wade", tally(10, 1, 1), none));
        // A surname does not save a word taken for something else in most articles and rarely
        // attested ("told The Hill", "Fox News"); it saves one the articles attest.
        let surname = || true;
        assert!(!is_person("Hill", tally(57, 3, 115), surname));
        assert!(!is_person("Fox", tally(18, 0, 64), surname));
        assert!(is_person("Bush", tally(42, 32, 60), surname));
        assert!(is_person("Brown", tally(77, 4, 4), surname));
        assert!(is_person("Warren", tally(57, 2, 2), surname));
        // A known first name in front still decides.
        assert!(is_person("Jim Crow", tally(21, 0, 1), || true));
    }

    #[test]
    fn a_first_word_written_in_lower_case_is_no_first_name() {
        let names: Vec<String> = ["Al Gore", "Al Qaeda", "al Qaeda"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (as_person, attested, as_other) = ([51, 39, 3], [5, 1, 0], [2, 4, 0]);
        let no_heads = HashMap::new();
        let judge = Judge::new(&names, &as_person, &attested, &as_other, &[], &no_heads);
        assert!(
            judge.is_person(0),
            "Al Gore: a first name, never written \"al Gore\""
        );
        assert!(!judge.is_person(1), "Al Qaeda: \"al Qaeda\" elsewhere");
    }

    #[test]
    fn a_first_name_in_front_is_evidence_of_a_person() {
        let r = Recognizer::bundled().unwrap();
        let names: Vec<String> = ["George W. Bush", "Wells Fargo", "Denver", "In Denver"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // Attested: George W. Bush; not "In Denver".
        let attested = [12, 0, 0, 0];
        let surnames = surnames(&names, |id| attested[id] > 0);
        let is_surname = |w: &str| surnames.binary_search(&w).is_ok();
        assert!(names_a_person("Chad Wolf", r, is_surname));
        assert!(names_a_person("Marco Rubio", r, is_surname));
        assert!(names_a_person("Bush", r, is_surname));
        assert!(!names_a_person("Wells Fargo", r, is_surname));
        assert!(!names_a_person("Plaid Cymru", r, is_surname));
        assert!(!names_a_person("Denver", r, is_surname));
        assert!(!names_a_person("Elvis", r, is_surname));
    }

    /// A name of several words whose last word the archive writes for organisations and places
    /// is no person unless an article attests it or the word is a surname. Counts of the index
    /// of every corpus in `../shared/data` ("county": 232 articles name a place or an
    /// organisation by it, 49 a person; "hill": 336 and 58, but a surname).
    #[test]
    fn a_name_ending_as_places_and_firms_end_is_no_person() {
        let r = Recognizer::bundled().unwrap();
        let unattested = Tally {
            as_person: 5,
            attested: 0,
            as_other: 0,
            as_company: 0,
        };
        let head = |as_person, as_other| Head {
            as_person,
            as_other,
        };
        let surname = |w: &'static str| move || r.is_surname(w);
        let first_name = |w: &'static str| move || r.is_first_name(w);
        let anyone = first_name("Jefferson");
        assert!(headed_like_no_person(
            unattested,
            head(49, 232),
            surname("county"),
            anyone
        ));
        assert!(headed_like_no_person(
            unattested,
            head(39, 132),
            surname("island"),
            anyone
        ));
        assert!(!headed_like_no_person(
            unattested,
            head(58, 336),
            surname("hill"),
            anyone
        ));
        // A surname that ends other names more than fifteen times as often saves a first name
        // only: "Brown Center" is no person, Wayne Bridge (47 and 2 in the archive) is.
        assert!(headed_like_no_person(
            unattested,
            head(22, 386),
            surname("center"),
            first_name("Brown")
        ));
        assert!(!headed_like_no_person(
            unattested,
            head(2, 47),
            surname("bridge"),
            first_name("Wayne")
        ));
        // Attested, or the word rarely ends other names: a person.
        let attested = Tally {
            attested: 1,
            ..unattested
        };
        assert!(!headed_like_no_person(
            attested,
            head(49, 232),
            surname("county"),
            anyone
        ));
        assert!(!headed_like_no_person(
            unattested,
            head(40, 100),
            surname("county"),
            anyone
        ));
        assert!(!headed_like_no_person(
            unattested,
            head(0, 4),
            surname("county"),
            anyone
        ));
        // Head words: a name of one word has none; an article's two names count twice.
        assert_eq!(head_word("Jefferson County").as_deref(), Some("county"));
        assert_eq!(head_word("Denver"), None);
        let heads = heads([("Cook County", 3), ("Orange County", 2), ("Denver", 9)]);
        assert_eq!(heads.get("county"), Some(&5));
        assert_eq!(heads.len(), 1);
        // The judge: "Jefferson County" (a known first name in front) loses; Anita Hill stays.
        let names: Vec<String> = ["Anita Hill", "Jefferson County"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let other_heads: HashMap<String, u32> =
            [("county".to_string(), 232), ("hill".to_string(), 336)].into();
        let judge = Judge::new(&names, &[4, 5], &[0, 0], &[0, 0], &[], &other_heads);
        assert!(judge.is_person(0));
        assert!(!judge.is_person(1));
    }
}
