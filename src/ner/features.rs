//! CRF features: what the tagger knows about each token of a document.
//!
//! For every token: the word and its lowercase form; its shape (Xxxx, XX, dd, X.X.); prefixes and
//! suffixes up to four characters; capitalisation and position in the sentence; the same for the
//! neighbours at ±1 and ±2; neighbour bigrams; gazetteer matches (names from the training data,
//! names from the Groningen Meaning Bank, census first and last names, titles); the word's Brown
//! cluster at four grains and its neighbours' at two (paths cut at 4, 6, 10, 20 bits and 4, 10, as
//! Ratinov and Roth 2009 do); and evidence from the rest of the document (the word seen lowercase,
//! or capitalised mid-sentence, or inside a multi-word name, or right after a title, or right after
//! a first name: "Lavrov said" far from "Sergey Lavrov"; and, for a capitalised word, the words
//! right before and after it wherever else the document writes it, up to four of each: the
//! context aggregation of Ratinov and Roth 2009). In an ALL-CAPS sentence (headlines, some
//! wires) case says nothing, so every case-dependent feature gets a separate name there and the
//! document evidence carries the weight.
//!
//! Features are emitted into a [`Sink`]: training wants their names as strings, tagging wants only
//! a 64-bit hash of the same bytes, computed without building the string. Those that depend on one
//! word only — the token's own word, or the word one or two before or after it — come grouped as a
//! [`Part`] under one key, so that tagging sums their weights once per word and remembers the sum.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::clusters::{Cluster, Grain, WordClusters};
use super::gazetteer::{
    self, FIRST_NAME, Gazetteer, LAST_NAME, MAX_PHRASE, PHRASE_LISTS, WORLD_FIRST, WORLD_LAST,
};

/// Receives the features of a document, token after token.
pub trait Sink {
    /// Starts the features of the next token.
    fn token(&mut self);
    /// Adds the feature whose name is the concatenation of `parts`.
    fn add(&mut self, parts: &[&str]);
    /// Adds the features of a cluster's `path` at some `grains`, which a loaded model knows
    /// together as `group` (the sum of their weights).
    fn add_grains(&mut self, group: u64, path: &str, grains: &[Grain]) {
        let _ = group;
        for g in grains {
            self.add(&[g.name, &path[..g.len]]);
        }
    }
    /// Adds the features `emit` emits: those of one [`Part`] of a token, `part`, which depend on
    /// nothing but one word and whether the sentence is in capitals, together named by `word`
    /// ([`word_key`]). A loaded model sums their weights once per word and part and remembers the
    /// sums, all of one word's parts together: a word's parts are met at consecutive tokens (its
    /// own, then the word before or after theirs), so its sums are fetched from memory once.
    fn add_part(&mut self, word: u64, part: Part, emit: &dyn Fn(&mut dyn Sink))
    where
        Self: Sized,
    {
        let _ = (word, part);
        emit(self);
    }
}

/// The features of a token that depend on one word of its sentence only (with whether the
/// sentence is in capitals): the token's own word, or the word one or two before or after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Word,
    TwoBefore,
    Before,
    After,
    TwoAfter,
}

impl Part {
    /// Number of parts.
    pub const COUNT: usize = 5;
}

/// The name of the [`Part`]s of the word whose [`hash`] is `word` in a sentence in capitals or not
/// (`caps`): equal keys, equal features (two words whose hashes collide, one chance in 2^64, would
/// share their sums, as two features whose hashes collide share a weight).
pub fn word_key(caps: bool, word: u64) -> u64 {
    (word ^ u64::from(caps).wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xff51_afd7_ed55_8ccd)
}

/// Collects feature names as strings, one list per token (for training).
#[derive(Default)]
pub struct Names(pub Vec<Vec<String>>);

impl Sink for Names {
    fn token(&mut self) {
        self.0.push(Vec::new());
    }
    fn add(&mut self, parts: &[&str]) {
        if let Some(last) = self.0.last_mut() {
            last.push(parts.concat());
        }
    }
}

