//! Big files (issue 11): the same articles as one big file and as many small ones, indexed in the
//! same sitting, with the load beside each figure.
//!
//! ```text
//! cargo bench --bench archive -- big-files --articles 1000000 --pages 60000 --out /work/target-stream/bench/big
//! ```
//!
//! Made under `--out` (never committed), then indexed, each run in a child process that reports
//! its time and peak anonymous memory:
//!
//! - `many/`: the scaled corpus (`scaled.rs`) of `--articles` articles in 1,000 JSON Lines files;
//!   `one.jsonl`: the same lines as one file; `one.jsonl.gz`: that file gzipped;
//! - `pages/`: `--pages` HTML pages, copies of the news pages in `html-extraction/` and
//!   `warc/bbc.warc`, each copy `c > 0` with its paragraphs shuffled (the first kept) as the
//!   scaled corpus does, and a url of its own; `pages.warc.gz`: the same pages as WARC `response`
//!   records, each record its own gzip member as Common Crawl writes them;
//! - the append: `one.jsonl` copied, indexed, grown by 1% more lines (new ids, shuffled bodies),
//!   indexed again.
//!
//! `--only WORD` runs only the inputs whose name has WORD ("json", "gzipped", "pages", "warc";
//! "append" for the append alone).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::{Args, IndexRun, child, report, scaled};

/// `big-files`: makes the files (reusing them when present) and prints the figures.
pub fn run(args: &Args) -> Result<(), String> {
    let articles = args.number("--articles", 100_000)?;
    let pages = args.number("--pages", 10_000)?;
    let out = args.path("--out", "target/bench/big");
    let data = args.path("--data", "../shared/data");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    let sources = scaled::sources(&data)?;
    let census = scaled::Census::read(&data)?;
    let many = out.join(format!("many-{articles}"));
    scaled::write(
        &sources,
        &census,
        articles,
        articles.div_ceil(1000).max(1),
        &many,
    )?;
    let one = out.join(format!("one-{articles}.jsonl"));
    let one_gz = out.join(format!("one-{articles}.jsonl.gz"));
    concatenate(&scaled::jsonl_files(&many), &one)?;
    gzip_file(&one, &one_gz)?;
    let page_dir = out.join(format!("pages-{pages}"));
    let warc = out.join(format!("pages-{pages}.warc.gz"));
    write_pages(&data, pages, &page_dir, &warc)?;

    println!(
        "| input | files | size (MB) | articles | time (s) | articles/s | CPU (s) | CPU ms/article | peak anonymous (MiB) | load |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    let index = |corpus: &Path, name: &str| -> Result<IndexRun, String> {
        let dir = out.join(format!("index-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        let run: IndexRun = child(&[
            "index",
            "newsdex",
            &corpus.to_string_lossy(),
            &dir.to_string_lossy(),
        ])?;
        let _ = std::fs::remove_dir_all(&dir);
        Ok(run)
    };
    let only = args.value("--only").unwrap_or("");
    let row = |name: &str, path: &Path, files: usize, run: &IndexRun| {
        println!(
            "| {name} | {files} | {:.0} | {} | {:.1} | {:.0} | {:.1} | {:.3} | {} | {:.1} |",
            crate::size_of(path) as f64 / 1e6,
            run.articles,
            run.secs,
            run.articles as f64 / run.secs.max(1e-3),
            run.cpu_secs,
            1000.0 * run.cpu_secs / (run.articles.max(1) as f64),
            run.peak_anon_kb / 1024,
            run.load
        );
    };
    let n_many = scaled::jsonl_files(&many).len();
    for (name, path, files) in [
        ("JSON Lines, 1,000 files", &many, n_many),
        ("JSON Lines, one file", &one, 1),
        ("JSON Lines, one file, gzipped", &one_gz, 1),
        ("HTML pages, one file each", &page_dir, pages as usize),
        ("the same pages, one WARC.gz", &warc, 1),
    ] {
        if !only.is_empty() && !name.to_lowercase().contains(only) {
            continue;
        }
        let run = index(path, &name.replace([' ', ','], "-"))?;
        row(name, path, files, &run);
    }

    if !only.is_empty() && only != "append" {
        return Ok(());
    }
    // The append: a copy of one.jsonl, indexed, then grown by 1%.
    let grow_dir = out.join("append");
    let _ = std::fs::remove_dir_all(&grow_dir);
    std::fs::create_dir_all(&grow_dir).map_err(|e| e.to_string())?;
    let feed = grow_dir.join("feed.jsonl");
    std::fs::copy(&one, &feed).map_err(|e| format!("cannot copy {}: {e}", one.display()))?;
    let index_dir = out.join("index-append");
    let _ = std::fs::remove_dir_all(&index_dir);
    let index_in = |dir: &Path| -> Result<IndexRun, String> {
        child(&[
            "index",
            "newsdex",
            &feed.to_string_lossy(),
            &dir.to_string_lossy(),
        ])
    };
    let first = index_in(&index_dir)?;
    let added = append_lines(&one, &feed, articles / 100)?;
    let second = index_in(&index_dir)?;
    let _ = std::fs::remove_dir_all(&index_dir);
    println!();
    println!(
        "append: first run {:.1} s ({} articles, load {:.1}); {added} lines appended (1%): {:.2} s \
         ({} articles read, load {:.1}) = {:.1}% of the first run",
        first.secs,
        first.articles,
        first.load,
        second.secs,
        second.articles,
        second.load,
        100.0 * second.secs / first.secs.max(1e-3)
    );
    println!("load average now: {:.1}", report::load_average());
    Ok(())
}

