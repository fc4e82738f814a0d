//! The [`Node`] tree built straight from the YAML parser's events, for the
//! files that need none of YAML's rarer features.
//!
//! serde-saphyr hands every node to serde through its span-carrying
//! `Spanned` wrapper, a map of locations for each value, which costs more
//! than reading the YAML itself. A catalog file is mostly plain keys,
//! quoted strings, block text and small integers; for those, this module
//! builds the tree from the events of the same parser (granit-parser,
//! configured as serde-saphyr configures it), with the same spans and the
//! same scalar types.
//!
//! It declines, returning `None`, as soon as a file uses anything whose
//! meaning it does not reproduce exactly: a tag, an anchor or alias, a merge
//! key, a plain scalar that could read as anything but a string, a
//! decimal integer or one of the literal nulls and booleans, a key that is not
//! a string, a duplicate key, a second document, nesting or size close to
//! the limits, or any syntax error. [`super::parse`] then reads the file
//! through serde-saphyr, which also reports every error; so the tree, and
//! every diagnostic, is the same either way (the tests compare both on
//! every catalog file of the repository and on synthetic catalogs).

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use granit_parser::{Event, Parser, ScalarStyle};

use super::{Kind, MAX_DEPTH, MAX_NODES, Node, Position, node_span};

/// The deepest nesting read here; deeper files go through serde-saphyr,
/// which enforces [`MAX_DEPTH`].
const DEPTH_LIMIT: usize = MAX_DEPTH / 2;

/// The most nodes read here; larger files go through serde-saphyr, which
/// enforces [`MAX_NODES`].
const NODE_LIMIT: usize = MAX_NODES / 2;

/// A mapping with more entries than this checks its keys for duplicates
/// with a hash set instead of comparing them in turn.
const SMALL_MAPPING: usize = 16;

/// The tree of `text`, or `None` when serde-saphyr must read it.
pub(super) fn tree(file: &Arc<Path>, text: &str) -> Option<Node> {
    let options = granit_parser::options! { emit_comments: false };
    let mut builder = Builder {
        file,
        text,
        stack: Vec::new(),
        root: None,
        nodes: 0,
    };
    let mut documents = 0;
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, span) = item.ok()?;
        let position = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
            byte_offset: span.start.byte_offset().map(|offset| offset as u64),
            byte_len: match (span.start.byte_offset(), span.end.byte_offset()) {
                (Some(start), Some(end)) => Some(end.saturating_sub(start) as u64),
                _ => None,
            },
        };
        // serde-saphyr reports a byte range only when both ends have an
        // offset; otherwise the start is recomputed from line and column.
        let position = if position.byte_len.is_some() {
            position
        } else {
            Position {
                byte_offset: None,
                ..position
            }
        };
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let kind = scalar(value, style)?;
                builder.add(Node {
                    kind,
                    span: node_span(file, text, position, false),
                })?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                builder.open(Open::Seq(Vec::new()), position)?;
            }
            Event::MappingStart(_, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                builder.open(Open::Map(Vec::new(), None), position)?;
            }
            Event::SequenceEnd | Event::MappingEnd => builder.close()?,
            _ => return None,
        }
    }
    if !builder.stack.is_empty() {
        return None;
    }
    builder.root
}

/// A collection being read, with the position it starts at.
enum Open {
    /// A sequence and its items so far.
    Seq(Vec<Node>),
    /// A mapping, its entries so far and the key waiting for its value.
    Map(Vec<(Node, Node)>, Option<Node>),
}

/// Assembles nodes into the tree as their events arrive.
struct Builder<'a> {
    file: &'a Arc<Path>,
    text: &'a str,
    /// The open collections, innermost last.
    stack: Vec<(Open, Position)>,
    /// The document's node, once complete.
    root: Option<Node>,
    /// Nodes read so far.
    nodes: usize,
}

