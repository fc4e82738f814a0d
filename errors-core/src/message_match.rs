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

use std::ops::Range;

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

/// Matches `message` against `pieces`, giving each placeholder's value to
/// `value` as it is found; returns whether the whole message matched (on a
/// mismatch, some values may have been given already). Allocates nothing.
fn match_each<'m>(
    pieces: &[Piece],
    message: &'m str,
    mut value: impl FnMut(&'static str, &'m str),
) -> bool {
    let mut position = 0;
    // Placeholders met since the last literal text, waiting for their end:
    // the pieces from `pending` to the current one.
    let mut pending = 0;
    let last = pieces.len().wrapping_sub(1);
    for (index, piece) in pieces.iter().enumerate() {
        let Piece::Text(text) = piece else {
            continue;
        };
        let rest = &message[position..];
        let start = if pending == index {
            if !rest.starts_with(text.as_str()) {
                return false;
            }
            0
        } else if index == last {
            // The final text ends the message.
            match rest
                .len()
                .checked_sub(text.len())
                .filter(|start| rest.is_char_boundary(*start) && rest[*start..] == **text)
            {
                Some(start) => start,
                None => return false,
            }
        } else {
            match rest.find(text.as_str()) {
                Some(start) => start,
                None => return false,
            }
        };
        close(&pieces[pending..index], &rest[..start], &mut value);
        position += start + text.len();
        pending = index + 1;
    }
    let rest = &message[position..];
    if pending == pieces.len() {
        return rest.is_empty();
    }
    close(&pieces[pending..], rest, &mut value);
    true
}

/// Gives `text` to the last of the placeholders `params` and empty values
/// to the ones before it.
fn close<'m>(params: &[Piece], text: &'m str, value: &mut impl FnMut(&'static str, &'m str)) {
    let count = params.len();
    for (index, piece) in params.iter().enumerate() {
        if let Piece::Param(name) = piece {
            value(name, if index + 1 == count { text } else { "" });
        }
    }
}

/// Matches `message` against `pieces`, returning each placeholder's value.
fn match_pieces<'m>(pieces: &[Piece], message: &'m str) -> Option<Vec<(&'static str, &'m str)>> {
    let mut values = Vec::new();
    match_each(pieces, message, |name, value| values.push((name, value))).then_some(values)
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
    /// The first byte of the text the template starts with, if it starts
    /// with text: a message starting otherwise cannot match.
    leading: Option<u8>,
    /// The length in bytes of a template without placeholders: a message
    /// of another length cannot match.
    exact_len: Option<usize>,
}

impl Template {
    /// Whether `message` cannot match, from its first byte and length.
    fn excludes(&self, message: &str) -> bool {
        self.exact_len.is_some_and(|len| len != message.len())
            || self
                .leading
                .is_some_and(|byte| message.as_bytes().first() != Some(&byte))
    }
}

/// A message matched to a code by its template.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Inferred<T> {
    /// The index of the best-ranked code in the catalog's table.
    pub(crate) code: usize,
    /// The template that matched, for [`MessageTemplates::each_value`].
    pub(crate) template: usize,
    /// The other codes that ranked the same, in catalog order.
    pub(crate) ties: Vec<T>,
}

/// The message templates of one catalog, compiled once.
///
/// Generated catalogs keep one in a `static` (see
/// [`Catalog`](crate::Catalog)); the client parser matches flat messages
/// against it, so a parser only ever recovers codes of its own catalog.
#[doc(hidden)]
#[derive(Debug)]
pub struct MessageTemplates {
    /// For each code in catalog order, its message, then its public message
    /// when it has one.
    templates: Vec<Template>,
    /// Where each code's templates start in `templates`, and their end.
    code_starts: Vec<usize>,
    /// The templates with placeholders grouped by their code's status, in
    /// catalog order within a status.
    with_params: ByStatus,
    /// The templates without placeholders, by status and text, with the
    /// outcome of inferring the code of their text worked out once: a flat
    /// message that is one of them costs one binary search.
    exact: Vec<ExactMessage>,
}

/// A template without placeholders and what inferring the code of its text
/// gives.
#[derive(Debug)]
struct ExactMessage {
    status: u16,
    text: String,
    inferred: Inferred<usize>,
}

impl ExactMessage {
    /// The order `exact` is sorted in: status, then length, which settles
    /// most comparisons without reading the text.
    fn key(&self) -> (u16, usize, &str) {
        (self.status, self.text.len(), &self.text)
    }
}

