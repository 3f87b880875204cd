//! Any bytes as a JSON response: no panic, and what decodes reads back the
//! same from XML.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ess_fuzz::check(data, "application/json"));
