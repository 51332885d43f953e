//! A tagged span's words as a person's name (rule 1 of [`super`]): without the titles, offices,
//! prepositions, possessives and letters around it, and without the words that scraped links run
//! into it (rule 7).

use std::collections::HashSet;

use super::no_person::NON_NAME_STARTS;
use super::{Lexicon, TextToken, listed};
use crate::ner::Mention;
use crate::ner::gazetteer::{is_title, sentence_words_before};

/// Words of a person span with titles, possessives, stray punctuation, prepositions before and
/// function words after removed.
pub(super) fn clean_name(words: &[String]) -> Vec<String> {
    clean(words, true)
}

/// Words of a person's span as [`clean_name`] leaves them, without the words of the sentence
/// before the name ("So Trump", "Team Obama", "Will Hillary Clinton"; see
/// [`sentence_words_before`]) and a title after those ("So Mr. Priebus"). A determiner before a
/// name stays: it makes the name no person's (rule 7, "An Inconvenient Truth").
pub(super) fn person_name(words: &[String]) -> Vec<String> {
    let w = clean_name(words);
    if w.first().is_some_and(|f| listed(NON_NAME_STARTS, f)) {
        return w;
    }
    let skip = sentence_words_before(&w);
    if skip == 0 {
        return w;
    }
    clean_name(&w[skip..])
}

/// Words of an organisation's or a place's span as [`clean_name`] leaves a person's, titles kept:
/// they are part of such names ("General Motors Corp", "King World Productions Inc", "St.
/// Louis").
pub(super) fn clean_other_name(words: &[String]) -> Vec<String> {
    clean(words, false)
}

/// Words of a span with possessives, stray punctuation, prepositions before and function words
/// after removed, and titles before the name if `titles` (see [`clean_name`]).
fn clean(words: &[String], titles: bool) -> Vec<String> {
    let mut w: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_string()
        })
        .filter(|w| {
            w.chars().any(char::is_alphanumeric) && !matches!(w.as_str(), "'s" | "’s" | "s")
        })
        .collect();
    while titles && w.len() > 1 && is_title(&w[0]) {
        w.remove(0);
    }
    if titles && w.len() == 1 && is_title(&w[0]) {
        w.clear();
    }
    // A preposition opening a sentence or a byline ("In Denver", "By Jane Smith") and a word
    // opening the next sentence ("S and P. The agency") are no part of a name.
    while w.len() > 1 && listed(PREPOSITIONS, &w[0]) {
        w.remove(0);
    }
    let ends_nothing = |l: &String| listed(PREPOSITIONS, l) || listed(DETERMINERS_AND_JOINERS, l);
    while w.len() > 1 && w.last().is_some_and(ends_nothing) {
        w.pop();
    }
    w
}

/// Prepositions, which never open nor end a name.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "of", "by", "from", "to", "for", "with", "into", "near",
];

/// Determiners and conjunctions, which never end a name.
const DETERMINERS_AND_JOINERS: &[&str] = &["the", "an", "this", "that", "and", "or", "but"];

/// Last words of an office that the tagger takes into the name after it ("Chancellor of the
/// Exchequer Nigel Lawson", "Chief of Staff Donald Regan").
const OFFICE_ENDS: &[&str] = &["exchequer", "staff"];

/// Letters after a name that are not part of it ("Paul Boateng MP", "Ben Emmerson QC").
const POST_NOMINALS: &[&str] = &[
    "mp", "msp", "mep", "am", "qc", "kc", "obe", "mbe", "cbe", "phd", "md",
];

