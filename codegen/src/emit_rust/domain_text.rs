//! The per-code part of a domain file, its enum variants and its example
//! match arms, written as text.
//!
//! A domain file of a large catalog is mostly these, and building each as
//! tokens that syn parses back and prettyplease prints costs most of the
//! emitter's time. Their shapes are few and their layout depends only on
//! line widths ([`super::pretty_text`]), so each is written as text, in the
//! layout prettyplease gives it. An item the text path cannot decide for
//! sure (a line at the margin, a struct literal short enough to stay on one
//! line, a float) is formatted alone through the token pipeline, at the
//! same indentation, which gives the same lines.

use super::doc_slots::DocSlots;
use super::docs;
use super::pretty_text::{self, clearly_fits, clearly_overflows, line, string_literal};
use super::values;
use super::{domain, format_items};
use crate::model::{Code, Example, Param};

/// Indentation of a variant in its enum.
const VARIANT: usize = 4;
/// Indentation of a variant's fields.
const FIELD: usize = 8;
/// Indentation of an arm of the `example` match.
const ARM: usize = 12;

/// Appends the variant of `code` (named `ident`) as it appears in its
/// domain enum.
pub(super) fn variant(out: &mut String, code: &Code, ident: &str) {
    let start = out.len();
    if !variant_text(out, code, ident) {
        out.truncate(start);
        out.push_str(&variant_tokens(code));
    }
}

/// Appends the arm of `example` of `code` (variant `ident`) as it appears in
/// the domain's `example` match.
pub(super) fn example_arm(out: &mut String, code: &Code, ident: &str, example: &Example) {
    let start = out.len();
    if !example_arm_text(out, code, ident, example) {
        out.truncate(start);
        out.push_str(&example_arm_tokens(code, example));
    }
}

