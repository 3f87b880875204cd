//! Records in JSON, by their tables: one reader and one writer for every
//! generated type, driven through serde. They are generic over the
//! deserializer and the serializer only, not over the record, so each is
//! built once for `serde_json` in this crate (the decoder's path), and
//! once per other format a program uses, whatever the number of types.
//!
//! What is accepted beyond each shape:
//! - a scalar, by the [`Lenient`] rules; a string field that gets a list
//!   or an object keeps its JSON text (nothing is lost, and the decode
//!   goes on);
//! - an optional record: `null` and `""` are none;
//! - a wrapped list: one item without an array around it
//!   (`{"Item": {...}}`), a bare array, `null`, `""` and an empty wrapper
//!   for no items;
//! - a bare list: one item without an array around it, `null` and `""`
//!   for none;
//! - a map: `null` and `""` for no entries.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{
    BoolDeserializer, F64Deserializer, I64Deserializer, MapAccessDeserializer, StrDeserializer,
    U64Deserializer,
};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde::Deserialize;

use super::place::{
    FieldMut, FieldRef, HolderMut, ItemMut, ItemRef, ListMut, ListRef, MapMut, MapRef, OptionalMut,
    RecordMut, RecordRef, ScalarMut, ScalarRef,
};
use super::{Name, Record, RecordDesc, Seen};
use crate::dynamic::{Value, ValueVisitor};
use crate::envelope::is_request_id;
use crate::lenient::{Lenient, LenientVisitor};

/// Reads a record from JSON: the `Deserialize` of every generated type.
pub fn deserialize_record<'de, R: Record, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<R, D::Error> {
    let mut record = R::default();
    read_record(deserializer, RecordMut::new(&mut record), None)?;
    Ok(record)
}

/// Writes a record as JSON: the `Serialize` of every generated type.
pub fn serialize_record<R: Record, S: Serializer>(
    record: &R,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    RecordOut(RecordRef::new(record)).serialize(serializer)
}

/// Reads an object into `record`, noting in `request_id` (when given) a
/// `RequestId`, in any of the vendor's spellings, that is text among the
/// members the record has no field for.
pub(crate) fn read_record<'de, D: Deserializer<'de>>(
    deserializer: D,
    record: RecordMut<'_>,
    request_id: Option<&mut Option<String>>,
) -> Result<(), D::Error> {
    deserializer.deserialize_map(RecordVisitor {
        record,
        request_id,
        order: None,
    })
}

