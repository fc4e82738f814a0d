//! Reading a JSON body as one of the four envelopes: detecting the envelope
//! from the content type and the body's shape, and decoding the members
//! every envelope has in common into one form.
//!
//! Decoding is lenient about what it does not need (unknown members, a
//! missing `status` or `timestamp`) and strict about what it reads: a member
//! of the wrong type is an error that names it.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::{APPLICATION_PROBLEM_JSON, EnvelopeKind, FieldErrors};

/// The members of a received error body, whatever its envelope.
#[derive(Debug, Default)]
pub(crate) struct Received {
    /// The code as sent (`None` in the flat envelope).
    pub(crate) code: Option<String>,
    /// The message (`detail`, or `title` without it, in problem details).
    pub(crate) message: String,
    /// The detail members: the rich `details` object without `errors` and
    /// `request_id`, or the problem extension members.
    pub(crate) members: Map<String, Value>,
    /// The flat envelope's `details` list.
    pub(crate) list: Option<Vec<String>>,
    /// Field errors, from the nested `fields` or a `errors` list.
    pub(crate) fields: Option<FieldErrors>,
    /// The request id from the body.
    pub(crate) request_id: Option<String>,
    /// The flat envelope's `retry_after` seconds.
    pub(crate) retry_after: Option<u64>,
    /// The details as received, for unknown codes.
    pub(crate) raw_details: Option<Value>,
}

/// Problem members that are not extension members.
const PROBLEM_MEMBERS: [&str; 8] = [
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "errors",
    "request_id",
];

/// The envelope of a body: `application/problem+json` is the problem
/// envelope; otherwise the shape decides (`error` as a string: flat; `error`
/// as an object: rich with a `timestamp`, nested without; no `error` but
/// `detail`, `title` or `type`: problem).
pub(crate) fn detect(content_type: Option<&str>, body: &Value) -> Option<EnvelopeKind> {
    let is_problem_type = content_type.is_some_and(|value| {
        value
            .split(';')
            .next()
            .is_some_and(|media| media.trim().eq_ignore_ascii_case(APPLICATION_PROBLEM_JSON))
    });
    if is_problem_type {
        return Some(EnvelopeKind::Problem);
    }
    let object = body.as_object()?;
    match object.get("error") {
        Some(Value::String(_)) => Some(EnvelopeKind::Flat),
        Some(Value::Object(error)) if error.contains_key("timestamp") => Some(EnvelopeKind::Rich),
        Some(Value::Object(_)) => Some(EnvelopeKind::Nested),
        Some(_) => None,
        None if ["detail", "title", "type"]
            .iter()
            .any(|member| object.contains_key(*member)) =>
        {
            Some(EnvelopeKind::Problem)
        }
        None => None,
    }
}

/// Decodes `body` as `envelope`; `raw` is the body's text, read again for
/// the nested envelope's field order, which a JSON object value loses.
pub(crate) fn decode(envelope: EnvelopeKind, body: Value, raw: &[u8]) -> Result<Received, String> {
    let Value::Object(mut root) = body else {
        return Err("the body is not a JSON object".to_owned());
    };
    match envelope {
        EnvelopeKind::Flat => decode_flat(&mut root),
        EnvelopeKind::Nested => decode_nested(&mut root, raw),
        EnvelopeKind::Rich => decode_rich(&mut root),
        EnvelopeKind::Problem => decode_problem(root),
    }
}

fn decode_flat(root: &mut Map<String, Value>) -> Result<Received, String> {
    let message = required_string(root, "error", "error")?;
    let list = match root.remove("details") {
        None | Some(Value::Null) => None,
        Some(value) => Some(string_list(value, "details")?),
    };
    let retry_after =
        match root.remove("retry_after") {
            None | Some(Value::Null) => None,
            Some(Value::Number(number)) => Some(number.as_u64().ok_or_else(|| {
                "member `retry_after` is not a whole number of seconds".to_owned()
            })?),
            Some(other) => return Err(wrong_type("retry_after", &other, "a number")),
        };
    let raw_details = list
        .as_ref()
        .map(|items| Value::Array(items.iter().cloned().map(Value::String).collect()));
    Ok(Received {
        message,
        list,
        retry_after,
        raw_details,
        ..Received::default()
    })
}

