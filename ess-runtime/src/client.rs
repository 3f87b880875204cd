//! A client for any generated service (feature `reqwest`): credentials,
//! the endpoint of a region, the vendor's signatures, timeouts, retries by
//! the one retry policy, and pages.
//!
//! ```no_run
//! # #[ess_runtime::service(spec_json = r#"{ "errors": [], "style": "RPC", "service": "Ess",
//! #   "api_version": "2014-08-28",
//! #   "responses": { "DescribeRegions": { "properties": { "RequestId": { "type": "string" } } } },
//! #   "requests": { "DescribeRegions": { "parameters": { "RegionId": { "type": "string" } } } } }"#)]
//! # pub mod ess {}
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use ess_runtime::{Client, Credentials};
//!
//! let client = Client::builder("cn-hangzhou")
//!     .credentials(Credentials::from_chain()?)
//!     .build()?;
//! let ok = client.call(ess::DescribeRegionsRequest::default()).await?;
//! println!("{:?}", ok.body);
//! # Ok(()) }
//! ```

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::operation::Request;
use crate::request::{self, ApiStyle, Encoded, ServiceInfo};
use crate::sign;
use crate::{
    decode::Decoder, decode::Success, error::Error, error::Format, error::TransportError,
    operation::Operation,
};

/// An access key, and the token of a temporary (STS) one. Neither the
/// secret nor the token appears in `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: String,
    security_token: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<hidden>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<hidden>"),
            )
            .finish()
    }
}

/// Why no credentials were found: each place tried, and what it lacked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError(String);

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credentials: {}", self.0)
    }
}

impl std::error::Error for CredentialsError {}

/// The prefixes of the vendor CLI's environment variables, most preferred
/// first: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABACLOUD_ACCESS_KEY_ID`, ...
const ENV_PREFIXES: [&str; 3] = ["ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_"];

/// The variable `prefix` + `name` of `var`, unless unset or empty (the
/// vendor's tools take an empty variable as unset).
fn env_value(var: &impl Fn(&str) -> Option<String>, prefix: &str, name: &str) -> Option<String> {
    var(&format!("{prefix}{name}")).filter(|v| !v.is_empty())
}

impl Credentials {
    /// A long-term access key.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// A temporary key from STS, with its token.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// The key's id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// From the environment, as the vendor's CLI and SDKs read it:
    /// `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and
    /// (for an STS key) `ALIBABA_CLOUD_SECURITY_TOKEN`, or the same with
    /// the prefixes `ALIBABACLOUD_` and `ALICLOUD_`: all three of the first
    /// prefix whose key id is set (an empty variable is unset).
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, CredentialsError> {
        // The id, the secret and the token of one prefix: a key is never
        // paired with another prefix's leftover secret or token.
        let prefix = ENV_PREFIXES
            .into_iter()
            .find(|prefix| env_value(&var, prefix, "ACCESS_KEY_ID").is_some());
        let key = prefix.and_then(|prefix| {
            let id = env_value(&var, prefix, "ACCESS_KEY_ID")?;
            let secret = env_value(&var, prefix, "ACCESS_KEY_SECRET")?;
            let credentials = Credentials::new(id, secret);
            Some(match env_value(&var, prefix, "SECURITY_TOKEN") {
                Some(token) => credentials.with_security_token(token),
                None => credentials,
            })
        });
        key.ok_or_else(|| {
            let prefix = prefix.unwrap_or(ENV_PREFIXES[0]);
            CredentialsError(format!(
                "{prefix}ACCESS_KEY_ID and {prefix}ACCESS_KEY_SECRET are not both set"
            ))
        })
    }

