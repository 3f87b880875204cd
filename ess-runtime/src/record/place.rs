//! The one place where a record's table becomes references to its fields.
//! Every `unsafe` block of the records is here.
//!
//! Why: generated code describes a struct by data (each field's offset and
//! shape) instead of code per field, which is what every user's crate
//! would otherwise compile again. Turning an offset back into a reference
//! needs a pointer cast; everything above this module is safe code over
//! the typed views it hands out ([`FieldMut`], [`FieldRef`], ...).
//!
//! The invariant all of it rests on: a [`RecordDesc`] reached through
//! `Record::DESC` (an `unsafe` trait) describes its struct: each field's
//! offset is `offset_of!` of a field whose Rust type is its [`Shape`]'s
//! (the [`Kind`](super::Kind) and [`Item`](super::Item) traits, also
//! `unsafe`, tie each shape to its type). The views carry the lifetime and
//! mutability of the borrow they were made from, as `&T` and `&mut T` do.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::desc::{
    EachEntry, FieldDesc, ItemKind, ItemShape, MapShape, RecordDesc, RecordType, ScalarType, Shape,
};
use super::{Kind, Record};
use crate::dynamic::Value;

// The tables of the types the runtime does not know, made of their
// operations below.

impl RecordType {
    /// The table of record holder `H`.
    pub(crate) const fn of<H: Record>() -> RecordType {
        RecordType {
            desc: desc_of::<H>,
            reset: reset::<H>,
            fields_mut: fields_mut::<H>,
            fields_ref: fields_ref::<H>,
            insert: option_insert::<H>,
            get: option_get::<H>,
            clear: option_clear::<H>,
        }
    }
}

fn desc_of<H: Record>() -> &'static RecordDesc {
    H::DESC
}

impl ItemShape {
    /// The items of type `T`, holding `kind`.
    pub(crate) const fn of<T: Default + 'static>(kind: ItemKind) -> ItemShape {
        ItemShape {
            kind,
            size: std::mem::size_of::<T>(),
            push: vec_push::<T>,
            pop: vec_pop::<T>,
            clear: vec_clear::<T>,
            items: vec_items::<T>,
        }
    }
}

impl MapShape {
    /// The maps of values of type `T`.
    pub(crate) const fn of<T: Default + 'static>(item: &'static ItemShape) -> MapShape {
        MapShape {
            item,
            entry: map_entry::<T>,
            clear: map_clear::<T>,
            for_each: map_for_each::<T>,
            len: map_len::<T>,
        }
    }
}

// The operations of a type the runtime does not know, made per type by
// the tables' constructors (`RecordType::of`, `ItemShape::of`,
// `MapShape::of`). Each takes a pointer to a value of that type.

