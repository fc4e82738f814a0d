//! `cargo xtask bench`: runs the benchmarks of the `benchmarks` crate and
//! prints one table of ratios, each against its goal.
//!
//! Every ratio divides two sides measured in the same run, so it holds up on
//! a noisy machine where absolute times drift: criterion's median times for
//! rendering, parsing and code generation, gungraun's instruction counts
//! (when `gungraun-runner` is installed), allocation counts, and requests
//! per second of a live axum server under `wrk` or `oha`, alternating sides.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, SystemTime};

use clap::Args;
use serde_json::Value;

use crate::workspace_root;

/// Options of `cargo xtask bench`.
#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    /// Fewer samples and shorter load: about a minute less noise-proof.
    #[arg(long)]
    quick: bool,

    /// Write the table to this file as well (Markdown).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,

    /// Run only these parts (repeat or separate with commas); all by default.
    #[arg(long, value_enum, value_delimiter = ',')]
    only: Vec<Part>,
}

/// The parts of the benchmark run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Part {
    /// Rendering against serde and http-api-problem (criterion).
    Render,
    /// Allocations per rendering.
    Alloc,
    /// The client parser against serde (criterion).
    Parse,
    /// Instruction counts (gungraun).
    Instructions,
    /// The code generator on synthetic catalogs.
    Codegen,
    /// The live axum server under a load generator.
    Server,
}

/// The envelopes and cases of the render and parse benchmarks, in table order.
const ENVELOPES: [&str; 4] = ["nested", "flat", "rich", "problem"];
const CASES: [&str; 2] = ["plain", "params"];

/// The version of `gungraun` the benchmarks use; its runner must match.
const GUNGRAUN_VERSION: &str = "0.20.0";

/// One row of the table.
struct Row {
    what: String,
    ours: String,
    baseline: String,
    ratio: Option<f64>,
    goal: Goal,
}

/// A goal on a row's ratio (or on `ours` itself, for counts).
#[derive(Clone, Copy)]
enum Goal {
    /// The ratio is at most this.
    AtMost(f64),
    /// The ratio is at least this.
    AtLeast(f64),
    /// `ours` (a count) is at most this.
    CountAtMost(u64),
    /// Shown for information.
    None,
}

impl Row {
    fn goal_text(&self) -> String {
        match self.goal {
            Goal::AtMost(limit) => format!("≤ {limit:.2}"),
            Goal::AtLeast(limit) => format!("≥ {limit:.2}"),
            Goal::CountAtMost(limit) => format!("≤ {limit}"),
            Goal::None => "—".to_owned(),
        }
    }

    fn met(&self) -> Option<bool> {
        match (self.goal, self.ratio) {
            (Goal::AtMost(limit), Some(ratio)) => Some(ratio <= limit),
            (Goal::AtLeast(limit), Some(ratio)) => Some(ratio >= limit),
            (Goal::CountAtMost(limit), _) => self.ours.parse::<u64>().ok().map(|n| n <= limit),
            _ => None,
        }
    }
}

/// Runs the command.
pub(crate) fn run(args: &BenchArgs) -> ExitCode {
    let root = workspace_root();
    let target = target_dir(&root);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut failed = false;

    let mut step = |name: &str, result: Result<(), String>| {
        if let Err(message) = result {
            eprintln!("error: {name}: {message}");
            failed = true;
        }
    };

    let runs = |part: Part| args.only.is_empty() || args.only.contains(&part);
    if runs(Part::Render) {
        step(
            "render benchmarks",
            criterion_ratios(&target, "render", args.quick, &mut rows),
        );
    }
    if runs(Part::Alloc) {
        step("allocation counts", allocations(&mut rows));
    }
    if runs(Part::Parse) {
        step(
            "parse benchmarks",
            criterion_ratios(&target, "parse", args.quick, &mut rows),
        );
    }
    if runs(Part::Instructions) {
        match gungraun_runner() {
            Some(runner) => step("instruction counts", instructions(&runner, &mut rows)),
            None => notes.push(format!(
                "instruction counts skipped: `gungraun-runner` {GUNGRAUN_VERSION} is not installed \
                 (`cargo install gungraun-runner@{GUNGRAUN_VERSION}`; valgrind is needed too)"
            )),
        }
    }
    if runs(Part::Codegen) {
        step("codegen benchmarks", codegen(args.quick, &mut rows));
    }
    if runs(Part::Server) {
        step(
            "live server",
            server(&target, args.quick, &mut rows, &mut notes),
        );
    }

    let table = table(&rows, &notes, args.quick);
    println!("\n{table}");
    if let Some(out) = &args.out
        && let Err(error) = std::fs::write(out, &table)
    {
        eprintln!("error: cannot write `{}`: {error}", out.display());
        failed = true;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The cargo target directory.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        })
        .unwrap_or_else(|| root.join("target"))
}

