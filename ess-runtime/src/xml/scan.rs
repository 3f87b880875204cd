//! The XML tokenizer both readers share: a body as start tags, end tags,
//! text and the rest, sliced out of the body without copying.
//!
//! It reads what the vendor writes and what XML 1.0 allows around it, and
//! checks what the readers need: names that can start an element, tags and
//! sections that end, references that are complete. Attributes are skipped
//! (quoted values may hold `>`); comments, processing instructions, the XML
//! declaration and the DOCTYPE (with its internal subset) are passed over
//! as [`Token::Other`]. Matching end tags to start tags is the readers' job,
//! since they know what is open.

use std::borrow::Cow;

use memchr::{memchr, memchr2, memchr3, memmem};

use super::{resolve_reference, XmlError};

/// An element just opened: its name, whether it was written `<Name/>`,
/// and where its start tag is.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    pub(crate) name: &'a str,
    pub(crate) empty: bool,
    pub(crate) at: usize,
}

impl<'a> Element<'a> {
    /// The element's name.
    pub fn name(&self) -> &'a str {
        self.name
    }
}

/// One piece of a body.
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// A start tag, `<Name ...>`, or an empty element, `<Name .../>`.
    Open(Element<'a>),
    /// An end tag, `</Name>`, starting at byte `at`.
    Close { name: &'a str, at: usize },
    /// Text as written, up to the next tag or reference.
    Text(&'a str),
    /// Text that is exactly what it says: a CDATA section's content, or
    /// what a reference stands for.
    Exact(Cow<'a, str>),
    /// A comment, a processing instruction, the declaration, the DOCTYPE.
    Other,
    /// The end of the body.
    End,
}

/// Reads a body token by token.
pub(crate) struct Scanner<'a> {
    source: &'a str,
    at: usize,
    /// How many elements are open, and how many may be: the one nesting
    /// limit of both readers, kept where every tag passes.
    depth: usize,
    max_depth: usize,
}

/// The longest reference read, `;` included: `&#x10FFFF;` and the
/// predefined entities are far shorter, and an `&` with no `;` this close
/// is not a reference (a character reference padded with more zeros than
/// that is refused too).
const MAX_REFERENCE: usize = 32;

impl<'a> Scanner<'a> {
    pub(crate) fn new(source: &'a str, max_depth: usize) -> Self {
        Scanner {
            source,
            at: 0,
            depth: 0,
            max_depth,
        }
    }

    /// The offset of the next token.
    pub(crate) fn position(&self) -> usize {
        self.at
    }

    pub(crate) fn next(&mut self) -> Result<Token<'a>, XmlError> {
        let bytes = self.source.as_bytes();
        let start = self.at;
        match bytes.get(start) {
            None => Ok(Token::End),
            Some(b'<') => self.markup(start),
            Some(b'&') => self.reference(start),
            Some(_) => {
                let end = memchr2(b'<', b'&', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                self.at = end;
                Ok(Token::Text(&self.source[start..end]))
            }
        }
    }

    /// Skips white space, which between elements is layout.
    pub(crate) fn skip_blank(&mut self) {
        let bytes = self.source.as_bytes();
        while bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    /// The text of the element `name` whose start tag was just read, up to
    /// and past its end tag, when it is plain text (no reference, section or
    /// child) followed by `</name>`: the common case, read without tokens.
    /// `None`, and nothing read, otherwise.
    pub(crate) fn plain_text(&mut self, name: &str) -> Option<&'a str> {
        let bytes = self.source.as_bytes();
        let start = self.at;
        let end = start + memchr2(b'<', b'&', &bytes[start..])?;
        let tag = &bytes[end..];
        let closes = tag.starts_with(b"</")
            && tag[2..].starts_with(name.as_bytes())
            && tag.get(2 + name.len()) == Some(&b'>');
        if !closes {
            return None;
        }
        self.at = end + name.len() + 3;
        self.depth -= 1;
        Some(&self.source[start..end])
    }

    /// `&name;` at `start`.
    fn reference(&mut self, start: usize) -> Result<Token<'a>, XmlError> {
        let rest = &self.source.as_bytes()[start + 1..];
        let window = &rest[..rest.len().min(MAX_REFERENCE)];
        let len = match memchr3(b';', b'<', b'&', window) {
            Some(i) if window[i] == b';' => i,
            None if window.len() == rest.len() => {
                return Err(ends_inside(self.source.len(), "a reference"));
            }
            _ => {
                return Err(XmlError::new(
                    start,
                    "an `&` that starts no reference: write `&amp;` for the character",
                ))
            }
        };
        self.at = start + 1 + len + 1;
        let name = &self.source[start + 1..start + 1 + len];
        resolve_reference(name, start).map(Token::Exact)
    }

    /// What starts with `<` at `start`.
    fn markup(&mut self, start: usize) -> Result<Token<'a>, XmlError> {
        let bytes = self.source.as_bytes();
        let rest = &bytes[start..];
        let cut_short = |whole: &[u8]| rest.len() < whole.len() && whole.starts_with(rest);
        if ["<!--", "<![CDATA[", "<!DOCTYPE"]
            .iter()
            .any(|whole| cut_short(whole.as_bytes()))
        {
            return Err(ends_inside(self.source.len(), "a tag"));
        }
        match bytes.get(start + 1) {
            Some(b'/') => self.end_tag(start),
            Some(b'?') => self.skip_past(start + 2, "?>", "a processing instruction"),
            Some(b'!') => {
                if rest.starts_with(b"<!--") {
                    self.skip_past(start + 4, "-->", "a comment")
                } else if rest.starts_with(b"<![CDATA[") {
                    let content = start + 9;
                    let Some(len) = memmem::find(&bytes[content..], b"]]>") else {
                        return Err(ends_inside(self.source.len(), "a CDATA section"));
                    };
                    self.at = content + len + 3;
                    Ok(Token::Exact(Cow::Borrowed(
                        &self.source[content..content + len],
                    )))
                } else if rest.starts_with(b"<!DOCTYPE") {
                    self.doctype(start)
                } else {
                    Err(XmlError::new(
                        start,
                        "`<!` starts neither a comment, a CDATA section nor a DOCTYPE",
                    ))
                }
            }
            _ => self.start_tag(start),
        }
    }

    /// `<Name attributes...>` or `<Name .../>`.
    fn start_tag(&mut self, start: usize) -> Result<Token<'a>, XmlError> {
        let bytes = self.source.as_bytes();
        let name_end = name_end(bytes, start + 1);
        let name = &self.source[start + 1..name_end];
        let ends_well = matches!(
            bytes.get(name_end),
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>')
        );
        if !super::is_xml_name(name) || !ends_well {
            // `a < b`, `<<x>`, `1<2`, `a<b</x>`: text with an unescaped `<`.
            return Err(XmlError::new(
                start,
                format!("`<{name}` does not start an element: an unescaped `<` in text?"),
            ));
        }
        // The common case: nothing between the name and the `>`.
        if bytes.get(name_end) == Some(&b'>') {
            return self.open(name, false, start, name_end + 1);
        }
        // Attributes: a quoted value may hold `>`.
        let mut at = name_end;
        loop {
            let Some(i) = memchr3(b'>', b'"', b'\'', &bytes[at..]) else {
                return Err(ends_inside(self.source.len(), &format!("the tag <{name}")));
            };
            let found = at + i;
            if bytes[found] == b'>' {
                let empty = found > name_end && bytes[found - 1] == b'/';
                return self.open(name, empty, start, found + 1);
            }
            let Some(close) = memchr(bytes[found], &bytes[found + 1..]) else {
                return Err(ends_inside(
                    self.source.len(),
                    &format!("an attribute value of <{name}"),
                ));
            };
            at = found + 1 + close + 1;
        }
    }

    /// The element `name` whose start tag is `start..end`, if it is not
    /// nested too deep.
    fn open(
        &mut self,
        name: &'a str,
        empty: bool,
        start: usize,
        end: usize,
    ) -> Result<Token<'a>, XmlError> {
        if self.depth >= self.max_depth {
            return Err(XmlError::new(
                start,
                format!(
                    "elements are nested deeper than the limit of {}",
                    self.max_depth
                ),
            ));
        }
        self.depth += usize::from(!empty);
        self.at = end;
        Ok(Token::Open(Element {
            name,
            empty,
            at: start,
        }))
    }

    /// `</Name>`, white space allowed before the `>`.
    fn end_tag(&mut self, start: usize) -> Result<Token<'a>, XmlError> {
        let bytes = self.source.as_bytes();
        let name_end = name_end(bytes, start + 2);
        let name = &self.source[start + 2..name_end];
        let close = name_end
            + bytes[name_end..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(bytes.len() - name_end);
        match bytes.get(close) {
            None => Err(ends_inside(self.source.len(), "an end tag")),
            Some(b'>') if !name.is_empty() => {
                self.at = close + 1;
                self.depth = self.depth.saturating_sub(1);
                Ok(Token::Close { name, at: start })
            }
            Some(_) if name.is_empty() => Err(XmlError::new(
                start,
                "`</` names no element: an end tag is `</Name>`",
            )),
            Some(_) => Err(XmlError::new(
                start,
                format!("`</{name}` is not an end tag: write `</{name}>`"),
            )),
        }
    }

    /// Past the first `terminator` from `from` on.
    fn skip_past(
        &mut self,
        from: usize,
        terminator: &str,
        what: &str,
    ) -> Result<Token<'a>, XmlError> {
        match memmem::find(&self.source.as_bytes()[from..], terminator.as_bytes()) {
            Some(i) => {
                self.at = from + i + terminator.len();
                Ok(Token::Other)
            }
            None => Err(ends_inside(self.source.len(), what)),
        }
    }

    /// `<!DOCTYPE ...>`, with an internal subset in `[...]` whose
    /// declarations, quoted strings and comments may hold `>`.
    fn doctype(&mut self, start: usize) -> Result<Token<'a>, XmlError> {
        let bytes = self.source.as_bytes();
        let mut depth = 0usize;
        let mut at = start + 9;
        while let Some(&b) = bytes.get(at) {
            match b {
                b'<' if bytes[at..].starts_with(b"<!--") => {
                    match memmem::find(&bytes[at + 4..], b"-->") {
                        Some(i) => at += 4 + i + 2,
                        None => break,
                    }
                }
                b'"' | b'\'' => match memchr(b, &bytes[at + 1..]) {
                    Some(i) => at += i + 1,
                    None => break,
                },
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'>' if depth == 0 => {
                    self.at = at + 1;
                    return Ok(Token::Other);
                }
                _ => {}
            }
            at += 1;
        }
        Err(ends_inside(self.source.len(), "the DOCTYPE"))
    }
}

