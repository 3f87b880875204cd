//! STS: keys of a RAM role, assumed with a key (`AssumeRole`) or with an
//! OIDC token (`AssumeRoleWithOIDC`, RRSA on ACK), through the STS service
//! generated from the vendor's own metadata (`sts/2015-04-01`).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::{
    from_json_keys, Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials,
};
use crate::decode::Decoder;
use crate::error::{Error, Format};
use crate::http_client::{HttpClient, SendOptions};
use crate::operation::{Operation, Request};
use crate::signing::{self, Signing, SigningConfig, Target};

/// STS, generated as any service is: `ess import meta` of the vendor's
/// `sts/2015-04-01` metadata wrote `src/credentials/sts.json`.
#[allow(dead_code, unreachable_pub, missing_docs, clippy::all)]
mod service {
    #[ess_macros::service(
        spec = "src/credentials/sts.json",
        crate = "crate",
        operations = ["AssumeRole", "AssumeRoleWithOIDC"]
    )]
    pub mod sts {}
}

use service::sts;

/// How long an exchange with STS may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Where STS is: `ALIBABA_CLOUD_STS_ENDPOINT` (a host, or a URL with its
/// scheme, as the vendor's CLI reads it), else
/// `sts.<ALIBABA_CLOUD_STS_REGION>.aliyuncs.com` (`sts-vpc.` with
/// `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`), else `sts.aliyuncs.com`;
/// https unless the URL says otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StsEndpoint(String);

impl StsEndpoint {
    /// The endpoint the variables of `env` name.
    pub fn from_env(env: &Env) -> Self {
        match env.get("ALIBABA_CLOUD_STS_ENDPOINT") {
            Some(endpoint) => Self::of(&endpoint),
            None => Self::of_region(env.get("ALIBABA_CLOUD_STS_REGION").as_deref(), env),
        }
    }

    /// The endpoint of `region` (`None`: the central one), by the
    /// variables of `env` for the VPC form.
    pub fn of_region(region: Option<&str>, env: &Env) -> Self {
        let vpc = env.is_true("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED");
        match region {
            Some(region) if vpc => Self::of(&format!("sts-vpc.{region}.aliyuncs.com")),
            Some(region) => Self::of(&format!("sts.{region}.aliyuncs.com")),
            None => Self::of("sts.aliyuncs.com"),
        }
    }

    /// A host (`sts.aliyuncs.com`, https) or a URL (`http://127.0.0.1:8080`).
    pub fn of(endpoint: &str) -> Self {
        let endpoint = endpoint.trim().trim_end_matches('/');
        if endpoint.starts_with("http://") || endpoint.starts_with("https://") {
            StsEndpoint(endpoint.to_owned())
        } else {
            StsEndpoint(format!("https://{endpoint}"))
        }
    }

    /// The URL's scheme and host.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A RAM role assumed with the keys of `source` (STS `AssumeRole`, signed
/// by them): the CLI's `RamRoleArn` and `ChainableRamRoleArn` profiles, the
/// credentials file's `ram_role_arn`.
#[derive(Debug, Clone)]
pub struct AssumeRole {
    source: Arc<dyn ProvideCredentials>,
    role_arn: String,
    session_name: String,
    external_id: Option<String>,
    policy: Option<String>,
    duration: Duration,
    endpoint: StsEndpoint,
    http: Arc<dyn HttpClient>,
}

impl AssumeRole {
    /// Assumes `role_arn` with the keys of `source`, through `http`, at
    /// `endpoint`; the session is named `ess-<unix time>` and lasts an
    /// hour unless told otherwise.
    pub fn new(
        source: Arc<dyn ProvideCredentials>,
        role_arn: impl Into<String>,
        endpoint: StsEndpoint,
        http: Arc<dyn HttpClient>,
    ) -> Self {
        AssumeRole {
            source,
            role_arn: role_arn.into(),
            session_name: default_session_name(),
            external_id: None,
            policy: None,
            duration: Duration::from_secs(3600),
            endpoint,
            http,
        }
    }

    /// The session's name (`RoleSessionName`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = name.into();
        self
    }

    /// The role's external id (`ExternalId`).
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.external_id = Some(id.into());
        self
    }

    /// A policy that narrows the role's (`Policy`).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// How long the keys last (`DurationSeconds`, 15 minutes to the role's
    /// maximum).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }
}

