//! Publication dates as pages write them in metadata: ISO 8601 (`2019-11-19T08:00:00-05:00`,
//! `2019-11-19`, `20191119`), RFC 2822 (`Tue, 19 Nov 2019 13:00:00 GMT`) and English month names
//! (`Nov. 19, 2019 8:00 AM`, `19 November 2019`). Times with an offset are converted to UTC.
//! Anything else, or any impossible date, gives `None`: a date is never guessed.

use crate::article::Date;

/// Parses the date written in `s`, or returns `None` if it is not in one of the forms above.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    iso(s).or_else(|| worded(s))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`, optionally followed by a time and an offset.
fn iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0')))
    };
    let year = digits(0, 4)?;
    let (month, day, rest) = match b.get(4) {
        Some(&sep @ (b'-' | b'/' | b'.')) => {
            let month = digits(5, 2)?;
            if b.get(7) != Some(&sep) {
                return None;
            }
            (month, digits(8, 2)?, 10)
        }
        _ => (digits(4, 2)?, digits(6, 2)?, 8),
    };
    if b.get(rest).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let date = Date::ymd(year as i32, month as u8, day as u8)?;
    let time = &s[rest..];
    let time = time.strip_prefix(['T', 't', ' ']).unwrap_or(time);
    Some(with_clock(date, time).unwrap_or(date))
}

/// Applies a clock time like `08:00:00.000-05:00`, `0800Z` or `8:00 PM EST` to `date`, in UTC.
/// `None` if `text` does not start with a time.
fn with_clock(date: Date, text: &str) -> Option<Date> {
    let t = text.trim_start();
    let num_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(t.len());
    let clock = &t[..num_end];
    let mut parts = clock.split(':');
    let first = parts.next()?;
    let (mut h, m, sec) = if first.len() == 4 && !clock.contains(':') {
        (
            first[..2].parse::<u32>().ok()?,
            first[2..].parse::<u32>().ok()?,
            0,
        )
    } else {
        let h = first.parse::<u32>().ok()?;
        let m = parts.next()?.parse::<u32>().ok()?;
        let sec = parts
            .next()
            .and_then(|p| p.split('.').next()?.parse::<u32>().ok())
            .unwrap_or(0);
        (h, m, sec)
    };
    let rest = t[num_end..].trim_start();
    let lower = rest.to_ascii_lowercase();
    let mut rest = rest;
    if lower.starts_with("pm")
        || lower.starts_with("p.m.")
        || lower.starts_with("am")
        || lower.starts_with("a.m.")
    {
        if h > 12 || h == 0 {
            return None;
        }
        let pm = lower.starts_with('p');
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        let skip = if lower.as_bytes().get(1) == Some(&b'.') {
            4
        } else {
            2
        };
        rest = rest[skip.min(rest.len())..].trim_start();
    }
    let local = date.with_time(h, m, sec)?;
    let offset = offset_seconds(rest).unwrap_or(0);
    Some(Date::from_timestamp(local.timestamp() - offset))
}

/// Seconds east of UTC for `Z`, `±HH:MM`, `±HHMM`, `±HH` or a common zone name; `None` otherwise.
fn offset_seconds(s: &str) -> Option<i64> {
    let s = s.trim();
    let word: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    let hours = match word.as_str() {
        "Z" | "UTC" | "GMT" | "UT" => Some(0),
        "EST" => Some(-5),
        "EDT" | "CST" => Some(if word == "EDT" { -4 } else { -6 }),
        "CDT" => Some(-5),
        "MST" => Some(-7),
        "MDT" => Some(-6),
        "PST" => Some(-8),
        "PDT" => Some(-7),
        "BST" | "CET" => Some(1),
        "CEST" => Some(2),
        _ => None,
    };
    if let Some(h) = hours {
        return Some(h * 3600);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .filter(char::is_ascii_digit)
        .collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i64>().ok()?, 0),
        4 => (
            digits[..2].parse::<i64>().ok()?,
            digits[2..].parse::<i64>().ok()?,
        ),
        _ => return None,
    };
    (h < 24 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// The month numbered by an English month name or its abbreviation.
fn month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let m = NAMES
        .iter()
        .position(|n| n.starts_with(&w) || (w == "sept"))?;
    Some(if w == "sept" { 9 } else { m as u8 + 1 })
}

