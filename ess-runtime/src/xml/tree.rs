//! The XML path of serde types: the body's tokens into a flat element
//! tree, and a serde `Deserializer` over that tree.
//!
//! The tree is needed because XML has no arrays: a list is a run of
//! same-named elements, possibly not adjacent, and a `Vec` field must see all
//! of them. The mapping to serde mirrors what `serde_json`
//! gives for the vendor's JSON, so one Rust type decodes from both:
//!
//! - an element with child elements is a map from child name to value;
//! - a child name that repeats is a sequence when the field asks for one
//!   (repeats need not be adjacent), and its first element otherwise;
//! - an element without children is its text, trimmed; numbers and booleans
//!   are parsed from it, and an empty element is `None` for an `Option`.

use std::cell::Cell;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::scan::{Scanner, Token};
use super::{Text, XmlError};
use crate::error::BodyErrorKind;

/// No node: the end of a child or sibling list.
const NONE: u32 = u32::MAX;

/// An XML document as a flat list of elements; children and siblings are
/// linked by index.
pub(crate) struct Document<'a> {
    nodes: Vec<Node<'a>>,
}

struct Node<'a> {
    name: &'a str,
    /// The element's own text, references resolved, by the rule both
    /// readers share.
    text: Text<'a>,
    first_child: u32,
    next_sibling: u32,
    /// Byte offset of the start tag, for error messages.
    at: usize,
    /// Already handed out as an item of a sequence, so the map over the
    /// parent's children must not offer its name again.
    consumed: Cell<bool>,
}

impl Node<'_> {
    fn is_empty(&self) -> bool {
        self.first_child == NONE && self.text.as_str().is_empty()
    }
}

impl<'a> Document<'a> {
    /// Reads `source` into a tree. Nesting deeper than `max_depth` elements
    /// is refused before it is stored, so the tree (and the recursion of
    /// the deserializer over it) stays bounded.
    pub(crate) fn parse(source: &'a str, max_depth: usize) -> Result<Self, XmlError> {
        let mut scanner = Scanner::new(source, max_depth);
        // About one element per 32 bytes of a pretty-printed response.
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(source.len() / 32 + 1);
        // Open elements: (node, its last child so far).
        let mut open: Vec<(u32, u32)> = Vec::new();
        let mut has_root = false;
        loop {
            let at = scanner.position();
            let element = match scanner.next()? {
                Token::Open(element) => element,
                Token::Close { name: end, at } => match open.pop() {
                    Some((node, _)) if nodes[node as usize].name == end => continue,
                    Some((node, _)) => {
                        let expected = nodes[node as usize].name;
                        return Err(XmlError::new(
                            at,
                            format!("ill-formed document: expected `</{expected}>`, but `</{end}>` was found"),
                        ));
                    }
                    None => return Err(XmlError::new(at, format!("`</{end}>` closes no element"))),
                },
                piece @ (Token::Text(_) | Token::Exact(_)) => {
                    add_text(&mut nodes, &open, at, piece)?;
                    continue;
                }
                Token::Other => continue,
                Token::End => break,
            };
            let at = element.at;
            let index = u32::try_from(nodes.len())
                .ok()
                .filter(|&i| i != NONE)
                .ok_or_else(|| XmlError::new(at, "too many elements"))?;
            nodes.push(Node {
                name: element.name,
                text: Text::new(),
                first_child: NONE,
                next_sibling: NONE,
                at,
                consumed: Cell::new(false),
            });
            match open.last_mut() {
                Some((parent, last_child)) => {
                    if *last_child == NONE {
                        nodes[*parent as usize].first_child = index;
                    } else {
                        nodes[*last_child as usize].next_sibling = index;
                    }
                    *last_child = index;
                }
                None if has_root => {
                    return Err(XmlError::new(at, "a second root element"));
                }
                None => has_root = true,
            }
            if !element.empty {
                open.push((index, NONE));
            }
        }
        if let Some(&(node, _)) = open.last() {
            let name = nodes[node as usize].name;
            return Err(XmlError::truncated(
                source.len(),
                format!("the document ends inside <{name}>"),
            ));
        }
        if nodes.is_empty() {
            return Err(XmlError::new(source.len(), "no root element"));
        }
        Ok(Document { nodes })
    }

    /// The root element.
    pub(crate) fn root(&self) -> Element<'_, 'a> {
        Element {
            doc: self,
            index: 0,
        }
    }
}

fn add_text<'a>(
    nodes: &mut [Node<'a>],
    open: &[(u32, u32)],
    at: usize,
    piece: Token<'a>,
) -> Result<(), XmlError> {
    // White space outside the root, and between child elements, is layout.
    let layout = matches!(piece, Token::Text(text) if is_blank(text));
    let Some(&(node, _)) = open.last() else {
        if layout {
            return Ok(());
        }
        return Err(XmlError::new(at, "text outside the root element"));
    };
    let node = &mut nodes[node as usize];
    if !(layout && node.first_child != NONE) {
        node.text.push(piece);
    }
    Ok(())
}

fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_whitespace())
}