/// Where a name that starts at `from` ends: at white space, `/`, `>`, the
/// end of the body, or a byte that is markup (`<`, `&`, `=`, a quote), which
/// no name holds.
fn name_end(bytes: &[u8], from: usize) -> usize {
    bytes[from.min(bytes.len())..]
        .iter()
        .position(|&b| {
            matches!(
                b,
                b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>' | b'<' | b'&' | b'=' | b'"' | b'\''
            )
        })
        .map_or(bytes.len(), |i| from + i)
}

/// Whether `name`, written as an element's name, reads back as that name:
/// what a key of a map or a member of a free-form value must be for XML to
/// hold it.
pub(crate) fn reads_as_name(name: &str) -> bool {
    super::is_xml_name(name) && name_end(name.as_bytes(), 0) == name.len()
}

fn ends_inside(at: usize, what: &str) -> XmlError {
    XmlError::truncated(at, format!("the document ends inside {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(source: &str) -> Result<Vec<String>, (Option<usize>, String)> {
        let mut scanner = Scanner::new(source, 64);
        let mut out = Vec::new();
        loop {
            let token = scanner.next().map_err(|e| (e.at, e.message))?;
            out.push(match token {
                Token::Open(Element { name, empty, at }) => format!("open {name} {empty} @{at}"),
                Token::Close { name, at } => format!("close {name} @{at}"),
                Token::Text(text) => format!("text {text:?}"),
                Token::Exact(text) => format!("exact {text:?}"),
                Token::Other => "other".into(),
                Token::End => return Ok(out),
            });
        }
    }

    #[test]
    fn tags_text_sections_and_references() {
        let source = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e \"a>b\"><!-- don't > -->]><!-- c > -->\
                      <r a='1>2' b=\"x\"><e/><f x=\"/\"/>a &amp;&#x41;<![CDATA[<z>]]></r >";
        assert_eq!(
            tokens(source).unwrap(),
            [
                "other",
                "text \"\\n\"",
                "other",
                "other",
                "open r false @82",
                "open e true @99",
                "open f true @103",
                "text \"a \"",
                "exact \"&\"",
                "exact \"A\"",
                "exact \"<z>\"",
                "close r @141",
            ]
        );
    }

    #[test]
    fn what_is_cut_short_is_truncated_and_the_rest_malformed() {
        for (source, at, message) in [
            ("<r", Some(2), "the document ends inside the tag <r"),
            (
                "<r a=\"1>",
                Some(8),
                "the document ends inside an attribute value of <r",
            ),
            ("<r></r", Some(6), "the document ends inside an end tag"),
            ("<!-- x", Some(6), "the document ends inside a comment"),
            (
                "<![CDATA[x",
                Some(10),
                "the document ends inside a CDATA section",
            ),
            (
                "<?xml",
                Some(5),
                "the document ends inside a processing instruction",
            ),
            (
                "<!DOCTYPE r [>",
                Some(14),
                "the document ends inside the DOCTYPE",
            ),
            ("<r>a < b</r>", Some(5), "`<` does not start an element"),
            ("<<r>", Some(0), "`<` does not start an element"),
            ("<r>a<b</r>", Some(4), "`<b` does not start an element"),
            ("<!--><r/>", Some(9), "the document ends inside a comment"),
            ("<", Some(1), "the document ends inside a tag"),
            ("<r><!-", Some(6), "the document ends inside a tag"),
            ("<r>&am", Some(6), "the document ends inside a reference"),
            ("<r></r x>", Some(3), "`</r` is not an end tag"),
            ("<r></>", Some(3), "`</` names no element"),
            (
                "<r><!DOCTYPE",
                Some(12),
                "the document ends inside the DOCTYPE",
            ),
            ("<!doctype r><r/>", Some(0), "`<!` starts neither"),
            ("<r><![cdata[x]]></r>", Some(3), "`<!` starts neither"),
            ("<!ELEMENT r>", Some(0), "`<!` starts neither"),
            ("<r>a & b</r>", Some(5), "an `&` that starts no reference"),
            ("<r>&amp</r>", Some(3), "an `&` that starts no reference"),
            ("<r>&bogus;</r>", Some(3), "unknown entity `&bogus;`"),
        ] {
            let (found_at, found) = tokens(source).expect_err(source);
            assert!(found.starts_with(message), "{source}: {found}");
            assert_eq!(found_at, at, "{source}");
        }
    }
}
