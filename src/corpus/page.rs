//! Web pages, saved as files or captured in a WARC, become articles through the HTML extractor
//! ([`super::html::extract`]); this file turns what it finds into an [`Article`], and leaves out a
//! site's front page, which lists many stories and is none of them.

use std::path::Path;

use super::html::{self, Page};
use super::{Problem, boilerplate};
use crate::article::{Article, Date};

/// Names (without extension, any case) of a site's home page at its root.
const HOME_PAGES: &[&str] = &["index", "default", "home", "homepage"];

/// Names of a wiki's front page, anywhere in the path or as its `title=`.
const MAIN_PAGES: &[&str] = &["main_page", "main page", "main-page"];

/// Reads a saved web page (`.html`, `.htm`, `.html.gz`): one article, or a skip when the extractor
/// finds no article text in it or it is a site's front page.
pub(crate) fn read_html(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    let page = html::extract(bytes, None);
    if page.url.as_deref().is_some_and(is_front_page) {
        return Err(Problem::new(path, "a site's front page, not an article"));
    }
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

/// Returns true if and only if `url` is a site's front page: no path (`https://example.org/`), a
/// home page at the root (`/index.html`, `/default.aspx`, `/home`), or a wiki's main page
/// (`/wiki/Main_Page`, `/index.php?title=Main_Page`). Section fronts (`/world/`) and stories whose
/// address ends in `index.html` (CNN's) are not front pages.
pub(crate) fn is_front_page(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or(rest);
    let (path, query) = match rest.find('/') {
        Some(i) => rest[i..].split_once('?').unwrap_or((&rest[i..], "")),
        None => ("", ""),
    };
    let is = |names: &[&str], s: &str| names.iter().any(|n| s.eq_ignore_ascii_case(n));
    if let Some(title) = query.split('&').find_map(|kv| kv.strip_prefix("title=")) {
        return is(MAIN_PAGES, title);
    }
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| s.split('.').next().unwrap_or(s))
        .collect();
    match segments.as_slice() {
        [] => true,
        [only] if is(HOME_PAGES, only) => true,
        [.., last] => is(MAIN_PAGES, last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_pages_are_recognised_and_stories_are_not() {
        for url in [
            "http://www.archiveteam.org/index.php?title=Main_Page",
            "https://www.nytimes.com/",
            "https://www.nytimes.com",
            "https://example.org/index.html",
            "https://en.wikipedia.org/wiki/Main_Page",
            "https://example.org/?ref=nav",
        ] {
            assert!(is_front_page(url), "{url}");
        }
        for url in [
            "http://news.bbc.co.uk/2/hi/africa/3414345.stm",
            "https://en.wikinews.org/w/index.php?curid=100397",
            "https://www.nytimes.com/2016/09/20/nyregion/ahmad-khan-rahami-bombing-suspect.html",
            "https://example.org/index.php?title=Rubio_meets_Lavrov",
            "https://example.org/news/home-prices-rise",
            "https://www.cnn.com/2019/11/18/politics/donald-trump-health-walter-reed/index.html",
            "https://example.org/news/home",
        ] {
            assert!(!is_front_page(url), "{url}");
        }
    }
}
