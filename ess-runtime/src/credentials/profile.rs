//! The vendor's files of keys: the CLI's `~/.aliyun/config.json` and the
//! SDKs' `~/.alibabacloud/credentials` (INI).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::env::profile_name;
use super::{
    AssumeRole, AssumeRoleWithOidc, Credentials, CredentialsError, CredentialsFuture,
    CredentialsUri, EcsRamRole, Env, ExternalProcess, ProvideCredentials, StsEndpoint,
};
use crate::http_client::{HttpClient, NoTransport};

/// A profile of the CLI's `~/.aliyun/config.json` (or
/// `ALIBABA_CLOUD_CONFIG_FILE`): the one named, else
/// `ALIBABA_CLOUD_PROFILE`, else the file's `current`. Every mode the
/// vendor's libraries read: `AK`, `StsToken`, `RamRoleArn` (STS
/// `AssumeRole` signed by the profile's key; `ram_role_arn`,
/// `ram_session_name`, `external_id`, `expired_seconds`, `sts_region`),
/// `ChainableRamRoleArn` (the same, signed by the keys of its
/// `source_profile`, resolved in turn; a cycle is refused), `EcsRamRole`
/// (`ram_role_name`), `OIDC` (`oidc_provider_arn`, `oidc_token_file`,
/// `ram_role_arn`), `External` (`process_command`) and `CredentialsURI`
/// (`credentials_uri`). `CloudSSO` and `OAuth` are refused by name. Off by
/// `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`; not configured without the
/// file.
#[derive(Debug, Clone)]
pub struct CliProfile {
    env: Env,
    name: Option<String>,
    http: Arc<dyn HttpClient>,
}

impl CliProfile {
    /// The profile the variables of `env` name, through `http` for the
    /// modes that ask a service.
    pub fn new(env: Env, http: Arc<dyn HttpClient>) -> Self {
        CliProfile {
            env,
            name: None,
            http,
        }
    }

    /// The profile `name`, whatever the variables and the file say.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The provider of the chosen profile.
    fn resolve(&self) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        let (path, config) = read_config(&self.env)?;
        let name = self
            .name
            .clone()
            .or_else(|| profile_name(&self.env))
            .or_else(|| config["current"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "default".to_owned());
        let at = |e: CredentialsError| {
            CredentialsError::new(e.kind(), format!("{}: {}", path.display(), e.message()))
        };
        provider_of(&config, &name, &self.env, &self.http, &mut Vec::new()).map_err(at)
    }
}

impl ProvideCredentials for CliProfile {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move { self.resolve()?.provide_credentials().await })
    }
}

