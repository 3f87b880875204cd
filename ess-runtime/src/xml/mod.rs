//! The XML paths. One tokenizer ([`scan`]) serves two readers: generated
//! response types are read by a streaming reader ([`stream`]) that knows
//! from the schema which elements are lists, and written by [`write`];
//! other serde types are read through an element tree ([`tree`]), since
//! XML has no arrays and a serde type says which of its fields are lists
//! only while it is being read.
//!
//! Both readers accept the same documents, by the rules kept here and in
//! the tokenizer: attributes, comments, processing instructions and the
//! DOCTYPE are ignored; the five predefined entities and character
//! references are resolved, and any other entity is refused, so DTD
//! entities are never expanded; an element's text is read by [`Text`];
//! nesting is limited the same way.

pub(crate) mod scan;
pub(crate) mod stream;
pub(crate) mod tree;
pub(crate) mod write;

use std::borrow::Cow;
use std::fmt;

use serde::de;

use scan::Token;

use crate::error::BodyErrorKind;

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
/// [`to_xml`](crate::operation::to_xml) writes it as `&#x0;`: every string written
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

/// An element's text, read piece by piece and kept as it is, white space
/// included, as a JSON string keeps it: the same value in either format.
/// (White space between elements is layout; the readers drop it where an
/// element holds elements.)
pub(crate) struct Text<'a> {
    text: Cow<'a, str>,
}

impl<'a> Text<'a> {
    pub(crate) fn new() -> Self {
        Text {
            text: Cow::Borrowed(""),
        }
    }

    /// Adds a piece: [`Token::Text`] or [`Token::Exact`]; others are not text.
    pub(crate) fn push(&mut self, piece: Token<'a>) {
        match piece {
            Token::Text(raw) => self.append(Cow::Borrowed(raw)),
            Token::Exact(exact) => self.append(exact),
            _ => {}
        }
    }

    fn append(&mut self, piece: Cow<'a, str>) {
        if self.text.is_empty() {
            self.text = piece;
        } else {
            self.text.to_mut().push_str(&piece);
        }
    }

    /// The text so far.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The text.
    pub(crate) fn finish(self) -> Cow<'a, str> {
        self.text
    }

    /// The text itself, borrowed from the body where it has no reference.
    pub(crate) fn borrowed(&self) -> Option<&'a str> {
        match self.text {
            Cow::Borrowed(text) => Some(text),
            Cow::Owned(_) => None,
        }
    }
}
