//! A Quickwit node's REST API, as the documentation of Quickwit 0.9 states it: the index API
//! (`GET`/`POST /api/v1/indexes`), ingest (`POST /api/v1/{index}/ingest`), delete tasks
//! (`POST /api/v1/{index}/delete-tasks`) and the cluster state (`GET /api/v1/cluster`).
//!
//! Every failure is one line naming the node and what to do. Requests that Quickwit refused
//! without taking anything (429, 5xx, a connection refused while a node restarts) are retried
//! with a doubling pause; a connection lost after a request was sent is not, since Quickwit may
//! have taken it: the caller stops and the next run resumes from its manifest.
//!
//! The HTTP client is `ureq` without TLS: a plain-http client that handles chunked bodies and
//! timeouts, sharing the `http` crate axum already brings. A cluster behind https is reached
//! through a local proxy.

use std::time::Duration;

use serde_json::Value;

use crate::error::{Error, Result};

/// Longest wait for one request (an ingest of 10 MB with `commit=wait_for` included).
const TIMEOUT: Duration = Duration::from_secs(120);
/// Largest response body read.
const MAX_RESPONSE: u64 = 64 << 20;

/// When the documents of an ingest become searchable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commit {
    /// As Quickwit decides (at the index's commit timeout).
    Auto,
    /// The request returns once its documents are committed.
    WaitFor,
}

/// A connection to one Quickwit node.
pub struct Client {
    /// `http://host:port`, without a final slash.
    base: String,
    agent: ureq::Agent,
    timeout: Duration,
    /// Attempts of a request Quickwit refused before giving up, and the first pause between
    /// them (doubled each time, at most a minute).
    pub attempts: u32,
    pub pause: Duration,
}

/// An answer of the node.
#[derive(Debug)]
struct Answer {
    status: u16,
    body: String,
}

/// How a request failed.
enum Failure {
    /// Nothing reached Quickwit or Quickwit took nothing (refused connection, 429, 5xx): safe to
    /// send again.
    Refused(String),
    /// The connection failed after the request was sent: Quickwit may have taken it.
    Unknown(String),
}

impl Client {
    /// A client for the node at `url` (`http://host:port`). Fails with a usage error for a URL that
    /// is not plain http.
    pub fn new(url: &str) -> Result<Client> {
        Client::with_timeout(url, TIMEOUT)
    }

