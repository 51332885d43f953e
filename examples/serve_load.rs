//! Load on a running `newsdex serve`: N concurrent clients (default 20) on keep-alive loopback
//! connections ask `/api/search` (every answer carries facets over all matches) until a request
//! count or a time limit is reached, then the client-side latency percentiles are printed.
//!
//! The queries mix what a newsroom asks: one or two words, a person's name, a person filter over
//! every article, words within a year, date order, a second page. Names come from the index itself
//! (`/api/people`), so the mix fits any archive.
//!
//! ```text
//! newsdex serve --addr 127.0.0.1:7700 &
//! cargo run --release --example serve_load -- 127.0.0.1:7700 [--clients 20] [--requests 4000] [--seconds 60]
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "economy",
    "bank",
    "oil",
    "election",
    "president",
    "market",
    "government",
    "minister",
    "company",
    "prices",
    "court",
    "police",
    "shares",
    "trade",
    "war",
    "growth",
    "profit",
    "football",
    "film",
    "tax",
    "interest rates",
    "stock market",
    "prime minister",
    "foreign minister",
];

struct Options {
    addr: String,
    clients: usize,
    requests: usize,
    seconds: u64,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        addr: String::new(),
        clients: 20,
        requests: 4000,
        seconds: 60,
    };
    while let Some(a) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .filter(|&n| n > 0)
                .ok_or(format!("{name} needs a positive number"))
        };
        match a.as_str() {
            "--clients" => o.clients = number("--clients")?,
            "--requests" => o.requests = number("--requests")?,
            "--seconds" => o.seconds = number("--seconds")? as u64,
            _ if o.addr.is_empty() && !a.starts_with('-') => o.addr = a,
            _ => return Err(format!("unknown argument {a:?}")),
        }
    }
    if o.addr.is_empty() {
        return Err("give the server's HOST:PORT".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "serve_load: {e}\nusage: serve_load HOST:PORT [--clients N] [--requests N] [--seconds S]"
            );
            return ExitCode::from(2);
        }
    };
    let mut probe = match Client::connect(&o.addr) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "serve_load: cannot reach {}: {e}: start `newsdex serve` first",
                o.addr
            );
            return ExitCode::from(2);
        }
    };
    let people = probe
        .get("/api/people?limit=60")
        .ok()
        .and_then(|(_, body)| serde_json::from_str::<serde_json::Value>(&body).ok())
        .map(|v| {
            v["people"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p["name"].as_str().map(str::to_string))
                .collect::<Vec<String>>()
        })
        .unwrap_or_default();
    let articles = probe.get("/api/health").map(|(_, b)| b).unwrap_or_default();
    // Only questions the server answers with 200 go in the mix; the others are listed once.
    let (queries, refused): (Vec<String>, Vec<String>) = mix(&people)
        .into_iter()
        .partition(|path| probe.get(path).is_ok_and(|(status, _)| status == 200));
    for path in &refused {
        println!("left out (not 200): {path}");
    }
    let queries = Arc::new(queries);
    println!(
        "{} queries in the mix ({} people from the index, {} left out); {} clients, at most {} requests or {} s; health {}",
        queries.len(),
        people.len(),
        refused.len(),
        o.clients,
        o.requests,
        o.seconds,
        articles.trim()
    );

    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(o.requests)));
    let errors = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let started = Instant::now();
    let threads: Vec<_> = (0..o.clients)
        .map(|_| {
            let (next, latencies, errors, queries, addr) = (
                next.clone(),
                latencies.clone(),
                errors.clone(),
                queries.clone(),
                o.addr.clone(),
            );
            let limit = o.requests;
            std::thread::spawn(move || {
                let mut client = None;
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= limit || Instant::now() > deadline {
                        break;
                    }
                    let path = &queries[i % queries.len()];
                    let t = Instant::now();
                    let ok = match client.take().map_or_else(|| Client::connect(&addr), Ok) {
                        Ok(mut c) => match c.get(path) {
                            Ok((status, _)) => {
                                client = Some(c);
                                status == 200
                            }
                            Err(_) => false,
                        },
                        Err(_) => false,
                    };
                    if ok {
                        mine.push(t.elapsed());
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    let wall = started.elapsed();
    let mut l = latencies.lock().unwrap().clone();
    l.sort();
    let errors = errors.load(Ordering::Relaxed);
    if l.is_empty() {
        eprintln!("serve_load: no request succeeded ({errors} failed)");
        return ExitCode::FAILURE;
    }
    let pct = |p: f64| -> f64 {
        let i = ((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1;
        l[i].as_secs_f64() * 1000.0
    };
    println!(
        "{} requests in {:.1} s ({:.0}/s), {} failed; latency ms: p50 {:.2}  p95 {:.2}  p99 {:.2}  max {:.2}",
        l.len(),
        wall.as_secs_f64(),
        l.len() as f64 / wall.as_secs_f64(),
        errors,
        pct(0.50),
        pct(0.95),
        pct(0.99),
        l.last().unwrap().as_secs_f64() * 1000.0
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The query paths, in a fixed interleaved order: each kind of question in turn.
fn mix(people: &[String]) -> Vec<String> {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b' ' => "+".to_string(),
                b if b.is_ascii_alphanumeric() || b"-._~".contains(&b) => (b as char).to_string(),
                b => format!("%{b:02X}"),
            })
            .collect()
    };
    let mut out = Vec::new();
    for (i, word) in WORDS.iter().enumerate() {
        let other = WORDS[(i * 7 + 3) % WORDS.len()];
        out.push(format!("/api/search?q={}", enc(word)));
        out.push(format!("/api/search?q={}+{}", enc(word), enc(other)));
        out.push(format!("/api/search?q={}&sort=date&offset=10", enc(word)));
        out.push(format!(
            "/api/search?q={}&since={}&until={}",
            enc(word),
            2004 + i % 6,
            2004 + i % 6
        ));
        if !people.is_empty() {
            let person = &people[i % people.len()];
            out.push(format!("/api/search?q={}", enc(person)));
            out.push(format!("/api/search?q=*&person={}&sort=date", enc(person)));
        }
    }
    out
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    reader: BufReader<TcpStream>,
    addr: String,
}

impl Client {
    fn connect(addr: &str) -> std::io::Result<Client> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Client {
            reader: BufReader::new(stream),
            addr: addr.to_string(),
        })
    }

    /// `GET path`: the status and the body.
    fn get(&mut self, path: &str) -> std::io::Result<(u16, String)> {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}
