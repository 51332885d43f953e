//! The search tables of a commit: what every search needs about the archive as a whole, written
//! once next to the index and read by each search in the time it takes to map a file.
//!
//! A search must know every person in the archive (to expand "Lavrov" to Sergey Lavrov and to
//! resolve `--person`), every source and month (for filters and facets), and which articles are
//! copies of each other; tantivy numbers these values per segment. The tables give each value one
//! global number: the canonical person names with the articles naming each and the
//! [`NameIndex`] of who is who, the sources, the months, each segment's map from its term
//! ordinals to those numbers (persons, sources, months, duplicate groups), and the counts over the
//! whole archive that `newsdex people` and the facets of `*` show. Per-article values are never
//! copied here: a search reads them from tantivy's fast-field columns for the articles it matches.
//!
//! The tables belong to one set of segments (their ids, sizes and deletions, in the searcher's
//! order): the file is `newsdex-tables-KEY.bin` in the index folder, KEY a hash of that set and of
//! [`VERSION`]. `newsdex index` writes them after its last commit and removes older ones; a search
//! that finds none for its commit (an index written by an older newsdex, a run killed between its
//! commit and the tables, a commit made while it runs) builds them from the segments, which reads
//! every article once, and saves them for the next search. Writing is atomic (a temporary file
//! renamed), so readers never see half a file; a damaged file is rebuilt.

pub mod flat;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use tantivy::columnar::StrColumn;
use tantivy::directory::{MmapDirectory, OwnedBytes};
use tantivy::{DateTime, Directory, Index, SegmentReader};

use crate::error::{Error, Result};
use crate::index::names::{Days, NO_PERSON, NameIndex};
use crate::index::tables::flat::{Damaged, Decoder, Encoder, Strs, U32s};
use crate::index::verdict;

/// Version of the tables' layout and of what they hold. Raise it when either changes (the layout,
/// or the rules of [`NameIndex`], of the archive's [`verdict`] or of the counts): older files are
/// then ignored and rebuilt.
pub const VERSION: u32 = 7;

/// What files of tables are named, before their key.
const PREFIX: &str = "newsdex-tables-";
/// What they are named after their key.
const SUFFIX: &str = ".bin";
/// The first bytes of a tables file.
const MAGIC: &[u8; 8] = b"NDXTABLE";

/// Names of the fast fields the tables read, as the schema spells them.
const PERSON: &str = "person";
const SOURCE: &str = "source";
const MONTH: &str = "month";
const GROUP: &str = "group";
const DATE: &str = "date";
const ORGANISATION: &str = "organisation";
const PLACE: &str = "place";
const ATTESTED: &str = "attested";

/// One segment's maps from its term ordinals to the tables' global numbers.
#[derive(Clone)]
pub struct SegmentTables {
    /// Person term ordinal → canonical name id.
    pub person: U32s,
    /// Source term ordinal → source id.
    pub source: U32s,
    /// Month term ordinal → month id.
    pub month: U32s,
    /// Group term ordinal → group number.
    pub group: U32s,
}

/// Counts over every article of the archive, each duplicate group once: under its newest copy
/// (the first in index order among equally new ones), which is the copy a search for `*` shows.
#[derive(Clone)]
pub struct Totals {
    /// Results: duplicate groups, and articles without copies.
    pub results: u64,
    /// Articles, copies included.
    pub articles: u64,
    /// Articles naming each person (by [`NameIndex`] person number).
    pub people: U32s,
    /// Articles from each source (by source id).
    pub sources: U32s,
    /// Articles of each month (by month id).
    pub months: U32s,
}

/// The search tables of one set of segments.
#[derive(Clone)]
pub struct Tables {
    key: u64,
    /// Who is who; its names are the canonical person names, sorted.
    pub names: NameIndex,
    /// Live articles naming each canonical name.
    pub person_articles: U32s,
    /// 1 for each person a people list may show, 0 for a bare surname that several people share
    /// ("Obama" beside "Barack Obama" and "Michelle Obama"): as a filter it is ambiguous.
    pub listed: U32s,
    /// Sources as stored, sorted.
    pub sources: Strs,
    /// "YYYY-MM" months, sorted.
    pub months: Strs,
    /// Number of duplicate groups.
    pub groups: u32,
    /// The segments, in the searcher's order.
    pub segments: Vec<SegmentTables>,
    /// The archive as a whole.
    pub totals: Totals,
}

