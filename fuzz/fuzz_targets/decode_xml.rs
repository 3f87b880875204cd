//! Any bytes as an XML response: no panic, and what decodes reads back the
//! same from JSON.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ess_fuzz::check(data, "application/xml"));
