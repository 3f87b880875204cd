//! A client for any generated service (feature `client`): credentials
//! from any provider, kept fresh; the endpoint of a region; the vendor's
//! signatures; a pluggable transport; timeouts, retries by the one retry
//! policy, and pages.
//!
//! ```no_run
//! # #[ess_runtime::service(spec_json = r#"{ "errors": [], "style": "RPC", "service": "Ess",
//! #   "api_version": "2014-08-28",
//! #   "responses": { "DescribeRegions": { "properties": { "RequestId": { "type": "string" } } } },
//! #   "requests": { "DescribeRegions": { "parameters": { "RegionId": { "type": "string" } } } } }"#)]
//! # pub mod ess {}
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use ess_runtime::Client;
//!
//! // Keys from the vendor's default chain: the environment, OIDC, the CLI's
//! // profile, the credentials file, the ECS RAM role, a credentials URI.
//! let client = Client::builder("cn-hangzhou").build()?;
//! let ok = client.call(ess::DescribeRegionsRequest::default()).await?;
//! println!("{:?}", ok.body);
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::credentials::{Credentials, CredentialsCache, DefaultChain, ProvideCredentials};
use crate::http_client::{default_http_client, CallRequest, HttpClient, SendOptions};
use crate::operation::Request;
use crate::request::Encoded;
use crate::signing::{self, Signed, Signing, SigningConfig, Target};
use crate::trace::{AttemptOutcome, CallSpan};
use crate::{
    decode::Decoder, decode::Success, error::Error, error::Format, error::TransportCause,
    operation::Operation,
};

/// Why a client cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError(String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BuildError {}

/// Builds a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    config: SigningConfig,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    http: Option<Arc<dyn HttpClient>>,
    timeout: Duration,
    max_attempts: u32,
    backoff: Duration,
    decoder: Decoder,
}

impl ClientBuilder {
    /// Where the keys come from: a [`Credentials`] (static keys), or any
    /// provider. Without it, the vendor's default chain
    /// ([`DefaultChain`]: the environment, OIDC, the CLI's profile, the
    /// credentials file, the ECS instance's RAM role, a credentials URI),
    /// through this client's transport. Expiring keys are kept and
    /// refreshed before they expire ([`CredentialsCache`]).
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sends through `http`: another HTTP stack than reqwest (the default
    /// with the feature `reqwest`), or a test's answers.
    pub fn http_client(mut self, http: impl HttpClient + 'static) -> Self {
        self.http = Some(Arc::new(http));
        self
    }

    /// Sends to `endpoint` (`http://127.0.0.1:8080`, `https://host`)
    /// instead of the region's host of the spec (and of a host parameter in
    /// front of it). A scheme and a host (and port) only: a path would not
    /// be signed, and [`ClientBuilder::build`] refuses it.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.config.endpoint = Some(endpoint.into());
        self
    }

    /// Asks for responses in `format` (JSON by default).
    pub fn format(mut self, format: Format) -> Self {
        self.config.format = format;
        self
    }

    /// How requests are signed.
    pub fn signing(mut self, signing: Signing) -> Self {
        self.config.signing = signing;
        self
    }

    /// The time one attempt may take, connection included (10 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many times a call is sent at most (3), and the first wait
    /// between attempts, doubled each time (200 ms) unless the service asks
    /// for another with `x-acs-retry-after`.
    pub fn retries(mut self, max_attempts: u32, backoff: Duration) -> Self {
        self.max_attempts = max_attempts.max(1);
        self.backoff = backoff;
        self
    }

    /// How responses are read (limits).
    pub fn decoder(mut self, decoder: Decoder) -> Self {
        self.decoder = decoder;
        self
    }

    /// The client. Credentials are asked for at the first call, not here.
    /// Without a transport given and without the feature `reqwest`, an
    /// error that says so.
    pub fn build(self) -> Result<Client, BuildError> {
        if let Some(endpoint) = &self.config.endpoint {
            signing::check_endpoint(endpoint).map_err(BuildError)?;
        }
        let http: Arc<dyn HttpClient> = match self.http {
            Some(http) => http,
            None => default_http_client().map_err(BuildError)?,
        };
        let provider: Arc<dyn ProvideCredentials> = match self.credentials {
            Some(provider) => provider,
            None => Arc::new(DefaultChain::builder().http_client(http.clone()).build()),
        };
        Ok(Client {
            http,
            credentials: Arc::new(CredentialsCache::new(provider)),
            config: self.config,
            timeout: self.timeout,
            max_attempts: self.max_attempts,
            backoff: self.backoff,
            decoder: self.decoder,
        })
    }
}

