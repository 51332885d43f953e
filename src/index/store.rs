//! Where the indexer writes: the [`Store`] trait, and the local tantivy index as one
//! ([`TantivyStore`]). `crate::quickwit` has the others (an export folder, a Quickwit cluster), so
//! every target gets the same readers, recogniser, duplicate groups, commits and summary.

use tantivy::{IndexWriter, Term};

use crate::error::{Error, Result};
use crate::index::catalog::Payload;
use crate::index::document::Analysed;
use crate::index::schema::Fields;

/// Where the pipeline writes. The pipeline decides what to delete and add, in which duplicate
/// group, and when to commit; a store only carries it out.
pub trait Store {
    /// Deletes every article of the file whose `path` key is `key`.
    fn delete(&mut self, key: &str) -> Result<()>;
    /// Adds one article, read from a file whose bytes hash to `file_hash`, in the duplicate group
    /// named `group` (16 hex digits).
    fn add(&mut self, analysed: &Analysed, file_hash: u64, group: &str) -> Result<()>;
    /// Makes everything deleted and added so far durable, with what the next update must know
    /// (`payload`: the files only partly written, which it writes again; where appendable files
    /// ended; the files whose reading had problems).
    fn commit(&mut self, payload: &Payload) -> Result<()>;
    /// Called once after the last commit; returns the number of articles the store holds.
    fn finish(&mut self) -> Result<u64>;
}

/// The local index as a [`Store`].
pub struct TantivyStore {
    /// None once finished.
    writer: Option<IndexWriter>,
    fields: Fields,
}

impl TantivyStore {
    /// A store writing with `writer` to an index whose schema `fields` describes.
    pub fn new(writer: IndexWriter, fields: Fields) -> TantivyStore {
        TantivyStore {
            writer: Some(writer),
            fields,
        }
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        self.writer
            .as_mut()
            .ok_or_else(|| Error::failure("internal error: the index writer was closed"))
    }
}

impl Store for TantivyStore {
    fn delete(&mut self, key: &str) -> Result<()> {
        let term = Term::from_field_text(self.fields.path, key);
        self.writer()?.delete_term(term);
        Ok(())
    }

    fn add(&mut self, analysed: &Analysed, file_hash: u64, group: &str) -> Result<()> {
        let doc = analysed.document(&self.fields, file_hash, group);
        self.writer()?.add_document(doc)?;
        Ok(())
    }

    fn commit(&mut self, payload: &Payload) -> Result<()> {
        let mut commit = self.writer()?.prepare_commit()?;
        commit.set_payload(&payload.to_json());
        commit.commit()?;
        Ok(())
    }

    /// Waits for segment merges, then counts the articles of the last commit.
    fn finish(&mut self) -> Result<u64> {
        let writer = self
            .writer
            .take()
            .ok_or_else(|| Error::failure("internal error: the index writer was closed"))?;
        let index = writer.index().clone();
        writer.wait_merging_threads()?;
        index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map(|reader: tantivy::IndexReader| reader.searcher().num_docs())
            .map_err(|e| Error::failure(format!("reading the index back: {e}")))
    }
}
