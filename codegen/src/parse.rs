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

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::ctxt::Ctxt;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{
    Code, CodeSpans, Deprecation, Domain, Example, ExampleValue, Param, ParamType, Retirement,
    Span, Spanned, Template, Value,
};
use crate::naming;
use crate::rules;
use crate::suggest;
use crate::template;
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
    /// Errors that left a value unknown; entries compare it before and after.
    value_errors: usize,
    partial_ids: Vec<Spanned<String>>,
    orphans: Vec<Code>,
}

/// The entries of a mapping whose keys were checked.
struct Entries<'n> {
    node: &'n Node,
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
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

    fn domain(&mut self, root: &Node) -> Option<Domain> {
        if root.kind == Kind::Null {
            let start = Span {
                file: Arc::clone(self.file),
                line: 1,
                column: 1,
                offset: 0,
                len: 0,
            };
            self.error(
                Diagnostic::new(Rule::MissingKey, "the file declares no domain")
                    .at(&start, "no YAML content")
                    .help("start the file with `domain: <name>`, `description:` and `codes:` (see catalog/README.md)"),
            );
            return None;
        }
        let map = self.mapping(root, "a domain file", DOMAIN_KEYS)?;
        let before = self.value_errors;
        let name = self
            .required(&map, "domain", "the domain file", "domain: rate_limiting")
            .and_then(|node| self.string("domain", node))
            .inspect(|name| self.check_name("domain", name, true));
        let description = self
            .required(
                &map,
                "description",
                "the domain file",
                "description: Errors returned when ...",
            )
            .and_then(|node| self.text_value("description", node));
        let rust_name = map.value("rust_name").and_then(|node| {
            let rust_name = self.string("rust_name", node)?;
            if !naming::is_upper_camel_case(&rust_name) {
                self.report(
                    Diagnostic::new(
                        Rule::InvalidName,
                        format!(
                            "`rust_name` `{}` is not an UpperCamelCase Rust type name",
                            shown(&rust_name)
                        ),
                    )
                    .at(&rust_name.span, "expected UpperCamelCase")
                    .help(format!(
                        "write it like `{}`",
                        naming::rust_type_name(&rust_name)
                    )),
                );
            }
            Some(rust_name)
        });
        let domain_ok = self.value_errors == before;

        let codes = match map.get("codes") {
            None => {
                self.error(missing(&map, "codes", "the domain file", "codes: [...]"));
                Vec::new()
            }
            Some((_, node)) => match self.list("codes", node) {
                Some([]) => {
                    self.error(
                        Diagnostic::new(Rule::InvalidValue, "`codes` is empty")
                            .at(&node.span, "expected at least one code")
                            .help("declare at least one code, or remove the file"),
                    );
                    Vec::new()
                }
                Some(items) => items.iter().filter_map(|item| self.code(item)).collect(),
                None => Vec::new(),
            },
        };

        let (Some(name), Some(description), true) = (name, description, domain_ok) else {
            // The codes cannot belong to a domain: keep their ids as taken,
            // and check them on their own.
            self.partial_ids
                .extend(codes.iter().map(|code| code.id.clone()));
            self.orphans.extend(codes);
            return None;
        };
        let rust_name = rust_name.unwrap_or_else(|| {
            Spanned::new(naming::default_domain_rust_name(&name), name.span.clone())
        });
        Some(Domain {
            name,
            description,
            rust_name,
            file: self.file.to_path_buf(),
            codes,
        })
    }

    fn code(&mut self, node: &Node) -> Option<Code> {
        let map = self.mapping(node, "a code", CODE_KEYS)?;
        let before = self.value_errors;
        let what = "the code";
        let id = self
            .required(&map, "id", what, "id: rate_limit_exceeded")
            .and_then(|node| self.string("id", node))
            .inspect(|id| self.check_name("id", id, true));
        let status = self
            .required(&map, "status", what, "status: 429")
            .and_then(|node| self.status(node));
        let message = self
            .required(&map, "message", what, "message: \"Rate limit exceeded.\"")
            .and_then(|node| self.template("message", node));
        let public_message = map
            .value("public_message")
            .map(|node| self.template("public_message", node));
        let description = map
            .value("description")
            .map(|node| self.text_value("description", node));
        let resolution = self
            .required(&map, "resolution", what, "resolution: Wait, then retry.")
            .and_then(|node| self.text_value("resolution", node));
        let retryable = map
            .value("retryable")
            .map(|node| (self.bool("retryable", node), node));
        let fields = map
            .value("fields")
            .map(|node| (self.bool("fields", node), node));
        let since = map.value("since").map(|node| self.version("since", node));
        let aliases = map.value("aliases").map(|node| {
            let items = self.list("aliases", node)?;
            let mut aliases = Vec::with_capacity(items.len());
            for item in items {
                if let Some(alias) = self.string("aliases", item) {
                    self.check_name("alias", &alias, false);
                    aliases.push(alias);
                }
            }
            (aliases.len() == items.len()).then_some(aliases)
        });
        let deprecated = map.value("deprecated").map(|node| self.deprecation(node));
        let retired = map.value("retired").map(|node| self.retirement(node));
        let params = map.value("params").map(|node| {
            let items = self.list("params", node)?;
            let params: Vec<_> = items.iter().filter_map(|item| self.param(item)).collect();
            (params.len() == items.len()).then_some(params)
        });
        let examples = match map.get("examples") {
            None => {
                self.error(missing(&map, "examples", what, "examples: [{ name: default }]"));
                None
            }
            Some((_, node)) => self.list("examples", node).and_then(|items| {
                if items.is_empty() {
                    self.error(
                        Diagnostic::new(Rule::InvalidValue, "`examples` is empty")
                            .at(&node.span, "expected at least one example")
                            .help("add an example such as `- name: default` with a value for every required param"),
                    );
                }
                let examples: Vec<_> = items.iter().filter_map(|item| self.example(item)).collect();
                (examples.len() == items.len()).then_some(examples)
            }),
        };

        let ok = self.value_errors == before;
        let id = id?;
        let built = (|| {
            Some(Code {
                status: status.as_ref()?.value,
                message: message?,
                public_message: optional(public_message)?,
                description: optional(description)?,
                resolution: resolution?,
                retryable: retryable
                    .as_ref()
                    .map_or(Some(false), |(value, _)| *value)?,
                since: optional(since)?.map(|since| since.value),
                aliases: aliases.unwrap_or(Some(Vec::new()))?,
                deprecated: optional(deprecated)?,
                retired: optional(retired)?,
                fields: fields.as_ref().map_or(Some(false), |(value, _)| *value)?,
                params: params.unwrap_or(Some(Vec::new()))?,
                examples: examples?,
                span: id.span.clone(),
                spans: CodeSpans {
                    status: status.map(|status| status.span),
                    retryable: retryable.map(|(_, node)| node.span.clone()),
                    fields: fields.map(|(_, node)| node.span.clone()),
                },
                id: id.clone(),
            })
        })();
        match built {
            Some(code) if ok => Some(code),
            _ => {
                self.partial_ids.push(id);
                None
            }
        }
    }

    fn status(&mut self, node: &Node) -> Option<Spanned<u16>> {
        match &node.kind {
            Kind::Int(number) => {
                let status = u16::try_from(*number)
                    .ok()
                    .filter(|status| rules::STATUS_RANGE.contains(status));
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
                    .help(format!("remove the quotes: `status: {}`", text.trim())),
                );
                None
            }
            other => {
                self.error(wrong_type("status", "an integer", other, &node.span));
                None
            }
        }
    }

    fn template(&mut self, key: &str, node: &Node) -> Option<Template> {
        let raw = self.string(key, node)?;
        if raw.trim().is_empty() {
            self.report(
                Diagnostic::new(Rule::EmptyMessage, format!("`{key}` is empty"))
                    .at(&node.span, "expected a message")
                    .help("write the sentence the client sees, such as \"Rate limit exceeded.\""),
            );
        }
        match template::parse_segments(&raw) {
            Ok((segments, ranges)) => {
                let mut locator = Locator::new(self.text, &raw.span, &raw);
                let placeholders = segments
                    .iter()
                    .filter_map(|segment| match segment {
                        crate::model::Segment::Param(name) => Some(name.clone()),
                        crate::model::Segment::Literal(_) => None,
                    })
                    .zip(ranges)
                    .map(|(name, range)| Spanned::new(name, locator.locate(&raw, range)))
                    .collect();
                Some(Template {
                    segments,
                    placeholders,
                    span: Some(raw.span.clone()),
                    raw: raw.value,
                })
            }
            Err(error) => {
                let span =
                    Locator::new(self.text, &raw.span, &raw).locate(&raw, error.range.clone());
                let (rule, label) = if error.unbalanced {
                    (Rule::UnbalancedBrace, "unbalanced brace")
                } else {
                    (Rule::InvalidName, "expected `{snake_case_name}`")
                };
                self.error(
                    Diagnostic::new(rule, format!("{} in `{key}`", error.message))
                        .at(&span, label)
                        .help(error.help),
                );
                None
            }
        }
    }

    fn deprecation(&mut self, node: &Node) -> Option<Deprecation> {
        let map = self.mapping(node, "`deprecated`", DEPRECATED_KEYS)?;
        let before = self.value_errors;
        let replacement = map
            .value("replacement")
            .map(|node| self.string("replacement", node));
        let note = map.value("note").map(|node| self.text_value("note", node));
        if self.value_errors != before {
            return None;
        }
        Some(Deprecation {
            replacement: replacement.flatten(),
            note: note.flatten(),
        })
    }

    fn retirement(&mut self, node: &Node) -> Option<Retirement> {
        let map = self.mapping(node, "`retired`", RETIRED_KEYS)?;
        let what = "`retired`";
        let since = self
            .required(&map, "since", what, "since: \"2.0.0\"")
            .and_then(|node| self.version("since", node));
        let note = self
            .required(&map, "note", what, "note: \"merged into `other_code`\"")
            .and_then(|node| self.text_value("note", node));
        Some(Retirement {
            since: since?.value,
            note: note?,
        })
    }

    fn param(&mut self, node: &Node) -> Option<Param> {
        let map = self.mapping(node, "a param", PARAM_KEYS)?;
        let before = self.value_errors;
        let what = "the param";
        let name = self
            .required(&map, "name", what, "name: retry_after")
            .and_then(|node| self.string("name", node))
            .inspect(|name| self.check_name("param name", name, true));
        let ty = self
            .required(&map, "type", what, "type: string")
            .and_then(|node| self.param_type(node));
        let description = self
            .required(
                &map,
                "description",
                what,
                "description: Seconds until the window resets.",
            )
            .and_then(|node| self.text_value("description", node));
        let example = self
            .required(&map, "example", what, "example: 60")
            .and_then(|node| self.value("example", node));
        let is_optional = map
            .value("optional")
            .map(|node| self.bool("optional", node));
        let sensitive = map
            .value("sensitive")
            .map(|node| self.bool("sensitive", node));
        let detail = map.value("detail").map(|node| {
            let detail = self.string("detail", node)?;
            if detail.trim().is_empty() {
                self.error(
                    Diagnostic::new(Rule::InvalidValue, "`detail` is empty")
                        .at(&detail.span, "expected a member name")
                        .help("name the details member, such as `detail: retry_after`, or remove the key"),
                );
                return None;
            }
            Some(detail)
        });
        let header = map.value("header").map(|node| {
            let header = self.string("header", node)?;
            if !rules::is_header_name(&header) {
                self.report(
                    Diagnostic::new(
                        Rule::InvalidName,
                        format!(
                            "`header` `{}` is not a valid HTTP header name",
                            shown(&header)
                        ),
                    )
                    .at(&header.span, "expected a token such as `X-Quota-Name`")
                    .help("use letters, digits and `-`"),
                );
            }
            Some(header)
        });
        let ok = self.value_errors == before;
        let param = Param {
            name: name?,
            ty: ty?,
            description: description?,
            example: example?,
            optional: is_optional.unwrap_or(Some(false))?,
            sensitive: sensitive.unwrap_or(Some(false))?,
            detail: optional(detail)?,
            header: optional(header)?,
        };
        ok.then_some(param)
    }

    fn param_type(&mut self, node: &Node) -> Option<ParamType> {
        let name = self.string("type", node)?;
        if let Ok(ty) = name.parse() {
            return Some(ty);
        }
        let choices: Vec<&str> = ParamType::ALL.iter().map(|ty| ty.as_str()).collect();
        self.error(
            Diagnostic::new(
                Rule::InvalidValue,
                format!("unknown param type `{}`", shown(&name)),
            )
            .at(&name.span, "not a param type")
            .help(suggest::help_for(&name, &choices, "expected one of")),
        );
        None
    }

    fn example(&mut self, node: &Node) -> Option<Example> {
        let map = self.mapping(node, "an example", EXAMPLE_KEYS)?;
        let before = self.value_errors;
        let name = self
            .required(&map, "name", "the example", "name: default")
            .and_then(|node| self.string("name", node))
            .inspect(|name| self.check_name("example name", name, false));
        let description = map
            .value("description")
            .map(|node| self.text_value("description", node));
        let mut params = BTreeMap::new();
        if let Some(node) = map.value("params")
            && let Some(entries) = self.entries(node, "`params`")
        {
            for (key, key_node, value_node) in entries {
                if let Some(value) = self.value(key, value_node) {
                    params.insert(
                        key.to_owned(),
                        ExampleValue {
                            value: value.value,
                            key_span: key_node.span.clone(),
                            span: value.span,
                        },
                    );
                }
            }
        }
        let mut fields = Vec::new();
        let fields_span = map.get("fields").map(|(key, _)| key.span.clone());
        if let Some(node) = map.value("fields")
            && let Some(entries) = self.entries(node, "`fields`")
        {
            for (field, _, messages) in entries {
                let Some(items) = self.list(field, messages) else {
                    continue;
                };
                let messages: Vec<String> = items
                    .iter()
                    .filter_map(|item| self.string(field, item))
                    .map(|message| message.value)
                    .collect();
                fields.push((field.to_owned(), messages));
            }
        }
        let ok = self.value_errors == before;
        let example = Example {
            name: name?,
            description: optional(description)?,
            params,
            fields,
            fields_span,
        };
        ok.then_some(example)
    }

    /// Converts a param or example value.
    fn value(&mut self, key: &str, node: &Node) -> Option<Spanned<Value>> {
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

    /// Checks the keys of a mapping against `keys`.
    fn mapping<'n>(&mut self, node: &'n Node, what: &str, keys: &[&str]) -> Option<Entries<'n>> {
        let entries = self.entries(node, what)?;
        for (key, key_node, _) in &entries {
            if !keys.contains(key) && !self.cx.is_full() {
                self.report(
                    Diagnostic::new(
                        Rule::UnknownKey,
                        format!("unknown key `{}` in {what}", shown(key)),
                    )
                    .at(&key_node.span, "unknown key")
                    .help(suggest::help_for(key, keys, "expected one of")),
                );
            }
        }
        Some(Entries { node, entries })
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
                self.error(missing(map, key, what, example));
                None
            }
        }
    }

    fn string(&mut self, key: &str, node: &Node) -> Option<Spanned<String>> {
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
            let source = self.text.get(node.span.range()).unwrap_or_default();
            diagnostic = diagnostic.help(format!(
                "quote the value: `{}: \"{}\"`",
                shown(key),
                shown(source)
            ));
        }
        self.error(diagnostic);
        None
    }

    /// A catalog version: a string that is a semantic version such as `1.2.0`.
    fn version(&mut self, key: &str, node: &Node) -> Option<Spanned<String>> {
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
    fn text_value(&mut self, key: &str, node: &Node) -> Option<String> {
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

    fn bool(&mut self, key: &str, node: &Node) -> Option<bool> {
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
                diagnostic = diagnostic.help(format!("write `{key}: {flag}`"));
            }
        }
        self.error(diagnostic);
        None
    }

    fn list<'n>(&mut self, key: &str, node: &'n Node) -> Option<&'n [Node]> {
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

    /// Reports a name that is not snake_case or, for names that become Rust
    /// identifiers, is a keyword.
    fn check_name(&mut self, what: &str, name: &Spanned<String>, becomes_ident: bool) {
        if !naming::is_snake_case(name) {
            let fixed = heck::ToSnakeCase::to_snake_case(name.as_str());
            let help = if naming::is_snake_case(&fixed) {
                format!("write it in snake_case: `{fixed}`")
            } else {
                "use lowercase letters, digits and single underscores, starting with a letter"
                    .to_owned()
            };
            self.report(
                Diagnostic::new(
                    Rule::InvalidName,
                    format!("{what} `{}` is not snake_case", shown(name)),
                )
                .at(&name.span, "expected snake_case")
                .help(help),
            );
        } else if becomes_ident && naming::is_rust_keyword(name) {
            self.report(
                Diagnostic::new(Rule::RustKeyword, format!("{what} `{}` is a Rust keyword", shown(name)))
                    .at(&name.span, "reserved in Rust")
                    .help("generated code uses the name as an identifier; pick another word, such as `kind` for `type`"),
            );
        }
    }
}

