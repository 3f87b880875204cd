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

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use ess_codegen::model::{IntegerFormat, Node, Object, Shape, Spec};
use ess_runtime::request::{decode_pairs, percent_decode, COMMON_PARAMETERS};
use ess_runtime::{sign, Format, XmlWriter};
use serde_json::{Map, Value};

/// What `ess serve` is told.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The keys it accepts, `(id, secret)`; none: requests are not checked
    /// for a signature.
    pub keys: Vec<(String, String)>,
    /// A folder of bodies, `OPERATION.json`, answered instead of the
    /// spec's examples.
    pub fixtures: Option<PathBuf>,
    /// The faults to inject.
    pub faults: Faults,
}

/// Faults, each the share of requests (0 to 1) it hits.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// `Throttling` (HTTP 400, `x-acs-retry-after: 100`).
    pub throttle: f64,
    /// `ServiceUnavailable` (HTTP 503).
    pub unavailable: f64,
    /// A gateway's HTML page (HTTP 502).
    pub html: f64,
    /// A success body cut in half.
    pub truncate: f64,
    /// Added before each answer.
    pub latency: Duration,
    /// The seed of the draws, so that a run can be repeated.
    pub seed: u64,
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
}

/// One request, as read off the connection.
struct Incoming {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// One answer.
struct Outgoing {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
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
            }),
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends: a thread per connection.
    pub fn run(self) {
        for stream in self.listener.incoming().flatten() {
            let state = self.state.clone();
            std::thread::spawn(move || {
                let _ = serve_connection(&state, stream);
            });
        }
    }
}

