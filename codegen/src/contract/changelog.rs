//! Renders a [`Changelog`] as Markdown.

use std::fmt::Write as _;

use crate::contract::diff::{Change, Changelog};

/// Renders the changelog as Markdown: a title, then `## Breaking` and
/// `## Compatible`, each with a `###` section per code.
///
/// `old_label` and `new_label` name the two sides, e.g. `1.0.0 (release.lock.json)`.
///
/// # Examples
///
/// ```
/// use codegen::contract::{Changelog, render_markdown};
///
/// let text = render_markdown(&Changelog::default(), "1.0.0", "1.0.0 (working tree)");
/// assert_eq!(text, "# Catalog changes: 1.0.0 → 1.0.0 (working tree)\n\nno changes\n");
/// ```
pub fn render_markdown(changes: &Changelog, old_label: &str, new_label: &str) -> String {
    let mut out = format!("# Catalog changes: {old_label} → {new_label}\n\n");
    if changes.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    let sections: [(&str, Vec<&Change>); 2] = [
        ("Breaking", changes.breaking().collect()),
        ("Compatible", changes.compatible().collect()),
    ];
    let mut first = true;
    for (title, list) in sections {
        if list.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        let _ = writeln!(out, "## {title}");
        let mut current: Option<&str> = None;
        for change in list {
            if current != Some(change.code.as_str()) {
                let _ = write!(out, "\n### `{}`\n\n", change.code);
                current = Some(&change.code);
            }
            let marker = if change.forbidden {
                "**not allowed, whatever the version**: "
            } else {
                ""
            };
            let _ = writeln!(out, "- {marker}{}", change.summary);
        }
    }
    out
}
