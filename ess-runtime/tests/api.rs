//! The runtime's API as a user's own code meets it: errors built by hand for
//! unit tests, codes compared with variants, the accessors of the outer
//! `Error`, its size, and one retry policy whichever way it is asked.
#![deny(warnings, clippy::result_large_err)]

use std::time::Duration;

use ess_runtime::{
    decode, error_enum, ApiError, BodyError, BodyErrorKind, Code, Error, ErrorCode, Format,
    Location, RetryBasis, RetryKind,
};
use proptest::prelude::*;
use serde_json::Value;

#[error_enum(spec_json = r#"{ "errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" },
    { "code": "InternalError", "http_status": 500, "message": "Failed.", "retry": "transient" },
    { "code": "InvalidParameter", "http_status": 400, "message": "Bad <parameter name>." }
] }"#)]
enum Codes {}

/// A handler of the kind users write; clippy's `result_large_err` would
/// fire here if `Error` were large.
fn call(outcome: Result<(), Error<Codes>>) -> Result<&'static str, Error<Codes>> {
    match outcome {
        Ok(()) => Ok("done"),
        Err(e) if e.code() == Some(&Code::Known(Codes::Throttling)) => Ok("throttled"),
        Err(e) => Err(e),
    }
}

#[test]
fn errors_are_small_enough_to_return_by_value() {
    let size = std::mem::size_of::<Error<Codes>>();
    // clippy's `result_large_err` fires at 128 bytes.
    assert!(size < 128, "Error<E> is {size} bytes");
    assert!(std::mem::size_of::<BodyError>() <= 8);
}

#[test]
fn codes_compare_with_variants() {
    let known: Code<Codes> = Code::Known(Codes::Throttling);
    assert!(known == Codes::Throttling);
    assert!(known != Codes::InternalError);
    let unknown: Code<Codes> = Code::Unknown("Throttling.New".into());
    assert!(unknown != Codes::Throttling);
    let e = ApiError::new(400, known, "m");
    assert_eq!(e.code(), &Codes::Throttling);
    assert_eq!(call(Err(Error::Api(e))).ok(), Some("throttled"));
}

#[test]
fn api_errors_built_by_hand_read_like_decoded_ones() {
    let body = br#"{"RequestId":"R1","HostId":"ess.aliyuncs.com","Code":"InvalidParameter",
        "Message":"Bad PageSize.","Recommend":"https://r/","AccessDeniedDetail":{"AuthAction":"ess:X"}}"#;
    let decoded = match decode::<Value, Codes>(400, None, body) {
        Err(Error::Api(e)) => e,
        other => panic!("{other:?}"),
    };
    let built = ApiError::new(400, Code::Known(Codes::InvalidParameter), "Bad PageSize.")
        .with_request_id("R1")
        .with_host_id("ess.aliyuncs.com")
        .with_recommend("https://r/")
        .with_access_denied_detail(serde_json::json!({"AuthAction": "ess:X"}));
    assert_eq!(built, decoded);
    // Fields can be set in any order and set again.
    let again = ApiError::new(400, Code::Known(Codes::InvalidParameter), "Bad PageSize.")
        .with_recommend("https://r/")
        .with_host_id("h")
        .with_request_id("R1")
        .with_host_id("ess.aliyuncs.com")
        .with_access_denied_detail(serde_json::json!({"AuthAction": "ess:X"}));
    assert_eq!(again, decoded);
    let later = built.with_retry_after(Duration::from_secs(2));
    assert_eq!(later.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(later.retry().after, Some(Duration::from_secs(2)));
}

#[test]
fn body_errors_built_by_hand_have_what_was_given() {
    let e = BodyError::new(BodyErrorKind::Truncated, 200, "the body ends early")
        .with_format(Format::Json)
        .with_location(Location::of(b"{\n \"a\":", 7))
        .with_snippet("\"a\":")
        .with_request_id("H1");
    assert_eq!(e.kind(), BodyErrorKind::Truncated);
    assert_eq!(e.status(), 200);
    assert_eq!(e.format(), Some(Format::Json));
    assert_eq!(
        e.location(),
        Some(Location {
            offset: 7,
            line: 2,
            column: 6
        })
    );
    assert_eq!(e.snippet(), "\\\"a\\\":");
    assert_eq!(e.request_id(), Some("H1"));
    assert_eq!(
        e.to_string(),
        "HTTP 200: cannot decode the body as JSON: the body ends early (line 2, column 6) \
         near \"\\\"a\\\":\" [request id H1]"
    );
    let outer: Error<Codes> = e.into();
    assert_eq!(outer.request_id(), Some("H1"));
    assert_eq!(outer.status(), Some(200));
    assert!(outer.api().is_none() && outer.clone().into_api().is_none());
    assert_eq!(
        outer.body().map(BodyError::kind),
        Some(BodyErrorKind::Truncated)
    );
}

