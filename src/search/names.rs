//! Person names as users type them: the key a name is compared by, which canonical names in the
//! index are one person, and the lookup from typed names and surnames to those people.
//!
//! A name's key is its words, transliterated to ASCII, lowercased and joined by one space, so
//! "Sergéy  LAVROV" and "sergey lavrov" are the same person. A person's surname is the last word of
//! the key, skipping generational suffixes ("Martin Luther King Jr." → "king").
//!
//! Articles name people in several ways, and each way may become a canonical name of its own in the
//! index: "Vladimir Putin", "Vladimir V. Putin", "V. Putin", or only "Putin". Names with the same
//! surname and a compatible first name (equal up to common spelling variants, "Sergei"/"Sergey",
//! "Hilary"/"Hillary"; or an initial that stands for exactly one first name) are one person; a bare
//! surname joins the person when only one person has that surname, or when one person is named in
//! 85% of the articles naming anyone with it ("Trump" joins "Donald Trump" despite "Melania
//! Trump"). "George Bush" and "Jeb Bush" stay two people.

use std::cmp::Reverse;
use std::collections::HashMap;

/// Share of the articles naming anyone with a surname above which the surname alone stands for the
/// person named in them.
pub const DOMINANT_SHARE: f64 = 0.85;

/// Returns true if and only if `part` of `total` articles is at least [`DOMINANT_SHARE`] of them
/// (and not none).
fn dominant(part: u64, total: u64) -> bool {
    part > 0 && part as f64 >= DOMINANT_SHARE * total as f64
}

/// The person of a canonical name without words (nobody).
pub const NO_PERSON: u32 = u32::MAX;

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

/// Words a recogniser sometimes takes into a name from the start of a sentence or a phrase ("So
/// Obama said", "Will Hillary Clinton run", "Team Trump"): not part of anyone's name.
const NOT_NAMES: &[&str] = &[
    "a", "after", "all", "also", "an", "and", "as", "at", "before", "both", "but", "by", "can",
    "could", "did", "do", "does", "even", "every", "for", "from", "had", "has", "have", "here",
    "how", "if", "in", "is", "just", "like", "many", "may", "might", "most", "must", "no", "not",
    "now", "of", "on", "only", "or", "said", "says", "should", "since", "so", "some", "team",
    "that", "the", "then", "there", "these", "this", "those", "to", "was", "what", "when", "where",
    "which", "while", "who", "why", "will", "with", "would", "yes",
];

/// Returns the words of a canonical name from the index: its [`name_words`] without the leading
/// words that are no part of a name ([`NOT_NAMES`]), keeping at least one.
fn canonical_words(name: &str) -> Vec<String> {
    let words = name_words(name);
    let skip = words
        .iter()
        .take(words.len().saturating_sub(1))
        .take_while(|w| NOT_NAMES.contains(&w.as_str()))
        .count();
    words[skip..].to_vec()
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
    /// The ids of every canonical name of one person: full names before a bare surname, the most
    /// frequent first (the first is the name to show).
    Person(Vec<u32>),
    /// A surname several people in the index share: each person's ids, ordered as above.
    Ambiguous(Vec<Vec<u32>>),
    /// Nobody by that name; each person sharing a word with the typed name: their ids, ordered as
    /// above.
    Unknown(Vec<Vec<u32>>),
}

