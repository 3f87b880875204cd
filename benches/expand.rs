//! Expansion time inside the codegen library: read the file, parse,
//! validate, resolve, generate the tokens (and drop them). `#[error_enum]`
//! on the synthetic specs (target: under 50 ms at 5,000 codes), and
//! `#[service]` on `spec/ess.json`, whole and naming five operations
//! (target: under 50 ms for the whole service).
//!
//! `cargo bench --bench expand` prints the fastest and the
//! median of 30 runs per size: a run's time includes fresh allocations of a
//! few megabytes, which makes the mean swing with the machine's load.
//!
//! `cargo bench --bench expand -- SPEC...` also times `#[service]` on each
//! spec given (for instance the largest products of the vendor's catalogue,
//! imported by `ess import meta`; target: under 150 ms), given inline, as
//! the spec's text.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use quote::quote;

fn main() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("{:<34} {:>10} {:>10}", "expansion", "fastest", "median");
    for size in [100, 1000, 5000] {
        let spec = format!("specs/synthetic-{size}.json");
        let (fastest, median) = time(|| {
            ess_codegen::error_enum(
                quote!(spec = #spec),
                quote!(
                    pub enum Synth {}
                ),
                workspace,
            )
        });
        println!(
            "{:<34} {fastest:>7.2} ms {median:>7.2} ms",
            format!("error_enum, {size} codes")
        );
    }
    let five = quote!(
        operations = [
            "DescribeScalingGroups",
            "CreateScalingGroup",
            "DescribeScalingActivities",
            "DescribeScalingInstances",
            "DeleteScalingGroup"
        ]
    );
    for (what, extra) in [
        ("service, all of ESS", quote!()),
        ("service, 5 ESS operations", quote!(, #five)),
    ] {
        let (fastest, median) = time(|| {
            ess_codegen::service(
                quote!(spec = "../spec/ess.json" #extra),
                quote!(
                    pub mod ess {}
                ),
                workspace,
            )
        });
        println!("{what:<34} {fastest:>7.2} ms {median:>7.2} ms");
    }
    for path in std::env::args().skip(1).filter(|a| !a.starts_with('-')) {
        // From a file, as `#[service(spec = "...")]` reads one (inline,
        // the whole spec would be escaped into a literal and read back out
        // of it on every run). A spec path is relative to the crate: the
        // file is copied under the target directory.
        let name = Path::new(&path)
            .file_name()
            .unwrap_or_else(|| panic!("{path}: not a file"));
        let copies = workspace.join("../target/expand-specs");
        std::fs::create_dir_all(&copies).unwrap_or_else(|e| panic!("{copies:?}: {e}"));
        std::fs::copy(&path, copies.join(name)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let relative = format!("../target/expand-specs/{}", name.to_string_lossy());
        let (fastest, median) = time(|| {
            ess_codegen::service(
                quote!(spec = #relative),
                quote!(
                    pub mod svc {}
                ),
                workspace,
            )
        });
        let name = Path::new(&path)
            .file_stem()
            .map_or(path.clone(), |s| s.to_string_lossy().into_owned());
        println!(
            "{:<34} {fastest:>7.2} ms {median:>7.2} ms",
            format!("service, {name}")
        );
    }
}

/// The fastest and the median of 30 runs of `expand`, in milliseconds,
/// after checking that it expands without an error.
fn time(expand: impl Fn() -> proc_macro2::TokenStream) -> (f64, f64) {
    assert!(
        !expand().to_string().contains("compile_error"),
        "the spec must expand"
    );
    let mut times: Vec<f64> = (0..30)
        .map(|_| {
            let start = Instant::now();
            black_box(expand());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}
