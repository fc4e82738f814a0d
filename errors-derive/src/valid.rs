//! Checks that need more than one attribute at a time. Single values (a
//! status's range, a template's braces) are checked while parsing.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use syn::LitStr;

use crate::ast::{Code, Field, Input};
use crate::errors::Errors;
use crate::fmt::Template;

/// Headers that only make sense on some statuses, and those statuses.
///
/// The catalog checker's `codegen::http_facts::HEADER_STATUSES` holds the same
/// rules; this crate cannot depend on it (codegen depends on errors-core,
/// which depends on this crate), so a test keeps the two equal.
const STATUS_HEADERS: &[(&str, &[u16])] = &[
    ("retry-after", &[413, 429, 503]),
    ("x-ratelimit-limit", &[429]),
    ("x-ratelimit-remaining", &[429]),
    ("x-ratelimit-reset", &[429]),
    ("www-authenticate", &[401]),
];

/// Runs every check on `input`.
pub(crate) fn check(input: &Input<'_>, errors: &mut Errors) {
    let codes = input.codes();
    for code in &codes {
        check_required(code, errors);
        check_code_case(code, errors);
        check_placeholders(code, errors);
        check_public_exposure(code, errors);
        check_unused_positional(code, errors);
        check_headers(code, errors);
        check_details(code, errors);
        check_special_fields(code, errors);
    }
    check_duplicate_codes(&codes, errors);
}

/// Every code needs a code, a status and a message: envelopes render all three.
fn check_required(code: &Code<'_, '_>, errors: &mut Errors) {
    let attrs = code.attrs;
    let Some(attr) = &attrs.attr else {
        let what = code
            .variant
            .map_or_else(|| "this struct".to_owned(), |v| format!("variant `{v}`"));
        errors.spanned(
            &code.span_tokens,
            format!(
                "missing `#[api(...)]` on {what}: add `#[api(code = \"...\", status = ..., message = \"...\")]`"
            ),
        );
        return;
    };
    let missing = |key: &str| !attrs.seen.iter().any(|seen| seen == key);
    if missing("code") {
        errors.spanned(
            attr,
            "missing `code`: add `code = \"snake_case_id\"` to `#[api(...)]`",
        );
    }
    if missing("status") {
        errors.spanned(
            attr,
            "missing `status`: add `status = 400` (or another 4xx/5xx status) to `#[api(...)]`",
        );
    }
    if missing("message") {
        errors.spanned(
            attr,
            "missing `message`: add `message = \"...\"` to `#[api(...)]`",
        );
    }
}

/// Codes are snake_case ids that clients branch on, the same rule as the catalog's.
fn check_code_case(code: &Code<'_, '_>, errors: &mut Errors) {
    let Some(lit) = &code.attrs.code else { return };
    let value = lit.value();
    if !is_snake_case(&value) {
        let suggestion = value.to_snake_case();
        let hint = if is_snake_case(&suggestion) {
            format!("write `code = \"{suggestion}\"`")
        } else {
            "use lowercase words joined by `_`, as in `\"rate_limit_exceeded\"`".to_owned()
        };
        errors.spanned(lit, format!("`code` must be snake_case: {hint}"));
    }
}

/// A placeholder must name a field the template can show.
fn check_placeholders(code: &Code<'_, '_>, errors: &mut Errors) {
    for (key, template) in templates(code) {
        for name in template.placeholders() {
            match field_named(code.fields, name) {
                Some(field) if field.attrs.fields.is_some() => errors.spanned(
                    &template.lit,
                    format!(
                        "`{{{name}}}` in `{key}` is the field errors: envelopes render them separately, remove `{{{name}}}`"
                    ),
                ),
                Some(_) => {}
                None => {
                    let available = code
                        .fields
                        .iter()
                        .filter(|f| f.attrs.fields.is_none())
                        .map(|f| format!("`{{{}}}`", f.name))
                        .collect::<Vec<_>>();
                    let hint = if available.is_empty() {
                        format!("this error has no fields, write `{{{{{name}}}}}` for literal braces")
                    } else {
                        format!("available: {}", available.join(", "))
                    };
                    errors.spanned(&template.lit, format!("unknown placeholder `{{{name}}}` in `{key}`: {hint}"));
                }
            }
        }
    }
}

