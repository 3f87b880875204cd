#[ess_runtime::error_enum(spec = "/etc/ess/common.json")]
pub enum CommonError {}

fn main() {}
