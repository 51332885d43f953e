//! Publication dates as archives write them: a lenient parser for ISO 8601, RFC 2822, US and European
//! numeric dates, month names and the Reuters wire format. It answers `None` rather than guess, and
//! never consults the clock.
//!
//! | input | date |
//! |---|---|
//! | `2019-08-19`, `2019-08-19T14:00:00+02:00`, `20190819` | ISO 8601, converted to UTC |
//! | `Tue, 20 Jul 2010 14:00:00 GMT`, `… -0400` | RFC 2822 |
//! | `26-FEB-1987 15:01:01.79` | Reuters-21578 |
//! | `July 21, 2020`, `Thursday, January 21, 2021 3:45 PM`, `21 July 2020` | month names |
//! | `8/19/19`, `8/19/2019` | US style (month first) unless the first number is over 12 |
//! | `21.01.2021`, `21-01-2021` | day first unless the second number is over 12 |
//!
//! Two-digit years 00–69 are 2000–2069, 70–99 are 1970–1999. A date without a day is `None`.

use crate::article::Date;

/// Parses a date as a news archive writes it, returning `None` when `s` is not a complete calendar
/// date (year, month and day) or names an impossible one. A time of day and a zone, when present,
/// are applied so the result is in UTC; a date without a time has time 00:00.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    iso(s).or_else(|| loose(s))
}

/// `YYYY-MM-DD` or `YYYYMMDD`, optionally followed by `T` or a space, a time and a zone.
fn iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let (date, rest) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        let date = Date::ymd(num(s.get(0..4)?)?, num(s.get(5..7)?)?, num(s.get(8..10)?)?)?;
        (date, s.get(10..)?)
    } else if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && (b.len() == 8 || b[8] == b'T')
    {
        (
            Date::ymd(num(s.get(0..4)?)?, num(s.get(4..6)?)?, num(s.get(6..8)?)?)?,
            s.get(8..)?,
        )
    } else {
        return None;
    };
    let rest = rest.trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return Some(date);
    }
    let (clock, zone) = split_zone(rest);
    if clock.is_empty() {
        // "2020-07-21 (updated)": the date stands on its own.
        return Some(date);
    }
    let (h, m, sec) = clock_time(clock)?;
    let offset = if zone.is_empty() {
        0
    } else {
        zone_offset(zone)?
    };
    shift(date.with_time(h, m, sec)?, offset)
}

/// Splits "14:00:00.5+02:00" into the clock part and the zone part ("Z", "+02:00", " UTC", …).
fn split_zone(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(s.len());
    (&s[..end], s[end..].trim())
}

/// "HH:MM", "HH:MM:SS", "HH:MM:SS.fff" (also "HHMMSS").
fn clock_time(s: &str) -> Option<(u32, u32, u32)> {
    let s = s.split(['.', ',']).next()?;
    let parts: Vec<&str> = if s.contains(':') {
        s.split(':').collect()
    } else {
        vec![s.get(0..2)?, s.get(2..4)?, s.get(4..).unwrap_or("")]
    };
    let h = num(parts.first()?)?;
    let m = num(parts.get(1)?)?;
    let sec = match parts.get(2) {
        Some(p) if !p.is_empty() => num(p)?,
        _ => 0,
    };
    Some((h, m, sec))
}

/// Seconds east of UTC for a zone written as "Z", "+02:00", "-0400", "+05", or a name (GMT, EST, …).
fn zone_offset(zone: &str) -> Option<i64> {
    let zone = zone.trim();
    if let Some(sign) = zone.chars().next().filter(|c| *c == '+' || *c == '-') {
        let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
        let (h, m): (i64, i64) = match digits.len() {
            1 | 2 => (digits.parse().ok()?, 0),
            4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
            _ => return None,
        };
        if h > 14 || m > 59 {
            return None;
        }
        let secs = h * 3600 + m * 60;
        return Some(if sign == '-' { -secs } else { secs });
    }
    named_zone(&zone.to_ascii_lowercase())
}

fn named_zone(word: &str) -> Option<i64> {
    let hours = match word {
        "z" | "gmt" | "utc" | "ut" | "wet" => 0,
        "bst" | "cet" | "wat" | "west" => 1,
        "cest" | "eet" | "cat" | "sast" => 2,
        "eest" | "msk" | "eat" => 3,
        "ist" => return Some(5 * 3600 + 1800),
        "jst" | "kst" => 9,
        "aest" => 10,
        "edt" => -4,
        "est" | "cdt" => -5,
        "cst" | "mdt" => -6,
        "mst" | "pdt" => -7,
        "pst" => -8,
        _ => return None,
    };
    Some(hours * 3600)
}