/// Returns true if and only if `word` is a party and state tag ("R-California", "D-N.Y.").
fn party_tag(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// A person's name without the end of an office before it and the letters or party tag after it
/// ("Exchequer Nigel Lawson" → "Nigel Lawson", "Kevin McCarthy R-California" → "Kevin
/// McCarthy"), keeping two words at least.
pub(super) fn without_offices(mut words: Vec<String>) -> Vec<String> {
    while words.len() > 2 && listed(OFFICE_ENDS, &words[0]) {
        words.remove(0);
    }
    while words.len() > 2
        && words
            .last()
            .is_some_and(|w| listed(POST_NOMINALS, w) || party_tag(w))
    {
        words.pop();
    }
    words
}

/// A name without a place or a thing the tagger ran into it (rule 7): a name starting with one of
/// [`NON_NAME_STARTS`] keeps its last words from the first known name after its first two words
/// ("San Antonio Julian Castro" → "Julian Castro", "Las Vegan Kathie Anderson" → "Kathie
/// Anderson"); otherwise it stays whole, so that rule 7 drops it with the partial forms that
/// resolve to it ("Capitol Hill" and "Hill", "Hurricane Harvey" and "Harvey").
pub(super) fn past_place_start(
    mut words: Vec<String>,
    is_known_name: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let starts_wrong = words.first().is_some_and(|w| listed(NON_NAME_STARTS, w));
    if words.len() < 2 || !starts_wrong {
        return words;
    }
    match (2..words.len() - 1).find(|&j| is_known_name(&words[j])) {
        Some(j) => words.split_off(j),
        None => words,
    }
}

/// A name without the common words the tagger ran into its start (rule 1): a first word that the
/// news writes mostly in lower case ([`Lexicon::is_common_word`]) and no list of names knows, before
/// a known name, is no part of it when two words at least are left: "Embed Donald Trump" (a video
/// player's button), "Whip Dick Durbin", "Libertarian Gary Johnson". A name of two words stays
/// whole ("Mother Jones", "Donkey Kong"), and so does a name all of whose words are common ("Help
/// You Heal", "Cold Stone Creamery"), for rule 7 to judge.
pub(super) fn past_common_words(mut words: Vec<String>, lexicon: &Lexicon<'_>) -> Vec<String> {
    if words.iter().all(|w| (lexicon.is_common_word)(w)) {
        return words;
    }
    while words.len() >= 3
        && (lexicon.is_common_word)(&words[0])
        && !(lexicon.is_known_name)(&words[0])
        && (lexicon.is_known_name)(&words[1])
    {
        words.remove(0);
    }
    words
}

/// A person's name cut where its first name starts again (rule 7): scraped links leave a name and
/// the person's full legal name side by side, "Charles Schumer Charles" is "Charles Schumer" and
/// "Hillary Clinton Hillary Diane Rodham" is "Hillary Clinton". Only a known first name counts,
/// and two words stay at least ("Wee Kim Wee" is whole).
pub(super) fn before_name_repeats(
    mut words: Vec<String>,
    is_known_name: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let again = words
        .iter()
        .skip(2)
        .position(|w| w == &words[0])
        .map(|i| i + 2);
    if let Some(at) = again
        && is_known_name(&words[0])
    {
        words.truncate(at);
    }
    words
}

/// Where the second of two words run together starts in `word`, as text scraped from links leaves
/// them ("TrumpGOP", "McConnellGOP", "Sanders2020"): a capital, then three lowercase letters or
/// more, then a capital or a digit. Name prefixes that take a capital after them ("FitzGerald",
/// "VanderSloot") do not count. None when `word` is one word.
fn glued(word: &str) -> Option<usize> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // The start of the current run of lowercase letters, if it follows a capital.
    let mut run: Option<usize> = None;
    for (at, c) in word.char_indices() {
        if c.is_lowercase() {
            continue;
        }
        if let Some(start) = run {
            let lowercase = &word[start..at];
            let prefix = start == 1 && matches!(lowercase, "itz" | "ander");
            if (c.is_uppercase() || c.is_ascii_digit()) && lowercase.chars().count() >= 3 && !prefix
            {
                return Some(at);
            }
        }
        run = c.is_uppercase().then(|| at + c.len_utf8());
    }
    None
}

/// A person's name with the words run into it removed (rule 7). Links scraped from some sites leave
/// a name, the person's full legal name and the next link's text run together: "Trump Donald John
/// TrumpGOP" is "Donald John Trump" (cut at the first [`glued`] word, keeping that word's first part,
/// and after the first use of the surname it repeats). Without that repetition the span is not a
/// name one can trust ("Howard PaulSenate", of "Randal Howard Paul"): no words.
pub(super) fn unglue(mut words: Vec<String>) -> Vec<String> {
    let Some((i, at)) = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| glued(w).map(|at| (i, at)))
    else {
        return words;
    };
    words.truncate(i + 1);
    words[i].truncate(at);
    match words.iter().position(|w| w == &words[i]) {
        Some(first) if first < i => words.split_off(first + 1),
        _ => Vec::new(),
    }
}

/// The lowercase form of the last word of the name `words` when it is written in capitals after
/// words that are not ("MORE" of "Trump MORE", the text of a link on The Hill's pages), and is no
/// Roman numeral ("George III"): see [`cut_shouted_tails`].
fn shouted_tail(words: &[String]) -> Option<String> {
    let (last, rest) = words.split_last()?;
    let capitals = last.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !last.chars().any(char::is_lowercase)
        && !last.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let mixed = rest.iter().any(|w| w.chars().any(char::is_lowercase));
    (capitals && mixed).then(|| last.to_lowercase())
}

