//! From what the user typed to a tantivy query: the query syntax, people-aware expansion, and the
//! filters.
//!
//! Words are searched with BM25 in the headline, the people named and the body (headline and people
//! weighted above body), all words required. A word or a run of adjacent words that names a person
//! in the index (a full canonical name, or a surname) also matches that person's exact entry, boosted:
//! "Rubio Lavrov" becomes `(rubio OR person:"Marco Rubio") AND (lavrov OR person:"Sergey Lavrov")`,
//! so articles where the recogniser found both people rank first. Filters match exactly and add
//! nothing to the score.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, QueryParserError,
    RangeQuery, TermQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Index, Term};

use crate::error::{Error, Result};
use crate::index::names::{NameIndex, Resolution, name_words};
use crate::index::schema::Fields;
use crate::search::catalog::Catalog;
use crate::search::dates::DateRange;
use crate::search::request::Filters;

/// Weight of a match in the headline, relative to the body.
pub const TITLE_BOOST: f32 = 2.0;
/// Weight of a match in the people named, relative to the body.
pub const PEOPLE_BOOST: f32 = 1.5;
/// Weight of an exact person match found by expansion.
const PERSON_BOOST: f64 = 1.5;
/// Most people one surname expands to.
const MAX_EXPANSION: usize = 10;
/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 2000;
/// Deepest nesting of parentheses accepted.
const MAX_DEPTH: usize = 20;
/// Most names listed in an error message.
const MAX_LISTED: usize = 8;

/// Builds queries against one index.
pub struct QueryBuilder {
    parser: QueryParser,
    fields: Fields,
    /// Name of the exact person field in the query syntax.
    person_field: String,
}

