//! Search: turns a user's query and filters into a tantivy query, ranks, and shapes the hits.
