//! Time for rendered errors: the [`Clock`] a renderer reads and the RFC 3339
//! [`Timestamp`] it writes.
//!
//! A clock is injectable so that tests render deterministic bodies.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A point in time, in whole seconds since the Unix epoch (UTC).
///
/// It displays as RFC 3339 in UTC with seconds precision, such as
/// `2024-12-01T12:00:00Z`. RFC 3339 has four-digit years only, so a time
/// before year 0000 or after year 9999 displays as the nearest of those
/// bounds.
///
/// # Examples
///
/// ```
/// use errors_core::Timestamp;
///
/// let noon = Timestamp::from_unix_seconds(1_733_054_400);
/// assert_eq!(noon.to_string(), "2024-12-01T12:00:00Z");
/// assert_eq!(noon.unix_seconds(), 1_733_054_400);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// The first second of year 0000 (`0000-01-01T00:00:00Z`).
const MIN_SECONDS: i64 = -62_167_219_200;
/// The last second of year 9999 (`9999-12-31T23:59:59Z`).
const MAX_SECONDS: i64 = 253_402_300_799;

impl Timestamp {
    /// The Unix epoch, `1970-01-01T00:00:00Z`.
    pub const UNIX_EPOCH: Timestamp = Timestamp(0);

    /// The time `seconds` after the Unix epoch (before it when negative).
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self(seconds)
    }

    /// Seconds since the Unix epoch.
    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The time `time` stands for, truncated to whole seconds.
    pub fn from_system_time(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Self(i64::try_from(after.as_secs()).unwrap_or(i64::MAX)),
            Err(before) => {
                let duration = before.duration();
                let mut seconds = i64::try_from(duration.as_secs()).unwrap_or(i64::MAX);
                if duration.subsec_nanos() > 0 {
                    seconds = seconds.saturating_add(1);
                }
                Self(seconds.saturating_neg())
            }
        }
    }

    /// The RFC 3339 text, `YYYY-MM-DDTHH:MM:SSZ`, as ASCII bytes.
    pub fn rfc3339_bytes(self) -> [u8; 20] {
        let seconds = self.0.clamp(MIN_SECONDS, MAX_SECONDS);
        let days = seconds.div_euclid(86_400);
        let second_of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let (hour, minute, second) = (
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
        );
        let mut out = *b"0000-00-00T00:00:00Z";
        put_pair(&mut out, 0, year / 100);
        put_pair(&mut out, 2, year);
        put_pair(&mut out, 5, month);
        put_pair(&mut out, 8, day);
        put_pair(&mut out, 11, hour);
        put_pair(&mut out, 14, minute);
        put_pair(&mut out, 17, second);
        out
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.rfc3339_bytes();
        f.write_str(std::str::from_utf8(&bytes).map_err(|_| fmt::Error)?)
    }
}

/// Writes `value` (below 100) as two digits at `out[at..at + 2]`.
fn put_pair(out: &mut [u8; 20], at: usize, value: i64) {
    let [tens, ones] = crate::json::DIGIT_PAIRS[value.rem_euclid(100) as usize];
    out[at] = tens;
    out[at + 1] = ones;
}

/// The proleptic Gregorian (year, month, day) of a count of days since
/// 1970-01-01, after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The source of the current time for rendered errors.
///
/// [`SystemClock`] reads the system time; [`FixedClock`] always returns the
/// same time, for tests. Any `Fn() -> Timestamp` closure is a clock too.
///
/// # Examples
///
/// ```
/// use errors_core::{Clock, FixedClock, Timestamp};
///
/// let clock = FixedClock(Timestamp::from_unix_seconds(60));
/// assert_eq!(clock.now().to_string(), "1970-01-01T00:01:00Z");
///
/// let closure = || Timestamp::UNIX_EPOCH;
/// assert_eq!(closure.now(), Timestamp::UNIX_EPOCH);
/// ```
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The system clock: [`SystemTime::now`].
///
/// # Examples
///
/// ```
/// use errors_core::{Clock, SystemClock};
///
/// assert!(SystemClock.now().unix_seconds() > 1_700_000_000);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_system_time(SystemTime::now())
    }
}

/// A clock stopped at one time, for deterministic output.
///
/// # Examples
///
/// ```
/// use errors_core::{Clock, FixedClock, Timestamp};
///
/// let clock = FixedClock(Timestamp::from_unix_seconds(1_733_054_400));
/// assert_eq!(clock.now(), clock.now());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

impl<F> Clock for F
where
    F: Fn() -> Timestamp + Send + Sync,
{
    fn now(&self) -> Timestamp {
        self()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn text(seconds: i64) -> String {
        Timestamp::from_unix_seconds(seconds).to_string()
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(text(0), "1970-01-01T00:00:00Z");
        assert_eq!(text(1_733_054_400), "2024-12-01T12:00:00Z");
        assert_eq!(text(1_638_360_060), "2021-12-01T12:01:00Z");
        assert_eq!(text(951_825_600), "2000-02-29T12:00:00Z");
        assert_eq!(text(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(text(4_107_542_400), "2100-03-01T00:00:00Z");
        assert_eq!(text(-1), "1969-12-31T23:59:59Z");
        assert_eq!(text(-86_400 * 365), "1969-01-01T00:00:00Z");
    }

    #[test]
    fn clamps_to_four_digit_years() {
        assert_eq!(text(i64::MIN), "0000-01-01T00:00:00Z");
        assert_eq!(text(MIN_SECONDS), "0000-01-01T00:00:00Z");
        assert_eq!(text(MAX_SECONDS), "9999-12-31T23:59:59Z");
        assert_eq!(text(i64::MAX), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn every_day_of_four_centuries_is_consecutive() {
        let mut previous = civil_from_days(-1);
        for days in 0..146_097 {
            let (year, month, day) = civil_from_days(days);
            let (last_year, last_month, last_day) = previous;
            let next_day = day == last_day + 1 && month == last_month && year == last_year;
            let next_month = day == 1 && month == last_month + 1 && year == last_year;
            let next_year = day == 1 && month == 1 && last_month == 12 && year == last_year + 1;
            assert!(next_day || next_month || next_year, "{days}: {previous:?}");
            previous = (year, month, day);
        }
        assert_eq!(previous, (2369, 12, 31));
    }

    #[test]
    fn system_times_before_the_epoch_round_down() {
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(Timestamp::from_system_time(before).unix_seconds(), -2);
        let after = UNIX_EPOCH + Duration::from_millis(1500);
        assert_eq!(Timestamp::from_system_time(after).unix_seconds(), 1);
    }
}
