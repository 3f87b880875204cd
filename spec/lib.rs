//! The repository's specs, compiled.
//!
//! Every committed spec generates its code here, in a crate that denies every
//! warning and requires docs, so `cargo doc` and `cargo clippy` check the
//! generated code and its rustdoc. The tests, examples and benchmarks use
//! these types; the spec texts are here too, for the tests that compare the
//! generated code with the files.
#![deny(warnings, missing_docs)]

/// The common error codes of the Auto Scaling (ESS) API.
#[ess_runtime::error_enum(spec = "common.json")]
#[non_exhaustive]
pub enum CommonError {}

/// Every error code of the Auto Scaling API reference, imported from the
/// vendor's pages by `ess import docs` into `spec/ess.json`.
#[ess_runtime::error_enum(spec = "ess.json")]
#[non_exhaustive]
pub enum EssError {}

/// What `CreateScalingGroup` can return: the codes its page documents, with
/// the statuses it gives them, and the common codes.
#[ess_runtime::error_enum(
    spec = "ess.json",
    operation = "CreateScalingGroup",
    service_enum = "EssError"
)]
pub enum CreateScalingGroupError {}

/// What `AttachInstances` can return.
#[ess_runtime::error_enum(
    spec = "ess.json",
    operation = "AttachInstances",
    service_enum = "EssError"
)]
pub enum AttachInstancesError {}

/// The text of `spec/common.json`.
pub const COMMON_JSON: &str = include_str!("common.json");

/// The text of `spec/ess.json`.
pub const ESS_JSON: &str = include_str!("ess.json");

/// The whole Auto Scaling service, generated from `spec/ess.json`: the
/// error codes, one type per operation, and every operation's response
/// types.
#[ess_runtime::service(spec = "ess.json")]
pub mod ess {}
