//! `ess serve SPEC`: a local fake of any spec over HTTP, for tests.
//!
//! Every operation answers a body made from the spec's examples (or the
//! user's, from `--fixtures DIR/OPERATION.json`), in JSON or XML by the
//! request's `Format`. A request is checked as the vendor checks it: its
//! signature (RPC 1.0, ROA or V3) against the keys given, its timestamp,
//! and its parameters by the spec (in the query, the form, a ROA path and
//! a JSON body: required ones, unknown names, limits), with the vendor's codes (`MissingParameter`,
//! `InvalidParameter`, `SignatureDoesNotMatch`, ...); its time (RPC's
//! `Timestamp`, V3's `x-acs-date`, ROA's `Date`) must be within 15 minutes.
//! `PageNumber` and
//! `PageSize` page over the body's list. Faults can be injected: throttling,
//! 5xx, HTML from a gateway, a truncated body, latency.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use ess_codegen::model::{IntegerFormat, Node, Object, Shape, Spec};
use ess_runtime::request::{decode_pairs, percent_decode, COMMON_PARAMETERS};
use ess_runtime::{sign, Format, XmlWriter};
use serde_json::{Map, Value};

/// What `ess serve` is told.
#[derive(Clone, Default)]
pub struct Options {
    /// The keys it accepts; none: requests are not checked for a
    /// signature.
    pub keys: Option<Arc<dyn KeySource>>,
    /// A folder of bodies, `OPERATION.json` or `OPERATION.xml`, answered
    /// instead of the spec's examples.
    pub fixtures: Option<PathBuf>,
    /// The faults to inject.
    pub faults: Faults,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("keys", &self.keys.as_ref().map(|_| "checked"))
            .field("fixtures", &self.fixtures)
            .field("faults", &self.faults)
            .finish()
    }
}

/// A key `ess serve` accepts, by its id.
#[derive(Clone)]
pub struct Key {
    /// The access key secret.
    pub secret: String,
    /// The security token a temporary key is sent with.
    pub security_token: Option<String>,
    /// When a temporary key stops being accepted.
    pub expires: Option<SystemTime>,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("expires", &self.expires)
            .finish_non_exhaustive()
    }
}

/// Where the fake finds the key of an access key id: the command's
/// `--key ID:SECRET`s, or keys handed out while it runs (a test's fake STS).
pub trait KeySource: Send + Sync {
    /// The key whose id is `id`, if it is one.
    fn key(&self, id: &str) -> Option<Key>;
}

/// Long-term keys, `(id, secret)`.
impl KeySource for Vec<(String, String)> {
    fn key(&self, id: &str) -> Option<Key> {
        self.iter().find(|(k, _)| k == id).map(|(_, secret)| Key {
            secret: secret.clone(),
            security_token: None,
            expires: None,
        })
    }
}

/// Faults: each rate the share of requests (0 to 1) it hits.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// The first this many requests (of those signed and well formed) are
    /// answered `Throttling`.
    pub throttle_first: u64,
    /// Errors an operation answers, every time.
    pub errors: Vec<InjectedError>,
    /// `Throttling` (HTTP 400, `x-acs-retry-after: 100`).
    pub throttle: f64,
    /// `ServiceUnavailable` (HTTP 503).
    pub unavailable: f64,
    /// A gateway's HTML page (HTTP 502).
    pub html: f64,
    /// HTTP 503 with an empty body, as a load balancer may answer.
    pub empty: f64,
    /// A success body cut in half.
    pub truncate: f64,
    /// Added before each answer.
    pub latency: Duration,
    /// The seed of the draws, so that a run can be repeated.
    pub seed: u64,
}

/// An error an operation answers: `--error OPERATION=CODE[:STATUS]`.
#[derive(Debug, Clone)]
pub struct InjectedError {
    /// The operation, or `None` for every one.
    operation: Option<String>,
    code: String,
    status: u16,
    message: String,
}

