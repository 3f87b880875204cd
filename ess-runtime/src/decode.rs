//! Turning an HTTP response into the success value or a typed error.
//!
//! [`Decoder::decode`] and [`Decoder::decode_operation`] pick the format
//! ([`Decoder::start`]), then, in [`Decoder::decode_with`], read a success
//! body with the type's reader of that format, or an error body with
//! [`Decoder::error_body`]: a `match` on the format in each. JSON is one
//! path for every type: `serde_json` into the type plus `RequestId`, or
//! into [`ErrorFields`], the same serde code of [`crate::envelope`] that
//! the XML path runs over its element tree. A success body in XML is read
//! through that tree for a serde type, and straight from the tokens for a
//! type generated from a spec (which knows which elements are lists); an
//! error body in XML always through the tree. Both formats must be UTF-8,
//! which is checked once, before either parser runs.

use serde::Deserialize;

use crate::envelope::{with_request_id, ErrorFields};
use crate::error::{offset_of, ApiError, BodyError, BodyErrorKind, Error, ErrorText, Format};
use crate::operation::{body_name, xml_document, BodyKind, Operation};
use crate::record::body::{BodyFacts, JsonDeserializer};
use crate::record::Name;
use crate::xml::tree::Document;
use crate::xml::XmlError;
use crate::{code::ErrorCode, error::Code};

/// How a success body is read, in each format: a trait object, so that
/// the decoding around it is built once, not once per body type in every
/// user's crate.
trait SuccessBody<'de> {
    /// Only an object is a success body (a serde type's `decode`).
    fn object_only(&self) -> bool;
    /// Takes a body that is not read as JSON or XML (a file's bytes):
    /// `true` when it did.
    fn take_bytes(&mut self, _body: &[u8]) -> bool {
        false
    }
    /// Whether an empty body can be the value: `None` when an empty body
    /// is an error of the usual path.
    fn empty(&self) -> Option<Result<(), String>> {
        None
    }
    /// Reads a JSON body; gives the `RequestId` it noted.
    fn read_json(
        &mut self,
        deserializer: &mut JsonDeserializer<'de>,
    ) -> Result<Option<String>, serde_json::Error>;
    /// Reads an XML body; gives the `RequestId` it noted.
    fn read_xml(&mut self, text: &'de str, max_depth: usize) -> Result<Option<String>, XmlError>;
    /// What the body, once read, says of itself.
    fn facts(&self) -> BodyFacts<'_> {
        BodyFacts::default()
    }
}

/// A serde type's body.
struct SerdeBody<T>(Option<T>);

impl<'de, T: Deserialize<'de>> SuccessBody<'de> for SerdeBody<T> {
    fn object_only(&self) -> bool {
        true
    }

    fn read_json(
        &mut self,
        deserializer: &mut JsonDeserializer<'de>,
    ) -> Result<Option<String>, serde_json::Error> {
        let (value, request_id) = with_request_id(deserializer)?;
        self.0 = Some(value);
        Ok(request_id)
    }

    fn read_xml(&mut self, text: &'de str, max_depth: usize) -> Result<Option<String>, XmlError> {
        let document = Document::parse(text, max_depth)?;
        let (value, request_id) = with_request_id(document.root())?;
        self.0 = Some(value);
        Ok(request_id)
    }
}

/// A generated operation's body, read in place.
struct OperationBody<'v, B: BodyKind> {
    value: &'v mut B::Value,
    name: Name,
}

impl<'de, B: BodyKind> SuccessBody<'de> for OperationBody<'_, B> {
    fn object_only(&self) -> bool {
        false
    }

    fn take_bytes(&mut self, body: &[u8]) -> bool {
        match B::from_bytes(body) {
            Some(taken) => *self.value = taken,
            None => return false,
        }
        true
    }

    fn empty(&self) -> Option<Result<(), String>> {
        Some(B::empty(self.value))
    }

    fn read_json(
        &mut self,
        deserializer: &mut JsonDeserializer<'de>,
    ) -> Result<Option<String>, serde_json::Error> {
        let mut request_id = None;
        B::read_json(deserializer, self.value, &self.name, &mut request_id)?;
        Ok(request_id)
    }

    fn read_xml(&mut self, text: &'de str, max_depth: usize) -> Result<Option<String>, XmlError> {
        let (value, name) = (&mut *self.value, &self.name);
        xml_document(text, max_depth, &mut |reader, root| {
            B::read_xml(reader, root, value, name)
        })
    }

    fn facts(&self) -> BodyFacts<'_> {
        B::facts(self.value)
    }
}

