//! Whole bodies of every shape, by the records' interpreter: a struct
//! (the common body, which also says its own `RequestId`, failure and
//! page), a list, a map, a scalar or any value. Not generic, so built
//! once, however many operations a program decodes.

use super::json;
use super::place::{FieldMut, FieldRef, ItemRef, ScalarRef};
use super::xml;
use super::{EnvelopeFields, Failure, Name, Seen};
use crate::dynamic::{read_xml_value, Value};
use crate::envelope::{capture, is_request_id};
use crate::request::Paging;
use crate::xml::stream::{Element, XmlReader};
use crate::xml::write::XmlWriter;
use crate::xml::XmlError;

/// What a body says of itself, from the fields its schema gives for it.
#[derive(Debug, Default, Clone, Copy)]
pub struct BodyFacts<'a> {
    /// The body's own `RequestId`.
    pub request_id: Option<&'a str>,
    /// The failure the body reports despite its success status.
    pub failure: Option<Failure<'a>>,
    /// What the body says of its page.
    pub paging: Paging<'a>,
}

/// The JSON deserializer every body is read with.
pub(crate) type JsonDeserializer<'de> = serde_json::Deserializer<serde_json::de::StrRead<'de>>;

/// The element name each item of a list body is written under in XML: the
/// vendor publishes no XML shape for such bodies (they are JSON-only ROA
/// answers), so the reader takes items of any name.
const LIST_BODY_ITEM: &str = "item";

/// Reads a JSON body, noting a top-level `RequestId` that is text: a
/// record notes it among the members it has no field for; any other shape
/// through a deserializer that copies it on the way.
pub(crate) fn read_json(
    deserializer: &mut JsonDeserializer<'_>,
    place: FieldMut<'_>,
    name: &Name,
    request_id: &mut Option<String>,
) -> Result<(), serde_json::Error> {
    match place {
        FieldMut::Record(mut holder) => {
            json::read_record(deserializer, holder.record(), Some(request_id))
        }
        other => json::read_body(capture(deserializer, request_id), other, name),
    }
}

/// Reads an XML body from its root element; the `RequestId` when the
/// body's type has no field for it.
pub(crate) fn read_xml<'a>(
    reader: &mut XmlReader<'a>,
    root: &Element<'a>,
    place: FieldMut<'_>,
    name: &Name,
) -> Result<Option<String>, XmlError> {
    match place {
        FieldMut::Record(mut holder) => {
            let mut request_id = None;
            let mut id_child = |reader: &mut XmlReader<'a>, child: &Element<'a>, name: &str| {
                if !is_request_id(name) {
                    return Ok(false);
                }
                request_id = Some(reader.text(child, &name)?.into_owned());
                Ok(true)
            };
            xml::read_record(reader, root, holder.record(), Some(&mut id_child))?;
            Ok(request_id)
        }
        // A list: the root holds one element per item, whatever their
        // names.
        FieldMut::Bare(mut list) | FieldMut::Wrapped(mut list) => {
            while let Some(child) = reader.child(root)? {
                xml::read_item(reader, &child, list.push(), true, name)?;
            }
            Ok(None)
        }
        FieldMut::Value(value) => {
            *value = read_xml_value(reader, root)?;
            Ok(None)
        }
        other => {
            xml::read_body(reader, root, other, name)?;
            Ok(None)
        }
    }
}

/// Writes a body as the root element `root`.
pub(crate) fn write_xml(place: FieldRef<'_>, writer: &mut XmlWriter, root: &str) {
    match place {
        FieldRef::Record(record) => xml::write_item(writer, ItemRef::Record(record), root),
        FieldRef::Bare(items) | FieldRef::Wrapped(items) => {
            writer.open(root);
            for item in items.iter() {
                xml::write_item(writer, item, LIST_BODY_ITEM);
            }
            writer.close(root);
        }
        // One root element, whatever the value.
        FieldRef::Value(Value::Array(items)) => {
            writer.open(root);
            for item in items {
                xml::write_item(writer, ItemRef::Value(item), LIST_BODY_ITEM);
            }
            writer.close(root);
        }
        FieldRef::Value(value) => xml::write_item(writer, ItemRef::Value(value), root),
        FieldRef::Scalar(scalar) => xml::write_item(writer, ItemRef::Scalar(scalar), root),
        other => xml::write_field(writer, other, root, ""),
    }
}

/// Whether an empty body can be the value `place` holds (its default): not
/// when it is a record that requires a field.
pub(crate) fn empty(place: FieldRef<'_>) -> Result<(), String> {
    match place {
        FieldRef::Record(record) => Seen::of(record.desc()).check(),
        _ => Ok(()),
    }
}

/// What a body's own fields say of it: only a record's say anything.
pub(crate) fn facts(place: FieldRef<'_>) -> BodyFacts<'_> {
    let FieldRef::Record(record) = place else {
        return BodyFacts::default();
    };
    let fields = record.desc().envelope;
    let field = |index: u16| match index {
        EnvelopeFields::ABSENT => None,
        index => record.field(usize::from(index)),
    };
    let text = |index| match field(index) {
        Some(FieldRef::Scalar(ScalarRef::String(text))) => Some(text.as_str()),
        Some(FieldRef::Scalar(ScalarRef::OptString(text))) => text.as_deref(),
        _ => None,
    };
    let number = |index| match field(index) {
        Some(FieldRef::Scalar(ScalarRef::I32(n))) => Some(i64::from(*n)),
        Some(FieldRef::Scalar(ScalarRef::OptI32(n))) => n.map(i64::from),
        Some(FieldRef::Scalar(ScalarRef::I64(n))) => Some(*n),
        Some(FieldRef::Scalar(ScalarRef::OptI64(n))) => *n,
        _ => None,
    };
    let success = match field(fields.success) {
        Some(FieldRef::Scalar(ScalarRef::Bool(b))) => Some(*b),
        Some(FieldRef::Scalar(ScalarRef::OptBool(b))) => *b,
        _ => None,
    };
    let failure =
        if fields.success == EnvelopeFields::ABSENT || fields.code == EnvelopeFields::ABSENT {
            None
        } else {
            Failure::of(success, text(fields.code), text(fields.message))
        };
    BodyFacts {
        request_id: text(fields.request_id),
        failure,
        paging: Paging {
            total_count: number(fields.total_count),
            page_number: number(fields.page_number),
            page_size: number(fields.page_size),
            next_token: text(fields.next_token),
        },
    }
}
