//! What the integration suite, the examples and the benchmarks share: the
//! local ESS-like service, and the way to the fixtures.

use std::path::PathBuf;

pub mod server;

/// The path of a file under `tests/fixtures`: the vendor's sample bodies,
/// pages and metadata, and the fuzzers' corpora, as committed.
pub fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).join(relative)
}
