//! `catalog.d.ts`: the catalog's types. `Code` is the union of every code
//! id; each code has an interface of its params with their TypeScript types
//! (integers, `seconds` and `timestamp` as numbers, lists as string arrays,
//! optional params optional), documented with where each value travels;
//! `ParamsByCode` maps ids to those interfaces, which types the parsed
//! results and the metadata table.

use std::fmt::Write as _;

use super::text::{doc_comment, string};
use crate::HEADER;
use crate::model::{Catalog, Code, Param, ParamType};
use crate::naming::rust_type_name;

/// The declaration text.
pub(super) fn catalog_dts(catalog: &Catalog) -> String {
    let mut out = format!(
        "{HEADER}\n\
         /** The catalog's codes and the types of their params. */\n\n\
         import type {{ CodeTable }} from \"./runtime/types.js\";\n\n"
    );
    let ids: Vec<String> = catalog.codes().map(|code| string(&code.id)).collect();
    out.push_str(
        "/** Every code id of the catalog, retired ones included; aliases parse to these. */\n",
    );
    if ids.is_empty() {
        out.push_str("export type Code = never;\n");
    } else if ids.len() == 1 {
        let _ = writeln!(out, "export type Code = {};", ids[0]);
    } else {
        out.push_str("export type Code =\n");
        for id in &ids {
            let _ = writeln!(out, "  | {id}");
        }
        out.truncate(out.len() - 1);
        out.push_str(";\n");
    }
    for code in catalog.codes() {
        out.push('\n');
        params_interface(&mut out, code);
    }
    out.push_str(
        "\n/** The params of every code, by code id. */\nexport interface ParamsByCode {\n",
    );
    for code in catalog.codes() {
        let _ = writeln!(
            out,
            "  readonly {}: {};",
            code.id.as_str(),
            interface_name(code)
        );
    }
    out.push_str("}\n\n/** The metadata table: every code by id, in catalog order, frozen. */\nexport declare const CODES: CodeTable<ParamsByCode>;\n");
    out
}

/// The interface name of a code's params: `RateLimitExceededParams`.
fn interface_name(code: &Code) -> String {
    format!("{}Params", rust_type_name(&code.id))
}

fn params_interface(out: &mut String, code: &Code) {
    let mut doc = vec![format!(
        "`{}` ({}): {}",
        code.id.as_str(),
        code.status,
        code.message.raw
    )];
    if let Some(deprecation) = &code.deprecated {
        let mut line = "@deprecated".to_owned();
        if let Some(replacement) = &deprecation.replacement {
            let _ = write!(line, " Replaced by `{}`.", replacement.as_str());
        }
        if let Some(note) = &deprecation.note {
            let _ = write!(line, " {}", note.trim());
        }
        doc.push(String::new());
        doc.push(line);
    }
    if let Some(retirement) = &code.retired {
        doc.push(String::new());
        doc.push(format!(
            "Retired in {}: {}",
            retirement.since,
            retirement.note.trim()
        ));
    }
    out.push_str(&doc_comment(&doc, ""));
    let name = interface_name(code);
    if code.params.is_empty() {
        let _ = writeln!(out, "export interface {name} {{}}");
        return;
    }
    let _ = writeln!(out, "export interface {name} {{");
    for param in &code.params {
        out.push_str(&doc_comment(&[param_doc(code, param)], "  "));
        let optional = if param.optional { "?" } else { "" };
        let _ = writeln!(
            out,
            "  readonly {}{optional}: {};",
            param.name.as_str(),
            ts_type(param.ty)
        );
    }
    out.push_str("}\n");
}

/// A param's description, its catalog type and where its value travels.
fn param_doc(code: &Code, param: &Param) -> String {
    let mut places = Vec::new();
    if code.message.uses(&param.name) {
        places.push("the message".to_owned());
    } else if code
        .public_message
        .as_ref()
        .is_some_and(|template| template.uses(&param.name))
    {
        places.push("the public message".to_owned());
    }
    if let Some(detail) = &param.detail {
        places.push(format!("details member `{}`", detail.as_str()));
    }
    if let Some(header) = &param.header {
        places.push(format!("header `{}`", header.as_str()));
    }
    let mut text = param.description.trim().to_owned();
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    let _ = write!(text, " Catalog type `{}`", param.ty);
    if places.is_empty() {
        text.push_str("; in no message, member or header.");
    } else {
        let _ = write!(text, "; travels in {}.", places.join(", "));
    }
    if param.sensitive {
        text.push_str(" Sensitive: never shown to the public audience.");
    }
    text
}

/// The TypeScript type of a param type.
fn ts_type(ty: ParamType) -> &'static str {
    match ty {
        ParamType::String => "string",
        ParamType::Bool => "boolean",
        ParamType::I32
        | ParamType::I64
        | ParamType::U16
        | ParamType::U32
        | ParamType::U64
        | ParamType::Seconds
        | ParamType::Timestamp => "number",
        ParamType::StringList => "readonly string[]",
    }
}
