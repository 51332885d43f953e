//! `newsdex export`: the archive as files a Quickwit cluster ingests, written by the same pipeline
//! as `newsdex index` ([`crate::index::writer::run`]).
//!
//! The folder holds `quickwit-index.yaml` (the index config), `docs-NNNNN.ndjson` (articles, one a
//! line, each file at most [`MAX_DOCS_BYTES`]), `deletes-NNNNN.ndjson` (delete tasks to create
//! before ingesting `docs-NNNNN.ndjson`: the old articles of files changed or gone), `people.ndjson`
//! (the people table) and `manifest.json`.
//!
//! A re-run reads only new and changed files and starts a new documents file. Killed at any point,
//! the folder is as at the last commit (every 10 seconds, or N articles): documents written after
//! it are cut off on the next run, and files written only in part are written again after a
//! delete task for them.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::json;

use crate::error::{Error, Result};
use crate::index::catalog::Payload;
use crate::index::document::Analysed;
use crate::index::store::Store;
use crate::index::writer::{self, Options, Summary};
use crate::quickwit::config;
use crate::quickwit::document::document_line;
use crate::quickwit::manifest::{DocsFile, Manifest};

/// Largest documents file.
pub const MAX_DOCS_BYTES: u64 = 100_000_000;
/// Name of the manifest in an export folder.
pub const MANIFEST: &str = "manifest.json";
/// Index id written in the exported config.
pub const INDEX_ID: &str = "newsdex";

/// Exports the articles in `paths` to the folder `out` (created if needed), updating an earlier
/// export there. Returns the summary `newsdex index` prints.
pub fn export(out: &Path, paths: &[PathBuf], options: &Options) -> Result<Summary> {
    let start = Instant::now();
    let found = writer::find(paths, Some(out))?;
    if out.exists() && !out.is_dir() {
        return Err(Error::usage(format!(
            "{} is a file, not a folder: name another with --out DIR",
            out.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io("cannot create", out, e))?;
    let store = ExportStore::open(out)?;
    let catalog = store.manifest.catalog();
    writer::run(store, catalog, found, options, start)
}

/// An export folder as a [`Store`].
pub struct ExportStore {
    dir: PathBuf,
    manifest: Manifest,
    /// Number of this run's first documents file: its deletes file carries this number.
    first: usize,
    /// The documents file being written.
    docs: Option<(BufWriter<File>, DocsFile)>,
    /// Paths whose articles this run deletes, not yet written to the deletes file.
    deletes: Vec<String>,
    /// True once this run wrote a documents or deletes file.
    wrote: bool,
}

impl ExportStore {
    /// Opens the export in `dir`: loads its manifest, cuts the last documents file back to its
    /// committed length and removes documents and deletes files written after the last commit.
    pub fn open(dir: &Path) -> Result<ExportStore> {
        let manifest = Manifest::load(&dir.join(MANIFEST), "export")?;
        if let Some(last) = manifest.docs.last() {
            let path = dir.join(&last.name);
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|e| Error::io("cannot open", &path, e))?;
            file.set_len(last.bytes)
                .map_err(|e| Error::io("cannot cut back", &path, e))?;
        }
        let first = manifest.next.max(1);
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io("cannot list", dir, e))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let number = ["docs-", "deletes-"]
                .iter()
                .find_map(|p| name.strip_prefix(p))
                .and_then(|rest| rest.strip_suffix(".ndjson"))
                .and_then(|n| n.parse::<usize>().ok());
            // Numbers from `first` on belong to runs that did not commit.
            if number.is_some_and(|n| n >= first) {
                std::fs::remove_file(entry.path())
                    .map_err(|e| Error::io("cannot remove", &entry.path(), e))?;
            }
        }
        Ok(ExportStore {
            dir: dir.to_path_buf(),
            manifest,
            first,
            docs: None,
            deletes: Vec::new(),
            wrote: false,
        })
    }

    /// The documents file to write `bytes` more to, starting a new one when the current one would
    /// pass [`MAX_DOCS_BYTES`] (or none was started in this run).
    fn docs_for(&mut self, bytes: u64) -> Result<&mut (BufWriter<File>, DocsFile)> {
        let full = self
            .docs
            .as_ref()
            .is_none_or(|(_, d)| d.bytes > 0 && d.bytes + bytes > MAX_DOCS_BYTES);
        if full {
            self.close_docs()?;
            let number = self.next_number();
            let name = docs_name(number);
            let path = self.dir.join(&name);
            let file = File::create(&path).map_err(|e| Error::io("cannot create", &path, e))?;
            self.manifest.docs.push(DocsFile { name, bytes: 0 });
            self.wrote = true;
            self.docs = Some((BufWriter::new(file), DocsFile::default()));
        }
        self.docs
            .as_mut()
            .ok_or_else(|| Error::failure("internal error: no documents file"))
    }

    /// The number of the next documents file of this run.
    fn next_number(&self) -> usize {
        let last = self
            .manifest
            .docs
            .last()
            .and_then(|d| {
                d.name
                    .strip_prefix("docs-")?
                    .strip_suffix(".ndjson")?
                    .parse()
                    .ok()
            })
            .unwrap_or(0);
        if last >= self.first {
            last + 1
        } else {
            self.first
        }
    }

    /// Flushes the documents file to disk and records its length.
    fn sync_docs(&mut self) -> Result<()> {
        if let Some((out, written)) = &mut self.docs {
            let path = self.dir.join(
                self.manifest
                    .docs
                    .last()
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
            );
            out.flush()
                .and_then(|()| out.get_ref().sync_all())
                .map_err(|e| Error::io("cannot write", &path, e))?;
            if let Some(last) = self.manifest.docs.last_mut() {
                last.bytes = written.bytes;
            }
        }
        Ok(())
    }

    fn close_docs(&mut self) -> Result<()> {
        self.sync_docs()?;
        self.docs = None;
        Ok(())
    }

    /// Writes this run's pending deletes: one Quickwit delete query per line.
    fn write_deletes(&mut self) -> Result<()> {
        if self.deletes.is_empty() {
            return Ok(());
        }
        self.wrote = true;
        let path = self.dir.join(format!("deletes-{:05}.ndjson", self.first));
        let mut text = String::new();
        for key in self.deletes.drain(..) {
            text.push_str(&json!({ "query": path_query(&key) }).to_string());
            text.push('\n');
        }
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| {
                f.write_all(text.as_bytes())?;
                f.sync_all()
            })
            .map_err(|e| Error::io("cannot write", &path, e))
    }
}