/// Collects 64-bit hashes of feature names, every feature one by one (tests compare them with the
/// names, and with the remembered part sums the tagger uses): token `t`'s hashes are
/// `hashes[starts[t]..starts[t + 1]]`.
#[cfg(test)]
#[derive(Default)]
pub struct Hashes {
    pub hashes: Vec<u64>,
    pub starts: Vec<usize>,
}

#[cfg(test)]
impl Hashes {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Returns true if and only if no token was added.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The feature hashes of token `t`.
    pub fn of(&self, t: usize) -> &[u64] {
        let end = self.starts.get(t + 1).copied().unwrap_or(self.hashes.len());
        &self.hashes[self.starts[t]..end]
    }
}

#[cfg(test)]
impl Sink for Hashes {
    fn token(&mut self) {
        self.starts.push(self.hashes.len());
    }
    fn add(&mut self, parts: &[&str]) {
        self.hashes.push(hash(parts));
    }
    fn add_grains(&mut self, group: u64, _: &str, _: &[Grain]) {
        self.hashes.push(group);
    }
}

/// 64-bit FNV-1a of the concatenation of `parts`: equal for equal byte strings however split.
pub fn hash(parts: &[&str]) -> u64 {
    let mut h = Fnv::default();
    for p in parts {
        h.write(p.as_bytes());
    }
    h.finish()
}

/// The FNV-1a hasher, byte by byte, so that the hash does not depend on how the input is split.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A `BuildHasher` for maps keyed by short strings.
pub type FnvBuild = BuildHasherDefault<Fnv>;

/// A hasher for keys that are already uniform 64-bit hashes (feature and phrase hashes): it
/// passes them through.
#[derive(Default, Clone, Copy)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A `BuildHasher` for maps keyed by hashes.
pub type PrehashedBuild = BuildHasherDefault<Prehashed>;

/// What the feature templates need to know of one token.
struct Tok<'a> {
    word: &'a str,
    /// Lowercase, with typographic apostrophes made plain: the gazetteer's key form.
    lower: &'a str,
    shape: &'a str,
    /// [`hash`] of `lower`.
    key: u64,
    /// [`hash`] of `word`.
    id: u64,
    /// First character is uppercase.
    cap: bool,
    /// Every letter is uppercase and there are at least two.
    upper: bool,
    /// Has a letter.
    alpha: bool,
    /// Is a title or honorific ("Secretary", "Mr.").
    title: bool,
    /// Name-list bits (census and world first names and surnames) of the word.
    names: u16,
    /// Per phrase list: 0 no match, 1 first token of a match, 2 inside a match.
    lists: [u8; 8],
    /// The word's Brown cluster, if it was clustered.
    cluster: Option<&'a Cluster>,
}

/// What [`spell`] finds out about a word besides its lowercase form and shape.
struct Spelling {
    lower_end: usize,
    shape_end: usize,
    cap: bool,
    upper: bool,
    alpha: bool,
}

/// Appends the lowercase form and then the shape of `word` to `buf`, and says where each ends.
fn spell(word: &str, buf: &mut String) -> Spelling {
    let start = buf.len();
    if word.is_ascii() {
        buf.push_str(word);
        buf[start..].make_ascii_lowercase();
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            buf.push(if c == '’' { '\'' } else { c });
        }
    }
    let lower_end = buf.len();
    let mut last = '\0';
    let (mut letters, mut uppers) = (0, 0);
    for c in word.chars() {
        let s = if c.is_uppercase() {
            uppers += 1;
            letters += 1;
            'X'
        } else if c.is_alphabetic() {
            letters += 1;
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c == '’' {
            '\''
        } else {
            c
        };
        if s != last {
            buf.push(s);
            last = s;
        }
    }
    Spelling {
        lower_end,
        shape_end: buf.len(),
        cap: word.chars().next().is_some_and(char::is_uppercase),
        upper: letters >= 2 && uppers == letters,
        alpha: letters > 0,
    }
}

/// The tokens of a document, flattened, and where each sentence's tokens are.
struct Tokens<'a> {
    toks: Vec<Tok<'a>>,
    sentences: Vec<Range<usize>>,
}

