//! Writing catalog text into JavaScript: string literals and doc comments.

/// `value` as a JavaScript string literal (JSON's escapes are JavaScript's).
pub(super) fn string(value: &str) -> String {
    serde_json::to_string(value).expect("a string always serializes")
}

/// `value` as a string literal, or `null`.
pub(super) fn optional_string(value: Option<&str>) -> String {
    value.map_or_else(|| "null".to_owned(), string)
}

/// A JSDoc comment of `lines` (Markdown from the catalog), indented by
/// `indent`; `*/` in the text is broken so that it cannot end the comment.
pub(super) fn doc_comment(lines: &[String], indent: &str) -> String {
    let lines: Vec<String> = lines
        .iter()
        .flat_map(|line| {
            if line.is_empty() {
                vec![String::new()]
            } else {
                line.lines().map(str::to_owned).collect()
            }
        })
        .map(|line| line.trim_end().replace("*/", "*\\/"))
        .collect();
    match lines.as_slice() {
        [] => String::new(),
        [line] => format!("{indent}/** {line} */\n"),
        lines => {
            let mut out = format!("{indent}/**\n");
            for line in lines {
                if line.is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {line}\n"));
                }
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_cannot_be_closed_by_catalog_text() {
        let comment = doc_comment(&["a */ b".to_owned()], "");
        assert_eq!(comment, "/** a *\\/ b */\n");
        assert_eq!(string("a\"\n"), r#""a\"\n""#);
    }
}
