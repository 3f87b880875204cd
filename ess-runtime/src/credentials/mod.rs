//! Credentials: the keys a call is signed with, where they come from, and
//! how they are kept fresh.
//!
//! [`Credentials`] is one key (static, or temporary with its token and
//! expiry). A [`ProvideCredentials`] gives keys when asked: a static key,
//! the environment, the CLI's profiles, STS (`AssumeRole`,
//! `AssumeRoleWithOIDC`), the ECS instance's RAM role, a credentials URI or
//! a command. [`DefaultChain`] tries them in the vendor's order, and the
//! client keeps what they give in a [`CredentialsCache`], which refreshes
//! expiring keys before they expire.

mod cache;
mod chain;
mod ecs;
mod env;
mod process;
mod profile;
mod sts;
mod uri;

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

pub use crate::keys::Credentials;

pub use cache::CredentialsCache;
pub use chain::{DefaultChain, DefaultChainBuilder};
pub use ecs::EcsRamRole;
pub use env::EnvironmentVariables;
pub use process::ExternalProcess;
pub use profile::{CliProfile, CredentialsFile};
pub use sts::{AssumeRole, AssumeRoleWithOidc, StsEndpoint};
pub use uri::CredentialsUri;

impl Credentials {
    /// From the environment; see [`EnvironmentVariables`].
    pub fn from_env() -> Result<Self, CredentialsError> {
        env::from_env(&Env::real())
    }

    /// From the profile `name` (else `ALIBABA_CLOUD_PROFILE`, else the
    /// file's `current`) of the CLI's `~/.aliyun/config.json`, for the
    /// modes that hold their keys (`AK`, `StsToken`). Every mode is read by
    /// [`CliProfile`], a provider.
    pub fn from_profile(name: Option<&str>) -> Result<Self, CredentialsError> {
        profile::static_profile(&Env::real(), name)
    }
}

/// Why no credentials were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    kind: CredentialsErrorKind,
    message: String,
}

/// What kind of failure a [`CredentialsError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialsErrorKind {
    /// The source is not set up here (no variable, no file, no metadata
    /// service): a chain moves on to the next.
    NotConfigured,
    /// The source is set up but wrongly (a profile without its key, a mode
    /// `ess` does not support, a cycle of profiles).
    InvalidConfig,
    /// The source was asked and failed (STS refused, the metadata service
    /// answered an error, a command failed).
    ProviderFailed,
}

impl CredentialsError {
    /// A failure of `kind`, said by `message`, which must hold no secret.
    pub fn new(kind: CredentialsErrorKind, message: impl Into<String>) -> Self {
        CredentialsError {
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn not_configured(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::NotConfigured, message)
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::InvalidConfig, message)
    }

    pub(crate) fn failed(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::ProviderFailed, message)
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> CredentialsErrorKind {
        self.kind
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credentials: {}", self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// What a provider's [`ProvideCredentials::provide_credentials`] returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials, asked each time keys are needed (a
/// [`CredentialsCache`] asks only when its keys near their expiry).
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Fresh keys, or why there are none.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        (**self).provide_credentials()
    }
}

/// Where providers read their variables and their files' home: the
/// process's environment, or a map given in its place (a test, or several
/// configurations in one process). An empty variable is unset, as the
/// vendor's tools take it.
#[derive(Clone, Default)]
pub struct Env {
    vars: Option<Arc<BTreeMap<String, String>>>,
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The names only: the values hold secrets.
        match &self.vars {
            None => f.write_str("Env(the process's)"),
            Some(vars) => f
                .debug_tuple("Env")
                .field(&vars.keys().collect::<Vec<_>>())
                .finish(),
        }
    }
}

impl Env {
    /// The process's environment.
    pub fn real() -> Self {
        Env { vars: None }
    }

