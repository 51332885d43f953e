//! The JSON API: each endpoint's parameters, checked before the search library sees them, and the
//! JSON it answers. Field names are stable; the README documents them with curl examples.
//!
//! Every mistake in a request is a 400 with `{"error": "…"}` saying what to fix, an unknown article
//! id a 404; only a failure of the index itself is a 500. Caps keep one request from costing much:
//! [`MAX_QUERY_CHARS`], [`MAX_LIMIT`], [`MAX_OFFSET`], [`MAX_PERSONS`], [`MAX_PEOPLE`].

use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::json;

use crate::error::Error;
use crate::search::dates::{self, DateRange};
use crate::search::{Engine, Facets, Filters, PeopleRequest, SearchRequest, SearchResults, Sort};

/// Longest query (`q`), in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Longest person name, source or date given as a filter, in characters.
pub const MAX_VALUE_CHARS: usize = 200;
/// Most `person` filters in one request.
pub const MAX_PERSONS: usize = 10;
/// Most hits in one page.
pub const MAX_LIMIT: usize = 100;
/// Deepest page start.
pub const MAX_OFFSET: usize = 10_000;
/// Most people in one people list.
pub const MAX_PEOPLE: usize = 200;
/// Longest query string, in bytes.
const MAX_QUERY_STRING: usize = 8 * 1024;
/// Longest article id, in characters.
const MAX_ID_CHARS: usize = 64;

/// The API's routes, answering from `engine`.
pub fn routes(engine: Arc<dyn Engine>) -> Router {
    Router::new()
        .route("/search", get(search))
        .route("/articles/{id}", get(article))
        .route("/people", get(people))
        .route("/health", get(health))
        .with_state(engine)
}

/// `GET /api/search?q=&person=&person=&source=&since=&until=&sort=&limit=&offset=`: one page of
/// hits, and facets over every matching article.
async fn search(State(engine): State<Arc<dyn Engine>>, RawQuery(raw): RawQuery) -> Response {
    let request = match search_request(raw.as_deref()) {
        Ok(request) => request,
        Err(err) => return err.into_response(),
    };
    match blocking(move || engine.search(&request)).await {
        Ok(results) => Json(SearchAnswer::from(&results)).into_response(),
        Err(err) => err.into_response(),
    }
}

fn search_request(raw: Option<&str>) -> Result<SearchRequest, ApiError> {
    let params = Params::parse(
        raw,
        &[
            "q", "person", "source", "since", "until", "sort", "limit", "offset",
        ],
    )?;
    Ok(SearchRequest {
        query: params.query()?.unwrap_or_default(),
        filters: params.filters()?,
        sort: match params.one("sort", MAX_VALUE_CHARS)? {
            Some(sort) => sort.parse::<Sort>()?,
            None => Sort::Relevance,
        },
        limit: params.number("limit", 10, MAX_LIMIT)?,
        offset: params.number("offset", 0, MAX_OFFSET)?,
        facets: true,
        ..SearchRequest::default()
    })
}

/// `GET /api/articles/{id}`: the whole article, with each person's mentions as byte offsets into
/// the title (`in_headline`) or the body.
async fn article(
    State(engine): State<Arc<dyn Engine>>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match id {
        Ok(Path(id)) if valid_id(&id) => id,
        _ => {
            return ApiError::bad_request(format!(
                "bad article id: give the id a search hit has (letters and digits, at most \
                 {MAX_ID_CHARS})"
            ))
            .into_response();
        }
    };
    let wanted = id.clone();
    match blocking(move || engine.article(&wanted)).await {
        Ok(Some(article)) => Json(article).into_response(),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            &format!("no article with id {id} in the index"),
        ),
        Err(err) => err.into_response(),
    }
}

