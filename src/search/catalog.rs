//! The catalog of a set of segments: the index's search tables ([`Tables`]: every person, source,
//! month and duplicate group under one global number, who is who, the archive's counts) and each
//! segment's fast-field columns, from which a search reads the values of the articles it matches —
//! and only of those.
//!
//! The tables are read from their file (or built once, see [`crate::index::tables`]); the columns
//! are memory-mapped by tantivy. So opening a catalog costs the same at a thousand articles and at a
//! million. [`Cache`] keeps the catalog of the newest segments searched and opens a new one when an
//! indexer commits.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, SegmentReader};

use crate::error::Result;
use crate::index::names::{NO_PERSON, NameIndex};
use crate::index::tables::flat::U32s;
use crate::index::tables::{Opened, SegmentTables, Tables};

/// A fast field the catalog counts.
#[derive(Clone, Copy, Debug)]
pub enum Facet {
    Person,
    Source,
    Month,
}

/// A segment in a catalog: its columns and the maps from their ordinals to global numbers.
pub struct SegmentView {
    person: Option<StrColumn>,
    source: Option<StrColumn>,
    month: Option<StrColumn>,
    group: Option<StrColumn>,
    date: Option<Column<DateTime>>,
    maps: SegmentTables,
}

impl SegmentView {
    fn open(reader: &SegmentReader, maps: SegmentTables) -> Result<SegmentView> {
        let fast = reader.fast_fields();
        Ok(SegmentView {
            person: fast.str("person")?,
            source: fast.str("source")?,
            month: fast.str("month")?,
            group: fast.str("group")?,
            date: fast.column_opt::<DateTime>("date")?,
            maps,
        })
    }

    /// Global numbers of `facet`'s values for article `doc` (canonical name, source or month ids),
    /// in term order.
    pub fn values(&self, facet: Facet, doc: u32) -> impl Iterator<Item = u32> + '_ {
        let (column, map): (Option<&StrColumn>, &U32s) = match facet {
            Facet::Person => (self.person.as_ref(), &self.maps.person),
            Facet::Source => (self.source.as_ref(), &self.maps.source),
            Facet::Month => (self.month.as_ref(), &self.maps.month),
        };
        column
            .into_iter()
            .flat_map(move |c| c.term_ords(doc))
            .map(move |o| map.get(o as usize))
    }

    /// Global number of article `doc`'s duplicate group.
    #[inline]
    pub fn group(&self, doc: u32) -> Option<u32> {
        let ord = self.group.as_ref()?.term_ords(doc).next()?;
        Some(self.maps.group.get(ord as usize))
    }

    /// Publication timestamp of article `doc`, seconds.
    #[inline]
    pub fn date(&self, doc: u32) -> Option<i64> {
        self.date
            .as_ref()?
            .first(doc)
            .map(DateTime::into_timestamp_secs)
    }
}

/// Everything the searches of one set of segments share.
pub struct Catalog {
    /// The generation it was built for.
    generation: u64,
    pub tables: Tables,
    /// The segments, in the searcher's order.
    pub segments: Vec<SegmentView>,
}

impl Catalog {
    /// Opens the catalog of `searcher`'s segments (of the index in folder `dir`, where tables that
    /// had to be built are saved), and says how its tables were come by.
    pub fn open(
        dir: Option<&std::path::Path>,
        searcher: &tantivy::Searcher,
    ) -> Result<(Catalog, Opened)> {
        let (tables, opened) = Tables::open(dir, searcher)?;
        let segments = searcher
            .segment_readers()
            .iter()
            .zip(&tables.segments)
            .map(|(reader, maps)| SegmentView::open(reader, maps.clone()))
            .collect::<Result<Vec<SegmentView>>>()?;
        Ok((
            Catalog {
                generation: searcher.generation().generation_id(),
                tables,
                segments,
            },
            opened,
        ))
    }

    /// The index of the people's names.
    pub fn names(&self) -> &NameIndex {
        &self.tables.names
    }

    /// Canonical person name `id`.
    pub fn person(&self, id: u32) -> &str {
        self.tables.names.name(id)
    }

    /// Number of duplicate groups.
    pub fn groups(&self) -> usize {
        self.tables.groups as usize
    }

    /// The name the archive shows for the person an article names as `name` (its canonical name
    /// there): the person's most frequent full name ("Barack Obama" for an article's "Obama" when
    /// he is the only Obama or dominates the surname), or `name` itself when the index lacks it.
    pub fn shown_name<'a>(&'a self, name: &'a str) -> &'a str {
        let names = self.names();
        self.tables
            .person_id(name)
            .map(|id| names.person_of(id))
            .filter(|&person| person != NO_PERSON)
            .map_or(name, |person| names.name(names.shown(person)))
    }
}

/// The catalog of the newest segments searched, opened again when a search sees other segments.
pub struct Cache {
    /// The index folder, where tables that had to be built are saved.
    dir: Option<PathBuf>,
    current: Mutex<Option<Arc<Catalog>>>,
}

impl Cache {
    /// A cache for the searches of the index in folder `dir` (None: tables are kept in memory).
    pub fn new(dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            current: Mutex::new(None),
        }
    }

    /// Returns the catalog of `searcher`'s segments, opening it if the cache holds another's, and
    /// how its tables were come by when it was opened now. (A reload that keeps the same segments
    /// and deletions reuses it.)
    pub fn get(&self, searcher: &tantivy::Searcher) -> Result<(Arc<Catalog>, Option<Opened>)> {
        let generation = searcher.generation().generation_id();
        let key = crate::index::tables::key(searcher);
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(catalog) = current.as_ref().filter(|c| c.tables.key() == key) {
            return Ok((catalog.clone(), None));
        }
        let (catalog, opened) = Catalog::open(self.dir.as_deref(), searcher)?;
        let catalog = Arc::new(catalog);
        // An older searcher still in use must not replace a newer catalog.
        if current.as_ref().is_none_or(|c| c.generation < generation) {
            *current = Some(catalog.clone());
        }
        Ok((catalog, Some(opened)))
    }
}
