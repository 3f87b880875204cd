//! The client end to end, against `ess serve`'s fake of ESS (and of CS, a
//! ROA product) started with a key (`tests/src/server.rs`): it checks each
//! request's signature, timestamp, nonce and parameters, and when it stops
//! every request is checked again by the signature rules written from the
//! vendor's documentation, so these tests fail if the runtime's signer,
//! encoder or client send anything the vendor's rules do not accept.

use std::time::{Duration, SystemTime};

use ess_runtime::{Client, Credentials, Error, Format, Request};
use ess_spec::ess;
use ess_tests::server::Server;

const ID: &str = "LTAI-test";
const SECRET: &str = "test-secret";

/// The code of an API error, as the service sent it.
fn code<E: ess_runtime::ErrorCode>(e: &Error<E>) -> Option<&str> {
    e.code().map(|c| c.as_str())
}

/// A client of `server`, signing the V3 way.
fn v3_client(server: &Server, secret: &str) -> Client {
    Client::builder("cn-hangzhou")
        .credentials(Credentials::new(ID, secret))
        .endpoint(server.endpoint())
        .signing(ess_runtime::Signing::V3)
        .build()
        .unwrap()
}

fn client(server: &Server, secret: &str, format: Format) -> Client {
    Client::builder("cn-hangzhou")
        .credentials(Credentials::new(ID, secret))
        .endpoint(server.endpoint())
        .format(format)
        .retries(3, Duration::from_millis(1))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_signed_call_gives_the_typed_response_in_both_formats() {
    let server = Server::ess_signed(ID, SECRET);
    for format in [Format::Json, Format::Xml] {
        // The README's quick start: a repeated and a flat parameter.
        let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou")
            .scaling_group_name("web")
            .scaling_group_id(["asg-1", "asg-2"])
            .tag([ess::describe_scaling_groups::request::Tag {
                key: Some("env".into()),
                value: Some("prod and test".into()),
            }]);
        let ok = client(&server, SECRET, format).call(request).await.unwrap();
        let names: Vec<_> = ok
            .body
            .scaling_groups
            .iter()
            .map(|g| g.scaling_group_name.as_deref())
            .collect();
        assert_eq!(names[..2], [Some("web"), Some("other")], "{format}");
        assert_eq!(names.len(), 5, "{format}");
        assert!(
            ok.request_id
                .as_deref()
                .is_some_and(|id| id.starts_with("ess-serve-")),
            "{:?}",
            ok.request_id
        );
        assert_eq!(ok.request_id, ok.body.request_id);
        // What the fake read: the repeated and the flat parameters, the
        // tag's value with its spaces.
        let received = server.received();
        let sent = received.last().unwrap();
        for (name, value) in [
            ("ScalingGroupName", "web"),
            ("ScalingGroupId.1", "asg-1"),
            ("ScalingGroupId.2", "asg-2"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod and test"),
            ("RegionId", "cn-hangzhou"),
        ] {
            assert_eq!(sent.parameter(name), Some(value), "{name}");
        }
    }
    // A create, with a form body: the form's parameters are signed too.
    let create = ess::CreateScalingGroupRequest::new("cn-hangzhou", 0, 2).scaling_group_name("web");
    let ok = client(&server, SECRET, Format::Json)
        .call(create)
        .await
        .unwrap();
    assert_eq!(ok.body.scaling_group_id.as_deref(), Some("asg-new"));
}

#[tokio::test]
async fn a_wrong_secret_and_a_stale_timestamp_are_refused() {
    let server = Server::ess_signed(ID, SECRET);
    let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou");
    let e = client(&server, "not-the-secret", Format::Json)
        .call(request.clone())
        .await
        .unwrap_err();
    assert_eq!(code(&e), Some("SignatureDoesNotMatch"), "{e}");
    assert_eq!(e.status(), Some(400));

    // Signed an hour ago, sent now.
    let client = client(&server, SECRET, Format::Json);
    let keys = Credentials::new(ID, SECRET);
    let signed = client.sign::<ess::DescribeScalingGroups>(
        &keys,
        &request.encode().unwrap(),
        SystemTime::now() - Duration::from_secs(3600),
    );
    let response = reqwest::Client::new()
        .post(&signed.url)
        .body(signed.body)
        .send()
        .await
        .unwrap();
    let e = ess_runtime::Decoder::default()
        .decode_operation_reqwest::<ess::DescribeScalingGroups>(response)
        .await
        .unwrap_err();
    assert_eq!(code(&e), Some("InvalidTimeStamp.Expired"), "{e}");
    // The same nonce twice is refused: a replay.
    let fresh = client.sign::<ess::DescribeScalingGroups>(
        &keys,
        &request.encode().unwrap(),
        SystemTime::now(),
    );
    for expected in [None, Some("SignatureNonceUsed")] {
        let response = reqwest::Client::new()
            .post(&fresh.url)
            .send()
            .await
            .unwrap();
        let outcome = ess_runtime::Decoder::default()
            .decode_operation_reqwest::<ess::DescribeScalingGroups>(response)
            .await;
        assert_eq!(
            outcome
                .err()
                .and_then(|e| e.code().map(|c| c.as_str().to_owned()))
                .as_deref(),
            expected
        );
    }
}

#[tokio::test]
async fn throttling_is_waited_out() {
    let keys = std::sync::Arc::new(vec![(ID.to_owned(), SECRET.to_owned())]);
    let faults = ess_cli::serve::Faults {
        throttle_first: 2,
        ..Default::default()
    };
    let server = Server::start(ess_tests::ess_spec(), "ess", Some(keys), faults);
    let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou");
    let ok = client(&server, SECRET, Format::Json)
        .call(request)
        .await
        .unwrap();
    assert_eq!(ok.body.scaling_groups.len(), 5);
    let codes: Vec<_> = server.received().into_iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        [
            Some("Throttling".to_owned()),
            Some("Throttling".to_owned()),
            None
        ],
        "two throttled, then the answer"
    );
}

#[tokio::test]
async fn paging_collects_every_item() {
    let server = Server::ess_signed(ID, SECRET);
    let client = client(&server, SECRET, Format::Xml);
    let mut pages =
        client.pages(ess::DescribeScalingGroupsRequest::new("cn-hangzhou").page_size(2));
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        ids.extend(
            page.unwrap()
                .body
                .scaling_groups
                .into_iter()
                .filter_map(|g| g.scaling_group_id),
        );
    }
    assert_eq!(ids, ["asg-1", "asg-2", "asg-3", "asg-4", "asg-5"]);
    let asked: Vec<_> = server
        .received()
        .iter()
        .map(|r| r.parameter("PageNumber").map(str::to_owned))
        .collect();
    assert_eq!(asked, [None, Some("2".to_owned()), Some("3".to_owned())]);
}

