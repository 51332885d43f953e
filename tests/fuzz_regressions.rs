//! The inputs the fuzzers found or reached deep code with (tests/fixtures/fuzz/<target>/), replayed
//! through the harness the fuzz targets run ([`newsdex::fuzz::run`]): reader, entities, duplicate
//! signature and `parse` output. Each input must be read or reported without a panic, and what it
//! holds must come through.

use std::path::{Path, PathBuf};

use newsdex::fuzz::{Outcome, Target, run};

fn dir(target: Target) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target.name())
}

fn replay(target: Target, name: &str) -> Outcome {
    let path = dir(target).join(name);
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    run(target, &data)
}

fn people(outcome: &Outcome) -> Vec<&str> {
    outcome
        .articles
        .iter()
        .flat_map(|a| &a.entities.people)
        .map(|p| p.name.as_str())
        .collect()
}

#[test]
fn every_kept_input_is_read_or_reported_on_one_line() {
    let mut replayed = 0;
    for target in Target::ALL {
        let Ok(entries) = std::fs::read_dir(dir(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let outcome = run(target, &std::fs::read(&path).unwrap());
            for problem in &outcome.problems {
                let shown = problem.to_string();
                assert!(!shown.contains('\n'), "{}: {shown}", path.display());
                assert!(!problem.reason.is_empty(), "{}", path.display());
            }
            replayed += 1;
        }
    }
    // A wrong folder would make this test pass on nothing.
    assert!(replayed > 0, "no inputs in tests/fixtures/fuzz");
}

/// sgml: a Reuters date whose time of day is hour 1,933,333 overflowed the seconds computed for it
/// (a panic wherever overflow is checked: debug builds, the fuzz build). The record has neither
/// headline nor text, so it is skipped without a report.
#[test]
fn reuters_date_with_an_impossible_hour_is_no_date() {
    let outcome = replay(Target::Sgml, "hour-overflow.txt");
    assert!(outcome.articles.is_empty());
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
}

/// jsonl: broken lines between good ones, and bytes that are not UTF-8 inside the good ones: each
/// broken line is reported with its number, the good lines are all indexed with their people.
#[test]
fn broken_json_lines_are_reported_and_the_good_ones_kept() {
    let outcome = replay(Target::JsonLines, "broken-lines-stray-bytes.jsonl");
    let lines: Vec<Option<u64>> = outcome.problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        [Some(1), Some(2), Some(4), Some(6), Some(8), Some(9)]
    );
    let records: Vec<u64> = outcome.articles.iter().map(|a| a.article.record).collect();
    assert_eq!(records, [2, 4, 6]);
    assert!(
        people(&outcome).contains(&"Lavrov"),
        "{:?}",
        people(&outcome)
    );
}

/// json: a Wikinews article with bytes that are not UTF-8 in its headline, url and body keeps its
/// date, source and people.
#[test]
fn json_article_with_stray_bytes_keeps_its_facts() {
    let outcome = replay(Target::Json, "wikinews-stray-bytes.json");
    let [analysed] = outcome.articles.as_slice() else {
        panic!("expected one article, got {}", outcome.articles.len());
    };
    let a = &analysed.article;
    assert!(
        a.title().starts_with("Economic policy make"),
        "{}",
        a.title()
    );
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2008-04-14"));
    assert_eq!(a.source.as_deref(), Some("Wikinews"));
    assert!(
        people(&outcome).contains(&"Henry Paulson"),
        "{:?}",
        people(&outcome)
    );
}

/// text: name resolution compared every mention with every other one, so a 2 MB article naming two
/// people 60,000 times took 70 s (found by feeding the text target inputs larger than the fuzzer's
/// 16 KB). Every mention still counts.
#[test]
fn an_article_with_a_hundred_thousand_names_resolves_every_mention() {
    let text = format!(
        "Talks in Kuala Lumpur\n\n{}",
        "Marco Rubio met Sergey Lavrov.\n\n".repeat(60_000)
    );
    let outcome = run(Target::Text, text.as_bytes());
    let [analysed] = outcome.articles.as_slice() else {
        panic!("expected one article, got {:?}", outcome.problems);
    };
    let counts: Vec<(&str, usize)> = analysed
        .entities
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.mention_count()))
        .collect();
    assert_eq!(counts, [("Marco Rubio", 60_000), ("Sergey Lavrov", 60_000)]);
}

/// decode: a gzip stream cut short after 58 KB of JSON lines (3 KB compressed): the loss is
/// reported once, with the point where it happened, the broken lines are reported (the first
/// twenty by number, then a count), and every whole line before the cut is indexed.
#[test]
fn truncated_gzip_keeps_every_line_before_the_cut() {
    let outcome = replay(Target::Decode, "truncated-gzip-of-many-lines");
    let whole_file: Vec<&str> = outcome
        .problems
        .iter()
        .filter(|p| p.line.is_none())
        .map(|p| p.reason.as_str())
        .collect();
    assert_eq!(
        whole_file,
        [
            "truncated gzip (incomplete deflate stream) after 58583 decompressed bytes; \
             articles after that point are lost",
            "305 more lines are not articles"
        ]
    );
    assert_eq!(outcome.articles.len(), 1068);
    assert_eq!(
        people(&outcome)
            .iter()
            .filter(|&&p| p == "Sergey Lavrov")
            .count(),
        20
    );
}
