//! Metadata.
use super::Page;
use scraper::Html;
pub fn read(_html: &Html, url: Option<&str>) -> Page {
    Page {
        url: url.map(str::to_string),
        ..Page::default()
    }
}