/// Why a response is not a success, before its code is looked up in the
/// caller's enum (the one generic step, [`Failure::typed`]).
enum Failure {
    Api {
        status: u16,
        code: String,
        text: ErrorText,
        access_denied_detail: Option<Box<serde_json::Value>>,
    },
    Body(BodyError),
}

impl From<BodyError> for Failure {
    fn from(e: BodyError) -> Self {
        Failure::Body(e)
    }
}

impl Failure {
    fn typed<E: ErrorCode>(self) -> Error<E> {
        match self {
            Failure::Api {
                status,
                code,
                text,
                access_denied_detail,
            } => Error::Api(ApiError {
                status,
                code: Code::new(&code),
                text,
                access_denied_detail,
                retry_after: None,
            }),
            Failure::Body(e) => Error::Body(e),
        }
    }
}

/// A decoded success response: the action's fields and the request id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Success<T> {
    /// `RequestId`, when the body has one.
    pub request_id: Option<String>,
    /// The action's fields.
    pub body: T,
}

/// Decodes responses; holds the limits and the format choice.
///
/// ```
/// use ess_runtime::{Decoder, Format};
///
/// let decoder = Decoder::new().max_body_size(1 << 20).format(Format::Xml);
/// # let _ = decoder;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoder {
    pub(crate) max_body_size: usize,
    max_depth: usize,
    format: Option<Format>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

/// Decodes with the default [`Decoder`]: see [`Decoder::decode`].
pub fn decode<'de, T, E>(
    status: u16,
    content_type: Option<&str>,
    body: &'de [u8],
) -> Result<Success<T>, Error<E>>
where
    T: Deserialize<'de>,
    E: ErrorCode,
{
    Decoder::new().decode(status, content_type, body)
}

