//! Operations whose response types a spec's `responses` generates: the
//! marker types of `#[service]` implement [`Operation`], and
//! [`decode_operation`] reads a response into its type from either format.
//!
//! A body is most often an object (a generated struct), and may be any
//! other shape the schema gives: a list, a string, a map, any value, or the
//! raw bytes of a file. Each shape is a [`BodyKind`], the body-level
//! counterpart of the field kinds in [`crate::field`].

use std::fmt::Debug;

use serde::de::{DeserializeOwned, Deserializer};
use serde::Serialize;

use crate::dynamic::{read_xml_value, Dynamic, Value};
use crate::envelope::{capture, is_request_id};
use crate::field::{
    read_record_noting_id, Bare, Entries, Failure, Item, Kind, Map, Name, NestedRequired, Record,
    Scalar, Text,
};
use crate::request::{Paging, Request, ServiceInfo};
use crate::xml::stream::{Element, XmlReader};
use crate::xml::write::XmlWriter;
use crate::xml::XmlError;
use crate::{Decoder, Error, ErrorCode, Success};

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
    /// other shape the schema gives (`Vec<T>`, `String`, [`Value`],
    /// `Vec<u8>` for a file). Written back as JSON by `serde_json` and as
    /// XML by [`to_xml`].
    type Response: Serialize + DeserializeOwned + Debug + Clone + PartialEq;
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
    /// The service it belongs to.
    const SERVICE: ServiceInfo;
}

/// The shape of a whole body: how it is read from either format and
/// written as XML. Generated code names one; see [`Operation::Response`].
pub trait BodyKind {
    /// The body's Rust type.
    type Value;
    /// The body as its bytes, for a file or stream body, which is not read
    /// as JSON or XML; `None` for every other shape.
    fn from_bytes(_bytes: &[u8]) -> Option<Self::Value> {
        None
    }
    /// Reads a JSON body.
    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Self::Value, D::Error>;
    /// Reads a JSON body, and notes in `request_id` a top-level `RequestId`
    /// (in any of the vendor's spellings) that is text: by wrapping the
    /// deserializer, unless the body reads it on the way (a record does).
    fn read_json_noting_id<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
        request_id: &mut Option<String>,
    ) -> Result<Self::Value, D::Error> {
        Self::read_json(capture(deserializer, request_id), name)
    }
    /// Reads an XML body from its root element, and the `RequestId` if the
    /// body's type has no field for it.
    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        name: &Name,
    ) -> Result<(Self::Value, Option<String>), XmlError>;
    /// Writes the body as the root element `root`.
    fn write_xml(value: &Self::Value, writer: &mut XmlWriter, root: &str);
    /// The body's own `RequestId`, when its schema has one.
    fn request_id(_value: &Self::Value) -> Option<&str> {
        None
    }
    /// The failure the body reports despite its success status.
    fn failure(_value: &Self::Value) -> Option<Failure<'_>> {
        None
    }
    /// What the body says of its page.
    fn paging(_value: &Self::Value) -> Paging<'_> {
        Paging::default()
    }
}

/// A struct: the common body.
/// What reads a body's `RequestId` child (in any of the vendor's
/// spellings) that its record has no field for. Made outside the generic
/// reader, so that it is built once, not once per body type.
fn request_id_child<'i, 'a>(
    request_id: &'i mut Option<String>,
) -> impl FnMut(&mut XmlReader<'a>, &Element<'a>, &str) -> Result<bool, XmlError> + 'i {
    |reader, child, name| {
        if !is_request_id(name) {
            return Ok(false);
        }
        *request_id = Some(reader.text(child, &name)?.into_owned());
        Ok(true)
    }
}

impl<R: Record> BodyKind for NestedRequired<R> {
    type Value = R;

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D, name: &Name) -> Result<R, D::Error> {
        <Self as Kind>::read_json(deserializer, name)
    }

    /// The record notes the id among the members it has no field for, so
    /// the deserializer is not wrapped: a wrapper would be built anew for
    /// every field type of every body in each user's crate.
    fn read_json_noting_id<'de, D: Deserializer<'de>>(
        deserializer: D,
        _: &Name,
        request_id: &mut Option<String>,
    ) -> Result<R, D::Error> {
        read_record_noting_id(deserializer, request_id)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        _: &Name,
    ) -> Result<(R, Option<String>), XmlError> {
        let mut record = R::default();
        let mut request_id = None;
        reader.fields_or(root, &mut record, &mut request_id_child(&mut request_id))?;
        Ok((record, request_id))
    }

    fn write_xml(value: &R, writer: &mut XmlWriter, root: &str) {
        writer.open(root);
        value.write_xml_fields(writer);
        writer.close(root);
    }

    fn request_id(value: &R) -> Option<&str> {
        value.request_id()
    }

    fn failure(value: &R) -> Option<Failure<'_>> {
        value.failure()
    }

    fn paging(value: &R) -> Paging<'_> {
        value.paging()
    }
}

