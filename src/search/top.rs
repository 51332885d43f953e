//! The page of a search that asks for no facets: the best duplicate groups, found without keeping
//! every match.
//!
//! [`collect`](crate::search::collect) keeps every match, which facets need. A page needs only the
//! best `offset + limit` groups, and the totals: how many articles match and how many groups they
//! fall in. So [`TopCollector`] counts every match (a bit per group) but keeps a match only while it
//! can still be on the page: once it holds enough groups, a match that ranks below the worst of
//! them is counted and dropped. The copies of the groups shown are known from the matches when
//! they are few (their groups are noted) or when a group matched once (a second bit per group);
//! otherwise they are counted by checking each article of the group against the query. The
//! answers are those of collecting every match: the same groups, each represented by the same
//! copy, in the same order, with the same totals.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED, Term};

use crate::error::Result;
use crate::search::catalog::Catalog;
use crate::search::collect::{Match, NO_GROUP, Scratch, check_segment};
use crate::search::request::Sort;

/// What a [`TopCollector`] found.
pub struct Top {
    /// The best `n` groups, each as its best-ranked copy, best first.
    pub best: Vec<Match>,
    /// Groups matched: the number of results.
    pub groups: usize,
    /// Articles matched, copies included.
    pub articles: usize,
    /// For each of `best`, the other articles of its group that match, when the matches tell;
    /// None when they must be counted.
    pub copies: Vec<Option<usize>>,
}

/// Most matches noted with their group by default, for counting copies without a look-up.
pub const NOTED: usize = 8192;

/// Collects the best `n` duplicate groups under `sort` and counts all matches and groups.
pub struct TopCollector {
    pub catalog: Arc<Catalog>,
    pub scratch: Arc<Scratch>,
    pub sort: Sort,
    pub n: usize,
    /// Most matches noted with their group ([`NOTED`]).
    pub noted: usize,
}

/// What one segment found: its best groups, its match count, and the groups it matched as bits
/// (groups numbered past the tables' count, or none, count as one result each: `singles`).
pub struct SegmentTop {
    catalog: Arc<Catalog>,
    segment: SegmentOrdinal,
    sort: Sort,
    n: usize,
    /// Candidates for the page, at most one per group after each [`best_groups`].
    kept: Vec<Match>,
    /// The worst match kept once `n` groups are kept: a match ranking below it cannot be shown.
    worst: Option<Match>,
    /// A bit per group matched, and per group matched more than once.
    seen: Vec<u64>,
    twice: Vec<u64>,
    /// The group of each match, while there are at most `most_noted`; None past that.
    noted: Option<Vec<u32>>,
    most_noted: usize,
    singles: usize,
    articles: usize,
}

/// Candidates held before they are folded to the best `n` groups: a multiple of `n`, so that
/// folding costs little per match.
fn capacity(n: usize) -> usize {
    (2 * n).max(256)
}

