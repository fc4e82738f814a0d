//! Allocation rows: allocations per rendering and per client parse, counted
//! by the counting-allocator examples of the `benchmarks` crate.

use serde_json::Value;

use super::table::{Goal, Row};
use super::{cargo, run_captured};

/// Adds a row per envelope and case for rendering (our allocations against
/// serde's; a code without params allocates the body buffer and nothing
/// else) and for parsing (ours against the plain serde struct's; at most
/// the plain struct's plus what the parsed error itself holds).
pub(super) fn rows(rows: &mut Vec<Row>) -> Result<(), String> {
    for line in example_lines("allocations")? {
        let case = line.text("case")?;
        let serde = line.count("serde")?;
        rows.push(Row {
            what: format!("render {} / {case}: allocations", line.text("envelope")?),
            ours: line.count("ours")?.to_string(),
            baseline: serde.to_string(),
            ratio: None,
            goal: if case == "plain" {
                Goal::CountAtMost(1)
            } else {
                Goal::CountAtMost(serde)
            },
        });
    }
    for line in example_lines("parse_allocations")? {
        let (plain, result) = (line.count("plain")?, line.count("result")?);
        rows.push(Row {
            what: format!(
                "parse {} / {}: allocations (plain struct {plain} + the result's own {result})",
                line.text("envelope")?,
                line.text("case")?,
            ),
            ours: line.count("ours")?.to_string(),
            baseline: plain.to_string(),
            ratio: None,
            goal: Goal::CountAtMost(line.count("budget")?),
        });
    }
    Ok(())
}

/// One JSON object an example printed.
struct Line {
    text: String,
    value: Value,
}

impl Line {
    fn text(&self, name: &str) -> Result<String, String> {
        self.value[name]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no text `{name}` in `{}`", self.text))
    }

    fn count(&self, name: &str) -> Result<u64, String> {
        self.value[name]
            .as_u64()
            .ok_or_else(|| format!("no count `{name}` in `{}`", self.text))
    }
}

/// Runs the `benchmarks` example `name` and reads its JSON lines.
fn example_lines(name: &str) -> Result<Vec<Line>, String> {
    let output = run_captured(
        &format!("allocation counts ({name})"),
        cargo().args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "benchmarks",
            "--example",
            name,
        ]),
    )?;
    output
        .lines()
        .map(|text| {
            serde_json::from_str(text)
                .map(|value| Line {
                    text: text.to_owned(),
                    value,
                })
                .map_err(|error| format!("unexpected output line `{text}`: {error}"))
        })
        .collect()
}