/// `cargo` as cargo itself names it when running xtask.
fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(workspace_root());
    command
}

/// Runs `command`, printing `what` first; its output goes to standard
/// error, keeping standard output for the table.
fn run_visible(what: &str, command: &mut Command) -> Result<(), String> {
    eprintln!("== {what}");
    let status = command
        .stdout(Stdio::from(std::io::stderr()))
        .status()
        .map_err(|error| format!("cannot start `{command:?}`: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{command:?}` failed with {status}"))
    }
}

/// Runs `command` and returns its standard output; standard error goes to
/// the terminal.
fn run_captured(what: &str, command: &mut Command) -> Result<String, String> {
    eprintln!("== {what}");
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot start `{command:?}`: {error}"))?;
    if output.status.success() {
        String::from_utf8(output.stdout).map_err(|_| "the output is not UTF-8".to_owned())
    } else {
        Err(format!("`{command:?}` failed with {}", output.status))
    }
}

/// Criterion's command-line options for the mode.
fn criterion_options(quick: bool) -> [&'static str; 7] {
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
fn criterion_ratios(
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
            .args(criterion_options(quick)),
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

/// Allocation counts per rendering, from the counting-allocator example.
fn allocations(rows: &mut Vec<Row>) -> Result<(), String> {
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

/// The gungraun runner: `GUNGRAUN_RUNNER`, or `gungraun-runner` on the
/// `PATH`, when it answers `--version`.
fn gungraun_runner() -> Option<PathBuf> {
    let runner = std::env::var_os("GUNGRAUN_RUNNER")
        .map_or_else(|| PathBuf::from("gungraun-runner"), PathBuf::from);
    let output = Command::new(&runner).arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&output.stdout);
    (output.status.success() && version.contains(GUNGRAUN_VERSION)).then_some(runner)
}

/// Instruction counts of the gungraun bench: a row per render and parse
/// comparison.
fn instructions(runner: &Path, rows: &mut Vec<Row>) -> Result<(), String> {
    let output = run_captured(
        "gungraun: instruction counts",
        cargo()
            .args(["bench", "-p", "benchmarks", "--bench", "instructions", "--"])
            .arg("--output-format=json")
            .env("GUNGRAUN_RUNNER", runner),
    )?;
    let mut counts = std::collections::BTreeMap::new();
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
        Goal::None,
    );
    Ok(())
}

/// The code generator on synthetic catalogs (the `codegen` bench, a plain
/// timing harness): a row per size with the time per code, against the time
/// per code of the smallest catalog (linear growth), and the 10,000-code
/// catalog against one second.
fn codegen(quick: bool, rows: &mut Vec<Row>) -> Result<(), String> {
    let output = run_captured(
        "codegen on synthetic catalogs",
        cargo()
            .args([
                "bench",
                "-p",
                "benchmarks",
                "--bench",
                "codegen",
                "--",
                "--runs",
            ])
            .arg(if quick { "1" } else { "3" }),
    )?;
    let mut per_code = Vec::new();
    for line in output.lines().filter(|line| line.starts_with('{')) {
        let value: Value = serde_json::from_str(line)
            .map_err(|error| format!("unexpected codegen output `{line}`: {error}"))?;
        let number = |name: &str| {
            value[name]
                .as_u64()
                .ok_or_else(|| format!("no `{name}` in `{line}`"))
        };
        let codes = number("codes")?;
        let total = number("total_ns")? as f64;
        let split = format!(
            "load {}, emit {}",
            millis(number("load_ns")? as f64),
            millis(number("emit_ns")? as f64)
        );
        per_code.push((codes, total, total / codes as f64, split));
    }
    let Some(&(smallest, _, base, _)) = per_code.first() else {
        return Err("the codegen bench printed no result".to_owned());
    };
    for (codes, total, each, split) in &per_code {
        rows.push(Row {
            what: format!(
                "codegen {} codes: time per code vs {} codes (linear growth)",
                thousands(*codes),
                thousands(smallest)
            ),
            ours: micros(*each),
            baseline: micros(base),
            ratio: Some(each / base),
            goal: if *codes == smallest {
                Goal::None
            } else {
                Goal::AtMost(1.25)
            },
        });
        if *codes == 10_000 {
            rows.push(Row {
                what: format!("codegen 10,000 codes: load + validate + emit vs 1 s ({split})"),
                ours: millis(*total),
                baseline: "1,000 ms".to_owned(),
                ratio: Some(total / 1e9),
                goal: Goal::AtMost(1.0),
            });
        }
    }
    Ok(())
}

/// A load generator on this machine.
enum LoadGenerator {
    Wrk,
    Oha,
}

impl LoadGenerator {
    /// `wrk`, else `oha`, else `wrk` installed with apt-get when that works.
    fn find(notes: &mut Vec<String>) -> Option<Self> {
        let answers = |program: &str, arg: &str| {
            Command::new(program)
                .arg(arg)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok()
        };
        if answers("wrk", "--version") {
            return Some(Self::Wrk);
        }
        if answers("oha", "--version") {
            return Some(Self::Oha);
        }
        eprintln!("== no load generator found: trying `apt-get install -y wrk`");
        let installed = Command::new("apt-get")
            .args(["install", "-y", "-q", "wrk"])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if installed && answers("wrk", "--version") {
            notes.push("installed `wrk` with apt-get".to_owned());
            return Some(Self::Wrk);
        }
        None
    }

    fn name(&self) -> &'static str {
        match self {
            Self::Wrk => "wrk",
            Self::Oha => "oha",
        }
    }

    /// Loads `url` for `duration` with `connections` connections; returns
    /// the requests per second and the number of failed requests.
    fn load(&self, url: &str, duration: Duration, connections: u32) -> Result<(f64, u64), String> {
        let seconds = format!("{}s", duration.as_secs());
        let connections = connections.to_string();
        let mut command = match self {
            Self::Wrk => {
                let mut command = Command::new("wrk");
                command.args(["-t1", "-c", &connections, "-d", &seconds, url]);
                command
            }
            Self::Oha => {
                let mut command = Command::new("oha");
                command.args([
                    "--no-tui",
                    "--output-format",
                    "json",
                    "-c",
                    &connections,
                    "-z",
                    &seconds,
                    url,
                ]);
                command
            }
        };
        let output = command
            .output()
            .map_err(|error| format!("cannot run {}: {error}", self.name()))?;
        let text = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(format!("{} failed: {text}", self.name()));
        }
        match self {
            Self::Wrk => {
                let number_after = |label: &str| {
                    text.lines()
                        .find_map(|line| line.trim().strip_prefix(label))
                        .and_then(|rest| rest.split_whitespace().next())
                        .and_then(|number| number.parse::<f64>().ok())
                };
                let rps = number_after("Requests/sec:")
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
            Self::Oha => {
                let value: Value = serde_json::from_str(&text)
                    .map_err(|error| format!("oha's output is not JSON: {error}"))?;
                let rps = value["summary"]["requestsPerSec"]
                    .as_f64()
                    .ok_or_else(|| "no `summary.requestsPerSec` in oha's output".to_owned())?;
                let errors = value["errorDistribution"]
                    .as_object()
                    .map_or(0, |map| map.values().filter_map(Value::as_u64).sum());
                Ok((rps, errors))
            }
        }
    }
}

