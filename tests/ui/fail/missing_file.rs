#[ess_runtime::error_enum(spec = "spec/does-not-exist.json")]
pub enum CommonError {}

fn main() {}
