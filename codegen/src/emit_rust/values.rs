//! Rust types of params and Rust expressions and JSON text of example values.
//!
//! Types and expressions come as tokens and, for the text path of
//! [`super::domain_text`], as the text prettyplease prints for them on one
//! line.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::pretty_text::string_literal;
use crate::model::{Code, Example, Param, ParamType, Value};

/// The Rust type of a required param of type `ty`, as tokens.
pub(super) fn base_type(ty: ParamType) -> TokenStream {
    ty.rust_type()
        .parse()
        .expect("a param type's Rust path is valid Rust")
}

/// The Rust type of the field that holds `param`.
pub(super) fn field_type(param: &Param) -> TokenStream {
    let base = base_type(param.ty);
    if param.optional {
        quote!(::core::option::Option<#base>)
    } else {
        base
    }
}

/// [`field_type`] as text.
pub(super) fn field_type_text(param: &Param) -> String {
    let base = param.ty.rust_type();
    if param.optional {
        format!("::core::option::Option<{base}>")
    } else {
        base.to_owned()
    }
}

/// An integer literal, with a separate minus sign for negative values.
fn integer(number: i128) -> TokenStream {
    let magnitude = Literal::u128_unsuffixed(number.unsigned_abs());
    if number < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

/// An owned `String` from a literal (`String` is imported by the caller).
fn string(text: &str) -> TokenStream {
    quote!(String::from(#text))
}

/// The expression of a required value of type `ty`.
///
/// The catalog was validated, so `value` has the param's type; a value of
/// another kind is emitted as it is and fails to compile, pointing at the
/// generated field.
fn value_expr(ty: ParamType, value: &Value) -> TokenStream {
    match (ty, value) {
        (ParamType::Seconds, Value::Integer(number)) => {
            let seconds = integer(*number);
            quote!(Duration::from_secs(#seconds))
        }
        (_, Value::Integer(number)) => integer(*number),
        (_, Value::Bool(flag)) => quote!(#flag),
        (_, Value::String(text)) => string(text),
        (_, Value::Float(number)) => {
            let literal = Literal::f64_unsuffixed(*number);
            quote!(#literal)
        }
        (_, Value::List(items)) => {
            let items = items.iter().map(|item| value_expr(ParamType::String, item));
            quote!(::std::vec![#(#items),*])
        }
    }
}

/// [`value_expr`] as text on one line; `None` for a float, whose literal
/// the text path does not write.
fn value_text(ty: ParamType, value: &Value) -> Option<String> {
    Some(match (ty, value) {
        (ParamType::Seconds, Value::Integer(number)) => format!("Duration::from_secs({number})"),
        (_, Value::Integer(number)) => number.to_string(),
        (_, Value::Bool(flag)) => flag.to_string(),
        (_, Value::String(text)) => format!("String::from({})", string_literal(text)),
        (_, Value::Float(_)) => return None,
        (_, Value::List(items)) => {
            let items = items
                .iter()
                .map(|item| value_text(ParamType::String, item))
                .collect::<Option<Vec<String>>>()?;
            format!("::std::vec![{}]", items.join(", "))
        }
    })
}

/// The value `example` gives `param`, if the field is not `None`.
fn example_value<'a>(param: &'a Param, example: &'a Example) -> Option<&'a Value> {
    match example.params.get(param.name.as_str()) {
        Some(value) => Some(&value.value),
        None if param.optional => None,
        // Validation reports a missing required value; the param's own
        // example stands in so that the emitter stays total.
        None => Some(&param.example.value),
    }
}

/// Which of `String` and `Duration` the expression of `param` in `example`
/// names, so that the caller imports exactly those.
pub(super) fn example_uses(param: &Param, example: &Example) -> (bool, bool) {
    match example_value(param, example) {
        None => (false, false),
        Some(value) => (
            match value {
                Value::String(_) => true,
                Value::List(items) => !items.is_empty(),
                _ => false,
            },
            param.ty == ParamType::Seconds,
        ),
    }
}

/// The expression that initialises the field of `param` in `example`;
/// `String`, `Duration`, `Some` and `None` are imported by the caller.
pub(super) fn example_field(param: &Param, example: &Example) -> TokenStream {
    let value = example_value(param, example);
    match (param.optional, value) {
        (false, Some(value)) => value_expr(param.ty, value),
        (true, Some(value)) => {
            let value = value_expr(param.ty, value);
            quote!(Some(#value))
        }
        (_, None) => quote!(None),
    }
}

/// [`example_field`] as text on one line; `None` when the text path does
/// not write the value.
pub(super) fn example_field_text(param: &Param, example: &Example) -> Option<String> {
    match (param.optional, example_value(param, example)) {
        (false, Some(value)) => value_text(param.ty, value),
        (true, Some(value)) => Some(format!("Some({})", value_text(param.ty, value)?)),
        (_, None) => Some("None".to_owned()),
    }
}

/// The expression of the field errors of `example`.
pub(super) fn example_fields(example: &Example) -> TokenStream {
    if example.fields.is_empty() {
        return quote!(::errors_core::FieldErrors::new());
    }
    let pushes = sorted_fields(example)
        .into_iter()
        .flat_map(|(field, messages)| {
            messages
                .iter()
                .map(move |message| quote!(fields.push(#field, #message);))
        });
    quote!({
        let mut fields = ::errors_core::FieldErrors::new();
        #(#pushes)*
        fields
    })
}

/// The field errors of `example`, sorted by field name: a YAML mapping's key
/// order carries no meaning, so the output must not depend on it.
pub(super) fn sorted_fields(example: &Example) -> Vec<(&str, &[String])> {
    let mut fields: Vec<(&str, &[String])> = example
        .fields
        .iter()
        .map(|(field, messages)| (field.as_str(), messages.as_slice()))
        .collect();
    fields.sort_by_key(|(field, _)| *field);
    fields
}

/// The param values of `example` as a JSON object, in the code's param
/// order; absent optional params are left out.
pub(super) fn example_json(code: &Code, example: &Example) -> String {
    let mut object = String::from("{");
    for param in &code.params {
        let Some(value) = example.params.get(param.name.as_str()) else {
            continue;
        };
        if object.len() > 1 {
            object.push(',');
        }
        object.push_str(&json_string(&param.name));
        object.push(':');
        object.push_str(&json_value(&value.value));
    }
    object.push('}');
    object
}

/// `value` as JSON text.
fn json_value(value: &Value) -> String {
    match value {
        Value::Bool(flag) => flag.to_string(),
        Value::Integer(number) => number.to_string(),
        Value::Float(number) => serde_json::Number::from_f64(*number)
            .map_or_else(|| "null".to_owned(), |number| number.to_string()),
        Value::String(text) => json_string(text),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(json_value).collect();
            format!("[{}]", items.join(","))
        }
    }
}

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_integers_are_a_minus_and_a_literal() {
        assert_eq!(integer(-5).to_string(), "- 5");
        assert_eq!(integer(7).to_string(), "7");
    }

    #[test]
    fn json_values_are_compact() {
        let list = Value::List(vec![
            Value::String("a\"b".into()),
            Value::String("c".into()),
        ]);
        assert_eq!(json_value(&list), r#"["a\"b","c"]"#);
        assert_eq!(json_value(&Value::Integer(-3)), "-3");
    }
}
