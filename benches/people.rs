//! People lists against hand marks: `cargo bench --bench people [-- --split tune|test|all]
//! [--errors] [--marks FILE] [--data DIR]`.
//!
//! `benches/people-eval/marks.jsonl` lists articles of `../shared/data` (Wikinews, BBC, AllSides,
//! Reuters; 20 of each, drawn at random) with every person each names, marked by hand
//! (`benches/people-eval/README.md` says how). Each line names the file and the article's record
//! number in it, its split (`tune`: look at its errors while changing newsdex; `test`: only ever
//! scored), and each person as the list of spellings the article uses. No article text is kept here: the articles
//! are read from `../shared/data` by newsdex's own readers, and analysed as `newsdex index` analyses
//! them (recogniser, then the article's own name resolution).
//!
//! Two people lists of each article are scored: the **article**'s, as `newsdex parse` and an
//! article's page show it (the recogniser and the article's own name resolution), and the
//! **hit**'s, as a search shows it: the same article found in an index of every corpus of the data
//! folder, its people under the names the whole archive shows for them. The index is built under
//! `target/bench/people-index` when it is missing or with `--reindex` (about a minute).
//!
//! A people list is scored against its marks: a listed name is right when it is one of
//! a marked person's spellings (compared as the name index compares names: case, accents and
//! punctuation aside), and each marked person is found at most once, so a person listed twice
//! ("Issa" beside "Darrell Issa") counts one wrong name. Prints precision and recall averaged over
//! articles (an article listing nobody has precision 1) and over all names, per corpus and for the
//! split, and with `--errors` every wrong and missed name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newsdex::corpus::{Item, Records};
use newsdex::index::document::{Analysed, analyse};
use newsdex::index::names::name_words;
use newsdex::ner::Recognizer;
use newsdex::search::{SearchRequest, Searcher};
use serde::Deserialize;

/// One marked article.
#[derive(Deserialize)]
struct Marked {
    n: u32,
    corpus: String,
    /// Path under the data folder.
    file: String,
    /// The article's record number in its file (0 for a file of one article).
    record: u64,
    split: String,
    /// Each person: the spellings the article uses, the fullest first.
    people: Vec<Vec<String>>,
}

/// Counts of one group of articles.
#[derive(Default)]
struct Score {
    articles: usize,
    precision_sum: f64,
    recall_sum: f64,
    listed: usize,
    right: usize,
    marked: usize,
    found: usize,
}

impl Score {
    fn add(&mut self, listed: usize, right: usize, marked: usize, found: usize) {
        self.articles += 1;
        self.precision_sum += if listed == 0 {
            1.0
        } else {
            right as f64 / listed as f64
        };
        self.recall_sum += if marked == 0 {
            1.0
        } else {
            found as f64 / marked as f64
        };
        self.listed += listed;
        self.right += right;
        self.marked += marked;
        self.found += found;
    }

