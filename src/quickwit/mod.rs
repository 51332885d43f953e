//! newsdex in front of and on top of Quickwit, the distributed search engine built on tantivy: the
//! same pipeline as `newsdex index` writes an archive for a Quickwit cluster, and the same searches
//! as a local index are answered by it.
//!
//! ```text
//! files ──▶ index::writer::run (readers, recogniser, names, duplicate groups) ──▶ Store
//!   export::ExportStore: quickwit-index.yaml, docs-NNNNN.ndjson, deletes-NNNNN.ndjson, people.ndjson
//!   push::PushStore: client ──▶ POST /api/v1/{index}/ingest, /delete-tasks of a running cluster
//! SearchRequest, PeopleRequest ──▶ cluster::Cluster (query: the query language) ──▶ POST /api/v1/{index}/search
//! ```
//!
//! [`config`] is the index config, mirroring the local schema field for field; [`document`] one
//! article as a Quickwit document; [`manifest`] what a target already holds, kept between runs;
//! [`client`] the REST API of a node; [`cluster`] a pushed archive searched as a local index is,
//! with `people_table` (who is who, read from the cluster and cached) and `search_api` (one search
//! as sent and its answer as read); [`query`] the translation of newsdex's queries into Quickwit's.

pub mod client;
pub mod cluster;
pub mod config;
pub mod document;
pub mod export;
pub mod manifest;
mod people_table;
pub mod push;
pub mod query;
mod search_api;