/// A client for the operations of generated services. Cheap to clone: the
/// clones share the transport and the credentials' cache.
#[derive(Debug, Clone)]
pub struct Client {
    http: Arc<dyn HttpClient>,
    credentials: Arc<CredentialsCache>,
    config: SigningConfig,
    timeout: Duration,
    max_attempts: u32,
    backoff: Duration,
    decoder: Decoder,
}

impl Client {
    /// A client for `region` (`cn-hangzhou`).
    pub fn builder(region: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            config: SigningConfig {
                region: region.into(),
                endpoint: None,
                format: Format::Json,
                signing: Signing::ByStyle,
            },
            credentials: None,
            http: None,
            timeout: Duration::from_secs(10),
            max_attempts: 3,
            backoff: Duration::from_millis(200),
            decoder: Decoder::default(),
        }
    }

    /// The keys the next call is signed with: the cache's, refreshed first
    /// if they near their expiry.
    pub async fn credentials(&self) -> Result<Credentials, crate::credentials::CredentialsError> {
        self.credentials.get().await
    }

    /// Calls the operation of `request`: checks and encodes it (a bad value
    /// is [`Error::Request`], before any I/O), signs it, sends it, and
    /// decodes the answer. A failure that [`crate::RetryAdvice::may_resend`]
    /// allows is sent again, after the service's `x-acs-retry-after` or the
    /// backoff, up to the attempts allowed. Credentials that cannot be had
    /// are [`Error::Request`] too: nothing was sent.
    pub async fn call<R: Request>(
        &self,
        request: R,
    ) -> Result<
        Success<<R::Operation as Operation>::Response>,
        Error<<R::Operation as Operation>::Error>,
    > {
        let name = <R::Operation as Operation>::NAME;
        let encoded = request.encode().map_err(Error::Request)?;
        // Moved, not copied: a transport that records calls keeps it.
        let request = CallRequest::new(request);
        let service = <R::Operation as Operation>::SERVICE;
        if !service.style.is_signed() {
            return Err(Error::Request(crate::error::RequestError::new(
                name,
                "",
                "the client signs RPC, ROA and V3 requests; this service's style has a signature of its own",
            )));
        }
        let span = CallSpan::new(name, service.product, service.version, &self.config.region);
        let mut attempt = 1;
        loop {
            let attempt_span = span.attempt(attempt);
            let started = std::time::Instant::now();
            let (status, outcome) = attempt_span
                .run(async {
                    // Asked at each attempt: keys that expired while a call
                    // waited are refreshed, never sent. An anonymous
                    // operation needs none.
                    let credentials = if <R::Operation as Operation>::ANONYMOUS {
                        None
                    } else {
                        match self.credentials.get().await {
                            Ok(credentials) => Some(credentials),
                            Err(e) => {
                                let e = crate::error::RequestError::new(name, "", e.to_string());
                                return (None, Err(Error::Request(e)));
                            }
                        }
                    };
                    let signed = signing::sign(
                        &self.config,
                        credentials.as_ref(),
                        &Target::of::<R::Operation>(),
                        &encoded,
                        SystemTime::now(),
                    );
                    self.send::<R::Operation>(signed, request.clone()).await
                })
                .await;
            let wait = match &outcome {
                Err(e)
                    if attempt < self.max_attempts
                        && e.retry().may_resend(<R::Operation as Operation>::READ_ONLY) =>
                {
                    let backoff = self.backoff.saturating_mul(1 << (attempt - 1).min(16));
                    Some(e.retry().after.unwrap_or(backoff).min(MAX_WAIT))
                }
                _ => None,
            };
            attempt_span.finish(&AttemptOutcome {
                status,
                code: outcome
                    .as_ref()
                    .err()
                    .and_then(|e| e.code())
                    .map(|c| c.as_str()),
                request_id: match &outcome {
                    Ok(ok) => ok.request_id.as_deref(),
                    Err(e) => e.request_id(),
                },
                retry: wait,
                latency: started.elapsed(),
            });
            let Some(wait) = wait else { return outcome };
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// The pages of a paged operation, from `request`'s page on: each
    /// [`Pages::next`] calls for the page after the last, by its
    /// `NextToken` or by `PageNumber` while the pages so far hold fewer
    /// items than `TotalCount`.
    pub fn pages<R: Request>(&self, request: R) -> Pages<'_, R> {
        Pages {
            client: self,
            request: Some(request),
            tokens: Default::default(),
            number: 0,
        }
    }

    /// Sends `signed` (of `request`) and decodes the answer; the HTTP
    /// status too, if one came.
    async fn send<O: Operation>(
        &self,
        signed: Signed,
        request: CallRequest,
    ) -> (Option<u16>, Result<Success<O::Response>, Error<O::Error>>) {
        let options = SendOptions {
            request: Some(request),
            ..SendOptions::new(self.timeout, self.decoder.max_body_size as u64)
        };
        match self.http.send(signed, options).await {
            Ok(response) => (
                Some(response.status().as_u16()),
                self.decoder.decode_operation_http::<O>(&response),
            ),
            // Not a request HTTP can carry (a header with a line break):
            // nothing was sent, and sending it again would fail the same way.
            Err(e) if e.cause() == TransportCause::InvalidRequest => (
                None,
                Err(Error::Request(crate::error::RequestError::new(
                    O::NAME,
                    "",
                    e.message(),
                ))),
            ),
            Err(e) => (None, Err(Error::Transport(e))),
        }
    }

    /// The request `encoded` of operation `O`, signed with `credentials`
    /// at `now`: the common parameters and the signature of the service's
    /// style (none for an anonymous operation, [`Operation::ANONYMOUS`]).
    /// Public so that a test (or a proxy) can see exactly what is sent.
    pub fn sign<O: Operation>(
        &self,
        credentials: &Credentials,
        encoded: &Encoded,
        now: SystemTime,
    ) -> Signed {
        let credentials = (!O::ANONYMOUS).then_some(credentials);
        signing::sign(&self.config, credentials, &Target::of::<O>(), encoded, now)
    }

    /// [`Client::sign`] for an operation known only at run time (the `ess
    /// call` command), by its action, method and service; `None`: an
    /// anonymous call, with no key and no signature.
    pub fn sign_target(
        &self,
        credentials: Option<&Credentials>,
        target: &Target<'_>,
        encoded: &Encoded,
        now: SystemTime,
    ) -> Signed {
        signing::sign(&self.config, credentials, target, encoded, now)
    }
}

