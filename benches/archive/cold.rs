//! What a user lives with (issue 10): a command-line search as one process from start to exit, and
//! `newsdex serve` under concurrent load — beside a one-query raw tantivy process and ripgrep over
//! the same articles, in the same run.
//!
//! Every sample is a process of its own, timed from spawn to exit by this process (the page cache
//! is warm, as for a user who searches again; the process is cold: it opens the index, answers and
//! exits). Peak RSS of each process comes from `/usr/bin/time -f %M` when it is installed.
//!
//! - `newsdex search`: every search query of the set (`newsdex --index DIR search Q [filters]
//!   --json`);
//! - `newsdex people`: `people --limit 10`, the set's people queries, and `people --with NAME` for
//!   the set's person filters;
//! - `tantivy`: one query per process (`archive index`'s raw tantivy index, through this binary's
//!   `tantivy-one` child: open, top 10 with stored documents, exit);
//! - `rg`: `rg -c -i -w -F -e WORD…` over the scaled corpus's JSON Lines for the first queries
//!   with words (ripgrep reads every byte each time).
//!
//! Serve: `newsdex serve` on the index, then `examples/serve_load` with 20 clients (every answer
//! carries its facets over all matches).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::queries::BenchQuery;

/// Process timings of one command line.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ColdRun {
    /// What ran: "newsdex search", "newsdex people", "tantivy", "rg".
    pub command: String,
    /// Wall time of each process, ms.
    pub samples_ms: Vec<f64>,
    /// Highest peak RSS of the processes, kB (0 when unknown).
    pub peak_rss_kb: u64,
    /// Processes that did not exit 0 (for rg: 1 means no match, which is not a failure).
    pub failed: usize,
    pub load: f64,
}

/// `newsdex serve` under load.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServeRun {
    pub clients: usize,
    pub requests: u64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub failed: u64,
    /// The load generator's summary line, as printed.
    pub line: String,
    pub load: f64,
}

/// How many processes of each kind (`rounds` over the query set; rg once over its first queries),
/// and an earlier newsdex binary to time beside this one on the same index (`--before BIN`).
pub struct Plan {
    pub rounds: usize,
    pub rg_queries: usize,
    pub before: Option<PathBuf>,
}

/// The newsdex binary the benchmark measures (built with it, in the same profile).
fn newsdex_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_newsdex"))
}

/// Runs `command` once and returns its wall time in ms, its peak RSS in kB (0 if unknown) and
/// whether it succeeded (`ok_codes`).
fn time_process(mut command: Command, ok_codes: &[i32]) -> Result<(f64, u64, bool), String> {
    let rss_file = std::env::temp_dir().join(format!("newsdex-bench-rss-{}", std::process::id()));
    let timed = Path::new("/usr/bin/time").exists();
    let mut cmd = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file);
        c.arg(command.get_program());
        c.args(command.get_args());
        if let Some(dir) = command.get_current_dir() {
            c.current_dir(dir);
        }
        c
    } else {
        std::mem::replace(&mut command, Command::new("true"))
    };
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let started = Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    let rss = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()))
        .unwrap_or(0);
    let _ = std::fs::remove_file(&rss_file);
    Ok((
        ms,
        rss,
        status.code().is_some_and(|c| ok_codes.contains(&c)),
    ))
}

/// The arguments of `newsdex search`/`people` for query `q`.
fn newsdex_args(q: &BenchQuery) -> Vec<String> {
    let mut args = vec![
        if q.is_people() { "people" } else { "search" }.to_string(),
        q.q.clone(),
    ];
    for p in &q.persons {
        args.extend(["--person".to_string(), p.clone()]);
    }
    if let Some(s) = &q.since {
        args.extend(["--since".to_string(), s.clone()]);
    }
    if let Some(u) = &q.until {
        args.extend(["--until".to_string(), u.clone()]);
    }
    if q.by_date() && !q.is_people() {
        args.extend(["--sort".to_string(), "date".to_string()]);
    }
    args.push("--json".to_string());
    args
}

