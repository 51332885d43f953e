//! The corpus readers on bad and awkward input (tests/fixtures/readers/): each file is either read or
//! skipped with a one-line reason; nothing panics and nothing good is lost.

use std::path::{Path, PathBuf};

use newsdex::corpus::{self, FileRead, Problem};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/readers")
        .join(name)
}

fn read(name: &str) -> Result<FileRead, Problem> {
    corpus::read_file(&fixture(name))
}

fn skip_reason(name: &str) -> String {
    match read(name) {
        Ok(read) => panic!(
            "{name} should be skipped, gave {} articles",
            read.articles.len()
        ),
        Err(problem) => {
            assert_eq!(problem.path, fixture(name));
            assert!(!problem.to_string().contains('\n'));
            problem.reason
        }
    }
}

#[test]
fn three_json_lines_give_three_articles() {
    let read = read("three.jsonl").unwrap();
    assert_eq!(read.articles.len(), 3);
    assert!(read.problems.is_empty());
    let third = &read.articles[2];
    assert_eq!(
        third.headline.as_deref(),
        Some("ASEAN ministers warn on tariffs")
    );
    assert_eq!(third.source.as_deref(), Some("Example Wire"));
    assert_eq!(
        third.date.map(|d| d.to_string()).as_deref(),
        Some("2025-07-11")
    );
    // Ids are stable: reading again gives the same ids, and they are distinct.
    let again = corpus::read_file(&fixture("three.jsonl")).unwrap();
    let ids: Vec<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        again
            .articles
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>()
    );
    assert!(ids[0] != ids[1] && ids[1] != ids[2]);
}

#[test]
fn a_malformed_json_line_is_reported_with_its_line_and_the_rest_is_read() {
    let read = read("malformed-line.jsonl").unwrap();
    assert_eq!(read.articles.len(), 2);
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].line, Some(2));
    assert!(
        read.problems[0]
            .to_string()
            .ends_with("malformed-line.jsonl:2: invalid JSON: EOF while parsing an object"),
        "{}",
        read.problems[0]
    );
}

#[test]
fn multi_member_gzip_is_read_whole() {
    let read = read("two-members.jsonl.gz").unwrap();
    assert_eq!(read.articles.len(), 2);
    assert!(read.problems.is_empty());
}

#[test]
fn truncated_gzip_keeps_whole_records_and_reports_the_damage() {
    let read = read("truncated.jsonl.gz").unwrap();
    assert!(
        !read.articles.is_empty() && read.articles.len() < 200,
        "{}",
        read.articles.len()
    );
    assert_eq!(read.problems.len(), 1);
    assert!(
        read.problems[0].reason.starts_with("truncated gzip"),
        "{}",
        read.problems[0]
    );
    // Every article kept is whole: its body ends with its own number, as written.
    for a in &read.articles {
        assert!(
            a.body
                .ends_with(&a.headline.as_deref().unwrap()["Story ".len()..]),
            "{:?}",
            a.headline
        );
    }
    // A single-article file cut short is skipped, never passed on as a shorter article.
    assert!(skip_reason("truncated.txt.gz").starts_with("truncated gzip"));
}

#[test]
fn files_that_are_not_articles_are_skipped_with_a_reason() {
    assert_eq!(skip_reason("empty.txt"), "empty file");
    assert_eq!(skip_reason("blank.txt"), "empty file (only white space)");
    assert_eq!(skip_reason("photo.txt"), "not text: PNG image");
    assert_eq!(skip_reason("photo.jpg"), "not a news file format (.jpg)");
    assert!(skip_reason("not-an-article.json").contains("without article fields"));
    assert!(skip_reason("deep.json").contains("recursion limit exceeded"));
}

#[test]
fn invalid_utf8_decodes_to_the_right_characters() {
    let read = read("latin1.txt").unwrap();
    let a = &read.articles[0];
    assert_eq!(a.headline.as_deref(), Some("Arsenal sign Mutu"));
    assert_eq!(
        a.body,
        "The club paid a £15.8m fee for the striker from München, said Arsène Wenger."
    );
}

#[test]
fn gzipped_html_goes_to_the_html_extractor() {
    // The extractor decides whether the page holds an article; either way the file is handled.
    match read("story.html.gz") {
        Ok(read) => assert_eq!(read.articles.len(), 1),
        Err(problem) => assert_eq!(problem.reason, "no article text found in the page"),
    }
}

#[test]
fn a_file_without_extension_is_recognised_by_its_content() {
    let read = read("WIRE-STORY").unwrap();
    assert_eq!(
        read.articles[0].headline.as_deref(),
        Some("Rubio meets Lavrov")
    );
}

#[test]
fn walking_the_fixtures_reads_every_file_once_in_order() {
    let files: Vec<PathBuf> = corpus::walk(&[fixture("")])
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(files.len(), std::fs::read_dir(fixture("")).unwrap().count());
    let (mut articles, mut skipped_files) = (0, 0);
    for f in &files {
        match corpus::read_file(f) {
            Ok(read) => articles += read.articles.len(),
            Err(_) => skipped_files += 1,
        }
    }
    // three 3, malformed-line 2, two-members 2, latin1 1, WIRE-STORY 1, plus what survived truncation.
    assert!(articles >= 10, "{articles}");
    // empty, blank, photo.txt, photo.jpg, not-an-article, deep, truncated.txt.gz (and story.html.gz
    // while the HTML extractor is a stub).
    assert!(skipped_files >= 7, "{skipped_files}");
}

#[test]
fn an_article_file_over_its_size_limit_is_skipped_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse 200 MB text file with no newline: skipped from its size alone.
    let path = dir.path().join("huge.txt");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let problem = corpus::read_file(&path).unwrap_err();
    assert!(
        problem.reason.starts_with("too large: 200 MiB"),
        "{problem}"
    );
}
