//! Checks that the shipped catalog covers every error of the three seed documents.
//!
//! The seed documents (7en, Agent700 and Heppu API error references) are the
//! specification of the errors clients already receive. This test lists every
//! code id and every error message they print, checks each list against the
//! documents themselves (so a message added to a document, or a typo in the
//! lists, fails here), and then checks that each one is in the catalog: a code
//! by id or alias, a message by the code whose template produces it.
//!
//! All problems are reported together, one per line.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::model::{Catalog, Code, Example, Segment, Template, Value as ParamValue};
use serde_json::Value;

/// The 7en document: codes only, plus one example body.
const SEVEN_EN: &str = "7en-errors.md";
/// The Agent700 document: messages only, no code ids.
const AGENT700: &str = "agent700-errors.txt";
/// The Heppu document: codes with one example body each.
const HEPPU: &str = "heppu-errors.txt";

/// Every code id a seed document defines, with the document.
const SEED_CODES: &[(&str, &str)] = &[
    (SEVEN_EN, "agent_validation_error"),
    (SEVEN_EN, "knowledge_source_validation_error"),
    (SEVEN_EN, "user_validation_error"),
    (SEVEN_EN, "authentication_required"),
    (SEVEN_EN, "insufficient_permissions"),
    (SEVEN_EN, "throttle_exceeded"),
    (SEVEN_EN, "object_not_found"),
    (SEVEN_EN, "api_key_duplicate"),
    (SEVEN_EN, "malformed_api_key"),
    (SEVEN_EN, "inactive_api_key"),
    (SEVEN_EN, "team_required"),
    (HEPPU, "invalid_api_key"),
    (HEPPU, "missing_api_key"),
    (HEPPU, "revoked_api_key"),
    (HEPPU, "insufficient_permissions"),
    (HEPPU, "resource_not_found"),
    (HEPPU, "invalid_request"),
    (HEPPU, "validation_failed"),
    (HEPPU, "rate_limit_exceeded"),
    (HEPPU, "resource_conflict"),
    (HEPPU, "internal_error"),
];

/// One error message a seed document prints.
struct SeedMessage {
    /// The document.
    seed: &'static str,
    /// The message as the document prints it, with `\"` unescaped; `<name>`
    /// marks a part the document leaves variable.
    printed: &'static str,
    /// A concrete message clients receive: `printed` with every `<name>`
    /// filled in.
    instance: &'static str,
    /// The catalog code that sends it.
    code: &'static str,
}

/// Shorthand for a message printed literally.
const fn literal(seed: &'static str, message: &'static str, code: &'static str) -> SeedMessage {
    SeedMessage {
        seed,
        printed: message,
        instance: message,
        code,
    }
}

/// Shorthand for a message printed with a `<placeholder>`.
const fn pattern(
    seed: &'static str,
    printed: &'static str,
    instance: &'static str,
    code: &'static str,
) -> SeedMessage {
    SeedMessage {
        seed,
        printed,
        instance,
        code,
    }
}

