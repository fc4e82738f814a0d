//! Typed `#[api(...)]`, `#[source]` and `#[from]` attributes; rejects unknown
//! and duplicate keys while parsing.

use proc_macro2::Span;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, Lit, LitStr, Token};

use crate::errors::Errors;
use crate::fmt::Template;

/// Keys accepted on a variant, or on a struct.
const CODE_KEYS: &[&str] = &["code", "status", "message", "public_message", "retryable"];
/// Keys accepted on a field.
const FIELD_KEYS: &[&str] = &["detail", "header", "sensitive", "fields", "source", "from"];

/// `#[api(code = "...", status = 429, retryable, message = "...", public_message = "...")]`.
#[derive(Default)]
pub(crate) struct CodeAttrs {
    /// The first `#[api]` attribute, where "missing key" errors point.
    pub(crate) attr: Option<proc_macro2::TokenStream>,
    pub(crate) code: Option<LitStr>,
    pub(crate) status: Option<Status>,
    pub(crate) retryable: Option<bool>,
    pub(crate) message: Option<Template>,
    pub(crate) public_message: Option<Template>,
    /// Every known key written, valid or not, so that a key with a bad value
    /// is not also reported as missing.
    pub(crate) seen: Vec<String>,
}

/// A `status = 429` key, already checked to be an integer.
pub(crate) struct Status {
    pub(crate) value: u16,
    pub(crate) lit: syn::LitInt,
}

/// The attributes of one field.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    /// `detail` (the member is named like the field) or `detail = "member"`.
    pub(crate) detail: Option<Detail>,
    pub(crate) header: Option<LitStr>,
    pub(crate) sensitive: Option<Span>,
    pub(crate) fields: Option<Span>,
    /// `#[source]`, `#[api(source)]`, or implied by `#[from]`.
    pub(crate) source: Option<Span>,
    pub(crate) from: Option<Span>,
}

/// A `detail` key.
pub(crate) struct Detail {
    pub(crate) span: Span,
    pub(crate) name: Option<LitStr>,
}

/// Parses the attributes of a variant or of a struct.
pub(crate) fn code_attrs(attrs: &[Attribute], errors: &mut Errors) -> CodeAttrs {
    let mut out = CodeAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("api") {
            out.attr.get_or_insert_with(|| attr.to_token_stream());
            let result = attr.parse_nested_meta(|meta| {
                let Some(key) = key_of(&meta) else {
                    return Err(meta.error("expected a key such as `code`, `status` or `message`"));
                };
                let name = key.to_string();
                if CODE_KEYS.contains(&name.as_str()) {
                    out.seen.push(name.clone());
                }
                match name.as_str() {
                    "code" => {
                        if let Some(lit) = recover(errors, lit_str(&meta))? {
                            set(errors, &key, &mut out.code, lit);
                        }
                    }
                    "status" => {
                        if let Some(status) = recover(errors, status(&meta))? {
                            set(errors, &key, &mut out.status, status);
                        }
                    }
                    "retryable" => {
                        if let Some(value) = recover(errors, flag(&meta))? {
                            set(errors, &key, &mut out.retryable, value);
                        }
                    }
                    "message" | "public_message" => {
                        let Some(lit) = recover(errors, lit_str(&meta))? else {
                            return Ok(());
                        };
                        let slot = if name == "message" {
                            &mut out.message
                        } else {
                            &mut out.public_message
                        };
                        match Template::parse(&name, &lit) {
                            Ok(template) => set(errors, &key, slot, template),
                            Err(error) => errors.push(error),
                        }
                    }
                    _ => {
                        let suggestion =
                            unknown_key(errors, &meta, &key, CODE_KEYS, FIELD_KEYS, "a field")?;
                        out.seen.extend(suggestion.map(str::to_owned));
                    }
                }
                Ok(())
            });
            if let Err(error) = result {
                errors.push(error);
            }
        } else if attr.path().is_ident("source") || attr.path().is_ident("from") {
            errors.spanned(
                attr,
                format!(
                    "`#[{}]` goes on a field, not on a variant or type: move it to the field that holds the cause",
                    attr.path().get_ident().map_or_else(String::new, Ident::to_string)
                ),
            );
        }
    }
    out
}

