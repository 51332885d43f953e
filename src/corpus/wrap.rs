//! Hard-wrapped prose: text a wire or an editor broke into lines of a fixed width, where a line
//! break is no sentence's end and no paragraph's. The recogniser reads a line break as the end of
//! a sentence (headings, captions and table rows stand on lines of their own), so a name the wrap
//! cut in two ("… included Crocker National" + "Corp for the first five months") would be lost;
//! readers join such lines first.

/// Fewest characters of a line that a wrap broke: wrapped prose fills its width (the Reuters wire
/// wraps at about 65), while headings, captions and table rows are mostly shorter.
const MIN_WRAPPED_CHARS: usize = 50;

/// Returns true if and only if `line` continues `before` as wrapped prose: `before` has 50
/// characters or more, `line` is not indented, and both are mostly in lower case (a headline in
/// capitals or a row of figures is no prose).
pub(crate) fn continues(before: &str, line: &str) -> bool {
    before.trim().chars().count() >= MIN_WRAPPED_CHARS
        && !line.starts_with([' ', '\t'])
        && mostly_lower_case(before)
        && mostly_lower_case(line)
}

/// Returns true if and only if `text` has more lower-case letters than capitals.
fn mostly_lower_case(text: &str) -> bool {
    let lower = text.chars().filter(|c| c.is_lowercase()).count();
    lower > text.chars().filter(|c| c.is_uppercase()).count()
}

#[cfg(test)]
mod tests {
    use super::continues;

    #[test]
    fn wrapped_prose_continues_and_headlines_and_tables_do_not() {
        // Reuters-21578, reut2-001.sgm (an unprocessed record).
        let prose = "    Midland said its 1986 results included Crocker National";
        assert!(continues(
            prose,
            "Corp for the first five months, prior to its sale last May. If"
        ));
        assert!(!continues(prose, "    Midland shares were up 14p at 633p."));
        let headline = "MIDLAND RIGHTS ISSUE STILL EXPECTED SAY ANALYSTS LONDON, March";
        assert!(!continues(
            headline,
            "4 - Midland Bank Plc's <MDBL.L> 1986 results suggest its shares"
        ));
        assert!(!continues(
            "Shr 1.20 dlrs vs 1.10 dlrs",
            "Net 12.3 mln vs 11.2 mln"
        ));
    }
}
