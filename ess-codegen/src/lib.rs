//! Code generation for `ess`: specs read with their places, checked, and
//! turned into Rust.
//!
//! The pipeline runs one way: positioned JSON ([`json`]) → the raw spec
//! with places (`ast`) → every check, in one context (`valid`) → the
//! resolved [`model`] → the targets of one request (`target`) → emission
//! (`expand`). [`load`] is the front door through which the macros, the
//! [`Builder`] and the `ess` command find, read and check a spec, so all
//! three see the same spec and report the same problems; [`error_enum()`]
//! and [`derive()`] are the macros' entry points, which the proc-macro crate
//! only forwards to.
#![deny(missing_docs)]

mod ast;
mod attr;
#[cfg(feature = "pretty")]
mod builder;
mod diagnostic;
mod expand;
mod generate;
pub mod json;
pub mod model;
pub mod naming;
mod request;
mod source;
pub mod suggest;
mod target;
mod valid;
mod write;

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput};

#[cfg(feature = "pretty")]
pub use builder::{pretty, BuildError, Builder};
pub use diagnostic::{Diagnostic, Location, Problems, SourceText};
pub use model::{
    Descriptions, ErrorDef, Operation, OperationCode, Retry, Row, Spec, Status, Variant,
};
pub use source::{load, Base, Loaded, SpecSource};

use attr::{EnumArgs, MacroKind};
use diagnostic::Cx;
use request::{default_crate_path, DeriveRequest, EnumRequest, Module, ServiceRequest};

/// Expands `#[error_enum(args)]` on `item`; `manifest_dir` is the crate's
/// root, which spec paths are relative to. Problems become compile errors.
pub fn error_enum(args: TokenStream, item: TokenStream, manifest_dir: &Path) -> TokenStream {
    let mut cx = Cx::default();
    let args = EnumArgs::parse_attribute_args(args, MacroKind::Attribute, &mut cx);
    let spec_span = args
        .spec
        .as_ref()
        .map_or_else(proc_macro2::Span::call_site, |s| s.span());
    let item = match syn::parse2::<DeriveInput>(item) {
        Ok(item) => item,
        Err(e) => {
            cx.syn(e);
            return cx.into_compile_errors(spec_span);
        }
    };
    let spec = valid::spec_source(
        args.spec.as_ref(),
        args.malformed,
        ("write #[error_enum", proc_macro2::Span::call_site()),
        manifest_dir,
        &mut cx,
    );
    let tokens = spec.and_then(|spec| {
        let request = EnumRequest {
            spec,
            item: item.clone(),
            operation: args.operation,
            service_enum: args.service_enum,
            krate: args.krate.unwrap_or_else(default_crate_path),
            track: true,
        };
        generate::error_enum(&request, &mut cx)
    });
    match tokens {
        Some(tokens) if cx.len() == 0 => tokens,
        // Keep the enum, so that its other uses add no follow-on errors.
        _ => {
            let errors = cx.into_compile_errors(spec_span);
            let item = matches!(item.data, Data::Enum(_)).then_some(&item);
            quote!(#item #errors)
        }
    }
}

/// Expands `#[service(args)]` on the module `item`; `manifest_dir` is the
/// crate's root. Problems become compile errors.
pub fn service(args: TokenStream, item: TokenStream, manifest_dir: &Path) -> TokenStream {
    let mut cx = Cx::default();
    let args = EnumArgs::parse_attribute_args(args, MacroKind::Service, &mut cx);
    let spec_span = args
        .spec
        .as_ref()
        .map_or_else(proc_macro2::Span::call_site, |s| s.span());
    let item = match syn::parse2::<Module>(item.clone()) {
        Ok(item) => item,
        Err(e) => {
            cx.syn(syn::Error::new(
                e.span(),
                "#[service] goes on a module with braces, such as `pub mod ess {}`",
            ));
            let errors = cx.into_compile_errors(spec_span);
            return quote!(#item #errors);
        }
    };
    let spec = valid::spec_source(
        args.spec.as_ref(),
        args.malformed,
        ("write #[service", proc_macro2::Span::call_site()),
        manifest_dir,
        &mut cx,
    );
    let request = spec.map(|spec| ServiceRequest {
        spec,
        item,
        operations: args.operations,
        krate: args.krate.unwrap_or_else(default_crate_path),
        track: true,
    });
    let tokens = request
        .as_ref()
        .and_then(|request| generate::service(request, &mut cx));
    match tokens {
        Some(tokens) if cx.len() == 0 => tokens,
        // An empty module of the same name, so that paths into it add no
        // follow-on errors beyond "not found in".
        _ => {
            let errors = cx.into_compile_errors(spec_span);
            let module = request.map(|request| {
                let Module {
                    attrs,
                    vis,
                    ident,
                    content,
                } = request.item;
                quote!(#(#attrs)* #vis mod #ident { #content })
            });
            quote!(#module #errors)
        }
    }
}

/// Expands `#[derive(EssError)]` on `input`; `manifest_dir` is the crate's
/// root. Problems become compile errors.
pub fn derive(input: TokenStream, manifest_dir: &Path) -> TokenStream {
    let mut cx = Cx::default();
    let item = match syn::parse2::<DeriveInput>(input) {
        Ok(item) => item,
        Err(e) => {
            cx.syn(e);
            return cx.into_compile_errors(proc_macro2::Span::call_site());
        }
    };
    let args = EnumArgs::parse_derive_attrs(&item.attrs, &mut cx);
    let spec_span = args
        .spec
        .as_ref()
        .map_or_else(|| item.ident.span(), |s| s.span());
    let spec = valid::spec_source(
        args.spec.as_ref(),
        args.malformed,
        ("add #[ess", item.ident.span()),
        manifest_dir,
        &mut cx,
    );
    let tokens = spec.and_then(|spec| {
        let request = DeriveRequest {
            spec,
            item,
            subset: args.subset,
            krate: args.krate.unwrap_or_else(default_crate_path),
        };
        generate::derive(&request, &mut cx)
    });
    match tokens {
        Some(tokens) if cx.len() == 0 => tokens,
        _ => cx.into_compile_errors(spec_span),
    }
}
