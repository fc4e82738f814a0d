//! Emits the impls for a checked input: `Display`, `std::error::Error`,
//! `errors_core::ApiError`, `From` for `#[from]` fields, and the call that
//! adds the web framework impls errors-core's features ask for.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, WherePredicate};

use crate::ast::{Code, Field, Input};
use crate::errors::Errors;
use crate::fmt::{Segment, Template};
use crate::{fallback, valid};

/// The whole derive: parse, check, then emit, or emit every error and stubs.
pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let parsed = Input::from_syn(input, &mut errors);
    if let Some(parsed) = &parsed {
        valid::check(parsed, &mut errors);
    }
    match (errors.finish(), parsed) {
        (Ok(()), Some(parsed)) => expand(&parsed),
        (Err(error), None) => error.into_compile_error(),
        (Err(error), Some(_)) => {
            let mut tokens = error.into_compile_error();
            tokens.extend(fallback::expand(input));
            tokens
        }
        (Ok(()), None) => fallback::expand(input),
    }
}

/// Local names of the generated functions; mixed-site hygiene keeps them
/// apart from the user's field names.
struct Names {
    out: Ident,
    visitor: Ident,
    audience: Ident,
    value: Ident,
}

impl Names {
    fn new() -> Self {
        let ident = |name: &str| Ident::new(name, Span::mixed_site());
        Self {
            out: ident("out"),
            visitor: ident("visitor"),
            audience: ident("audience"),
            value: ident("value"),
        }
    }
}

/// The binding of the field at `index` in a pattern.
fn binding(index: usize) -> Ident {
    format_ident!("field{}", index, span = Span::mixed_site())
}

