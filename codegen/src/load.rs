//! Finding, reading and loading catalog files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ctxt::Ctxt;
use crate::diagnostic::{Diagnostic, Diagnostics, FORMAT_REFERENCE, Rule};
use crate::model::Catalog;
use crate::parallel;
use crate::parse;
use crate::span::Span;
use crate::text::thousands;
use crate::validate;
use crate::yaml;

/// A loaded catalog and every problem found while loading it.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// Every domain and code whose own values are valid, even when other
    /// entries or files have errors. Only hand it to emitters when
    /// `diagnostics.has_errors()` is false.
    pub catalog: Catalog,
    /// Every problem found, errors and warnings.
    pub diagnostics: Diagnostics,
}

/// Loads and validates the catalog in `dir`.
///
/// Reads every `*.yaml` file directly in `dir` whose name does not start with
/// `_` or `.`. Problems (including unreadable files or an empty directory)
/// are reported in [`Loaded::diagnostics`]; this function never fails or
/// panics. File paths in spans are `dir` joined with the file name.
///
/// # Examples
///
/// ```no_run
/// let loaded = codegen::load(std::path::Path::new("catalog"));
/// if loaded.diagnostics.has_errors() {
///     eprint!("{}", loaded.diagnostics.render(false));
/// }
/// ```
pub fn load(dir: &Path) -> Loaded {
    let mut cx = Ctxt::new();
    let mut sources = Vec::new();
    let mut extra_sources = BTreeMap::new();
    for path in catalog_files(&mut cx, dir) {
        if let Some((text, problem)) = read_file(&path) {
            let file: Arc<Path> = Arc::from(path.as_path());
            match problem {
                None => sources.push((file, Arc::from(text))),
                Some(diagnostic) => {
                    cx.push(diagnostic(&file));
                    extra_sources.insert(file, Arc::from(text));
                }
            }
        } else {
            cx.push(
                Diagnostic::new(Rule::ReadError, format!("cannot read `{}`", path.display()))
                    .help("check that the file exists and is readable"),
            );
        }
    }
    if let Some((file, text, diagnostic)) = crate::config::check_config_file(dir) {
        cx.push(diagnostic);
        extra_sources.insert(file, text);
    }
    load_inner(cx, sources, extra_sources)
}

/// Loads and validates a catalog given as `(path, contents)` pairs.
///
/// The result does not depend on the order of `files`: files are processed in
/// path order, domains are sorted by name and codes keep their file order.
///
/// # Examples
///
/// ```
/// let yaml = "domain: auth\ndescription: Auth errors.\ncodes: []\n";
/// let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
/// assert_eq!(loaded.diagnostics.error_count(), 1);
/// assert!(loaded.diagnostics.render(false).contains("`codes` is empty"));
/// ```
pub fn load_sources(files: Vec<(PathBuf, String)>) -> Loaded {
    let sources = files
        .into_iter()
        .map(|(path, text)| (Arc::from(path.as_path()), Arc::from(text)))
        .collect();
    load_inner(Ctxt::new(), sources, BTreeMap::new())
}

/// Parses and validates `sources`; `extra_sources` are files that could not be
/// parsed but that diagnostics point into.
fn load_inner(
    mut cx: Ctxt,
    mut sources: Vec<(Arc<Path>, Arc<str>)>,
    extra_sources: BTreeMap<Arc<Path>, Arc<str>>,
) -> Loaded {
    sources.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let mut domains = Vec::new();
    let mut partial_ids = Vec::new();
    let mut orphans = Vec::new();
    // Reading a file is most of the work and each file is independent, so
    // files are read on every core, and the results taken here in path
    // order, so that diagnostics keep their order.
    parallel::for_each_ordered(&sources, read_source, |((file, text), read)| match read {
        Read::TooLarge => cx.push(too_large(file, text.len() as u64)),
        Read::Syntax(error) => cx.push(syntax_diagnostic(file, error)),
        Read::Clean(parsed) => {
            domains.extend(parsed.domain);
            partial_ids.extend(parsed.partial_ids);
            orphans.extend(parsed.orphans);
        }
        Read::Problems(root) => {
            let parsed = parse::parse_file(&mut cx, file, text, &root);
            domains.extend(parsed.domain);
            partial_ids.extend(parsed.partial_ids);
            orphans.extend(parsed.orphans);
        }
    });
    domains.sort_by(|a, b| {
        a.name
            .value
            .cmp(&b.name.value)
            .then_with(|| a.file.cmp(&b.file))
    });
    let catalog = Catalog { domains };
    validate::validate(&mut cx, &catalog, &partial_ids, &orphans);
    let mut all_sources: BTreeMap<Arc<Path>, Arc<str>> = sources.into_iter().collect();
    all_sources.extend(extra_sources);
    Loaded {
        catalog,
        diagnostics: Diagnostics::new(cx.finish(), all_sources),
    }
}

