//! The document's corrections to the tagger's labels: what the CRF decides word by word, sentence by
//! sentence, checked against the whole document once every sentence is tagged.
//!
//! In order:
//! 1. A person's name ending with an initial runs on into the name after it
//!    ([`join_after_initials`]), and so does one ending with a name particle, or followed by a
//!    surname glued to one ("Robin van" + "Persie", "Valery Giscard" + "d'Estaing",
//!    [`join_over_particles`]); no person's name runs across a comma, a semicolon or a word in
//!    lower case that is no name particle ([`separate_listed_names`]); a photo credit, a line
//!    crediting the reporters and a court case name no person of the story
//!    ([`drop_photo_credits`], [`drop_report_credits`], [`drop_case_names`]); no name runs on
//!    into the legal name a page prints after it ([`cut_legal_names`]); and a name where a
//!    person's employer stands is that employer: after
//!    "of" and a person's full name, or beside a job of the markets ("Dean Witter analyst Karen
//!    Gibbs", "an analyst with Charles Stanley") ([`name_employers`]).
//! 2. A company's name is one name, and names the document writes as the start of a company's full
//!    name are that company everywhere in it, as is the surname of a company named after someone
//!    ("Lilly" of "Eli Lilly and Co") ([`companies_named_in_full`]).
//! 3. A person's surname alone is that person wherever the tagger missed it
//!    ([`propagate_surnames`]).
//!
//! Both [`Model::tag_document`](super::model::Model::tag_document) callers see the corrected
//! labels: the CoNLL evaluation and the article's entities.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::EntityKind;
use super::company;
use super::eval::chunks;
use super::gazetteer::{self, Gazetteer, is_honorific, is_initial};
use super::model::Label;

/// Applies every correction, in order, to `labels` (one label per word of each sentence of `doc`);
/// `gazetteer` tells the first names.
pub fn correct<S: AsRef<str>>(doc: &[Vec<S>], labels: &mut [Vec<Label>], gazetteer: &Gazetteer) {
    let mut employers = HashSet::new();
    for (sentence, labels) in doc.iter().zip(labels.iter_mut()) {
        join_after_initials(sentence, labels);
        join_over_particles(sentence, labels);
        separate_listed_names(sentence, labels);
        drop_photo_credits(sentence, labels);
        drop_report_credits(sentence, labels);
        drop_case_names(sentence, labels);
        cut_legal_names(sentence, labels);
        name_employers(sentence, labels, &mut employers);
    }
    companies_named_in_full(doc, labels, &employers, gazetteer);
    propagate_surnames(doc, labels);
}

/// Joins a person's name that ends with an initial to the person's name right after it, which
/// the tagger began anew: "John F." + "Kennedy", "George H." + "W. Bush", "Donald J." + "Trump's",
/// "George H" + "W Bush". No one's name ends with an initial.
fn join_after_initials<S: AsRef<str>>(sentence: &[S], labels: &mut [Label]) {
    let person = EntityKind::Person;
    for i in 1..labels.len().min(sentence.len()) {
        let after_initial = matches!(labels[i - 1], Label::Begin(k) | Label::Inside(k) if k == person)
            && is_initial(sentence[i - 1].as_ref());
        if labels[i] == Label::Begin(person) && after_initial {
            labels[i] = Label::Inside(person);
        }
    }
}

/// Runs a person's name on over the particle that ends it into the name after it, which the
/// tagger began anew ("Robin van" + "Persie"), and over a surname glued to its particle that the
/// tagger left out ("Valery Giscard" + "d'Estaing", "Salem Abdul-Aziz" + "al-Sabah"; see
/// [`is_glued_to_particle`]). No one's name ends with a particle.
fn join_over_particles<S: AsRef<str>>(sentence: &[S], labels: &mut [Label]) {
    let person = EntityKind::Person;
    for i in 1..labels.len().min(sentence.len()) {
        if !matches!(labels[i - 1], Label::Begin(k) | Label::Inside(k) if k == person) {
            continue;
        }
        let (before, word) = (sentence[i - 1].as_ref(), sentence[i].as_ref());
        let restarted = labels[i] == Label::Begin(person)
            && is_name_particle(before)
            && labels[i - 1] == Label::Inside(person);
        if restarted || (labels[i] == Label::Outside && is_glued_to_particle(word)) {
            labels[i] = Label::Inside(person);
        }
    }
}

/// Returns true if and only if `word` is a surname glued to the particle before it: a closed class
/// of particles in lower case ("d'", "l'", "al-", "el-", "ad-", "as-", "ash-", "at-", "az-",
/// "bin-", "ibn-", "ben-"), then a capital ("d'Estaing", "al-Sabah", "el-Sisi").
fn is_glued_to_particle(word: &str) -> bool {
    const GLUED: &[&str] = &[
        "d'", "d’", "l'", "l’", "al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "bin-", "ibn-",
        "ben-",
    ];
    GLUED.iter().any(|p| {
        word.strip_prefix(p)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    })
}

/// Cuts a person's name the tagger ran across a comma or a semicolon into the names either side
/// ("Given , Breen , Staunton , Irwin , McAteer" now and then comes out with "Irwin , McAteer" as
/// one name), or across a word in lower case that is no particle of a name ("Graham says Schiff",
/// "Yang and Gabbard", "Green for Dowd"; but "Charles de Gaulle", "Osama bin Laden", "William Pitt
/// the Younger", see [`is_name_particle`]): the word is no part of any name, and each side keeps
/// the label the tagger gave it.
fn separate_listed_names<S: AsRef<str>>(sentence: &[S], labels: &mut [Label]) {
    let person = EntityKind::Person;
    let between_names = |w: &str| {
        matches!(w, "," | ";") || (w.chars().all(|c| c.is_lowercase()) && !is_name_particle(w))
    };
    for i in 0..labels.len().min(sentence.len()) {
        if labels[i] == Label::Inside(person) && between_names(sentence[i].as_ref()) {
            labels[i] = Label::Outside;
            if labels.get(i + 1) == Some(&Label::Inside(person)) {
                labels[i + 1] = Label::Begin(person);
            }
        }
    }
}

