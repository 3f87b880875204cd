//! The credentials providers and the default chain, against this test's
//! own fakes on 127.0.0.1 (`ess_tests::identity`: STS, the ECS metadata
//! service, a credentials URI) and `ess serve`'s fake of ESS, which checks each
//! call's signature, `SecurityToken` and expiry against the keys the fakes
//! handed out. No test reads the process's environment or home: each
//! gives its variables, and the metadata service is off unless a variable
//! points it at the fake.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ess_runtime::credentials::{
    CliProfile, CredentialsErrorKind, CredentialsFile, DefaultChain, EcsRamRole, Env,
};
use ess_runtime::http_client::{HttpClient, ReqwestClient};
use ess_runtime::{Client, Error, ProvideCredentials};
use ess_spec::ess;
use ess_tests::identity::{Identity, Keyring, Mode};
use ess_tests::server::Server;

const SOURCE: (&str, &str) = ("LTAI-source", "source-secret");

/// A directory of this test's own, as its home.
fn home(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("credentials")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The variables of one test, with `home` as its home. The guard: a chain
/// whose metadata service is neither off nor pointed at a fake fails here,
/// before it could send a packet to 100.100.100.200.
fn env(home: &std::path::Path, pairs: &[(&str, &str)]) -> Env {
    let has = |name: &str| pairs.iter().any(|(n, _)| *n == name);
    assert!(
        has("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
            || has("ALIBABA_CLOUD_ECS_METADATA_SERVICE_ENDPOINT"),
        "a test's chain must turn the metadata service off or point it at its fake"
    );
    let home = home.display().to_string();
    let mut all: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    all.push(("HOME".to_owned(), home));
    Env::from_pairs(all)
}

fn http() -> Arc<dyn HttpClient> {
    Arc::new(ReqwestClient::new().unwrap())
}

/// A client of `server` whose keys come from `provider`.
fn client(server: &Server, provider: impl ProvideCredentials + 'static) -> Client {
    Client::builder("cn-hangzhou")
        .credentials(provider)
        .endpoint(server.endpoint())
        .retries(1, Duration::from_millis(1))
        .build()
        .unwrap()
}

/// A call of the fake of ESS: `Ok` or the error's text.
async fn call(client: &Client) -> Result<(), String> {
    client
        .call(ess::DescribeScalingGroupsRequest::new("cn-hangzhou"))
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Waits until the client's keys are due for refresh and not yet expired:
/// a fifth of their life before their expiry (the cache refreshes a quarter
/// ahead, and takes keys within a tenth of their expiry as expired).
async fn until_due(client: &Client) {
    let expiry = client.credentials().await.unwrap().expiry().unwrap();
    let life = expiry.duration_since(std::time::SystemTime::now()).unwrap();
    tokio::time::sleep(life - life / 5).await;
}

/// Waits until the client's keys have expired.
async fn until_expired(client: &Client) {
    let expiry = client.credentials().await.unwrap().expiry().unwrap();
    let left = expiry
        .duration_since(std::time::SystemTime::now())
        .unwrap_or_default();
    tokio::time::sleep(left + Duration::from_millis(100)).await;
}

/// A keyring holding the source key, the fake of ESS checking against
/// it, and the identity fakes handing keys into it.
async fn services() -> (Arc<Keyring>, Server, Identity) {
    let keyring = Arc::new(Keyring::default());
    keyring.add(SOURCE.0, SOURCE.1, None, None);
    let server = Server::ess_with_keys(keyring.clone());
    let identity = Identity::start(keyring.clone(), SOURCE).await;
    (keyring, server, identity)
}

#[tokio::test]
async fn the_environment_comes_first_and_signs_a_call() {
    let (keyring, server, _identity) = services().await;
    keyring.add("LTAI-env", "env-secret", Some("env-token"), None);
    let home = home("environment");
    // A profile too, whose keys the service does not know: the chain stops
    // at the environment.
    std::fs::create_dir_all(home.join(".aliyun")).unwrap();
    std::fs::write(
        home.join(".aliyun/config.json"),
        r#"{"current": "p", "profiles": [{"name": "p", "mode": "AK", "access_key_id": "LTAI-other", "access_key_secret": "x"}]}"#,
    )
    .unwrap();
    let env = env(
        &home,
        &[
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token"),
        ],
    );
    let chain = DefaultChain::builder()
        .env(env.clone())
        .http_client(http())
        .build();
    assert_eq!(call(&client(&server, chain)).await, Ok(()));
    // Without the environment's keys, the profile's are used, and refused.
    let env = Env::from_pairs([
        ("HOME", home.display().to_string()),
        ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true".to_owned()),
    ]);
    let chain = DefaultChain::builder().env(env).http_client(http()).build();
    let refused = call(&client(&server, chain)).await.unwrap_err();
    assert!(refused.contains("InvalidAccessKeyId.NotFound"), "{refused}");
}

#[tokio::test]
async fn oidc_keys_sign_a_call_and_the_token_is_read_at_every_exchange() {
    let (_keyring, server, identity) = services().await;
    identity.set_lifetime(Duration::from_secs(3));
    let home = home("oidc");
    let token_file = home.join("token");
    std::fs::write(&token_file, "the-oidc-token\n").unwrap();
    let endpoint = identity.endpoint();
    let token_path = token_file.display().to_string();
    let env = env(
        &home,
        &[
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
            ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/pod"),
            (
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
                "acs:ram::1:oidc-provider/ack",
            ),
            ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", &token_path),
            ("ALIBABA_CLOUD_ROLE_SESSION_NAME", "pod-session"),
            ("ALIBABA_CLOUD_STS_ENDPOINT", &endpoint),
        ],
    );
    let chain = DefaultChain::builder().env(env).http_client(http()).build();
    let client = client(&server, chain);
    assert_eq!(call(&client).await, Ok(()));
    assert_eq!(identity.count("AssumeRoleWithOIDC"), 1);
    assert_eq!(identity.sessions(), ["pod-session"]);
    // The cluster rotates the token; the next exchange must send the new one.
    identity.set_oidc_token("the-rotated-token");
    std::fs::write(&token_file, "the-rotated-token").unwrap();
    until_due(&client).await;
    assert_eq!(call(&client).await, Ok(()));
    assert_eq!(
        identity.count("AssumeRoleWithOIDC"),
        2,
        "refreshed once, ahead of expiry"
    );
}

/// A CLI config file of every mode, pointing at `identity`.
fn cli_config(home: &std::path::Path, identity: &Identity) -> String {
    let token_file = home.join("oidc-token");
    std::fs::write(&token_file, "the-oidc-token").unwrap();
    let script = home.join("keys.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho '{\"mode\": \"StsToken\", \"access_key_id\": \"LTAI-process\", \"access_key_secret\": \"process-secret\", \"sts_token\": \"process-token\"}'\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let sts = identity.endpoint();
    let config = serde_json::json!({
        "current": "ak",
        "profiles": [
            {"name": "ak", "mode": "AK", "access_key_id": SOURCE.0, "access_key_secret": SOURCE.1},
            {"name": "sts", "mode": "StsToken", "access_key_id": "LTAI-sts", "access_key_secret": "sts-secret", "sts_token": "sts-token"},
            {"name": "ram", "mode": "RamRoleArn", "access_key_id": SOURCE.0, "access_key_secret": SOURCE.1,
             "ram_role_arn": "acs:ram::1:role/a", "ram_session_name": "ram-session", "sts_endpoint": sts, "expired_seconds": 900},
            {"name": "chained", "mode": "ChainableRamRoleArn", "source_profile": "ak",
             "ram_role_arn": "acs:ram::1:role/b", "ram_session_name": "chained-session", "sts_endpoint": sts},
            {"name": "twice", "mode": "ChainableRamRoleArn", "source_profile": "ram",
             "ram_role_arn": "acs:ram::1:role/c", "ram_session_name": "twice-session", "sts_endpoint": sts},
            {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "EcsRole"},
            {"name": "oidc", "mode": "OIDC", "ram_role_arn": "acs:ram::1:role/d", "oidc_provider_arn": "acs:ram::1:oidc-provider/p",
             "oidc_token_file": token_file.display().to_string(), "sts_endpoint": sts},
            {"name": "external", "mode": "External", "process_command": script.display().to_string()},
            {"name": "uri", "mode": "CredentialsURI", "credentials_uri": format!("{sts}/credentials")},
            {"name": "sso", "mode": "CloudSSO"},
            {"name": "loop-a", "mode": "ChainableRamRoleArn", "source_profile": "loop-b", "ram_role_arn": "acs:ram::1:role/e"},
            {"name": "loop-b", "mode": "ChainableRamRoleArn", "source_profile": "loop-a", "ram_role_arn": "acs:ram::1:role/f"},
            {"name": "broken", "mode": "RamRoleArn", "access_key_id": SOURCE.0}
        ]
    });
    let path = home.join("config.json");
    std::fs::write(&path, config.to_string()).unwrap();
    path.display().to_string()
}

#[tokio::test]
async fn every_mode_of_the_cli_profile_signs_a_call() {
    let (keyring, server, identity) = services().await;
    keyring.add("LTAI-sts", "sts-secret", Some("sts-token"), None);
    keyring.add(
        "LTAI-process",
        "process-secret",
        Some("process-token"),
        None,
    );
    let home = home("profiles");
    let config = cli_config(&home, &identity);
    let metadata = identity.endpoint();
    let env = env(
        &home,
        &[
            ("ALIBABA_CLOUD_CONFIG_FILE", &config),
            ("ALIBABA_CLOUD_ECS_METADATA_SERVICE_ENDPOINT", &metadata),
        ],
    );
    let profile = |name: &str| CliProfile::new(env.clone(), http()).profile(name);
    for name in ["ak", "sts", "ram", "chained", "twice", "ecs", "oidc", "uri"] {
        assert_eq!(
            call(&client(&server, profile(name))).await,
            Ok(()),
            "profile {name}"
        );
    }
    #[cfg(unix)]
    assert_eq!(
        call(&client(&server, profile("external"))).await,
        Ok(()),
        "profile external"
    );
    // The roles were assumed with the sessions the profiles name, a chained
    // role with the keys of the role before it.
    let sessions = identity.sessions();
    assert_eq!(
        sessions[..4],
        [
            "ram-session",
            "chained-session",
            "ram-session",
            "twice-session"
        ]
    );
    // The OIDC profile names no session: the default one.
    assert!(sessions[4].starts_with("ess-"), "{sessions:?}");
    assert_eq!(identity.count("AssumeRole"), 4);
    assert_eq!(identity.count("AssumeRoleWithOIDC"), 1);
    assert_eq!(identity.count("imds-keys"), 1);
    assert_eq!(identity.count("uri"), 1);
    // The file's `current` when no profile is named.
    assert_eq!(
        call(&client(&server, CliProfile::new(env.clone(), http()))).await,
        Ok(())
    );

    for (name, says) in [
        ("sso", "of mode CloudSSO, which ess does not support"),
        (
            "loop-a",
            "the source profiles make a cycle: loop-a -> loop-b -> loop-a",
        ),
        (
            "broken",
            "profile \"broken\" of mode RamRoleArn has no access_key_secret",
        ),
        ("missing", "no profile \"missing\""),
    ] {
        let e = profile(name).provide_credentials().await.unwrap_err();
        assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfig, "{name}");
        assert!(e.message().contains(says), "{name}: {e}");
        assert!(e.message().contains("config.json"), "{name}: {e}");
    }
    // Turned off, the profile is not configured: a chain moves on.
    let off = Env::from_pairs([
        ("ALIBABA_CLOUD_CONFIG_FILE", config.as_str()),
        ("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true"),
    ]);
    let e = CliProfile::new(off, http())
        .provide_credentials()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::NotConfigured);
}

#[tokio::test]
async fn the_credentials_file_of_the_sdks() {
    let (keyring, server, identity) = services().await;
    keyring.add("LTAI-ini", "ini-secret", None, None);
    let home = home("ini");
    std::fs::create_dir_all(home.join(".alibabacloud")).unwrap();
    std::fs::write(
        home.join(".alibabacloud/credentials.ini"),
        "[default]\ntype = access_key\naccess_key_id = LTAI-ini\naccess_key_secret = ini-secret\n\n[role]\ntype = ecs_ram_role\nrole_name = EcsRole\n\n[odd]\ntype = bearer\n",
    )
    .unwrap();
    let metadata = identity.endpoint();
    let with = |profile: &str| {
        env(
            &home,
            &[
                ("ALIBABA_CLOUD_PROFILE", profile),
                ("ALIBABA_CLOUD_ECS_METADATA_SERVICE_ENDPOINT", &metadata),
            ],
        )
    };
    assert_eq!(
        call(&client(
            &server,
            CredentialsFile::new(with("default"), http())
        ))
        .await,
        Ok(())
    );
    assert_eq!(
        call(&client(&server, CredentialsFile::new(with("role"), http()))).await,
        Ok(())
    );
    let e = CredentialsFile::new(with("odd"), http())
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        e.message()
            .contains("type \"bearer\", which ess does not support"),
        "{e}"
    );
}

#[tokio::test]
async fn the_metadata_service_v2_then_v1_and_what_turns_them_off() {
    let (_keyring, server, identity) = services().await;
    let home = home("imds");
    let metadata = identity.endpoint();
    let ecs = |extra: &[(&str, &str)]| {
        let mut pairs = vec![(
            "ALIBABA_CLOUD_ECS_METADATA_SERVICE_ENDPOINT",
            metadata.as_str(),
        )];
        pairs.extend_from_slice(extra);
        EcsRamRole::from_env(&env(&home, &pairs), http())
    };
    // v2: a session token, then the role, then its keys.
    assert_eq!(call(&client(&server, ecs(&[]))).await, Ok(()));
    assert_eq!(
        (
            identity.count("imds-token"),
            identity.count("imds-roles"),
            identity.count("imds-keys")
        ),
        (1, 1, 1)
    );
    // An old service without v2: v1, unless v1 is off.
    identity.set_imds_v2(false);
    assert_eq!(
        call(&client(
            &server,
            ecs(&[("ALIBABA_CLOUD_ECS_METADATA", "EcsRole")])
        ))
        .await,
        Ok(())
    );
    assert_eq!(identity.count("imds-roles"), 1, "the role was named");
    let e = ecs(&[("ALIBABA_CLOUD_IMDSV1_DISABLED", "true")])
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        e.message().contains("/latest/api/token with HTTP 404"),
        "{e}"
    );
    let e = ecs(&[("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")])
        .provide_credentials()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::NotConfigured);
}

