//! The page as the body extractor sees it: a flat list of elements (each parent before its children)
//! and the text blocks found between block-level boundaries, built in one iterative pass over the
//! parsed HTML. Nothing here recurses, so a page nested a hundred thousand tags deep cannot overflow
//! the stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// One element of the page, with counts over everything inside it.
#[derive(Debug)]
pub struct Element {
    /// Lowercase tag name.
    pub tag: Box<str>,
    /// The enclosing element (`None` for the outermost one).
    pub parent: Option<usize>,
    /// Lowercase `class` and `id` attributes, joined by a space.
    pub marks: Box<str>,
    /// Whether the element's `itemprop` says it holds the article body.
    pub article_body: bool,
    /// Element children, in document order.
    pub children: Vec<usize>,
    /// Counts over the subtree (the element itself included).
    pub stats: Stats,
}

/// Counts over an element's subtree. Text counts cover kept text only (not scripts, styles, hidden
/// parts or the tags dropped by [`is_dropped`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub chars: usize,
    pub link_chars: usize,
    pub commas: usize,
    pub paragraphs: usize,
    pub list_items: usize,
    pub images: usize,
    pub inputs: usize,
    pub embeds: usize,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.commas += o.commas;
        self.paragraphs += o.paragraphs;
        self.list_items += o.list_items;
        self.images += o.images;
        self.inputs += o.inputs;
        self.embeds += o.embeds;
    }

    /// Share of the text that sits inside links (0 when there is no text).
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// A run of text between two block-level boundaries (a paragraph, a heading, a list item, a cell).
#[derive(Debug)]
pub struct Block {
    /// The innermost block-level element holding the text.
    pub owner: usize,
    /// The innermost element, inline ones included, holding all of the text: `owner` or one of its
    /// descendants (a `<font>` or `<b>` wrapping a story's text inside a layout cell).
    pub inner: usize,
    /// The text, whitespace collapsed; `<br>` becomes a line break.
    pub text: String,
    /// Number of characters of `text`.
    pub chars: usize,
    /// Number of those characters that are link text.
    pub link_chars: usize,
    /// Number of commas in the text (any script's comma).
    pub commas: usize,
}

/// The flattened page.
#[derive(Debug, Default)]
pub struct Dom {
    pub elements: Vec<Element>,
    pub blocks: Vec<Block>,
}

/// Returns true if and only if elements named `tag` flow inside a line of text rather than start a
/// block of their own.
pub fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "acronym"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "label"
            | "mark"
            | "nobr"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "wbr"
    )
}

/// Returns true if and only if the subtree of an element named `tag` never holds article text:
/// scripts, media, form controls, navigation, asides, page footers and figures (captions).
fn is_dropped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "source"
            | "track"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "nav"
            | "aside"
            | "footer"
            | "figure"
            | "figcaption"
            | "picture"
            | "img"
            | "map"
            | "dialog"
            | "menu"
            | "header"
    )
}

/// Class names of parts that readers do not see: screen-reader-only labels and hidden elements.
#[rustfmt::skip]
const UNSEEN: &[&str] = &[
    "hidden", "element-hidden", "is-hidden", "visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text",
    "screenreader-only", "offscreen",
];

/// Class name parts of pop-ups, tooltips and hover cards, which appear only on interaction.
#[rustfmt::skip]
const POP_UPS: &[&str] = &[
    "tooltip", "popover", "rollover", "hovercard",
];