    /// From the vendor's CLI profile file, `~/.aliyun/config.json`: the
    /// profile `name`, else `ALIBABA_CLOUD_PROFILE`, else the file's
    /// `current`. Profiles of mode `AK` and `StsToken` are read; the modes
    /// that fetch keys from a service (`RamRoleArn`, `EcsRamRole`, ...) are
    /// not.
    pub fn from_profile(name: Option<&str>) -> Result<Self, CredentialsError> {
        let home = std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .ok_or_else(|| {
                CredentialsError("no home directory for ~/.aliyun/config.json".into())
            })?;
        let path = std::path::Path::new(&home)
            .join(".aliyun")
            .join("config.json");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| CredentialsError(format!("{}: {e}", path.display())))?;
        let wanted = name.map(str::to_owned).or_else(|| {
            let var = |name: &str| std::env::var(name).ok();
            ENV_PREFIXES
                .iter()
                .find_map(|prefix| env_value(&var, prefix, "PROFILE"))
        });
        Self::from_profile_text(&text, wanted.as_deref())
            .map_err(|why| CredentialsError(format!("{}: {why}", path.display())))
    }

    fn from_profile_text(text: &str, name: Option<&str>) -> Result<Self, String> {
        let config: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let name = match name {
            Some(name) => name,
            None => config["current"].as_str().unwrap_or("default"),
        };
        let profile = config["profiles"]
            .as_array()
            .and_then(|p| p.iter().find(|p| p["name"] == name))
            .ok_or_else(|| format!("no profile {name:?}"))?;
        let field = |key: &str| profile[key].as_str().filter(|v| !v.is_empty());
        let mode = field("mode").unwrap_or("AK");
        if !matches!(mode, "AK" | "StsToken") {
            return Err(format!("profile {name:?} is of mode {mode}, which fetches keys from a service; use AK or StsToken"));
        }
        let (Some(id), Some(secret)) = (field("access_key_id"), field("access_key_secret")) else {
            return Err(format!(
                "profile {name:?} has no access_key_id and access_key_secret"
            ));
        };
        let credentials = Credentials::new(id, secret);
        match (mode, field("sts_token")) {
            ("StsToken", Some(token)) => Ok(credentials.with_security_token(token)),
            ("StsToken", None) => Err(format!(
                "profile {name:?} of mode StsToken has no sts_token"
            )),
            _ => Ok(credentials),
        }
    }

    /// The chain of the vendor's tools, first found wins: the environment
    /// ([`Credentials::from_env`]), then the CLI's profile file
    /// ([`Credentials::from_profile`]).
    pub fn from_chain() -> Result<Self, CredentialsError> {
        let env = match Self::from_env() {
            Ok(credentials) => return Ok(credentials),
            Err(e) => e,
        };
        Self::from_profile(None)
            .map_err(|profile| CredentialsError(format!("{}; {}", env.0, profile.0)))
    }
}

/// How requests are signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signing {
    /// By the service's style: RPC signature 1.0 for RPC, the ROA
    /// signature for ROA, V3 for V3.
    ByStyle,
    /// `ACS3-HMAC-SHA256` for every style.
    V3,
}

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
    region: String,
    credentials: Option<Credentials>,
    endpoint: Option<String>,
    format: Format,
    signing: Signing,
    timeout: Duration,
    max_attempts: u32,
    backoff: Duration,
    decoder: Decoder,
}

impl ClientBuilder {
    /// The credentials; [`Credentials::from_chain`] if not given.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sends to `endpoint` (`http://127.0.0.1:8080`, `https://host`)
    /// instead of the region's host of the spec (and of a host parameter in
    /// front of it). A scheme and a host (and port) only: a path would not
    /// be signed, and [`ClientBuilder::build`] refuses it.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Asks for responses in `format` (JSON by default).
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// How requests are signed.
    pub fn signing(mut self, signing: Signing) -> Self {
        self.signing = signing;
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

    /// The client.
    pub fn build(self) -> Result<Client, BuildError> {
        let credentials = match self.credentials {
            Some(credentials) => credentials,
            None => Credentials::from_chain().map_err(|e| BuildError(e.to_string()))?,
        };
        if let Some(endpoint) = &self.endpoint {
            check_endpoint(endpoint)?;
        }
        // A signed request is for its host alone: a redirect would send its
        // headers (the key id, an STS token) to another.
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| BuildError(format!("the HTTP client: {e}")))?;
        Ok(Client {
            http,
            rpc_key: sign::RpcV1Key::new(&credentials.access_key_secret),
            credentials,
            region: self.region,
            endpoint: self.endpoint,
            format: self.format,
            signing: self.signing,
            max_attempts: self.max_attempts,
            backoff: self.backoff,
            decoder: self.decoder,
        })
    }
}

