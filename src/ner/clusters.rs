//! Word clusters as the tagger's features see them: each word's path in the Brown tree learned by
//! [`super::brown`] from unlabelled news (`newsdex ner clusters`), looked up by the word's hash.
//!
//! The text form is the file `ner clusters` writes, one `path<TAB>word<TAB>count` line per word;
//! a model file carries that text whole ([`super::model::Model::write`]), so it is all the tagger
//! needs.

use std::collections::{HashMap, HashSet};

use super::features::{self, PrehashedBuild};

/// The grains at which a token's own cluster is a feature: path prefix length, feature name.
pub const TOKEN_GRAINS: [(usize, &str); 4] = [(4, "k4="), (6, "k6="), (10, "k10="), (20, "k20=")];
/// The grains of the previous token's cluster.
pub const BEFORE_GRAINS: [(usize, &str); 2] = [(4, "k-1:4="), (10, "k-1:10=")];
/// The grains of the next token's cluster.
pub const AFTER_GRAINS: [(usize, &str); 2] = [(4, "k+1:4="), (10, "k+1:10=")];

/// One feature of a cluster: its name is `name` followed by the first `len` bits of the path, and
/// `hash` is [`features::hash`] of that name (computed once per cluster, not once per token).
#[derive(Clone, Copy, Debug)]
pub struct Grain {
    pub name: &'static str,
    pub len: usize,
    pub hash: u64,
}

/// A cluster: its path and its features as the token itself, as the token before, as the token
/// after, each set with one group hash that stands for all of them in a loaded model (whose row is
/// the sum of their rows: the CRF is linear, so tagging adds one row instead of several).
#[derive(Clone, Debug)]
pub struct Cluster {
    pub path: String,
    pub token: Vec<Grain>,
    pub before: Vec<Grain>,
    pub after: Vec<Grain>,
    /// Group hashes of `token`, `before` and `after`.
    pub groups: [u64; 3],
}

impl Cluster {
    fn new(path: &str) -> Cluster {
        // The prefixes at each grain, the whole path standing for every length it does not
        // reach; no prefix twice.
        let grains = |list: &[(usize, &'static str)]| {
            let mut out = Vec::new();
            let mut reached = 0;
            for &(len, name) in list {
                if path.len() <= reached {
                    break;
                }
                let len = len.min(path.len());
                out.push(Grain {
                    name,
                    len,
                    hash: features::hash(&[name, &path[..len]]),
                });
                reached = len;
            }
            out
        };
        // No feature name starts with a NUL, so a group hash is no feature's.
        let group = |role: &str| features::hash(&["\0cluster ", role, " ", path]);
        Cluster {
            path: path.to_string(),
            token: grains(&TOKEN_GRAINS),
            before: grains(&BEFORE_GRAINS),
            after: grains(&AFTER_GRAINS),
            groups: [group("token"), group("before"), group("after")],
        }
    }
}

/// The cluster of every clustered word.
#[derive(Clone, Default)]
pub struct WordClusters {
    /// Hash of the word as written ([`features::hash`]) → index into `clusters`.
    index: HashMap<u64, u32, PrehashedBuild>,
    clusters: Vec<Cluster>,
    /// Hashes of the lowercase words the news writes in lower case more often than capitalised
    /// ("more" 19,163 times, "More" 1,612; "sworn" and never "Sworn"; not "hill", 27 times
    /// beside "Hill" 953): see [`WordClusters::is_common_word`].
    common: HashSet<u64, PrehashedBuild>,
}

impl WordClusters {
    /// Reads the text form; None if a line is not `path<TAB>word<TAB>count` with a path of 0s and
    /// 1s.
    pub fn from_text(text: &str) -> Option<WordClusters> {
        let mut clusters = WordClusters::default();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let mut fields = line.split('\t');
            let (path, word) = (fields.next()?, fields.next()?);
            counts.insert(word, fields.next()?.parse::<u64>().ok()?);
            if !path.bytes().all(|b| b == b'0' || b == b'1') {
                return None;
            }
            let next = ids.len() as u32;
            let id = *ids.entry(path).or_insert(next);
            if id == next {
                clusters.clusters.push(Cluster::new(path));
            }
            clusters.index.insert(features::hash(&[word]), id);
        }
        for (&word, &n) in &counts {
            let mut chars = word.chars();
            let Some(first) = chars.next().filter(|c| c.is_lowercase()) else {
                continue;
            };
            if chars.clone().any(|c| !c.is_lowercase()) {
                continue;
            }
            let capitalised: String = first.to_uppercase().chain(chars).collect();
            if n > counts.get(capitalised.as_str()).copied().unwrap_or(0) {
                clusters.common.insert(features::hash(&[word]));
            }
        }
        Some(clusters)
    }

