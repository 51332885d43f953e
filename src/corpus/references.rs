//! Character references in text that passed through HTML on its way to us: the `&#3;` of a wire
//! feed, the `&mdash;` and `&quot;` that news JSON exports carry in their headlines and bodies.
//! Decoded once, when an article is read, so that search, snippets and names see the characters.

/// Decodes numeric references (`&#N;`, `&#xN;`) and the named ones news text uses (`&lt;`, `&gt;`,
/// `&amp;`, `&quot;`, `&apos;`, `&nbsp;`, dashes, curly quotes, `&hellip;`, currency and a few
/// more). Control characters, whether written raw or as references (the wire's `&#2;`, `&#3;`), are
/// dropped, except tab and newline. Unknown references stay as written.
pub(crate) fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        push_text(&mut out, &rest[..i]);
        rest = &rest[i..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        match end.and_then(|end| Some((character(&rest[1..end])?, end + 1))) {
            Some((c, len)) => {
                if !c.is_control() || c == '\n' || c == '\t' {
                    out.push(c);
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_text(&mut out, rest);
    out
}

/// The character that the reference `&name;` stands for, if it is one this module knows.
fn character(name: &str) -> Option<char> {
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sect" => '§',
        "times" => '×',
        "frac12" => '½',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).unwrap_or('\u{fffd}')
        }
    };
    Some(c)
}

fn push_text(out: &mut String, s: &str) {
    out.extend(
        s.chars()
            .filter(|&c| !c.is_control() || c == '\n' || c == '\t'),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikinews_punctuation_becomes_characters() {
        // As the bundled Wikinews JSON writes it.
        let body = "The airline &mdash; grounded since 2008 &ndash; said &quot;no comment&quot; to \
                    AT&amp;T&nbsp;and&hellip;";
        assert_eq!(
            decode(body),
            "The airline — grounded since 2008 – said \"no comment\" to AT&T and…"
        );
    }

    #[test]
    fn unknown_or_unterminated_references_stay_as_written() {
        assert_eq!(
            decode("R&D &notareference; Q&A &"),
            "R&D &notareference; Q&A &"
        );
        assert_eq!(decode("&#x41;&#66;&#3;\u{3}"), "AB");
    }
}
