//! `newsdex parse`: shows what the indexer would index for each article in some files, without
//! touching an index. Files are read as streams ([`Records`]), so a file of any size is shown as it
//! is read, with a progress line on a terminal for a big one. Articles go through the indexer's own [`analyse`], so what is shown is what
//! `newsdex index` writes.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::corpus::{self, Item, Problem, Records, Tally};
use crate::error::{Error, Result};
use crate::index::document::{Analysed, analyse, date_text, path_key};
use crate::index::writer::{clean, thousands};
use crate::ner::{Entity, Recognizer};

/// Prints every article in `paths` (files, or folders walked as the indexer walks them) to `out`,
/// as text or as one JSON object per line, and returns the files and parts of files that could
/// not be read. Fails with a usage error, before printing anything, if a path does not exist.
pub fn parse(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> Result<Vec<Problem>> {
    let files = corpus::walk(paths)?;
    let recognizer = Recognizer::bundled()?;
    let mut problems = Vec::new();
    for file in files {
        let file = match file {
            Ok(file) => clean(&file),
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let records = match Records::open(&file) {
            Ok(records) => records,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let size = std::fs::metadata(&file).map_or(0, |m| m.len());
        let mut progress = Progress::new(&file, size);
        let noun = records.noun();
        let (mut articles, mut skipped, mut tally) = (0u64, 0u64, Tally::default());
        let problems_before = problems.len();
        let mut records = records;
        while let Some(item) = records.next() {
            let article = match item {
                Item::Record(record) => match record.parse() {
                    Ok(Some(article)) => article,
                    Ok(None) => {
                        skipped += 1;
                        continue;
                    }
                    Err(problem) => {
                        tally.add(problem, &mut problems);
                        continue;
                    }
                },
                Item::Article(article) => article,
                Item::Problem(problem) if problem.line.is_some() => {
                    tally.add(problem, &mut problems);
                    continue;
                }
                Item::Problem(problem) => {
                    problems.push(problem);
                    continue;
                }
                Item::Skipped => {
                    skipped += 1;
                    continue;
                }
            };
            let analysed = analyse(recognizer, article);
            let shown = if json {
                writeln!(out, "{}", analysed.to_json())
            } else {
                write_text(&analysed, out)
            };
            if let Err(err) = shown {
                progress.clear();
                return stop_on_write_error(err, problems);
            }
            articles += 1;
            progress.show(records.position(), articles);
        }
        progress.clear();
        problems.extend(tally.finish(&file, noun));
        if articles == 0 && problems.len() == problems_before {
            eprintln!(
                "newsdex: {}: no article ({skipped} records hold none)",
                path_key(&file)
            );
        }
    }
    Ok(problems)
}

/// A progress line on stderr for a big file (at least [`Progress::MIN_BYTES`]), redrawn every
/// second, only when stderr is a terminal: how much of the file is read, and the articles so far.
struct Progress {
    enabled: bool,
    name: String,
    size: u64,
    last: Instant,
    drawn: bool,
}

impl Progress {
    const MIN_BYTES: u64 = 64 << 20;

    fn new(path: &Path, size: u64) -> Progress {
        Progress {
            enabled: size >= Progress::MIN_BYTES && io::stderr().is_terminal(),
            name: path_key(path),
            size,
            last: Instant::now(),
            drawn: false,
        }
    }

    fn show(&mut self, position: u64, articles: u64) {
        if !self.enabled || self.last.elapsed() < Duration::from_secs(1) {
            return;
        }
        self.last = Instant::now();
        eprint!(
            "\r\x1b[Kparsing {}: {} of {} MB ({}%), {} articles",
            self.name,
            thousands(position / 1_000_000),
            thousands(self.size / 1_000_000),
            position * 100 / self.size.max(1),
            thousands(articles)
        );
        let _ = io::stderr().flush();
        self.drawn = true;
    }

    fn clear(&mut self) {
        if self.drawn {
            eprint!("\r\x1b[K");
            let _ = io::stderr().flush();
            self.drawn = false;
        }
    }
}

/// A closed pipe (`newsdex parse … | head`) ends the output quietly; other write errors fail.
fn stop_on_write_error(err: io::Error, problems: Vec<Problem>) -> Result<Vec<Problem>> {
    if err.kind() == io::ErrorKind::BrokenPipe {
        Ok(problems)
    } else {
        Err(Error::failure(format!("writing the output: {err}")))
    }
}

/// Writes one article as labelled lines, the body last.
fn write_text(analysed: &Analysed, out: &mut dyn Write) -> io::Result<()> {
    let a = &analysed.article;
    let e = &analysed.entities;
    let or_dash = |s: Option<String>| s.filter(|s| !s.is_empty()).unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "── {} (record {}, id {})",
        path_key(&a.path),
        a.record,
        a.id
    )?;
    writeln!(out, "title:         {}", a.title())?;
    writeln!(out, "date:          {}", or_dash(a.date.map(date_text)))?;
    writeln!(out, "source:        {}", or_dash(a.source.clone()))?;
    writeln!(out, "url:           {}", or_dash(a.url.clone()))?;
    writeln!(
        out,
        "authors:       {}",
        or_dash(Some(a.authors.join(", ")))
    )?;
    writeln!(out, "people:        {}", or_dash(Some(names(&e.people))))?;
    writeln!(
        out,
        "organisations: {}",
        or_dash(Some(names(&e.organisations)))
    )?;
    writeln!(out, "places:        {}", or_dash(Some(names(&e.places))))?;
    writeln!(out, "body:")?;
    for line in a.body.lines() {
        writeln!(out, "  {line}")?;
    }
    writeln!(out)
}

/// "Sergey Lavrov (4: Lavrov), Marco Rubio (2)": each name with its mention count and aliases.
fn names(entities: &[Entity]) -> String {
    entities
        .iter()
        .map(|e| {
            if e.aliases.is_empty() {
                format!("{} ({})", e.name, e.mention_count())
            } else {
                format!(
                    "{} ({}: {})",
                    e.name,
                    e.mention_count(),
                    e.aliases.join(", ")
                )
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::{EntityKind, Mention};

    #[test]
    fn names_show_counts_and_aliases() {
        let mention = Mention {
            in_headline: false,
            start: 0,
            end: 6,
        };
        let lavrov = Entity {
            name: "Sergey Lavrov".into(),
            kind: EntityKind::Person,
            aliases: vec!["Lavrov".into()],
            mentions: vec![mention; 4],
            attested: false,
        };
        let rubio = Entity {
            name: "Marco Rubio".into(),
            aliases: vec![],
            mentions: vec![mention; 2],
            ..lavrov.clone()
        };
        assert_eq!(
            names(&[lavrov, rubio]),
            "Sergey Lavrov (4: Lavrov), Marco Rubio (2)"
        );
    }

    #[test]
    fn a_missing_file_is_a_usage_error_and_prints_nothing() {
        let mut out = Vec::new();
        let err = parse(&[PathBuf::from("no/such/file.json")], false, &mut out).unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("no/such/file.json"));
        assert!(out.is_empty());
    }
}