/// How [`Tables::open`] came by the tables.
#[derive(Debug)]
pub enum Opened {
    /// Read from the file of its commit.
    Read,
    /// Built from the segments, in this long; saved for later searches, or not (why not).
    Built {
        took: Duration,
        saved: std::result::Result<(), String>,
    },
}

impl Tables {
    /// Returns the tables of `searcher`'s segments: read from their file in the index folder `dir`
    /// when there is one, else built and, when `dir` is given, saved there.
    pub fn open(dir: Option<&Path>, searcher: &tantivy::Searcher) -> Result<(Tables, Opened)> {
        let key = key(searcher);
        if let Some(tables) = dir.and_then(|dir| Tables::read(dir, key)) {
            return Ok((tables, Opened::Read));
        }
        let started = Instant::now();
        let tables = Tables::build(searcher)?;
        let took = started.elapsed();
        let saved = match dir {
            Some(dir) => tables.save(dir).map_err(|e| e.to_string()),
            None => Err("the index is not in a folder".to_string()),
        };
        Ok((tables, Opened::Built { took, saved }))
    }

    /// Reads the tables of key `key` from the index folder `dir`, memory-mapped; None if there is
    /// no such file or it is damaged.
    fn read(dir: &Path, key: u64) -> Option<Tables> {
        let bytes = MmapDirectory::open(dir)
            .ok()?
            .open_read(Path::new(&file_name(key)))
            .ok()?
            .read_bytes()
            .ok()?;
        Tables::decode(bytes, key).ok()
    }

