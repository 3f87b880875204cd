//! Problems drawn as a compiler draws them: the message, the place, the
//! source line with carets under the span, and the help. The codegen library
//! reports places; drawing them is the command's job.
//!
//! Carets line up under the right characters whatever the line holds: tabs
//! are copied, and each character takes the columns a terminal gives it
//! (two for a Chinese character, none for a combining mark).

use ess_codegen::{Diagnostic, Location, SourceText};
use unicode_width::UnicodeWidthChar;

/// One problem, drawn against the spec's text (when it could be read).
pub fn diagnostic(d: &Diagnostic, source: Option<&SourceText>) -> String {
    let mut out = format!("error: {}\n", d.message);
    let Some(location) = &d.location else {
        if let Some(source) = source {
            out.push_str(&format!("  --> {}\n", source.origin));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!("   = help: {help}\n"));
        }
        return out;
    };
    let Location {
        file, line, column, ..
    } = location;
    let gutter = " ".repeat(line.to_string().len());
    out.push_str(&format!("{gutter}--> {file}:{line}:{column}\n"));
    if let Some(source) = source {
        let (text, pad, carets) = underline(&source.text, location);
        out.push_str(&format!("{gutter} |\n{line} | {text}\n"));
        out.push_str(&format!("{gutter} | {pad}{}\n", "^".repeat(carets)));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("{gutter} = help: {help}\n"));
    }
    out
}

/// The line of `location`, the white space that puts a caret under its
/// start, and how many carets cover its span on that line (at least one).
fn underline<'t>(text: &'t str, location: &Location) -> (&'t str, String, usize) {
    let start = location.span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let split = (start - line_start).min(line.len());
    // A span that starts inside a character starts at the character.
    let split = (0..=split)
        .rev()
        .find(|&i| line.is_char_boundary(i))
        .unwrap_or(0);
    let pad: String = line[..split]
        .chars()
        .flat_map(|c| {
            let (fill, width) = if c == '\t' {
                ('\t', 1)
            } else {
                (' ', c.width().unwrap_or(0))
            };
            std::iter::repeat_n(fill, width)
        })
        .collect();
    let end = location.span.end.clamp(start, line_end) - line_start;
    let end = (end.min(line.len())..=line.len())
        .find(|&i| line.is_char_boundary(i))
        .unwrap_or(line.len());
    let width: usize = line[split..end]
        .chars()
        .map(|c| c.width().unwrap_or(1))
        .sum();
    (line, pad, width.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ess_codegen::json::Span;

    fn draw(text: &str, start: usize, end: usize) -> String {
        let source = SourceText {
            origin: "s.json".into(),
            text: text.into(),
        };
        let d = Diagnostic::at(&source, Span { start, end }, "bad").help("fix it");
        diagnostic(&d, Some(&source))
    }

    #[test]
    fn carets_sit_under_the_span() {
        let text = "{\n  \"retyr\": 1\n}";
        assert_eq!(
            draw(text, 4, 11),
            "error: bad\n --> s.json:2:3\n  |\n2 |   \"retyr\": 1\n  |   ^^^^^^^\n  = help: fix it\n"
        );
    }

    #[test]
    fn wide_and_combining_characters_take_their_columns() {
        // Two Chinese characters take two columns each, the combining
        // accent none: the caret goes under the `"` of "x".
        let text = "{\"描述\": \"e\u{301}\", \"x\": 1}";
        let at = text.find("\"x\"").unwrap();
        let drawn = draw(text, at, at + 3);
        let lines: Vec<&str> = drawn.lines().collect();
        assert_eq!(lines[1], " --> s.json:1:14");
        let caret_column = lines[4].find('^').unwrap() - "  | ".len();
        let before = &text[..at];
        let expected: usize = before.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(caret_column, expected);
        assert_eq!(
            expected,
            "{\"\": \"e\", ".len() + 4,
            "the Chinese characters take two columns each"
        );
        assert!(lines[4].ends_with("^^^"), "{drawn}");
        // Under a wide character, two carets.
        let at = text.find('描').unwrap();
        assert!(draw(text, at, at + 3)
            .lines()
            .nth(4)
            .unwrap()
            .ends_with("  ^^"));
    }

    #[test]
    fn tabs_are_kept_so_the_caret_lines_up() {
        let drawn = draw("{\n\t\t\"a\": 1}", 4, 7);
        assert!(
            drawn.contains("2 | \t\t\"a\": 1}\n  | \t\t^^^\n"),
            "{drawn}"
        );
    }

    #[test]
    fn a_problem_without_a_place_names_the_file() {
        let source = SourceText {
            origin: "s.json".into(),
            text: "{}".into(),
        };
        let d = Diagnostic::whole("no errors key").help("add one");
        assert_eq!(
            diagnostic(&d, Some(&source)),
            "error: no errors key\n  --> s.json\n   = help: add one\n"
        );
    }
}
