//! The indexer: reads files into articles, finds their entities and writes them to the index,
//! updating an existing index in place (`newsdex index`).
//!
//! ```text
//! walk ──▶ reader thread and workers (see [`super::feed`]: read, hash, skip unchanged, frame
//!          records, parse, recognise) ──bounded channel of batches of articles──▶ writer thread
//!          (batches of a file in order, groups, delete old versions, add, commit every N articles
//!          or seconds)
//! ```
//!
//! Updates: each article carries the hash of its file's bytes. A file whose hash matches the
//! index is not read again; a changed file's articles are deleted (by path) and replaced; the
//! articles of files gone from the folders indexed are deleted. A JSON Lines or WARC file that
//! grew by records appended to it (its old content unchanged: same size and hash as indexed, see
//! [`Tail`]) has only its new records read and added.
//!
//! Crashes: a file's articles travel in batches, and a commit may fall between two batches of one
//! file. Each commit records the files written only in part (its payload, see
//! [`crate::index::catalog::Payload`]); the next update does not trust their hashes and writes
//! them again, like every file not yet committed. So after a crash the index opens at its last
//! commit and the next run completes the work.
//! Searches keep reading the last commit while an update runs.
//!
//! The pipeline writes through a [`Store`]: [`build`] gives it the local index
//! ([`TantivyStore`]); `crate::quickwit` gives it an export folder or a Quickwit cluster.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use tantivy::directory::error::LockError;
use tantivy::{IndexWriter, TantivyError};
use xxhash_rust::xxh3::xxh3_64;

use crate::corpus::{self, Problem, Tally};
use crate::error::{Error, Result};
use crate::index::catalog::{Catalog, Payload, Tail};
use crate::index::create_or_open;
use crate::index::document::{Analysed, path_key};
use crate::index::feed::{self, Batch, Outcome};
use crate::index::schema::Fields;
use crate::index::store::{Store, TantivyStore};

pub use crate::index::feed::file_hash;
use crate::index::summary::Progress;
pub use crate::index::summary::{Summary, thousands};

/// Memory the tantivy writer may use before it flushes a segment.
const WRITER_BUDGET: usize = 128 << 20;
/// Longest time between commits.
const COMMIT_INTERVAL: Duration = Duration::from_secs(10);

/// How an update runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Commit after at most this many articles (and at least every 10 seconds).
    pub commit_every: usize,
    /// Show a progress line on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Find people, organisations and places. Off only to measure the indexer without the
    /// recogniser (the benchmarks' ceiling): articles are then indexed with no entities.
    pub entities: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            commit_every: 10_000,
            progress: true,
            entities: true,
        }
    }
}

