//! Small text helpers for messages: untrusted text shown safely, counts with
//! separators and plurals.
//!
//! This is the lowest layer of the crate: it imports nothing from it, so every
//! stage (the YAML reader, the parser, validation, the contract tools) can
//! use it.

/// Untrusted text made safe and short for a message: control characters are
/// escaped, and text past 48 characters is cut with `…`.
///
/// # Examples
///
/// ```
/// use codegen::text::shown;
///
/// assert_eq!(shown("rate_limit"), "rate_limit");
/// assert_eq!(shown("a\tb\n"), "a\\tb\\n");
/// assert_eq!(shown(&"x".repeat(60)).chars().count(), 49);
/// ```
pub fn shown(text: &str) -> String {
    const MAX: usize = 48;
    let mut out = String::new();
    for (count, ch) in text.chars().enumerate() {
        if count == MAX {
            out.push('…');
            break;
        }
        if ch.is_control() || ch == '`' {
            out.extend(ch.escape_debug());
        } else {
            out.push(ch);
        }
    }
    out
}

/// `number` with a comma between groups of three digits.
///
/// # Examples
///
/// ```
/// use codegen::text::thousands;
///
/// assert_eq!(thousands(999), "999");
/// assert_eq!(thousands(1_234_567), "1,234,567");
/// ```
pub fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `one` when `count` is 1, otherwise `many`.
///
/// # Examples
///
/// ```
/// use codegen::text::plural;
///
/// assert_eq!(format!("1 {}", plural(1, "code", "codes")), "1 code");
/// assert_eq!(format!("0 {}", plural(0, "code", "codes")), "0 codes");
/// ```
pub fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(20_000_000), "20,000,000");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn shown_text_is_escaped_and_cut() {
        assert_eq!(shown("\u{1b}[31m"), "\\u{1b}[31m");
        let long = shown(&"é".repeat(100));
        assert!(long.ends_with('…'));
        assert_eq!(long.chars().count(), 49);
    }
}
