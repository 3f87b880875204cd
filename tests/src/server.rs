//! An ESS-like service on 127.0.0.1 with an OS-chosen port, for the HTTP
//! tests and examples. It answers DescribeScalingGroups, CreateScalingGroup
//! and DeleteScalingGroup in XML or JSON as the request's `Format` asks,
//! writing values of the operations' generated types with their writers, and
//! can be told to fail: `Fault=<common code>` answers that error with its
//! spec status, `Fault=Unknown` an unknown code, `Fault=Html502` a gateway's
//! page, `Fault=Empty503` an empty body, `Fault=Truncated` a cut-off body.
//! `Server::start` can also throttle the first N requests, with
//! `x-acs-retry-after`.
//!
//! `Server::start_signed` also checks each request as the vendor does,
//! with its own code (not the runtime's signer, which it tests): the
//! access key, RPC signature 1.0 over the query and form parameters, the
//! timestamp (15 minutes either way), a nonce used once, and `RegionId`;
//! or, for a request with an `ACS3-HMAC-SHA256` authorization, the V3
//! signature over the canonical request and the payload's hash. Any other
//! path is a ROA operation (CS's `POST /clusters/{ClusterId}/attachscript`),
//! whose `acs` signature it checks, answering a JSON string that names the
//! cluster of the path and the node pool of the body.
//! A `DescribeScalingGroups` with a `PageSize` pages through five groups.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::Method;
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
    /// The access key and secret a signed server accepts.
    key: Option<(String, String)>,
    /// Or the keys the fake identity services handed out.
    keyring: Option<Arc<crate::identity::Keyring>>,
    nonces: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl Server {
    /// Starts the server on the current Tokio runtime; the first
    /// `throttle_first` requests are answered with `Throttling`.
    pub async fn start(throttle_first: usize) -> Server {
        Self::start_with(throttle_first, None).await
    }

    /// A server that checks every request's signature with the key `id`
    /// and `secret`; the first `throttle_first` are throttled.
    pub async fn start_signed(throttle_first: usize, id: &str, secret: &str) -> Server {
        Self::start_with(throttle_first, Some((id.to_owned(), secret.to_owned()))).await
    }

    /// A server that checks every RPC request's signature with the keys
    /// `keyring` holds (handed out by the fake identity services), and its
    /// `SecurityToken` and expiry with them.
    pub async fn start_with_keyring(keyring: Arc<crate::identity::Keyring>) -> Server {
        Self::start_inner(0, None, Some(keyring)).await
    }

    /// The server's address as a client's endpoint.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    async fn start_with(throttle_first: usize, key: Option<(String, String)>) -> Server {
        Self::start_inner(throttle_first, key, None).await
    }

    async fn start_inner(
        throttle_first: usize,
        key: Option<(String, String)>,
        keyring: Option<Arc<crate::identity::Keyring>>,
    ) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(AtomicUsize::new(0));
        let shared = Arc::new(Shared {
            throttle_first,
            requests: requests.clone(),
            key,
            keyring,
            nonces: Default::default(),
        });
        let app = Router::new()
            .route("/", any(answer))
            .fallback(roa)
            .with_state(shared);
        let stop = serve_until_stopped(listener, app);
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

