//! The service macro on a spec written by hand, in a crate that denies every
//! warning and requires docs: a keyword field, a required field, a list
//! with and one without a wrapper, two objects whose names collide, a
//! renamed runtime, and `operations` choosing one operation.
#![deny(warnings, missing_docs)]

mod reexport {
    pub use ess_runtime as rt;
}

use reexport::rt::Operation;

/// A small service.
#[reexport::rt::service(crate = "crate::reexport::rt", operations = ["DescribeThings"], spec_json = r#"{
  "service": "Demo",
  "errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" },
    { "code": "Thing.NotFound", "http_status": 404, "message": "No such thing." }
  ],
  "common": ["Throttling"],
  "operations": { "DescribeThings": { "Thing.NotFound": 404 } },
  "responses": {
    "DescribeThings": {
      "description": { "en": "Lists the things." },
      "properties": {
        "RequestId": { "type": "string", "required": true },
        "Things": { "type": "array", "wrapper": "Thing", "items": { "type": "object", "properties": {
          "Type": { "type": "string" },
          "Tag": { "type": "object", "properties": { "Key": { "type": "string" } } },
          "Sizes": { "type": "array", "items": { "type": "integer", "format": "int32" } }
        } } },
        "Tag": { "type": "object", "properties": { "Value": { "type": "string" } } }
      }
    },
    "DeleteThing": { "properties": { "RequestId": { "type": "string" } } }
  }
}"#)]
pub mod demo {}

fn main() {
    use demo::describe_things::{DescribeThingsError, DescribeThingsResponse, DescribeThingsTag, Thing, ThingTag};

    assert_eq!(demo::DescribeThings::NAME, "DescribeThings");
    let body = br#"{"RequestId": "R1", "Things": {"Thing": [{"Type": "box", "Tag": {"Key": "k"}, "Sizes": [1, "2"]}]},
                    "Tag": {"Value": "v"}}"#;
    let ok = reexport::rt::decode_operation::<demo::DescribeThings>(200, None, body).unwrap();
    let expected = DescribeThingsResponse {
        request_id: "R1".into(),
        things: vec![Thing {
            r#type: Some("box".into()),
            tag: Some(ThingTag { key: Some("k".into()) }),
            sizes: vec![1, 2],
        }],
        tag: Some(DescribeThingsTag { value: Some("v".into()) }),
    };
    assert_eq!(ok.body, expected);
    let xml = reexport::rt::to_xml::<demo::DescribeThings>(&expected);
    assert_eq!(
        reexport::rt::decode_operation::<demo::DescribeThings>(200, None, xml.as_bytes()).unwrap().body,
        expected
    );
    let missing = reexport::rt::decode_operation::<demo::DescribeThings>(200, None, b"{}").unwrap_err();
    assert!(missing.to_string().contains("`DescribeThings`: missing field `RequestId`"), "{missing}");
    let error: demo::Error = DescribeThingsError::ThingNotFound.into();
    assert_eq!(error, demo::Error::ThingNotFound);
}