/// Times every command line of the plan against the newsdex index `newsdex`, the raw tantivy
/// index `tantivy` and the JSON Lines in `corpus`.
pub fn measure(
    newsdex: &Path,
    tantivy: Option<&Path>,
    corpus: &Path,
    set: &[BenchQuery],
    plan: &Plan,
) -> Result<Vec<ColdRun>, String> {
    let load = crate::report::load_average();
    let mut runs = Vec::new();
    let mut run = |name: &str, commands: Vec<Command>, ok: &[i32], rounds: usize| {
        let mut r = ColdRun {
            command: name.to_string(),
            samples_ms: Vec::new(),
            peak_rss_kb: 0,
            failed: 0,
            load,
        };
        for _ in 0..rounds {
            for c in &commands {
                let mut again = Command::new(c.get_program());
                again.args(c.get_args());
                let (ms, rss, success) = time_process(again, ok)?;
                r.samples_ms.push(ms);
                r.peak_rss_kb = r.peak_rss_kb.max(rss);
                r.failed += usize::from(!success);
            }
        }
        eprintln!(
            "   cold {name}: p50 {:.1} ms, p99 {:.1} ms over {} processes, peak RSS {} MiB{}",
            crate::report::percentile(&sorted(&r.samples_ms), 50.0),
            crate::report::percentile(&sorted(&r.samples_ms), 99.0),
            r.samples_ms.len(),
            r.peak_rss_kb / 1024,
            if r.failed > 0 {
                format!(", {} failed", r.failed)
            } else {
                String::new()
            }
        );
        runs.push(r);
        Ok::<(), String>(())
    };
    let command_of = |bin: &Path, args: Vec<String>| {
        let mut c = Command::new(bin);
        c.arg("--index").arg(newsdex).args(args);
        c
    };
    let this = newsdex_bin();
    let newsdex_command = |args: Vec<String>| command_of(&this, args);
    let searches: Vec<&BenchQuery> = set.iter().filter(|q| !q.is_people()).collect();
    run(
        "newsdex search",
        searches
            .iter()
            .map(|q| newsdex_command(newsdex_args(q)))
            .collect(),
        &[0],
        plan.rounds,
    )?;
    if let Some(before) = &plan.before {
        run(
            "newsdex search, earlier build",
            searches
                .iter()
                .map(|q| command_of(before, newsdex_args(q)))
                .collect(),
            &[0],
            1,
        )?;
    }
    let mut people: Vec<Command> = vec![newsdex_command(vec![
        "people".into(),
        "--limit".into(),
        "10".into(),
    ])];
    people.extend(
        set.iter()
            .filter(|q| q.is_people())
            .map(|q| newsdex_command(newsdex_args(q))),
    );
    let mut names: Vec<&String> = set.iter().flat_map(|q| &q.persons).collect();
    names.sort();
    names.dedup();
    people.extend(names.into_iter().map(|n| {
        newsdex_command(vec![
            "people".into(),
            "--with".into(),
            n.clone(),
            "--limit".into(),
            "10".into(),
        ])
    }));
    run("newsdex people", people, &[0], plan.rounds)?;
    if let Some(tantivy) = tantivy {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let commands = searches
            .iter()
            .map(|q| {
                let mut c = Command::new(&exe);
                c.arg("tantivy-one")
                    .arg(tantivy)
                    .arg(serde_json::to_string(&QueryJson::from(*q)).unwrap_or_default());
                c
            })
            .collect();
        run("tantivy", commands, &[0], plan.rounds)?;
    }
    if let Some(rg) = which("rg") {
        let files = crate::scaled::jsonl_files(corpus);
        let commands: Vec<Command> = searches
            .iter()
            .filter_map(|q| {
                let words: Vec<&str> =
                    q.q.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty() && *w != "OR")
                        .collect();
                (!words.is_empty()).then(|| {
                    let mut c = Command::new(&rg);
                    c.args(["-c", "-i", "-w", "-F"]);
                    for w in words {
                        c.arg("-e").arg(w);
                    }
                    c.args(&files);
                    c
                })
            })
            .take(plan.rg_queries)
            .collect();
        run("rg", commands, &[0, 1], 1)?;
    } else {
        eprintln!("   cold rg: skipped (ripgrep is not installed: apt-get install ripgrep)");
    }
    Ok(runs)
}

