//! Turns a file's YAML tree into model entries, checking each value on its own.
//!
//! Keys are checked here (unknown keys get a "did you mean"), as are types and
//! single-value rules: name case, Rust keywords, the status range, template
//! syntax, param types and header names. Rules that relate several entries
//! live in [`crate::validate`].
//!
//! An entry whose own values have errors (a missing or mistyped value, a
//! template that does not parse) is left out of the catalog so that later
//! checks do not report consequences of the same mistake; its id is kept in
//! [`Parsed::partial_ids`] so that it still counts as taken.
//!
//! This module holds the walk over mappings (known keys, required keys);
//! `entities` turns mappings into domains, codes, params and examples,
//! `scalars` converts single values, and `locator` maps positions inside a
//! string value back to the source.

use std::path::Path;
use std::sync::Arc;

mod entities;
mod locator;
mod scalars;

use crate::ctxt::Ctxt;
use crate::diagnostic::{Diagnostic, Fix, Rule};
use crate::model::{Code, Domain, Span, Spanned};
use crate::span::EntrySlot;
use crate::suggest;
use crate::text::shown;
use crate::yaml::{Kind, Node};

/// The keys of a domain file.
pub const DOMAIN_KEYS: &[&str] = &["domain", "description", "rust_name", "codes"];
/// The keys of a code.
pub const CODE_KEYS: &[&str] = &[
    "id",
    "status",
    "message",
    "public_message",
    "description",
    "resolution",
    "retryable",
    "since",
    "aliases",
    "deprecated",
    "retired",
    "fields",
    "params",
    "examples",
];
/// The keys of a param.
pub const PARAM_KEYS: &[&str] = &[
    "name",
    "type",
    "description",
    "example",
    "optional",
    "sensitive",
    "detail",
    "header",
];
/// The keys of an example.
pub const EXAMPLE_KEYS: &[&str] = &["name", "description", "params", "fields"];
/// The keys of `deprecated`.
pub const DEPRECATED_KEYS: &[&str] = &["replacement", "note"];
/// The keys of `retired`.
pub const RETIRED_KEYS: &[&str] = &["since", "note"];

/// What one file contributed.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// The domain, when its own values are valid.
    pub domain: Option<Domain>,
    /// Ids of codes left out because of errors in their values.
    pub partial_ids: Vec<Spanned<String>>,
    /// Valid codes of a domain left out because of errors in the domain's
    /// own values: checked on their own, but not part of the catalog.
    pub orphans: Vec<Code>,
}

/// Parses one file's tree.
pub(crate) fn parse_file(cx: &mut Ctxt, file: &Arc<Path>, text: &str, root: &Node) -> Parsed {
    let mut parser = Parser {
        cx,
        file,
        text,
        ids: ids_in(root),
        value_errors: 0,
        partial_ids: Vec::new(),
        orphans: Vec::new(),
    };
    let domain = parser.domain(root);
    Parsed {
        domain,
        partial_ids: parser.partial_ids,
        orphans: parser.orphans,
    }
}

/// The state of parsing one file.
struct Parser<'a> {
    cx: &'a mut Ctxt,
    file: &'a Arc<Path>,
    text: &'a str,
    /// Every code id written in the file, so that a fix does not rename a
    /// code to the id of another.
    ids: Vec<&'a str>,
    /// Errors that left a value unknown; entries compare it before and after.
    value_errors: usize,
    partial_ids: Vec<Spanned<String>>,
    orphans: Vec<Code>,
}

/// The string ids of the file's codes (`codes[*].id`), as written.
fn ids_in(root: &Node) -> Vec<&str> {
    let Kind::Map(entries) = &root.kind else {
        return Vec::new();
    };
    let codes = entries
        .iter()
        .filter(|(key, _)| key.kind == Kind::Str("codes".to_owned()))
        .filter_map(|(_, value)| match &value.kind {
            Kind::Seq(items) => Some(items),
            _ => None,
        })
        .flatten();
    codes
        .filter_map(|code| match &code.kind {
            Kind::Map(entries) => {
                entries
                    .iter()
                    .find_map(|(key, value)| match (&key.kind, &value.kind) {
                        (Kind::Str(key), Kind::Str(id)) if key == "id" => Some(id.as_str()),
                        _ => None,
                    })
            }
            _ => None,
        })
        .collect()
}

/// The entries of a mapping whose keys were checked.
struct Entries<'n> {
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
    /// Known keys that an unknown key of the mapping is a misspelling of:
    /// they are reported once, as the misspelling, not also as missing.
    misspelt: Vec<&'static str>,
    /// Where a missing key can be added, for fixes.
    slot: Option<EntrySlot>,
    /// The span of the mapping, for problems of the mapping as a whole.
    span: &'n Span,
}

impl<'n> Entries<'n> {
    /// The key node and value of `key`.
    fn get(&self, key: &str) -> Option<(&'n Node, &'n Node)> {
        self.entries
            .iter()
            .find(|(name, _, _)| *name == key)
            .map(|(_, key, value)| (*key, *value))
    }