/// Kills the server when dropped, whatever happens to the measurement.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The live server: `/ours` and `/baseline` loaded in alternating rounds.
fn server(
    target: &Path,
    quick: bool,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let Some(generator) = LoadGenerator::find(notes) else {
        notes.push(
            "live server skipped: no load generator; install `wrk` (`apt-get install -y wrk`) \
             or `oha` (`cargo install oha`)"
                .to_owned(),
        );
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
    let (rounds, seconds) = if quick { (2, 2) } else { (4, 3) };
    let duration = Duration::from_secs(seconds);
    let connections = 32;
    eprintln!(
        "== live server: {} rounds of {seconds}s per side, {connections} connections, {}",
        rounds,
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
    let (mut ours, mut baseline, mut ratios, mut errors) = (0.0, 0.0, Vec::new(), 0);
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
        ours += rps[0] / f64::from(rounds);
        baseline += rps[1] / f64::from(rounds);
        ratios.push(rps[0] / rps[1]);
    }
    ratios.sort_by(f64::total_cmp);
    let ratio = (ratios[(ratios.len() - 1) / 2] + ratios[ratios.len() / 2]) / 2.0;
    drop(server);
    if errors > 0 {
        notes.push(format!(
            "live server: {errors} socket errors during the load"
        ));
    }
    rows.push(Row {
        what: format!(
            "live axum server, 429 + rate-limit headers ({}, median of {rounds} rounds): requests/s",
            generator.name()
        ),
        ours: format!("{}/s", thousands(ours.round() as u64)),
        baseline: format!("{}/s", thousands(baseline.round() as u64)),
        ratio: Some(ratio),
        goal: Goal::AtLeast(0.95),
    });
    Ok(())
}

/// The Markdown table, with the notes below it.
fn table(rows: &[Row], notes: &[String], quick: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| measurement | ours | baseline | ratio | goal | met |\n|---|---:|---:|---:|---|---|"
    );
    for row in rows {
        let ratio = row
            .ratio
            .map_or_else(|| "—".to_owned(), |r| format!("{r:.2}"));
        let met = match row.met() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {ratio} | {} | {met} |",
            row.what,
            row.ours,
            row.baseline,
            row.goal_text()
        );
    }
    let _ = writeln!(
        out,
        "\nratio = ours / baseline (for requests/s, higher is better); {} mode",
        if quick { "quick" } else { "full" }
    );
    for note in notes {
        let _ = writeln!(out, "- {note}");
    }
    out
}

