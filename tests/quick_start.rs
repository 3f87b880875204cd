//! The README's two quick starts, compiled against `catalogue::ess`: Auto
//! Scaling imported by `ess import meta` from its metadata alone, without
//! the vendor's pages. The vendor's common codes come with every such spec,
//! so the README's `E::Throttling` is a variant of each operation's enum.

use std::time::Duration;

use ess_runtime::{
    decode_operation, BodyErrorKind, Client, Code, Credentials, Error, ErrorCode, Format,
    Operation, RetryClass,
};
use ess_spec::catalogue::ess;
use ess_tests::server::Server;

use ess::describe_scaling_groups::request::Tag;
use ess::describe_scaling_groups::DescribeScalingGroupsError as E;

const ID: &str = "LTAI-test";
const SECRET: &str = "test-secret";

/// "Quick start: decoding", as the README writes it, with each arm named.
fn decoded(status: u16, content_type: Option<&str>, body: &[u8]) -> String {
    match decode_operation::<ess::DescribeScalingGroups>(status, content_type, body) {
        Ok(ok) => {
            let mut out = String::new();
            for group in &ok.body.scaling_groups {
                out += &format!(
                    "{:?} {:?} {:?};",
                    group.scaling_group_id, group.lifecycle_state, group.v_switch_ids
                );
            }
            out
        }
        Err(Error::Api(e)) if e.code() == &E::Throttling => "back off".into(),
        Err(Error::Api(e)) if matches!(e.code(), Code::Unknown(_)) => "unknown code".into(),
        Err(Error::Body(e)) if e.kind() == BodyErrorKind::Empty => "empty".into(),
        Err(e) if e.retry().may_resend(ess::DescribeScalingGroups::READ_ONLY) => "resend".into(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_throttling_body_is_the_operations_variant_in_both_formats() {
    let json = br#"{"RequestId":"R-1","Code":"Throttling","Message":"Request was denied due to request throttling."}"#;
    let xml = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>R-1</RequestId><Code>Throttling</Code><Message>Request was denied due to request throttling.</Message></Error>";
    assert_eq!(decoded(400, Some("application/json"), json), "back off");
    assert_eq!(decoded(400, Some("text/xml"), xml), "back off");
    assert_eq!(
        decoded(400, None, br#"{"Code":"NoSuchThing"}"#),
        "unknown code"
    );
    assert_eq!(decoded(503, None, b""), "empty");
    // The common codes keep `spec/common.json`'s statuses and retry classes.
    for (code, status, retry) in [
        (E::Throttling, 400, Some(RetryClass::Throttling)),
        (E::SignatureDoesNotMatch, 403, None),
        (E::ServiceUnavailable, 503, Some(RetryClass::Transient)),
    ] {
        assert_eq!(code.http_status(), status, "{code}");
        assert_eq!(code.retry_class(), retry, "{code}");
    }
}

/// "Quick start: a whole call", as the README writes it, against the local
/// fake of ESS (`ess serve`'s) that checks the signature and the parameters.
async fn call(client: &Client) -> String {
    let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou") // the required RegionId
        .page_size(50)
        .scaling_group_id(["asg-bp14wlu85wrpchm0****"]) // ScalingGroupId.1
        .tag([Tag {
            key: Some("env".into()),
            value: Some("prod".into()),
        }]); // Tag.1.Key, Tag.1.Value
    match client.call(request).await {
        Ok(ok) => format!("{} groups", ok.body.scaling_groups.len()),
        Err(Error::Api(e)) if e.code().as_str() == "SignatureDoesNotMatch" => {
            "check the secret".into()
        }
        Err(Error::Request(e)) => format!("not sent: {e}"),
        Err(e) => e.to_string(),
    }
}

#[tokio::test]
async fn the_call_quick_start_runs_against_the_local_service() {
    let server = Server::ess_signed(ID, SECRET);
    let client = |secret| {
        Client::builder("cn-hangzhou")
            .credentials(Credentials::new(ID, secret))
            .endpoint(server.endpoint())
            .format(Format::Xml)
            .retries(1, Duration::from_millis(1))
            .build()
            .unwrap()
    };
    // The service has five groups, and pages of 50 hold them all.
    assert_eq!(call(&client(SECRET)).await, "5 groups");
    assert_eq!(call(&client("wrong")).await, "check the secret");
}
