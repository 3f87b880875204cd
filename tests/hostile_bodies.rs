//! No body makes the decoder panic: every prefix of every sample (truncated
//! responses), and random mutations of them; nor does any `Content-Type`.
//! Both decoders are covered: into serde types (`decode`), and into the
//! types generated for each operation of the ESS service
//! (`decode_operation`), whose XML path reads events without a tree. The
//! fuzz targets in `fuzz/` explore further; this runs on stable in every CI
//! run.

use std::path::PathBuf;

use ess_runtime::{decode, decode_operation, Error, Format, Operation, Success};
use ess_spec::{ess, CommonError};
use proptest::prelude::*;
use serde_json::Value;

/// The vendor's success and error samples.
fn corpus() -> Vec<(PathBuf, Vec<u8>)> {
    let files = read_dirs(&["aliyun/success", "aliyun/error"]);
    assert!(
        files.len() > 100,
        "the corpus is missing: {} files",
        files.len()
    );
    files
}

/// Every file in `dirs` (relative to the repository), sorted; not the
/// Markdown notes.
fn read_dirs(dirs: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let root = ess_tests::fixture("");
    let mut files = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() && path.extension().is_none_or(|e| e != "md") {
                let body = std::fs::read(&path).unwrap();
                files.push((path, body));
            }
        }
    }
    files.sort();
    files
}

fn content_type(path: &std::path::Path) -> Option<&'static str> {
    match path.extension()?.to_str()? {
        "json" => Some("application/json"),
        "xml" => Some("text/xml"),
        _ => None,
    }
}

/// Decodes and checks what an error says about itself.
fn decode_checked(status: u16, content_type: Option<&str>, body: &[u8]) {
    let outcome: Result<Success<Value>, Error<CommonError>> = decode(status, content_type, body);
    check_error(outcome, status, body);
}

/// Decodes into operation `O`'s types and checks what an error says about
/// itself.
fn decode_operation_checked<O: Operation>(status: u16, content_type: Option<&str>, body: &[u8]) {
    check_error(
        decode_operation::<O>(status, content_type, body),
        status,
        body,
    );
}

fn check_error<T, E>(outcome: Result<T, Error<E>>, status: u16, body: &[u8]) {
    if let Err(Error::Body(e)) = outcome {
        assert_eq!(e.status(), status);
        if let Some(at) = e.location() {
            assert!(
                at.offset <= body.len(),
                "offset {} past the body ({} bytes)",
                at.offset,
                body.len()
            );
            assert!(at.line >= 1 && at.column >= 1);
        }
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn every_prefix_of_every_sample_decodes_or_is_an_error() {
    let corpus = corpus();
    let mut decoded = 0usize;
    for (path, body) in &corpus {
        let content_type = content_type(path);
        for end in 0..=body.len() {
            // Alternate the status and whether the format is declared, so
            // both paths and both envelopes see truncated input.
            let status = if end % 2 == 0 { 200 } else { 400 };
            let declared = if end % 3 == 0 { None } else { content_type };
            decode_checked(status, declared, &body[..end]);
            decoded += 1;
        }
    }
    let prefixes: usize = corpus.iter().map(|(_, body)| body.len() + 1).sum();
    assert_eq!(decoded, prefixes);
}

/// The page samples and the metadata's demos of operation `O`.
fn bodies_of<O: Operation>() -> Vec<(&'static str, Vec<u8>)> {
    let mut bodies = Vec::new();
    for (ext, content_type) in [("xml", "text/xml"), ("json", "application/json")] {
        let page_sample = ess_tests::fixture(&format!("aliyun/success/{}.{ext}", O::NAME));
        if let Ok(body) = std::fs::read(page_sample) {
            bodies.push((content_type, body));
        }
    }
    if let Some(demo) = ess_tests::demos().get(O::NAME) {
        bodies.push(("text/xml", demo.xml.clone().into_bytes()));
        bodies.push(("application/json", demo.json.clone().into_bytes()));
    }
    bodies
}

macro_rules! each_operation {
    ($check:ident; $($op:ident),* $(,)?) => {{
        let mut count = 0usize;
        $( count += $check::<ess::$op>(); )*
        count
    }};
}

#[test]
fn every_prefix_of_every_sample_decodes_into_its_operation_or_is_an_error() {
    fn prefixes<O: Operation>() -> usize {
        let mut decoded = 0;
        for (content_type, body) in bodies_of::<O>() {
            for end in 0..=body.len() {
                let status = if end % 2 == 0 { 200 } else { 400 };
                let declared = if end % 3 == 0 {
                    None
                } else {
                    Some(content_type)
                };
                decode_operation_checked::<O>(status, declared, &body[..end]);
                decoded += 1;
            }
        }
        decoded
    }
    let decoded = ess_tests::ess_operations!(each_operation, prefixes);
    // The samples and demos are all there: 123,079 prefixes when written.
    assert!(
        decoded > 120_000,
        "only {decoded} prefixes: fixtures are missing"
    );
}

#[test]
fn mutated_samples_decode_into_their_operation_or_are_errors() {
    fn mutated<O: Operation>() -> usize {
        let bodies = bodies_of::<O>();
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        });
        let strategy = (
            any::<prop::sample::Index>(),
            prop::collection::vec(mutation(), 1..8),
        );
        runner
            .run(&strategy, |(pick, mutations)| {
                let (content_type, body) = &bodies[pick.index(bodies.len())];
                let mut body = body.clone();
                for m in &mutations {
                    apply(&mut body, m);
                }
                decode_operation_checked::<O>(200, Some(content_type), &body);
                decode_operation_checked::<O>(200, None, &body);
                Ok(())
            })
            .unwrap();
        64
    }
    assert_eq!(ess_tests::ess_operations!(each_operation, mutated), 79 * 64);
}

