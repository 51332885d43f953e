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
//! - an article without a source is given its corpus's name (`BBC`, `Reuters`);
//! - in copy `c > 0` every person the article names becomes someone else: the recogniser finds the
//!   people of each source article once, and each person of copy `c` gets a name drawn for
//!   (article, person, copy) from a long tail — first name × surname combinations of the US census
//!   lists in `names-census1990/`, by a Zipf (1/rank) draw over 2,000,000 combinations — put in
//!   place of the person's first name and surname in every mention ("Secretary Rubio" becomes
//!   "Secretary Okafor"). So an article keeps its real count of names, a few invented people are
//!   everywhere and most are rare, and a million articles name hundreds of thousands of people,
//!   as a real archive does (copy 0 keeps the real people, so the query set still finds them).
//!
//! Output: a folder of `part-NNNNN.jsonl` files of `per_file` articles each (an archive of daily
//! dumps, say), written as they are made: memory holds the ~30,000 source articles and one line,
//! whatever N is. A `DIR.manifest` file beside the folder records what was asked, so an identical
//! request reuses the folder.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use newsdex::Date;
use newsdex::index::document::date_text;
use serde::Serialize;

/// Bump when the output for the same request changes.
const GENERATOR_VERSION: u32 = 3;
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
    /// The people the recogniser finds in the article: each one's name words and mentions (found
    /// when a corpus is first written, not when a written one is reused).
    people: OnceLock<Vec<Person>>,
}

/// A person of a source article.
struct Person {
    /// The canonical name's words.
    words: Vec<String>,
    /// Where the article mentions them.
    mentions: Vec<newsdex::ner::Mention>,
}

/// Invented people: every first name and surname of the census lists, in title case.
pub struct Census {
    firsts: Vec<String>,
    lasts: Vec<String>,
}

/// Size of the long tail names are drawn from.
const INVENTED_PEOPLE: f64 = 2_000_000.0;

impl Census {
    /// Reads the census lists under `data` (`names-census1990/`).
    pub fn read(data: &Path) -> Result<Census, String> {
        let dir = data.join("names-census1990");
        let names = |file: &str| -> Result<Vec<String>, String> {
            let text = std::fs::read_to_string(dir.join(file))
                .map_err(|e| format!("{}: {e}", dir.join(file).display()))?;
            Ok(text
                .lines()
                .filter_map(|l| l.split_whitespace().next())
                .filter(|n| n.len() > 1)
                .map(|n| {
                    let lower = n.to_lowercase();
                    let mut chars = lower.chars();
                    chars
                        .next()
                        .map(|f| f.to_uppercase().chain(chars).collect())
                        .unwrap_or_default()
                })
                .collect())
        };
        let mut firsts = names("dist.male.first")?;
        firsts.extend(names("dist.female.first")?);
        let lasts = names("dist.all.last")?;
        if firsts.is_empty() || lasts.is_empty() {
            return Err(format!("no names in {}", dir.display()));
        }
        Ok(Census { firsts, lasts })
    }

    /// The invented person of rank `rank` (0 the most frequent): a first name and a surname, each
    /// rank a different pair.
    fn person(&self, rank: u64) -> (&str, &str) {
        let (f, l) = (self.firsts.len() as u64, self.lasts.len() as u64);
        // A multiplier coprime with f × l spreads consecutive ranks over the whole grid.
        let pair = rank.wrapping_mul(2_654_435_761) % (f * l);
        (
            &self.firsts[(pair % f) as usize],
            &self.lasts[(pair / f) as usize],
        )
    }

