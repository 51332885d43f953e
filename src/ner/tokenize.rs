//! The tokenizer splits raw article text into sentences and words, keeping byte offsets so that every
//! mention can point back into the text.
//!
//! It follows the CoNLL-2003 conventions the tagger was trained on: punctuation stands alone,
//! possessives are split off ("Rubio's" → "Rubio" "'s"), abbreviations and initials keep their
//! period ("Mr.", "U.S.", "W."), hyphenated words stay whole ("Jong-un", "US-Russia"), numbers keep
//! their separators ("1,000", "3.5"). Letters are Unicode letters, so "Łukasz" and "Лавров" are
//! words. Every line break ends a sentence: a heading line is a sentence of its own.

/// One word or punctuation mark: byte offsets into the text it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text in `text`, the string it was cut from.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Words ending in a period that is part of the word.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "col", "lt", "maj", "capt", "sgt",
    "adm", "cmdr", "rev", "hon", "pres", "st", "jr", "sr", "mt", "ft", "inc", "corp", "co", "ltd",
    "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vs", "etc", "approx", "dept", "univ", "ave", "blvd", "rd", "messrs", "mme",
    "mlle", "ex", "op", "vol", "fig", "al", "gov't", "sec", "supt", "atty", "ald", "rt",
];

/// Returns true if and only if `word` (without its period) is an abbreviation that takes one:
/// a listed abbreviation, a single letter (an initial), or a dotted form such as "U.S" or "a.m".
fn takes_period(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    word.contains('.') || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | ',' | '&' | '/' | '‑' | ':')
}

/// Splits `text` into sentences of tokens.
pub fn sentences(text: &str) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        split_line(
            text,
            offset,
            line.trim_end_matches(['\n', '\r']).len(),
            &mut out,
        );
        offset += line.len();
    }
    out
}

/// Tokenizes the line `text[start..start + len]` and appends its sentences to `out`.
fn split_line(text: &str, start: usize, len: usize, out: &mut Vec<Vec<Token>>) {
    let line = &text[start..start + len];
    let tokens = words(line, start);
    let mut sentence = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        sentence.push(tok);
        i += 1;
        let t = tok.text(text);
        let ends = matches!(t, "." | "!" | "?" | "..." | "…")
            || (t.len() > 2
                && t.ends_with('.')
                && t.contains('.')
                && is_dotted_acronym(t)
                && next_starts_sentence(text, &tokens[i..]));
        if !ends {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        while i < tokens.len()
            && matches!(
                tokens[i].text(text),
                "\"" | "”" | "’" | "'" | ")" | "]" | "»"
            )
        {
            sentence.push(tokens[i]);
            i += 1;
        }
        if i < tokens.len() && !starts_sentence(tokens[i].text(text)) {
            continue;
        }
        out.push(std::mem::take(&mut sentence));
    }
    if !sentence.is_empty() {
        out.push(sentence);
    }
}

fn is_dotted_acronym(t: &str) -> bool {
    // "U.S." at the end of a sentence: the period does double duty.
    t.chars().filter(|&c| c == '.').count() >= 2
}

fn next_starts_sentence(text: &str, rest: &[Token]) -> bool {
    const STARTERS: &[&str] = &[
        "The", "He", "She", "It", "They", "We", "I", "But", "In", "A", "This", "That", "Its",
        "His", "Her",
    ];
    rest.first()
        .is_some_and(|t| STARTERS.contains(&t.text(text)))
}

/// Returns true if and only if a sentence may start with `word` (a capital, a digit or an opening quote).
fn starts_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_numeric()
            || matches!(
                c,
                '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '-' | '–' | '—'
            )
    })
}