fn serve_connection(state: &State, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream);
    let answer = match read_request(&mut reader) {
        Ok(incoming) => state.answer(&incoming),
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
fn read_request(reader: &mut BufReader<TcpStream>) -> Result<Incoming, String> {
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
    Ok(Incoming {
        method,
        path,
        query,
        headers,
        body,
    })
}

impl Incoming {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The query's pairs and a form body's, decoded.
    fn pairs(&self) -> Vec<(String, String)> {
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

impl State {
    fn answer(&self, incoming: &Incoming) -> Outgoing {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let pairs = incoming.pairs();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let action = get("Action")
            .or_else(|| incoming.header("x-acs-action"))
            .unwrap_or_default()
            .to_owned();
        let xml = get("Format").is_some_and(|f| f.eq_ignore_ascii_case("xml"));
        let request_id = format!("ess-serve-{}", self.requests.load(Ordering::Relaxed));
        let fail = |status: u16, code: &str, message: &str| {
            Outgoing::error(xml, status, code, message, &request_id)
        };
        if action.is_empty() {
            return fail(400, "MissingParameter", "The input parameter \"Action\" that is mandatory for processing this request is not supplied.");
        }
        if self.spec.response(&action).is_none() && self.spec.request(&action).is_none() {
            return fail(
                404,
                "InvalidAction.NotFound",
                "Specified api is not found, please check your url and method.",
            );
        }
        if let Err((status, code, message)) = self.check_signature(incoming, &pairs) {
            return fail(status, code, message);
        }
        // The styles whose calls `ess call` makes (FC and OSS sign their
        // own way).
        if matches!(
            self.spec.style.as_deref().unwrap_or("RPC"),
            "RPC" | "V3" | "ROA"
        ) {
            if let Err((code, message)) = self.check_parameters(&action, incoming, &pairs) {
                return fail(400, code, &message);
            }
        }
        let faults = &self.options.faults;
        if !faults.latency.is_zero() {
            std::thread::sleep(faults.latency);
        }
        if self.draw(faults.throttle) {
            let mut answer = fail(
                400,
                "Throttling",
                "Request was denied due to request throttling.",
            );
            answer.headers.push(("x-acs-retry-after", "100".to_owned()));
            return answer;
        }
        if self.draw(faults.unavailable) {
            return fail(
                503,
                "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server.",
            );
        }
        if self.draw(faults.html) {
            return Outgoing {
                status: 502,
                content_type: "text/html",
                headers: Vec::new(),
                body: b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>".to_vec(),
            };
        }
        let mut answer = match self.body(&action, &pairs, &request_id, xml) {
            Ok(answer) => answer,
            Err(why) => return fail(500, "InternalError", &why),
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

    /// The signature of an RPC, ROA or V3 request, by the keys given.
    fn check_signature(
        &self,
        incoming: &Incoming,
        pairs: &[(String, String)],
    ) -> Result<(), (u16, &'static str, &'static str)> {
        if self.options.keys.is_empty() {
            return Ok(());
        }
        let secret_of = |id: &str| {
            self.options
                .keys
                .iter()
                .find(|(k, _)| k == id)
                .map(|(_, s)| s.as_str())
                .ok_or((
                    404,
                    "InvalidAccessKeyId.NotFound",
                    "Specified access key is not found.",
                ))
        };
        let mismatch = (
            400,
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation.",
        );
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        if let Some(signature) = get("Signature") {
            let secret = secret_of(get("AccessKeyId").unwrap_or_default())?;
            let signed: Vec<(&str, &str)> = pairs
                .iter()
                .filter(|(k, _)| k != "Signature")
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            if sign::rpc_v1_signature(&incoming.method, &signed, secret) != signature {
                return Err(mismatch);
            }
            return fresh(get("Timestamp").and_then(sign::parse_iso8601));
        }
        let Some(authorization) = incoming.header("authorization") else {
            return Err((
                400,
                "IncompleteSignature",
                "The request signature does not conform to Aliyun standards.",
            ));
        };
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
        if let Some(rest) = authorization.strip_prefix("ACS3-HMAC-SHA256 ") {
            let id = rest
                .split(',')
                .find_map(|part| part.trim().strip_prefix("Credential="))
                .unwrap_or_default();
            let secret = secret_of(id)?;
            let payload_hash = sign::sha256_hex(&incoming.body);
            let request = sign::V3Request {
                method: &incoming.method,
                path: &incoming.path,
                query: &query,
                headers: &headers,
                payload_hash: &payload_hash,
            };
            if sign::v3_authorization(&request, id, secret) != authorization {
                return Err(mismatch);
            }
            return fresh(incoming.header("x-acs-date").and_then(sign::parse_iso8601));
        }
        if let Some(rest) = authorization.strip_prefix("acs ") {
            let id = rest.split(':').next().unwrap_or_default();
            let secret = secret_of(id)?;
            let request = sign::RoaRequest {
                method: &incoming.method,
                path: &incoming.path,
                query: &query,
                headers: &headers,
            };
            if sign::roa_authorization(&request, id, secret) != authorization {
                return Err(mismatch);
            }
            return fresh(incoming.header("date").and_then(sign::parse_http_date));
        }
        Err((
            400,
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards.",
        ))
    }

    /// An RPC call's parameters against the spec's, by the rules `ess call`
    /// checks them with: the vendor's codes for what is missing or wrong.
    fn check_parameters(
        &self,
        action: &str,
        incoming: &Incoming,
        pairs: &[(String, String)],
    ) -> Result<(), (&'static str, String)> {
        let Some(request) = self.spec.request(action) else {
            return Ok(());
        };
        let mut arguments: Vec<(String, String)> = pairs
            .iter()
            .filter(|(k, _)| !COMMON_PARAMETERS.contains(&k.as_str()))
            .cloned()
            .collect();
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
            Ok(_) => Ok(()),
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
    ) -> Result<Outgoing, String> {
        let Some(response) = self.spec.response(action) else {
            return Ok(Outgoing::json(
                &serde_json::json!({ "RequestId": request_id }),
            ));
        };
        let fixture = self
            .options
            .fixtures
            .as_ref()
            .map(|dir| dir.join(format!("{action}.json")))
            .filter(|path| path.exists());
        let mut value = match fixture {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
            }
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
                    .and_then(|(_, v)| v.parse::<usize>().ok())
            };
            if let Some(size) = get("PageSize").filter(|s| *s > 0) {
                page(
                    &self.spec,
                    &response.body,
                    members,
                    size,
                    get("PageNumber").unwrap_or(1).max(1),
                );
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
            }
        } else {
            Outgoing::json(&value)
        })
    }
}

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
/// within 15 minutes of now, either way, as the vendor accepts it.
fn fresh(at: Option<SystemTime>) -> Result<(), (u16, &'static str, &'static str)> {
    let window = Duration::from_secs(15 * 60);
    let now = SystemTime::now();
    let within = at.is_some_and(|at| match at.duration_since(now) {
        Ok(ahead) => ahead <= window,
        Err(behind) => behind.duration() <= window,
    });
    if within {
        Ok(())
    } else {
        Err((
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        ))
    }
}

/// Page `number` of `size` items of the body's first list, with
/// `TotalCount`, `PageNumber` and `PageSize` set where the body has them.
fn page(spec: &Spec, node: &Node, members: &mut Map<String, Value>, size: usize, number: usize) {
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
    let start = (number - 1).saturating_mul(size).min(total);
    let end = start.saturating_add(size).min(total);
    *items = items[start..end].to_vec();
    let has = |field: &str| object.properties.iter().any(|p| p.name == field);
    for (field, value) in [
        ("TotalCount", total),
        ("PageNumber", number),
        ("PageSize", size),
    ] {
        if has(field) {
            members.insert(field.into(), Value::from(value));
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
        }
    }

    fn text(status: u16, text: String) -> Outgoing {
        Outgoing {
            status,
            content_type: "text/plain;charset=utf-8",
            headers: Vec::new(),
            body: text.into_bytes(),
        }
    }

    /// The vendor's error body.
    fn error(xml: bool, status: u16, code: &str, message: &str, request_id: &str) -> Outgoing {
        let format = if xml { Format::Xml } else { Format::Json };
        let (body, content_type) =
            ess_runtime::error_body(format, request_id, "ess-serve", code, message);
        Outgoing {
            status,
            content_type,
            headers: vec![("x-acs-request-id", request_id.to_owned())],
            body: body.into_bytes(),
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