    /// As [`Client::new`], waiting at most `timeout` for each answer.
    pub fn with_timeout(url: &str, timeout: Duration) -> Result<Client> {
        let base = url.trim().trim_end_matches('/').to_string();
        if base.starts_with("https://") {
            return Err(Error::usage(format!(
                "{url}: newsdex speaks plain http to Quickwit; reach an https cluster through a \
                 local proxy (such as `kubectl port-forward` or an ssh tunnel)"
            )));
        }
        let rest = base.strip_prefix("http://").unwrap_or("");
        if rest.is_empty() || rest.contains(['/', ' ', '?', '#']) {
            return Err(Error::usage(format!(
                "bad Quickwit URL {url:?}: give the node's address, such as http://127.0.0.1:7280"
            )));
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .build();
        Ok(Client {
            timeout,
            base,
            agent: config.into(),
            attempts: 8,
            pause: Duration::from_millis(500),
        })
    }

    /// The node's address, as given.
    pub fn url(&self) -> &str {
        &self.base
    }

    /// Checks that the node answers as Quickwit does (`GET /api/v1/cluster` is a JSON object).
    pub fn check(&self) -> Result<()> {
        let answer = self.send_once("GET", "/api/v1/cluster", None)?;
        let json: Option<Value> = serde_json::from_str(&answer.body).ok();
        if answer.status == 200 && json.as_ref().is_some_and(Value::is_object) {
            return Ok(());
        }
        Err(Error::usage(format!(
            "{} does not answer as a Quickwit node (GET /api/v1/cluster gave HTTP {}{}): check \
             the URL and port (Quickwit listens on 7280 by default)",
            self.base,
            answer.status,
            if json.is_none() { ", not JSON" } else { "" }
        )))
    }

    /// The metadata of index `index` (`GET /api/v1/indexes/{index}`), or None if there is no such
    /// index.
    pub fn index(&self, index: &str) -> Result<Option<Value>> {
        let answer = self.send_once("GET", &format!("/api/v1/indexes/{index}"), None)?;
        match answer.status {
            404 => Ok(None),
            200 => serde_json::from_str(&answer.body).map(Some).map_err(|e| {
                Error::failure(format!(
                    "{}: the metadata of index {index} is not JSON ({e})",
                    self.base
                ))
            }),
            _ => Err(self.refusal(&format!("reading index {index}"), &answer)),
        }
    }

    /// Creates an index from `config` (`POST /api/v1/indexes`). Returns its metadata.
    pub fn create_index(&self, config: &Value) -> Result<Value> {
        let body = config.to_string();
        let answer = self.send_once(
            "POST",
            "/api/v1/indexes",
            Some(("application/json", body.as_bytes())),
        )?;
        match answer.status {
            200..=299 => Ok(serde_json::from_str(&answer.body).unwrap_or(Value::Null)),
            _ => Err(self.refusal("creating the index", &answer)),
        }
    }

    /// Ingests `ndjson` (at most 10 MB, one document a line) into `index`, retrying while Quickwit
    /// refuses it. Returns the number of documents Quickwit took for processing. Fails, with
    /// Quickwit's reason for the first, when it rejected documents (`num_rejected_docs`).
    pub fn ingest(&self, index: &str, ndjson: &[u8], commit: Commit) -> Result<u64> {
        let path = match commit {
            Commit::Auto => format!("/api/v1/{index}/ingest?detailed_response=true"),
            Commit::WaitFor => {
                format!("/api/v1/{index}/ingest?commit=wait_for&detailed_response=true")
            }
        };
        let answer = self.send_retrying("POST", &path, ("application/x-ndjson", ndjson))?;
        let json: Value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
        let rejected = json
            .get("num_rejected_docs")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        if rejected > 0 {
            let failure = json.pointer("/parse_failures/0");
            let reason = failure
                .and_then(|f| f.get("message"))
                .and_then(Value::as_str)
                .unwrap_or("no reason given");
            let id = failure
                .and_then(|f| f.get("document"))
                .and_then(Value::as_str)
                .and_then(|d| serde_json::from_str::<Value>(d).ok())
                .and_then(|d| {
                    Some(format!(
                        " (article {} of {})",
                        d.get("id")?.as_str()?,
                        d.get("path")?.as_str()?
                    ))
                })
                .unwrap_or_default();
            return Err(Error::failure(format!(
                "Quickwit at {} rejected {rejected} {}: {}{id}; is the index newsdex's?",
                self.base,
                if rejected == 1 { "article" } else { "articles" },
                reason.replace('\n', " ")
            )));
        }
        Ok(json
            .get("num_docs_for_processing")
            .and_then(Value::as_u64)
            .unwrap_or(0))
    }

    /// Creates a delete task for the documents of `index` matching `query` (Quickwit's query
    /// language). Returns its operation stamp.
    pub fn delete_task(&self, index: &str, query: &str) -> Result<u64> {
        let body = serde_json::json!({ "query": query }).to_string();
        let answer = self.send_retrying(
            "POST",
            &format!("/api/v1/{index}/delete-tasks"),
            ("application/json", body.as_bytes()),
        )?;
        let json: Value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
        Ok(json.get("opstamp").and_then(Value::as_u64).unwrap_or(0))
    }

    /// Runs a search on `index` (`POST /api/v1/{index}/search` with the JSON `request`) and
    /// returns Quickwit's answer. Searches are retried while Quickwit refuses them (429, 5xx), as
    /// they change nothing; a 400 is an error with Quickwit's message, a 404 one saying the index
    /// is missing.
    pub fn search(&self, index: &str, request: &Value) -> Result<Value> {
        let body = request.to_string();
        let path = format!("/api/v1/{index}/search");
        let answer =
            self.send_until_answered("POST", &path, ("application/json", body.as_bytes()))?;
        match answer.status {
            200..=299 => {}
            404 => return Err(self.missing(index)),
            _ => return Err(self.refusal(&format!("a search of {index}"), &answer)),
        }
        serde_json::from_str(&answer.body).map_err(|e| {
            Error::failure(format!(
                "Quickwit at {} answered a search of {index} with something that is not JSON \
                 ({e}): is it a Quickwit node?",
                self.base
            ))
        })
    }

    /// The statistics of index `index` (`GET /api/v1/indexes/{index}/describe`: published
    /// documents and splits).
    pub fn describe(&self, index: &str) -> Result<Value> {
        let answer = self.send_once("GET", &format!("/api/v1/indexes/{index}/describe"), None)?;
        match answer.status {
            200 => serde_json::from_str(&answer.body).map_err(|e| {
                Error::failure(format!(
                    "{}: the description of index {index} is not JSON ({e})",
                    self.base
                ))
            }),
            404 => Err(self.missing(index)),
            _ => Err(self.refusal(&format!("describing index {index}"), &answer)),
        }
    }

    /// The error for an index the node does not have.
    fn missing(&self, index: &str) -> Error {
        Error::failure(format!(
            "Quickwit at {} has no index {index}: push an archive to it first (newsdex push \
             --quickwit {} --index {index} PATH…) or check the name",
            self.base, self.base
        ))
    }

    /// Sends a request once; a 4xx or 5xx answer is returned, a connection failure is an error.
    fn send_once(&self, method: &str, path: &str, body: Option<(&str, &[u8])>) -> Result<Answer> {
        self.send(method, path, body).map_err(|f| match f {
            Failure::Refused(why) => Error::failure(format!(
                "cannot reach Quickwit at {}: {why} (is it running? check the URL)",
                self.base
            )),
            Failure::Unknown(why) => Error::failure(format!(
                "Quickwit at {} failed to answer {method} {path}: {why}",
                self.base
            )),
        })
    }

    /// Sends a request until Quickwit takes it ([`Client::send_until_answered`]). A 4xx is an
    /// error with Quickwit's message.
    fn send_retrying(&self, method: &str, path: &str, body: (&str, &[u8])) -> Result<Answer> {
        let answer = self.send_until_answered(method, path, body)?;
        match answer.status {
            200..=299 => Ok(answer),
            _ => Err(self.refusal(&format!("{method} {path}"), &answer)),
        }
    }

    /// Sends a request until Quickwit answers it with a 2xx or a 4xx, which is returned: 429, 5xx
    /// and refused connections are tried again after a pause that doubles, up to
    /// [`Client::attempts`] times. A connection lost after sending is an error saying to run
    /// again.
    fn send_until_answered(&self, method: &str, path: &str, body: (&str, &[u8])) -> Result<Answer> {
        let mut pause = self.pause;
        let mut last = String::new();
        for attempt in 1..=self.attempts.max(1) {
            if attempt > 1 {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_secs(60));
            }
            match self.send(method, path, Some(body)) {
                Ok(answer) if answer.status == 429 || answer.status >= 500 => {
                    last = format!("HTTP {}{}", answer.status, message_part(&answer.body));
                }
                Ok(answer) => return Ok(answer),
                Err(Failure::Refused(why)) => last = why,
                Err(Failure::Unknown(why)) => {
                    return Err(Error::failure(format!(
                        "the connection to Quickwit at {} broke during {method} {path} ({why}): \
                         run the same command again to resume",
                        self.base
                    )));
                }
            }
        }
        Err(Error::failure(format!(
            "Quickwit at {} refused {method} {path} {} times (last: {last}): run the same command \
             again later to resume",
            self.base,
            self.attempts.max(1)
        )))
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, &[u8])>,
    ) -> std::result::Result<Answer, Failure> {
        let url = format!("{}{path}", self.base);
        let result = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            (_, Some((kind, bytes))) => self
                .agent
                .post(&url)
                .header("content-type", kind)
                .send(bytes),
            (_, None) => self.agent.post(&url).send_empty(),
        };
        let mut response = result.map_err(|e| match &e {
            ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
                Failure::Refused(e.to_string())
            }
            ureq::Error::Timeout(_) => Failure::Unknown(format!(
                "no answer within {} s (the cluster is overloaded or stuck)",
                self.timeout.as_secs_f64()
            )),
            ureq::Error::Io(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::NotFound
                ) =>
            {
                Failure::Refused(e.to_string())
            }
            _ => Failure::Unknown(e.to_string()),
        })?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE)
            .read_to_string()
            .map_err(|e| Failure::Unknown(e.to_string()))?;
        Ok(Answer { status, body })
    }

    /// The error for a 4xx or 5xx answer: what was being done, the status and Quickwit's message.
    fn refusal(&self, doing: &str, answer: &Answer) -> Error {
        Error::failure(format!(
            "Quickwit at {} refused {doing}: HTTP {}{}",
            self.base,
            answer.status,
            message_part(&answer.body)
        ))
    }
}

