//! Diagnostics: what is wrong with the catalog, where, and how to fix it.
//!
//! [`render`] turns them into rustc-style text.

mod render;

/// Where the catalog format is described, as a help line names it: a URL, so
/// that it is valid for a catalog in any repository.
///
/// # Examples
///
/// ```
/// assert!(codegen::FORMAT_REFERENCE.starts_with("https://"));
/// assert!(codegen::FORMAT_REFERENCE.ends_with("/catalog/README.md"));
/// ```
pub const FORMAT_REFERENCE: &str =
    concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/catalog/README.md");

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::span::{EntrySlot, Span};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The catalog cannot be used as it is.
    Error,
    /// The catalog works but probably does not say what was meant.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! rules {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal, $severity:ident;)*) => {
        /// The rule a diagnostic reports, each with a stable kebab-case id.
        ///
        /// # Examples
        ///
        /// ```
        /// use codegen::{Rule, Severity};
        ///
        /// assert_eq!(Rule::UnknownKey.id(), "unknown-key");
        /// assert_eq!(Rule::UnusedParam.severity(), Severity::Warning);
        /// assert_eq!(Rule::from_id("duplicate-id"), Some(Rule::DuplicateId));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(into = "&'static str")]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable kebab-case id, shown as `error[id]`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// The severity of every diagnostic of this rule.
            pub fn severity(self) -> Severity {
                match self {
                    $(Rule::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

rules! {
    /// The catalog directory holds no `.yaml` file.
    NoCatalogFiles = "no-catalog-files", Error;
    /// More problems were found than one load reports.
    TooManyProblems = "too-many-problems", Error;
    /// A file or directory could not be read.
    ReadError = "read-error", Error;
    /// A file is not valid UTF-8.
    InvalidUtf8 = "invalid-utf8", Error;
    /// A file is not valid YAML.
    YamlSyntax = "yaml-syntax", Error;
    /// `_catalog.yaml` is not valid: an unknown key, a version that is not
    /// semver, an exemption without a reason.
    InvalidConfig = "invalid-config", Error;
    /// A file exceeds a size, nesting or alias limit of the loader.
    YamlLimit = "yaml-limit", Error;
    /// A mapping has a key the format does not define.
    UnknownKey = "unknown-key", Error;
    /// A required key is missing.
    MissingKey = "missing-key", Error;
    /// A value has the wrong YAML type.
    WrongType = "wrong-type", Error;
    /// A name is not in the required case or form.
    InvalidName = "invalid-name", Error;
    /// A value is not one of the allowed values, or is empty where it must not be.
    InvalidValue = "invalid-value", Error;
    /// An HTTP status outside 400-599.
    StatusRange = "status-range", Error;
    /// An empty message or public message.
    EmptyMessage = "empty-message", Error;
    /// A `{` or `}` that is not part of a placeholder or an escape.
    UnbalancedBrace = "unbalanced-brace", Error;
    /// A placeholder that names no param of the code.
    UndeclaredPlaceholder = "undeclared-placeholder", Error;
    /// Two files declare the same domain.
    DuplicateDomain = "duplicate-domain", Error;
    /// Two codes share an id.
    DuplicateId = "duplicate-id", Error;
    /// An alias repeats a code id or another alias.
    AliasClash = "alias-clash", Error;
    /// Two params, examples, details or headers of one code share a name.
    DuplicateName = "duplicate-name", Error;
    /// Two names become the same Rust identifier.
    RustNameCollision = "rust-name-collision", Error;
    /// A name is a Rust keyword.
    RustKeyword = "rust-keyword", Error;
    /// A sensitive param could reach the public audience.
    SensitiveParam = "sensitive-param", Error;
    /// A header on a status that does not carry it.
    HeaderStatus = "header-status", Error;
    /// A `detail` member an envelope writes itself, or too many of them.
    DetailMember = "detail-member", Error;
    /// `deprecated.replacement` names no usable code.
    DeprecatedReplacement = "deprecated-replacement", Error;
    /// An example value does not fit its param's type.
    ExampleType = "example-type", Error;
    /// An example lacks a value for a required param.
    ExampleMissingParam = "example-missing-param", Error;
    /// An example gives a value for a param the code does not declare.
    ExampleUnknownParam = "example-unknown-param", Error;
    /// An example has `fields` but its code does not carry field messages.
    ExampleFields = "example-fields", Error;
    /// A param that is neither in a message nor on the wire.
    UnusedParam = "unused-param", Warning;
    /// A 5xx code without a `public_message`.
    MissingPublicMessage = "missing-public-message", Warning;
    /// `retryable: true` on a 4xx status that retrying does not fix.
    RetryableClientError = "retryable-client-error", Warning;
    /// A code that no scanned Rust source raises (`cargo xtask usage`).
    UnraisedCode = "unraised-code", Warning;
    /// A code id spelled as a string literal in hand-written Rust (`cargo xtask usage`).
    CodeLiteral = "code-literal", Error;
    /// A message value that no details member or header carries (`cargo xtask usage`).
    MessageOnlyValue = "message-only-value", Warning;
    /// A usage exemption in `_catalog.yaml` that exempts nothing (`cargo xtask usage`).
    StaleExemption = "stale-exemption", Warning;
}

impl Rule {
    /// The rule with the given id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.id() == id)
    }
}

impl From<Rule> for &'static str {
    fn from(rule: Rule) -> &'static str {
        rule.id()
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A change to a catalog file that fixes a diagnostic: replace the bytes of
/// `span` (empty for an insertion) with `replacement`.
///
/// Fixes are machine-applicable: applied as written, the diagnostic's rule no
/// longer fires there.
///
/// # Examples
///
/// ```
/// let yaml = "domain: a\ndescription: A.\ncodes:\n  - id: x\n    status: 404\n    mesage: \"Gone.\"\n    resolution: Stop.\n    examples: [{ name: default }]\n";
/// let loaded = codegen::load_sources(vec![("a.yaml".into(), yaml.into())]);
/// let [typo] = loaded.diagnostics.iter().collect::<Vec<_>>()[..] else { panic!() };
/// let fix = typo.suggestion().unwrap();
/// assert_eq!(fix.replacement, "message");
/// let fixed = fix.apply(yaml);
/// assert!(!codegen::load_sources(vec![("a.yaml".into(), fixed)]).diagnostics.has_errors());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What to replace; its file is the file to change.
    pub span: Span,
    /// The text to put there.
    pub replacement: String,
}

impl Fix {
    /// A fix replacing `span` with `replacement`.
    pub(crate) fn replace(span: &Span, replacement: impl Into<String>) -> Fix {
        Fix {
            span: span.clone(),
            replacement: replacement.into(),
        }
    }

    /// A fix adding `entries` (such as `status: 429`) to a mapping.
    pub(crate) fn add_entries(slot: &EntrySlot, entries: &[&str]) -> Fix {
        Fix {
            span: slot.at.clone(),
            replacement: slot.text(entries),
        }
    }

    /// `text` (the contents of the fix's file) with the fix applied.
    pub fn apply(&self, text: &str) -> String {
        let range = self.span.range();
        let mut out = String::with_capacity(text.len() + self.replacement.len());
        out.push_str(&text[..range.start]);
        out.push_str(&self.replacement);
        out.push_str(&text[range.end..]);
        out
    }
}

/// A span with a short text shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there (may be empty).
    pub text: String,
}

