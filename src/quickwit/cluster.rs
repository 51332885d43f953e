//! Searching an archive pushed to a Quickwit cluster ([`crate::quickwit::push`]): the same requests
//! and the same answers as a local index ([`crate::search::Engine`]), asked of the cluster through
//! its search API (`POST /api/v1/{index}/search`).
//!
//! - **Queries** are translated by [`crate::quickwit::query`], with the people-aware expansion of
//!   a local search; `--person` is an exact term on `people`, `--source` one on `source`, dates are
//!   the request's `start_timestamp` (inclusive) and `end_timestamp` (exclusive), seconds.
//! - **Who is who** comes from the cluster: a terms aggregation on `people` gives each canonical
//!   name, how many articles name it and, by `min` and `max` sub-aggregations on `date`, the
//!   first and last days of those articles, from which the same
//!   [`NameIndex`](crate::index::names::NameIndex) a local index has is built. It is fetched once
//!   per version of the index (its uid and published documents and splits, from `describe`), kept
//!   in the user's cache folder for the next command, and looked at again by a server at most
//!   every [`RECHECK`].
//! - **Duplicates** are collapsed here: hits come sorted by score (or date), the first of each
//!   `group` stands for it, and a terms aggregation on `group` counts the groups and each one's
//!   copies.
//! - **Facets and people lists** are terms aggregations on `people`, `source` and `month`, each
//!   spelling of a person added to the person's count.
//!
//! What differs from a local index is said in `docs/scale-out.md`: scores are not returned by
//! Quickwit's search API (hits carry 0), facet and people counts count articles rather than
//! duplicate groups, and a search matching more than [`GROUPS_COUNTED`] groups counts the rest as
//! single articles.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::index::names::Days;
use crate::index::verdict;
use crate::quickwit::client::Client;
use crate::quickwit::config::{TIMESTAMP, made_by_newsdex, mapping_difference};
use crate::quickwit::people_table::{PeopleTable, Tallies, cache_folder};
use crate::quickwit::query::{any_value, combined, quoted, user_query};
use crate::quickwit::search_api::{
    Answer, Query, bucket_days, buckets, date, from_html, strings, terms,
};
use crate::search::query::{is_everything, resolve_person, sources_named};
use crate::search::stored::StoredEntities;
use crate::search::{
    ArticleView, DateRange, Engine, Facets, Hit, MonthCount, NameCount, PeopleRequest,
    PeopleResults, SearchRequest, SearchResults, Snippet, Sort,
};

/// Most canonical names fetched for the people table (Quickwit answers at most 65,000 buckets a
/// request): the most named; a person beyond them is still found by full name, not by surname.
pub const PEOPLE_FETCHED: usize = 50_000;
/// Most duplicate groups a search counts exactly; beyond, each further match counts as a group.
pub const GROUPS_COUNTED: usize = 10_000;
/// Most hits Quickwit returns for one search, and the deepest offset it accepts.
const MAX_HITS: usize = 10_000;
/// Most sources fetched for the source filter.
const SOURCES_FETCHED: usize = 10_000;
/// How often a server looks whether the index changed (Quickwit commits every 10 s).
pub const RECHECK: Duration = Duration::from_secs(10);
/// An archive on a Quickwit cluster, ready to search.
pub struct Cluster {
    client: Client,
    index: String,
    /// The index's uid: a new one when the index is deleted and created again.
    uid: String,
    /// Folder of cached people tables; None to keep none.
    cache: Option<PathBuf>,
    table: Mutex<Option<(Arc<PeopleTable>, Instant)>>,
}

