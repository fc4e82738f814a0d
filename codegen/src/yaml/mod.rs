//! A generic YAML tree with source spans, read with serde-saphyr.
//!
//! The catalog is not deserialized straight into typed structs: a derive with
//! `deny_unknown_fields` stops at the first unknown key and cannot suggest the
//! key that was meant. Instead each file becomes a [`Node`] tree that keeps the
//! span of every key and value, and [`crate::parse`] walks it, checking keys,
//! types and values itself so that every problem of a file is reported at once
//! with a precise location.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

mod events;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::options::{AliasLimits, DuplicateKeyPolicy};

use crate::span::{Span, offset_of};
use crate::text::{shown, thousands};

/// The largest YAML file the loader reads, in bytes.
///
/// Larger files are reported instead of parsed so that a stray multi-gigabyte
/// file cannot exhaust memory.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// The most YAML nodes (scalars, sequences and mappings) one file may hold.
///
/// A code with a few params takes 30 to 60 nodes, so this allows roughly
/// 40,000 codes per file, far beyond any real domain, while still bounding the
/// work and memory a hostile file can demand. serde-saphyr's default of 250,000
/// nodes would stop near 5,000 codes.
pub const MAX_NODES: usize = 2_000_000;

/// The deepest nesting of sequences and mappings a file may use.
///
/// The catalog format itself needs six levels; the margin leaves room for
/// mistakes to be reported as wrong types rather than as a limit.
pub const MAX_DEPTH: usize = 32;

/// The most events alias (`*name`) expansion may replay in one file.
///
/// Anchors and aliases are allowed (for example to share a param between
/// codes), but a "billion laughs" file is stopped after this many events.
pub const MAX_ALIAS_REPLAY: usize = 50_000;

/// A YAML value with the span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    /// The value.
    pub kind: Kind,
    /// Where the value is written.
    pub span: Span,
}

/// The kinds of YAML values.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// `null`, `~` or an empty value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits in `i128`.
    Int(i128),
    /// A floating-point number.
    Float(f64),
    /// A string scalar, quoted or not.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, with its entries in source order.
    Map(Vec<(Node, Node)>),
}

impl Kind {
    /// Describes the kind of value for messages such as "expected a string, found a list".
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Int(_) => "an integer",
            Kind::Float(_) => "a float",
            Kind::Str(_) => "a string",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
}

/// Why a file could not be read as YAML.
#[derive(Clone, Debug)]
pub(crate) struct SyntaxError {
    /// The parser's message, without location or snippet.
    pub message: String,
    /// Where the parser stopped, when it knows.
    pub span: Option<Span>,
    /// Whether a resource limit (rather than the syntax) stopped the parser.
    pub limit: bool,
    /// How to fix the problem, when it is more specific than "fix the syntax".
    pub help: Option<String>,
}

/// Parses `text` (the contents of `file`) into a [`Node`] tree.
///
/// Most files are read straight from the parser's events ([`events`]); the
/// rest, and every file with an error, through serde-saphyr, with the same
/// result.
pub(crate) fn parse(file: &Arc<Path>, text: &str) -> Result<Node, SyntaxError> {
    match events::tree(file, text) {
        Some(tree) => Ok(tree),
        None => parse_with_serde(file, text),
    }
}

/// [`parse`] through serde-saphyr, which reads any YAML and reports every
/// error and limit.
fn parse_with_serde(file: &Arc<Path>, text: &str) -> Result<Node, SyntaxError> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: MAX_NODES,
            max_events: MAX_NODES * 2,
            max_depth: MAX_DEPTH,
            max_documents: 1,
        },
        alias_limits: {
            let mut limits = AliasLimits::default();
            limits.max_total_replayed_events = MAX_ALIAS_REPLAY;
            limits
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        strict_booleans: true,
        emit_comments: false,
        with_snippet: false,
    };
    let raw: serde_saphyr::Spanned<RawKind> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|error| syntax_error(file, text, &error))?;
    Ok(convert(file, text, raw))
}

/// Turns a serde-saphyr error into a [`SyntaxError`] with our own span.
fn syntax_error(file: &Arc<Path>, text: &str, error: &serde_saphyr::Error) -> SyntaxError {
    let inner = error.without_snippet();
    let span = inner
        .location()
        .filter(|location| location.line() > 0)
        .map(|location| span_of(file, text, location.into(), true));
    let mut message = inner.to_string();
    // The parser appends its own location; we show ours in the snippet.
    if let Some(index) = message.find(" at line ") {
        message.truncate(index);
    }
    let limit = matches!(inner, serde_saphyr::Error::Budget { .. })
        || message.contains("budget")
        || message.contains("limit");
    let mut help = None;
    if let Some((plain, fix)) = limit_message(inner, &message) {
        message = plain;
        help = Some(fix.to_owned());
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        let key = shown(key);
        help = Some(format!(
            "a key may appear once per mapping: remove or merge the second `{key}`"
        ));
        message = format!("duplicate key `{key}`");
    }
    SyntaxError {
        message,
        span,
        limit,
        help,
    }
}

