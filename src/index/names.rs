//! Person names as users type them: the key a name is compared by, which canonical names in the
//! index are one person, and the lookup from typed names and surnames to those people.
//!
//! A name's key is its words, transliterated to ASCII, lowercased and joined by one space, so
//! "Sergéy  LAVROV" and "sergey lavrov" are the same person. A person's surname is the last word of
//! the key, skipping generational suffixes ("Martin Luther King Jr." → "king").
//!
//! Articles name people in several ways, and each way may become a canonical name of its own in the
//! index: "Vladimir Putin", "Vladimir V. Putin", "V. Putin", or only "Putin". Names with the same
//! surname and a compatible first name (equal up to common spelling variants, "Sergei"/"Sergey",
//! "Hilary"/"Hillary", when the archive names one of the spellings in more than two articles:
//! "Terry Burke" and "Terri Burke", named once each, stay two people; or an initial that stands
//! for exactly one first name; an initial before a middle name written out stands for the middle
//! name, "J. Christopher Stevens" being Christopher Stevens and "B. Wayne Hughes" no Beverley
//! Hughes) are one person, unless both give middle initials and they differ ("George H.W. Bush",
//! "George W. Bush": a name without them is the one the archive names most); a bare surname joins the person when only one person has that surname,
//! or when one person is named in 85% of the articles naming anyone with it ("Trump" joins "Donald
//! Trump" despite "Melania Trump"), unless the archive uses the word more as a first name than as a
//! surname ("Hillary" stays apart from "Crooked Hillary": articles naming "Hillary Clinton"
//! outnumber it), or that person is a minor namesake, named in full in one or two articles and
//! fewer than the bare surname ("Bono" stays apart from Mary Bono) or more than eight years away
//! from every article naming the bare surname (Reuters' 1987 "Wine" stays apart from the Bobi Wine
//! of 2018: the search tables give each name the first and last days of its articles). "George
//! Bush" and "Jeb Bush" stay two people.

use std::cmp::Reverse;
use std::collections::HashMap;

use crate::index::tables::flat::{Damaged, Decoder, Encoder, Strs, U32s};
use crate::ner::gazetteer::sentence_words_before;
use crate::ner::nicknames::first_name_form;

/// Share of the articles naming anyone with a surname above which the surname alone stands for the
/// person named in them.
pub const DOMINANT_SHARE: f64 = 0.85;

/// Returns true if and only if `part` of `total` articles is at least [`DOMINANT_SHARE`] of them
/// (and not none).
fn dominant(part: u64, total: u64) -> bool {
    part > 0 && part as f64 >= DOMINANT_SHARE * total as f64
}

/// Most articles naming a person in full for whom a bare surname named in more articles is
/// someone else's: see [`minor_namesake`].
const MINOR_PERSON: u64 = 2;

/// Returns true if and only if a person named in full in `person` articles, on the days
/// `person_days`, is too minor a figure to be the one a bare surname named in `bare` articles, on
/// the days `bare_days`, stands for: they are named in full in at most [`MINOR_PERSON`] articles,
/// and fewer than the bare surname or years away from every article of it ([`Days::apart`]:
/// Reuters' 1987 "Wine" is not the Bobi Wine of an AllSides story of 2018). In `../shared/data`
/// the singer "Bono" (7 articles) would otherwise be Mary Bono (1), "Madonna" (7) G. Terry
/// Madonna (2), Iran's prime minister "Mousavi" (7) Abbas Mousavi (1), and Lord "Carrington" (4)
/// Matthew Carrington (1); Ronald Reagan (171, against 541 for "Reagan") and Adolf Hitler (13,
/// against 20) keep their surnames.
fn minor_namesake(person: u64, person_days: Days, bare: u64, bare_days: Days) -> bool {
    person <= MINOR_PERSON && (bare > person || person_days.apart(bare_days))
}

/// Days apart beyond which a minor namesake is no one the bare surname stands for (eight years:
/// the Reuters stories of 1987 and the AllSides stories of 2012 on, but also Wikinews stories
/// of 2004 and 2020): see [`Days::apart`].
const YEARS_APART_DAYS: i32 = 8 * 365;

/// The first and the last day (counted from 1970-01-01) of the articles naming a canonical name, or
/// of a person's names; [`Days::UNKNOWN`] when none of them is dated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub first: i32,
    pub last: i32,
}

impl Days {
    /// No dated article.
    pub const UNKNOWN: Days = Days {
        first: i32::MAX,
        last: i32::MIN,
    };

    /// The days of the articles of `self` and of an article of day `day`.
    pub fn with(self, day: i32) -> Days {
        Days {
            first: self.first.min(day),
            last: self.last.max(day),
        }
    }

    /// The days of the articles of `self` and of `other`.
    pub fn join(self, other: Days) -> Days {
        Days {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
        }
    }

    /// Returns true if and only if both have dated articles, and every article of one is more
    /// than [`YEARS_APART_DAYS`] from every article of the other.
    fn apart(self, other: Days) -> bool {
        let known = |d: Days| d.first <= d.last;
        known(self)
            && known(other)
            && (other.first - self.last > YEARS_APART_DAYS
                || self.first - other.last > YEARS_APART_DAYS)
    }
}

/// The person of a canonical name without words, or that the archive says is no person (nobody).
pub const NO_PERSON: u32 = u32::MAX;

/// Words that follow a surname without being one.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Returns the words of `text` as compared for names: ASCII-transliterated, lowercased, split at
/// every character that is not a letter or digit.
pub fn name_words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Returns the words of a canonical name from the index: its [`name_words`] without the leading
/// words that are no part of a name ([`sentence_words_before`]: "So Obama" is "obama", "Will
/// Smith" stays "will smith").
fn canonical_words(name: &str) -> Vec<String> {
    let mut words = name_words(name);
    words.drain(..sentence_words_before(&words));
    words
}

/// Returns the surname of a name given as its words, or None for a name without words.
fn surname(words: &[String]) -> Option<&str> {
    surname_at(words).map(|i| words[i].as_str())
}

/// Returns the position of the surname among `words` (the last word that is not a generational
/// suffix, or the first word when all are), or None for a name without words.
fn surname_at(words: &[String]) -> Option<usize> {
    let mut end = words.len();
    while end > 0 {
        if !SUFFIXES.contains(&words[end - 1].as_str()) || end == 1 {
            return Some(end - 1);
        }
        end -= 1;
    }
    None
}