    /// Builds the tables of `searcher`'s segments from their fast fields, reading every article's
    /// values once.
    pub fn build(searcher: &tantivy::Searcher) -> Result<Tables> {
        let readers = searcher.segment_readers();
        let columns = readers
            .iter()
            .map(Columns::open)
            .collect::<Result<Vec<Columns>>>()?;
        let (persons, person_maps) = intern(columns.iter().map(|c| c.person.as_ref()), PERSON)?;
        let (sources, source_maps) = intern(columns.iter().map(|c| c.source.as_ref()), SOURCE)?;
        let (months, month_maps) = intern(columns.iter().map(|c| c.month.as_ref()), MONTH)?;
        let group_keys = columns
            .iter()
            .map(|c| group_keys(c.group.as_ref()))
            .collect::<Result<Vec<Vec<u64>>>>()?;
        let (groups, group_maps) = intern_groups(&group_keys);
        drop(group_keys);

        // Live articles naming each canonical name; the copy of each group a search for `*` shows.
        const NONE: (u32, u32) = (u32::MAX, u32::MAX);
        let mut person_articles = vec![0u32; persons.len()];
        let mut person_days = vec![Days::UNKNOWN; persons.len()];
        let mut best = vec![NONE; groups];
        let mut best_date = vec![None; groups];
        let mut singles: Vec<(u32, u32)> = Vec::new();
        let mut articles = 0u64;
        for (s, (reader, c)) in readers.iter().zip(&columns).enumerate() {
            for doc in reader.doc_ids_alive() {
                articles += 1;
                let date = c.date.as_ref().and_then(|d| d.first(doc));
                let day = date.map(|d| d.into_timestamp_secs().div_euclid(86_400) as i32);
                for person in distinct(c.person.as_ref(), doc) {
                    let id = map(&person_maps[s], person);
                    if let Some(n) = person_articles.get_mut(id) {
                        *n += 1;
                    }
                    if let (Some(d), Some(day)) = (person_days.get_mut(id), day) {
                        *d = d.with(day);
                    }
                }
                let group = c
                    .group
                    .as_ref()
                    .and_then(|g| g.term_ords(doc).next())
                    .map(|ord| map(&group_maps[s], ord as u32));
                let Some(g) = group.filter(|&g| g < groups) else {
                    singles.push((s as u32, doc));
                    continue;
                };
                // Newest first; among equally new copies the first in index order.
                if best[g] == NONE || date > best_date[g] {
                    best[g] = (s as u32, doc);
                    best_date[g] = date;
                }
            }
        }
        drop(best_date);
        // What reading the columns freed, before the name index's temporaries.
        crate::index::release_freed_memory();
        // What the archive says each name is ([`verdict`]).
        let (attested, other, company) = evidence(readers, &persons)?;
        let heads = other_heads(readers)?;
        let judge = verdict::Judge::new(
            &persons,
            &person_articles,
            &attested,
            &other,
            &company,
            &heads,
        );
        let names = NameIndex::judged(&persons, &person_articles, &person_days, &|id| {
            judge.is_person(id)
        });
        drop((judge, person_days));
        drop((attested, other, company, heads));
        drop(persons);
        // The name index's temporaries were hundreds of MB at a million articles.
        crate::index::release_freed_memory();
        let mut people = vec![0u32; names.len()];
        let mut source_counts = vec![0u32; sources.len()];
        let mut month_counts = vec![0u32; months.len()];
        let shown: Vec<(u32, u32)> = best.into_iter().filter(|&b| b != NONE).collect();
        let mut seen = Vec::new();
        for &(s, doc) in shown.iter().chain(&singles) {
            let (s, c) = (s as usize, &columns[s as usize]);
            seen.clear();
            for ord in distinct(c.person.as_ref(), doc) {
                let person = names.person_of(map(&person_maps[s], ord) as u32);
                if person != NO_PERSON && !seen.contains(&person) {
                    seen.push(person);
                    people[person as usize] += 1;
                }
            }
            for ord in distinct(c.source.as_ref(), doc) {
                source_counts[map(&source_maps[s], ord)] += 1;
            }
            for ord in distinct(c.month.as_ref(), doc) {
                month_counts[map(&month_maps[s], ord)] += 1;
            }
        }
        let listed = listed(&names);
        let segments = (0..readers.len())
            .map(|s| SegmentTables {
                person: U32s::from_values(person_maps[s].iter().copied()),
                source: U32s::from_values(source_maps[s].iter().copied()),
                month: U32s::from_values(month_maps[s].iter().copied()),
                group: U32s::from_values(group_maps[s].iter().copied()),
            })
            .collect();
        Ok(Tables {
            key: key(searcher),
            person_articles: U32s::from_values(person_articles),
            listed: U32s::from_values(listed),
            sources: Strs::from_strings(sources.iter().map(String::as_str)),
            months: Strs::from_strings(months.iter().map(String::as_str)),
            groups: groups as u32,
            segments,
            totals: Totals {
                results: (shown.len() + singles.len()) as u64,
                articles,
                people: U32s::from_values(people),
                sources: U32s::from_values(source_counts),
                months: U32s::from_values(month_counts),
            },
            names,
        })
    }

