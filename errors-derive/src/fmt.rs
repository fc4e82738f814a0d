//! Message templates: `"{retry_after} seconds"` is split at compile time into
//! literal text and placeholders, which `expand` turns into direct writes.

use syn::LitStr;

/// A parsed `message` or `public_message`.
pub(crate) struct Template {
    /// The string literal as written, for error spans.
    pub(crate) lit: LitStr,
    /// Literal text and placeholders, in order; adjacent text is merged.
    pub(crate) segments: Vec<Segment>,
}

/// One piece of a template.
pub(crate) enum Segment {
    /// Text written as is (`{{` and `}}` already unescaped).
    Text(String),
    /// `{name}` or `{0}`: the name of a field or the index of a tuple field.
    Placeholder(String),
}

impl Template {
    /// Parses the template in `lit`; the error says how to fix the first problem.
    pub(crate) fn parse(key: &str, lit: &LitStr) -> syn::Result<Self> {
        let value = lit.value();
        let fail = |message: String| Err(syn::Error::new_spanned(lit, message));
        if value.is_empty() {
            return fail(format!("`{key}` is empty: write the text clients see"));
        }
        let mut segments = Vec::new();
        let mut text = String::new();
        let mut chars = value.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => {
                    return fail(format!(
                        "unbalanced `}}` in `{key}`: write `}}}}` for a literal brace"
                    ));
                }
                '{' => {
                    let mut inner = String::new();
                    let mut closed = false;
                    for c in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        inner.push(c);
                    }
                    if !closed || inner.contains('{') {
                        return fail(format!(
                            "unbalanced `{{` in `{key}`: close the placeholder with `}}` or write `{{{{` for a literal brace"
                        ));
                    }
                    check_placeholder(key, lit, &inner)?;
                    if !text.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut text)));
                    }
                    segments.push(Segment::Placeholder(inner));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            segments.push(Segment::Text(text));
        }
        Ok(Self {
            lit: lit.clone(),
            segments,
        })
    }

    /// The names of the placeholders, in order of appearance.
    pub(crate) fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Placeholder(name) => Some(name.as_str()),
            Segment::Text(_) => None,
        })
    }
}

/// Accepts `{name}` and `{0}`; rejects empty placeholders and format specs.
fn check_placeholder(key: &str, lit: &LitStr, inner: &str) -> syn::Result<()> {
    let fail = |message: String| Err(syn::Error::new_spanned(lit, message));
    if inner.trim().is_empty() {
        return fail(format!(
            "empty placeholder `{{}}` in `{key}`: name a field, as in `{{retry_after}}` or `{{0}}`"
        ));
    }
    if let Some((name, _)) = inner.split_once(':') {
        return fail(format!(
            "format specs are not supported in `{key}`: write `{{{}}}` instead of `{{{inner}}}`",
            name.trim()
        ));
    }
    let is_index = inner.bytes().all(|b| b.is_ascii_digit());
    let is_ident = inner
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && inner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if is_index || is_ident {
        Ok(())
    } else {
        fail(format!(
            "`{{{inner}}}` in `{key}` is not a field: placeholders name a field, as in `{{retry_after}}` or `{{0}}`"
        ))
    }
}