impl Builder<'_> {
    /// Starts a collection.
    fn open(&mut self, collection: Open, position: Position) -> Option<()> {
        if self.stack.len() >= DEPTH_LIMIT {
            return None;
        }
        self.stack.push((collection, position));
        Some(())
    }

    /// Ends the innermost collection and adds it to its parent.
    fn close(&mut self) -> Option<()> {
        let (collection, position) = self.stack.pop()?;
        let kind = match collection {
            Open::Seq(items) => Kind::Seq(items),
            Open::Map(entries, None) => {
                if has_duplicate_key(&entries) {
                    return None;
                }
                Kind::Map(entries)
            }
            Open::Map(_, Some(_)) => return None,
        };
        let span = node_span(self.file, self.text, position, true);
        self.add(Node { kind, span })
    }

    /// Adds a complete node to the innermost collection, or makes it the
    /// root.
    fn add(&mut self, node: Node) -> Option<()> {
        self.nodes += 1;
        if self.nodes > NODE_LIMIT {
            return None;
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_some() {
                    return None;
                }
                self.root = Some(node);
            }
            Some((Open::Seq(items), _)) => items.push(node),
            Some((Open::Map(entries, pending), _)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                // Only string keys: a key of another type, or an empty or
                // null one, means what serde-saphyr decides.
                None if matches!(&node.kind, Kind::Str(key) if !key.is_empty() && key != "<<") => {
                    *pending = Some(node);
                }
                None => return None,
            },
        }
        Some(())
    }
}

/// Whether two keys of a mapping are the same string.
fn has_duplicate_key(entries: &[(Node, Node)]) -> bool {
    fn key(node: &Node) -> &str {
        match &node.kind {
            Kind::Str(key) => key,
            _ => "",
        }
    }
    if entries.len() <= SMALL_MAPPING {
        entries
            .iter()
            .enumerate()
            .any(|(index, (a, _))| entries[..index].iter().any(|(b, _)| key(a) == key(b)))
    } else {
        let mut seen = HashSet::with_capacity(entries.len());
        !entries.iter().all(|(node, _)| seen.insert(key(node)))
    }
}

/// The value of an untagged scalar, as serde-saphyr types it; `None` when
/// its type is not certain here.
///
/// Quoted and block scalars are strings. A plain scalar is null when it is
/// empty, `~` or `null` in one of its three spellings; a boolean when it is
/// `true` or `false` in theirs (YAML 1.2: `yes` and `no` are strings, but
/// left to serde-saphyr); a decimal integer without a plus sign or leading
/// zero and of at most 18 digits; and a string when it starts with a letter
/// and is none of the words other schemas read as values (`inf`, `nan`,
/// `yes`, `off`, ...). Anything else, such as `1.5`, `0x1F`, `-.inf` or
/// `/path`, is left to serde-saphyr.
fn scalar(value: Cow<'_, str>, style: ScalarStyle) -> Option<Kind> {
    if style != ScalarStyle::Plain {
        return Some(Kind::Str(value.into_owned()));
    }
    match &*value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Kind::Null),
        "true" | "True" | "TRUE" => return Some(Kind::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Kind::Bool(false)),
        _ => {}
    }
    let digits = value.strip_prefix('-').unwrap_or(&value);
    if !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit()) {
        if digits.len() > 18 || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        return value.parse::<i128>().ok().map(Kind::Int);
    }
    let starts_with_letter = value.starts_with(|ch: char| ch.is_ascii_alphabetic());
    if !starts_with_letter || reads_as_a_value(&value) {
        return None;
    }
    Some(Kind::Str(value.into_owned()))
}