    /// The tables as the bytes of their file.
    fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::default();
        e.bytes(MAGIC);
        e.u64(u64::from(VERSION));
        e.u64(self.key);
        self.names.encode(&mut e);
        e.u32s(self.person_articles.iter());
        e.u32s(self.listed.iter());
        e.strs(self.sources.iter());
        e.strs(self.months.iter());
        e.u64(u64::from(self.groups));
        e.u64(self.segments.len() as u64);
        for s in &self.segments {
            e.u32s(s.person.iter());
            e.u32s(s.source.iter());
            e.u32s(s.month.iter());
            e.u32s(s.group.iter());
        }
        let t = &self.totals;
        e.u64(t.results);
        e.u64(t.articles);
        e.u32s(t.people.iter());
        e.u32s(t.sources.iter());
        e.u32s(t.months.iter());
        e.finish().as_slice().to_vec()
    }

    /// Reads tables from the bytes of their file, checking that they are whole, of this
    /// [`VERSION`] and key, and that every number in them points inside them.
    fn decode(bytes: OwnedBytes, key: u64) -> std::result::Result<Tables, Damaged> {
        let mut d = Decoder::new(bytes);
        if d.bytes()?.as_slice() != MAGIC || d.u64()? != u64::from(VERSION) || d.u64()? != key {
            return Err(Damaged);
        }
        let names = NameIndex::decode(&mut d)?;
        let person_articles = d.u32s()?;
        let listed = d.u32s()?;
        let sources = d.strs()?;
        let months = d.strs()?;
        let groups = u32::try_from(d.u64()?).map_err(|_| Damaged)?;
        let num_segments = d.u64()?;
        let mut segments = Vec::new();
        for _ in 0..num_segments {
            let s = SegmentTables {
                person: d.u32s()?,
                source: d.u32s()?,
                month: d.u32s()?,
                group: d.u32s()?,
            };
            let within = |map: &U32s, n: usize| map.iter().all(|v| (v as usize) < n);
            if !(within(&s.person, names.num_names())
                && within(&s.source, sources.len())
                && within(&s.month, months.len())
                && within(&s.group, groups as usize))
            {
                return Err(Damaged);
            }
            segments.push(s);
        }
        let totals = Totals {
            results: d.u64()?,
            articles: d.u64()?,
            people: d.u32s()?,
            sources: d.u32s()?,
            months: d.u32s()?,
        };
        let whole = d.is_done()
            && person_articles.len() == names.num_names()
            && listed.len() == names.len()
            && totals.people.len() == names.len()
            && totals.sources.len() == sources.len()
            && totals.months.len() == months.len();
        if !whole {
            return Err(Damaged);
        }
        Ok(Tables {
            key,
            names,
            person_articles,
            listed,
            sources,
            months,
            groups,
            segments,
            totals,
        })
    }

    /// Writes the tables into the index folder `dir`, atomically (a temporary file renamed).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let path = dir.join(file_name(self.key));
        let temporary = dir.join(format!(
            ".{}.{}.tmp",
            file_name(self.key),
            std::process::id()
        ));
        let written = std::fs::write(&temporary, self.encode())
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }

    /// The key of the set of segments these tables belong to ([`key`]).
    pub fn key(&self) -> u64 {
        self.key
    }

    /// The canonical person names, sorted; a name's id is its position.
    pub fn persons(&self) -> &Strs {
        self.names.names()
    }

    /// The id of canonical name `name`, if the archive has it.
    pub fn person_id(&self, name: &str) -> Option<u32> {
        self.persons().search(name).ok().map(|id| id as u32)
    }
}

