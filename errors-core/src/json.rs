//! The JSON writer envelopes render with: straight into one byte buffer.
//!
//! [`JsonWriter`] is one value slot, [`ObjectWriter`] and [`ArrayWriter`] are
//! open containers. They make malformed output unrepresentable: a container
//! closes itself when dropped, a value slot left unwritten becomes `null`, and
//! every string is escaped as it is written, without intermediate `String`s.
//! Every string value is also bounded by the [`Limits`] in force, so a huge
//! param can not blow up a response body.

use std::fmt;

use crate::ParamValue;

/// Appended to a string value that was cut at [`Limits::max_string_bytes`].
pub const TRUNCATION_MARKER: &str = "…[truncated]";

/// Bounds on what one rendering may write.
///
/// A string value longer than [`max_string_bytes`](Limits::max_string_bytes)
/// (counted in UTF-8 bytes before escaping) is cut on a char boundary and
/// ends with [`TRUNCATION_MARKER`]; a list (a `string_list` param, the fields
/// of [`FieldErrors`](crate::FieldErrors) and the messages of one field) keeps
/// its first [`max_items`](Limits::max_items) items; a header value longer
/// than [`max_header_bytes`](Limits::max_header_bytes) is not sent.
///
/// # Examples
///
/// ```
/// use errors_core::Limits;
///
/// let limits = Limits::new().with_max_string_bytes(256);
/// assert_eq!(limits.max_string_bytes(), 256);
/// assert_eq!(limits.max_items(), Limits::DEFAULT.max_items());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits {
    max_string_bytes: usize,
    max_items: usize,
    max_header_bytes: usize,
}

impl Limits {
    /// The defaults: strings of 4096 bytes, lists of 100 items, headers of 1024 bytes.
    pub const DEFAULT: Limits = Limits {
        max_string_bytes: 4096,
        max_items: 100,
        max_header_bytes: 1024,
    };

    /// Returns [`Limits::DEFAULT`].
    pub const fn new() -> Self {
        Self::DEFAULT
    }

    /// Sets the longest string value, in UTF-8 bytes before escaping.
    pub const fn with_max_string_bytes(mut self, bytes: usize) -> Self {
        self.max_string_bytes = bytes;
        self
    }

    /// Sets the most items a list keeps.
    pub const fn with_max_items(mut self, items: usize) -> Self {
        self.max_items = items;
        self
    }

    /// Sets the longest header value sent; a longer one is dropped.
    pub const fn with_max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes;
        self
    }

    /// The longest string value, in UTF-8 bytes before escaping.
    pub const fn max_string_bytes(&self) -> usize {
        self.max_string_bytes
    }

    /// The most items a list keeps.
    pub const fn max_items(&self) -> usize {
        self.max_items
    }

    /// The longest header value sent.
    pub const fn max_header_bytes(&self) -> usize {
        self.max_header_bytes
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// One JSON value slot in a body being written.
///
/// Each method writes one value and consumes the slot; a slot dropped without
/// a value writes `null`, so the output stays valid JSON whatever an
/// [`Envelope`](crate::Envelope) does.
///
/// # Examples
///
/// ```
/// use errors_core::{JsonWriter, Limits};
///
/// let mut body = Vec::new();
/// let mut object = JsonWriter::new(&mut body, Limits::DEFAULT).object();
/// object.member("error").str("line one\nline \"two\"");
/// object.member("status").u64(400);
/// object.end();
/// assert_eq!(body, br#"{"error":"line one\nline \"two\"","status":400}"#);
/// ```
pub struct JsonWriter<'a> {
    buf: Option<&'a mut Vec<u8>>,
    limits: Limits,
}

impl<'a> JsonWriter<'a> {
    /// A slot that appends one value to `buf`, bounded by `limits`.
    pub fn new(buf: &'a mut Vec<u8>, limits: Limits) -> Self {
        Self {
            buf: Some(buf),
            limits,
        }
    }

