//! Walking the paths a user names: every regular file under them, in a deterministic order
//! (the paths in the order given, each folder's entries sorted by name), each file once.
//!
//! Hidden files and folders (names starting with `.`, such as `.git` or `.DS_Store`) and the text
//! files that document an archive (`README.txt`, `SOURCE.txt`, `ATTRIBUTION.md`, `LICENSE`) are not
//! walked unless named directly: they are not news, and an archive is expected to have them. Symbolic links are followed; a link loop, an unreadable folder or a file
//! that vanished mid-walk is a [`Problem`], and the walk goes on.

use std::collections::HashSet;
use std::path::PathBuf;

use super::Problem;
use crate::error::Error;

/// The entries under one path, hidden ones left out.
type Entries = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// The files under some paths, in walking order, with the problems met on the way
/// (`Err(Problem)` items).
pub struct Walk {
    roots: std::collections::VecDeque<PathBuf>,
    current: Option<Entries>,
    seen: HashSet<PathBuf>,
}

/// Walks `paths` (files and folders). Fails with a usage error (exit 2) naming the first path that
/// does not exist, before anything is walked.
pub fn walk(paths: &[PathBuf]) -> Result<Walk, Error> {
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(Error::usage(format!(
                "{}: no such file or folder (check the path)",
                path.display()
            )));
        }
    }
    Ok(Walk {
        roots: paths.iter().cloned().collect(),
        current: None,
        seen: HashSet::new(),
    })
}

impl Iterator for Walk {
    type Item = Result<PathBuf, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Some(entries) = self.current.as_mut() else {
                let root = self.roots.pop_front()?;
                let walker = walkdir::WalkDir::new(root)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter();
                self.current = Some(walker.filter_entry(wanted as fn(&walkdir::DirEntry) -> bool));
                continue;
            };
            let Some(entry) = entries.next() else {
                self.current = None;
                continue;
            };
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let path = entry.into_path();
                    // The same file reached twice (overlapping paths, links) is read once.
                    let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                    if self.seen.insert(key) {
                        return Some(Ok(path));
                    }
                }
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) => {
                    return Some(Err(Problem::new(
                        entry.path(),
                        "not a regular file (device, socket or pipe)",
                    )));
                }
                Err(err) => {
                    let path = err.path().map(PathBuf::from).unwrap_or_default();
                    let reason = if let Some(ancestor) = err.loop_ancestor() {
                        format!("symbolic link loop (back to {})", ancestor.display())
                    } else if let Some(io) = err.io_error() {
                        format!("cannot read: {io}")
                    } else {
                        err.to_string()
                    };
                    return Some(Err(Problem::new(&path, reason)));
                }
            }
        }
    }
}

/// True unless the entry was found by walking (not named by the user) and is hidden (its name starts
/// with a dot) or is a text file documenting the archive.
fn wanted(entry: &walkdir::DirEntry) -> bool {
    let hidden = entry.file_name().to_string_lossy().starts_with('.');
    let documentation =
        entry.file_type().is_file() && super::text::documentation(entry.path()).is_some();
    entry.depth() == 0 || !(hidden || documentation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn files_come_sorted_once_and_hidden_ones_are_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/.git")).unwrap();
        for f in [
            "b/2.txt",
            "b/10.txt",
            "a.json",
            ".DS_Store",
            "b/.git/config",
            "b/1.txt",
            "README.md",
            "b/SOURCE.txt",
            "LICENSE",
        ] {
            fs::write(root.join(f), "x").unwrap();
        }
        let paths = [root.to_path_buf(), root.join("b")];
        let files: Vec<PathBuf> = walk(&paths).unwrap().map(Result::unwrap).collect();
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.json", "b/1.txt", "b/10.txt", "b/2.txt"]);
        // Named directly, a README is walked (and the text reader says why it is not an article).
        assert_eq!(walk(&[root.join("README.md")]).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_path_is_a_usage_error_naming_it() {
        let err = walk(&[PathBuf::from("no/such/archive")]).err().unwrap();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("no/such/archive"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_a_problem_and_the_walk_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("a")).unwrap();
        fs::write(root.join("a/story.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("a/loop")).unwrap();
        let items: Vec<_> = walk(&[root.to_path_buf()]).unwrap().collect();
        assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 1);
        let problems: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].reason.contains("symbolic link loop"),
            "{}",
            problems[0]
        );
    }
}
