//! Renders diagnostics rustc-style with annotate-snippets.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Diagnostics, Label, Severity};

/// Renders every diagnostic, a blank line between them, then the summary.
pub(crate) fn render(diagnostics: &Diagnostics, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(diagnostics, diagnostic, &renderer));
        out.push_str("\n\n");
    }
    if let Some(summary) = diagnostics.summary() {
        out.push_str(&summary);
        out.push('\n');
    }
    out
}

/// Renders one diagnostic.
fn render_one(diagnostics: &Diagnostics, diagnostic: &Diagnostic, renderer: &Renderer) -> String {
    let level = match diagnostic.severity() {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(diagnostic.message())
        .id(diagnostic.rule().id());
    let mut group = Group::with_title(title);

    // The primary label's file first, then the other files in path order.
    let mut files: Vec<(&Path, Vec<(&Label, bool)>)> = Vec::new();
    let labels = diagnostic
        .primary()
        .map(|label| (label, true))
        .into_iter()
        .chain(diagnostic.secondary().iter().map(|label| (label, false)));
    for (label, primary) in labels {
        let file: &Path = &label.span.file;
        match files.iter_mut().find(|(known, _)| *known == file) {
            Some((_, list)) => list.push((label, primary)),
            None => files.push((file, vec![(label, primary)])),
        }
    }
    let mut without_source = Vec::new();
    for (file, labels) in &files {
        match diagnostics.source(file) {
            Some(text) => group = group.element(snippet(file, text, labels)),
            None => without_source.extend(labels.iter().map(|(label, _)| label.span.to_string())),
        }
    }
    for location in without_source {
        group = group.element(Level::NOTE.message(format!("at {location}")));
    }
    if files.is_empty() {
        // Without a snippet, notes and help read best as lines of their own.
        let mut groups = vec![group];
        groups.extend(
            diagnostic
                .notes()
                .iter()
                .map(|note| Group::with_title(Level::NOTE.secondary_title(note.as_str()))),
        );
        if let Some(help) = diagnostic.help_text() {
            groups.push(Group::with_title(Level::HELP.secondary_title(help)));
        }
        let rendered: Vec<String> = groups
            .into_iter()
            .map(|group| renderer.render(&[group]))
            .collect();
        return rendered.join("\n");
    }
    for note in diagnostic.notes() {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = diagnostic.help_text() {
        group = group.element(Level::HELP.message(help));
    }
    renderer.render(&[group])
}

/// A snippet of `text` covering every label, with the lines in between.
fn snippet<'a>(
    file: &'a Path,
    text: &'a str,
    labels: &[(&'a Label, bool)],
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let ranges: Vec<Range<usize>> = labels
        .iter()
        .map(|(label, _)| visible_range(text, label.span.range()))
        .collect();
    let start = ranges.iter().map(|range| range.start).min().unwrap_or(0);
    let end = ranges.iter().map(|range| range.end).max().unwrap_or(0);
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |at| end + at);
    let first_line = text[..line_start].matches('\n').count() + 1;
    let mut snippet = Snippet::source(&text[line_start..line_end])
        .line_start(first_line)
        .path(path_text(file))
        .fold(true);
    for ((label, primary), range) in labels.iter().zip(ranges) {
        let kind = if *primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let mut annotation = kind.span(range.start - line_start..range.end - line_start);
        if !label.text.is_empty() {
            annotation = annotation.label(label.text.as_str());
        }
        snippet = snippet.annotation(annotation);
    }
    snippet
}

/// The file name as shown after `-->`.
fn path_text(file: &Path) -> Cow<'_, str> {
    file.to_string_lossy()
}

/// Clamps `range` to `text` on char boundaries, widening an empty range to one
/// character so that it gets a visible marker.
fn visible_range(text: &str, range: Range<usize>) -> Range<usize> {
    let clamp = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = clamp(range.start);
    let mut end = clamp(range.end).max(start);
    if end == start
        && let Some(ch) = text[start..].chars().next().filter(|ch| *ch != '\n')
    {
        end = start + ch.len_utf8();
    }
    // A multi-line span is shown on its first line only: long values would
    // otherwise fill the screen.
    if let Some(newline) = text[start..end].find('\n') {
        end = start + newline;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_ranges_are_widened_to_one_character() {
        assert_eq!(visible_range("ab", 1..1), 1..2);
        assert_eq!(visible_range("aé", 1..1), 1..3);
        assert_eq!(visible_range("a\n", 1..1), 1..1);
        assert_eq!(visible_range("ab", 5..9), 2..2);
    }

    #[test]
    fn multi_line_ranges_stop_at_the_first_line_end() {
        assert_eq!(visible_range("ab\ncd", 0..5), 0..2);
    }
}
