//! The `newsdex serve` page in a real browser: headless Chromium from Debian's packages, driven over
//! WebDriver by chromedriver, against the server on an ephemeral loopback port. Screenshots go to
//! `target/serve-*.png`. Skips, saying so, where Chromium or chromedriver is not installed
//! (`.ci/run` installs both: `apt-get install -y chromium chromium-driver`).

#[allow(dead_code)]
mod support;

use support::webdriver::Browser;
use support::{HOSTILE, Server, fixture_index, index_file, seed_id, target_dir};

/// The browser, or None after saying why the test is skipped.
fn browser() -> Option<Browser> {
    match Browser::start() {
        Ok(browser) => Some(browser),
        Err(why) => {
            eprintln!("skipping the browser test: {why}");
            None
        }
    }
}

/// A JavaScript expression: the texts of the elements matching `css`, as an array.
fn texts(css: &str) -> String {
    format!("[...document.querySelectorAll({css:?})].map(e => e.textContent)")
}

#[test]
fn search_narrow_by_a_person_and_read_the_article_with_its_people_marked() {
    let Some(browser) = browser() else { return };
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    browser.goto(&server.url());
    browser.wait_for(
        "the archive's newest articles",
        "return document.querySelectorAll('#hits .hit').length === 10",
    );

    // `/` focuses the search box; Enter searches.
    browser.type_into("body", "/");
    assert_eq!(browser.run("return document.activeElement.id"), "q");
    browser.type_into("#q", "Rubio Lavrov\u{E007}");
    browser.wait_for(
        "the results for Rubio Lavrov",
        "return location.search === '?q=Rubio+Lavrov' \
         && document.querySelector('#summary').textContent.includes('Rubio Lavrov')",
    );
    assert_eq!(
        browser.run("return document.querySelector('#hits .hit h3 a').dataset.id"),
        seed_id().as_str(),
        "the seed article is first"
    );
    assert_eq!(
        browser.run("return document.querySelectorAll('#hits .hit .snippet b').length > 0"),
        true,
        "matched words are highlighted"
    );

    // The people facet: Sergey Lavrov becomes a removable filter chip.
    browser.click("#people-facet button[data-name='Sergey Lavrov']");
    browser.wait_for(
        "the Sergey Lavrov filter",
        "return location.search === '?q=Rubio+Lavrov&person=Sergey+Lavrov' \
         && document.querySelectorAll('#chips .chip').length === 1",
    );
    assert_eq!(
        browser.run(&format!("return {}", texts("#chips .chip-label"))),
        serde_json::json!(["Sergey Lavrov"])
    );
    assert_eq!(
        browser.run(
            "return [...document.querySelectorAll('#hits .hit')].every(h => \
             [...h.querySelectorAll('.people button')].some(b => b.textContent === 'Sergey Lavrov'))"
        ),
        true,
        "every result names Sergey Lavrov"
    );
    assert_eq!(
        browser.run("return document.querySelector('#hits .hit h3 a').dataset.id"),
        seed_id().as_str()
    );
    assert_eq!(
        browser.run(
            "return document.querySelector(\"#people-facet button[data-name='Sergey Lavrov']\")\
             .getAttribute('aria-pressed')"
        ),
        "true"
    );
    browser.screenshot(&target_dir().join("serve-results.png"));

    // The article: every mention of each person marked, and who else appears with them.
    browser.click("#hits .hit h3 a");
    browser.wait_for(
        "the article with its people marked",
        "return !document.querySelector('#article-view').hidden \
         && document.querySelectorAll('#article-view mark.mention').length > 0",
    );
    assert_eq!(
        browser.run("return new URLSearchParams(location.search).get('article')"),
        seed_id().as_str()
    );
    let lavrov = browser.run(&format!(
        "return {}",
        texts("#article-view .story mark.mention[data-person='Sergey Lavrov']")
    ));
    let lavrov: Vec<&str> = lavrov
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(lavrov.len() >= 2, "{lavrov:?}");
    assert!(
        lavrov
            .iter()
            .all(|t| matches!(*t, "Sergey Lavrov" | "Lavrov")),
        "{lavrov:?}"
    );
    assert!(
        browser
            .run(&format!(
                "return {}",
                texts("#article-view .story mark.mention[data-person='Marco Rubio']")
            ))
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "Marco Rubio"),
        "Marco Rubio is marked"
    );
    browser.wait_for(
        "who appears with Sergey Lavrov",
        "const card = document.querySelector(\".person-card[data-person='Sergey Lavrov']\"); \
         return card.open && [...card.querySelectorAll('.cooccur a')].some(a => a.textContent === 'Marco Rubio')",
    );
    browser.screenshot(&target_dir().join("serve-article.png"));

    // Back returns to the narrowed results; Escape does too from a shared article link.
    browser.back();
    browser.wait_for(
        "the narrowed results again",
        "return location.search === '?q=Rubio+Lavrov&person=Sergey+Lavrov' \
         && !document.querySelector('#results-view').hidden \
         && document.querySelectorAll('#hits .hit').length === 1",
    );

    // Removing the chip widens the search again.
    browser.click("#chips .chip-x");
    browser.wait_for(
        "the search without the filter",
        "return location.search === '?q=Rubio+Lavrov' && document.querySelector('#chips').hidden",
    );
}

