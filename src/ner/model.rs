//! The trained tagger: a linear-chain CRF over BIO labels, with the gazetteer its features consult.
//!
//! A model file is a small container: a header line, the gazetteer and the word clusters as text,
//! then the CRF in CRFsuite's binary format exactly as `crfs` writes it (so `crfsuite dump` can
//! read that part).
//! Loading turns the CRF into flat weight tables keyed by the 64-bit hash of each feature name, so
//! tagging never builds a string: features are hashed as they are computed, and the weights of a
//! token's features that depend on one word only ([`features::Part`]) are summed once per word and
//! remembered ([`Scores`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::EntityKind;
use super::clusters::{Grain, WordClusters};
use super::features::{self, Part, PrehashedBuild, Sink};
use super::gazetteer::Gazetteer;
use crate::error::{Error, Result};

/// The first line of a model file: version 2 carries word clusters, version 1 does not.
const MAGIC: &[u8] = b"NEWSDEX-NER 2\n";
const MAGIC_1: &[u8] = b"NEWSDEX-NER 1\n";

/// Most labels a model can have: outside, and the beginning and inside of the four entity kinds.
const MAX_LABELS: usize = 9;

/// A feature's weight for each label, or a token's score for each label.
type Row = [f32; MAX_LABELS];

/// Adds `w` to `row`, label by label.
fn add_row(row: &mut Row, w: &Row) {
    for (r, x) in row.iter_mut().zip(w) {
        *r += x;
    }
}

/// One BIO label: outside, or the beginning or inside of an entity of some kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Outside,
    Begin(EntityKind),
    Inside(EntityKind),
}

impl Label {
    /// Parses "O", "B-PER", "I-LOC", ...; None for anything else.
    pub fn parse(tag: &str) -> Option<Label> {
        if tag == "O" {
            return Some(Label::Outside);
        }
        let (bio, kind) = tag.split_once('-')?;
        let kind = match kind {
            "PER" => EntityKind::Person,
            "ORG" => EntityKind::Organisation,
            "LOC" => EntityKind::Place,
            "MISC" => EntityKind::Misc,
            _ => return None,
        };
        match bio {
            "B" => Some(Label::Begin(kind)),
            "I" => Some(Label::Inside(kind)),
            _ => None,
        }
    }

    /// The IOB2 tag ("O", "B-PER", ...).
    pub fn tag(self) -> &'static str {
        use EntityKind::*;
        match self {
            Label::Outside => "O",
            Label::Begin(Person) => "B-PER",
            Label::Begin(Organisation) => "B-ORG",
            Label::Begin(Place) => "B-LOC",
            Label::Begin(Misc) => "B-MISC",
            Label::Inside(Person) => "I-PER",
            Label::Inside(Organisation) => "I-ORG",
            Label::Inside(Place) => "I-LOC",
            Label::Inside(Misc) => "I-MISC",
        }
    }
}

/// Working memory of [`Model::tag`], reused from sentence to sentence.
#[derive(Default)]
struct Scratch {
    back: Vec<u8>,
    best: Vec<f32>,
    next: Vec<f32>,
}

/// A loaded model, ready to tag.
pub struct Model {
    /// Names this model in the remembered part sums of [`Scores`] (unique in the process).
    id: u64,
    labels: Vec<Label>,
    /// Feature hash → row of `state`.
    rows: RowIndex,
    /// Number of the CRF's features (the first rows of `state`; cluster groups follow).
    features: usize,
    /// The weight of each feature for each label (labels past `labels.len()` weigh 0).
    state: Vec<Row>,
    /// `trans[from * L + to]`.
    trans: Vec<f32>,
    gazetteer: Gazetteer,
    clusters: WordClusters,
}

/// The row of each feature hash: open addressing with linear probing in a power-of-two table at
/// most half full, behind a one-bit-per-bucket filter small enough to stay in cache. Most features
/// of a token are not in the model; the filter answers most of those lookups without touching the
/// table, whose slots are a cache miss each.
struct RowIndex {
    /// (feature hash, row); row [`RowIndex::EMPTY`] marks a free slot.
    slots: Vec<(u64, u32)>,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
    /// Bit `b` is set if and only if some feature's bucket ([`RowIndex::FILTER_BITS`] top bits of
    /// its mixed hash) is `b`.
    filter: Vec<u64>,
}

