//! Annotated NER files in the CoNLL-2003 format: one token a line ("word POS chunk TAG"), a blank line
//! between sentences, and "-DOCSTART-" lines between documents. The last column is the gold IOB2 tag.

use std::path::Path;

use crate::error::{Error, Result};

/// A document of a CoNLL file: sentences of (word, gold tag) pairs, plus the original lines so a
/// tagged copy can be printed back unchanged.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

/// One sentence of a CoNLL file.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub words: Vec<String>,
    /// Gold IOB2 tags, one per word.
    pub tags: Vec<String>,
    /// The input lines, one per word, as read.
    pub lines: Vec<String>,
}

impl Document {
    /// The document's sentences as word slices, the form the feature extractor takes.
    pub fn words(&self) -> Vec<Vec<&str>> {
        self.sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect()
    }
}

/// Reads a CoNLL-2003 file. Fails with a message naming the file and line when a line has no tag
/// column or a tag that is not IOB2 over PER, ORG, LOC, MISC.
pub fn read(path: &Path) -> Result<Vec<Document>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::io("cannot read CoNLL file", path, e))?;
    parse(&text).map_err(|(line, why)| {
        Error::usage(format!(
            "{}:{line}: {why}; expected CoNLL-2003 lines \"word POS chunk TAG\"",
            path.display()
        ))
    })
}

/// Parses CoNLL-2003 text; an error carries the 1-based line number and the reason.
pub fn parse(text: &str) -> std::result::Result<Vec<Document>, (usize, String)> {
    let mut docs = vec![Document::default()];
    let mut sentence = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !sentence.words.is_empty()
                && let Some(d) = docs.last_mut()
            {
                d.sentences.push(std::mem::take(&mut sentence));
            }
            if line.starts_with("-DOCSTART-")
                && docs.last().is_some_and(|d| !d.sentences.is_empty())
            {
                docs.push(Document::default());
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        let tag = cols
            .next_back()
            .filter(|_| line.split_whitespace().count() >= 2)
            .ok_or((n + 1, "no tag column".to_string()))?;
        if !is_tag(tag) {
            return Err((n + 1, format!("tag {tag:?} is not IOB2 PER/ORG/LOC/MISC")));
        }
        sentence.words.push(word.to_string());
        sentence.tags.push(tag.to_string());
        sentence.lines.push(line.to_string());
    }
    if !sentence.words.is_empty()
        && let Some(d) = docs.last_mut()
    {
        d.sentences.push(sentence);
    }
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn is_tag(tag: &str) -> bool {
    tag == "O"
        || matches!(
            tag.split_once('-'),
            Some(("B" | "I", "PER" | "ORG" | "LOC" | "MISC"))
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nBRUSSELS NNP B-NP B-LOC\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[1].tags, vec!["B-PER", "I-PER"]);
        assert_eq!(docs[1].words(), vec![vec!["BRUSSELS"]]);
    }

    #[test]
    fn rejects_a_line_without_a_tag() {
        assert_eq!(parse("EU NNP B-NP B-ORG\nrejects\n").unwrap_err().0, 2);
        assert!(parse("EU NNP B-NP B-FOO\n").is_err());
    }
}
