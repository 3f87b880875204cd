//! Typed error codes, response types and response decoding for Alibaba
//! Cloud-style RPC APIs.
//!
//! # Spec files
//!
//! A service lives in a JSON spec file: for each error code its HTTP
//! status, the English message as published, descriptions by language, and
//! optionally a retry class and a variant name; the codes each operation
//! documents; and each operation's response body as a tree of typed nodes
//! (`ess import meta` writes it from the vendor's OpenAPI metadata). The
//! repository's `spec/README.md` documents the format and
//! `spec/schema.json` lets editors check it.
//!
//! # The enum, generated at compile time
//!
//! `#[error_enum(spec = "spec/common.json")]` on an empty enum fills it with
//! one documented variant per code (paths are relative to the crate's
//! `Cargo.toml`; `spec_json` takes the spec inline, as here):
//!
//! ```
//! use ess_runtime::{error_enum, ErrorCode, RetryClass};
//!
//! #[error_enum(spec_json = r#"{
//!     "errors": [
//!         { "code": "Throttling", "http_status": 400,
//!           "message": "Request was denied due to request throttling.",
//!           "description": { "zh": "系统流控期间,请稍后再试。" }, "retry": "throttling" },
//!         { "code": "Forbidden.RiskControl", "http_status": 403,
//!           "message": "This operation is forbidden by Aliyun Risk Control system." }
//!     ]
//! }"#)]
//! pub enum CommonError {}
//!
//! let e = CommonError::from_code("Forbidden.RiskControl").unwrap();
//! assert_eq!(e, CommonError::ForbiddenRiskControl);
//! assert_eq!(e.http_status(), 403);
//! assert_eq!(e.to_string(), "Forbidden.RiskControl");
//! assert_eq!(CommonError::Throttling.retry_class(), Some(RetryClass::Throttling));
//! assert_eq!(CommonError::Throttling.description("zh"), Some("系统流控期间,请稍后再试。"));
//! assert_eq!("Throttling".parse::<CommonError>().unwrap(), CommonError::Throttling);
//! assert!("Nope".parse::<CommonError>().is_err());
//! ```
//!
//! `#[derive(EssError)]` does the same for an enum whose variants you write,
//! each matched to a code by name or by `#[ess(code = "...")]`; codes the enum
//! lacks are an error unless it says `#[ess(subset)]`:
//!
//! ```
//! use ess_runtime::{ErrorCode, EssError};
//!
//! #[derive(Debug, Clone, Copy, PartialEq, EssError)]
//! #[ess(subset, spec_json = r#"{ "errors": [
//!     { "code": "Throttling", "http_status": 400, "message": "Request was denied." },
//!     { "code": "Forbidden.RiskControl", "http_status": 403, "message": "Forbidden." },
//!     { "code": "InternalError", "http_status": 500, "message": "Failed.", "retry": "transient" }
//! ] }"#)]
//! enum Handled {
//!     Throttling,
//!     #[ess(code = "Forbidden.RiskControl")]
//!     RiskControl,
//! }
//!
//! assert_eq!(Handled::from_code("Forbidden.RiskControl"), Some(Handled::RiskControl));
//! assert_eq!(Handled::from_code("InternalError"), None); // not in the subset
//! ```
//!
//! Mistakes in the spec or the attributes are compile errors that name the
//! spec file, the line and column, and the fix; the repository's
//! `tests/ui/fail` holds one per mistake. `crate = "path"` points the
//! generated code at a renamed dependency.
//!
//! # A whole service
//!
//! `#[service(spec = "spec/ess.json")] pub mod ess {}` fills the module
//! with the service's error enum `ess::Error`, and for each operation a
//! marker type (`ess::DescribeScalingGroups`, implementing [`Operation`])
//! and a module (`ess::describe_scaling_groups`) holding its response
//! types and its own error enum. [`decode_operation`] reads either format
//! into the same value; `serde_json::to_string` and [`to_xml`] write the
//! vendor's two shapes back:
//!
//! ```
//! use ess_runtime::{decode_operation, to_xml, Error, Operation};
//!
//! #[ess_runtime::service(spec_json = r#"{
//!   "errors": [
//!     { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" },
//!     { "code": "InvalidScalingGroupId.NotFound", "http_status": 404, "message": "No such group." }
//!   ],
//!   "common": ["Throttling"],
//!   "operations": { "DescribeScalingGroups": { "InvalidScalingGroupId.NotFound": 404 } },
//!   "responses": {
//!     "DescribeScalingGroups": { "properties": {
//!       "RequestId": { "type": "string" },
//!       "TotalCount": { "type": "integer", "format": "int32" },
//!       "ScalingGroups": { "type": "array", "wrapper": "ScalingGroup", "items": {
//!         "type": "object", "properties": {
//!           "ScalingGroupId": { "type": "string", "required": true },
//!           "VSwitchIds": { "type": "array", "wrapper": "VSwitchId", "items": { "type": "string" } }
//!         } } }
//!     } }
//!   }
//! }"#)]
//! pub mod ess {}
//!
//! use ess::describe_scaling_groups::{DescribeScalingGroupsError, ScalingGroup};
//!
//! let json = br#"{"RequestId": "R1", "TotalCount": "1", "ScalingGroups": {"ScalingGroup": [
//!                  {"ScalingGroupId": "asg-1", "VSwitchIds": {"VSwitchId": ["vsw-1"]}}]}}"#;
//! let xml = b"<DescribeScalingGroupsResponse><RequestId>R1</RequestId><TotalCount>1</TotalCount>
//!   <ScalingGroups><ScalingGroup><ScalingGroupId>asg-1</ScalingGroupId>
//!   <VSwitchIds><VSwitchId>vsw-1</VSwitchId></VSwitchIds></ScalingGroup></ScalingGroups>
//!   </DescribeScalingGroupsResponse>";
//! let from_json = decode_operation::<ess::DescribeScalingGroups>(200, None, json).unwrap();
//! let from_xml = decode_operation::<ess::DescribeScalingGroups>(200, None, xml).unwrap();
//! assert_eq!(from_json.body, from_xml.body);
//! let body = from_json.body;
//! assert_eq!(body.total_count, Some(1)); // "1" read as a number, as the vendor's SDKs do
//! assert_eq!(body.scaling_groups[0], ScalingGroup {
//!     scaling_group_id: "asg-1".into(),
//!     v_switch_ids: vec!["vsw-1".into()],
//! });
//! // Written back in the vendor's XML shape, it reads back the same.
//! let xml = to_xml::<ess::DescribeScalingGroups>(&body);
//! let again = decode_operation::<ess::DescribeScalingGroups>(200, None, xml.as_bytes());
//! assert_eq!(again.unwrap().body, body);
//!
//! let missing = br#"{"RequestId": "R2", "Code": "InvalidScalingGroupId.NotFound", "Message": "No such group."}"#;
//! match decode_operation::<ess::DescribeScalingGroups>(404, None, missing) {
//!     Err(Error::Api(e)) => {
//!         assert_eq!(e.code(), &DescribeScalingGroupsError::InvalidScalingGroupIdNotFound);
//!         let service_wide: ess::Error = e.code().known().copied().unwrap().into();
//!         assert_eq!(service_wide, ess::Error::InvalidScalingGroupIdNotFound);
//!     }
//!     other => panic!("{other:?}"),
//! }
//! assert_eq!(<ess::DescribeScalingGroups as Operation>::NAME, "DescribeScalingGroups");
//! ```
//!
//! Fields are the snake_case of the vendor's names; lists are `Vec`s with
//! the wrapper absorbed, also when XML drops the list around one item or
//! the item element inside the wrapper; a field is an `Option` unless the
//! schema requires it; unknown fields are ignored. What the vendor sends
//! loosely is read as its own SDKs read it ([`lenient`]): numbers as
//! strings and strings as numbers, `"true"`, `0`/`1`, `""` for an absent
//! value. Each type and field carries the schema's descriptions and
//! example in its rustdoc. `operations = ["DescribeScalingGroups", ...]`
//! generates only those, and only the shared types they reach.
//!
//! Other products' schemas have more shapes, each with its Rust form: a
//! type the responses share is a struct of the service's `components`
//! module; a map is a `BTreeMap<String, T>`; a free-form value is a
//! [`Value`]; a list of lists a `Vec<Vec<T>>`; and a body may be any of
//! these, a `String` or a file's bytes (`Vec<u8>`). Error envelopes are read
//! in every spelling of the vendor's styles (`Code`, `code`, `errorCode`,
//! ...), and a body with a success status that reports a failure
//! (`"Success": false` beside a code) is an [`Error::Api`].
//!
//! # Decoding responses
//!
//! [`decode`] (or a configured [`Decoder`]) turns an HTTP status, content
//! type and body, in JSON or XML, into [`Success`] or an [`Error`]: the
//! service's [`ApiError`] with its [`Code`] looked up in your enum, or a
//! [`BodyError`] that says which format was tried and where it failed.
//!
//! ```
//! use ess_runtime::{decode, error_enum, BodyErrorKind, Error, RetryKind};
//! use serde::Deserialize;
//!
//! #[error_enum(spec_json = r#"{ "errors": [
//!     { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" }
//! ] }"#)]
//! pub enum CommonError {}
//!
//! #[derive(Debug, PartialEq, Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! struct DescribeScalingGroups {
//!     #[serde(with = "ess_runtime::lenient")]
//!     total_count: u32,
//!     #[serde(default, with = "ess_runtime::list")]
//!     scaling_groups: Vec<ScalingGroup>,
//! }
//!
//! #[derive(Debug, PartialEq, Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! struct ScalingGroup {
//!     scaling_group_id: String,
//! }
//!
//! let json = br#"{"RequestId": "R1", "TotalCount": "1",
//!                 "ScalingGroups": {"ScalingGroup": [{"ScalingGroupId": "asg-1"}]}}"#;
//! let xml = b"<DescribeScalingGroupsResponse><RequestId>R1</RequestId><TotalCount>1</TotalCount>
//!             <ScalingGroups><ScalingGroup><ScalingGroupId>asg-1</ScalingGroupId></ScalingGroup></ScalingGroups>
//!             </DescribeScalingGroupsResponse>";
//! let from_json = decode::<DescribeScalingGroups, CommonError>(200, Some("application/json"), json).unwrap();
//! let from_xml = decode::<DescribeScalingGroups, CommonError>(200, Some("text/xml"), xml).unwrap();
//! assert_eq!(from_json, from_xml);
//! assert_eq!(from_json.request_id.as_deref(), Some("R1"));
//!
//! let throttled = br#"{"RequestId": "R2", "Code": "Throttling", "Message": "Request was denied."}"#;
//! match decode::<DescribeScalingGroups, CommonError>(400, None, throttled) {
//!     Err(Error::Api(e)) if e.code() == &CommonError::Throttling => {
//!         assert_eq!(e.retry().kind, RetryKind::Throttling);
//!         assert_eq!(e.request_id(), Some("R2"));
//!         assert_eq!(e.to_string(), "Throttling (HTTP 400): Request was denied. [request id R2]");
//!     }
//!     other => panic!("{other:?}"),
//! }
//!
//! // An empty 503 from a gateway: no envelope, but still an `Error`.
//! let e = decode::<DescribeScalingGroups, CommonError>(503, None, b"").unwrap_err();
//! assert_eq!(e.body().map(|b| b.kind()), Some(BodyErrorKind::Empty));
//! assert!(e.retry().is_retryable());
//! ```
//!
//! [`Error`] answers the questions a caller asks whatever the failure:
//! [`Error::status`], [`Error::code`], [`Error::request_id`] (from the body or
//! the `x-acs-request-id` header) and [`Error::retry`]. [`BodyError::kind`]
//! tells body errors apart without reading their text. [`ApiError::new`] and
//! [`BodyError::new`] build errors by hand, for testing your own handling.
//!
//! The two formats differ in ways one serde type does not absorb alone; the
//! field helpers [`list`] (the vendor's list wrappers, lone items, empty and
//! absent lists) and [`lenient`] (numbers and booleans sent as strings) do,
//! with one attribute per field.
//!
//! Limits: [`Decoder::max_body_size`] (16 MiB by default) refuses a body
//! before reading it; [`Decoder::max_depth`] (64) bounds XML nesting, and
//! `serde_json` bounds JSON nesting at 128, so no body overflows the stack.
//!
//! # Per-operation enums
//!
//! A spec can list which codes each operation documents, with the status it
//! gives them, and the codes common to all (`operations`, `common`; the
//! `ess import docs` command writes both from the vendor's pages). An
//! operation's enum has only its codes and the common ones, with its
//! statuses, and converts into the service-wide enum:
//!
//! ```
//! use ess_runtime::{error_enum, ErrorCode};
//!
//! // The spec as in spec/ess.json: three codes, one common, one operation.
//! #[error_enum(spec_json = r#"{
//!   "errors": [
//!     { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" },
//!     { "code": "InvalidDBInstanceId.NotFound", "http_status": 400, "message": "No such DB instance." },
//!     { "code": "InvalidLifecycleHookName.Duplicate", "http_status": 400, "message": "Taken." }
//!   ],
//!   "common": ["Throttling"],
//!   "operations": { "CreateScalingGroup": { "InvalidDBInstanceId.NotFound": 404 } }
//! }"#)]
//! pub enum EssError {}
//!
//! #[error_enum(operation = "CreateScalingGroup", service_enum = "EssError", spec_json = r#"{
//!   "errors": [
//!     { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" },
//!     { "code": "InvalidDBInstanceId.NotFound", "http_status": 400, "message": "No such DB instance." },
//!     { "code": "InvalidLifecycleHookName.Duplicate", "http_status": 400, "message": "Taken." }
//!   ],
//!   "common": ["Throttling"],
//!   "operations": { "CreateScalingGroup": { "InvalidDBInstanceId.NotFound": 404 } }
//! }"#)]
//! pub enum CreateScalingGroupError {}
//!
//! assert_eq!(CreateScalingGroupError::ALL.len(), 2); // its code and the common one
//! assert_eq!(CreateScalingGroupError::InvalidDBInstanceIdNotFound.http_status(), 404);
//! assert_eq!(EssError::InvalidDBInstanceIdNotFound.http_status(), 400);
//! let service: EssError = CreateScalingGroupError::Throttling.into();
//! assert_eq!(service, EssError::Throttling);
//! ```
//!
//! Decode a call with `decode::<T, CreateScalingGroupError>(...)` so that a
//! `match` sees only what that call can return, and convert with `into()`
//! where errors of several calls meet.
//!
//! # Requests
//!
//! A spec's `requests` (written by `ess import meta` from each operation's
//! parameters) give each operation of `#[service]` a request type,
//! `svc::{Op}Request`: `new` takes the required parameters, a setter each
//! of the others. [`request`] encodes it by the metadata's rules (`Name.1`,
//! `Tag.1.Key`, JSON values, paths, headers, bodies) after checking every
//! value against the metadata's limits, and [`sign`] holds the vendor's
//! three signatures (RPC 1.0, V3, ROA) as pure functions, tested against
//! the vendor's documented examples.
//!
//! # Build-script mode
//!
//! `ess_codegen::Builder` (feature `pretty` of `ess-codegen`) writes the same
//! code as `#[error_enum]` into `OUT_DIR` from a build script, for crates that
//! want to read the generated code or not run a proc macro; such a crate
//! depends on this crate without the `derive` feature and `include!`s the
//! file. The repository's `build-script-example` does that.
//!
//! # Over HTTP, and retries
//!
//! With the `http` feature, `Decoder::decode_http` takes an
//! `http::Response` whose body is bytes; with `reqwest`,
//! `Decoder::decode_reqwest` takes a `reqwest::Response` and reads its body
//! up to the size limit (it sends nothing); with `reqwest-blocking`,
//! `Decoder::decode_reqwest_blocking` does the same for
//! `reqwest::blocking::Response`. All take the request id from
//! `x-acs-request-id` when the body has none (body errors keep it too), and
//! the delay from `x-acs-retry-after`. [`Error::retry`] classifies any
//! outcome as a [`RetryKind`] — throttling, transient, client, not
//! retryable — by one policy, [`RetryAdvice::new`]: the spec's retry class,
//! then the code (the vendor throttles with 400, so a `Throttling*` code wins
//! over its status), then the status. [`RetryAdvice::basis`] says whether the
//! spec stated it or it was inferred. The client (feature `client`)
//! retries by this policy (`ClientBuilder::retries`); the advice is also
//! there for a loop of your own (the repository's `retry` example has one).
//!
//! # Features
//!
//! - `derive` (default): re-exports [`EssError`] and [`error_enum`] from
//!   `ess-macros`, so that this crate is the only dependency.
//! - `derive` also re-exports [`service`].
//! - `http`: `Decoder::decode_http` and `Decoder::decode_operation_http`.
//! - `client`: the client, `Client`: credentials, endpoints, the vendor's
//!   signatures, retries by [`RetryAdvice::may_resend`], pages; it sends
//!   through the transport it is given (implies `http`).
//! - `reqwest`: `client`, sending through reqwest by default; and
//!   `Decoder::decode_reqwest` and `Decoder::decode_operation_reqwest`.
//! - `mock`: typed mocks, a transport for the client's tests (implies
//!   `client`, not `reqwest`).
//! - `reqwest-blocking`: `Decoder::decode_reqwest_blocking` and
//!   `Decoder::decode_operation_reqwest_blocking` (implies `reqwest`, and
//!   turns on reqwest's `blocking`).
#![deny(missing_docs)]

