//! What a decode can fail with: the service's error, or a body that could
//! not be read.

use std::fmt;

use crate::{ErrorCode, RetryClass};

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
#[derive(Debug, Clone, PartialEq)]
pub enum Error<E> {
    /// The service answered with an error envelope (`Code`, `Message`, ...).
    Api(ApiError<E>),
    /// The body is neither a success nor an error envelope: an HTML page from
    /// a gateway, an empty or truncated body, malformed JSON or XML, a shape
    /// the success type does not accept.
    Body(BodyError),
}

impl<E> Error<E> {
    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        match self {
            Error::Api(e) => e.status,
            Error::Body(e) => e.status,
        }
    }

    /// The API error, if the service sent one.
    pub fn api(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Api(e) => Some(e),
            Error::Body(_) => None,
        }
    }
}

impl<E: ErrorCode> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Body(e) => e.fmt(f),
        }
    }
}

impl<E: ErrorCode + fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Api(e) => Some(e),
            Error::Body(e) => Some(e),
        }
    }
}

impl<E> From<BodyError> for Error<E> {
    fn from(e: BodyError) -> Self {
        Error::Body(e)
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

    /// The known variant, if it is one.
    pub fn known(&self) -> Option<&E> {
        match self {
            Code::Known(code) => Some(code),
            Code::Unknown(_) => None,
        }
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
#[derive(Clone, PartialEq)]
pub struct ApiError<E> {
    pub(crate) status: u16,
    pub(crate) code: Code<E>,
    pub(crate) text: ErrorText,
    pub(crate) access_denied_detail: Option<Box<serde_json::Value>>,
    /// `x-acs-retry-after`, when decoded from an HTTP response that had it.
    pub(crate) retry_after: Option<std::time::Duration>,
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
    starts: [usize; 3],
}

impl ErrorText {
    #[inline(always)]
    pub(crate) fn new(message: &str, request_id: &str, host_id: &str, recommend: &str) -> Self {
        let fields = [message, request_id, host_id, recommend];
        let mut text = String::with_capacity(fields.iter().map(|f| f.len()).sum());
        let mut starts = [0; 3];
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                starts[i - 1] = text.len();
            }
            text.push_str(field);
        }
        ErrorText {
            text: text.into_boxed_str(),
            starts,
        }
    }

    /// Field `i`, in the order of [`ErrorText::new`].
    fn field(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.starts[i - 1] };
        let end = self.starts.get(i).copied().unwrap_or(self.text.len());
        &self.text[start..end]
    }

    /// Field `i`, absent when empty (`<HostId/>`, `"HostId": ""`).
    fn present(&self, i: usize) -> Option<&str> {
        Some(self.field(i)).filter(|text| !text.is_empty())
    }

    pub(crate) fn message(&self) -> &str {
        self.field(0)
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        self.present(1)
    }

    pub(crate) fn host_id(&self) -> Option<&str> {
        self.present(2)
    }

    pub(crate) fn recommend(&self) -> Option<&str> {
        self.present(3)
    }
}

impl<E: ErrorCode> ApiError<E> {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error code, known or not.
    pub fn code(&self) -> &Code<E> {
        &self.code
    }

    /// The server's message, verbatim (placeholders such as
    /// `<parameter name>` filled in by the server).
    pub fn message(&self) -> &str {
        self.text.message()
    }

    /// `RequestId`: quote it when you ask the vendor for help.
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

    /// Why a retry can succeed, if it can: the spec's retry class of a known
    /// code, `Throttling` for any code that starts with `Throttling`, and
    /// `Transient` for a 5xx status. [`ApiError::retry`] tells more.
    pub fn retry_class(&self) -> Option<RetryClass> {
        match &self.code {
            Code::Known(code) if code.retry_class().is_some() => code.retry_class(),
            code if code.as_str().starts_with("Throttling") => Some(RetryClass::Throttling),
            _ if self.status >= 500 => Some(RetryClass::Transient),
            _ => None,
        }
    }

    /// Whether sending the same request again can succeed.
    pub fn is_retryable(&self) -> bool {
        self.retry_class().is_some()
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

/// A body that could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    pub(crate) status: u16,
    pub(crate) format: Option<Format>,
    pub(crate) message: String,
    pub(crate) location: Option<Location>,
    pub(crate) snippet: String,
}

/// How many bytes of the body a snippet shows, at most, on each side.
const SNIPPET_RADIUS: usize = 40;

impl BodyError {
    /// A problem with `body` at byte `offset` (if it has a place).
    pub(crate) fn new(
        status: u16,
        format: Option<Format>,
        message: impl Into<String>,
        body: &[u8],
        offset: Option<usize>,
    ) -> Self {
        let location = offset.map(|offset| locate(body, offset));
        let around = offset.unwrap_or(0).min(body.len());
        let start = around.saturating_sub(SNIPPET_RADIUS);
        let end = (around + SNIPPET_RADIUS).min(body.len());
        let snippet = String::from_utf8_lossy(&body[start..end])
            .escape_debug()
            .to_string();
        BodyError {
            status,
            format,
            message: message.into(),
            location,
            snippet,
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The format the body was read as; `None` when it could not be told.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where, when the problem has a place.
    pub fn location(&self) -> Option<Location> {
        self.location
    }

    /// Up to 80 bytes of the body around the place, escaped for printing.
    pub fn snippet(&self) -> &str {
        &self.snippet
    }
}

/// Line and column of a byte offset.
fn locate(body: &[u8], offset: usize) -> Location {
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
        write!(f, "HTTP {}: ", self.status)?;
        match self.format {
            Some(format) => write!(f, "cannot decode the body as {format}: ")?,
            None => f.write_str("cannot decode the body: ")?,
        }
        f.write_str(&self.message)?;
        if let Some(Location { line, column, .. }) = self.location {
            write!(f, " (line {line}, column {column})")?;
        }
        if !self.snippet.is_empty() {
            write!(f, " near \"{}\"", self.snippet)?;
        }
        Ok(())
    }
}

impl std::error::Error for BodyError {}
