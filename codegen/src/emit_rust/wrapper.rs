//! `CatalogError`: one enum over every domain enum, with `From` impls and
//! `ApiError` by delegation.
//!
//! The derive maps one variant to one code, and a wrapper variant stands for
//! all the codes of its domain, so the wrapper's impls are generated here as
//! plain delegation instead of through `#[derive(ApiError)]`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{domain_ident, domain_variant_ident};
use crate::model::Catalog;

/// The `CatalogError` enum and its impls.
pub(super) fn items(catalog: &Catalog) -> TokenStream {
    let domains = &catalog.domains;
    let variants = domains.iter().map(|domain| {
        let variant = domain_variant_ident(domain);
        let ty = domain_ident(domain);
        let doc = format!(" An error of the `{}` domain.", domain.name.as_str());
        quote! {
            #[doc = #doc]
            #variant(#ty),
        }
    });
    // Every code a variant raises, with its status, for the documented responses.
    let documented = domains
        .iter()
        .flat_map(super::domain::raised_codes)
        .map(|code| {
            let id = code.id.as_str();
            let status = proc_macro2::Literal::u16_unsuffixed(code.status);
            quote!(#id => #status)
        });
    let froms = domains.iter().map(|domain| {
        let variant = domain_variant_ident(domain);
        let ty = domain_ident(domain);
        quote! {
            impl ::core::convert::From<#ty> for CatalogError {
                fn from(error: #ty) -> Self {
                    CatalogError::#variant(error)
                }
            }
        }
    });
    let example_arms = domains.iter().map(|domain| {
        let variant = domain_variant_ident(domain);
        let ty = domain_ident(domain);
        let name = domain.name.as_str();
        quote!(#name => #ty::example(code, name).map(CatalogError::#variant),)
    });
    let delegate = |call: TokenStream| {
        let arms = domains.iter().map(|domain| {
            let variant = domain_variant_ident(domain);
            quote!(CatalogError::#variant(error) => #call,)
        });
        if domains.is_empty() {
            quote!(match *self {})
        } else {
            quote!(match self { #(#arms)* })
        }
    };
    let display = delegate(quote!(::core::fmt::Display::fmt(error, f)));
    let source = delegate(quote!(::std::error::Error::source(error)));
    let code = delegate(quote!(::errors_core::ApiError::code(error)));
    let status = delegate(quote!(::errors_core::ApiError::status(error)));
    let retryable = delegate(quote!(::errors_core::ApiError::retryable(error)));
    let write_message = delegate(quote!(::errors_core::ApiError::write_message(
        error, audience, out
    )));
    let visit_params = delegate(quote!(::errors_core::ApiError::visit_params(
        error, visitor
    )));
    let field_errors = delegate(quote!(::errors_core::ApiError::field_errors(error)));
    let catalog = catalog_impl();

    quote! {
        /// Any error of the catalog: one variant per domain.
        ///
        /// Every domain enum converts into it with `From` (so `?` works), and
        /// it implements `ApiError` by delegating to the domain error.
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum CatalogError {
            #(#variants)*
        }

        // A service that includes its catalog in a private module may not use
        // the examples.
        #[allow(dead_code)]
        impl CatalogError {
            /// The example named `name` of `code`, as the catalog declares
            /// it; `None` for a retired code or an unknown example.
            pub fn example(code: Code, name: &str) -> ::core::option::Option<Self> {
                match code.domain() {
                    #(#example_arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        #(#froms)*

        impl ::core::fmt::Display for CatalogError {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for CatalogError {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                #source
            }
        }

        impl ::errors_core::ApiError for CatalogError {
            fn code(&self) -> &'static str {
                #code
            }

            fn status(&self) -> ::errors_core::http::StatusCode {
                #status
            }

            fn retryable(&self) -> bool {
                #retryable
            }

            fn write_message(
                &self,
                audience: ::errors_core::Audience,
                out: &mut dyn ::core::fmt::Write,
            ) -> ::core::fmt::Result {
                #write_message
            }

            fn visit_params(&self, visitor: &mut dyn ::errors_core::ParamVisitor) {
                #visit_params
            }

            fn field_errors(&self) -> ::core::option::Option<&::errors_core::FieldErrors> {
                #field_errors
            }
        }

        impl ::errors_core::__private::CatalogExamples for CatalogError {
            fn code_info(code: &str) -> ::core::option::Option<&'static ::errors_core::CodeInfo> {
                Code::find(code).map(Code::info)
            }

            fn catalog_example(code: &str, name: &str) -> ::core::option::Option<Self> {
                Self::example(Code::find(code)?, name)
            }
        }

        ::errors_core::__private::impl_framework_integration! {
            impl [] for [CatalogError] where []
            codes [#(#documented),*]
        }

        #catalog
    }
}

/// `errors_core::Catalog` for `CatalogError`: what the runtime (the client
/// parser above all) reads of this catalog.
fn catalog_impl() -> TokenStream {
    quote! {
        #[allow(deprecated)]
        impl ::errors_core::Catalog for CatalogError {
            type Code = Code;

            fn codes() -> &'static [Code] {
                Code::ALL
            }

            fn table() -> &'static [::errors_core::CodeInfo] {
                CODES
            }

            fn info(code: Code) -> &'static ::errors_core::CodeInfo {
                code.info()
            }

            fn index(code: Code) -> usize {
                code as usize
            }

            fn find(name: &str) -> ::core::option::Option<Code> {
                Code::find(name)
            }

            fn catalog_code(&self) -> Code {
                match Code::find(::errors_core::ApiError::code(self)) {
                    ::core::option::Option::Some(code) => code,
                    ::core::option::Option::None => {
                        ::core::unreachable!("every variant's code is in the catalog's table")
                    }
                }
            }

            fn from_parts(
                code: Code,
                parts: &mut ::errors_core::client::Parts,
            ) -> ::core::result::Result<Self, ::errors_core::client::FromPartsError> {
                CatalogError::from_parts(code, parts)
            }

            fn message_templates() -> &'static ::errors_core::__private::MessageTemplates {
                static TEMPLATES: ::std::sync::OnceLock<::errors_core::__private::MessageTemplates> =
                    ::std::sync::OnceLock::new();
                TEMPLATES.get_or_init(|| ::errors_core::__private::MessageTemplates::compile(CODES))
            }
        }
    }
}