/// Returns true if and only if `word`, in lower case, is a particle that names may hold between
/// their capitalised words: a closed class of the world's name particles ("de", "van", "von",
/// "bin", "al", "da", "dos", "arap", the "wa" of "Ngugi wa Thiong'o" …) and the "of" and "the" of
/// peers and monarchs ("John of Gaunt", "William Pitt the Younger").
fn is_name_particle(word: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "a", "af", "al", "ap", "arap", "av", "ben", "bin", "bint", "da", "dal", "das", "de",
        "degli", "dei", "del", "della", "den", "der", "des", "di", "do", "dos", "du", "e", "el",
        "i", "ibn", "la", "las", "le", "lo", "los", "na", "of", "op", "san", "st", "te", "ten",
        "ter", "the", "van", "vander", "von", "wa", "y", "zu", "zum", "zur",
    ];
    PARTICLES.contains(&word)
}

/// Unlabels the photo credits of `sentence`: a person's name followed by a slash and the agency
/// ("Sarah Silbiger/Getty Images", "Ron Edmonds/AP", "Caitlin Ochs / Reuters") is the
/// photographer's, not a person the story names. A slash between two people's names ("Hillary
/// Clinton/Bernie Sanders") credits no one.
fn drop_photo_credits<S: AsRef<str>>(sentence: &[S], labels: &mut [Label]) {
    for (range, kind) in chunks(labels) {
        let agency = range.end + 1;
        let credit = kind == EntityKind::Person
            && sentence.get(range.end).is_some_and(|w| w.as_ref() == "/")
            && sentence
                .get(agency)
                .and_then(|w| w.as_ref().chars().next())
                .is_some_and(char::is_uppercase)
            && labels.get(agency) != Some(&Label::Begin(EntityKind::Person));
        if credit {
            labels[range].fill(Label::Outside);
        }
    }
}

/// Unlabels the people of a sentence that credits the story's reporters and editors rather than
/// telling it: one that says they "contributed to this report" (or story, article), "contributed
/// reporting" or "additional reporting" ("CNN's Ted Barrett and Paul Courson contributed to this
/// report", "Associated Press writers Eric Tucker, Deb Riechmann and Lisa Mascaro contributed to
/// this report"), or that opens with "Reporting by", "Additional reporting by", "Editing by",
/// "Writing by" or "Compiled by" (the wires' "(Reporting by Mariana Simoes; Editing by …)"). A
/// reporter the story itself names elsewhere keeps those mentions.
fn drop_report_credits<S: AsRef<str>>(sentence: &[S], labels: &mut [Label]) {
    let is = |i: usize, w: &str| word_in(sentence, i, &[w]);
    let contributed = (0..sentence.len()).any(|i| {
        is(i, "contributed")
            && (word_in(sentence, i + 1, &["reporting", "additional"])
                || (is(i + 1, "to")
                    && is(i + 2, "this")
                    && word_in(sentence, i + 3, &["report", "story", "article"])))
    });
    let first = sentence
        .iter()
        .position(|w| w.as_ref().chars().any(char::is_alphanumeric))
        .unwrap_or(sentence.len());
    let by = (word_in(
        sentence,
        first,
        &["reporting", "editing", "writing", "compiled"],
    ) && is(first + 1, "by"))
        || (is(first, "additional") && is(first + 1, "reporting") && is(first + 2, "by"));
    if contributed || by {
        for (range, kind) in chunks(labels) {
            if kind == EntityKind::Person {
                labels[range].fill(Label::Outside);
            }
        }
    }
}

/// Returns true if and only if word `i` of `words` is one of `choices`, ignoring ASCII case;
/// false past the end. Compares in place, without lowercasing each word of each sentence.
fn word_in<S: AsRef<str>>(words: &[S], i: usize, choices: &[&str]) -> bool {
    words
        .get(i)
        .is_some_and(|w| choices.iter().any(|c| w.as_ref().eq_ignore_ascii_case(c)))
}

/// Unlabels the people's names that name a court case ("Roe v. Wade", "Bush v. Gore", "Brown v.
/// Board of Education", the BBC's "Roe v Wade"): a name right before "v." or "v" and a capitalised
/// word, right after them and a capitalised word, or holding them ("Roe v. Wade" as one name). The
/// case is a law's name, not a person of the story (a party the story names elsewhere keeps those
/// mentions). "vs." is left alone: it opposes people too ("Jimmy Carter vs. Ronald Reagan").
fn drop_case_names<S: AsRef<str>>(sentence: &[S], labels: &mut [Label]) {
    let word = |i: usize| sentence.get(i).map_or("", AsRef::as_ref);
    let versus = |i: usize| matches!(word(i), "v." | "v");
    if !(0..sentence.len()).any(versus) {
        return;
    }
    let capital = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    for (range, kind) in chunks(labels) {
        let before = versus(range.end) && capital(range.end + 1);
        let after = range.start >= 2 && versus(range.start - 1) && capital(range.start - 2);
        let within = (range.start + 1..range.end.saturating_sub(1)).any(versus);
        if kind == EntityKind::Person && (before || after || within) {
            labels[range].fill(Label::Outside);
        }
    }
}

