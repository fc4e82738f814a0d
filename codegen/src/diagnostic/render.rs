//! Renders diagnostics rustc-style with annotate-snippets.
//!
//! Only the rendering of diagnostics lives here; "render" elsewhere in the
//! workspace means rendering error responses.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Element, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Diagnostics, Label, Severity};

impl Diagnostics {
    /// Renders every diagnostic rustc-style, a blank line between them, then
    /// a summary line.
    ///
    /// Returns an empty string when there is nothing to report. `color`
    /// adds ANSI styles.
    ///
    /// # Examples
    ///
    /// ```
    /// let loaded = codegen::load_sources(vec![("a.yaml".into(), "domain: a\nextra: 1\n".into())]);
    /// let text = loaded.diagnostics.render(false);
    /// assert!(text.contains("error[unknown-key]: unknown key `extra` in a domain file\n"));
    /// assert!(text.ends_with("previous errors\n"));
    /// ```
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for diagnostic in self {
            out.push_str(&render_one(self, diagnostic, &renderer));
            out.push_str("\n\n");
        }
        if let Some(summary) = self.summary() {
            out.push_str(&summary);
            out.push('\n');
        }
        out
    }
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
            Some(text) => {
                let (elements, unshown) = snippets(file, text, labels);
                group = group.elements(elements);
                without_source.extend(unshown);
            }
            None => without_source.extend(labels.iter().map(|(label, _)| *label)),
        }
    }
    for label in without_source {
        let text = if label.text.is_empty() {
            format!("at {}", label.span)
        } else {
            format!("at {}: {}", label.span, label.text)
        };
        group = group.element(Level::NOTE.message(text));
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

/// How far into a source line a label may end and still be shown: longer
/// lines are cut after the label, and labels beyond this are listed as notes,
/// so that a pathological line cannot make rendering slow.
const MAX_LINE_BYTES: usize = 16 * 1024;

/// Labels at most this many lines apart share one snippet.
const MAX_GAP_LINES: u32 = 8;

/// Snippets of `text` showing `labels` (labels close together share one),
/// the primary label's snippet first; also the labels that cannot be shown.
fn snippets<'a>(
    file: &'a Path,
    text: &'a str,
    labels: &[(&'a Label, bool)],
) -> (Vec<Element<'a>>, Vec<&'a Label>) {
    let mut items: Vec<(Range<usize>, &'a Label, bool)> = labels
        .iter()
        .map(|&(label, primary)| (visible_range(text, label.span.range()), label, primary))
        .collect();
    items.sort_by_key(|(range, _, primary)| (range.start, !primary));
    let mut chunks: Vec<Vec<(Range<usize>, &'a Label, bool)>> = Vec::new();
    for item in items {
        match chunks.last_mut() {
            Some(chunk)
                if chunk.last().is_some_and(|last| {
                    item.1.span.line.saturating_sub(last.1.span.line) <= MAX_GAP_LINES
                }) =>
            {
                chunk.push(item);
            }
            _ => chunks.push(vec![item]),
        }
    }
    chunks.sort_by_key(|chunk| !chunk.iter().any(|(_, _, primary)| *primary));
    let mut elements = Vec::new();
    let mut unshown = Vec::new();
    for chunk in chunks {
        let start = chunk
            .iter()
            .map(|(range, _, _)| range.start)
            .min()
            .unwrap_or(0);
        let end = chunk
            .iter()
            .map(|(range, _, _)| range.end)
            .max()
            .unwrap_or(0);
        let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
        if end - line_start > MAX_LINE_BYTES * 4 || end - start > MAX_LINE_BYTES {
            unshown.extend(chunk.iter().map(|(_, label, _)| *label));
            continue;
        }
        let line_end = text[end..].find('\n').map_or(text.len(), |at| end + at);
        let line_end = text.floor_char_boundary(line_end.min(end + 256));
        let first_line = chunk
            .iter()
            .find(|(range, _, _)| range.start == start)
            .map_or(1, |(_, label, _)| label.span.line);
        let mut snippet = Snippet::source(&text[line_start..line_end])
            .line_start(usize::try_from(first_line).unwrap_or(1))
            .path(path_text(file))
            .fold(true);
        for (range, label, primary) in chunk {
            let kind = if primary {
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
        elements.push(Element::from(snippet));
    }
    (elements, unshown)
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
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::Rule;
    use crate::span::Span;

    fn span(file: &Arc<Path>, text: &str, offset: usize, len: usize) -> Span {
        Span::in_text(file, text, offset, len)
    }

    fn render_with(text: &str, diagnostic: impl FnOnce(&Arc<Path>) -> Diagnostic) -> String {
        let file: Arc<Path> = Arc::from(Path::new("a.yaml"));
        let item = diagnostic(&file);
        let sources = BTreeMap::from([(file, Arc::from(text))]);
        Diagnostics::new(vec![item], sources).render(false)
    }

    #[test]
    fn labels_far_apart_get_their_own_snippets() {
        let text = format!("id: first\n{}id: second\n", "x: 1\n".repeat(100));
        let second = text.rfind("second").unwrap();
        let rendered = render_with(&text, |file| {
            Diagnostic::new(Rule::DuplicateId, "duplicate")
                .at(&span(file, &text, second, 6), "again")
                .also(&span(file, &text, 4, 5), "first")
        });
        assert!(
            rendered.starts_with("error[duplicate-id]: duplicate\n"),
            "{rendered}"
        );
        assert!(rendered.contains("--> a.yaml:102:5"), "{rendered}");
        assert!(rendered.contains("::: a.yaml:1:5"), "{rendered}");
        assert!(rendered.lines().count() < 20, "{rendered}");
    }

    #[test]
    fn labels_deep_in_huge_lines_become_notes() {
        let text = format!("key: {}bad\n", "x".repeat(200_000));
        let bad = text.find("bad").unwrap();
        let rendered = render_with(&text, |file| {
            Diagnostic::new(Rule::UnknownKey, "bad").at(&span(file, &text, bad, 3), "here")
        });
        assert!(
            rendered.contains("= note: at a.yaml:1:200006: here"),
            "{rendered}"
        );
        assert!(rendered.len() < 1_000);
    }

    #[test]
    fn huge_lines_are_cut_after_the_label() {
        let text = format!("key: bad{}\n", "x".repeat(200_000));
        let rendered = render_with(&text, |file| {
            Diagnostic::new(Rule::UnknownKey, "bad").at(&span(file, &text, 5, 3), "here")
        });
        assert!(rendered.contains("--> a.yaml:1:6"), "{rendered}");
        assert!(rendered.len() < 2_000, "{} bytes", rendered.len());
    }

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
