//! The archive benchmark of issue 5: indexing and search speed at 10k, 100k and 1M articles,
//! newsdex side by side with raw tantivy and SQLite FTS5, measured in one run.
//!
//! ```text
//! cargo bench --bench archive --features bench-fts5                     # 10k, 100k, 1M; writes BENCHMARKS.md
//! cargo bench --bench archive --features bench-fts5 -- run --articles 10000,100000
//! cargo bench --bench archive -- corpus --articles 100000 --out target/bench/corpus-100000
//! cargo bench --bench archive -- report --articles 10000,100000,1000000  # BENCHMARKS.md from saved results
//! cargo bench --bench archive -- big-files --articles 1000000 --pages 60000 --out DIR  # issue 11
//! ```
//!
//! `run` makes the scaled corpus of each size (`scaled.rs`), then indexes it with each engine and
//! runs the query set (`benches/queries.json`) against each index. Every measurement runs in a
//! child process of this binary (`index ENGINE CORPUS INDEX`, `query ENGINE INDEX`), which reports
//! its own peak RSS (VmHWM) with its figures as one JSON line, so engines never share memory or
//! caches inside a process. Results are kept under `target/bench/results/` and BENCHMARKS.md is
//! written from them (`report.rs`).

mod bigfiles;
mod cold;
mod engines;
#[cfg(feature = "bench-fts5")]
mod fts5;
mod queries;
mod report;
mod scaled;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::engines::{Engine, micros};
use crate::queries::BenchQuery;

/// The engines measured, in table order.
pub const ENGINES: [&str; 4] = ["newsdex", "newsdex-no-entities", "tantivy", "fts5"];

/// What an indexing child reports.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IndexRun {
    pub engine: String,
    pub articles: u64,
    /// Distinct people found (newsdex only).
    pub people: u64,
    pub secs: f64,
    /// CPU time of the child, every thread, user and system: what the run costs whatever the load.
    #[serde(default)]
    pub cpu_secs: f64,
    /// Size of the scaled corpus's JSON Lines.
    pub json_bytes: u64,
    pub peak_rss_kb: u64,
    /// Peak anonymous resident memory (RssAnon sampled every 50 ms): VmHWM without the pages of
    /// memory-mapped index files, which tantivy maps while merging segments.
    #[serde(default)]
    pub peak_anon_kb: u64,
    pub index_bytes: u64,
    /// 1-minute load average when the run started.
    pub load: f64,
}

/// One query's timings.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QueryTiming {
    pub label: String,
    pub people: bool,
    pub samples_us: Vec<f64>,
    /// Hits on the first page (at most 10) or people listed.
    pub hits: usize,
}

/// What a query child reports.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QueryRun {
    pub engine: String,
    pub queries: Vec<QueryTiming>,
    pub open_secs: f64,
    pub peak_rss_kb: u64,
    pub load: f64,
}

/// Everything measured at one corpus size.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SizeResults {
    pub articles: u64,
    pub index: Vec<IndexRun>,
    pub query: Vec<QueryRun>,
    /// What else was running when this size started (`ps`, top CPU users).
    pub others: String,
    /// The newsdex commit measured (`git describe --always --dirty`), when known.
    #[serde(default)]
    pub commit: String,
    /// Command lines as one process per query (`cold.rs`).
    #[serde(default)]
    pub cold: Vec<cold::ColdRun>,
    /// `newsdex serve` under load, with its memory of recent answers.
    #[serde(default)]
    pub serve: Option<cold::ServeRun>,
    /// The same without that memory (`--answer-memory 0`): every request computed.
    #[serde(default)]
    pub serve_computed: Option<cold::ServeRun>,
}

struct Args(Vec<String>);

impl Args {
    fn value(&self, flag: &str) -> Option<&str> {
        self.0
            .iter()
            .position(|a| a == flag)
            .and_then(|i| self.0.get(i + 1))
            .map(String::as_str)
    }

    fn path(&self, flag: &str, default: &str) -> PathBuf {
        PathBuf::from(self.value(flag).unwrap_or(default))
    }

