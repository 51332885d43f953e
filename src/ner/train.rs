//! Training: builds the gazetteer, reads the word clusters, and fits the CRF on CoNLL-2003 files
//! with `crfs` (L-BFGS, elastic net regularisation), then writes a model file that carries both.
//!
//! Names seen in the training data are a feature too. If every training token could see the list
//! built from its own document, the CRF would learn to trust that list completely and fail on new
//! names; so each fold of the training documents sees only the names of the other folds
//! (jackknifing), and the shipped model carries the list built from all of them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crfs::Attribute;

use super::EntityKind;
use super::annotated::{self, Document};
use super::clusters::WordClusters;
use super::features::{self, Names};
use super::gazetteer::{self, Gazetteer};
use super::model::{Label, Model};
use crate::error::{Error, Result};

/// Everything a training run needs.
#[derive(Clone, Debug)]
pub struct Options {
    pub train: PathBuf,
    pub out: PathBuf,
    /// Folder with the US census name lists, when used.
    pub census: Option<PathBuf>,
    /// The Groningen Meaning Bank zip, when used.
    pub gmb: Option<PathBuf>,
    /// The world name lists (models/world-names.txt), when used.
    pub world_names: Option<PathBuf>,
    /// Word clusters written by `newsdex ner clusters`, when used.
    pub clusters: Option<PathBuf>,
    pub c1: f64,
    pub c2: f64,
    pub iterations: usize,
    /// Number of folds for the training-name gazetteer.
    pub folds: usize,
    /// Print L-BFGS progress.
    pub verbose: bool,
}

/// Census last names kept (by frequency rank).
const CENSUS_LAST: usize = 20_000;
/// How often a GMB name must occur to be listed.
const GMB_MIN_COUNT: usize = 2;

/// Trains a model as `options` say and writes it to `options.out`. Prints progress on stderr.
pub fn train(options: &Options) -> Result<()> {
    let started = Instant::now();
    let docs = annotated::read(&options.train)?;
    let mut base = Gazetteer::default();
    if let Some(dir) = &options.census {
        base.add_census(dir, CENSUS_LAST)?;
    }
    if let Some(zip) = &options.gmb {
        base.add_gmb(zip, GMB_MIN_COUNT)?;
    }
    if let Some(path) = &options.world_names {
        base.add_world_names(path)?;
    }
    eprintln!(
        "gazetteer: {} phrases from census, GMB and world name lists",
        base.len()
    );

    // The clusters' text goes into the model as read.
    let clusters_text = match &options.clusters {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Error::io("cannot read word clusters", path, e))?,
        None => String::new(),
    };
    let clusters = WordClusters::from_text(&clusters_text).ok_or_else(|| {
        Error::usage(format!(
            "{}: not word clusters (expected `path<TAB>word<TAB>count` lines, as `newsdex ner clusters` writes)",
            options.clusters.as_deref().unwrap_or(Path::new("")).display()
        ))
    })?;
    eprintln!("word clusters: {} words", clusters.len());

    let phrases: Vec<Vec<(Vec<String>, u16)>> = docs.iter().map(entity_phrases).collect();
    let folds = options.folds.max(2);
    let mut trainer = crfs::train::Trainer::lbfgs();
    trainer.verbose(options.verbose);
    let io = |e: std::io::Error| Error::failure(format!("training failed: {e}"));
    trainer.params_mut().set_c1(options.c1).map_err(io)?;
    trainer.params_mut().set_c2(options.c2).map_err(io)?;
    trainer
        .params_mut()
        .set_max_iterations(options.iterations)
        .map_err(io)?;
    let mut tokens = 0;
    for fold in 0..folds {
        let mut gaz = base.clone();
        for (_, doc_phrases) in phrases
            .iter()
            .enumerate()
            .filter(|(d, _)| d % folds != fold)
        {
            for (words, bits) in doc_phrases {
                gaz.insert(words, *bits);
            }
        }
        for doc in docs.iter().skip(fold).step_by(folds) {
            let mut names = Names::default();
            features::document(&doc.words(), &gaz, &clusters, &mut names);
            let mut feats = names.0.into_iter();
            for s in &doc.sentences {
                let xseq: Vec<Vec<Attribute>> = feats
                    .by_ref()
                    .take(s.words.len())
                    .map(|f| f.into_iter().map(|n| Attribute::new(n, 1.0)).collect())
                    .collect();
                tokens += xseq.len();
                trainer.append(&xseq, &s.tags).map_err(io)?;
            }
        }
    }
    let mut full = base;
    for (words, bits) in phrases.iter().flatten() {
        full.insert(words, *bits);
    }
    eprintln!(
        "training on {} documents, {tokens} tokens; gazetteer {} phrases; features ready in {:.1}s",
        docs.len(),
        full.len(),
        started.elapsed().as_secs_f64()
    );
    let tmp = options.out.with_extension("crfsuite.tmp");
    trainer.train(&tmp).map_err(io)?;
    let crf = std::fs::read(&tmp).map_err(|e| Error::io("cannot read", &tmp, e))?;
    let _ = std::fs::remove_file(&tmp);
    Model::write(&options.out, &full, &clusters_text, &crf)?;
    eprintln!(
        "model written to {} in {:.1}s",
        options.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The entity phrases of a CoNLL document with their training-list bits.
fn entity_phrases(doc: &Document) -> Vec<(Vec<String>, u16)> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let labels: Vec<Label> = s
            .tags
            .iter()
            .map(|t| Label::parse(t).unwrap_or(Label::Outside))
            .collect();
        for (range, kind) in super::eval::chunks(&labels) {
            let bits = match kind {
                EntityKind::Person => gazetteer::TRAIN_PER,
                EntityKind::Organisation => gazetteer::TRAIN_ORG,
                EntityKind::Place => gazetteer::TRAIN_LOC,
                EntityKind::Misc => gazetteer::TRAIN_MISC,
            };
            out.push((s.words[range].to_vec(), bits));
        }
    }
    out
}
