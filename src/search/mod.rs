//! Search: turns a user's query and filters into a tantivy query, ranks, and shapes the hits.
//!
//! [`Searcher`] is the one way the command line (`newsdex search`, `newsdex people`) and the web
//! server reach an index: [`Searcher::search`] for ranked hits with snippets and facets,
//! [`Searcher::people`] for who is named (or named alongside someone), [`Searcher::article`] for
//! one whole article with its people's mentions. Requests keep values as typed
//! ([`SearchRequest`], [`PeopleRequest`], [`Filters`]); every mistake in them is a usage error
//! (exit 2, HTTP 400) whose message says what to fix.
//!
//! ```text
//! query text ──▶ query (syntax, people expansion) ─┐
//! filters ──▶ query (persons, source, dates) ──────┴▶ collect (every match) ──▶ collapse (one per
//! duplicate group) ──▶ page of hits + snippet ; facets / people counts over all groups
//! ```

mod catalog;
mod collect;
pub(crate) mod dates;
pub(crate) mod names;
pub mod print;
mod query;
mod request;
mod results;
mod snippet;

/// Small real-article indexes for the tests of this crate and of its integration tests.
#[doc(hidden)]
pub mod fixtures;

use std::path::Path;
use std::time::Instant;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::article::Date;
use crate::error::{Error, Result};
use crate::index::schema::{Fields, register_tokenizers};
use crate::search::catalog::{Cache, Catalog, Facet};
use crate::search::collect::{MatchCollector, Ranked, collapse, count, count_people, page, top};
use crate::search::query::{QueryBuilder, filtered};

pub use crate::search::dates::DateRange;
pub use crate::search::request::{Filters, PeopleRequest, SearchRequest, Sort};
pub use crate::search::results::{
    ArticleView, EntityMentions, Facets, Hit, MentionSpan, MonthCount, NameCount, PeopleResults,
    SearchResults,
};
pub use crate::search::snippet::{Snippet, escape_html};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 200;
/// How much of a body is searched for the snippet's passage, in bytes: matches past it are not
/// shown (the snippet is then the body's beginning), which keeps long articles cheap.
const SNIPPET_SCAN_BYTES: usize = 3_000;
/// Most copies listed for one article.
const MAX_COPIES_LISTED: usize = 100;

/// An open index, ready to search. It follows the index: when an indexer commits, the next search
/// sees the new articles. Share one `Searcher` between threads (it is `Send + Sync`).
pub struct Searcher {
    reader: IndexReader,
    fields: Fields,
    queries: QueryBuilder,
    cache: Cache,
}

impl Searcher {
    /// Opens the index in `dir` ([`crate::index::open`]). Fails with a usage error naming the fix
    /// when `dir` holds no index or an index this newsdex did not build.
    pub fn open(dir: &Path) -> Result<Searcher> {
        Searcher::new(crate::index::open(dir)?)
    }

