//! What a page says about its article outside the text: headline, publication date, authors, site
//! name and canonical url, read from meta tags (Open Graph, Dublin Core, Sailthru, Parse.ly …),
//! JSON-LD, microdata (`itemprop`), `<link rel>`, `<time>`, `<h1>` and `<title>`.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use super::Page;
use crate::article::Date;
use crate::corpus::{byline, date};

/// Meta names and properties that hold the publication date, most specific first.
#[rustfmt::skip]
const DATE_METAS: &[&str] = &[
    "article:published_time", "article:published", "og:published_time", "og:article:published_time",
    "published_time", "datepublished", "article.published", "article_date_original", "pubdate", "publishdate",
    "publish-date", "publish_date", "published_date", "publication_date", "date_published", "pdate",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
    "dc.date", "dcterms.date", "citation_publication_date", "originalpublicationdate", "date",
];

/// Meta names and properties that hold authors' names.
#[rustfmt::skip]
const AUTHOR_METAS: &[&str] = &[
    "author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator", "dcterms.creator",
    "citation_author",
];

/// Everything found while reading the page once.
#[derive(Default)]
struct Found {
    /// Meta tags by lowercase name / property / itemprop; the first of each wins.
    metas: HashMap<String, String>,
    title: Option<String>,
    h1: Option<String>,
    canonical: Option<String>,
    json_ld: Vec<Value>,
    /// `<time datetime>` values of publication times (pubdate, itemprop, "published" classes).
    publication_times: Vec<String>,
    /// Other `<time datetime>` values.
    times: Vec<String>,
    /// Names from rel=author links, itemprop=author and byline elements.
    byline_names: Vec<String>,
}

/// Reads the page's metadata; `url` is where the page came from. The page's body is left empty;
/// the JSON-LD `articleBody`, when there is one, comes second (paragraphs separated by blank lines).
pub fn read(html: &Html, url: Option<&str>) -> (Page, Option<String>) {
    let found = scan(html);
    let ld = LdFacts::gather(&found.json_ld);
    let meta = |k: &str| {
        found
            .metas
            .get(k)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    };

    let site_name = meta("og:site_name")
        .map(str::to_string)
        .or(ld.publisher.clone())
        .or_else(|| meta("application-name").map(str::to_string))
        .map(|s| collapse(&s))
        .filter(|s| !s.is_empty() && !s.contains("://") && !s.starts_with("www."));

    let host = url.or(found.canonical.as_deref()).and_then(host_of);
    let raw_headline = meta("og:title")
        .or(meta("twitter:title"))
        .or(meta("headline"))
        .map(str::to_string)
        .or(ld.headline.clone())
        .or(found.title.clone());
    let stripped = raw_headline
        .map(|h| strip_site(&collapse(&h), site_name.as_deref(), host.as_deref()))
        .filter(|h| !h.is_empty());
    // The page's own <h1> is the cleanest form when the metadata title merely wraps it.
    let headline = match (stripped, found.h1.clone()) {
        (Some(s), Some(h1))
            if h1.len() * 2 >= s.len() && s.to_lowercase().contains(&h1.to_lowercase()) =>
        {
            Some(h1)
        }
        (None, h1) => h1,
        (s, _) => s,
    };

    let date = DATE_METAS
        .iter()
        .filter_map(|k| meta(k))
        .chain(ld.published.iter().map(String::as_str))
        .chain(
            found
                .metas
                .iter()
                .filter(|(k, _)| {
                    k.contains("publish")
                        || k.contains("publication")
                        || k.contains("pubdate")
                        || k.contains("post-date")
                        || k.contains("post_date")
                })
                .map(|(_, v)| v.as_str()),
        )
        .chain(
            found
                .publication_times
                .iter()
                .chain(&found.times)
                .map(String::as_str),
        )
        .find_map(date::parse)
        .filter(plausible);

    let mut authors = Vec::new();
    for source in [
        ld.authors.clone(),
        AUTHOR_METAS
            .iter()
            .filter_map(|k| meta(k))
            .map(str::to_string)
            .collect(),
        found.byline_names.clone(),
    ] {
        for name in source.iter().flat_map(|s| split_names(s)) {
            if !authors
                .iter()
                .any(|a: &String| a.eq_ignore_ascii_case(&name))
            {
                authors.push(name);
            }
        }
        if !authors.is_empty() {
            break;
        }
    }

    let canonical = found
        .canonical
        .as_deref()
        .or(meta("og:url"))
        .and_then(|c| absolute(c.trim(), url))
        .or_else(|| url.map(str::to_string));

    let page = Page {
        headline,
        body: String::new(),
        date,
        authors,
        site_name,
        url: canonical,
    };
    (page, ld.body)
}

