//! `cargo xtask explain CODE`: prints a code's documentation page in the
//! terminal, like `rustc --explain`.

use std::path::PathBuf;
use std::process::ExitCode;

use ::codegen::emit_docs::{self, DocsInput};
use clap::Args;

use crate::docs;
use crate::lookup::{find_code, load_catalog};

/// Options of `cargo xtask explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The code's id, or one of its aliases.
    code: String,

    /// The catalog directory (default: `<workspace root>/catalog`).
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,
}

/// Runs the command.
pub(crate) fn run(args: &ExplainArgs) -> ExitCode {
    match explain(args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprint!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The explanation of the code, or the error message.
pub(crate) fn explain(args: &ExplainArgs) -> Result<String, String> {
    let catalog_dir = args
        .catalog
        .clone()
        .unwrap_or_else(|| crate::workspace_root().join("catalog"));
    let catalog = load_catalog(Some(catalog_dir.clone()))?;
    let found = find_code(&catalog, &args.code)?;
    let settings = docs::settings(&catalog_dir);
    let envelopes = emit_docs::envelopes(&catalog);
    let examples = emit_docs::rendered_code_examples(found.code, &settings);
    let page = emit_docs::code_page(
        &DocsInput {
            catalog: &catalog,
            envelopes: &envelopes,
            examples: &examples,
            settings: &settings,
        },
        &found.code.id,
    )
    .ok_or_else(|| format!("error: no page for `{}`\n", found.code.id))?;
    let mut text = String::new();
    if let Some(alias) = found.alias {
        text.push_str(&format!(
            "`{alias}` is an alias of `{}`.\n\n",
            found.code.id.as_str()
        ));
    }
    text.push_str(&to_terminal(&page));
    Ok(text)
}

/// A generated Markdown page as plain text: no front matter or comments,
/// headings underlined, code blocks indented, escapes and link targets
/// removed.
pub(crate) fn to_terminal(markdown: &str) -> String {
    let mut out = String::new();
    let mut lines = markdown.lines().peekable();
    if lines.peek() == Some(&"---") {
        lines.next();
        for line in lines.by_ref() {
            if line == "---" {
                break;
            }
        }
    }
    let mut fence: Option<String> = None;
    let mut last_blank = true;
    let mut table: Vec<&str> = Vec::new();
    for line in lines {
        if fence.is_none() && line.starts_with('|') {
            table.push(line);
            last_blank = false;
            continue;
        }
        if !table.is_empty() {
            out.push_str(&table_text(&table));
            table.clear();
        }
        if let Some(open) = &fence {
            if line == open {
                fence = None;
            } else {
                out.push_str("    ");
                out.push_str(line);
                out.push('\n');
                last_blank = false;
            }
            continue;
        }
        if line.starts_with("```") {
            fence = Some(line.chars().take_while(|&ch| ch == '`').collect());
            continue;
        }
        if line.starts_with("<!--") && line.ends_with("-->") {
            continue;
        }
        if line.is_empty() {
            if !last_blank {
                out.push('\n');
            }
            last_blank = true;
            continue;
        }
        last_blank = false;
        let level = line.chars().take_while(|&ch| ch == '#').count();
        if level > 0 && line[level..].starts_with(' ') {
            let title = plain(&line[level + 1..]);
            let width = title.chars().count();
            out.push_str(&title);
            out.push('\n');
            match level {
                1 => out.push_str(&"=".repeat(width)),
                2 => out.push_str(&"-".repeat(width)),
                _ => {
                    out.pop();
                    out.push(':');
                }
            }
            out.push('\n');
            continue;
        }
        out.push_str(&plain(line).replace("<br>", " / "));
        out.push('\n');
    }
    if !table.is_empty() {
        out.push_str(&table_text(&table));
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A Markdown table as aligned columns of plain text, without the
/// delimiter row (and without the header row when it is empty).
fn table_text(rows: &[&str]) -> String {
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .filter(|(index, row)| {
            *index != 1 || !row.chars().all(|ch| matches!(ch, '|' | '-' | ':' | ' '))
        })
        .map(|(_, row)| split_cells(row).iter().map(|cell| plain(cell)).collect())
        .collect();
    if cells
        .first()
        .is_some_and(|header| header.iter().all(String::is_empty))
    {
        cells.remove(0);
    }
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|column| {
            cells
                .iter()
                .filter_map(|row| row.get(column))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if column + 1 < row.len() {
                let pad = widths[column] - cell.chars().count() + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The cells of a Markdown table row, split at the pipes that are not
/// escaped, trimmed.
fn split_cells(row: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = row.trim().chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('\\');
                cell.extend(chars.next());
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(ch),
        }
    }
    cells.push(cell);
    // The row's leading and trailing pipes leave an empty first and last cell.
    if cells.first().is_some_and(String::is_empty) {
        cells.remove(0);
    }
    if cells.last().is_some_and(|last| last.trim().is_empty()) {
        cells.pop();
    }
    cells
        .into_iter()
        .map(|cell| cell.trim().to_owned())
        .collect()
}

/// A line of inline Markdown as text: `[text](target)` becomes `text`,
/// backslash escapes outside code spans are removed, emphasis markers `**`
/// are dropped.
fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    let mut in_code = false;
    while let Some(ch) = chars.next() {
        match ch {
            '`' => {
                in_code = !in_code;
                out.push(ch);
            }
            '\\' if !in_code && chars.peek().is_some_and(char::is_ascii_punctuation) => {
                out.extend(chars.next());
            }
            '\\' if in_code && chars.peek() == Some(&'|') => {
                out.extend(chars.next());
            }
            '*' if !in_code && chars.peek() == Some(&'*') => {
                chars.next();
            }
            ']' if !in_code && chars.peek() == Some(&'(') => {
                for skipped in chars.by_ref() {
                    if skipped == ')' {
                        break;
                    }
                }
            }
            '[' if !in_code => {}
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_plain_text() {
        let page = "---\ntitle: \"x\"\n---\n\n<!-- generated -->\n\n# `x`\n\nSee [the index](index.md) \\*now\\*.\n\n## Body\n\n```json\n{\"a\": 1}\n```\n\n### Example\n\n| a | `b\\|c` |\n|---|---|\n| [x](y) | 1 |\n";
        assert_eq!(
            to_terminal(page),
            "`x`\n===\n\nSee the index *now*.\n\nBody\n----\n\n    {\"a\": 1}\n\nExample:\n\na  `b|c`\nx  1\n"
        );
    }

    #[test]
    fn known_codes_and_aliases_are_explained() {
        let text = explain(&ExplainArgs {
            code: "throttle_exceeded".to_owned(),
            catalog: None,
        })
        .unwrap();
        assert!(text.starts_with("`throttle_exceeded` is an alias of `rate_limit_exceeded`.\n"));
        assert!(text.contains("Retry-After: 60"), "{text}");
        assert!(text.contains("Client handling\n---------------"), "{text}");
    }

    #[test]
    fn unknown_codes_get_suggestions() {
        let message = explain(&ExplainArgs {
            code: "rate_limit_exeeded".to_owned(),
            catalog: None,
        })
        .unwrap_err();
        assert!(
            message.contains("did you mean `rate_limit_exceeded`"),
            "{message}"
        );
    }
}
