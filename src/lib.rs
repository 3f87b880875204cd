//! Workspace-level tests, examples and benchmarks for `ess`.
//!
//! The enum below is generated from the repository's own `spec/common.json`
//! in a crate that denies every warning and requires docs, so `cargo doc`
//! and `cargo clippy` check the generated code and its rustdoc.
#![deny(warnings, missing_docs)]

/// The common error codes of the Auto Scaling (ESS) API.
#[ess_runtime::error_enum(spec = "spec/common.json")]
#[non_exhaustive]
pub enum CommonError {}
