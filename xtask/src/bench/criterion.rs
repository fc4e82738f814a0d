//! Wall-clock rows from criterion: rendering and parsing against serde, and
//! rendering problem details against `http-api-problem`.

use std::path::Path;
use std::time::SystemTime;

use serde_json::Value;

use super::table::{Goal, Row, nanos};
use super::{CASES, ENVELOPES, cargo, run_visible};

/// Criterion's command-line options for the mode.
fn options(quick: bool) -> [&'static str; 7] {
    if quick {
        [
            "--noplot",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "2",
            "--sample-size",
            "20",
        ]
    } else {
        [
            "--noplot",
            "--warm-up-time",
            "2",
            "--measurement-time",
            "5",
            "--sample-size",
            "60",
        ]
    }
}

/// Runs the criterion bench `bench` (`render` or `parse`) and adds a row per
/// envelope and case: ours against the serde baseline, and for `render`
/// the problem envelope against `http-api-problem`.
pub(super) fn ratios(
    target: &Path,
    bench: &str,
    quick: bool,
    rows: &mut Vec<Row>,
) -> Result<(), String> {
    let started = SystemTime::now();
    run_visible(
        &format!("criterion: {bench}"),
        cargo()
            .args(["bench", "-p", "benchmarks", "--bench", bench, "--"])
            .args(options(quick)),
    )?;
    let goal = if bench == "render" { 1.10 } else { 1.20 };
    for envelope in ENVELOPES {
        for case in CASES {
            let group = format!("{bench}-{envelope}-{case}");
            let ours = median_ns(target, &group, "ours", started)?;
            let serde = median_ns(target, &group, "serde", started)?;
            rows.push(Row {
                what: format!("{bench} {envelope} / {case}: vs serde (time)"),
                ours: nanos(ours),
                baseline: nanos(serde),
                ratio: Some(ours / serde),
                goal: Goal::AtMost(goal),
            });
        }
    }
    if bench == "render" {
        for case in CASES {
            let group = format!("problem-peer-{case}");
            let ours = median_ns(target, &group, "ours", started)?;
            let peer = median_ns(target, &group, "http-api-problem", started)?;
            rows.push(Row {
                what: format!("render problem / {case}: vs http-api-problem (time)"),
                ours: nanos(ours),
                baseline: nanos(peer),
                ratio: Some(ours / peer),
                goal: Goal::AtMost(0.5),
            });
        }
    }
    Ok(())
}

/// The median time, in nanoseconds, criterion measured for `function` of
/// `group` in this run (an older estimate is an error).
fn median_ns(target: &Path, group: &str, function: &str, since: SystemTime) -> Result<f64, String> {
    let path = target
        .join("criterion")
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let fresh = std::fs::metadata(&path)
        .and_then(|meta| meta.modified())
        .is_ok_and(|modified| modified >= since);
    if !fresh {
        return Err(format!(
            "no estimate of `{group}/{function}` from this run at `{}`",
            path.display()
        ));
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|error| format!("`{}` is not JSON: {error}", path.display()))?;
    value["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("`{}` has no `median.point_estimate`", path.display()))
}
