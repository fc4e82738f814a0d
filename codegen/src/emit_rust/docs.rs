//! Doc comments of generated items: catalog text turned into `#[doc]`
//! attributes, one per line, so rustdoc shows a catalog entry.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit_docs::markdown::code_span;
use crate::emit_docs::status_text;
use crate::model::{Code, Domain, Param};

/// Accumulates the lines of one doc comment.
#[derive(Default)]
pub(super) struct Doc {
    lines: Vec<String>,
    /// Whether the lines so far leave a fenced block open.
    in_fence: bool,
}

impl Doc {
    /// Adds one paragraph (possibly several lines), separated from the
    /// previous one by a blank line.
    pub(super) fn paragraph(&mut self, text: &str) -> &mut Self {
        let text = text.trim_end();
        if text.trim().is_empty() {
            return self;
        }
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        // rustdoc compiles an untagged fenced block as a Rust doctest;
        // catalog Markdown is prose, so such blocks are marked as text.
        for line in text.lines() {
            let line = line.trim_end();
            let in_fence = self.in_fence;
            let fence = line.trim_start().starts_with("```");
            let line = if line.trim_start() == "```" && !in_fence {
                format!("{line}text")
            } else if in_fence || fence {
                line.to_owned()
            } else {
                escape_angle_brackets(line)
            };
            self.in_fence ^= fence;
            self.lines.push(line);
        }
        self
    }

    /// The lines, each without the leading space the attributes add.
    pub(super) fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The `#[doc]` attributes (or `#![doc]` ones when `inner`).
    pub(super) fn attrs(&self, inner: bool) -> TokenStream {
        self.lines
            .iter()
            .map(|line| {
                let text = if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                };
                if inner {
                    quote!(#![doc = #text])
                } else {
                    quote!(#[doc = #text])
                }
            })
            .collect()
    }
}

/// `line` with `<` outside code spans written `&lt;`: catalog Markdown is
/// prose, and rustdoc would read `<Resource>` as an HTML tag.
fn escape_angle_brackets(line: &str) -> String {
    if !line.contains('<') {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    let mut fence: Option<usize> = None;
    while let Some(ch) = chars.next() {
        if ch == '`' {
            let mut run = 1;
            while chars.peek() == Some(&'`') {
                chars.next();
                run += 1;
            }
            fence = match fence {
                None => Some(run),
                Some(open) if open == run => None,
                other => other,
            };
            out.extend(std::iter::repeat_n('`', run));
        } else if ch == '<' && fence.is_none() {
            out.push_str("&lt;");
        } else {
            out.push(ch);
        }
    }
    out
}

/// A comma-separated list of code spans.
fn code_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(code_span)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The doc comment of a domain enum.
pub(super) fn domain_doc(domain: &Domain) -> Doc {
    let mut doc = Doc::default();
    doc.paragraph(&format!(
        "The errors of the {} domain.",
        code_span(&domain.name)
    ));
    doc.paragraph(&domain.description);
    doc.paragraph(
        "Each variant is one catalog code; `#[derive(ApiError)]` maps it to its status, message and wire params.",
    );
    doc
}

/// The facts line of a code: status, retryable, since, aliases.
fn facts(code: &Code) -> String {
    let mut facts = vec![format!("Status `{}`", status_text(code.status))];
    if code.retryable {
        facts.push("retryable".to_owned());
    }
    if let Some(since) = &code.since {
        facts.push(format!("since {since}"));
    }
    if !code.aliases.is_empty() {
        let aliases = code_list(code.aliases.iter().map(|alias| alias.as_str()));
        facts.push(format!("also known as {aliases}"));
    }
    let mut line = facts.join(", ");
    line.push('.');
    line
}

/// The doc comment of a code's variant: a catalog entry.
pub(super) fn variant_doc(code: &Code) -> Doc {
    let mut doc = Doc::default();
    doc.paragraph(&format!(
        "{}: {}",
        code_span(&code.id),
        code_span(&code.message.raw)
    ));
    doc.paragraph(&facts(code));
    if let Some(public) = &code.public_message {
        doc.paragraph(&format!("The public sees {}.", code_span(&public.raw)));
    }
    if let Some(deprecated) = &code.deprecated {
        doc.paragraph(&format!(
            "**Deprecated:** {}",
            sentence(&deprecation_note(deprecated))
        ));
    }
    if let Some(description) = &code.description {
        doc.paragraph(description);
    }
    doc.paragraph("# Resolution");
    doc.paragraph(&code.resolution);
    doc
}

/// The one-line doc of a code in the `Code` enum.
pub(super) fn code_variant_doc(code: &Code) -> Doc {
    let mut doc = Doc::default();
    doc.paragraph(&format!(
        "{} ({}): {}",
        code_span(&code.id),
        status_text(code.status),
        code_span(&code.message.raw)
    ));
    if let Some(retired) = &code.retired {
        doc.paragraph(&format!(
            "Retired in {}: {} It is no longer raised; clients still recognise it.",
            retired.since,
            sentence(&retired.note)
        ));
    }
    doc
}

/// The text of `#[deprecated(note = ...)]`.
pub(super) fn deprecation_note(deprecated: &crate::model::Deprecation) -> String {
    match (&deprecated.note, &deprecated.replacement) {
        (Some(note), _) => note.trim().to_owned(),
        (None, Some(replacement)) => format!("use `{}` instead", replacement.as_str()),
        (None, None) => "deprecated in the error catalog".to_owned(),
    }
}

/// `text` ending in a period.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// The doc comment of a param's field.
pub(super) fn field_doc(param: &Param) -> Doc {
    let mut doc = Doc::default();
    doc.paragraph(&param.description);
    let mut wire = vec![format!("Catalog type `{}`", param.ty)];
    if param.optional {
        wire.push("optional".to_owned());
    }
    if param.sensitive {
        wire.push("sensitive: never shown to the public".to_owned());
    }
    if let Some(detail) = &param.detail {
        wire.push(format!("detail {}", code_span(detail)));
    }
    if let Some(header) = &param.header {
        wire.push(format!("header {}", code_span(header)));
    }
    let mut line = wire.join(", ");
    line.push('.');
    doc.paragraph(&line);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untagged_fences_become_text() {
        let mut doc = Doc::default();
        doc.paragraph("```\nnot rust\n```\n```json\n{}\n```");
        assert_eq!(
            doc.lines,
            ["```text", "not rust", "```", "```json", "{}", "```"]
        );
    }

    #[test]
    fn angle_brackets_outside_code_are_escaped() {
        assert_eq!(
            escape_angle_brackets("\"<Resource> not found\", `Vec<u8>` <b>"),
            "\"&lt;Resource> not found\", `Vec<u8>` &lt;b>"
        );
        assert_eq!(escape_angle_brackets("``a`<b>`` <c>"), "``a`<b>`` &lt;c>");
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let mut doc = Doc::default();
        doc.paragraph("one\ntwo\n")
            .paragraph("  ")
            .paragraph("three");
        let text = doc.attrs(false).to_string();
        assert_eq!(
            text,
            r#"# [doc = " one"] # [doc = " two"] # [doc = ""] # [doc = " three"]"#
        );
    }
}
