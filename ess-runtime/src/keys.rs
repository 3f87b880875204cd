//! A key: what a call is signed with.

use std::fmt;
use std::time::SystemTime;

use crate::sign::RpcV1Key;

/// An access key, and the token and expiry of a temporary (STS) one.
/// Neither the secret nor the token appears in `Debug`.
#[derive(Clone)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: String,
    security_token: Option<String>,
    expiry: Option<SystemTime>,
    /// The secret keyed once for RPC signatures.
    rpc_key: RpcV1Key,
}

impl PartialEq for Credentials {
    fn eq(&self, other: &Self) -> bool {
        self.access_key_id == other.access_key_id
            && self.access_key_secret == other.access_key_secret
            && self.security_token == other.security_token
            && self.expiry == other.expiry
    }
}

impl Eq for Credentials {}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<hidden>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<hidden>"),
            )
            .field("expiry", &self.expiry.map(crate::sign::iso8601))
            .finish()
    }
}

impl Credentials {
    /// A long-term access key.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        let access_key_secret = access_key_secret.into();
        Credentials {
            rpc_key: RpcV1Key::new(&access_key_secret),
            access_key_id: access_key_id.into(),
            access_key_secret,
            security_token: None,
            expiry: None,
        }
    }

    /// A temporary key from STS, with its token.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// The time after which the key is no longer accepted.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The key's id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// When the key expires; `None` for a long-term key.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Whether the key is a temporary one, with a security token.
    pub fn has_security_token(&self) -> bool {
        self.security_token.is_some()
    }

    pub(crate) fn secret(&self) -> &str {
        &self.access_key_secret
    }

    pub(crate) fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }

    pub(crate) fn rpc_key(&self) -> &RpcV1Key {
        &self.rpc_key
    }
}
