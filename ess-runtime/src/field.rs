//! The fields of the response types generated from a spec: how each kind of
//! field is read from JSON and from XML, and written to both.
//!
//! Generated code names a kind per field and calls these through
//! `__private`; the rules live here once, for every generated type:
//!
//! - [`Scalar`]: a string, number or boolean, read by the [`Lenient`] rules
//!   from a JSON value or an XML element's text;
//! - [`Nested`] and [`NestedRequired`]: an object, another generated type;
//! - [`Wrapped`]: a list in the vendor's wrapper (`{"Item": [...]}`,
//!   `<List><Item>...</Item></List>`);
//! - [`Bare`]: a list without one (`[...]`, the element repeated).
//!
//! What each accepts beyond its shape is written on it. A value that fits
//! nothing is an error that names the field's path in its response.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::envelope::is_request_id;
use crate::lenient::{Lenient, LenientVisitor};
use crate::xml::scan::reads_as_name;
use crate::xml::stream::{Element, XmlReader};
use crate::xml::write::XmlWriter;
use crate::xml::XmlError;

/// A struct generated from a spec's response tree.
pub trait Record: Default {
    /// Where the record is: `DescribeScalingGroups.ScalingGroups.ScalingGroup`.
    const PATH: &'static str;
    /// The vendor's names of the fields the schema requires (at most 64).
    const REQUIRED: &'static [&'static str] = &[];

    /// Reads JSON member `key` into its field; `false` when the record has no
    /// field of that name (the value is then skipped).
    fn read_json_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Reads the child element `child` into its field; `false` when the
    /// record has no field of that name (the element is then skipped).
    fn read_xml_field<'a>(
        &mut self,
        child: &Element<'a>,
        reader: &mut XmlReader<'a>,
    ) -> Result<bool, XmlError>;

    /// Writes the fields that are present, in schema order.
    fn write_json_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// Writes the fields that are present, in schema order.
    fn write_xml_fields(&self, writer: &mut XmlWriter);

    /// The record's `RequestId`, when its schema has one.
    fn request_id(&self) -> Option<&str> {
        None
    }

    /// The failure a body with a success status reports, when its schema
    /// has a success flag and a code (`"Success": false, "Code": "..."`).
    fn failure(&self) -> Option<Failure<'_>> {
        None
    }

    /// What the record says of its page, when its schema has `TotalCount`,
    /// `PageNumber` and `PageSize`, or `NextToken`.
    fn paging(&self) -> crate::request::Paging<'_> {
        crate::request::Paging::default()
    }
}

/// A failure reported in a body with a success status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure<'a> {
    /// The code.
    pub code: &'a str,
    /// The message, or empty.
    pub message: &'a str,
}

impl<'a> Failure<'a> {
    /// The failure that the body's `success` flag, `code` and `message`
    /// report: one when the flag is `false` and the code is not empty.
    pub fn of(
        success: Option<bool>,
        code: Option<&'a str>,
        message: Option<&'a str>,
    ) -> Option<Failure<'a>> {
        match (success, code) {
            (Some(false), Some(code)) if !code.trim().is_empty() => Some(Failure {
                code: code.trim(),
                message: message.unwrap_or(""),
            }),
            _ => None,
        }
    }
}

/// A field's name and where it is, for reading, writing and error messages.
#[derive(Debug, Clone, Copy)]
pub struct Name {
    /// The record's [`Record::PATH`].
    pub record: &'static str,
    /// The vendor's name of the field, in both formats.
    pub field: &'static str,
    /// For a wrapped list, the vendor's name of its items; else empty.
    pub item: &'static str,
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(self.record)
        } else {
            write!(f, "{}.{}", self.record, self.field)
        }
    }
}

/// Which of a record's required fields have been read. Not generic over
/// the record, so that its code is built once, not once per struct.
pub(crate) struct Seen {
    path: &'static str,
    required: &'static [&'static str],
    seen: u64,
}

impl Seen {
    /// Nothing read yet of record `R`.
    pub(crate) fn of<R: Record>() -> Self {
        Seen {
            path: R::PATH,
            required: R::REQUIRED,
            seen: 0,
        }
    }

    /// Notes that the field `name` was read.
    pub(crate) fn note(&mut self, name: &str) {
        if let Some(i) = self.required.iter().position(|required| *required == name) {
            self.seen |= 1 << i;
        }
    }

    /// `Err` naming the first required field that was not read.
    pub(crate) fn check(&self) -> Result<(), String> {
        match (0..self.required.len()).find(|&i| self.seen & (1 << i) == 0) {
            Some(i) => Err(format!(
                "`{}`: missing field `{}`",
                self.path, self.required[i]
            )),
            None => Ok(()),
        }
    }
}

