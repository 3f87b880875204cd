//! What a decode can fail with: the service's error, or a body that could
//! not be read.

use std::fmt;

use std::time::Duration;

use crate::{code::ErrorCode, retry::RetryAdvice};

/// The two wire formats of the vendor's RPC APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `Format=JSON`, the default.
    Json,
    /// `Format=XML`.
    Xml,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        })
    }
}

/// Why a response did not give the success value.
///
/// ```
/// use ess_runtime::{error_enum, ApiError, BodyError, BodyErrorKind, Code, Error};
///
/// #[error_enum(spec_json = r#"{ "errors": [
///     { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" }
/// ] }"#)]
/// enum Codes {}
///
/// fn handle(e: &Error<Codes>) -> &'static str {
///     match e {
///         Error::Api(api) if api.code() == &Codes::Throttling => "back off",
///         Error::Api(_) => "the request was refused",
///         Error::Body(body) if body.kind() == BodyErrorKind::Empty => "nothing came back",
///         Error::Body(_) => "not a response",
///         Error::Request(_) => "a parameter is out of range",
///         Error::Transport(_) => "no answer",
///     }
/// }
///
/// let throttled = Error::Api(ApiError::new(400, Code::Known(Codes::Throttling), "Request was denied."));
/// assert_eq!(handle(&throttled), "back off");
/// assert!(throttled.retry().is_retryable());
/// let empty: Error<Codes> = BodyError::new(BodyErrorKind::Empty, 503, "the body is empty").into();
/// assert_eq!(handle(&empty), "nothing came back");
/// assert_eq!(empty.code(), None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Error<E> {
    /// The service answered with an error envelope (`Code`, `Message`, ...).
    Api(ApiError<E>),
    /// The body is neither a success nor an error envelope: an HTML page from
    /// a gateway, an empty or truncated body, malformed JSON or XML, a shape
    /// the success type does not accept.
    Body(BodyError),
    /// The request could not be sent as it is: a parameter out of what the
    /// metadata allows. Nothing was sent.
    Request(crate::error::RequestError),
    /// No response: the connection failed or timed out.
    Transport(TransportError),
}

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    sent: bool,
    timed_out: bool,
    cause: TransportCause,
    message: String,
}

/// What a failed exchange comes down to, as the HTTP client's chain of
/// errors tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportCause {
    /// Nothing listens at the endpoint's address and port.
    ConnectionRefused,
    /// The peer closed the connection.
    ConnectionReset,
    /// No answer in time: the connection, or the whole exchange.
    TimedOut,
    /// The endpoint's host name did not resolve.
    NameNotResolved,
    /// The TLS handshake failed: an untrusted or mismatched certificate,
    /// or a protocol the two sides do not share.
    Tls,
    /// An `https` endpoint, and a build of the HTTP client without TLS.
    TlsNotBuilt,
    /// A request the transport cannot carry (a header with a line break,
    /// a method it does not know): nothing was sent.
    InvalidRequest,
    /// Anything else; the message says what.
    Other,
}

impl TransportCause {
    /// The cause `error` (and the errors under it) describe.
    pub fn of(error: &(dyn std::error::Error + 'static)) -> Self {
        let mut cause = TransportCause::Other;
        let mut next = Some(error);
        while let Some(e) = next {
            let found = match e.downcast_ref::<std::io::Error>().map(std::io::Error::kind) {
                Some(std::io::ErrorKind::ConnectionRefused) => TransportCause::ConnectionRefused,
                Some(
                    std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted,
                ) => TransportCause::ConnectionReset,
                Some(std::io::ErrorKind::TimedOut) => TransportCause::TimedOut,
                _ => Self::from_text(&e.to_string().to_ascii_lowercase()),
            };
            // The deepest error that says something wins: it is the cause.
            if found != TransportCause::Other {
                cause = found;
            }
            next = e.source();
        }
        cause
    }

    /// The cause a message names, by the words hyper, rustls and the
    /// system's resolver use.
    fn from_text(text: &str) -> Self {
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        if has(&["scheme is not http", "invalid url, scheme"]) {
            TransportCause::TlsNotBuilt
        } else if has(&[
            "dns error",
            "failed to lookup address",
            "name or service not known",
            "nodename nor servname",
        ]) {
            TransportCause::NameNotResolved
        } else if has(&[
            "certificate",
            "tls handshake",
            "peer is incompatible",
            "alert received",
            "invalid peer",
        ]) {
            TransportCause::Tls
        } else if has(&["connection refused"]) {
            TransportCause::ConnectionRefused
        } else if has(&[
            "connection reset",
            "connection closed before message completed",
        ]) {
            TransportCause::ConnectionReset
        } else if has(&["timed out", "deadline has elapsed"]) {
            TransportCause::TimedOut
        } else {
            TransportCause::Other
        }
    }
}

impl fmt::Display for TransportCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            TransportCause::ConnectionRefused => "connection refused",
            TransportCause::ConnectionReset => "connection reset",
            TransportCause::TimedOut => "timed out",
            TransportCause::NameNotResolved => "name not resolved",
            TransportCause::Tls => "TLS failed",
            TransportCause::TlsNotBuilt => "https needs TLS, which this build leaves out",
            TransportCause::InvalidRequest => "not a request HTTP can carry",
            TransportCause::Other => "failed",
        })
    }
}

