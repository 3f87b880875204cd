#[ess_runtime::error_enum(spec = "../../../../tests/ui/specs/common.json", sepc = "spec/common.json", non_exhaustive)]
pub enum CommonError {}

#[derive(ess_runtime::EssError)]
#[ess(spec_json = r#"{"errors": []}"#, subset, rename_all = "snake_case")]
pub enum Derived {}

fn main() {}
