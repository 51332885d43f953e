//! Duplicate detection: a SimHash signature over word shingles of each article's body, and the
//! table of signatures already indexed that decides which group a new article joins.
//!
//! Two bodies are near-identical when their signatures differ in at most [`MAX_DISTANCE`] of 64
//! bits (Charikar's SimHash, as used for web crawl deduplication by Manku, Jain and Das Sarma,
//! 2007). Byte-identical bodies have equal signatures. A group is named by the id of its first
//! article, its representative; every copy indexed later carries that id in its `group` field.

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

/// The largest number of differing signature bits at which two bodies count as copies.
/// Measured on `../shared/data`: BBC copies at distance 4 still share 97% of their shingles,
/// while the nearest distinct stories (AllSides) are 7 bits apart and share under 40%.
pub const MAX_DISTANCE: u32 = 4;

/// Signatures are cut into this many blocks of [`BLOCK_BITS`] bits for look-ups.
const BLOCKS: usize = MAX_DISTANCE as usize + 1;
const BLOCK_BITS: usize = 64usize.div_ceil(BLOCKS);

/// Bodies with fewer words than this get no signature: they are too short to tell a copy from
/// a different story with the same few words.
pub const MIN_WORDS: usize = 8;

/// Words per shingle.
const SHINGLE: usize = 3;

