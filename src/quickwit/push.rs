//! `newsdex push`: the archive sent straight to a running Quickwit cluster by the same pipeline as
//! `newsdex index` ([`crate::index::writer::run`]), with a manifest kept locally.
//!
//! The index is created from [`config::index_config`] when missing; an index whose doc mapping is
//! not newsdex's is refused. Articles go to `POST /api/v1/{index}/ingest` in batches of at most
//! [`MAX_BATCH_BYTES`]; the old articles of a changed or removed file are deleted first by a delete
//! task on its `path`.
//!
//! No article lost, none doubled, wherever a run stops: before a batch is sent, the manifest
//! records every file with articles in it as open; after each commit, the manifest records what
//! Quickwit holds (the last batch of a commit waits until Quickwit has committed it). The next run
//! does not trust open files: it deletes what Quickwit has of them and sends them again, after
//! waiting one commit timeout so that what the stopped run sent is committed before the delete
//! task (Quickwit applies a delete task to the splits that exist when it is created).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::index::catalog::Payload;
use crate::index::document::{Analysed, path_key};
use crate::index::store::Store;
use crate::index::writer::{self, Options, Summary};
use crate::quickwit::client::{Client, Commit};
use crate::quickwit::config;
use crate::quickwit::document::document_line;
use crate::quickwit::export::path_query;
use crate::quickwit::manifest::Manifest;

/// Largest ingest request body.
pub const MAX_BATCH_BYTES: usize = 10_000_000;

/// Where and what to push.
#[derive(Clone, Debug)]
pub struct Target {
    /// The node's address, `http://host:port`.
    pub url: String,
    /// The Quickwit index id.
    pub index: String,
    /// Folder of the manifests of pushes (one per URL and index).
    pub state: PathBuf,
}

/// Sends the articles in `paths` to the index of `target`, creating the index if needed and
/// updating what an earlier push sent. Returns the summary `newsdex index` prints.
///
/// Fails with a usage error for a bad URL or index id, a server that is not Quickwit, or an index
/// whose doc mapping is not newsdex's; with a failure when the cluster cannot be reached or keeps
/// refusing (the next run resumes).
pub fn push(target: &Target, paths: &[PathBuf], options: &Options) -> Result<Summary> {
    let start = Instant::now();
    check_index_id(&target.index)?;
    let client = Client::new(&target.url)?;
    let found = writer::find(paths, Some(&target.state))?;
    client.check()?;
    let existing = client.index(&target.index)?;
    let created = existing.is_none();
    let meta = match existing {
        Some(meta) => {
            let config = meta.get("index_config").unwrap_or(&Value::Null);
            let mapping = config.get("doc_mapping").unwrap_or(&Value::Null);
            if let Some(difference) = config::mapping_difference(mapping) {
                let made = if config::made_by_newsdex(mapping) {
                    "was made by another version of newsdex"
                } else {
                    "was not made by newsdex"
                };
                return Err(Error::usage(format!(
                    "the index {} at {} {made} ({difference}): push to another --index, or \
                     delete that index",
                    target.index,
                    client.url()
                )));
            }
            meta
        }
        None => client.create_index(&config::index_config(&target.index))?,
    };
    let commit_timeout = meta
        .pointer("/index_config/indexing_settings/commit_timeout_secs")
        .and_then(Value::as_u64)
        .unwrap_or(config::COMMIT_TIMEOUT_SECS);
    std::fs::create_dir_all(&target.state)
        .map_err(|e| Error::io("cannot create", &target.state, e))?;
    let identity = identity(&target.index, &meta);
    let manifest_path = manifest_path(&target.state, &identity);
    let mut manifest = Manifest::load(&manifest_path, &identity)?;
    if created && !manifest.files.is_empty() {
        // A new index holds nothing, whatever an old manifest of the same name says.
        manifest.files.clear();
        manifest.open_files.clear();
    }
    // What a stopped run sent must be committed before the delete tasks that undo it.
    let settle = (!manifest.open_files.is_empty())
        .then(|| Duration::from_secs(commit_timeout + commit_timeout.div_ceil(2)));
    let catalog = manifest.catalog();
    let store = PushStore {
        client,
        index: target.index.clone(),
        manifest_path,
        committed_open: manifest.open_files.clone(),
        manifest,
        batch: Vec::new(),
        touched: BTreeSet::new(),
        deletes: Vec::new(),
        settle,
    };
    writer::run(store, catalog, found, options, start)
}

/// What names one index on one cluster for as long as it lives: its `index_uid` (the index id and
/// a unique suffix given at creation, so an index deleted and created again is another one), else
/// its id and creation time.
pub fn identity(index: &str, meta: &Value) -> String {
    if let Some(uid) = meta.get("index_uid").and_then(Value::as_str) {
        return uid.to_string();
    }
    let created = meta
        .get("create_timestamp")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    format!("{index}:{created}")
}

