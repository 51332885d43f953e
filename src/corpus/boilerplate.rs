//! Publisher boilerplate at the end of an article: newsletter prompts ("Discover more from …",
//! "Subscribe to get the latest posts …"), sharing buttons, copyright lines, "Read more" links.
//! Wiki exports end the same way, with MediaWiki sections ("== See also ==", "== Related news ==",
//! "== Sources ==") that list other pages. They are not the story, so they are cut before indexing.

/// Line starts (lower case) that mark boilerplate when they end an article.
const STARTS: &[&str] = &[
    "discover more from",
    "subscribe to get the latest",
    "subscribe to our",
    "subscribe now",
    "subscribe for",
    "sign up for our",
    "sign up to our",
    "sign up for the",
    "share this",
    "like this:",
    "like loading",
    "related posts",
    "related articles",
    "related stories",
    "you may also like",
    "further reading",
    "more from",
    "read more",
    "read or share this story",
    "follow @",
    "follow us on",
    "click here",
    "click for more",
    "copyright ©",
    "copyright (c)",
    "copyright 20",
    "copyright 19",
    "©",
    "(c) 20",
    "all rights reserved",
    "leave a comment",
    "leave a reply",
    "filed under",
    "posted in",
    "tags:",
    "advertisement",
    "share on facebook",
    "share on twitter",
    "join us on facebook",
    "manage newsletters",
    "privacy policy",
    "terms of use",
    "type your email",
];

/// Fragments (lower case) that mark a line as boilerplate wherever they occur in it.
const CONTAINS: &[&str] = &[
    "all rights reserved",
    "may not be published, broadcast, rewritten",
    "click here for reprint permission",
];

/// Returns true if and only if `line` is a short line of publisher boilerplate.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 300 {
        return false;
    }
    let lower = line.to_lowercase();
    STARTS.iter().any(|s| lower.starts_with(s)) || CONTAINS.iter().any(|s| lower.contains(s))
}

/// Titles (lower case) of the MediaWiki sections that end an article with links to other pages.
const WIKI_TAIL: &[&str] = &[
    "see also",
    "related news",
    "related stories",
    "related articles",
    "sources",
    "external links",
    "references",
];

/// Where the first MediaWiki tail section ("== See also ==", "==Sources==", any level) starts in
/// `body`, if one does after some text.
fn wiki_tail(body: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = body[from..].find("==").map(|i| from + i) {
        let open = body[i..].len() - body[i..].trim_start_matches('=').len();
        let rest = &body[i + open..];
        if let Some(close) = rest.find("==") {
            let title = rest[..close].trim();
            if i > 0 && WIKI_TAIL.iter().any(|t| title.eq_ignore_ascii_case(t)) {
                return Some(i);
            }
        }
        from = i + open;
    }
    None
}

/// Returns `body` without the boilerplate at its end: a MediaWiki tail section and everything after
/// it, then boilerplate lines (and blank lines). Boilerplate in the middle of the text is left
/// alone: only a run that ends the article is cut.
pub(crate) fn trim_trailing(body: &str) -> &str {
    let body = wiki_tail(body).map_or(body, |i| &body[..i]);
    let mut end = body.trim_end().len();
    loop {
        let kept = &body[..end];
        let start = kept.rfind('\n').map_or(0, |i| i + 1);
        if start == 0 || !is_boilerplate(&kept[start..]) {
            return kept;
        }
        end = body[..start].trim_end().len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsletter_footer_is_cut() {
        let body = "Rubio met Lavrov.\nThey talked.\nDiscover more from RastriyaSamachar24x7\nSubscribe to get the latest posts sent to your email.\n";
        assert_eq!(trim_trailing(body), "Rubio met Lavrov.\nThey talked.");
    }

    #[test]
    fn copyright_and_share_lines_are_cut_but_attribution_stays() {
        let body = "The Senate voted.\n\nThe Associated Press contributed to this report.\n\nCopyright © 2019 The Washington Times, LLC. Click here for reprint permission.";
        assert_eq!(
            trim_trailing(body),
            "The Senate voted.\n\nThe Associated Press contributed to this report."
        );
        let usa = "Text.\nRead or Share this story: https://www.usatoday.com/story/news/1";
        assert_eq!(trim_trailing(usa), "Text.");
    }

    #[test]
    fn wiki_link_sections_are_cut() {
        // As the bundled Wikinews JSON has it: headings inline, after the story.
        let body = "US light crude fell US$1.57 to US$67.90 a barrel. == See also == *Bush authorizes oil release == Sources == *Reuters";
        assert_eq!(
            trim_trailing(body),
            "US light crude fell US$1.57 to US$67.90 a barrel."
        );
        assert_eq!(trim_trailing("Text.\n==Related news==\n*Other"), "Text.");
        // Content sections stay.
        let data = "Markets fell. ==Market data== The FTSE closed at 5,000.";
        assert_eq!(trim_trailing(data), data);
    }

    #[test]
    fn boilerplate_words_inside_the_story_stay() {
        let body = "Readers were told to subscribe to our rival.\nThe paper closed.";
        assert_eq!(trim_trailing(body), body);
        // A one-line article is never cut to nothing.
        assert_eq!(trim_trailing("Read more about it"), "Read more about it");
    }
}