/// Parses the attributes of a field.
pub(crate) fn field_attrs(attrs: &[Attribute], errors: &mut Errors) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        let path = attr.path();
        if path.is_ident("source") || path.is_ident("from") {
            let key = path
                .get_ident()
                .cloned()
                .unwrap_or_else(|| Ident::new("source", Span::call_site()));
            if let Err(error) = attr.meta.require_path_only() {
                errors.push(syn::Error::new(
                    error.span(),
                    format!("`#[{key}]` takes no arguments: write `#[{key}]`"),
                ));
            }
            let slot = if key == "from" {
                &mut out.from
            } else {
                &mut out.source
            };
            set(errors, &key, slot, key.span());
        } else if path.is_ident("api") {
            let result = attr.parse_nested_meta(|meta| {
                let Some(key) = key_of(&meta) else {
                    return Err(
                        meta.error("expected a key such as `detail`, `header` or `sensitive`")
                    );
                };
                match key.to_string().as_str() {
                    "detail" => {
                        let name = if meta.input.peek(Token![=]) {
                            let Some(lit) = recover(errors, lit_str(&meta))? else {
                                return Ok(());
                            };
                            Some(lit)
                        } else {
                            None
                        };
                        let detail = Detail {
                            span: key.span(),
                            name,
                        };
                        set(errors, &key, &mut out.detail, detail);
                    }
                    "header" => {
                        if let Some(lit) = recover(errors, lit_str(&meta))? {
                            set(errors, &key, &mut out.header, lit);
                        }
                    }
                    "sensitive" => set_flag(errors, &meta, &key, &mut out.sensitive)?,
                    "fields" => set_flag(errors, &meta, &key, &mut out.fields)?,
                    "source" => set_flag(errors, &meta, &key, &mut out.source)?,
                    "from" => set_flag(errors, &meta, &key, &mut out.from)?,
                    _ => {
                        unknown_key(
                            errors,
                            &meta,
                            &key,
                            FIELD_KEYS,
                            CODE_KEYS,
                            "a variant or a struct",
                        )?;
                    }
                }
                Ok(())
            });
            if let Err(error) = result {
                errors.push(error);
            }
        }
    }
    out
}

/// Rejects every `#[api]`, `#[source]` and `#[from]` on an enum itself.
pub(crate) fn reject_on_enum(attrs: &[Attribute], errors: &mut Errors) {
    for attr in attrs {
        let path = attr.path();
        if path.is_ident("api") {
            errors.spanned(
                attr,
                "`#[api(...)]` goes on each variant of an enum, not on the enum: move it to the variants",
            );
        } else if path.is_ident("source") || path.is_ident("from") {
            errors.spanned(
                attr,
                "`#[source]` and `#[from]` go on a field of a variant, not on the enum",
            );
        }
    }
}

/// The key of one nested meta item, if it is a plain identifier.
fn key_of(meta: &ParseNestedMeta<'_>) -> Option<Ident> {
    meta.path.get_ident().cloned()
}

/// Stores `value` in `slot`, or records a duplicate-key error.
fn set<T>(errors: &mut Errors, key: &Ident, slot: &mut Option<T>, value: T) {
    if slot.is_some() {
        errors.spanned(
            key,
            format!("duplicate `{key}`: keep one `{key}` and remove the others"),
        );
    } else {
        *slot = Some(value);
    }
}

/// A key without a value, such as `sensitive`.
fn set_flag(
    errors: &mut Errors,
    meta: &ParseNestedMeta<'_>,
    key: &Ident,
    slot: &mut Option<Span>,
) -> syn::Result<()> {
    if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        return Err(meta.error(format!("`{key}` takes no value: write `{key}` alone")));
    }
    set(errors, key, slot, key.span());
    Ok(())
}