#[test]
fn the_histogram_sort_toggle_and_pages_change_the_url() {
    let Some(browser) = browser() else { return };
    let dir = fixture_index();
    let server = Server::start(dir.path(), &[], &[]);
    browser.goto(&format!("{}/?q=*", server.url()));
    browser.wait_for(
        "a bar per month",
        "return document.querySelectorAll('#histogram g.month').length > 12",
    );
    browser.click("#histogram g.month[data-month='2009-03']");
    browser.wait_for(
        "March 2009 only",
        "return location.search === '?q=*&since=2009-03&until=2009-03' \
         && document.querySelectorAll('#hits .hit').length === 1",
    );
    assert_eq!(
        browser.run(&format!("return {}", texts("#hits .hit time"))),
        serde_json::json!(["16 Mar 2009"])
    );
    assert_eq!(
        browser.run(&format!("return {}", texts("#chips .chip-label"))),
        serde_json::json!(["2009-03"])
    );
    browser.click("#chips .chip-x");
    browser.wait_for("every month again", "return location.search === '?q=*'");

    browser.click(".sort button[data-sort='date']");
    browser.wait_for(
        "newest first",
        "return location.search === '?q=*&sort=date' \
         && document.querySelector(\".sort button[data-sort='date']\").getAttribute('aria-pressed') === 'true'",
    );
    let dates = browser.run(&format!("return {}", texts("#hits .hit time")));
    assert_eq!(dates[0], "1 Jul 2010", "{dates}");

    browser.click("#pager a[rel='next']");
    browser.wait_for(
        "the second page",
        "return location.search === '?q=*&sort=date&offset=10' \
         && document.querySelectorAll('#hits .hit').length === 1",
    );
    browser.back();
    browser.wait_for(
        "the first page again",
        "return location.search === '?q=*&sort=date' \
         && document.querySelectorAll('#hits .hit').length === 10",
    );
}

#[test]
fn hostile_article_text_shows_as_text_and_runs_nothing() {
    let Some(browser) = browser() else { return };
    let dir = fixture_index();
    index_file(dir.path(), HOSTILE);
    let server = Server::start(dir.path(), &[], &[]);
    browser.goto(&format!("{}/?q=onerror", server.url()));
    browser.wait_for(
        "the hostile article",
        "return document.querySelectorAll('#hits .hit').length === 1",
    );
    let title = browser.run("return document.querySelector('#hits .hit h3 a').textContent");
    assert!(title.as_str().unwrap().contains("<script>"), "{title}");
    assert_eq!(
        browser.run("return document.querySelector('#hits .hit .source').textContent"),
        "Hostile <i>Wire</i>"
    );
    browser.click("#hits .hit h3 a");
    browser.wait_for(
        "the hostile article opened",
        "return !document.querySelector('#article-view').hidden \
         && !!document.querySelector('#article-view h1')",
    );
    let heading = browser.run("return document.querySelector('#article-view h1').textContent");
    assert!(
        heading.as_str().unwrap().contains("<img src=x onerror="),
        "{heading}"
    );
    let body = browser.run("return document.querySelector('#article-view .body').textContent");
    assert!(
        body.as_str().unwrap().contains("<script>window.__pwned"),
        "{body}"
    );
    browser.screenshot(&target_dir().join("serve-hostile.png"));
    assert_eq!(
        browser.run(
            "return document.querySelectorAll('main script, main img, main iframe, main i, \
             #article-view svg, a[href^=\"javascript\"]').length"
        ),
        0,
        "no element came from the article's text"
    );
    assert_eq!(
        browser.run("return typeof window.__pwned"),
        "undefined",
        "no script from the article ran"
    );
}
