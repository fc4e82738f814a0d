//! The handling page, `errors/handling.md`: envelopes, status codes, headers,
//! audiences and the retry strategy, from the catalog's data and the rules
//! it is checked against.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value as Json;

use super::markdown::{Table, code_block, code_span, one_line, text, yaml_string};
use super::status::status_text;
use super::{Audience, DocsInput, EnvelopeDoc, code_link, codes_with_header, front_matter, json};
use crate::http_facts::{HEADER_STATUSES, RETRYABLE_CLIENT_STATUSES};
use crate::model::{Catalog, Code};

/// The handling page.
pub(crate) fn handling(input: &DocsInput<'_>) -> String {
    let mut out = front_matter(&[("title", yaml_string("Handling errors"))]);
    out.push_str("# Handling errors\n\n");
    out.push_str(
        "Every error response has a 4xx or 5xx status, a JSON body in one of the envelopes \
         below, and headers that say more: how long to wait, how much quota is left, which \
         request failed. Branch on the error's `code` (or, in an envelope without one, on the \
         status), never on the message: messages may be reworded, codes never change. The \
         [index](index.md) lists every code.\n\n",
    );
    write_envelopes(&mut out, input);
    write_statuses(&mut out, input.catalog);
    write_headers(&mut out, input);
    write_audiences(&mut out, input.catalog);
    write_retry(&mut out, input.catalog);
    write_lifecycle(&mut out, input.catalog);
    out
}

/// One section per envelope: what it is, its members, an example.
fn write_envelopes(out: &mut String, input: &DocsInput<'_>) {
    out.push_str("## Envelopes\n\n");
    out.push_str(
        "A service renders every error in one envelope, the wire format of its API. Each \
         envelope's JSON Schema is a component of [`openapi.json`](../openapi.json); each \
         code's page shows its responses in every envelope.\n\n",
    );
    let showcase = showcase(input.catalog);
    for envelope in input.envelopes {
        let _ = writeln!(
            out,
            "### {} ({})\n",
            text(&envelope.title()),
            code_span(&envelope.name)
        );
        if let Some(description) = envelope.description() {
            out.push_str(&one_line(description));
            out.push_str("\n\n");
        }
        let _ = writeln!(out, "Content type: {}.\n", code_span(&envelope.media_type));
        write_members(out, envelope);
        if let Some(code) = showcase
            && let Some(example) = code.examples.first()
            && let Some(rendered) =
                input.rendered(&code.id, &example.name, &envelope.name, Audience::Public)
        {
            let _ = writeln!(out, "For example, {}:\n", code_link(code));
            out.push_str(&code_block("json", &json::pretty(&rendered.body)));
            out.push('\n');
        }
    }
}

/// The code whose example shows the most of an envelope: the one with the
/// most public params on the wire (details or headers), the first on ties.
fn showcase(catalog: &Catalog) -> Option<&Code> {
    let score = |code: &Code| {
        code.params
            .iter()
            .filter(|param| !param.sensitive && (param.detail.is_some() || param.header.is_some()))
            .count()
    };
    let mut best: Option<&Code> = None;
    for code in catalog.codes() {
        if best.is_none_or(|best| score(code) > score(best)) {
            best = Some(code);
        }
    }
    best
}

/// The members of an envelope's bodies, from its schema.
fn write_members(out: &mut String, envelope: &EnvelopeDoc) {
    let mut table = Table::new(["member", "type", "required", "description"]);
    member_rows(&envelope.schema, "", &mut table);
    if !table.is_empty() {
        out.push_str(&table.render());
        out.push('\n');
    }
}

/// Adds a row per property of `schema`, descending into object properties.
fn member_rows(schema: &Json, prefix: &str, table: &mut Table) {
    let Some(properties) = schema["properties"].as_object() else {
        return;
    };
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|names| names.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    for (name, property) in properties {
        let path = format!("{prefix}{name}");
        table.row([
            code_span(&path),
            schema_type(property),
            (if required.contains(&name.as_str()) {
                "yes"
            } else {
                "no"
            })
            .to_owned(),
            property["description"]
                .as_str()
                .map(one_line)
                .unwrap_or_default(),
        ]);
        if property["properties"].is_object() {
            member_rows(property, &format!("{path}."), table);
        }
    }
}

