//! HTML pages: extracts the article (headline, body, date, authors, site, canonical url) from a saved
//! news page, leaving navigation, ads, captions, related links and comments behind.
//!
//! STUB: the real extractor lands from the `html` branch; the signature below is the contract.

use crate::article::Date;

/// What a news page says about its article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Headline without the " | Site Name" tail.
    pub headline: Option<String>,
    /// Article text, paragraphs separated by blank lines.
    pub body: String,
    /// Publication date (article:published_time, JSON-LD datePublished, <time>).
    pub date: Option<Date>,
    pub authors: Vec<String>,
    /// The site's name (og:site_name and the like).
    pub site_name: Option<String>,
    /// Canonical url (link rel=canonical, og:url), else `url` as given.
    pub url: Option<String>,
}

/// Extracts the article from an HTML page given as raw bytes (any charset; the page's declared
/// charset, a BOM, or detection decides). `url` is where the page was fetched from, when known.
pub fn extract(bytes: &[u8], url: Option<&str>) -> Page {
    let _ = (bytes, url);
    Page::default()
}
