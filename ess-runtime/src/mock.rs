//! Typed mocks (feature `mock`): a transport that answers a client's calls
//! from rules, with no socket, so that code taking a [`Client`](crate::Client)
//! runs unchanged in its tests.
//!
//! A rule names an operation by its generated type and answers with a
//! typed response, an error code of the operation's enum (with its status
//! from the spec), a throttle, a transport failure or a raw body; it may
//! match the call's request (a typed request, compared by what it encodes
//! to; a test of the typed request; or a test of the parameters sent) and
//! answer once, `n` times or always. Rules are tried in the order given.
//! The answers go through the client's whole path (encoding, signing, the
//! decoder, retries, pages), in the format the call asked for. Every call
//! is recorded with its typed request ([`Mock::requests_of`]); a call that
//! no rule answers is an [`Error::Request`](crate::Error::Request) that
//! names it and its parameters.
//!
//! ```
//! # #[ess_runtime::service(spec_json = r#"{ "errors": [
//! #     { "code": "Throttling", "http_status": 400, "message": "Slow down.", "retry": "throttling" } ],
//! #   "common": ["Throttling"], "style": "RPC", "service": "Ess", "api_version": "2014-08-28",
//! #   "responses": { "DescribeRegions": { "properties": { "RequestId": { "type": "string" },
//! #     "Regions": { "type": "array", "items": { "type": "string" } } } } },
//! #   "requests": { "DescribeRegions": { "parameters": { "RegionId": { "type": "string" } } } } }"#)]
//! # pub mod ess {}
//! # async fn run() {
//! use ess_runtime::mock::Mock;
//! use ess_runtime::{Client, Credentials};
//!
//! let mock = Mock::new();
//! mock.on::<ess::DescribeRegions>().once().throttle(std::time::Duration::from_millis(1));
//! mock.on::<ess::DescribeRegions>().respond(ess::describe_regions::DescribeRegionsResponse {
//!     regions: vec!["cn-hangzhou".into()],
//!     ..Default::default()
//! });
//! let client = Client::builder("cn-hangzhou")
//!     .credentials(Credentials::new("id", "secret"))
//!     .http_client(mock.clone())
//!     .build()
//!     .unwrap();
//! let ok = client.call(ess::DescribeRegionsRequest::default()).await.unwrap();
//! assert_eq!(ok.body.regions, ["cn-hangzhou"]);
//! assert_eq!(mock.calls().len(), 2, "throttled, then answered");
//! // The typed requests, as the code under test built them.
//! assert_eq!(mock.requests_of::<ess::DescribeRegions>(), vec![ess::DescribeRegionsRequest::default(); 2]);
//! # }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::code::ErrorCode;
use crate::envelope::{error_body, ErrorBody};
use crate::error::{Format, TransportError};
use crate::http_client::{CallRequest, HttpClient, HttpFuture, SendOptions};
use crate::operation::{to_xml, Operation, Request};
use crate::request::{decode_pairs, COMMON_PARAMETERS};
use crate::signing::Signed;

/// A mock transport; clones share their rules and calls.
#[derive(Clone, Default)]
pub struct Mock {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    rules: Mutex<Vec<Rule>>,
    calls: Mutex<Vec<Call>>,
    request_ids: AtomicUsize,
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mock")
            .field("rules", &self.inner.rules.lock().map_or(0, |r| r.len()))
            .field("calls", &self.inner.calls.lock().map_or(0, |c| c.len()))
            .finish()
    }
}

/// A call the mock received: its typed request, and what was sent of it:
/// its action, its path, the parameters (the query and the form, without
/// the common ones: keys, signature, time) and its body.
#[derive(Debug, Clone)]
pub struct Call {
    /// The operation's name.
    pub action: String,
    /// The URL's path, as sent (percent-encoded): `/` for RPC, the
    /// operation's path with its parameters for ROA.
    pub path: String,
    /// The request's parameters, as sent, sorted.
    pub parameters: Vec<(String, String)>,
    /// A body other than a form (a ROA call's JSON), as sent.
    pub body: Option<String>,
    /// The format asked for.
    pub format: Format,
    /// Whether a rule answered it.
    pub answered: bool,
    /// The generated request of the call.
    request: Option<CallRequest>,
}

/// Calls are the same when they sent the same: a typed request is what it
/// encodes to.
impl PartialEq for Call {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.action,
            &self.path,
            &self.parameters,
            &self.body,
            self.format,
            self.answered,
        ) == (
            &other.action,
            &other.path,
            &other.parameters,
            &other.body,
            other.format,
            other.answered,
        )
    }
}

impl Eq for Call {}

impl Call {
    /// The value of parameter `name`, if sent.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The typed request of the call, if it is an `R` (a call of
    /// `R::Operation`).
    pub fn request<R: Request>(&self) -> Option<&R> {
        self.request.as_ref()?.get()
    }

    /// Whether it is a call of `O`.
    pub fn is<O: Operation>(&self) -> bool {
        self.action == O::NAME
    }

