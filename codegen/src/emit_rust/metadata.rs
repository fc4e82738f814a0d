//! The static metadata table: one `errors_core::CodeInfo` per code, in the
//! order of the `Code` enum.
//!
//! The table is pure data and by far the largest output, so it is written
//! as text directly, laid out the way prettyplease lays out the rest (one
//! field per line, four-space indents, trailing commas), instead of being
//! built as tokens and formatted; that keeps generating large catalogs
//! fast. Names come from `use` declarations inside the initializer, so the
//! table reads like hand-written data and imports nothing into the module.

use std::fmt::Write as _;

use crate::model::{Catalog, Code, Deprecation, Domain, Example, Param, ParamType, Retirement};

use super::values;

/// Appends `pub static CODES: &[CodeInfo] = ...;` to `out`.
pub(super) fn write(catalog: &Catalog, out: &mut String) {
    let codes = || catalog.codes();
    let mut types = vec!["CodeInfo"];
    if codes().any(|code| code.deprecated.is_some()) {
        types.push("DeprecationInfo");
    }
    if codes().any(|code| !code.examples.is_empty()) {
        types.push("ExampleInfo");
    }
    if codes().any(|code| !code.params.is_empty()) {
        types.extend(["ParamInfo", "ParamType"]);
    }
    if codes().any(|code| code.retired.is_some()) {
        types.push("RetirementInfo");
    }
    let types = types.join(", ");
    let imports = if types.len() + 24 <= 100 {
        format!("    use ::errors_core::{{{types}}};\n")
    } else {
        format!("    use ::errors_core::{{\n        {types},\n    }};\n")
    };
    out.push_str(
        "/// Everything the catalog says about every code, retired ones\n\
         /// included, in the order of [`Code::ALL`]; [`Code::info`] indexes it.\n\
         pub static CODES: &[::errors_core::CodeInfo] = {\n    \
         #[allow(unused_imports)]\n    \
         use ::core::option::Option::{None, Some};\n    \
         use ::errors_core::__private::status;\n",
    );
    out.push_str(&imports);
    out.push_str("    &[\n");
    for (domain, code) in catalog.codes_with_domain() {
        code_info(out, domain, code);
    }
    out.push_str("    ]\n};\n");
}

/// A Rust string literal of `text`.
fn string(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    // Most catalog text is printable ASCII without quotes or backslashes,
    // which the literal holds as it is.
    if text
        .bytes()
        .all(|byte| matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\')
    {
        literal.push_str(text);
        literal.push('"');
        return literal;
    }
    for ch in text.chars() {
        match ch {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            '\t' => literal.push_str("\\t"),
            ch if ch.is_control() => {
                let _ = write!(literal, "\\u{{{:x}}}", u32::from(ch));
            }
            ch => literal.push(ch),
        }
    }
    literal.push('"');
    literal
}

/// `Some("text")` or `None`.
fn optional(text: Option<&str>) -> String {
    text.map_or_else(
        || "None".to_owned(),
        |text| format!("Some({})", string(text)),
    )
}

/// Writes `key: value,` at `indent` levels of four spaces.
fn field(out: &mut String, indent: usize, key: &str, value: &str) {
    out.extend(std::iter::repeat_n(' ', indent * 4));
    out.push_str(key);
    out.push_str(": ");
    out.push_str(value);
    out.push_str(",\n");
}

/// Writes a list of string literals: on one line when short, else one per line.
fn string_list<'a>(
    out: &mut String,
    indent: usize,
    key: &str,
    items: impl Iterator<Item = &'a str>,
) {
    let items: Vec<String> = items.map(string).collect();
    let inline = format!("&[{}]", items.join(", "));
    if indent * 4 + key.len() + inline.len() + 3 <= 100 {
        field(out, indent, key, &inline);
    } else {
        let pad = indent * 4;
        let _ = writeln!(out, "{:pad$}{key}: &[", "");
        for item in items {
            let _ = writeln!(out, "{:width$}{item},", "", width = pad + 4);
        }
        let _ = writeln!(out, "{:pad$}],", "");
    }
}