#[tokio::test]
async fn bad_answers_of_each_source_are_clear_errors() {
    let (_keyring, _server, identity) = services().await;
    let home = home("bad-answers");
    let config = cli_config(&home, &identity);
    let metadata = identity.endpoint();
    let env = env(
        &home,
        &[
            ("ALIBABA_CLOUD_CONFIG_FILE", &config),
            ("ALIBABA_CLOUD_ECS_METADATA_SERVICE_ENDPOINT", &metadata),
        ],
    );
    let profile = |name: &str| CliProfile::new(env.clone(), http()).profile(name);
    for (mode, says) in [
        (
            Mode::Malformed,
            vec!["not JSON", "not JSON", "STS AssumeRole: "],
        ),
        (
            Mode::Failing,
            vec!["HTTP 500", "HTTP 500", "STS AssumeRole: HTTP 500"],
        ),
        // An STS success has no `Code`.
        (
            Mode::NotSuccess,
            vec!["answered Code Failed", "Code Failed"],
        ),
    ] {
        identity.set_mode(mode);
        for (name, said) in ["ecs", "uri", "ram"].into_iter().zip(says) {
            let e = profile(name).provide_credentials().await.unwrap_err();
            assert!(e.message().contains(said), "{mode:?} {name}: {e}");
            assert!(!e.to_string().contains("sts-secret"), "{e}");
        }
    }
    // A metadata service too slow to be one: not configured, in a second.
    identity.set_mode(Mode::Slow);
    let started = std::time::Instant::now();
    let e = profile("ecs").provide_credentials().await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(e.kind(), CredentialsErrorKind::NotConfigured, "{e}");
}