/// A kind of field.
pub trait Kind {
    /// The field's Rust type.
    type Value;
    /// Reads the field's JSON value.
    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Self::Value, D::Error>;
    /// Reads the field's element (XML repeats a list's elements: each one
    /// adds to `value`).
    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Self::Value,
        name: &Name,
    ) -> Result<(), XmlError>;
    /// Writes the member, if the value is present.
    fn write_json<M: SerializeMap>(
        value: &Self::Value,
        map: &mut M,
        name: &Name,
    ) -> Result<(), M::Error>;
    /// Writes the element(s), if the value is present.
    fn write_xml(value: &Self::Value, writer: &mut XmlWriter, name: &Name);
}

/// A kind of list item.
pub trait Item: Sized {
    /// The item's Rust type.
    type Value;
    /// What reads one item from JSON.
    type Visitor<'n>: for<'de> Visitor<'de, Value = Self::Value>;
    /// The visitor for one item of the list `name`.
    fn visitor(name: &Name) -> Self::Visitor<'_>;
    /// Reads one item from its element onto the end of `items`. (A record
    /// is read in place: moving a large struct into the list costs more
    /// than reading it. On an error the list may keep a part-read item;
    /// the error ends the decoding.)
    fn push_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        items: &mut Vec<Self::Value>,
        name: &Name,
    ) -> Result<(), XmlError>;
    /// Reads the next item of a JSON array onto the end of `items`;
    /// `false` at the array's end. A record overrides it, as in
    /// [`Item::push_xml`].
    fn push_json<'de, A: SeqAccess<'de>>(
        seq: &mut A,
        items: &mut Vec<Self::Value>,
        name: &Name,
    ) -> Result<bool, A::Error> {
        let seed = ItemSeed::<Self> {
            name,
            item: PhantomData,
        };
        match seq.next_element_seed(seed)? {
            Some(item) => {
                items.push(item);
                Ok(true)
            }
            None => Ok(false),
        }
    }
    /// Reads the element of a map's key seen before into its entry,
    /// `value`: by default the later element replaces the earlier; a list
    /// or a free-form value adds to it (the vendor writes a map of lists as
    /// the key's element repeated).
    fn merge_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Self::Value,
        name: &Name,
    ) -> Result<(), XmlError> {
        let mut one = Vec::with_capacity(1);
        Self::push_xml(reader, element, &mut one, name)?;
        if let Some(item) = one.pop() {
            *value = item;
        }
        Ok(())
    }
    /// Reads one item onto the end of `items` from a wrapper whose item
    /// element was dropped (the wrapper holds the item's own fields),
    /// starting at its child `first`; `false` when items of this kind have
    /// no fields.
    fn push_xml_unwrapped<'a>(
        reader: &mut XmlReader<'a>,
        wrapper: &Element<'a>,
        first: &Element<'a>,
        items: &mut Vec<Self::Value>,
    ) -> Result<bool, XmlError>;
    /// Reads one item from a wrapper that holds text instead of item
    /// elements; `None` when items of this kind are not text.
    fn from_wrapper_text(text: &str) -> Option<Self::Value>;
    /// Writes one item as a JSON value.
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error>;
    /// Writes one item as the element `element`.
    fn write_xml(value: &Self::Value, writer: &mut XmlWriter, element: &str);
}

/// A scalar as generated code stores it: a [`Lenient`] value that can
/// also be written.
pub trait Text: Lenient {
    /// Whether the value is there to write (an `Option` may not be).
    fn is_present(&self) -> bool {
        true
    }
    /// Writes the value as an element's text.
    fn write_text(&self, writer: &mut XmlWriter);
    /// Writes the value as a JSON value.
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl Text for String {
    fn write_text(&self, writer: &mut XmlWriter) {
        writer.text(self);
    }
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

macro_rules! text_number {
    ($($ty:ty => $serialize:ident),*) => {
        $(
            impl Text for $ty {
                fn write_text(&self, writer: &mut XmlWriter) {
                    use std::fmt::Write as _;
                    // A number's text needs no escapes; `f64`'s `Display`
                    // is the shortest text that reads back the same.
                    let _ = write!(writer.buffer(), "{self}");
                }
                fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.$serialize(*self)
                }
            }
        )*
    };
}

text_number!(i32 => serialize_i32, i64 => serialize_i64, f64 => serialize_f64, bool => serialize_bool);

impl<T: Text> Text for Option<T> {
    fn is_present(&self) -> bool {
        self.is_some()
    }
    fn write_text(&self, writer: &mut XmlWriter) {
        if let Some(value) = self {
            value.write_text(writer);
        }
    }
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.serialize_text(serializer),
            None => serializer.serialize_none(),
        }
    }
}

