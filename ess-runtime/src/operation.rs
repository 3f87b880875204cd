//! Operations whose response types a spec's `responses` generates: the
//! marker types of `#[service]` implement [`Operation`], their response
//! types [`Body`], and [`decode_operation`] reads a response into them from
//! either format.

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::field::Record;
use crate::xml::write::XmlWriter;
use crate::{Decoder, Error, ErrorCode, Success};

/// One operation of a service, as `#[service]` generates it: a unit
/// struct named after the action, with its response type and the error
/// enum of what it can return.
///
/// ```
/// # #[ess_runtime::service(spec_json = r#"{ "errors": [
/// #   { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" } ],
/// #   "common": ["Throttling"],
/// #   "responses": { "DeleteScalingGroup": { "properties": { "RequestId": { "type": "string" } } } } }"#)]
/// # pub mod ess {}
/// use ess_runtime::Operation;
///
/// assert_eq!(ess::DeleteScalingGroup::NAME, "DeleteScalingGroup");
/// let ok = ess_runtime::decode_operation::<ess::DeleteScalingGroup>(
///     200, None, br#"{"RequestId": "R1"}"#).unwrap();
/// assert_eq!(ok.body.request_id.as_deref(), Some("R1"));
/// ```
pub trait Operation {
    /// The action's name, as the request's `Action` parameter gives it.
    const NAME: &'static str;
    /// The body of a success response.
    type Response: Body;
    /// The codes an error response of this operation can carry: the ones
    /// its page documents and the common ones.
    type Error: ErrorCode;
}

/// A response body generated from a spec: read from JSON and XML into the
/// same value, and written back in either shape (`serde_json::to_string`
/// for JSON, [`to_xml`] for XML).
pub trait Body: Record + Serialize + DeserializeOwned + Debug + Clone + PartialEq {
    /// The XML root element: `DescribeScalingGroupsResponse`.
    const XML_ROOT: &'static str;

    /// The body's `RequestId`, when its schema has one.
    fn request_id(&self) -> Option<&str> {
        None
    }
}

/// Decodes a response of operation `O` with the default [`Decoder`]: see
/// [`Decoder::decode_operation`].
pub fn decode_operation<O: Operation>(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Success<O::Response>, Error<O::Error>> {
    Decoder::new().decode_operation::<O>(status, content_type, body)
}

/// `body` in the vendor's XML shape: `<?xml ...?><{XML_ROOT}>...`, each
/// wrapped list as its wrapper element holding one element per item, each
/// bare list as one element per item; absent fields are left out.
pub fn to_xml<B: Body>(body: &B) -> String {
    let mut writer = XmlWriter::new();
    writer.open(B::XML_ROOT);
    body.write_xml_fields(&mut writer);
    writer.close(B::XML_ROOT);
    writer.finish()
}
