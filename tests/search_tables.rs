//! The search tables (`newsdex-tables-*.bin` beside the index), as a user meets them: written by
//! `newsdex index` and followed by every update, rebuilt once (and said so) for an index that lacks
//! them — one written by an older newsdex or by a run killed after a commit — and never a cause of
//! wrong answers, even with a writer and readers at work at once.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[allow(dead_code)]
mod support;

use support::newsdex;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

/// Runs newsdex, asserts it exited 0, and returns (stdout, stderr).
fn ok(dir: &Path, args: &[&str]) -> (String, String) {
    let out = newsdex(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

/// The tables files in the index folder of `dir`.
fn tables(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir.join("index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("newsdex-tables-") && name.ends_with(".bin")
        })
        .collect();
    found.sort();
    found
}

/// A working folder whose `corpus/` holds the first `n` Wikinews articles of the bundled corpus
/// and, if `n > 0`, the seed article.
fn workspace(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let mut wikinews: Vec<PathBuf> = fs::read_dir(Path::new(CORPUS).join("wikinews"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    wikinews.sort();
    for path in wikinews.into_iter().take(n) {
        fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    if n > 0 {
        fs::copy(
            Path::new(CORPUS).join("seed/kuala-lumpur-ukraine-diplomacy.txt"),
            corpus.join("seed.txt"),
        )
        .unwrap();
    }
    dir
}

/// What the user sees of the archive: people, and searches by person, source and date, as JSON
/// (or the exit code and error of a command the archive cannot answer).
fn answers(dir: &Path) -> Vec<String> {
    let commands: &[&[&str]] = &[
        &["people", "--json", "--limit", "1000"],
        &["people", "--with", "Marco Rubio", "--json"],
        &["search", "Rubio Lavrov", "--json"],
        &["search", "*", "--json", "--limit", "1000", "--sort", "date"],
        &["search", "economy", "--json", "--limit", "1000"],
        &[
            "search", "*", "--source", "Wikinews", "--json", "--limit", "5",
        ],
        &[
            "search", "*", "--since", "2008", "--json", "--limit", "1000",
        ],
    ];
    commands
        .iter()
        .map(|args| {
            let out = newsdex(dir, args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => String::from_utf8_lossy(&out.stdout).into_owned(),
                code => format!("{code:?} {}", stderr.lines().last().unwrap_or("")),
            }
        })
        .collect()
}

/// Asserts that the answers read with the tables on disk are the answers with tables built anew.
fn assert_tables_agree_with_the_index(dir: &Path) {
    let with_tables = answers(dir);
    for file in tables(dir) {
        fs::remove_file(file).unwrap();
    }
    let rebuilt = answers(dir);
    assert_eq!(with_tables, rebuilt);
}

#[test]
fn index_writes_the_tables_and_every_update_replaces_them() {
    let dir = workspace(40);
    ok(dir.path(), &["index"]);
    let first = tables(dir.path());
    assert_eq!(first.len(), 1, "{first:?}");
    let (people, stderr) = ok(dir.path(), &["people", "--json", "--limit", "1000"]);
    assert!(people.contains("\"Sergey Lavrov\""), "{people}");
    assert!(
        !stderr.contains("search tables"),
        "a fresh index needs no rebuild: {stderr}"
    );

    // Added, changed and removed files.
    let corpus = dir.path().join("corpus");
    fs::copy(
        Path::new(FIXTURES).join("barra.json"),
        corpus.join("barra.json"),
    )
    .unwrap();
    let seed = fs::read_to_string(corpus.join("seed.txt")).unwrap();
    fs::write(
        corpus.join("seed.txt"),
        seed.replace("Lavrov", "Shoigu").replace("Sergey", "Sergei"),
    )
    .unwrap();
    let removed = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("barra.json"))
        .unwrap();
    fs::remove_file(&removed).unwrap();
    let (_, report) = ok(dir.path(), &["index"]);
    assert!(report.contains("1 added, 1 updated, 1 removed"), "{report}");

    let after = tables(dir.path());
    assert_eq!(after.len(), 1, "older tables are removed: {after:?}");
    assert_ne!(after, first);
    let (people, stderr) = ok(dir.path(), &["people", "--json", "--limit", "1000"]);
    assert!(!stderr.contains("search tables"), "{stderr}");
    assert!(people.contains("\"Sergei Shoigu\""), "{people}");
    assert!(
        !people.contains("Lavrov"),
        "the changed article no longer names him: {people}"
    );
    let (found, _) = ok(dir.path(), &["search", "*", "--person", "Shoigu", "--json"]);
    assert_eq!(found.lines().count(), 1, "{found}");
    assert_tables_agree_with_the_index(dir.path());
}

#[test]
fn an_index_without_tables_builds_them_once_and_says_so() {
    // As an index written by the previous newsdex: the same schema and files, no tables.
    let dir = workspace(40);
    ok(dir.path(), &["index"]);
    let expected = answers(dir.path());
    for file in tables(dir.path()) {
        fs::remove_file(file).unwrap();
    }
    let (hits, note) = ok(dir.path(), &["search", "Rubio Lavrov", "--json"]);
    assert!(note.contains("no search tables"), "{note}");
    assert!(note.contains("saved them"), "{note}");
    assert_eq!(note.lines().filter(|l| l.contains("tables")).count(), 1);
    assert_eq!(hits, expected[2]);
    assert_eq!(tables(dir.path()).len(), 1);
    let (_, again) = ok(dir.path(), &["search", "Rubio Lavrov", "--json"]);
    assert!(!again.contains("tables"), "said once: {again}");
    assert_eq!(answers(dir.path()), expected);
}

#[test]
fn damaged_tables_are_rebuilt_not_believed() {
    let dir = workspace(20);
    ok(dir.path(), &["index"]);
    let expected = answers(dir.path());
    let file = tables(dir.path()).pop().unwrap();
    let bytes = fs::read(&file).unwrap();
    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(answers(dir.path()), expected);
    // Bytes flipped in the middle: offsets that point nowhere.
    let mut flipped = bytes.clone();
    for b in &mut flipped[bytes.len() / 3..bytes.len() / 3 + 64] {
        *b = 0xff;
    }
    fs::write(&file, &flipped).unwrap();
    assert_eq!(answers(dir.path()), expected);
}

/// Writes `n` distinct one-article JSON files into `corpus/`, each naming a person of its own.
fn many_articles(dir: &Path, n: usize) {
    let barra: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(Path::new(FIXTURES).join("barra.json")).unwrap())
            .unwrap();
    let body = barra["body"].as_str().unwrap();
    for i in 0..n {
        let mut article = barra.clone();
        article["title"] = format!("Dispatch number {i}").into();
        article["body"] = format!("Dispatch {i}. {body}").into();
        fs::write(dir.join(format!("corpus/{i:04}.json")), article.to_string()).unwrap();
    }
}

/// Articles in the index's last commit, read with tantivy alone.
fn committed(dir: &Path) -> u64 {
    newsdex::index::open(&dir.join("index"))
        .ok()
        .and_then(|i| i.reader().ok())
        .map_or(0, |r| r.searcher().num_docs())
}

/// Starts `newsdex index --commit-every N` in `dir` and returns it once its first commit is there.
fn indexer_after_its_first_commit(dir: &Path, every: &str) -> std::process::Child {
    let child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", "--commit-every", every])
        .current_dir(dir)
        .env_remove("NEWSDEX_INDEX")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while committed(dir) == 0 {
        assert!(start.elapsed() < Duration::from_secs(120), "no commit");
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

/// The result count `newsdex search '*'` reports on stderr ("N results …").
fn results(stderr: &str) -> u64 {
    stderr
        .lines()
        .find_map(|l| {
            let (n, rest) = l.split_once(' ')?;
            rest.starts_with("result")
                .then(|| n.replace(',', "").parse().ok())?
        })
        .unwrap_or_else(|| panic!("no count in {stderr:?}"))
}

#[test]
fn a_kill_after_a_commit_leaves_an_index_that_answers_with_its_tables_rebuilt() {
    let dir = workspace(0);
    let n = 300;
    many_articles(dir.path(), n);
    let mut child = indexer_after_its_first_commit(dir.path(), "1");
    child.kill().unwrap();
    child.wait().unwrap();
    let in_index = committed(dir.path());
    assert!(in_index > 0 && in_index < n as u64, "{in_index}");
    // Copies of one article are one result: count groups with tantivy's view of the articles.
    let (_, stderr) = ok(dir.path(), &["search", "*", "--all-copies"]);
    assert_eq!(results(&stderr), in_index, "{stderr}");
    let (_, report) = ok(dir.path(), &["index"]);
    assert!(report.contains(&format!("{} in the index", n)), "{report}");
    let (_, stderr) = ok(dir.path(), &["search", "*", "--all-copies"]);
    assert_eq!(results(&stderr), n as u64);
    assert!(!stderr.contains("tables"), "{stderr}");
}

#[test]
fn two_readers_answer_while_an_indexer_writes() {
    let dir = workspace(0);
    let n = 600;
    many_articles(dir.path(), n);
    let mut writer = indexer_after_its_first_commit(dir.path(), "50");
    let reader = |dir: PathBuf| {
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            for _ in 0..200 {
                let before = committed(&dir);
                let out = newsdex(&dir, &["search", "*", "--all-copies", "--limit", "1"]);
                let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                assert_eq!(out.status.code(), Some(0), "{stderr}");
                let after = committed(&dir);
                let count = results(&stderr);
                // The search saw one commit between the two looks.
                assert!(
                    before <= count && count <= after,
                    "{before} ≤ {count} ≤ {after}"
                );
                seen.push(count);
                if count == n as u64 {
                    break;
                }
            }
            seen
        })
    };
    let readers = [
        reader(dir.path().to_path_buf()),
        reader(dir.path().to_path_buf()),
    ];
    assert!(writer.wait().unwrap().success());
    for r in readers {
        let seen = r.join().unwrap();
        assert!(!seen.is_empty());
    }
    let (_, stderr) = ok(dir.path(), &["search", "*", "--all-copies"]);
    assert_eq!(results(&stderr), n as u64);
    assert_tables_agree_with_the_index(dir.path());
}