/// Makes sure the index at `dir` has the tables of its last commit, building and saving them if
/// not, and removes the files of tables of older commits. Returns how long building took, if it
/// was needed.
pub fn refresh(index: &Index, dir: &Path) -> Result<Option<Duration>> {
    let reader: tantivy::IndexReader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let (_, opened) = Tables::open(Some(dir), &searcher)?;
    let current = file_name(key(&searcher));
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(PREFIX) && name.ends_with(SUFFIX) && name != current {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    match opened {
        Opened::Read => Ok(None),
        Opened::Built {
            took,
            saved: Ok(()),
        } => Ok(Some(took)),
        Opened::Built {
            saved: Err(why), ..
        } => Err(Error::failure(format!(
            "cannot save the search tables in {}: {why}",
            dir.display()
        ))),
    }
}

/// The key of `searcher`'s set of segments: a hash of [`VERSION`] and of each segment's id, size
/// and number of deleted articles, in the searcher's order.
pub fn key(searcher: &tantivy::Searcher) -> u64 {
    let mut bytes = VERSION.to_le_bytes().to_vec();
    for reader in searcher.segment_readers() {
        bytes.extend_from_slice(reader.segment_id().uuid_string().as_bytes());
        bytes.extend_from_slice(&reader.max_doc().to_le_bytes());
        bytes.extend_from_slice(&reader.num_deleted_docs().to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// The file name of the tables of key `key`.
fn file_name(key: u64) -> String {
    format!("{PREFIX}{key:016x}{SUFFIX}")
}

/// Returns, per person of `names`, 1 if a people list may show them ([`NameIndex::listed`]) and 0
/// if not.
fn listed(names: &NameIndex) -> Vec<u32> {
    (0..names.len() as u32)
        .map(|person| u32::from(names.listed(person)))
        .collect()
}

/// The fast-field columns of one segment the tables read.
struct Columns {
    person: Option<StrColumn>,
    source: Option<StrColumn>,
    month: Option<StrColumn>,
    group: Option<StrColumn>,
    date: Option<tantivy::columnar::Column<DateTime>>,
}

impl Columns {
    fn open(reader: &SegmentReader) -> Result<Columns> {
        let fast = reader.fast_fields();
        Ok(Columns {
            person: fast.str(PERSON)?,
            source: fast.str(SOURCE)?,
            month: fast.str(MONTH)?,
            group: fast.str(GROUP)?,
            date: fast.column_opt::<DateTime>(DATE)?,
        })
    }
}

/// The distinct term ordinals of article `doc` in `column` (they come in term order, so a repeated
/// value is adjacent).
fn distinct(column: Option<&StrColumn>, doc: u32) -> impl Iterator<Item = u32> + '_ {
    let mut last = None;
    column
        .into_iter()
        .flat_map(move |c| c.term_ords(doc))
        .filter(move |&o| {
            let new = last != Some(o);
            last = Some(o);
            new
        })
        .map(|o| o as u32)
}

/// For each of `persons` (sorted canonical person names), what the live articles of `readers`
/// say of the same name besides tagging it a person ([`verdict::Tally`]): the articles attesting
/// it, those tagging it an organisation or a place, and those naming it with a company's legal
/// form after it, each article once.
fn evidence(
    readers: &[SegmentReader],
    persons: &[String],
) -> Result<(Vec<u32>, Vec<u32>, Vec<u32>)> {
    let mut attested = vec![0u32; persons.len()];
    let mut other = vec![0u32; persons.len()];
    let mut company = vec![0u32; persons.len()];
    let mut seen: Vec<u32> = Vec::new();
    for reader in readers {
        let fast = reader.fast_fields();
        let (attesting, organisation, place) = (
            fast.str(ATTESTED)?,
            fast.str(ORGANISATION)?,
            fast.str(PLACE)?,
        );
        let ids = |c: &Option<StrColumn>, company: bool| {
            c.as_ref()
                .map_or(Ok(Vec::new()), |c| person_ids(c, persons, company))
        };
        // For each column, (term ordinal, id) of every term that is a person name (or, for
        // companies, whose name before its legal form is one).
        let attestations = ids(&attesting, false)?;
        let (organisations, places) = (ids(&organisation, false)?, ids(&place, false)?);
        let companies = ids(&organisation, true)?;
        if [&attestations, &organisations, &places, &companies]
            .iter()
            .all(|ids| ids.is_empty())
        {
            continue;
        }
        // Adds the article `doc` to `counts` of each name `map` gives for its terms in `column`,
        // once per name in `seen`.
        fn count(
            column: &Option<StrColumn>,
            map: &[(u32, u32)],
            counts: &mut [u32],
            seen: &mut Vec<u32>,
            doc: u32,
        ) {
            if map.is_empty() {
                return;
            }
            for ord in distinct(column.as_ref(), doc) {
                let from = map.partition_point(|&(o, _)| o < ord);
                for &(_, id) in map[from..].iter().take_while(|&&(o, _)| o == ord) {
                    if !seen.contains(&id) {
                        seen.push(id);
                        counts[id as usize] += 1;
                    }
                }
            }
        }
        for doc in reader.doc_ids_alive() {
            seen.clear();
            count(&attesting, &attestations, &mut attested, &mut seen, doc);
            seen.clear();
            count(&organisation, &organisations, &mut other, &mut seen, doc);
            count(&place, &places, &mut other, &mut seen, doc);
            seen.clear();
            count(&organisation, &companies, &mut company, &mut seen, doc);
        }
    }
    Ok((attested, other, company))
}

/// The live articles of `readers` naming an organisation or a place by each head word
/// ([`verdict::heads`]): an article naming two organisations or places with one head counts
/// twice, one naming one twice once.
fn other_heads(readers: &[SegmentReader]) -> Result<HashMap<String, u32>> {
    let mut heads: HashMap<String, u32> = HashMap::new();
    for reader in readers {
        let fast = reader.fast_fields();
        for field in [ORGANISATION, PLACE] {
            let Some(column) = fast.str(field)? else {
                continue;
            };
            let mut articles = vec![0u32; column.dictionary().num_terms()];
            for doc in reader.doc_ids_alive() {
                for ord in distinct(Some(&column), doc) {
                    if let Some(n) = articles.get_mut(ord as usize) {
                        *n += 1;
                    }
                }
            }
            let mut terms = stream(&column, field)?;
            let mut ord = 0;
            while terms.advance() {
                let n = articles.get(ord).copied().unwrap_or(0);
                ord += 1;
                let Some(word) = std::str::from_utf8(terms.key())
                    .ok()
                    .filter(|_| n > 0)
                    .and_then(verdict::head_word)
                else {
                    continue;
                };
                let total = heads.entry(word).or_default();
                *total = total.saturating_add(n);
            }
        }
    }
    Ok(heads)
}

/// The terms of `column` that are names in `persons` (sorted), as (term ordinal, id) pairs in
/// ordinal order: the term itself or, with `company`, the names it gives before its legal form
/// ([`verdict::company_names`]).
fn person_ids(column: &StrColumn, persons: &[String], company: bool) -> Result<Vec<(u32, u32)>> {
    let mut ids = Vec::new();
    let mut terms = stream(column, "name")?;
    let mut j = 0;
    let mut ord = 0u32;
    while terms.advance() {
        let key = terms.key();
        if company {
            // The names before legal forms are not in the terms' order: looked up one by one.
            let names = std::str::from_utf8(key).map_or(Vec::new(), verdict::company_names);
            for name in names {
                if let Ok(id) = persons.binary_search_by(|p| p.as_str().cmp(name)) {
                    ids.push((ord, id as u32));
                }
            }
        } else {
            // Both sorted: merged as they are read.
            while j < persons.len() && persons[j].as_bytes() < key {
                j += 1;
            }
            if persons.get(j).is_some_and(|p| p.as_bytes() == key) {
                ids.push((ord, j as u32));
            }
        }
        ord += 1;
    }
    Ok(ids)
}

/// `maps[ord]` as an index.
fn map(maps: &[u32], ord: u32) -> usize {
    maps.get(ord as usize).copied().unwrap_or(u32::MAX) as usize
}

/// A stream over the terms of `column` (named `name` in errors), in ordinal order.
fn stream<'a>(column: &'a StrColumn, name: &str) -> Result<tantivy::columnar::Streamer<'a>> {
    column
        .dictionary()
        .stream()
        .map_err(|e| Error::failure(format!("cannot read the index's {name} terms: {e}")))
}

/// Gives every distinct term of the segments' `columns` (named `name` in errors) one global number
/// (its position in the sorted list returned first) and maps each segment's ordinals to those
/// numbers. The segments' dictionaries are sorted, so they are merged as they are read: memory
/// holds the distinct terms once, not every segment's copy of them.
fn intern<'a>(
    columns: impl Iterator<Item = Option<&'a StrColumn>>,
    name: &str,
) -> Result<(Vec<String>, Vec<Vec<u32>>)> {
    let mut streams = Vec::new();
    let mut maps = Vec::new();
    // The next term of each segment, smallest first.
    let mut next = BinaryHeap::new();
    for (s, column) in columns.enumerate() {
        maps.push(Vec::with_capacity(column.map_or(0, |c| c.num_terms())));
        let mut terms = column.map(|c| stream(c, name)).transpose()?;
        if let Some(terms) = terms.as_mut()
            && terms.advance()
        {
            next.push(Reverse((terms.key().to_vec(), s)));
        }
        streams.push(terms);
    }
    let mut all: Vec<String> = Vec::new();
    while let Some(Reverse((key, s))) = next.pop() {
        if all.last().map(String::as_bytes) != Some(key.as_slice()) {
            all.push(String::from_utf8_lossy(&key).into_owned());
        }
        maps[s].push((all.len() - 1) as u32);
        if let Some(terms) = streams[s].as_mut()
            && terms.advance()
        {
            next.push(Reverse((terms.key().to_vec(), s)));
        }
    }
    Ok((all, maps))
}

