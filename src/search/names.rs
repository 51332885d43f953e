//! Person names as users type them: the key a name is compared by, which canonical names in the
//! index are one person, and the lookup from typed names and surnames to those people.
//!
//! A name's key is its words, transliterated to ASCII, lowercased and joined by one space, so
//! "Sergéy  LAVROV" and "sergey lavrov" are the same person. A person's surname is the last word of
//! the key, skipping generational suffixes ("Martin Luther King Jr." → "king").
//!
//! Articles name people in several ways, and each way may become a canonical name of its own in the
//! index: "Vladimir Putin", "Vladimir V. Putin", "V. Putin", or only "Putin". Names with the same
//! surname and a compatible first name (equal, or an initial that stands for exactly one first
//! name) are one person; a bare surname joins the person when only one person has that surname.
//! "George Bush" and "Jeb Bush" stay two people.

use std::cmp::Reverse;
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
    /// The ids of every canonical name of one person, the most frequent first.
    Person(Vec<u32>),
    /// A surname several people in the index share: each person's ids, the most frequent first.
    Ambiguous(Vec<Vec<u32>>),
    /// Nobody by that name; the most frequent id of each person sharing a word with the typed name.
    Unknown(Vec<u32>),
}

/// Looks up people by typed name or surname. Canonical names are given once, as a list whose
/// positions are their ids, with the number of articles naming each.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Person → ids of their canonical names, the most frequent first.
    people: Vec<Vec<u32>>,
    /// Name key → person.
    person_of_key: HashMap<String, usize>,
    /// Surname → the people of more than one word with that surname.
    full_by_surname: HashMap<String, Vec<usize>>,
    /// Surname → every person with that surname (a bare surname included).
    by_surname: HashMap<String, Vec<usize>>,
    /// The longest key, in words.
    max_words: usize,
}

/// One name key and the canonical names that have it.
struct Key {
    key: String,
    surname: String,
    first: String,
    words: usize,
    ids: Vec<u32>,
}

impl NameIndex {
    /// Indexes `names` (ids are positions), `articles[id]` being how many articles name each.
    pub fn new(names: &[String], articles: &[u32]) -> NameIndex {
        // Every name's key, merged by key, ordered by surname.
        let mut parsed: Vec<(String, String, String, usize, u32)> = names
            .iter()
            .enumerate()
            .filter_map(|(id, name)| {
                let words = name_words(name);
                let last = surname(&words)?.to_string();
                Some((
                    words.join(" "),
                    last,
                    words[0].clone(),
                    words.len(),
                    id as u32,
                ))
            })
            .collect();
        parsed.sort_unstable_by(|a, b| (&a.1, &a.0, a.4).cmp(&(&b.1, &b.0, b.4)));
        let mut keys: Vec<Key> = Vec::new();
        for (key, surname, first, words, id) in parsed {
            match keys.last_mut() {
                Some(k) if k.key == key => k.ids.push(id),
                _ => keys.push(Key {
                    key,
                    surname,
                    first,
                    words,
                    ids: vec![id],
                }),
            }
        }
        let mut index = NameIndex::default();
        let mut start = 0;
        while start < keys.len() {
            let end = start + keys[start..].partition_point(|k| k.surname == keys[start].surname);
            index.add_surname(&keys[start..end], articles);
            start = end;
        }
        index
    }

    /// Adds the people among `keys`, which all have the same surname.
    fn add_surname(&mut self, keys: &[Key], articles: &[u32]) {
        let (full, bare): (Vec<&Key>, Vec<&Key>) = keys.iter().partition(|k| k.words > 1);
        // Full first names, sorted, to find the one an initial stands for.
        let mut firsts: Vec<&str> = full
            .iter()
            .map(|k| k.first.as_str())
            .filter(|f| f.len() > 1)
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        let mut clusters: Vec<Vec<&Key>> = Vec::new();
        let mut cluster_of: HashMap<&str, usize> = HashMap::new();
        for key in full {
            let mut label = key.first.as_str();
            if label.len() == 1 {
                let from = firsts.partition_point(|f| *f < label);
                let with_initial = &firsts[from..];
                let n = with_initial
                    .iter()
                    .take_while(|f| f.starts_with(label))
                    .count();
                if n == 1 {
                    label = with_initial[0];
                }
            }
            let next = clusters.len();
            let c = *cluster_of.entry(label).or_insert(next);
            if c == next {
                clusters.push(Vec::new());
            }
            clusters[c].push(key);
        }
        let full_people = clusters.len();
        match (full_people, bare.first()) {
            (1, Some(b)) => clusters[0].push(b),
            (_, Some(b)) => clusters.push(vec![b]),
            _ => {}
        }
        for (c, cluster) in clusters.into_iter().enumerate() {
            let person = self.people.len();
            let mut ids: Vec<(u32, bool)> = cluster
                .iter()
                .flat_map(|k| k.ids.iter().map(|&id| (id, k.words > 1)))
                .collect();
            // The most frequent first; on a tie, a full name before a bare surname.
            ids.sort_by_key(|&(id, full)| (Reverse(articles.get(id as usize)), Reverse(full), id));
            self.people
                .push(ids.into_iter().map(|(id, _)| id).collect());
            for key in cluster {
                self.max_words = self.max_words.max(key.words);
                self.person_of_key.insert(key.key.clone(), person);
                let surname = &key.surname;
                let list = self.by_surname.entry(surname.clone()).or_default();
                if list.last() != Some(&person) {
                    list.push(person);
                }
                if c < full_people {
                    let list = self.full_by_surname.entry(surname.clone()).or_default();
                    if list.last() != Some(&person) {
                        list.push(person);
                    }
                }
            }
        }
    }

