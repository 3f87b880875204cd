#[ess_runtime::error_enum(spec = "../../../../tests/ui/specs/common.json")]
pub enum CommonError {
    Throttling,
}

fn main() {}
