//! The loader never panics and never hangs, whatever it is given.
//!
//! Hostile inputs are generated here rather than checked in: alias bombs,
//! deep nesting, huge scalars and keys, invalid UTF-8, binary junk and empty
//! files must each end in an error diagnostic (or load, where the input is
//! valid), rendered without trouble, in bounded time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::{Loaded, Rule, Severity};
use proptest::prelude::*;

/// A small valid catalog file to build variations from.
const VALID: &str = r#"domain: auth
description: Authentication errors.
codes:
  - id: token_expired
    status: 429
    message: "Retry in {retry_after} seconds."
    public_message: "Retry later."
    resolution: Sign in again.
    retryable: true
    aliases: [expired_token]
    params:
      - name: retry_after
        type: seconds
        description: Seconds to wait.
        example: 60
        header: Retry-After
    examples:
      - name: default
        params: { retry_after: 60 }
"#;

/// Loads one in-memory file, checking that it finishes quickly and that
/// every diagnostic renders.
fn load_one(text: &str) -> Loaded {
    let started = Instant::now();
    let loaded = codegen::load_sources(vec![(PathBuf::from("hostile.yaml"), text.to_owned())]);
    let rendered = loaded.diagnostics.render(false);
    let colored = loaded.diagnostics.render(true);
    assert!(colored.len() >= rendered.len());
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
    loaded
}

/// Asserts that `loaded` has an error of `rule` with a location in the file.
fn assert_error(loaded: &Loaded, rule: Rule) {
    let rendered = loaded.diagnostics.render(false);
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.rule() == rule
                && diagnostic.severity() == Severity::Error
                && diagnostic.line().is_some_and(|line| line >= 1)),
        "no located `{rule}` error in:\n{rendered}"
    );
    assert!(rendered.contains("--> hostile.yaml:"), "{rendered}");
}

#[test]
fn the_valid_base_loads() {
    let loaded = load_one(VALID);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        loaded.diagnostics.render(false)
    );
}

#[test]
fn alias_bombs_stop_at_the_limit() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..12 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    assert_error(&load_one(&text), Rule::YamlLimit);
}

#[test]
fn deep_flow_nesting_is_an_error() {
    let depth = 100_000;
    let text = format!("domain: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let loaded = load_one(&text);
    assert!(loaded.diagnostics.has_errors());
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.rule() == Rule::YamlLimit || d.rule() == Rule::YamlSyntax)
    );
}

#[test]
fn deep_block_nesting_is_an_error() {
    let mut text = String::new();
    for level in 0..200 {
        text.push_str(&"  ".repeat(level));
        text.push_str("a:\n");
    }
    let loaded = load_one(&text);
    assert!(loaded.diagnostics.has_errors());
    assert_error(&loaded, Rule::YamlLimit);
}

#[test]
fn nesting_within_the_limit_is_a_wrong_type() {
    let text = VALID.replace("example: 60", "example: [[[[[[1]]]]]]");
    let loaded = load_one(&text);
    assert_error(&loaded, Rule::ExampleType);
}

#[test]
fn huge_scalars_are_loaded_or_reported_without_blowing_up() {
    let huge = "x".repeat(4 * 1024 * 1024);
    let text = VALID.replace("Authentication errors.", &huge);
    let loaded = load_one(&text);
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(loaded.catalog.domains[0].description.len(), huge.len());

    let text = format!("{VALID}{huge}: 1\n");
    let loaded = load_one(&text);
    let rendered = loaded.diagnostics.render(false);
    assert!(
        rendered.len() < 10_000,
        "the rendering is {} bytes",
        rendered.len()
    );
}

#[test]
fn files_over_the_size_limit_are_reported() {
    let text = format!("{VALID}#{}\n", "x".repeat(codegen::MAX_FILE_BYTES));
    let loaded = load_one(&text);
    assert_error(&loaded, Rule::YamlLimit);
    assert!(loaded.catalog.domains.is_empty());
}

#[test]
fn long_keys_and_values_are_shortened_in_messages() {
    // A plain key may be up to 1,024 characters long.
    let key = "k".repeat(1_000);
    let text = format!("{VALID}{key}: 1\n");
    let loaded = load_one(&text);
    let unknown = loaded
        .diagnostics
        .iter()
        .find(|d| d.rule() == Rule::UnknownKey)
        .expect("the unknown key is reported");
    assert!(unknown.message().len() < 200, "{}", unknown.message());

    // Longer keys are a syntax error, also reported briefly.
    let key = "k".repeat(100_000);
    let text = format!("{VALID}{key}: 1\n");
    let loaded = load_one(&text);
    assert!(loaded.diagnostics.has_errors());
    assert!(loaded.diagnostics.iter().all(|d| d.message().len() < 200));
}