/// Indexes the articles in the files and folders `paths` into the index at `dir`, creating it if
/// needed and updating it in place otherwise (see the module documentation).
///
/// Fails with a usage error if a path does not exist or another indexer holds the index.
pub fn build(dir: &Path, paths: &[PathBuf], options: &Options) -> Result<Summary> {
    let start = Instant::now();
    let found = find(paths, Some(dir))?;
    if found.nothing && !super::exists(dir) {
        return Err(nothing_to_index(&found.roots));
    }
    let index = create_or_open(dir)?;
    let fields = Fields::from_schema(&index.schema())
        .ok_or_else(|| Error::failure("the index schema is not newsdex's"))?;
    let writer: IndexWriter = index
        .writer_with_num_threads(1, WRITER_BUDGET)
        .map_err(|e| writer_error(dir, e))?;
    let catalog = Catalog::load(&index, &fields)?;
    let mut summary = run(
        TantivyStore::new(writer, fields),
        catalog,
        found,
        options,
        start,
    )?;
    // The search tables of the last commit, so that searches start at once; built in the memory
    // the run has freed.
    super::release_freed_memory();
    super::tables::refresh(&index, dir)?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// The files an update reads: every file under the paths given, cleaned and sorted, and the
/// problems of the walk.
pub struct Found {
    /// The paths given, cleaned.
    pub roots: Vec<PathBuf>,
    pub files: Vec<PathBuf>,
    pub problems: Vec<Problem>,
    /// True if and only if no news file and no problem was found.
    pub nothing: bool,
}

/// Walks `paths` (leaving out the files of the folder `exclude`, such as the index itself). Fails
/// with a usage error if a path does not exist.
pub fn find(paths: &[PathBuf], exclude: Option<&Path>) -> Result<Found> {
    let roots: Vec<PathBuf> = paths.iter().map(|p| clean(p)).collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let excluded = IndexFiles::new(exclude, &roots);
    for found in corpus::walk(&roots)? {
        match found {
            Ok(file) if !excluded.holds(&file) => files.push(clean(&file)),
            Ok(_) => {}
            Err(problem) if !excluded.holds(&problem.path) => problems.push(problem),
            Err(_) => {}
        }
    }
    files.sort();
    files.dedup();
    // Files of other formats are reported, but a folder of nothing else holds no news.
    let nothing = !files.iter().any(|f| corpus::is_news_file(f)) && problems.is_empty();
    Ok(Found {
        roots,
        files,
        problems,
        nothing,
    })
}

/// Runs the pipeline over `found` into `store`, whose content before the run `catalog` describes:
/// removes the articles of files gone from the roots, reads new and changed files, and returns the
/// summary `newsdex index` prints. Fails with a usage error when the roots hold no news files and
/// nothing was removed.
pub fn run<S: Store>(
    store: S,
    catalog: Catalog,
    found: Found,
    options: &Options,
    start: Instant,
) -> Result<Summary> {
    let mut run = Run::new(store, catalog, options.clone(), found.files.len());
    run.summary.problems = found.problems;
    run.remove_gone(&found.roots, &found.files)?;
    if found.nothing && run.summary.removed == 0 {
        return Err(nothing_to_index(&found.roots));
    }
    run.pipeline(&found.files)?;
    run.finish(start)
}

/// The error of a run whose paths hold no file newsdex reads (and no file it indexed before).
fn nothing_to_index(roots: &[PathBuf]) -> Error {
    let paths: Vec<String> = roots.iter().map(|p| p.display().to_string()).collect();
    Error::usage(format!(
        "{}: no news files there (newsdex reads .txt, .md, .json, .jsonl, .ndjson, .html, .htm, \
         .warc and .sgm files, gzipped or not); the index is unchanged",
        paths.join(", ")
    ))
}

/// The index's own files, when the index folder lies inside a folder being indexed
/// (`newsdex index .`): they are not articles and are left out of the walk.
struct IndexFiles {
    /// The index folder, canonical, if it lies under one of the paths walked.
    inside: Option<PathBuf>,
}

impl IndexFiles {
    fn new(dir: Option<&Path>, roots: &[PathBuf]) -> IndexFiles {
        let inside = dir
            .and_then(|dir| std::fs::canonicalize(dir).ok())
            .filter(|dir| {
                roots
                    .iter()
                    .filter_map(|r| std::fs::canonicalize(r).ok())
                    .any(|root| dir.starts_with(root))
            });
        IndexFiles { inside }
    }

    /// True if and only if `path` lies in the index folder.
    fn holds(&self, path: &Path) -> bool {
        let Some(dir) = &self.inside else {
            return false;
        };
        path.parent()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .is_some_and(|parent| parent.starts_with(dir))
    }
}

/// The state of one update, owned by the writer thread.
struct Run<S: Store> {
    store: S,
    catalog: Catalog,
    options: Options,
    summary: Summary,
    next_owner: u32,
    people: HashSet<String>,
    copy_groups: HashSet<u64>,
    /// Files whose articles are being written, by `path` key.
    open: HashMap<String, OpenFile>,
    /// Batches that arrived before the batches of their file that come before them.
    waiting: HashMap<String, BTreeMap<u64, Batch>>,
    /// Where each whole JSON Lines or WARC file ended (see [`Tail`]), for the commit's payload.
    tails: BTreeMap<String, Tail>,
    /// Files whose last reading had problems, for the commit's payload.
    troubled: BTreeSet<String>,
    /// Articles written since the last commit, and when it was.
    pending: usize,
    last_commit: Instant,
    changed: bool,
    progress: Progress,
}

/// A file whose articles are being written: batches of it arrived, the last has not.
#[derive(Debug)]
struct OpenFile {
    owner: u32,
    /// Its articles in the index before this update.
    before: u64,
    written: u64,
    /// The number of the batch to write next.
    next_seq: u64,
    /// Only records appended to it are read: its articles in the index stay.
    append: bool,
    failed: bool,
    /// Its problems so far, and those of single records.
    problems: u64,
    tally: Tally,
}

impl<S: Store> Run<S> {
    fn new(store: S, catalog: Catalog, options: Options, files: usize) -> Run<S> {
        let next_owner = catalog
            .files
            .values()
            .map(|e| e.owner + 1)
            .max()
            .unwrap_or(0);
        let progress = Progress::new(options.progress, files);
        let tails = catalog
            .files
            .iter()
            .filter_map(|(key, e)| Some((key.clone(), e.tail?)))
            .collect();
        let troubled = catalog.troubled.clone();
        Run {
            waiting: HashMap::new(),
            tails,
            troubled,
            store,
            catalog,
            options,
            summary: Summary {
                files: files as u64,
                ..Summary::default()
            },
            next_owner,
            people: HashSet::new(),
            copy_groups: HashSet::new(),
            open: HashMap::new(),
            pending: 0,
            last_commit: Instant::now(),
            changed: false,
            progress,
        }
    }

    /// Deletes the articles of indexed files that lie under `roots` but were not found there,
    /// except under folders the walk could not enter.
    fn remove_gone(&mut self, roots: &[PathBuf], files: &[PathBuf]) -> Result<()> {
        let found: HashSet<String> = files.iter().map(|p| path_key(p)).collect();
        let unwalked: Vec<PathBuf> = self
            .summary
            .problems
            .iter()
            .map(|p| p.path.clone())
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        let gone: Vec<String> = self
            .catalog
            .files
            .keys()
            .filter(|key| {
                let path = Path::new(key.as_str());
                !found.contains(key.as_str())
                    && roots.iter().any(|r| under(path, r))
                    && !unwalked.iter().any(|u| under(path, u))
            })
            .cloned()
            .collect();
        for key in gone {
            if let Some(entry) = self.catalog.files.remove(&key) {
                self.delete(&key, entry.owner)?;
                self.summary.removed += entry.articles;
            }
        }
        Ok(())
    }

    /// Deletes the articles of the file `key`, whose signatures are held by `owner`.
    fn delete(&mut self, key: &str, owner: u32) -> Result<()> {
        self.store.delete(key)?;
        self.catalog.groups.retire(owner);
        self.tails.remove(key);
        self.troubled.remove(key);
        self.changed = true;
        Ok(())
    }

    /// Reads `files` on a reader thread and the workers (one per core) while this thread writes
    /// what they send.
    fn pipeline(&mut self, files: &[PathBuf]) -> Result<()> {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let (sender, receiver) = crossbeam_channel::bounded::<Outcome>(4 * workers);
        let (jobs, job_receiver) = feed::jobs(workers);
        let indexed = &self.catalog.files.clone();
        let entities = self.options.entities;
        std::thread::scope(|scope| {
            // Owned here so that returning early drops it, which stops the reader and workers.
            let receiver = receiver;
            {
                let sender = sender.clone();
                scope.spawn(move || feed::read_files(files, indexed, &jobs, &sender));
            }
            for _ in 0..workers {
                let sender = sender.clone();
                let job_receiver = job_receiver.clone();
                scope.spawn(move || feed::work(&job_receiver, entities, &sender));
            }
            drop(sender);
            drop(job_receiver);
            loop {
                match receiver.recv_timeout(Duration::from_millis(250)) {
                    Ok(outcome) => self.write(outcome)?,
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
                self.progress.show(&self.summary);
            }
            Ok(())
        })
    }

    /// Writes what the reader or a worker made of one file, or of a batch of it, and commits if
    /// it is time.
    fn write(&mut self, outcome: Outcome) -> Result<()> {
        match outcome {
            Outcome::Fatal(err) => return Err(err),
            Outcome::Unchanged { key, problems } => {
                self.progress.files += 1;
                self.summary.unchanged += self.catalog.files.get(&key).map_or(0, |e| e.articles);
                self.summary.problems.extend(problems);
            }
            Outcome::Failed { key, hash, problem } => {
                self.progress.files += 1;
                self.summary.problems.push(problem);
                if hash.is_some() {
                    self.summary.files_read += 1;
                    if let Some(entry) = self.catalog.files.remove(&key) {
                        self.delete(&key, entry.owner)?;
                        self.summary.removed += entry.articles;
                    }
                } else {
                    self.summary.files_skipped += 1;
                    if let Some(entry) = self.catalog.files.get(&key) {
                        self.summary.unchanged += entry.articles;
                    }
                }
            }
            Outcome::Read(batch) => {
                let expected = self.open.get(&batch.key).map_or(0, |f| f.next_seq);
                if batch.seq != expected {
                    let waiting = self.waiting.entry(batch.key.clone()).or_default();
                    waiting.insert(batch.seq, batch);
                    return Ok(());
                }
                let key = batch.key.clone();
                let mut next = Some(batch);
                while let Some(batch) = next.take() {
                    let seq = batch.seq;
                    self.write_batch(batch)?;
                    next = self
                        .waiting
                        .get_mut(&key)
                        .and_then(|waiting| waiting.remove(&(seq + 1)));
                }
                if self.waiting.get(&key).is_some_and(BTreeMap::is_empty) {
                    self.waiting.remove(&key);
                }
            }
        }
        if self.pending >= self.options.commit_every.max(1)
            || (self.pending > 0 && self.last_commit.elapsed() >= COMMIT_INTERVAL)
        {
            self.commit()?;
        }
        Ok(())
    }

    /// Writes the next batch of a file.
    fn write_batch(&mut self, batch: Batch) -> Result<()> {
        let key = batch.key;
        if batch.seq == 0 {
            self.summary.files_read += 1;
            let entry = self.catalog.files.remove(&key);
            let file = match entry {
                Some(entry) if batch.append => {
                    self.tails.remove(&key);
                    self.troubled.remove(&key);
                    OpenFile::new(entry.owner, entry.articles, true)
                }
                Some(entry) => {
                    self.delete(&key, entry.owner)?;
                    let file = OpenFile::new(self.next_owner, entry.articles, false);
                    self.next_owner += 1;
                    file
                }
                None => {
                    let file = OpenFile::new(self.next_owner, 0, false);
                    self.next_owner += 1;
                    file
                }
            };
            self.open.insert(key.clone(), file);
        }
        let Some(mut file) = self.open.remove(&key) else {
            return Err(Error::failure(format!(
                "internal error: articles of {key} arrived out of order"
            )));
        };
        file.next_seq += 1;
        file.failed |= batch.failed;
        for (problem, single) in batch.problems {
            file.problems += 1;
            if single {
                file.tally.add(problem, &mut self.summary.problems);
            } else {
                self.summary.problems.push(problem);
            }
        }
        if !file.failed {
            for article in &batch.articles {
                self.add(article, batch.hash, file.owner)?;
            }
            file.written += batch.articles.len() as u64;
        }
        if !batch.last {
            self.open.insert(key, file);
            return Ok(());
        }
        self.progress.files += 1;
        self.summary
            .problems
            .extend(file.tally.finish(&batch.path, batch.noun));
        let now = if file.failed {
            self.delete(&key, file.owner)?;
            0
        } else {
            if file.problems > 0 {
                self.troubled.insert(key.clone());
            } else if let Some(tail) = batch.tail {
                self.tails.insert(key.clone(), tail);
            }
            file.written
        };
        if file.append && !file.failed {
            self.summary.added += now;
            self.summary.unchanged += file.before;
        } else {
            self.summary.updated += file.before.min(now);
            self.summary.added += now.saturating_sub(file.before);
            self.summary.removed += file.before.saturating_sub(now);
        }
        Ok(())
    }

    /// Adds one article, in the group of its nearest earlier copy or in a group of its own.
    fn add(&mut self, analysed: &Analysed, file_hash: u64, owner: u32) -> Result<()> {
        let own = id_number(&analysed.article.id);
        let group = match analysed.signature {
            Some(signature) => {
                let group = self.catalog.groups.find(signature).unwrap_or(own);
                self.catalog.groups.insert(signature, group, owner);
                group
            }
            None => own,
        };
        if group != own {
            self.summary.copies += 1;
            self.copy_groups.insert(group);
        }
        for person in &analysed.entities.people {
            if !self.people.contains(&person.name) {
                self.people.insert(person.name.clone());
            }
        }
        self.store
            .add(analysed, file_hash, &format!("{group:016x}"))?;
        self.pending += 1;
        self.changed = true;
        Ok(())
    }

    /// Commits, recording in the commit which files are only partly written: their hashes are not
    /// to be trusted by the next update (see [`Catalog::load`]).
    fn commit(&mut self) -> Result<()> {
        let payload = Payload {
            open_files: self.open.keys().cloned().collect(),
            tails: self.tails.clone(),
            troubled: self.troubled.clone(),
        };
        self.store.commit(&payload)?;
        self.pending = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Commits what is left, waits for segment merges, and completes the summary.
    fn finish(mut self, start: Instant) -> Result<Summary> {
        if self.changed {
            self.progress.say("writing the index…");
            self.commit()?;
        }
        self.progress.clear();
        self.summary
            .problems
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        self.summary.people = self.people.len() as u64;
        self.summary.copy_groups = self.copy_groups.len() as u64;
        self.summary.in_index = self.store.finish()?;
        self.summary.elapsed = start.elapsed();
        Ok(self.summary)
    }
}

/// The number an article id stands for: ids are 16 hex digits; anything else is hashed.
fn id_number(id: &str) -> u64 {
    u64::from_str_radix(id, 16).unwrap_or_else(|_| xxh3_64(id.as_bytes()))
}

/// `path` without `.` components, and relative to the current directory when it is an absolute
/// path under it, so that `./corpus/a.json`, `corpus/a.json` and `/home/me/corpus/a.json` (run from
/// `/home/me`) are one file, with one key and one article id.
pub(crate) fn clean(path: &Path) -> PathBuf {
    static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let relative = CWD
        .get_or_init(|| std::env::current_dir().ok())
        .as_deref()
        .filter(|_| cleaned.is_absolute())
        .and_then(|cwd| cleaned.strip_prefix(cwd).ok())
        .map(Path::to_path_buf);
    let cleaned = relative.unwrap_or(cleaned);
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

/// True if and only if `path` is `root` or lies under it (every relative path lies under `.`).
fn under(path: &Path, root: &Path) -> bool {
    if root == Path::new(".") {
        return path.is_relative();
    }
    path.starts_with(root)
}

/// Maps the writer lock being held to a one-line usage error.
fn writer_error(dir: &Path, err: TantivyError) -> Error {
    match err {
        TantivyError::LockFailure(LockError::LockBusy, _) => Error::usage(format!(
            "another `newsdex index` is writing the index at {}: wait for it to finish",
            dir.display()
        )),
        err => Error::from(err),
    }
}

impl OpenFile {
    fn new(owner: u32, before: u64, append: bool) -> OpenFile {
        OpenFile {
            owner,
            before,
            written: 0,
            next_seq: 0,
            append,
            failed: false,
            problems: 0,
            tally: Tally::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_cleaned_and_compared_by_component() {
        assert_eq!(
            clean(Path::new("./corpus/./a.json")),
            Path::new("corpus/a.json")
        );
        assert_eq!(clean(Path::new(".")), Path::new("."));
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            clean(&cwd.join("corpus/a.json")),
            Path::new("corpus/a.json")
        );
        assert_eq!(clean(&cwd), Path::new("."));
        assert_eq!(
            clean(Path::new("/elsewhere/a.json")),
            Path::new("/elsewhere/a.json")
        );
        assert!(under(Path::new("corpus/a.json"), Path::new("corpus")));
        assert!(!under(Path::new("corpus2/a.json"), Path::new("corpus")));
        assert!(under(Path::new("a.json"), Path::new(".")));
        assert!(!under(Path::new("/data/a.json"), Path::new(".")));
    }

    #[test]
    fn ids_are_numbers() {
        assert_eq!(id_number("00000000000000ff"), 255);
    }
}