impl TransportError {
    /// A failure; `sent` says whether the request may have reached the
    /// service (a connection that failed did not send it).
    pub fn new(sent: bool, timed_out: bool, message: impl Into<String>) -> Self {
        TransportError {
            sent,
            timed_out,
            cause: if timed_out {
                TransportCause::TimedOut
            } else {
                TransportCause::Other
            },
            message: message.into(),
        }
    }

    /// A request the transport cannot carry; nothing was sent.
    pub fn invalid_request(message: impl Into<String>) -> Self {
        TransportError {
            sent: false,
            timed_out: false,
            cause: TransportCause::InvalidRequest,
            message: message.into(),
        }
    }

    /// The failure `error` of an HTTP client, with its cause and, as its
    /// message, every error of its chain. The error must not hold the URL,
    /// which may carry a security token (`reqwest::Error::without_url`).
    pub fn from_error(
        sent: bool,
        timed_out: bool,
        error: &(dyn std::error::Error + 'static),
    ) -> Self {
        let mut message = error.to_string();
        let mut next = error.source();
        while let Some(e) = next {
            let text = e.to_string();
            // hyper repeats its source in its own message at times.
            if !message.contains(&text) {
                message.push_str(": ");
                message.push_str(&text);
            }
            next = e.source();
        }
        let cause = match TransportCause::of(error) {
            TransportCause::Other if timed_out => TransportCause::TimedOut,
            cause => cause,
        };
        TransportError {
            sent,
            timed_out: timed_out || cause == TransportCause::TimedOut,
            cause,
            message,
        }
    }

    /// The request may have reached the service.
    pub fn sent(&self) -> bool {
        self.sent
    }

    /// The call took longer than its timeout.
    pub fn timed_out(&self) -> bool {
        self.timed_out
    }

    /// What the failure comes down to.
    pub fn cause(&self) -> TransportCause {
        self.cause
    }

    /// What went wrong, as the HTTP client says it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The retry advice: transient; a request never sent may be sent again
    /// whatever it does.
    pub fn retry(&self) -> RetryAdvice {
        RetryAdvice::without_response(self.sent)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cause {
            TransportCause::Other => write!(f, "the call failed: {}", self.message),
            TransportCause::TimedOut => write!(f, "the call timed out: {}", self.message),
            cause => write!(f, "the call failed, {cause}: {}", self.message),
        }
    }
}

impl std::error::Error for TransportError {}

impl<E> Error<E> {
    /// The HTTP status of the response; `None` when there was none.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Body(e) => Some(e.status()),
            Error::Request(_) | Error::Transport(_) => None,
        }
    }

    /// The error code, when the service sent one.
    pub fn code(&self) -> Option<&Code<E>> {
        self.api().map(ApiError::code)
    }

    /// The request id: the body's `RequestId`, else the `x-acs-request-id`
    /// header when the response was decoded from HTTP. Body errors keep the
    /// header's id too, so a gateway's page can still be traced.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id(),
            Error::Body(e) => e.request_id(),
            Error::Request(_) | Error::Transport(_) => None,
        }
    }

    /// The API error, if the service sent one.
    pub fn api(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The API error, if the service sent one, by value.
    pub fn into_api(self) -> Option<ApiError<E>> {
        match self {
            Error::Api(e) => Some(e),
            Error::Body(_) | Error::Request(_) | Error::Transport(_) => None,
        }
    }

    /// The body error, if the body was neither a success nor an error
    /// envelope.
    pub fn body(&self) -> Option<&BodyError> {
        match self {
            Error::Body(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: ErrorCode> Error<E> {
    /// The retry guidance for this outcome: for an API error, from its code
    /// and status (see [`ApiError::retry`]); for a body that could not be
    /// read, from the status alone (a gateway's 502 page is worth a retry, a
    /// malformed 200 is not). Both follow [`RetryAdvice::new`].
    pub fn retry(&self) -> RetryAdvice {
        match self {
            Error::Api(e) => e.retry(),
            Error::Body(e) => RetryAdvice::new(None, None, e.status(), e.retry_after()),
            Error::Request(_) => RetryAdvice::refused(),
            Error::Transport(e) => e.retry(),
        }
    }

    /// Whether sending the same request again can succeed:
    /// `self.retry().is_retryable()`.
    pub fn is_retryable(&self) -> bool {
        self.retry().is_retryable()
    }
}

impl<E: ErrorCode> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Body(e) => e.fmt(f),
            Error::Request(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
        }
    }
}

impl<E: ErrorCode + fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Api(e) => Some(e),
            Error::Body(e) => Some(e),
            Error::Request(e) => Some(e),
            Error::Transport(e) => Some(e),
        }
    }
}