    /// Returns true if and only if the news the clusters were learned from writes `word` (any
    /// case; a word of lowercase letters once lowercased) in lower case more often than
    /// capitalised: a common word, not a name ("Sworn", "Says", "MORE"; not "Hill", "Sanders").
    pub fn is_common_word(&self, word: &str) -> bool {
        self.common.contains(&lowercase_hash(word))
    }

    /// Returns true if and only if the news the clusters were learned from writes `word` in lower
    /// case at all, often enough for it to be clustered ("hurricane" 95 times beside "Hurricane"
    /// 190; never "avik"): a word of the language, whatever a name makes of it.
    pub fn is_written_in_lower_case(&self, word: &str) -> bool {
        self.index.contains_key(&lowercase_hash(word))
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Returns true if and only if no word is clustered (a model trained without clusters).
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Every cluster.
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }

    /// The cluster of the word whose [`features::hash`] is `hash`, if it was clustered.
    fn of_hash(&self, hash: u64) -> Option<&Cluster> {
        self.index.get(&hash).map(|&id| &self.clusters[id as usize])
    }

    /// The cluster of `word` as written; for a word in capitals ("LAVROV") not clustered as
    /// written, the cluster of its capitalised form ("Lavrov"); then the cluster of its lowercase
    /// form, whose hash is `lower` (a sentence's first word, "The").
    pub fn of(&self, word: &str, lower: u64) -> Option<&Cluster> {
        if self.is_empty() {
            return None;
        }
        self.of_hash(features::hash(&[word]))
            .or_else(|| {
                let mut chars = word.chars();
                let first = chars.next()?;
                if !chars.clone().any(char::is_uppercase) {
                    return None;
                }
                let capitalised: String = std::iter::once(first)
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect();
                self.of_hash(features::hash(&[&capitalised]))
            })
            .or_else(|| self.of_hash(lower))
    }
}

/// The [`features::hash`] of `word` lowercased: the key the clusters and the common words are
/// kept by.
fn lowercase_hash(word: &str) -> u64 {
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    features::hash(&[&lower])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_as_written_then_capitalised_then_lowercase() {
        let clusters =
            WordClusters::from_text("0110\tLavrov\t12\n0111\tRubio\t30\n10\tthe\t900\n").unwrap();
        assert_eq!(clusters.len(), 3);
        let path = |w: &str| {
            let lower = features::hash(&[&w.to_lowercase()]);
            clusters.of(w, lower).map(|c| c.path.as_str())
        };
        assert_eq!(path("Lavrov"), Some("0110"));
        assert_eq!(path("LAVROV"), Some("0110"));
        assert_eq!(path("The"), Some("10"));
        assert_eq!(path("Ryabkov"), None);
        // Each grain's hash is the hash of its feature name.
        let lavrov = clusters.of("Lavrov", 0).unwrap();
        let names: Vec<String> = lavrov
            .token
            .iter()
            .map(|g| format!("{}{}", g.name, &lavrov.path[..g.len]))
            .collect();
        assert_eq!(names, vec!["k4=0110"]);
        assert_eq!(lavrov.token[0].hash, features::hash(&["k4=0110"]));
        assert!(WordClusters::from_text("01x\tword\t3\n").is_none());
        assert!(WordClusters::from_text("01\tword\n").is_none());
    }

    /// The bundled model's clusters were learned from the news of `../shared/data`: the words it
    /// writes mostly in lower case are common words, whatever their case in a name's company.
    #[test]
    fn words_the_news_writes_in_lower_case_are_common() {
        let clusters = crate::ner::Recognizer::bundled()
            .unwrap()
            .model()
            .clusters();
        for word in ["more", "MORE", "More", "Sworn", "Says"] {
            assert!(clusters.is_common_word(word), "{word}");
        }
        for word in ["Hill", "Sanders", "Trump", "Rubio", "GOP"] {
            assert!(!clusters.is_common_word(word), "{word}");
        }
        // A text's own counts: "hill" is written 27 times, "Hill" 953.
        let small = WordClusters::from_text("0\thill\t27\n0\tHill\t953\n1\tsays\t50\n").unwrap();
        assert!(!small.is_common_word("Hill"));
        assert!(small.is_common_word("SAYS"));
    }
}
