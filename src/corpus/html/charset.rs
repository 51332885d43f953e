//! Character sets of saved pages: turns a page's raw bytes into text, trusting (in this order) a
//! byte-order mark, the page's own `<meta charset>` or `http-equiv` content type, and otherwise
//! detection (chardetng). Never fails: undecodable bytes become U+FFFD.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How far into the page to look for a charset declaration.
const PRESCAN: usize = 16 * 1024;

/// Decodes the page `bytes`; `url` (where the page came from) helps detection through its
/// top-level domain.
pub fn decode(bytes: &[u8], url: Option<&str>) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let utf8 = std::str::from_utf8(bytes).is_ok();
    match declared(bytes) {
        // A page that says UTF-8 but is not is usually cp1252 saved under a wrong header.
        Some(enc) if enc == UTF_8 && !utf8 => {}
        // A legacy declaration on bytes that are valid UTF-8 with non-ASCII text: the page was
        // re-saved as UTF-8 (real cp1252 text is almost never valid UTF-8).
        Some(enc) if enc != UTF_8 && utf8 && !bytes.is_ascii() && enc.is_ascii_compatible() => {}
        Some(enc) => return enc.decode_without_bom_handling(bytes).0.into_owned(),
        None => {}
    }
    if utf8 {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    detector
        .guess(
            tld.as_deref().map(str::as_bytes),
            chardetng::Utf8Detection::Allow,
        )
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// The encoding named by the first `<meta>` tag in the page's head that declares one (`charset=`
/// or an `http-equiv` content type). UTF-16 declarations on byte-oriented pages mean UTF-8, as
/// browsers take them.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(start) = find(&lower[from..], b"<meta").map(|i| i + from) {
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(i) = find(tag, b"charset") {
            let rest = &tag[i + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(&b)))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    return Some(if enc == UTF_16LE || enc == UTF_16BE {
                        UTF_8
                    } else {
                        enc
                    });
                }
            }
        }
        from = end;
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The last label of the url's host ("uk" for `https://www.bbc.co.uk/news`), lowercase.
fn top_level_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?;
    let tld = host.trim_end_matches('.').rsplit('.').next()?;
    (!tld.is_empty() && host.contains('.')).then(|| tld.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_decides_latin1() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9 cr\xe8me \x96 na\xefve</body></html>";
        let text = decode(page, None);
        assert!(text.contains("Café crème – naïve"), "{text}");
    }

    #[test]
    fn http_equiv_content_type_decides() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93quoted\x94</p>";
        assert!(decode(page, None).contains("\u{201c}quoted\u{201d}"));
    }

    #[test]
    fn undeclared_cp1252_is_detected() {
        let page = "<p>Le pr\u{e9}sident fran\u{e7}ais a d\u{e9}clar\u{e9} que la r\u{e9}forme \u{e9}tait n\u{e9}cessaire.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        assert_eq!(decode(&bytes, Some("https://www.lemonde.fr/a")), page);
    }

    #[test]
    fn bom_wins_and_is_stripped() {
        let mut page = vec![0xef, 0xbb, 0xbf];
        page.extend_from_slice("<meta charset=\"iso-8859-1\"><p>Zoë</p>".as_bytes());
        let text = decode(&page, None);
        assert!(text.starts_with("<meta") && text.contains("Zoë"), "{text}");
    }

    #[test]
    fn utf8_page_under_a_latin1_label_stays_utf8() {
        let page = "<meta charset=\"iso-8859-1\"><p>São Paulo</p>".as_bytes();
        assert!(decode(page, None).contains("São Paulo"));
    }

    #[test]
    fn tld_of_urls() {
        assert_eq!(
            top_level_domain("https://www.bbc.co.uk/news").as_deref(),
            Some("uk")
        );
        assert_eq!(
            top_level_domain("http://user@example.com:8080/x").as_deref(),
            Some("com")
        );
        assert_eq!(top_level_domain("localhost"), None);
    }
}
