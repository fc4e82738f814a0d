//! `cargo xtask usage`: checks how the Rust code of the crate that owns the
//! catalog uses it, and one catalog rule that only matters for clients.
//!
//! - **unraised-code** (warning): a non-retired code that no scanned source
//!   raises, like rustc's tidy check that every error code is emitted
//!   somewhere. Raising means constructing the generated variant
//!   (`RateLimitingError::RateLimitExceeded { .. }`) or a hand-derived error
//!   whose `#[api(code = "...")]` names the code; the attribute itself only
//!   defines the code. Generated files never count.
//! - **code-literal** (error): a code id or alias spelled as a string literal
//!   in hand-written, non-test Rust. The typed `Code` enum keeps ids in one
//!   place. Tests (files under `tests/` or `benches/`, and `#[cfg(test)]`
//!   items), generated files and the `code = "..."` key of `#[api(...)]` are
//!   exempt, since tests deliberately compare wire strings.
//! - **message-only-value** (warning), after Google's AIP-193: a value shown
//!   in a message must also travel in a machine-readable member (a details
//!   member or a header), so that clients never parse messages.
//! - **stale-exemption** (warning): an exemption in `_catalog.yaml` that no
//!   longer exempts anything.
//!
//! The scan is lexical (comments and strings are understood, Rust is not
//! parsed): a variant reached through a `use` alias or a glob import, or as
//! `Self::Variant`, is not seen. Exempt such codes in `usage.unraised`.

mod lexer;
mod messages;
mod scan;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::UsageConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, Rule};
use crate::load::Loaded;
use crate::model::Span;
use crate::naming::rust_type_name;

use self::scan::{Raisers, Scanned};

/// Where the generated `Code` enum lives, for the fixes the check suggests.
pub const CODE_ENUM_PATH: &str = "errors_core::catalog::Code";

/// A Rust source file to scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RustFile {
    /// The path shown in diagnostics and matched against `usage.literals`,
    /// relative to the crate that owns the catalog.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// The `_catalog.yaml` the exemptions come from, to point at them.
#[derive(Clone, Copy, Debug)]
pub struct ConfigSource<'a> {
    /// The path shown in diagnostics.
    pub path: &'a Path,
    /// The file's text.
    pub text: &'a str,
}

/// What the usage check found.
#[derive(Clone, Debug)]
pub struct Usage {
    /// Every problem, rendered with [`Usage::render`].
    pub diagnostics: Diagnostics,
    /// Where each code is raised, by code id (codes never raised are absent).
    pub raised: BTreeMap<String, Vec<Span>>,
    /// The number of files scanned (generated files excluded).
    pub scanned_files: usize,
}

impl Usage {
    /// Renders every diagnostic rustc-style, then a summary line.
    pub fn render(&self, color: bool) -> String {
        let mut text = self.diagnostics.render(color);
        // The loader's summary speaks of loading the catalog: replace it.
        if let Some(summary) = self.diagnostics.summary()
            && let Some(stripped) = text.strip_suffix(&format!("{summary}\n"))
        {
            text.truncate(stripped.len());
        }
        let errors = self.diagnostics.error_count();
        let warnings = self.diagnostics.warning_count();
        let count = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{n} {what}s"),
        };
        match (errors, warnings) {
            (0, 0) => {}
            (0, _) => text.push_str(&format!(
                "warning: the usage check emitted {}\n",
                count(warnings, "warning")
            )),
            _ => text.push_str(&format!(
                "error: the usage check found {}; {} emitted\n",
                count(errors, "error"),
                count(warnings, "warning")
            )),
        }
        text
    }
}

