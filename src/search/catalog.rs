//! The catalog of a set of segments: every person, source, month and duplicate group in the index
//! under one global number, each segment's per-article values read into memory, and the name index
//! built from the people.
//!
//! Fast-field term ordinals are per segment. A segment never changes once written, so its values
//! (each article's person, source, month and group ordinals, and date) are read once into flat
//! arrays and kept as long as the segment lives; the catalog adds the maps from each segment's
//! ordinals to global numbers. Collecting, collapsing duplicates and counting facets then work on
//! integers in memory only. The set of segments changes when an indexer commits; [`Cache`] builds
//! the new catalog on first use, reading only the new segments.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DateTime, SegmentReader};

use crate::error::{Error, Result};
use crate::search::names::NameIndex;

/// Names of the fast fields the catalog reads, as the schema spells them.
const PERSON: &str = "person";
const SOURCE: &str = "source";
const MONTH: &str = "month";
const GROUP: &str = "group";
const DATE: &str = "date";

/// The values of one fast string field for every article of a segment.
pub struct Values {
    /// The segment's terms, in ordinal order.
    terms: Vec<String>,
    /// `ords[offsets[doc]..offsets[doc + 1]]` are the ordinals of article `doc`'s values.
    offsets: Vec<u32>,
    ords: Vec<u32>,
}

impl Values {
    /// Reads field `name` of every article of `reader` (no values where the segment lacks it).
    fn read(reader: &SegmentReader, name: &str) -> Result<Values> {
        let max_doc = reader.max_doc();
        let Some(column) = reader.fast_fields().str(name)? else {
            return Ok(Values {
                terms: Vec::new(),
                offsets: vec![0; max_doc as usize + 1],
                ords: Vec::new(),
            });
        };
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::new();
        offsets.push(0);
        for doc in 0..max_doc {
            ords.extend(column.term_ords(doc).map(|o| o as u32));
            offsets.push(ords.len() as u32);
        }
        Ok(Values {
            terms: terms(&column, name)?,
            offsets,
            ords,
        })
    }

