//! `newsdex search` and `newsdex people` run as a user runs them, on an index of the test articles
//! (tests/fixtures/search/articles.jsonl: the seed article and Wikinews openings with their people).

use std::path::Path;
use std::process::{Command, Output};

use newsdex::search::fixtures;

fn index() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fixtures::in_dir(&dir.path().join("index"), &fixtures::articles()).unwrap();
    dir
}

fn newsdex(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .current_dir(dir)
        .env_remove("NEWSDEX_INDEX")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Asserts `o` failed with exit code 2 and one line on stderr containing every part of `says`.
fn usage_error(o: &Output, says: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    for part in says {
        assert!(err.contains(part), "{err:?} lacks {part:?}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

const SEED: &str = "corpus/kuala-lumpur-ukraine-diplomacy.txt";

#[test]
fn rubio_lavrov_json_puts_the_seed_article_first() {
    let dir = index();
    let o = newsdex(dir.path(), &["search", "Rubio Lavrov", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits = json_lines(&o);
    assert_eq!(hits[0]["rank"], 1);
    assert_eq!(hits[0]["path"], SEED);
    for field in [
        "score", "id", "title", "date", "source", "url", "people", "snippet",
    ] {
        assert!(hits[0].get(field).is_some(), "no {field} in {}", hits[0]);
    }
    let people = hits[0]["people"].as_array().unwrap();
    assert!(people.contains(&"Sergey Lavrov".into()));
    assert!(hits[0]["snippet"].as_str().unwrap().contains("Lavrov"));
    let summary = stderr(&o);
    assert!(
        summary.starts_with("1 result in ") && summary.trim_end().ends_with(" ms"),
        "{summary}"
    );
}

#[test]
fn person_filter_alone_returns_only_articles_naming_them() {
    let dir = index();
    let o = newsdex(
        dir.path(),
        &[
            "search",
            "*",
            "--person",
            "Vladimir Putin",
            "--sort",
            "date",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let hits = json_lines(&o);
    assert_eq!(hits.len(), 3);
    for hit in &hits {
        let people = hit["people"].as_array().unwrap();
        assert!(people.contains(&"Vladimir Putin".into()), "{hit}");
    }
    assert_eq!(hits[0]["date"], "2009-10-13");
    assert_eq!(hits[2]["path"], SEED, "undated last");
}

#[test]
fn terminal_output_shows_title_meta_people_snippet_and_url() {
    let dir = index();
    let o = newsdex(
        dir.path(),
        &["search", "Bernanke television", "--limit", "1"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal: {out:?}"
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "1. US Fed chairman Bernanke says recession could end this year"
    );
    assert_eq!(lines[1].trim(), "2009-03-16 · Wikinews · +2 copies");
    assert_eq!(lines[2].trim(), "People: Ben Bernanke");
    assert!(lines[3].contains("television interview"), "{}", lines[3]);
    assert_eq!(
        lines[4].trim(),
        "https://en.wikinews.org/w/index.php?curid=122628"
    );
    assert!(
        stderr(&o).starts_with("1 result (3 articles with copies)"),
        "{}",
        stderr(&o)
    );

    let all = newsdex(
        dir.path(),
        &["search", "Bernanke television", "--all-copies", "--json"],
    );
    assert_eq!(json_lines(&all).len(), 3);
}

#[test]
fn people_lists_counts_and_co_occurrence() {
    let dir = index();
    let o = newsdex(dir.path(), &["people", "--limit", "2", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let people = json_lines(&o);
    assert_eq!(
        people[0],
        serde_json::json!({"name": "Ben Bernanke", "articles": 3})
    );
    assert_eq!(people.len(), 2);

    let o = newsdex(dir.path(), &["people", "--with", "Sergey Lavrov"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("1  Marco Rubio"), "{out}");
    assert!(!out.contains("Sergey Lavrov"), "{out}");

    let o = newsdex(dir.path(), &["people", "vodka", "--json"]);
    let names: Vec<String> = json_lines(&o)
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Dmitry Medvedev", "Mikhail Gorbachev"]);
}

#[test]
fn every_mistake_is_one_line_and_exit_2() {
    let dir = index();
    let run = |args: &[&str]| newsdex(dir.path(), args);
    usage_error(
        &run(&["search", "*", "--person", "Brown"]),
        &["Gordon Brown", "Scott Brown"],
    );
    usage_error(
        &run(&["search", "*", "--person", "Nobody Atall"]),
        &["no person"],
    );
    usage_error(&run(&["people", "--with", "Nobody"]), &["no person"]);
    usage_error(
        &run(&["search", "*", "--since", "2025-13"]),
        &["--since", "YYYY-MM-DD"],
    );
    usage_error(
        &run(&["search", "(Rubio Lavrov"]),
        &["cannot parse the query"],
    );
    usage_error(
        &run(&["search", "*", "--source", "Reuters"]),
        &["no source"],
    );
    usage_error(
        &run(&["--index", "elsewhere", "search", "Rubio"]),
        &["no index at elsewhere", "newsdex index"],
    );
}