impl<E> From<BodyError> for Error<E> {
    fn from(e: BodyError) -> Self {
        Error::Body(e)
    }
}

impl<E> From<ApiError<E>> for Error<E> {
    fn from(e: ApiError<E>) -> Self {
        Error::Api(e)
    }
}

/// An error code as the service sent it: a variant of the spec's enum when
/// the enum knows it, else the text (vendors add codes all the time).
///
/// It deserializes from a string or an integer, so a field of your own
/// response types can hold a typed code:
///
/// ```
/// use ess_runtime::{error_enum, Code};
///
/// #[error_enum(spec_json = r#"{ "errors": [
///     { "code": "Throttling", "http_status": 400, "message": "Request was denied." }
/// ] }"#)]
/// enum Codes {}
///
/// let known: Code<Codes> = serde_json::from_str(r#""Throttling""#).unwrap();
/// assert_eq!(known, Code::Known(Codes::Throttling));
/// let unknown: Code<Codes> = serde_json::from_str("404").unwrap();
/// assert_eq!(unknown, Code::Unknown("404".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code<E> {
    /// A code of the spec.
    Known(E),
    /// A code the spec does not list, kept as sent.
    Unknown(Box<str>),
}

impl<E: ErrorCode> Code<E> {
    /// Looks `code` up in `E`; only an unknown code is copied.
    pub fn new(code: &str) -> Self {
        match E::from_code(code) {
            Some(known) => Code::Known(known),
            None => Code::Unknown(code.into()),
        }
    }

    /// The code as sent.
    pub fn as_str(&self) -> &str {
        match self {
            Code::Known(code) => code.code(),
            Code::Unknown(code) => code,
        }
    }
}

impl<E> Code<E> {
    /// The known variant, if it is one.
    pub fn known(&self) -> Option<&E> {
        match self {
            Code::Known(code) => Some(code),
            Code::Unknown(_) => None,
        }
    }
}

/// A code equals a variant when it is that known code, so that
/// `e.code() == &CommonError::Throttling` reads as it should.
impl<E: PartialEq> PartialEq<E> for Code<E> {
    fn eq(&self, other: &E) -> bool {
        self.known() == Some(other)
    }
}

