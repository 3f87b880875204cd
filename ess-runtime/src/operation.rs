//! Operations whose response types a spec's `responses` generates: the
//! marker types of `#[service]` implement [`Operation`], and
//! [`decode_operation`](crate::decode::decode_operation) reads a response into its type from either format.
//!
//! A body is most often an object (a generated struct), and may be any
//! other shape the schema gives: a list, a string, a map, any value, or the
//! raw bytes of a file. Each shape is a [`BodyKind`], the body-level
//! counterpart of the field kinds in [`crate::record`].

use std::fmt::{self, Debug};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::code::ErrorCode;
use crate::error::RequestError;
use crate::record::body::{self, BodyFacts, JsonDeserializer};
use crate::record::{FieldMut, FieldRef, Kind, Name, Scalar};
use crate::request::{Encoded, NextPage, Parameter, ServiceInfo};
use crate::xml::stream::{Element, XmlReader};
use crate::xml::write::XmlWriter;
use crate::xml::XmlError;

/// One operation of a service, as `#[service]` generates it: a unit
/// struct named after the action, with its response type and the error
/// enum of what it can return.
///
/// ```
/// # #[ess_runtime::service(spec_json = r#"{ "errors": [
/// #   { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" } ],
/// #   "common": ["Throttling"],
/// #   "responses": { "DeleteScalingGroup": { "properties": { "RequestId": { "type": "string" } } } } }"#)]
/// # pub mod ess {}
/// use ess_runtime::Operation;
///
/// assert_eq!(ess::DeleteScalingGroup::NAME, "DeleteScalingGroup");
/// let ok = ess_runtime::decode_operation::<ess::DeleteScalingGroup>(
///     200, None, br#"{"RequestId": "R1"}"#).unwrap();
/// assert_eq!(ok.body.request_id.as_deref(), Some("R1"));
/// ```
pub trait Operation {
    /// The action's name, as the request's `Action` parameter gives it.
    const NAME: &'static str;
    /// The body of a success response: a generated struct, or whatever
    /// other shape the schema gives (`Vec<T>`, `String`, [`Value`](crate::Value),
    /// `Vec<u8>` for a file). Written back as JSON by `serde_json` and as
    /// XML by [`to_xml`].
    type Response: Serialize + DeserializeOwned + Debug + Clone + PartialEq + Default;
    /// The codes an error response of this operation can carry: the ones
    /// its page documents and the common ones.
    type Error: ErrorCode;
    /// How the body is read and written.
    #[doc(hidden)]
    type Body: BodyKind<Value = Self::Response>;
    /// The request: a field per parameter of the metadata.
    type Request: Request;
    /// The HTTP method the metadata prefers, upper case (`POST` when it
    /// names none).
    const METHOD: &'static str;
    /// The operation only reads (the metadata's `operationType`), so a
    /// call that failed on the way may be sent again.
    const READ_ONLY: bool;
    /// The operation is called with no access key and no signature (the
    /// spec's `anonymous`): it is anonymous, or takes a token of the
    /// product's own as a parameter. The client asks no credentials for it.
    const ANONYMOUS: bool = false;
    /// The service it belongs to.
    const SERVICE: ServiceInfo;
}

/// An operation's request, as `#[service]` generates it: a struct with a
/// field per parameter, a constructor taking the required ones, and a
/// setter for each other.
pub trait Request: fmt::Debug + Clone + Send + Sync + 'static {
    /// The operation it calls.
    type Operation: Operation<Request = Self>;
    /// The parameters, as the metadata describes them, in the order of
    /// their names (what `encode` passes to [`encode`](crate::request::encode)): mostly the
    /// signature's order, which the client checks rather than assumes.
    const PARAMETERS: &'static [Parameter];
    /// Checks every value against its limits and encodes the parameters.
    fn encode(&self) -> Result<Encoded, RequestError>;
    /// Asks for the page `next` (see [`Paging`](crate::request::Paging)); `false` when the request
    /// has no parameter for it.
    fn turn_page(&mut self, next: &NextPage) -> bool {
        let _ = next;
        false
    }
}

/// The shape of a whole body: how it is read from either format and
/// written as XML. Generated code names one; see [`Operation::Response`].
/// Every field kind is one (a struct's is `NestedRequired`), read by
/// the records' interpreter; a text or file body has its own.
pub trait BodyKind {
    /// The body's Rust type.
    type Value: Default;
    /// The body as its bytes, for a file or stream body, which is not read
    /// as JSON or XML; `None` for every other shape.
    fn from_bytes(_bytes: &[u8]) -> Option<Self::Value> {
        None
    }
    /// Reads a JSON body into `value`, and notes in `request_id` a
    /// top-level `RequestId` (in any of the vendor's spellings) that is
    /// text.
    fn read_json(
        deserializer: &mut JsonDeserializer<'_>,
        value: &mut Self::Value,
        name: &Name,
        request_id: &mut Option<String>,
    ) -> Result<(), serde_json::Error>;
    /// Reads an XML body from its root element into `value`, and gives the
    /// `RequestId` if the body's type has no field for it.
    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        value: &mut Self::Value,
        name: &Name,
    ) -> Result<Option<String>, XmlError>;
    /// Writes the body as the root element `root`.
    fn write_xml(value: &Self::Value, writer: &mut XmlWriter, root: &str);
    /// Checks that an empty success body (a `202` with nothing, as ROA
    /// deletes answer) can be the body: it is `Self::Value::default()`,
    /// unless the schema requires a field (the `Err` names it).
    fn empty(_value: &Self::Value) -> Result<(), String> {
        Ok(())
    }
    /// What the body's own fields say: its `RequestId`, a failure despite
    /// the success status, its page.
    fn facts(_value: &Self::Value) -> BodyFacts<'_> {
        BodyFacts::default()
    }
}