/// What a typed person name stands for in the index.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The ids of every canonical name of one person: full names before a bare surname, the most
    /// frequent first (the first is the name to show).
    Person(Vec<u32>),
    /// A surname several people in the index share: each person's ids, ordered as above.
    Ambiguous(Vec<Vec<u32>>),
    /// Nobody by that name; each person sharing a word with the typed name: their ids, ordered as
    /// above.
    Unknown(Vec<Vec<u32>>),
}

/// Looks up people by typed name or surname. Canonical names are given once, as a list whose
/// positions are their ids, with the number of articles naming each.
///
/// Every table is flat ([`U32s`], [`Strs`]): lookups are binary searches, and the whole index is
/// written as sections ([`NameIndex::encode`]) and read back where it lies, in a memory-mapped
/// file, without being rebuilt ([`NameIndex::decode`]).
#[derive(Clone, Debug)]
pub struct NameIndex {
    /// The canonical names; an id is a position.
    names: Strs,
    /// Canonical name id → person (`NO_PERSON` for a name without words).
    person_of: U32s,
    /// Person → ids of their canonical names (`ids[starts[p]..starts[p + 1]]`): full names before a
    /// bare surname, the most frequent first.
    starts: U32s,
    ids: U32s,
    /// Person → position in the alphabetical order of people's display names.
    rank: U32s,
    /// Person → number of articles naming them (summed over their spellings).
    articles: U32s,
    /// Name keys, sorted, and the person of each.
    keys: Strs,
    key_person: U32s,
    /// Surnames, sorted; for each, the people with it (`by_surname`), the people of more than one
    /// word with it (`full`), and the first-name form of each full name with it and its person
    /// (`first_labels`, `first_people`), each list by its own `*_starts`.
    surnames: Strs,
    by_surname_starts: U32s,
    by_surname: U32s,
    full_starts: U32s,
    full: U32s,
    first_starts: U32s,
    first_labels: Strs,
    first_people: U32s,
    /// The longest key, in words.
    max_words: usize,
}

/// Where a piece of a [`Parsed`] list's text lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

/// One canonical name as the index is built from it: its key, its surname (a word of the key)
/// and the [`first_name_form`] of its first word, as [`Span`]s of one shared text.
#[derive(Clone, Copy, Debug)]
struct Parsed {
    key: Span,
    surname: Span,
    first: Span,
    /// The [`first_name_form`] of the second word when it is a middle name written out ("wayne" of
    /// "B. Wayne Hughes", "wilhelm" of "Friedrich Wilhelm Christians"); empty otherwise.
    second: Span,
    words: u32,
    id: u32,
}

/// The [`Parsed`] form of every canonical name with words, their pieces in one text: at a million
/// articles there are hundreds of thousands of names, and a `String` for each piece of each was
/// hundreds of MB while the index was built.
struct ParsedNames {
    text: String,
    names: Vec<Parsed>,
}

impl ParsedNames {
    /// Parses `names` (ids are positions), leaving out names without words and those
    /// `is_person` rejects, ordered by surname, then key, then id.
    fn new(names: &[String], is_person: &dyn Fn(u32) -> bool) -> ParsedNames {
        let mut text = String::new();
        let mut parsed = Vec::with_capacity(names.len());
        for (id, name) in names.iter().enumerate() {
            if !is_person(id as u32) {
                continue;
            }
            let words = canonical_words(name);
            let Some(at) = surname_at(&words) else {
                continue;
            };
            let key_start = text.len();
            let mut surname_start = key_start;
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                if i == at {
                    surname_start = text.len();
                }
                text.push_str(word);
            }
            let key = span(key_start, text.len());
            let first_start = text.len();
            text.push_str(&first_name_form(&words[0]));
            let second_start = text.len();
            if at > 1 && words[1].len() > 1 {
                text.push_str(&first_name_form(&words[1]));
            }
            parsed.push(Parsed {
                key,
                surname: span(surname_start, surname_start + words[at].len()),
                first: span(first_start, second_start),
                second: span(second_start, text.len()),
                words: words.len() as u32,
                id: id as u32,
            });
        }
        let mut parsed = ParsedNames {
            text,
            names: parsed,
        };
        let mut names = std::mem::take(&mut parsed.names);
        names.sort_unstable_by(|a, b| {
            (parsed.get(a.surname), parsed.get(a.key), a.id).cmp(&(
                parsed.get(b.surname),
                parsed.get(b.key),
                b.id,
            ))
        });
        parsed.names = names;
        parsed
    }

    /// The text `span` stands for.
    fn get(&self, span: Span) -> &str {
        let start = span.start as usize;
        &self.text[start..start + span.len as usize]
    }
}

/// The span of `text[start..end]` (the text of a name index fits in u32 offsets, as its
/// [`Strs`] sections do).
fn span(start: usize, end: usize) -> Span {
    Span {
        start: start as u32,
        len: (end - start) as u32,
    }
}

/// The tables of a [`NameIndex`] as they are built, surname by surname in sorted order, each list
/// of lists flat (its values one after the other, and where each list starts).
struct Builder<'a> {
    parsed: &'a ParsedNames,
    articles: &'a [u32],
    /// The days of the articles naming each canonical name (by id); empty when unknown.
    days: &'a [Days],
    /// Articles naming a person of two words or more by first word (counted once per name).
    as_first_word: HashMap<&'a str, u64>,
    person_of: Vec<u32>,
    people_starts: Vec<u32>,
    people_ids: Vec<u32>,
    person_articles: Vec<u32>,
    keys: Vec<(Span, u32)>,
    surnames: Vec<Span>,
    by_surname_starts: Vec<u32>,
    by_surname: Vec<u32>,
    full_starts: Vec<u32>,
    full: Vec<u32>,
    first_starts: Vec<u32>,
    first_labels: Vec<Span>,
    first_people: Vec<u32>,
    max_words: usize,
}

impl NameIndex {
    /// Indexes `names` (ids are positions), `articles[id]` being how many articles name each.
    pub fn new(names: &[String], articles: &[u32]) -> NameIndex {
        NameIndex::judged(names, articles, &[], &|_| true)
    }

