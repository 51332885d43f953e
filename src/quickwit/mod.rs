//! newsdex in front of Quickwit, the distributed search engine built on tantivy: the same pipeline
//! as `newsdex index` writes an archive for a Quickwit cluster.
//!
//! ```text
//! files ──▶ index::writer::run (readers, recogniser, names, duplicate groups) ──▶ Store
//!   export::ExportStore: quickwit-index.yaml, docs-NNNNN.ndjson, deletes-NNNNN.ndjson, people.ndjson
//!   push::PushStore: client ──▶ POST /api/v1/{index}/ingest, /delete-tasks of a running cluster
//! ```
//!
//! [`config`] is the index config, mirroring the local schema field for field; [`document`] one
//! article as a Quickwit document; [`manifest`] what a target already holds, kept between runs;
//! [`client`] the REST API of a node.

pub mod client;
pub mod config;
pub mod document;
pub mod export;
pub mod manifest;
pub mod push;