/// Reads a code from a string or an integer (some services send
/// `"Code": 400`) and looks it up in `E`. A string code that `E` knows is
/// not copied.
impl<'de, E: ErrorCode> serde::Deserialize<'de> for Code<E> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor<E>(std::marker::PhantomData<E>);

        impl<E: ErrorCode> serde::de::Visitor<'_> for CodeVisitor<E> {
            type Value = Code<E>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error code (a string or an integer)")
            }

            fn visit_str<DeError>(self, code: &str) -> Result<Code<E>, DeError> {
                Ok(Code::new(code))
            }

            fn visit_u64<DeError>(self, code: u64) -> Result<Code<E>, DeError> {
                Ok(Code::new(&code.to_string()))
            }

            fn visit_i64<DeError>(self, code: i64) -> Result<Code<E>, DeError> {
                Ok(Code::new(&code.to_string()))
            }
        }

        deserializer.deserialize_any(CodeVisitor(std::marker::PhantomData))
    }
}

impl<E: ErrorCode> fmt::Display for Code<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// An error response of the service.
///
/// The decoder builds these from the body; [`ApiError::new`] and the
/// `with_` methods build one by hand, for testing the code that handles them:
///
/// ```
/// use std::time::Duration;
/// use ess_runtime::{error_enum, ApiError, Code, RetryKind};
///
/// #[error_enum(spec_json = r#"{ "errors": [
///     { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" }
/// ] }"#)]
/// enum Codes {}
///
/// let e = ApiError::new(400, Code::Known(Codes::Throttling), "Request was denied.")
///     .with_request_id("R1")
///     .with_retry_after(Duration::from_millis(1500));
/// assert_eq!(e.code(), &Codes::Throttling);
/// assert_eq!(e.request_id(), Some("R1"));
/// assert_eq!(e.retry().kind, RetryKind::Throttling);
/// assert_eq!(e.retry().after, Some(Duration::from_millis(1500)));
/// assert_eq!(e.to_string(), "Throttling (HTTP 400): Request was denied. [request id R1]");
/// ```
#[derive(Clone, PartialEq)]
pub struct ApiError<E> {
    pub(crate) status: u16,
    pub(crate) code: Code<E>,
    pub(crate) text: ErrorText,
    pub(crate) access_denied_detail: Option<Box<serde_json::Value>>,
    /// `x-acs-retry-after`, when decoded from an HTTP response that had it.
    pub(crate) retry_after: Option<Duration>,
}

/// Shows the fields by name, as a derived `Debug` of the wire format would,
/// not the one buffer they share.
impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.text.message())
            .field("request_id", &self.text.request_id())
            .field("host_id", &self.text.host_id())
            .field("recommend", &self.text.recommend())
            .field("access_denied_detail", &self.access_denied_detail)
            .field("retry_after", &self.retry_after)
            .finish()
    }
}

/// `Message`, `RequestId`, `HostId` and `Recommend`, one after the other in
/// one allocation: an error response is usually read once and dropped, and
/// an allocation costs about as much as parsing a field.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ErrorText {
    text: Box<str>,
    /// Where each field after the first starts in `text`.
    starts: [u32; 3],
}

/// The fields of [`ErrorText`], in order.
const MESSAGE: usize = 0;
const REQUEST_ID: usize = 1;
const HOST_ID: usize = 2;
const RECOMMEND: usize = 3;

impl ErrorText {
    /// The fields side by side. A body is at most a few megabytes (the
    /// decoder's size limit), so every offset fits in a `u32`; text longer
    /// than that is cut at a character boundary rather than wrapped.
    #[inline(always)]
    pub(crate) fn new(message: &str, request_id: &str, host_id: &str, recommend: &str) -> Self {
        let fields = [message, request_id, host_id, recommend];
        let mut text = String::with_capacity(fields.iter().map(|f| f.len()).sum());
        let mut starts = [0; 3];
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                starts[i - 1] = u32::try_from(text.len()).unwrap_or(u32::MAX);
            }
            let room = (u32::MAX as usize).saturating_sub(text.len());
            text.push_str(prefix(field, room));
        }
        ErrorText {
            text: text.into_boxed_str(),
            starts,
        }
    }

    /// The same fields with field `i` replaced.
    fn with(&self, i: usize, value: &str) -> Self {
        let mut fields = [MESSAGE, REQUEST_ID, HOST_ID, RECOMMEND].map(|j| self.field(j));
        fields[i] = value;
        ErrorText::new(fields[0], fields[1], fields[2], fields[3])
    }

    /// Field `i`, in the order of [`ErrorText::new`].
    fn field(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.starts[i - 1] as usize
        };
        let end = self
            .starts
            .get(i)
            .map_or(self.text.len(), |&end| end as usize);
        &self.text[start..end]
    }

    /// Field `i`, absent when empty (`<HostId/>`, `"HostId": ""`).
    fn present(&self, i: usize) -> Option<&str> {
        Some(self.field(i)).filter(|text| !text.is_empty())
    }

    pub(crate) fn message(&self) -> &str {
        self.field(MESSAGE)
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        self.present(REQUEST_ID)
    }

    pub(crate) fn host_id(&self) -> Option<&str> {
        self.present(HOST_ID)
    }

    pub(crate) fn recommend(&self) -> Option<&str> {
        self.present(RECOMMEND)
    }
}

