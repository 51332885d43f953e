//! The article body: finds the element that holds the story (scoring paragraphs and their
//! ancestors, as Readability does), adds the sibling parts that belong to it, then leaves behind what
//! sits inside it but is not the story (share bars, related links, captions, ads, sign-up boxes).

use super::dom::{Dom, Stats};

/// Class or id fragments of parts that are not the story (comments, related links, share bars …).
#[rustfmt::skip]
const UNLIKELY: &[&str] = &[
    "comment", "disqus", "related", "recommend", "share", "sharing", "social", "sidebar", "side-bar", "newsletter",
    "subscri", "signup", "sign-up", "promo", "sponsor", "advert", "banner", "breadcrumb", "footer", "masthead",
    "menu", "navbar", "pagination", "pager", "popup", "modal", "cookie", "gdpr", "caption", "byline", "trending",
    "popular", "outbrain", "taboola", "widget", "toolbar", "skip", "sr-only", "visually-hidden", "visuallyhidden",
    "screen-reader", "hidden", "more-stories", "read-more", "readmore", "author-bio", "tags", "tag-list", "keywords",
    "rss", "print", "timestamp", "dateline", "credit", "follow", "extra", "supplemental", "shoutbox", "combx",
    "agegate", "jump", "nocontent", "teaser", "toc", "topics",
];

/// Class or id fragments that rescue a part from [`UNLIKELY`] and raise its score.
#[rustfmt::skip]
const LIKELY: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "column",
];

/// Fragments of [`UNLIKELY`] that win even over [`LIKELY`] ("article-comments", "post-share").
#[rustfmt::skip]
const SURELY_NOT: &[&str] = &[
    "comment", "disqus", "share", "sharing", "social", "related", "newsletter", "caption",
];

/// Class or id words that say "not the story" only as a whole word part ("cap", "img-cap", not
/// "capital"): too short to match where a part merely starts.
#[rustfmt::skip]
const SURELY_NOT_WORDS: &[&str] = &[
    "cap",
];

/// What an element's class and id say about it.
#[derive(Clone, Copy, Debug, Default)]
struct Verdict {
    likely: bool,
    unlikely: bool,
    surely_not: bool,
}

impl Verdict {
    /// Reads `marks` (lowercase class and id words). A fragment counts where a word part starts:
    /// "share" in "post-share-bar" and "articleShare", not in "timeshares".
    fn of(marks: &str) -> Verdict {
        let mut v = Verdict::default();
        let b = marks.as_bytes();
        for i in 0..b.len() {
            if !b[i].is_ascii_alphabetic() {
                continue;
            }
            let before = &marks[..i];
            let starts_part = i == 0
                || !b[i - 1].is_ascii_alphabetic()
                // Run-together names ("articleshare", "postcomments") still count.
                || before.ends_with("article")
                || before.ends_with("post")
                || before.ends_with("story");
            if !starts_part {
                continue;
            }
            let rest = &marks[i..];
            let part = &rest[..rest
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len())];
            v.surely_not |= b[..i].last().is_none_or(|c| !c.is_ascii_alphabetic())
                && SURELY_NOT_WORDS.contains(&part);
            v.likely |= LIKELY.iter().any(|f| rest.starts_with(f));
            v.unlikely |= UNLIKELY.iter().any(|f| rest.starts_with(f));
            v.surely_not |= SURELY_NOT.iter().any(|f| rest.starts_with(f));
        }
        v
    }

    /// The class weight: +25 for article-like names, -25 for boilerplate-like ones.
    fn weight(&self) -> f64 {
        25.0 * f64::from(u8::from(self.likely)) - 25.0 * f64::from(u8::from(self.unlikely))
    }

    /// Returns true if and only if the names say the element is not part of the story.
    fn is_unlikely(&self) -> bool {
        self.surely_not || (self.unlikely && !self.likely)
    }
}

/// Returns the article text of the page: paragraphs separated by blank lines, without the
/// `headline` if the page repeats it in the body. Empty if the page has no text.
pub fn article_text(dom: &Dom, headline: Option<&str>) -> String {
    if dom.elements.is_empty() || dom.blocks.is_empty() {
        return String::new();
    }
    let strict = extract(dom, headline, true);
    // Like Readability: when trusting class names leaves (almost) nothing of a page with text,
    // try again without them and keep the longer result.
    if strict.chars().count() < SHORT && dom.elements[0].stats.chars > strict.len() {
        let relaxed = extract(dom, headline, false);
        if relaxed.len() > strict.len() {
            return relaxed;
        }
    }
    strict
}

/// Fewer characters than this is not an article.
pub const SHORT: usize = 250;

