//! The engines compared, each able to index a scaled corpus and answer the query set:
//! newsdex (with people extraction, or without it: the ceiling), raw tantivy (two indexing
//! threads, a minimal schema of title, body and date, no entities) and, with the `bench-fts5`
//! feature, SQLite FTS5 (see `fts5.rs`).

use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

use newsdex::search::{Filters, PeopleRequest, SearchRequest, Searcher, Sort};
use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, IndexWriter, Order, TantivyDocument, Term,
};

use crate::queries::BenchQuery;
use crate::scaled;

/// Hits per query, as on the first page of `newsdex search`.
pub const TOP: usize = 10;
/// Memory budget of the raw tantivy writer, as newsdex's writer has.
const RAW_BUDGET: usize = 128 << 20;

/// An engine with an index open, ready to answer queries.
pub trait Engine {
    /// Runs one query and returns the number of hits it gave (at most [`TOP`]), or None when this
    /// engine does not answer this kind of query.
    fn run(&self, q: &BenchQuery) -> Result<Option<usize>, String>;
}

/// What an indexing child reports.
pub struct Indexed {
    pub articles: u64,
    pub people: u64,
}

/// The fields of a scaled-corpus line that the raw engines index.
#[derive(Deserialize)]
pub struct RawLine {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub date: Option<String>,
}

impl RawLine {
    /// Publication time in seconds, if the line has a date.
    pub fn timestamp(&self) -> Option<i64> {
        self.date
            .as_deref()
            .and_then(newsdex::corpus::date::parse)
            .map(|d| d.timestamp())
    }
}

/// Calls `each` with every line of the scaled corpus in `corpus`, file by file; `end_of_file` runs
/// after each file.
pub fn for_each_line(
    corpus: &Path,
    mut each: impl FnMut(RawLine) -> Result<(), String>,
    mut end_of_file: impl FnMut() -> Result<(), String>,
) -> Result<u64, String> {
    let mut n = 0;
    let mut line = String::new();
    for path in scaled::jsonl_files(corpus) {
        let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        loop {
            line.clear();
            let read = reader
                .read_line(&mut line)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if read == 0 {
                break;
            }
            let record: RawLine =
                serde_json::from_str(&line).map_err(|e| format!("{}: {e}", path.display()))?;
            each(record)?;
            n += 1;
        }
        end_of_file()?;
    }
    Ok(n)
}

/// Indexes `corpus` with newsdex's own indexer (`newsdex index`, or `--no-entities`).
pub fn newsdex_index(corpus: &Path, dir: &Path, entities: bool) -> Result<Indexed, String> {
    let options = newsdex::index::Options {
        progress: false,
        entities,
        ..newsdex::index::Options::default()
    };
    let summary =
        newsdex::index::build(dir, &[corpus.to_path_buf()], &options).map_err(|e| e.to_string())?;
    Ok(Indexed {
        articles: summary.added,
        people: summary.people,
    })
}

/// newsdex's search library over an index.
pub struct Newsdex {
    searcher: Searcher,
}

impl Newsdex {
    pub fn open(dir: &Path) -> Result<Newsdex, String> {
        Ok(Newsdex {
            searcher: Searcher::open(dir)
                .map_err(|e| e.to_string())?
                .keep_values_in_memory(),
        })
    }
}

impl Engine for Newsdex {
    fn run(&self, q: &BenchQuery) -> Result<Option<usize>, String> {
        let filters = Filters {
            persons: q.persons.clone(),
            since: q.since.clone(),
            until: q.until.clone(),
            ..Filters::default()
        };
        let hits = if q.is_people() {
            let request = PeopleRequest {
                query: Some(q.q.clone()),
                filters,
                with: None,
                limit: TOP,
            };
            self.searcher.people(&request).map(|r| r.people.len())
        } else {
            let request = SearchRequest {
                query: q.q.clone(),
                filters,
                sort: if q.by_date() {
                    Sort::Date
                } else {
                    Sort::Relevance
                },
                limit: TOP,
                ..SearchRequest::default()
            };
            self.searcher.search(&request).map(|r| r.hits.len())
        };
        hits.map(Some).map_err(|e| format!("{}: {e}", q.label()))
    }
}