/// Spells every word of `doc` into `buf` (which must be empty) and builds its tokens over it.
fn tokens<'a, S: AsRef<str>>(doc: &'a [Vec<S>], buf: &'a mut String) -> Tokens<'a> {
    let words = || doc.iter().flatten().map(AsRef::as_ref);
    let spellings: Vec<Spelling> = words().map(|w| spell(w, buf)).collect();
    let buf: &'a str = buf;
    let mut start = 0;
    let toks = words()
        .zip(spellings)
        .map(|(word, s)| {
            let lower = &buf[start..s.lower_end];
            start = s.shape_end;
            Tok {
                word,
                lower,
                shape: &buf[s.lower_end..s.shape_end],
                key: hash(&[lower]),
                id: hash(&[word]),
                cap: s.cap,
                upper: s.upper,
                alpha: s.alpha,
                title: gazetteer::is_title_lowercase(lower),
                names: 0,
                lists: [0; 8],
                cluster: None,
            }
        })
        .collect();
    let mut sentences = Vec::with_capacity(doc.len());
    let mut at = 0;
    for s in doc {
        sentences.push(at..at + s.len());
        at += s.len();
    }
    Tokens { toks, sentences }
}

/// Returns true if and only if the sentence is written in capitals: most of its words of two or
/// more letters are ALL CAPS.
fn is_caps_sentence(toks: &[Tok]) -> bool {
    let words = toks
        .iter()
        .filter(|t| t.alpha && t.word.chars().nth(1).is_some());
    let (n, upper) = words.fold((0, 0), |(n, u), t| (n + 1, u + usize::from(t.upper)));
    n >= 2 && upper * 10 >= n * 7
}

/// Marks the name-list bits of each token and the longest gazetteer match of each phrase list in the
/// sentence. Phrases are looked up by extending the hash of their first token, token by token.
fn mark_lists(toks: &mut [Tok], gaz: &Gazetteer) {
    for i in 0..toks.len() {
        toks[i].names =
            gaz.lookup_hash(toks[i].key) & (FIRST_NAME | LAST_NAME | WORLD_FIRST | WORLD_LAST);
        let starts = toks[i]
            .word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric());
        if !starts {
            continue;
        }
        // For each list, the longest phrase starting here.
        let mut longest = [0usize; 8];
        let mut key = Fnv::default();
        for len in 1..=MAX_PHRASE.min(toks.len() - i) {
            if len > 1 {
                key.write(b" ");
            }
            key.write(toks[i + len - 1].lower.as_bytes());
            let bits = gaz.lookup_hash(key.finish());
            if bits == 0 {
                continue;
            }
            for (l, (bit, _, _)) in PHRASE_LISTS.iter().enumerate() {
                if bits & bit != 0 {
                    longest[l] = len;
                }
            }
        }
        for (l, &len) in longest.iter().enumerate() {
            if len == 0 || toks[i].lists[l] != 0 {
                continue;
            }
            toks[i].lists[l] = 1;
            for t in &mut toks[i + 1..i + len] {
                t.lists[l] = 2;
            }
        }
    }
}

/// Words after which a capital says nothing about the word (sentence-like starts).
fn opens_clause(word: &str) -> bool {
    matches!(
        word,
        "\"" | "“" | "‘" | "'" | ":" | "-" | "--" | "–" | "—" | "(" | "[" | "«" | "`" | "``"
    )
}

