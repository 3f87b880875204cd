//! The transport under the client: a small trait that sends one request
//! and gives back the whole response, so that any HTTP stack (or a test's
//! answers, with no socket) can carry the calls. reqwest's is the default.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::error::TransportError;
use crate::operation::Request;
use crate::signing::Signed;

/// How one request is sent.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SendOptions {
    /// The time the exchange may take, connection included.
    pub timeout: Duration,
    /// The longest body the caller reads: a transport may stop reading one
    /// byte past it (the decoder then refuses the body as too large).
    pub body_limit: u64,
    /// The generated request the client's call sends, for a transport that
    /// records calls (the mock); `None` for a request that is not one (a
    /// credentials provider's, `ess call`'s).
    pub request: Option<CallRequest>,
}

impl SendOptions {
    /// Options of a request that is not a generated one.
    pub fn new(timeout: Duration, body_limit: u64) -> Self {
        SendOptions {
            timeout,
            body_limit,
            request: None,
        }
    }
}

/// A call's generated request, its type erased on the way through the
/// transport, and read back as that type with [`CallRequest::get`].
#[derive(Clone)]
pub struct CallRequest {
    request: Arc<dyn Any + Send + Sync>,
    /// The request's own `Debug`, which hides its secrets.
    debug: fn(&(dyn Any + Send + Sync), &mut fmt::Formatter<'_>) -> fmt::Result,
}

impl CallRequest {
    /// Erases the type of `request`.
    pub fn new<R: Request>(request: R) -> Self {
        CallRequest {
            request: Arc::new(request),
            debug: |request, f| match request.downcast_ref::<R>() {
                Some(request) => fmt::Debug::fmt(request, f),
                None => f.write_str("CallRequest"),
            },
        }
    }

    /// The request, if it is an `R`.
    pub fn get<R: Request>(&self) -> Option<&R> {
        self.request.downcast_ref()
    }
}

impl fmt::Debug for CallRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.debug)(&*self.request, f)
    }
}

/// What [`HttpClient::send`] returns.
pub type HttpFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + Send + 'a>>;

/// Sends a request and reads its response. A failure to reach the service
/// or to read its answer is a [`TransportError`]: say whether the request
/// may have been sent ([`TransportError::sent`]), since the client resends
/// what was never sent whatever the operation does. A request the
/// transport cannot carry at all is [`TransportError::invalid_request`].
pub trait HttpClient: fmt::Debug + Send + Sync {
    /// Sends `request`.
    fn send(&self, request: Signed, options: SendOptions) -> HttpFuture<'_>;
}

impl<H: HttpClient + ?Sized> HttpClient for std::sync::Arc<H> {
    fn send(&self, request: Signed, options: SendOptions) -> HttpFuture<'_> {
        (**self).send(request, options)
    }
}

/// The transport a client or a credentials provider uses when given none:
/// reqwest's (feature `reqwest`), or an error that says how to have one.
pub(crate) fn default_http_client() -> Result<Arc<dyn HttpClient>, String> {
    #[cfg(feature = "reqwest")]
    return match ReqwestClient::new() {
        Ok(http) => Ok(Arc::new(http)),
        Err(e) => Err(e.to_string()),
    };
    #[cfg(not(feature = "reqwest"))]
    Err(
        "no HTTP client: give one with `.http_client(...)`, or turn on the feature `reqwest`"
            .to_owned(),
    )
}

/// reqwest's client, with redirects off: a signed request is for its host
/// alone, and a redirect would send its headers (the key id, an STS token)
/// to another.
#[cfg(feature = "reqwest")]
#[derive(Debug, Clone)]
pub struct ReqwestClient {
    http: reqwest::Client,
}

#[cfg(feature = "reqwest")]
impl ReqwestClient {
    /// A client of reqwest's defaults (TLS as the crate using it enables).
    pub fn new() -> Result<Self, TransportError> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| TransportError::invalid_request(format!("the HTTP client: {e}")))?;
        Ok(ReqwestClient { http })
    }

    /// Sends with `http`, a client configured by the caller (its proxy, its
    /// certificates); keep its redirects off.
    pub fn with_client(http: reqwest::Client) -> Self {
        ReqwestClient { http }
    }
}

#[cfg(feature = "reqwest")]
impl HttpClient for ReqwestClient {
    fn send(&self, request: Signed, options: SendOptions) -> HttpFuture<'_> {
        Box::pin(async move {
            let method = reqwest::Method::from_bytes(request.method.as_bytes())
                .map_err(|e| TransportError::invalid_request(e.to_string()))?;
            let mut builder = self
                .http
                .request(method, &request.url)
                .timeout(options.timeout);
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            // The URL may hold a security token: never in an error.
            let failed = |e: reqwest::Error| {
                let e = e.without_url();
                if e.is_builder() {
                    return TransportError::invalid_request(e.to_string());
                }
                // A connection that failed sent nothing.
                TransportError::from_error(!e.is_connect(), e.is_timeout(), &e)
            };
            let mut response = builder.body(request.body).send().await.map_err(failed)?;
            let mut answer = http::Response::builder().status(response.status());
            if let Some(headers) = answer.headers_mut() {
                *headers = std::mem::take(response.headers_mut());
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(failed)? {
                body.extend_from_slice(&chunk);
                if body.len() as u64 > options.body_limit {
                    break;
                }
            }
            answer
                .body(body)
                .map_err(|e| TransportError::new(true, false, e.to_string()))
        })
    }
}

/// A transport that sends nothing and says why: where none could be made.
#[derive(Debug)]
pub(crate) struct NoTransport(pub(crate) String);

impl HttpClient for NoTransport {
    fn send(&self, _: Signed, _: SendOptions) -> HttpFuture<'_> {
        Box::pin(std::future::ready(Err(TransportError::invalid_request(
            self.0.clone(),
        ))))
    }
}