/// The longest prefix of `text` of at most `len` bytes that ends at a
/// character boundary.
fn prefix(text: &str, len: usize) -> &str {
    if text.len() <= len {
        return text;
    }
    let mut end = len;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl<E> ApiError<E> {
    /// An API error with the service's `message`; add the other fields with
    /// the `with_` methods.
    pub fn new(status: u16, code: Code<E>, message: &str) -> Self {
        ApiError {
            status,
            code,
            text: ErrorText::new(message, "", "", ""),
            access_denied_detail: None,
            retry_after: None,
        }
    }

    /// Sets `RequestId`.
    pub fn with_request_id(mut self, request_id: &str) -> Self {
        self.text = self.text.with(REQUEST_ID, request_id);
        self
    }

    /// Sets `HostId`.
    pub fn with_host_id(mut self, host_id: &str) -> Self {
        self.text = self.text.with(HOST_ID, host_id);
        self
    }

    /// Sets `Recommend`.
    pub fn with_recommend(mut self, recommend: &str) -> Self {
        self.text = self.text.with(RECOMMEND, recommend);
        self
    }

    /// Sets `AccessDeniedDetail`.
    pub fn with_access_denied_detail(mut self, detail: serde_json::Value) -> Self {
        self.access_denied_detail = Some(Box::new(detail));
        self
    }

    /// Sets the delay the service asked for (`x-acs-retry-after`).
    pub fn with_retry_after(mut self, after: Duration) -> Self {
        self.retry_after = Some(after);
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error code, known or not.
    pub fn code(&self) -> &Code<E> {
        &self.code
    }

    /// The server's message, verbatim (placeholders such as
    /// `<parameter name>` filled in by the server). The spec's template for
    /// the code is [`ErrorCode::message_template`].
    pub fn message(&self) -> &str {
        self.text.message()
    }

    /// `RequestId`: quote it when you ask the vendor for help. When the body
    /// had none, the `x-acs-request-id` header's, if the response was decoded
    /// from HTTP.
    pub fn request_id(&self) -> Option<&str> {
        self.text.request_id()
    }

    /// `HostId`: the service endpoint that answered.
    pub fn host_id(&self) -> Option<&str> {
        self.text.host_id()
    }

    /// `Recommend`: a diagnosis URL, when the service sends one.
    pub fn recommend(&self) -> Option<&str> {
        self.text.recommend()
    }

    /// `AccessDeniedDetail` (either casing), as sent: a nested object whose
    /// values keep their JSON types (in XML every value is text).
    pub fn access_denied_detail(&self) -> Option<&serde_json::Value> {
        self.access_denied_detail.as_deref()
    }

    /// The `x-acs-retry-after` delay, when the response had one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl<E: ErrorCode> ApiError<E> {
    /// The retry guidance for this error: [`RetryAdvice::new`] with the
    /// spec's retry class of a known code, the code, the status and the
    /// `x-acs-retry-after` delay.
    pub fn retry(&self) -> RetryAdvice {
        RetryAdvice::new(
            self.code.known().and_then(ErrorCode::retry_class),
            Some(self.code.as_str()),
            self.status,
            self.retry_after,
        )
    }

    /// Whether sending the same request again can succeed:
    /// `self.retry().is_retryable()`.
    pub fn is_retryable(&self) -> bool {
        self.retry().is_retryable()
    }
}

impl<E: ErrorCode> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (HTTP {}): {}",
            self.code,
            self.status,
            self.message()
        )?;
        if let Some(id) = self.request_id() {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl<E: ErrorCode + fmt::Debug> std::error::Error for ApiError<E> {}

/// Where in the body a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location {
    /// Byte offset from the start of the body.
    pub offset: usize,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in bytes.
    pub column: usize,
}

impl Location {
    /// The line and column of byte `offset` of `body` (an offset past the
    /// end is the end).
    pub fn of(body: &[u8], offset: usize) -> Location {
        let offset = offset.min(body.len());
        let before = &body[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Location {
            offset,
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: 1 + offset - line_start,
        }
    }
}

/// What kind of problem a [`BodyError`] is, for a `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyErrorKind {
    /// The body is empty or only white space (an empty 503, say).
    Empty,
    /// The body is longer than the decoder's size limit.
    TooLarge,
    /// Reading the body failed part way (the connection broke).
    Unreadable,
    /// The body is neither JSON nor XML (plain text, say), and no
    /// `Content-Type` named a format.
    UnknownFormat,
    /// The body is not well-formed JSON or XML, or nests deeper than the
    /// limit.
    Malformed,
    /// The body ends in the middle of the document.
    Truncated,
    /// The body is well-formed but not what the success type expects: a
    /// missing field, a value of the wrong type, an array instead of an
    /// object.
    Shape,
    /// An error status whose body has no error envelope (no `Code`): a
    /// gateway's HTML page, an unrelated JSON document.
    NoEnvelope,
}

/// A body that could not be decoded.
///
/// The decoder builds these; [`BodyError::new`] and the `with_` methods
/// build one by hand, for testing the code that handles them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError(Box<BodyErrorDetail>);

/// Boxed, so that `Result<T, Error<E>>` stays small: body errors are rare.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BodyErrorDetail {
    kind: BodyErrorKind,
    status: u16,
    format: Option<Format>,
    message: String,
    location: Option<Location>,
    snippet: String,
    request_id: Option<Box<str>>,
    retry_after: Option<Duration>,
}

