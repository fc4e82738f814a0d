//! One enum per domain: a variant per code that is still raised, with typed
//! fields and the `#[api(...)]` attributes the derive maps to HTTP.
//!
//! The file is formatted through the token pipeline with one placeholder
//! variant and one placeholder arm, which [`super::domain_text`]'s text
//! then replaces; the token form of each variant and arm stays the
//! reference that text is checked against, and the fallback it uses.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};

use super::doc_slots::DocSlots;
use super::docs::{self, Doc};
use super::{code_ident, domain_ident, domain_text, field_ident, format_items, values};
use crate::model::{Code, Domain, Example, Param};
use crate::naming;

/// The codes of `domain` that get a variant: every code but retired ones,
/// which are no longer raised and so cannot be constructed.
pub(super) fn raised_codes(domain: &Domain) -> impl Iterator<Item = &Code> {
    domain.codes.iter().filter(|code| code.retired.is_none())
}

/// The placeholder variant that [`render`] replaces with the variants.
const VARIANTS: &str = "__ErrorCatalogVariants";
/// The placeholder arm pattern that [`render`] replaces with the arms.
const ARMS: &str = "__error_catalog_arms";

/// The formatted domain file of `domain`, without the header: its enum
/// and `example` constructor, after `imports`.
pub(super) fn render(domain: &Domain, imports: TokenStream) -> String {
    let slots = DocSlots::default();
    let items = items(domain, &slots, Body::Placeholders);
    let skeleton = format_items(quote!(#imports #items), &slots);
    let variants_line = format!("    {VARIANTS},\n");
    let arms_line = format!("            {ARMS} => None,\n");
    let codes: Vec<(&Code, String)> = raised_codes(domain)
        .map(|code| (code, naming::rust_type_name(&code.id)))
        .collect();
    let mut out = String::with_capacity(skeleton.len() + codes.len() * 2048);
    for line in skeleton.split_inclusive('\n') {
        if line == variants_line {
            for (code, ident) in &codes {
                domain_text::variant(&mut out, code, ident);
            }
        } else if line == arms_line {
            for (code, ident) in &codes {
                for example in &code.examples {
                    domain_text::example_arm(&mut out, code, ident, example);
                }
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// What stands in a domain enum's body and in its `example` match.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// Every variant and arm as tokens.
    #[cfg_attr(not(test), allow(dead_code))]
    Tokens,
    /// One placeholder each, when there is anything to place.
    Placeholders,
}

/// The enum of `domain` and its `example` constructor; doc blocks go
/// into `slots`.
fn items(domain: &Domain, slots: &DocSlots, body: Body) -> TokenStream {
    let ident = domain_ident(domain);
    let doc = slots.attrs(&docs::domain_doc(domain), false);
    let variants = match body {
        Body::Tokens => raised_codes(domain)
            .map(|code| variant(code, slots))
            .collect(),
        Body::Placeholders if raised_codes(domain).next().is_some() => {
            vec![Ident::new(VARIANTS, Span::call_site()).into_token_stream()]
        }
        Body::Placeholders => Vec::new(),
    };
    let examples = examples(domain, slots, body);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, ::errors_core::ApiError)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants,)*
        }

        #examples
    }
}

/// One variant: docs, `#[deprecated]`, `#[api(...)]` and the fields,
/// without the comma that follows it.
pub(super) fn variant(code: &Code, slots: &DocSlots) -> TokenStream {
    let ident = code_ident(code);
    let doc = slots.attrs(&docs::variant_doc(code), false);
    let deprecated = code.deprecated.as_ref().map(|deprecated| {
        let note = docs::deprecation_note(deprecated);
        quote!(#[deprecated(note = #note)])
    });
    let id = code.id.as_str();
    let status = proc_macro2::Literal::u16_unsuffixed(code.status);
    let retryable = code.retryable.then(|| quote!(retryable,));
    let message = code.message.raw.as_str();
    let public_message = code.public_message.as_ref().map(|public| {
        let raw = public.raw.as_str();
        quote!(, public_message = #raw)
    });
    let api = quote! {
        #[api(code = #id, status = #status, #retryable message = #message #public_message)]
    };
    let fields: Vec<TokenStream> = code
        .params
        .iter()
        .map(|param| param_field(param, slots))
        .collect();
    let field_errors = code.fields.then(|| {
        quote! {
            /// Field-level validation messages: each field with its messages.
            #[api(fields)]
            fields: ::errors_core::FieldErrors,
        }
    });
    let body = if fields.is_empty() && field_errors.is_none() {
        TokenStream::new()
    } else {
        quote!({ #(#fields)* #field_errors })
    };
    quote! {
        #doc
        #deprecated
        #api
        #ident #body
    }
}

/// The field of one param, with its wire attributes.
fn param_field(param: &Param, slots: &DocSlots) -> TokenStream {
    let ident = field_ident(&param.name);
    let ty = values::field_type(param);
    let doc = slots.attrs(&docs::field_doc(param), false);
    let mut keys = Vec::new();
    if let Some(detail) = &param.detail {
        let member = detail.as_str();
        keys.push(quote!(detail = #member));
    }
    if let Some(header) = &param.header {
        let header = header.as_str();
        keys.push(quote!(header = #header));
    }
    if param.sensitive {
        keys.push(quote!(sensitive));
    }
    let api = (!keys.is_empty()).then(|| quote!(#[api(#(#keys),*)]));
    quote! {
        #doc
        #api
        #ident: #ty,
    }
}

/// The match arm of `example` of `code` in the domain's `example`
/// constructor.
pub(super) fn example_arm(code: &Code, example: &Example) -> TokenStream {
    let variant = code_ident(code);
    let name = example.name.as_str();
    let inits = code.params.iter().map(|param| {
        let field = field_ident(&param.name);
        let value = values::example_field(param, example);
        quote!(#field: #value,)
    });
    let fields = code.fields.then(|| {
        let value = values::example_fields(example);
        quote!(fields: #value,)
    });
    let value = if code.params.is_empty() && !code.fields {
        quote!(Self::#variant)
    } else {
        quote!(Self::#variant { #(#inits)* #fields })
    };
    quote!((Code::#variant, #name) => Some(#value),)
}

/// `impl Enum { pub fn example(code, name) -> Option<Self> }`: builds each
/// named example of the catalog as a typed value; `CatalogExamples` offers
/// them to errors-core's documented responses.
fn examples(domain: &Domain, slots: &DocSlots, body: Body) -> TokenStream {
    let ident = domain_ident(domain);
    let code_param = Ident::new("code", Span::call_site());
    let name_param = Ident::new("name", Span::call_site());
    let (mut uses_string, mut uses_duration) = (false, false);
    for code in raised_codes(domain) {
        for example in &code.examples {
            for param in &code.params {
                let (string, duration) = values::example_uses(param, example);
                uses_string |= string;
                uses_duration |= duration;
            }
        }
    }
    let arms: Vec<TokenStream> = match body {
        Body::Tokens => raised_codes(domain)
            .flat_map(|code| {
                code.examples
                    .iter()
                    .map(move |example| example_arm(code, example))
            })
            .collect(),
        Body::Placeholders if raised_codes(domain).any(|code| !code.examples.is_empty()) => {
            let placeholder = Ident::new(ARMS, Span::call_site());
            vec![quote!(#placeholder => None,)]
        }
        Body::Placeholders => Vec::new(),
    };
    let mut doc = Doc::default();
    doc.paragraph(&format!(
        "The example named `name` of `code`, as the catalog declares it; `None` when `code` is not raised by [`{ident}`] or has no such example."
    ));
    let doc = slots.attrs(&doc, false);
    let body = if arms.is_empty() {
        quote! {
            let _ = (#code_param, #name_param);
            ::core::option::Option::None
        }
    } else {
        let string = uses_string.then(|| {
            quote!(
                use ::std::string::String;
            )
        });
        let duration = uses_duration.then(|| {
            quote!(
                use ::std::time::Duration;
            )
        });
        quote! {
            use ::core::option::Option::{None, Some};
            #string
            #duration
            match (#code_param, #name_param) {
                #(#arms)*
                _ => None,
            }
        }
    };
    // A service that includes its catalog in a private module may not use
    // the examples.
    quote! {
        #[allow(deprecated, dead_code)]
        impl #ident {
            #doc
            pub fn example(#code_param: Code, #name_param: &str) -> ::core::option::Option<Self> {
                #body
            }
        }

        impl ::errors_core::__private::CatalogExamples for #ident {
            fn code_info(code: &str) -> ::core::option::Option<&'static ::errors_core::CodeInfo> {
                Code::find(code).map(Code::info)
            }

            fn catalog_example(code: &str, name: &str) -> ::core::option::Option<Self> {
                Self::example(Code::find(code)?, name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_files_are_the_same_as_through_tokens() {
        let files = crate::synth::synthetic_catalog(150, 50);
        let loaded = crate::load_sources(files);
        assert!(!loaded.diagnostics.has_errors());
        for domain in &loaded.catalog.domains {
            let imports = quote!(
                use super::super::Code;
            );
            let slots = DocSlots::default();
            let items = items(domain, &slots, Body::Tokens);
            let expected = format_items(quote!(#imports #items), &slots);
            assert_eq!(
                render(domain, imports),
                expected,
                "{}",
                domain.name.as_str()
            );
        }
    }
}
