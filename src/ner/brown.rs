//! Brown word clusters learned from unlabelled news: the words of an archive grouped by the words
//! they stand next to, as a binary tree whose paths are the tagger's word-class features.
//!
//! The algorithm is Brown et al. (1992), "Class-based n-gram models of natural language", in the
//! windowed form of Liang (2005, "Semi-supervised learning for natural language", section 3): words
//! are taken by falling frequency; the `C` most frequent start as clusters of one word; each further
//! word enters as a cluster of its own and the two clusters whose merge loses the least average
//! mutual information between neighbouring clusters are merged; once every word is in, the `C`
//! clusters are merged down to one. Those last merges form the tree, whose leaves are the `C`
//! clusters: every word of a cluster has the cluster's path from the root (`0` to the first child,
//! `1` to the second), and a prefix of a path is a coarser cluster. Ratinov and Roth (2009) use
//! prefixes of lengths 4, 6, 10 and 20 as NER features.
//!
//! The mutual-information loss of every pair of clusters is kept in a table and updated, when a
//! word enters or two clusters merge, by the terms that involve the changed clusters only (Liang's
//! O(C²) step, not the naive O(C³)): for a pair (i, j) the loss is a sum over every other cluster
//! k of what merging i and j costs in the bigram statistics with k, so a change to k changes one term.
//! Counts are exact integers held in `f64`; the run is deterministic (ties broken by word).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{annotated, tokenize};
use crate::corpus::{self, Item, Problem, Records};
use crate::error::{Error, Result};

/// How the clusters are learned.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The number of clusters kept while words enter (the width of the tree's bottom).
    pub clusters: usize,
    /// Words seen fewer times are left out.
    pub min_count: u64,
}

/// Word and bigram counts of a text, sentence by sentence (no bigram spans two sentences).
#[derive(Default)]
pub struct Text {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    /// Every token's word id; [`Text::BREAK`] between sentences.
    stream: Vec<u32>,
}

impl Text {
    const BREAK: u32 = u32::MAX;

    /// Adds one sentence.
    pub fn add<S: AsRef<str>>(&mut self, sentence: &[S]) {
        for word in sentence {
            let word = word.as_ref();
            let id = match self.ids.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.ids.insert(word.to_string(), id);
                    self.words.push(word.to_string());
                    id
                }
            };
            self.stream.push(id);
        }
        self.stream.push(Text::BREAK);
    }

    /// The number of tokens added.
    pub fn tokens(&self) -> usize {
        self.stream.len() - self.stream.iter().filter(|&&w| w == Text::BREAK).count()
    }
}

impl Text {
    /// Adds the headline and body of every article in `paths` (files, or folders walked as the
    /// indexer walks them), sentence by sentence as the tagger's tokenizer cuts them, and returns
    /// what could not be read. Fails if a path does not exist.
    fn add_articles(&mut self, paths: &[PathBuf]) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        for file in corpus::walk(paths)? {
            let records = match file.and_then(|f| Records::open(&f)) {
                Ok(records) => records,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            for item in records {
                let article = match item {
                    Item::Record(record) => match record.parse() {
                        Ok(Some(article)) => article,
                        Ok(None) => continue,
                        Err(problem) => {
                            problems.push(problem);
                            continue;
                        }
                    },
                    Item::Article(article) => article,
                    Item::Problem(problem) => {
                        problems.push(problem);
                        continue;
                    }
                    Item::Skipped => continue,
                };
                for text in article.headline.iter().chain([&article.body]) {
                    for sentence in tokenize::sentences(text) {
                        let words: Vec<&str> = sentence.iter().map(|t| t.text(text)).collect();
                        self.add(&words);
                    }
                }
            }
        }
        Ok(problems)
    }

    /// Adds the sentences of a CoNLL-2003 file (its words only; the tags are not read).
    fn add_conll(&mut self, path: &Path) -> Result<()> {
        for doc in annotated::read(path)? {
            for s in &doc.sentences {
                self.add(&s.words);
            }
        }
        Ok(())
    }
}