/// The raw tantivy schema: title and body (English stemming, stored) and a date.
struct RawFields {
    title: Field,
    body: Field,
    date: Field,
}

fn raw_schema() -> (Schema, RawFields) {
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let mut b = Schema::builder();
    let fields = RawFields {
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        date: b.add_date_field("date", INDEXED | STORED | FAST),
    };
    (b.build(), fields)
}

fn raw_fields(schema: &Schema) -> Result<RawFields, String> {
    let f = |name| schema.get_field(name).map_err(|e| e.to_string());
    Ok(RawFields {
        title: f("title")?,
        body: f("body")?,
        date: f("date")?,
    })
}

/// Indexes `corpus` with tantivy alone: lines parsed on this thread, two indexing threads.
pub fn tantivy_index(corpus: &Path, dir: &Path) -> Result<Indexed, String> {
    let (schema, f) = raw_schema();
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let index = Index::create_in_dir(dir, schema).map_err(|e| e.to_string())?;
    let writer: IndexWriter = index
        .writer_with_num_threads(2, RAW_BUDGET)
        .map_err(|e| e.to_string())?;
    let articles = for_each_line(
        corpus,
        |line| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.title, &line.title);
            doc.add_text(f.body, &line.body);
            if let Some(t) = line.timestamp() {
                doc.add_date(f.date, DateTime::from_timestamp_secs(t));
            }
            writer.add_document(doc).map_err(|e| e.to_string())?;
            Ok(())
        },
        || Ok(()),
    )?;
    let mut writer = writer;
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok(Indexed {
        articles,
        people: 0,
    })
}

/// Raw tantivy over its minimal index: BM25 over title (boosted as newsdex does) and body, all
/// words required, top 10 by score or by date, stored documents fetched.
pub struct Tantivy {
    reader: IndexReader,
    parser: QueryParser,
    date: Field,
}

impl Tantivy {
    pub fn open(dir: &Path) -> Result<Tantivy, String> {
        let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
        let f = raw_fields(&index.schema())?;
        let mut parser = QueryParser::for_index(&index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, 2.0);
        Ok(Tantivy {
            reader: index.reader().map_err(|e| e.to_string())?,
            parser,
            date: f.date,
        })
    }
}

impl Engine for Tantivy {
    fn run(&self, q: &BenchQuery) -> Result<Option<usize>, String> {
        if q.is_people() {
            return Ok(None);
        }
        let err = |e: &dyn std::fmt::Display| format!("{}: {e}", q.label());
        let searcher = self.reader.searcher();
        let text: Box<dyn Query> = match q.tantivy_text() {
            Some(t) => self.parser.parse_query(&t).map_err(|e| err(&e))?,
            None => Box::new(AllQuery),
        };
        let query: Box<dyn Query> = match q.range() {
            (None, None) => text,
            (start, end) => {
                let term = |t: i64| {
                    Term::from_field_date_for_search(self.date, DateTime::from_timestamp_secs(t))
                };
                let range = RangeQuery::new(
                    start.map_or(std::ops::Bound::Unbounded, |t| {
                        std::ops::Bound::Included(term(t))
                    }),
                    end.map_or(std::ops::Bound::Unbounded, |t| {
                        std::ops::Bound::Excluded(term(t))
                    }),
                );
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, text),
                    (Occur::Must, Box::new(range)),
                ]))
            }
        };
        let top: Vec<DocAddress> = if q.by_date() {
            let by_date =
                TopDocs::with_limit(TOP).order_by_fast_field::<DateTime>("date", Order::Desc);
            searcher
                .search(&*query, &by_date)
                .map_err(|e| err(&e))?
                .into_iter()
                .map(|(_, a)| a)
                .collect()
        } else {
            searcher
                .search(&*query, &TopDocs::with_limit(TOP).order_by_score())
                .map_err(|e| err(&e))?
                .into_iter()
                .map(|(_, a)| a)
                .collect()
        };
        for address in &top {
            let _: TantivyDocument = searcher.doc(*address).map_err(|e| err(&e))?;
        }
        Ok(Some(top.len()))
    }
}

/// Times `f`, in microseconds.
pub fn micros<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed().as_secs_f64() * 1e6)
}
