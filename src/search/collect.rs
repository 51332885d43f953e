//! Collecting every article a query matches, folding near-duplicate copies into one result per
//! group, and counting people, sources and months over the groups.
//!
//! Facets and people lists count over all matching articles, not only the page shown, and count a
//! duplicate group once: from its representative, the copy that ranks first.

use std::cmp::Ordering;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::search::catalog::{Catalog, Facet};
use crate::search::request::Sort;

/// One matching article, in 24 bytes: a broad query at a million articles has hundreds of
/// thousands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    pub score: Score,
    pub address: DocAddress,
    /// Duplicate group number; [`NO_GROUP`] when the article has no group (it is its own group).
    pub(super) group: u32,
    /// Publication timestamp, seconds; [`NO_DATE`] when the article has no date.
    date: i64,
}

/// [`Match`]'s group when the article has none.
pub const NO_GROUP: u32 = u32::MAX;
/// [`Match`]'s date when the article has none: before every date, so undated articles sort last
/// when the newest come first.
pub const NO_DATE: i64 = i64::MIN;

impl Match {
    /// A match of the article at `address`, with its duplicate group and date as the catalog
    /// gives them.
    pub fn new(score: Score, address: DocAddress, group: Option<u32>, date: Option<i64>) -> Match {
        Match {
            score,
            address,
            group: group.unwrap_or(NO_GROUP),
            date: date.unwrap_or(NO_DATE),
        }
    }

    /// Orders matches as results are shown: better first.
    pub fn rank_cmp(&self, other: &Match, sort: Sort) -> Ordering {
        let by_score = other.score.total_cmp(&self.score);
        let by_date = other.date.cmp(&self.date); // NO_DATE sorts last
        let first = match sort {
            Sort::Relevance => by_score.then(by_date),
            Sort::Date => by_date.then(by_score),
        };
        first.then(self.address.cmp(&other.address))
    }
}

/// Buffers a searcher reuses from one query to the next, so that a broad query writes to memory
/// it has written before rather than to fresh pages the system must find and zero: the lists of
/// matches, and the per-group array that folds copies (all zero between queries).
#[derive(Default)]
pub struct Scratch {
    matches: Mutex<Vec<Vec<Match>>>,
    /// All-zero arrays of per-group slots.
    slots: Mutex<Vec<Vec<u64>>>,
    /// All-zero arrays of counts per person.
    counts: Mutex<Vec<Vec<u32>>>,
    /// All-zero bit sets, a few per segment.
    bits: Mutex<Vec<Vec<u64>>>,
}

/// Buffers of each kind a [`Scratch`] keeps: as many as queries run at once on a small server.
const KEPT: usize = 4;
/// Bit sets a [`Scratch`] keeps: two per segment for a few queries at once.
const KEPT_BITS: usize = 128;

impl Scratch {
    fn matches(&self) -> Vec<Match> {
        let mut pool = self.matches.lock().unwrap_or_else(PoisonError::into_inner);
        pool.pop().unwrap_or_default()
    }

    fn give_matches(&self, mut matches: Vec<Match>) {
        matches.clear();
        let mut pool = self.matches.lock().unwrap_or_else(PoisonError::into_inner);
        if pool.len() < KEPT && matches.capacity() > 0 {
            pool.push(matches);
        }
    }

    /// An all-zero array of at least `groups` slots.
    fn slots(&self, groups: usize) -> Vec<u64> {
        zeroed(&self.slots, groups)
    }

    /// An all-zero array of at least `len` counts.
    fn counts(&self, len: usize) -> Vec<u32> {
        zeroed(&self.counts, len)
    }

    /// Takes back `counts`, all zero.
    fn give_counts(&self, counts: Vec<u32>) {
        let mut pool = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if pool.len() < KEPT {
            pool.push(counts);
        }
    }

    /// An all-zero bit set of at least `words` words.
    pub fn bits(&self, words: usize) -> Vec<u64> {
        zeroed(&self.bits, words)
    }

    /// Takes back `bits`, of which only the first `words` words may be non-zero.
    pub fn give_bits(&self, mut bits: Vec<u64>, words: usize) {
        let words = words.min(bits.len());
        bits[..words].fill(0);
        let mut pool = self.bits.lock().unwrap_or_else(PoisonError::into_inner);
        if pool.len() < KEPT_BITS {
            pool.push(bits);
        }
    }

    /// Takes back `slots`, of which only the entries `touched` may be non-zero.
    fn give_slots(&self, mut slots: Vec<u64>, touched: &[u32]) {
        for &g in touched {
            slots[g as usize] = 0;
        }
        let mut pool = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        if pool.len() < KEPT {
            pool.push(slots);
        }
    }
}

