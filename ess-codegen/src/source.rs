//! The front door: finding, reading and checking a spec, the same way for
//! the macros, the build-script `Builder` and the `ess` command, so that all
//! three see the same spec and report the same problems.

use std::path::{Path, PathBuf};

use crate::ast;
use crate::diagnostic::{Cx, Diagnostic, Problems, SourceText};
use crate::json;
use crate::model::Spec;
use crate::valid;

/// Where a spec comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecSource {
    /// A file: `path` as the user wrote it (shown in messages and docs),
    /// read relative to `base`.
    File {
        /// The path as written.
        path: String,
        /// What a relative path is relative to.
        base: Base,
    },
    /// The spec's text itself (`spec_json = "..."`), shown as `inline spec`.
    Inline(String),
}

/// What a relative spec path is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// A crate's root, the directory of its `Cargo.toml` (the macros).
    CrateRoot(PathBuf),
    /// The working directory (the `ess` command; a build script, whose
    /// working directory is its crate's root).
    WorkingDirectory,
}

impl SpecSource {
    /// A file named as the user wrote it, relative to `base`.
    pub fn file(path: impl Into<String>, base: Base) -> Self {
        SpecSource::File {
            path: path.into(),
            base,
        }
    }

    /// How the spec is named in messages and generated docs.
    pub fn origin(&self) -> &str {
        match self {
            SpecSource::File { path, .. } => path,
            SpecSource::Inline(_) => "inline spec",
        }
    }

    /// The file to read, if the spec is a file.
    pub fn resolved(&self) -> Option<PathBuf> {
        match self {
            SpecSource::File {
                path,
                base: Base::CrateRoot(root),
            } => Some(root.join(path)),
            SpecSource::File {
                path,
                base: Base::WorkingDirectory,
            } => Some(PathBuf::from(path)),
            SpecSource::Inline(_) => None,
        }
    }
}

/// A spec that loaded: the model, the text it came from and the file it was
/// read from (`None` for an inline spec).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The checked spec.
    pub spec: Spec,
    /// Its text, and how it is named.
    pub source: SourceText,
    /// The file it was read from, so that generated code can make cargo
    /// rebuild when it changes.
    pub file: Option<PathBuf>,
}

/// Reads and checks the spec of `source`.
pub fn load(source: &SpecSource) -> Result<Loaded, Problems> {
    let mut cx = Cx::default();
    load_into(source, &mut cx).ok_or_else(|| cx.into_problems())
}

impl Spec {
    /// Parses and checks a spec's text.
    pub fn parse(source: SourceText) -> Result<Spec, Problems> {
        let mut cx = Cx::default();
        cx.read(&source);
        parse(&source, &mut cx).ok_or_else(|| cx.into_problems())
    }
}

/// Loads into `cx`: the spec, or `None` with every problem reported.
pub(crate) fn load_into(source: &SpecSource, cx: &mut Cx) -> Option<Loaded> {
    let text = read(source, cx)?;
    let spec = parse(&text, cx)?;
    Some(Loaded {
        spec,
        source: text,
        file: source.resolved(),
    })
}

fn read(source: &SpecSource, cx: &mut Cx) -> Option<SourceText> {
    let text = match source {
        SpecSource::Inline(text) => text.clone(),
        SpecSource::File { path, base } => {
            let full = source.resolved()?;
            match std::fs::read_to_string(&full) {
                Ok(text) => text,
                Err(e) => {
                    cx.push(
                        Diagnostic::whole(format!(
                            "cannot read spec file `{path}`: {}",
                            why(&full, &e)
                        ))
                        .help(match base {
                            Base::CrateRoot(_) => {
                                "spec paths are relative to the crate's root (the directory of its Cargo.toml)"
                            }
                            Base::WorkingDirectory => {
                                "the path is relative to the working directory (a build script's is its crate's root)"
                            }
                        }),
                    );
                    return None;
                }
            }
        }
    };
    let text = SourceText {
        origin: source.origin().to_owned(),
        text,
    };
    cx.read(&text);
    Some(text)
}

fn why(full: &Path, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        _ if full.is_dir() => "it is a directory, not a file".to_owned(),
        std::io::ErrorKind::InvalidData => "it is not valid UTF-8".to_owned(),
        _ => e.to_string(),
    }
}

fn parse(source: &SourceText, cx: &mut Cx) -> Option<Spec> {
    match json::parse(&source.text) {
        Ok(root) => {
            let before = cx.len();
            let raw = ast::read(&root, source, cx);
            let spec = valid::spec(raw, source, cx)?;
            (cx.len() == before).then_some(spec)
        }
        Err(e) => {
            cx.push(
                Diagnostic::at(
                    source,
                    json::Span::at(e.at),
                    format!("malformed JSON: {}", e.message),
                )
                .help("a spec is one JSON object; fix the syntax at this place"),
            );
            None
        }
    }
}
