//! What an article itself shows of a person: evidence right beside a mention that only a person's
//! name has. An honorific or an office right before it ("Mr. Denver", "Senator Rubio", "Secretary
//! of State Marco Rubio", see [`HONORIFICS`](super::gazetteer::HONORIFICS)), a word of speech right
//! after it or "said" right before it ("Lavrov said", "said Lavrov", but not "said Dean Witter
//! Reynolds Inc", where the mention starts a longer name), or an age in commas after it ("Lavrov,
//! 75,"). Speech attests the speaker only: not the name a preposition puts in the speaker's
//! description ("a spokesman for Fannie Mae said") or that describes the speaker ("said Dean
//! Witter analyst Karen Gibbs"), nor the subject of what was said ("the regulator said Fannie Mae
//! would raise capital"). And nothing attests a mention that runs on into a company's full name
//! ("said lead manager Alex Brown and Sons Inc").
//!
//! The tagger's label is a guess from the words around one mention; these are what a reader would
//! point to. Places, buildings and epithets the tagger takes for people ("Denver" in a list of
//! cities, "Trump Tower", "Crooked Hillary") are almost never attested, and the archive's verdict
//! ([`crate::index::verdict`]) counts the articles that attest each name.
//!
//! Only running text attests (a heading's "Denver Says No" is no evidence), and the words of speech
//! are a closed class: the verbs that report what someone said.

use super::company::{is_legal_form, is_written_legal_form};
use super::gazetteer::{is_honorific, is_title};
use super::resolve::TextToken;
use super::{Entity, Mention};

/// Verbs that report speech, written right after the speaker ("Lavrov said", "Pelosi told").
const SPEECH_AFTER: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "asked",
    "asks",
    "wrote",
    "writes",
    "tweeted",
    "replied",
    "recalled",
    "testified",
    "insisted",
];

/// Verbs that report speech, written right before the speaker ("…, said Lavrov").
const SPEECH_BEFORE: &[&str] = &["said", "says", "added", "asked", "wrote"];

/// Auxiliary and modal verbs. Right after a name that "said" precedes, they make the name the
/// subject of what was said, not its speaker: "the regulator said Fannie Mae would have to raise
/// capital".
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "should",
    "shall", "may", "might", "must", "did", "does", "do",
];

/// Words in lower case that, beside the [`PREPOSITIONS`], may follow the speaker "said" precedes
/// and come before another name: conjunctions, relative pronouns and prepositions of time ("said
/// Lavrov and Rubio", "said Lavrov, who", "said Lavrov after Rubio"). Any other word in lower case
/// between the name and a capitalised word makes the name part of the speaker's description: "said
/// Dean Witter analyst Karen Gibbs".
const LINKING_WORDS: &[&str] = &[
    "after", "and", "as", "before", "but", "during", "or", "since", "than", "when", "which",
    "while", "who",
];

/// Prepositions. Right before a name that a word of speech follows, they make the name part of
/// the speaker's description, not the speaker: "a spokesman for Fannie Mae said", "the chief
/// economist for Fannie Mae told Reuters", "a lawyer for Trump said".
const PREPOSITIONS: &[&str] = &[
    "of", "for", "at", "from", "with", "by", "to", "in", "on", "about", "against",
];

