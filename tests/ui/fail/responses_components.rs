// What components, references and maps get wrong, all reported at once: a
// `ref` to a component the spec lacks (with the closest name), a `ref`
// with a type beside it, a map without `values`, a component that is not
// an object, two components one struct name, a component that requires
// itself, and a wrapper on a list that is not a property's.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "components": {
    "Instance": { "properties": { "Id": { "type": "string" } } },
    "instance": { "properties": { "Name": { "type": "string" } } },
    "Ids": { "type": "array", "items": { "type": "string" } },
    "Node": { "properties": { "Parent": { "ref": "Node", "required": true } } }
  },
  "responses": {
    "DescribeThings": { "properties": {
      "First": { "ref": "Instanse" },
      "Second": { "ref": "Instance", "type": "object" },
      "Labels": { "type": "map" },
      "Grid": { "type": "array", "items": { "type": "array", "wrapper": "Row", "items": { "type": "string" } } }
    } }
  }
}"#)]
pub mod ess {}

fn main() {}
