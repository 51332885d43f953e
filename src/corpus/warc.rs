//! Web archives (`.warc`, `.warc.gz`): every `response` record whose HTTP payload is an HTML page
//! becomes an article through the HTML extractor. Request, metadata, warcinfo and resource records,
//! redirects, errors, non-HTML payloads, pages without article text and sites' front pages (a crawl
//! captures them; they list many stories and are none) are skipped and counted.
//!
//! Records are framed by [`crate::corpus::Records`] (a stream, whatever the file's size) with the
//! header parsing here, hand-written rather than the `warc` crate: it tolerates LF line endings where
//! the standard says CRLF (`bbc.warc` has them), a `Content-Length` that disagrees with the record
//! (it finds the next `WARC/` line), and a record cut short at the end of the file (reported, the
//! records before it kept). HTTP chunked transfer encoding and gzip/deflate content encoding are undone; a
//! charset declared in the HTTP header is passed on to the extractor.
//!
//! Article url = `WARC-Target-URI`; date = the page's, else `WARC-Date`; record number = position of
//! the record in the file.

use std::io::Read;
use std::path::Path;

use super::{MAX_ARTICLE_BYTES, date, html, page};

/// Longest WARC header block read before giving up on a record.
pub(crate) const MAX_HEADER_BYTES: usize = 64 * 1024;

/// The article in a WARC `response` record, record `number` of the file at `path`, given its
/// header fields and its block; `None` when it holds no article page.
pub(crate) fn record_article(
    path: &Path,
    number: u64,
    headers: &[(String, String)],
    block: &[u8],
) -> Option<crate::Article> {
    html_payload(block).and_then(|payload| response_article(path, number, headers, &payload))
}

fn response_article(
    path: &Path,
    record: u64,
    headers: &[(String, String)],
    payload: &[u8],
) -> Option<crate::Article> {
    let uri = field(headers, "WARC-Target-URI").map(|u| u.trim().trim_matches(['<', '>']));
    let warc_date = field(headers, "WARC-Date").and_then(date::parse);
    if uri.is_some_and(page::is_front_page) {
        return None;
    }
    let page = html::extract(payload, uri);
    page::from_page(path, record, page, uri, warc_date)
}

/// Returns the position after any CR and LF bytes at `pos`.
pub(crate) fn skip_blank_lines(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && matches!(bytes[pos], b'\r' | b'\n') {
        pos += 1;
    }
    pos
}

/// True if and only if a WARC record (after blank lines) or the end of the data is at `pos`.
pub(crate) fn starts_record(bytes: &[u8], pos: usize) -> bool {
    let p = skip_blank_lines(bytes, pos);
    p == bytes.len() || bytes[p..].starts_with(b"WARC/")
}

/// The start of the first line at or after `from` that begins with `WARC/1.` or `WARC/0.`.
pub(crate) fn next_record(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find_iter(&bytes[from..], b"\nWARC/")
        .map(|i| from + i + 1)
        .find(|&p| bytes[p + 5..].first().is_some_and(u8::is_ascii_digit))
}

/// Parses the header lines starting at `pos` (a version line, then `Name: value` lines, then a blank
/// line, with LF or CRLF endings; indented lines continue the previous value). Returns the fields
/// and the position just after the blank line.
pub(crate) fn header_block(bytes: &[u8], pos: usize) -> Option<(Vec<(String, String)>, usize)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut p = pos;
    let mut first = true;
    loop {
        if p - pos > MAX_HEADER_BYTES {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[p..]).map(|i| p + i)?;
        let line = String::from_utf8_lossy(&bytes[p..end]);
        let line = line.trim_end_matches('\r');
        p = end + 1;
        if line.is_empty() {
            return Some((fields, p));
        }
        if first {
            first = false;
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = fields.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
}

pub(crate) fn field<'h>(fields: &'h [(String, String)], name: &str) -> Option<&'h str> {
    fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The HTML page in a `response` record's block (an HTTP response), undoing chunked transfer and