/// Reads an optional key's result (`None` when absent, `Some(None)` when its
/// value is invalid) as `Some(None)` for absent, `None` for invalid and
/// `Some(Some(value))` for valid, so that `?` leaves out an invalid entry.
fn optional<T>(value: Option<Option<T>>) -> Option<Option<T>> {
    match value {
        None => Some(None),
        Some(None) => None,
        Some(Some(value)) => Some(Some(value)),
    }
}

/// The most placeholders of one template looked for by searching the source;
/// beyond it they point at the whole value, which keeps hostile templates
/// from taking quadratic time.
const MAX_SEARCHES: usize = 64;

/// Maps byte ranges of a string value to spans in the source, for ranges
/// given in increasing order.
///
/// Plain and simply quoted scalars map exactly; for escaped or block scalars
/// the text is searched for, and the whole value is the fallback.
struct Locator<'t> {
    text: &'t str,
    base: &'t Span,
    source: &'t str,
    /// How far the value's text is shifted in the source (1 for a quote),
    /// when the source is the value verbatim.
    shift: Option<usize>,
    searches: usize,
    /// A known position: a byte offset into `source` and its line and column.
    at: usize,
    line: u32,
    column: u32,
}

impl<'t> Locator<'t> {
    fn new(text: &'t str, base: &'t Span, raw: &str) -> Self {
        let source = text.get(base.range()).unwrap_or_default();
        let shift = if source == raw {
            Some(0)
        } else if source.len() >= 2
            && (source.starts_with('"') || source.starts_with('\''))
            && source.get(1..source.len() - 1) == Some(raw)
        {
            Some(1)
        } else {
            None
        };
        Locator {
            text,
            base,
            source,
            shift,
            searches: 0,
            at: 0,
            line: base.line,
            column: base.column,
        }
    }

