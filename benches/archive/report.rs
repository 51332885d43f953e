//! The report: latency percentiles, the machine, what else was running, and the tables printed
//! at the end of a run and written to BENCHMARKS.md.

use std::fmt::Write as _;

use crate::{IndexRun, QueryRun, SizeResults};

/// Targets of issue 5.
const MAX_INDEX_SECS_1M: f64 = 15.0 * 60.0;
const MIN_SHARE_OF_TANTIVY: f64 = 0.10;
const MAX_RSS_KB: u64 = 2 * 1024 * 1024;
const MAX_P99_VS_TANTIVY: f64 = 2.0;
const MIN_P50_GAIN_VS_FTS5: f64 = 3.0;

/// The 1-minute load average.
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}

/// The processes using the most CPU right now, as `ps` lists them (command lines cut short).
pub fn other_processes() -> String {
    let out = std::process::Command::new("ps")
        .args(["-eo", "pcpu,rss,etime,comm", "--sort=-pcpu"])
        .output();
    match out {
        Ok(out) => String::from_utf8_lossy(&out.stdout)
            .lines()
            .take(9)
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => format!("(ps failed: {e})"),
    }
}

/// CPU model, cores and memory.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_kb: u64 = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{model}; nproc {cores}; {:.1} GiB memory; Linux {}",
        mem_kb as f64 / (1024.0 * 1024.0),
        kernel.trim()
    )
}

/// Every sample of the search queries (`people` false) or of the people queries.
pub fn latencies(run: &QueryRun, people: bool) -> Vec<f64> {
    let mut all: Vec<f64> = run
        .queries
        .iter()
        .filter(|q| q.people == people)
        .flat_map(|q| q.samples_us.iter().copied())
        .collect();
    all.sort_by(f64::total_cmp);
    all
}

/// The `p`th percentile (nearest rank) of sorted `v`; NaN when empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    percentile(&v, 50.0)
}

fn rate(r: &IndexRun) -> f64 {
    r.articles as f64 / r.secs
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn ms(us: f64) -> f64 {
    us / 1e3
}

fn find<'a>(runs: &'a [IndexRun], engine: &str) -> Option<&'a IndexRun> {
    runs.iter().find(|r| r.engine == engine)
}

fn find_query<'a>(runs: &'a [QueryRun], engine: &str) -> Option<&'a QueryRun> {
    runs.iter().find(|r| r.engine == engine)
}

fn thousands(n: u64) -> String {
    newsdex::index::writer::thousands(n)
}

/// Percentiles of one query run: (p50, p95, p99) in microseconds, and the sample count.
fn summary(run: &QueryRun, people: bool) -> Option<(f64, f64, f64, usize)> {
    let all = latencies(run, people);
    (!all.is_empty()).then(|| {
        (
            percentile(&all, 50.0),
            percentile(&all, 95.0),
            percentile(&all, 99.0),
            all.len(),
        )
    })
}

fn indexing_table(out: &mut String, r: &SizeResults) {
    let tantivy = find(&r.index, "tantivy").map(rate);
    let _ = writeln!(
        out,
        "| engine | time (s) | CPU (s) | articles/s | MB/s of JSON | vs raw tantivy | peak RSS (MiB) | peak anonymous (MiB) | index (MB) | people found | load |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for run in &r.index {
        let cpu = if run.cpu_secs > 0.0 {
            format!("{:.1}", run.cpu_secs)
        } else {
            "–".into()
        };
        let anon = if run.peak_anon_kb > 0 {
            (run.peak_anon_kb / 1024).to_string()
        } else {
            "–".into()
        };
        let vs = tantivy.map_or("–".into(), |t| format!("{:.0}%", 100.0 * rate(run) / t));
        let _ = writeln!(
            out,
            "| {} | {:.1} | {cpu} | {} | {:.1} | {vs} | {} | {anon} | {} | {} | {:.1} |",
            run.engine,
            run.secs,
            thousands(rate(run) as u64),
            mb(run.json_bytes) / run.secs,
            run.peak_rss_kb / 1024,
            thousands(run.index_bytes / 1_000_000),
            if run.engine == "newsdex" {
                thousands(run.people)
            } else {
                "–".into()
            },
            run.load
        );
    }
}

