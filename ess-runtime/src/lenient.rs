//! `#[serde(with = "ess_runtime::lenient")]`: a number or a boolean that the
//! service sends either as itself or as a string.
//!
//! The vendor's own JSON samples write `"PageNumber": "1"` next to
//! `"PageSize": 10`, and in XML every value is text. Fields of the types
//! that implement [`Lenient`] (the integer and float types, `bool`, and
//! `Option`s of them) accept both. An `Option` is `None` for `null`, an empty
//! string or an empty element; add `default` to the attribute to also make
//! an absent field `None`: `#[serde(default, with = "ess_runtime::lenient")]`.
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
//! }
//!
//! let page: Page = serde_json::from_str(r#"{"PageNumber": "1", "TotalCount": 3}"#).unwrap();
//! assert_eq!((page.page_number, page.total_count), (1, Some(3)));
//! let page: Page = serde_json::from_str(r#"{"PageNumber": 2, "TotalCount": ""}"#).unwrap();
//! assert_eq!((page.page_number, page.total_count), (2, None));
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
    deserializer.deserialize_any(LenientVisitor(PhantomData))
}

/// A value that [`deserialize`] reads from itself or from text.
pub trait Lenient: Sized {
    /// What the value is, for error messages.
    const EXPECTING: &'static str;
    /// From text, trimmed.
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
}

macro_rules! lenient_integer {
    ($($ty:ty),*) => {
        $(
            impl Lenient for $ty {
                const EXPECTING: &'static str = concat!("an integer (", stringify!($ty), "), or one as a string");
                fn from_text(text: &str) -> Option<Self> {
                    text.parse().ok()
                }
                fn from_i128(value: i128) -> Option<Self> {
                    value.try_into().ok()
                }
                fn from_f64(_: f64) -> Option<Self> {
                    None
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
                    text.parse().ok()
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
    const EXPECTING: &'static str = "a boolean, or \"true\" or \"false\"";
    fn from_text(text: &str) -> Option<Self> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
    fn from_i128(_: i128) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
}

impl<T: Lenient> Lenient for Option<T> {
    const EXPECTING: &'static str = T::EXPECTING;
    fn from_text(text: &str) -> Option<Self> {
        if text.is_empty() {
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

struct LenientVisitor<T>(PhantomData<T>);

impl<T: Lenient> Visitor<'_> for LenientVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::from_text(text.trim()).ok_or_else(|| E::invalid_value(Unexpected::Str(text), &self))
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