fn code_info(out: &mut String, domain: &Domain, code: &Code) {
    out.push_str("        CodeInfo {\n");
    let level = 3;
    field(out, level, "id", &string(&code.id));
    field(out, level, "status", &format!("status({})", code.status));
    field(out, level, "domain", &string(&domain.name));
    field(out, level, "message", &string(&code.message.raw));
    let public = code
        .public_message
        .as_ref()
        .map(|template| template.raw.as_str());
    field(out, level, "public_message", &optional(public));
    field(
        out,
        level,
        "description",
        &optional(code.description.as_deref()),
    );
    field(out, level, "resolution", &string(&code.resolution));
    field(out, level, "retryable", &code.retryable.to_string());
    field(out, level, "since", &optional(code.since.as_deref()));
    deprecated(out, level, code.deprecated.as_ref());
    retired(out, level, code.retired.as_ref());
    string_list(
        out,
        level,
        "aliases",
        code.aliases.iter().map(|alias| alias.as_str()),
    );
    field(out, level, "fields", &code.fields.to_string());
    if code.params.is_empty() {
        field(out, level, "params", "&[]");
    } else {
        out.push_str("            params: &[\n");
        for param in &code.params {
            param_info(out, param);
        }
        out.push_str("            ],\n");
    }
    out.push_str("            examples: &[\n");
    for example in &code.examples {
        example_info(out, code, example);
    }
    out.push_str("            ],\n        },\n");
}

fn deprecated(out: &mut String, level: usize, deprecation: Option<&Deprecation>) {
    let Some(deprecation) = deprecation else {
        field(out, level, "deprecated", "None");
        return;
    };
    out.push_str("            deprecated: Some(DeprecationInfo {\n");
    let replacement = deprecation.replacement.as_ref().map(|code| code.as_str());
    field(out, level + 1, "replacement", &optional(replacement));
    field(
        out,
        level + 1,
        "note",
        &optional(deprecation.note.as_deref()),
    );
    out.push_str("            }),\n");
}

fn retired(out: &mut String, level: usize, retirement: Option<&Retirement>) {
    let Some(retirement) = retirement else {
        field(out, level, "retired", "None");
        return;
    };
    out.push_str("            retired: Some(RetirementInfo {\n");
    field(out, level + 1, "since", &string(&retirement.since));
    field(out, level + 1, "note", &string(&retirement.note));
    out.push_str("            }),\n");
}

/// The path of `ty`'s variant in generated code, such as `ParamType::U32`.
///
/// The model's param type is the runtime's `ParamType` itself, and its derived
/// `Debug` prints a unit variant's name, so the path always names a variant
/// that exists.
fn param_type(ty: ParamType) -> String {
    format!("ParamType::{ty:?}")
}

fn param_info(out: &mut String, param: &Param) {
    let level = 5;
    out.push_str("                ParamInfo {\n");
    field(out, level, "name", &string(&param.name));
    field(out, level, "ty", &param_type(param.ty));
    field(out, level, "description", &string(&param.description));
    field(out, level, "optional", &param.optional.to_string());
    field(out, level, "sensitive", &param.sensitive.to_string());
    let detail = param.detail.as_ref().map(|detail| detail.as_str());
    field(out, level, "detail", &optional(detail));
    let header = param.header.as_ref().map(|header| header.as_str());
    field(out, level, "header", &optional(header));
    out.push_str("                },\n");
}

fn example_info(out: &mut String, code: &Code, example: &Example) {
    let level = 5;
    out.push_str("                ExampleInfo {\n");
    field(out, level, "name", &string(&example.name));
    field(
        out,
        level,
        "description",
        &optional(example.description.as_deref()),
    );
    field(
        out,
        level,
        "params",
        &string(&values::example_json(code, example)),
    );
    let fields = values::sorted_fields(example);
    if fields.is_empty() {
        field(out, level, "fields", "&[]");
    } else {
        out.push_str("                    fields: &[\n");
        for (name, messages) in fields {
            let messages: Vec<String> = messages.iter().map(|message| string(message)).collect();
            let _ = writeln!(
                out,
                "                        ({}, &[{}]),",
                string(name),
                messages.join(", ")
            );
        }
        out.push_str("                    ],\n");
    }
    out.push_str("                },\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_rust_literals() {
        assert_eq!(
            string("a \"b\" \\ c\nd\u{7}é"),
            r#""a \"b\" \\ c\nd\u{7}é""#
        );
    }

    #[test]
    fn the_table_parses_as_rust() {
        let yaml = "domain: auth\ndescription: Auth.\ncodes:\n  - id: token_expired\n    status: 401\n    message: \"Expired \\\"now\\\".\"\n    resolution: Sign in.\n    aliases: [expired_token]\n    params:\n      - name: at\n        type: timestamp\n        description: When.\n        example: 5\n        detail: at\n    examples:\n      - name: default\n        params: { at: 5 }\n";
        let loaded = crate::load_sources(vec![("auth.yaml".into(), yaml.into())]);
        assert!(
            !loaded.diagnostics.has_errors(),
            "{}",
            loaded.diagnostics.render(false)
        );
        let mut text = String::new();
        write(&loaded.catalog, &mut text);
        let file: syn::File = syn::parse_str(&text).expect("the table is valid Rust");
        assert_eq!(file.items.len(), 1, "one `static`");
        assert!(text.contains(r#"params: "{\"at\":5}","#), "{text}");
    }
}