fn expand(input: &Input<'_>) -> TokenStream {
    let original = input.original();
    let ident = &original.ident;
    let codes = input.codes();
    let names = Names::new();
    let (impl_generics, ty_generics, _) = original.generics.split_for_impl();
    let predicates = where_predicates(original, &codes);
    let where_clause = if predicates.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#predicates,)*)
    };
    let head = |trait_path: TokenStream| {
        quote! {
            #[automatically_derived]
            #[allow(deprecated)]
            impl #impl_generics #trait_path for #ident #ty_generics #where_clause
        }
    };

    let out = &names.out;
    let display_body = dispatch(input, &codes, |code| {
        let template = code
            .attrs
            .message
            .as_ref()
            .expect("checked: every code has a message");
        (used_in(code, &[template]), writes(template, code, out))
    });
    let display = head(quote!(::core::fmt::Display));

    let error = head(quote!(::std::error::Error));
    let source = codes
        .iter()
        .any(|c| c.fields.iter().any(Field::is_source))
        .then(|| {
            let body = dispatch(input, &codes, |code| {
                let used = code.fields.iter().map(Field::is_source).collect();
                let body = match code.fields.iter().position(Field::is_source) {
                    Some(index) => {
                        let field = binding(index);
                        let ty = &code.fields[index].original.ty;
                        quote_spanned!(ty.span()=> ::core::option::Option::Some(#field.as_dyn_error()))
                    }
                    None => quote!(::core::option::Option::None),
                };
                (used, body)
            });
            quote! {
                fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                    use ::errors_core::__private::AsDynError as _;
                    #body
                }
            }
        });

    let api_error = head(quote!(::errors_core::ApiError));
    let code_body = dispatch(input, &codes, |code| {
        let lit = code
            .attrs
            .code
            .as_ref()
            .expect("checked: every code has a code");
        (no_bindings(code), lit.to_token_stream())
    });
    let status_body = dispatch(input, &codes, |code| {
        let status = code
            .attrs
            .status
            .as_ref()
            .expect("checked: every code has a status");
        let lit = syn::LitInt::new(&status.value.to_string(), status.lit.span());
        (
            no_bindings(code),
            quote!(const { ::errors_core::__private::status(#lit) }),
        )
    });
    // The codes and statuses, for the responses errors-core documents.
    let documented = codes.iter().map(|code| {
        let id = code
            .attrs
            .code
            .as_ref()
            .expect("checked: every code has a code");
        let status = code
            .attrs
            .status
            .as_ref()
            .expect("checked: every code has a status");
        let status = syn::LitInt::new(&status.value.to_string(), status.lit.span());
        quote!(#id => #status)
    });
    let retryable = codes
        .iter()
        .any(|c| c.attrs.retryable == Some(true))
        .then(|| {
            let body = match input {
                Input::Struct(_) => quote!(true),
                Input::Enum(_) => {
                    let patterns = codes
                        .iter()
                        .filter(|c| c.attrs.retryable == Some(true))
                        .map(|c| {
                            let variant = c.variant;
                            quote!(Self::#variant { .. })
                        });
                    quote!(::core::matches!(self, #(#patterns)|*))
                }
            };
            quote! {
                fn retryable(&self) -> bool {
                    #body
                }
            }
        });
    let any_public = codes.iter().any(|c| c.attrs.public_message.is_some());
    let audience = &names.audience;
    let audience_param = if any_public {
        audience.to_token_stream()
    } else {
        quote!(_)
    };
    let message_body = dispatch(input, &codes, |code| {
        let admin = code
            .attrs
            .message
            .as_ref()
            .expect("checked: every code has a message");
        match &code.attrs.public_message {
            Some(public) => {
                let admin_writes = writes(admin, code, out);
                let public_writes = writes(public, code, out);
                (
                    used_in(code, &[admin, public]),
                    quote! {
                        match #audience {
                            ::errors_core::Audience::Admin => { #admin_writes }
                            ::errors_core::Audience::Public => { #public_writes }
                        }
                    },
                )
            }
            None => (used_in(code, &[admin]), writes(admin, code, out)),
        }
    });
    let visit_params = codes
        .iter()
        .any(|c| c.fields.iter().any(Field::is_param))
        .then(|| {
            let visitor = &names.visitor;
            let body = dispatch(input, &codes, |code| {
                let used = code.fields.iter().map(Field::is_param).collect();
                let visits = code
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.is_param())
                    .map(|(index, field)| visit(field, index, &names));
                (used, quote!(#(#visits)*))
            });
            quote! {
                fn visit_params(&self, #visitor: &mut dyn ::errors_core::ParamVisitor) {
                    #body
                }
            }
        });
    let field_errors = codes
        .iter()
        .any(|c| c.fields.iter().any(|f| f.attrs.fields.is_some()))
        .then(|| {
            let body = dispatch(input, &codes, |code| {
                let used = code
                    .fields
                    .iter()
                    .map(|f| f.attrs.fields.is_some())
                    .collect();
                let body = match code.fields.iter().position(|f| f.attrs.fields.is_some()) {
                    Some(index) => {
                        let field = binding(index);
                        let ty = &code.fields[index].original.ty;
                        let call = quote_spanned!(ty.span()=>
                            <#ty as ::errors_core::__private::FieldErrorsField>::field_errors);
                        quote!(#call(#field))
                    }
                    None => quote!(::core::option::Option::None),
                };
                (used, body)
            });
            quote! {
                fn field_errors(&self) -> ::core::option::Option<&::errors_core::FieldErrors> {
                    #body
                }
            }
        });

    let froms = codes.iter().filter_map(|code| {
        let field = code.fields.iter().find(|f| f.attrs.from.is_some())?;
        let ty = &field.original.ty;
        let source = Ident::new("source", Span::mixed_site());
        let path = match code.variant {
            Some(variant) => quote!(Self::#variant),
            None => quote!(Self),
        };
        let construct = match &field.member {
            syn::Member::Named(name) => quote!(#path { #name: #source }),
            syn::Member::Unnamed(_) => quote!(#path(#source)),
        };
        let from = head(quote!(::core::convert::From<#ty>));
        Some(quote! {
            #from {
                fn from(#source: #ty) -> Self {
                    #construct
                }
            }
        })
    });

    quote! {
        #display {
            fn fmt(&self, #out: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #display_body
            }
        }

        #error {
            #source
        }

        #api_error {
            fn code(&self) -> &'static str {
                #code_body
            }

            fn status(&self) -> ::errors_core::http::StatusCode {
                #status_body
            }

            #retryable

            fn write_message(
                &self,
                #audience_param: ::errors_core::Audience,
                #out: &mut dyn ::core::fmt::Write,
            ) -> ::core::fmt::Result {
                #message_body
            }

            #visit_params

            #field_errors
        }

        #(#froms)*

        ::errors_core::__private::impl_framework_integration! {
            impl [#impl_generics] for [#ident #ty_generics] where [#(#predicates,)*]
            codes [#(#documented),*]
        }
    }
}

/// Matches `self` against each code (or destructures a struct), binding the
/// fields `arm` asks for, and runs the body `arm` returns for that code.
fn dispatch(
    input: &Input<'_>,
    codes: &[Code<'_, '_>],
    arm: impl Fn(&Code<'_, '_>) -> (Vec<bool>, TokenStream),
) -> TokenStream {
    let pattern = |code: &Code<'_, '_>, used: &[bool]| {
        let bindings = code
            .fields
            .iter()
            .enumerate()
            .filter(|(index, _)| used[*index])
            .map(|(index, field)| {
                let member = &field.member;
                let binding = binding(index);
                quote!(#member: #binding)
            });
        let path = match code.variant {
            Some(variant) => quote!(Self::#variant),
            None => quote!(Self),
        };
        (used.iter().any(|u| *u), quote!(#path { #(#bindings,)* .. }))
    };
    match input {
        Input::Struct(_) => {
            let code = &codes[0];
            let (used, body) = arm(code);
            let (binds, pattern) = pattern(code, &used);
            if binds {
                quote! {
                    let #pattern = self;
                    #body
                }
            } else {
                body
            }
        }
        Input::Enum(_) if codes.is_empty() => quote!(match *self {}),
        Input::Enum(_) => {
            let arms = codes.iter().map(|code| {
                let (used, body) = arm(code);
                let (_, pattern) = pattern(code, &used);
                quote!(#pattern => { #body })
            });
            quote! {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// Binds no field.
fn no_bindings(code: &Code<'_, '_>) -> Vec<bool> {
    vec![false; code.fields.len()]
}

/// Binds the fields that appear in `templates`.
fn used_in(code: &Code<'_, '_>, templates: &[&Template]) -> Vec<bool> {
    code.fields
        .iter()
        .map(|field| {
            templates
                .iter()
                .any(|t| t.placeholders().any(|name| name == field.name))
        })
        .collect()
}

/// The statements that write `template` to `out`, ending in a `fmt::Result`.
fn writes(template: &Template, code: &Code<'_, '_>, out: &Ident) -> TokenStream {
    if let [Segment::Text(text)] = template.segments.as_slice() {
        return quote!(::core::fmt::Write::write_str(#out, #text));
    }
    let statements = template.segments.iter().map(|segment| match segment {
        Segment::Text(text) => quote!(::core::fmt::Write::write_str(#out, #text)?;),
        Segment::Placeholder(name) => {
            let index = code
                .fields
                .iter()
                .position(|f| f.name == *name)
                .expect("checked: placeholders name fields");
            let field = &code.fields[index];
            let binding = binding(index);
            if field.is_source() {
                quote!(::core::fmt::Write::write_fmt(#out, ::core::format_args!("{}", #binding))?;)
            } else {
                let value = Ident::new("value", Span::mixed_site());
                match field.option_inner {
                    Some(inner) => {
                        let write = write_param(out, &value, inner);
                        quote! {
                            if let ::core::option::Option::Some(#value) = #binding {
                                #write
                            }
                        }
                    }
                    None => write_param(out, &binding, &field.original.ty),
                }
            }
        }
    });
    quote! {
        #(#statements)*
        ::core::result::Result::Ok(())
    }
}

/// Writes one param value; a type error points at the field's type.
fn write_param(out: &Ident, value: &Ident, ty: &syn::Type) -> TokenStream {
    let to_value =
        quote_spanned!(ty.span()=> <#ty as ::errors_core::IntoParamValue>::to_param_value);
    quote!(::errors_core::__private::write_param(#out, #to_value(#value))?;)
}

/// Visits the param in `field`.
fn visit(field: &Field<'_>, index: usize, names: &Names) -> TokenStream {
    let visitor = &names.visitor;
    let name = &field.name;
    let attrs = &field.attrs;
    let detail = match &attrs.detail {
        Some(detail) => {
            let member = detail
                .name
                .as_ref()
                .map_or_else(|| field.name.clone(), syn::LitStr::value);
            quote!(::core::option::Option::Some(#member))
        }
        None => quote!(::core::option::Option::None),
    };
    let header = match &attrs.header {
        Some(lit) => quote!(::core::option::Option::Some(#lit)),
        None => quote!(::core::option::Option::None),
    };
    let sensitive = attrs.sensitive.is_some();
    let (value, ty) = match field.option_inner {
        Some(inner) => (names.value.clone(), inner),
        None => (binding(index), &field.original.ty),
    };
    let to_value =
        quote_spanned!(ty.span()=> <#ty as ::errors_core::IntoParamValue>::to_param_value);
    let call = quote! {
        ::errors_core::ParamVisitor::visit(#visitor, ::errors_core::Param {
            name: #name,
            value: #to_value(#value),
            detail: #detail,
            header: #header,
            sensitive: #sensitive,
        });
    };
    match field.option_inner {
        Some(_) => {
            let binding = binding(index);
            quote! {
                if let ::core::option::Option::Some(#value) = #binding {
                    #call
                }
            }
        }
        None => call,
    }
}

/// The user's where predicates, plus bounds for fields whose types mention a
/// type parameter, plus `Self: Debug` for generic types (`Error` needs it).
fn where_predicates(input: &DeriveInput, codes: &[Code<'_, '_>]) -> Vec<WherePredicate> {
    let mut predicates: Vec<WherePredicate> = input
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter().cloned())
        .collect();
    let params: Vec<&Ident> = input.generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        return predicates;
    }
    for field in codes.iter().flat_map(|c| c.fields.iter()) {
        if !mentions(&field.original.ty.to_token_stream(), &params) {
            continue;
        }
        let ty = field.option_inner.unwrap_or(&field.original.ty);
        let bound: WherePredicate = if field.is_source() {
            syn::parse_quote!(#ty: ::std::error::Error + 'static)
        } else if field.attrs.fields.is_some() {
            continue;
        } else {
            syn::parse_quote!(#ty: ::errors_core::IntoParamValue)
        };
        predicates.push(bound);
    }
    predicates.push(syn::parse_quote!(Self: ::core::fmt::Debug));
    predicates
}

/// Whether `tokens` contains one of `params`.
fn mentions(tokens: &TokenStream, params: &[&Ident]) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => params.iter().any(|p| **p == ident),
        proc_macro2::TokenTree::Group(group) => mentions(&group.stream(), params),
        _ => false,
    })
}
