//! The docs emitter: `catalog.json` against its derived schema, page
//! structure and escaping for hostile catalog text, determinism.

use std::path::{Path, PathBuf};

use codegen::emit_docs::{
    self, Audience, DocsInput, DocsSettings, EnvelopeDoc, GENERATED_NOTICE, RenderedExample,
};
use codegen::model::Catalog;
use serde_json::{Value, json};

fn shipped_catalog() -> Catalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    let loaded = codegen::load(&dir);
    assert!(
        !loaded.diagnostics.has_errors(),
        "{}",
        loaded.diagnostics.render(false)
    );
    loaded.catalog
}

/// A catalog whose text uses everything Markdown could misread.
fn hostile_catalog() -> Catalog {
    let yaml = r##"
domain: odd_text
description: |
  Text with | pipes, <b>HTML</b> and `code`.
codes:
  - id: weird_message
    status: 503
    message: "Value `{value}` | <script>alert(1)</script> *not* _emphasis_ {{braces}}"
    public_message: "# not a heading | [not](a link)"
    description: |
      First paragraph | with a pipe.

      Second paragraph.
    resolution: "Escape ```triple``` backticks."
    retryable: true
    aliases: [odd_alias]
    deprecated:
      note: "use another | code"
    params:
      - name: value
        type: string
        description: "A value with | a pipe\nand a newline."
        example: "a|b`c"
        sensitive: true
        detail: value
      - name: wait
        type: seconds
        description: Seconds.
        example: 5
        optional: true
        header: Retry-After
    examples:
      - name: default
        description: "An example | with a pipe."
        params: { value: "x|y", wait: 5 }
"##;
    let loaded = codegen::load_sources(vec![("odd_text.yaml".into(), yaml.into())]);
    assert!(
        !loaded.diagnostics.has_errors(),
        "{}",
        loaded.diagnostics.render(false)
    );
    loaded.catalog
}

fn envelopes() -> Vec<EnvelopeDoc> {
    vec![EnvelopeDoc {
        name: "flat".into(),
        media_type: "application/json".into(),
        schema: json!({
            "title": "Flat error body",
            "description": "An error as `{\"error\": \"message\"}`.",
            "type": "object",
            "properties": {"error": {"type": "string", "description": "The message."}},
            "required": ["error"],
        }),
    }]
}

fn rendered(code: &str, audience: Audience, body: &str) -> RenderedExample {
    RenderedExample {
        code: code.into(),
        example: "default".into(),
        envelope: "flat".into(),
        mcp: false,
        audience,
        status: 503,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Retry-After".into(), "5".into()),
        ],
        body: body.into(),
    }
}

fn hostile_files() -> std::collections::BTreeMap<PathBuf, String> {
    let catalog = hostile_catalog();
    let examples = vec![
        rendered(
            "weird_message",
            Audience::Public,
            r##"{"error":"# not a heading | [not](a link)","retry_after":5}"##,
        ),
        rendered(
            "weird_message",
            Audience::Admin,
            r#"{"error":"Value `x|y` | <script>alert(1)</script> *not* _emphasis_ {braces}","retry_after":5}"#,
        ),
    ];
    emit_docs::emit(&DocsInput {
        catalog: &catalog,
        envelopes: &envelopes(),
        examples: &examples,
        settings: &DocsSettings::default(),
    })
}

