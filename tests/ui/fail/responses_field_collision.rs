// Two properties that would become one field.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "responses": {
    "DescribeRegions": { "properties": {
      "VpcId": { "type": "string" },
      "Vpc.Id": { "type": "string" }
    } }
  }
}"#)]
pub mod ess {}

fn main() {}