/// `newsdex ner clusters`: learns the clusters of the words of the articles in `paths` and of the
/// CoNLL files `conll` as `options` say, and writes them to `out`; prints progress, and every file
/// or record that could not be read, on stderr. Returns the number of those problems.
pub fn learn(paths: &[PathBuf], conll: &[PathBuf], options: Options, out: &Path) -> Result<usize> {
    let started = std::time::Instant::now();
    let mut text = Text::default();
    let problems = text.add_articles(paths)?;
    for problem in &problems {
        eprintln!("newsdex: skipped {problem}");
    }
    for path in conll {
        text.add_conll(path)?;
    }
    eprintln!(
        "{} tokens read in {:.1}s",
        text.tokens(),
        started.elapsed().as_secs_f64()
    );
    let leaves = cluster(&text, options, |done, of| {
        eprintln!(
            "{done} of {of} words placed ({:.0}s)",
            started.elapsed().as_secs_f64()
        );
    });
    write(out, &leaves)?;
    eprintln!(
        "{} words in {} clusters written to {} in {:.0}s",
        leaves.len(),
        options.clusters,
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(problems.len())
}

/// Writes `leaves` to `path`, one `path<TAB>word<TAB>count` line each (the format of Liang's
/// `wcluster`).
fn write(path: &Path, leaves: &[Leaf]) -> Result<()> {
    let mut text = String::new();
    for l in leaves {
        text.push_str(&format!("{}\t{}\t{}\n", l.path, l.word, l.count));
    }
    std::fs::write(path, text).map_err(|e| Error::io("cannot write clusters to", path, e))
}

/// One word of the result: its path in the tree and how often it was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub path: String,
    pub word: String,
    pub count: u64,
}

/// The kept words numbered by falling frequency, with their bigram counts.
struct Vocabulary {
    words: Vec<String>,
    counts: Vec<u64>,
    /// Per word: (word after it, count), and (word before it, count).
    after: Vec<Vec<(u32, u64)>>,
    before: Vec<Vec<(u32, u64)>>,
    /// Per word: bigrams with the word first, and with the word second.
    first: Vec<f64>,
    second: Vec<f64>,
    bigrams: f64,
}

impl Vocabulary {
    fn new(text: &Text, min_count: u64) -> Vocabulary {
        let mut counts = vec![0u64; text.words.len()];
        for &w in &text.stream {
            if w != Text::BREAK {
                counts[w as usize] += 1;
            }
        }
        let mut kept: Vec<u32> = (0..text.words.len() as u32)
            .filter(|&w| counts[w as usize] >= min_count.max(1))
            .collect();
        kept.sort_by(|&a, &b| {
            counts[b as usize]
                .cmp(&counts[a as usize])
                .then_with(|| text.words[a as usize].cmp(&text.words[b as usize]))
        });
        let mut rank = vec![u32::MAX; text.words.len()];
        for (r, &w) in kept.iter().enumerate() {
            rank[w as usize] = r as u32;
        }
        let mut pairs: Vec<u64> = text
            .stream
            .windows(2)
            .filter_map(|p| {
                let (a, b) = (*rank.get(p[0] as usize)?, *rank.get(p[1] as usize)?);
                (a != u32::MAX && b != u32::MAX).then_some((u64::from(a) << 32) | u64::from(b))
            })
            .collect();
        pairs.sort_unstable();
        let v = kept.len();
        let mut vocab = Vocabulary {
            words: kept
                .iter()
                .map(|&w| text.words[w as usize].clone())
                .collect(),
            counts: kept.iter().map(|&w| counts[w as usize]).collect(),
            after: vec![Vec::new(); v],
            before: vec![Vec::new(); v],
            first: vec![0.0; v],
            second: vec![0.0; v],
            bigrams: pairs.len() as f64,
        };
        for run in pairs.chunk_by(|x, y| x == y) {
            let (a, b) = ((run[0] >> 32) as usize, (run[0] & 0xffff_ffff) as usize);
            let n = run.len() as u64;
            vocab.after[a].push((b as u32, n));
            vocab.before[b].push((a as u32, n));
            vocab.first[a] += n as f64;
            vocab.second[b] += n as f64;
        }
        vocab
    }
}

/// The clusters being merged: `slots` places, each free or holding one cluster, with the bigram
/// counts between clusters and each pair's merge loss.
struct Clusters {
    slots: usize,
    /// `n[i * slots + j]`: bigrams with a word of cluster i first and one of cluster j second.
    n: Vec<f64>,
    /// `q[i * slots + j]`: that cell's term of the mutual information.
    q: Vec<f64>,
    /// Bigrams with a word of the cluster first, and second.
    first: Vec<f64>,
    second: Vec<f64>,
    active: Vec<bool>,
    bigrams: f64,
}

impl Clusters {
    /// The mutual-information term of a cell with `n` bigrams between clusters with `first` and
    /// `second` marginal counts.
    fn term(&self, n: f64, first: f64, second: f64) -> f64 {
        if n <= 0.0 {
            0.0
        } else {
            n / self.bigrams * (n * self.bigrams / (first * second)).ln()
        }
    }

