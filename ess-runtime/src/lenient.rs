//! `#[serde(with = "ess_runtime::lenient")]`: a value that the service sends
//! loosely, read the way the vendor's own SDKs read it.
//!
//! The vendor's own JSON samples write `"PageNumber": "1"` next to
//! `"PageSize": 10`, and in XML every value is text. The types that
//! implement [`Lenient`] accept:
//!
//! - integers (`i8` to `u64`) and floats (`f32`, `f64`): a number, or a
//!   string holding one (white space around it is ignored); an integer
//!   also from a float without a fraction;
//! - `bool`: `true`/`false`, the strings `"true"`/`"false"` in any case, and
//!   `0`/`1` as numbers or strings;
//! - `String`: a string, or a number or boolean as the text it was written
//!   with;
//! - `Option`s of them: `None` for `null`, and for the numbers and booleans
//!   also for an empty string (the vendor's way of saying "absent"); an
//!   `Option<String>` keeps an empty string as `Some("")`.
//!
//! Add `default` to the attribute to also make an absent field `None`:
//! `#[serde(default, with = "ess_runtime::lenient")]`. The response types
//! generated from a spec read every scalar with these same rules, from JSON
//! and from XML text.
//!
//! ```
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Page {
//!     #[serde(rename = "PageNumber", with = "ess_runtime::lenient")]
//!     page_number: u32,
//!     #[serde(rename = "TotalCount", default, with = "ess_runtime::lenient")]
//!     total_count: Option<u64>,
//!     #[serde(rename = "Enabled", with = "ess_runtime::lenient")]
//!     enabled: bool,
//! }
//!
//! let page: Page = serde_json::from_str(r#"{"PageNumber": "1", "TotalCount": 3, "Enabled": 1}"#).unwrap();
//! assert_eq!((page.page_number, page.total_count, page.enabled), (1, Some(3), true));
//! let page: Page = serde_json::from_str(r#"{"PageNumber": 2, "TotalCount": "", "Enabled": "False"}"#).unwrap();
//! assert_eq!((page.page_number, page.total_count, page.enabled), (2, None, false));
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Unexpected, Visitor};
use serde::Deserializer;

/// Deserializes a lenient value; see the [module documentation](self).
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient,
{
    deserializer.deserialize_any(LenientVisitor::<T>::new(&""))
}

/// A value that [`deserialize`] reads from itself or from text.
pub trait Lenient: Sized {
    /// What the value is, for error messages.
    const EXPECTING: &'static str;
    /// From text (a JSON string, an XML element's text).
    fn from_text(text: &str) -> Option<Self>;
    /// From a JSON integer.
    fn from_i128(value: i128) -> Option<Self>;
    /// From a JSON float.
    fn from_f64(value: f64) -> Option<Self>;
    /// From a JSON boolean.
    fn from_bool(value: bool) -> Option<Self>;
    /// From `null`: only an `Option` accepts it.
    fn from_null() -> Option<Self> {
        None
    }
    /// Whether blank text is a value of this type (it is for `String`); for
    /// the others an `Option` reads blank text as absent.
    const BLANK_IS_VALUE: bool = false;
}

macro_rules! lenient_integer {
    ($($ty:ty),*) => {
        $(
            impl Lenient for $ty {
                const EXPECTING: &'static str = concat!("an integer (", stringify!($ty), "), or one as a string");
                fn from_text(text: &str) -> Option<Self> {
                    text.trim().parse().ok()
                }
                fn from_i128(value: i128) -> Option<Self> {
                    value.try_into().ok()
                }
                fn from_f64(value: f64) -> Option<Self> {
                    // Only a float that is exactly an integer: `8.0`, not `8.5`.
                    let whole = value as i128;
                    (whole as f64 == value).then_some(whole)?.try_into().ok()
                }
                fn from_bool(_: bool) -> Option<Self> {
                    None
                }
            }
        )*
    };
}

lenient_integer!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

macro_rules! lenient_float {
    ($($ty:ty),*) => {
        $(
            impl Lenient for $ty {
                const EXPECTING: &'static str = concat!("a number (", stringify!($ty), "), or one as a string");
                fn from_text(text: &str) -> Option<Self> {
                    text.trim().parse().ok()
                }
                fn from_i128(value: i128) -> Option<Self> {
                    Some(value as $ty)
                }
                fn from_f64(value: f64) -> Option<Self> {
                    Some(value as $ty)
                }
                fn from_bool(_: bool) -> Option<Self> {
                    None
                }
            }
        )*
    };
}

lenient_float!(f32, f64);

impl Lenient for bool {
    const EXPECTING: &'static str = "a boolean, \"true\" or \"false\", or 0 or 1";
    fn from_text(text: &str) -> Option<Self> {
        match text.trim() {
            "1" => Some(true),
            "0" => Some(false),
            t if t.eq_ignore_ascii_case("true") => Some(true),
            t if t.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
    fn from_i128(value: i128) -> Option<Self> {
        match value {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
}

impl Lenient for String {
    const EXPECTING: &'static str = "a string (or a number or boolean, kept as written)";
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn from_i128(value: i128) -> Option<Self> {
        Some(value.to_string())
    }
    fn from_f64(value: f64) -> Option<Self> {
        Some(value.to_string())
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(value.to_string())
    }
    const BLANK_IS_VALUE: bool = true;
}

impl<T: Lenient> Lenient for Option<T> {
    const EXPECTING: &'static str = T::EXPECTING;
    fn from_text(text: &str) -> Option<Self> {
        if !T::BLANK_IS_VALUE && text.trim().is_empty() {
            Some(None)
        } else {
            T::from_text(text).map(Some)
        }
    }
    fn from_i128(value: i128) -> Option<Self> {
        T::from_i128(value).map(Some)
    }
    fn from_f64(value: f64) -> Option<Self> {
        T::from_f64(value).map(Some)
    }
    fn from_bool(value: bool) -> Option<Self> {
        T::from_bool(value).map(Some)
    }
    fn from_null() -> Option<Self> {
        Some(None)
    }
}

/// Reads a [`Lenient`] value; `field` names it in error messages (the
/// generated types pass the field's path). Used by generated code.
#[doc(hidden)]
pub struct LenientVisitor<'f, T> {
    field: &'f dyn fmt::Display,
    value: PhantomData<T>,
}

impl<'f, T> LenientVisitor<'f, T> {
    pub(crate) fn new(field: &'f dyn fmt::Display) -> Self {
        LenientVisitor {
            field,
            value: PhantomData,
        }
    }
}

impl<T: Lenient> Visitor<'_> for LenientVisitor<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = self.field.to_string();
        if field.is_empty() {
            f.write_str(T::EXPECTING)
        } else {
            write!(f, "`{field}`: {}", T::EXPECTING)
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::from_text(text).ok_or_else(|| E::invalid_value(Unexpected::Str(text), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        T::from_i128(value.into()).ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::from_i128(value.into())
            .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        T::from_f64(value).ok_or_else(|| E::invalid_value(Unexpected::Float(value), &self))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<T, E> {
        T::from_bool(value).ok_or_else(|| E::invalid_value(Unexpected::Bool(value), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        T::from_null().ok_or_else(|| E::invalid_type(Unexpected::Unit, &self))
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.visit_unit()
    }
}