/// A plain message and a fix for the limits a catalog file can hit.
fn limit_message(error: &serde_saphyr::Error, message: &str) -> Option<(String, &'static str)> {
    use serde_saphyr::budget::BudgetBreach;

    if message.starts_with("alias replay limit exceeded") {
        return Some((
            format!(
                "aliases expand to more than {} events",
                thousands(MAX_ALIAS_REPLAY as u64)
            ),
            "use fewer aliases, or write the repeated values out",
        ));
    }
    let serde_saphyr::Error::Budget { breach, .. } = error else {
        return None;
    };
    Some(match breach {
        BudgetBreach::Depth { .. } => (
            format!("the file nests more than {MAX_DEPTH} levels deep"),
            "the catalog format needs six levels; flatten the structure",
        ),
        BudgetBreach::Documents { .. } => (
            "the file holds more than one YAML document".to_owned(),
            "a catalog file is one document: remove the `---` line, or move the second document to a file of its own",
        ),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => (
            format!(
                "the file has more than {} YAML nodes",
                thousands(MAX_NODES as u64)
            ),
            "split the domain into several files",
        ),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::MergeKeys { .. } => (
            "the file uses too many aliases, anchors or merge keys".to_owned(),
            "write the repeated values out instead of aliasing them",
        ),
        _ => return None,
    })
}

/// Where the parser says a node, or an error, starts, and how many bytes it
/// covers.
#[derive(Clone, Copy, Debug)]
struct Position {
    /// The line, from 1.
    line: usize,
    /// The column, from 1.
    column: usize,
    /// The byte offset of the start, when the parser knows it.
    byte_offset: Option<u64>,
    /// The length in bytes, when the parser knows it.
    byte_len: Option<u64>,
}

impl From<serde_saphyr::Location> for Position {
    fn from(location: serde_saphyr::Location) -> Self {
        let raw = location.span();
        Position {
            line: usize::try_from(location.line()).unwrap_or(usize::MAX),
            column: usize::try_from(location.column()).unwrap_or(usize::MAX),
            byte_offset: raw.byte_offset(),
            byte_len: raw.byte_len(),
        }
    }
}

/// Converts a parser position to a [`Span`], clamped to `text`; a `point`
/// has no length.
fn span_of(file: &Arc<Path>, text: &str, position: Position, point: bool) -> Span {
    let line = u32::try_from(position.line).unwrap_or(u32::MAX).max(1);
    let column = u32::try_from(position.column).unwrap_or(u32::MAX).max(1);
    let offset = position
        .byte_offset
        .and_then(|offset| usize::try_from(offset).ok())
        .unwrap_or_else(|| offset_of(text, line, column));
    let offset = text.floor_char_boundary(offset);
    let len = if point {
        0
    } else {
        position
            .byte_len
            .and_then(|len| usize::try_from(len).ok())
            .unwrap_or(0)
    };
    let end = text.floor_char_boundary(offset.saturating_add(len));
    Span {
        file: Arc::clone(file),
        line,
        column,
        offset,
        len: end - offset,
    }
}

/// The span of a node at `position`; a flow collection's span reaches its
/// closing bracket.
fn node_span(file: &Arc<Path>, text: &str, position: Position, collection: bool) -> Span {
    let mut span = span_of(file, text, position, false);
    if collection && let Some(len) = flow_len(&text[span.offset..]) {
        span.len = len;
    }
    span
}

/// Converts the deserialized tree to [`Node`]s with our spans.
fn convert(file: &Arc<Path>, text: &str, raw: serde_saphyr::Spanned<RawKind>) -> Node {
    let collection = matches!(raw.value, RawKind::Seq(_) | RawKind::Map(_));
    let span = node_span(file, text, raw.referenced.into(), collection);
    let kind = match raw.value {
        RawKind::Null => Kind::Null,
        RawKind::Bool(value) => Kind::Bool(value),
        RawKind::Int(value) => Kind::Int(value),
        RawKind::Float(value) => Kind::Float(value),
        RawKind::Str(value) => Kind::Str(value),
        RawKind::Seq(items) => Kind::Seq(
            items
                .into_iter()
                .map(|item| convert(file, text, item))
                .collect(),
        ),
        RawKind::Map(entries) => Kind::Map(
            entries
                .into_iter()
                .map(|(key, value)| (convert(file, text, key), convert(file, text, value)))
                .collect(),
        ),
    };
    Node { kind, span }
}

/// The longest flow collection whose extent is measured for its span.
const MAX_FLOW_SCAN: usize = 64 * 1024;