    fn refresh_q(&mut self, i: usize) {
        let s = self.slots;
        for k in 0..s {
            if self.active[k] || k == i {
                self.q[i * s + k] = self.term(self.n[i * s + k], self.first[i], self.second[k]);
                self.q[k * s + i] = self.term(self.n[k * s + i], self.first[k], self.second[i]);
            }
        }
    }

    /// What merging i and j costs in the cells shared with a third cluster k.
    fn delta(&self, i: usize, j: usize, k: usize) -> f64 {
        let s = self.slots;
        let (n, q) = (&self.n, &self.q);
        q[i * s + k] + q[k * s + i] + q[j * s + k] + q[k * s + j]
            - self.term(
                n[i * s + k] + n[j * s + k],
                self.first[i] + self.first[j],
                self.second[k],
            )
            - self.term(
                n[k * s + i] + n[k * s + j],
                self.first[k],
                self.second[i] + self.second[j],
            )
    }

    /// The mutual information lost by merging i and j.
    fn loss(&self, i: usize, j: usize) -> f64 {
        let s = self.slots;
        let (n, q) = (&self.n, &self.q);
        let own = q[i * s + i] + q[i * s + j] + q[j * s + i] + q[j * s + j]
            - self.term(
                n[i * s + i] + n[i * s + j] + n[j * s + i] + n[j * s + j],
                self.first[i] + self.first[j],
                self.second[i] + self.second[j],
            );
        own + (0..s)
            .filter(|&k| self.active[k] && k != i && k != j)
            .map(|k| self.delta(i, j, k))
            .sum::<f64>()
    }
}

/// The merge losses of the pairs of active clusters, `loss[i * slots + j]` for i < j.
struct Losses {
    slots: usize,
    loss: Vec<f64>,
}

impl Losses {
    /// Calls `f(i, j)` for every pair i < j of active slots outside `skip` and adds what it returns
    /// to the pair's loss, on two threads.
    fn update(&mut self, c: &Clusters, skip: &[usize], f: impl Fn(usize, usize) -> f64 + Sync) {
        let s = self.slots;
        let rows: Vec<(usize, &mut [f64])> = self
            .loss
            .chunks_mut(s)
            .enumerate()
            .filter(|(i, _)| c.active[*i] && !skip.contains(i))
            .collect();
        let (even, odd): (Vec<_>, Vec<_>) =
            rows.into_iter().enumerate().partition(|(n, _)| n % 2 == 0);
        let work = |part: Vec<(usize, (usize, &mut [f64]))>| {
            for (_, (i, row)) in part {
                for (j, loss) in row.iter_mut().enumerate().skip(i + 1) {
                    if c.active[j] && !skip.contains(&j) {
                        *loss += f(i, j);
                    }
                }
            }
        };
        std::thread::scope(|scope| {
            scope.spawn(|| work(odd));
            work(even);
        });
    }

    /// Sets the loss of every pair of `i` with another active slot.
    fn recompute(&mut self, c: &Clusters, i: usize) {
        let s = self.slots;
        let others: Vec<usize> = (0..s).filter(|&k| c.active[k] && k != i).collect();
        let (a, b) = others.split_at(others.len() / 2);
        let losses = std::thread::scope(|scope| {
            let h = scope.spawn(|| a.iter().map(|&k| c.loss(i, k)).collect::<Vec<_>>());
            let mut mine: Vec<f64> = b.iter().map(|&k| c.loss(i, k)).collect();
            let mut all = h.join().unwrap_or_default();
            all.append(&mut mine);
            all
        });
        for (&k, l) in others.iter().zip(losses) {
            let (lo, hi) = (i.min(k), i.max(k));
            self.loss[lo * s + hi] = l;
        }
    }

    /// The active pair whose merge loses least (the first such in slot order).
    fn best(&self, c: &Clusters) -> Option<(usize, usize)> {
        let s = self.slots;
        let mut best: Option<(f64, usize, usize)> = None;
        for i in (0..s).filter(|&i| c.active[i]) {
            for j in (i + 1..s).filter(|&j| c.active[j]) {
                let l = self.loss[i * s + j];
                if best.is_none_or(|(b, _, _)| l < b) {
                    best = Some((l, i, j));
                }
            }
        }
        best.map(|(_, i, j)| (i, j))
    }
}

