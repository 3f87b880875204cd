//! What the two formats share: the `RequestId` beside the user's fields,
//! and the error envelope. Both are plain serde code, run over
//! `serde_json`'s deserializer for JSON and over [`crate::xml`]'s for XML,
//! so the same body gives the same values in either format.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::{Code, ErrorCode};

/// The request id's key. Some vendor samples spell it `requestId`.
fn is_request_id(key: &str) -> bool {
    key == "RequestId" || key == "requestId"
}

/// Deserializes `T` from a response object and picks up its `RequestId` on
/// the way, in one pass: `T` sees every key, `RequestId` included, so it may
/// declare that field too or ignore it.
pub(crate) fn with_request_id<'de, T, D>(deserializer: D) -> Result<(T, Option<String>), D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    let mut request_id = None;
    let value = T::deserialize(capture(deserializer, &mut request_id))?;
    Ok((value, request_id))
}

/// `deserializer`, copying the top-level map's `RequestId` into
/// `request_id` on the way.
pub(crate) fn capture<'de, 'r, D: Deserializer<'de> + 'r>(
    deserializer: D,
    request_id: &'r mut Option<String>,
) -> impl Deserializer<'de, Error = D::Error> + 'r {
    Capture {
        inner: deserializer,
        request_id,
    }
}

/// A deserializer that passes everything through to `inner`, except that the
/// top-level map's `RequestId` is copied out.
struct Capture<'r, D> {
    inner: D,
    request_id: &'r mut Option<String>,
}

macro_rules! forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.inner.$method(visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Capture<'_, D> {
    type Error = D::Error;

    forward! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(CaptureVisitor {
            inner: visitor,
            request_id: self.request_id,
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(CaptureVisitor {
            inner: visitor,
            request_id: self.request_id,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let visitor = CaptureVisitor {
            inner: visitor,
            request_id: self.request_id,
        };
        self.inner.deserialize_struct(name, fields, visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_enum(name, variants, visitor)
    }
}

/// The visitor of `T`, with its map wrapped; anything else passes through.
struct CaptureVisitor<'r, V> {
    inner: V,
    request_id: &'r mut Option<String>,
}

macro_rules! forward_visit {
    ($($method:ident: $ty:ty)*) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
                self.inner.$method(value)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for CaptureVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit! {
        visit_bool: bool visit_i64: i64 visit_u64: u64 visit_i128: i128 visit_u128: u128 visit_f64: f64
        visit_str: &str visit_borrowed_str: &'de str visit_string: String
        visit_bytes: &[u8] visit_borrowed_bytes: &'de [u8]
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(deserializer)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(CaptureMap {
            inner: map,
            request_id: self.request_id,
            at_request_id: false,
        })
    }
}

struct CaptureMap<'r, A> {
    inner: A,
    request_id: &'r mut Option<String>,
    /// The key just returned is the request id.
    at_request_id: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CaptureMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(KeySeed {
            inner: seed,
            is_request_id: &mut self.at_request_id,
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        if !std::mem::take(&mut self.at_request_id) {
            return self.inner.next_value_seed(seed);
        }
        let id: String = self.inner.next_value()?;
        let value = seed.deserialize(id.as_str().into_deserializer())?;
        *self.request_id = Some(id);
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// Reads a key as a string, notes whether it is the request id, and hands it
/// to `T`'s own key seed.
struct KeySeed<'f, K> {
    inner: K,
    is_request_id: &'f mut bool,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<K::Value, E> {
        *self.is_request_id = is_request_id(key);
        self.inner
            .deserialize(de::value::BorrowedStrDeserializer::new(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<K::Value, E> {
        *self.is_request_id = is_request_id(key);
        self.inner.deserialize(key.into_deserializer())
    }
}

/// The fields of an error response, in either format. The code is looked up
/// as it is read; text borrows from the body wherever it has no escapes, to
/// be copied once, into the one allocation an [`ApiError`](crate::ApiError)
/// keeps it in.
#[derive(Debug, Deserialize)]
#[serde(bound(deserialize = "E: ErrorCode"))]
pub(crate) struct ErrorFields<'a, E> {
    #[serde(rename = "Code", default = "Option::default")]
    pub(crate) code: Option<Code<E>>,
    #[serde(rename = "Message", default, borrow)]
    pub(crate) message: Cow<'a, str>,
    #[serde(rename = "RequestId", alias = "requestId", default, borrow)]
    pub(crate) request_id: Cow<'a, str>,
    #[serde(rename = "HostId", default, borrow)]
    pub(crate) host_id: Cow<'a, str>,
    #[serde(rename = "Recommend", default, borrow)]
    pub(crate) recommend: Cow<'a, str>,
    #[serde(rename = "AccessDeniedDetail", alias = "accessDeniedDetail", default)]
    pub(crate) access_denied_detail: Option<Box<serde_json::Value>>,
}