/// The manifest of pushes to the index `identity` (see [`identity`]): `STATE/IDENTITY.json`, with
/// every character other than letters, digits, `-` and `_` as `_`. Manifests are per index, never
/// per URL, so `localhost` and `127.0.0.1` share one.
pub fn manifest_path(state: &Path, identity: &str) -> PathBuf {
    let name: String = identity
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    state.join(format!("{name}.json"))
}

/// Fails with a usage error unless `id` is a valid Quickwit index id: letters, digits, `-` and
/// `_`, starting with a letter, 3 to 255 characters.
pub fn check_index_id(id: &str) -> Result<()> {
    let valid = (3..=255).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{id:?} is not a Quickwit index id: use 3 to 255 letters, digits, - or _, starting with a \
         letter (--index NAME)"
    )))
}

/// A Quickwit index as a [`Store`].
struct PushStore {
    client: Client,
    index: String,
    manifest_path: PathBuf,
    manifest: Manifest,
    /// Open files at the last commit.
    committed_open: Vec<String>,
    /// Documents not sent yet, one a line.
    batch: Vec<u8>,
    /// Files with articles added since the last commit.
    touched: BTreeSet<String>,
    /// Files whose articles are to be deleted before anything more is sent.
    deletes: Vec<String>,
    /// Pause before the first delete task, after a stopped run.
    settle: Option<Duration>,
}

impl PushStore {
    /// Creates the pending delete tasks.
    fn send_deletes(&mut self) -> Result<()> {
        if self.deletes.is_empty() {
            return Ok(());
        }
        if let Some(pause) = self.settle.take() {
            eprintln!(
                "newsdex: waiting {} s for Quickwit to commit what the stopped push sent, before \
                 deleting it",
                pause.as_secs()
            );
            std::thread::sleep(pause);
        }
        for key in std::mem::take(&mut self.deletes) {
            self.client.delete_task(&self.index, &path_query(&key))?;
        }
        Ok(())
    }

    /// Sends the batch: first records every file touched since the last commit as open, so that a
    /// run stopped from here on redoes them.
    fn send_batch(&mut self, commit: Commit) -> Result<()> {
        self.send_deletes()?;
        if self.batch.is_empty() {
            return Ok(());
        }
        let mut open: BTreeSet<String> = self.committed_open.iter().cloned().collect();
        open.extend(self.touched.iter().cloned());
        self.manifest.open_files = open.into_iter().collect();
        self.manifest.save(&self.manifest_path)?;
        self.client.ingest(&self.index, &self.batch, commit)?;
        self.batch.clear();
        Ok(())
    }
}

impl Store for PushStore {
    fn delete(&mut self, key: &str) -> Result<()> {
        self.manifest.delete(key);
        self.deletes.push(key.to_string());
        Ok(())
    }

    fn add(&mut self, analysed: &Analysed, file_hash: u64, group: &str) -> Result<()> {
        let line = document_line(analysed, file_hash, group);
        if line.len() > MAX_BATCH_BYTES {
            return Err(Error::failure(format!(
                "an article of {} is {} MB as JSON, over Quickwit's 10 MB ingest limit: split it",
                analysed.article.path.display(),
                line.len() >> 20
            )));
        }
        if self.batch.len() + line.len() > MAX_BATCH_BYTES {
            self.send_batch(Commit::Auto)?;
        }
        self.batch.extend_from_slice(line.as_bytes());
        self.touched.insert(path_key(&analysed.article.path));
        self.manifest.add(analysed, file_hash, group);
        Ok(())
    }

    fn commit(&mut self, payload: &Payload) -> Result<()> {
        let open_files = &payload.open_files;
        self.send_batch(Commit::WaitFor)?;
        self.manifest.open_files = open_files.to_vec();
        self.manifest.save(&self.manifest_path)?;
        self.committed_open = open_files.to_vec();
        self.touched.clear();
        Ok(())
    }

