//! The facets and people lists a search shows: the people, sources and months most named in the
//! articles that match, each person under the one name the archive shows for them — counted over
//! the matches ([`crate::search::collect`]) or, for the whole archive, taken from its search tables.

use crate::index::names::NameIndex;
use crate::index::tables::flat::Strs;
use crate::search::catalog::{Catalog, Facet};
use crate::search::collect::{Ranked, Scratch, count, count_people, numbered, top};
use crate::search::results::{Facets, MonthCount, NameCount};

/// The facets of `groups`: top `limit` people and sources, and every month.
pub fn facets(catalog: &Catalog, groups: &[Ranked], limit: usize, scratch: &Scratch) -> Facets {
    let people = count_people(catalog, groups, scratch);
    let sources = count(catalog, groups, Facet::Source);
    let months = count(catalog, groups, Facet::Month);
    shaped_facets(catalog, people.nonzero(), &sources, &months, limit)
}

/// The facets of the whole archive, from the counts in its tables.
pub fn everything_facets(catalog: &Catalog, limit: usize) -> Facets {
    let totals = &catalog.tables.totals;
    shaped_facets(
        catalog,
        totals.people.iter().enumerate().map(|(p, n)| (p as u32, n)),
        &totals.sources.to_vec(),
        &totals.months.to_vec(),
        limit,
    )
}

/// Facets from counts per person, source and month.
fn shaped_facets(
    catalog: &Catalog,
    people: impl Iterator<Item = (u32, u32)>,
    sources: &[u32],
    months: &[u32],
    limit: usize,
) -> Facets {
    let tables = &catalog.tables;
    Facets {
        people: people_counts(catalog, people, limit),
        sources: named_counts(&tables.sources, sources, limit),
        months: months
            .iter()
            .zip(tables.months.iter())
            .filter(|(n, _)| **n > 0)
            .map(|(&n, month)| MonthCount {
                month: month.to_string(),
                articles: n as usize,
            })
            .collect(),
    }
}

/// The `limit` people with the highest `counts` ((person, count) pairs), each under the name to
/// show for them (their most frequent full name).
///
/// A bare surname that stays a person of its own because several people have it ("Obama" beside
/// "Barack Obama" and "Michelle Obama") is not listed: as a filter it is ambiguous, so a listed name
/// is always one a filter accepts.
pub fn people_counts(
    catalog: &Catalog,
    counts: impl Iterator<Item = (u32, u32)>,
    limit: usize,
) -> Vec<NameCount> {
    let listed = &catalog.tables.listed;
    shown_people(
        catalog.names(),
        |person| listed.get(person as usize) == 1,
        counts,
        limit,
    )
}

/// The `limit` people of `names` with the highest `counts` ((person, count) pairs) among those
/// `listed` accepts ([`NameIndex::listed`]), each under the name to show for them; ties in
/// alphabetical order.
pub fn shown_people(
    names: &NameIndex,
    listed: impl Fn(u32) -> bool,
    counts: impl Iterator<Item = (u32, u32)>,
    limit: usize,
) -> Vec<NameCount> {
    let counts = counts.filter(|&(person, _)| listed(person));
    top(counts, limit, |person| names.rank(person))
        .into_iter()
        .map(|(person, n)| NameCount {
            name: names.name(names.shown(person)).to_string(),
            articles: n as usize,
        })
        .collect()
}

/// The `limit` `names` (sorted) with the highest `counts`.
fn named_counts(names: &Strs, counts: &[u32], limit: usize) -> Vec<NameCount> {
    top(numbered(counts), limit, |id| id)
        .into_iter()
        .map(|(id, n)| NameCount {
            name: names.get(id as usize).to_string(),
            articles: n as usize,
        })
        .collect()
}