/// Every distinct error message of the seed documents, with the code that sends it.
const SEED_MESSAGES: &[SeedMessage] = &[
    literal(SEVEN_EN, "Email already exists", "user_validation_error"),
    // Agent700: authentication.
    literal(
        AGENT700,
        "Authentication required",
        "authentication_required",
    ),
    literal(AGENT700, "Invalid credentials", "invalid_credentials"),
    literal(
        AGENT700,
        "Invalid app password token",
        "invalid_app_password",
    ),
    literal(
        AGENT700,
        "Invalid app password token format",
        "malformed_app_password",
    ),
    literal(AGENT700, "Token expired", "token_expired"),
    literal(AGENT700, "Unauthorized", "unauthorized"),
    literal(
        AGENT700,
        "No refresh token provided",
        "missing_refresh_token",
    ),
    literal(
        AGENT700,
        "Refresh token validation failed",
        "invalid_refresh_token",
    ),
    // Agent700: authorization.
    literal(AGENT700, "Access denied", "access_denied"),
    literal(
        AGENT700,
        "You do not belong to this organization",
        "not_organization_member",
    ),
    literal(
        AGENT700,
        "Only admins or billing owners can add users to organizations",
        "admin_role_required",
    ),
    pattern(
        AGENT700,
        "Only admins or billing owners can <action>",
        "Only admins or billing owners can change billing settings",
        "admin_role_required",
    ),
    // Agent700: validation.
    literal(
        AGENT700,
        "Missing required field: name",
        "missing_required_field",
    ),
    pattern(
        AGENT700,
        "Missing required field: <field_name>",
        "Missing required field: organizationId",
        "missing_required_field",
    ),
    literal(
        AGENT700,
        "Email and password are required",
        "credentials_required",
    ),
    literal(AGENT700, "Invalid email format", "invalid_email_format"),
    literal(AGENT700, "Invalid URL format", "invalid_url_format"),
    literal(
        AGENT700,
        "Password validation failed",
        "password_validation_failed",
    ),
    literal(
        AGENT700,
        "Server name too long (max 50 characters)",
        "server_name_too_long",
    ),
    // Agent700: conflicts.
    pattern(
        AGENT700,
        "Server name \"<name>\" already exists",
        "Server name \"my-server\" already exists",
        "server_name_taken",
    ),
    pattern(
        AGENT700,
        "Server name \"<name>\" already exists for this agent",
        "Server name \"my-server\" already exists for this agent",
        "agent_server_name_taken",
    ),
    literal(
        AGENT700,
        "Email already registered",
        "email_already_registered",
    ),
    // Agent700: resources.
    literal(
        AGENT700,
        "Agent not found or access denied",
        "agent_not_found",
    ),
    pattern(
        AGENT700,
        "<Resource> not found",
        "Organization not found",
        "resource_not_found",
    ),
    literal(AGENT700, "Agent not found", "resource_not_found"),
    literal(AGENT700, "User not found", "resource_not_found"),
    literal(AGENT700, "Organization not found", "resource_not_found"),
    literal(AGENT700, "Rating not found", "resource_not_found"),
    literal(AGENT700, "Server not found", "resource_not_found"),
    pattern(
        AGENT700,
        "Server with ID \"<id>\" not found",
        "Server with ID \"srv_8f14e45f\" not found",
        "server_not_found",
    ),
    literal(
        AGENT700,
        "User not found in any organization",
        "user_without_organization",
    ),
    literal(
        AGENT700,
        "User is not a member of this organization",
        "user_not_in_organization",
    ),
    // Agent700: MCP.
    literal(
        AGENT700,
        "MCP is not enabled for this agent",
        "mcp_not_enabled",
    ),
    literal(
        AGENT700,
        "MCP is only supported by OpenAI and Claude models. Current model: sonar-pro",
        "mcp_model_not_supported",
    ),
    pattern(
        AGENT700,
        "MCP is only supported by OpenAI and Claude models. Current model: <model>",
        "MCP is only supported by OpenAI and Claude models. Current model: mistral-large",
        "mcp_model_not_supported",
    ),
    literal(
        AGENT700,
        "Missing required fields: tool_name and one of server_id or server_name",
        "missing_mcp_tool_fields",
    ),
    pattern(
        AGENT700,
        "Server added but connection failed: <reason>",
        "Server added but connection failed: Connection refused",
        "mcp_server_connection_failed",
    ),
    literal(
        AGENT700,
        "Server added but connection failed: Connection timeout",
        "mcp_server_connection_failed",
    ),
    literal(
        AGENT700,
        "MCP service is not healthy",
        "mcp_service_unhealthy",
    ),
    // Agent700: rate limiting.
    literal(AGENT700, "Rate limit exceeded", "too_many_requests"),
    // Agent700: network and upstream.
    literal(AGENT700, "URL content too large", "url_content_too_large"),
    literal(AGENT700, "Too many redirects", "too_many_redirects"),
    literal(
        AGENT700,
        "SSL verification failed",
        "ssl_verification_failed",
    ),
    literal(AGENT700, "Unable to fetch the URL", "url_fetch_failed"),
    literal(AGENT700, "Request timed out", "gateway_timeout"),
    // Agent700: server.
    literal(AGENT700, "Internal server error", "internal_server_error"),
    literal(
        AGENT700,
        "Failed to create user: Database connection error",
        "user_creation_failed",
    ),
    literal(
        AGENT700,
        "Service temporarily unavailable",
        "service_unavailable",
    ),
    // Heppu.
    literal(HEPPU, "Invalid API key format", "invalid_api_key"),
    literal(
        HEPPU,
        "API key required. Include x-api-key header or Authorization: Bearer header.",
        "missing_api_key",
    ),
    literal(HEPPU, "API key has been revoked", "revoked_api_key"),
    literal(
        HEPPU,
        "Insufficient permissions to access this resource",
        "insufficient_permissions",
    ),
    literal(HEPPU, "Agent not found", "resource_not_found"),
    literal(HEPPU, "Invalid request parameters", "invalid_request"),
    literal(HEPPU, "Validation failed", "validation_failed"),
    literal(
        HEPPU,
        "Rate limit exceeded. Please retry after 60 seconds.",
        "rate_limit_exceeded",
    ),
    literal(
        HEPPU,
        "Agent with this name already exists",
        "resource_conflict",
    ),
    literal(
        HEPPU,
        "An internal error occurred. Please try again later.",
        "internal_error",
    ),
];

