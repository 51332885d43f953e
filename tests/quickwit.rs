//! `newsdex push` against a real Quickwit 0.9 node: runs when `NEWSDEX_QUICKWIT_URL` points at one
//! (such as http://127.0.0.1:7280), and says it skips otherwise.
//!
//! Pushes the bundled corpus into a fresh index, then asks Quickwit's own search API for what the
//! local index answers (every article, the articles naming a person, a year, the most named
//! people) and compares counts; asks the same of `newsdex search --quickwit` and `newsdex people
//! --quickwit` (the README's searches, `--person`, dates, `--with`) and compares their answers
//! with the local index's; pushes again (nothing sent) and deletes the index.

#[allow(dead_code)]
mod support;

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use support::newsdex;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Quickwit's answer to a search of `index` (`POST /api/v1/{index}/search`).
fn search(url: &str, index: &str, body: Value) -> Value {
    let mut answer = ureq::post(format!("{url}/api/v1/{index}/search"))
        .header("content-type", "application/json")
        .send(body.to_string().as_bytes())
        .unwrap();
    serde_json::from_str(&answer.body_mut().read_to_string().unwrap()).unwrap()
}

/// Lines of `newsdex search '*' …` over the local index, as JSON.
fn local_hits(dir: &Path, index: &Path, args: &[&str]) -> usize {
    let index = index.to_str().unwrap();
    let mut all = vec![
        "--index", index, "search", "*", "--json", "--limit", "100000",
    ];
    all.extend_from_slice(args);
    let out = newsdex(dir, &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[test]
fn a_pushed_corpus_answers_as_the_local_index() {
    let Ok(url) = std::env::var("NEWSDEX_QUICKWIT_URL") else {
        eprintln!("skipped: set NEWSDEX_QUICKWIT_URL to a Quickwit 0.9 node to run this test");
        return;
    };
    let url = url.trim_end_matches('/').to_string();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let local = tmp.path().join("index");
    let state = tmp.path().join("state");
    let state = state.to_str().unwrap();
    let index = format!("newsdex-test-{}", std::process::id());

    let out = newsdex(
        root,
        &["--index", local.to_str().unwrap(), "index", "corpus"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let push = [
        "--index",
        &index,
        "push",
        "--quickwit",
        &url,
        "--state",
        state,
        "corpus",
    ];
    let out = newsdex(root, &push);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let articles = local_hits(root, &local, &["--all-copies"]);
    assert!(
        stderr(&out).contains(&format!("{articles} in the index")),
        "{}",
        stderr(&out)
    );

    // Every article.
    let all = search(
        &url,
        &index,
        serde_json::json!({"query": "*", "max_hits": 0}),
    );
    assert_eq!(all["num_hits"].as_u64(), Some(articles as u64), "{all}");
    // A person, as an exact term on people.
    let brown = search(
        &url,
        &index,
        serde_json::json!({"query": "people:\"Gordon Brown\"", "max_hits": 0}),
    );
    assert_eq!(
        brown["num_hits"].as_u64(),
        Some(local_hits(root, &local, &["--person", "Gordon Brown", "--all-copies"]) as u64)
    );
    // A year, as start and end timestamps (2008-01-01 to 2009-01-01).
    let year = search(
        &url,
        &index,
        serde_json::json!({"query": "*", "max_hits": 0,
            "start_timestamp": 1_199_145_600, "end_timestamp": 1_230_768_000}),
    );
    assert_eq!(
        year["num_hits"].as_u64(),
        Some(local_hits(
            root,
            &local,
            &["--since", "2008", "--until", "2008", "--all-copies"]
        ) as u64)
    );
    // The most named people, as a terms aggregation on people.
    let top = search(
        &url,
        &index,
        serde_json::json!({"query": "*", "max_hits": 0,
            "aggs": {"people": {"terms": {"field": "people", "size": 3}}}}),
    );
    let out = newsdex(
        root,
        &[
            "--index",
            local.to_str().unwrap(),
            "people",
            "--limit",
            "3",
            "--json",
        ],
    );
    let local_top: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let buckets = top["aggregations"]["people"]["buckets"].as_array().unwrap();
    assert_eq!(buckets[0]["key"], local_top[0]["name"], "{top}");
    assert_eq!(buckets[0]["doc_count"], local_top[0]["articles"], "{top}");

    // newsdex's own commands over the cluster give the local answers.
    let ids = |args: &[&str], remote: bool| -> Vec<String> {
        let local_index = local.to_str().unwrap();
        let mut all = vec!["--index", if remote { &index } else { local_index }];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--json", "--limit", "1000"]);
        if remote {
            all.extend_from_slice(&["--quickwit", &url]);
        }
        let out = newsdex(root, &all);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let mut ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                v.get("id").or_else(|| v.get("name")).unwrap().to_string()
            })
            .collect();
        if args[0] == "search" {
            ids.sort();
        }
        ids
    };
    for args in [
        &["search", "Rubio Lavrov", "--all-copies"][..],
        &["search", "Gordon Brown", "--all-copies"],
        &["search", "*", "--person", "Gordon Brown", "--all-copies"],
        &[
            "search",
            "budget",
            "--since",
            "2008",
            "--until",
            "2008-06",
            "--all-copies",
        ],
        &["search", "\"prime minister\" -Iraq", "--all-copies"],
    ] {
        assert_eq!(ids(args, true), ids(args, false), "{args:?}");
    }
    let top_with = |remote: bool| ids(&["people", "--with", "Gordon Brown"], remote);
    assert_eq!(top_with(true).first(), top_with(false).first());
    let out = newsdex(
        root,
        &[
            "--index",
            &index,
            "search",
            "colour:red",
            "--quickwit",
            &url,
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    // Again: nothing to send.
    let out = newsdex(root, &push);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0 added, 0 updated, 0 removed"),
        "{}",
        stderr(&out)
    );

    let _ = ureq::delete(format!("{url}/api/v1/indexes/{index}")).call();
}
