//! A lightweight Rust tokenizer: enough to find paths, string literals and
//! attributes with their positions, without parsing Rust.
//!
//! Comments (doc comments included) are skipped, so examples in docs never
//! count as uses. String literals of every form (`"…"`, `r#"…"#`, `b"…"`,
//! `c"…"`) become one token holding their contents; char literals are told
//! from lifetimes. Everything else is an identifier, a number or punctuation
//! (`::` and `=>` as single tokens).

/// The kind of a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// An identifier or keyword (raw identifiers without `r#`).
    Ident(String),
    /// A string literal's contents, escapes left as written.
    Str(String),
    /// A number, char literal or lifetime.
    Other,
    /// Punctuation: one character, or `::`, `=>`, `||`, `->`.
    Punct(&'static str),
}

/// A token and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub tok: Tok,
    /// The byte offset of its first character.
    pub offset: usize,
    /// Its length in bytes.
    pub len: usize,
    /// The 1-based line.
    pub line: u32,
    /// The 1-based column, in characters.
    pub column: u32,
}

impl Token {
    /// Whether the token is the identifier `name`.
    pub fn is_ident(&self, name: &str) -> bool {
        matches!(&self.tok, Tok::Ident(ident) if ident == name)
    }

    /// Whether the token is the punctuation `punct`.
    pub fn is_punct(&self, punct: &str) -> bool {
        matches!(self.tok, Tok::Punct(p) if p == punct)
    }

    /// The identifier, if the token is one.
    pub fn ident(&self) -> Option<&str> {
        match &self.tok {
            Tok::Ident(ident) => Some(ident),
            _ => None,
        }
    }
}

const PUNCTS: &[&str] = &[
    "::", "=>", "->", "||", "#", "!", "[", "]", "(", ")", "{", "}", "<", ">", "=", ",", ";", ":",
    ".", "&", "|", "+", "-", "*", "/", "%", "^", "?", "@", "$", "~",
];

/// Splits `text` into tokens. Never fails: unterminated literals and
/// comments run to the end of the text.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        line_start: 0,
        tokens: Vec::new(),
    };
    lexer.run();
    lexer.tokens
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    line: u32,
    line_start: usize,
    tokens: Vec<Token>,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    /// Moves to `to`, counting lines on the way.
    fn advance_to(&mut self, to: usize) {
        let to = to.min(self.bytes.len());
        for index in self.at..to {
            if self.bytes[index] == b'\n' {
                self.line += 1;
                self.line_start = index + 1;
            }
        }
        self.at = to;
    }

    fn push(&mut self, tok: Tok, start: usize, line: u32, column: u32) {
        self.tokens.push(Token {
            tok,
            offset: start,
            len: self.at - start,
            line,
            column,
        });
    }

    fn run(&mut self) {
        while self.at < self.bytes.len() {
            let start = self.at;
            let line = self.line;
            let column = u32::try_from(self.text[self.line_start..start].chars().count() + 1)
                .unwrap_or(u32::MAX);
            let byte = self.bytes[start];
            match byte {
                b'/' if self.peek(1) == Some(b'/') => {
                    let end = self.text[start..]
                        .find('\n')
                        .map_or(self.bytes.len(), |at| start + at);
                    self.advance_to(end);
                }
                b'/' if self.peek(1) == Some(b'*') => self.block_comment(),
                b'"' => {
                    let contents = self.quoted(start + 1);
                    self.push(Tok::Str(contents), start, line, column);
                }
                b'\'' => {
                    self.char_or_lifetime();
                    self.push(Tok::Other, start, line, column);
                }
                _ if byte.is_ascii_whitespace() => self.advance_to(start + 1),
                _ if byte.is_ascii_digit() => {
                    let end =
                        self.scan_while(start, |ch| ch.is_alphanumeric() || ch == '_' || ch == '.');
                    self.advance_to(end);
                    self.push(Tok::Other, start, line, column);
                }
                _ if is_ident_start(self.text[start..].chars().next().unwrap_or(' ')) => {
                    if let Some(contents) = self.prefixed_string(start) {
                        self.push(Tok::Str(contents), start, line, column);
                        continue;
                    }
                    let mut name_start = start;
                    if self.text[start..].starts_with("r#") {
                        name_start += 2;
                    }
                    let end = self.scan_while(name_start, |ch| ch.is_alphanumeric() || ch == '_');
                    self.advance_to(end);
                    let name = self.text[name_start..end].to_owned();
                    self.push(Tok::Ident(name), start, line, column);
                }
                _ => {
                    let rest = &self.text[start..];
                    match PUNCTS.iter().find(|punct| rest.starts_with(**punct)) {
                        Some(punct) => {
                            self.advance_to(start + punct.len());
                            self.push(Tok::Punct(punct), start, line, column);
                        }
                        None => {
                            let width = rest.chars().next().map_or(1, char::len_utf8);
                            self.advance_to(start + width);
                        }
                    }
                }
            }
        }
    }

    /// The end of the run of characters from `from` that satisfy `keep`.
    fn scan_while(&self, from: usize, keep: impl Fn(char) -> bool) -> usize {
        self.text[from..]
            .char_indices()
            .find(|(_, ch)| !keep(*ch))
            .map_or(self.bytes.len(), |(at, _)| from + at)
    }

    /// A nested `/* … */` comment.
    fn block_comment(&mut self) {
        let mut depth = 0usize;
        let mut index = self.at;
        while index < self.bytes.len() {
            if self.bytes[index..].starts_with(b"/*") {
                depth += 1;
                index += 2;
            } else if self.bytes[index..].starts_with(b"*/") {
                depth -= 1;
                index += 2;
                if depth == 0 {
                    break;
                }
            } else {
                index += 1;
            }
        }
        self.advance_to(index);
    }

    /// A `"…"` string whose contents start at `from`; returns the contents.
    fn quoted(&mut self, from: usize) -> String {
        let mut index = from;
        while index < self.bytes.len() {
            match self.bytes[index] {
                b'\\' => index += 2,
                b'"' => break,
                _ => index += 1,
            }
        }
        let end = index.min(self.bytes.len());
        let contents = self.text.get(from..end).unwrap_or_default().to_owned();
        self.advance_to(end + 1);
        contents
    }

    /// A string with a prefix (`b"`, `c"`, `r"`, `r#"`, `br#"`, `cr"`), if one
    /// starts at `start`.
    fn prefixed_string(&mut self, start: usize) -> Option<String> {
        let rest = &self.text[start..];
        let after_prefix = ["br", "cr", "b", "c", "r"]
            .iter()
            .find(|prefix| {
                rest.starts_with(**prefix)
                    && matches!(rest.as_bytes().get(prefix.len()), Some(b'"' | b'#'))
            })
            .map(|prefix| (prefix.ends_with('r'), prefix.len()))?;
        let (raw, prefix_len) = after_prefix;
        let body = &rest[prefix_len..];
        if !raw {
            if !body.starts_with('"') {
                return None;
            }
            return Some(self.quoted(start + prefix_len + 1));
        }
        let hashes = body.bytes().take_while(|byte| *byte == b'#').count();
        if body.as_bytes().get(hashes) != Some(&b'"') {
            return None;
        }
        let from = start + prefix_len + hashes + 1;
        let closing = format!("\"{}", "#".repeat(hashes));
        let end = self.text[from..]
            .find(&closing)
            .map_or(self.bytes.len(), |at| from + at);
        let contents = self.text[from..end].to_owned();
        self.advance_to((end + closing.len()).min(self.bytes.len()));
        Some(contents)
    }

    /// A char literal (`'a'`, `'\n'`, `'\u{1F600}'`) or a lifetime (`'a`).
    fn char_or_lifetime(&mut self) {
        let start = self.at;
        let rest = &self.text[start + 1..];
        if let Some(escape) = rest.strip_prefix('\\') {
            // Skip the escaped character, which may itself be a quote.
            let escaped = escape.chars().next().map_or(0, char::len_utf8);
            let end = escape[escaped..]
                .find('\'')
                .map_or(self.bytes.len(), |at| start + 2 + escaped + at + 1);
            self.advance_to(end);
            return;
        }
        let mut chars = rest.chars();
        if let (Some(ch), Some('\'')) = (chars.next(), chars.next()) {
            self.advance_to(start + 1 + ch.len_utf8() + 1);
            return;
        }
        let end = self.scan_while(start + 1, |ch| ch.is_alphanumeric() || ch == '_');
        self.advance_to(end.max(start + 1));
    }
}

