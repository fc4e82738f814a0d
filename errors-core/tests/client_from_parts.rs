//! The generated `CatalogError::from_parts`: every example of the catalog,
//! given as parts, builds exactly the error `CatalogError::example` builds;
//! a missing or mistyped value names its param.

use errors_core::catalog::{CatalogError, Code};
use errors_core::client::{FromPartsReason, PartValue, Parts};
use errors_core::{ApiError, FieldErrors};
use serde_json::Value;

/// The parts of one catalog example: its params as JSON and its field
/// errors sorted by field, as `CatalogError::example` orders them.
fn example_parts(code: Code, name: &str) -> Parts {
    let info = code.info();
    let example = info.example(name).unwrap();
    let mut parts = Parts::new();
    if let Value::Object(params) = example.params_json() {
        for (param, value) in params {
            parts.insert(param, PartValue::Json(value));
        }
    }
    if info.fields {
        let mut sorted: Vec<_> = example.fields.to_vec();
        sorted.sort_by_key(|(field, _)| *field);
        let mut fields = FieldErrors::new();
        for (field, messages) in sorted {
            for message in messages {
                fields.push(field, *message);
            }
        }
        parts.set_field_errors(fields);
    }
    parts
}

#[test]
fn every_example_builds_from_its_parts() {
    let mut built = 0;
    for &code in Code::ALL {
        for example in code.info().examples {
            let mut parts = example_parts(code, example.name);
            let expected = CatalogError::example(code, example.name).unwrap();
            let actual = CatalogError::from_parts(code, &mut parts)
                .unwrap_or_else(|error| panic!("`{code}` `{}`: {error}", example.name));
            assert_eq!(actual, expected, "`{code}` `{}`", example.name);
            // Every value the error holds was taken out, none left behind.
            assert!(parts.is_empty(), "`{code}` `{}`: {parts:?}", example.name);
            assert_eq!(actual.code(), code.as_str());
            built += 1;
        }
    }
    assert!(built >= Code::COUNT, "{built} examples");
}

#[test]
fn every_required_param_is_required() {
    for &code in Code::ALL {
        let info = code.info();
        let Some(example) = info.examples.first() else {
            continue;
        };
        for param in info.params.iter().filter(|param| !param.optional) {
            let full = example_parts(code, example.name);
            let mut without = Parts::new();
            for (name, value) in full.iter().filter(|(name, _)| *name != param.name) {
                without.insert(name, value.clone());
            }
            if let Some(fields) = full.field_errors() {
                without.set_field_errors(fields.clone());
            }
            let before = without.clone();
            let error = CatalogError::from_parts(code, &mut without).unwrap_err();
            assert_eq!(without, before, "a failed construction takes nothing");
            assert_eq!(error.code(), info.id);
            assert_eq!(error.param(), Some(param.name));
            assert_eq!(error.reason(), FromPartsReason::Missing);

            let mut mistyped = without.clone();
            mistyped.insert(param.name, PartValue::Json(Value::Null));
            let before = mistyped.clone();
            let error = CatalogError::from_parts(code, &mut mistyped).unwrap_err();
            assert_eq!(mistyped, before, "a failed construction takes nothing");
            assert!(
                matches!(error.reason(), FromPartsReason::Invalid(_)),
                "{error}"
            );
        }
        if info.fields {
            let mut no_fields = Parts::new();
            for (name, value) in example_parts(code, example.name).iter() {
                no_fields.insert(name, value.clone());
            }
            let before = no_fields.clone();
            let error = CatalogError::from_parts(code, &mut no_fields).unwrap_err();
            assert_eq!(no_fields, before, "a failed construction takes nothing");
            assert_eq!(
                (error.param(), error.reason()),
                (None, FromPartsReason::Missing)
            );
        }
    }
}