#[cfg(feature = "client")]
mod client;
mod code;
#[cfg(feature = "client")]
pub mod credentials;
mod decode;
mod dynamic;
mod envelope;
mod error;
#[cfg(feature = "client")]
pub mod http_client;
#[cfg(feature = "client")]
mod keys;
pub mod lenient;
pub mod list;
#[cfg(feature = "mock")]
pub mod mock;
mod operation;
mod record;
pub mod request;
mod retry;
pub mod sign;
#[cfg(feature = "client")]
mod signing;
#[cfg(feature = "client")]
mod trace;
#[cfg(feature = "http")]
mod transport;
mod xml;

#[cfg(feature = "client")]
pub use client::{BuildError, Client, ClientBuilder, Pages};
pub use code::{CodeInfo, ErrorCode, RetryClass, UnknownCode};
#[cfg(feature = "client")]
pub use credentials::{Credentials, CredentialsError, ProvideCredentials};
pub use decode::{decode, decode_operation, Decoder, Success};
pub use dynamic::Value;
pub use envelope::{error_body, ErrorBody};
pub use error::{
    ApiError, BodyError, BodyErrorKind, Code, Error, Format, Location, RequestError,
    TransportCause, TransportError,
};
pub use operation::{to_xml, Operation, Request};
pub use request::{ApiStyle, NextPage, Paging, ServiceInfo};
pub use retry::{RetryAdvice, RetryBasis, RetryKind};
#[cfg(feature = "client")]
pub use signing::{Signed, Signing, Target};
pub use xml::write::XmlWriter;