#[test]
fn control_characters_in_keys_are_escaped() {
    let text = VALID.replace(
        "resolution: Sign",
        "\"reso\\e[31mlution\": x\n    resolution: Sign",
    );
    let loaded = load_one(&text);
    let unknown = loaded
        .diagnostics
        .iter()
        .find(|d| d.rule() == Rule::UnknownKey)
        .expect("the unknown key is reported");
    assert!(
        !unknown.message().contains('\u{1b}'),
        "{:?}",
        unknown.message()
    );
}

#[test]
fn empty_and_blank_files_are_errors() {
    for text in [
        "",
        "\n",
        "   \n\t\n",
        "# only a comment\n",
        "---\n",
        "--- \n...\n",
        "~\n",
        "null\n",
    ] {
        let loaded = load_one(text);
        assert_error(&loaded, Rule::MissingKey);
    }
}

#[test]
fn other_shapes_are_wrong_types() {
    for text in [
        "42\n",
        "just a string\n",
        "[1, 2]\n",
        "- a\n- b\n",
        "true\n",
    ] {
        assert_error(&load_one(text), Rule::WrongType);
    }
}

#[test]
fn several_documents_are_an_error() {
    let text = format!("{VALID}---\n{VALID}");
    let loaded = load_one(&text);
    assert!(loaded.diagnostics.has_errors());
}

#[test]
fn odd_scalars_do_not_panic() {
    for value in [
        "99999999999999999999999999999999999999999",
        "-99999999999999999999999999999999999999999",
        ".nan",
        ".inf",
        "-.inf",
        "1e999",
        "0x1F",
        "0o17",
        "!!binary aGVsbG8=",
        "!!binary '%%%'",
        "!custom value",
        "!!str 12",
        "!!int x",
        "\"\\u0000\"",
        "'\u{feff}'",
        "*undefined",
        "&anchor",
        "{ a: [ }",
        "<<: *x",
    ] {
        let text = VALID.replace("example: 60", &format!("example: {value}"));
        let loaded = load_one(&text);
        let _ = loaded.diagnostics.render(false);
        let text = VALID.replace("status: 429", &format!("status: {value}"));
        let loaded = load_one(&text);
        assert!(loaded.diagnostics.has_errors(), "status {value} accepted");
    }
}

#[test]
fn windows_line_endings_and_a_bom_are_accepted() {
    let text = format!("\u{feff}{}", VALID.replace('\n', "\r\n"));
    let loaded = load_one(&text);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        loaded.diagnostics.render(false)
    );

    let broken = text.replace("stat", "stauts_x");
    let loaded = load_one(&broken);
    let unknown = loaded
        .diagnostics
        .iter()
        .find(|d| d.rule() == Rule::UnknownKey)
        .unwrap();
    assert_eq!((unknown.line(), unknown.column()), (Some(5), Some(5)));
}

#[test]
fn merge_keys_are_expanded() {
    let text = VALID.replace(
        "      - name: retry_after\n        type: seconds\n",
        "      - <<: { name: retry_after, type: seconds }\n",
    );
    let loaded = load_one(&text);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        loaded.diagnostics.render(false)
    );
}

#[test]
fn a_large_catalog_file_stays_within_the_node_budget() {
    // serde-saphyr's default budget of 250,000 nodes stops near this size.
    let mut text = String::from("domain: big\ndescription: Many codes.\ncodes:\n");
    for index in 0..20_000 {
        text.push_str(&format!(
            "  - id: code_{index}\n    status: 400\n    message: \"Code {index}.\"\n    resolution: Fix it.\n    examples: [{{ name: default }}]\n"
        ));
    }
    let loaded = load_one(&text);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        loaded.diagnostics.render(false)
    );
    assert_eq!(loaded.catalog.codes().count(), 20_000);
}