/// Emits the features of every token of `doc` (sentences of words) into `sink`, in order.
pub fn document<S: AsRef<str>>(
    doc: &[Vec<S>],
    gaz: &Gazetteer,
    clusters: &WordClusters,
    sink: &mut impl Sink,
) {
    let mut buf = String::new();
    let Tokens {
        mut toks,
        sentences,
    } = tokens(doc, &mut buf);
    for t in &mut toks {
        t.cluster = clusters.of(t.word, t.key);
    }
    let caps: Vec<bool> = sentences
        .iter()
        .map(|r| is_caps_sentence(&toks[r.clone()]))
        .collect();
    for r in &sentences {
        mark_lists(&mut toks[r.clone()], gaz);
    }
    let sents = || sentences.iter().map(|r| &toks[r.clone()]);

    // Document evidence, from sentences in mixed case only; sets of lowercase-form hashes.
    type Seen = HashSet<u64, PrehashedBuild>;
    let (mut lower_seen, mut midcap_seen, mut in_name_seen) =
        (Seen::default(), Seen::default(), Seen::default());
    // Capitalised words seen right after a title, or right after a capitalised first name.
    let (mut titled_seen, mut named_seen) = (Seen::default(), Seen::default());
    // The words right before and after each capitalised word, over all its occurrences in mixed
    // case (at most AGGREGATED of each, in order of first use).
    const AGGREGATED: usize = 4;
    type Contexts<'c> =
        HashMap<u64, ([&'c str; AGGREGATED], [&'c str; AGGREGATED]), PrehashedBuild>;
    let mut contexts: Contexts = HashMap::default();
    for (s, &c) in sents().zip(&caps) {
        if c {
            continue;
        }
        for (i, t) in s.iter().enumerate() {
            if !t.alpha {
                continue;
            }
            if t.cap && i > 0 && s[i - 1].title {
                titled_seen.insert(t.key);
            }
            if t.cap && i > 0 && s[i - 1].cap && s[i - 1].names & FIRST_NAME != 0 {
                named_seen.insert(t.key);
            }
            // A month's neighbours elsewhere ("in July", "said July's figures") say nothing of
            // whether it is a name, and aggregated, they made a month a person.
            if t.cap && !gazetteer::is_month(t.lower) {
                let (before, after) = contexts.entry(t.key).or_default();
                let prev = if i > 0 { s[i - 1].lower } else { BOS };
                let next = s.get(i + 1).map_or(EOS, |n| n.lower);
                for (list, word) in [(before, prev), (after, next)] {
                    if let Some(free) = list.iter().position(|w| w.is_empty() || *w == word) {
                        list[free] = word;
                    }
                }
            }
            if !t.cap {
                lower_seen.insert(t.key);
            } else if i > 0 && !opens_clause(s[i - 1].word) {
                midcap_seen.insert(t.key);
                let prev_cap = s[i - 1].cap && s[i - 1].alpha;
                let next_cap = s.get(i + 1).is_some_and(|n| n.cap && n.alpha);
                if prev_cap || next_cap {
                    in_name_seen.insert(t.key);
                }
            }
        }
    }

    for (s, &caps) in sents().zip(&caps) {
        // Case-dependent features get their own names in ALL-CAPS sentences.
        let case = if caps { "C" } else { "" };
        let n = s.len();
        // The lowercase form or shape of the token at `j`, or a sentence-boundary marker.
        let at = |j: isize, part: for<'t> fn(&'t Tok<'_>) -> &'t str| match usize::try_from(j) {
            Err(_) => BOS,
            Ok(j) if j >= n => EOS,
            Ok(j) => part(&s[j]),
        };
        let lower = |j: isize| at(j, |t| t.lower);
        let shape = |j: isize| at(j, |t| t.shape);
        for (i, t) in s.iter().enumerate() {
            let ii = i as isize;
            sink.token();
            sink.add_part(word_key(caps, t.id), Part::Word, &|sink| {
                word_features(t, caps, sink)
            });
            for neighbour in &NEIGHBOURS {
                let (part, d) = (neighbour.0, neighbour.1);
                let other = usize::try_from(ii + d).ok().and_then(|j| s.get(j));
                let id = other.map_or(if d < 0 { BOS_ID } else { EOS_ID }, |o| o.id);
                sink.add_part(word_key(caps, id), part, &|sink| {
                    neighbour_features(neighbour, other, caps, sink)
                });
            }
            if i == 0 {
                sink.add(&[case, "first"]);
                sink.add(&[case, "first-sh=", t.shape]);
            } else if opens_clause(s[i - 1].word) {
                sink.add(&[case, "opens"]);
            }
            sink.add(&["lw-1|0=", lower(ii - 1), "|", t.lower]);
            sink.add(&["lw0|+1=", t.lower, "|", lower(ii + 1)]);
            sink.add(&[case, "sh-1|0=", shape(ii - 1), "|", t.shape]);
            sink.add(&[case, "sh0|+1=", t.shape, "|", shape(ii + 1)]);

            for (l, (_, b, inside)) in PHRASE_LISTS.iter().enumerate() {
                match t.lists[l] {
                    1 => sink.add(&[b]),
                    2 => sink.add(&[inside]),
                    _ => {}
                }
                if i > 0 && s[i - 1].lists[l] != 0 {
                    sink.add(&["<", b]);
                }
                if i + 1 < n && s[i + 1].lists[l] != 0 {
                    sink.add(&[">", b]);
                }
            }
            if t.alpha {
                if lower_seen.contains(&t.key) {
                    sink.add(&[case, "d:lower"]);
                }
                if midcap_seen.contains(&t.key) {
                    sink.add(&[case, "d:midcap"]);
                }
                if in_name_seen.contains(&t.key) {
                    sink.add(&[case, "d:inname"]);
                }
                if titled_seen.contains(&t.key) {
                    sink.add(&["d:titled"]);
                }
                if named_seen.contains(&t.key) {
                    sink.add(&["d:named"]);
                }
                if (t.cap || caps)
                    && let Some((before, after)) = contexts.get(&t.key)
                {
                    for w in before.iter().take_while(|w| !w.is_empty()) {
                        sink.add(&["d:lw-1=", w]);
                    }
                    for w in after.iter().take_while(|w| !w.is_empty()) {
                        sink.add(&["d:lw+1=", w]);
                    }
                }
            }
        }
    }
}

