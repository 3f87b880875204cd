//! Keys in the environment.

use super::{Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials};

/// The prefixes of the vendor's variables, most preferred first:
/// `ALIBABA_CLOUD_ACCESS_KEY_ID`, then the CLI's `ALIBABACLOUD_` and
/// `ALICLOUD_`.
const PREFIXES: [&str; 3] = ["ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_"];

/// Keys in the environment: `ALIBABA_CLOUD_ACCESS_KEY_ID`,
/// `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, for an STS key,
/// `ALIBABA_CLOUD_SECURITY_TOKEN`; or the same with the CLI's prefixes
/// `ALIBABACLOUD_` and `ALICLOUD_`: all three of the first prefix whose key
/// id is set, never a mix. Not configured without a key id.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentVariables {
    env: Env,
}

impl EnvironmentVariables {
    /// Reads `env`.
    pub fn new(env: Env) -> Self {
        EnvironmentVariables { env }
    }
}

impl ProvideCredentials for EnvironmentVariables {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(from_env(&self.env)))
    }
}

pub(super) fn from_env(env: &Env) -> Result<Credentials, CredentialsError> {
    let Some(prefix) = PREFIXES
        .into_iter()
        .find(|prefix| env.get(&format!("{prefix}ACCESS_KEY_ID")).is_some())
    else {
        return Err(CredentialsError::not_configured(
            "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set",
        ));
    };
    let var = |name: &str| env.get(&format!("{prefix}{name}"));
    let (Some(id), Some(secret)) = (var("ACCESS_KEY_ID"), var("ACCESS_KEY_SECRET")) else {
        return Err(CredentialsError::invalid(format!(
            "{prefix}ACCESS_KEY_ID is set, and {prefix}ACCESS_KEY_SECRET is not"
        )));
    };
    let credentials = Credentials::new(id, secret);
    Ok(match var("SECURITY_TOKEN") {
        Some(token) => credentials.with_security_token(token),
        None => credentials,
    })
}

/// The profile a variable names: `ALIBABA_CLOUD_PROFILE` (or the CLI's
/// prefixes).
pub(super) fn profile_name(env: &Env) -> Option<String> {
    PREFIXES
        .iter()
        .find_map(|prefix| env.get(&format!("{prefix}PROFILE")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_is_read_with_the_clis_prefixes() {
        let c = from_env(&Env::from_pairs([
            ("ALICLOUD_ACCESS_KEY_ID", "old"),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "token"),
        ]))
        .unwrap();
        assert_eq!(
            c,
            Credentials::new("id", "secret").with_security_token("token")
        );
        let e = from_env(&Env::from_pairs([("ALIBABA_CLOUD_ACCESS_KEY_ID", "id")])).unwrap_err();
        assert!(
            e.to_string().contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            "{e}"
        );
        // One prefix's id, secret and token, never a mix; an empty
        // variable is unset.
        let c = from_env(&Env::from_pairs([
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", ""),
            ("ALICLOUD_ACCESS_KEY_ID", "id"),
            ("ALICLOUD_ACCESS_KEY_SECRET", "secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "someone else's token"),
        ]))
        .unwrap();
        assert_eq!(c, Credentials::new("id", "secret"));
        let e = from_env(&Env::from_pairs([
            ("ALICLOUD_ACCESS_KEY_ID", "id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret"),
        ]))
        .unwrap_err();
        assert!(e.to_string().contains("ALICLOUD_ACCESS_KEY_SECRET"), "{e}");
        let none = from_env(&Env::from_pairs::<&str, &str>([])).unwrap_err();
        assert_eq!(
            none.kind(),
            crate::credentials::CredentialsErrorKind::NotConfigured
        );
    }
}
