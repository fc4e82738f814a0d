//! Entities: a domain file, its codes, their params, examples, templates,
//! deprecation and retirement, each checked on its own values.

use std::collections::BTreeMap;

use super::locator::Locator;
use super::{CODE_KEYS, DEPRECATED_KEYS, DOMAIN_KEYS, EXAMPLE_KEYS, PARAM_KEYS, RETIRED_KEYS};
use super::{Parser, missing};
use crate::diagnostic::{Diagnostic, FORMAT_REFERENCE, Fix, Rule};
use crate::http_facts;
use crate::model::{
    Code, CodeSpans, Deprecation, Domain, Example, ExampleValue, Param, ParamType, Retirement,
    Segment, Span, Spanned, Template,
};
use crate::naming;
use crate::span::EntrySlot;
use crate::suggest;
use crate::template;
use crate::text::shown;
use crate::yaml::{Kind, Node};

impl Parser<'_> {
    /// The domain of a file's root mapping, with its codes.
    pub(super) fn domain(&mut self, root: &Node) -> Option<Domain> {
        if root.kind == Kind::Null {
            let start = Span::start_of(self.file);
            self.error(
                Diagnostic::new(Rule::MissingKey, "the file declares no domain")
                    .at(&start, "no YAML content")
                    .help(format!("start the file with `domain: <name>`, `description:` and `codes:` (see {FORMAT_REFERENCE})")),
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
                // No fix: a code needs more than one line.
                let mut diagnostic = missing(&map, "codes", "the domain file", "codes: [...]");
                diagnostic.drop_fix();
                self.error(diagnostic);
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

    /// One code; `None` when one of its own values has an error.
    pub(super) fn code(&mut self, node: &Node) -> Option<Code> {
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
        // Params come first so that template problems can name them.
        let params = map.value("params").map(|node| {
            let items = self.list("params", node)?;
            let params: Vec<_> = items.iter().filter_map(|item| self.param(item)).collect();
            (params.len() == items.len()).then_some(params)
        });
        let declared: Vec<&Param> = params.iter().flatten().flatten().collect();
        let names: Vec<&str> = declared.iter().map(|param| param.name.as_str()).collect();
        let message = self
            .required(&map, "message", what, "message: \"Rate limit exceeded.\"")
            .and_then(|node| self.template("message", node, &names));
        let public_message = map
            .value("public_message")
            .map(|node| self.template("public_message", node, &names));
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
        let examples = match map.get("examples") {
            None => {
                let example = default_examples(&declared);
                self.missing(&map, "examples", what, &example);
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

    /// A message template; `params` are the code's param names, which a
    /// placeholder that is not snake_case may have meant.
    pub(super) fn template(&mut self, key: &str, node: &Node, params: &[&str]) -> Option<Template> {
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
                        Segment::Param(name) => Some(name.clone()),
                        Segment::Literal(_) => None,
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
                let mut diagnostic = Diagnostic::new(rule, format!("{} in `{key}`", error.message))
                    .at(&span, label)
                    .help(error.help);
                let written = raw.get(error.range.clone()).unwrap_or_default();
                let meant = written
                    .strip_prefix('{')
                    .and_then(|name| name.strip_suffix('}'))
                    .filter(|_| !error.unbalanced)
                    .and_then(|name| meant_param(name, params));
                if let Some(meant) = meant {
                    diagnostic = diagnostic.help(format!("did you mean `{{{meant}}}`?"));
                    // The fix needs the placeholder's exact place in the source.
                    if self.text.get(span.range()) == Some(written) {
                        diagnostic = diagnostic.fix(Fix::replace(&span, format!("{{{meant}}}")));
                    }
                }
                self.error(diagnostic);
                None
            }
        }
    }

    /// A `deprecated` mapping.
    pub(super) fn deprecation(&mut self, node: &Node) -> Option<Deprecation> {
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

    /// A `retired` mapping.
    pub(super) fn retirement(&mut self, node: &Node) -> Option<Retirement> {
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

    /// One param of a code.
    pub(super) fn param(&mut self, node: &Node) -> Option<Param> {
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
            if !http_facts::is_header_name(&header) {
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

    /// A param's `type`, one of the catalog's type names.
    pub(super) fn param_type(&mut self, node: &Node) -> Option<ParamType> {
        let name = self.string("type", node)?;
        if let Some(ty) = ParamType::from_name(&name) {
            return Some(ty);
        }
        let choices: Vec<&str> = ParamType::ALL.iter().map(|ty| ty.as_str()).collect();
        let mut diagnostic = Diagnostic::new(
            Rule::InvalidValue,
            format!("unknown param type `{}`", shown(&name)),
        )
        .at(&name.span, "not a param type")
        .help(suggest::help_for(&name, &choices, "expected one of"));
        if let Some(meant) = suggest::did_you_mean(&name, choices.iter().copied()) {
            diagnostic = diagnostic.fix(Fix::replace(&name.span, meant));
        }
        self.error(diagnostic);
        None
    }

    /// One example of a code: a name and param values.
    pub(super) fn example(&mut self, node: &Node) -> Option<Example> {
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
        // A `params` key without a mapping gets no slot: adding another
        // `params` key would repeat it.
        let mut params_slot = match map.get("params") {
            None => map.slot.clone().map(|slot| (slot, false)),
            Some(_) => None,
        };
        if let Some(node) = map.value("params")
            && let Some(entries) = self.entries(node, "`params`")
        {
            let first_key = entries.first().map(|(_, key, _)| &key.span);
            params_slot = EntrySlot::new(self.text, &node.span, first_key).map(|slot| (slot, true));
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
            params_slot,
        };
        ok.then_some(example)
    }

    /// Reports a name that is not snake_case or, for names that become Rust
    /// identifiers, is a keyword.
    pub(super) fn check_name(&mut self, what: &str, name: &Spanned<String>, becomes_ident: bool) {
        if !naming::is_snake_case(name) {
            let fixed = heck::ToSnakeCase::to_snake_case(name.as_str());
            let snake = naming::is_snake_case(&fixed);
            let help = if snake {
                format!("write it in snake_case: `{fixed}`")
            } else {
                "use lowercase letters, digits and single underscores, starting with a letter"
                    .to_owned()
            };
            let mut diagnostic = Diagnostic::new(
                Rule::InvalidName,
                format!("{what} `{}` is not snake_case", shown(name)),
            )
            .at(&name.span, "expected snake_case")
            .help(help);
            // A code renamed to another code's id would clash with it.
            let taken = what == "id" && self.ids.contains(&fixed.as_str());
            if snake && !taken && self.text.get(name.span.range()) == Some(name.as_str()) {
                diagnostic = diagnostic.fix(Fix::replace(&name.span, fixed));
            }
            self.report(diagnostic);
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

/// The param a placeholder name that is not snake_case probably means: the
/// param named by its snake_case form (`invoiceId` → `invoice_id`), else
/// the closest param name.
fn meant_param<'p>(name: &str, params: &[&'p str]) -> Option<&'p str> {
    let snake = heck::ToSnakeCase::to_snake_case(name);
    params
        .iter()
        .copied()
        .find(|param| *param == snake)
        .or_else(|| suggest::did_you_mean(&snake, params.iter().copied()))
}

/// The `examples` entry a code without examples needs: one example named
/// `default` with a value for every required param (its own example value).
fn default_examples(params: &[&Param]) -> String {
    let values: Vec<String> = params
        .iter()
        .filter(|param| !param.optional)
        .map(|param| format!("{}: {}", param.name.value, param.example.to_flow()))
        .collect();
    if values.is_empty() {
        "examples: [{ name: default }]".to_owned()
    } else {
        format!(
            "examples: [{{ name: default, params: {{ {} }} }}]",
            values.join(", ")
        )
    }
}
