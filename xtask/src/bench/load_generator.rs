//! The HTTP load generators the live-server rows use: `wrk` or `oha`, found
//! on the `PATH`. Nothing is installed here; when neither is present, the
//! caller says how to get one.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

/// How to get a load generator, for the note of a skipped measurement.
pub(super) const INSTALL_HINT: &str =
    "install `wrk` (`apt-get install wrk` on Debian or Ubuntu) or `oha` (`cargo install oha`)";

/// A load generator on this machine.
pub(super) enum LoadGenerator {
    Wrk,
    Oha,
}

impl LoadGenerator {
    /// `wrk`, else `oha`, when one answers `--version`.
    pub(super) fn find() -> Option<Self> {
        let answers = |program: &str| {
            Command::new(program)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok()
        };
        if answers("wrk") {
            Some(Self::Wrk)
        } else if answers("oha") {
            Some(Self::Oha)
        } else {
            None
        }
    }

    /// The program's name.
    pub(super) fn name(&self) -> &'static str {
        match self {
            Self::Wrk => "wrk",
            Self::Oha => "oha",
        }
    }

    /// Loads `url` for `duration` with `connections` connections; returns
    /// the requests per second and the number of failed requests.
    pub(super) fn load(
        &self,
        url: &str,
        duration: Duration,
        connections: u32,
    ) -> Result<(f64, u64), String> {
        let seconds = format!("{}s", duration.as_secs());
        let connections = connections.to_string();
        let mut command = Command::new(self.name());
        match self {
            Self::Wrk => command.args(["-t1", "-c", &connections, "-d", &seconds, url]),
            Self::Oha => command.args([
                "--no-tui",
                "--output-format",
                "json",
                "-c",
                &connections,
                "-z",
                &seconds,
                url,
            ]),
        };
        let output = command
            .output()
            .map_err(|error| format!("cannot run {}: {error}", self.name()))?;
        let text = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(format!("{} failed: {text}", self.name()));
        }
        match self {
            Self::Wrk => parse_wrk(&text),
            Self::Oha => parse_oha(&text),
        }
    }
}

/// Requests per second and socket errors from wrk's report.
fn parse_wrk(text: &str) -> Result<(f64, u64), String> {
    let rps = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("Requests/sec:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|number| number.parse::<f64>().ok())
        .ok_or_else(|| format!("no `Requests/sec:` in wrk's output: {text}"))?;
    let errors = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("Socket errors:"))
        .map_or(0, |rest| {
            rest.split(',')
                .filter_map(|part| part.split_whitespace().last())
                .filter_map(|n| n.parse::<u64>().ok())
                .sum()
        });
    Ok((rps, errors))
}

/// Requests per second and failed requests from oha's JSON report.
fn parse_oha(text: &str) -> Result<(f64, u64), String> {
    let value: Value =
        serde_json::from_str(text).map_err(|error| format!("oha's output is not JSON: {error}"))?;
    let rps = value["summary"]["requestsPerSec"]
        .as_f64()
        .ok_or_else(|| "no `summary.requestsPerSec` in oha's output".to_owned())?;
    let errors = value["errorDistribution"]
        .as_object()
        .map_or(0, |map| map.values().filter_map(Value::as_u64).sum());
    Ok((rps, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrk_reports_are_read() {
        let report = "Running 2s test @ http://127.0.0.1:1/ours\n  \
            Socket errors: connect 0, read 3, write 0, timeout 2\n\
            Requests/sec:  63991.25\nTransfer/sec:      9.87MB\n";
        assert_eq!(parse_wrk(report).unwrap(), (63991.25, 5));
        assert!(parse_wrk("nothing").is_err());
    }

    #[test]
    fn oha_reports_are_read() {
        let report = r#"{"summary":{"requestsPerSec":100.5},"errorDistribution":{"timeout":2}}"#;
        assert_eq!(parse_oha(report).unwrap(), (100.5, 2));
    }
}