impl RowIndex {
    const EMPTY: u32 = u32::MAX;
    /// 2^20 buckets: a 128 KiB filter.
    const FILTER_BITS: u32 = 20;

    /// Indexes `hashes[row]` → `row`.
    fn new(hashes: &[u64]) -> RowIndex {
        let size = (hashes.len() * 2).next_power_of_two().max(2);
        let mut index = RowIndex {
            slots: vec![(0, RowIndex::EMPTY); size],
            shift: 64 - size.trailing_zeros(),
            filter: vec![0; 1 << (RowIndex::FILTER_BITS - 6)],
        };
        for (row, &h) in hashes.iter().enumerate() {
            let (word, bit) = RowIndex::bucket(h);
            index.filter[word] |= bit;
            let mut i = index.slot(h);
            while index.slots[i].1 != RowIndex::EMPTY && index.slots[i].0 != h {
                i = (i + 1) & (size - 1);
            }
            index.slots[i] = (h, row as u32);
        }
        index
    }

    /// `h` multiplied by an odd constant, whose top bits pick the bucket and the slot (Fibonacci
    /// hashing).
    fn mixed(h: u64) -> u64 {
        h.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    /// The filter word and bit of `h`'s bucket.
    fn bucket(h: u64) -> (usize, u64) {
        let bucket = RowIndex::mixed(h) >> (64 - RowIndex::FILTER_BITS);
        ((bucket / 64) as usize, 1 << (bucket % 64))
    }

    /// Where the probe for `h` starts.
    fn slot(&self, h: u64) -> usize {
        (RowIndex::mixed(h) >> self.shift) as usize
    }

    /// The row of the feature whose hash is `h`, if the model has it.
    fn get(&self, h: u64) -> Option<u32> {
        let (word, bit) = RowIndex::bucket(h);
        if self.filter[word] & bit == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            let (key, row) = self.slots[i];
            if row == RowIndex::EMPTY {
                return None;
            }
            if key == h {
                return Some(row);
            }
            i = (i + 1) & mask;
        }
    }
}

impl Model {
    /// Reads a model file written by [`Model::write`].
    pub fn open(path: &Path) -> Result<Model> {
        let bytes = std::fs::read(path).map_err(|e| Error::io("cannot read model", path, e))?;
        Model::from_bytes(&bytes).map_err(|why| {
            Error::usage(format!(
                "{}: not a newsdex NER model ({why})",
                path.display()
            ))
        })
    }

    /// Writes a model file: the gazetteer, the word clusters' text (as `ner clusters` writes it)
    /// and the CRFsuite model `crf`, gzip-compressed.
    pub fn write(path: &Path, gazetteer: &Gazetteer, clusters: &str, crf: &[u8]) -> Result<()> {
        let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let io = |e| Error::io("cannot write model", path, e);
        out.write_all(MAGIC).map_err(io)?;
        for part in [gazetteer.to_text().as_str(), clusters] {
            out.write_all(&(part.len() as u64).to_le_bytes())
                .map_err(io)?;
            out.write_all(part.as_bytes()).map_err(io)?;
        }
        out.write_all(crf).map_err(io)?;
        let bytes = out.finish().map_err(io)?;
        std::fs::write(path, bytes).map_err(io)
    }

