//! The live-server row: an axum server answering `429` from the generated
//! `RateLimitExceeded` (`/ours`) and from a hand-written handler
//! (`/baseline`), loaded in alternating rounds; the row is the median of
//! the rounds' ratios, with their spread.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::load_generator::{INSTALL_HINT, LoadGenerator};
use super::table::{Goal, Row, thousands};
use super::{cargo, run_visible};

/// Kills the server when dropped, whatever happens to the measurement.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Builds and starts the server, loads both routes and adds the row; with
/// no load generator, adds a note saying how to get one instead.
pub(super) fn rows(
    target: &Path,
    quick: bool,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let Some(generator) = LoadGenerator::find() else {
        notes.push(format!(
            "live server skipped: no load generator on the PATH; {INSTALL_HINT}"
        ));
        return Ok(());
    };
    run_visible(
        "build the live server",
        cargo().args([
            "build",
            "--quiet",
            "--release",
            "-p",
            "benchmarks",
            "--example",
            "rate_limit_server",
        ]),
    )?;
    let binary = target.join("release/examples/rate_limit_server");
    let mut child = Command::new(&binary)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start `{}`: {error}", binary.display()))?;
    let stdout = child.stdout.take();
    let server = Server(child);
    let mut first_line = String::new();
    if let Some(stdout) = stdout {
        BufReader::new(stdout)
            .read_line(&mut first_line)
            .map_err(|error| format!("cannot read the server's address: {error}"))?;
    }
    let base = first_line
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("the server did not start: `{}`", first_line.trim()))?
        .to_owned();
    // Short rounds, alternating sides, and the median of each round's
    // ratio: the two sides of a round see the same machine load.
    let (rounds, seconds) = if quick { (4, 2) } else { (8, 3) };
    let duration = Duration::from_secs(seconds);
    let connections = 32;
    eprintln!(
        "== live server: {rounds} rounds of {seconds}s per side, {connections} connections, {}",
        generator.name(),
    );
    // A short warm-up of both routes, not counted.
    for path in ["/ours", "/baseline"] {
        generator.load(
            &format!("{base}{path}"),
            Duration::from_secs(1),
            connections,
        )?;
    }
    let (mut ours, mut baseline, mut ratios, mut errors) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for round in 0..rounds {
        // Alternate which side goes first.
        let order = if round % 2 == 0 {
            ["/ours", "/baseline"]
        } else {
            ["/baseline", "/ours"]
        };
        let mut rps = [0.0; 2];
        for path in order {
            let (measured, failed) =
                generator.load(&format!("{base}{path}"), duration, connections)?;
            eprintln!("   round {}: {path}: {measured:.0} requests/s", round + 1);
            rps[usize::from(path == "/baseline")] = measured;
            errors += failed;
        }
        ours.push(rps[0]);
        baseline.push(rps[1]);
        ratios.push(rps[0] / rps[1]);
    }
    drop(server);
    if errors > 0 {
        notes.push(format!(
            "live server: {errors} socket errors during the load"
        ));
    }
    let (low, high) = spread(&ratios);
    rows.push(Row {
        what: format!(
            "live axum server, 429 + rate-limit headers ({}, median of {rounds} alternating rounds, \
             rounds from {low:.2} to {high:.2}): requests/s",
            generator.name()
        ),
        ours: format!("{}/s", thousands(median(&mut ours).round() as u64)),
        baseline: format!("{}/s", thousands(median(&mut baseline).round() as u64)),
        ratio: Some(median(&mut ratios)),
        goal: Goal::AtLeast(0.95),
    });
    Ok(())
}

/// The median of `values` (the mean of the middle two for an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        len => (values[(len - 1) / 2] + values[len / 2]) / 2.0,
    }
}

/// The lowest and highest of `values`.
fn spread(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &value| {
            (low.min(value), high.max(value))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_spreads() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(spread(&[0.9, 1.1, 1.0]), (0.9, 1.1));
    }
}
