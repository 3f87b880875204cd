//! Keys kept between calls, and refreshed before they expire.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::{Credentials, CredentialsError, ProvideCredentials};

/// How long before its expiry a key is refreshed, at most.
const REFRESH_AHEAD: Duration = Duration::from_secs(5 * 60);
/// A key this close to its expiry is expired: it would expire on the way
/// (a tenth of its life for keys that live less than 100 s).
const EXPIRY_MARGIN: Duration = Duration::from_secs(10);
/// The longest an exchange with a provider may take.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The first wait after a failed refresh of keys still valid, doubled at
/// each failure, up to a minute.
const FIRST_RETRY: Duration = Duration::from_secs(1);

/// The keys of a provider, kept between calls: long-term keys once, and
/// expiring ones refreshed before they expire (up to five minutes ahead,
/// less for keys that live shorter, with a little jitter so that many
/// processes do not refresh at once). One task at a time refreshes,
/// however many calls wait (the others wait for its keys); a refresh that
/// fails while the keys are still valid keeps them and is tried again
/// after a backoff; keys that have expired are never given out.
#[derive(Debug)]
pub struct CredentialsCache {
    provider: Arc<dyn ProvideCredentials>,
    state: Mutex<State>,
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Debug, Default)]
struct State {
    current: Option<Credentials>,
    /// When the current keys were given.
    obtained: Option<SystemTime>,
    /// When to refresh the current keys.
    refresh_at: Option<SystemTime>,
    /// When a failed refresh may be tried again, and how many failed.
    retry_at: Option<SystemTime>,
    failures: u32,
}

impl CredentialsCache {
    /// Keeps the keys of `provider`.
    pub fn new(provider: Arc<dyn ProvideCredentials>) -> Self {
        CredentialsCache {
            provider,
            state: Mutex::new(State::default()),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// The current keys, refreshed first when they near their expiry.
    pub async fn get(&self) -> Result<Credentials, CredentialsError> {
        if let Some(fresh) = self.fresh(SystemTime::now()) {
            return Ok(fresh);
        }
        // One refresh at a time: who waited here finds the keys the one
        // before refreshed.
        let _refreshing = self.refresh.lock().await;
        if let Some(fresh) = self.fresh(SystemTime::now()) {
            return Ok(fresh);
        }
        let outcome = match tokio::time::timeout(TIMEOUT, self.provider.provide_credentials()).await
        {
            Ok(outcome) => outcome,
            Err(_) => Err(CredentialsError::failed(format!(
                "the provider gave no keys in {} s",
                TIMEOUT.as_secs()
            ))),
        };
        let now = SystemTime::now();
        let mut state = self.lock();
        match outcome {
            Ok(credentials) if is_expired(&credentials, now, now) => Err(CredentialsError::failed(
                "the provider gave keys that have expired",
            )),
            Ok(credentials) => {
                state.obtained = Some(now);
                state.refresh_at = credentials.expiry().map(|expiry| refresh_time(now, expiry));
                state.retry_at = None;
                state.failures = 0;
                state.current = Some(credentials.clone());
                crate::trace::credentials_refreshed(credentials.expiry());
                Ok(credentials)
            }
            Err(e) => match &state.current {
                // Still valid: kept, and the refresh tried again later.
                Some(current) if !is_expired(current, state.obtained.unwrap_or(now), now) => {
                    let current = current.clone();
                    let wait = FIRST_RETRY
                        .saturating_mul(1 << state.failures.min(6))
                        .min(Duration::from_secs(60));
                    state.failures += 1;
                    state.retry_at = Some(now + wait);
                    crate::trace::credentials_refresh_failed(&e, true);
                    Ok(current)
                }
                _ => {
                    crate::trace::credentials_refresh_failed(&e, false);
                    Err(e)
                }
            },
        }
    }

    /// The current keys if they need no refresh at `now`.
    fn fresh(&self, now: SystemTime) -> Option<Credentials> {
        let state = self.lock();
        let current = state.current.as_ref()?;
        if is_expired(current, state.obtained.unwrap_or(now), now) {
            return None;
        }
        let due = state.refresh_at.is_some_and(|at| now >= at);
        let may_retry = state.retry_at.is_none_or(|at| now >= at);
        (!(due && may_retry)).then(|| current.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state stays whole whatever panicked while it was held.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Whether `credentials`, given at `obtained`, expire within the margin of
/// `now`.
fn is_expired(credentials: &Credentials, obtained: SystemTime, now: SystemTime) -> bool {
    credentials.expiry().is_some_and(|expiry| {
        let life = expiry.duration_since(obtained).unwrap_or_default();
        expiry <= now + EXPIRY_MARGIN.min(life / 10)
    })
}

/// When to refresh keys obtained at `now` that expire at `expiry`: five
/// minutes ahead, or a quarter of their life for keys that live less than
/// twenty minutes, less a jitter of up to a tenth of that.
fn refresh_time(now: SystemTime, expiry: SystemTime) -> SystemTime {
    let life = expiry.duration_since(now).unwrap_or_default();
    let ahead = REFRESH_AHEAD.min(life / 4);
    let jitter = ahead.mul_f64(jitter_fraction() / 10.0);
    expiry - ahead - jitter
}

/// A number in [0, 1), from the nonce's randomness.
fn jitter_fraction() -> f64 {
    let nonce = crate::sign::nonce();
    let bits = u64::from_str_radix(&nonce[..16], 16).unwrap_or(0);
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_refreshed_ahead_of_their_expiry() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let hour = refresh_time(now, now + Duration::from_secs(3600));
        assert!(hour <= now + Duration::from_secs(3300) && hour >= now + Duration::from_secs(3270));
        let short = refresh_time(now, now + Duration::from_secs(40));
        assert!(short <= now + Duration::from_secs(30) && short >= now + Duration::from_secs(29));
        let hour = Credentials::new("id", "s").with_expiry(now + Duration::from_secs(3600));
        let later = now + Duration::from_secs(3595);
        assert!(is_expired(&hour, now, later), "within the margin");
        assert!(!is_expired(&hour, now, now + Duration::from_secs(3589)));
        // Keys that live 4 s have a margin of 0.4 s.
        let short = Credentials::new("id", "s").with_expiry(now + Duration::from_secs(4));
        assert!(!is_expired(&short, now, now + Duration::from_millis(3500)));
        assert!(is_expired(&short, now, now + Duration::from_millis(3700)));
        assert!(!is_expired(&Credentials::new("id", "s"), now, later));
    }
}
