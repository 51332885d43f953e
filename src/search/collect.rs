//! Collecting every article a query matches, folding near-duplicate copies into one result per
//! group, and counting people, sources and months over the groups.
//!
//! Facets and people lists count over all matching articles, not only the page shown, and count a
//! duplicate group once: from its representative, the copy that ranks first.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::search::catalog::{Catalog, Mapped};
use crate::search::request::Sort;

/// One matching article.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    pub score: Score,
    pub address: DocAddress,
    /// Duplicate group key; None when the article has no group (it is its own group).
    pub group: Option<u64>,
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
    segment: SegmentOrdinal,
    group: Option<Mapped<u64>>,
    date: Option<Column<DateTime>>,
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
        let columns = self.catalog.segments.get(segment as usize);
        Ok(SegmentMatches {
            segment,
            group: columns.and_then(|c| c.group.clone()),
            date: columns.and_then(|c| c.date.clone()),
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
        self.matches.push(Match {
            score,
            address: DocAddress::new(self.segment, doc),
            group: self.group.as_ref().and_then(|g| g.first(doc)),
            date: self
                .date
                .as_ref()
                .and_then(|d| d.first(doc))
                .map(DateTime::into_timestamp_secs),
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

/// Matches folded by duplicate group, in result order.
pub struct Collapsed {
    /// One per group: the copy that ranks first.
    pub groups: Vec<Ranked>,
    /// Every match, in result order (for `all_copies`).
    pub all: Vec<Ranked>,
}

/// Folds `matches` into one result per duplicate group, each the best-ranked copy under `sort`,
/// and also ranks every match with its group's copy count.
pub fn collapse(mut matches: Vec<Match>, sort: Sort) -> Collapsed {
    matches.sort_by(|a, b| a.rank_cmp(b, sort));
    let mut sizes: HashMap<u64, usize> = HashMap::new();
    for g in matches.iter().filter_map(|m| m.group) {
        *sizes.entry(g).or_default() += 1;
    }
    let copies = |m: &Match| m.group.map_or(0, |g| sizes[&g] - 1);
    let mut seen: HashSet<u64> = HashSet::with_capacity(sizes.len());
    let mut groups = Vec::with_capacity(sizes.len());
    for m in &matches {
        if m.group.is_none_or(|g| seen.insert(g)) {
            groups.push(Ranked {
                m: *m,
                copies: copies(m),
            });
        }
    }
    let all = matches
        .iter()
        .map(|m| Ranked {
            m: *m,
            copies: copies(m),
        })
        .collect();
    Collapsed { groups, all }
}

/// Article counts per global number (person, source or month id) over `results`, one per result.
pub fn count<'a>(
    catalog: &Catalog,
    results: impl IntoIterator<Item = &'a Ranked>,
    len: usize,
    column: impl Fn(&crate::search::catalog::SegmentColumns) -> Option<&Mapped<u32>>,
) -> Vec<u32> {
    let mut counts = vec![0u32; len];
    for r in results {
        let seg = r.m.address.segment_ord as usize;
        let Some(mapped) = catalog.segments.get(seg).and_then(&column) else {
            continue;
        };
        let mut last = None;
        for id in mapped.values(r.m.address.doc_id) {
            // Values come in term order, so a repeated value is adjacent.
            if last != Some(id) {
                counts[id as usize] += 1;
            }
            last = Some(id);
        }
    }
    counts
}

/// The `limit` entries with the highest non-zero counts, as (id, count), most first; ties by id
/// (names are sorted, so alphabetically).
pub fn top(counts: &[u32], limit: usize) -> Vec<(u32, u32)> {
    let mut nonzero: Vec<(u32, u32)> = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(id, &c)| (id as u32, c))
        .collect();
    nonzero.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    nonzero.truncate(limit);
    nonzero
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(doc: u32, score: f32, group: Option<u64>, date: Option<i64>) -> Match {
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
            m(0, 1.0, Some(7), Some(10)),
            m(1, 3.0, Some(7), Some(5)),
            m(2, 2.0, Some(8), None),
            m(3, 0.5, None, Some(20)),
            m(4, 2.5, Some(7), Some(30)),
        ];
        let c = collapse(matches.clone(), Sort::Relevance);
        let shown: Vec<(u32, usize)> = c
            .groups
            .iter()
            .map(|r| (r.m.address.doc_id, r.copies))
            .collect();
        assert_eq!(shown, [(1, 2), (2, 0), (3, 0)]);
        assert_eq!(c.all.len(), 5);
        assert_eq!(c.all[1].m.address.doc_id, 4);
        assert_eq!(c.all[1].copies, 2);

        // By date, the newest copy represents the group; undated articles come last.
        let c = collapse(matches, Sort::Date);
        let shown: Vec<u32> = c.groups.iter().map(|r| r.m.address.doc_id).collect();
        assert_eq!(shown, [4, 3, 2]);
    }

    #[test]
    fn top_orders_by_count_then_name() {
        assert_eq!(top(&[1, 0, 3, 3, 2], 3), [(2, 3), (3, 3), (4, 2)]);
        assert!(top(&[0, 0], 5).is_empty());
    }
}
