//! End to end over a real socket: the ESS-like service of
//! `tests/src/server.rs` on 127.0.0.1 (an OS-chosen port), which writes the
//! generated response types with their own writers, called with reqwest in
//! both formats, every outcome decoded into the operation's generated types
//! by `Decoder::decode_operation_reqwest` (and by its blocking twin). Each
//! test's server stops when the test ends.
#![deny(warnings)]

use std::time::Duration;

use ess_runtime::{Decoder, Error, ErrorCode, Format, Operation, RetryKind, Success};
use ess_spec::{ess, CommonError};
use ess_tests::server::Server;

const FORMATS: [&str; 2] = ["XML", "JSON"];
const REQUEST_ID: &str = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E";

type Outcome<O> = Result<Success<<O as Operation>::Response>, Error<<O as Operation>::Error>>;

async fn call<O: Operation>(url: &str) -> Outcome<O> {
    let response = reqwest::get(url).await.expect("the local server answers");
    Decoder::new().decode_operation_reqwest::<O>(response).await
}

#[tokio::test]
async fn actions_decode_to_the_same_values_in_both_formats() {
    let server = Server::start(0).await;
    let mut described = Vec::new();
    for format in FORMATS {
        let url = server.url("DescribeScalingGroups", format, "&ScalingGroupName=web");
        let ok = call::<ess::DescribeScalingGroups>(&url).await.unwrap();
        assert_eq!(ok.request_id.as_deref(), Some(REQUEST_ID));
        assert_eq!(ok.body.request_id.as_deref(), Some(REQUEST_ID));
        assert_eq!(ok.body.total_count, Some(2));
        let groups = &ok.body.scaling_groups;
        assert_eq!(groups[0].scaling_group_name.as_deref(), Some("web"));
        assert_eq!(groups[0].load_balancer_ids, ["lb-1"]);
        assert!(groups[1].load_balancer_ids.is_empty());
        assert_eq!(groups[1].max_size, Some(5));
        described.push(ok);

        let created =
            call::<ess::CreateScalingGroup>(&server.url("CreateScalingGroup", format, ""))
                .await
                .unwrap();
        assert_eq!(created.body.scaling_group_id.as_deref(), Some("asg-new"));
        let deleted =
            call::<ess::DeleteScalingGroup>(&server.url("DeleteScalingGroup", format, ""))
                .await
                .unwrap();
        assert_eq!(deleted.request_id.as_deref(), Some(REQUEST_ID));
    }
    assert_eq!(described[0], described[1]);
    assert_eq!(server.requests(), 6);
}

#[tokio::test]
async fn every_common_error_is_typed_in_both_formats() {
    let server = Server::start(0).await;
    for format in FORMATS {
        for &code in CommonError::ALL {
            let url = server.url(
                "DescribeScalingGroups",
                format,
                &format!("&Fault={}", code.code()),
            );
            let e = call::<ess::DescribeScalingGroups>(&url).await.unwrap_err();
            let api = e.api().unwrap_or_else(|| panic!("{format} {code}: {e}"));
            // The operation's own enum has the common codes, with their
            // statuses.
            assert!(api.code().known().is_some(), "{format} {code}");
            assert_eq!(api.code().as_str(), code.code(), "{format}");
            assert_eq!(api.status(), code.http_status());
            assert_eq!(
                api.message(),
                code.message_template()
                    .replace("<parameter name>", "ScalingGroupId")
            );
            assert_eq!(api.request_id(), Some(REQUEST_ID));
            assert_eq!(api.host_id(), Some("ess.aliyuncs.com"));
            assert!(api
                .recommend()
                .unwrap()
                .ends_with("action=DescribeScalingGroups"));
            let expected = match code {
                CommonError::Throttling => RetryKind::Throttling,
                CommonError::InternalError | CommonError::ServiceUnavailable => {
                    RetryKind::Transient
                }
                _ => RetryKind::Client,
            };
            assert_eq!(e.retry().kind, expected, "{code}");
        }
    }
}

