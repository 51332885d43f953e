//! The scaled corpus: N articles as JSON Lines, made by cycling through the real corpora in
//! `../shared/data` with light perturbation, so that a benchmark can index 10k, 100k or 1M
//! articles of real news.
//!
//! Sources, read with newsdex's own readers: `bbc/` (the five category folders), `allsides/jsons/`,
//! `reuters21578/*.sgm`, `wikinews-economy/` and `seed/`. Their articles are put in one fixed
//! pseudo-random order (so every prefix has the same mix of sources; the seed article first), then
//! output article `i` is source article `i mod n` in its `c = i div n`-th copy:
//!
//! - copy 0 is the article as read;
//! - copy `c > 0` keeps its lead paragraph and shuffles the order of the others (seeded by `i`),
//!   and moves its date `97 × c` days earlier (a dated article stays dated, an undated one stays
//!   undated);
//! - every article gets a url of its own (`…#copy-c`, or `bench:<corpus>/<n>#copy-c` when it had
//!   none) and an `id` (`bench-i`), so no two lines are byte-identical;
//! - an article without a source is given its corpus's name (`BBC`, `Reuters`).
//!
//! Output: a folder of `part-NNNNN.jsonl` files of `per_file` articles each (an archive of daily
//! dumps, say), written as they are made: memory holds the ~30,000 source articles and one line,
//! whatever N is. A `DIR.manifest` file beside the folder records what was asked, so an identical
//! request reuses the folder.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use newsdex::Date;
use newsdex::index::document::date_text;
use serde::Serialize;

/// Bump when the output for the same request changes.
const GENERATOR_VERSION: u32 = 2;
/// Days a copy's date moves back, per copy.
const DAYS_PER_COPY: i64 = 97;

/// One source article, as read from the real corpora.
pub struct Source {
    corpus: &'static str,
    headline: Option<String>,
    body: String,
    date: Option<Date>,
    source: Option<String>,
    url: Option<String>,
    authors: Vec<String>,
}

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    source: &'a str,
    url: String,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    body: String,
}

/// What was written.
pub struct Written {
    pub dir: PathBuf,
    pub articles: u64,
    pub bytes: u64,
    pub files: u64,
}

/// Reads every source article under `data` (`../shared/data`), in the fixed benchmark order.
pub fn sources(data: &Path) -> Result<Vec<Source>, String> {
    let mut files: Vec<(&'static str, PathBuf)> = Vec::new();
    let mut add = |corpus: &'static str, dir: PathBuf, keep: &dyn Fn(&Path) -> bool| {
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && keep(e.path()))
            .map(|e| e.into_path())
            .collect();
        found.sort();
        files.extend(found.into_iter().map(|p| (corpus, p)));
    };
    let ext = |p: &Path, want: &str| p.extension().is_some_and(|e| e == want);
    // BBC: only the articles in the category folders, not README.TXT or SOURCE.txt.
    add("BBC", data.join("bbc"), &|p| {
        ext(p, "txt")
            && p.parent()
                .and_then(Path::file_name)
                .is_some_and(|n| n != "bbc")
    });
    add("AllSides", data.join("allsides/jsons"), &|p| ext(p, "json"));
    add("Reuters", data.join("reuters21578"), &|p| ext(p, "sgm"));
    add("Wikinews", data.join("wikinews-economy"), &|p| {
        ext(p, "json")
    });
    add("seed", data.join("seed"), &|p| {
        ext(p, "txt") && p.file_name().is_some_and(|n| n != "SOURCE.txt")
    });
    if files.is_empty() {
        return Err(format!(
            "no source articles under {}: the scaled corpus is made from ../shared/data",
            data.display()
        ));
    }
    let mut out = Vec::new();
    for (corpus, path) in files {
        let Ok(read) = newsdex::corpus::read_file(&path) else {
            continue;
        };
        for a in read.articles {
            out.push(Source {
                corpus,
                headline: a.headline,
                body: a.body,
                date: a.date,
                source: a.source,
                url: a.url,
                authors: a.authors,
            });
        }
    }
    shuffle(&mut out, &mut Rng(0x006e_6577_7364_6578));
    // The seed article first, so that every size has the project's own example ("Rubio Lavrov").
    if let Some(i) = out.iter().position(|s| s.corpus == "seed") {
        let seed = out.remove(i);
        out.insert(0, seed);
    }
    Ok(out)
}

