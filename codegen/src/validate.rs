//! Cross-entry rules: checks that relate several entries of the catalog.
//!
//! Each rule is one `check_*` function with a comment saying why it exists.
//! Validators only report; they never change the catalog or emit code.

use std::collections::{BTreeMap, BTreeSet};

use crate::ctxt::Ctxt;
use crate::diagnostic::{Diagnostic, Fix, Rule};
use crate::http_facts;
use crate::model::{Catalog, Code, Param, Span, Spanned, Template};
use crate::naming;
use crate::suggest;
use crate::text::{plural, shown};

/// Runs every cross-entry rule. `partial_ids` are the ids of codes left out of
/// the catalog because of their own errors: they still count as taken.
/// `orphans` are valid codes of invalid domains: the rules within a code
/// apply to them too.
pub(crate) fn validate(
    cx: &mut Ctxt,
    catalog: &Catalog,
    partial_ids: &[Spanned<String>],
    orphans: &[Code],
) {
    check_duplicate_domains(cx, catalog);
    check_duplicate_ids(cx, catalog, partial_ids);
    check_aliases(cx, catalog, partial_ids);
    check_rust_names(cx, catalog);
    check_deprecated_replacements(cx, catalog, partial_ids);
    for code in catalog.codes().chain(orphans) {
        // Past the report limit, further problems would be dropped anyway.
        if cx.is_full() {
            break;
        }
        check_duplicate_names(cx, code);
        check_fields_param(cx, code);
        check_placeholders(cx, code);
        check_sensitive_params(cx, code);
        check_header_statuses(cx, code);
        check_detail_members(cx, code);
        check_param_examples(cx, code);
        check_examples(cx, code);
        check_unused_params(cx, code);
        check_public_message_on_server_errors(cx, code);
        check_retryable_status(cx, code);
    }
}

/// Reports the second and later of entries sharing a key, pointing at the
/// first too. Entries are taken in file and position order so that the
/// report does not depend on the order files were loaded in.
fn report_duplicates<'a, K: Ord>(
    cx: &mut Ctxt,
    entries: impl IntoIterator<Item = (K, &'a Span)>,
    mut report: impl FnMut(&mut Ctxt, &'a Span, &'a Span),
) {
    let mut entries: Vec<(K, &Span)> = entries.into_iter().collect();
    entries.sort_by(|a, b| a.1.cmp(b.1));
    let mut first: BTreeMap<K, &Span> = BTreeMap::new();
    for (key, span) in entries {
        match first.get(&key) {
            Some(original) => report(cx, span, original),
            None => {
                first.insert(key, span);
            }
        }
    }
}

/// A domain name becomes a module and a docs page: two files claiming one
/// name would overwrite each other's output.
fn check_duplicate_domains(cx: &mut Ctxt, catalog: &Catalog) {
    let names = catalog
        .domains
        .iter()
        .map(|domain| (domain.name.as_str(), &domain.name.span));
    report_duplicates(cx, names, |cx, span, first| {
        cx.push(
            Diagnostic::new(
                Rule::DuplicateDomain,
                "a domain with this name is already declared",
            )
            .at(span, "declared again here")
            .also(first, "first declared here")
            .help("merge the two files, or give one domain another name"),
        );
    });
}

/// Clients branch on code ids, so an id must name exactly one error.
fn check_duplicate_ids(cx: &mut Ctxt, catalog: &Catalog, partial_ids: &[Spanned<String>]) {
    let ids = catalog
        .codes()
        .map(|code| &code.id)
        .chain(partial_ids)
        .map(|id| (id.as_str(), &id.span));
    report_duplicates(cx, ids, |cx, span, first| {
        cx.push(
            Diagnostic::new(Rule::DuplicateId, "a code with this id is already declared")
                .at(span, "declared again here")
                .also(first, "first declared here")
                .help("ids are never reused: pick a new id, or add the old name to `aliases`"),
        );
    });
}

