// Every problem of a response tree is reported in the same build, each at
// its place.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "responses": {
    "DescribeRegions": { "properties": {
      "Regions": { "type": "array", "wrapper": "Region", "items": { "type": "object", "properties": {
        "RegionId": { "type": "string", "required": "yes" },
        "LocalName": { "type": "string", "sizE": 3 },
        "Zones": { "type": "array", "items": { "type": "array", "items": { "type": "string" } } },
        "Count": { "type": "integer", "format": "int16" }
      } } }
    } },
    "describe-regions": { "properties": {} }
  }
}"#)]
pub mod ess {}

fn main() {}