    /// These variables only.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Env {
            vars: Some(Arc::new(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            )),
        }
    }

    /// The variable `name`, unless unset or empty.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.vars {
            None => std::env::var(name).ok(),
            Some(vars) => vars.get(name).cloned(),
        };
        value.filter(|v| !v.is_empty())
    }

    /// Whether the variable `name` says `true` (in any case).
    pub fn is_true(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The home directory: `HOME`, else `USERPROFILE`.
    pub fn home(&self) -> Option<PathBuf> {
        self.get("HOME")
            .or_else(|| self.get("USERPROFILE"))
            .map(PathBuf::from)
    }
}

/// Temporary keys as STS, the metadata service and credentials URIs
/// answer them (`AccessKeyId`, `AccessKeySecret`, `SecurityToken`,
/// `Expiration`), read from a JSON object; `source` names the answer in a
/// message.
pub(crate) fn from_json_keys(
    object: &serde_json::Value,
    source: &str,
) -> Result<Credentials, CredentialsError> {
    let field = |name: &str| {
        object
            .get(name)
            .and_then(|v| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let (Some(id), Some(secret)) = (field("AccessKeyId"), field("AccessKeySecret")) else {
        return Err(CredentialsError::failed(format!(
            "{source} answered without AccessKeyId and AccessKeySecret"
        )));
    };
    let mut credentials = Credentials::new(id, secret);
    if let Some(token) = field("SecurityToken") {
        credentials = credentials.with_security_token(token);
    }
    match field("Expiration") {
        Some(text) => match crate::sign::parse_iso8601(text) {
            Some(expiry) => Ok(credentials.with_expiry(expiry)),
            None => Err(CredentialsError::failed(format!(
                "{source} answered an Expiration that is not a time: {text:?}"
            ))),
        },
        None => Ok(credentials),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn secrets_never_show_in_debug() {
        let credentials = Credentials::new("LTAI-id", "the-secret")
            .with_security_token("the-token")
            .with_expiry(SystemTime::UNIX_EPOCH);
        let shown = format!("{credentials:?}");
        assert!(
            shown.contains("LTAI-id") && shown.contains("1970-01-01T00:00:00Z"),
            "{shown}"
        );
        assert!(
            !shown.contains("the-secret") && !shown.contains("the-token"),
            "{shown}"
        );
    }

    #[test]
    fn an_environment_shows_its_names_only() {
        let env = Env::from_pairs([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "the-secret")]);
        let shown = format!("{:?}", DefaultChain::builder().env(env).build());
        assert!(shown.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), "{shown}");
        assert!(!shown.contains("the-secret"), "{shown}");
        let shown = format!(
            "{:?}",
            ExternalProcess::new("fetch-keys --password the-secret")
        );
        assert!(
            shown.contains("fetch-keys") && !shown.contains("the-secret"),
            "{shown}"
        );
        let http = std::sync::Arc::new(crate::http_client::NoTransport(String::new()));
        let shown = format!(
            "{:?}",
            CredentialsUri::new("http://127.0.0.1/keys?token=the-secret", http)
        );
        assert!(
            shown.contains("127.0.0.1/keys") && !shown.contains("the-secret"),
            "{shown}"
        );
    }

    #[test]
    fn keys_of_a_json_answer_need_an_id_a_secret_and_a_time() {
        let keys = from_json_keys(
            &serde_json::json!({"AccessKeyId": "id", "AccessKeySecret": "s", "SecurityToken": "t", "Expiration": "2030-01-01T00:00:00Z"}),
            "STS",
        )
        .unwrap();
        assert_eq!(
            keys.expiry(),
            crate::sign::parse_iso8601("2030-01-01T00:00:00Z")
        );
        for bad in [
            serde_json::json!({"AccessKeyId": "id"}),
            serde_json::json!({"AccessKeyId": "id", "AccessKeySecret": "s", "Expiration": "soon"}),
            serde_json::json!([1, 2]),
        ] {
            let e = from_json_keys(&bad, "STS").unwrap_err();
            assert_eq!(e.kind(), CredentialsErrorKind::ProviderFailed);
            assert!(!e.message().contains("\"s\""), "{e}");
        }
    }
}