    fn number(&self, flag: &str, default: u64) -> Result<u64, String> {
        self.value(flag).map_or(Ok(default), |v| {
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("{flag} wants a number, not {v:?}"))
        })
    }

    fn sizes(&self) -> Result<Vec<u64>, String> {
        self.value("--articles")
            .unwrap_or("10000,100000,1000000")
            .split(',')
            .map(|s| {
                s.trim()
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("--articles wants numbers like 10000,100000, not {s:?}"))
            })
            .collect()
    }

    /// The positional arguments after the subcommand.
    fn positional(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut skip = false;
        for a in self.0.iter().skip(1) {
            if skip {
                skip = false;
            } else if a.starts_with("--") {
                skip = a != "--bench";
            } else {
                out.push(a.as_str());
            }
        }
        out
    }
}

fn main() {
    // `cargo bench` passes --bench; everything else is ours.
    let args = Args(
        std::env::args()
            .skip(1)
            .filter(|a| a != "--bench")
            .collect(),
    );
    let command = args.0.first().map(String::as_str).unwrap_or("run");
    let result = match command {
        "run" => run(&args),
        "report" => report_only(&args),
        "corpus" => corpus(&args),
        "big-files" => bigfiles::run(&args),
        "index" => child_index(&args),
        "query" => child_query(&args),
        "cold" => cold_only(&args),
        "tantivy-one" => child_tantivy_one(&args),
        other => Err(format!(
            "unknown command {other:?}: use run, report, corpus, cold, big-files (index, query \
             and tantivy-one are run by `run`)"
        )),
    };
    if let Err(e) = result {
        eprintln!("archive bench: {e}");
        std::process::exit(1);
    }
}

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bench_dir(args: &Args) -> PathBuf {
    args.value("--dir")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir().join("target/bench"))
}

fn corpus_dir(dir: &Path, n: u64) -> PathBuf {
    dir.join(format!("corpus-{n}"))
}

fn index_path(dir: &Path, n: u64, engine: &str) -> PathBuf {
    if engine == "fts5" {
        dir.join(format!("fts5-{n}.sqlite"))
    } else {
        dir.join(format!("index-{n}-{engine}"))
    }
}

fn results_path(dir: &Path, n: u64) -> PathBuf {
    dir.join("results").join(format!("{n}.json"))
}

fn queries_path(args: &Args) -> PathBuf {
    args.value("--queries")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir().join("benches/queries.json"))
}

