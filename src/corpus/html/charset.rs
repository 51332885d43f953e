//! Character sets of saved pages: turns a page's raw bytes into text, trusting (in this order) a
//! byte-order mark, the page's own `<meta charset>` or `http-equiv` content type, and otherwise
//! detection (chardetng). Never fails: undecodable bytes become U+FFFD.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::corpus::decode;

/// How far into the page to look for a charset declaration.
const PRESCAN: usize = 16 * 1024;

/// Decodes the page `bytes`. A BOM decides; else the page's declared charset, unless the page says
/// UTF-8 and is not (usually cp1252 saved under a wrong header), or says a legacy charset but is
/// valid UTF-8 with non-ASCII text (re-saved as UTF-8; real cp1252 text is almost never valid
/// UTF-8); else the corpus's text decoding (UTF-8, else detection).
pub fn decode(bytes: &[u8]) -> String {
    if Encoding::for_bom(bytes).is_none()
        && let Some(enc) = declared(bytes)
        && enc != UTF_8
        && (bytes.is_ascii() || std::str::from_utf8(bytes).is_err())
    {
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    decode::text(bytes).into_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_decides_latin1() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9 cr\xe8me \x96 na\xefve</body></html>";
        let text = decode(page);
        assert!(text.contains("Café crème – naïve"), "{text}");
    }

    #[test]
    fn http_equiv_content_type_decides() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93quoted\x94</p>";
        assert!(decode(page).contains("\u{201c}quoted\u{201d}"));
    }

    #[test]
    fn declared_cyrillic_beats_guessing() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("<meta charset=\"windows-1251\"><p>Москва</p>");
        assert!(decode(&bytes).contains("<p>Москва</p>"));
    }

    #[test]
    fn undeclared_cp1252_is_detected() {
        let page = "<p>Le pr\u{e9}sident fran\u{e7}ais a d\u{e9}clar\u{e9} que la r\u{e9}forme \u{e9}tait n\u{e9}cessaire.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        assert_eq!(decode(&bytes), page);
    }

    #[test]
    fn bom_wins_and_is_stripped() {
        let mut page = vec![0xef, 0xbb, 0xbf];
        page.extend_from_slice("<meta charset=\"iso-8859-1\"><p>Zoë</p>".as_bytes());
        let text = decode(&page);
        assert!(text.starts_with("<meta") && text.contains("Zoë"), "{text}");
    }

    #[test]
    fn utf8_page_under_a_latin1_label_stays_utf8() {
        let page = "<meta charset=\"iso-8859-1\"><p>São Paulo</p>".as_bytes();
        assert!(decode(page).contains("São Paulo"));
    }
}
