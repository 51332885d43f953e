//! Person names as users type them: the key a name is compared by, and the index from typed names and
//! surnames to the canonical names the index holds.
//!
//! A name's key is its words, transliterated to ASCII, lowercased and joined by one space, so
//! "Sergéy  LAVROV" and "sergey lavrov" are the same person. A person's surname is the last word of
//! the key, skipping generational suffixes ("Martin Luther King Jr." → "king").

use std::collections::HashMap;

/// Words that follow a surname without being one.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Returns the words of `text` as compared for names: ASCII-transliterated, lowercased, split at
/// every character that is not a letter or digit.
pub fn name_words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Returns the key of a name: its [`name_words`] joined by single spaces.
pub fn name_key(name: &str) -> String {
    name_words(name).join(" ")
}

/// Returns the surname of a name given as its words, or None for a name without words.
fn surname(words: &[String]) -> Option<&str> {
    let mut rest = words;
    while let [init @ .., last] = rest {
        if !SUFFIXES.contains(&last.as_str()) || init.is_empty() {
            return Some(last);
        }
        rest = init;
    }
    None
}

/// What a typed person name stands for in the index.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The canonical names (variants with the same key, e.g. differing only in accents) of one person.
    Person(Vec<u32>),
    /// A surname several people in the index share; their names' ids, one per person (one variant).
    Ambiguous(Vec<Vec<u32>>),
    /// Nobody by that name; ids of people one of whose words the typed name contains.
    Unknown(Vec<u32>),
}

/// Looks up canonical person names by typed name or surname. Names are given once, as a list
/// whose positions are their ids.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Name key → ids of the canonical names with that key.
    by_key: HashMap<String, Vec<u32>>,
    /// Surname → keys of the people with that surname, sorted.
    by_surname: HashMap<String, Vec<String>>,
    /// Any word of a name → keys of the names containing it, sorted (for suggestions).
    by_word: HashMap<String, Vec<String>>,
    /// The longest key, in words.
    max_words: usize,
}

