//! Importers: specs written from what the vendor publishes. Each builds the
//! model of `ess_codegen` directly and leaves the checking to the same front
//! door as every other spec (`ess_codegen::Spec::parse` of what it writes).

pub mod docs;
pub mod merge;
pub mod meta;
pub mod table;

use ess_codegen::Retry;
use ess_runtime::{RetryAdvice, RetryClass};

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
