//! User code that takes a `Client`, tested without the cloud: with typed
//! mocks (feature `mock`), with no socket, through the client's whole path
//! (encoding, signing, the decoder, retries, pages), in both formats; and
//! against `ess serve`'s server over HTTP on 127.0.0.1. An RPC product
//! (ESS) and a ROA one (CS).

use std::time::Duration;

use ess::create_scaling_group::CreateScalingGroupError;
use ess::describe_scaling_groups::{
    DescribeScalingGroupsError, DescribeScalingGroupsResponse, ScalingGroup,
};
use std::sync::Arc;

use ess_cli::serve::{KeySource, Options, Running, Server};
use ess_runtime::mock::Mock;
use ess_runtime::{Client, Credentials, Error, ErrorCode, Format};
use ess_spec::ess;

/// The code under test, as a user writes it: every scaling group's id,
/// page by page.
async fn all_group_ids(client: &Client) -> Result<Vec<String>, Error<DescribeScalingGroupsError>> {
    let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou").page_size(2);
    let mut pages = client.pages(request);
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        ids.extend(
            page?
                .body
                .scaling_groups
                .into_iter()
                .filter_map(|g| g.scaling_group_id),
        );
    }
    Ok(ids)
}

fn page(number: i32, ids: &[&str]) -> DescribeScalingGroupsResponse {
    DescribeScalingGroupsResponse {
        request_id: Some(format!("page-{number}")),
        page_number: Some(number),
        page_size: Some(2),
        total_count: Some(3),
        scaling_groups: ids
            .iter()
            .map(|id| ScalingGroup {
                scaling_group_id: Some((*id).to_owned()),
                ..ScalingGroup::default()
            })
            .collect(),
    }
}