/// `retryable` or `retryable = true` / `retryable = false`.
fn flag(meta: &ParseNestedMeta<'_>) -> syn::Result<Value<bool>> {
    if meta.input.peek(Token![=]) {
        match meta.value()?.parse::<syn::Expr>()? {
            syn::Expr::Lit(syn::ExprLit {
                lit: Lit::Bool(b), ..
            }) => Ok(Value::Ok(b.value)),
            other => Ok(Value::Invalid(syn::Error::new_spanned(
                other,
                "`retryable` is a flag: write `retryable`, or `retryable = false`",
            ))),
        }
    } else {
        Ok(Value::Ok(true))
    }
}

/// `key = "string"`.
fn lit_str(meta: &ParseNestedMeta<'_>) -> syn::Result<Value<LitStr>> {
    let key = meta
        .path
        .get_ident()
        .map_or_else(String::new, Ident::to_string);
    if !meta.input.peek(Token![=]) {
        return Err(meta.error(format!("`{key}` needs a value: write `{key} = \"...\"`")));
    }
    match meta.value()?.parse::<syn::Expr>()? {
        syn::Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) => Ok(Value::Ok(lit)),
        other => Ok(Value::Invalid(syn::Error::new_spanned(
            other,
            format!("`{key}` must be a string literal: write `{key} = \"...\"`"),
        ))),
    }
}

/// `status = 429`.
fn status(meta: &ParseNestedMeta<'_>) -> syn::Result<Value<Status>> {
    if !meta.input.peek(Token![=]) {
        return Err(meta.error("`status` needs a value: write `status = 404`"));
    }
    let expr = meta.value()?.parse::<syn::Expr>()?;
    let lit = match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: Lit::Int(lit), ..
        }) => lit,
        other => {
            let hint = match &other {
                syn::Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(s), ..
                }) if s.value().parse::<u16>().is_ok() => {
                    format!("write `status = {}`", s.value())
                }
                _ => "write a number from 400 to 599, as in `status = 404`".to_owned(),
            };
            return Ok(Value::Invalid(syn::Error::new_spanned(
                other,
                format!("`status` must be a number: {hint}"),
            )));
        }
    };
    match lit.base10_parse::<u16>() {
        Ok(value) if (400..=599).contains(&value) && lit.suffix().is_empty() => {
            Ok(Value::Ok(Status { value, lit }))
        }
        _ => Ok(Value::Invalid(syn::Error::new_spanned(
            &lit,
            format!(
                "`status` {} is not an HTTP error status: use a number from 400 to 599",
                lit.base10_digits()
            ),
        ))),
    }
}

/// Records an unknown key, suggesting the closest known one, and skips its
/// value; returns the suggestion.
fn unknown_key(
    errors: &mut Errors,
    meta: &ParseNestedMeta<'_>,
    key: &Ident,
    known: &[&'static str],
    elsewhere: &[&str],
    elsewhere_place: &str,
) -> syn::Result<Option<&'static str>> {
    let name = key.to_string();
    let suggestion = closest(&name, known);
    let message = if elsewhere.contains(&name.as_str()) {
        format!("`{name}` goes on {elsewhere_place}, not here: move it")
    } else {
        let expected = known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        match suggestion {
            Some(best) => {
                format!("unknown key `{name}`: did you mean `{best}`? expected one of {expected}")
            }
            None => format!("unknown key `{name}`: expected one of {expected}"),
        }
    };
    errors.spanned(key, message);
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|nested| {
            if nested.input.peek(Token![=]) {
                nested.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        })?;
    }
    Ok(suggestion)
}

/// The known key closest to `name`, if one is close enough to be a typo.
fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// A value that was consumed from the input: valid, or wrong in a way that
/// lets parsing go on with the next key.
enum Value<T> {
    Ok(T),
    Invalid(syn::Error),
}

/// Records an invalid value and carries on; a syntax error stops the attribute.
fn recover<T>(errors: &mut Errors, value: syn::Result<Value<T>>) -> syn::Result<Option<T>> {
    match value? {
        Value::Ok(value) => Ok(Some(value)),
        Value::Invalid(error) => {
            errors.push(error);
            Ok(None)
        }
    }
}
