//! A JSON reader that remembers where every value and key starts.
//!
//! Spec errors must point at a line and column in the spec file, which a
//! plain `serde_json::Value` cannot do. This reader is strict RFC 8259 JSON
//! (no comments, no trailing commas), bounded in nesting depth so that a
//! hostile file cannot overflow the stack, and keeps object members in file
//! order with duplicates intact so that the spec loader can report them.

use std::borrow::Cow;
use std::fmt;

/// Nesting deeper than this is refused. Specs need four levels.
pub const MAX_DEPTH: usize = 128;

/// Where something is in the source text: a range of bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The empty span at `at`.
    pub fn at(at: usize) -> Span {
        Span { start: at, end: at }
    }
}

/// A JSON value and where it is. Strings without escapes borrow from the
/// source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Value<'a> {
    /// Where the value is, from its first byte to its last.
    pub span: Span,
    /// What the value is.
    pub kind: Kind<'a>,
}

/// The kinds of JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written (callers decide which numbers they accept).
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object, members in source order, duplicates kept.
    Object(Vec<Member<'a>>),
}

impl Kind<'_> {
    /// The JSON name of this kind, for "expected X, found Y" messages.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }
}

/// One `"key": value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The key, unescaped.
    pub key: Cow<'a, str>,
    /// Where the key is, quotes included.
    pub key_span: Span,
    /// The value.
    pub value: Value<'a>,
}

/// A syntax error: what was wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the reader stopped.
    pub at: usize,
    /// What it expected or found.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses `text` as one JSON document.
pub fn parse(text: &str) -> Result<Value<'_>, SyntaxError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    // A UTF-8 byte order mark is tolerated: some editors write one.
    if text.starts_with('\u{feff}') {
        reader.pos = 3;
    }
    reader.skip_whitespace();
    let value = reader.value(0)?;
    reader.skip_whitespace();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("unexpected text after the end of the JSON document"));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            at: self.pos,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        let rest = &self.bytes[self.pos.min(self.bytes.len())..];
        self.pos += rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
    }

    fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "the end of the file".to_owned(),
            Some(c) => format!("`{}`", c.escape_debug()),
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(format!("expected {what}, found {}", self.found())))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Kind::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            _ => return Err(self.error(format!("expected a JSON value, found {}", self.found()))),
        };
        Ok(Value {
            span: Span {
                start,
                end: self.pos,
            },
            kind,
        })
    }

    fn enter(&self, depth: usize) -> Result<usize, SyntaxError> {
        if depth >= MAX_DEPTH {
            Err(self.error(format!("nesting deeper than {MAX_DEPTH} levels")))
        } else {
            Ok(depth + 1)
        }
    }

    fn object(&mut self, depth: usize) -> Result<Kind<'a>, SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Kind::Object(members));
        }
        loop {
            self.skip_whitespace();
            let key_start = self.pos;
            if self.peek() != Some(b'"') {
                return Err(self.error(format!("expected a quoted key, found {}", self.found())));
            }
            let key = self.string()?;
            let key_span = Span {
                start: key_start,
                end: self.pos,
            };
            self.skip_whitespace();
            self.expect(b':', "`:` after the key")?;
            self.skip_whitespace();
            let value = self.value(depth)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Kind::Object(members));
                }
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `}}` after an object member, found {}",
                        self.found()
                    )))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Kind<'a>, SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Kind::Array(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value(depth)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Kind::Array(items));
                }
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `]` after an array item, found {}",
                        self.found()
                    )))
                }
            }
        }
    }

    fn literal(&mut self, word: &str, kind: Kind<'a>) -> Result<Kind<'a>, SyntaxError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.error(format!("expected `{word}`")))
        }
    }

    fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after `.`"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            self.digits();
        }
        Ok(&self.text[start..self.pos])
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.pos += 1; // opening quote
        let start = self.pos;
        self.skip_plain();
        if self.peek() == Some(b'"') {
            self.pos += 1;
            return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
        }
        // Escapes: unescape into an owned string.
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                Some(_) => return Err(self.error("control character in a string; escape it")),
                None => return Err(self.error("unterminated string")),
            }
            let run_start = self.pos;
            self.skip_plain();
            out.push_str(&self.text[run_start..self.pos]);
        }
    }

    /// Skips string content up to a quote, a backslash or a control
    /// character. Stops only at ASCII bytes, so the run is valid UTF-8.
    fn skip_plain(&mut self) {
        let rest = &self.bytes[self.pos..];
        self.pos += rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
    }

    fn escape(&mut self) -> Result<char, SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.error("unterminated string"));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high) {
                    if !self.bytes[self.pos..].starts_with(b"\\u") {
                        return Err(self.error("unpaired surrogate in a \\u escape"));
                    }
                    self.pos += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error("unpaired surrogate in a \\u escape"));
                    }
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    char::from_u32(c).ok_or_else(|| self.error("invalid \\u escape"))?
                } else {
                    char::from_u32(high)
                        .ok_or_else(|| self.error("unpaired surrogate in a \\u escape"))?
                }
            }
            _ => {
                self.pos -= 1;
                let c = self.text[self.pos..].chars().next().unwrap_or(' ');
                return Err(self.error(format!("invalid escape `\\{}`", c.escape_debug())));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| {
                u32::from_str_radix(d, 16)
                    .ok()
                    .filter(|_| !d.starts_with('+'))
            });
        match digits {
            Some(value) => {
                self.pos += 4;
                Ok(value)
            }
            None => Err(self.error("expected four hex digits after \\u")),
        }
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    /// Line number, from 1.
    pub line: usize,
    /// Column number, from 1, in characters.
    pub column: usize,
}

