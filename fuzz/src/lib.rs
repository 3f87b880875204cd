//! What the fuzz targets share: a response type in the vendor's shapes,
//! and writers that put a decoded value or API error back into either
//! format, so that what was read from one format can be read again from the
//! other.

use ess_runtime::{decode, ApiError, Error, Success};
use serde::Deserialize;
use serde_json::{json, Value};

/// The common error codes.
#[ess_runtime::error_enum(spec_json = r#"{ "errors": [
    { "code": "Throttling", "http_status": 400, "message": "Request was denied due to request throttling.", "retry": "throttling" },
    { "code": "InvalidParameter", "http_status": 400, "message": "The specified value of parameter <parameter name> is not valid." },
    { "code": "InternalError", "http_status": 500, "message": "The request processing has failed.", "retry": "transient" }
] }"#)]
pub enum FuzzError {}

/// A response with the shapes that differ between the formats: a list
/// wrapper of objects, a list wrapper of scalars, a lenient number.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Response {
    #[serde(default)]
    pub name: String,
    #[serde(default, with = "ess_runtime::lenient")]
    pub count: Option<u32>,
    #[serde(default, with = "ess_runtime::list")]
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Item {
    #[serde(default)]
    pub id: String,
    #[serde(default, with = "ess_runtime::list")]
    pub tags: Vec<String>,
}

/// Decodes `body` with the status and content type the input chose.
pub fn decode_as<T: for<'de> Deserialize<'de>>(status: u16, content_type: &str, body: &[u8]) -> Result<Success<T>, Error<FuzzError>> {
    decode::<T, FuzzError>(status, Some(content_type), body)
}