    /// Searches `index` (its tokenizers are registered here). Fails with a usage error if the
    /// index's schema is not newsdex's.
    pub fn new(index: Index) -> Result<Searcher> {
        let fields = Fields::from_schema(&index.schema())
            .ok_or_else(|| Error::usage("the index was not built by newsdex"))?;
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Searcher {
            queries: QueryBuilder::new(&index, &fields),
            reader,
            fields,
            cache: Cache::default(),
        })
    }

    /// Makes the next search see the index's last commit now, without waiting for the reload that
    /// follows every commit.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Number of articles in the index, copies included.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a search: every article matching the query and filters, one per duplicate group unless
    /// `all_copies`, ordered by `sort`, and the page `offset..offset + limit` of them as hits with
    /// snippets; facets over all matches if asked. Fails with a usage error for a query that does
    /// not parse, an unknown or ambiguous person, an unknown source or a bad date.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let catalog = self.cache.get(&searcher)?;
        let text = self.queries.text_query(&request.query, &catalog)?;
        let filters = self.queries.filters(&request.filters, &catalog)?;
        let query = filtered(text.box_clone(), filters);
        let matches = searcher.search(
            &*query,
            &MatchCollector {
                catalog: catalog.clone(),
            },
        )?;
        let mut collapsed = collapse(matches, request.sort, catalog.groups);
        let mut all;
        let list = if request.all_copies {
            all = collapsed.all();
            &mut all
        } else {
            &mut collapsed.groups
        };
        let total = list.len();
        let mut body_terms = false;
        text.query_terms(&mut |term, _| body_terms |= term.field() == self.fields.body);
        let snippets = match body_terms {
            true => {
                let mut s = SnippetGenerator::create(&searcher, &*text, self.fields.body)?;
                s.set_max_num_chars(SNIPPET_CHARS);
                Some(s)
            }
            false => None,
        };
        let hits = page(list, request.sort, request.offset, request.limit)
            .iter()
            .enumerate()
            .map(|(i, r)| {
                self.hit(
                    &searcher,
                    &catalog,
                    r,
                    request.offset + i + 1,
                    snippets.as_ref(),
                )
            })
            .collect::<Result<Vec<Hit>>>()?;
        let facets = request
            .facets
            .then(|| facets(&catalog, &collapsed.groups, request.facet_limit));
        Ok(SearchResults {
            total,
            articles: collapsed.articles(),
            took: started.elapsed(),
            hits,
            facets,
        })
    }

    /// Lists the people named in the articles matching the request's query and filters (every
    /// article without either), with the number of articles naming each, most first; with `with`,
    /// only in articles that also name that person, who is left out of the list. A duplicate
    /// group counts once. Fails with a usage error as [`Searcher::search`] does.
    pub fn people(&self, request: &PeopleRequest) -> Result<PeopleResults> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let catalog = self.cache.get(&searcher)?;
        let text = self
            .queries
            .text_query(request.query.as_deref().unwrap_or(""), &catalog)?;
        let mut filters = self.queries.filters(&request.filters, &catalog)?;
        let with = match &request.with {
            Some(typed) => {
                let ids = self.queries.person(typed, &catalog)?;
                filters.push(self.queries.persons_query(&ids, &catalog));
                ids
            }
            None => Vec::new(),
        };
        let matches = searcher.search(
            &*filtered(text, filters),
            &MatchCollector {
                catalog: catalog.clone(),
            },
        )?;
        let groups = collapse(matches, Sort::Relevance, catalog.groups).groups;
        let mut counts = count_people(&catalog, &groups);
        for &id in &with {
            if let Some(n) = counts.get_mut(catalog.names().person_of(id) as usize) {
                *n = 0;
            }
        }
        Ok(PeopleResults {
            articles: groups.len(),
            with: with
                .iter()
                .map(|&id| catalog.persons[id as usize].clone())
                .collect(),
            people: people_counts(&catalog, &counts, request.limit),
            took: started.elapsed(),
        })
    }

    /// Returns the article with id `id` (16 hex digits, as hits give it), or None when the index
    /// has no such article.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>> {
        let searcher = self.reader.searcher();
        let Some(address) = self
            .find(&searcher, Term::from_field_text(self.fields.id, id))?
            .first()
            .copied()
        else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let f = &self.fields;
        let stored = Stored::read(&doc, f);
        let mut copies = Vec::new();
        for a in self
            .find(&searcher, Term::from_field_text(f.group, &stored.group))?
            .into_iter()
            .filter(|a| *a != address)
            .take(MAX_COPIES_LISTED)
        {
            copies.push(text(&searcher.doc::<TantivyDocument>(a)?, f.id));
        }
        copies.sort();
        let entities: StoredEntities =
            serde_json::from_str(&text(&doc, f.entities)).unwrap_or_default();
        let checked = |list: Vec<EntityMentions>| -> Vec<EntityMentions> {
            list.into_iter()
                .map(|mut e| {
                    e.mentions.retain(|m| {
                        let within = if m.in_headline {
                            &stored.title
                        } else {
                            &stored.body
                        };
                        m.start < m.end && within.get(m.start..m.end).is_some()
                    });
                    e
                })
                .collect()
        };
        let (people, organisations, places) = (
            checked(entities.people),
            checked(entities.organisations),
            checked(entities.places),
        );
        Ok(Some(ArticleView {
            authors: all(&doc, f.authors),
            people,
            organisations,
            places,
            copies,
            id: stored.id,
            title: stored.title,
            body: stored.body,
            date: stored.date,
            source: stored.source,
            url: stored.url,
            path: stored.path,
            group: stored.group,
        }))
    }

    /// Addresses of the live articles holding `term`, in index order.
    fn find(&self, searcher: &tantivy::Searcher, term: Term) -> Result<Vec<DocAddress>> {
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let mut found: Vec<DocAddress> = searcher
            .search(&query, &DocSetCollector)?
            .into_iter()
            .collect();
        found.sort();
        Ok(found)
    }

    /// One hit: the article's stored fields, a snippet, and the people it names under the names
    /// the archive shows for them ([`Catalog::shown_name`]), each once.
    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        catalog: &Catalog,
        ranked: &Ranked,
        rank: usize,
        snippets: Option<&SnippetGenerator>,
    ) -> Result<Hit> {
        let doc: TantivyDocument = searcher.doc(ranked.m.address)?;
        let stored = Stored::read(&doc, &self.fields);
        let snippet = match snippets {
            Some(generator) => {
                let head = prefix(&stored.body, SNIPPET_SCAN_BYTES);
                Snippet::from_passage(&generator.snippet(head), head, SNIPPET_CHARS)
            }
            None => Snippet::lead(&stored.body, SNIPPET_CHARS),
        };
        Ok(Hit {
            rank,
            score: ranked.m.score,
            people: {
                let mut people: Vec<String> = Vec::new();
                for name in all(&doc, self.fields.people) {
                    let shown = catalog.shown_name(&name);
                    if !people.iter().any(|p| p == shown) {
                        people.push(shown.to_string());
                    }
                }
                people
            },
            snippet,
            copies: ranked.copies,
            id: stored.id,
            title: stored.title,
            date: stored.date,
            source: stored.source,
            url: stored.url,
            path: stored.path,
            group: stored.group,
        })
    }
}

