//! What one Rust file does with the catalog's codes: where it raises them,
//! which hand-derived errors it defines, and where it spells code ids as
//! string literals.
//!
//! "Raising" a code means constructing the error that carries it: the
//! variant path `Enum::Variant` followed by `{`, `(` or used as a value,
//! outside a pattern (a match arm, `let`, `if let`, `matches!`). For a
//! hand-derived error, `#[api(code = "...")]` *defines* the code on a variant
//! or a struct; constructing that variant or struct raises it.

use std::collections::BTreeMap;

use super::lexer::{Tok, Token, tokenize};

/// Maps error types and variants to the code they carry.
#[derive(Clone, Debug, Default)]
pub(crate) struct Raisers {
    /// `(enum, variant)` → code id.
    pub variants: BTreeMap<(String, String), String>,
    /// Struct name → code id.
    pub structs: BTreeMap<String, String>,
}

/// A code raised at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Raise {
    /// The code id.
    pub code: String,
    /// The first token of the path.
    pub token: Token,
}

/// A string literal that spells a catalog name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Literal {
    /// The literal's contents.
    pub text: String,
    /// The literal token.
    pub token: Token,
    /// Whether it sits in test code (a `#[cfg(test)]` item).
    pub in_test: bool,
}

/// One tokenized file with the structure the checks need.
pub(crate) struct Scanned {
    tokens: Vec<Token>,
    /// For each token, the innermost `enum Name { … }` it is inside of.
    enclosing_enum: Vec<Option<usize>>,
    /// For each token, whether it is inside a `#[cfg(test)]` item.
    in_test: Vec<bool>,
    /// Modules declared `#[cfg(test)] mod name;`, whose files are test code.
    test_modules: Vec<String>,
}

impl Scanned {
    /// Tokenizes `text` and finds its enums and test items.
    pub(crate) fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let (enclosing_enum, in_test) = structure(&tokens);
        let test_modules = (0..tokens.len().saturating_sub(2))
            .filter(|at| {
                in_test[*at] && tokens[*at].is_ident("mod") && tokens[*at + 2].is_punct(";")
            })
            .filter_map(|at| tokens[at + 1].ident().map(str::to_owned))
            .collect();
        Scanned {
            tokens,
            enclosing_enum,
            in_test,
            test_modules,
        }
    }

    /// The modules this file declares as `#[cfg(test)] mod name;`.
    pub(crate) fn test_modules(&self) -> &[String] {
        &self.test_modules
    }

    /// Adds the errors this file derives with `#[api(code = "...")]` to `raisers`.
    pub(crate) fn collect_definitions(&self, raisers: &mut Raisers) {
        let tokens = &self.tokens;
        let mut index = 0;
        while index < tokens.len() {
            let Some(end) = attribute_end(tokens, index) else {
                index += 1;
                continue;
            };
            let code = api_code(&tokens[index..end]);
            index = end;
            let Some(code) = code else { continue };
            // Skip further attributes, then find what they are attached to.
            let mut item = end;
            while let Some(next_end) = attribute_end(tokens, item) {
                item = next_end;
            }
            while tokens.get(item).is_some_and(|token| token.is_ident("pub")) {
                item += 1;
                if tokens.get(item).is_some_and(|token| token.is_punct("(")) {
                    item = skip_group(tokens, item);
                }
            }
            match tokens.get(item).and_then(Token::ident) {
                Some("struct") => {
                    if let Some(name) = tokens.get(item + 1).and_then(Token::ident) {
                        raisers.structs.insert(name.to_owned(), code);
                    }
                }
                Some(variant) => {
                    let enum_name = self.enclosing_enum[item].and_then(|at| tokens[at].ident());
                    if let Some(enum_name) = enum_name {
                        raisers
                            .variants
                            .insert((enum_name.to_owned(), variant.to_owned()), code);
                    }
                }
                None => {}
            }
        }
    }

    /// Every construction of an error of `raisers`.
    pub(crate) fn raises(&self, raisers: &Raisers) -> Vec<Raise> {
        let tokens = &self.tokens;
        let mut out = Vec::new();
        for index in 0..tokens.len() {
            let Some(first) = tokens[index].ident() else {
                continue;
            };
            let variant = (tokens
                .get(index + 1)
                .is_some_and(|token| token.is_punct("::")))
            .then(|| tokens.get(index + 2).and_then(Token::ident))
            .flatten();
            let (code, path_end) = match variant {
                Some(variant) => {
                    match raisers
                        .variants
                        .get(&(first.to_owned(), variant.to_owned()))
                    {
                        Some(code) => (code, index + 3),
                        None => continue,
                    }
                }
                None => match raisers.structs.get(first) {
                    Some(code) if self.constructs_struct(index) => (code, index + 1),
                    _ => continue,
                },
            };
            let after = match tokens.get(path_end) {
                Some(token) if token.is_punct("{") || token.is_punct("(") => {
                    skip_group(tokens, path_end)
                }
                _ => path_end,
            };
            if !is_pattern(tokens, index, after) {
                out.push(Raise {
                    code: code.clone(),
                    token: tokens[index].clone(),
                });
            }
        }
        out
    }

    /// Whether the struct name at `index` starts a struct expression
    /// (`Name {` or `Name(`) rather than a definition, impl or type.
    fn constructs_struct(&self, index: usize) -> bool {
        let tokens = &self.tokens;
        let opens = tokens
            .get(index + 1)
            .is_some_and(|token| token.is_punct("{") || token.is_punct("("));
        let declared = index > 0
            && ["struct", "enum", "impl", "for", "trait", "type", "dyn"]
                .iter()
                .any(|keyword| tokens[index - 1].is_ident(keyword));
        let typed =
            index > 0 && (tokens[index - 1].is_punct("->") || tokens[index - 1].is_punct(":"));
        opens && !declared && !typed
    }

    /// Every string literal whose contents are a key of `names`, except the
    /// `code = "..."` key of an `#[api(...)]` attribute, which defines a code.
    pub(crate) fn literals<V>(&self, names: &BTreeMap<String, V>) -> Vec<Literal> {
        let tokens = &self.tokens;
        let mut out = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            let Tok::Str(text) = &token.tok else { continue };
            if !names.contains_key(text) || self.is_api_code_key(index) {
                continue;
            }
            out.push(Literal {
                text: text.clone(),
                token: token.clone(),
                in_test: self.in_test[index],
            });
        }
        out
    }

    /// Whether the string at `index` is the value of `code = ` inside `#[api(…)]`.
    fn is_api_code_key(&self, index: usize) -> bool {
        let tokens = &self.tokens;
        if index < 2 || !tokens[index - 1].is_punct("=") || !tokens[index - 2].is_ident("code") {
            return false;
        }
        let Some(open) = enclosing_open(tokens, index) else {
            return false;
        };
        open >= 3
            && tokens[open].is_punct("(")
            && tokens[open - 1].is_ident("api")
            && tokens[open - 2].is_punct("[")
            && tokens[open - 3].is_punct("#")
    }
}

