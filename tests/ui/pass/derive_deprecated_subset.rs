//! The derive form: a subset of the spec on purpose, a code given by hand, a
//! deprecated variant, and an enum with explicit discriminants.
#![deny(warnings)]

use ess_runtime::{ErrorCode, EssError};

/// Codes this client cares about.
#[derive(Debug, PartialEq, EssError)]
#[ess(spec = "../../../../tests/ui/specs/common.json", subset)]
pub enum Handled {
    /// Rate-limited.
    Throttling = 10,
    /// Renamed by hand.
    #[ess(code = "Forbidden.RiskControl")]
    RiskControl = 20,
    /// Kept for old callers.
    #[deprecated(note = "use RiskControl")]
    InternalError = 30,
}

fn main() {
    assert_eq!(Handled::from_code("Forbidden.RiskControl"), Some(Handled::RiskControl));
    assert_eq!(Handled::RiskControl.code(), "Forbidden.RiskControl");
    assert_eq!(Handled::from_code("Forbidden"), None);
    assert_eq!(Handled::ALL.len(), 3);
}
