//! What an export folder or a Quickwit index already holds, file by file, kept on disk between
//! runs: the same facts the local index keeps in its commits ([`crate::index::catalog`]): each
//! file's hash, its number of articles, their duplicate signatures and groups, and the files only
//! partly written at the last commit. It also keeps who each file names, for the people table.
//!
//! The manifest is one JSON file, replaced atomically (written beside, then renamed) at every
//! commit, so a run killed at any point leaves the manifest of its last commit.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::index::catalog::{Catalog, FileEntry};
use crate::index::document::{Analysed, path_key};
use crate::index::names::NameIndex;

/// Version of the manifest's format; a manifest of another version is refused.
const FORMAT: u32 = 1;

/// What one target holds, by file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// What the manifest describes: `export` or `URL index`; a manifest is only used for its own.
    pub target: String,
    /// Every file with articles in the target, by its `path` key.
    pub files: BTreeMap<String, FileState>,
    /// Files whose articles were only partly written at the last commit.
    pub open_files: Vec<String>,
    /// Export only: the documents files committed, in order, and their committed lengths.
    #[serde(default)]
    pub docs: Vec<DocsFile>,
    /// Export only: the number the next run's first documents or deletes file takes.
    #[serde(default)]
    pub next: usize,
}

/// One file of articles in the target.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FileState {
    /// The `file_hash` its articles carry.
    pub hash: u64,
    pub articles: u64,
    /// (signature, group) of each article with a signature.
    pub duplicates: Vec<(u64, u64)>,
    /// People its articles name: canonical name → (articles naming them, spellings used).
    pub people: BTreeMap<String, (u64, BTreeSet<String>)>,
}

/// One documents file of an export and its length at the last commit.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct DocsFile {
    pub name: String,
    pub bytes: u64,
}

/// One line of `people.ndjson`: a person of the archive, with every canonical name the index
/// files them under and every spelling the articles use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The name to show (the most frequent full name).
    pub name: String,
    /// Canonical names in the `people` field that are this person.
    pub names: Vec<String>,
    /// Other spellings found in the articles.
    pub aliases: Vec<String>,
    /// Articles naming them (summed over their names).
    pub articles: u64,
}

