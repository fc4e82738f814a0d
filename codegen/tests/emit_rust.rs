//! The Rust and schema emitters: snapshots of the generated code for a small
//! catalog that has every shape, the single-file layout, and determinism.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::{Layout, RustOptions};
use serde_json::Value;

/// The files of a catalog directory, sorted by path.
fn catalog_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .filter(|path| !path.file_name().unwrap().to_string_lossy().starts_with('_'))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable catalog file");
            (path, text)
        })
        .collect();
    files.sort();
    files
}

fn load(files: Vec<(PathBuf, String)>) -> codegen::model::Catalog {
    let loaded = codegen::load_sources(files);
    assert!(
        !loaded.diagnostics.has_errors(),
        "{}",
        loaded.diagnostics.render(false)
    );
    loaded.catalog
}

fn fixture() -> codegen::model::Catalog {
    load(catalog_files(Path::new("tests/fixtures/emit")))
}

fn shipped() -> Vec<(PathBuf, String)> {
    catalog_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog"))
}

#[test]
fn generated_code_is_snapshotted() {
    let files = codegen::generate_rust(&fixture(), &RustOptions::default());
    let names: Vec<String> = files
        .keys()
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(
        names,
        [
            "catalog_error.rs",
            "code.rs",
            "domains/accounts.rs",
            "domains/billing.rs",
            "metadata.rs",
            "mod.rs"
        ]
    );
    for (path, text) in &files {
        let name = format!(
            "emit_rust__{}",
            path.to_string_lossy().replace(['/', '\\'], "__")
        );
        insta::with_settings!({ snapshot_path => "snapshots/emit", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, text);
        });
    }
}

#[test]
fn every_file_starts_with_the_header_and_ends_with_one_newline() {
    for layout in [Layout::Modules, Layout::SingleFile] {
        let files = codegen::generate_rust(&fixture(), &RustOptions::default().layout(layout));
        for (path, text) in files {
            let place = path.display();
            assert!(text.starts_with(codegen::HEADER), "{place}");
            assert!(text.ends_with("}\n") || text.ends_with(";\n"), "{place}");
            assert!(!text.contains('\r'), "{place}");
        }
    }
}

#[test]
fn retired_codes_are_recognised_but_not_raised() {
    let files = codegen::generate_rust(&fixture(), &RustOptions::default());
    let billing = &files[Path::new("domains/billing.rs")];
    assert!(!billing.contains("CardDeclined"), "{billing}");
    let code = &files[Path::new("code.rs")];
    assert!(code.contains("CardDeclined = "), "{code}");
    assert!(code.contains(r#"("card_declined", Code::CardDeclined)"#));
    let metadata = &files[Path::new("metadata.rs")];
    assert!(metadata.contains(r#"note: "merged into `payment_failed`""#));
}

#[test]
fn deprecated_codes_are_marked_and_their_uses_allowed() {
    let files = codegen::generate_rust(&fixture(), &RustOptions::default());
    let billing = &files[Path::new("domains/billing.rs")];
    assert!(
        billing.contains(r#"#[deprecated(note = "use `invoice_invalid`, which lists the rules")]"#)
    );
    let code = &files[Path::new("code.rs")];
    assert_eq!(code.matches("#[deprecated(").count(), 1, "{code}");
    assert!(
        code.contains("#[allow(deprecated, dead_code)]\nimpl Code"),
        "{code}"
    );
}

#[test]
fn the_single_file_layout_can_be_included() {
    let files = codegen::generate_rust(
        &fixture(),
        &RustOptions::default().layout(Layout::SingleFile),
    );
    let text = &files[Path::new("error_catalog.rs")];
    assert_eq!(files.len(), 1);
    assert!(!text.contains("//!"), "inner docs cannot be `include!`d");
    assert!(!text.contains("\nmod ") && !text.contains("\nuse "));
    for item in [
        "pub enum BillingFailure",
        "pub enum AccountsError",
        "pub enum Code",
        "pub static CODES",
        "pub enum CatalogError",
    ] {
        assert!(text.contains(item), "no `{item}`");
    }
}

/// `value` as JSON text (which is YAML) with every mapping's keys in reverse
/// order.
fn reversed_keys(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            keys.reverse();
            let members: Vec<String> = keys
                .into_iter()
                .map(|key| {
                    format!(
                        "{}: {}",
                        Value::from(key.as_str()),
                        reversed_keys(&map[key])
                    )
                })
                .collect();
            format!("{{{}}}", members.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(reversed_keys).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// The catalog rewritten with other file names (in reverse order) and every
/// mapping's keys reversed; the meaning is unchanged.
fn reordered(files: &[(PathBuf, String)]) -> Vec<(PathBuf, String)> {
    let count = files.len();
    files
        .iter()
        .enumerate()
        .rev()
        .map(|(index, (path, text))| {
            let value: Value = serde_saphyr::from_str(text)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let renamed = PathBuf::from(format!("shuffled/{:02}_{}", count - index, index));
            (renamed.with_extension("yaml"), reversed_keys(&value))
        })
        .collect()
}

fn outputs(catalog: &codegen::model::Catalog) -> BTreeMap<PathBuf, String> {
    let mut files = codegen::generate_rust(catalog, &RustOptions::default());
    files.extend(codegen::generate_rust(
        catalog,
        &RustOptions::default().layout(Layout::SingleFile),
    ));
    for (path, text) in codegen::generate_schemas(catalog) {
        files.insert(PathBuf::from("schemas").join(path), text);
    }
    files
}

#[test]
fn output_does_not_depend_on_file_names_order_or_key_order() {
    for files in [shipped(), catalog_files(Path::new("tests/fixtures/emit"))] {
        let original = outputs(&load(files.clone()));
        let shuffled = outputs(&load(reordered(&files)));
        assert_eq!(
            original.keys().collect::<Vec<_>>(),
            shuffled.keys().collect::<Vec<_>>()
        );
        for (path, text) in &original {
            assert!(
                *text == shuffled[path],
                "{} differs after reordering the catalog",
                path.display()
            );
        }
    }
}

#[test]
fn schemas_type_each_codes_details() {
    let files = codegen::generate_schemas(&fixture());
    let rich: Value =
        serde_json::from_str(&files[Path::new("rich.schema.json")]).expect("the schema is JSON");
    let codes = &rich["properties"]["error"]["properties"]["code"]["enum"];
    for name in [
        "quota_exceeded",
        "quota_exhausted",
        "over_quota",
        "card_declined",
    ] {
        assert!(
            codes.as_array().unwrap().iter().any(|code| code == name),
            "`{name}` is not in {codes}"
        );
    }
    let rules = rich["properties"]["error"]["allOf"]
        .as_array()
        .expect("per-code rules");
    let quota = rules
        .iter()
        .find(|rule| rule["if"]["properties"]["code"]["enum"][0] == "quota_exceeded")
        .expect("a rule for `quota_exceeded`");
    let details = &quota["then"]["properties"]["details"];
    assert_eq!(details["required"], serde_json::json!(["quota", "used"]));
    assert_eq!(details["properties"]["used"]["minimum"], 0);
    assert_eq!(details["properties"]["burst"]["maximum"], 65535);
}
