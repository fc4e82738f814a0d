//! Emits the JSON Schemas of the four envelopes narrowed to the catalog:
//! `code` is an enum of every id and alias, and each code's details follow
//! a schema built from its `detail` params.
//!
//! The narrowing itself is errors-core's
//! [`catalog_aware_schemas`](errors_core::schema::catalog_aware_schemas),
//! applied here one envelope per core; this module only describes the
//! catalog to it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use errors_core::EnvelopeKind;
use errors_core::schema::{CatalogSchema, CodeSchema, catalog_aware};
use serde_json::{Map, Value, json};

use crate::model::{Catalog, Code, Param, ParamType};
use crate::parallel;

/// The catalog as errors-core's schema narrowing sees it: every code
/// (retired ones too, which clients must still recognise) with its aliases
/// and, when it has `detail` params, the schema of its details.
///
/// A detail member is required when its param is neither optional nor
/// sensitive (a sensitive value never reaches the public, so it may be
/// missing from a body).
///
/// # Examples
///
/// ```
/// let yaml = r#"
/// domain: resources
/// description: Missing resources.
/// codes:
///   - id: resource_not_found
///     status: 404
///     message: "{resource_type} not found"
///     resolution: Check the id.
///     params:
///       - name: resource_type
///         type: string
///         description: The kind of resource.
///         example: agent
///         detail: resource_type
///     examples:
///       - name: default
///         params: { resource_type: agent }
/// "#;
/// let loaded = codegen::load_sources(vec![("resources.yaml".into(), yaml.into())]);
/// let schema = codegen::catalog_schema(&loaded.catalog);
/// let code = &schema.codes()[0];
/// assert_eq!(code.id(), "resource_not_found");
/// assert_eq!(code.details_schema().unwrap()["required"], serde_json::json!(["resource_type"]));
/// ```
pub fn catalog_schema(catalog: &Catalog) -> CatalogSchema {
    // A domain per core, in catalog order.
    parallel::map_ordered(&catalog.domains, |domain| {
        domain.codes.iter().map(code_schema).collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The schema files, `<envelope>.schema.json` for each built-in envelope,
/// pretty-printed with a final newline.
///
/// # Examples
///
/// ```
/// let yaml = "domain: auth\ndescription: Auth.\ncodes:\n  - id: token_expired\n    status: 401\n    message: Expired.\n    resolution: Sign in.\n    examples:\n      - name: default\n";
/// let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
/// let files = codegen::generate_schemas(&loaded.catalog);
/// let names: Vec<_> = files.keys().map(|path| path.to_str().unwrap()).collect();
/// assert_eq!(names, ["flat.schema.json", "nested.schema.json", "problem.schema.json", "rich.schema.json"]);
/// assert!(files[std::path::Path::new("problem.schema.json")].contains("\"token_expired\""));
/// ```
pub fn generate_schemas(catalog: &Catalog) -> BTreeMap<PathBuf, String> {
    let catalog = catalog_schema(catalog);
    // `catalog_aware_schemas`, an envelope per core: for a large catalog,
    // narrowing each schema, printing it and dropping it take about as long
    // as each other, and the envelopes are independent.
    parallel::map_ordered(&EnvelopeKind::ALL, |kind| {
        let schema = catalog_aware(kind, &catalog).to_value();
        let mut text =
            serde_json::to_string_pretty(&schema).expect("a JSON value always serializes");
        text.push('\n');
        (
            PathBuf::from(format!("{}.schema.json", kind.as_str())),
            text,
        )
    })
    .into_iter()
    .collect()
}

fn code_schema(code: &Code) -> CodeSchema {
    let mut schema = CodeSchema::new(code.id.as_str());
    for alias in &code.aliases {
        schema = schema.alias(alias.as_str());
    }
    let details: Vec<(&str, &Param)> = code
        .params
        .iter()
        .filter_map(|param| Some((param.detail.as_ref()?.as_str(), param)))
        .collect();
    if details.is_empty() {
        return schema;
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (member, param) in details {
        properties.insert(member.to_owned(), value_schema(param));
        if !param.optional && !param.sensitive {
            required.push(Value::from(member));
        }
    }
    let mut details = json!({ "type": "object", "properties": properties });
    if !required.is_empty() {
        details["required"] = Value::Array(required);
    }
    schema.details(details)
}

/// The schema of one param's value, with its description.
fn value_schema(param: &Param) -> Value {
    let mut schema = match param.ty {
        ParamType::String => json!({ "type": "string" }),
        ParamType::Bool => json!({ "type": "boolean" }),
        ParamType::I32 | ParamType::I64 | ParamType::Timestamp => json!({ "type": "integer" }),
        ParamType::U16 | ParamType::U32 | ParamType::U64 | ParamType::Seconds => {
            json!({ "type": "integer", "minimum": 0 })
        }
        ParamType::StringList => json!({ "type": "array", "items": { "type": "string" } }),
    };
    if let Some((min, max)) = param.ty.integer_range()
        && matches!(param.ty, ParamType::I32 | ParamType::U16 | ParamType::U32)
    {
        schema["minimum"] = json!(min as i64);
        schema["maximum"] = json!(max as i64);
    }
    schema["description"] = Value::from(param.description.trim());
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_are_errors_core_s_catalog_aware_schemas() {
        let loaded = crate::load_sources(crate::synth::synthetic_catalog(60, 30));
        let files = generate_schemas(&loaded.catalog);
        let expected: BTreeMap<PathBuf, String> =
            errors_core::schema::catalog_aware_schemas(&catalog_schema(&loaded.catalog))
                .into_iter()
                .map(|(name, schema)| {
                    let text = serde_json::to_string_pretty(&schema).unwrap();
                    (PathBuf::from(format!("{name}.schema.json")), text + "\n")
                })
                .collect();
        assert_eq!(files, expected);
    }
}
