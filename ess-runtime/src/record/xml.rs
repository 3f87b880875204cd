//! Records in XML, by their tables: one reader and one writer for every
//! generated type, over the crate's own XML tokenizer.
//!
//! What is accepted beyond each shape:
//! - a scalar, by the [`Lenient`] rules from the element's text; a string
//!   field whose element holds elements keeps them as the JSON text of the
//!   value they read as (the same text a JSON body gives);
//! - a record: the element's children, each into its field, any other
//!   skipped; `<Name/>` is the record with no field set;
//! - a wrapped list: its item elements; a wrapper whose item element was
//!   dropped (`<List><Field>...</Field></List>`, as the vendor's metadata
//!   demos write a list of one: the wrapper is then that item); a wrapper
//!   holding a scalar item's text; the wrapper repeated (each adds its
//!   items);
//! - a bare list: the element repeated, each one an item;
//! - a map: the element's children by name; a key's element repeated adds
//!   to a list or free-form value and replaces anything else;
//! - a list as an item: each child an item, whatever its name, or the
//!   element's text as one item.

use std::borrow::Cow;

use super::place::{
    FieldMut, FieldRef, ItemMut, ItemRef, ListMut, MapMut, MapRef, RecordMut, RecordRef, ScalarMut,
    ScalarRef,
};
use super::{ItemKind, Name, Seen};
use crate::dynamic::{read_xml_children, read_xml_value, write_xml_value, Value};
use crate::lenient::Lenient;
use crate::xml::scan::reads_as_name;
use crate::xml::stream::{Element, XmlReader};
use crate::xml::write::XmlWriter;
use crate::xml::XmlError;

/// What takes a child a record does not know: `true` when it read it.
pub(crate) type OtherChild<'f, 'a> =
    dyn FnMut(&mut XmlReader<'a>, &Element<'a>, &str) -> Result<bool, XmlError> + 'f;

/// Reads the children of `element` into `record`: each child the record
/// knows goes into its field; any other goes to `other` when given, and is
/// skipped unless `other` read it.
pub(crate) fn read_record<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    mut record: RecordMut<'_>,
    mut other: Option<&mut OtherChild<'_, 'a>>,
) -> Result<(), XmlError> {
    let desc = record.desc();
    let mut seen = Seen::of(desc);
    while let Some(child) = reader.child(element)? {
        if let Some(index) = desc.find(child.name()) {
            read_known(reader, &child, &mut record, index)?;
            seen.note(index);
        } else if !match &mut other {
            Some(other) => other(reader, &child, child.name())?,
            None => false,
        } {
            reader.skip(&child)?;
        }
    }
    seen.check()
        .map_err(|message| XmlError::shape(element.at, message))
}

/// Reads `child` into the record's field `index`.
fn read_known<'a>(
    reader: &mut XmlReader<'a>,
    child: &Element<'a>,
    record: &mut RecordMut<'_>,
    index: usize,
) -> Result<(), XmlError> {
    let desc = record.desc();
    let (field, place) = record.field(index);
    read_field(reader, child, place, &Name::of(desc, field))
}

/// Reads a whole body from its root element, as a field of its kind but
/// that a string body is not a field (elements there are an error).
pub(crate) fn read_body<'a>(
    reader: &mut XmlReader<'a>,
    root: &Element<'a>,
    place: FieldMut<'_>,
    name: &Name,
) -> Result<(), XmlError> {
    match place {
        FieldMut::Scalar(scalar) => read_scalar(reader, root, scalar, name, false),
        other => read_field(reader, root, other, name),
    }
}

/// Reads a field's element (XML repeats a list's elements: each one adds
/// to the list).
fn read_field<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    place: FieldMut<'_>,
    name: &Name,
) -> Result<(), XmlError> {
    match place {
        FieldMut::Scalar(scalar) => read_scalar(reader, element, scalar, name, true),
        FieldMut::Record(mut holder) => read_record(reader, element, holder.reset(), None),
        FieldMut::Optional(mut optional) => read_record(reader, element, optional.insert(), None),
        FieldMut::Wrapped(list) => read_wrapped(reader, element, list, name),
        FieldMut::Bare(mut list) => read_item(reader, element, list.push(), true, name),
        FieldMut::Map(map) => read_map(reader, element, map, name),
        FieldMut::Value(value) => merge_value(reader, element, value),
    }
}

/// Reads an item from its element. A record, a map or a value read over
/// one already there (`fresh` false: a map's key repeated) replaces it;
/// a list or a free-form value adds to it.
pub(crate) fn read_item<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    item: ItemMut<'_>,
    fresh: bool,
    name: &Name,
) -> Result<(), XmlError> {
    match item {
        ItemMut::Scalar(scalar) => read_scalar(reader, element, scalar, name, false),
        ItemMut::Record(mut holder) => {
            let record = if fresh {
                holder.record()
            } else {
                holder.reset()
            };
            read_record(reader, element, record, None)
        }
        ItemMut::List(list) => read_list(reader, element, list, name),
        ItemMut::Map(mut map) => {
            if !fresh {
                map.clear();
            }
            read_map(reader, element, map, name)
        }
        ItemMut::Value(value) => merge_value(reader, element, value),
    }
}

