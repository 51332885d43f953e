//! Date filters as users type them (`--since 2025`, `--until 2025-07`, `--since 2025-07-11`) turned
//! into an inclusive range of publication days.

use crate::article::{Date, days_in_month};
use crate::error::{Error, Result};

/// Publication dates an article may have to pass the filters: timestamps in seconds since the
/// epoch, `start` inclusive and `end` exclusive; None means unbounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    pub start: Option<i64>,
    pub end: Option<i64>,
}

/// How the two filters are named where the user typed them, for error messages.
pub struct FilterNames {
    since: &'static str,
    until: &'static str,
    /// Between a name and its value in an example ("--since 2025-07", "since=2025-07").
    joint: &'static str,
}

/// The command line's flags.
pub const FLAGS: FilterNames = FilterNames {
    since: "--since",
    until: "--until",
    joint: " ",
};

/// The web API's query parameters.
pub const PARAMETERS: FilterNames = FilterNames {
    since: "since",
    until: "until",
    joint: "=",
};

impl DateRange {
    /// Parses the `since` and `until` filters typed as command-line flags ([`FLAGS`]); see
    /// [`DateRange::parse_named`].
    pub fn parse(since: Option<&str>, until: Option<&str>) -> Result<DateRange> {
        DateRange::parse_named(since, until, &FLAGS)
    }

    /// Parses the `since` and `until` filters. `since` starts at the first second of the period it
    /// names and `until` ends after the last second of its period, so `--until 2025-02` includes
    /// February 28th. Fails with a usage error naming the filter as `names` spell it for a
    /// malformed or impossible date and for a `since` later than `until`.
    pub fn parse_named(
        since: Option<&str>,
        until: Option<&str>,
        names: &FilterNames,
    ) -> Result<DateRange> {
        let start = since
            .map(|s| period(s, names.since, names.joint).map(|(first, _)| first.timestamp()))
            .transpose()?;
        let end = until
            .map(|s| period(s, names.until, names.joint).map(|(_, last)| last.timestamp() + 86_400))
            .transpose()?;
        if let (Some(s), Some(e), Some(since), Some(until)) = (start, end, since, until)
            && s >= e
        {
            let j = names.joint;
            return Err(Error::usage(format!(
                "{}{j}{since} is after {}{j}{until}: no article can match; swap them",
                names.since, names.until
            )));
        }
        Ok(DateRange { start, end })
    }

    /// Returns true if and only if neither end is bounded.
    pub fn is_unbounded(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }
}

/// Returns the first and last day of the period `text` names (YYYY, YYYY-MM or YYYY-MM-DD).
fn period(text: &str, name: &str, joint: &str) -> Result<(Date, Date)> {
    let bad = || {
        Error::usage(format!(
            "bad {name} date {text:?}: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. {name}{joint}2025-07)"
        ))
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
            .ok_or_else(bad)
    };
    let year = number(parts[0], 4)?;
    let (first, last) = match parts[1..] {
        [] => (Date::ymd(year, 1, 1), Date::ymd(year, 12, 31)),
        [m] => {
            let m = u8::try_from(number(m, 2)?).map_err(|_| bad())?;
            (
                Date::ymd(year, m, 1),
                Date::ymd(year, m, days_in_month(year, m)),
            )
        }
        [m, d] => {
            let m = u8::try_from(number(m, 2)?).map_err(|_| bad())?;
            let d = u8::try_from(number(d, 2)?).map_err(|_| bad())?;
            let day = Date::ymd(year, m, d);
            (day, day)
        }
        _ => return Err(bad()),
    };
    first.zip(last).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(y: i32, m: u8, d: u8) -> i64 {
        Date::ymd(y, m, d).unwrap().timestamp()
    }

    #[test]
    fn periods_are_inclusive_at_both_ends() {
        let r = DateRange::parse(Some("2025"), Some("2025-02")).unwrap();
        assert_eq!(r.start, Some(ts(2025, 1, 1)));
        assert_eq!(r.end, Some(ts(2025, 3, 1)));
        let r = DateRange::parse(Some("2024-02-29"), Some("2024-02-29")).unwrap();
        assert_eq!(r.start, Some(ts(2024, 2, 29)));
        assert_eq!(r.end, Some(ts(2024, 3, 1)));
        let r = DateRange::parse(None, Some("2024-12")).unwrap();
        assert_eq!((r.start, r.end), (None, Some(ts(2025, 1, 1))));
        assert!(DateRange::parse(None, None).unwrap().is_unbounded());
    }

    #[test]
    fn malformed_and_impossible_dates_are_usage_errors_naming_the_flag() {
        for bad in [
            "2025-13",
            "2023-02-29",
            "25",
            "2025/07",
            "July 2025",
            "2025-7",
            "",
            "2025-07-11-01",
            "+202",
        ] {
            let err = DateRange::parse(Some(bad), None).unwrap_err();
            assert_eq!(err.code(), Error::USAGE, "{bad}");
            assert!(err.to_string().contains("--since"), "{err}");
            assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        }
        let err = DateRange::parse(None, Some("2025-00")).unwrap_err();
        assert!(err.to_string().starts_with("bad --until date"), "{err}");
        // The web API names its parameters.
        let err = DateRange::parse_named(Some("bad"), None, &PARAMETERS).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad since date \"bad\": use YYYY, YYYY-MM or YYYY-MM-DD (e.g. since=2025-07)"
        );
    }

    #[test]
    fn since_after_until_is_refused() {
        let err = DateRange::parse(Some("2025-08"), Some("2025-07")).unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("after"), "{err}");
        assert!(DateRange::parse(Some("2025-07"), Some("2025-07")).is_ok());
    }
}
