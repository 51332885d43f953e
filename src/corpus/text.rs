//! Plain-text articles (`.txt`, `.md`): one article per file. The first line is the headline only
//! when it looks like one; publisher boilerplate at the end is cut; files that are not prose (word
//! lists, data dumps) or that document the archive (README, LICENSE, SOURCE.txt) are not articles.

use std::path::Path;

use super::{FileType, Format, Problem, boilerplate, byline, date, decode, references, wrap};
use crate::article::Article;

/// Longest first line, in characters, that can be a headline.
const MAX_HEADLINE_CHARS: usize = 150;

/// Reads the plain-text article stored in `bytes`.
pub(crate) fn read(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    if let Some(name) = documentation(path) {
        return Err(Problem::new(
            path,
            format!("describes the archive ({name}), not an article"),
        ));
    }
    // Text saved from web pages keeps their character references ("Bryn F&#244;n").
    let text = normalise(&references::decode(&decode::text(bytes)));
    let mut article = Article::new(path, 0);
    let text = front_matter(&text, &mut article);
    let (headline, body) = split_headline(text);
    if article.headline.is_none() {
        article.headline = headline.map(str::to_string);
    }
    let body = paragraphs(boilerplate::trim_trailing(body));
    if body.is_empty() && article.headline.is_none() {
        return Err(Problem::new(path, "empty file (no text)"));
    }
    if let Err(reason) = prose(&body) {
        return Err(Problem::new(path, reason));
    }
    article.body = body;
    Ok(article)
}

/// File names (before the first dot, any case) of the text files that describe an archive rather
/// than report news.
const DOCUMENTATION: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "attribution",
    "source",
    "changelog",
    "changes",
    "notice",
    "authors",
    "contributing",
];

/// Returns the name (README, SOURCE, …) if and only if the file at `path` is a text file (or has no
/// extension) that documents the archive rather than reports news: `README.TXT`, `SOURCE.txt`,
/// `ATTRIBUTION.md`, `LICENSE`.
pub(crate) fn documentation(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
    let text =
        ext.is_empty() || FileType::from_path(path).is_some_and(|t| t.format == Format::Text);
    (text && DOCUMENTATION.iter().any(|d| stem.eq_ignore_ascii_case(d))).then_some(stem)
}

/// Line ends as `\n`, no trailing spaces, no BOM, no NUL or other control characters except tabs.
fn normalise(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = line.trim_end();
        out.extend(line.chars().filter(|&c| c == '\t' || !c.is_control()));
        out.push('\n');
    }
    out
}

/// Reads a Markdown front-matter block (`---` … `---` of `key: value` lines) into `article` and
/// returns the text after it; returns `text` unchanged when it has none.
fn front_matter<'t>(text: &'t str, article: &mut Article) -> &'t str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    let Some(end) = rest
        .find("\n---\n")
        .map(|i| i + 1)
        .or_else(|| rest.starts_with("---\n").then_some(0))
    else {
        return text;
    };
    let mut in_authors = false;
    for line in rest[..end].lines() {
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            if in_authors {
                byline::add_names(unquote(item), &mut article.authors);
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim());
        in_authors = value.is_empty() && matches!(key.as_str(), "author" | "authors");
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "title" | "headline" => article.headline = Some(value.to_string()),
            "date" | "published" | "publish_date" | "pubdate" => article.date = date::parse(value),
            "author" | "authors" | "byline" => byline::add_names(value, &mut article.authors),
            "source" | "publisher" | "site_name" => article.source = Some(value.to_string()),
            "url" | "link" | "canonical_url" => article.url = Some(value.to_string()),
            _ => {}
        }
    }
    &rest[end + 4..]
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// Splits off the first line as the headline if and only if it looks like one: a Markdown `# `
/// heading, or a line of at most 150 characters that does not end a sentence (no final period,
/// comma, colon or semicolon; an ellipsis is fine) and has text after it.
fn split_headline(text: &str) -> (Option<&str>, &str) {
    let text = text.trim_start_matches(['\n', ' ', '\t']);
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim();
    if rest.trim().is_empty() {
        return (None, text);
    }
    if let Some(heading) = first.strip_prefix("# ") {
        return (Some(heading.trim()), rest);
    }
    let bare = first.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    let ends_sentence =
        bare.ends_with(['.', ',', ';', ':']) && !bare.ends_with("...") || bare.is_empty();
    let looks_like_headline = first.chars().count() <= MAX_HEADLINE_CHARS
        && !ends_sentence
        && !boilerplate::is_boilerplate(first);
    if looks_like_headline {
        (Some(first.trim_start_matches('#').trim()), rest)
    } else {
        (None, text)
    }
}