/// Decodes a response of operation `O` with the default [`Decoder`]: see
/// [`Decoder::decode_operation`].
pub fn decode_operation<O: Operation>(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Success<O::Response>, Error<O::Error>> {
    Decoder::new().decode_operation::<O>(status, content_type, body)
}

impl Decoder {
    /// The default body size limit: 16 MiB, far above any real response.
    pub const DEFAULT_MAX_BODY_SIZE: usize = 16 << 20;
    /// The default XML nesting limit. Vendor responses nest a few levels;
    /// JSON nesting is capped at 128 by `serde_json` itself.
    pub const DEFAULT_MAX_DEPTH: usize = 64;

    /// A decoder with the default limits that tells the format from the
    /// response.
    pub const fn new() -> Self {
        Decoder {
            max_body_size: Self::DEFAULT_MAX_BODY_SIZE,
            max_depth: Self::DEFAULT_MAX_DEPTH,
            format: None,
        }
    }

    /// Refuses bodies longer than `bytes`, before reading them.
    pub const fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// Refuses XML nested deeper than `depth` elements.
    pub const fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Reads every body as `format`, for callers that know what they asked
    /// for (`Format=XML`), instead of telling it from the response.
    pub const fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Decodes a response from its HTTP status, `Content-Type` (if any) and
    /// body.
    ///
    /// A 2xx status gives `T` and the `RequestId`; any other status gives
    /// the service's error with its code looked up in `E`. A body that is
    /// neither gives [`Error::Body`], which says where and why.
    pub fn decode<'de, T, E>(
        &self,
        status: u16,
        content_type: Option<&str>,
        body: &'de [u8],
    ) -> Result<Success<T>, Error<E>>
    where
        T: Deserialize<'de>,
        E: ErrorCode,
    {
        let mut success = SerdeBody(None);
        let request_id = self
            .decode_erased(status, content_type, body, &mut success)
            .map_err(Failure::typed)?;
        match success.0 {
            Some(body) => Ok(Success { request_id, body }),
            None => Err(Error::Body(BodyError::new(
                BodyErrorKind::Malformed,
                status,
                "no body was read",
            ))),
        }
    }

    /// Decodes a response of operation `O` into its generated response type
    /// or its own error enum: as [`Decoder::decode`], but an XML body is
    /// read straight into the type, which knows which of its elements are
    /// lists; a body of another shape than an object is read as its type
    /// says (a file's bytes are taken as they are); and a body that reports
    /// a failure despite its success status (`"Success": false` beside a
    /// code, where the schema has both) is an [`Error::Api`] with that
    /// status.
    pub fn decode_operation<O: Operation>(
        &self,
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Success<O::Response>, Error<O::Error>> {
        let mut value = O::Response::default();
        let mut success = OperationBody::<O::Body> {
            value: &mut value,
            name: body_name::<O>(),
        };
        let request_id = self
            .decode_erased(status, content_type, body, &mut success)
            .map_err(Failure::typed)?;
        Ok(Success {
            request_id,
            body: value,
        })
    }

    /// The format, then its path; `success` reads a success body and
    /// gives its request id. Not generic: the types a body is read into
    /// are behind `success`, and a failure's code is looked up in the
    /// caller's enum afterwards ([`Failure::typed`]).
    fn decode_erased<'de>(
        &self,
        status: u16,
        content_type: Option<&str>,
        body: &'de [u8],
        success: &mut dyn SuccessBody<'de>,
    ) -> Result<Option<String>, Failure> {
        if is_success(status) {
            self.check_size(status, body.len() as u64)?;
            if success.take_bytes(body) {
                return Ok(None);
            }
            // Nothing at all (a `202` of a delete): the empty body.
            if let Some(empty) = success.empty().filter(|_| is_blank(body)) {
                empty.map_err(|message| {
                    BodyError::in_body(BodyErrorKind::Shape, status, None, message, body, None)
                })?;
                return Ok(None);
            }
        }
        let (format, text) = self.start(status, content_type, body, success.object_only())?;
        if !is_success(status) {
            let envelope = self.error_body(status, format, text)?;
            return Err(Failure::Api {
                status,
                code: envelope.code.into_owned(),
                text: envelope.text,
                access_denied_detail: envelope.access_denied_detail,
            });
        }
        let request_id = match format {
            Format::Json => {
                let mut deserializer = serde_json::Deserializer::from_str(text);
                success
                    .read_json(&mut deserializer)
                    .and_then(|read| deserializer.end().map(|()| read))
                    .map_err(|e| json_failure(status, text, &e))?
            }
            Format::Xml => success
                .read_xml(text, self.max_depth)
                .map_err(|e| xml_failure(status, text, e))?,
        };
        let facts = success.facts();
        let request_id = request_id.or_else(|| facts.request_id.map(str::to_owned));
        match facts.failure {
            None => Ok(request_id),
            Some(failure) => Err(Failure::Api {
                status,
                code: failure.code.to_owned(),
                text: ErrorText::new(failure.message, request_id.as_deref().unwrap_or(""), "", ""),
                access_denied_detail: None,
            }),
        }
    }

    /// Refuses a body known to hold at least `length` bytes if that is over
    /// the size limit: before parsing here, and while reading in
    /// [`crate::transport`].
    pub(crate) fn check_size(&self, status: u16, length: u64) -> Result<(), BodyError> {
        if length <= self.max_body_size as u64 {
            return Ok(());
        }
        let message = format!(
            "the body has at least {length} bytes, more than the limit of {}",
            self.max_body_size
        );
        Err(BodyError::new(BodyErrorKind::TooLarge, status, message))
    }

    /// The body's format and its text, once checked: its size, that it is
    /// not empty, its format (declared, else told from its first byte),
    /// that it is UTF-8, and that a JSON body is an object where one is
    /// needed (an error envelope; any success body when `object_only`).
    fn start<'b>(
        &self,
        status: u16,
        content_type: Option<&str>,
        body: &'b [u8],
        object_only: bool,
    ) -> Result<(Format, &'b str), BodyError> {
        self.check_size(status, body.len() as u64)?;
        // A UTF-8 byte order mark is tolerated and skipped.
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let declared = self
            .format
            .or_else(|| content_type.and_then(format_of_content_type));
        let Some(start) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
            return Err(BodyError::in_body(
                BodyErrorKind::Empty,
                status,
                declared,
                "the body is empty",
                body,
                None,
            ));
        };
        // A success body of another shape than an object may be a bare
        // JSON number, boolean or null.
        let scalars = !object_only && is_success(status);
        let format = declared.map_or_else(|| sniff(status, body, start, scalars), Ok)?;
        // Both formats arrive as UTF-8. Checked here once for the whole body,
        // which is faster than the parsers' checks of each string.
        let text = std::str::from_utf8(body).map_err(|e| {
            let message = format!("the body is not valid UTF-8 ({e})");
            let at = Some(e.valid_up_to());
            BodyError::in_body(
                BodyErrorKind::Malformed,
                status,
                Some(format),
                message,
                body,
                at,
            )
        })?;
        if format == Format::Json && body[start] != b'{' && (object_only || !is_success(status)) {
            let (kind, message) = match (body[start], is_success(status)) {
                (b'[', true) => (
                    BodyErrorKind::Shape,
                    "expected a JSON object, found an array",
                ),
                (b'[', false) => (
                    BodyErrorKind::NoEnvelope,
                    "expected an error envelope (a JSON object), found an array",
                ),
                _ => (BodyErrorKind::Malformed, "expected a JSON object"),
            };
            let message = message.to_owned();
            let e = BodyError::in_body(kind, status, Some(format), message, body, Some(start));
            return Err(e);
        }
        Ok((format, text))
    }

    /// The envelope of an error body: JSON through `serde_json`, XML
    /// through the element tree of [`crate::xml::tree`], both into
    /// [`ErrorFields`].
    fn error_body<'b>(
        &self,
        status: u16,
        format: Format,
        text: &'b str,
    ) -> Result<Envelope<'b>, BodyError> {
        let no_envelope = |message: String, at: usize| {
            let (kind, format, body) = (BodyErrorKind::NoEnvelope, Some(format), text.as_bytes());
            BodyError::in_body(kind, status, format, message, body, Some(at))
        };
        let fields = match format {
            Format::Json => {
                let mut deserializer = serde_json::Deserializer::from_str(text);
                let fields = ErrorFields::deserialize(&mut deserializer)
                    .and_then(|fields| deserializer.end().map(|()| fields))
                    .map_err(|e| json_failure(status, text, &e))?;
                if fields.code.is_empty() {
                    let start = text.len() - text.trim_start().len();
                    return Err(no_envelope(NO_CODE.to_owned(), start));
                }
                fields
            }
            Format::Xml => {
                let document = Document::parse(text, self.max_depth)
                    .map_err(|e| xml_failure(status, text, e))?;
                let root = document.root();
                let fields =
                    ErrorFields::deserialize(root).map_err(|e| xml_failure(status, text, e))?;
                if fields.code.is_empty() {
                    let message = format!("{NO_CODE}; the root element is <{}>", root.name());
                    return Err(no_envelope(message, 0));
                }
                fields
            }
        };
        Ok(Envelope {
            code: fields.code,
            text: ErrorText::new(
                &fields.message,
                &fields.request_id,
                &fields.host_id,
                &fields.recommend,
            ),
            access_denied_detail: fields.access_denied_detail,
        })
    }
}

