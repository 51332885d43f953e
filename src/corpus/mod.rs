//! A corpus is a set of files and folders that hold news articles; this module walks them and reads
//! each file with the reader for its format.
//!
//! ```text
//! walk(paths) ──▶ file paths (sorted) ──▶ Records::open(path) ──▶ records, one at a time ──▶ articles
//!                                         (a stream: gunzip, frame, decode; one reader per format)
//! ```
//!
//! [`Records`] is the one way to go through a file's articles, whatever its size: files that hold
//! many articles (JSON Lines, JSON arrays, WARC, Reuters SGML) are streamed record by record in
//! bounded memory; [`read_file`] and [`read_bytes`] collect a whole file's articles for callers that
//! want them all at once.
//!
//! A file that holds no article (an image, an empty file, a README, a JSON file that is not an
//! article, a truncated gzip) is skipped with a [`Problem`] saying why; it is never an error. A file
//! that holds many articles (JSON Lines, Reuters SGML, WARC) keeps its good records when some are
//! broken, and reports each broken one.

mod boilerplate;
mod byline;
pub mod date;
mod decode;
pub mod html;
mod json;
mod page;
mod records;
mod references;
mod sgml;
mod stream;
mod text;
mod walk;
mod warc;
mod wrap;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::article::Article;

pub use decode::{MAX_ARTICLE_BYTES, MAX_FILE_BYTES};
pub use records::{Item, Record, Records, Tally};
pub use walk::{Walk, walk};

/// The formats newsdex reads. Compression is not a format: a `.gz` of any of these is read as the
/// format inside it (see [`FileType`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (`.txt`, `.md`, `.markdown`, `.text`): one article per file.
    Text,
    /// JSON (`.json`): one article object, or an array of them.
    Json,
    /// JSON Lines (`.jsonl`, `.ndjson`): one article object per line.
    JsonLines,
    /// A saved web page (`.html`, `.htm`, `.xhtml`, `.shtml`).
    Html,
    /// Web archive captures (`.warc`; not the older `.arc`): every HTML `response` record.
    Warc,
    /// Reuters-21578 SGML (`.sgm`, `.sgml`): many `<REUTERS>` records per file.
    Sgml,
}

