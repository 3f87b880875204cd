//! Error responses and bodies that are neither success nor error, in both
//! formats: what a client meets when a call fails.
#![deny(warnings)]

use ess_runtime::{
    decode, error_enum, BodyErrorKind, Code, Decoder, Error, Format, RetryBasis, RetryKind, Success,
};
use serde_json::Value;

/// Codes of the common spec, with their statuses and retry classes.
#[error_enum(spec_json = r#"{ "errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied due to request throttling.", "retry": "throttling" },
    { "code": "InvalidParameter", "http_status": 400, "message": "The specified value of parameter <parameter name> is not valid." },
    { "code": "Forbidden", "http_status": 403, "message": "User not authorized to operate on the specified resource." },
    { "code": "InternalError", "http_status": 500, "message": "The request processing has failed due to some unknown error, exception or failure.", "retry": "transient" },
    { "code": "ServiceUnavailable", "http_status": 503, "message": "The request has failed due to a temporary failure of the server.", "retry": "transient" }
] }"#)]
enum CommonError {}

type Outcome = Result<Success<Value>, Error<CommonError>>;

fn json(status: u16, body: &str) -> Outcome {
    decode(
        status,
        Some("application/json;charset=utf-8"),
        body.as_bytes(),
    )
}

fn xml(status: u16, body: &str) -> Outcome {
    decode(status, Some("text/xml"), body.as_bytes())
}

fn api(outcome: Outcome) -> ess_runtime::ApiError<CommonError> {
    match outcome {
        Err(Error::Api(e)) => e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn body_error(outcome: Outcome) -> ess_runtime::BodyError {
    match outcome {
        Err(Error::Body(e)) => e,
        other => panic!("expected a body error, got {other:?}"),
    }
}

#[test]
fn the_seed_page_error_sample_decodes() {
    let e = api(json(
        500,
        r#"{
            "RequestId": "540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx",
            "HostId": "ess.aliyuncs.com",
            "Code": "InternalError",
            "Message": "The request processing has failed due to some unknown error, exception or failure."
        }"#,
    ));
    assert_eq!(e.code(), &CommonError::InternalError);
    assert_eq!(
        (e.retry().kind, e.retry().basis),
        (RetryKind::Transient, RetryBasis::Spec)
    );
    assert_eq!(
        e.to_string(),
        "InternalError (HTTP 500): The request processing has failed due to some unknown error, \
         exception or failure. [request id 540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx]"
    );
}

#[test]
fn unknown_codes_are_kept_as_sent() {
    let body = r#"{"RequestId":"R1","Code":"Forbidden.NewPolicy","Message":"A new rule."}"#;
    let e = api(json(403, body));
    assert_eq!(e.code(), &Code::Unknown("Forbidden.NewPolicy".into()));
    assert_eq!(e.code().as_str(), "Forbidden.NewPolicy");
    assert!(!e.is_retryable());
    assert_eq!(
        e.to_string(),
        "Forbidden.NewPolicy (HTTP 403): A new rule. [request id R1]"
    );
}

#[test]
fn recommend_in_cdata_and_access_denied_detail_in_either_casing() {
    let xml_body = "<Error><RequestId>R2</RequestId><Code>Forbidden</Code><Message>No.</Message>\
        <Recommend><![CDATA[https://next.api.aliyun.com/troubleshoot?q=Forbidden&product=Ess]]></Recommend>\
        <AccessDeniedDetail><PolicyType>AccountLevelIdentityBasedPolicy</PolicyType>\
        <AuthAction>ess:DescribeScalingGroups</AuthAction><NoPermissionType>ImplicitDeny</NoPermissionType></AccessDeniedDetail></Error>";
    let json_body = r#"{"RequestId":"R2","Code":"Forbidden","Message":"No.",
        "Recommend":"https://next.api.aliyun.com/troubleshoot?q=Forbidden&product=Ess",
        "accessDeniedDetail":{"PolicyType":"AccountLevelIdentityBasedPolicy","AuthAction":"ess:DescribeScalingGroups",
        "NoPermissionType":"ImplicitDeny"}}"#;
    let from_xml = api(xml(403, xml_body));
    let from_json = api(json(403, json_body));
    assert_eq!(from_xml, from_json);
    assert_eq!(
        from_xml.recommend(),
        Some("https://next.api.aliyun.com/troubleshoot?q=Forbidden&product=Ess")
    );
    let detail = from_json.access_denied_detail().unwrap();
    assert_eq!(detail["AuthAction"], "ess:DescribeScalingGroups");
}

