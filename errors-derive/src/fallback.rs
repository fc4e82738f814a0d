//! Stub impls emitted next to compile errors, so that a mistake in the
//! attributes shows as that one error rather than as a cascade of "`ApiError`
//! is not implemented" errors wherever the type is used.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// `Display`, `Error` and `ApiError` impls whose bodies are never run: the
/// crate does not compile while the derive reports an error.
pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
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
    }
}
