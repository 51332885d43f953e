//! First names: their nicknames ("Bernard" and "Bernie", "Nicholas" and "Nick"), a closed class
//! of English names: the 2,691 pairs of the `nicknames` dataset (`models/nicknames.csv`, see
//! `models/README.md`), compiled into the binary; and the form they are compared in, so that two
//! spellings of one first name meet ("Sergey" and "Sergei", "Gary" and "Garry"). An article that
//! names "Bernard Sanders" and "Bernie Sanders", or "Gary Knowles" and "Garry Knowles", names one
//! person ([`crate::ner::resolve`], rule 9); the archive compares first names in that form too
//! ([`crate::index::names`]).

use std::collections::HashSet;
use std::sync::OnceLock;

/// The dataset as published: a header, then one `name,has_nickname,nickname` line per pair, in
/// lower case.
const PAIRS: &str = include_str!("../../models/nicknames.csv");

/// Returns true if and only if one of `a` and `b` (any case) is a nickname of the other ("Bernie"
/// of "Bernard", "Mike" of "Michael"); false for the same name.
pub fn is_nickname_pair(a: &str, b: &str) -> bool {
    static SET: OnceLock<HashSet<(String, String)>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        PAIRS
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut fields = line.split(',');
                let name = fields.next()?.trim();
                let nickname = fields.nth(1)?.trim();
                Some((name.to_string(), nickname.to_string()))
            })
            .collect()
    });
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a != b && (set.contains(&(a.clone(), b.clone())) || set.contains(&(b, a)))
}

/// The form first names are compared in: doubled letters single, and a final "y", "ey", "ei",
/// "iy" or "ii" as "i", so transliterations and common misspellings meet ("Sergey", "Sergei" →
/// "sergi"; "Hillary", "Hilary" → "hilari"; "Dmitry", "Dmitri" → "dmitri").
pub fn first_name_form(word: &str) -> String {
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
    use super::{first_name_form, is_nickname_pair};

    #[test]
    fn a_nickname_goes_with_its_name_either_way() {
        assert!(is_nickname_pair("Bernard", "Bernie"));
        assert!(is_nickname_pair("Nick", "NICHOLAS"));
        assert!(is_nickname_pair("Mike", "Michael"));
        assert!(!is_nickname_pair("Mark", "Mary"));
        assert!(!is_nickname_pair("Michael", "Michael"));
    }

    #[test]
    fn spellings_of_one_first_name_meet() {
        for (a, b) in [
            ("sergey", "sergei"),
            ("hillary", "hilary"),
            ("dmitry", "dmitri"),
            ("gary", "garry"),
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
    }
}
