//! Reading a body as one of the four envelopes: detecting the envelope from
//! the content type and the body's shape, and decoding the members every
//! envelope has in common into one form, borrowed from the body.
//!
//! Decoding is lenient about what it does not need (unknown members, a
//! missing `status` or `timestamp`) and strict about what it reads: a member
//! of the wrong type is an error that names it. The body is read once
//! ([`body::read`](super::body::read)); it is read again as a JSON tree
//! only for what a tree is kept for, the raw details of an unknown code
//! ([`raw_details`]), and for the rare problem body with an extension member
//! named `error`, `details` or `retry_after`.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::body::{
    BadFieldList, BadFieldMessage, BadItem, Details, ErrorMember, FieldMap, FieldMessages,
    JsonType, Loose, LooseText, Members, RootObject, Seconds, StringList,
};
use crate::{APPLICATION_PROBLEM_JSON, EnvelopeKind, FieldErrors};

/// The members of a received error body, whatever its envelope.
#[derive(Debug, Default)]
pub(crate) struct Received<'a> {
    /// The code as sent (`None` in the flat envelope).
    pub(crate) code: Option<Cow<'a, str>>,
    /// The message (`detail`, or `title` without it, in problem details).
    pub(crate) message: Cow<'a, str>,
    /// The detail members: the rich `details` object without `errors` and
    /// `request_id`, or the problem extension members. A repeated name
    /// appears again; the last one counts.
    pub(crate) members: Members<'a>,
    /// The flat envelope's `details` list.
    pub(crate) list: Option<Vec<Cow<'a, str>>>,
    /// Field errors, from the nested `fields` or a `errors` list.
    pub(crate) fields: Option<FieldErrors>,
    /// The request id from the body.
    pub(crate) request_id: Option<Cow<'a, str>>,
    /// The flat envelope's `retry_after` seconds.
    pub(crate) retry_after: Option<u64>,
}

impl Received<'_> {
    /// Takes the value of detail member `name` (the last one of that
    /// name), unless it is null.
    pub(crate) fn take_member(&mut self, name: &str) -> Option<Value> {
        let (_, value) = self
            .members
            .iter_mut()
            .rev()
            .find(|(member, _)| member == name)?;
        match value.take() {
            Value::Null => None,
            value => Some(value),
        }
    }
}

/// The envelope of a body: `application/problem+json` is the problem
/// envelope; otherwise the shape decides (`error` as a string: flat; `error`
/// as an object: rich with a `timestamp`, nested without; no `error` but
/// `detail`, `title` or `type`: problem).
///
/// `body` is `None` for a body that is JSON but not an object.
pub(crate) fn detect(
    content_type: Option<&str>,
    body: Option<&RootObject<'_>>,
) -> Option<EnvelopeKind> {
    let is_problem_type = content_type.is_some_and(|value| {
        value
            .split(';')
            .next()
            .is_some_and(|media| media.trim().eq_ignore_ascii_case(APPLICATION_PROBLEM_JSON))
    });
    if is_problem_type {
        return Some(EnvelopeKind::Problem);
    }
    let root = body?;
    match &root.error {
        Some(ErrorMember::Message(_)) => Some(EnvelopeKind::Flat),
        Some(ErrorMember::Object(error)) if error.has_timestamp => Some(EnvelopeKind::Rich),
        Some(ErrorMember::Object(_)) => Some(EnvelopeKind::Nested),
        Some(ErrorMember::Other(_)) => None,
        None if root.detail.is_some() || root.title.is_some() || root.has_type => {
            Some(EnvelopeKind::Problem)
        }
        None => None,
    }
}

