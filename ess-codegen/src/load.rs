//! Finding and reading the spec a macro names.

use std::path::{Path, PathBuf};

use crate::attr::SpecArg;
use crate::diagnostic::SourceText;
use crate::errors::Errors;
use crate::spec::Spec;

/// A loaded spec and the file it came from (`None` for an inline spec).
pub struct Loaded {
    /// The validated spec.
    pub spec: Spec,
    /// The spec file's absolute path, so the generated code can make cargo
    /// rebuild when it changes.
    pub file: Option<PathBuf>,
    /// How to name the spec in messages and docs.
    pub origin: String,
}

/// Reads and validates the spec; every problem becomes an error pointing at
/// the attribute that names the spec.
pub fn load(arg: &SpecArg, manifest_dir: &Path, errors: &mut Errors) -> Option<Loaded> {
    let span = arg.span();
    let (source, file) = match arg {
        SpecArg::Inline(lit) => (
            SourceText {
                origin: "inline spec".to_owned(),
                text: lit.value(),
            },
            None,
        ),
        SpecArg::Path(lit) => {
            let written = lit.value();
            let path = Path::new(&written);
            if path.is_absolute() || written.starts_with('/') || written.starts_with('\\') {
                errors.push(syn::Error::new(
                    span,
                    format!(
                        "absolute spec path `{written}` is refused: write the path relative to the \
                         crate's root (the directory of its Cargo.toml), e.g. \"spec/common.json\""
                    ),
                ));
                return None;
            }
            let full = manifest_dir.join(path);
            match std::fs::read_to_string(&full) {
                Ok(text) => (
                    SourceText {
                        origin: written.clone(),
                        text,
                    },
                    Some(full),
                ),
                Err(e) => {
                    errors.push(syn::Error::new(span, read_error(&written, &full, &e)));
                    return None;
                }
            }
        }
    };
    let origin = source.origin.clone();
    match Spec::parse(source) {
        Ok(spec) => Some(Loaded { spec, file, origin }),
        Err(failed) => {
            for d in &failed.diagnostics {
                errors.push(syn::Error::new(span, d.render(&failed.source).to_string()));
            }
            None
        }
    }
}

fn read_error(written: &str, full: &Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        _ if full.is_dir() => "it is a directory, not a file".to_owned(),
        std::io::ErrorKind::InvalidData => "it is not valid UTF-8".to_owned(),
        _ => e.to_string(),
    };
    format!(
        "cannot read spec file `{written}`: {why}\nhelp: spec paths are relative to the crate's \
         root (the directory of its Cargo.toml)"
    )
}
