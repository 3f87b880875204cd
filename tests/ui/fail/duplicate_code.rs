#[ess_runtime::error_enum(spec_json = r#"{
  "errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied." },
    { "code": "Throttling", "http_status": 429, "message": "Too many requests." }
  ]
}"#)]
pub enum CommonError {}

fn main() {}
