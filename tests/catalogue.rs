//! The catalogue's cuts: products other than ESS, each chosen for a schema
//! feature or an envelope style (`tests/fixtures/aliyun-openapi-meta/catalogue`,
//! imported into `spec/catalogue` and generated in `ess_spec::catalogue`).
//!
//! Every demo of every operation decodes in each format it is published in
//! and round-trips; hostile prefixes and mutations of the demos decode or
//! are errors, never a panic; the specs are what the import writes; and
//! each feature is pinned by a test of its own below.

use std::collections::BTreeMap;

use ess_codegen::{SourceText, Spec};
use ess_runtime::{decode_operation, BodyErrorKind, Error, Operation, Value};
use ess_spec::catalogue;

/// The cut of `product`'s metadata.
fn metadata_path(product: &str) -> std::path::PathBuf {
    let dir = ess_tests::fixture(&format!("aliyun-openapi-meta/catalogue/{product}"));
    let version = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .next()
        .expect("one version")
        .unwrap();
    version.path().join("api-docs.json")
}

fn metadata(product: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(metadata_path(product)).unwrap()).unwrap()
}

/// The demos of `op`: (format, body), the empty ones left out.
fn demos(product: &str, op: &str) -> Vec<(String, String)> {
    let meta = metadata(product);
    let Some(text) = meta["apis"][op]["responseDemo"].as_str() else {
        return Vec::new();
    };
    let Ok(Value::Array(demos)) = serde_json::from_str(text) else {
        return Vec::new();
    };
    demos
        .iter()
        .filter_map(|demo| {
            let format = demo["type"].as_str()?.to_ascii_lowercase();
            let body = demo["example"].as_str()?;
            (!body.trim().is_empty()).then(|| (format, body.to_owned()))
        })
        .collect()
}

fn content_type(format: &str) -> &'static str {
    if format == "xml" {
        "application/xml"
    } else {
        "application/json"
    }
}

fn spec(product: &str) -> Spec {
    let text = catalogue::SPECS
        .iter()
        .find(|(name, _)| *name == product)
        .unwrap()
        .1;
    Spec::parse(SourceText {
        origin: format!("spec/catalogue/{product}.json"),
        text: text.into(),
    })
    .unwrap()
}

/// What decoding each demo of `O` gave: `Ok` for a value, which
/// round-trips; an API error for a body that reports a failure despite its
/// success status; anything else is a failure, named.
fn check<O: Operation>(product: &str, outcomes: &mut BTreeMap<String, String>) {
    let fidelity = ess_tests::fidelity(&spec(product), O::NAME);
    for (format, body) in demos(product, O::NAME) {
        let key = format!("{product} {} ({format})", O::NAME);
        let outcome = match decode_operation::<O>(200, Some(content_type(&format)), body.as_bytes())
        {
            Ok(ok) => match ess_tests::round_trip::<O>(&ok.body, fidelity) {
                Ok(()) => "ok".to_owned(),
                Err(e) => format!("no round trip: {e}"),
            },
            Err(Error::Api(e)) => format!("api error {}", e.code()),
            Err(e) => format!("error: {e}"),
        };
        outcomes.insert(key, outcome);
    }
}

macro_rules! check_all {
    ($outcomes:ident; $($module:ident [$product:literal]: $($op:ident),*;)*) => {
        $( $( check::<catalogue::$module::$op>($product, &mut $outcomes); )* )*
    };
}

#[test]
fn every_demo_decodes_in_each_format_it_is_published_in_and_round_trips() {
    let mut outcomes = BTreeMap::new();
    ess_tests::catalogue_operations!(check_all, outcomes);
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|(_, outcome)| *outcome != "ok")
        .map(|(demo, outcome)| format!("{demo}: {outcome}"))
        .collect();
    // What the vendor's demos do that a real service does not, each named.
    let expected: Vec<&str> = vec![];
    assert_eq!(failed, expected, "{} demos in all", outcomes.len());
    assert_eq!(outcomes.len(), 46, "every published demo of the cuts");
}

