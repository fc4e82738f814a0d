//! `CatalogError::from_parts`: builds the typed error of a code from the
//! param values a client received, for `errors_core::client`.
//!
//! Each arm first checks every param of its code with `Parts::check_required`
//! or `Parts::check_optional` (the field's Rust type, inferred from the
//! `Parts::take_checked` that takes the value, picks the conversion) and the
//! field errors with `Parts::check_field_errors`, then takes the values out:
//! a construction that fails leaves the parts as they were, one that succeeds
//! moves their text instead of copying it. A retired code, which has no
//! variant, gives `FromPartsError::retired`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{code_ident, domain_ident, domain_variant_ident, field_ident};
use crate::model::{Catalog, Code, Domain};

/// The `impl CatalogError { pub fn from_parts(..) }` block.
pub(super) fn items(catalog: &Catalog) -> TokenStream {
    let arms = catalog
        .domains
        .iter()
        .flat_map(|domain| domain.codes.iter().map(move |code| arm(domain, code)));
    items_with_arms(catalog, arms)
}

/// [`items`] with `arms` in its match, for formatting the arms in pieces
/// (`super::match_arms`).
pub(super) fn items_with_arms(
    catalog: &Catalog,
    arms: impl Iterator<Item = TokenStream>,
) -> TokenStream {
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
            /// errors a client received (see `errors_core::client`),
            /// taking the values it uses out of `parts`; when it fails,
            /// `parts` is left as it was.
            ///
            /// # Errors
            ///
            /// When a required param or the field errors are missing, when a
            /// value does not have its param's type, or when `code` is
            /// retired and so has no variant.
            pub fn from_parts(
                code: Code,
                parts: &mut ::errors_core::client::Parts,
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
pub(super) fn arm(domain: &Domain, code: &Code) -> TokenStream {
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
    let checked = |param: &crate::model::Param| format_ident!("checked_{}", param.name.as_str());
    let checks = code.params.iter().map(|param| {
        let name = param.name.as_str();
        let local = checked(param);
        if param.optional {
            quote!(let #local = parts.check_optional(#id, #name)?;)
        } else {
            quote!(let #local = parts.check_required(#id, #name)?;)
        }
    });
    let field_check = code.fields.then(|| quote!(parts.check_field_errors(#id)?;));
    let inits = code.params.iter().map(|param| {
        let field = field_ident(&param.name);
        let local = checked(param);
        quote!(#field: parts.take_checked(#local),)
    });
    let fields = code
        .fields
        .then(|| quote!(fields: parts.take_field_errors().unwrap_or_default(),));
    if code.params.is_empty() && !code.fields {
        return quote!(Code::#variant => CatalogError::#wrapper(#ty::#variant),);
    }
    quote! {
        Code::#variant => {
            #(#checks)*
            #field_check
            CatalogError::#wrapper(#ty::#variant { #(#inits)* #fields })
        }
    }
}
