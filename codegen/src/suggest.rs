//! "Did you mean" suggestions for misspelled keys and names.

/// The candidate closest to `input`, if one is close enough to be a likely typo.
///
/// # Examples
///
/// ```
/// use codegen::suggest::did_you_mean;
///
/// assert_eq!(did_you_mean("stauts", ["status", "message"]), Some("status"));
/// assert_eq!(did_you_mean("xyz", ["status", "message"]), None);
/// ```
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Very long inputs are not typos, and comparing them costs quadratic time.
    if input.len() > 128 {
        return None;
    }
    candidates
        .into_iter()
        .filter(|candidate| candidate.len() <= 128)
        .map(|candidate| (strsim::jaro_winkler(input, candidate), candidate))
        .filter(|(score, candidate)| {
            *score > 0.8 || strsim::damerau_levenshtein(input, candidate) <= 1
        })
        .max_by(|(a, _), (b, _)| a.total_cmp(b))
        .map(|(_, candidate)| candidate)
}

/// A help text naming the suggestion, or listing the choices when there is none.
pub(crate) fn help_for(input: &str, candidates: &[&str], what: &str) -> String {
    match did_you_mean(input, candidates.iter().copied()) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => format!("{what}: {}", list(candidates)),
    }
}

/// `` `a`, `b` or `c` ``.
pub(crate) fn list(items: &[&str]) -> String {
    join(items, "or")
}

/// `` `a`, `b` and `c` ``.
pub(crate) fn list_all(items: &[&str]) -> String {
    join(items, "and")
}

fn join(items: &[&str], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(|item| format!("`{item}`")).collect();
            format!("{} {conjunction} `{last}`", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        assert_eq!(list(&["a"]), "`a`");
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(list_all(&["a", "b"]), "`a` and `b`");
    }

    #[test]
    fn help_falls_back_to_the_choices() {
        assert_eq!(
            help_for("stats", &["status"], "expected"),
            "did you mean `status`?"
        );
        assert_eq!(
            help_for("qqq", &["a", "b"], "expected one of"),
            "expected one of: `a` or `b`"
        );
    }
}