    /// A Zipf (1/rank) draw over [`INVENTED_PEOPLE`] ranks from `seed`.
    fn draw(&self, seed: u64) -> (&str, &str) {
        let u = (Rng(seed).next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = (INVENTED_PEOPLE.ln() * u).exp() as u64 - 1;
        self.person(rank)
    }
}

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<Cow<'a, str>>,
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
                people: OnceLock::new(),
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

/// Finds the people of every source article with the bundled recogniser, on every core.
fn find_people(sources: &[Source]) -> Result<(), String> {
    if sources.first().is_none_or(|s| s.people.get().is_some()) {
        return Ok(());
    }
    let recognizer = newsdex::ner::Recognizer::bundled().map_err(|e| e.to_string())?;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = sources.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in sources.chunks(chunk) {
            scope.spawn(move || {
                for s in part {
                    let entities = recognizer.entities(s.headline.as_deref(), &s.body);
                    let people = entities
                        .people
                        .into_iter()
                        .map(|p| Person {
                            words: p.name.split_whitespace().map(str::to_string).collect(),
                            mentions: p.mentions,
                        })
                        .filter(|p| !p.words.is_empty())
                        .collect();
                    let _ = s.people.set(people);
                }
            });
        }
    });
    Ok(())
}

/// Writes `articles` articles made from `sources` into the folder `dir`, `per_file` per file,
/// unless `dir` already holds exactly that (its MANIFEST says so).
pub fn write(
    sources: &[Source],
    census: &Census,
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
    find_people(sources)?;
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
        serde_json::to_writer(&mut line, &copy(&sources[k], census, k, i, i / n))
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
fn copy<'a>(s: &'a Source, census: &Census, k: usize, i: u64, c: u64) -> Line<'a> {
    let (headline, body) = if c == 0 {
        (s.headline.as_deref().map(Cow::Borrowed), s.body.clone())
    } else {
        let (headline, body) = invent_people(s, census, k, c);
        let mut paragraphs: Vec<&str> = body.split("\n\n").collect();
        if paragraphs.len() > 2 {
            shuffle(&mut paragraphs[1..], &mut Rng(i));
        }
        (headline.map(Cow::Owned), paragraphs.join("\n\n"))
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
        title: headline,
        date: date.map(date_text),
        source: s.source.as_deref().unwrap_or(s.corpus),
        url,
        authors: &s.authors,
        body,
    }
}

/// The headline and body of source `s` (article `k`) with every person renamed for copy `c`.
fn invent_people(s: &Source, census: &Census, k: usize, c: u64) -> (Option<String>, String) {
    // (in headline, start, end, replacement), applied from the end of each text.
    let mut edits: Vec<(bool, usize, usize, String)> = Vec::new();
    for (p, person) in s.people.get().into_iter().flatten().enumerate() {
        let seed = (k as u64) << 32 ^ (p as u64) << 20 ^ c;
        let (first, last) = census.draw(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let surname = person.words.last().map(String::as_str);
        let given = (person.words.len() > 1).then(|| person.words[0].as_str());
        for m in &person.mentions {
            let text = if m.in_headline {
                s.headline.as_deref().unwrap_or("")
            } else {
                &s.body
            };
            let Some(said) = text.get(m.start..m.end) else {
                continue;
            };
            let renamed: Vec<&str> = said
                .split(' ')
                .map(|w| match w {
                    _ if Some(w) == surname => last,
                    _ if Some(w) == given => first,
                    other => other,
                })
                .collect();
            edits.push((m.in_headline, m.start, m.end, renamed.join(" ")));
        }
    }
    // Each text's edits from its end, so that earlier offsets stay right.
    edits.sort_by_key(|e| (e.0, std::cmp::Reverse(e.1)));
    let mut headline = s.headline.clone();
    let mut body = s.body.clone();
    let mut last_start = [usize::MAX, usize::MAX];
    for (in_headline, start, end, with) in edits {
        let slot = usize::from(in_headline);
        // Overlapping mentions: keep the later one's edit only.
        if end > last_start[slot] {
            continue;
        }
        let text = if in_headline {
            match headline.as_mut() {
                Some(h) => h,
                None => continue,
            }
        } else {
            &mut body
        };
        if text.is_char_boundary(start) && text.is_char_boundary(end) && end <= text.len() {
            text.replace_range(start..end, &with);
            last_start[slot] = start;
        }
    }
    (headline, body)
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
