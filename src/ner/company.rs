//! Companies' legal forms, the closed class of words that end a company's full name ("Chrysler
//! Corp", "Dean Witter Reynolds Inc", "Wells Fargo and Co", "Deutsche Boerse AG"), and the names
//! such a full name gives before them. The document's corrections of the tagger's labels
//! ([`crate::ner::consistency`]) and the article's resolution ([`crate::ner::resolve`], rule 8) use
//! them to tell a company from a person within one article, the archive's verdict across all of
//! them (`crate::index::verdict`).

use std::collections::HashSet;

/// The last words that make a name a company's full name, lowercase: legal forms, and the few words
/// that only companies end with ("Group", "Holdings", "Industries").
const LEGAL_FORMS: &[&str] = &[
    "corp",
    "corp.",
    "corporation",
    "inc",
    "inc.",
    "co",
    "co.",
    "cos",
    "cos.",
    "company",
    "ltd",
    "ltd.",
    "limited",
    "llc",
    "llp",
    "lp",
    "l.p.",
    "plc",
    "ag",
    "sa",
    "s.a.",
    "gmbh",
    "nv",
    "n.v.",
    "bv",
    "spa",
    "s.p.a.",
    "kk",
    "ab",
    "asa",
    "oy",
    "group",
    "holdings",
    "bancorp",
    "industries",
];

/// Returns true if and only if `word` is a company's legal form (or a word only companies end
/// with), ignoring case.
pub fn is_legal_form(word: &str) -> bool {
    LEGAL_FORMS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

/// Returns true if and only if `word` is a legal form written as one, capitalised ("Co", "Inc",
/// "Sons"): in lower case it is a common word ("Pelosi and company", "and group G4").
pub fn is_written_legal_form(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && is_legal_form(word)
}

/// Adds to `starts` the names that begin the organisation's name `words`, lowercased and joined by
/// spaces: each run of its first words short of the last ("chrysler" and "chrysler financial" of
/// "Chrysler Financial Corp"), if and only if it ends in a legal form. Returns true if and only
/// if it does.
pub fn add_name_starts<S: AsRef<str>>(words: &[S], starts: &mut HashSet<String>) -> bool {
    if !words.last().is_some_and(|w| is_legal_form(w.as_ref())) {
        return false;
    }
    let lower: Vec<String> = words.iter().map(|w| w.as_ref().to_lowercase()).collect();
    for n in 1..lower.len() {
        starts.insert(lower[..n].join(" "));
    }
    true
}

/// The names a company's full name `org` gives before its legal forms: the whole before each of
/// them ("Dresser Industries" and "Dresser" of "Dresser Industries Inc", "Wells Fargo" of "Wells
/// Fargo and Co") and, for a firm named after its partners, each of them ("Smith Barney" and "Harris
/// Upham" of "Smith Barney, Harris Upham & Co Inc"), each once; none when `org` does not end with a
/// legal form.
pub fn company_names(org: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = org.trim();
    while let Some((before, last)) = rest.rsplit_once(' ') {
        if !is_legal_form(last) {
            break;
        }
        rest = without_joins(before);
        if !rest.is_empty() {
            names.push(rest);
            if rest.contains(',') {
                names.extend(rest.split(',').map(str::trim).filter(|p| !p.is_empty()));
            }
        }
    }
    let mut seen = Vec::new();
    names.retain(|n| {
        let new = !seen.contains(n);
        seen.push(*n);
        new
    });
    names
}

/// `text` without the commas and "and"s that join legal forms to a name ("Wells Fargo and" of
/// "Wells Fargo and Co").
fn without_joins(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_end().trim_end_matches(',').trim_end();
        let next = match trimmed.rsplit_once(' ') {
            Some((before, "and" | "And" | "AND" | "&")) => before,
            None if matches!(trimmed, "and" | "And" | "AND" | "&") => "",
            _ => trimmed,
        };
        if next == text {
            return text;
        }
        text = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_end_a_companys_name() {
        assert_eq!(
            company_names("McDonnell Douglas Corp"),
            ["McDonnell Douglas"]
        );
        assert_eq!(company_names("Wells Fargo and Co"), ["Wells Fargo"]);
        assert_eq!(
            company_names("Smith Barney, Harris Upham & Co Inc"),
            [
                "Smith Barney, Harris Upham & Co",
                "Smith Barney",
                "Harris Upham & Co",
                "Smith Barney, Harris Upham",
                "Harris Upham"
            ]
        );
        assert_eq!(company_names("Deutsche Boerse AG"), ["Deutsche Boerse"]);
        assert_eq!(
            company_names("Dresser Industries Inc"),
            ["Dresser Industries", "Dresser"]
        );
        assert_eq!(
            company_names("Harris Upham And Co Inc"),
            ["Harris Upham And Co", "Harris Upham"]
        );
        assert_eq!(
            company_names("SHEARSON LEHMAN BROTHERS INC"),
            ["SHEARSON LEHMAN BROTHERS"]
        );
        assert!(company_names("Inc").is_empty());
        assert!(company_names("Lincoln").is_empty());
        assert!(company_names("Texaco").is_empty());
        assert!(company_names("Tom and Jerry").is_empty());
        assert!(is_legal_form("CORP") && is_legal_form("Holdings") && !is_legal_form("Douglas"));
    }
}
