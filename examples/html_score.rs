//! Scores the HTML article extractor (`newsdex::corpus::html::extract`) on the Zyte/Scrapinghub
//! article-extraction benchmark pages: `cargo run --release --example html_score -- DIR`, where DIR
//! holds `ground-truth.json` ({hash: {url, articleBody}}) and `html/<hash>.html.gz`.
//!
//! The score follows the benchmark's own `evaluate.py` to the letter:
//! - words are the matches of Python's `\w+` (Unicode letters, digits and `_`);
//! - each text becomes the multiset of its 4-word shingles (a text of fewer than 4 words is one
//!   shorter shingle; no words, no shingle);
//! - per page, tp/fp/fn count shingles in both / only extracted / only true, then are divided by
//!   their sum so that long pages weigh no more than short ones;
//! - precision is averaged over pages where tp + fp > 0 (something was extracted), recall over pages
//!   where tp + fn > 0, and F1 is the harmonic mean of those two averages.
//!
//! Prints one line per page (precision, recall, hash, url), then the overall figures and the speed
//! of extraction alone (decoding, parsing and extracting; reading and gunzipping excluded).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsdex::corpus::html;

/// Python's `\w` on `str`: letters (L*), numbers (N*: decimal, digit and numeric) and underscore.
const WORD: &str = r"[\p{L}\p{N}_]+";

fn main() -> ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data/html-extraction".into()),
    );
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("html_score: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(dir: &Path) -> Result<(), String> {
    let truth_path = dir.join("ground-truth.json");
    if !truth_path.is_file() {
        return Err(format!(
            "no benchmark data at {} (expected ground-truth.json and html/*.html.gz there); \
             the data set is research-only and not in the repository: pass the folder that holds it",
            dir.display()
        ));
    }
    let truth: HashMap<String, serde_json::Value> = std::fs::read_to_string(&truth_path)
        .map_err(|e| format!("cannot read {}: {e}", truth_path.display()))
        .and_then(|s| {
            serde_json::from_str(&s)
                .map_err(|e| format!("{} is not valid JSON: {e}", truth_path.display()))
        })?;
    let word = regex::Regex::new(WORD).map_err(|e| e.to_string())?;
    let mut hashes: Vec<&String> = truth.keys().collect();
    hashes.sort();

    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    let mut spent = Duration::ZERO;
    let mut bytes_total = 0usize;
    for hash in hashes {
        let entry = &truth[hash];
        let url = entry["url"].as_str();
        let expected = entry["articleBody"].as_str().unwrap_or("");
        let path = dir.join("html").join(format!("{hash}.html.gz"));
        let raw = gunzip(&path)?;
        bytes_total += raw.len();
        let start = Instant::now();
        let page = html::extract(&raw, url);
        spent += start.elapsed();
        let (tp, fp, fn_) = shingle_matching(&word, expected, &page.body);
        if tp + fp > 0.0 {
            precisions.push(precision(tp, fp, fn_));
        }
        if tp + fn_ > 0.0 {
            recalls.push(recall(tp, fp, fn_));
        }
        println!(
            "P={:.3} R={:.3}  {}  {}",
            precision(tp, fp, fn_),
            recall(tp, fp, fn_),
            &hash[..12],
            url.unwrap_or("")
        );
    }
    let p = mean(&precisions);
    let r = mean(&recalls);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let pages = truth.len() as f64;
    println!();
    println!(
        "pages {}  precision {p:.4}  recall {r:.4}  F1 {f1:.4}",
        truth.len()
    );
    println!(
        "speed: {:.0} pages/s, {:.1} ms per page on average ({:.0} KB of HTML per page)",
        pages / spent.as_secs_f64(),
        spent.as_secs_f64() * 1000.0 / pages,
        bytes_total as f64 / pages / 1024.0
    );
    Ok(())
}

fn gunzip(path: &Path) -> Result<Vec<u8>, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut raw)
        .map_err(|e| format!("cannot gunzip {}: {e}", path.display()))?;
    Ok(raw)
}

/// The multiset of `n`-word shingles of `text` (evaluate.py's `_all_shingles`).
fn shingles<'t>(word: &regex::Regex, text: &'t str, n: usize) -> HashMap<Vec<&'t str>, usize> {
    let tokens: Vec<&str> = word.find_iter(text).map(|m| m.as_str()).collect();
    let mut counts = HashMap::new();
    for i in 0..tokens.len().saturating_sub(n) + 1 {
        let shingle = &tokens[i.min(tokens.len())..(i + n).min(tokens.len())];
        if !shingle.is_empty() {
            *counts.entry(shingle.to_vec()).or_insert(0) += 1;
        }
    }
    counts
}

/// Normalised (tp, fp, fn) of the extracted text against the true one (`string_shingle_matching`).
fn shingle_matching(word: &regex::Regex, truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(word, truth, 4);
    let p = shingles(word, pred, 4);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for key in t.keys().chain(p.keys().filter(|k| !t.contains_key(*k))) {
        let tc = *t.get(key).unwrap_or(&0) as f64;
        let pc = *p.get(key).unwrap_or(&0) as f64;
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (tp, fp, fn_)
    }
}

fn precision(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}
