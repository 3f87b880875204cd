//! Requests: an operation's parameters, checked against the metadata's
//! limits and encoded on the wire by the metadata's rules, in one place.
//!
//! A generated request type lists its parameters once, as data (a
//! [`Parameter`] each: the vendor's name, where it goes, its style and
//! limits), and hands its fields to [`encode`] as [`Param`] values. The
//! rules, as the vendor's SDKs apply them (darabonba `OpenApiUtil.query`,
//! `toForm`, and the generators' handling of `style`):
//!
//! - a scalar is its text: strings as they are, integers in decimal,
//!   booleans `true`/`false`, floats as JSON writes them (`2.0`, `0.5`);
//! - a list (style `repeatList`, `flat`, or none) is one pair per item,
//!   numbered from 1: `ScalingGroupId.1`, `ScalingGroupId.2`; an object is
//!   one pair per field, `Tag.1.Key`, `Tag.1.Value`, to any depth; a map
//!   the same with its keys (`Tags.env`);
//! - style `json` is the whole value as one JSON text (a string as it is);
//! - style `simple` is a list's items joined by commas (a string item as
//!   it is, a structured one as its JSON text);
//! - a body parameter is the whole body: JSON, XML for style `xml`, or the
//!   text of a string;
//! - a path parameter fills `{Name}` in the operation's path, percent-encoded;
//!   a header parameter is a header.
//!
//! Absent values (`None`, an empty list or map, a JSON `null`, `[]` or
//! `{}`) send nothing.

use std::fmt::{self, Write as _};

use crate::dynamic::Value;
use crate::error::RequestError;
use crate::sign::percent_encode;
use crate::xml::write::XmlWriter;

/// Where a parameter goes: the metadata's `in`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    /// The query string (`in: query`).
    Query,
    /// An `application/x-www-form-urlencoded` body (`in: formData`).
    Form,
    /// A `{Name}` of the operation's path (`in: path`).
    Path,
    /// A header (`in: header`).
    Header,
    /// The whole body (`in: body`).
    Body,
    /// The host: a bucket or account in front of the endpoint (`in: host`).
    Host,
}

/// How a structured value is spelled: the metadata's `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `repeatList`, `flat` or none: one pair per scalar, its key the path
    /// to it (`Tag.1.Key`).
    Flat,
    /// `json`: the value as one JSON text.
    Json,
    /// `simple`: a list's items joined by commas.
    Simple,
    /// `xml`: a body as XML.
    Xml,
}

/// What the metadata allows of a value: checked before anything is sent.
/// Numbers are compared as `f64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// The smallest number allowed.
    pub minimum: Option<f64>,
    /// The largest number allowed.
    pub maximum: Option<f64>,
    /// The minimum itself is not allowed.
    pub exclusive_minimum: bool,
    /// The maximum itself is not allowed.
    pub exclusive_maximum: bool,
    /// The fewest characters a string may have.
    pub min_length: Option<usize>,
    /// The most characters a string may have.
    pub max_length: Option<usize>,
    /// The fewest items a list may have.
    pub min_items: Option<usize>,
    /// The most items a list may have.
    pub max_items: Option<usize>,
    /// The values allowed, as text (the metadata's `enum`); empty: any.
    pub values: &'static [&'static str],
}

impl Limits {
    /// No limit.
    pub const NONE: Limits = Limits {
        minimum: None,
        maximum: None,
        exclusive_minimum: false,
        exclusive_maximum: false,
        min_length: None,
        max_length: None,
        min_items: None,
        max_items: None,
        values: &[],
    };

    fn number(&self, value: f64, text: &dyn fmt::Display) -> Result<(), Invalid> {
        if let Some(min) = self.minimum {
            if value < min || (self.exclusive_minimum && value == min) {
                let than = if self.exclusive_minimum {
                    "more than"
                } else {
                    "at least"
                };
                return Err(Invalid(format!(
                    "{text} is out of range: it must be {than} {min}"
                )));
            }
        }
        if let Some(max) = self.maximum {
            if value > max || (self.exclusive_maximum && value == max) {
                let than = if self.exclusive_maximum {
                    "less than"
                } else {
                    "at most"
                };
                return Err(Invalid(format!(
                    "{text} is out of range: it must be {than} {max}"
                )));
            }
        }
        if self.values.is_empty() {
            return Ok(());
        }
        self.one_of(&text.to_string())
    }

    fn string(&self, value: &str) -> Result<(), Invalid> {
        if self.min_length.is_none() && self.max_length.is_none() {
            return self.one_of(value);
        }
        let length = value.chars().count();
        // The text itself is not in the message: it may be a password.
        if let Some(min) = self.min_length.filter(|&min| length < min) {
            return Err(Invalid(format!(
                "a text of {length} characters is shorter than the {min} required"
            )));
        }
        if let Some(max) = self.max_length.filter(|&max| length > max) {
            return Err(Invalid(format!(
                "a text of {length} characters is longer than the {max} allowed"
            )));
        }
        self.one_of(value)
    }

    fn one_of(&self, text: &str) -> Result<(), Invalid> {
        if self.values.is_empty() || self.values.contains(&text) {
            return Ok(());
        }
        Err(Invalid(format!(
            "{text:?} is not one of the values allowed: {}",
            self.values.join(", ")
        )))
    }

    /// The limits of each item of a list (or value of a map): all but the
    /// counts.
    fn each(&self) -> Limits {
        Limits {
            min_items: None,
            max_items: None,
            ..*self
        }
    }