impl ProvideCredentials for AssumeRole {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let source = self.source.provide_credentials().await?;
            let mut request = sts::AssumeRoleRequest::new(&self.role_arn, &self.session_name)
                .duration_seconds(self.duration.as_secs() as i64);
            if let Some(id) = &self.external_id {
                request = request.external_id(id);
            }
            if let Some(policy) = &self.policy {
                request = request.policy(policy);
            }
            let body = exchange::<sts::AssumeRole>(
                request,
                Some(&source),
                &self.endpoint,
                self.http.as_ref(),
            )
            .await?;
            keys(body.credentials.as_ref().map(serde_json::to_value))
        })
    }
}

/// A RAM role assumed with an OIDC token (STS `AssumeRoleWithOIDC`, not
/// signed): RRSA in an ACK pod, whose token file the cluster rotates. The
/// token is read from its file at every exchange, never kept.
#[derive(Debug, Clone)]
pub struct AssumeRoleWithOidc {
    role_arn: String,
    provider_arn: String,
    token_file: std::path::PathBuf,
    session_name: String,
    policy: Option<String>,
    duration: Duration,
    endpoint: StsEndpoint,
    http: Arc<dyn HttpClient>,
}

impl AssumeRoleWithOidc {
    /// Assumes `role_arn` as the OIDC provider `provider_arn` says, with the
    /// token in `token_file`.
    pub fn new(
        role_arn: impl Into<String>,
        provider_arn: impl Into<String>,
        token_file: impl Into<std::path::PathBuf>,
        endpoint: StsEndpoint,
        http: Arc<dyn HttpClient>,
    ) -> Self {
        AssumeRoleWithOidc {
            role_arn: role_arn.into(),
            provider_arn: provider_arn.into(),
            token_file: token_file.into(),
            session_name: default_session_name(),
            policy: None,
            duration: Duration::from_secs(3600),
            endpoint,
            http,
        }
    }

    /// The session's name (`RoleSessionName`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = name.into();
        self
    }

    /// A policy that narrows the role's (`Policy`).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// How long the keys last (`DurationSeconds`).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }
}

impl ProvideCredentials for AssumeRoleWithOidc {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let token = std::fs::read_to_string(&self.token_file).map_err(|e| {
                CredentialsError::failed(format!(
                    "the OIDC token file {}: {e}",
                    self.token_file.display()
                ))
            })?;
            let mut request = sts::AssumeRoleWithOIDCRequest::new(&self.session_name)
                .role_arn(&self.role_arn)
                .oidc_provider_arn(&self.provider_arn)
                .oidc_token(token.trim())
                .duration_seconds(self.duration.as_secs() as i64);
            if let Some(policy) = &self.policy {
                request = request.policy(policy);
            }
            let body = exchange::<sts::AssumeRoleWithOIDC>(
                request,
                None,
                &self.endpoint,
                self.http.as_ref(),
            )
            .await?;
            keys(body.credentials.as_ref().map(serde_json::to_value))
        })
    }
}

/// `ess-<unix time>`, as the vendor's libraries name sessions.
fn default_session_name() -> String {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("ess-{now}")
}

/// Sends `request` to STS at `endpoint`, signed with `credentials` (none:
/// anonymous), and decodes the answer with the generated types.
async fn exchange<O: Operation>(
    request: impl Request<Operation = O>,
    credentials: Option<&Credentials>,
    endpoint: &StsEndpoint,
    http: &dyn HttpClient,
) -> Result<O::Response, CredentialsError> {
    let failed = |why: String| CredentialsError::failed(format!("STS {}: {why}", O::NAME));
    let encoded = request.encode().map_err(|e| failed(e.to_string()))?;
    let config = SigningConfig {
        region: String::new(),
        endpoint: Some(endpoint.as_str().to_owned()),
        format: Format::Json,
        signing: Signing::ByStyle,
    };
    let signed = signing::sign(
        &config,
        credentials,
        &Target::of::<O>(),
        &encoded,
        SystemTime::now(),
    );
    let decoder = Decoder::new();
    let options = SendOptions::new(TIMEOUT, decoder.max_body_size as u64);
    let response = http
        .send(signed, options)
        .await
        .map_err(|e| failed(e.to_string()))?;
    match decoder.decode_operation_http::<O>(&response) {
        Ok(success) => Ok(success.body),
        Err(Error::Api(e)) => Err(failed(format!(
            "{} (HTTP {}): {}",
            e.code().as_str(),
            e.status(),
            e.message()
        ))),
        Err(e) => Err(failed(e.to_string())),
    }
}

/// The keys of an STS answer's `Credentials`, as the generated type writes
/// them in the vendor's JSON.
fn keys(
    credentials: Option<Result<serde_json::Value, serde_json::Error>>,
) -> Result<Credentials, CredentialsError> {
    match credentials {
        Some(Ok(object)) => from_json_keys(&object, "STS"),
        Some(Err(_)) | None => Err(CredentialsError::failed("STS answered without Credentials")),
    }
}
