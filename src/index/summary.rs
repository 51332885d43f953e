//! What an update did and how it tells the user: the [`Summary`] `newsdex index` prints at the
//! end, and the progress line it redraws while it runs.

use std::fmt;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::corpus::Problem;
use crate::index::EXIT_SKIPPED;

/// What an update did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files the walk found.
    pub files: u64,
    /// Files read and parsed (new or changed).
    pub files_read: u64,
    /// Files skipped without being read (not a news format, unreadable, too large).
    pub files_skipped: u64,
    /// Articles of new files.
    pub added: u64,
    /// Articles of changed files that replaced earlier versions.
    pub updated: u64,
    /// Articles deleted: their files are gone, or changed and now hold fewer articles.
    pub removed: u64,
    /// Articles of files that did not change.
    pub unchanged: u64,
    /// Articles that joined the group of an earlier copy.
    pub copies: u64,
    /// Distinct groups those copies joined.
    pub copy_groups: u64,
    /// Distinct people named in the articles read.
    pub people: u64,
    /// Articles in the whole index after the update, those of other paths included.
    pub in_index: u64,
    /// Files and parts of files that were skipped, each once.
    pub problems: Vec<Problem>,
    pub elapsed: Duration,
}

impl Summary {
    /// 0 when nothing was skipped, [`EXIT_SKIPPED`] otherwise.
    pub fn exit_code(&self) -> u8 {
        if self.problems.is_empty() {
            0
        } else {
            EXIT_SKIPPED
        }
    }
}

impl fmt::Display for Summary {
    /// The report printed on stderr at the end of a run, one fact per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let read = self.added + self.updated;
        let secs = self.elapsed.as_secs_f64();
        let skipped = if self.files_skipped > 0 {
            format!(", {} skipped", thousands(self.files_skipped))
        } else {
            String::new()
        };
        writeln!(
            f,
            "indexed {} {} in {secs:.1} s: {} read, {} unchanged{skipped}; {} articles/s",
            thousands(self.files),
            if self.files == 1 { "file" } else { "files" },
            thousands(self.files_read),
            thousands(
                self.files
                    .saturating_sub(self.files_read + self.files_skipped)
            ),
            thousands((read as f64 / secs.max(1e-3)) as u64),
        )?;
        writeln!(
            f,
            "articles: {} added, {} updated, {} removed, {} unchanged; {} in the index",
            thousands(self.added),
            thousands(self.updated),
            thousands(self.removed),
            thousands(self.unchanged),
            thousands(self.in_index),
        )?;
        writeln!(
            f,
            "duplicates: {} {} of an earlier one, in {} {}",
            thousands(self.copies),
            if self.copies == 1 {
                "article is a copy"
            } else {
                "articles are copies"
            },
            thousands(self.copy_groups),
            if self.copy_groups == 1 {
                "group"
            } else {
                "groups"
            },
        )?;
        writeln!(
            f,
            "people: {} distinct names in the articles read",
            thousands(self.people)
        )?;
        if !self.problems.is_empty() {
            let n = self.problems.len() as u64;
            writeln!(
                f,
                "skipped ({} {}):",
                thousands(n),
                if n == 1 {
                    "file or part of a file"
                } else {
                    "files or parts of files"
                }
            )?;
            for problem in &self.problems {
                writeln!(f, "  {problem}")?;
            }
        }
        Ok(())
    }
}

/// A progress line on stderr, redrawn every second, only when stderr is a terminal.
pub(super) struct Progress {
    enabled: bool,
    total: usize,
    pub(super) files: usize,
    start: Instant,
    last: Instant,
    drawn: bool,
}

impl Progress {
    pub(super) fn new(wanted: bool, total: usize) -> Progress {
        let now = Instant::now();
        Progress {
            enabled: wanted && std::io::stderr().is_terminal(),
            total,
            files: 0,
            start: now,
            last: now,
            drawn: false,
        }
    }

    pub(super) fn show(&mut self, summary: &Summary) {
        if !self.enabled || self.last.elapsed() < Duration::from_secs(1) {
            return;
        }
        self.last = Instant::now();
        let read = summary.added + summary.updated;
        let rate = read as f64 / self.start.elapsed().as_secs_f64().max(1e-3);
        eprint!(
            "\r\x1b[Kindexing: {} of {} files, {} articles read, {} articles/s",
            thousands(self.files as u64),
            thousands(self.total as u64),
            thousands(read),
            thousands(rate as u64)
        );
        let _ = std::io::stderr().flush();
        self.drawn = true;
    }

    /// Replaces the progress line with `message` until the next redraw.
    pub(super) fn say(&mut self, message: &str) {
        if self.enabled {
            eprint!("\r\x1b[K{message}");
            let _ = std::io::stderr().flush();
            self.drawn = true;
        }
    }

    pub(super) fn clear(&mut self) {
        if self.drawn {
            eprint!("\r\x1b[K");
            self.drawn = false;
        }
    }
}

/// `n` with commas between thousands: 12,345.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