impl Collector for TopCollector {
    type Fruit = SegmentTop;
    type Child = SegmentTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        check_segment(&self.catalog, segment)?;
        Ok(SegmentTop {
            catalog: self.catalog.clone(),
            segment,
            sort: self.sort,
            n: self.n,
            kept: Vec::with_capacity(capacity(self.n)),
            worst: None,
            seen: self.scratch.bits(words(self.catalog.groups())),
            twice: self.scratch.bits(words(self.catalog.groups())),
            noted: Some(Vec::new()),
            most_noted: self.noted,
            singles: 0,
            articles: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<SegmentTop>) -> tantivy::Result<SegmentTop> {
        let mut fruits = fruits.into_iter();
        let Some(mut all) = fruits.next() else {
            return Err(tantivy::TantivyError::InternalError(
                "a search with no segment results".into(),
            ));
        };
        let words = words(self.catalog.groups());
        for fruit in fruits {
            for i in 0..words {
                // A group matched in both is matched twice.
                all.twice[i] |= fruit.twice[i] | (all.seen[i] & fruit.seen[i]);
                all.seen[i] |= fruit.seen[i];
            }
            all.kept.extend_from_slice(&fruit.kept);
            all.singles += fruit.singles;
            all.articles += fruit.articles;
            all.noted = match (all.noted, fruit.noted) {
                (Some(mut a), Some(b)) if a.len() + b.len() <= self.noted => {
                    a.extend_from_slice(&b);
                    Some(a)
                }
                _ => None,
            };
            self.scratch.give_bits(fruit.seen, words);
            self.scratch.give_bits(fruit.twice, words);
        }
        best_groups(&mut all.kept, self.sort, self.n);
        all.kept.sort_unstable_by(|a, b| a.rank_cmp(b, self.sort));
        Ok(all)
    }
}

impl TopCollector {
    /// Runs `query` over `searcher` and returns what it found.
    pub fn top(&self, searcher: &tantivy::Searcher, query: &dyn Query) -> tantivy::Result<Top> {
        let found = if searcher.segment_readers().is_empty() {
            return Ok(Top {
                best: Vec::new(),
                groups: 0,
                articles: 0,
                copies: Vec::new(),
            });
        } else {
            searcher.search(query, self)?
        };
        let words = words(self.catalog.groups());
        let groups = found.seen[..words]
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum::<usize>()
            + found.singles;
        let copies = found.copies(self.catalog.groups());
        let top = Top {
            best: found.kept,
            groups,
            articles: found.articles,
            copies,
        };
        self.scratch.give_bits(found.seen, words);
        self.scratch.give_bits(found.twice, words);
        Ok(top)
    }
}

impl SegmentTop {
    /// For each match kept, the other matches of its group when the matches tell (see
    /// [`Top::copies`]); `groups` is the catalog's group count.
    fn copies(&self, groups: usize) -> Vec<Option<usize>> {
        let repeated = |g: u32| (g as usize) < groups && self.twice[g as usize / 64] & bit(g) != 0;
        let mut counted: HashMap<u32, usize> = self
            .kept
            .iter()
            .filter(|m| repeated(m.group))
            .map(|m| (m.group, 0))
            .collect();
        if let Some(noted) = &self.noted {
            for g in noted {
                if let Some(n) = counted.get_mut(g) {
                    *n += 1;
                }
            }
        }
        self.kept
            .iter()
            .map(|m| match (repeated(m.group), &self.noted) {
                (false, _) => Some(0),
                (true, Some(_)) => counted.get(&m.group).map(|n| n.saturating_sub(1)),
                (true, None) => None,
            })
            .collect()
    }
}

/// The bit of group `g` in its word.
fn bit(g: u32) -> u64 {
    1 << (g % 64)
}

impl SegmentCollector for SegmentTop {
    type Fruit = SegmentTop;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.articles += 1;
        let view = &self.catalog.segments[self.segment as usize];
        let group = view.group(doc);
        match group {
            Some(g) if (g as usize) < self.catalog.groups() => {
                let word = g as usize / 64;
                if self.seen[word] & bit(g) != 0 {
                    self.twice[word] |= bit(g);
                }
                self.seen[word] |= bit(g);
                if let Some(noted) = &mut self.noted {
                    match noted.len() < self.most_noted {
                        true => noted.push(g),
                        false => self.noted = None,
                    }
                }
            }
            _ => self.singles += 1,
        }
        if self.n == 0 {
            return;
        }
        if let Some(worst) = &self.worst
            && self.sort == Sort::Relevance
            && score.total_cmp(&worst.score) == Ordering::Less
        {
            // Below the page on score alone: its date (a read from memory) is not needed.
            return;
        }
        let m = Match::new(
            score,
            DocAddress::new(self.segment, doc),
            group,
            view.date(doc),
        );
        if let Some(worst) = &self.worst
            && m.rank_cmp(worst, self.sort) != Ordering::Less
        {
            return;
        }
        self.kept.push(m);
        if self.kept.len() >= capacity(self.n) {
            self.worst = best_groups(&mut self.kept, self.sort, self.n);
        }
    }

    fn harvest(mut self) -> SegmentTop {
        best_groups(&mut self.kept, self.sort, self.n);
        self
    }
}

/// Words of a bit set of `groups` bits.
fn words(groups: usize) -> usize {
    groups.div_ceil(64)
}

