//! The message-only-value lint, after Google's AIP-193: every value a
//! message shows also travels in a machine-readable member, so that clients
//! never parse messages.
//!
//! A param used as a placeholder in `message` or `public_message` needs a
//! `detail` member or a `header`. Exceptions are declared in `_catalog.yaml`
//! under `usage.message_only`, as `code.param: reason`: keeping them out of
//! the catalog files keeps the domain files about the wire, and lists every
//! exception, with its reason, in one place for review.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::config::UsageConfig;
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Loaded;
use crate::model::Span;

use super::{ConfigSource, add_source, stale};

/// Adds a warning per message-only value, and per stale exemption;
/// `config_span` locates an exemption key in `_catalog.yaml`.
pub(super) fn check<'a>(
    loaded: &Loaded,
    config: &UsageConfig,
    items: &mut Vec<Diagnostic>,
    sources: &mut BTreeMap<Arc<Path>, Arc<str>>,
    config_span: impl Fn(&str) -> (Option<Span>, Option<ConfigSource<'a>>),
) {
    let mut exemptions_used = BTreeMap::new();
    for code in loaded.catalog.codes() {
        if code.retired.is_some() {
            continue;
        }
        let placeholders = code.message.placeholders.iter().chain(
            code.public_message
                .iter()
                .flat_map(|template| &template.placeholders),
        );
        let mut reported = Vec::new();
        for placeholder in placeholders {
            let Some(param) = code.param(&placeholder.value) else {
                continue;
            };
            if param.detail.is_some() || param.header.is_some() {
                continue;
            }
            let key = format!("{}.{}", code.id.value, param.name.value);
            if config.message_only.contains_key(&key) {
                exemptions_used.insert(key, ());
                continue;
            }
            if reported.contains(&key) {
                continue;
            }
            add_source(sources, loaded, &placeholder.span);
            items.push(
                Diagnostic::new(
                    Rule::MessageOnlyValue,
                    format!(
                        "the value of `{}` appears in the message of `{}` but in no details member or header",
                        param.name.value, code.id.value
                    ),
                )
                .at(&placeholder.span, "only in the message")
                .note("clients should never have to parse a message to get a value (AIP-193)")
                .help(format!(
                    "add `detail: {}` to the param, or exempt `{key}` in `usage.message_only` of `_catalog.yaml` with the reason",
                    param.name.value
                )),
            );
            reported.push(key);
        }
    }
    for key in config.message_only.keys() {
        if exemptions_used.contains_key(key) {
            continue;
        }
        let (code_id, param_name) = key.split_once('.').unwrap_or((key, ""));
        let problem = match loaded.catalog.find_code(code_id) {
            None => format!("`usage.message_only.{key}` names no code of the catalog"),
            Some(code) => match code.param(param_name) {
                None => {
                    format!("`usage.message_only.{key}`: `{code_id}` has no param `{param_name}`")
                }
                Some(param) if param.detail.is_some() || param.header.is_some() => format!(
                    "`usage.message_only.{key}` exempts a param that has a details member or header"
                ),
                Some(_) => {
                    format!("`usage.message_only.{key}` exempts a param that no message shows")
                }
            },
        };
        let (at, source) = config_span(key);
        items.push(stale(problem, at, source, sources));
    }
}