/// Nanoseconds, readable.
fn nanos(ns: f64) -> String {
    if ns >= 1_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Nanoseconds as microseconds.
fn micros(ns: f64) -> String {
    format!("{:.1} µs", ns / 1_000.0)
}

/// Nanoseconds as milliseconds.
fn millis(ns: f64) -> String {
    format!("{} ms", thousands((ns / 1e6).round() as u64))
}

/// `n` with thousands separators.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(20_000_000), "20,000,000");
    }

    #[test]
    fn goals_decide_met() {
        let row = |ratio, goal, ours: &str| Row {
            what: String::new(),
            ours: ours.to_owned(),
            baseline: String::new(),
            ratio,
            goal,
        };
        assert_eq!(row(Some(1.05), Goal::AtMost(1.10), "").met(), Some(true));
        assert_eq!(row(Some(1.15), Goal::AtMost(1.10), "").met(), Some(false));
        assert_eq!(row(Some(0.90), Goal::AtLeast(0.95), "").met(), Some(false));
        assert_eq!(row(None, Goal::CountAtMost(1), "1").met(), Some(true));
        assert_eq!(row(None, Goal::CountAtMost(1), "2").met(), Some(false));
        assert_eq!(row(Some(1.0), Goal::None, "").met(), None);
    }

    #[test]
    fn the_table_marks_missed_goals() {
        let rows = [Row {
            what: "render flat / plain: vs serde (time)".to_owned(),
            ours: "93 ns".to_owned(),
            baseline: "80 ns".to_owned(),
            ratio: Some(93.0 / 80.0),
            goal: Goal::AtMost(1.10),
        }];
        let table = table(&rows, &["a note".to_owned()], true);
        assert!(
            table.contains(
                "| render flat / plain: vs serde (time) | 93 ns | 80 ns | 1.16 | ≤ 1.10 | **no** |"
            ),
            "{table}"
        );
        assert!(table.contains("- a note"), "{table}");
    }
}
