//! The catalog of one searcher generation: every person, source and month in the index under one
//! global number, each segment's fast-field columns, and the name index built from the people.
//!
//! Fast-field term ordinals are per segment; the catalog maps them to global numbers once per
//! generation, so collecting, collapsing duplicates and counting facets work on integers only. A
//! generation changes when an indexer commits; [`Cache`] builds the new catalog on first use.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, SegmentReader};

use crate::error::Result;
use crate::search::names::NameIndex;

/// Names of the fast fields the catalog reads, as the schema spells them.
const PERSON: &str = "person";
const SOURCE: &str = "source";
const MONTH: &str = "month";
const GROUP: &str = "group";
const DATE: &str = "date";

/// One fast string column of a segment, with its term ordinals mapped to global numbers.
#[derive(Clone)]
pub struct Mapped<T> {
    pub column: StrColumn,
    pub global: Vec<T>,
}

impl<T: Copy> Mapped<T> {
    /// Global numbers of the values `doc` has, in term order.
    pub fn values(&self, doc: u32) -> impl Iterator<Item = T> + '_ {
        self.column
            .term_ords(doc)
            .map(|ord| self.global[ord as usize])
    }

    /// Global number of the first value `doc` has.
    pub fn first(&self, doc: u32) -> Option<T> {
        self.values(doc).next()
    }
}

/// The columns of one segment.
#[derive(Clone)]
pub struct SegmentColumns {
    /// Person ids (positions in [`Catalog::persons`]).
    pub person: Option<Mapped<u32>>,
    pub source: Option<Mapped<u32>>,
    pub month: Option<Mapped<u32>>,
    /// Duplicate group keys: the group id parsed as hex (hashed when it is not hex).
    pub group: Option<Mapped<u64>>,
    pub date: Option<Column<DateTime>>,
}

/// Everything one generation's searches share.
pub struct Catalog {
    pub generation: u64,
    /// Canonical person names, sorted; a person id is a position here.
    pub persons: Vec<String>,
    /// Sources as stored, sorted.
    pub sources: Vec<String>,
    /// "YYYY-MM" months, sorted.
    pub months: Vec<String>,
    pub names: NameIndex,
    /// Columns of each segment, in the searcher's segment order.
    pub segments: Vec<SegmentColumns>,
}

impl Catalog {
    /// Builds the catalog of `searcher`'s generation.
    pub fn build(searcher: &tantivy::Searcher) -> Result<Catalog> {
        let readers = searcher.segment_readers();
        let columns = |name| -> Result<Vec<Option<Terms>>> {
            readers.iter().map(|r| str_column(r, name)).collect()
        };
        let (persons, person) = intern(columns(PERSON)?);
        let (sources, source) = intern(columns(SOURCE)?);
        let (months, month) = intern(columns(MONTH)?);
        let group = columns(GROUP)?.into_iter().map(|c| {
            c.map(|(column, terms)| Mapped {
                column,
                global: terms.iter().map(|t| group_key(t)).collect(),
            })
        });
        let mut segments = Vec::with_capacity(readers.len());
        for ((((reader, person), source), month), group) in
            readers.iter().zip(person).zip(source).zip(month).zip(group)
        {
            segments.push(SegmentColumns {
                person,
                source,
                month,
                group,
                date: reader.fast_fields().column_opt::<DateTime>(DATE)?,
            });
        }
        Ok(Catalog {
            generation: searcher.generation().generation_id(),
            names: NameIndex::new(persons.iter().map(String::as_str)),
            persons,
            sources,
            months,
            segments,
        })
    }
}

/// Returns the key a duplicate group id is compared by: the id's 16 hex digits as a number, or a
/// hash of the id when it is not hex.
pub fn group_key(id: &str) -> u64 {
    u64::from_str_radix(id, 16).unwrap_or_else(|_| {
        let mut h = DefaultHasher::new();
        id.hash(&mut h);
        h.finish()
    })
}

/// A fast string column and its terms in ordinal order.
type Terms = (StrColumn, Vec<String>);

/// Opens the fast string column `name` of a segment with its terms in ordinal order.
fn str_column(reader: &SegmentReader, name: &str) -> Result<Option<Terms>> {
    let Some(column) = reader.fast_fields().str(name)? else {
        return Ok(None);
    };
    let mut terms = Vec::with_capacity(column.num_terms());
    let mut stream = column
        .dictionary()
        .stream()
        .map_err(|e| crate::Error::failure(format!("reading the index's {name} terms: {e}")))?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(Some((column, terms)))
}

/// Gives every distinct term of every segment one global number (its position in the sorted list
/// returned first) and maps each segment's ordinals to those numbers.
fn intern(
    segments: Vec<Option<(StrColumn, Vec<String>)>>,
) -> (Vec<String>, Vec<Option<Mapped<u32>>>) {
    let mut all: Vec<String> = segments
        .iter()
        .flatten()
        .flat_map(|(_, terms)| terms.iter().cloned())
        .collect();
    all.sort_unstable();
    all.dedup();
    let mapped = segments
        .into_iter()
        .map(|s| {
            s.map(|(column, terms)| Mapped {
                column,
                global: terms
                    .iter()
                    .map(|t| all.binary_search(t).unwrap_or_default() as u32)
                    .collect(),
            })
        })
        .collect();
    (all, mapped)
}

/// The catalog of the newest generation searched, rebuilt when a search sees a newer one.
#[derive(Default)]
pub struct Cache {
    current: Mutex<Option<Arc<Catalog>>>,
}

impl Cache {
    /// Returns the catalog of `searcher`'s generation, building it if the cache holds another.
    pub fn get(&self, searcher: &tantivy::Searcher) -> Result<Arc<Catalog>> {
        let generation = searcher.generation().generation_id();
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(catalog) = current.as_ref().filter(|c| c.generation == generation) {
            return Ok(catalog.clone());
        }
        let catalog = Arc::new(Catalog::build(searcher)?);
        // An older searcher still in use must not replace a newer catalog.
        if current.as_ref().is_none_or(|c| c.generation < generation) {
            *current = Some(catalog.clone());
        }
        Ok(catalog)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_ids_are_keyed_by_their_hex_value() {
        assert_eq!(group_key("00000000000000ff"), 255);
        assert_eq!(group_key("a1b2c3d4e5f60718"), 0xa1b2_c3d4_e5f6_0718);
        assert_eq!(group_key("not hex"), group_key("not hex"));
        assert_ne!(group_key("not hex"), group_key("not hex either"));
    }
}
