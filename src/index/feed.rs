//! Feeding the index writer: one thread reads the files in turn and frames their records, the
//! extraction workers (one per core) parse and tag batches of those records, and the writer
//! receives each file's batches (in any order, numbered so that it writes them in file order).
//!
//! ```text
//! files ──▶ reader thread: hash, skip unchanged files, find appended records, frame records
//!             ──bounded channel of batches──▶ workers: parse, recognise, sign
//!             ──bounded channel of Outcomes──▶ writer thread
//! ```
//!
//! So one big file is extracted on every core, like many small ones, and memory holds a few
//! batches whatever the file's size.

use std::collections::HashMap;
use std::io::Read;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use crossbeam_channel::{Receiver, Sender};
use xxhash_rust::xxh3::{Xxh3, xxh3_64_with_seed};

use crate::corpus::{self, FileType, Item, Problem, Records};
use crate::error::Error;
use crate::index::catalog::{FileEntry, HAD_PROBLEMS, Tail};
use crate::index::dedup;
use crate::index::document::{Analysed, analyse, path_key};
use crate::ner::{Entities, Recognizer};

/// Mixed into every file hash. Bump it when the readers or the recogniser change what a file
/// indexes as, so that the next update reads every file again.
const PIPELINE_VERSION: u64 = 17;
/// Most records in one batch.
const BATCH: usize = 256;
/// Most bytes of records in one batch.
const BATCH_BYTES: usize = 8 << 20;
/// Files up to this size (as stored) are read into memory at once, hashed and parsed from there;
/// larger ones are hashed in one pass and then streamed.
const IN_MEMORY_BYTES: u64 = 32 << 20;

/// What the writer gets for one file, or for one batch of a file's records.
pub(super) enum Outcome {
    /// Same bytes as when indexed: nothing to write; the problems it had are reported again.
    Unchanged { key: String, problems: Vec<Problem> },
    /// New, changed or appended: one batch of the articles of the file.
    Read(Batch),
    /// Nothing can be indexed (the recogniser's model does not load).
    Fatal(Error),
    /// Read but holding no article (`hash` is Some; earlier articles go), or unreadable (`hash`
    /// is None; earlier articles stay).
    Failed {
        key: String,
        hash: Option<u64>,
        problem: Problem,
    },
}

/// One batch of a file's articles, made by a worker.
pub(super) struct Batch {
    pub key: String,
    pub path: PathBuf,
    /// The `file_hash` its articles carry.
    pub hash: u64,
    /// Its place among the file's batches, from 0: the first replaces whatever the index holds
    /// for the file (unless `append`), the writer writes them in this order.
    pub seq: u64,
    /// The records appended to a file whose earlier records the index holds: those stay.
    pub append: bool,
    pub articles: Vec<Analysed>,
    /// Problems in file order; `true` for those of single records, which are listed up to a
    /// limit per file and then counted (see [`corpus::Tally`]).
    pub problems: Vec<(Problem, bool)>,
    /// The last batch of the file.
    pub last: bool,
    /// The file could not be finished (a bug): none of its articles stay.
    pub failed: bool,
    /// On the last batch: where the file ended, when appended records can be read alone later.
    pub tail: Option<Tail>,
    /// What the file's records are called ("lines").
    pub noun: &'static str,
}

/// What the reader thread hands a worker.
pub(super) struct Job {
    batch: Batch,
    items: Vec<Item>,
}

/// Reads `files` in turn on this thread, sending each one's batches of records to the workers
/// (`jobs`) and what needs no parsing straight to the writer (`out`). `indexed` is what the index
/// holds. Returns when every file is read or the writer has stopped.
pub(super) fn read_files(
    files: &[PathBuf],
    indexed: &HashMap<String, FileEntry>,
    jobs: &Sender<Job>,
    out: &Sender<Outcome>,
) {
    for path in files {
        if !read_file(path, indexed, jobs, out) {
            return;
        }
    }
}

