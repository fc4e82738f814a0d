//! Matching received messages against the catalog's message templates:
//! recovering a code from a flat body, which carries none, and the values
//! of a code's message placeholders.
//!
//! The templates of [`CODES`] are compiled once, on first use, into literal
//! text and placeholders. Matching is linear in the message's length: the
//! text before the first placeholder must start the message, the text after
//! the last one must end it, and each text in between is found at its
//! leftmost place. That gives every placeholder but the last the shortest
//! value after which the rest still matches (the same split as
//! [`CodeInfo::match_message`](crate::CodeInfo::match_message), without its
//! backtracking); two placeholders with no text between them give the first
//! an empty value.

use std::sync::OnceLock;

use http::StatusCode;

use crate::catalog::{CODES, Code};

/// One piece of a compiled template.
#[derive(Debug)]
enum Piece {
    Text(String),
    Param(&'static str),
}

/// A compiled message template of one code.
#[derive(Debug)]
struct Template {
    code: Code,
    pieces: Vec<Piece>,
    /// The number of literal characters, to rank matches.
    literal_chars: usize,
}

/// A message matched to a code by its template.
#[derive(Debug)]
pub(crate) struct Inferred<'m> {
    /// The best-ranked code.
    pub(crate) code: Code,
    /// The placeholder values of its template.
    pub(crate) values: Vec<(&'static str, &'m str)>,
    /// The other codes that ranked the same, in catalog order.
    pub(crate) ties: Vec<Code>,
}

/// The compiled templates: for each code in catalog order, its message,
/// then its public message when it has one.
fn templates() -> &'static [Template] {
    static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let mut templates = Vec::with_capacity(CODES.len() * 2);
        for &code in Code::ALL {
            let info = code.info();
            for text in std::iter::once(info.message).chain(info.public_message) {
                if let Some(pieces) = compile(text) {
                    let literal_chars = pieces
                        .iter()
                        .map(|piece| match piece {
                            Piece::Text(text) => text.chars().count(),
                            Piece::Param(_) => 0,
                        })
                        .sum();
                    templates.push(Template {
                        code,
                        pieces,
                        literal_chars,
                    });
                }
            }
        }
        templates
    })
}

/// Splits a template into merged literal text and placeholders; `None` for
/// an unbalanced brace, which a validated catalog never has.
fn compile(template: &'static str) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(ch) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            text.push(ch);
            rest = &rest[2..];
        } else if ch == '{' {
            let end = rest.find('}')?;
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.push(Piece::Param(&rest[1..end]));
            rest = &rest[end + 1..];
        } else if ch == '}' {
            return None;
        } else {
            text.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Some(pieces)
}

/// Matches `message` against `pieces`, returning each placeholder's value.
fn match_pieces<'m>(pieces: &[Piece], message: &'m str) -> Option<Vec<(&'static str, &'m str)>> {
    let mut values = Vec::new();
    let mut position = 0;
    // Placeholders met since the last literal text, waiting for their end.
    let mut pending: Vec<&'static str> = Vec::new();
    let last_text = pieces
        .iter()
        .rposition(|piece| matches!(piece, Piece::Text(_)));
    for (index, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Param(name) => pending.push(name),
            Piece::Text(text) => {
                let rest = &message[position..];
                let start = if pending.is_empty() {
                    rest.starts_with(text.as_str()).then_some(0)?
                } else if Some(index) == last_text && index == pieces.len() - 1 {
                    // The final text ends the message.
                    rest.len()
                        .checked_sub(text.len())
                        .filter(|start| rest.is_char_boundary(*start))
                        .filter(|start| rest[*start..] == **text)?
                } else {
                    rest.find(text.as_str())?
                };
                close(&mut pending, &mut values, &rest[..start]);
                position += start + text.len();
            }
        }
    }
    let rest = &message[position..];
    if pending.is_empty() {
        return rest.is_empty().then_some(values);
    }
    close(&mut pending, &mut values, rest);
    Some(values)
}

/// Gives `value` to the last pending placeholder and empty values to the
/// ones before it.
fn close<'m>(
    pending: &mut Vec<&'static str>,
    values: &mut Vec<(&'static str, &'m str)>,
    value: &'m str,
) {
    let count = pending.len();
    for (index, name) in pending.drain(..).enumerate() {
        values.push((name, if index + 1 == count { value } else { "" }));
    }
}