/// Returns true if and only if `id` could be an article id: 1 to [`MAX_ID_CHARS`] ASCII letters
/// and digits.
fn valid_id(id: &str) -> bool {
    (1..=MAX_ID_CHARS).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `GET /api/people?q=&with=&limit=` (and the search filters): people with their article counts,
/// most first; with `with`, who appears most often in the same articles as that person.
async fn people(State(engine): State<Arc<dyn Engine>>, RawQuery(raw): RawQuery) -> Response {
    let request = match people_request(raw.as_deref()) {
        Ok(request) => request,
        Err(err) => return err.into_response(),
    };
    match blocking(move || engine.people(&request)).await {
        Ok(results) => Json(results).into_response(),
        Err(err) => err.into_response(),
    }
}

fn people_request(raw: Option<&str>) -> Result<PeopleRequest, ApiError> {
    let params = Params::parse(
        raw,
        &["q", "with", "limit", "person", "source", "since", "until"],
    )?;
    Ok(PeopleRequest {
        query: params.query()?,
        filters: params.filters()?,
        with: params.one("with", MAX_VALUE_CHARS)?,
        limit: params.number("limit", 20, MAX_PEOPLE)?,
    })
}

/// `GET /api/health`: `{"status": "ok", "articles": N}`, N counting copies, as of the last commit
/// the server has seen.
async fn health(State(engine): State<Arc<dyn Engine>>) -> Response {
    match blocking(move || engine.num_articles()).await {
        Ok(articles) => Json(json!({"status": "ok", "articles": articles})).into_response(),
        Err(err) => err.into_response(),
    }
}

/// The JSON of `/api/search`.
#[derive(Serialize)]
struct SearchAnswer<'a> {
    total: usize,
    took_ms: f64,
    hits: Vec<HitAnswer<'a>>,
    facets: Facets,
}

#[derive(Serialize)]
struct HitAnswer<'a> {
    id: &'a str,
    title: &'a str,
    /// `YYYY-MM-DD`, or null when unknown.
    date: Option<String>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    people: &'a [String],
    /// The snippet as HTML: the article's text escaped, matched words in `<b>`.
    snippet_html: String,
    copies: usize,
}

impl<'a> From<&'a SearchResults> for SearchAnswer<'a> {
    fn from(results: &'a SearchResults) -> SearchAnswer<'a> {
        SearchAnswer {
            total: results.total,
            took_ms: millis(results.took),
            hits: results
                .hits
                .iter()
                .map(|h| HitAnswer {
                    id: &h.id,
                    title: &h.title,
                    date: h.date.map(|d| d.to_string()),
                    source: h.source.as_deref(),
                    url: h.url.as_deref(),
                    people: &h.people,
                    snippet_html: h.snippet.to_html(),
                    copies: h.copies,
                })
                .collect(),
            facets: results.facets.clone().unwrap_or_default(),
        }
    }
}

/// `d` in milliseconds, to two decimals.
fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

/// A request's query-string parameters, decoded, in order.
struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes `raw` (`a=1&b=2`, `+` and `%XX` decoded). A 400 names a parameter not in `known`,
    /// or says the query string is too long.
    fn parse(raw: Option<&str>, known: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_STRING {
            return Err(ApiError::bad_request(format!(
                "query string too long: at most {MAX_QUERY_STRING} bytes"
            )));
        }
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if let Some((name, _)) = pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            return Err(ApiError::bad_request(format!(
                "unknown parameter {name:?}: use {}",
                known.join(", ")
            )));
        }
        Ok(Params { pairs })
    }

    /// The non-empty values of `name`, each checked against `max_chars`.
    fn all(&self, name: &str, max_chars: usize) -> Result<Vec<String>, ApiError> {
        let values: Vec<String> = self
            .pairs
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect();
        if let Some(long) = values.iter().find(|v| v.chars().count() > max_chars) {
            return Err(ApiError::bad_request(format!(
                "{name} too long ({} characters): at most {max_chars}",
                long.chars().count()
            )));
        }
        Ok(values)
    }

    /// The value of `name` when given and not empty; a 400 when given twice or too long.
    fn one(&self, name: &str, max_chars: usize) -> Result<Option<String>, ApiError> {
        let mut values = self.all(name, max_chars)?;
        if values.len() > 1 {
            return Err(ApiError::bad_request(format!(
                "{name} given {} times: give it once",
                values.len()
            )));
        }
        Ok(values.pop())
    }

    /// The query `q`, at most [`MAX_QUERY_CHARS`] characters.
    fn query(&self) -> Result<Option<String>, ApiError> {
        self.one("q", MAX_QUERY_CHARS)
    }

    /// `name` as a whole number from 0 to `max`, `default` when absent.
    fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        let Some(value) = self.one(name, MAX_VALUE_CHARS)? else {
            return Ok(default);
        };
        match value.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "bad {name} {value:?}: give a whole number from 0 to {max}"
            ))),
        }
    }

    /// The filters `person` (repeatable), `source`, `since` and `until`.
    fn filters(&self) -> Result<Filters, ApiError> {
        let persons = self.all("person", MAX_VALUE_CHARS)?;
        if persons.len() > MAX_PERSONS {
            return Err(ApiError::bad_request(format!(
                "too many person filters ({}): at most {MAX_PERSONS}",
                persons.len()
            )));
        }
        let since = self.one("since", MAX_VALUE_CHARS)?;
        let until = self.one("until", MAX_VALUE_CHARS)?;
        // Checked here so that a bad date is answered in the API's words, not the flags'.
        DateRange::parse_named(since.as_deref(), until.as_deref(), &dates::PARAMETERS)
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
        Ok(Filters {
            persons,
            source: self.one("source", MAX_VALUE_CHARS)?,
            since,
            until,
        })
    }
}