/// Reads a whole body of the field kind that `place` shows (a string
/// body is not a field: a list or an object there is an error).
pub(crate) fn read_body<'de, D: Deserializer<'de>>(
    deserializer: D,
    place: FieldMut<'_>,
    name: &Name,
) -> Result<(), D::Error> {
    FieldSeed {
        place,
        name,
        field: false,
    }
    .deserialize(deserializer)
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

/// Reads an object into a record that is already where it belongs.
struct RecordVisitor<'r, 'i> {
    record: RecordMut<'r>,
    request_id: Option<&'i mut Option<String>>,
    /// For an item of a list: the fields the list's items before it had,
    /// key by key. The vendor writes every item's keys in one order, so
    /// each key is most often the one seen at its place before, which a
    /// comparison confirms without hashing it.
    order: Option<&'i mut KeyOrder>,
}

/// The field index of each key of an object, by the key's place in it.
type KeyOrder = Vec<u16>;

impl<'de> DeserializeSeed<'de> for RecordVisitor<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting_object(f, self.record.desc().path)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let desc = self.record.desc();
        let mut seen = Seen::of(desc);
        let mut place = 0;
        while let Some(Key(key)) = map.next_key()? {
            let found = match self.order.as_deref_mut() {
                Some(order) => find_in_order(desc, order, place, &key),
                None => desc.find(&key),
            };
            place += 1;
            if let Some(index) = found {
                let (field, place) = self.record.field(index);
                let name = Name::of(desc, field);
                map.next_value_seed(FieldSeed {
                    place,
                    name: &name,
                    field: true,
                })?;
                seen.note(index);
            } else if let Some(id) = self.request_id.as_mut().filter(|_| is_request_id(&key)) {
                if let Value::String(text) = map.next_value()? {
                    **id = Some(text);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        seen.check().map_err(de::Error::custom)
    }
}

/// The field `key` names, at the `place`-th key of an object: the field
/// the items before had there if it is that one, else looked up (and
/// noted for the items after).
#[inline]
fn find_in_order(
    desc: &RecordDesc,
    order: &mut KeyOrder,
    place: usize,
    key: &str,
) -> Option<usize> {
    if let Some(&index) = order.get(place) {
        let index = usize::from(index);
        if desc
            .fields
            .get(index)
            .is_some_and(|field| field.name == key)
        {
            return Some(index);
        }
    }
    let found = desc.find(key);
    // A key of no field is noted too (as no index), so the places after it
    // stay in step.
    let noted = found
        .and_then(|i| u16::try_from(i).ok())
        .unwrap_or(u16::MAX);
    if place < order.len() {
        order[place] = noted;
    } else if place == order.len() {
        order.push(noted);
    }
    found
}

/// `""`, which stands for nothing where a list, a map or a record belongs;
/// any other text is an error.
fn nothing<E: de::Error>(text: &str, expected: &dyn de::Expected) -> Result<(), E> {
    if text.is_empty() {
        Ok(())
    } else {
        Err(E::invalid_type(de::Unexpected::Str(text), expected))
    }
}

/// What a record's visitors expect.
fn expecting_object(f: &mut fmt::Formatter<'_>, path: &str) -> fmt::Result {
    write!(f, "`{path}`: an object")
}

/// A field's value (or a whole body's, `field` false).
struct FieldSeed<'r, 'n> {
    place: FieldMut<'r>,
    name: &'n Name,
    field: bool,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let name = self.name;
        match self.place {
            FieldMut::Scalar(scalar) => read_scalar(deserializer, scalar, name, self.field),
            FieldMut::Record(mut holder) => deserializer.deserialize_map(RecordVisitor {
                record: holder.reset(),
                request_id: None,
                order: None,
            }),
            FieldMut::Optional(optional) => deserializer.deserialize_any(OptionalVisitor(optional)),
            FieldMut::Wrapped(mut list) => {
                list.clear();
                deserializer.deserialize_any(WrapperVisitor { list, name })
            }
            FieldMut::Bare(list) => read_items(deserializer, list, name),
            FieldMut::Map(map) => read_entries(deserializer, map, name),
            FieldMut::Value(value) => read_value(deserializer, value),
        }
    }
}

/// Reads a list (bare, or as an item), replacing its items.
fn read_items<'de, D: Deserializer<'de>>(
    deserializer: D,
    mut list: ListMut<'_>,
    name: &Name,
) -> Result<(), D::Error> {
    list.clear();
    deserializer.deserialize_any(ItemsVisitor { list, name })
}

/// Reads a map, replacing its entries.
fn read_entries<'de, D: Deserializer<'de>>(
    deserializer: D,
    mut map: MapMut<'_>,
    name: &Name,
) -> Result<(), D::Error> {
    map.clear();
    deserializer.deserialize_any(MapVisitor { map, name })
}

/// Reads any value.
fn read_value<'de, D: Deserializer<'de>>(
    deserializer: D,
    value: &mut Value,
) -> Result<(), D::Error> {
    *value = Value::deserialize(deserializer)?;
    Ok(())
}

/// Reads a scalar by the [`Lenient`] rules; a string field (`field`, not
/// an item) keeps a list or an object as its JSON text.
fn read_scalar<'de, D: Deserializer<'de>>(
    deserializer: D,
    scalar: ScalarMut<'_>,
    name: &Name,
    field: bool,
) -> Result<(), D::Error> {
    fn lenient<'de, T: Lenient, D: Deserializer<'de>>(
        deserializer: D,
        value: &mut T,
        name: &Name,
    ) -> Result<(), D::Error> {
        *value = deserializer.deserialize_any(LenientVisitor::<T>::new(name))?;
        Ok(())
    }
    match scalar {
        ScalarMut::String(value) if field => {
            *value = deserializer.deserialize_any(TextVisitor::<String>::new(name))?;
            Ok(())
        }
        ScalarMut::OptString(value) if field => {
            *value = deserializer.deserialize_any(TextVisitor::<Option<String>>::new(name))?;
            Ok(())
        }
        ScalarMut::String(value) => lenient(deserializer, value, name),
        ScalarMut::OptString(value) => lenient(deserializer, value, name),
        ScalarMut::I32(value) => lenient(deserializer, value, name),
        ScalarMut::OptI32(value) => lenient(deserializer, value, name),
        ScalarMut::I64(value) => lenient(deserializer, value, name),
        ScalarMut::OptI64(value) => lenient(deserializer, value, name),
        ScalarMut::F64(value) => lenient(deserializer, value, name),
        ScalarMut::OptF64(value) => lenient(deserializer, value, name),
        ScalarMut::Bool(value) => lenient(deserializer, value, name),
        ScalarMut::OptBool(value) => lenient(deserializer, value, name),
    }
}

/// A string by the [`Lenient`] rules, and a list or an object as its
/// JSON text.
struct TextVisitor<'n, T> {
    text: LenientVisitor<'n, T>,
}

