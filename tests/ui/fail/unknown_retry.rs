#[ess_runtime::error_enum(spec_json = r#"{
  "errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "sometimes" }
  ]
}"#)]
pub enum CommonError {}

fn main() {}
