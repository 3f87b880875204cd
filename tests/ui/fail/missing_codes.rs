// The derived enum lacks codes of the spec and does not say `subset`.
#[derive(Debug, ess_runtime::EssError)]
#[ess(spec = "../../../../tests/ui/specs/common.json")]
pub enum CommonError {
    Throttling,
    InternalError,
}

fn main() {}