#[test]
fn the_outer_error_forwards_to_the_api_error() {
    let api = ApiError::new(503, Code::<Codes>::Unknown("Busy".into()), "m").with_request_id("R9");
    let e = Error::from(api.clone());
    assert_eq!(e.status(), Some(503));
    assert_eq!(e.code().map(Code::as_str), Some("Busy"));
    assert_eq!(e.request_id(), Some("R9"));
    assert_eq!(e.api(), Some(&api));
    assert_eq!(e.retry(), api.retry());
    assert_eq!(e.into_api(), Some(api));
}

/// The kinds of code a response can carry, as the property test draws them.
#[derive(Debug, Clone, Copy)]
enum CodeKind {
    KnownThrottling,
    KnownTransient,
    KnownWithoutClass,
    Unknown,
    UnknownThrottling,
}

impl CodeKind {
    fn code(self) -> &'static str {
        match self {
            CodeKind::KnownThrottling => "Throttling",
            CodeKind::KnownTransient => "InternalError",
            CodeKind::KnownWithoutClass => "InvalidParameter",
            CodeKind::Unknown => "Forbidden.NewPolicy",
            CodeKind::UnknownThrottling => "Throttling.User",
        }
    }

    /// The policy, written out again independently of the runtime.
    fn expected(self, status: u16) -> (RetryKind, RetryBasis) {
        match self {
            CodeKind::KnownThrottling => (RetryKind::Throttling, RetryBasis::Spec),
            CodeKind::KnownTransient => (RetryKind::Transient, RetryBasis::Spec),
            CodeKind::UnknownThrottling => (RetryKind::Throttling, RetryBasis::CodeName),
            CodeKind::KnownWithoutClass | CodeKind::Unknown => {
                let kind = match status {
                    429 => RetryKind::Throttling,
                    408 | 500 | 502 | 503 | 504 => RetryKind::Transient,
                    400..=499 => RetryKind::Client,
                    _ => RetryKind::NotRetryable,
                };
                (kind, RetryBasis::Status)
            }
        }
    }
}

fn code_kind() -> impl Strategy<Value = CodeKind> {
    prop_oneof![
        Just(CodeKind::KnownThrottling),
        Just(CodeKind::KnownTransient),
        Just(CodeKind::KnownWithoutClass),
        Just(CodeKind::Unknown),
        Just(CodeKind::UnknownThrottling),
    ]
}

proptest! {
    /// Every way of asking whether to retry gives the same answer, for every
    /// error status, every kind of code and both formats, and it is the
    /// documented policy.
    #[test]
    fn every_classifier_agrees(status in 400u16..=599, kind in code_kind(), xml in any::<bool>()) {
        let code = kind.code();
        let body = if xml {
            format!("<Error><Code>{code}</Code><Message>m</Message></Error>")
        } else {
            format!(r#"{{"Code":"{code}","Message":"m"}}"#)
        };
        let outcome = decode::<Value, Codes>(status, None, body.as_bytes());
        let Err(e) = outcome else { panic!("a success for {status}") };
        let api = e.api().expect("an API error");
        prop_assert_eq!(api.code().known().is_some(), !matches!(kind, CodeKind::Unknown | CodeKind::UnknownThrottling));
        let advice = api.retry();
        prop_assert_eq!((advice.kind, advice.basis), kind.expected(status));
        prop_assert_eq!(api.is_retryable(), advice.is_retryable());
        prop_assert_eq!(e.retry(), advice);
        prop_assert_eq!(e.is_retryable(), advice.is_retryable());
        let stated = api.code().known().and_then(ErrorCode::retry_class);
        prop_assert_eq!(stated.is_some(), advice.basis == RetryBasis::Spec);
    }
}
