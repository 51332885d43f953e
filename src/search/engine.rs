//! What answers searches, people lists and articles: a local index ([`Searcher`]) or, with the
//! same requests and the same answers, a Quickwit cluster (`crate::quickwit::cluster`). The command
//! line and the web server ask an `Engine` and do not know which they have.

use crate::error::Result;
use crate::search::{
    ArticleView, PeopleRequest, PeopleResults, SearchRequest, SearchResults, Searcher,
};

/// Answers the requests of the search library.
pub trait Engine: Send + Sync {
    /// Runs a search ([`Searcher::search`]).
    fn search(&self, request: &SearchRequest) -> Result<SearchResults>;

    /// Lists people ([`Searcher::people`]).
    fn people(&self, request: &PeopleRequest) -> Result<PeopleResults>;

    /// Returns the article with id `id`, or None when there is none ([`Searcher::article`]).
    fn article(&self, id: &str) -> Result<Option<ArticleView>>;

    /// Number of articles searched, copies included.
    fn num_articles(&self) -> Result<u64>;
}

impl Engine for Searcher {
    fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        Searcher::search(self, request)
    }

    fn people(&self, request: &PeopleRequest) -> Result<PeopleResults> {
        Searcher::people(self, request)
    }

    fn article(&self, id: &str) -> Result<Option<ArticleView>> {
        Searcher::article(self, id)
    }

    fn num_articles(&self) -> Result<u64> {
        Ok(Searcher::num_articles(self))
    }
}
