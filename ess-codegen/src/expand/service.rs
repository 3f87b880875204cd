//! `#[service]`: the user's module, filled. It keeps what the user wrote in
//! it, and adds the service-wide `Error`, then for each operation a marker
//! type named after it, implementing `Operation`, and a module (the
//! operation's name in snake_case) of its response types and its error enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::codes::code_enum;
use super::lex;
use super::text::push_markdown_text;
use super::types::{body_kind, push_component, push_types};
use crate::target::{Service, ServiceOperation};

/// The module and everything in it.
pub(crate) fn service(target: &Service) -> TokenStream {
    let crate::request::Module {
        attrs,
        vis,
        ident,
        content,
    } = target.item;
    let doc = target.doc.as_ref().map(|doc| quote!(#[doc = #doc]));
    let errors = code_enum(&target.errors);
    let krate = target.krate;
    let operations = target.operations.iter().map(|op| operation(op, krate));
    let components = components(target);
    let tracking = target.track.map(|path| {
        let path = path.to_string_lossy();
        quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        )
    });
    quote! {
        #doc
        #(#attrs)*
        #vis mod #ident {
            #content
            #errors
            #components
            #(#operations)*
            #tracking
        }
    }
}

/// The module of the components the operations reach, if they reach any.
fn components(target: &Service) -> TokenStream {
    if target.components.is_empty() {
        return TokenStream::new();
    }
    let mut types = String::with_capacity(4096);
    for component in &target.components {
        push_component(&mut types, component);
    }
    let types = match lex(&types) {
        Ok(types) => types,
        Err(bug) => return bug,
    };
    let krate = target.krate;
    quote! {
        /// The types the service's responses share.
        pub mod components {
            #[allow(unused_imports)]
            use #krate::__private as __rt;

            #types
        }
    }
}

/// One operation: its marker type and its module.
fn operation(op: &ServiceOperation, krate: &syn::Path) -> TokenStream {
    let name = &op.response.operation;
    let marker = format_ident!("{}", name);
    let module = &op.module;
    // An object body is its struct (which the spec may name); any other
    // body, the alias `{Op}Response`.
    let response = match &op.response.body.shape {
        crate::model::Shape::Object(object) => format_ident!("{}", object.type_name.rust),
        _ => format_ident!("{name}Response"),
    };
    let error = &op.errors.ident;
    let marker_doc = {
        let mut doc = String::new();
        for (_, text) in &op.response.description {
            doc.push(' ');
            push_markdown_text(&mut doc, text.lines().next().unwrap_or(""));
            doc.push_str("\n\n");
        }
        doc.push_str(&format!(
            " The `{name}` operation: its response is [`{module}::{response}`], its errors \
             [`{module}::{error}`]."
        ));
        doc
    };
    let module_doc = format!(" The response types and error codes of `{name}`.");
    let errors = code_enum(&op.errors);
    let mut types = String::with_capacity(4096);
    push_types(&mut types, op.response);
    let types = match lex(&types) {
        Ok(types) => types,
        Err(bug) => return bug,
    };
    let body_kind = match lex(&body_kind(op.response)) {
        Ok(kind) => kind,
        Err(bug) => return bug,
    };
    let krate = krate.to_token_stream();
    quote! {
        #[doc = #marker_doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::default::Default)]
        pub struct #marker;

        #[doc = #module_doc]
        pub mod #module {
            #[allow(unused_imports)]
            use #krate::__private as __rt;

            #[automatically_derived]
            impl #krate::Operation for super::#marker {
                const NAME: &'static str = #name;
                type Response = #response;
                type Error = #error;
                type Body = #body_kind;
            }

            #errors
            #types
        }
    }
}