/// The UTC date for a local `date` at `offset` seconds east of UTC.
fn shift(date: Date, offset: i64) -> Option<Date> {
    let utc = Date::from_timestamp(date.timestamp() - offset);
    Date::ymd(utc.year, utc.month, utc.day).map(|_| utc)
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    /// A run of digits and how many there were.
    Number(u32, usize),
    Word(&'a str),
    /// Punctuation between the parts.
    Sep(char),
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() || c.is_alphabetic() {
            let digit = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if (digit && d.is_ascii_digit()) || (!digit && d.is_alphabetic()) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let t = &s[i..end];
            out.push(if digit {
                Token::Number(t.parse().unwrap_or(u32::MAX), t.len())
            } else {
                Token::Word(t)
            });
        } else if !c.is_whitespace() {
            out.push(Token::Sep(c));
        }
    }
    out
}

/// English month names, lowercase, January first.
pub const MONTHS: [&str; 12] = [
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

fn month(word: &str) -> Option<u8> {
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() == 3 || w == "sept" || w.len() == m.len()))?;
    Some(i as u8 + 1)
}

/// Everything that is not ISO: tokens, then a time (with AM/PM and zone), a month name, and the
/// numbers left over as day and year, or as day, month and year.
fn loose(s: &str) -> Option<Date> {
    let toks = tokens(s);
    let mut used = vec![false; toks.len()];
    // Time of day: N:N[:N[.N]], then AM/PM, then a zone.
    let mut time = None;
    let mut offset = 0i64;
    for i in 0..toks.len() {
        if let (Token::Number(h, _), Some(Token::Sep(':')), Some(Token::Number(m, 2))) =
            (&toks[i], toks.get(i + 1), toks.get(i + 2))
        {
            let (mut h, m) = (*h, *m);
            let mut end = i + 3;
            let mut sec = 0;
            if let (Some(Token::Sep(':')), Some(Token::Number(s, 2))) =
                (toks.get(end), toks.get(end + 1))
            {
                sec = *s;
                end += 2;
                if let (Some(Token::Sep('.' | ',')), Some(Token::Number(..))) =
                    (toks.get(end), toks.get(end + 1))
                {
                    end += 2;
                }
            }
            if let Some(Token::Word(w)) = toks.get(end) {
                match w.to_ascii_lowercase().as_str() {
                    "am" | "pm" if !(1..=12).contains(&h) => return None,
                    "am" => (h, end) = (h % 12, end + 1),
                    "pm" => (h, end) = (h % 12 + 12, end + 1),
                    _ => {}
                }
            }
            match (toks.get(end), toks.get(end + 1)) {
                (Some(Token::Sep(c @ ('+' | '-'))), Some(Token::Number(z, digits @ (2 | 4)))) => {
                    offset = zone_offset(&format!("{c}{z:0digits$}"))?;
                    end += 2;
                }
                (Some(Token::Word(w)), _) if named_zone(&w.to_ascii_lowercase()).is_some() => {
                    offset = named_zone(&w.to_ascii_lowercase()).unwrap_or(0);
                    end += 1;
                }
                _ => {}
            }
            used[i..end].iter_mut().for_each(|u| *u = true);
            time = Some((h, m, sec));
            break;
        }
    }
    let mut month_name = None;
    let mut numbers = Vec::new();
    let mut separators = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if used[i] {
            continue;
        }
        match t {
            Token::Word(w) => {
                if let Some(m) = month(w)
                    && month_name.replace(m).is_some()
                {
                    return None;
                }
                // Weekdays, "st"/"th" after a day, "Updated:" and the like are ignored.
            }
            Token::Number(n, digits) => numbers.push((*n, *digits)),
            Token::Sep(c) => separators.push(*c),
        }
    }
    let (year, month, day) = match (month_name, numbers.as_slice()) {
        (Some(m), [(a, da), (b, db)]) => {
            if *da == 4 {
                (*a, m, *b)
            } else if *db == 4 || *da <= 2 && *db <= 2 {
                (two_digit_year(*b, *db)?, m, *a)
            } else {
                return None;
            }
        }
        (None, [(a, 4), (b, 1 | 2), (c, 1 | 2)]) => (*a, *b as u8, *c),
        (None, [(a, 1 | 2), (b, 1 | 2), (c, dc @ (2 | 4))]) => {
            let year = two_digit_year(*c, *dc)?;
            let month_first = if separators.first() == Some(&'/') {
                *a <= 12
            } else {
                *b > 12
            };
            let (m, d) = if month_first { (*a, *b) } else { (*b, *a) };
            (year, m as u8, d)
        }
        _ => return None,
    };
    let date = Date::ymd(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)?;
    match time {
        Some((h, m, s)) => shift(date.with_time(h, m, s)?, offset),
        None => Some(date),
    }
}