/// Serves `app` on `listener` from a task of the current runtime, until the
/// sender it returns is used or dropped.
pub(crate) fn serve_until_stopped(
    listener: tokio::net::TcpListener,
    app: Router,
) -> tokio::sync::oneshot::Sender<()> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });
    stop
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
    method: Method,
    headers: axum::http::HeaderMap,
    RawQuery(query): RawQuery,
    form: Bytes,
) -> Response {
    let count = shared.requests.fetch_add(1, Ordering::SeqCst);
    let raw_query = query.as_deref().unwrap_or("");
    let mut pairs = decode_pairs(raw_query);
    let v3 = headers
        .get("authorization")
        .and_then(|a| a.to_str().ok())
        .filter(|a| a.starts_with("ACS3-HMAC-SHA256 "))
        .map(str::to_owned);
    if v3.is_none() {
        pairs.extend(decode_pairs(std::str::from_utf8(&form).unwrap_or("")));
    }
    let mut params: HashMap<String, String> = pairs.iter().cloned().collect();
    // A V3 request names its action in a header.
    if let Some(action) = headers.get("x-acs-action").and_then(|a| a.to_str().ok()) {
        params
            .entry("Action".into())
            .or_insert_with(|| action.to_owned());
    }
    if let Some(keyring) = &shared.keyring {
        let xml = params
            .get("Format")
            .is_some_and(|f| f.eq_ignore_ascii_case("xml"));
        let action = params.get("Action").map(String::as_str).unwrap_or("");
        let id = params.get("AccessKeyId").cloned().unwrap_or_default();
        let checked = keyring
            .check(&id, params.get("SecurityToken").map(String::as_str))
            .and_then(|secret| check_signed(&shared, method.as_str(), &pairs, &id, &secret));
        if let Err((status, code, message)) = checked {
            return error(xml, action, status, code, message);
        }
    }
    if let Some((id, secret)) = &shared.key {
        let xml = params
            .get("Format")
            .is_some_and(|f| f.eq_ignore_ascii_case("xml"));
        let action = params.get("Action").map(String::as_str).unwrap_or("");
        let checked = match &v3 {
            Some(authorization) => check_v3(
                &shared,
                method.as_str(),
                "/",
                &headers,
                &pairs,
                &form,
                authorization,
                id,
                secret,
            ),
            None => check_signed(&shared, method.as_str(), &pairs, id, secret),
        };
        if let Err((status, code, message)) = checked {
            return error(xml, action, status, code, message);
        }
    }
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
            // With a page size: five groups, a page at a time.
            if let Some(size) = params.get("PageSize").and_then(|s| s.parse::<usize>().ok()) {
                // A group named `stuck` gets the first page, whatever is asked.
                let number: usize = params
                    .get("PageNumber")
                    .and_then(|n| n.parse().ok())
                    .filter(|_| name != "stuck")
                    .unwrap_or(1);
                let groups = (1..=5)
                    .skip((number.max(1) - 1) * size)
                    .take(size)
                    .map(|i| group(&format!("asg-{i}"), name, i, &[]))
                    .collect();
                return write::<ess::DescribeScalingGroups>(
                    xml,
                    &DescribeScalingGroupsResponse {
                        request_id,
                        total_count: Some(5),
                        page_number: Some(number as i32),
                        page_size: Some(size as i32),
                        scaling_groups: groups,
                    },
                );
            }
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

/// `a=1&b=%20x` as pairs, percent- and `+`-decoded.
pub(crate) fn decode_pairs(text: &str) -> Vec<(String, String)> {
    fn decode(part: &str) -> String {
        let bytes = part.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                    match u8::from_str_radix(hex, 16) {
                        Ok(b) => {
                            out.push(b);
                            i += 2;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Whether `pairs` carry the RPC signature 1.0 of `secret`, computed here
/// from the documentation ("Request signatures"), not with the runtime's
/// signer.
pub(crate) fn check_signed_pairs(method: &str, pairs: &[(String, String)], secret: &str) -> bool {
    use hmac::{Hmac, Mac};
    let mut signed: Vec<&(String, String)> =
        pairs.iter().filter(|(k, _)| k != "Signature").collect();
    signed.sort();
    let canonical: Vec<String> = signed
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect();
    let string_to_sign = format!("{method}&{}&{}", escape("/"), escape(&canonical.join("&")));
    let mut mac =
        Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes()).expect("any key");
    mac.update(string_to_sign.as_bytes());
    use base64::Engine as _;
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    pairs
        .iter()
        .any(|(k, v)| k == "Signature" && *v == expected)
}

/// The vendor's checks of a signed RPC request: the key, the signature,
/// the timestamp, the nonce, and `RegionId`.
fn check_signed(
    shared: &Shared,
    method: &str,
    pairs: &[(String, String)],
    id: &str,
    secret: &str,
) -> Result<(), (u16, &'static str, &'static str)> {
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    if get("AccessKeyId") != Some(id) {
        return Err((
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        ));
    }
    if !check_signed_pairs(method, pairs, secret) {
        return Err((
            400,
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation.",
        ));
    }
    if !get("Timestamp").is_some_and(fresh) {
        return Err((
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        ));
    }
    let nonce = get("SignatureNonce").unwrap_or_default().to_owned();
    if nonce.is_empty() || !shared.nonces.lock().expect("not poisoned").insert(nonce) {
        return Err((
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        ));
    }
    if get("Action") == Some("DescribeScalingGroups") && get("RegionId").is_none() {
        return Err((
            400,
            "MissingRegionId",
            "RegionId is mandatory for this action.",
        ));
    }
    Ok(())
}

/// The documentation's percent-encoding: every byte but `A-Z a-z 0-9 - _
/// . ~` as `%XX`.
fn escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `2016-02-23T12:46:24Z` within 15 minutes of now.
fn fresh(timestamp: &str) -> bool {
    let b = timestamp.as_bytes();
    if b.len() != 20 || b[19] != b'Z' {
        return false;
    }
    let n =
        |range: std::ops::Range<usize>| timestamp.get(range).and_then(|t| t.parse::<i64>().ok());
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) =
        (n(0..4), n(5..7), n(8..10), n(11..13), n(14..16), n(17..19))
    else {
        return false;
    };
    // Days from 1970 by the proleptic Gregorian calendar.
    let (y, mo) = if mo <= 2 { (y - 1, mo + 12) } else { (y, mo) };
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * (mo - 3) + 2) / 5 + d - 719_469;
    let then = days * 86_400 + h * 3600 + mi * 60 + s;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    (now - then).abs() <= 15 * 60
}

/// The vendor's checks of a V3 request (`ACS3-HMAC-SHA256`), written here
/// from the documentation ("V3 request structure and signature"): the
/// canonical request of the method, path, sorted query, the signed headers
/// and the payload's hash; then the key, the date, the nonce.
#[allow(clippy::too_many_arguments)]
fn check_v3(
    shared: &Shared,
    method: &str,
    path: &str,
    headers: &axum::http::HeaderMap,
    pairs: &[(String, String)],
    body: &[u8],
    authorization: &str,
    id: &str,
    secret: &str,
) -> Result<(), (u16, &'static str, &'static str)> {
    use hmac::{Hmac, Mac};
    use sha2::{Digest, Sha256};
    const MISMATCH: (u16, &str, &str) = (
        400,
        "SignatureDoesNotMatch",
        "Specified signature is not matched with our calculation.",
    );
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let fields: HashMap<&str, &str> = authorization
        .trim_start_matches("ACS3-HMAC-SHA256 ")
        .split(',')
        .filter_map(|f| f.trim().split_once('='))
        .collect();
    if fields.get("Credential") != Some(&id) {
        return Err((
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        ));
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let payload = hex(&Sha256::digest(body));
    if header("x-acs-content-sha256") != Some(payload.as_str()) {
        return Err(MISMATCH);
    }
    let mut query: Vec<&(String, String)> = pairs.iter().collect();
    query.sort();
    let query: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect();
    let signed_headers = fields.get("SignedHeaders").copied().unwrap_or_default();
    let mut canonical_headers = String::new();
    for name in signed_headers.split(';') {
        canonical_headers.push_str(&format!("{name}:{}\n", header(name).unwrap_or_default()));
    }
    // Every x-acs- header, the host and the content type must be signed.
    let signed: Vec<&str> = signed_headers.split(';').collect();
    if headers.keys().any(|k| {
        let k = k.as_str();
        (k.starts_with("x-acs-") || k == "host" || k == "content-type") && !signed.contains(&k)
    }) {
        return Err(MISMATCH);
    }
    let canonical = format!(
        "{method}\n{path}\n{}\n{canonical_headers}\n{signed_headers}\n{payload}",
        query.join("&")
    );
    let string_to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(string_to_sign.as_bytes());
    if fields.get("Signature").copied() != Some(hex(&mac.finalize().into_bytes()).as_str()) {
        return Err(MISMATCH);
    }
    if !header("x-acs-date").is_some_and(fresh) {
        return Err((
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        ));
    }
    let nonce = header("x-acs-signature-nonce")
        .unwrap_or_default()
        .to_owned();
    if nonce.is_empty() || !shared.nonces.lock().expect("not poisoned").insert(nonce) {
        return Err((
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        ));
    }
    Ok(())
}

/// A ROA call: the `acs ID:signature` authorization checked (by the
/// documentation's string to sign: the method, `Accept`, `Content-MD5`,
/// `Content-Type`, `Date`, the `x-acs-` headers, the path and the sorted
/// query), and the nonce; the answer names the cluster and the node pool.
async fn roa(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    use base64::Engine as _;
    use hmac::{Hmac, Mac};
    shared.requests.fetch_add(1, Ordering::SeqCst);
    let refuse = |status: u16, code: &str, message: &str| {
        let body = serde_json::json!({"requestId": REQUEST_ID, "code": code, "message": message});
        (
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response()
    };
    let Some((id, secret)) = &shared.key else {
        return refuse(
            400,
            "MissingAuthorization",
            "This server checks signatures.",
        );
    };
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let authorization = header("authorization");
    if authorization.starts_with("ACS3-HMAC-SHA256 ") {
        // A ROA operation signed with V3: the path as sent is signed.
        let pairs = decode_pairs(uri.query().unwrap_or(""));
        let checked = check_v3(
            &shared,
            method.as_str(),
            uri.path(),
            &headers,
            &pairs,
            &body,
            authorization,
            id,
            secret,
        );
        return match checked {
            Ok(()) => attach_script(uri.path(), &body),
            Err((status, code, message)) => refuse(status, code, message),
        };
    }
    let mut string_to_sign = method.as_str().to_owned();
    for name in ["accept", "content-md5", "content-type", "date"] {
        string_to_sign.push('\n');
        string_to_sign.push_str(header(name));
    }
    string_to_sign.push('\n');
    let mut acs: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(k, _)| k.as_str().starts_with("x-acs-"))
        .map(|(k, v)| (k.as_str(), v.to_str().unwrap_or_default().trim()))
        .collect();
    acs.sort();
    for (name, value) in acs {
        string_to_sign.push_str(&format!("{name}:{value}\n"));
    }
    string_to_sign.push_str(uri.path());
    let mut query = decode_pairs(uri.query().unwrap_or(""));
    query.sort();
    for (i, (key, value)) in query.iter().enumerate() {
        string_to_sign.push(if i == 0 { '?' } else { '&' });
        string_to_sign.push_str(key);
        if !value.is_empty() {
            string_to_sign.push('=');
            string_to_sign.push_str(value);
        }
    }
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(string_to_sign.as_bytes());
    let expected = format!(
        "acs {id}:{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    );
    if header("authorization") != expected {
        return refuse(
            400,
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation.",
        );
    }
    let nonce = header("x-acs-signature-nonce").to_owned();
    if nonce.is_empty() || !shared.nonces.lock().expect("not poisoned").insert(nonce) {
        return refuse(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        );
    }
    attach_script(uri.path(), &body)
}

/// CS's attachscript: a JSON string naming the path's cluster and the
/// body's node pool.
fn attach_script(path: &str, body: &[u8]) -> Response {
    let segments: Vec<String> = path
        .split('/')
        .map(|s| {
            decode_pairs(s)
                .first()
                .map(|(k, _)| k.clone())
                .unwrap_or_default()
        })
        .collect();
    match segments.as_slice() {
        [_, clusters, cluster, script] if clusters == "clusters" && script == "attachscript" => {
            let sent: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
            let nodepool = sent["nodepool_id"].as_str().unwrap_or("default");
            let script = serde_json::Value::from(format!(
                "attach --cluster {cluster} --nodepool {nodepool}"
            ));
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                script.to_string(),
            )
                .into_response()
        }
        _ => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::json!({"requestId": REQUEST_ID, "code": "NotFound", "message": "No such operation."}).to_string(),
        )
            .into_response(),
    }
}
