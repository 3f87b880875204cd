#[derive(ess_runtime::EssError)]
#[ess(spec = "spec/common.json")]
pub struct NotAnEnum {
    code: String,
}

fn main() {}