fn decode_nested(root: &mut Map<String, Value>, raw: &[u8]) -> Result<Received, String> {
    let mut error = take_object(root, "error", "error")?;
    let code = optional_string(&mut error, "code", "error.code")?;
    let message = required_string(&mut error, "message", "error.message")?;
    let fields = match error.remove("fields") {
        None | Some(Value::Null) => FieldErrors::new(),
        Some(Value::Array(items)) if items.is_empty() => FieldErrors::new(),
        Some(value @ Value::Object(_)) => {
            check_field_map(&value)?;
            ordered_nested_fields(raw)?
        }
        Some(other) => {
            return Err(wrong_type(
                "error.fields",
                &other,
                "an object of string lists",
            ));
        }
    };
    Ok(Received {
        code,
        message,
        fields: Some(fields),
        ..Received::default()
    })
}

fn decode_rich(root: &mut Map<String, Value>) -> Result<Received, String> {
    let mut error = take_object(root, "error", "error")?;
    let code = optional_string(&mut error, "code", "error.code")?;
    let message = required_string(&mut error, "message", "error.message")?;
    let mut received = Received {
        code,
        message,
        ..Received::default()
    };
    match error.remove("details") {
        None | Some(Value::Null) => {}
        Some(Value::Object(mut details)) => {
            received.raw_details = Some(Value::Object(details.clone()));
            received.fields = take_field_messages(&mut details, "error.details.errors")?;
            received.request_id =
                optional_string(&mut details, "request_id", "error.details.request_id")?;
            received.members = details;
        }
        Some(other) => return Err(wrong_type("error.details", &other, "an object")),
    }
    Ok(received)
}

fn decode_problem(mut root: Map<String, Value>) -> Result<Received, String> {
    let code = optional_string(&mut root, "code", "code")?;
    let detail = optional_string(&mut root, "detail", "detail")?;
    let title = optional_string(&mut root, "title", "title")?;
    let message = detail
        .or(title)
        .ok_or_else(|| "missing member `detail` (and `title`)".to_owned())?;
    let fields = take_field_messages(&mut root, "errors")?;
    let request_id = optional_string(&mut root, "request_id", "request_id")?;
    root.retain(|name, _| !PROBLEM_MEMBERS.contains(&name.as_str()));
    let raw_details = (!root.is_empty()).then(|| Value::Object(root.clone()));
    Ok(Received {
        code,
        message,
        members: root,
        fields,
        request_id,
        raw_details,
        ..Received::default()
    })
}

/// The JSON type of `value`, for messages.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn wrong_type(path: &str, value: &Value, expected: &str) -> String {
    format!(
        "member `{path}` is {}, expected {expected}",
        type_name(value)
    )
}

fn take_object(
    object: &mut Map<String, Value>,
    name: &str,
    path: &str,
) -> Result<Map<String, Value>, String> {
    match object.remove(name) {
        Some(Value::Object(inner)) => Ok(inner),
        Some(other) => Err(wrong_type(path, &other, "an object")),
        None => Err(format!("missing member `{path}`")),
    }
}

fn optional_string(
    object: &mut Map<String, Value>,
    name: &str,
    path: &str,
) -> Result<Option<String>, String> {
    match object.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(wrong_type(path, &other, "a string")),
    }
}

fn required_string(
    object: &mut Map<String, Value>,
    name: &str,
    path: &str,
) -> Result<String, String> {
    optional_string(object, name, path)?.ok_or_else(|| format!("missing member `{path}`"))
}

fn string_list(value: Value, path: &str) -> Result<Vec<String>, String> {
    let Value::Array(items) = value else {
        return Err(wrong_type(path, &value, "an array of strings"));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| match item {
            Value::String(text) => Ok(text),
            other => Err(wrong_type(&format!("{path}[{index}]"), &other, "a string")),
        })
        .collect()
}

/// Reads `errors: [{"field", "message"}]` into field errors.
fn take_field_messages(
    object: &mut Map<String, Value>,
    path: &str,
) -> Result<Option<FieldErrors>, String> {
    let items = match object.remove("errors") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(other) => return Err(wrong_type(path, &other, "an array")),
    };
    let mut fields = FieldErrors::new();
    for (index, item) in items.into_iter().enumerate() {
        let item_path = format!("{path}[{index}]");
        let Value::Object(mut entry) = item else {
            return Err(wrong_type(&item_path, &item, "an object"));
        };
        let field = required_string(&mut entry, "field", &format!("{item_path}.field"))?;
        let message = required_string(&mut entry, "message", &format!("{item_path}.message"))?;
        fields.push(field, message);
    }
    Ok(Some(fields))
}

