// A list that does not say what it holds.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "responses": {
    "DescribeRegions": { "properties": {
      "Regions": { "type": "array", "wrapper": "Region" }
    } }
  }
}"#)]
pub mod ess {}

fn main() {}
