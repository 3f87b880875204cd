// A misspelt key whose value is an array: one error, with the key it
// likely meant, and nothing from the parser's insides.
#[ess_runtime::service(spec = "../../../../tests/ui/specs/common.json", operation = ["DescribeScalingGroups"])]
pub mod ess {}

fn main() {}
