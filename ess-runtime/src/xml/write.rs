//! Writing generated response types in the vendor's XML shape: the root
//! named after the action (`<DescribeScalingGroupsResponse>`), a wrapped list
//! as its wrapper element with one element per item, a bare list as one
//! element per item.

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// Builds an XML document in the vendor's shape, its text escaped.
#[derive(Debug)]
pub struct XmlWriter {
    out: String,
}

impl XmlWriter {
    /// A document: its declaration, and nothing else yet.
    pub fn new() -> Self {
        XmlWriter {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        }
    }

    /// The document's text.
    pub fn finish(self) -> String {
        self.out
    }

    /// `<name>`.
    pub fn open(&mut self, name: &str) {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name>text</name>`, the text escaped.
    pub fn element(&mut self, name: &str, text: &str) {
        self.open(name);
        self.text(text);
        self.close(name);
    }

    /// Text, escaped: the markup characters as entities, and as character
    /// references the characters XML text cannot hold as they are (control
    /// characters; a carriage return, which XML readers other than this
    /// crate's turn into a line feed) and the white space at its start and
    /// end (which readers take for layout).
    pub fn text(&mut self, text: &str) {
        let inner = text.trim();
        let lead = text.len() - text.trim_start().len();
        for c in text[..lead].chars() {
            self.reference(c);
        }
        let plain =
            |c: char| !matches!(c, '<' | '>' | '&' | '\r') && (c >= ' ' || c == '\n' || c == '\t');
        let mut rest = inner;
        while let Some(i) = rest.find(|c: char| !plain(c)) {
            self.out.push_str(&rest[..i]);
            let c = rest[i..].chars().next().unwrap_or(' ');
            match c {
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '&' => self.out.push_str("&amp;"),
                c => self.reference(c),
            }
            rest = &rest[i + c.len_utf8()..];
        }
        self.out.push_str(rest);
        if !inner.is_empty() {
            for c in text[lead + inner.len()..].chars() {
                self.reference(c);
            }
        }
    }

    fn reference(&mut self, c: char) {
        use std::fmt::Write as _;
        let _ = write!(self.out, "&#x{:X};", c as u32);
    }

    /// The buffer, for writing a number into it.
    pub fn buffer(&mut self) -> &mut String {
        &mut self.out
    }
}