    /// Whether it sent what `request` encodes to: its path, query, form
    /// and body.
    pub fn sent<R: Request>(&self, request: &R) -> bool {
        self.is::<R::Operation>() && Sent::of(request).is_some_and(|sent| sent.is(self))
    }
}

/// What a rule answers.
type Answer =
    Arc<dyn Fn(&Call, &str) -> Result<http::Response<Vec<u8>>, TransportError> + Send + Sync>;

struct Rule {
    action: &'static str,
    matches: Box<dyn Fn(&Call) -> bool + Send + Sync>,
    /// How many more calls it answers; `None`: always.
    remaining: Option<usize>,
    answer: Answer,
}

impl Mock {
    /// A mock with no rules.
    pub fn new() -> Self {
        Self::default()
    }

    /// A rule for the calls of `O`; it is added when given its answer.
    pub fn on<O: Operation>(&self) -> RuleBuilder<'_, O> {
        RuleBuilder {
            mock: self,
            matches: Box::new(|_| true),
            remaining: None,
            operation: PhantomData,
        }
    }

    /// Every call so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.inner
            .calls
            .lock()
            .map(|c| c.clone())
            .unwrap_or_default()
    }

    /// The calls of `O` so far.
    pub fn calls_of<O: Operation>(&self) -> Vec<Call> {
        self.calls().into_iter().filter(|c| c.is::<O>()).collect()
    }

    /// The typed requests of the calls of `O` so far, in order.
    pub fn requests_of<O: Operation>(&self) -> Vec<O::Request> {
        self.calls()
            .iter()
            .filter_map(|c| c.request::<O::Request>().cloned())
            .collect()
    }

    fn answer(
        &self,
        request: Signed,
        typed: Option<CallRequest>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let mut call = read_call(&request);
        call.request = typed;
        let request_id = format!(
            "mock-{}",
            self.inner.request_ids.fetch_add(1, Ordering::Relaxed) + 1
        );
        let answer = {
            let mut rules = self.inner.rules.lock().map_err(|_| poisoned())?;
            let rule = rules.iter_mut().find(|rule| {
                rule.action == call.action && rule.remaining != Some(0) && (rule.matches)(&call)
            });
            rule.map(|rule| {
                if let Some(n) = &mut rule.remaining {
                    *n -= 1;
                }
                rule.answer.clone()
            })
        };
        call.answered = answer.is_some();
        if let Ok(mut calls) = self.inner.calls.lock() {
            calls.push(call.clone());
        }
        match answer {
            Some(answer) => answer(&call, &request_id),
            None => Err(TransportError::invalid_request(format!(
                "the mock has no rule for this call of {}({})",
                call.action,
                call.parameters
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

fn poisoned() -> TransportError {
    TransportError::invalid_request("the mock's rules were poisoned by a panic")
}

impl HttpClient for Mock {
    fn send(&self, request: Signed, options: SendOptions) -> HttpFuture<'_> {
        Box::pin(std::future::ready(self.answer(request, options.request)))
    }
}

/// A rule being written; [`Mock::on`].
#[must_use = "a rule is added when given its answer"]
pub struct RuleBuilder<'m, O> {
    mock: &'m Mock,
    matches: Box<dyn Fn(&Call) -> bool + Send + Sync>,
    remaining: Option<usize>,
    operation: PhantomData<fn() -> O>,
}

impl<O: Operation> RuleBuilder<'_, O> {
    /// Only for calls that sent what `request` encodes to.
    pub fn for_request(mut self, request: O::Request) -> Self {
        let expected = Sent::of(&request);
        self.matches = Box::new(move |call| expected.as_ref().is_some_and(|sent| sent.is(call)));
        self
    }

    /// Only for calls whose typed request passes `test`.
    pub fn matching(mut self, test: impl Fn(&O::Request) -> bool + Send + Sync + 'static) -> Self {
        self.matches = Box::new(move |call| call.request::<O::Request>().is_some_and(&test));
        self
    }

    /// Only for calls whose parameters, as sent, pass `test`.
    pub fn when(mut self, test: impl Fn(&Call) -> bool + Send + Sync + 'static) -> Self {
        self.matches = Box::new(test);
        self
    }

    /// Answers one call.
    pub fn once(self) -> Self {
        self.times(1)
    }

    /// Answers `n` calls.
    pub fn times(mut self, n: usize) -> Self {
        self.remaining = Some(n);
        self
    }

    /// Answers every call (the default).
    pub fn always(mut self) -> Self {
        self.remaining = None;
        self
    }

    /// Answers with `body`, written as the service writes it, in the format
    /// the call asked for.
    pub fn respond(self, body: O::Response)
    where
        O::Response: Send + Sync + 'static,
    {
        let answer: Answer = Arc::new(move |call, request_id| {
            let (bytes, content_type) = match call.format {
                Format::Xml => (to_xml::<O>(&body).into_bytes(), "text/xml;charset=utf-8"),
                Format::Json => (
                    serde_json::to_vec(&body)
                        .map_err(|e| TransportError::invalid_request(e.to_string()))?,
                    "application/json;charset=utf-8",
                ),
            };
            response(200, content_type, request_id, None, bytes)
        });
        self.add(answer);
    }

    /// Answers with the error `code` of the operation's enum, with its
    /// status and message template from the spec.
    pub fn error(self, code: O::Error) {
        let (status, name, message) = (code.http_status(), code.code(), code.message_template());
        self.add(Arc::new(move |call, request_id| {
            error_response(call.format, status, name, message, request_id, None)
        }));
    }

    /// Answers with `Throttling` (HTTP 400), asking for a retry after
    /// `after` (`x-acs-retry-after`).
    pub fn throttle(self, after: Duration) {
        self.add(Arc::new(move |call, request_id| {
            error_response(
                call.format,
                400,
                "Throttling",
                "Request was denied due to request throttling.",
                request_id,
                Some(after),
            )
        }));
    }

    /// Fails as a transport does; `sent` says whether the request may have
    /// reached the service (the client resends what was never sent).
    pub fn transport_failure(self, sent: bool) {
        self.add(Arc::new(move |_, _| {
            Err(TransportError::new(
                sent,
                false,
                "the mock's transport failed",
            ))
        }));
    }

    /// Answers with this status, content type and body, as they are: a
    /// gateway's HTML page, a truncated body.
    pub fn raw(self, status: u16, content_type: &str, body: impl Into<Vec<u8>>) {
        let (content_type, body) = (content_type.to_owned(), body.into());
        self.add(Arc::new(move |_, request_id| {
            response(status, &content_type, request_id, None, body.clone())
        }));
    }

    fn add(self, answer: Answer) {
        if let Ok(mut rules) = self.mock.inner.rules.lock() {
            rules.push(Rule {
                action: O::NAME,
                matches: self.matches,
                remaining: self.remaining,
                answer,
            });
        }
    }
}

/// What a typed request sends, as a call records it.
struct Sent {
    path: String,
    parameters: Vec<(String, String)>,
    body: Option<String>,
}

impl Sent {
    fn of<R: Request>(request: &R) -> Option<Sent> {
        let encoded = request.encode().ok()?;
        let mut parameters: Vec<(String, String)> = encoded
            .query
            .iter()
            .chain(encoded.form.iter())
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        parameters.sort();
        let path = if encoded.path.is_empty() {
            "/".to_owned()
        } else {
            encoded.path
        };
        Some(Sent {
            path,
            parameters,
            body: encoded.body.map(|(text, _)| text),
        })
    }

    fn is(&self, call: &Call) -> bool {
        self.path == call.path && self.parameters == call.parameters && self.body == call.body
    }
}

/// The call a signed request makes.
fn read_call(request: &Signed) -> Call {
    let query = request.url.split_once('?').map_or("", |(_, q)| q);
    let form = std::str::from_utf8(&request.body).unwrap_or("");
    let is_form = request
        .headers
        .iter()
        .any(|(k, v)| k == "content-type" && v.starts_with("application/x-www-form-urlencoded"));
    let mut pairs = decode_pairs(query);
    if is_form {
        pairs.extend(decode_pairs(form));
    }
    let after_scheme = request
        .url
        .split_once("://")
        .map_or(request.url.as_str(), |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("/", |at| &after_scheme[at..])
        .split('?')
        .next()
        .unwrap_or("/")
        .to_owned();
    let body = (!is_form && !request.body.is_empty()).then(|| form.to_owned());
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let action = get("Action")
        .or_else(|| header("x-acs-action"))
        .unwrap_or_default();
    let format = match get("Format") {
        Some(f) if f.eq_ignore_ascii_case("xml") => Format::Xml,
        _ => Format::Json,
    };
    let mut parameters: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| !COMMON_PARAMETERS.contains(&k.as_str()))
        .collect();
    parameters.sort();
    Call {
        action,
        path,
        parameters,
        body,
        format,
        answered: false,
        request: None,
    }
}

fn response(
    status: u16,
    content_type: &str,
    request_id: &str,
    retry_after: Option<Duration>,
    body: Vec<u8>,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    let mut builder = http::Response::builder()
        .status(status)
        .header("content-type", content_type)
        .header("x-acs-request-id", request_id);
    if let Some(after) = retry_after {
        builder = builder.header("x-acs-retry-after", after.as_millis().to_string());
    }
    builder
        .body(body)
        .map_err(|e| TransportError::invalid_request(e.to_string()))
}

/// The vendor's error body, in `format`.
fn error_response(
    format: Format,
    status: u16,
    code: &str,
    message: &str,
    request_id: &str,
    retry_after: Option<Duration>,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    let (body, content_type) = error_body(
        format,
        &ErrorBody {
            request_id,
            host_id: "mock",
            code,
            message,
            recommend: None,
        },
    );
    response(
        status,
        content_type,
        request_id,
        retry_after,
        body.into_bytes(),
    )
}
