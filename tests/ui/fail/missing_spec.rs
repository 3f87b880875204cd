#[ess_runtime::error_enum]
pub enum CommonError {}

#[derive(ess_runtime::EssError)]
pub enum Derived {
    Throttling,
}

fn main() {}