/// Quoted texts of the documents that are not messages clients receive, each
/// with why it is exempt.
///
/// Agent700's troubleshooting guide titles its issues with shortened forms of
/// the real messages; the real message is listed in [`SEED_MESSAGES`].
/// Heppu's format illustration uses a placeholder message.
const NOT_MESSAGES: &[(&str, &str, &str)] = &[
    (
        AGENT700,
        "Missing token",
        "issue title for `Authentication required`",
    ),
    (
        AGENT700,
        "Missing required field",
        "issue title for `Missing required field: <field_name>`",
    ),
    (
        AGENT700,
        "Duplicate resource name",
        "issue title for the duplicate name and email messages",
    ),
    (
        AGENT700,
        "Connection failed",
        "issue title for `Server added but connection failed: <reason>`",
    ),
    (
        AGENT700,
        "MCP not enabled for this agent",
        "issue title for `MCP is not enabled for this agent`",
    ),
    (
        AGENT700,
        "Service unavailable",
        "issue title for `Service temporarily unavailable`",
    ),
    (
        AGENT700,
        "string",
        "the type placeholder of the response schemas",
    ),
    (
        HEPPU,
        "Human-readable error description",
        "placeholder of the generic format illustration",
    ),
];

/// The workspace root.
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the codegen crate lives in the workspace")
        .to_path_buf()
}

/// The text of a seed document.
fn seed_text(seed: &str) -> String {
    let path = workspace().join("../shared/seeds").join(seed);
    fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read `{}`: {error}", path.display()))
}

/// Every JSON object of a document that starts on a line of its own (`{`).
fn json_bodies(text: &str) -> Vec<Value> {
    let mut bodies = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "{" {
            let mut stream = serde_json::Deserializer::from_str(&text[offset..]).into_iter();
            if let Some(Ok(value)) = stream.next() {
                bodies.push(value);
            }
        }
        offset += line.len();
    }
    bodies
}

/// The error messages and codes of a document's JSON bodies: the flat form's
/// `error` string (and the `warning` of a partial success), or the nested
/// form's `error.message` and `error.code`.
fn body_messages_and_codes(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut messages = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for body in json_bodies(text) {
        match body.get("error") {
            Some(Value::String(message)) => {
                messages.insert(message.clone());
            }
            Some(Value::Object(error)) => {
                if let Some(Value::String(message)) = error.get("message") {
                    messages.insert(message.clone());
                }
                if let Some(Value::String(code)) = error.get("code") {
                    codes.insert(code.clone());
                }
            }
            _ => {}
        }
        if let Some(Value::String(warning)) = body.get("warning") {
            messages.insert(warning.clone());
        }
    }
    (messages, codes)
}

/// The double-quoted texts of a line, with `\"` unescaped.
fn quoted(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (c, current.as_mut()) {
            ('\\', Some(text)) => text.extend(chars.next()),
            ('"', Some(_)) => found.extend(current.take()),
            ('"', None) => current = Some(String::new()),
            (c, Some(text)) => text.push(c),
            (_, None) => {}
        }
    }
    found
}

/// Every message a document prints: its JSON bodies' messages, and for
/// Agent700 the quoted texts of its `Error:` reference lines and `Issue:`
/// titles.
fn printed_messages(seed: &str, text: &str) -> BTreeSet<String> {
    let (mut messages, _) = body_messages_and_codes(text);
    if seed == AGENT700 {
        for line in text.lines() {
            let line = line.trim_start_matches([' ', '•']);
            if line.starts_with("Error:") || line.starts_with("Issue:") {
                messages.extend(quoted(line));
            }
        }
    }
    messages
}

/// Every code id a document defines: 7en's table rows, and the codes of the
/// JSON bodies.
fn printed_codes(seed: &str, text: &str) -> BTreeSet<String> {
    let (_, mut codes) = body_messages_and_codes(text);
    if seed == SEVEN_EN {
        for line in text.lines() {
            if let Some(row) = line.strip_prefix("| `") {
                codes.extend(row.split('`').next().map(str::to_owned));
            }
        }
    }
    codes
}

