//! Whether and when to send a failed request again: one policy, in
//! [`RetryAdvice`], that every classifier calls: [`RetryAdvice::new`] for
//! a response (the decoded errors, the `ess` command, the importer's
//! default retry classes), [`RetryAdvice::without_response`] and
//! [`RetryAdvice::refused`] for a failure that has none.
//!
//! This is guidance, not a retry loop: the caller decides how to back off
//! (the repository's `retry` example shows a loop in a dozen lines).

use std::time::Duration;

use crate::code::RetryClass;

/// What to do about a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryKind {
    /// Rate-limited: back off, then retry.
    Throttling,
    /// A temporary failure on the server's side: retry, with backoff.
    Transient,
    /// The request was wrong (a 4xx): fix it; retrying will not help.
    Client,
    /// Anything else: do not retry.
    NotRetryable,
}

impl RetryKind {
    /// Whether sending the same request again can succeed.
    pub fn is_retryable(self) -> bool {
        matches!(self, RetryKind::Throttling | RetryKind::Transient)
    }
}

/// What the advice rests on: what the spec states, kept apart from what is
/// inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryBasis {
    /// The spec gives the code a retry class.
    Spec,
    /// Inferred from the code's name: it starts with `Throttling`.
    CodeName,
    /// Inferred from the HTTP status alone.
    Status,
    /// The request never reached the service (a connection that failed,
    /// a parameter refused before sending).
    Unsent,
    /// The request was sent and no response came (a timeout, a connection
    /// lost): the service may have acted on it.
    NoResponse,
}

/// [`RetryKind`], what it rests on, and the delay the service asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryAdvice {
    /// What to do.
    pub kind: RetryKind,
    /// Why: stated by the spec or inferred.
    pub basis: RetryBasis,
    /// The `x-acs-retry-after` header (milliseconds), when the response had
    /// one: how long the service asks to be left alone (the client waits
    /// it, up to 30 s).
    pub after: Option<Duration>,
}

impl RetryAdvice {
    /// The retry policy. In order:
    ///
    /// 1. the retry class the spec `stated` for a known code;
    /// 2. a `code` that starts with `Throttling` is throttling, whatever its
    ///    status (the vendor throttles with 400);
    /// 3. the `status`: 429 is throttling; 408, 500, 502, 503 and 504 are
    ///    transient; any other 4xx is the client's fault; anything else (501,
    ///    505 and above, a success status whose body was unreadable) is not
    ///    retryable.
    ///
    /// `after` is the `x-acs-retry-after` delay, passed through.
    pub fn new(
        stated: Option<RetryClass>,
        code: Option<&str>,
        status: u16,
        after: Option<Duration>,
    ) -> RetryAdvice {
        let (kind, basis) = match stated {
            Some(RetryClass::Throttling) => (RetryKind::Throttling, RetryBasis::Spec),
            Some(RetryClass::Transient) => (RetryKind::Transient, RetryBasis::Spec),
            None if code.is_some_and(|code| code.starts_with("Throttling")) => {
                (RetryKind::Throttling, RetryBasis::CodeName)
            }
            None => (by_status(status), RetryBasis::Status),
        };
        RetryAdvice { kind, basis, after }
    }

    /// A transport failure: transient, and [`RetryBasis::Unsent`] unless
    /// the request was `sent` ([`RetryBasis::NoResponse`]).
    pub fn without_response(sent: bool) -> Self {
        let basis = if sent {
            RetryBasis::NoResponse
        } else {
            RetryBasis::Unsent
        };
        RetryAdvice {
            kind: RetryKind::Transient,
            basis,
            after: None,
        }
    }

    /// A request refused before sending (a parameter out of its limits):
    /// the caller's to fix.
    pub fn refused() -> Self {
        RetryAdvice {
            kind: RetryKind::Client,
            basis: RetryBasis::Unsent,
            after: None,
        }
    }

    /// Whether sending the same request again can succeed.
    pub fn is_retryable(&self) -> bool {
        self.kind.is_retryable()
    }

