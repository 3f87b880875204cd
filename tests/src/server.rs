//! An ESS-like service on 127.0.0.1 with an OS-chosen port, for the HTTP
//! tests and examples. It answers DescribeScalingGroups, CreateScalingGroup
//! and DeleteScalingGroup in XML or JSON as the request's `Format` asks,
//! writing values of the operations' generated types with their writers, and
//! can be told to fail: `Fault=<common code>` answers that error with its
//! spec status, `Fault=Unknown` an unknown code, `Fault=Html502` a gateway's
//! page, `Fault=Empty503` an empty body, `Fault=Truncated` a cut-off body.
//! `Server::start` can also throttle the first N requests, with
//! `x-acs-retry-after`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use ess_runtime::ErrorCode;
use ess_spec::{ess, CommonError};

/// A running server; it stops when dropped.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    requests: Arc<AtomicUsize>,
}

struct Shared {
    throttle_first: usize,
    requests: Arc<AtomicUsize>,
}

impl Server {
    /// Starts the server on the current Tokio runtime; the first
    /// `throttle_first` requests are answered with `Throttling`.
    pub async fn start(throttle_first: usize) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(AtomicUsize::new(0));
        let shared = Arc::new(Shared {
            throttle_first,
            requests: requests.clone(),
        });
        let app = Router::new().route("/", any(answer)).with_state(shared);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Server {
            addr,
            stop: Some(stop),
            requests,
        }
    }

    /// The URL of a call: `Action`, `Format` and any other parameters.
    pub fn url(&self, action: &str, format: &str, extra: &str) -> String {
        format!(
            "http://{}/?Action={action}&Format={format}{extra}",
            self.addr
        )
    }

    /// How many requests it has answered.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

const REQUEST_ID: &str = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E";

async fn answer(
    State(shared): State<Arc<Shared>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let count = shared.requests.fetch_add(1, Ordering::SeqCst);
    let xml = params
        .get("Format")
        .is_some_and(|f| f.eq_ignore_ascii_case("xml"));
    let action = params.get("Action").map(String::as_str).unwrap_or("");
    if count < shared.throttle_first {
        let mut response = error(
            xml,
            action,
            400,
            "Throttling",
            CommonError::Throttling.message_template(),
        );
        response
            .headers_mut()
            .insert("x-acs-retry-after", HeaderValue::from_static("20"));
        return response;
    }
    match params.get("Fault").map(String::as_str) {
        None => success(xml, action, &params),
        Some("Unknown") => error(xml, action, 403, "Forbidden.NewPolicy", "A rule the spec does not know yet."),
        Some("Html502") => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>",
        )
            .into_response(),
        Some("Empty503") => (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, content_type(xml))], "").into_response(),
        Some("Truncated") => {
            let full = body(xml, action, &params);
            let cut = full[..full.len() / 2].to_owned();
            (StatusCode::OK, [(header::CONTENT_TYPE, content_type(xml))], cut).into_response()
        }
        Some(code) => match CommonError::from_code(code) {
            Some(known) => {
                let message = known.message_template().replace("<parameter name>", "ScalingGroupId");
                error(xml, action, known.http_status(), code, &message)
            }
            None => error(xml, action, 400, "InvalidParameter", "The specified value of parameter Fault is not valid."),
        },
    }
}

fn content_type(xml: bool) -> &'static str {
    if xml {
        "text/xml;charset=utf-8"
    } else {
        "application/json;charset=utf-8"
    }
}

fn success(xml: bool, action: &str, params: &HashMap<String, String>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, content_type(xml))],
        body(xml, action, params),
    )
        .into_response()
}

/// The success body of `action`: a value of the operation's generated type,
/// written by the type's own writers, in the format asked for.
fn body(xml: bool, action: &str, params: &HashMap<String, String>) -> String {
    use ess::create_scaling_group::CreateScalingGroupResponse;
    use ess::delete_scaling_group::DeleteScalingGroupResponse;
    use ess::describe_scaling_groups::{DescribeScalingGroupsResponse, ScalingGroup};

    fn write<O: ess_runtime::Operation>(xml: bool, body: &O::Response) -> String {
        if xml {
            ess_runtime::to_xml::<O>(body)
        } else {
            serde_json::to_string(body).expect("a generated type writes JSON")
        }
    }

    let request_id = Some(REQUEST_ID.to_owned());
    match action {
        "DescribeScalingGroups" => {
            let name = params
                .get("ScalingGroupName")
                .map_or("scalinggroup-1", String::as_str);
            let group = |id: &str, name: &str, max_size, load_balancers: &[&str]| ScalingGroup {
                scaling_group_id: Some(id.to_owned()),
                scaling_group_name: Some(name.to_owned()),
                max_size: Some(max_size),
                load_balancer_ids: load_balancers.iter().map(|lb| (*lb).to_owned()).collect(),
                ..ScalingGroup::default()
            };
            write::<ess::DescribeScalingGroups>(
                xml,
                &DescribeScalingGroupsResponse {
                    request_id,
                    total_count: Some(2),
                    page_number: Some(1),
                    page_size: Some(10),
                    scaling_groups: vec![
                        group("asg-1", name, 2, &["lb-1"]),
                        group("asg-2", "other", 5, &[]),
                    ],
                },
            )
        }
        "CreateScalingGroup" => write::<ess::CreateScalingGroup>(
            xml,
            &CreateScalingGroupResponse {
                request_id,
                scaling_group_id: Some("asg-new".to_owned()),
            },
        ),
        _ => write::<ess::DeleteScalingGroup>(xml, &DeleteScalingGroupResponse { request_id }),
    }
}

fn error(xml: bool, action: &str, status: u16, code: &str, message: &str) -> Response {
    let body = if xml {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>{REQUEST_ID}</RequestId><HostId>ess.aliyuncs.com</HostId>\
             <Code>{code}</Code><Message>{}</Message><Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q={code}&action={action}]]></Recommend></Error>",
            message.replace('&', "&amp;").replace('<', "&lt;")
        )
    } else {
        serde_json::json!({
            "RequestId": REQUEST_ID,
            "HostId": "ess.aliyuncs.com",
            "Code": code,
            "Message": message,
            "Recommend": format!("https://api.aliyun.com/troubleshoot?q={code}&action={action}"),
        })
        .to_string()
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = (status, [(header::CONTENT_TYPE, content_type(xml))], body).into_response();
    response
        .headers_mut()
        .insert("x-acs-request-id", HeaderValue::from_static(REQUEST_ID));
    response
}