/// Text that reads back the same from XML (which trims) and JSON.
fn portable(text: &str) -> bool {
    text.trim() == text && !text.chars().any(|c| c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `response` in the vendor's XML shape, or `None` if its text would not
/// survive XML unchanged.
pub fn to_xml(response: &Response, request_id: &str) -> Option<String> {
    let strings = std::iter::once(&response.name)
        .chain(response.items.iter().map(|i| &i.id))
        .chain(response.items.iter().flat_map(|i| &i.tags));
    if !strings.into_iter().all(|s| portable(s)) || !portable(request_id) {
        return None;
    }
    let mut xml = format!("<Response><RequestId>{}</RequestId><Name>{}</Name>", escape_xml(request_id), escape_xml(&response.name));
    if let Some(count) = response.count {
        xml.push_str(&format!("<Count>{count}</Count>"));
    }
    xml.push_str("<Items>");
    for item in &response.items {
        xml.push_str(&format!("<Item><Id>{}</Id><Tags>", escape_xml(&item.id)));
        for tag in &item.tags {
            xml.push_str(&format!("<Tag>{}</Tag>", escape_xml(tag)));
        }
        xml.push_str("</Tags></Item>");
    }
    xml.push_str("</Items></Response>");
    Some(xml)
}

/// `response` in the vendor's JSON shape.
pub fn to_json(response: &Response, request_id: &str) -> String {
    let items: Vec<Value> = response
        .items
        .iter()
        .map(|i| json!({"Id": i.id, "Tags": {"Tag": i.tags}}))
        .collect();
    json!({
        "RequestId": request_id,
        "Name": response.name,
        "Count": response.count,
        "Items": {"Item": items},
    })
    .to_string()
}

/// `e` as the vendor's JSON error body.
pub fn error_to_json(e: &ApiError<FuzzError>) -> String {
    let mut body = serde_json::Map::new();
    body.insert("Code".into(), e.code().as_str().into());
    body.insert("Message".into(), e.message().into());
    for (key, text) in [("RequestId", e.request_id()), ("HostId", e.host_id()), ("Recommend", e.recommend())] {
        if let Some(text) = text {
            body.insert(key.into(), text.into());
        }
    }
    if let Some(detail) = e.access_denied_detail() {
        body.insert("AccessDeniedDetail".into(), detail.clone());
    }
    Value::Object(body).to_string()
}

/// `e` as the vendor's XML error body, or `None` if its text would not
/// survive XML unchanged or it has an `AccessDeniedDetail` (whose values XML
/// makes text).
pub fn error_to_xml(e: &ApiError<FuzzError>) -> Option<String> {
    if e.access_denied_detail().is_some() {
        return None;
    }
    let fields = [
        ("Code", Some(e.code().as_str())),
        ("Message", Some(e.message())),
        ("RequestId", e.request_id()),
        ("HostId", e.host_id()),
        ("Recommend", e.recommend()),
    ];
    let mut xml = String::from("<Error>");
    for (name, text) in fields {
        if let Some(text) = text {
            if !portable(text) {
                return None;
            }
            xml.push_str(&format!("<{name}>{}</{name}>", escape_xml(text)));
        }
    }
    xml.push_str("</Error>");
    Some(xml)
}

/// The checks both targets make on one input read as `content_type`.
pub fn check(data: &[u8], content_type: &str) {
    let Some((&status_byte, body)) = data.split_first() else {
        return;
    };
    let status = if status_byte % 2 == 0 { 200 } else { 400 + u16::from(status_byte % 200) };
    // Never a panic, whatever the body and the target type.
    let _ = decode_as::<Value>(status, content_type, body);
    let _ = decode_as::<Response>(status, content_type, body);
    let _ = decode_as::<Response>(200, content_type, body);

    // Where a body is an API error, the same error written in either format
    // decodes to the same error.
    if let Err(Error::Api(e)) = decode_as::<Response>(status, content_type, body) {
        let json = error_to_json(&e);
        let bodies = [(Some(json), "application/json"), (error_to_xml(&e), "application/xml")];
        for (written, format) in bodies {
            let Some(written) = written else { continue };
            match decode_as::<Response>(e.status(), format, written.as_bytes()) {
                Err(Error::Api(again)) => assert_eq!(again, e, "{written}"),
                other => panic!("the error written as {format} reads as {other:?}\n{written}"),
            }
        }
    }

    // Where a body decodes, the same value written in the other format
    // decodes to the same value.
    if let Ok(Success { request_id, body: response }) = decode_as::<Response>(200, content_type, body) {
        let request_id = request_id.unwrap_or_default();
        let json = to_json(&response, &request_id);
        let from_json = decode_as::<Response>(200, "application/json", json.as_bytes())
            .unwrap_or_else(|e| panic!("re-encoded JSON does not decode: {e}\n{json}"));
        assert_eq!(from_json.body, response, "{json}");
        if let Some(xml) = to_xml(&response, &request_id) {
            let from_xml = decode_as::<Response>(200, "application/xml", xml.as_bytes())
                .unwrap_or_else(|e| panic!("re-encoded XML does not decode: {e}\n{xml}"));
            assert_eq!(from_xml.body, response, "{xml}");
            assert_eq!(from_xml.request_id.unwrap_or_default(), request_id);
        }
    }
}

/// Splits a fuzz input: its first byte picks the status (200, or an error
/// status), the declared format and one of eight operations (`pick`), the
/// rest is the body.
fn split(data: &[u8]) -> Option<(u16, &'static str, u8, &[u8])> {
    let (&selector, body) = data.split_first()?;
    let status = if selector & 0x10 == 0 { 200 } else { 400 + u16::from(selector % 100) };
    let content_type = if selector & 0x08 == 0 { "application/json" } else { "text/xml" };
    Some((status, content_type, selector & 0x07, body))
}

/// Decodes `body` as a response of `O`; where it decodes, the value
/// written as JSON reads back the same, and written as XML reads back the
/// same (`exact`) or, for types that hold free-form values, which XML keeps
/// as text, to a value that writes the same XML.
fn check_as<O: ess_runtime::Operation>(status: u16, content_type: &str, body: &[u8], exact: bool) {
    use ess_runtime::{decode_operation, to_xml, Error, Success};
    let _ = decode_operation::<O>(status, None, body);
    let Ok(Success { body: decoded, .. }) = decode_operation::<O>(status, Some(content_type), body) else {
        return;
    };
    let json = serde_json::to_string(&decoded).expect("a generated body serializes");
    match decode_operation::<O>(200, Some("application/json"), json.as_bytes()) {
        Ok(again) => assert_eq!(again.body, decoded, "{json}"),
        Err(e) => panic!("{} written as JSON does not read back: {e}\n{json}", O::NAME),
    }
    let xml = to_xml::<O>(&decoded);
    match decode_operation::<O>(200, Some("application/xml"), xml.as_bytes()) {
        Ok(again) if exact => assert_eq!(again.body, decoded, "{xml}"),
        Ok(again) => assert_eq!(to_xml::<O>(&again.body), xml),
        Err(Error::Body(e)) => panic!("{} written as XML does not read back: {e}\n{xml}", O::NAME),
        Err(e) => panic!("{} written as XML reads as an error: {e}\n{xml}", O::NAME),
    }
}

/// The operations the service target reads bodies as: the eight deepest
/// response trees of the generated ESS service, which between them hold
/// every shape its schemas use (wrapped and bare lists, lists of scalars,
/// nested objects, numbers, booleans).
pub mod service {
    use ess_spec::ess;

    /// Decodes `data` as a response of one of the eight operations; where
    /// the body decodes, the value written as JSON and as XML reads back
    /// the same.
    pub fn check(data: &[u8]) {
        let Some((status, content_type, pick, body)) = super::split(data) else {
            return;
        };
        let check = match pick {
            0 => super::check_as::<ess::DescribeEciScalingConfigurations>,
            1 => super::check_as::<ess::DescribeScalingConfigurations>,
            2 => super::check_as::<ess::DescribeScalingGroups>,
            3 => super::check_as::<ess::DescribeScalingRules>,
            4 => super::check_as::<ess::DescribeScalingActivities>,
            5 => super::check_as::<ess::DescribeAlarms>,
            6 => super::check_as::<ess::DescribeScalingInstances>,
            _ => super::check_as::<ess::DescribeLifecycleActions>,
        };
        check(status, content_type, body, true);
    }
}

/// The catalogue target: bodies as operations of the catalogue's cuts whose
/// types hold the shapes ESS has none of (maps, maps of maps, free-form
/// values, lists of lists, components, bodies that are lists and maps).
pub mod catalogue {
    use ess_spec::catalogue::{airticketopen, cs, devops, eiam_developerapi, fc, hbr, pairecservice};

    /// Decodes `data` as one of eight operations; where the body decodes,
    /// the value written as JSON reads back the same, and written as XML
    /// reads back to a value that writes the same XML.
    pub fn check(data: &[u8]) {
        let Some((status, content_type, pick, body)) = super::split(data) else {
            return;
        };
        let check = match pick {
            0 => super::check_as::<cs::DescribeClusterAddonsVersion>,
            1 => super::check_as::<cs::DescribeUserClusterNamespaces>,
            2 => super::check_as::<devops::GetPipelineRun>,
            3 => super::check_as::<eiam_developerapi::GetUserInfo>,
            4 => super::check_as::<fc::ListFunctions>,
            5 => super::check_as::<airticketopen::Search>,
            6 => super::check_as::<pairecservice::ReportABMetricGroup>,
            _ => super::check_as::<hbr::DescribeBackupJobs2>,
        };
        check(status, content_type, body, false);
    }
}
