//! The documentation's settings for `cargo xtask`: the catalog version from
//! `_catalog.yaml` beside the fixed rendering context, and the tests of the
//! shipped catalog's checked-in docs.

use std::path::Path;

use ::codegen::contract::CatalogConfig;
use ::codegen::emit_docs::DocsSettings;

/// Where the documentation lives, relative to the workspace root.
pub(crate) const DOCS_DIR: &str = "docs";

/// The context the docs' examples are rendered in, with the version of the
/// catalog in `catalog_dir` (from its `_catalog.yaml`, the default version
/// without one, none when it is invalid: `cargo xtask check` reports that).
pub(crate) fn settings(catalog_dir: &Path) -> DocsSettings {
    DocsSettings {
        catalog_version: CatalogConfig::load_or_default(catalog_dir)
            .ok()
            .map(|config| config.version.to_string()),
        ..DocsSettings::default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use std::collections::BTreeMap;

    use ::codegen::emit_docs::{Audience, envelopes};
    use ::codegen::model::Catalog;
    use errors_core::EnvelopeKind;

    use super::*;

    fn shipped() -> Catalog {
        crate::lookup::load_catalog(None).unwrap_or_else(|report| panic!("{report}"))
    }

    fn checked_in(name: &str) -> Value {
        let path = crate::workspace_root().join(DOCS_DIR).join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
    }

    fn problems(schema: &Value, instance: &Value) -> Vec<String> {
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(schema)
            .expect("the schema compiles");
        validator
            .iter_errors(instance)
            .map(|error| format!("{}: {error}", error.instance_path()))
            .collect()
    }

    /// The parts of the OpenAPI 3.1 schema document that a components-only
    /// document exercises: the root members, `info`, the component maps and
    /// their keys, responses, media types, examples and headers.
    fn openapi_essentials() -> Value {
        let reference = json!({
            "type": "object",
            "required": ["$ref"],
            "properties": {"$ref": {"type": "string", "format": "uri-reference"}},
        });
        let header = json!({
            "type": "object",
            "required": ["schema"],
            "properties": {"description": {"type": "string"}, "schema": {"type": ["object", "boolean"]}},
            "additionalProperties": false,
        });
        let example = json!({
            "type": "object",
            "required": ["value"],
            "properties": {"summary": {"type": "string"}, "description": {"type": "string"}, "value": true},
            "additionalProperties": false,
        });
        let media_type = json!({
            "type": "object",
            "properties": {
                "schema": {"type": ["object", "boolean"]},
                "examples": {"type": "object", "additionalProperties": example},
            },
            "additionalProperties": false,
        });
        let response = json!({
            "type": "object",
            "required": ["description"],
            "properties": {
                "description": {"type": "string"},
                "headers": {"type": "object", "additionalProperties": {"anyOf": [reference, header]}},
                "content": {"type": "object", "additionalProperties": media_type},
            },
            "additionalProperties": false,
        });
        let keys = json!({"pattern": "^[a-zA-Z0-9._-]+$"});
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["openapi", "info", "components"],
            "properties": {
                "openapi": {"type": "string", "pattern": "^3\\.1\\.\\d+(-.+)?$"},
                "info": {
                    "type": "object",
                    "required": ["title", "version"],
                    "properties": {
                        "title": {"type": "string"},
                        "version": {"type": "string"},
                        "description": {"type": "string"},
                    },
                },
                "components": {
                    "type": "object",
                    "properties": {
                        "schemas": {"type": "object", "propertyNames": keys, "additionalProperties": {"type": ["object", "boolean"]}},
                        "headers": {"type": "object", "propertyNames": keys, "additionalProperties": header},
                        "responses": {"type": "object", "propertyNames": keys, "additionalProperties": response},
                    },
                    "additionalProperties": false,
                },
            },
            "patternProperties": {"^x-": true},
            "additionalProperties": false,
        })
    }

    /// Every `$ref` below `value`.
    fn references(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(target)) = object.get("$ref") {
                    out.push(target.clone());
                }
                object.values().for_each(|inner| references(inner, out));
            }
            Value::Array(items) => items.iter().for_each(|inner| references(inner, out)),
            _ => {}
        }
    }

    /// `schema` with every `#/...` reference into `document` replaced by its target.
    fn inline(schema: &Value, document: &Value) -> Value {
        match schema {
            Value::Object(object) => {
                if let Some(Value::String(target)) = object.get("$ref")
                    && let Some(pointer) = target.strip_prefix('#')
                {
                    let resolved = document.pointer(pointer).expect("the reference resolves");
                    return inline(resolved, document);
                }
                Value::Object(
                    object
                        .iter()
                        .map(|(key, inner)| (key.clone(), inline(inner, document)))
                        .collect(),
                )
            }
            Value::Array(items) => {
                Value::Array(items.iter().map(|inner| inline(inner, document)).collect())
            }
            other => other.clone(),
        }
    }

    #[test]
    fn openapi_has_the_essentials_of_an_openapi_3_1_document() {
        let document = checked_in("openapi.json");
        let problems = problems(&openapi_essentials(), &document);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let responses = document["components"]["responses"].as_object().unwrap();
        assert_eq!(responses.len(), shipped().codes().count());
        assert_eq!(
            document["components"]["schemas"].as_object().unwrap().len(),
            EnvelopeKind::ALL.len()
        );
    }

    #[test]
    fn every_openapi_reference_resolves() {
        let document = checked_in("openapi.json");
        let mut targets = Vec::new();
        references(&document, &mut targets);
        assert!(targets.len() > 100, "only {} references", targets.len());
        for target in targets {
            let pointer = target
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("`{target}` is not local"));
            assert!(
                document.pointer(pointer).is_some(),
                "`{target}` does not resolve"
            );
        }
    }

    #[test]
    fn every_openapi_example_validates_against_its_schema() {
        let document = checked_in("openapi.json");
        let mut checked = 0;
        for (code, response) in document["components"]["responses"].as_object().unwrap() {
            for (media_type, content) in response["content"].as_object().unwrap() {
                let schema = inline(&content["schema"], &document);
                for (name, example) in content["examples"].as_object().unwrap() {
                    let problems = problems(&schema, &example["value"]);
                    assert!(
                        problems.is_empty(),
                        "{code} {media_type} {name}: {}",
                        problems.join("\n")
                    );
                    let envelope = name.split('_').next().unwrap();
                    let own = &document["components"]["schemas"]
                        [::codegen::emit_docs::envelope_schema_name(envelope)];
                    let problems = self::problems(own, &example["value"]);
                    assert!(
                        problems.is_empty(),
                        "{code} {name}: {}",
                        problems.join("\n")
                    );
                    checked += 1;
                }
            }
        }
        assert!(
            checked >= 4 * shipped().codes().count(),
            "only {checked} examples"
        );
    }

    #[test]
    fn every_rendered_example_validates_against_its_envelope() {
        let catalog = shipped();
        let examples = checked_in("examples.json");
        let schemas: BTreeMap<String, Value> = envelopes(&catalog)
            .into_iter()
            .map(|envelope| (envelope.name, envelope.schema))
            .collect();
        let entries = examples["examples"].as_array().unwrap();
        let expected: usize = catalog
            .codes()
            .map(|code| code.examples.len())
            .sum::<usize>()
            * (EnvelopeKind::ALL.len() + 1)
            * Audience::ALL.len();
        assert_eq!(entries.len(), expected);
        for entry in entries {
            let schema = &schemas[entry["envelope"].as_str().unwrap()];
            let problems = problems(schema, &entry["body"]);
            assert!(
                problems.is_empty(),
                "{} {} {} {}: {}",
                entry["code"],
                entry["example"],
                entry["envelope"],
                entry["audience"],
                problems.join("\n")
            );
            assert_eq!(
                entry["status"],
                catalog
                    .find_code(entry["code"].as_str().unwrap())
                    .unwrap()
                    .status
            );
        }
    }

    #[test]
    fn the_checked_in_catalog_json_validates_against_its_schema() {
        let problems = problems(
            &checked_in("catalog.schema.json"),
            &checked_in("catalog.json"),
        );
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_public_never_reads_a_sensitive_example_value() {
        let catalog = shipped();
        let examples = checked_in("examples.json");
        for entry in examples["examples"].as_array().unwrap() {
            if entry["audience"] != "public" {
                continue;
            }
            let code = catalog.find_code(entry["code"].as_str().unwrap()).unwrap();
            let example = code
                .examples
                .iter()
                .find(|example| example.name == entry["example"].as_str().unwrap())
                .unwrap();
            let response = format!("{} {}", entry["headers"], entry["body"]);
            for param in code.params.iter().filter(|param| param.sensitive) {
                if let Some(value) = example.params.get(param.name.as_str())
                    && let Some(text) = value.value.as_str()
                {
                    assert!(
                        !response.contains(text),
                        "{}: `{text}` leaked",
                        code.id.as_str()
                    );
                }
            }
        }
    }
}
