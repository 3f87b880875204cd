//! What the two formats share: the `RequestId` beside the user's fields,
//! and the error envelope. Both are plain serde code, run over
//! `serde_json`'s deserializer for JSON and over [`crate::xml`]'s for XML,
//! so the same body gives the same values in either format.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The request id's key, in the spellings of the vendor's styles.
pub fn is_request_id(key: &str) -> bool {
    ErrorKey::of(key) == Some(ErrorKey::RequestId)
}

/// The member of an error envelope that `key` names (`"code"`,
/// `"message"`, `"request_id"`, ...), in any of the vendor's spellings.
pub fn envelope_member(key: &str) -> Option<&'static str> {
    ErrorKey::of(key).map(|member| match member {
        ErrorKey::Code => "code",
        ErrorKey::Message => "message",
        ErrorKey::RequestId => "request_id",
        ErrorKey::HostId => "host_id",
        ErrorKey::Recommend => "recommend",
        ErrorKey::AccessDeniedDetail => "access_denied_detail",
        ErrorKey::Nested => "error",
    })
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
        // Only a string is an id; any other value goes to the type as it is.
        match self.inner.next_value::<serde_json::Value>()? {
            serde_json::Value::String(id) => {
                let value = seed.deserialize(id.as_str().into_deserializer())?;
                *self.request_id = Some(id);
                Ok(value)
            }
            other => seed.deserialize(other).map_err(de::Error::custom),
        }
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

/// The fields of an error response, in either format. Text borrows from
/// the body wherever it has no escapes, to be copied once, into the one
/// allocation an [`ApiError`](crate::error::ApiError) keeps it in; the code is
/// looked up in the operation's enum afterwards, so that this reader is one
/// for every operation.
///
/// Each field is read under every spelling the vendor's styles use (RPC's
/// `Code`, ROA's `code`, `errorCode` and `error_code`, ...; see
/// [`ErrorKey::of`]), the first one given that is not empty wins, and an
/// envelope nested under `error` or `Error` fills what the outer one leaves
/// empty.
#[derive(Debug, Default)]
pub(crate) struct ErrorFields<'a> {
    pub(crate) code: Cow<'a, str>,
    pub(crate) message: Cow<'a, str>,
    pub(crate) request_id: Cow<'a, str>,
    pub(crate) host_id: Cow<'a, str>,
    pub(crate) recommend: Cow<'a, str>,
    pub(crate) access_denied_detail: Option<Box<serde_json::Value>>,
}

/// The members of an error envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKey {
    Code,
    Message,
    RequestId,
    HostId,
    Recommend,
    AccessDeniedDetail,
    /// An envelope inside the envelope.
    Nested,
}

impl ErrorKey {
    /// The member `key` names, in any of the vendor's spellings.
    pub(crate) fn of(key: &str) -> Option<ErrorKey> {
        // RPC's spellings first: a `match` on text tries its arms in order.
        let rpc = match key {
            "RequestId" => Some(ErrorKey::RequestId),
            "HostId" => Some(ErrorKey::HostId),
            "Code" => Some(ErrorKey::Code),
            "Message" => Some(ErrorKey::Message),
            _ => None,
        };
        if rpc.is_some() {
            return rpc;
        }
        Some(match key {
            "code" | "ErrorCode" | "errorCode" | "error_code" => ErrorKey::Code,
            "message" | "ErrorMessage" | "errorMessage" | "errorMsg" | "error_msg" => {
                ErrorKey::Message
            }
            "requestId" | "request_id" => ErrorKey::RequestId,
            "hostId" => ErrorKey::HostId,
            "Recommend" | "recommend" => ErrorKey::Recommend,
            "AccessDeniedDetail" | "accessDeniedDetail" => ErrorKey::AccessDeniedDetail,
            "Error" | "error" => ErrorKey::Nested,
            _ => return None,
        })
    }
}

impl<'a> ErrorFields<'a> {
    /// The text field of `key`.
    fn text(&mut self, key: ErrorKey) -> Option<&mut Cow<'a, str>> {
        match key {
            ErrorKey::Code => Some(&mut self.code),
            ErrorKey::Message => Some(&mut self.message),
            ErrorKey::RequestId => Some(&mut self.request_id),
            ErrorKey::HostId => Some(&mut self.host_id),
            ErrorKey::Recommend => Some(&mut self.recommend),
            ErrorKey::AccessDeniedDetail | ErrorKey::Nested => None,
        }
    }

    /// Fills what is still empty from `inner`.
    fn fill_from(&mut self, inner: ErrorFields<'a>) {
        for (mine, theirs) in [
            (&mut self.code, inner.code),
            (&mut self.message, inner.message),
            (&mut self.request_id, inner.request_id),
            (&mut self.host_id, inner.host_id),
            (&mut self.recommend, inner.recommend),
        ] {
            if mine.is_empty() {
                *mine = theirs;
            }
        }
        if self.access_denied_detail.is_none() {
            self.access_denied_detail = inner.access_denied_detail;
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ErrorFields<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ErrorFieldsVisitor(std::marker::PhantomData))
    }
}

