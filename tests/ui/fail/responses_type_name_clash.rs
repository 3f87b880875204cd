// Two objects given one struct name.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "responses": {
    "DescribeRegions": { "properties": {
      "Current": { "type": "object", "type_name": "Region", "properties": {} },
      "Previous": { "type": "object", "type_name": "Region", "properties": {} }
    } }
  }
}"#)]
pub mod ess {}

fn main() {}