/// A schema's type in words: `string`, `array of string`, `integer or string`.
fn schema_type(schema: &Json) -> String {
    let base = match &schema["type"] {
        Json::String(name) => name.clone(),
        Json::Array(names) => names
            .iter()
            .filter_map(Json::as_str)
            .collect::<Vec<_>>()
            .join(" or "),
        _ if schema.get("const").is_some() => format!("`{}`", schema["const"]),
        _ => "any".to_owned(),
    };
    if base == "array" && schema["items"].is_object() {
        format!("array of {}", schema_type(&schema["items"]))
    } else {
        base
    }
}

/// The statuses the catalog uses and their codes.
fn write_statuses(out: &mut String, catalog: &Catalog) {
    out.push_str("## Status codes\n\n");
    out.push_str(
        "A `4xx` status means the request must change before it can succeed, except for the \
         timing-dependent ones (`408`, `409`, `425`, `429`); a `5xx` status means the server \
         failed and the same request may succeed later. The catalog uses these statuses:\n\n",
    );
    let mut by_status: BTreeMap<u16, Vec<&Code>> = BTreeMap::new();
    for code in catalog.codes() {
        by_status.entry(code.status).or_default().push(code);
    }
    let mut table = Table::new(["status", "codes", "retryable codes"]);
    for (status, codes) in &by_status {
        let links: Vec<String> = codes.iter().map(|code| code_link(code)).collect();
        let retryable = codes.iter().filter(|code| code.retryable).count();
        table.row([
            code_span(&status_text(*status)),
            links.join(", "),
            format!("{retryable} of {}", codes.len()),
        ]);
    }
    out.push_str(&table.render());
    out.push('\n');
}

/// The headers of error responses: the restricted ones from the rules, any
/// other header a param sends, `Content-Type` and `X-Request-Id`.
fn write_headers(out: &mut String, input: &DocsInput<'_>) {
    let catalog = input.catalog;
    out.push_str("## Headers\n\n");
    out.push_str(
        "Values a client needs before reading the body travel in headers. A header that may \
         only appear on some statuses is only ever sent on those.\n\n",
    );
    let mut table = Table::new(["header", "statuses", "sent by", "meaning"]);
    let mut media_types: Vec<String> = input
        .envelopes
        .iter()
        .map(|envelope| code_span(&envelope.media_type))
        .collect();
    media_types.dedup();
    table.row([
        code_span("Content-Type"),
        "every error".to_owned(),
        "every code".to_owned(),
        format!("The envelope's media type: {}.", media_types.join(" or ")),
    ]);
    let mut headers: Vec<(String, Option<&[u16]>)> = HEADER_STATUSES
        .iter()
        .map(|rule| (rule.name.to_owned(), Some(rule.statuses)))
        .collect();
    for code in catalog.codes() {
        for param in &code.params {
            if let Some(header) = &param.header
                && !headers
                    .iter()
                    .any(|(name, _)| name.eq_ignore_ascii_case(header))
            {
                headers.push((header.value.clone(), None));
            }
        }
    }
    for (header, statuses) in &headers {
        let codes = codes_with_header(catalog, header);
        let statuses = match statuses {
            Some(statuses) => statuses
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            None => "any".to_owned(),
        };
        let meaning = codes
            .iter()
            .flat_map(|code| &code.params)
            .find(|param| {
                param
                    .header
                    .as_ref()
                    .is_some_and(|name| name.eq_ignore_ascii_case(header))
            })
            .map(|param| param.description.clone())
            .unwrap_or_else(|| "Not sent by any code of this catalog.".to_owned());
        let senders: Vec<String> = codes.iter().map(|code| code_link(code)).collect();
        table.row([
            code_span(header),
            statuses,
            if senders.is_empty() {
                "none".to_owned()
            } else {
                senders.join(", ")
            },
            meaning,
        ]);
    }
    table.row([
        code_span("X-Request-Id"),
        "every error".to_owned(),
        "every code".to_owned(),
        "The id of the failed request, when the server knows it. Log it, and quote it to \
         support."
            .to_owned(),
    ]);
    out.push_str(&table.render());
    out.push('\n');
}