/// Returns true if and only if `d` can be a publication date (from 1980, when wire archives
/// begin, to 2100).
fn plausible(d: &Date) -> bool {
    (1980..=2100).contains(&d.year)
}

/// One pass over all elements, collecting the raw facts.
fn scan(html: &Html) -> Found {
    let mut f = Found::default();
    for node in html.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let attr = |a: &str| el.attr(a).map(str::trim).filter(|v| !v.is_empty());
        match el.name() {
            "meta" => {
                let content = attr("content").or(attr("value"));
                let Some(content) = content else { continue };
                let keys = [attr("property"), attr("name"), attr("itemprop")];
                for key in keys.into_iter().flatten().flat_map(str::split_whitespace) {
                    f.metas
                        .entry(key.to_ascii_lowercase())
                        .or_insert_with(|| content.to_string());
                }
            }
            "link" => {
                let rel = attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && f.canonical.is_none() {
                    f.canonical = attr("href").map(str::to_string);
                }
            }
            "title" if f.title.is_none() => {
                f.title = ElementRef::wrap(node)
                    .map(text_of)
                    .filter(|t| !t.is_empty())
            }
            "h1" if f.h1.is_none() => {
                f.h1 = ElementRef::wrap(node)
                    .map(text_of)
                    .filter(|t| !t.is_empty())
            }
            "script"
                if attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                if let Some(v) = parse_json_ld(&text) {
                    f.json_ld.push(v);
                }
            }
            "time" => {
                if let Some(dt) = attr("datetime") {
                    let publication = el.attr("pubdate").is_some()
                        || attr("itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                        || el
                            .classes()
                            .any(|c| c.to_ascii_lowercase().contains("publish"));
                    if publication {
                        &mut f.publication_times
                    } else {
                        &mut f.times
                    }
                    .push(dt.to_string());
                }
            }
            _ => {}
        }
        if let Some(p) = attr("itemprop") {
            let p = p.to_ascii_lowercase();
            if p == "datepublished"
                && el.name() != "meta"
                && let Some(v) = attr("datetime").or(attr("content"))
            {
                f.metas
                    .entry("datepublished".into())
                    .or_insert_with(|| v.to_string());
            }
            if p == "author"
                && el.name() != "meta"
                && let Some(name) = ElementRef::wrap(node).and_then(author_name)
            {
                f.byline_names.push(name);
            }
        }
        if el.name() == "a"
            && attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("author"))
            })
            && let Some(t) = ElementRef::wrap(node).map(text_of)
        {
            f.byline_names.push(t);
        }
    }
    f
}

/// The name inside an `itemprop="author"` element: its `itemprop="name"` part, else its text.
fn author_name(el: ElementRef) -> Option<String> {
    if let Some(c) = el.value().attr("content") {
        return Some(c.to_string());
    }
    let named = el.descendants().filter_map(ElementRef::wrap).find(|d| {
        d.value()
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("name"))
    });
    let name = match named {
        Some(n) => n
            .value()
            .attr("content")
            .map(str::to_string)
            .unwrap_or_else(|| text_of(n)),
        None => text_of(el),
    };
    (!name.is_empty()).then_some(name)
}

/// The text of an element, whitespace collapsed.
fn text_of(el: ElementRef) -> String {
    let mut s = String::new();
    for t in el.text() {
        s.push_str(t);
        if s.len() > 2000 {
            break;
        }
    }
    collapse(&s)
}

