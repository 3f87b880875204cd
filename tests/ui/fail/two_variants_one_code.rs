#[derive(Debug, ess_runtime::EssError)]
#[ess(spec_json = r#"{ "errors": [
  { "code": "Throttling", "http_status": 400, "message": "Request was denied." }
] }"#)]
pub enum CommonError {
    Throttling,
    #[ess(code = "Throttling")]
    Throttled,
}

fn main() {}