/// One element, as a serde `Deserializer`.
#[derive(Clone, Copy)]
pub(crate) struct Element<'d, 'a> {
    doc: &'d Document<'a>,
    index: u32,
}

impl<'d, 'a> Element<'d, 'a> {
    fn node(&self) -> &'d Node<'a> {
        &self.doc.nodes[self.index as usize]
    }

    /// The element does not hold what the type expects.
    fn error(&self, message: impl fmt::Display) -> XmlError {
        XmlError {
            kind: BodyErrorKind::Shape,
            ..XmlError::new(self.node().at, format!("<{}>: {message}", self.node().name))
        }
    }

    /// Gives a positionless error (a missing field, say) this element's place.
    fn locate(&self, mut error: XmlError) -> XmlError {
        if error.at.is_none() {
            error = self.error(error.message);
        }
        error
    }

    /// The element's name.
    pub(crate) fn name(&self) -> &'a str {
        self.node().name
    }

    fn visit_text<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        let text = &self.node().text;
        let result = match text.borrowed() {
            Some(borrowed) => visitor.visit_borrowed_str(borrowed),
            None => visitor.visit_str(text.as_str()),
        };
        result.map_err(|e| self.locate(e))
    }

    fn parse<T>(&self) -> Result<T, XmlError>
    where
        T: std::str::FromStr,
        T::Err: fmt::Display,
    {
        let text = self.node().text.as_str().trim();
        text.parse().map_err(|e| {
            self.error(format_args!(
                "cannot read {text:?} as {}: {e}",
                std::any::type_name::<T>()
            ))
        })
    }

    fn children(self) -> Children<'d, 'a> {
        Children {
            doc: self.doc,
            next: self.node().first_child,
            previous_name: None,
            value: NONE,
        }
    }
}

macro_rules! parse_scalar {
    ($($method:ident => $visit:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
                let value: $ty = self.parse()?;
                visitor.$visit(value).map_err(|e| self.locate(e))
            }
        )*
    };
}

impl<'a> de::Deserializer<'a> for Element<'_, 'a> {
    type Error = XmlError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        if self.node().first_child == NONE {
            self.visit_text(visitor)
        } else {
            self.deserialize_map(visitor)
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        match self.node().text.as_str().trim() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            other => Err(self.error(format_args!(
                "cannot read {other:?} as a boolean (true or false)"
            ))),
        }
    }

    parse_scalar! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
        deserialize_char => visit_char: char,
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.visit_text(visitor)
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.visit_text(visitor)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.visit_text(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.visit_text(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        if self.node().is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        visitor.visit_newtype_struct(self)
    }

    /// An element read as a sequence is a list wrapper: its children are the
    /// items, whatever their names.
    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        let items = Items {
            doc: self.doc,
            next: self.node().first_child,
            name: None,
        };
        visitor.visit_seq(items).map_err(|e| self.locate(e))
    }

    fn deserialize_tuple<V: Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        visitor
            .visit_map(self.children())
            .map_err(|e| self.locate(e))
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.deserialize_map(visitor)
    }

    /// Unit variants, named by the element's text.
    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        let text: StrDeserializer<'_, XmlError> =
            self.node().text.as_str().trim().into_deserializer();
        visitor.visit_enum(text).map_err(|e| self.locate(e))
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.visit_text(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        visitor.visit_unit()
    }
}

/// The children of an element as a map: each name once, in document order.
struct Children<'d, 'a> {
    doc: &'d Document<'a>,
    next: u32,
    previous_name: Option<&'d str>,
    /// The first element of the name last returned as a key.
    value: u32,
}

impl<'a> MapAccess<'a> for Children<'_, 'a> {
    type Error = XmlError;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, XmlError> {
        while self.next != NONE {
            let index = self.next;
            let node = &self.doc.nodes[index as usize];
            self.next = node.next_sibling;
            // An adjacent repeat is part of the name's run, and a consumed
            // element already went into a sequence.
            let repeat = self.previous_name == Some(node.name);
            self.previous_name = Some(node.name);
            if repeat || node.consumed.get() {
                continue;
            }
            self.value = index;
            return seed
                .deserialize(BorrowedStrDeserializer::new(node.name))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<S::Value, XmlError> {
        seed.deserialize(Named {
            doc: self.doc,
            first: self.value,
        })
    }
}

/// The elements of one name among their siblings, starting at `first`: a
/// sequence if the field is one, else the first element.
struct Named<'d, 'a> {
    doc: &'d Document<'a>,
    first: u32,
}

impl<'d, 'a> Named<'d, 'a> {
    fn first(&self) -> Element<'d, 'a> {
        Element {
            doc: self.doc,
            index: self.first,
        }
    }

    fn items(&self) -> Items<'d, 'a> {
        Items {
            doc: self.doc,
            next: self.first,
            name: Some(self.doc.nodes[self.first as usize].name),
        }
    }

    fn repeats(&self) -> bool {
        let mut items = self.items();
        items.advance().is_some() && items.advance().is_some()
    }
}

macro_rules! forward_to_first {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
                self.first().$method(visitor)
            }
        )*
    };
}