/// The envelope fuzz targets' minimized corpora (`cargo fuzz cmin` after 10
/// minutes per target): inputs that reached new code. The first byte picks
/// the status, as in the targets.
#[test]
fn the_fuzz_corpus_decodes_or_is_an_error() {
    let files = read_dirs(&["fuzz/json", "fuzz/xml"]);
    assert!(
        files.len() > 1000,
        "the fuzz corpus is missing: {} files",
        files.len()
    );
    for (path, input) in &files {
        let Some((&selector, body)) = input.split_first() else {
            continue;
        };
        let status = if selector % 2 == 0 {
            200
        } else {
            400 + u16::from(selector % 200)
        };
        let declared = if path.parent().is_some_and(|p| p.ends_with("json")) {
            "application/json"
        } else {
            "text/xml"
        };
        decode_checked(status, Some(declared), body);
        decode_checked(status, None, body);
    }
}

/// The service fuzz target's minimized corpus: bodies its first byte sends
/// to one of eight operations, read here as each of the eight. Every body
/// decodes or is an error, and what decodes reads back the same from JSON
/// and from XML.
#[test]
fn the_service_fuzz_corpus_decodes_into_each_operation_and_round_trips() {
    fn each<O: Operation>(files: &[(PathBuf, Vec<u8>)]) -> usize {
        let mut decoded = 0;
        for (path, input) in files {
            let body = input.get(1..).unwrap_or_default();
            decode_operation_checked::<O>(400, None, body);
            for content_type in ["application/json", "text/xml"] {
                if let Ok(ok) = decode_operation::<O>(200, Some(content_type), body) {
                    if let Err(e) = ess_tests::round_trip::<O>(
                        &ok.body,
                        ess_tests::fidelity(ess_tests::ess_spec(), O::NAME),
                    ) {
                        panic!("{}: {e}", path.display());
                    }
                    decoded += 1;
                }
            }
        }
        decoded
    }
    let files = read_dirs(&["fuzz/service"]);
    assert!(
        files.len() > 1000,
        "the fuzz corpus is missing: {} files",
        files.len()
    );
    // The target's eight: the deepest response trees of the service.
    let decoded = [
        each::<ess::DescribeEciScalingConfigurations>(&files),
        each::<ess::DescribeScalingConfigurations>(&files),
        each::<ess::DescribeScalingGroups>(&files),
        each::<ess::DescribeScalingRules>(&files),
        each::<ess::DescribeScalingActivities>(&files),
        each::<ess::DescribeAlarms>(&files),
        each::<ess::DescribeScalingInstances>(&files),
        each::<ess::DescribeLifecycleActions>(&files),
    ];
    // Many bodies decode into the operation they were found for.
    assert!(decoded.iter().all(|&n| n > 100), "{decoded:?}");
}

/// Bytes that matter to one of the two grammars.
const SPECIAL: &[u8] = b"<>&;\"'{}[]:,/!?=\\#\0\r\n ]]>";

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let special = proptest::sample::select(SPECIAL.to_vec());
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), special).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), 1..64usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 1..256usize).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
    ]
}

fn apply(body: &mut Vec<u8>, mutation: &Mutation) {
    if body.is_empty() {
        body.push(b'<');
        return;
    }
    match *mutation {
        Mutation::Flip(at, b) => {
            let at = at % body.len();
            body[at] = b;
        }
        Mutation::Insert(at, b) => body.insert(at % (body.len() + 1), b),
        Mutation::Delete(at, n) => {
            let at = at % body.len();
            let end = (at + n).min(body.len());
            body.drain(at..end);
        }
        Mutation::Duplicate(at, n) => {
            let at = at % body.len();
            let end = (at + n).min(body.len());
            let copy = body[at..end].to_vec();
            body.splice(at..at, copy);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_samples_decode_or_are_errors(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
        status in prop::sample::select(vec![200u16, 400, 403, 500, 503]),
    ) {
        let corpus = corpus();
        let (path, body) = &corpus[pick.index(corpus.len())];
        let mut body = body.clone();
        for m in &mutations {
            apply(&mut body, m);
        }
        decode_checked(status, content_type(path), &body);
        decode_checked(status, None, &body);
    }

    #[test]
    fn any_content_type_names_a_format_or_is_ignored(
        content_type in "\\PC{0,30}|[ a-zA-Z]{0,12}/([a-zA-Z.-]{0,8}\\+)?(json|JSON|Json|xml|XML|html|xjson|json5)[ \t]*(;[ ]?charset=[a-zA-Z0-9-]{1,8})?[ \t]*",
        status in prop::sample::select(vec![200u16, 500]),
    ) {
        // `{}` reads as JSON unless the Content-Type names XML: a declared
        // format wins, and sniffing finds JSON.
        let outcome: Result<Success<Value>, Error<CommonError>> =
            decode(200, Some(&content_type), b"{}");
        match (names_xml(&content_type), outcome) {
            (false, Ok(_)) => {}
            (true, Err(Error::Body(e))) => prop_assert_eq!(e.format(), Some(Format::Xml)),
            (xml, outcome) => prop_assert!(false, "{:?} (XML: {}): {:?}", content_type, xml, outcome),
        }
        decode_checked(status, Some(&content_type), b"<Error><Code>X</Code></Error>");
    }
}

/// Whether `content_type` names XML, written plainly: the media type is what
/// comes before `;`, its subtype what follows its last `/` or `+`.
fn names_xml(content_type: &str) -> bool {
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim_end_matches(|c: char| c.is_ascii_whitespace());
    match media_type.rfind(['/', '+']) {
        Some(i) => media_type[i + 1..].eq_ignore_ascii_case("xml"),
        None => false,
    }
}
