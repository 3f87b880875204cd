// Every mistake of a request, reported at once.
#[ess_runtime::service(spec_json = r#"{
  "errors": [],
  "endpoints": { "cn-hangzhou": "https://ess.aliyuncs.com" },
  "responses": {
    "DeleteCluster": { "properties": {} },
    "DeleteClusterRequest": { "properties": {} },
    "DescribeNodes": { "properties": {} }
  },
  "requests": {
    "DeleteCluster": {
      "methods": ["DELETE", "remove"],
      "path": "clusters/{ClusterId}",
      "parameters": {
        "ClusterId": { "type": "string", "in": "path", "required": true },
        "Retain": { "type": "boolean", "in": "querry" },
        "Flags": { "type": "array", "items": { "type": "string" }, "style": "jason" },
        "Options": { "type": "object", "in": "body", "style": "json" },
        "Other": { "type": "object", "in": "body" },
        "Names": { "type": "array", "items": { "type": "string" }, "max_items": 2.5, "minimum": "1" },
        "Disk": { "type": "object", "properties": {
          "Size": { "type": "integer", "maximum": "big", "in": "query" },
          "Categories": { "type": "array", "items": { "type": "string" }, "max_items": -1 }
        } }
      }
    },
    "DescribeNodes": {
      "path": "/nodes",
      "parameters": { "NodeId": { "type": "string", "in": "path" } }
    }
  }
}"#)]
pub mod ess {}

fn main() {}