/// Parses and tags the batches of `jobs` until there are none, sending them to the writer;
/// without `entities`, articles get none.
pub(super) fn work(jobs: &Receiver<Job>, entities: bool, out: &Sender<Outcome>) {
    let mut recognizer = None;
    for job in jobs.iter() {
        // Loaded on first use, so that an update with nothing to read never loads the model.
        if entities && recognizer.is_none() {
            match Recognizer::bundled() {
                Ok(r) => recognizer = Some(r),
                Err(err) => {
                    let _ = out.send(Outcome::Fatal(err));
                    return;
                }
            }
        }
        if out.send(Outcome::Read(job.run(recognizer))).is_err() {
            return;
        }
    }
}

/// The channel of jobs between the reader thread and the workers: a few batches per worker.
pub(super) fn jobs(workers: usize) -> (Sender<Job>, Receiver<Job>) {
    crossbeam_channel::bounded(2 * workers)
}

impl Job {
    fn run(self, recognizer: Option<&Recognizer>) -> Batch {
        let Job { mut batch, items } = self;
        let path = batch.path.clone();
        let analysed = guarded(&path, || {
            let mut articles = Vec::with_capacity(items.len());
            let mut problems = Vec::new();
            for item in items {
                let article = match item {
                    Item::Record(record) => match record.parse() {
                        Ok(Some(article)) => article,
                        Ok(None) => continue,
                        Err(problem) => {
                            problems.push((problem, true));
                            continue;
                        }
                    },
                    Item::Article(article) => article,
                    Item::Problem(problem) => {
                        let single = problem.line.is_some();
                        problems.push((problem, single));
                        continue;
                    }
                    Item::Skipped => continue,
                };
                articles.push(match recognizer {
                    Some(recognizer) => analyse(recognizer, article),
                    None => Analysed {
                        signature: dedup::signature(&article.body),
                        article,
                        entities: Entities::default(),
                    },
                });
            }
            Ok((articles, problems))
        });
        match analysed {
            Ok((articles, mut problems)) => {
                batch.articles = articles;
                problems.append(&mut batch.problems);
                batch.problems = problems;
            }
            Err(problem) => {
                batch.problems.push((problem, false));
                batch.failed = true;
            }
        }
        batch
    }
}

/// Reads one file and sends what it made of it. Returns false if and only if the writer stopped.
fn read_file(
    path: &Path,
    indexed: &HashMap<String, FileEntry>,
    jobs: &Sender<Job>,
    out: &Sender<Outcome>,
) -> bool {
    let key = path_key(path);
    let send = |outcome: Outcome| out.send(outcome).is_ok();
    let failed = |problem: Problem, hash: Option<u64>| {
        send(Outcome::Failed {
            key: key.clone(),
            hash,
            problem,
        })
    };
    let entry = indexed.get(&key);
    let tail = entry.and_then(|e| e.tail);
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) => return failed(Problem::new(path, format!("cannot read: {e}")), None),
    };
    let streamed = FileType::from_path(path).is_some_and(|t| t.format.holds_many());
    let (hash, appended, bytes) = if size <= IN_MEMORY_BYTES || !streamed {
        let bytes = match corpus::load(path) {
            Ok(bytes) => bytes,
            Err(problem) => return failed(problem, None),
        };
        let prefix = tail
            .filter(|t| t.bytes < bytes.len() as u64)
            .map(|t| file_hash(&bytes[..t.bytes as usize]));
        (file_hash(&bytes), prefix, Some(bytes))
    } else {
        match hash_file(path, tail.map(|t| t.bytes)) {
            Ok((hash, prefix)) => (hash, prefix, None),
            Err(e) => return failed(Problem::new(path, format!("cannot read: {e}")), None),
        }
    };
    let known = entry.and_then(|e| e.hash);
    if known == Some(hash) {
        return send(Outcome::Unchanged {
            key,
            problems: Vec::new(),
        });
    }
    if known == Some(hash | HAD_PROBLEMS) {
        // The same bytes, which had problems: parse them again only to report those.
        let read = match bytes {
            Some(bytes) => guarded(path, || corpus::read_bytes(path, &bytes)),
            None => guarded(path, || corpus::read_file(path)),
        };
        let problems = match read {
            Ok(read) => read.problems,
            Err(problem) => vec![problem],
        };
        return send(Outcome::Unchanged { key, problems });
    }
    // Records appended to a file read whole before, its old content unchanged: read them alone.
    let append = tail
        .filter(|t| appended == Some(t.hash) && known == Some(t.hash))
        .map(|t| (t.bytes, t.records));
    let records = guarded(path, || match bytes {
        Some(bytes) => Records::from_vec(path, bytes, append),
        None => match append {
            Some((offset, number)) => Records::open_appended(path, offset, number),
            None => Records::open(path),
        },
    });
    let records = match records {
        Ok(records) => records,
        Err(problem) => return failed(problem, Some(hash)),
    };
    send_batches(path, key, hash, size, append.is_some(), records, jobs)
}

