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
//! filters ──▶ query (persons, source, dates) ──────┤
//!   ├─ facets or people asked: collect (every match) ──▶ collapse (one per duplicate group)
//!   │      ──▶ page of hits + snippet ; facets / people counts over all groups
//!   └─ a page only: top (count every match, keep the best groups) ──▶ page of hits + snippet
//! ```

mod answers;
mod catalog;
mod collect;
pub(crate) mod dates;
mod engine;
pub mod facets;
pub mod print;
pub mod query;
mod request;
mod results;
mod snippet;
pub(crate) mod stored;
mod top;

/// Small real-article indexes for the tests of this crate and of its integration tests.
#[doc(hidden)]
pub mod fixtures;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use tantivy::collector::DocSetCollector;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::schema::{Fields, register_tokenizers};
use crate::index::tables::Opened;
use crate::search::answers::Answers;
use crate::search::catalog::{Cache, Catalog};
use crate::search::collect::{MatchCollector, Ranked, Scratch, collapse, count_people, page};
use crate::search::facets::{everything_facets, facets, people_counts};
use crate::search::query::{QueryBuilder, filtered, is_everything};
use crate::search::stored::{Stored, StoredEntities, all, prefix, text};
use crate::search::top::{TopCollector, copies};

pub use crate::search::answers::CAPACITY as ANSWERS_KEPT;
pub use crate::search::dates::DateRange;
pub use crate::search::engine::Engine;
pub use crate::search::request::{Filters, PeopleRequest, SearchRequest, Sort};
pub use crate::search::results::{
    ArticleView, EntityMentions, Facets, Hit, MentionSpan, MonthCount, NameCount, PeopleResults,
    SearchResults,
};
pub use crate::search::snippet::{Snippet, escape_html};

/// Longest snippet, in characters.
pub(crate) const SNIPPET_CHARS: usize = 200;
/// How much of a body is searched for the snippet's passage, in bytes: matches past it are not
/// shown (the snippet is then the body's beginning), which keeps long articles cheap.
const SNIPPET_SCAN_BYTES: usize = 3_000;
/// Most copies listed for one article.
pub(crate) const MAX_COPIES_LISTED: usize = 100;

/// An open index, ready to search. It follows the index: when an indexer commits, the next search
/// sees the new articles. Share one `Searcher` between threads (it is `Send + Sync`).
pub struct Searcher {
    reader: IndexReader,
    fields: Fields,
    queries: QueryBuilder,
    cache: Cache,
    /// Answers kept for identical requests, when asked to ([`Searcher::remember_answers`]).
    search_answers: Answers<SearchRequest, SearchResults>,
    people_answers: Answers<PeopleRequest, PeopleResults>,
    /// Buffers reused by one query after another.
    scratch: Arc<Scratch>,
    /// Most matches a page without facets notes with their group ([`top::NOTED`]).
    noted: usize,
}

impl Searcher {
    /// Opens the index in `dir` ([`crate::index::open`]). Fails with a usage error naming the fix
    /// when `dir` holds no index or an index this newsdex did not build.
    pub fn open(dir: &Path) -> Result<Searcher> {
        Searcher::in_folder(crate::index::open(dir)?, dir)
    }

    /// Searches `index`, whose folder is `dir`: search tables it has to build for a commit
    /// ([`crate::index::tables`]) are saved there for the next process. Fails with a usage error if
    /// the index's schema is not newsdex's.
    pub fn in_folder(index: Index, dir: &Path) -> Result<Searcher> {
        Searcher::with(index, Some(dir.to_path_buf()))
    }

    /// Searches `index` (its tokenizers are registered here), which is in no folder (or whose
    /// folder is not to be written): tables it has to build are kept in memory only. Fails with a
    /// usage error if the index's schema is not newsdex's.
    pub fn new(index: Index) -> Result<Searcher> {
        Searcher::with(index, None)
    }