impl MessageTemplates {
    /// Compiles the templates of every code of `codes`, a catalog's table.
    pub fn compile(codes: &'static [CodeInfo]) -> Self {
        let mut templates = Vec::with_capacity(codes.len() * 2);
        let mut code_starts = Vec::with_capacity(codes.len() + 1);
        for (code, info) in codes.iter().enumerate() {
            code_starts.push(templates.len());
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
                let leading = match pieces.first() {
                    Some(Piece::Text(text)) => text.as_bytes().first().copied(),
                    _ => None,
                };
                let exact_len = match pieces.as_slice() {
                    [] => Some(0),
                    [Piece::Text(text)] => Some(text.len()),
                    _ => None,
                };
                templates.push(Template {
                    code,
                    pieces,
                    literal_chars,
                    leading,
                    exact_len,
                });
            }
        }
        code_starts.push(templates.len());
        let all = Self::group_by_status(codes, &templates, |_| true);
        let mut exact: Vec<ExactMessage> = Vec::new();
        for template in &templates {
            let text = match template.pieces.as_slice() {
                [] => String::new(),
                [Piece::Text(text)] => text.clone(),
                _ => continue,
            };
            let status = codes[template.code].status;
            let inferred = all
                .infer_among(&templates, &text, status, |code| code)
                .expect("an exact template matches its own text");
            exact.push(ExactMessage {
                status: status.as_u16(),
                text,
                inferred,
            });
        }
        exact.sort_by(|a, b| a.key().cmp(&b.key()));
        exact.dedup_by(|a, b| a.key() == b.key());
        // Inference runs over the templates with placeholders alone: a
        // message that is no exact template's text matches none of them.
        let with_params =
            Self::group_by_status(codes, &templates, |template| template.exact_len.is_none());
        Self {
            templates,
            code_starts,
            with_params,
            exact,
        }
    }

    /// The templates `keep` selects, grouped by their code's status.
    fn group_by_status(
        codes: &[CodeInfo],
        templates: &[Template],
        keep: impl Fn(&Template) -> bool,
    ) -> ByStatus {
        let status_of = |index: &usize| codes[templates[*index].code].status.as_u16();
        let mut indices: Vec<usize> = (0..templates.len())
            .filter(|index| keep(&templates[*index]))
            .collect();
        // A stable sort keeps catalog order within a status.
        indices.sort_by_key(status_of);
        let mut statuses: Vec<(StatusCode, Range<usize>)> = Vec::new();
        for (position, index) in indices.iter().enumerate() {
            let status = codes[templates[*index].code].status;
            match statuses.last_mut() {
                Some((last, range)) if *last == status => range.end = position + 1,
                _ => statuses.push((status, position..position + 1)),
            }
        }
        ByStatus { indices, statuses }
    }

    /// The template of the code at `index` that `message` matches: its
    /// message template when that matches, else its public one.
    pub(crate) fn match_code(&self, index: usize, message: &str) -> Option<usize> {
        let start = *self.code_starts.get(index)?;
        let end = *self.code_starts.get(index + 1)?;
        (start..end).find(|template| {
            let template = &self.templates[*template];
            !template.excludes(message) && match_each(&template.pieces, message, |_, _| {})
        })
    }

    /// Gives each placeholder value of `message`, which `template` (found by
    /// [`match_code`](Self::match_code) or [`infer`](Self::infer)) matches,
    /// to `value`. Allocates nothing.
    pub(crate) fn each_value<'m>(
        &self,
        template: usize,
        message: &'m str,
        value: impl FnMut(&'static str, &'m str),
    ) {
        if let Some(template) = self.templates.get(template) {
            match_each(&template.pieces, message, value);
        }
    }

    /// The code whose template matches `message`, among the codes whose
    /// status is `status`.
    ///
    /// Ranking: the template with the most literal characters wins (an
    /// exact message beats `{reason}`); among equals, the first in catalog
    /// order, and the others are reported as ties. A code counts once, with
    /// its best matching template.
    /// `tie` turns a code's index into what the ties list.
    pub(crate) fn infer<T: PartialEq>(
        &self,
        message: &str,
        status: StatusCode,
        tie: impl Fn(usize) -> T,
    ) -> Option<Inferred<T>> {
        let key = (status.as_u16(), message.len(), message);
        if let Ok(found) = self.exact.binary_search_by(|exact| exact.key().cmp(&key)) {
            let inferred = &self.exact[found].inferred;
            return Some(Inferred {
                code: inferred.code,
                template: inferred.template,
                ties: inferred.ties.iter().map(|code| tie(*code)).collect(),
            });
        }
        self.with_params
            .infer_among(&self.templates, message, status, tie)
    }
}

