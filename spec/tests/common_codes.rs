//! The enum generated from `spec/common.json`, checked against the spec file
//! as read by serde_json: an oracle that shares no code with the generator.
#![deny(warnings)]

use ess_runtime::{ErrorCode, RetryClass};
use ess_spec::CommonError;
use serde_json::Value;

fn spec_entries() -> Vec<Value> {
    let spec: Value = serde_json::from_str(ess_spec::COMMON_JSON).unwrap();
    spec["errors"].as_array().unwrap().clone()
}

#[test]
fn every_spec_entry_is_a_variant_with_its_facts() {
    let entries = spec_entries();
    assert_eq!(entries.len(), 14);
    assert_eq!(CommonError::ALL.len(), entries.len());
    for (entry, &variant) in entries.iter().zip(CommonError::ALL) {
        let code = entry["code"].as_str().unwrap();
        assert_eq!(variant.code(), code, "ALL follows spec order");
        assert_eq!(CommonError::from_code(code), Some(variant));
        assert_eq!(
            u64::from(variant.http_status()),
            entry["http_status"].as_u64().unwrap()
        );
        assert_eq!(
            variant.message_template(),
            entry["message"].as_str().unwrap()
        );
        assert_eq!(
            variant.description("zh"),
            entry["description"]["zh"].as_str()
        );
        let retry = match entry.get("retry").and_then(Value::as_str) {
            None => None,
            Some("throttling") => Some(RetryClass::Throttling),
            Some("transient") => Some(RetryClass::Transient),
            Some(other) => panic!("unexpected retry {other}"),
        };
        assert_eq!(variant.retry_class(), retry, "{code}");
    }
}

#[test]
fn display_and_from_str_round_trip_for_every_variant() {
    for &variant in CommonError::ALL {
        let text = variant.to_string();
        assert_eq!(text, variant.code());
        assert_eq!(text.parse::<CommonError>(), Ok(variant));
    }
}

#[test]
fn the_seed_page_facts_hold() {
    assert_eq!(
        CommonError::InvalidAccessKeyIdNotFound.code(),
        "InvalidAccessKeyId.NotFound"
    );
    assert_eq!(CommonError::ForbiddenRiskControl.http_status(), 403);
    assert_eq!(
        CommonError::InvalidParameter.message_template(),
        "The specified value of parameter <parameter name> is not valid."
    );
    assert_eq!(
        CommonError::Throttling.retry_class(),
        Some(RetryClass::Throttling)
    );
    assert_eq!(
        CommonError::ServiceUnavailable.retry_class(),
        Some(RetryClass::Transient)
    );
    assert_eq!(CommonError::InternalError.http_status(), 500);
    assert_eq!(CommonError::Forbidden.retry_class(), None);
}

#[test]
fn lookup_is_exact_and_case_sensitive() {
    for miss in [
        "",
        "throttling",
        "THROTTLING",
        " Throttling",
        "Throttling ",
        "Forbidden.",
        "Forbidden.riskControl",
    ] {
        assert_eq!(CommonError::from_code(miss), None, "{miss:?}");
    }
    let err = "Forbidden.riskControl".parse::<CommonError>().unwrap_err();
    assert_eq!(err.code(), "Forbidden.riskControl");
    assert_eq!(
        err.to_string(),
        "unknown error code `Forbidden.riskControl`"
    );
}

#[test]
fn description_falls_back_from_region_to_language() {
    let v = CommonError::Throttling;
    assert_eq!(v.description("zh-CN"), Some("系统流控期间,请稍后再试。"));
    assert_eq!(v.description("ZH"), Some("系统流控期间,请稍后再试。"));
    assert_eq!(v.description("en"), None);
    assert_eq!(v.description(""), None);
}

#[test]
fn display_honours_width_and_alignment() {
    assert_eq!(
        format!("[{:>12}]", CommonError::Forbidden),
        "[   Forbidden]"
    );
    assert_eq!(
        format!("[{:<12}]", CommonError::Forbidden),
        "[Forbidden   ]"
    );
}

#[test]
fn it_is_a_std_error() {
    let boxed: Box<dyn std::error::Error> = Box::new(CommonError::Throttling);
    assert_eq!(boxed.to_string(), "Throttling");
}