    /// As [`NameIndex::new`], with `days[id]` the days of the articles naming each name (empty
    /// when unknown), and the names `is_person` rejects ([`crate::index::verdict`]) belonging to
    /// nobody: kept as ids, with no person.
    pub fn judged(
        names: &[String],
        articles: &[u32],
        days: &[Days],
        is_person: &dyn Fn(u32) -> bool,
    ) -> NameIndex {
        let parsed = ParsedNames::new(names, is_person);
        let mut as_first_word: HashMap<&str, u64> = HashMap::new();
        for p in parsed.names.iter().filter(|p| p.words > 1) {
            let first = parsed.get(p.key).split(' ').next().unwrap_or_default();
            let n = articles.get(p.id as usize).copied().unwrap_or(0);
            *as_first_word.entry(first).or_default() += u64::from(n);
        }
        let mut b = Builder {
            parsed: &parsed,
            articles,
            days,
            as_first_word,
            person_of: vec![NO_PERSON; names.len()],
            people_starts: vec![0],
            people_ids: Vec::new(),
            person_articles: Vec::new(),
            keys: Vec::new(),
            surnames: Vec::new(),
            by_surname_starts: vec![0],
            by_surname: Vec::new(),
            full_starts: vec![0],
            full: Vec::new(),
            first_starts: vec![0],
            first_labels: Vec::new(),
            first_people: Vec::new(),
            max_words: 0,
        };
        for same_surname in parsed
            .names
            .chunk_by(|a, b| parsed.get(a.surname) == parsed.get(b.surname))
        {
            b.add_surname(same_surname);
        }
        let people = b.person_articles.len();
        let first_id = |person: usize| b.people_ids[b.people_starts[person] as usize] as usize;
        let mut order: Vec<u32> = (0..people as u32).collect();
        order.sort_by(|&x, &y| names[first_id(x as usize)].cmp(&names[first_id(y as usize)]));
        let mut rank = vec![0; order.len()];
        for (r, person) in order.into_iter().enumerate() {
            rank[person as usize] = r as u32;
        }
        b.keys
            .sort_unstable_by(|x, y| parsed.get(x.0).cmp(parsed.get(y.0)));
        let mut e = Encoder::default();
        e.strs(names.iter().map(String::as_str));
        e.u32s(std::mem::take(&mut b.person_of));
        e.u32s(std::mem::take(&mut b.people_starts));
        e.u32s(std::mem::take(&mut b.people_ids));
        e.u32s(rank);
        e.u32s(std::mem::take(&mut b.person_articles));
        e.strs(b.keys.iter().map(|&(k, _)| parsed.get(k)));
        e.u32s(b.keys.iter().map(|&(_, p)| p));
        e.strs(b.surnames.iter().map(|&s| parsed.get(s)));
        e.u32s(std::mem::take(&mut b.by_surname_starts));
        e.u32s(std::mem::take(&mut b.by_surname));
        e.u32s(std::mem::take(&mut b.full_starts));
        e.u32s(std::mem::take(&mut b.full));
        e.u32s(std::mem::take(&mut b.first_starts));
        e.strs(b.first_labels.iter().map(|&l| parsed.get(l)));
        e.u32s(std::mem::take(&mut b.first_people));
        e.u64(b.max_words as u64);
        drop(b);
        drop(parsed);
        // Freshly encoded sections always decode.
        NameIndex::decode(&mut Decoder::new(e.finish())).unwrap_or_else(|_| NameIndex::empty())
    }

    /// An index of no names.
    fn empty() -> NameIndex {
        let none = U32s::from_values([]);
        let zero = U32s::from_values([0]);
        let no_strs = Strs::from_strings([]);
        NameIndex {
            names: no_strs.clone(),
            person_of: none.clone(),
            starts: zero.clone(),
            ids: none.clone(),
            rank: none.clone(),
            articles: none.clone(),
            keys: no_strs.clone(),
            key_person: none.clone(),
            surnames: no_strs.clone(),
            by_surname_starts: zero.clone(),
            by_surname: none.clone(),
            full_starts: zero.clone(),
            full: none.clone(),
            first_starts: zero,
            first_labels: no_strs,
            first_people: none,
            max_words: 0,
        }
    }

    /// Writes the index as sections (read back by [`NameIndex::decode`]).
    pub fn encode(&self, e: &mut Encoder) {
        e.strs(self.names.iter());
        e.u32s(self.person_of.iter());
        e.u32s(self.starts.iter());
        e.u32s(self.ids.iter());
        e.u32s(self.rank.iter());
        e.u32s(self.articles.iter());
        e.strs(self.keys.iter());
        e.u32s(self.key_person.iter());
        e.strs(self.surnames.iter());
        e.u32s(self.by_surname_starts.iter());
        e.u32s(self.by_surname.iter());
        e.u32s(self.full_starts.iter());
        e.u32s(self.full.iter());
        e.u32s(self.first_starts.iter());
        e.strs(self.first_labels.iter());
        e.u32s(self.first_people.iter());
        e.u64(self.max_words as u64);
    }

    /// Reads an index written by [`NameIndex::encode`], where it lies. Fails if the sections are
    /// cut short or do not fit together (every id and list bound is checked here, once).
    pub fn decode(d: &mut Decoder) -> Result<NameIndex, Damaged> {
        let index = NameIndex {
            names: d.strs()?,
            person_of: d.u32s()?,
            starts: d.u32s()?,
            ids: d.u32s()?,
            rank: d.u32s()?,
            articles: d.u32s()?,
            keys: d.strs()?,
            key_person: d.u32s()?,
            surnames: d.strs()?,
            by_surname_starts: d.u32s()?,
            by_surname: d.u32s()?,
            full_starts: d.u32s()?,
            full: d.u32s()?,
            first_starts: d.u32s()?,
            first_labels: d.strs()?,
            first_people: d.u32s()?,
            max_words: usize::try_from(d.u64()?).map_err(|_| Damaged)?,
        };
        let people = index.starts.len().checked_sub(1).ok_or(Damaged)?;
        let names = index.names.len();
        let surnames = index.surnames.len();
        let fits = |starts: &U32s, list_len: usize, rows: usize| {
            starts.len() == rows + 1
                && starts.get(0) == 0
                && starts.get(rows) as usize == list_len
                && starts
                    .iter()
                    .zip(starts.iter().skip(1))
                    .all(|(a, b)| a <= b)
        };
        let ok = index.person_of.len() == names
            && index
                .person_of
                .iter()
                .all(|p| p == NO_PERSON || (p as usize) < people)
            && fits(&index.starts, index.ids.len(), people)
            && index.ids.iter().all(|id| (id as usize) < names)
            && (0..people).all(|p| index.starts.get(p) < index.starts.get(p + 1))
            && index.rank.len() == people
            && index.articles.len() == people
            && index.key_person.len() == index.keys.len()
            && index.key_person.iter().all(|p| (p as usize) < people)
            && fits(&index.by_surname_starts, index.by_surname.len(), surnames)
            && fits(&index.full_starts, index.full.len(), surnames)
            && fits(&index.first_starts, index.first_labels.len(), surnames)
            && index.first_people.len() == index.first_labels.len()
            && [&index.by_surname, &index.full, &index.first_people]
                .iter()
                .all(|list| list.iter().all(|p| (p as usize) < people));
        if ok { Ok(index) } else { Err(Damaged) }
    }

