//! Collecting every article a query matches, folding near-duplicate copies into one result per
//! group, and counting people, sources and months over the groups.
//!
//! Facets and people lists count over all matching articles, not only the page shown, and count a
//! duplicate group once: from its representative, the copy that ranks first.

use std::cmp::Ordering;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::names::NO_PERSON;
use crate::search::catalog::{Catalog, Facet};
use crate::search::request::Sort;

/// One matching article.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    pub score: Score,
    pub address: DocAddress,
    /// Duplicate group number; None when the article has no group (it is its own group).
    pub group: Option<u32>,
    /// Publication timestamp, seconds.
    pub date: Option<i64>,
}

impl Match {
    /// Orders matches as results are shown: better first.
    pub fn rank_cmp(&self, other: &Match, sort: Sort) -> Ordering {
        let by_score = other.score.total_cmp(&self.score);
        let by_date = other.date.cmp(&self.date); // None sorts last
        let first = match sort {
            Sort::Relevance => by_score.then(by_date),
            Sort::Date => by_date.then(by_score),
        };
        first.then(self.address.cmp(&other.address))
    }
}

/// Collects every match with its score, duplicate group and date.
pub struct MatchCollector {
    pub catalog: Arc<Catalog>,
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
        if self.catalog.segments.get(segment as usize).is_none() {
            return Err(tantivy::TantivyError::InternalError(format!(
                "segment {segment} is not in the catalog"
            )));
        }
        Ok(SegmentMatches {
            catalog: self.catalog.clone(),
            segment,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let view = &self.catalog.segments[self.segment as usize];
        self.matches.push(Match {
            score,
            address: DocAddress::new(self.segment, doc),
            group: view.group(doc),
            date: view.date(doc),
        });
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

/// Matches folded by duplicate group.
pub struct Collapsed {
    /// One per group: the copy that ranks first; in no particular order.
    pub groups: Vec<Ranked>,
    /// Every match, in no particular order.
    matches: Vec<Match>,
    /// Matches per group number.
    sizes: Sizes,
}

impl Collapsed {
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
                copies: copies(m, &self.sizes),
            })
            .collect()
    }
}

fn copies(m: &Match, sizes: &Sizes) -> usize {
    m.group
        .map_or(0, |g| (sizes.of(g) as usize).saturating_sub(1))
}

/// Folds `matches` into one result per duplicate group (groups are numbered below `groups`), each
/// the best-ranked copy under `sort`. Costs time in proportion to the matches, not to the groups.
pub fn collapse(matches: Vec<Match>, sort: Sort, groups: usize) -> Collapsed {
    // Per group: matches in it, and the position of the best one.
    let mut folded = Groups::new(groups, matches.len());
    let mut singles = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        let Some(g) = m.group.filter(|&g| (g as usize) < groups) else {
            singles.push(*m);
            continue;
        };
        let best = folded.add(g, i as u32);
        if best != NONE && m.rank_cmp(&matches[best as usize], sort) == Ordering::Less {
            folded.set_best(g, i as u32);
        }
    }
    let representatives: Vec<Match> = folded
        .bests()
        .map(|b| matches[b as usize])
        .chain(singles)
        .collect();
    let sizes = Sizes(folded.slots);
    let groups = representatives
        .into_iter()
        .map(|m| Ranked {
            m,
            copies: copies(&m, &sizes),
        })
        .collect();
    Collapsed {
        groups,
        matches,
        sizes,
    }
}

/// No match yet.
const NONE: u32 = u32::MAX;

/// Matches per group and the best of each, in one zeroed array indexed by group number (the
/// memory comes zeroed from the system and only the pages of groups with matches are touched), and
/// the groups with matches in the order first seen.
struct Groups {
    /// Per group: matches in it (high half), and the position of the best one plus one (low half;
    /// 0 before the first).
    slots: Vec<u64>,
    touched: Vec<u32>,
}

impl Groups {
    fn new(groups: usize, matches: usize) -> Groups {
        Groups {
            slots: vec![0; groups],
            touched: Vec::with_capacity(matches.min(groups)),
        }
    }

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
}

/// Matches per group number.
struct Sizes(Vec<u64>);

impl Sizes {
    fn of(&self, g: u32) -> u32 {
        self.0.get(g as usize).map_or(0, |s| (s >> 32) as u32)
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

/// Article counts per global number of `facet` (person, source or month id) over `results`.
pub fn count<'a>(
    catalog: &Catalog,
    results: impl IntoIterator<Item = &'a Ranked>,
    facet: Facet,
) -> Vec<u32> {
    let len = match facet {
        Facet::Person => catalog.tables.names.num_names(),
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

/// Article counts per person (numbers of [`crate::index::names::NameIndex`]) over `results`:
/// an article naming a person under several spellings counts once.
pub fn count_people<'a>(
    catalog: &Catalog,
    results: impl IntoIterator<Item = &'a Ranked>,
) -> Vec<u32> {
    let names = catalog.names();
    let mut counts = vec![0u32; names.len()];
    let mut seen: Vec<u32> = Vec::new();
    for r in results {
        let Some(view) = catalog.segments.get(r.m.address.segment_ord as usize) else {
            continue;
        };
        seen.clear();
        for id in view.values(Facet::Person, r.m.address.doc_id) {
            let person = names.person_of(id);
            if person != NO_PERSON && !seen.contains(&person) {
                seen.push(person);
                counts[person as usize] += 1;
            }
        }
    }
    counts
}

/// The `limit` entries with the highest non-zero counts, as (id, count), most first; ties in the
/// order of `rank(id)` (the alphabetical order of their names).
pub fn top(counts: &[u32], limit: usize, rank: impl Fn(u32) -> u32) -> Vec<(u32, u32)> {
    let mut nonzero: Vec<(u32, u32)> = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(id, &c)| (id as u32, c))
        .collect();
    let cmp = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(rank(a.0).cmp(&rank(b.0)));
    if limit < nonzero.len() {
        nonzero.select_nth_unstable_by(limit, cmp);
        nonzero.truncate(limit);
    }
    nonzero.sort_unstable_by(cmp);
    nonzero
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(doc: u32, score: f32, group: Option<u32>, date: Option<i64>) -> Match {
        Match {
            score,
            address: DocAddress::new(0, doc),
            group,
            date,
        }
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
        let mut c = collapse(matches.clone(), Sort::Relevance, 3);
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
        let mut c = collapse(matches, Sort::Date, 3);
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
        assert_eq!(top(&[1, 0, 3, 3, 2], 3, name), [(3, 3), (2, 3), (4, 2)]);
        assert_eq!(top(&[1, 0, 3, 3, 2], 9, name).len(), 4);
        assert!(top(&[0, 0], 5, name).is_empty());
    }
}