/// Template indices grouped by status: the indices, and each status with
/// its range of them.
#[derive(Debug)]
struct ByStatus {
    indices: Vec<usize>,
    statuses: Vec<(StatusCode, Range<usize>)>,
}

impl ByStatus {
    /// The code whose template matches `message`, among `templates` of
    /// status `status` that this grouping holds; ranked as
    /// [`MessageTemplates::infer`] says.
    fn infer_among<T: PartialEq>(
        &self,
        templates: &[Template],
        message: &str,
        status: StatusCode,
        tie: impl Fn(usize) -> T,
    ) -> Option<Inferred<T>> {
        let candidates = self
            .statuses
            .binary_search_by_key(&status.as_u16(), |(candidate, _)| candidate.as_u16())
            .ok()
            .map_or(&[][..], |found| {
                &self.indices[self.statuses[found].1.clone()]
            });
        // The best template so far, and the codes that tie with it.
        let mut best: Option<usize> = None;
        let mut ties = Vec::new();
        for (position, index) in candidates.iter().enumerate() {
            let template = &templates[*index];
            if template.excludes(message) || !match_each(&template.pieces, message, |_, _| {}) {
                continue;
            }
            let chosen = best.map(|best| &templates[best]);
            match chosen {
                Some(chosen) if chosen.code == template.code => {
                    if template.literal_chars > chosen.literal_chars {
                        best = Some(*index);
                    }
                }
                Some(chosen) if template.literal_chars == chosen.literal_chars => {
                    let code = tie(template.code);
                    if !ties.contains(&code) {
                        // One allocation for every tie still to come.
                        ties.reserve(candidates.len() - position);
                        ties.push(code);
                    }
                }
                Some(chosen) if template.literal_chars < chosen.literal_chars => {}
                _ => {
                    best = Some(*index);
                    ties.clear();
                }
            }
        }
        let template = best?;
        Some(Inferred {
            code: templates[template].code,
            template,
            ties,
        })
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

    static EXACT_TIES: &[CodeInfo] = &[
        info("suffixed", 429, "Quota exceeded{suffix}"),
        info("quota", 429, "Quota exceeded"),
        info("same_text", 429, "Quota exceeded"),
        info("braces", 429, "Use {{braces}}"),
        info("empty", 429, ""),
        info("prefix", 429, "{what} exceeded"),
        info("other_status", 503, "Quota exceeded"),
    ];

    #[test]
    fn exact_messages_are_looked_up_with_the_outcome_of_matching_every_template() {
        let templates = MessageTemplates::compile(EXACT_TIES);
        let every = MessageTemplates::group_by_status(EXACT_TIES, &templates.templates, |_| true);
        let messages = [
            "Quota exceeded",
            "Quota exceeded!",
            "Use {braces}",
            "Use {{braces}}",
            "",
            "Rate exceeded",
            "quota exceeded",
        ];
        for status in [429, 503, 400] {
            let status = StatusCode::from_u16(status).unwrap();
            for message in messages {
                assert_eq!(
                    templates.infer(message, status, |code| code),
                    every.infer_among(&templates.templates, message, status, |code| code),
                    "{status} {message:?}"
                );
            }
        }
        // The exact text ties with the suffixed template (same literal
        // characters) and with another code of the same text.
        let inferred = templates
            .infer("Quota exceeded", StatusCode::TOO_MANY_REQUESTS, |code| code)
            .unwrap();
        assert_eq!((inferred.code, inferred.ties), (0, vec![1, 2]));
    }

    #[test]
    fn the_most_literal_template_of_the_status_wins_and_ties_are_listed() {
        let templates = MessageTemplates::compile(CODES);
        let inferred = templates
            .infer("Email already exists", StatusCode::BAD_REQUEST, |code| code)
            .unwrap();
        assert_eq!(inferred.code, 1);
        assert!(inferred.ties.is_empty());
        let inferred = templates
            .infer("Something else", StatusCode::BAD_REQUEST, |code| code)
            .unwrap();
        assert_eq!((inferred.code, inferred.ties), (0, vec![2]));
        assert_eq!(
            templates.infer("Something else", StatusCode::NOT_FOUND, |code| code),
            None
        );
        let template = templates.match_code(0, "why").unwrap();
        let mut values = Vec::new();
        templates.each_value(template, "why", |name, value| values.push((name, value)));
        assert_eq!(values, [("reason", "why")]);
        assert_eq!(templates.match_code(1, "why"), None);
    }
}