/// Runs every usage check over `files` for the catalog in `loaded`.
///
/// `loaded` must have loaded without errors. Files under a `generated`
/// directory are skipped.
///
/// # Examples
///
/// ```
/// use codegen::contract::UsageConfig;
/// use codegen::contract::usage::{RustFile, check};
///
/// let yaml = r#"
/// domain: auth
/// description: Authentication errors.
/// codes:
///   - id: token_expired
///     status: 401
///     message: "The token expired."
///     resolution: Sign in again.
///     examples:
///       - name: default
/// "#;
/// let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
/// let files = vec![RustFile {
///     path: "src/session.rs".into(),
///     text: "fn check() -> Result<(), AuthError> { Err(AuthError::TokenExpired) }\n\
///            fn name() -> &'static str { \"token_expired\" }\n".into(),
/// }];
/// let usage = check(&loaded, &UsageConfig::default(), None, &files);
/// assert_eq!(usage.raised["token_expired"].len(), 1);
/// let literal = usage.diagnostics.iter().next().unwrap();
/// assert_eq!(literal.rule().id(), "code-literal");
/// assert_eq!((literal.line(), literal.column()), (Some(2), Some(29)));
/// ```
pub fn check(
    loaded: &Loaded,
    config: &UsageConfig,
    config_source: Option<ConfigSource<'_>>,
    files: &[RustFile],
) -> Usage {
    let catalog = &loaded.catalog;
    let files: Vec<&RustFile> = files
        .iter()
        .filter(|file| !is_generated(&file.path))
        .collect();
    let scanned: Vec<Scanned> = files.iter().map(|file| Scanned::new(&file.text)).collect();
    let mut sources: BTreeMap<Arc<Path>, Arc<str>> = BTreeMap::new();
    let mut items = Vec::new();

    // What raises each code: the generated variants, then hand-derived errors.
    let mut raisers = Raisers::default();
    for (domain, code) in catalog.codes_with_domain() {
        if code.retired.is_none() {
            raisers.variants.insert(
                (domain.rust_name.value.clone(), rust_type_name(&code.id)),
                code.id.value.clone(),
            );
        }
    }
    for file in &scanned {
        file.collect_definitions(&mut raisers);
    }

    let mut raised: BTreeMap<String, Vec<Span>> = BTreeMap::new();
    let mut literal_exemptions_used = BTreeMap::new();
    let names = catalog_names(loaded);
    let test_module_files: Vec<PathBuf> = files
        .iter()
        .zip(&scanned)
        .flat_map(|(file, scan)| {
            scan.test_modules()
                .iter()
                .flat_map(|name| module_files(&file.path, name))
        })
        .collect();
    for (file, scan) in files.iter().zip(&scanned) {
        let path: Arc<Path> = Arc::from(file.path.as_path());
        let mut used = false;
        for raise in scan.raises(&raisers) {
            raised
                .entry(raise.code)
                .or_default()
                .push(span(&path, &raise.token));
        }
        let exemption = literal_exemption(config, &file.path);
        let test_file = is_test_file(&file.path) || test_module_files.contains(&file.path);
        for literal in scan.literals(&names) {
            if literal.in_test || test_file {
                continue;
            }
            if let Some(key) = exemption {
                literal_exemptions_used.insert(key.to_owned(), ());
                continue;
            }
            let (id, alias) = &names[&literal.text];
            items.push(code_literal(&span(&path, &literal.token), id, *alias));
            used = true;
        }
        if used {
            sources.insert(Arc::clone(&path), Arc::from(file.text.as_str()));
        }
    }

    for (domain, code) in catalog.codes_with_domain() {
        if code.retired.is_some()
            || raised.contains_key(&code.id.value)
            || config.unraised.contains_key(&code.id.value)
        {
            continue;
        }
        add_source(&mut sources, loaded, &code.id.span);
        items.push(
            Diagnostic::new(
                Rule::UnraisedCode,
                format!("the code `{}` is never raised", code.id.value),
            )
            .at(&code.id.span, "defined here")
            .note(format!(
                "no scanned source constructs `{}::{}`",
                domain.rust_name.value,
                rust_type_name(&code.id)
            ))
            .help(
                "raise it where the error occurs, mark it `retired` if it is no longer raised, or exempt it in `usage.unraised` of `_catalog.yaml` with the reason",
            ),
        );
    }

    let config_span = |key: &str| config_source.map(|source| key_span(source, key));
    for code in config.unraised.keys() {
        let problem = match catalog.find_code(code) {
            None => Some(format!(
                "`usage.unraised.{code}` names no code of the catalog"
            )),
            Some(found) if found.retired.is_some() => Some(format!(
                "`usage.unraised.{code}` exempts a retired code, which is never expected to be raised"
            )),
            Some(found) if raised.contains_key(&found.id.value) => Some(format!(
                "`usage.unraised.{code}` exempts a code that is raised"
            )),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            items.push(stale(
                problem,
                config_span(code),
                config_source,
                &mut sources,
            ));
        }
    }
    for path in config.literals.keys() {
        if !literal_exemptions_used.contains_key(path) {
            items.push(stale(
                format!("`usage.literals.\"{path}\"` exempts no code literal"),
                config_span(path),
                config_source,
                &mut sources,
            ));
        }
    }

    messages::check(loaded, config, &mut items, &mut sources, |key| {
        let stale_span = config_span(key);
        (stale_span, config_source)
    });

    Usage {
        diagnostics: Diagnostics::new(items, sources),
        raised,
        scanned_files: files.len(),
    }
}

/// Every id and alias of the catalog, with the code id and whether it is an alias.
fn catalog_names(loaded: &Loaded) -> BTreeMap<String, (String, bool)> {
    let mut names = BTreeMap::new();
    for code in loaded.catalog.codes() {
        names.insert(code.id.value.clone(), (code.id.value.clone(), false));
        for alias in &code.aliases {
            names.insert(alias.value.clone(), (code.id.value.clone(), true));
        }
    }
    names
}

