//! `#[serde(default, with = "ess_runtime::list")]`: a list in the vendor's
//! wrapper shape, from either format.
//!
//! The vendor wraps every list in an object named after its items:
//!
//! ```text
//! JSON: "ScalingGroups": {"ScalingGroup": [{...}, {...}]}
//! XML:  <ScalingGroups><ScalingGroup>...</ScalingGroup><ScalingGroup>...</ScalingGroup></ScalingGroups>
//! ```
//!
//! This module reads both into a `Vec`, and also accepts what real
//! responses send for short lists: one item as an object or a scalar instead
//! of an array (`"ScalingGroup": {...}`, `"LoadBalancerId": "lb-1"`), an empty
//! wrapper (`{}`, `{"ScalingGroup": []}`, `<ScalingGroups/>`), `null`, and a
//! bare array. With `default`, an absent field is an empty list.
//!
//! ```
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct ScalingGroup {
//!     #[serde(rename = "LoadBalancerIds", default, with = "ess_runtime::list")]
//!     load_balancer_ids: Vec<String>,
//! }
//!
//! let group: ScalingGroup =
//!     serde_json::from_str(r#"{"LoadBalancerIds": {"LoadBalancerId": ["lb-1", "lb-2"]}}"#).unwrap();
//! assert_eq!(group.load_balancer_ids, ["lb-1", "lb-2"]);
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Deserializes a wrapped list; see the [module documentation](self).
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_any(Wrapper(PhantomData))
}

/// The wrapper object (or what stands for it).
struct Wrapper<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Wrapper<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list wrapper such as {\"Item\": [...]}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        // The item name does not matter; a wrapper normally has one.
        while map.next_key::<IgnoredAny>()?.is_some() {
            items.extend(map.next_value::<OneOrMany<T>>()?.0);
        }
        Ok(items)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<T>, A::Error> {
        Vec::deserialize(SeqAccessDeserializer::new(seq))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    /// An XML wrapper with nothing in it (`<ScalingGroups></ScalingGroups>`),
    /// or an empty string where JSON has no list.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<T>, E> {
        if text.is_empty() {
            Ok(Vec::new())
        } else {
            Err(E::invalid_type(de::Unexpected::Str(text), &self))
        }
    }
}

/// The items under the wrapper: an array, or a lone item.
struct OneOrMany<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

struct OneOrManyVisitor<T>(PhantomData<T>);

macro_rules! lone_scalar {
    ($($method:ident: $ty:ty => $deserializer:ident),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<OneOrMany<T>, E> {
                T::deserialize(de::value::$deserializer::new(value)).map(|item| OneOrMany(vec![item]))
            }
        )*
    };
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
    type Value = OneOrMany<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list item or an array of them")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<OneOrMany<T>, A::Error> {
        Vec::deserialize(SeqAccessDeserializer::new(seq)).map(OneOrMany)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<OneOrMany<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|item| OneOrMany(vec![item]))
    }

    fn visit_unit<E: de::Error>(self) -> Result<OneOrMany<T>, E> {
        Ok(OneOrMany(Vec::new()))
    }

    lone_scalar! {
        visit_bool: bool => BoolDeserializer,
        visit_i64: i64 => I64Deserializer,
        visit_u64: u64 => U64Deserializer,
        visit_f64: f64 => F64Deserializer,
        visit_borrowed_str: &'de str => BorrowedStrDeserializer,
        visit_str: &str => StrDeserializer,
        visit_string: String => StringDeserializer,
    }
}
