//! `from_code` against the strum shape (one big `match` on `&str`) for the
//! synthetic specs of 100, 1,000 and 5,000 codes, hits and misses, in one run.
//!
//! `cargo bench --bench lookup`; specs from `python3 scripts/synth_specs.py`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use ess_runtime::ErrorCode;

macro_rules! synthetic {
    ($module:ident, $spec:literal, $size:literal) => {
        mod $module {
            #[ess_runtime::error_enum(spec = $spec)]
            pub enum Synth {}
            include!(concat!(env!("OUT_DIR"), "/strum_shape_", $size, ".rs"));
        }
    };
}

synthetic!(n100, "specs/synthetic-100.json", "100");
synthetic!(n1000, "specs/synthetic-1000.json", "1000");
synthetic!(n5000, "specs/synthetic-5000.json", "5000");

/// 1,024 probes drawn from `codes` in a fixed scrambled order, so that the
/// branch predictor cannot learn the sequence.
fn probes(codes: &[String]) -> Vec<String> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            codes[(state % codes.len() as u64) as usize].clone()
        })
        .collect()
}

/// Codes that are not in the spec but look like those that are: same length,
/// same prefix, last character changed.
fn near_misses(codes: &[&str]) -> Vec<String> {
    codes
        .iter()
        .map(|c| {
            let mut miss = c[..c.len() - 1].to_owned();
            miss.push(if c.ends_with('x') { 'y' } else { 'x' });
            miss
        })
        .collect()
}

fn bench_size<E: ErrorCode>(c: &mut Criterion, size: usize, strum_shape: fn(&str) -> Option<E>) {
    let codes: Vec<&str> = E::ALL.iter().map(ErrorCode::code).collect();
    let hits = probes(&codes.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    let misses = probes(&near_misses(&codes));
    assert!(hits
        .iter()
        .all(|h| E::from_code(h).is_some() && strum_shape(h).is_some()));
    assert!(misses
        .iter()
        .all(|m| E::from_code(m).is_none() && strum_shape(m).is_none()));

    let mut group = c.benchmark_group(format!("from_code/{size}"));
    for (kind, inputs) in [("hit", &hits), ("miss", &misses)] {
        group.bench_with_input(BenchmarkId::new("ess", kind), inputs, |b, inputs| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) & 1023;
                E::from_code(black_box(&inputs[i]))
            })
        });
        group.bench_with_input(
            BenchmarkId::new("strum_shape", kind),
            inputs,
            |b, inputs| {
                let mut i = 0;
                b.iter(|| {
                    i = (i + 1) & 1023;
                    strum_shape(black_box(&inputs[i]))
                })
            },
        );
    }
    group.finish();
}

fn lookup(c: &mut Criterion) {
    bench_size(c, 100, n100::strum_shape);
    bench_size(c, 1000, n1000::strum_shape);
    bench_size(c, 5000, n5000::strum_shape);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = lookup
}
criterion_main!(benches);
