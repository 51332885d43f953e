//! `newsdex search` and `newsdex people` run as a user runs them: in a temporary folder whose
//! `corpus/` holds tests/fixtures/search/articles.jsonl (the seed article, Wikinews openings and two
//! syndicated copies of one of them), indexed by the real indexer and recogniser.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const ARTICLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/search/articles.jsonl"
);

/// A temporary working folder with `corpus/articles.jsonl` and no index yet.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    fs::copy(ARTICLES, dir.path().join("corpus/articles.jsonl")).unwrap();
    dir
}

/// A working folder whose `./index` is built.
fn indexed() -> tempfile::TempDir {
    let dir = workspace();
    let out = newsdex(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
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
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs newsdex, asserts it succeeded, and parses its JSON Lines output.
fn json_lines(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let o = newsdex(dir, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn names(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
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
}

#[test]
fn the_first_search_builds_the_index_and_finds_the_seed_article_first() {
    let dir = workspace();
    let o = newsdex(dir.path(), &["search", "Rubio Lavrov", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("building it from corpus"), "{err}");
    assert!(
        err.lines().last().unwrap().starts_with("1 result in "),
        "{err}"
    );
    let hits: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let seed = &hits[0];
    assert_eq!(seed["rank"], 1);
    assert!(
        seed["title"]
            .as_str()
            .unwrap()
            .starts_with("Kuala Lumpur, Malaysia")
    );
    for field in ["score", "id", "date", "source", "url", "path", "snippet"] {
        assert!(seed.get(field).is_some(), "no {field} in {seed}");
    }
    let people = names(&seed["people"]);
    assert!(
        people.contains(&"Marco Rubio") && people.contains(&"Sergey Lavrov"),
        "{people:?}"
    );
    assert!(seed["snippet"].as_str().unwrap().contains("Lavrov"));

    // The second search uses the index as it is.
    let again = newsdex(dir.path(), &["search", "Rubio Lavrov"]);
    assert!(!stderr(&again).contains("building"), "{}", stderr(&again));
}

#[test]
fn possessives_and_names_with_apostrophes_are_words() {
    let dir = indexed();
    let hits = json_lines(dir.path(), &["search", "Rubio's Lavrov", "--json"]);
    assert_eq!(hits.len(), 1);
}

#[test]
fn person_filters_alone_return_only_articles_naming_the_person() {
    let dir = indexed();
    let lavrov = json_lines(
        dir.path(),
        &["search", "*", "--person", "Sergey Lavrov", "--json"],
    );
    assert_eq!(lavrov.len(), 1);
    let putin = json_lines(
        dir.path(),
        &[
            "search", "*", "--person", "putin", "--sort", "date", "--json",
        ],
    );
    assert!(putin.len() >= 2, "{putin:?}");
    for hit in &putin {
        assert!(names(&hit["people"]).contains(&"Vladimir Putin"), "{hit}");
    }
    let dates: Vec<&serde_json::Value> = putin.iter().map(|h| &h["date"]).collect();
    assert_eq!(
        dates.last().unwrap(),
        &&serde_json::Value::Null,
        "undated last: {dates:?}"
    );
    let older = json_lines(
        dir.path(),
        &[
            "search", "*", "--person", "putin", "--until", "2008", "--json",
        ],
    );
    assert_eq!(older.len(), 1);
    assert_eq!(older[0]["date"], "2006-03-18");
}

#[test]
fn terminal_output_shows_title_meta_people_snippet_and_url_and_copies_once() {
    let dir = indexed();
    let o = newsdex(dir.path(), &["search", "Bernanke television interview"]);
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
    assert!(lines[1].trim().ends_with("+2 copies"), "{}", lines[1]);
    assert!(
        lines[2].trim().starts_with("People: ") && lines[2].contains("Bernanke"),
        "{}",
        lines[2]
    );
    assert!(lines[3].contains("television interview"), "{}", lines[3]);
    assert!(
        lines[4].trim().starts_with("https://en.wikinews.org/"),
        "{}",
        lines[4]
    );
    assert!(
        stderr(&o).starts_with("1 result (3 articles with copies)"),
        "{}",
        stderr(&o)
    );
    let all = json_lines(
        dir.path(),
        &[
            "search",
            "Bernanke television interview",
            "--all-copies",
            "--json",
        ],
    );
    assert_eq!(all.len(), 3);
}

#[test]
fn people_lists_counts_and_co_occurrence() {
    let dir = indexed();
    let top = json_lines(dir.path(), &["people", "--limit", "2", "--json"]);
    assert_eq!(top.len(), 2);
    assert_eq!(
        top[0],
        serde_json::json!({"name": "Ben Bernanke", "articles": 3})
    );

    let o = newsdex(dir.path(), &["people", "--with", "Sergey Lavrov"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("1  Marco Rubio"), "{out}");
    assert!(!out.contains("Sergey Lavrov"), "{out}");

    let vodka = json_lines(dir.path(), &["people", "vodka", "--json"]);
    let named: Vec<&str> = vodka.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(named.iter().any(|n| n.ends_with("Medvedev")), "{named:?}");
    assert!(!named.contains(&"Ben Bernanke"), "{named:?}");
}

#[test]
fn every_mistake_is_one_line_and_exit_2() {
    let dir = indexed();
    let run = |args: &[&str]| newsdex(dir.path(), args);
    usage_error(
        &run(&["search", "*", "--person", "Sergey"]),
        &["no person \"Sergey\"", "Sergey Lavrov"],
    );
    usage_error(&run(&["people", "--with", "Nobody Atall"]), &["no person"]);
    usage_error(
        &run(&["search", "*", "--since", "2025-13"]),
        &["--since", "YYYY-MM-DD"],
    );
    usage_error(
        &run(&["search", "*", "--since", "2010", "--until", "2009"]),
        &["after"],
    );
    usage_error(
        &run(&["search", "(Rubio Lavrov"]),
        &["cannot parse the query"],
    );
    usage_error(
        &run(&["search", "nosuchfield:x"]),
        &["nosuchfield", "title, body"],
    );
    usage_error(
        &run(&["search", "*", "--source", "Reuters"]),
        &["no source"],
    );
    usage_error(
        &run(&["--index", "elsewhere", "search", "Rubio"]),
        &["no index at elsewhere", "newsdex index"],
    );
    // Mistakes the argument parser finds read the same way.
    usage_error(
        &run(&["search", "Rubio", "--limit", "abc"]),
        &[
            "newsdex: invalid value 'abc' for '--limit",
            "newsdex search --help",
        ],
    );
    usage_error(
        &run(&["search"]),
        &["required arguments were not provided: <QUERY>"],
    );
    usage_error(
        &run(&["search", "x", "--sort", "bogus"]),
        &["possible values: relevance, date"],
    );
    usage_error(&run(&["serach", "Rubio"]), &["'search'", "newsdex --help"]);
}