/// gzip/deflate content encoding. `None` unless the status is 2xx and the payload is a non-empty
/// HTML page. A charset named in the HTTP header is made binding by decoding to UTF-8 behind a BOM.
fn html_payload(block: &[u8]) -> Option<Vec<u8>> {
    let (status_line, rest) = split_line(block)?;
    let status_line = String::from_utf8_lossy(status_line);
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status: u16 = status_line.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let mut headers = Vec::new();
    let mut rest = rest;
    loop {
        let (line, after) = split_line(rest).unwrap_or((rest, &[]));
        rest = after;
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = String::from_utf8_lossy(line).split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
        if rest.is_empty() {
            break;
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let content_type = header("content-type");
    let mut body = rest.to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body);
    }
    match header("content-encoding").as_deref().map(str::trim) {
        Some("gzip" | "x-gzip") => body = inflate(flate2::read::MultiGzDecoder::new(&body[..]))?,
        Some("deflate") => {
            body = inflate(flate2::read::ZlibDecoder::new(&body[..]))
                .or_else(|| inflate(flate2::read::DeflateDecoder::new(&body[..])))?
        }
        Some("" | "identity") | None => {}
        Some(_) => return None,
    }
    let is_html = match &content_type {
        Some(t) => t.contains("html"),
        None => {
            let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
            head.contains("<html") || head.contains("<!doctype html")
        }
    };
    if !is_html || body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let charset = content_type
        .as_deref()
        .and_then(|t| t.split(';').find_map(|p| p.trim().strip_prefix("charset=")));
    match charset.and_then(|c| encoding_rs::Encoding::for_label(c.trim_matches('"').as_bytes())) {
        Some(encoding) => {
            let (text, _, _) = encoding.decode(&body);
            let mut utf8 = "\u{feff}".as_bytes().to_vec();
            utf8.extend_from_slice(text.as_bytes());
            Some(utf8)
        }
        None => Some(body),
    }
}

/// Splits off the first line (without its CRLF or LF); `None` if there is no line end.
fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = memchr::memchr(b'\n', bytes)?;
    let line = &bytes[..end];
    Some((line.strip_suffix(b"\r").unwrap_or(line), &bytes[end + 1..]))
}

/// Undoes HTTP chunked transfer encoding; a malformed or cut-short stream keeps what was read, and a
/// body that is not chunked at all (a crawler that already undid it) is returned as is.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while let Some((line, after)) = split_line(rest) {
        let size_hex = String::from_utf8_lossy(line);
        let size_hex = size_hex.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            return if out.is_empty() { body.to_vec() } else { out };
        };
        if size == 0 {
            break;
        }
        let take = size.min(after.len());
        out.extend_from_slice(&after[..take]);
        rest = &after[take..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if take < size {
            break;
        }
    }
    out
}

