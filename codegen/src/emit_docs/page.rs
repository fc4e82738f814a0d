//! The page of one code: `errors/<code>.md`.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::markdown::{Table, block, code_block, code_span, text, yaml_string};
use super::status::status_text;
use super::{Audience, DocsInput, RenderedExample, front_matter};
use crate::model::{Code, Domain, Example, Param, Value};

/// The page of `code`, of `domain`.
pub(crate) fn page(input: &DocsInput<'_>, domain: &Domain, code: &Code) -> String {
    let aliases: Vec<String> = code
        .aliases
        .iter()
        .map(|alias| yaml_string(alias))
        .collect();
    let mut out = front_matter(&[
        ("title", yaml_string(&code.id)),
        ("code", yaml_string(&code.id)),
        ("status", code.status.to_string()),
        ("domain", yaml_string(&domain.name)),
        ("retryable", code.retryable.to_string()),
        ("deprecated", code.deprecated.is_some().to_string()),
        ("retired", code.retired.is_some().to_string()),
        (
            "since",
            code.since.as_deref().map_or("null".to_owned(), yaml_string),
        ),
        ("aliases", format!("[{}]", aliases.join(", "))),
    ]);

    let _ = writeln!(out, "# {}\n", code_span(&code.id));
    write_facts(&mut out, domain, code);
    write_notices(&mut out, code);
    write_message(&mut out, code);

    out.push_str("## When it occurs\n\n");
    match &code.description {
        Some(description) => out.push_str(&block(description)),
        None => out.push_str("The catalog describes this error by its message alone.\n"),
    }
    out.push('\n');

    write_params(&mut out, code);

    out.push_str("## Resolution\n\n");
    out.push_str(&block(&code.resolution));
    out.push('\n');

    write_responses(&mut out, input, code);
    write_handling(&mut out, code);
    out
}

/// The table of the code's status, domain, retryability, version and aliases.
fn write_facts(out: &mut String, domain: &Domain, code: &Code) {
    let mut table = Table::new(["", ""]);
    table.row(["status", &code_span(&status_text(code.status))]);
    table.row([
        "domain",
        &format!("[{}](index.md#{})", text(&domain.name), domain.name.value),
    ]);
    table.row(["retryable", if code.retryable { "yes" } else { "no" }]);
    if let Some(since) = &code.since {
        table.row(["since", &text(since)]);
    }
    if !code.aliases.is_empty() {
        let aliases: Vec<String> = code.aliases.iter().map(|alias| code_span(alias)).collect();
        table.row(["aliases", &aliases.join(", ")]);
    }
    out.push_str(&table.render());
    out.push('\n');
}

/// The deprecation and retirement notices.
fn write_notices(out: &mut String, code: &Code) {
    if let Some(deprecated) = &code.deprecated {
        out.push_str(
            "> **Deprecated.** This code is still raised but should not be used for new work.",
        );
        if let Some(replacement) = &deprecated.replacement {
            let _ = write!(
                out,
                " Use [{}]({}.md) instead.",
                code_span(replacement),
                replacement.value
            );
        }
        if let Some(note) = &deprecated.note {
            let _ = write!(out, " {}", super::markdown::one_line(note));
        }
        out.push_str("\n\n");
    }
    if let Some(retired) = &code.retired {
        let _ = write!(
            out,
            "> **Retired in {}.** This code is no longer raised; it stays so that clients keep recognising it. {}\n\n",
            text(&retired.since),
            super::markdown::one_line(&retired.note)
        );
    }
}

/// The message templates.
fn write_message(out: &mut String, code: &Code) {
    out.push_str("## Message\n\n");
    match &code.public_message {
        None => {
            out.push_str(
                "Every audience reads this message, where `{name}` stands for the value of the parameter `name`:\n\n",
            );
            out.push_str(&code_block("text", &code.message.raw));
        }
        Some(public) => {
            out.push_str("The public reads:\n\n");
            out.push_str(&code_block("text", &public.raw));
            out.push_str(
                "\nAdmins read the full message, where `{name}` stands for the value of the parameter `name`:\n\n",
            );
            out.push_str(&code_block("text", &code.message.raw));
        }
    }
    out.push('\n');
}

