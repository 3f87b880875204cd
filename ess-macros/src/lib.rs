//! The `ess` derive and attribute macros. Use them through `ess-runtime`,
//! which re-exports them as `ess_runtime::EssError` and
//! `ess_runtime::error_enum`; all the logic is in `ess-codegen`.

use std::path::PathBuf;

use proc_macro::TokenStream;

/// Implements `ess_runtime::ErrorCode`, `Display`, `FromStr` and `Error` for
/// a field-less enum whose variants are codes of the spec named by
/// `#[ess(spec = "...")]`. See the `ess-runtime` documentation.
#[proc_macro_derive(EssError, attributes(ess))]
pub fn derive_ess_error(input: TokenStream) -> TokenStream {
    ess_codegen::derive(input.into(), &manifest_dir()).into()
}

/// Fills an empty enum with one documented variant per code of the spec named
/// by `spec = "..."`, and implements what `EssError` implements. See the
/// `ess-runtime` documentation.
#[proc_macro_attribute]
pub fn error_enum(args: TokenStream, item: TokenStream) -> TokenStream {
    ess_codegen::error_enum(args.into(), item.into(), &manifest_dir()).into()
}

/// The root of the crate being compiled: spec paths are relative to it.
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from)
}

/// Fills an empty module with a whole service from the spec named by
/// `spec = "..."`: its error enum, one marker type per operation
/// implementing `ess_runtime::Operation`, and the operations' response
/// types. See the `ess-runtime` documentation.
#[proc_macro_attribute]
pub fn service(args: TokenStream, item: TokenStream) -> TokenStream {
    ess_codegen::service(args.into(), item.into(), &manifest_dir()).into()
}
