//! `cargo xtask render CODE --envelope ENVELOPE`: prints an error's body
//! exactly as a server sends it (and with `-i` its status line and headers
//! first), rendered by the runtime from the catalog.
//!
//! The response is what a server with the runtime's default [`Renderer`]
//! settings sends: only the time (`--at`), the request id and, when given,
//! the docs base URL differ. The values start from the code's first example
//! (or `--example NAME`), and `--param` and `--field` override them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use ::codegen::emit_docs;
use ::codegen::model::{Code, ParamType, Value};
use ::codegen::suggest::did_you_mean;
use clap::{Args, ValueEnum};
use errors_core::http::Response;
use errors_core::{
    Audience, DynamicError, Envelope, EnvelopeKind, FixedClock, FlatMcp, Renderer, ResponseContext,
    Timestamp,
};

use crate::lookup::{find_code, load_catalog};

/// Options of `cargo xtask render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// The code's id, or one of its aliases.
    pub(crate) code: String,

    /// The envelope (wire format) to render in.
    #[arg(long, value_enum)]
    pub(crate) envelope: EnvelopeArg,

    /// The catalog example whose values to start from [default: the code's
    /// first example].
    #[arg(long, value_name = "NAME")]
    pub(crate) example: Option<String>,

    /// Sets a param, replacing the example's value (the others keep
    /// theirs); a list is written as `a,b` or as a JSON array, a timestamp
    /// as Unix seconds or RFC 3339.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub(crate) params: Vec<String>,

    /// Adds a field-level message; the example's field messages are then
    /// left out.
    #[arg(long = "field", value_name = "FIELD=MESSAGE")]
    pub(crate) fields: Vec<String>,

    /// Who reads the response.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    pub(crate) audience: AudienceArg,

    /// The time of the response, RFC 3339 [default: now].
    #[arg(long, value_name = "RFC3339")]
    pub(crate) at: Option<String>,

    /// The id of the request being answered [default: none].
    #[arg(long, value_name = "ID")]
    pub(crate) request_id: Option<String>,

    /// Render the MCP form of the flat envelope (`"success": false`).
    #[arg(long)]
    pub(crate) mcp: bool,

    /// Print the status line and the headers before the body.
    #[arg(short = 'i', long = "include")]
    pub(crate) include: bool,

    /// The base URL of the error docs: the problem envelope's `type` is
    /// this followed by the code id [default: none, as the runtime's
    /// `Renderer`: the `type` is `about:blank`].
    #[arg(long, value_name = "URL")]
    pub(crate) docs_base_url: Option<String>,

    /// The catalog directory (default: `<workspace root>/catalog`).
    #[arg(long, value_name = "DIR")]
    pub(crate) catalog: Option<PathBuf>,
}

/// The built-in envelopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum EnvelopeArg {
    /// `{"error": {"code", "message", "status", "fields"}}`.
    Nested,
    /// `{"error": "message"}`.
    Flat,
    /// `{"error": {"message", "status", "code", "timestamp", "details"}}`.
    Rich,
    /// RFC 9457 problem details.
    Problem,
}

/// The audiences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum AudienceArg {
    /// End users: the public message, no sensitive values.
    Public,
    /// Operators: the full message and every value.
    Admin,
}

