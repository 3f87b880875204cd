//! Expansion time of `#[error_enum]` on the synthetic specs, inside the
//! codegen library: read the file, parse, validate, build the perfect hash
//! and generate the tokens (and drop them). Target: under 50 ms at 5,000
//! codes.
//!
//! `cargo bench --bench expand` prints the fastest and the
//! median of 30 runs per size: a run's time includes fresh allocations of a
//! few megabytes, which makes the mean swing with the machine's load.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use quote::quote;

fn main() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("{:>6} {:>10} {:>10}", "codes", "fastest", "median");
    for size in [100, 1000, 5000] {
        let spec = format!("specs/synthetic-{size}.json");
        let args = quote!(spec = #spec);
        let item = quote!(
            pub enum Synth {}
        );
        let tokens = ess_codegen::error_enum(args.clone(), item.clone(), workspace);
        assert!(
            !tokens.to_string().contains("compile_error"),
            "the spec must expand"
        );
        let mut times: Vec<f64> = (0..30)
            .map(|_| {
                let start = Instant::now();
                black_box(ess_codegen::error_enum(
                    args.clone(),
                    item.clone(),
                    workspace,
                ));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{size:>6} {:>7.2} ms {:>7.2} ms",
            times[0],
            times[times.len() / 2]
        );
    }
}
