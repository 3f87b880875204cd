//! The attribute form on the real common spec, in a crate that denies every
//! warning and requires docs: the generated variants must carry their own.
#![deny(warnings, missing_docs)]

use ess_runtime::ErrorCode;

/// The common error codes.
#[ess_runtime::error_enum(spec = "../../../../tests/ui/specs/common.json")]
#[derive(Debug, Clone)] // partly written by the user: no conflict
#[non_exhaustive]
pub enum CommonError {}

fn main() {
    assert_eq!(CommonError::ALL.len(), 14);
    let code = CommonError::ForbiddenRiskControl;
    let copy = code; // Copy
    assert_eq!(code, copy); // PartialEq
    let mut set = std::collections::HashSet::new(); // Hash + Eq
    set.insert(code);
    assert!(set.contains(&CommonError::ForbiddenRiskControl));
}
