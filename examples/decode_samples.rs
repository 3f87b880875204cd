//! The main job: the whole Auto Scaling service generated from
//! `spec/ess.json` (`ess_spec::ess`), and the vendor's own demo bodies, JSON
//! and XML, decoded into each operation's generated type and printed.
//!
//! `cargo run --example decode_samples` decodes every operation's demos,
//! prints one line each and one value whole, then decodes error bodies;
//! `cargo run --example decode_samples -- DescribeAlarms` prints that
//! operation's value whole instead.

use std::fmt::Debug;

use ess_runtime::{decode_operation, Code, Error, ErrorCode, Operation};
use ess_spec::ess;

/// Decodes `O`'s two demos; prints a line saying what each gave, and the
/// XML one whole if `whole`. Returns whether both decoded to one value.
fn show<O: Operation>(whole: bool) -> bool {
    let demo = &ess_tests::demos()[O::NAME];
    let read = |content_type, body: &str| {
        decode_operation::<O>(200, Some(content_type), body.as_bytes()).map(|ok| ok.body)
    };
    match (
        read("application/json", &demo.json),
        read("text/xml", &demo.xml),
    ) {
        (Ok(json), Ok(xml)) => {
            let agree = if json == xml {
                "the same value"
            } else {
                "values that differ (the demos do)"
            };
            println!("{:<36} JSON and XML: {agree}", O::NAME);
            if whole {
                println!("{}", indent(&xml));
            }
            json == xml
        }
        (json, xml) => {
            for (format, outcome) in [("JSON", json.err()), ("XML", xml.err())] {
                if let Some(e) = outcome {
                    println!("{:<36} {format}: {e}", O::NAME);
                }
            }
            false
        }
    }
}

fn indent(value: &impl Debug) -> String {
    format!("{value:#?}")
        .lines()
        .map(|line| format!("    {line}\n"))
        .collect()
}

/// Calls `show` for each operation, whole for the one named `$whole`;
/// returns how many operations there are and how many of them gave one
/// value from their two demos.
macro_rules! show_each {
    ($whole:expr; $($op:ident),* $(,)?) => {{
        let agree = [$( show::<ess::$op>($whole == stringify!($op)) ),*];
        (agree.len(), agree.iter().filter(|&&same| same).count())
    }};
}

fn main() {
    let whole = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "DescribeScalingRules".to_owned());
    macro_rules! names {
        (; $($op:ident),*) => { [$(stringify!($op)),*] };
    }
    if !ess_tests::ess_operations!(names).contains(&whole.as_str()) {
        eprintln!("the generated ESS service has no operation `{whole}`: name one with a response schema, as the vendor spells it (DescribeAlarms)");
        std::process::exit(2);
    }
    let (operations, agree) = ess_tests::ess_operations!(show_each, (whole.as_str()));
    println!("\n{agree} of {operations} operations: both demos decode to one value");

    // Error bodies decode into the operation's own error enum: its page's
    // codes and the common ones, in a `match`.
    let throttled = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\
        <HostId>ess.aliyuncs.com</HostId><Code>Throttling</Code><Message>Request was denied due to request throttling.</Message></Error>";
    let quota = br#"{"RequestId": "7E3B", "HostId": "ess.aliyuncs.com", "Code": "QuotaExceeded.ScalingGroup",
        "Message": "Scaling group quota exceeded in the specified region."}"#;
    let unknown = br#"{"RequestId": "7E3C", "Code": "Forbidden.NewPolicy", "Message": "A code the spec does not know."}"#;
    let gateway =
        b"<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>";
    println!();
    for (what, status, content_type, body) in [
        ("XML error", 400, "text/xml", &throttled[..]),
        ("JSON error", 400, "application/json", &quota[..]),
        ("unknown code", 403, "application/json", &unknown[..]),
        ("gateway page", 502, "text/html", &gateway[..]),
        ("empty body", 503, "application/json", &b""[..]),
    ] {
        type CreateError = ess::create_scaling_group::CreateScalingGroupError;
        match decode_operation::<ess::CreateScalingGroup>(status, Some(content_type), body) {
            Ok(success) => println!("{what}: unexpected success {success:?}"),
            Err(Error::Api(e)) => {
                println!("{what}: {e}");
                let meaning = match e.code() {
                    Code::Known(CreateError::QuotaExceededScalingGroup) => {
                        "ask for a higher quota".to_owned()
                    }
                    Code::Known(code) => format!("{code:?}, spec status {}", code.http_status()),
                    Code::Unknown(code) => format!("not in the spec: {code:?}"),
                };
                println!("  code: {meaning}; retry: {:?}", e.retry().kind);
            }
            Err(e) => println!("{what}: {e}"),
        }
    }
}
