//! Page furniture that sits among a story's paragraphs but is not the story: widget labels
//! ("Advertisement", "Read more", in several languages), share and follow prompts, taxonomy lines
//! ("Filed under: …"), gallery counters ("Image 1 of 5"), photo credits and datelines
//! ("Published Nov. 20, 2019 5:52 AM EST"). Each rule looks at one short text block alone.

/// Labels that are furniture when they are the whole block (compared lowercase, without trailing
/// punctuation).
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "advertisement", "advertising", "advert", "ad", "ads", "sponsored", "sponsored content", "anzeige", "werbung",
    "publicidad", "publicité", "pubblicità", "publicidade", "reklama", "advertentie", "iklan", "реклама", "광고", "広告",
    "广告", "read more", "continue reading", "share", "share this", "share this article", "share this story", "tweet",
    "email", "print", "comments", "related", "related articles", "related stories", "see also", "more", "loading",
    "click here", "subscribe", "follow us", "tags", "topics", "don't miss", "don’t miss", "most read", "trending",
    "story continues below advertisement", "article continues below advertisement",
    "scroll to continue with content", "skip advertisement", "leia mais", "leggi anche", "lesen sie auch",
];

/// Openings of short prompts and taxonomy lines.
#[rustfmt::skip]
const OPENINGS: &[&str] = &[
    "share this", "share on", "like this story", "follow us", "sign up for", "subscribe to", "read more:",
    "read also", "see also:", "related:", "filed under", "tags:", "tagged:", "tagged with", "categories:",
    "category:", "posted in", "image credit", "photo credit", "picture credit", "credit:", "photo:", "image:", "reading time",
    "tempo de leitura", "tiempo de lectura", "temps de lecture", "lesezeit", "copyright", "©", "ⓒ", "(c) ",
];

/// Returns true if and only if the text block `text` is furniture by one of the rules above.
pub fn is_furniture(text: &str) -> bool {
    let chars = text.chars().count();
    if !text.chars().any(|c| c.is_alphanumeric() || c == '_') {
        return true;
    }
    if chars > 120 {
        return false;
    }
    let lower = text.trim().to_lowercase();
    let bare = lower
        .trim_end_matches([':', '.', '»', '›', '→', '>', '!', ' '])
        .trim_start_matches(['«', '‹', ' ']);
    if LABELS.contains(&bare) {
        return true;
    }
    if chars <= 80 && OPENINGS.iter().any(|o| lower.starts_with(o)) {
        return true;
    }
    is_counter(&lower)
        || is_credit(&lower)
        || (chars <= 80 && is_dateline(&lower))
        || is_byline(text)
}

/// Returns true if and only if `text` is a byline standing as its own block: "By Robin White",
/// "BY ANN LEE AND BO CHEN | Reuters" (short, capitalised names, not a sentence).
pub fn is_byline(text: &str) -> bool {
    let t = text.trim();
    let Some(rest) = ["By ", "BY ", "by "].iter().find_map(|p| t.strip_prefix(p)) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && t.chars().count() <= 80
        && words.len() <= 10
        && !t.ends_with(['.', '!', '?'])
        && words[0].chars().next().is_some_and(char::is_uppercase)
}

/// "image 1 of 5", "image 1 of / 5", "1 of 5", "5 min read".
fn is_counter(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if let [n, "min" | "mins" | "minute" | "minutes", "read"] = words.as_slice() {
        return n.chars().all(|c| c.is_ascii_digit());
    }
    let num = |w: &&str| w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [a, "of", b] => num(a) && num(b),
        [kind, a, "of", b] => {
            matches!(*kind, "image" | "photo" | "picture" | "slide") && num(a) && num(b)
        }
        _ => false,
    }
}

/// A caption's credit: "(image: getty)", "(photo: ap)" closing a short block.
fn is_credit(lower: &str) -> bool {
    let t = lower.trim_end();
    let Some(open) = t.rfind('(') else {
        return false;
    };
    t.ends_with(')')
        && [
            "(image:",
            "(photo:",
            "(picture:",
            "(credit:",
            "(image credit",
            "(photo credit",
            "(pic:",
        ]
        .iter()
        .any(|p| t[open..].starts_with(p))
}

/// A line that only says when the story was published: it names a year and a month or a clock
/// time, and does not read as a sentence ("Published November 20th, 2019 - 07:29 GMT").
fn is_dateline(lower: &str) -> bool {
    let t = lower.trim();
    if t.ends_with(['.', '!', '?', '"', '”', '’']) && !t.ends_with(" a.m.") && !t.ends_with(" p.m.")
    {
        return false;
    }
    let has_year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    if !has_year {
        return false;
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let is_month =
        |w: &str| w.len() >= 3 && w.len() <= 9 && MONTHS.iter().any(|m| w.starts_with(m));
    let has_month = t.split(|c: char| !c.is_alphabetic()).any(is_month);
    let has_clock = t
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let announced = [
        "posted",
        "published",
        "updated",
        "last updated",
        "first published",
        "date:",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    // Words that are not part of a date, a time or the usual "Published on … by …" frame.
    const FRAME: &[&str] = &[
        "posted",
        "published",
        "updated",
        "last",
        "first",
        "on",
        "at",
        "by",
        "date",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "gmt",
        "utc",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "bst",
        "cet",
        "ist",
        "th",
        "st",
        "nd",
        "rd",
    ];
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let other_words = t
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            !w.is_empty()
                && !FRAME.contains(w)
                && !is_month(w)
                && !DAYS.iter().any(|d| w.starts_with(d))
        })
        .count();
    (has_month || has_clock || announced) && other_words <= 2 && !t.contains('@')
}

#[cfg(test)]
mod tests {
    use super::is_furniture;

    #[test]
    fn furniture_lines() {
        for line in [
            "Advertisement",
            "ADVERTISEMENT",
            "Iklan",
            "Read more »",
            "Like this story? Share it with a friend!",
            "Filed under: Politics | Elections",
            "Image 1 of 5",
            "Image 1 of / 23",
            "4 min read",
            "Copyright ⓒ Entermedia.co.kr. All rights reserved",
            "© John Brecher Needle poking skin during administration of a flu shot.",
            "The protests kicked off in June and have strengthened in size (Image: GETTY )",
            "Nov. 20, 2019 5:52 AM EST",
            "Published November 20th, 2019 - 07:29 GMT",
            "First Published on Nov 20, 2019 01:38 pm",
            "Posted on Maret 30, 2015 by Admin",
            "By Robin White",
            "BY ANN LEE AND BO CHEN | Reuters",
            "* * *",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn story_lines_are_not_furniture() {
        for line in [
            "The festival runs until June 30, 2019.",
            "“We cannot ask families to bail out their kitchens every February,” Rahman said.",
            "He was 55.",
            "Share prices fell by 3% on Monday after the announcement.",
            "Advertising revenue fell by a fifth in 2019, the company said, and it will cut 300 jobs.",
            "Updates",
            "By Thursday the river had risen two metres.",
            "By the time the council met, the water had gone.",
            "In March 2019 the council voted against the plan",
            "— The Nigerian Senate (@NGRSenate) October 9, 2018",
            "___",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
