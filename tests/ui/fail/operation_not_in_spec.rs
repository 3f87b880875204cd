// A per-operation enum for an operation the spec does not document, and
// `service_enum` without an operation.
#[ess_runtime::error_enum(spec = "../../../../spec/ess.json", operation = "CreateScalingGroups")]
pub enum CreateError {}

#[ess_runtime::error_enum(spec = "../../../../spec/common.json", service_enum = "EssError")]
pub enum CommonError {}

fn main() {}
