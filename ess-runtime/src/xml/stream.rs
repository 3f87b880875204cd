//! The XML path of generated response types: quick-xml's events read
//! straight into the types, without a tree.
//!
//! A generated type knows from its schema which of its elements are lists,
//! so each element can be read as it arrives: a list item is appended to its
//! list wherever it stands, an element the type does not know is skipped. Text
//! is sliced out of the body by offset, never copied unless it holds an
//! entity reference, and never validated as UTF-8 again (the body is a
//! `&str`).

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{is_xml_name, offset, resolve_reference, XmlError};
use crate::field::{Record, Seen};
use crate::BodyErrorKind;

/// An element just opened: its name, whether it was written `<Name/>`,
/// and where its start tag is.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    name: &'a str,
    empty: bool,
    at: usize,
}

impl<'a> Element<'a> {
    /// The element's name.
    pub fn name(&self) -> &'a str {
        self.name
    }
}

/// Reads a body element by element.
pub struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    source: &'a str,
    depth: usize,
    max_depth: usize,
}

/// What the next event is, with the parts of it the readers need.
enum Next<'a> {
    Open(Element<'a>),
    /// Text as written: the white space around an element's text is layout.
    Text(&'a str),
    /// Text that is exactly what it says: CDATA, a resolved reference.
    Exact(Cow<'a, str>),
    Close(&'a str, usize),
    Other,
    End,
}

/// An element's text, read piece by piece: white space at its start and
/// end is dropped where it is written as plain text (pretty-printing), and
/// kept where it is CDATA or a character reference.
struct TextBuilder<'a> {
    text: Cow<'a, str>,
    /// The text up to here must be kept: it ends an exact piece.
    kept: usize,
}

impl<'a> TextBuilder<'a> {
    fn new() -> Self {
        TextBuilder {
            text: Cow::Borrowed(""),
            kept: 0,
        }
    }

    fn push(&mut self, piece: Next<'a>) {
        match piece {
            Next::Text(raw) => {
                let raw = if self.text.is_empty() && self.kept == 0 {
                    raw.trim_start()
                } else {
                    raw
                };
                self.append(Cow::Borrowed(raw));
            }
            Next::Exact(exact) => {
                self.append(exact);
                self.kept = self.text.len();
            }
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

    fn finish(self) -> Cow<'a, str> {
        let end = self.text.trim_end().len().max(self.kept);
        match self.text {
            Cow::Borrowed(text) => Cow::Borrowed(&text[..end]),
            Cow::Owned(mut text) => {
                text.truncate(end);
                Cow::Owned(text)
            }
        }
    }
}

impl<'a> XmlReader<'a> {
    pub(crate) fn new(source: &'a str, max_depth: usize) -> Self {
        let mut reader = Reader::from_str(source);
        // End tags are checked against the element they close below, which
        // costs a comparison instead of a copy of every name.
        reader.config_mut().check_end_names = false;
        XmlReader {
            reader,
            source,
            depth: 0,
            max_depth,
        }
    }

    fn next(&mut self) -> Result<Next<'a>, XmlError> {
        let start = offset(self.reader.buffer_position());
        let event = self
            .reader
            .read_event()
            .map_err(|e| XmlError::reader(offset(self.reader.error_position()), &e))?;
        let end = offset(self.reader.buffer_position());
        let source = self.source;
        Ok(match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let len = e.name().as_ref().len();
                let name = source.get(start + 1..start + 1 + len).unwrap_or("");
                if !is_xml_name(name) {
                    return Err(XmlError::new(
                        start,
                        format!("`<{name}` does not start an element: an unescaped `<` in text?"),
                    ));
                }
                Next::Open(Element {
                    name,
                    empty,
                    at: start,
                })
            }
            Event::End(e) => {
                let len = e.name().as_ref().len();
                Next::Close(source.get(start + 2..start + 2 + len).unwrap_or(""), start)
            }
            Event::Text(_) => Next::Text(source.get(start..end).unwrap_or("")),
            Event::CData(_) => Next::Exact(Cow::Borrowed(
                source.get(start + 9..end.saturating_sub(3)).unwrap_or(""),
            )),
            Event::GeneralRef(reference) => {
                Next::Exact(Cow::Owned(resolve_reference(&reference, start)?))
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => Next::Other,
            Event::Eof => Next::End,
        })
    }

    /// The root element: what comes before it may only be a declaration,
    /// comments, processing instructions, a DOCTYPE and white space.
    pub(crate) fn root(&mut self) -> Result<Element<'a>, XmlError> {
        loop {
            match self.next()? {
                Next::Open(element) => return Ok(element),
                Next::Text(text) if is_blank(text) => {}
                Next::Text(_) | Next::Exact(_) => {
                    return Err(self.here("text outside the root element"))
                }
                Next::Other => {}
                Next::Close(name, at) => {
                    return Err(XmlError::new(at, format!("`</{name}>` closes no element")));
                }
                Next::End => return Err(XmlError::new(self.source.len(), "no root element")),
            }
        }
    }

    /// After the root element: nothing but white space and comments.
    pub(crate) fn finish(&mut self) -> Result<(), XmlError> {
        loop {
            match self.next()? {
                Next::End => return Ok(()),
                Next::Text(text) if is_blank(text) => {}
                Next::Other => {}
                Next::Open(element) => {
                    return Err(XmlError::new(element.at, "a second root element"))
                }
                Next::Text(_) | Next::Exact(_) | Next::Close(..) => {
                    return Err(self.here("text outside the root element"));
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
        let mut builder = TextBuilder::new();
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
        mut text: Option<&mut TextBuilder<'a>>,
    ) -> Result<Option<Element<'a>>, XmlError> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            match self.next()? {
                Next::Open(element) => return Ok(Some(element)),
                piece @ (Next::Text(_) | Next::Exact(_)) => {
                    if let Some(text) = text.as_deref_mut() {
                        text.push(piece);
                    }
                }
                Next::Other => {}
                Next::Close(name, at) => return self.closes(parent, name, at).map(|()| None),
                Next::End => return Err(ends_inside(parent, self.source.len())),
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
        if element.empty {
            return Ok(Cow::Borrowed(""));
        }
        let mut text = TextBuilder::new();
        loop {
            match self.next()? {
                piece @ (Next::Text(_) | Next::Exact(_)) => text.push(piece),
                Next::Other => {}
                Next::Open(child) => {
                    return Err(XmlError::shape(
                        child.at,
                        format!(
                            "`{path}`: expected text, found the element <{}>",
                            child.name
                        ),
                    ));
                }
                Next::Close(name, at) => {
                    return self.closes(element, name, at).map(|()| text.finish())
                }
                Next::End => return Err(ends_inside(element, self.source.len())),
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
                Next::Open(child) if child.empty => {}
                Next::Open(child) => {
                    if self.depth + open.len() > self.max_depth {
                        return Err(too_deep(child.at, self.max_depth));
                    }
                    open.push(child);
                }
                Next::Close(name, at) => {
                    self.closes(&innermost, name, at)?;
                    open.pop();
                }
                Next::Text(_) | Next::Exact(_) | Next::Other => {}
                Next::End => return Err(ends_inside(&innermost, self.source.len())),
            }
        }
        Ok(())
    }

    /// Reads the record in `element`, child by child: each child the record
    /// knows goes into its field, any other is skipped.
    pub fn record<R: Record>(&mut self, element: &Element<'a>) -> Result<R, XmlError> {
        let mut record = R::default();
        self.fields(element, &mut record, |_, _, _| Ok(false))?;
        Ok(record)
    }

    /// Reads the children of `element` into `record`; a child the record
    /// does not know goes to `other`, which skips it unless it returns true.
    pub(crate) fn fields<R: Record>(
        &mut self,
        element: &Element<'a>,
        record: &mut R,
        mut other: impl FnMut(&mut Self, &Element<'a>, &str) -> Result<bool, XmlError>,
    ) -> Result<(), XmlError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(too_deep(element.at, self.max_depth));
        }
        let mut seen = Seen::<R>::new();
        while let Some(child) = self.child(element)? {
            if record.read_xml_field(&child, self)? {
                seen.note(child.name);
            } else if !other(self, &child, child.name)? {
                self.skip(&child)?;
            }
        }
        self.depth -= 1;
        seen.check()
            .map_err(|message| XmlError::shape(element.at, message))
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

    fn here(&self, message: &str) -> XmlError {
        XmlError::new(offset(self.reader.buffer_position()), message)
    }
}

fn ends_inside(element: &Element<'_>, at: usize) -> XmlError {
    XmlError::truncated(at, format!("the document ends inside <{}>", element.name))
}

fn too_deep(at: usize, max_depth: usize) -> XmlError {
    XmlError::new(
        at,
        format!("elements are nested deeper than the limit of {max_depth}"),
    )
}

fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_whitespace())
}

/// Reads a whole body into `R`, and the `RequestId` if `R` has no field
/// for it.
pub(crate) fn document<R: Record>(
    source: &str,
    max_depth: usize,
) -> Result<(R, Option<String>), XmlError> {
    let mut reader = XmlReader::new(source, max_depth);
    let root = reader.root()?;
    let mut record = R::default();
    let mut request_id = None;
    reader.fields(&root, &mut record, |reader, child, name| {
        if name != "RequestId" && name != "requestId" {
            return Ok(false);
        }
        request_id = Some(reader.text(child, &name)?.into_owned());
        Ok(true)
    })?;
    reader.finish()?;
    Ok((record, request_id))
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
