#[derive(Debug, ess_runtime::EssError)]
#[ess(spec_json = r#"{ "errors": [
  { "code": "Throttling", "http_status": 400, "message": "Request was denied." },
  { "code": "Forbidden.RiskControl", "http_status": 403, "message": "Forbidden by risk control." }
] }"#, subset)]
pub enum CommonError {
    Throttling,
    ForbiddenRiskControll,
    #[ess(code = "Forbidden.RiskControl ")]
    RiskControl,
}

fn main() {}
