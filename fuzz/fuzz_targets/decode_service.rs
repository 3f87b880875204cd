//! Any bytes as a response of one of eight generated ESS operations: no
//! panic, and what decodes reads back the same from JSON and from XML.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ess_fuzz::service::check(data));