/// Cuts the first word of a person's legal name off the name the text goes by, where the two run
/// together: "Sen. Ted Cruz Rafael (Ted) Edward Cruz", "Mitch McConnell Addison (Mitch) Mitchell
/// McConnell" (the name cards of The Hill's pages, scraped into the text). A word in brackets
/// right after a name that repeats one of its words is what the person is called, so the name's
/// last word, which the brackets follow, opens another name: the legal one. It is no part of the
/// name before it, and no name of its own.
fn cut_legal_names<S: AsRef<str>>(sentence: &[S], labels: &mut [Label]) {
    let word = |i: usize| sentence.get(i).map_or("", AsRef::as_ref);
    for (range, kind) in chunks(labels) {
        let end = range.end;
        let called = word(end + 1);
        let legal = kind == EntityKind::Person
            && range.len() >= 2
            && word(end) == "("
            && word(end + 2) == ")"
            && (range.start..end - 1).any(|i| word(i) == called);
        if legal {
            labels[end - 1] = Label::Outside;
        }
    }
}

/// Words for the people of the markets, who are quoted by the firm they work for ("Dean Witter
/// analyst Karen Gibbs", "an analyst with Charles Stanley"): a closed class. Political jobs
/// ("strategist", "spokesman", "adviser") are left out, since people have them too ("Trump
/// strategist Steve Bannon", "a spokesman for Pelosi").
const MARKET_JOBS: &[&str] = &[
    "analyst",
    "analysts",
    "economist",
    "economists",
    "trader",
    "traders",
    "dealer",
    "dealers",
    "broker",
    "brokers",
];

/// Returns true if and only if `word` is one of the [`MARKET_JOBS`] (in lower case, as the
/// running text writes it).
fn is_market_job(word: &str) -> bool {
    MARKET_JOBS.contains(&word)
}

/// Returns true if and only if the words `before` a name make it the firm that underwrites an
/// issue of bonds or shares: "underwriter" or "co-manager" (either in the plural), or "manager"
/// after "lead", "sole", "joint" or "co-lead", before the name or before "is", "are", "was" or
/// "were" and the name ("said lead manager Kidder, Peabody and Co Inc", "Sole manager L.F.
/// Rothschild, Unterberg, Towbin", "Lead underwriters are William Blair and Co"). Only firms do
/// that (a football club's "manager Alex Ferguson" has no "lead" or "sole").
fn underwrites<S: AsRef<str>>(before: &[S]) -> bool {
    let is = |i: usize, words: &[&str]| word_in(before, i, words);
    let mut end = before.len();
    if end > 0 && is(end - 1, &["is", "are", "was", "were"]) {
        end -= 1;
    }
    let Some(role) = end.checked_sub(1) else {
        return false;
    };
    is(
        role,
        &["underwriter", "underwriters", "co-manager", "co-managers"],
    ) || (is(role, &["manager", "managers"])
        && role >= 1
        && is(
            role - 1,
            &["lead", "sole", "joint", "co-lead", "joint-lead"],
        ))
}

/// Relabels as an organisation a person's name that stands where a person's employer does, and
/// adds it, lowercased, to `employers` (which [`companies_named_in_full`] then takes for a company
/// wherever the document writes it):
/// - the name "of" puts after a person's full name, the place a person works or comes from, not
///   another person ("said George Adler of Smith Barney", "Edward Johnson of Johnson Redbook
///   Associates", "Sheriff Tackitt of Wilson County"; the first name has two words at least, so
///   that "Catherine of Aragon" stays whole, and "Arvid Jauppi of Arvid Jauppi and Associates"
///   keeps its person);
/// - a name right before a job of the markets ([`MARKET_JOBS`]) and a person's name: "Dean Witter
///   analyst Karen Gibbs", "Prebon Yamane economist Lena Komileva" (not after a word between:
///   "Teixeira replaces economist Joao Sayad", "Reagan nominated economist Alan Greenspan");
/// - a name after such a job and "with", "at", "for" or "of", or after "brokers": "an analyst with
///   Charles Stanley", "chief economist for Fannie Mae", "Nick Knight of brokers James Capel";
/// - the firm that underwrites an issue ([`underwrites`]): "Sole manager L.F. Rothschild".
///
/// A name after an honorific stays a person's ("an analyst with Mr Smith" is no firm), and so does
/// a name before a possessive ("head trader for Ivan Boesky's Seemala Corp").
fn name_employers<S: AsRef<str>>(
    sentence: &[S],
    labels: &mut [Label],
    employers: &mut HashSet<String>,
) {
    let word = |i: usize| sentence.get(i).map_or("", |w| w.as_ref());
    let spans = chunks(labels);
    let people: Vec<Range<usize>> = spans
        .iter()
        .filter(|(_, kind)| *kind == EntityKind::Person)
        .map(|(range, _)| range.clone())
        .collect();
    let person_at = |i: usize| people.iter().any(|p| p.start == i);
    for (n, range) in people.iter().enumerate() {
        let text = |r: &Range<usize>| &sentence[r.clone()];
        let after_person = n > 0 && {
            let before = &people[n - 1];
            before.len() >= 2
                && range.start == before.end + 1
                && word(before.end) == "of"
                && lowercase_joined(text(before)) != lowercase_joined(text(range))
        };
        let job_after = is_market_job(word(range.end)) && person_at(range.end + 1);
        // "manager" is a title too ("manager Alex Ferguson"), but not after "lead" or "sole".
        let underwriter = underwrites(&sentence[..range.start]);
        let job_before = range.start >= 1
            && (word(range.start - 1) == "brokers"
                || underwriter
                || (range.start >= 2
                    && matches!(word(range.start - 1), "with" | "at" | "for" | "of")
                    && is_market_job(word(range.start - 2))));
        let honorific = range.start > 0 && is_honorific(word(range.start - 1)) && !underwriter;
        let possessive = matches!(word(range.end), "'s" | "’s" | "'" | "’");
        if (after_person || job_after || job_before) && !honorific && !possessive {
            employers.insert(lowercase_joined(&sentence[range.clone()]));
            relabel(labels, range.clone(), EntityKind::Organisation);
        }
    }
}

