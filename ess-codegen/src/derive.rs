//! `#[derive(EssError)]`: matches the user's variants to spec entries.

use std::collections::HashMap;
use std::path::Path;

use proc_macro2::TokenStream;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

use crate::attr::{self, EnumArgs};
use crate::errors::Errors;
use crate::expand::{self, Target};
use crate::load::{self, Loaded};
use crate::spec::ErrorDef;
use crate::suggest;

/// How many missing codes one error lists before it says "and N more".
const LISTED_MISSING: usize = 20;

/// Expands `#[derive(EssError)]` on `input`; problems become compile errors.
pub fn derive(input: TokenStream, manifest_dir: &Path) -> TokenStream {
    syn::parse2::<DeriveInput>(input)
        .and_then(|input| expand(&input, manifest_dir))
        .unwrap_or_else(syn::Error::into_compile_error)
}

fn expand(input: &DeriveInput, manifest_dir: &Path) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let args = EnumArgs::parse_derive_attrs(&input.attrs, &mut errors);
    let data =
        match &input.data {
            Data::Enum(data) => data,
            Data::Struct(s) => return Err(syn::Error::new(
                s.struct_token.span,
                "EssError can only be derived for an enum: each variant stands for one error code",
            )),
            Data::Union(u) => return Err(syn::Error::new(
                u.union_token.span,
                "EssError can only be derived for an enum: each variant stands for one error code",
            )),
        };
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            "an EssError enum cannot be generic: its variants are plain error codes",
        ));
    }
    let mut wanted = Vec::with_capacity(data.variants.len());
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            errors.push(syn::Error::new(
                variant.fields.span(),
                format!(
                    "variant `{}` has fields, but an EssError variant is one error code: remove the fields",
                    variant.ident
                ),
            ));
        }
        wanted.push((variant, attr::variant_code(&variant.attrs, &mut errors)));
    }
    let loaded = match &args.spec {
        None if args.malformed => None,
        None => {
            errors.push(syn::Error::new(
                input.ident.span(),
                "missing spec: add #[ess(spec = \"spec/common.json\")] (a path relative to the crate's root) \
                 or #[ess(spec_json = r#\"{ ... }\"#)]",
            ));
            None
        }
        Some(spec) => load::load(spec, manifest_dir, &mut errors),
    };
    let Some(Loaded { spec, file, origin }) = loaded else {
        errors.finish()?;
        unreachable!("a spec that did not load has reported errors")
    };

    let by_code: HashMap<&str, &ErrorDef> =
        spec.errors.iter().map(|d| (d.code.as_str(), d)).collect();
    let by_name: HashMap<&str, &ErrorDef> = spec
        .errors
        .iter()
        .map(|d| (d.variant.as_str(), d))
        .collect();
    let mut claimed: HashMap<&str, &syn::Ident> = HashMap::new();
    let mut variants = Vec::with_capacity(wanted.len());
    for (variant, code) in wanted {
        let name = variant.ident.to_string();
        let def = match &code {
            Some(lit) => by_code.get(lit.value().as_str()).copied().ok_or_else(|| {
                let code = lit.value();
                let mut message = format!("code \"{code}\" is not in {origin}");
                if let Some(close) = suggest::closest(&code, by_code.keys().copied()) {
                    message.push_str(&format!("; did you mean \"{close}\"?"));
                }
                syn::Error::new(lit.span(), message)
            }),
            None => by_name.get(name.as_str()).copied().ok_or_else(|| {
                let mut message = format!("variant `{name}` matches no code in {origin}");
                match suggest::closest(&name, by_name.keys().copied()) {
                    Some(close) => message.push_str(&format!(
                        "\nhelp: did you mean `{close}` (code \"{}\")? Or name the code with #[ess(code = \"...\")]",
                        by_name[close].code
                    )),
                    None => message.push_str(
                        "\nhelp: name the variant after a code of the spec (`Forbidden.RiskControl` is \
                         `ForbiddenRiskControl`), or give the code with #[ess(code = \"...\")]",
                    ),
                }
                syn::Error::new(variant.ident.span(), message)
            }),
        };
        match def {
            Ok(def) => {
                if let Some(first) = claimed.insert(&def.code, &variant.ident) {
                    errors.push(syn::Error::new(
                        variant.ident.span(),
                        format!(
                            "variant `{name}` and variant `{first}` both stand for code \"{}\"",
                            def.code
                        ),
                    ));
                }
                variants.push((name, def));
            }
            Err(e) => errors.push(e),
        }
    }
    if !args.subset {
        let missing: Vec<&ErrorDef> = spec
            .errors
            .iter()
            .filter(|d| !claimed.contains_key(d.code.as_str()))
            .collect();
        if !missing.is_empty() {
            let mut list: Vec<String> = missing
                .iter()
                .take(LISTED_MISSING)
                .map(|d| format!("`{}` (code \"{}\")", d.variant, d.code))
                .collect();
            if missing.len() > LISTED_MISSING {
                list.push(format!("and {} more", missing.len() - LISTED_MISSING));
            }
            errors.push(syn::Error::new(
                input.ident.span(),
                format!(
                    "enum `{}` lacks {} code{} of {origin}: {}\nhelp: add the missing variants, or write \
                     #[ess(subset)] if the enum covers part of the spec on purpose",
                    input.ident,
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    list.join(", ")
                ),
            ));
        }
    }
    errors.finish()?;
    let krate = args.krate.unwrap_or_else(crate::default_crate_path);
    Ok(expand::impls(&Target {
        ident: &input.ident,
        variants,
        generated: false,
        krate: &krate,
        track: file.as_deref(),
    }))
}
