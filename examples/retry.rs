//! A simple backoff loop: calls `ess serve`'s fake of ESS on 127.0.0.1,
//! which throttles the first two requests with `Throttling` and
//! `x-acs-retry-after`, and retries as the decoded outcome advises.
//!
//! Run with `cargo run --example retry`.

use std::time::Duration;

use ess_runtime::{Decoder, Error, Operation, Success};
use ess_spec::ess::DescribeScalingGroups;

type Outcome = Result<
    Success<<DescribeScalingGroups as Operation>::Response>,
    Error<<DescribeScalingGroups as Operation>::Error>,
>;

async fn describe(url: &str) -> Outcome {
    // A transport failure (no connection) is not a response to decode.
    let response = reqwest::get(url).await.expect("the local service answers");
    Decoder::new()
        .decode_operation_reqwest::<DescribeScalingGroups>(response)
        .await
}

#[tokio::main]
async fn main() {
    let server = ess_tests::server::Server::ess(ess_cli::serve::Faults {
        throttle_first: 2,
        ..Default::default()
    });
    let url = server.url("DescribeScalingGroups", "XML", "");
    let mut backoff = Duration::from_millis(100);
    for attempt in 1..=5 {
        match describe(&url).await {
            Ok(ok) => {
                let names: Vec<_> = ok
                    .body
                    .scaling_groups
                    .iter()
                    .filter_map(|group| group.scaling_group_name.as_deref())
                    .collect();
                println!(
                    "attempt {attempt}: {} scaling groups {names:?} (request {:?})",
                    ok.body.total_count.unwrap_or_default(),
                    ok.request_id
                );
                return;
            }
            Err(e) => {
                let advice = e.retry();
                println!("attempt {attempt}: {e} -> {advice:?}");
                // The one policy: a transient failure is resent only for
                // an operation that only reads, as this one does.
                if !advice.may_resend(DescribeScalingGroups::READ_ONLY) {
                    return;
                }
                // The service's own hint wins; else exponential backoff.
                let wait = advice.after.unwrap_or(backoff);
                tokio::time::sleep(wait).await;
                backoff *= 2;
            }
        }
    }
    println!("gave up after 5 attempts");
}
