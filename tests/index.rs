//! `newsdex index` and `newsdex parse`, run as a user runs them: on a temporary folder holding a
//! `corpus/` of Wikinews articles (tests/fixtures), with the default `./index`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use newsdex::index::schema::Fields;
use newsdex::index::writer::thousands;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexWriter, TantivyDocument, Term};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// A temporary working folder with `corpus/` holding the given fixture files.
fn workspace(fixtures: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    for name in fixtures {
        fs::copy(
            Path::new(FIXTURES).join(name),
            dir.path().join("corpus").join(name),
        )
        .unwrap();
    }
    dir
}

fn newsdex(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .current_dir(dir)
        .env_remove("NEWSDEX_INDEX")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `newsdex index` and asserts it succeeded; returns its stderr.
fn index_ok(dir: &Path) -> String {
    let out = newsdex(dir, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stderr(&out)
}

fn documents(dir: &Path) -> Vec<TantivyDocument> {
    let index = newsdex::index::open(&dir.join("index")).unwrap();
    let searcher = index.reader().unwrap().searcher();
    let all = searcher
        .search(
            &tantivy::query::AllQuery,
            &TopDocs::with_limit(10_000).order_by_score(),
        )
        .unwrap();
    all.into_iter()
        .map(|(_, address)| searcher.doc(address).unwrap())
        .collect()
}

fn fields(dir: &Path) -> Fields {
    let index = newsdex::index::open(&dir.join("index")).unwrap();
    Fields::from_schema(&index.schema()).unwrap()
}

fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// Titles of the indexed articles, sorted.
fn titles(dir: &Path) -> Vec<String> {
    let title = fields(dir).title;
    let mut titles: Vec<String> = documents(dir).iter().map(|d| text(d, title)).collect();
    titles.sort();
    titles
}

/// A temporary working folder with a copy of the bundled `corpus/`; returns it and the number of
/// article files in it.
fn bundled_corpus() -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut articles = 0;
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = dir
            .path()
            .join("corpus")
            .join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
            articles += usize::from(entry.file_name() != "ATTRIBUTION.md");
        }
    }
    (dir, articles)
}

#[test]
fn the_bundled_corpus_indexes_whole_with_the_seed_articles_people_and_their_mentions() {
    let (dir, articles) = bundled_corpus();
    let report = index_ok(dir.path());
    assert!(
        report.contains(&format!("{articles} in the index")),
        "{report}"
    );
    let f = fields(dir.path());
    let docs = documents(dir.path());
    assert_eq!(docs.len(), articles);
    let seed = docs
        .iter()
        .find(|d| text(d, f.path) == "corpus/seed/kuala-lumpur-ukraine-diplomacy.txt")
        .unwrap();
    let people: Vec<&str> = seed.get_all(f.people).filter_map(|v| v.as_str()).collect();
    assert!(
        people.contains(&"Sergey Lavrov") && people.contains(&"Marco Rubio"),
        "{people:?}"
    );
    // The stored mentions point at the name in the body, for the article view.
    let entities: serde_json::Value = serde_json::from_str(&text(seed, f.entities)).unwrap();
    let body = text(seed, f.body);
    let rubio = entities["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Marco Rubio")
        .unwrap();
    let first = &rubio["mentions"][0];
    let (start, end) = (
        first["start"].as_u64().unwrap(),
        first["end"].as_u64().unwrap(),
    );
    assert_eq!(first["in_headline"], false);
    assert_eq!(&body[start as usize..end as usize], "Marco Rubio");
}

#[test]
fn a_json_lines_file_of_three_articles_gives_three_documents() {
    let dir = workspace(&["three.jsonl"]);
    let report = index_ok(dir.path());
    assert!(report.contains("3 added"), "{report}");
    assert_eq!(
        titles(dir.path()),
        [
            "Best Buy signs leases for 28 new stores",
            "British plane catches fire in Afghanistan",
            "Microsoft bids $44 billion for Yahoo!",
        ]
    );
    let f = fields(dir.path());
    let docs = documents(dir.path());
    let yahoo = docs
        .iter()
        .find(|d| text(d, f.title).contains("Yahoo"))
        .unwrap();
    assert_eq!(text(yahoo, f.source), "Wikinews");
    let date = yahoo
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .unwrap();
    assert_eq!(date.into_timestamp_secs(), 1_201_824_000, "2008-02-01");
    assert_eq!(text(yahoo, f.path), "corpus/three.jsonl");
    assert_eq!(
        text(yahoo, f.group),
        text(yahoo, f.id),
        "a unique article is its own group"
    );
}