#[tokio::test]
async fn a_bad_value_is_an_error_before_any_io() {
    let server = Server::ess_signed(ID, SECRET);
    let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou").page_size(500);
    let e = client(&server, SECRET, Format::Json)
        .call(request)
        .await
        .unwrap_err();
    match &e {
        Error::Request(bad) => assert_eq!(bad.parameter(), "PageSize"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.status(), None);
    assert!(!e.retry().may_resend(true));
    assert_eq!(server.requests(), 0);
}

#[tokio::test]
async fn ess_call_signs_as_the_client_does() {
    // `ess call spec/ess.json DescribeScalingGroups --RegionId cn-hangzhou
    // --ScalingGroupId.1 asg-1 --endpoint ...`, through the command's library.
    let server = Server::ess_signed(ID, SECRET);
    let endpoint = server.endpoint();
    let outcome = tokio::task::spawn_blocking(move || {
        let words: Vec<String> = [
            "--RegionId",
            "cn-hangzhou",
            "--ScalingGroupId.1",
            "asg-1",
            "--PageSize",
            "2",
        ]
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
        let arguments = ess_cli::call::arguments(&words, &[]).unwrap().parameters;
        let call = |secret: &str| {
            let prepared = ess_cli::call::prepare(
                ess_tests::ess_spec(),
                "DescribeScalingGroups",
                &arguments,
                None,
            )
            .unwrap();
            ess_cli::call::send(
                &prepared,
                ess_cli::call::Destination {
                    region: "cn-hangzhou",
                    endpoint: Some(&endpoint),
                    format: Format::Xml,
                    credentials: ess_cli::call::CredentialsSource::Given(Credentials::new(
                        ID, secret,
                    )),
                },
            )
            .unwrap()
        };
        (call(SECRET), call("not-the-secret"))
    })
    .await
    .unwrap();
    let (ok, refused) = outcome;
    assert_eq!(ok.status, 200);
    let page = ess_runtime::decode_operation::<ess::DescribeScalingGroups>(
        ok.status,
        ok.content_type.as_deref(),
        &ok.body,
    )
    .unwrap();
    assert_eq!(page.body.scaling_groups.len(), 2);
    assert_eq!(page.body.total_count, Some(5));
    assert_eq!(refused.status, 400);
    assert!(String::from_utf8_lossy(&refused.body).contains("SignatureDoesNotMatch"));
}

#[tokio::test]
async fn a_failed_connection_is_a_transport_error_without_the_token() {
    // Port 9 (discard) on loopback: nothing listens, the connection fails.
    let client = Client::builder("cn-hangzhou")
        .credentials(Credentials::new(ID, SECRET).with_security_token("the-sts-token"))
        .endpoint("http://127.0.0.1:9")
        .retries(2, Duration::from_millis(1))
        .build()
        .unwrap();
    let e = client
        .call(ess::DescribeScalingGroupsRequest::new("cn-hangzhou"))
        .await
        .unwrap_err();
    let Error::Transport(transport) = &e else {
        panic!("{e:?}")
    };
    assert!(!transport.sent(), "a failed connection sent nothing");
    assert_eq!(
        transport.cause(),
        ess_runtime::TransportCause::ConnectionRefused
    );
    assert!(
        e.to_string()
            .starts_with("the call failed, connection refused: "),
        "{e}"
    );
    assert!(
        e.retry().may_resend(false),
        "so any operation may be sent again"
    );
    for shown in [e.to_string(), format!("{e:?}")] {
        assert!(
            !shown.contains("the-sts-token") && !shown.contains(SECRET),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn the_v3_signature_is_accepted_and_a_wrong_one_refused() {
    let server = Server::ess_signed(ID, SECRET);
    let v3 = |secret: &str| v3_client(&server, secret);
    let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou").scaling_group_id(["asg-1"]);
    let ok = v3(SECRET).call(request.clone()).await.unwrap();
    assert_eq!(ok.body.scaling_groups.len(), 5);
    let e = v3("not-the-secret").call(request).await.unwrap_err();
    assert_eq!(code(&e), Some("SignatureDoesNotMatch"), "{e}");
}

#[tokio::test]
async fn a_roa_call_fills_its_path_sends_its_body_and_is_signed() {
    // CS (ROA): POST /clusters/{ClusterId}/attachscript with a JSON body.
    use ess_spec::catalogue::cs;
    let server = Server::signed(&ess_tests::catalogue_spec("cs"), "cs", ID, SECRET);
    let client = |secret: &str| client(&server, secret, Format::Json);
    let request = cs::DescribeClusterAttachScriptsRequest::new("c 1/x").body(
        cs::describe_cluster_attach_scripts::request::Body {
            nodepool_id: Some("np-1".into()),
            ..Default::default()
        },
    );
    // The path parameter percent-encoded on the way, decoded by the
    // server; the body's field by its JSON name.
    let read_by_the_server = || {
        let received = server.received();
        let sent = received.last().unwrap();
        let body: serde_json::Value =
            serde_json::from_str(sent.parameter("body").unwrap_or("null")).unwrap();
        (
            sent.parameter("ClusterId").map(str::to_owned),
            body["nodepool_id"].as_str().map(str::to_owned),
        )
    };
    let expected = (Some("c 1/x".to_owned()), Some("np-1".to_owned()));
    let ok = client(SECRET).call(request.clone()).await.unwrap();
    assert_eq!(ok.body, "attach --cluster c-1 --nodepool np-1");
    assert_eq!(read_by_the_server(), expected);
    let e = client("not-the-secret")
        .call(request.clone())
        .await
        .unwrap_err();
    assert_eq!(code(&e), Some("SignatureDoesNotMatch"), "{e}");
    // The same with V3: the path is signed as sent, percent-encoded once.
    let v3 = |secret: &str| v3_client(&server, secret);
    let ok = v3(SECRET).call(request.clone()).await.unwrap();
    assert_eq!(ok.body, "attach --cluster c-1 --nodepool np-1");
    assert_eq!(read_by_the_server(), expected);
    let e = v3("not-the-secret").call(request).await.unwrap_err();
    assert_eq!(code(&e), Some("SignatureDoesNotMatch"), "{e}");
}

#[tokio::test]
async fn a_service_that_answers_the_same_page_again_ends_the_pages() {
    // A service that answers page 1 whatever is asked: the mock's rule.
    let mock = ess_runtime::mock::Mock::new();
    let first_page = ess::describe_scaling_groups::DescribeScalingGroupsResponse {
        total_count: Some(5),
        page_number: Some(1),
        page_size: Some(2),
        scaling_groups: vec![Default::default(), Default::default()],
        ..Default::default()
    };
    mock.on::<ess::DescribeScalingGroups>().respond(first_page);
    let client = Client::builder("cn-hangzhou")
        .credentials(Credentials::new(ID, SECRET))
        .http_client(mock.clone())
        .build()
        .unwrap();
    let mut pages =
        client.pages(ess::DescribeScalingGroupsRequest::new("cn-hangzhou").page_size(2));
    let mut count = 0;
    while let Some(page) = pages.next().await {
        page.unwrap();
        count += 1;
        assert!(count <= 2, "the pages do not end");
    }
    assert_eq!(count, 2, "page 1, then page 2 asked and page 1 answered");
    assert_eq!(mock.calls().len(), 2);
}

#[tokio::test]
async fn temporary_keys_need_their_own_token_and_are_refused_once_expired() {
    let keyring = std::sync::Arc::new(ess_tests::identity::Keyring::default());
    let in_an_hour = SystemTime::now() + Duration::from_secs(3600);
    keyring.add(
        "STS.live",
        "live-secret",
        Some("live-token"),
        Some(in_an_hour),
    );
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    keyring.add(
        "STS.old",
        "old-secret",
        Some("old-token"),
        Some(an_hour_ago),
    );
    let server = Server::ess_with_keys(keyring);
    let outcome = |id: &str, secret: &str, token: Option<&str>, signing| {
        let mut keys = Credentials::new(id, secret);
        if let Some(token) = token {
            keys = keys.with_security_token(token);
        }
        let client = Client::builder("cn-hangzhou")
            .credentials(keys)
            .endpoint(server.endpoint())
            .signing(signing)
            .retries(1, Duration::from_millis(1))
            .build()
            .unwrap();
        async move {
            match client
                .call(ess::DescribeScalingGroupsRequest::new("cn-hangzhou"))
                .await
            {
                Ok(_) => "ok".to_owned(),
                Err(e) => code(&e).unwrap_or("no code").to_owned(),
            }
        }
    };
    // The token is an RPC parameter, and a V3 header.
    for signing in [ess_runtime::Signing::ByStyle, ess_runtime::Signing::V3] {
        let live = outcome("STS.live", "live-secret", Some("live-token"), signing);
        assert_eq!(live.await, "ok", "{signing:?}");
        let other = outcome("STS.live", "live-secret", Some("old-token"), signing);
        assert_eq!(
            other.await,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "{signing:?}"
        );
        let none = outcome("STS.live", "live-secret", None, signing);
        assert_eq!(
            none.await,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "{signing:?}"
        );
        let old = outcome("STS.old", "old-secret", Some("old-token"), signing);
        assert_eq!(old.await, "InvalidSecurityToken.Expired", "{signing:?}");
    }
}

/// Credentials that cannot be had: what an anonymous call must not ask.
#[derive(Debug)]
struct NoCredentials;

impl ess_runtime::credentials::ProvideCredentials for NoCredentials {
    fn provide_credentials(&self) -> ess_runtime::credentials::CredentialsFuture<'_> {
        use ess_runtime::credentials::{CredentialsError, CredentialsErrorKind};
        Box::pin(std::future::ready(Err(CredentialsError::new(
            CredentialsErrorKind::NotConfigured,
            "none here",
        ))))
    }
}

#[tokio::test]
async fn an_anonymous_operation_is_sent_with_no_key_and_asks_none() {
    // Eiam's GetUserInfo: `security` is `Anonymous`; the caller's bearer
    // token is a header parameter, and the only authorization sent.
    use ess_spec::catalogue::eiam_developerapi as eiam;
    let spec = ess_tests::catalogue_spec("eiam-developerapi");
    let server = Server::signed(&spec, "eiam-developerapi", ID, SECRET);
    let client = Client::builder("cn-hangzhou")
        .credentials(NoCredentials)
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let request = eiam::GetUserInfoRequest::new("idaas-1", "app-1", "Bearer the-user-token");
    client.call(request).await.unwrap();
    let received = server.received();
    let sent = received.last().unwrap();
    assert_eq!(sent.header("authorization"), Some("Bearer the-user-token"));
    assert_eq!(sent.parameter("instanceId"), Some("idaas-1"));
    // The vendor's SDKs send the nonce and the signature's method and
    // version headers, but no signature: one authorization, the caller's.
    let authorizations = sent
        .headers
        .iter()
        .filter(|(k, _)| k == "authorization")
        .count();
    assert_eq!(authorizations, 1, "{:?}", sent.headers);
    // An operation that is signed asks for the keys, and fails without.
    let signed = Client::builder("cn-hangzhou")
        .credentials(NoCredentials)
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let e = signed
        .call(ess::DescribeScalingGroupsRequest::new("cn-hangzhou"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Request(_)), "{e:?}");
    assert_eq!(server.requests(), 1, "nothing sent without keys");
}