/// The sentence-boundary markers that stand for the words before the first and after the last.
const BOS: &str = "<s>";
const EOS: &str = "</s>";
/// The word ids ([`Tok::id`]) of the boundaries: not the hash of any word a text can hold.
const BOS_ID: u64 = 0x0b05_0b05_0b05_0b05;
const EOS_ID: u64 = 0x0e05_0e05_0e05_0e05;

/// The features of token `t` that depend on its word alone (and on whether its sentence is in
/// capitals): [`Part::Word`].
fn word_features(t: &Tok, caps: bool, sink: &mut dyn Sink) {
    let case = if caps { "C" } else { "" };
    sink.add(&["b"]);
    sink.add(&["w=", t.word]);
    sink.add(&["lw=", t.lower]);
    sink.add(&[case, "sh=", t.shape]);
    if t.cap {
        sink.add(&[case, "cap"]);
    }
    if t.upper {
        sink.add(&[case, "up"]);
    }
    affixes(t.lower, sink);
    let capital = t.cap || caps;
    for (bit, name) in [
        (FIRST_NAME, "fn"),
        (LAST_NAME, "ln"),
        (WORLD_FIRST, "wfn"),
        (WORLD_LAST, "wln"),
    ] {
        if capital && t.names & bit != 0 {
            sink.add(&[name]);
        }
    }
    if let Some(c) = t.cluster {
        sink.add_grains(c.groups[0], &c.path, &c.token);
    }
}

/// The words around a token it has features of: (part, offset, feature name of the word's
/// lowercase form, of its shape).
const NEIGHBOURS: [(Part, isize, &str, &str); 4] = [
    (Part::TwoBefore, -2, "lw-2=", "sh-2="),
    (Part::Before, -1, "lw-1=", "sh-1="),
    (Part::After, 1, "lw+1=", "sh+1="),
    (Part::TwoAfter, 2, "lw+2=", "sh+2="),
];

