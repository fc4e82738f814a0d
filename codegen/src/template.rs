//! Parsing of message templates: literal text, `{param}` placeholders and the
//! `{{` / `}}` escapes.

use std::fmt;
use std::ops::Range;

use crate::model::{Segment, Template};
use crate::text::shown;

/// Why a template could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// What is wrong, e.g. "unclosed `{`".
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
    /// Whether the problem is a brace without its pair (rather than a
    /// placeholder that is not a valid name).
    pub unbalanced: bool,
    /// The byte range of the offending text within the template.
    pub range: Range<usize>,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TemplateError {}

impl Template {
    /// Parses a template, unescaping `{{` and `}}`.
    ///
    /// The template's `span` is unset and `placeholders` is empty: the loader
    /// fills them from the source.
    ///
    /// # Errors
    ///
    /// An unclosed `{`, a lone `}` or a placeholder that is not a snake_case
    /// name.
    ///
    /// # Examples
    ///
    /// ```
    /// use codegen::model::Template;
    ///
    /// assert!(Template::parse("limit {limit} reached").is_ok());
    /// let error = Template::parse("limit {limit reached").unwrap_err();
    /// assert_eq!(error.range, 6..7);
    /// ```
    pub fn parse(raw: &str) -> Result<Template, TemplateError> {
        let (segments, _) = parse_segments(raw)?;
        Ok(Template {
            raw: raw.to_owned(),
            segments,
            placeholders: Vec::new(),
            span: None,
        })
    }

    /// The placeholder names, in order of appearance (repeats included).
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Param(name) => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// Whether the template uses `{name}`.
    pub fn uses(&self, name: &str) -> bool {
        self.params().any(|param| param == name)
    }
}

/// Splits a template into segments; also returns each placeholder's byte range
/// (braces included) within `raw`.
pub(crate) fn parse_segments(
    raw: &str,
) -> Result<(Vec<Segment>, Vec<Range<usize>>), TemplateError> {
    let mut segments = Vec::new();
    let mut ranges = Vec::new();
    let mut literal = String::new();
    let mut rest = raw.char_indices().peekable();
    while let Some((index, ch)) = rest.next() {
        match ch {
            '{' if matches!(rest.peek(), Some((_, '{'))) => {
                rest.next();
                literal.push('{');
            }
            '}' if matches!(rest.peek(), Some((_, '}'))) => {
                rest.next();
                literal.push('}');
            }
            '{' => {
                let Some(close) = raw[index + 1..].find(['}', '{']).map(|at| at + index + 1) else {
                    return Err(TemplateError {
                        message: "unclosed `{`".to_owned(),
                        help: "close the placeholder with `}`, or write `{{` for a literal brace",
                        range: index..index + 1,
                        unbalanced: true,
                    });
                };
                if raw.as_bytes()[close] == b'{' {
                    return Err(TemplateError {
                        message: "unclosed `{`".to_owned(),
                        help: "close the placeholder with `}`, or write `{{` for a literal brace",
                        range: index..index + 1,
                        unbalanced: true,
                    });
                }
                let name = &raw[index + 1..close];
                if !is_placeholder_name(name) {
                    return Err(TemplateError {
                        message: format!("`{{{}}}` is not a valid placeholder", shown(name)),
                        help: "a placeholder is a snake_case param name such as `{retry_after}`; write `{{` and `}}` for literal braces",
                        range: index..close + 1,
                        unbalanced: false,
                    });
                }
                if !literal.is_empty() {
                    segments.push(Segment::Literal(std::mem::take(&mut literal)));
                }
                segments.push(Segment::Param(name.to_owned()));
                ranges.push(index..close + 1);
                while rest.peek().is_some_and(|&(at, _)| at <= close) {
                    rest.next();
                }
            }
            '}' => {
                return Err(TemplateError {
                    message: "unmatched `}`".to_owned(),
                    help: "write `}}` for a literal brace, or open the placeholder with `{`",
                    range: index..index + 1,
                    unbalanced: true,
                });
            }
            other => literal.push(other),
        }
    }
    if !literal.is_empty() {
        segments.push(Segment::Literal(literal));
    }
    Ok((segments, ranges))
}

/// Whether `name` can be a placeholder: a lowercase identifier.
fn is_placeholder_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first == '_')
        && chars.all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(raw: &str) -> Vec<Segment> {
        parse_segments(raw).unwrap().0
    }

    #[test]
    fn literal_braces_are_unescaped() {
        assert_eq!(
            segments("{{a}} {b}}}"),
            vec![
                Segment::Literal("{a} ".into()),
                Segment::Param("b".into()),
                Segment::Literal("}".into()),
            ]
        );
    }

    #[test]
    fn placeholder_ranges_cover_the_braces() {
        let (_, ranges) = parse_segments("é {x} and {y_1}").unwrap();
        assert_eq!(ranges, vec![3..6, 11..16]);
    }

    #[test]
    fn unbalanced_braces_are_errors() {
        assert_eq!(parse_segments("a { b").unwrap_err().range, 2..3);
        assert_eq!(parse_segments("a {b {c}").unwrap_err().range, 2..3);
        assert_eq!(parse_segments("a } b").unwrap_err().range, 2..3);
        assert!(parse_segments("{}").is_err());
        assert!(parse_segments("{Name}").is_err());
        assert!(parse_segments("{a b}").is_err());
    }

    #[test]
    fn empty_and_plain_templates() {
        assert_eq!(segments(""), vec![]);
        assert_eq!(segments("plain"), vec![Segment::Literal("plain".into())]);
    }
}