/// `corpus --articles N --out DIR [--per-file 1000] [--data ../shared/data]`
fn corpus(args: &Args) -> Result<(), String> {
    let n = args.number("--articles", 10_000)?;
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| corpus_dir(&bench_dir(args), n));
    let data = args
        .value("--data")
        .map_or_else(|| crate_dir().join("../shared/data"), PathBuf::from);
    let started = Instant::now();
    let sources = scaled::sources(&data)?;
    let census = scaled::Census::read(&data)?;
    let written = scaled::write(&sources, &census, n, args.number("--per-file", 1000)?, &out)?;
    eprintln!(
        "{} articles ({:.1} MB of JSON Lines, {} files, from {} source articles) in {} ({:.1} s)",
        written.articles,
        written.bytes as f64 / 1e6,
        written.files,
        sources.len(),
        written.dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Measures every size, saves the results, and writes the report.
fn run(args: &Args) -> Result<(), String> {
    let dir = bench_dir(args);
    let sizes = args.sizes()?;
    let data = args
        .value("--data")
        .map_or_else(|| crate_dir().join("../shared/data"), PathBuf::from);
    let per_file = args.number("--per-file", 1000)?;
    let rounds = args.number("--rounds", 5)?;
    let engines: Vec<&str> = match args.value("--engines") {
        Some(list) => list.split(',').collect(),
        None => ENGINES.to_vec(),
    };
    let queries = queries_path(args);
    queries::load(&queries)?;
    std::fs::create_dir_all(dir.join("results")).map_err(|e| e.to_string())?;
    let sources = scaled::sources(&data)?;
    let census = scaled::Census::read(&data)?;
    for &n in &sizes {
        let corpus = corpus_dir(&dir, n);
        eprintln!("== {n} articles: scaled corpus in {}", corpus.display());
        let written = scaled::write(&sources, &census, n, per_file, &corpus)?;
        let mut results = SizeResults {
            articles: n,
            others: report::other_processes(),
            commit: commit(),
            ..SizeResults::default()
        };
        for &engine in &engines {
            if engine == "fts5" && !cfg!(feature = "bench-fts5") {
                eprintln!("   fts5: skipped (build with --features bench-fts5)");
                continue;
            }
            let index = index_path(&dir, n, engine);
            remove(&index)?;
            let mut run: IndexRun = child(&[
                "index",
                engine,
                &corpus.to_string_lossy(),
                &index.to_string_lossy(),
            ])?;
            run.json_bytes = written.bytes;
            eprintln!(
                "   index {engine}: {} articles in {:.1} s ({:.1} s of CPU), {:.0} articles/s, peak RSS {} MB ({} MB anonymous), index {} MB",
                run.articles,
                run.secs,
                run.cpu_secs,
                run.articles as f64 / run.secs,
                run.peak_rss_kb / 1024,
                run.peak_anon_kb / 1024,
                run.index_bytes >> 20
            );
            results.index.push(run);
        }
        for &engine in engines.iter().filter(|e| **e != "newsdex-no-entities") {
            let index = index_path(&dir, n, engine);
            if !index.exists() {
                continue;
            }
            let run: QueryRun = child(&[
                "query",
                engine,
                &index.to_string_lossy(),
                "--queries",
                &queries.to_string_lossy(),
                "--rounds",
                &rounds.to_string(),
            ])?;
            let all = report::latencies(&run, false);
            eprintln!(
                "   query {engine}: p50 {:.2} ms, p99 {:.2} ms over {} samples",
                report::percentile(&all, 50.0) / 1e3,
                report::percentile(&all, 99.0) / 1e3,
                all.len()
            );
            results.query.push(run);
        }
        cold_and_serve(args, &dir, n, &mut results)?;
        let json = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
        keep_earlier(&dir, n)?;
        std::fs::write(results_path(&dir, n), json).map_err(|e| e.to_string())?;
    }
    write_report(args, &dir, &sizes)
}

/// Measures the command lines one process per query, and `newsdex serve` under load, on the
/// indexes of size `n` in `dir` (`--cold-rounds R`, default 2; `--rg-queries N`, default 20;
/// `--serve-requests N`, default 2000, 0 for none; `--before BIN`, an earlier newsdex binary whose
/// searches are timed too, once).
fn cold_and_serve(
    args: &Args,
    dir: &Path,
    n: u64,
    results: &mut SizeResults,
) -> Result<(), String> {
    let newsdex = index_path(dir, n, "newsdex");
    if !newsdex.exists() {
        return Ok(());
    }
    let tantivy = index_path(dir, n, "tantivy");
    let set = queries::load(&queries_path(args))?;
    let plan = cold::Plan {
        rounds: args.number("--cold-rounds", 2)? as usize,
        rg_queries: args.number("--rg-queries", 20)? as usize,
        before: args.value("--before").map(PathBuf::from),
    };
    results.cold = cold::measure(
        &newsdex,
        tantivy.exists().then_some(tantivy.as_path()),
        &corpus_dir(dir, n),
        &set,
        &plan,
    )?;
    let requests = args.number("--serve-requests", 2000)? as usize;
    if requests > 0 {
        results.serve = Some(cold::serve(&newsdex, 20, requests, None)?);
        results.serve_computed = Some(cold::serve(&newsdex, 20, requests, Some(0))?);
    }
    Ok(())
}

/// `cold --articles …`: the cold command-line and serve measurements alone, on the indexes an
/// earlier `run` left, added to its saved results; then BENCHMARKS.md.
fn cold_only(args: &Args) -> Result<(), String> {
    let dir = bench_dir(args);
    let sizes = args.sizes()?;
    for &n in &sizes {
        eprintln!("== {n} articles: command lines and serve");
        let path = results_path(&dir, n);
        let mut results: SizeResults = match std::fs::read_to_string(&path) {
            Ok(text) => {
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
            }
            Err(_) => SizeResults {
                articles: n,
                ..SizeResults::default()
            },
        };
        cold_and_serve(args, &dir, n, &mut results)?;
        results.commit = commit();
        std::fs::create_dir_all(dir.join("results")).map_err(|e| e.to_string())?;
        let json = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
        std::fs::write(&path, json).map_err(|e| e.to_string())?;
    }
    write_report(args, &dir, &sizes)
}

/// Child: `tantivy-one INDEX QUERY-JSON`: opens the raw tantivy index, answers one query (top 10
/// with their stored documents) and exits, as a one-query command-line tool would.
fn child_tantivy_one(args: &Args) -> Result<(), String> {
    let [_, index, query] = args.0.get(..3).unwrap_or_default() else {
        return Err("usage: tantivy-one INDEX QUERY-JSON".into());
    };
    let q: cold::QueryJson = serde_json::from_str(query).map_err(|e| e.to_string())?;
    let engine = engines::Tantivy::open(Path::new(index))?;
    engine.run(&q.into_query())?;
    Ok(())
}

/// `report --articles …`: BENCHMARKS.md from the saved results of those sizes.
fn report_only(args: &Args) -> Result<(), String> {
    let dir = bench_dir(args);
    write_report(args, &dir, &args.sizes()?)
}

fn write_report(args: &Args, dir: &Path, sizes: &[u64]) -> Result<(), String> {
    let mut all = Vec::new();
    for &n in sizes {
        let path = results_path(dir, n);
        match std::fs::read_to_string(&path) {
            Ok(text) => all.push(
                serde_json::from_str::<SizeResults>(&text)
                    .map_err(|e| format!("{}: {e}", path.display()))?,
            ),
            Err(_) => eprintln!("no results for {n} articles ({}): left out", path.display()),
        }
    }
    let earlier: Vec<SizeResults> = sizes
        .iter()
        .flat_map(|&n| earlier_results(dir, n))
        .collect();
    let (table, document) = report::render(&all, &earlier);
    println!("{table}");
    let out = args.path(
        "--out",
        &crate_dir().join("BENCHMARKS.md").to_string_lossy(),
    );
    std::fs::write(&out, document).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The commit of the crate being measured, or "" outside a git checkout.
fn commit() -> String {
    Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .current_dir(crate_dir())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Renames the results of an earlier run of size `n` to `N-<seconds since the epoch>.json`, so that
/// the report can list them.
fn keep_earlier(dir: &Path, n: u64) -> Result<(), String> {
    let path = results_path(dir, n);
    let Ok(modified) = path.metadata().and_then(|m| m.modified()) else {
        return Ok(());
    };
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let kept = dir.join("results").join(format!("{n}-{secs}.json"));
    std::fs::rename(&path, &kept).map_err(|e| format!("cannot keep {}: {e}", path.display()))
}

/// The results of earlier runs of size `n` (`results/N-*.json`), oldest first.
fn earlier_results(dir: &Path, n: u64) -> Vec<SizeResults> {
    let prefix = format!("{n}-");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("results"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|f| f.to_str())
                        .is_some_and(|f| f.starts_with(&prefix) && f.ends_with(".json"))
                })
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| serde_json::from_str(&t).ok())
        .collect()
}