    fn items(&self, count: usize) -> Result<(), Invalid> {
        if let Some(min) = self.min_items.filter(|&min| count < min) {
            return Err(Invalid(format!(
                "{count} items, fewer than the {min} required"
            )));
        }
        if let Some(max) = self.max_items.filter(|&max| count > max) {
            return Err(Invalid(format!(
                "{count} items, more than the {max} allowed"
            )));
        }
        Ok(())
    }
}

/// One parameter of an operation, as the metadata describes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parameter {
    /// The vendor's name, as sent.
    pub name: &'static str,
    /// Where it goes.
    pub location: Location,
    /// How a structured value is spelled.
    pub style: Style,
    /// What its values may be.
    pub limits: Limits,
}

impl Parameter {
    /// A parameter of `name` in `location`, flat, without limits.
    pub const fn new(name: &'static str, location: Location) -> Parameter {
        Parameter {
            name,
            location,
            style: Style::Flat,
            limits: Limits::NONE,
        }
    }

    /// The same, spelled in `style`.
    pub const fn style(self, style: Style) -> Parameter {
        Parameter { style, ..self }
    }

    /// The same, with `limits`.
    pub const fn limits(self, limits: Limits) -> Parameter {
        Parameter { limits, ..self }
    }
}

/// The page a paged request asks for next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// `PageNumber`.
    Number(i64),
    /// `NextToken`.
    Token(String),
}

/// What a response says of its page: `TotalCount`, `PageNumber` and
/// `PageSize`, or a `NextToken`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Paging<'a> {
    /// `TotalCount`: the items of every page.
    pub total_count: Option<i64>,
    /// `PageNumber`: this page, from 1.
    pub page_number: Option<i64>,
    /// `PageSize`: the items a page holds.
    pub page_size: Option<i64>,
    /// `NextToken`: where the next page starts; empty or absent on the last.
    pub next_token: Option<&'a str>,
}

impl Paging<'_> {
    /// The page after this one, if there is one: the token, else the next
    /// number while the pages so far hold fewer than `TotalCount` items.
    /// The rule of the vendor's CLI (`aliyun --pager`).
    pub fn next(&self) -> Option<NextPage> {
        if let Some(token) = self.next_token.filter(|t| !t.is_empty()) {
            return Some(NextPage::Token(token.to_owned()));
        }
        let (total, number, size) = (self.total_count?, self.page_number?, self.page_size?);
        (size > 0 && number >= 1 && number.saturating_mul(size) < total)
            .then(|| NextPage::Number(number + 1))
    }
}

/// How a service is called: what `#[service]` generates from the spec's
/// `service`, `api_version`, `style` and `endpoints`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The product, e.g. `Ess`.
    pub product: &'static str,
    /// The API version, e.g. `2014-08-28`.
    pub version: &'static str,
    /// How its requests are made and signed.
    pub style: ApiStyle,
    /// Each region and its host.
    pub endpoints: &'static [(&'static str, &'static str)],
}

impl ServiceInfo {
    /// The host of `region`: the spec's, else
    /// `{product}.{region}.aliyuncs.com`, the vendor's rule for regional
    /// endpoints.
    pub fn host(&self, region: &str) -> String {
        let mut out = Vec::new();
        self.push_host(region, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Appends [`ServiceInfo::host`] to `out`.
    pub fn push_host(&self, region: &str, out: &mut Vec<u8>) {
        match self.endpoints.iter().find(|(r, _)| *r == region) {
            Some((_, host)) => out.extend_from_slice(host.as_bytes()),
            None => {
                out.extend(self.product.bytes().map(|b| b.to_ascii_lowercase()));
                out.push(b'.');
                out.extend_from_slice(region.as_bytes());
                out.extend_from_slice(b".aliyuncs.com");
            }
        }
    }
}

/// How a service's requests are made: the metadata's `info.style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiStyle {
    /// `RPC`: `Action` and `Version` in the query, parameters in the query
    /// or a form.
    Rpc,
    /// `ROA`: a path per operation, JSON bodies.
    Roa,
    /// `V3`: RPC operations signed with `ACS3-HMAC-SHA256` only.
    V3,
    /// Another style (`FC`, `OSS`): its own signatures, which the client
    /// does not make.
    Other,
}

impl ApiStyle {
    /// Whether the client signs requests of this style: RPC, ROA and V3
    /// (FC and OSS have signatures of their own).
    pub const fn is_signed(self) -> bool {
        !matches!(self, ApiStyle::Other)
    }

    /// The style the metadata names `name`.
    pub const fn from_name(name: &str) -> ApiStyle {
        match name.as_bytes() {
            b"RPC" => ApiStyle::Rpc,
            b"ROA" => ApiStyle::Roa,
            b"V3" => ApiStyle::V3,
            _ => ApiStyle::Other,
        }
    }
}

/// Key-value pairs, in the order added, all their text in one buffer: a
/// request's query or form costs two allocations however many parameters
/// it has.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Pairs {
    text: String,
    /// Where each pair's key and value end in `text`.
    ends: Vec<(usize, usize)>,
}

impl Pairs {
    /// Room for about `count` pairs.
    pub fn with_capacity(count: usize) -> Self {
        Pairs {
            text: String::with_capacity(count * 24),
            ends: Vec::with_capacity(count),
        }
    }

    /// Adds a pair.
    pub fn push(&mut self, key: &str, value: &str) {
        self.text.push_str(key);
        let key_end = self.text.len();
        self.text.push_str(value);
        self.ends.push((key_end, self.text.len()));
    }

    /// Adds a pair whose key is `key` and whose value `value` writes.
    fn push_with(&mut self, key: &str, value: impl FnOnce(&mut String)) {
        self.text.push_str(key);
        let key_end = self.text.len();
        value(&mut self.text);
        self.ends.push((key_end, self.text.len()));
    }

