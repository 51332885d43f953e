//! What an index already holds, file by file: the hash of each file's bytes when its articles
//! were indexed, how many articles it gave, and the duplicate signatures of those articles.
//!
//! An update reads the catalog once, at the commit it starts from, to skip unchanged files and to
//! put new copies in existing groups. Everything comes from the path terms and the fast fields,
//! never from stored documents, so reading it is cheap.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, ReloadPolicy, TERMINATED};

use crate::error::{Error, Result};
use crate::index::dedup::Groups;
use crate::index::schema::Fields;

/// What the indexer records in each commit.
#[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Payload {
    /// Files whose articles were only partly written at the commit.
    pub open_files: Vec<String>,
    /// Where each whole JSON Lines or WARC file ended, so that records appended to it later are
    /// read alone (see [`Tail`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tails: BTreeMap<String, Tail>,
    /// Files whose last reading had problems (broken lines or records), so that an update that
    /// finds one unchanged reports them again.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub troubled: BTreeSet<String>,
}

/// Set in a file's hash, in the catalog, when its last reading had problems (see
/// [`Payload::troubled`]); indexes written before that was recorded in the payload set it in the
/// articles' `file_hash`.
pub const HAD_PROBLEMS: u64 = 1;

/// The end of an indexed JSON Lines or WARC file that was read without a problem and ended at a
/// record boundary: if the file now starts with the same `bytes` bytes (same size, same hash), the
/// records after them are new and numbered from `records` on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tail {
    /// Size of the file as indexed, as stored.
    pub bytes: u64,
    /// The number the next record gets.
    pub records: u64,
    /// The `file_hash` of those bytes.
    pub hash: u64,
}

impl Payload {
    /// The payload as stored in the commit.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored payload; a missing or unreadable one is empty.
    pub fn from_json(payload: Option<&str>) -> Payload {
        payload
            .and_then(|p| serde_json::from_str(p).ok())
            .unwrap_or_default()
    }
}

/// One indexed file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileEntry {
    /// The `file_hash` its articles carry; None if they disagree, or if the last commit says the
    /// file was only partly written: the file then counts as changed.
    pub hash: Option<u64>,
    /// Number of its articles in the index.
    pub articles: u64,
    /// Key naming this version of the file in [`Catalog::groups`].
    pub owner: u32,
    /// Where the file ended, when records appended to it can be read alone. Its articles then
    /// carry the hashes of the versions they were read from, and `hash` is the last version's.
    pub tail: Option<Tail>,
}

/// The indexed files and the duplicate signatures of their articles.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Indexed files by their `path` field value.
    pub files: HashMap<String, FileEntry>,
    pub groups: Groups,
    /// Files whose last reading had problems, as the last commit recorded them.
    pub troubled: BTreeSet<String>,
}

impl Catalog {
    /// Reads the catalog of the last commit of `index`.
    pub fn load(index: &Index, f: &Fields) -> Result<Catalog> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let mut catalog = Catalog::default();
        let io = |err: std::io::Error| Error::failure(format!("reading the index: {err}"));
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let hashes = fast.u64("file_hash")?;
            let signatures = fast.u64("signature")?;
            let groups = fast.str("group")?;
            let labels = match &groups {
                Some(column) => group_labels(column).map_err(io)?,
                None => Vec::new(),
            };
            let postings_of = segment.inverted_index(f.path)?;
            let mut terms = postings_of.terms().stream().map_err(io)?;
            while terms.advance() {
                let path = String::from_utf8_lossy(terms.key()).into_owned();
                let mut docs = postings_of
                    .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                    .map_err(io)?;
                let next_owner = catalog.files.len() as u32;
                let entry = catalog.files.entry(path).or_insert(FileEntry {
                    hash: None,
                    articles: 0,
                    owner: next_owner,
                    tail: None,
                });
                let mut doc = docs.doc();
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        let hash = hashes.first(doc);
                        entry.hash = if entry.articles == 0 || entry.hash == hash {
                            hash
                        } else {
                            None
                        };
                        entry.articles += 1;
                        let group = groups.as_ref().and_then(|g| {
                            let ord = g.term_ords(doc).next()?;
                            labels.get(ord as usize).copied().flatten()
                        });
                        if let (Some(signature), Some(group)) = (signatures.first(doc), group) {
                            catalog.groups.insert(signature, group, entry.owner);
                        }
                    }
                    doc = docs.advance();
                }
            }
        }
        catalog.files.retain(|_, e| e.articles > 0);
        // Files cut short by a crash after a commit: their articles are there in part only.
        let payload = Payload::from_json(index.load_metas()?.payload.as_deref());
        for (key, tail) in payload.tails {
            if let Some(entry) = catalog.files.get_mut(&key) {
                entry.hash = Some(tail.hash);
                entry.tail = Some(tail);
            }
        }
        for key in payload.troubled {
            if let Some(entry) = catalog.files.get_mut(&key) {
                entry.hash = entry.hash.map(|h| h | HAD_PROBLEMS);
                catalog.troubled.insert(key);
            }
        }
        for key in payload.open_files {
            if let Some(entry) = catalog.files.get_mut(&key) {
                entry.hash = None;
                entry.tail = None;
            }
        }
        Ok(catalog)
    }

    /// Number of articles in the index.
    pub fn articles(&self) -> u64 {
        self.files.values().map(|e| e.articles).sum()
    }
}