#[test]
fn indexing_an_unchanged_corpus_again_changes_nothing() {
    let dir = workspace(&["three.jsonl", "barra.json"]);
    index_ok(dir.path());
    let report = index_ok(dir.path());
    assert!(
        report.contains("0 added, 0 updated, 0 removed, 4 unchanged; 4 in the index"),
        "{report}"
    );
    assert_eq!(documents(dir.path()).len(), 4);
    // The same folder named differently is the same files.
    let out = newsdex(dir.path(), &["index", "./corpus/"]);
    assert!(stderr(&out).contains("4 unchanged"), "{}", stderr(&out));
    assert_eq!(documents(dir.path()).len(), 4);
}

#[test]
fn a_changed_file_is_updated_and_a_removed_file_is_removed() {
    let dir = workspace(&["three.jsonl", "barra.json"]);
    index_ok(dir.path());
    let barra = dir.path().join("corpus/barra.json");
    let edited = fs::read_to_string(&barra).unwrap().replace(
        "Mary Barra appointed as General Motors chief",
        "GM names Mary Barra chief executive",
    );
    fs::write(&barra, edited).unwrap();
    let report = index_ok(dir.path());
    assert!(
        report.contains("0 added, 1 updated, 0 removed, 3 unchanged"),
        "{report}"
    );
    let titles_now = titles(dir.path());
    assert!(titles_now.contains(&"GM names Mary Barra chief executive".to_string()));
    assert!(!titles_now.iter().any(|t| t.contains("appointed")));

    fs::remove_file(dir.path().join("corpus/three.jsonl")).unwrap();
    let report = index_ok(dir.path());
    assert!(
        report.contains("0 added, 0 updated, 3 removed, 1 unchanged; 1 in the index"),
        "{report}"
    );
    assert_eq!(titles(dir.path()), ["GM names Mary Barra chief executive"]);
}

#[test]
fn records_appended_to_a_json_lines_file_are_read_alone() {
    let dir = workspace(&["three.jsonl"]);
    let feed = dir.path().join("corpus/three.jsonl");
    index_ok(dir.path());
    let ids_before: Vec<String> = documents(dir.path())
        .iter()
        .map(|d| text(d, fields(dir.path()).id))
        .collect();
    // The feed grows by one story: only it is read (3 unchanged, not 3 updated).
    let mut grown = fs::read(&feed).unwrap();
    grown.extend_from_slice(
        b"{\"title\": \"Wang Yi meets Rubio again\", \"body\": \"Wang Yi met Marco Rubio in Kuala Lumpur on Friday.\"}\n",
    );
    fs::write(&feed, &grown).unwrap();
    let report = index_ok(dir.path());
    assert!(
        report.contains("1 added, 0 updated, 0 removed, 3 unchanged; 4 in the index"),
        "{report}"
    );
    assert!(titles(dir.path()).contains(&"Wang Yi meets Rubio again".to_string()));
    let mut ids_after: Vec<String> = documents(dir.path())
        .iter()
        .map(|d| text(d, fields(dir.path()).id))
        .collect();
    ids_after.retain(|id| ids_before.contains(id));
    assert_eq!(ids_after.len(), 3, "the first three keep their ids");
    // Unchanged since: nothing read.
    let report = index_ok(dir.path());
    assert!(
        report.contains("0 added, 0 updated, 0 removed, 4 unchanged"),
        "{report}"
    );
    // Grown again, and an old line edited: the old content is no prefix, so the file is read whole.
    let mut edited = String::from_utf8(fs::read(&feed).unwrap())
        .unwrap()
        .replacen("Microsoft", "MICROSOFT", 1);
    edited.push_str("{\"title\": \"A fifth story\", \"body\": \"More.\"}\n");
    fs::write(&feed, edited).unwrap();
    let report = index_ok(dir.path());
    assert!(
        report.contains("1 added, 4 updated, 0 removed, 0 unchanged; 5 in the index"),
        "{report}"
    );
}