    /// The pairs, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + Clone + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&(key_end, end)| {
            let pair = (&self.text[start..key_end], &self.text[key_end..end]);
            start = end;
            pair
        })
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The length of the keys and values together, in bytes.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// No pair.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

impl fmt::Debug for Pairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self
            .iter()
            .map(|(key, value)| (key, Shown((!is_secret(key)).then_some(value))));
        f.debug_list().entries(shown).finish()
    }
}

/// Whether the parameter (or header) `name` holds a secret, whose value
/// `Debug` hides: its last part (after the last `.`: `DataDisk.1.Password`),
/// in any case and without `-` and `_`, ends with `password`, `secret`,
/// `accesstoken`, `securitytoken`, `oidctoken`, `privatekey` or
/// `signature`. The vendor's metadata marks no parameter secret; these are
/// the names its catalogue gives its secrets (`Password`, `AccountPassword`,
/// `client_secret`, `x-acs-airticket-access-token`, `SecurityToken`, STS's
/// `OIDCToken`) and RPC's `Signature`, and not its other tokens
/// (`ClientToken`, `NextToken`).
pub fn is_secret(name: &str) -> bool {
    const SECRETS: [&str; 7] = [
        "password",
        "secret",
        "accesstoken",
        "securitytoken",
        "oidctoken",
        "privatekey",
        "signature",
    ];
    let last = name.rsplit('.').next().unwrap_or(name);
    SECRETS.iter().any(|secret| {
        let mut letters = last.bytes().rev().filter(|b| !matches!(b, b'-' | b'_'));
        secret.bytes().rev().all(|want| {
            letters
                .next()
                .is_some_and(|b| b.to_ascii_lowercase() == want)
        })
    })
}

/// A pair's value for `Debug`: `None` for a secret's.
struct Shown<'a>(Option<&'a str>);

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => value.fmt(f),
            None => Hidden.fmt(f),
        }
    }
}

/// What `Debug` shows of a secret.
struct Hidden;

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<hidden>")
    }
}

/// The `Debug` of a generated request or nested parameter: the struct
/// `name` with `fields` (each its Rust name, the vendor's name and its
/// value), the value of a secret one ([`is_secret`]) hidden.
pub fn debug_params(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    fields: &[(&str, &str, &dyn fmt::Debug)],
) -> fmt::Result {
    let mut out = f.debug_struct(name);
    for &(field, vendor, value) in fields {
        out.field(field, if is_secret(vendor) { &Hidden } else { value });
    }
    out.finish()
}

impl<'a> FromIterator<(&'a str, &'a str)> for Pairs {
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(pairs: I) -> Self {
        let mut out = Pairs::default();
        for (key, value) in pairs {
            out.push(key, value);
        }
        out
    }
}

/// A request's parameters on the wire, before the common parameters and
/// the signature: what [`encode`] makes of a request. Its `Debug` hides
/// the values of secret parameters ([`is_secret`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encoded {
    /// The operation's path, its `{Name}`s filled (`/` for RPC).
    pub path: String,
    /// The query's pairs, in parameter order, not yet percent-encoded.
    pub query: Pairs,
    /// The form body's pairs.
    pub form: Pairs,
    /// The headers the parameters give.
    pub headers: Pairs,
    /// A body parameter's text, and its media type.
    pub body: Option<(String, &'static str)>,
    /// A host parameter's value.
    pub host: Option<String>,
}

/// What is wrong with a value, before the parameter's name is known: what
/// [`Param::check`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(String);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A step into a structured value.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// The list's item at this index, from 0.
    Index(usize),
    /// The object's field, or the map's key.
    Key(&'a str),
}

/// A structured value's kind, where it opens and closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A list.
    List,
    /// An object or a map.
    Object,
}

