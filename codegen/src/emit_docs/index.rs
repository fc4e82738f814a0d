//! The index page, `errors/index.md`: every code by domain.

use std::fmt::Write as _;

use super::markdown::{Table, block, code_span, text, yaml_string};
use super::status::status_text;
use super::{DocsInput, code_link, front_matter};

/// The index of every code, grouped by domain, with every alias.
pub(crate) fn index(input: &DocsInput<'_>) -> String {
    let catalog = input.catalog;
    let codes = catalog.codes().count();
    let mut out = front_matter(&[
        ("title", yaml_string("Error codes")),
        ("version", yaml_string(&input.catalog_version())),
        ("codes", codes.to_string()),
    ]);
    out.push_str("# Error codes\n\n");
    let _ = writeln!(
        out,
        "Every error the API returns has a stable `code` to branch on, an HTTP status and a \
         message. The catalog, version {}, holds {} in {}. Each code's page \
         says when it occurs, what it carries and how to handle it, with the exact responses \
         in every envelope; [handling errors](handling.md) covers the envelopes, status \
         codes, headers and retry strategy.\n",
        text(&input.catalog_version()),
        count(codes, "code", "codes"),
        count(catalog.domains.len(), "domain", "domains"),
    );

    let mut contents = Table::new(["domain", "codes", "statuses"]);
    for domain in &catalog.domains {
        let mut statuses: Vec<u16> = domain.codes.iter().map(|code| code.status).collect();
        statuses.sort_unstable();
        statuses.dedup();
        let statuses: Vec<String> = statuses.iter().map(u16::to_string).collect();
        contents.row([
            format!("[{}](#{})", text(&domain.name), domain.name.value),
            domain.codes.len().to_string(),
            statuses.join(", "),
        ]);
    }
    out.push_str(&contents.render());
    out.push('\n');

    for domain in &catalog.domains {
        let _ = writeln!(out, "## {}\n", text(&domain.name));
        out.push_str(&block(&domain.description));
        out.push('\n');
        let mut table = Table::new(["code", "status", "message", "retryable", "deprecated"]);
        for code in &domain.codes {
            let deprecated = match (&code.deprecated, &code.retired) {
                (_, Some(retired)) => format!("retired in {}", text(&retired.since)),
                (Some(deprecated), None) => match &deprecated.replacement {
                    Some(replacement) => format!(
                        "yes, use [{}]({}.md)",
                        code_span(replacement),
                        replacement.value
                    ),
                    None => "yes".to_owned(),
                },
                (None, None) => "no".to_owned(),
            };
            table.row([
                code_link(code),
                status_text(code.status),
                code_span(&code.public_template().raw),
                (if code.retryable { "yes" } else { "no" }).to_owned(),
                deprecated,
            ]);
        }
        out.push_str(&table.render());
        out.push('\n');
    }

    out.push_str("## Aliases\n\n");
    let mut aliases = Table::new(["alias", "code"]);
    let mut pairs: Vec<(&str, &crate::model::Code)> = catalog
        .codes()
        .flat_map(|code| code.aliases.iter().map(move |alias| (alias.as_str(), code)))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(b.0));
    for (alias, code) in pairs {
        aliases.row([code_span(alias), code_link(code)]);
    }
    if aliases.is_empty() {
        out.push_str("No code has an alias.\n");
    } else {
        out.push_str(
            "Other or former names of codes. Clients must treat an alias exactly like the code \
             it names.\n\n",
        );
        out.push_str(&aliases.render());
    }
    out
}

/// `1 code`, `2 codes`.
fn count(number: usize, one: &str, many: &str) -> String {
    format!("{number} {}", if number == 1 { one } else { many })
}
