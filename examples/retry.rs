//! A simple backoff loop: calls the local ESS-like service, which throttles
//! the first two requests with `Throttling` and `x-acs-retry-after`, and
//! retries as the decoded outcome advises.
//!
//! Run with `cargo run --example retry`.

use std::time::Duration;

use ess_runtime::{Decoder, Error, Success};
use ess_spec::CommonError;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingGroups {
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
}

async fn describe(url: &str) -> Result<Success<DescribeScalingGroups>, Error<CommonError>> {
    // A transport failure (no connection) is not a response to decode.
    let response = reqwest::get(url).await.expect("the local service answers");
    Decoder::new().decode_reqwest(response).await
}

#[tokio::main]
async fn main() {
    let server = ess_tests::server::Server::start(2).await;
    let url = server.url("DescribeScalingGroups", "XML", "");
    let mut backoff = Duration::from_millis(100);
    for attempt in 1..=5 {
        match describe(&url).await {
            Ok(ok) => {
                println!(
                    "attempt {attempt}: {} scaling groups (request {:?})",
                    ok.body.total_count, ok.request_id
                );
                return;
            }
            Err(e) => {
                let advice = e.retry();
                println!("attempt {attempt}: {e} -> {advice:?}");
                if !advice.is_retryable() {
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
