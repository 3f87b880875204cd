#[ess_runtime::error_enum(spec_json = r#"{
  "errors": [
    { "code": "Throttling", "http_status": "400", "message": "Request was denied." }
  ]
}"#)]
pub enum CommonError {}

fn main() {}