/// A string, number or boolean (or an `Option` of one). Reads by the
/// [`Lenient`] rules: a number sent as a string, a string sent as a number,
/// `"true"`, `0`/`1`, `""` for an absent number.
pub struct Scalar<T>(PhantomData<T>);

impl<T: Text> Kind for Scalar<T> {
    type Value = T;

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D, name: &Name) -> Result<T, D::Error> {
        deserializer.deserialize_any(LenientVisitor::<T>::new(name))
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut T,
        name: &Name,
    ) -> Result<(), XmlError> {
        *value = read_scalar(reader, element, name)?;
        Ok(())
    }

    fn write_json<M: SerializeMap>(value: &T, map: &mut M, name: &Name) -> Result<(), M::Error> {
        if value.is_present() {
            map.serialize_entry(name.field, &ScalarOut(value))?;
        }
        Ok(())
    }

    fn write_xml(value: &T, writer: &mut XmlWriter, name: &Name) {
        if value.is_present() {
            <Self as Item>::write_xml(value, writer, name.field);
        }
    }
}

impl<T: Text> Item for Scalar<T> {
    type Value = T;
    type Visitor<'n> = LenientVisitor<'n, T>;

    fn visitor(name: &Name) -> LenientVisitor<'_, T> {
        LenientVisitor::new(name)
    }

    fn push_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        items: &mut Vec<T>,
        name: &Name,
    ) -> Result<(), XmlError> {
        items.push(read_scalar(reader, element, name)?);
        Ok(())
    }

    fn push_xml_unwrapped<'a>(
        _: &mut XmlReader<'a>,
        _: &Element<'a>,
        _: &Element<'a>,
        _: &mut Vec<Self::Value>,
    ) -> Result<bool, XmlError> {
        Ok(false)
    }

    fn from_wrapper_text(text: &str) -> Option<T> {
        T::from_text(text)
    }

    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize_text(serializer)
    }

    fn write_xml(value: &T, writer: &mut XmlWriter, element: &str) {
        writer.open(element);
        value.write_text(writer);
        writer.close(element);
    }
}

/// A scalar from its element's text.
fn read_scalar<'a, T: Text>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    name: &Name,
) -> Result<T, XmlError> {
    let text = reader.text(element, name)?;
    T::from_text(&text).ok_or_else(|| {
        reader.shape_error(
            element,
            format!("`{name}`: expected {}, found {text:?}", T::EXPECTING),
        )
    })
}

struct ScalarOut<'v, T>(&'v T);

impl<T: Text> Serialize for ScalarOut<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_text(serializer)
    }
}

/// An object that may be absent: `None` for `null` or `""` in JSON and for
/// no element in XML; `<Name/>` is the record with no field set.
pub struct Nested<R>(PhantomData<R>);

impl<R: Record> Kind for Nested<R> {
    type Value = Option<R>;

    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        _: &Name,
    ) -> Result<Option<R>, D::Error> {
        deserializer.deserialize_any(OptionalRecordVisitor(PhantomData))
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Option<R>,
        _: &Name,
    ) -> Result<(), XmlError> {
        *value = Some(reader.record(element)?);
        Ok(())
    }

    fn write_json<M: SerializeMap>(
        value: &Option<R>,
        map: &mut M,
        name: &Name,
    ) -> Result<(), M::Error> {
        match value {
            Some(record) => map.serialize_entry(name.field, &RecordOut(record)),
            None => Ok(()),
        }
    }

    fn write_xml(value: &Option<R>, writer: &mut XmlWriter, name: &Name) {
        if let Some(record) = value {
            <Self as Item>::write_xml(record, writer, name.field);
        }
    }
}

impl<R: Record> Item for Nested<R> {
    type Value = R;
    type Visitor<'n> = RecordVisitor<R>;

    fn visitor(_: &Name) -> RecordVisitor<R> {
        RecordVisitor(PhantomData)
    }