/// Derives [`ErrorCode`] and friends for an enum you write; see the crate
/// documentation.
#[cfg(feature = "derive")]
pub use ess_macros::EssError;

/// Fills an empty enum with the variants of a spec; see the crate
/// documentation.
#[cfg(feature = "derive")]
pub use ess_macros::error_enum;

/// Fills an empty module with a whole service: its error enums, one marker
/// type per operation and the operations' response types; see the crate
/// documentation.
#[cfg(feature = "derive")]
pub use ess_macros::service;

/// Used by generated code; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use ess_phf::{KeyHash, Table};

    pub use crate::code::{find, find_shared, CodeTable};
    pub use serde;

    pub use crate::dynamic::Value;
    pub use crate::envelope::envelope_member;

    pub use crate::error::RequestError;
    pub use crate::operation::{Binary, BodyKind, Request, TextBody};
    pub use crate::record::json::{deserialize_record, serialize_record};
    pub use crate::record::scalar;
    pub use crate::record::{
        Bare, Dynamic, Entries, EnvelopeFields, FieldDesc, Kind, List, Map, Nested, NestedRequired,
        Record, RecordDesc, Scalar, Wrapped,
    };
    pub use crate::request::{
        check_object, debug_params, encode, write_object, ApiStyle, Encoded, Invalid, Limits,
        Location, NextPage, Paging, Param, Parameter, ServiceInfo, Sink, Style,
    };
    pub use crate::xml::stream::{Element, XmlReader};
    pub use crate::xml::write::XmlWriter;
    pub use crate::xml::XmlError;
}
