//! The vendor's common codes: what its API gateway answers for any
//! operation (a bad signature, an unknown key, throttling, an outage), as
//! the page that started this project lists them (`spec/common.json`).

use ess_codegen::{ErrorDef, SourceText, Spec};

/// The text of the common codes: `spec/common.json`, copied into this
/// crate so that it is packaged with it (a test of the integration suite
/// checks that the two are the same).
pub const COMMON_JSON: &str = include_str!("common.json");

/// The common codes, with the statuses, messages and retry classes of
/// `spec/common.json`. Their descriptions are left out: the page's are
/// written for Auto Scaling (`ResourceNotAvailable` names it).
pub fn vendor_codes() -> Vec<ErrorDef> {
    let spec = Spec::parse(SourceText {
        origin: "ess-cli/src/import/common.json".to_owned(),
        text: COMMON_JSON.to_owned(),
    })
    // The text is this crate's, and a unit test reads it.
    .unwrap_or_else(|problems| panic!("the embedded common codes: {problems}"));
    spec.errors
        .into_iter()
        .map(|def| ErrorDef {
            descriptions: Vec::new(),
            ..def
        })
        .collect()
}

/// Whether a spec of `style` (its metadata's `info.style`) passes the
/// vendor's API gateway, which answers the common codes: RPC, ROA and V3 do;
/// OSS and Function Compute have gateways, and codes, of their own.
pub fn passes_gateway(style: Option<&str>) -> bool {
    matches!(style.unwrap_or("RPC"), "RPC" | "ROA" | "V3")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_codes_are_the_pages_fourteen() {
        let codes = vendor_codes();
        let names: Vec<&str> = codes.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(names.len(), 14);
        for code in ["Throttling", "SignatureDoesNotMatch", "ServiceUnavailable"] {
            assert!(names.contains(&code), "{code}");
        }
        assert!(codes.iter().all(|d| d.descriptions.is_empty()));
        assert!(passes_gateway(None) && passes_gateway(Some("ROA")));
        assert!(!passes_gateway(Some("OSS")) && !passes_gateway(Some("FC")));
    }
}
