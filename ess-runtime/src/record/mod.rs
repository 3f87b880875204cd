//! Records: the structs generated from a spec's response tree. Each is
//! described by a table ([`RecordDesc`]: its fields' vendor names, offsets
//! and shapes), and one interpreter reads and writes every record from
//! that table, in JSON ([`json`]) and XML ([`xml`]). Generated code emits
//! the struct and its table, no code per field, as prost's generated
//! messages lean on its `encoding` module.
//!
//! The shapes, each tied to its Rust type by a [`Kind`] (a field) or an
//! [`Item`] (a list's item or a map's value):
//!
//! - [`Scalar`]: a string, number or boolean, read by the
//!   [`Lenient`](crate::lenient::Lenient) rules from a JSON value or an
//!   XML element's text;
//! - [`Nested`] and [`NestedRequired`]: an object, another generated type;
//! - [`Wrapped`]: a list in the vendor's wrapper (`{"Item": [...]}`,
//!   `<List><Item>...</Item></List>`);
//! - [`Bare`]: a list without one (`[...]`, the element repeated);
//! - [`Map`]: an object whose keys are data; [`List`]: a list as an item;
//! - [`Dynamic`]: any value.
//!
//! What each accepts beyond its shape is written in [`json`] and [`xml`].
//! A value that fits nothing is an error that names the field's path.

pub(crate) mod body;
mod desc;
pub(crate) mod json;
mod place;
pub(crate) mod xml;

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

pub use desc::{
    EnvelopeFields, FieldDesc, ItemKind, ItemShape, MapShape, RecordDesc, RecordType, ScalarType,
    Shape,
};
pub(crate) use place::{FieldMut, FieldRef};

use crate::dynamic::Value;

/// A struct generated from a spec's response tree.
///
/// # Safety
///
/// [`Record::DESC`] describes the struct: each field's offset is
/// `core::mem::offset_of!` of a field whose Rust type is the one its
/// shape's [`Kind`] names. The runtime reads and writes the fields through
/// the table. `#[service]` generates both from one model.
pub unsafe trait Record: Default + 'static {
    /// The record's table.
    const DESC: &'static RecordDesc;

    /// The record as a field or an item holds it.
    #[doc(hidden)]
    const TYPE: &'static RecordType = &RecordType::of::<Self>();

    /// Where the fields the table describes begin (a box's contents, for a
    /// record in a box).
    #[doc(hidden)]
    fn fields_mut(&mut self) -> *mut u8 {
        (self as *mut Self).cast()
    }

    /// As [`Record::fields_mut`], to read.
    #[doc(hidden)]
    fn fields_ref(&self) -> *const u8 {
        (self as *const Self).cast()
    }
}

/// A record in a box: a component that holds itself, through its fields.
// SAFETY: the table is `R`'s, and the fields are found through the box.
unsafe impl<R: Record> Record for Box<R> {
    const DESC: &'static RecordDesc = R::DESC;

    fn fields_mut(&mut self) -> *mut u8 {
        (**self).fields_mut()
    }

