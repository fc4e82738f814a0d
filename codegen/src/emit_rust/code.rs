//! The fieldless `Code` enum of every code, retired ones included: names,
//! statuses, domains, metadata and parsing by id or alias.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::code_ident;
use super::doc_slots::DocSlots;
use super::docs;
use crate::model::{Catalog, Code};

/// The `Code` enum, its impls and the sorted name table; doc blocks go
/// into `slots`.
pub(super) fn items(catalog: &Catalog, slots: &DocSlots) -> TokenStream {
    let codes: Vec<&Code> = catalog.codes().collect();
    let variants = codes.iter().enumerate().map(|(index, code)| {
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
    });
    let all = codes.iter().map(|code| {
        let ident = code_ident(code);
        quote!(Code::#ident)
    });
    let mut names: Vec<(&str, &Code)> = codes
        .iter()
        .flat_map(|code| {
            std::iter::once(code.id.as_str())
                .chain(code.aliases.iter().map(|alias| alias.as_str()))
                .map(move |name| (name, *code))
        })
        .collect();
    // By length first: a lookup then compares lengths, not text, at most
    // steps of its binary search.
    names.sort_by(|a, b| (a.0.len(), a.0).cmp(&(b.0.len(), b.0)));
    let names = names.iter().map(|(name, code)| {
        let ident = code_ident(code);
        quote!((#name, Code::#ident),)
    });
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
                CODE_NAMES
                    .binary_search_by(|(candidate, _)| {
                        (candidate.len(), *candidate).cmp(&(name.len(), name))
                    })
                    .ok()
                    .map(|index| CODE_NAMES[index].1)
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

        /// Every id and alias with its code, sorted by length, then name, for
        /// binary search.
        #[allow(deprecated)]
        static CODE_NAMES: &[(&str, Code)] = &[#(#names)*];
    }
}
