//! Parsing RFC 3339 times (`2024-12-01T12:00:00Z`) into Unix seconds, for
//! the `--at` option of `cargo xtask render`.

/// The Unix seconds of an RFC 3339 date-time, fractions of a second
/// dropped; `None` when `text` is not one.
///
/// Accepts `T` or `t` or a space between date and time, and `Z`, `z` or a
/// `±HH:MM` offset.
pub(crate) fn parse(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.bytes().all(|byte| byte.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if bytes[4] != b'-' || bytes[7] != b'-' || bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction
            .find(|ch: char| !ch.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return None;
        }
        rest = &fraction[end..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let hours: i64 = rest[1..3].parse().ok()?;
            let minutes: i64 = rest[4..6].parse().ok()?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    // A leap second reads as the next second's start.
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some(seconds - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date, after Howard
/// Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_and_offsets() {
        assert_eq!(parse("2024-12-01T12:00:00Z"), Some(1_733_054_400));
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("1969-12-31T23:59:59z"), Some(-1));
        assert_eq!(parse("2024-12-01T14:00:00+02:00"), Some(1_733_054_400));
        assert_eq!(parse("2024-12-01 11:30:00.999-00:30"), Some(1_733_054_400));
        assert_eq!(parse("2000-02-29T12:00:00Z"), Some(951_825_600));
    }

    #[test]
    fn agrees_with_the_runtime_formatting() {
        for seconds in [
            -86_400_i64 * 366,
            0,
            951_825_600,
            1_733_054_400,
            4_107_542_400,
        ] {
            let text = errors_core::Timestamp::from_unix_seconds(seconds).to_string();
            assert_eq!(parse(&text), Some(seconds), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_rfc_3339() {
        for text in [
            "",
            "2024-12-01",
            "2024-12-01T12:00:00",
            "2024-13-01T12:00:00Z",
            "2023-02-29T12:00:00Z",
            "2024-12-01T24:00:00Z",
            "2024-12-01T12:00:00.Z",
            "2024-12-01T12:00:00+2:00",
            "2024/12/01T12:00:00Z",
            "２０２４-12-01T12:00:00Z",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
