#[derive(Debug, ess_runtime::EssError)]
#[ess(spec_json = r#"{ "errors": [
  { "code": "Throttling", "http_status": 400, "message": "Request was denied." },
  { "code": "InvalidParameter", "http_status": 400, "message": "Bad <parameter name>." }
] }"#)]
pub enum CommonError {
    Throttling(u32),
    InvalidParameter { name: String },
}

fn main() {}
