//! Reuters-21578 SGML (`.sgm`): many `<REUTERS>` records per file, not valid XML, with numeric
//! control-character entities (`&#3;`) and ALL-CAPS headlines. The `<PEOPLE>`, `<TOPICS>` and other
//! category tags are gold labels for research and are not read.
//!
//! Each `<REUTERS>` record becomes one article, record number = its position in the file:
//! - a normal record: headline from `<TITLE>` (kept as published, capitals and all), body from
//!   `<DATELINE>` + `<BODY>`, with the "Reuter" sign-off and `&#3;` removed and the wire's
//!   hard-wrapped lines joined into paragraphs; byline from `<AUTHOR>`;
//! - `TYPE="BRIEF"` (1,798 records): headline only; its "Blah blah blah." placeholder is not body;
//! - `TYPE="UNPROC"` (737 records, tables without a `<TITLE>`): no headline, the whole text as body,
//!   lines kept but for the few that wrap prose (the display title is then its first line, e.g.
//!   "FEDERAL RESERVE WEEKLY REPORT");
//! - a record with neither title nor body is skipped and counted in
//!   [`FileRead::skipped`](super::FileRead::skipped).
//!
//! Date from `<DATE>` (`26-FEB-1987 15:01:01.79`), source "Reuters".

use std::path::Path;

use super::references::decode as entities;
use super::{byline, date, decode, wrap};
use crate::article::Article;

/// The article of one `<REUTERS …>` record (`bytes`, from its open tag to before its end tag),
/// record `number` of the file at `path`; `None` when it has neither title nor body.
pub(crate) fn record_article(path: &Path, number: u64, bytes: &[u8]) -> Option<Article> {
    article(path, number, &decode::text(bytes))
}

/// Byte offset of the next `<NAME` open tag (followed by `>` or white space) in `s`.
fn find_open(s: &str, name: &str) -> Option<usize> {
    let pat = format!("<{name}");
    let mut from = 0;
    while let Some(i) = s[from..].find(&pat) {
        let at = from + i;
        match s[at + pat.len()..].chars().next() {
            Some(c) if c == '>' || c.is_whitespace() => return Some(at),
            _ => from = at + pat.len(),
        }
    }
    None
}

/// The open tag's attributes and the content of the first `<NAME …>…</NAME>` element in `s`.
fn element<'s>(s: &'s str, name: &str) -> Option<(&'s str, &'s str)> {
    let start = find_open(s, name)?;
    let open_end = start + s[start..].find('>')?;
    let attrs = &s[start + name.len() + 1..open_end];
    let close = format!("</{name}>");
    let content = &s[open_end + 1..];
    let end = content.find(&close).unwrap_or(content.len());
    Some((attrs, &content[..end]))
}

fn article(path: &Path, record: u64, rec: &str) -> Option<Article> {
    let mut a = Article::new(path, record);
    a.source = Some("Reuters".into());
    a.date = element(rec, "DATE").and_then(|(_, d)| {
        // "26-FEB-1987 15:01:01.79", sometimes followed by stray wire codes, once with a garbled
        // time ("605:12:19.12"): then the day alone.
        let d = entities(d);
        let mut parts = d.split_whitespace();
        let (day, time) = (parts.next()?, parts.next().unwrap_or(""));
        date::parse(&format!("{day} {time}")).or_else(|| date::parse(day))
    });
    let (attrs, text) = element(rec, "TEXT").unwrap_or(("", ""));
    let kind = attrs
        .split_once("TYPE=")
        .map(|(_, v)| v.trim_matches(|c: char| c == '"' || c.is_whitespace()));
    a.headline = element(text, "TITLE")
        .map(|(_, t)| entities(t).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    if let Some((_, author)) = element(text, "AUTHOR") {
        a.authors = byline::names(&entities(author));
    }
    a.body = match kind {
        Some("BRIEF") => String::new(),
        Some("UNPROC") => table(&entities(text)),
        _ => {
            let dateline = element(text, "DATELINE")
                .map(|(_, d)| entities(d))
                .unwrap_or_default();
            let body = element(text, "BODY")
                .map(|(_, b)| entities(b))
                .unwrap_or_default();
            let dateline = dateline.split_whitespace().collect::<Vec<_>>().join(" ");
            wire_body(&dateline, &body)
        }
    };
    (a.headline.is_some() || !a.body.is_empty()).then_some(a)
}

/// Lines of a wire text with the sign-off ("Reuter", "REUTER...", "More") removed from the end.
fn without_sign_off(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    loop {
        match lines
            .last()
            .map(|l| l.trim().trim_end_matches('.').to_ascii_lowercase())
        {
            Some(l)
                if l.is_empty()
                    || matches!(l.as_str(), "reuter" | "reuters" | "reute" | "more") =>
            {
                lines.pop();
            }
            _ => break,
        }
    }
    // "… of an ounce. REUTER" on the story's last line.
    if let Some(last) = lines.last_mut() {
        let trimmed = last.trim_end_matches('.');
        for sign in [" REUTER", " Reuter", " reuter"] {
            if let Some(kept) = trimmed
                .strip_suffix(sign)
                .filter(|k| k.ends_with(['.', '"', ')']))
            {
                *last = kept;
            }
        }
    }
    lines
}

/// The body of a wire story: the dateline ("SALVADOR, Feb 26 -") leads the first paragraph as the
/// wire prints it; an indented line starts a paragraph; other lines continue the one before.
fn wire_body(dateline: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + dateline.len() + 2);
    out.push_str(dateline);
    for line in without_sign_off(body) {
        let starts_paragraph = line.starts_with([' ', '\t']);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if starts_paragraph { "\n\n" } else { " " });
        }
        out.push_str(line);
    }
    out.trim().to_string()
}