/// The features a token has of the word `other` at `neighbour` (one of [`NEIGHBOURS`]; None: past
/// the sentence's start or end), in a sentence in capitals or not (`caps`).
fn neighbour_features(
    &(part, offset, lw, sh): &(Part, isize, &str, &str),
    other: Option<&Tok>,
    caps: bool,
    sink: &mut dyn Sink,
) {
    let case = if caps { "C" } else { "" };
    let Some(o) = other else {
        let marker = if offset < 0 { BOS } else { EOS };
        sink.add(&[lw, marker]);
        sink.add(&[case, sh, marker]);
        return;
    };
    sink.add(&[lw, o.lower]);
    sink.add(&[case, sh, o.shape]);
    let capital = o.cap || caps;
    match part {
        Part::Before => {
            if capital && o.names & FIRST_NAME != 0 {
                sink.add(&["fn-1"]);
            }
            if capital && o.names & WORLD_FIRST != 0 {
                sink.add(&["wfn-1"]);
            }
            if o.title {
                sink.add(&["title-1"]);
            }
            if let Some(c) = o.cluster {
                sink.add_grains(c.groups[1], &c.path, &c.before);
            }
        }
        Part::After => {
            if capital && o.names & LAST_NAME != 0 {
                sink.add(&["ln+1"]);
            }
            if capital && o.names & WORLD_LAST != 0 {
                sink.add(&["wln+1"]);
            }
            if let Some(c) = o.cluster {
                sink.add_grains(c.groups[2], &c.path, &c.after);
            }
        }
        _ => {}
    }
}