    /// The limits strings and lists written here obey.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    fn take(&mut self) -> &'a mut Vec<u8> {
        match self.buf.take() {
            Some(buf) => buf,
            None => unreachable!("a JSON value slot is written at most once"),
        }
    }

    /// Writes a string, escaped and bounded.
    pub fn str(mut self, value: &str) {
        let limit = self.limits.max_string_bytes;
        let buf = self.take();
        buf.push(b'"');
        let mut sink = StringSink::new(buf, limit);
        let _ = fmt::Write::write_str(&mut sink, value);
        sink.finish();
    }

    /// Writes a short ASCII string known to need no escaping (a timestamp, a
    /// reason phrase) as it is.
    pub(crate) fn plain_str(mut self, text: &[u8]) {
        debug_assert!(
            text.iter()
                .all(|&byte| byte < 0x80 && ESCAPES[usize::from(byte)] == 0),
            "{text:?} needs escaping: use `str`"
        );
        let buf = self.take();
        buf.push(b'"');
        buf.extend_from_slice(text);
        buf.push(b'"');
    }

    /// Writes the `Display` output of `value` as a string, escaped and bounded
    /// as it is produced.
    pub fn display(self, value: &dyn fmt::Display) {
        self.string_with(|out| write!(out, "{value}"));
    }

    /// Writes a string produced by `write`, escaped and bounded as it is
    /// produced.
    ///
    /// Once the string reaches [`Limits::max_string_bytes`] the writer returns
    /// [`fmt::Error`] so that `write` can stop early; whatever was written is
    /// kept, followed by [`TRUNCATION_MARKER`]. An error `write` returns on its
    /// own also ends the string where it stands.
    pub fn string_with(mut self, write: impl FnOnce(&mut dyn fmt::Write) -> fmt::Result) {
        let limit = self.limits.max_string_bytes;
        let buf = self.take();
        buf.push(b'"');
        let mut sink = StringSink::new(buf, limit);
        let _ = write(&mut sink);
        sink.finish();
    }

    /// Writes an unsigned integer.
    pub fn u64(mut self, value: u64) {
        write_u64(self.take(), value);
    }

    /// Writes a signed integer.
    pub fn i64(mut self, value: i64) {
        let buf = self.take();
        if value < 0 {
            buf.push(b'-');
        }
        write_u64(buf, value.unsigned_abs());
    }

    /// Writes `true` or `false`.
    pub fn bool(mut self, value: bool) {
        let literal: &[u8] = if value { b"true" } else { b"false" };
        self.take().extend_from_slice(literal);
    }

    /// Writes `null`.
    pub fn null(mut self) {
        self.take().extend_from_slice(b"null");
    }

    /// Writes a param value: a string, a number, a boolean, or an array of
    /// strings for [`ParamValue::List`].
    pub fn param(self, value: ParamValue<'_>) {
        match value {
            ParamValue::Str(text) => self.str(text),
            ParamValue::Int(number) => self.i64(number),
            ParamValue::UInt(number) | ParamValue::Seconds(number) => self.u64(number),
            ParamValue::Bool(flag) => self.bool(flag),
            ParamValue::List(items) => self.str_list(items),
        }
    }

    /// Writes an array of strings, keeping at most [`Limits::max_items`] items.
    pub fn str_list(self, items: &[String]) {
        let mut array = self.array();
        for item in items {
            if !array.push_str(item) {
                break;
            }
        }
    }

    /// Opens an object; members are added through the returned writer.
    pub fn object(mut self) -> ObjectWriter<'a> {
        let limits = self.limits;
        let buf = self.take();
        buf.push(b'{');
        ObjectWriter {
            buf,
            limits,
            first: true,
        }
    }

    /// Opens an array; items are added through the returned writer.
    pub fn array(mut self) -> ArrayWriter<'a> {
        let limits = self.limits;
        let buf = self.take();
        buf.push(b'[');
        ArrayWriter {
            buf,
            limits,
            len: 0,
        }
    }
}

impl Drop for JsonWriter<'_> {
    fn drop(&mut self) {
        if let Some(buf) = self.buf.take() {
            buf.extend_from_slice(b"null");
        }
    }
}

impl fmt::Debug for JsonWriter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonWriter")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// An open JSON object; it writes its closing brace when ended or dropped.
///
/// # Examples
///
/// ```
/// use errors_core::{JsonWriter, Limits};
///
/// let mut body = Vec::new();
/// let mut object = JsonWriter::new(&mut body, Limits::DEFAULT).object();
/// let mut details = object.member("details").object();
/// details.member("limit").u64(100);
/// details.end();
/// object.member("missing");
/// drop(object);
/// assert_eq!(body, br#"{"details":{"limit":100},"missing":null}"#);
/// ```
pub struct ObjectWriter<'a> {
    buf: &'a mut Vec<u8>,
    limits: Limits,
    first: bool,
}

