//! Runs the `xtask` binary's commands on a catalog outside this workspace,
//! as a service keeps its own: with and without `_catalog.yaml`, and with an
//! invalid one. Every command takes `--catalog`, and every message names the
//! files of the catalog actually used.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A service's catalog: four codes, two of them with params.
const BILLING: &str = r#"domain: billing
description: Payment and invoice errors.
codes:
  - id: payment_declined
    status: 402
    message: "The payment was declined"
    resolution: Use another payment method.
    examples:
      - name: default
  - id: card_expired
    status: 402
    message: "The card has expired"
    resolution: Update the card's expiry date.
    examples:
      - name: default
  - id: invoice_not_found
    status: 404
    message: "Invoice {invoice_id} not found"
    resolution: Check the invoice id.
    params:
      - name: invoice_id
        type: string
        description: The invoice that was asked for.
        example: inv_9
        detail: invoice_id
    examples:
      - name: default
        params: { invoice_id: inv_9 }
  - id: quota_exceeded
    status: 429
    retryable: true
    message: "Quota exceeded. Retry after {retry_after} seconds."
    resolution: Wait, then retry.
    params:
      - name: retry_after
        type: seconds
        description: Seconds to wait.
        example: 30
        header: Retry-After
    examples:
      - name: default
        params: { retry_after: 30 }
"#;

/// A code added after the first release: a compatible change.
const ADDED_CODE: &str = r#"  - id: refund_failed
    status: 502
    message: "The refund failed"
    public_message: "The refund failed"
    resolution: Retry later.
    examples:
      - name: default
"#;

/// The service's code: raises two of the four codes.
const LIB_RS: &str = "pub fn charge() -> Result<(), BillingError> {\n    Err(BillingError::PaymentDeclined)\n}\n\npub fn invoice(id: String) -> Result<(), BillingError> {\n    Err(BillingError::InvoiceNotFound { invoice_id: id })\n}\n";

/// A service crate in a fresh temporary directory: `Cargo.toml`, `src/` and
/// the catalog in `errors/`, without `_catalog.yaml`. Removed on drop.
struct Service {
    root: PathBuf,
}