/// The length of the flow collection (`[...]` or `{...}`) that `rest` starts
/// with, so that diagnostics underline all of it; `None` for a block
/// collection or one longer than [`MAX_FLOW_SCAN`].
fn flow_len(rest: &str) -> Option<usize> {
    if !rest.starts_with(['[', '{']) {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let bytes = rest.as_bytes();
    let mut index = 0;
    while index < bytes.len().min(MAX_FLOW_SCAN) {
        let byte = bytes[index];
        match (quote, byte) {
            (Some(b'"'), b'\\') => index += 1,
            (Some(b'\''), b'\'') if bytes.get(index + 1) == Some(&b'\'') => index += 1,
            (Some(open), _) if byte == open => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'[' | b'{') => depth += 1,
            (None, b']' | b'}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(index + 1);
                }
            }
            (None, b'#') if index > 0 && bytes[index - 1].is_ascii_whitespace() => {
                // A comment runs to the end of the line.
                while index < bytes.len() && bytes[index] != b'\n' {
                    index += 1;
                }
            }
            (None, _) => {}
        }
        index += 1;
    }
    None
}

/// The tree as serde-saphyr hands it over, before spans are converted.
enum RawKind {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<serde_saphyr::Spanned<RawKind>>),
    Map(
        Vec<(
            serde_saphyr::Spanned<RawKind>,
            serde_saphyr::Spanned<RawKind>,
        )>,
    ),
}

impl<'de> Deserialize<'de> for RawKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

/// Builds a [`RawKind`] from whatever YAML value comes next.
struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawKind;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawKind, E> {
        Ok(RawKind::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<RawKind, E> {
        Ok(RawKind::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawKind, D::Error> {
        RawKind::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<RawKind, E> {
        Ok(RawKind::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawKind, E> {
        Ok(RawKind::Int(i128::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawKind, E> {
        Ok(RawKind::Int(i128::from(value)))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<RawKind, E> {
        Ok(RawKind::Int(value))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<RawKind, E> {
        i128::try_from(value)
            .map(RawKind::Int)
            .map_err(|_| E::custom("integer out of range"))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<RawKind, E> {
        Ok(RawKind::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<RawKind, E> {
        Ok(RawKind::Str(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<RawKind, E> {
        Ok(RawKind::Str(value))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<RawKind, E> {
        String::from_utf8(value.to_vec())
            .map(RawKind::Str)
            .map_err(|_| E::custom("binary value is not valid UTF-8"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawKind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawKind::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawKind, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(RawKind::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Arc<Path> {
        Arc::from(Path::new("t.yaml"))
    }

    #[test]
    fn keys_and_values_keep_their_spans() {
        let text = "a: 1\nb:\n  - \"x\"\n  - {c: true}\n";
        let node = parse(&file(), text).unwrap();
        let Kind::Map(entries) = &node.kind else {
            panic!("not a map: {node:?}")
        };
        let (key, value) = &entries[1];
        assert_eq!(key.kind, Kind::Str("b".into()));
        assert_eq!((key.span.line, key.span.column), (2, 1));
        let Kind::Seq(items) = &value.kind else {
            panic!("not a seq")
        };
        assert_eq!((items[0].span.line, items[0].span.column), (3, 5));
        assert_eq!(&text[items[0].span.range()], "\"x\"");
        let Kind::Map(inner) = &items[1].kind else {
            panic!("not a map")
        };
        assert_eq!(inner[0].1.kind, Kind::Bool(true));
        assert_eq!(&text[inner[0].0.span.range()], "c");
    }

    #[test]
    fn flow_collections_span_to_their_closing_bracket() {
        assert_eq!(flow_len("[a, [b], \"]\"] tail"), Some(13));
        assert_eq!(flow_len("{a: 'x''}', b: [1]}"), Some(19));
        assert_eq!(flow_len("[a, # ]\n b]"), Some(11));
        assert_eq!(flow_len("[unclosed"), None);
        assert_eq!(flow_len("a: 1"), None);
        let text = "a: [1, 2]\n";
        let node = parse(&file(), text).unwrap();
        let Kind::Map(entries) = node.kind else {
            panic!()
        };
        assert_eq!(&text[entries[0].1.span.range()], "[1, 2]");
    }

    #[test]
    fn yaml_1_1_booleans_stay_strings() {
        let node = parse(&file(), "a: yes\n").unwrap();
        let Kind::Map(entries) = node.kind else {
            panic!()
        };
        assert_eq!(entries[0].1.kind, Kind::Str("yes".into()));
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let error = parse(&file(), "a: 1\na: 2\n").unwrap_err();
        assert!(error.message.contains("duplicate"), "{}", error.message);
        assert_eq!(error.span.unwrap().line, 2);
    }
}