/// An error envelope, read: all of an [`ApiError`] but its code's variant,
/// which the caller's enum gives.
struct Envelope<'b> {
    code: std::borrow::Cow<'b, str>,
    text: ErrorText,
    access_denied_detail: Option<Box<serde_json::Value>>,
}

const NO_CODE: &str = "an error status without an error envelope (no `Code`)";

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The body error of a JSON body `serde_json` refused.
fn json_failure(status: u16, text: &str, e: &serde_json::Error) -> BodyError {
    let kind = match e.classify() {
        serde_json::error::Category::Eof => BodyErrorKind::Truncated,
        serde_json::error::Category::Data => BodyErrorKind::Shape,
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            BodyErrorKind::Malformed
        }
    };
    // The error's place is given once, as every body error gives it.
    let message = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let message = message
        .strip_suffix(&place)
        .map_or_else(|| message.clone(), str::to_owned);
    let body = text.as_bytes();
    let at = offset_of(body, e.line(), e.column());
    BodyError::in_body(kind, status, Some(Format::Json), message, body, Some(at))
}

/// The body error of an XML body the reader refused.
fn xml_failure(status: u16, text: &str, e: XmlError) -> BodyError {
    BodyError::in_body(
        e.kind,
        status,
        Some(Format::Xml),
        e.message,
        text.as_bytes(),
        e.at,
    )
}

