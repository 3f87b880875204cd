//! The `ess` binary, run as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn ess(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ess"));
    command.args(args).current_dir(workspace());
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

#[test]
fn importing_the_seed_table_reproduces_the_common_spec() {
    let out = ess(
        &[
            "import",
            "table",
            "tests/fixtures/seed-response-results.txt",
            "--service",
            "Ess",
            "--api-version",
            "2014-08-28",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = std::fs::read_to_string(workspace().join("spec/common.json")).unwrap();
    assert_eq!(text(&out.stdout), expected);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("14 rows imported"), "{stderr}");
    assert!(
        stderr.contains("seed-response-results.txt:2: skipped: not a row"),
        "{stderr}"
    );
}

#[test]
fn check_prints_every_problem_with_its_place_and_fails() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let spec = dir.join("bad-spec.json");
    std::fs::write(&spec, "{\"errors\": [\n  {\"code\": \"A\", \"http_status\": 200, \"message\": \"m\",\n   \"retyr\": \"x\"}\n]}\n").unwrap();
    let out = ess(&["check", spec.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error: http_status 200 is not an error status"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("--> {}:2:32", spec.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: unknown key \"retyr\" in an error entry"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("--> {}:3:4", spec.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 |    \"retyr\": \"x\"}\n  |    ^"),
        "{stderr}"
    );
    assert!(stderr.contains("has 2 problems"), "{stderr}");

    let out = ess(&["check", "spec/common.json"], None);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "ok: 14 codes\n");
}

#[test]
fn expand_prints_what_the_macro_generates() {
    let out = ess(
        &["expand", "spec/common.json", "--enum", "CommonError"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let macro_tokens = ess_codegen::error_enum(
        "spec = \"spec/common.json\"".parse().unwrap(),
        "pub enum CommonError {}".parse().unwrap(),
        &workspace(),
    );
    let macro_code = ess_codegen::pretty(macro_tokens).unwrap();
    // The macro also includes the spec file so that cargo tracks it; a build
    // script says `rerun-if-changed` instead. That statement is the difference.
    let start = macro_code
        .find("    const _: &[u8] = ::core::include_bytes!(")
        .expect("the tracking statement");
    let end = start + macro_code[start..].find(");\n").unwrap() + 3;
    assert!(macro_code[start..end].contains("spec/common.json"));
    let without_tracking = format!("{}{}", &macro_code[..start], &macro_code[end..]);
    assert_eq!(text(&out.stdout), without_tracking);

    let built = ess_codegen::Builder::new(workspace().join("spec/common.json"), "CommonError")
        .generate()
        .unwrap();
    let body = built.split_once("\n\n").unwrap().1;
    assert_eq!(
        body.replace(
            &workspace().join("spec/common.json").display().to_string(),
            "spec/common.json"
        ),
        without_tracking
    );
}

#[test]
fn explain_shows_a_code_and_suggests_for_a_typo() {
    let out = ess(&["explain", "spec/common.json", "Throttling"], None);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("http status: 400"), "{stdout}");
    assert!(stdout.contains("retry:       throttling"), "{stdout}");
    assert!(stdout.contains("系统流控期间,请稍后再试。"), "{stdout}");
    let out = ess(&["explain", "spec/common.json", "Throtling"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: `Throtling` is not in the spec; did you mean `Throttling`?\n"
    );
}

#[test]
fn decode_exit_status_tells_the_outcomes_apart() {
    let success = br#"{"RequestId": "R1", "TotalCount": 3}"#;
    let out = ess(
        &["decode", "--spec", "spec/common.json", "--json"],
        Some(success),
    );
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["request_id"], "R1");
    assert_eq!(report["body"]["TotalCount"], 3);

    let error = b"<Error><RequestId>R2</RequestId><Code>Throttling</Code><Message>slow down</Message></Error>";
    let out = ess(
        &[
            "decode",
            "--spec",
            "spec/common.json",
            "--status",
            "400",
            "--json",
            "-",
        ],
        Some(error),
    );
    assert_eq!(out.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["code"], "Throttling");
    assert_eq!(report["known"], true);
    assert_eq!(report["retry"], "throttling");
    assert_eq!(report["retry_basis"], "the spec");
    assert_eq!(report["description"]["zh"], "系统流控期间,请稍后再试。");

    let out = ess(
        &["decode", "--spec", "spec/common.json", "--status", "502"],
        Some(b"<html><body>Bad Gateway</body></html>"),
    );
    assert_eq!(out.status.code(), Some(4));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("outcome      body_error"), "{stdout}");
    assert!(stdout.contains("the root element is <html>"), "{stdout}");
}