/// An all-zero array of at least `len` numbers: one kept in `pool`, or else zeroed pages from the
/// system, of which only those a query touches are ever written.
fn zeroed<T: Clone + Default>(pool: &Mutex<Vec<Vec<T>>>, len: usize) -> Vec<T> {
    let kept = pool.lock().unwrap_or_else(PoisonError::into_inner).pop();
    match kept {
        Some(mut numbers) => {
            if numbers.len() < len {
                numbers.resize(len, T::default());
            }
            numbers
        }
        None => vec![T::default(); len],
    }
}

/// Fails unless `segment` is one of `catalog`'s: a collector's check before it reads its values.
pub fn check_segment(catalog: &Catalog, segment: SegmentOrdinal) -> tantivy::Result<()> {
    match catalog.segments.get(segment as usize) {
        Some(_) => Ok(()),
        None => Err(tantivy::TantivyError::InternalError(format!(
            "segment {segment} is not in the catalog"
        ))),
    }
}

/// Collects every match with its score, duplicate group and date.
pub struct MatchCollector {
    pub catalog: Arc<Catalog>,
    pub scratch: Arc<Scratch>,
}

pub struct SegmentMatches {
    catalog: Arc<Catalog>,
    segment: SegmentOrdinal,
    matches: Vec<Match>,
}

impl Collector for MatchCollector {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        check_segment(&self.catalog, segment)?;
        Ok(SegmentMatches {
            catalog: self.catalog.clone(),
            segment,
            matches: self.scratch.matches(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, mut fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        // Into the longest list, whose buffer is then the largest.
        let longest = (0..fruits.len()).max_by_key(|&i| fruits[i].len());
        let Some(longest) = longest else {
            return Ok(Vec::new());
        };
        let mut all = fruits.swap_remove(longest);
        all.reserve(fruits.iter().map(Vec::len).sum());
        for fruit in fruits {
            all.extend_from_slice(&fruit);
            self.scratch.give_matches(fruit);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let view = &self.catalog.segments[self.segment as usize];
        let address = DocAddress::new(self.segment, doc);
        self.matches
            .push(Match::new(score, address, view.group(doc), view.date(doc)));
    }

    fn harvest(self) -> Vec<Match> {
        self.matches
    }
}

/// A result: a match and how many other matches are copies of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    pub m: Match,
    /// Other matching articles in the same duplicate group.
    pub copies: usize,
}

/// Matches folded by duplicate group. Its buffers go back to the [`Scratch`] they came from when
/// it is dropped.
pub struct Collapsed<'s> {
    /// One per group: the copy that ranks first; in no particular order.
    pub groups: Vec<Ranked>,
    /// Every match, in no particular order.
    matches: Vec<Match>,
    /// Matches per group, and their best.
    folded: Groups,
    scratch: &'s Scratch,
}

impl Collapsed<'_> {
    /// Number of matching articles, copies included.
    pub fn articles(&self) -> usize {
        self.matches.len()
    }

    /// Every match as a result, with its group's copy count; in no particular order.
    pub fn all(&self) -> Vec<Ranked> {
        self.matches
            .iter()
            .map(|m| Ranked {
                m: *m,
                copies: self.folded.copies(m),
            })
            .collect()
    }
}

impl Drop for Collapsed<'_> {
    fn drop(&mut self) {
        self.scratch.give_matches(std::mem::take(&mut self.matches));
        let slots = std::mem::take(&mut self.folded.slots);
        self.scratch.give_slots(slots, &self.folded.touched);
    }
}

/// Folds `matches` into one result per duplicate group (groups are numbered below `groups`), each
/// the best-ranked copy under `sort`. Costs time in proportion to the matches, not to the groups.
pub fn collapse(
    matches: Vec<Match>,
    sort: Sort,
    groups: usize,
    scratch: &Scratch,
) -> Collapsed<'_> {
    // Per group: matches in it, and the position of the best one.
    let mut folded = Groups {
        slots: scratch.slots(groups),
        touched: Vec::with_capacity(matches.len().min(groups)),
    };
    let mut singles = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        let g = m.group;
        if g as usize >= groups {
            // No group (NO_GROUP), or one the tables do not know.
            singles.push(*m);
            continue;
        }
        let best = folded.add(g, i as u32);
        if best != NONE && m.rank_cmp(&matches[best as usize], sort) == Ordering::Less {
            folded.set_best(g, i as u32);
        }
    }
    let groups = folded
        .bests()
        .map(|b| matches[b as usize])
        .chain(singles)
        .map(|m| Ranked {
            m,
            copies: folded.copies(&m),
        })
        .collect();
    Collapsed {
        groups,
        matches,
        folded,
        scratch,
    }
}