/// Collapses runs of whitespace into single spaces and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a JSON-LD script, tolerating the HTML comment markers and stray control characters some
/// sites leave in it.
fn parse_json_ld(text: &str) -> Option<Value> {
    let t = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim();
    let t = t
        .strip_prefix("//<![CDATA[")
        .and_then(|t| t.strip_suffix("//]]>"))
        .unwrap_or(t);
    serde_json::from_str(t)
        .ok()
        .or_else(|| serde_json::from_str(&repair_json(t)).ok())
}

/// Makes common JSON-LD mistakes valid: control characters inside strings and trailing commas
/// before `]` or `}`.
fn repair_json(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let (mut in_string, mut escaped) = (false, false);
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            out.push(if c.is_control() { ' ' } else { c });
            continue;
        }
        if c == '"' {
            in_string = true;
        } else if c == ','
            && chars[i + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&n| n == ']' || n == '}')
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// Facts from JSON-LD objects, the article-typed ones preferred.
#[derive(Default)]
struct LdFacts {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    body: Option<String>,
}

impl LdFacts {
    fn gather(docs: &[Value]) -> LdFacts {
        // Every object in every document, breadth-first, without recursion.
        let mut objects: Vec<&serde_json::Map<String, Value>> = Vec::new();
        let mut queue: Vec<&Value> = docs.iter().collect();
        while let Some(v) = queue.pop() {
            if objects.len() > 500 {
                break;
            }
            match v {
                Value::Array(a) => queue.extend(a.iter()),
                Value::Object(o) => {
                    objects.push(o);
                    if let Some(g) = o.get("@graph") {
                        queue.push(g);
                    }
                    if let Some(m) = o.get("mainEntity") {
                        queue.push(m);
                    }
                }
                _ => {}
            }
        }
        let is_article = |o: &serde_json::Map<String, Value>| {
            let types: Vec<&str> = match o.get("@type") {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            types.iter().any(|t| {
                t.ends_with("Article")
                    || matches!(*t, "BlogPosting" | "Report" | "LiveBlogPosting" | "Posting")
            })
        };
        let mut ordered: Vec<&serde_json::Map<String, Value>> =
            objects.iter().copied().filter(|o| is_article(o)).collect();
        ordered.extend(objects.iter().copied().filter(|o| !is_article(o)));

        let mut f = LdFacts::default();
        for o in ordered {
            let s = |k: &str| {
                o.get(k)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            if f.headline.is_none() && is_article(o) {
                f.headline = s("headline");
            }
            if f.body.is_none() && is_article(o) {
                f.body = s("articleBody").map(|b| paragraphs(&b));
            }
            if f.published.is_none() {
                f.published = s("datePublished").or_else(|| s("dateCreated"));
            }
            if f.authors.is_empty()
                && let Some(a) = o.get("author").or_else(|| o.get("creator"))
            {
                f.authors = names(a);
            }
            if f.publisher.is_none() {
                f.publisher = o.get("publisher").and_then(|p| names(p).into_iter().next());
            }
        }
        f
    }
}

/// Text with its lines trimmed and whitespace collapsed, paragraphs (lines) separated by blank lines.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Names in a JSON-LD person/organisation value: a string, an object with `name`, or a list.
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Object(o) => o.get("name").map(names).unwrap_or_default(),
        Value::Array(a) => a.iter().take(20).flat_map(names).collect(),
        _ => vec![],
    }
}

/// Job titles that close a byline part ("AP Sports Writer"): not names.
#[rustfmt::skip]
const JOB_TITLES: &[&str] = &[
    "writer", "reporter", "correspondent", "editor", "columnist", "contributor", "producer", "editor-at-large",
    "photographer",
];