impl ObjectWriter<'_> {
    /// Adds a member named `key` and returns the slot for its value.
    ///
    /// The key is escaped and bounded like a string value. Keeping keys
    /// unique is the caller's job.
    pub fn member(&mut self, key: &str) -> JsonWriter<'_> {
        if self.first {
            self.first = false;
        } else {
            self.buf.push(b',');
        }
        self.buf.push(b'"');
        let mut sink = StringSink::new(self.buf, self.limits.max_string_bytes);
        let _ = fmt::Write::write_str(&mut sink, key);
        sink.finish();
        self.buf.push(b':');
        JsonWriter::new(self.buf, self.limits)
    }

    /// Adds a member from its name already quoted and followed by a colon
    /// (`"name":`, see the `member!` macro), and returns the slot for its value.
    #[inline]
    pub(crate) fn quoted_member(&mut self, quoted_key: &'static str) -> JsonWriter<'_> {
        debug_assert!(
            quoted_key.starts_with('"') && quoted_key.ends_with("\":"),
            "`{quoted_key}` is not a quoted member name"
        );
        if self.first {
            self.first = false;
        } else {
            self.buf.push(b',');
        }
        self.buf.extend_from_slice(quoted_key.as_bytes());
        JsonWriter::new(self.buf, self.limits)
    }

    /// Whether no member was added yet.
    pub fn is_empty(&self) -> bool {
        self.first
    }

    /// The limits strings and lists written here obey.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Closes the object.
    pub fn end(self) {}
}

impl Drop for ObjectWriter<'_> {
    fn drop(&mut self) {
        self.buf.push(b'}');
    }
}

impl fmt::Debug for ObjectWriter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectWriter")
            .field("empty", &self.first)
            .finish_non_exhaustive()
    }
}

/// An open JSON array; it writes its closing bracket when ended or dropped.
///
/// # Examples
///
/// ```
/// use errors_core::{JsonWriter, Limits};
///
/// let mut body = Vec::new();
/// let mut array = JsonWriter::new(&mut body, Limits::DEFAULT.with_max_items(2)).array();
/// assert!(array.push_str("a"));
/// assert!(array.push_str("b"));
/// assert!(!array.push_str("c"));
/// array.end();
/// assert_eq!(body, br#"["a","b"]"#);
/// ```
pub struct ArrayWriter<'a> {
    buf: &'a mut Vec<u8>,
    limits: Limits,
    len: usize,
}

impl ArrayWriter<'_> {
    /// Adds an item and returns the slot for its value.
    ///
    /// This does not enforce [`Limits::max_items`]; see [`is_full`](Self::is_full).
    pub fn item(&mut self) -> JsonWriter<'_> {
        if self.len > 0 {
            self.buf.push(b',');
        }
        self.len += 1;
        JsonWriter::new(self.buf, self.limits)
    }

    /// The limits strings and lists written here obey.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Whether the array holds [`Limits::max_items`] items already.
    pub fn is_full(&self) -> bool {
        self.len >= self.limits.max_items
    }

    /// Adds a string item unless the array is full; returns whether it was added.
    pub fn push_str(&mut self, value: &str) -> bool {
        if self.is_full() {
            return false;
        }
        self.item().str(value);
        true
    }

    /// The number of items added so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no item was added yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Closes the array.
    pub fn end(self) {}
}

impl Drop for ArrayWriter<'_> {
    fn drop(&mut self) {
        self.buf.push(b']');
    }
}

impl fmt::Debug for ArrayWriter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArrayWriter")
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

/// Escapes text into an open JSON string, stopping at a byte budget.
struct StringSink<'a> {
    buf: &'a mut Vec<u8>,
    remaining: usize,
    truncated: bool,
}

impl<'a> StringSink<'a> {
    fn new(buf: &'a mut Vec<u8>, limit: usize) -> Self {
        Self {
            buf,
            remaining: limit,
            truncated: false,
        }
    }

    /// Adds the marker if the text was cut, then the closing quote.
    fn finish(self) {
        if self.truncated {
            self.buf.extend_from_slice(TRUNCATION_MARKER.as_bytes());
        }
        self.buf.push(b'"');
    }
}