    /// Ordinals of the values of article `doc`, in term order.
    pub fn of(&self, doc: u32) -> &[u32] {
        let doc = doc as usize;
        match (self.offsets.get(doc), self.offsets.get(doc + 1)) {
            (Some(&start), Some(&end)) => &self.ords[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// What one segment holds, read once.
pub struct SegmentData {
    id: SegmentId,
    pub person: Values,
    pub source: Values,
    pub month: Values,
    pub group: Values,
    /// Publication timestamp of each article, seconds; None when it has no date.
    pub date: Vec<Option<i64>>,
}

impl SegmentData {
    fn read(reader: &SegmentReader) -> Result<SegmentData> {
        let date_column = reader.fast_fields().column_opt::<DateTime>(DATE)?;
        let date = (0..reader.max_doc())
            .map(|doc| {
                date_column
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .map(DateTime::into_timestamp_secs)
            })
            .collect();
        Ok(SegmentData {
            id: reader.segment_id(),
            person: Values::read(reader, PERSON)?,
            source: Values::read(reader, SOURCE)?,
            month: Values::read(reader, MONTH)?,
            group: Values::read(reader, GROUP)?,
            date,
        })
    }
}

/// A segment in a catalog: its data and the maps from its ordinals to global numbers.
pub struct SegmentView {
    pub data: Arc<SegmentData>,
    pub person: Vec<u32>,
    pub source: Vec<u32>,
    pub month: Vec<u32>,
    pub group: Vec<u32>,
}

/// A fast field the catalog counts.
#[derive(Clone, Copy, Debug)]
pub enum Facet {
    Person,
    Source,
    Month,
}

impl SegmentView {
    /// Global numbers of `facet`'s values for article `doc`, in term order.
    pub fn values(&self, facet: Facet, doc: u32) -> impl Iterator<Item = u32> + '_ {
        let (values, global) = match facet {
            Facet::Person => (&self.data.person, &self.person),
            Facet::Source => (&self.data.source, &self.source),
            Facet::Month => (&self.data.month, &self.month),
        };
        values.of(doc).iter().map(|&o| global[o as usize])
    }

    /// Global number of article `doc`'s duplicate group.
    pub fn group(&self, doc: u32) -> Option<u32> {
        self.data
            .group
            .of(doc)
            .first()
            .map(|&o| self.group[o as usize])
    }

    /// Publication timestamp of article `doc`.
    pub fn date(&self, doc: u32) -> Option<i64> {
        self.data.date.get(doc as usize).copied().flatten()
    }
}

/// Everything the searches of one set of segments share.
pub struct Catalog {
    /// The segments, in the searcher's order.
    segment_ids: Vec<SegmentId>,
    /// The generation it was built for.
    generation: u64,
    /// Canonical person names, sorted; a person id is a position here.
    pub persons: Vec<String>,
    /// Number of articles naming each person (deleted ones included until segments merge).
    pub person_articles: Vec<u32>,
    /// Sources as stored, sorted.
    pub sources: Vec<String>,
    /// "YYYY-MM" months, sorted.
    pub months: Vec<String>,
    /// Built on first use: searches for `*` without person filters do without.
    names: OnceLock<NameIndex>,
    /// Number of distinct duplicate groups.
    pub groups: usize,
    /// The segments, in the searcher's order.
    pub segments: Vec<SegmentView>,
}

impl Catalog {
    /// Builds the catalog of `searcher`'s segments, reusing what `previous` read of the segments
    /// it shares.
    pub fn build(searcher: &tantivy::Searcher, previous: Option<&Catalog>) -> Result<Catalog> {
        let mut data = Vec::new();
        for reader in searcher.segment_readers() {
            let known = previous
                .into_iter()
                .flat_map(|c| &c.segments)
                .find(|s| s.data.id == reader.segment_id());
            data.push(match known {
                Some(s) => s.data.clone(),
                None => Arc::new(SegmentData::read(reader)?),
            });
        }
        let (persons, person) = intern(data.iter().map(|d| &d.person));
        let (sources, source) = intern(data.iter().map(|d| &d.source));
        let (months, month) = intern(data.iter().map(|d| &d.month));
        let (groups, group) = intern_groups(data.iter().map(|d| &d.group));
        let mut segments = Vec::with_capacity(data.len());
        for ((((data, person), source), month), group) in data
            .into_iter()
            .zip(person)
            .zip(source)
            .zip(month)
            .zip(group)
        {
            segments.push(SegmentView {
                data,
                person,
                source,
                month,
                group,
            });
        }
        let mut person_articles = vec![0u32; persons.len()];
        for s in &segments {
            for ords in s.data.person.offsets.windows(2) {
                for &o in &s.data.person.ords[ords[0] as usize..ords[1] as usize] {
                    person_articles[s.person[o as usize] as usize] += 1;
                }
            }
        }
        Ok(Catalog {
            segment_ids: searcher
                .segment_readers()
                .iter()
                .map(SegmentReader::segment_id)
                .collect(),
            generation: searcher.generation().generation_id(),
            names: OnceLock::new(),
            person_articles,
            persons,
            sources,
            months,
            groups,
            segments,
        })
    }
}

impl Catalog {
    /// The index of the people's names.
    pub fn names(&self) -> &NameIndex {
        self.names
            .get_or_init(|| NameIndex::new(&self.persons, &self.person_articles))
    }

    /// The name the archive shows for the person an article names as `name` (its canonical name
    /// there): the person's most frequent full name ("Barack Obama" for an article's "Obama" when
    /// he is the only Obama or dominates the surname), or `name` itself when the index lacks it.
    pub fn shown_name<'a>(&'a self, name: &'a str) -> &'a str {
        let names = self.names();
        self.persons
            .binary_search_by(|p| p.as_str().cmp(name))
            .ok()
            .map(|id| names.person_of(id as u32))
            .filter(|&person| person != super::names::NO_PERSON)
            .and_then(|person| names.names_of(person).first())
            .map_or(name, |&id| self.persons[id as usize].as_str())
    }
}

/// The terms of `column`, in ordinal order.
fn terms(column: &StrColumn, name: &str) -> Result<Vec<String>> {
    let mut terms = Vec::with_capacity(column.num_terms());
    let mut stream = column
        .dictionary()
        .stream()
        .map_err(|e| Error::failure(format!("cannot read the index's {name} terms: {e}")))?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(terms)
}

/// Gives every distinct term of every segment one global number (its position in the sorted list
/// returned first) and maps each segment's ordinals to those numbers.
fn intern<'a>(segments: impl Iterator<Item = &'a Values> + Clone) -> (Vec<String>, Vec<Vec<u32>>) {
    let mut all: Vec<&str> = segments
        .clone()
        .flat_map(|v| v.terms.iter().map(String::as_str))
        .collect();
    all.sort_unstable();
    all.dedup();
    let maps = segments
        .map(|v| {
            v.terms
                .iter()
                .map(|t| all.binary_search(&t.as_str()).unwrap_or_default() as u32)
                .collect()
        })
        .collect();
    (all.into_iter().map(str::to_string).collect(), maps)
}

/// Numbers the duplicate groups of every segment (group ids are 16 hex digits, compared as
/// numbers; other ids by hash) and maps each segment's ordinals to those numbers; returns how many
/// groups there are.
fn intern_groups<'a>(segments: impl Iterator<Item = &'a Values> + Clone) -> (usize, Vec<Vec<u32>>) {
    let key = |id: &str| {
        u64::from_str_radix(id, 16).unwrap_or_else(|_| {
            let mut h = DefaultHasher::new();
            id.hash(&mut h);
            h.finish()
        })
    };
    let keys: Vec<Vec<u64>> = segments
        .map(|v| v.terms.iter().map(|t| key(t)).collect())
        .collect();
    let mut all: Vec<u64> = keys.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let maps = keys
        .iter()
        .map(|k| {
            k.iter()
                .map(|k| all.binary_search(k).unwrap_or_default() as u32)
                .collect()
        })
        .collect();
    (all.len(), maps)
}

/// The catalog of the newest segments searched, rebuilt when a search sees other segments.
#[derive(Default)]
pub struct Cache {
    current: Mutex<Option<Arc<Catalog>>>,
}

impl Cache {
    /// Returns the catalog of `searcher`'s segments, building it if the cache holds another's. (A
    /// reload that keeps the same segments, as after a commit that only deleted, reuses it:
    /// deleted articles are never collected.)
    pub fn get(&self, searcher: &tantivy::Searcher) -> Result<Arc<Catalog>> {
        let generation = searcher.generation().generation_id();
        let readers = searcher.segment_readers();
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(catalog) = current.as_ref().filter(|c| {
            c.segment_ids.len() == readers.len()
                && c.segment_ids
                    .iter()
                    .zip(readers)
                    .all(|(id, r)| *id == r.segment_id())
        }) {
            return Ok(catalog.clone());
        }
        let catalog = Arc::new(Catalog::build(searcher, current.as_deref())?);
        // An older searcher still in use must not replace a newer catalog.
        if current.as_ref().is_none_or(|c| c.generation < generation) {
            *current = Some(catalog.clone());
        }
        Ok(catalog)
    }
}
