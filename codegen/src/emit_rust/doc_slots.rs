//! Doc comments spliced into the formatted output as text.
//!
//! Doc comments are most of the generated Rust, and every line of one costs
//! tokens to build, to parse back and to print, while prettyplease prints
//! each `#[doc = "..."]` attribute as `///` followed by its text on a line of
//! its own, whatever its length, without affecting the layout around it. So
//! a whole doc block travels through the token pipeline as one placeholder
//! attribute, and its lines replace the placeholder's line in the formatted
//! text: the output is the same as formatting every line as a token, for a
//! fraction of the work.

use std::cell::RefCell;
use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Doc;

/// Starts a placeholder's text; catalog text never holds it in practice,
/// and a doc block that does is emitted as tokens instead.
const MARK: char = '\u{0}';

/// The doc blocks of one output file, by placeholder number.
#[derive(Default)]
pub(super) struct DocSlots {
    blocks: RefCell<Vec<Vec<String>>>,
}

impl DocSlots {
    /// The attribute standing for `doc` (`#![doc]` when `inner`): one
    /// placeholder, or the lines themselves when one holds the mark.
    pub(super) fn attrs(&self, doc: &Doc, inner: bool) -> TokenStream {
        let lines = doc.lines();
        if lines.is_empty() {
            return TokenStream::new();
        }
        if lines.iter().any(|line| line.contains(MARK)) {
            return doc.attrs(inner);
        }
        let mut blocks = self.blocks.borrow_mut();
        let text = format!("{MARK}{}", blocks.len());
        blocks.push(lines.to_vec());
        if inner {
            quote!(#![doc = #text])
        } else {
            quote!(#[doc = #text])
        }
    }

    /// `formatted` with every placeholder line replaced by its doc lines,
    /// at the placeholder's indentation.
    pub(super) fn splice(&self, formatted: String) -> String {
        let blocks = self.blocks.borrow();
        if blocks.is_empty() {
            return formatted;
        }
        let mut out = String::with_capacity(formatted.len() + blocks.len() * 256);
        for line in formatted.split_inclusive('\n') {
            match placeholder(line) {
                Some((indent, prefix, index)) if index < blocks.len() => {
                    for doc_line in &blocks[index] {
                        out.push_str(indent);
                        out.push_str(prefix);
                        if !doc_line.is_empty() {
                            let _ = write!(out, " {doc_line}");
                        }
                        out.push('\n');
                    }
                }
                _ => out.push_str(line),
            }
        }
        out
    }
}

/// The indentation, the comment prefix (`///` or `//!`) and the block
/// number of a placeholder line.
fn placeholder(line: &str) -> Option<(&str, &'static str, usize)> {
    let text = line.trim_end_matches('\n');
    let trimmed = text.trim_start_matches(' ');
    let indent = &text[..text.len() - trimmed.len()];
    let (prefix, rest) = if let Some(rest) = trimmed.strip_prefix("///") {
        ("///", rest)
    } else {
        ("//!", trimmed.strip_prefix("//!")?)
    };
    let index = rest.strip_prefix(MARK)?.parse().ok()?;
    Some((indent, prefix, index))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Formats `tokens` as prettyplease does, without splicing.
    fn format(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    fn doc(paragraphs: &[&str]) -> Doc {
        let mut doc = Doc::default();
        for paragraph in paragraphs {
            doc.paragraph(paragraph);
        }
        doc
    }

    #[test]
    fn spliced_docs_read_as_formatted_docs() {
        let docs = [
            doc(&[
                "The first line.\nThe second, `code` and <b>.",
                "# Resolution",
                "Retry.",
            ]),
            doc(&["One line."]),
            doc(&["```\nnot rust\n```"]),
        ];
        let slots = DocSlots::default();
        let with_slots = |doc: &Doc| slots.attrs(doc, false);
        let direct = |doc: &Doc| doc.attrs(false);
        let item = |attrs: &dyn Fn(&Doc) -> TokenStream| {
            let (enum_doc, variant_doc, field_doc) =
                (attrs(&docs[0]), attrs(&docs[1]), attrs(&docs[2]));
            quote! {
                #enum_doc
                pub enum E {
                    #variant_doc
                    V {
                        #field_doc
                        field: u8,
                    },
                }
            }
        };
        let expected = format(item(&direct));
        let spliced = slots.splice(format(item(&with_slots)));
        assert_eq!(spliced, expected);
    }

    #[test]
    fn inner_docs_are_spliced_too() {
        let slots = DocSlots::default();
        let module_doc = doc(&["The module.", "More."]);
        let spliced = slots.splice(format(slots.attrs(&module_doc, true)));
        assert_eq!(spliced, format(module_doc.attrs(true)));
        assert_eq!(spliced, "//! The module.\n//!\n//! More.\n");
    }

    #[test]
    fn a_doc_holding_the_mark_stays_tokens() {
        let slots = DocSlots::default();
        let odd = doc(&["a \u{0}0 b"]);
        assert_eq!(
            slots.attrs(&odd, false).to_string(),
            odd.attrs(false).to_string()
        );
        assert!(slots.blocks.borrow().is_empty());
    }

    #[test]
    fn empty_docs_add_nothing() {
        let slots = DocSlots::default();
        assert!(slots.attrs(&Doc::default(), false).is_empty());
    }
}