/// Writes `articles` articles made from `sources` into the folder `dir`, `per_file` per file,
/// unless `dir` already holds exactly that (its MANIFEST says so).
pub fn write(
    sources: &[Source],
    articles: u64,
    per_file: u64,
    dir: &Path,
) -> Result<Written, String> {
    let manifest = format!(
        "newsdex scaled corpus v{GENERATOR_VERSION}: {articles} articles, {per_file} per file, {} sources\n",
        sources.len()
    );
    // Beside the folder, not in it: newsdex would try to read it as an article.
    let manifest_path = dir.with_extension("manifest");
    if std::fs::read_to_string(&manifest_path).ok().as_deref() == Some(manifest.as_str()) {
        return Ok(Written {
            dir: dir.to_path_buf(),
            articles,
            bytes: jsonl_bytes(dir),
            files: articles.div_ceil(per_file),
        });
    }
    let fail = |what: &str, e: std::io::Error| format!("{what} {}: {e}", dir.display());
    let _ = std::fs::remove_file(&manifest_path);
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| fail("cannot clear", e))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| fail("cannot create", e))?;
    let n = sources.len() as u64;
    let mut out: Option<BufWriter<File>> = None;
    let mut bytes = 0u64;
    let mut line = Vec::new();
    for i in 0..articles {
        if i % per_file == 0 {
            if let Some(mut w) = out.take() {
                w.flush().map_err(|e| fail("cannot write", e))?;
            }
            let path = dir.join(format!("part-{:05}.jsonl", i / per_file));
            let file = File::create(&path).map_err(|e| fail("cannot create a file in", e))?;
            out = Some(BufWriter::with_capacity(1 << 20, file));
        }
        let k = (i % n) as usize;
        line.clear();
        serde_json::to_writer(&mut line, &copy(&sources[k], k, i, i / n))
            .map_err(|e| format!("cannot encode article {i}: {e}"))?;
        line.push(b'\n');
        bytes += line.len() as u64;
        if let Some(w) = out.as_mut() {
            w.write_all(&line).map_err(|e| fail("cannot write", e))?;
        }
    }
    if let Some(mut w) = out.take() {
        w.flush().map_err(|e| fail("cannot write", e))?;
    }
    std::fs::write(&manifest_path, manifest)
        .map_err(|e| fail("cannot write the manifest of", e))?;
    Ok(Written {
        dir: dir.to_path_buf(),
        articles,
        bytes,
        files: articles.div_ceil(per_file),
    })
}

/// Output article `i`: copy `c` of source article `k` (see the module documentation).
fn copy(s: &Source, k: usize, i: u64, c: u64) -> Line<'_> {
    let body = if c == 0 {
        s.body.clone()
    } else {
        let mut paragraphs: Vec<&str> = s.body.split("\n\n").collect();
        if paragraphs.len() > 2 {
            shuffle(&mut paragraphs[1..], &mut Rng(i));
        }
        paragraphs.join("\n\n")
    };
    let date = s.date.map(|d| {
        if c == 0 {
            d
        } else {
            Date::from_timestamp(d.timestamp() - (c as i64) * DAYS_PER_COPY * 86_400)
        }
    });
    let url = match &s.url {
        Some(url) => format!("{url}#copy-{c}"),
        None => format!("bench:{}/{k}#copy-{c}", s.corpus),
    };
    Line {
        id: format!("bench-{i}"),
        title: s.headline.as_deref(),
        date: date.map(date_text),
        source: s.source.as_deref().unwrap_or(s.corpus),
        url,
        authors: &s.authors,
        body,
    }
}

/// Total size of the `.jsonl` files in `dir`.
pub fn jsonl_bytes(dir: &Path) -> u64 {
    jsonl_files(dir)
        .iter()
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// The `.jsonl` files in `dir`, sorted.
pub fn jsonl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// SplitMix64: a small, seedable generator, so that the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Fisher–Yates shuffle.
fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}