/// Whether `text` is what `segments` produce with every param replaced by
/// some non-empty text.
fn matches(segments: &[Segment], text: &str) -> bool {
    match segments.split_first() {
        None => text.is_empty(),
        Some((Segment::Literal(literal), rest)) => text
            .strip_prefix(literal.as_str())
            .is_some_and(|tail| matches(rest, tail)),
        Some((Segment::Param(_), rest)) => text
            .char_indices()
            .map(|(index, _)| index)
            .skip(1)
            .chain([text.len()])
            .filter(|&end| end > 0)
            .any(|end| matches(rest, &text[end..])),
    }
}

/// The segments of a message as a document prints it: `<name>` is a param.
fn printed_segments(printed: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut rest = printed;
    while let Some(start) = rest.find('<') {
        let Some(length) = rest[start..].find('>') else {
            break;
        };
        if start > 0 {
            segments.push(Segment::Literal(rest[..start].to_owned()));
        }
        segments.push(Segment::Param(rest[start + 1..start + length].to_owned()));
        rest = &rest[start + length + 1..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Literal(rest.to_owned()));
    }
    segments
}

/// Loads the shipped catalog, failing on any error or warning.
fn shipped_catalog() -> Catalog {
    let loaded = codegen::load(&workspace().join("catalog"));
    assert!(
        loaded.diagnostics.is_empty(),
        "the shipped catalog has {} error(s) and {} warning(s):\n{}",
        loaded.diagnostics.error_count(),
        loaded.diagnostics.warning_count(),
        loaded.diagnostics.render(false),
    );
    loaded.catalog
}

/// Whether `code`'s message has no literal text, so that it produces any message.
fn is_catch_all(code: &Code) -> bool {
    code.message
        .segments
        .iter()
        .all(|segment| matches!(segment, Segment::Param(_)))
}

/// Whether `code`'s id or one of its aliases is `id`.
fn is_named(code: &Code, id: &str) -> bool {
    code.id == id || code.aliases.iter().any(|alias| *alias == id)
}

#[test]
fn shipped_catalog_loads_without_errors_or_warnings() {
    let catalog = shipped_catalog();
    assert!(
        catalog.codes().count() > 0,
        "the shipped catalog has no codes"
    );
}