#[test]
fn copies_share_a_group_across_runs() {
    let dir = workspace(&["barra.json"]);
    index_ok(dir.path());
    // A later run brings a byte-identical copy and a syndicated copy with its own headline and
    // a changed word.
    let original = fs::read_to_string(dir.path().join("corpus/barra.json")).unwrap();
    fs::write(dir.path().join("corpus/copy.json"), &original).unwrap();
    let syndicated = original
        .replace(
            "Mary Barra appointed as General Motors chief",
            "GM picks Barra",
        )
        .replace("33 years", "thirty-three years");
    fs::write(dir.path().join("corpus/wire.json"), syndicated).unwrap();
    fs::write(
        dir.path().join("corpus/other.jsonl"),
        fs::read_to_string(Path::new(FIXTURES).join("three.jsonl")).unwrap(),
    )
    .unwrap();
    let report = index_ok(dir.path());
    assert!(
        report.contains("2 articles are copies of an earlier one, in 1 group"),
        "{report}"
    );
    let f = fields(dir.path());
    let docs = documents(dir.path());
    let group_of = |path: &str| {
        let doc = docs.iter().find(|d| text(d, f.path) == path).unwrap();
        (text(doc, f.group), text(doc, f.id))
    };
    let (group, id) = group_of("corpus/barra.json");
    assert_eq!(group, id, "the first copy indexed is the representative");
    assert_eq!(group_of("corpus/copy.json").0, group);
    assert_eq!(group_of("corpus/wire.json").0, group);
    let distinct: std::collections::HashSet<String> =
        docs.iter().map(|d| text(d, f.group)).collect();
    assert_eq!(distinct.len(), 4, "three other stories, three other groups");
}

#[test]
fn a_second_indexer_on_the_same_index_exits_2() {
    let dir = workspace(&["three.jsonl"]);
    index_ok(dir.path());
    // Hold the writer lock as a running `newsdex index` does.
    let index = newsdex::index::open(&dir.path().join("index")).unwrap();
    let writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let out = newsdex(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("another `newsdex index` is writing the index at index"),
        "{message}"
    );
    drop(writer);
    index_ok(dir.path());
}