/// Decodes `body` as `envelope`, taking its members; `raw` is the body's
/// text, read again as a tree for a problem body whose extension members
/// need it. `body` is `None` for a body that is JSON but not an object.
pub(crate) fn decode<'a>(
    envelope: EnvelopeKind,
    body: Option<&mut RootObject<'a>>,
    raw: &[u8],
) -> Result<Received<'a>, String> {
    let Some(root) = body else {
        return Err("the body is not a JSON object".to_owned());
    };
    match envelope {
        EnvelopeKind::Flat => decode_flat(root),
        EnvelopeKind::Nested => decode_nested(root),
        EnvelopeKind::Rich => decode_rich(root),
        EnvelopeKind::Problem => decode_problem(root, raw),
    }
}

fn decode_flat<'a>(root: &mut RootObject<'a>) -> Result<Received<'a>, String> {
    let message = match root.error.take() {
        Some(ErrorMember::Message(message)) => message,
        None | Some(ErrorMember::Other(JsonType::Null)) => {
            return Err(missing("error"));
        }
        Some(other) => return Err(wrong_type("error", other.json_type(), "a string")),
    };
    let list = match root.list.take() {
        None | Some(Loose::Other(JsonType::Null)) => None,
        Some(list) => Some(string_list(list, "details")?),
    };
    let retry_after = match root.retry_after.take() {
        None | Some(Loose::Other(JsonType::Null)) => None,
        Some(Loose::Value(Seconds::Whole(seconds))) => Some(seconds),
        Some(Loose::Value(Seconds::NotWhole)) => {
            return Err("member `retry_after` is not a whole number of seconds".to_owned());
        }
        Some(Loose::Other(found)) => return Err(wrong_type("retry_after", found, "a number")),
    };
    Ok(Received {
        message,
        list,
        retry_after,
        ..Received::default()
    })
}

fn decode_nested<'a>(root: &mut RootObject<'a>) -> Result<Received<'a>, String> {
    let error = error_object(root.error.as_mut())?;
    let code = optional_string(error.code.take(), "error.code")?;
    let message = required_string(error.message.take(), "error.message")?;
    let fields = match error.fields.take() {
        None | Some(Loose::Other(JsonType::Null) | Loose::Value(FieldMap::EmptyArray)) => {
            FieldErrors::new()
        }
        Some(Loose::Value(FieldMap::Object(read))) => {
            if let Some(bad) = &read.bad {
                return Err(bad_field_list(bad));
            }
            // The order of `fields` is read from the body text as received:
            // a repeated `error` or `fields`, or a member that a repeated
            // name hides from the check above, makes it unreadable.
            let unreadable = if root.repeated_error {
                Some("duplicate field `error`".to_owned())
            } else if error.repeated_fields {
                Some("duplicate field `fields`".to_owned())
            } else {
                read.unreadable
                    .map(|name| format!("`{name}` is not a list of strings"))
            };
            if let Some(reason) = unreadable {
                return Err(format!("member `error.fields` cannot be read: {reason}"));
            }
            read.fields
        }
        Some(Loose::Other(found)) => {
            return Err(wrong_type(
                "error.fields",
                found,
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

fn decode_rich<'a>(root: &mut RootObject<'a>) -> Result<Received<'a>, String> {
    let error = error_object(root.error.as_mut())?;
    let code = optional_string(error.code.take(), "error.code")?;
    let message = required_string(error.message.take(), "error.message")?;
    let mut received = Received {
        code,
        message,
        ..Received::default()
    };
    match error.details.take() {
        None | Some(Loose::Other(JsonType::Null)) => {}
        Some(Loose::Value(Details {
            errors,
            request_id,
            members,
        })) => {
            received.fields = field_messages(errors, "error.details.errors")?;
            received.request_id = optional_string(request_id, "error.details.request_id")?;
            received.members = members;
        }
        Some(Loose::Other(found)) => return Err(wrong_type("error.details", found, "an object")),
    }
    Ok(received)
}

fn decode_problem<'a>(root: &mut RootObject<'a>, raw: &[u8]) -> Result<Received<'a>, String> {
    let code = optional_string(root.code.take(), "code")?;
    let detail = optional_string(root.detail.take(), "detail")?;
    let title = optional_string(root.title.take(), "title")?;
    let message = detail
        .or(title)
        .ok_or_else(|| "missing member `detail` (and `title`)".to_owned())?;
    let fields = field_messages(root.errors.take(), "errors")?;
    let request_id = optional_string(root.request_id.take(), "request_id")?;
    let members = if root.has_flat_members {
        problem_members(raw)
            .into_iter()
            .map(|(name, value)| (Cow::Owned(name), value))
            .collect()
    } else {
        std::mem::take(&mut root.members)
    };
    Ok(Received {
        code,
        message,
        members,
        fields,
        request_id,
        ..Received::default()
    })
}

