//! The `ess` binary, run as a user runs it, on the spec in
//! `tests/fixtures/codes.json` and on specs written for one test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CODES: &str = "tests/fixtures/codes.json";

fn ess(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ess"));
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    match stdin {
        None => command.output().unwrap(),
        Some(input) => {
            use std::io::Write;
            let mut child = command
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(input).unwrap();
            child.wait_with_output().unwrap()
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A file of this test run, written with `contents`.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn check_draws_every_problem_with_its_place_and_fails() {
    let spec = scratch(
        "bad-spec.json",
        "{\"errors\": [\n  {\"code\": \"A\", \"http_status\": 200, \"message\": \"m\",\n   \"retyr\": \"x\"},\n  \
         {\"code\": \"描述\", \"http_status\": 400, \"message\": \"m\", \"variant\": \"bad\"}\n]}\n",
    );
    let out = ess(&["check", spec.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let file = spec.display();
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: http_status 200 is not an error status\n \
             --> {file}:2:32\n  |\n2 |   {{\"code\": \"A\", \"http_status\": 200, \"message\": \"m\",\n  |                                ^^^\n  \
             = help: a spec lists error responses: use an integer from 400 to 599\n\
             error: unknown key \"retyr\" in an error entry\n \
             --> {file}:3:4\n  |\n3 |    \"retyr\": \"x\"}},\n  |    ^^^^^^^\n  \
             = help: did you mean \"retry\"? The keys of an error entry are \"code\", \"http_status\", \"message\", \"description\", \"variant\", \"retry\"\n\
             error: variant \"bad\" is not a usable Rust name: it must start with an ASCII capital letter\n \
             --> {file}:4:65\n  |\n4 |   {{\"code\": \"描述\", \"http_status\": 400, \"message\": \"m\", \"variant\": \"bad\"}}\n  \
             | {wide}^^^^^\n  \
             = help: write an UpperCamelCase name such as \"InvalidParamPageNumberLower\"\n\
             error: {file} has 3 problems\n",
            // Column 65 counts characters; the caret needs 66 columns, for
            // the two Chinese characters take two each.
            wide = " ".repeat(66),
        )
    );

    let out = ess(&["check", CODES], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ok: 3 codes, 1 response\n");

    // A service says what else it holds.
    let fc = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/catalogue/fc.json");
    let out = ess(&["check", fc], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "ok: 0 codes, 4 responses, 20 components, 4 requests\n"
    );
}

#[test]
fn expand_prints_what_the_macro_and_the_builder_generate() {
    for (enum_name, extra) in [
        ("EssError", &[][..]),
        (
            "CreateScalingGroupError",
            &[
                "--operation",
                "CreateScalingGroup",
                "--service-enum",
                "EssError",
            ][..],
        ),
    ] {
        let mut args = vec!["expand", CODES, "--enum", enum_name];
        args.extend(extra);
        let out = ess(&args, None);
        assert!(out.status.success(), "{}", text(&out.stderr));

        let mut macro_args = format!("spec = \"{CODES}\"");
        let mut builder =
            ess_codegen::Builder::new(Path::new(env!("CARGO_MANIFEST_DIR")).join(CODES), enum_name);
        if let [_, operation, _, service] = extra {
            macro_args.push_str(&format!(
                ", operation = \"{operation}\", service_enum = \"{service}\""
            ));
            builder = builder.operation(operation, service);
        }
        let macro_tokens = ess_codegen::error_enum(
            macro_args.parse().unwrap(),
            format!("pub enum {enum_name} {{}}").parse().unwrap(),
            Path::new(env!("CARGO_MANIFEST_DIR")),
        );
        let without_tracking = without_tracking(&ess_codegen::pretty(macro_tokens).unwrap());
        assert_eq!(text(&out.stdout), without_tracking);

        let built = builder.generate().unwrap();
        let (header, body) = built.split_once("\n\n").unwrap();
        assert!(
            header.starts_with("// @generated by ess-codegen"),
            "{header}"
        );
        let absolute = Path::new(env!("CARGO_MANIFEST_DIR")).join(CODES);
        assert_eq!(
            body.replace(&absolute.display().to_string(), CODES),
            without_tracking
        );
    }
}

/// The macro's expansion, formatted, less the statement that includes the
/// spec file so that cargo tracks it (a build script says
/// `rerun-if-changed` instead): what `ess expand` and the `Builder` print.
fn without_tracking(macro_code: &str) -> String {
    let start = macro_code
        .find("    const _: &[u8] = ::core::include_bytes!(")
        .expect("the tracking statement");
    let end = start + macro_code[start..].find(");\n").unwrap() + 3;
    assert!(macro_code[start..end].contains(CODES));
    format!("{}{}", &macro_code[..start], &macro_code[end..])
}

#[test]
fn expand_prints_the_service_the_macro_and_the_builder_generate() {
    let out = ess(&["expand", CODES, "--service", "ess"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let macro_tokens = ess_codegen::service(
        format!("spec = \"{CODES}\"").parse().unwrap(),
        "pub mod ess {}".parse().unwrap(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    let without_tracking = without_tracking(&ess_codegen::pretty(macro_tokens).unwrap());
    assert_eq!(text(&out.stdout), without_tracking);
    assert!(without_tracking.contains("pub struct DescribeLifecycleActions;"));
    assert!(without_tracking.contains("pub mod describe_lifecycle_actions {"));
    assert!(without_tracking
        .contains("pub lifecycle_action_token: ::core::option::Option<::std::string::String>,"));

    let absolute = Path::new(env!("CARGO_MANIFEST_DIR")).join(CODES);
    let built = ess_codegen::Builder::service(&absolute, "ess")
        .generate()
        .unwrap();
    let body = built.split_once("\n\n").unwrap().1;
    assert_eq!(
        body.replace(&absolute.display().to_string(), CODES),
        without_tracking
    );

    // Only some operations: the others' types are not generated.
    let out = ess(
        &["expand", CODES, "--service", "ess", "--operations", "Nope"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("the spec has no response for operation \"Nope\""));
}

#[test]
fn expand_reports_what_the_macro_reports() {
    let out = ess(
        &[
            "expand",
            CODES,
            "--operation",
            "CreateScalingGroups",
            "--service-enum",
            "EssError",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: the spec documents no operation \"CreateScalingGroups\"; did you mean \"CreateScalingGroup\"?\n  \
         --> tests/fixtures/codes.json\n\
         error: tests/fixtures/codes.json has 1 problem\n"
    );
}

#[test]
fn explain_shows_a_code_an_operation_and_suggests_for_a_typo() {
    let out = ess(&["explain", CODES, "Throttling"], None);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "Throttling\n  variant:     Throttling\n  http status: 400\n  \
         message:     Request was denied due to request throttling.\n  zh           系统流控期间，请稍后再试。\n  \
         retry class: throttling\n  retry:       throttling (from the spec)\n"
    );

    let out = ess(
        &[
            "explain",
            CODES,
            "InvalidParameter",
            "--operation",
            "DescribeLifecycleActions",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.ends_with(
            "on DescribeLifecycleActions:\n  - http status: 400\n    \
             message:     The specified value of parameter \"ScalingActivityId\" is not valid.\n    \
             en           The specified parameter is invalid.\n    zh           指定的参数无效。\n  \
             - http status: 400\n    message:     The specified value of parameter \"MaxResults\" is not valid.\n    \
             en           The specified parameter is invalid.\n    zh           指定的参数取值不合法。\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("retry:       client (from the HTTP status)"),
        "{stdout}"
    );

    let out = ess(
        &[
            "explain",
            CODES,
            "Throttling",
            "--operation",
            "CreateScalingGroup",
        ],
        None,
    );
    assert!(text(&out.stdout)
        .ends_with("on CreateScalingGroup: a common code, not on its page; HTTP 400\n"));

    let out = ess(&["explain", CODES, "Throtling"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: `Throtling` is not in the spec; did you mean `Throttling`?\n"
    );
}

#[test]
fn decode_exit_status_tells_the_outcomes_apart() {
    let success = br#"{"RequestId": "R1", "TotalCount": 3}"#;
    let out = ess(&["decode", "--spec", CODES, "--json"], Some(success));
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["request_id"], "R1");
    assert_eq!(report["body"]["TotalCount"], 3);

    let error = b"<Error><RequestId>R2</RequestId><Code>Throttling</Code><Message>slow down</Message></Error>";
    let out = ess(
        &["decode", "--spec", CODES, "--status", "400", "--json", "-"],
        Some(error),
    );
    assert_eq!(out.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["code"], "Throttling");
    assert_eq!(report["known"], true);
    assert_eq!(report["retry"], "throttling");
    assert_eq!(report["retry_basis"], "the spec");
    assert_eq!(report["description"]["zh"], "系统流控期间，请稍后再试。");

    let unknown = br#"{"Code": "Throttling.User", "Message": "m"}"#;
    let out = ess(
        &["decode", "--spec", CODES, "--status", "400", "--json"],
        Some(unknown),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (report["known"].clone(), report["retry_basis"].clone()),
        (false.into(), "the code's name".into())
    );

    let out = ess(
        &["decode", "--spec", CODES, "--status", "502"],
        Some(b"<html><body>Bad Gateway</body></html>"),
    );
    assert_eq!(out.status.code(), Some(4));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("outcome      body_error"), "{stdout}");
    assert!(stdout.contains("kind         NoEnvelope"), "{stdout}");
    assert!(stdout.contains("retry        transient"), "{stdout}");
    assert!(stdout.contains("the root element is <html>"), "{stdout}");
}

#[test]
fn diff_names_what_each_operation_says_and_what_breaks() {
    let old = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CODES)).unwrap();
    let new = old
        .replace(
            "\"message\": \"The specified value of parameter \\\"MaxResults\\\" is not valid.\"",
            "\"message\": \"The specified value of parameter \\\"NextToken\\\" is not valid.\"",
        )
        .replace("\"InvalidParameter\": 404", "\"InvalidParameter\": 400");
    assert_ne!(old, new);
    let new = scratch("codes-v2.json", &new);
    let out = ess(&["diff", CODES, new.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "compatible status of InvalidParameter on CreateScalingGroup: 404 is now 400\n\
         compatible DescribeLifecycleActions no longer says of InvalidParameter: HTTP 400 \
         \"The specified value of parameter \\\"MaxResults\\\" is not valid.\"\n\
         compatible DescribeLifecycleActions now says of InvalidParameter: HTTP 400 \
         \"The specified value of parameter \\\"NextToken\\\" is not valid.\"\n\
         3 changes, 0 breaking\n"
    );
    let out = ess(&["diff", new.to_str().unwrap(), CODES], None);
    assert!(text(&out.stdout).ends_with("3 changes, 0 breaking\n"));
}

#[test]
fn import_check_compares_with_the_file_it_would_write() {
    let table = scratch(
        "table.txt",
        "HTTP状态码 错误代码 错误信息 描述\n400 Throttling Request was denied due to request throttling. 系统流控期间，请稍后再试。\n",
    );
    let spec = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("imported.json");
    let table = table.to_str().unwrap();
    let out = ess(
        &["import", "table", table, "-o", spec.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(":1: skipped: not a row"),
        "{}",
        text(&out.stderr)
    );
    let check = [
        "import",
        "table",
        table,
        "-o",
        spec.to_str().unwrap(),
        "--check",
    ];
    let out = ess(&check, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).ends_with("is up to date\n"));
    std::fs::write(&spec, "{}").unwrap();
    let out = ess(&check, None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("differs from what the import writes"));
}

#[test]
fn unreadable_inputs_are_one_line_errors() {
    let out = ess(&["check", "spec/missing.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read spec file `spec/missing.json`: no such file\n"
    );
}

#[test]
fn decode_reads_a_body_as_an_operations_types_when_told_to() {
    let spec = "../spec/ess.json";
    let body = br#"{"RequestId":"R-1","TotalCount":"ten"}"#;
    // Untyped, any JSON object is a success.
    let out = ess(&["decode", "--spec", spec, "--json"], Some(body));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // As DescribeScalingGroups, TotalCount is an integer: a body error.
    let typed = [
        "decode",
        "--spec",
        spec,
        "--json",
        "--operation",
        "DescribeScalingGroups",
    ];
    let out = ess(&typed, Some(body));
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["outcome"], "body_error");
    assert_eq!(report["kind"], "Shape");
    assert_eq!(
        report["message"],
        "TotalCount: an integer (int32), not \"ten\""
    );
    assert_eq!(report["request_id"], "R-1");
    // XML text typed, and a list of one a list.
    let xml = b"<R><RequestId>R-2</RequestId><TotalCount>7</TotalCount><ScalingGroups><ScalingGroup><MaxSize>3</MaxSize></ScalingGroup></ScalingGroups></R>";
    let out = ess(&typed, Some(xml));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["body"]["TotalCount"], 7);
    assert_eq!(
        report["body"]["ScalingGroups"]["ScalingGroup"],
        serde_json::json!([{"MaxSize": 3}])
    );
    // An error body is an API error whichever the operation.
    let throttled = [&typed[..], &["--status", "400"]].concat();
    let out = ess(
        &throttled,
        Some(br#"{"Code":"Throttling","Message":"slow down"}"#),
    );
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stdout));
    let out = ess(
        &[
            "decode",
            "--spec",
            spec,
            "--operation",
            "DescribeScalingGroup",
        ],
        Some(b"{}"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("did you mean `DescribeScalingGroups`?"));
}

#[test]
fn call_takes_a_parameter_named_like_an_option_after_the_double_dash() {
    // grace's UploadFileByOSS has a parameter `endpoint`, as `ess call` has
    // an option. Among the parameters it is refused as ambiguous; after
    // `--` it is the operation's, checked (here: before any credentials,
    // a missing required one is named, and `endpoint` is not).
    let spec = "../spec/catalogue/grace.json";
    let out = ess(
        &[
            "call",
            spec,
            "UploadFileByOSS",
            "--bucketName",
            "b",
            "--endpoint",
            "https://oss",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "--endpoint is both an option of `ess call` and a parameter of `UploadFileByOSS`"
        ),
        "{stderr}"
    );
    let out = ess(
        &[
            "call",
            spec,
            "UploadFileByOSS",
            "--region",
            "cn-hangzhou",
            "--",
            "--endpoint",
            "https://oss",
            "--bucketName",
            "b",
        ],
        None,
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("needs --objectName"), "{stderr}");
    assert!(!stderr.contains("--endpoint"), "{stderr}");
}
