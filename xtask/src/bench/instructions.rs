//! Instruction-count rows from gungraun (under Valgrind): rendering and
//! parsing against serde, problem details against `http-api-problem`, and
//! the live server's 429 response built in process.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::table::{Goal, Row, thousands};
use super::{CASES, ENVELOPES, cargo, run_captured};

/// The version of `gungraun` the benchmarks use; its runner must match.
pub(super) const GUNGRAUN_VERSION: &str = "0.20.0";

/// The gungraun runner: `GUNGRAUN_RUNNER`, or `gungraun-runner` on the
/// `PATH`, when it answers `--version` with [`GUNGRAUN_VERSION`].
pub(super) fn runner() -> Option<PathBuf> {
    let runner = std::env::var_os("GUNGRAUN_RUNNER")
        .map_or_else(|| PathBuf::from("gungraun-runner"), PathBuf::from);
    let output = Command::new(&runner).arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&output.stdout);
    (output.status.success() && version.contains(GUNGRAUN_VERSION)).then_some(runner)
}

/// Why the instruction rows are missing and how to get them.
pub(super) fn missing_runner_note() -> String {
    format!(
        "instruction counts skipped: `gungraun-runner` {GUNGRAUN_VERSION} is not installed \
         (`cargo install gungraun-runner@{GUNGRAUN_VERSION}`; valgrind is needed too)"
    )
}

/// Runs the gungraun bench with `runner` and adds its rows.
pub(super) fn rows(runner: &Path, rows: &mut Vec<Row>) -> Result<(), String> {
    let output = run_captured(
        "gungraun: instruction counts",
        cargo()
            .args(["bench", "-p", "benchmarks", "--bench", "instructions", "--"])
            .arg("--output-format=json")
            .env("GUNGRAUN_RUNNER", runner),
    )?;
    let counts = parse_counts(&output)?;
    let count = |function: &str, id: &str| {
        counts
            .get(&(function.to_owned(), id.to_owned()))
            .copied()
            .ok_or_else(|| format!("gungraun reported nothing for `{function}` `{id}`"))
    };
    let mut push = |what: String, ours: u64, baseline: u64, goal: Goal| {
        rows.push(Row {
            what,
            ours: thousands(ours),
            baseline: thousands(baseline),
            ratio: Some(ours as f64 / baseline as f64),
            goal,
        });
    };
    for (bench, ours, serde, goal) in [
        ("render", "ours", "serde", 1.10),
        ("parse", "parse_ours", "parse_serde", 1.20),
    ] {
        for envelope in ENVELOPES {
            for case in CASES {
                let id = format!("{envelope}_{case}");
                push(
                    format!("{bench} {envelope} / {case}: vs serde (instructions)"),
                    count(ours, &id)?,
                    count(serde, &id)?,
                    Goal::AtMost(goal),
                );
            }
        }
    }
    for case in CASES {
        let id = format!("problem_{case}");
        push(
            format!("render problem / {case}: vs http-api-problem (instructions)"),
            count("ours", &id)?,
            count("http_api_problem", &id)?,
            Goal::AtMost(0.5),
        );
    }
    let respond = |function: &str| {
        counts
            .iter()
            .find(|((name, _), _)| name == function)
            .map(|(_, &count)| count)
            .ok_or_else(|| format!("gungraun reported nothing for `{function}`"))
    };
    push(
        "live server's 429 response built in process (instructions)".to_owned(),
        respond("respond_ours")?,
        respond("respond_baseline")?,
        Goal::AtMost(1.0),
    );
    Ok(())
}

/// The instruction count of every benchmark in gungraun's JSON lines, by
/// function name and id.
fn parse_counts(output: &str) -> Result<BTreeMap<(String, String), u64>, String> {
    let mut counts = BTreeMap::new();
    for line in output.lines().filter(|line| line.starts_with('{')) {
        let value: Value = serde_json::from_str(line)
            .map_err(|error| format!("unexpected gungraun output `{line}`: {error}"))?;
        let function = value["function_name"].as_str().unwrap_or_default();
        let id = value["id"].as_str().unwrap_or_default();
        let instructions = value["profiles"][0]["data"]["total"]["metrics"]["Ir"]["values"]["new"]
            .as_u64()
            .ok_or_else(|| format!("no instruction count for `{function}` `{id}`"))?;
        counts.insert((function.to_owned(), id.to_owned()), instructions);
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_come_from_the_json_lines() {
        let output = "some text\n\
            {\"function_name\":\"ours\",\"id\":\"flat_plain\",\"profiles\":[{\"data\":{\"total\":{\"metrics\":{\"Ir\":{\"values\":{\"new\":629}}}}}}]}\n";
        let counts = parse_counts(output).unwrap();
        assert_eq!(
            counts.get(&("ours".to_owned(), "flat_plain".to_owned())),
            Some(&629)
        );
        assert!(parse_counts("{\"function_name\":\"ours\"}").is_err());
    }
}
