//! Every shape a record's table can describe, read and written through the
//! one interpreter in both formats and through serde's own traits: the
//! tests that exercise the `unsafe` of `record/place.rs`, which `.ci/run`
//! also runs under Miri.

use ess_runtime::{decode_operation, to_xml, BodyErrorKind, Value};

#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "components": {
    "Node": { "type": "object", "properties": {
      "Name": { "type": "string", "required": true },
      "Parent": { "ref": "Node" },
      "Children": { "type": "array", "wrapper": "Node", "items": { "ref": "Node" } }
    } }
  },
  "responses": {
    "DescribeAll": { "type": "object", "properties": {
      "RequestId": { "type": "string" },
      "Text": { "type": "string" },
      "Count": { "type": "integer", "format": "int32" },
      "Big": { "type": "integer", "format": "int64" },
      "Ratio": { "type": "number" },
      "Flag": { "type": "boolean" },
      "Always": { "type": "string", "required": true },
      "Number": { "type": "integer", "format": "int32", "required": true },
      "Inner": { "type": "object", "properties": { "Key": { "type": "string" }, "Value": { "type": "integer", "format": "int64" } } },
      "Held": { "type": "object", "required": true, "properties": { "Note": { "type": "string" } } },
      "Tree": { "ref": "Node" },
      "Groups": { "type": "array", "wrapper": "Group", "items": { "type": "object", "properties": { "Id": { "type": "string" } } } },
      "Names": { "type": "array", "wrapper": "Name", "items": { "type": "string" } },
      "Sizes": { "type": "array", "items": { "type": "integer", "format": "int32" } },
      "Grid": { "type": "array", "items": { "type": "array", "items": { "type": "number" } } },
      "Labels": { "type": "map", "values": { "type": "string" } },
      "Lists": { "type": "map", "values": { "type": "array", "items": { "type": "boolean" } } },
      "Records": { "type": "map", "values": { "type": "object", "properties": { "Id": { "type": "string" } } } },
      "Maps": { "type": "array", "items": { "type": "map", "values": { "type": "integer", "format": "int64" } } },
      "Extra": { "type": "any" },
      "Anys": { "type": "array", "items": { "type": "any" } }
    } },
    "DeleteThing": { "type": "object", "properties": { "RequestId": { "type": "string" } } },
    "GetNeeded": { "type": "object", "properties": { "Needed": { "type": "string", "required": true } } }
  }
}"#)]
mod shapes {}

use shapes::describe_all::DescribeAllResponse;

const JSON: &str = r#"{
  "RequestId": "R1", "Text": "insert ", "Count": "7", "Big": 9007199254740993, "Ratio": 0.5,
  "Flag": "true", "Always": "a", "Number": 3,
  "Inner": {"Key": "k", "Value": 2}, "Held": {"Note": "n"},
  "Tree": {"Name": "a", "Parent": {"Name": "root"}, "Children": {"Node": [{"Name": "b"}, {"Name": "c"}]}},
  "Groups": {"Group": [{"Id": "g1"}, {"Id": "g2"}]},
  "Names": {"Name": "only"},
  "Sizes": [1, "2", 3],
  "Grid": [[1.5, 2], [], [3]],
  "Labels": {"b": "2", "a": "1"},
  "Lists": {"x": [true, false], "y": []},
  "Records": {"r": {"Id": "i"}},
  "Maps": [{"one": 1}, {}],
  "Extra": {"deep": [1, null]},
  "Anys": [1, "two", {"three": 3}],
  "Unknown": {"skipped": [1, 2, 3]}
}"#;

fn decoded() -> DescribeAllResponse {
    decode_operation::<shapes::DescribeAll>(200, None, JSON.as_bytes())
        .unwrap()
        .body
}

