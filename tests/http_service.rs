//! End to end over a real socket: `ess serve`'s fake of ESS
//! (`tests/src/server.rs`) on 127.0.0.1 (an OS-chosen port), called with
//! reqwest in both formats, its errors and faults injected by its options,
//! every outcome decoded into the operation's generated types by
//! `Decoder::decode_operation_reqwest` (and by its blocking twin). Each
//! test's server stops when the test ends.
#![deny(warnings)]

use std::time::Duration;

use ess_cli::serve::{Faults, InjectedError};
use ess_runtime::{Decoder, Error, ErrorCode, Format, Operation, RetryKind, Success};
use ess_spec::{ess, CommonError};
use ess_tests::server::Server;

const FORMATS: [&str; 2] = ["XML", "JSON"];

/// A fake of ESS whose every operation answers `error`
/// (`OPERATION=CODE[:STATUS]`).
fn answering(error: &str) -> Server {
    let injected = InjectedError::parse(ess_tests::ess_spec(), error).unwrap();
    Server::ess(Faults {
        errors: vec![injected],
        ..Faults::default()
    })
}

/// A fake of ESS with one fault always on.
fn always(fault: fn(&mut Faults)) -> Server {
    let mut faults = Faults::default();
    fault(&mut faults);
    Server::ess(faults)
}

type Outcome<O> = Result<Success<<O as Operation>::Response>, Error<<O as Operation>::Error>>;

async fn call<O: Operation>(url: &str) -> Outcome<O> {
    let response = reqwest::get(url).await.expect("the local server answers");
    Decoder::new().decode_operation_reqwest::<O>(response).await
}

#[tokio::test]
async fn actions_decode_to_the_same_values_in_both_formats() {
    let server = Server::ess(Faults::default());
    let mut described = Vec::new();
    for format in FORMATS {
        let url = server.url("DescribeScalingGroups", format, "&ScalingGroupName=web");
        let mut ok = call::<ess::DescribeScalingGroups>(&url).await.unwrap();
        assert!(ok
            .request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("ess-serve-")));
        assert_eq!(ok.body.request_id, ok.request_id);
        assert_eq!(ok.body.total_count, Some(5));
        let groups = &ok.body.scaling_groups;
        assert_eq!(groups[0].scaling_group_name.as_deref(), Some("web"));
        assert_eq!(groups[0].load_balancer_ids, ["lb-1"]);
        assert!(groups[1].load_balancer_ids.is_empty());
        assert_eq!(groups[1].max_size, Some(5));
        // Each answer has its own request id; the rest is the same.
        ok.request_id = None;
        ok.body.request_id = None;
        described.push(ok);

        let created = call::<ess::CreateScalingGroup>(&server.url(
            "CreateScalingGroup",
            format,
            "&MinSize=0&MaxSize=2",
        ))
        .await
        .unwrap();
        assert_eq!(created.body.scaling_group_id.as_deref(), Some("asg-new"));
        let deleted = call::<ess::DeleteScalingGroup>(&server.url(
            "DeleteScalingGroup",
            format,
            "&ScalingGroupId=asg-1",
        ))
        .await
        .unwrap();
        assert_eq!(deleted.request_id, deleted.body.request_id);
        assert!(deleted.request_id.is_some());
    }
    assert_eq!(described[0], described[1]);
    assert_eq!(server.requests(), 6);
}