/// The longest wait between two attempts, whatever the service asks
/// (`x-acs-retry-after`) or the backoff grows to.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// The pages of a paged call; see [`Client::pages`].
#[derive(Debug)]
pub struct Pages<'c, R: Request> {
    client: &'c Client,
    /// The request of the next page; `None` after the last.
    request: Option<R>,
    /// The tokens asked for, and the last page number: a token asked for
    /// before, or a number not past the last, ends the pages instead of
    /// looping (a service that answers the same pages again).
    tokens: std::collections::HashSet<String>,
    number: i64,
}

impl<R: Request> Pages<'_, R> {
    /// The next page, or `None` after the last (or after an error).
    pub async fn next(
        &mut self,
    ) -> Option<
        Result<
            Success<<R::Operation as Operation>::Response>,
            Error<<R::Operation as Operation>::Error>,
        >,
    > {
        let request = self.request.take()?;
        let outcome = self.client.call(request.clone()).await;
        if let Ok(page) = &outcome {
            let paging = <<R::Operation as Operation>::Body as crate::operation::BodyKind>::facts(
                &page.body,
            )
            .paging;
            let fresh = |next: &crate::request::NextPage| match next {
                crate::request::NextPage::Token(token) => !self.tokens.contains(token),
                crate::request::NextPage::Number(n) => *n > self.number,
            };
            if let Some(next) = paging.next().filter(fresh) {
                let mut request = request;
                if request.turn_page(&next) {
                    self.request = Some(request);
                    match next {
                        crate::request::NextPage::Token(token) => {
                            self.tokens.insert(token);
                        }
                        crate::request::NextPage::Number(n) => self.number = n,
                    }
                }
            }
        }
        Some(outcome)
    }
}

#[cfg(all(test, not(feature = "reqwest")))]
mod without_reqwest {
    use super::*;

    #[test]
    fn a_client_without_a_transport_says_how_to_have_one() {
        let e = Client::builder("cn-hangzhou").build().unwrap_err();
        assert!(e.to_string().contains(".http_client(...)"), "{e}");
        assert!(e.to_string().contains("feature `reqwest`"), "{e}");
    }
}
