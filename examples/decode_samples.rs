//! The main job: decodes the vendor's own sample responses, in XML and in
//! JSON, success and error, into typed Rust values and prints them.
//!
//! Run with `cargo run --example decode_samples`.

use ess_runtime::{decode, Code, Error, ErrorCode};
use ess_spec::CommonError;
use serde::Deserialize;

/// The fields of DescribeScalingGroups that this program prints.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingGroups {
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(default, with = "ess_runtime::list")]
    scaling_groups: Vec<ScalingGroup>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScalingGroup {
    scaling_group_id: String,
    lifecycle_state: String,
    #[serde(with = "ess_runtime::lenient")]
    max_size: u32,
    #[serde(default, with = "ess_runtime::list")]
    load_balancer_ids: Vec<String>,
    #[serde(rename = "DBInstanceIds", default, with = "ess_runtime::list")]
    db_instance_ids: Vec<String>,
}

fn main() {
    for (file, content_type) in [
        ("DescribeScalingGroups.xml", "text/xml"),
        ("DescribeScalingGroups.json", "application/json"),
    ] {
        let body = std::fs::read(ess_tests::fixture(&format!("aliyun/success/{file}")))
            .expect("the sample is in the repository");
        match decode::<DescribeScalingGroups, CommonError>(200, Some(content_type), &body) {
            Ok(success) => {
                println!(
                    "{file}: request {}",
                    success.request_id.as_deref().unwrap_or("-")
                );
                println!("  {:#?}", success.body);
            }
            Err(e) => println!("{file}: {e}"),
        }
    }

    // The seed page's error sample, in both formats, and two bodies that are
    // not responses at all.
    let error_json = br#"{"RequestId": "540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx", "HostId": "ess.aliyuncs.com",
        "Code": "InternalError", "Message": "The request processing has failed due to some unknown error, exception or failure."}"#;
    let error_xml = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\
        <HostId>ess.aliyuncs.com</HostId><Code>Throttling</Code><Message>Request was denied due to request throttling.</Message></Error>";
    let unknown = br#"{"RequestId": "7E3B", "Code": "Forbidden.NewPolicy", "Message": "A code the spec does not know."}"#;
    let gateway =
        b"<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>";
    for (what, status, content_type, body) in [
        ("JSON error", 500, "application/json", &error_json[..]),
        ("XML error", 400, "text/xml", &error_xml[..]),
        ("unknown code", 403, "application/json", &unknown[..]),
        ("gateway page", 502, "text/html", &gateway[..]),
        ("empty body", 503, "application/json", &b""[..]),
    ] {
        match decode::<DescribeScalingGroups, CommonError>(status, Some(content_type), body) {
            Ok(success) => println!("{what}: unexpected success {success:?}"),
            Err(Error::Api(e)) => {
                println!("{what}: {e}");
                let known = match e.code() {
                    Code::Known(code) => format!("{code:?}, spec status {}", code.http_status()),
                    Code::Unknown(code) => format!("not in the spec: {code:?}"),
                };
                println!("  code: {known}; retry: {:?}", e.retry().kind);
            }
            Err(Error::Body(e)) => println!("{what}: {e}"),
        }
    }
}