    fn fields_ref(&self) -> *const u8 {
        (**self).fields_ref()
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

/// A field's name and where it is, for error messages.
#[derive(Debug, Clone, Copy)]
pub struct Name {
    /// The record's path.
    pub record: &'static str,
    /// The vendor's name of the field, in both formats.
    pub field: &'static str,
    /// For a wrapped list, the vendor's name of its items; else empty.
    pub item: &'static str,
}

impl Name {
    /// The name of `field` of the record `desc`.
    pub(crate) fn of(desc: &RecordDesc, field: &FieldDesc) -> Name {
        Name {
            record: desc.path,
            field: field.name,
            item: field.item,
        }
    }

    /// A whole body, at `path`.
    pub(crate) fn body(path: &'static str) -> Name {
        Name {
            record: path,
            field: "",
            item: "",
        }
    }
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

/// Which of a record's required fields have been read.
pub(crate) struct Seen {
    desc: &'static RecordDesc,
    seen: u64,
}

impl Seen {
    /// Nothing read yet of the record `desc`.
    pub(crate) fn of(desc: &'static RecordDesc) -> Self {
        Seen { desc, seen: 0 }
    }

    /// Notes that field `index` was read.
    #[inline]
    pub(crate) fn note(&mut self, index: usize) {
        if self.desc.required.is_empty() {
            return;
        }
        if let Some(i) = self
            .desc
            .required
            .iter()
            .position(|&required| usize::from(required) == index)
        {
            self.seen |= 1 << (i % 64);
        }
    }

    /// `Err` naming the first required field that was not read.
    pub(crate) fn check(&self) -> Result<(), String> {
        let required = self.desc.required;
        match (0..required.len()).find(|&i| self.seen & (1 << (i % 64)) == 0) {
            Some(i) => Err(format!(
                "`{}`: missing field `{}`",
                self.desc.path,
                self.desc.fields[usize::from(required[i])].name
            )),
            None => Ok(()),
        }
    }
}

/// A kind of field: its Rust type and the shape the interpreter reads it
/// by.
///
/// # Safety
///
/// `SHAPE` describes `Value`. Implemented by the runtime only.
pub unsafe trait Kind {
    /// The field's Rust type.
    type Value: Default + 'static;
    /// How the interpreter sees it.
    const SHAPE: &'static Shape;
}

/// A kind of list item (or map value).
///
/// # Safety
///
/// `ITEM` describes `Value`. Implemented by the runtime only.
pub unsafe trait Item {
    /// The item's Rust type.
    type Value: Default + 'static;
    /// How the interpreter sees it.
    const ITEM: &'static ItemShape;
}

/// The scalar kinds by short names, and the shapes of scalar fields, for
/// the generated code: short text is quick to expand and to check.
pub mod scalar {
    use crate::record::{Scalar, ScalarType, Shape};

    macro_rules! scalars {
        ($($kind:ident, $shape:ident: $ty:ty => $variant:ident;)*) => {
            $(
                #[doc = concat!("`Scalar<", stringify!($ty), ">`.")]
                pub type $kind = Scalar<$ty>;
                #[doc = concat!("The shape of a `", stringify!($ty), "` field.")]
                pub const $shape: &Shape = &Shape::Scalar(ScalarType::$variant);
            )*
        };
    }

    scalars! {
        String, STRING: std::string::String => String;
        OptString, OPT_STRING: Option<std::string::String> => OptString;
        I32, I32_: i32 => I32;
        OptI32, OPT_I32: Option<i32> => OptI32;
        I64, I64_: i64 => I64;
        OptI64, OPT_I64: Option<i64> => OptI64;
        F64, F64_: f64 => F64;
        OptF64, OPT_F64: Option<f64> => OptF64;
        Bool, BOOL: bool => Bool;
        OptBool, OPT_BOOL: Option<bool> => OptBool;
    }
}

/// A string, number or boolean (or an `Option` of one). Reads by the
/// [`Lenient`](crate::lenient::Lenient) rules: a number sent as a string, a
/// string sent as a number, `"true"`, `0`/`1`, `""` for an absent number.
pub struct Scalar<T>(PhantomData<T>);

macro_rules! scalar_kinds {
    ($($ty:ty => $variant:ident),* $(,)?) => {
        $(
            // SAFETY: the shape is the scalar type's own.
            unsafe impl Kind for Scalar<$ty> {
                type Value = $ty;
                const SHAPE: &'static Shape = &Shape::Scalar(ScalarType::$variant);
            }
        )*
    };
}

scalar_kinds! {
    String => String,
    Option<String> => OptString,
    i32 => I32,
    Option<i32> => OptI32,
    i64 => I64,
    Option<i64> => OptI64,
    f64 => F64,
    Option<f64> => OptF64,
    bool => Bool,
    Option<bool> => OptBool,
}

macro_rules! scalar_items {
    ($($ty:ty => $variant:ident),* $(,)?) => {
        $(
            // SAFETY: the item shape is made for the scalar type itself.
            unsafe impl Item for Scalar<$ty> {
                type Value = $ty;
                const ITEM: &'static ItemShape =
                    &ItemShape::of::<$ty>(ItemKind::Scalar(ScalarType::$variant));
            }
        )*
    };
}

scalar_items! {
    String => String,
    i32 => I32,
    i64 => I64,
    f64 => F64,
    bool => Bool,
}

/// An object that may be absent: `None` for `null` or `""` in JSON and for
/// no element in XML; `<Name/>` is the record with no field set. As an
/// item, a record.
pub struct Nested<R>(PhantomData<R>);

// SAFETY: `Option<R>` is what `Shape::Optional` holds.
unsafe impl<R: Record> Kind for Nested<R> {
    type Value = Option<R>;
    const SHAPE: &'static Shape = &Shape::Optional(R::TYPE);
}

// SAFETY: the item shape is made for `R` itself.
unsafe impl<R: Record> Item for Nested<R> {
    type Value = R;
    const ITEM: &'static ItemShape = &ItemShape::of::<R>(ItemKind::Record(R::TYPE));
}

/// An object the schema requires: as [`Nested`], but never absent.
pub struct NestedRequired<R>(PhantomData<R>);

// SAFETY: `R` is what `Shape::Record` holds.
unsafe impl<R: Record> Kind for NestedRequired<R> {
    type Value = R;
    const SHAPE: &'static Shape = &Shape::Record(R::TYPE);
}

/// A list in the vendor's wrapper: JSON `{"Item": [...]}`, XML
/// `<List><Item>...</Item>...</List>`.
pub struct Wrapped<I>(PhantomData<I>);

// SAFETY: `Vec` of the item's type is what `Shape::Wrapped` holds.
unsafe impl<I: Item> Kind for Wrapped<I> {
    type Value = Vec<I::Value>;
    const SHAPE: &'static Shape = &Shape::Wrapped(I::ITEM);
}

/// A list without a wrapper: JSON `[...]`, XML the element repeated.
pub struct Bare<I>(PhantomData<I>);

// SAFETY: `Vec` of the item's type is what `Shape::Bare` holds.
unsafe impl<I: Item> Kind for Bare<I> {
    type Value = Vec<I::Value>;
    const SHAPE: &'static Shape = &Shape::Bare(I::ITEM);
}

/// A map whose keys are data (`additionalProperties`): JSON an object,
/// XML an element whose children are named by the keys. Kept in the order
/// of the keys; `null`, `""` and an empty element are no entries.
pub struct Map<I>(PhantomData<I>);

/// The entries of a [`Map`].
pub type Entries<V> = BTreeMap<String, V>;

impl<I: Item> Map<I> {
    const MAP: &'static MapShape = &MapShape::of::<I::Value>(I::ITEM);
}

// SAFETY: the map shape is made for `Entries` of the item's type.
unsafe impl<I: Item> Kind for Map<I> {
    type Value = Entries<I::Value>;
    const SHAPE: &'static Shape = &Shape::Map(Self::MAP);
}

// SAFETY: as the `Kind`, made for the entries themselves.
unsafe impl<I: Item> Item for Map<I> {
    type Value = Entries<I::Value>;
    const ITEM: &'static ItemShape = &ItemShape::of::<Entries<I::Value>>(ItemKind::Map(Self::MAP));
}

/// A list as the item of a list (an array of arrays) or the value of a
/// map: JSON an array; XML an element holding one child per item, whatever
/// the children's names.
pub struct List<I>(PhantomData<I>);

// SAFETY: the item shape is made for `Vec` of the inner item's type.
unsafe impl<I: Item> Item for List<I> {
    type Value = Vec<I::Value>;
    const ITEM: &'static ItemShape = &ItemShape::of::<Vec<I::Value>>(ItemKind::List(I::ITEM));
}

/// A field that holds any value; absent is [`Value::Null`].
pub struct Dynamic;

// SAFETY: `Value` is what `Shape::Value` holds.
unsafe impl Kind for Dynamic {
    type Value = Value;
    const SHAPE: &'static Shape = &Shape::Value;
}

// SAFETY: the item shape is made for `Value`.
unsafe impl Item for Dynamic {
    type Value = Value;
    const ITEM: &'static ItemShape = &ItemShape::of::<Value>(ItemKind::Value);
}
