// Two distinct codes that the naming rule turns into one identifier.
#[ess_runtime::error_enum(spec_json = r#"{
  "errors": [
    { "code": "InvalidInstanceId.NotFound", "http_status": 404, "message": "The instance does not exist." },
    { "code": "InvalidInstanceId.NOT_FOUND", "http_status": 404, "message": "The instance does not exist." }
  ]
}"#)]
pub enum InstanceError {}

fn main() {}