/// An alias is another name clients match on: it must not name a different
/// code, nor be claimed by two codes.
fn check_aliases(cx: &mut Ctxt, catalog: &Catalog, partial_ids: &[Spanned<String>]) {
    let ids: BTreeMap<&str, &Span> = catalog
        .codes()
        .map(|code| &code.id)
        .chain(partial_ids)
        .map(|id| (id.as_str(), &id.span))
        .collect();
    let mut aliases = Vec::new();
    for code in catalog.codes() {
        for alias in &code.aliases {
            if let Some(id_span) = ids.get(alias.as_str()) {
                let own = alias.value == code.id.value;
                cx.push(
                    Diagnostic::new(
                        Rule::AliasClash,
                        format!("alias `{}` is the id of a code", shown(alias)),
                    )
                    .at(&alias.span, "this alias")
                    .also(
                        id_span,
                        if own {
                            "is this code's own id"
                        } else {
                            "is this code's id"
                        },
                    )
                    .help("remove the alias: an alias is only for names that are no longer ids"),
                );
            } else {
                aliases.push((alias.as_str(), &alias.span));
            }
        }
    }
    report_duplicates(cx, aliases, |cx, span, first| {
        cx.push(
            Diagnostic::new(Rule::AliasClash, "this alias is already declared")
                .at(span, "declared again here")
                .also(first, "first declared here")
                .help("an alias names one code: keep it on one code only"),
        );
    });
}