/// True if `path` exists and is newer than `than` (so it was made from it and can be reused).
fn fresh(path: &Path, than: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    matches!((modified(path), modified(than)), (Some(a), Some(b)) if a >= b)
}

fn concatenate(files: &[PathBuf], out: &Path) -> Result<(), String> {
    if files.first().is_some_and(|f| fresh(out, f)) {
        return Ok(());
    }
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", out.display());
    let mut w = BufWriter::with_capacity(1 << 20, File::create(out).map_err(fail)?);
    for f in files {
        let mut r = File::open(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
        std::io::copy(&mut r, &mut w).map_err(fail)?;
    }
    w.flush().map_err(fail)
}

fn gzip_file(from: &Path, out: &Path) -> Result<(), String> {
    if fresh(out, from) {
        return Ok(());
    }
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", out.display());
    let mut r = File::open(from).map_err(fail)?;
    let w = BufWriter::with_capacity(1 << 20, File::create(out).map_err(fail)?);
    let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::fast());
    std::io::copy(&mut r, &mut gz).map_err(fail)?;
    gz.finish().map_err(fail)?.flush().map_err(fail)
}

/// Appends `n` lines made from the first lines of `from` to `feed` (ids `append-i`, paragraphs
/// rotated so that they are new articles); returns how many.
fn append_lines(from: &Path, feed: &Path, n: u64) -> Result<u64, String> {
    let fail = |e: std::io::Error| format!("cannot append to {}: {e}", feed.display());
    let r = BufReader::new(File::open(from).map_err(fail)?);
    let mut w = BufWriter::new(
        std::fs::OpenOptions::new()
            .append(true)
            .open(feed)
            .map_err(fail)?,
    );
    let mut written = 0;
    for (i, line) in r.lines().take(n as usize).enumerate() {
        let line = line.map_err(fail)?;
        let mut v: serde_json::Value = serde_json::from_str(&line).map_err(|e| e.to_string())?;
        v["id"] = format!("append-{i}").into();
        if let Some(body) = v["body"].as_str() {
            let mut paragraphs: Vec<&str> = body.split("\n\n").collect();
            paragraphs.rotate_left(1);
            v["body"] = paragraphs.join("\n\n").into();
        }
        writeln!(w, "{v}").map_err(fail)?;
        written += 1;
    }
    w.flush().map_err(fail)?;
    Ok(written)
}