impl InjectedError {
    /// Reads `OPERATION=CODE[:STATUS]` (`*` for every operation) against
    /// `spec`: a code of the spec answers with its status and message; a
    /// code it lacks needs a status.
    pub fn parse(spec: &Spec, text: &str) -> Result<InjectedError, String> {
        let (operation, rest) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not OPERATION=CODE[:STATUS]"))?;
        let (code, status) = match rest.rsplit_once(':') {
            Some((code, status)) => {
                let status = status
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (400..=599).contains(s))
                    .ok_or_else(|| {
                        format!("`{status}` in `{text}` is not an error status (400 to 599)")
                    })?;
                (code, Some(status))
            }
            None => (rest, None),
        };
        let operation = match operation {
            "*" => None,
            name if spec.response(name).is_some() || spec.request(name).is_some() => {
                Some(name.to_owned())
            }
            name => {
                return Err(format!(
                    "`{name}` in `{text}` is not an operation of the spec"
                ))
            }
        };
        let known = spec.errors.iter().find(|e| e.code == code);
        let (status, message) = match (known, status) {
            (_, Some(status)) => (
                status,
                known.map_or_else(String::new, |e| e.message.clone()),
            ),
            (Some(known), None) => (known.status.get(), known.message.clone()),
            (None, None) => {
                return Err(format!(
                "`{code}` is not a code of the spec: give its status, `{operation}={code}:STATUS`",
                operation = operation.as_deref().unwrap_or("*")
            ))
            }
        };
        Ok(InjectedError {
            operation,
            code: code.to_owned(),
            status,
            message,
        })
    }
}

/// A request the fake received, and what it answered.
#[derive(Debug, Clone)]
pub struct Received {
    /// The method, `GET` or `POST`.
    pub method: String,
    /// The path, as sent (percent-encoded).
    pub path: String,
    /// The query, as sent.
    pub query: String,
    /// The headers, names in lower case, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The operation asked for.
    pub action: String,
    /// Its parameters, decoded: the query's, the form's, a ROA path's,
    /// headers' and JSON body's, without the common ones.
    pub parameters: Vec<(String, String)>,
    /// The status answered.
    pub status: u16,
    /// The error code answered, if any.
    pub code: Option<String>,
}

impl Received {
    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of parameter `name`, if it was sent.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The query's pairs and a form body's, decoded, as sent: what an RPC
    /// request signs.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = decode_pairs(&self.query);
        if self
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"))
        {
            pairs.extend(decode_pairs(&String::from_utf8_lossy(&self.body)));
        }
        pairs
    }
}

/// A fake, bound and ready to serve.
pub struct Server {
    listener: TcpListener,
    state: Arc<State>,
}

struct State {
    spec: Spec,
    options: Options,
    draws: AtomicU64,
    requests: AtomicU64,
    /// Requests past the checks, for `throttle_first`.
    admitted: AtomicU64,
    /// Nonces seen, with when: each is accepted once in the time window.
    nonces: Mutex<HashMap<String, SystemTime>>,
    /// What it answered, kept for a spawned server only: the command may
    /// run for days.
    received: Mutex<Vec<Received>>,
    record: AtomicBool,
    stop: AtomicBool,
}

/// One answer.
struct Outgoing {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// The error code answered.
    code: Option<String>,
}