/// A scalar.
#[derive(Debug, Clone, Copy)]
pub enum Scalar<'a> {
    /// A string.
    Str(&'a str),
    /// An integer.
    Int(i64),
    /// An integer above `i64::MAX` (of a JSON value).
    Uint(u64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A JSON `null` inside a structured value: JSON writes it, the flat
    /// encodings send nothing for it.
    Null,
}

/// Where a value writes itself: the flat pairs of a query or form, or one
/// JSON text. Each structured value opens, steps into each member, leaves
/// it, and closes.
pub trait Sink {
    /// A scalar at the current place.
    fn scalar(&mut self, value: Scalar<'_>);
    /// A list or object begins.
    fn open(&mut self, container: Container);
    /// Into a member.
    fn enter(&mut self, step: Step<'_>);
    /// Out of the member last entered.
    fn leave(&mut self);
    /// The list or object ends.
    fn close(&mut self, container: Container);
}

/// A value a request can send. Generated structs implement it by listing
/// their fields ([`write_object`]).
pub trait Param {
    /// Writes the value.
    fn write(&self, sink: &mut dyn Sink);
    /// Nothing to send: `None`, an empty list, `null`.
    fn is_absent(&self) -> bool {
        false
    }
    /// Checks the value against a parameter's limits (a list's count, and
    /// each item).
    fn check(&self, _limits: &Limits) -> Result<(), Invalid> {
        Ok(())
    }
}

/// Writes an object of `fields` (the vendor's names and the values),
/// leaving out the absent ones: what a generated struct's
/// [`Param::write`] calls.
pub fn write_object(sink: &mut dyn Sink, fields: &[(&str, &dyn Param)]) {
    sink.open(Container::Object);
    for (name, value) in fields {
        if value.is_absent() {
            continue;
        }
        sink.enter(Step::Key(name));
        value.write(sink);
        sink.leave();
    }
    sink.close(Container::Object);
}

/// Checks the fields of an object (a generated nested parameter's
/// [`Param::check`]): each present one against its limits, named in the
/// message (`Key: a text of 200 characters is longer than the 128
/// allowed`).
pub fn check_object(fields: &[(&str, &dyn Param, &Limits)]) -> Result<(), Invalid> {
    for (name, value, limits) in fields {
        if !value.is_absent() {
            value
                .check(limits)
                .map_err(|Invalid(why)| Invalid(format!("{name}: {why}")))?;
        }
    }
    Ok(())
}

/// A list's count against `limits`, then each item against the rest of
/// them, named by its number from 1: what `Vec`'s [`Param::check`] calls.
pub fn check_items<T: Param>(limits: &Limits, items: &[T]) -> Result<(), Invalid> {
    check_each(limits, &items)
}

/// A list of values as a trait object, so that the routines that go
/// through one are built once, not once per item type in every user's
/// crate.
trait Items {
    fn count(&self) -> usize;
    fn item(&self, i: usize) -> &dyn Param;
}

impl<T: Param> Items for &[T] {
    fn count(&self) -> usize {
        self.len()
    }
    fn item(&self, i: usize) -> &dyn Param {
        &self[i]
    }
}

/// [`check_items`] through `dyn`.
fn check_each(limits: &Limits, items: &dyn Items) -> Result<(), Invalid> {
    limits.items(items.count())?;
    let each = limits.each();
    for i in 0..items.count() {
        items
            .item(i)
            .check(&each)
            .map_err(|Invalid(why)| Invalid(format!("item {}: {why}", i + 1)))?;
    }
    Ok(())
}

/// Writes a list: what `Vec`'s [`Param::write`] calls.
fn write_each(sink: &mut dyn Sink, items: &dyn Items) {
    sink.open(Container::List);
    for i in 0..items.count() {
        sink.enter(Step::Index(i));
        items.item(i).write(sink);
        sink.leave();
    }
    sink.close(Container::List);
}

impl Param for str {
    fn write(&self, sink: &mut dyn Sink) {
        sink.scalar(Scalar::Str(self));
    }
    fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        limits.string(self)
    }
}

impl Param for String {
    fn write(&self, sink: &mut dyn Sink) {
        self.as_str().write(sink);
    }
    fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        limits.string(self)
    }
}

macro_rules! integer_param {
    ($($ty:ty),*) => {$(
        impl Param for $ty {
            fn write(&self, sink: &mut dyn Sink) {
                sink.scalar(Scalar::Int(i64::from(*self)));
            }
            fn check(&self, limits: &Limits) -> Result<(), Invalid> {
                limits.number(*self as f64, self)
            }
        }
    )*};
}
integer_param!(i32, i64);

impl Param for f64 {
    fn write(&self, sink: &mut dyn Sink) {
        sink.scalar(Scalar::Float(*self));
    }
    fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        if !self.is_finite() {
            return Err(Invalid(format!("{self} is not a number JSON can hold")));
        }
        limits.number(*self, self)
    }
}

impl Param for bool {
    fn write(&self, sink: &mut dyn Sink) {
        sink.scalar(Scalar::Bool(*self));
    }
    fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        limits.one_of(if *self { "true" } else { "false" })
    }
}

impl<T: Param> Param for Option<T> {
    fn write(&self, sink: &mut dyn Sink) {
        if let Some(value) = self {
            value.write(sink);
        }
    }
    fn is_absent(&self) -> bool {
        self.as_ref().is_none_or(Param::is_absent)
    }
    fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        self.as_ref().map_or(Ok(()), |value| value.check(limits))
    }
}

/// A pointer to a value sends the value.
macro_rules! pointer_param {
    ($($pointer:ty),*) => {$(
        impl<T: Param + ?Sized> Param for $pointer {
            fn write(&self, sink: &mut dyn Sink) {
                (**self).write(sink);
            }
            fn is_absent(&self) -> bool {
                (**self).is_absent()
            }
            fn check(&self, limits: &Limits) -> Result<(), Invalid> {
                (**self).check(limits)
            }
        }
    )*};
}

pointer_param!(&T, Box<T>);

impl<T: Param> Param for Vec<T> {
    fn write(&self, sink: &mut dyn Sink) {
        write_each(sink, &self.as_slice());
    }
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
    fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        check_items(limits, self)
    }
}

/// An object of every entry of a map, absent values too (JSON writes a
/// `null`): what maps and JSON objects write.
fn write_entries<'a, V: Param + 'a>(
    sink: &mut dyn Sink,
    entries: impl IntoIterator<Item = (&'a String, &'a V)>,
) {
    sink.open(Container::Object);
    for (key, value) in entries {
        sink.enter(Step::Key(key));
        value.write(sink);
        sink.leave();
    }
    sink.close(Container::Object);
}

impl<V: Param> Param for std::collections::BTreeMap<String, V> {
    fn write(&self, sink: &mut dyn Sink) {
        write_entries(sink, self);
    }
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
    fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        check_entries(
            limits,
            self.iter().map(|(key, value)| (key.as_str(), value)),
        )
    }
}

/// Each value of a map against `limits` (but the counts), named by its
/// key: what `BTreeMap`'s [`Param::check`] calls.
pub fn check_entries<'a, T: Param + 'a>(
    limits: &Limits,
    entries: impl IntoIterator<Item = (&'a str, &'a T)>,
) -> Result<(), Invalid> {
    let each = limits.each();
    for (key, value) in entries {
        value
            .check(&each)
            .map_err(|Invalid(why)| Invalid(format!("{key}: {why}")))?;
    }
    Ok(())
}

