//! The tables that describe a generated record: its fields' vendor names,
//! where each field is in the struct, and its shape. Generated code emits
//! them as constants; [`super::json`] and [`super::xml`] interpret them.

use std::fmt;

use ess_phf::Table;

/// A generated struct, described: what the interpreter needs to read and
/// write it in both formats.
#[derive(Debug)]
pub struct RecordDesc {
    /// Where the record is: `DescribeScalingGroups.ScalingGroups.ScalingGroup`.
    pub path: &'static str,
    /// The fields, in schema order (the order they are written in).
    pub fields: &'static [FieldDesc],
    /// The perfect hash of the fields' names, to look one up.
    pub lookup: Table<'static>,
    /// The indices of the fields the schema requires (at most 64).
    pub required: &'static [u16],
    /// The fields that say something of a whole body.
    pub envelope: EnvelopeFields,
}

/// The fields of a body's record that say something of the body itself,
/// by index ([`EnvelopeFields::ABSENT`] for none): its `RequestId`; a
/// success flag, a code and a message (a failure reported with a success
/// status); its page (`TotalCount`, `PageNumber`, `PageSize`, or
/// `NextToken`).
#[derive(Debug, Clone, Copy)]
pub struct EnvelopeFields {
    /// A string.
    pub request_id: u16,
    /// A boolean; a failure is read only beside a code.
    pub success: u16,
    /// A string.
    pub code: u16,
    /// A string.
    pub message: u16,
    /// An integer; the three numbers are given together or not at all.
    pub total_count: u16,
    /// An integer.
    pub page_number: u16,
    /// An integer.
    pub page_size: u16,
    /// A string.
    pub next_token: u16,
}

impl EnvelopeFields {
    /// The index of no field.
    pub const ABSENT: u16 = u16::MAX;

    /// A record with none of these fields.
    pub const NONE: EnvelopeFields = EnvelopeFields {
        request_id: Self::ABSENT,
        success: Self::ABSENT,
        code: Self::ABSENT,
        message: Self::ABSENT,
        total_count: Self::ABSENT,
        page_number: Self::ABSENT,
        page_size: Self::ABSENT,
        next_token: Self::ABSENT,
    };
}

impl RecordDesc {
    /// The index of the field named `name`, if the record has one.
    #[inline]
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let index = self.lookup.candidate(name)?;
        (self.fields.get(index)?.name == name).then_some(index)
    }
}

/// One field of a [`RecordDesc`].
#[derive(Debug)]
pub struct FieldDesc {
    /// The vendor's name, in both formats.
    pub name: &'static str,
    /// For a wrapped list, the vendor's name of its items; else empty.
    pub item: &'static str,
    /// Where the field is in its struct (`core::mem::offset_of!`).
    pub offset: usize,
    /// What the field holds; its Rust type is the shape's.
    pub shape: &'static Shape,
}

impl FieldDesc {
    /// A field named `name` at `offset`, holding `shape`.
    pub const fn new(name: &'static str, offset: usize, shape: &'static Shape) -> FieldDesc {
        FieldDesc {
            name,
            item: "",
            offset,
            shape,
        }
    }

    /// A wrapped list's field, whose items are named `item`.
    pub const fn wrapped(
        name: &'static str,
        item: &'static str,
        offset: usize,
        shape: &'static Shape,
    ) -> FieldDesc {
        FieldDesc {
            name,
            item,
            offset,
            shape,
        }
    }
}

