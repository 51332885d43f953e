//! Every reader on thousands of damaged inputs: a deterministic mutation run (bytes flipped, cut,
//! repeated, spliced with the tokens each format is built from) over one sample per format. The
//! readers must return articles or problems, never panic, and every problem must be one line.

use std::path::Path;

use newsdex::corpus;

/// A small xorshift generator: the same inputs on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999999999999999\r\n",
    b"Content-Length: 5\n",
    b"\r\n\r\n",
    b"\n\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\n",
    b"Content-Encoding: gzip\r\n",
    b"<REUTERS>",
    b"</REUTERS>",
    b"<TEXT TYPE=\"UNPROC\">",
    b"<TITLE>",
    b"<DATE>",
    b"&#3;",
    b"&#99999999;",
    b"&#x110000;",
    b"&",
    b"{\"title\": ",
    b"[[[[[[[[",
    b"\"",
    b"\\u00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xa3",
    b"\xc3",
    b"\x1f\x8b\x08\x00",
    b"---\n",
    b"# ",
    b"2019-02-30T25:61:61+99:99",
    b"\xe2\x82\xac",
];

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>Rubio meets Lavrov</title></head><body><p>They met.</p></body></html>";
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a/1\r\nWARC-Date: 2014-08-02T09:52:13Z\r\nContent-Length: {}\r\n\r\n{page}\r\n\r\nWARC/1.0\nWARC-Type: request\nContent-Length: 3\n\nGET\n\n",
        page.len()
    );
    let sgml = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<PEOPLE><D>reagan</D></PEOPLE>\n<TEXT>&#2;\n<TITLE>BAHIA COCOA &lt;REVIEW&gt;</TITLE>\n<AUTHOR>    By Peter Torday, Reuters</AUTHOR>\n<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued\nthroughout the week.\n    The dry period ended.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n<REUTERS NEWID=\"2\"><TEXT TYPE=\"UNPROC\">&#2;\nTABLE 1\n 1.0 vs 2.0\n&#3;</TEXT></REUTERS>\n";
    let jsonl = "{\"title\": \"A\", \"body\": \"Rubio met Lavrov.\", \"date\": \"8/19/19\", \"authors\": \"Ann Lee, Bo Chen\"}\n{\"headline\": \"B\", \"articleBody\": \"Text.\", \"publisher\": {\"name\": \"X\"}, \"datePublished\": 1595347200}\n";
    let json = "[{\"title\": \"A\", \"content\": \"a\", \"content_original\": \"b\", \"author\": [{\"name\": \"Ann\"}]}, {\"title\": \"B\"}]";
    let text = "---\ntitle: Rubio meets Lavrov\ndate: July 21, 2020\nauthors:\n  - Ann Lee\n---\nRubio meets Lavrov\n\nThey met in Kuala Lumpur. They talked.\nDiscover more from X\nSubscribe to get the latest posts sent to your email.\n";
    let html = "<!DOCTYPE html><html><head><meta charset=\"iso-8859-1\"><title>A | Site</title></head><body><h1>A</h1><p>\u{a3}5</p></body></html>";
    vec![
        ("x.warc", warc.clone().into_bytes()),
        ("x.warc.gz", gzip(warc.as_bytes())),
        ("x.sgm", sgml.as_bytes().to_vec()),
        ("x.jsonl", jsonl.as_bytes().to_vec()),
        ("x.jsonl.gz", gzip(jsonl.as_bytes())),
        ("x.json", json.as_bytes().to_vec()),
        ("x.md", text.as_bytes().to_vec()),
        ("x.txt.gz", gzip(text.as_bytes())),
        ("x.html", html.as_bytes().to_vec()),
        ("noextension", warc.into_bytes()),
        ("noextension", sgml.as_bytes().to_vec()),
        ("noextension", jsonl.as_bytes().to_vec()),
    ]
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = rng.next() as u8;
            }
            1 => out.truncate(at),
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            3 if at < out.len() => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                let piece = out[at..end].to_vec();
                out.splice(at..at, piece);
            }
            4 if at < out.len() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            _ => {
                let n = rng.below(8);
                out.splice(at..at, (0..n).map(|_| rng.next() as u8));
            }
        }
    }
    out
}

#[test]
fn damaged_input_never_panics() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut articles = 0;
    for (name, sample) in samples() {
        let path = Path::new(name);
        // The sample itself reads (the page only once the HTML extractor finds its text).
        let read = corpus::read_bytes(path, &sample);
        assert!(
            read.is_ok() || name.ends_with(".html"),
            "{name}: {:?}",
            read.err()
        );
        for _ in 0..10_000 {
            let input = mutate(&mut rng, &sample);
            match corpus::read_bytes(path, &input) {
                Ok(read) => {
                    articles += read.articles.len();
                    for p in &read.problems {
                        assert!(!p.to_string().contains('\n'), "{p}");
                    }
                }
                Err(p) => assert!(!p.to_string().contains('\n'), "{p}"),
            }
        }
    }
    assert!(articles > 0);
}