/// The news pages of `data` with their urls: the html-extraction pages and bbc.warc's page.
fn source_pages(data: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let dir = data.join("html-extraction/html");
    let truth: serde_json::Value = std::fs::read(data.join("html-extraction/ground-truth.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let mut html = Vec::new();
        let file = File::open(&f).map_err(|e| e.to_string())?;
        flate2::read::MultiGzDecoder::new(file)
            .read_to_end(&mut html)
            .map_err(|e| format!("{}: {e}", f.display()))?;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        let hash = name
            .as_deref()
            .and_then(|n| n.split('.').next())
            .unwrap_or("");
        let url = truth[hash]["url"]
            .as_str()
            .map_or_else(|| format!("https://example.org/{hash}"), str::to_string);
        out.push((url, html));
    }
    if let Ok(bytes) = std::fs::read(data.join("warc/bbc.warc"))
        && let Some(start) = memchr::memmem::find(&bytes, b"<!doctype html")
    {
        out.push((
            "http://news.bbc.co.uk/2/hi/africa/3414345.stm".to_string(),
            bytes[start..].to_vec(),
        ));
    }
    if out.is_empty() {
        return Err(format!("no pages under {}", dir.display()));
    }
    Ok(out)
}

/// Copy `c` of a page: the contents of its `<p>` elements after the first shuffled among them.
fn perturb(html: &[u8], c: u64) -> Vec<u8> {
    if c == 0 {
        return html.to_vec();
    }
    let mut spans = Vec::new();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&html[at..], b"<p>") {
        let start = at + i + 3;
        let Some(j) = memchr::memmem::find(&html[start..], b"</p>") else {
            break;
        };
        spans.push((start, start + j));
        at = start + j + 4;
    }
    if spans.len() < 3 {
        return html.to_vec();
    }
    let mut order: Vec<usize> = (1..spans.len()).collect();
    let mut state = c.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for i in (1..order.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    let mut out = Vec::with_capacity(html.len());
    out.extend_from_slice(&html[..spans[0].1]);
    let mut prev = spans[0].1;
    for (k, &(s, e)) in spans.iter().enumerate().skip(1) {
        out.extend_from_slice(&html[prev..s]);
        let (fs, fe) = spans[order[k - 1]];
        out.extend_from_slice(&html[fs..fe]);
        prev = e;
    }
    out.extend_from_slice(&html[prev..]);
    out
}

/// Writes `n` pages as files under `dir` (1,000 per folder) and as one WARC.gz of one gzip
/// member per record, unless both are there already.
fn write_pages(data: &Path, n: u64, dir: &Path, warc: &Path) -> Result<(), String> {
    let done = dir.with_extension("done");
    if done.exists() && warc.exists() {
        return Ok(());
    }
    let pages = source_pages(data)?;
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", warc.display());
    let _ = std::fs::remove_dir_all(dir);
    let mut w = BufWriter::with_capacity(1 << 20, File::create(warc).map_err(fail)?);
    for i in 0..n {
        let k = (i % pages.len() as u64) as usize;
        let c = i / pages.len() as u64;
        let (url, html) = &pages[k];
        let html = perturb(html, c);
        let folder = dir.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&folder).map_err(fail)?;
        }
        std::fs::write(folder.join(format!("page-{i:07}.html")), &html).map_err(fail)?;
        let url = format!("{url}#copy-{c}");
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        http.extend_from_slice(&html);
        let mut record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        record.extend_from_slice(&http);
        record.extend_from_slice(b"\r\n\r\n");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&record).map_err(fail)?;
        w.write_all(&gz.finish().map_err(fail)?).map_err(fail)?;
    }
    w.flush().map_err(fail)?;
    std::fs::write(&done, format!("{n}\n")).map_err(fail)
}