/// One problem found in the catalog.
///
/// # Examples
///
/// ```
/// use codegen::{Rule, Severity};
///
/// let yaml = "domain: auth\ndescription: Auth.\ncodes:\n  - id: a\n    status: 302\n";
/// let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
/// let status = loaded
///     .diagnostics
///     .iter()
///     .find(|d| d.rule() == Rule::StatusRange)
///     .unwrap();
/// assert_eq!(status.severity(), Severity::Error);
/// assert_eq!((status.line(), status.column()), (Some(5), Some(13)));
/// assert_eq!(status.to_string(), "auth.yaml:5:13: error[status-range]: `status` 302 is not an HTTP error status");
/// assert_eq!(status.help_text(), Some("use a 4xx status for client errors and a 5xx status for server errors"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    rule: Rule,
    message: String,
    primary: Option<Label>,
    secondary: Vec<Label>,
    notes: Vec<String>,
    help: Option<String>,
    fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` saying `message`, with no location yet.
    pub(crate) fn new(rule: Rule, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Points the diagnostic at `span`, with `label` under it.
    pub(crate) fn at(mut self, span: &Span, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            span: span.clone(),
            text: label.into(),
        });
        self
    }

    /// Adds a secondary location, such as the first definition of a duplicate.
    pub(crate) fn also(mut self, span: &Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span: span.clone(),
            text: label.into(),
        });
        self
    }

    /// Adds a note.
    pub(crate) fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the help text: how to fix the problem.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the machine-applicable fix that `help` describes.
    pub(crate) fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Leaves out the fix, for a help that describes more than one edit.
    pub(crate) fn drop_fix(&mut self) {
        self.fix = None;
    }

    /// How serious the problem is.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// The rule that was broken.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// What is wrong, one lowercase line.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The main location, when the problem has one.
    pub fn span(&self) -> Option<&Span> {
        self.primary.as_ref().map(|label| &label.span)
    }

    /// The file of the main location.
    pub fn file(&self) -> Option<&Path> {
        self.span().map(|span| &*span.file)
    }

    /// The 1-based line of the main location.
    pub fn line(&self) -> Option<u32> {
        self.span().map(|span| span.line)
    }

    /// The 1-based column of the main location.
    pub fn column(&self) -> Option<u32> {
        self.span().map(|span| span.column)
    }

    /// The main location with its label.
    pub fn primary(&self) -> Option<&Label> {
        self.primary.as_ref()
    }

    /// Other locations involved, such as the first definition of a duplicate.
    pub fn secondary(&self) -> &[Label] {
        &self.secondary
    }

    /// Extra facts about the problem.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// How to fix the problem, when known.
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The edit that fixes the problem, when one edit does.
    pub fn suggestion(&self) -> Option<&Fix> {
        self.fix.as_ref()
    }

    /// The order diagnostics are reported in: by file and position, then
    /// rule; the note that problems were left out comes last.
    fn sort_key(&self) -> (bool, Option<(&Path, usize)>, Rule, &str) {
        (
            self.rule == Rule::TooManyProblems,
            self.span().map(|span| (&*span.file, span.offset)),
            self.rule,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:column: severity[rule]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(span) = self.span() {
            write!(f, "{span}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity(), self.rule, self.message)
    }
}

/// Every problem found while loading a catalog, with the sources to show them.
///
/// # Examples
///
/// ```
/// let loaded = codegen::load_sources(vec![("a.yaml".into(), "domain: a\nextra: 1\n".into())]);
/// let diagnostics = &loaded.diagnostics;
/// assert!(diagnostics.has_errors());
/// let unknown = diagnostics.iter().find(|d| d.rule().id() == "unknown-key").unwrap();
/// assert_eq!((unknown.line(), unknown.column()), (Some(2), Some(1)));
/// assert!(diagnostics.render(false).contains("--> a.yaml:2:1"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    sources: BTreeMap<Arc<Path>, Arc<str>>,
}