/// An unprocessed record (mostly tables): its lines as they are, without the sign-off, except
/// the wire's wrapped prose, joined ([`wrap::continues`]).
fn table(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<&str> = None;
    for line in without_sign_off(text) {
        if let Some(before) = previous {
            out.push(if wrap::continues(before, line) {
                ' '
            } else {
                '\n'
            });
        }
        out.push_str(line);
        previous = Some(line);
    }
    out.trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Date;
    use crate::corpus::records::read_records;
    use crate::corpus::shared_data;

    #[test]
    fn first_reuters_record() {
        let Some(path) = shared_data("reuters21578/reut2-000.sgm") else {
            return;
        };
        let read = read_records(&path, &std::fs::read(&path).unwrap());
        assert_eq!(
            (read.articles.len(), read.skipped, read.problems.len()),
            (1000, 0, 0)
        );
        let a = &read.articles[0];
        assert_eq!(a.headline.as_deref(), Some("BAHIA COCOA REVIEW"));
        assert_eq!(
            a.date,
            Date::ymd(1987, 2, 26).and_then(|d| d.with_time(15, 1, 1))
        );
        assert!(a.body.starts_with("SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, alleviating"), "{}", &a.body[..120]);
        assert!(
            a.body
                .contains("\n\nThe dry period means the temporao will be late this year.")
        );
        assert!(
            !a.body.contains("Reuter")
                && !a.body.contains("&#")
                && !a.body.chars().any(|c| c.is_control() && c != '\n')
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
    }

    #[test]
    fn brief_and_unproc_records() {
        let Some(path) = shared_data("reuters21578/reut2-000.sgm") else {
            return;
        };
        let read = read_records(&path, &std::fs::read(&path).unwrap());
        let brief = read
            .articles
            .iter()
            .find(|a| {
                a.headline.as_deref()
                    == Some(
                        "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK",
                    )
            })
            .unwrap();
        assert_eq!(brief.body, "");
        let unproc = read
            .articles
            .iter()
            .find(|a| {
                a.body
                    .starts_with("FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26")
            })
            .unwrap();
        assert_eq!(unproc.headline, None);
        assert_eq!(unproc.title(), "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26");
    }

    /// An unprocessed record of prose (reut2-001.sgm): the wire's wrap cut "Crocker National" from
    /// its "Corp"; the lines are joined, and the headline line in capitals stays the title.
    #[test]
    fn wrapped_prose_of_an_unprocessed_record_is_joined() {
        let Some(path) = shared_data("reuters21578/reut2-001.sgm") else {
            return;
        };
        let read = read_records(&path, &std::fs::read(&path).unwrap());
        let midland = read
            .articles
            .iter()
            .find(|a| a.body.starts_with("MIDLAND RIGHTS ISSUE STILL EXPECTED"))
            .unwrap();
        assert_eq!(
            midland.title(),
            "MIDLAND RIGHTS ISSUE STILL EXPECTED SAY ANALYSTS LONDON, March"
        );
        assert!(
            midland
                .body
                .contains("results included Crocker National Corp for the first five months"),
            "{}",
            midland.body
        );
    }

    #[test]
    fn latin1_byte_in_reut2_017_is_kept() {
        let Some(path) = shared_data("reuters21578/reut2-017.sgm") else {
            return;
        };
        let read = read_records(&path, &std::fs::read(&path).unwrap());
        assert_eq!(read.articles.len(), 1000);
        assert!(read.articles.iter().any(|a| a.body.contains("growth.ü")));
    }

    #[test]
    fn entities_control_characters_and_sign_off() {
        let sgm = "<REUTERS NEWID=\"1\"><DATE> 5-APR-1987 601:53:30.00&#5;&#5;F</DATE><PEOPLE><D>reagan</D></PEOPLE>\n<TEXT>&#2;\n<TITLE>U.S. &lt;GM&gt; &amp; FORD</TITLE>\n<AUTHOR>    By Peter Torday, Reuters</AUTHOR>\n<DATELINE>    DETROIT, April 5 - </DATELINE><BODY>General Motors said\nit would cut output.\n    Ford said it would not. REUTER\n&#3;</BODY></TEXT>\n</REUTERS>\n<REUTERS NEWID=\"2\"><TEXT>&#2;</TEXT></REUTERS>";
        let read = read_records(Path::new("x.sgm"), sgm.as_bytes());
        assert_eq!((read.articles.len(), read.skipped), (1, 1));
        let a = &read.articles[0];
        assert_eq!(a.headline.as_deref(), Some("U.S. <GM> & FORD"));
        assert_eq!(
            a.body,
            "DETROIT, April 5 - General Motors said it would cut output.\n\nFord said it would not."
        );
        assert_eq!(a.authors, ["Peter Torday"]);
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("1987-04-05"));
        // The gold <PEOPLE> tag is not read.
        assert!(!a.body.contains("reagan") && !a.authors.iter().any(|n| n.contains("reagan")));
    }

    #[test]
    fn a_record_cut_short_is_reported() {
        let read = read_records(
            Path::new("x.sgm"),
            b"<REUTERS><TEXT><TITLE>A</TITLE></TEXT></REUTERS>\n<REUTERS><TEXT><TITLE>B</TI",
        );
        assert_eq!(read.articles.len(), 1);
        assert_eq!(read.problems.len(), 1);
    }
}
