//! `cargo xtask check`: validates the catalog.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use ::codegen::text::plural;
use clap::Args;

/// Options of `cargo xtask check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The catalog directory (default: `<workspace root>/catalog`).
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,

    /// Fail on warnings as well as on errors.
    #[arg(long)]
    deny_warnings: bool,
}

/// What a check concluded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// Whether the check passed.
    pub success: bool,
    /// The diagnostics, rendered (empty when there are none).
    pub report: String,
    /// The line printed on success.
    pub summary: Option<String>,
}

/// Runs the check, printing diagnostics to stderr and the summary to stdout.
pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let outcome = check(args, color);
    eprint!("{}", outcome.report);
    if let Some(summary) = &outcome.summary {
        println!("{summary}");
    }
    if outcome.success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Loads and validates the catalog.
pub(crate) fn check(args: &CheckArgs, color: bool) -> Outcome {
    let dir = args
        .catalog
        .clone()
        .unwrap_or_else(|| crate::workspace_root().join("catalog"));
    let loaded = codegen::load(&crate::display_path(&dir));
    let diagnostics = &loaded.diagnostics;
    let mut report = diagnostics.render(color);
    let warnings_fail = args.deny_warnings && diagnostics.warning_count() > 0;
    let success = !diagnostics.has_errors() && !warnings_fail;
    if warnings_fail && !diagnostics.has_errors() {
        report.push_str("error: warnings are denied by `--deny-warnings`\n");
    }
    let summary = success.then(|| {
        let domains = loaded.catalog.domains.len();
        let codes = loaded.catalog.codes().count();
        let problems = match diagnostics.warning_count() {
            0 => "no problems".to_owned(),
            1 => "1 warning".to_owned(),
            n => format!("{n} warnings"),
        };
        format!(
            "checked {domains} {}, {codes} {}: {problems}",
            plural(domains, "domain", "domains"),
            plural(codes, "code", "codes"),
        )
    });
    Outcome {
        success,
        report,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn fixture(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../codegen/tests/fixtures")
            .join(path)
    }

    fn run_check(path: &str, deny_warnings: bool) -> Outcome {
        let args = CheckArgs {
            catalog: Some(fixture(path)),
            deny_warnings,
        };
        check(&args, false)
    }

    #[test]
    fn a_valid_catalog_passes_with_a_summary() {
        let outcome = run_check("valid/several-domains", true);
        assert!(outcome.success, "{}", outcome.report);
        assert_eq!(outcome.report, "");
        assert_eq!(
            outcome.summary.as_deref(),
            Some("checked 3 domains, 4 codes: no problems")
        );
    }

    #[test]
    fn errors_fail_the_check() {
        let outcome = run_check("invalid/duplicate-id", false);
        assert!(!outcome.success);
        assert!(
            outcome.report.contains("error[duplicate-id]"),
            "{}",
            outcome.report
        );
        assert_eq!(outcome.summary, None);
    }

    #[test]
    fn warnings_fail_only_when_denied() {
        let outcome = run_check("warning/unused-param", false);
        assert!(outcome.success, "{}", outcome.report);
        assert_eq!(
            outcome.summary.as_deref(),
            Some("checked 1 domain, 1 code: 1 warning")
        );
        let denied = run_check("warning/unused-param", true);
        assert!(!denied.success);
        assert!(denied.report.contains("warning[unused-param]"));
        assert!(denied.report.contains("`--deny-warnings`"));
    }

    #[test]
    fn the_shipped_catalog_passes() {
        let args = CheckArgs {
            catalog: None,
            deny_warnings: false,
        };
        let outcome = check(&args, false);
        assert!(outcome.success, "{}", outcome.report);
    }
}