    fn push_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        items: &mut Vec<R>,
        _: &Name,
    ) -> Result<(), XmlError> {
        items.push(R::default());
        let slot = items.last_mut().expect("just pushed");
        reader.fields(element, slot)
    }

    fn push_json<'de, A: SeqAccess<'de>>(
        seq: &mut A,
        items: &mut Vec<R>,
        _: &Name,
    ) -> Result<bool, A::Error> {
        // The slot is made before the array says whether an item follows,
        // and taken back at its end.
        items.push(R::default());
        let slot = items.last_mut().expect("just pushed");
        if seq.next_element_seed(RecordInPlace::new(slot))?.is_some() {
            return Ok(true);
        }
        items.pop();
        Ok(false)
    }

    fn push_xml_unwrapped<'a>(
        reader: &mut XmlReader<'a>,
        wrapper: &Element<'a>,
        first: &Element<'a>,
        items: &mut Vec<R>,
    ) -> Result<bool, XmlError> {
        // Read in place, as `push_xml`: a record is not moved.
        items.push(R::default());
        let slot = items.last_mut().expect("just pushed");
        if !slot.read_xml_field(first, reader)? {
            reader.skip(first)?;
        }
        reader.fields(wrapper, slot)?;
        Ok(true)
    }

    fn from_wrapper_text(_: &str) -> Option<R> {
        None
    }

    fn serialize<S: Serializer>(value: &R, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_record(value, serializer)
    }

    fn write_xml(value: &R, writer: &mut XmlWriter, element: &str) {
        writer.open(element);
        value.write_xml_fields(writer);
        writer.close(element);
    }
}

/// An object the schema requires: as [`Nested`], but never absent.
pub struct NestedRequired<R>(PhantomData<R>);

impl<R: Record> Kind for NestedRequired<R> {
    type Value = R;

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D, _: &Name) -> Result<R, D::Error> {
        deserializer.deserialize_map(RecordVisitor(PhantomData))
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut R,
        _: &Name,
    ) -> Result<(), XmlError> {
        *value = reader.record(element)?;
        Ok(())
    }

    fn write_json<M: SerializeMap>(value: &R, map: &mut M, name: &Name) -> Result<(), M::Error> {
        map.serialize_entry(name.field, &RecordOut(value))
    }

    fn write_xml(value: &R, writer: &mut XmlWriter, name: &Name) {
        <Nested<R> as Item>::write_xml(value, writer, name.field);
    }
}

/// A list in the vendor's wrapper: JSON `{"Item": [...]}`, XML
/// `<List><Item>...</Item>...</List>`. Also read: one item without an array
/// around it (`{"Item": {...}}`), a bare array, `null`, `""` and an empty
/// wrapper for no items; in XML, a wrapper whose item element was dropped
/// (`<List><Field>...</Field></List>`, as the vendor's metadata demos write
/// a list of one: the wrapper is then that item), a wrapper holding a scalar
/// item's text, and the wrapper repeated (each adds its items).
pub struct Wrapped<I>(PhantomData<I>);

impl<I: Item> Kind for Wrapped<I> {
    type Value = Vec<I::Value>;

    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Vec<I::Value>, D::Error> {
        deserializer.deserialize_any(WrapperVisitor::<I> {
            name,
            item: PhantomData,
        })
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Vec<I::Value>,
        name: &Name,
    ) -> Result<(), XmlError> {
        read_wrapped(reader, element, &mut Items::<I>(value), name)
    }

    fn write_json<M: SerializeMap>(
        value: &Vec<I::Value>,
        map: &mut M,
        name: &Name,
    ) -> Result<(), M::Error> {
        map.serialize_entry(
            name.field,
            &WrapperOut::<I> {
                items: value,
                item: name.item,
            },
        )
    }

    fn write_xml(value: &Vec<I::Value>, writer: &mut XmlWriter, name: &Name) {
        writer.open(name.field);
        for item in value {
            I::write_xml(item, writer, name.item);
        }
        writer.close(name.field);
    }
}

/// The list a wrapped list's element adds to, as [`read_wrapped`] sees it.
trait ItemsOf<'a> {
    /// Reads an item element onto the end.
    fn push(
        &mut self,
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        name: &Name,
    ) -> Result<(), XmlError>;
    /// Reads the wrapper as one unwrapped item, from its first child on:
    /// `false` when the items are not records.
    fn push_unwrapped(
        &mut self,
        reader: &mut XmlReader<'a>,
        wrapper: &Element<'a>,
        first: &Element<'a>,
    ) -> Result<bool, XmlError>;
    /// Adds the item a wrapper's text gives: `false` when it gives none.
    fn push_text(&mut self, text: &str) -> bool;
}

struct Items<'v, I: Item>(&'v mut Vec<I::Value>);

impl<'a, I: Item> ItemsOf<'a> for Items<'_, I> {
    fn push(
        &mut self,
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        name: &Name,
    ) -> Result<(), XmlError> {
        I::push_xml(reader, element, self.0, name)
    }
    fn push_unwrapped(
        &mut self,
        reader: &mut XmlReader<'a>,
        wrapper: &Element<'a>,
        first: &Element<'a>,
    ) -> Result<bool, XmlError> {
        I::push_xml_unwrapped(reader, wrapper, first, self.0)
    }
    fn push_text(&mut self, text: &str) -> bool {
        match I::from_wrapper_text(text) {
            Some(item) => self.0.push(item),
            None => return false,
        }
        true
    }
}