/// Converts a byte offset in `text` to a line and column.
pub fn line_column(text: &str, at: usize) -> LineColumn {
    let end = at.min(text.len());
    let before = &text.as_bytes()[..end];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Count characters by their first bytes, so a slice ending mid-character
    // cannot panic.
    let column = 1 + before[line_start..]
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count();
    LineColumn { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (LineColumn, String) {
        let e = parse(text).unwrap_err();
        (line_column(text, e.at), e.message)
    }

    #[test]
    fn parses_every_kind_with_offsets() {
        let text = r#"{"a": [1, -2.5e3, true, false, null], "b": "x\u00e9\ud83d\ude00\n"}"#;
        let value = parse(text).unwrap();
        let Kind::Object(members) = value.kind else {
            panic!("not an object")
        };
        assert_eq!(members[0].key, "a");
        assert_eq!(members[0].key_span, Span { start: 1, end: 4 });
        let Kind::Array(items) = &members[0].value.kind else {
            panic!("not an array")
        };
        assert_eq!(items[1].kind, Kind::Number("-2.5e3"));
        assert_eq!(items[1].span, Span { start: 10, end: 16 });
        assert_eq!(members[1].value.kind, Kind::String("xé😀\n".into()));
    }

    #[test]
    fn keeps_duplicate_keys_in_order() {
        let Kind::Object(m) = parse(r#"{"k": 1, "k": 2}"#).unwrap().kind else {
            panic!()
        };
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].value.kind, Kind::Number("2"));
    }

    #[test]
    fn reports_syntax_errors_with_line_and_column() {
        assert_eq!(
            err("{\n  \"a\": 1,\n}"),
            (
                LineColumn { line: 3, column: 1 },
                "expected a quoted key, found `}`".into()
            )
        );
        assert_eq!(err("{\"a\" 1}").1, "expected `:` after the key, found `1`");
        assert_eq!(
            err("[1 2]").1,
            "expected `,` or `]` after an array item, found `2`"
        );
        assert_eq!(err("\"abc").1, "unterminated string");
        assert_eq!(
            err("{} x").1,
            "unexpected text after the end of the JSON document"
        );
        assert_eq!(
            err("").1,
            "expected a JSON value, found the end of the file"
        );
        assert_eq!(
            err("01").1,
            "unexpected text after the end of the JSON document"
        );
        assert_eq!(err("\"\\ud800\"").1, "unpaired surrogate in a \\u escape");
        assert_eq!(err("\"\\x\"").1, "invalid escape `\\x`");
        assert_eq!(err("\"\\u+123\"").1, "expected four hex digits after \\u");
        assert_eq!(err("tru").1, "expected `true`");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(1_000_000);
        assert_eq!(
            err(&text).1,
            format!("nesting deeper than {MAX_DEPTH} levels")
        );
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"描述\": x}";
        assert_eq!(err(text).0, LineColumn { line: 1, column: 8 });
    }
}