/// A client of the fake of ESS whose keys come from the CLI profile
/// `ram` (STS `AssumeRole`), the fake handing out keys that live `lifetime`.
async fn role_client(name: &str, lifetime: Duration) -> (Server, Identity, Client) {
    let (_keyring, server, identity) = services().await;
    identity.set_lifetime(lifetime);
    let home = home(name);
    let config = cli_config(&home, &identity);
    let env = env(
        &home,
        &[
            ("ALIBABA_CLOUD_CONFIG_FILE", &config),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ],
    );
    let client = client(&server, CliProfile::new(env, http()).profile("ram"));
    (server, identity, client)
}

#[tokio::test]
async fn expiring_keys_are_refreshed_once_however_many_calls_wait() {
    let (server, identity, client) = role_client("refresh", Duration::from_secs(3)).await;
    let many = || {
        let calls: Vec<_> = (0..40)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move { call(&client).await })
            })
            .collect();
        async move {
            for outcome in calls {
                assert_eq!(outcome.await.unwrap(), Ok(()));
            }
        }
    };
    many().await;
    assert_eq!(identity.count("AssumeRole"), 1, "40 calls, one exchange");
    // Past the refresh point (a quarter of the life ahead), before expiry.
    until_due(&client).await;
    many().await;
    assert_eq!(identity.count("AssumeRole"), 2, "one refresh for 40 calls");
    assert_eq!(server.requests(), 80, "every call signed with valid keys");
}