fn query_table(out: &mut String, r: &SizeResults) {
    let newsdex = find_query(&r.query, "newsdex").and_then(|n| summary(n, false));
    let _ = writeln!(
        out,
        "| engine | queries | samples | p50 (ms) | p95 (ms) | p99 (ms) | p50 ÷ newsdex | p99 ÷ newsdex | queries with hits | open (s) | peak RSS (MiB) | load |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for run in &r.query {
        for people in [false, true] {
            let Some((p50, p95, p99, n)) = summary(run, people) else {
                continue;
            };
            let (vs50, vs99) = match newsdex.filter(|_| !people) {
                Some((n50, _, n99, _)) => {
                    (format!("{:.2}", p50 / n50), format!("{:.2}", p99 / n99))
                }
                None => ("–".into(), "–".into()),
            };
            let queries: Vec<_> = run.queries.iter().filter(|q| q.people == people).collect();
            let with_hits = queries.iter().filter(|q| q.hits > 0).count();
            let _ = writeln!(
                out,
                "| {}{} | {} | {n} | {:.2} | {:.2} | {:.2} | {vs50} | {vs99} | {with_hits} | {:.2} | {} | {:.1} |",
                run.engine,
                if people { " people facet" } else { "" },
                queries.len(),
                ms(p50),
                ms(p95),
                ms(p99),
                run.open_secs,
                run.peak_rss_kb / 1024,
                run.load
            );
        }
    }
}