impl Cluster {
    /// Opens the archive in index `index` of the Quickwit node at `url`. Fails with a usage error
    /// for a URL that is not a Quickwit node, and with one line naming what differs for an index
    /// that is not newsdex's or a missing index.
    pub fn open(url: &str, index: &str) -> Result<Cluster> {
        crate::quickwit::push::check_index_id(index)?;
        let client = Client::new(url)?;
        client.check()?;
        let Some(meta) = client.index(index)? else {
            return Err(Error::failure(format!(
                "Quickwit at {} has no index {index}: push an archive to it first (newsdex push \
                 --quickwit {} --index {index} PATH…) or check the name",
                client.url(),
                client.url()
            )));
        };
        let mapping = meta
            .pointer("/index_config/doc_mapping")
            .cloned()
            .unwrap_or(Value::Null);
        if let Some(difference) = mapping_difference(&mapping) {
            if made_by_newsdex(&mapping) {
                return Err(Error::usage(format!(
                    "index {index} at {} was pushed by another version of newsdex \
                     ({difference}): delete it and push the archive again (newsdex push \
                     --quickwit {} --index {index} PATH…)",
                    client.url(),
                    client.url()
                )));
            }
            return Err(Error::usage(format!(
                "index {index} at {} is not a newsdex archive ({difference}): give the index \
                 newsdex push created",
                client.url()
            )));
        }
        let uid = meta
            .get("index_uid")
            .and_then(Value::as_str)
            .unwrap_or(index)
            .to_string();
        Ok(Cluster {
            client,
            index: index.to_string(),
            uid,
            cache: cache_folder(),
            table: Mutex::new(None),
        })
    }

    /// Keeps cached people tables in `dir` instead of the user's cache folder (None: keep none).
    pub fn with_cache(mut self, dir: Option<PathBuf>) -> Cluster {
        self.cache = dir;
        self
    }

    /// The version of the index: its uid, and its published documents and splits.
    fn version(&self) -> Result<String> {
        let d = self.client.describe(&self.index)?;
        let n = |key: &str| d.get(key).and_then(Value::as_u64).unwrap_or(0);
        Ok(format!(
            "{} {} {} {}",
            self.uid,
            n("num_published_docs"),
            n("num_published_splits"),
            n("size_published_splits")
        ))
    }

    /// The people table of the index as it is now: the one in memory when looked at less than
    /// [`RECHECK`] ago or still current, else the cached one of the current version, else fetched.
    fn table(&self) -> Result<Arc<PeopleTable>> {
        let mut held = self.table.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((table, checked)) = held.as_ref()
            && checked.elapsed() < RECHECK
        {
            return Ok(table.clone());
        }
        let version = self.version()?;
        let table = match held.take() {
            Some((table, _)) if table.version == version => table,
            _ => Arc::new(match self.cached(&version) {
                Some(table) => table,
                None => self.fetch(version)?,
            }),
        };
        *held = Some((table.clone(), Instant::now()));
        Ok(table)
    }

    /// The cache file of this index's people table, named by the index's uid (the same whichever
    /// node of the cluster answers, and new when the index is created again).
    fn cache_file(&self) -> Option<PathBuf> {
        let key = xxhash_rust::xxh3::xxh3_64(self.uid.as_bytes());
        Some(
            self.cache
                .as_ref()?
                .join(format!("quickwit-people-{key:016x}.bin")),
        )
    }

    /// The cached people table of `version`, if there is one.
    fn cached(&self, version: &str) -> Option<PeopleTable> {
        let bytes = std::fs::read(self.cache_file()?).ok()?;
        PeopleTable::decode(bytes).filter(|t| t.version == version)
    }

