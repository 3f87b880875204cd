//! What the client tells `tracing` (feature `tracing`): a span per call
//! and per attempt, an event at the end of each attempt, and the
//! credentials' refreshes. No field or message holds a key, a token or a
//! signature: they are built from names, statuses, codes and request ids
//! alone. Without the feature, every function here is empty.

use std::time::Duration;

/// The span of one call.
#[derive(Debug, Clone)]
pub(crate) struct CallSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl CallSpan {
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn new(operation: &str, product: &str, version: &str, region: &str) -> Self {
        CallSpan {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!("ess.call", operation, service = product, version, region,),
        }
    }

    /// The span of attempt `number` of the call.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn attempt(&self, number: u32) -> AttemptSpan {
        AttemptSpan {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                parent: &self.span,
                "ess.attempt",
                attempt = number,
                status = tracing::field::Empty,
                code = tracing::field::Empty,
                request_id = tracing::field::Empty,
                retry = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            ),
        }
    }
}

/// The span of one attempt.
#[derive(Debug)]
pub(crate) struct AttemptSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

/// What an attempt came to, for its span and event.
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(crate) struct AttemptOutcome<'a> {
    pub(crate) status: Option<u16>,
    pub(crate) code: Option<&'a str>,
    pub(crate) request_id: Option<&'a str>,
    /// The wait before the next attempt, or `None` when none follows.
    pub(crate) retry: Option<Duration>,
    pub(crate) latency: Duration,
}

impl AttemptSpan {
    /// Runs `future` inside the span.
    pub(crate) async fn run<F: std::future::Future>(&self, future: F) -> F::Output {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument as _;
            future.instrument(self.span.clone()).await
        }
        #[cfg(not(feature = "tracing"))]
        {
            future.await
        }
    }

    /// Records what the attempt came to, and tells it in an event.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn finish(&self, outcome: &AttemptOutcome<'_>) {
        #[cfg(feature = "tracing")]
        {
            let span = &self.span;
            let latency_ms = outcome.latency.as_millis() as u64;
            let retry = match outcome.retry {
                Some(wait) => format!("after {} ms", wait.as_millis()),
                None => "no".to_owned(),
            };
            if let Some(status) = outcome.status {
                span.record("status", status);
            }
            if let Some(code) = outcome.code {
                span.record("code", code);
            }
            if let Some(id) = outcome.request_id {
                span.record("request_id", id);
            }
            span.record("retry", retry.as_str());
            span.record("latency_ms", latency_ms);
            tracing::info!(
                target: "ess::call",
                parent: span,
                status = outcome.status,
                code = outcome.code,
                request_id = outcome.request_id,
                retry = retry.as_str(),
                latency_ms,
                "attempt done"
            );
        }
    }
}

/// New keys from a provider, valid until `expiry`.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn credentials_refreshed(expiry: Option<std::time::SystemTime>) {
    #[cfg(feature = "tracing")]
    tracing::info!(
        target: "ess::credentials",
        expiry = expiry.map(crate::sign::iso8601).as_deref(),
        "credentials refreshed"
    );
}

/// A provider failed; `kept` says whether the keys before are still used.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn credentials_refresh_failed(error: &crate::credentials::CredentialsError, kept: bool) {
    #[cfg(feature = "tracing")]
    tracing::warn!(
        target: "ess::credentials",
        error = error.message(),
        kept_valid_keys = kept,
        "credentials refresh failed"
    );
}