/// Keeps in `matches` the best-ranked copy of each of the best `n` groups (a match without a group
/// is a group of its own), in no particular order. Returns the worst match kept when `n` are kept.
fn best_groups(matches: &mut Vec<Match>, sort: Sort, n: usize) -> Option<Match> {
    let grouped = |m: &Match| (m.group != NO_GROUP).then_some(m.group);
    matches.sort_unstable_by(|a, b| {
        grouped(a)
            .cmp(&grouped(b))
            .then_with(|| a.rank_cmp(b, sort))
    });
    // Sorted by group, best copy first: keep the first of each group.
    matches.dedup_by(|later, first| later.group != NO_GROUP && later.group == first.group);
    if matches.len() < n || n == 0 {
        return None;
    }
    if matches.len() > n {
        matches.select_nth_unstable_by(n - 1, |a, b| a.rank_cmp(b, sort));
        matches.truncate(n);
    }
    matches.iter().max_by(|a, b| a.rank_cmp(b, sort)).copied()
}

/// For each of `shown`, the other articles of its duplicate group that `query` matches: as
/// `known` says, or else the group's live articles (found by `group_field`), each checked against
/// one scorer of `query` per segment.
pub fn copies(
    searcher: &tantivy::Searcher,
    catalog: &Catalog,
    group_field: Field,
    query: &dyn Query,
    shown: &[Match],
    known: &[Option<usize>],
) -> Result<Vec<usize>> {
    // (segment, doc, which of `shown`) for every article of the groups to count.
    let mut members: Vec<(u32, DocId, usize)> = Vec::new();
    let mut groups = Vec::new();
    for (i, m) in shown.iter().enumerate() {
        // Unknown only for a group that matched more than once: it has a name.
        if known.get(i).is_some_and(Option::is_some) {
            continue;
        }
        let view = &catalog.segments[m.address.segment_ord as usize];
        if let Some(group) = view.group_name(m.address.doc_id)? {
            groups.push((i, Term::from_field_text(group_field, &group)));
        }
    }
    if groups.is_empty() {
        return Ok(known.iter().map(|k| k.unwrap_or(0)).collect());
    }
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let inverted = reader.inverted_index(group_field)?;
        for &(i, ref term) in &groups {
            let postings = inverted
                .read_postings(term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?;
            let Some(mut postings) = postings else {
                continue;
            };
            while postings.doc() != TERMINATED {
                if reader
                    .alive_bitset()
                    .is_none_or(|a| a.is_alive(postings.doc()))
                {
                    members.push((segment as u32, postings.doc(), i));
                }
                postings.advance();
            }
        }
    }
    members.sort_unstable();
    let mut matching = vec![0usize; shown.len()];
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut at = 0;
    while at < members.len() {
        let segment = members[at].0;
        let end = at + members[at..].partition_point(|m| m.0 == segment);
        let reader = searcher.segment_reader(segment);
        let mut scorer = weight.scorer(reader, 1.0)?;
        for &(_, doc, i) in &members[at..end] {
            if scorer.doc() < doc {
                scorer.seek(doc);
            }
            if scorer.doc() == doc {
                matching[i] += 1;
            }
        }
        at = end;
    }
    Ok(matching
        .into_iter()
        .enumerate()
        .map(|(i, n)| match known.get(i) {
            Some(Some(copies)) => *copies,
            _ => n.saturating_sub(1),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(doc: u32, score: f32, group: Option<u32>) -> Match {
        Match::new(score, DocAddress::new(0, doc), group, None)
    }

    #[test]
    fn the_best_groups_keep_their_best_copy_and_singles_stay_apart() {
        let mut matches = vec![
            m(0, 1.0, Some(7)),
            m(1, 5.0, Some(7)),
            m(2, 4.0, None),
            m(3, 4.5, None),
            m(4, 3.0, Some(2)),
            m(5, 0.5, Some(9)),
        ];
        let worst = best_groups(&mut matches, Sort::Relevance, 3);
        matches.sort_by(|a, b| a.rank_cmp(b, Sort::Relevance));
        let docs: Vec<u32> = matches.iter().map(|m| m.address.doc_id).collect();
        assert_eq!(docs, [1, 3, 2]);
        assert_eq!(worst.map(|w| w.address.doc_id), Some(2));
        // Fewer groups than asked: all kept, no bound yet.
        let mut few = vec![m(0, 1.0, Some(1)), m(1, 2.0, Some(1))];
        assert_eq!(best_groups(&mut few, Sort::Relevance, 2), None);
        assert_eq!(few, [m(1, 2.0, Some(1))]);
    }
}