fn is_ident_start(ch: char) -> bool {
    ch.is_alphabetic() || ch == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Tok> {
        tokenize(text).into_iter().map(|token| token.tok).collect()
    }

    fn ident(name: &str) -> Tok {
        Tok::Ident(name.to_owned())
    }

    #[test]
    fn comments_are_skipped() {
        let text = "/// \"doc\"\n//! \"inner\"\na /* \"x\" /* nested */ \"y\" */ b // \"c\"\n";
        assert_eq!(kinds(text), [ident("a"), ident("b")]);
    }

    #[test]
    fn strings_of_every_form_are_one_token() {
        let text = r####"x("a\"b", r#"c"d"#, b"e", br##"f"##, c"g", r"h")"####;
        let strings: Vec<Tok> = kinds(text)
            .into_iter()
            .filter(|tok| matches!(tok, Tok::Str(_)))
            .collect();
        let expected: Vec<Tok> = ["a\\\"b", "c\"d", "e", "f", "g", "h"]
            .into_iter()
            .map(|text| Tok::Str(text.to_owned()))
            .collect();
        assert_eq!(strings, expected);
    }

    #[test]
    fn chars_and_lifetimes_do_not_swallow_code() {
        let text = "fn f<'a>(x: &'a str) -> char { '\"'; '\\''; '\\u{1F600}'; 'x' } \"s\"";
        let tokens = kinds(text);
        let others = tokens.iter().filter(|tok| **tok == Tok::Other).count();
        assert_eq!(others, 6, "two lifetimes and four chars: {tokens:?}");
        assert_eq!(tokens.last(), Some(&Tok::Str("s".to_owned())));
        assert!(tokens.contains(&Tok::Punct("->")));
    }

    #[test]
    fn positions_are_lines_and_character_columns() {
        let tokens = tokenize("é  x\n  E::V");
        let v = tokens.iter().find(|token| token.is_ident("V")).unwrap();
        assert_eq!((v.line, v.column), (2, 6));
        let x = tokens.iter().find(|token| token.is_ident("x")).unwrap();
        assert_eq!((x.line, x.column, x.offset), (1, 4, 4));
        assert!(tokens.iter().any(|token| token.is_punct("::")));
    }

    #[test]
    fn raw_identifiers_lose_their_prefix() {
        assert_eq!(kinds("r#type"), [ident("type")]);
    }
}