#[test]
fn seed_lists_match_the_documents() {
    let mut problems = Vec::new();
    for seed in [SEVEN_EN, AGENT700, HEPPU] {
        let text = seed_text(seed);

        let codes = printed_codes(seed, &text);
        let listed_codes: BTreeSet<&str> = SEED_CODES
            .iter()
            .filter(|(code_seed, _)| *code_seed == seed)
            .map(|(_, code)| *code)
            .collect();
        for code in &codes {
            if !listed_codes.contains(code.as_str()) {
                problems.push(format!(
                    "{seed}: code `{code}` is not in `SEED_CODES`, add it"
                ));
            }
        }
        for code in &listed_codes {
            if !codes.contains(*code) {
                problems.push(format!(
                    "{seed}: `SEED_CODES` lists `{code}`, which the document does not define"
                ));
            }
        }

        let messages = printed_messages(seed, &text);
        let listed_messages: BTreeSet<&str> = SEED_MESSAGES
            .iter()
            .filter(|message| message.seed == seed)
            .map(|message| message.printed)
            .chain(
                NOT_MESSAGES
                    .iter()
                    .filter(|(exempt_seed, _, _)| *exempt_seed == seed)
                    .map(|(_, text, _)| *text),
            )
            .collect();
        for message in &messages {
            if !listed_messages.contains(message.as_str()) {
                problems.push(format!(
                    "{seed}: message `{message}` is not in `SEED_MESSAGES`, add it with its code"
                ));
            }
        }
        for message in &listed_messages {
            if !messages.contains(*message) {
                problems.push(format!(
                    "{seed}: `{message}` is listed but the document does not print it"
                ));
            }
        }
    }
    for message in SEED_MESSAGES {
        if !matches(&printed_segments(message.printed), message.instance) {
            problems.push(format!(
                "{}: instance `{}` does not fit the printed form `{}`",
                message.seed, message.instance, message.printed
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_seed_code_is_in_the_catalog() {
    let catalog = shipped_catalog();
    let missing: Vec<String> = SEED_CODES
        .iter()
        .filter(|(_, id)| !catalog.codes().any(|code| is_named(code, id)))
        .map(|(seed, id)| format!("{seed}: code `{id}` is neither an id nor an alias"))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_seed_message_is_in_the_catalog() {
    let catalog = shipped_catalog();
    let mut problems = Vec::new();
    for message in SEED_MESSAGES {
        // A message that is a single placeholder (`{reason}`) produces any
        // text, so it only counts for the code expected to send the message.
        let senders: Vec<&str> = catalog
            .codes()
            .filter(|code| code.id == message.code || !is_catch_all(code))
            .filter(|code| matches(&code.message.segments, message.instance))
            .map(|code| code.id.as_str())
            .collect();
        if senders.is_empty() {
            problems.push(format!(
                "{}: no code's message produces `{}`",
                message.seed, message.instance
            ));
        } else if !senders.contains(&message.code) {
            problems.push(format!(
                "{}: `{}` should be sent by `{}`, but only {} produce it",
                message.seed,
                message.instance,
                message.code,
                senders.join(", ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The message `template` gives with the param values of `example`.
fn render(template: &Template, example: &Example) -> String {
    let mut message = String::new();
    for segment in &template.segments {
        match segment {
            Segment::Literal(text) => message.push_str(text),
            Segment::Param(name) => match example.params.get(name).map(|value| &value.value) {
                Some(ParamValue::String(text)) => message.push_str(text),
                Some(ParamValue::Integer(number)) => message.push_str(&number.to_string()),
                Some(ParamValue::Bool(flag)) => message.push_str(&flag.to_string()),
                Some(other) => panic!("param `{name}` is {}", other.describe()),
                None => {}
            },
        }
    }
    message
}

/// The error message of a JSON error body: the flat form's `error`, or the
/// nested and rich forms' `error.message`.
fn body_message(body: &Value) -> Option<&str> {
    match body.get("error")? {
        Value::String(message) => Some(message),
        Value::Object(error) => error.get("message")?.as_str(),
        _ => None,
    }
}

#[test]
fn seed_fixture_names_catalog_examples_that_give_its_messages() {
    let catalog = shipped_catalog();
    let path = workspace().join("errors-core/tests/fixtures/seed_examples.json");
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read `{}`: {error}", path.display()));
    let entries: Vec<Value> =
        serde_json::from_str(&text).expect("the seed fixture is a JSON array");
    let mut problems = Vec::new();
    for entry in &entries {
        let field = |name: &str| entry[name].as_str().unwrap_or_default();
        let place = format!("{}:{}", field("seed"), entry["line"]);
        let Some(code) = catalog.codes().find(|code| code.id == field("code")) else {
            problems.push(format!("{place}: no code has the id `{}`", field("code")));
            continue;
        };
        let Some(example) = code
            .examples
            .iter()
            .find(|example| example.name == field("example"))
        else {
            problems.push(format!(
                "{place}: `{}` has no example `{}`",
                code.id,
                field("example")
            ));
            continue;
        };
        if entry["status"].as_u64() != Some(u64::from(code.status)) {
            problems.push(format!(
                "{place}: status {} but `{}` is {}",
                entry["status"], code.id, code.status
            ));
        }
        let template = match field("audience") {
            "admin" => &code.message,
            _ => code.public_template(),
        };
        let rendered = render(template, example);
        if body_message(&entry["body"]) != Some(rendered.as_str()) {
            problems.push(format!(
                "{place}: `{}/{}` gives the message `{rendered}`, the body has {}",
                code.id, example.name, entry["body"]
            ));
        }
    }
    assert!(
        entries.len() >= 40,
        "only {} fixture entries",
        entries.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn template_matching_needs_every_literal_and_a_value_per_param() {
    let segments = vec![
        Segment::Literal("Server name \"".into()),
        Segment::Param("name".into()),
        Segment::Literal("\" already exists".into()),
    ];
    assert!(matches(&segments, "Server name \"a\" already exists"));
    assert!(!matches(&segments, "Server name \"\" already exists"));
    assert!(!matches(
        &segments,
        "Server name \"a\" already exists for this agent"
    ));
    assert!(!matches(&segments, "Server name \"a\""));
    assert_eq!(
        printed_segments("Only <who> can <action>"),
        vec![
            Segment::Literal("Only ".into()),
            Segment::Param("who".into()),
            Segment::Literal(" can ".into()),
            Segment::Param("action".into()),
        ]
    );
    assert_eq!(
        quoted(r#"Error: "Server \"<id>\" gone" or "Gone""#),
        ["Server \"<id>\" gone", "Gone"]
    );
}
