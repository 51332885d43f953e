//! Names that are no person's (rules 5, 7, 8 and 10 of [`super`]): names that read as an
//! organisation, a role, a place or a thing, one-word names that are never a person's, names that
//! begin a company's full name, and names running text writes where places go.

use std::collections::HashSet;

use super::clean::clean_other_name;
use super::{Lexicon, Span, TextToken, listed};
use crate::ner::{Entity, EntityKind};

/// Words that make a name an organisation's ("Adam Air", "Bell Labs") or a thing's when they follow
/// its first word. Words that are also common surnames (Church, Bridge, Flight) are not here.
const ORGANISATION_WORDS: &[&str] = &[
    "air",
    "airlines",
    "airways",
    "airport",
    "lines",
    "bank",
    "bancorp",
    "labs",
    "laboratories",
    "forum",
    "group",
    "motors",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "company",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "holdings",
    "partners",
    "associates",
    "brothers",
    "bros",
    "bros.",
    "sisters",
    "capital",
    "foundation",
    "institute",
    "university",
    "college",
    "school",
    "council",
    "committee",
    "party",
    "association",
    "agency",
    "fund",
    "trust",
    "studios",
    "records",
    "systems",
    "technologies",
    "communications",
    "networks",
    "media",
    "news",
    "times",
    "post",
    "securities",
    "insurance",
    "energy",
    "index",
    "exchange",
    "storm",
    "hurricane",
    "award",
    "awards",
    "prize",
    "cup",
    "street",
    "avenue",
    "road",
    "square",
    "stadium",
    "hospital",
    "administration",
    "policy",
    "plan",
    "act",
    "patrol",
    "protection",
    "parenthood",
    "arrivals",
    "bureau",
    "images",
    "bowl",
    "globe",
    "garden",
    "valley",
    "dlrs",
    "dlr",
    "dem",
    "dems",
];

/// Last words that are a job, not a surname ("Chief Executive Officer").
const ROLE_ENDINGS: &[&str] = &[
    "officer",
    "executive",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "director",
    "secretary",
    "minister",
    "president",
    "ambassador",
    "commissioner",
    "treasurer",
    "analyst",
    "economist",
    "chancellor",
    "republican",
    "republicans",
    "democrat",
    "democrats",
    "gov.",
    "sen.",
    "rep.",
];

/// First words that never start a person's name: determiners and possessives, and words that start
/// the names of places, storms and things ("Capitol Hill", "Hurricane Dorian", "Privacy Policy").
pub(super) const NON_NAME_STARTS: &[&str] = &[
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "the",
    "an",
    "this",
    "that",
    "these",
    "those",
    "capitol",
    "hurricane",
    "typhoon",
    "cyclone",
    "tropical",
    "privacy",
    "planned",
    "childhood",
    "border",
    "operation",
    "fort",
    "mount",
    "lake",
    "port",
    "san",
    "los",
    "las",
    "new",
    "hide",
];

/// Words that are never a person's name on their own (nor are months but May, a surname): name
/// suffixes, days, holidays, faiths, awards, web companies and news agencies ("Jr." of "Martin
/// Luther King, Jr.", "Christmas" of "Father Christmas", "Muslim" of "Muslim Council", "Oscar" of
/// "won an Oscar", "Reuter" of "the Reuter service").
pub(super) const NEVER_ONE_WORD_NAMES: &[&str] = &[
    "jr",
    "jr.",
    "sr",
    "sr.",
    "ii",
    "iii",
    "iv",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "christmas",
    "easter",
    "ramadan",
    "thanksgiving",
    "halloween",
    "hanukkah",
    "passover",
    "muslim",
    "muslims",
    "christian",
    "christians",
    "jewish",
    "catholic",
    "baptist",
    "protestant",
    "hindu",
    "sikh",
    "buddhist",
    "sunni",
    "shia",
    "islamic",
    "god",
    "allah",
    "oscar",
    "oscars",
    "emmy",
    "grammy",
    "google",
    "facebook",
    "twitter",
    "youtube",
    "microsoft",
    "reuter",
    "reuters",
];

/// Returns true if and only if the cleaned name `words` (two words or more) reads as an
/// organisation, a role or a thing rather than a person (rule 7): a word after the first is an
/// organisation word, or the last is a job, or the first a determiner or possessive.
pub(super) fn reads_as_no_person(words: &[String]) -> bool {
    let [first, rest @ ..] = words else {
        return false;
    };
    !rest.is_empty()
        && (rest.iter().any(|w| listed(ORGANISATION_WORDS, w))
            || rest.last().is_some_and(|w| listed(ROLE_ENDINGS, w))
            || listed(NON_NAME_STARTS, first))
}

