//! The one way to go through a file's articles: [`Records`] reads any news file record by record,
//! from a buffered (and for `.gz`, decompressing) stream, whatever its size.
//!
//! ```text
//! Records::open(path) ──▶ Item::Record (raw bytes of one JSON line, array item, WARC record or
//!                         Reuters story; Record::parse makes the article, on any thread)
//!                     ──▶ Item::Article (files of one article, and JSON objects, read whole)
//!                     ──▶ Item::Problem (a record lost or skipped, named) / Item::Skipped
//! ```
//!
//! Memory holds one record at a time (at most [`MAX_ARTICLE_BYTES`](super::MAX_ARTICLE_BYTES), beyond which a record is
//! skipped and named). A record cut short at the end of the file, or lost to a corrupt gzip member,
//! costs only that record: reading resynchronises on the next line, the next `WARC/` header, the
//! next `<REUTERS>` story or the next gzip member, and the problem says what was lost.
//!
//! Framing (finding where records start and end) is cheap and runs on the thread that reads the
//! file; parsing ([`Record::parse`]) is the costly part and may run on others, so the indexer
//! reads one big file on every core.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

mod framing;

use super::stream::{Input, Source};
use super::{FileRead, FileType, Format, Problem, decode, json, sgml, warc};
use crate::article::Article;

/// Problems listed one by one per file; beyond this many, one more problem counts the rest.
pub(crate) const MAX_LISTED_PROBLEMS: usize = 20;

/// One record of a file, framed but not parsed.
#[derive(Clone, Debug)]
pub struct Record {
    path: PathBuf,
    /// The record number: the article id comes from it (line number from 0 for JSON Lines, item
    /// index for JSON arrays, position in the file for WARC and SGML).
    pub number: u64,
    kind: Kind,
    bytes: Vec<u8>,
}

#[derive(Clone, Debug)]
enum Kind {
    /// A JSON Lines line; `cut` when it is the last line and has no line end.
    Line { cut: bool },
    /// An item of a JSON array.
    Item,
    /// A WARC `response` record: its header fields and its block.
    Warc { headers: Vec<(String, String)> },
    /// A Reuters `<REUTERS …>` story, from its open tag to its end tag.
    Sgml,
}

impl Record {
    /// Makes the record's article: `Ok(None)` when it holds none by nature (a WARC response that
    /// is not an HTML article page, a Reuters record with neither title nor body), `Err` naming the
    /// record and why it is not an article.
    pub fn parse(self) -> Result<Option<Article>, Problem> {
        match self.kind {
            Kind::Line { cut } => match json::line_article(&self.path, self.number, &self.bytes) {
                Ok(a) => Ok(Some(a)),
                Err(reason) if cut => Err(Problem::at_line(
                    &self.path,
                    self.number + 1,
                    format!("{reason} (the last line is cut short: the file ends in it)"),
                )),
                Err(reason) => Err(Problem::at_line(&self.path, self.number + 1, reason)),
            },
            Kind::Item => json::item_article(&self.path, self.number, &self.bytes)
                .map(Some)
                .map_err(|reason| Problem::new(&self.path, reason)),
            Kind::Warc { headers } => Ok(warc::record_article(
                &self.path,
                self.number,
                &headers,
                &self.bytes,
            )),
            Kind::Sgml => Ok(sgml::record_article(&self.path, self.number, &self.bytes)),
        }
    }

    /// Size of the record's bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// True if and only if the record has no bytes.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// What reading a file gives, in file order.
#[derive(Debug)]
pub enum Item {
    /// A record to parse.
    Record(Record),
    /// An article already made (files of one article; JSON objects, read whole).
    Article(Article),
    /// A record lost or skipped, or damage in the file.
    Problem(Problem),
    /// A record that holds no article by nature (a WARC request or metadata record).
    Skipped,
}

/// How records are found in the stream.
enum Framing {
    Lines,
    Array {
        started: bool,
    },
    Warc,
    Sgml,
    /// Everything was read at open.
    Whole,
}

/// The records of one file, in order (see the module documentation).
pub struct Records {
    path: PathBuf,
    file_type: FileType,
    framing: Framing,
    input: Option<Input>,
    queue: VecDeque<Item>,
    /// The next record number (line number for JSON Lines).
    number: u64,
    /// Records framed so far.
    found: u64,
    done: bool,
    /// True while the stream has ended at a record boundary with nothing lost.
    clean: bool,
    /// True when the last byte framed ended a line (JSON Lines).
    line_end: bool,
}

impl Records {
    /// Opens the file at `path`. `Err` means the whole file is skipped, with the reason
    /// (unreadable, empty, binary, not a news format, one article over its cap).
    pub fn open(path: &Path) -> Result<Records, Problem> {
        let cannot = |e: std::io::Error| Problem::new(path, format!("cannot read: {e}"));
        let meta = std::fs::metadata(path).map_err(cannot)?;
        if !meta.is_file() {
            return Err(Problem::new(path, "not a regular file"));
        }
        let Some(file_type) = file_type_of(path, || {
            let mut head = Vec::new();
            File::open(path)
                .and_then(|f| f.take(4096).read_to_end(&mut head))
                .map_err(cannot)?;
            Ok(head)
        })?
        else {
            return Err(super::unsupported(path));
        };
        if !streamed(file_type, meta.len()) {
            let bytes = super::load(path)?;
            return Records::whole(path, file_type, &bytes);
        }
        let file = File::open(path).map_err(cannot)?;
        Records::stream(path, file_type, Box::new(file), meta.len(), 0, 0)
    }

