//! Typed error codes for Alibaba Cloud-style RPC APIs.
//!
//! A service's error codes are listed in a spec file (JSON, see the `spec/`
//! folder of the repository). The macros read it at compile time and
//! generate an enum with one variant per code, which implements
//! [`ErrorCode`], `Display` (the code), `FromStr` (the code back) and
//! `std::error::Error`.
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
#![deny(missing_docs)]

mod code;
mod decode;
mod envelope;
mod error;
pub mod lenient;
pub mod list;
mod xml;

pub use code::{CodeInfo, ErrorCode, RetryClass, UnknownCode};
pub use decode::{decode, Decoder, Success};
pub use error::{ApiError, BodyError, Code, Error, Format, Location};

/// Derives [`ErrorCode`] and friends for an enum you write; see the crate
/// documentation.
#[cfg(feature = "derive")]
pub use ess_macros::EssError;

/// Fills an empty enum with the variants of a spec; see the crate
/// documentation.
#[cfg(feature = "derive")]
pub use ess_macros::error_enum;

/// Used by generated code; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use ess_phf::{KeyHash, Table};

    use crate::CodeInfo;

    /// The index of `code` in `infos`, through the perfect-hash `table`.
    #[inline]
    pub fn find(table: &Table<'_>, infos: &[CodeInfo], code: &str) -> Option<usize> {
        let index = table.candidate(code)?;
        (infos.get(index)?.code == code).then_some(index)
    }
}