/// Public and admin audiences.
fn write_audiences(out: &mut String, catalog: &Catalog) {
    out.push_str("## Audiences\n\n");
    out.push_str(
        "Every error renders for one of two audiences. The public (end users, third parties: \
         the default) reads a code's public message where it has one, and never sees a \
         sensitive value: not in the message, the details or the headers. Admins \
         (authenticated operators) read the full message and every value. Field-level \
         validation messages are shown to both.\n\n",
    );
    let mut table = Table::new(["code", "the public reads", "admins also see"]);
    for code in catalog.codes() {
        let sensitive: Vec<String> = code
            .params
            .iter()
            .filter(|param| param.sensitive)
            .map(|param| code_span(&param.name))
            .collect();
        if code.public_message.is_none() && sensitive.is_empty() {
            continue;
        }
        table.row([
            code_link(code),
            code_span(&code.public_template().raw),
            if sensitive.is_empty() {
                format!("the full message {}", code_span(&code.message.raw))
            } else {
                format!(
                    "the full message {} and {}",
                    code_span(&code.message.raw),
                    sensitive.join(", ")
                )
            },
        ]);
    }
    if !table.is_empty() {
        out.push_str("These codes read differently for admins:\n\n");
        out.push_str(&table.render());
        out.push('\n');
    }
}

/// When and how to retry, with the retryable codes.
fn write_retry(out: &mut String, catalog: &Catalog) {
    out.push_str("## Retry strategy\n\n");
    let retryable: Vec<String> = catalog
        .codes()
        .filter(|code| code.retryable)
        .map(|code| format!("{} ({})", code_link(code), code.status))
        .collect();
    let statuses: Vec<String> = RETRYABLE_CLIENT_STATUSES
        .iter()
        .map(u16::to_string)
        .collect();
    let _ = writeln!(
        out,
        "1. **Retry only what may succeed unchanged.** A code marked retryable may; the \
         others fail the same way until the request changes. Among client errors only {} \
         depend on timing. The retryable codes: {}.",
        statuses.join(", "),
        if retryable.is_empty() {
            "none".to_owned()
        } else {
            retryable.join(", ")
        }
    );
    out.push_str(
        "2. **Honour `Retry-After`.** When the response has it, wait that many seconds; never \
         retry sooner.\n\
         3. **Otherwise back off exponentially, with jitter.** Wait about 1 second, then 2, 4, \
         8, ... up to a cap of about a minute, adding a random fraction to each wait so that \
         many clients do not retry in step.\n\
         4. **Give up after a few attempts** (for example 5), and report the failure with the \
         response's `X-Request-Id`.\n\
         5. **Slow down before the limit.** On rate-limited APIs, watch \
         `X-RateLimit-Remaining` and pause until `X-RateLimit-Reset` when it reaches 0.\n\n",
    );
    let sketch = r#"async function withRetries(send, maxAttempts = 5) {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (response.ok) return response;
    const retryable = response.status >= 500 || [408, 409, 425, 429].includes(response.status);
    if (!retryable || attempt === maxAttempts) return response;
    const retryAfter = Number(response.headers.get("Retry-After"));
    const backoff = Math.min(60, 2 ** (attempt - 1)) + Math.random();
    const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : backoff;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}
"#;
    out.push_str("In JavaScript, for example:\n\n");
    out.push_str(&code_block("javascript", sketch));
    out.push_str(
        "\nA client that knows the catalog retries by code instead: `retryable` is part of \
         every code's entry in [`catalog.json`](../catalog.json).\n\n",
    );
}

/// Aliases, deprecated and retired codes.
fn write_lifecycle(out: &mut String, catalog: &Catalog) {
    out.push_str("## Aliases, deprecated and retired codes\n\n");
    out.push_str(
        "Codes are never deleted and never reused. An alias is another name of a code that \
         clients must treat like the code itself; a deprecated code is still sent but should \
         not be relied on for new work; a retired code is no longer sent, and its id stays \
         reserved.\n\n",
    );
    let aliases = catalog
        .codes()
        .map(|code| code.aliases.len())
        .sum::<usize>();
    let deprecated: Vec<String> = catalog
        .codes()
        .filter(|code| code.deprecated.is_some())
        .map(code_link)
        .collect();
    let retired: Vec<String> = catalog
        .codes()
        .filter(|code| code.retired.is_some())
        .map(code_link)
        .collect();
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_owned()
        } else {
            items.join(", ")
        }
    };
    let _ = writeln!(
        out,
        "This catalog has {aliases} aliases (listed on the [index](index.md#aliases)); \
         deprecated codes: {}; retired codes: {}.",
        list(&deprecated),
        list(&retired)
    );
}