/// `: message` from a Quickwit error body (`{"message": …}`), or a short plain-text body; empty
/// when there is neither.
fn message_part(body: &str) -> String {
    let message = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| {
            let text: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.starts_with('<') || text.len() > 200 {
                String::new()
            } else {
                text
            }
        });
    if message.is_empty() {
        String::new()
    } else {
        format!(": {}", message.replace('\n', " "))
    }
}

#[cfg(test)]
pub(crate) mod fake {
    //! A fake Quickwit node on 127.0.0.1 for tests: answers each request with the next canned
    //! answer and records what it received.

    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    /// One request as received.
    #[derive(Clone, Debug)]
    pub struct Request {
        pub method: String,
        pub path: String,
        pub body: String,
    }

    /// The node: its URL and the requests it received.
    pub struct Node {
        pub url: String,
        pub requests: Arc<Mutex<Vec<Request>>>,
    }

    /// Starts a node answering, in turn, `answers` (status, body); after the last, it stops.
    /// A `None` answer closes the connection without answering.
    pub fn node(answers: Vec<Option<(u16, String)>>) -> Node {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for answer in answers {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut parts = line.split_whitespace();
                let method = parts.next().unwrap_or("").to_string();
                let path = parts.next().unwrap_or("").to_string();
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    reader.read_line(&mut header).unwrap();
                    let header = header.trim();
                    if header.is_empty() {
                        break;
                    }
                    if let Some((k, v)) = header.split_once(':')
                        && k.eq_ignore_ascii_case("content-length")
                    {
                        length = v.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                seen.lock().unwrap().push(Request {
                    method,
                    path,
                    body: String::from_utf8_lossy(&body).into_owned(),
                });
                let mut stream = stream;
                if let Some((status, body)) = answer {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: \
                         {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                }
            }
        });
        Node { url, requests }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::node;
    use super::*;

    fn client(url: &str) -> Client {
        let mut c = Client::new(url).unwrap();
        c.pause = Duration::from_millis(1);
        c.attempts = 3;
        c
    }

    #[test]
    fn urls_other_than_plain_http_are_usage_errors() {
        for url in [
            "https://qw:7280",
            "qw:7280",
            "http://",
            "http://qw:7280/api",
        ] {
            let err = Client::new(url).err().unwrap();
            assert_eq!(err.code(), Error::USAGE, "{url}");
        }
        assert_eq!(
            Client::new("http://127.0.0.1:7280/").unwrap().url(),
            "http://127.0.0.1:7280"
        );
    }

    #[test]
    fn a_node_that_is_down_is_one_line_and_exit_1() {
        // A port nobody listens on: bind one, then free it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = client(&format!("http://127.0.0.1:{port}"))
            .check()
            .unwrap_err();
        assert_eq!(err.code(), Error::FAILURE);
        assert!(
            err.to_string()
                .starts_with("cannot reach Quickwit at http://127.0.0.1:"),
            "{err}"
        );
        assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn a_cluster_that_does_not_answer_in_time_is_one_line_and_exit_1() {
        // Connections are queued but never answered.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let c = Client::with_timeout(&url, Duration::from_millis(200)).unwrap();
        let err = c.check().unwrap_err();
        assert_eq!(err.code(), Error::FAILURE);
        assert_eq!(
            err.to_string(),
            format!(
                "Quickwit at {url} failed to answer GET /api/v1/cluster: no answer within 0.2 s \
                 (the cluster is overloaded or stuck)"
            )
        );
        let err = c.ingest("news", b"{}\n", Commit::Auto).unwrap_err();
        assert!(
            err.to_string()
                .contains("run the same command again to resume"),
            "{err}"
        );
        drop(listener);
    }

    #[test]
    fn a_server_that_is_not_quickwit_is_named_so() {
        let n = node(vec![Some((404, "<html>Not Found</html>".into()))]);
        let err = client(&n.url).check().unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(
            err.to_string()
                .contains("does not answer as a Quickwit node"),
            "{err}"
        );
        assert!(err.to_string().contains("HTTP 404, not JSON"), "{err}");
    }

    #[test]
    fn a_4xx_carries_quickwits_message() {
        let n = node(vec![Some((
            400,
            r#"{"message":"failed to parse document"}"#.into(),
        ))]);
        let err = client(&n.url)
            .ingest("news", b"{}\n", Commit::Auto)
            .unwrap_err();
        assert_eq!(err.code(), Error::FAILURE);
        assert!(
            err.to_string()
                .ends_with("HTTP 400: failed to parse document"),
            "{err}"
        );
    }

    #[test]
    fn ingest_retries_429_and_5xx_then_succeeds_once() {
        let n = node(vec![
            Some((429, r#"{"message":"too many requests"}"#.into())),
            Some((503, "".into())),
            Some((200, r#"{"num_docs_for_processing":2}"#.into())),
        ]);
        let taken = client(&n.url)
            .ingest("news", b"{\"id\":\"a\"}\n{\"id\":\"b\"}\n", Commit::WaitFor)
            .unwrap();
        assert_eq!(taken, 2);
        let requests = n.requests.lock().unwrap();
        assert_eq!(requests.len(), 3);
        assert!(requests.iter().all(|r| r.method == "POST"
            && r.path == "/api/v1/news/ingest?commit=wait_for&detailed_response=true"
            && r.body == "{\"id\":\"a\"}\n{\"id\":\"b\"}\n"));
    }

    #[test]
    fn rejected_documents_are_an_error_naming_the_first_one_and_why() {
        let answer = serde_json::json!({
            "num_docs_for_processing": 2, "num_ingested_docs": 1, "num_rejected_docs": 1,
            "parse_failures": [{
                "message": "failed to parse field `date`",
                "reason": "invalid_schema",
                "document": "{\"id\":\"00ab\",\"path\":\"corpus/a.json\"}"
            }]
        });
        let n = node(vec![Some((200, answer.to_string()))]);
        let err = client(&n.url)
            .ingest("news", b"{}\n{}\n", Commit::Auto)
            .unwrap_err();
        assert_eq!(err.code(), Error::FAILURE);
        assert_eq!(
            err.to_string(),
            format!(
                "Quickwit at {} rejected 1 article: failed to parse field `date` (article 00ab \
                 of corpus/a.json); is the index newsdex's?",
                n.url
            )
        );
    }

    #[test]
    fn ingest_gives_up_after_its_attempts_with_the_last_reason() {
        let n = node(vec![Some((503, "".into())); 3]);
        let err = client(&n.url)
            .ingest("news", b"{}\n", Commit::Auto)
            .unwrap_err();
        assert!(
            err.to_string().contains("3 times (last: HTTP 503)"),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("run the same command again later to resume")
        );
    }

    #[test]
    fn a_connection_lost_after_sending_is_not_sent_again() {
        let n = node(vec![None, Some((200, "{}".into()))]);
        let err = client(&n.url)
            .ingest("news", b"{}\n", Commit::Auto)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("run the same command again to resume"),
            "{err}"
        );
        assert_eq!(n.requests.lock().unwrap().len(), 1, "not sent twice");
    }

    #[test]
    fn index_metadata_missing_is_none_and_delete_tasks_post_the_query() {
        let n = node(vec![
            Some((404, r#"{"message":"index `news` not found"}"#.into())),
            Some((200, r#"{"opstamp":7}"#.into())),
        ]);
        let c = client(&n.url);
        assert!(c.index("news").unwrap().is_none());
        assert_eq!(c.delete_task("news", "path:\"a.txt\"").unwrap(), 7);
        let requests = n.requests.lock().unwrap();
        assert_eq!(requests[1].path, "/api/v1/news/delete-tasks");
        assert_eq!(requests[1].body, r#"{"query":"path:\"a.txt\""}"#);
    }
}