/// A wrapped list's element: its item elements, or (the vendor's XML
/// demos drop the items' element) the wrapper as one record, or its text
/// as one item. Through `dyn`, so that it is built once, not once per item
/// type in every user's crate.
fn read_wrapped<'a>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    items: &mut dyn ItemsOf<'a>,
    name: &Name,
) -> Result<(), XmlError> {
    let mut text = Cow::Borrowed("");
    let mut any_child = false;
    while let Some(child) = reader.child_keeping_text(element, &mut text)? {
        any_child = true;
        if child.name() == name.item {
            items.push(reader, &child, name)?;
        } else if items.push_unwrapped(reader, element, &child)? {
            return Ok(());
        } else {
            reader.skip(&child)?;
        }
    }
    if !any_child && !text.trim().is_empty() && !items.push_text(&text) {
        return Err(reader.shape_error(
            element,
            format!("`{name}`: expected <{}> items, found {text:?}", name.item),
        ));
    }
    Ok(())
}

/// A list without a wrapper: JSON `[...]`, XML the element repeated. Also
/// read: one item without an array around it, `null` and `""` for none.
pub struct Bare<I>(PhantomData<I>);

impl<I: Item> Kind for Bare<I> {
    type Value = Vec<I::Value>;

    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Vec<I::Value>, D::Error> {
        deserializer.deserialize_any(ItemsVisitor::<I> {
            name,
            item: PhantomData,
        })
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Vec<I::Value>,
        name: &Name,
    ) -> Result<(), XmlError> {
        I::push_xml(reader, element, value, name)
    }

    fn write_json<M: SerializeMap>(
        value: &Vec<I::Value>,
        map: &mut M,
        name: &Name,
    ) -> Result<(), M::Error> {
        map.serialize_entry(name.field, &ItemsOut::<I>(value))
    }

    fn write_xml(value: &Vec<I::Value>, writer: &mut XmlWriter, name: &Name) {
        for item in value {
            I::write_xml(item, writer, name.field);
        }
    }
}

// The helpers a generated record calls, one a field: each returns what
// the record's method returns, so that a field costs the user's build one
// call, not a call and a `?`.

/// Reads field `name` of a record from its JSON member: `Ok(true)`, the
/// member was the field's.
#[inline]
pub fn read_json<'de, K: Kind, A: MapAccess<'de>>(
    map: &mut A,
    value: &mut K::Value,
    name: &Name,
) -> Result<bool, A::Error> {
    *value = map.next_value_seed(FieldSeed::<K> {
        name,
        kind: PhantomData,
    })?;
    Ok(true)
}

/// Reads field `name` of a record from its element: `Ok(true)`, the
/// element was the field's.
#[inline]
pub fn read_xml<'a, K: Kind>(
    reader: &mut XmlReader<'a>,
    element: &Element<'a>,
    value: &mut K::Value,
    name: &Name,
) -> Result<bool, XmlError> {
    K::read_xml(reader, element, value, name)?;
    Ok(true)
}

/// The JSON members of a record being written: each field is written
/// while no error has been met, and [`JsonFields::end`] gives the first.
pub struct JsonFields<'m, M: SerializeMap> {
    map: &'m mut M,
    result: Result<(), M::Error>,
}

impl<'m, M: SerializeMap> JsonFields<'m, M> {
    /// The members to come, into `map`.
    #[inline]
    pub fn new(map: &'m mut M) -> Self {
        JsonFields {
            map,
            result: Ok(()),
        }
    }

    /// Writes field `name`, if its value is present.
    #[inline]
    pub fn field<K: Kind>(&mut self, value: &K::Value, name: &Name) {
        if self.result.is_ok() {
            self.result = K::write_json(value, self.map, name);
        }
    }

    /// The first error met.
    #[inline]
    pub fn end(self) -> Result<(), M::Error> {
        self.result
    }
}

struct FieldSeed<'n, K> {
    name: &'n Name,
    kind: PhantomData<K>,
}

impl<'de, K: Kind> DeserializeSeed<'de> for FieldSeed<'_, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        K::read_json(deserializer, self.name)
    }
}

/// Reads a generated record from JSON: the `Deserialize` of every
/// generated type.
pub fn deserialize_record<'de, R: Record, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<R, D::Error> {
    deserializer.deserialize_map(RecordVisitor(PhantomData))
}

/// Writes a generated record as JSON: the `Serialize` of every generated
/// type.
pub fn serialize_record<R: Record, S: Serializer>(
    record: &R,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    record.write_json_fields(&mut map)?;
    map.end()
}

/// A JSON key, borrowed from the body unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads an object into `R`.
pub struct RecordVisitor<R>(PhantomData<R>);