    /// Number of canonical names.
    pub fn num_names(&self) -> usize {
        self.names.len()
    }

    /// Canonical name `id` ("" for an id it does not have).
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize)
    }

    /// The canonical names, by id.
    pub fn names(&self) -> &Strs {
        &self.names
    }

    /// Position of `person` in the alphabetical order of people's display names (their most
    /// frequent canonical name).
    pub fn rank(&self, person: u32) -> u32 {
        self.rank.get(person as usize)
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.rank.len()
    }

    /// Returns true if and only if the index knows nobody.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The person canonical name `id` belongs to, or [`NO_PERSON`].
    pub fn person_of(&self, id: u32) -> u32 {
        if (id as usize) < self.person_of.len() {
            self.person_of.get(id as usize)
        } else {
            NO_PERSON
        }
    }

    /// The ids of person `person`'s canonical names, the name to show first.
    pub fn names_of(&self, person: u32) -> Vec<u32> {
        let p = person as usize;
        self.ids
            .slice(self.starts.get(p) as usize, self.starts.get(p + 1) as usize)
            .to_vec()
    }

    /// The id of the name to show for `person` (their most frequent full name).
    pub fn shown(&self, person: u32) -> u32 {
        self.ids.get(self.starts.get(person as usize) as usize)
    }

    /// Returns true if and only if a people list may show `person`: anyone but a bare surname
    /// several people share ("Obama" beside "Barack Obama" and "Michelle Obama"), which as a
    /// filter is ambiguous.
    pub fn listed(&self, person: u32) -> bool {
        let shown = self.name(self.shown(person));
        shown.contains(' ') || !matches!(self.resolve(shown), Resolution::Ambiguous(_))
    }

    /// The most words a canonical name has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The people listed for surname `word` in `starts`/`list`.
    fn of_surname(&self, word: &str, starts: &U32s, list: &U32s) -> Vec<u32> {
        match self.surnames.search(word) {
            Ok(s) => list
                .slice(starts.get(s) as usize, starts.get(s + 1) as usize)
                .to_vec(),
            Err(_) => Vec::new(),
        }
    }

    /// Returns the ids of every canonical name of the person whose name is `words` (two words or
    /// more), if anyone's is; when no name in the index is spelled so, of the one person with that
    /// surname and a first name that is the same up to spelling variants ("Sergei" for "Sergey",
    /// "Сергей Лавров", "Vladimir V. Putin" for "Vladimir Putin") or an initial that stands for
    /// one first name.
    pub fn full(&self, words: &[String]) -> Option<Vec<u32>> {
        if let Ok(k) = self.keys.search(&words.join(" ")) {
            return Some(self.names_of(self.key_person.get(k)));
        }
        let [first, .., _] = words else {
            return None;
        };
        let s = self.surnames.search(surname(words)?).ok()?;
        let form = first_name_form(first);
        let mut people: Vec<u32> = (self.first_starts.get(s)..self.first_starts.get(s + 1))
            .map(|i| i as usize)
            .filter(|&i| {
                let label = self.first_labels.get(i);
                if form.len() == 1 {
                    label.starts_with(&form)
                } else {
                    label == form
                }
            })
            .map(|i| self.first_people.get(i))
            .collect();
        people.sort_unstable();
        people.dedup();
        match people.as_slice() {
            [person] => Some(self.names_of(*person)),
            _ => None,
        }
    }

    /// Returns the ids of every canonical name of every person whose surname is `word`.
    pub fn by_surname(&self, word: &str) -> Vec<u32> {
        self.of_surname(word, &self.by_surname_starts, &self.by_surname)
            .into_iter()
            .flat_map(|p| self.names_of(p))
            .collect()
    }

    /// Resolves a name as typed for a filter: a single word is a surname (or a one-word name) that
    /// must stand for one person: the only one with it, or the one named in at least
    /// [`DOMINANT_SHARE`] of the articles naming anyone with it (so that "Trump" is not ambiguous
    /// because an article once said "Team Trump"). More words are a full name, compared case- and
    /// accent-insensitively.
    pub fn resolve(&self, typed: &str) -> Resolution {
        let words = name_words(typed);
        if let [word] = words.as_slice() {
            let mut people = self.of_surname(word, &self.full_starts, &self.full);
            if !people.is_empty() {
                let articles = |p: u32| self.articles.get(p as usize);
                people.sort_by_key(|&p| (Reverse(articles(p)), p));
                let total: u64 = people.iter().map(|&p| u64::from(articles(p))).sum();
                let top = u64::from(articles(people[0]));
                // The word alone, a person apart from everyone named in full with it, stands for
                // that person when more articles name it so than name all of them in full ("Bono"
                // rather than Mary Bono; "Jones" beside four people named Jones in one article
                // each stays ambiguous).
                if let Ok(k) = self.keys.search(word) {
                    let alone = self.key_person.get(k);
                    if !people.contains(&alone) && u64::from(articles(alone)) > total {
                        return Resolution::Person(self.names_of(alone));
                    }
                }
                return if people.len() == 1 || dominant(top, total) {
                    Resolution::Person(self.names_of(people[0]))
                } else {
                    Resolution::Ambiguous(people.iter().map(|&p| self.names_of(p)).collect())
                };
            }
        }
        if let Some(ids) = self.full(&words) {
            return Resolution::Person(ids);
        }
        // Suggestions: everyone whose name shares a word with the typed one.
        let mut near: Vec<u32> = self
            .keys
            .iter()
            .zip(self.key_person.iter())
            .filter(|(key, _)| key.split(' ').any(|w| words.iter().any(|t| t == w)))
            .map(|(_, p)| p)
            .collect();
        near.sort_unstable();
        near.dedup();
        Resolution::Unknown(near.into_iter().map(|p| self.names_of(p)).collect())
    }
}