/// An element as a free-form value; the element repeated makes an array.
fn merge_value<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    value: &mut Value,
) -> Result<(), XmlError> {
    let item = read_xml_value(reader, element)?;
    match value {
        Value::Null => *value = item,
        Value::Array(items) => items.push(item),
        other => *other = Value::Array(vec![other.take(), item]),
    }
    Ok(())
}

/// A scalar from its element's text; a string field (`field`, not an
/// item) whose element holds elements keeps them as JSON text.
fn read_scalar<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    scalar: ScalarMut<'_>,
    name: &Name,
    field: bool,
) -> Result<(), XmlError> {
    fn lenient<'a, T: Lenient>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut T,
        name: &Name,
    ) -> Result<(), XmlError> {
        let text = reader.text(element, name)?;
        *value = from_text(reader, element, &text, name)?;
        Ok(())
    }
    /// A string's element: its text, or, when it holds elements, the JSON
    /// text of the value they read as.
    fn string<'a, T: Lenient>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut T,
        name: &Name,
    ) -> Result<(), XmlError> {
        let text = match reader.text_or_child(element)? {
            Ok(text) => text,
            Err(first) => read_xml_children(reader, element, &first)?
                .to_string()
                .into(),
        };
        *value = from_text(reader, element, &text, name)?;
        Ok(())
    }
    match scalar {
        ScalarMut::String(value) if field => string(reader, element, value, name),
        ScalarMut::OptString(value) if field => string(reader, element, value, name),
        ScalarMut::String(value) => lenient(reader, element, value, name),
        ScalarMut::OptString(value) => lenient(reader, element, value, name),
        ScalarMut::I32(value) => lenient(reader, element, value, name),
        ScalarMut::OptI32(value) => lenient(reader, element, value, name),
        ScalarMut::I64(value) => lenient(reader, element, value, name),
        ScalarMut::OptI64(value) => lenient(reader, element, value, name),
        ScalarMut::F64(value) => lenient(reader, element, value, name),
        ScalarMut::OptF64(value) => lenient(reader, element, value, name),
        ScalarMut::Bool(value) => lenient(reader, element, value, name),
        ScalarMut::OptBool(value) => lenient(reader, element, value, name),
    }
}

/// `text` read as `T`, or an error at `element` naming the field.
fn from_text<T: Lenient>(
    reader: &XmlReader<'_>,
    element: &Element<'_>,
    text: &str,
    name: &Name,
) -> Result<T, XmlError> {
    T::from_text(text).ok_or_else(|| {
        reader.shape_error(
            element,
            format!("`{name}`: expected {}, found {text:?}", T::EXPECTING),
        )
    })
}

/// A wrapped list's element: its item elements, or (the vendor's XML
/// demos drop the items' element) the wrapper as one record, or its text
/// as one item.
fn read_wrapped<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    mut list: ListMut<'_>,
    name: &Name,
) -> Result<(), XmlError> {
    let unwrapped_record = matches!(list.item().kind, ItemKind::Record(_));
    let mut text = Cow::Borrowed("");
    let mut any_child = false;
    while let Some(child) = reader.child_keeping_text(element, &mut text)? {
        any_child = true;
        if child.name() == name.item {
            read_item(reader, &child, list.push(), true, name)?;
        } else if unwrapped_record {
            // The wrapper is the item: this child is its first field, and
            // the rest of the wrapper's children are the others.
            let ItemMut::Record(mut holder) = list.push() else {
                unreachable!("the items are records")
            };
            let mut record = holder.record();
            match record.desc().find(child.name()) {
                Some(index) => read_known(reader, &child, &mut record, index)?,
                None => reader.skip(&child)?,
            }
            return read_record(reader, element, record, None);
        } else {
            reader.skip(&child)?;
        }
    }
    if !any_child && !text.trim().is_empty() && !push_text(&mut list, &text) {
        return Err(reader.shape_error(
            element,
            format!("`{name}`: expected <{}> items, found {text:?}", name.item),
        ));
    }
    Ok(())
}