/// Returns true if and only if the cleaned name `words` (two words or more) reads as a phrase of
/// the language rather than a person's name (rule 7): the news writes each of its words mostly in
/// lower case ([`Lexicon::is_common_word`]) and no list of names knows its first
/// ([`Lexicon::is_known_name`]). "Witch Hunt", "Dead Man", "Mother Nature", "Reservoir Dogs",
/// "Glacial Winter" are titles, slogans and epithets; "Bill Shine" and "Will Young" keep their
/// first names, and "Mother Jones" its surname.
pub(super) fn reads_as_a_phrase(words: &[String], lexicon: &Lexicon<'_>) -> bool {
    words.len() > 1
        && words.iter().all(|w| (lexicon.is_common_word)(w))
        && !(lexicon.is_known_name)(&words[0])
}

/// Returns true if and only if the cleaned name `words` (two words or more) is a thing's named
/// after someone or something (rule 7): the news writes its last word mostly in lower case
/// ([`Lexicon::is_common_word`]), no list of names knows that word, nor is it a generational
/// suffix, and no list of first names knows the name's first word. "Steele Dossier", "Weta
/// Workshops", "Trump Organization", "Stobart Spotting" are a document, a firm, a business and a
/// hobby; "Gordon Brown" and "Kevin Young" end in surnames, "Steve Jobs" and "Max Boot" begin with
/// first names, and "Elizabeth II" ends in a generational suffix.
pub(super) fn ends_in_a_noun(words: &[String], lexicon: &Lexicon<'_>) -> bool {
    let [before @ .., last] = words else {
        return false;
    };
    !before.is_empty()
        && (lexicon.is_common_word)(last)
        && !(lexicon.is_known_name)(last)
        && !(lexicon.is_surname)(last)
        && !listed(NEVER_ONE_WORD_NAMES, last)
        && !(lexicon.is_first_name)(&before[0])
}

/// The names that begin a company's full name among `spans` (rule 8), lowercased, words joined
/// by spaces: "chrysler" and "chrysler financial" for "Chrysler Financial Corp".
pub(super) fn company_name_starts(spans: &[Span]) -> HashSet<String> {
    let mut starts = HashSet::new();
    for s in spans.iter().filter(|s| s.kind == EntityKind::Organisation) {
        crate::ner::company::add_name_starts(&clean_other_name(&s.words), &mut starts);
    }
    starts
}

/// Returns true if and only if `word` can carry a name: two letters or more, with a full stop at
/// most at its end ("Lee", "St.", not "J." or "S.P.A."). A person's name needs one such word.
pub(super) fn is_name_word(word: &str) -> bool {
    let body = word.strip_suffix('.').unwrap_or(word);
    body.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !body.contains('.')
}

/// Words after which a name is where something happens ("in Denver", "at Trump Tower"): a closed
/// class of prepositions of place.
const PLACE_WORDS: &[&str] = &["in", "at", "near", "inside", "outside"];

