//! A fake of the vendor's identity services, on 127.0.0.1, for the
//! credentials providers: STS (`AssumeRole`, whose RPC signature it checks
//! with the source key it was given, and `AssumeRoleWithOIDC`, whose token
//! it checks), the ECS metadata service (IMDSv2 with a token that expires,
//! and v1; a role list) and a credentials URI. Each hands out keys that
//! expire in seconds and puts them in a [`Keyring`], against which
//! `ess serve`'s fake of ESS checks calls. Modes make it slow, failing or malformed.
//! It stops when dropped.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;

use ess_cli::serve::{Key, KeySource};
use ess_runtime::request::decode_pairs;

use crate::signature::rpc_v1;

/// The keys handed out, by id: the keys `ess serve`'s fake of ESS accepts.
#[derive(Default)]
pub struct Keyring {
    keys: Mutex<HashMap<String, Key>>,
}

impl Keyring {
    /// Adds a key (a long-term one has neither token nor expiry).
    pub fn add(&self, id: &str, secret: &str, token: Option<&str>, expiry: Option<SystemTime>) {
        self.keys.lock().unwrap().insert(
            id.to_owned(),
            Key {
                secret: secret.to_owned(),
                security_token: token.map(str::to_owned),
                expires: expiry,
            },
        );
    }

    /// The secret of key `id`, if the token sent is its own and it has
    /// not expired; else the vendor's error.
    fn check(&self, id: &str, token: Option<&str>) -> Result<String, (u16, &'static str)> {
        let Some(key) = self.key(id) else {
            return Err((404, "InvalidAccessKeyId.NotFound"));
        };
        if key.security_token.as_deref() != token {
            return Err((400, "InvalidSecurityToken.MismatchWithAccessKey"));
        }
        if key.expires.is_some_and(|at| at <= SystemTime::now()) {
            return Err((400, "InvalidSecurityToken.Expired"));
        }
        Ok(key.secret)
    }
}

impl KeySource for Keyring {
    fn key(&self, id: &str) -> Option<Key> {
        self.keys.lock().unwrap().get(id).cloned()
    }
}

/// How the fake answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// As the vendor's services do.
    Normal,
    /// Every answer an HTTP 500.
    Failing,
    /// Every answer a body that is not JSON.
    Malformed,
    /// Keys answered with `"Code": "Failed"` (metadata, URI).
    NotSuccess,
    /// Every answer after three seconds.
    Slow,
}

/// A running fake.
pub struct Identity {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

struct Shared {
    keyring: Arc<Keyring>,
    /// The key `AssumeRole` must be signed with.
    source: (String, String),
    /// The OIDC token `AssumeRoleWithOIDC` accepts.
    oidc_token: Mutex<String>,
    /// The metadata service's role.
    role: String,
    /// How long the keys handed out live.
    lifetime: Mutex<Duration>,
    mode: Mutex<Mode>,
    /// Whether IMDSv2 is served (else `PUT /latest/api/token` is 404).
    imds_v2: Mutex<bool>,
    imds_tokens: Mutex<HashMap<String, SystemTime>>,
    issued: AtomicUsize,
    counts: Mutex<HashMap<String, usize>>,
    sessions: Mutex<Vec<String>>,
}

impl Identity {
    /// Starts a fake whose `AssumeRole` accepts the signature of `source`
    /// and whose keys go into `keyring`.
    pub async fn start(keyring: Arc<Keyring>, source: (&str, &str)) -> Identity {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            keyring,
            source: (source.0.to_owned(), source.1.to_owned()),
            oidc_token: Mutex::new("the-oidc-token".to_owned()),
            role: "EcsRole".to_owned(),
            lifetime: Mutex::new(Duration::from_secs(3600)),
            mode: Mutex::new(Mode::Normal),
            imds_v2: Mutex::new(true),
            imds_tokens: Mutex::default(),
            issued: AtomicUsize::new(0),
            counts: Mutex::default(),
            sessions: Mutex::default(),
        });
        let app = Router::new()
            .route("/", any(sts))
            .route("/latest/api/token", any(imds_token))
            .route(
                "/latest/meta-data/ram/security-credentials/",
                any(imds_roles),
            )
            .route(
                "/latest/meta-data/ram/security-credentials/{role}",
                any(imds_keys),
            )
            .route("/credentials", any(uri))
            .with_state(shared.clone());
        let stop = serve_until_stopped(listener, app);
        Identity {
            addr,
            shared,
            stop: Some(stop),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many times `what` was asked: `AssumeRole`, `AssumeRoleWithOIDC`,
    /// `imds-token`, `imds-roles`, `imds-keys`, `uri`.
    pub fn count(&self, what: &str) -> usize {
        self.shared
            .counts
            .lock()
            .unwrap()
            .get(what)
            .copied()
            .unwrap_or(0)
    }

    /// The session names STS was asked for.
    pub fn sessions(&self) -> Vec<String> {
        self.shared.sessions.lock().unwrap().clone()
    }

    /// Keys handed out from now live `lifetime`.
    pub fn set_lifetime(&self, lifetime: Duration) {
        *self.shared.lifetime.lock().unwrap() = lifetime;
    }

    /// Answers as `mode` says from now.
    pub fn set_mode(&self, mode: Mode) {
        *self.shared.mode.lock().unwrap() = mode;
    }

    /// The OIDC token STS accepts from now.
    pub fn set_oidc_token(&self, token: &str) {
        *self.shared.oidc_token.lock().unwrap() = token.to_owned();
    }

    /// Serves IMDSv2's token, or answers 404 to it as an old service.
    pub fn set_imds_v2(&self, on: bool) {
        *self.shared.imds_v2.lock().unwrap() = on;
    }
}

impl Drop for Identity {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Shared {
    fn count(&self, what: &str) {
        *self
            .counts
            .lock()
            .unwrap()
            .entry(what.to_owned())
            .or_default() += 1;
    }