/// Sensitive values and source errors never reach the public audience, so
/// they cannot appear in `public_message`, and a `message` that shows them
/// needs a `public_message` to show instead.
fn check_public_exposure(code: &Code<'_, '_>, errors: &mut Errors) {
    let hidden = |field: &Field<'_>| {
        if field.attrs.sensitive.is_some() {
            Some("sensitive field")
        } else if field.is_source() {
            Some("source field")
        } else {
            None
        }
    };
    let attrs = code.attrs;
    if let Some(public) = &attrs.public_message {
        for name in public.placeholders() {
            if let Some(what) = field_named(code.fields, name).and_then(hidden) {
                errors.spanned(
                    &public.lit,
                    format!(
                        "`public_message` shows {what} `{name}`, which the public must never see: remove `{{{name}}}` from `public_message`"
                    ),
                );
            }
        }
    } else if let Some(message) = &attrs.message {
        for name in message.placeholders() {
            if let Some(what) = field_named(code.fields, name).and_then(hidden) {
                errors.spanned(
                    &message.lit,
                    format!(
                        "`message` shows {what} `{name}` and there is no `public_message`: add `public_message = \"...\"` for the public audience"
                    ),
                );
            }
        }
    }
}

/// A tuple field has no name to go on the wire by, so one that is in no
/// template and no header or detail is surely forgotten. (A named field in no
/// template is still a param that visitors see, as in the catalog.)
fn check_unused_positional(code: &Code<'_, '_>, errors: &mut Errors) {
    let used: Vec<&str> = templates(code)
        .flat_map(|(_, t)| t.placeholders())
        .collect();
    for field in code.fields {
        let attrs = &field.attrs;
        if field.is_positional()
            && field.is_param()
            && attrs.detail.is_none()
            && attrs.header.is_none()
            && !used.contains(&field.name.as_str())
        {
            errors.spanned(
                &field.original.ty,
                format!(
                    "field `{0}` is not used: show it with `{{{0}}}` in `message`, or mark it `#[api(detail = \"...\")]`, `#[api(header = \"...\")]`, `#[source]` or `#[api(fields)]`",
                    field.name
                ),
            );
        }
    }
}

/// Headers with a fixed meaning only go with the statuses that define them
/// (`Retry-After` on 413, 429 and 503, ...); any other name must be a valid
/// HTTP token, and one code sends each header at most once.
fn check_headers(code: &Code<'_, '_>, errors: &mut Errors) {
    let mut seen: BTreeMap<String, &LitStr> = BTreeMap::new();
    for field in code.fields {
        let Some(lit) = &field.attrs.header else {
            continue;
        };
        let name = lit.value();
        let lower = name.to_ascii_lowercase();
        if !is_http_token(&name) {
            errors.spanned(
                lit,
                format!("`{name}` is not a valid header name: use letters, digits and `-`, as in `\"X-Quota-Name\"`"),
            );
            continue;
        }
        if seen.insert(lower.clone(), lit).is_some() {
            errors.spanned(
                lit,
                format!("duplicate header `{name}`: send it from one field only"),
            );
        }
        let Some(status) = &code.attrs.status else {
            continue;
        };
        if let Some((_, statuses)) = STATUS_HEADERS.iter().find(|(h, _)| *h == lower)
            && !statuses.contains(&status.value)
        {
            let allowed = statuses.iter().map(u16::to_string).collect::<Vec<_>>();
            let allowed = match allowed.as_slice() {
                [one] => one.clone(),
                [init @ .., last] => format!("{} or {last}", init.join(", ")),
                [] => String::new(),
            };
            errors.spanned(
                lit,
                format!(
                    "header `{name}` is only sent with status {allowed}, not {}: remove the header or change `status`",
                    status.value
                ),
            );
        }
    }
}

/// A detail member needs a name, and names are unique within one code.
fn check_details(code: &Code<'_, '_>, errors: &mut Errors) {
    let mut seen: BTreeMap<String, ()> = BTreeMap::new();
    for field in code.fields {
        let Some(detail) = &field.attrs.detail else {
            continue;
        };
        let name = match &detail.name {
            Some(lit) => lit.value(),
            None if field.is_positional() => {
                errors.at(
                    detail.span,
                    format!("`detail` on tuple field `{}` needs a member name: write `detail = \"name\"`", field.name),
                );
                continue;
            }
            None => field.name.clone(),
        };
        if name.is_empty() {
            errors.at(detail.span, "`detail` is empty: write `detail = \"name\"`, or `detail` alone to use the field's name");
        } else if seen.insert(name.clone(), ()).is_some() {
            errors.at(
                detail.span,
                format!("duplicate detail member `{name}`: give each detail its own name"),
            );
        }
    }
}