/// An endpoint given to [`ClientBuilder::endpoint`]: `http://` or
/// `https://`, a host and maybe a port, and no path (`/` at the end is
/// taken off), query or fragment.
fn check_endpoint(endpoint: &str) -> Result<(), BuildError> {
    let host = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
        .ok_or_else(|| {
            BuildError(format!(
                "the endpoint {endpoint:?} does not start with http:// or https://"
            ))
        })?;
    let host = host.strip_suffix('/').unwrap_or(host);
    if host.is_empty() {
        return Err(BuildError(format!("the endpoint {endpoint:?} has no host")));
    }
    match host.find(['/', '?', '#']) {
        Some(at) => Err(BuildError(format!(
            "the endpoint {endpoint:?} has more than a host ({:?}): give only the scheme, host and port, such as \"http://127.0.0.1:8080\"",
            &host[at..]
        ))),
        None => Ok(()),
    }
}

/// A client for the operations of generated services. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    credentials: Credentials,
    /// The secret, keyed once for RPC signatures.
    rpc_key: sign::RpcV1Key,
    region: String,
    endpoint: Option<String>,
    format: Format,
    signing: Signing,
    max_attempts: u32,
    backoff: Duration,
    decoder: Decoder,
}

/// A request ready to send: method, URL, headers and body, signed. Its
/// `Debug` hides the authorization and the values of secret parameters and
/// headers (the security token, a password: [`request::is_secret`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// `GET`, `POST`, ...
    pub method: &'static str,
    /// The whole URL, its query percent-encoded.
    pub url: String,
    /// The headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The values of secret parameters (the security token, a
        // password: `request::is_secret`) and the authorization are hidden.
        let url = match self.url.split_once('?') {
            Some((origin, query)) => {
                let pairs: Vec<String> = query
                    .split('&')
                    .map(|pair| match pair.split_once('=') {
                        Some((key, _)) if request::is_secret(key) => format!("{key}=<hidden>"),
                        _ => pair.to_owned(),
                    })
                    .collect();
                format!("{origin}?{}", pairs.join("&"))
            }
            None => self.url.clone(),
        };
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                if k == "authorization" || request::is_secret(k) {
                    (k.as_str(), "<hidden>")
                } else {
                    (k.as_str(), v.as_str())
                }
            })
            .collect();
        f.debug_struct("Signed")
            .field("method", &self.method)
            .field("url", &url)
            .field("headers", &headers)
            .field("body", &format_args!("{} bytes", self.body.len()))
            .finish()
    }
}

