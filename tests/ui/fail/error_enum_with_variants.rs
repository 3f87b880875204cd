#[ess_runtime::error_enum(spec = "../../../../spec/common.json")]
pub enum CommonError {
    Throttling,
}

fn main() {}