    fn finish(&mut self) -> Result<u64> {
        Ok(self.manifest.articles())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quickwit::client::fake::node;

    fn options() -> Options {
        Options {
            progress: false,
            ..Options::default()
        }
    }

    #[test]
    fn index_ids_follow_quickwits_rules() {
        assert!(check_index_id("news").is_ok());
        assert!(check_index_id("news-2026_a").is_ok());
        for bad in ["ne", "1news", "news/x", "news index", ""] {
            assert_eq!(
                check_index_id(bad).unwrap_err().code(),
                Error::USAGE,
                "{bad}"
            );
        }
    }

    #[test]
    fn an_index_of_another_schema_is_refused_in_one_line_and_nothing_is_sent() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), "Headline\n\nA body.").unwrap();
        let other = serde_json::json!({
            "index_config": { "doc_mapping": {
                "field_mappings": [{"name": "message", "type": "text"}],
                "timestamp_field": "timestamp"
            }}
        });
        let n = node(vec![
            Some((200, "{\"cluster_id\":\"c\"}".into())),
            Some((200, other.to_string())),
        ]);
        let target = Target {
            url: n.url.clone(),
            index: "logs".into(),
            state: tmp.path().join("state"),
        };
        let err = push(&target, &[corpus], &options()).unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert_eq!(
            err.to_string(),
            format!(
                "the index logs at {} was not made by newsdex (it has no field id): push to \
                 another --index, or delete that index",
                n.url
            )
        );
        assert_eq!(n.requests.lock().unwrap().len(), 2, "no ingest");
    }

    fn corpus(dir: &Path) -> PathBuf {
        let corpus = dir.join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(
            corpus.join("three.jsonl"),
            include_str!("../../tests/fixtures/three.jsonl"),
        )
        .unwrap();
        corpus
    }

    /// The metadata of newsdex's index `news`, with this uid and commit timeout.
    fn ours(uid: &str, commit_timeout: u64) -> String {
        let mut config = config::index_config("news");
        config["indexing_settings"]["commit_timeout_secs"] = serde_json::json!(commit_timeout);
        serde_json::json!({ "index_uid": uid, "index_config": config }).to_string()
    }

    #[test]
    fn a_missing_index_is_created_then_articles_ingested_and_a_rerun_sends_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = corpus(tmp.path());
        let n = node(vec![
            Some((200, "{}".into())),
            Some((404, r#"{"message":"index `news` not found"}"#.into())),
            Some((200, ours("news:01A", 10))),
            Some((200, r#"{"num_docs_for_processing":3}"#.into())),
        ]);
        let target = Target {
            url: n.url.clone(),
            index: "news".into(),
            state: tmp.path().join("state"),
        };
        let summary = push(&target, std::slice::from_ref(&corpus), &options()).unwrap();
        assert_eq!((summary.added, summary.in_index), (3, 3));
        {
            let requests = n.requests.lock().unwrap();
            assert_eq!(requests[2].path, "/api/v1/indexes");
            let config: Value = serde_json::from_str(&requests[2].body).unwrap();
            assert_eq!(config, config::index_config("news"));
            assert_eq!(
                requests[3].path,
                "/api/v1/news/ingest?commit=wait_for&detailed_response=true"
            );
            assert_eq!(requests[3].body.lines().count(), 3);
        }
        let manifest =
            Manifest::load(&manifest_path(&target.state, "news:01A"), "news:01A").unwrap();
        assert!(manifest.open_files.is_empty());
        assert_eq!(manifest.articles(), 3);

        // Unchanged, through another address of the same index: checks it, sends nothing.
        let n2 = node(vec![
            Some((200, "{}".into())),
            Some((200, ours("news:01A", 10))),
        ]);
        let again = Target {
            url: n2.url.clone(),
            ..target.clone()
        };
        let summary = push(&again, std::slice::from_ref(&corpus), &options()).unwrap();
        assert_eq!((summary.added, summary.unchanged), (0, 3));
        assert_eq!(n2.requests.lock().unwrap().len(), 2);

        // The index deleted and created again is another index: everything is sent to it.
        let n3 = node(vec![
            Some((200, "{}".into())),
            Some((200, ours("news:01B", 10))),
            Some((200, r#"{"num_docs_for_processing":3}"#.into())),
        ]);
        let recreated = Target {
            url: n3.url.clone(),
            ..target.clone()
        };
        let summary = push(&recreated, &[corpus], &options()).unwrap();
        assert_eq!(summary.added, 3);
    }

    #[test]
    fn a_push_stopped_mid_batch_redoes_its_files_after_a_delete_task() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = corpus(tmp.path());
        // The connection breaks while the ingest is sent: Quickwit may have taken it. (A commit
        // timeout of 0: no pause before the delete task in the test.)
        let n = node(vec![
            Some((200, "{}".into())),
            Some((200, ours("news:01C", 0))),
            None,
        ]);
        let target = Target {
            url: n.url.clone(),
            index: "news".into(),
            state: tmp.path().join("state"),
        };
        let err = push(&target, std::slice::from_ref(&corpus), &options()).unwrap_err();
        assert_eq!(err.code(), Error::FAILURE);
        assert!(
            err.to_string()
                .contains("run the same command again to resume"),
            "{err}"
        );
        // Run again: the file is deleted by path, then sent whole, once.
        let n2 = node(vec![
            Some((200, "{}".into())),
            Some((200, ours("news:01C", 0))),
            Some((200, r#"{"opstamp":1}"#.into())),
            Some((200, r#"{"num_docs_for_processing":3}"#.into())),
        ]);
        let target = Target {
            url: n2.url.clone(),
            ..target
        };
        let summary = push(&target, &[corpus], &options()).unwrap();
        assert_eq!(
            (summary.added, summary.updated),
            (0, 3),
            "redone, not added twice"
        );
        let requests = n2.requests.lock().unwrap();
        assert_eq!(requests[2].path, "/api/v1/news/delete-tasks");
        assert!(requests[2].body.contains("three.jsonl"));
        assert_eq!(
            requests[3].path,
            "/api/v1/news/ingest?commit=wait_for&detailed_response=true"
        );
        assert_eq!(requests[3].body.lines().count(), 3);
        assert_eq!(requests.len(), 4);
    }
}
