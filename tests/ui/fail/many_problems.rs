// Every problem of the spec is reported in one build, in file order.
#[ess_runtime::error_enum(spec_json = r#"{
  "servise": "Ess",
  "errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "later" },
    { "code": "Throttling", "http_status": 400, "message": "Again." },
    { "code": "Invalid.Parameter", "http_status": 400, "message": "Bad." },
    { "code": "InvalidParameter", "http_status": 600, "message": "Bad." },
    { "http_status": 400, "message": "No code." },
    "not an object"
  ]
}"#)]
pub enum CommonError {}

fn main() {}