    /// Parses a model file's bytes; the error says what is wrong.
    pub fn from_bytes(gz: &[u8]) -> std::result::Result<Model, String> {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("not gzip: {e}"))?;
        let (rest, parts) = match bytes.strip_prefix(MAGIC) {
            Some(rest) => (rest, 2),
            None => (bytes.strip_prefix(MAGIC_1).ok_or("bad magic")?, 1),
        };
        // The gazetteer, then (version 2) the clusters: each a u64 length and UTF-8 text.
        let mut texts = Vec::new();
        let mut rest = rest;
        for _ in 0..parts {
            let (len, after) = rest.split_at_checked(8).ok_or("truncated")?;
            let len = u64::from_le_bytes(len.try_into().map_err(|_| "truncated")?) as usize;
            let (text, after) = after.split_at_checked(len).ok_or("truncated")?;
            texts.push(std::str::from_utf8(text).map_err(|_| "text not UTF-8")?);
            rest = after;
        }
        let gazetteer = Gazetteer::from_text(texts[0]).ok_or("bad gazetteer")?;
        let clusters = match texts.get(1) {
            Some(text) => WordClusters::from_text(text).ok_or("bad word clusters")?,
            None => WordClusters::default(),
        };
        let mut model = Model::from_crfsuite(rest, &clusters)?;
        model.gazetteer = gazetteer;
        model.clusters = clusters;
        Ok(model)
    }

    /// Builds the weight tables from a CRFsuite model, with one row per cluster group of
    /// `clusters` (the sum of the rows of the group's features).
    fn from_crfsuite(crf: &[u8], clusters: &WordClusters) -> std::result::Result<Model, String> {
        let model = crfs::Model::new(crf).map_err(|e| format!("bad CRF: {e}"))?;
        let u32_at = |i: usize| -> std::result::Result<u32, String> {
            let b = crf.get(i..i + 4).ok_or("truncated CRF")?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let num_labels = model.num_labels() as usize;
        if num_labels > MAX_LABELS {
            return Err(format!(
                "{num_labels} labels, at most {MAX_LABELS} expected"
            ));
        }
        let labels = (0..num_labels as u32)
            .map(|l| {
                model
                    .to_label(l)
                    .and_then(Label::parse)
                    .ok_or_else(|| format!("unknown label #{l}"))
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let num_features = u32_at(16)? as usize;
        let off_features = u32_at(28)? as usize + 12;
        let mut hashes = Vec::new();
        let mut attr_row: HashMap<u32, u32> = HashMap::new();
        let mut state: Vec<Row> = Vec::new();
        let mut trans = vec![0f32; num_labels * num_labels];
        for f in 0..num_features {
            let at = off_features + f * 20;
            let (kind, src, dst) = (u32_at(at)?, u32_at(at + 4)?, u32_at(at + 8)? as usize);
            let w = crf.get(at + 12..at + 20).ok_or("truncated CRF")?;
            let weight = f64::from_le_bytes(w.try_into().map_err(|_| "truncated CRF")?) as f32;
            if dst >= num_labels {
                return Err(format!("feature #{f} has label {dst}"));
            }
            match kind {
                0 => {
                    let row = match attr_row.get(&src) {
                        Some(&row) => row,
                        None => {
                            let name = model
                                .to_attr(src)
                                .ok_or_else(|| format!("unknown attribute #{src}"))?;
                            let row = state.len() as u32;
                            state.push([0.0; MAX_LABELS]);
                            hashes.push(features::hash(&[name]));
                            attr_row.insert(src, row);
                            row
                        }
                    };
                    state[row as usize][dst] = weight;
                }
                1 if (src as usize) < num_labels => trans[src as usize * num_labels + dst] = weight,
                _ => return Err(format!("feature #{f} has type {kind}")),
            }
        }
        let features = state.len();
        let row_of: HashMap<u64, usize> = hashes.iter().enumerate().map(|(r, &h)| (h, r)).collect();
        for c in clusters.clusters() {
            for (group, grains) in c.groups.iter().zip([&c.token, &c.before, &c.after]) {
                let mut sum = [0.0; MAX_LABELS];
                for g in grains.iter() {
                    if let Some(&r) = row_of.get(&g.hash) {
                        add_row(&mut sum, &state[r]);
                    }
                }
                if sum.iter().any(|&w| w != 0.0) {
                    hashes.push(*group);
                    state.push(sum);
                }
            }
        }
        static MODELS: AtomicU64 = AtomicU64::new(0);
        Ok(Model {
            id: MODELS.fetch_add(1, Ordering::Relaxed),
            labels,
            rows: RowIndex::new(&hashes),
            features,
            state,
            trans,
            gazetteer: Gazetteer::default(),
            clusters: WordClusters::default(),
        })
    }

    /// The gazetteer the features of this model consult.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The word clusters the model was trained with (empty for a model without).
    pub fn clusters(&self) -> &WordClusters {
        &self.clusters
    }

    /// The weight of the feature whose hash is `h` for each label, if the model has it.
    fn weights(&self, h: u64) -> Option<&Row> {
        self.rows.get(h).map(|row| &self.state[row as usize])
    }

    /// Number of distinct features with a weight.
    pub fn num_features(&self) -> usize {
        self.features
    }

    /// The most likely labels (Viterbi) of one sentence whose tokens score `score` (one row per
    /// token, [`Scores`]), appended to `out`; `scratch` is working memory kept between sentences.
    fn tag(&self, score: &[Row], scratch: &mut Scratch, out: &mut Vec<Label>) {
        let l = self.labels.len();
        let n = score.len();
        if n == 0 || l == 0 {
            return;
        }
        let Scratch { back, best, next } = scratch;
        back.clear();
        back.resize(n * l, 0);
        best.clear();
        best.extend_from_slice(&score[0][..l]);
        next.clear();
        next.resize(l, 0.0);
        for t in 1..n {
            for j in 0..l {
                let (mut arg, mut max) = (0, f32::NEG_INFINITY);
                for (i, b) in best.iter().enumerate() {
                    let v = b + self.trans[i * l + j];
                    if v > max {
                        max = v;
                        arg = i;
                    }
                }
                next[j] = max + score[t][j];
                back[t * l + j] = arg as u8;
            }
            std::mem::swap(best, next);
        }
        let mut j = (0..l)
            .max_by(|&a, &b| best[a].total_cmp(&best[b]))
            .unwrap_or(0);
        let start = out.len();
        out.resize(start + n, Label::Outside);
        for t in (0..n).rev() {
            out[start + t] = self.labels[j];
            j = back[t * l + j] as usize;
        }
    }
}

impl Model {
    /// Tags every sentence of a document (sentences of words) and returns one label per word, with
    /// the document's corrections ([`consistency`](super::consistency)) applied.
    pub fn tag_document<S: AsRef<str>>(&self, doc: &[Vec<S>]) -> Vec<Vec<Label>> {
        let rows = self.scores(doc);
        let mut labels = Vec::with_capacity(rows.len());
        let mut scratch = Scratch::default();
        let mut start = 0;
        let mut out = Vec::with_capacity(doc.len());
        for s in doc {
            labels.clear();
            let end = (start + s.len()).min(rows.len());
            self.tag(&rows[start..end], &mut scratch, &mut labels);
            start = end;
            out.push(labels.clone());
        }
        super::consistency::correct(doc, &mut out, self.gazetteer());
        out
    }

    /// The score of every token of `doc` for each label: the sum of its features' weights.
    fn scores<S: AsRef<str>>(&self, doc: &[Vec<S>]) -> Vec<Row> {
        thread_local! {
            static REMEMBERED: RefCell<PartRows> = RefCell::new(PartRows::default());
        }
        REMEMBERED.with(|parts| {
            let mut parts = parts.borrow_mut();
            if parts.model != Some(self.id) || parts.words.len() >= PartRows::MOST {
                parts.words.clear();
                parts.model = Some(self.id);
            }
            let mut scores = Scores {
                model: self,
                parts: &mut parts,
                rows: Vec::new(),
            };
            features::document(doc, &self.gazetteer, &self.clusters, &mut scores);
            scores.rows
        })
    }
}

/// The summed weights of the features of each [`features::Part`] met, by word
/// ([`features::word_key`]), for one model: a thread's memory across documents (a part is the same
/// features wherever its word is).
#[derive(Default)]
struct PartRows {
    /// The [`Model::id`] the sums are of.
    model: Option<u64>,
    words: HashMap<u64, WordParts, PrehashedBuild>,
}

impl PartRows {
    /// Most words whose sums are kept (about 6 MB); past it they are forgotten and summed again as
    /// met.
    const MOST: usize = 1 << 15;
}

/// The remembered sums of one word's parts: part `p`'s is `rows[p]` if bit `p` of `summed` is set.
#[derive(Clone, Copy)]
struct WordParts {
    summed: u8,
    rows: [Row; Part::COUNT],
}

/// Token scores built as the features arrive: a feature adds its weights to its token's row; a
/// part adds the remembered sum of its features' weights, summed when first met.
struct Scores<'a> {
    model: &'a Model,
    parts: &'a mut PartRows,
    rows: Vec<Row>,
}

impl Scores<'_> {
    fn add_hash(&mut self, h: u64) {
        if let (Some(w), Some(row)) = (self.model.weights(h), self.rows.last_mut()) {
            add_row(row, w);
        }
    }
}

