//! Code-generation rows: `cargo xtask synth --measure` on synthetic catalogs
//! of 1,000, 10,000 and 20,000 codes, in the build `cargo xtask` itself
//! uses (its own optimised `xtask` profile), so the figures are the ones
//! users get.
//!
//! Each size runs in its own process, so that its peak memory is its own;
//! the median of the runs is kept.

use std::process::Command;

use serde_json::Value;

use super::run_captured;
use super::table::{Goal, Row, mebibytes, micros, millis, thousands};

/// The catalog sizes measured; the first is the reference for linear
/// growth.
const SIZES: [u64; 3] = [1_000, 10_000, 20_000];

/// One measurement of the pipeline on a catalog, as `synth --measure --json`
/// prints it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Sample {
    load_ns: f64,
    rust_ns: f64,
    schemas_ns: f64,
    total_ns: f64,
    generated_bytes: u64,
    peak_bytes: u64,
}

impl Sample {
    fn parse(line: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(line)
            .map_err(|error| format!("unexpected synth output `{line}`: {error}"))?;
        let number = |name: &str| {
            value[name]
                .as_u64()
                .ok_or_else(|| format!("no `{name}` in `{line}`"))
        };
        Ok(Self {
            load_ns: number("load_ns")? as f64,
            rust_ns: number("rust_ns")? as f64,
            schemas_ns: number("schemas_ns")? as f64,
            total_ns: number("total_ns")? as f64,
            generated_bytes: number("generated_bytes")?,
            peak_bytes: number("peak_bytes")?,
        })
    }
}

/// Adds, per size, the time per code against the smallest size's (linear
/// growth) and the peak memory against the generated output (at most ten
/// times from 10,000 codes on); for 10,000 codes, the total against one
/// second.
pub(super) fn rows(quick: bool, rows: &mut Vec<Row>) -> Result<(), String> {
    let xtask = std::env::current_exe()
        .map_err(|error| format!("cannot find the xtask executable: {error}"))?;
    let runs = if quick { 1 } else { 3 };
    let mut measured = Vec::new();
    for codes in SIZES {
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let output = run_captured(
                &format!("codegen: {} codes", thousands(codes)),
                Command::new(&xtask).args([
                    "synth",
                    "--codes",
                    &codes.to_string(),
                    "--measure",
                    "--json",
                ]),
            )?;
            let line = output
                .lines()
                .find(|line| line.starts_with('{'))
                .ok_or("`cargo xtask synth --measure --json` printed no measurement")?;
            samples.push(Sample::parse(line)?);
        }
        samples.sort_by(|a, b| a.total_ns.total_cmp(&b.total_ns));
        measured.push((codes, samples[samples.len() / 2]));
    }
    push_rows(&measured, rows);
    Ok(())
}

/// The rows of the measured sizes, the first being the reference.
fn push_rows(measured: &[(u64, Sample)], rows: &mut Vec<Row>) {
    let Some(&(smallest, first)) = measured.first() else {
        return;
    };
    let base = first.total_ns / smallest as f64;
    for &(codes, sample) in measured {
        let each = sample.total_ns / codes as f64;
        rows.push(Row {
            what: format!(
                "codegen {} codes: time per code vs {} codes (linear growth)",
                thousands(codes),
                thousands(smallest)
            ),
            ours: micros(each),
            baseline: micros(base),
            ratio: Some(each / base),
            goal: if codes == smallest {
                Goal::None
            } else {
                Goal::AtMost(1.25)
            },
        });
        if codes == 10_000 {
            rows.push(Row {
                what: format!(
                    "codegen 10,000 codes: load + validate + emit Rust and schemas vs 1 s \
                     (load {}, Rust {}, schemas {})",
                    millis(sample.load_ns),
                    millis(sample.rust_ns),
                    millis(sample.schemas_ns)
                ),
                ours: millis(sample.total_ns),
                baseline: "1,000 ms".to_owned(),
                ratio: Some(sample.total_ns / 1e9),
                goal: Goal::AtMost(1.0),
            });
        }
        rows.push(Row {
            what: format!(
                "codegen {} codes: peak memory vs the generated output ({})",
                thousands(codes),
                mebibytes(sample.generated_bytes)
            ),
            ours: mebibytes(sample.peak_bytes),
            baseline: mebibytes(sample.generated_bytes),
            ratio: Some(sample.peak_bytes as f64 / sample.generated_bytes as f64),
            // The goal is on large catalogs: for a small one, the process's
            // own memory (code, runtime) outweighs the output.
            goal: if codes >= 10_000 {
                Goal::AtMost(10.0)
            } else {
                Goal::None
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_read_and_compared() {
        let line = r#"{"codes":1000,"load_ns":100000000,"rust_ns":50000000,"schemas_ns":10000000,"total_ns":160000000,"generated_bytes":4000000,"peak_bytes":20000000}"#;
        let small = Sample::parse(line).unwrap();
        assert_eq!(small.generated_bytes, 4_000_000);
        let large = Sample {
            total_ns: small.total_ns * 12.0,
            generated_bytes: small.generated_bytes * 10,
            peak_bytes: small.peak_bytes * 10,
            ..small
        };
        let mut rows = Vec::new();
        push_rows(&[(1_000, small), (10_000, large)], &mut rows);
        let what: Vec<&str> = rows.iter().map(|row| row.what.as_str()).collect();
        assert_eq!(what.len(), 5, "{what:?}");
        assert_eq!(rows[1].met(), None);
        assert_eq!(rows[2].ratio, Some(1.2));
        assert_eq!(rows[2].met(), Some(true));
        assert_eq!(rows[3].ours, "1,920 ms");
        assert_eq!(rows[3].met(), Some(false));
        assert_eq!(rows[4].ratio, Some(5.0));
        assert!(Sample::parse("{}").is_err());
    }
}
