//! Synthetic catalogs of any size, for measuring and compile-testing the
//! pipeline (`cargo xtask synth`, the scale test and `tests/synthetic-1k`).
//!
//! The codes cycle through every shape the catalog format has (each param
//! type, optional and sensitive params, details, headers, field errors,
//! aliases, deprecated and retired codes), and the result loads without a
//! single diagnostic. Codes are split into files of at most
//! `codes_per_file` codes, one domain each, because the YAML parser's node
//! budget limits the size of one file (see [`MAX_NODES`](crate::MAX_NODES)).

use std::fmt::Write as _;
use std::path::PathBuf;

/// The default number of codes per file: well within the parser's budget.
pub const DEFAULT_CODES_PER_FILE: usize = 500;

/// A catalog of `codes` codes in files of at most `codes_per_file` codes,
/// as `(file name, YAML)` pairs for [`load_sources`](crate::load_sources).
///
/// The same arguments always give the same text.
///
/// # Panics
///
/// If `codes_per_file` is 0.
///
/// # Examples
///
/// ```
/// let files = codegen::synth::synthetic_catalog(1_200, 500);
/// assert_eq!(files.len(), 3);
/// let loaded = codegen::load_sources(files);
/// assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics.render(false));
/// assert_eq!(loaded.catalog.codes().count(), 1_200);
/// ```
pub fn synthetic_catalog(codes: usize, codes_per_file: usize) -> Vec<(PathBuf, String)> {
    assert!(codes_per_file > 0, "`codes_per_file` must be at least 1");
    let files = codes.div_ceil(codes_per_file);
    (0..files)
        .map(|file| {
            let first = file * codes_per_file;
            let last = (first + codes_per_file).min(codes);
            let name = format!("synthetic_{file:03}");
            (
                PathBuf::from(format!("{name}.yaml")),
                domain(&name, first..last),
            )
        })
        .collect()
}

/// One domain file holding the codes numbered `range`.
fn domain(name: &str, range: std::ops::Range<usize>) -> String {
    let mut out = String::with_capacity(range.len() * 700);
    let _ = write!(
        out,
        "domain: {name}\ndescription: |\n  Synthetic errors {} to {}.\ncodes:\n",
        range.start,
        range.end.saturating_sub(1)
    );
    for index in range {
        code(&mut out, index);
    }
    out
}

/// The id of code number `index`.
fn code_id(index: usize) -> String {
    format!("synthetic_error_{index:06}")
}

/// Whether code number `index` is deprecated (it names an earlier code).
fn is_deprecated(index: usize) -> bool {
    index % 100 == 42
}

/// Whether code number `index` is retired.
fn is_retired(index: usize) -> bool {
    index % 97 == 13 && !is_deprecated(index)
}

/// Statuses the codes cycle through; 429 and 503 carry `Retry-After`.
const STATUSES: [u16; 9] = [400, 401, 403, 404, 409, 422, 429, 500, 503];

/// Appends code number `index`.
fn code(out: &mut String, index: usize) {
    let status = STATUSES[index % STATUSES.len()];
    let shape = index % 6;
    let server = status >= 500;
    let retryable = matches!(status, 409 | 429) || server;
    let id = code_id(index);
    let _ = write!(out, "  - id: {id}\n    status: {status}\n");
    let message = match shape {
        1 => "Resource {name} failed check {index}.",
        3 => "Window {window} is closed.",
        5 => "Operation failed: {secret}.",
        _ => "Synthetic failure.",
    };
    let _ = writeln!(out, "    message: \"{message} ({index})\"");
    if server || shape == 5 {
        let _ = writeln!(out, "    public_message: \"Synthetic failure ({index}).\"");
    }
    let _ = write!(
        out,
        "    description: |\n      Raised by synthetic operation {index}.\n    resolution: |\n      Retry operation {index} with valid input.\n"
    );
    if retryable {
        out.push_str("    retryable: true\n");
    }
    out.push_str("    since: \"1.0.0\"\n");
    if index % 50 == 7 {
        let _ = writeln!(out, "    aliases: [synthetic_alias_{index:06}]");
    }
    if is_deprecated(index) {
        let mut replacement = index - 1;
        while is_retired(replacement) {
            replacement -= 1;
        }
        let replacement = code_id(replacement);
        let _ = writeln!(
            out,
            "    deprecated:\n      replacement: {replacement}\n      note: \"use `{replacement}`\""
        );
    } else if is_retired(index) {
        out.push_str("    retired:\n      since: \"2.0.0\"\n      note: \"no longer raised\"\n");
    }
    if shape == 4 {
        out.push_str("    fields: true\n");
    }
    params(out, index, shape, status);
    examples(out, index, shape, status);
    out.push('\n');
}

/// Appends the params of a code of `shape`.
fn params(out: &mut String, index: usize, shape: usize, status: u16) {
    let param = |out: &mut String, name: &str, ty: &str, example: &str, extra: &str| {
        let _ = write!(
            out,
            "      - name: {name}\n        type: {ty}\n        description: The {name} of operation {index}.\n        example: {example}\n{extra}"
        );
    };
    let retry = matches!(status, 429 | 503);
    if shape == 0 && !retry {
        return;
    }
    out.push_str("    params:\n");
    if retry {
        param(
            out,
            "retry_after",
            "seconds",
            "30",
            "        header: Retry-After\n",
        );
    }
    match shape {
        1 => {
            param(out, "name", "string", "\"res_1\"", "        detail: name\n");
            param(out, "index", "u32", "7", "");
            param(
                out,
                "count",
                "u64",
                "12",
                "        detail: count\n        header: X-Synthetic-Count\n",
            );
        }
        2 => {
            param(out, "offset", "i32", "-3", "        detail: offset\n");
            param(
                out,
                "total",
                "i64",
                "-9000000000",
                "        detail: total\n",
            );
            param(out, "port", "u16", "8080", "        detail: port\n");
        }
        3 => {
            param(out, "window", "timestamp", "1638360060", "");
            param(
                out,
                "limit",
                "u32",
                "100",
                "        optional: true\n        detail: limit\n",
            );
            param(out, "strict", "bool", "true", "        detail: strict\n");
        }
        4 => {
            param(
                out,
                "rules",
                "string_list",
                "[\"rule a\", \"rule b\"]",
                "        detail: rules\n",
            );
        }
        5 => {
            param(
                out,
                "secret",
                "string",
                "\"internal detail\"",
                "        sensitive: true\n",
            );
        }
        _ => {}
    }
}

/// Appends the examples of a code of `shape`.
fn examples(out: &mut String, index: usize, shape: usize, status: u16) {
    out.push_str("    examples:\n      - name: default\n        params:\n");
    let retry = matches!(status, 429 | 503);
    if retry {
        out.push_str("          retry_after: 30\n");
    }
    let values: &[(&str, &str)] = match shape {
        1 => &[("name", "\"res_1\""), ("index", "7"), ("count", "12")],
        2 => &[("offset", "-3"), ("total", "-9000000000"), ("port", "8080")],
        3 => &[("window", "1638360060"), ("strict", "false")],
        4 => &[("rules", "[\"rule a\"]")],
        5 => &[("secret", "\"internal detail\"")],
        _ => &[],
    };
    if values.is_empty() && !retry {
        out.truncate(out.len() - "        params:\n".len());
    }
    for (name, value) in values {
        let _ = writeln!(out, "          {name}: {value}");
    }
    if shape == 4 {
        let _ = writeln!(
            out,
            "        fields:\n          field_{index}: [\"Field {index} is invalid\"]"
        );
    }
}