/// Decompresses a content-encoded payload, up to one article's size; `None` if it is damaged.
fn inflate(decoder: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    decoder
        .take(MAX_ARTICLE_BYTES as u64)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::records::read_records;
    use crate::corpus::shared_data;

    /// The HTML payloads the reader would hand to the extractor, with their target URIs.
    fn pages(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut pos = skip_blank_lines(bytes, 0);
        while let Some((headers, start)) = header_block(bytes, pos) {
            let len: usize = field(&headers, "Content-Length").unwrap().parse().unwrap();
            let end = (start + len).min(bytes.len());
            if field(&headers, "WARC-Type") == Some("response")
                && let Some(p) = html_payload(&bytes[start..end])
            {
                out.push((field(&headers, "WARC-Target-URI").unwrap().to_string(), p));
            }
            pos = skip_blank_lines(bytes, end);
            if pos >= bytes.len() {
                break;
            }
        }
        out
    }

    #[test]
    fn bbc_warc_with_lf_line_endings_has_one_page() {
        let Some(path) = shared_data("warc/bbc.warc") else {
            return;
        };
        let bytes = std::fs::read(&path).unwrap();
        let read = read_records(&path, &bytes);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.articles.len() as u64 + read.skipped, 1);
        let pages = pages(&bytes);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].0, "http://news.bbc.co.uk/2/hi/africa/3414345.stm");
        let html = String::from_utf8_lossy(&pages[0].1);
        assert!(
            html.starts_with("<!doctype html") && html.contains("Namibia braces for Nujoma exit")
        );
        // With a real extractor (the `html` branch) this is the one article.
        for a in &read.articles {
            assert_eq!(
                a.url.as_deref(),
                Some("http://news.bbc.co.uk/2/hi/africa/3414345.stm")
            );
            assert!(a.date.is_some());
        }
    }

    #[test]
    fn plethora_warc_skips_every_non_response_record() {
        let Some(path) = shared_data("warc/plethora.warc") else {
            return;
        };
        let bytes = std::fs::read(&path).unwrap();
        let read = read_records(&path, &bytes);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        // Not news: the only HTML page is the wiki's front page.
        assert_eq!((read.articles.len(), read.skipped), (0, 8));
        // Only the wiki's main page (chunked) is HTML; the 301 redirect and the rest are not.
        let pages = pages(&bytes);
        assert_eq!(pages.len(), 1);
        assert_eq!(
            pages[0].0,
            "http://www.archiveteam.org/index.php?title=Main_Page"
        );
        // Declared UTF-8, so the extractor gets UTF-8 behind a BOM.
        let html = String::from_utf8_lossy(&pages[0].1);
        assert!(
            html.starts_with("\u{feff}<!DOCTYPE html>") && html.trim_end().ends_with("</html>"),
            "chunked encoding undone"
        );
    }

    fn record(kind: &str, uri: &str, block: &str, eol: &str) -> String {
        let head = format!(
            "WARC/1.0{eol}WARC-Type: {kind}{eol}WARC-Target-URI: {uri}{eol}WARC-Date: 2014-08-02T09:52:13Z{eol}Content-Length: {}{eol}{eol}",
            block.len()
        );
        format!("{head}{block}{eol}{eol}")
    }

    #[test]
    fn chunked_gzip_and_charset_payloads() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"<html><p>Hello</p></html>").unwrap();
        let gz = gz.finish().unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(&gz);
        assert_eq!(html_payload(&block).unwrap(), b"<html><p>Hello</p></html>");
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n6\r\n<html>\r\n7\r\n</html>\r\n0\r\n\r\n";
        assert_eq!(html_payload(chunked).unwrap(), b"<html></html>");
        let latin1 = b"HTTP/1.0 200 OK\nContent-Type: text/html; charset=ISO-8859-1\n\n<p>\xa3</p>";
        assert_eq!(
            String::from_utf8(html_payload(latin1).unwrap()).unwrap(),
            "\u{feff}<p>£</p>"
        );
        assert!(
            html_payload(
                b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>gone</html>"
            )
            .is_none()
        );
        assert!(
            html_payload(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG").is_none()
        );
    }

    #[test]
    fn records_are_found_with_crlf_lf_and_wrong_lengths() {
        let page =
            "HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html><body><p>Story</p></body></html>";
        for eol in ["\r\n", "\n"] {
            let warc = format!(
                "{}{}{}",
                record("warcinfo", "", "software: x", eol),
                record("response", "http://a/1", page, eol),
                record("request", "http://a/1", "GET / HTTP/1.1", eol)
            );
            let read = read_records(Path::new("x.warc"), warc.as_bytes());
            assert!(read.problems.is_empty(), "{:?}", read.problems);
            assert_eq!(read.articles.len() as u64 + read.skipped, 3);
        }
        // A Content-Length too long by 10 bytes: the next record is still found, with a report.
        let bad = record("response", "http://a/1", page, "\r\n").replace(
            &format!("Content-Length: {}", page.len()),
            &format!("Content-Length: {}", page.len() + 10),
        );
        let warc = format!(
            "{bad}{}",
            record("request", "http://a/2", "GET / HTTP/1.1", "\r\n")
        );
        let read = read_records(Path::new("x.warc"), warc.as_bytes());
        assert_eq!(read.articles.len() as u64 + read.skipped, 2);
        assert_eq!(read.problems.len(), 1);
        // Cut short at the end of the file: the records before are kept.
        let whole = format!(
            "{}{}",
            record("request", "http://a/1", "GET", "\r\n"),
            record("response", "http://a/2", page, "\r\n")
        );
        let read = read_records(Path::new("x.warc"), &whole.as_bytes()[..whole.len() - 30]);
        assert_eq!(read.skipped, 1);
        assert!(
            read.problems[0].reason.contains("cut short"),
            "{:?}",
            read.problems
        );
        assert!(
            read_records(Path::new("x.warc"), b"not a warc").problems[0]
                .reason
                .contains("not a WARC")
        );
    }
}