// The blanket impl only routes a kind's value to the records'
// interpreter through `FieldMut::of`, which `Kind` makes sound.
impl<K: Kind> BodyKind for K {
    type Value = K::Value;

    fn read_json(
        deserializer: &mut JsonDeserializer<'_>,
        value: &mut K::Value,
        name: &Name,
        request_id: &mut Option<String>,
    ) -> Result<(), serde_json::Error> {
        body::read_json(deserializer, FieldMut::of::<K>(value), name, request_id)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        value: &mut K::Value,
        name: &Name,
    ) -> Result<Option<String>, XmlError> {
        body::read_xml(reader, root, FieldMut::of::<K>(value), name)
    }

    fn write_xml(value: &K::Value, writer: &mut XmlWriter, root: &str) {
        body::write_xml(FieldRef::of::<K>(value), writer, root);
    }

    fn empty(value: &K::Value) -> Result<(), String> {
        body::empty(FieldRef::of::<K>(value))
    }

    fn facts(value: &K::Value) -> BodyFacts<'_> {
        body::facts(FieldRef::of::<K>(value))
    }
}

/// A string body: a JSON string, an XML root's text, or else the body's
/// text as it is (a policy document, a plain-text answer).
pub struct TextBody;

impl BodyKind for TextBody {
    type Value = String;

    /// The text as it is, unless it is a JSON string or XML (read as
    /// such) or not UTF-8 (an error of the usual path).
    fn from_bytes(bytes: &[u8]) -> Option<String> {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'"' | b'<') => None,
            _ => std::str::from_utf8(text).ok().map(str::to_owned),
        }
    }

    fn read_json(
        deserializer: &mut JsonDeserializer<'_>,
        value: &mut String,
        name: &Name,
        request_id: &mut Option<String>,
    ) -> Result<(), serde_json::Error> {
        <Scalar<String> as BodyKind>::read_json(deserializer, value, name, request_id)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        value: &mut String,
        name: &Name,
    ) -> Result<Option<String>, XmlError> {
        <Scalar<String> as BodyKind>::read_xml(reader, root, value, name)
    }

    fn write_xml(value: &String, writer: &mut XmlWriter, root: &str) {
        <Scalar<String> as BodyKind>::write_xml(value, writer, root);
    }
}

/// A file or stream (`format: binary`): the body's bytes as they are.
pub struct Binary;

impl BodyKind for Binary {
    type Value = Vec<u8>;

    fn from_bytes(bytes: &[u8]) -> Option<Vec<u8>> {
        Some(bytes.to_vec())
    }

    /// Never called for a success body, which [`BodyKind::from_bytes`]
    /// takes; a JSON string is its bytes.
    fn read_json(
        deserializer: &mut JsonDeserializer<'_>,
        value: &mut Vec<u8>,
        name: &Name,
        request_id: &mut Option<String>,
    ) -> Result<(), serde_json::Error> {
        let mut text = String::new();
        TextBody::read_json(deserializer, &mut text, name, request_id)?;
        *value = text.into_bytes();
        Ok(())
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        value: &mut Vec<u8>,
        name: &Name,
    ) -> Result<Option<String>, XmlError> {
        let mut text = String::new();
        TextBody::read_xml(reader, root, &mut text, name)?;
        *value = text.into_bytes();
        Ok(None)
    }

    fn write_xml(value: &Vec<u8>, writer: &mut XmlWriter, root: &str) {
        writer.element(root, &String::from_utf8_lossy(value));
    }
}

/// The type `read` reads a whole XML body with, from its root element.
pub(crate) type ReadRoot<'f, 'a> =
    dyn FnMut(&mut XmlReader<'a>, &Element<'a>) -> Result<Option<String>, XmlError> + 'f;

/// Reads a whole XML body with `read` (which gives the `RequestId` if the
/// body's type has no field for it): not generic, so built once.
pub(crate) fn xml_document<'a>(
    source: &'a str,
    max_depth: usize,
    read: &mut ReadRoot<'_, 'a>,
) -> Result<Option<String>, XmlError> {
    let mut reader = XmlReader::new(source, max_depth);
    let root = reader.root()?;
    let request_id = read(&mut reader, &root)?;
    reader.finish()?;
    Ok(request_id)
}

/// The name a body's errors are reported under: the operation.
pub(crate) fn body_name<O: Operation>() -> Name {
    Name::body(O::NAME)
}

/// A body of operation `O` in the vendor's XML shape:
/// `<?xml ...?><{NAME}Response>...`, each wrapped list as its wrapper
/// element holding one element per item, each bare list as one element per
/// item; absent fields are left out.
pub fn to_xml<O: Operation>(body: &O::Response) -> String {
    let root = format!("{}Response", O::NAME);
    let mut writer = XmlWriter::new();
    O::Body::write_xml(body, &mut writer, &root);
    writer.finish()
}