impl Sink for Scores<'_> {
    fn token(&mut self) {
        self.rows.push([0.0; MAX_LABELS]);
    }
    fn add(&mut self, parts: &[&str]) {
        self.add_hash(features::hash(parts));
    }
    fn add_grains(&mut self, group: u64, _: &str, _: &[Grain]) {
        self.add_hash(group);
    }
    fn add_part(&mut self, word: u64, part: Part, emit: &dyn Fn(&mut dyn Sink)) {
        let p = part as usize;
        let parts = self.parts.words.entry(word).or_insert_with(|| WordParts {
            summed: 0,
            rows: [[0.0; MAX_LABELS]; Part::COUNT],
        });
        if parts.summed & (1 << p) == 0 {
            let mut sum = Sum {
                model: self.model,
                row: [0.0; MAX_LABELS],
            };
            emit(&mut sum);
            parts.rows[p] = sum.row;
            parts.summed |= 1 << p;
        }
        if let Some(row) = self.rows.last_mut() {
            add_row(row, &parts.rows[p]);
        }
    }
}

/// The sum of the weights of the features it is given (one part's).
struct Sum<'a> {
    model: &'a Model,
    row: Row,
}

impl Sink for Sum<'_> {
    fn token(&mut self) {}
    fn add(&mut self, parts: &[&str]) {
        self.add_grains(features::hash(parts), "", &[]);
    }
    fn add_grains(&mut self, group: u64, _: &str, _: &[Grain]) {
        if let Some(w) = self.model.weights(group) {
            add_row(&mut self.row, w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remembered part sums give every token the score the sum of all its features' weights
    /// gives, in the first document and in a later one that meets the same words.
    #[test]
    fn remembered_part_sums_score_as_every_feature_does() {
        let model = Model::from_bytes(include_bytes!("../../models/ner.model")).unwrap();
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let doc = vec![
            words("US Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur ."),
            words("RUBIO MEETS LAVROV"),
            words("Lavrov said Rubio had a new approach ."),
        ];
        let mut every = features::Hashes::default();
        features::document(&doc, &model.gazetteer, &model.clusters, &mut every);
        for _ in 0..2 {
            let scores = model.scores(&doc);
            assert_eq!(scores.len(), every.len());
            for (t, score) in scores.iter().enumerate() {
                let mut sum = [0.0f32; MAX_LABELS];
                for w in every.of(t).iter().filter_map(|&h| model.weights(h)) {
                    add_row(&mut sum, w);
                }
                for k in 0..MAX_LABELS {
                    assert!(
                        (sum[k] - score[k]).abs() < 1e-4,
                        "token {t}: {sum:?} {score:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn rows_are_found_by_feature_hash_and_unknown_features_are_not() {
        let hashes: Vec<u64> = ["w=Rubio", "lw=lavrov", "sh=Xx", "g=xPER-B", "b"]
            .iter()
            .map(|name| features::hash(&[name]))
            .collect();
        let index = RowIndex::new(&hashes);
        for (row, &h) in hashes.iter().enumerate() {
            assert_eq!(index.get(h), Some(row as u32));
        }
        assert_eq!(index.get(features::hash(&["w=Ryabkov"])), None);
        // The bundled model: the bias feature every token has is found, an unseen word is not.
        let model = Model::from_bytes(include_bytes!("../../models/ner.model")).unwrap();
        assert_eq!(model.num_features(), 41_746);
        // It carries its word clusters, and a tagged token's cluster features are found as one
        // group row.
        let lavrov = model.clusters.of("Lavrov", 0).expect("Lavrov is clustered");
        assert!(model.rows.get(lavrov.groups[0]).is_some());
        assert!(model.rows.get(lavrov.token[0].hash).is_some());
        assert!(model.rows.get(features::hash(&["b"])).is_some());
        assert!(
            model
                .rows
                .get(features::hash(&["w=NoSuchWordAnywhere"]))
                .is_none()
        );
    }
}