#[test]
fn a_folder_typed_as_an_absolute_path_is_the_same_files() {
    let dir = workspace(&["barra.json", "three.jsonl"]);
    let first = index_ok(dir.path());
    assert!(first.contains("4 added"), "{first}");
    let absolute = fs::canonicalize(dir.path()).unwrap().join("corpus");
    let out = newsdex(dir.path(), &["index", absolute.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0 added, 0 updated, 0 removed, 4 unchanged; 4 in the index"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_index_path_that_is_a_broken_link_is_one_line_and_exit_2() {
    let dir = workspace(&["barra.json"]);
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("index")).unwrap();
    let out = newsdex(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("newsdex: index is a link to ")
            && stderr(&out).contains("which does not exist"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_folder_without_news_files_exits_2_and_leaves_the_index_alone() {
    let dir = workspace(&[]);
    // `newsdex index` of ./corpus says, on one line, there is nothing to index, and makes no index.
    let refused = || {
        let out = newsdex(dir.path(), &["index"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).starts_with("newsdex: corpus: no news files there"),
            "{}",
            stderr(&out)
        );
        assert_eq!(stderr(&out).lines().count(), 1);
        assert!(
            !dir.path().join("index/meta.json").exists(),
            "no index made"
        );
    };
    refused();
    // Nor is a folder of pictures and models: they are no news files.
    fs::write(dir.path().join("corpus/photo.png"), b"\x89PNG\r\n").unwrap();
    fs::write(dir.path().join("corpus/ner.model"), b"NEWSDEX-NER 1").unwrap();
    refused();
    // Beside an article they are counted as skipped, not as unchanged, and listed.
    fs::copy(
        Path::new(FIXTURES).join("barra.json"),
        dir.path().join("corpus/barra.json"),
    )
    .unwrap();
    let out = newsdex(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 files in ")
            && stderr(&out).contains(": 1 read, 0 unchanged, 2 skipped;"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("corpus/photo.png: not a news file format (.png)"),
        "{}",
        stderr(&out)
    );
    fs::remove_file(dir.path().join("corpus/barra.json")).unwrap();
    fs::remove_dir_all(dir.path().join("index")).unwrap();
    fs::remove_file(dir.path().join("corpus/photo.png")).unwrap();
    fs::remove_file(dir.path().join("corpus/ner.model")).unwrap();
    // With an index in place, an empty folder changes nothing either.
    fs::create_dir(dir.path().join("more")).unwrap();
    fs::copy(
        Path::new(FIXTURES).join("barra.json"),
        dir.path().join("more/barra.json"),
    )
    .unwrap();
    assert_eq!(
        newsdex(dir.path(), &["index", "more"]).status.code(),
        Some(0)
    );
    let out = newsdex(dir.path(), &["index", "corpus"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(documents(dir.path()).len(), 1);
}

#[test]
fn the_summary_counts_the_whole_index_not_just_the_paths_indexed() {
    let dir = workspace(&["three.jsonl"]);
    index_ok(dir.path());
    fs::create_dir(dir.path().join("more")).unwrap();
    fs::copy(
        Path::new(FIXTURES).join("barra.json"),
        dir.path().join("more/barra.json"),
    )
    .unwrap();
    let out = newsdex(dir.path(), &["index", "more"]);
    let report = stderr(&out);
    assert!(report.starts_with("indexed 1 file in"), "{report}");
    assert!(
        report.contains("1 added, 0 updated, 0 removed, 0 unchanged; 4 in the index"),
        "{report}"
    );
    assert_eq!(documents(dir.path()).len(), 4);
}

#[test]
fn a_missing_path_exits_2_with_one_line() {
    let dir = workspace(&[]);
    let out = newsdex(dir.path(), &["index", "corpus", "no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "newsdex: no-such-folder: no such file or folder (check the path)\n"
    );
    assert!(
        !dir.path().join("index/meta.json").exists(),
        "no index made"
    );
}

#[test]
fn a_broken_file_is_reported_once_and_the_rest_is_indexed() {
    let dir = workspace(&["three.jsonl"]);
    fs::write(
        dir.path().join("corpus/broken.json"),
        "{\"title\": \"Cut off",
    )
    .unwrap();
    let out = newsdex(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let report = stderr(&out);
    assert_eq!(report.matches("corpus/broken.json").count(), 1, "{report}");
    assert!(report.contains("3 added"), "{report}");
    assert_eq!(documents(dir.path()).len(), 3);
}

#[test]
fn a_broken_line_is_reported_again_when_its_file_is_unchanged() {
    let dir = workspace(&[]);
    let lines = fs::read_to_string(Path::new(FIXTURES).join("three.jsonl")).unwrap();
    let mut mixed: Vec<&str> = lines.lines().collect();
    mixed.insert(1, "{\"title\": \"Cut off");
    fs::write(dir.path().join("corpus/mixed.jsonl"), mixed.join("\n")).unwrap();
    for run in ["first", "second"] {
        let out = newsdex(dir.path(), &["index"]);
        let report = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{run} run: {report}");
        assert_eq!(
            report.matches("corpus/mixed.jsonl:2:").count(),
            1,
            "{report}"
        );
    }
    let report = stderr(&newsdex(dir.path(), &["index"]));
    assert!(
        report.contains("0 added, 0 updated, 0 removed, 3 unchanged"),
        "{report}"
    );
}

#[test]
fn indexing_the_folder_that_holds_the_index_leaves_the_index_files_out() {
    let dir = workspace(&["three.jsonl"]);
    for _ in 0..2 {
        let out = newsdex(dir.path(), &["index", "."]);
        let report = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{report}");
        assert!(!report.contains("meta.json"), "{report}");
    }
    assert_eq!(documents(dir.path()).len(), 3);
}

#[test]
fn an_index_path_that_is_a_file_exits_2() {
    let dir = workspace(&["three.jsonl"]);
    fs::write(dir.path().join("notes.txt"), "not an index").unwrap();
    let out = newsdex(dir.path(), &["index", "--index", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "newsdex: notes.txt is a file, not an index folder: name another with --index DIR\n"
    );
}

#[test]
fn parse_json_prints_one_object_per_article_with_the_documented_fields() {
    let dir = workspace(&["three.jsonl"]);
    let out = newsdex(dir.path(), &["parse", "--json", "corpus/three.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let first = lines[0].as_object().unwrap();
    for field in [
        "title",
        "date",
        "source",
        "url",
        "authors",
        "body",
        "path",
        "people",
        "organisations",
        "places",
    ] {
        assert!(first.contains_key(field), "missing {field}: {first:?}");
    }
    assert_eq!(first["title"], "Microsoft bids $44 billion for Yahoo!");
    assert_eq!(first["date"], "2008-02-01");
    assert_eq!(first["path"], "corpus/three.jsonl");
    assert!(first["people"].is_array());
    assert!(
        !dir.path().join("index/meta.json").exists(),
        "parse touches no index"
    );
}

#[test]
fn parse_shows_what_index_writes() {
    let dir = workspace(&["barra.json"]);
    let out = newsdex(dir.path(), &["parse", "corpus/barra.json"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = String::from_utf8(out.stdout).unwrap();
    index_ok(dir.path());
    let f = fields(dir.path());
    let doc = &documents(dir.path())[0];
    assert!(
        shown.contains(&format!("id {}", text(doc, f.id))),
        "{shown}"
    );
    assert!(shown.contains(&format!("title:         {}", text(doc, f.title))));
    assert!(shown.contains("date:          2013-12-10"));
}

#[test]
fn parse_of_a_missing_file_exits_2_with_one_line() {
    let dir = workspace(&[]);
    let out = newsdex(dir.path(), &["parse", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "newsdex: missing.json: no such file or folder (check the path)\n"
    );
}

/// Writes `n` distinct one-article JSON files into `corpus/`.
fn many_articles(dir: &Path, n: usize) {
    let barra: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(Path::new(FIXTURES).join("barra.json")).unwrap())
            .unwrap();
    for i in 0..n {
        let mut article = barra.clone();
        article["title"] = format!("Dispatch number {i}").into();
        article["body"] = format!("Dispatch {i}. {}", barra["body"].as_str().unwrap()).into();
        let path: PathBuf = dir.join(format!("corpus/{i:04}.json"));
        fs::write(path, article.to_string()).unwrap();
    }
}

fn committed_documents(dir: &Path) -> Option<u64> {
    let index = newsdex::index::open(&dir.join("index")).ok()?;
    Some(index.reader().ok()?.searcher().num_docs())
}

/// Starts `newsdex index --commit-every 1` in `dir`, kills it (SIGKILL) as soon as its first
/// commit is searchable, and returns the number of articles the index holds after the kill.
fn kill_after_first_commit(dir: &Path) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", "--commit-every", "1"])
        .current_dir(dir)
        .env_remove("NEWSDEX_INDEX")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Searching works while the indexer writes.
    let start = Instant::now();
    while committed_documents(dir).unwrap_or(0) == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no commit in 2 minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    committed_documents(dir).expect("the index opens after a kill")
}

#[test]
fn a_killed_indexer_leaves_a_searchable_index_and_the_next_run_completes_it() {
    let dir = workspace(&[]);
    let n = 400;
    many_articles(dir.path(), n);
    let after_kill = kill_after_first_commit(dir.path());
    assert!(after_kill < n as u64, "killed mid-run: {after_kill}");

    let report = index_ok(dir.path());
    let added = n as u64 - after_kill;
    assert!(
        report.contains(&format!(
            "{added} added, 0 updated, 0 removed, {after_kill} unchanged"
        )),
        "{report}"
    );
    assert_eq!(committed_documents(dir.path()), Some(n as u64));
    // Every article is there once.
    let index = newsdex::index::open(&dir.path().join("index")).unwrap();
    let searcher = index.reader().unwrap().searcher();
    let f = fields(dir.path());
    let one = TermQuery::new(
        Term::from_field_text(f.path, "corpus/0123.json"),
        IndexRecordOption::Basic,
    );
    assert_eq!(
        searcher.search(&one, &tantivy::collector::Count).unwrap(),
        1
    );
}

#[test]
fn a_file_cut_short_by_a_kill_is_written_again_whole() {
    let dir = workspace(&[]);
    let lines = fs::read_to_string(Path::new(FIXTURES).join("three.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let n = 2000;
    let mut archive = String::new();
    for i in 0..n {
        let mut article = lines[i % 3].clone();
        article["title"] = format!("Bulletin {i}").into();
        archive.push_str(&article.to_string());
        archive.push('\n');
    }
    fs::write(dir.path().join("corpus/archive.jsonl"), archive).unwrap();
    let after_kill = kill_after_first_commit(dir.path());
    assert!(
        after_kill < n as u64,
        "killed inside the file: {after_kill}"
    );

    let report = index_ok(dir.path());
    assert!(
        report.contains(&format!(
            "{} added, {} updated, 0 removed, 0 unchanged; 2,000 in the index",
            thousands(n as u64 - after_kill),
            thousands(after_kill)
        )),
        "the committed chunk is written again: {report}"
    );
    assert_eq!(committed_documents(dir.path()), Some(n as u64));
}
