// `operations` names an operation the spec has no response for, and one
// twice.
#[ess_runtime::service(operations = ["DescribeRegion", "DescribeRegions", "DescribeRegions"], spec_json = r#"{
  "errors": [],
  "responses": {
    "DescribeRegions": { "properties": { "RequestId": { "type": "string" } } }
  }
}"#)]
pub mod ess {}

fn main() {}
