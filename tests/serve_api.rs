//! `newsdex serve`'s JSON API, run as a user runs it: the binary on an ephemeral loopback port over
//! an index of the test articles (tests/fixtures/search/articles.jsonl: the seed article, Wikinews
//! openings, two wire copies of one of them), asked over plain HTTP/1.1.

#[allow(dead_code)]
mod support;

use serde_json::Value;
use support::{HOSTILE, Server, eventually, fixture_index, index_file, newsdex, request, seed_id};

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect()
}

fn count_of(list: &Value, name: &str) -> Option<u64> {
    list.as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .map(|v| v["articles"].as_u64().unwrap())
}

fn hit_people(hit: &Value) -> Vec<&str> {
    hit["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect()
}

#[test]
fn rubio_lavrov_puts_the_seed_article_first_with_the_documented_fields() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let r = server.json("/api/search?q=Rubio+Lavrov");
    for field in ["total", "took_ms", "hits", "facets"] {
        assert!(r.get(field).is_some(), "no {field} in {r}");
    }
    assert_eq!(r["total"], 1);
    let hit = &r["hits"][0];
    assert_eq!(hit["id"], seed_id().as_str());
    let mut fields: Vec<&str> = hit
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "copies",
            "date",
            "id",
            "people",
            "snippet_html",
            "source",
            "title",
            "url"
        ]
    );
    assert!(hit["title"].as_str().unwrap().starts_with("Kuala Lumpur"));
    assert!(hit_people(hit).contains(&"Sergey Lavrov"));
    let snippet = hit["snippet_html"].as_str().unwrap();
    assert!(
        snippet.contains("<b>Rubio</b>") && snippet.contains("<b>Lavrov</b>"),
        "{snippet}"
    );
    let facets = &r["facets"];
    assert_eq!(count_of(&facets["people"], "Marco Rubio"), Some(1));
    assert_eq!(names(&facets["sources"]), ["RastriyaSamachar24x7"]);
    assert_eq!(
        facets["months"],
        serde_json::json!([]),
        "the seed has no date"
    );
}

#[test]
fn facets_count_every_matching_article_not_only_the_page() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let r = server.json("/api/search?q=*&limit=1");
    assert_eq!(r["hits"].as_array().unwrap().len(), 1);
    // 13 articles, two of them copies of a third: 11 results.
    assert_eq!(r["total"], 11);
    let people = &r["facets"]["people"];
    assert_eq!(count_of(people, "Vladimir Putin"), Some(3));
    assert_eq!(
        count_of(people, "Ben Bernanke"),
        Some(3),
        "copies count once"
    );
    assert!(people.as_array().unwrap().len() <= 20);
    let months = r["facets"]["months"].as_array().unwrap();
    let listed: Vec<&str> = months
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "months oldest first");
    let dated: u64 = months.iter().map(|m| m["articles"].as_u64().unwrap()).sum();
    assert_eq!(dated, 10, "every result but the seed has a date");
    assert!(listed.contains(&"2009-03"));
}

#[test]
fn person_filters_narrow_to_articles_naming_every_person() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let r = server.json("/api/search?person=Ben+Bernanke");
    assert_eq!(r["total"], 3);
    for hit in r["hits"].as_array().unwrap() {
        assert!(hit_people(hit).contains(&"Ben Bernanke"), "{hit}");
    }
    let copied = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["copies"] == 2)
        .expect("the article with two wire copies");
    assert_eq!(copied["date"], "2009-03-16");
    let r = server.json("/api/search?q=*&person=Vladimir%20Putin&person=Sergey+Lavrov");
    assert_eq!(r["total"], 1);
    assert_eq!(r["hits"][0]["id"], seed_id().as_str());
    // A surname only one person has is enough.
    let r = server.json("/api/search?person=Putin");
    assert_eq!(r["total"], 3);
}

#[test]
fn source_and_date_filters_and_date_order() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let r = server.json("/api/search?source=wikinews&limit=100");
    assert_eq!(r["total"], 10);
    assert_eq!(names(&r["facets"]["sources"]), ["Wikinews"]);
    let r = server.json("/api/search?since=2009&until=2009-12&sort=date&limit=100");
    let dates: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates.len(), 4, "{dates:?}");
    assert!(dates.iter().all(|d| d.starts_with("2009-")), "{dates:?}");
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    for m in r["facets"]["months"].as_array().unwrap() {
        assert!(m["month"].as_str().unwrap().starts_with("2009-"), "{m}");
    }
}

#[test]
fn pages_follow_each_other() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let ids = |path: &str| -> Vec<String> {
        server.json(path)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let all = ids("/api/search?sort=date&limit=100");
    assert_eq!(all.len(), 11);
    assert_eq!(ids("/api/search?sort=date&limit=4&offset=4"), all[4..8]);
    assert_eq!(ids("/api/search?sort=date&limit=4&offset=8"), all[8..]);
    assert!(ids("/api/search?sort=date&offset=50").is_empty());
    assert_eq!(ids("/api/search?limit=0"), Vec::<String>::new());
}

