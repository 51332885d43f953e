//! A guard against pathologically nested pages: the HTML parser's work grows with the square of the
//! nesting depth (tens of seconds for 100,000 nested `<div>`s), so tags nested deeper than any real
//! page nests them are taken out before parsing. Text is never removed, only tags.

use std::borrow::Cow;

/// Deeper than any real page (news pages nest under 100 levels).
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold others, or whose end tag is implied by the next sibling: they do not
/// deepen the tree in the way counted here.
fn is_flat(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "rb"
            | "rt"
            | "rp"
            | "html"
            | "head"
            | "body"
    )
}

/// Returns `html` with the opening tags that would nest deeper than `max_depth` (and as many of the
/// closing tags that follow them) removed; borrowed and unchanged for ordinary pages.
pub fn limit(html: &str, max_depth: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    if memchr::memchr_iter(b'<', b).take(max_depth + 1).count() <= max_depth {
        return Cow::Borrowed(html);
    }
    let mut out = String::new();
    let mut copied = 0; // bytes of `html` already accounted for in `out`
    let (mut depth, mut excess) = (0usize, 0usize);
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|p| p + i) {
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = memchr::memmem::find(&b[lt..], b"-->").map_or(b.len(), |e| lt + e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = memchr::memchr(b'>', &b[name_start..]).map_or(b.len(), |e| name_start + e + 1);
        let mut drop = false;
        if closing {
            if !is_flat(&name) {
                if excess > 0 {
                    excess -= 1;
                    drop = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp" | "plaintext"
        ) {
            // Raw text: skip to the matching end tag.
            i = raw_text_end(b, end, name.as_bytes());
            continue;
        } else if !is_flat(&name) && !b[..end].ends_with(b"/>") {
            if depth >= max_depth {
                excess += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            out.push_str(&html[copied..lt]);
            copied = end;
        }
        i = end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Where the raw text of a `name` element that starts at `from` ends: at its `</name` end tag (any
/// case), or at the end of the page.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from.min(b.len());
    while let Some(p) = memchr::memmem::find(&b[at..], b"</").map(|p| p + at) {
        let tag = &b[p + 2..];
        if tag.len() >= name.len() && tag[..name.len()].eq_ignore_ascii_case(name) {
            return p;
        }
        at = p + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul></div><script>if (a<b) {}</script></body></html>";
        assert!(matches!(limit(page, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_go_and_text_stays() {
        let page = format!("{}deep text{}", "<div>".repeat(10), "</div>".repeat(10));
        let limited = limit(&page, 4);
        assert_eq!(
            limited,
            format!("{}deep text{}", "<div>".repeat(4), "</div>".repeat(4))
        );
    }
}
