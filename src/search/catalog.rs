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

use crate::error::{Error, Result};
use crate::index::names::{NO_PERSON, NameIndex};
use crate::index::tables::flat::U32s;
use crate::index::tables::{Opened, SegmentTables, Tables};

/// A fast field the catalog counts.
#[derive(Clone, Copy, Debug)]
pub enum Facet {
    Source,
    Month,
}

/// A segment in a catalog: its columns and the maps from their ordinals to global numbers, and,
/// for a long-running process that asked for it, every article's values in memory.
pub struct SegmentView {
    person: Option<StrColumn>,
    source: Option<StrColumn>,
    month: Option<StrColumn>,
    group: Option<StrColumn>,
    date: Option<Column<DateTime>>,
    maps: SegmentTables,
    memory: Option<InMemory>,
}

/// Every article's values of one segment, as global numbers in flat arrays: what a server reads on
/// every request, read from the columns once (a pass over the segment) rather than per match.
struct InMemory {
    /// Group number per article (`NONE` for none): read for every match, so kept small.
    group: Vec<u32>,
    /// Timestamp per article (`i64::MIN` for none).
    date: Vec<i64>,
    /// The people each article names, as person numbers of the [`NameIndex`], each once.
    people: Flat,
    source: Flat,
    month: Flat,
}

/// Values per article: `values[starts[doc]..starts[doc + 1]]`.
struct Flat {
    starts: Vec<u32>,
    values: Vec<u32>,
}

/// No group.
const NONE: u32 = u32::MAX;

impl Flat {
    /// The values of every article below `max_doc`, as `values` writes them.
    fn read(max_doc: u32, mut values: impl FnMut(u32, &mut Vec<u32>)) -> Flat {
        let mut flat = Flat {
            starts: Vec::with_capacity(max_doc as usize + 1),
            values: Vec::new(),
        };
        flat.starts.push(0);
        for doc in 0..max_doc {
            values(doc, &mut flat.values);
            flat.starts.push(flat.values.len() as u32);
        }
        flat
    }

    fn of(&self, doc: u32) -> &[u32] {
        let doc = doc as usize;
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&a), Some(&b)) => &self.values[a as usize..b as usize],
            _ => &[],
        }
    }
}

impl SegmentView {
    fn open(
        reader: &SegmentReader,
        maps: SegmentTables,
        names: &NameIndex,
        in_memory: bool,
    ) -> Result<SegmentView> {
        let fast = reader.fast_fields();
        let mut view = SegmentView {
            person: fast.str("person")?,
            source: fast.str("source")?,
            month: fast.str("month")?,
            group: fast.str("group")?,
            date: fast.column_opt::<DateTime>("date")?,
            maps,
            memory: None,
        };
        if in_memory {
            let max_doc = reader.max_doc();
            view.memory = Some(InMemory {
                group: (0..max_doc)
                    .map(|doc| view.group_of_column(doc).unwrap_or(NONE))
                    .collect(),
                date: (0..max_doc)
                    .map(|doc| view.date_of_column(doc).unwrap_or(i64::MIN))
                    .collect(),
                people: Flat::read(max_doc, |doc, out| view.people_of_column(doc, names, out)),
                source: Flat::read(max_doc, |doc, out| {
                    out.extend(view.values(Facet::Source, doc))
                }),
                month: Flat::read(max_doc, |doc, out| {
                    out.extend(view.values(Facet::Month, doc))
                }),
            });
        }
        Ok(view)
    }

