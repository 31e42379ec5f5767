//! A civil calendar date without time zone, validated on construction.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A proleptic Gregorian calendar date (`YYYY-MM-DD`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31 (checked against the month's length).
    pub day: u8,
}

/// Why a date string or triple is not a valid date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// The text or triple that was rejected.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Builds a date, checking month and day ranges (2025-13-45 is rejected).
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        let input = format!("{year:04}-{month:02}-{day:02}");
        if !(1..=9999).contains(&year) {
            return Err(DateError { input, reason: "year outside 0001–9999" });
        }
        if !(1..=12).contains(&month) {
            return Err(DateError { input, reason: "month outside 1–12" });
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError { input, reason: "day outside the month" });
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`; also accepts a longer timestamp whose first ten
    /// characters are such a date (`2024-10-29 23:59:00-04:00`,
    /// `2024-10-29T23:59:00Z`): the date part is what orbita uses.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let t = s.trim();
        let err = |reason| DateError { input: t.to_string(), reason };
        let b = t.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err("expected YYYY-MM-DD"));
        }
        if b.len() > 10 && !matches!(b[10], b' ' | b'T' | b't') {
            return Err(err("expected YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &t[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| err("expected digits"))
            } else {
                Err(err("expected digits"))
            }
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y as i32, m as u8, d as u8).map_err(|e| DateError { input: t.to_string(), reason: e.reason })
    }

    /// Days since 1970-01-01 (Arrow `Date32`).
    pub fn days_since_epoch(&self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let y = self.year - i32::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i32::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i32::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i32) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i32::from(month <= 2);
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_timestamp_forms() {
        assert_eq!(Date::parse("2025-10-16").unwrap(), Date { year: 2025, month: 10, day: 16 });
        assert_eq!(Date::parse("2024-10-29 23:59:00-04:00").unwrap().day, 29);
        assert_eq!(Date::parse("2024-02-29T00:00:00Z").unwrap().month, 2);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2025-13-45").is_err());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2025-1-5").is_err());
        assert!(Date::parse("2025-10-16x").is_err());
        assert!(Date::parse("yesterday").is_err());
    }

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2025, 10, 16).unwrap().days_since_epoch(), 20_377);
        for days in [-1000, 0, 59, 20_377, 40_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }
}
