// A directory where the spec file should be.
#[ess_runtime::error_enum(spec = "../../../../tests/ui/specs")]
pub enum CommonError {}

fn main() {}
