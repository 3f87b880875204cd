//! Keys a command prints: the CLI's `External` profiles.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// Keys a command prints on its standard output, as the CLI's `External`
/// profile's `process_command` does: `{"mode": "AK", "access_key_id": ...,
/// "access_key_secret": ...}` or `{"mode": "StsToken", ..., "sts_token":
/// ...}`. The command runs without a shell (its words split at white
/// space), and is stopped after its timeout (a minute).
#[derive(Clone)]
pub struct ExternalProcess {
    command: String,
    timeout: Duration,
}

impl std::fmt::Debug for ExternalProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The program only: its arguments may hold a secret.
        f.debug_struct("ExternalProcess")
            .field("program", &self.command.split_whitespace().next())
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ExternalProcess {
    /// Runs `command`.
    pub fn new(command: impl Into<String>) -> Self {
        ExternalProcess {
            command: command.into(),
            timeout: Duration::from_secs(60),
        }
    }

    /// Stops the command after `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs the command on a thread of its own, so that a slow one holds
    /// no task of the caller's runtime.
    fn run(&self) -> Result<Credentials, CredentialsError> {
        // The command line may hold a secret: messages name its program only.
        let mut words = self.command.split_whitespace();
        let Some(program) = words.next() else {
            return Err(CredentialsError::invalid("the process_command is empty"));
        };
        let failed =
            |why: String| CredentialsError::failed(format!("the command {program}: {why}"));
        let mut child = Command::new(program)
            .args(words)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| failed(e.to_string()))?;
        let mut stdout = child
            .stdout
            .take()
            .ok_or_else(|| failed("no output".into()))?;
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            let _ = stdout.by_ref().take(1 << 20).read_to_end(&mut out);
            out
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| failed(e.to_string()))? {
                break status;
            }
            if started.elapsed() > self.timeout {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!("no answer in {} s", self.timeout.as_secs())));
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let out = reader.join().unwrap_or_default();
        if !status.success() {
            return Err(failed(format!("it exited with {status}")));
        }
        let answer: serde_json::Value =
            serde_json::from_slice(&out).map_err(|_| failed("its output is not JSON".into()))?;
        let field = |name: &str| {
            answer
                .get(name)
                .and_then(|v| v.as_str())
                .filter(|v| !v.is_empty())
        };
        let (Some(id), Some(secret)) = (field("access_key_id"), field("access_key_secret")) else {
            return Err(failed(
                "its output has no access_key_id and access_key_secret".into(),
            ));
        };
        let credentials = Credentials::new(id, secret);
        match (field("mode"), field("sts_token")) {
            (Some("StsToken"), Some(token)) => Ok(credentials.with_security_token(token)),
            (Some("StsToken"), None) => Err(failed(
                "its output of mode StsToken has no sts_token".into(),
            )),
            (Some("AK") | None, _) => Ok(credentials),
            (Some(mode), _) => Err(failed(format!(
                "its output is of mode {mode}, not AK or StsToken"
            ))),
        }
    }
}

impl ProvideCredentials for ExternalProcess {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let this = self.clone();
        Box::pin(async move {
            let (send, receive) = tokio::sync::oneshot::channel();
            std::thread::spawn(move || {
                let _ = send.send(this.run());
            });
            receive
                .await
                .unwrap_or_else(|_| Err(CredentialsError::failed("the command's thread stopped")))
        })
    }
}