impl<'de, R: Record> Visitor<'de> for RecordVisitor<R> {
    type Value = R;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting_object(f, R::PATH)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<R, A::Error> {
        let mut record = R::default();
        RecordInPlace::new(&mut record).visit_map(map)?;
        Ok(record)
    }
}

/// Reads a whole body's record, noting in `request_id` a `RequestId` (in
/// any of the vendor's spellings) that is text among the members the
/// record has no field for.
pub(crate) fn read_record_noting_id<'de, R: Record, D: Deserializer<'de>>(
    deserializer: D,
    request_id: &mut Option<String>,
) -> Result<R, D::Error> {
    let mut record = R::default();
    deserializer.deserialize_map(RecordInPlace {
        record: &mut record,
        request_id: Some(request_id),
    })?;
    Ok(record)
}

/// Reads an object into a record that is already where it belongs; a
/// body's record notes the `RequestId` it has no field for.
struct RecordInPlace<'r, R> {
    record: &'r mut R,
    request_id: Option<&'r mut Option<String>>,
}

impl<'r, R> RecordInPlace<'r, R> {
    fn new(record: &'r mut R) -> Self {
        RecordInPlace {
            record,
            request_id: None,
        }
    }
}

/// The value of a member whose key spells `RequestId`, kept if it is text.
fn note_request_id<'de, A: MapAccess<'de>>(
    map: &mut A,
    request_id: &mut Option<String>,
) -> Result<(), A::Error> {
    if let serde_json::Value::String(id) = map.next_value()? {
        *request_id = Some(id);
    }
    Ok(())
}

impl<'de, R: Record> DeserializeSeed<'de> for RecordInPlace<'_, R> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, R: Record> Visitor<'de> for RecordInPlace<'_, R> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting_object(f, R::PATH)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Seen::of::<R>();
        let mut request_id = self.request_id;
        while let Some(Key(key)) = map.next_key()? {
            if self.record.read_json_field(&key, &mut map)? {
                seen.note(&key);
            } else if let Some(id) = request_id.as_mut().filter(|_| is_request_id(&key)) {
                note_request_id(&mut map, id)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        seen.check().map_err(de::Error::custom)
    }
}

/// What a record's visitors expect: not generic, so that it is built once.
fn expecting_object(f: &mut fmt::Formatter<'_>, path: &str) -> fmt::Result {
    write!(f, "`{path}`: an object")
}

/// Reads an object into `Some(R)`; `null` and `""` into `None`.
struct OptionalRecordVisitor<R>(PhantomData<R>);

impl<'de, R: Record> Visitor<'de> for OptionalRecordVisitor<R> {
    type Value = Option<R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting_object(f, R::PATH)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<R>, A::Error> {
        RecordVisitor(PhantomData).visit_map(map).map(Some)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<R>, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<R>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Option<R>, E> {
        if text.is_empty() {
            Ok(None)
        } else {
            Err(E::invalid_type(de::Unexpected::Str(text), &self))
        }
    }
}

/// Reads a wrapper object into its items.
struct WrapperVisitor<'n, I> {
    name: &'n Name,
    item: PhantomData<I>,
}