/// Runs the command.
pub(crate) fn run(args: &RenderArgs) -> ExitCode {
    match render(args) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(output.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            }
        }
        Err(message) => {
            eprint!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// What the command prints: the body and a newline, after the status line
/// and headers with `-i`; or the error message.
pub(crate) fn render(args: &RenderArgs) -> Result<String, String> {
    let catalog = load_catalog(args.catalog.clone())?;
    let code = find_code(&catalog, &args.code)?.code;

    let envelope: &dyn Envelope = match (args.envelope, args.mcp) {
        (EnvelopeArg::Flat, true) => &FlatMcp,
        (_, true) => {
            return Err(
                "error: `--mcp` applies to the flat envelope only\n  = help: add `--envelope flat`, or leave out `--mcp`\n"
                    .to_owned(),
            );
        }
        (EnvelopeArg::Nested, false) => &EnvelopeKind::Nested,
        (EnvelopeArg::Flat, false) => &EnvelopeKind::Flat,
        (EnvelopeArg::Rich, false) => &EnvelopeKind::Rich,
        (EnvelopeArg::Problem, false) => &EnvelopeKind::Problem,
    };
    let at = match &args.at {
        Some(text) => Timestamp::from_unix_seconds(crate::rfc3339::parse(text).ok_or_else(|| {
            format!(
                "error: invalid `--at` value `{text}`\n  = help: write an RFC 3339 time such as `2024-12-01T12:00:00Z`\n"
            )
        })?),
        None => Timestamp::from_system_time(SystemTime::now()),
    };

    let (values, fields) = values(code, args)?;
    let error = emit_docs::dynamic_error(code, &values, &fields);
    let audience = match args.audience {
        AudienceArg::Public => Audience::Public,
        AudienceArg::Admin => Audience::Admin,
    };
    let response = respond(&error, envelope, audience, at, args);

    let mut output = String::new();
    if args.include {
        let status = response.status();
        let _ = writeln!(
            output,
            "HTTP/1.1 {} {}",
            status.as_u16(),
            errors_core::reason_phrase(status).unwrap_or("")
        );
        for (name, value) in emit_docs::headers(code, &response) {
            let _ = writeln!(output, "{name}: {value}");
        }
        output.push('\n');
    }
    output.push_str(&String::from_utf8_lossy(response.body()));
    output.push('\n');
    Ok(output)
}

/// The response a server whose `Renderer` has the runtime's defaults sends
/// for `error`, at the time `at`; `--docs-base-url` and `--request-id` are
/// applied when given.
fn respond(
    error: &DynamicError,
    envelope: &dyn Envelope,
    audience: Audience,
    at: Timestamp,
    args: &RenderArgs,
) -> Response<Vec<u8>> {
    let mut builder = Renderer::builder().clock(FixedClock(at));
    if let Some(url) = &args.docs_base_url {
        builder = builder.docs_base_url(url.as_str());
    }
    let mut context = ResponseContext::new().audience(audience).envelope(envelope);
    if let Some(request_id) = args.request_id.as_deref() {
        context = context.request_id(request_id);
    }
    builder.build().render_response_with(error, &context)
}

/// What an error is rendered from: param values by name and field messages.
type Values = (BTreeMap<String, Value>, Vec<(String, Vec<String>)>);

/// The param values and field messages to render: the example's (`--example`,
/// or the code's first), then the `--param` and `--field` options.
fn values(code: &Code, args: &RenderArgs) -> Result<Values, String> {
    let example = match &args.example {
        Some(name) => Some(
            code.examples
                .iter()
                .find(|example| example.name == name.as_str())
                .ok_or_else(|| {
                    let names: Vec<String> = code
                        .examples
                        .iter()
                        .map(|example| format!("`{}`", example.name.as_str()))
                        .collect();
                    format!(
                        "error: `{}` has no example `{name}`\n  = help: its examples are {}\n",
                        code.id.as_str(),
                        names.join(", ")
                    )
                })?,
        ),
        None => code.examples.first(),
    };
    let mut values: BTreeMap<String, Value> = example
        .map(|example| {
            example
                .params
                .iter()
                .map(|(name, value)| (name.clone(), value.value.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut fields = example
        .map(|example| example.fields.clone())
        .unwrap_or_default();

    for option in &args.params {
        let (name, text) = option.split_once('=').ok_or_else(|| {
            format!(
                "error: `--param {option}` is not `NAME=VALUE`\n  = help: {}\n",
                expected_params(code)
            )
        })?;
        let param = code.param(name).ok_or_else(|| {
            let names = code.params.iter().map(|param| param.name.as_str());
            let help = match did_you_mean(name, names) {
                Some(close) => format!("did you mean `{close}`?"),
                None => expected_params(code),
            };
            format!(
                "error: `{name}` is not a param of `{}`\n  = help: {help}\n",
                code.id.as_str(),
            )
        })?;
        let value = parse_value(param.ty, text).ok_or_else(|| {
            format!(
                "error: invalid value `{text}` for param `{name}`: expected {}\n  = help: {}\n",
                describe_type(param.ty),
                expected_params(code)
            )
        })?;
        values.insert(name.to_owned(), value);
    }

    if !args.fields.is_empty() {
        if !code.fields {
            return Err(format!(
                "error: `{}` carries no field errors\n  = help: leave out `--field`; only codes with `fields: true` carry them\n",
                code.id.as_str()
            ));
        }
        fields.clear();
        for option in &args.fields {
            let (field, message) = option.split_once('=').ok_or_else(|| {
                format!(
                    "error: `--field {option}` is not `FIELD=MESSAGE`\n  = help: write it as `--field email=\"Email already exists\"`\n"
                )
            })?;
            match fields.iter_mut().find(|(name, _)| name == field) {
                Some((_, messages)) => messages.push(message.to_owned()),
                None => fields.push((field.to_owned(), vec![message.to_owned()])),
            }
        }
    }

    let missing: Vec<String> = code
        .params
        .iter()
        .filter(|param| !param.optional && !values.contains_key(param.name.as_str()))
        .map(|param| format!("`{}` ({})", param.name.as_str(), param.ty.as_str()))
        .collect();
    if !missing.is_empty() {
        let names = if missing.len() == 1 {
            "param"
        } else {
            "params"
        };
        return Err(format!(
            "error: missing {names} {}\n  = help: {}; set them with `--param NAME=VALUE`\n",
            missing.join(", "),
            expected_params(code)
        ));
    }
    Ok((values, fields))
}

/// "expected params: `a` (seconds), `b` (u32, optional)", or that there are none.
fn expected_params(code: &Code) -> String {
    if code.params.is_empty() {
        return format!("`{}` has no params", code.id.as_str());
    }
    let params: Vec<String> = code
        .params
        .iter()
        .map(|param| {
            let optional = if param.optional { ", optional" } else { "" };
            format!(
                "`{}` ({}{optional})",
                param.name.as_str(),
                param.ty.as_str()
            )
        })
        .collect();
    format!(
        "the params of `{}` are {}",
        code.id.as_str(),
        params.join(", ")
    )
}

/// What a value of `ty` looks like, for messages.
fn describe_type(ty: ParamType) -> String {
    match ty {
        ParamType::String => "a string".to_owned(),
        ParamType::Bool => "`true` or `false`".to_owned(),
        ParamType::StringList => "a list of strings, as `a,b` or `[\"a\",\"b\"]`".to_owned(),
        ParamType::Timestamp => {
            "a timestamp, as Unix seconds or RFC 3339 (`2024-12-01T12:00:00Z`)".to_owned()
        }
        ParamType::Seconds => "a number of seconds, an integer from 0".to_owned(),
        _ => match ty.integer_range() {
            Some((min, max)) => format!("{}, an integer from {min} to {max}", ty.as_str()),
            None => ty.as_str().to_owned(),
        },
    }
}

/// `text` as a value of `ty`, when it is one.
fn parse_value(ty: ParamType, text: &str) -> Option<Value> {
    let value = match ty {
        ParamType::String => Value::String(text.to_owned()),
        ParamType::Bool => Value::Bool(text.parse().ok()?),
        ParamType::StringList if text.trim_start().starts_with('[') => Value::List(
            serde_json::from_str::<Vec<String>>(text)
                .ok()?
                .into_iter()
                .map(Value::String)
                .collect(),
        ),
        ParamType::StringList => Value::List(
            text.split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| Value::String(item.to_owned()))
                .collect(),
        ),
        ParamType::Timestamp if text.contains(':') => {
            Value::Integer(crate::rfc3339::parse(text)?.into())
        }
        _ => Value::Integer(text.parse().ok()?),
    };
    // The runtime conversion checks that integers fit the type.
    emit_docs::owned_value(ty, &value).map(|_| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(code: &str, envelope: EnvelopeArg) -> RenderArgs {
        RenderArgs {
            code: code.to_owned(),
            envelope,
            example: None,
            params: Vec::new(),
            fields: Vec::new(),
            audience: AudienceArg::Public,
            at: Some("2024-12-01T12:00:00Z".to_owned()),
            request_id: None,
            mcp: false,
            include: false,
            docs_base_url: None,
            catalog: None,
        }
    }

    #[test]
    fn prints_the_status_line_and_headers_with_include() {
        let mut args = options("rate_limit_exceeded", EnvelopeArg::Rich);
        args.include = true;
        args.request_id = Some("req_1".to_owned());
        let output = render(&args).unwrap();
        let (head, body) = output.split_once("\n\n").unwrap();
        assert_eq!(
            head,
            "HTTP/1.1 429 Too Many Requests\nContent-Type: application/json\nRetry-After: 60\n\
             X-RateLimit-Limit: 100\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1638360060\n\
             X-Request-Id: req_1"
        );
        assert!(body.starts_with(
            r#"{"error":{"message":"Rate limit exceeded. Please retry after 60 seconds.""#
        ));
    }

    #[test]
    fn params_override_the_example() {
        let mut args = options("rate_limit_exceeded", EnvelopeArg::Flat);
        args.example = Some("default".to_owned());
        args.params = vec!["retry_after=5".to_owned()];
        assert_eq!(
            render(&args).unwrap(),
            "{\"error\":\"Rate limit exceeded. Please retry after 5 seconds.\",\"retry_after\":5}\n"
        );
    }

    #[test]
    fn a_param_alone_keeps_the_first_example_values_of_the_others() {
        let mut args = options("rate_limit_exceeded", EnvelopeArg::Rich);
        args.params = vec!["retry_after=5".to_owned()];
        let body: serde_json::Value = serde_json::from_str(&render(&args).unwrap()).unwrap();
        let details = &body["error"]["details"];
        assert_eq!(
            body["error"]["message"],
            "Rate limit exceeded. Please retry after 5 seconds."
        );
        // The other values are those of the first example.
        let mut first = options("rate_limit_exceeded", EnvelopeArg::Rich);
        first.example = Some("default".to_owned());
        let example: serde_json::Value = serde_json::from_str(&render(&first).unwrap()).unwrap();
        let expected = &example["error"]["details"];
        assert_eq!(expected["limit"], 100, "{example}");
        for member in ["limit", "remaining", "reset"] {
            assert_eq!(details[member], expected[member], "{member}: {body}");
        }
    }

    #[test]
    fn the_output_ends_with_a_newline() {
        for envelope in [
            EnvelopeArg::Nested,
            EnvelopeArg::Flat,
            EnvelopeArg::Rich,
            EnvelopeArg::Problem,
        ] {
            let output = render(&options("rate_limit_exceeded", envelope)).unwrap();
            assert!(output.ends_with("}\n"), "{envelope:?}: {output:?}");
        }
    }

    #[test]
    fn the_problem_type_is_what_a_default_renderer_sends() {
        let args = options("rate_limit_exceeded", EnvelopeArg::Problem);
        let output = render(&args).unwrap();
        let catalog = load_catalog(None).unwrap();
        let code = find_code(&catalog, "rate_limit_exceeded").unwrap().code;
        let (values, fields) = values(code, &args).unwrap();
        let at = Timestamp::from_unix_seconds(1_733_054_400);
        let default_server = Renderer::builder().clock(FixedClock(at)).build();
        let sent = default_server.render_body(&emit_docs::dynamic_error(code, &values, &fields));
        assert_eq!(output, format!("{}\n", String::from_utf8(sent).unwrap()));
        let body: serde_json::Value = serde_json::from_str(&output).unwrap();
        assert_eq!(body["type"], "about:blank");

        let mut args = args;
        args.docs_base_url = Some("https://errors.example.org/".to_owned());
        let body: serde_json::Value = serde_json::from_str(&render(&args).unwrap()).unwrap();
        assert_eq!(
            body["type"],
            "https://errors.example.org/rate_limit_exceeded"
        );
    }

    #[test]
    fn mistyped_and_misspelt_params_name_the_expected_ones() {
        let mut args = options("rate_limit_exceeded", EnvelopeArg::Flat);
        args.params = vec!["limit=lots".to_owned()];
        let message = render(&args).unwrap_err();
        assert!(
            message.starts_with(
                "error: invalid value `lots` for param `limit`: expected u32, an integer from 0 to 4294967295\n"
            ),
            "{message}"
        );
        assert!(
            message.contains("`retry_after` (seconds), `limit` (u32)"),
            "{message}"
        );
        args.params = vec!["retry_afer=1".to_owned()];
        assert_eq!(
            render(&args).unwrap_err(),
            "error: `retry_afer` is not a param of `rate_limit_exceeded`\n  = help: did you mean `retry_after`?\n"
        );
        args.params = vec!["colour=red".to_owned()];
        let message = render(&args).unwrap_err();
        assert!(
            message.starts_with(
                "error: `colour` is not a param of `rate_limit_exceeded`\n  = help: the params of `rate_limit_exceeded` are `retry_after` (seconds)"
            ),
            "{message}"
        );
    }

    #[test]
    fn fields_replace_the_example_fields() {
        let mut args = options("invalid_request", EnvelopeArg::Nested);
        args.fields = vec!["email=Email is invalid".to_owned()];
        let body: serde_json::Value = serde_json::from_str(&render(&args).unwrap()).unwrap();
        assert_eq!(
            body["error"]["fields"],
            serde_json::json!({"email": ["Email is invalid"]})
        );
        let mut args = options("rate_limit_exceeded", EnvelopeArg::Nested);
        args.fields = vec!["email=x".to_owned()];
        assert!(
            render(&args)
                .unwrap_err()
                .contains("carries no field errors")
        );
    }

    #[test]
    fn options_are_checked() {
        let mut args = options("rate_limit_exceeded", EnvelopeArg::Rich);
        args.mcp = true;
        assert!(
            render(&args)
                .unwrap_err()
                .contains("`--mcp` applies to the flat envelope only")
        );
        let mut args = options("rate_limit_exceeded", EnvelopeArg::Rich);
        args.at = Some("yesterday".to_owned());
        assert!(
            render(&args)
                .unwrap_err()
                .contains("invalid `--at` value `yesterday`")
        );
        let mut args = options("rate_limit_exceeded", EnvelopeArg::Rich);
        args.example = Some("busy".to_owned());
        assert!(render(&args).unwrap_err().contains("has no example `busy`"));
        let args = options("rate_limit_exceded", EnvelopeArg::Rich);
        assert!(
            render(&args)
                .unwrap_err()
                .contains("did you mean `rate_limit_exceeded`")
        );
    }

    #[test]
    fn values_are_parsed_by_type() {
        assert_eq!(parse_value(ParamType::U16, "70000"), None);
        assert_eq!(parse_value(ParamType::I32, "-5"), Some(Value::Integer(-5)));
        assert_eq!(
            parse_value(ParamType::Timestamp, "2021-12-01T12:01:00Z"),
            Some(Value::Integer(1_638_360_060))
        );
        assert_eq!(
            parse_value(ParamType::Timestamp, "-1"),
            Some(Value::Integer(-1))
        );
        assert_eq!(
            parse_value(ParamType::StringList, "a, b"),
            Some(Value::List(vec![
                Value::String("a".into()),
                Value::String("b".into())
            ]))
        );
        assert_eq!(
            parse_value(ParamType::StringList, r#"["a,b"]"#),
            Some(Value::List(vec![Value::String("a,b".into())]))
        );
        assert_eq!(parse_value(ParamType::Bool, "yes"), None);
    }
}

/// Every error body of the three seed documents, rendered from the catalog
/// with `cargo xtask render` as the fixture records it.
#[cfg(test)]
mod seeds {
    use std::collections::BTreeMap;

    use serde_json::Value as Json;

    use super::*;

    /// The seed fixture of errors-core, read as JSON.
    fn seed_examples() -> Vec<Json> {
        let path = crate::workspace_root().join("errors-core/tests/fixtures/seed_examples.json");
        let text = std::fs::read_to_string(&path).expect("the seed fixture is readable");
        serde_json::from_str(&text).expect("the seed fixture parses")
    }

    fn field<'a>(example: &'a Json, name: &str) -> &'a str {
        example[name]
            .as_str()
            .unwrap_or_else(|| panic!("a seed example has a `{name}`"))
    }

    #[test]
    fn every_seed_example_renders_from_the_catalog() {
        let examples = seed_examples();
        assert!(
            examples.len() >= 40,
            "only {} seed examples",
            examples.len()
        );
        for example in &examples {
            let place = format!(
                "{}:{} ({} / {})",
                field(example, "seed"),
                example["line"],
                field(example, "code"),
                field(example, "example")
            );
            let envelope = EnvelopeArg::from_str(field(example, "envelope"), false)
                .unwrap_or_else(|_| panic!("{place}: unknown envelope"));
            let audience = AudienceArg::from_str(field(example, "audience"), false)
                .unwrap_or_else(|_| panic!("{place}: unknown audience"));
            let args = RenderArgs {
                code: field(example, "code").to_owned(),
                envelope,
                example: Some(field(example, "example").to_owned()),
                params: Vec::new(),
                fields: Vec::new(),
                audience,
                at: Some("2024-12-01T12:00:00Z".to_owned()),
                request_id: Some("req_xyz789".to_owned()),
                mcp: example["mcp"].as_bool() == Some(true),
                include: true,
                docs_base_url: None,
                catalog: None,
            };
            let output = render(&args).unwrap_or_else(|message| panic!("{place}: {message}"));
            let (head, body) = output.split_once("\n\n").expect("a head and a body");
            let body: Json = serde_json::from_str(body)
                .unwrap_or_else(|error| panic!("{place}: the body is not JSON: {error}"));
            assert_eq!(body, example["body"], "{place}: body");

            let mut lines = head.lines();
            let status = lines.next().expect("a status line");
            assert!(
                status.starts_with(&format!("HTTP/1.1 {} ", example["status"])),
                "{place}: {status}"
            );
            let headers: BTreeMap<&str, &str> =
                lines.filter_map(|line| line.split_once(": ")).collect();
            for (name, value) in example["headers"].as_object().expect("seed headers") {
                assert_eq!(
                    headers.get(name.as_str()).copied(),
                    value.as_str(),
                    "{place}: header `{name}`"
                );
            }
        }
    }
}
