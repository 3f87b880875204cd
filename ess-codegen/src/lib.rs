//! Code generation for `ess`: the spec model, its loading and validation,
//! variant naming, and the Rust that the `ess` macros emit.
//!
//! The proc-macro crate is a thin shell around [`derive()`] and [`error_enum()`];
//! build scripts and the `ess` tool call the same functions, so all three
//! produce the same code.
#![deny(missing_docs)]

mod attr;
mod attribute;
#[cfg(feature = "pretty")]
mod builder;
mod derive;
pub mod diagnostic;
mod errors;
mod expand;
pub mod ident;
pub mod json;
mod load;
pub mod spec;
pub mod suggest;
mod validate;
mod write;

pub use attribute::error_enum;
#[cfg(feature = "pretty")]
pub use builder::{expand_spec, pretty, BuildError, Builder};
pub use derive::derive;
pub use diagnostic::{Diagnostic, SourceText};
pub use spec::{ErrorDef, Operation, Retry, Spec, SpecErrors};

/// The path generated code uses for the runtime unless `crate = "..."` says
/// otherwise.
fn default_crate_path() -> syn::Path {
    syn::parse_quote!(::ess_runtime)
}