/// `T::default()`, out of line: a record's default is a store per field,
/// made once per type here rather than inside each operation below.
#[inline(never)]
fn default_of<T: Default>() -> T {
    T::default()
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed `T`.
pub(super) unsafe fn reset<T: Default>(p: *mut u8) {
    // SAFETY: as the function's contract.
    unsafe { *p.cast::<T>() = default_of() }
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed `H`.
pub(super) unsafe fn fields_mut<H: Record>(p: *mut u8) -> *mut u8 {
    // SAFETY: as the function's contract.
    unsafe { (*p.cast::<H>()).fields_mut() }
}

/// SAFETY (callers): `p` points to a valid `H`.
pub(super) unsafe fn fields_ref<H: Record>(p: *const u8) -> *const u8 {
    // SAFETY: as the function's contract.
    unsafe { (*p.cast::<H>()).fields_ref() }
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed `Option<H>`.
pub(super) unsafe fn option_insert<H: Default>(p: *mut u8) -> *mut u8 {
    // SAFETY: as the function's contract.
    let option = unsafe { &mut *p.cast::<Option<H>>() };
    let holder: *mut H = option.insert(default_of());
    holder.cast()
}

/// SAFETY (callers): `p` points to a valid `Option<H>`.
pub(super) unsafe fn option_get<H>(p: *const u8) -> *const u8 {
    // SAFETY: as the function's contract.
    match unsafe { &*p.cast::<Option<H>>() } {
        Some(holder) => (holder as *const H).cast(),
        None => std::ptr::null(),
    }
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed `Option<H>`.
pub(super) unsafe fn option_clear<H>(p: *mut u8) {
    // SAFETY: as the function's contract.
    unsafe { *p.cast::<Option<H>>() = None }
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed `Vec<T>`.
pub(super) unsafe fn vec_push<T: Default>(p: *mut u8) -> *mut u8 {
    // SAFETY: as the function's contract.
    let items = unsafe { &mut *p.cast::<Vec<T>>() };
    items.push(default_of());
    let last = items.len() - 1;
    // SAFETY: `last` is the index of the item just pushed.
    unsafe { items.as_mut_ptr().add(last).cast() }
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed `Vec<T>`.
pub(super) unsafe fn vec_pop<T>(p: *mut u8) {
    // SAFETY: as the function's contract.
    unsafe { (*p.cast::<Vec<T>>()).pop() };
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed `Vec<T>`.
pub(super) unsafe fn vec_clear<T>(p: *mut u8) {
    // SAFETY: as the function's contract.
    unsafe { (*p.cast::<Vec<T>>()).clear() }
}

/// SAFETY (callers): `p` points to a valid `Vec<T>`.
pub(super) unsafe fn vec_items<T>(p: *const u8) -> (*const u8, usize) {
    // SAFETY: as the function's contract.
    let items = unsafe { &*p.cast::<Vec<T>>() };
    (items.as_ptr().cast(), items.len())
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed
/// `BTreeMap<String, T>`.
pub(super) unsafe fn map_entry<T: Default>(p: *mut u8, key: &str) -> (*mut u8, bool) {
    // SAFETY: as the function's contract.
    let map = unsafe { &mut *p.cast::<BTreeMap<String, T>>() };
    if let Some(value) = map.get_mut(key) {
        return ((value as *mut T).cast(), true);
    }
    let value: *mut T = map.entry(key.to_owned()).or_insert_with(default_of);
    (value.cast(), false)
}

/// SAFETY (callers): `p` points to a valid, uniquely borrowed
/// `BTreeMap<String, T>`.
pub(super) unsafe fn map_clear<T>(p: *mut u8) {
    // SAFETY: as the function's contract.
    unsafe { (*p.cast::<BTreeMap<String, T>>()).clear() }
}

/// SAFETY (callers): `p` points to a valid `BTreeMap<String, T>`, borrowed
/// for as long as the calls to `f` last.
pub(super) unsafe fn map_for_each<T>(p: *const u8, f: &mut EachEntry<'_>) {
    // SAFETY: as the function's contract.
    let map = unsafe { &*p.cast::<BTreeMap<String, T>>() };
    for (key, value) in map {
        if !f(key, (value as *const T).cast()) {
            break;
        }
    }
}

/// SAFETY (callers): `p` points to a valid `BTreeMap<String, T>`.
pub(super) unsafe fn map_len<T>(p: *const u8) -> usize {
    // SAFETY: as the function's contract.
    unsafe { (*p.cast::<BTreeMap<String, T>>()).len() }
}

/// A scalar field or item, borrowed to be written.
pub(crate) enum ScalarMut<'r> {
    String(&'r mut String),
    OptString(&'r mut Option<String>),
    I32(&'r mut i32),
    OptI32(&'r mut Option<i32>),
    I64(&'r mut i64),
    OptI64(&'r mut Option<i64>),
    F64(&'r mut f64),
    OptF64(&'r mut Option<f64>),
    Bool(&'r mut bool),
    OptBool(&'r mut Option<bool>),
}

/// A scalar field or item, borrowed to be read.
#[derive(Clone, Copy)]
pub(crate) enum ScalarRef<'r> {
    String(&'r String),
    OptString(&'r Option<String>),
    I32(&'r i32),
    OptI32(&'r Option<i32>),
    I64(&'r i64),
    OptI64(&'r Option<i64>),
    F64(&'r f64),
    OptF64(&'r Option<f64>),
    Bool(&'r bool),
    OptBool(&'r Option<bool>),
}

macro_rules! scalar_views {
    ($($variant:ident: $ty:ty),* $(,)?) => {
        impl<'r> ScalarMut<'r> {
            /// SAFETY (callers): `p` points to a valid, uniquely borrowed
            /// value of `ty`'s type, for `'r`.
            unsafe fn at(ty: ScalarType, p: *mut u8) -> Self {
                // SAFETY: as the function's contract.
                unsafe {
                    match ty {
                        $(ScalarType::$variant => ScalarMut::$variant(&mut *p.cast::<$ty>()),)*
                    }
                }
            }
        }

        impl<'r> ScalarRef<'r> {
            /// SAFETY (callers): `p` points to a valid value of `ty`'s
            /// type, borrowed for `'r`.
            unsafe fn at(ty: ScalarType, p: *const u8) -> Self {
                // SAFETY: as the function's contract.
                unsafe {
                    match ty {
                        $(ScalarType::$variant => ScalarRef::$variant(&*p.cast::<$ty>()),)*
                    }
                }
            }
        }
    };
}

scalar_views! {
    String: String,
    OptString: Option<String>,
    I32: i32,
    OptI32: Option<i32>,
    I64: i64,
    OptI64: Option<i64>,
    F64: f64,
    OptF64: Option<f64>,
    Bool: bool,
    OptBool: Option<bool>,
}

/// A record's fields, borrowed to be written.
pub(crate) struct RecordMut<'r> {
    desc: &'static RecordDesc,
    fields: *mut u8,
    borrow: PhantomData<&'r mut ()>,
}

impl<'r> RecordMut<'r> {
    /// The fields of `record`.
    pub(crate) fn new<H: Record>(record: &'r mut H) -> Self {
        RecordMut {
            desc: H::DESC,
            fields: record.fields_mut(),
            borrow: PhantomData,
        }
    }

    /// SAFETY (callers): `p` points to a valid, uniquely borrowed holder
    /// of `ty`'s record, for `'r`.
    unsafe fn at(ty: &'static RecordType, p: *mut u8) -> Self {
        RecordMut {
            desc: (ty.desc)(),
            // SAFETY: as the function's contract.
            fields: unsafe { (ty.fields_mut)(p) },
            borrow: PhantomData,
        }
    }

    pub(crate) fn desc(&self) -> &'static RecordDesc {
        self.desc
    }

    /// Field `index` of the table (an index the table gave).
    pub(crate) fn field(&mut self, index: usize) -> (&'static FieldDesc, FieldMut<'_>) {
        let field = &self.desc.fields[index];
        // SAFETY: the table describes the record (the module's invariant),
        // and `self` borrows it uniquely for the view's lifetime.
        let view = unsafe { FieldMut::at(field.shape, self.fields.add(field.offset)) };
        (field, view)
    }
}

/// A record's fields, borrowed to be read.
#[derive(Clone, Copy)]
pub(crate) struct RecordRef<'r> {
    desc: &'static RecordDesc,
    fields: *const u8,
    borrow: PhantomData<&'r ()>,
}

impl<'r> RecordRef<'r> {
    /// The fields of `record`.
    pub(crate) fn new<H: Record>(record: &'r H) -> Self {
        RecordRef {
            desc: H::DESC,
            fields: record.fields_ref(),
            borrow: PhantomData,
        }
    }

    /// SAFETY (callers): `p` points to a valid holder of `ty`'s record,
    /// borrowed for `'r`.
    unsafe fn at(ty: &'static RecordType, p: *const u8) -> Self {
        RecordRef {
            desc: (ty.desc)(),
            // SAFETY: as the function's contract.
            fields: unsafe { (ty.fields_ref)(p) },
            borrow: PhantomData,
        }
    }

    pub(crate) fn desc(&self) -> &'static RecordDesc {
        self.desc
    }

    /// Field `index` of the table, if there is one.
    pub(crate) fn field(self, index: usize) -> Option<FieldRef<'r>> {
        let field = self.desc.fields.get(index)?;
        // SAFETY: the table describes the record (the module's invariant),
        // borrowed for `'r`.
        Some(unsafe { FieldRef::at(field.shape, self.fields.add(field.offset)) })
    }

    /// The fields with their tables, in schema order.
    pub(crate) fn fields(self) -> impl Iterator<Item = (&'static FieldDesc, FieldRef<'r>)> {
        self.desc.fields.iter().map(move |field| {
            // SAFETY: the table describes the record (the module's
            // invariant), borrowed for `'r`.
            let view = unsafe { FieldRef::at(field.shape, self.fields.add(field.offset)) };
            (field, view)
        })
    }
}

/// A field, borrowed to be written, as its shape sees it.
pub(crate) enum FieldMut<'r> {
    Scalar(ScalarMut<'r>),
    Record(HolderMut<'r>),
    Optional(OptionalMut<'r>),
    Wrapped(ListMut<'r>),
    Bare(ListMut<'r>),
    Map(MapMut<'r>),
    Value(&'r mut Value),
}

impl<'r> FieldMut<'r> {
    /// A value of kind `K`.
    pub(crate) fn of<K: Kind>(value: &'r mut K::Value) -> Self {
        // SAFETY: `Kind` (an `unsafe` trait) ties `K::SHAPE` to `K::Value`.
        unsafe { FieldMut::at(K::SHAPE, (value as *mut K::Value).cast()) }
    }

    /// SAFETY (callers): `p` points to a valid, uniquely borrowed value of
    /// `shape`'s type, for `'r`.
    unsafe fn at(shape: &'static Shape, p: *mut u8) -> Self {
        match shape {
            // SAFETY (every arm): as the function's contract.
            Shape::Scalar(ty) => FieldMut::Scalar(unsafe { ScalarMut::at(*ty, p) }),
            Shape::Record(ty) => FieldMut::Record(HolderMut::new(ty, p)),
            Shape::Optional(ty) => FieldMut::Optional(OptionalMut {
                ty,
                p,
                borrow: PhantomData,
            }),
            Shape::Wrapped(item) => FieldMut::Wrapped(ListMut::new(item, p)),
            Shape::Bare(item) => FieldMut::Bare(ListMut::new(item, p)),
            Shape::Map(map) => FieldMut::Map(MapMut::new(map, p)),
            Shape::Value => FieldMut::Value(unsafe { &mut *p.cast::<Value>() }),
        }
    }
}

/// A field, borrowed to be read, as its shape sees it.
#[derive(Clone, Copy)]
pub(crate) enum FieldRef<'r> {
    Scalar(ScalarRef<'r>),
    Record(RecordRef<'r>),
    Optional(Option<RecordRef<'r>>),
    Wrapped(ListRef<'r>),
    Bare(ListRef<'r>),
    Map(MapRef<'r>),
    Value(&'r Value),
}

impl<'r> FieldRef<'r> {
    /// A value of kind `K`.
    pub(crate) fn of<K: Kind>(value: &'r K::Value) -> Self {
        // SAFETY: `Kind` (an `unsafe` trait) ties `K::SHAPE` to `K::Value`.
        unsafe { FieldRef::at(K::SHAPE, (value as *const K::Value).cast()) }
    }

    /// SAFETY (callers): `p` points to a valid value of `shape`'s type,
    /// borrowed for `'r`.
    unsafe fn at(shape: &'static Shape, p: *const u8) -> Self {
        // SAFETY (every arm): as the function's contract.
        unsafe {
            match shape {
                Shape::Scalar(ty) => FieldRef::Scalar(ScalarRef::at(*ty, p)),
                Shape::Record(ty) => FieldRef::Record(RecordRef::at(ty, p)),
                Shape::Optional(ty) => {
                    let holder = (ty.get)(p);
                    FieldRef::Optional((!holder.is_null()).then(|| RecordRef::at(ty, holder)))
                }
                Shape::Wrapped(item) => FieldRef::Wrapped(ListRef::at(item, p)),
                Shape::Bare(item) => FieldRef::Bare(ListRef::at(item, p)),
                Shape::Map(map) => FieldRef::Map(MapRef::at(map, p)),
                Shape::Value => FieldRef::Value(&*p.cast::<Value>()),
            }
        }
    }
}

/// A record that is always there (`R` or `Box<R>`), borrowed to be
/// written.
pub(crate) struct HolderMut<'r> {
    ty: &'static RecordType,
    p: *mut u8,
    borrow: PhantomData<&'r mut ()>,
}

impl HolderMut<'_> {
    fn new(ty: &'static RecordType, p: *mut u8) -> Self {
        HolderMut {
            ty,
            p,
            borrow: PhantomData,
        }
    }

    /// Sets the record to its default, and gives its fields.
    pub(crate) fn reset(&mut self) -> RecordMut<'_> {
        // SAFETY: `p` is the holder this view borrows uniquely (made by
        // `FieldMut::at` or `ItemMut::at` from a valid place).
        unsafe {
            (self.ty.reset)(self.p);
            RecordMut::at(self.ty, self.p)
        }
    }

    /// The record's fields, as they are.
    pub(crate) fn record(&mut self) -> RecordMut<'_> {
        // SAFETY: as in `reset`.
        unsafe { RecordMut::at(self.ty, self.p) }
    }
}

/// A record that may be absent (`Option<R>`), borrowed to be written.
pub(crate) struct OptionalMut<'r> {
    ty: &'static RecordType,
    p: *mut u8,
    borrow: PhantomData<&'r mut ()>,
}

impl OptionalMut<'_> {
    /// Sets the record to `Some(R::default())`, and gives its fields.
    pub(crate) fn insert(&mut self) -> RecordMut<'_> {
        // SAFETY: `p` is the `Option` this view borrows uniquely.
        unsafe {
            let holder = (self.ty.insert)(self.p);
            RecordMut::at(self.ty, holder)
        }
    }

    /// Sets the record to `None`.
    pub(crate) fn clear(&mut self) {
        // SAFETY: as in `insert`.
        unsafe { (self.ty.clear)(self.p) }
    }

    /// The record's path, for messages.
    pub(crate) fn path(&self) -> &'static str {
        (self.ty.desc)().path
    }
}

/// A list (`Vec<T>`), borrowed to be written.
pub(crate) struct ListMut<'r> {
    item: &'static ItemShape,
    p: *mut u8,
    borrow: PhantomData<&'r mut ()>,
}

impl ListMut<'_> {
    fn new(item: &'static ItemShape, p: *mut u8) -> Self {
        ListMut {
            item,
            p,
            borrow: PhantomData,
        }
    }

    /// What the items hold.
    pub(crate) fn item(&self) -> &'static ItemShape {
        self.item
    }

    /// Pushes a default item, and gives it.
    pub(crate) fn push(&mut self) -> ItemMut<'_> {
        // SAFETY: `p` is the `Vec` this view borrows uniquely; the item is
        // in it, borrowed through `self`.
        unsafe {
            let item = (self.item.push)(self.p);
            ItemMut::at(self.item, item)
        }
    }

    /// Takes back the last item.
    pub(crate) fn pop(&mut self) {
        // SAFETY: as in `push`.
        unsafe { (self.item.pop)(self.p) }
    }

    /// Removes every item.
    pub(crate) fn clear(&mut self) {
        // SAFETY: as in `push`.
        unsafe { (self.item.clear)(self.p) }
    }

    /// The list as a whole, to read into.
    pub(crate) fn reborrow(&mut self) -> ListMut<'_> {
        ListMut::new(self.item, self.p)
    }
}

/// A list, borrowed to be read.
#[derive(Clone, Copy)]
pub(crate) struct ListRef<'r> {
    item: &'static ItemShape,
    first: *const u8,
    len: usize,
    borrow: PhantomData<&'r ()>,
}

impl<'r> ListRef<'r> {
    /// SAFETY (callers): `p` points to a valid `Vec` of `item`'s type,
    /// borrowed for `'r`.
    unsafe fn at(item: &'static ItemShape, p: *const u8) -> Self {
        // SAFETY: as the function's contract.
        let (first, len) = unsafe { (item.items)(p) };
        ListRef {
            item,
            first,
            len,
            borrow: PhantomData,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The items, in order.
    pub(crate) fn iter(self) -> impl Iterator<Item = ItemRef<'r>> {
        (0..self.len).map(move |i| {
            // SAFETY: `i` is below the `Vec`'s length, and its items are
            // `size` bytes apart, borrowed for `'r`.
            unsafe { ItemRef::at(self.item, self.first.add(i * self.item.size)) }
        })
    }
}

/// A map (`BTreeMap<String, T>`), borrowed to be written.
pub(crate) struct MapMut<'r> {
    map: &'static MapShape,
    p: *mut u8,
    borrow: PhantomData<&'r mut ()>,
}

impl MapMut<'_> {
    fn new(map: &'static MapShape, p: *mut u8) -> Self {
        MapMut {
            map,
            p,
            borrow: PhantomData,
        }
    }

    /// The value of `key`, inserted as the default if absent; `true` when
    /// it was there.
    pub(crate) fn entry(&mut self, key: &str) -> (ItemMut<'_>, bool) {
        // SAFETY: `p` is the map this view borrows uniquely; the value is
        // in it, borrowed through `self`.
        unsafe {
            let (value, existed) = (self.map.entry)(self.p, key);
            (ItemMut::at(self.map.item, value), existed)
        }
    }

    /// Removes every entry.
    pub(crate) fn clear(&mut self) {
        // SAFETY: as in `entry`.
        unsafe { (self.map.clear)(self.p) }
    }
}

/// A map, borrowed to be read.
#[derive(Clone, Copy)]
pub(crate) struct MapRef<'r> {
    map: &'static MapShape,
    p: *const u8,
    borrow: PhantomData<&'r ()>,
}

impl MapRef<'_> {
    /// SAFETY (callers): `p` points to a valid map of `map`'s type,
    /// borrowed for `'r`.
    unsafe fn at(map: &'static MapShape, p: *const u8) -> Self {
        MapRef {
            map,
            p,
            borrow: PhantomData,
        }
    }

    pub(crate) fn len(&self) -> usize {
        // SAFETY: `p` is the map this view borrows.
        unsafe { (self.map.len)(self.p) }
    }

    /// Calls `f` with each entry, in order of the keys, while it returns
    /// `true`.
    pub(crate) fn for_each(&self, f: &mut dyn FnMut(&str, ItemRef<'_>) -> bool) {
        let item = self.map.item;
        // SAFETY: `p` is the map this view borrows; each value is of the
        // map's item type and lives while `for_each` runs.
        unsafe {
            (self.map.for_each)(self.p, &mut |key, value| f(key, ItemRef::at(item, value)));
        }
    }
}

/// An item, borrowed to be written.
pub(crate) enum ItemMut<'r> {
    Scalar(ScalarMut<'r>),
    Record(HolderMut<'r>),
    List(ListMut<'r>),
    Map(MapMut<'r>),
    Value(&'r mut Value),
}

impl<'r> ItemMut<'r> {
    /// SAFETY (callers): `p` points to a valid, uniquely borrowed value of
    /// `item`'s type, for `'r`.
    unsafe fn at(item: &'static ItemShape, p: *mut u8) -> Self {
        match &item.kind {
            // SAFETY (every arm): as the function's contract.
            ItemKind::Scalar(ty) => ItemMut::Scalar(unsafe { ScalarMut::at(*ty, p) }),
            ItemKind::Record(ty) => ItemMut::Record(HolderMut::new(ty, p)),
            ItemKind::List(inner) => ItemMut::List(ListMut::new(inner, p)),
            ItemKind::Map(map) => ItemMut::Map(MapMut::new(map, p)),
            ItemKind::Value => ItemMut::Value(unsafe { &mut *p.cast::<Value>() }),
        }
    }
}

/// An item, borrowed to be read.
#[derive(Clone, Copy)]
pub(crate) enum ItemRef<'r> {
    Scalar(ScalarRef<'r>),
    Record(RecordRef<'r>),
    List(ListRef<'r>),
    Map(MapRef<'r>),
    Value(&'r Value),
}

impl<'r> ItemRef<'r> {
    /// SAFETY (callers): `p` points to a valid value of `item`'s type,
    /// borrowed for `'r`.
    unsafe fn at(item: &'static ItemShape, p: *const u8) -> Self {
        // SAFETY (every arm): as the function's contract.
        unsafe {
            match &item.kind {
                ItemKind::Scalar(ty) => ItemRef::Scalar(ScalarRef::at(*ty, p)),
                ItemKind::Record(ty) => ItemRef::Record(RecordRef::at(ty, p)),
                ItemKind::List(inner) => ItemRef::List(ListRef::at(inner, p)),
                ItemKind::Map(map) => ItemRef::Map(MapRef::at(map, p)),
                ItemKind::Value => ItemRef::Value(&*p.cast::<Value>()),
            }
        }
    }
}
