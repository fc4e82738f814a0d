//! Rust written as text in the layout prettyplease would give it.
//!
//! prettyplease lays code out with Oppen's algorithm: a group of tokens
//! (an attribute's arguments, a call's arguments, a match arm's body) stays
//! on one line when everything from its start to the next possible line
//! break fits before the margin of [`MARGIN`] columns, and is broken at
//! every break point otherwise. For the shapes the emitter repeats per
//! code, that choice depends only on a line's width, so the text path
//! writes them directly. Where a line comes within [`SAFETY`] columns of
//! the margin, where the choice also depends on other rules, the writers
//! here decline and the caller formats that item through the token
//! pipeline instead: the output is the same either way, which the tests of
//! [`super::domain_text`] check on both sides of every threshold.

use std::fmt::Write as _;

use super::docs::Doc;

/// prettyplease's line width.
pub(super) const MARGIN: usize = 89;

/// How far from [`MARGIN`] a line's width must be for the text path to
/// decide its layout.
pub(super) const SAFETY: usize = 2;

/// Whether a line of `width` columns certainly stays on one line.
pub(super) fn clearly_fits(width: usize) -> bool {
    width + SAFETY <= MARGIN
}

/// Whether a line of `width` columns is certainly broken.
pub(super) fn clearly_overflows(width: usize) -> bool {
    width >= MARGIN + SAFETY
}

/// `text` as a Rust string literal, escaped exactly as the token pipeline
/// escapes it.
pub(super) fn string_literal(text: &str) -> String {
    // Printable ASCII other than quotes and backslashes stays as it is,
    // which is most catalog text.
    if text
        .bytes()
        .all(|byte| matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\')
    {
        let mut literal = String::with_capacity(text.len() + 2);
        literal.push('"');
        literal.push_str(text);
        literal.push('"');
        return literal;
    }
    proc_macro2::Literal::string(text).to_string()
}

/// Appends `count` spaces.
pub(super) fn indent(out: &mut String, count: usize) {
    out.extend(std::iter::repeat_n(' ', count));
}

/// Appends one line: `indent` spaces, `text` and a newline.
pub(super) fn line(out: &mut String, indent_by: usize, text: &str) {
    indent(out, indent_by);
    out.push_str(text);
    out.push('\n');
}

/// Appends the `///` lines of `doc` at `indent_by`, as
/// [`super::doc_slots::DocSlots`] splices them; `false` (and nothing
/// written) when a line holds a character the placeholder path treats
/// specially, so that the caller takes the token path like it does.
pub(super) fn doc(out: &mut String, indent_by: usize, doc: &Doc) -> bool {
    if doc.lines().iter().any(|line| line.contains('\u{0}')) {
        return false;
    }
    for doc_line in doc.lines() {
        indent(out, indent_by);
        out.push_str("///");
        if !doc_line.is_empty() {
            let _ = write!(out, " {doc_line}");
        }
        out.push('\n');
    }
    true
}

/// Appends the outer attribute `#[name(items, ...)]` at `indent_by`: on one
/// line when it fits, otherwise `#[name(`, one item per line and `)]`, as
/// prettyplease prints an attribute's token list. `false` (and nothing
/// written) when the line is too close to the margin to decide.
///
/// Every item must be a key, `key = literal` or `key = number`: the
/// arguments that never break inside themselves.
pub(super) fn attr(out: &mut String, indent_by: usize, name: &str, items: &[String]) -> bool {
    let arguments: usize =
        items.iter().map(String::len).sum::<usize>() + 2 * items.len().saturating_sub(1);
    // `#[` name `(` arguments `)]`
    let width = indent_by + 2 + name.len() + 1 + arguments + 2;
    if clearly_fits(width) {
        indent(out, indent_by);
        let _ = write!(out, "#[{name}(");
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            out.push_str(item);
        }
        out.push_str(")]\n");
        true
    } else if clearly_overflows(width) {
        indent(out, indent_by);
        let _ = writeln!(out, "#[{name}(");
        for (index, item) in items.iter().enumerate() {
            indent(out, indent_by + 4);
            out.push_str(item);
            if index + 1 < items.len() {
                out.push(',');
            }
            out.push('\n');
        }
        line(out, indent_by, ")]");
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_like_tokens() {
        assert_eq!(string_literal("a \"b\" \\ \n"), r#""a \"b\" \\ \n""#);
        assert_eq!(string_literal("é"), "\"é\"");
        // Each ASCII character within text, as the token pipeline writes
        // it.
        for byte in 0..=0x7f_u8 {
            let text = format!("a{}b'", char::from(byte));
            assert_eq!(
                string_literal(&text),
                proc_macro2::Literal::string(&text).to_string(),
                "{byte:#x}"
            );
        }
    }

    #[test]
    fn attributes_break_past_the_margin() {
        let items = ["code = \"x\"".to_owned(), "retryable".to_owned()];
        let mut out = String::new();
        assert!(attr(&mut out, 4, "api", &items));
        assert_eq!(out, "    #[api(code = \"x\", retryable)]\n");

        let long = format!("message = \"{}\"", "m".repeat(90));
        let mut out = String::new();
        assert!(attr(&mut out, 4, "api", &[items[0].clone(), long.clone()]));
        assert_eq!(
            out,
            format!("    #[api(\n        code = \"x\",\n        {long}\n    )]\n")
        );
    }

    #[test]
    fn attributes_at_the_margin_are_left_to_the_token_pipeline() {
        // 4 + `#[api(` + 77 + `)]` = 89 columns.
        let item = format!("m = \"{}\"", "x".repeat(71));
        let mut out = String::new();
        assert!(!attr(&mut out, 4, "api", &[item]));
        assert!(out.is_empty());
    }
}
