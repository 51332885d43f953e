//! People across an archive: the spelling variants of one person meet under one canonical name.
//!
//! Within an article, [`super::resolve`] already gives each person one name. Across articles the same
//! person is written differently: "Sergey Lavrov" and "Sergei Lavrov", "Volodymyr Zelensky" and
//! "Zelenskyy", "Łukasz" and "Lukasz", "George W. Bush" and "George Bush". A [`Directory`] is built
//! from the names stored in the index (with their article counts) and groups them by these rules:
//!
//! 1. **Same key.** Names whose keys are equal are one person. The key folds what transliteration
//!    and typing vary: accents and scripts (deunicode: "Сергей Лавров" → "sergei lavrov"), case,
//!    punctuation, `y`/`i`, `j`/`i` ("Sergey"/"Sergei", "Dmitriy"/"Dmitri"), `ks`/`x`, `ph`/`f`,
//!    and doubled letters ("Zelenskyy"/"Zelensky").
//! 2. **Middle names and initials.** "George Bush" joins "George W. Bush" if and only if exactly one
//!    longer name in the archive has the same first and last words; with both "George W. Bush" and
//!    "George H. W. Bush" in the archive, "George Bush" stays apart, because the corpus does not
//!    show which one it is.
//! 3. **Surname alone.** A one-word name ("Lavrov", left when an article never gives the full name)
//!    joins the person whose last word it is if and only if exactly one person has that surname.
//!
//! Limits: two different people with the same full name are one person here (nothing in the text
//! tells them apart); a variant the key does not fold ("Mohammed"/"Muhammad") stays a separate
//! person; the key is tuned for Latin and Cyrillic names.

use std::collections::HashMap;

/// One person of the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The canonical name: the spelling used in most articles (longest form on ties).
    pub name: String,
    /// Every indexed spelling of this person, the canonical name included.
    pub variants: Vec<String>,
    /// Articles naming this person, summed over spellings (an article with two spellings counts twice).
    pub articles: u64,
}

/// What a name given by a user refers to.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// Exactly one person.
    One(&'a Person),
    /// Several people share the name (a surname given alone, most often).
    Ambiguous(Vec<&'a Person>),
    /// Nobody in the archive.
    Unknown,
}

/// The people of an archive, grouped by the rules in the module doc.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    people: Vec<Person>,
    /// Indexed spelling → person.
    by_variant: HashMap<String, usize>,
    /// Key of a full name → person.
    by_key: HashMap<String, usize>,
    /// Key of a last word → people with that surname.
    by_surname: HashMap<String, Vec<usize>>,
}

/// The key of a name: tokens folded as rule 1 of the module doc says, joined by single spaces.
pub fn key(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let folded = word
            .replace("ph", "f")
            .replace("ks", "x")
            .replace(['y', 'j'], "i");
        let mut last = '\0';
        for c in folded.chars() {
            if c != last {
                out.push(c);
            }
            last = c;
        }
    }
    out
}

