//! `#[error_enum(...)]`: fills an empty enum with one variant per spec entry.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Data, DeriveInput};

use crate::attr::EnumArgs;
use crate::errors::Errors;
use crate::expand::{self, Target};
use crate::load::{self, Loaded};

/// The traits the generated enum always has, by path and by the name a
/// user's own `#[derive]` would use for them.
const ALWAYS_DERIVED: [(&str, &str); 6] = [
    ("Debug", "::core::fmt::Debug"),
    ("Clone", "::core::clone::Clone"),
    ("Copy", "::core::marker::Copy"),
    ("PartialEq", "::core::cmp::PartialEq"),
    ("Eq", "::core::cmp::Eq"),
    ("Hash", "::core::hash::Hash"),
];

/// Expands `#[error_enum(args)]` on `item`; problems become compile errors.
pub fn error_enum(args: TokenStream, item: TokenStream, manifest_dir: &Path) -> TokenStream {
    let mut errors = Errors::default();
    let args = EnumArgs::parse_attribute_args(args, &mut errors);
    let item = match syn::parse2::<DeriveInput>(item) {
        Ok(
            item @ DeriveInput {
                data: Data::Enum(_),
                ..
            },
        ) => item,
        Ok(other) => {
            errors.push(syn::Error::new(
                other.ident.span(),
                "#[error_enum] goes on an empty enum, such as `pub enum CommonError {}`",
            ));
            return errors
                .finish()
                .err()
                .map_or_else(TokenStream::new, syn::Error::into_compile_error);
        }
        Err(e) => {
            errors.push(e);
            return errors
                .finish()
                .err()
                .map_or_else(TokenStream::new, syn::Error::into_compile_error);
        }
    };
    match expand(args, &item, manifest_dir, errors) {
        Ok(tokens) => tokens,
        // Keep the enum so that its other uses do not add follow-on errors.
        Err(e) => {
            let error = e.into_compile_error();
            quote!(#item #error)
        }
    }
}

fn expand(
    args: EnumArgs,
    item: &DeriveInput,
    manifest_dir: &Path,
    mut errors: Errors,
) -> syn::Result<TokenStream> {
    if let Data::Enum(data) = &item.data {
        if !data.variants.is_empty() {
            errors.push(syn::Error::new_spanned(
                &data.variants,
                "#[error_enum] writes the variants from the spec: leave the enum empty, or use \
             #[derive(EssError)] to map variants you write yourself",
            ));
        }
    }
    if !item.generics.params.is_empty() {
        errors.push(syn::Error::new_spanned(
            &item.generics,
            "an error_enum cannot be generic: its variants are plain error codes",
        ));
    }
    let loaded = match &args.spec {
        None if args.malformed => None,
        None => {
            errors.push(syn::Error::new(
                proc_macro2::Span::call_site(),
                "missing spec: write #[error_enum(spec = \"spec/common.json\")] (a path relative to the \
                 crate's root) or #[error_enum(spec_json = r#\"{ ... }\"#)]",
            ));
            None
        }
        Some(spec) => load::load(spec, manifest_dir, &mut errors),
    };
    if args.service_enum.is_some() && args.operation.is_none() {
        errors.push(syn::Error::new(
            proc_macro2::Span::call_site(),
            "`service_enum` goes with `operation`: it names the enum an operation's enum converts into",
        ));
    }
    errors.finish()?;
    let Some(Loaded { spec, file, origin }) = loaded else {
        unreachable!("a spec that did not load has reported errors")
    };
    let krate = args.krate.unwrap_or_else(crate::default_crate_path);
    let Some(operation) = &args.operation else {
        return Ok(generate(item, &spec, &origin, &krate, file.as_deref()));
    };
    let sub_spec = operation_spec(&spec, &operation.value())
        .map_err(|message| syn::Error::new(operation.span(), message))?;
    let mut tokens = generate(item, &sub_spec, &origin, &krate, file.as_deref());
    if let Some(service) = &args.service_enum {
        tokens.extend(into_service(&item.ident, service, &sub_spec));
    }
    Ok(tokens)
}

/// The part of `spec` that one operation can return: the codes it
/// documents, with the statuses it gives them, and the common codes.
pub(crate) fn operation_spec(spec: &crate::Spec, name: &str) -> Result<crate::Spec, String> {
    let Some(operation) = spec.operations.iter().find(|op| op.name == name) else {
        let close =
            crate::suggest::closest(name, spec.operations.iter().map(|op| op.name.as_str()));
        let hint = close
            .map(|c| format!("; did you mean \"{c}\"?"))
            .unwrap_or_default();
        return Err(format!("the spec documents no operation \"{name}\"{hint}"));
    };
    let errors = spec
        .errors
        .iter()
        .filter_map(|def| {
            let own = operation.codes.iter().find(|(code, _)| *code == def.code);
            let common = spec.common.contains(&def.code);
            (own.is_some() || common).then(|| {
                let mut def = def.clone();
                if let Some(&(_, status)) = own {
                    def.http_status = status;
                }
                def
            })
        })
        .collect();
    Ok(crate::Spec {
        errors,
        operations: Vec::new(),
        ..spec.clone()
    })
}

/// `From<operation enum> for service enum`: every variant to its namesake,
/// which the service-wide enum has because both come from one spec.
fn into_service(ident: &syn::Ident, service: &syn::Path, spec: &crate::Spec) -> TokenStream {
    let arms = spec.errors.iter().map(|def| {
        let variant = syn::Ident::new(&def.variant, proc_macro2::Span::call_site());
        quote!(#ident::#variant => #service::#variant,)
    });
    quote! {
        #[automatically_derived]
        impl ::core::convert::From<#ident> for #service {
            fn from(code: #ident) -> Self {
                match code {
                    #(#arms)*
                }
            }
        }
    }
}

/// The enum `item` filled with the spec's variants, and its impls.
pub(crate) fn generate(
    item: &DeriveInput,
    spec: &crate::Spec,
    origin: &str,
    krate: &syn::Path,
    track: Option<&Path>,
) -> TokenStream {
    let DeriveInput {
        attrs, vis, ident, ..
    } = item;
    let variants = match expand::variants(spec) {
        Ok(variants) => variants,
        Err(bug) => return bug,
    };
    let derives = missing_derives(attrs);
    let derives = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
    let default_doc = (!attrs.iter().any(|a| a.path().is_ident("doc"))).then(|| {
        let service = match (&spec.service, &spec.api_version) {
            (Some(s), Some(v)) => format!("{s} (API version {v}) "),
            (Some(s), None) => format!("{s} "),
            _ => String::new(),
        };
        let doc = format!(" The {service}error codes of `{origin}`.");
        quote!(#[doc = #doc])
    });

    let impls = expand::impls(&Target {
        ident,
        variants: spec
            .errors
            .iter()
            .map(|def| (def.variant.clone(), def))
            .collect(),
        generated: true,
        krate,
        track,
    });
    quote! {
        #default_doc
        #(#attrs)*
        #derives
        #vis enum #ident #variants
        #impls
    }
}

/// The always-derived traits that the user's own `#[derive]`s lack.
fn missing_derives(attrs: &[Attribute]) -> Vec<syn::Path> {
    let mut written: Vec<String> = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                written.push(last.ident.to_string());
            }
            Ok(())
        });
    }
    ALWAYS_DERIVED
        .iter()
        .filter(|(name, _)| !written.iter().any(|w| w == name))
        .map(|(_, path)| syn::parse_str(path).expect("a valid path"))
        .collect()
}
