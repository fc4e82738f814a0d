//! Stub impls emitted next to compile errors, so that a mistake in the
//! attributes shows as that one error rather than as a cascade of "`ApiError`
//! is not implemented" errors wherever the type is used.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, WherePredicate};

/// `Display`, `Error`, `ApiError` and framework impls whose bodies are never
/// run: the crate does not compile while the derive reports an error.
pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let mut predicates: Vec<WherePredicate> = input
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter().cloned())
        .collect();
    if input.generics.type_params().next().is_some() {
        // Keeps a derived `Debug` that needs `T: Debug` from adding errors.
        predicates.push(syn::parse_quote!(Self: ::core::fmt::Debug));
    }
    let where_clause = if predicates.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#predicates,)*)
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics ::std::error::Error for #ident #ty_generics #where_clause {}

        #[automatically_derived]
        impl #impl_generics ::errors_core::ApiError for #ident #ty_generics #where_clause {
            fn code(&self) -> &'static str {
                ::core::unreachable!()
            }

            fn status(&self) -> ::errors_core::http::StatusCode {
                ::core::unreachable!()
            }

            fn write_message(
                &self,
                _: ::errors_core::Audience,
                _: &mut dyn ::core::fmt::Write,
            ) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }

        ::errors_core::__private::impl_framework_integration! {
            impl [#impl_generics] for [#ident #ty_generics] where [#(#predicates,)*]
        }
    }
}
