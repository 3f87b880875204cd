#[ess_runtime::error_enum(spec_json = r#"{
  "errors": [
    { "code": "InvalidParam.pageNumber", "http_status": 400, "message": "Bad page.",
      "variant": "invalid_param_page_number" },
    { "code": "Self", "http_status": 400, "message": "Odd.", "variant": "Self" }
  ]
}"#)]
pub enum ParamError {}

fn main() {}
