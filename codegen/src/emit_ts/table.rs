//! `catalog.js`: the frozen metadata table of every code, retired ones
//! included (clients must still recognise them), in catalog order. The
//! runtime parses against it: statuses, aliases, templates, params and
//! where each travels.

use std::fmt::Write as _;

use super::text::{optional_string, string};
use crate::HEADER;
use crate::emit_docs::page_path;
use crate::model::{Catalog, Code, Domain, Param};

/// The module text.
pub(super) fn catalog_js(catalog: &Catalog) -> String {
    let mut out = format!(
        "{HEADER}\n\
         /**\n \
         * The catalog's codes: the metadata table the client parses against,\n \
         * keyed by code id in catalog order, deeply frozen.\n \
         */\n\n\
         import {{ codeTable }} from \"./runtime/table.js\";\n\n\
         // `codeTable` checks each entry against `CodeInfo`; the ids are the\n\
         // keys of `ParamsByCode` by construction.\n\
         export const CODES = /** @type {{typeof import(\"./catalog.js\").CODES}} */ (\n  \
         /** @type {{unknown}} */ (\n    codeTable([\n"
    );
    for (domain, code) in catalog.codes_with_domain() {
        entry(&mut out, domain, code);
    }
    out.push_str("    ])\n  )\n);\n");
    out
}

/// One code's entry, indented for its place in the list.
fn entry(out: &mut String, domain: &Domain, code: &Code) {
    let indent = "      ";
    let field = |out: &mut String, name: &str, value: String| {
        let _ = writeln!(out, "{indent}  {name}: {value},");
    };
    let _ = writeln!(out, "{indent}{{");
    field(out, "id", string(&code.id));
    field(out, "status", code.status.to_string());
    field(out, "domain", string(&domain.name));
    field(out, "retryable", code.retryable.to_string());
    field(out, "message", string(&code.message.raw));
    field(
        out,
        "publicMessage",
        optional_string(code.public_message.as_ref().map(|t| t.raw.as_str())),
    );
    field(
        out,
        "description",
        optional_string(code.description.as_deref().map(str::trim)),
    );
    field(out, "resolution", string(code.resolution.trim()));
    field(out, "since", optional_string(code.since.as_deref()));
    let aliases: Vec<String> = code.aliases.iter().map(|alias| string(alias)).collect();
    field(out, "aliases", format!("[{}]", aliases.join(", ")));
    let deprecated = code.deprecated.as_ref().map_or_else(
        || "null".to_owned(),
        |deprecation| {
            format!(
                "{{ replacement: {}, note: {} }}",
                optional_string(deprecation.replacement.as_ref().map(|id| id.as_str())),
                optional_string(deprecation.note.as_deref().map(str::trim)),
            )
        },
    );
    field(out, "deprecated", deprecated);
    let retired = code.retired.as_ref().map_or_else(
        || "null".to_owned(),
        |retirement| {
            format!(
                "{{ since: {}, note: {} }}",
                string(&retirement.since),
                string(retirement.note.trim()),
            )
        },
    );
    field(out, "retired", retired);
    field(out, "fields", code.fields.to_string());
    if code.params.is_empty() {
        field(out, "params", "[]".to_owned());
    } else {
        let _ = writeln!(out, "{indent}  params: [");
        for param in &code.params {
            let _ = writeln!(out, "{indent}    {},", param_entry(code, param));
        }
        let _ = writeln!(out, "{indent}  ],");
    }
    let page = page_path(&code.id).to_string_lossy().replace('\\', "/");
    field(out, "docsPage", string(&page));
    let _ = writeln!(out, "{indent}}},");
}

/// One param as an object literal on one line.
fn param_entry(code: &Code, param: &Param) -> String {
    let in_message = code.message.uses(&param.name)
        || code
            .public_message
            .as_ref()
            .is_some_and(|template| template.uses(&param.name));
    format!(
        "{{ name: {}, type: {}, description: {}, optional: {}, sensitive: {}, detail: {}, header: {}, inMessage: {} }}",
        string(&param.name),
        string(param.ty.as_str()),
        string(param.description.trim()),
        param.optional,
        param.sensitive,
        optional_string(param.detail.as_ref().map(|detail| detail.as_str())),
        optional_string(param.header.as_ref().map(|header| header.as_str())),
        in_message,
    )
}