impl Client {
    /// A client for `region` (`cn-hangzhou`).
    pub fn builder(region: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            region: region.into(),
            credentials: None,
            endpoint: None,
            format: Format::Json,
            signing: Signing::ByStyle,
            timeout: Duration::from_secs(10),
            max_attempts: 3,
            backoff: Duration::from_millis(200),
            decoder: Decoder::default(),
        }
    }

    /// Calls the operation of `request`: checks and encodes it (a bad value
    /// is [`Error::Request`], before any I/O), signs it, sends it, and
    /// decodes the answer. A failure that [`crate::RetryAdvice::may_resend`]
    /// allows is sent again, after the service's `x-acs-retry-after` or the
    /// backoff, up to the attempts allowed.
    pub async fn call<R: Request>(
        &self,
        request: R,
    ) -> Result<
        Success<<R::Operation as Operation>::Response>,
        Error<<R::Operation as Operation>::Error>,
    > {
        let encoded = request.encode().map_err(Error::Request)?;
        let service = <R::Operation as Operation>::SERVICE;
        if !service.style.is_signed() {
            return Err(Error::Request(crate::RequestError::new(
                <R::Operation as Operation>::NAME,
                "",
                "the client signs RPC, ROA and V3 requests; this service's style has a signature of its own",
            )));
        }
        let mut attempt = 1;
        loop {
            let signed = self.sign::<R::Operation>(&encoded, SystemTime::now());
            let outcome = self.send::<R::Operation>(signed).await;
            let Err(e) = &outcome else { return outcome };
            let advice = e.retry();
            if attempt >= self.max_attempts
                || !advice.may_resend(<R::Operation as Operation>::READ_ONLY)
            {
                return outcome;
            }
            let backoff = self.backoff.saturating_mul(1 << (attempt - 1).min(16));
            tokio::time::sleep(advice.after.unwrap_or(backoff).min(MAX_WAIT)).await;
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

    async fn send<O: Operation>(
        &self,
        signed: Signed,
    ) -> Result<Success<O::Response>, Error<O::Error>> {
        let method =
            reqwest::Method::from_bytes(signed.method.as_bytes()).unwrap_or(reqwest::Method::POST);
        let mut builder = self.http.request(method, &signed.url);
        for (name, value) in &signed.headers {
            builder = builder.header(name, value);
        }
        let response = builder.body(signed.body).send().await.map_err(|e| {
            // The URL may hold a security token: not in the error.
            let e = e.without_url();
            if e.is_builder() {
                // Not a request HTTP can carry (a header with a line break,
                // an endpoint without a scheme): nothing was sent, and
                // sending it again would fail the same way.
                return Error::Request(crate::RequestError::new(O::NAME, "", e.to_string()));
            }
            // A connection that failed sent nothing.
            Error::Transport(TransportError::from_error(
                !e.is_connect(),
                e.is_timeout(),
                &e,
            ))
        })?;
        self.decoder.decode_operation_reqwest::<O>(response).await
    }

    /// The request `encoded` of operation `O`, signed at `now`: the common
    /// parameters and the signature of the service's style. Public so that
    /// a test (or a proxy) can see exactly what is sent.
    pub fn sign<O: Operation>(&self, encoded: &Encoded, now: SystemTime) -> Signed {
        let target = Target {
            action: O::NAME,
            method: O::METHOD,
            service: &O::SERVICE,
        };
        self.sign_target(&target, encoded, now)
    }

    /// [`Client::sign`] for an operation known only at run time (the `ess
    /// call` command), by its action, method and service.
    pub fn sign_target(&self, target: &Target<'_>, encoded: &Encoded, now: SystemTime) -> Signed {
        let service = target.service;
        let method = static_method(target.method);
        let style = match (self.signing, service.style) {
            (Signing::V3, _) | (_, ApiStyle::V3) => Style::V3,
            (_, ApiStyle::Roa) => Style::Roa,
            _ => Style::Rpc,
        };
        let path = if encoded.path.is_empty() {
            "/"
        } else {
            &encoded.path
        };
        // The URL's scheme and host, then its path: the host is what
        // follows the scheme.
        let mut url = Vec::with_capacity(64 + path.len() + encoded.query.text_len() * 2);
        match &self.endpoint {
            Some(endpoint) => url.extend_from_slice(endpoint.trim_end_matches('/').as_bytes()),
            None => {
                url.extend_from_slice(b"https://");
                // A host parameter (an OSS bucket) goes in front of the
                // region's host.
                if let Some(prefix) = &encoded.host {
                    url.extend_from_slice(prefix.as_bytes());
                    url.push(b'.');
                }
                service.push_host(&self.region, &mut url);
            }
        }
        let host_at = url
            .windows(3)
            .position(|w| w == b"://")
            .map_or(0, |at| at + 3);
        let host_end = url.len();
        url.extend_from_slice(path.as_bytes());
        // The body: a body parameter, else the form. The form goes in the
        // query when a GET sends it or a body parameter takes the body: no
        // pair is dropped.
        let form_in_body = encoded.body.is_none() && method != "GET" && !encoded.form.is_empty();
        let form_in_query = !form_in_body;
        let (body, content_type) = match &encoded.body {
            Some((text, media)) => (text.as_bytes().to_vec(), Some(*media)),
            None if form_in_body => (
                form_encode(encoded.form.iter()).into_bytes(),
                Some("application/x-www-form-urlencoded"),
            ),
            None => (Vec::new(), None),
        };
        let mut headers: Vec<(String, String)> = encoded
            .headers
            .iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        if let Some(media) = content_type {
            headers.push(("content-type".into(), media.into()));
        }
        let credentials = &self.credentials;
        if style == Style::Rpc {
            // The request's pairs, marked with whether they go in the URL
            // (every pair is signed, a form body's too).
            let pairs = encoded
                .query
                .iter()
                .map(|(k, v)| (k, v, true))
                .chain(encoded.form.iter().map(|(k, v)| (k, v, form_in_query)));
            let (timestamp, nonce) = (sign::iso8601_bytes(now), sign::nonce_bytes());
            let format = match self.format {
                Format::Json => "JSON",
                Format::Xml => "XML",
            };
            let common = [
                ("AccessKeyId", credentials.access_key_id.as_str()),
                ("Action", target.action),
                ("Format", format),
                (
                    "SecurityToken",
                    credentials.security_token.as_deref().unwrap_or_default(),
                ),
                ("SignatureMethod", "HMAC-SHA1"),
                (
                    "SignatureNonce",
                    std::str::from_utf8(&nonce).unwrap_or_default(),
                ),
                ("SignatureVersion", "1.0"),
                (
                    "Timestamp",
                    std::str::from_utf8(&timestamp).unwrap_or_default(),
                ),
                ("Version", service.version),
            ];
            let common = common
                .iter()
                .filter(|(key, _)| *key != "SecurityToken" || credentials.security_token.is_some());
            let sorted = merge_sorted(pairs, common.map(|&(k, v)| (k, v, true)));
            url.push(b'?');
            self.rpc_key.push_signed_query(method, &sorted, &mut url);
        } else {
            let nonce = sign::nonce();
            let date = if style == Style::V3 {
                sign::iso8601(now)
            } else {
                sign::http_date(now)
            };
            let mut query: Vec<(&str, &str)> =
                Vec::with_capacity(encoded.query.len() + encoded.form.len());
            query.extend(encoded.query.iter());
            if form_in_query {
                query.extend(encoded.form.iter());
            }
            let host = String::from_utf8_lossy(&url[host_at..host_end]).into_owned();
            headers.push(("host".into(), host));
            headers.push(("x-acs-action".into(), target.action.into()));
            headers.push(("x-acs-version".into(), service.version.into()));
            headers.push(("x-acs-signature-nonce".into(), nonce));
            headers.push(("accept".into(), "application/json".into()));
            if let Some(token) = &credentials.security_token {
                headers.push(("x-acs-security-token".into(), token.clone()));
                headers.push((
                    "x-acs-accesskey-id".into(),
                    credentials.access_key_id.clone(),
                ));
            }
            let payload_hash = sign::sha256_hex(&body);
            if style == Style::V3 {
                headers.push(("x-acs-date".into(), date));
                headers.push(("x-acs-content-sha256".into(), payload_hash.clone()));
            } else {
                headers.push(("date".into(), date));
                headers.push(("x-acs-signature-method".into(), "HMAC-SHA1".into()));
                headers.push(("x-acs-signature-version".into(), "1.0".into()));
            }
            let borrowed: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let (id, secret) = (&credentials.access_key_id, &credentials.access_key_secret);
            let authorization = if style == Style::V3 {
                let request = sign::V3Request {
                    method,
                    path,
                    query: &query,
                    headers: &borrowed,
                    payload_hash: &payload_hash,
                };
                sign::v3_authorization(&request, id, secret)
            } else {
                let request = sign::RoaRequest {
                    method,
                    path,
                    query: &query,
                    headers: &borrowed,
                };
                sign::roa_authorization(&request, id, secret)
            };
            headers.push(("authorization".into(), authorization));
            if !query.is_empty() {
                url.push(b'?');
                sign::canonical_query_into(&mut url, query.iter().copied());
            }
        }
        Signed {
            method,
            // The endpoint, the host and the path are the caller's text;
            // the rest is ASCII.
            url: sign::utf8_string(url),
            headers,
            body,
        }
    }
}

/// The request's pairs and the common ones (sorted), in one sorted list.
/// The generated encoders write their pairs in order, so one pass merges
/// them; pairs out of order (`ess call`'s, a list of ten items or more, a
/// form after the query) are sorted after.
fn merge_sorted<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str, bool)>,
    common: impl Iterator<Item = (&'a str, &'a str, bool)>,
) -> Vec<(&'a str, &'a str, bool)> {
    let key = |p: &(&'a str, &'a str, bool)| (p.0, p.1);
    let mut out: Vec<(&str, &str, bool)> = Vec::with_capacity(pairs.size_hint().0 + 9);
    let mut common = common.peekable();
    let mut in_order = true;
    for pair in pairs {
        while let Some(first) = common.next_if(|c| key(c) < key(&pair)) {
            out.push(first);
        }
        in_order &= out.last().is_none_or(|last| key(last) <= key(&pair));
        out.push(pair);
    }
    out.extend(common);
    if !in_order {
        out.sort_by(|a, b| key(a).cmp(&key(b)));
    }
    out
}