/// The diagnostic for a code id spelled as a literal.
fn code_literal(at: &Span, id: &str, alias: bool) -> Diagnostic {
    let variant = rust_type_name(id);
    let what = if alias {
        format!("an alias of the code `{id}`")
    } else {
        "a code id".to_owned()
    };
    let name = if alias { "alias" } else { "id" };
    Diagnostic::new(
        Rule::CodeLiteral,
        format!("{what} spelled as a string literal"),
    )
    .at(at, format!("the code {name}"))
    .note(format!("`Code` is `{CODE_ENUM_PATH}`"))
    .help(format!(
        "use `Code::{variant}`, or `Code::{variant}.as_str()` where a string is needed"
    ))
}

/// A stale-exemption warning, pointing into `_catalog.yaml` when it can.
fn stale(
    message: String,
    at: Option<Span>,
    config_source: Option<ConfigSource<'_>>,
    sources: &mut BTreeMap<Arc<Path>, Arc<str>>,
) -> Diagnostic {
    let diagnostic = Diagnostic::new(Rule::StaleExemption, message)
        .help("remove the exemption from `_catalog.yaml`");
    match (at, config_source) {
        (Some(at), Some(source)) => {
            sources.insert(Arc::clone(&at.file), Arc::from(source.text));
            diagnostic.at(&at, "")
        }
        _ => diagnostic,
    }
}

/// The span of `key:` in `_catalog.yaml` (the first line that starts with
/// it, quoted or not), or the start of the file.
fn key_span(source: ConfigSource<'_>, key: &str) -> Span {
    let forms = [
        format!("\"{key}\":"),
        format!("'{key}':"),
        format!("{key}:"),
    ];
    let mut offset = 0;
    let mut found = None;
    for (number, line) in source.text.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start().len();
        let rest = &line[indent..];
        if let Some(form) = forms.iter().find(|form| rest.starts_with(form.as_str())) {
            found = Some((number, offset + indent, indent, form.len() - 1));
            break;
        }
        offset += line.len();
    }
    let (line, offset, column, len) = found.unwrap_or((0, 0, 0, 0));
    Span {
        file: Arc::from(source.path),
        line: u32::try_from(line + 1).unwrap_or(u32::MAX),
        column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        offset,
        len,
    }
}

/// Makes the catalog file `at` points into available for rendering.
fn add_source(sources: &mut BTreeMap<Arc<Path>, Arc<str>>, loaded: &Loaded, at: &Span) {
    if let Some(text) = loaded.diagnostics.source(&at.file) {
        sources
            .entry(Arc::clone(&at.file))
            .or_insert_with(|| Arc::from(text));
    }
}

/// The span of a token of `file`.
fn span(file: &Arc<Path>, token: &lexer::Token) -> Span {
    Span {
        file: Arc::clone(file),
        line: token.line,
        column: token.column,
        offset: token.offset,
        len: token.len,
    }
}

/// The files that can hold the module `name` declared in `parent`:
/// `name.rs` or `name/mod.rs`, next to a `lib.rs`, `main.rs` or `mod.rs`
/// and in a directory named after any other file.
fn module_files(parent: &Path, name: &str) -> [PathBuf; 2] {
    let dir = parent.parent().unwrap_or(Path::new(""));
    let owns_dir = parent
        .file_name()
        .is_some_and(|file| file == "lib.rs" || file == "main.rs" || file == "mod.rs");
    let base = if owns_dir {
        dir.to_path_buf()
    } else {
        dir.join(parent.file_stem().unwrap_or_default())
    };
    [
        base.join(format!("{name}.rs")),
        base.join(name).join("mod.rs"),
    ]
}

/// Whether `path` is generated code (under a `generated` directory).
fn is_generated(path: &Path) -> bool {
    path.components()
        .any(|part| part.as_os_str() == "generated")
}

/// Whether `path` is test code: under `tests/` or `benches/`, or a
/// `tests.rs` module.
fn is_test_file(path: &Path) -> bool {
    path.components()
        .any(|part| part.as_os_str() == "tests" || part.as_os_str() == "benches")
        || path.file_stem().is_some_and(|stem| stem == "tests")
}

/// The `usage.literals` key that exempts `path`: the file itself, or a
/// directory (ending in `/`) that holds it.
fn literal_exemption<'a>(config: &'a UsageConfig, path: &Path) -> Option<&'a str> {
    let path = path.to_string_lossy().replace('\\', "/");
    config
        .literals
        .keys()
        .find(|key| **key == path || (key.ends_with('/') && path.starts_with(key.as_str())))
        .map(String::as_str)
}