/// The parameters table.
fn write_params(out: &mut String, code: &Code) {
    out.push_str("## Parameters\n\n");
    if code.params.is_empty() {
        out.push_str("This error has no parameters.\n\n");
    } else {
        let mut table = Table::new([
            "name",
            "type",
            "description",
            "on the wire",
            "sensitive",
            "example",
        ]);
        for param in &code.params {
            let mut ty = code_span(param.ty.as_str());
            if param.optional {
                ty.push_str(", optional");
            }
            let sensitive = if param.sensitive {
                "yes: admins only"
            } else {
                "no"
            };
            table.row([
                code_span(&param.name),
                ty,
                param.description.clone(),
                wire_places(code, param),
                sensitive.to_owned(),
                code_span(&value_text(&param.example)),
            ]);
        }
        out.push_str(&table.render());
        out.push('\n');
    }
    if code.fields {
        out.push_str(
            "The error also carries field-level validation messages: for each field of the \
             request, what is wrong with it. Every envelope shows them to every audience, as \
             the responses below show.\n\n",
        );
    }
}

/// Where a param's value travels: message, details member, header.
fn wire_places(code: &Code, param: &Param) -> String {
    let mut places = Vec::new();
    let in_public = code
        .public_message
        .as_ref()
        .is_some_and(|public| public.uses(&param.name));
    if code.message.uses(&param.name) || in_public {
        places.push("message".to_owned());
    }
    if let Some(detail) = &param.detail {
        places.push(format!("details {}", code_span(detail)));
    }
    if let Some(header) = &param.header {
        places.push(format!("header {}", code_span(header)));
    }
    if places.is_empty() {
        "nowhere".to_owned()
    } else {
        places.join(", ")
    }
}

/// An example value as one line of text: strings as they are, lists and
/// other values as JSON.
pub(crate) fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// Every example in every envelope, public rendering first, with what admins
/// see differently.
fn write_responses(out: &mut String, input: &DocsInput<'_>, code: &Code) {
    out.push_str("## Responses\n\n");
    let _ = writeln!(
        out,
        "Each example is rendered by the runtime exactly as a server sends it, here for the \
         public audience, at {} for the request {}. See [the envelopes](handling.md#envelopes) \
         for what each format holds.\n",
        text(&input.settings.timestamp()),
        code_span(&input.settings.request_id),
    );
    for example in &code.examples {
        let _ = writeln!(out, "### Example {}\n", code_span(&example.name));
        write_example_values(out, code, example);
        for envelope in input.envelopes {
            let public = input.rendered(&code.id, &example.name, &envelope.name, Audience::Public);
            let admin = input.rendered(&code.id, &example.name, &envelope.name, Audience::Admin);
            let Some(public) = public else {
                continue;
            };
            let _ = writeln!(
                out,
                "#### {} ({})\n",
                text(&envelope.title()),
                code_span(&envelope.name)
            );
            write_response(out, public);
            if let Some(admin) = admin {
                write_admin_difference(out, public, admin);
            }
        }
    }
}

/// The example's description, param values (in declaration order) and field
/// messages.
fn write_example_values(out: &mut String, code: &Code, example: &Example) {
    if let Some(description) = &example.description {
        out.push_str(&block(description));
        out.push('\n');
    }
    if !example.params.is_empty() {
        let values: Vec<String> = code
            .params
            .iter()
            .filter_map(|param| {
                let value = example.params.get(param.name.as_str())?;
                Some(format!(
                    "{} = {}",
                    code_span(&param.name),
                    code_span(&value_text(&value.value))
                ))
            })
            .collect();
        let _ = writeln!(out, "Parameters: {}.\n", values.join(", "));
    }
    if !example.fields.is_empty() {
        out.push_str("Field errors:\n\n");
        for (field, messages) in &example.fields {
            let messages: Vec<String> = messages.iter().map(|message| text(message)).collect();
            let _ = writeln!(out, "- {}: {}", code_span(field), messages.join("; "));
        }
        out.push('\n');
    }
}

/// The status line, headers and pretty-printed body of one response.
fn write_response(out: &mut String, rendered: &RenderedExample) {
    out.push_str(&code_block("http", &head(rendered)));
    out.push('\n');
    out.push_str(&code_block("json", &super::json::pretty(&rendered.body)));
    out.push('\n');
}

/// `HTTP/1.1 <status>` and the headers, one per line.
pub(crate) fn head(rendered: &RenderedExample) -> String {
    let mut head = format!("HTTP/1.1 {}\n", status_text(rendered.status));
    for (name, value) in &rendered.headers {
        let _ = writeln!(head, "{name}: {value}");
    }
    head
}

