//! Values the schema leaves open (`any`, a node without a type, an array
//! without `items`): kept as a [`Value`], whatever came in either format.
//!
//! JSON gives any value as it is. XML has only text and elements, so an
//! element of text is a string, an element of elements an object keyed by
//! its children's names (a name repeated is an array), an empty element an
//! empty string; attributes are not kept. Writing XML does the reverse, so
//! what XML gave reads back the same; a JSON number or boolean written to
//! XML reads back as its text, and a member whose name cannot be an
//! element's (`"a b"`, `"1"`) is left out of XML.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::field::{Item, Kind, Name};
use crate::xml::scan::reads_as_name;
use crate::xml::stream::{Element, XmlReader};
use crate::xml::write::XmlWriter;
use crate::xml::XmlError;

/// A value of any shape: `serde_json`'s, so that it converts to and from
/// your own types with `serde_json::from_value` and `to_value`. Objects
/// keep their keys in order of the keys (a `BTreeMap`).
pub type Value = serde_json::Value;

/// A field that holds any value; absent is [`Value::Null`].
pub struct Dynamic;

impl Kind for Dynamic {
    type Value = Value;

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D, _: &Name) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Value,
        _: &Name,
    ) -> Result<(), XmlError> {
        let item = read_xml_value(reader, element)?;
        // The element repeated: each one is an item of an array.
        match value {
            Value::Null => *value = item,
            Value::Array(items) => items.push(item),
            other => *other = Value::Array(vec![other.take(), item]),
        }
        Ok(())
    }

    fn write_json<M: SerializeMap>(
        value: &Value,
        map: &mut M,
        name: &Name,
    ) -> Result<(), M::Error> {
        if value.is_null() {
            return Ok(());
        }
        map.serialize_entry(name.field, value)
    }

    fn write_xml(value: &Value, writer: &mut XmlWriter, name: &Name) {
        write_xml_value(value, writer, name.field);
    }
}

impl Item for Dynamic {
    type Value = Value;
    type Visitor<'n> = ValueVisitor;

    fn visitor(_: &Name) -> ValueVisitor {
        ValueVisitor
    }

    fn push_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        items: &mut Vec<Value>,
        _: &Name,
    ) -> Result<(), XmlError> {
        items.push(read_xml_value(reader, element)?);
        Ok(())
    }

    /// The key's element repeated: each one is an item of an array.
    fn merge_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Value,
        name: &Name,
    ) -> Result<(), XmlError> {
        <Self as Kind>::read_xml(reader, element, value, name)
    }

    fn push_xml_unwrapped<'a>(
        _: &mut XmlReader<'a>,
        _: &Element<'a>,
        _: &Element<'a>,
        _: &mut Vec<Self::Value>,
    ) -> Result<bool, XmlError> {
        Ok(false)
    }

    fn from_wrapper_text(text: &str) -> Option<Value> {
        Some(Value::String(text.to_owned()))
    }

    fn serialize<S: Serializer>(value: &Value, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn write_xml(value: &Value, writer: &mut XmlWriter, element: &str) {
        match value {
            // An item is written even when it is empty, so the list keeps its length.
            Value::Null => {
                writer.open(element);
                writer.close(element);
            }
            value => write_xml_value(value, writer, element),
        }
    }
}

/// An element as a [`Value`]: its text, or its children by name.
pub(crate) fn read_xml_value<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
) -> Result<Value, XmlError> {
    let mut text = Cow::Borrowed("");
    let mut object = serde_json::Map::new();
    while let Some(child) = reader.child_keeping_text(element, &mut text)? {
        let item = read_xml_value(reader, &child)?;
        match object.get_mut(child.name()) {
            None => {
                object.insert(child.name().to_owned(), item);
            }
            Some(Value::Array(items)) => items.push(item),
            Some(first) => *first = Value::Array(vec![first.take(), item]),
        }
    }
    if object.is_empty() {
        Ok(Value::String(text.into_owned()))
    } else {
        Ok(Value::Object(object))
    }
}

/// `value` as the element `name` (an array as the element repeated; `null`
/// as nothing).
pub(crate) fn write_xml_value(value: &Value, writer: &mut XmlWriter, name: &str) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                write_xml_value(item, writer, name);
            }
        }
        Value::Object(members) => {
            writer.open(name);
            // A member that cannot be an element's name is left out.
            for (key, member) in members.iter().filter(|(key, _)| reads_as_name(key)) {
                write_xml_value(member, writer, key);
            }
            writer.close(name);
        }
        Value::String(text) => writer.element(name, text),
        Value::Bool(b) => writer.element(name, if *b { "true" } else { "false" }),
        Value::Number(n) => writer.element(name, &n.to_string()),
    }
}

/// Reads any JSON value into a [`Value`].
pub struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map))
    }
}