/// How many bytes of the body a snippet shows, at most, on each side.
const SNIPPET_RADIUS: usize = 40;

impl BodyError {
    /// A body error of `kind` for a response with `status`; add the rest
    /// with the `with_` methods.
    pub fn new(kind: BodyErrorKind, status: u16, message: impl Into<String>) -> Self {
        BodyError(Box::new(BodyErrorDetail {
            kind,
            status,
            format: None,
            message: message.into(),
            location: None,
            snippet: String::new(),
            request_id: None,
            retry_after: None,
        }))
    }

    /// A problem read as `format` (if one was told) at byte `offset` of
    /// `body` (if it has a place): the location and a snippet around it.
    pub(crate) fn in_body(
        kind: BodyErrorKind,
        status: u16,
        format: Option<Format>,
        message: impl Into<String>,
        body: &[u8],
        offset: Option<usize>,
    ) -> Self {
        let mut e = BodyError::new(kind, status, message);
        e.0.format = format;
        if let Some(offset) = offset {
            e = e.with_location(Location::of(body, offset));
        }
        let around = offset.unwrap_or(0).min(body.len());
        let start = around.saturating_sub(SNIPPET_RADIUS);
        let end = (around + SNIPPET_RADIUS).min(body.len());
        e.with_snippet(&String::from_utf8_lossy(&body[start..end]))
    }

    /// Sets the format the body was read as.
    pub fn with_format(mut self, format: Format) -> Self {
        self.0.format = Some(format);
        self
    }

    /// Sets where in the body the problem is.
    pub fn with_location(mut self, location: Location) -> Self {
        self.0.location = Some(location);
        self
    }

    /// Sets the part of the body to show; it is escaped for printing.
    pub fn with_snippet(mut self, snippet: &str) -> Self {
        self.0.snippet = snippet.escape_debug().to_string();
        self
    }

    /// Sets the request id (from the `x-acs-request-id` header).
    pub fn with_request_id(mut self, request_id: &str) -> Self {
        self.0.request_id = Some(request_id.into());
        self
    }

