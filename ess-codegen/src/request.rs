//! What a caller asks the generator for: read from a macro's arguments, or
//! built by the `Builder` (and so by `ess expand`). The macro, the Builder
//! and the command all make one of these and hand it to the same checks and
//! the same emission.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, DeriveInput, Ident, LitStr, Path, Token, Visibility};

use crate::source::SpecSource;

/// `#[error_enum]`: an enum filled from the spec.
pub(crate) struct EnumRequest {
    /// The spec, and the span of the argument that names it (problems
    /// without a place of their own are reported there).
    pub(crate) spec: SpecSource,
    /// The enum as written: attributes, visibility, name.
    pub(crate) item: DeriveInput,
    /// `operation = "..."`: the operation's codes only.
    pub(crate) operation: Option<LitStr>,
    /// `service_enum = "..."`: what the operation's enum converts into.
    pub(crate) service_enum: Option<Path>,
    /// Where `ess_runtime` is.
    pub(crate) krate: Path,
    /// Make cargo rebuild when the spec file changes (the macros; a build
    /// script tells cargo itself).
    pub(crate) track: bool,
}

/// `#[derive(EssError)]`: impls for an enum whose variants are written.
pub(crate) struct DeriveRequest {
    /// The spec.
    pub(crate) spec: SpecSource,
    /// The enum as written.
    pub(crate) item: DeriveInput,
    /// `subset`: codes the enum lacks are not an error.
    pub(crate) subset: bool,
    /// Where `ess_runtime` is.
    pub(crate) krate: Path,
}

/// `#[service]`: a module filled with a whole service.
pub(crate) struct ServiceRequest {
    /// The spec.
    pub(crate) spec: SpecSource,
    /// The module as written.
    pub(crate) item: Module,
    /// `operations = [...]`: only these; all when `None`.
    pub(crate) operations: Option<Vec<LitStr>>,
    /// Where `ess_runtime` is.
    pub(crate) krate: Path,
    /// Make cargo rebuild when the spec file changes.
    pub(crate) track: bool,
}

/// `#[attrs] vis mod name { items }`, the items kept as tokens.
pub(crate) struct Module {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) ident: Ident,
    /// What the user wrote inside the braces.
    pub(crate) content: TokenStream,
}

impl Parse for Module {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        input.parse::<Token![mod]>()?;
        let ident = input.parse()?;
        let content;
        syn::braced!(content in input);
        Ok(Module {
            attrs,
            vis,
            ident,
            content: content.parse()?,
        })
    }
}

/// The path generated code uses for the runtime unless `crate = "..."` says
/// otherwise.
pub(crate) fn default_crate_path() -> Path {
    syn::parse_quote!(::ess_runtime)
}
