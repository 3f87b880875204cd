//! Writing generated response types in the vendor's XML shape: the root
//! named after the action (`<DescribeScalingGroupsResponse>`), a wrapped list
//! as its wrapper element with one element per item, a bare list as one
//! element per item.

/// Builds an XML document.
pub struct XmlWriter {
    out: String,
}

impl XmlWriter {
    pub(crate) fn new() -> Self {
        XmlWriter {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        }
    }

    pub(crate) fn finish(self) -> String {
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

    /// Text, escaped: the markup characters as entities, and the characters
    /// XML text cannot hold as they are (control characters, a carriage
    /// return, which readers turn into a line feed) as character references.
    pub fn text(&mut self, text: &str) {
        let plain =
            |c: char| !matches!(c, '<' | '>' | '&' | '\r') && (c >= ' ' || c == '\n' || c == '\t');
        let mut rest = text;
        while let Some(i) = rest.find(|c: char| !plain(c)) {
            self.out.push_str(&rest[..i]);
            let c = rest[i..].chars().next().unwrap_or(' ');
            match c {
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '&' => self.out.push_str("&amp;"),
                c => self.out.push_str(&format!("&#x{:X};", c as u32)),
            }
            rest = &rest[i + c.len_utf8()..];
        }
        self.out.push_str(rest);
    }

    /// The buffer, for writing a number into it.
    pub fn buffer(&mut self) -> &mut String {
        &mut self.out
    }
}
