//! From stored bytes to text: gunzip of a file read whole (multi-member, bounded, truncation
//! detected; streams are gunzipped by `stream`), binary detection,
//! BOM stripping, and character decoding (UTF-8, else the encoding the bytes most likely use).

use std::borrow::Cow;
use std::io::Read;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Largest file newsdex reads, once decompressed, when one file may hold many articles (JSON, JSON
/// Lines, SGML, WARC): 256 MiB. Larger files are skipped, or for gzip read up to the limit.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Largest single article newsdex reads: 16 MiB, for a text or HTML file and for one JSON Lines
/// line. News articles are well under 1 MiB; anything larger is not one article.
pub const MAX_ARTICLE_BYTES: usize = 16 << 20;

/// Returns true if and only if `bytes` start with the gzip magic number.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses all the gzip members in `bytes` (a file read whole), up to `limit` bytes of output.
/// `Err` says why when the stream is truncated or corrupt, or decompresses to more than `limit`.
pub(crate) fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut decoder = flate2::bufread::MultiGzDecoder::new(bytes).take(limit + 1);
    match decoder.read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > limit => Err(format!(
            "decompresses to more than the {} MiB limit",
            limit >> 20
        )),
        Ok(_) => Ok(out),
        Err(e) => {
            let what = match e.kind() {
                std::io::ErrorKind::UnexpectedEof => "truncated gzip",
                _ => "corrupt gzip",
            };
            Err(format!(
                "{what} ({e}) after {} decompressed bytes",
                out.len()
            ))
        }
    }
}

/// The first `n` decompressed bytes of a gzip stream (fewer if it is shorter or damaged).
pub(crate) fn gunzip_head(bytes: &[u8], n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = flate2::bufread::MultiGzDecoder::new(bytes)
        .take(n)
        .read_to_end(&mut out);
    out
}

/// Returns what kind of binary data `bytes` hold (an image, an archive, …), or `None` when they look
/// like text in some encoding. Looks at the first 8 KiB: a known magic number (only those no text
/// starts with), a NUL byte (unless a UTF-16 BOM explains it), or more than 10% control characters.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "zip archive (or Office document)"),
        (b"\x1f\x8b", "gzip data"),
        (b"7z\xbc\xaf", "7-zip archive"),
        (b"\xfd7zXZ", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"\x7fELF", "executable"),
        (b"RIFF", "audio or video (RIFF)"),
        (b"OggS", "audio or video (Ogg)"),
        (b"\xd0\xcf\x11\xe0", "old Office document"),
        (b"SQLite format 3", "SQLite database"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    if bytes.len() > 8 && &bytes[4..8] == b"ftyp" {
        return Some("audio or video (MP4)");
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some("binary data (NUL bytes)");
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    (control * 10 > head.len()).then_some("binary data (control characters)")
}

/// Decodes `bytes` to text. A BOM decides the encoding (and is dropped). Valid UTF-8 is taken as is.
/// UTF-8 with a few stray bytes (a Latin-1 "£" in an otherwise UTF-8 file) keeps its UTF-8 and reads
/// each stray byte as Windows-1252, so no character is lost. Text with no UTF-8 at all is decoded
/// with the encoding `chardetng` finds most likely; when it has fewer than 16 non-ASCII bytes to go
/// on, detection is a coin toss (a lone 0xA3 is "£" in Windows-1252 and "Ł" in ISO-8859-2), and
/// Windows-1252, the legacy encoding of English news, is assumed.
pub(crate) fn text(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == UTF_8 {
            return text(body);
        }
        return encoding.decode_without_bom_handling(body).0;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    if has_utf8_sequence(bytes) {
        return Cow::Owned(utf8_with_stray_bytes(bytes));
    }
    if bytes.iter().filter(|b| !b.is_ascii()).count() < 16 {
        return WINDOWS_1252.decode_without_bom_handling(bytes).0;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    // chardetng never answers UTF-16; guard anyway so the result is always text.
    let encoding = if encoding == UTF_16LE || encoding == UTF_16BE {
        WINDOWS_1252
    } else {
        encoding
    };
    encoding.decode_without_bom_handling(bytes).0
}

/// True if and only if `bytes` contain at least one valid multi-byte UTF-8 sequence.
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // `valid` is valid UTF-8 by construction.
                if !valid.is_ascii() {
                    return true;
                }
                match e.error_len() {
                    Some(n) => rest = &after[n..],
                    None => return false,
                }
            }
        }
    }
}