/// Learns the clusters of `text`'s words as `options` say; `progress` is called now and then with
/// the number of words placed and the number to place. Returns one leaf per kept word, ordered by
/// path, then by falling count.
pub fn cluster(text: &Text, options: Options, mut progress: impl FnMut(usize, usize)) -> Vec<Leaf> {
    let vocab = Vocabulary::new(text, options.min_count);
    let v = vocab.words.len();
    let width = options.clusters.max(2).min(v.max(1));
    let slots = width + 1;
    let mut c = Clusters {
        slots,
        n: vec![0.0; slots * slots],
        q: vec![0.0; slots * slots],
        first: vec![0.0; slots],
        second: vec![0.0; slots],
        active: vec![false; slots],
        bigrams: vocab.bigrams.max(1.0),
    };
    let mut losses = Losses {
        slots,
        loss: vec![0.0; slots * slots],
    };
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); slots];
    let mut slot_of = vec![u32::MAX; v];

    // Places word `w` in free slot `at`, with its bigram counts with the words already placed.
    let place = |c: &mut Clusters, slot_of: &[u32], at: usize, w: usize| {
        let s = c.slots;
        for k in 0..s {
            c.n[at * s + k] = 0.0;
            c.n[k * s + at] = 0.0;
        }
        for &(x, n) in &vocab.after[w] {
            if x as usize == w {
                c.n[at * s + at] += n as f64;
            } else if slot_of[x as usize] != u32::MAX {
                c.n[at * s + slot_of[x as usize] as usize] += n as f64;
            }
        }
        for &(x, n) in &vocab.before[w] {
            if x as usize != w && slot_of[x as usize] != u32::MAX {
                c.n[slot_of[x as usize] as usize * s + at] += n as f64;
            }
        }
        c.first[at] = vocab.first[w];
        c.second[at] = vocab.second[w];
        c.refresh_q(at);
    };

    // The first `width` words, each its own cluster, and every pair's loss.
    for w in 0..width.min(v) {
        place(&mut c, &slot_of, w, w);
        c.active[w] = true;
        slot_of[w] = w as u32;
        members[w].push(w as u32);
    }
    for i in 0..width.min(v) {
        c.refresh_q(i);
    }
    for i in 0..width.min(v) {
        losses.recompute(&c, i);
    }

    // Merges the clusters in slots a and b; returns (the slot that holds the merge, the freed one).
    let merge = |c: &mut Clusters,
                 losses: &mut Losses,
                 members: &mut [Vec<u32>],
                 slot_of: &mut [u32],
                 a: usize,
                 b: usize|
     -> (usize, usize) {
        // Keep the slot of the larger cluster, so fewer words change slot.
        let (keep, gone) = if members[a].len() >= members[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        let s = c.slots;
        {
            let cc = &*c;
            losses.update(cc, &[keep, gone], |i, j| {
                -cc.delta(i, j, keep) - cc.delta(i, j, gone)
            });
        }
        let (kk, kg, gk, gg) = (
            c.n[keep * s + keep],
            c.n[keep * s + gone],
            c.n[gone * s + keep],
            c.n[gone * s + gone],
        );
        for k in 0..s {
            if c.active[k] && k != keep && k != gone {
                c.n[keep * s + k] += c.n[gone * s + k];
                c.n[k * s + keep] += c.n[k * s + gone];
            }
        }
        c.n[keep * s + keep] = kk + kg + gk + gg;
        c.first[keep] += c.first[gone];
        c.second[keep] += c.second[gone];
        c.active[gone] = false;
        c.refresh_q(keep);
        {
            let cc = &*c;
            losses.update(cc, &[keep], |i, j| cc.delta(i, j, keep));
        }
        losses.recompute(c, keep);
        let moved = std::mem::take(&mut members[gone]);
        for &w in &moved {
            slot_of[w as usize] = keep as u32;
        }
        members[keep].extend(moved);
        (keep, gone)
    };

    let mut free = width.min(v);
    for w in width.min(v)..v {
        if w % 500 == 0 {
            progress(w, v);
        }
        place(&mut c, &slot_of, free, w);
        {
            let cc = &c;
            losses.update(cc, &[free], |i, j| cc.delta(i, j, free));
        }
        c.active[free] = true;
        slot_of[w] = free as u32;
        members[free] = vec![w as u32];
        losses.recompute(&c, free);
        #[cfg(test)]
        check(&c, &losses);
        let Some((a, b)) = losses.best(&c) else {
            break;
        };
        free = merge(&mut c, &mut losses, &mut members, &mut slot_of, a, b).1;
    }

    // The tree: its leaves are the clusters every word is now in (0..width), then one node per
    // merge of the clusters down to one (its two children).
    let mut node = vec![0u32; slots];
    let mut leaf_count = 0;
    for (slot, n) in node.iter_mut().enumerate() {
        if c.active[slot] {
            *n = leaf_count;
            leaf_count += 1;
        }
    }
    let word_leaf: Vec<u32> = slot_of.iter().map(|&s| node[s as usize]).collect();
    let leaf_count = leaf_count as usize;
    let mut children: Vec<(u32, u32)> = Vec::new();
    while let Some((a, b)) = losses.best(&c) {
        #[cfg(test)]
        check(&c, &losses);
        children.push((node[a], node[b]));
        let (keep, _) = merge(&mut c, &mut losses, &mut members, &mut slot_of, a, b);
        node[keep] = (leaf_count + children.len() - 1) as u32;
    }
    progress(v, v);

    // Paths from the root down: 0 to the first child, 1 to the second.
    let mut paths = vec![String::new(); leaf_count];
    if leaf_count > 0 {
        let mut stack = vec![(leaf_count + children.len() - 1, String::new())];
        while let Some((at, path)) = stack.pop() {
            if at < leaf_count {
                paths[at] = path;
            } else {
                let (l, r) = children[at - leaf_count];
                stack.push((r as usize, format!("{path}1")));
                stack.push((l as usize, format!("{path}0")));
            }
        }
    }
    let mut leaves: Vec<Leaf> = (0..v)
        .map(|w| Leaf {
            path: paths[word_leaf[w] as usize].clone(),
            word: vocab.words[w].clone(),
            count: vocab.counts[w],
        })
        .collect();
    leaves.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(b.count.cmp(&a.count))
            .then_with(|| a.word.cmp(&b.word))
    });
    leaves
}