impl Manifest {
    /// Reads the manifest at `path` for `target`; an empty one when there is none yet. Fails with a
    /// usage error naming the file when it is unreadable, of another format, or of another target.
    pub fn load(path: &Path, target: &str) -> Result<Manifest> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Manifest {
                    format: FORMAT,
                    target: target.to_string(),
                    ..Manifest::default()
                });
            }
            Err(e) => return Err(Error::io("cannot read the manifest", path, e)),
        };
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
            Error::usage(format!(
                "{} is not a newsdex manifest ({e}): delete it to start over",
                path.display()
            ))
        })?;
        if manifest.format != FORMAT {
            return Err(Error::usage(format!(
                "{} was written by another version of newsdex: delete it to start over",
                path.display()
            )));
        }
        if manifest.target != target {
            return Err(Error::usage(format!(
                "{} describes {}, not {target}: use another folder or delete it to start over",
                path.display(),
                manifest.target
            )));
        }
        Ok(manifest)
    }

    /// Writes the manifest to `path` atomically: a run killed while writing leaves the old one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let tmp: PathBuf = path.with_extension("tmp");
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&tmp)?;
            serde_json::to_writer(&mut file, self).map_err(std::io::Error::other)?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| Error::io("cannot write the manifest", path, e))
    }

    /// The catalog the pipeline starts from: each file with its hash (none for a file only partly
    /// written) and its articles' duplicate signatures.
    pub fn catalog(&self) -> Catalog {
        let mut catalog = Catalog::default();
        for (owner, (key, state)) in self.files.iter().enumerate() {
            let owner = owner as u32;
            let open = self.open_files.contains(key);
            catalog.files.insert(
                key.clone(),
                FileEntry {
                    hash: (!open).then_some(state.hash),
                    articles: state.articles,
                    owner,
                    // Appended records are not read alone for a Quickwit target: a file that
                    // grew is read again whole.
                    tail: None,
                },
            );
            for &(signature, group) in &state.duplicates {
                catalog.groups.insert(signature, group, owner);
            }
        }
        catalog
    }

    /// Forgets the articles of the file `key`.
    pub fn delete(&mut self, key: &str) {
        self.files.remove(key);
    }

    /// Records one article added, in the group named `group` (16 hex digits).
    pub fn add(&mut self, analysed: &Analysed, file_hash: u64, group: &str) {
        let state = self
            .files
            .entry(path_key(&analysed.article.path))
            .or_default();
        state.hash = file_hash;
        state.articles += 1;
        if let (Some(signature), Ok(group)) = (analysed.signature, u64::from_str_radix(group, 16)) {
            state.duplicates.push((signature, group));
        }
        for person in &analysed.entities.people {
            let (articles, spellings) = state.people.entry(person.name.clone()).or_default();
            *articles += 1;
            spellings.extend(
                person
                    .aliases
                    .iter()
                    .filter(|a| **a != person.name)
                    .cloned(),
            );
        }
    }

    /// Number of articles in the target.
    pub fn articles(&self) -> u64 {
        self.files.values().map(|f| f.articles).sum()
    }

    /// The people table of the whole target: canonical names merged into people as search merges
    /// them ([`NameIndex`]), most named first.
    pub fn people(&self) -> Vec<Person> {
        let mut counts: BTreeMap<&str, (u64, BTreeSet<&str>)> = BTreeMap::new();
        for state in self.files.values() {
            for (name, (articles, spellings)) in &state.people {
                let entry = counts.entry(name).or_default();
                entry.0 += articles;
                entry.1.extend(spellings.iter().map(String::as_str));
            }
        }
        let names: Vec<String> = counts.keys().map(|n| n.to_string()).collect();
        let articles: Vec<u32> = counts
            .values()
            .map(|(n, _)| u32::try_from(*n).unwrap_or(u32::MAX))
            .collect();
        let index = NameIndex::new(&names, &articles);
        let mut people: Vec<Person> = (0..index.len() as u32)
            .map(|person| {
                let ids = index.names_of(person);
                let person_names: Vec<String> =
                    ids.iter().map(|&id| names[id as usize].clone()).collect();
                let mut aliases = BTreeSet::new();
                let mut total = 0;
                for &id in &ids {
                    let (n, spellings) = &counts[names[id as usize].as_str()];
                    total += n;
                    aliases.extend(spellings.iter().copied());
                }
                for name in &person_names {
                    aliases.remove(name.as_str());
                }
                Person {
                    name: person_names.first().cloned().unwrap_or_default(),
                    names: person_names,
                    aliases: aliases.into_iter().map(str::to_string).collect(),
                    articles: total,
                }
            })
            .filter(|p| !p.name.is_empty())
            .collect();
        people.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        people
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::ner::{Entities, Entity, EntityKind};

    fn article(path: &str, people: &[(&str, &[&str])], signature: u64) -> Analysed {
        Analysed {
            article: Article::new(Path::new(path), 0),
            entities: Entities {
                people: people
                    .iter()
                    .map(|(name, aliases)| Entity {
                        name: name.to_string(),
                        kind: EntityKind::Person,
                        aliases: aliases.iter().map(|a| a.to_string()).collect(),
                        mentions: Vec::new(),
                        attested: false,
                    })
                    .collect(),
                ..Entities::default()
            },
            signature: Some(signature),
        }
    }

    #[test]
    fn a_saved_manifest_loads_back_as_the_catalog_the_pipeline_needs() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("manifest.json");
        let mut m = Manifest::load(&path, "export").unwrap();
        m.add(&article("a.txt", &[], 0xff00), 7, "00000000000000aa");
        m.add(&article("b.txt", &[], 0x0f0f), 9, "00000000000000bb");
        m.open_files = vec!["b.txt".into()];
        m.save(&path).unwrap();
        let back = Manifest::load(&path, "export").unwrap();
        let catalog = back.catalog();
        assert_eq!(catalog.files["a.txt"].hash, Some(7));
        assert_eq!(catalog.files["b.txt"].hash, None, "partly written: redone");
        assert_eq!(catalog.groups.find(0xff00), Some(0xaa));
        let err = Manifest::load(&path, "http://qw:7280 news").unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("describes export"), "{err}");
    }

    #[test]
    fn a_broken_manifest_is_one_usage_line() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("manifest.json");
        std::fs::write(&path, "{not json").unwrap();
        let err = Manifest::load(&path, "export").unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("delete it to start over"));
        assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn the_people_table_merges_spellings_across_files_and_counts_articles() {
        let mut m = Manifest::load(Path::new("/nonexistent/m.json"), "export").unwrap();
        m.add(
            &article("a.txt", &[("Sergey Lavrov", &["Lavrov"])], 1),
            1,
            "1",
        );
        // A spelling the archive names rarely, of a name it names more often.
        m.add(&article("b.txt", &[("Sergei Lavrov", &[])], 2), 1, "2");
        m.add(&article("b.txt", &[("Marco Rubio", &["Rubio"])], 3), 1, "3");
        for (file, hash) in [("c.txt", 4), ("d.txt", 5)] {
            m.add(&article(file, &[("Sergey Lavrov", &[])], hash), 1, "4");
        }
        m.delete("nothing.txt");
        let people = m.people();
        assert_eq!(people[0].articles, 4);
        assert_eq!(people[0].names.len(), 2, "{people:?}");
        assert!(people[0].names.contains(&"Sergei Lavrov".to_string()));
        assert_eq!(people[0].aliases, vec!["Lavrov".to_string()]);
        assert_eq!(people[1].name, "Marco Rubio");
        m.delete("b.txt");
        assert_eq!(m.people().len(), 1);
        assert_eq!(m.articles(), 3);
    }
}