/// Decodes mostly-UTF-8 bytes, reading each byte that is not part of a valid sequence as Windows-1252.
fn utf8_with_stray_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let n = e.error_len().unwrap_or(after.len());
                out.push_str(&WINDOWS_1252.decode_without_bom_handling(&after[..n]).0);
                rest = &after[n..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn multi_member_gzip_is_read_whole() {
        let mut two = gzip(b"first member\n");
        two.extend(gzip(b"second member\n"));
        assert_eq!(
            gunzip(&two, 1 << 20).unwrap(),
            b"first member\nsecond member\n"
        );
    }

    #[test]
    fn truncated_gzip_is_damage_not_a_short_file() {
        let text = "Namibia braces for Nujoma exit. ".repeat(2000);
        let whole = gzip(text.as_bytes());
        let cut = &whole[..whole.len() / 2];
        let damage = gunzip(cut, 1 << 20).unwrap_err();
        assert!(damage.starts_with("truncated gzip"), "{damage}");
        // Only the 8-byte trailer missing: the text is all there, but the file is still damaged.
        assert!(gunzip(&whole[..whole.len() - 4], 1 << 20).is_err());
    }

    #[test]
    fn gzip_over_the_limit_stops_at_the_limit() {
        let big = gzip(&vec![b'a'; 100_000]);
        let damage = gunzip(&big, 1000).unwrap_err();
        assert!(damage.contains("limit"));
    }

    #[test]
    fn latin1_byte_in_utf8_text_becomes_its_character() {
        // bbc/sport/199.txt: a lone 0xA3 for the pound sign.
        assert_eq!(
            text(b"worth \xa3600m to the club"),
            "worth £600m to the club"
        );
        // Mixed: real UTF-8 stays, the stray byte is read as Windows-1252.
        assert_eq!(
            text(
                "Sergéy paid \u{20ac}5 and "
                    .as_bytes()
                    .iter()
                    .chain(b"\xa35")
                    .copied()
                    .collect::<Vec<_>>()
                    .as_slice()
            ),
            "Sergéy paid €5 and £5"
        );
        // reut2-017.sgm: 0xFC.
        assert_eq!(text(b"growth.\xfc side measures"), "growth.ü side measures");
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let cyrillic = encoding_rs::WINDOWS_1251
            .encode("Сергей Лавров встретился с Марко Рубио в Куала-Лумпуре.")
            .0;
        assert_eq!(
            text(&cyrillic),
            "Сергей Лавров встретился с Марко Рубио в Куала-Лумпуре."
        );
        let german = WINDOWS_1252
            .encode("Die Bundesregierung prüft höhere Zölle für Stahl aus Übersee; Größe zählt.")
            .0;
        assert_eq!(
            text(&german),
            "Die Bundesregierung prüft höhere Zölle für Stahl aus Übersee; Größe zählt."
        );
    }

    #[test]
    fn boms_are_stripped_and_decide_the_encoding() {
        assert_eq!(text(b"\xef\xbb\xbfHeadline"), "Headline");
        assert_eq!(text(b"\xff\xfeH\0i\0"), "Hi");
        assert_eq!(text(b"\xfe\xff\0H\0i"), "Hi");
    }

    #[test]
    fn binary_is_recognised_and_text_is_not() {
        assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n...."), Some("PNG image"));
        assert_eq!(binary_kind(b"abc\0def"), Some("binary data (NUL bytes)"));
        assert_eq!(
            binary_kind("Plain news text, with “quotes”.".as_bytes()),
            None
        );
        assert_eq!(binary_kind(b"\xff\xfeH\0i\0"), None);
    }
}
