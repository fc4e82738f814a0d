//! `CatalogError::from_parts`: builds the typed error of a code from the
//! param values a client received, for `errors_core::client`.
//!
//! Each arm converts every param of its code with `Parts::required` or
//! `Parts::optional` (the field's Rust type picks the conversion) and the field
//! errors with `Parts::required_field_errors`; a retired code, which has no
//! variant, gives `FromPartsError::retired`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{code_ident, domain_ident, domain_variant_ident, field_ident};
use crate::model::{Catalog, Code, Domain};

/// The `impl CatalogError { pub fn from_parts(..) }` block.
pub(super) fn items(catalog: &Catalog) -> TokenStream {
    let arms = catalog
        .domains
        .iter()
        .flat_map(|domain| domain.codes.iter().map(move |code| arm(domain, code)));
    let uses_parts = catalog
        .domains
        .iter()
        .flat_map(|domain| &domain.codes)
        .any(|code| code.retired.is_none() && (code.fields || !code.params.is_empty()));
    let unused = (!uses_parts).then(|| quote!(let _ = parts;));
    quote! {
        #[allow(deprecated)]
        impl CatalogError {
            /// Builds the error of `code` from the param values and field
            /// errors a client received (see `errors_core::client`).
            ///
            /// # Errors
            ///
            /// When a required param or the field errors are missing, when a
            /// value does not have its param's type, or when `code` is
            /// retired and so has no variant.
            pub fn from_parts(
                code: Code,
                parts: &::errors_core::client::Parts,
            ) -> ::core::result::Result<Self, ::errors_core::client::FromPartsError> {
                #unused
                let error = match code {
                    #(#arms)*
                };
                ::core::result::Result::Ok(error)
            }
        }
    }
}

/// The match arm of one code.
fn arm(domain: &Domain, code: &Code) -> TokenStream {
    let variant = code_ident(code);
    let id = code.id.as_str();
    if code.retired.is_some() {
        return quote! {
            Code::#variant => {
                return ::core::result::Result::Err(
                    ::errors_core::client::FromPartsError::retired(#id),
                );
            }
        };
    }
    let wrapper = domain_variant_ident(domain);
    let ty = domain_ident(domain);
    let inits = code.params.iter().map(|param| {
        let field = field_ident(&param.name);
        let name = param.name.as_str();
        let method = if param.optional {
            quote!(optional)
        } else {
            quote!(required)
        };
        quote!(#field: parts.#method(#id, #name)?,)
    });
    let fields = code
        .fields
        .then(|| quote!(fields: parts.required_field_errors(#id)?,));
    let value = if code.params.is_empty() && !code.fields {
        quote!(#ty::#variant)
    } else {
        quote!(#ty::#variant { #(#inits)* #fields })
    };
    quote!(Code::#variant => CatalogError::#wrapper(#value),)
}
