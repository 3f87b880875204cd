//! Any bytes as a response of one of eight operations of the catalogue's
//! cuts (maps, free-form values, lists of lists, components): no panic, and
//! what decodes reads back from JSON and from XML.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ess_fuzz::catalogue::check(data));