/// Runs `work` (a search: CPU-bound, blocking) off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> crate::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let _turn = SEARCHES.acquire().await;
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => Ok(result?),
        Err(_) => Err(ApiError::internal("the search stopped unexpectedly".into())),
    }
}

/// At most one search per core at a time: the others wait their turn rather than share the cores.
static SEARCHES: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

/// An API failure: its status and the message a caller reads.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad_request(message: String) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message,
        }
    }

    fn internal(message: String) -> ApiError {
        eprintln!("newsdex: {message}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message,
        }
    }
}

impl From<Error> for ApiError {
    /// A usage error (the request's fault) is a 400; any other failure, the index's, a 500.
    fn from(err: Error) -> ApiError {
        if err.code() == Error::USAGE {
            ApiError::bad_request(err.to_string())
        } else {
            ApiError::internal(err.to_string())
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error(self.status, &self.message)
    }
}

/// An answer with `status` and the JSON body `{"error": message}`.
pub fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(r: Result<SearchRequest, ApiError>) -> (StatusCode, String) {
        let e = r.unwrap_err();
        (e.status, e.message)
    }

    #[test]
    fn search_parameters_decode_with_defaults() {
        let r = search_request(Some(
            "q=Rubio+Lavrov&person=Sergey%20Lavrov&person=Marco+Rubio&person=&sort=date&limit=5",
        ))
        .unwrap();
        assert_eq!(r.query, "Rubio Lavrov");
        assert_eq!(r.filters.persons, ["Sergey Lavrov", "Marco Rubio"]);
        assert_eq!(r.sort, Sort::Date);
        assert_eq!((r.limit, r.offset), (5, 0));
        assert!(r.facets);
        let r = search_request(None).unwrap();
        assert_eq!(
            (r.query.as_str(), r.limit, r.sort),
            ("", 10, Sort::Relevance)
        );
        let r = search_request(Some("q=&source=&since=")).unwrap();
        assert_eq!((r.filters.source, r.filters.since), (None, None));
    }

    #[test]
    fn bad_search_parameters_are_400_with_the_fix() {
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        let persons = "person=a&".repeat(MAX_PERSONS + 1);
        for (raw, says) in [
            ("limit=101", "from 0 to 100"),
            ("limit=-1", "bad limit"),
            ("offset=10001", "from 0 to 10000"),
            ("offset=x", "bad offset"),
            ("sort=newest", "relevance or date"),
            ("q=a&q=b", "q given 2 times"),
            ("colour=red", "unknown parameter \"colour\""),
            (long.as_str(), "q too long"),
            (persons.as_str(), "too many person filters"),
        ] {
            let (code, message) = status(search_request(Some(raw)));
            assert_eq!(code, StatusCode::BAD_REQUEST, "{raw}");
            assert!(message.contains(says), "{raw}: {message}");
        }
    }

    #[test]
    fn ids_are_short_and_alphanumeric() {
        assert!(valid_id("8f3a0c1d2e4b5a69"));
        for bad in ["", "../etc/passwd", "a b", "x".repeat(65).as_str(), "é"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