    /// Reads `bytes`, the content of the file at `path` as stored, like [`Records::open`].
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Records, Problem> {
        let Some(file_type) = file_type_of(path, || Ok(bytes[..bytes.len().min(4096)].to_vec()))?
        else {
            return Err(super::unsupported(path));
        };
        if !streamed(file_type, bytes.len() as u64) {
            return Records::whole(path, file_type, bytes);
        }
        let source = Box::new(Cursor::new(bytes.to_vec()));
        Records::stream(path, file_type, source, bytes.len() as u64, 0, 0)
    }

    /// Reads `bytes`, the content of the file at `path` as stored, like [`Records::open`]; with
    /// `appended = Some((offset, number))`, only the records after raw byte `offset`, numbered from
    /// `number` on, as [`Records::open_appended`] does.
    pub fn from_vec(
        path: &Path,
        bytes: Vec<u8>,
        appended: Option<(u64, u64)>,
    ) -> Result<Records, Problem> {
        let Some(file_type) = file_type_of(path, || Ok(bytes[..bytes.len().min(4096)].to_vec()))?
        else {
            return Err(super::unsupported(path));
        };
        let size = bytes.len() as u64;
        match appended {
            Some((offset, number)) if appendable(file_type.format) => Records::stream(
                path,
                file_type,
                Box::new(Cursor::new(bytes)),
                size,
                offset,
                number,
            ),
            _ if !streamed(file_type, size) => Records::whole(path, file_type, &bytes),
            _ => Records::stream(path, file_type, Box::new(Cursor::new(bytes)), size, 0, 0),
        }
    }

    /// Reads a JSON Lines or WARC file from raw byte `offset`, where an earlier version of it
    /// ended at a record boundary, numbering records from `number` on: the records appended since.
    pub fn open_appended(path: &Path, offset: u64, number: u64) -> Result<Records, Problem> {
        let cannot = |e: std::io::Error| Problem::new(path, format!("cannot read: {e}"));
        let file_type = FileType::from_path(path)
            .filter(|t| appendable(t.format))
            .ok_or_else(|| Problem::new(path, "not a JSON Lines or WARC file"))?;
        let file = File::open(path).map_err(cannot)?;
        let size = file.metadata().map_err(cannot)?.len();
        Records::stream(path, file_type, Box::new(file), size, offset, number)
    }

    fn whole(path: &Path, file_type: FileType, bytes: &[u8]) -> Result<Records, Problem> {
        let read = super::read_whole(path, file_type, bytes)?;
        let mut queue: VecDeque<Item> = read.problems.into_iter().map(Item::Problem).collect();
        queue.extend(read.articles.into_iter().map(Item::Article));
        queue.extend((0..read.skipped).map(|_| Item::Skipped));
        Ok(Records {
            path: path.to_path_buf(),
            file_type,
            framing: Framing::Whole,
            input: None,
            queue,
            number: 0,
            found: 0,
            done: true,
            clean: false,
            line_end: true,
        })
    }

