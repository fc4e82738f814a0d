//! Allocation rows: allocations per rendering, counted by the
//! counting-allocator example of the `benchmarks` crate.

use serde_json::Value;

use super::table::{Goal, Row};
use super::{cargo, run_captured};

/// Adds a row per envelope and case: our allocations against serde's; a
/// code without params allocates the body buffer and nothing else.
pub(super) fn rows(rows: &mut Vec<Row>) -> Result<(), String> {
    let output = run_captured(
        "allocation counts",
        cargo().args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "benchmarks",
            "--example",
            "allocations",
        ]),
    )?;
    for line in output.lines() {
        let value: Value = serde_json::from_str(line)
            .map_err(|error| format!("unexpected output line `{line}`: {error}"))?;
        let field = |name: &str| {
            value[name]
                .as_str()
                .map(str::to_owned)
                .or_else(|| value[name].as_u64().map(|n| n.to_string()))
                .ok_or_else(|| format!("no `{name}` in `{line}`"))
        };
        let case = field("case")?;
        let serde: u64 = field("serde")?
            .parse()
            .map_err(|_| format!("bad count in `{line}`"))?;
        rows.push(Row {
            what: format!("render {} / {case}: allocations", field("envelope")?),
            ours: field("ours")?,
            baseline: serde.to_string(),
            ratio: None,
            goal: if case == "plain" {
                Goal::CountAtMost(1)
            } else {
                Goal::CountAtMost(serde)
            },
        });
    }
    Ok(())
}