/// The placeholder values of `message` for `code`: from its message
/// template when that matches, else from its public message template.
pub(crate) fn match_code(code: Code, message: &str) -> Option<Vec<(&'static str, &str)>> {
    templates()
        .iter()
        .filter(|template| template.code == code)
        .find_map(|template| match_pieces(&template.pieces, message))
}

/// The code whose template matches `message`, among the codes whose status
/// is `status`.
///
/// Ranking: the template with the most literal characters wins (an exact
/// message beats `{reason}`); among equals, the first in catalog order,
/// and the others are reported as ties. A code counts once, with its best
/// matching template.
pub(crate) fn infer(message: &str, status: StatusCode) -> Option<Inferred<'_>> {
    let mut best: Option<(usize, Inferred<'_>)> = None;
    for template in templates() {
        if template.code.status() != status {
            continue;
        }
        let Some(values) = match_pieces(&template.pieces, message) else {
            continue;
        };
        let rank = template.literal_chars;
        match &mut best {
            Some((best_rank, inferred)) if inferred.code == template.code => {
                if rank > *best_rank {
                    *best_rank = rank;
                    inferred.values = values;
                }
            }
            Some((best_rank, inferred)) if rank == *best_rank => {
                if !inferred.ties.contains(&template.code) {
                    inferred.ties.push(template.code);
                }
            }
            Some((best_rank, _)) if rank < *best_rank => {}
            _ => {
                best = Some((
                    rank,
                    Inferred {
                        code: template.code,
                        values,
                        ties: Vec::new(),
                    },
                ));
            }
        }
    }
    best.map(|(_, inferred)| inferred)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(template: &'static str, message: &str) -> Option<Vec<(&'static str, String)>> {
        let pieces = compile(template)?;
        match_pieces(&pieces, message).map(|values| {
            values
                .into_iter()
                .map(|(name, value)| (name, value.to_owned()))
                .collect()
        })
    }

    #[test]
    fn placeholders_take_the_text_between_literals() {
        assert_eq!(
            values(
                "{resource} with this {field} already exists",
                "Agent with this name already exists"
            ),
            Some(vec![("resource", "Agent".into()), ("field", "name".into())])
        );
        assert_eq!(
            values(
                "Server name too long (max {max} characters)",
                "Server name too long (max 64 characters)"
            ),
            Some(vec![("max", "64".into())])
        );
        assert_eq!(
            values("{reason}", ""),
            Some(vec![("reason", String::new())])
        );
        assert_eq!(values("literal {{x}}", "literal {x}"), Some(vec![]));
        assert_eq!(values("literal", "literally"), None);
        assert_eq!(
            values("{a}{b} end", "xy end"),
            Some(vec![("a", String::new()), ("b", "xy".into())])
        );
        assert_eq!(values("ab{x}ba", "aba"), None);
        assert_eq!(values("{x} é", "é é"), Some(vec![("x", "é".into())]));
    }

    #[test]
    fn the_split_agrees_with_the_backtracking_matcher() {
        for &code in Code::ALL {
            let info = code.info();
            for example in info.examples {
                let params = example.params_json();
                let mut message = String::new();
                let pieces = compile(info.message).unwrap();
                for piece in &pieces {
                    match piece {
                        Piece::Text(text) => message.push_str(text),
                        Piece::Param(name) => match &params[*name] {
                            serde_json::Value::String(text) => message.push_str(text),
                            serde_json::Value::Null => {}
                            other => message.push_str(&other.to_string()),
                        },
                    }
                }
                let ours: Vec<(&str, String)> = match_code(code, &message)
                    .unwrap()
                    .into_iter()
                    .map(|(name, value)| (name, value.to_owned()))
                    .collect();
                assert_eq!(Some(ours), info.match_message(&message), "{code}");
            }
        }
    }

    #[test]
    fn exact_messages_beat_placeholder_templates() {
        let inferred = infer("Rate limit exceeded", StatusCode::TOO_MANY_REQUESTS).unwrap();
        assert_eq!(inferred.code, Code::TooManyRequests);
        assert!(inferred.ties.is_empty());
        let inferred = infer("Email already exists", StatusCode::BAD_REQUEST).unwrap();
        assert_eq!(inferred.code, Code::AgentValidationError);
        assert_eq!(
            inferred.ties,
            [
                Code::KnowledgeSourceValidationError,
                Code::UserValidationError
            ]
        );
        assert!(infer("Email already exists", StatusCode::NOT_FOUND).is_none());
    }
}
