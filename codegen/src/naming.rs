//! Names: the snake_case form the catalog requires, the Rust names generated
//! from it, and Rust keywords.

use heck::ToUpperCamelCase;

/// Every Rust keyword, strict and reserved, in any edition.
///
/// A catalog name becomes a Rust identifier (a variant, module or field), and
/// `self`, `super`, `crate` and `Self` cannot even be written as raw identifiers.
pub const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `name` is a Rust keyword.
///
/// # Examples
///
/// ```
/// assert!(codegen::naming::is_rust_keyword("type"));
/// assert!(!codegen::naming::is_rust_keyword("kind"));
/// ```
pub fn is_rust_keyword(name: &str) -> bool {
    RUST_KEYWORDS.contains(&name)
}

/// Whether `name` is snake_case: lowercase ASCII letters and digits in words
/// joined by single underscores, starting with a letter.
///
/// # Examples
///
/// ```
/// use codegen::naming::is_snake_case;
///
/// assert!(is_snake_case("rate_limit_exceeded"));
/// assert!(is_snake_case("error_2fa"));
/// assert!(!is_snake_case("rate-limit"));
/// assert!(!is_snake_case("Rate_limit"));
/// assert!(!is_snake_case("a__b"));
/// ```
pub fn is_snake_case(name: &str) -> bool {
    name.starts_with(|ch: char| ch.is_ascii_lowercase())
        && !name.ends_with('_')
        && !name.contains("__")
        && name
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_')
}

/// Whether `name` is an UpperCamelCase Rust type name.
///
/// # Examples
///
/// ```
/// use codegen::naming::is_upper_camel_case;
///
/// assert!(is_upper_camel_case("RateLimitError"));
/// assert!(!is_upper_camel_case("rateLimitError"));
/// assert!(!is_upper_camel_case("Rate_Limit"));
/// ```
pub fn is_upper_camel_case(name: &str) -> bool {
    name.starts_with(|ch: char| ch.is_ascii_uppercase())
        && name.bytes().all(|byte| byte.is_ascii_alphanumeric())
}

/// The Rust type or variant name of a snake_case name: `rate_limit` → `RateLimit`.
///
/// # Examples
///
/// ```
/// assert_eq!(codegen::naming::rust_type_name("token_expired"), "TokenExpired");
/// ```
pub fn rust_type_name(name: &str) -> String {
    if !name
        .bytes()
        .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_')
    {
        return name.to_upper_camel_case();
    }
    // A snake_case name, the catalog's own form, the way heck converts it:
    // each run between underscores with its first character upper-cased.
    // This is called several times per code, and heck's Unicode-aware
    // word splitting costs a hundred times more.
    let mut out = String::with_capacity(name.len());
    for word in name.split('_') {
        let mut bytes = word.bytes();
        if let Some(first) = bytes.next() {
            out.push(char::from(first.to_ascii_uppercase()));
            out.extend(bytes.map(char::from));
        }
    }
    out
}

/// The default enum name of a domain: `rate_limiting` → `RateLimitingError`.
///
/// # Examples
///
/// ```
/// assert_eq!(codegen::naming::default_domain_rust_name("auth"), "AuthError");
/// ```
pub fn default_domain_rust_name(domain: &str) -> String {
    format!("{}Error", rust_type_name(domain))
}

/// The types the generated catalog module defines beside the domain enums;
/// a domain enum may not take one of these names.
pub const GENERATED_TYPE_NAMES: [&str; 2] = ["Code", "CatalogError"];

/// The member of a generated variant that holds its field errors, for codes
/// with `fields: true`.
pub const FIELD_ERRORS_MEMBER: &str = "fields";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_type_names_match_heck() {
        let alphabet = ['a', 'z', '0', '9', '_'];
        // Every name of up to five characters over letters, digits and
        // underscores, runs of underscores and leading digits included.
        let mut names = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = names
                .iter()
                .flat_map(|name| alphabet.iter().map(move |ch| format!("{name}{ch}")))
                .collect();
            names.extend(longer);
        }
        names.push("synthetic_error_000123".to_owned());
        for name in &names {
            assert_eq!(rust_type_name(name), name.to_upper_camel_case(), "{name:?}");
        }
    }
}
