//! HTML pages: extracts the article (headline, body, date, authors, site, canonical url) from a saved
//! news page, leaving navigation, ads, captions, related links and comments behind.
//!
//! The bytes are decoded ([`charset`]), parsed by html5ever (through `scraper`), flattened into
//! elements and text blocks ([`dom`]); the body is chosen from those ([`body`]) and the rest is read
//! from the page's metadata: meta tags, JSON-LD and microdata ([`meta`]).

mod body;
mod charset;
mod date;
mod dom;
mod meta;
mod nesting;

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
/// Never panics; a page with no article gives an empty body.
pub fn extract(bytes: &[u8], url: Option<&str>) -> Page {
    let text = charset::decode(bytes, url);
    let html = scraper::Html::parse_document(&nesting::limit(&text, nesting::MAX_DEPTH));
    let meta = meta::read(&html, url);
    let dom = dom::flatten(&html);
    let body = body::article_text(&dom, meta.headline.as_deref());
    Page { body, ..meta }
}