/// Returns true if and only if the element is hidden from readers (`hidden`, `display:none`,
/// `visibility:hidden`, `aria-hidden="true"`, or a class from [`UNSEEN`] or [`POP_UPS`]).
fn is_hidden(el: &scraper::node::Element) -> bool {
    let contains = |hay: &str, needle: &str| {
        hay.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    if el.classes().any(|c| {
        UNSEEN.iter().any(|u| c.eq_ignore_ascii_case(u)) || POP_UPS.iter().any(|u| contains(c, u))
    }) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        if !contains(s, "none") && !contains(s, "hidden") {
            return false;
        }
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Text being gathered for the current block.
#[derive(Default)]
struct Pending {
    text: String,
    chars: usize,
    link_chars: usize,
    /// Whether the last character pushed was whitespace (or nothing was pushed yet on this line).
    space: bool,
    /// The innermost element holding all the visible text pushed so far.
    inner: Option<usize>,
}

impl Pending {
    fn push_text(&mut self, s: &str, in_link: bool, pre: bool) {
        for c in s.chars() {
            if pre && c == '\n' {
                self.line_break();
            } else if c.is_whitespace() {
                if !self.space {
                    self.text.push(' ');
                    self.space = true;
                }
            } else {
                self.text.push(c);
                self.space = false;
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn line_break(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
        self.space = true;
    }

    fn take(&mut self, owner: usize) -> Option<Block> {
        let p = std::mem::take(self);
        self.space = true;
        let text: String = p
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if p.chars == 0 || text.is_empty() {
            return None;
        }
        let commas = text
            .chars()
            .filter(|c| matches!(c, ',' | '，' | '、' | '،' | '﹐' | '︐'))
            .count();
        Some(Block {
            owner,
            inner: p.inner.unwrap_or(owner),
            text,
            chars: p.chars,
            link_chars: p.link_chars,
            commas,
        })
    }
}

/// The innermost element enclosing both elements `a` and `b` (either one itself if it encloses the
/// other). Relies on every element coming after its parent in `elements`; elements of two separate
/// trees (which a parsed page does not have) give the earlier one.
fn common_ancestor(elements: &[Element], mut a: usize, mut b: usize) -> usize {
    while a != b {
        let (deeper, other) = if a > b { (a, b) } else { (b, a) };
        match elements[deeper].parent {
            Some(p) => (a, b) = (p, other),
            None => return other,
        }
    }
    a
}

/// Flattens the parsed page `html` into elements and text blocks.
pub fn flatten(html: &Html) -> Dom {
    let mut dom = Dom::default();
    // Open elements (indices into dom.elements); the block-level ones; how many are dropped or links.
    let mut open: Vec<usize> = Vec::new();
    let mut blocks_open: Vec<usize> = Vec::new();
    let mut dropped_depth = 0usize;
    let mut link_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut pending = Pending {
        space: true,
        ..Pending::default()
    };
    // For each open element: was it dropped, is it block-level, is it a link, is it pre.
    let mut kinds: Vec<(bool, bool, bool, bool)> = Vec::new();

    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let tag: Box<str> = el.name().to_ascii_lowercase().into();
                    let idx = dom.elements.len();
                    let parent = open.last().copied();
                    let drop = dropped_depth > 0 || is_dropped(&tag) || is_hidden(el);
                    let block = !is_inline(&tag);
                    let mut stats = Stats::default();
                    match &*tag {
                        "p" => stats.paragraphs = 1,
                        "li" => stats.list_items = 1,
                        "img" | "picture" => stats.images = 1,
                        "input" | "select" | "textarea" | "button" => stats.inputs = 1,
                        "embed" | "object" | "iframe" | "video" => stats.embeds = 1,
                        _ => {}
                    }
                    let mut marks = String::new();
                    for c in el.classes() {
                        marks.push_str(c);
                        marks.push(' ');
                    }
                    if let Some(id) = el.id() {
                        marks.push_str(id);
                    }
                    let article_body = el
                        .attr("itemprop")
                        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"));
                    dom.elements.push(Element {
                        tag: tag.clone(),
                        parent,
                        marks: marks.trim().to_lowercase().into(),
                        article_body,
                        children: Vec::new(),
                        stats,
                    });
                    if let Some(p) = parent {
                        dom.elements[p].children.push(idx);
                    }
                    if drop {
                        dropped_depth += 1;
                    } else if block {
                        if let Some(b) = pending.take(blocks_open.last().copied().unwrap_or(idx)) {
                            dom.blocks.push(b);
                        }
                        blocks_open.push(idx);
                    } else if &*tag == "a" {
                        link_depth += 1;
                    }
                    let is_pre = !drop && matches!(&*tag, "pre" | "textarea");
                    if is_pre {
                        pre_depth += 1;
                    }
                    if !drop && &*tag == "br" {
                        pending.line_break();
                    }
                    open.push(idx);
                    kinds.push((drop, block, &*tag == "a", is_pre));
                }
                Node::Text(t) if dropped_depth == 0 => {
                    pending.push_text(t, link_depth > 0, pre_depth > 0);
                    if let Some(&at) = open.last()
                        && t.chars().any(|c| !c.is_whitespace())
                    {
                        pending.inner = Some(match pending.inner {
                            Some(inner) => common_ancestor(&dom.elements, inner, at),
                            None => at,
                        });
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if !node.value().is_element() {
                    continue;
                }
                let (Some(idx), Some((drop, block, link, pre))) = (open.pop(), kinds.pop()) else {
                    continue;
                };
                if pre {
                    pre_depth -= 1;
                }
                if drop {
                    dropped_depth -= 1;
                } else if block {
                    if let Some(b) = pending.take(idx) {
                        dom.blocks.push(b);
                    }
                    blocks_open.pop();
                } else if link {
                    link_depth -= 1;
                }
            }
        }
    }
    if let Some(b) = pending.take(blocks_open.last().copied().unwrap_or(0))
        && !dom.elements.is_empty()
    {
        dom.blocks.push(b);
    }
    // Subtree counts: blocks count for their owner, then children (always after their parent in
    // the list) add into their parent.
    for b in &dom.blocks {
        let s = &mut dom.elements[b.owner].stats;
        s.chars += b.chars;
        s.link_chars += b.link_chars;
        s.commas += b.commas;
    }
    for i in (0..dom.elements.len()).rev() {
        if let Some(p) = dom.elements[i].parent {
            let s = dom.elements[i].stats;
            dom.elements[p].stats.add(&s);
        }
    }
    dom
}