/// Checks that `fields` maps names to lists of strings, naming the first
/// member that does not.
fn check_field_map(fields: &Value) -> Result<(), String> {
    let Value::Object(map) = fields else {
        return Ok(());
    };
    for (name, messages) in map {
        let path = format!("error.fields.{name}");
        let Value::Array(items) = messages else {
            return Err(wrong_type(&path, messages, "an array of strings"));
        };
        if let Some((index, item)) = items.iter().enumerate().find(|(_, item)| !item.is_string()) {
            return Err(wrong_type(&format!("{path}[{index}]"), item, "a string"));
        }
    }
    Ok(())
}

/// The nested envelope's `fields`, in the order the body lists them.
fn ordered_nested_fields(raw: &[u8]) -> Result<FieldErrors, String> {
    #[derive(Deserialize)]
    struct Body {
        error: Error,
    }
    #[derive(Deserialize)]
    struct Error {
        #[serde(default)]
        fields: OrderedFields,
    }
    #[derive(Default)]
    struct OrderedFields(FieldErrors);

    impl<'de> Deserialize<'de> for OrderedFields {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = OrderedFields;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object of string lists")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<OrderedFields, A::Error> {
                    let mut fields = FieldErrors::new();
                    while let Some((name, messages)) = map.next_entry::<String, Vec<String>>()? {
                        for message in messages {
                            fields.push(name.clone(), message);
                        }
                    }
                    Ok(OrderedFields(fields))
                }
            }
            deserializer.deserialize_map(Visitor)
        }
    }

    serde_json::from_slice::<Body>(raw)
        .map(|body| body.error.fields.0)
        .map_err(|error| format!("member `error.fields` cannot be read: {error}"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn shapes_pick_their_envelope() {
        let problem = json!({"type": "about:blank", "title": "Not Found", "status": 404});
        assert_eq!(detect(None, &problem), Some(EnvelopeKind::Problem));
        assert_eq!(
            detect(Some("application/problem+json; charset=utf-8"), &json!({})),
            Some(EnvelopeKind::Problem)
        );
        assert_eq!(
            detect(None, &json!({"error": "x"})),
            Some(EnvelopeKind::Flat)
        );
        let rich = json!({"error": {"message": "m", "timestamp": "t"}});
        assert_eq!(detect(None, &rich), Some(EnvelopeKind::Rich));
        let nested = json!({"error": {"message": "m", "code": "c"}});
        assert_eq!(detect(None, &nested), Some(EnvelopeKind::Nested));
        assert_eq!(detect(None, &json!({"error": 3})), None);
        assert_eq!(detect(None, &json!([1])), None);
        assert_eq!(detect(None, &json!({"message": "m"})), None);
    }

    #[test]
    fn wrong_types_name_the_member() {
        let body = json!({"error": {"code": 7, "message": "m"}});
        let error = decode(EnvelopeKind::Nested, body, b"").unwrap_err();
        assert_eq!(error, "member `error.code` is a number, expected a string");
        let body = json!({"error": "m", "details": ["a", 1]});
        let error = decode(EnvelopeKind::Flat, body, b"").unwrap_err();
        assert_eq!(error, "member `details[1]` is a number, expected a string");
        let body = json!({"title": "t", "errors": [{"field": "f"}]});
        let error = decode(EnvelopeKind::Problem, body, b"").unwrap_err();
        assert_eq!(error, "missing member `errors[0].message`");
    }

    #[test]
    fn nested_fields_keep_their_order() {
        let raw =
            br#"{"error":{"code":"c","message":"m","fields":{"zeta":["z"],"alpha":["a","b"]}}}"#;
        let body: Value = serde_json::from_slice(raw).unwrap();
        let received = decode(EnvelopeKind::Nested, body, raw).unwrap();
        let fields = received.fields.unwrap();
        let names: Vec<_> = fields.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["zeta", "alpha"]);
        assert_eq!(fields.get("alpha").unwrap(), ["a", "b"]);
    }
}