/// The CLI's file, read and parsed; not configured without it.
fn read_config(env: &Env) -> Result<(PathBuf, serde_json::Value), CredentialsError> {
    if env.is_true("ALIBABA_CLOUD_CLI_PROFILE_DISABLED") {
        return Err(CredentialsError::not_configured(
            "the CLI's profiles are off (ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)",
        ));
    }
    let (path, named) = match env.get("ALIBABA_CLOUD_CONFIG_FILE") {
        Some(path) => (PathBuf::from(path), true),
        None => match env.home() {
            Some(home) => (home.join(".aliyun").join("config.json"), false),
            None => {
                return Err(CredentialsError::not_configured(
                    "no home directory for ~/.aliyun/config.json",
                ))
            }
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {
            return Err(CredentialsError::not_configured(format!(
                "{}: no such file",
                path.display()
            )))
        }
        Err(e) => {
            return Err(CredentialsError::invalid(format!(
                "{}: {e}",
                path.display()
            )))
        }
    };
    let config = serde_json::from_str(&text)
        .map_err(|e| CredentialsError::invalid(format!("{}: not JSON: {e}", path.display())))?;
    Ok((path, config))
}

/// The provider of profile `name` of `config`; `seen` holds the profiles
/// that lead to it, so that a cycle of source profiles is an error.
fn provider_of(
    config: &serde_json::Value,
    name: &str,
    env: &Env,
    http: &Arc<dyn HttpClient>,
    seen: &mut Vec<String>,
) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
    if seen.iter().any(|s| s == name) {
        seen.push(name.to_owned());
        return Err(CredentialsError::invalid(format!(
            "the source profiles make a cycle: {}",
            seen.join(" -> ")
        )));
    }
    seen.push(name.to_owned());
    let profile = config["profiles"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == name))
        .ok_or_else(|| CredentialsError::invalid(format!("no profile {name:?}")))?;
    let field = |key: &str| profile[key].as_str().filter(|v| !v.is_empty());
    let need = |key: &str| {
        field(key).ok_or_else(|| {
            CredentialsError::invalid(format!(
                "profile {name:?} of mode {} has no {key}",
                field("mode").unwrap_or("AK")
            ))
        })
    };
    let endpoint = || match field("sts_endpoint") {
        Some(endpoint) => StsEndpoint::of(endpoint),
        None if env.get("ALIBABA_CLOUD_STS_ENDPOINT").is_some() => StsEndpoint::from_env(env),
        None => match field("sts_region") {
            Some(region) => StsEndpoint::of_region(Some(region), env),
            None => StsEndpoint::from_env(env),
        },
    };
    let key = || -> Result<Credentials, CredentialsError> {
        let credentials = Credentials::new(need("access_key_id")?, need("access_key_secret")?);
        Ok(match field("sts_token") {
            Some(token) => credentials.with_security_token(token),
            None => credentials,
        })
    };
    let assume = |source: Arc<dyn ProvideCredentials>| -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        let mut role = AssumeRole::new(source, need("ram_role_arn")?, endpoint(), http.clone());
        if let Some(session) = field("ram_session_name") {
            role = role.session_name(session);
        }
        if let Some(id) = field("external_id") {
            role = role.external_id(id);
        }
        if let Some(seconds) = profile["expired_seconds"].as_u64().filter(|s| *s > 0) {
            role = role.duration(Duration::from_secs(seconds));
        }
        Ok(Arc::new(role))
    };
    let mode = field("mode").unwrap_or("AK");
    match mode {
        "AK" => Ok(Arc::new(Credentials::new(
            need("access_key_id")?,
            need("access_key_secret")?,
        ))),
        "StsToken" => Ok(Arc::new(
            Credentials::new(need("access_key_id")?, need("access_key_secret")?)
                .with_security_token(need("sts_token")?),
        )),
        "RamRoleArn" => assume(Arc::new(key()?)),
        "ChainableRamRoleArn" => {
            let source = provider_of(config, need("source_profile")?, env, http, seen)?;
            assume(source)
        }
        "EcsRamRole" => {
            let mut role = EcsRamRole::from_env(env, http.clone());
            if let Some(name) = field("ram_role_name") {
                role = role.role(name);
            }
            Ok(Arc::new(role))
        }
        "OIDC" => {
            let mut role = AssumeRoleWithOidc::new(
                need("ram_role_arn")?,
                need("oidc_provider_arn")?,
                need("oidc_token_file")?,
                endpoint(),
                http.clone(),
            );
            if let Some(session) = field("ram_session_name") {
                role = role.session_name(session);
            }
            Ok(Arc::new(role))
        }
        "External" => Ok(Arc::new(ExternalProcess::new(need("process_command")?))),
        "CredentialsURI" => Ok(Arc::new(CredentialsUri::new(
            need("credentials_uri")?,
            http.clone(),
        ))),
        "CloudSSO" | "OAuth" => Err(CredentialsError::invalid(format!(
            "profile {name:?} is of mode {mode}, which ess does not support: sign in with the vendor's CLI and use a mode that holds or fetches keys"
        ))),
        other => Err(CredentialsError::invalid(format!(
            "profile {name:?} is of mode {other:?}, which no vendor tool knows"
        ))),
    }
}

/// The keys of a CLI profile of mode `AK` or `StsToken`, read now: what
/// [`Credentials::from_profile`] gives.
pub(super) fn static_profile(
    env: &Env,
    name: Option<&str>,
) -> Result<Credentials, CredentialsError> {
    let (path, config) = read_config(env)?;
    let name = name
        .map(str::to_owned)
        .or_else(|| profile_name(env))
        .or_else(|| config["current"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "default".to_owned());
    let profile = config["profiles"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == name.as_str()));
    let mode = profile.and_then(|p| p["mode"].as_str()).unwrap_or("AK");
    if profile.is_some() && !matches!(mode, "AK" | "StsToken") {
        return Err(CredentialsError::invalid(format!(
            "{}: profile {name:?} is of mode {mode}, which fetches keys from a service: use CliProfile, a provider",
            path.display()
        )));
    }
    let http: Arc<dyn HttpClient> = Arc::new(NoTransport(
        "a profile that holds its keys sends nothing".into(),
    ));
    let provider = provider_of(&config, &name, env, &http, &mut Vec::new()).map_err(|e| {
        CredentialsError::new(e.kind(), format!("{}: {}", path.display(), e.message()))
    })?;
    // AK and StsToken hold their keys: the future is ready at once.
    let mut future = provider.provide_credentials();
    let waker = std::task::Waker::noop();
    match future
        .as_mut()
        .poll(&mut std::task::Context::from_waker(waker))
    {
        std::task::Poll::Ready(outcome) => outcome,
        std::task::Poll::Pending => Err(CredentialsError::invalid("the profile fetches its keys")),
    }
}

