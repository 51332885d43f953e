//! An article is one news story as the indexer sees it: headline, body, dateline facts and where it
//! came from. Every reader in [`crate::corpus`] produces articles; everything downstream consumes them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// One news story read from an archive.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Article {
    /// Stable identifier derived from the file path and the record number within the file, so that
    /// re-indexing the same file replaces its articles instead of adding copies.
    pub id: String,
    /// The file the article came from, as given on the command line or found by walking.
    pub path: PathBuf,
    /// The article's position inside its file (0 for single-article files).
    pub record: u64,
    /// The headline as published, when the source has one.
    pub headline: Option<String>,
    /// The article text, paragraphs separated by blank lines, boilerplate removed.
    pub body: String,
    /// Publication date, when the source states one (never guessed from file times).
    pub date: Option<Date>,
    /// Publisher or site name.
    pub source: Option<String>,
    /// Canonical URL of the article.
    pub url: Option<String>,
    /// Bylines, one author per entry.
    pub authors: Vec<String>,
}

impl Article {
    /// Creates an empty article for record `record` of the file at `path`, with its stable id set.
    pub fn new(path: &Path, record: u64) -> Article {
        Article {
            id: article_id(path, record),
            path: path.to_path_buf(),
            record,
            ..Article::default()
        }
    }

    /// The title to display: the headline if there is one, else the body's first sentence
    /// (cut at a word boundary to at most 120 characters).
    pub fn title(&self) -> String {
        if let Some(h) = self
            .headline
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
        {
            return h.to_string();
        }
        first_sentence(&self.body, 120)
    }
}

/// Returns the stable id of record `record` in the file at `path`: 16 hex digits of a 64-bit
/// FNV-1a hash of the path and the record number.
pub fn article_id(path: &Path, record: u64) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.to_string_lossy().bytes().chain(record.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Returns the first sentence of `text`, shortened at a word boundary to at most `max` characters
/// (with a trailing "…" when shortened).
pub fn first_sentence(text: &str, max: usize) -> String {
    let text = text.trim_start();
    let line = text.lines().next().unwrap_or("");
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let rest = &line[i + c.len_utf8()..];
            if rest.is_empty() || rest.starts_with(' ') {
                // Do not stop after initials or short abbreviations ("U.S.", "Mr.").
                let word = line[..i].rsplit(' ').next().unwrap_or("");
                let abbrev =
                    c == '.' && (word.len() <= 2 || word.contains('.') || is_title_abbrev(word));
                if !abbrev {
                    end = i + c.len_utf8();
                    break;
                }
            }
        }
    }
    let sentence = line[..end].trim();
    if sentence.chars().count() <= max {
        return sentence.to_string();
    }
    // Byte offset of the (max-1)th character, then back to the last space before it.
    let limit = sentence
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(sentence.len(), |(i, _)| i);
    let cut = sentence[..limit]
        .rfind(' ')
        .filter(|&i| i > 0)
        .unwrap_or(limit);
    format!(
        "{}…",
        sentence[..cut].trim_end_matches([',', ';', ':', ' '])
    )
}

fn is_title_abbrev(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Gen"
            | "Col"
            | "Lt"
            | "St"
            | "Jr"
            | "Sr"
            | "Prof"
            | "Rev"
            | "Sgt"
            | "Capt"
            | "Maj"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "No"
            | "vs"
    )
}

/// A calendar date (UTC), optionally with a time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Seconds since midnight UTC (0 when the source gives only a day).
    pub seconds: u32,
}

impl Date {
    /// Returns the date if and only if `year`, `month` and `day` name a real calendar day between
    /// the years 1000 and 9999.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
            seconds: 0,
        })
    }

    /// Returns the same date with the time of day set, if and only if `h:m:s` is a valid time (a
    /// leap second counts as :59). Any numbers may be given: those out of range give `None`.
    pub fn with_time(self, h: u32, m: u32, s: u32) -> Option<Date> {
        // `then`, not `then_some`: the seconds must not be computed from an hour of 4 billion.
        (h < 24 && m < 60 && s < 61).then(|| Date {
            seconds: h * 3600 + m * 60 + s.min(59),
            ..self
        })
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn timestamp(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400 + i64::from(self.seconds)
    }

    /// The date for `timestamp` seconds since the Unix epoch.
    pub fn from_timestamp(timestamp: i64) -> Date {
        let days = timestamp.div_euclid(86_400);
        let seconds = timestamp.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Date {
            year,
            month,
            day,
            seconds,
        }
    }

    /// "YYYY-MM" of this date, used for month facets.
    pub fn year_month(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Display for Date {
    /// Formats as `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Number of days in `month` of `year` (proleptic Gregorian calendar).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip() {
        let d = Date::ymd(2025, 7, 11).unwrap().with_time(9, 30, 0).unwrap();
        assert_eq!(d.timestamp(), 1_752_226_200);
        assert_eq!(Date::from_timestamp(d.timestamp()), d);
        assert_eq!(Date::ymd(1987, 2, 26).unwrap().to_string(), "1987-02-26");
        assert!(Date::ymd(2023, 2, 29).is_none());
        assert!(Date::ymd(2024, 2, 29).is_some());
    }

    #[test]
    fn times_out_of_range_are_refused_whatever_their_size() {
        let day = Date::ymd(1987, 2, 26).unwrap();
        assert_eq!(day.with_time(23, 59, 60).unwrap().seconds, 86_399);
        assert!(day.with_time(24, 0, 0).is_none());
        // Found by the sgml fuzz target: "26-FEB-193333333:20.00" read as hour 3,333,333.
        assert!(day.with_time(3_333_333, 20, 0).is_none());
        assert!(day.with_time(u32::MAX, u32::MAX, u32::MAX).is_none());
    }

    #[test]
    fn display_title_falls_back_to_first_sentence() {
        let mut a = Article::new(Path::new("seed.txt"), 0);
        a.body =
            "US Secretary of State Marco Rubio met Mr. Lavrov in Kuala Lumpur. They talked.".into();
        assert_eq!(
            a.title(),
            "US Secretary of State Marco Rubio met Mr. Lavrov in Kuala Lumpur."
        );
        a.headline = Some("Rubio meets Lavrov".into());
        assert_eq!(a.title(), "Rubio meets Lavrov");
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let p = Path::new("corpus/a.jsonl");
        assert_eq!(article_id(p, 1), article_id(p, 1));
        assert_ne!(article_id(p, 1), article_id(p, 2));
    }
}
