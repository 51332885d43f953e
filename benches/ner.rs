//! NER throughput: `cargo bench --bench ner [-- DIR]`.
//!
//! Loads the bundled model (timed), then runs the whole recogniser — tokenizer, features, CRF
//! tagging and name resolution — over every article body in DIR (default: the bundled `corpus/`,
//! reading `.txt` files and the `body` of `.json` files) on one core, and prints tokens per second.

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsdex::ner::{Recognizer, model::Model, tokenize};

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from);
    let dir = dir.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    let mut texts = Vec::new();
    collect(&dir, &mut texts);
    if texts.is_empty() {
        eprintln!("no .txt or .json articles under {}", dir.display());
        std::process::exit(2);
    }

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/ner.model");
    let bytes = std::fs::read(&path).expect("models/ner.model ships with the crate");
    let started = Instant::now();
    let model = Model::from_bytes(&bytes).expect("bundled model loads");
    let load = started.elapsed();
    println!(
        "model load: {:.3} s ({} features, {} gazetteer phrases, {:.1} MB file)",
        load.as_secs_f64(),
        model.num_features(),
        model.gazetteer().len(),
        bytes.len() as f64 / 1e6
    );

    let recognizer = Recognizer::bundled().expect("bundled model loads");
    let tokens: usize = texts
        .iter()
        .map(|t| tokenize::sentences(t).iter().map(Vec::len).sum::<usize>())
        .sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    // Warm-up, then the best of three runs.
    let mut people = 0;
    for t in texts.iter().take(50) {
        people += recognizer.entities(None, t).people.len();
    }
    let mut best = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        people = 0;
        for t in &texts {
            people += recognizer.entities(None, t).people.len();
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "{} articles, {tokens} tokens, {:.1} MB: {:.3} s, {:.0} tokens/s, {:.0} articles/s, {:.1} MB/s (one core; tokenizer, features, CRF, resolution); {people} people found",
        texts.len(),
        bytes as f64 / 1e6,
        best,
        tokens as f64 / best,
        texts.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
}

fn collect(dir: &Path, out: &mut Vec<String>) {
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = entry.path();
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        match p.extension().and_then(|e| e.to_str()) {
            Some("txt") => out.push(text),
            Some("json") => {
                let body = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v.get("body").and_then(|b| b.as_str()).map(str::to_string));
                out.extend(body);
            }
            _ => {}
        }
    }
}