fn remove(path: &Path) -> Result<(), String> {
    let result = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else if path.exists() {
        std::fs::remove_file(path)
    } else {
        Ok(())
    };
    result.map_err(|e| format!("cannot remove {}: {e}", path.display()))
}

/// Runs this binary as a child with `args` and parses the JSON line it prints.
fn child<T: for<'de> Deserialize<'de>>(args: &[&str]) -> Result<T, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(exe)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("`{}` failed ({})", args.join(" "), output.status));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().last().unwrap_or("");
    serde_json::from_str(line).map_err(|e| format!("`{}` printed {line:?}: {e}", args.join(" ")))
}

/// A line of /proc/self/status, in kB (0 when unreadable).
fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Peak resident memory of this process so far (VmHWM), in kB.
fn peak_rss_kb() -> u64 {
    status_kb("VmHWM:")
}

/// CPU time of this process so far (user and system, every thread), in seconds.
fn cpu_secs() -> f64 {
    // Fields 14 and 15 of /proc/self/stat, after the command name in parentheses, in clock ticks
    // (USER_HZ, 100 per second on Linux).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// Samples RssAnon every 50 ms on a thread of its own; the returned value holds the peak so far.
fn watch_anon() -> std::sync::Arc<std::sync::atomic::AtomicU64> {
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let watched = peak.clone();
    std::thread::spawn(move || {
        loop {
            watched.fetch_max(status_kb("RssAnon:"), std::sync::atomic::Ordering::Relaxed);
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    });
    peak
}

/// Bytes under `path` (a file or a folder).
fn size_of(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// Child: `index ENGINE CORPUS INDEX`.
fn child_index(args: &Args) -> Result<(), String> {
    let [_, engine, corpus, index] = args.0.get(..4).unwrap_or_default() else {
        return Err("usage: index ENGINE CORPUS INDEX".into());
    };
    let (corpus, index) = (Path::new(corpus), Path::new(index));
    let load = report::load_average();
    let anon = watch_anon();
    let started = Instant::now();
    let indexed = match engine.as_str() {
        "newsdex" => engines::newsdex_index(corpus, index, true)?,
        "newsdex-no-entities" => engines::newsdex_index(corpus, index, false)?,
        "tantivy" => engines::tantivy_index(corpus, index)?,
        #[cfg(feature = "bench-fts5")]
        "fts5" => fts5::index(corpus, index)?,
        other => return Err(format!("unknown engine {other:?}")),
    };
    let run = IndexRun {
        engine: engine.clone(),
        articles: indexed.articles,
        people: indexed.people,
        secs: started.elapsed().as_secs_f64(),
        cpu_secs: cpu_secs(),
        json_bytes: scaled::jsonl_bytes(corpus),
        peak_rss_kb: peak_rss_kb(),
        peak_anon_kb: anon
            .load(std::sync::atomic::Ordering::Relaxed)
            .max(status_kb("RssAnon:")),
        index_bytes: size_of(index),
        load,
    };
    println!(
        "{}",
        serde_json::to_string(&run).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// Child: `query ENGINE INDEX [--queries FILE] [--rounds R] [--warmup W]`: opens the index, runs
/// the whole set W times to warm up, then R times, timing every query.
fn child_query(args: &Args) -> Result<(), String> {
    let [engine, index] = args.positional()[..] else {
        return Err("usage: query ENGINE INDEX".into());
    };
    let index = Path::new(index);
    let set = queries::load(&queries_path(args))?;
    let rounds = args.number("--rounds", 5)?;
    let warmup = args.number("--warmup", 2)?;
    let load = report::load_average();
    let (opened, open_us) = micros(|| -> Result<Box<dyn Engine>, String> {
        Ok(match engine {
            "newsdex" => Box::new(engines::Newsdex::open(index)?),
            "tantivy" => Box::new(engines::Tantivy::open(index)?),
            #[cfg(feature = "bench-fts5")]
            "fts5" => Box::new(fts5::Fts5::open(index)?),
            other => return Err(format!("unknown engine {other:?}")),
        })
    });
    let opened = opened?;
    let mut timings: Vec<QueryTiming> = set
        .iter()
        .map(|q: &BenchQuery| QueryTiming {
            label: q.label(),
            people: q.is_people(),
            samples_us: Vec::new(),
            hits: 0,
        })
        .collect();
    let mut answered = vec![true; set.len()];
    for round in 0..warmup + rounds {
        for (i, q) in set.iter().enumerate() {
            if !answered[i] {
                continue;
            }
            let (hits, us) = micros(|| opened.run(q));
            match hits? {
                None => answered[i] = false,
                Some(hits) if round >= warmup => {
                    timings[i].samples_us.push(us);
                    timings[i].hits = hits;
                }
                Some(_) => {}
            }
        }
    }
    timings.retain(|t| !t.samples_us.is_empty());
    let run = QueryRun {
        engine: engine.to_string(),
        queries: timings,
        open_secs: open_us / 1e6,
        peak_rss_kb: peak_rss_kb(),
        load,
    };
    println!(
        "{}",
        serde_json::to_string(&run).map_err(|e| e.to_string())?
    );
    Ok(())
}
