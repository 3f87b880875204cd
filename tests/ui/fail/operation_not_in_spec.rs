// A per-operation enum for an operation the spec does not document, and
// `service_enum` without an operation.
#[ess_runtime::error_enum(operation = "CreateScalingGroups", spec_json = r#"{
  "errors": [{ "code": "InvalidDBInstanceId.NotFound", "http_status": 400, "message": "No such DB instance." }],
  "operations": { "CreateScalingGroup": { "InvalidDBInstanceId.NotFound": 404 } }
}"#)]
pub enum CreateError {}

#[ess_runtime::error_enum(spec = "../../../../tests/ui/specs/common.json", service_enum = "EssError")]
pub enum CommonError {}

fn main() {}
