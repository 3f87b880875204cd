//! `#[service]`: the user's module, filled. It keeps what the user wrote in
//! it, and adds the service-wide `Error`, then for each operation a marker
//! type named after it, implementing `Operation`, and a module (the
//! operation's name in snake_case) of its response types and its error enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::codes::code_enum;
use super::lex;
use super::requests::push_request;
use super::text::push_markdown_text;
use super::types::{body_kind, push_component, push_types};
use crate::target::{CodeEnum, Service, ServiceOperation};

/// The module and everything in it.
pub(crate) fn service(target: &Service) -> TokenStream {
    let crate::request::Module {
        attrs,
        vis,
        ident,
        content,
    } = target.item;
    let doc = target.doc.as_ref().map(|doc| quote!(#[doc = #doc]));
    let errors = code_enum(&target.errors, None);
    let krate = target.krate;
    let has_components = !target.components.is_empty();
    let operations = target
        .operations
        .iter()
        .map(|op| operation(op, &target.errors, krate, has_components));
    let info = service_info(target);
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
            #info
            #components
            #(#operations)*
            #tracking
        }
    }
}

/// `SERVICE`: what the client needs to know of the service.
fn service_info(target: &Service) -> TokenStream {
    let spec = target.spec;
    let krate = target.krate;
    let product = spec.service.as_deref().unwrap_or_default();
    let version = spec.api_version.as_deref().unwrap_or_default();
    let style = spec.style.as_deref().unwrap_or("RPC");
    let regions = spec.endpoints.iter().map(|(region, _)| region);
    let hosts = spec.endpoints.iter().map(|(_, host)| host);
    quote! {
        /// The service's name, API version, style and endpoints.
        pub const SERVICE: #krate::ServiceInfo = #krate::ServiceInfo {
            product: #product,
            version: #version,
            style: #krate::ApiStyle::from_name(#style),
            endpoints: &[#((#regions, #hosts)),*],
        };
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
fn operation(
    op: &ServiceOperation,
    service_errors: &CodeEnum,
    krate: &syn::Path,
    has_components: bool,
) -> TokenStream {
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
    let errors = code_enum(&op.errors, Some(service_errors));
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
    let mut request = String::with_capacity(2048);
    push_request(&mut request, name, op.request);
    let request = match lex(&request) {
        Ok(request) => request,
        Err(bug) => return bug,
    };
    let request_ident = format_ident!("{name}Request");
    let request_doc = format!(" The request of `{name}`, and the types of its parameters.");
    let method = op
        .request
        .map_or("POST".to_owned(), crate::model::Request::method);
    let read_only = op.request.is_some_and(|r| r.read_only);
    // Only an anonymous operation says so: the trait's default is signed.
    let anonymous = op.request.is_some_and(|r| r.anonymous).then(|| {
        quote!(
            const ANONYMOUS: bool = true;
        )
    });
    // The request's module names the components as the operation's does.
    let components = has_components.then(|| {
        quote!(
            #[allow(unused_imports)]
            use super::components;
        )
    });
    let krate = krate.to_token_stream();
    let module_ident = module;
    quote! {
        pub use self::#module_ident::#request_ident;

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
                type Request = #request_ident;
                const METHOD: &'static str = #method;
                const READ_ONLY: bool = #read_only;
                #anonymous
                const SERVICE: #krate::ServiceInfo = super::SERVICE;
            }

            #components
            pub use self::request::#request_ident;

            #[doc = #request_doc]
            pub mod request {
                #[allow(unused_imports)]
                use #krate::__private as __rt;

                #request
            }

            #errors
            #types
        }
    }
}