    /// Sets the delay the service asked for (`x-acs-retry-after`).
    pub fn with_retry_after(mut self, after: Duration) -> Self {
        self.0.retry_after = Some(after);
        self
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> BodyErrorKind {
        self.0.kind
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The format the body was read as; `None` when it could not be told.
    pub fn format(&self) -> Option<Format> {
        self.0.format
    }

    /// What is wrong, in words.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where, when the problem has a place.
    pub fn location(&self) -> Option<Location> {
        self.0.location
    }

    /// Up to 80 bytes of the body around the place, escaped for printing.
    pub fn snippet(&self) -> &str {
        &self.0.snippet
    }

    /// The `x-acs-request-id` header, when the response was decoded from
    /// HTTP and had one.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// The `x-acs-retry-after` delay, when the response had one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }
}

/// The byte offset of a 1-based line and column (as `serde_json` reports).
pub(crate) fn offset_of(body: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        body.iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .nth(line - 2)
            .map_or(body.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(body.len())
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}: ", self.status())?;
        match self.format() {
            Some(format) => write!(f, "cannot decode the body as {format}: ")?,
            None => f.write_str("cannot decode the body: ")?,
        }
        f.write_str(self.message())?;
        if let Some(Location { line, column, .. }) = self.location() {
            write!(f, " (line {line}, column {column})")?;
        }
        if !self.snippet().is_empty() {
            write!(f, " near \"{}\"", self.snippet())?;
        }
        if let Some(id) = self.request_id() {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for BodyError {}

/// Why a request cannot be sent: a parameter's value is out of what the
/// metadata allows, or a path parameter is missing. Found before any I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    operation: &'static str,
    parameter: String,
    problem: String,
}

impl RequestError {
    /// An error of `parameter` of `operation`, for testing your own
    /// handling.
    pub fn new(operation: &'static str, parameter: &str, problem: impl Into<String>) -> Self {
        RequestError {
            operation,
            parameter: parameter.to_owned(),
            problem: problem.into(),
        }
    }

    /// The operation.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The parameter, by the vendor's name (`Tag.2.Key` inside a list).
    pub fn parameter(&self) -> &str {
        &self.parameter
    }

    /// What is wrong with its value.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: parameter {}: {}",
            self.operation, self.parameter, self.problem
        )
    }
}

impl std::error::Error for RequestError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error with a message and the error under it, as HTTP clients
    /// chain theirs.
    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<dyn std::error::Error + 'static>>);

    impl fmt::Display for Layer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref()
        }
    }

    fn over(message: &'static str, under: impl std::error::Error + 'static) -> Layer {
        Layer(message, Some(Box::new(under)))
    }

    #[test]
    fn the_cause_is_the_deepest_error_that_names_one() {
        use std::io::{Error as Io, ErrorKind};
        let refused = over(
            "error sending request",
            over("tcp connect error", Io::from(ErrorKind::ConnectionRefused)),
        );
        let e = TransportError::from_error(false, false, &refused);
        assert_eq!(e.cause(), TransportCause::ConnectionRefused);
        assert_eq!(
            e.to_string(),
            "the call failed, connection refused: error sending request: tcp connect error: connection refused"
        );
        for (text, cause) in [
            (
                "dns error: failed to lookup address information",
                TransportCause::NameNotResolved,
            ),
            (
                "invalid peer certificate: UnknownIssuer",
                TransportCause::Tls,
            ),
            (
                "invalid URL, scheme is not http",
                TransportCause::TlsNotBuilt,
            ),
            (
                "connection closed before message completed",
                TransportCause::ConnectionReset,
            ),
            ("operation timed out", TransportCause::TimedOut),
            ("something else", TransportCause::Other),
        ] {
            let chain = over("error sending request", Layer(text, None));
            assert_eq!(TransportCause::of(&chain), cause, "{text}");
        }
        let timed_out = TransportError::from_error(true, false, &Io::from(ErrorKind::TimedOut));
        assert!(timed_out.timed_out());
        assert!(timed_out.to_string().starts_with("the call timed out: "));
        // A message that repeats the one under it is not doubled.
        let repeated = over("client error (Connect): x", Layer("x", None));
        assert_eq!(
            TransportError::from_error(false, false, &repeated).message(),
            "client error (Connect): x"
        );
    }
}