/// What a field holds, and so its Rust type.
pub enum Shape {
    /// A string, number or boolean, or an `Option` of one.
    Scalar(ScalarType),
    /// A record the schema requires: `R` (or `Box<R>`).
    Record(&'static RecordType),
    /// A record that may be absent: `Option<R>` (or `Option<Box<R>>`).
    Optional(&'static RecordType),
    /// A list in the vendor's wrapper: `Vec<T>`, `T` the item's type.
    Wrapped(&'static ItemShape),
    /// A list without a wrapper: `Vec<T>`.
    Bare(&'static ItemShape),
    /// A map whose keys are data: `BTreeMap<String, T>`.
    Map(&'static MapShape),
    /// Any value: [`crate::dynamic::Value`].
    Value,
}

impl fmt::Debug for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shape::Scalar(_) => "Scalar",
            Shape::Record(_) => "Record",
            Shape::Optional(_) => "Optional",
            Shape::Wrapped(_) => "Wrapped",
            Shape::Bare(_) => "Bare",
            Shape::Map(_) => "Map",
            Shape::Value => "Value",
        })
    }
}

/// The scalar types a generated field can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarType {
    /// `String`
    String,
    /// `Option<String>`
    OptString,
    /// `i32`
    I32,
    /// `Option<i32>`
    OptI32,
    /// `i64`
    I64,
    /// `Option<i64>`
    OptI64,
    /// `f64`
    F64,
    /// `Option<f64>`
    OptF64,
    /// `bool`
    Bool,
    /// `Option<bool>`
    OptBool,
}

/// A record type as a field or an item holds it, `R` or `Box<R>` (the
/// holder, `H`): its table, and what the interpreter cannot do by the
/// table alone. Made by [`super::Record::TYPE`].
pub struct RecordType {
    /// The record's table (a function, so that a record may hold itself).
    pub(crate) desc: fn() -> &'static RecordDesc,
    /// `*H = H::default()`.
    pub(crate) reset: unsafe fn(*mut u8),
    /// `&mut H` to the record's own fields (through the box).
    pub(crate) fields_mut: unsafe fn(*mut u8) -> *mut u8,
    /// `&H` to the record's own fields.
    pub(crate) fields_ref: unsafe fn(*const u8) -> *const u8,
    /// `*Option<H> = Some(H::default())`, and the `H` in it.
    pub(crate) insert: unsafe fn(*mut u8) -> *mut u8,
    /// The `H` in an `Option<H>`, or null.
    pub(crate) get: unsafe fn(*const u8) -> *const u8,
    /// `*Option<H> = None`.
    pub(crate) clear: unsafe fn(*mut u8),
}

/// An item of a list (or the value of a map), and the list of them:
/// `Vec<T>` for the item's type `T`.
pub struct ItemShape {
    /// What the item holds.
    pub(crate) kind: ItemKind,
    /// `size_of::<T>()`: the distance between two items.
    pub(crate) size: usize,
    /// Pushes `T::default()` onto a `Vec<T>`, and gives it.
    pub(crate) push: unsafe fn(*mut u8) -> *mut u8,
    /// Pops the last item of a `Vec<T>`.
    pub(crate) pop: unsafe fn(*mut u8),
    /// Empties a `Vec<T>`.
    pub(crate) clear: unsafe fn(*mut u8),
    /// A `Vec<T>`'s items and their number.
    pub(crate) items: unsafe fn(*const u8) -> (*const u8, usize),
}

/// What an item holds.
pub enum ItemKind {
    /// A string, number or boolean.
    Scalar(ScalarType),
    /// A record.
    Record(&'static RecordType),
    /// A list: an array of arrays.
    List(&'static ItemShape),
    /// A map.
    Map(&'static MapShape),
    /// Any value.
    Value,
}

/// What takes a map's entries one by one (the key, and a pointer to the
/// value): `false` to stop.
pub(crate) type EachEntry<'f> = dyn FnMut(&str, *const u8) -> bool + 'f;

/// A map whose keys are data: `BTreeMap<String, T>` of its values' type.
pub struct MapShape {
    /// The values.
    pub(crate) item: &'static ItemShape,
    /// The value of `key`, inserted as `T::default()` if absent; `true`
    /// when it was there.
    pub(crate) entry: unsafe fn(*mut u8, &str) -> (*mut u8, bool),
    /// Empties the map.
    pub(crate) clear: unsafe fn(*mut u8),
    /// Calls the function with each entry, in order of the keys, while it
    /// returns `true`.
    pub(crate) for_each: unsafe fn(*const u8, &mut EachEntry<'_>),
    /// The number of entries.
    pub(crate) len: unsafe fn(*const u8) -> usize,
}