/// The longest wait between two attempts, whatever the service asks
/// (`x-acs-retry-after`) or the backoff grows to.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// An operation to sign, known by its names: see [`Client::sign_target`].
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The action, `DescribeScalingGroups`.
    pub action: &'a str,
    /// The HTTP method, upper case.
    pub method: &'a str,
    /// The service.
    pub service: &'a ServiceInfo,
}

/// `method` as one of the methods a spec may name, upper case (`POST` for
/// any other).
fn static_method(method: &str) -> &'static str {
    ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]
        .into_iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .unwrap_or("POST")
}

/// The signature a call gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Rpc,
    V3,
    Roa,
}

/// Pairs as a query or form: each key and value percent-encoded, joined by
/// `&`, in order.
fn form_encode<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = Vec::new();
    sign::canonical_query_into(&mut out, pairs);
    sign::utf8_string(out)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug() {
        let credentials =
            Credentials::new("LTAI-id", "the-secret").with_security_token("the-token");
        let shown = format!("{credentials:?}");
        assert!(shown.contains("LTAI-id"), "{shown}");
        assert!(
            !shown.contains("the-secret") && !shown.contains("the-token"),
            "{shown}"
        );
    }

    #[test]
    fn the_environment_is_read_with_the_clis_prefixes() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let c = Credentials::from_vars(vars(&[
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
        let e = Credentials::from_vars(vars(&[("ALIBABA_CLOUD_ACCESS_KEY_ID", "id")])).unwrap_err();
        assert!(
            e.to_string().contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            "{e}"
        );
        // One prefix's id, secret and token, never a mix; an empty
        // variable is unset.
        let c = Credentials::from_vars(vars(&[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", ""),
            ("ALICLOUD_ACCESS_KEY_ID", "id"),
            ("ALICLOUD_ACCESS_KEY_SECRET", "secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "someone else's token"),
        ]))
        .unwrap();
        assert_eq!(c, Credentials::new("id", "secret"));
        let e = Credentials::from_vars(vars(&[
            ("ALICLOUD_ACCESS_KEY_ID", "id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret"),
        ]))
        .unwrap_err();
        assert!(e.to_string().contains("ALICLOUD_ACCESS_KEY_SECRET"), "{e}");
    }

    #[test]
    fn the_clis_profiles_of_mode_ak_and_sts_token_are_read() {
        // The shape of aliyun-cli's config.json (config/profile.go).
        let text = r#"{"current": "dev", "profiles": [
            {"name": "dev", "mode": "AK", "access_key_id": "id1", "access_key_secret": "s1", "region_id": "cn-hangzhou"},
            {"name": "temporary", "mode": "StsToken", "access_key_id": "id2", "access_key_secret": "s2", "sts_token": "t2"},
            {"name": "role", "mode": "EcsRamRole", "ram_role_name": "r"}]}"#;
        assert_eq!(
            Credentials::from_profile_text(text, None),
            Ok(Credentials::new("id1", "s1"))
        );
        assert_eq!(
            Credentials::from_profile_text(text, Some("temporary")),
            Ok(Credentials::new("id2", "s2").with_security_token("t2"))
        );
        let role = Credentials::from_profile_text(text, Some("role")).unwrap_err();
        assert!(role.contains("of mode EcsRamRole"), "{role}");
        assert!(Credentials::from_profile_text(text, Some("none"))
            .unwrap_err()
            .contains("no profile"));
    }

    /// `encoded`, signed by `client` as a POST of an ESS of `style`.
    fn post_to_ess(client: &Client, style: ApiStyle, encoded: &Encoded) -> Signed {
        let service = ServiceInfo {
            product: "Ess",
            version: "2014-08-28",
            style,
            endpoints: &[],
        };
        let target = Target {
            action: "DescribeRegions",
            method: "POST",
            service: &service,
        };
        client.sign_target(&target, encoded, SystemTime::now())
    }

    #[test]
    fn a_signed_request_hides_its_token_in_debug() {
        let client = Client::builder("cn-hangzhou")
            .credentials(Credentials::new("id", "secret").with_security_token("the-token"))
            .build()
            .unwrap();
        for style in [ApiStyle::Rpc, ApiStyle::V3] {
            // A password among the parameters is hidden too, and a token
            // that is no secret is not.
            let encoded = Encoded {
                query: [("ClientToken", "shown"), ("Password", "the-password")]
                    .into_iter()
                    .collect(),
                ..Encoded::default()
            };
            let signed = post_to_ess(&client, style, &encoded);
            let all = format!("{} {:?}", signed.url, signed.headers);
            assert!(all.contains("the-token"), "the token is sent");
            let shown = format!("{signed:?}");
            assert!(
                !shown.contains("the-token")
                    && !shown.contains("the-password")
                    && !shown.contains("ACS3-HMAC"),
                "{shown}"
            );
            assert!(shown.contains("ClientToken=shown"), "{shown}");
            assert!(
                !format!("{encoded:?}").contains("the-password"),
                "{encoded:?}"
            );
        }
    }

    #[test]
    fn a_host_parameter_goes_in_front_of_the_regions_host() {
        const OSS: ServiceInfo = ServiceInfo {
            product: "Oss",
            version: "2019-05-17",
            style: ApiStyle::Roa,
            endpoints: &[("cn-hangzhou", "oss-cn-hangzhou.aliyuncs.com")],
        };
        let client = Client::builder("cn-hangzhou")
            .credentials(Credentials::new("id", "secret"))
            .build()
            .unwrap();
        let encoded = Encoded {
            path: "/".into(),
            host: Some("my-bucket".into()),
            ..Encoded::default()
        };
        let target = Target {
            action: "GetBucketInfo",
            method: "get",
            service: &OSS,
        };
        let signed = client.sign_target(&target, &encoded, SystemTime::UNIX_EPOCH);
        assert_eq!(signed.method, "GET");
        assert_eq!(
            signed.url,
            "https://my-bucket.oss-cn-hangzhou.aliyuncs.com/"
        );
        let host = signed
            .headers
            .iter()
            .find(|(k, _)| k == "host")
            .map(|(_, v)| v.as_str());
        assert_eq!(host, Some("my-bucket.oss-cn-hangzhou.aliyuncs.com"));
        assert!(signed
            .headers
            .iter()
            .any(|(k, v)| k == "authorization" && v.starts_with("acs id:")));
    }

    /// `text` percent-decoded, as the service reads it.
    fn percent_decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let (mut out, mut at) = (Vec::new(), 0);
        while at < bytes.len() {
            if bytes[at] == b'%' {
                out.push(u8::from_str_radix(&text[at + 1..at + 3], 16).unwrap());
                at += 3;
            } else {
                out.push(bytes[at]);
                at += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rpc_pairs_in_any_order_and_a_form_body_are_all_signed() {
        const ESS: ServiceInfo = ServiceInfo {
            product: "Ess",
            version: "2014-08-28",
            style: ApiStyle::Rpc,
            endpoints: &[],
        };
        let client = Client::builder("cn-hangzhou")
            .credentials(Credentials::new("id", "secret"))
            .build()
            .unwrap();
        // Not in the signature's order (as `ess call` or a hand-made
        // `Encoded` may give them): `Tag.10` sorts before `Tag.2`.
        let encoded = Encoded {
            query: [("Tag.2.Key", "a c"), ("Tag.10.Key", "b"), ("Zone", "伸缩")]
                .into_iter()
                .collect(),
            form: [("UserData", "1*2")].into_iter().collect(),
            ..Encoded::default()
        };
        let target = Target {
            action: "Describe",
            method: "POST",
            service: &ESS,
        };
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_456_231_584);
        let signed = client.sign_target(&target, &encoded, now);
        assert_eq!(signed.body, b"UserData=1%2A2");
        let (origin, query) = signed.url.split_once('?').unwrap();
        assert_eq!(origin, "https://ess.cn-hangzhou.aliyuncs.com/");
        let mut pairs: Vec<(String, String)> = query
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        let (key, signature) = pairs.pop().unwrap();
        assert_eq!(key, "Signature");
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "AccessKeyId",
                "Action",
                "Format",
                "SignatureMethod",
                "SignatureNonce",
                "SignatureVersion",
                "Tag.10.Key",
                "Tag.2.Key",
                "Timestamp",
                "Version",
                "Zone"
            ]
        );
        // The signature covers the query and the form, by the one-call
        // function the vendor's examples test.
        let mut all: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        all.push(("UserData", "1*2"));
        assert_eq!(signature, sign::rpc_v1_signature("POST", &all, "secret"));
        assert!(all.contains(&("Timestamp", "2016-02-23T12:46:24Z")));
    }

    #[test]
    fn beside_a_body_parameter_the_form_goes_in_the_query() {
        let client = Client::builder("cn-hangzhou")
            .credentials(Credentials::new("id", "secret"))
            .build()
            .unwrap();
        let encoded = Encoded {
            form: [("Name", "web")].into_iter().collect(),
            body: Some(("{}".into(), "application/json")),
            ..Encoded::default()
        };
        for style in [ApiStyle::Rpc, ApiStyle::V3, ApiStyle::Roa] {
            let signed = post_to_ess(&client, style, &encoded);
            assert_eq!(signed.body, b"{}", "{style:?}");
            assert!(
                signed.url.contains("?Name=web") || signed.url.contains("&Name=web"),
                "{style:?}: {}",
                signed.url
            );
        }
    }

    #[test]
    fn an_endpoint_is_a_scheme_and_a_host() {
        for endpoint in ["http://127.0.0.1:8080", "https://ess.example.com/"] {
            assert_eq!(check_endpoint(endpoint), Ok(()), "{endpoint}");
        }
        for (endpoint, why) in [
            ("https://proxy/base", "more than a host (\"/base\")"),
            ("http://host?x=1", "more than a host (\"?x=1\")"),
            ("127.0.0.1:8080", "does not start with http:// or https://"),
            ("https://", "has no host"),
        ] {
            let e = check_endpoint(endpoint).unwrap_err().to_string();
            assert!(e.contains(why), "{endpoint}: {e}");
        }
        let built = Client::builder("cn-hangzhou")
            .credentials(Credentials::new("id", "secret"))
            .endpoint("https://proxy/base")
            .build();
        assert!(built.is_err());
    }

    #[test]
    fn queries_and_forms_are_percent_encoded() {
        assert_eq!(
            form_encode([("a b", "1+2"), ("Tag.1.Key", "~x*")].into_iter()),
            "a%20b=1%2B2&Tag.1.Key=~x%2A"
        );
    }
}
