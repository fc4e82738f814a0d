//! A file whose one long `match` is formatted in pieces, so that the pieces
//! can be formatted on several cores.
//!
//! prettyplease lays out each arm of a match on lines of its own, from the
//! arm's indentation and content alone, so the arms of a match can be
//! formatted in groups, each group inside the same surrounding code, and
//! their lines put together in the surrounding code formatted with one
//! placeholder arm: the text is the same as formatting the whole file at
//! once (the tests check it), for the same total work split into pieces.
//! `CatalogError::from_parts`, an arm per code, is such a file.

use proc_macro2::TokenStream;
use quote::quote;

/// The pattern of the placeholder arm.
const PLACEHOLDER: &str = "__error_catalog_arms";

/// The placeholder arm to format the surrounding code with.
pub(super) fn placeholder() -> TokenStream {
    let pattern = proc_macro2::Ident::new(PLACEHOLDER, proc_macro2::Span::call_site());
    quote!(#pattern => ::core::unreachable!(),)
}

/// Where the arms go in the formatted surrounding code: the lines around
/// the placeholder arm.
pub(super) struct Frame<'a> {
    /// The formatted code with the placeholder arm.
    skeleton: &'a str,
    /// The byte range of the placeholder's line in `skeleton`.
    placeholder: std::ops::Range<usize>,
    /// The line that opens the match (`... match x {`), newline included.
    open: &'a str,
    /// The line that closes it, newline included.
    close: &'a str,
}

impl<'a> Frame<'a> {
    /// The frame of `skeleton`, formatted with [`placeholder`] as the only
    /// arm of its match; `None` if the placeholder is not on a line of its
    /// own between the match's lines.
    pub(super) fn of(skeleton: &'a str) -> Option<Frame<'a>> {
        let mut offset = 0;
        let lines: Vec<(usize, &str)> = skeleton
            .split_inclusive('\n')
            .map(|line| {
                let start = offset;
                offset += line.len();
                (start, line)
            })
            .collect();
        let index = lines.iter().position(|(_, line)| {
            line.trim_start()
                .strip_prefix(PLACEHOLDER)
                .is_some_and(|rest| rest.starts_with(" => "))
        })?;
        let (start, line) = lines[index];
        let (_, open) = *lines.get(index.checked_sub(1)?)?;
        let (_, close) = *lines.get(index + 1)?;
        if !open.trim_end().ends_with('{') {
            return None;
        }
        // The opening line must identify the match in formatted pieces.
        if lines.iter().filter(|(_, other)| *other == open).count() != 1 {
            return None;
        }
        Some(Frame {
            skeleton,
            placeholder: start..start + line.len(),
            open,
            close,
        })
    }

    /// The lines of the arms in `formatted`, the same surrounding code
    /// formatted with some arms instead of the placeholder.
    pub(super) fn arms<'f>(&self, formatted: &'f str) -> Option<&'f str> {
        let mut offset = 0;
        let mut start = None;
        for line in formatted.split_inclusive('\n') {
            match start {
                None if line == self.open => start = Some(offset + line.len()),
                Some(start) if line == self.close => return Some(&formatted[start..offset]),
                _ => {}
            }
            offset += line.len();
        }
        None
    }

    /// The skeleton with the placeholder's line replaced by `arms`, in
    /// order.
    pub(super) fn splice<'s>(&self, arms: impl Iterator<Item = &'s str>) -> String {
        let mut out = String::with_capacity(self.skeleton.len());
        out.push_str(&self.skeleton[..self.placeholder.start]);
        for text in arms {
            out.push_str(text);
        }
        out.push_str(&self.skeleton[self.placeholder.end..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit_rust::doc_slots::DocSlots;
    use crate::emit_rust::{format_items, from_parts};

    /// `from_parts` of `catalog` formatted in pieces of `size` codes.
    fn in_pieces(catalog: &crate::model::Catalog, size: usize) -> String {
        let format = |tokens| format_items(tokens, &DocSlots::default());
        let skeleton = format(from_parts::items_with_arms(
            catalog,
            std::iter::once(placeholder()),
        ));
        let frame = Frame::of(&skeleton).expect("the placeholder is found");
        let codes: Vec<_> = catalog
            .domains
            .iter()
            .flat_map(|domain| domain.codes.iter().map(move |code| (domain, code)))
            .collect();
        let pieces: Vec<String> = codes
            .chunks(size)
            .map(|chunk| {
                format(from_parts::items_with_arms(
                    catalog,
                    chunk
                        .iter()
                        .map(|(domain, code)| from_parts::arm(domain, code)),
                ))
            })
            .collect();
        let arms: Vec<&str> = pieces
            .iter()
            .map(|piece| frame.arms(piece).expect("the piece has the match"))
            .collect();
        frame.splice(arms.into_iter())
    }

    #[test]
    fn from_parts_in_pieces_is_from_parts_at_once() {
        for (codes, size) in [(1, 1), (7, 3), (60, 7), (300, 64)] {
            let loaded = crate::load_sources(crate::synth::synthetic_catalog(codes, 100));
            assert!(!loaded.diagnostics.has_errors());
            let whole = format_items(from_parts::items(&loaded.catalog), &DocSlots::default());
            assert_eq!(in_pieces(&loaded.catalog, size), whole, "{codes} codes");
        }
    }

    #[test]
    fn a_skeleton_without_the_placeholder_has_no_frame() {
        assert!(Frame::of("fn f() {\n    match x {\n        a => b,\n    }\n}\n").is_none());
    }
}