fn two_digit_year(n: u32, digits: usize) -> Option<u32> {
    match digits {
        4 => Some(n),
        2 if n < 70 => Some(2000 + n),
        2 => Some(1900 + n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd_hms(s: &str) -> Option<String> {
        parse(s).map(|d| {
            format!(
                "{d} {:02}:{:02}:{:02}",
                d.seconds / 3600,
                d.seconds / 60 % 60,
                d.seconds % 60
            )
        })
    }

    #[test]
    fn iso_dates_with_and_without_time_and_zone() {
        assert_eq!(
            ymd_hms("2019-08-19").as_deref(),
            Some("2019-08-19 00:00:00")
        );
        assert_eq!(
            ymd_hms("2019-08-19T14:05:09Z").as_deref(),
            Some("2019-08-19 14:05:09")
        );
        assert_eq!(
            ymd_hms("2019-08-19T14:05:09.123+02:00").as_deref(),
            Some("2019-08-19 12:05:09")
        );
        assert_eq!(
            ymd_hms("2019-08-19 01:00:00 -0400").as_deref(),
            Some("2019-08-19 05:00:00")
        );
        assert_eq!(
            ymd_hms("2019-08-19T23:30:00-05:00").as_deref(),
            Some("2019-08-20 04:30:00")
        );
        assert_eq!(ymd_hms("20190819").as_deref(), Some("2019-08-19 00:00:00"));
        assert_eq!(
            ymd_hms("2014-08-02T09:52:13Z").as_deref(),
            Some("2014-08-02 09:52:13")
        );
    }

    #[test]
    fn the_formats_archives_carry() {
        // AllSides US style.
        assert_eq!(ymd_hms("8/19/19").as_deref(), Some("2019-08-19 00:00:00"));
        assert_eq!(ymd_hms("12/1/2018").as_deref(), Some("2018-12-01 00:00:00"));
        // RFC 2822.
        assert_eq!(
            ymd_hms("Tue, 20 Jul 2010 14:00:00 GMT").as_deref(),
            Some("2010-07-20 14:00:00")
        );
        assert_eq!(
            ymd_hms("Tue, 20 Jul 2010 14:00:00 +0200").as_deref(),
            Some("2010-07-20 12:00:00")
        );
        assert_eq!(
            ymd_hms("Tue, 20 Jul 2010 14:00:00 -05").as_deref(),
            Some("2010-07-20 19:00:00")
        );
        assert_eq!(
            ymd_hms("Sat, 02 Aug 2014 09:52:13 GMT").as_deref(),
            Some("2014-08-02 09:52:13")
        );
        // Reuters-21578.
        assert_eq!(
            ymd_hms("26-FEB-1987 15:01:01.79").as_deref(),
            Some("1987-02-26 15:01:01")
        );
        assert_eq!(
            ymd_hms(" 5-APR-1987 01:53:30.00").as_deref(),
            Some("1987-04-05 01:53:30")
        );
        // Month names.
        assert_eq!(
            ymd_hms("July 21, 2020").as_deref(),
            Some("2020-07-21 00:00:00")
        );
        assert_eq!(
            ymd_hms("Thursday, January 21, 2021").as_deref(),
            Some("2021-01-21 00:00:00")
        );
        assert_eq!(
            ymd_hms("21 Sept 2020").as_deref(),
            Some("2020-09-21 00:00:00")
        );
        assert_eq!(
            ymd_hms("Jan. 3rd, 2021 3:45 PM EST").as_deref(),
            Some("2021-01-03 20:45:00")
        );
        assert_eq!(
            ymd_hms("Updated: March 1, 2019 at 12:05 am").as_deref(),
            Some("2019-03-01 00:05:00")
        );
        // Day first.
        assert_eq!(
            ymd_hms("21.01.2021").as_deref(),
            Some("2021-01-21 00:00:00")
        );
        assert_eq!(
            ymd_hms("21/01/2021").as_deref(),
            Some("2021-01-21 00:00:00")
        );
    }

    #[test]
    fn unknown_or_impossible_is_none() {
        for s in [
            "",
            "   ",
            "yesterday",
            "2019",
            "July 2020",
            "2019-02-30",
            "13/13/2020",
            "2019-08",
            "99:99",
            "Room 12 of 2020",
            "25:00 July 1, 2020",
            "1/2/3/4",
            "0000-01-01",
            "May",
            "2019-08-19T99:00",
            // Hours too large for a u32 of seconds (found by the sgml fuzz target).
            "26FEB1933333:20.00T",
            "26-FEB-1987 3333333:20:00",
            "2019-08-19T4294967295:00",
        ] {
            assert_eq!(parse(s), None, "{s:?}");
        }
        // Multi-byte characters where digits are expected: no panic.
        for s in ["2019-08-1€", "2019-0€-19", "20€9-08-19T10:00", "€€€€-€€-€€"]
        {
            let _ = parse(s);
        }
    }
}
