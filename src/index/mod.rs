//! The index: a tantivy index of articles and the people, organisations and places they name.

pub mod schema;