/// The details of a body already decoded as `envelope`, as received, for
/// an unknown code: the flat `details` list, the rich `details` object, or
/// the problem extension members as an object (`None` without any).
pub(crate) fn raw_details(envelope: EnvelopeKind, raw: &[u8]) -> Option<Value> {
    let Ok(Value::Object(mut root)) = serde_json::from_slice::<Value>(raw) else {
        return None;
    };
    let details = match envelope {
        EnvelopeKind::Flat => root.remove("details"),
        EnvelopeKind::Nested => None,
        EnvelopeKind::Rich => match root.remove("error") {
            Some(Value::Object(mut error)) => error.remove("details"),
            _ => None,
        },
        EnvelopeKind::Problem => {
            let members = extension_members(root);
            (!members.is_empty()).then_some(Value::Object(members))
        }
    };
    details.filter(|details| !details.is_null())
}

/// The problem extension members of `raw`, read as a tree.
fn problem_members(raw: &[u8]) -> Map<String, Value> {
    match serde_json::from_slice::<Value>(raw) {
        Ok(Value::Object(root)) => extension_members(root),
        _ => Map::new(),
    }
}

fn extension_members(mut root: Map<String, Value>) -> Map<String, Value> {
    root.retain(|name, _| !crate::RESERVED_DETAIL_MEMBERS.contains(&name.as_str()));
    root
}

fn missing(path: &str) -> String {
    format!("missing member `{path}`")
}

fn wrong_type(path: &str, found: JsonType, expected: &str) -> String {
    format!(
        "member `{path}` is {}, expected {expected}",
        found.described()
    )
}

/// The object of the nested and rich envelopes' `error` member.
fn error_object<'r, 'a>(
    error: Option<&'r mut ErrorMember<'a>>,
) -> Result<&'r mut super::body::ErrorObject<'a>, String> {
    match error {
        Some(ErrorMember::Object(error)) => Ok(error),
        Some(other) => Err(wrong_type("error", other.json_type(), "an object")),
        None => Err(missing("error")),
    }
}

fn optional_string<'a>(
    member: Option<LooseText<'a>>,
    path: &str,
) -> Result<Option<Cow<'a, str>>, String> {
    match member {
        None | Some(Loose::Other(JsonType::Null)) => Ok(None),
        Some(Loose::Value(text)) => Ok(Some(text)),
        Some(Loose::Other(found)) => Err(wrong_type(path, found, "a string")),
    }
}

fn required_string<'a>(member: Option<LooseText<'a>>, path: &str) -> Result<Cow<'a, str>, String> {
    optional_string(member, path)?.ok_or_else(|| missing(path))
}

fn string_list<'a>(list: StringList<'a>, path: &str) -> Result<Vec<Cow<'a, str>>, String> {
    match list {
        Loose::Value(Ok(items)) => Ok(items),
        Loose::Value(Err(BadItem { index, found })) => {
            Err(wrong_type(&format!("{path}[{index}]"), found, "a string"))
        }
        Loose::Other(found) => Err(wrong_type(path, found, "an array of strings")),
    }
}

