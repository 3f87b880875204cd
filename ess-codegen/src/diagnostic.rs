//! Problems found in a spec, with where they are and how to fix them.

use std::fmt;

use crate::json::{line_column, LineColumn, Offset};

/// One problem in a spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the spec text the problem is, when it has a place.
    pub at: Option<Offset>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `at`.
    pub fn new(at: Offset, message: impl Into<String>) -> Self {
        Diagnostic {
            at: Some(at),
            message: message.into(),
            help: None,
        }
    }

    /// A problem with the spec as a whole (it cannot be read, say).
    pub fn whole(message: impl Into<String>) -> Self {
        Diagnostic {
            at: None,
            message: message.into(),
            help: None,
        }
    }

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the problem against its source, as `origin:line:column: message`
    /// with the help on its own line.
    pub fn render<'a>(&'a self, source: &'a SourceText) -> Rendered<'a> {
        Rendered {
            diagnostic: self,
            source,
        }
    }
}

impl Diagnostic {
    /// Renders the problem as a compiler does: the message, the place, the
    /// source line with a caret under the column, and the help.
    pub fn report(&self, source: &SourceText) -> String {
        let mut out = format!("error: {}\n", self.message);
        match self.at {
            Some(at) => {
                let LineColumn { line, column } = source.line_column(at);
                let text = source.text.lines().nth(line - 1).unwrap_or("");
                let gutter = " ".repeat(line.to_string().len());
                out.push_str(&format!("{gutter}--> {}:{line}:{column}\n", source.origin));
                out.push_str(&format!("{gutter} |\n{line} | {text}\n"));
                let pad: String = text
                    .chars()
                    .take(column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!("{gutter} | {pad}^\n"));
                if let Some(help) = &self.help {
                    out.push_str(&format!("{gutter} = help: {help}\n"));
                }
            }
            None => {
                out.push_str(&format!("  --> {}\n", source.origin));
                if let Some(help) = &self.help {
                    out.push_str(&format!("   = help: {help}\n"));
                }
            }
        }
        out
    }
}

/// A spec's text and the name to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The path as the user wrote it, or `inline spec`.
    pub origin: String,
    /// The whole text.
    pub text: String,
}

impl SourceText {
    /// The 1-based line and column of `at`.
    pub fn line_column(&self, at: Offset) -> LineColumn {
        line_column(&self.text, at)
    }
}

/// [`Diagnostic::render`]'s output.
pub struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a SourceText,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Diagnostic { at, message, help } = self.diagnostic;
        f.write_str(&self.source.origin)?;
        if let Some(at) = at {
            let LineColumn { line, column } = self.source.line_column(*at);
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {message}")?;
        if let Some(help) = help {
            write!(f, "\nhelp: {help}")?;
        }
        Ok(())
    }
}