impl Directory {
    /// Groups the indexed `names` (with the number of articles naming each) into people.
    pub fn build(names: impl IntoIterator<Item = (String, u64)>) -> Directory {
        // Rule 1: by key.
        let mut groups: Vec<(String, Vec<(String, u64)>)> = Vec::new();
        let mut group_of_key: HashMap<String, usize> = HashMap::new();
        for (name, n) in names {
            let k = key(&name);
            if k.is_empty() {
                continue;
            }
            let g = *group_of_key.entry(k.clone()).or_insert_with(|| {
                groups.push((k, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push((name, n));
        }
        // Rules 2 and 3: short forms join the one longer form that fits.
        let words = |k: &str| k.split(' ').map(str::to_string).collect::<Vec<_>>();
        let mut parent: Vec<usize> = (0..groups.len()).collect();
        for g in 0..groups.len() {
            let w = words(&groups[g].0);
            let fits: Vec<usize> = (0..groups.len())
                .filter(|&o| o != g)
                .filter(|&o| {
                    let ow = words(&groups[o].0);
                    match w.len() {
                        1 => ow.len() >= 2 && ow.last() == w.last(),
                        2 => ow.len() > 2 && ow.first() == w.first() && ow.last() == w.last(),
                        _ => false,
                    }
                })
                .collect();
            if let [one] = fits.as_slice() {
                parent[g] = *one;
            }
        }
        let root = |mut g: usize| {
            for _ in 0..4 {
                if parent[g] == g {
                    break;
                }
                g = parent[g];
            }
            g
        };
        let mut merged: HashMap<usize, Vec<usize>> = HashMap::new();
        for g in 0..groups.len() {
            merged.entry(root(g)).or_default().push(g);
        }
        let mut roots: Vec<usize> = merged.keys().copied().collect();
        roots.sort_unstable();

        let mut dir = Directory::default();
        for r in roots {
            let members = &merged[&r];
            let mut spellings: Vec<(String, u64)> = members
                .iter()
                .flat_map(|&g| groups[g].1.iter().cloned())
                .collect();
            // Canonical: from the root group (the fullest form), most articles, then longest.
            let canonical = groups[r]
                .1
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(&b.1)
                        .then(a.0.len().cmp(&b.0.len()))
                        .then(b.0.cmp(&a.0))
                })
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            spellings.sort();
            let idx = dir.people.len();
            for (s, _) in &spellings {
                dir.by_variant.insert(s.clone(), idx);
            }
            for &g in members {
                dir.by_key.insert(groups[g].0.clone(), idx);
            }
            let k = &groups[r].0;
            if let Some(last) = k.rsplit(' ').next().filter(|_| k.contains(' ')) {
                dir.by_surname
                    .entry(last.to_string())
                    .or_default()
                    .push(idx);
            }
            dir.people.push(Person {
                name: canonical,
                articles: spellings.iter().map(|(_, n)| n).sum(),
                variants: spellings.into_iter().map(|(s, _)| s).collect(),
            });
        }
        dir
    }

    /// Every person, in no particular order.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// The person an indexed spelling belongs to.
    pub fn person_of(&self, indexed: &str) -> Option<&Person> {
        self.by_variant.get(indexed).map(|&i| &self.people[i])
    }

    /// What a name typed by a user refers to: a full name in any spelling the key folds, or a surname
    /// (ambiguous when several people have it).
    pub fn find(&self, name: &str) -> Lookup<'_> {
        let k = key(name);
        if let Some(&i) = self.by_key.get(&k) {
            // A one-word key that is also several people's surname is ambiguous.
            let owners = self.by_surname.get(&k).map_or(0, Vec::len);
            if k.contains(' ') || owners <= 1 {
                return Lookup::One(&self.people[i]);
            }
        }
        match self.by_surname.get(&k).map(Vec::as_slice) {
            Some([one]) => Lookup::One(&self.people[*one]),
            Some(many) if !many.is_empty() => {
                Lookup::Ambiguous(many.iter().map(|&i| &self.people[i]).collect())
            }
            _ => Lookup::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(names: &[(&str, u64)]) -> Directory {
        Directory::build(names.iter().map(|(n, c)| (n.to_string(), *c)))
    }

    fn name(l: Lookup) -> String {
        match l {
            Lookup::One(p) => p.name.clone(),
            Lookup::Ambiguous(ps) => format!(
                "ambiguous: {}",
                ps.iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Lookup::Unknown => "unknown".into(),
        }
    }

    #[test]
    fn transliterations_meet_under_the_most_used_spelling() {
        let d = dir(&[
            ("Sergey Lavrov", 12),
            ("Sergei Lavrov", 3),
            ("Сергей Лавров", 1),
            ("Volodymyr Zelenskyy", 2),
            ("Volodymyr Zelensky", 5),
        ]);
        assert_eq!(d.people().len(), 2);
        assert_eq!(name(d.find("Sergei Lavrov")), "Sergey Lavrov");
        assert_eq!(
            d.person_of("Сергей Лавров").map(|p| p.name.as_str()),
            Some("Sergey Lavrov")
        );
        assert_eq!(name(d.find("zelenskyy")), "Volodymyr Zelensky");
        assert_eq!(name(d.find("Lukasz Fabianski")), "unknown");
        assert_eq!(key("Łukasz Fabiański"), key("Lukasz Fabianski"));
    }

    #[test]
    fn middle_initials_merge_only_when_the_archive_shows_one_person() {
        let d = dir(&[("George W. Bush", 10), ("George Bush", 4)]);
        assert_eq!(
            d.person_of("George Bush").map(|p| p.name.as_str()),
            Some("George W. Bush")
        );
        let d = dir(&[
            ("George W. Bush", 10),
            ("George H. W. Bush", 6),
            ("George Bush", 4),
        ]);
        assert_eq!(
            d.person_of("George Bush").map(|p| p.name.as_str()),
            Some("George Bush")
        );
        assert_eq!(d.people().len(), 3);
    }

    #[test]
    fn surnames_alone_resolve_only_when_unique() {
        let d = dir(&[
            ("Marco Rubio", 5),
            ("Rubio", 2),
            ("George W. Bush", 3),
            ("Laura Bush", 1),
            ("Bush", 2),
        ]);
        assert_eq!(name(d.find("Rubio")), "Marco Rubio");
        assert_eq!(
            d.person_of("Rubio").map(|p| p.name.as_str()),
            Some("Marco Rubio")
        );
        assert_eq!(
            name(d.find("bush")),
            "ambiguous: George W. Bush, Laura Bush"
        );
        // "Bush" alone stays its own entry: the archive cannot say which Bush it is.
        assert_eq!(d.person_of("Bush").map(|p| p.name.as_str()), Some("Bush"));
        assert_eq!(name(d.find("Wang Yi")), "unknown");
    }
}