#[tokio::test]
async fn unknown_codes_and_broken_bodies_are_typed_too() {
    let server = Server::start(0).await;
    for format in FORMATS {
        let e = call::<ess::DescribeScalingGroups>(&server.url(
            "DescribeScalingGroups",
            format,
            "&Fault=Unknown",
        ))
        .await
        .unwrap_err();
        let code = e.code().unwrap();
        assert_eq!((code.known(), code.as_str()), (None, "Forbidden.NewPolicy"));
        assert_eq!(e.retry().kind, RetryKind::Client);

        let e = call::<ess::DescribeScalingGroups>(&server.url(
            "DescribeScalingGroups",
            format,
            "&Fault=Html502",
        ))
        .await
        .unwrap_err();
        let Error::Body(body) = &e else { panic!("{e}") };
        assert_eq!((body.status(), body.format()), (502, Some(Format::Xml)));
        assert_eq!(e.retry().kind, RetryKind::Transient);

        let e = call::<ess::DescribeScalingGroups>(&server.url(
            "DescribeScalingGroups",
            format,
            "&Fault=Empty503",
        ))
        .await
        .unwrap_err();
        let Error::Body(body) = &e else { panic!("{e}") };
        assert_eq!((body.status(), body.message()), (503, "the body is empty"));
        assert!(e.retry().is_retryable());

        let e = call::<ess::DescribeScalingGroups>(&server.url(
            "DescribeScalingGroups",
            format,
            "&Fault=Truncated",
        ))
        .await
        .unwrap_err();
        let Error::Body(body) = &e else { panic!("{e}") };
        assert_eq!(body.status(), 200);
        assert_eq!(
            body.format(),
            Some(if format == "XML" {
                Format::Xml
            } else {
                Format::Json
            })
        );
        assert_eq!(e.retry().kind, RetryKind::NotRetryable);
    }
}

#[tokio::test]
async fn a_throttled_call_says_how_long_to_wait_and_then_succeeds() {
    let server = Server::start(2).await;
    let url = server.url("DescribeScalingGroups", "JSON", "");
    let mut waits = Vec::new();
    let ok = loop {
        match call::<ess::DescribeScalingGroups>(&url).await {
            Ok(ok) => break ok,
            Err(e) => {
                let advice = e.retry();
                assert_eq!(advice.kind, RetryKind::Throttling, "{e}");
                assert_eq!(e.status(), Some(400), "the vendor throttles with 400");
                let wait = advice.after.expect("the server sends x-acs-retry-after");
                waits.push(wait);
                tokio::time::sleep(wait).await;
            }
        }
    };
    assert_eq!(ok.body.total_count, Some(2));
    assert_eq!(waits, [Duration::from_millis(20); 2]);
    assert_eq!(server.requests(), 3);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_while_reading() {
    let server = Server::start(0).await;
    let response = reqwest::get(server.url("DescribeScalingGroups", "XML", ""))
        .await
        .unwrap();
    let e = Decoder::new()
        .max_body_size(64)
        .decode_operation_reqwest::<ess::DescribeScalingGroups>(response)
        .await
        .unwrap_err();
    let Error::Body(body) = &e else { panic!("{e}") };
    assert!(body.message().contains("more than the limit of 64"), "{e}");
}

#[tokio::test]
async fn the_blocking_client_gets_the_same_outcomes() {
    let server = Server::start(1).await;
    let mut urls = Vec::new();
    for format in FORMATS {
        // The first call of all is throttled.
        urls.push(server.url("DescribeScalingGroups", format, ""));
        let faults = CommonError::ALL.iter().map(|code| code.code());
        for fault in faults.chain(["Unknown", "Html502", "Empty503", "Truncated"]) {
            urls.push(server.url("DescribeScalingGroups", format, &format!("&Fault={fault}")));
        }
    }
    // reqwest's blocking client runs its own runtime: keep it off this one.
    let blocking_urls = urls.clone();
    let blocking = tokio::task::spawn_blocking(move || {
        blocking_urls
            .iter()
            .map(|url| {
                let response = reqwest::blocking::get(url).expect("the local server answers");
                Decoder::new()
                    .decode_operation_reqwest_blocking::<ess::DescribeScalingGroups>(response)
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    let throttled = blocking[0].as_ref().unwrap_err();
    assert_eq!(
        throttled.code().unwrap(),
        &ess::describe_scaling_groups::DescribeScalingGroupsError::Throttling
    );
    assert_eq!(throttled.retry().after, Some(Duration::from_millis(20)));
    for (url, outcome) in urls.iter().zip(&blocking).skip(1) {
        assert_eq!(
            outcome,
            &call::<ess::DescribeScalingGroups>(url).await,
            "{url}"
        );
    }
    // The second format's plain call is the success compared above.
    assert!(blocking[urls.len() / 2].is_ok());
    assert_eq!(server.requests(), 2 * urls.len() - 1);
}
