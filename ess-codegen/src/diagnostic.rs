//! Problems, with where they are and how to fix them, and the one context
//! that every stage (reading the macro's arguments, the spec's shape, its
//! meaning, the request against the spec) pushes them into, so that one build
//! reports all of them.
//!
//! This module keeps data: the file, line, column and byte span of each
//! problem. Drawing it (a caret under the place) is the `ess` command's job;
//! the macro turns each problem into a compile error.

use std::fmt;

use proc_macro2::TokenStream;

use crate::json::{line_column, LineColumn, Span};

/// A spec's text and the name to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The path as the user wrote it, or `inline spec`.
    pub origin: String,
    /// The whole text.
    pub text: String,
}

impl SourceText {
    /// The 1-based line and column (in characters) of byte `at`.
    pub fn line_column(&self, at: usize) -> LineColumn {
        line_column(&self.text, at)
    }

    /// Where `span` is, in full.
    pub fn location(&self, span: Span) -> Location {
        let LineColumn { line, column } = self.line_column(span.start);
        Location {
            file: self.origin.clone(),
            line,
            column,
            span,
        }
    }

    /// `line L:C`, for pointing from one problem at another place.
    pub fn place(&self, span: Span) -> String {
        let LineColumn { line, column } = self.line_column(span.start);
        format!("line {line}:{column}")
    }
}

/// Where in a spec file a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// The spec, as the user named it (`spec/common.json`, `inline spec`).
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// The bytes of the spec text the problem is about.
    pub span: Span,
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the spec, when the problem has a place there; `None` for a
    /// spec that cannot be read, or a macro argument.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `span` of `source`.
    pub fn at(source: &SourceText, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            location: Some(source.location(span)),
            message: message.into(),
            help: None,
        }
    }

    /// A problem without a place in a spec.
    pub fn whole(message: impl Into<String>) -> Self {
        Diagnostic {
            location: None,
            message: message.into(),
            help: None,
        }
    }

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// `file:line:column: message`, then `help: ...` on its own line.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(Location {
            file, line, column, ..
        }) = &self.location
        {
            write!(f, "{file}:{line}:{column}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\nhelp: {help}")?;
        }
        Ok(())
    }
}

/// Every problem that stopped a spec from loading or code from being
/// generated, in the order of the file, and the spec's text (when it could
/// be read) for showing the lines they point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    /// The spec's text, when it could be read.
    pub source: Option<SourceText>,
    /// The problems: those with a place in the spec first, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "error: {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// The context every stage reports into.
///
/// A problem in the spec carries its [`Location`]; a problem with the
/// macro's own input also carries the Rust span to put the compile error at.
/// Problems without either are put at the argument that names the spec.
#[derive(Default)]
pub(crate) struct Cx {
    /// Each problem, and for one in the macro's input the compile error
    /// that points at it (which keeps the whole span a `syn` error covers).
    problems: Vec<(Diagnostic, Option<syn::Error>)>,
    /// The spec text the problems point into, once it has been read.
    source: Option<SourceText>,
}

impl Cx {
    /// Adds one problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.problems.push((diagnostic, None));
    }

    /// Adds a problem with the macro's input at `span`.
    pub(crate) fn push_at(&mut self, span: proc_macro2::Span, diagnostic: Diagnostic) {
        let error = syn::Error::new(span, diagnostic.to_string());
        self.problems.push((diagnostic, Some(error)));
    }

    /// Adds a problem with the macro's input, as `syn` reports it.
    pub(crate) fn syn(&mut self, error: syn::Error) {
        for e in error {
            self.problems
                .push((Diagnostic::whole(e.to_string()), Some(e)));
        }
    }

    /// How many problems have been reported: a check compares the count
    /// before and after to know whether it found any.
    pub(crate) fn len(&self) -> usize {
        self.problems.len()
    }

    /// Keeps the spec's text, for showing the lines problems point at.
    pub(crate) fn read(&mut self, source: &SourceText) {
        self.source = Some(source.clone());
    }

    /// The problems as data, for the `Builder` and the `ess` command:
    /// those with a place in file order, then the others in the order they
    /// were found.
    pub(crate) fn into_problems(self) -> Problems {
        let source = self.source;
        let mut diagnostics: Vec<Diagnostic> = self.problems.into_iter().map(|(d, _)| d).collect();
        diagnostics.sort_by_key(|d| {
            d.location
                .as_ref()
                .map_or((1, 0), |location| (0, location.span.start))
        });
        Problems {
            source,
            diagnostics,
        }
    }

    /// The problems as compile errors: a problem of the macro's input at its
    /// span, any other at `spec_span` (the literal that names the spec),
    /// written `file:line:column: message` with the help below.
    pub(crate) fn into_compile_errors(self, spec_span: proc_macro2::Span) -> TokenStream {
        let mut problems = self.problems;
        problems.sort_by_key(|(d, span)| {
            (
                span.is_none(),
                d.location
                    .as_ref()
                    .map_or(0, |location| location.span.start),
            )
        });
        let mut errors = TokenStream::new();
        for (diagnostic, error) in problems {
            let error = error.unwrap_or_else(|| syn::Error::new(spec_span, diagnostic.to_string()));
            errors.extend(error.into_compile_error());
        }
        errors
    }
}