/// The element name each item of a list body is written under in XML: the
/// vendor publishes no XML shape for such bodies (they are JSON-only ROA
/// answers), so the reader takes items of any name.
const LIST_BODY_ITEM: &str = "item";

/// A list: JSON an array; XML the root holding one element per item,
/// whatever their names (written [`LIST_BODY_ITEM`]).
impl<I: Item> BodyKind for Bare<I> {
    type Value = Vec<I::Value>;

    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Vec<I::Value>, D::Error> {
        <Self as Kind>::read_json(deserializer, name)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        name: &Name,
    ) -> Result<(Vec<I::Value>, Option<String>), XmlError> {
        let mut items = Vec::new();
        while let Some(child) = reader.child(root)? {
            I::push_xml(reader, &child, &mut items, name)?;
        }
        Ok((items, None))
    }

    fn write_xml(value: &Vec<I::Value>, writer: &mut XmlWriter, root: &str) {
        writer.open(root);
        for item in value {
            I::write_xml(item, writer, LIST_BODY_ITEM);
        }
        writer.close(root);
    }
}

/// A string, number or boolean: JSON the value, XML the root's text.
impl<T: Text> BodyKind for Scalar<T> {
    type Value = T;

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D, name: &Name) -> Result<T, D::Error> {
        <Self as Kind>::read_json(deserializer, name)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        name: &Name,
    ) -> Result<(T, Option<String>), XmlError> {
        let mut value = Vec::with_capacity(1);
        <Self as Item>::push_xml(reader, root, &mut value, name)?;
        Ok((value.pop().expect("one item was read"), None))
    }

    fn write_xml(value: &T, writer: &mut XmlWriter, root: &str) {
        <Self as Item>::write_xml(value, writer, root);
    }
}

/// Any value: JSON as it is, XML as [`crate::dynamic`] reads elements.
impl BodyKind for Dynamic {
    type Value = Value;

    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Value, D::Error> {
        <Self as Kind>::read_json(deserializer, name)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        _: &Name,
    ) -> Result<(Value, Option<String>), XmlError> {
        Ok((read_xml_value(reader, root)?, None))
    }

    fn write_xml(value: &Value, writer: &mut XmlWriter, root: &str) {
        match value {
            // One root element, whatever the value.
            Value::Array(items) => {
                writer.open(root);
                for item in items {
                    <Self as Item>::write_xml(item, writer, LIST_BODY_ITEM);
                }
                writer.close(root);
            }
            other => <Self as Item>::write_xml(other, writer, root),
        }
    }
}

/// A map: JSON an object, XML the root's children by name.
impl<I: Item> BodyKind for Map<I> {
    type Value = Entries<I::Value>;

    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Entries<I::Value>, D::Error> {
        <Self as Kind>::read_json(deserializer, name)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        name: &Name,
    ) -> Result<(Entries<I::Value>, Option<String>), XmlError> {
        let mut entries = Entries::new();
        <Self as Kind>::read_xml(reader, root, &mut entries, name)?;
        Ok((entries, None))
    }

    fn write_xml(value: &Entries<I::Value>, writer: &mut XmlWriter, root: &str) {
        <Self as Item>::write_xml(value, writer, root);
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

    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<String, D::Error> {
        <Scalar<String> as BodyKind>::read_json(deserializer, name)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        name: &Name,
    ) -> Result<(String, Option<String>), XmlError> {
        <Scalar<String> as BodyKind>::read_xml(reader, root, name)
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
    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Vec<u8>, D::Error> {
        <Scalar<String> as BodyKind>::read_json(deserializer, name).map(String::into_bytes)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        root: &Element<'a>,
        name: &Name,
    ) -> Result<(Vec<u8>, Option<String>), XmlError> {
        let (text, _) = <Scalar<String> as BodyKind>::read_xml(reader, root, name)?;
        Ok((text.into_bytes(), None))
    }

    fn write_xml(value: &Vec<u8>, writer: &mut XmlWriter, root: &str) {
        writer.element(root, &String::from_utf8_lossy(value));
    }
}

/// The name a body's errors are reported under: the operation.
pub(crate) fn body_name<O: Operation>() -> Name {
    Name {
        record: O::NAME,
        field: "",
        item: "",
    }
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