#[tokio::test]
async fn a_failed_refresh_keeps_valid_keys_and_expired_keys_are_never_sent() {
    let (server, identity, client) = role_client("failed-refresh", Duration::from_secs(4)).await;
    assert_eq!(call(&client).await, Ok(()));
    identity.set_mode(Mode::Failing);
    // Due for refresh (3 s in), still valid: the refresh fails, the keys stay.
    until_due(&client).await;
    assert_eq!(call(&client).await, Ok(()));
    assert_eq!(identity.count("AssumeRole"), 2, "the refresh was tried");
    // Expired, and STS still failing: an error, and nothing sent.
    until_expired(&client).await;
    let sent = server.requests();
    let e = client
        .call(ess::DescribeScalingGroupsRequest::new("cn-hangzhou"))
        .await
        .unwrap_err();
    let Error::Request(e) = e else {
        panic!("{e:?}")
    };
    assert!(e.to_string().contains("STS AssumeRole"), "{e}");
    assert_eq!(server.requests(), sent, "expired keys are never sent");
    // STS back: fresh keys.
    identity.set_mode(Mode::Normal);
    assert_eq!(call(&client).await, Ok(()));
}

#[tokio::test]
async fn a_chain_that_finds_nothing_says_what_each_provider_said() {
    let home = home("nothing");
    let env = env(&home, &[("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")]);
    let e = DefaultChain::builder()
        .env(env)
        .http_client(http())
        .build()
        .provide_credentials()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::NotConfigured);
    for said in [
        "the environment: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set",
        "OIDC: ALIBABA_CLOUD_ROLE_ARN",
        "the CLI profile: ",
        "the credentials file: ",
        "the ECS RAM role: the ECS metadata service is off",
        "the credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set",
    ] {
        assert!(e.message().contains(said), "missing {said:?} in {e}");
    }
    // A configured provider that fails is the chain's error, not skipped.
    let broken = env_with_broken_profile(&home);
    let e = DefaultChain::builder()
        .env(broken)
        .http_client(http())
        .build()
        .provide_credentials()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfig);
    assert!(e.message().starts_with("the CLI profile: "), "{e}");
}