/// One extraction pass; with `by_names` false, class and id names neither remove parts nor weigh
/// in the scores.
fn extract(dom: &Dom, headline: Option<&str>, by_names: bool) -> String {
    let n = dom.elements.len();
    let total = dom.elements[0].stats.chars.max(1);
    let verdicts: Vec<Verdict> = if by_names {
        dom.elements.iter().map(|e| Verdict::of(&e.marks)).collect()
    } else {
        vec![Verdict::default(); n]
    };
    // Parts whose names say they are boilerplate, unless they hold most of the page's text.
    let mut junk = vec![false; n];
    for (i, el) in dom.elements.iter().enumerate() {
        let own = verdicts[i].is_unlikely()
            && el.stats.chars * 2 < total
            && !el.article_body
            && !matches!(&*el.tag, "body" | "html" | "article" | "main");
        junk[i] = own || el.parent.is_some_and(|p| junk[p]);
    }

    let top = select_top(dom, &junk, &verdicts);
    let roots = with_siblings(dom, top, &junk);
    // Keep flags, top-down: inside a root, not junk, not cleaned away. A part holding most of its
    // root's text is the story whatever its name says.
    let mut is_root = vec![false; n];
    for &r in &roots {
        is_root[r] = true;
    }
    let mut keep = vec![false; n];
    let mut root_chars = vec![0usize; n];
    for i in 0..n {
        let el = &dom.elements[i];
        if is_root[i] {
            keep[i] = true;
            root_chars[i] = el.stats.chars;
        } else if let Some(p) = el.parent {
            root_chars[i] = root_chars[p];
            let main_part = el.stats.chars * 2 > root_chars[i];
            let furniture = verdicts[i].is_unlikely() && !el.article_body;
            keep[i] = keep[p] && (main_part || !furniture && !clean_away(dom, i, &verdicts[i]));
        }
    }

    let headline_norm = headline.map(normalise);
    let mut out: Vec<&str> = Vec::new();
    for (k, b) in dom.blocks.iter().enumerate() {
        // Text lying inside a kept part counts even when its block runs on outside it (a lead
        // paragraph written straight into a layout cell, wrapped in the story's `<font>`).
        if !keep[b.owner] && !keep[b.inner] {
            continue;
        }
        let tag = &*dom.elements[b.owner].tag;
        let ld = b.link_chars as f64 / b.chars.max(1) as f64;
        // A sentence in a paragraph is prose even when most of it is a link.
        let sentence = tag == "p"
            && b.chars >= 60
            && ld < 0.9
            && b.text.trim_end().ends_with(['.', '!', '?', '"', '”']);
        if (ld > 0.5 && !sentence) || (b.chars < 80 && ld > 0.3 && tag != "p") {
            continue;
        }
        if super::furniture::is_furniture(&b.text) || is_byline_title(dom, k) {
            continue;
        }
        if headline_norm
            .as_deref()
            .is_some_and(|h| !h.is_empty() && normalise(&b.text) == h)
        {
            continue;
        }
        out.push(&b.text);
    }
    out.join("\n\n")
}

/// Returns true if and only if block `k` is the line under a printed byline, in the byline's own
/// element, that names the writer's job ("BBC's former Focus on Africa editor"): short, not a sentence.
fn is_byline_title(dom: &Dom, k: usize) -> bool {
    let b = &dom.blocks[k];
    k > 0
        && dom.blocks[k - 1].owner == b.owner
        && super::furniture::is_byline(&dom.blocks[k - 1].text)
        && b.chars <= 80
        && b.text.split_whitespace().count() <= 10
        && !b.text.trim_end().ends_with(['.', '!', '?', '"', '”'])
}