#[tokio::test]
async fn every_common_error_is_typed_in_both_formats() {
    for &code in CommonError::ALL {
        let server = answering(&format!("DescribeScalingGroups={}", code.code()));
        for format in FORMATS {
            let url = server.url("DescribeScalingGroups", format, "");
            let e = call::<ess::DescribeScalingGroups>(&url).await.unwrap_err();
            let api = e.api().unwrap_or_else(|| panic!("{format} {code}: {e}"));
            // The operation's own enum has the common codes, with their
            // statuses.
            assert!(api.code().known().is_some(), "{format} {code}");
            assert_eq!(api.code().as_str(), code.code(), "{format}");
            assert_eq!(api.status(), code.http_status());
            assert_eq!(api.message(), code.message_template());
            assert!(api
                .request_id()
                .is_some_and(|id| id.starts_with("ess-serve-")));
            assert_eq!(api.host_id(), Some(server.host().as_str()));
            let recommend = api.recommend().unwrap();
            assert!(
                recommend.contains(&format!("q={}&", code.code()))
                    && recommend.ends_with("action=DescribeScalingGroups"),
                "{recommend}"
            );
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
    let unknown = answering("*=Forbidden.NewPolicy:403");
    let html = always(|f| f.html = 1.0);
    let empty = always(|f| f.empty = 1.0);
    let truncated = always(|f| f.truncate = 1.0);
    for format in FORMATS {
        let e =
            call::<ess::DescribeScalingGroups>(&unknown.url("DescribeScalingGroups", format, ""))
                .await
                .unwrap_err();
        let code = e.code().unwrap();
        assert_eq!((code.known(), code.as_str()), (None, "Forbidden.NewPolicy"));
        assert_eq!(e.status(), Some(403));
        assert_eq!(e.retry().kind, RetryKind::Client);

        let e = call::<ess::DescribeScalingGroups>(&html.url("DescribeScalingGroups", format, ""))
            .await
            .unwrap_err();
        let Error::Body(body) = &e else { panic!("{e}") };
        assert_eq!((body.status(), body.format()), (502, Some(Format::Xml)));
        assert_eq!(e.retry().kind, RetryKind::Transient);

        let e = call::<ess::DescribeScalingGroups>(&empty.url("DescribeScalingGroups", format, ""))
            .await
            .unwrap_err();
        let Error::Body(body) = &e else { panic!("{e}") };
        assert_eq!((body.status(), body.message()), (503, "the body is empty"));
        assert!(e.retry().is_retryable());

        let e =
            call::<ess::DescribeScalingGroups>(&truncated.url("DescribeScalingGroups", format, ""))
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
    let server = always(|f| f.throttle_first = 2);
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
    assert_eq!(ok.body.total_count, Some(5));
    assert_eq!(waits, [Duration::from_millis(100); 2]);
    assert_eq!(server.requests(), 3);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_while_reading() {
    let server = Server::ess(Faults::default());
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
    let mut servers = vec![always(|f| f.throttle_first = 1)];
    for code in CommonError::ALL {
        servers.push(answering(&format!("*={}", code.code())));
    }
    servers.push(answering("*=Forbidden.NewPolicy:403"));
    servers.push(always(|f| f.html = 1.0));
    servers.push(always(|f| f.empty = 1.0));
    servers.push(always(|f| f.truncate = 1.0));
    let mut urls = Vec::new();
    for format in FORMATS {
        // The first call of all is throttled.
        for server in &servers {
            urls.push(server.url("DescribeScalingGroups", format, ""));
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
    assert_eq!(throttled.retry().after, Some(Duration::from_millis(100)));
    for (url, outcome) in urls.iter().zip(&blocking).skip(1) {
        assert_eq!(
            without_request_id(outcome),
            without_request_id(&call::<ess::DescribeScalingGroups>(url).await),
            "{url}"
        );
    }
    // The second format's plain call is the success compared above.
    assert!(blocking[urls.len() / 2].is_ok());
    let requests: usize = servers.iter().map(Server::requests).sum();
    assert_eq!(requests, 2 * urls.len() - 1);
}

/// An outcome without the request ids, which differ from call to call.
fn without_request_id(outcome: &Outcome<ess::DescribeScalingGroups>) -> String {
    let shown = format!("{outcome:?}");
    let mut out = String::new();
    let mut rest = shown.as_str();
    while let Some(at) = rest.find("ess-serve-") {
        out.push_str(&rest[..at]);
        rest = rest[at..].trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '-');
    }
    out + rest
}