/// Returns true if and only if running text writes `name` (its words in a row, not followed by a
/// possessive: "at Smith's" is no place) at least once, and at least half the times right after
/// one of the [`PLACE_WORDS`]. `starts` are the positions in `running` of the name's first word.
pub(super) fn mostly_after_place_words(
    name: &[String],
    running: &[TextToken<'_>],
    starts: &[usize],
) -> bool {
    let (mut seen, mut placed) = (0, 0);
    for &i in starts {
        let Some(window) = running.get(i..i + name.len()) else {
            break;
        };
        if !window.iter().zip(name).all(|(t, w)| t.word == w) {
            continue;
        }
        let next = running.get(i + name.len()).map(|t| t.word);
        if matches!(next, Some("'s" | "’s" | "'" | "’")) {
            continue;
        }
        seen += 1;
        if i > 0 && PLACE_WORDS.contains(&running[i - 1].word) {
            placed += 1;
        }
    }
    seen > 0 && placed * 2 >= seen
}

/// Nouns for a kind of work, or of a band or a publication, written right before its title
/// ("the abortion drama Vera Drake", "the rock band Franz Ferdinand", "the satire magazine Charlie
/// Hebdo"): a closed class, without the words that are also verbs ("polls show Clinton", "Trump
/// hit Clinton", "will play Hanks").
const WORK_WORDS: &[&str] = &[
    "album",
    "band",
    "biopic",
    "blockbuster",
    "comedy",
    "documentary",
    "drama",
    "film",
    "magazine",
    "movie",
    "musical",
    "newspaper",
    "novel",
    "opera",
    "sitcom",
    "thriller",
];

/// Returns true if and only if running text writes the name of `person` whole right after one of
/// the [`WORK_WORDS`] in lower case: the name is the title of the work, the band, the publication.
/// A part of the name does not count ("the biopic Ray" beside Ray Charles is about him), nor a
/// name after a title in quotes ("Australia's ''Cleo'' magazine Sharri Markson" names the
/// magazine's editor). `running` lists the tokens of running text in order (headings are not
/// running text).
pub(super) fn named_as_a_work(person: &Entity, running: &[TextToken<'_>]) -> bool {
    let quote = |t: &TextToken<'_>| t.word.chars().all(|c| "'\"’”".contains(c));
    let name: Vec<&str> = person.name.split(' ').collect();
    person.mentions.iter().filter(|m| !m.in_headline).any(|m| {
        let at = running.partition_point(|t| t.mention.start < m.start);
        let whole = running.get(at..at + name.len()).is_some_and(|words| {
            words.iter().zip(&name).all(|(t, w)| t.word == *w)
                && words.first().is_some_and(|t| t.mention.start == m.start)
        });
        at > 0
            && whole
            && WORK_WORDS.contains(&running[at - 1].word)
            && !at
                .checked_sub(2)
                .and_then(|i| running.get(i))
                .is_some_and(quote)
    })
}

#[cfg(test)]
mod tests {
    use crate::ner::Recognizer;
    use crate::ner::testing::*;

    /// A Reuters story (research data, 1987): "Kenner Parker Toys Inc's Parker Brothers said"
    /// names a company; a name ending in "Brothers" is never one person's.
    #[test]
    fn brothers_are_no_person() {
        if let Some(e) = reuters_article(
            "reuters21578/reut2-013.sgm",
            "Kenner Parker Toys Inc's Parker Brothers said",
        ) {
            assert!(!names(&e).contains(&"Parker Brothers"), "{:?}", names(&e));
        }
    }

    /// AllSides stories (research data): the President's "Witch Hunt", capitalised in his
    /// tweets, is no person; Bill Shine, whose first name is a word too, is.
    #[test]
    fn a_phrase_of_common_words_is_no_person() {
        if let Some(e) = allsides_article("UrOCDFxpnUdK8K9b") {
            let people = names(&e);
            assert!(people.contains(&"Robert Mueller"), "{people:?}");
            assert!(!people.contains(&"Witch Hunt"), "{people:?}");
        }
        if let Some(e) = allsides_article("KMzJz5FivGarRPsD") {
            assert!(names(&e).contains(&"Bill Shine"), "{:?}", names(&e));
        }
        let p = people("Ms Hicks read The Witch Hunt. Hope Hicks said the Dead Man was a film.");
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(n.contains(&"Hope Hicks"), "{n:?}");
        assert!(
            !n.iter().any(|p| p.contains("Dead") || p.contains("Witch")),
            "{n:?}"
        );
    }

    /// Wikinews (CC BY 2.5) and AllSides (research data) stories: a name of which no list of
    /// first names knows the first word, ending in a word the news writes in lower case, is a
    /// thing named after someone or something: the bands and studios of a Wellington festival,
    /// the "Steele Dossier". The people around them stay.
    #[test]
    fn a_name_ending_in_a_noun_is_a_thing() {
        if let Some(e) = shared_article("wikinews-economy/ID102844.json") {
            let people = names(&e);
            assert!(!people.contains(&"Weta Workshops"), "{people:?}");
            assert!(!people.contains(&"Sonic Altar"), "{people:?}");
        }
        if let Some(e) = allsides_article("vKpfzb2Td0f4SNQ3") {
            let people = names(&e);
            assert!(people.contains(&"James B. Comey"), "{people:?}");
            assert!(!people.contains(&"Steele Dossier"), "{people:?}");
        }
        let p = people(
            "Stobart Spotting grew. Steve Jobs and Kevin Young met Mehmet Oz. Pope Tawadros II said so.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(!n.contains(&"Stobart Spotting"), "{n:?}");
        for person in ["Steve Jobs", "Kevin Young", "Mehmet Oz", "Tawadros II"] {
            assert!(n.contains(&person), "{person}: {n:?}");
        }
    }

    /// Reuters (research data), reut2-004.sgm and reut2-006.sgm: a Dutch bank's "N.V." and
    /// "B.A." ran the wire's capitalised "Said" into a name.
    #[test]
    fn a_word_of_the_sentence_alone_is_no_person() {
        for (file, phrase) in [
            (
                "reuters21578/reut2-004.sgm",
                "Algemene Bank Nederland N.V. Said",
            ),
            ("reuters21578/reut2-006.sgm", "Rabobank Nederland B.A. Said"),
        ] {
            if let Some(e) = reuters_article(file, phrase) {
                assert!(!names(&e).contains(&"Said"), "{:?}", names(&e));
            }
        }
    }

    /// Wikinews, "Musicians use iPhone apps to sell music" (2010) and "Australian fashion
    /// magazine Cleo to drop annual bachelor of the year" (2013), CC BY 2.5.
    #[test]
    fn a_work_band_or_publication_is_no_person() {
        let p = people(
            "Arthur also notes that \"the Canadian rock band Rush has an app, and the industrial \
             rock band Nine Inch Nails, led by Trent Reznor – who has been critical of the music \
             industry – has one too.\" Senior Editor for Australia's ''Cleo'' magazine Sharri \
             Markson confirmed on Wednesday that the award would end.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(n.contains(&"Trent Reznor"), "{n:?}");
        assert!(n.contains(&"Sharri Markson"), "{n:?}");
        assert!(
            !n.contains(&"Rush") && !n.contains(&"Nine Inch Nails"),
            "{n:?}"
        );
    }

    #[test]
    fn organisations_and_roles_are_not_people() {
        // Sentences of the bundled Wikinews articles that used to give these "people".
        let p = people(
            "Adam Air Flight 574 disappeared over Sulawesi. Adam Air said the search would go on. \
             Ford's Chief Executive Officer, William Clay Ford Jr., announced the plan. \
             He met researchers from Bell Labs. My Winter Storm was her third album.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(n.contains(&"William Clay Ford"), "{n:?}");
        for wrong in [
            "Adam Air",
            "Adam Air Flight",
            "Executive Officer",
            "Bell Labs",
            "My Winter Storm",
        ] {
            assert!(!n.contains(&wrong), "{wrong} is not a person: {n:?}");
        }
    }

    #[test]
    fn places_laws_offices_and_party_members_are_not_people() {
        let p = people(
            "Senate Majority Leader Mitch McConnell, a Kentucky Republican, said the vote would \
             come soon. Lawmakers on Capitol Hill said the Reagan Administration had no plan. The \
             Border Patrol said it was ready, and Sen. Rand Paul spoke in the Rose Garden. Mayor \
             Julian Castro of San Antonio said San Antonio Julian Castro would run. The Census \
             Bureau said Hurricane Katrina struck in August. Father Christmas visited on \
             Christmas Eve. Martin Luther King, Jr. inspired him, he said.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            n,
            [
                "Mitch McConnell",
                "Rand Paul",
                "Julian Castro",
                "Martin Luther King"
            ]
        );
        assert_eq!(p[2].1, 2, "Julian Castro, twice");
    }

    #[test]
    fn a_name_that_begins_a_company_name_is_the_company() {
        // Sentences of bundled Wikinews articles (ID36443, ID52082) that used to give these
        // "people".
        let p = people(
            "The Elmwood Village Hotel is a 72-room, seven-million-dollar hotel proposed by Savarino \
             Construction Services Corporation. Karl Frizlen, an architect with Frizlen Group, designed \
             the hotel. Although the properties are \"under contract,\" it is still unknown if Savarino \
             Construction actually owns the buildings.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(n, vec!["Karl Frizlen"]);
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/wikinews/ID52082.json"
        ))
        .unwrap();
        let article: serde_json::Value = serde_json::from_str(&text).unwrap();
        let e = Recognizer::bundled()
            .unwrap()
            .entities(article["title"].as_str(), article["body"].as_str().unwrap());
        let n = names(&e);
        assert!(!n.contains(&"Google"), "{n:?}");
        for person in ["Eric Schmidt", "Chad Hurley"] {
            assert!(n.contains(&person), "{person} missing from {n:?}");
        }
    }

    #[test]
    fn a_name_mostly_after_in_or_at_is_a_place() {
        // Wikinews, "Founder and CEO of Rockmount Ranchwear Jack Weil dies at age 107" (CC BY 2.5).
        let text = "Jack Weil, founder and CEO of Rockmount Ranch Wear died on August 13 at the age \
                    of 107 in Denver, Colorado. In 1946, Weil rented a space at 1626 Wazee Street in \
                    Denver and set about trying to create a fashionable yet practical identity. A \
                    party was held at Weil's store. Denver mourned.";
        let tokens: Vec<super::TextToken> = crate::ner::tokenize::sentences(text)
            .into_iter()
            .flatten()
            .map(|t| super::TextToken {
                word: t.text(text),
                mention: crate::ner::Mention {
                    in_headline: false,
                    start: t.start,
                    end: t.end,
                },
            })
            .collect();
        let placed = |name: &str| {
            let name = words(name);
            let starts: Vec<usize> = (0..tokens.len())
                .filter(|&k| tokens[k].word == name[0])
                .collect();
            super::mostly_after_place_words(&name, &tokens, &starts)
        };
        // Two of three times after "in".
        assert!(placed("Denver"));
        // "at Weil's store" is no place; "Jack Weil" and "Weil rented" are people.
        assert!(!placed("Weil"));
        assert!(!placed("Jack Weil"));
        assert!(!placed("Colorado Springs"));
    }
}
