//! The real catalogue, `spec/ess.json` (imported from the vendor's pages by
//! `ess import docs`), as the service-wide enum and per-operation enums,
//! checked against the spec file as serde_json reads it.
#![deny(warnings)]

use std::collections::BTreeSet;

use ess_runtime::ErrorCode;
use ess_spec::{AttachInstancesError, CreateScalingGroupError, EssError};
use serde_json::Value;

fn spec() -> Value {
    serde_json::from_str(ess_spec::ESS_JSON).unwrap()
}

#[test]
fn the_service_enum_has_every_code_with_its_usual_status() {
    let spec = spec();
    let errors = spec["errors"].as_array().unwrap();
    assert_eq!(EssError::ALL.len(), errors.len());
    for entry in errors {
        let code = entry["code"].as_str().unwrap();
        let variant = EssError::from_code(code).unwrap_or_else(|| panic!("{code} is missing"));
        assert_eq!(
            u64::from(variant.http_status()),
            entry["http_status"].as_u64().unwrap(),
            "{code}"
        );
    }
    // Vendor typos and case variants are codes a server may send: kept.
    assert!(EssError::from_code("InvalidParamter").is_some());
    assert_ne!(
        EssError::from_code("IncorrectDBInstanceStatus"),
        EssError::from_code("Incorrectdbinstancestatus")
    );
}

fn operation_codes(spec: &Value, operation: &str) -> BTreeSet<String> {
    let mut codes: BTreeSet<String> = spec["operations"][operation]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    codes.extend(
        spec["common"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned()),
    );
    codes
}

#[test]
fn an_operation_enum_has_its_codes_and_the_common_ones_with_its_statuses() {
    let spec = spec();
    let expected = operation_codes(&spec, "CreateScalingGroup");
    let actual: BTreeSet<String> = CreateScalingGroupError::ALL
        .iter()
        .map(|v| v.code().to_owned())
        .collect();
    assert_eq!(actual, expected);
    for (code, status) in spec["operations"]["CreateScalingGroup"]
        .as_object()
        .unwrap()
    {
        let variant = CreateScalingGroupError::from_code(code).unwrap();
        // `"Code": 400`, `"Code": {"http_status": 400, ...}`, or an array of
        // such rows, the first of which gives the status.
        let status = status
            .as_u64()
            .or_else(|| status["http_status"].as_u64())
            .or_else(|| status[0]["http_status"].as_u64())
            .unwrap_or_else(|| panic!("{code}: no status in {status}"));
        assert_eq!(u64::from(variant.http_status()), status, "{code}");
    }
    // The pages give this code 400 usually, and 404 on CreateScalingGroup.
    assert_eq!(EssError::InvalidDBInstanceIdNotFound.http_status(), 400);
    assert_eq!(
        CreateScalingGroupError::InvalidDBInstanceIdNotFound.http_status(),
        404
    );
    assert!(
        CreateScalingGroupError::from_code("Throttling").is_some(),
        "common codes are included"
    );
    assert!(
        CreateScalingGroupError::from_code("InvalidLifecycleHookName.Duplicate").is_none(),
        "not this operation's"
    );

    let expected = operation_codes(&spec, "AttachInstances");
    let actual: BTreeSet<String> = AttachInstancesError::ALL
        .iter()
        .map(|v| v.code().to_owned())
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn operation_enums_convert_into_the_service_enum_losslessly() {
    for &variant in CreateScalingGroupError::ALL {
        let service = EssError::from(variant);
        assert_eq!(service.code(), variant.code());
        assert_eq!(service.message_template(), variant.message_template());
    }
    for &variant in AttachInstancesError::ALL {
        assert_eq!(EssError::from(variant).code(), variant.code());
    }
}