impl Format {
    /// The format's name as users know it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "JSON",
            Format::JsonLines => "JSON Lines",
            Format::Html => "HTML",
            Format::Warc => "WARC",
            Format::Sgml => "SGML",
        }
    }

    /// Returns the format a file name extension (without the dot, any case) stands for, if and only
    /// if newsdex reads it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let format = match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" | "md" | "markdown" => Format::Text,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "warc" => Format::Warc,
            "sgm" | "sgml" => Format::Sgml,
            _ => return None,
        };
        Some(format)
    }

    /// True if and only if one file of this format may hold many articles. Such files are read as
    /// a stream, whatever their size; a single-article file is capped at [`MAX_ARTICLE_BYTES`].
    pub fn holds_many(self) -> bool {
        matches!(
            self,
            Format::Json | Format::JsonLines | Format::Warc | Format::Sgml
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a file is stored: its format and whether it is gzip-compressed (`.warc.gz`, `.jsonl.gz`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileType {
    pub format: Format,
    pub gzip: bool,
}

impl FileType {
    /// Returns the file type named by `path`'s extension (`a.txt`, `a.WARC`, `a.html.gz`), or `None`
    /// when the extension is not one newsdex reads. A `.gz` names the format of the name inside it.
    pub fn from_path(path: &Path) -> Option<FileType> {
        let name = path.file_name()?.to_str()?;
        let (inner, gzip) = match name.rsplit_once('.') {
            Some((stem, ext)) if ext.eq_ignore_ascii_case("gz") => (stem, true),
            _ => (name, false),
        };
        let (_, ext) = inner.rsplit_once('.')?;
        Format::from_extension(ext).map(|format| FileType { format, gzip })
    }

    /// The size limit for a file of this type read whole, once decompressed: one article's for
    /// text and HTML, [`MAX_FILE_BYTES`] for a JSON object; the formats read as a stream have none.
    pub fn max_bytes(self) -> u64 {
        match self.format {
            Format::Text | Format::Html => MAX_ARTICLE_BYTES as u64,
            Format::Json => MAX_FILE_BYTES,
            Format::JsonLines | Format::Warc | Format::Sgml => u64::MAX,
        }
    }
}

/// Something newsdex could not read, or chose not to: a whole file, or one line or record of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, as walked or given.
    pub path: PathBuf,
    /// The 1-based line of a JSON Lines file, when the problem is one line.
    pub line: Option<u64>,
    /// Why, in one line ("empty file", "truncated gzip", "invalid JSON: …").
    pub reason: String,
}

impl Problem {
    /// A problem with the file at `path` as a whole.
    pub fn new(path: &Path, reason: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: None,
            reason: one_line(reason.into()),
        }
    }

    /// A problem with line `line` (1-based) of the file at `path`.
    pub fn at_line(path: &Path, line: u64, reason: impl Into<String>) -> Problem {
        Problem {
            line: Some(line),
            ..Problem::new(path, reason)
        }
    }
}

impl fmt::Display for Problem {
    /// Formats as `path: reason` or `path:line: reason`, on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

/// Folds a message onto one line.
fn one_line(s: String) -> String {
    if s.contains(['\n', '\r']) {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s
    }
}

/// What one file gave: its articles in file order, the problems met on the way, and how many of its
/// records were not articles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileRead {
    pub articles: Vec<Article>,
    /// Broken records, lines or parts (a malformed JSON line, a WARC record cut short, a truncated
    /// gzip after which the rest of the file is lost); each one is reported.
    pub problems: Vec<Problem>,
    /// Records that hold no article by nature and are skipped without a report: WARC request,
    /// metadata and non-HTML records, pages where no article text was found, Reuters records with
    /// neither title nor body.
    pub skipped: u64,
}

/// Reads the file at `path` and returns all its articles. `Err` means the whole file was skipped,
/// with the reason (unreadable, one article over its cap, empty, binary, not an article, unknown
/// type). To go through a big file's articles one at a time, use [`Records`].
pub fn read_file(path: &Path) -> Result<FileRead, Problem> {
    Records::open(path).map(records::collect)
}

/// Returns the bytes of the file at `path` as stored (still compressed if it is), refusing files
/// larger than their type allows (see [`FileType::max_bytes`]) before reading them.
pub fn load(path: &Path) -> Result<Vec<u8>, Problem> {
    let meta =
        std::fs::metadata(path).map_err(|e| Problem::new(path, format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(Problem::new(path, "not a regular file"));
    }
    let file_type = FileType::from_path(path);
    if !is_news_file(path) {
        // Not read at all: a video or an archive of gigabytes costs nothing.
        return Err(unsupported(path));
    }
    let limit = file_type.map_or(MAX_ARTICLE_BYTES as u64, FileType::max_bytes);
    if meta.len() > limit {
        return Err(Problem::new(path, too_large(meta.len(), limit)));
    }
    std::fs::read(path).map_err(|e| Problem::new(path, format!("cannot read: {e}")))
}

/// The problem with a file whose extension names no format newsdex reads.
fn unsupported(path: &Path) -> Problem {
    let ext = path
        .extension()
        .map_or(String::new(), |e| e.to_string_lossy().to_lowercase());
    Problem::new(path, format!("not a news file format (.{ext})"))
}

/// The reason given for a file read whole that is over its size limit, with what to do about it.
fn too_large(size: u64, limit: u64) -> String {
    let advice = if limit >= MAX_FILE_BYTES {
        "write its articles as JSON Lines or as a JSON array, which are read whatever their size"
    } else {
        "this is not one article"
    };
    format!(
        "too large: {} MiB, over the {} MiB limit for this kind of file; {advice}",
        size.div_ceil(1 << 20),
        limit >> 20
    )
}

/// Reads articles from `bytes`, the content of the file at `path` as stored. The format comes from
/// the path's extension; a file without an extension is recognised by its content. Articles get ids
/// from `path` and their record number, so the same file read twice gives the same ids.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<FileRead, Problem> {
    Records::from_bytes(path, bytes).map(records::collect)
}

/// Reads a file that is read whole (one article, or a JSON object or small array): `bytes` as
/// stored, of type `file_type`.
fn read_whole(path: &Path, file_type: FileType, bytes: &[u8]) -> Result<FileRead, Problem> {
    if bytes.is_empty() {
        return Err(Problem::new(path, "empty file"));
    }
    let data: std::borrow::Cow<[u8]> = if file_type.gzip || decode::is_gzip(bytes) {
        match decode::gunzip(bytes, file_type.max_bytes()) {
            Ok(data) => data.into(),
            Err(damage) => return Err(Problem::new(path, damage)),
        }
    } else {
        bytes.into()
    };
    if data.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::new(
            path,
            if data.is_empty() {
                "empty file"
            } else {
                "empty file (only white space)"
            },
        ));
    }
    if let Some(kind) = decode::binary_kind(&data) {
        return Err(Problem::new(path, format!("not text: {kind}")));
    }
    match file_type.format {
        Format::Text => text::read(path, &data).map(single),
        Format::Html => page::read_html(path, &data).map(single),
        Format::Json => json::read_json(path, &data),
        format => Err(Problem::new(
            path,
            format!("{format} files are read as a stream, not whole (a bug: please report it)"),
        )),
    }
}