    /// The most words a canonical name has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Returns the ids of every canonical name of the person whose name is `words`, if anyone's is.
    pub fn full(&self, words: &[String]) -> Option<Vec<u32>> {
        let person = *self.person_of_key.get(&words.join(" "))?;
        Some(self.people[person].clone())
    }

    /// Returns the ids of every canonical name of every person whose surname is `word`.
    pub fn by_surname(&self, word: &str) -> Vec<u32> {
        self.by_surname
            .get(word)
            .into_iter()
            .flatten()
            .flat_map(|&p| self.people[p].iter().copied())
            .collect()
    }

    /// Resolves a name as typed for a filter: a single word is a surname (or a one-word name) that
    /// must belong to one person only; more words are a full name, compared case- and
    /// accent-insensitively.
    pub fn resolve(&self, typed: &str) -> Resolution {
        let words = name_words(typed);
        if let [word] = words.as_slice()
            && let Some(people) = self.full_by_surname.get(word)
        {
            return match people[..] {
                [person] => Resolution::Person(self.people[person].clone()),
                _ => {
                    Resolution::Ambiguous(people.iter().map(|&p| self.people[p].clone()).collect())
                }
            };
        }
        if let Some(ids) = self.full(&words) {
            return Resolution::Person(ids);
        }
        // Suggestions: everyone whose name shares a word with the typed one.
        let mut near: Vec<usize> = self
            .person_of_key
            .iter()
            .filter(|(key, _)| key.split(' ').any(|w| words.iter().any(|t| t == w)))
            .map(|(_, &p)| p)
            .collect();
        near.sort_unstable();
        near.dedup();
        Resolution::Unknown(near.into_iter().map(|p| self.people[p][0]).collect())
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
        "Vladimir Putin",
        "V. Putin",
        "Vladimir V. Putin",
    ];

    fn index() -> NameIndex {
        let names: Vec<String> = NAMES.iter().map(|s| s.to_string()).collect();
        // Article counts: Vladimir Putin is the most frequent spelling of his name.
        let mut articles = vec![1; names.len()];
        articles[8] = 127;
        NameIndex::new(&names, &articles)
    }

    fn names(ids: &[u32]) -> Vec<&'static str> {
        ids.iter().map(|&i| NAMES[i as usize]).collect()
    }

    fn person(typed: &str) -> Vec<&'static str> {
        match index().resolve(typed) {
            Resolution::Person(ids) => names(&ids),
            other => panic!("{typed}: {other:?}"),
        }
    }

    #[test]
    fn keys_ignore_case_accents_and_punctuation() {
        assert_eq!(name_key("Sergéy  LAVROV"), "sergey lavrov");
        assert_eq!(name_key("Jean-Claude Trichet"), "jean claude trichet");
        assert_eq!(name_key("Сергей Лавров"), "sergei lavrov");
    }

    #[test]
    fn full_names_resolve_to_every_spelling_of_the_person() {
        assert_eq!(person("sergey RYABKOV"), ["Sergey Ryabkov"]);
        assert_eq!(
            person("Sergéy Lavrov"),
            ["Sergey Lavrov", "Sergéy Lavrov", "Lavrov"]
        );
        assert_eq!(person("wang yi"), ["Wang Yi"]);
    }

    #[test]
    fn initials_and_middle_names_are_the_same_person() {
        let putin = ["Vladimir Putin", "V. Putin", "Vladimir V. Putin"];
        assert_eq!(person("Putin"), putin);
        assert_eq!(person("V Putin"), putin);
        assert_eq!(person("vladimir putin"), putin);
    }

    #[test]
    fn a_unique_surname_resolves_and_a_shared_one_is_ambiguous() {
        assert_eq!(person("Ryabkov"), ["Sergey Ryabkov"]);
        assert_eq!(person("king"), ["Martin Luther King Jr."]);
        assert_eq!(
            person("Lavrov"),
            ["Sergey Lavrov", "Sergéy Lavrov", "Lavrov"]
        );
        match index().resolve("Bush") {
            Resolution::Ambiguous(people) => {
                let firsts: Vec<_> = people.iter().map(|p| NAMES[p[0] as usize]).collect();
                assert_eq!(firsts, ["George Bush", "Jeb Bush"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(person("Jeb Bush"), ["Jeb Bush"]);
    }

    #[test]
    fn a_bare_surname_stays_apart_when_several_people_have_it() {
        let mut names: Vec<String> = NAMES.iter().map(|s| s.to_string()).collect();
        names.push("Bush".to_string());
        let index = NameIndex::new(&names, &[]);
        assert!(matches!(index.resolve("Bush"), Resolution::Ambiguous(p) if p.len() == 2));
        assert_eq!(index.full(&name_words("Jeb Bush")), Some(vec![1]));
        assert_eq!(index.by_surname("bush").len(), 3);
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
    }
}
