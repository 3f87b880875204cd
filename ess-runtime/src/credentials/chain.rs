//! The vendor's default chain of credentials providers.

use std::sync::Arc;

use super::{
    AssumeRoleWithOidc, CliProfile, CredentialsError, CredentialsErrorKind, CredentialsFile,
    CredentialsFuture, CredentialsUri, EcsRamRole, Env, EnvironmentVariables, ProvideCredentials,
    StsEndpoint,
};
use crate::http_client::{default_http_client, HttpClient, NoTransport};

/// The vendor's chain, in its order:
///
/// 1. the environment ([`EnvironmentVariables`]);
/// 2. OIDC (RRSA) when `ALIBABA_CLOUD_ROLE_ARN`,
///    `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and `ALIBABA_CLOUD_OIDC_TOKEN_FILE`
///    are all set ([`AssumeRoleWithOidc`]; `ALIBABA_CLOUD_ROLE_SESSION_NAME`
///    names the session);
/// 3. the CLI's profile ([`CliProfile`]);
/// 4. the credentials file ([`CredentialsFile`]);
/// 5. the ECS instance's RAM role ([`EcsRamRole`]);
/// 6. `ALIBABA_CLOUD_CREDENTIALS_URI` ([`CredentialsUri`]).
///
/// The chain moves past a provider that is not configured here (no
/// variable, no file, no metadata service answering), as aws-config's
/// does; a provider that is configured and fails is the chain's error, so
/// that a wrong profile is reported, not hidden by keys found further on.
/// When nothing is configured, the error lists what each provider said.
#[derive(Debug)]
pub struct DefaultChain {
    providers: Vec<(&'static str, Arc<dyn ProvideCredentials>)>,
}

/// Builds a [`DefaultChain`].
#[derive(Debug, Default)]
pub struct DefaultChainBuilder {
    env: Option<Env>,
    http: Option<Arc<dyn HttpClient>>,
}

impl DefaultChainBuilder {
    /// Reads `env` instead of the process's environment.
    pub fn env(mut self, env: Env) -> Self {
        self.env = Some(env);
        self
    }

    /// Calls STS, the metadata service and credentials URIs through `http`
    /// (reqwest's by default, with the feature `reqwest`).
    pub fn http_client(mut self, http: Arc<dyn HttpClient>) -> Self {
        self.http = Some(http);
        self
    }

    /// The chain.
    pub fn build(self) -> DefaultChain {
        let env = self.env.unwrap_or_default();
        let http: Arc<dyn HttpClient> = match self.http {
            Some(http) => http,
            None => default_http_client().unwrap_or_else(|e| Arc::new(NoTransport(e))),
        };
        let mut providers: Vec<(&'static str, Arc<dyn ProvideCredentials>)> = vec![(
            "the environment",
            Arc::new(EnvironmentVariables::new(env.clone())),
        )];
        providers.push(("OIDC", oidc(&env, &http)));
        providers.push((
            "the CLI profile",
            Arc::new(CliProfile::new(env.clone(), http.clone())),
        ));
        providers.push((
            "the credentials file",
            Arc::new(CredentialsFile::new(env.clone(), http.clone())),
        ));
        providers.push((
            "the ECS RAM role",
            Arc::new(EcsRamRole::from_env(&env, http.clone())),
        ));
        let uri: Arc<dyn ProvideCredentials> = match env.get("ALIBABA_CLOUD_CREDENTIALS_URI") {
            Some(uri) => Arc::new(CredentialsUri::new(uri, http.clone())),
            None => Arc::new(Unset("ALIBABA_CLOUD_CREDENTIALS_URI is not set")),
        };
        providers.push(("the credentials URI", uri));
        DefaultChain { providers }
    }
}

impl DefaultChain {
    /// A chain of the process's environment, through the default transport.
    pub fn builder() -> DefaultChainBuilder {
        DefaultChainBuilder::default()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let mut said = Vec::with_capacity(self.providers.len());
            for (name, provider) in &self.providers {
                match provider.provide_credentials().await {
                    Ok(credentials) => return Ok(credentials),
                    Err(e) if e.kind() == CredentialsErrorKind::NotConfigured => {
                        said.push(format!("{name}: {}", e.message()));
                    }
                    Err(e) => {
                        return Err(CredentialsError::new(
                            e.kind(),
                            format!("{name}: {}", e.message()),
                        ))
                    }
                }
            }
            Err(CredentialsError::not_configured(said.join("; ")))
        })
    }
}

/// The OIDC provider the variables describe, or why there is none.
fn oidc(env: &Env, http: &Arc<dyn HttpClient>) -> Arc<dyn ProvideCredentials> {
    let names = [
        "ALIBABA_CLOUD_ROLE_ARN",
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    ];
    match names.map(|name| env.get(name)) {
        [Some(role), Some(provider), Some(file)] => {
            let mut oidc =
                AssumeRoleWithOidc::new(role, provider, file, StsEndpoint::from_env(env), http.clone());
            if let Some(session) = env.get("ALIBABA_CLOUD_ROLE_SESSION_NAME") {
                oidc = oidc.session_name(session);
            }
            Arc::new(oidc)
        }
        _ => Arc::new(Unset(
            "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not all set",
        )),
    }
}

/// A provider the variables leave out.
#[derive(Debug)]
struct Unset(&'static str);

impl ProvideCredentials for Unset {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Err(CredentialsError::not_configured(
            self.0,
        ))))
    }
}
