//! `ess serve` as a script runs it: the first line it prints is its URL;
//! `ess call` works against it for every operation of ESS, with each
//! required parameter from the spec's examples; a wrong signature, a
//! missing parameter and a value out of its limits get the vendor's codes;
//! fixtures and faults answer as told. Every server here is this test's
//! own, on 127.0.0.1, and stops with it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

use ess_codegen::model::Shape;

const SPEC: &str = "../spec/ess.json";

/// A running `ess serve`, killed when dropped.
struct Serve {
    child: Child,
    url: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(args: &[&str]) -> Serve {
    serve_spec(SPEC, args)
}

fn serve_spec(spec: &str, args: &[&str]) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ess"))
        .arg("serve")
        .arg(spec)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the first line: {first:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    Serve { child, url }
}

/// `ess call SPEC OPERATION --endpoint URL --json ARGS` with the key
/// `LTAI-test`/`secret`.
fn call(url: &str, secret: &str, operation: &str, args: &[String]) -> Output {
    call_spec(SPEC, url, secret, operation, args)
}

fn call_spec(spec: &str, url: &str, secret: &str, operation: &str, args: &[String]) -> Output {
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ess-serve-home");
    std::fs::create_dir_all(&home).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_ess"));
    command
        .args(["call", spec, operation, "--endpoint", url, "--json"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", &home);
    for (name, _) in std::env::vars() {
        if name.starts_with("ALIBABA") || name.starts_with("ALICLOUD") {
            command.env_remove(name);
        }
    }
    command
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-test")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
        .output()
        .unwrap()
}

/// `--Name value` arguments for a value of `node`, from the spec's
/// examples: a list of one item, an object's required fields (its first
/// field when none is required).
fn arguments(
    spec: &ess_codegen::Spec,
    name: &str,
    node: &ess_codegen::model::Node,
    out: &mut Vec<String>,
) {
    let example = node.example.clone();
    match &node.shape {
        Shape::Array { items, .. } => arguments(spec, &format!("{name}.1"), items, out),
        Shape::Object(_) | Shape::Ref(_) => {
            let object = match &node.shape {
                Shape::Ref(r) => spec.component(&r.component).map(|c| &c.object),
                Shape::Object(object) => Some(object),
                _ => None,
            };
            let properties = object.map_or(&[][..], |o| &o.properties);
            let required: Vec<_> = properties.iter().filter(|p| p.required).collect();
            let chosen = if required.is_empty() {
                properties.iter().take(1).collect()
            } else {
                required
            };
            for property in chosen {
                arguments(
                    spec,
                    &format!("{name}.{}", property.name),
                    &property.node,
                    out,
                );
            }
        }
        Shape::Integer(_) => out.extend([name.to_owned(), example.unwrap_or_else(|| "1".into())]),
        Shape::Boolean => out.extend([name.to_owned(), "true".into()]),
        _ => out.extend([name.to_owned(), example.unwrap_or_else(|| "x".into())]),
    }
}

fn report(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| serde_json::json!({ "stderr": String::from_utf8_lossy(&out.stderr) }))
}

/// Calls every operation of `spec` through `ess call` against `ess serve`,
/// each with its required and path parameters from the spec's examples;
/// the calls that failed.
fn call_every_operation(spec_path: &str) -> (usize, Vec<String>) {
    let server = serve_spec(spec_path, &["--key", "LTAI-test:secret"]);
    let source = ess_codegen::SpecSource::file(
        format!("{}/{spec_path}", env!("CARGO_MANIFEST_DIR")),
        ess_codegen::Base::WorkingDirectory,
    );
    let spec = ess_codegen::load(&source)
        .unwrap_or_else(|e| panic!("{e}"))
        .spec;
    let mut failed = Vec::new();
    for request in &spec.requests {
        // After `--`: a parameter may be named like an option of `ess call`.
        let mut args = vec!["--".to_owned()];
        // The required parameters, and those of the path, which the
        // metadata does not always mark required.
        let needed = request
            .parameters
            .properties
            .iter()
            .zip(&request.wire)
            .filter(|(p, wire)| p.required || wire.location == ess_codegen::model::Location::Path)
            .map(|(p, _)| p);
        for property in needed {
            arguments(
                &spec,
                &format!("--{}", property.name),
                &property.node,
                &mut args,
            );
        }
        let out = call_spec(spec_path, &server.url, "secret", &request.operation, &args);
        let report = report(&out);
        if out.status.code() != Some(0) || report["outcome"] != "success" {
            failed.push(format!("{} {args:?}: {report}", request.operation));
        }
    }
    (spec.requests.len(), failed)
}

#[test]
fn every_ess_operation_answers_ess_call_with_its_required_parameters() {
    let (count, failed) = call_every_operation(SPEC);
    assert!(count >= 79);
    assert!(
        failed.is_empty(),
        "{} of {count} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn a_roa_product_answers_ess_call_signed_the_roa_way() {
    // CS: paths with parameters, a JSON body, the ROA signature checked.
    let (count, failed) = call_every_operation("../spec/catalogue/cs.json");
    assert_eq!(count, 6);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    let server = serve_spec("../spec/catalogue/cs.json", &["--key", "LTAI-test:secret"]);
    let args = ["--ClusterId".to_owned(), "c-1".to_owned()];
    let out = call_spec(
        "../spec/catalogue/cs.json",
        &server.url,
        "not-the-secret",
        "DescribeClusterLogs",
        &args,
    );
    assert_eq!(
        report(&out)["code"],
        "SignatureDoesNotMatch",
        "{}",
        report(&out)
    );

    // Unsigned, to a fake that checks no signature: a ROA call's path and
    // JSON body are read by the spec.
    let open = serve_spec("../spec/catalogue/cs.json", &[]);
    let http = reqwest::blocking::Client::new();
    let send = |method: &str, path: &str, action: &str, body: &str| {
        let response = http
            .request(method.parse().unwrap(), format!("{}{path}", open.url))
            .header("x-acs-action", action)
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .unwrap();
        let status = response.status().as_u16();
        let answer: serde_json::Value =
            serde_json::from_slice(&response.bytes().unwrap()).unwrap_or_default();
        (
            status,
            answer["Code"].as_str().unwrap_or("").to_owned(),
            answer["Message"].to_string(),
        )
    };
    let (status, code, _) = send("GET", "/clusters/c-1/logs", "DescribeClusterLogs", "");
    assert_eq!((status, code.as_str()), (200, ""));
    let (status, code, message) = send("GET", "/clusters/logs", "DescribeClusterLogs", "");
    assert_eq!(
        (status, code.as_str()),
        (400, "InvalidParameter"),
        "{message}"
    );
    assert!(message.contains("/clusters/{ClusterId}/logs"), "{message}");
    let (status, code, message) = send(
        "POST",
        "/clusters/c-1/attachscript",
        "DescribeClusterAttachScripts",
        "{not json",
    );
    assert_eq!(
        (status, code.as_str()),
        (400, "InvalidParameter"),
        "{message}"
    );
    assert!(message.contains("body"), "{message}");
    let (status, code, message) = send(
        "POST",
        "/clusters/c-1/attachscript",
        "DescribeClusterAttachScripts",
        r#"{"nodepool_idd": "np-1"}"#,
    );
    assert_eq!(
        (status, code.as_str()),
        (400, "InvalidParameter"),
        "{message}"
    );
    assert!(message.contains("no field `nodepool_idd`"), "{message}");
}

#[test]
fn every_operation_of_the_catalogues_cuts_answers_ess_call() {
    // FC and OSS sign their own way, which `ess call` does not make.
    let mut counted = 0;
    let mut failures = Vec::new();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/catalogue");
    let mut cuts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json") && name != "fc.json" && name != "oss.json")
        .collect();
    cuts.sort();
    for cut in &cuts {
        let (count, failed) = call_every_operation(&format!("../spec/catalogue/{cut}"));
        counted += count;
        failures.extend(failed.into_iter().map(|f| format!("{cut}: {f}")));
    }
    assert_eq!(
        (cuts.len(), counted),
        (14, 32),
        "the cuts and their operations"
    );
    assert!(
        failures.is_empty(),
        "{} of {counted} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_wrong_signature_a_missing_parameter_and_a_value_out_of_its_limits_get_the_vendors_codes() {
    let signed = serve(&["--key", "LTAI-test:secret"]);
    let out = call(&signed.url, "not-the-secret", "DescribeRegions", &[]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(report(&out)["code"], "SignatureDoesNotMatch");

    // Unsigned requests, as any HTTP client sends them, to a fake that
    // checks no signature.
    let open = serve(&[]);
    let get = |query: &str| {
        let response = reqwest::blocking::get(format!("{}/?{query}", open.url)).unwrap();
        let status = response.status().as_u16();
        let body: serde_json::Value = serde_json::from_slice(&response.bytes().unwrap()).unwrap();
        (
            status,
            body["Code"].as_str().unwrap_or_default().to_owned(),
            body["Message"].to_string(),
        )
    };
    let (status, code, message) = get("Action=DescribeScalingGroups&Format=JSON");
    assert_eq!(
        (status, code.as_str()),
        (400, "MissingParameter"),
        "{message}"
    );
    assert!(message.contains("RegionId"), "{message}");
    let (status, code, message) =
        get("Action=DescribeScalingGroups&RegionId=cn-hangzhou&PageSize=500");
    assert_eq!(
        (status, code.as_str()),
        (400, "InvalidParameter"),
        "{message}"
    );
    assert!(message.contains("PageSize"), "{message}");
    let (status, code, message) =
        get("Action=DescribeScalingGroups&RegionId=cn-hangzhou&PageSise=5");
    assert_eq!(
        (status, code.as_str()),
        (400, "InvalidParameter"),
        "{message}"
    );
    assert!(message.contains("PageSise"), "{message}");
    let (status, code, _) = get("Action=DescribeNothing");
    assert_eq!((status, code.as_str()), (404, "InvalidAction.NotFound"));
    // XML by the request's Format.
    let xml = reqwest::blocking::get(format!("{}/?Action=DescribeRegions&Format=XML", open.url))
        .unwrap()
        .text()
        .unwrap();
    assert!(
        xml.contains("<DescribeRegionsResponse><RequestId>")
            || xml.contains("<DescribeRegionsResponse>"),
        "{xml}"
    );
    assert!(xml.contains("<Regions><Region>"), "{xml}");
}

#[test]
fn fixtures_pages_and_faults() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ess-serve-fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    let groups: Vec<serde_json::Value> = (1..=5)
        .map(|n| serde_json::json!({"ScalingGroupId": format!("asg-{n}")}))
        .collect();
    std::fs::write(
        dir.join("DescribeScalingGroups.json"),
        serde_json::json!({"RequestId": "x", "TotalCount": 0, "PageNumber": 1, "PageSize": 10,
            "ScalingGroups": {"ScalingGroup": groups}})
        .to_string(),
    )
    .unwrap();
    let server = serve(&[
        "--fixtures",
        dir.to_str().unwrap(),
        "--key",
        "LTAI-test:secret",
    ]);
    let page = |number: &str| {
        let args: Vec<String> = [
            "--RegionId",
            "cn-hangzhou",
            "--PageSize",
            "2",
            "--PageNumber",
            number,
        ]
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
        report(&call(&server.url, "secret", "DescribeScalingGroups", &args))["body"].clone()
    };
    let second = page("2");
    assert_eq!(second["TotalCount"], 5);
    assert_eq!(
        second["ScalingGroups"]["ScalingGroup"],
        serde_json::json!([{"ScalingGroupId": "asg-3"}, {"ScalingGroupId": "asg-4"}])
    );
    assert_eq!(
        page("3")["ScalingGroups"]["ScalingGroup"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let throttled = serve(&["--throttle-rate", "1"]);
    let out = call(&throttled.url, "secret", "DescribeRegions", &[]);
    assert_eq!(report(&out)["code"], "Throttling", "{}", report(&out));
    let html = serve(&["--html-rate", "1"]);
    let out = call(&html.url, "secret", "DescribeRegions", &[]);
    assert_eq!(out.status.code(), Some(4), "a body error");
    let out = Command::new(env!("CARGO_BIN_EXE_ess"))
        .args(["serve", SPEC, "--throttle-rate", "2"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("from 0 to 1"));
}

#[test]
fn xml_fixtures_token_pages_injected_errors_and_the_first_throttled() {
    // An XML fixture, read as the operation's types read it, answered in
    // either format, a page at a time by `NextToken` and `MaxResults`.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ess-serve-xml-fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    let actions: String = (1..=3)
        .map(|n| {
            format!(
                "<LifecycleAction><LifecycleHookId>ash-{n}</LifecycleHookId>\
                 <InstanceIds><InstanceId>i-{n}</InstanceId></InstanceIds></LifecycleAction>"
            )
        })
        .collect();
    std::fs::write(
        dir.join("DescribeLifecycleActions.xml"),
        format!(
            "<?xml version=\"1.0\"?><DescribeLifecycleActionsResponse><RequestId>x</RequestId>\
             <LifecycleActions>{actions}</LifecycleActions></DescribeLifecycleActionsResponse>"
        ),
    )
    .unwrap();
    let server = serve(&["--fixtures", dir.to_str().unwrap()]);
    let page = |token: &str, format: &str| {
        let mut args: Vec<String> = [
            "--RegionId",
            "cn-hangzhou",
            "--ScalingActivityId",
            "asa-1",
            "--MaxResults",
            "2",
            "--format",
            format,
        ]
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
        if !token.is_empty() {
            args.extend(["--NextToken".to_owned(), token.to_owned()]);
        }
        let out = call(&server.url, "secret", "DescribeLifecycleActions", &args);
        report(&out)["body"].clone()
    };
    for format in ["json", "xml"] {
        let first = page("", format);
        let hooks = |body: &serde_json::Value| {
            body["LifecycleActions"]["LifecycleAction"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["LifecycleHookId"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(hooks(&first), ["ash-1", "ash-2"], "{format}: {first}");
        assert_eq!(first["TotalCount"], 3);
        assert_eq!(
            first["LifecycleActions"]["LifecycleAction"][0]["InstanceIds"]["InstanceId"],
            serde_json::json!(["i-1"]),
            "a list of one stays a list"
        );
        let token = first["NextToken"].as_str().unwrap().to_owned();
        assert!(!token.is_empty());
        let last = page(&token, format);
        assert_eq!(hooks(&last), ["ash-3"], "{format}: {last}");
        assert_eq!(last["NextToken"], "", "the last page has no token");
    }
    let args: Vec<String> = [
        "--RegionId",
        "cn-hangzhou",
        "--ScalingActivityId",
        "a",
        "--MaxResults",
        "2",
        "--NextToken",
        "forged",
    ]
    .iter()
    .map(|w| (*w).to_owned())
    .collect();
    let out = call(&server.url, "secret", "DescribeLifecycleActions", &args);
    assert_eq!(report(&out)["code"], "InvalidParameter", "{}", report(&out));

    // An injected error: the spec's status; another operation unaffected.
    let server = serve(&[
        "--error",
        "CreateScalingGroup=QuotaExceeded.ScalingGroup",
        "--throttle-first",
        "1",
    ]);
    let first = report(&call(&server.url, "secret", "DescribeRegions", &[]));
    assert_eq!(first["code"], "Throttling", "{first}");
    let second = report(&call(&server.url, "secret", "DescribeRegions", &[]));
    assert_eq!(second["outcome"], "success", "{second}");
    let create: Vec<String> = [
        "--RegionId",
        "cn-hangzhou",
        "--MinSize",
        "0",
        "--MaxSize",
        "1",
    ]
    .iter()
    .map(|w| (*w).to_owned())
    .collect();
    let quota = report(&call(&server.url, "secret", "CreateScalingGroup", &create));
    assert_eq!(quota["code"], "QuotaExceeded.ScalingGroup", "{quota}");
    assert_eq!(quota["status"], 400, "{quota}");

    // An empty 503, as a load balancer answers: a body error.
    let empty = serve(&["--empty-rate", "1"]);
    let out = call(&empty.url, "secret", "DescribeRegions", &[]);
    assert_eq!(out.status.code(), Some(4), "{}", report(&out));

    // A code the spec lacks needs its status; an operation must be the spec's.
    for (error, expected) in [
        ("*=Forbidden.NewPolicy", "give its status"),
        ("*=Forbidden.NewPolicy:200", "not an error status"),
        ("NoSuchOperation=Throttling", "not an operation of the spec"),
        ("Throttling", "OPERATION=CODE"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ess"))
            .args(["serve", SPEC, "--error", error])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{error}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{error}: {stderr}");
    }
}