#[test]
fn access_denied_detail_keeps_json_value_types() {
    let body = r#"{"Code":"Forbidden","Message":"m","AccessDeniedDetail":
        {"AuthPrincipalType":"SubUser","Count":3,"Encoded":true,"Nested":{"Ids":[1,"two",null]}}}"#;
    let e = api(json(403, body));
    let detail = e.access_denied_detail().unwrap();
    assert_eq!(detail["Count"], 3);
    assert_eq!(detail["Encoded"], true);
    assert_eq!(detail["Nested"]["Ids"], serde_json::json!([1, "two", null]));
}

#[test]
fn numeric_codes_and_errors_wrapped_in_the_action_root() {
    let e = api(json(400, r#"{"Code":400,"Message":"Bad request."}"#));
    assert_eq!(e.code(), &Code::Unknown("400".into()));
    let e = api(xml(
        400,
        "<DescribeScalingGroupsResponse><RequestId>R3</RequestId><Code>Throttling</Code>\
         <Message>Request was denied due to request throttling.</Message></DescribeScalingGroupsResponse>",
    ));
    assert_eq!(e.code(), &CommonError::Throttling);
    assert_eq!(e.retry().kind, RetryKind::Throttling);
}

#[test]
fn retry_comes_from_the_spec_then_throttling_codes_then_the_status() {
    let retry = |status, code: &str| {
        let advice = api(json(
            status,
            &format!(r#"{{"Code":"{code}","Message":"m"}}"#),
        ))
        .retry();
        (advice.kind, advice.basis)
    };
    use RetryBasis::*;
    use RetryKind::*;
    assert_eq!(retry(400, "Throttling"), (Throttling, Spec));
    assert_eq!(retry(400, "Throttling.User"), (Throttling, CodeName));
    assert_eq!(retry(503, "ServiceUnavailable"), (Transient, Spec));
    assert_eq!(retry(502, "SomethingNew"), (Transient, Status));
    assert_eq!(retry(501, "SomethingNew"), (NotRetryable, Status));
    assert_eq!(retry(400, "InvalidParameter"), (Client, Status));
    assert_eq!(retry(403, "Forbidden"), (Client, Status));
}

#[test]
fn a_gateway_html_page_is_a_body_error_that_names_the_root() {
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";
    let e = body_error(decode::<Value, CommonError>(
        502,
        Some("text/html"),
        page.as_bytes(),
    ));
    assert_eq!(e.status(), 502);
    assert_eq!(e.kind(), BodyErrorKind::NoEnvelope);
    assert_eq!(e.format(), Some(Format::Xml));
    assert!(e.message().contains("the root element is <html>"), "{e}");
    assert!(e.snippet().starts_with("<html>"), "{e}");
}

#[test]
fn an_html_page_that_is_not_xml_points_at_the_problem() {
    let page = "<!DOCTYPE html><html><body><br><p>Bad Gateway</body></html>";
    let e = body_error(decode::<Value, CommonError>(502, None, page.as_bytes()));
    assert_eq!(e.kind(), BodyErrorKind::Malformed);
    assert_eq!(e.format(), Some(Format::Xml));
    let at = e.location().unwrap();
    // `</body>` closes while `<p>` and `<br>` are open; it starts at byte 45.
    assert_eq!((at.line, at.offset), (1, 45), "{e}");
    assert!(
        e.to_string()
            .starts_with("HTTP 502: cannot decode the body as XML: "),
        "{e}"
    );
}

#[test]
fn empty_bodies_are_body_errors() {
    // The format is the declared one, or none when there was nothing to sniff.
    for (content_type, format) in [
        (None, None),
        (Some("application/json"), Some(Format::Json)),
        (Some("text/xml"), Some(Format::Xml)),
    ] {
        let e = body_error(decode::<Value, CommonError>(503, content_type, b""));
        assert_eq!(e.kind(), BodyErrorKind::Empty);
        assert_eq!((e.status(), e.message()), (503, "the body is empty"));
        assert_eq!(e.format(), format);
        let e = body_error(decode::<Value, CommonError>(503, content_type, b" \r\n "));
        assert_eq!((e.message(), e.format()), ("the body is empty", format));
    }
}

#[test]
fn truncated_json_says_where_it_ends() {
    let body = "{\"RequestId\": \"R4\",\n \"Code\": \"Throttling\",\n \"Message\": \"Request was";
    let e = body_error(json(400, body));
    assert_eq!(e.kind(), BodyErrorKind::Truncated);
    assert_eq!(e.format(), Some(Format::Json));
    assert_eq!(e.location().unwrap().line, 3);
    assert!(e.message().contains("EOF"), "{e}");
    assert!(e.snippet().ends_with("Request was"), "{e}");
}

#[test]
fn a_json_array_is_not_an_envelope() {
    let e = body_error(json(200, " [1, 2]"));
    assert_eq!(e.kind(), BodyErrorKind::Shape);
    assert_eq!(e.message(), "expected a JSON object, found an array");
    assert_eq!(e.location().unwrap().offset, 1);
    let e = body_error(json(400, "[{\"Code\": \"Throttling\"}]"));
    assert_eq!(e.kind(), BodyErrorKind::NoEnvelope);
    assert_eq!(
        e.message(),
        "expected an error envelope (a JSON object), found an array"
    );
}

#[test]
fn xml_with_a_wrong_root_for_an_error_is_a_body_error() {
    let e = body_error(xml(404, "<NotFound><Reason>gone</Reason></NotFound>"));
    assert_eq!(e.kind(), BodyErrorKind::NoEnvelope);
    assert_eq!(
        e.message(),
        "an error status without an error envelope (no `Code`); the root element is <NotFound>"
    );
}

#[test]
fn an_error_status_with_a_json_body_without_code_is_a_body_error() {
    for body in [
        r#"{"RequestId": "R5"}"#,
        r#"{"RequestId": "R5", "Code": null}"#,
        r#"{"RequestId": "R5", "Code": ""}"#,
    ] {
        let e = body_error(json(500, body));
        assert_eq!(e.kind(), BodyErrorKind::NoEnvelope, "{body}");
        assert_eq!(
            e.message(),
            "an error status without an error envelope (no `Code`)",
            "{body}"
        );
    }
    let e = body_error(xml(500, "<Error><Code/><Message>m</Message></Error>"));
    assert_eq!(
        e.message(),
        "an error status without an error envelope (no `Code`); the root element is <Error>"
    );
}

#[test]
fn escaped_and_plain_text_give_the_same_fields_and_empty_ones_are_absent() {
    // Escapes make the decoders hand over owned text instead of borrowing
    // the body; every field must come out the same either way.
    let from_json = api(json(
        400,
        r#"{"Code":"InvalidParameter","Message":"The \"Name\" is <bad> & \u00e9",
            "RequestId":"R\u0036","HostId":"","Recommend":"https://x/?a=1&b=2"}"#,
    ));
    let from_xml = api(xml(
        400,
        "<Error><Code>InvalidParameter</Code><Message>The \"Name\" is &lt;bad&gt; &amp; &#xE9;</Message>\
         <RequestId>R6</RequestId><HostId/><Recommend>https://x/?a=1&amp;b=2</Recommend></Error>",
    ));
    assert_eq!(from_json, from_xml);
    assert_eq!(from_json.message(), "The \"Name\" is <bad> & \u{e9}");
    assert_eq!(from_json.request_id(), Some("R6"));
    assert_eq!(from_json.host_id(), None);
    assert_eq!(from_json.recommend(), Some("https://x/?a=1&b=2"));
    let bare = api(json(400, r#"{"Code":"InvalidParameter"}"#));
    assert_eq!(bare.message(), "");
    assert_eq!(
        (bare.request_id(), bare.host_id(), bare.recommend()),
        (None, None, None)
    );
}

#[test]
fn character_references_name_any_unicode_scalar_value_and_nothing_else() {
    // NUL too: JSON can carry it, so XML has to for the formats to agree.
    let from_json = api(json(
        400,
        r#"{"Code":"InvalidParameter","Message":"a\u0000b\u0001c"}"#,
    ));
    let from_xml = api(xml(
        400,
        "<Error><Code>InvalidParameter</Code><Message>a&#x0;b&#1;c</Message></Error>",
    ));
    assert_eq!(from_json, from_xml);
    assert_eq!(from_xml.message(), "a\0b\u{1}c");
    for bad in [
        "&#xD800;",
        "&#x110000;",
        "&#x;",
        "&#;",
        "&#x+41;",
        "&#-65;",
        "&#xG;",
        "&#99999999999;",
    ] {
        let body = format!("<Error><Code>InvalidParameter</Code><Message>{bad}</Message></Error>");
        let e = body_error(xml(400, &body));
        assert_eq!(e.kind(), BodyErrorKind::Malformed, "{bad}");
        assert!(
            e.to_string().contains("is not a character reference"),
            "{bad}: {e}"
        );
    }
}

#[test]
fn debug_output_names_each_field() {
    let e = api(json(
        503,
        r#"{"Code":"ServiceUnavailable","Message":"Try later.","RequestId":"R7","HostId":"ess.aliyuncs.com"}"#,
    ));
    assert_eq!(
        format!("{e:?}"),
        "ApiError { status: 503, code: Known(ServiceUnavailable), message: \"Try later.\", \
         request_id: Some(\"R7\"), host_id: Some(\"ess.aliyuncs.com\"), recommend: None, \
         access_denied_detail: None, retry_after: None }"
    );
}

#[test]
fn codes_deserialize_by_themselves_from_strings_and_numbers() {
    let known: Code<CommonError> = serde_json::from_str(r#""Throttling""#).unwrap();
    assert_eq!(known, Code::<CommonError>::Known(CommonError::Throttling));
    let unknown: Code<CommonError> = serde_json::from_str(r#""Throttling.New""#).unwrap();
    assert_eq!(unknown, Code::Unknown("Throttling.New".into()));
    let number: Code<CommonError> = serde_json::from_str("-7").unwrap();
    assert_eq!(number.as_str(), "-7");
    let e = serde_json::from_str::<Code<CommonError>>("[1]").unwrap_err();
    assert!(
        e.to_string()
            .contains("an error code (a string or an integer)"),
        "{e}"
    );
}

#[test]
fn text_that_is_neither_format_is_refused_with_a_snippet() {
    let e = body_error(decode::<Value, CommonError>(
        502,
        Some("text/plain"),
        b"Bad Gateway\n",
    ));
    assert_eq!(e.format(), None);
    assert_eq!(e.kind(), BodyErrorKind::UnknownFormat);
    assert_eq!(e.message(), "the body is neither JSON nor XML");
    assert_eq!(e.snippet(), "Bad Gateway\\n");
}

#[test]
fn the_format_override_wins_over_content_type_and_sniffing() {
    let body = br#"{"RequestId":"R6"}"#;
    let e = body_error(
        Decoder::new()
            .format(Format::Xml)
            .decode::<Value, CommonError>(200, Some("application/json"), body),
    );
    assert_eq!(e.format(), Some(Format::Xml));
    let ok: Success<Value> = Decoder::new()
        .format(Format::Json)
        .decode::<_, CommonError>(200, Some("text/xml"), body)
        .unwrap();
    assert_eq!(ok.request_id.as_deref(), Some("R6"));
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let ok: Success<Value> =
        decode::<_, CommonError>(200, None, b"\xEF\xBB\xBF{\"RequestId\":\"R7\"}").unwrap();
    assert_eq!(ok.request_id.as_deref(), Some("R7"));
    let ok: Success<Value> =
        decode::<_, CommonError>(200, None, b"\xEF\xBB\xBF<R><RequestId>R8</RequestId></R>")
            .unwrap();
    assert_eq!(ok.request_id.as_deref(), Some("R8"));
}

#[test]
fn bodies_over_the_limit_are_refused_before_parsing() {
    let body = format!("{{\"RequestId\": \"{}\"}}", "x".repeat(2000));
    let e = body_error(
        Decoder::new()
            .max_body_size(1024)
            .decode::<Value, CommonError>(200, None, body.as_bytes()),
    );
    assert_eq!(e.kind(), BodyErrorKind::TooLarge);
    assert_eq!(
        e.message(),
        format!(
            "the body has at least {} bytes, more than the limit of 1024",
            body.len()
        )
    );
    assert_eq!(e.location(), None);
}

#[test]
fn a_million_levels_of_nesting_are_an_error_not_a_stack_overflow() {
    let deep_json = "[".repeat(1_000_000);
    let body = format!("{{\"RequestId\": \"R\", \"X\": {deep_json}");
    let e = body_error(json(200, &body));
    assert_eq!(e.kind(), BodyErrorKind::Malformed);
    assert!(e.message().contains("recursion limit"), "{e}");
    let deep_xml = "<a>".repeat(1_000_000);
    let e = body_error(xml(200, &deep_xml));
    assert_eq!(e.kind(), BodyErrorKind::Malformed);
    assert_eq!(
        e.message(),
        "elements are nested deeper than the limit of 64"
    );
}

#[test]
fn xml_predefined_entities_and_character_references_are_read_and_dtd_entities_are_not() {
    let ok: Success<Value> = xml(
        200,
        "<!DOCTYPE r><R><RequestId>a&lt;b&amp;c&#x4E2D;&#25991;&quot;&apos;&gt;</RequestId></R>",
    )
    .unwrap();
    assert_eq!(ok.request_id.as_deref(), Some("a<b&c中文\"'>"));
    let e = body_error(xml(
        200,
        "<!DOCTYPE r [<!ENTITY x \"boom\">]><R><RequestId>&x;</RequestId></R>",
    ));
    assert!(
        e.message().contains("DTD entities are never expanded"),
        "{e}"
    );
}