/// A query as the `tantivy-one` child takes it.
#[derive(Serialize, Deserialize)]
pub struct QueryJson {
    q: String,
    #[serde(default)]
    persons: Vec<String>,
    since: Option<String>,
    until: Option<String>,
    sort: Option<String>,
}

impl From<&BenchQuery> for QueryJson {
    fn from(q: &BenchQuery) -> QueryJson {
        QueryJson {
            q: q.q.clone(),
            persons: q.persons.clone(),
            since: q.since.clone(),
            until: q.until.clone(),
            sort: q.sort.clone(),
        }
    }
}

impl QueryJson {
    pub fn into_query(self) -> BenchQuery {
        BenchQuery {
            q: self.q,
            persons: self.persons,
            since: self.since,
            until: self.until,
            sort: self.sort,
            kind: None,
        }
    }
}

fn sorted(v: &[f64]) -> Vec<f64> {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// The path of program `name` on the PATH.
fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// Serves the index at `index` and loads it with `clients` clients for `requests` requests; with
/// `answers_kept`, passes it to `newsdex serve --answer-memory`.
pub fn serve(
    index: &Path,
    clients: usize,
    requests: usize,
    answers_kept: Option<usize>,
) -> Result<ServeRun, String> {
    let load = crate::report::load_average();
    let root = crate::crate_dir();
    let built = Command::new(env!("CARGO"))
        .args(["build", "--release", "--example", "serve_load"])
        .current_dir(root)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot build serve_load: {e}"))?;
    if !built.success() {
        return Err("cannot build examples/serve_load".into());
    }
    let port = 17_000 + (std::process::id() % 1000) as u16;
    let addr = format!("127.0.0.1:{port}");
    let mut server = Command::new(newsdex_bin())
        .arg("--index")
        .arg(index)
        .args(["serve", "--addr", &addr])
        .args(answers_kept.map(|n| format!("--answer-memory={n}")))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start newsdex serve: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(300);
    while std::net::TcpStream::connect(&addr).is_err() {
        if Instant::now() > deadline {
            let _ = server.kill();
            return Err("newsdex serve did not listen within 5 minutes".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = Command::new(root.join("target/release/examples/serve_load"))
        .args([
            addr.as_str(),
            "--clients",
            &clients.to_string(),
            "--requests",
            &requests.to_string(),
            "--seconds",
            "120",
        ])
        .output()
        .map_err(|e| format!("cannot run serve_load: {e}"));
    let _ = server.kill();
    let _ = server.wait();
    let output = output?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("requests in"))
        .ok_or_else(|| format!("serve_load printed no summary: {text}"))?
        .to_string();
    // "N requests in S s (R/s), F failed; latency ms: p50 A  p95 B  p99 C  max D"
    let number_after = |key: &str| -> f64 {
        line.split(key)
            .nth(1)
            .and_then(|rest| {
                rest.trim_start()
                    .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .next()
            })
            .and_then(|n| n.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let run = ServeRun {
        clients,
        requests: line
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        per_second: number_after("s ("),
        p50_ms: number_after("p50"),
        p99_ms: number_after("p99"),
        failed: number_after("), ") as u64,
        line,
        load,
    };
    let memory = match answers_kept {
        Some(0) => "no answer memory".to_string(),
        Some(n) => format!("answer memory {n}"),
        None => "answer memory".to_string(),
    };
    eprintln!("   serve, {clients} clients, {memory}: {}", run.line);
    Ok(run)
}