impl Param for Value {
    fn write(&self, sink: &mut dyn Sink) {
        match self {
            Value::Null => sink.scalar(Scalar::Null),
            Value::Bool(b) => sink.scalar(Scalar::Bool(*b)),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => sink.scalar(Scalar::Int(i)),
                (None, Some(u)) => sink.scalar(Scalar::Uint(u)),
                (None, None) => sink.scalar(Scalar::Float(n.as_f64().unwrap_or_default())),
            },
            Value::String(s) => sink.scalar(Scalar::Str(s)),
            Value::Array(items) => write_each(sink, &items.as_slice()),
            Value::Object(members) => write_entries(sink, members),
        }
    }
    fn is_absent(&self) -> bool {
        // As `Vec`'s and `BTreeMap`'s: nothing in it, nothing sent.
        match self {
            Value::Null => true,
            Value::Array(items) => items.is_empty(),
            Value::Object(members) => members.is_empty(),
            _ => false,
        }
    }
    fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        match self {
            Value::Null | Value::Object(_) => Ok(()),
            Value::Bool(b) => b.check(limits),
            Value::Number(n) => match n.as_i64() {
                Some(i) => i.check(limits),
                None => n.as_f64().unwrap_or(f64::NAN).check(limits),
            },
            Value::String(s) => s.check(limits),
            // A list's items, as `Vec`'s: the gaps of a list numbered by
            // hand (`Tag.2` without `Tag.1`) are not items.
            Value::Array(items) => {
                let present: Vec<&Value> = items.iter().filter(|v| !v.is_null()).collect();
                check_each(limits, &present.as_slice())
            }
        }
    }
}

/// A scalar as the vendor's SDKs send it.
fn push_scalar(out: &mut String, value: Scalar<'_>) {
    match value {
        Scalar::Str(s) => out.push_str(s),
        Scalar::Int(i) => push_integer(out, i),
        Scalar::Uint(u) => {
            let _ = write!(out, "{u}");
        }
        Scalar::Float(f) => push_float(out, f),
        Scalar::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Scalar::Null => out.push_str("null"),
    }
}

/// An integer in decimal, without the formatting machinery (it is on the
/// path of every request).
fn push_integer(out: &mut String, i: i64) {
    let mut digits = [0u8; 20];
    let mut n = i.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// A float as JSON writes it: the shortest text that reads back the same,
/// with `.0` on a whole number.
fn push_float(out: &mut String, f: f64) {
    match serde_json::Number::from_f64(f) {
        Some(n) => {
            let _ = write!(out, "{n}");
        }
        None => out.push_str("null"),
    }
}

/// The flat pairs: one per scalar, its key the path to it.
struct FlatSink<'a> {
    key: String,
    /// Where each entered member's key began, innermost last.
    marks: Vec<usize>,
    out: &'a mut Pairs,
}

impl Sink for FlatSink<'_> {
    fn scalar(&mut self, value: Scalar<'_>) {
        if !matches!(value, Scalar::Null) {
            self.out
                .push_with(&self.key, |text| push_scalar(text, value));
        }
    }
    fn open(&mut self, _: Container) {}
    fn enter(&mut self, step: Step<'_>) {
        self.marks.push(self.key.len());
        self.key.push('.');
        match step {
            Step::Index(i) => push_integer(&mut self.key, i as i64 + 1),
            Step::Key(key) => self.key.push_str(key),
        }
    }
    fn leave(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.key.truncate(mark);
        }
    }
    fn close(&mut self, _: Container) {}
}

/// One JSON text.
struct JsonSink {
    out: String,
    /// The container just opened has no member yet.
    fresh: bool,
}

impl Sink for JsonSink {
    fn scalar(&mut self, value: Scalar<'_>) {
        match value {
            Scalar::Str(s) => push_json_string(&mut self.out, s),
            other => push_scalar(&mut self.out, other),
        }
    }
    fn open(&mut self, container: Container) {
        self.out.push(if container == Container::List {
            '['
        } else {
            '{'
        });
        self.fresh = true;
    }
    fn enter(&mut self, step: Step<'_>) {
        if !std::mem::take(&mut self.fresh) {
            self.out.push(',');
        }
        if let Step::Key(key) = step {
            push_json_string(&mut self.out, key);
            self.out.push(':');
        }
    }
    fn leave(&mut self) {}
    fn close(&mut self, container: Container) {
        self.fresh = false;
        self.out.push(if container == Container::List {
            ']'
        } else {
            '}'
        });
    }
}

fn push_json_string(out: &mut String, s: &str) {
    let _ = write!(out, "{}", Value::from(s));
}

/// A list's items joined by commas, as the vendor's `flatArray` joins
/// them: a scalar item as its text (a string as it is), a structured item
/// as its JSON text.
struct JoinedSink {
    out: String,
    first: bool,
    /// How deep in the list the sink is: 1 among its items.
    depth: usize,
    /// The structured item being written.
    item: JsonSink,
}

impl JoinedSink {
    fn push_item(&mut self, text: impl FnOnce(&mut String)) {
        if !std::mem::take(&mut self.first) {
            self.out.push(',');
        }
        text(&mut self.out);
    }
}

impl Sink for JoinedSink {
    fn scalar(&mut self, value: Scalar<'_>) {
        if self.depth > 1 {
            self.item.scalar(value);
        } else if !matches!(value, Scalar::Null) {
            self.push_item(|out| push_scalar(out, value));
        }
    }
    fn open(&mut self, container: Container) {
        self.depth += 1;
        if self.depth > 1 {
            self.item.open(container);
        }
    }
    fn enter(&mut self, step: Step<'_>) {
        if self.depth > 1 {
            self.item.enter(step);
        }
    }
    fn leave(&mut self) {
        if self.depth > 1 {
            self.item.leave();
        }
    }
    fn close(&mut self, container: Container) {
        if self.depth > 1 {
            self.item.close(container);
        }
        if self.depth == 2 {
            let item = std::mem::take(&mut self.item.out);
            self.push_item(|out| out.push_str(&item));
        }
        self.depth = self.depth.saturating_sub(1);
    }
}