impl<'n, T> TextVisitor<'n, T> {
    fn new(name: &'n Name) -> Self {
        TextVisitor {
            text: LenientVisitor::new(name),
        }
    }
}

macro_rules! forward_to_lenient {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<T, E> {
                self.text.$method(value)
            }
        )*
    };
}

impl<'de, T: Lenient + From<String>> Visitor<'de> for TextVisitor<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text.expecting(f)
    }

    forward_to_lenient! {
        visit_str: &str,
        visit_i64: i64,
        visit_u64: u64,
        visit_f64: f64,
        visit_bool: bool,
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        self.text.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.text.visit_none()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        ValueVisitor
            .visit_seq(seq)
            .map(|value| value.to_string().into())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        ValueVisitor
            .visit_map(map)
            .map(|value| value.to_string().into())
    }
}

/// Reads an object into `Some(record)`; `null` and `""` into `None`.
struct OptionalVisitor<'r>(OptionalMut<'r>);

impl<'de> Visitor<'de> for OptionalVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting_object(f, self.0.path())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<(), A::Error> {
        RecordVisitor {
            record: self.0.insert(),
            request_id: None,
            order: None,
        }
        .visit_map(map)
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_str<E: de::Error>(mut self, text: &str) -> Result<(), E> {
        nothing(text, &self)?;
        self.0.clear();
        Ok(())
    }
}

/// Reads a wrapper object into its items.
struct WrapperVisitor<'r, 'n> {
    list: ListMut<'r>,
    name: &'n Name,
}

