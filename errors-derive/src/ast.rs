//! The borrowed intermediate form of the input: variants and fields with their
//! parsed attributes, keeping the original syntax for error spans.

use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, GenericArgument, Member, PathArguments, Type};

use crate::attr::{self, CodeAttrs, FieldAttrs};
use crate::errors::Errors;

/// What the derive was applied to.
pub(crate) enum Input<'a> {
    Struct(Struct<'a>),
    Enum(Enum<'a>),
}

/// A struct: one code.
pub(crate) struct Struct<'a> {
    pub(crate) original: &'a DeriveInput,
    pub(crate) attrs: CodeAttrs,
    pub(crate) fields: Vec<Field<'a>>,
}

/// An enum: one code per variant.
pub(crate) struct Enum<'a> {
    pub(crate) original: &'a DeriveInput,
    pub(crate) variants: Vec<Variant<'a>>,
}

/// One variant of an enum.
pub(crate) struct Variant<'a> {
    pub(crate) original: &'a syn::Variant,
    pub(crate) attrs: CodeAttrs,
    pub(crate) fields: Vec<Field<'a>>,
}

/// One field of a struct or variant.
pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    /// `name` or `0`.
    pub(crate) member: Member,
    /// The name used in templates and as the param name (`r#type` is `type`).
    pub(crate) name: String,
    pub(crate) attrs: FieldAttrs,
    /// `T` when the field's type is written `Option<T>`.
    pub(crate) option_inner: Option<&'a Type>,
}

/// A struct or a variant: what one code is derived from.
pub(crate) struct Code<'i, 'a> {
    /// The variant's identifier, `None` for a struct.
    pub(crate) variant: Option<&'a syn::Ident>,
    pub(crate) attrs: &'i CodeAttrs,
    pub(crate) fields: &'i [Field<'a>],
    /// Where errors about the code as a whole point.
    pub(crate) span_tokens: proc_macro2::TokenStream,
}

impl<'a> Input<'a> {
    /// Parses `input`, recording every attribute problem in `errors`.
    pub(crate) fn from_syn(input: &'a DeriveInput, errors: &mut Errors) -> Option<Self> {
        match &input.data {
            Data::Struct(data) => Some(Input::Struct(Struct {
                original: input,
                attrs: attr::code_attrs(&input.attrs, errors),
                fields: Field::all(&data.fields, errors),
            })),
            Data::Enum(data) => {
                attr::reject_on_enum(&input.attrs, errors);
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| Variant {
                        original: variant,
                        attrs: attr::code_attrs(&variant.attrs, errors),
                        fields: Field::all(&variant.fields, errors),
                    })
                    .collect();
                Some(Input::Enum(Enum {
                    original: input,
                    variants,
                }))
            }
            Data::Union(data) => {
                errors.spanned(
                    data.union_token,
                    "`ApiError` cannot be derived for a union: use an enum with one variant per error, or a struct",
                );
                None
            }
        }
    }

    /// The original input.
    pub(crate) fn original(&self) -> &'a DeriveInput {
        match self {
            Input::Struct(s) => s.original,
            Input::Enum(e) => e.original,
        }
    }

    /// Every code: the struct, or each variant in order.
    pub(crate) fn codes(&self) -> Vec<Code<'_, 'a>> {
        match self {
            Input::Struct(s) => vec![Code {
                variant: None,
                attrs: &s.attrs,
                fields: &s.fields,
                span_tokens: s.original.ident.to_token_stream(),
            }],
            Input::Enum(e) => e
                .variants
                .iter()
                .map(|v| Code {
                    variant: Some(&v.original.ident),
                    attrs: &v.attrs,
                    fields: &v.fields,
                    span_tokens: v.original.ident.to_token_stream(),
                })
                .collect(),
        }
    }
}

impl<'a> Field<'a> {
    fn all(fields: &'a syn::Fields, errors: &mut Errors) -> Vec<Self> {
        fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let (member, name) = match &field.ident {
                    Some(ident) => (Member::Named(ident.clone()), ident.unraw().to_string()),
                    None => (Member::Unnamed(syn::Index::from(index)), index.to_string()),
                };
                Field {
                    original: field,
                    member,
                    name,
                    attrs: attr::field_attrs(&field.attrs, errors),
                    option_inner: option_inner(&field.ty),
                }
            })
            .collect()
    }

    /// Whether this field holds the source error.
    pub(crate) fn is_source(&self) -> bool {
        self.attrs.source.is_some() || self.attrs.from.is_some()
    }

    /// Whether this field is a param: everything except the source and the field errors.
    pub(crate) fn is_param(&self) -> bool {
        !self.is_source() && self.attrs.fields.is_none()
    }

    /// Whether this is a tuple field.
    pub(crate) fn is_positional(&self) -> bool {
        matches!(self.member, Member::Unnamed(_))
    }
}

/// `T` for a type written `Option<T>`, `std::option::Option<T>` or `core::option::Option<T>`.
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let segments: Vec<_> = path.path.segments.iter().collect();
    let last = segments.last()?;
    let prefix_ok = match segments.len() {
        1 => path.path.leading_colon.is_none(),
        3 => {
            ["std", "core"].iter().any(|root| segments[0].ident == root)
                && segments[1].ident == "option"
        }
        _ => false,
    };
    if !prefix_ok || last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}