#[test]
fn unreadable_inputs_are_one_line_errors() {
    let out = ess(&["check", "spec/missing.json"], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot read spec/missing.json: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// `spec/ess.json` is what `ess import docs` makes of the vendor's pages
/// (a copy is in `tests/fixtures/aliyun-docs/ess`), byte for byte.
#[test]
fn the_committed_ess_catalogue_is_what_the_import_writes() {
    let data = "tests/fixtures/aliyun-docs/ess";
    let out = ess(
        &[
            "import",
            "docs",
            data,
            "--service",
            "Ess",
            "--api-version",
            "2014-08-28",
            "-o",
            "spec/ess.json",
            "--check",
        ],
        None,
    );
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("spec/ess.json is up to date"), "{stderr}");
    assert!(
        stderr.contains("202 pages, 985 rows read, 146 codes kept, 2 rows rejected, 3 codes with several statuses, 50 operations"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "rejected: `API is not fully authorized to the Auto Scaling service.` is not a code"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("normalized: `Duplicate.` read as `Duplicate`"),
        "{stderr}"
    );
}

#[test]
fn diff_lists_changes_and_fails_on_breaking_ones() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let old = dir.join("diff-old.json");
    let new = dir.join("diff-new.json");
    std::fs::write(
        &old,
        r#"{"errors": [{"code": "Throttling", "http_status": 400, "message": "m"},
                       {"code": "Gone", "http_status": 404, "message": "g"},
                       {"code": "Invalid.Id", "http_status": 400, "message": "b"}]}"#,
    )
    .unwrap();
    std::fs::write(
        &new,
        r#"{"errors": [{"code": "Throttling", "http_status": 429, "message": "m", "retry": "throttling"},
                       {"code": "Invalid.Id", "http_status": 400, "message": "b", "variant": "InvalidIdentifier"}]}"#,
    )
    .unwrap();
    let out = ess(
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stdout),
        "breaking   removed Gone (variant `Gone`)\n\
         breaking   renamed the variant of Invalid.Id: `InvalidId` is now `InvalidIdentifier`\n\
         compatible status of Throttling: 400 is now 429\n\
         compatible retry class of Throttling: none is now throttling\n\
         4 changes, 2 breaking\n"
    );
    let out = ess(
        &["diff", new.to_str().unwrap(), new.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "0 changes, 0 breaking\n");
}

#[test]
fn diff_compares_what_each_operation_documents() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let errors = r#""errors": [{"code": "A", "http_status": 400, "message": "a"},
                               {"code": "B", "http_status": 404, "message": "b"}]"#;
    let old = dir.join("ops-old.json");
    let new = dir.join("ops-new.json");
    std::fs::write(&old, format!(r#"{{{errors}, "operations": {{"Create": {{"A": 400, "B": 404}}, "Gone": {{"A": 400}}}}}}"#)).unwrap();
    std::fs::write(
        &new,
        format!(r#"{{{errors}, "operations": {{"Create": {{"B": 400}}, "New": {{"A": 400}}}}}}"#),
    )
    .unwrap();
    let out = ess(
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stdout),
        "breaking   operation Create no longer documents A\n\
         compatible status of B on Create: 404 is now 400\n\
         breaking   removed operation Gone\n\
         compatible added operation New\n\
         4 changes, 2 breaking\n"
    );
}
