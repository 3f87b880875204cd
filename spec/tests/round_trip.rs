//! Every committed spec reads and writes back byte for byte: the spec
//! writer (which the importers use) keeps the documented key order and
//! layout, so an imported spec diffs well against a hand-edited one.

use ess_codegen::{SourceText, Spec};

#[test]
fn the_committed_specs_read_and_write_back_byte_for_byte() {
    for (origin, text) in [
        ("spec/common.json", ess_spec::COMMON_JSON),
        ("spec/ess.json", ess_spec::ESS_JSON),
    ] {
        let spec = Spec::parse(SourceText {
            origin: origin.into(),
            text: text.into(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            spec.to_json() == text,
            "{origin} does not write back as it is"
        );
    }
}
