// A trailing comma in the spec file.
#[ess_runtime::error_enum(spec = "../../../../tests/ui/specs/trailing_comma.json")]
pub enum CommonError {}

fn main() {}