/// One line per target: holds or not, with the figures.
fn targets(out: &mut String, r: &SizeResults) {
    let scale = 1_000_000.0 / r.articles as f64;
    let projected = if r.articles < 1_000_000 {
        " (projected linearly to 1M)"
    } else {
        ""
    };
    let mark = |ok: bool| if ok { "holds" } else { "**fails**" };
    if let Some(n) = find(&r.index, "newsdex") {
        let secs = n.secs * scale;
        let cpu = if n.cpu_secs > 0.0 {
            format!(
                "; it took {} s of CPU, so on the 2 cores with nothing else running it needs at \
                 least {} s",
                (n.cpu_secs * scale).round(),
                (n.cpu_secs * scale / 2.0).round()
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "- 1M articles with people extraction in under 15 minutes: {} s{projected} at load {:.1}{cpu} — {}",
            secs.round(),
            n.load,
            mark(secs < MAX_INDEX_SECS_1M)
        );
        if let Some(t) = find(&r.index, "tantivy") {
            let share = rate(n) / rate(t);
            let cpu = if n.cpu_secs > 0.0 && t.cpu_secs > 0.0 {
                format!(
                    "; in CPU time per article, which the load does not move, {:.1}%",
                    100.0 * t.cpu_secs / n.cpu_secs
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "- at least 10% of raw tantivy's articles/s: {:.1}% ({} vs {} articles/s, at load {:.1} and {:.1}{cpu}) — {}",
                100.0 * share,
                thousands(rate(n) as u64),
                thousands(rate(t) as u64),
                n.load,
                t.load,
                mark(share >= MIN_SHARE_OF_TANTIVY)
            );
        }
        let anon = if n.peak_anon_kb > 0 {
            format!(
                " ({} MiB of it anonymous, the rest pages of the memory-mapped index files)",
                n.peak_anon_kb / 1024
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "- peak RSS under 2 GB while indexing: {} MiB{anon} — {}",
            n.peak_rss_kb / 1024,
            mark(n.peak_rss_kb < MAX_RSS_KB)
        );
    }
    let p = |engine, pct| {
        find_query(&r.query, engine)
            .map(|q| percentile(&latencies(q, false), pct))
            .filter(|v| !v.is_nan())
    };
    if let (Some(n), Some(t)) = (p("newsdex", 99.0), p("tantivy", 99.0)) {
        let _ = writeln!(
            out,
            "- query p99 at most 2× raw tantivy's: {:.2} ms vs {:.2} ms = {:.1}× — {}",
            ms(n),
            ms(t),
            n / t,
            mark(n / t <= MAX_P99_VS_TANTIVY)
        );
    }
    if let (Some(n), Some(f)) = (p("newsdex", 50.0), p("fts5", 50.0)) {
        let _ = writeln!(
            out,
            "- query p50 at least 3× faster than FTS5's: {:.2} ms vs {:.2} ms = {:.1}× — {}",
            ms(n),
            ms(f),
            f / n,
            mark(f / n >= MIN_P50_GAIN_VS_FTS5)
        );
    }
}

fn growth(out: &mut String, all: &[SizeResults]) {
    let _ = writeln!(
        out,
        "| articles | newsdex index time (s) | articles/s | index (MB) | bytes/article | peak RSS (MiB) | search p50 (ms) | search p99 (ms) | raw tantivy p99 (ms) | FTS5 p99 (ms) |"
    );
    let _ = writeln!(out, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for r in all {
        let Some(n) = find(&r.index, "newsdex") else {
            continue;
        };
        let p = |engine, pct| {
            find_query(&r.query, engine)
                .map(|q| format!("{:.2}", ms(percentile(&latencies(q, false), pct))))
                .unwrap_or_else(|| "–".into())
        };
        let _ = writeln!(
            out,
            "| {} | {:.1} | {} | {} | {} | {} | {} | {} | {} | {} |",
            thousands(r.articles),
            n.secs,
            thousands(rate(n) as u64),
            thousands(n.index_bytes / 1_000_000),
            thousands(n.index_bytes / n.articles.max(1)),
            n.peak_rss_kb / 1024,
            p("newsdex", 50.0),
            p("newsdex", 99.0),
            p("tantivy", 99.0),
            p("fts5", 99.0),
        );
    }
}

/// The slowest newsdex queries (by median), with the other engines' medians for the same query.
fn slowest(out: &mut String, r: &SizeResults, count: usize) {
    let Some(n) = find_query(&r.query, "newsdex") else {
        return;
    };
    let mut rows: Vec<(&str, f64, usize)> = n
        .queries
        .iter()
        .map(|q| (q.label.as_str(), median(&q.samples_us), q.hits))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    let other = |engine, label: &str| {
        find_query(&r.query, engine)
            .and_then(|run| run.queries.iter().find(|q| q.label == label))
            .map(|q| format!("{:.2}", ms(median(&q.samples_us))))
            .unwrap_or_else(|| "–".into())
    };
    let _ = writeln!(
        out,
        "| query | newsdex median (ms) | hits | raw tantivy (ms) | FTS5 (ms) |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|");
    for (label, med, hits) in rows.into_iter().take(count) {
        let _ = writeln!(
            out,
            "| `{}` | {:.2} | {hits} | {} | {} |",
            label.replace('|', "\\|"),
            ms(med),
            other("tantivy", label),
            other("fts5", label)
        );
    }
}

/// The table printed at the end of a run, and the whole of BENCHMARKS.md.
/// Articles in `../shared/data`: a scaled corpus of at most this many is real articles only, each
/// once (copy 0 of each source article), with no copies to flatter any engine.
const REAL_ARTICLES: u64 = 30_078;

/// The heading of a size.
fn size_label(n: u64) -> String {
    if n <= REAL_ARTICLES {
        format!(
            "{} articles (real articles of ../shared/data, each once: no copies)",
            thousands(n)
        )
    } else {
        format!("{} articles", thousands(n))
    }
}

/// The people an index of `r` holds (distinct names newsdex found while indexing it).
fn people_of(r: &SizeResults) -> String {
    find(&r.index, "newsdex").map_or("–".to_string(), |i| thousands(i.people))
}

/// What a user lives with at each size: command lines as one process per query, and `newsdex
/// serve` under load (issue 10).
fn cold_tables(out: &mut String, all: &[SizeResults]) {
    let _ = writeln!(
        out,
        "| articles | people | command (one process per query) | processes | p50 (ms) | p99 (ms) | peak RSS (MiB) | failed | load |\n\
         |--:|--:|---|--:|--:|--:|--:|--:|--:|"
    );
    for r in all {
        for c in &r.cold {
            let mut v = c.samples_ms.clone();
            v.sort_by(f64::total_cmp);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:.1} | {:.1} | {} | {} | {:.1} |",
                thousands(r.articles),
                people_of(r),
                c.command,
                v.len(),
                percentile(&v, 50.0),
                percentile(&v, 99.0),
                if c.peak_rss_kb > 0 {
                    (c.peak_rss_kb / 1024).to_string()
                } else {
                    "–".to_string()
                },
                c.failed,
                c.load
            );
        }
    }
    let _ = writeln!(
        out,
        "\n| articles | people | `newsdex serve`, clients | answers | requests | requests/s | p50 (ms) | p99 (ms) | failed | load |\n\
         |--:|--:|--:|:--|--:|--:|--:|--:|--:|--:|"
    );
    for r in all {
        let runs = [
            (&r.serve, "recent ones remembered"),
            (&r.serve_computed, "every one computed"),
        ];
        for (s, answers) in runs.iter().filter_map(|(s, a)| s.as_ref().map(|s| (s, a))) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {:.0} | {:.2} | {:.2} | {} | {:.1} |",
                thousands(r.articles),
                people_of(r),
                s.clients,
                answers,
                thousands(s.requests),
                s.per_second,
                s.p50_ms,
                s.p99_ms,
                s.failed,
                s.load
            );
        }
    }
}