    /// Whether the same request may be sent again, for an operation that
    /// only reads (`read_only`) or not: throttling always (the service
    /// refused it before acting) and what never reached the service; any
    /// other transient failure only if the operation only reads, since a
    /// create that timed out may have been done. The client's retries
    /// follow this.
    pub fn may_resend(&self, read_only: bool) -> bool {
        match self.kind {
            RetryKind::Throttling => true,
            RetryKind::Transient => read_only || self.basis == RetryBasis::Unsent,
            RetryKind::Client | RetryKind::NotRetryable => false,
        }
    }

    /// The retry class this advice amounts to, if it is retryable: what a
    /// spec would state for a code with this advice.
    pub fn class(&self) -> Option<RetryClass> {
        match self.kind {
            RetryKind::Throttling => Some(RetryClass::Throttling),
            RetryKind::Transient => Some(RetryClass::Transient),
            RetryKind::Client | RetryKind::NotRetryable => None,
        }
    }
}

fn by_status(status: u16) -> RetryKind {
    match status {
        429 => RetryKind::Throttling,
        408 | 500 | 502 | 503 | 504 => RetryKind::Transient,
        400..=499 => RetryKind::Client,
        _ => RetryKind::NotRetryable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(
        stated: Option<RetryClass>,
        code: Option<&str>,
        status: u16,
    ) -> (RetryKind, RetryBasis) {
        let advice = RetryAdvice::new(stated, code, status, None);
        (advice.kind, advice.basis)
    }

    #[test]
    fn the_spec_then_the_code_name_then_the_status() {
        use RetryBasis::*;
        use RetryKind::*;
        let throttling = Some(RetryClass::Throttling);
        let transient = Some(RetryClass::Transient);
        assert_eq!(kind(throttling, Some("Busy"), 500), (Throttling, Spec));
        assert_eq!(kind(transient, Some("Busy"), 400), (Transient, Spec));
        assert_eq!(
            kind(None, Some("Throttling.User"), 400),
            (Throttling, CodeName)
        );
        assert_eq!(kind(None, Some("Throttling"), 503), (Throttling, CodeName));
        assert_eq!(kind(None, Some("NotThrottling"), 400), (Client, Status));
        assert_eq!(kind(None, Some("X"), 429), (Throttling, Status));
        for status in [408, 500, 502, 503, 504] {
            assert_eq!(
                kind(None, Some("X"), status),
                (Transient, Status),
                "{status}"
            );
        }
        for status in [400, 403, 404, 499] {
            assert_eq!(kind(None, None, status), (Client, Status), "{status}");
        }
        for status in [200, 501, 505, 599] {
            assert_eq!(kind(None, None, status), (NotRetryable, Status), "{status}");
        }
    }

    #[test]
    fn only_throttling_and_the_unsent_are_resent_for_an_operation_that_writes() {
        let advice = |kind, basis| RetryAdvice {
            kind,
            basis,
            after: None,
        };
        let throttled = advice(RetryKind::Throttling, RetryBasis::Spec);
        let unavailable = advice(RetryKind::Transient, RetryBasis::Status);
        let timed_out = RetryAdvice::without_response(true);
        let unsent = RetryAdvice::without_response(false);
        let refused = RetryAdvice::refused();
        for (advice, read_only, resend) in [
            (throttled, false, true),
            (throttled, true, true),
            (unavailable, false, false),
            (unavailable, true, true),
            (timed_out, false, false),
            (timed_out, true, true),
            (unsent, false, true),
            (refused, true, false),
        ] {
            assert_eq!(
                advice.may_resend(read_only),
                resend,
                "{advice:?} {read_only}"
            );
        }
    }

    #[test]
    fn the_class_is_what_a_spec_would_state() {
        let advice = |status| RetryAdvice::new(None, None, status, None).class();
        assert_eq!(advice(429), Some(RetryClass::Throttling));
        assert_eq!(advice(503), Some(RetryClass::Transient));
        assert_eq!(advice(404), None);
        assert_eq!(advice(501), None);
    }
}
