// A spec path built with a macro: attribute values must be plain literals.
#[ess_runtime::error_enum(spec = concat!("spec/", "common.json"))]
pub enum CommonError {}

fn main() {}