/// Returns the SimHash signature of `body` over shingles of three consecutive words (lowercase
/// letters and digits), or None if the body has fewer than [`MIN_WORDS`] words.
pub fn signature(body: &str) -> Option<u64> {
    let mut lower = String::new();
    let words: Vec<u64> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            lower.clear();
            if w.is_ascii() {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(w.chars().flat_map(char::to_lowercase));
            }
            xxh3_64(lower.as_bytes())
        })
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut votes = [0i32; 64];
    let mut bytes = [0u8; 8 * SHINGLE];
    for shingle in words.windows(SHINGLE) {
        for (chunk, word) in bytes.chunks_exact_mut(8).zip(shingle) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        let h = xxh3_64(&bytes);
        for (bit, vote) in votes.iter_mut().enumerate() {
            *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(
        votes
            .iter()
            .enumerate()
            .filter(|&(_, &v)| v > 0)
            .fold(0u64, |sig, (bit, _)| sig | 1 << bit),
    )
}

/// Returns the number of bits in which two signatures differ.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Signatures of the articles in the index, grouped by the file that holds them, so that a new
/// article can find the group of its nearest copy.
///
/// Look-ups use the pigeonhole principle: two signatures within distance 4 agree exactly on at
/// least one of their five 13-bit blocks, so each block value indexes the signatures that have it.
/// The signatures sit in the block lists themselves, so a look-up scans memory in order and
/// touches an entry only for a near signature: on a million articles, whose block values are far
/// from uniform, the lists are long.
#[derive(Debug, Default)]
pub struct Groups {
    entries: Vec<Entry>,
    /// Per block, block value → (signature, index in `entries`), in insertion order.
    blocks: [HashMap<u16, Vec<(u64, u32)>>; BLOCKS],
    retired: HashSet<u32>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    group: u64,
    owner: u32,
}

impl Groups {
    /// An empty table.
    pub fn new() -> Groups {
        Groups::default()
    }

    /// Records that an article with `signature`, in group `group`, is held by `owner` (a key
    /// naming one version of one file).
    pub fn insert(&mut self, signature: u64, group: u64, owner: u32) {
        let Ok(at) = u32::try_from(self.entries.len()) else {
            return;
        };
        self.entries.push(Entry { group, owner });
        for (i, block) in self.blocks.iter_mut().enumerate() {
            block
                .entry(block_of(signature, i))
                .or_default()
                .push((signature, at));
        }
    }

    /// Forgets every article held by `owner` (its file changed or is gone).
    pub fn retire(&mut self, owner: u32) {
        self.retired.insert(owner);
    }

    /// Returns the group of the nearest article within [`MAX_DISTANCE`] of `signature` (the
    /// earliest inserted among equally near ones), or None if and only if there is none.
    pub fn find(&self, signature: u64) -> Option<u64> {
        let mut best: Option<(u32, u32)> = None;
        for (i, block) in self.blocks.iter().enumerate() {
            for &(other, at) in block.get(&block_of(signature, i)).into_iter().flatten() {
                let d = distance(other, signature);
                if d > MAX_DISTANCE || best.is_some_and(|b| (d, at) >= b) {
                    continue;
                }
                let entry = &self.entries[at as usize];
                if !self.retired.is_empty() && self.retired.contains(&entry.owner) {
                    continue;
                }
                if d == 0 {
                    // Every exact copy is in this list, in insertion order: this is the earliest.
                    return Some(entry.group);
                }
                best = Some((d, at));
            }
        }
        best.map(|(_, at)| self.entries[at as usize].group)
    }

    /// Number of signatures recorded, retired ones included.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True if and only if no signature was recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn block_of(signature: u64, i: usize) -> u16 {
    (signature >> (BLOCK_BITS * i) & ((1 << BLOCK_BITS) - 1)) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wire story of about 230 words, as syndicated.
    const STORY: &str = "US Secretary of State Marco Rubio met Russian Foreign Minister Sergey \
        Lavrov in Kuala Lumpur on Thursday, the first face-to-face meeting between the two since \
        February, on the sidelines of a regional summit of South-east Asian nations. The talks \
        lasted about fifty minutes and covered the war in Ukraine, the state of the embassies in \
        Washington and Moscow, and the prospects for a meeting between the two presidents later \
        in the year. Speaking to reporters after the meeting, Mr Rubio said the conversation had \
        been frank and that he had conveyed the president's disappointment at the slow pace of \
        progress towards a ceasefire. Mr Lavrov told Russian state media that the two sides had \
        exchanged views on a new approach to a settlement, without giving details. Officials on \
        both sides described the atmosphere as businesslike. The meeting came days after the \
        White House announced new deliveries of air defence systems to Kyiv and warned of \
        tariffs on buyers of Russian oil. Analysts in the region said the choice of venue \
        reflected the growing weight of the summit host in global diplomacy, and noted that the \
        Chinese foreign minister Wang Yi was also in the city for talks with his counterparts. \
        Further meetings between officials of the two countries are expected in the coming \
        weeks, according to diplomats familiar with the plans, who spoke on condition of \
        anonymity because they were not authorised to discuss them publicly.";

    #[test]
    fn copies_are_near_and_other_stories_are_not() {
        let a = signature(STORY).unwrap();
        assert_eq!(signature(STORY), Some(a), "signatures are deterministic");
        let edited = STORY.replace("about fifty minutes", "almost an hour");
        let b = signature(&edited).unwrap();
        assert!(
            distance(a, b) <= MAX_DISTANCE,
            "one changed word: {}",
            distance(a, b)
        );
        let other = signature(
            "Dollar gains on Greenspan speech. The dollar has hit its highest level against \
             the euro in almost three months after the Federal Reserve head said the US trade \
             deficit is set to stabilise.",
        )
        .unwrap();
        assert!(distance(a, other) > MAX_DISTANCE);
    }

    #[test]
    fn short_bodies_have_no_signature() {
        assert_eq!(signature("Photo: AP"), None);
        assert_eq!(signature(""), None);
    }

    #[test]
    fn groups_find_the_nearest_live_copy() {
        let a = signature(STORY).unwrap();
        let mut groups = Groups::new();
        assert_eq!(groups.find(a), None);
        groups.insert(a, 7, 1);
        groups.insert(a ^ 0b11, 9, 2);
        assert_eq!(groups.find(a), Some(7));
        assert_eq!(groups.find(a ^ 0b1), Some(7), "tie goes to the earliest");
        assert_eq!(groups.find(a ^ 0b111), Some(9));
        assert_eq!(groups.find(a ^ 0b1111_0000_0000), Some(7), "four bits away");
        assert_eq!(groups.find(a ^ 0b1_1111_0000_0000), None, "five bits away");
        assert_eq!(groups.find(!a), None);
        groups.retire(1);
        assert_eq!(groups.find(a), Some(9));
        groups.retire(2);
        assert_eq!(groups.find(a), None);
    }
}
