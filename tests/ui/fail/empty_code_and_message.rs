#[ess_runtime::error_enum(spec_json = r#"{
  "errors": [
    { "code": "", "http_status": 400, "message": "Something." },
    { "code": "Throttling", "http_status": 400, "message": "" }
  ]
}"#)]
pub enum CommonError {}

fn main() {}