/// The facets of `groups`: top `limit` people and sources, and every month.
fn facets(catalog: &Catalog, groups: &[Ranked], limit: usize) -> Facets {
    let people = count_people(catalog, groups);
    let sources = count(catalog, groups, Facet::Source);
    let months = count(catalog, groups, Facet::Month);
    Facets {
        people: people_counts(catalog, &people, limit),
        sources: named_counts(&catalog.sources, &sources, limit),
        months: months
            .iter()
            .zip(&catalog.months)
            .filter(|(n, _)| **n > 0)
            .map(|(&n, month)| MonthCount {
                month: month.clone(),
                articles: n as usize,
            })
            .collect(),
    }
}

/// The `limit` people with the highest `counts` (by person), each under the name to show for them
/// (their most frequent full name).
///
/// A bare surname that stays a person of its own because several people have it ("Obama" beside
/// "Barack Obama" and "Michelle Obama") is not listed: as a filter it is ambiguous, so a listed name
/// is always one a filter accepts.
fn people_counts(catalog: &Catalog, counts: &[u32], limit: usize) -> Vec<NameCount> {
    let names = catalog.names();
    let shown = |person: usize| catalog.persons[names.names_of(person as u32)[0] as usize].as_str();
    let counts: Vec<u32> = counts
        .iter()
        .enumerate()
        .map(|(person, &n)| {
            let ambiguous = n > 0
                && !shown(person).contains(' ')
                && matches!(
                    names.resolve(shown(person)),
                    names::Resolution::Ambiguous(_)
                );
            if ambiguous { 0 } else { n }
        })
        .collect();
    top(&counts, limit, |person| names.rank(person))
        .into_iter()
        .map(|(person, n)| NameCount {
            name: catalog.persons[names.names_of(person)[0] as usize].clone(),
            articles: n as usize,
        })
        .collect()
}

/// The `limit` `names` (sorted) with the highest `counts`.
fn named_counts(names: &[String], counts: &[u32], limit: usize) -> Vec<NameCount> {
    top(counts, limit, |id| id)
        .into_iter()
        .map(|(id, n)| NameCount {
            name: names[id as usize].clone(),
            articles: n as usize,
        })
        .collect()
}

/// The stored fields hits and articles share.
struct Stored {
    id: String,
    title: String,
    body: String,
    date: Option<Date>,
    source: Option<String>,
    url: Option<String>,
    path: String,
    group: String,
}

impl Stored {
    fn read(doc: &TantivyDocument, f: &Fields) -> Stored {
        Stored {
            id: text(doc, f.id),
            title: text(doc, f.title),
            body: text(doc, f.body),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .map(|d| Date::from_timestamp(d.into_timestamp_secs())),
            source: optional(doc, f.source),
            url: optional(doc, f.url),
            path: text(doc, f.path),
            group: text(doc, f.group),
        }
    }
}