impl Diagnostics {
    /// Collects `items`, sorted, with the `sources` their spans point into.
    pub(crate) fn new(mut items: Vec<Diagnostic>, sources: BTreeMap<Arc<Path>, Arc<str>>) -> Self {
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        Diagnostics { items, sources }
    }

    /// Whether there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|item| item.severity() == severity)
            .count()
    }

    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The diagnostics, sorted by file and position.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// The text of a file a diagnostic points into.
    pub fn source(&self, file: &Path) -> Option<&str> {
        self.sources.get(file).map(|text| &**text)
    }

    /// The summary line, e.g. `error: could not load the catalog due to 2 previous errors`.
    pub fn summary(&self) -> Option<String> {
        let errors = self.error_count();
        let warnings = self.warning_count();
        let warnings_text = match warnings {
            1 => "1 warning emitted".to_owned(),
            n => format!("{n} warnings emitted"),
        };
        match (errors, warnings) {
            (0, 0) => None,
            (0, _) => Some(format!("warning: {warnings_text}")),
            (_, _) => {
                let errors_text = match errors {
                    1 => "1 previous error".to_owned(),
                    n => format!("{n} previous errors"),
                };
                let mut line = format!("error: could not load the catalog due to {errors_text}");
                if warnings > 0 {
                    line.push_str("; ");
                    line.push_str(&warnings_text);
                }
                Some(line)
            }
        }
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
