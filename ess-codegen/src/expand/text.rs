//! Text in generated code: Rust string literals for any text, and doc
//! text that rustdoc shows as written.

use std::fmt::Write as _;

/// Writes `text` as a Rust string literal: raw (`r#"..."#`) where it can be,
/// which costs a copy to write and one byte scan to lex, else escaped.
pub(crate) fn push_str_literal(out: &mut String, text: &str) {
    // A raw string cannot hold a carriage return; the bidirectional-override
    // code points are refused by rustc's `text_direction_codepoint_in_literal`
    // lint in any literal, and must be written as escapes.
    let bytes = text.as_bytes();
    if !bytes.contains(&b'\r') && !has_bidi_override(bytes) {
        let hashes = if bytes.contains(&b'"') {
            longest_quote_hash_run(bytes) + 1
        } else {
            0
        };
        out.push('r');
        out.extend(std::iter::repeat_n('#', hashes));
        out.push('"');
        out.push_str(text);
        out.push('"');
        out.extend(std::iter::repeat_n('#', hashes));
        return;
    }
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || is_bidi_override(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether UTF-8 `bytes` hold U+202A..=U+202E or U+2066..=U+2069, which all
/// start with the byte 0xE2.
fn has_bidi_override(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some(i) = rest.iter().position(|&b| b == 0xE2) {
        if matches!(
            rest[i..],
            [0xE2, 0x80, 0xAA..=0xAE, ..] | [0xE2, 0x81, 0xA6..=0xA9, ..]
        ) {
            return true;
        }
        rest = &rest[i + 1..];
    }
    false
}

/// The longest run of `#` right after a `"` in `bytes`: a raw string needs
/// one `#` more than that.
fn longest_quote_hash_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'"')
        .map(|(i, _)| bytes[i + 1..].iter().take_while(|&&b| b == b'#').count())
        .max()
        .unwrap_or(0)
}

/// `text` as inline code, whatever backticks it contains.
pub(crate) fn push_code_span(out: &mut String, text: &str) {
    let mut fence = String::from("`");
    while text.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    for part in [fence.as_str(), pad, text, pad, fence.as_str()] {
        out.push_str(part);
    }
}

/// The characters that markdown or rustdoc would read as markup.
const MARKDOWN_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"\\`*_[]<>&#|~!";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Escapes `text` so that rustdoc shows it literally: no HTML tags (vendor
/// messages say `<parameter name>`), no emphasis, no links; bare URLs are
/// wrapped in `<...>` so the `rustdoc::bare_urls` lint stays quiet.
pub(crate) fn push_markdown_text(out: &mut String, text: &str) {
    let text = text.trim();
    // Most text has nothing to escape: copy it whole.
    if !text.bytes().any(|b| MARKDOWN_SPECIAL[b as usize]) && !text.contains("http") {
        out.push_str(text);
        return;
    }
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if (word.starts_with("http://") || word.starts_with("https://"))
            && !word.contains(['<', '>', '`'])
        {
            let url = word.trim_end_matches(['.', ',', ';', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            out.push_str(&word[url.len()..]);
            continue;
        }
        for c in word.chars() {
            if c.is_ascii() && MARKDOWN_SPECIAL[c as usize] {
                out.push('\\');
            }
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown_text(text: &str) -> String {
        let mut out = String::new();
        push_markdown_text(&mut out, text);
        out
    }

    fn code_span(text: &str) -> String {
        let mut out = String::new();
        push_code_span(&mut out, text);
        out
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(
            markdown_text("parameter <parameter name> is *not* [valid] & `x`_y"),
            "parameter \\<parameter name\\> is \\*not\\* \\[valid\\] \\& \\`x\\`\\_y"
        );
        assert_eq!(
            markdown_text("See https://help.aliyun.com/x.html."),
            "See <https://help.aliyun.com/x.html>."
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(
            code_span("Forbidden.RiskControl"),
            "`Forbidden.RiskControl`"
        );
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
    }

    #[test]
    fn string_literals_round_trip_whatever_the_text() {
        for text in [
            "plain",
            "系统错误。",
            "a \"quoted\" \\ path",
            "tab\there",
            "line\nbreak",
            "bidi \u{202E} override",
            "bell\u{7} and \r",
            "quote then hashes \"## end",
        ] {
            let mut source = String::new();
            push_str_literal(&mut source, text);
            let parsed: syn::LitStr = syn::parse_str(&source).unwrap();
            assert_eq!(parsed.value(), text);
        }
        let literal = |text: &str| {
            let mut source = String::new();
            push_str_literal(&mut source, text);
            source
        };
        assert_eq!(literal("系统错误。"), "r\"系统错误。\"");
        assert_eq!(literal("say \"hi\""), "r#\"say \"hi\"\"#");
        assert_eq!(literal("say \"#hi\""), "r##\"say \"#hi\"\"##");
        assert_eq!(literal("系统 \u{202E}"), "\"系统 \\u{202e}\"");
    }
}
