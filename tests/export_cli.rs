//! `newsdex export` and the usage errors of `newsdex push`, run as a user runs them, in a temporary
//! folder whose `corpus/` holds tests/fixtures/three.jsonl.

#[allow(dead_code)]
mod support;

use std::process::Output;

use support::newsdex;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    std::fs::write(
        dir.path().join("corpus/three.jsonl"),
        include_str!("fixtures/three.jsonl"),
    )
    .unwrap();
    dir
}

#[test]
fn export_prints_the_index_summary_and_writes_what_quickwit_ingests() {
    let dir = workspace();
    let out = newsdex(dir.path(), &["export", "corpus", "--out", "qw"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("articles: 3 added, 0 updated, 0 removed, 0 unchanged; 3 in the index"),
        "{}",
        stderr(&out)
    );
    let qw = dir.path().join("qw");
    let docs = std::fs::read_to_string(qw.join("docs-00001.ndjson")).unwrap();
    assert_eq!(docs.lines().count(), 3);
    for line in docs.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(doc["path"], "corpus/three.jsonl");
        assert!(doc["title"].is_string() && doc["group"].is_string());
    }
    let config = std::fs::read_to_string(qw.join("quickwit-index.yaml")).unwrap();
    assert!(config.contains("version: \"0.9\""));
    assert!(qw.join("people.ndjson").is_file());

    let again = newsdex(dir.path(), &["export", "corpus", "--out", "qw"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(stderr(&again).contains("0 added, 0 updated, 0 removed, 3 unchanged"));
}

#[test]
fn export_and_push_mistakes_are_one_line_and_exit_2() {
    let dir = workspace();
    std::fs::write(dir.path().join("file"), "").unwrap();
    for args in [
        &["export", "nowhere", "--out", "qw"][..],
        &["export", "corpus", "--out", "file"],
        &["export", "corpus"],
        &["push", "--quickwit", "http://127.0.0.1:7280", "corpus"],
        &[
            "--index",
            "x",
            "push",
            "--quickwit",
            "http://127.0.0.1:7280",
            "corpus",
        ],
        &[
            "--index",
            "news",
            "push",
            "--quickwit",
            "https://qw.example",
            "corpus",
        ],
    ] {
        let out = newsdex(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(
            stderr(&out).lines().count(),
            1,
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).starts_with("newsdex: "), "{}", stderr(&out));
    }
}