    fn stream(
        path: &Path,
        file_type: FileType,
        source: Box<dyn Source>,
        size: u64,
        offset: u64,
        number: u64,
    ) -> Result<Records, Problem> {
        if size == 0 {
            return Err(Problem::new(path, "empty file"));
        }
        let mut source = source;
        let gzip = file_type.gzip || {
            let mut head = [0u8; 2];
            std::io::Seek::seek(&mut source, std::io::SeekFrom::Start(offset))
                .and_then(|_| source.read_exact(&mut head))
                .is_ok()
                && decode::is_gzip(&head)
        };
        let mut input = Input::new(source, offset, gzip)
            .map_err(|e| Problem::new(path, format!("cannot read: {e}")))?;
        let n = input.fill(8192);
        let head = input.available();
        if offset == 0 {
            if n == 0 {
                return Err(Problem::new(
                    path,
                    input
                        .damage()
                        .map_or("empty file".into(), |d| d.reason.clone()),
                ));
            }
            if input.ended() && head.iter().all(u8::is_ascii_whitespace) {
                return Err(Problem::new(path, "empty file (only white space)"));
            }
            // A WARC holds images and other binary payloads by design; it checks its own framing.
            if let Some(kind) =
                decode::binary_kind(head).filter(|_| file_type.format != Format::Warc)
            {
                return Err(Problem::new(path, format!("not text: {kind}")));
            }
        }
        let framing = match file_type.format {
            Format::JsonLines => Framing::Lines,
            Format::Warc => Framing::Warc,
            Format::Sgml => Framing::Sgml,
            _ => Framing::Array { started: false },
        };
        Ok(Records {
            path: path.to_path_buf(),
            file_type,
            framing,
            input: Some(input),
            queue: VecDeque::new(),
            number,
            found: 0,
            done: false,
            clean: true,
            line_end: true,
        })
    }

    /// The file's type (its format, and whether it is gzipped).
    pub fn file_type(&self) -> FileType {
        self.file_type
    }

    /// Raw bytes of the file read so far (for progress).
    pub fn position(&self) -> u64 {
        self.input.as_ref().map_or(0, Input::raw_position)
    }

    /// Once every item is read: the record number the next record appended to the file would
    /// get, if and only if the file ended at a record boundary with nothing lost (so that records
    /// appended later can be read alone, see [`Records::open_appended`]).
    pub fn next_number(&self) -> Option<u64> {
        (self.done
            && self.clean
            && self.line_end
            && self.input.is_some()
            && appendable(self.file_type.format))
        .then_some(self.number)
    }

    /// What the problems of this file's records are called, counted ("lines", "array items").
    pub fn noun(&self) -> &'static str {
        match self.framing {
            Framing::Lines => "lines",
            Framing::Array { .. } => "array items",
            _ => "records",
        }
    }

    fn problem(&mut self, reason: String) -> Item {
        self.clean = false;
        Item::Problem(Problem::new(&self.path, reason))
    }

    fn record(&mut self, kind: Kind, bytes: Vec<u8>) -> Item {
        let record = Record {
            path: self.path.clone(),
            number: self.number,
            kind,
            bytes,
        };
        self.number += 1;
        self.found += 1;
        Item::Record(record)
    }

    /// Reports damage that stopped the stream and goes on after it. `what` names the record lost
    /// in it, if one was.
    fn damaged(&mut self, what: Option<String>) -> Option<Item> {
        let input = self.input.as_mut()?;
        let damage = input.resume()?;
        self.clean = false;
        let reason = match (what, damage.resumed) {
            (_, false) => format!("{}; articles after that point are lost", damage.reason),
            (Some(what), true) => format!(
                "{what} is lost: {}; reading resumed at the next gzip member",
                damage.reason
            ),
            (None, true) => format!("{}; reading resumed at the next gzip member", damage.reason),
        };
        Some(Item::Problem(Problem::new(&self.path, reason)))
    }
}