/// The value as one text: JSON, or joined by commas.
fn one_text(value: &dyn Param, style: Style) -> String {
    match style {
        Style::Simple => {
            let mut sink = JoinedSink {
                out: String::new(),
                first: true,
                depth: 0,
                item: JsonSink {
                    out: String::new(),
                    fresh: false,
                },
            };
            value.write(&mut sink);
            sink.out
        }
        _ => {
            let mut sink = JsonSink {
                out: String::new(),
                fresh: false,
            };
            value.write(&mut sink);
            sink.out
        }
    }
}

/// Encodes a request of `operation` whose path is `path` (with `{Name}`s
/// for its path parameters): `values` are the values of `parameters`, in
/// the same order. Every value is checked first.
pub fn encode(
    operation: &'static str,
    path: &str,
    parameters: &[Parameter],
    values: &[&dyn Param],
) -> Result<Encoded, RequestError> {
    debug_assert_eq!(parameters.len(), values.len());
    let mut encoded = Encoded {
        path: path.to_owned(),
        query: Pairs::with_capacity(parameters.len()),
        ..Encoded::default()
    };
    let (mut flat_key, mut flat_marks) = (String::with_capacity(64), Vec::with_capacity(4));
    for (parameter, value) in parameters.iter().zip(values) {
        // An absent value is not sent, so it breaks no limit: an optional
        // list left empty is no list of fewer items than the minimum.
        if value.is_absent() {
            if parameter.location == Location::Path {
                return Err(RequestError::new(
                    operation,
                    parameter.name,
                    "a path parameter needs a value",
                ));
            }
            continue;
        }
        value
            .check(&parameter.limits)
            .map_err(|Invalid(why)| RequestError::new(operation, parameter.name, why))?;
        let pairs = match parameter.location {
            Location::Query => &mut encoded.query,
            Location::Form => &mut encoded.form,
            Location::Header => &mut encoded.headers,
            Location::Path => {
                let text = scalar_text(*value, parameter.style);
                let slot = format!("{{{}}}", parameter.name);
                encoded.path = encoded.path.replace(&slot, &percent_encode(&text));
                continue;
            }
            Location::Host => {
                // It goes in front of the service's host: a label, no more.
                let host = scalar_text(*value, parameter.style);
                if host.is_empty() || !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                {
                    return Err(RequestError::new(
                        operation,
                        parameter.name,
                        "a host part is letters, digits and `-`",
                    ));
                }
                encoded.host = Some(host);
                continue;
            }
            Location::Body => {
                encoded.body = Some(body_text(*value, parameter.style));
                continue;
            }
        };
        match parameter.style {
            Style::Flat => {
                // One key buffer and one stack of marks for every parameter.
                let mut key = std::mem::take(&mut flat_key);
                key.clear();
                key.push_str(parameter.name);
                let mut sink = FlatSink {
                    key,
                    marks: std::mem::take(&mut flat_marks),
                    out: pairs,
                };
                value.write(&mut sink);
                (flat_key, flat_marks) = (sink.key, sink.marks);
            }
            style => pairs.push(parameter.name, &scalar_text(*value, style)),
        }
    }
    Ok(encoded)
}

/// A value that goes as one text (a path or host part, a `json` or
/// `simple` parameter): a scalar's text, a string as it is (the vendor's
/// `ToJSONString` passes strings through), or the style's text of a
/// structured value.
fn scalar_text(value: &dyn Param, style: Style) -> String {
    let style = if style == Style::Flat {
        Style::Simple
    } else {
        style
    };
    lone_scalar(value).unwrap_or_else(|| one_text(value, style))
}

/// The text of a value that is one scalar.
fn lone_scalar(value: &dyn Param) -> Option<String> {
    let mut pairs = Pairs::default();
    value.write(&mut FlatSink {
        key: String::new(),
        marks: Vec::new(),
        out: &mut pairs,
    });
    let mut iter = pairs.iter();
    match (iter.next(), iter.next()) {
        (Some(("", text)), None) => Some(text.to_owned()),
        _ => None,
    }
}

/// A body parameter's text and media type: a string's text as it is, a
/// structured value as JSON or (style `xml`) XML.
fn body_text(value: &dyn Param, style: Style) -> (String, &'static str) {
    if let Some(text) = lone_scalar(value) {
        return (text, "text/plain");
    }
    if style == Style::Xml {
        let mut sink = XmlSink {
            writer: XmlWriter::new(),
            open: Vec::new(),
        };
        value.write(&mut sink);
        return (sink.writer.finish(), "application/xml");
    }
    (one_text(value, Style::Json), "application/json")
}

/// XML: an element per field, an element per item named as its list.
struct XmlSink {
    writer: XmlWriter,
    /// The elements entered, innermost last; an item's is empty.
    open: Vec<String>,
}

