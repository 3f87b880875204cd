//! Problems drawn as a compiler draws them: the message, the place, the
//! source line with carets under the span, and the help. The codegen library
//! reports places; drawing them is the command's job.
//!
//! Carets line up under the right characters whatever the line holds: tabs
//! are copied, and each character takes the columns a terminal gives it
//! (two for a Chinese character, none for a combining mark).

use ess_codegen::{Diagnostic, Location, SourceText};
use unicode_width::UnicodeWidthChar;

/// `; did you mean `…`?` when one of `names` is close to `name`, else
/// nothing: the end of a message that names something the spec lacks.
pub fn closest<'a>(name: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    ess_codegen::suggest::did_you_mean(name, names, '`')
        .map(|close| format!("; {close}"))
        .unwrap_or_default()
}

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

/// How many characters of a long line are shown on each side of a place:
/// the vendor's metadata is one line of hundreds of kilobytes.
const CONTEXT: usize = 60;

/// A line of at most this many characters is shown whole.
const WHOLE_LINE: usize = 160;

/// The part of the line around byte `at` that is shown: at most
/// [`CONTEXT`] characters on each side of `[at, end)` (the span, cut at the
/// line's end), with `…` where the line goes on. The text, and the byte
/// offset in `text` where it starts.
fn window(text: &str, at: usize, end: usize) -> (String, usize) {
    let at = floor_boundary(text, at.min(text.len()));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let line_end = line_start + line.len();
    if line.chars().nth(WHOLE_LINE).is_none() {
        return (line.to_owned(), line_start);
    }
    let end = floor_boundary(text, end.clamp(at, line_end));
    let start = text[line_start..at]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(line_start, |(i, _)| line_start + i);
    let stop = text[end..line_end]
        .char_indices()
        .nth(CONTEXT)
        .map_or(line_end, |(i, _)| end + i);
    let mut shown = String::with_capacity(stop - start + 6);
    if start > line_start {
        shown.push('…');
    }
    shown.push_str(&text[start..stop]);
    if stop < line_end {
        shown.push('…');
    }
    (shown, start)
}

fn floor_boundary(text: &str, at: usize) -> usize {
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The text around byte `at`, on its line, as a note shows it.
pub fn excerpt(text: &str, at: usize) -> String {
    window(text, at, at).0
}

/// The line of `location` (the part around it, for a long line), the white
/// space that puts a caret under its start, and how many carets cover its
/// span on that line (at least one).
fn underline(text: &str, location: &Location) -> (String, String, usize) {
    let start = floor_boundary(text, location.span.start.min(text.len()));
    let (line, shown_from) = window(text, start, location.span.end);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let cut = shown_from > line_start;
    let before = &text[shown_from..start];
    let pad: String = std::iter::repeat_n(' ', usize::from(cut))
        .chain(before.chars().flat_map(|c| {
            let (fill, width) = if c == '\t' {
                ('\t', 1)
            } else {
                (' ', c.width().unwrap_or(0))
            };
            std::iter::repeat_n(fill, width)
        }))
        .collect();
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = floor_boundary(text, location.span.end.clamp(start, line_end));
    let width: usize = text[start..end]
        .trim_end_matches('\r')
        .chars()
        .take(CONTEXT)
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
    fn a_long_line_is_shown_around_the_place() {
        // One minified line of 10,000 characters, the problem in its middle.
        let text = format!(
            "{{\"a\": \"{}\", \"bad\": 1, \"b\": \"{}\"}}",
            "x".repeat(5000),
            "y".repeat(5000)
        );
        let at = text.find("\"bad\"").unwrap();
        let drawn = draw(&text, at, at + 5);
        let lines: Vec<&str> = drawn.lines().collect();
        assert!(lines[3].len() < 2 * CONTEXT + 30, "{drawn}");
        assert!(
            lines[3].starts_with("1 | …x") && lines[3].ends_with("y…"),
            "{drawn}"
        );
        // The carets still sit under `"bad"` (each character here takes
        // one column, `…` too).
        let caret = lines[4].find('^').unwrap();
        let under: String = lines[3].chars().skip(caret).take(5).collect();
        assert_eq!(under, "\"bad\"", "{drawn}");
        assert!(lines[4].ends_with("^^^^^"), "{drawn}");
        assert_eq!(excerpt(&text, at).chars().count(), 2 * CONTEXT + 2);
        // A short line is shown whole.
        assert_eq!(excerpt("{\"a\": 1}", 2), "{\"a\": 1}");
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