/// For every token, its innermost enclosing enum (the index of the enum's
/// name) and whether it is inside a `#[cfg(test)]` item.
fn structure(tokens: &[Token]) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut enclosing = vec![None; tokens.len()];
    let mut in_test = vec![false; tokens.len()];
    // Open braces: the enum they belong to, and whether they open a test item.
    let mut stack: Vec<(Option<usize>, bool)> = Vec::new();
    let mut pending_test = false;
    let mut whole_file_test = false;
    let mut index = 0;
    while index < tokens.len() {
        let current_enum = stack.iter().rev().find_map(|(name, _)| *name);
        let testing = whole_file_test || stack.iter().any(|(_, test)| *test);
        enclosing[index] = current_enum;
        in_test[index] = testing || pending_test;
        let token = &tokens[index];
        if let Some(end) = attribute_end(tokens, index) {
            let inner = tokens
                .get(index + 1)
                .is_some_and(|token| token.is_punct("!"));
            if is_cfg_test(&tokens[index..end]) {
                if inner && stack.is_empty() {
                    whole_file_test = true;
                } else {
                    pending_test = true;
                }
            }
            for at in index..end {
                enclosing[at] = current_enum;
                in_test[at] = testing || pending_test || whole_file_test;
            }
            index = end;
            continue;
        }
        if token.is_punct("{") {
            stack.push((enum_name_before(tokens, index), pending_test));
            pending_test = false;
        } else if token.is_punct("}") {
            stack.pop();
        } else if token.is_punct(";") {
            // `#[cfg(test)] use …;` or `mod tests;` ends without a body.
            pending_test = false;
        }
        index += 1;
    }
    (enclosing, in_test)
}

/// The index of `Name` when the brace at `brace` opens `enum Name<…> … {`.
fn enum_name_before(tokens: &[Token], brace: usize) -> Option<usize> {
    for at in (1..brace).rev() {
        let token = &tokens[at];
        if token.is_punct(";") || token.is_punct("{") || token.is_punct("}") {
            return None;
        }
        if tokens[at - 1].is_ident("enum") && token.ident().is_some() {
            return Some(at);
        }
    }
    None
}

