//! `newsdex parse`: shows what the indexer would index for each article in some files, without
//! touching an index. Articles go through the indexer's own [`analyse`], so what is shown is what
//! `newsdex index` writes.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::corpus::{self, Problem};
use crate::error::{Error, Result};
use crate::index::document::{Analysed, analyse, date_text, path_key};
use crate::index::writer::clean;
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
        match corpus::load(&file).and_then(|bytes| corpus::read_bytes(&file, &bytes)) {
            Ok(read) => {
                if read.articles.is_empty() && read.problems.is_empty() {
                    eprintln!(
                        "newsdex: {}: no article ({} records hold none)",
                        path_key(&file),
                        read.skipped
                    );
                }
                problems.extend(read.problems);
                for article in read.articles {
                    let analysed = analyse(recognizer, article);
                    let shown = if json {
                        writeln!(out, "{}", analysed.to_json())
                    } else {
                        write_text(&analysed, out)
                    };
                    if let Err(err) = shown {
                        return stop_on_write_error(err, problems);
                    }
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    Ok(problems)
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
