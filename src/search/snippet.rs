//! A snippet: a short passage of an article's body with the words the query matched marked, and its
//! two renderings, for a terminal and for a web page.

use std::ops::Range;

use serde::{Serialize, Serializer};

/// ANSI escape that starts a highlighted word on a terminal (bold yellow).
const TERM_ON: &str = "\x1b[1;33m";
/// ANSI escape that ends it.
const TERM_OFF: &str = "\x1b[0m";
/// Marks text cut off before or after the passage.
const ELLIPSIS: &str = "…";

/// A passage of text with highlighted byte ranges (sorted, not overlapping, on char boundaries).
/// It serializes as its plain text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    text: String,
    highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// Builds the snippet for `body` from tantivy's best passage, or, when the query matched no word
    /// of the body, from the body's first `max_chars` characters.
    pub fn from_passage(
        passage: &tantivy::snippet::Snippet,
        body: &str,
        max_chars: usize,
    ) -> Snippet {
        let range = passage.fragment_range();
        if passage.highlighted().is_empty() || body.get(range.clone()).is_none() {
            return Snippet::lead(body, max_chars);
        }
        let mut text = String::new();
        let mut shift = 0;
        if range.start > 0 {
            text.push_str(ELLIPSIS);
            shift = ELLIPSIS.len();
        }
        text.push_str(passage.fragment());
        let highlights = passage
            .highlighted()
            .iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect();
        if range.end < body.trim_end().len() {
            text.push_str(ELLIPSIS);
        }
        Snippet::new(text, highlights)
    }

    /// The first `max_chars` characters of `text`, cut at a word boundary, nothing highlighted.
    pub fn lead(text: &str, max_chars: usize) -> Snippet {
        let text = text.trim();
        let cut = text.char_indices().nth(max_chars).map(|(i, _)| i);
        let lead = match cut {
            None => text.to_string(),
            Some(i) => {
                let end = text[..i]
                    .rfind(char::is_whitespace)
                    .filter(|&s| s > 0)
                    .unwrap_or(i);
                format!("{}{ELLIPSIS}", text[..end].trim_end())
            }
        };
        Snippet::new(lead, Vec::new())
    }

    /// Builds a snippet of `text` with `highlights`, squeezing every run of whitespace (line breaks
    /// between paragraphs included) to one space. Ranges that are out of bounds, not on char
    /// boundaries or overlapping are dropped or merged.
    pub fn new(text: String, mut highlights: Vec<Range<usize>>) -> Snippet {
        highlights.retain(|r| r.start < r.end && text.get(r.clone()).is_some());
        highlights.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(highlights.len());
        for r in highlights {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        // new_pos[i] is where byte i of `text` lands in the squeezed text.
        let mut squeezed = String::with_capacity(text.len());
        let mut new_pos = vec![0; text.len() + 1];
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            new_pos[i] = squeezed.len();
            if c.is_whitespace() {
                if !in_space {
                    squeezed.push(' ');
                }
                in_space = true;
            } else {
                squeezed.push(c);
                in_space = false;
            }
        }
        new_pos[text.len()] = squeezed.len();
        let highlights = merged
            .into_iter()
            .map(|r| new_pos[r.start]..new_pos[r.end])
            .filter(|r| r.start < r.end)
            .collect();
        Snippet {
            text: squeezed,
            highlights,
        }
    }

    /// The passage as plain text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte ranges of the highlighted words in [`Snippet::text`].
    pub fn highlights(&self) -> &[Range<usize>] {
        &self.highlights
    }

    /// Returns the passage as HTML: every character escaped, highlighted words in `<b>…</b>`.
    pub fn to_html(&self) -> String {
        self.render(escape_html, "<b>", "</b>")
    }

    /// Returns the passage for a terminal: highlighted words in bold colour if `color`, else the
    /// plain text.
    pub fn to_terminal(&self, color: bool) -> String {
        if color {
            self.render(|s, out| out.push_str(s), TERM_ON, TERM_OFF)
        } else {
            self.text.clone()
        }
    }

    fn render(&self, text: impl Fn(&str, &mut String), on: &str, off: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for r in &self.highlights {
            text(&self.text[at..r.start], &mut out);
            out.push_str(on);
            text(&self.text[r.clone()], &mut out);
            out.push_str(off);
            at = r.end;
        }
        text(&self.text[at..], &mut out);
        out
    }
}

impl Serialize for Snippet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// Appends `text` to `out` with `&`, `<`, `>`, `"` and `'` escaped, safe inside HTML elements and
/// quoted attributes.
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_highlights_for_html_and_terminal() {
        let s = Snippet::new(
            "Marco Rubio met  Sergey\nLavrov <again>".to_string(),
            vec![6..11, 24..30],
        );
        assert_eq!(s.text(), "Marco Rubio met Sergey Lavrov <again>");
        assert_eq!(
            s.to_html(),
            "Marco <b>Rubio</b> met Sergey <b>Lavrov</b> &lt;again&gt;"
        );
        assert_eq!(
            s.to_terminal(true),
            "Marco \x1b[1;33mRubio\x1b[0m met Sergey \x1b[1;33mLavrov\x1b[0m <again>"
        );
        assert_eq!(s.to_terminal(false), s.text());
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            "\"Marco Rubio met Sergey Lavrov <again>\""
        );
    }

    #[test]
    fn hostile_text_is_escaped_even_inside_highlights() {
        let s = Snippet::new(
            "<img src=x onerror=alert(1)> said \"Lavrov\"".to_string(),
            std::iter::once(0..4).collect(),
        );
        let html = s.to_html();
        assert!(!html.contains("<img"), "{html}");
        assert!(html.starts_with("<b>&lt;img</b> src=x"), "{html}");
        assert!(html.ends_with("&quot;Lavrov&quot;"), "{html}");
    }

    #[test]
    fn bad_ranges_are_dropped_and_overlaps_merged() {
        let s = Snippet::new(
            "Ukraine diplomacy".to_string(),
            vec![0..3, 2..7, 40..50, 5..5],
        );
        assert_eq!(s.highlights(), std::slice::from_ref(&(0..7)));
        let s = Snippet::new("Sergéy".to_string(), std::iter::once(0..5).collect()); // 5 is inside 'é'
        assert!(s.highlights().is_empty());
    }

    #[test]
    fn leads_cut_at_a_word_boundary() {
        let s = Snippet::lead(
            "  Kuala Lumpur, Malaysia – In a significant and rare instance",
            20,
        );
        assert_eq!(s.text(), "Kuala Lumpur,…");
        assert_eq!(Snippet::lead("Short.", 20).text(), "Short.");
    }
}