fn env_with_broken_profile(home: &std::path::Path) -> Env {
    let path = home.join("broken.json");
    std::fs::write(&path, r#"{"current": "x", "profiles": [{"name": "x", "mode": "StsToken", "access_key_id": "a", "access_key_secret": "b"}]}"#).unwrap();
    let path = path.display().to_string();
    env(
        home,
        &[
            ("ALIBABA_CLOUD_CONFIG_FILE", &path),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ],
    )
}

#[test]
fn the_whole_suite_keeps_off_the_metadata_address() {
    // `.cargo/config.toml` sets it for every process cargo starts here.
    assert_eq!(
        std::env::var("ALIBABA_CLOUD_ECS_METADATA_DISABLED").as_deref(),
        Ok("true")
    );
}

/// What `tracing` prints, kept for the test.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn traces_tell_calls_attempts_and_refreshes_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let (_keyring, server, identity) = services().await;
    let home = home("tracing");
    let config = cli_config(&home, &identity);
    let env = env(
        &home,
        &[
            ("ALIBABA_CLOUD_CONFIG_FILE", &config),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ],
    );
    let role = client(&server, CliProfile::new(env.clone(), http()).profile("ram"));
    assert_eq!(call(&role).await, Ok(()));
    // Keys the service does not know: an API error, with its code.
    let unknown = ess_runtime::Credentials::new("LTAI-unknown", "unknown-secret");
    assert!(call(&client(&server, unknown)).await.is_err());

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "ess.call{operation=\"DescribeScalingGroups\" service=\"Ess\" version=\"2014-08-28\" region=\"cn-hangzhou\"}",
        "ess.attempt{attempt=1}",
        "attempt done status=200",
        "request_id=\"ess-serve-1\"",
        "retry=\"no\"",
        "latency_ms=",
        "credentials refreshed expiry=",
        "status=404 code=\"InvalidAccessKeyId.NotFound\"",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    for secret in [
        SOURCE.1,
        "sts-secret-",
        "sts-token-",
        "unknown-secret",
        "Signature=",
    ] {
        assert!(!text.contains(secret), "{secret:?} in\n{text}");
    }
}