/// Lowercase letters and digits only, for comparing headlines with body lines.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Picks the element most likely to hold the story: Readability's paragraph scoring, link density
/// penalty, and a climb to the parent when the parent scores as well.
fn select_top(dom: &Dom, junk: &[bool], verdicts: &[Verdict]) -> usize {
    let n = dom.elements.len();
    let mut score = vec![f64::NAN; n];
    let init = |i: usize| -> f64 {
        let el = &dom.elements[i];
        let base = match &*el.tag {
            "div" | "article" | "main" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + verdicts[i].weight() + if el.article_body { 50.0 } else { 0.0 }
    };
    for b in &dom.blocks {
        if junk[b.owner] || b.chars < 25 {
            continue;
        }
        let owner = &dom.elements[b.owner];
        if !matches!(
            &*owner.tag,
            "p" | "pre"
                | "td"
                | "div"
                | "section"
                | "article"
                | "main"
                | "blockquote"
                | "font"
                | "center"
                | "body"
        ) {
            continue;
        }
        let content = 1.0 + b.commas as f64 + (b.chars as f64 / 100.0).floor().min(3.0);
        let mut level = 0;
        let mut anc = owner.parent;
        while let Some(a) = anc {
            if level >= 5 {
                break;
            }
            if score[a].is_nan() {
                score[a] = init(a);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[a] += content / div;
            level += 1;
            anc = dom.elements[a].parent;
        }
    }
    let final_score = |i: usize| score[i] * (1.0 - dom.elements[i].stats.link_density());
    let mut best: Option<usize> = None;
    for (i, s) in score.iter().enumerate() {
        if !s.is_nan() && best.is_none_or(|b| final_score(i) > final_score(b)) {
            best = Some(i);
        }
    }
    let Some(mut top) = best else {
        return body_or_root(dom);
    };
    // Climb while the parent scores at least as well (the story is split over several children).
    let mut last = final_score(top);
    let mut parent = dom.elements[top].parent;
    while let Some(p) = parent {
        if matches!(&*dom.elements[p].tag, "body" | "html") {
            break;
        }
        if !score[p].is_nan() {
            let s = final_score(p);
            if s < last / 3.0 {
                break;
            }
            if s > last {
                top = p;
                break;
            }
            last = s;
        }
        parent = dom.elements[p].parent;
    }
    // An only child says no more than its parent.
    while let Some(p) = dom.elements[top].parent {
        if dom.elements[p].children.len() != 1 || matches!(&*dom.elements[p].tag, "body" | "html") {
            break;
        }
        top = p;
    }
    top
}

fn body_or_root(dom: &Dom) -> usize {
    dom.elements
        .iter()
        .position(|e| &*e.tag == "body")
        .unwrap_or(0)
}

/// The top element plus those of its siblings that read like more of the story.
fn with_siblings(dom: &Dom, top: usize, junk: &[bool]) -> Vec<usize> {
    let Some(parent) = dom.elements[top].parent else {
        return vec![top];
    };
    let top_stats = dom.elements[top].stats;
    let threshold = (top_stats.chars as f64 * 0.2).max(10.0);
    let mut roots = Vec::new();
    for &s in &dom.elements[parent].children {
        if s == top {
            roots.push(s);
            continue;
        }
        if junk[s] {
            continue;
        }
        let el = &dom.elements[s];
        let st: &Stats = &el.stats;
        let ld = st.link_density();
        let same_class = !el.marks.is_empty() && el.marks == dom.elements[top].marks;
        if (same_class && st.chars as f64 >= threshold * 0.5 && ld < 0.3)
            || (is_paragraph_like(dom, s)
                && ((st.chars > 80 && ld < 0.25) || (st.chars > 0 && ld == 0.0 && st.commas > 0)))
        {
            roots.push(s);
        }
    }
    roots
}

/// Returns true if and only if element `i` reads as one paragraph: a `<p>`, or a `<div>` or
/// `<section>` with only inline content (Readability turns those into paragraphs).
fn is_paragraph_like(dom: &Dom, i: usize) -> bool {
    let el = &dom.elements[i];
    &*el.tag == "p"
        || (matches!(&*el.tag, "div" | "section")
            && el.children.iter().all(|&c| {
                super::dom::is_inline(&dom.elements[c].tag) || &*dom.elements[c].tag == "br"
            }))
}

/// Returns true if and only if element `i` is a container inside the story that reads like
/// boilerplate: mostly links, images or form fields, too little prose (Readability's conditional clean).
fn clean_away(dom: &Dom, i: usize, verdict: &Verdict) -> bool {
    let el = &dom.elements[i];
    if el.article_body
        || !matches!(
            &*el.tag,
            "div" | "section" | "ul" | "ol" | "table" | "form" | "fieldset" | "dl"
        )
    {
        return false;
    }
    let s = &el.stats;
    let weight = verdict.weight();
    if weight < 0.0 && s.chars < 500 {
        return true;
    }
    if s.commas >= 10 {
        return false;
    }
    let p = s.paragraphs as f64;
    let ld = s.link_density();
    let is_list = matches!(&*el.tag, "ul" | "ol");
    // A table holding a picture and a line or two of text is a captioned image.
    let image_table = &*el.tag == "table" && s.images > 0 && s.paragraphs == 0 && s.chars < 200;
    image_table
        || (s.images > 1 && p / (s.images as f64) < 0.5 && s.chars < 200)
        || (!is_list && s.list_items as f64 - 100.0 > p)
        || (s.inputs as f64 > (p / 3.0).floor() && s.inputs > 0)
        || (weight < 25.0 && ld > 0.2 && s.chars > 0 && !is_list)
        || (is_list && ld > 0.5)
        || (weight >= 25.0 && ld > 0.5)
        || (s.embeds > 1 && s.chars < 75)
}
