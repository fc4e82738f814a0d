//! Matching received messages against a catalog's message templates: the
//! values of a code's placeholders, and the code of a flat body, which
//! carries none.
//!
//! One tokenizer reads every template: `{name}` is a placeholder, `{{` and
//! `}}` are literal braces, and a lone `{` or `}` makes the template
//! malformed (a validated catalog never has one), so it matches nothing.
//!
//! Matching is linear in the message's length: the text before the first
//! placeholder must start the message, the text after the last one must end
//! it, and each text in between is found at its leftmost place. That gives
//! every placeholder but the last the shortest value after which the rest
//! still matches; two placeholders with no text between them give the
//! first an empty value.

use http::StatusCode;

use crate::CodeInfo;

/// One piece of a tokenized template.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// Literal text, with `{{`/`}}` already unescaped.
    Text(String),
    /// A placeholder: the param's name.
    Param(&'static str),
}

/// Splits `template` into merged literal text and placeholders; `None` for
/// a malformed template (an unclosed `{` or a lone `}`).
fn tokenize(template: &'static str) -> Option<Vec<Piece>> {
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

/// Matches `message` against one `template`, returning the placeholder
/// values; `None` when it does not match or the template is malformed.
pub(crate) fn match_template<'m>(
    template: &'static str,
    message: &'m str,
) -> Option<Vec<(&'static str, &'m str)>> {
    match_pieces(&tokenize(template)?, message)
}

/// A compiled message template of one code.
#[derive(Debug)]
struct Template {
    /// The code's index in the catalog's table.
    code: usize,
    pieces: Vec<Piece>,
    /// The number of literal characters, to rank matches.
    literal_chars: usize,
}

/// A message matched to a code by its template.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Inferred<'m> {
    /// The index of the best-ranked code in the catalog's table.
    pub(crate) code: usize,
    /// The placeholder values of its template.
    pub(crate) values: Vec<(&'static str, &'m str)>,
    /// The indices of the other codes that ranked the same, in catalog order.
    pub(crate) ties: Vec<usize>,
}

/// The message templates of one catalog, compiled once.
///
/// Generated catalogs keep one in a `static` (see
/// [`Catalog`](crate::Catalog)); the client parser matches flat messages
/// against it, so a parser only ever recovers codes of its own catalog.
#[doc(hidden)]
#[derive(Debug)]
pub struct MessageTemplates {
    codes: &'static [CodeInfo],
    /// For each code in catalog order, its message, then its public message
    /// when it has one.
    templates: Vec<Template>,
}

impl MessageTemplates {
    /// Compiles the templates of every code of `codes`, a catalog's table.
    pub fn compile(codes: &'static [CodeInfo]) -> Self {
        let mut templates = Vec::with_capacity(codes.len() * 2);
        for (code, info) in codes.iter().enumerate() {
            for text in std::iter::once(info.message).chain(info.public_message) {
                let Some(pieces) = tokenize(text) else {
                    continue;
                };
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
        Self { codes, templates }
    }

    /// The placeholder values of `message` for the code at `index`: from its
    /// message template when that matches, else from its public one.
    pub(crate) fn match_code<'m>(
        &self,
        index: usize,
        message: &'m str,
    ) -> Option<Vec<(&'static str, &'m str)>> {
        self.templates
            .iter()
            .filter(|template| template.code == index)
            .find_map(|template| match_pieces(&template.pieces, message))
    }

    /// The code whose template matches `message`, among the codes whose
    /// status is `status`.
    ///
    /// Ranking: the template with the most literal characters wins (an
    /// exact message beats `{reason}`); among equals, the first in catalog
    /// order, and the others are reported as ties. A code counts once, with
    /// its best matching template.
    pub(crate) fn infer<'m>(&self, message: &'m str, status: StatusCode) -> Option<Inferred<'m>> {
        let mut best: Option<(usize, Inferred<'m>)> = None;
        for template in &self.templates {
            if self.codes[template.code].status != status {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(template: &'static str, message: &str) -> Option<Vec<(&'static str, String)>> {
        match_template(template, message).map(|values| {
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
                "{kind} `{id}` not found {{ok}}",
                "Agent `a1` not found {ok}"
            ),
            Some(vec![("kind", "Agent".into()), ("id", "a1".into())])
        );
        assert_eq!(
            values("{reason}", ""),
            Some(vec![("reason", String::new())])
        );
        assert_eq!(values("a {x}", "a "), Some(vec![("x", String::new())]));
        assert_eq!(values("literal {{x}}", "literal {x}"), Some(vec![]));
        assert_eq!(values("literal", "literally"), None);
        assert_eq!(
            values("{a}{b} end", "xy end"),
            Some(vec![("a", String::new()), ("b", "xy".into())])
        );
        assert_eq!(values("ab{x}ba", "aba"), None);
        assert_eq!(values("{x} é", "é é"), Some(vec![("x", "é".into())]));
        assert_eq!(
            values("{a}x{b}x", "1x2x3x"),
            Some(vec![("a", "1".into()), ("b", "2x3".into())])
        );
    }

    #[test]
    fn malformed_templates_match_nothing() {
        assert_eq!(values("{unclosed", "{unclosed"), None);
        assert_eq!(values("lone } brace", "lone } brace"), None);
        assert_eq!(values("lone }} brace", "lone } brace"), Some(vec![]));
    }

    const fn info(id: &'static str, status: u16, message: &'static str) -> CodeInfo {
        CodeInfo {
            id,
            status: match StatusCode::from_u16(status) {
                Ok(status) => status,
                Err(_) => panic!("invalid status"),
            },
            domain: "test",
            message,
            public_message: None,
            description: None,
            resolution: "",
            retryable: false,
            since: None,
            deprecated: None,
            retired: None,
            aliases: &[],
            fields: false,
            params: &[],
            examples: &[],
        }
    }

    static CODES: &[CodeInfo] = &[
        info("first_reason", 400, "{reason}"),
        info("exact", 400, "Email already exists"),
        info("second_reason", 400, "{reason}"),
        info("elsewhere", 404, "Email already exists"),
    ];

    #[test]
    fn the_most_literal_template_of_the_status_wins_and_ties_are_listed() {
        let templates = MessageTemplates::compile(CODES);
        let inferred = templates
            .infer("Email already exists", StatusCode::BAD_REQUEST)
            .unwrap();
        assert_eq!(inferred.code, 1);
        assert!(inferred.ties.is_empty());
        let inferred = templates
            .infer("Something else", StatusCode::BAD_REQUEST)
            .unwrap();
        assert_eq!((inferred.code, inferred.ties), (0, vec![2]));
        assert_eq!(
            templates.infer("Something else", StatusCode::NOT_FOUND),
            None
        );
        assert_eq!(
            templates.match_code(0, "why"),
            Some(vec![("reason", "why")])
        );
    }
}