impl QueryBuilder {
    /// A builder for `index`, whose schema `fields` describes.
    pub fn new(index: &Index, fields: &Fields) -> QueryBuilder {
        let mut parser =
            QueryParser::for_index(index, vec![fields.title, fields.people, fields.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, TITLE_BOOST);
        parser.set_field_boost(fields.people, PEOPLE_BOOST);
        QueryBuilder {
            parser,
            fields: fields.clone(),
            person_field: index.schema().get_field_name(fields.person).to_string(),
        }
    }

    /// Parses `text` (empty or `*` for every article) and expands the person names in it
    /// ([`parse`]).
    pub fn text_query(&self, text: &str, catalog: &Catalog) -> Result<Box<dyn Query>> {
        match parse(text, catalog.names(), &self.person_field)? {
            None => Ok(Box::new(AllQuery)),
            Some(ast) => self
                .parser
                .build_query_from_user_input_ast(ast)
                .map_err(|e| query_error(text.trim(), &e)),
        }
    }

    /// Resolves a person as typed for a filter to the ids of their canonical names
    /// ([`resolve_person`]).
    pub fn person(&self, typed: &str, catalog: &Catalog) -> Result<Vec<u32>> {
        resolve_person(catalog.names(), typed, |id| {
            catalog.tables.person_articles.get(id as usize)
        })
    }

    /// Builds the filter queries of `filters`: every person, the source and the date range. Each
    /// matches exactly and scores zero. Fails with a usage error for an unknown or ambiguous person,
    /// an unknown source or a bad date.
    pub fn filters(&self, filters: &Filters, catalog: &Catalog) -> Result<Vec<Box<dyn Query>>> {
        let range = DateRange::parse(filters.since.as_deref(), filters.until.as_deref())?;
        let mut queries: Vec<Box<dyn Query>> = Vec::new();
        for typed in &filters.persons {
            let ids = self.person(typed, catalog)?;
            queries.push(self.persons_query(&ids, catalog));
        }
        if let Some(typed) = &filters.source {
            queries.push(self.source_query(typed, catalog)?);
        }
        if !range.is_unbounded() {
            let bound = |t: Option<i64>, f: fn(Term) -> Bound<Term>| {
                t.map_or(Bound::Unbounded, |t| {
                    f(Term::from_field_date_for_search(
                        self.fields.date,
                        DateTime::from_timestamp_secs(t),
                    ))
                })
            };
            queries.push(Box::new(RangeQuery::new(
                bound(range.start, Bound::Included),
                bound(range.end, Bound::Excluded),
            )));
        }
        Ok(queries
            .into_iter()
            .map(|q| Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>)
            .collect())
    }

    /// Matches articles naming any of the people `ids` (spellings of one person).
    pub fn persons_query(&self, ids: &[u32], catalog: &Catalog) -> Box<dyn Query> {
        any_term(
            ids.iter()
                .map(|&id| Term::from_field_text(self.fields.person, catalog.person(id))),
        )
    }

    fn source_query(&self, typed: &str, catalog: &Catalog) -> Result<Box<dyn Query>> {
        let sources: Vec<&str> = catalog.tables.sources.iter().collect();
        let named = sources_named(typed, &sources)?;
        Ok(any_term(
            named
                .into_iter()
                .map(|s| Term::from_field_text(self.fields.source, s)),
        ))
    }
}

/// Checks, parses and expands a query as the user typed it: None for every article (empty or
/// `*`), else the query's syntax tree with the person names in it expanded ([`expand`]) into the
/// exact person field `person_field`. Fails with a usage error saying what is wrong for a query
/// that does not parse, or is too long or too deeply nested.
pub fn parse(text: &str, names: &NameIndex, person_field: &str) -> Result<Option<UserInputAst>> {
    let text = text.trim();
    if is_everything(text) {
        return Ok(None);
    }
    if text.len() > MAX_QUERY_BYTES {
        return Err(Error::usage(format!(
            "the query is {} bytes long: the most accepted is {MAX_QUERY_BYTES}",
            text.len()
        )));
    }
    if nesting(text) > MAX_DEPTH {
        return Err(Error::usage(format!(
            "the query nests parentheses more than {MAX_DEPTH} deep: simplify it"
        )));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(Error::usage(format!(
            "the query {text:?} has no words to search for; the syntax is {SYNTAX}"
        )));
    }
    let words = inner_apostrophes_as_spaces(text);
    let ast = tantivy::query_grammar::parse_query(&words).map_err(|_| syntax_error(text))?;
    Ok(Some(expand(ast, names, person_field)))
}

/// Returns true if and only if `query` asks for every article (empty or `*`).
pub fn is_everything(query: &str) -> bool {
    matches!(query.trim(), "" | "*")
}

/// Resolves a person as typed for a filter to the ids of their canonical names in `names`,
/// `articles(id)` being how many articles name each. Fails with a usage error listing the
/// candidates (with their article counts) for a surname several people share, and with one
/// suggesting names for a person the index does not know.
pub fn resolve_person(
    names: &NameIndex,
    typed: &str,
    articles: impl Fn(u32) -> u32,
) -> Result<Vec<u32>> {
    // Each person under their most frequent name, with the articles naming them.
    let listed = |people: Vec<Vec<u32>>| {
        let mut people: Vec<(&str, u32)> = people
            .iter()
            .map(|ids| (names.name(ids[0]), ids.iter().map(|&id| articles(id)).sum()))
            .collect();
        people.sort_by_key(|&(name, articles)| (std::cmp::Reverse(articles), name));
        let more = people.len().saturating_sub(MAX_LISTED);
        let mut list: Vec<String> = people
            .iter()
            .take(MAX_LISTED)
            .map(|(name, articles)| format!("{name} ({articles})"))
            .collect();
        if more > 0 {
            list.push(format!("and {more} more"));
        }
        list.join(", ")
    };
    match names.resolve(typed) {
        Resolution::Person(ids) => Ok(ids),
        Resolution::Ambiguous(people) => Err(Error::usage(format!(
            "{typed:?} could be several people: {}; give the full name",
            listed(people)
        ))),
        Resolution::Unknown(near) if near.is_empty() => Err(Error::usage(format!(
            "no person {typed:?} in the index; `newsdex people` lists the people it names"
        ))),
        Resolution::Unknown(near) => Err(Error::usage(format!(
            "no person {typed:?} in the index; did you mean {}?",
            listed(near)
        ))),
    }
}

/// The sources among `sources` that are `typed`, compared case-insensitively. Fails with a usage
/// error listing a few sources when none is.
pub fn sources_named<'a>(typed: &str, sources: &[&'a str]) -> Result<Vec<&'a str>> {
    let wanted = typed.trim().to_lowercase();
    let named: Vec<&str> = sources
        .iter()
        .copied()
        .filter(|s| s.to_lowercase() == wanted)
        .collect();
    if !named.is_empty() {
        return Ok(named);
    }
    let mut known: Vec<&str> = sources.iter().copied().take(MAX_LISTED).collect();
    if sources.len() > MAX_LISTED {
        known.push("…");
    }
    Err(Error::usage(if known.is_empty() {
        format!("no source {typed:?} in the index: its articles have no source")
    } else {
        format!(
            "no source {typed:?} in the index; sources: {}",
            known.join(", ")
        )
    }))
}

/// Matches articles holding any of `terms` (a few exact values: looked up one by one, which is
/// faster than a term set's scan of the whole dictionary).
fn any_term(terms: impl IntoIterator<Item = Term>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        terms
            .into_iter()
            .map(|t| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect(),
    ))
}