#[test]
fn an_article_comes_whole_with_each_mention_at_its_byte_offsets() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let a = server.json(&format!("/api/articles/{}", seed_id()));
    assert_eq!(a["id"], seed_id().as_str());
    let body = a["body"].as_str().unwrap();
    assert!(body.starts_with("Kuala Lumpur, Malaysia"));
    assert!(body.len() > 2000, "the whole body");
    let title = a["title"].as_str().unwrap();
    let lavrov = a["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Sergey Lavrov")
        .expect("Sergey Lavrov among the people");
    let mentions = lavrov["mentions"].as_array().unwrap();
    assert!(mentions.len() >= 2, "{lavrov}");
    for m in mentions {
        let text = if m["in_headline"] == true {
            title
        } else {
            body
        };
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert!(
            matches!(&text[start..end], "Sergey Lavrov" | "Lavrov"),
            "{m} points at {:?}",
            &text[start..end]
        );
    }
}

#[test]
fn people_lists_and_who_appears_with_whom() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let r = server.json("/api/people");
    assert_eq!(r["articles"], 11);
    assert_eq!(count_of(&r["people"], "Vladimir Putin"), Some(3));
    let counts: Vec<u64> = r["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["articles"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most first: {counts:?}"
    );
    let r = server.json("/api/people?q=recession&limit=5");
    assert_eq!(names(&r["people"])[0], "Ben Bernanke");
    assert_eq!(count_of(&r["people"], "Ben Bernanke"), Some(3));
    assert_eq!(count_of(&r["people"], "Vladimir Putin"), None);
    let r = server.json("/api/people?with=Sergey+Lavrov");
    assert_eq!(r["with"], serde_json::json!(["Sergey Lavrov"]));
    let mut with = names(&r["people"]);
    with.sort();
    assert_eq!(
        with,
        [
            "Donald Trump",
            "Marco Rubio",
            "Sergey Ryabkov",
            "Vladimir Putin",
            "Wang Yi"
        ]
    );
    let r = server.json("/api/people?with=Vladimir+Putin&limit=3");
    assert_eq!(r["people"].as_array().unwrap().len(), 3);
    assert!(!names(&r["people"]).contains(&"Vladimir Putin"));
}

#[test]
fn health_says_ok_and_counts_articles() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    assert_eq!(
        server.json("/api/health"),
        serde_json::json!({"status": "ok", "articles": 13})
    );
}

#[test]
fn every_bad_parameter_is_a_400_that_says_what_to_fix() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let long_query = format!("/api/search?q={}", "word+".repeat(101));
    let many_persons = format!("/api/search?{}", "person=Putin&".repeat(11));
    let long_string = format!("/api/search?q=a&source={}", "x".repeat(9000));
    for (path, says) in [
        ("/api/search?limit=101", "limit"),
        ("/api/search?limit=ten", "limit"),
        ("/api/search?limit=-1", "limit"),
        ("/api/search?offset=10001", "offset"),
        ("/api/search?offset=1.5", "offset"),
        ("/api/search?sort=newest", "relevance or date"),
        ("/api/search?q=a&q=b", "q given 2 times"),
        ("/api/search?query=Putin", "unknown parameter"),
        (long_query.as_str(), "q too long"),
        (many_persons.as_str(), "too many person filters"),
        (long_string.as_str(), "too long"),
        ("/api/search?person=Nobody+Anybody", "Nobody Anybody"),
        ("/api/search?person=Brown", "Brown"),
        ("/api/search?since=2009-13", "bad since date \"2009-13\""),
        ("/api/search?until=yesterday", "e.g. until=2025-07"),
        (
            "/api/search?since=2010&until=2009",
            "since=2010 is after until=2009",
        ),
        ("/api/people?since=bad", "bad since date"),
        ("/api/search?q=%22unclosed", "unclosed"),
        ("/api/search?q=title:(", "("),
        ("/api/people?limit=201", "limit"),
        ("/api/people?with=Nobody+Anybody", "Nobody Anybody"),
        ("/api/people?with=a&with=b", "with given 2 times"),
        ("/api/people?sort=date", "unknown parameter"),
        ("/api/articles/..%2F..%2FCargo.toml", "article id"),
        ("/api/articles/%FF%FE", "article id"),
        (
            "/api/articles/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
            "article id",
        ),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 400, "GET {path}: {}", r.body);
        assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
        let error = r.json()["error"].as_str().unwrap().to_string();
        assert!(error.contains(says), "GET {path}: {error:?} lacks {says:?}");
    }
    assert!(!server.stderr().contains("panicked"), "{}", server.stderr());
}

