//! Importers: specs written from what the vendor publishes. Each builds the
//! model of `ess_codegen` directly and leaves the checking to the same front
//! door as every other spec (`ess_codegen::Spec::parse` of what it writes).

pub mod common;
pub mod docs;
pub mod fetch;
pub mod merge;
pub mod meta;
pub mod table;

use ess_codegen::{Retry, Spec};
use ess_runtime::{RetryAdvice, RetryClass};

/// What `ess import meta` writes, from the metadata and (with `--docs`)
/// the pages: the spec, every note, and a one-line summary.
pub struct Imported {
    pub spec: Spec,
    pub notes: Vec<docs::Note>,
    pub summary: String,
}

/// How `ess import meta` writes a spec.
#[derive(Debug, Clone)]
pub struct Options {
    /// The spec's `$schema`, if any.
    pub schema: Option<String>,
    /// Whether the vendor's common codes ([`common::vendor_codes`]) join
    /// the spec, for the styles whose calls pass the vendor's API gateway.
    pub common_codes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            schema: None,
            common_codes: true,
        }
    }
}

/// The spec of `meta`, with `pages` (the pages' error catalogue and the
/// English descriptions of their response tables) where given.
///
/// What a code's entry says comes from the pages first, then the vendor's
/// common codes, then the metadata: the pages are the product's own
/// reference; the common table is the gateway's, which every RPC, ROA and
/// V3 call passes; the metadata lists codes per operation with a status
/// each, and an operation's status stays on that operation.
pub fn from_meta(mut meta: meta::Meta, pages: Option<docs::Docs>, options: &Options) -> Imported {
    let mut notes = std::mem::take(&mut meta.notes);
    let mut spec = Spec {
        schema: options.schema.clone(),
        service: meta.service.clone(),
        api_version: meta.api_version.clone(),
        ..Spec::default()
    };
    if let Some(pages) = pages {
        notes.extend(pages.notes);
        merge::english_descriptions(&mut meta.responses, &pages.responses, &mut notes);
        spec.errors = pages.errors;
        spec.common = pages.common;
        spec.operations = pages.operations;
    }
    let before_common = spec.errors.len();
    if options.common_codes && common::passes_gateway(meta.style.as_deref()) {
        merge::common_codes(&mut spec, &common::vendor_codes(), &mut notes);
    }
    let before = spec.errors.len();
    merge::error_codes(&mut spec, &meta.codes, &mut notes);
    // Struct names that meet in the metadata are numbered, not refused.
    spec.numbered_names = true;
    spec.components = meta.components;
    spec.responses = meta.responses;
    spec.style = meta.style.clone();
    spec.endpoints = meta.endpoints;
    spec.requests = meta.requests;
    let summary = format!(
        "{} operations, {} responses, {} components, {} common codes added, {} error codes of the metadata kept ({} new), {} codes in all",
        meta.operations,
        spec.responses.len(),
        spec.components.len(),
        before - before_common,
        meta.codes.len(),
        spec.errors.len() - before,
        spec.errors.len()
    );
    Imported {
        spec,
        notes,
        summary,
    }
}

/// The retry class an imported code gets when its page says none: what the
/// runtime's one retry policy infers from the code and its usual status.
pub fn default_retry(code: &str, status: u16) -> Option<Retry> {
    match RetryAdvice::new(None, Some(code), status, None).class()? {
        RetryClass::Throttling => Some(Retry::Throttling),
        RetryClass::Transient => Some(Retry::Transient),
        _ => None,
    }
}

/// Whether `c` is a CJK character or CJK punctuation: where a Chinese
/// description starts in a plain-text row, and what makes a message Chinese.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Whether `text` has any CJK character.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}
