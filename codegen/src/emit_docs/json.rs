//! JSON text for generated files: serialization that keeps member order, and
//! a pretty-printer that works on the text itself.
//!
//! Rendered bodies are kept as the exact text a server sends, so that their
//! members stay in wire order (a `serde_json::Value` would sort them). They
//! are embedded as raw values, and whole documents are pretty-printed from
//! their compact text.

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// Serializes `value` as pretty-printed JSON ending with a line break.
///
/// # Panics
///
/// When `value` cannot be serialized as JSON: the generated documents are
/// built from strings, numbers and raw JSON checked when it was embedded.
pub fn to_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let compact = serde_json::to_string(value).expect("generated documents serialize as JSON");
    let mut out = pretty(&compact);
    out.push('\n');
    out
}

/// Re-indents compact JSON text with two spaces per level, keeping member
/// order and every string exactly as written.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::json::pretty;
///
/// assert_eq!(pretty(r#"{"b":[1,{}],"a":"x,y"}"#), "{\n  \"b\": [\n    1,\n    {}\n  ],\n  \"a\": \"x,y\"\n}");
/// ```
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    while let Some(ch) = chars.next() {
        if in_string {
            out.push(ch);
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                out.push(ch);
            }
            '{' | '[' => {
                while chars.peek().is_some_and(|next| next.is_ascii_whitespace()) {
                    chars.next();
                }
                let close = if ch == '{' { '}' } else { ']' };
                out.push(ch);
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(ch);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            ' ' | '\t' | '\n' | '\r' => {}
            other => out.push(other),
        }
    }
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Serializes a string holding JSON text as that JSON (not as a string).
///
/// # Errors
///
/// When the text is not valid JSON.
pub fn serialize_raw<S: Serializer>(json: &str, serializer: S) -> Result<S::Ok, S::Error> {
    let raw = RawValue::from_string(json.to_owned()).map_err(serde::ser::Error::custom)?;
    raw.serialize(serializer)
}

/// Serializes name-value pairs as a JSON object, in their order.
///
/// # Errors
///
/// Only those of the serializer.
pub fn serialize_pairs<S: Serializer>(
    pairs: &[(String, String)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(name, value)| (name, value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_serde_json_pretty_printing() {
        let value = serde_json::json!({
            "a": [1, 2, {"b": null, "c": []}],
            "d": {"e": "quote \" and \\ and {[,:]}"},
            "f": {},
        });
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    #[test]
    fn keeps_member_order_of_raw_bodies() {
        #[derive(Serialize)]
        struct Wrapper {
            #[serde(serialize_with = "serialize_raw")]
            body: String,
            #[serde(serialize_with = "serialize_pairs")]
            headers: Vec<(String, String)>,
        }
        let wrapper = Wrapper {
            body: r#"{"z":1,"a":2}"#.to_owned(),
            headers: vec![
                ("Retry-After".to_owned(), "60".to_owned()),
                ("Content-Type".to_owned(), "application/json".to_owned()),
            ],
        };
        assert_eq!(
            to_pretty(&wrapper),
            "{\n  \"body\": {\n    \"z\": 1,\n    \"a\": 2\n  },\n  \"headers\": {\n    \"Retry-After\": \"60\",\n    \"Content-Type\": \"application/json\"\n  }\n}\n"
        );
    }

    #[test]
    fn raw_bodies_must_be_json() {
        #[derive(Serialize)]
        struct Wrapper {
            #[serde(serialize_with = "serialize_raw")]
            body: String,
        }
        let error = serde_json::to_string(&Wrapper {
            body: "{not json".to_owned(),
        });
        assert!(error.is_err());
    }
}
