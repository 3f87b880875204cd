//! Runs the ESS-like service of the HTTP tests on 127.0.0.1 for a minute
//! (or `SECONDS` seconds), and prints URLs to try with curl or `ess decode`.
//!
//! Run with `cargo run --example ess_server [SECONDS]`.

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let server = ess_tests::server::Server::start(0).await;
    println!("listening on http://{} for {seconds} s; try:", server.addr);
    for (action, format, extra) in [
        ("DescribeScalingGroups", "JSON", ""),
        ("DescribeScalingGroups", "XML", ""),
        ("CreateScalingGroup", "JSON", "&Fault=Throttling"),
        ("DeleteScalingGroup", "XML", "&Fault=Forbidden.RiskControl"),
        ("DescribeScalingGroups", "JSON", "&Fault=Html502"),
    ] {
        println!("  curl -si '{}'", server.url(action, format, extra));
    }
    tokio::time::sleep(std::time::Duration::from_secs(seconds)).await;
    println!("served {} requests", server.requests());
}
