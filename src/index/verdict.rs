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
//! The evidence is gathered by the system itself, from the index, for every name. A name that is
//! its own evidence of a person — a known first name in front of a surname, or a surname of
//! someone the archive names in full — stays a person whatever the tally: the tagger often takes
//! "Chad Wolf" for a place after the country, and "Bush" for an organisation in "the Bush
//! administration". The tally is read again whenever the search tables are built (every commit),
//! so incremental runs keep it current, and when a verdict changes the people lists, counts and
//! facets follow: a name judged no person belongs to nobody in the name index
//! ([`crate::index::names::NameIndex`]), so it is in no people list, count, facet, hit, expansion
//! or `--person` filter.
//!
//! What the tally cannot see: names the tagger calls a person in every article and that no article
//! writes with a legal form ("Fannie Mae", "Trump Tower", "Denver" in this archive); those need
//! evidence from the text around each mention, which the index does not keep yet.

use std::sync::OnceLock;

use crate::ner::Recognizer;
pub use crate::ner::company::company_names;

/// What the archive says of one name: the articles tagging it a person, those tagging the very
/// same name an organisation or a place, and those naming it with a company's legal form after it
/// ("McDonnell Douglas Corp", "Drexel Burnham Lambert Inc": see [`company_names`], which this module
/// re-exports from the recogniser's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub as_person: u32,
    pub as_other: u32,
    pub as_company: u32,
}

/// Returns true if and only if the archive takes `name`, tallied as `tally`, for a person: unless
/// the name is its own evidence of a person (`own_evidence`, asked only then; see
/// [`names_a_person`]), a name is no person when the articles taking it for something else are
/// more than twice those tagging it a person (the tagger errs both ways, so a name needs a clear
/// majority against it to lose), or when it has more than one word and the archive writes it with
/// a company's legal form at all (a legal form is no part of anyone's name).
pub fn is_person(name: &str, tally: Tally, own_evidence: impl FnOnce() -> bool) -> bool {
    let outvoted = tally.as_other.saturating_add(tally.as_company) > 2 * tally.as_person;
    let a_company = tally.as_company > 0 && name.trim().contains(' ');
    !(outvoted || a_company) || own_evidence()
}

/// The verdicts on the names of an archive: each name's [`Tally`] from the articles counted for
/// it, and its own evidence ([`names_a_person`]) made only when some name needs it — the
/// recogniser's name lists are not loaded, nor the surnames gathered, for an archive whose every
/// name the tally keeps.
pub struct Judge<'a> {
    names: &'a [String],
    as_person: &'a [u32],
    as_other: &'a [u32],
    as_company: &'a [u32],
    recognizer: OnceLock<Option<&'static Recognizer>>,
    surnames: OnceLock<Vec<&'a str>>,
}

impl<'a> Judge<'a> {
    /// Judges `names` (ids are positions), tagged a person in `as_person[id]` articles, an
    /// organisation or a place in `as_other[id]`, and written with a legal form in
    /// `as_company[id]` (a missing count is 0).
    pub fn new(
        names: &'a [String],
        as_person: &'a [u32],
        as_other: &'a [u32],
        as_company: &'a [u32],
    ) -> Judge<'a> {
        Judge {
            names,
            as_person,
            as_other,
            as_company,
            recognizer: OnceLock::new(),
            surnames: OnceLock::new(),
        }
    }

    /// Returns true if and only if the archive takes name `id` for a person ([`is_person`]).
    pub fn is_person(&self, id: u32) -> bool {
        let id = id as usize;
        let at = |list: &[u32]| list.get(id).copied().unwrap_or(0);
        let tally = Tally {
            as_person: at(self.as_person),
            as_other: at(self.as_other),
            as_company: at(self.as_company),
        };
        let name = &self.names[id];
        is_person(name, tally, || {
            let surnames = self.surnames.get_or_init(|| surnames(self.names));
            let is_surname = |w: &str| surnames.binary_search(&w).is_ok();
            self.recognizer
                .get_or_init(|| Recognizer::bundled().ok())
                .is_some_and(|r| names_a_person(name, r, is_surname))
        })
    }
}

/// Returns true if and only if `name` is its own evidence of naming a person, whatever the tags
/// say: two words or more, the first a known first name ("Chad Wolf", whom the tagger takes for a
/// place after the country), unlike "Wells Fargo", "Plaid Cymru" or "Denver"; or one word that is
/// the surname of someone the archive names in full (`is_surname`): "Bush", which the tagger takes
/// for an organisation or a place in "the Bush administration".
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

/// The last words of the names of more than one word among `names`, sorted, each once: the
/// surnames `names_a_person` asks about.
pub fn surnames(names: &[String]) -> Vec<&str> {
    let mut last: Vec<&str> = names
        .iter()
        .filter_map(|n| {
            let (_, last) = n.trim().rsplit_once(' ')?;
            Some(last)
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

    #[test]
    fn a_first_name_in_front_is_evidence_of_a_person() {
        let r = Recognizer::bundled().unwrap();
        let names: Vec<String> = ["George W. Bush", "Wells Fargo", "Denver"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let surnames = surnames(&names);
        let is_surname = |w: &str| surnames.binary_search(&w).is_ok();
        assert!(names_a_person("Chad Wolf", r, is_surname));
        assert!(names_a_person("Marco Rubio", r, is_surname));
        assert!(names_a_person("Bush", r, is_surname));
        assert!(!names_a_person("Wells Fargo", r, is_surname));
        assert!(!names_a_person("Plaid Cymru", r, is_surname));
        assert!(!names_a_person("Denver", r, is_surname));
        assert!(!names_a_person("Elvis", r, is_surname));
    }
}