    /// A mode's answer in place of the normal one, if any.
    async fn fault(&self) -> Option<Response> {
        let mode = *self.mode.lock().unwrap();
        match mode {
            Mode::Failing => Some((StatusCode::INTERNAL_SERVER_ERROR, "failing").into_response()),
            Mode::Malformed => Some((StatusCode::OK, "{\"AccessKeyId\": ").into_response()),
            Mode::Slow => {
                tokio::time::sleep(Duration::from_secs(3)).await;
                None
            }
            Mode::Normal | Mode::NotSuccess => None,
        }
    }

    /// New keys, in the keyring: `(id, secret, token, expiration)`.
    fn issue(&self) -> (String, String, String, String) {
        let n = self.issued.fetch_add(1, Ordering::SeqCst);
        let expiry = SystemTime::now() + *self.lifetime.lock().unwrap();
        let (id, secret, token) = (
            format!("STS.id-{n}"),
            format!("sts-secret-{n}"),
            format!("sts-token-{n}"),
        );
        self.keyring.add(&id, &secret, Some(&token), Some(expiry));
        (id, secret, token, ess_runtime::sign::iso8601(expiry))
    }
}

async fn sts(
    State(shared): State<Arc<Shared>>,
    method: Method,
    RawQuery(query): RawQuery,
    form: Bytes,
) -> Response {
    let mut pairs = decode_pairs(query.as_deref().unwrap_or(""));
    pairs.extend(decode_pairs(std::str::from_utf8(&form).unwrap_or("")));
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let action = get("Action").unwrap_or_default();
    shared.count(&action);
    if let Some(fault) = shared.fault().await {
        return fault;
    }
    let refuse = |status: StatusCode, code: &str| {
        let body = format!(
            r#"{{"RequestId":"R-STS","Code":"{code}","Message":"refused by the fake STS"}}"#
        );
        (status, [("content-type", "application/json")], body).into_response()
    };
    match action.as_str() {
        "AssumeRole" => {
            // Signed by a key it knows: the source key, or keys it handed out
            // (a role assumed with a role's keys), with their token.
            let id = get("AccessKeyId").unwrap_or_default();
            let secret = if id == shared.source.0 {
                Ok(shared.source.1.clone())
            } else {
                shared.keyring.check(&id, get("SecurityToken").as_deref())
            };
            match secret {
                Ok(secret) if rpc_v1(method.as_str(), &pairs, &secret) => {}
                Ok(_) => return refuse(StatusCode::BAD_REQUEST, "SignatureDoesNotMatch"),
                Err((_, code)) => return refuse(StatusCode::BAD_REQUEST, code),
            }
            if get("RoleArn").is_none() || get("RoleSessionName").is_none() {
                return refuse(StatusCode::BAD_REQUEST, "MissingParameter");
            }
        }
        "AssumeRoleWithOIDC" => {
            if get("Signature").is_some() || get("AccessKeyId").is_some() {
                return refuse(StatusCode::BAD_REQUEST, "InvalidParameter.Anonymous");
            }
            if get("OIDCToken").as_deref() != Some(shared.oidc_token.lock().unwrap().as_str()) {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    "InvalidParameter.OIDCToken.Invalid",
                );
            }
        }
        _ => return refuse(StatusCode::NOT_FOUND, "InvalidAction.NotFound"),
    }
    shared
        .sessions
        .lock()
        .unwrap()
        .push(get("RoleSessionName").unwrap_or_default());
    let (id, secret, token, expiration) = shared.issue();
    let body = format!(
        r#"{{"RequestId":"R-STS","AssumedRoleUser":{{"Arn":"acs:ram::1:role/r","AssumedRoleId":"1:s"}},"Credentials":{{"AccessKeyId":"{id}","AccessKeySecret":"{secret}","SecurityToken":"{token}","Expiration":"{expiration}"}}}}"#
    );
    ([("content-type", "application/json")], body).into_response()
}

async fn imds_token(
    State(shared): State<Arc<Shared>>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    shared.count("imds-token");
    if !*shared.imds_v2.lock().unwrap() {
        return StatusCode::NOT_FOUND.into_response();
    }
    if method != Method::PUT {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let Some(ttl) = headers
        .get("x-aliyun-ecs-metadata-token-ttl-seconds")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let token = format!(
        "imds-token-{}",
        shared.issued.fetch_add(1, Ordering::SeqCst)
    );
    shared
        .imds_tokens
        .lock()
        .unwrap()
        .insert(token.clone(), SystemTime::now() + Duration::from_secs(ttl));
    token.into_response()
}

/// Whether a metadata request may be answered: with IMDSv2 on, only with
/// a token of its own that has not expired.
fn imds_allowed(shared: &Shared, headers: &HeaderMap) -> bool {
    if !*shared.imds_v2.lock().unwrap() {
        return true;
    }
    let token = headers
        .get("x-aliyun-ecs-metadata-token")
        .and_then(|v| v.to_str().ok());
    token.is_some_and(|t| {
        shared
            .imds_tokens
            .lock()
            .unwrap()
            .get(t)
            .is_some_and(|at| *at > SystemTime::now())
    })
}

async fn imds_roles(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    shared.count("imds-roles");
    if let Some(fault) = shared.fault().await {
        return fault;
    }
    if !imds_allowed(&shared, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    shared.role.clone().into_response()
}

async fn imds_keys(
    State(shared): State<Arc<Shared>>,
    Path(role): Path<String>,
    headers: HeaderMap,
) -> Response {
    shared.count("imds-keys");
    if let Some(fault) = shared.fault().await {
        return fault;
    }
    if !imds_allowed(&shared, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if role != shared.role {
        return StatusCode::NOT_FOUND.into_response();
    }
    keys_answer(&shared)
}

async fn uri(State(shared): State<Arc<Shared>>) -> Response {
    shared.count("uri");
    if let Some(fault) = shared.fault().await {
        return fault;
    }
    keys_answer(&shared)
}

/// Keys as the metadata service and credentials URIs answer them.
fn keys_answer(shared: &Shared) -> Response {
    let code = if *shared.mode.lock().unwrap() == Mode::NotSuccess {
        "Failed"
    } else {
        "Success"
    };
    let (id, secret, token, expiration) = shared.issue();
    let body = format!(
        r#"{{"Code":"{code}","AccessKeyId":"{id}","AccessKeySecret":"{secret}","SecurityToken":"{token}","Expiration":"{expiration}","LastUpdated":"2026-12-07T00:00:00Z"}}"#
    );
    ([("content-type", "application/json")], body).into_response()
}

/// Serves `app` on `listener` from a task of the current runtime, until the
/// sender it returns is used or dropped.
fn serve_until_stopped(
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