/// The index after the attribute `#[…]` or `#![…]` starting at `index`.
fn attribute_end(tokens: &[Token], index: usize) -> Option<usize> {
    if !tokens.get(index)?.is_punct("#") {
        return None;
    }
    let mut open = index + 1;
    if tokens.get(open)?.is_punct("!") {
        open += 1;
    }
    tokens
        .get(open)?
        .is_punct("[")
        .then(|| skip_group(tokens, open))
}

/// Whether the attribute tokens are `#[cfg(test)]` (or `#![cfg(test)]`).
fn is_cfg_test(attribute: &[Token]) -> bool {
    let idents: Vec<&str> = attribute.iter().filter_map(Token::ident).collect();
    idents == ["cfg", "test"]
}

/// The code id of an `#[api(… code = "…" …)]` attribute.
fn api_code(attribute: &[Token]) -> Option<String> {
    let start = attribute
        .iter()
        .position(|token| !token.is_punct("#") && !token.is_punct("!") && !token.is_punct("["))?;
    if !attribute[start].is_ident("api") {
        return None;
    }
    attribute
        .windows(3)
        .find_map(|window| match (&window[0], &window[1], &window[2].tok) {
            (key, eq, Tok::Str(code)) if key.is_ident("code") && eq.is_punct("=") => {
                Some(code.clone())
            }
            _ => None,
        })
}

/// The index after the group opened at `open` (`(`, `[` or `{`).
fn skip_group(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (index, token) in tokens.iter().enumerate().skip(open) {
        if token.is_punct("(") || token.is_punct("[") || token.is_punct("{") {
            depth += 1;
        } else if token.is_punct(")") || token.is_punct("]") || token.is_punct("}") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return index + 1;
            }
        }
    }
    tokens.len()
}

/// The index of the innermost unclosed `(`, `[` or `{` before `index`.
fn enclosing_open(tokens: &[Token], index: usize) -> Option<usize> {
    let mut depth = 0usize;
    for at in (0..index).rev() {
        let token = &tokens[at];
        if token.is_punct(")") || token.is_punct("]") || token.is_punct("}") {
            depth += 1;
        } else if token.is_punct("(") || token.is_punct("[") || token.is_punct("{") {
            if depth == 0 {
                return Some(at);
            }
            depth -= 1;
        }
    }
    None
}