/// What admins see differently from the public, when anything differs.
fn write_admin_difference(out: &mut String, public: &RenderedExample, admin: &RenderedExample) {
    let mut differences = Vec::new();
    match (
        serde_json::from_str::<Json>(&public.body),
        serde_json::from_str::<Json>(&admin.body),
    ) {
        (Ok(public_body), Ok(admin_body)) => {
            json_differences(&public_body, &admin_body, String::new(), &mut differences);
        }
        _ if public.body != admin.body => differences.push("the body".to_owned()),
        _ => {}
    }
    let mut names: Vec<&str> = public
        .headers
        .iter()
        .chain(&admin.headers)
        .map(|(name, _)| name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let value = |rendered: &RenderedExample| {
            rendered
                .headers
                .iter()
                .find(|(header, _)| header == name)
                .map(|(_, value)| value.clone())
        };
        if value(public) != value(admin) {
            differences.push(format!("the {} header", code_span(name)));
        }
    }
    if differences.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "Admins see a different response ({}):\n",
        differences.join(", ")
    );
    if public.headers != admin.headers {
        out.push_str(&code_block("http", &head(admin)));
        out.push('\n');
    }
    out.push_str(&code_block("json", &super::json::pretty(&admin.body)));
    out.push('\n');
}

/// The members (as `a.b[0]` paths in code spans) whose values differ.
fn json_differences(public: &Json, admin: &Json, path: String, out: &mut Vec<String>) {
    match (public, admin) {
        (Json::Object(left), Json::Object(right)) => {
            let mut keys: Vec<&String> = left.keys().chain(right.keys()).collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match (left.get(key), right.get(key)) {
                    (Some(a), Some(b)) => json_differences(a, b, inner, out),
                    _ => out.push(code_span(&inner)),
                }
            }
        }
        _ if public == admin => {}
        _ => out.push(code_span(if path.is_empty() { "body" } else { &path })),
    }
}

/// Advice for clients: whether and how to retry, what to log, what to show.
fn write_handling(out: &mut String, code: &Code) {
    out.push_str("## Client handling\n\n");
    let mut names = vec![code_span(&code.id)];
    names.extend(code.aliases.iter().map(|alias| code_span(alias)));
    let _ = writeln!(
        out,
        "- **Identify it** by its code, {}, not by its message: messages may be reworded, codes never change.",
        names.join(" or ")
    );

    let header = |name: &str| {
        code.params.iter().any(|param| {
            !param.sensitive
                && param
                    .header
                    .as_ref()
                    .is_some_and(|header| header.eq_ignore_ascii_case(name))
        })
    };
    if code.retryable {
        out.push_str(
            "- **Retry: yes.** The same request may succeed later, unchanged. Retry at most a \
             few times (for example 5), then report the failure.\n",
        );
        if header("Retry-After") {
            out.push_str(
                "- **When:** wait the number of seconds in the `Retry-After` header before the \
                 next attempt; never retry sooner. If it is missing, back off exponentially.\n",
            );
        } else {
            out.push_str(
                "- **When:** back off exponentially with jitter: wait about 1 second, then 2, 4, \
                 8, ... up to about a minute, adding a random fraction to each wait so that \
                 clients do not retry in step.\n",
            );
        }
        if header("X-RateLimit-Remaining") || header("X-RateLimit-Reset") {
            out.push_str(
                "- **Avoid it:** watch `X-RateLimit-Remaining` and `X-RateLimit-Reset` on every \
                 response and slow down before the limit is reached.\n",
            );
        }
    } else if code.status >= 500 {
        out.push_str(
            "- **Retry: no.** Retrying the same request unchanged is not expected to help; \
             follow the resolution above.\n",
        );
    } else {
        out.push_str(
            "- **Retry: no.** The same request fails the same way until it is changed: fix it \
             as the resolution says, then send it again.\n",
        );
    }
    if code.fields {
        out.push_str(
            "- **Show the field errors** next to the fields they concern, so the user can fix \
             them all at once.\n",
        );
    }
    let sensitive: Vec<String> = code
        .params
        .iter()
        .filter(|param| param.sensitive)
        .map(|param| code_span(&param.name))
        .collect();
    if !sensitive.is_empty() {
        let _ = writeln!(
            out,
            "- **Admins only:** {} never reaches public clients; do not expect it in public responses.",
            sensitive.join(", ")
        );
    }
    if code.status >= 500 {
        out.push_str(
            "- **Report it:** log the `X-Request-Id` header of the response and quote it when \
             contacting support; it identifies the failure in the server's logs.\n",
        );
    }
    if let Some(deprecated) = &code.deprecated {
        match &deprecated.replacement {
            Some(replacement) => {
                let _ = writeln!(
                    out,
                    "- **Deprecated:** handle [{}]({}.md) as well; it replaces this code.",
                    code_span(replacement),
                    replacement.value
                );
            }
            None => {
                out.push_str("- **Deprecated:** keep handling it while servers still send it.\n")
            }
        }
    }
    out.push_str(
        "\nSee [handling errors](handling.md) for the envelopes, the headers and the retry strategy.\n",
    );
}