#[test]
fn many_params_and_placeholders_take_linear_time() {
    let count = 10_000;
    let placeholders: String = (0..count).map(|index| format!("{{p{index}}} ")).collect();
    let mut text = format!(
        "domain: big\ndescription: D.\ncodes:\n  - id: many\n    status: 400\n    message: \"{placeholders}\\u0021\"\n    resolution: R.\n    params:\n"
    );
    for index in 0..count {
        text.push_str(&format!(
            "      - {{ name: p{index}, type: u32, description: D., example: {index} }}\n"
        ));
    }
    text.push_str("    examples:\n      - name: default\n        params: {");
    let values: Vec<String> = (0..count)
        .map(|index| format!("p{index}: {index}"))
        .collect();
    text.push_str(&values.join(", "));
    text.push_str("}\n");
    let started = Instant::now();
    let loaded = load_one(&text);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        loaded.diagnostics.render(false)
    );
    assert_eq!(loaded.catalog.codes().next().unwrap().params.len(), count);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn the_number_of_reported_problems_is_capped() {
    let mut text = VALID.to_owned();
    for index in 0..5_000 {
        text.push_str(&format!("unknown_{index}: 1\n"));
    }
    let loaded = load_one(&text);
    let diagnostics = &loaded.diagnostics;
    assert_eq!(diagnostics.len(), 1_001);
    let last = diagnostics.iter().last().unwrap();
    assert_eq!(last.rule(), Rule::TooManyProblems);
    assert!(
        last.message().contains("only the first 1000 are reported"),
        "{}",
        last.message()
    );
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("codegen-robustness-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn invalid_utf8_and_binary_files_are_reported_from_disk() {
    let dir = TempDir::new("binary");
    let mut junk: Vec<u8> = VALID.as_bytes().to_vec();
    junk.extend([0xff, 0xfe, 0x00, 0x80, b'\n']);
    std::fs::write(dir.path().join("a.yaml"), &junk).unwrap();
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    std::fs::write(dir.path().join("b.yaml"), &binary).unwrap();
    std::fs::write(dir.path().join("c.yaml"), b"\x00\x00\x00").unwrap();
    let loaded = codegen::load(dir.path());
    let rendered = loaded.diagnostics.render(false);
    let utf8 = loaded
        .diagnostics
        .iter()
        .filter(|d| d.rule() == Rule::InvalidUtf8)
        .count();
    assert_eq!(utf8, 2, "{rendered}");
    let a = loaded
        .diagnostics
        .iter()
        .find(|d| d.file().is_some_and(|f| f.ends_with("a.yaml")))
        .unwrap();
    assert_eq!(a.line(), Some(20), "{rendered}");
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.file().is_some_and(|f| f.ends_with("c.yaml"))),
        "{rendered}"
    );
}

#[test]
fn a_missing_directory_is_an_error() {
    let loaded = codegen::load(Path::new("tests/fixtures/does-not-exist"));
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.rule() == Rule::ReadError)
    );
}

#[test]
fn an_empty_directory_is_an_error() {
    let dir = TempDir::new("empty");
    let loaded = codegen::load(dir.path());
    let rendered = loaded.diagnostics.render(false);
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.rule() == Rule::NoCatalogFiles),
        "{rendered}"
    );
    assert!(rendered.contains("no catalog files found in"), "{rendered}");
}

/// Byte edits applied to a valid file.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, u8),
    Delete(usize),
    Replace(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Bytes that matter to YAML, plus arbitrary ones.
    let byte = prop_oneof![
        prop::sample::select(b" \n\t:-[]{}&*!|>'\"#%@`,?0a_".to_vec()),
        any::<u8>(),
    ];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(at, byte)| Edit::Insert(at, byte)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), byte).prop_map(|(at, byte)| Edit::Replace(at, byte)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for edit in edits {
        let len = bytes.len().max(1);
        match *edit {
            Edit::Insert(at, byte) => bytes.insert(at % (bytes.len() + 1), byte),
            Edit::Delete(at) if !bytes.is_empty() => {
                bytes.remove(at % len);
            }
            Edit::Replace(at, byte) if !bytes.is_empty() => bytes[at % len] = byte,
            Edit::Delete(_) | Edit::Replace(..) => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let loaded = load_one(&text);
        prop_assert!(loaded.diagnostics.has_errors());
    }

    #[test]
    fn mutated_valid_files_never_panic(edits in prop::collection::vec(edit(), 1..8)) {
        let text = apply(VALID, &edits);
        let loaded = load_one(&text);
        for diagnostic in &loaded.diagnostics {
            if let Some(span) = diagnostic.span() {
                prop_assert!(span.offset <= text.len());
                prop_assert!(span.line >= 1 && span.column >= 1);
            }
        }
    }
}
