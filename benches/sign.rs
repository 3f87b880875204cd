//! Building, encoding and signing a 20-parameter `DescribeScalingGroups`
//! (a repeated and a flat parameter among them) against the bare HMAC-SHA1
//! over the same string to sign, in one run: rounds alternate the two, and
//! the table gives the fastest round of each and the median of the
//! per-round ratios. Target: at most 3x the bare HMAC.
//!
//! `cargo bench --bench sign`

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use ess_runtime::{Client, Credentials, Request};
use ess_spec::ess;
use ess_spec::ess::describe_scaling_groups::request::Tag;
use hmac::{Hmac, Mac};

/// The system allocator, counting allocations: what the issue bounds is
/// the allocations `Client::sign` adds over the encoding.
struct Counting;

static ALLOCATIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations (and reallocations) `f` makes.
fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.load(std::sync::atomic::Ordering::Relaxed);
    let out = f();
    (
        out,
        ALLOCATIONS.load(std::sync::atomic::Ordering::Relaxed) - before,
    )
}

fn request() -> ess::DescribeScalingGroupsRequest {
    ess::DescribeScalingGroupsRequest::new("cn-hangzhou")
        .page_number(1)
        .page_size(50)
        .scaling_group_name("web")
        .scaling_group_name_1("web-1")
        .scaling_group_name_2("web-2")
        .scaling_group_name_3("web-3")
        .scaling_group_name_4("web-4")
        .group_type("ECS")
        .resource_group_id("rg-acfm2x6v0******")
        .scaling_group_id(["asg-bp14wlu85wrpchm0****", "asg-bp1igpak5ft1flyp****"])
        .tag([
            Tag {
                key: Some("env".into()),
                value: Some("prod".into()),
            },
            Tag {
                key: Some("team".into()),
                value: Some("web scaling".into()),
            },
        ])
}

/// Nanoseconds per call of `f`, over `n` calls.
fn time(n: u32, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn main() {
    let credentials = Credentials::new("LTAI5tExampleKeyId", "ExampleSecretForTheBenchmark");
    let client = Client::builder("cn-hangzhou")
        .credentials(credentials.clone())
        .build()
        .unwrap();
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    // The string to sign of the same request, for the anchor.
    let signed =
        client.sign::<ess::DescribeScalingGroups>(&credentials, &request().encode().unwrap(), now);
    let query = signed.url.split_once('?').unwrap().1;
    let params: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.starts_with("Signature="))
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect();
    println!(
        "{} parameters sent, {} of them the request's",
        params.len(),
        params.len() - 8
    );
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let string_to_sign = ess_runtime::sign::rpc_v1_string_to_sign("POST", &pairs);
    let key = b"ExampleSecretForTheBenchmark&";

    // `SIGN_ONLY=bare` or `SIGN_ONLY=full` runs one side alone, for
    // counting instructions (`perf stat -e instructions`, callgrind).
    if let Ok(only) = std::env::var("SIGN_ONLY") {
        let key = *key;
        for _ in 0..100_000 {
            if only == "bare" {
                let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).unwrap();
                mac.update(black_box(string_to_sign.as_bytes()));
                black_box(mac.finalize().into_bytes());
            } else {
                let encoded = black_box(request()).encode().unwrap();
                black_box(client.sign::<ess::DescribeScalingGroups>(&credentials, &encoded, now));
            }
        }
        return;
    }
    let n = 20_000;
    let (mut bare, mut full, mut ratios) = (f64::MAX, f64::MAX, Vec::new());
    for _ in 0..15 {
        let b = time(n, || {
            let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).unwrap();
            mac.update(black_box(string_to_sign.as_bytes()));
            black_box(mac.finalize().into_bytes());
        });
        let f = time(n, || {
            let encoded = black_box(request()).encode().unwrap();
            black_box(client.sign::<ess::DescribeScalingGroups>(&credentials, &encoded, now));
        });
        bare = bare.min(b);
        full = full.min(f);
        ratios.push(f / b);
    }
    ratios.sort_by(f64::total_cmp);
    let built = time(n, || {
        black_box(request());
    });
    let r = request();
    let encoded_only = time(n, || {
        black_box(black_box(&r).encode().unwrap());
    });
    let e = r.encode().unwrap();
    let signed_only = time(n, || {
        black_box(client.sign::<ess::DescribeScalingGroups>(&credentials, black_box(&e), now));
    });
    println!("| what | fastest round, per call |");
    println!("|---|---|");
    println!(
        "| bare HMAC-SHA1 over the string to sign ({} bytes) | {:.2} µs |",
        string_to_sign.len(),
        bare / 1000.0
    );
    println!(
        "| build + encode + sign (`Client::sign`) | {:.2} µs |",
        full / 1000.0
    );
    println!(
        "| of which: build the request (the caller's strings) | {:.2} µs (one round) |",
        built / 1000.0
    );
    println!(
        "| of which: check and encode (`Request::encode`) | {:.2} µs (one round) |",
        encoded_only / 1000.0
    );
    println!(
        "| of which: common parameters, sign, URL (`Client::sign`) | {:.2} µs (one round) |",
        signed_only / 1000.0
    );
    let (built, build_allocs) = allocations(request);
    let (encoded, encode_allocs) = allocations(|| built.encode().unwrap());
    let (_, sign_allocs) =
        allocations(|| client.sign::<ess::DescribeScalingGroups>(&credentials, &encoded, now));
    println!(
        "allocations: build {build_allocs}, encode {encode_allocs}, sign {sign_allocs} ({} pairs encoded)",
        encoded.query.len()
    );
    println!(
        "ratio: {:.2}x fastest, {:.2}x median of rounds (target: at most 3x)",
        full / bare,
        ratios[ratios.len() / 2]
    );
}
