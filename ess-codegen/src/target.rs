//! What one request emits, resolved against the spec: every name, status
//! and doc text decided, so that emission ([`crate::expand`]) only writes.

use std::path::Path as FilePath;

use syn::{Attribute, Ident, Path, Visibility};

use crate::model::{Component, ErrorDef, Request, Response, Row, Spec, Status};

/// An error-code enum and its impls.
pub(crate) struct CodeEnum<'a> {
    /// The enum's name.
    pub(crate) ident: Ident,
    /// Where `ess_runtime` is.
    pub(crate) krate: &'a Path,
    /// The spec file, for cargo to track; `None` for an inline spec or a
    /// build script.
    pub(crate) track: Option<&'a FilePath>,
    /// The variants, in declaration order.
    pub(crate) variants: Vec<CodeVariant<'a>>,
    /// Whether the enum itself is emitted.
    pub(crate) shape: Shape<'a>,
}

/// One variant and the code it stands for.
pub(crate) struct CodeVariant<'a> {
    /// The variant's name.
    pub(crate) name: String,
    /// The code's entry in the spec.
    pub(crate) def: &'a ErrorDef,
    /// Its status here: the operation's, or the code's usual one.
    pub(crate) status: Status,
    /// What the operation's page says of the code, for the docs.
    pub(crate) rows: &'a [Row],
}

/// How the enum comes to be.
pub(crate) enum Shape<'a> {
    /// `#[error_enum]` and `#[service]`: the enum is written from the
    /// spec, `Copy`, without discriminants, so a variant's index is
    /// `*self as usize`.
    Generated {
        /// The user's attributes on the enum, kept.
        attrs: &'a [Attribute],
        /// Its visibility.
        vis: Visibility,
        /// The always-derived traits the user's `#[derive]`s lack.
        derives: Vec<Path>,
        /// The enum's doc, when the user wrote none.
        doc: Option<String>,
        /// The operation, for the variants' docs.
        operation: Option<&'a str>,
        /// `From<this> for service_enum`.
        into_service: Option<Path>,
    },
    /// `#[derive(EssError)]`: the user's enum, which may have
    /// discriminants and need not be `Copy`; only impls are emitted.
    Derived,
}

/// A whole service in the user's module: `#[service]`.
pub(crate) struct Service<'a> {
    /// The module as the user wrote it: attributes, visibility, name and
    /// the items already in it, all kept.
    pub(crate) item: &'a crate::request::Module,
    /// The spec: the service's name, version, style and endpoints.
    pub(crate) spec: &'a Spec,
    /// Where `ess_runtime` is.
    pub(crate) krate: &'a Path,
    /// The spec file, for cargo to track.
    pub(crate) track: Option<&'a FilePath>,
    /// The module's doc, when the user wrote none.
    pub(crate) doc: Option<String>,
    /// The service-wide error enum, `Error`.
    pub(crate) errors: CodeEnum<'a>,
    /// The components the operations reach, in spec order.
    pub(crate) components: Vec<&'a Component>,
    /// The operations to generate, in spec order.
    pub(crate) operations: Vec<ServiceOperation<'a>>,
}

/// One operation of a service: a marker type, a module of its types.
pub(crate) struct ServiceOperation<'a> {
    /// What the spec says of its response.
    pub(crate) response: &'a Response,
    /// What the spec says of its request, if anything.
    pub(crate) request: Option<&'a Request>,
    /// The module of its types: the operation's name in snake_case.
    pub(crate) module: Ident,
    /// Its error enum: its codes and the common ones, into `Error`.
    pub(crate) errors: CodeEnum<'a>,
}