impl Sink for XmlSink {
    fn scalar(&mut self, value: Scalar<'_>) {
        if !matches!(value, Scalar::Null) {
            let mut text = String::new();
            push_scalar(&mut text, value);
            self.writer.text(&text);
        }
    }
    fn open(&mut self, _: Container) {}
    fn enter(&mut self, step: Step<'_>) {
        match step {
            Step::Key(key) => {
                self.writer.open(key);
                self.open.push(key.to_owned());
            }
            // An item is named as its list, whose element is open: each
            // item after the first closes it and opens another.
            Step::Index(i) => {
                if let Some(list) = self.open.last().filter(|_| i > 0) {
                    self.writer.close(list);
                    self.writer.open(list);
                }
                self.open.push(String::new());
            }
        }
    }
    fn leave(&mut self) {
        if let Some(name) = self.open.pop().filter(|name| !name.is_empty()) {
            self.writer.close(&name);
        }
    }
    fn close(&mut self, _: Container) {}
}

/// The parameters an RPC call carries beside its request's: the key, the
/// action, the format, the token, the signature and its parts, the time and
/// the version. What a fake takes off before reading the request.
pub const COMMON_PARAMETERS: [&str; 10] = [
    "AccessKeyId",
    "Action",
    "Format",
    "SecurityToken",
    "Signature",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureVersion",
    "Timestamp",
    "Version",
];

/// The pairs of a query or a form (`a=1&b=x%20y`), percent-decoded (`+` is
/// a space), in order: what a server reads of a request.
pub fn decode_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