#[test]
fn every_shape_reads_from_json() {
    let body = decoded();
    assert_eq!(body.request_id.as_deref(), Some("R1"));
    assert_eq!(body.text.as_deref(), Some("insert "));
    assert_eq!(body.count, Some(7));
    assert_eq!(body.big, Some(9_007_199_254_740_993));
    assert_eq!(body.ratio, Some(0.5));
    assert_eq!(body.flag, Some(true));
    assert_eq!((body.always.as_str(), body.number), ("a", 3));
    let inner = body.inner.as_ref().unwrap();
    assert_eq!((inner.key.as_deref(), inner.value), (Some("k"), Some(2)));
    assert_eq!(body.held.note.as_deref(), Some("n"));
    let tree = body.tree.as_ref().unwrap();
    assert_eq!(tree.name, "a");
    assert_eq!(tree.parent.as_ref().unwrap().name, "root");
    let children: Vec<&str> = tree.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(children, ["b", "c"]);
    let groups: Vec<_> = body.groups.iter().map(|g| g.id.as_deref()).collect();
    assert_eq!(groups, [Some("g1"), Some("g2")]);
    assert_eq!(body.names, ["only"]);
    assert_eq!(body.sizes, [1, 2, 3]);
    assert_eq!(body.grid, [vec![1.5, 2.0], vec![], vec![3.0]]);
    assert_eq!(body.labels.keys().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(body.lists["x"], [true, false]);
    assert!(body.lists["y"].is_empty());
    assert_eq!(body.records["r"].id.as_deref(), Some("i"));
    assert_eq!(body.maps[0]["one"], 1);
    assert!(body.maps[1].is_empty());
    assert_eq!(body.extra["deep"], serde_json::json!([1, null]));
    assert_eq!(body.anys[2]["three"], 3);
}

#[test]
fn every_shape_round_trips_through_xml() {
    let body = decoded();
    let xml = to_xml::<shapes::DescribeAll>(&body);
    let back = decode_operation::<shapes::DescribeAll>(200, None, xml.as_bytes())
        .unwrap()
        .body;
    // XML keeps text: what was a number or boolean of a free-form value
    // comes back as its text (and a `null` is no element); everything
    // typed comes back the same.
    assert_eq!(back.extra["deep"], "1");
    assert_eq!(back.anys[0], "1");
    let typed = |mut b: DescribeAllResponse| {
        b.extra = Value::Null;
        b.anys.clear();
        b
    };
    assert_eq!(typed(back), typed(body));
}

#[test]
fn serde_reads_and_writes_through_the_same_tables() {
    let body = decoded();
    // Serialize, then Deserialize from a `serde_json::Value` (another
    // deserializer than the decoder's) and from text.
    let value = serde_json::to_value(&body).unwrap();
    assert_eq!(
        value["Groups"],
        serde_json::json!({"Group": [{"Id": "g1"}, {"Id": "g2"}]})
    );
    assert!(value.get("Unknown").is_none());
    let from_value: DescribeAllResponse = serde_json::from_value(value).unwrap();
    assert_eq!(from_value, body);
    let text = serde_json::to_string(&body).unwrap();
    let from_text: DescribeAllResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(from_text, body);
    // A clone is deep, and both drop cleanly.
    let clone = body.clone();
    drop(body);
    assert_eq!(clone.tree.unwrap().children.len(), 2);
}

#[test]
fn a_missing_required_field_names_its_path() {
    let e = decode_operation::<shapes::DescribeAll>(200, None, br#"{"Always": "a", "Held": {}}"#)
        .unwrap_err();
    assert!(e.to_string().contains("missing field `Number`"), "{e}");
    let e = decode_operation::<shapes::DescribeAll>(
        200,
        None,
        br#"{"Always": "a", "Number": 1, "Held": {}, "Tree": {"Parent": {}}}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("missing field `Name`"), "{e}");
}

#[test]
fn a_value_that_fits_nothing_is_a_shape_error_naming_the_field() {
    let body = br#"{"Always": "a", "Number": "three", "Held": {}}"#;
    let e = decode_operation::<shapes::DescribeAll>(200, None, body).unwrap_err();
    assert_eq!(
        e.body().map(|b| b.kind()),
        Some(BodyErrorKind::Shape),
        "{e}"
    );
    assert!(e.to_string().contains("DescribeAll.Number"), "{e}");
    let body = b"<R><Always>a</Always><Number>3</Number><Held/><Sizes>x</Sizes></R>";
    let e = decode_operation::<shapes::DescribeAll>(200, None, body).unwrap_err();
    assert!(e.to_string().contains("DescribeAll.Sizes"), "{e}");
}

/// A 2xx answer with nothing in it (ROA deletes answer `202` so) is the
/// operation's empty response, unless the schema requires a field.
#[test]
fn an_empty_success_body_is_the_empty_response() {
    for body in [&b""[..], b"  \r\n", b"\xEF\xBB\xBF"] {
        let ok = decode_operation::<shapes::DeleteThing>(202, None, body).unwrap();
        assert_eq!(ok.body, Default::default());
        assert_eq!(ok.request_id, None);
    }
    let e = decode_operation::<shapes::GetNeeded>(200, None, b"").unwrap_err();
    assert_eq!(
        e.body().map(|b| b.kind()),
        Some(BodyErrorKind::Shape),
        "{e}"
    );
    assert!(e.to_string().contains("missing field `Needed`"), "{e}");
    // An error status with nothing is still an error.
    let e = decode_operation::<shapes::DeleteThing>(503, None, b"").unwrap_err();
    assert_eq!(
        e.body().map(|b| b.kind()),
        Some(BodyErrorKind::Empty),
        "{e}"
    );
}

/// A field the schema calls a string that arrives as a list or an object
/// keeps its JSON text: nothing is lost, and the rest of the body decodes.
/// In XML, an element of elements where a string belongs is the same JSON
/// text of the value those elements read as.
#[test]
fn a_string_field_given_a_list_or_an_object_keeps_its_json_text() {
    let json = br#"{"Text": {"a": [1, "b"]}, "Always": ["x", 2], "Number": 1, "Held": {}}"#;
    let body = decode_operation::<shapes::DescribeAll>(200, None, json)
        .unwrap()
        .body;
    assert_eq!(body.text.as_deref(), Some(r#"{"a":[1,"b"]}"#));
    assert_eq!(body.always, r#"["x",2]"#);
    let xml = b"<R><Text><a>1</a><a>b</a></Text><Always>x</Always><Number>1</Number><Held/></R>";
    let body = decode_operation::<shapes::DescribeAll>(200, None, xml)
        .unwrap()
        .body;
    assert_eq!(body.text.as_deref(), Some(r#"{"a":["1","b"]}"#));
    // A list's string items are no fields: an object there is an error.
    let json = br#"{"Always": "a", "Number": 1, "Held": {}, "Names": {"Name": [{"x": 1}]}}"#;
    assert!(decode_operation::<shapes::DescribeAll>(200, None, json).is_err());
}

/// A leaf's text is kept as it is in XML, as a JSON string keeps it, so
/// that both formats give the same value; white space is layout only
/// between elements.
#[test]
fn a_leafs_text_is_kept_as_it_is_in_both_formats() {
    let json =
        br#"{"RequestId": " R1", "Text": "insert ", "Always": "a", "Number": 1, "Held": {}}"#;
    let xml =
        b"<R>\n  <RequestId> R1</RequestId>\n  <Text>insert </Text>\n  <Always>a</Always>\n  \
                <Number> 1 </Number>\n  <Held>\n  </Held>\n</R>";
    let from_json = decode_operation::<shapes::DescribeAll>(200, None, json).unwrap();
    let from_xml = decode_operation::<shapes::DescribeAll>(200, None, xml).unwrap();
    assert_eq!(from_json.body, from_xml.body);
    assert_eq!(from_xml.body.text.as_deref(), Some("insert "));
    assert_eq!(from_xml.request_id.as_deref(), Some(" R1"));
    assert_eq!(from_xml.body.number, 1);
}