fn single(article: Article) -> FileRead {
    FileRead {
        articles: vec![article],
        ..FileRead::default()
    }
}

/// Returns true if and only if newsdex reads a file named like `path`: its extension names a
/// format, gzipped or not, or it has none (the first bytes tell).
pub fn is_news_file(path: &Path) -> bool {
    FileType::from_path(path).is_some() || has_no_extension(path)
}

fn has_no_extension(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| !n.trim_start_matches('.').contains('.'))
}

/// Recognises the format of a file that has no extension from its first bytes; `None` if and only
/// if they are binary or not text at all.
fn sniff(bytes: &[u8]) -> Option<FileType> {
    if decode::is_gzip(bytes) {
        let head = decode::gunzip_head(bytes, 4096);
        if decode::is_gzip(&head) {
            return None;
        }
        return sniff(&head).map(|t| FileType { gzip: true, ..t });
    }
    if bytes.starts_with(b"WARC/") {
        // Before the binary check: a WARC may carry images in its first records.
        return Some(FileType {
            format: Format::Warc,
            gzip: false,
        });
    }
    if decode::binary_kind(bytes).is_some() {
        return None;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let lower: String = head
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let format = if lower.starts_with("warc/") {
        Format::Warc
    } else if lower.starts_with("<!doctype lewis") || lower.starts_with("<reuters") {
        Format::Sgml
    } else if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml") && lower.contains("<html")
    {
        Format::Html
    } else if lower.starts_with('[') {
        Format::Json
    } else if lower.starts_with('{') {
        // One object per line if the first line is a whole object and another one follows it.
        let mut lines = head.lines().map(str::trim).filter(|l| !l.is_empty());
        let first_closed = lines.next().is_some_and(|l| l.ends_with('}'));
        if first_closed && lines.next().is_some_and(|l| l.starts_with('{')) {
            Format::JsonLines
        } else {
            Format::Json
        }
    } else {
        Format::Text
    };
    Some(FileType {
        format,
        gzip: false,
    })
}

/// The reason for skipping a file without extension whose content is not recognised.
fn unrecognised(bytes: &[u8]) -> String {
    match decode::binary_kind(bytes) {
        Some(kind) => format!("not text: {kind}"),
        None => {
            "file type not recognised (no extension, and the content is not a news format)".into()
        }
    }
}

/// The file or folder `rel` under `../shared/data` (the research data beside the checkout), or `None`
/// with a message where it is absent, so that tests using it skip cleanly on a fresh clone.
#[cfg(test)]
pub(crate) fn shared_data(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_type(name: &str) -> Option<(Format, bool)> {
        FileType::from_path(Path::new(name)).map(|t| (t.format, t.gzip))
    }

    #[test]
    fn formats_by_extension_including_gzip() {
        assert_eq!(file_type("a/story.txt"), Some((Format::Text, false)));
        assert_eq!(file_type("README.TXT"), Some((Format::Text, false)));
        assert_eq!(file_type("notes.md"), Some((Format::Text, false)));
        assert_eq!(file_type("x.json"), Some((Format::Json, false)));
        assert_eq!(file_type("x.ndjson"), Some((Format::JsonLines, false)));
        assert_eq!(file_type("x.jsonl.gz"), Some((Format::JsonLines, true)));
        assert_eq!(file_type("x.html.gz"), Some((Format::Html, true)));
        assert_eq!(file_type("x.HTM"), Some((Format::Html, false)));
        assert_eq!(file_type("crawl.warc.gz"), Some((Format::Warc, true)));
        assert_eq!(file_type("reut2-000.sgm"), Some((Format::Sgml, false)));
        assert_eq!(file_type("x.gz"), None);
        assert_eq!(file_type("photo.jpg"), None);
        assert_eq!(file_type("lewis.dtd"), None);
        assert_eq!(file_type("noextension"), None);
    }

    #[test]
    fn files_without_extension_are_sniffed() {
        let sniffed = |bytes: &[u8]| sniff(bytes).map(|t| (t.format, t.gzip));
        assert_eq!(
            sniffed(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"),
            Some((Format::Warc, false))
        );
        assert_eq!(
            sniffed(b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS"),
            Some((Format::Sgml, false))
        );
        assert_eq!(
            sniffed(b"\xef\xbb\xbf  <!doctype html><html>"),
            Some((Format::Html, false))
        );
        assert_eq!(
            sniffed(b"{\"title\": \"A\"}\n{\"title\": \"B\"}\n"),
            Some((Format::JsonLines, false))
        );
        assert_eq!(
            sniffed(b"{\n \"title\": \"A\"\n}"),
            Some((Format::Json, false))
        );
        assert_eq!(
            sniffed(b"[{\"title\": \"A\"}]"),
            Some((Format::Json, false))
        );
        assert_eq!(
            sniffed(b"Rubio meets Lavrov\n\nThey met."),
            Some((Format::Text, false))
        );
        assert_eq!(sniffed(b"\x89PNG\r\n\x1a\n"), None);
        let gz = {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(b"WARC/1.0\r\n").unwrap();
            e.finish().unwrap()
        };
        assert_eq!(sniffed(&gz), Some((Format::Warc, true)));
    }

    #[test]
    fn unsupported_files_are_not_read_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let video = dir.path().join("interview.mp4");
        std::fs::File::create(&video)
            .unwrap()
            .set_len(2 << 30)
            .unwrap();
        assert_eq!(
            load(&video).unwrap_err().reason,
            "not a news file format (.mp4)"
        );
    }

    #[test]
    fn problems_print_on_one_line() {
        let p = Problem::at_line(Path::new("a/b.jsonl"), 7, "invalid JSON:\nexpected value");
        assert_eq!(p.to_string(), "a/b.jsonl:7: invalid JSON: expected value");
        assert_eq!(
            Problem::new(Path::new("c.txt"), "empty file").to_string(),
            "c.txt: empty file"
        );
    }

    #[test]
    fn record_formats_keep_their_articles_ids_stable() {
        let bytes = b"{\"title\": \"A\", \"body\": \"a\"}\n{\"title\": \"B\", \"body\": \"b\"}\n";
        let path = Path::new("corpus/x.jsonl");
        let first = read_bytes(path, bytes).unwrap();
        let second = read_bytes(path, bytes).unwrap();
        assert_eq!(first, second);
        assert_eq!(first.articles[1].id, crate::article::article_id(path, 1));
    }
}