impl Builder<'_> {
    /// Adds the people among `names`, which all have the same surname and are ordered by key,
    /// then id (surnames come in sorted order, one call each).
    fn add_surname(&mut self, names: &[Parsed]) {
        let parsed = self.parsed;
        // The names of each key, one slice per key.
        let keys: Vec<&[Parsed]> = names
            .chunk_by(|a, b| parsed.get(a.key) == parsed.get(b.key))
            .collect();
        let (full, bare): (Vec<&[Parsed]>, Vec<&[Parsed]>) =
            keys.iter().partition(|k| k[0].words > 1);
        // Full first names, sorted, to find the one an initial stands for.
        let mut firsts: Vec<Span> = full
            .iter()
            .map(|k| k[0].first)
            .filter(|&f| f.len > 1)
            .collect();
        firsts.sort_unstable_by(|&x, &y| parsed.get(x).cmp(parsed.get(y)));
        firsts.dedup_by(|x, y| parsed.get(*x) == parsed.get(*y));
        let articles = self.articles;
        let count = |id: u32| articles.get(id as usize).copied();
        let rare = rare_spellings(parsed, &full, count);
        // The first name a full name's person is told apart by: its first-name form, or the
        // first name as written when its form is one of `rare`.
        let told_by = |label: Span, key: &Parsed| -> &str {
            let form = parsed.get(label);
            if label == key.first && rare.contains(&form) {
                first_word(parsed, key)
            } else {
                form
            }
        };
        let mut clusters: Vec<Vec<&[Parsed]>> = Vec::new();
        // A person by first-name form and middle initials ("george", "hw" of "George H.W. Bush";
        // see `middle_initials`).
        let mut cluster_of: HashMap<(&str, String), usize> = HashMap::new();
        // The first-name form of each full name, with its cluster.
        let mut labels: Vec<(Span, usize)> = Vec::new();
        // Full names without middle initials, with their first-name forms.
        let mut plain: Vec<(Span, &[Parsed])> = Vec::new();
        // Full first names by the middle name written out after them, to find the one an
        // initial before the same middle name stands for.
        let mut by_second: HashMap<&str, Vec<Span>> = HashMap::new();
        for p in full.iter().map(|k| &k[0]) {
            if p.first.len > 1 && p.second.len > 0 {
                by_second
                    .entry(parsed.get(p.second))
                    .or_default()
                    .push(p.first);
            }
        }
        for key in full {
            let mut label = key[0].first;
            let second = key[0].second;
            if label.len == 1 && second.len > 0 {
                // An initial before a middle name written out: the person goes by the middle name
                // ("B. Wayne Hughes" is no Beverly Hughes, "J. Robert Oppenheimer" is Robert
                // Oppenheimer), unless a full first name with that initial has the same middle
                // name ("F. Wilhelm Christians", "Friedrich Wilhelm Christians").
                let initial = parsed.get(label);
                let twin = by_second.get(parsed.get(second)).and_then(|firsts| {
                    firsts.iter().find(|&&f| parsed.get(f).starts_with(initial))
                });
                label = twin.copied().unwrap_or(second);
            } else if label.len == 1 {
                let initial = parsed.get(label);
                let from = firsts.partition_point(|&f| parsed.get(f) < initial);
                let with_initial = &firsts[from..];
                let n = with_initial
                    .iter()
                    .take_while(|&&f| parsed.get(f).starts_with(initial))
                    .count();
                // (An initial for a first name of rare spellings stands for none of them.)
                if n == 1 && !rare.contains(&parsed.get(with_initial[0])) {
                    label = with_initial[0];
                }
            }
            let middle = middle_initials(parsed, &key[0]);
            if middle.is_empty() {
                plain.push((label, key));
                continue;
            }
            let next = clusters.len();
            let c = *cluster_of
                .entry((told_by(label, &key[0]), middle))
                .or_insert(next);
            if c == next {
                clusters.push(Vec::new());
            }
            clusters[c].push(key);
            labels.push((label, c));
        }
        let weight = |cluster: &Vec<&[Parsed]>| -> u64 {
            let ids = cluster.iter().flat_map(|k| k.iter().map(|p| p.id));
            ids.map(|id| u64::from(count(id).unwrap_or(0))).sum()
        };
        // The days of the articles naming any of a cluster's names.
        let days = self.days;
        let days_of = |cluster: &[&[Parsed]]| -> Days {
            let of = |p: &Parsed| days.get(p.id as usize).copied().unwrap_or(Days::UNKNOWN);
            cluster
                .iter()
                .flat_map(|k| k.iter())
                .map(of)
                .fold(Days::UNKNOWN, Days::join)
        };
        // A full name without middle initials is the person with its first name the archive
        // names most ("George Bush" is George W. Bush rather than George H.W. Bush), or one of
        // its own: the heaviest cluster of each first-name form, found once.
        let mut heaviest: HashMap<&str, (u64, Reverse<usize>)> = HashMap::new();
        for (&(first, _), &c) in &cluster_of {
            let candidate = (weight(&clusters[c]), Reverse(c));
            let best = heaviest.entry(first).or_insert(candidate);
            *best = (*best).max(candidate);
        }
        let mut cluster_of_first: HashMap<&str, usize> = heaviest
            .into_iter()
            .map(|(first, (_, Reverse(c)))| (first, c))
            .collect();
        for (label, key) in plain {
            let c = *cluster_of_first
                .entry(told_by(label, &key[0]))
                .or_insert_with(|| {
                    clusters.push(Vec::new());
                    clusters.len() - 1
                });
            clusters[c].push(key);
            labels.push((label, c));
        }
        let full_people = clusters.len();
        if let Some(&b) = bare.first() {
            // The bare surname is the person who alone has it, or who dominates it.
            let weights: Vec<u64> = clusters.iter().map(weight).collect();
            let total: u64 = weights.iter().sum();
            let top = (0..clusters.len()).max_by_key(|&c| (weights[c], Reverse(c)));
            // A word the archive names more people by as their first name is no surname here.
            let word = parsed.get(b[0].surname);
            let first_name = self.as_first_word.get(word).is_some_and(|&n| n > total);
            let bare_articles: u64 = b.iter().map(|p| u64::from(count(p.id).unwrap_or(0))).sum();
            match top {
                Some(c)
                    if !first_name
                        && (clusters.len() == 1 || dominant(weights[c], total))
                        && !minor_namesake(
                            weights[c],
                            days_of(&clusters[c]),
                            bare_articles,
                            days_of(&[b]),
                        ) =>
                {
                    clusters[c].push(b)
                }
                _ => clusters.push(vec![b]),
            }
        }
        let Some(surname) = names.first().map(|p| p.surname) else {
            return;
        };
        let first_person = self.person_articles.len() as u32;
        for (label, c) in labels {
            self.first_labels.push(label);
            self.first_people.push(first_person + c as u32);
        }
        self.first_starts.push(self.first_labels.len() as u32);
        for (c, cluster) in clusters.into_iter().enumerate() {
            let person = self.person_articles.len() as u32;
            // Each name: its id, whether it is a full name, whether it writes out a given name
            // (the first, or a middle name after an initial: "J. Edgar Hoover").
            let mut ids: Vec<(u32, bool, bool)> = cluster
                .iter()
                .flat_map(|k| {
                    k.iter()
                        .map(|p| (p.id, p.words > 1, p.first.len > 1 || p.second.len > 0))
                })
                .collect();
            // Full names before a bare surname (the first names the person in lists), those
            // with a given name written out before initials alone ("Andy Hazell" before the team
            // sheets' "A Hazell"), the most frequent first.
            ids.sort_by_key(|&(id, full, written)| {
                (Reverse(full), Reverse(written), Reverse(count(id)), id)
            });
            let mut sum = 0u32;
            for &(id, _, _) in &ids {
                self.person_of[id as usize] = person;
                self.people_ids.push(id);
                sum += count(id).unwrap_or(0);
            }
            self.people_starts.push(self.people_ids.len() as u32);
            self.person_articles.push(sum);
            for key in &cluster {
                self.max_words = self.max_words.max(key[0].words as usize);
                self.keys.push((key[0].key, person));
            }
            self.by_surname.push(person);
            if c < full_people {
                self.full.push(person);
            }
        }
        self.surnames.push(surname);
        self.by_surname_starts.push(self.by_surname.len() as u32);
        self.full_starts.push(self.full.len() as u32);
    }
}

