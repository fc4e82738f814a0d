//! Loading the catalog for the commands that read it, and finding a code by
//! id or alias with "did you mean" suggestions.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;

use ::codegen::model::{Catalog, Code};

/// Loads the catalog from `dir` (default: the workspace's `catalog/`), or
/// returns its rendered diagnostics when it has errors.
pub(crate) fn load_catalog(dir: Option<PathBuf>) -> Result<Catalog, String> {
    let dir = crate::diff::catalog_dir(dir.as_deref());
    let loaded = ::codegen::load(&dir);
    if loaded.diagnostics.has_errors() {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let mut report = loaded.diagnostics.render(color);
        let _ = writeln!(
            report,
            "error: the catalog in `{}` has errors: fix them first (`cargo xtask check --catalog {}`)",
            dir.display(),
            dir.display()
        );
        return Err(report);
    }
    Ok(loaded.catalog)
}

/// The most codes an unknown-code message lists when no id is close.
const LISTED_CODES: usize = 12;

/// A code found by id or alias.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found<'a> {
    /// The code.
    pub(crate) code: &'a Code,
    /// The alias it was found by, if not by its id.
    pub(crate) alias: Option<&'a str>,
}

/// The code whose id or alias is `name`, or an error message naming the
/// closest ids and aliases.
pub(crate) fn find_code<'a>(catalog: &'a Catalog, name: &str) -> Result<Found<'a>, String> {
    if let Some(code) = catalog.codes().find(|code| code.id == name) {
        return Ok(Found { code, alias: None });
    }
    for code in catalog.codes() {
        if let Some(alias) = code.aliases.iter().find(|alias| **alias == name) {
            return Ok(Found {
                code,
                alias: Some(alias.as_str()),
            });
        }
    }
    let mut message = format!("error: unknown code `{name}`\n");
    let suggestions = suggestions(catalog, name);
    if suggestions.is_empty() {
        let ids: Vec<String> = catalog
            .codes()
            .map(|code| format!("`{}`", code.id.as_str()))
            .collect();
        if ids.len() <= LISTED_CODES {
            let _ = writeln!(message, "  = help: expected one of {}", or_list(&ids));
        } else {
            let _ = writeln!(
                message,
                "  = help: no code or alias of the {} in the catalog is close to it; each domain file lists its codes' `id`s",
                ids.len()
            );
        }
    } else {
        let names: Vec<String> = suggestions
            .iter()
            .map(|(name, code)| match code {
                Some(code) => format!("`{name}` (alias of `{code}`)"),
                None => format!("`{name}`"),
            })
            .collect();
        let _ = writeln!(message, "  = help: did you mean {}?", or_list(&names));
    }
    Err(message)
}

/// Up to three ids or aliases close to `name`, closest first; an alias comes
/// with the id of its code.
fn suggestions<'a>(catalog: &'a Catalog, name: &str) -> Vec<(&'a str, Option<&'a str>)> {
    let mut scored: Vec<(f64, &str, Option<&str>)> = Vec::new();
    for code in catalog.codes() {
        let names = std::iter::once((code.id.as_str(), None)).chain(
            code.aliases
                .iter()
                .map(|alias| (alias.as_str(), Some(code.id.as_str()))),
        );
        for (candidate, of) in names {
            let similarity = strsim::jaro_winkler(name, candidate);
            let close = similarity > 0.8
                || strsim::damerau_levenshtein(name, candidate) <= 2
                || (name.len() >= 4 && candidate.contains(name));
            if close {
                scored.push((similarity, candidate, of));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, candidate, of)| (candidate, of))
        .collect()
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let yaml = r#"
domain: rate_limiting
description: Rate limits.
codes:
  - id: rate_limit_exceeded
    status: 429
    message: "Rate limit exceeded"
    resolution: Wait.
    aliases: [throttle_exceeded]
    examples: [{name: default}]
  - id: too_many_requests
    status: 429
    message: "Too many"
    resolution: Wait.
    examples: [{name: default}]
"#;
        let loaded = ::codegen::load_sources(vec![("rate_limiting.yaml".into(), yaml.into())]);
        assert!(!loaded.diagnostics.has_errors());
        loaded.catalog
    }

    #[test]
    fn ids_and_aliases_are_found() {
        let catalog = catalog();
        let found = find_code(&catalog, "rate_limit_exceeded").unwrap();
        assert_eq!(
            (found.code.id.as_str(), found.alias),
            ("rate_limit_exceeded", None)
        );
        let found = find_code(&catalog, "throttle_exceeded").unwrap();
        assert_eq!(
            (found.code.id.as_str(), found.alias),
            ("rate_limit_exceeded", Some("throttle_exceeded"))
        );
    }

    #[test]
    fn unknown_codes_get_suggestions_including_aliases() {
        let catalog = catalog();
        let message = find_code(&catalog, "rate_limit_exceded").unwrap_err();
        assert_eq!(
            message,
            "error: unknown code `rate_limit_exceded`\n  = help: did you mean `rate_limit_exceeded`?\n"
        );
        let message = find_code(&catalog, "throttle_exceed").unwrap_err();
        assert!(
            message.contains("`throttle_exceeded` (alias of `rate_limit_exceeded`)"),
            "{message}"
        );
        let message = find_code(&catalog, "zzz").unwrap_err();
        assert_eq!(
            message,
            "error: unknown code `zzz`\n  = help: expected one of `rate_limit_exceeded` or `too_many_requests`\n"
        );
    }

    #[test]
    fn lists_read_naturally() {
        let items = ["`a`".to_owned(), "`b`".to_owned(), "`c`".to_owned()];
        assert_eq!(or_list(&items), "`a`, `b` or `c`");
        assert_eq!(or_list(&items[..1]), "`a`");
    }
}