#[test]
fn catalog_json_validates_against_its_derived_schema() {
    let catalog = shipped_catalog();
    let instance = serde_json::to_value(emit_docs::catalog_json(&catalog, "1.0.0")).unwrap();
    let schema = emit_docs::catalog_json_schema();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let problems: Vec<String> = validator
        .iter_errors(&instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    assert_eq!(instance["version"], 1);
    assert_eq!(instance["$comment"], GENERATED_NOTICE);
    let codes = instance["codes"].as_array().unwrap();
    assert_eq!(codes.len(), catalog.codes().count());
    let limited = codes
        .iter()
        .find(|code| code["id"] == "rate_limit_exceeded")
        .unwrap();
    assert_eq!(limited["aliases"], json!(["throttle_exceeded"]));
    assert_eq!(limited["params"][0]["header"], "Retry-After");
    assert_eq!(limited["examples"][0]["params"]["retry_after"], 60);
    assert_eq!(
        limited["message_parts"][1],
        json!({"kind": "param", "name": "retry_after"})
    );
}

#[test]
fn the_schema_rejects_a_broken_catalog_json() {
    let catalog = shipped_catalog();
    let mut instance = serde_json::to_value(emit_docs::catalog_json(&catalog, "1.0.0")).unwrap();
    instance["codes"][0]["status"] = json!("four hundred");
    let validator = jsonschema::validator_for(&emit_docs::catalog_json_schema()).unwrap();
    assert!(!validator.is_valid(&instance));
}

#[test]
fn a_page_of_hostile_text_keeps_every_table_row_whole() {
    let files = hostile_files();
    let page = &files[Path::new("errors/weird_message.md")];
    insta::assert_snapshot!("hostile_page", page);
    for line in page.lines().filter(|line| line.starts_with('|')) {
        let bytes = line.as_bytes();
        let separators = (0..bytes.len())
            .filter(|&at| bytes[at] == b'|' && (at == 0 || bytes[at - 1] != b'\\'))
            .count();
        let columns =
            if line.contains("| name") || line.contains("| `value`") || line.contains("| `wait`") {
                6
            } else if line.starts_with("|--") {
                line.matches('|').count() - 1
            } else {
                2
            };
        assert_eq!(separators, columns + 1, "{line}");
    }
    let index = &files[Path::new("errors/index.md")];
    insta::assert_snapshot!("hostile_index", index);
}

#[test]
fn every_file_is_normalized_and_marked_as_generated() {
    let files = hostile_files();
    assert_eq!(files, hostile_files(), "the output is deterministic");
    for (path, contents) in &files {
        assert!(
            contents.ends_with('\n') && !contents.ends_with("\n\n"),
            "{}",
            path.display()
        );
        assert!(!contents.contains('\r'), "{}", path.display());
        let notice = if path.extension().is_some_and(|extension| extension == "md") {
            format!("<!-- {GENERATED_NOTICE} -->")
        } else {
            GENERATED_NOTICE.to_owned()
        };
        assert!(contents.contains(&notice), "{}", path.display());
    }
    let page = &files[Path::new("errors/weird_message.md")];
    let front_matter = page.split("---\n").nth(1).unwrap();
    assert!(front_matter.contains("aliases: [\"odd_alias\"]"));
    assert!(front_matter.contains("deprecated: true"));
}

#[test]
fn examples_and_openapi_keep_bodies_in_wire_order() {
    let files = hostile_files();
    let examples: Value = serde_json::from_str(&files[Path::new("examples.json")]).unwrap();
    assert_eq!(examples["examples"].as_array().unwrap().len(), 2);
    assert_eq!(examples["examples"][1]["audience"], "admin");
    let text = &files[Path::new("examples.json")];
    assert!(
        text.find("\"error\": \"# not a heading").unwrap()
            < text.find("\"retry_after\": 5").unwrap()
    );
    let openapi: Value = serde_json::from_str(&files[Path::new("openapi.json")]).unwrap();
    let response = &openapi["components"]["responses"]["weird_message"];
    assert_eq!(
        response["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/FlatErrorBody"})
    );
    assert_eq!(
        response["headers"]["Retry-After"],
        json!({"$ref": "#/components/headers/Retry-After"})
    );
    assert_eq!(
        response["content"]["application/json"]["examples"]["flat_default"]["value"]["retry_after"],
        5
    );
}

/// The problem envelope's `title` is the status's reason phrase: every
/// shipped page shows the same phrase in its status lines, its facts table
/// and its problem bodies (RFC 9110's, such as `413 Content Too Large`).
#[test]
fn shipped_pages_name_each_status_one_way() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/errors");
    let mut checked = 0;
    for code in shipped_catalog().codes() {
        let page = std::fs::read_to_string(docs.join(format!("{}.md", code.id))).unwrap();
        let phrase = codegen::emit_docs::reason_phrase(code.status).unwrap();
        let status_line = format!("{} {phrase}", code.status);
        for line in page.lines() {
            if let Some(rest) = line.strip_prefix("HTTP/1.1 ") {
                assert_eq!(rest, status_line, "{}", code.id);
            }
            if let Some(title) = line.trim().strip_prefix("\"title\": ") {
                assert_eq!(title, format!("\"{phrase}\","), "{}", code.id);
                checked += 1;
            }
        }
        assert!(page.contains(&format!("`{status_line}`")), "{}", code.id);
    }
    assert!(checked > 0, "no problem bodies were found");
}