/// Frames the records of one file into batches for the workers. Returns false if and only if
/// the workers have stopped.
fn send_batches(
    path: &Path,
    key: String,
    hash: u64,
    size: u64,
    append: bool,
    mut records: Records,
    jobs: &Sender<Job>,
) -> bool {
    let noun = records.noun();
    let mut seq = 0;
    loop {
        let framed = guarded(path, || {
            let mut items = Vec::new();
            let mut bytes = 0;
            for item in records.by_ref() {
                if let Item::Record(record) = &item {
                    bytes += record.len();
                }
                items.push(item);
                if items.len() >= BATCH || bytes >= BATCH_BYTES {
                    return Ok((items, false));
                }
            }
            Ok((items, true))
        });
        let (items, last, failed, problems) = match framed {
            Ok((items, last)) => (items, last, false, Vec::new()),
            Err(problem) => (Vec::new(), true, true, vec![(problem, false)]),
        };
        let tail = last
            .then(|| records.next_number())
            .flatten()
            .filter(|_| !failed && records.position() == size)
            .map(|records| Tail {
                bytes: size,
                records,
                hash,
            });
        let batch = Batch {
            key: key.clone(),
            path: path.to_path_buf(),
            hash,
            seq,
            append,
            articles: Vec::new(),
            problems,
            last,
            failed,
            tail,
            noun,
        };
        if jobs.send(Job { batch, items }).is_err() {
            return false;
        }
        if last {
            return true;
        }
        seq += 1;
    }
}

/// Runs `read` on the file at `path`; a reader that panics costs that file only.
pub(super) fn guarded<T>(
    path: &Path,
    read: impl FnOnce() -> std::result::Result<T, Problem>,
) -> std::result::Result<T, Problem> {
    std::panic::catch_unwind(AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Problem::new(
            path,
            "newsdex failed on this file (a bug: please report it)",
        ))
    })
}

/// The `file_hash` of a file's bytes, with the [`HAD_PROBLEMS`] bit clear.
pub fn file_hash(bytes: &[u8]) -> u64 {
    xxh3_64_with_seed(bytes, PIPELINE_VERSION) & !HAD_PROBLEMS
}

/// The [`file_hash`] of the file at `path`, read in one pass, and that of its first `prefix`
/// bytes when it is longer than that.
fn hash_file(path: &Path, prefix: Option<u64>) -> std::io::Result<(u64, Option<u64>)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Xxh3::with_seed(PIPELINE_VERSION);
    let mut buf = vec![0u8; 1 << 20];
    let mut read = 0u64;
    let mut prefix_hash = None;
    loop {
        let want = match prefix {
            Some(p) if read < p => buf.len().min((p - read) as usize),
            _ => buf.len(),
        };
        let n = match file.read(&mut buf[..want]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        read += n as u64;
        if prefix == Some(read) {
            prefix_hash = Some(hasher.digest() & !HAD_PROBLEMS);
        }
    }
    let prefix_hash = prefix_hash.filter(|_| prefix.is_some_and(|p| p < read));
    Ok((hasher.digest() & !HAD_PROBLEMS, prefix_hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_hashed_in_one_pass_hashes_as_its_bytes_and_its_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let (whole, prefix) = hash_file(&path, Some(1_234_567)).unwrap();
        assert_eq!(whole, file_hash(&bytes));
        assert_eq!(prefix, Some(file_hash(&bytes[..1_234_567])));
        // A prefix as long as the file is no prefix: nothing was appended.
        assert_eq!(hash_file(&path, Some(3_000_000)).unwrap().1, None);
    }
}
