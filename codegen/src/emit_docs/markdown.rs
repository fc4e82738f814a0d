//! Markdown escaping: how any catalog text is put into a page safely.
//!
//! Catalog fields come in two kinds. Plain text (messages, ids, example
//! values) must show exactly as written, so every character Markdown or HTML
//! would interpret is escaped ([`text`], [`code_span`], [`code_block`]).
//! Markdown fields (descriptions, resolutions, notes) are Markdown by the
//! catalog's definition and pass through, except where the surrounding
//! construct needs more: a table cell ([`table_cell`]) cannot hold a raw `|`
//! or a line break. [`Table`] lays out aligned GitHub-flavoured tables whose
//! cells go through [`table_cell`].

use std::fmt::Write as _;

/// Plain text as inline Markdown that renders as exactly that text.
///
/// Backslash-escapes every character that could start inline markup, raw
/// HTML or an entity, and the characters that start a block (`#`, `>`, list
/// markers) at the start of a line; a line break stays a line break.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::markdown::text;
///
/// assert_eq!(text("a *b* <i>"), r"a \*b\* \<i\>");
/// assert_eq!(text("# not a heading"), r"\# not a heading");
/// assert_eq!(text("1. not a list"), r"1\. not a list");
/// ```
pub fn text(plain: &str) -> String {
    let mut out = String::with_capacity(plain.len() + 8);
    for (index, line) in plain.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches([' ', '\t']);
        out.push_str(&line[..line.len() - body.len()]);
        let block_marker = block_marker_end(body);
        let chars: Vec<char> = body.chars().collect();
        for (at, &ch) in chars.iter().enumerate() {
            let inline = match ch {
                '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' => true,
                // An underscore between two alphanumerics can neither open
                // nor close emphasis.
                '_' => {
                    let alphanumeric =
                        |near: Option<&char>| near.is_some_and(|c| c.is_alphanumeric());
                    !(at > 0 && alphanumeric(chars.get(at - 1)) && alphanumeric(chars.get(at + 1)))
                }
                _ => false,
            };
            if inline || block_marker == Some(at) {
                out.push('\\');
            }
            out.push(ch);
        }
    }
    out
}

/// The index (in chars) of the character that makes `line` (without its
/// indentation) start a block (a heading, quote, list item, thematic break
/// or setext underline), if it does.
fn block_marker_end(line: &str) -> Option<usize> {
    let chars: Vec<char> = line.chars().collect();
    let spaced = |at: usize| chars.get(at).is_none_or(|c| *c == ' ' || *c == '\t');
    let only = |marker: char| {
        chars
            .iter()
            .all(|c| *c == marker || *c == ' ' || *c == '\t')
    };
    match chars.first()? {
        '>' => Some(0),
        '#' => {
            let run = chars.iter().take_while(|c| **c == '#').count();
            (run <= 6 && spaced(run)).then_some(0)
        }
        '+' => spaced(1).then_some(0),
        '-' => (spaced(1) || only('-')).then_some(0),
        '=' => only('=').then_some(0),
        first if first.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            (digits <= 9 && matches!(chars.get(digits), Some('.' | ')')) && spaced(digits + 1))
                .then_some(digits)
        }
        _ => None,
    }
}

