//! Keys served at a URI: `ALIBABA_CLOUD_CREDENTIALS_URI`, or a profile's
//! `credentials_uri`.

use std::sync::Arc;
use std::time::Duration;

use super::{from_json_keys, CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::http_client::{HttpClient, SendOptions};
use crate::signing::Signed;

/// Keys served at a URI: a `GET` that answers `{"Code": "Success",
/// "AccessKeyId": ..., "AccessKeySecret": ..., "SecurityToken": ...,
/// "Expiration": ...}`.
#[derive(Clone)]
pub struct CredentialsUri {
    uri: String,
    http: Arc<dyn HttpClient>,
}

impl std::fmt::Debug for CredentialsUri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Without its query, which may hold a token.
        let shown = self.uri.split(['?', '#']).next().unwrap_or_default();
        f.debug_struct("CredentialsUri")
            .field("uri", &shown)
            .finish()
    }
}

impl CredentialsUri {
    /// The keys at `uri`, fetched through `http`.
    pub fn new(uri: impl Into<String>, http: Arc<dyn HttpClient>) -> Self {
        CredentialsUri {
            uri: uri.into(),
            http,
        }
    }
}

impl ProvideCredentials for CredentialsUri {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            // The URI may carry a token of its own: it is not shown.
            let failed =
                |why: String| CredentialsError::failed(format!("the credentials URI: {why}"));
            let request = Signed {
                method: "GET",
                url: self.uri.clone(),
                headers: Vec::new(),
                body: Vec::new(),
            };
            let options = SendOptions::new(Duration::from_secs(5), 64 * 1024);
            let response = self
                .http
                .send(request, options)
                .await
                .map_err(|e| failed(e.to_string()))?;
            let status = response.status().as_u16();
            if status != 200 {
                return Err(failed(format!("HTTP {status}")));
            }
            let answer: serde_json::Value = serde_json::from_slice(response.body())
                .map_err(|_| failed("the answer is not JSON".into()))?;
            match answer.get("Code").and_then(|c| c.as_str()) {
                Some("Success") => from_json_keys(&answer, "the credentials URI"),
                code => Err(failed(format!("Code {}", code.unwrap_or("(none)")))),
            }
        })
    }
}
