//! newsdex: a search engine for news archives that gets people's names right.
//!
//! The library holds the whole domain; the `newsdex` binary is a thin command line on top of it.
//!
//! ```text
//! corpus dir ──▶ corpus (readers, one per format) ──▶ Article
//! Article ──▶ ner (tokenize, tag, resolve) ──▶ people, organisations, places
//! Article + entities ──▶ index (schema, writer) ──▶ search (query, filters, snippets) ──▶ CLI / serve
//! ```

pub mod article;
pub mod corpus;
pub mod error;
#[doc(hidden)]
pub mod fuzz;
pub mod index;
pub mod ner;
pub mod quickwit;
pub mod search;
pub mod serve;

pub use article::{Article, Date};
pub use error::{Error, Result};