impl Store for ExportStore {
    fn delete(&mut self, key: &str) -> Result<()> {
        self.manifest.delete(key);
        self.deletes.push(key.to_string());
        Ok(())
    }

    fn add(&mut self, analysed: &Analysed, file_hash: u64, group: &str) -> Result<()> {
        let line = document_line(analysed, file_hash, group);
        let dir = self.dir.clone();
        let (out, written) = self.docs_for(line.len() as u64)?;
        out.write_all(line.as_bytes())
            .map_err(|e| Error::io("cannot write to", &dir, e))?;
        written.bytes += line.len() as u64;
        self.manifest.add(analysed, file_hash, group);
        Ok(())
    }

    fn commit(&mut self, payload: &Payload) -> Result<()> {
        let open_files = &payload.open_files;
        self.sync_docs()?;
        self.write_deletes()?;
        self.manifest.open_files = open_files.to_vec();
        self.manifest.next = self.next_number().max(self.first + 1);
        self.manifest.save(&self.dir.join(MANIFEST))
    }

    fn finish(&mut self) -> Result<u64> {
        self.close_docs()?;
        self.write_deletes()?;
        if self.wrote {
            self.manifest.next = self.next_number().max(self.first + 1);
        }
        self.manifest.save(&self.dir.join(MANIFEST))?;
        let config = self.dir.join("quickwit-index.yaml");
        std::fs::write(&config, config::index_config_yaml(INDEX_ID))
            .map_err(|e| Error::io("cannot write", &config, e))?;
        let people = self.dir.join("people.ndjson");
        let mut text = String::new();
        for person in self.manifest.people() {
            text.push_str(&serde_json::to_string(&person).unwrap_or_default());
            text.push('\n');
        }
        std::fs::write(&people, text).map_err(|e| Error::io("cannot write", &people, e))?;
        Ok(self.manifest.articles())
    }
}

