//! The ECS instance's RAM role, from the instance metadata service.

use std::sync::Arc;
use std::time::Duration;

use super::{
    from_json_keys, Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials,
};
use crate::error::TransportCause;
use crate::http_client::{HttpClient, SendOptions};
use crate::signing::Signed;

/// The metadata service's address on every ECS instance.
const METADATA: &str = "http://100.100.100.200";
const ROLES: &str = "/latest/meta-data/ram/security-credentials/";
const TOKEN: &str = "/latest/api/token";
/// The service is on-link: a machine outside ECS must not wait for it.
const TIMEOUT: Duration = Duration::from_secs(1);
/// How long an IMDSv2 token lives (seconds); one is asked for each fetch.
const TOKEN_TTL: &str = "21600";

/// The RAM role of the ECS instance: its keys from the metadata service at
/// `http://100.100.100.200` (or `ALIBABA_CLOUD_ECS_METADATA_SERVICE_ENDPOINT`,
/// a host or a URL), the role named by `ALIBABA_CLOUD_ECS_METADATA` or
/// asked of the service. IMDSv2 first (a session token from
/// `PUT /latest/api/token`), then v1 unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true`.
/// Only an answer whose `Code` is `Success` counts. Off by
/// `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
#[derive(Debug, Clone)]
pub struct EcsRamRole {
    endpoint: String,
    role: Option<String>,
    v1_allowed: bool,
    disabled: bool,
    http: Arc<dyn HttpClient>,
}

impl EcsRamRole {
    /// The provider the variables of `env` describe, through `http`.
    pub fn from_env(env: &Env, http: Arc<dyn HttpClient>) -> Self {
        let endpoint = env
            .get("ALIBABA_CLOUD_ECS_METADATA_SERVICE_ENDPOINT")
            .map_or_else(|| METADATA.to_owned(), |e| with_scheme(&e));
        EcsRamRole {
            endpoint,
            role: env.get("ALIBABA_CLOUD_ECS_METADATA"),
            v1_allowed: !env.is_true("ALIBABA_CLOUD_IMDSV1_DISABLED"),
            disabled: env.is_true("ALIBABA_CLOUD_ECS_METADATA_DISABLED"),
            http,
        }
    }

    /// The role `name`, not asked of the service (a profile's
    /// `ram_role_name`).
    pub fn role(mut self, name: impl Into<String>) -> Self {
        self.role = Some(name.into());
        self
    }

    /// Sends `method path` with the session token if any; the body of a
    /// 200, else why not.
    async fn get(&self, path: &str, token: Option<&str>) -> Result<String, CredentialsError> {
        let mut headers = Vec::new();
        if let Some(token) = token {
            headers.push(("x-aliyun-ecs-metadata-token".to_owned(), token.to_owned()));
        }
        self.send("GET", path, headers).await
    }

    async fn send(
        &self,
        method: &'static str,
        path: &str,
        headers: Vec<(String, String)>,
    ) -> Result<String, CredentialsError> {
        let request = Signed {
            method,
            url: format!("{}{path}", self.endpoint),
            headers,
            body: Vec::new(),
        };
        let options = SendOptions::new(TIMEOUT, 64 * 1024);
        let response = self.http.send(request, options).await.map_err(|e| {
            // Nothing answers: not an ECS instance, so not configured here.
            let unreachable = matches!(
                e.cause(),
                TransportCause::ConnectionRefused
                    | TransportCause::TimedOut
                    | TransportCause::NameNotResolved
            ) || !e.sent();
            let message = format!("the ECS metadata service at {}: {e}", self.endpoint);
            if unreachable {
                CredentialsError::not_configured(message)
            } else {
                CredentialsError::failed(message)
            }
        })?;
        let status = response.status().as_u16();
        let body = String::from_utf8_lossy(response.body()).into_owned();
        if status == 404 && path == ROLES {
            return Err(CredentialsError::not_configured(format!(
                "the ECS metadata service at {} lists no RAM role (HTTP 404)",
                self.endpoint
            )));
        }
        if status != 200 {
            return Err(CredentialsError::failed(format!(
                "the ECS metadata service answered {method} {path} with HTTP {status}"
            )));
        }
        Ok(body)
    }

    /// An IMDSv2 session token, or `None` where v1 may be used instead.
    async fn token(&self) -> Result<Option<String>, CredentialsError> {
        let headers = vec![(
            "x-aliyun-ecs-metadata-token-ttl-seconds".to_owned(),
            TOKEN_TTL.to_owned(),
        )];
        match self.send("PUT", TOKEN, headers).await {
            Ok(token) => Ok(Some(token.trim().to_owned())),
            Err(e) if self.v1_allowed && e.kind() != super::CredentialsErrorKind::NotConfigured => {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        if self.disabled {
            return Err(CredentialsError::not_configured(
                "the ECS metadata service is off (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)",
            ));
        }
        let token = self.token().await?;
        let role = match &self.role {
            Some(role) => role.clone(),
            None => {
                let roles = self.get(ROLES, token.as_deref()).await?;
                roles
                    .lines()
                    .map(str::trim)
                    .find(|line| !line.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(|| {
                        CredentialsError::failed("the ECS instance has no RAM role attached")
                    })?
            }
        };
        if role.contains(['/', '?', '#']) || role.chars().any(char::is_whitespace) {
            return Err(CredentialsError::failed(
                "the ECS metadata service named a role that is not a name",
            ));
        }
        let body = self
            .get(&format!("{ROLES}{role}"), token.as_deref())
            .await?;
        let answer: serde_json::Value = serde_json::from_str(&body).map_err(|_| {
            CredentialsError::failed(format!(
                "the ECS metadata service's keys for role {role:?} are not JSON"
            ))
        })?;
        match answer.get("Code").and_then(|c| c.as_str()) {
            Some("Success") => from_json_keys(&answer, "the ECS metadata service"),
            code => Err(CredentialsError::failed(format!(
                "the ECS metadata service answered Code {} for role {role:?}",
                code.unwrap_or("(none)")
            ))),
        }
    }
}

impl ProvideCredentials for EcsRamRole {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// `host` as a URL: `http://` unless it has a scheme.
fn with_scheme(host: &str) -> String {
    let host = host.trim().trim_end_matches('/');
    if host.starts_with("http://") || host.starts_with("https://") {
        host.to_owned()
    } else {
        format!("http://{host}")
    }
}