/// Ids become enum variants and domain names become enum names; two names
/// that differ only in a way the conversion drops (`a1_b` and `a_1_b` both
/// become `A1B`) would generate code that does not compile.
fn check_rust_names(cx: &mut Ctxt, catalog: &Catalog) {
    let mut variants: Vec<(String, &Spanned<String>)> = catalog
        .codes()
        .map(|code| (naming::rust_type_name(&code.id), &code.id))
        .collect();
    variants.sort_by(|a, b| a.1.span.cmp(&b.1.span));
    let mut seen: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
    for (rust_name, id) in &variants {
        match seen.get(rust_name.as_str()) {
            Some(first) if first.value != id.value => cx.push(
                Diagnostic::new(
                    Rule::RustNameCollision,
                    format!(
                        "`{}` and `{}` both become the Rust name `{rust_name}`",
                        shown(first),
                        shown(id)
                    ),
                )
                .at(&id.span, "this id")
                .also(&first.span, "collides with this id")
                .help("rename one of the codes so that their UpperCamelCase forms differ"),
            ),
            Some(_) => {}
            None => {
                seen.insert(rust_name, id);
            }
        }
    }
    let enums = catalog
        .domains
        .iter()
        .filter(|domain| {
            // Duplicate domains are reported by `check_duplicate_domains`.
            catalog
                .domains
                .iter()
                .filter(|other| other.name.value == domain.name.value)
                .count()
                == 1
        })
        .map(|domain| (domain.rust_name.as_str(), &domain.rust_name.span));
    report_duplicates(cx, enums, |cx, span, first| {
        cx.push(
            Diagnostic::new(
                Rule::RustNameCollision,
                "two domains generate the same Rust enum name",
            )
            .at(span, "this domain's enum")
            .also(first, "has the same name as this one")
            .help("set a distinct `rust_name` on one of the domains"),
        );
    });
    for domain in &catalog.domains {
        let name = &domain.rust_name;
        if naming::GENERATED_TYPE_NAMES.contains(&name.as_str()) {
            cx.push(
                Diagnostic::new(
                    Rule::RustNameCollision,
                    format!(
                        "the domain enum `{}` has the name of a type the generated code defines beside it",
                        name.value
                    ),
                )
                .at(&name.span, "this domain's enum")
                .help(format!(
                    "set another `rust_name` on the domain; the generated code reserves {}",
                    naming::GENERATED_TYPE_NAMES
                        .iter()
                        .map(|reserved| format!("`{reserved}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )),
            );
        }
    }
}

/// A code with `fields: true` becomes a variant with a `fields` member that
/// holds the field errors, so a param of the same name would generate a
/// variant with two fields of one name.
fn check_fields_param(cx: &mut Ctxt, code: &Code) {
    if !code.fields {
        return;
    }
    if let Some(param) = code.param(naming::FIELD_ERRORS_MEMBER) {
        cx.push(
            Diagnostic::new(
                Rule::RustNameCollision,
                format!(
                    "the param `{}` collides with the field errors of a code with `fields: true`",
                    naming::FIELD_ERRORS_MEMBER
                ),
            )
            .at(&param.name.span, "this param")
            .help("rename the param, for example to `field_names`"),
        );
    }
}

/// The docs and the `#[deprecated]` note send users to the replacement, so
/// it must be a live code other than the deprecated one.
fn check_deprecated_replacements(
    cx: &mut Ctxt,
    catalog: &Catalog,
    partial_ids: &[Spanned<String>],
) {
    let ids: Vec<&str> = catalog
        .codes()
        .map(|code| &code.id)
        .chain(partial_ids)
        .map(|id| id.as_str())
        .collect();
    let partial: BTreeSet<&str> = partial_ids.iter().map(|id| id.as_str()).collect();
    let mut by_id: BTreeMap<&str, &Code> = BTreeMap::new();
    for code in catalog.codes() {
        by_id.entry(code.id.as_str()).or_insert(code);
    }
    for code in catalog.codes() {
        let Some(replacement) = code
            .deprecated
            .as_ref()
            .and_then(|d| d.replacement.as_ref())
        else {
            continue;
        };
        if partial.contains(replacement.as_str()) || cx.is_full() {
            continue;
        }
        let target = by_id.get(replacement.as_str()).copied();
        let problem = match target {
            None => Some((
                format!(
                    "`deprecated.replacement` names `{}`, which is not a code",
                    shown(replacement)
                ),
                suggest::did_you_mean(replacement, ids.iter().copied()).map_or_else(
                    || "name the id of an existing code".to_owned(),
                    |id| format!("did you mean `{id}`?"),
                ),
            )),
            Some(target) if target.id.value == code.id.value => Some((
                "a code cannot be its own replacement".to_owned(),
                "name the code that should be used instead, or remove `replacement`".to_owned(),
            )),
            Some(target) if target.retired.is_some() => Some((
                format!(
                    "`deprecated.replacement` names `{}`, which is retired",
                    shown(replacement)
                ),
                "name a code that is still raised".to_owned(),
            )),
            Some(_) => None,
        };
        if let Some((message, help)) = problem {
            let mut diagnostic = Diagnostic::new(Rule::DeprecatedReplacement, message)
                .at(&replacement.span, "replacement")
                .help(help);
            if target.is_none()
                && let Some(id) = suggest::did_you_mean(replacement, ids.iter().copied())
            {
                diagnostic = diagnostic.fix(Fix::replace(&replacement.span, id));
            }
            cx.push(diagnostic);
        }
    }
}

/// Params become struct fields and examples become tests; details members
/// and headers are keys on the wire. Any of them twice in one code would be
/// ambiguous.
fn check_duplicate_names(cx: &mut Ctxt, code: &Code) {
    let groups: [(&str, Vec<(String, &Span)>); 4] = [
        (
            "param",
            code.params
                .iter()
                .map(|p| (p.name.value.clone(), &p.name.span))
                .collect(),
        ),
        (
            "example",
            code.examples
                .iter()
                .map(|e| (e.name.value.clone(), &e.name.span))
                .collect(),
        ),
        (
            "detail member",
            code.params
                .iter()
                .filter_map(|p| p.detail.as_ref())
                .map(|d| (d.value.clone(), &d.span))
                .collect(),
        ),
        (
            "header",
            code.params
                .iter()
                .filter_map(|p| p.header.as_ref())
                .map(|h| (h.to_ascii_lowercase(), &h.span))
                .collect(),
        ),
    ];
    for (what, names) in groups {
        report_duplicates(cx, names, |cx, span, first| {
            cx.push(
                Diagnostic::new(
                    Rule::DuplicateName,
                    format!(
                        "this {what} is already declared in code `{}`",
                        shown(&code.id)
                    ),
                )
                .at(span, "declared again here")
                .also(first, "first declared here")
                .help(format!("each {what} of a code must be unique")),
            );
        });
    }
}

/// A placeholder without a param would render as literal text or fail to
/// compile in the generated `Display`.
fn check_placeholders(cx: &mut Ctxt, code: &Code) {
    let names: Vec<&str> = code.params.iter().map(|p| p.name.as_str()).collect();
    let declared: BTreeSet<&str> = names.iter().copied().collect();
    for (key, template) in templates(code) {
        for placeholder in &template.placeholders {
            if declared.contains(placeholder.as_str()) || cx.is_full() {
                continue;
            }
            let meant = suggest::did_you_mean(placeholder, names.iter().copied());
            let help = match meant {
                Some(name) => format!("did you mean `{{{name}}}`?"),
                None => format!(
                    "declare it under `params:` (`- name: {}`), or write `{{{{` and `}}}}` for literal braces",
                    placeholder.value
                ),
            };
            let mut diagnostic = Diagnostic::new(
                Rule::UndeclaredPlaceholder,
                format!(
                    "`{key}` uses `{{{}}}`, which is not a param of code `{}`",
                    placeholder.value,
                    shown(&code.id)
                ),
            )
            .at(&placeholder.span, "not a declared param")
            .help(help);
            // The span is the `{name}` text itself when the locator found it
            // (otherwise the whole value), and only then can it be replaced.
            if let Some(name) = meant
                && placeholder.span.len == placeholder.len() + 2
            {
                diagnostic = diagnostic.fix(Fix::replace(&placeholder.span, format!("{{{name}}}")));
            }
            cx.push(diagnostic);
        }
    }
}

/// Sensitive values (emails, internal ids) must never reach the public
/// audience, who sees `public_message`, or `message` when there is none.
fn check_sensitive_params(cx: &mut Ctxt, code: &Code) {
    let template = code.public_template();
    let key = if code.public_message.is_some() {
        "public_message"
    } else {
        "message"
    };
    let sensitive: BTreeMap<&str, &Param> = code
        .params
        .iter()
        .filter(|p| p.sensitive)
        .map(|p| (p.name.as_str(), p))
        .collect();
    if sensitive.is_empty() {
        return;
    }
    for placeholder in &template.placeholders {
        let Some(param) = sensitive.get(placeholder.as_str()) else {
            continue;
        };
        let (message, help) = if code.public_message.is_some() {
            (
                format!(
                    "sensitive param `{}` is used in `public_message`",
                    placeholder.value
                ),
                "remove it from `public_message`; the full `message` may still use it".to_owned(),
            )
        } else {
            (
                format!(
                    "sensitive param `{}` is used in `message`, and the code has no `public_message`",
                    placeholder.value
                ),
                "add a `public_message` without it: the public audience sees `message` otherwise"
                    .to_owned(),
            )
        };
        cx.push(
            Diagnostic::new(Rule::SensitiveParam, message)
                .at(
                    &placeholder.span,
                    format!("shown to the public through `{key}`"),
                )
                .also(&param.name.span, "declared `sensitive: true` here")
                .help(help),
        );
    }
}

/// Clients read `Retry-After` and the rate-limit headers only on the
/// statuses that define them; elsewhere the header misleads.
fn check_header_statuses(cx: &mut Ctxt, code: &Code) {
    for param in &code.params {
        let Some(header) = &param.header else {
            continue;
        };
        let Some(statuses) = http_facts::header_statuses(header) else {
            continue;
        };
        if statuses.contains(&code.status) {
            continue;
        }
        let list: Vec<String> = statuses.iter().map(u16::to_string).collect();
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        let mut diagnostic = Diagnostic::new(
            Rule::HeaderStatus,
            format!(
                "header `{}` is not sent with status {}",
                shown(header),
                code.status
            ),
        )
        .at(
            &header.span,
            format!("only allowed on {}", suggest::list(&list)),
        )
        .help("remove `header`, or change the code's status");
        if let Some(span) = &code.spans.status {
            diagnostic = diagnostic.also(span, "the code's status");
        }
        cx.push(diagnostic);
    }
}

/// The envelopes write some members themselves and cap how many details a
/// body carries; errors-core silently leaves out a detail that breaks either
/// rule, so the catalog must not declare one.
fn check_detail_members(cx: &mut Ctxt, code: &Code) {
    let details: Vec<&Spanned<String>> = code
        .params
        .iter()
        .filter_map(|p| p.detail.as_ref())
        .collect();
    for detail in &details {
        if http_facts::RESERVED_DETAIL_MEMBERS.contains(&detail.as_str()) {
            cx.push(
                Diagnostic::new(
                    Rule::DetailMember,
                    format!(
                        "`detail` member `{}` is written by the envelopes themselves",
                        detail.value
                    ),
                )
                .at(&detail.span, "reserved member name")
                .note(format!(
                    "reserved: {}",
                    suggest::list_all(http_facts::RESERVED_DETAIL_MEMBERS)
                ))
                .help(format!(
                    "name the member after the param instead, such as `{}_{}`",
                    shown(&code.id),
                    detail.value
                )),
            );
        }
    }
    if let Some(extra) = details.get(http_facts::MAX_DETAIL_MEMBERS) {
        cx.push(
            Diagnostic::new(
                Rule::DetailMember,
                format!(
                    "code `{}` has {} `detail` members, more than the {} a body carries",
                    shown(&code.id),
                    details.len(),
                    http_facts::MAX_DETAIL_MEMBERS
                ),
            )
            .at(&extra.span, "past the limit")
            .help("keep the details a client acts on; leave the rest to the message or the docs"),
        );
    }
}

/// A param's example feeds docs and generated tests, so it must be a value
/// of the param's type.
fn check_param_examples(cx: &mut Ctxt, code: &Code) {
    for param in &code.params {
        if let Err(found) = param.example.check_type(param.ty) {
            cx.push(
                Diagnostic::new(
                    Rule::ExampleType,
                    format!(
                        "the example of param `{}` is not a `{}`",
                        param.name.value, param.ty
                    ),
                )
                .at(&param.example.span, found)
                .help(type_help(param.ty)),
            );
        }
    }
}

/// Examples become docs and tests: every required param needs a value of
/// its type, unknown params are typos, and field messages only exist on
/// codes that carry them.
fn check_examples(cx: &mut Ctxt, code: &Code) {
    let names: Vec<&str> = code.params.iter().map(|p| p.name.as_str()).collect();
    let params: BTreeMap<&str, &Param> = code.params.iter().map(|p| (p.name.as_str(), p)).collect();
    for example in &code.examples {
        if cx.is_full() {
            return;
        }
        for (name, value) in &example.params {
            match params.get(name.as_str()) {
                None => {
                    let mut diagnostic = Diagnostic::new(
                        Rule::ExampleUnknownParam,
                        format!(
                            "example `{}` sets `{}`, which is not a param of code `{}`",
                            example.name.value,
                            shown(name),
                            shown(&code.id)
                        ),
                    )
                    .at(&value.key_span, "unknown param")
                    .help(suggest::help_for(name, &names, "the params are"));
                    if let Some(meant) = suggest::did_you_mean(name, names.iter().copied())
                        .filter(|meant| !example.params.contains_key(*meant))
                    {
                        diagnostic = diagnostic.fix(Fix::replace(&value.key_span, meant));
                    }
                    cx.push(diagnostic);
                }
                Some(param) => {
                    if let Err(found) = value.value.check_type(param.ty) {
                        cx.push(
                            Diagnostic::new(
                                Rule::ExampleType,
                                format!(
                                    "example `{}` gives `{}` a value that is not a `{}`",
                                    example.name.value, param.name.value, param.ty
                                ),
                            )
                            .at(&value.span, found)
                            .help(type_help(param.ty)),
                        );
                    }
                }
            }
        }
        let missing: Vec<&Param> = code
            .params
            .iter()
            .filter(|param| !param.optional && !example.params.contains_key(param.name.as_str()))
            .collect();
        if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|param| param.name.as_str()).collect();
            let mut diagnostic = Diagnostic::new(
                Rule::ExampleMissingParam,
                format!(
                    "example `{}` has no value for required {} {}",
                    example.name.value,
                    plural(missing.len(), "param", "params"),
                    suggest::list_all(&names)
                ),
            )
            .at(&example.name.span, "this example")
            .help(
                "add the values under the example's `params:`, or mark the params `optional: true`",
            );
            if let Some((slot, inside)) = &example.params_slot {
                let entries: Vec<String> = missing
                    .iter()
                    .map(|param| format!("{}: {}", param.name.value, param.example.to_flow()))
                    .collect();
                let entries: Vec<&str> = entries.iter().map(String::as_str).collect();
                let fix = if *inside {
                    Fix::add_entries(slot, &entries)
                } else {
                    Fix::add_entries(slot, &[&format!("params: {{ {} }}", entries.join(", "))])
                };
                diagnostic = diagnostic.fix(fix);
            }
            cx.push(diagnostic);
        }
        if let (false, Some(span)) = (code.fields, &example.fields_span) {
            let mut diagnostic = Diagnostic::new(
                Rule::ExampleFields,
                format!(
                    "example `{}` has `fields`, but code `{}` does not carry field messages",
                    example.name.value,
                    shown(&code.id)
                ),
            )
            .at(span, "field messages")
            .help("set `fields: true` on the code, or remove `fields` from the example");
            if let Some(fields_span) = &code.spans.fields {
                diagnostic = diagnostic.also(fields_span, "set to false here");
            }
            cx.push(diagnostic);
        }
    }
}

/// A param that reaches neither a message nor the wire is dead weight in the
/// generated type, and usually a forgotten placeholder.
fn check_unused_params(cx: &mut Ctxt, code: &Code) {
    let in_messages: BTreeSet<&str> = templates(code)
        .flat_map(|(_, template)| template.params())
        .collect();
    for param in &code.params {
        let used = param.detail.is_some()
            || param.header.is_some()
            || in_messages.contains(param.name.as_str());
        if !used {
            cx.push(
                Diagnostic::new(
                    Rule::UnusedParam,
                    format!(
                        "param `{}` of code `{}` is never used",
                        param.name.value,
                        shown(&code.id)
                    ),
                )
                .at(&param.name.span, "not in a message, details or a header")
                .help(format!(
                    "use `{{{}}}` in the message, set `detail:` or `header:`, or remove the param",
                    param.name.value
                )),
            );
        }
    }
}

/// A server error's message often describes internals; the public audience
/// should get a deliberately written message.
fn check_public_message_on_server_errors(cx: &mut Ctxt, code: &Code) {
    if code.status >= 500 && code.public_message.is_none() && code.retired.is_none() {
        let span = code.spans.status.as_ref().unwrap_or(&code.span);
        cx.push(
            Diagnostic::new(
                Rule::MissingPublicMessage,
                format!("server error `{}` has no `public_message`", shown(&code.id)),
            )
            .at(span, "a 5xx status")
            .note("without `public_message` the public audience sees `message`")
            .help("add a `public_message` that says what happened without internal details"),
        );
    }
}

/// Retrying an unchanged request only helps when the failure depends on
/// timing; otherwise clients would loop on a request that cannot succeed.
fn check_retryable_status(cx: &mut Ctxt, code: &Code) {
    if code.retryable
        && (400..500).contains(&code.status)
        && !http_facts::RETRYABLE_CLIENT_STATUSES.contains(&code.status)
    {
        let span = code.spans.retryable.as_ref().unwrap_or(&code.span);
        let statuses: Vec<String> = http_facts::RETRYABLE_CLIENT_STATUSES
            .iter()
            .map(u16::to_string)
            .collect();
        let statuses: Vec<&str> = statuses.iter().map(String::as_str).collect();
        let mut diagnostic = Diagnostic::new(
            Rule::RetryableClientError,
            format!(
                "code `{}` is `retryable` but its status {} needs a changed request",
                shown(&code.id),
                code.status
            ),
        )
        .at(span, "retryable")
        .fix(Fix::replace(span, "false"))
        .help(format!(
            "only {} are retryable among 4xx statuses; set `retryable: false`",
            suggest::list(&statuses)
        ));
        if let Some(status) = &code.spans.status {
            diagnostic = diagnostic.also(status, "status");
        }
        cx.push(diagnostic);
    }
}

/// The templates of a code with their keys.
fn templates(code: &Code) -> impl Iterator<Item = (&'static str, &Template)> {
    std::iter::once(("message", &code.message)).chain(
        code.public_message
            .iter()
            .map(|template| ("public_message", template)),
    )
}

/// How to write a value of `ty`.
fn type_help(ty: crate::model::ParamType) -> String {
    use crate::model::ParamType;
    let example = match ty {
        ParamType::String => "\"agent_abc123\"",
        ParamType::Bool => "true",
        ParamType::I32 | ParamType::I64 => "-5",
        ParamType::U16 | ParamType::U32 | ParamType::U64 | ParamType::Seconds => "100",
        ParamType::Timestamp => "1638360060",
        ParamType::StringList => "[\"a\", \"b\"]",
    };
    format!("a `{ty}` value looks like `{example}`")
}
