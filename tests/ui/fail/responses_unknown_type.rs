// A property whose type is misspelled.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "responses": {
    "DescribeRegions": { "properties": {
      "RequestId": { "type": "string" },
      "TotalCount": { "type": "integr", "format": "int32" }
    } }
  }
}"#)]
pub mod ess {}

fn main() {}
