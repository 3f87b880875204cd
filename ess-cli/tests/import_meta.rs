//! `ess import meta` on metadata written for each test: what it cannot read
//! is a problem with its place, all of them at once, never a panic or a
//! stack overflow; the error codes it cannot keep as written are noted with
//! their operation.

use std::process::Command;

use ess_cli::import::meta::{meta, Meta};
use ess_codegen::{Problems, SourceText};

fn source(text: &str) -> SourceText {
    SourceText {
        origin: "api-docs.json".into(),
        text: text.into(),
    }
}

fn problems(text: &str) -> Problems {
    match meta(&source(text)) {
        Ok(_) => panic!("the metadata was accepted:\n{text}"),
        Err(problems) => problems,
    }
}

fn accepted(text: &str) -> Meta {
    meta(&source(text)).unwrap_or_else(|p| panic!("{:?}", p.diagnostics))
}

/// (line, column, message) of each problem.
fn places(problems: &Problems) -> Vec<(usize, usize, String)> {
    problems
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().expect("every problem has a place");
            assert_eq!(at.file, "api-docs.json");
            (at.line, at.column, d.message.clone())
        })
        .collect()
}

/// Metadata of one operation whose 200 schema is `schema`.
fn with_schema(schema: &str) -> String {
    format!(
        "{{\n\"info\": {{\"product\": \"Ess\", \"version\": \"2014-08-28\"}},\n\"apis\": {{\n\"DescribeThings\": {{\n\"responses\": {{\"200\": {{\"schema\":\n{schema}\n}}}}\n}}\n}}\n}}\n"
    )
}

#[test]
fn text_that_is_not_json_is_one_problem_at_the_place_it_breaks() {
    let found = places(&problems("{\n  \"apis\": {\n    \"A\": [1, 2,]\n  }\n}\n"));
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, column, message) = &found[0];
    assert_eq!((*line, *column), (3, 16), "{message}");
    assert!(message.starts_with("malformed JSON"), "{message}");

    let found = places(&problems("not json at all"));
    assert_eq!((found[0].0, found[0].1), (1, 1), "{found:?}");
    let found = places(&problems(""));
    assert_eq!(found.len(), 1, "{found:?}");
    let found = places(&problems("[]"));
    assert!(
        found[0].2.contains("must be an object, found an array"),
        "{found:?}"
    );
    let found = places(&problems("{}"));
    assert!(found[0].2.contains("no \"apis\""), "{found:?}");
}

#[test]
fn an_unknown_type_and_an_array_without_items_are_reported_together() {
    let text = with_schema(
        r#"{"type": "object", "properties": {
  "RequestId": {"type": "string"},
  "When": {"type": "datetime"},
  "Ids": {"type": "array"},
  "Size": {"type": "integer", "format": "int128"},
  "Untyped": {"description": "no type"}
}}"#,
    );
    let found = places(&problems(&text));
    let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "DescribeThings.When: unknown type `datetime`",
            "DescribeThings.Ids: an array without \"items\"",
            "DescribeThings.Size: unknown integer format `int128`",
            "DescribeThings.Untyped: a schema without \"type\"",
        ]
    );
    // Each at its own line of the schema, which starts on line 6.
    let lines: Vec<usize> = found.iter().map(|(line, ..)| *line).collect();
    assert_eq!(lines, [8, 9, 10, 11]);
    assert_eq!(found[0].1, "  \"When\": {\"type\": ".chars().count() + 1);
}

#[test]
fn ten_thousand_levels_of_nesting_are_an_error_not_a_stack_overflow() {
    for levels in [10_000, 100_000] {
        let mut schema = String::new();
        for _ in 0..levels {
            schema.push_str(r#"{"type": "object", "properties": {"Inner": "#);
        }
        schema.push_str(r#"{"type": "string"}"#);
        for _ in 0..levels {
            schema.push_str("}}");
        }
        let found = places(&problems(&with_schema(&schema)));
        assert_eq!(found.len(), 1, "{found:?}");
        let (line, column, message) = &found[0];
        assert!(
            message.contains("nesting deeper than 128 levels"),
            "{message}"
        );
        assert_eq!(*line, 6);
        assert!(*column > 1 && *column < schema.len(), "{column}");
    }
}

#[test]
fn codes_that_cannot_be_kept_as_written_are_noted_with_their_operation() {
    let text = r#"{"apis": {
"CreateThing": {"errorCodes": {
  "400": [
    {"errorCode": " Throttling.User ", "errorMessage": "Request was denied."},
    {"errorCode": "InvalidParameter\tName", "errorMessage": "tab inside"},
    {"errorCode": "Invalid.%s", "errorMessage": "a template"},
    {"errorCode": "404", "errorMessage": "a status"},
    {"errorCode": 500, "errorMessage": "a number"},
    {"errorCode": "Quota.Exceeded", "errorMessage": " kept as it is "},
    {"errorMessage": "no code"}
  ],
  "OK": [{"errorCode": "Whatever"}]
}}}}"#;
    let meta = accepted(text);
    let kept: Vec<(&str, &str, u16, &str)> = meta
        .codes
        .iter()
        .map(|c| {
            (
                c.operation.as_str(),
                c.code.as_str(),
                c.status.get(),
                c.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            ("CreateThing", "Throttling.User", 400, "Request was denied."),
            ("CreateThing", "Quota.Exceeded", 400, "kept as it is"),
        ]
    );
    let notes: Vec<(usize, &str)> = meta
        .notes
        .iter()
        .map(|n| (n.line, n.what.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (4, "CreateThing: normalized the code \" Throttling.User \" to `Throttling.User`"),
            (5, "CreateThing: rejected the code \"InvalidParameter\\tName\": it has white space inside"),
            (6, "CreateThing: rejected the code \"Invalid.%s\": it is a template (`%s`), not a code"),
            (7, "CreateThing: rejected the code \"404\": it is a bare number"),
            (8, "CreateThing: rejected the code \"500\": it is a bare number"),
            (10, "CreateThing: rejected an entry without errorCode"),
            (12, "CreateThing: rejected the codes under `OK`: not an HTTP error status"),
        ]
    );
}

#[test]
fn the_command_draws_each_problem_under_its_line_and_fails() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let input = dir.join("bad-api-docs.json");
    let output = dir.join("never-written.json");
    std::fs::write(
        &input,
        with_schema(r#"{"type": "object", "properties": {"When": {"type": "datetime"}}}"#),
    )
    .unwrap();
    let _ = std::fs::remove_file(&output);
    let out = Command::new(env!("CARGO_BIN_EXE_ess"))
        .args(["import", "meta"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!output.exists(), "a failed import writes nothing");
    // `"datetime"` starts at column 52 of line 6.
    let expected = [
        "error: DescribeThings.When: unknown type `datetime`".to_owned(),
        format!(" --> {}:6:52\n", input.display()),
        "6 | {\"type\": \"object\", \"properties\": {\"When\": {\"type\": \"datetime\"}}}\n"
            .to_owned(),
        format!("  | {}{}\n", " ".repeat(51), "^".repeat(10)),
        "  = help: the types are string, integer, number, boolean, object and array".to_owned(),
        format!("error: {} has 1 problem", input.display()),
    ];
    for line in &expected {
        assert!(
            stderr.contains(line.as_str()),
            "missing {line:?} in\n{stderr}"
        );
    }
}
