//! Evaluation with conlleval semantics: an entity counts as found only when both its span and its
//! type match the gold annotation exactly; precision, recall and F1 per type and overall.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::time::Instant;

use super::EntityKind;
use super::annotated::Document;
use super::model::{Label, Model};

/// Returns the entity chunks of a label sequence as (token range, kind), the way conlleval reads
/// them: a chunk starts at a B- label, or at an I- label whose type differs from the label before.
pub fn chunks(labels: &[Label]) -> Vec<(Range<usize>, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &label) in labels.iter().enumerate() {
        let continues = matches!((label, open), (Label::Inside(k), Some((_, o))) if k == o);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            out.push((start..i, kind));
        }
        if let Label::Begin(k) | Label::Inside(k) = label {
            open = Some((i, k));
        }
    }
    if let Some((start, kind)) = open {
        out.push((start..labels.len(), kind));
    }
    out
}

/// Counts of one entity type (or all).
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.found)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The result of scoring a model on a CoNLL file.
#[derive(Debug, Default)]
pub struct Scores {
    pub by_kind: BTreeMap<&'static str, Counts>,
    pub overall: Counts,
    pub tokens: usize,
    pub seconds: f64,
}

impl Scores {
    /// The report `newsdex ner eval` prints.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "gold", "found"
        );
        let mut line = |name: &str, c: &Counts| {
            let _ = writeln!(
                s,
                "{name:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.found
            );
        };
        for (kind, c) in &self.by_kind {
            line(kind, c);
        }
        line("overall", &self.overall);
        let _ = writeln!(
            s,
            "{} tokens in {:.3}s: {:.0} tokens/s (features and tagging, one core)",
            self.tokens,
            self.seconds,
            self.tokens as f64 / self.seconds.max(1e-9)
        );
        s
    }
}

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "PER",
        EntityKind::Organisation => "ORG",
        EntityKind::Place => "LOC",
        EntityKind::Misc => "MISC",
    }
}

/// Tags every document and returns the predicted labels, sentence by sentence.
pub fn predict(model: &Model, docs: &[Document]) -> (Vec<Vec<Vec<Label>>>, f64) {
    let started = Instant::now();
    let out = docs
        .iter()
        .map(|d| model.tag_document(&d.words()))
        .collect();
    (out, started.elapsed().as_secs_f64())
}

/// The CoNLL file `docs` printed back line for line, each token line with one more column: the
/// predicted IOB2 tag (so that any standard scorer can check the numbers).
pub fn tagged_conll(model: &Model, docs: &[Document]) -> String {
    let (predicted, _) = predict(model, docs);
    let mut out = String::new();
    for (doc, pred) in docs.iter().zip(&predicted) {
        out.push_str("-DOCSTART- -X- -X- O O\n\n");
        for (s, labels) in doc.sentences.iter().zip(pred) {
            for (line, label) in s.lines.iter().zip(labels) {
                let _ = writeln!(out, "{line} {}", label.tag());
            }
            out.push('\n');
        }
    }
    out
}

/// Scores `model` against the gold tags of `docs`.
pub fn evaluate(model: &Model, docs: &[Document]) -> Scores {
    let (predicted, seconds) = predict(model, docs);
    let mut scores = Scores {
        seconds,
        ..Scores::default()
    };
    for (doc, pred) in docs.iter().zip(&predicted) {
        for (s, p) in doc.sentences.iter().zip(pred) {
            scores.tokens += s.words.len();
            let gold: Vec<Label> = s
                .tags
                .iter()
                .map(|t| Label::parse(t).unwrap_or(Label::Outside))
                .collect();
            let gold = chunks(&gold);
            let found = chunks(p);
            for (_, k) in &gold {
                scores.by_kind.entry(kind_name(*k)).or_default().gold += 1;
                scores.overall.gold += 1;
            }
            for f in &found {
                let c = scores.by_kind.entry(kind_name(f.1)).or_default();
                c.found += 1;
                scores.overall.found += 1;
                if gold.contains(f) {
                    c.correct += 1;
                    scores.overall.correct += 1;
                }
            }
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(tags: &str) -> Vec<Label> {
        tags.split(' ').map(|t| Label::parse(t).unwrap()).collect()
    }

    #[test]
    fn chunks_follow_conlleval() {
        let c = chunks(&labels("B-PER I-PER O I-LOC B-LOC I-ORG B-MISC"));
        assert_eq!(
            c,
            vec![
                (0..2, EntityKind::Person),
                (3..4, EntityKind::Place),
                (4..5, EntityKind::Place),
                (5..6, EntityKind::Organisation),
                (6..7, EntityKind::Misc),
            ]
        );
    }

    #[test]
    fn partial_spans_do_not_count() {
        let c = Counts {
            gold: 2,
            found: 2,
            correct: 1,
        };
        assert!((c.f1() - 0.5).abs() < 1e-9);
    }
}
