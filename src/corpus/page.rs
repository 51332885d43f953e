//! Web pages, saved as files or captured in a WARC, become articles through the HTML extractor
//! ([`super::html::extract`]); this file turns what it finds into an [`Article`].

use std::path::Path;

use super::html::{self, Page};
use super::{Problem, boilerplate};
use crate::article::{Article, Date};

/// Reads a saved web page (`.html`, `.htm`, `.html.gz`): one article, or a skip when the extractor
/// finds no article text in it.
pub(crate) fn read_html(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    let page = html::extract(bytes, None);
    from_page(path, 0, page, None, None)
        .ok_or_else(|| Problem::new(path, "no article text found in the page"))
}

/// The article on an extracted `page`, record `record` of the file at `path`. `url` (where the page
/// was fetched from) replaces the page's own url when given; `fallback_date` is used when the page
/// states no date. Returns `None` if and only if the page has no article body.
pub(crate) fn from_page(
    path: &Path,
    record: u64,
    page: Page,
    url: Option<&str>,
    fallback_date: Option<Date>,
) -> Option<Article> {
    let body = boilerplate::trim_trailing(page.body.trim()).to_string();
    if body.is_empty() {
        return None;
    }
    let mut a = Article::new(path, record);
    a.headline = page
        .headline
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    a.body = body;
    a.date = page.date.or(fallback_date);
    a.source = page.site_name.filter(|s| !s.trim().is_empty());
    a.url = url.map(str::to_string).or(page.url);
    a.authors = page.authors;
    Some(a)
}
