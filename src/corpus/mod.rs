//! A corpus is a set of files and folders that hold news articles; this module walks them and reads
//! each file with the reader for its format.

pub mod html;
