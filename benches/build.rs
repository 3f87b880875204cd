//! Writes the "strum shape" lookups that `benches/lookup.rs` compares the
//! generated lookup with: one `match` on `&str` over every code of each
//! synthetic spec, as `#[derive(EnumString)]` generates it.

use std::fmt::Write as _;
use std::path::PathBuf;

use ess_codegen::{SourceText, Spec};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for size in [100, 1000, 5000] {
        let origin = format!("specs/synthetic-{size}.json");
        println!("cargo:rerun-if-changed={origin}");
        let text = std::fs::read_to_string(&origin).unwrap_or_else(|e| panic!("{origin}: {e}"));
        let spec = Spec::parse(SourceText { origin, text }).unwrap_or_else(|e| panic!("{e}"));
        let mut code = String::from(
            "/// One big `match` on the code, as strum's `EnumString` does it.\n\
             pub fn strum_shape(code: &str) -> Option<Synth> {\n    match code {\n",
        );
        for def in &spec.errors {
            writeln!(
                code,
                "        {:?} => Some(Synth::{}),",
                def.code, def.variant.name
            )
            .unwrap();
        }
        code.push_str("        _ => None,\n    }\n}\n");
        std::fs::write(out.join(format!("strum_shape_{size}.rs")), code).unwrap();
    }
}