    /// The span of `range`, a byte range of `raw` (the value).
    fn locate(&mut self, raw: &str, range: std::ops::Range<usize>) -> Span {
        let needle = raw.get(range.clone()).unwrap_or_default();
        let start = match self.shift {
            Some(shift) => Some(range.start + shift),
            None if !needle.is_empty() && self.searches < MAX_SEARCHES => {
                self.searches += 1;
                let nth = raw[..range.start].matches(needle).count();
                self.source.match_indices(needle).nth(nth).map(|(at, _)| at)
            }
            None => None,
        };
        match start {
            Some(start) if start >= self.at && start <= self.source.len() => {
                self.advance(start);
                Span {
                    file: Arc::clone(&self.base.file),
                    line: self.line,
                    column: self.column,
                    offset: self.base.offset + start,
                    len: needle.len(),
                }
            }
            Some(start) => sub_span(self.text, self.base, start, needle.len()),
            None => self.base.clone(),
        }
    }

    /// Moves the known position forward to `to`.
    fn advance(&mut self, to: usize) {
        let passed = self.source.get(self.at..to).unwrap_or_default();
        match passed.rfind('\n') {
            Some(newline) => {
                let lines = passed.bytes().filter(|byte| *byte == b'\n').count();
                self.line = self
                    .line
                    .saturating_add(u32::try_from(lines).unwrap_or(u32::MAX));
                let column = passed[newline + 1..].chars().count() + 1;
                self.column = u32::try_from(column).unwrap_or(u32::MAX);
            }
            None => {
                let columns = passed.chars().count();
                self.column = self
                    .column
                    .saturating_add(u32::try_from(columns).unwrap_or(u32::MAX));
            }
        }
        self.at = to;
    }
}

