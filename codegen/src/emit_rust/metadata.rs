//! The static metadata table: one `errors_core::CodeInfo` per code, in the
//! order of the `Code` enum.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::values;
use crate::model::{Catalog, Code, Domain, Example, Param};

/// `pub static CODES: &[CodeInfo]`.
pub(super) fn items(catalog: &Catalog) -> TokenStream {
    let infos = catalog
        .codes_with_domain()
        .map(|(domain, code)| code_info(domain, code));
    quote! {
        /// Everything the catalog says about every code, retired ones
        /// included, in the order of [`Code::ALL`]; [`Code::info`] indexes it.
        pub static CODES: &[::errors_core::CodeInfo] = &[#(#infos),*];
    }
}

/// `Some(text)` or `None`.
fn optional_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    }
}

fn code_info(domain: &Domain, code: &Code) -> TokenStream {
    let id = code.id.as_str();
    let status = Literal::u16_unsuffixed(code.status);
    let domain = domain.name.as_str();
    let message = code.message.raw.as_str();
    let public_message = optional_str(code.public_message.as_ref().map(|t| t.raw.as_str()));
    let description = optional_str(code.description.as_deref());
    let resolution = code.resolution.as_str();
    let retryable = code.retryable;
    let since = optional_str(code.since.as_deref());
    let deprecated = match &code.deprecated {
        Some(deprecated) => {
            let replacement = optional_str(deprecated.replacement.as_ref().map(|r| r.as_str()));
            let note = optional_str(deprecated.note.as_deref());
            quote!(::core::option::Option::Some(::errors_core::DeprecationInfo {
                replacement: #replacement,
                note: #note,
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let retired = match &code.retired {
        Some(retired) => {
            let since = retired.since.as_str();
            let note = retired.note.as_str();
            quote!(::core::option::Option::Some(::errors_core::RetirementInfo {
                since: #since,
                note: #note,
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let aliases = code.aliases.iter().map(|alias| alias.as_str());
    let fields = code.fields;
    let params = code.params.iter().map(param_info);
    let examples = code
        .examples
        .iter()
        .map(|example| example_info(code, example));
    quote! {
        ::errors_core::CodeInfo {
            id: #id,
            status: ::errors_core::__private::status(#status),
            domain: #domain,
            message: #message,
            public_message: #public_message,
            description: #description,
            resolution: #resolution,
            retryable: #retryable,
            since: #since,
            deprecated: #deprecated,
            retired: #retired,
            aliases: &[#(#aliases),*],
            fields: #fields,
            params: &[#(#params),*],
            examples: &[#(#examples),*],
        }
    }
}

fn param_info(param: &Param) -> TokenStream {
    let name = param.name.as_str();
    let ty = values::param_type_path(param.ty);
    let description = param.description.as_str();
    let optional = param.optional;
    let sensitive = param.sensitive;
    let detail = optional_str(param.detail.as_ref().map(|d| d.as_str()));
    let header = optional_str(param.header.as_ref().map(|h| h.as_str()));
    quote! {
        ::errors_core::ParamInfo {
            name: #name,
            ty: #ty,
            description: #description,
            optional: #optional,
            sensitive: #sensitive,
            detail: #detail,
            header: #header,
        }
    }
}

fn example_info(code: &Code, example: &Example) -> TokenStream {
    let name = example.name.as_str();
    let description = optional_str(example.description.as_deref());
    let params = values::example_json(code, example);
    let fields = values::sorted_fields(example)
        .into_iter()
        .map(|(field, messages)| {
            let messages = messages.iter().map(String::as_str);
            quote!((#field, &[#(#messages),*]))
        });
    quote! {
        ::errors_core::ExampleInfo {
            name: #name,
            description: #description,
            params: #params,
            fields: &[#(#fields),*],
        }
    }
}