impl fmt::Write for StringSink<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.truncated {
            return Err(fmt::Error);
        }
        if text.len() <= self.remaining {
            self.remaining -= text.len();
            escape_into(self.buf, text);
            Ok(())
        } else {
            let cut = text.floor_char_boundary(self.remaining);
            escape_into(self.buf, &text[..cut]);
            self.remaining = 0;
            self.truncated = true;
            Err(fmt::Error)
        }
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// For each byte: 0 when it goes out as is, else the letter after the
/// backslash (`u` for a `\u00XX` escape).
static ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends `text` escaped for the inside of a JSON string.
///
/// Runs of bytes that need no escape are copied whole. Eight bytes at a time
/// are checked at once (SWAR) while none of them needs an escape; a word
/// that may hold one is then looked at byte by byte.
pub(crate) fn escape_into(buf: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut index = 0;
    loop {
        while let Some(chunk) = bytes.get(index..index + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if needs_escape(u64::from_le_bytes(word)) {
                break;
            }
            index += 8;
        }
        let stop = bytes.len().min(index + 8);
        while index < stop {
            let byte = bytes[index];
            let escape = ESCAPES[usize::from(byte)];
            if escape != 0 {
                buf.extend_from_slice(&bytes[start..index]);
                if escape == b'u' {
                    buf.extend_from_slice(&[
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[usize::from(byte >> 4)],
                        HEX[usize::from(byte & 0x0f)],
                    ]);
                } else {
                    buf.extend_from_slice(&[b'\\', escape]);
                }
                start = index + 1;
            }
            index += 1;
        }
        if index >= bytes.len() {
            break;
        }
    }
    buf.extend_from_slice(&bytes[start..]);
}

/// Whether one of the eight bytes of `word` may need an escape: a control
/// byte, `"` or `\\`. It may answer `true` for a word that needs none (the
/// bytes are then checked one by one), never `false` for one that does.
const fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const QUOTES: u64 = ONES * b'"' as u64;
    const BACKSLASHES: u64 = ONES * b'\\' as u64;
    const fn has_zero_byte(word: u64) -> bool {
        word.wrapping_sub(ONES) & !word & HIGHS != 0
    }
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
    below_space || has_zero_byte(word ^ QUOTES) || has_zero_byte(word ^ BACKSLASHES)
}

/// Appends the decimal digits of `value`.
pub(crate) fn write_u64(buf: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    while value >= 100 {
        let pair = DIGIT_PAIRS[(value % 100) as usize];
        value /= 100;
        start -= 2;
        digits[start..start + 2].copy_from_slice(&pair);
    }
    if value >= 10 {
        start -= 2;
        digits[start..start + 2].copy_from_slice(&DIGIT_PAIRS[value as usize]);
    } else {
        start -= 1;
        digits[start] = b'0' + value as u8;
    }
    buf.extend_from_slice(&digits[start..]);
}

/// The two ASCII digits of every number below 100 (also used for dates).
pub(crate) const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0u8; 2]; 100];
    let mut value = 0;
    while value < 100 {
        pairs[value] = [b'0' + (value / 10) as u8, b'0' + (value % 10) as u8];
        value += 1;
    }
    pairs
};

/// Adds the member `$name` (a literal that needs no escaping) to the object
/// writer `$object` and evaluates to the slot for its value.
macro_rules! member {
    ($object:expr, $name:literal) => {
        $object.quoted_member(concat!("\"", $name, "\":"))
    };
}
pub(crate) use member;

#[cfg(test)]
mod tests {
    use super::*;