/// Prefixes and suffixes of one to four characters of `lower`.
fn affixes(lower: &str, sink: &mut dyn Sink) {
    const P: [&str; 4] = ["p1=", "p2=", "p3=", "p4="];
    const S: [&str; 4] = ["s1=", "s2=", "s3=", "s4="];
    for (k, (end, _)) in lower.char_indices().skip(1).take(4).enumerate() {
        sink.add(&[P[k], &lower[..end]]);
    }
    for (k, (start, _)) in lower.char_indices().rev().take(4).enumerate() {
        if start == 0 && k > 0 {
            // The whole word is already a feature.
            break;
        }
        sink.add(&[S[k], &lower[start..]]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(doc: &[Vec<&str>], gaz: &Gazetteer) -> Vec<Vec<String>> {
        let mut sink = Names::default();
        document(doc, gaz, &WordClusters::default(), &mut sink);
        sink.0
    }

    #[test]
    fn a_hash_does_not_depend_on_how_its_input_is_split() {
        let whole = hash(&["lw-1|0=secretary|of-state"]);
        assert_eq!(whole, hash(&["lw-1|0=", "secretary", "|", "of-state"]));
        assert_eq!(whole, hash(&["l", "w-1|0=secretary|of-st", "", "ate"]));
        assert_ne!(whole, hash(&["lw-1|0=secretary|of-stat"]));
        // Trailing zero bytes count: "a" and "a\0" differ.
        assert_ne!(hash(&["a"]), hash(&["a\0"]));
    }

    #[test]
    fn hashes_match_the_names() {
        let doc = vec![vec![
            "US",
            "Secretary",
            "of",
            "State",
            "Marco",
            "Rubio",
            "met",
            "Sergey",
            "Lavrov",
            ".",
        ]];
        let gaz = Gazetteer::default();
        let mut hashes = Hashes::default();
        document(&doc, &gaz, &WordClusters::default(), &mut hashes);
        let names = names(&doc, &gaz);
        assert_eq!(hashes.len(), names.len());
        for (t, feats) in names.iter().enumerate() {
            let expect: Vec<u64> = feats.iter().map(|f| hash(&[f])).collect();
            assert_eq!(hashes.of(t), expect.as_slice());
        }
    }

    #[test]
    fn caps_sentences_use_document_evidence_not_case() {
        let doc = vec![
            vec!["RUBIO", "MEETS", "LAVROV", "IN", "MALAYSIA"],
            vec!["Marco", "Rubio", "met", "the", "press", "."],
        ];
        let f = names(&doc, &Gazetteer::default());
        // "RUBIO" in the headline: case-blind shape, and the body shows "Rubio" inside a name.
        assert!(f[0].contains(&"Csh=X".to_string()));
        assert!(f[0].contains(&"Cd:inname".to_string()));
        assert!(!f[0].contains(&"cap".to_string()));
        // "MEETS" is never seen in the body; "IN" has no lowercase evidence either in this document.
        assert!(!f[1].iter().any(|x| x.contains("d:")));
        assert!(f[5].contains(&"cap".to_string()) && f[5].contains(&"first".to_string()));
    }

    #[test]
    fn gazetteer_matches_take_the_longest_phrase() {
        let mut gaz = Gazetteer::default();
        gaz.insert(&["Kuala", "Lumpur"], gazetteer::EXT_LOC);
        gaz.insert(&["Kuala"], gazetteer::EXT_LOC);
        gaz.insert(&["Sergey"], FIRST_NAME);
        let f = names(
            &[vec!["Kuala", "Lumpur", "hosted", "Sergey", "Lavrov"]],
            &gaz,
        );
        assert!(f[0].contains(&"g=xLOC-B".to_string()));
        assert!(f[1].contains(&"g=xLOC-I".to_string()));
        assert!(f[3].contains(&"fn".to_string()));
        assert!(f[4].contains(&"fn-1".to_string()));
    }

    #[test]
    fn clusters_and_the_documents_view_of_a_name_are_features() {
        let clusters = WordClusters::from_text(
            "0110101100111\tLavrov\t12\n011010110010\tRyabkov\t3\n10\tsaid\t900\n",
        )
        .unwrap();
        let doc = vec![
            vec!["Deputy", "Minister", "Ryabkov", "said", "."],
            vec!["Ryabkov", "and", "Lavrov", "said", "so", "."],
        ];
        let mut sink = Names::default();
        document(&doc, &Gazetteer::default(), &clusters, &mut sink);
        let f = &sink.0;
        // "Lavrov": its path at 4, 6 and 10 bits, then whole; "said" after it: a short path once.
        for x in [
            "k4=0110",
            "k6=011010",
            "k10=0110101100",
            "k20=0110101100111",
        ] {
            assert!(f[7].contains(&x.to_string()), "{x} in {:?}", f[7]);
        }
        assert!(f[7].contains(&"k+1:4=10".to_string()));
        assert!(!f[7].iter().any(|x| x.starts_with("k+1:10=")));
        assert!(f[8].contains(&"k-1:10=0110101100".to_string()));
        // The second "Ryabkov" opens its sentence, but the first came after a title.
        assert!(f[5].contains(&"d:titled".to_string()));
        assert!(!f[7].contains(&"d:titled".to_string()));
        // Each "Ryabkov" has the words around both: after "minister" and the sentence's start,
        // before "said" and "and".
        for ryabkov in [&f[2], &f[5]] {
            for x in ["d:lw-1=minister", "d:lw-1=<s>", "d:lw+1=said", "d:lw+1=and"] {
                assert!(ryabkov.contains(&x.to_string()), "{x} in {ryabkov:?}");
            }
        }
        assert!(!f[7].contains(&"d:lw-1=minister".to_string()));
    }

    /// A month's neighbours elsewhere ("in July", "said July's") are no features of it; May's,
    /// a surname too, are.
    #[test]
    fn a_months_neighbours_are_not_aggregated() {
        let doc = vec![
            vec!["Spending", "rose", "in", "July", "and", "May", "."],
            vec![
                "Officials",
                "said",
                "July",
                "'s",
                "gain",
                "was",
                "slight",
                ".",
            ],
            vec!["Theresa", "May", "said", "so", "."],
        ];
        let f = names(&doc, &Gazetteer::default());
        let aggregated = |t: &Vec<String>| t.iter().filter(|x| x.starts_with("d:lw")).count();
        assert_eq!(aggregated(&f[3]), 0, "{:?}", f[3]);
        assert_eq!(aggregated(&f[9]), 0, "{:?}", f[9]);
        assert!(f[5].contains(&"d:lw-1=theresa".to_string()), "{:?}", f[5]);
        assert!(f[16].contains(&"d:lw+1=said".to_string()), "{:?}", f[16]);
    }

    #[test]
    fn affixes_respect_character_boundaries() {
        let f = names(&[vec!["Łukasz"]], &Gazetteer::default());
        assert!(f[0].contains(&"p1=ł".to_string()));
        assert!(f[0].contains(&"s4=kasz".to_string()));
    }
}
