//! Scalar conversion: strings, statuses, versions, text, booleans, lists and
//! param values, each with a fix for the common wrong forms.

use super::{Parser, wrong_type};
use crate::diagnostic::{Diagnostic, Fix, Rule};
use crate::http_facts;
use crate::model::{Spanned, Value};
use crate::text::shown;
use crate::yaml::{Kind, Node};

impl Parser<'_> {
    /// An HTTP status: an integer, checked against the error range.
    pub(super) fn status(&mut self, node: &Node) -> Option<Spanned<u16>> {
        match &node.kind {
            Kind::Int(number) => {
                let status = u16::try_from(*number)
                    .ok()
                    .filter(|status| http_facts::STATUS_RANGE.contains(status));
                if status.is_none() {
                    self.report(
                        Diagnostic::new(
                            Rule::StatusRange,
                            format!("`status` {number} is not an HTTP error status"),
                        )
                        .at(&node.span, "expected 400-599")
                        .help(
                            "use a 4xx status for client errors and a 5xx status for server errors",
                        ),
                    );
                }
                Some(Spanned::new(
                    u16::try_from(*number).unwrap_or(0),
                    node.span.clone(),
                ))
            }
            Kind::Str(text) if text.trim().parse::<u16>().is_ok() => {
                self.error(
                    Diagnostic::new(
                        Rule::WrongType,
                        "`status` must be an integer, found a string",
                    )
                    .at(&node.span, "expected an integer")
                    .help(format!("remove the quotes: `status: {}`", text.trim()))
                    .fix(Fix::replace(&node.span, text.trim())),
                );
                None
            }
            other => {
                self.error(wrong_type("status", "an integer", other, &node.span));
                None
            }
        }
    }

    /// Converts a param or example value.
    pub(super) fn value(&mut self, key: &str, node: &Node) -> Option<Spanned<Value>> {
        let value = match &node.kind {
            Kind::Bool(flag) => Value::Bool(*flag),
            Kind::Int(number) => Value::Integer(*number),
            Kind::Float(number) => Value::Float(*number),
            Kind::Str(text) => Value::String(text.clone()),
            Kind::Seq(items) => {
                let values: Vec<_> = items
                    .iter()
                    .filter_map(|item| self.value(key, item))
                    .collect();
                if values.len() != items.len() {
                    return None;
                }
                Value::List(values.into_iter().map(|value| value.value).collect())
            }
            Kind::Null => {
                self.error(
                    Diagnostic::new(Rule::WrongType, format!("`{}` has no value", shown(key)))
                        .at(&node.span, "expected a value")
                        .help("give a value of the param's type; leave an optional param out instead of writing `null`"),
                );
                return None;
            }
            Kind::Map(_) => {
                self.error(
                    Diagnostic::new(
                        Rule::WrongType,
                        format!(
                            "`{}` must be a scalar or a list, found a mapping",
                            shown(key)
                        ),
                    )
                    .at(&node.span, "no param type takes a mapping")
                    .help("param values are strings, numbers, booleans or lists of strings"),
                );
                return None;
            }
        };
        Some(Spanned::new(value, node.span.clone()))
    }

    /// A string value; other scalars get a fix that quotes them.
    pub(super) fn string(&mut self, key: &str, node: &Node) -> Option<Spanned<String>> {
        if let Kind::Str(text) = &node.kind {
            return Some(Spanned::new(text.clone(), node.span.clone()));
        }
        let mut diagnostic = wrong_type(key, "a string", &node.kind, &node.span);
        // Quoting turns a number into text, which helps for text and versions;
        // names have their own rules, which a quoted number breaks anyway.
        let is_name = matches!(
            key,
            "domain" | "id" | "name" | "aliases" | "replacement" | "type" | "rust_name" | "header"
        );
        if !is_name && matches!(node.kind, Kind::Bool(_) | Kind::Int(_) | Kind::Float(_)) {
            let mut source = self
                .text
                .get(node.span.range())
                .unwrap_or_default()
                .to_owned();
            // A version written as a number (`1.0`) also needs all three parts.
            if key == "since" && matches!(node.kind, Kind::Int(_) | Kind::Float(_)) {
                while source.split('.').count() < 3 {
                    source.push_str(".0");
                }
            }
            diagnostic = diagnostic
                .help(format!(
                    "quote the value: `{}: \"{}\"`",
                    shown(key),
                    shown(&source)
                ))
                .fix(Fix::replace(&node.span, format!("\"{source}\"")));
        }
        self.error(diagnostic);
        None
    }

    /// A catalog version: a string that is a semantic version such as `1.2.0`.
    pub(super) fn version(&mut self, key: &str, node: &Node) -> Option<Spanned<String>> {
        let version = self.string(key, node)?;
        if let Err(error) = semver::Version::parse(&version) {
            self.error(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!("`{key}` `{}` is not a catalog version", shown(&version)),
                )
                .at(&version.span, error.to_string())
                .help(format!(
                    "write a semantic version such as `{key}: \"1.2.0\"`"
                )),
            );
            return None;
        }
        Some(version)
    }

    /// A required Markdown or plain text value: a non-empty string.
    pub(super) fn text_value(&mut self, key: &str, node: &Node) -> Option<String> {
        let text = self.string(key, node)?;
        if text.trim().is_empty() {
            self.error(
                Diagnostic::new(Rule::InvalidValue, format!("`{key}` is empty"))
                    .at(&node.span, "expected text")
                    .help(format!(
                        "write the {key}, or remove the key if it is optional"
                    )),
            );
            return None;
        }
        Some(text.value)
    }

    /// A boolean; YAML 1.1 words such as `yes` get a fix.
    pub(super) fn bool(&mut self, key: &str, node: &Node) -> Option<bool> {
        if let Kind::Bool(flag) = node.kind {
            return Some(flag);
        }
        let mut diagnostic = wrong_type(key, "a boolean", &node.kind, &node.span);
        if let Kind::Str(text) = &node.kind {
            let suggestion = match text.to_ascii_lowercase().as_str() {
                "yes" | "y" | "on" | "true" => Some("true"),
                "no" | "n" | "off" | "false" => Some("false"),
                _ => None,
            };
            if let Some(flag) = suggestion {
                diagnostic = diagnostic
                    .help(format!("write `{key}: {flag}`"))
                    .fix(Fix::replace(&node.span, flag));
            }
        }
        self.error(diagnostic);
        None
    }

    /// A list value.
    pub(super) fn list<'n>(&mut self, key: &str, node: &'n Node) -> Option<&'n [Node]> {
        if let Kind::Seq(items) = &node.kind {
            return Some(items);
        }
        self.error(
            wrong_type(key, "a list", &node.kind, &node.span).help(format!(
                "write the items as `- item` lines under `{}:` or as `[a, b]`",
                shown(key)
            )),
        );
        None
    }
}