impl Iterator for Records {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.queue.pop_front() {
            return Some(item);
        }
        if self.done {
            return None;
        }
        let item = match self.framing {
            Framing::Lines => self.next_line(),
            Framing::Array { started } => self.next_item(started),
            Framing::Warc => self.next_warc(),
            Framing::Sgml => self.next_sgml(),
            Framing::Whole => None,
        };
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

/// True if and only if records appended to a file of this format can be read alone.
fn appendable(format: Format) -> bool {
    matches!(format, Format::JsonLines | Format::Warc)
}

/// True if and only if a file of this type and `size` (as stored) is read as a stream of records:
/// JSON Lines, WARC and SGML always, JSON arrays above [`MAX_JSON_WHOLE_BYTES`]; the others (one
/// article each, and smaller JSON files, which may be one object wrapping its articles) are read
/// whole.
fn streamed(file_type: FileType, size: u64) -> bool {
    match file_type.format {
        Format::JsonLines | Format::Warc | Format::Sgml => true,
        Format::Json => size > MAX_JSON_WHOLE_BYTES,
        Format::Text | Format::Html => false,
    }
}

/// The type of the file at `path`: from its extension, or from its first bytes (`head`) when it
/// has none. `Ok(None)` when the extension names no format newsdex reads.
fn file_type_of(
    path: &Path,
    head: impl FnOnce() -> Result<Vec<u8>, Problem>,
) -> Result<Option<FileType>, Problem> {
    match FileType::from_path(path) {
        Some(t) => Ok(Some(t)),
        None if super::has_no_extension(path) => {
            let head = head()?;
            if head.is_empty() {
                return Err(Problem::new(path, "empty file"));
            }
            super::sniff(&head)
                .map(Some)
                .ok_or_else(|| Problem::new(path, super::unrecognised(&head)))
        }
        None => Ok(None),
    }
}

/// Counts the problems of one file's records, listing the first twenty of them
/// and then only how many more there were.
#[derive(Debug, Default)]
pub struct Tally {
    listed: usize,
    more: u64,
}

impl Tally {
    /// Adds the problem of one record to `out`, or counts it once enough are listed.
    pub fn add(&mut self, problem: Problem, out: &mut Vec<Problem>) {
        if self.listed < MAX_LISTED_PROBLEMS {
            self.listed += 1;
            out.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// The problem that counts the problems not listed, if any: "305 more lines are not articles".
    pub fn finish(&self, path: &Path, noun: &str) -> Option<Problem> {
        (self.more > 0)
            .then(|| Problem::new(path, format!("{} more {noun} are not articles", self.more)))
    }
}

/// Reads every item of `records` into one [`FileRead`], parsing records in order on this thread.
pub(crate) fn collect(mut records: Records) -> FileRead {
    let mut read = FileRead::default();
    let mut tally = Tally::default();
    for item in records.by_ref() {
        match item {
            Item::Record(record) => match record.parse() {
                Ok(Some(article)) => read.articles.push(article),
                Ok(None) => read.skipped += 1,
                Err(problem) => tally.add(problem, &mut read.problems),
            },
            Item::Article(article) => read.articles.push(article),
            Item::Problem(problem) if problem.line.is_some() => {
                tally.add(problem, &mut read.problems)
            }
            Item::Problem(problem) => read.problems.push(problem),
            Item::Skipped => read.skipped += 1,
        }
    }
    read.problems
        .extend(tally.finish(&records.path, records.noun()));
    read
}

/// Largest JSON file read whole (as stored): one object, an object wrapping an array of articles,
/// or an array. A larger one must be an array, and is streamed item by item.
const MAX_JSON_WHOLE_BYTES: u64 = 64 << 20;

/// Every article, problem and count of a file given as `bytes`, named `path` (for tests).
#[cfg(test)]
pub(crate) fn read_records(path: &Path, bytes: &[u8]) -> FileRead {
    Records::from_bytes(path, bytes).map_or_else(
        |problem| FileRead {
            problems: vec![problem],
            ..FileRead::default()
        },
        collect,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` as a JSON file streamed item by item, as a JSON file over
    /// [`MAX_JSON_WHOLE_BYTES`] is.
    fn array(bytes: &[u8]) -> FileRead {
        let path = Path::new("big.json");
        let file_type = FileType::from_path(path).unwrap();
        let source = Box::new(Cursor::new(bytes.to_vec()));
        collect(Records::stream(path, file_type, source, bytes.len() as u64, 0, 0).unwrap())
    }

    #[test]
    fn a_big_json_array_is_read_item_by_item() {
        let read = array(
            br#"[ {"title": "A [one]", "body": "a \"}\" b"}, 7, {"title": "B", "tags": [1, {"x": "]"}]},
                 {"title": "C", "body": "c"} ]"#,
        );
        let titles: Vec<_> = read.articles.iter().map(|a| a.title()).collect();
        assert_eq!(titles, ["A [one]", "B", "C"]);
        assert_eq!(read.articles[0].body, "a \"}\" b");
        assert_eq!(
            read.articles.iter().map(|a| a.record).collect::<Vec<_>>(),
            [0, 2, 3],
            "ids by item index, as when read whole"
        );
        assert_eq!(read.problems.len(), 1);
        assert_eq!(
            read.problems[0].reason,
            "array item 1 is not an article (no title or body)"
        );
        // Cut short: the whole items before are kept and the cut is named.
        let read = array(br#"[{"title": "A"}, {"title": "B", "bo"#);
        assert_eq!(read.articles.len(), 1);
        assert!(
            read.problems[0]
                .reason
                .contains("array item 1 is cut short"),
            "{:?}",
            read.problems
        );
        // An object this large is not read whole: the reason says what to do.
        let read = array(br#"{"articles": []}"#);
        assert!(
            read.problems[0]
                .reason
                .contains("write its articles as JSON Lines"),
            "{:?}",
            read.problems
        );
    }
}