    /// The value of `key`, unless absent or `null`.
    fn value(&self, key: &str) -> Option<&'n Node> {
        self.get(key)
            .map(|(_, value)| value)
            .filter(|value| value.kind != Kind::Null)
    }
}

impl Parser<'_> {
    /// Reports a problem that leaves a value unknown.
    fn error(&mut self, diagnostic: Diagnostic) {
        self.value_errors += 1;
        self.cx.push(diagnostic);
    }

    /// Reports a problem that does not change any value.
    fn report(&mut self, diagnostic: Diagnostic) {
        self.cx.push(diagnostic);
    }

    /// Checks the keys of a mapping against `keys`.
    ///
    /// An unknown key that is a likely misspelling of a known key the
    /// mapping lacks gets a fix that renames it.
    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        keys: &[&'static str],
    ) -> Option<Entries<'n>> {
        let entries = self.entries(node, what)?;
        let mut misspelt = Vec::new();
        for (key, key_node, _) in &entries {
            if keys.contains(key) || self.cx.is_full() {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                Rule::UnknownKey,
                format!("unknown key `{}` in {what}", shown(key)),
            )
            .at(&key_node.span, "unknown key")
            .help(suggest::help_for(key, keys, "expected one of"));
            let meant = suggest::did_you_mean(key, keys.iter().copied());
            if let Some(meant) = meant.filter(|meant| {
                !misspelt.contains(meant) && entries.iter().all(|(name, _, _)| name != meant)
            }) {
                misspelt.push(meant);
                diagnostic = diagnostic.fix(Fix::replace(&key_node.span, meant));
            }
            self.report(diagnostic);
        }
        let first_key = entries.first().map(|(_, key, _)| &key.span);
        Some(Entries {
            slot: EntrySlot::new(self.text, &node.span, first_key),
            entries,
            misspelt,
            span: &node.span,
        })
    }

    /// The entries of a mapping whose keys are strings; reports other keys.
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
    ) -> Option<Vec<(&'n str, &'n Node, &'n Node)>> {
        let Kind::Map(entries) = &node.kind else {
            self.error(
                Diagnostic::new(
                    Rule::WrongType,
                    format!("{what} must be a mapping, found {}", node.kind.describe()),
                )
                .at(&node.span, "expected a mapping")
                .help("write `key: value` lines, indented under their parent"),
            );
            return None;
        };
        let mut out = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            match &key.kind {
                Kind::Str(name) => out.push((name.as_str(), key, value)),
                other => self.error(
                    Diagnostic::new(
                        Rule::WrongType,
                        format!("keys in {what} must be strings, found {}", other.describe()),
                    )
                    .at(&key.span, "expected a string key"),
                ),
            }
        }
        Some(out)
    }

    /// The value of a required key, reporting it when missing.
    fn required<'n>(
        &mut self,
        map: &Entries<'n>,
        key: &str,
        what: &str,
        example: &str,
    ) -> Option<&'n Node> {
        match map.get(key) {
            Some((_, value)) if value.kind != Kind::Null => Some(value),
            Some((key_node, _)) => {
                self.error(
                    Diagnostic::new(Rule::MissingKey, format!("`{key}` has no value"))
                        .at(&key_node.span, "expected a value")
                        .help(format!("give {what} a value, such as `{example}`")),
                );
                None
            }
            None => {
                self.missing(map, key, what, example);
                None
            }
        }
    }

    /// Reports a missing required key, unless an unknown key of the mapping
    /// misspells it: that key's diagnostic already says what to write.
    fn missing(&mut self, map: &Entries<'_>, key: &str, what: &str, example: &str) {
        if map.misspelt.contains(&key) {
            self.value_errors += 1;
            return;
        }
        let mut diagnostic = missing(map, key, what, example);
        // The example id may be taken by a code of the file.
        if key == "id" && self.ids.iter().any(|id| example == format!("id: {id}")) {
            diagnostic.drop_fix();
        }
        self.error(diagnostic);
    }
}

/// A missing required key, pointed at the mapping that lacks it; `example`
/// is the entry to add, such as `status: 429`.
fn missing(map: &Entries<'_>, key: &str, what: &str, example: &str) -> Diagnostic {
    let span = map
        .entries
        .first()
        .map_or(map.span, |(_, key, _)| &key.span);
    let diagnostic = Diagnostic::new(Rule::MissingKey, format!("missing key `{key}` in {what}"))
        .at(span, format!("{what} starts here"))
        .help(format!("add `{example}`"));
    match &map.slot {
        Some(slot) => diagnostic.fix(Fix::add_entries(slot, &[example])),
        None => diagnostic,
    }
}

/// A value of the wrong YAML type.
fn wrong_type(key: &str, expected: &str, found: &Kind, span: &Span) -> Diagnostic {
    Diagnostic::new(
        Rule::WrongType,
        format!(
            "`{}` must be {expected}, found {}",
            shown(key),
            found.describe()
        ),
    )
    .at(span, format!("expected {expected}"))
}