impl<'de> Visitor<'de> for WrapperVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}`: a list wrapper such as {{\"{}\": [...]}}",
            self.name, self.name.item
        )
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key()? {
            if key == self.name.item {
                let mut list = self.list.reborrow();
                list.clear();
                map.next_value_seed(ItemsSeed {
                    list,
                    name: self.name,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    /// A bare array where the schema has a wrapper: its items.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        ItemsVisitor {
            list: self.list,
            name: self.name,
        }
        .visit_seq(seq)
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        nothing(text, &self)
    }
}

struct ItemsSeed<'r, 'n> {
    list: ListMut<'r>,
    name: &'n Name,
}

impl<'de> DeserializeSeed<'de> for ItemsSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(ItemsVisitor {
            list: self.list,
            name: self.name,
        })
    }
}

/// Reads an array of items onto the end of a list; anything else is one
/// item (`null` and `""` none).
struct ItemsVisitor<'r, 'n> {
    list: ListMut<'r>,
    name: &'n Name,
}

impl ItemsVisitor<'_, '_> {
    /// One item without an array around it, read from `deserializer`.
    fn one<'de, D: Deserializer<'de>>(mut self, deserializer: D) -> Result<(), D::Error> {
        ItemSeed {
            item: self.list.push(),
            fresh: true,
            name: self.name,
            order: None,
        }
        .deserialize(deserializer)
    }
}

macro_rules! one_item {
    ($($method:ident: $ty:ty => $deserializer:ident),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<(), E> {
                self.one($deserializer::<E>::new(value))
            }
        )*
    };
}

impl<'de> Visitor<'de> for ItemsVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: a list, or one item", self.name)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut order = KeyOrder::new();
        loop {
            // The slot is made before the array says whether an item
            // follows, and taken back at its end: an item is read where it
            // stays, not moved there.
            let item = self.list.push();
            let seed = ItemSeed {
                item,
                fresh: true,
                name: self.name,
                order: Some(&mut order),
            };
            if seq.next_element_seed(seed)?.is_none() {
                self.list.pop();
                return Ok(());
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.one(MapAccessDeserializer::new(map))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        if text.is_empty() {
            return Ok(());
        }
        self.one(StrDeserializer::<E>::new(text))
    }

    one_item! {
        visit_bool: bool => BoolDeserializer,
        visit_i64: i64 => I64Deserializer,
        visit_u64: u64 => U64Deserializer,
        visit_f64: f64 => F64Deserializer,
    }
}

/// One item (or a map's value); `fresh` when it was just made, so that a
/// record need not be set to its default again.
struct ItemSeed<'r, 'n> {
    item: ItemMut<'r>,
    fresh: bool,
    name: &'n Name,
    /// The key order of the items before, for a record in a list.
    order: Option<&'n mut KeyOrder>,
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let name = self.name;
        match self.item {
            ItemMut::Scalar(scalar) => read_scalar(deserializer, scalar, name, false),
            ItemMut::Record(mut holder) => {
                let record = record_of(&mut holder, self.fresh);
                deserializer.deserialize_any(RecordVisitor {
                    record,
                    request_id: None,
                    order: self.order,
                })
            }
            ItemMut::List(list) => read_items(deserializer, list, name),
            ItemMut::Map(map) => read_entries(deserializer, map, name),
            ItemMut::Value(value) => read_value(deserializer, value),
        }
    }
}

/// The record a holder holds, set to its default unless it is `fresh`.
fn record_of<'h>(holder: &'h mut HolderMut<'_>, fresh: bool) -> RecordMut<'h> {
    if fresh {
        holder.record()
    } else {
        holder.reset()
    }
}

/// Reads an object into map entries.
struct MapVisitor<'r, 'n> {
    map: MapMut<'r>,
    name: &'n Name,
}

impl<'de> Visitor<'de> for MapVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: an object of entries", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key()? {
            let (item, existed) = self.map.entry(&key);
            map.next_value_seed(ItemSeed {
                item,
                fresh: !existed,
                name: self.name,
                order: None,
            })?;
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        nothing(text, &self)
    }
}

// Writing.

/// A record's present fields, as a JSON object in schema order.
pub(crate) struct RecordOut<'r>(pub(crate) RecordRef<'r>);

impl Serialize for RecordOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (field, place) in self.0.fields() {
            let name = field.name;
            match place {
                FieldRef::Scalar(scalar) if scalar_present(scalar) => {
                    map.serialize_entry(name, &ScalarOut(scalar))?
                }
                FieldRef::Scalar(_) | FieldRef::Optional(None) => {}
                FieldRef::Record(record) | FieldRef::Optional(Some(record)) => {
                    map.serialize_entry(name, &RecordOut(record))?
                }
                FieldRef::Wrapped(items) => map.serialize_entry(
                    name,
                    &WrapperOut {
                        items,
                        item: field.item,
                    },
                )?,
                FieldRef::Bare(items) => map.serialize_entry(name, &ItemsOut(items))?,
                FieldRef::Map(entries) => map.serialize_entry(name, &EntriesOut(entries))?,
                FieldRef::Value(value) if value.is_null() => {}
                FieldRef::Value(value) => map.serialize_entry(name, value)?,
            }
        }
        map.end()
    }
}

/// Whether a scalar is there to write (an `Option` may not be).
pub(crate) fn scalar_present(scalar: ScalarRef<'_>) -> bool {
    match scalar {
        ScalarRef::OptString(value) => value.is_some(),
        ScalarRef::OptI32(value) => value.is_some(),
        ScalarRef::OptI64(value) => value.is_some(),
        ScalarRef::OptF64(value) => value.is_some(),
        ScalarRef::OptBool(value) => value.is_some(),
        _ => true,
    }
}

struct ScalarOut<'r>(ScalarRef<'r>);

impl Serialize for ScalarOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            ScalarRef::String(value) => serializer.serialize_str(value),
            ScalarRef::OptString(value) => value.serialize(serializer),
            ScalarRef::I32(value) => serializer.serialize_i32(*value),
            ScalarRef::OptI32(value) => value.serialize(serializer),
            ScalarRef::I64(value) => serializer.serialize_i64(*value),
            ScalarRef::OptI64(value) => value.serialize(serializer),
            ScalarRef::F64(value) => serializer.serialize_f64(*value),
            ScalarRef::OptF64(value) => value.serialize(serializer),
            ScalarRef::Bool(value) => serializer.serialize_bool(*value),
            ScalarRef::OptBool(value) => value.serialize(serializer),
        }
    }
}

struct ItemsOut<'r>(ListRef<'r>);

impl Serialize for ItemsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0.iter() {
            seq.serialize_element(&ItemOut(item))?;
        }
        seq.end()
    }
}

struct ItemOut<'r>(ItemRef<'r>);

impl Serialize for ItemOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            ItemRef::Scalar(scalar) => ScalarOut(scalar).serialize(serializer),
            ItemRef::Record(record) => RecordOut(record).serialize(serializer),
            ItemRef::List(items) => ItemsOut(items).serialize(serializer),
            ItemRef::Map(entries) => EntriesOut(entries).serialize(serializer),
            ItemRef::Value(value) => value.serialize(serializer),
        }
    }
}

struct WrapperOut<'r> {
    items: ListRef<'r>,
    item: &'static str,
}

impl Serialize for WrapperOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.item, &ItemsOut(self.items))?;
        map.end()
    }
}

struct EntriesOut<'r>(MapRef<'r>);

impl Serialize for EntriesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        let mut result = Ok(());
        self.0.for_each(&mut |key, item| {
            result = map.serialize_entry(key, &ItemOut(item));
            result.is_ok()
        });
        result?;
        map.end()
    }
}
