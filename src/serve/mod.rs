//! `newsdex serve`: a web page and a JSON API over an index, for people who do not live in a terminal.
//!
//! [`serve`] checks the options, binds the address (so that a port in use fails at once), opens the
//! archive — a local index ([`open_local`], building the default one from `./corpus` first, as
//! `search` does) or a Quickwit cluster (`crate::quickwit::cluster`), both an [`Engine`] — prints
//! the address it listens on, and answers until Ctrl-C (or SIGTERM). It only reads the archive: a
//! local [`Searcher`] follows the indexer's commits and a cluster's people table follows its
//! pushes, so new articles appear without a restart.
//!
//! ```text
//! GET /                      the page (page.rs, assets embedded in the binary)
//! GET /api/search?q=…        hits, facets            ┐
//! GET /api/articles/{id}     one article, mentions   ├ api.rs: parameters checked, JSON out,
//! GET /api/people?q=&with=   people, co-occurrence   │ bad input 400 {error}, unknown id 404
//! GET /api/health            status, article count   ┘
//! ```
//!
//! No path from a request reaches the file system: the page's files are compiled in and the API
//! reads only the index opened at start.

mod api;
mod page;

use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use crate::error::{Error, Result};
use crate::index;
use crate::search::{Engine, Searcher};

/// How `newsdex serve` was asked to run.
#[derive(Clone, Debug)]
pub struct Options {
    /// `HOST:PORT` to listen on; port 0 picks a free port (printed at start).
    pub addr: String,
    /// The one origin allowed to call the API from another site's pages (`*` for any); no CORS
    /// headers at all when None.
    pub cors: Option<String>,
}

/// The local index at `index_dir`, opened for serving: its search tables ready, its values in
/// memory and the last `answers_kept` answers of each kind remembered. When there is no index
/// there and the user did not name one (`named` false), builds it from `./corpus` first, as
/// `newsdex search` does.
pub fn open_local(index_dir: &Path, named: bool, answers_kept: usize) -> Result<Arc<dyn Engine>> {
    let searcher = Searcher::in_folder(index::ensure_index(index_dir, named)?, index_dir)?
        .remember_answers(answers_kept)
        .keep_values_in_memory();
    // Open the search tables now rather than on the first visitor's time.
    if let Some(note) = searcher.prepare()? {
        eprintln!("{note}");
    }
    Ok(Arc::new(searcher))
}

/// Serves the archive `open` opens (once the address is bound) until Ctrl-C.
///
/// Prints `newsdex: serving N articles at http://ADDR/` on stdout once it answers. Fails with a
/// usage error (exit 2) when the address is not `HOST:PORT`, is in use or may not be bound, or when
/// the CORS origin is not an origin.
pub fn serve(open: impl FnOnce() -> Result<Arc<dyn Engine>>, options: &Options) -> Result<()> {
    let cors = options.cors.as_deref().map(cors_origin).transpose()?;
    let addr = parse_addr(&options.addr)?;
    let listener = bind(addr)?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::failure(format!("cannot read the bound address: {e}")))?;
    if !bound.ip().is_loopback() {
        eprintln!(
            "newsdex: warning: listening on {bound}, reachable from other machines: newsdex serve \
             has no authentication, so anyone who can reach this address can read the archive"
        );
    }
    let engine = open()?;
    let articles = engine.num_articles()?;
    let app = router(engine, cors);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::failure(format!("cannot start the server's runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::failure(format!("cannot listen on {bound}: {e}")))?;
        println!("newsdex: serving {articles} articles at http://{bound}/ (Ctrl-C stops)");
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| Error::failure(format!("serving on {bound}: {e}")))
    })?;
    eprintln!("newsdex: stopped");
    Ok(())
}

/// Every route: the page and its files, the API, a JSON 404 for anything else; CORS headers on
/// API answers when `cors` names an origin; security headers on every answer.
fn router(engine: Arc<dyn Engine>, cors: Option<HeaderValue>) -> Router {
    let mut router = Router::new()
        .merge(page::routes())
        .nest("/api", api::routes(engine))
        .fallback(not_found);
    if let Some(origin) = cors {
        router = router.layer(middleware::from_fn_with_state(
            Arc::new(origin),
            allow_origin,
        ));
    }
    router.layer(middleware::from_fn(security_headers))
}

async fn not_found() -> Response {
    api::error(StatusCode::NOT_FOUND, "no such page or API endpoint")
}

