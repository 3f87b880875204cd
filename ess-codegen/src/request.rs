//! What a caller asks the generator for: read from a macro's arguments, or
//! built by the `Builder` (and so by `ess expand`). The macro, the Builder
//! and the command all make one of these and hand it to the same checks and
//! the same emission.

use syn::{DeriveInput, LitStr, Path};

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

/// The path generated code uses for the runtime unless `crate = "..."` says
/// otherwise.
pub(crate) fn default_crate_path() -> Path {
    syn::parse_quote!(::ess_runtime)
}