#[tokio::test]
async fn malformed_files_and_commands_are_clear_errors() {
    let home = home("malformed");
    let config = home.join("config.json");
    std::fs::write(&config, "{ not json").unwrap();
    let config = config.display().to_string();
    let env = env(
        &home,
        &[
            ("ALIBABA_CLOUD_CONFIG_FILE", &config),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ],
    );
    let e = CliProfile::new(env, http())
        .provide_credentials()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfig);
    assert!(e.message().contains("config.json: not JSON"), "{e}");
    #[cfg(unix)]
    {
        use ess_runtime::credentials::ExternalProcess;
        let script = |name: &str, body: &str| {
            use std::os::unix::fs::PermissionsExt;
            let path = home.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            path.display().to_string()
        };
        for (body, says) in [
            ("echo not-json", "its output is not JSON"),
            ("echo '{\"mode\": \"StsToken\", \"access_key_id\": \"a\", \"access_key_secret\": \"b\"}'", "has no sts_token"),
            ("exit 3", "it exited with"),
        ] {
            let command = script("keys.sh", body);
            let e = ExternalProcess::new(command).provide_credentials().await.unwrap_err();
            assert!(e.message().contains(says), "{body}: {e}");
        }
        let slow = script("slow.sh", "sleep 5");
        let started = std::time::Instant::now();
        let e = ExternalProcess::new(slow)
            .timeout(Duration::from_millis(200))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(e.message().contains("no answer in"), "{e}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }
}