/// Takes off the names of `mentions` (words, mention, in a heading) a last word in capitals
/// ([`shouted_tail`]) that is a common word: one running text writes in lower case, or that the
/// news writes mostly so (`is_common_word`). "Trump MORE" is "Trump"; "Ben Emmerson QC" keeps
/// "QC", which neither writes so.
pub(super) fn cut_shouted_tails(
    mentions: &mut [(Vec<String>, Mention, bool)],
    running: &[TextToken<'_>],
    is_common_word: &dyn Fn(&str) -> bool,
) {
    let mut tails: HashSet<String> = mentions
        .iter()
        .filter_map(|(w, _, _)| shouted_tail(w))
        .collect();
    // A word the article writes in a name in mixed case is a name ("Carter PAGE" of a link's
    // text beside "Carter Page").
    for (words, _, _) in mentions.iter() {
        for w in words.iter().filter(|w| w.chars().any(char::is_lowercase)) {
            tails.remove(&w.to_lowercase());
        }
    }
    if tails.is_empty() {
        return;
    }
    let written: HashSet<&str> = running
        .iter()
        .map(|t| t.word)
        .filter(|w| tails.contains(*w))
        .collect();
    for (words, _, _) in mentions {
        let common = |t: &String| written.contains(t.as_str()) || is_common_word(t);
        if shouted_tail(words).is_some_and(|t| tails.contains(&t) && common(&t)) {
            words.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ner::Recognizer;
    use crate::ner::testing::*;

    #[test]
    fn titles_are_not_part_of_a_name() {
        let p = people("He cited President Vladimir Putin and Mr. Bush. Later Mr. Bush left.");
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, vec!["Vladimir Putin", "Bush"]);
        let p =
            people("Mr. Bush spoke. President George W. Bush said later that Bush would return.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "George W. Bush");
        assert_eq!(p[0].1, 3);
    }

    #[test]
    fn offices_before_a_name_and_letters_after_it_are_not_part_of_it() {
        let p = people(
            "Chancellor of the Exchequer Nigel Lawson said sterling was stable. White House Chief \
             of Staff Donald Regan disagreed. House Minority Leader Kevin McCarthy R-California \
             said Patty Murray D-Washington was wrong.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            n,
            [
                "Nigel Lawson",
                "Donald Regan",
                "Kevin McCarthy",
                "Patty Murray"
            ]
        );
        assert_eq!(
            super::without_offices(words("Paul Boateng MP")),
            words("Paul Boateng")
        );
        assert_eq!(
            super::without_offices(words("Staff Wars")),
            words("Staff Wars")
        );
    }

    #[test]
    fn names_run_together_by_scraped_links_are_cut_apart() {
        assert_eq!(
            super::unglue(words("Trump Donald John TrumpGOP")),
            words("Donald John Trump")
        );
        assert_eq!(
            super::unglue(words("Susan Collins Susan Margaret CollinsLawmakers")),
            words("Susan Margaret Collins")
        );
        assert!(super::unglue(words("Howard PaulSenate")).is_empty());
        let known = |w: &str| matches!(w, "Charles" | "Hillary");
        assert_eq!(
            super::before_name_repeats(words("Charles Schumer Charles"), &known),
            words("Charles Schumer")
        );
        assert_eq!(
            super::before_name_repeats(words("Hillary Clinton Hillary Diane Rodham"), &known),
            words("Hillary Clinton")
        );
        assert_eq!(
            super::before_name_repeats(words("Wee Kim Wee"), &known),
            words("Wee Kim Wee")
        );
        assert_eq!(
            super::unglue(words("Mitch McConnell Addison Mitchell McConnellGOP")),
            words("Addison Mitchell McConnell")
        );
        for kept in [
            "Mitch McConnell",
            "Leonardo DiCaprio",
            "F. Scott FitzGerald",
            "Ben DeVos",
            "Douglas MacArthur",
            "Kayleigh McEnany",
        ] {
            assert_eq!(super::unglue(words(kept)), words(kept));
        }
        // In an article, the legal name joins the name the text uses.
        let p = people(
            "President Trump Donald John TrumpGOP senators met on Tuesday. Donald Trump said the \
             meeting went well.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, vec!["Donald John Trump"]);
    }

    /// "Don" and "Dean" are titles but common first names: in a name they are the first name. A
    /// bundled Wikinews article ("Massey Chairman and CEO, Don Blankenship") and, where the
    /// research data is, AllSides articles on Don McGahn and Dean Heller (whose surname alone was
    /// the name, or no name at all: "McGahn" is on no list).
    #[test]
    fn don_and_dean_are_first_names() {
        let recognizer = Recognizer::bundled().unwrap();
        let bundled =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/wikinews/ID14470.json");
        let mut articles = vec![(bundled, "Don Blankenship")];
        for (rel, name) in [
            ("allsides/jsons/j1ThWumdXqYxGG4R.json", "Don McGahn"),
            ("allsides/jsons/NqCM34eWIiLY7ZnB.json", "Dean Heller"),
        ] {
            articles.extend(crate::corpus::shared_data(rel).map(|p| (p, name)));
        }
        for (path, name) in articles {
            let article = crate::corpus::read_file(&path).unwrap().articles.remove(0);
            let e = recognizer.entities(article.headline.as_deref(), &article.body);
            let people: Vec<&str> = e.people.iter().map(|p| p.name.as_str()).collect();
            assert!(
                people.contains(&name),
                "{name} in {}: {people:?}",
                path.display()
            );
        }
    }

    /// A word that opens the sentence is no part of the name after it; "Will" before one word is
    /// the first name it also is.
    #[test]
    fn words_of_the_sentence_before_a_name_are_no_part_of_it() {
        // Wikinews, "In depth: XM and Sirius merger" (CC BY 2.5).
        let text = "The most popular shows will probably be simulcast to both networks, but there is \
                    not enough bandwidth to completely duplicate all of the shows on both networks. \
                    So Howard Stern and Oprah, for example, will probably make their way to the \
                    other network.";
        let found: Vec<String> = people(text).into_iter().map(|(n, _, _)| n).collect();
        assert!(found.contains(&"Howard Stern".to_string()), "{found:?}");
        assert!(!found.iter().any(|n| n.starts_with("So ")), "{found:?}");
        // AllSides stories (research data, skipped where absent).
        for (id, person, not) in [
            (
                "NhgyBungZQN7xfDx",
                "Hillary Clinton",
                "Will Hillary Clinton",
            ),
            ("Ih1Ks8boW9ijIIlN", "Donald Trump", "Will Donald Trump"),
            ("9UYTy5uxYF7OaMKg", "Donald Trump", "So Donald Trump"),
        ] {
            let Some(e) = allsides_article(id) else {
                return;
            };
            assert!(names(&e).contains(&person), "{id}: {:?}", names(&e));
            assert!(!names(&e).contains(&not), "{id}: {:?}", names(&e));
        }
    }

    /// The Hill's pages end the text of a link to a person's page with "MORE" ("Trump MORE's
    /// entry into the 2020 race"): no part of the name, nor a name alone; but "Carter PAGE", of
    /// another link beside the text's "Carter Page", keeps its surname. AllSides stories
    /// (research data, skipped where absent).
    #[test]
    fn a_word_in_capitals_after_a_name_is_cut_when_it_is_a_common_word() {
        for (id, person) in [
            ("Fj8pCe1PcvTLc8wZ", "Michael Bloomberg"),
            ("PdopCkra94znnoGf", "Dianne Feinstein"),
            ("WFCZUuphtrwfGPrM", ""),
        ] {
            let Some(e) = allsides_article(id) else {
                return;
            };
            let found = names(&e);
            assert!(
                person.is_empty() || found.contains(&person),
                "{id}: {found:?}"
            );
            assert!(!found.iter().any(|n| n.contains("MORE")), "{id}: {found:?}");
        }
        if let Some(e) = allsides_article("DIRx9B4sKjihKMqw") {
            assert!(!names(&e).contains(&"Carter"), "{:?}", names(&e));
        }
    }

    /// AllSides stories (research data): the Senate's "Whip Dick Durbin" and the "Libertarian
    /// Gary Johnson" of a list of candidates are Dick Durbin and Gary Johnson; a name of two
    /// words keeps its first ("Biz Stone", Twitter's founder).
    #[test]
    fn a_common_word_before_a_name_is_no_part_of_it() {
        for (id, person) in [
            ("6SC5eYjv3MKcDib2", "Dick Durbin"),
            ("o0p7BO3b70YcgIxJ", "Gary Johnson"),
        ] {
            if let Some(e) = allsides_article(id) {
                let people = names(&e);
                assert!(people.contains(&person), "{person}: {people:?}");
                assert!(people.iter().all(|p| !p.ends_with(person) || *p == person));
            }
        }
        let p = people("Twitter co-founder Biz Stone said the company would grow.");
        assert_eq!(p[0].0, "Biz Stone");
    }
}