/// No match yet.
const NONE: u32 = u32::MAX;

/// Matches per group and the best of each, in one array indexed by group number, zero for groups
/// without matches (only the entries of groups with matches are written), and the groups with
/// matches in the order first seen.
struct Groups {
    /// Per group: matches in it (high half), and the position of the best one plus one (low half;
    /// 0 before the first).
    slots: Vec<u64>,
    touched: Vec<u32>,
}

impl Groups {
    /// Counts match `i` in group `g` and returns the position of the group's best match before it
    /// (NONE for its first), for the caller to keep the better with [`Groups::set_best`].
    fn add(&mut self, g: u32, i: u32) -> u32 {
        let slot = &mut self.slots[g as usize];
        if *slot == 0 {
            self.touched.push(g);
            *slot = (1 << 32) | u64::from(i + 1);
            return NONE;
        }
        *slot += 1 << 32;
        (*slot as u32).wrapping_sub(1)
    }

    fn set_best(&mut self, g: u32, i: u32) {
        let slot = &mut self.slots[g as usize];
        *slot = (*slot & !0xffff_ffff) | u64::from(i + 1);
    }

    /// The best match of each group with matches.
    fn bests(&self) -> impl Iterator<Item = u32> + '_ {
        self.touched
            .iter()
            .map(|&g| (self.slots[g as usize] as u32).wrapping_sub(1))
    }

    /// Other matches in `m`'s group.
    fn copies(&self, m: &Match) -> usize {
        let size = self.slots.get(m.group as usize).map_or(0, |s| s >> 32);
        (size as usize).saturating_sub(1)
    }
}

/// Puts the results `offset..offset + limit` of `results` under `sort` in order at that position
/// and returns them, without ordering the rest.
pub fn page(results: &mut [Ranked], sort: Sort, offset: usize, limit: usize) -> &[Ranked] {
    let cmp = |a: &Ranked, b: &Ranked| a.m.rank_cmp(&b.m, sort);
    let end = offset.saturating_add(limit).min(results.len());
    if offset >= end {
        return &[];
    }
    if end < results.len() {
        results.select_nth_unstable_by(end, cmp);
    }
    let head = &mut results[..end];
    head.sort_unstable_by(cmp);
    &head[offset..]
}

/// Article counts per global number of `facet` (source or month id) over `results`.
pub fn count<'a>(
    catalog: &Catalog,
    results: impl IntoIterator<Item = &'a Ranked>,
    facet: Facet,
) -> Vec<u32> {
    let len = match facet {
        Facet::Source => catalog.tables.sources.len(),
        Facet::Month => catalog.tables.months.len(),
    };
    let mut counts = vec![0u32; len];
    for r in results {
        let Some(view) = catalog.segments.get(r.m.address.segment_ord as usize) else {
            continue;
        };
        let mut last = None;
        for id in view.values(facet, r.m.address.doc_id) {
            // Values come in term order, so a repeated value is adjacent.
            if last != Some(id) {
                counts[id as usize] += 1;
            }
            last = Some(id);
        }
    }
    counts
}

/// Article counts per person: only the people counted are visited when reading or clearing them,
/// however many people the archive has. Its array goes back to the [`Scratch`] it came from when
/// it is dropped.
pub struct PeopleCounts<'s> {
    /// Per person number, zero for those not counted.
    counts: Vec<u32>,
    /// The people counted, in the order first counted.
    counted: Vec<u32>,
    scratch: &'s Scratch,
}

impl PeopleCounts<'_> {
    /// The people with a non-zero count, and their counts.
    pub fn nonzero(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.counted
            .iter()
            .map(|&p| (p, self.counts[p as usize]))
            .filter(|&(_, n)| n > 0)
    }

    /// Forgets the count of `person`.
    pub fn remove(&mut self, person: u32) {
        if let Some(n) = self.counts.get_mut(person as usize) {
            *n = 0;
        }
    }
}

impl Drop for PeopleCounts<'_> {
    fn drop(&mut self) {
        let mut counts = std::mem::take(&mut self.counts);
        for &p in &self.counted {
            counts[p as usize] = 0;
        }
        self.scratch.give_counts(counts);
    }
}