/// The SDKs' INI file of keys: `ALIBABA_CLOUD_CREDENTIALS_FILE`, else
/// `~/.alibabacloud/credentials.ini`, else `~/.alibabacloud/credentials`;
/// its section `ALIBABA_CLOUD_PROFILE`, else `default`. Its `type`s:
/// `access_key` (`access_key_id`, `access_key_secret`), `sts` (and
/// `security_token`), `ecs_ram_role` (`role_name`) and `ram_role_arn`
/// (`access_key_id`, `access_key_secret`, `role_arn`, `role_session_name`,
/// `policy`); the others (`rsa_key_pair`, `bearer`) are refused by name.
#[derive(Debug, Clone)]
pub struct CredentialsFile {
    env: Env,
    http: Arc<dyn HttpClient>,
}

impl CredentialsFile {
    /// The file and section the variables of `env` name.
    pub fn new(env: Env, http: Arc<dyn HttpClient>) -> Self {
        CredentialsFile { env, http }
    }

    fn resolve(&self) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        let (path, text) = match self.env.get("ALIBABA_CLOUD_CREDENTIALS_FILE") {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| CredentialsError::invalid(format!("{path}: {e}")))?;
                (PathBuf::from(path), text)
            }
            None => {
                let Some(home) = self.env.home() else {
                    return Err(CredentialsError::not_configured(
                        "no home directory for ~/.alibabacloud/credentials",
                    ));
                };
                let dir = home.join(".alibabacloud");
                let found = ["credentials.ini", "credentials"]
                    .iter()
                    .map(|name| dir.join(name))
                    .find_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)));
                found.ok_or_else(|| {
                    CredentialsError::not_configured(format!(
                        "{}: no credentials.ini or credentials",
                        dir.display()
                    ))
                })?
            }
        };
        let section = profile_name(&self.env).unwrap_or_else(|| "default".to_owned());
        let at = |why: String| CredentialsError::invalid(format!("{}: {why}", path.display()));
        let fields =
            ini_section(&text, &section).ok_or_else(|| at(format!("no section [{section}]")))?;
        let field = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.is_empty())
        };
        let kind = field("type").unwrap_or("access_key");
        let need = |key: &str| {
            field(key).ok_or_else(|| at(format!("[{section}] of type {kind} has no {key}")))
        };
        match kind {
            "access_key" => Ok(Arc::new(Credentials::new(
                need("access_key_id")?,
                need("access_key_secret")?,
            ))),
            "sts" => Ok(Arc::new(
                Credentials::new(need("access_key_id")?, need("access_key_secret")?)
                    .with_security_token(need("security_token")?),
            )),
            "ecs_ram_role" => {
                let mut role = EcsRamRole::from_env(&self.env, self.http.clone());
                if let Some(name) = field("role_name") {
                    role = role.role(name);
                }
                Ok(Arc::new(role))
            }
            "ram_role_arn" => {
                let source = Credentials::new(need("access_key_id")?, need("access_key_secret")?);
                let mut role = AssumeRole::new(
                    Arc::new(source),
                    need("role_arn")?,
                    StsEndpoint::from_env(&self.env),
                    self.http.clone(),
                );
                if let Some(session) = field("role_session_name") {
                    role = role.session_name(session);
                }
                if let Some(policy) = field("policy") {
                    role = role.policy(policy);
                }
                Ok(Arc::new(role))
            }
            other => Err(at(format!(
                "[{section}] is of type {other:?}, which ess does not support (access_key, sts, ecs_ram_role, ram_role_arn)"
            ))),
        }
    }
}

impl ProvideCredentials for CredentialsFile {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move { self.resolve()?.provide_credentials().await })
    }
}

/// The `key = value` lines of `[section]` of an INI text; `#` and `;`
/// start comments.
fn ini_section(text: &str, section: &str) -> Option<Vec<(String, String)>> {
    let mut current: Option<&str> = None;
    let mut found = None::<Vec<(String, String)>>;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.trim());
            if current == Some(section) && found.is_none() {
                found = Some(Vec::new());
            }
            continue;
        }
        if current != Some(section) {
            continue;
        }
        if let (Some(fields), Some((key, value))) = (found.as_mut(), line.split_once('=')) {
            fields.push((key.trim().to_owned(), value.trim().to_owned()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ini_section_is_its_lines() {
        let text = "# keys\n[default]\ntype = access_key\naccess_key_id = id\n\n[other]\naccess_key_id = no\n";
        assert_eq!(
            ini_section(text, "default"),
            Some(vec![
                ("type".to_owned(), "access_key".to_owned()),
                ("access_key_id".to_owned(), "id".to_owned())
            ])
        );
        assert_eq!(ini_section(text, "missing"), None);
    }
}