/// Splits a byline into names with the corpus's byline rules (drops "By", splits on "and", "&",
/// commas, semicolons and bars), after dropping a lead-in ("Analysis by", "Written by"), then keeps
/// only what can be a person's or desk's name: no urls or e-mail addresses, no job titles
/// ("AP Sports Writer"), no degrees after a name ("MS", "PhD"). ALL-CAPS names are title-cased.
pub fn split_names(byline: &str) -> Vec<String> {
    let b = collapse(byline);
    if b.contains("://") || b.starts_with('/') || b.starts_with("www.") {
        return Vec::new();
    }
    // "Analysis by X", "Written by X": at most two words before "by".
    let lead_in = b
        .to_ascii_lowercase()
        .find(" by ")
        .filter(|&i| b[..i].split_whitespace().count() <= 2);
    let b = lead_in.map_or(b.as_str(), |i| &b[i + 4..]);
    let mut out: Vec<String> = Vec::new();
    for name in byline::names(b) {
        let name = name
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        let degree = !out.is_empty()
            && words.len() == 1
            && name.len() <= 4
            && name.chars().all(|c| c.is_uppercase() || c == '.');
        if name.is_empty()
            || JOB_TITLES.contains(&last.as_str())
            || degree
            || name.contains('@')
            || name.chars().count() > 60
            || words.len() > 6
            || !name.chars().any(char::is_alphabetic)
        {
            continue;
        }
        let name = title_case_if_shouting(name);
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// "TOM KRISHER" → "Tom Krisher"; names with any lowercase letter are returned as they are.
fn title_case_if_shouting(name: &str) -> String {
    if name.chars().any(char::is_lowercase)
        || name.chars().filter(|c| c.is_alphabetic()).count() < 4
    {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic() && c != '\'' && c != '’';
    }
    out
}

/// Removes a " | Site Name" (or " - Site", " – Site", " — Site", " · Site", " :: Site") tail, or
/// the same as a leading part, when it names the site or its host, or is short after a bar.
pub fn strip_site(headline: &str, site: Option<&str>, host: Option<&str>) -> String {
    const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " · ", " :: ", " • "];
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let names_site = |part: &str| -> bool {
        let p = squash(part);
        if p.is_empty() {
            return false;
        }
        site.is_some_and(|s| {
            let s = squash(s);
            !s.is_empty() && (p == s || p.contains(&s) || s.contains(&p))
        }) || host.is_some_and(|h| {
            let h: String = h
                .trim_start_matches("www.")
                .split('.')
                .next()
                .unwrap_or("")
                .to_lowercase();
            h.len() >= 3
                && (p == h
                    || p.replace("the", "") == h.replace("the", "")
                    || (h.len() >= 6 && p.starts_with(&h)))
        })
    };
    let mut h = headline.trim().to_string();
    // "Site | Section | Headline": with three or more barred parts, the one with clearly the most
    // words is the headline.
    let parts: Vec<&str> = h.split(" | ").map(str::trim).collect();
    if parts.len() >= 3 {
        let words = |p: &str| p.split_whitespace().count();
        if let Some(longest) = parts.iter().copied().max_by_key(|p| words(p))
            && parts.iter().filter(|p| words(p) >= words(longest)).count() == 1
        {
            h = longest.to_string();
        }
    }
    for _ in 0..3 {
        let mut changed = false;
        for sep in SEPARATORS {
            if let Some(i) = h.rfind(sep) {
                let (head, tail) = (&h[..i], &h[i + sep.len()..]);
                let short_bar = (sep == " | " || sep == " :: ")
                    && tail.split_whitespace().count() <= 4
                    && head.len() > tail.len();
                if !head.trim().is_empty() && (names_site(tail) || short_bar) {
                    h = head.trim().to_string();
                    changed = true;
                    break;
                }
            }
            if let Some(i) = h.find(sep) {
                let (head, tail) = (&h[..i], &h[i + sep.len()..]);
                if !tail.trim().is_empty() && names_site(head) {
                    h = tail.trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    h
}

/// The host of an http(s) url, lowercase.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// `href` made absolute against `base`; `None` if that is impossible.
fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(h) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{h}"));
    }
    let origin_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..origin_end]);
    if href.starts_with('/') {
        return Some(format!("{origin}{href}"));
    }
    None
}
