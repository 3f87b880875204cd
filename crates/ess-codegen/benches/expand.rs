//! Expansion time of `#[error_enum]` on the synthetic specs, inside the
//! codegen library: read the file, parse, validate, build the perfect hash and
//! generate the tokens. Target: under 50 ms at 5,000 codes.
//!
//! `cargo bench -p ess-codegen --bench expand`

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use quote::quote;

fn expand(c: &mut Criterion) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut group = c.benchmark_group("expand");
    group.sample_size(20);
    for size in [100, 1000, 5000] {
        let spec = format!("benches/specs/synthetic-{size}.json");
        let args = quote!(spec = #spec);
        let item = quote!(
            pub enum Synth {}
        );
        let tokens = ess_codegen::error_enum(args.clone(), item.clone(), &workspace);
        assert!(
            !tokens.to_string().contains("compile_error"),
            "the spec must expand"
        );
        group.bench_function(BenchmarkId::from_parameter(size), |b| {
            b.iter(|| ess_codegen::error_enum(args.clone(), item.clone(), &workspace))
        });
    }
    group.finish();
}

criterion_group!(benches, expand);
criterion_main!(benches);
