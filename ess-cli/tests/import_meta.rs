//! `ess import meta` on metadata written for each test: a file it cannot
//! read is a problem with its place, all of them at once, never a panic or a
//! stack overflow; a flaw of readable metadata (a type the format does not
//! have, an array without items, an error code it cannot keep as written) is
//! a note with its operation and place, and the import writes what it can.

use std::process::Command;

use ess_cli::import::meta::{meta, Meta};
use ess_codegen::model::{IntegerFormat, Shape};
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
fn flaws_of_the_schemas_are_notes_at_their_place_and_what_can_be_kept_is() {
    let text = with_schema(
        r##"{"type": "object", "properties": {
  "RequestId": {"type": "string"},
  "When": {"type": "datetime"},
  "Ids": {"type": "array"},
  "Size": {"type": "integer", "format": "int128"},
  "Untyped": {"description": "no type"},
  "Missing": {"$ref": "#/components/schemas/Nowhere"},
  "Modes": {"type": "string", "items": {"type": "string"}}
}}"##,
    );
    let meta = accepted(&text);
    let notes: Vec<(usize, usize, &str)> = meta
        .notes
        .iter()
        .map(|n| (n.line, n.column.unwrap(), n.what.as_str()))
        .collect();
    // Each at its own line of the schema, which starts on line 6; the
    // unknown type at its `type`.
    let column = |line: &str, at: &str| line.find(at).unwrap() + 1;
    assert_eq!(
        notes,
        [
            (8, column(r#"  "When": {"type": "datetime"},"#, r#""datetime""#), "DescribeThings.When: unknown type `datetime`: any value"),
            (9, column(r#"  "Ids": {"type": "array"},"#, "{"), "DescribeThings.Ids: an array without \"items\": a list of any values"),
            (10, column(r#"  "Size": {"type": "integer", "format": "int128"},"#, r#""int128""#), "DescribeThings.Size: unknown integer format `int128` (the formats are \"int32\" or \"int64\"): an int64"),
            (11, column(r#"  "Untyped": {"description": "no type"},"#, "{"), "DescribeThings.Untyped: a schema without \"type\": any value"),
            (12, column(r##"  "Missing": {"$ref": "#/components/schemas/Nowhere"},"##, r##""#/"##), "DescribeThings.Missing: $ref to the missing component `Nowhere`: any value"),
            (13, column(r#"  "Modes": {"type": "string", "items": {"type": "string"}}"#, r#"{"type": "string"}}"#), "DescribeThings.Modes: \"items\" on a `string`: a list"),
        ]
    );
    // Every note carries a short excerpt of the text at its place.
    assert!(meta.notes[0]
        .excerpt
        .as_deref()
        .unwrap()
        .contains("\"datetime\""));
    let Shape::Object(body) = &meta.responses[0].body.shape else {
        panic!("an object body");
    };
    let shapes: Vec<(&str, &Shape)> = body
        .properties
        .iter()
        .map(|p| (p.name.as_str(), &p.node.shape))
        .collect();
    assert!(matches!(shapes[1], ("When", Shape::Any)), "{shapes:?}");
    assert!(
        matches!(shapes[2], ("Ids", Shape::Array { wrapper: None, items }) if items.shape == Shape::Any),
        "{shapes:?}"
    );
    assert!(
        matches!(shapes[3], ("Size", Shape::Integer(IntegerFormat::Int64))),
        "{shapes:?}"
    );
    assert!(matches!(shapes[4], ("Untyped", Shape::Any)), "{shapes:?}");
    assert!(matches!(shapes[5], ("Missing", Shape::Any)), "{shapes:?}");
    // `items` beside a scalar type: the list the demos send.
    assert!(
        matches!(shapes[6], ("Modes", Shape::Array { items, .. }) if items.shape == Shape::String),
        "{shapes:?}"
    );
}

#[test]
fn refs_maps_lists_of_lists_and_bodies_of_other_shapes_are_kept() {
    let text = r##"{"info": {"product": "Box", "version": "2024-01-01", "style": "ROA"},
"components": {"schemas": {
  "Node": {"type": "object", "properties": {
    "Name": {"type": "string"},
    "Parent": {"$ref": "#/components/schemas/Node"},
    "Children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}},
  "Labels": {"type": "object", "additionalProperties": {"type": "string"}},
  "Unused": {"type": "object", "properties": {"X": {"type": "string"}}}
}},
"apis": {
  "GetTree": {"responses": {"200": {"schema": {"$ref": "#/components/schemas/Node"}}}},
  "ListNames": {"responses": {"200": {"schema": {"type": "array", "items": {"type": "string"}}}}},
  "GetFile": {"responses": {"200": {"schema": {"type": "string", "format": "binary"}}}},
  "GetLabels": {"responses": {"200": {"schema": {"$ref": "#/components/schemas/Labels"}}}},
  "GetBoxes": {"responses": {"200": {"schema": {"type": "object", "properties": {
    "Boxes": {"type": "array", "items": {"type": "array", "items": {"type": "integer", "format": "int32"}}},
    "Extra": {"type": "object"}}}}}},
  "GetNested": {"responses": {"200": {"schema": {"type": "object", "properties": {
    "Rows": {"type": "array", "items": {"type": "object", "properties": {
      "Cells": {"type": "array", "items": {"type": "string"}}}}}}}}}},
  "Delete": {"responses": {"204": {}}}
}}"##;
    let meta = accepted(text);
    let shape = |op: &str| {
        &meta
            .responses
            .iter()
            .find(|r| r.operation == op)
            .unwrap()
            .body
            .shape
    };
    assert!(matches!(shape("GetTree"), Shape::Ref(r) if r.component == "Node"));
    assert!(
        matches!(shape("ListNames"), Shape::Array { wrapper: None, items } if items.shape == Shape::String)
    );
    assert_eq!(shape("GetFile"), &Shape::Binary);
    // A component that is not an object is written where it is used.
    assert!(matches!(shape("GetLabels"), Shape::Map { values } if values.shape == Shape::String));
    // Only a property's value is a list wrapper: a list's items that are
    // objects holding one list stay structs.
    let Shape::Object(nested) = shape("GetNested") else {
        panic!("an object body")
    };
    assert!(matches!(&nested.properties[0].node.shape,
        Shape::Array { wrapper: None, items } if matches!(&items.shape, Shape::Object(o) if o.properties.len() == 1)));
    let Shape::Object(boxes) = shape("GetBoxes") else {
        panic!("an object body")
    };
    assert!(matches!(&boxes.properties[0].node.shape,
        Shape::Array { items, .. } if matches!(&items.shape, Shape::Array { items, .. } if items.shape == Shape::Integer(IntegerFormat::Int32))));
    // An object without properties holds anything.
    assert_eq!(boxes.properties[1].node.shape, Shape::Any);
    assert_eq!(shape("Delete"), &Shape::Any);
    // Only the components the responses use, each once.
    let components: Vec<&str> = meta.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(components, ["Node"]);
    assert_eq!(meta.style.as_deref(), Some("ROA"));
    // The written spec passes the checks, and the self-reference is boxed
    // (the list of children is not).
    let spec = ess_codegen::Spec {
        numbered_names: true,
        components: meta.components,
        responses: meta.responses,
        ..ess_codegen::Spec::default()
    };
    let checked = ess_codegen::Spec::parse(SourceText {
        origin: "imported".into(),
        text: spec.to_json(),
    })
    .unwrap_or_else(|p| panic!("{:?}", p.diagnostics));
    let node = &checked.component("Node").unwrap().object;
    assert!(matches!(&node.properties[1].node.shape, Shape::Ref(r) if r.boxed));
    assert!(matches!(&node.properties[2].node.shape,
        Shape::Array { items, .. } if matches!(&items.shape, Shape::Ref(r) if !r.boxed)));
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
            (2, "CreateThing: no success schema: the body is any value"),
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
fn the_command_prints_each_note_with_an_excerpt_and_strict_fails() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let input = dir.join("flawed-api-docs.json");
    let output = dir.join("flawed-spec.json");
    // One long line, as the vendor writes its metadata.
    let padding = format!("\"{}\"", "x".repeat(2000));
    let text = format!(
        r#"{{"info": {{"product": "Ess", "version": "2014-08-28", "note": {padding}}}, "apis": {{"DescribeThings": {{"responses": {{"200": {{"schema": {{"type": "object", "properties": {{"When": {{"type": "datetime"}}}}}}}}}}}}}}, "tail": {padding}}}"#
    );
    std::fs::write(&input, &text).unwrap();
    let _ = std::fs::remove_file(&output);
    let run = |strict: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ess"));
        command
            .args(["import", "meta"])
            .arg(&input)
            .arg("-o")
            .arg(&output);
        if strict {
            command.arg("--strict");
        }
        let out = command.output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let (status, stderr) = run(true);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(
        stderr.contains("1 notes, and --strict: nothing written"),
        "{stderr}"
    );
    assert!(
        !output.exists(),
        "a strict import with notes writes nothing"
    );

    let (status, stderr) = run(false);
    assert_eq!(status, Some(0), "{stderr}");
    let column = text.find("\"datetime\"").unwrap() + 1;
    let note = format!(
        "{}:1:{column}: DescribeThings.When: unknown type `datetime`: any value\n",
        input.display()
    );
    assert!(stderr.contains(&note), "missing {note:?} in\n{stderr}");
    // The excerpt: the text around the place, not the 4,000-character line.
    let excerpt = stderr.lines().find(|l| l.starts_with("    | ")).unwrap();
    assert!(excerpt.contains("{\"type\": \"datetime\"}"), "{excerpt}");
    assert!(excerpt.chars().count() < 200, "{excerpt}");
    assert!(output.exists());
}

/// Metadata of one operation of `style` that documents `Throttling` with a
/// status of its own, and a code of its own.
fn with_codes(style: &str) -> String {
    format!(
        r#"{{"info": {{"style": "{style}", "product": "Vpc", "version": "2016-04-28"}}, "apis": {{"DescribeThings": {{"responses": {{"200": {{"schema": {{"type": "object", "properties": {{"RequestId": {{"type": "string"}}}}}}}}}}, "errorCodes": {{"429": [{{"errorCode": "Throttling", "errorMessage": "Too many calls."}}], "400": [{{"errorCode": "Thing.Missing", "errorMessage": "No thing."}}]}}}}}}}}"#
    )
}

#[test]
fn the_vendors_common_codes_join_every_gateway_spec_unless_left_out() {
    use ess_cli::import::{from_meta, Options};
    let imported = from_meta(accepted(&with_codes("RPC")), None, &Options::default());
    let spec = imported.spec;
    assert_eq!(spec.common.len(), 14, "{:?}", spec.common);
    assert_eq!(spec.errors.len(), 15, "the 14 and Thing.Missing");
    for code in [
        "Throttling",
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId.NotFound",
    ] {
        assert!(spec.common.iter().any(|c| c == code), "{code}");
    }
    // The service-wide entry is the common table's; the operation keeps the
    // status its metadata gives, with its message.
    let throttling = spec.error("Throttling").unwrap();
    assert_eq!(throttling.status.get(), 400);
    assert_eq!(
        throttling.message,
        "Request was denied due to request throttling."
    );
    assert_eq!(throttling.retry, Some(ess_codegen::Retry::Throttling));
    let row = &spec
        .operation("DescribeThings")
        .unwrap()
        .code("Throttling")
        .unwrap()
        .rows[0];
    assert_eq!(row.status.get(), 429);
    assert_eq!(row.message.as_deref(), Some("Too many calls."));
    assert!(
        imported.summary.contains("14 common codes added"),
        "{}",
        imported.summary
    );

    // ROA and V3 pass the same gateway; OSS and FC do not.
    for (style, count) in [("ROA", 14), ("V3", 14), ("OSS", 0), ("FC", 0)] {
        let spec = from_meta(accepted(&with_codes(style)), None, &Options::default()).spec;
        assert_eq!(spec.common.len(), count, "{style}");
    }
    let left_out = Options {
        common_codes: false,
        ..Options::default()
    };
    let spec = from_meta(accepted(&with_codes("RPC")), None, &left_out).spec;
    assert!(spec.common.is_empty());
    let codes: Vec<&str> = spec.errors.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["Thing.Missing", "Throttling"]);
}