/// Plain text as an inline code span, whatever backticks it holds.
///
/// The fence is one backtick longer than the longest run inside, and a space
/// pads text that starts or ends with a backtick. Line breaks become spaces,
/// as CommonMark would render them anyway.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::markdown::code_span;
///
/// assert_eq!(code_span("retry_after"), "`retry_after`");
/// assert_eq!(code_span("a `b` c"), "``a `b` c``");
/// assert_eq!(code_span("`x`"), "`` `x` ``");
/// ```
pub fn code_span(plain: &str) -> String {
    let flat = plain.replace(['\r', '\n'], " ");
    let fence = "`".repeat(longest_run(&flat, '`') + 1);
    // CommonMark strips one space from each end of a span that both starts
    // and ends with one, unless it is all spaces: pad to keep such text.
    let all_spaces = flat.bytes().all(|byte| byte == b' ');
    let edge_spaces = flat.starts_with(' ') && flat.ends_with(' ') && !all_spaces;
    let pad = if flat.starts_with('`') || flat.ends_with('`') || edge_spaces {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// A fenced code block with `info` (such as `json`) holding `content` as it
/// is, ending with a line break.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::markdown::code_block;
///
/// assert_eq!(code_block("json", "{}"), "```json\n{}\n```\n");
/// assert_eq!(code_block("", "a\n```\nb"), "````\na\n```\nb\n````\n");
/// ```
pub fn code_block(info: &str, content: &str) -> String {
    let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
    let content = content.strip_suffix('\n').unwrap_or(content);
    format!("{fence}{info}\n{content}\n{fence}\n")
}

/// Inline Markdown as the content of one table cell.
///
/// Every `|` is escaped (GitHub-flavoured tables split cells before parsing
/// inlines, even inside code spans, and unescape `\|` afterwards), and line
/// breaks become `<br>` (a blank line, which ends a paragraph, too).
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::markdown::{code_span, table_cell};
///
/// assert_eq!(table_cell("a | b"), r"a \| b");
/// assert_eq!(table_cell(&code_span("x|y")), r"`x\|y`");
/// assert_eq!(table_cell("one\ntwo\n\nthree"), "one two<br>three");
/// ```
pub fn table_cell(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut paragraph_break = false;
    let normalized = markdown.replace("\r\n", "\n");
    for line in normalized.split(['\n', '\r']).map(str::trim) {
        if line.is_empty() {
            paragraph_break = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if paragraph_break { "<br>" } else { " " });
        }
        paragraph_break = false;
        out.push_str(line);
    }
    out.replace('|', r"\|")
}

/// Markdown text on one line: the paragraphs of `markdown` joined by spaces.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::markdown::one_line;
///
/// assert_eq!(one_line("a\nb\n\nc\n"), "a b c");
/// ```
pub fn one_line(markdown: &str) -> String {
    markdown.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown block text, trimmed and ending with exactly one line break.
pub fn block(markdown: &str) -> String {
    let mut out = markdown.trim().replace("\r\n", "\n");
    out.push('\n');
    out
}

/// A string as a YAML front matter scalar: a double-quoted JSON string,
/// which YAML reads back as the same string.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::markdown::yaml_string;
///
/// assert_eq!(yaml_string("a: \"b\""), r#""a: \"b\"""#);
/// ```
pub fn yaml_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

/// The length of the longest run of `ch` in `text`.
fn longest_run(text: &str, ch: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for next in text.chars() {
        if next == ch {
            current += 1;
            longest = longest.max(current);
        } else {
            current = 0;
        }
    }
    longest
}

/// A GitHub-flavoured Markdown table with aligned columns.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::markdown::Table;
///
/// let mut table = Table::new(["name", "type"]);
/// table.row(["`limit`", "u32 | none"]);
/// assert_eq!(
///     table.render(),
///     "| name    | type        |\n|---------|-------------|\n| `limit` | u32 \\| none |\n",
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headings (inline Markdown).
    pub fn new<const N: usize>(header: [&str; N]) -> Self {
        Self {
            header: header.iter().map(|cell| table_cell(cell)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of inline Markdown cells; missing cells are left empty.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> &mut Self {
        let mut row: Vec<String> = cells
            .into_iter()
            .map(|cell| table_cell(cell.as_ref()))
            .collect();
        row.resize(self.header.len(), String::new());
        self.rows.push(row);
        self
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as Markdown, ending with a line break.
    pub fn render(&self) -> String {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|column| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .map(|row| row.get(column).map_or(0, |cell| cell.chars().count()))
                    .max()
                    .unwrap_or(0)
                    .max(3)
            })
            .collect();
        let mut out = String::new();
        write_row(&mut out, &self.header, &widths);
        out.push('|');
        for width in &widths {
            out.push_str(&"-".repeat(width + 2));
            out.push('|');
        }
        out.push('\n');
        for row in &self.rows {
            write_row(&mut out, row, &widths);
        }
        out
    }
}

/// Writes one table row, each cell padded to its column's width.
fn write_row(out: &mut String, cells: &[String], widths: &[usize]) {
    out.push('|');
    for (cell, width) in cells.iter().zip(widths) {
        let _ = write!(out, " {cell:<width$} |");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_escapes_inline_markup_and_html() {
        assert_eq!(text("<script>&amp;"), r"\<script\>\&amp;");
        assert_eq!(text("[link](x) ![img](y)"), r"\[link\](x) \!\[img\](y)");
        assert_eq!(
            text(r"back\slash `code` ~~s~~"),
            r"back\\slash \`code\` \~\~s\~\~"
        );
        assert_eq!(text("a | b"), r"a \| b");
    }

    #[test]
    fn text_escapes_block_starts_on_every_line() {
        assert_eq!(
            text("- item\n  + item\n> quote"),
            "\\- item\n  \\+ item\n\\> quote"
        );
        assert_eq!(text("12) twelve\n3.5 stays"), "12\\) twelve\n3.5 stays");
        assert_eq!(text("===\nx"), "\\===\nx");
        assert_eq!(text("mid-word - dash"), "mid-word - dash");
        assert_eq!(text("---"), "\\---");
        assert_eq!(text("#hashtag\n1.0.0\n-1"), "#hashtag\n1.0.0\n-1");
        assert_eq!(text("rate_limiting _x_"), "rate_limiting \\_x\\_");
    }

    #[test]
    fn code_spans_survive_backtick_runs() {
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(code_span("x\ny"), "`x y`");
        assert_eq!(code_span(" "), "` `");
        assert_eq!(code_span(" a "), "`  a  `");
    }

    #[test]
    fn code_blocks_outgrow_inner_fences() {
        assert_eq!(code_block("text", "````"), "`````text\n````\n`````\n");
        assert_eq!(code_block("json", "{}\n"), "```json\n{}\n```\n");
    }

    #[test]
    fn table_cells_keep_one_line_and_escape_pipes() {
        assert_eq!(table_cell("  a\r\n  b  "), "a b");
        assert_eq!(table_cell("  a\n  b  "), "a b");
        assert_eq!(table_cell("x\n\n\n\ny"), "x<br>y");
        assert_eq!(table_cell(&text("a|b")), r"a\\|b");
    }

    #[test]
    fn tables_align_columns_by_characters() {
        let mut table = Table::new(["a", "b"]);
        table.row(["é", "x"]).row(["long cell"]);
        assert_eq!(
            table.render(),
            "| a         | b   |\n|-----------|-----|\n| é         | x   |\n| long cell |     |\n"
        );
    }

    /// The text a CommonMark reader sees in an escaped line: backslash
    /// escapes of ASCII punctuation removed.
    fn unescape(markdown: &str) -> String {
        let mut out = String::new();
        let mut chars = markdown.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '\\'
                && let Some(&next) = chars.peek()
                && next.is_ascii_punctuation()
            {
                out.push(next);
                chars.next();
                continue;
            }
            out.push(ch);
        }
        out
    }

    proptest! {
        #[test]
        fn escaped_text_reads_back_as_the_original(plain in "[ -~\n\u{e9}]{0,40}") {
            prop_assert_eq!(unescape(&text(&plain)), plain);
        }

        #[test]
        fn escaped_text_has_no_unescaped_markup(plain in "[ -~\u{e9}]{0,40}") {
            let escaped = text(&plain);
            let chars: Vec<char> = escaped.chars().collect();
            let mut at = 0;
            while at < chars.len() {
                let ch = chars[at];
                if ch == '\\' {
                    at += 2;
                    continue;
                }
                let intraword = ch == '_'
                    && at > 0
                    && chars[at - 1].is_alphanumeric()
                    && chars.get(at + 1).is_some_and(|next| next.is_alphanumeric());
                prop_assert!(intraword || !"`*_[]<>&|~!\\".contains(ch), "{escaped}");
                at += 1;
            }
        }

        #[test]
        fn table_cells_never_split_or_break(markdown in "[ -~\n]{0,40}") {
            let cell = table_cell(&markdown);
            prop_assert!(!cell.contains('\n'));
            let bytes = cell.as_bytes();
            for (at, byte) in bytes.iter().enumerate() {
                if *byte == b'|' {
                    prop_assert!(at > 0 && bytes[at - 1] == b'\\', "{cell}");
                }
            }
        }

        #[test]
        fn code_spans_hold_the_text(plain in "[ -~]{1,30}") {
            let span = code_span(&plain);
            let fence_len = span.chars().take_while(|&ch| ch == '`').count();
            let fence = "`".repeat(fence_len);
            prop_assert!(span.ends_with(&fence));
            let inner = &span[fence_len..span.len() - fence_len];
            prop_assert!(!inner.contains(&fence));
            let strips = inner.len() >= 2
                && inner.starts_with(' ')
                && inner.ends_with(' ')
                && !inner.bytes().all(|byte| byte == b' ');
            let shown = if strips { &inner[1..inner.len() - 1] } else { inner };
            prop_assert_eq!(shown, plain.as_str());
        }
    }
}
