//! First names and their nicknames ("Bernard" and "Bernie", "Nicholas" and "Nick"), a closed class
//! of English names: the 2,691 pairs of the `nicknames` dataset (`models/nicknames.csv`, see
//! `models/README.md`), compiled into the binary. An article that names "Bernard Sanders" and
//! "Bernie Sanders" names one person ([`crate::ner::resolve`], rule 9).

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

#[cfg(test)]
mod tests {
    use super::is_nickname_pair;

    #[test]
    fn a_nickname_goes_with_its_name_either_way() {
        assert!(is_nickname_pair("Bernard", "Bernie"));
        assert!(is_nickname_pair("Nick", "NICHOLAS"));
        assert!(is_nickname_pair("Mike", "Michael"));
        assert!(!is_nickname_pair("Mark", "Mary"));
        assert!(!is_nickname_pair("Michael", "Michael"));
    }
}