fn client(mock: &Mock, format: Format) -> Client {
    Client::builder("cn-hangzhou")
        .credentials(Credentials::new("LTAI-test", "test-secret"))
        .http_client(mock.clone())
        .format(format)
        .retries(3, Duration::from_millis(1))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_function_that_pages_and_retries_a_throttle() {
    for format in [Format::Json, Format::Xml] {
        let mock = Mock::new();
        // The first call is throttled; then page 1; page 2 for the request
        // that asks for it.
        mock.on::<ess::DescribeScalingGroups>()
            .once()
            .throttle(Duration::from_millis(5));
        mock.on::<ess::DescribeScalingGroups>()
            .matching(|request| request.page_number == Some(2))
            .respond(page(2, &["asg-3"]));
        mock.on::<ess::DescribeScalingGroups>()
            .respond(page(1, &["asg-1", "asg-2"]));

        let ids = all_group_ids(&client(&mock, format)).await.unwrap();
        assert_eq!(ids, ["asg-1", "asg-2", "asg-3"], "{format}");
        let calls = mock.calls_of::<ess::DescribeScalingGroups>();
        assert_eq!(calls.len(), 3, "throttled, page 1, page 2");
        assert_eq!(calls[0].parameter("PageNumber"), None);
        assert_eq!(calls[2].parameter("PageNumber"), Some("2"));
        assert_eq!(calls[2].format, format);
        // The typed requests, as the function built them.
        let asked: Vec<_> = mock
            .requests_of::<ess::DescribeScalingGroups>()
            .iter()
            .map(|r| (r.page_size, r.page_number))
            .collect();
        assert_eq!(
            asked,
            [(Some(2), None), (Some(2), None), (Some(2), Some(2))]
        );
        assert_eq!(
            calls[2].request::<ess::DescribeScalingGroupsRequest>(),
            Some(
                &ess::DescribeScalingGroupsRequest::new("cn-hangzhou")
                    .page_size(2)
                    .page_number(2)
            )
        );
        assert!(calls[2].sent(
            &ess::DescribeScalingGroupsRequest::new("cn-hangzhou")
                .page_size(2)
                .page_number(2)
        ));
    }
}

#[tokio::test]
async fn an_error_of_the_operations_enum_with_its_status() {
    for format in [Format::Json, Format::Xml] {
        let mock = Mock::new();
        mock.on::<ess::CreateScalingGroup>()
            .error(CreateScalingGroupError::QuotaExceededScalingGroup);
        let e = client(&mock, format)
            .call(ess::CreateScalingGroupRequest::new("cn-hangzhou", 0, 2))
            .await
            .unwrap_err();
        let Error::Api(api) = &e else { panic!("{e:?}") };
        assert_eq!(
            api.code(),
            &CreateScalingGroupError::QuotaExceededScalingGroup
        );
        assert_eq!(
            api.status(),
            CreateScalingGroupError::QuotaExceededScalingGroup.http_status()
        );
        assert_eq!(mock.calls().len(), 1, "not retried: {format}");
    }
}

#[tokio::test]
async fn failures_of_the_transport_and_the_gateway_and_calls_no_rule_answers() {
    let mock = Mock::new();
    // A read-only operation is resent after a failed connection.
    mock.on::<ess::DescribeScalingGroups>()
        .once()
        .transport_failure(false);
    mock.on::<ess::DescribeScalingGroups>().once().raw(
        502,
        "text/html",
        "<html>Bad Gateway</html>",
    );
    mock.on::<ess::DescribeScalingGroups>()
        .respond(page(1, &["asg-1"]));
    let client = client(&mock, Format::Json);
    let ok = client
        .call(ess::DescribeScalingGroupsRequest::new("cn-hangzhou"))
        .await
        .unwrap();
    assert_eq!(ok.body.scaling_groups.len(), 1);
    assert_eq!(mock.calls().len(), 3);
    // A call no rule answers is an error that names it.
    let e = client
        .call(ess::CreateScalingGroupRequest::new("cn-hangzhou", 0, 2))
        .await
        .unwrap_err();
    let Error::Request(e) = e else {
        panic!("{e:?}")
    };
    assert!(
        e.to_string().contains("the mock has no rule for this call of CreateScalingGroup(MaxSize=2, MinSize=0, RegionId=cn-hangzhou)"),
        "{e}"
    );
    assert!(!mock.calls().last().unwrap().answered);
}

#[tokio::test]
async fn a_roa_product_is_mocked_by_its_path_and_body() {
    use ess_spec::catalogue::cs;
    let request = |nodepool: &str| {
        cs::DescribeClusterAttachScriptsRequest::new("c-1").body(
            cs::describe_cluster_attach_scripts::request::Body {
                nodepool_id: Some(nodepool.into()),
                ..Default::default()
            },
        )
    };
    let mock = Mock::new();
    mock.on::<cs::DescribeClusterAttachScripts>()
        .for_request(request("np-1"))
        .respond("attach --cluster c-1 --nodepool np-1".to_owned());
    mock.on::<cs::DescribeClusterAttachScripts>()
        .error(cs::describe_cluster_attach_scripts::DescribeClusterAttachScriptsError::Throttling);
    let client = client(&mock, Format::Json);
    let ok = client.call(request("np-1")).await.unwrap();
    assert_eq!(ok.body, "attach --cluster c-1 --nodepool np-1");
    let sent = mock.requests_of::<cs::DescribeClusterAttachScripts>();
    assert_eq!(sent, [request("np-1")]);
    assert_eq!(sent[0].cluster_id, "c-1");
    let calls = mock.calls();
    assert_eq!(calls[0].path, "/clusters/c-1/attachscript");
    assert!(calls[0].body.as_deref().is_some_and(|b| b.contains("np-1")));
    assert!(calls[0].sent(&request("np-1")));
    // Another body is not the first rule's: the second answers, throttling
    // (and the client gives up after its attempts).
    let e = client.call(request("np-2")).await.unwrap_err();
    assert_eq!(e.code().map(|c| c.as_str()), Some("Throttling"));
    assert_eq!(mock.calls().len(), 4, "one, then three attempts");
}

/// `ess serve`'s server, as the command starts it, on a thread of its own;
/// it stops when the handle is dropped.
fn ess_serve(spec: &ess_codegen::Spec, fixtures: Option<std::path::PathBuf>) -> Running {
    let keys: Arc<dyn KeySource> = Arc::new(vec![("LTAI-test".into(), "test-secret".into())]);
    let options = Options {
        keys: Some(keys),
        fixtures,
        ..Options::default()
    };
    Server::bind("127.0.0.1:0", spec.clone(), options)
        .and_then(Server::spawn)
        .unwrap()
}

#[tokio::test]
async fn the_same_function_against_ess_serve_over_http() {
    // The suite's five scaling groups, `asg-1` to `asg-5`.
    let server = ess_serve(ess_tests::ess_spec(), Some(ess_tests::fixture("serve/ess")));
    let url = server.endpoint();
    for format in [Format::Json, Format::Xml] {
        let client = Client::builder("cn-hangzhou")
            .credentials(Credentials::new("LTAI-test", "test-secret"))
            .endpoint(&url)
            .format(format)
            .build()
            .unwrap();
        let ids = all_group_ids(&client).await.unwrap();
        assert_eq!(
            ids,
            ["asg-1", "asg-2", "asg-3", "asg-4", "asg-5"],
            "{format}"
        );
    }

    // A ROA product: CS's logs, from the spec's examples, signed the ROA way.
    use ess_spec::catalogue::cs;
    let cs_spec = ess_tests::catalogue_spec("cs");
    let server = ess_serve(&cs_spec, None);
    let url = server.endpoint();
    let client = Client::builder("cn-hangzhou")
        .credentials(Credentials::new("LTAI-test", "test-secret"))
        .endpoint(&url)
        .build()
        .unwrap();
    let logs = client
        .call(cs::DescribeClusterLogsRequest::new("c-1"))
        .await
        .unwrap();
    assert_eq!(logs.body.len(), 1, "the example's one entry");
    let wrong = Client::builder("cn-hangzhou")
        .credentials(Credentials::new("LTAI-test", "not-the-secret"))
        .endpoint(&url)
        .build()
        .unwrap();
    let e = wrong
        .call(cs::DescribeClusterLogsRequest::new("c-1"))
        .await
        .unwrap_err();
    assert_eq!(e.code().map(|c| c.as_str()), Some("SignatureDoesNotMatch"));
}

#[tokio::test]
async fn ess_serve_refuses_a_request_signed_long_ago_in_each_style() {
    use ess_runtime::Request as _;
    use ess_spec::catalogue::cs;
    use std::time::SystemTime;
    let keys = Credentials::new("LTAI-test", "test-secret");
    let client = |url: &str, signing| {
        Client::builder("cn-hangzhou")
            .credentials(keys.clone())
            .endpoint(url)
            .signing(signing)
            .build()
            .unwrap()
    };
    /// Sends `signed` as it is; the answer's code, or `ok`.
    async fn send(signed: ess_runtime::Signed) -> String {
        let http = reqwest::Client::new();
        let mut request = http.request(
            reqwest::Method::from_bytes(signed.method.as_bytes()).unwrap(),
            &signed.url,
        );
        for (name, value) in &signed.headers {
            request = request.header(name, value);
        }
        let response = request.body(signed.body).send().await.unwrap();
        let ok = response.status().is_success();
        let body: serde_json::Value =
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap_or_default();
        if ok {
            "ok".into()
        } else {
            body["Code"].as_str().unwrap_or_default().to_owned()
        }
    }
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let ess = ess_serve(ess_tests::ess_spec(), None);
    let ess_url = ess.endpoint();
    let encoded = ess::DescribeScalingGroupsRequest::new("cn-hangzhou")
        .encode()
        .unwrap();
    for signing in [ess_runtime::Signing::ByStyle, ess_runtime::Signing::V3] {
        let client = client(&ess_url, signing);
        let now = client.sign::<ess::DescribeScalingGroups>(&keys, &encoded, SystemTime::now());
        assert_eq!(send(now).await, "ok", "{signing:?}");
        let stale = client.sign::<ess::DescribeScalingGroups>(&keys, &encoded, an_hour_ago);
        assert_eq!(send(stale).await, "InvalidTimeStamp.Expired", "{signing:?}");
    }
    let cs_spec = ess_tests::catalogue_spec("cs");
    let cs = ess_serve(&cs_spec, None);
    let cs_url = cs.endpoint();
    let client = client(&cs_url, ess_runtime::Signing::ByStyle);
    let encoded = cs::DescribeClusterLogsRequest::new("c-1").encode().unwrap();
    let now = client.sign::<cs::DescribeClusterLogs>(&keys, &encoded, SystemTime::now());
    assert_eq!(send(now).await, "ok");
    let stale = client.sign::<cs::DescribeClusterLogs>(&keys, &encoded, an_hour_ago);
    assert_eq!(send(stale).await, "InvalidTimeStamp.Expired");
}