/// The span `len` bytes long starting `start` bytes into `base`.
fn sub_span(text: &str, base: &Span, start: usize, len: usize) -> Span {
    let absolute = base.offset + start;
    let before = text.get(base.offset..absolute).unwrap_or_default();
    let (line, column) = match before.rfind('\n') {
        Some(newline) => (
            base.line + u32::try_from(before.matches('\n').count()).unwrap_or(u32::MAX),
            u32::try_from(before[newline + 1..].chars().count()).unwrap_or(u32::MAX) + 1,
        ),
        None => (
            base.line,
            base.column + u32::try_from(before.chars().count()).unwrap_or(u32::MAX),
        ),
    };
    Span {
        file: Arc::clone(&base.file),
        line,
        column,
        offset: absolute,
        len,
    }
}

/// A missing required key, pointed at the mapping that lacks it.
fn missing(map: &Entries<'_>, key: &str, what: &str, example: &str) -> Diagnostic {
    let span = map
        .entries
        .first()
        .map_or(&map.node.span, |(_, key, _)| &key.span);
    Diagnostic::new(Rule::MissingKey, format!("missing key `{key}` in {what}"))
        .at(span, format!("{what} starts here"))
        .help(format!("add `{example}`"))
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

/// Untrusted text made safe and short for a message.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 48;
    let mut out = String::new();
    for (count, ch) in text.chars().enumerate() {
        if count == MAX {
            out.push('…');
            break;
        }
        if ch.is_control() || ch == '`' {
            out.extend(ch.escape_debug());
        } else {
            out.push(ch);
        }
    }
    out
}