    fn render(write: impl FnOnce(JsonWriter<'_>)) -> String {
        let mut buf = Vec::new();
        write(JsonWriter::new(
            &mut buf,
            Limits::DEFAULT.with_max_string_bytes(8),
        ));
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn escapes_controls_quotes_and_backslashes() {
        let text = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}é";
        let mut buf = Vec::new();
        escape_into(&mut buf, text);
        let quoted = format!("\"{}\"", String::from_utf8(buf.clone()).unwrap());
        assert_eq!(serde_json::from_str::<String>(&quoted).unwrap(), text);
        assert_eq!(buf, r#"a\"b\\c\n\r\t\b\f\u0001\u001fé"#.as_bytes());
    }

    #[test]
    fn every_byte_position_is_escaped() {
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}"] {
            for before in 0..20 {
                for after in 0..10 {
                    let text = format!(
                        "{}{special}{}",
                        "é".repeat(before / 2) + &"a".repeat(before % 2),
                        "b".repeat(after)
                    );
                    let mut buf = b"\"".to_vec();
                    escape_into(&mut buf, &text);
                    buf.push(b'"');
                    let parsed: String = serde_json::from_slice(&buf).unwrap();
                    assert_eq!(parsed, text);
                }
            }
        }
        for byte in 0..=0x7fu8 {
            let text = format!("abcdefgh{}ijklmnop", char::from(byte));
            let mut buf = b"\"".to_vec();
            escape_into(&mut buf, &text);
            buf.push(b'"');
            assert_eq!(
                serde_json::from_slice::<String>(&buf).unwrap(),
                text,
                "byte {byte}"
            );
        }
    }

    /// A small deterministic generator (xorshift64*), so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % bound.max(1)
        }
    }

    #[test]
    fn random_strings_round_trip_or_are_cut_cleanly() {
        const ALPHABET: [char; 14] = [
            'a', 'Z', ' ', '"', '\\', '\n', '\r', '\u{0}', '\u{1f}', '\u{7f}', 'é', '€',
            '\u{2028}', '😀',
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let length = rng.below(40);
            let text: String = (0..length)
                .map(|_| ALPHABET[rng.below(ALPHABET.len())])
                .collect();
            let limit = rng.below(60);
            let limits = Limits::DEFAULT.with_max_string_bytes(limit);

            let mut whole = Vec::new();
            JsonWriter::new(&mut whole, limits).str(&text);
            let mut pieces = Vec::new();
            JsonWriter::new(&mut pieces, limits).string_with(|out| {
                let mut rest = text.as_str();
                while !rest.is_empty() {
                    let cut = rest.floor_char_boundary(rng.below(rest.len() + 1).max(1));
                    let cut = if cut == 0 {
                        rest.ceil_char_boundary(1)
                    } else {
                        cut
                    };
                    out.write_str(&rest[..cut])?;
                    rest = &rest[cut..];
                }
                Ok(())
            });
            assert_eq!(whole, pieces, "{text:?} at {limit}");

            let parsed: String = serde_json::from_slice(&whole).unwrap();
            if text.len() <= limit {
                assert_eq!(parsed, text);
            } else {
                let kept = parsed.strip_suffix(TRUNCATION_MARKER).unwrap();
                assert!(text.starts_with(kept), "{kept:?} of {text:?}");
                assert!(kept.len() <= limit);
                let next = text[kept.len()..].chars().next().unwrap();
                assert!(kept.len() + next.len_utf8() > limit, "cut too early");
            }
        }
    }

    #[test]
    fn integers_round_trip() {
        for value in [0, 7, 10, 99, 1_000, u64::MAX] {
            assert_eq!(render(|w| w.u64(value)), value.to_string());
        }
        for value in [0, -1, -10, i64::MIN, i64::MAX] {
            assert_eq!(render(|w| w.i64(value)), value.to_string());
        }
    }

    #[test]
    fn long_strings_are_cut_on_a_char_boundary() {
        assert_eq!(render(|w| w.str("12345678")), "\"12345678\"");
        assert_eq!(
            render(|w| w.str("1234567ééé")),
            format!("\"1234567{TRUNCATION_MARKER}\"")
        );
        let streamed = render(|w| w.string_with(|out| out.write_str("abcd")));
        assert_eq!(streamed, "\"abcd\"");
    }

    #[test]
    fn formatted_strings_stop_at_the_limit() {
        let out = render(|w| w.display(&format_args!("{}{}{}", "abcde", "fghij", "klmno")));
        assert_eq!(out, format!("\"abcdefgh{TRUNCATION_MARKER}\""));
    }

    #[test]
    fn unwritten_slots_become_null() {
        assert_eq!(render(|w| drop(w)), "null");
        let out = render(|w| {
            let mut object = w.object();
            object.member("a");
            object.member("b").array().item();
        });
        assert_eq!(out, r#"{"a":null,"b":[null]}"#);
    }
}
