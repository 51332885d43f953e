//! What the recogniser's tests share: the people the bundled recogniser finds in a text or in an
//! article of `../shared/data` (AllSides, Reuters).

use crate::ner::{Entities, Recognizer};

/// The people the bundled recogniser finds in `text` (no headline): each one's name, number of
/// mentions and aliases, in order of first mention.
pub(crate) fn people(text: &str) -> Vec<(String, usize, Vec<String>)> {
    let e = Recognizer::bundled().unwrap().entities(None, text);
    e.people
        .into_iter()
        .map(|p| (p.name, p.mentions.len(), p.aliases))
        .collect()
}

/// The words of `s`, split at spaces.
pub(crate) fn words(s: &str) -> Vec<String> {
    s.split(' ').map(str::to_string).collect()
}

/// The names of the people of `e`, in order.
pub(crate) fn names(e: &Entities) -> Vec<&str> {
    e.people.iter().map(|p| p.name.as_str()).collect()
}

/// The entities of the AllSides article `id` (research data); `None` where it is absent.
pub(crate) fn allsides_article(id: &str) -> Option<Entities> {
    shared_article(&format!("allsides/jsons/{id}.json"))
}

/// The entities of the first article of the file `rel` of `../shared/data` (an AllSides or
/// Wikinews JSON file holds one); `None` where it is absent.
pub(crate) fn shared_article(rel: &str) -> Option<Entities> {
    let path = crate::corpus::shared_data(rel)?;
    let article = crate::corpus::read_file(&path).unwrap().articles.remove(0);
    let recognizer = Recognizer::bundled().unwrap();
    Some(recognizer.entities(article.headline.as_deref(), &article.body))
}

/// The entities of the first article of the Reuters file `rel` (research data) whose body has
/// `phrase` (spaces and line breaks as one space); `None` where the research data is absent.
pub(crate) fn reuters_article(rel: &str, phrase: &str) -> Option<Entities> {
    let path = crate::corpus::shared_data(rel)?;
    let read = crate::corpus::read_file(&path).expect("Reuters file reads");
    let article = read
        .articles
        .iter()
        .find(|a| {
            let words: Vec<&str> = a.body.split_whitespace().collect();
            words.join(" ").contains(phrase)
        })
        .expect("the article is in the file");
    let recognizer = Recognizer::bundled().unwrap();
    Some(recognizer.entities(article.headline.as_deref(), &article.body))
}