    fn with(index: Index, dir: Option<PathBuf>) -> Result<Searcher> {
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
            cache: Cache::new(dir),
            search_answers: Answers::default(),
            people_answers: Answers::default(),
            scratch: Arc::default(),
            noted: top::NOTED,
        })
    }

    /// Keeps the answers to the newest `capacity` requests of each kind (0: none) and answers an
    /// identical request on the same commit from memory: for a server, whose users ask the same
    /// things. A commit empties the memory.
    pub fn remember_answers(mut self, capacity: usize) -> Searcher {
        self.search_answers.keep(capacity);
        self.people_answers.keep(capacity);
        self
    }

    /// Reads every article's duplicate group, date, people, source and month into memory when it
    /// opens a commit (a pass over the index: about a second per million articles), so that each
    /// search reads them from flat arrays rather than from the index's columns: for a long-running
    /// process that answers many searches, such as a server. Without it a search reads the values
    /// of the articles it matches only, which is what a one-search process wants.
    pub fn keep_values_in_memory(mut self) -> Searcher {
        self.cache.in_memory = true;
        self
    }

    /// Opens the search tables of the index's current commit now rather than at the first search.
    /// Returns a line to tell the user when they had to be built (an index written by an older
    /// newsdex, or a commit made by an indexing run under way or cut short): how long it took, and
    /// whether they were saved for later searches.
    pub fn prepare(&self) -> Result<Option<String>> {
        let (catalog, opened) = self.cache.get(&self.reader.searcher())?;
        Ok(match opened {
            Some(Opened::Built { took, saved }) => {
                let articles = crate::index::writer::thousands(catalog.tables.totals.articles);
                Some(match saved {
                    Ok(()) => format!(
                        "newsdex: this index had no search tables for its last commit (an older \
                         newsdex wrote it, or an indexing run is under way or was cut short): \
                         built them from its {articles} articles in {:.1} s and saved them; later \
                         searches of this commit start at once",
                        took.as_secs_f64()
                    ),
                    Err(why) => format!(
                        "newsdex: built this index's search tables from its {articles} articles in \
                         {:.1} s, but cannot save them ({why}): every search will build them \
                         again until `newsdex index` runs with write access",
                        took.as_secs_f64()
                    ),
                })
            }
            _ => None,
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
        let (catalog, _) = self.cache.get(&searcher)?;
        let compute = || self.search_in(request, &searcher, &catalog, started);
        let mut results = self
            .search_answers
            .answer(catalog.tables.key(), request, compute)?;
        results.took = started.elapsed();
        Ok(results)
    }

    /// [`Searcher::search`] on `searcher`, whose catalog is `catalog`.
    fn search_in(
        &self,
        request: &SearchRequest,
        searcher: &tantivy::Searcher,
        catalog: &Arc<Catalog>,
        started: Instant,
    ) -> Result<SearchResults> {
        let text = self.queries.text_query(&request.query, catalog)?;
        let filters = self.queries.filters(&request.filters, catalog)?;
        let everything = is_everything(&request.query) && filters.is_empty();
        let query = filtered(text.box_clone(), filters);
        let mut body_terms = false;
        text.query_terms(&mut |term, _| body_terms |= term.field() == self.fields.body);
        let snippets = match body_terms {
            true => {
                let mut s = SnippetGenerator::create(searcher, &*text, self.fields.body)?;
                s.set_max_num_chars(SNIPPET_CHARS);
                Some(s)
            }
            false => None,
        };
        let hits = |shown: &[Ranked]| {
            shown
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    self.hit(
                        searcher,
                        catalog,
                        r,
                        request.offset + i + 1,
                        snippets.as_ref(),
                    )
                })
                .collect::<Result<Vec<Hit>>>()
        };
        if !request.facets && !request.all_copies {
            // A page and its totals only: no need to keep every match.
            let top = TopCollector {
                catalog: catalog.clone(),
                scratch: self.scratch.clone(),
                sort: request.sort,
                n: request.offset.saturating_add(request.limit),
                noted: self.noted,
            }
            .top(searcher, &*query)?;
            let shown = top.best.get(request.offset..).unwrap_or_default();
            let known = top.copies.get(request.offset..).unwrap_or_default();
            let copies = copies(searcher, catalog, self.fields.group, &*query, shown, known)?;
            let shown: Vec<Ranked> = shown
                .iter()
                .zip(copies)
                .map(|(&m, copies)| Ranked { m, copies })
                .collect();
            return Ok(SearchResults {
                total: top.groups,
                articles: top.articles,
                took: started.elapsed(),
                hits: hits(&shown)?,
                facets: None,
            });
        }
        let matches = searcher.search(
            &*query,
            &MatchCollector {
                catalog: catalog.clone(),
                scratch: self.scratch.clone(),
            },
        )?;
        let mut collapsed = collapse(matches, request.sort, catalog.groups(), &self.scratch);
        let mut all;
        let list = if request.all_copies {
            all = collapsed.all();
            &mut all
        } else {
            &mut collapsed.groups
        };
        let total = list.len();
        let hits = hits(page(list, request.sort, request.offset, request.limit))?;
        let facets = request.facets.then(|| match everything {
            true => everything_facets(catalog, request.facet_limit),
            false => facets(
                catalog,
                &collapsed.groups,
                request.facet_limit,
                &self.scratch,
            ),
        });
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
        let (catalog, _) = self.cache.get(&searcher)?;
        let compute = || self.people_in(request, &searcher, &catalog, started);
        let mut results = self
            .people_answers
            .answer(catalog.tables.key(), request, compute)?;
        results.took = started.elapsed();
        Ok(results)
    }

    /// [`Searcher::people`] on `searcher`, whose catalog is `catalog`.
    fn people_in(
        &self,
        request: &PeopleRequest,
        searcher: &tantivy::Searcher,
        catalog: &Arc<Catalog>,
        started: Instant,
    ) -> Result<PeopleResults> {
        let query = request.query.as_deref().unwrap_or("");
        let text = self.queries.text_query(query, catalog)?;
        let mut filters = self.queries.filters(&request.filters, catalog)?;
        if is_everything(query) && filters.is_empty() && request.with.is_none() {
            // The whole archive: its counts are in the tables.
            let totals = &catalog.tables.totals;
            return Ok(PeopleResults {
                articles: totals.results as usize,
                with: Vec::new(),
                people: people_counts(
                    catalog,
                    totals.people.iter().enumerate().map(|(p, n)| (p as u32, n)),
                    request.limit,
                ),
                took: started.elapsed(),
            });
        }
        let with = match &request.with {
            Some(typed) => {
                let ids = self.queries.person(typed, catalog)?;
                filters.push(self.queries.persons_query(&ids, catalog));
                ids
            }
            None => Vec::new(),
        };
        let matches = searcher.search(
            &*filtered(text, filters),
            &MatchCollector {
                catalog: catalog.clone(),
                scratch: self.scratch.clone(),
            },
        )?;
        let mut collapsed = collapse(matches, Sort::Relevance, catalog.groups(), &self.scratch);
        let groups = std::mem::take(&mut collapsed.groups);
        let mut counts = count_people(catalog, &groups, &self.scratch);
        for &id in &with {
            counts.remove(catalog.names().person_of(id));
        }
        Ok(PeopleResults {
            articles: groups.len(),
            with: with
                .iter()
                .map(|&id| catalog.person(id).to_string())
                .collect(),
            people: people_counts(catalog, counts.nonzero(), request.limit),
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
        let mut entities =
            StoredEntities::parse(&text(&doc, f.entities)).within(&stored.title, &stored.body);
        // The people the archive says are people, as hits list them.
        let (catalog, _) = self.cache.get(&searcher)?;
        entities
            .people
            .retain(|p| catalog.shown_name(&p.name).is_some());
        Ok(Some(ArticleView {
            authors: all(&doc, f.authors),
            people: entities.people,
            organisations: entities.organisations,
            places: entities.places,
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
    /// the archive shows for them ([`Catalog::shown_name`]), each once; names the archive says are
    /// no person left out.
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
                    let Some(shown) = catalog.shown_name(&name) else {
                        continue;
                    };
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

#[cfg(test)]
mod tests {
    use super::fixtures::{self, Fixture};
    use super::*;
    use crate::article::Date;

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
    fn a_page_without_facets_is_the_page_of_every_match() {
        // Three segments, so copies of one article fall in different segments.
        let articles = fixtures::articles();
        let third = articles.len() / 3;
        let index = fixtures::in_ram(&articles[..third]).unwrap();
        fixtures::add(&index, &articles[third..2 * third]).unwrap();
        fixtures::add(&index, &articles[2 * third..]).unwrap();
        let mut noting = Searcher::new(index.clone()).unwrap();
        // Copies from the matches noted, and from look-ups.
        noting.noted = 0;
        let s = Searcher::new(index).unwrap();
        let shown = |r: &SearchResults| {
            let mut v = serde_json::to_value(r).unwrap();
            v.as_object_mut()
                .unwrap()
                .retain(|k, _| k != "took_ms" && k != "facets");
            v
        };
        let queries = [
            "*",
            "Rubio",
            "television interview",
            "said",
            "\"White House\"",
            "Obama OR Clinton",
            "bank -oil",
        ];
        for query in queries {
            for sort in [Sort::Relevance, Sort::Date] {
                for (offset, limit) in [(0, 10), (0, 1), (2, 5), (0, 1000), (4, 0), (500, 10)] {
                    let page = |s: &Searcher, facets: bool| {
                        search(s, query, |r| {
                            (r.sort, r.offset, r.limit, r.facets) = (sort, offset, limit, facets);
                        })
                    };
                    let full = shown(&page(&s, true));
                    assert_eq!(
                        shown(&page(&s, false)),
                        full,
                        "{query} {sort} {offset} {limit}"
                    );
                    let looked_up = shown(&page(&noting, false));
                    assert_eq!(looked_up, full, "{query} {sort} {offset} {limit}");
                }
            }
        }
        for s in [&s, &noting] {
            let r = search(s, "television interview", |_| {});
            assert_eq!((r.total, r.articles, r.hits[0].copies), (1, 3, 2));
        }
    }

    #[test]
    fn values_in_memory_give_the_answers_of_the_columns() {
        let index = fixtures::in_ram(&fixtures::articles()).unwrap();
        let columns = Searcher::new(index.clone()).unwrap();
        let memory = Searcher::new(index).unwrap().keep_values_in_memory();
        let json = |v: serde_json::Value| {
            let mut v = v;
            v.as_object_mut().unwrap().retain(|k, _| k != "took_ms");
            v
        };
        for query in ["*", "Bernanke", "said", "Obama OR Clinton"] {
            let facets = |s: &Searcher| {
                json(serde_json::to_value(search(s, query, |r| r.facets = true)).unwrap())
            };
            assert_eq!(facets(&columns), facets(&memory), "{query}");
            let people = |s: &Searcher| {
                let request = PeopleRequest {
                    query: Some(query.to_string()),
                    filters: Filters::default(),
                    with: None,
                    limit: 50,
                };
                json(serde_json::to_value(s.people(&request).unwrap()).unwrap())
            };
            assert_eq!(people(&columns), people(&memory), "{query}");
        }
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
    fn remembered_answers_are_the_answers_and_follow_commits() {
        let articles = fixtures::articles();
        let index = fixtures::in_ram(&articles[..3]).unwrap();
        let s = Searcher::new(index.clone())
            .unwrap()
            .remember_answers(ANSWERS_KEPT);
        let request = |q: &str| SearchRequest {
            query: q.to_string(),
            facets: true,
            ..SearchRequest::default()
        };
        let first = s.search(&request("*")).unwrap();
        let again = s.search(&request("*")).unwrap();
        assert_eq!(paths(&first), paths(&again));
        assert_eq!(first.facets, again.facets);
        let people = PeopleRequest::default();
        let before = s.people(&people).unwrap().people;
        fixtures::add(&index, &articles[3..]).unwrap();
        s.reload().unwrap();
        let after = s.search(&request("*")).unwrap();
        assert!(after.total > first.total, "{} {}", after.total, first.total);
        assert_ne!(s.people(&people).unwrap().people, before);
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