/// `text` percent-decoded (`%2F` is `/`, `+` a space); an invalid escape
/// is kept as it is.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[at],
            bytes.get(at + 1).copied().and_then(hex),
            bytes.get(at + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                at += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                at += 1;
            }
            (byte, _, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Tag {
        key: Option<String>,
        value: Option<String>,
    }

    impl Param for Tag {
        fn write(&self, sink: &mut dyn Sink) {
            write_object(sink, &[("Key", &self.key), ("Value", &self.value)]);
        }
    }

    fn tag(key: &str, value: Option<&str>) -> Tag {
        Tag {
            key: Some(key.into()),
            value: value.map(Into::into),
        }
    }

    const PARAMETERS: [Parameter; 5] = [
        Parameter::new("RegionId", Location::Query),
        Parameter::new("PageSize", Location::Query).limits(Limits {
            minimum: Some(1.0),
            maximum: Some(50.0),
            ..Limits::NONE
        }),
        Parameter::new("ScalingGroupId", Location::Query).limits(Limits {
            max_items: Some(2),
            ..Limits::NONE
        }),
        Parameter::new("Tag", Location::Query),
        Parameter::new("Overrides", Location::Form).style(Style::Json),
    ];

    fn encode_with(page_size: Option<i32>, ids: Vec<String>) -> Result<Encoded, RequestError> {
        let tags = vec![tag("env", Some("prod")), tag("team", None)];
        let overrides: Value = serde_json::json!({"Cpu": 2.0, "Name": "a\"b"});
        encode(
            "DescribeScalingGroups",
            "/",
            &PARAMETERS,
            &[
                &"cn-hangzhou".to_owned(),
                &page_size,
                &ids,
                &tags,
                &overrides,
            ],
        )
    }

    #[test]
    fn lists_are_numbered_from_one_and_objects_are_flattened_by_field() {
        // The rule of darabonba's OpenApiUtil.query: `Tag.1.Key`, lists from 1.
        let encoded = encode_with(Some(10), vec!["asg-1".into(), "asg-2".into()]).unwrap();
        let query: Vec<(&str, &str)> = encoded.query.iter().collect();
        assert_eq!(
            query,
            [
                ("RegionId", "cn-hangzhou"),
                ("PageSize", "10"),
                ("ScalingGroupId.1", "asg-1"),
                ("ScalingGroupId.2", "asg-2"),
                ("Tag.1.Key", "env"),
                ("Tag.1.Value", "prod"),
                ("Tag.2.Key", "team"),
            ]
        );
        assert_eq!(
            encoded.form.iter().collect::<Vec<_>>(),
            [("Overrides", r#"{"Cpu":2.0,"Name":"a\"b"}"#)]
        );
    }

    #[test]
    fn values_out_of_their_limits_are_errors_that_name_the_parameter() {
        let e = encode_with(Some(60), Vec::new()).unwrap_err();
        assert_eq!(e.parameter(), "PageSize");
        assert_eq!(
            e.to_string(),
            "DescribeScalingGroups: parameter PageSize: 60 is out of range: it must be at most 50"
        );
        let e = encode_with(Some(0), Vec::new()).unwrap_err();
        assert!(e.problem().contains("at least 1"), "{e}");
        let e = encode_with(None, vec!["a".into(), "b".into(), "c".into()]).unwrap_err();
        assert_eq!(e.problem(), "3 items, more than the 2 allowed");
    }

    #[test]
    fn a_null_inside_a_value_is_null_in_json_and_nothing_flat() {
        let value = serde_json::json!({"Cpu": null, "List": [null, "x"]});
        assert_eq!(
            one_text(&value, Style::Json),
            r#"{"Cpu":null,"List":[null,"x"]}"#
        );
        let mut pairs = Pairs::default();
        value.write(&mut FlatSink {
            key: "P".into(),
            marks: Vec::new(),
            out: &mut pairs,
        });
        assert_eq!(pairs.iter().collect::<Vec<_>>(), [("P.List.2", "x")]);
    }

    #[test]
    fn a_host_part_is_one_label() {
        const BUCKET: [Parameter; 1] = [Parameter::new("bucket", Location::Host)];
        let ok = encode("GetBucketInfo", "/", &BUCKET, &[&"my-bucket".to_owned()]).unwrap();
        assert_eq!(ok.host.as_deref(), Some("my-bucket"));
        for bad in ["evil.example/x#", "", "a.b", "a b"] {
            let e = encode("GetBucketInfo", "/", &BUCKET, &[&bad.to_owned()]);
            assert_eq!(e.unwrap_err().parameter(), "bucket", "{bad:?}");
        }
    }

    #[test]
    fn secrets_are_told_by_their_names() {
        // Names of secrets in the vendor's catalogue, and of what is not.
        for secret in [
            "Password",
            "AccountPassword",
            "PassWord",
            "ImageRegistryCredential.1.Password",
            "client_secret",
            "AccessKeySecret",
            "accessToken",
            "x-acs-airticket-access-token",
            "SecurityToken",
            "x-acs-security-token",
            "PrivateKey",
        ] {
            assert!(is_secret(secret), "{secret}");
        }
        for open in [
            "PasswordInherit",
            "ClientToken",
            "NextToken",
            "SecretName",
            "Password.1.Name",
            "word",
            "",
        ] {
            assert!(!is_secret(open), "{open}");
        }
        let pairs: Pairs = [("Password", "p4ss"), ("Name", "web")]
            .into_iter()
            .collect();
        assert_eq!(
            format!("{pairs:?}"),
            r#"[("Password", <hidden>), ("Name", "web")]"#
        );
    }

    #[test]
    fn integers_are_written_in_decimal() {
        for i in [0, 7, 10, 1234567890, -1, -45, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_integer(&mut out, i);
            assert_eq!(out, i.to_string());
        }
    }

    #[test]
    fn enums_lengths_and_floats_are_checked() {
        let limits = Limits {
            values: &["ECS", "ECI"],
            ..Limits::NONE
        };
        assert!("ECS".check(&limits).is_ok());
        assert!("EC2".check(&limits).unwrap_err().0.contains("ECS, ECI"));
        let limits = Limits {
            max_length: Some(3),
            ..Limits::NONE
        };
        assert!("abc".check(&limits).is_ok());
        assert!("abcd".check(&limits).is_err());
        assert!(f64::NAN.check(&Limits::NONE).is_err());
        let limits = Limits {
            minimum: Some(0.0),
            exclusive_minimum: true,
            ..Limits::NONE
        };
        assert!(0.0.check(&limits).is_err());
        assert!(0.5.check(&limits).is_ok());
    }

    #[test]
    fn paths_headers_bodies_and_simple_lists() {
        const ROA: [Parameter; 4] = [
            Parameter::new("ClusterId", Location::Path),
            Parameter::new("x-acs-tag", Location::Header),
            Parameter::new("names", Location::Query).style(Style::Simple),
            Parameter::new("body", Location::Body).style(Style::Json),
        ];
        let body = serde_json::json!({"name": "c1", "tags": [{"key": "k"}]});
        let names = vec!["a".to_owned(), "b".to_owned()];
        let encoded = encode(
            "Op",
            "/clusters/{ClusterId}/nodes",
            &ROA,
            &[&"c 1/x".to_owned(), &"t".to_owned(), &names, &body],
        )
        .unwrap();
        assert_eq!(encoded.path, "/clusters/c%201%2Fx/nodes");
        assert_eq!(
            encoded.headers.iter().collect::<Vec<_>>(),
            [("x-acs-tag", "t")]
        );
        assert_eq!(encoded.query.iter().collect::<Vec<_>>(), [("names", "a,b")]);
        assert_eq!(
            encoded.body,
            Some((
                r#"{"name":"c1","tags":[{"key":"k"}]}"#.to_owned(),
                "application/json"
            ))
        );
        let missing = encode("Op", "/c/{ClusterId}", &ROA[..1], &[&None::<String>]);
        assert_eq!(missing.unwrap_err().parameter(), "ClusterId");
    }

    #[test]
    fn simple_and_json_styles_write_strings_as_they_are() {
        // darabonba-openapi-util (golang/service/service.go):
        // `ArrayToStringWithSpecifiedStyle` with "simple" is `flatArray`,
        // which keeps a string item as it is, writes any other item with
        // `json.Marshal` and joins them by ","; with "json" it is tea-utils'
        // `ToJSONString`, which returns a string unchanged.
        const STYLED: [Parameter; 2] = [
            Parameter::new("Simple", Location::Query).style(Style::Simple),
            Parameter::new("Json", Location::Query).style(Style::Json),
        ];
        for (value, simple, json) in [
            (
                serde_json::json!(["a b", 1, true, {"k": "v"}, [1, 2]]),
                r#"a b,1,true,{"k":"v"},[1,2]"#,
                r#"["a b",1,true,{"k":"v"},[1,2]]"#,
            ),
            (serde_json::json!("[1,2]"), "[1,2]", "[1,2]"),
            (
                serde_json::json!(u64::MAX),
                "18446744073709551615",
                "18446744073709551615",
            ),
        ] {
            let encoded = encode("Op", "/", &STYLED, &[&value, &value]).unwrap();
            assert_eq!(
                encoded.query.iter().collect::<Vec<_>>(),
                [("Simple", simple), ("Json", json)],
                "{value}"
            );
        }
        // Nothing in it, nothing sent: as an empty `Vec`.
        for empty in [serde_json::json!([]), serde_json::json!({})] {
            let encoded = encode("Op", "/", &STYLED, &[&empty, &empty]).unwrap();
            assert!(encoded.query.is_empty(), "{empty}");
        }
    }

    #[test]
    fn an_xml_body_has_an_element_per_field_and_per_item() {
        let body = serde_json::json!({"Rule": [{"ID": "a"}, {"ID": "b"}], "Status": "On"});
        let (xml, media) = body_text(&body, Style::Xml);
        assert_eq!(media, "application/xml");
        assert_eq!(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Rule><ID>a</ID></Rule><Rule><ID>b</ID></Rule><Status>On</Status>");
    }
}
