//! Writes the seed corpora of the fuzz targets into `fuzz/corpus/`.
//!
//! `client_parse`: one rendered response per catalog code (the envelope and
//! audience rotate over the codes), every error body of the seed documents'
//! fixture, and a few malformed bodies. `catalog_load`: the shipped catalog
//! files and the loader's fixtures, valid and invalid, one file each.
//!
//! Run with `cargo run --manifest-path fuzz/Cargo.toml --example seed_corpus`;
//! the output is deterministic, so rerunning it changes nothing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use error_catalog_fuzz::ClientInput;
use errors_core::catalog::{CatalogError, Code};
use errors_core::{Audience, EnvelopeKind, FixedClock, Renderer, ResponseContext, Timestamp};

fn main() -> io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = root.parent().expect("the fuzz crate sits in the workspace");
    let client = root.join("corpus/client_parse");
    let catalog = root.join("corpus/catalog_load");
    for dir in [&client, &catalog] {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        fs::create_dir_all(dir)?;
    }
    let rendered = rendered_responses(&client)?;
    let seeds = seed_bodies(workspace, &client)?;
    let malformed = malformed_bodies(&client)?;
    let catalogs = catalog_files(workspace, &catalog)?;
    println!(
        "client_parse: {rendered} rendered, {seeds} seed bodies, {malformed} malformed; catalog_load: {catalogs} files"
    );
    Ok(())
}

/// One response per code: its first example, rendered in the envelope and
/// for the audience the code's position picks.
fn rendered_responses(dir: &Path) -> io::Result<usize> {
    let mut count = 0;
    for (index, &code) in Code::ALL.iter().enumerate() {
        let info = code.info();
        let Some(error) = info
            .examples
            .first()
            .and_then(|example| CatalogError::example(code, example.name))
        else {
            continue;
        };
        let envelope = EnvelopeKind::ALL[index % 4];
        let audience = if (index / 4) % 2 == 0 {
            Audience::Admin
        } else {
            Audience::Public
        };
        let renderer = Renderer::builder()
            .envelope(envelope)
            .audience(audience)
            .clock(FixedClock(Timestamp::from_unix_seconds(1_733_054_400)))
            .build();
        let context = ResponseContext::new().request_id("req_seed");
        let response = renderer.render_response_with(&error, &context);
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok());
        let data = ClientInput::encode(
            response.status().as_u16(),
            envelope == EnvelopeKind::Problem,
            retry_after,
            response.body(),
        );
        let name = format!("{}-{envelope}-{audience:?}.bin", info.id).to_lowercase();
        fs::write(dir.join(name), data)?;
        count += 1;
    }
    Ok(count)
}

/// Every body of the seed documents' fixture.
fn seed_bodies(workspace: &Path, dir: &Path) -> io::Result<usize> {
    let path = workspace.join("errors-core/tests/fixtures/seed_examples.json");
    let fixture: serde_json::Value = serde_json::from_slice(&fs::read(path)?)?;
    let entries = fixture.as_array().map(Vec::as_slice).unwrap_or_default();
    for (index, entry) in entries.iter().enumerate() {
        let status = entry["status"].as_u64().and_then(|s| u16::try_from(s).ok());
        let body = serde_json::to_vec(&entry["body"])?;
        let retry_after = entry["headers"]["Retry-After"].as_str();
        let data = ClientInput::encode(status.unwrap_or(400), false, retry_after, &body);
        fs::write(dir.join(format!("seed-{index:02}.bin")), data)?;
    }
    Ok(entries.len())
}

/// Bodies that must give parse errors: cut, too deep, of the wrong shape.
fn malformed_bodies(dir: &Path) -> io::Result<usize> {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let bodies: [(&str, &[u8]); 7] = [
        ("truncated", br#"{"error":{"code":"access_denied","mess"#),
        ("not-json", b"<html><body>502 Bad Gateway</body></html>"),
        ("deep", deep.as_bytes()),
        ("wrong-type", br#"{"error":{"code":7,"message":"m","status":400}}"#),
        ("unknown-shape", br#"{"message":"nope"}"#),
        ("unknown-code", br#"{"type":"about:blank","title":"Conflict","status":409,"detail":"Frozen","code":"quota_frozen","quota":"daily"}"#),
        ("bad-utf8", b"{\"error\":\"\xff\xfe\"}"),
    ];
    for (name, body) in bodies {
        let data = ClientInput::encode(400, false, None, body);
        fs::write(dir.join(format!("malformed-{name}.bin")), data)?;
    }
    Ok(bodies.len())
}

/// The shipped catalog files and one file of each loader fixture.
fn catalog_files(workspace: &Path, dir: &Path) -> io::Result<usize> {
    let mut sources: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(workspace.join("catalog"))? {
        sources.push(entry?.path());
    }
    for kind in ["valid", "invalid", "warning"] {
        let fixtures = workspace.join("codegen/tests/fixtures").join(kind);
        for case in fs::read_dir(fixtures)? {
            let case = case?.path();
            if case.is_dir() {
                let mut files: Vec<PathBuf> = fs::read_dir(&case)?
                    .map(|entry| entry.map(|entry| entry.path()))
                    .collect::<io::Result<_>>()?;
                files.sort();
                sources.extend(files.into_iter().next());
            } else {
                sources.push(case);
            }
        }
    }
    sources.retain(|path| path.extension().is_some_and(|ext| ext == "yaml"));
    sources.sort();
    for source in &sources {
        let relative = source.strip_prefix(workspace).unwrap_or(source);
        let name = relative.to_string_lossy().replace(['/', '\\'], "-");
        fs::copy(source, dir.join(name))?;
    }
    Ok(sources.len())
}