    /// Reads the people table from the cluster and caches it (a cache that cannot be written is
    /// no failure: the next command reads the table again).
    fn fetch(&self, version: String) -> Result<PeopleTable> {
        let counts = |field: &str, size: usize| -> Result<Vec<(String, u64)>> {
            let aggs = json!({ "names": terms(field, size) });
            let answer = self.run(&Query::counts("*".to_string(), DateRange::default(), &aggs))?;
            Ok(buckets(&answer.aggregations, "names").buckets)
        };
        // Each canonical name with the articles naming it and their first and last days.
        let mut names_agg = terms("people", PEOPLE_FETCHED);
        names_agg["aggs"] = json!({
            "first": { "min": { "field": TIMESTAMP } },
            "last": { "max": { "field": TIMESTAMP } },
        });
        let aggs = json!({ "names": names_agg });
        let answer = self.run(&Query::counts("*".to_string(), DateRange::default(), &aggs))?;
        let mut people = buckets(&answer.aggregations, "names").buckets;
        people.sort_unstable();
        let names: Vec<String> = people.iter().map(|(n, _)| n.clone()).collect();
        let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let articles: Vec<u32> = people.iter().map(|&(_, n)| count(n)).collect();
        let mut days = vec![Days::UNKNOWN; names.len()];
        for (name, d) in bucket_days(&answer.aggregations, "names") {
            if let Ok(id) = names.binary_search(&name) {
                days[id] = d;
            }
        }
        drop(answer);
        // The articles attesting each name ([`crate::ner::attest`]).
        let mut attested = vec![0u32; names.len()];
        for (name, n) in counts("attested", PEOPLE_FETCHED)? {
            if let Ok(id) = names.binary_search(&name) {
                attested[id] = count(n);
            }
        }
        // The same names tagged an organisation or a place, and the names companies' legal forms
        // follow (one request each: Quickwit answers at most 65,000 buckets a request).
        let mut otherwise = vec![0u32; names.len()];
        let mut companies = vec![0u32; names.len()];
        let mut other_names: Vec<(String, u32)> = Vec::new();
        for field in ["organisations", "places"] {
            for (name, n) in counts(field, PEOPLE_FETCHED)? {
                other_names.push((name.clone(), count(n)));
                if let Ok(id) = names.binary_search(&name) {
                    otherwise[id] = otherwise[id].saturating_add(count(n));
                }
                if field == "organisations" {
                    for company in verdict::company_names(&name) {
                        if let Ok(id) = names.binary_search_by(|p| p.as_str().cmp(company)) {
                            companies[id] = companies[id].saturating_add(count(n));
                        }
                    }
                }
            }
        }
        let mut sources: Vec<String> = counts("source", SOURCES_FETCHED)?
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        sources.sort_unstable();
        // The articles naming an organisation or a place by each head word.
        let other_heads = verdict::heads(other_names.iter().map(|(n, a)| (n.as_str(), *a)));
        drop(other_names);
        let tallies = Tallies {
            articles,
            days,
            attested,
            otherwise,
            companies,
            other_heads,
        };
        let table = PeopleTable::new(version, &names, tallies, sources);
        if let Some(file) = self.cache_file() {
            let _ = std::fs::create_dir_all(file.parent().unwrap_or(&file))
                .and_then(|_| std::fs::write(&file, table.encode()));
        }
        Ok(table)
    }

