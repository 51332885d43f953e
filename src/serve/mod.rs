//! `newsdex serve`: a web page and JSON API over an index.
