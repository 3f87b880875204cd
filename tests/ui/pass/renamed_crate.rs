//! `crate = "..."` for a runtime reached under another path.
#![deny(warnings)]

mod reexport {
    pub use ess_runtime as rt;
}

use reexport::rt::ErrorCode;

/// Codes.
#[reexport::rt::error_enum(crate = "crate::reexport::rt", spec_json = r#"{"errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" }
]}"#)]
pub enum Codes {}

/// Derived codes.
#[derive(Debug, reexport::rt::EssError)]
#[ess(crate = "crate::reexport::rt", spec_json = r#"{"errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied." }
]}"#)]
pub enum Derived {
    /// Rate-limited.
    Throttling,
}

fn main() {
    assert_eq!(Codes::Throttling.http_status(), 400);
    assert_eq!(Derived::Throttling.to_string(), "Throttling");
}