impl NameIndex {
    /// Indexes `names`, whose ids are their positions.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameIndex {
        let mut index = NameIndex::default();
        for (id, name) in names.into_iter().enumerate() {
            let words = name_words(name);
            let Some(last) = surname(&words) else {
                continue;
            };
            let key = words.join(" ");
            index.max_words = index.max_words.max(words.len());
            index
                .by_surname
                .entry(last.to_string())
                .or_default()
                .push(key.clone());
            for w in &words {
                index
                    .by_word
                    .entry(w.clone())
                    .or_default()
                    .push(key.clone());
            }
            index.by_key.entry(key).or_default().push(id as u32);
        }
        for keys in index
            .by_surname
            .values_mut()
            .chain(index.by_word.values_mut())
        {
            keys.sort();
            keys.dedup();
        }
        index
    }

    /// The most words a canonical name has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Returns the ids of the person whose full name is `words`: every canonical name with that
    /// key, and the bare surname (a canonical name of one word, as when an article only ever says
    /// "Lavrov") when no other person in the index has that surname. None if nobody has that name.
    pub fn full(&self, words: &[String]) -> Option<Vec<u32>> {
        let key = words.join(" ");
        let mut ids = self.by_key.get(&key)?.clone();
        if let Some(last) = surname(words).filter(|_| words.len() > 1)
            && let [_] = self.full_names_with_surname(last)[..]
            && let Some(bare) = self.by_key.get(last)
        {
            ids.extend(bare);
        }
        Some(ids)
    }

    /// Returns the ids of every canonical name whose surname is `word` (all people sharing it).
    pub fn by_surname(&self, word: &str) -> Vec<u32> {
        self.by_surname
            .get(word)
            .into_iter()
            .flatten()
            .flat_map(|key| self.by_key[key].iter().copied())
            .collect()
    }

    /// Keys of the names of more than one word whose surname is `word`.
    fn full_names_with_surname(&self, word: &str) -> Vec<&String> {
        self.by_surname
            .get(word)
            .into_iter()
            .flatten()
            .filter(|k| k.contains(' '))
            .collect()
    }

    /// Resolves a name as typed for a filter: a full name (case- and accent-insensitive), or a
    /// single word that is the surname of one person only (or a one-word name nobody else has as
    /// a surname).
    pub fn resolve(&self, typed: &str) -> Resolution {
        let words = name_words(typed);
        if let [word] = words.as_slice()
            && self.by_surname.contains_key(word)
        {
            let full = self.full_names_with_surname(word);
            return match full[..] {
                [] => Resolution::Person(self.by_key[word].clone()),
                [one] => Resolution::Person(self.full(&name_words(one)).unwrap_or_default()),
                _ => Resolution::Ambiguous(full.iter().map(|k| self.by_key[*k].clone()).collect()),
            };
        }
        if let Some(ids) = self.full(&words) {
            return Resolution::Person(ids);
        }
        let mut near: Vec<u32> = words
            .iter()
            .filter_map(|w| self.by_word.get(w))
            .flatten()
            .map(|key| self.by_key[key][0])
            .collect();
        near.sort_unstable();
        near.dedup();
        Resolution::Unknown(near)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &[
        "George Bush",
        "Jeb Bush",
        "Lavrov",
        "Martin Luther King Jr.",
        "Sergey Lavrov",
        "Sergey Ryabkov",
        "Sergéy Lavrov",
        "Wang Yi",
    ];

    fn index() -> NameIndex {
        NameIndex::new(NAMES.iter().copied())
    }

    fn names(ids: &[u32]) -> Vec<&'static str> {
        ids.iter().map(|&i| NAMES[i as usize]).collect()
    }

    #[test]
    fn keys_ignore_case_accents_and_punctuation() {
        assert_eq!(name_key("Sergéy  LAVROV"), "sergey lavrov");
        assert_eq!(name_key("Jean-Claude Trichet"), "jean claude trichet");
        assert_eq!(name_key("Сергей Лавров"), "sergei lavrov");
    }

    #[test]
    fn full_names_resolve_to_every_spelling_of_the_person() {
        match index().resolve("sergey RYABKOV") {
            Resolution::Person(ids) => assert_eq!(names(&ids), ["Sergey Ryabkov"]),
            other => panic!("{other:?}"),
        }
        match index().resolve("Sergéy Lavrov") {
            Resolution::Person(ids) => {
                assert_eq!(names(&ids)[..2], ["Sergey Lavrov", "Sergéy Lavrov"])
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_unique_surname_resolves_and_a_shared_one_is_ambiguous() {
        let index = index();
        match index.resolve("Ryabkov") {
            Resolution::Person(ids) => assert_eq!(names(&ids), ["Sergey Ryabkov"]),
            other => panic!("{other:?}"),
        }
        match index.resolve("king") {
            Resolution::Person(ids) => assert_eq!(names(&ids), ["Martin Luther King Jr."]),
            other => panic!("{other:?}"),
        }
        match index.resolve("Bush") {
            Resolution::Ambiguous(people) => {
                let firsts: Vec<_> = people.iter().map(|p| NAMES[p[0] as usize]).collect();
                assert_eq!(firsts, ["George Bush", "Jeb Bush"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bare_surname_is_the_person_who_alone_has_it() {
        let index = index();
        for typed in ["Lavrov", "Sergey Lavrov"] {
            match index.resolve(typed) {
                Resolution::Person(ids) => {
                    assert_eq!(
                        names(&ids),
                        ["Sergey Lavrov", "Sergéy Lavrov", "Lavrov"],
                        "{typed}"
                    )
                }
                other => panic!("{typed}: {other:?}"),
            }
        }
        let mut bush = NAMES.to_vec();
        bush.push("Bush");
        let index = NameIndex::new(bush.iter().copied());
        assert!(matches!(index.resolve("Bush"), Resolution::Ambiguous(p) if p.len() == 2));
        assert_eq!(index.full(&name_words("Jeb Bush")), Some(vec![1]));
    }

    #[test]
    fn unknown_names_suggest_people_sharing_a_word() {
        match index().resolve("Sergey") {
            Resolution::Unknown(ids) => {
                assert_eq!(names(&ids), ["Sergey Lavrov", "Sergey Ryabkov"])
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(index().resolve("Nobody"), Resolution::Unknown(vec![]));
        // A first name is not a surname.
        assert!(index().by_surname("sergey").is_empty());
        assert_eq!(
            names(&index().by_surname("bush")),
            ["George Bush", "Jeb Bush"]
        );
        assert_eq!(
            names(&index().by_surname("lavrov")),
            ["Lavrov", "Sergey Lavrov", "Sergéy Lavrov"]
        );
    }
}
