//! Files of many articles read as streams (issue 11): a corrupt gzip member, a line cut short, a
//! record over the per-article cap and a file over the old 256 MiB limit each cost at most the
//! records they touch, named; the articles around them are kept. Test files are built on the fly
//! from the bundled Wikinews articles (`corpus/wikinews`, CC BY).

use std::io::Write;
use std::path::{Path, PathBuf};

use newsdex::corpus::{self, FileRead};

/// (title, url, body) of the first `n` bundled Wikinews articles.
fn wikinews(n: usize) -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/wikinews");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .take(n)
        .map(|p| {
            let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            (s("title"), s("url"), s("body"))
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A WARC `response` record holding the article as a news page.
fn response(title: &str, url: &str, body: &str) -> Vec<u8> {
    let paragraphs: String = body
        .split('\n')
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect();
    let page = format!(
        "<!DOCTYPE html><html><head><title>{t}</title><meta property=\"og:title\" content=\"{t}\"></head><body><article><h1>{t}</h1>{paragraphs}</article></body></html>",
        t = escape(title)
    );
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
        page.len()
    );
    record("response", url, http.as_bytes())
}

fn record(kind: &str, url: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2008-02-01T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn headlines(read: &FileRead) -> Vec<&str> {
    read.articles
        .iter()
        .map(|a| a.headline.as_deref().unwrap_or(""))
        .collect()
}

fn json_line(title: &str, url: &str, body: &str) -> String {
    let mut line =
        serde_json::json!({"title": title, "url": url, "body": body, "source": "Wikinews"})
            .to_string();
    line.push('\n');
    line
}

#[test]
fn a_corrupt_gzip_member_in_a_warc_loses_only_its_record() {
    let articles = wikinews(6);
    // As Common Crawl writes them: one gzip member per record.
    let mut members = vec![gzip(&record("warcinfo", "", b"software: newsdex test\r\n"))];
    members.extend(articles.iter().map(|(t, u, b)| gzip(&response(t, u, b))));
    // Damage the fourth article's member in the middle of its compressed data.
    let damaged = &mut members[4];
    let mid = damaged.len() / 2;
    for b in &mut damaged[mid..mid + 8] {
        *b ^= 0xa5;
    }
    let bytes = members.concat();
    let read = corpus::read_bytes(Path::new("crawl.warc.gz"), &bytes).unwrap();
    let expected: Vec<&str> = articles
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != 3)
        .map(|(_, a)| a.0.as_str())
        .collect();
    assert_eq!(headlines(&read), expected, "{:?}", read.problems);
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    let lost = read.problems[0].to_string();
    assert!(
        lost.contains(&format!(
            "record 5 ({}) is lost: corrupt gzip",
            articles[3].1
        )) && lost.contains("reading resumed at the next gzip member"),
        "{lost}"
    );
    // Ids are by record number, as if nothing were lost: the articles after keep theirs.
    let whole = corpus::read_bytes(
        Path::new("crawl.warc.gz"),
        &[
            gzip(&record("warcinfo", "", b"software: newsdex test\r\n")),
            articles
                .iter()
                .flat_map(|(t, u, b)| gzip(&response(t, u, b)))
                .collect(),
        ]
        .concat(),
    )
    .unwrap();
    assert_eq!(whole.articles.len(), 6);
    assert_eq!(read.articles[4].id, whole.articles[5].id);
}

#[test]
fn a_json_lines_file_with_a_truncated_last_line_keeps_the_lines_before() {
    let articles = wikinews(5);
    let text: String = articles
        .iter()
        .map(|(t, u, b)| json_line(t, u, b))
        .collect();
    let cut = &text.as_bytes()[..text.len() - 200];
    let read = corpus::read_bytes(Path::new("feed.jsonl"), cut).unwrap();
    assert_eq!(
        headlines(&read),
        articles[..4]
            .iter()
            .map(|a| a.0.as_str())
            .collect::<Vec<_>>()
    );
    assert_eq!(read.problems.len(), 1);
    let problem = read.problems[0].to_string();
    assert!(
        problem.starts_with("feed.jsonl:5: invalid JSON") && problem.contains("cut short"),
        "{problem}"
    );
}

#[test]
fn a_record_over_the_per_article_cap_is_skipped_named_and_the_rest_kept() {
    let articles = wikinews(3);
    let huge = "x".repeat(corpus::MAX_ARTICLE_BYTES + 10);
    let mut jsonl = json_line(&articles[0].0, &articles[0].1, &articles[0].2);
    jsonl.push_str(&json_line("Too big", "https://example.org/big", &huge));
    jsonl.push_str(&json_line(&articles[1].0, &articles[1].1, &articles[1].2));
    let read = corpus::read_bytes(Path::new("feed.jsonl"), jsonl.as_bytes()).unwrap();
    assert_eq!(headlines(&read), [&articles[0].0, &articles[1].0]);
    assert_eq!(read.articles[1].record, 2, "ids stay by line number");
    assert_eq!(read.problems.len(), 1);
    assert!(
        read.problems[0].to_string().starts_with(
            "feed.jsonl:2: line of over 16 MiB, over the 16 MiB limit for one article; skipped"
        ),
        "{}",
        read.problems[0]
    );
    // The same in a WARC: the response record is named by number and url.
    let mut warc = response(&articles[0].0, &articles[0].1, &articles[0].2);
    warc.extend(response("Too big", "https://example.org/big", &huge));
    warc.extend(response(&articles[2].0, &articles[2].1, &articles[2].2));
    let read = corpus::read_bytes(Path::new("crawl.warc"), &warc).unwrap();
    assert_eq!(headlines(&read), [&articles[0].0, &articles[2].0]);
    assert_eq!(read.problems.len(), 1);
    assert!(
        read.problems[0].reason.starts_with(
            "record 2 (https://example.org/big): a response of 16 MiB, over the 16 MiB limit"
        ),
        "{}",
        read.problems[0]
    );
}

#[test]
fn a_warc_larger_than_the_old_256_mib_limit_is_read_whole() {
    let articles = wikinews(20);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    // Articles between captures of 15 MiB videos (not articles, skipped): 19 × 15 MiB > 256 MiB.
    let video = vec![0x42u8; 15 << 20];
    for (i, (t, u, b)) in articles.iter().enumerate() {
        file.write_all(&response(t, u, b)).unwrap();
        if i + 1 < articles.len() {
            file.write_all(&record("resource", "https://example.org/video.mp4", &video))
                .unwrap();
        }
    }
    drop(file);
    assert!(std::fs::metadata(&path).unwrap().len() > 256 << 20);
    let read = corpus::read_file(&path).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(
        headlines(&read),
        articles.iter().map(|a| a.0.as_str()).collect::<Vec<_>>()
    );
    assert_eq!(read.skipped, 19);
    assert_eq!(read.articles[19].record, 38);
}