/// Article counts per person (numbers of [`crate::index::names::NameIndex`]) over `results`:
/// an article naming a person under several spellings counts once.
pub fn count_people<'a, 's>(
    catalog: &Catalog,
    results: impl IntoIterator<Item = &'a Ranked>,
    scratch: &'s Scratch,
) -> PeopleCounts<'s> {
    let names = catalog.names();
    let mut counts = PeopleCounts {
        counts: scratch.counts(names.len()),
        counted: Vec::new(),
        scratch,
    };
    let mut buffer: Vec<u32> = Vec::new();
    for r in results {
        let Some(view) = catalog.segments.get(r.m.address.segment_ord as usize) else {
            continue;
        };
        for &person in view.people(r.m.address.doc_id, names, &mut buffer) {
            let n = &mut counts.counts[person as usize];
            if *n == 0 {
                counts.counted.push(person);
            }
            *n += 1;
        }
    }
    counts
}

/// The `limit` entries of `counts` (id, count) with the highest counts, most first; ties in the
/// order of `rank(id)` (the alphabetical order of their names). Zero counts are left out.
pub fn top(
    counts: impl Iterator<Item = (u32, u32)>,
    limit: usize,
    rank: impl Fn(u32) -> u32,
) -> Vec<(u32, u32)> {
    let mut nonzero: Vec<(u32, u32)> = counts.filter(|&(_, c)| c > 0).collect();
    let cmp = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(rank(a.0).cmp(&rank(b.0)));
    if limit < nonzero.len() {
        nonzero.select_nth_unstable_by(limit, cmp);
        nonzero.truncate(limit);
    }
    nonzero.sort_unstable_by(cmp);
    nonzero
}

/// `counts` as (id, count) pairs.
pub fn numbered(counts: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    counts.iter().enumerate().map(|(id, &n)| (id as u32, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(doc: u32, score: f32, group: Option<u32>, date: Option<i64>) -> Match {
        Match::new(score, DocAddress::new(0, doc), group, date)
    }

    #[test]
    fn copies_fold_into_their_best_ranked_member() {
        let matches = vec![
            m(0, 1.0, Some(1), Some(10)),
            m(1, 3.0, Some(1), Some(5)),
            m(2, 2.0, Some(2), None),
            m(3, 0.5, None, Some(20)),
            m(4, 2.5, Some(1), Some(30)),
        ];
        let scratch = Scratch::default();
        let mut c = collapse(matches.clone(), Sort::Relevance, 3, &scratch);
        assert_eq!(c.articles(), 5);
        let shown: Vec<(u32, usize)> = page(&mut c.groups, Sort::Relevance, 0, 10)
            .iter()
            .map(|r| (r.m.address.doc_id, r.copies))
            .collect();
        assert_eq!(shown, [(1, 2), (2, 0), (3, 0)]);
        let mut all = c.all();
        let all = page(&mut all, Sort::Relevance, 1, 1);
        assert_eq!((all[0].m.address.doc_id, all[0].copies), (4, 2));

        // By date, the newest copy represents the group; undated articles come last.
        drop(c);
        let mut c = collapse(matches, Sort::Date, 3, &scratch);
        let shown: Vec<u32> = page(&mut c.groups, Sort::Date, 0, 10)
            .iter()
            .map(|r| r.m.address.doc_id)
            .collect();
        assert_eq!(shown, [4, 3, 2]);
    }

    #[test]
    fn a_page_is_the_slice_of_the_full_order() {
        let ranked = |n: u32| -> Vec<Ranked> {
            (0..n)
                .map(|i| Ranked {
                    m: m(i, ((i * 7919) % 101) as f32, None, None),
                    copies: 0,
                })
                .collect()
        };
        let mut full = ranked(100);
        let full: Vec<Ranked> = page(&mut full, Sort::Relevance, 0, 100).to_vec();
        for (offset, limit) in [(0, 10), (10, 10), (95, 10), (100, 5), (3, 0)] {
            let mut results = ranked(100);
            let got = page(&mut results, Sort::Relevance, offset, limit);
            let end = (offset + limit).min(100);
            assert_eq!(got, &full[offset.min(end)..end], "{offset} {limit}");
        }
    }

    #[test]
    fn top_orders_by_count_then_name() {
        let name = |id: u32| 4 - id; // names in reverse order of ids
        let counts = [1, 0, 3, 3, 2];
        assert_eq!(top(numbered(&counts), 3, name), [(3, 3), (2, 3), (4, 2)]);
        assert_eq!(top(numbered(&counts), 9, name).len(), 4);
        assert!(top(numbered(&[0, 0]), 5, name).is_empty());
    }
}