#[test]
fn the_list_of_operations_is_the_specs() {
    macro_rules! listed {
        (; $($module:ident [$product:literal]: $($op:ident),*;)*) => {
            vec![$( ($product, vec![$(stringify!($op)),*]) ),*]
        };
    }
    let listed: Vec<(&str, Vec<&str>)> = ess_tests::catalogue_operations!(listed);
    let specs: Vec<(&str, Vec<String>)> = catalogue::SPECS
        .iter()
        .map(|(product, _)| {
            let ops = spec(product)
                .responses
                .iter()
                .map(|r| r.operation.clone())
                .collect();
            (*product, ops)
        })
        .collect();
    let specs: Vec<(&str, Vec<&str>)> = specs
        .iter()
        .map(|(p, ops)| (*p, ops.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(listed, specs);
}

#[test]
fn the_specs_are_what_the_import_writes() {
    for (product, text) in catalogue::SPECS {
        let path = metadata_path(product);
        let source = SourceText {
            origin: path.display().to_string(),
            text: std::fs::read_to_string(&path).unwrap(),
        };
        let meta = ess_cli::import::meta::meta(&source).unwrap_or_else(|e| panic!("{e}"));
        let imported = ess_cli::import::from_meta(
            meta,
            None,
            &ess_cli::import::Options {
                schema: Some("../schema.json".into()),
                ..ess_cli::import::Options::default()
            },
        );
        assert!(
            imported.spec.to_json() == *text,
            "spec/catalogue/{product}.json is not what `ess import meta {}` writes",
            path.display()
        );
    }
}

/// Every prefix of every demo, and 32 mutations of each, decode into their
/// operation or are an error, never a panic.
#[test]
fn hostile_prefixes_and_mutations_of_the_demos_never_panic() {
    fn hostile<O: Operation>(product: &str, count: &mut usize) {
        for (format, body) in demos(product, O::NAME) {
            let bytes = body.as_bytes();
            for end in 0..=bytes.len() {
                let _ = decode_operation::<O>(200, Some(content_type(&format)), &bytes[..end]);
                let _ = decode_operation::<O>(400, None, &bytes[..end]);
                *count += 1;
            }
            // Deterministic mutations: a byte changed, dropped or doubled at
            // spread-out places.
            for i in 0..32usize {
                let at = (i * 7919) % bytes.len().max(1);
                let mut mutated = bytes.to_vec();
                match i % 3 {
                    0 if at < mutated.len() => mutated[at] = b"<>\"{}[],:&"[i % 10],
                    1 if at < mutated.len() => {
                        mutated.remove(at);
                    }
                    _ => mutated.insert(at, mutated.get(at).copied().unwrap_or(b'{')),
                }
                let _ = decode_operation::<O>(200, Some(content_type(&format)), &mutated);
                *count += 1;
            }
        }
    }
    macro_rules! hostile_all {
        ($count:ident; $($module:ident [$product:literal]: $($op:ident),*;)*) => {
            $( $( hostile::<catalogue::$module::$op>($product, &mut $count); )* )*
        };
    }
    let mut count = 0;
    ess_tests::catalogue_operations!(hostile_all, count);
    assert!(count > 10_000, "only {count} bodies");
}

#[test]
fn a_body_that_is_not_an_object_is_the_operations_response() {
    // A list of strings (cs), a string (devops), a map of objects (cs).
    let names = decode_operation::<catalogue::cs::DescribeUserClusterNamespaces>(
        200,
        None,
        br#"["default", "kube-system"]"#,
    )
    .unwrap();
    assert_eq!(names.body, ["default", "kube-system"]);
    let members =
        decode_operation::<catalogue::devops::CreateAppMembers>(200, None, br#""FC93CE1A""#)
            .unwrap();
    assert_eq!(members.body, "FC93CE1A");
    // A file: the bytes as they came, whatever they look like.
    let file =
        decode_operation::<catalogue::fc::InvokeFunction>(200, None, b"\x00\xffnot json").unwrap();
    assert_eq!(file.body, b"\x00\xffnot json");
    // Its errors are still errors.
    let error = decode_operation::<catalogue::fc::InvokeFunction>(
        404,
        Some("application/json"),
        br#"{"Code": "FunctionNotFound", "Message": "no such function", "RequestId": "R1"}"#,
    )
    .unwrap_err();
    assert_eq!(error.code().map(|c| c.as_str()), Some("FunctionNotFound"));
    assert_eq!(error.request_id(), Some("R1"));
}

#[test]
fn roa_error_envelopes_in_their_own_spelling_are_api_errors() {
    // airec and cs: lower-case keys; devops: errorCode/errorMessage;
    // airticketopen: error_code/error_msg/request_id; nested under `error`.
    for body in [
        r#"{"code": "Forbidden", "message": "denied", "requestId": "R1"}"#,
        r#"{"errorCode": "Forbidden", "errorMessage": "denied", "requestId": "R1", "success": false}"#,
        r#"{"error_code": "Forbidden", "error_msg": "denied", "request_id": "R1"}"#,
        r#"{"error": {"code": "Forbidden", "message": "denied"}, "request_id": "R1"}"#,
        "<Error><Code>Forbidden</Code><Message>denied</Message><RequestId>R1</RequestId></Error>",
    ] {
        let error =
            decode_operation::<catalogue::grace::GetFile>(403, None, body.as_bytes()).unwrap_err();
        let api = error.api().unwrap_or_else(|| panic!("{body}: {error}"));
        assert_eq!(
            (api.code().as_str(), api.message(), api.request_id()),
            ("Forbidden", "denied", Some("R1")),
            "{body}"
        );
    }
    // The first spelling given wins.
    let error = decode_operation::<catalogue::grace::GetFile>(
        400,
        None,
        br#"{"Code": "First", "code": "Second", "Message": "m"}"#,
    )
    .unwrap_err();
    assert_eq!(error.code().map(|c| c.as_str()), Some("First"));
}

#[test]
fn a_failure_reported_with_a_success_status_is_an_api_error() {
    // aimiaobi answers 200 with `"Success": false` and a code.
    let body = br#"{"RequestId": "R1", "Success": false, "Code": "DataNotExists", "Message": "no data", "HttpStatusCode": 200}"#;
    let error =
        decode_operation::<catalogue::aimiaobi::ListHotNewsWithType>(200, None, body).unwrap_err();
    let api = error.api().expect("an API error");
    assert_eq!(
        (
            api.status(),
            api.code().as_str(),
            api.message(),
            api.request_id()
        ),
        (200, "DataNotExists", "no data", Some("R1"))
    );
    // The same in XML.
    let xml = b"<ListHotNewsWithTypeResponse><RequestId>R1</RequestId><Success>false</Success><Code>DataNotExists</Code><Message>no data</Message></ListHotNewsWithTypeResponse>";
    let error =
        decode_operation::<catalogue::aimiaobi::ListHotNewsWithType>(200, None, xml).unwrap_err();
    assert_eq!(error.code().map(|c| c.as_str()), Some("DataNotExists"));
    // `"Success": true` is a success, whatever the code says.
    let ok = decode_operation::<catalogue::aimiaobi::ListHotNewsWithType>(
        200,
        None,
        br#"{"Success": true, "Code": "200"}"#,
    )
    .unwrap();
    assert_eq!(ok.body.code.as_deref(), Some("200"));
}

#[test]
fn components_are_shared_types_and_refs_use_them() {
    // fc's GetFunction answers a component, `Function`, which other
    // components' fields hold too.
    let body = br#"{"functionName": "f", "runtime": "python3.10", "memorySize": 512}"#;
    let ok = decode_operation::<catalogue::fc::GetFunction>(200, None, body).unwrap();
    let function: &catalogue::fc::components::Function = &ok.body;
    assert_eq!(function.function_name.as_deref(), Some("f"));
    assert_eq!(function.memory_size, Some(512));
    let list = decode_operation::<catalogue::fc::ListFunctions>(
        200,
        None,
        br#"{"functions": [{"functionName": "a"}, {"functionName": "b"}], "nextToken": "t"}"#,
    )
    .unwrap();
    let names: Vec<_> = list
        .body
        .functions
        .iter()
        .map(|f| f.function_name.as_deref().unwrap())
        .collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn maps_any_values_and_lists_of_lists_read_and_write_in_both_formats() {
    // A map of any values as the body (eiam-developerapi).
    let json = br#"{"sub": "u1", "groups": ["a", "b"], "email_verified": true}"#;
    let ok =
        decode_operation::<catalogue::eiam_developerapi::GetUserInfo>(200, None, json).unwrap();
    assert_eq!(ok.body["groups"], serde_json::json!(["a", "b"]));
    let xml = ess_runtime::to_xml::<catalogue::eiam_developerapi::GetUserInfo>(&ok.body);
    assert!(
        xml.contains("<groups>a</groups><groups>b</groups>"),
        "{xml}"
    );
    let back =
        decode_operation::<catalogue::eiam_developerapi::GetUserInfo>(200, None, xml.as_bytes())
            .unwrap();
    // XML keeps text: the boolean comes back as its text.
    assert_eq!(back.body["email_verified"], serde_json::json!("true"));
    assert_eq!(back.body["groups"], serde_json::json!(["a", "b"]));

    // A list of lists of strings (devops' pipelineRun.stageGroup).
    let json = br#"{"pipelineRun": {"stageGroup": [["build", "test"], ["deploy"]]}}"#;
    let ok = decode_operation::<catalogue::devops::GetPipelineRun>(200, None, json).unwrap();
    let run = ok.body.pipeline_run.as_ref().unwrap();
    assert_eq!(run.stage_group, [vec!["build", "test"], vec!["deploy"]]);
    ess_tests::round_trip::<catalogue::devops::GetPipelineRun>(
        &ok.body,
        ess_tests::Fidelity::Exact,
    )
    .unwrap();
}

#[test]
fn a_body_that_does_not_fit_is_a_shape_error_naming_the_place() {
    let error = decode_operation::<catalogue::cs::DescribeUserClusterNamespaces>(
        200,
        None,
        br#"{"not": "a list"}"#,
    )
    .unwrap_err();
    let body = error.body().expect("a body error");
    assert_eq!(body.kind(), BodyErrorKind::Shape, "{error}");
    assert!(
        error.to_string().contains("DescribeUserClusterNamespaces"),
        "{error}"
    );
}

/// The spellings the code generator looks for in a body (to find its
/// request id and a failure it reports) are the ones the runtime reads an
/// error envelope by.
#[test]
fn the_generator_and_the_runtime_spell_the_envelope_alike() {
    use ess_codegen::naming::{CODE_KEYS, MESSAGE_KEYS, REQUEST_ID_KEYS};
    use ess_runtime::__private::envelope_member;
    for (keys, member) in [
        (&REQUEST_ID_KEYS[..], "request_id"),
        (&CODE_KEYS[..], "code"),
        (&MESSAGE_KEYS[..], "message"),
    ] {
        for key in keys {
            assert_eq!(envelope_member(key), Some(member), "{key}");
        }
    }
    assert_eq!(envelope_member("Data"), None);
}

/// A crate that names some operations pays for the components they reach,
/// and for no other.
#[test]
fn naming_operations_generates_only_the_components_they_reach() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/catalogue/fc.json");
    let generate = |operations: &[&str]| {
        let builder = ess_codegen::Builder::service(&spec, "fc");
        let builder = if operations.is_empty() {
            builder
        } else {
            builder.operations(operations)
        };
        builder.generate().unwrap()
    };
    let structs = |code: &str| -> Vec<String> {
        code.lines()
            .filter_map(|line| line.trim().strip_prefix("pub struct "))
            .map(|rest| rest.split([' ', '{', ';']).next().unwrap().to_owned())
            .collect()
    };
    // A file body reaches no component.
    let file = generate(&["InvokeFunction"]);
    assert!(!file.contains("pub mod components"), "{file}");
    // `Alias` holds no other component.
    let alias = structs(&generate(&["GetAlias"]));
    assert!(alias.contains(&"Alias".to_owned()), "{alias:?}");
    assert!(!alias.contains(&"Function".to_owned()), "{alias:?}");
    // `ListFunctionsOutput` holds `Function`, which holds more.
    let list = structs(&generate(&["ListFunctions"]));
    for name in ["ListFunctionsOutput", "Function", "VPCConfig"] {
        assert!(list.contains(&name.to_owned()), "{name} in {list:?}");
    }
    assert!(!list.contains(&"Alias".to_owned()), "{list:?}");
    // The whole service has each component once (an empty list: all).
    let whole = structs(&generate(&[]));
    assert_eq!(whole.iter().filter(|s| *s == "Function").count(), 1);
}

/// What a review of the shapes' readers found, each pinned.
#[test]
fn edge_cases_of_the_envelopes_and_other_bodies() {
    use ess_spec::ess;
    // An empty code is no code: the nested envelope's counts.
    let error = decode_operation::<catalogue::grace::GetFile>(
        403,
        None,
        br#"{"Code": "", "error": {"code": "Forbidden", "message": "denied"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        error.code().map(|c| c.as_str()),
        Some("Forbidden"),
        "{error}"
    );
    // A failure's code is read as the server means it, without white space.
    let error = decode_operation::<catalogue::aimiaobi::ListHotNewsWithType>(
        200,
        None,
        br#"{"Success": false, "Code": " DataNotExists "}"#,
    )
    .unwrap_err();
    assert_eq!(error.code().map(|c| c.as_str()), Some("DataNotExists"));
    // A string body after a byte order mark.
    let text =
        decode_operation::<catalogue::devops::CreateAppMembers>(200, None, b"\xEF\xBB\xBF\"hi\"")
            .unwrap();
    assert_eq!(text.body, "hi");
    // A bare number, or null, as a free-form body, with no Content-Type.
    let number = decode_operation::<ess::VerifyUser>(200, None, b"42").unwrap();
    assert_eq!(number.body, serde_json::json!(42));
    let null = decode_operation::<ess::VerifyUser>(200, None, b"null").unwrap();
    assert_eq!(null.body, Value::Null);
    // A request id that is not text is no request id, and stays in the value.
    let ok = decode_operation::<ess::VerifyUser>(200, None, br#"{"RequestId": 5}"#).unwrap();
    assert_eq!(
        (ok.request_id, ok.body),
        (None, serde_json::json!({"RequestId": 5}))
    );
    // A body too large is refused before it is copied, whatever its shape.
    let decoder = ess_runtime::Decoder::new().max_body_size(4);
    let error = decoder
        .decode_operation::<catalogue::fc::InvokeFunction>(200, None, b"12345")
        .unwrap_err();
    assert_eq!(
        error.body().map(|b| b.kind()),
        Some(BodyErrorKind::TooLarge)
    );
}

/// Found by the `decode_catalogue` fuzz target: a map key that cannot be
/// an element's name is left out of XML, which cannot hold it, and kept in
/// JSON.
#[test]
fn keys_that_cannot_be_element_names_are_left_out_of_xml() {
    type Op = catalogue::eiam_developerapi::GetUserInfo;
    let ok = decode_operation::<Op>(
        200,
        None,
        r#"{"k'ey": "无", "1": 2, "sub": {"a b": 1, "c": 2}}"#.as_bytes(),
    )
    .unwrap();
    let xml = ess_runtime::to_xml::<Op>(&ok.body);
    assert_eq!(
        xml,
        r#"<?xml version="1.0" encoding="UTF-8"?><GetUserInfoResponse><sub><c>2</c></sub></GetUserInfoResponse>"#
    );
    let back = decode_operation::<Op>(200, None, xml.as_bytes()).unwrap();
    assert_eq!(back.body["sub"], serde_json::json!({"c": "2"}));
    let json = serde_json::to_string(&ok.body).unwrap();
    assert!(json.contains(r#""k'ey":"无""#), "{json}");
}
