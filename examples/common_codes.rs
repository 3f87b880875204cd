//! Prints every code of the enum generated from `spec/common.json` (in the
//! `ess-spec` crate, at compile time) with its HTTP status, message,
//! description and retry class.
//!
//! Run with `cargo run --example common_codes`.

use ess_runtime::ErrorCode;
use ess_spec::CommonError;

fn main() {
    println!(
        "{:<28} {:>4}  {:<10}  message / description (zh)",
        "code", "http", "retry"
    );
    for code in CommonError::ALL {
        let retry = code
            .retry_class()
            .map_or_else(|| "-".to_owned(), |r| r.to_string());
        println!(
            "{:<28} {:>4}  {:<10}  {}",
            code,
            code.http_status(),
            retry,
            code.message_template()
        );
        println!("{:<46}{}", "", code.description("zh").unwrap_or("-"));
    }
    // Parsing a code from a response gives the variant back, or keeps the
    // unknown string.
    let known: CommonError = "Forbidden.RiskControl".parse().expect("a common code");
    println!("\n\"Forbidden.RiskControl\" parses to {known:?}");
    match "Forbidden.NewCode".parse::<CommonError>() {
        Ok(code) => println!("unexpected: {code:?}"),
        Err(unknown) => println!("\"Forbidden.NewCode\": {unknown}"),
    }
}