    fn row(&self, name: &str) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let n = self.articles.max(1) as f64;
        format!(
            "| {name} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
            self.articles,
            self.marked,
            self.precision_sum / n,
            self.recall_sum / n,
            ratio(self.right, self.listed),
            ratio(self.found, self.marked),
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let marks = value("--marks").map_or_else(
        || root.join("benches/people-eval/marks.jsonl"),
        PathBuf::from,
    );
    let data = value("--data").map_or_else(|| root.join("../shared/data"), PathBuf::from);
    let split = value("--split").unwrap_or_else(|| "test".to_string());
    let errors = args.iter().any(|a| a == "--errors");
    if !data.is_dir() {
        eprintln!("no data folder at {}: give --data DIR", data.display());
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&marks).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", marks.display());
        std::process::exit(2);
    });
    let data = std::fs::canonicalize(&data).unwrap_or(data);
    let index_dir = root.join("target/bench/people-index");
    if args.iter().any(|a| a == "--reindex") || !index_dir.is_dir() {
        let _ = std::fs::remove_dir_all(&index_dir);
        let corpora: Vec<PathBuf> = [
            "seed",
            "wikinews-economy",
            "bbc",
            "allsides",
            "reuters21578",
            "warc",
            "html-extraction",
        ]
        .iter()
        .map(|c| data.join(c))
        .collect();
        eprintln!(
            "indexing every corpus of {} into {}",
            data.display(),
            index_dir.display()
        );
        if let Err(e) = newsdex::index::writer::build(&index_dir, &corpora, &Default::default()) {
            eprintln!("cannot index {}: {e}", data.display());
            std::process::exit(1);
        }
    }
    let searcher = Searcher::open(&index_dir).unwrap_or_else(|e| {
        eprintln!("cannot open {}: {e}", index_dir.display());
        std::process::exit(1);
    });
    let recognizer = Recognizer::bundled().expect("the bundled model loads");
    let mut scores: BTreeMap<(&str, String), Score> = BTreeMap::new();
    for (line, row) in text.lines().enumerate() {
        let marked: Marked = serde_json::from_str(row).unwrap_or_else(|e| {
            eprintln!("{}:{}: {e}", marks.display(), line + 1);
            std::process::exit(2);
        });
        if split != "all" && marked.split != split {
            continue;
        }
        let Some(analysed) = article(recognizer, &data.join(&marked.file), marked.record) else {
            eprintln!(
                "article {} (record {} of {}) not found",
                marked.n, marked.record, marked.file
            );
            std::process::exit(1);
        };
        let article_list: Vec<String> = analysed
            .entities
            .people
            .iter()
            .map(|e| e.name.clone())
            .collect();
        let hit_list = searcher
            .search(&SearchRequest {
                query: format!("id:{}", analysed.article.id),
                all_copies: true,
                limit: 1,
                ..SearchRequest::default()
            })
            .ok()
            .and_then(|r| r.hits.into_iter().next())
            .map(|h| h.people)
            .unwrap_or_else(|| {
                eprintln!(
                    "article {} is not in {}: run with --reindex",
                    marked.n,
                    index_dir.display()
                );
                std::process::exit(1);
            });
        for (view, listed) in [("article", article_list), ("hit", hit_list)] {
            let (right, found, wrong, missed) = score(&listed, &marked.people);
            for corpus in [marked.corpus.clone(), "all".to_string()] {
                scores.entry((view, corpus)).or_default().add(
                    listed.len(),
                    right,
                    marked.people.len(),
                    found,
                );
            }
            if errors && view == "hit" && (!wrong.is_empty() || !missed.is_empty()) {
                println!(
                    "{:03} {}: wrong {wrong:?} missed {missed:?}",
                    marked.n, marked.file
                );
            }
        }
    }
    println!("\nsplit: {split}\n");
    println!(
        "| people list | articles of | articles | people marked | precision (per article) | recall (per article) | precision (all names) | recall (all names) |"
    );
    println!("|---|---|--:|--:|--:|--:|--:|--:|");
    for ((view, corpus), score) in &scores {
        println!("| {view} {}", score.row(corpus));
    }
}

/// Scores `listed` against the marked `people`: the names right, the people found, the names
/// wrong and the people missed (by their fullest spelling). A name is right when it is one of a
/// person's spellings or, failing that, has the surname of the person's fullest spelling and a first
/// name that agrees with it (the same, an initial of it, or none marked: the archive may show "Tony
/// Blair" for an article's "Blair", and "George W. Bush" for its "George Bush").
fn score(listed: &[String], people: &[Vec<String>]) -> (usize, usize, Vec<String>, Vec<String>) {
    let mut found = vec![false; people.len()];
    let mut person_of: Vec<Option<usize>> = vec![None; listed.len()];
    // Spellings first, then agreement with the fullest spelling.
    for lenient in [false, true] {
        for (i, name) in listed.iter().enumerate() {
            if person_of[i].is_some() {
                continue;
            }
            let words = name_words(name);
            let p = (0..people.len()).find(|&p| {
                !found[p]
                    && match lenient {
                        false => people[p].iter().any(|s| words == name_words(s)),
                        true => agrees(&words, &name_words(&people[p][0])),
                    }
            });
            if let Some(p) = p {
                found[p] = true;
                person_of[i] = Some(p);
            }
        }
    }
    let wrong: Vec<String> = (0..listed.len())
        .filter(|&i| person_of[i].is_none())
        .map(|i| listed[i].clone())
        .collect();
    let missed: Vec<String> = (0..people.len())
        .filter(|&p| !found[p])
        .map(|p| people[p][0].clone())
        .collect();
    (
        listed.len() - wrong.len(),
        people.len() - missed.len(),
        wrong,
        missed,
    )
}

/// Returns true if and only if the name `listed` (its words) has the surname of `marked` and a
/// first name that agrees with it: the same, one an initial of the other, or `marked` has none.
fn agrees(listed: &[String], marked: &[String]) -> bool {
    let (Some(a), Some(b)) = (listed.last(), marked.last()) else {
        return false;
    };
    if a != b || listed.len() < marked.len().min(2) {
        return false;
    }
    match (listed.first(), marked.first()) {
        _ if marked.len() == 1 => true,
        (Some(x), Some(y)) => {
            x == y
                || (x.len() == 1 && y.starts_with(x.as_str()))
                || (y.len() == 1 && x.starts_with(y.as_str()))
        }
        _ => false,
    }
}

/// The article of record `record` in `file`, analysed as `newsdex index` analyses it.
fn article(recognizer: &Recognizer, file: &Path, record: u64) -> Option<Analysed> {
    for item in Records::open(file).ok()? {
        let article = match item {
            Item::Record(record) => match record.parse() {
                Ok(Some(article)) => article,
                _ => continue,
            },
            Item::Article(article) => article,
            _ => continue,
        };
        if article.record == record {
            return Some(analyse(recognizer, article));
        }
    }
    None
}
