// What components, references and maps get wrong, all reported at once: a
// `ref` to a component the spec lacks (with the closest name), a `ref`
// with a type beside it, a map without `values`, a component that is not
// an object, and two components one struct name.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "components": {
    "Instance": { "properties": { "Id": { "type": "string" } } },
    "instance": { "properties": { "Name": { "type": "string" } } },
    "Ids": { "type": "array", "items": { "type": "string" } }
  },
  "responses": {
    "DescribeThings": { "properties": {
      "First": { "ref": "Instanse" },
      "Second": { "ref": "Instance", "type": "object" },
      "Labels": { "type": "map" }
    } }
  }
}"#)]
pub mod ess {}

fn main() {}