/// Adds the item a wrapper's (or a list's) text gives: `false` when it
/// gives none (the items are not text, or not of the text's type).
fn push_text(list: &mut ListMut<'_>, text: &str) -> bool {
    fn set<T: Lenient>(value: &mut T, text: &str) -> bool {
        T::from_text(text).map(|read| *value = read).is_some()
    }
    let read = match &list.item().kind {
        ItemKind::Scalar(_) | ItemKind::Value => match list.push() {
            ItemMut::Scalar(ScalarMut::String(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::OptString(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::I32(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::OptI32(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::I64(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::OptI64(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::F64(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::OptF64(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::Bool(value)) => set(value, text),
            ItemMut::Scalar(ScalarMut::OptBool(value)) => set(value, text),
            ItemMut::Value(value) => {
                *value = Value::String(text.to_owned());
                true
            }
            _ => false,
        },
        _ => return false,
    };
    if !read {
        list.pop();
    }
    read
}

/// A list as an item: each child is an item, whatever its name; an element
/// of text instead of children is one item.
fn read_list<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    mut list: ListMut<'_>,
    name: &Name,
) -> Result<(), XmlError> {
    let mut text = Cow::Borrowed("");
    let mut any_child = false;
    while let Some(child) = reader.child_keeping_text(element, &mut text)? {
        any_child = true;
        read_item(reader, &child, list.push(), true, name)?;
    }
    if !any_child && !text.trim().is_empty() && !push_text(&mut list, &text) {
        return Err(reader.shape_error(
            element,
            format!("`{name}`: expected a list, found {text:?}"),
        ));
    }
    Ok(())
}

/// A map's element: its children by name.
pub(crate) fn read_map<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    mut map: MapMut<'_>,
    name: &Name,
) -> Result<(), XmlError> {
    while let Some(child) = reader.child(element)? {
        let (item, existed) = map.entry(child.name());
        read_item(reader, &child, item, !existed, name)?;
    }
    Ok(())
}

// Writing.

/// Writes the record's present fields, in schema order.
pub(crate) fn write_record(writer: &mut XmlWriter, record: RecordRef<'_>) {
    for (field, place) in record.fields() {
        write_field(writer, place, field.name, field.item);
    }
}

/// Writes a field as the element(s) `element`, if it is present; a wrapped
/// list's items as `item`.
pub(crate) fn write_field(writer: &mut XmlWriter, place: FieldRef<'_>, element: &str, item: &str) {
    match place {
        FieldRef::Scalar(scalar) => {
            if super::json::scalar_present(scalar) {
                write_item(writer, ItemRef::Scalar(scalar), element);
            }
        }
        FieldRef::Record(record) | FieldRef::Optional(Some(record)) => {
            write_item(writer, ItemRef::Record(record), element)
        }
        FieldRef::Optional(None) => {}
        FieldRef::Wrapped(items) => {
            writer.open(element);
            for each in items.iter() {
                write_item(writer, each, item);
            }
            writer.close(element);
        }
        FieldRef::Bare(items) => {
            for each in items.iter() {
                write_item(writer, each, element);
            }
        }
        FieldRef::Map(entries) => write_map(writer, entries, element),
        FieldRef::Value(value) => write_xml_value(value, writer, element),
    }
}

/// Writes one item as the element `element`.
pub(crate) fn write_item(writer: &mut XmlWriter, item: ItemRef<'_>, element: &str) {
    match item {
        ItemRef::Scalar(scalar) => {
            writer.open(element);
            write_scalar(writer, scalar);
            writer.close(element);
        }
        ItemRef::Record(record) => {
            writer.open(element);
            write_record(writer, record);
            writer.close(element);
        }
        ItemRef::List(items) => {
            writer.open(element);
            for each in items.iter() {
                write_item(writer, each, element);
            }
            writer.close(element);
        }
        ItemRef::Map(entries) => write_map(writer, entries, element),
        // An item is written even when it is empty, so the list keeps its
        // length.
        ItemRef::Value(Value::Null) => {
            writer.open(element);
            writer.close(element);
        }
        ItemRef::Value(value) => write_xml_value(value, writer, element),
    }
}

/// A map as `element`, its entries by key. A key that cannot be an
/// element's name (`"a b"`, `"1"`) is left out: XML cannot hold it.
fn write_map(writer: &mut XmlWriter, entries: MapRef<'_>, element: &str) {
    writer.open(element);
    entries.for_each(&mut |key, item| {
        if reads_as_name(key) {
            write_item(writer, item, key);
        }
        true
    });
    writer.close(element);
}

/// A scalar as an element's text.
fn write_scalar(writer: &mut XmlWriter, scalar: ScalarRef<'_>) {
    use std::fmt::Write as _;
    // A number's text needs no escapes; `f64`'s `Display` is the shortest
    // text that reads back the same.
    let _ = match scalar {
        ScalarRef::String(text) | ScalarRef::OptString(Some(text)) => {
            writer.text(text);
            Ok(())
        }
        ScalarRef::I32(n) | ScalarRef::OptI32(Some(n)) => write!(writer.buffer(), "{n}"),
        ScalarRef::I64(n) | ScalarRef::OptI64(Some(n)) => write!(writer.buffer(), "{n}"),
        ScalarRef::F64(n) | ScalarRef::OptF64(Some(n)) => write!(writer.buffer(), "{n}"),
        ScalarRef::Bool(b) | ScalarRef::OptBool(Some(b)) => write!(writer.buffer(), "{b}"),
        ScalarRef::OptString(None)
        | ScalarRef::OptI32(None)
        | ScalarRef::OptI64(None)
        | ScalarRef::OptF64(None)
        | ScalarRef::OptBool(None) => Ok(()),
    };
}