/// The group labels of a segment's `group` column, by term ordinal, as numbers (None for a label
/// that is not 16 hex digits). Reading the dictionary once is much faster than one look-up per
/// document.
fn group_labels(column: &tantivy::columnar::StrColumn) -> std::io::Result<Vec<Option<u64>>> {
    let mut labels = Vec::with_capacity(column.num_terms());
    let mut terms = column.dictionary().stream()?;
    while terms.advance() {
        let label = std::str::from_utf8(terms.key()).ok();
        labels.push(label.and_then(|l| u64::from_str_radix(l, 16).ok()));
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{register_tokenizers, schema};
    use tantivy::{IndexWriter, TantivyDocument};

    /// An index in memory holding articles of the files `(path, file_hash)`, committed with
    /// `payload`.
    fn index_of(files: &[(&str, u64)], payload: Payload) -> (Index, Fields) {
        let index = Index::create_in_ram(schema());
        register_tokenizers(&index);
        let f = Fields::from_schema(&index.schema()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for &(path, hash) in files {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.path, path);
            doc.add_u64(f.file_hash, hash);
            doc.add_text(f.group, "00000000000000aa");
            doc.add_u64(f.signature, 7);
            writer.add_document(doc).unwrap();
        }
        let mut commit = writer.prepare_commit().unwrap();
        commit.set_payload(&payload.to_json());
        commit.commit().unwrap();
        (index, f)
    }

    #[test]
    fn files_cut_short_at_the_last_commit_are_not_trusted() {
        let files = [("a.jsonl", 10), ("a.jsonl", 10), ("b.jsonl", 20)];
        let open = Payload {
            open_files: vec!["b.jsonl".into()],
            ..Payload::default()
        };
        let (index, f) = index_of(&files, open);
        let catalog = Catalog::load(&index, &f).unwrap();
        let a = catalog.files["a.jsonl"];
        assert_eq!((a.hash, a.articles), (Some(10), 2));
        let b = catalog.files["b.jsonl"];
        assert_eq!((b.hash, b.articles), (None, 1));
        assert_eq!(catalog.articles(), 3);
        assert_eq!(catalog.groups.find(7), Some(0xaa));
    }

    #[test]
    fn articles_that_disagree_on_their_file_hash_are_not_trusted() {
        let files = [("a.jsonl", 10), ("a.jsonl", 11)];
        let (index, f) = index_of(&files, Payload::default());
        let catalog = Catalog::load(&index, &f).unwrap();
        assert_eq!(catalog.files["a.jsonl"].hash, None);
    }

    #[test]
    fn an_appended_file_is_known_by_its_tail() {
        // Its first articles carry the first version's hash, the appended ones the second's.
        let files = [("a.jsonl", 10), ("a.jsonl", 11), ("b.jsonl", 20)];
        let tail = Tail {
            bytes: 300,
            records: 2,
            hash: 11,
        };
        let payload = Payload {
            tails: [("a.jsonl".to_string(), tail), ("b.jsonl".to_string(), tail)].into(),
            open_files: vec!["b.jsonl".into()],
            ..Payload::default()
        };
        let (index, f) = index_of(&files, payload);
        let catalog = Catalog::load(&index, &f).unwrap();
        assert_eq!(catalog.files["a.jsonl"].hash, Some(11));
        assert_eq!(catalog.files["a.jsonl"].tail, Some(tail));
        // Cut short by a crash: neither hash nor tail is trusted.
        assert_eq!(catalog.files["b.jsonl"].hash, None);
        assert_eq!(catalog.files["b.jsonl"].tail, None);
    }
}
