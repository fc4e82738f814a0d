//! Snapshots of whole expansions, formatted, so that a reviewer sees exactly
//! what the derive writes into users' crates.

use quote::quote;

/// Expands `input` and formats the result as Rust source.
fn expand(input: proc_macro2::TokenStream) -> String {
    let input: syn::DeriveInput = syn::parse2(input).expect("a derive input");
    let output = crate::expand::derive(&input);
    let file: syn::File = syn::parse2(output).expect("the expansion parses as items");
    prettyplease::unparse(&file)
}

#[test]
fn enum_with_every_attribute() {
    insta::assert_snapshot!(expand(quote! {
        pub enum RateLimitError {
            #[api(code = "rate_limit_exceeded", status = 429, retryable,
                  message = "Rate limit exceeded. Please retry after {retry_after} seconds.",
                  public_message = "Rate limit exceeded")]
            RateLimitExceeded {
                #[api(header = "Retry-After")] retry_after: std::time::Duration,
                #[api(detail = "limit", header = "X-RateLimit-Limit")] limit: u32,
                #[api(detail)] remaining: u32,
                #[api(sensitive)] internal: String,
                reason: Option<String>,
                #[api(fields)] fields: errors_core::FieldErrors,
                #[source] cause: std::io::Error,
            },
            #[api(code = "access_denied", status = 403, message = "Access denied")]
            AccessDenied,
            #[api(code = "not_found", status = 404, message = "{0} not found")]
            NotFound(String),
            #[api(code = "upstream_failed", status = 502, message = "upstream failed")]
            Upstream(#[from] std::io::Error),
        }
    }));
}

#[test]
fn generic_struct() {
    insta::assert_snapshot!(expand(quote! {
        #[api(code = "missing_item", status = 404, message = "missing {item} ({{id}})")]
        pub struct Missing<T> where T: Clone {
            #[api(detail)]
            item: T,
        }
    }));
}

#[test]
fn errors_come_with_stub_impls() {
    insta::assert_snapshot!(expand(quote! {
        enum Broken {
            #[api(code = "Bad", status = 200, message = "{nope}")]
            Variant,
        }
    }));
}
