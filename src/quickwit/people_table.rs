//! The people table of an archive on a Quickwit cluster: who is who, as a local index's search
//! tables know it ([`NameIndex`], with the archive's verdict on each name, [`verdict`]), built from
//! terms aggregations of the cluster ([`crate::quickwit::cluster`] fetches them) and cached in the
//! user's cache folder, one file per index, with the index version it was read at.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::index::names::{Days, NO_PERSON, NameIndex};
use crate::index::tables::flat::{Decoder, Encoder};
use crate::index::verdict;
use crate::quickwit::search_api::Buckets;
use crate::search::NameCount;
use crate::search::facets::shown_people;

/// First bytes of a cached people table. Raise its number when the table's layout or the rules
/// of the archive's [`verdict`] change: a table cached by an older newsdex is then built again.
const MAGIC: &[u8] = b"newsdex quickwit people 7";

/// What the cluster's terms aggregations say of each canonical name (by id) and of the archive's
/// organisations and places: the evidence of the archive's verdicts ([`verdict::Judge`]).
pub struct Tallies {
    /// Articles naming each canonical name.
    pub articles: Vec<u32>,
    /// The first and last days of the articles naming each canonical name.
    pub days: Vec<Days>,
    /// Articles attesting each canonical name ([`crate::ner::attest`]).
    pub attested: Vec<u32>,
    /// Articles tagging each canonical name an organisation or a place.
    pub otherwise: Vec<u32>,
    /// Articles naming each canonical name with a company's legal form after it.
    pub companies: Vec<u32>,
    /// Articles naming an organisation or a place by each head word ([`verdict::heads`]).
    pub other_heads: HashMap<String, u32>,
}

/// What people-aware search needs of the whole archive.
pub struct PeopleTable {
    /// The index version it was read at.
    pub version: String,
    /// Canonical names sorted, ids being positions, and who is who.
    pub names: NameIndex,
    /// What the archive says of each canonical name.
    pub tallies: Tallies,
    /// The sources, sorted.
    pub sources: Vec<String>,
}

impl PeopleTable {
    /// The table of the canonical names `names` (sorted), with what the archive says of them
    /// (`tallies`): who is who, each name the archive says is no person belonging to nobody
    /// ([`crate::index::verdict`]), as locally.
    pub fn new(
        version: String,
        names: &[String],
        tallies: Tallies,
        sources: Vec<String>,
    ) -> PeopleTable {
        let t = &tallies;
        let judge = verdict::Judge::new(
            names,
            &t.articles,
            &t.attested,
            &t.otherwise,
            &t.companies,
            &t.other_heads,
        );
        let names = NameIndex::judged(names, &t.articles, &t.days, &|id| judge.is_person(id));
        drop(judge);
        PeopleTable {
            version,
            names,
            tallies,
            sources,
        }
    }

    /// The id of canonical name `name`, if the table has it.
    pub fn id(&self, name: &str) -> Option<u32> {
        self.names.names().search(name).ok().map(|i| i as u32)
    }

    /// The person canonical name `name` belongs to, or [`NO_PERSON`].
    pub fn person(&self, name: &str) -> u32 {
        self.id(name)
            .map_or(NO_PERSON, |id| self.names.person_of(id))
    }

    /// The name the archive shows for the person named `name` (as a local hit shows it), or
    /// `name` itself when the table lacks it; None when the archive says it is no person.
    pub fn shown<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        let Some(id) = self.id(name) else {
            return Some(name);
        };
        match self.names.person_of(id) {
            NO_PERSON => None,
            person => Some(self.names.name(self.names.shown(person))),
        }
    }

    /// The `limit` people with the highest `counts` ((person, articles) pairs) a people list
    /// shows, as a local people list shows them.
    pub fn top_people(&self, counts: Vec<(u32, u32)>, limit: usize) -> Vec<NameCount> {
        shown_people(
            &self.names,
            |p| self.names.listed(p),
            counts.into_iter(),
            limit,
        )
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::default();
        e.bytes(MAGIC);
        e.bytes(self.version.as_bytes());
        e.strs(self.names.names().iter());
        let t = &self.tallies;
        for counts in [&t.articles, &t.attested, &t.otherwise, &t.companies] {
            e.u32s(counts.iter().copied());
        }
        // Days as the bits of their i32s.
        e.u32s(t.days.iter().map(|d| d.first as u32));
        e.u32s(t.days.iter().map(|d| d.last as u32));
        let mut heads: Vec<(&String, &u32)> = t.other_heads.iter().collect();
        heads.sort_unstable();
        e.strs(heads.iter().map(|(w, _)| w.as_str()));
        e.u32s(heads.iter().map(|&(_, &n)| n));
        e.strs(self.sources.iter().map(String::as_str));
        e.finish().as_slice().to_vec()
    }

    /// Reads a table written by [`PeopleTable::encode`]; None if it is damaged.
    pub fn decode(bytes: Vec<u8>) -> Option<PeopleTable> {
        let mut d = Decoder::new(tantivy::directory::OwnedBytes::new(bytes));
        if d.bytes().ok()?.as_slice() != MAGIC {
            return None;
        }
        let version = String::from_utf8(d.bytes().ok()?.as_slice().to_vec()).ok()?;
        let names: Vec<String> = d.strs().ok()?.iter().map(str::to_string).collect();
        let articles = d.u32s().ok()?.to_vec();
        let attested = d.u32s().ok()?.to_vec();
        let otherwise = d.u32s().ok()?.to_vec();
        let companies = d.u32s().ok()?.to_vec();
        let firsts = d.u32s().ok()?;
        let lasts = d.u32s().ok()?;
        let days: Vec<Days> = firsts
            .iter()
            .zip(lasts.iter())
            .map(|(first, last)| Days {
                first: first as i32,
                last: last as i32,
            })
            .collect();
        let head_words = d.strs().ok()?;
        let head_articles = d.u32s().ok()?;
        if head_words.len() != head_articles.len() {
            return None;
        }
        let other_heads = head_words
            .iter()
            .map(str::to_string)
            .zip(head_articles.iter())
            .collect();
        let sources = d.strs().ok()?.iter().map(str::to_string).collect();
        let n = names.len();
        let counts = [&articles, &attested, &otherwise, &companies];
        (counts.iter().all(|c| c.len() == n) && days.len() == n && d.is_done()).then(|| {
            let tallies = Tallies {
                articles,
                days,
                attested,
                otherwise,
                companies,
                other_heads,
            };
            PeopleTable::new(version, &names, tallies, sources)
        })
    }

    /// Person counts (person, articles) from the buckets of a terms aggregation on `people`, each
    /// spelling's articles added to its person's, the people of `leave_out` left out.
    pub fn person_counts(&self, buckets: &Buckets, leave_out: &[u32]) -> Vec<(u32, u32)> {
        let skip: Vec<u32> = leave_out
            .iter()
            .map(|&id| self.names.person_of(id))
            .collect();
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for (name, n) in &buckets.buckets {
            let person = self.person(name);
            if person != NO_PERSON && !skip.contains(&person) {
                *counts.entry(person).or_default() += u32::try_from(*n).unwrap_or(u32::MAX);
            }
        }
        counts.into_iter().collect()
    }
}

/// The folder of cached people tables: `$XDG_CACHE_HOME/newsdex`, else `~/.cache/newsdex`.
pub fn cache_folder() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("newsdex"))
}
