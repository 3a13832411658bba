//! Calendar dates as `YYYY-MM-DD` strings: checking them, today's, and the
//! long form a memo uses. The calendar itself is jiff's.

use jiff::{civil::Date, tz::TimeZone, Timestamp};

/// True for a real calendar date written `YYYY-MM-DD`.
pub fn is_valid(s: &str) -> bool {
    parse(s).is_some()
}

/// Only the one spelling is accepted: jiff alone would also take ISO 8601's
/// other forms (`20250625`, `+002025-06-25`), which a case file should not
/// carry. Years before 1000 are refused as typing slips.
fn parse(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10);
    if !shaped || b[0] == b'0' {
        return None;
    }
    let number = |r: std::ops::Range<usize>| s[r].parse::<i16>().ok();
    let (y, m, d) = (number(0..4)?, number(5..7)?, number(8..10)?);
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// Long form for a memo: "November 28, 2026". Anything that is not a valid
/// date is returned as it was.
pub fn long_form(s: &str) -> String {
    match parse(s) {
        Some(date) => date.strftime("%B %-d, %Y").to_string(),
        None => s.to_string(),
    }
}

/// Today's date in UTC, from the system clock.
pub fn today() -> String {
    TimeZone::UTC
        .to_datetime(Timestamp::now())
        .date()
        .strftime("%Y-%m-%d")
        .to_string()
}

/// A UTC time for a record, `2026-12-02T04:10:00Z`, from seconds since
/// 1970; `None` past what a calendar date here can be (the year 9999).
pub fn utc_timestamp(secs: u64) -> Option<String> {
    Some(instant(secs)?.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A file time to the minute for a list, `2026-12-02 04:10` (UTC); a time
/// past the year 9999 is shown as the last minute jiff can represent.
pub fn utc_minutes(secs: u64) -> String {
    instant(secs)
        .unwrap_or(Timestamp::MAX)
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn instant(secs: u64) -> Option<Timestamp> {
    Timestamp::from_second(i64::try_from(secs).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_dates() {
        assert!(is_valid("2025-06-25"));
        assert!(is_valid("2024-02-29"));
        assert!(is_valid("2000-02-29"));
        assert!(!is_valid("1900-02-29"));
        assert!(!is_valid("2025-02-29"));
        assert!(!is_valid("2025-13-01"));
        assert!(!is_valid("2025-04-31"));
        assert!(!is_valid("2025-00-10"));
        assert!(!is_valid("2025-6-25"));
        assert!(!is_valid("25-06-2025"));
        assert!(!is_valid("20250625"));
        assert!(!is_valid("0999-01-01"));
        assert!(!is_valid("2025-06-2x"));
        assert!(!is_valid("2025-06-25T00:00"));
    }

    #[test]
    fn writes_dates_for_people() {
        assert_eq!(long_form("2026-11-28"), "November 28, 2026");
        assert_eq!(long_form("2026-07-01"), "July 1, 2026");
        assert_eq!(long_form("not a date"), "not a date");
        assert_eq!(utc_timestamp(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            utc_timestamp(1_764_648_600).as_deref(),
            Some("2025-12-02T04:10:00Z")
        );
        assert_eq!(utc_timestamp(u64::MAX), None);
        assert_eq!(utc_minutes(1_764_648_600), "2025-12-02 04:10");
        assert!(is_valid(&today()));
    }
}