/// Whether the path starting at `begin`, whose expression ends before
/// `after`, is (part of) a pattern rather than an expression.
fn is_pattern(tokens: &[Token], mut begin: usize, mut after: usize) -> bool {
    loop {
        let next = tokens.get(after);
        let nested = next
            .is_some_and(|token| token.is_punct(")") || token.is_punct("]") || token.is_punct(","));
        if !nested {
            break;
        }
        let Some(open) = enclosing_open(tokens, begin) else {
            break;
        };
        if tokens[open].is_punct("{") {
            break;
        }
        // `matches!(value, PATTERN)`: a pattern after the first comma.
        let macro_name = (open >= 2 && tokens[open - 1].is_punct("!"))
            .then(|| tokens[open - 2].ident())
            .flatten();
        if let Some(name) = macro_name {
            let top_level_comma = (open + 1..begin)
                .any(|at| tokens[at].is_punct(",") && enclosing_open(tokens, at) == Some(open));
            return name.ends_with("matches") && top_level_comma;
        }
        after = skip_group(tokens, open);
        begin = open;
        // Include the path before the group: `Some(…)`, `Ok(…)`.
        while begin >= 1
            && (tokens[begin - 1].ident().is_some() || tokens[begin - 1].is_punct("::"))
        {
            begin -= 1;
        }
    }
    let next_is_pattern_end = tokens
        .get(after)
        .is_some_and(|token| token.is_punct("=>") || token.is_punct("|") || token.is_ident("if"));
    let after_let = begin >= 1 && tokens[begin - 1].is_ident("let");
    next_is_pattern_end || after_let
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raisers() -> Raisers {
        let mut raisers = Raisers::default();
        raisers.variants.insert(
            ("LimitError".to_owned(), "SlowDown".to_owned()),
            "slow_down".to_owned(),
        );
        raisers
    }

    fn raised(text: &str) -> Vec<(u32, u32)> {
        Scanned::new(text)
            .raises(&raisers())
            .into_iter()
            .map(|raise| (raise.token.line, raise.token.column))
            .collect()
    }

    #[test]
    fn constructions_raise() {
        assert_eq!(
            raised("fn f() -> E { LimitError::SlowDown { seconds: 1 } }"),
            [(1, 15)]
        );
        assert_eq!(
            raised("let e = errors_core::catalog::LimitError::SlowDown;"),
            [(1, 31)]
        );
        assert_eq!(raised("Err(LimitError::SlowDown(1))?"), [(1, 5)]);
        assert_eq!(raised("f(LimitError::SlowDown, 2);"), [(1, 3)]);
        assert_eq!(raised("let v = vec![LimitError::SlowDown];"), [(1, 14)]);
        assert_eq!(raised("x.map(|_| LimitError::SlowDown)"), [(1, 11)]);
    }

    #[test]
    fn patterns_do_not_raise() {
        for text in [
            "match e { LimitError::SlowDown { .. } => 1, _ => 2 }",
            "match e { LimitError::SlowDown | Other::X => 1 }",
            "match e { LimitError::SlowDown { seconds } if seconds > 1 => 1 }",
            "if let LimitError::SlowDown { seconds } = e {}",
            "let LimitError::SlowDown(x) = e else { return };",
            "assert!(matches!(e, LimitError::SlowDown { .. }));",
            "match r { Err(LimitError::SlowDown { .. }) => 1 }",
            "match p { (LimitError::SlowDown, _) => 1 }",
            "/// LimitError::SlowDown {\n// LimitError::SlowDown(\nfn f() {}",
            "let s = \"LimitError::SlowDown { }\";",
        ] {
            assert_eq!(raised(text), [], "{text}");
        }
    }

    #[test]
    fn a_matches_value_is_not_a_pattern() {
        assert_eq!(raised("matches!(LimitError::SlowDown, x)"), [(1, 10)]);
    }

    #[test]
    fn hand_derived_errors_are_defined_by_their_attribute() {
        let text = r#"
            #[derive(Debug, ApiError)]
            enum MyError<T: Clone> where T: Copy {
                /// Docs.
                #[api(code = "slow_down", status = 429, message = "Slow down")]
                #[allow(dead_code)]
                Slow,
                #[api(code = "other", status = 400, message = "Other")]
                Other { field: u32 },
            }
            #[derive(ApiError)]
            #[api(code = "gone", status = 410, message = "Gone")]
            pub(crate) struct Gone { id: u32 }
            impl Gone { fn new() -> Gone { Gone { id: 1 } } }
            fn g() -> MyError { MyError::Slow }
        "#;
        let scanned = Scanned::new(text);
        let mut raisers = Raisers::default();
        scanned.collect_definitions(&mut raisers);
        assert_eq!(
            raisers.variants[&("MyError".into(), "Slow".into())],
            "slow_down"
        );
        assert_eq!(
            raisers.variants[&("MyError".into(), "Other".into())],
            "other"
        );
        assert_eq!(raisers.structs["Gone"], "gone");
        let codes: Vec<String> = scanned
            .raises(&raisers)
            .into_iter()
            .map(|raise| raise.code)
            .collect();
        assert_eq!(codes, ["gone", "slow_down"]);
    }

    #[test]
    fn literals_skip_the_api_code_key_and_know_about_tests() {
        let text = r#"
            #[api(code = "slow_down", message = "slow_down")]
            V,
            fn f() -> &'static str { "slow_down" }
            #[cfg(test)]
            mod tests { fn t() { let _ = "slow_down"; } }
            fn after() { "slow_down"; }
        "#;
        let names = BTreeMap::from([("slow_down".to_owned(), ())]);
        let found: Vec<(u32, bool)> = Scanned::new(text)
            .literals(&names)
            .into_iter()
            .map(|literal| (literal.token.line, literal.in_test))
            .collect();
        assert_eq!(found, [(2, false), (4, false), (6, true), (7, false)]);
    }

    #[test]
    fn an_inner_cfg_test_makes_the_whole_file_test_code() {
        let names = BTreeMap::from([("slow_down".to_owned(), ())]);
        let scanned = Scanned::new("#[cfg(test)]\nmod expand_tests;\nmod other;\n");
        assert_eq!(scanned.test_modules(), ["expand_tests"]);
        let literals = Scanned::new("#![cfg(test)]\nfn f() { \"slow_down\"; }").literals(&names);
        assert!(literals.iter().all(|literal| literal.in_test));
        assert_eq!(literals.len(), 1);
    }
}