/// Codes that differ only in case are distinct codes; one gets a `variant`.
#[ess_runtime::error_enum(spec_json = r#"{ "errors": [
    { "code": "InvalidParam.pageNumber", "http_status": 400, "message": "lower", "variant": "InvalidParamPageNumberLower" },
    { "code": "InvalidParam.PageNumber", "http_status": 400, "message": "upper" },
    { "code": "DEPLOYMENTSET.QUOTA_FULL", "http_status": 403, "message": "full" }
] }"#)]
enum CaseCodes {}

#[test]
fn codes_differing_only_in_case_are_distinct() {
    assert_eq!(
        CaseCodes::from_code("InvalidParam.pageNumber"),
        Some(CaseCodes::InvalidParamPageNumberLower)
    );
    assert_eq!(
        CaseCodes::from_code("InvalidParam.PageNumber"),
        Some(CaseCodes::InvalidParamPageNumber)
    );
    assert_eq!(
        CaseCodes::InvalidParamPageNumberLower.message_template(),
        "lower"
    );
    assert_eq!(
        CaseCodes::from_code("DEPLOYMENTSET.QUOTA_FULL"),
        Some(CaseCodes::DeploymentsetQuotaFull)
    );
    assert_eq!(CaseCodes::from_code("invalidparam.pagenumber"), None);
}

/// A derived enum in its own order, with explicit discriminants.
#[derive(Debug, Clone, Copy, PartialEq, ess_runtime::EssError)]
#[ess(spec = "common.json", subset)]
enum Handled {
    ServiceUnavailable = 7,
    #[ess(code = "Forbidden.RiskControl")]
    RiskControl = 3,
    Throttling = 1,
}

#[test]
fn derived_enums_keep_their_own_order_and_discriminants() {
    assert_eq!(
        Handled::ALL,
        &[
            Handled::ServiceUnavailable,
            Handled::RiskControl,
            Handled::Throttling
        ]
    );
    assert_eq!(Handled::RiskControl as i32, 3);
    assert_eq!(Handled::RiskControl.http_status(), 403);
    assert_eq!(Handled::ServiceUnavailable.http_status(), 503);
    assert_eq!(Handled::from_code("Throttling"), Some(Handled::Throttling));
    assert_eq!(Handled::from_code("Forbidden"), None, "not in the subset");
    for &v in Handled::ALL {
        assert_eq!(Handled::from_code(v.code()), Some(v));
    }
}

/// An empty spec gives an uninhabited enum that still implements everything.
#[ess_runtime::error_enum(spec_json = r#"{ "errors": [] }"#)]
enum NoCodes {}

#[test]
fn an_empty_spec_gives_an_empty_enum() {
    assert!(NoCodes::ALL.is_empty());
    assert_eq!(NoCodes::from_code("Throttling"), None);
    assert!("".parse::<NoCodes>().is_err());
}

/// What the server sends for each common code, in both formats, decodes to
/// the same typed error.
#[test]
fn every_common_code_decodes_to_its_variant_in_both_formats() {
    use ess_runtime::{decode, Error};
    let api = |status, content_type, body: &str| match decode::<Value, CommonError>(
        status,
        Some(content_type),
        body.as_bytes(),
    ) {
        Err(Error::Api(e)) => e,
        other => panic!("expected an API error, got {other:?}"),
    };
    for &code in CommonError::ALL {
        // The template with its placeholder filled in, as servers do.
        let message = code
            .message_template()
            .replace("<parameter name>", "PageSize");
        let json_body = format!(
            r#"{{"RequestId":"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx","HostId":"ess.aliyuncs.com","Code":"{}","Message":"{}"}}"#,
            code.code(),
            message
        );
        let xml_body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n  \
             <HostId>ess.aliyuncs.com</HostId>\n  <Code>{}</Code>\n  <Message>{}</Message>\n</Error>",
            code.code(),
            message
        );
        let from_json = api(code.http_status(), "application/json", &json_body);
        let from_xml = api(code.http_status(), "text/xml", &xml_body);
        assert_eq!(from_json, from_xml, "{code}");
        assert_eq!(from_json.code(), &code);
        assert_eq!(from_json.status(), code.http_status());
        assert_eq!(from_json.message(), message);
        assert_eq!(
            from_json.request_id(),
            Some("540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx")
        );
        assert_eq!(from_json.host_id(), Some("ess.aliyuncs.com"));
    }
}
