//! SQLite FTS5 (rusqlite, bundled SQLite) as the other engine a newsroom might reach for: one
//! table of title, body and date, the `porter unicode61 remove_diacritics 2` tokenizer (English
//! stemming and accent folding, as newsdex's analyzer), ranked by bm25 with the title weighted 2×
//! as newsdex weights it. Built only with `--features bench-fts5`.

use std::path::Path;

use rusqlite::{Connection, params};

use crate::engines::{Engine, Indexed, TOP, for_each_line};
use crate::queries::BenchQuery;

/// Articles per transaction while indexing.
const BATCH: u64 = 10_000;

/// Indexes `corpus` into a new database `db`.
pub fn index(corpus: &Path, db: &Path) -> Result<Indexed, String> {
    let e = |e: rusqlite::Error| e.to_string();
    let _ = std::fs::remove_file(db);
    let conn = Connection::open(db).map_err(e)?;
    conn.execute_batch(
        "PRAGMA journal_mode=OFF;
         PRAGMA synchronous=OFF;
         CREATE VIRTUAL TABLE articles USING fts5(
             title, body, date UNINDEXED,
             tokenize = 'porter unicode61 remove_diacritics 2');
         INSERT INTO articles(articles, rank) VALUES('rank', 'bm25(2.0, 1.0)');
         BEGIN;",
    )
    .map_err(e)?;
    let pending = std::cell::Cell::new(0u64);
    let mut insert = conn
        .prepare("INSERT INTO articles(title, body, date) VALUES (?1, ?2, ?3)")
        .map_err(e)?;
    let articles = for_each_line(
        corpus,
        |line| {
            insert
                .execute(params![line.title, line.body, line.timestamp()])
                .map_err(e)?;
            pending.set(pending.get() + 1);
            Ok(())
        },
        || {
            if pending.get() >= BATCH {
                conn.execute_batch("COMMIT; BEGIN;").map_err(e)?;
                pending.set(0);
            }
            Ok(())
        },
    )?;
    drop(insert);
    conn.execute_batch("COMMIT;").map_err(e)?;
    Ok(Indexed {
        articles,
        people: 0,
    })
}

/// FTS5 over a database made by [`index`].
pub struct Fts5 {
    conn: Connection,
}

impl Fts5 {
    pub fn open(db: &Path) -> Result<Fts5, String> {
        Ok(Fts5 {
            conn: Connection::open(db).map_err(|e| e.to_string())?,
        })
    }
}

impl Engine for Fts5 {
    fn run(&self, q: &BenchQuery) -> Result<Option<usize>, String> {
        if q.is_people() {
            return Ok(None);
        }
        let matching = q.fts5_match();
        let (start, end) = q.range();
        let mut conditions = Vec::new();
        if matching.is_some() {
            conditions.push("articles MATCH ?1");
        }
        if start.is_some() {
            conditions.push("date >= ?2");
        }
        if end.is_some() {
            conditions.push("date < ?3");
        }
        let order = if q.by_date() {
            "date DESC"
        } else if matching.is_some() {
            "rank"
        } else {
            "rowid"
        };
        let sql = format!(
            "SELECT rowid, title, date FROM articles{}{} ORDER BY {order} LIMIT {TOP}",
            if conditions.is_empty() { "" } else { " WHERE " },
            conditions.join(" AND ")
        );
        let err = |e: rusqlite::Error| format!("{}: {e}", q.label());
        let mut statement = self.conn.prepare_cached(&sql).map_err(err)?;
        let mut bound: Vec<(usize, rusqlite::types::Value)> = Vec::new();
        if let Some(m) = matching {
            bound.push((1, m.into()));
        }
        if let Some(s) = start {
            bound.push((2, s.into()));
        }
        if let Some(t) = end {
            bound.push((3, t.into()));
        }
        for (i, v) in &bound {
            statement.raw_bind_parameter(*i, v).map_err(err)?;
        }
        let mut rows = statement.raw_query();
        let mut n = 0;
        while let Some(row) = rows.next().map_err(err)? {
            let _: (i64, String, Option<i64>) = (
                row.get(0).map_err(err)?,
                row.get(1).map_err(err)?,
                row.get(2).map_err(err)?,
            );
            n += 1;
        }
        Ok(Some(n))
    }
}
