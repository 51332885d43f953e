//! What the tests of name resolution share: the people the bundled recogniser finds in a text.

use crate::ner::{Entities, Recognizer};

/// The people the bundled recogniser finds in `text` (no headline): each one's name, number of
/// mentions and aliases, in order of first mention.
pub(super) fn people(text: &str) -> Vec<(String, usize, Vec<String>)> {
    let e = Recognizer::bundled().unwrap().entities(None, text);
    e.people
        .into_iter()
        .map(|p| (p.name, p.mentions.len(), p.aliases))
        .collect()
}

/// The words of `s`, split at spaces.
pub(super) fn words(s: &str) -> Vec<String> {
    s.split(' ').map(str::to_string).collect()
}

/// The names of the people of `e`, in order.
pub(super) fn names(e: &Entities) -> Vec<&str> {
    e.people.iter().map(|p| p.name.as_str()).collect()
}
