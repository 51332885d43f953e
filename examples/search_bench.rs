//! Benchmark of the search library: latency of searches with facets (and of people lists) on an
//! index, run alone and by concurrent clients.
//!
//! `cargo run --release --example search_bench -- INDEX_DIR [CLIENTS] [ROUNDS]`
//!
//! Each client runs every query of a fixed mix ROUNDS times; the report gives per-query p50 and p99
//! when run alone, then p50/p99 over all requests and the throughput with CLIENTS at once.

use std::path::Path;
use std::time::{Duration, Instant};

use newsdex::search::{Filters, PeopleRequest, SearchRequest, Searcher};

/// The query mix: words, a name pair, a phrase, everything, and filters alone.
const QUERIES: &[(&str, Option<&str>)] = &[
    ("Rubio Lavrov", None),
    ("oil prices", None),
    ("Obama", None),
    ("\"interest rates\" Fed", None),
    ("election OR vote -poll", None),
    ("*", None),
    ("*", Some("Putin")),
];

fn request(query: &str, person: Option<&str>) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        filters: Filters {
            persons: person.map(str::to_string).into_iter().collect(),
            ..Filters::default()
        },
        facets: true,
        ..SearchRequest::default()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), newsdex::Error> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "index".to_string());
    let clients: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let searcher = Searcher::open(Path::new(&dir))?;
    println!("{} articles in {dir}", searcher.num_articles());

    // Warm up as the first requests after a commit would: the first search reads the segments'
    // values, the first one counting or matching people builds the index of their names.
    let started = Instant::now();
    searcher.search(&SearchRequest::default())?;
    println!("first search, segments read: {}", ms(started.elapsed()));
    let started = Instant::now();
    searcher.search(&request("Obama", None))?;
    println!(
        "first search with people, names indexed: {}",
        ms(started.elapsed())
    );

    println!("\nalone, {rounds} runs each: p50 / p99, total hits");
    for &(query, person) in QUERIES {
        let r = request(query, person);
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..rounds.max(20) {
            let t = Instant::now();
            total = searcher.search(&r)?.total;
            times.push(t.elapsed());
        }
        times.sort();
        let label = person.map_or(query.to_string(), |p| format!("{query} --person {p}"));
        println!(
            "  {label:<28} {} / {}  ({total} results)",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99))
        );
    }
    let t = Instant::now();
    let people = searcher.people(&PeopleRequest {
        limit: 20,
        ..PeopleRequest::default()
    })?;
    println!(
        "  people (all articles)        {}  ({} articles)",
        ms(t.elapsed()),
        people.articles
    );

    let started = Instant::now();
    let mut times: Vec<Duration> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let searcher = &searcher;
                s.spawn(move || {
                    let mut times = Vec::new();
                    for round in 0..rounds {
                        for i in 0..QUERIES.len() {
                            let (query, person) = QUERIES[(i + c + round) % QUERIES.len()];
                            let t = Instant::now();
                            searcher.search(&request(query, person)).map(|_| ())?;
                            times.push(t.elapsed());
                        }
                    }
                    Ok::<_, newsdex::Error>(times)
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("client thread").expect("search"))
            .collect()
    });
    let wall = started.elapsed();
    times.sort();
    println!(
        "\n{clients} concurrent clients, {} searches with facets: p50 {}, p99 {}, max {}, {:.0} searches/s",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
        times.len() as f64 / wall.as_secs_f64()
    );
    Ok(())
}