/// Dates with an English month name: `Nov 19, 2019`, `November 19, 2019 8:00 AM EST`,
/// `Tue, 19 Nov 2019 13:00:00 GMT`, `19 November 2019`.
fn worded(s: &str) -> Option<Date> {
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = month(w) else { continue };
        let num = |j: usize| -> Option<u32> {
            let t = words.get(j)?.trim_end_matches('.');
            let t = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|o| t.strip_suffix(o))
                .unwrap_or(t);
            t.parse().ok()
        };
        // Month Day Year, or Day Month Year.
        let (day, year, next) = if let (Some(d), Some(y)) = (num(i + 1), num(i + 2)) {
            (d, y, i + 3)
        } else if let (Some(d), Some(y)) = (i.checked_sub(1).and_then(num), num(i + 1)) {
            (d, y, i + 2)
        } else {
            continue;
        };
        if !(1000..=9999).contains(&year) || day > 31 {
            continue;
        }
        let date = Date::ymd(year as i32, m, day as u8)?;
        let rest = words[next.min(words.len())..].join(" ");
        let rest = rest.trim_start_matches(['-', '|', ' ']);
        let rest = rest.strip_prefix("at ").unwrap_or(rest);
        return Some(with_clock(date, rest).unwrap_or(date));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd_hms(s: &str) -> Option<String> {
        parse(s).map(|d| format!("{d} {:02}:{:02}", d.seconds / 3600, d.seconds % 3600 / 60))
    }

    #[test]
    fn iso_dates_with_offsets_become_utc() {
        assert_eq!(
            ymd_hms("2019-11-19T08:00:00-05:00").as_deref(),
            Some("2019-11-19 13:00")
        );
        assert_eq!(
            ymd_hms("2019-11-19T23:30:00.000+0100").as_deref(),
            Some("2019-11-19 22:30")
        );
        assert_eq!(
            ymd_hms("2019-11-18T22:04:00Z").as_deref(),
            Some("2019-11-18 22:04")
        );
        assert_eq!(
            ymd_hms("2019-12-31T23:00:00-02:00").as_deref(),
            Some("2020-01-01 01:00")
        );
        assert_eq!(ymd_hms("2019-11-19").as_deref(), Some("2019-11-19 00:00"));
        assert_eq!(
            ymd_hms("2019/11/19 08:15").as_deref(),
            Some("2019-11-19 08:15")
        );
        assert_eq!(ymd_hms("20191119").as_deref(), Some("2019-11-19 00:00"));
    }

    #[test]
    fn worded_dates() {
        assert_eq!(
            ymd_hms("Tue, 19 Nov 2019 13:00:00 GMT").as_deref(),
            Some("2019-11-19 13:00")
        );
        assert_eq!(
            ymd_hms("November 19, 2019 8:00 PM EST").as_deref(),
            Some("2019-11-20 01:00")
        );
        assert_eq!(
            ymd_hms("Nov. 19, 2019").as_deref(),
            Some("2019-11-19 00:00")
        );
        assert_eq!(
            ymd_hms("19 September 2018").as_deref(),
            Some("2018-09-19 00:00")
        );
        assert_eq!(
            ymd_hms("Sept 3rd, 2018").as_deref(),
            Some("2018-09-03 00:00")
        );
    }

    #[test]
    fn nonsense_is_not_a_date() {
        for s in [
            "",
            "yesterday",
            "2019-13-01",
            "2019-02-30",
            "12345678901",
            "March",
            "May the force",
            "2019-1-5",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