/// Panics unless every active pair's loss in the table equals its loss computed from scratch.
#[cfg(test)]
fn check(c: &Clusters, losses: &Losses) {
    let s = c.slots;
    for i in (0..s).filter(|&i| c.active[i]) {
        for j in (i + 1..s).filter(|&j| c.active[j]) {
            let (table, fresh) = (losses.loss[i * s + j], c.loss(i, j));
            assert!(
                (table - fresh).abs() < 1e-9,
                "pair {i},{j}: {table} != {fresh}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The average mutual information of the clusters `of` each word assigns, from scratch.
    fn quality(text: &Text, of: &HashMap<&str, usize>) -> f64 {
        let mut n: HashMap<(usize, usize), f64> = HashMap::new();
        let (mut first, mut second): (HashMap<usize, f64>, HashMap<usize, f64>) =
            Default::default();
        let mut total = 0.0;
        for p in text.stream.windows(2) {
            if p[0] == Text::BREAK || p[1] == Text::BREAK {
                continue;
            }
            let a = of[text.words[p[0] as usize].as_str()];
            let b = of[text.words[p[1] as usize].as_str()];
            *n.entry((a, b)).or_default() += 1.0;
            *first.entry(a).or_default() += 1.0;
            *second.entry(b).or_default() += 1.0;
            total += 1.0;
        }
        n.iter()
            .map(|(&(a, b), &c)| c / total * (c * total / (first[&a] * second[&b])).ln())
            .sum()
    }

    #[test]
    fn incremental_losses_equal_losses_from_scratch() {
        // Words enter four slots and merge down; before every merge `check` compares each pair's
        // loss in the incremental table with the loss computed from scratch.
        let mut text = Text::default();
        for s in [
            "the minister met the president in moscow",
            "the president met the minister in beijing",
            "a minister said the talks in moscow went well",
            "the talks in beijing went well said a president",
        ] {
            text.add(&s.split(' ').collect::<Vec<_>>());
        }
        let leaves = cluster(
            &text,
            Options {
                clusters: 4,
                min_count: 1,
            },
            |_, _| {},
        );
        assert_eq!(leaves.len(), 12);
        // Words used alike share long path prefixes: moscow and beijing, minister and president.
        let path = |w: &str| leaves.iter().find(|l| l.word == w).unwrap().path.clone();
        let shared = |a: &str, b: &str| {
            path(a)
                .chars()
                .zip(path(b).chars())
                .take_while(|(x, y)| x == y)
                .count()
        };
        assert!(shared("moscow", "beijing") > shared("moscow", "minister"));
        assert!(shared("minister", "president") > shared("minister", "in"));
        // Four clusters at the grain where the tree has four subtrees: their quality from scratch
        // is positive (the clustering holds information).
        let mut of = HashMap::new();
        for l in &leaves {
            let id = usize::from_str_radix(&format!("{:0<2}", &l.path[..l.path.len().min(2)]), 2)
                .unwrap();
            of.insert(l.word.as_str(), id);
        }
        assert!(quality(&text, &of) > 0.0);
    }
}