impl Service {
    fn new(name: &str) -> Service {
        let root = std::env::temp_dir()
            .join(format!("xtask-catalog-cli-{}", std::process::id()))
            .join(name);
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("errors")).unwrap();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(
            root.join("Cargo.toml"),
            "[package]\nname = \"billing\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
        )
        .unwrap();
        std::fs::write(root.join("src/lib.rs"), LIB_RS).unwrap();
        std::fs::write(root.join("errors/billing.yaml"), BILLING).unwrap();
        Service {
            root: std::fs::canonicalize(&root).unwrap(),
        }
    }

    fn catalog(&self) -> PathBuf {
        self.root.join("errors")
    }

    fn config_file(&self) -> PathBuf {
        self.catalog().join("_catalog.yaml")
    }

    fn lock_file(&self) -> PathBuf {
        self.catalog().join("release.lock.json")
    }

    /// Runs `cargo xtask COMMAND --catalog <this catalog> ARGS`.
    fn run(&self, command: &str, args: &[&str]) -> Run {
        let catalog = self.catalog();
        let mut all = vec![command, "--catalog", catalog.to_str().unwrap()];
        all.extend_from_slice(args);
        xtask(&all)
    }

    fn add_code(&self) {
        std::fs::write(
            self.catalog().join("billing.yaml"),
            format!("{BILLING}{ADDED_CODE}"),
        )
        .unwrap();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// What a command printed and how it exited.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn xtask(args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the xtask binary runs");
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

#[test]
fn a_catalog_without_settings_has_the_default_version_everywhere() {
    let service = Service::new("without-settings");
    let lock = service.lock_file();

    let diff = service.run("diff", &[]);
    assert_eq!(diff.code, Some(0), "{diff:?}");
    assert!(
        diff.stdout.starts_with(&format!(
            "nothing released yet: `{}` does not exist",
            lock.display()
        )),
        "{diff:?}"
    );

    let release = service.run("release", &[]);
    assert_eq!(release.code, Some(0), "{release:?}");
    assert_eq!(
        release.stderr,
        format!("wrote `{}`: version 0.1.0, 4 codes\n", lock.display())
    );
    let written = std::fs::read_to_string(&lock).unwrap();
    assert!(
        written.contains("\"version\": \"0.1.0\",\n  \"released\": [\n    \"0.1.0\"\n  ]"),
        "{written}"
    );

    let diff = service.run("diff", &[]);
    assert_eq!(diff.code, Some(0), "{diff:?}");
    assert!(
        diff.stdout
            .ends_with("Nothing to release: the catalog is release 0.1.0.\n"),
        "{diff:?}"
    );

    // A compatible change below 1.0.0 needs a patch bump, which needs the
    // settings file: the refusal says to create it, naming it.
    service.add_code();
    let diff = service.run("diff", &[]);
    assert_eq!(diff.code, Some(1), "{diff:?}");
    assert!(diff.stdout.contains("### `refund_failed`"), "{diff:?}");
    assert_eq!(
        diff.stderr,
        format!(
            "error: 0.1.0 is already released with other contents: create `{}` with `version: \"0.1.1\"` (without it the version is 0.1.0)\n",
            service.config_file().display()
        )
    );
    let dry_run = service.run("release", &["--dry-run"]);
    assert_eq!(dry_run.code, Some(1), "{dry_run:?}");
    assert_eq!(dry_run.stdout, diff.stdout);
    assert!(dry_run.stderr.starts_with(&diff.stderr), "{dry_run:?}");
}

#[test]
fn a_catalog_with_settings_is_versioned_and_exempted_by_them() {
    let service = Service::new("with-settings");
    std::fs::write(
        service.config_file(),
        "version: \"2.0.0\"\nusage:\n  unraised:\n    card_expired: raised by the payment provider's webhook\n",
    )
    .unwrap();
    let release = service.run("release", &[]);
    assert_eq!(release.code, Some(0), "{release:?}");
    assert!(
        release.stderr.contains("version 2.0.0, 4 codes"),
        "{release:?}"
    );

    service.add_code();
    let diff = service.run("diff", &[]);
    assert_eq!(diff.code, Some(1), "{diff:?}");
    assert_eq!(
        diff.stderr,
        format!(
            "error: 2.0.0 is already released with other contents: bump `version` in `{}` to 2.1.0 or higher\n",
            service.config_file().display()
        )
    );

    std::fs::write(service.config_file(), "version: \"1.9.0\"\n").unwrap();
    let diff = service.run("diff", &[]);
    assert_eq!(diff.code, Some(1), "{diff:?}");
    assert!(
        diff.stderr.starts_with(
            "error: `version` 1.9.0 is lower than the released 2.0.0: versions never go down"
        ),
        "{diff:?}"
    );

    std::fs::write(
        service.config_file(),
        "version: \"2.1.0\"\nusage:\n  unraised:\n    card_expired: raised by the payment provider's webhook\n",
    )
    .unwrap();
    let diff = service.run("diff", &[]);
    assert_eq!(diff.code, Some(0), "{diff:?}");
    assert!(
        diff.stdout.ends_with(
            "The next release needs 2.1.0 or higher (compatible changes since 2.0.0); `version` is 2.1.0.\n"
        ),
        "{diff:?}"
    );
    let release = service.run("release", &[]);
    assert_eq!(release.code, Some(0), "{release:?}");
    let written = std::fs::read_to_string(service.lock_file()).unwrap();
    assert!(
        written.contains("\"released\": [\n    \"2.0.0\",\n    \"2.1.0\"\n  ]"),
        "{written}"
    );

    // The exemption covers `card_expired`; `quota_exceeded` and the new
    // `refund_failed` are not raised by the service's code.
    let usage = service.run("usage", &[]);
    assert_eq!(usage.code, Some(0), "{usage:?}");
    assert!(
        !usage.stderr.contains("`card_expired` is never raised"),
        "{usage:?}"
    );
    assert!(
        usage.stderr.contains("`quota_exceeded` is never raised"),
        "{usage:?}"
    );
}

#[test]
fn usage_scans_the_crate_that_owns_the_catalog() {
    let service = Service::new("usage");
    let usage = service.run("usage", &[]);
    assert_eq!(usage.code, Some(0), "{usage:?}");
    assert_eq!(
        usage.stdout,
        format!(
            "scanned 1 Rust file in `{}`: 2 of 4 codes raised, 0 errors, 2 warnings\n",
            service.root.display()
        )
    );
    let denied = service.run("usage", &["--deny-warnings"]);
    assert_eq!(denied.code, Some(1), "{denied:?}");

    let with_path = service.run("usage", &["--path", "src/lib.rs"]);
    assert_eq!(with_path.code, Some(0), "{with_path:?}");
    assert!(
        with_path.stdout.starts_with(&format!(
            "scanned 1 Rust file in `{}`: `src/lib.rs`:",
            service.root.display()
        )),
        "{with_path:?}"
    );
    let missing = service.run("usage", &["--path", "lib"]);
    assert_eq!(missing.code, Some(1), "{missing:?}");
    assert!(
        missing.stderr.contains(&format!(
            "pass paths relative to `{}`, the crate that owns the catalog",
            service.root.display()
        )),
        "{missing:?}"
    );
}

#[test]
fn explain_and_render_read_the_given_catalog() {
    let service = Service::new("explain-render");
    let explain = service.run("explain", &["invoice_not_found"]);
    assert_eq!(explain.code, Some(0), "{explain:?}");
    assert!(
        explain.stdout.contains("Invoice inv_9 not found"),
        "{explain:?}"
    );

    let render = service.run(
        "render",
        &[
            "quota_exceeded",
            "--envelope",
            "problem",
            "-i",
            "--at",
            "2024-12-01T12:00:00Z",
        ],
    );
    assert_eq!(render.code, Some(0), "{render:?}");
    assert!(
        render
            .stdout
            .starts_with("HTTP/1.1 429 Too Many Requests\n"),
        "{render:?}"
    );
    assert!(render.stdout.contains("\nRetry-After: 30\n"), "{render:?}");
    assert!(
        render.stdout.ends_with(
            "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"Quota exceeded. Retry after 30 seconds.\",\"code\":\"quota_exceeded\"}\n"
        ),
        "{render:?}"
    );

    let unknown = service.run("render", &["rate_limit_exceeded", "--envelope", "flat"]);
    assert_eq!(unknown.code, Some(1), "{unknown:?}");
    assert!(
        unknown
            .stderr
            .starts_with("error: unknown code `rate_limit_exceeded`\n"),
        "{unknown:?}"
    );
}

#[test]
fn an_invalid_settings_file_is_named_by_every_command() {
    let service = Service::new("invalid-settings");
    std::fs::write(service.config_file(), "version: banana\n").unwrap();
    for command in ["diff", "release", "usage"] {
        let run = service.run(command, &[]);
        assert_eq!(run.code, Some(1), "{command}: {run:?}");
        assert!(
            run.stderr
                .contains(&format!("{}:1:1", service.config_file().display())),
            "{command}: {run:?}"
        );
        assert!(
            run.stderr.contains("not a semver version"),
            "{command}: {run:?}"
        );
    }
    std::fs::write(service.config_file(), "version: \"1.0.0\"\nusge: {}\n").unwrap();
    let diff = service.run("diff", &[]);
    assert_eq!(diff.code, Some(1), "{diff:?}");
    assert!(
        diff.stderr
            .contains(&format!("{}:2:", service.config_file().display())),
        "{diff:?}"
    );
}

/// `diff` and `release --dry-run` print the same changelog and refuse for
/// the same reasons on every contract fixture, each `before/` catalog
/// released first, then replaced by its `after/` catalog.
#[test]
fn diff_and_a_dry_run_release_agree_on_every_fixture() {
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures/contract/diff");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} fixtures", cases.len());
    let service = Service::new("agreement");
    let catalog = service.catalog();
    let (mut refused, mut allowed) = (0, 0);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let _ = std::fs::remove_dir_all(&catalog);
        copy_dir(&case.join("before"), &catalog);
        let release = service.run("release", &[]);
        assert_eq!(release.code, Some(0), "{name}: {release:?}");
        for entry in std::fs::read_dir(&catalog).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "yaml") {
                std::fs::remove_file(path).unwrap();
            }
        }
        copy_dir(&case.join("after"), &catalog);

        let diff = service.run("diff", &[]);
        let dry_run = service.run("release", &["--dry-run"]);
        assert_agree(&name, &diff, &dry_run);
        if diff.code == Some(0) {
            allowed += 1;
        } else {
            refused += 1;
            assert!(
                diff.stderr.lines().all(|line| line.starts_with("error: ")),
                "{name}: {diff:?}"
            );
        }
    }
    assert!(
        refused > 20 && allowed > 10,
        "{refused} refused, {allowed} allowed"
    );
}

#[test]
fn diff_and_a_dry_run_release_agree_on_the_shipped_catalog() {
    let diff = xtask(&["diff"]);
    let dry_run = xtask(&["release", "--dry-run"]);
    assert_agree("the shipped catalog", &diff, &dry_run);
    assert_eq!(diff.code, Some(0), "{diff:?}");
}

/// Same exit status, same changelog, and the release's errors start with the
/// diff's.
fn assert_agree(name: &str, diff: &Run, dry_run: &Run) {
    assert_eq!(diff.code, dry_run.code, "{name}: {diff:?}\n{dry_run:?}");
    assert_eq!(diff.stdout, dry_run.stdout, "{name}");
    assert!(
        dry_run.stderr.starts_with(&diff.stderr),
        "{name}: {diff:?}\n{dry_run:?}"
    );
}

/// Copies the files of `from` into `to` (created if needed).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}