/// Companies named in full decide what their names are in the rest of the document:
/// - a person's span directly followed by an organisation's that starts with a capital and ends in
///   a legal form is the head of that company's name, which the tagger cut in two ("Dean Witter" +
///   "Reynolds Inc", "Carter Hawley" + "Hale Stores Inc"): the two become one organisation (a
///   person "of" a company, "Allan Leslie of Discount Corp.", stays a person). A person's span that
///   ends in a legal form or that a capitalised legal form follows ("Crocker National" + "Corp") is
///   a company's name too, and so is a person's name in brackets right after an organisation's,
///   which is its short name ("Federal Home Loan Mortgage Corporation (Freddie Mac)"), and so is a
///   person's span that "and", a partner's name and a capitalised legal form follow ("Van Waters
///   and Rogers Inc", where the document writes "Rogers" nowhere else; "Edward A. Viner and Co");
/// - then a person's name that begins the full name of a company the document gives, or that the
///   document writes where a person's employer stands ([`name_employers`]: "employers"), the name
///   before its legal form or a partner of a firm ("Pirelli" of "Pirelli SpA", "Magna" of "Magna
///   International Inc", "Samuel Montagu" of "Samuel Montagu and Co", "Harris Upham" of "Smith
///   Barney, Harris Upham and Co"), is that company wherever the document writes it, and so is the
///   surname of such a name ("Hutton" of "E.F. Hutton" where the document gives "E.F. Hutton Group
///   Inc"). A name stays a person's after an honorific ("Mr Flynn"), and a surname stays a
///   person's if it is the surname of a person the document names who is no company ("Flynn" of
///   "Flynn Intel Group" where the document also names "Michael Flynn");
/// - and the surname of a company the document names in full after someone, a first name or
///   initials before it and a legal form after ("Lilly" of "Eli Lilly and Co", "Goodrich" of "B.F.
///   Goodrich Co", "Morgan" of "J.P. Morgan and Co Inc"), is that company wherever the document
///   writes it alone, unless it is the surname of a person the document names who is no company.
///   Not a name with no first name before it: "Maybe Putin & Co." is a manner of speaking.
fn companies_named_in_full<S: AsRef<str>>(
    doc: &[Vec<S>],
    labels: &mut [Vec<Label>],
    employers: &HashSet<String>,
    gazetteer: &Gazetteer,
) {
    // A company's name that reads as a person's: a first name or initials, then a surname ("Eli
    // Lilly and Co", "B.F. Goodrich Co", "W.R. Grace and Co"), not "Maybe Putin & Co".
    let named_after_someone = |name: &str| {
        let first = name.split(' ').next().unwrap_or("");
        let initials = first.len() >= 2
            && first.split_terminator('.').all(|p| p.chars().count() == 1)
            && first.ends_with('.');
        name.contains(' ') && (initials || gazetteer.lookup(first) & gazetteer::FIRST_NAME != 0)
    };
    let mut starts: HashSet<String> = HashSet::new();
    let mut firms: HashSet<String> = HashSet::new();
    let mut people: HashSet<String> = HashSet::new();
    // Returns true if and only if the document writes `w` other than right after "and" or "&":
    // a name of its own ("Texaco" of "Carl Icahn and Texaco Inc" where the story is about
    // Texaco), no firm's partner. Asked only of a firm's partner, which few documents name.
    let written_alone = |w: &str| {
        doc.iter().any(|s| {
            (0..s.len()).any(|i| {
                s[i].as_ref() == w && (i == 0 || !matches!(s[i - 1].as_ref(), "and" | "&"))
            })
        })
    };
    for (sentence, labels) in doc.iter().zip(labels.iter_mut()) {
        join_company_heads(sentence, labels, &written_alone);
        for (range, kind) in chunks(labels) {
            match kind {
                EntityKind::Organisation => {
                    let names = company_starts(&sentence[range], &mut starts);
                    firms.extend(names.into_iter().filter(|n| named_after_someone(n)));
                }
                EntityKind::Person => {
                    people.insert(lowercase_joined(&sentence[range]));
                }
                _ => {}
            }
        }
    }
    let mut companies: HashSet<&str> = people
        .iter()
        .filter(|name| starts.contains(*name))
        .chain(employers)
        .map(String::as_str)
        .collect();
    if companies.is_empty() && firms.is_empty() {
        return;
    }
    // Each later part of a person's name, an employer's or a company's named in full ("l. madoff"
    // and "madoff" of "bernard l. madoff", "hutton" of "e.f. hutton", "lilly" of "Eli Lilly and
    // Co"), with whether every name it ends is a company's.
    let mut surnames: HashMap<&str, bool> = HashMap::new();
    for name in people.iter().chain(employers).chain(&firms) {
        let company = companies.contains(name.as_str()) || firms.contains(name);
        for (i, _) in name.match_indices(' ') {
            *surnames.entry(&name[i + 1..]).or_insert(true) &= company;
        }
    }
    for (surname, company) in surnames {
        if company {
            companies.insert(surname);
        } else {
            companies.remove(surname);
        }
    }
    for (sentence, labels) in doc.iter().zip(labels.iter_mut()) {
        for (range, kind) in chunks(labels) {
            let honorific = range.start > 0 && is_honorific(sentence[range.start - 1].as_ref());
            if kind == EntityKind::Person
                && !honorific
                && companies.contains(lowercase_joined(&sentence[range.clone()]).as_str())
            {
                relabel(labels, range, EntityKind::Organisation);
            }
        }
    }
}

