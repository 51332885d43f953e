//! What the `newsdex serve` tests share: a server process on an ephemeral loopback port, the test
//! index it serves, and a plain HTTP/1.1 client over `std::net::TcpStream` (one request per
//! connection), enough to talk to the server and to a WebDriver.

pub mod webdriver;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use newsdex::search::fixtures;

/// The test articles' folder.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
/// An article whose title, body, source, url and byline hold HTML that would run script if a page
/// inserted it as HTML.
pub const HOSTILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/serve/hostile.json"
);

/// A temporary folder with `index/` holding the search test articles
/// (tests/fixtures/search/articles.jsonl).
pub fn fixture_index() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fixtures::in_dir(&dir.path().join("index"), &fixtures::articles()).unwrap();
    dir
}

/// The id of the seed article (Rubio and Lavrov in Kuala Lumpur) in the fixture index.
pub fn seed_id() -> String {
    fixtures::articles()
        .iter()
        .find(|f| f.path.contains("kuala-lumpur"))
        .unwrap()
        .id()
}

/// Runs `newsdex ARGS` in `dir` to its end.
pub fn newsdex(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .current_dir(dir)
        .env_remove("NEWSDEX_INDEX")
        .args(args)
        .output()
        .unwrap()
}

/// Indexes `file` into `dir/index` with `newsdex index`, the way a user adds articles.
pub fn index_file(dir: &Path, file: &str) {
    let out = newsdex(dir, &["--index", "index", "index", file]);
    assert!(
        out.status.success(),
        "newsdex index {file}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running `newsdex serve`; stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`, as the server printed it.
    pub addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `newsdex ARGS serve EXTRA` in `dir`, on `--addr 127.0.0.1:0` unless EXTRA gives an
    /// address, and waits for the line that gives its address. Panics with the server's stderr if
    /// it stops before printing it.
    pub fn start(dir: &Path, args: &[&str], extra: &[&str]) -> Server {
        let addr: &[&str] = if extra.contains(&"--addr") {
            &[]
        } else {
            &["--addr", "127.0.0.1:0"]
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .current_dir(dir)
            .env_remove("NEWSDEX_INDEX")
            .args(args)
            .arg("serve")
            .args(addr)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let out = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(line) => {
                let addr = line
                    .split("http://")
                    .nth(1)
                    .and_then(|rest| rest.split('/').next())
                    .unwrap_or_else(|| panic!("no address in {line:?}"))
                    .to_string();
                Server {
                    child,
                    addr,
                    stderr,
                }
            }
            Err(_) => {
                let _ = child.kill();
                let status = child.wait().unwrap();
                std::thread::sleep(Duration::from_millis(100));
                panic!(
                    "newsdex serve did not start ({status}): {}",
                    stderr.lock().unwrap()
                );
            }
        }
    }

    /// `GET path` on this server.
    pub fn get(&self, path: &str) -> Response {
        request(&self.addr, "GET", path, &[], None)
    }

    /// `GET path`, expecting 200 and JSON.
    pub fn json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.body);
        assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
        r.json()
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What the server wrote on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Returns true if and only if the server writes `text` on stderr (waiting a bounded time for
    /// what it has written to arrive).
    pub fn said(&self, text: &str) -> bool {
        eventually(100, || self.stderr().contains(text))
    }

    /// Sends SIGINT (what Ctrl-C sends) and waits for the server to exit.
    pub fn interrupt(mut self) -> (ExitStatus, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success());
        let status = self.child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(100));
        (status, self.stderr())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
pub struct Response {
    pub status: u16,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Response {
    /// The first value of header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }
}

/// Sends one HTTP/1.1 request to `addr` (`HOST:PORT`) on a new connection and reads the answer.
/// `target` is sent as written, so tests can send malformed paths. Panics, naming the address, if
/// the connection fails.
pub fn request(
    addr: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Response {
    try_request(addr, method, target, headers, body)
        .unwrap_or_else(|e| panic!("{method} {target} to {addr}: {e}"))
}

/// [`request`], returning the connection's error instead of panicking: for servers that may still
/// be starting (chromedriver accepts connections before it answers them).
pub fn try_request(
    addr: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if let Some(body) = body {
        stream.write_all(body.as_bytes())?;
    }
    read_response(&mut stream)
}

/// Reads one answer: the head, then a body of `Content-Length` bytes, or chunks, or everything up to
/// the end of the connection (some servers keep it open whatever the request asked).
fn read_response(stream: &mut TcpStream) -> std::io::Result<Response> {
    let mut raw = Vec::new();
    let mut buf = [0; 16 * 1024];
    let split = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the connection closed before the answer's head ended",
            ));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("no status line: {head:?}"),
            )
        })?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let mut body = raw[split + 4..].to_vec();
    let length = header("content-length").and_then(|v| v.parse::<usize>().ok());
    let chunked = header("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let complete = |body: &[u8]| match length {
        Some(n) => body.len() >= n,
        None => chunked && body.ends_with(b"0\r\n\r\n"),
    };
    while !complete(&body) {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    if let Some(n) = length {
        body.truncate(n);
    } else if chunked {
        body = dechunk(&body);
    }
    Ok(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        bytes: body,
    })
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// Polls `ready` every 100 ms, up to `tries` times; returns true if and only if it held once.
pub fn eventually(tries: usize, mut ready: impl FnMut() -> bool) -> bool {
    for _ in 0..tries {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// `target/` of this crate (where screenshots go).
pub fn target_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