/// Marks each of `people` the article attests ([`Entity::attested`]), from the tokens of its
/// running text (`running`, in text order). Only mentions that end in the name's last word count:
/// "Trump said" attests Donald Trump, never "Trump Tower", which the article may have resolved
/// "Trump" to.
pub fn attest(people: &mut [Entity], running: &[TextToken<'_>]) {
    for person in people {
        let last = person.name.rsplit(' ').next().unwrap_or_default();
        person.attested = person.mentions.iter().any(|m| attests(m, last, running));
    }
}

/// Returns true if and only if mention `m`, ending in the word `last_word`, is attested by the
/// words of running text around it (see the module doc); false for a mention in a headline or a
/// heading.
fn attests(m: &Mention, last_word: &str, running: &[TextToken<'_>]) -> bool {
    let Some((first, last)) = tokens_of(m, last_word, running) else {
        return false;
    };
    let word = |i: usize| running.get(i).map_or("", |t| t.word);
    let before = first.checked_sub(1).map_or("", word);
    let titled = titled(running, first, last);
    // "said" before attests the speaker ("…, said Lavrov."), not the start of a longer name
    // ("regulators said Dean Witter Reynolds Inc agreed") nor the subject of what was said
    // ("said Fannie Mae would"). A word of speech after attests the speaker ("Lavrov said"), not
    // a name in the speaker's description ("a spokesman for Fannie Mae said").
    let after = word(last + 1);
    let longer = after.chars().next().is_some_and(char::is_uppercase);
    let subject = AUXILIARIES.contains(&after.to_lowercase().as_str());
    let description = after.chars().next().is_some_and(char::is_lowercase)
        && !PREPOSITIONS.contains(&after)
        && !LINKING_WORDS.contains(&after)
        && word(last + 2)
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
    let described = PREPOSITIONS.contains(&before.to_lowercase().as_str());
    let speaks = (SPEECH_AFTER.contains(&after.to_lowercase().as_str()) && !described)
        || (SPEECH_BEFORE.contains(&before.to_lowercase().as_str())
            && !longer
            && !subject
            && !description);
    let aged = word(last + 1) == ","
        && is_age(word(last + 2))
        && matches!(word(last + 3), "," | ")" | ";");
    (titled || speaks || aged) && !runs_into_a_company_name(running, last + 1)
}

/// Returns true if and only if an honorific or an office stands right before mention `m`, ending
/// in the word `last_word`, in running text, or begins it ("Mr. Pawlenty", "Senator Portman"), and
/// the mention runs on into no company's full name: the one evidence of [`attest`]'s that saves a
/// name no list of names knows (rule 5 of [`crate::ner::resolve`]); speech does not, since
/// companies speak too ("Chrysler said").
pub fn is_titled(m: &Mention, last_word: &str, running: &[TextToken<'_>]) -> bool {
    tokens_of(m, last_word, running).is_some_and(|(first, last)| {
        titled(running, first, last) && !runs_into_a_company_name(running, last + 1)
    })
}

/// The positions in `running` of the first and the last token of mention `m`, if running text
/// holds it (not a headline's or a heading's) and it ends in the word `last_word`.
fn tokens_of(m: &Mention, last_word: &str, running: &[TextToken<'_>]) -> Option<(usize, usize)> {
    if m.in_headline {
        return None;
    }
    let first = running.partition_point(|t| t.mention.start < m.start);
    running.get(first).filter(|t| t.mention.start == m.start)?;
    let last = first + running[first..].partition_point(|t| t.mention.end < m.end);
    running
        .get(last)
        .filter(|t| t.mention.end == m.end && t.word.eq_ignore_ascii_case(last_word))?;
    Some((first, last))
}

/// Returns true if and only if the words of a title run right before the tokens `first..=last` of
/// `running` back to its honorific ("Secretary of State Marco Rubio"), or the tagger took an
/// honorific into the span ("President Putin").
fn titled(running: &[TextToken<'_>], first: usize, last: usize) -> bool {
    let title = running[..first]
        .iter()
        .rev()
        .take(4)
        .take_while(|t| is_title(t.word) || t.word == "of");
    title.clone().any(|t| is_honorific(t.word))
        || (last > first && running.get(first).is_some_and(|t| is_honorific(t.word)))
}

/// Returns true if and only if the words of `running` from `from` on carry the name before them
/// on into a company's full name: capitalised words, commas, "and" and "&", then a capitalised
/// legal form not followed by a possessive ("said sole manager E.F. Hutton and Co Inc", "lead
/// manager Smith Barney, Harris Upham and Co Inc", "Alex Brown and Sons Inc"; not "said Lavrov and
/// company officials"). Such a mention is the company's, whatever stands around it.
fn runs_into_a_company_name(running: &[TextToken<'_>], from: usize) -> bool {
    let word = |i: usize| running.get(i).map_or("", |t| t.word);
    for i in from..from + 6 {
        let w = word(i);
        if is_written_legal_form(w) {
            let end = (i..).find(|&j| !is_legal_form(word(j))).unwrap_or(i);
            return !is_possessive(word(end));
        }
        if !matches!(w, "," | "and" | "&") && !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// Returns true if and only if `word` is the possessive the tokenizer splits off a name ("'s").
fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'" | "’")
}

/// Returns true if and only if `word` is a person's age: a number from 1 to 120.
fn is_age(word: &str) -> bool {
    word.parse::<u8>().is_ok_and(|n| (1..=120).contains(&n))
}

#[cfg(test)]
mod tests {
    use crate::ner::Recognizer;

    /// The people of `text` the article attests, and those it does not.
    fn attested(text: &str) -> (Vec<String>, Vec<String>) {
        let e = Recognizer::bundled().unwrap().entities(None, text);
        let (yes, no): (Vec<_>, Vec<_>) = e.people.into_iter().partition(|p| p.attested);
        let names = |l: Vec<crate::ner::Entity>| l.into_iter().map(|p| p.name).collect();
        (names(yes), names(no))
    }

    #[test]
    fn titles_speech_and_ages_attest_a_person() {
        // Sentences of Wikinews articles (economy and business).
        let (yes, _) = attested(
            "The first is scheduled to be filled by Richard Goodman, 57, currently CFO of PepsiCo \
             International, who will become CFO. \"We need help,\" said Andy Kerr, spokesperson \
             for the group. According to a report, Mayor Ron Gonzales is saying the new ranking \
             may help.",
        );
        assert_eq!(yes, ["Richard Goodman", "Andy Kerr", "Ron Gonzales"]);
        let (yes, _) = attested(
            "US Secretary of State Marco Rubio and Russian Foreign Minister Sergey Lavrov met. \
             Lavrov told reporters the talks were useful.",
        );
        assert_eq!(yes, ["Marco Rubio", "Sergey Lavrov"]);
    }

    #[test]
    fn a_name_only_listed_or_written_after_in_is_not_attested() {
        // A Reuters story (reut2-018.sgm, 1987) and a list of cities.
        let (yes, no) = attested(
            "Total Energy Resources Inc said it will relocate its offices to Houston from Denver \
             as part of TOTAL's plan. Protests spread to Atlanta, Denver, Los Angeles and \
             Seattle. Hillary Clinton spoke in Iowa.",
        );
        assert!(yes.is_empty(), "{yes:?}");
        assert!(no.contains(&"Hillary Clinton".to_string()), "{no:?}");
    }

    /// "said" before a name attests its speaker, not the first words of a company's name (a
    /// Reuters story, reut2-000.sgm, 1987).
    #[test]
    fn said_before_the_start_of_a_longer_name_is_no_speaker() {
        let (yes, _) = attested(
            "Federal regulators said Dean Witter Reynolds Inc, the brokerage subsidiary of Sears, \
             Roebuck and Co, agreed to a censure to settle charges that it failed to fully report \
             cash transactions.",
        );
        assert!(yes.is_empty(), "{yes:?}");
        let (yes, _) = attested("\"We will appeal,\" said Dean Heller, who lost.");
        assert_eq!(yes, ["Dean Heller"]);
    }

    /// "said" before a name whose verb follows reports what was said of it, and a word of speech
    /// after a name in the speaker's description reports the speaker's words: neither attests the
    /// name (Wikinews, economy and business: "Family First said Hell Pizza had crossed the line",
    /// "A spokesman for Winner International said in a statement").
    #[test]
    fn the_subject_of_what_was_said_and_the_speaker_s_employer_are_not_attested() {
        let (yes, _) = attested(
            "Bob McCoskrie, national director of the group Family First said Hell Pizza had \
             crossed the line of what was decent and acceptable advertising.",
        );
        assert!(yes.is_empty(), "{yes:?}");
        let (yes, _) = attested(
            "James Winner founded Winner International and sold over ten million units. A \
             spokesman for Winner International said in a statement, \"this is a very difficult \
             time for all of us.\"",
        );
        assert!(yes.is_empty(), "{yes:?}");
        let (yes, _) = attested("\"We will appeal,\" said Dean Heller in a statement.");
        assert_eq!(yes, ["Dean Heller"]);
    }

    /// Reuters stories (research data, 1987): a firm named like a person is no speaker where it
    /// describes the speaker ("said Dean Witter analyst Karen Gibbs") or where its name runs on
    /// into the company's full name ("said lead manager Alex Brown and Sons Inc"), though a title
    /// and "said" stand before it.
    #[test]
    fn a_firm_named_like_a_person_is_not_attested_by_its_people_s_words() {
        use crate::ner::testing::reuters_article;
        let cases = [
            (
                "reuters21578/reut2-012.sgm",
                "said Dean Witter analyst Karen Gibbs",
                "Witter",
            ),
            (
                "reuters21578/reut2-004.sgm",
                "said lead manager Alex Brown and Sons",
                "Brown",
            ),
        ];
        for (file, phrase, firm) in cases {
            let Some(e) = reuters_article(file, phrase) else {
                return;
            };
            let attested = e.attested_people();
            assert!(attested.iter().all(|p| !p.ends_with(firm)), "{attested:?}");
        }
    }
}