    /// The people article `doc` names, as person numbers of `names` (the catalog's), each once:
    /// from memory, or read into `buffer`.
    pub fn people<'a>(
        &'a self,
        doc: u32,
        names: &NameIndex,
        buffer: &'a mut Vec<u32>,
    ) -> &'a [u32] {
        match &self.memory {
            Some(memory) => memory.people.of(doc),
            None => {
                buffer.clear();
                self.people_of_column(doc, names, buffer);
                buffer
            }
        }
    }

    /// [`SegmentView::people`] from the person column, appended to `out`.
    fn people_of_column(&self, doc: u32, names: &NameIndex, out: &mut Vec<u32>) {
        let Some(column) = &self.person else {
            return;
        };
        let start = out.len();
        for ord in column.term_ords(doc) {
            let person = names.person_of(self.maps.person.get(ord as usize));
            if person != NO_PERSON && !out[start..].contains(&person) {
                out.push(person);
            }
        }
    }

    /// Global numbers of `facet`'s values for article `doc` (source or month ids), in term order.
    pub fn values(&self, facet: Facet, doc: u32) -> Values<'_> {
        if let Some(memory) = &self.memory {
            let flat = match facet {
                Facet::Source => &memory.source,
                Facet::Month => &memory.month,
            };
            return Values::Memory(flat.of(doc).iter());
        }
        let (column, map): (Option<&StrColumn>, &U32s) = match facet {
            Facet::Source => (self.source.as_ref(), &self.maps.source),
            Facet::Month => (self.month.as_ref(), &self.maps.month),
        };
        match column {
            Some(c) => Values::Column(Box::new(c.term_ords(doc)), map),
            None => Values::Memory([].iter()),
        }
    }

    /// Global number of article `doc`'s duplicate group.
    #[inline]
    pub fn group(&self, doc: u32) -> Option<u32> {
        match &self.memory {
            Some(m) => m.group.get(doc as usize).copied().filter(|&g| g != NONE),
            None => self.group_of_column(doc),
        }
    }

    /// Publication timestamp of article `doc`, seconds.
    #[inline]
    pub fn date(&self, doc: u32) -> Option<i64> {
        match &self.memory {
            Some(m) => m.date.get(doc as usize).copied().filter(|&d| d != i64::MIN),
            None => self.date_of_column(doc),
        }
    }

    /// The duplicate group of article `doc` as the index holds it (the id of the group's first
    /// article), or None when the article has none.
    pub fn group_name(&self, doc: u32) -> Result<Option<String>> {
        let Some(column) = &self.group else {
            return Ok(None);
        };
        let Some(ord) = column.term_ords(doc).next() else {
            return Ok(None);
        };
        let mut name = String::new();
        let found = column
            .ord_to_str(ord, &mut name)
            .map_err(|e| Error::failure(format!("cannot read a duplicate group: {e}")))?;
        Ok(found.then_some(name))
    }

    fn group_of_column(&self, doc: u32) -> Option<u32> {
        let ord = self.group.as_ref()?.term_ords(doc).next()?;
        Some(self.maps.group.get(ord as usize))
    }

    fn date_of_column(&self, doc: u32) -> Option<i64> {
        self.date
            .as_ref()?
            .first(doc)
            .map(DateTime::into_timestamp_secs)
    }
}

/// The values of one article, from memory or from a column.
pub enum Values<'a> {
    Memory(std::slice::Iter<'a, u32>),
    Column(Box<dyn Iterator<Item = u64> + 'a>, &'a U32s),
}

impl Iterator for Values<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        match self {
            Values::Memory(values) => values.next().copied(),
            Values::Column(ords, map) => ords.next().map(|o| map.get(o as usize)),
        }
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
    /// had to be built are saved), and says how its tables were come by. With `in_memory`, every
    /// article's values are read into memory now (a pass over the index, for a server).
    pub fn open(
        dir: Option<&std::path::Path>,
        searcher: &tantivy::Searcher,
        in_memory: bool,
    ) -> Result<(Catalog, Opened)> {
        let (tables, opened) = Tables::open(dir, searcher)?;
        let segments = searcher
            .segment_readers()
            .iter()
            .zip(&tables.segments)
            .map(|(reader, maps)| SegmentView::open(reader, maps.clone(), &tables.names, in_memory))
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
    /// None when the archive says `name` is no person ([`crate::index::verdict`]).
    pub fn shown_name<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        let names = self.names();
        let Some(id) = self.tables.person_id(name) else {
            return Some(name);
        };
        match names.person_of(id) {
            NO_PERSON => None,
            person => Some(names.name(names.shown(person))),
        }
    }
}

/// The catalog of the newest segments searched, opened again when a search sees other segments.
pub struct Cache {
    /// Whether catalogs hold every article's values in memory.
    pub in_memory: bool,
    /// The index folder, where tables that had to be built are saved.
    dir: Option<PathBuf>,
    current: Mutex<Option<Arc<Catalog>>>,
}

impl Cache {
    /// A cache for the searches of the index in folder `dir` (None: tables are kept in memory).
    pub fn new(dir: Option<PathBuf>) -> Cache {
        Cache {
            in_memory: false,
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
        let (catalog, opened) = Catalog::open(self.dir.as_deref(), searcher, self.in_memory)?;
        let catalog = Arc::new(catalog);
        // An older searcher still in use must not replace a newer catalog.
        if current.as_ref().is_none_or(|c| c.generation < generation) {
            *current = Some(catalog.clone());
        }
        Ok((catalog, Some(opened)))
    }
}