/// The duplicate groups of `column` (ids of 16 hex digits, read as numbers; other ids hashed), in
/// ordinal order.
fn group_keys(column: Option<&StrColumn>) -> Result<Vec<u64>> {
    let Some(column) = column else {
        return Ok(Vec::new());
    };
    let mut keys = Vec::with_capacity(column.num_terms());
    let mut terms = stream(column, GROUP)?;
    while terms.advance() {
        let id = terms.key();
        let number = std::str::from_utf8(id)
            .ok()
            .and_then(|id| u64::from_str_radix(id, 16).ok());
        keys.push(number.unwrap_or_else(|| xxhash_rust::xxh3::xxh3_64(id)));
    }
    Ok(keys)
}

/// Numbers the duplicate groups of every segment (`keys`, per segment in ordinal order) and maps
/// each segment's ordinals to those numbers; returns how many groups there are.
fn intern_groups(keys: &[Vec<u64>]) -> (usize, Vec<Vec<u32>>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixtures;

    #[test]
    fn tables_read_back_as_they_were_written() {
        let dir = tempfile::tempdir().unwrap();
        let index = fixtures::in_dir(dir.path(), &fixtures::articles()).unwrap();
        let searcher = index.reader().unwrap().searcher();
        let built = Tables::build(&searcher).unwrap();
        let read = Tables::decode(OwnedBytes::new(built.encode()), key(&searcher));
        let read = read.unwrap();
        assert_eq!(
            read.persons().iter().collect::<Vec<_>>(),
            built.persons().iter().collect::<Vec<_>>()
        );
        let (_, opened) = Tables::open(Some(dir.path()), &searcher).unwrap();
        assert!(matches!(opened, Opened::Read), "{opened:?}");
    }

    #[test]
    fn a_name_the_archive_tags_an_organisation_or_a_place_or_writes_as_a_company_is_nobody() {
        let fixture = |path: &str, people: &[&str]| fixtures::Fixture {
            path: path.to_string(),
            title: None,
            date: None,
            source: None,
            url: None,
            body: "Shares rose on Tuesday in Denver.".to_string(),
            people: people.iter().map(|p| p.to_string()).collect(),
            copy_of: None,
        };
        let index = fixtures::in_ram(&[
            fixture(
                "a.txt",
                &["Wells Fargo", "Marco Rubio", "McDonnell Douglas"],
            ),
            fixture("b.txt", &["Chad Wolf", "Denver"]),
        ])
        .unwrap();
        // Three articles tag "Wells Fargo" an organisation, and "Chad Wolf" and "Denver" places.
        let fields = crate::index::schema::Fields::from_schema(&index.schema()).unwrap();
        let mut writer = index
            .writer_with_num_threads::<tantivy::TantivyDocument>(1, 15_000_000)
            .unwrap();
        for n in 0..3 {
            let mut doc = fixtures::document(&fixture(&format!("o{n}.txt"), &[]), &fields);
            doc.add_text(fields.organisation, "Wells Fargo");
            doc.add_text(fields.place, "Chad Wolf");
            doc.add_text(fields.place, "Denver");
            writer.add_document(doc).unwrap();
        }
        // One article writes "McDonnell Douglas" with a company's legal form.
        let mut doc = fixtures::document(&fixture("c.txt", &[]), &fields);
        doc.add_text(fields.organisation, "McDonnell Douglas Corp");
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let tables = Tables::build(&index.reader().unwrap().searcher()).unwrap();
        let person = |name: &str| tables.names.person_of(tables.person_id(name).unwrap());
        assert_eq!(person("Wells Fargo"), NO_PERSON);
        assert_eq!(person("Denver"), NO_PERSON);
        assert_eq!(person("McDonnell Douglas"), NO_PERSON);
        // A first name in front is the name's own evidence; and the counts follow the verdicts.
        assert_ne!(person("Chad Wolf"), NO_PERSON);
        assert_ne!(person("Marco Rubio"), NO_PERSON);
        let counted: u32 = tables.totals.people.iter().sum();
        assert_eq!(counted, 2);
    }
}
