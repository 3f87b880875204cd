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
use serde::de::{self, Deserialize, MapAccess, SeqAccess, Visitor};

use crate::xml::scan::reads_as_name;
use crate::xml::stream::{Element, XmlReader};
use crate::xml::write::XmlWriter;
use crate::xml::XmlError;

/// A value of any shape: `serde_json`'s, so that it converts to and from
/// your own types with `serde_json::from_value` and `to_value`. Objects
/// keep their keys in order of the keys (a `BTreeMap`).
pub type Value = serde_json::Value;

/// An element as a [`Value`]: its text, or its children by name.
pub(crate) fn read_xml_value<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
) -> Result<Value, XmlError> {
    let mut text = Cow::Borrowed("");
    let mut object = serde_json::Map::new();
    while let Some(child) = reader.child_keeping_text(element, &mut text)? {
        add_child(reader, &child, &mut object)?;
    }
    if object.is_empty() {
        Ok(Value::String(text.into_owned()))
    } else {
        Ok(Value::Object(object))
    }
}

/// The object of `element`'s children by name, from its child `first` on
/// (the text between them is layout).
pub(crate) fn read_xml_children<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    first: &Element<'a>,
) -> Result<Value, XmlError> {
    let mut object = serde_json::Map::new();
    add_child(reader, first, &mut object)?;
    while let Some(child) = reader.child(element)? {
        add_child(reader, &child, &mut object)?;
    }
    Ok(Value::Object(object))
}

/// Reads `child` into `object` under its name; a name repeated is an array.
fn add_child<'a>(
    reader: &mut XmlReader<'a>,
    child: &Element<'a>,
    object: &mut serde_json::Map<String, Value>,
) -> Result<(), XmlError> {
    let item = read_xml_value(reader, child)?;
    match object.get_mut(child.name()) {
        None => {
            object.insert(child.name().to_owned(), item);
        }
        Some(Value::Array(items)) => items.push(item),
        Some(first) => *first = Value::Array(vec![first.take(), item]),
    }
    Ok(())
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