/// Whether a word is one that some YAML schema reads as a boolean, a null
/// or a special float, whatever its case.
fn reads_as_a_value(word: &str) -> bool {
    const WORDS: [&str; 12] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "inf", "infinity", "nan",
    ];
    word.len() <= "infinity".len() && WORDS.iter().any(|known| word.eq_ignore_ascii_case(known))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Arc<Path> {
        Arc::from(Path::new("t.yaml"))
    }

    /// The tree by both paths, asserting that the fast one agrees whenever
    /// it answers; whether it answered.
    fn compare(text: &str) -> bool {
        let file = file();
        let fast = tree(&file, text);
        if let Some(fast) = &fast {
            let slow = super::super::parse_with_serde(&file, text)
                .unwrap_or_else(|error| panic!("serde-saphyr rejects {text:?}: {}", error.message));
            assert_eq!(fast, &slow, "{text:?}");
        }
        fast.is_some()
    }

    #[test]
    fn plain_catalog_shapes_are_read_here() {
        for text in [
            "a: 1\nb:\n  - \"x\"\n  - {c: true, d: [1, -2, 0]}\n",
            "domain: auth\ndescription: |\n  Auth.\n\n  More.\ncodes:\n  - id: x\n    status: 401\n    message: 'It''s'\n    retryable: false\n    note: ~\n    empty:\n",
            "---\nkey: >\n  folded\n  text\n...\n",
            "a: \"tab\\tand \\u00e9\"\r\nb: plain words here\r\n",
            "# comment\nlist: # trailing\n  - one # more\n  - two\n",
            "k: [a, [b, {c: d}], \"]\"]\n",
            "\u{feff}a: b\n",
            "nested:\n  deeper:\n    x: Null\n    z: TRUE\n",
        ] {
            assert!(compare(text), "declined {text:?}");
        }
    }

    #[test]
    fn everything_else_is_left_to_serde_saphyr() {
        for text in [
            "a: yes\n",
            "a: 1.5\n",
            "a: 0x1F\n",
            "a: 007\n",
            "a: +3\n",
            "a: .inf\n",
            "a: Infinity\n",
            "a: 12345678901234567890\n",
            "a: /path\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "<<: {a: 1}\n",
            "a: 1\na: 2\n",
            "1: a\n",
            "? [a]\n: b\n",
            "a: 1\n---\nb: 2\n",
            "a: [1, 2\n",
            "",
            "a:\n  b:\n    c:\n      d:\n        e:\n          f:\n            g:\n              h:\n                i:\n                  j:\n                    k:\n                      l:\n                        m:\n                          n:\n                            o:\n                              p:\n                                q: 1\n",
        ] {
            assert!(!compare(text), "read {text:?}");
        }
    }

    #[test]
    fn large_mappings_find_duplicates_too() {
        let mut text: String = (0..40)
            .map(|index| format!("k{index}: {index}\n"))
            .collect();
        assert!(compare(&text));
        text.push_str("k7: again\n");
        assert!(!compare(&text));
    }

    #[test]
    fn synthetic_catalogs_are_read_here_the_same() {
        for (path, text) in crate::synth::synthetic_catalog(300, 100) {
            assert!(compare(&text), "declined {}", path.display());
        }
    }

    /// Characters that change what YAML means, and some that do not.
    const MUTATIONS: &[char] = &[
        ':', '-', ' ', '\n', '"', '\'', '#', '[', ']', '{', '}', '&', '*', '!', '|', '>', '?', ',',
        '~', '%', '@', '`', '\t', '\r', '<', '.', '+', '0', '1', 'x', 'y', 'é', '\u{feff}',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 400,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Catalog text with a few characters inserted, replaced or deleted
        /// reads the same by both readers whenever the event reader answers.
        #[test]
        fn mutated_catalogs_read_the_same(
            edits in proptest::collection::vec(
                (0usize..4_000, 0usize..3, 0usize..MUTATIONS.len()),
                1..6,
            ),
        ) {
            let (_, mut text) = crate::synth::synthetic_catalog(12, 100).remove(0);
            for (at, op, ch) in edits {
                let mut at = at % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                match op {
                    0 => text.insert(at, MUTATIONS[ch]),
                    1 if at < text.len() => {
                        text.remove(at);
                        text.insert(at, MUTATIONS[ch]);
                    }
                    _ if at < text.len() => {
                        text.remove(at);
                    }
                    _ => {}
                }
            }
            compare(&text);
        }
    }

    #[test]
    fn the_repository_catalogs_read_the_same() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        let mut dirs = vec![
            root.join("catalog"),
            root.join("codegen/tests"),
            root.join("tests"),
        ];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path
                    .extension()
                    .is_some_and(|ext| ext == "yaml" || ext == "yml")
                {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 5, "found only {files:?}");
        let mut read = 0;
        for path in &files {
            // Fixtures of unreadable files are not UTF-8; the loader reports
            // them before parsing.
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            // Files serde-saphyr rejects are fixtures of errors: only the
            // fast path's declining matters for them.
            if super::super::parse_with_serde(&file(), &text).is_err() {
                assert!(tree(&file(), &text).is_none(), "read {}", path.display());
            } else {
                read += usize::from(compare(&text));
            }
        }
        assert!(read > 0);
    }
}