/// Relabels as organisations the company names of `sentence` that the tagger took for people (see
/// [`companies_named_in_full`]).
/// `written_alone` says whether the document writes a word other than right after "and" or "&".
fn join_company_heads<S: AsRef<str>>(
    sentence: &[S],
    labels: &mut [Label],
    written_alone: &dyn Fn(&str) -> bool,
) {
    let word = |i: usize| sentence[i].as_ref();
    let capital = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let spans = chunks(labels);
    for (n, (range, kind)) in spans.iter().enumerate() {
        if *kind != EntityKind::Person {
            continue;
        }
        let company = match spans.get(n + 1) {
            // "Dean Witter" + "Reynolds Inc".
            Some((rest, EntityKind::Organisation))
                if rest.start == range.end
                    && capital(rest.start)
                    && company::is_legal_form(word(rest.end - 1)) =>
            {
                Some(range.start..rest.end)
            }
            // "Crocker National" + "Corp", or "Crocker National Corp" itself.
            _ if company::is_legal_form(word(range.end - 1)) => Some(range.clone()),
            _ if range.end < sentence.len()
                && labels[range.end] == Label::Outside
                && company::is_written_legal_form(word(range.end)) =>
            {
                Some(range.start..range.end + 1)
            }
            // "Van Waters" + "and" + "Rogers Inc", "Alex. Brown" + "and Sons Inc": a firm named
            // after its partners.
            _ if matches!(
                sentence.get(range.end).map(AsRef::as_ref),
                Some("and" | "&")
            ) =>
            {
                partner_and_legal_form(sentence, labels, range.end + 1, written_alone)
                    .map(|end| range.start..end)
            }
            // "Federal Home Loan Mortgage Corporation (Freddie Mac)".
            _ if range.start >= 2
                && word(range.start - 1) == "("
                && range.end < sentence.len()
                && word(range.end) == ")"
                && n > 0
                && matches!(&spans[n - 1], (org, EntityKind::Organisation) if org.end + 1 == range.start) =>
            {
                Some(range.clone())
            }
            _ => None,
        };
        if let Some(company) = company {
            relabel(labels, company, EntityKind::Organisation);
        }
    }
}

/// The end of a firm's partner's name and legal form starting at word `at` of `sentence` ("Rogers
/// Inc" of "Van Waters and Rogers Inc", "Sons Inc", "Co Inc"): one capitalised word the tagger
/// took for no person and the document writes nowhere else (`written_alone` is false), then legal
/// forms; or legal forms alone. None if the words there are not so.
fn partner_and_legal_form<S: AsRef<str>>(
    sentence: &[S],
    labels: &[Label],
    at: usize,
    written_alone: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let word = |i: usize| sentence.get(i).map_or("", AsRef::as_ref);
    let legal_form = |i: usize| company::is_written_legal_form(word(i));
    let not_a_person = |i: usize| {
        !matches!(
            labels.get(i),
            Some(Label::Begin(EntityKind::Person) | Label::Inside(EntityKind::Person))
        )
    };
    let partner = usize::from(!legal_form(at));
    // The document is searched last, for a capitalised word a legal form follows.
    if partner == 1
        && !(word(at).chars().next().is_some_and(char::is_uppercase)
            && not_a_person(at)
            && legal_form(at + 1)
            && !written_alone(word(at)))
    {
        return None;
    }
    let end = (at + partner..sentence.len())
        .find(|&i| !legal_form(i) || !not_a_person(i))
        .unwrap_or(sentence.len());
    (end > at + partner).then_some(end)
}

/// Adds to `starts` the names the organisation's span `words` gives at its start, lowercased and
/// joined by spaces, if and only if it ends in a legal form: each run of its first words short of
/// the legal form ([`company::add_name_starts`]), and the partners of a firm ("harris upham" of
/// "Smith Barney , Harris Upham and Co"). Returns those last, the company's names before its legal
/// forms ([`company::company_names`], lowercased); none for a span without a legal form.
fn company_starts<S: AsRef<str>>(words: &[S], starts: &mut HashSet<String>) -> Vec<String> {
    if !company::add_name_starts(words, starts) {
        return Vec::new();
    }
    let full: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    let names: Vec<String> = company::company_names(&full.join(" "))
        .into_iter()
        .map(str::to_lowercase)
        .collect();
    starts.extend(names.iter().cloned());
    names
}

/// `words` lowercased and joined by spaces.
fn lowercase_joined<S: AsRef<str>>(words: &[S]) -> String {
    let words: Vec<String> = words.iter().map(|w| w.as_ref().to_lowercase()).collect();
    words.join(" ")
}

/// Labels the words of `range` as one entity of `kind`.
fn relabel(labels: &mut [Label], range: Range<usize>, kind: EntityKind) {
    for i in range.clone() {
        labels[i] = if i == range.start {
            Label::Begin(kind)
        } else {
            Label::Inside(kind)
        };
    }
}

