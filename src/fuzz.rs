//! Fuzz harnesses: what each cargo-fuzz target in `fuzz/` does with one input, kept in the library
//! so that the fuzz targets and the regression test (`tests/fuzz_regressions.rs`, which replays the
//! inputs the fuzzers found) run exactly the same code.
//!
//! Each harness reads the input as a file of its format with [`corpus::read_bytes`], as the indexer
//! does, then sends every article on to what the indexer does next ([`analyse`]: entities and the
//! duplicate signature, then the title and the JSON `newsdex parse` prints), and checks that every
//! article has a title to show and that every mention's byte offsets fall on character boundaries of
//! its text, since the web UI cuts the text there. A panic anywhere on that path is a finding.

use std::io::Write;
use std::path::PathBuf;

use crate::corpus::{self, Problem};
use crate::index::document::{Analysed, analyse};
use crate::ner::Recognizer;

/// A fuzz target: one reader, or for [`Target::Decode`] the layer beneath all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Text,
    Json,
    JsonLines,
    Sgml,
    Warc,
    Html,
    /// Compressed and extension-less files: the input as a (possibly broken) gzip stream, sniffed
    /// without an extension, or gzip-compressed here and cut short, chosen by its first byte.
    Decode,
}

impl Target {
    /// Every target, in the order the README lists them.
    pub const ALL: [Target; 7] = [
        Target::Text,
        Target::Json,
        Target::JsonLines,
        Target::Sgml,
        Target::Warc,
        Target::Html,
        Target::Decode,
    ];

    /// The target's name: its binary in `fuzz/fuzz_targets/` and its folder under
    /// `tests/fixtures/fuzz/`.
    pub fn name(self) -> &'static str {
        match self {
            Target::Text => "text",
            Target::Json => "json",
            Target::JsonLines => "jsonl",
            Target::Sgml => "sgml",
            Target::Warc => "warc",
            Target::Html => "html",
            Target::Decode => "decode",
        }
    }
}

/// What one input gave: the articles as the indexer would write them, and every problem reported
/// (a file skipped as a whole gives exactly one problem and no article).
#[derive(Debug, Default)]
pub struct Outcome {
    pub articles: Vec<Analysed>,
    pub problems: Vec<Problem>,
}

/// Runs `target` on `data`. Panics if and only if newsdex mishandles the input: a panic in a reader
/// or downstream of it, an article with nothing to show as its title (no headline, no text), or an
/// entity mention whose offsets do not cut its text at character boundaries.
pub fn run(target: Target, data: &[u8]) -> Outcome {
    let (path, bytes) = input(target, data);
    let read = match corpus::read_bytes(&path, &bytes) {
        Ok(read) => read,
        Err(problem) => {
            return Outcome {
                articles: Vec::new(),
                problems: vec![problem],
            };
        }
    };
    let Ok(recognizer) = Recognizer::bundled() else {
        panic!("the bundled NER model does not load");
    };
    let articles: Vec<Analysed> = read
        .articles
        .into_iter()
        .map(|article| analyse(recognizer, article))
        .collect();
    for analysed in &articles {
        check_mentions(analysed);
        assert!(
            !analysed.article.title().trim().is_empty(),
            "an article with neither headline nor text: {:?}",
            analysed.article
        );
        let _ = analysed.to_json().to_string();
    }
    Outcome {
        articles,
        problems: read.problems,
    }
}

/// The file name and bytes `target` reads for the fuzz input `data`.
fn input(target: Target, data: &[u8]) -> (PathBuf, Vec<u8>) {
    let name = match target {
        Target::Text => "story.txt",
        Target::Json => "story.json",
        Target::JsonLines => "stories.jsonl",
        Target::Sgml => "reut2-000.sgm",
        Target::Warc => "crawl.warc",
        Target::Html => "story.html",
        Target::Decode => return decode_input(data),
    };
    (PathBuf::from(name), data.to_vec())
}

/// The [`Target::Decode`] input: the first byte picks how the rest is presented.
fn decode_input(data: &[u8]) -> (PathBuf, Vec<u8>) {
    let Some((&mode, rest)) = data.split_first() else {
        return (PathBuf::from("story.txt.gz"), Vec::new());
    };
    match mode % 4 {
        // A gzip stream as found on disk, damaged or not.
        0 => (PathBuf::from("stories.jsonl.gz"), rest.to_vec()),
        1 => (PathBuf::from("story.txt.gz"), rest.to_vec()),
        // A file without extension: recognised by its content (gzip or not).
        2 => (PathBuf::from("STORY"), rest.to_vec()),
        // Whole records compressed and cut short: the records before the cut must survive.
        _ => {
            let gz = gzip(rest);
            let keep = gz.len() - usize::from(mode >> 2) % gz.len().max(1);
            (PathBuf::from("stories.jsonl.gz"), gz[..keep].to_vec())
        }
    }
}

/// `bytes` as one gzip member.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Panics unless every mention of every entity in `analysed` cuts its headline or body at character
/// boundaries.
fn check_mentions(analysed: &Analysed) {
    let a = &analysed.article;
    let e = &analysed.entities;
    for entity in e.people.iter().chain(&e.organisations).chain(&e.places) {
        for m in &entity.mentions {
            let text = if m.in_headline {
                a.headline.as_deref().unwrap_or("")
            } else {
                &a.body
            };
            assert!(
                text.get(m.start..m.end).is_some(),
                "mention {}..{} of {:?} does not cut its text ({} bytes) at character boundaries",
                m.start,
                m.end,
                entity.name,
                text.len()
            );
        }
    }
}