pub fn render(all: &[SizeResults], earlier: &[SizeResults]) -> (String, String) {
    let mut table = String::new();
    for r in all {
        let _ = writeln!(table, "\n## {}\n\nIndexing:\n", size_label(r.articles));
        indexing_table(&mut table, r);
        let _ = writeln!(table, "\nQueries (top 10, after warm-up):\n");
        query_table(&mut table, r);
    }
    let _ = writeln!(table, "\n## Growth\n");
    growth(&mut table, all);
    let _ = writeln!(table, "\n## Command lines and serve\n");
    cold_tables(&mut table, all);
    let Some(largest) = all.iter().max_by_key(|r| r.articles) else {
        return (table, String::from("# Benchmarks\n\nNo results yet.\n"));
    };
    let _ = writeln!(
        table,
        "\n## Targets at {} articles\n",
        thousands(largest.articles)
    );
    targets(&mut table, largest);

    let mut doc = String::new();
    let _ = writeln!(
        doc,
        "# Benchmarks\n\nnewsdex indexing a news archive with people extraction and answering the \
         queries news users type, side by side with raw tantivy and SQLite FTS5 on the same \
         articles, in the same run (issue 5). This file is written by the benchmark itself."
    );
    let _ = writeln!(doc, "\n## Reproduce\n");
    let _ = writeln!(
        doc,
        "```\ncargo bench --bench archive --features bench-fts5                 # 10k, 100k and 1M articles\n\
         cargo bench --bench archive --features bench-fts5 -- run --articles 10000,100000\n\
         cargo bench --bench archive -- corpus --articles 1000000 --out DIR  # only the scaled corpus\n```\n\n\
         It needs `../shared/data` (the real corpora), a release build and, for 1M articles, about \
         15 GB of disk under `target/bench/` (the corpora and the indexes; nothing there is committed). \
         Sizes are in MB of 10^6 bytes, memory in MiB. Each engine indexes and answers in a child process of its own, which reports its peak RSS \
         (VmHWM). `--rounds R` sets the timed passes over the query set (default 5, after 2 warm-up \
         passes); results are saved in `target/bench/results/N.json` and \
         `cargo bench --bench archive -- report --articles …` rewrites this file from them."
    );
    let commits: Vec<String> = all
        .iter()
        .map(|r| r.commit.clone())
        .filter(|c| !c.is_empty())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !commits.is_empty() {
        let _ = writeln!(doc, "\nMeasured: newsdex at commit {}.", commits.join(", "));
    }
    let _ = writeln!(doc, "\n## Machine\n\n{}\n", machine());
    let _ = writeln!(
        doc,
        "The machine is shared: other work was running during the measurements. The `load` \
         columns give the 1-minute load average when each measurement started (2 cores: a load \
         above 2 means the benchmark got less than the whole machine); the processes using the \
         most CPU when each size started are listed at the end."
    );
    let _ = writeln!(doc, "\n## Engines\n");
    let _ = writeln!(
        doc,
        "- **newsdex**: `newsdex index` (the library's `index::build`): readers, people / \
         organisation / place extraction (CRF) and duplicate signatures on one thread per core, \
         one tantivy writer thread, newsdex's full schema. Queries through the search library \
         (`Searcher::search`, in process): people-aware query expansion, filters, duplicate \
         collapsing, 10 hits with snippets.\n\
         - **newsdex-no-entities**: the same indexer with the recogniser switched off \
         (`newsdex index --no-entities`, hidden): the ceiling for the first.\n\
         - **tantivy**: tantivy 0.27 alone, 2 indexing threads, a minimal schema (title and body, \
         `en_stem`, stored; a fast date), JSON parsed on one thread; top 10 by BM25 (title ×2) or \
         by date, stored documents fetched. A person filter becomes a required phrase of the name.\n\
         - **fts5**: SQLite FTS5 through rusqlite (bundled SQLite), one table (title, body, date), \
         `porter unicode61 remove_diacritics 2`, `ORDER BY rank` with `bm25(2.0, 1.0)`, 10,000 \
         articles per transaction; person filters as for tantivy."
    );
    let _ = writeln!(doc, "\n## Targets (issue 5)\n");
    let _ = writeln!(doc, "At {} articles:\n", thousands(largest.articles));
    targets(&mut doc, largest);
    let _ = writeln!(doc, "\n## What a user waits for: command lines and serve\n");
    let _ = writeln!(
        doc,
        "Each sample is a process of its own, timed from start to exit (`benches/archive/cold.rs`): \
         `newsdex search` for every search of the query set, `newsdex people` (`--limit 10`, the \
         people queries, and `--with` each person of the set's filters), raw tantivy as a one-query \
         process (open, top 10 with stored documents, exit), and `rg -c -i -w -F` over the JSON \
         Lines for the first 20 queries with words. The page cache is warm (a user searching \
         again); the process is not. `newsdex serve` is loaded by `examples/serve_load` (every answer with its facets over all matches). The mix repeats: with the server's memory of recent answers (the default), a repeated request on the same commit is answered from it, so that row shows mostly the memory; the row with `--answer-memory 0` computes every request. Only: \
         `cargo bench --bench archive -- cold --articles 10000,1000000` on the indexes a `run` left.\n"
    );
    cold_tables(&mut doc, all);
    let _ = writeln!(doc, "\n## How cost grows\n");
    growth(&mut doc, all);
    for r in all.iter().rev() {
        let _ = writeln!(doc, "\n## {}\n\n### Indexing\n", size_label(r.articles));
        indexing_table(&mut doc, r);
        let _ = writeln!(
            doc,
            "\n### Queries\n\nPercentiles over every timed run of every query (queries × rounds \
             samples); the people facet is `Searcher::people` (top 10 people in the articles \
             matching a query), newsdex only.\n"
        );
        query_table(&mut doc, r);
    }
    if let Some(r) = all.iter().max_by_key(|r| r.articles) {
        let _ = writeln!(
            doc,
            "\n## Slowest newsdex queries at {} articles\n",
            thousands(r.articles)
        );
        slowest(&mut doc, r, 12);
    }
    let profile = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/profile.md"),
    );
    if let Ok(profile) = profile {
        let _ = writeln!(doc, "\n{}", profile.trim_end());
    }
    // Figures of `big-files` (issue 11), measured apart and kept by hand.
    let big = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/big-files.md"),
    );
    if let Ok(big) = big {
        let _ = writeln!(doc, "\n{}", big.trim_end());
    }
    let _ = writeln!(
        doc,
        "\n## The scaled corpus\n\n`benches/archive/scaled.rs`: the 30,078 articles of \
         `../shared/data` (bbc, allsides, reuters21578 through newsdex's SGML reader, \
         wikinews-economy, seed) in a fixed shuffled order, cycled to N articles. Copy 0 of each \
         is the article as read; copy c > 0 keeps its lead paragraph and shuffles the others, and \
         moves its date back 97 × c days. Every article gets its own url and id, so no two lines \
         are byte-identical. Written as JSON Lines in files of 1,000 articles (an archive of \
         daily dumps), streamed: memory holds the source articles, never the output. Because \
         copies share most of their text, newsdex groups them as near-duplicates (its search \
         shows one hit per group), as an archive with syndicated copies would be.\n\n\
         ## The query set\n\n`benches/queries.json`: person names, surnames, topics, phrases, \
         two-person queries, person filters, date ranges, sorting by date, OR / NOT / field \
         syntax, and people-facet queries."
    );
    if !earlier.is_empty() {
        let _ = writeln!(
            doc,
            "\n## Earlier runs\n\nThe same benchmark run before the one above (possibly on \
             earlier code: see the commits), kept in `target/bench/results/N-<time>.json`: the \
             spread shows how much the shared machine's load, and the code, move the figures.\n"
        );
        growth(&mut doc, earlier);
        let _ = writeln!(doc);
        for r in earlier {
            if let (Some(n), Some(t)) = (find(&r.index, "newsdex"), find(&r.index, "tantivy")) {
                let _ = writeln!(
                    doc,
                    "- {} articles, commit {}: newsdex {:.0} s at load {:.1} ({:.1}% of raw \
                     tantivy's articles/s, tantivy at load {:.1})",
                    thousands(r.articles),
                    if r.commit.is_empty() {
                        "unknown"
                    } else {
                        &r.commit
                    },
                    n.secs,
                    n.load,
                    100.0 * rate(n) / rate(t),
                    t.load
                );
            }
        }
    }
    let _ = writeln!(doc, "\n## What else was running\n");
    for r in all {
        let _ = writeln!(
            doc,
            "When the {}-article runs started (`rustc`, `cargo`, `clippy-driver`: other helpers' \
             builds; `newsdex`: another helper's server; `archive-bin`: this benchmark):\n\n```\n{}\n```\n",
            thousands(r.articles),
            r.others
        );
    }
    (table, doc)
}