/// Document-level consistency for people: once a document names a person in full ("Sergey
/// Lavrov"), a lone capitalised occurrence of the surname elsewhere ("Lavrov") is that person, even
/// where the tagger left it out or took it for a place or an organisation, as long as no other
/// person of the document has the same surname and the word is not part of a longer name there.
fn propagate_surnames<S: AsRef<str>>(doc: &[Vec<S>], labels: &mut [Vec<Label>]) {
    // Full names per surname: a surname two people share is not evidence.
    let mut owners: HashMap<&str, HashSet<String>> = HashMap::new();
    for (s, l) in doc.iter().zip(labels.iter()) {
        for (range, kind) in chunks(l) {
            if kind == EntityKind::Person && range.len() >= 2 {
                let full: Vec<&str> = s[range.clone()].iter().map(AsRef::as_ref).collect();
                owners
                    .entry(s[range.end - 1].as_ref())
                    .or_default()
                    .insert(full.join(" "));
            }
        }
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for (s, l) in doc.iter().zip(labels.iter_mut()) {
        for i in 0..s.len() {
            let w = s[i].as_ref();
            if l[i] != Label::Outside || !capital(w) || owners.get(w).is_none_or(|o| o.len() != 1) {
                continue;
            }
            // Alone: not followed by a capitalised word, not after a tagged capitalised word.
            let followed = s.get(i + 1).is_some_and(|x| capital(x.as_ref()));
            let preceded = i > 0 && capital(s[i - 1].as_ref()) && l[i - 1] != Label::Outside;
            if !followed && !preceded {
                l[i] = Label::Begin(EntityKind::Person);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{EntityKind, Label, cut_legal_names, is_name_particle};
    use crate::ner::Recognizer;
    use crate::ner::testing::{allsides_article, names, people, reuters_article};

    /// BBC (2005) and Reuters (1987) sentences, research data quoted in part: the tagger began
    /// "Persie" anew after "Robin van", and left the particle-glued surnames out of the names.
    #[test]
    fn a_name_runs_on_over_its_particle() {
        let p = people(
            "Substitute Robin van Persie could also have nicked a win. Former French President \
             Valery Giscard d'Estaing said on Tuesday. Central Bank Governor Sheikh Salem \
             Abdul-Aziz al-Sabah said the bank would act.",
        );
        let n: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        for person in [
            "Robin van Persie",
            "Valery Giscard d'Estaing",
            "Salem Abdul-Aziz al-Sabah",
        ] {
            assert!(n.contains(&person), "{person}: {n:?}");
        }
        assert_eq!(n.len(), 3, "{n:?}");
    }

    /// An AllSides story (research data): a state assembly's members are named after their title,
    /// which is no part of the name.
    #[test]
    fn an_assembly_members_title_is_no_part_of_the_name() {
        if let Some(e) = allsides_article("B4cSfMLLJx2N3BBF") {
            let people = names(&e);
            for person in ["Shirley Weber", "Tom Lackey"] {
                assert!(people.contains(&person), "{person}: {people:?}");
            }
            assert!(
                !people.iter().any(|p| p.starts_with("Assembly")),
                "{people:?}"
            );
        }
    }

    /// Reuters stories (1987) with companies the tagger took for people: a short name after the
    /// company's full name ("Grace" of "W.R. Grace and Co", "Sachs" of "Goldman, Sachs and Co"), a
    /// name its legal form follows ("Crocker National" + "Corp") and a short name in brackets
    /// after the full one ("Federal Home Loan Mortgage Corporation (Freddie Mac)").
    #[test]
    fn companies_the_tagger_took_for_people_are_companies() {
        for (rel, phrase, company) in [
            ("reut2-004.sgm", "W.R. Grace and Co's 575 mln", "Grace"),
            ("reut2-001.sgm", "managed by Goldman, Sachs and Co", "Sachs"),
            (
                "reut2-001.sgm",
                "included Crocker National Corp",
                "Crocker National Corp",
            ),
            (
                "reut2-004.sgm",
                "Federal Home Loan Mortgage Corporation (Freddie Mac)",
                "Freddie Mac",
            ),
        ] {
            let Some(e) = reuters_article(&format!("reuters21578/{rel}"), phrase) else {
                return;
            };
            let people: Vec<&str> = e.people.iter().map(|p| p.name.as_str()).collect();
            assert!(
                people.iter().all(|p| !company.starts_with(p)),
                "{company}: {people:?}"
            );
            let organisations: Vec<&str> =
                e.organisations.iter().map(|o| o.name.as_str()).collect();
            assert!(
                organisations.contains(&company),
                "{company}: {organisations:?}"
            );
        }
    }

    /// An AllSides story (Christian Science Monitor) whose photos are credited "Caitlin Ochs/Reuters"
    /// and so on: the photographers are no people of the story; the student each photo shows is.
    #[test]
    fn a_photo_credit_names_no_person_of_the_story() {
        let Some(e) = allsides_article("0KjgU5P1mj9v8QLn") else {
            return;
        };
        let people: Vec<&str> = e.people.iter().map(|p| p.name.as_str()).collect();
        for credited in ["Caitlin Ochs", "Emily Elconin", "Lindsey Wasson"] {
            assert!(!people.contains(&credited), "{credited}: {people:?}");
        }
        for pictured in ["Lydia Hassebroek", "Molly Maguire", "Adison Pucci"] {
            assert!(people.contains(&pictured), "{pictured}: {people:?}");
        }
    }

    /// An AllSides story (CNN) that ends "CNN's Ted Barrett and Paul Courson contributed to this
    /// report": the reporters are no people of the story. A reporter the story names is one.
    #[test]
    fn a_line_crediting_the_reporters_names_no_person_of_the_story() {
        let people = crate::ner::testing::people(
            "Jim Acosta asked Donald Trump about the wall on Monday.\n\nCNN's Jim Acosta and \
             Kevin Liptak contributed to this report.\n\n(Reporting by Mariana Simoes; Editing by \
             Peter Cooney)",
        );
        let listed: Vec<&str> = people.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(listed, ["Jim Acosta", "Donald Trump"]);
        let Some(e) = allsides_article("0wbaKtdxMNTVCUco") else {
            return;
        };
        let people = names(&e);
        for credited in ["Ted Barrett", "Paul Courson"] {
            assert!(!people.contains(&credited), "{credited}: {people:?}");
        }
        assert!(people.contains(&"Barack Obama"), "{people:?}");
    }

    /// A court case is no person: "Roe v. Wade" (an AllSides story on the Supreme Court), "Brown
    /// v. Board of Education"; but "vs." opposes people too.
    #[test]
    fn a_court_case_names_no_person() {
        let people = crate::ner::testing::people(
            "Brett Kavanaugh could vote to overturn Roe v. Wade, and cited Brown v. Board of Education. \
             The best debate was Jimmy Carter vs. Ronald Reagan.",
        );
        let listed: Vec<&str> = people.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(listed, ["Brett Kavanaugh", "Jimmy Carter", "Ronald Reagan"]);
        let Some(e) = allsides_article("0B0aa9pNSIsGAofK") else {
            return;
        };
        let people = names(&e);
        assert!(!people.iter().any(|p| p.contains("Roe")), "{people:?}");
    }

    /// The firm that manages an issue of bonds is no person ("sole lead manager Societe Generale
    /// said", Reuters); a football club's manager is.
    #[test]
    fn the_lead_manager_of_an_issue_is_a_firm() {
        if let Some(e) = reuters_article(
            "reuters21578/reut2-001.sgm",
            "sole lead manager Societe Generale",
        ) {
            let people = names(&e);
            assert!(!people.iter().any(|p| p.contains("Generale")), "{people:?}");
        }
        let people = crate::ner::testing::people(
            "United manager Alex Ferguson said the team would win on Saturday.",
        );
        assert!(people.iter().any(|p| p.0 == "Alex Ferguson"), "{people:?}");
    }

    /// An AllSides story (BBC News) on Michael Flynn and his firm, Flynn Intel Group: "Mr Flynn"
    /// and "Flynn" stay the man.
    #[test]
    fn a_person_keeps_the_name_of_a_firm_named_after_them() {
        let Some(e) = allsides_article("QN2xrHVcQKAzIiff") else {
            return;
        };
        // The headline's "Mike Flynn" and the text's "Michael Flynn" are one person.
        let flynn = e
            .people
            .iter()
            .find(|p| p.name == "Michael Flynn" || p.aliases.iter().any(|a| a == "Michael Flynn"));
        assert!(
            flynn.is_some_and(|p| p.mentions.len() >= 9),
            "{:?}",
            e.people
        );
        assert!(
            e.organisations
                .iter()
                .any(|o| o.name == "Flynn Intel Group")
        );
        assert!(e.organisations.iter().all(|o| o.name != "Flynn"));
    }

    /// A team sheet is a list of surnames; the tagger now and then ran two of them into one name
    /// across the comma ("Irwin McAteer").
    #[test]
    fn a_list_of_surnames_gives_one_person_each() {
        let line = "Ireland: Given, Breen, Staunton, Irwin, McAteer, Harte, McLoughlin, Houghton, \
                    Townsend, Quinn, O'Neill.";
        let e = Recognizer::bundled().unwrap().entities(None, line);
        let people: Vec<&str> = e.people.iter().map(|p| p.name.as_str()).collect();
        for name in ["Irwin", "McAteer", "Harte", "McLoughlin", "Townsend"] {
            assert!(people.contains(&name), "{name} missing: {people:?}");
        }
        assert!(people.iter().all(|p| !p.contains(' ')), "{people:?}");
    }

    /// AllSides pages (research data) list links to related stories; the tagger ran the
    /// headline's two senators into one name across its verb. A particle stays in a name.
    #[test]
    fn a_word_in_lower_case_is_no_part_of_a_name() {
        if let Some(e) = allsides_article("3wjdENvXD9DObNoX") {
            let people = names(&e);
            assert!(!people.contains(&"Graham says Schiff"), "{people:?}");
        }
        let e = Recognizer::bundled().unwrap().entities(
            None,
            "The ceremony honoured Charles de Gaulle, and Osama bin Laden was not mentioned.",
        );
        let people = names(&e);
        assert!(people.contains(&"Charles de Gaulle"), "{people:?}");
        assert!(people.contains(&"Osama bin Laden"), "{people:?}");
        assert!(is_name_particle("van") && is_name_particle("the"));
        assert!(!is_name_particle("says") && !is_name_particle("and"));
    }

    /// An AllSides story (The Hill, on Iran) whose senators carry The Hill's name cards: "Sen.
    /// Ted Cruz Rafael (Ted) Edward Cruz", "Sen. Ben Cardin Benjamin (Ben) Louis Cardin". The
    /// senator is Ted Cruz, not "Ted Cruz Rafael"; a name in brackets that repeats no word of the
    /// name before it ("Cheung Kong (Holdings) Ltd") cuts nothing.
    #[test]
    fn a_legal_name_after_a_name_is_no_part_of_it() {
        if let Some(e) = allsides_article("0RIB95UWMIy95wr9") {
            let people = names(&e);
            for senator in ["Ted Cruz", "Ben Cardin"] {
                assert!(people.contains(&senator), "{senator}: {people:?}");
            }
            assert!(
                people
                    .iter()
                    .all(|p| !p.ends_with("Rafael") && !p.ends_with("Benjamin")),
                "{people:?}"
            );
        }
        let sentence = [
            "Sen.", "Ted", "Cruz", "Rafael", "(", "Ted", ")", "Edward", "Cruz",
        ];
        let person = |from: usize, to: usize| {
            let mut labels = vec![Label::Outside; sentence.len()];
            labels[from] = Label::Begin(EntityKind::Person);
            labels[from + 1..to].fill(Label::Inside(EntityKind::Person));
            labels
        };
        let mut labels = person(1, 4);
        cut_legal_names(&sentence, &mut labels);
        assert_eq!(labels, person(1, 3));
        let company = ["Cheung", "Kong", "(", "Holdings", ")", "Ltd"];
        let mut labels = vec![Label::Outside; company.len()];
        labels[0] = Label::Begin(EntityKind::Person);
        labels[1] = Label::Inside(EntityKind::Person);
        let before = labels.clone();
        cut_legal_names(&company, &mut labels);
        assert_eq!(labels, before);
    }

    /// A firm named after its partners, which the tagger cut after the first: "Van Waters and
    /// Rogers Inc" (Reuters, research data, 1987) is a company, not the person "Van Waters". A
    /// name the document writes on its own after "and" is no partner ("Carl Icahn and Texaco
    /// Inc" where Texaco is named again), nor is a legal form in lower case ("Pelosi and
    /// company", an AllSides story).
    #[test]
    fn a_firm_named_after_its_partners_is_a_company() {
        if let Some(e) = reuters_article("reuters21578/reut2-016.sgm", "Van Waters and Rogers Inc")
        {
            assert!(
                !names(&e).iter().any(|p| p.contains("Waters")),
                "{:?}",
                names(&e)
            );
            assert!(
                e.organisations
                    .iter()
                    .any(|o| o.name == "Van Waters and Rogers Inc")
            );
        }
        if let Some(e) = allsides_article("GOjbe62jklKr7UOP") {
            assert!(names(&e).contains(&"Pelosi"), "{:?}", names(&e));
        }
        let e = Recognizer::bundled().unwrap().entities(
            None,
            "Carl Icahn and Texaco Inc met on Tuesday. Texaco said it was pleased, and Icahn \
             said so too.",
        );
        assert_eq!(names(&e), ["Carl Icahn"]);
    }

    /// An AllSides column (research data) on presidential greatness: "Franklin D. Roosevelt or John
    /// F. Kennedy or Ronald Reagan", "Richard Nixon, George H. W. Bush, and George W. Bush"; the
    /// tagger began a name anew after "F." and "H.", and the son's name was taken for part of the
    /// father's.
    #[test]
    fn a_name_runs_on_after_an_initial_and_other_middle_initials_are_another_person() {
        let Some(e) = allsides_article("RUHgEUfACvockIGh") else {
            return;
        };
        let names = names(&e);
        for name in ["John F. Kennedy", "George H. W. Bush", "George W. Bush"] {
            assert!(names.contains(&name), "{name}: {names:?}");
        }
        let ends_with_initial = |n: &&str| n.rsplit(" ").next().is_some_and(super::is_initial);
        assert!(!names.iter().any(ends_with_initial), "{names:?}");
    }

    /// Reuters stories (research data, 1987): "a license agreement with Eli Lilly and Co involving
    /// Lilly's Humatrope hormone ... Lilly and Roche have entered into the license agreement",
    /// "J.P. Morgan and Co Inc said ... Morgan, which has over 1.9 billion dlrs of Brazilian debt";
    /// an AllSides story (research data) on "Maybe Putin & Co.", where Putin is the man.
    #[test]
    fn the_surname_of_a_company_named_after_someone_is_the_company() {
        let stories = [
            (
                "reuters21578/reut2-018.sgm",
                "Lilly and Roche have",
                "Lilly",
            ),
            (
                "reuters21578/reut2-005.sgm",
                "J.P. Morgan and Co Inc said that Brazil",
                "Morgan",
            ),
        ];
        for (file, phrase, firm) in stories {
            if let Some(e) = reuters_article(file, phrase) {
                assert!(!names(&e).contains(&firm), "{firm}: {:?}", names(&e));
            }
        }
        if let Some(e) = allsides_article("iXqP4FMNslN5fHOz") {
            assert!(names(&e).contains(&"Putin"), "{:?}", names(&e));
        }
    }

    /// A Reuters story (research data, 1987) quoting "Harry Laubscher of Tucker Anthony": the
    /// broker is where he works, no second person.
    #[test]
    fn the_name_of_after_a_person_s_is_where_they_work() {
        if let Some(e) =
            reuters_article("reuters21578/reut2-010.sgm", "Laubscher of Tucker Anthony")
        {
            let people = names(&e);
            assert!(
                people.iter().any(|p| p.ends_with("Laubscher")),
                "{people:?}"
            );
            assert!(!people.contains(&"Tucker Anthony"), "{people:?}");
        }
    }

    /// A firm is quoted through its analysts and economists: "Dean Witter analyst Karen Gibbs"
    /// (Reuters), "Jeremy Batstone-Carr, an analyst with Charles Stanley" (Wikinews). A
    /// politician's strategist is no market job: "Trump strategist Steve Bannon" keeps Trump.
    #[test]
    fn the_firm_a_market_analyst_works_for_is_no_person() {
        if let Some(e) = reuters_article(
            "reuters21578/reut2-004.sgm",
            "Dean Witter analyst Karen Gibbs",
        ) {
            let people = names(&e);
            assert!(people.contains(&"Karen Gibbs"), "{people:?}");
            assert!(!people.iter().any(|p| p.contains("Witter")), "{people:?}");
        }
        if let Some(e) = crate::ner::testing::shared_article("wikinews-economy/ID149744.json") {
            let people = names(&e);
            assert!(people.contains(&"Jeremy Batstone-Carr"), "{people:?}");
            assert!(!people.contains(&"Charles Stanley"), "{people:?}");
        }
        // A person before a possessive, or whose firm bears their name, stays a person.
        if let Some(e) = reuters_article(
            "reuters21578/reut2-014.sgm",
            "head trader for Ivan Boesky's",
        ) {
            let people = names(&e);
            assert!(people.contains(&"Ivan Boesky"), "{people:?}");
        }
        if let Some(e) = reuters_article("reuters21578/reut2-009.sgm", "Jauppi of Arvid Jauppi") {
            let people = names(&e);
            assert!(people.contains(&"Arvid Jauppi"), "{people:?}");
        }
        let people = crate::ner::testing::people(
            "Former Trump strategist Steve Bannon said on Sunday that Donald Trump would win.",
        );
        assert!(people.iter().any(|p| p.0 == "Donald Trump"), "{people:?}");
    }
}