/// Splits one line into tokens; offsets are shifted by `base`.
fn words(line: &str, base: usize) -> Vec<Token> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let pos = |k: usize| chars.get(k).map_or(line.len(), |&(i, _)| i);
    let mut tokens = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if c.is_whitespace() || c.is_control() || c == '\u{200b}' || c == '\u{feff}' {
            k += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            // Runs of the same dash or dot ("--", "...") are one token; other marks stand alone.
            let mut j = k + 1;
            if matches!(c, '-' | '.' | '=' | '*' | '_') {
                while at(j) == Some(c) {
                    j += 1;
                }
            }
            // "n't", "'s", "'re" after a word were handled by the word scanner; here a lone mark.
            tokens.push(Token {
                start: base + pos(k),
                end: base + pos(j),
            });
            k = j;
            continue;
        }
        // A word: alphanumerics joined by inner punctuation.
        let mut j = k + 1;
        loop {
            while at(j).is_some_and(|c| c.is_alphanumeric() || is_mark(c)) {
                j += 1;
            }
            let (Some(joiner), Some(next)) = (at(j), at(j + 1)) else {
                break;
            };
            if !is_joiner(joiner) || !next.is_alphanumeric() {
                break;
            }
            let prev = at(j - 1).unwrap_or(' ');
            let joins = match joiner {
                ',' | ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
                '.' => {
                    (prev.is_ascii_digit() && next.is_ascii_digit())
                        || (prev.is_alphabetic()
                            && next.is_alphabetic()
                            && is_single_letter_run(&chars, k, j))
                }
                '&' => prev.is_uppercase() && next.is_uppercase(),
                _ => true,
            };
            if !joins {
                break;
            }
            j += 2;
        }
        let mut word_end = j;
        // Possessive and contractions: "Rubio's" → "Rubio" "'s", "don't" → "do" "n't".
        let word = &line[pos(k)..pos(j)];
        let mut clitic = None;
        for suffix in [
            "'s", "’s", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m",
            "’m",
        ] {
            let tail = word.len().checked_sub(suffix.len()).filter(|&t| t > 0);
            if tail.is_some_and(|t| word.as_bytes()[t..].eq_ignore_ascii_case(suffix.as_bytes())) {
                let n = suffix.chars().count();
                word_end = j - n;
                clitic = Some(j);
                break;
            }
        }
        // A trailing period belongs to abbreviations and initials.
        let mut end = word_end;
        if clitic.is_none() && at(j) == Some('.') && takes_period(word) {
            end = j + 1;
            j += 1;
        }
        tokens.push(Token {
            start: base + pos(k),
            end: base + pos(end),
        });
        if let Some(cl) = clitic {
            tokens.push(Token {
                start: base + pos(word_end),
                end: base + pos(cl),
            });
        }
        // A possessive on a plural ("the ministers' meeting") stays a separate apostrophe token.
        k = j;
    }
    tokens
}

/// Combining marks (accents written as separate code points) belong to the word they follow.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Returns true if and only if `chars[from..to]` is a run like "U.S" (single letters joined by periods).
fn is_single_letter_run(chars: &[(usize, char)], from: usize, to: usize) -> bool {
    chars[from..to]
        .split(|&(_, c)| c == '.')
        .all(|part| part.len() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Vec<&str>> {
        sentences(text)
            .iter()
            .map(|s| s.iter().map(|t| t.text(text)).collect())
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_keep_their_period() {
        let t = toks(
            "Mr. Bush met Dr. Rice and L. Ron Hubbard in the U.S. on Jan. 5. Gov. Cuomo agreed.",
        );
        assert_eq!(
            t,
            vec![
                vec![
                    "Mr.", "Bush", "met", "Dr.", "Rice", "and", "L.", "Ron", "Hubbard", "in",
                    "the", "U.S.", "on", "Jan.", "5", "."
                ],
                vec!["Gov.", "Cuomo", "agreed", "."],
            ]
        );
        assert_eq!(
            toks("President George W. Bush spoke.")[0],
            vec!["President", "George", "W.", "Bush", "spoke", "."]
        );
    }

    #[test]
    fn possessives_and_quotes_split() {
        let t =
            toks("Secretary Rubio’s visit to Asia, “new and different approach” — Russia's view.");
        assert_eq!(
            t[0],
            vec![
                "Secretary",
                "Rubio",
                "’s",
                "visit",
                "to",
                "Asia",
                ",",
                "“",
                "new",
                "and",
                "different",
                "approach",
                "”",
                "—",
                "Russia",
                "'s",
                "view",
                "."
            ]
        );
    }

    #[test]
    fn hyphens_numbers_and_non_ascii_names_stay_whole() {
        let t = toks(
            "Kim Jong-un, Łukasz Fabiański and Сергей Лавров paid $1,000.50 for US-Russia talks.",
        );
        assert_eq!(
            t[0],
            vec![
                "Kim",
                "Jong-un",
                ",",
                "Łukasz",
                "Fabiański",
                "and",
                "Сергей",
                "Лавров",
                "paid",
                "$",
                "1,000.50",
                "for",
                "US-Russia",
                "talks",
                "."
            ]
        );
    }

    #[test]
    fn datelines_and_headings() {
        let text = "Kuala Lumpur, Malaysia – In a rare meeting, they talked.\nThe Path Forward for Ukraine Diplomacy\nKUALA LUMPUR, Malaysia — Talks began.";
        let t = toks(text);
        assert_eq!(t[0][..5], ["Kuala", "Lumpur", ",", "Malaysia", "–"]);
        assert_eq!(
            t[1],
            vec!["The", "Path", "Forward", "for", "Ukraine", "Diplomacy"]
        );
        assert_eq!(t[2][..5], ["KUALA", "LUMPUR", ",", "Malaysia", "—"]);
    }

    #[test]
    fn sentences_end_after_closing_quotes() {
        let t = toks("He said, “We are talking.” Rubio left. Then he came back!");
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].last(), Some(&"”"));
        assert_eq!(t[1], vec!["Rubio", "left", "."]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "  Wang Yi\r\nmet Rubio.";
        for s in sentences(text) {
            for tok in s {
                assert!(!tok.text(text).trim().is_empty());
            }
        }
        assert_eq!(sentences(text)[1][1].text(text), "Rubio");
    }
}