impl Server {
    /// Binds `addr` (port 0: a free one) to serve `spec`.
    pub fn bind(addr: &str, spec: Spec, options: Options) -> std::io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(addr)?,
            state: Arc::new(State {
                spec,
                options,
                draws: AtomicU64::new(0),
                requests: AtomicU64::new(0),
                admitted: AtomicU64::new(0),
                nonces: Mutex::default(),
                received: Mutex::default(),
                record: AtomicBool::new(false),
                stop: AtomicBool::new(false),
            }),
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends (or the [`Running`] handle of
    /// [`Server::spawn`] is dropped): a thread per connection.
    pub fn run(self) {
        for stream in self.listener.incoming() {
            if self.state.stop.load(Ordering::SeqCst) {
                return;
            }
            let Ok(stream) = stream else { continue };
            let state = self.state.clone();
            std::thread::spawn(move || {
                let _ = serve_connection(&state, stream);
            });
        }
    }

    /// Serves from a thread of its own until the handle is dropped,
    /// keeping what it receives ([`Running::received`]).
    pub fn spawn(self) -> std::io::Result<Running> {
        let addr = self.local_addr()?;
        let state = self.state.clone();
        state.record.store(true, Ordering::SeqCst);
        let thread = std::thread::spawn(move || self.run());
        Ok(Running {
            addr,
            state,
            thread: Some(thread),
        })
    }
}

/// A fake serving from its own thread; it stops when dropped.
pub struct Running {
    addr: SocketAddr,
    state: Arc<State>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its URL, `http://HOST:PORT`, a client's endpoint.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests it has answered, in order.
    pub fn received(&self) -> Vec<Received> {
        self.state
            .received
            .lock()
            .map_or_else(|e| e.into_inner().clone(), |r| r.clone())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread, which then sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve_connection(state: &State, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream);
    let answer = match read_request(&mut reader) {
        Ok(mut received) => {
            let answer = state.answer(&mut received);
            received.status = answer.status;
            received.code.clone_from(&answer.code);
            if state.record.load(Ordering::Relaxed) {
                if let Ok(mut log) = state.received.lock() {
                    log.push(received);
                }
            }
            answer
        }
        Err(why) => Outgoing::text(400, why),
    };
    let stream = reader.get_mut();
    write!(
        stream,
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        answer.status,
        reason(answer.status),
        answer.content_type,
        answer.body.len()
    )?;
    for (name, value) in &answer.headers {
        write!(stream, "{name}: {value}\r\n")?;
    }
    stream.write_all(b"\r\n")?;
    stream.write_all(&answer.body)?;
    stream.flush()
}

/// Reads a request: its line, its headers (64 KiB at most) and a body of
/// its `Content-Length` (16 MiB at most).
fn read_request(reader: &mut BufReader<TcpStream>) -> Result<Received, String> {
    let mut line = String::new();
    let mut head = 0usize;
    let mut read_line = |reader: &mut BufReader<TcpStream>, line: &mut String| {
        line.clear();
        let n = reader
            .by_ref()
            .take(8192)
            .read_line(line)
            .map_err(|e| e.to_string())?;
        head += n;
        if n == 0 || head > 64 * 1024 {
            return Err("the request's head is cut short or too long".to_owned());
        }
        Ok(())
    };
    read_line(reader, &mut line)?;
    let mut words = line.split_whitespace();
    let (Some(method), Some(target)) = (words.next(), words.next()) else {
        return Err("not an HTTP request line".to_owned());
    };
    let (method, target) = (method.to_owned(), target.to_owned());
    let mut headers = Vec::new();
    loop {
        read_line(reader, &mut line)?;
        let text = line.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .map_or(Ok(0), |(_, v)| v.parse())
        .map_err(|_| "a Content-Length that is not a number".to_owned())?;
    if length > 16 << 20 {
        return Err("a body over 16 MiB".to_owned());
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_owned(), query.to_owned()),
        None => (target, String::new()),
    };
    Ok(Received {
        method,
        path,
        query,
        headers,
        body,
        action: String::new(),
        parameters: Vec::new(),
        status: 0,
        code: None,
    })
}

/// A refusal: the status, the vendor's code and message.
type Refusal = (u16, &'static str, String);

fn refusal(status: u16, code: &'static str, message: &str) -> Refusal {
    (status, code, message.to_owned())
}

impl State {
    fn answer(&self, incoming: &mut Received) -> Outgoing {
        let number = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let pairs = incoming.pairs();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        incoming.action = get("Action")
            .or_else(|| incoming.header("x-acs-action"))
            .unwrap_or_default()
            .to_owned();
        let action = incoming.action.clone();
        let xml = get("Format").is_some_and(|f| f.eq_ignore_ascii_case("xml"));
        let request_id = format!("ess-serve-{number}");
        // The vendor's host id is the host called.
        let host = incoming.header("host").unwrap_or("ess-serve").to_owned();
        let error = |status: u16, code: &str, message: &str| {
            let recommend = format!(
                "https://api.aliyun.com/troubleshoot?q={code}&product={}&action={action}",
                self.spec.service.as_deref().unwrap_or_default()
            );
            Outgoing::error(xml, status, code, message, &request_id, &host, &recommend)
        };
        let fail = |(status, code, message): Refusal| error(status, code, &message);
        if action.is_empty() {
            return fail(refusal(400, "MissingParameter", "The input parameter \"Action\" that is mandatory for processing this request is not supplied."));
        }
        if self.spec.response(&action).is_none() && self.spec.request(&action).is_none() {
            return fail(refusal(
                404,
                "InvalidAction.NotFound",
                "Specified api is not found, please check your url and method.",
            ));
        }
        // An anonymous operation is called with no key (a token of the
        // product's own, if any, is one of its parameters).
        let anonymous = self.spec.request(&action).is_some_and(|r| r.anonymous);
        if !anonymous {
            if let Err(refused) = self.check_signature(incoming, &pairs) {
                return fail(refused);
            }
        }
        match self.check_parameters(&action, incoming, &pairs) {
            Ok(parameters) => incoming.parameters = parameters,
            Err((code, message)) => return fail((400, code, message)),
        }
        let faults = &self.options.faults;
        if !faults.latency.is_zero() {
            std::thread::sleep(faults.latency);
        }
        let throttled = || {
            let mut answer = fail(refusal(
                400,
                "Throttling",
                "Request was denied due to request throttling.",
            ));
            answer.headers.push(("x-acs-retry-after", "100".to_owned()));
            answer
        };
        if self.admitted.fetch_add(1, Ordering::Relaxed) < faults.throttle_first {
            return throttled();
        }
        if let Some(injected) = faults
            .errors
            .iter()
            .find(|e| e.operation.as_ref().is_none_or(|o| *o == action))
        {
            return error(injected.status, &injected.code, &injected.message);
        }
        if self.draw(faults.throttle) {
            return throttled();
        }
        if self.draw(faults.unavailable) {
            return fail(refusal(
                503,
                "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server.",
            ));
        }
        if self.draw(faults.html) {
            return Outgoing {
                status: 502,
                content_type: "text/html",
                headers: Vec::new(),
                body: b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>".to_vec(),
                code: None,
            };
        }
        if self.draw(faults.empty) {
            return Outgoing {
                status: 503,
                content_type: if xml {
                    "text/xml;charset=utf-8"
                } else {
                    "application/json;charset=utf-8"
                },
                headers: Vec::new(),
                body: Vec::new(),
                code: None,
            };
        }
        let mut answer = match self.body(&action, &pairs, &request_id, xml) {
            Ok(answer) => answer,
            Err(refused) => return fail(refused),
        };
        answer.headers.push(("x-acs-request-id", request_id));
        if self.draw(faults.truncate) {
            let half = answer.body.len() / 2;
            answer.body.truncate(half);
        }
        answer
    }

    /// Whether the next draw falls under `rate`.
    fn draw(&self, rate: f64) -> bool {
        if rate <= 0.0 {
            return false;
        }
        let n = self.draws.fetch_add(1, Ordering::Relaxed);
        let mut x = self.options.faults.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        ((x >> 11) as f64 / (1u64 << 53) as f64) < rate
    }

    /// The signature of an RPC, ROA or V3 request by the keys given, its
    /// security token and expiry, its time, and its nonce (once each).
    fn check_signature(
        &self,
        incoming: &Received,
        pairs: &[(String, String)],
    ) -> Result<(), Refusal> {
        let Some(keys) = &self.options.keys else {
            return Ok(());
        };
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        // The key of `id`, if the token sent is its own and it has not
        // expired.
        let key_of = |id: &str, token: Option<&str>| {
            let key = keys.key(id).ok_or_else(|| {
                refusal(
                    404,
                    "InvalidAccessKeyId.NotFound",
                    "Specified access key is not found.",
                )
            })?;
            if key.security_token.as_deref() != token {
                return Err(refusal(
                    400,
                    "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.",
                ));
            }
            if key.expires.is_some_and(|at| at <= SystemTime::now()) {
                return Err(refusal(
                    400,
                    "InvalidSecurityToken.Expired",
                    "Specified SecurityToken is expired.",
                ));
            }
            Ok(key.secret)
        };
        let mismatch = || {
            refusal(
                400,
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.",
            )
        };
        let incomplete = || {
            refusal(
                400,
                "IncompleteSignature",
                "The request signature does not conform to Aliyun standards.",
            )
        };
        if let Some(signature) = get("Signature") {
            let secret = key_of(get("AccessKeyId").unwrap_or_default(), get("SecurityToken"))?;
            let signed: Vec<(&str, &str)> = pairs
                .iter()
                .filter(|(k, _)| k != "Signature")
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            if sign::rpc_v1_signature(&incoming.method, &signed, &secret) != signature {
                return Err(mismatch());
            }
            fresh(get("Timestamp").and_then(sign::parse_iso8601))?;
            return self.once(get("SignatureNonce"));
        }
        let authorization = incoming.header("authorization").ok_or_else(incomplete)?;
        let owned = decode_pairs(&incoming.query);
        let query: Vec<(&str, &str)> = owned
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let headers: Vec<(&str, &str)> = incoming
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let token = incoming.header("x-acs-security-token");
        if let Some(rest) = authorization.strip_prefix("ACS3-HMAC-SHA256 ") {
            let id = rest
                .split(',')
                .find_map(|part| part.trim().strip_prefix("Credential="))
                .unwrap_or_default();
            let secret = key_of(id, token)?;
            let payload_hash = sign::sha256_hex(&incoming.body);
            let request = sign::V3Request {
                method: &incoming.method,
                path: &incoming.path,
                query: &query,
                headers: &headers,
                payload_hash: &payload_hash,
            };
            if sign::v3_authorization(&request, id, &secret) != authorization {
                return Err(mismatch());
            }
            fresh(incoming.header("x-acs-date").and_then(sign::parse_iso8601))?;
            return self.once(incoming.header("x-acs-signature-nonce"));
        }
        if let Some(rest) = authorization.strip_prefix("acs ") {
            let id = rest.split(':').next().unwrap_or_default();
            let secret = key_of(id, token)?;
            let request = sign::RoaRequest {
                method: &incoming.method,
                path: &incoming.path,
                query: &query,
                headers: &headers,
            };
            if sign::roa_authorization(&request, id, &secret) != authorization {
                return Err(mismatch());
            }
            fresh(incoming.header("date").and_then(sign::parse_http_date))?;
            return self.once(incoming.header("x-acs-signature-nonce"));
        }
        Err(incomplete())
    }

    /// A signature's nonce, accepted once within the time window.
    fn once(&self, nonce: Option<&str>) -> Result<(), Refusal> {
        let nonce = nonce.filter(|n| !n.is_empty()).ok_or_else(|| {
            refusal(
                400,
                "MissingSignatureNonce",
                "SignatureNonce is mandatory for this action.",
            )
        })?;
        let now = SystemTime::now();
        let mut seen = self.nonces.lock().unwrap_or_else(|e| e.into_inner());
        // A nonce older than the window is refused by its time anyway.
        if seen.len() >= 4096 {
            seen.retain(|_, at| now.duration_since(*at).unwrap_or_default() <= WINDOW);
        }
        if seen.insert(nonce.to_owned(), now).is_some() {
            return Err(refusal(
                400,
                "SignatureNonceUsed",
                "Specified signature nonce was used already.",
            ));
        }
        Ok(())
    }

    /// A call's parameters against the spec's, by the rules `ess call`
    /// checks them with: the vendor's codes for what is missing or wrong.
    /// `Ok` gives the call's parameters, a ROA path's, headers' and body's
    /// too.
    fn check_parameters(
        &self,
        action: &str,
        incoming: &Received,
        pairs: &[(String, String)],
    ) -> Result<Vec<(String, String)>, (&'static str, String)> {
        let mut arguments: Vec<(String, String)> = pairs
            .iter()
            .filter(|(k, _)| !COMMON_PARAMETERS.contains(&k.as_str()))
            .cloned()
            .collect();
        // Checked in the styles whose calls `ess call` makes (FC and OSS
        // sign their own way).
        let checked = matches!(
            self.spec.style.as_deref().unwrap_or("RPC"),
            "RPC" | "V3" | "ROA"
        );
        let Some(request) = self.spec.request(action).filter(|_| checked) else {
            return Ok(arguments);
        };
        // A ROA call's path parameters, by the operation's path template,
        // and its body parameter, as `ess call --body '{...}'` gives it.
        if let Some(template) = request.path.as_deref().filter(|p| p.contains('{')) {
            let filled = path_parameters(template, &incoming.path).ok_or_else(|| {
                (
                    "InvalidParameter",
                    format!(
                        "The path {} is not the operation's, {template}.",
                        incoming.path
                    ),
                )
            })?;
            arguments.extend(filled);
        }
        // Header parameters, by their names in any case.
        for (parameter, _) in request
            .parameters
            .properties
            .iter()
            .zip(&request.wire)
            .filter(|(_, wire)| wire.location == ess_codegen::model::Location::Header)
        {
            if let Some(value) = incoming.header(&parameter.name.to_ascii_lowercase()) {
                arguments.push((parameter.name.clone(), value.to_owned()));
            }
        }
        let body_parameter = request
            .parameters
            .properties
            .iter()
            .zip(&request.wire)
            .find(|(_, wire)| wire.location == ess_codegen::model::Location::Body);
        if let (Some((parameter, _)), false) = (body_parameter, incoming.body.is_empty()) {
            if incoming
                .header("content-type")
                .is_some_and(|t| t.contains("json"))
            {
                let text = String::from_utf8_lossy(&incoming.body).into_owned();
                arguments.push((parameter.name.clone(), text));
            }
        }
        match crate::call::prepare(&self.spec, action, &arguments, None) {
            Ok(_) => Ok(arguments),
            Err(why) if why.contains("` needs --") => Err((
                "MissingParameter",
                format!("The input parameter that is mandatory for processing this request is not supplied: {}", why.replace("--", "")),
            )),
            Err(why) => Err(("InvalidParameter", format!("The specified parameter is not valid: {why}"))),
        }
    }

    /// The success body of `action`: the fixture, else the spec's examples;
    /// a page of its list when the request asks for one.
    fn body(
        &self,
        action: &str,
        pairs: &[(String, String)],
        request_id: &str,
        xml: bool,
    ) -> Result<Outgoing, Refusal> {
        let Some(response) = self.spec.response(action) else {
            return Ok(Outgoing::json(
                &serde_json::json!({ "RequestId": request_id }),
            ));
        };
        let internal = |why: String| (500, "InternalError", why);
        let mut value = match self.fixture(action, response).map_err(internal)? {
            Some(value) => value,
            // A body the schema leaves open: an object of its request id.
            None if response.body.shape == Shape::Any => {
                serde_json::json!({ "RequestId": request_id })
            }
            None => example(&self.spec, &response.body, 0),
        };
        if let Value::Object(members) = &mut value {
            if object_of(&self.spec, &response.body)
                .is_some_and(|o| o.properties.iter().any(|p| p.name == "RequestId"))
            {
                members.insert("RequestId".into(), Value::String(request_id.to_owned()));
            }
            let get = |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            };
            let number = |name: &str| get(name).and_then(|v| v.parse::<usize>().ok());
            // A body with a `NextToken` pages by token, by `MaxResults` or
            // `PageSize`; another by `PageNumber` and `PageSize`.
            let by_token = object_of(&self.spec, &response.body)
                .is_some_and(|o| o.properties.iter().any(|p| p.name == "NextToken"));
            let size = number("MaxResults")
                .or_else(|| number("PageSize"))
                .filter(|s| *s > 0);
            match (by_token, size) {
                (true, Some(size)) => {
                    let start = match get("NextToken").filter(|t| !t.is_empty()) {
                        None => 0,
                        Some(token) => token
                            .strip_prefix(NEXT_TOKEN)
                            .and_then(|n| n.parse().ok())
                            .ok_or_else(|| {
                                refusal(
                                    400,
                                    "InvalidParameter",
                                    "The specified parameter NextToken is not valid.",
                                )
                            })?,
                    };
                    page(
                        &self.spec,
                        &response.body,
                        members,
                        Page::Token { start, size },
                    );
                }
                (false, Some(size)) => {
                    let number = number("PageNumber").unwrap_or(1).max(1);
                    page(
                        &self.spec,
                        &response.body,
                        members,
                        Page::Number { number, size },
                    );
                }
                (_, None) => {}
            }
        }
        Ok(if xml {
            let mut out = XmlWriter::new();
            write_xml(
                &self.spec,
                &response.body,
                &value,
                &format!("{action}Response"),
                &mut out,
                0,
            );
            Outgoing {
                status: 200,
                content_type: "text/xml;charset=utf-8",
                headers: Vec::new(),
                body: out.finish().into_bytes(),
                code: None,
            }
        } else {
            Outgoing::json(&value)
        })
    }

    /// The user's body for `action`, `DIR/ACTION.json` or `DIR/ACTION.xml`,
    /// read as the operation's response types read it.
    fn fixture(
        &self,
        action: &str,
        response: &ess_codegen::model::Response,
    ) -> Result<Option<Value>, String> {
        let Some(dir) = &self.options.fixtures else {
            return Ok(None);
        };
        for (extension, format) in [("json", Format::Json), ("xml", Format::Xml)] {
            let path = dir.join(format!("{action}.{extension}"));
            if !path.exists() {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let value = match (format, object_of(&self.spec, &response.body)) {
                (Format::Json, _) | (Format::Xml, None) => serde_json::from_slice::<Value>(&bytes)
                    .map_err(|e| format!("{}: {e}", path.display()))?,
                (Format::Xml, Some(_)) => {
                    ess_runtime::Decoder::new()
                        .format(Format::Xml)
                        .decode::<Value, crate::typed::NoCodes>(200, None, &bytes)
                        .map_err(|e| format!("{}: {e}", path.display()))?
                        .body
                }
            };
            return crate::typed::typed(&self.spec, &response.body, &value)
                .map(Some)
                .map_err(|e| format!("{}: {e}", path.display()));
        }
        Ok(None)
    }
}

/// How long a request's time may be from now, either way, and a nonce is
/// remembered: the vendor's 15 minutes.
const WINDOW: Duration = Duration::from_secs(15 * 60);

/// The prefix of the `NextToken`s the fake hands out, before the offset of
/// the next item.
const NEXT_TOKEN: &str = "ess-serve-";

/// The values of a path template's `{Name}`s in `path` (each segment
/// percent-decoded), or `None` when `path` is not of the template.
fn path_parameters(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let (template, path): (Vec<&str>, Vec<&str>) =
        (template.split('/').collect(), path.split('/').collect());
    if template.len() != path.len() {
        return None;
    }
    let mut filled = Vec::new();
    for (want, got) in template.iter().zip(&path) {
        match want.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(name) => filled.push((name.to_owned(), percent_decode(got))),
            None if want == got => {}
            None => return None,
        }
    }
    Some(filled)
}

/// A request's time (RPC's `Timestamp`, V3's `x-acs-date`, ROA's `Date`)
/// within the window of now, either way, as the vendor accepts it.
fn fresh(at: Option<SystemTime>) -> Result<(), Refusal> {
    let now = SystemTime::now();
    let within = at.is_some_and(|at| match at.duration_since(now) {
        Ok(ahead) => ahead <= WINDOW,
        Err(behind) => behind.duration() <= WINDOW,
    });
    if within {
        Ok(())
    } else {
        Err(refusal(
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        ))
    }
}

/// Which items of a list a request asks for.
enum Page {
    /// `PageNumber` and `PageSize`.
    Number { number: usize, size: usize },
    /// `NextToken` (the offset `start`) and `MaxResults` or `PageSize`.
    Token { start: usize, size: usize },
}

/// The page of the body's first list a request asks for, with the fields
/// of paging the body has set: `TotalCount`, and `PageNumber` and
/// `PageSize`, or `NextToken` (empty on the last page) and `MaxResults` or
/// `PageSize`.
fn page(spec: &Spec, node: &Node, members: &mut Map<String, Value>, asked: Page) {
    let Some(object) = object_of(spec, node) else {
        return;
    };
    let Some((name, wrapper)) = object.properties.iter().find_map(|p| match &p.node.shape {
        Shape::Array { wrapper, .. } => Some((p.name.clone(), wrapper.clone())),
        _ => None,
    }) else {
        return;
    };
    let list = match (members.get_mut(&name), &wrapper) {
        (Some(Value::Object(inner)), Some(wrapper)) => inner.get_mut(wrapper),
        (Some(value), None) => Some(value),
        _ => None,
    };
    let Some(Value::Array(items)) = list else {
        return;
    };
    let total = items.len();
    let (start, size) = match asked {
        Page::Number { number, size } => ((number - 1).saturating_mul(size), size),
        Page::Token { start, size } => (start, size),
    };
    let start = start.min(total);
    let end = start.saturating_add(size).min(total);
    *items = items[start..end].to_vec();
    let mut fields = vec![("TotalCount", Value::from(total))];
    match asked {
        Page::Number { number, size } => {
            fields.push(("PageNumber", Value::from(number)));
            fields.push(("PageSize", Value::from(size)));
        }
        Page::Token { size, .. } => {
            let next = if end < total {
                format!("{NEXT_TOKEN}{end}")
            } else {
                String::new()
            };
            fields.push(("NextToken", Value::from(next)));
            fields.push(("MaxResults", Value::from(size)));
            fields.push(("PageSize", Value::from(size)));
        }
    }
    for (field, value) in fields {
        if object.properties.iter().any(|p| p.name == field) {
            members.insert(field.into(), value);
        }
    }
}

/// The object a node is, through a reference.
fn object_of<'s>(spec: &'s Spec, node: &'s Node) -> Option<&'s Object> {
    match &node.shape {
        Shape::Object(object) => Some(object),
        Shape::Ref(reference) => spec.component(&reference.component).map(|c| &c.object),
        _ => None,
    }
}

/// A value of `node` from the spec's examples: a list of one item, zero
/// and empty text where there is no example.
fn example(spec: &Spec, node: &Node, depth: usize) -> Value {
    let given = node.example.as_deref();
    match &node.shape {
        Shape::String | Shape::Binary => Value::String(given.unwrap_or_default().to_owned()),
        Shape::Integer(IntegerFormat::Int32) => {
            Value::from(given.and_then(|e| e.parse::<i32>().ok()).unwrap_or(0))
        }
        Shape::Integer(IntegerFormat::Int64) => {
            Value::from(given.and_then(|e| e.parse::<i64>().ok()).unwrap_or(0))
        }
        Shape::Number => Value::from(given.and_then(|e| e.parse::<f64>().ok()).unwrap_or(0.0)),
        Shape::Boolean => Value::Bool(given == Some("true")),
        Shape::Any => given
            .and_then(|e| serde_json::from_str(e).ok())
            .unwrap_or(Value::Null),
        // Components may hold themselves: deep enough is empty.
        _ if depth > 12 => Value::Null,
        Shape::Object(_) | Shape::Ref(_) => {
            let mut members = Map::new();
            for property in object_of(spec, node).map_or(&[][..], |o| &o.properties) {
                members.insert(
                    property.name.clone(),
                    example(spec, &property.node, depth + 1),
                );
            }
            Value::Object(members)
        }
        Shape::Array { wrapper, items } => {
            let list = Value::Array(vec![example(spec, items, depth + 1)]);
            match wrapper {
                Some(wrapper) => Value::Object(Map::from_iter([(wrapper.clone(), list)])),
                None => list,
            }
        }
        Shape::Map { .. } => Value::Object(Map::new()),
    }
}

/// `value` of `node` as the vendor's XML, in an element `name`.
fn write_xml(
    spec: &Spec,
    node: &Node,
    value: &Value,
    name: &str,
    out: &mut XmlWriter,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    match (&node.shape, value) {
        (_, Value::Null) => {}
        (Shape::Array { wrapper, items }, _) => {
            let listed = match (wrapper, value) {
                (Some(wrapper), Value::Object(inner)) => inner.get(wrapper),
                (_, value) => Some(value),
            };
            let listed = match listed {
                Some(Value::Array(values)) => values.as_slice(),
                Some(one) => std::slice::from_ref(one),
                None => &[],
            };
            match wrapper {
                Some(wrapper) => {
                    out.open(name);
                    for item in listed {
                        write_xml(spec, items, item, wrapper, out, depth + 1);
                    }
                    out.close(name);
                }
                None => {
                    for item in listed {
                        write_xml(spec, items, item, name, out, depth + 1);
                    }
                }
            }
        }
        (Shape::Object(_) | Shape::Ref(_), Value::Object(members)) => {
            out.open(name);
            for property in object_of(spec, node).map_or(&[][..], |o| &o.properties) {
                if let Some(member) = members.get(&property.name) {
                    write_xml(spec, &property.node, member, &property.name, out, depth + 1);
                }
            }
            out.close(name);
        }
        (Shape::Map { values }, Value::Object(members)) => {
            out.open(name);
            for (key, member) in members {
                write_xml(spec, values, member, key, out, depth + 1);
            }
            out.close(name);
        }
        (_, Value::String(text)) => out.element(name, text),
        (_, other) => out.element(name, &other.to_string()),
    }
}

impl Outgoing {
    fn json(value: &Value) -> Outgoing {
        Outgoing {
            status: 200,
            content_type: "application/json;charset=utf-8",
            headers: Vec::new(),
            body: value.to_string().into_bytes(),
            code: None,
        }
    }

    fn text(status: u16, text: String) -> Outgoing {
        Outgoing {
            status,
            content_type: "text/plain;charset=utf-8",
            headers: Vec::new(),
            body: text.into_bytes(),
            code: None,
        }
    }

    /// The vendor's error body.
    fn error(
        xml: bool,
        status: u16,
        code: &str,
        message: &str,
        request_id: &str,
        host_id: &str,
        recommend: &str,
    ) -> Outgoing {
        let format = if xml { Format::Xml } else { Format::Json };
        let (body, content_type) = ess_runtime::error_body(
            format,
            &ess_runtime::ErrorBody {
                request_id,
                host_id,
                code,
                message,
                recommend: Some(recommend),
            },
        );
        Outgoing {
            status,
            content_type,
            headers: vec![("x-acs-request-id", request_id.to_owned())],
            body: body.into_bytes(),
            code: Some(code.to_owned()),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "",
    }
}
