#[ess_runtime::error_enum(spec_json = r#"{
  "errors": [
    { "code": "Ok", "http_status": 200, "message": "Not an error." }
  ]
}"#)]
pub enum CommonError {}

fn main() {}
