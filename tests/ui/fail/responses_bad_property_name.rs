// A property name that cannot become a Rust field, without `field`.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "responses": {
    "DescribeRegions": { "properties": {
      "3DSupport": { "type": "boolean" },
      "区域": { "type": "string" }
    } }
  }
}"#)]
pub mod ess {}

fn main() {}