/// The middle initials of `name` when it writes its middle names as initials only (the words
/// between its first word and its surname): "hw" for "george h w bush", "w" for "george w bush";
/// "" for "george bush" and for a middle name written out ("hillary diane rodham clinton", which
/// may be written with or without it). Two full names with one first name and surname but other
/// middle initials are two people: George H.W. Bush and George W. Bush.
fn middle_initials(parsed: &ParsedNames, name: &Parsed) -> String {
    let key = parsed.get(name.key);
    let before_surname = key
        .get(..(name.surname.start - name.key.start) as usize)
        .unwrap_or_default();
    let middle: Vec<&str> = before_surname.split_whitespace().skip(1).collect();
    if middle.iter().all(|w| w.len() == 1) {
        middle.concat()
    } else {
        String::new()
    }
}

/// The first-name forms ([`first_name_form`]) that `full` (the full names of one surname, one
/// slice per key) writes in more than one way ("Terry Burke", "Terri Burke") without the archive
/// naming any of those spellings in more than [`MINOR_PERSON`] articles (`count` gives a name's).
/// A misspelt first name of someone the archive names often is that person ("Hilary Clinton",
/// "Sergei Kislyak"); two rare spellings are as likely to be two people: in `../shared/data`
/// Terry and Terri Burke, Alan and Allan Scott, Michelle and Michele Roberts are.
fn rare_spellings<'p>(
    parsed: &'p ParsedNames,
    full: &[&[Parsed]],
    count: impl Fn(u32) -> Option<u32>,
) -> Vec<&'p str> {
    // Each form's spellings with their articles, sorted by form, then spelling.
    let mut spellings: Vec<(&str, &str, u64)> = full
        .iter()
        .filter(|key| key[0].first.len > 1)
        .map(|key| {
            let articles = key.iter().map(|p| u64::from(count(p.id).unwrap_or(0)));
            (
                parsed.get(key[0].first),
                first_word(parsed, &key[0]),
                articles.sum(),
            )
        })
        .collect();
    spellings.sort_unstable();
    let mut rare = Vec::new();
    for form in spellings.chunk_by(|a, b| a.0 == b.0) {
        // Sorted by spelling within the form: several spellings if the first and last differ.
        let many = form.first().map(|x| x.1) != form.last().map(|x| x.1);
        let mut by_spelling = form.chunk_by(|a, b| a.1 == b.1);
        if many && by_spelling.all(|s| s.iter().map(|x| x.2).sum::<u64>() <= MINOR_PERSON) {
            rare.push(form[0].0);
        }
    }
    rare
}