/// The format a `Content-Type` names, if it names one of the two: its
/// subtype (or `+suffix`), before any parameters, in any case.
fn format_of_content_type(content_type: &str) -> Option<Format> {
    let media_type = match content_type.split_once(';') {
        Some((media_type, _parameters)) => media_type,
        None => content_type,
    };
    let media_type = media_type.trim_ascii_end().as_bytes();
    // The subtype is what follows the last `/` or `+`: comparing the end of
    // the media type with each name needs no search for that separator.
    let names = |subtype: &[u8]| {
        media_type.len() > subtype.len()
            && matches!(
                media_type[media_type.len() - subtype.len() - 1],
                b'/' | b'+'
            )
            && media_type[media_type.len() - subtype.len()..].eq_ignore_ascii_case(subtype)
    };
    if names(b"json") {
        Some(Format::Json)
    } else if names(b"xml") {
        Some(Format::Xml)
    } else {
        None
    }
}

/// The format the body's first non-white-space byte, at `start`, announces.
/// With `scalars`, a number, `true`, `false` or `null` is JSON too.
fn sniff(status: u16, body: &[u8], start: usize, scalars: bool) -> Result<Format, BodyError> {
    match body[start] {
        b'{' | b'[' | b'"' => Ok(Format::Json),
        b'<' => Ok(Format::Xml),
        b'0'..=b'9' | b'-' | b't' | b'f' | b'n' if scalars => Ok(Format::Json),
        _ => Err(BodyError::in_body(
            BodyErrorKind::UnknownFormat,
            status,
            None,
            "the body is neither JSON nor XML",
            body,
            Some(start),
        )),
    }
}

/// A body of nothing but white space (and a byte order mark).
fn is_blank(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    body.iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_name_formats() {
        for (content_type, format) in [
            ("application/json", Some(Format::Json)),
            ("text/json; charset=utf-8", Some(Format::Json)),
            ("Application/JSON;charset=UTF-8", Some(Format::Json)),
            ("application/problem+json", Some(Format::Json)),
            ("application/xml", Some(Format::Xml)),
            ("TEXT/XML; charset=utf-8", Some(Format::Xml)),
            ("text/html", None),
            ("text/plain", None),
            ("", None),
        ] {
            assert_eq!(
                format_of_content_type(content_type),
                format,
                "{content_type}"
            );
        }
    }

    #[test]
    fn the_first_byte_tells_the_format() {
        assert_eq!(sniff(200, b"  {}", 2, false), Ok(Format::Json));
        assert_eq!(sniff(200, b"\n[1]", 1, false), Ok(Format::Json));
        assert_eq!(sniff(200, b"<?xml?><a/>", 0, false), Ok(Format::Xml));
        assert!(sniff(200, b"42", 0, false).is_err());
        assert_eq!(sniff(200, b"42", 0, true), Ok(Format::Json));
        assert_eq!(sniff(200, b"null", 0, true), Ok(Format::Json));
        let e = sniff(502, b"Bad Gateway", 0, false).unwrap_err();
        assert_eq!(e.message(), "the body is neither JSON nor XML");
        assert_eq!(e.format(), None);
    }
}