/// The `entities` field as the indexer stores it.
#[derive(Default, serde::Deserialize)]
struct StoredEntities {
    #[serde(default)]
    people: Vec<EntityMentions>,
    #[serde(default)]
    organisations: Vec<EntityMentions>,
    #[serde(default)]
    places: Vec<EntityMentions>,
}

/// The longest beginning of `text` of at most `max` bytes that ends on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn optional(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    optional(doc, field).unwrap_or_default()
}

fn all(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fixtures::{self, Fixture};
    use super::*;

    fn searcher() -> Searcher {
        Searcher::new(fixtures::in_ram(&fixtures::articles()).unwrap()).unwrap()
    }

    fn request(query: &str, change: impl FnOnce(&mut SearchRequest)) -> SearchRequest {
        let mut request = SearchRequest {
            query: query.to_string(),
            ..SearchRequest::default()
        };
        change(&mut request);
        request
    }

    fn search(s: &Searcher, query: &str, change: impl FnOnce(&mut SearchRequest)) -> SearchResults {
        s.search(&request(query, change)).unwrap()
    }

    /// The message of the usage error the search fails with.
    fn usage_error(s: &Searcher, query: &str, change: impl FnOnce(&mut SearchRequest)) -> String {
        let err = s.search(&request(query, change)).unwrap_err();
        assert_eq!(err.code(), Error::USAGE, "{err}");
        err.to_string()
    }

    fn paths(results: &SearchResults) -> Vec<&str> {
        results.hits.iter().map(|h| h.path.as_str()).collect()
    }

    fn persons(names: &[&str]) -> Filters {
        Filters {
            persons: names.iter().map(|s| s.to_string()).collect(),
            ..Filters::default()
        }
    }

    const SEED: &str = "corpus/kuala-lumpur-ukraine-diplomacy.txt";

    #[test]
    fn searcher_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Searcher>();
    }

    #[test]
    fn rubio_lavrov_finds_the_seed_article_first_with_its_people_and_highlights() {
        let r = search(&searcher(), "Rubio Lavrov", |_| {});
        assert_eq!(paths(&r), [SEED]);
        let hit = &r.hits[0];
        assert_eq!(hit.rank, 1);
        assert!(
            hit.title.starts_with("Kuala Lumpur, Malaysia"),
            "{}",
            hit.title
        );
        assert!(hit.people.contains(&"Sergey Lavrov".to_string()));
        let marked: Vec<&str> = hit
            .snippet
            .highlights()
            .iter()
            .map(|r| &hit.snippet.text()[r.clone()])
            .collect();
        assert!(
            marked.contains(&"Rubio") && marked.contains(&"Lavrov"),
            "{marked:?}"
        );
        assert!(hit.snippet.to_html().contains("<b>Lavrov</b>"));
    }

    #[test]
    fn all_words_are_required_and_the_syntax_works() {
        let s = searcher();
        assert_eq!(search(&s, "Bernanke Putin", |_| {}).total, 0);
        let either = search(&s, "Bernanke OR Putin", |_| {});
        assert_eq!(either.total, 6, "{:?}", paths(&either));
        let not = search(&s, "Putin -Lavrov", |_| {});
        assert_eq!(not.total, 2);
        assert!(!paths(&not).contains(&SEED));
        let phrase = search(&s, r#""Ukraine diplomacy""#, |_| {});
        assert_eq!(paths(&phrase), [SEED]);
        let fielded = search(&s, "people:zhukov", |_| {});
        assert_eq!(paths(&fielded), ["wikinews/ID141288.json"]);
        // Stemming and accent folding: "Sergéy" and "recessions" find the plain forms.
        assert_eq!(paths(&search(&s, "Sergéy Ryabkov", |_| {})), [SEED]);
        assert_eq!(search(&s, "recessions", |_| {}).total, 3);
    }

    #[test]
    fn a_surname_finds_the_person_however_the_article_names_them() {
        let s = searcher();
        let r = search(&s, "Lavrov", |_| {});
        assert_eq!(paths(&r), [SEED]);
        let full = search(&s, "Sergey Lavrov", |_| {});
        assert_eq!(paths(&full), [SEED]);
        // "Chancellor Brown" and "Scott Brown": both people named Brown.
        assert_eq!(search(&s, "Brown", |_| {}).total, 2);
    }

    #[test]
    fn star_matches_every_article_so_filters_work_alone() {
        let s = searcher();
        let all = search(&s, "*", |r| r.limit = 100);
        assert_eq!((all.total, all.articles), (11, 13));
        let empty = search(&s, "  ", |_| {});
        assert_eq!(empty.total, 11);
        let lavrov = search(&s, "*", |r| r.filters = persons(&["Sergey Lavrov"]));
        assert_eq!(paths(&lavrov), [SEED]);
    }

    #[test]
    fn person_filters_take_names_or_unique_surnames_and_all_must_match() {
        let s = searcher();
        let by_surname = search(&s, "*", |r| r.filters = persons(&["bernanke"]));
        assert_eq!((by_surname.total, by_surname.articles), (3, 5));
        let both = search(&s, "*", |r| {
            r.filters = persons(&["Vladimir Putin", "Hu Jintao"])
        });
        assert_eq!(paths(&both), ["wikinews/ID141288.json"]);
        let accents = search(&s, "*", |r| r.filters = persons(&["SERGÉY lavrov"]));
        assert_eq!(paths(&accents), [SEED]);
        for hit in search(&s, "*", |r| r.filters = persons(&["Putin"])).hits {
            assert!(
                hit.people.contains(&"Vladimir Putin".to_string()),
                "{}",
                hit.path
            );
        }
    }

    #[test]
    fn ambiguous_and_unknown_people_are_usage_errors_that_help() {
        let s = searcher();
        let person = |name: &str| usage_error(&s, "*", |r| r.filters = persons(&[name]));
        let ambiguous = person("Brown");
        assert!(
            ambiguous.contains("Gordon Brown (1)") && ambiguous.contains("Scott Brown (1)"),
            "{ambiguous}"
        );
        let unknown = person("Sergey");
        assert!(
            unknown.contains("Sergey Lavrov") && unknown.contains("Sergey Ryabkov"),
            "{unknown}"
        );
        let nobody = person("Angela Merkel");
        assert!(nobody.contains("newsdex people"), "{nobody}");
        for message in [ambiguous, unknown, nobody] {
            assert!(!message.contains('\n'), "{message}");
        }
    }

    #[test]
    fn source_and_dates_filter_inclusively() {
        let s = searcher();
        let wire = search(&s, "*", |r| r.filters.source = Some("WIRE COPY".into()));
        assert_eq!((wire.total, wire.articles), (1, 2));
        let wikinews = search(&s, "Bernanke", |r| {
            r.filters.source = Some("wikinews".into())
        });
        assert_eq!((wikinews.total, wikinews.articles), (3, 3));
        let unknown = usage_error(&s, "*", |r| r.filters.source = Some("Reuters".into()));
        assert!(unknown.contains("Wikinews"), "{unknown}");

        let dated = |since: &str, until: &str| {
            search(&s, "*", |r| {
                r.filters.since = Some(since.into());
                r.filters.until = Some(until.into());
                r.limit = 100;
            })
        };
        let q1 = dated("2009", "2009-03");
        assert_eq!(q1.total, 2, "{:?}", paths(&q1));
        let day = dated("2009-03-16", "2009-03-16");
        assert_eq!((day.total, day.articles), (1, 3));
        assert!(
            !paths(&dated("1000", "9999")).contains(&SEED),
            "undated articles never pass"
        );
        let bad = usage_error(&s, "*", |r| r.filters.until = Some("2009-02-30".into()));
        assert!(bad.contains("--until"), "{bad}");
    }

    #[test]
    fn date_order_puts_the_newest_first_and_undated_last() {
        let r = search(&searcher(), "*", |r| {
            r.sort = Sort::Date;
            r.limit = 100;
        });
        let dates: Vec<Option<Date>> = r.hits.iter().map(|h| h.date).collect();
        assert_eq!(dates[0].unwrap().to_string(), "2010-07-01");
        assert_eq!(r.hits.last().unwrap().path, SEED);
        assert!(dates.windows(2).all(|w| w[0] >= w[1] || w[1].is_none()));
    }

    #[test]
    fn copies_show_once_unless_all_copies_are_asked_for() {
        let s = searcher();
        let r = search(&s, "television interview", |_| {});
        assert_eq!((r.total, r.articles), (1, 3));
        assert_eq!(r.hits[0].copies, 2);
        let all = search(&s, "television interview", |r| r.all_copies = true);
        assert_eq!(all.total, 3);
        assert!(
            all.hits
                .iter()
                .all(|h| h.copies == 2 && h.group == r.hits[0].group)
        );
        assert_eq!(
            all.hits.iter().map(|h| h.rank).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }

    #[test]
    fn pages_rank_from_the_offset() {
        let s = searcher();
        let all = search(&s, "*", |r| r.limit = 100);
        let page = search(&s, "*", |r| {
            r.offset = 4;
            r.limit = 3;
        });
        assert_eq!(page.total, 11);
        assert_eq!(
            page.hits.iter().map(|h| h.rank).collect::<Vec<_>>(),
            [5, 6, 7]
        );
        assert_eq!(paths(&page), paths(&all)[4..7]);
        assert!(search(&s, "*", |r| r.offset = 50).hits.is_empty());
    }

    #[test]
    fn facets_count_all_matches_once_per_group_not_only_the_page() {
        let r = search(&searcher(), "*", |r| {
            r.limit = 1;
            r.facets = true;
        });
        assert_eq!(r.hits.len(), 1);
        let facets = r.facets.unwrap();
        let people: Vec<(&str, usize)> = facets
            .people
            .iter()
            .map(|p| (p.name.as_str(), p.articles))
            .take(2)
            .collect();
        assert_eq!(people, [("Ben Bernanke", 3), ("Vladimir Putin", 3)]);
        assert_eq!(facets.people.len(), 20);
        assert_eq!(facets.sources[0].name, "Wikinews");
        assert_eq!(facets.sources[0].articles, 10);
        let march = facets.months.iter().find(|m| m.month == "2009-03").unwrap();
        assert_eq!(march.articles, 1);
        assert_eq!(facets.months.first().unwrap().month, "2005-02");
        let total: usize = facets.months.iter().map(|m| m.articles).sum();
        assert_eq!(total, 10, "the seed article has no date");
    }

    #[test]
    fn spellings_of_one_person_count_once_and_filter_alike() {
        // As if the recogniser had named Bernanke by his surname only in one article.
        let mut articles = fixtures::articles();
        let stocks = articles
            .iter_mut()
            .find(|f| f.path.ends_with("ID131162.json"))
            .unwrap();
        stocks.people[0] = "Bernanke".to_string();
        let s = Searcher::new(fixtures::in_ram(&articles).unwrap()).unwrap();
        let facets = search(&s, "*", |r| r.facets = true).facets.unwrap();
        let bernanke: Vec<&NameCount> = facets
            .people
            .iter()
            .filter(|p| p.name.contains("Bernanke"))
            .collect();
        assert_eq!(bernanke.len(), 1, "{bernanke:?}");
        assert_eq!(
            (bernanke[0].name.as_str(), bernanke[0].articles),
            ("Ben Bernanke", 3)
        );
        for typed in ["Ben Bernanke", "Bernanke", "ben bernanke"] {
            let r = search(&s, "*", |r| r.filters = persons(&[typed]));
            assert_eq!(r.total, 3, "{typed}");
            // Every hit shows him under one name, the one the filter and the lists use.
            for hit in &r.hits {
                assert!(
                    hit.people.contains(&"Ben Bernanke".to_string()),
                    "{:?}",
                    hit.people
                );
                assert!(
                    !hit.people.contains(&"Bernanke".to_string()),
                    "{:?}",
                    hit.people
                );
            }
        }
        let everyone = s
            .people(&PeopleRequest {
                limit: 100,
                ..PeopleRequest::default()
            })
            .unwrap();
        assert_eq!(everyone.people[0].name, "Ben Bernanke");
        assert_eq!(everyone.people[0].articles, 3);
    }

    #[test]
    fn people_lists_count_groups_and_co_occurrence() {
        let s = searcher();
        let people = |change: &dyn Fn(&mut PeopleRequest)| {
            let mut request = PeopleRequest {
                limit: 50,
                ..PeopleRequest::default()
            };
            change(&mut request);
            s.people(&request)
        };
        let everyone = people(&|r| r.limit = 3).unwrap();
        assert_eq!(everyone.articles, 11);
        assert_eq!(everyone.people.len(), 3);
        assert_eq!(everyone.people[0].name, "Ben Bernanke");
        assert_eq!(everyone.people[0].articles, 3);

        let with = people(&|r| r.with = Some("Putin".into())).unwrap();
        assert_eq!(with.with, ["Vladimir Putin"]);
        assert_eq!(with.articles, 3);
        let names: Vec<&str> = with.people.iter().map(|p| p.name.as_str()).collect();
        assert!(!names.contains(&"Vladimir Putin"));
        assert!(
            names.contains(&"Marco Rubio") && names.contains(&"Hu Jintao"),
            "{names:?}"
        );
        assert!(!names.contains(&"Ben Bernanke"));

        let query = people(&|r| r.query = Some("tariffs".into())).unwrap();
        assert_eq!(query.articles, 1);
        assert_eq!(query.people.len(), 6);

        let err = people(&|r| r.with = Some("Brown".into())).unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
    }

    #[test]
    fn articles_come_whole_with_mention_offsets() {
        let s = searcher();
        let seed = Fixture::id(&fixtures::articles()[0]);
        let article = s.article(&seed).unwrap().unwrap();
        assert_eq!(article.path, SEED);
        assert_eq!(article.source.as_deref(), Some("RastriyaSamachar24x7"));
        let lavrov = article
            .people
            .iter()
            .find(|p| p.name == "Sergey Lavrov")
            .unwrap();
        let forms: Vec<&str> = lavrov
            .mentions
            .iter()
            .map(|m| &article.body[m.start..m.end])
            .collect();
        assert_eq!(forms, ["Sergey Lavrov", "Lavrov"]);
        assert!(s.article("0000000000000000").unwrap().is_none());

        let copy = fixtures::articles()
            .iter()
            .find(|f| f.copy_of.is_some())
            .unwrap()
            .id();
        let copied = s.article(&copy).unwrap().unwrap();
        assert_eq!(copied.copies.len(), 2);
        assert!(!copied.copies.contains(&copy));
    }

    #[test]
    fn bad_queries_are_one_line_usage_errors() {
        let s = searcher();
        let query = |q: &str| usage_error(&s, q, |_| {});
        for q in [r#""unclosed phrase"#, "(Rubio Lavrov", "nosuchfield:x"] {
            let message = query(q);
            assert!(!message.contains('\n'), "{message}");
            assert!(message.contains(q), "{message}");
        }
        assert!(query("nosuchfield:x").contains("title"));
        assert!(query(&"(".repeat(500)).contains("nests"));
        assert!(query(&"word ".repeat(1000)).contains("bytes"));
    }

    #[test]
    fn an_empty_index_answers_with_nothing() {
        let s = Searcher::new(fixtures::in_ram(&[]).unwrap()).unwrap();
        let r = search(&s, "Rubio", |r| r.facets = true);
        assert_eq!((r.total, r.hits.len()), (0, 0));
        assert_eq!(r.facets.unwrap(), Facets::default());
        assert!(
            s.people(&PeopleRequest::default())
                .unwrap()
                .people
                .is_empty()
        );
        assert!(usage_error(&s, "*", |r| r.filters = persons(&["Lavrov"])).contains("no person"));
    }

    #[test]
    fn a_missing_or_foreign_index_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Searcher::open(&dir.path().join("index")).err().unwrap();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("newsdex index"), "{err}");

        let mut b = tantivy::schema::Schema::builder();
        b.add_text_field("text", tantivy::schema::TEXT);
        Index::create_in_dir(dir.path(), b.build()).unwrap();
        let err = Searcher::open(dir.path()).err().unwrap();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("newsdex index"), "{err}");
    }

    #[test]
    fn new_commits_are_seen_without_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let articles = fixtures::articles();
        let index = fixtures::in_dir(dir.path(), &articles[..3]).unwrap();
        let s = Searcher::open(dir.path()).unwrap();
        assert_eq!(search(&s, "Bernanke", |_| {}).total, 0);
        fixtures::add(&index, &articles[3..]).unwrap();
        // The reader reloads on its own shortly after the commit; wait for it (bounded).
        let deadline = Instant::now() + std::time::Duration::from_secs(30);
        while search(&s, "Bernanke", |_| {}).total == 0 && Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert_eq!(search(&s, "Bernanke", |_| {}).total, 3);
        // The catalog follows: the new people are known to filters.
        assert_eq!(
            search(&s, "*", |r| r.filters = persons(&["Bernanke"])).total,
            3
        );
    }
}
