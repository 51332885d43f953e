//! What the whole archive says a name is. The recogniser decides one mention at a time, from the
//! words around it; across an archive the same name is tagged many times, and the tally is
//! evidence no single sentence has: "Al Jazeera", "Brookings Institution", "Cisco" and "Berkeley"
//! are tagged a person in a few articles of `../shared/data` and an organisation or a place in
//! three to five times as many.
//!
//! The evidence is gathered by the system itself, from the index, for every name: the articles
//! tagging it a person, and the articles tagging the very same name an organisation or a place.
//! A name that is its own evidence of a person — a known first name in front of a surname — stays
//! a person whatever the tally: the tagger often takes "Chad Wolf" for a place after the country.
//! The tally is read again whenever the search tables are built (every commit), so incremental
//! runs keep it current, and when a verdict changes the people lists, counts and facets follow: a
//! name judged no person belongs to nobody in the name index ([`crate::index::names::NameIndex`]),
//! so it is in no people list, count, facet, hit, expansion or `--person` filter.
//!
//! What the tally cannot see: names the tagger calls a person in every article ("Wells Fargo",
//! "Fannie Mae", "Trump Tower" in this archive); those need evidence from the text around each
//! mention, which the index does not keep yet.

use crate::ner::Recognizer;

/// Returns true if and only if the archive takes a name for a person: it is tagged a person in
/// `as_person` articles and an organisation or a place in `as_other` articles, and either the
/// other articles are at most twice as many (the tagger errs both ways, so a name needs a clear
/// majority against it to lose), or the name is its own evidence of a person (`own_evidence`, asked only then; see [`names_a_person`]).
pub fn is_person(as_person: u32, as_other: u32, own_evidence: impl FnOnce() -> bool) -> bool {
    as_other <= 2 * as_person || own_evidence()
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
    fn a_clear_majority_of_the_archive_decides() {
        let none = || false;
        assert!(is_person(10, 0, none));
        assert!(is_person(3, 6, none));
        assert!(!is_person(3, 7, none));
        assert!(!is_person(1, 40, none));
        assert!(is_person(1, 13, || true));
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
