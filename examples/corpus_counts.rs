//! Reads every corpus in `../shared/data` (or the folders given as arguments) with newsdex's readers
//! and prints, per corpus: files, articles, how many have a headline, a date and authors, records
//! skipped by nature, problems, time. The problems are listed under the table (at most 10 per
//! corpus). Exit status 1 if a corpus's article count differs from the expected one.
//!
//! Expected counts come from each SOURCE.txt, except: Reuters-21578 has 21,578 records of which one
//! (NEWID 12793, an UNPROC record holding only `&#3;`) is empty, so 21,577 articles and 1 skipped;
//! the WARC and HTML counts need the real HTML extractor (branch `html`), the stub finds nothing.
//!
//! ```text
//! cargo run --release --example corpus_counts            # every corpus in ../shared/data
//! cargo run --release --example corpus_counts -- DIR…    # any folders, no expected counts
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use newsdex::corpus::{self, Problem};

/// Corpora in ../shared/data with the article counts their SOURCE.txt states.
const EXPECTED: &[(&str, Option<usize>)] = &[
    ("seed", Some(1)),
    ("bbc", Some(2_225)),
    ("wikinews-economy", Some(1_580)),
    ("allsides", Some(4_695)),
    ("reuters21578", Some(21_577)),
    ("warc", Some(1)),
    ("html-extraction", Some(92)),
];

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let corpora: Vec<(PathBuf, Option<usize>)> = if args.is_empty() {
        if !data.exists() {
            eprintln!("skipped: {} is absent", data.display());
            return ExitCode::SUCCESS;
        }
        EXPECTED
            .iter()
            .map(|(name, n)| (data.join(name), *n))
            .collect()
    } else {
        args.into_iter().map(|p| (p, None)).collect()
    };
    println!(
        "{:<18} {:>6} {:>8} {:>8} {:>6} {:>7} {:>7} {:>8} {:>7}  expected",
        "corpus",
        "files",
        "articles",
        "headline",
        "date",
        "authors",
        "skipped",
        "problems",
        "seconds"
    );
    let mut all_problems = Vec::new();
    let mut ok = true;
    for (dir, expected) in &corpora {
        let start = Instant::now();
        let (mut files, mut articles, mut skipped) = (0usize, 0usize, 0u64);
        let (mut headlines, mut dates, mut bylines) = (0usize, 0usize, 0usize);
        let mut problems: Vec<Problem> = Vec::new();
        let walk = match corpus::walk(std::slice::from_ref(dir)) {
            Ok(walk) => walk,
            Err(err) => {
                eprintln!("newsdex: {err}");
                return ExitCode::from(err.code());
            }
        };
        for item in walk {
            let path = match item {
                Ok(path) => path,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            files += 1;
            match corpus::read_file(&path) {
                Ok(read) => {
                    articles += read.articles.len();
                    headlines += read
                        .articles
                        .iter()
                        .filter(|a| a.headline.is_some())
                        .count();
                    dates += read.articles.iter().filter(|a| a.date.is_some()).count();
                    bylines += read
                        .articles
                        .iter()
                        .filter(|a| !a.authors.is_empty())
                        .count();
                    skipped += read.skipped;
                    problems.extend(read.problems);
                }
                Err(problem) => problems.push(problem),
            }
        }
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let verdict = match expected {
            Some(n) if *n == articles => format!("{n} ok"),
            Some(n) => {
                ok = false;
                format!("{n} MISMATCH")
            }
            None => "-".into(),
        };
        println!(
            "{name:<18} {files:>6} {articles:>8} {headlines:>8} {dates:>6} {bylines:>7} {skipped:>7} {:>8} {:>7.2}  {verdict}",
            problems.len(),
            start.elapsed().as_secs_f64()
        );
        all_problems.push((name, problems));
    }
    for (name, problems) in all_problems.iter().filter(|(_, p)| !p.is_empty()) {
        println!("\n{name}: {} problems", problems.len());
        for p in problems.iter().take(10) {
            println!("  {p}");
        }
        if problems.len() > 10 {
            println!("  … and {} more", problems.len() - 10);
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