/// Returns `query` restricted by `filters` (all must match).
pub fn filtered(query: Box<dyn Query>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if filters.is_empty() {
        return query;
    }
    let mut clauses = vec![(Occur::Must, query)];
    clauses.extend(filters.into_iter().map(|f| (Occur::Must, f)));
    Box::new(BooleanQuery::new(clauses))
}

/// Returns `text` with every apostrophe between two letters or digits replaced by a space, so that
/// "Rubio's" and "O'Brien" are words (the analyzer splits them there anyway) and not the start of
/// a single-quoted phrase.
fn inner_apostrophes_as_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let inner = c == '\''
                && i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if inner { ' ' } else { c }
        })
        .collect()
}

/// Deepest nesting of parentheses in `text`.
fn nesting(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

const SYNTAX: &str = "words, \"a phrase\", a OR b, -word, field:word, *";

fn syntax_error(text: &str) -> Error {
    let (_, errors) = tantivy::query_grammar::parse_query_lenient(text);
    let reason = errors
        .first()
        .map(|e| format!("{} at character {}", e.message, e.pos + 1))
        .unwrap_or_else(|| "syntax error".to_string());
    Error::usage(format!(
        "cannot parse the query {text:?}: {reason}; the syntax is {SYNTAX}"
    ))
}

/// The fields a query may name, as the README lists them.
pub const FIELDS: &str = "title, body, people, person, organisations, organisation, places, place, \
                      source, authors, url, path, month";

/// The usage error for a query `text` naming `field`, which articles do not have.
pub fn unknown_field(text: &str, field: &str) -> Error {
    Error::usage(format!(
        "the query {text:?} names the field {field:?}, which articles do not have: put \
         \"{field}:…\" in quotes to search for the words, or name one of {FIELDS}"
    ))
}

/// The usage error for a query `text` searching the date field.
pub fn date_field(text: &str) -> Error {
    Error::usage(format!(
        "cannot run the query {text:?}: dates are filtered with --since and --until (YYYY, \
         YYYY-MM or YYYY-MM-DD)"
    ))
}

/// The usage error for a query `text` that only excludes words ("-trump").
pub fn only_excluding(text: &str) -> Error {
    query_error(text, &QueryParserError::AllButQueryForbidden)
}

fn query_error(text: &str, err: &QueryParserError) -> Error {
    match err {
        QueryParserError::FieldDoesNotExist(field) => unknown_field(text, field),
        QueryParserError::DateFormatError(_) => date_field(text),
        other => Error::usage(format!(
            "cannot run the query {text:?}: {other}; the syntax is {SYNTAX}"
        )),
    }
}

/// Adds people to `ast`: every run of adjacent plain words (or a quoted phrase) that is a person's
/// canonical name, and every single word that is a surname, may also match that person in the
/// exact person field `person_field`, boosted. Runs are found left to right, longest first; words
/// excluded with `-` are never expanded.
pub fn expand(ast: UserInputAst, names: &NameIndex, person_field: &str) -> UserInputAst {
    let clauses = match ast {
        UserInputAst::Clause(clauses) => clauses,
        UserInputAst::Boost(inner, boost) => {
            return UserInputAst::Boost(Box::new(expand(*inner, names, person_field)), boost);
        }
        leaf @ UserInputAst::Leaf(_) => vec![(None, leaf)],
    };
    let clauses: Vec<(Option<Occur>, UserInputAst)> = clauses
        .into_iter()
        .map(|(occur, child)| match child {
            UserInputAst::Leaf(_) => (occur, child),
            nested => (occur, expand(nested, names, person_field)),
        })
        .collect();
    let person = |ids: &[u32]| -> UserInputAst {
        let literals: Vec<UserInputAst> = ids
            .iter()
            .take(MAX_EXPANSION)
            .map(|&id| {
                UserInputAst::from(UserInputLeaf::Literal(UserInputLiteral {
                    field_name: Some(person_field.to_string()),
                    phrase: names.name(id).to_string(),
                    delimiter: Delimiter::DoubleQuotes,
                    slop: 0,
                    prefix: false,
                }))
            })
            .collect();
        UserInputAst::Boost(Box::new(UserInputAst::or(literals)), PERSON_BOOST.into())
    };
    let mut out = Vec::with_capacity(clauses.len());
    let mut i = 0;
    while i < clauses.len() {
        let (occur, ref child) = clauses[i];
        let Some(first) = plain_words(child).filter(|_| occur != Some(Occur::MustNot)) else {
            out.push(clauses[i].clone());
            i += 1;
            continue;
        };
        // The longest run of adjacent plain words, in the same (required) clause, naming a person.
        let mut found = None;
        if matches!(occur, None | Some(Occur::Must)) && is_bare(child) {
            let mut words = first.clone();
            for (j, (o, c)) in clauses.iter().enumerate().skip(i + 1) {
                let Some(more) = plain_words(c).filter(|_| *o == occur && is_bare(c)) else {
                    break;
                };
                words.extend(more);
                if words.len() > names.max_words() {
                    break;
                }
                if let Some(ids) = names.full(&words) {
                    found = Some((j, ids));
                }
            }
        }
        let (last, ids) = match found {
            Some(run) => run,
            None => {
                let ids = names
                    .full(&first)
                    .unwrap_or_else(|| match first.as_slice() {
                        [word] => names.by_surname(word),
                        _ => Vec::new(),
                    });
                (i, ids)
            }
        };
        if ids.is_empty() {
            out.push(clauses[i].clone());
            i += 1;
            continue;
        }
        let words: Vec<UserInputAst> = clauses[i..=last].iter().map(|(_, c)| c.clone()).collect();
        let typed = if words.len() == 1 {
            words
                .into_iter()
                .next()
                .unwrap_or_else(UserInputAst::empty_query)
        } else {
            UserInputAst::and(words)
        };
        out.push((occur, UserInputAst::or(vec![typed, person(&ids)])));
        i = last + 1;
    }
    UserInputAst::Clause(out)
}

/// The name words of `ast` if it is a literal searched in the default fields: a plain word, or a
/// quoted phrase; None for anything else (field:word, prefixes, ranges, `*`, groups).
fn plain_words(ast: &UserInputAst) -> Option<Vec<String>> {
    let UserInputAst::Leaf(leaf) = ast else {
        return None;
    };
    let UserInputLeaf::Literal(lit) = leaf.as_ref() else {
        return None;
    };
    if lit.field_name.is_some() || lit.prefix || lit.slop > 0 {
        return None;
    }
    let words = name_words(&lit.phrase);
    (!words.is_empty()).then_some(words)
}

/// Returns true if and only if `ast` is an unquoted literal (runs are made of bare words only).
fn is_bare(ast: &UserInputAst) -> bool {
    matches!(ast, UserInputAst::Leaf(leaf)
        if matches!(leaf.as_ref(), UserInputLeaf::Literal(l) if l.delimiter == Delimiter::None))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERSONS: &[&str] = &["Ben Bernanke", "Marco Rubio", "Sergey Lavrov", "Wang Yi"];

    fn expanded(query: &str) -> String {
        let persons: Vec<String> = PERSONS.iter().map(|s| s.to_string()).collect();
        let names = NameIndex::new(&persons, &[]);
        let ast = tantivy::query_grammar::parse_query(query).unwrap();
        format!("{:?}", expand(ast, &names, "person"))
    }

    #[test]
    fn surnames_and_full_names_also_match_the_person() {
        assert_eq!(
            expanded("Rubio Lavrov"),
            r#"(*(?Rubio ?("person":"Marco Rubio")^1.5) *(?Lavrov ?("person":"Sergey Lavrov")^1.5))"#
        );
        assert_eq!(
            expanded("sergey lavrov talks"),
            r#"(*(?(+sergey +lavrov) ?("person":"Sergey Lavrov")^1.5) *talks)"#
        );
        assert_eq!(
            expanded(r#""Wang Yi" tariffs"#),
            r#"(*(?"Wang Yi" ?("person":"Wang Yi")^1.5) *tariffs)"#
        );
    }

    #[test]
    fn excluded_fielded_and_unknown_words_are_left_alone() {
        assert_eq!(expanded("-Lavrov Rubio").matches("person").count(), 1);
        assert!(!expanded("title:Lavrov").contains("person"));
        assert!(!expanded("Lav*").contains("person"));
        assert!(
            !expanded("Sergey").contains("person"),
            "a first name is not a surname"
        );
        assert!(!expanded("tariffs").contains("person"));
        // Words inside groups and alternatives are expanded too.
        assert!(expanded("(Rubio OR Bernanke) tariffs").contains(r#""person":"Ben Bernanke""#));
    }

    #[test]
    fn apostrophes_inside_words_are_not_quotes() {
        assert_eq!(
            inner_apostrophes_as_spaces("Rubio's O'Brien"),
            "Rubio s O Brien"
        );
        assert_eq!(
            inner_apostrophes_as_spaces("'Ukraine diplomacy'"),
            "'Ukraine diplomacy'"
        );
        assert!(
            tantivy::query_grammar::parse_query(&inner_apostrophes_as_spaces("Rubio's")).is_ok()
        );
    }

    #[test]
    fn nesting_counts_parentheses() {
        assert_eq!(nesting("(a (b c)) d"), 2);
        assert_eq!(nesting("a) b"), 0);
    }
}
