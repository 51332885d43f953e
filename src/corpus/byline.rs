//! Bylines as archives write them ("By Ann Lee and Bo Chen", "N. R. Kleinfield, Reuters",
//! "Ann Lee; Bo Chen") turned into one name per author.

/// Credits that stand in a byline for the agency or the staff rather than for a person.
const NOT_NAMES: &[&str] = &[
    "reuters",
    "reuter",
    "associated press",
    "ap",
    "afp",
    "staff",
    "staff writer",
];

/// Adds each author named in `byline` to `authors`, once: a leading "By" is dropped, names are split
/// at commas, semicolons, bars, ampersands and " and ", and an agency credit ("…, Reuters") is left
/// out when the byline also names a person.
pub(crate) fn add_names(byline: &str, authors: &mut Vec<String>) {
    let before = authors.len();
    let s = byline.trim();
    let s = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s);
    for part in s.split([',', ';', '|', '&']).flat_map(|p| p.split(" and ")) {
        let name = part.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = name
            .trim_matches(|c| c == '"' || c == '\'' || c == '[' || c == ']')
            .trim();
        if !name.is_empty() && !authors.iter().any(|a| a == name) {
            authors.push(name.to_string());
        }
    }
    let is_credit = |a: &String| NOT_NAMES.iter().any(|n| a.eq_ignore_ascii_case(n));
    let mut added = authors.split_off(before);
    if added.iter().any(|a| !is_credit(a)) {
        added.retain(|a| !is_credit(a));
    }
    authors.append(&mut added);
}

/// The authors named in `byline` (see [`add_names`]).
pub(crate) fn names(byline: &str) -> Vec<String> {
    let mut authors = Vec::new();
    add_names(byline, &mut authors);
    authors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_become_one_name_per_author() {
        assert_eq!(names("By Peter Torday, Reuters"), ["Peter Torday"]);
        assert_eq!(names("By Ann Lee and Bo Chen"), ["Ann Lee", "Bo Chen"]);
        assert_eq!(names("N. R. Kleinfield"), ["N. R. Kleinfield"]);
        assert_eq!(names("Ann Lee; Bo  Chen | Ann Lee"), ["Ann Lee", "Bo Chen"]);
        assert_eq!(names("[\"Ann Lee\", 'Bo Chen']"), ["Ann Lee", "Bo Chen"]);
        assert!(names("  ").is_empty());
        // An agency credit alone is kept: it is all the byline says.
        assert_eq!(names("Associated Press"), ["Associated Press"]);
    }
}