/// Looks up people by typed name or surname. Canonical names are given once, as a list whose
/// positions are their ids, with the number of articles naming each.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Person → ids of their canonical names: full names before a bare surname, the most frequent
    /// first.
    people: Vec<Vec<u32>>,
    /// Canonical name id → person (`NO_PERSON` for a name without words).
    person_of: Vec<u32>,
    /// Person → position in the alphabetical order of people's display names.
    rank: Vec<u32>,
    /// Person → number of articles naming them (summed over their spellings).
    articles: Vec<u32>,
    /// Name key → person.
    person_of_key: HashMap<String, usize>,
    /// Surname → the people of more than one word with that surname.
    full_by_surname: HashMap<String, Vec<usize>>,
    /// Surname → every person with that surname (a bare surname included).
    by_surname: HashMap<String, Vec<usize>>,
    /// Surname → the first-name form of each full name with it, and its person.
    firsts_by_surname: HashMap<String, Vec<(String, usize)>>,
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
                let words = canonical_words(name);
                let last = surname(&words)?.to_string();
                Some((
                    words.join(" "),
                    last,
                    first_name_form(&words[0]),
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
        let mut index = NameIndex {
            person_of: vec![NO_PERSON; names.len()],
            ..NameIndex::default()
        };
        let mut start = 0;
        while start < keys.len() {
            let end = start + keys[start..].partition_point(|k| k.surname == keys[start].surname);
            index.add_surname(&keys[start..end], articles);
            start = end;
        }
        let mut order: Vec<u32> = (0..index.people.len() as u32).collect();
        order.sort_by(|&a, &b| {
            names[index.people[a as usize][0] as usize]
                .cmp(&names[index.people[b as usize][0] as usize])
        });
        index.rank = vec![0; order.len()];
        for (rank, person) in order.into_iter().enumerate() {
            index.rank[person as usize] = rank as u32;
        }
        index
    }

    /// Position of `person` in the alphabetical order of people's display names (their most
    /// frequent canonical name).
    pub fn rank(&self, person: u32) -> u32 {
        self.rank[person as usize]
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
        // The first-name form of each full name, with its cluster.
        let mut labels: Vec<(String, usize)> = Vec::new();
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
            labels.push((label.to_string(), c));
        }
        let full_people = clusters.len();
        if let Some(b) = bare.first() {
            // The bare surname is the person who alone has it, or who dominates it.
            let weight = |cluster: &Vec<&Key>| -> u64 {
                let ids = cluster.iter().flat_map(|k| &k.ids);
                ids.map(|&id| u64::from(articles.get(id as usize).copied().unwrap_or(0)))
                    .sum()
            };
            let weights: Vec<u64> = clusters.iter().map(weight).collect();
            let total: u64 = weights.iter().sum();
            let top = (0..clusters.len()).max_by_key(|&c| (weights[c], Reverse(c)));
            match top {
                Some(c) if clusters.len() == 1 || dominant(weights[c], total) => {
                    clusters[c].push(b)
                }
                _ => clusters.push(vec![b]),
            }
        }
        let first_person = self.people.len();
        if let Some(key) = keys.first() {
            let firsts = self
                .firsts_by_surname
                .entry(key.surname.clone())
                .or_default();
            firsts.extend(labels.into_iter().map(|(l, c)| (l, first_person + c)));
        }
        for (c, cluster) in clusters.into_iter().enumerate() {
            let person = self.people.len();
            let mut ids: Vec<(u32, bool)> = cluster
                .iter()
                .flat_map(|k| k.ids.iter().map(|&id| (id, k.words > 1)))
                .collect();
            // Full names before a bare surname (the first names the person in lists), the most
            // frequent first.
            ids.sort_by_key(|&(id, full)| (Reverse(full), Reverse(articles.get(id as usize)), id));
            for &(id, _) in &ids {
                self.person_of[id as usize] = person as u32;
            }
            self.articles.push(
                ids.iter()
                    .map(|&(id, _)| articles.get(id as usize).copied().unwrap_or(0))
                    .sum(),
            );
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

    /// Number of people.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// The person canonical name `id` belongs to, or [`NO_PERSON`].
    pub fn person_of(&self, id: u32) -> u32 {
        self.person_of
            .get(id as usize)
            .copied()
            .unwrap_or(NO_PERSON)
    }

    /// The ids of person `person`'s canonical names, the name to show first.
    pub fn names_of(&self, person: u32) -> &[u32] {
        &self.people[person as usize]
    }

    /// The most words a canonical name has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Returns the ids of every canonical name of the person whose name is `words` (two words or
    /// more), if anyone's is; when no name in the index is spelled so, of the one person with that
    /// surname and a first name that is the same up to spelling variants ("Sergei" for "Sergey",
    /// "Сергей Лавров", "Vladimir V. Putin" for "Vladimir Putin") or an initial that stands for
    /// one first name.
    pub fn full(&self, words: &[String]) -> Option<Vec<u32>> {
        if let Some(&person) = self.person_of_key.get(&words.join(" ")) {
            return Some(self.people[person].clone());
        }
        let [first, .., _] = words else {
            return None;
        };
        let firsts = self.firsts_by_surname.get(surname(words)?)?;
        let form = first_name_form(first);
        let mut people: Vec<usize> = firsts
            .iter()
            .filter(|(label, _)| {
                if form.len() == 1 {
                    label.starts_with(&form)
                } else {
                    *label == form
                }
            })
            .map(|&(_, p)| p)
            .collect();
        people.sort_unstable();
        people.dedup();
        match people.as_slice() {
            [person] => Some(self.people[*person].clone()),
            _ => None,
        }
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
    /// must stand for one person: the only one with it, or the one named in at least
    /// [`DOMINANT_SHARE`] of the articles naming anyone with it (so that "Trump" is not ambiguous
    /// because an article once said "Team Trump"). More words are a full name, compared case- and
    /// accent-insensitively.
    pub fn resolve(&self, typed: &str) -> Resolution {
        let words = name_words(typed);
        if let [word] = words.as_slice()
            && let Some(people) = self.full_by_surname.get(word)
        {
            let mut people = people.clone();
            people.sort_by_key(|&p| (Reverse(self.articles[p]), p));
            let total: u64 = people.iter().map(|&p| u64::from(self.articles[p])).sum();
            let top = u64::from(self.articles[people[0]]);
            return if people.len() == 1 || (top > 0 && top as f64 >= DOMINANT_SHARE * total as f64)
            {
                Resolution::Person(self.people[people[0]].clone())
            } else {
                Resolution::Ambiguous(people.iter().map(|&p| self.people[p].clone()).collect())
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
        Resolution::Unknown(near.into_iter().map(|p| self.people[p].clone()).collect())
    }
}

/// The form first names are compared in: doubled letters single, and a final "y", "ey", "ei",
/// "iy" or "ii" as "i", so transliterations and common misspellings meet ("Sergey", "Sergei" →
/// "sergi"; "Hillary", "Hilary" → "hilari"; "Dmitry", "Dmitri" → "dmitri").
fn first_name_form(word: &str) -> String {
    let mut form = String::with_capacity(word.len());
    for c in word.chars() {
        if !form.ends_with(c) {
            form.push(c);
        }
    }
    if form.len() > 2 {
        for ending in ["ey", "ei", "iy", "ii", "y"] {
            if let Some(stem) = form.strip_suffix(ending) {
                return format!("{stem}i");
            }
        }
    }
    form
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

    fn build(names: &[&str], articles: &[u32]) -> NameIndex {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        NameIndex::new(&names, articles)
    }

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
        let key = |name: &str| name_words(name).join(" ");
        assert_eq!(key("Sergéy  LAVROV"), "sergey lavrov");
        assert_eq!(key("Jean-Claude Trichet"), "jean claude trichet");
        assert_eq!(key("Сергей Лавров"), "sergei lavrov");
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
    fn spellings_the_index_lacks_find_the_person() {
        let lavrov = ["Sergey Lavrov", "Sergéy Lavrov", "Lavrov"];
        assert_eq!(person("Sergei Lavrov"), lavrov);
        assert_eq!(person("Сергей Лавров"), lavrov);
        assert_eq!(person("S. Lavrov"), lavrov);
        let putin = ["Vladimir Putin", "V. Putin", "Vladimir V. Putin"];
        assert_eq!(person("Vladimir Vladimirovich Putin"), putin);
        // Another first name is somebody else; an initial two people share is nobody in particular.
        assert!(matches!(
            index().resolve("Jeb Lavrov"),
            Resolution::Unknown(_)
        ));
        let index = build(&["George Bush", "Gene Bush"], &[5, 1]);
        assert!(index.full(&name_words("G. Bush")).is_none());
        assert_eq!(index.full(&name_words("Gene Bush")), Some(vec![1]));
    }

    #[test]
    fn words_caught_from_the_sentence_are_no_part_of_the_name() {
        assert_eq!(canonical_words("So Obama"), ["obama"]);
        assert_eq!(
            canonical_words("Will Hillary Clinton"),
            ["hillary", "clinton"]
        );
        assert_eq!(canonical_words("The"), ["the"]);
        let names = ["Barack Obama", "So Obama", "In Obama", "Team Obama"];
        let index = build(&names, &[551, 4, 3, 10]);
        assert_eq!(index.resolve("Obama"), Resolution::Person(vec![0, 3, 1, 2]));
    }

    #[test]
    fn first_name_spellings_meet() {
        for (a, b) in [
            ("sergey", "sergei"),
            ("hillary", "hilary"),
            ("dmitry", "dmitri"),
        ] {
            assert_eq!(first_name_form(a), first_name_form(b), "{a} {b}");
        }
        for (a, b) in [
            ("george", "jeb"),
            ("bill", "jill"),
            ("maria", "mario"),
            ("ed", "edi"),
        ] {
            assert_ne!(first_name_form(a), first_name_form(b), "{a} {b}");
        }
        assert_eq!(first_name_form("v"), "v");
        let names = [
            "Sergei Lavrov",
            "Sergey Lavrov",
            "Hillary Clinton",
            "Hilary Clinton",
        ];
        let index = build(&names, &[3, 11, 700, 3]);
        assert_eq!(index.resolve("Lavrov"), Resolution::Person(vec![1, 0]));
        assert_eq!(index.resolve("Clinton"), Resolution::Person(vec![2, 3]));
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
    fn a_surname_stands_for_the_person_named_in_most_articles_naming_it() {
        let names = [
            "Donald Trump",
            "Melania Trump",
            "Hillary Clinton",
            "Bill Clinton",
        ];
        let index = build(&names, &[1387, 36, 749, 262]);
        assert_eq!(index.resolve("Trump"), Resolution::Person(vec![0]));
        // A bare surname joins the dominant person.
        let mut with_bare = names.to_vec();
        with_bare.extend(["Trump", "Clinton"]);
        let index = build(&with_bare, &[1387, 36, 749, 262, 564, 80]);
        assert_eq!(
            index.resolve("Donald Trump"),
            Resolution::Person(vec![0, 4])
        );
        assert_eq!(
            index.resolve("Hillary Clinton"),
            Resolution::Person(vec![2])
        );
        assert!(
            matches!(index.resolve("Clinton"), Resolution::Ambiguous(p) if p == [vec![2], vec![3]])
        );
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
            Resolution::Unknown(people) => {
                let firsts: Vec<u32> = people.iter().map(|p| p[0]).collect();
                assert_eq!(names(&firsts), ["Sergey Lavrov", "Sergey Ryabkov"])
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