    /// Sends `query` and reads Quickwit's answer.
    fn run(&self, query: &Query) -> Result<Answer> {
        let json = self.client.search(&self.index, &query.body())?;
        let list = |key: &str| match json.get(key) {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        Ok(Answer {
            num_hits: json.get("num_hits").and_then(Value::as_u64).unwrap_or(0) as usize,
            hits: list("hits"),
            snippets: list("snippets"),
            aggregations: json.get("aggregations").cloned().unwrap_or(Value::Null),
        })
    }

    /// The query and date range of a request's query text and filters; the ids of the `with`
    /// person's names when there is one. Fails with the usage errors of a local search.
    fn translate(
        &self,
        table: &PeopleTable,
        text: &str,
        filters: &crate::search::Filters,
        with: Option<&str>,
    ) -> Result<(String, DateRange, Vec<u32>)> {
        let range = DateRange::parse(filters.since.as_deref(), filters.until.as_deref())?;
        let user = user_query(text, &table.names)?;
        let articles = |id: u32| {
            table
                .tallies
                .articles
                .get(id as usize)
                .copied()
                .unwrap_or(0)
        };
        let mut parts = Vec::new();
        let mut person = |typed: &str| -> Result<Vec<u32>> {
            let ids = resolve_person(&table.names, typed, articles)?;
            let names: Vec<&str> = ids.iter().map(|&id| table.names.name(id)).collect();
            parts.push(any_value("people", &names));
            Ok(ids)
        };
        for typed in &filters.persons {
            person(typed)?;
        }
        let with = with.map(&mut person).transpose()?.unwrap_or_default();
        if let Some(typed) = &filters.source {
            let sources: Vec<&str> = table.sources.iter().map(String::as_str).collect();
            let named = sources_named(typed, &sources)?;
            parts.push(any_value("source", &named));
        }
        Ok((combined(user.as_deref(), &parts), range, with))
    }

    /// The copies of each of `groups` among the articles matching `query` (their count less
    /// one), asked of the cluster.
    fn copies(
        &self,
        query: &str,
        range: DateRange,
        groups: &[&str],
    ) -> Result<HashMap<String, u64>> {
        if groups.is_empty() {
            return Ok(HashMap::new());
        }
        let aggs = json!({ "groups": terms("group", groups.len()) });
        let answer = self.run(&Query::counts(
            combined(Some(query), &[any_value("group", groups)]),
            range,
            &aggs,
        ))?;
        Ok(buckets(&answer.aggregations, "groups")
            .buckets
            .into_iter()
            .map(|(g, n)| (g, n.saturating_sub(1)))
            .collect())
    }

    /// One hit from Quickwit's document `doc` and its snippet.
    fn hit(
        &self,
        table: &PeopleTable,
        doc: &Value,
        snippet: Option<&Value>,
        rank: usize,
        copies: usize,
    ) -> Hit {
        let s = |key: &str| doc.get(key).and_then(Value::as_str).map(str::to_string);
        let body = s("body").unwrap_or_default();
        let snippet = snippet
            .and_then(|v| v.pointer("/body/0"))
            .and_then(Value::as_str)
            .map(from_html)
            .filter(|s| !s.text().is_empty())
            .unwrap_or_else(|| Snippet::lead(&body, crate::search::SNIPPET_CHARS));
        let mut people: Vec<String> = Vec::new();
        for name in strings(doc.get("people")) {
            let Some(shown) = table.shown(&name) else {
                continue;
            };
            if !people.iter().any(|p| p == shown) {
                people.push(shown.to_string());
            }
        }
        let id = s("id").unwrap_or_default();
        Hit {
            rank,
            score: 0.0,
            title: s("title").unwrap_or_default(),
            date: date(doc.get("date")),
            source: s("source"),
            url: s("url"),
            path: s("path").unwrap_or_default(),
            people,
            snippet,
            copies,
            group: s("group").unwrap_or_else(|| id.clone()),
            id,
        }
    }
}

impl Engine for Cluster {
    fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let table = self.table()?;
        let (query, range, _) = self.translate(&table, &request.query, &request.filters, None)?;
        let wanted = request.offset.saturating_add(request.limit);
        if wanted > MAX_HITS {
            return Err(Error::usage(format!(
                "a Quickwit cluster returns results up to the {MAX_HITS}th: ask for a page \
                 before it (offset + limit ≤ {MAX_HITS}) or narrow the search"
            )));
        }
        let mut aggs = json!({ "groups": terms("group", GROUPS_COUNTED) });
        let facet_people = (request.facet_limit * 5 + 50).min(MAX_HITS);
        if request.facets {
            let a = aggs.as_object_mut().expect("a JSON object literal");
            a.insert("people".into(), terms("people", facet_people));
            a.insert(
                "sources".into(),
                terms("source", request.facet_limit.max(1)),
            );
            let mut months = terms("month", MAX_HITS);
            months["terms"]["order"] = json!({ "_key": "asc" });
            a.insert("months".into(), months);
        }
        // Enough hits for the page once copies are collapsed; more only if that was not enough.
        let window = if request.all_copies {
            request.limit
        } else {
            (wanted * 3 + 20).min(MAX_HITS)
        };
        let snippets = !is_everything(&request.query);
        let mut q = Query {
            query: query.clone(),
            range,
            sort: request.sort,
            max_hits: window,
            start_offset: if request.all_copies {
                request.offset
            } else {
                0
            },
            snippets,
            aggs: &aggs,
        };
        let mut answer = self.run(&q)?;
        // A second, wider request (below) asks for no aggregations: these are the first's.
        let aggregations = std::mem::take(&mut answer.aggregations);
        let groups = buckets(&aggregations, "groups");
        let group_of = |doc: &Value| -> String {
            doc.get("group")
                .or_else(|| doc.get("id"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let shown: Vec<(Value, Option<Value>)> = if request.all_copies {
            answer.take_hits()
        } else {
            let collapse = |answer: &mut Answer| -> Vec<(Value, Option<Value>)> {
                let mut seen = std::collections::HashSet::new();
                let mut hits = answer.take_hits();
                hits.retain(|(doc, _)| seen.insert(group_of(doc)));
                hits
            };
            let mut firsts = collapse(&mut answer);
            if firsts.len() < wanted && answer.num_hits > window && window < MAX_HITS {
                let empty = json!({});
                q.max_hits = MAX_HITS;
                q.aggs = &empty;
                answer = self.run(&q)?;
                firsts = collapse(&mut answer);
            }
            firsts
                .into_iter()
                .skip(request.offset)
                .take(request.limit)
                .collect()
        };
        // Each shown group's copies: from the group counts when they hold every group.
        let counted: HashMap<&str, u64> = groups
            .buckets
            .iter()
            .map(|(g, n)| (g.as_str(), *n))
            .collect();
        let smallest = groups.buckets.iter().map(|b| b.1).min().unwrap_or(0);
        let unknown: Vec<String> = shown
            .iter()
            .map(|(doc, _)| group_of(doc))
            .filter(|g| !counted.contains_key(g.as_str()) && groups.others > 0 && smallest > 1)
            .collect();
        let unknown: Vec<&str> = unknown.iter().map(String::as_str).collect();
        let asked = self.copies(&query, range, &unknown)?;
        let hits = shown
            .iter()
            .enumerate()
            .map(|(i, (doc, snippet))| {
                let g = group_of(doc);
                let n = match counted.get(g.as_str()) {
                    Some(&n) => n.saturating_sub(1),
                    None => asked.get(&g).copied().unwrap_or(0),
                };
                self.hit(
                    &table,
                    doc,
                    snippet.as_ref(),
                    request.offset + i + 1,
                    n as usize,
                )
            })
            .collect();
        let total_groups = groups.buckets.len() + groups.others as usize;
        let facets = request.facets.then(|| {
            let a = &aggregations;
            let people = buckets(a, "people");
            let counts = table.person_counts(&people, &[]);
            Facets {
                people: table.top_people(counts, request.facet_limit),
                sources: buckets(a, "sources")
                    .counts(|name, articles| NameCount { name, articles }),
                months: buckets(a, "months")
                    .counts(|month, articles| MonthCount { month, articles }),
            }
        });
        Ok(SearchResults {
            total: if request.all_copies {
                answer.num_hits
            } else {
                total_groups
            },
            articles: answer.num_hits,
            took: started.elapsed(),
            hits,
            facets,
        })
    }

    fn people(&self, request: &PeopleRequest) -> Result<PeopleResults> {
        let started = Instant::now();
        let table = self.table()?;
        let text = request.query.as_deref().unwrap_or("");
        let (query, range, with) =
            self.translate(&table, text, &request.filters, request.with.as_deref())?;
        let size = (request.limit * 5 + 50 + with.len()).min(MAX_HITS);
        let aggs = json!({
            "people": terms("people", size),
            "groups": terms("group", GROUPS_COUNTED),
        });
        let answer = self.run(&Query::counts(query, range, &aggs))?;
        let groups = buckets(&answer.aggregations, "groups");
        let counts = table.person_counts(&buckets(&answer.aggregations, "people"), &with);
        Ok(PeopleResults {
            articles: groups.buckets.len() + groups.others as usize,
            with: with
                .iter()
                .map(|&id| table.names.name(id).to_string())
                .collect(),
            people: table.top_people(counts, request.limit),
            took: started.elapsed(),
        })
    }

    fn article(&self, id: &str) -> Result<Option<ArticleView>> {
        let none = json!({});
        let find = |query: String, max_hits: usize| {
            self.run(&Query {
                query,
                range: DateRange::default(),
                sort: Sort::Relevance,
                max_hits,
                start_offset: 0,
                snippets: false,
                aggs: &none,
            })
        };
        let answer = find(format!("id:{}", quoted(id)), 1)?;
        let Some(doc) = answer.hits.into_iter().next() else {
            return Ok(None);
        };
        let s = |key: &str| doc.get(key).and_then(Value::as_str).map(str::to_string);
        let group = s("group").unwrap_or_else(|| id.to_string());
        let copies = find(
            format!("group:{}", quoted(&group)),
            crate::search::MAX_COPIES_LISTED + 1,
        )?;
        let mut copies: Vec<String> = copies
            .hits
            .iter()
            .filter_map(|d| d.get("id").and_then(Value::as_str))
            .filter(|&c| c != id)
            .map(str::to_string)
            .take(crate::search::MAX_COPIES_LISTED)
            .collect();
        copies.sort();
        let title = s("title").unwrap_or_default();
        let body = s("body").unwrap_or_default();
        let mut entities = StoredEntities::parse(
            &doc.get("entities")
                .map(Value::to_string)
                .unwrap_or_default(),
        )
        .within(&title, &body);
        // The people the archive says are people, as hits list them.
        let table = self.table()?;
        entities.people.retain(|p| table.shown(&p.name).is_some());
        Ok(Some(ArticleView {
            id: id.to_string(),
            date: date(doc.get("date")),
            source: s("source"),
            url: s("url"),
            path: s("path").unwrap_or_default(),
            authors: strings(doc.get("authors")),
            people: entities.people,
            organisations: entities.organisations,
            places: entities.places,
            group,
            copies,
            title,
            body,
        }))
    }

    fn num_articles(&self) -> Result<u64> {
        let d = self.client.describe(&self.index)?;
        Ok(d.get("num_published_docs")
            .and_then(Value::as_u64)
            .unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quickwit::client::fake::{Node, node};
    use crate::quickwit::config::index_config;
    use crate::search::Filters;

    fn ok(body: Value) -> Option<(u16, String)> {
        Some((200, body.to_string()))
    }

    /// The answers of a node opening index "news": the cluster check and the index's metadata.
    fn opening() -> Vec<Option<(u16, String)>> {
        vec![
            ok(json!({"cluster_id": "test"})),
            ok(json!({"index_uid": "news:01", "index_config": index_config("news")})),
        ]
    }

    fn describe(docs: u64) -> Option<(u16, String)> {
        ok(
            json!({"num_published_docs": docs, "num_published_splits": 1, "size_published_splits": 9}),
        )
    }

    /// The answers to the people table's requests: who the archive names as people, the people
    /// articles attest, the names it tags organisations and places ("Wells Fargo" more often an
    /// organisation than a person), and its sources.
    fn people_table() -> Vec<Option<(u16, String)>> {
        let bucket = |k: &str, n: u64| json!({"key": k, "doc_count": n});
        let names = |buckets: Vec<Value>| {
            ok(json!({"num_hits": 6, "hits": [],
                      "aggregations": {"names": {"buckets": buckets, "sum_other_doc_count": 0}}}))
        };
        vec![
            names(vec![
                bucket("Sergey Lavrov", 4),
                bucket("Lavrov", 1),
                bucket("Marco Rubio", 3),
                bucket("Wang Yi", 2),
                bucket("Wells Fargo", 1),
            ]),
            names(vec![
                bucket("Sergey Lavrov", 3),
                bucket("Marco Rubio", 2),
                bucket("Wang Yi", 1),
            ]),
            names(vec![bucket("Wells Fargo", 5), bucket("Kremlin", 3)]),
            names(vec![bucket("Lavrov", 1)]),
            names(vec![bucket("BBC", 5), bucket("Reuters", 1)]),
        ]
    }

    fn doc(id: &str, group: &str, people: &[&str]) -> Value {
        json!({"id": id, "group": group, "title": format!("Title {id}"), "body": "Lavrov met Rubio.",
               "date": 1_741_824_000, "source": "BBC", "path": "a.json", "people": people})
    }

    fn cluster(n: &Node) -> Cluster {
        Cluster::open(&n.url, "news").unwrap().with_cache(None)
    }

    fn sent(n: &Node, i: usize) -> Value {
        serde_json::from_str(&n.requests.lock().unwrap()[i].body).unwrap()
    }

    #[test]
    fn a_search_is_translated_collapsed_and_counted_as_a_local_search_is() {
        let mut answers = opening();
        answers.push(describe(6));
        answers.extend(people_table());
        answers.push(ok(json!({
            "num_hits": 3,
            "hits": [doc("a1", "g1", &["Lavrov", "Wells Fargo", "Marco Rubio"]), doc("a2", "g1", &[]), doc("b1", "g2", &["Wang Yi"])],
            "snippets": [{"body": ["<b>Lavrov</b> met Rubio &amp; Wang."]}, {"body": []}, {"body": []}],
            "aggregations": {
                "groups": {"buckets": [{"key": "g1", "doc_count": 2}, {"key": "g2", "doc_count": 1}], "sum_other_doc_count": 0},
                "people": {"buckets": [{"key": "Sergey Lavrov", "doc_count": 2}, {"key": "Lavrov", "doc_count": 1}, {"key": "Wang Yi", "doc_count": 1}]},
                "sources": {"buckets": [{"key": "BBC", "doc_count": 3}]},
                "months": {"buckets": [{"key": "2025-03", "doc_count": 3}]},
            }
        })));
        let n = node(answers);
        let results = cluster(&n)
            .search(&SearchRequest {
                query: "lavrov".into(),
                filters: Filters {
                    persons: vec!["Rubio".into()],
                    source: Some("bbc".into()),
                    since: Some("2025-03".into()),
                    until: Some("2025".into()),
                },
                facets: true,
                ..SearchRequest::default()
            })
            .unwrap();
        // The people table's requests: the people with their articles' first and last dates
        // first, the people articles attest second.
        let names = &sent(&n, 3)["aggs"]["names"];
        assert_eq!(names["terms"]["field"], "people");
        assert_eq!(names["aggs"]["first"]["min"]["field"], "date");
        assert_eq!(names["aggs"]["last"]["max"]["field"], "date");
        assert_eq!(sent(&n, 4)["aggs"]["names"]["terms"]["field"], "attested");
        let body = sent(&n, 8);
        let query = body["query"].as_str().unwrap();
        assert!(
            query.contains("(people:\"Sergey Lavrov\" OR people:\"Lavrov\")^1.5")
                || query.contains("people:\"Sergey Lavrov\""),
            "{query}"
        );
        assert!(query.contains("+(people:\"Marco Rubio\")^0"), "{query}");
        assert!(query.contains("+(source:\"BBC\")^0"), "{query}");
        assert_eq!(body["sort_by"], "_score");
        assert_eq!(body["start_timestamp"], 1_740_787_200);
        assert_eq!(body["end_timestamp"], 1_767_225_600);
        assert_eq!(body["snippet_fields"], "body");
        // Two groups, the first with a copy; the article's surname shown as the person's name.
        assert_eq!(
            (results.total, results.articles, results.hits.len()),
            (2, 3, 2)
        );
        assert_eq!(results.hits[0].copies, 1);
        assert_eq!(results.hits[0].people, vec!["Sergey Lavrov", "Marco Rubio"]);
        assert_eq!(results.hits[0].snippet.text(), "Lavrov met Rubio & Wang.");
        assert_eq!(results.hits[0].snippet.highlights().to_vec(), vec![0..6]);
        assert_eq!(results.hits[1].snippet.text(), "Lavrov met Rubio.");
        let facets = results.facets.unwrap();
        assert_eq!(
            facets.people[0],
            NameCount {
                name: "Sergey Lavrov".into(),
                articles: 3
            }
        );
        assert_eq!(facets.months[0].month, "2025-03");
    }

    #[test]
    fn people_with_a_person_count_who_else_is_named_and_leave_them_out() {
        let mut answers = opening();
        answers.push(describe(6));
        answers.extend(people_table());
        answers.push(ok(json!({
            "num_hits": 4, "hits": [],
            "aggregations": {
                "people": {"buckets": [{"key": "Sergey Lavrov", "doc_count": 4}, {"key": "Marco Rubio", "doc_count": 3}, {"key": "Wells Fargo", "doc_count": 2}, {"key": "Wang Yi", "doc_count": 1}]},
                "groups": {"buckets": [{"key": "g1", "doc_count": 2}, {"key": "g2", "doc_count": 1}, {"key": "g3", "doc_count": 1}], "sum_other_doc_count": 0},
            }
        })));
        let n = node(answers);
        let results = cluster(&n)
            .people(&PeopleRequest {
                with: Some("Lavrov".into()),
                ..PeopleRequest::default()
            })
            .unwrap();
        let query = sent(&n, 8)["query"].as_str().unwrap().to_string();
        assert!(
            query.contains("people:\"Sergey Lavrov\" OR people:\"Lavrov\""),
            "{query}"
        );
        assert_eq!(results.articles, 3);
        assert_eq!(results.with, vec!["Sergey Lavrov", "Lavrov"]);
        let names: Vec<&str> = results.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Marco Rubio", "Wang Yi"]);
    }

    #[test]
    fn the_people_table_is_read_once_per_version_and_kept_between_commands() {
        let dir = tempfile::tempdir().unwrap();
        let empty = || {
            ok(
                json!({"num_hits": 0, "hits": [], "aggregations": {"people": {"buckets": []}, "groups": {"buckets": []}}}),
            )
        };
        let mut answers = opening();
        answers.push(describe(6));
        answers.extend(people_table());
        answers.push(empty());
        let n = node(answers);
        let first = Cluster::open(&n.url, "news")
            .unwrap()
            .with_cache(Some(dir.path().into()));
        first.people(&PeopleRequest::default()).unwrap();
        // A new command, same version: no people table request.
        let mut answers = opening();
        answers.extend([describe(6), empty()]);
        let n = node(answers);
        let second = Cluster::open(&n.url, "news")
            .unwrap()
            .with_cache(Some(dir.path().into()));
        second.people(&PeopleRequest::default()).unwrap();
        assert!(sent(&n, 3)["aggs"].get("groups").is_some());
        // Unknown people are the usage error of a local index, from the cached table.
        let err = second
            .people(&PeopleRequest {
                with: Some("Rubiosky".into()),
                ..PeopleRequest::default()
            })
            .unwrap_err();
        assert_eq!(err.code(), Error::USAGE, "{err}");
    }

    #[test]
    fn an_index_of_another_schema_a_missing_index_and_a_dead_node_are_one_clear_line() {
        let n = node(vec![
            ok(json!({})),
            ok(
                json!({"index_uid": "logs:01", "index_config": {"doc_mapping": {"field_mappings": []}}}),
            ),
        ]);
        let err = Cluster::open(&n.url, "logs").err().unwrap();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("not a newsdex archive"), "{err}");

        // An archive an earlier newsdex pushed, before the `attested` field.
        let mut earlier = index_config("news");
        earlier["doc_mapping"]["field_mappings"]
            .as_array_mut()
            .unwrap()
            .retain(|m| m["name"] != "attested");
        let n = node(vec![
            ok(json!({})),
            ok(json!({"index_uid": "news:01", "index_config": earlier})),
        ]);
        let err = Cluster::open(&n.url, "news").err().unwrap();
        assert_eq!(err.code(), Error::USAGE);
        assert!(
            err.to_string()
                .contains("pushed by another version of newsdex (it has no field attested)"),
            "{err}"
        );

        let n = node(vec![
            ok(json!({})),
            Some((404, "{\"message\": \"index not found\"}".into())),
        ]);
        let err = Cluster::open(&n.url, "news").err().unwrap();
        assert!(err.to_string().contains("has no index news"), "{err}");

        let err = Cluster::open("http://127.0.0.1:9", "news").err().unwrap();
        assert_eq!(err.code(), Error::FAILURE);
        assert!(!err.to_string().contains('\n'), "{err}");
    }

    #[test]
    fn quickwits_refusal_of_a_search_is_reported_with_its_message() {
        let mut answers = opening();
        answers.push(describe(6));
        answers.push(Some((
            400,
            "{\"message\": \"Failed to parse query\"}".into(),
        )));
        let n = node(answers);
        let err = cluster(&n).people(&PeopleRequest::default()).unwrap_err();
        assert!(err.to_string().contains("Failed to parse query"), "{err}");
        assert_eq!(err.code(), Error::FAILURE);
    }
}
