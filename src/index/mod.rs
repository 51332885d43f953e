//! The index: a tantivy index of articles and the people, organisations and places they name.
//!
//! [`build`] writes or updates it from files and folders (`newsdex index`), [`open`] opens it for
//! reading, and [`ensure_index`] opens it for `search`, `people` and `serve`, building it from
//! `./corpus` first when the default index does not exist yet. [`parse`] shows what the indexer
//! would index without touching an index.

pub mod catalog;
pub mod dedup;
pub mod document;
mod feed;
pub mod names;
pub mod parse;
pub mod schema;
pub mod stem;
pub mod store;
pub mod summary;
pub mod tables;
pub mod verdict;
pub mod writer;

use std::path::Path;

use tantivy::Index;
use tantivy::directory::MmapDirectory;

use crate::error::{Error, Result};
pub use writer::{Options, Summary, build};

/// The folder `search`, `people` and `serve` build the default index from.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Exit status of `newsdex index` and `newsdex parse` when every file was read but some files,
/// or parts of files, were skipped (listed in the summary). 0 means nothing was skipped; 2 is a
/// usage error (a path that does not exist, an index locked by another indexer).
pub const EXIT_SKIPPED: u8 = 3;

/// Returns true if and only if `dir` holds an index (its `meta.json`).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index at `dir` for reading, with newsdex's tokenizers registered.
pub fn open(dir: &Path) -> Result<Index> {
    if !exists(dir) {
        return Err(Error::usage(format!(
            "no index at {}: run `newsdex index PATH…` first",
            dir.display()
        )));
    }
    let index = Index::open_in_dir(dir)
        .map_err(|e| Error::failure(format!("opening the index at {}: {e}", dir.display())))?;
    check_schema(&index, dir)?;
    schema::register_tokenizers(&index);
    Ok(index)
}

/// Opens the index at `dir` for writing, creating the folder and an empty index if needed.
pub fn create_or_open(dir: &Path) -> Result<Index> {
    if exists(dir) {
        return open(dir);
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(format!(
            "{} is a file, not an index folder: name another with --index DIR",
            dir.display()
        )));
    }
    if let Ok(target) = std::fs::read_link(dir)
        && !dir.exists()
    {
        return Err(Error::usage(format!(
            "{} is a link to {}, which does not exist: create that folder or name another with \
             --index DIR",
            dir.display(),
            target.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("creating the index folder", dir, e))?;
    // A folder newsdex cannot write to (read-only disk, no permission) is said so plainly, not as
    // the index library's error about a temporary file.
    let probe = dir.join(".newsdex-write-test");
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|e| {
            Error::usage(format!(
                "cannot write an index in {}: {e} (name another folder with --index DIR)",
                dir.display()
            ))
        })?;
    let directory = MmapDirectory::open(dir)
        .map_err(|e| Error::failure(format!("opening {}: {e}", dir.display())))?;
    let index = Index::create(directory, schema::schema(), Default::default())
        .map_err(|e| Error::failure(format!("creating an index in {}: {e}", dir.display())))?;
    schema::register_tokenizers(&index);
    Ok(index)
}

fn check_schema(index: &Index, dir: &Path) -> Result<()> {
    if index.schema() == schema::schema() {
        return Ok(());
    }
    Err(Error::usage(format!(
        "the index at {} was built by another version of newsdex: delete that folder and run \
         `newsdex index PATH…` again",
        dir.display()
    )))
}

/// Opens the index at `dir` for `search`, `people` and `serve`.
///
/// When there is no index there and the user did not name the index (`named` is false: no
/// `--index`, no `NEWSDEX_INDEX`), builds it from `./corpus` first, saying so on stderr with
/// progress and a summary. When the user named an index that does not exist, fails with a usage
/// error that says how to build it.
pub fn ensure_index(dir: &Path, named: bool) -> Result<Index> {
    ensure_index_from(dir, named, Path::new(DEFAULT_CORPUS))
}

fn ensure_index_from(dir: &Path, named: bool, corpus: &Path) -> Result<Index> {
    if exists(dir) || named {
        return open(dir);
    }
    if !corpus.exists() {
        return Err(Error::usage(format!(
            "no index at {} and no {} folder to build it from: run `newsdex index PATH…` first",
            dir.display(),
            corpus.display()
        )));
    }
    eprintln!(
        "newsdex: no index at {} yet: building it from {} (once)",
        dir.display(),
        corpus.display()
    );
    let summary = build(dir, &[corpus.to_path_buf()], &Options::default())?;
    eprint!("{summary}");
    open(dir)
}

/// Gives the memory freed so far back to the system. The allocator keeps what was freed for reuse
/// (in the arena of the thread that freed it); after a big indexing run, or the temporaries of the
/// search tables, that is hundreds of MB the process no longer uses (at a million articles: 330
/// MiB kept after the run, 250 MiB after the name index).
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the system; it touches no live
    // allocation and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(index: &Index) -> u64 {
        index.reader().unwrap().searcher().num_docs()
    }

    #[test]
    fn the_default_index_is_built_from_the_corpus_on_first_use() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(
            corpus.join("three.jsonl"),
            include_str!("../../tests/fixtures/three.jsonl"),
        )
        .unwrap();
        let dir = tmp.path().join("index");
        let index = ensure_index_from(&dir, false, &corpus).unwrap();
        assert_eq!(documents(&index), 3);
        // Once built, it is opened as it is, even when the corpus has grown.
        std::fs::write(
            corpus.join("more.jsonl"),
            include_str!("../../tests/fixtures/three.jsonl"),
        )
        .unwrap();
        assert_eq!(
            documents(&ensure_index_from(&dir, false, &corpus).unwrap()),
            3
        );
    }

    #[test]
    fn a_named_index_that_does_not_exist_is_a_usage_error() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let dir = tmp.path().join("archive-index");
        let err = ensure_index_from(&dir, true, &corpus).unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert_eq!(
            err.to_string(),
            format!(
                "no index at {}: run `newsdex index PATH…` first",
                dir.display()
            )
        );
        assert!(!dir.exists(), "nothing is built");
    }

    #[test]
    fn without_index_or_corpus_the_error_says_what_to_run() {
        let tmp = tempfile::tempdir().unwrap();
        let err = ensure_index_from(&tmp.path().join("index"), false, &tmp.path().join("corpus"))
            .unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("run `newsdex index PATH…` first"));
    }
}
