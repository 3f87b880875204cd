//! Each request through the pipeline: check the request, load the spec
//! through the front door, resolve the target, emit. The macros and the
//! `Builder` (and so `ess expand`) call these, and get the same code and the
//! same problems.

use proc_macro2::TokenStream;

use crate::diagnostic::Cx;
use crate::expand;
use crate::request::{DeriveRequest, EnumRequest, ServiceRequest};
use crate::source;
use crate::valid;

/// `#[error_enum]`: the enum and its impls, or `None` with the problems in
/// `cx`.
pub(crate) fn error_enum(request: &EnumRequest, cx: &mut Cx) -> Option<TokenStream> {
    let before = cx.len();
    valid::check_enum_item(request, cx);
    let loaded = source::load_into(&request.spec, cx)?;
    let target = valid::enum_target(request, &loaded, cx)?;
    (cx.len() == before).then(|| expand::code_enum(&target, None))
}

/// `#[service]`: the filled module, or `None` with the problems in `cx`.
pub(crate) fn service(request: &ServiceRequest, cx: &mut Cx) -> Option<TokenStream> {
    let before = cx.len();
    let loaded = source::load_into(&request.spec, cx)?;
    let target = valid::service_target(request, &loaded, cx)?;
    (cx.len() == before).then(|| expand::service(&target))
}

/// `#[derive(EssError)]`: the impls, or `None` with the problems in `cx`.
pub(crate) fn derive(request: &DeriveRequest, cx: &mut Cx) -> Option<TokenStream> {
    let before = cx.len();
    let codes = valid::check_derive_item(request, cx)?;
    let loaded = source::load_into(&request.spec, cx)?;
    let target = valid::derive_target(request, &codes, &loaded, cx)?;
    (cx.len() == before).then(|| expand::code_enum(&target, None))
}
