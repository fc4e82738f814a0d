//! The fieldless `Code` enum of every code, retired ones included: names,
//! statuses, domains, metadata and parsing by id or alias.
//!
//! Its three per-code lists (the variants, `Code::ALL` and the sorted name
//! table) are written as text in prettyplease's layout
//! ([`super::pretty_text`]) into a skeleton formatted through the token
//! pipeline with a placeholder for each; when a list's layout is not
//! certain that way (a short catalog whose lists fit on one line, a name
//! at the margin), the whole file goes through the token pipeline.

use std::fmt::Write as _;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use super::doc_slots::DocSlots;
use super::pretty_text::{self, clearly_fits, clearly_overflows, string_literal};
use super::{code_ident, docs, format_items};
use crate::model::{Catalog, Code};
use crate::naming;

/// The placeholder variant that [`render`] replaces with the variants.
const VARIANTS: &str = "__ErrorCatalogCodes";
/// The placeholder element that [`render`] replaces with `Code::ALL`.
const ALL: &str = "__ErrorCatalogAll";
/// The placeholder element that [`render`] replaces with the name table.
const NAMES: &str = "__ErrorCatalogNames";

/// The formatted `code.rs` of `catalog`, without the header, after
/// `imports`.
pub(super) fn render(catalog: &Catalog, imports: TokenStream) -> String {
    let codes: Vec<(&Code, String)> = catalog
        .codes()
        .map(|code| (code, naming::rust_type_name(&code.id)))
        .collect();
    if let Some(lists) = Lists::text(&codes) {
        let slots = DocSlots::default();
        let items = items(catalog, &slots, Body::Placeholders);
        let skeleton = format_items(quote!(#imports #items), &slots);
        if let Some(out) = lists.splice(&skeleton) {
            return out;
        }
    }
    let slots = DocSlots::default();
    let items = items(catalog, &slots, Body::Tokens);
    format_items(quote!(#imports #items), &slots)
}

/// The three lists as text.
struct Lists {
    variants: String,
    all: String,
    names: String,
}

impl Lists {
    /// The lists of `codes` (each with its variant name) as text, or
    /// `None` when one's layout is not certain.
    fn text(codes: &[(&Code, String)]) -> Option<Lists> {
        let mut variants = String::with_capacity(codes.len() * 160);
        for (index, (code, ident)) in codes.iter().enumerate() {
            if !pretty_text::doc(&mut variants, 4, &docs::code_variant_doc(code)) {
                return None;
            }
            if let Some(deprecated) = &code.deprecated {
                let note = docs::deprecation_note(deprecated);
                let note = format!("note = {}", string_literal(&note));
                if !pretty_text::attr(&mut variants, 4, "deprecated", &[note]) {
                    return None;
                }
            }
            let _ = writeln!(variants, "    {ident} = {index},");
        }

        // `pub const ALL: &'static [Code] = &[Code::A, Code::B];`, broken
        // into one element per line when it does not fit.
        let head = "pub const ALL: &'static [Code] = &[";
        let flat = 4 + head.len() + list_width(codes.iter().map(|(_, ident)| 6 + ident.len())) + 2;
        if !clearly_overflows(flat) {
            return None;
        }
        let mut all = String::with_capacity(codes.len() * 40);
        let _ = writeln!(all, "    {head}");
        for (_, ident) in codes {
            let _ = writeln!(all, "        Code::{ident},");
        }
        all.push_str("    ];\n");

        // `static CODE_NAMES: &[(&str, Code)] = &[("id", Code::A), ...];`,
        // sorted like the tokens, one tuple per line.
        let names = name_table(codes.iter().map(|(code, ident)| (*code, ident.as_str())));
        let tuples: Vec<String> = names
            .iter()
            .map(|(name, ident)| format!("({}, Code::{ident})", string_literal(name)))
            .collect();
        let head = "static CODE_NAMES: &[(&str, Code)] = &[";
        let flat = head.len() + list_width(tuples.iter().map(String::len)) + 2;
        if !clearly_overflows(flat) || !tuples.iter().all(|tuple| clearly_fits(4 + tuple.len() + 1))
        {
            return None;
        }
        let mut names = String::with_capacity(tuples.iter().map(|tuple| tuple.len() + 6).sum());
        let _ = writeln!(names, "{head}");
        for tuple in &tuples {
            let _ = writeln!(names, "    {tuple},");
        }
        names.push_str("];\n");
        Some(Lists {
            variants,
            all,
            names,
        })
    }

    /// `skeleton` with each placeholder's line replaced by its list; `None`
    /// if a placeholder is not found where expected.
    fn splice(&self, skeleton: &str) -> Option<String> {
        let lines = [
            (format!("    {VARIANTS},\n"), &self.variants),
            (
                format!("    pub const ALL: &'static [Code] = &[{ALL}];\n"),
                &self.all,
            ),
            (
                format!("static CODE_NAMES: &[(&str, Code)] = &[{NAMES}];\n"),
                &self.names,
            ),
        ];
        let mut out = String::with_capacity(
            skeleton.len() + self.variants.len() + self.all.len() + self.names.len(),
        );
        let mut found = 0;
        for line in skeleton.split_inclusive('\n') {
            match lines.iter().find(|(placeholder, _)| placeholder == line) {
                Some((_, list)) => {
                    out.push_str(list);
                    found += 1;
                }
                None => out.push_str(line),
            }
        }
        (found == lines.len()).then_some(out)
    }
}

/// The width of list elements of `widths` on one line, separated by `, `.
fn list_width(widths: impl Iterator<Item = usize>) -> usize {
    let (count, sum) = widths.fold((0usize, 0), |(count, sum), width| (count + 1, sum + width));
    sum + 2 * count.saturating_sub(1)
}

/// What stands in the per-code lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// Every element as tokens.
    Tokens,
    /// One placeholder each.
    Placeholders,
}

/// The `Code` enum, its impls and the sorted name table; doc blocks go
/// into `slots`.
fn items(catalog: &Catalog, slots: &DocSlots, body: Body) -> TokenStream {
    let codes: Vec<&Code> = catalog.codes().collect();
    let placeholder = |name: &str| vec![Ident::new(name, Span::call_site()).into_token_stream()];
    let (variants, all, names) = match body {
        Body::Tokens => (variants(&codes, slots), all(&codes), names(&codes)),
        Body::Placeholders => (
            placeholder(VARIANTS)
                .into_iter()
                .map(|variant| quote!(#variant,))
                .collect(),
            placeholder(ALL),
            placeholder(NAMES),
        ),
    };
    let count = Literal::usize_unsuffixed(codes.len());

    quote! {
        /// Every code of the catalog, retired ones included, without data.
        ///
        /// Clients parse the `code` of a received error into it (ids and
        /// aliases are accepted) and branch on it; [`Code::info`] gives
        /// everything the catalog says about a code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            #(#variants)*
        }

        // A service that includes its catalog in a private module uses only
        // some of these items.
        #[allow(deprecated, dead_code)]
        impl Code {
            /// Every code, in catalog order (domains by name, codes in file order).
            pub const ALL: &'static [Code] = &[#(#all),*];

            /// The number of codes.
            pub const COUNT: usize = #count;

            /// The code's id.
            pub fn as_str(self) -> &'static str {
                self.info().id
            }

            /// The code's HTTP status.
            pub fn status(self) -> ::errors_core::http::StatusCode {
                self.info().status
            }

            /// The snake_case name of the code's domain.
            pub fn domain(self) -> &'static str {
                self.info().domain
            }

            /// Everything the catalog says about the code.
            pub fn info(self) -> &'static ::errors_core::CodeInfo {
                &CODES[self as usize]
            }

            /// The code whose id or one of whose aliases is `name`.
            pub fn find(name: &str) -> ::core::option::Option<Code> {
                CODE_INDEX.find(name)
            }
        }

        impl ::core::str::FromStr for Code {
            type Err = ::errors_core::UnknownCode;

            fn from_str(name: &str) -> ::core::result::Result<Self, Self::Err> {
                Code::find(name).ok_or_else(|| ::errors_core::UnknownCode::new(name))
            }
        }

        impl ::core::fmt::Display for Code {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Every id and alias with its code, sorted by name.
        #[allow(deprecated)]
        static CODE_NAMES: &[(&str, Code)] = &[#(#names)*];

        /// `CODE_NAMES`, hashed the first time `Code::find` looks a name up.
        static CODE_INDEX: ::errors_core::__private::NameIndex<Code> =
            ::errors_core::__private::NameIndex::new(CODE_NAMES);
    }
}

/// The variants as tokens, each with its comma.
fn variants(codes: &[&Code], slots: &DocSlots) -> Vec<TokenStream> {
    codes
        .iter()
        .enumerate()
        .map(|(index, code)| {
            let ident = code_ident(code);
            let doc = slots.attrs(&docs::code_variant_doc(code), false);
            let deprecated = code.deprecated.as_ref().map(|deprecated| {
                let note = docs::deprecation_note(deprecated);
                quote!(#[deprecated(note = #note)])
            });
            let discriminant = Literal::usize_unsuffixed(index);
            quote! {
                #doc
                #deprecated
                #ident = #discriminant,
            }
        })
        .collect()
}

/// The elements of `Code::ALL` as tokens.
fn all(codes: &[&Code]) -> Vec<TokenStream> {
    codes
        .iter()
        .map(|code| {
            let ident = code_ident(code);
            quote!(Code::#ident)
        })
        .collect()
}

/// Every id and alias of `codes` with what goes with its code, sorted by
/// name, so that a reader finds one (`Code::find` hashes them).
fn name_table<'a, T: Copy>(codes: impl Iterator<Item = (&'a Code, T)>) -> Vec<(&'a str, T)> {
    let mut names: Vec<(&str, T)> = codes
        .flat_map(|(code, with)| {
            std::iter::once(code.id.as_str())
                .chain(code.aliases.iter().map(|alias| alias.as_str()))
                .map(move |name| (name, with))
        })
        .collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    names
}

/// The elements of the name table as tokens, in [`name_table`] order, each
/// with its comma.
fn names(codes: &[&Code]) -> Vec<TokenStream> {
    let names = name_table(codes.iter().map(|code| (*code, *code)));
    names
        .iter()
        .map(|(name, code)| {
            let ident = code_ident(code);
            quote!((#name, Code::#ident),)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file through the token pipeline alone.
    fn through_tokens(catalog: &Catalog) -> String {
        let slots = DocSlots::default();
        let items = items(catalog, &slots, Body::Tokens);
        format_items(quote!(use super::CODES; #items), &slots)
    }

    #[test]
    fn code_files_are_the_same_as_through_tokens() {
        for codes in [1, 2, 3, 40, 400] {
            let loaded = crate::load_sources(crate::synth::synthetic_catalog(codes, 150));
            assert!(!loaded.diagnostics.has_errors());
            let catalog = &loaded.catalog;
            assert_eq!(
                render(
                    catalog,
                    quote!(
                        use super::CODES;
                    )
                ),
                through_tokens(catalog),
                "{codes} codes"
            );
        }
    }

    #[test]
    fn large_catalogs_take_the_text_path() {
        let loaded = crate::load_sources(crate::synth::synthetic_catalog(40, 150));
        let codes: Vec<(&Code, String)> = loaded
            .catalog
            .codes()
            .map(|code| (code, naming::rust_type_name(&code.id)))
            .collect();
        assert!(Lists::text(&codes).is_some());
        assert!(Lists::text(&codes[..1]).is_none());
    }
}
