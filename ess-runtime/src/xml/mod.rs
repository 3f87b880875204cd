//! The XML paths. Generated response types are read by a streaming
//! reader ([`stream`]) that knows from the schema which elements are lists,
//! and written by [`write`]; other serde types are read through an element
//! tree ([`tree`]), since XML has no arrays and a serde type says which of
//! its fields are lists only while it is being read.
//!
//! Both readers accept the same documents: attributes, comments,
//! processing instructions and the DOCTYPE are ignored; entity references
//! other than the five predefined ones and character references are
//! refused, so DTD entities are never expanded.

pub(crate) mod scan;
pub(crate) mod stream;
pub(crate) mod tree;
pub(crate) mod write;

use std::borrow::Cow;
use std::fmt;

use serde::de;

use crate::BodyErrorKind;

/// A problem with the XML, and the byte offset where it was found.
#[derive(Debug)]
pub struct XmlError {
    pub(crate) kind: BodyErrorKind,
    pub(crate) at: Option<usize>,
    pub(crate) message: String,
}

impl XmlError {
    /// The document is not well-formed at `at`.
    pub(crate) fn new(at: usize, message: impl Into<String>) -> Self {
        XmlError {
            kind: BodyErrorKind::Malformed,
            at: Some(at),
            message: message.into(),
        }
    }

    /// The document ends at `at`, before it is complete.
    pub(crate) fn truncated(at: usize, message: impl Into<String>) -> Self {
        XmlError {
            kind: BodyErrorKind::Truncated,
            ..XmlError::new(at, message)
        }
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for XmlError {}

impl de::Error for XmlError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        XmlError {
            kind: BodyErrorKind::Shape,
            at: None,
            message: msg.to_string(),
        }
    }
}

/// Whether `name` can start an element: `<<x>` or `1<2` are really text
/// with an unescaped `<`. Only the first byte is checked: the rest of a name
/// ends at white space, `/` or `>`, which is all the readers need.
pub(crate) fn is_xml_name(name: &str) -> bool {
    name.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80)
}

/// What the reference `&name;` stands for: a predefined entity, or a
/// character reference to any Unicode scalar value. NUL is accepted too,
/// though XML 1.0 has no place for it, because a Rust string can hold it and
/// [`to_xml`](crate::to_xml) writes it as `&#x0;`: every string written
/// reads back.
pub(crate) fn resolve_reference(name: &str, at: usize) -> Result<Cow<'static, str>, XmlError> {
    if let Some(number) = name.strip_prefix('#') {
        let (digits, radix) = match number.strip_prefix('x') {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        return Some(digits)
            .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_digit(radix)))
            .and_then(|d| u32::from_str_radix(d, radix).ok())
            .and_then(char::from_u32)
            .map(|c| Cow::Owned(c.to_string()))
            .ok_or_else(|| {
                XmlError::new(
                    at,
                    format!("`&{name};` is not a character reference: write `&#` and a Unicode scalar value in decimal, or `&#x` and one in hexadecimal"),
                )
            });
    }
    let text = match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => {
            return Err(XmlError::new(
                at,
                format!("unknown entity `&{name};`: only the five predefined entities are accepted (DTD entities are never expanded)"),
            ))
        }
    };
    Ok(Cow::Borrowed(text))
}
