//! The build-script mode of `ess`: `build.rs` writes the error enum with
//! `ess_codegen::Builder`, and this crate includes the file. The code is the
//! same as `#[error_enum]` generates (the `ess` crate's tests compare them),
//! readable in `target/.../out/common_error.rs`, and needs no proc macro.
#![deny(warnings, missing_docs)]

include!(concat!(env!("OUT_DIR"), "/common_error.rs"));

#[cfg(test)]
mod tests {
    use super::CommonError;
    use ess_runtime::ErrorCode;

    #[test]
    fn the_generated_enum_works_like_the_macro_one() {
        assert_eq!(CommonError::ALL.len(), 14);
        assert_eq!(
            CommonError::from_code("Throttling"),
            Some(CommonError::Throttling)
        );
        assert_eq!(CommonError::ForbiddenRiskControl.http_status(), 403);
        assert_eq!(
            "Forbidden.RiskControl".parse::<CommonError>(),
            Ok(CommonError::ForbiddenRiskControl)
        );
    }
}