/// The body with paragraphs separated by one blank line. A text with no blank lines at all has one
/// paragraph per line (the seed article); otherwise blank lines mark paragraphs, and the lines of a
/// paragraph that wrap prose are joined ([`wrap::continues`]).
fn paragraphs(body: &str) -> String {
    let body = body.trim_matches('\n');
    let one_per_line = !body.contains("\n\n");
    let mut out = String::with_capacity(body.len() + 64);
    let mut blank = false;
    let mut previous = "";
    for line in body.lines() {
        if line.trim().is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if one_per_line || blank {
                "\n\n"
            } else if wrap::continues(previous, line) {
                " "
            } else {
                "\n"
            });
        }
        out.push_str(line);
        blank = false;
        previous = line;
    }
    out
}

/// `Ok` if and only if `body` reads as prose: mostly letters, and at least one sentence end per 100
/// words. Word lists, tables of figures, code and data dumps fail, with the reason.
fn prose(body: &str) -> Result<(), String> {
    let (mut chars, mut letters) = (0usize, 0usize);
    for c in body.chars().filter(|c| !c.is_whitespace()) {
        chars += 1;
        letters += usize::from(c.is_alphabetic());
    }
    if chars >= 20 && letters * 4 < chars * 3 {
        return Err(format!(
            "not prose: only {}% letters (a table or data, not an article)",
            letters * 100 / chars
        ));
    }
    let words = body.split_whitespace().count();
    let sentences =
        body.char_indices()
            .filter(|&(i, c)| {
                matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '।')
                    && body[i + c.len_utf8()..].chars().next().is_none_or(|n| {
                        n.is_whitespace() || matches!(n, '"' | '\'' | '”' | '’' | ')')
                    })
            })
            .count();
    if words >= 20 && sentences * 100 < words {
        return Err(format!(
            "not prose: {sentences} sentence ends in {words} words (a list, not an article)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::shared_data;

    fn read_str(text: &str) -> Result<Article, Problem> {
        read(Path::new("t.txt"), text.as_bytes())
    }

    #[test]
    fn seed_article_has_no_headline_and_no_footer() {
        let Some(path) = shared_data("seed/kuala-lumpur-ukraine-diplomacy.txt") else {
            return;
        };
        let bytes = std::fs::read(&path).unwrap();
        let a = read(&path, &bytes).unwrap();
        assert_eq!(a.headline, None);
        assert!(
            a.body
                .starts_with("Kuala Lumpur, Malaysia – In a significant and rare instance")
        );
        assert!(
            a.body.ends_with("a just and lasting peace."),
            "{}",
            &a.body[a.body.len() - 80..]
        );
        assert!(!a.body.contains("Discover more") && !a.body.contains("Subscribe to get"));
        // Section headings stay in the body as their own paragraphs.
        assert!(
            a.body
                .contains("\n\nThe Path Forward for Ukraine Diplomacy\n\n")
        );
        assert!(
            a.title()
                .starts_with("Kuala Lumpur, Malaysia – In a significant")
        );
    }

    #[test]
    fn bbc_first_line_is_the_headline() {
        let Some(path) = shared_data("bbc/business/001.txt") else {
            return;
        };
        let a = read(&path, &std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(
            a.headline.as_deref(),
            Some("Ad sales boost Time Warner profit")
        );
        assert!(
            a.body
                .starts_with("Quarterly profits at US media giant TimeWarner jumped 76%")
        );
        assert!(
            a.body
                .contains("\n\nThe firm, which is now one of the biggest investors in Google")
        );
    }

    #[test]
    fn bbc_latin1_pound_sign_is_kept() {
        let Some(path) = shared_data("bbc/sport/199.txt") else {
            return;
        };
        let a = read(&path, &std::fs::read(&path).unwrap()).unwrap();
        assert!(a.body.contains('£'), "the 0xA3 byte must read as £");
        assert!(!a.body.contains('\u{fffd}'));
    }

    /// BBC text saved from the web keeps a character reference in a Welsh singer's name; read as
    /// written, the recogniser found "Bryn F" and missed "Fôn" alone.
    #[test]
    fn character_references_are_decoded() {
        let Some(path) = shared_data("bbc/politics/177.txt") else {
            return;
        };
        let a = read(&path, &std::fs::read(&path).unwrap()).unwrap();
        assert!(a.body.contains("Welsh singer Bryn Fôn when"), "{}", a.body);
        assert!(!a.body.contains("&#"));
    }

    #[test]
    fn headline_only_when_it_looks_like_one() {
        let a = read_str("Rubio meets Lavrov\n\nThe two men met in Kuala Lumpur.\n").unwrap();
        assert_eq!(a.headline.as_deref(), Some("Rubio meets Lavrov"));
        assert_eq!(a.body, "The two men met in Kuala Lumpur.");
        // A first line that ends a sentence is body.
        let a = read_str("The two men met.\nThey talked.\n").unwrap();
        assert_eq!(
            (a.headline, a.body.as_str()),
            (None, "The two men met.\n\nThey talked.")
        );
        // An ellipsis is not a final period (bbc: "Rivals of the £400 Apple...").
        let a = read_str("Rivals of the £400 Apple...\n\nThe iPod has many rivals.").unwrap();
        assert_eq!(a.headline.as_deref(), Some("Rivals of the £400 Apple..."));
        // A single line is body, never a headline with nothing under it.
        let a = read_str("Markets rose on Monday").unwrap();
        assert_eq!(
            (a.headline, a.body.as_str()),
            (None, "Markets rose on Monday")
        );
    }

    #[test]
    fn markdown_heading_and_front_matter() {
        let md = "---\ntitle: \"Rubio meets Lavrov\"\ndate: 2025-07-11\nauthors:\n  - Ann Lee\n  - Bo Chen\nurl: https://example.org/a\n---\n\nThe two men met.\n";
        let a = read(Path::new("a.md"), md.as_bytes()).unwrap();
        assert_eq!(a.headline.as_deref(), Some("Rubio meets Lavrov"));
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025-07-11"));
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.body, "The two men met.");
        let a = read(
            Path::new("b.md"),
            b"# Rubio meets Lavrov\n\nThe two men met.",
        )
        .unwrap();
        assert_eq!(a.headline.as_deref(), Some("Rubio meets Lavrov"));
    }

    #[test]
    fn files_that_are_not_articles_are_skipped_with_a_reason() {
        assert!(
            read(
                Path::new("x/README.TXT"),
                b"This dataset has 2225 articles."
            )
            .unwrap_err()
            .reason
            .contains("describes the archive")
        );
        assert!(read(Path::new("x/SOURCE.txt"), b"Corpus: BBC.").is_err());
        let words: String = ["amex", "ase", "asx", "biffex", "bse", "cboe"]
            .repeat(5)
            .join("\n");
        assert!(read_str(&words).unwrap_err().reason.contains("not prose"));
        let data = "bgfact(\"Afghanistan\",\"Population\",[\"16903400\"]).\n".repeat(20);
        assert!(read_str(&data).unwrap_err().reason.contains("letters"));
        assert_eq!(
            read_str("\n\n  \n").unwrap_err().reason,
            "empty file (no text)"
        );
    }

    #[test]
    fn reuters_sidecar_files_are_not_articles() {
        let Some(dir) = shared_data("reuters21578") else {
            return;
        };
        for name in [
            "all-people-strings.lc.txt",
            "all-exchanges-strings.lc.txt",
            "cat-descriptions_120396.txt",
            "feldman-cia-worldfactbook-data.txt",
            "README.txt",
        ] {
            let path = dir.join(name);
            assert!(
                read(&path, &std::fs::read(&path).unwrap()).is_err(),
                "{name} must not be an article"
            );
        }
    }
}