/// `docs-00001.ndjson` for 1.
fn docs_name(number: usize) -> String {
    format!("docs-{number:05}.ndjson")
}

/// The Quickwit query matching the articles of the file `key`: an exact term on `path`, quoted,
/// with `"` and `\` escaped.
pub fn path_query(key: &str) -> String {
    let escaped = key.replace('\\', "\\\\").replace('"', "\\\"");
    format!("path:\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(
            dir.join("three.jsonl"),
            include_str!("../../tests/fixtures/three.jsonl"),
        )
        .unwrap();
    }

    fn lines(path: &Path) -> Vec<serde_json::Value> {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn options() -> Options {
        Options {
            progress: false,
            ..Options::default()
        }
    }

    #[test]
    fn an_export_writes_config_documents_people_and_a_rerun_only_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("corpus");
        corpus(&src);
        let out = tmp.path().join("export");
        let summary = export(&out, std::slice::from_ref(&src), &options()).unwrap();
        assert_eq!(summary.added, 3);
        assert_eq!(summary.in_index, 3);
        let docs = lines(&out.join("docs-00001.ndjson"));
        assert_eq!(docs.len(), 3);
        assert!(
            docs.iter()
                .all(|d| d["path"].as_str().unwrap().ends_with("three.jsonl"))
        );
        assert!(out.join("quickwit-index.yaml").is_file());
        assert!(out.join("people.ndjson").is_file());
        assert!(!out.join("deletes-00001.ndjson").exists());

        // Unchanged: nothing new to ingest.
        let summary = export(&out, std::slice::from_ref(&src), &options()).unwrap();
        assert_eq!((summary.added, summary.unchanged), (0, 3));
        assert!(!out.join("docs-00002.ndjson").exists());

        // Changed, then removed: a delete task before the new version; a delete task alone.
        let mut text = include_str!("../../tests/fixtures/three.jsonl").to_string();
        text = text.lines().take(2).collect::<Vec<_>>().join("\n");
        std::fs::write(src.join("three.jsonl"), text).unwrap();
        let summary = export(&out, std::slice::from_ref(&src), &options()).unwrap();
        assert_eq!((summary.updated, summary.removed), (2, 1));
        assert_eq!(lines(&out.join("docs-00002.ndjson")).len(), 2);
        let key = docs[0]["path"].as_str().unwrap();
        assert_eq!(
            lines(&out.join("deletes-00002.ndjson")),
            vec![json!({ "query": path_query(key) })]
        );
        std::fs::write(src.join("other.txt"), "Headline\n\nA body of text.").unwrap();
        std::fs::remove_file(src.join("three.jsonl")).unwrap();
        let summary = export(&out, std::slice::from_ref(&src), &options()).unwrap();
        assert_eq!(
            (summary.added, summary.removed, summary.in_index),
            (1, 2, 1)
        );
        assert_eq!(lines(&out.join("deletes-00003.ndjson")).len(), 1);
    }

    #[test]
    fn documents_written_after_the_last_commit_are_cut_off() {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("corpus");
        corpus(&src);
        let out = tmp.path().join("export");
        export(&out, std::slice::from_ref(&src), &options()).unwrap();
        // A run killed after writing documents it did not commit.
        let docs = out.join("docs-00001.ndjson");
        let committed = std::fs::read(&docs).unwrap();
        let mut more = committed.clone();
        more.extend_from_slice(b"{\"id\":\"half\"}\n");
        std::fs::write(&docs, more).unwrap();
        std::fs::write(out.join("docs-00002.ndjson"), "{\"id\":\"x\"}\n").unwrap();
        ExportStore::open(&out).unwrap();
        assert_eq!(std::fs::read(&docs).unwrap(), committed);
        assert!(!out.join("docs-00002.ndjson").exists());
    }

    #[test]
    fn path_queries_escape_quotes() {
        assert_eq!(path_query("corpus/a.txt"), "path:\"corpus/a.txt\"");
        assert_eq!(path_query("a \"b\".txt"), "path:\"a \\\"b\\\".txt\"");
    }
}