/// The first word of `name`'s key, as written there (lower case, in ASCII).
fn first_word<'p>(parsed: &'p ParsedNames, name: &Parsed) -> &'p str {
    let key = parsed.get(name.key);
    key.split(' ').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &[
        "George Bush",
        "Jeb Bush",
        "Lavrov",
        "Martin Luther King Jr.",
        "Sergey Lavrov",
        "Sergey Ryabkov",
        "Sergéy Lavrov",
        "Wang Yi",
        "Vladimir Putin",
        "V. Putin",
        "Vladimir V. Putin",
    ];

    fn build(names: &[&str], articles: &[u32]) -> NameIndex {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        NameIndex::new(&names, articles)
    }

    fn index() -> NameIndex {
        let names: Vec<String> = NAMES.iter().map(|s| s.to_string()).collect();
        // Article counts: Vladimir Putin is the most frequent spelling of his name.
        let mut articles = vec![1; names.len()];
        articles[8] = 127;
        NameIndex::new(&names, &articles)
    }

    fn names(ids: &[u32]) -> Vec<&'static str> {
        ids.iter().map(|&i| NAMES[i as usize]).collect()
    }

    fn person(typed: &str) -> Vec<&'static str> {
        match index().resolve(typed) {
            Resolution::Person(ids) => names(&ids),
            other => panic!("{typed}: {other:?}"),
        }
    }

    #[test]
    fn keys_ignore_case_accents_and_punctuation() {
        let key = |name: &str| name_words(name).join(" ");
        assert_eq!(key("Sergéy  LAVROV"), "sergey lavrov");
        assert_eq!(key("Jean-Claude Trichet"), "jean claude trichet");
        assert_eq!(key("Сергей Лавров"), "sergei lavrov");
    }

    #[test]
    fn full_names_resolve_to_every_spelling_of_the_person() {
        assert_eq!(person("sergey RYABKOV"), ["Sergey Ryabkov"]);
        assert_eq!(
            person("Sergéy Lavrov"),
            ["Sergey Lavrov", "Sergéy Lavrov", "Lavrov"]
        );
        assert_eq!(person("wang yi"), ["Wang Yi"]);
    }

    #[test]
    fn spellings_the_index_lacks_find_the_person() {
        let lavrov = ["Sergey Lavrov", "Sergéy Lavrov", "Lavrov"];
        assert_eq!(person("Sergei Lavrov"), lavrov);
        assert_eq!(person("Сергей Лавров"), lavrov);
        assert_eq!(person("S. Lavrov"), lavrov);
        let putin = ["Vladimir Putin", "Vladimir V. Putin", "V. Putin"];
        assert_eq!(person("Vladimir Vladimirovich Putin"), putin);
        // Another first name is somebody else; an initial two people share is nobody in particular.
        assert!(matches!(
            index().resolve("Jeb Lavrov"),
            Resolution::Unknown(_)
        ));
        let index = build(&["George Bush", "Gene Bush"], &[5, 1]);
        assert!(index.full(&name_words("G. Bush")).is_none());
        assert_eq!(index.full(&name_words("Gene Bush")), Some(vec![1]));
    }

    #[test]
    fn words_caught_from_the_sentence_are_no_part_of_the_name() {
        assert_eq!(canonical_words("So Obama"), ["obama"]);
        assert_eq!(
            canonical_words("Will Hillary Clinton"),
            ["hillary", "clinton"]
        );
        assert_eq!(canonical_words("The"), ["the"]);
        assert_eq!(canonical_words("Will Smith"), ["will", "smith"]);
        let names = ["Barack Obama", "So Obama", "In Obama", "Team Obama"];
        let index = build(&names, &[551, 4, 3, 10]);
        assert_eq!(index.resolve("Obama"), Resolution::Person(vec![0, 3, 1, 2]));
    }

    #[test]
    fn first_name_spellings_meet() {
        let names = [
            "Sergei Lavrov",
            "Sergey Lavrov",
            "Hillary Clinton",
            "Hilary Clinton",
        ];
        let index = build(&names, &[3, 11, 700, 3]);
        assert_eq!(index.resolve("Lavrov"), Resolution::Person(vec![1, 0]));
        assert_eq!(index.resolve("Clinton"), Resolution::Person(vec![2, 3]));
    }

    /// Spellings of the Wikinews, BBC and AllSides articles: two spellings of a first name the
    /// archive names rarely are two people; a rare spelling of one it names often is that one.
    #[test]
    fn rare_first_name_spellings_stay_apart() {
        let names = [
            "Terry Burke",
            "Terri Burke",
            "Alan Scott",
            "Allan Scott",
            "A. Scott",
            "Dmitri Medvedev",
            "Dmitry Medvedev",
        ];
        let index = build(&names, &[1, 1, 1, 2, 1, 2, 8]);
        let person = |id: u32| index.person_of(id);
        assert_ne!(person(0), person(1));
        assert_ne!(person(2), person(3));
        assert_ne!(person(4), person(2));
        assert_ne!(person(4), person(3));
        assert_eq!(person(5), person(6));
        assert_eq!(index.full(&name_words("Terri Burke")), Some(vec![1]));
        assert!(index.full(&name_words("Terrie Burke")).is_none());
        assert_eq!(
            index.resolve("Dmitri Medvedev"),
            Resolution::Person(vec![6, 5])
        );
    }

    #[test]
    fn initials_and_middle_names_are_the_same_person() {
        let putin = ["Vladimir Putin", "Vladimir V. Putin", "V. Putin"];
        assert_eq!(person("Putin"), putin);
        assert_eq!(person("V Putin"), putin);
        assert_eq!(person("vladimir putin"), putin);
    }

    /// Spellings of the AllSides and Reuters articles: the Bushes differ by their middle
    /// initials, and the name without them is the one the archive names most; a middle name
    /// written out may be left out.
    #[test]
    fn other_middle_initials_are_another_person() {
        let names = [
            "George W. Bush",
            "George H.W. Bush",
            "George Bush",
            "Hillary Diane Rodham Clinton",
            "Hillary Clinton",
            "Hillary R. Clinton",
        ];
        let index = build(&names, &[300, 60, 100, 10, 700, 5]);
        let person = |id: u32| index.person_of(id);
        assert_ne!(person(0), person(1));
        assert_eq!(person(0), person(2));
        assert_eq!(person(3), person(4));
        assert_eq!(person(4), person(5));
        assert_eq!(
            index.resolve("George H.W. Bush"),
            Resolution::Person(vec![1])
        );
    }

    #[test]
    fn a_unique_surname_resolves_and_a_shared_one_is_ambiguous() {
        assert_eq!(person("Ryabkov"), ["Sergey Ryabkov"]);
        assert_eq!(person("king"), ["Martin Luther King Jr."]);
        assert_eq!(
            person("Lavrov"),
            ["Sergey Lavrov", "Sergéy Lavrov", "Lavrov"]
        );
        match index().resolve("Bush") {
            Resolution::Ambiguous(people) => {
                let firsts: Vec<_> = people.iter().map(|p| NAMES[p[0] as usize]).collect();
                assert_eq!(firsts, ["George Bush", "Jeb Bush"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(person("Jeb Bush"), ["Jeb Bush"]);
    }

    #[test]
    fn a_surname_stands_for_the_person_named_in_most_articles_naming_it() {
        let names = [
            "Donald Trump",
            "Melania Trump",
            "Hillary Clinton",
            "Bill Clinton",
        ];
        let index = build(&names, &[1387, 36, 749, 262]);
        assert_eq!(index.resolve("Trump"), Resolution::Person(vec![0]));
        // A bare surname joins the dominant person.
        let mut with_bare = names.to_vec();
        with_bare.extend(["Trump", "Clinton"]);
        let index = build(&with_bare, &[1387, 36, 749, 262, 564, 80]);
        assert_eq!(
            index.resolve("Donald Trump"),
            Resolution::Person(vec![0, 4])
        );
        assert_eq!(
            index.resolve("Hillary Clinton"),
            Resolution::Person(vec![2])
        );
        assert!(
            matches!(index.resolve("Clinton"), Resolution::Ambiguous(p) if p == [vec![2], vec![3]])
        );
    }

    /// Counts of the index of every corpus in `../shared/data`.
    #[test]
    fn a_word_named_more_as_a_first_name_joins_nobody_by_surname() {
        let index = build(
            &[
                "Hillary Clinton",
                "Crooked Hillary",
                "Hillary",
                "Paul Ryan",
                "Rand Paul",
                "Paul",
            ],
            &[708, 4, 24, 228, 123, 38],
        );
        // The articles that write "Hillary" alone are not counted for "Crooked Hillary".
        assert_ne!(index.person_of(2), index.person_of(1));
        // "Paul Ryan" (228) against "Rand Paul" (123) keeps "Paul" apart; without him it joins.
        assert_ne!(index.person_of(5), index.person_of(4));
        let index = build(&["Rand Paul", "Paul"], &[123, 38]);
        assert_eq!(index.person_of(1), index.person_of(0));
    }

    /// Counts of the index of every corpus in `../shared/data`: the singer Bono and Iran's prime
    /// minister Mir-Hossein Mousavi, named by surname alone in BBC and Reuters stories, are not
    /// the namesakes one AllSides story each names in full.
    #[test]
    fn a_bare_surname_named_more_than_a_minor_namesake_stays_apart() {
        let index = build(
            &[
                "Mary Bono",
                "Bono",
                "Abbas Mousavi",
                "Mousavi",
                "Scooter Libby",
                "Libby",
            ],
            &[1, 7, 1, 7, 1, 1],
        );
        assert_ne!(index.person_of(1), index.person_of(0));
        assert_ne!(index.person_of(3), index.person_of(2));
        // Named bare no more often than in full, the surname is the person's.
        assert_eq!(index.person_of(5), index.person_of(4));
        // Typed alone, the word is the bare name the archive mostly means.
        assert_eq!(index.resolve("Bono"), Resolution::Person(vec![1]));
        assert_eq!(index.resolve("Mary Bono"), Resolution::Person(vec![0]));
        // A person named in full in three articles takes the surname, however often it is bare
        // (Ronald Reagan: 171 articles in full, 541 "Reagan").
        let index = build(&["Ronald Reagan", "Reagan"], &[3, 20]);
        assert_eq!(index.person_of(1), index.person_of(0));
    }

    /// Days of the index of every corpus in `../shared/data`: Reuters' 1987 "Wine" is not the
    /// Bobi Wine of one AllSides story of 2018; the "Clinton" of a 2007 Wikinews story is the
    /// Bill Clinton another names in full in 2012.
    #[test]
    fn a_bare_surname_years_away_from_a_minor_namesake_stays_apart() {
        let day = |year: i32| (year - 1970) * 365;
        let on = |first: i32, last: i32| Days {
            first: day(first),
            last: day(last),
        };
        let names: Vec<String> = ["Bobi Wine", "Wine", "Bill Clinton", "Clinton"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let days = [
            on(2018, 2018),
            on(1987, 1987),
            on(2012, 2012),
            on(2007, 2007),
        ];
        let index = NameIndex::judged(&names, &[1, 1, 1, 1], &days, &|_| true);
        assert_ne!(index.person_of(1), index.person_of(0));
        assert_eq!(index.person_of(3), index.person_of(2));
        // Undated, the bare surname is the person's.
        let days = [
            on(2018, 2018),
            Days::UNKNOWN,
            on(2012, 2012),
            on(2007, 2007),
        ];
        let index = NameIndex::judged(&names, &[1, 1, 1, 1], &days, &|_| true);
        assert_eq!(index.person_of(1), index.person_of(0));
        // A person named in full in three articles keeps the surname, however far apart.
        let days = [
            on(2018, 2018),
            on(1987, 1987),
            on(2012, 2012),
            on(2007, 2007),
        ];
        let index = NameIndex::judged(&names, &[3, 1, 1, 1], &days, &|_| true);
        assert_eq!(index.person_of(1), index.person_of(0));
    }

    #[test]
    fn a_bare_surname_stays_apart_when_several_people_have_it() {
        let mut names: Vec<String> = NAMES.iter().map(|s| s.to_string()).collect();
        names.push("Bush".to_string());
        let index = NameIndex::new(&names, &[]);
        assert!(matches!(index.resolve("Bush"), Resolution::Ambiguous(p) if p.len() == 2));
        assert_eq!(index.full(&name_words("Jeb Bush")), Some(vec![1]));
        assert_eq!(index.by_surname("bush").len(), 3);
    }

    #[test]
    fn unknown_names_suggest_people_sharing_a_word() {
        match index().resolve("Sergey") {
            Resolution::Unknown(people) => {
                let firsts: Vec<u32> = people.iter().map(|p| p[0]).collect();
                assert_eq!(names(&firsts), ["Sergey Lavrov", "Sergey Ryabkov"])
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(index().resolve("Nobody"), Resolution::Unknown(vec![]));
        // A first name is not a surname.
        assert!(index().by_surname("sergey").is_empty());
        assert_eq!(
            names(&index().by_surname("bush")),
            ["George Bush", "Jeb Bush"]
        );
    }

    /// An initial before a middle name written out is a person known by the middle name: "B.
    /// Wayne Hughes Jr." (Public Storage's founder, in Reuters) is not Beverley Hughes (a British
    /// minister, in BBC News), whom the initial alone would have stood for; "J. Robert
    /// Oppenheimer" is Robert Oppenheimer; but "F. Wilhelm Christians" is Friedrich Wilhelm
    /// Christians, the one full first name with that initial before "Wilhelm".
    #[test]
    fn an_initial_before_a_middle_name_goes_by_the_middle_name() {
        let names = [
            "Beverley Hughes",
            "B. Wayne Hughes Jr.",
            "Robert Oppenheimer",
            "J. Robert Oppenheimer",
            "Friedrich Wilhelm Christians",
            "F. Wilhelm Christians",
        ];
        let index = build(&names, &[4, 3, 2, 1, 1, 4]);
        let person = |id: u32| index.person_of(id);
        assert_ne!(person(0), person(1));
        assert_eq!(person(2), person(3));
        assert_eq!(person(4), person(5));
    }
}