/// One source and one set of field errors per code, neither of which is a
/// param; `#[from]` builds the whole error from the source, so it must be the
/// only field.
fn check_special_fields(code: &Code<'_, '_>, errors: &mut Errors) {
    let sources: Vec<&Field<'_>> = code.fields.iter().filter(|f| f.is_source()).collect();
    for extra in sources.iter().skip(1) {
        let span = extra
            .attrs
            .source
            .or(extra.attrs.from)
            .unwrap_or_else(proc_macro2::Span::call_site);
        errors.at(
            span,
            format!(
                "more than one source: `{}` is already the source, keep `#[source]` on one field",
                sources[0].name
            ),
        );
    }
    let field_sets: Vec<&Field<'_>> = code
        .fields
        .iter()
        .filter(|f| f.attrs.fields.is_some())
        .collect();
    for extra in field_sets.iter().skip(1) {
        if let Some(span) = extra.attrs.fields {
            errors.at(
                span,
                "more than one `fields`: merge the field errors into one `FieldErrors`",
            );
        }
    }
    for field in code.fields {
        let attrs = &field.attrs;
        if let Some(span) = attrs.from
            && code.fields.len() > 1
        {
            errors.at(
                span,
                "`#[from]` builds the error from this field alone, but there are other fields: use `#[source]` instead",
            );
        }
        if let (Some(span), Some(_)) = (attrs.source, attrs.from) {
            errors.at(
                span,
                "`#[from]` already makes this field the source: remove `source`",
            );
        }
        let special = if field.is_source() {
            Some("the source")
        } else if attrs.fields.is_some() {
            Some("the field errors")
        } else {
            None
        };
        let Some(special) = special else { continue };
        if let Some(span) = attrs.fields
            && field.is_source()
        {
            errors.at(
                span,
                "a field cannot be both the source and the field errors: keep one",
            );
        }
        let wire = [
            ("detail", attrs.detail.as_ref().map(|d| d.span)),
            ("header", attrs.header.as_ref().map(LitStr::span)),
            ("sensitive", attrs.sensitive),
        ];
        for (key, span) in wire {
            if let Some(span) = span {
                errors.at(
                    span,
                    format!(
                        "`{key}` does not apply to {special}, which is not a param: remove `{key}`"
                    ),
                );
            }
        }
    }
}

/// Clients branch on codes, so two variants of one enum cannot share one.
fn check_duplicate_codes(codes: &[Code<'_, '_>], errors: &mut Errors) {
    let mut seen: BTreeMap<String, &syn::Ident> = BTreeMap::new();
    for code in codes {
        let (Some(lit), Some(variant)) = (&code.attrs.code, code.variant) else {
            continue;
        };
        match seen.get(&lit.value()) {
            Some(first) => errors.spanned(
                lit,
                format!("duplicate code `{}`: variant `{first}` already uses it, give each variant its own code", lit.value()),
            ),
            None => {
                seen.insert(lit.value(), variant);
            }
        }
    }
}

/// The templates of a code, with their key names.
fn templates<'c>(code: &'c Code<'_, '_>) -> impl Iterator<Item = (&'static str, &'c Template)> {
    [
        ("message", code.attrs.message.as_ref()),
        ("public_message", code.attrs.public_message.as_ref()),
    ]
    .into_iter()
    .filter_map(|(key, template)| template.map(|t| (key, t)))
}

/// The field a placeholder names.
pub(crate) fn field_named<'f, 'a>(fields: &'f [Field<'a>], name: &str) -> Option<&'f Field<'a>> {
    fields.iter().find(|f| f.name == name)
}

/// `rate_limit_exceeded`: lowercase ASCII words joined by single underscores.
///
/// The same rule as `codegen::naming::is_snake_case` (a test compares them).
fn is_snake_case(value: &str) -> bool {
    !value.is_empty()
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && !value.ends_with('_')
        && !value.contains("__")
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A header name: a non-empty RFC 9110 token.
///
/// The same rule as `codegen::http_facts::is_header_name` (a test compares them).
fn is_http_token(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    //! The derive keeps its own copies of facts the catalog checker defines;
    //! these tests fail when the copies disagree.

    use super::*;

    #[test]
    fn header_rules_agree_with_the_catalog_checker() {
        let ours: Vec<(String, Vec<u16>)> = STATUS_HEADERS
            .iter()
            .map(|(name, statuses)| ((*name).to_owned(), statuses.to_vec()))
            .collect();
        let catalog: Vec<(String, Vec<u16>)> = codegen::http_facts::HEADER_STATUSES
            .iter()
            .map(|rule| (rule.name.to_ascii_lowercase(), rule.statuses.to_vec()))
            .collect();
        assert_eq!(ours, catalog);
    }

    /// Every string of up to four characters drawn from one character of each
    /// class the rules distinguish.
    fn samples() -> Vec<String> {
        let alphabet = [
            'a', 'z', 'A', '0', '9', '_', '-', '.', ' ', '`', '(', '\u{e9}',
        ];
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|prefix| alphabet.iter().map(move |ch| format!("{prefix}{ch}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn name_rules_agree_with_the_catalog_checker() {
        for sample in samples() {
            assert_eq!(
                is_snake_case(&sample),
                codegen::naming::is_snake_case(&sample),
                "is_snake_case({sample:?})"
            );
            assert_eq!(
                is_http_token(&sample),
                codegen::http_facts::is_header_name(&sample),
                "is_http_token({sample:?})"
            );
        }
    }
}
