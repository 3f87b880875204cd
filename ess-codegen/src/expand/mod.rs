//! Emission, all of it: the resolved targets of [`crate::target`] become
//! Rust tokens here and nowhere else.
//!
//! The parts that grow with the spec (the info table, the variant lists, the
//! hash arrays) are written as Rust source text and lexed once, each list
//! with its brackets so that `quote!` shares it as one group: building them
//! token by token with `quote!` allocated and copied every token several
//! times, and made a 5,000-code spec take several times longer to expand.

mod codes;
mod requests;
mod service;
mod text;
mod types;

pub(crate) use codes::code_enum;
pub(crate) use service::service;

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

/// Lexes generated source. It is built from checked names and escaped
/// strings, so it always lexes; a failure would be a bug in this module, and
/// becomes the whole expansion, a compile error, rather than a panic.
fn lex(source: &str) -> Result<TokenStream, TokenStream> {
    source
        .parse()
        .map_err(|e| internal_error(&format!("generated source does not lex: {e}")))
}

fn internal_error(what: &str) -> TokenStream {
    let message = format!("internal error in ess-codegen, please report it: {what}");
    quote!(::core::compile_error!(#message);)
}

/// `[a, b, c]`.
fn bracketed<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    delimited('[', items, ']')
}

/// `{a, b, c}`.
fn braced<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    delimited('{', items, '}')
}

fn delimited<T: std::fmt::Display>(
    open: char,
    items: impl IntoIterator<Item = T>,
    close: char,
) -> String {
    let mut out = String::from(open);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{item}");
    }
    out.push(close);
    out
}