/// One source read on a worker thread.
enum Read {
    /// Larger than [`yaml::MAX_FILE_BYTES`], so not parsed.
    TooLarge,
    /// Not YAML, or over a limit.
    Syntax(yaml::SyntaxError),
    /// Parsed without a single diagnostic.
    Clean(parse::Parsed),
    /// The tree of a file with problems, to parse again on the calling
    /// thread with the catalog's own collector: how much is reported
    /// depends on what the files before it reported.
    Problems(Box<yaml::Node>),
}

/// Reads one source: its YAML and, when that is valid, its entries.
fn read_source(source: &(Arc<Path>, Arc<str>)) -> (&(Arc<Path>, Arc<str>), Read) {
    let (file, text) = source;
    if text.len() > yaml::MAX_FILE_BYTES {
        return (source, Read::TooLarge);
    }
    let root = match yaml::parse(file, text) {
        Ok(root) => root,
        Err(error) => return (source, Read::Syntax(error)),
    };
    let mut cx = Ctxt::new();
    let parsed = parse::parse_file(&mut cx, file, text, &root);
    let read = if cx.finish().is_empty() {
        Read::Clean(parsed)
    } else {
        Read::Problems(Box::new(root))
    };
    (source, read)
}

/// The diagnostic of a file that is not valid YAML or exceeds a limit.
fn syntax_diagnostic(file: &Arc<Path>, error: yaml::SyntaxError) -> Diagnostic {
    let rule = if error.limit {
        Rule::YamlLimit
    } else {
        Rule::YamlSyntax
    };
    let mut diagnostic = Diagnostic::new(rule, error.message);
    diagnostic = match &error.span {
        Some(span) => diagnostic.at(span, ""),
        None => diagnostic.at(&Span::start_of(file), ""),
    };
    let help = if let Some(help) = error.help {
        help
    } else if error.limit {
        format!(
            "catalog files are limited to {} nodes, {} levels of nesting and {} alias expansions; split the domain or simplify the file",
            thousands(yaml::MAX_NODES as u64),
            yaml::MAX_DEPTH,
            thousands(yaml::MAX_ALIAS_REPLAY as u64)
        )
    } else {
        format!("fix the YAML syntax; see {FORMAT_REFERENCE} for the format")
    };
    diagnostic.help(help)
}

/// The catalog files of `dir`, sorted; reports an unreadable or empty directory.
fn catalog_files(cx: &mut Ctxt, dir: &Path) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            cx.push(
                Diagnostic::new(
                    Rule::ReadError,
                    format!(
                        "cannot read the catalog directory `{}`: {error}",
                        dir.display()
                    ),
                )
                .help("pass the directory that holds the `*.yaml` files"),
            );
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.ends_with(".yaml") && !name.starts_with('_') && !name.starts_with('.')
        })
        .filter(|entry| entry.path().is_file())
        .map(|entry| dir.join(entry.file_name()))
        .collect();
    files.sort();
    if files.is_empty() {
        cx.push(
            Diagnostic::new(
                Rule::NoCatalogFiles,
                format!("no catalog files found in `{}`", dir.display()),
            )
            .help(format!(
                "add a `<domain>.yaml` file; see {FORMAT_REFERENCE} for the format"
            )),
        );
    }
    files
}

/// A problem found while reading a file, given the file's shared path.
type ReadProblem = Box<dyn FnOnce(&Arc<Path>) -> Diagnostic>;

/// Reads a file as UTF-8 text. Returns `None` when it cannot be read at all;
/// otherwise the text (lossy for invalid UTF-8) and the problem, if any.
fn read_file(path: &Path) -> Option<(String, Option<ReadProblem>)> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > yaml::MAX_FILE_BYTES as u64 {
        let problem: ReadProblem = Box::new(move |file: &Arc<Path>| too_large(file, size));
        return Some((String::new(), Some(problem)));
    }
    let bytes = std::fs::read(path).ok()?;
    match String::from_utf8(bytes) {
        Ok(text) => Some((text, None)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bad_len = error.utf8_error().error_len().unwrap_or(1);
            let bytes = error.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // The lossy text keeps the valid prefix as it is, then holds the
            // replacement character where the invalid bytes were.
            let prefix = text[..valid].to_owned();
            let problem: ReadProblem = Box::new(move |file: &Arc<Path>| {
                let span = Span::in_text(file, &prefix, valid, '\u{FFFD}'.len_utf8());
                let bytes = if bad_len == 1 { "byte" } else { "bytes" };
                Diagnostic::new(Rule::InvalidUtf8, "the file is not valid UTF-8")
                    .at(&span, format!("{bad_len} invalid {bytes} here"))
                    .help("save the file as UTF-8")
            });
            Some((text, Some(problem)))
        }
    }
}

/// A file over [`yaml::MAX_FILE_BYTES`].
fn too_large(file: &Arc<Path>, size: u64) -> Diagnostic {
    Diagnostic::new(
        Rule::YamlLimit,
        format!(
            "the file is {} bytes, more than the limit of {} bytes",
            thousands(size),
            thousands(yaml::MAX_FILE_BYTES as u64)
        ),
    )
    .at(&Span::start_of(file), "")
    .help("split the domain into smaller files")
}
