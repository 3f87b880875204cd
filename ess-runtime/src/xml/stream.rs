//! The XML path of generated response types: the body's tokens read
//! straight into the types, without a tree.
//!
//! A generated type knows from its schema which of its elements are lists,
//! so each element can be read as it arrives: a list item is appended to its
//! list wherever it stands, an element the type does not know is skipped. Text
//! is sliced out of the body by offset, never copied unless it holds a
//! reference, and never validated as UTF-8 again (the body is a `&str`).

use std::borrow::Cow;

use super::scan::{Scanner, Token};
use super::{Text, XmlError};
use crate::error::BodyErrorKind;

pub use super::scan::Element;

/// Reads a body element by element.
pub struct XmlReader<'a> {
    scanner: Scanner<'a>,
    source: &'a str,
}

impl<'a> XmlReader<'a> {
    pub(crate) fn new(source: &'a str, max_depth: usize) -> Self {
        XmlReader {
            scanner: Scanner::new(source, max_depth),
            source,
        }
    }

    fn next(&mut self) -> Result<Token<'a>, XmlError> {
        self.scanner.next()
    }

    /// The root element: what comes before it may only be a declaration,
    /// comments, processing instructions, a DOCTYPE and white space.
    pub(crate) fn root(&mut self) -> Result<Element<'a>, XmlError> {
        loop {
            let at = self.scanner.position();
            match self.next()? {
                Token::Open(element) => return Ok(element),
                Token::Text(text) if is_blank(text) => {}
                Token::Text(_) | Token::Exact(_) => {
                    return Err(XmlError::new(at, "text outside the root element"))
                }
                Token::Other => {}
                Token::Close { name, at } => {
                    return Err(XmlError::new(at, format!("`</{name}>` closes no element")));
                }
                Token::End => return Err(XmlError::new(self.source.len(), "no root element")),
            }
        }
    }

    /// After the root element: nothing but white space, comments,
    /// processing instructions and a DOCTYPE (which, like the tree reader,
    /// this reader does not place).
    pub(crate) fn finish(&mut self) -> Result<(), XmlError> {
        loop {
            let at = self.scanner.position();
            match self.next()? {
                Token::End => return Ok(()),
                Token::Text(text) if is_blank(text) => {}
                Token::Other => {}
                Token::Open(element) => {
                    return Err(XmlError::new(element.at, "a second root element"))
                }
                Token::Text(_) | Token::Exact(_) | Token::Close { .. } => {
                    return Err(XmlError::new(at, "text outside the root element"));
                }
            }
        }
    }

    /// The next child element of `parent`, or `None` at `parent`'s end. Text
    /// between children is layout, and skipped.
    pub fn child(&mut self, parent: &Element<'a>) -> Result<Option<Element<'a>>, XmlError> {
        self.next_child(parent, None)
    }

    /// As [`XmlReader::child`], but the text between the children is kept
    /// in `text` (a list wrapper may hold a lone item's text instead of item
    /// elements).
    pub fn child_keeping_text(
        &mut self,
        parent: &Element<'a>,
        text: &mut Cow<'a, str>,
    ) -> Result<Option<Element<'a>>, XmlError> {
        let mut builder = Text::new();
        let child = self.next_child(parent, Some(&mut builder))?;
        let more = builder.finish();
        if !more.is_empty() {
            if text.is_empty() {
                *text = more;
            } else {
                text.to_mut().push_str(&more);
            }
        }
        Ok(child)
    }

    fn next_child(
        &mut self,
        parent: &Element<'a>,
        mut text: Option<&mut Text<'a>>,
    ) -> Result<Option<Element<'a>>, XmlError> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            if text.is_none() {
                self.scanner.skip_blank();
            }
            match self.next()? {
                Token::Open(element) => return Ok(Some(element)),
                piece @ (Token::Text(_) | Token::Exact(_)) => {
                    if let Some(text) = text.as_deref_mut() {
                        text.push(piece);
                    }
                }
                Token::Other => {}
                Token::Close { name, at } => return self.closes(parent, name, at).map(|()| None),
                Token::End => return Err(ends_inside(parent, self.source.len())),
            }
        }
    }

    /// The text of `element`, up to its end: text, CDATA and references
    /// joined. A child element where text belongs is an error naming `path`.
    pub fn text(
        &mut self,
        element: &Element<'a>,
        path: &dyn std::fmt::Display,
    ) -> Result<Cow<'a, str>, XmlError> {
        self.text_or_child(element)?.map_err(|child| {
            XmlError::shape(
                child.at,
                format!(
                    "`{path}`: expected text, found the element <{}>",
                    child.name
                ),
            )
        })
    }

    /// The text of `element`, up to its end, or the first child element
    /// met instead (the text before it is dropped, and the reader stands
    /// inside the child).
    pub(crate) fn text_or_child(
        &mut self,
        element: &Element<'a>,
    ) -> Result<Result<Cow<'a, str>, Element<'a>>, XmlError> {
        if element.empty {
            return Ok(Ok(Cow::Borrowed("")));
        }
        if let Some(plain) = self.scanner.plain_text(element.name) {
            return Ok(Ok(Cow::Borrowed(plain)));
        }
        let mut text = Text::new();
        loop {
            match self.next()? {
                piece @ (Token::Text(_) | Token::Exact(_)) => text.push(piece),
                Token::Other => {}
                Token::Open(child) => return Ok(Err(child)),
                Token::Close { name, at } => {
                    return self.closes(element, name, at).map(|()| Ok(text.finish()))
                }
                Token::End => return Err(ends_inside(element, self.source.len())),
            }
        }
    }

    /// Skips `element`'s content, up to its end.
    pub fn skip(&mut self, element: &Element<'a>) -> Result<(), XmlError> {
        if element.empty {
            return Ok(());
        }
        // The elements open inside `element`, to match their end tags.
        let mut open: Vec<Element<'a>> = vec![*element];
        while let Some(innermost) = open.last().copied() {
            match self.next()? {
                Token::Open(child) if child.empty => {}
                Token::Open(child) => open.push(child),
                Token::Close { name, at } => {
                    self.closes(&innermost, name, at)?;
                    open.pop();
                }
                Token::Text(_) | Token::Exact(_) | Token::Other => {}
                Token::End => return Err(ends_inside(&innermost, self.source.len())),
            }
        }
        Ok(())
    }

    /// An error at `element` for a value that does not fit its field.
    pub fn shape_error(&self, element: &Element<'a>, message: String) -> XmlError {
        XmlError::shape(element.at, message)
    }

    /// Checks that the end tag `name` at `at` closes `element`.
    fn closes(&self, element: &Element<'a>, name: &str, at: usize) -> Result<(), XmlError> {
        if name == element.name {
            Ok(())
        } else {
            Err(XmlError::new(
                at,
                format!(
                    "ill-formed document: expected `</{}>`, but `</{name}>` was found",
                    element.name
                ),
            ))
        }
    }
}

fn ends_inside(element: &Element<'_>, at: usize) -> XmlError {
    XmlError::truncated(at, format!("the document ends inside <{}>", element.name))
}

fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_whitespace())
}

impl XmlError {
    /// The element holds what its field cannot take.
    pub(crate) fn shape(at: usize, message: impl Into<String>) -> Self {
        XmlError {
            kind: BodyErrorKind::Shape,
            ..XmlError::new(at, message)
        }
    }
}
