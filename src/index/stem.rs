//! The English stemmer with a memory: a tantivy token filter that stems exactly as tantivy's
//! `Stemmer` does (the same Snowball algorithm, from `frostem`) and remembers, for the whole
//! process, the stem of every word it has computed. News text repeats its words: stemming was the
//! costliest step of making the snippets of a search (a third of a query's instructions, in
//! benches/profile.md) and a tenth of indexing.
//!
//! The memory is shared by every clone of the analyzer (tantivy clones it for each segment it
//! writes and each snippet it makes), so a server answers from it query after query. It holds at
//! most [`CAPACITY`] words and starts afresh when full.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::ner::features::FnvBuild;

/// Most words remembered.
pub const CAPACITY: usize = 200_000;

/// Word → stem.
type Stems = HashMap<Box<str>, Box<str>, FnvBuild>;

/// The process's memory of stems.
fn stems() -> &'static RwLock<Stems> {
    static STEMS: OnceLock<RwLock<Stems>> = OnceLock::new();
    STEMS.get_or_init(RwLock::default)
}

/// The token filter: put it where tantivy's `Stemmer::new(Language::English)` would go.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnglishStemmer;

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = StemmingTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemmingTokenizer<T> {
        StemmingTokenizer { inner: tokenizer }
    }
}

/// A tokenizer whose tokens come out stemmed.
#[derive(Clone)]
pub struct StemmingTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemmingTokenizer<T> {
    type TokenStream<'a> = StemmingTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmingTokenStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

/// The token stream of a [`StemmingTokenizer`].
pub struct StemmingTokenStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for StemmingTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // A poisoned lock only means another thread panicked while holding it; the map is whole.
        let known = {
            let stems = stems().read().unwrap_or_else(|e| e.into_inner());
            stems.get(token.text.as_str()).map(|stem| {
                token.text.clear();
                token.text.push_str(stem);
            })
        };
        if known.is_none() {
            let stem: Box<str> = self.stemmer.stem(&token.text).into();
            let word = std::mem::replace(&mut token.text, stem.to_string());
            let mut stems = stems().write().unwrap_or_else(|e| e.into_inner());
            if stems.len() >= CAPACITY {
                stems.clear();
            }
            stems.insert(word.into(), stem);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t: &Token| out.push(t.text.clone()));
        out
    }

    #[test]
    fn stems_as_tantivy_does_on_a_real_article() {
        let seed = include_str!("../../corpus/seed/kuala-lumpur-ukraine-diplomacy.txt");
        let ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(EnglishStemmer)
            .build();
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let expect = tokens(theirs, seed);
        assert!(expect.iter().any(|t| t == "diplomat"), "{expect:?}");
        // Twice: the second pass, in another clone, answers from memory.
        assert_eq!(tokens(ours.clone(), seed), expect);
        assert_eq!(tokens(ours, seed), expect);
    }
}
