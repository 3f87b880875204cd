//! Whether and when to send a failed request again.
//!
//! This is guidance, not a retry loop: [`Error::retry`] classifies an
//! outcome, and the caller decides how to back off (the `retry` example
//! shows a loop in a dozen lines).

use std::time::Duration;

use crate::{ApiError, Error, ErrorCode, RetryClass};

/// What kind of failure an outcome is, for deciding on a retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryKind {
    /// Rate-limited (a `throttling` code, or any `Throttling*` code): back
    /// off, then retry.
    Throttling,
    /// The spec marks the code `transient`: retry.
    Transient,
    /// A 500, 502, 503 or 504 without a code the spec classifies (a
    /// gateway's page, an unknown server error): retry with backoff.
    Server,
    /// The request was wrong (another 4xx): fix it; retrying will not help.
    Client,
    /// Anything else: do not retry.
    NotRetryable,
}

impl RetryKind {
    /// Whether sending the same request again can succeed.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            RetryKind::Throttling | RetryKind::Transient | RetryKind::Server
        )
    }
}

/// [`RetryKind`] and the delay the service asked for, if it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryAdvice {
    /// The kind of failure.
    pub kind: RetryKind,
    /// The `x-acs-retry-after` header (milliseconds), when the response had
    /// one: wait at least this long.
    pub after: Option<Duration>,
}

impl RetryAdvice {
    /// Whether sending the same request again can succeed.
    pub fn is_retryable(&self) -> bool {
        self.kind.is_retryable()
    }
}

fn by_status(status: u16) -> RetryKind {
    match status {
        500 | 502 | 503 | 504 => RetryKind::Server,
        400..=499 => RetryKind::Client,
        _ => RetryKind::NotRetryable,
    }
}

impl<E: ErrorCode> ApiError<E> {
    /// The retry guidance for this error. The code wins over the status: the
    /// vendor sends `Throttling` as 400.
    pub fn retry(&self) -> RetryAdvice {
        let kind = match self.retry_class() {
            Some(RetryClass::Throttling) => RetryKind::Throttling,
            Some(RetryClass::Transient) if self.code().known().is_some() => RetryKind::Transient,
            _ => by_status(self.status),
        };
        RetryAdvice {
            kind,
            after: self.retry_after,
        }
    }
}

impl<E: ErrorCode> Error<E> {
    /// The retry guidance for this outcome: for an API error, from its code
    /// and status; for a body that could not be read, from the status alone
    /// (a gateway's 502 page is worth a retry, a malformed 200 is not).
    pub fn retry(&self) -> RetryAdvice {
        match self {
            Error::Api(e) => e.retry(),
            Error::Body(e) => RetryAdvice {
                kind: by_status(e.status()),
                after: None,
            },
        }
    }
}