/// Headers that keep a hostile article from running anything even if its text were ever inserted
/// as HTML: scripts, styles and requests only from this server; no framing; no MIME sniffing.
const SECURITY_HEADERS: [(HeaderName, &str); 3] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
];

/// Headers a preflight answer adds to the CORS ones.
const PREFLIGHT_HEADERS: [(HeaderName, &str); 2] = [
    (header::ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS"),
    (header::ACCESS_CONTROL_MAX_AGE, "600"),
];

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    for (name, value) in SECURITY_HEADERS {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Lets pages from `origin` call the API: answers preflight requests and marks every API answer.
async fn allow_origin(
    State(origin): State<Arc<HeaderValue>>,
    request: Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let preflight = api && request.method() == Method::OPTIONS;
    let mut response = if preflight {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(request).await
    };
    if api {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, (*origin).clone());
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
        if preflight {
            for (name, value) in PREFLIGHT_HEADERS {
                headers.insert(name, HeaderValue::from_static(value));
            }
        }
    }
    response
}

/// Returns the `--cors` value as a header value if it is `*` or an origin (`scheme://host[:port]`,
/// nothing after it); a usage error otherwise.
fn cors_origin(origin: &str) -> Result<HeaderValue> {
    let bad = || {
        Error::usage(format!(
            "bad --cors {origin:?}: give an origin such as http://localhost:3000 (scheme, host, \
             optional port, no path), or * for any"
        ))
    };
    if origin != "*" {
        let rest = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .ok_or_else(bad)?;
        let host_ok = !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !host_ok {
            return Err(bad());
        }
    }
    HeaderValue::from_str(origin).map_err(|_| bad())
}

/// Resolves `HOST:PORT` (an IP address or a host name such as `localhost`) to its first address.
fn parse_addr(addr: &str) -> Result<SocketAddr> {
    let bad = |why: String| {
        Error::usage(format!(
            "bad --addr {addr:?}: {why}: give HOST:PORT, such as 127.0.0.1:7700"
        ))
    };
    if let Ok(parsed) = addr.parse::<SocketAddr>() {
        return Ok(parsed);
    }
    if !addr.contains(':') {
        return Err(bad("no port".into()));
    }
    addr.to_socket_addrs()
        .map_err(|e| bad(e.to_string()))?
        .next()
        .ok_or_else(|| bad("the host has no address".into()))
}

/// Binds `addr`; a port already in use, or one this user may not bind, is a usage error.
fn bind(addr: SocketAddr) -> Result<TcpListener> {
    let listener = TcpListener::bind(addr).map_err(|e| {
        use std::io::ErrorKind::*;
        let fix = match e.kind() {
            AddrInUse => "address already in use: stop the other server or choose another --addr",
            PermissionDenied => "permission denied: choose a port above 1023 with --addr",
            AddrNotAvailable => "no such address on this machine: choose another --addr",
            _ => return Error::usage(format!("cannot listen on {addr}: {e}")),
        };
        Error::usage(format!("cannot listen on {addr}: {fix}"))
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::failure(format!("cannot listen on {addr}: {e}")))?;
    Ok(listener)
}

/// Resolves when the process is asked to stop: Ctrl-C, or SIGTERM on Unix.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_parse_or_say_what_to_give() {
        assert_eq!(
            parse_addr("127.0.0.1:7700").unwrap(),
            "127.0.0.1:7700".parse().unwrap()
        );
        assert!(parse_addr("[::1]:0").unwrap().ip().is_loopback());
        assert!(parse_addr("localhost:7700").unwrap().ip().is_loopback());
        for bad in [
            "7700",
            "127.0.0.1",
            "127.0.0.1:99999",
            "",
            "not an address:80:80",
        ] {
            let err = parse_addr(bad).unwrap_err();
            assert_eq!(err.code(), Error::USAGE, "{bad}");
            assert!(err.to_string().contains("HOST:PORT"), "{err}");
        }
    }

    #[test]
    fn a_port_in_use_is_a_usage_error() {
        let first = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let err = bind(first.local_addr().unwrap()).unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("already in use"), "{err}");
    }

    #[test]
    fn cors_takes_origins_only() {
        for good in ["*", "http://localhost:3000", "https://news.example.org"] {
            assert_eq!(cors_origin(good).unwrap(), good);
        }
        for bad in [
            "localhost:3000",
            "http://",
            "https://a.org/path",
            "http://a b",
            "ftp://x",
        ] {
            assert_eq!(cors_origin(bad).unwrap_err().code(), Error::USAGE, "{bad}");
        }
    }
}