struct ErrorFieldsVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for ErrorFieldsVisitor<'a> {
    type Value = ErrorFields<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = ErrorFields::default();
        let mut nested = None;
        while let Some(KeyOf(key)) = map.next_key()? {
            match key {
                Some(ErrorKey::AccessDeniedDetail) if fields.access_denied_detail.is_none() => {
                    fields.access_denied_detail = map.next_value()?;
                }
                Some(ErrorKey::Nested) if nested.is_none() => {
                    nested = map.next_value::<NestedFields<'a>>()?.0;
                }
                Some(key) => match fields.text(key) {
                    Some(slot) if slot.is_empty() => *slot = map.next_value::<Text<'de>>()?.0,
                    _ => {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                },
                None => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        if let Some(inner) = nested {
            fields.fill_from(inner);
        }
        Ok(fields)
    }
}

/// A key of an error envelope, read as the member it names.
struct KeyOf(Option<ErrorKey>);

impl<'de> Deserialize<'de> for KeyOf {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = KeyOf;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<Er: de::Error>(self, key: &str) -> Result<KeyOf, Er> {
                Ok(KeyOf(ErrorKey::of(key)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// `error`: an envelope when it is an object, and nothing otherwise (a
/// success body's `"error": ""`).
struct NestedFields<'a>(Option<ErrorFields<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for NestedFields<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NestedVisitor<'a>(std::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for NestedVisitor<'a> {
            type Value = NestedFields<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error envelope")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                ErrorFieldsVisitor(std::marker::PhantomData)
                    .visit_map(map)
                    .map(|fields| NestedFields(Some(fields)))
            }

            fn visit_str<Er: de::Error>(self, _: &str) -> Result<Self::Value, Er> {
                Ok(NestedFields(None))
            }

            fn visit_unit<Er: de::Error>(self) -> Result<Self::Value, Er> {
                Ok(NestedFields(None))
            }

            fn visit_none<Er: de::Error>(self) -> Result<Self::Value, Er> {
                Ok(NestedFields(None))
            }

            fn visit_bool<Er: de::Error>(self, _: bool) -> Result<Self::Value, Er> {
                Ok(NestedFields(None))
            }

            fn visit_i64<Er: de::Error>(self, _: i64) -> Result<Self::Value, Er> {
                Ok(NestedFields(None))
            }

            fn visit_u64<Er: de::Error>(self, _: u64) -> Result<Self::Value, Er> {
                Ok(NestedFields(None))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(NestedFields(None))
            }
        }

        deserializer.deserialize_any(NestedVisitor(std::marker::PhantomData))
    }
}

/// Text that borrows from the body where it can: a string, or the text of
/// a number or boolean; `null` is empty.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<'a>(std::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
            type Value = Text<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }

            fn visit_borrowed_str<Er: de::Error>(self, text: &'de str) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<Er: de::Error>(self, text: &str) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<Er: de::Error>(self, text: String) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Owned(text)))
            }

            fn visit_i64<Er: de::Error>(self, n: i64) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Owned(n.to_string())))
            }

            fn visit_u64<Er: de::Error>(self, n: u64) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Owned(n.to_string())))
            }

            fn visit_f64<Er: de::Error>(self, n: f64) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Owned(n.to_string())))
            }

            fn visit_bool<Er: de::Error>(self, b: bool) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Borrowed(if b { "true" } else { "false" })))
            }

            fn visit_unit<Er: de::Error>(self) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Borrowed("")))
            }

            fn visit_none<Er: de::Error>(self) -> Result<Text<'a>, Er> {
                Ok(Text(Cow::Borrowed("")))
            }
        }

        deserializer.deserialize_any(TextVisitor(std::marker::PhantomData))
    }
}

/// The fields of the vendor's error body.
#[derive(Debug, Clone, Copy)]
pub struct ErrorBody<'a> {
    /// `RequestId`.
    pub request_id: &'a str,
    /// `HostId`: the host called.
    pub host_id: &'a str,
    /// `Code`.
    pub code: &'a str,
    /// `Message`.
    pub message: &'a str,
    /// `Recommend`: where the vendor's troubleshooter explains the code.
    pub recommend: Option<&'a str>,
}

/// The vendor's error body, as an RPC service writes it in `format`, and
/// its content type: `RequestId`, `HostId`, `Code`, `Message` and
/// `Recommend` (in XML, under `<Error>`). What a fake answers: the mock
/// transport, `ess serve`.
pub fn error_body(format: crate::error::Format, error: &ErrorBody<'_>) -> (String, &'static str) {
    match format {
        crate::error::Format::Json => {
            let mut body = serde_json::json!({
                "RequestId": error.request_id,
                "HostId": error.host_id,
                "Code": error.code,
                "Message": error.message,
            });
            if let Some(recommend) = error.recommend {
                body["Recommend"] = recommend.into();
            }
            (body.to_string(), "application/json;charset=utf-8")
        }
        crate::error::Format::Xml => {
            let mut writer = crate::xml::write::XmlWriter::new();
            writer.open("Error");
            writer.element("RequestId", error.request_id);
            writer.element("HostId", error.host_id);
            writer.element("Code", error.code);
            writer.element("Message", error.message);
            if let Some(recommend) = error.recommend {
                writer.element("Recommend", recommend);
            }
            writer.close("Error");
            (writer.finish(), "text/xml;charset=utf-8")
        }
    }
}