impl<'de, I: Item> Visitor<'de> for WrapperVisitor<'_, I> {
    type Value = Vec<I::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}`: a list wrapper such as {{\"{}\": [...]}}",
            self.name, self.name.item
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<I::Value>, A::Error> {
        let mut items = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            if key == self.name.item {
                items = map.next_value_seed(ItemsSeed::<I> {
                    name: self.name,
                    item: PhantomData,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(items)
    }

    /// A bare array where the schema has a wrapper: its items.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<I::Value>, A::Error> {
        ItemsVisitor::<I> {
            name: self.name,
            item: PhantomData,
        }
        .visit_seq(seq)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<I::Value>, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<I::Value>, E> {
        Ok(Vec::new())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<I::Value>, E> {
        if text.is_empty() {
            Ok(Vec::new())
        } else {
            Err(E::invalid_type(de::Unexpected::Str(text), &self))
        }
    }
}

struct ItemsSeed<'n, I> {
    name: &'n Name,
    item: PhantomData<I>,
}

impl<'de, I: Item> DeserializeSeed<'de> for ItemsSeed<'_, I> {
    type Value = Vec<I::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<I::Value>, D::Error> {
        deserializer.deserialize_any(ItemsVisitor::<I> {
            name: self.name,
            item: PhantomData,
        })
    }
}

/// Reads an array of items; anything else is one item (`null` and `""`
/// none).
pub struct ItemsVisitor<'n, I> {
    name: &'n Name,
    item: PhantomData<I>,
}

macro_rules! one_item {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<Vec<I::Value>, E> {
                I::visitor(self.name).$method(value).map(|item| vec![item])
            }
        )*
    };
}

impl<'de, I: Item> Visitor<'de> for ItemsVisitor<'_, I> {
    type Value = Vec<I::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: a list, or one item", self.name)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<I::Value>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while I::push_json(&mut seq, &mut items, self.name)? {}
        Ok(items)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<I::Value>, A::Error> {
        I::visitor(self.name).visit_map(map).map(|item| vec![item])
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<I::Value>, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<I::Value>, E> {
        Ok(Vec::new())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<I::Value>, E> {
        if text.is_empty() {
            return Ok(Vec::new());
        }
        I::visitor(self.name).visit_str(text).map(|item| vec![item])
    }

    one_item! {
        visit_bool: bool,
        visit_i64: i64,
        visit_u64: u64,
        visit_f64: f64,
    }
}

struct ItemSeed<'n, I> {
    name: &'n Name,
    item: PhantomData<I>,
}

impl<'de, I: Item> DeserializeSeed<'de> for ItemSeed<'_, I> {
    type Value = I::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<I::Value, D::Error> {
        deserializer.deserialize_any(I::visitor(self.name))
    }
}

struct RecordOut<'r, R>(&'r R);

impl<R: Record> Serialize for RecordOut<'_, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_record(self.0, serializer)
    }
}

struct ItemsOut<'v, I: Item>(&'v [I::Value]);

impl<I: Item> Serialize for ItemsOut<'_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&ItemOut::<I>(item))?;
        }
        seq.end()
    }
}

struct ItemOut<'v, I: Item>(&'v I::Value);

impl<I: Item> Serialize for ItemOut<'_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        I::serialize(self.0, serializer)
    }
}

struct WrapperOut<'v, I: Item> {
    items: &'v [I::Value],
    item: &'static str,
}

impl<I: Item> Serialize for WrapperOut<'_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.item, &ItemsOut::<I>(self.items))?;
        map.end()
    }
}

/// A map whose keys are data (`additionalProperties`): JSON an object,
/// XML an element whose children are named by the keys. Kept in the order
/// of the keys; `null`, `""` and an empty element are no entries.
pub struct Map<I>(PhantomData<I>);

/// The entries of a [`Map`].
pub type Entries<V> = std::collections::BTreeMap<String, V>;

impl<I: Item> Kind for Map<I> {
    type Value = Entries<I::Value>;

    fn read_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        name: &Name,
    ) -> Result<Entries<I::Value>, D::Error> {
        deserializer.deserialize_any(MapVisitor::<I> {
            name,
            item: PhantomData,
        })
    }

    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Entries<I::Value>,
        name: &Name,
    ) -> Result<(), XmlError> {
        let mut one = Vec::with_capacity(1);
        while let Some(child) = reader.child(element)? {
            if let Some(entry) = value.get_mut(child.name()) {
                I::merge_xml(reader, &child, entry, name)?;
                continue;
            }
            I::push_xml(reader, &child, &mut one, name)?;
            if let Some(item) = one.pop() {
                value.insert(child.name().to_owned(), item);
            }
        }
        Ok(())
    }

    fn write_json<M: SerializeMap>(
        value: &Entries<I::Value>,
        map: &mut M,
        name: &Name,
    ) -> Result<(), M::Error> {
        map.serialize_entry(name.field, &EntriesOut::<I>(value))
    }

    fn write_xml(value: &Entries<I::Value>, writer: &mut XmlWriter, name: &Name) {
        <Self as Item>::write_xml(value, writer, name.field);
    }
}

impl<I: Item> Item for Map<I> {
    type Value = Entries<I::Value>;
    type Visitor<'n> = MapVisitor<'n, I>;

    fn visitor(name: &Name) -> MapVisitor<'_, I> {
        MapVisitor {
            name,
            item: PhantomData,
        }
    }

    fn push_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        items: &mut Vec<Entries<I::Value>>,
        name: &Name,
    ) -> Result<(), XmlError> {
        let mut entries = Entries::new();
        <Self as Kind>::read_xml(reader, element, &mut entries, name)?;
        items.push(entries);
        Ok(())
    }

    fn push_xml_unwrapped<'a>(
        _: &mut XmlReader<'a>,
        _: &Element<'a>,
        _: &Element<'a>,
        _: &mut Vec<Self::Value>,
    ) -> Result<bool, XmlError> {
        Ok(false)
    }

    fn from_wrapper_text(_: &str) -> Option<Entries<I::Value>> {
        None
    }

    fn serialize<S: Serializer>(
        value: &Entries<I::Value>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        EntriesOut::<I>(value).serialize(serializer)
    }

    /// A key that cannot be an element's name (`"a b"`, `"1"`) is left
    /// out: XML cannot hold it.
    fn write_xml(value: &Entries<I::Value>, writer: &mut XmlWriter, element: &str) {
        writer.open(element);
        for (key, item) in value.iter().filter(|(key, _)| reads_as_name(key)) {
            I::write_xml(item, writer, key);
        }
        writer.close(element);
    }
}

/// Reads an object into map entries.
pub struct MapVisitor<'n, I> {
    name: &'n Name,
    item: PhantomData<I>,
}

impl<'de, I: Item> Visitor<'de> for MapVisitor<'_, I> {
    type Value = Entries<I::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: an object of entries", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Entries::new();
        while let Some(Key(key)) = map.next_key()? {
            let item = map.next_value_seed(ItemSeed::<I> {
                name: self.name,
                item: PhantomData,
            })?;
            entries.insert(key.into_owned(), item);
        }
        Ok(entries)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Entries::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Entries::new())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            Ok(Entries::new())
        } else {
            Err(E::invalid_type(de::Unexpected::Str(text), &self))
        }
    }
}

struct EntriesOut<'v, I: Item>(&'v Entries<I::Value>);

impl<I: Item> Serialize for EntriesOut<'_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, item) in self.0 {
            map.serialize_entry(key, &ItemOut::<I>(item))?;
        }
        map.end()
    }
}

/// A list as the item of a list (an array of arrays) or the value of a
/// map: JSON an array; XML an element holding one child per item, whatever
/// the children's names (written as the element's own name repeated inside
/// it), or an element of text for one item; in a map, the key's element
/// repeated adds its items.
pub struct List<I>(PhantomData<I>);

impl<I: Item> Item for List<I> {
    type Value = Vec<I::Value>;
    type Visitor<'n> = ItemsVisitor<'n, I>;

    fn visitor(name: &Name) -> ItemsVisitor<'_, I> {
        ItemsVisitor {
            name,
            item: PhantomData,
        }
    }

    fn push_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        items: &mut Vec<Vec<I::Value>>,
        name: &Name,
    ) -> Result<(), XmlError> {
        let mut inner = Vec::new();
        Self::merge_xml(reader, element, &mut inner, name)?;
        items.push(inner);
        Ok(())
    }

    /// Each child is an item, whatever its name; an element of text
    /// instead of children is one item.
    fn merge_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        value: &mut Vec<I::Value>,
        name: &Name,
    ) -> Result<(), XmlError> {
        let mut text = Cow::Borrowed("");
        let mut any_child = false;
        while let Some(child) = reader.child_keeping_text(element, &mut text)? {
            any_child = true;
            I::push_xml(reader, &child, value, name)?;
        }
        if !any_child && !text.trim().is_empty() {
            let item = I::from_wrapper_text(&text).ok_or_else(|| {
                reader.shape_error(
                    element,
                    format!("`{name}`: expected a list, found {text:?}"),
                )
            })?;
            value.push(item);
        }
        Ok(())
    }

    fn push_xml_unwrapped<'a>(
        _: &mut XmlReader<'a>,
        _: &Element<'a>,
        _: &Element<'a>,
        _: &mut Vec<Self::Value>,
    ) -> Result<bool, XmlError> {
        Ok(false)
    }

    fn from_wrapper_text(_: &str) -> Option<Vec<I::Value>> {
        None
    }

    fn serialize<S: Serializer>(value: &Vec<I::Value>, serializer: S) -> Result<S::Ok, S::Error> {
        ItemsOut::<I>(value).serialize(serializer)
    }

    fn write_xml(value: &Vec<I::Value>, writer: &mut XmlWriter, element: &str) {
        writer.open(element);
        for item in value {
            I::write_xml(item, writer, element);
        }
        writer.close(element);
    }
}

/// A record in a box: a component that holds itself, through its fields.
impl<R: Record> Record for Box<R> {
    const PATH: &'static str = R::PATH;
    const REQUIRED: &'static [&'static str] = R::REQUIRED;

    fn read_json_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        (**self).read_json_field(key, map)
    }

    fn read_xml_field<'a>(
        &mut self,
        child: &Element<'a>,
        reader: &mut XmlReader<'a>,
    ) -> Result<bool, XmlError> {
        (**self).read_xml_field(child, reader)
    }

    fn write_json_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        (**self).write_json_fields(map)
    }

    fn write_xml_fields(&self, writer: &mut XmlWriter) {
        (**self).write_xml_fields(writer);
    }

    fn request_id(&self) -> Option<&str> {
        (**self).request_id()
    }

    fn failure(&self) -> Option<Failure<'_>> {
        (**self).failure()
    }

    fn paging(&self) -> crate::request::Paging<'_> {
        (**self).paging()
    }
}
