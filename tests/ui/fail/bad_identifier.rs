// Codes that cannot become Rust names without a `variant`.
#[ess_runtime::error_enum(spec_json = r#"{
  "errors": [
    { "code": "404.NotFound", "http_status": 404, "message": "Not found." },
    { "code": "Invalid Id", "http_status": 400, "message": "The id is not valid." },
    { "code": "参数错误", "http_status": 400, "message": "Bad parameter." }
  ]
}"#)]
pub enum OddError {}

fn main() {}