/// The variant through the token pipeline: formatted alone in an enum, at
/// the same indentation.
fn variant_tokens(code: &Code) -> String {
    let slots = DocSlots::default();
    let variant = domain::variant(code, &slots);
    let formatted = format_items(quote::quote!(enum E { #variant }), &slots);
    let body = formatted
        .strip_prefix("enum E {\n")
        .and_then(|rest| rest.strip_suffix("}\n"))
        .expect("an enum of one variant formats as its header, the variant and `}`");
    body.to_owned()
}

/// The arm through the token pipeline: formatted alone in a match nested
/// as deep as the domain's `example` match, followed by another arm like
/// the real ones are.
fn example_arm_tokens(code: &Code, example: &Example) -> String {
    let arm = domain::example_arm(code, example);
    let formatted = format_items(
        quote::quote! {
            impl E {
                fn f() {
                    match x {
                        #arm
                        _ => None,
                    }
                }
            }
        },
        &DocSlots::default(),
    );
    let start = formatted
        .find("match x {\n")
        .map(|index| index + "match x {\n".len())
        .expect("the wrapper holds the match");
    let end = formatted
        .find("            _ => None,\n")
        .expect("the wrapper ends the match with `_ => None`");
    formatted[start..end].to_owned()
}

/// [`variant`] as text; `false` when an item needs the token pipeline.
fn variant_text(out: &mut String, code: &Code, ident: &str) -> bool {
    if !pretty_text::doc(out, VARIANT, &docs::variant_doc(code)) {
        return false;
    }
    if let Some(deprecated) = &code.deprecated {
        let note = format!(
            "note = {}",
            string_literal(&docs::deprecation_note(deprecated))
        );
        if !pretty_text::attr(out, VARIANT, "deprecated", &[note]) {
            return false;
        }
    }
    let mut api = vec![
        format!("code = {}", string_literal(&code.id)),
        format!("status = {}", code.status),
    ];
    if code.retryable {
        api.push("retryable".to_owned());
    }
    api.push(format!("message = {}", string_literal(&code.message.raw)));
    if let Some(public) = &code.public_message {
        api.push(format!("public_message = {}", string_literal(&public.raw)));
    }
    if !pretty_text::attr(out, VARIANT, "api", &api) {
        return false;
    }
    if code.params.is_empty() && !code.fields {
        let unit = format!("{ident},");
        if !clearly_fits(VARIANT + unit.len()) {
            return false;
        }
        line(out, VARIANT, &unit);
        return true;
    }
    if !clearly_fits(VARIANT + ident.len() + 2) {
        return false;
    }
    line(out, VARIANT, &format!("{ident} {{"));
    for param in &code.params {
        if !field_text(out, param) {
            return false;
        }
    }
    if code.fields {
        line(
            out,
            FIELD,
            "/// Field-level validation messages: each field with its messages.",
        );
        line(out, FIELD, "#[api(fields)]");
        line(out, FIELD, "fields: ::errors_core::FieldErrors,");
    }
    line(out, VARIANT, "},");
    true
}

/// The field of one param as text; `false` when it needs the token
/// pipeline.
fn field_text(out: &mut String, param: &Param) -> bool {
    if !pretty_text::doc(out, FIELD, &docs::field_doc(param)) {
        return false;
    }
    let mut keys = Vec::new();
    if let Some(detail) = &param.detail {
        keys.push(format!("detail = {}", string_literal(detail)));
    }
    if let Some(header) = &param.header {
        keys.push(format!("header = {}", string_literal(header)));
    }
    if param.sensitive {
        keys.push("sensitive".to_owned());
    }
    if !keys.is_empty() && !pretty_text::attr(out, FIELD, "api", &keys) {
        return false;
    }
    let field = format!(
        "{}: {},",
        param.name.as_str(),
        values::field_type_text(param)
    );
    if !clearly_fits(FIELD + field.len()) {
        return false;
    }
    line(out, FIELD, &field);
    true
}

/// [`example_arm`] as text; `false` when it needs the token pipeline.
fn example_arm_text(out: &mut String, code: &Code, ident: &str, example: &Example) -> bool {
    let pattern = format!("(Code::{ident}, {})", string_literal(&example.name));
    if code.params.is_empty() && !code.fields {
        // `Some(Self::V)` after the pattern when it fits, else in a block.
        let value = format!("Some(Self::{ident})");
        let flat = ARM + pattern.len() + " => ".len() + value.len();
        if clearly_fits(flat) {
            line(out, ARM, &format!("{pattern} => {value},"));
            return true;
        }
        return clearly_overflows(flat) && block_arm(out, &pattern, &[value]);
    }
    // `Some(Self::V { field: value, ... })`: prettyplease keeps a struct
    // literal on one line only when its fields take at most 34 columns, so
    // a longer one always breaks, and so does the arm around it.
    let mut fields = Vec::with_capacity(code.params.len() + 1);
    for param in &code.params {
        let Some(value) = values::example_field_text(param, example) else {
            return false;
        };
        fields.push(format!("{}: {value}", param.name.as_str()));
    }
    let pushes: Vec<String> = values::sorted_fields(example)
        .into_iter()
        .flat_map(|(field, messages)| {
            messages.iter().map(move |message| {
                format!(
                    "fields.push({}, {});",
                    string_literal(field),
                    string_literal(message)
                )
            })
        })
        .collect();
    let block_fields = code.fields && !pushes.is_empty();
    if code.fields && pushes.is_empty() {
        fields.push("fields: ::errors_core::FieldErrors::new()".to_owned());
    }
    // The literal's width up to its closing brace, fields on one line.
    let struct_width = format!("Self::{ident} {{ ").len()
        + fields.iter().map(|field| field.len() + 2).sum::<usize>();
    if !block_fields && struct_width < 34 + 2 + pretty_text::SAFETY {
        return false;
    }
    let mut lines = vec![format!("Some(Self::{ident} {{")];
    for field in &fields {
        lines.push(format!("    {field},"));
    }
    if block_fields {
        lines.push("    fields: {".to_owned());
        lines.push("        let mut fields = ::errors_core::FieldErrors::new();".to_owned());
        for push in pushes {
            lines.push(format!("        {push}"));
        }
        lines.push("        fields".to_owned());
        lines.push("    },".to_owned());
    }
    lines.push("})".to_owned());
    block_arm(out, &pattern, &lines)
}

/// An arm whose body is broken into a block: `pattern => {`, the body's
/// lines one level deeper and `}`; `false` when a line is too long to be
/// sure it stays whole.
fn block_arm(out: &mut String, pattern: &str, body: &[String]) -> bool {
    let head = format!("{pattern} => {{");
    if !clearly_fits(ARM + head.len())
        || !body.iter().all(|text| clearly_fits(ARM + 4 + text.len()))
    {
        return false;
    }
    line(out, ARM, &head);
    for text in body {
        line(out, ARM + 4, text);
    }
    line(out, ARM, "}");
    true
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::model::Domain;

    /// Loads one domain file.
    fn domain(yaml: &str) -> Domain {
        let loaded = crate::load_sources(vec![("d.yaml".into(), yaml.to_owned())]);
        assert!(
            !loaded.diagnostics.has_errors(),
            "{}",
            loaded.diagnostics.render(false)
        );
        loaded
            .catalog
            .domains
            .into_iter()
            .next()
            .expect("one domain")
    }

    /// Asserts that every variant and arm of `domain` has the same text by
    /// both paths, and that the text path wrote at least `min_text` of them
    /// itself.
    fn assert_paths_agree(domain: &Domain, min_text: usize) {
        let mut by_text = 0;
        for code in domain::raised_codes(domain) {
            let ident = crate::naming::rust_type_name(&code.id);
            let mut text = String::new();
            variant(&mut text, code, &ident);
            assert_eq!(
                text,
                variant_tokens(code),
                "variant of `{}`",
                code.id.as_str()
            );
            by_text += usize::from(variant_text(&mut String::new(), code, &ident));
            for example in &code.examples {
                let mut text = String::new();
                example_arm(&mut text, code, &ident, example);
                assert_eq!(
                    text,
                    example_arm_tokens(code, example),
                    "example `{}` of `{}`",
                    example.name.as_str(),
                    code.id.as_str()
                );
                by_text += usize::from(example_arm_text(&mut String::new(), code, &ident, example));
            }
        }
        assert!(
            by_text >= min_text,
            "only {by_text} items took the text path"
        );
    }

    #[test]
    fn synthetic_catalogs_read_the_same_by_text() {
        for (path, text) in crate::synth::synthetic_catalog(120, 60) {
            let loaded = crate::load_sources(vec![(path, text)]);
            let domain = &loaded.catalog.domains[0];
            assert_paths_agree(domain, 100);
        }
    }

    /// A domain of one code per width, around every threshold the text path
    /// decides: attribute lines, flat and block arms, field lines, struct
    /// literals and field-error pushes.
    #[test]
    fn every_width_near_the_margin_reads_the_same_by_text() {
        let mut yaml = String::from("domain: widths\ndescription: Widths.\ncodes:\n");
        for extra in 0..40 {
            let pad = "x".repeat(extra);
            let short = "y".repeat(extra / 4);
            let _ = write!(
                yaml,
                r#"  - id: flat_{extra}
    status: 400
    message: "M{pad}."
    resolution: R.
    examples:
      - name: e{pad}
  - id: "p{short}_{extra}"
    status: 409
    message: "P{pad} {{v{short}}}."
    resolution: R.
    retryable: true
    fields: true
    params:
      - name: v{short}
        type: string
        description: V.
        example: "{pad}{pad}"
        header: X-{pad}
        detail: d{pad}
      - name: n
        type: u16
        description: N.
        example: 1
        optional: true
        detail: n
    examples:
      - name: default
        params:
          v{short}: "{pad}{pad}"
        fields:
          f{pad}: ["m{pad}{pad}", "second"]
      - name: none
        params:
          v{short}: "{short}"
          n: 2
  - id: list_{extra}
    status: 422
    message: "L."
    resolution: R.
    deprecated:
      note: "N{pad}{pad}"
    params:
      - name: items
        type: string_list
        description: I.
        example: ["a"]
        detail: items
    examples:
      - name: default
        params:
          items: ["{pad}", "{short}", "z"]
      - name: empty
        params:
          items: []
"#
            );
        }
        assert_paths_agree(&domain(&yaml), 200);
    }

    #[test]
    fn short_struct_literals_are_left_to_the_token_pipeline() {
        let domain = domain(
            r#"domain: d
description: D.
codes:
  - id: a
    status: 400
    message: "A {n}."
    resolution: R.
    params:
      - name: n
        type: u16
        description: N.
        example: 1
    examples:
      - name: x
        params:
          n: 1
"#,
        );
        let code = &domain.codes[0];
        assert!(!example_arm_text(
            &mut String::new(),
            code,
            "A",
            &code.examples[0]
        ));
        assert_paths_agree(&domain, 1);
    }
}
