//! What one request emits, resolved against the spec: every name, status
//! and doc text decided, so that emission ([`crate::expand`]) only writes.

use std::path::Path as FilePath;

use syn::{DeriveInput, Ident, Path};

use crate::model::{ErrorDef, Row, Status};

/// An error-code enum and its impls.
pub(crate) struct CodeEnum<'a> {
    /// The enum's name.
    pub(crate) ident: &'a Ident,
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
    /// `#[error_enum]`: the enum is written from the spec, `Copy`, without
    /// discriminants, so a variant's index is `*self as usize`.
    Generated {
        /// The enum as the user wrote it: attributes and visibility kept.
        item: &'a DeriveInput,
        /// The always-derived traits the user's `#[derive]`s lack.
        derives: Vec<Path>,
        /// The enum's doc, when the user wrote none.
        doc: Option<String>,
        /// The operation, for the variants' docs.
        operation: Option<&'a str>,
        /// `From<this> for service_enum`.
        into_service: Option<&'a Path>,
    },
    /// `#[derive(EssError)]`: the user's enum, which may have
    /// discriminants and need not be `Copy`; only impls are emitted.
    Derived,
}
