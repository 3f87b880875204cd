// Every shape a response can take, under the lints a user may deny
// (`unsafe_code` too: the tables' `unsafe impl`s allow it themselves):
// components (one of them holding itself), maps, any values, lists of
// lists, and bodies that are a list, a string, a map, any value, a
// component and a file.
#![deny(warnings, missing_docs, clippy::all, unsafe_code)]
//! The crate.

use ess_runtime::{decode_operation, to_xml, Operation, Value};

/// The service.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "components": {
    "Node": { "properties": {
      "Name": { "type": "string" },
      "Parent": { "ref": "Node" },
      "Children": { "type": "array", "items": { "ref": "Node" } }
    } }
  },
  "responses": {
    "GetTree": { "ref": "Node" },
    "ListNames": { "type": "array", "items": { "type": "string" } },
    "GetPolicy": { "type": "string" },
    "GetFile": { "type": "string", "format": "binary" },
    "GetLabels": { "type": "map", "values": { "type": "string" } },
    "GetAnything": { "type": "any" },
    "DescribeNamed": { "type_name": "Named", "properties": { "Count": { "type": "integer" } } },
    "DescribeShapes": { "properties": {
      "Boxes": { "type": "array", "items": { "type": "array", "items": { "type": "integer", "format": "int32" } } },
      "Labels": { "type": "map", "values": { "type": "array", "items": { "type": "string" } } },
      "Extra": { "type": "any" },
      "Root": { "ref": "Node" }
    } }
  }
}"#)]
pub mod shapes {}

fn main() {
    let tree = decode_operation::<shapes::GetTree>(
        200,
        None,
        br#"{"Name": "a", "Parent": {"Name": "root"}, "Children": [{"Name": "b"}]}"#,
    )
    .unwrap()
    .body;
    let parent: &shapes::components::Node = tree.parent.as_deref().unwrap();
    assert_eq!(parent.name.as_deref(), Some("root"));
    assert_eq!(tree.children[0].name.as_deref(), Some("b"));

    let names: shapes::list_names::ListNamesResponse =
        decode_operation::<shapes::ListNames>(200, None, br#"["x", "y"]"#).unwrap().body;
    assert_eq!(names, ["x", "y"]);
    let policy: String = decode_operation::<shapes::GetPolicy>(200, None, br#"{"Version": "1"}"#)
        .unwrap()
        .body;
    assert_eq!(policy, r#"{"Version": "1"}"#);
    let file: Vec<u8> = decode_operation::<shapes::GetFile>(200, None, b"\x89PNG").unwrap().body;
    assert_eq!(file, b"\x89PNG");
    let labels = decode_operation::<shapes::GetLabels>(200, None, br#"{"b": "2", "a": "1"}"#)
        .unwrap()
        .body;
    assert_eq!(labels.keys().collect::<Vec<_>>(), ["a", "b"]);
    let anything: Value = decode_operation::<shapes::GetAnything>(200, None, b"[1, {\"k\": null}]")
        .unwrap()
        .body;
    assert_eq!(anything[1]["k"], Value::Null);

    let xml = b"<DescribeShapesResponse><Boxes><Boxes>1</Boxes><Boxes>2</Boxes></Boxes>\
                <Labels><env>prod</env><env>test</env></Labels><Extra><Deep>x</Deep></Extra>\
                <Root><Name>r</Name></Root></DescribeShapesResponse>";
    let shapes_body = decode_operation::<shapes::DescribeShapes>(200, None, xml).unwrap().body;
    assert_eq!(shapes_body.boxes, [vec![1, 2]]);
    assert_eq!(shapes_body.labels["env"], ["prod", "test"]);
    assert_eq!(shapes_body.extra["Deep"], "x");
    let again = to_xml::<shapes::DescribeShapes>(&shapes_body);
    assert_eq!(
        decode_operation::<shapes::DescribeShapes>(200, None, again.as_bytes()).unwrap().body,
        shapes_body
    );
    assert_eq!(<shapes::DescribeShapes as Operation>::NAME, "DescribeShapes");
    // A body named by the spec is its struct.
    let named: shapes::describe_named::Named =
        decode_operation::<shapes::DescribeNamed>(200, None, br#"{"Count": 3}"#).unwrap().body;
    assert_eq!(named.count, Some(3));
}