/// Field errors from `errors: [{"field", "message"}]`.
fn field_messages(
    errors: Option<FieldMessages>,
    path: &str,
) -> Result<Option<FieldErrors>, String> {
    match errors {
        None | Some(Loose::Other(JsonType::Null)) => Ok(None),
        Some(Loose::Value(Ok(fields))) => Ok(Some(fields)),
        Some(Loose::Value(Err(bad))) => Err(match bad {
            BadFieldMessage::NotObject(BadItem { index, found }) => {
                wrong_type(&format!("{path}[{index}]"), found, "an object")
            }
            BadFieldMessage::Missing { index, member } => {
                missing(&format!("{path}[{index}].{member}"))
            }
            BadFieldMessage::Wrong {
                index,
                member,
                found,
            } => wrong_type(&format!("{path}[{index}].{member}"), found, "a string"),
        }),
        Some(Loose::Other(found)) => Err(wrong_type(path, found, "an array")),
    }
}

/// The message of a nested `fields` member that is not a list of strings.
fn bad_field_list(bad: &BadFieldList) -> String {
    let path = format!("error.fields.{}", bad.field);
    match bad.index {
        Some(index) => wrong_type(&format!("{path}[{index}]"), bad.found, "a string"),
        None => wrong_type(&path, bad.found, "an array of strings"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::body::read;
    use super::*;

    fn shape(body: &str) -> Option<EnvelopeKind> {
        let mut root = RootObject::default();
        let is_object = read(body.as_bytes(), &mut root).unwrap();
        detect(None, is_object.then_some(&root))
    }

    fn decode_str(envelope: EnvelopeKind, body: &str) -> Result<Received<'_>, String> {
        let mut root = RootObject::default();
        let is_object = read(body.as_bytes(), &mut root).unwrap();
        decode(envelope, is_object.then_some(&mut root), body.as_bytes())
    }

    #[test]
    fn shapes_pick_their_envelope() {
        assert_eq!(
            shape(r#"{"type": "about:blank", "title": "Not Found", "status": 404}"#),
            Some(EnvelopeKind::Problem)
        );
        assert_eq!(
            detect(Some("application/problem+json; charset=utf-8"), None),
            Some(EnvelopeKind::Problem)
        );
        assert_eq!(shape(r#"{"error": "x"}"#), Some(EnvelopeKind::Flat));
        assert_eq!(
            shape(r#"{"error": {"message": "m", "timestamp": "t"}}"#),
            Some(EnvelopeKind::Rich)
        );
        assert_eq!(
            shape(r#"{"error": {"message": "m", "code": "c"}}"#),
            Some(EnvelopeKind::Nested)
        );
        assert_eq!(shape(r#"{"error": 3}"#), None);
        assert_eq!(shape(r#"{"error": null, "title": "t"}"#), None);
        assert_eq!(shape("[1]"), None);
        assert_eq!(shape(r#"{"message": "m"}"#), None);
    }

    #[test]
    fn wrong_types_name_the_member() {
        let error = decode_str(
            EnvelopeKind::Nested,
            r#"{"error": {"code": 7, "message": "m"}}"#,
        )
        .unwrap_err();
        assert_eq!(error, "member `error.code` is a number, expected a string");
        let error =
            decode_str(EnvelopeKind::Flat, r#"{"error": "m", "details": ["a", 1]}"#).unwrap_err();
        assert_eq!(error, "member `details[1]` is a number, expected a string");
        let error = decode_str(
            EnvelopeKind::Problem,
            r#"{"title": "t", "errors": [{"field": "f"}]}"#,
        )
        .unwrap_err();
        assert_eq!(error, "missing member `errors[0].message`");
        let error = decode_str(
            EnvelopeKind::Nested,
            r#"{"error": {"message": "m", "fields": {"b": ["x", 2], "a": "y"}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            error,
            "member `error.fields.a` is a string, expected an array of strings"
        );
        let error =
            decode_str(EnvelopeKind::Flat, r#"{"error": "m", "retry_after": 1.5}"#).unwrap_err();
        assert_eq!(
            error,
            "member `retry_after` is not a whole number of seconds"
        );
    }

    #[test]
    fn members_of_other_envelopes_are_not_checked() {
        let received = decode_str(
            EnvelopeKind::Flat,
            r#"{"error": "m", "code": 7, "errors": 1, "detail": []}"#,
        )
        .unwrap();
        assert_eq!(received.message, "m");
        assert_eq!(received.code, None);
    }

    #[test]
    fn nested_fields_keep_their_order() {
        let received = decode_str(
            EnvelopeKind::Nested,
            r#"{"error":{"code":"c","message":"m","fields":{"zeta":["z"],"alpha":["a","b"]}}}"#,
        )
        .unwrap();
        let fields = received.fields.unwrap();
        let names: Vec<_> = fields.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["zeta", "alpha"]);
        assert_eq!(fields.get("alpha").unwrap(), ["a", "b"]);
    }

    #[test]
    fn nested_fields_that_cannot_be_read_in_order_are_invalid() {
        for (body, reason) in [
            (
                r#"{"error":{"message":"m","fields":{"a":["1"]},"fields":{"b":["2"]}}}"#,
                "duplicate field `fields`",
            ),
            (
                r#"{"error":{"message":"m"},"error":{"message":"m","fields":{"b":["2"]}}}"#,
                "duplicate field `error`",
            ),
            (
                r#"{"error":{"message":"m","fields":{"a":[1],"a":["2"]}}}"#,
                "`a` is not a list of strings",
            ),
        ] {
            assert_eq!(
                decode_str(EnvelopeKind::Nested, body).unwrap_err(),
                format!("member `error.fields` cannot be read: {reason}"),
                "{body}"
            );
        }
        let repeated = r#"{"error":{"message":"m","fields":{"a":["1"],"a":["2"]}}}"#;
        let fields = decode_str(EnvelopeKind::Nested, repeated)
            .unwrap()
            .fields
            .unwrap();
        assert_eq!(fields.get("a").unwrap(), ["1", "2"]);
        let repeated_null = r#"{"error":{"message":"m","fields":null,"fields":[]}}"#;
        assert!(decode_str(EnvelopeKind::Nested, repeated_null).is_ok());
    }

    #[test]
    fn problem_members_named_like_flat_members_are_kept() {
        let body = r#"{"title": "t", "details": {"a": 1}, "retry_after": "soon", "limit": 3}"#;
        let mut received = decode_str(EnvelopeKind::Problem, body).unwrap();
        assert_eq!(
            received.take_member("details"),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(
            received.take_member("retry_after"),
            Some(serde_json::json!("soon"))
        );
        assert_eq!(received.take_member("limit"), Some(serde_json::json!(3)));
        assert_eq!(received.take_member("limit"), None);
    }

    #[test]
    fn raw_details_are_the_details_as_received() {
        let rich = br#"{"error":{"message":"m","timestamp":"t","details":{"errors":[],"x":1}}}"#;
        assert_eq!(
            raw_details(EnvelopeKind::Rich, rich),
            Some(serde_json::json!({"errors": [], "x": 1}))
        );
        let problem = br#"{"title":"t","status":400,"x":1}"#;
        assert_eq!(
            raw_details(EnvelopeKind::Problem, problem),
            Some(serde_json::json!({"x": 1}))
        );
        assert_eq!(
            raw_details(EnvelopeKind::Problem, br#"{"title":"t"}"#),
            None
        );
        assert_eq!(
            raw_details(EnvelopeKind::Flat, br#"{"error":"m","details":["a"]}"#),
            Some(serde_json::json!(["a"]))
        );
        assert_eq!(
            raw_details(EnvelopeKind::Flat, br#"{"error":"m","details":null}"#),
            None
        );
    }
}