#[test]
fn unknown_ids_and_pages_are_404_and_wrong_methods_405() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    for path in [
        "/api/articles/0123456789abcdef",
        "/api/articles/abc",
        "/api/nothing",
        "/api",
        "/index.html",
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/Cargo.toml",
        "/app.js/../../Cargo.toml",
        "/src/serve/assets/app.js",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "GET {path}: {}", r.body);
        assert!(r.json()["error"].is_string(), "{path}");
        assert!(!r.body.contains("[package]"), "{path} reached a file");
    }
    let r = request(&server.addr, "POST", "/api/search?q=x", &[], Some("{}"));
    assert_eq!(r.status, 405);
    let r = request(&server.addr, "DELETE", "/api/articles/abc", &[], None);
    assert_eq!(r.status, 405);
}

#[test]
fn the_page_and_its_files_are_served_from_the_binary() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let page = server.get("/?q=Rubio+Lavrov&person=Sergey+Lavrov");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains(r#"<input id="q""#));
    assert!(page.body.contains(r#"<script src="/app.js""#));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    for (path, kind) in [
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.header("content-type").unwrap().starts_with(kind),
            "{path}"
        );
        assert!(r.body.len() > 100, "{path}");
    }
    let js = server.get("/app.js").body;
    let elsewhere = js.replace("'http://www.w3.org/2000/svg'", "");
    assert!(
        !elsewhere.contains("http://") && !elsewhere.contains("https://"),
        "the page fetches nothing from elsewhere"
    );
}

#[test]
fn no_cors_headers_unless_asked_for_an_origin() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let origin = [("Origin", "http://elsewhere.example")];
    let r = request(&server.addr, "GET", "/api/health", &origin, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
    drop(server);

    let server = Server::start(dir.path(), &[], &["--cors", "http://localhost:3000"]);
    let r = request(&server.addr, "GET", "/api/search?q=Putin", &origin, None);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    let preflight = [
        ("Origin", "http://localhost:3000"),
        ("Access-Control-Request-Method", "GET"),
    ];
    let r = request(&server.addr, "OPTIONS", "/api/search", &preflight, None);
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("GET, OPTIONS")
    );
    assert_eq!(
        server.get("/").header("access-control-allow-origin"),
        None,
        "only the API is shared"
    );
}

#[test]
fn hostile_article_text_is_escaped_and_new_articles_appear_without_a_restart() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    assert_eq!(server.json("/api/search?q=onerror")["total"], 0);
    // An indexer commits while the server runs: the article shows up without a restart.
    index_file(dir.path(), HOSTILE);
    assert!(
        eventually(200, || server.json("/api/search?q=onerror")["total"] == 1),
        "the new article never appeared"
    );
    assert_eq!(server.json("/api/health")["articles"], 14);

    let r = server.json("/api/search?q=onerror+Lavrov");
    let hit = &r["hits"][0];
    // JSON carries the text as it is; the page inserts it as text.
    assert!(hit["title"].as_str().unwrap().contains("<script>"));
    let snippet = hit["snippet_html"].as_str().unwrap();
    let text = snippet.replace("<b>", "").replace("</b>", "");
    assert!(!text.contains('<') && !text.contains('>'), "{snippet}");
    assert!(text.contains("&lt;script&gt;"), "{snippet}");
    assert!(text.contains("&lt;img src=x onerror=&quot;"), "{snippet}");
    let id = hit["id"].as_str().unwrap();
    let a = server.json(&format!("/api/articles/{id}"));
    assert_eq!(a["url"], "javascript:window.__pwned='url'");
    assert_eq!(a["source"], "Hostile <i>Wire</i>");
}

#[test]
fn the_default_index_is_built_from_the_corpus_on_first_use() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        format!("{}/three.jsonl", support::FIXTURES),
        corpus.join("three.jsonl"),
    )
    .unwrap();
    let server = Server::start(dir.path(), &[], &[]);
    assert!(
        server.said("building it from corpus"),
        "{}",
        server.stderr()
    );
    assert_eq!(server.json("/api/health")["articles"], 3);
    assert!(dir.path().join("index/meta.json").is_file());
}

#[test]
fn bad_addresses_and_missing_indexes_exit_2_with_one_line() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    let taken = server.addr.clone();
    for (args, says) in [
        (vec!["serve", "--addr", taken.as_str()], "already in use"),
        (vec!["serve", "--addr", "nonsense"], "HOST:PORT"),
        (vec!["serve", "--addr", "127.0.0.1:70000"], "HOST:PORT"),
        (
            vec!["serve", "--addr", "127.0.0.1:0", "--cors", "localhost"],
            "--cors",
        ),
        (
            vec!["--index", "elsewhere", "serve", "--addr", "127.0.0.1:0"],
            "no index",
        ),
    ] {
        let out = newsdex(dir.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    assert_eq!(server.get("/api/health").status, 200);
    let (status, stderr) = server.interrupt();
    assert!(status.success(), "{status}: {stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
}

#[test]
fn a_public_address_warns_that_there_is_no_authentication() {
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &["--addr", "0.0.0.0:0"]);
    assert!(server.said("no authentication"), "{}", server.stderr());
}