impl<'a> de::Deserializer<'a> for Named<'_, 'a> {
    type Error = XmlError;

    forward_to_first! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_map deserialize_identifier deserialize_ignored_any
    }

    /// A repeated name is a sequence, a single element is itself: what
    /// `serde_json` gives for a JSON array and a JSON object.
    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        if self.repeats() {
            self.deserialize_seq(visitor)
        } else {
            self.first().deserialize_any(visitor)
        }
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        if self.first().node().is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, XmlError> {
        let first = self.first();
        visitor.visit_seq(self.items()).map_err(|e| first.locate(e))
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.first().deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.first().deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.first().deserialize_enum(name, variants, visitor)
    }
}

/// Sibling elements from `next` on: all of them, or those named `name`
/// (which are marked consumed, so the parent's map skips them).
struct Items<'d, 'a> {
    doc: &'d Document<'a>,
    next: u32,
    name: Option<&'d str>,
}

impl<'d, 'a> Items<'d, 'a> {
    fn advance(&mut self) -> Option<u32> {
        while self.next != NONE {
            let index = self.next;
            let node = &self.doc.nodes[index as usize];
            self.next = node.next_sibling;
            if self.name.is_none_or(|name| name == node.name) {
                return Some(index);
            }
        }
        None
    }
}

impl<'a> SeqAccess<'a> for Items<'_, 'a> {
    type Error = XmlError;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, XmlError> {
        let Some(index) = self.advance() else {
            return Ok(None);
        };
        let node = &self.doc.nodes[index as usize];
        if self.name.is_some() {
            node.consumed.set(true);
        }
        seed.deserialize(Element {
            doc: self.doc,
            index,
        })
        .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    fn parse(xml: &str) -> Result<Document<'_>, XmlError> {
        Document::parse(xml, 64)
    }

    fn decode<'a, T: Deserialize<'a>>(doc: &Document<'a>) -> Result<T, XmlError> {
        T::deserialize(doc.root())
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Page {
        total_count: Option<u32>,
        page_number: u32,
        enabled: bool,
        name: String,
        ids: Vec<String>,
    }

    #[test]
    fn scalars_options_and_repeated_names() {
        let xml = "<?xml version=\"1.0\"?><!-- c --><R>\n  <TotalCount/>\n  <Ids>a</Ids>\n  <PageNumber> 2 </PageNumber>\n  \
                   <Enabled>true</Enabled><Name>x &amp; y&#x21;<![CDATA[<z>]]></Name>\n  <Ids>b</Ids><Unknown><Deep/></Unknown></R>";
        let doc = parse(xml).unwrap();
        let page: Page = decode(&doc).unwrap();
        assert_eq!(
            page,
            Page {
                total_count: None,
                page_number: 2,
                enabled: true,
                name: "x & y!<z>".into(),
                ids: vec!["a".into(), "b".into()],
            }
        );
    }

    #[test]
    fn bad_numbers_name_the_element_and_its_place() {
        let xml = "<R>\n<PageNumber>two</PageNumber><Enabled>true</Enabled><Name/><Ids/></R>";
        let doc = parse(xml).unwrap();
        let e = decode::<Page>(&doc).unwrap_err();
        assert_eq!(e.at, Some(4));
        assert!(
            e.message
                .starts_with("<PageNumber>: cannot read \"two\" as u32"),
            "{}",
            e.message
        );
    }

    #[test]
    fn missing_fields_are_placed_at_their_parent() {
        let doc = parse("<R><PageNumber>1</PageNumber></R>").unwrap();
        let e = decode::<Page>(&doc).unwrap_err();
        assert_eq!(
            (e.at, e.message.as_str()),
            (Some(0), "<R>: missing field `Enabled`")
        );
    }

    #[test]
    fn malformed_documents_are_errors_with_offsets() {
        for (xml, at, start) in [
            ("<A><B></A>", 6, "ill-formed document: expected `</B>`"),
            ("<A>", 3, "the document ends inside <A>"),
            ("", 0, "no root element"),
            ("<A/><B/>", 4, "a second root element"),
            ("<A/>junk", 4, "text outside the root element"),
            ("<A>&custom;</A>", 3, "unknown entity `&custom;`"),
            ("<A><B><</B></A>", 6, "`<` does not start an element"),
        ] {
            let e = parse(xml).err().unwrap_or_else(|| panic!("{xml} parsed"));
            assert!(e.message.starts_with(start), "{xml}: {}", e.message);
            assert_eq!(e.at, Some(at), "{xml}");
        }
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let xml = "<a>".repeat(1_000_000);
        let e = parse(&xml).err().unwrap();
        assert_eq!(e.message, "elements are nested deeper than the limit of 64");
        assert_eq!(e.at, Some(64 * 3));
    }

    #[test]
    fn doctype_entities_are_not_expanded() {
        let xml = "<!DOCTYPE r [<!ENTITY boom \"x\">]><r>&boom;</r>";
        let e = parse(xml).err().unwrap();
        assert!(
            e.message.starts_with("unknown entity `&boom;`"),
            "{}",
            e.message
        );
    }
}
