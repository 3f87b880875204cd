//! What a call sends: the request of an operation signed by the vendor's
//! rules for its style (RPC signature 1.0, the ROA signature, V3's
//! `ACS3-HMAC-SHA256`), with the common parameters, for a region's host or
//! a given endpoint.

use std::fmt;
use std::time::SystemTime;

use crate::error::Format;
use crate::keys::Credentials;
use crate::operation::Operation;
use crate::request::{self, ApiStyle, Encoded, ServiceInfo};
use crate::sign;

/// How requests are signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signing {
    /// By the service's style: RPC signature 1.0 for RPC, the ROA
    /// signature for ROA, V3 for V3.
    ByStyle,
    /// `ACS3-HMAC-SHA256` for every style.
    V3,
}

/// Where and how requests are signed: what a client is configured with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningConfig {
    /// The region (`cn-hangzhou`), whose host the service gives.
    pub region: String,
    /// A scheme and host to send to instead (checked by [`check_endpoint`]).
    pub endpoint: Option<String>,
    /// The format asked for.
    pub format: Format,
    /// How requests are signed.
    pub signing: Signing,
}

/// The request `encoded` of `target`, with the common parameters, signed
/// with `credentials` at `now` by the rules of `config` and the service's
/// style; `None` for an anonymous call (no key and no signature).
pub fn sign(
    config: &SigningConfig,
    credentials: Option<&Credentials>,
    target: &Target<'_>,
    encoded: &Encoded,
    now: SystemTime,
) -> Signed {
    let service = target.service;
    let method = static_method(target.method);
    let style = match (config.signing, service.style) {
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
    match &config.endpoint {
        Some(endpoint) => url.extend_from_slice(endpoint.trim_end_matches('/').as_bytes()),
        None => {
            url.extend_from_slice(b"https://");
            // A host parameter (an OSS bucket) goes in front of the
            // region's host.
            if let Some(prefix) = &encoded.host {
                url.extend_from_slice(prefix.as_bytes());
                url.push(b'.');
            }
            service.push_host(&config.region, &mut url);
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
    if style == Style::Rpc {
        // The request's pairs, marked with whether they go in the URL
        // (every pair is signed, a form body's too).
        let pairs = encoded
            .query
            .iter()
            .map(|(k, v)| (k, v, true))
            .chain(encoded.form.iter().map(|(k, v)| (k, v, form_in_query)));
        let (timestamp, nonce) = (sign::iso8601_bytes(now), sign::nonce_bytes());
        let format = match config.format {
            Format::Json => "JSON",
            Format::Xml => "XML",
        };
        let common = [
            ("AccessKeyId", credentials.map(Credentials::access_key_id)),
            ("Action", Some(target.action)),
            ("Format", Some(format)),
            (
                "SecurityToken",
                credentials.and_then(Credentials::security_token),
            ),
            ("SignatureMethod", credentials.map(|_| "HMAC-SHA1")),
            (
                "SignatureNonce",
                Some(std::str::from_utf8(&nonce).unwrap_or_default()),
            ),
            ("SignatureVersion", credentials.map(|_| "1.0")),
            (
                "Timestamp",
                Some(std::str::from_utf8(&timestamp).unwrap_or_default()),
            ),
            ("Version", Some(service.version)),
        ];
        // An anonymous call (`AssumeRoleWithOIDC`) sends no key and no
        // signature.
        let common = common
            .iter()
            .filter_map(|&(key, value)| Some((key, value?, true)));
        let sorted = merge_sorted(pairs, common);
        url.push(b'?');
        match credentials {
            Some(credentials) => credentials
                .rpc_key()
                .push_signed_query(method, &sorted, &mut url),
            None => sign::canonical_query_into(
                &mut url,
                sorted.iter().filter(|p| p.2).map(|p| (p.0, p.1)),
            ),
        }
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
        if let Some(credentials) = credentials {
            if let Some(token) = credentials.security_token() {
                headers.push(("x-acs-security-token".into(), token.to_owned()));
                headers.push((
                    "x-acs-accesskey-id".into(),
                    credentials.access_key_id().to_owned(),
                ));
            }
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
        if let Some(credentials) = credentials {
            let (id, secret) = (credentials.access_key_id(), credentials.secret());
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
        }
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

/// An endpoint given to `ClientBuilder::endpoint`: `http://` or
/// `https://`, a host and maybe a port, and no path (`/` at the end is
/// taken off), query or fragment.
pub(crate) fn check_endpoint(endpoint: &str) -> Result<(), String> {
    let host = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("the endpoint {endpoint:?} does not start with http:// or https://")
        })?;
    let host = host.strip_suffix('/').unwrap_or(host);
    if host.is_empty() {
        return Err(format!("the endpoint {endpoint:?} has no host"));
    }
    match host.find(['/', '?', '#']) {
        Some(at) => Err(format!(
            "the endpoint {endpoint:?} has more than a host ({:?}): give only the scheme, host and port, such as \"http://127.0.0.1:8080\"",
            &host[at..]
        )),
        None => Ok(()),
    }
}

/// An operation to sign, known by its names: see [`sign`].
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The action, `DescribeScalingGroups`.
    pub action: &'a str,
    /// The HTTP method, upper case.
    pub method: &'a str,
    /// The service.
    pub service: &'a ServiceInfo,
}

impl Target<'static> {
    /// The target of operation `O`.
    pub fn of<O: Operation>() -> Self {
        Target {
            action: O::NAME,
            method: O::METHOD,
            service: &O::SERVICE,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn config() -> SigningConfig {
        SigningConfig {
            region: "cn-hangzhou".into(),
            endpoint: None,
            format: Format::Json,
            signing: Signing::ByStyle,
        }
    }

    /// `encoded`, signed with `credentials` as a POST of an ESS of `style`.
    fn post_to_ess(credentials: &Credentials, style: ApiStyle, encoded: &Encoded) -> Signed {
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
        sign(
            &config(),
            Some(credentials),
            &target,
            encoded,
            SystemTime::now(),
        )
    }

    #[test]
    fn a_signed_request_hides_its_token_in_debug() {
        let credentials = Credentials::new("id", "secret").with_security_token("the-token");
        for style in [ApiStyle::Rpc, ApiStyle::V3] {
            // A password among the parameters is hidden too, and a token
            // that is no secret is not.
            let encoded = Encoded {
                query: [("ClientToken", "shown"), ("Password", "the-password")]
                    .into_iter()
                    .collect(),
                ..Encoded::default()
            };
            let signed = post_to_ess(&credentials, style, &encoded);
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
        let credentials = Credentials::new("id", "secret");
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
        let signed = sign(
            &config(),
            Some(&credentials),
            &target,
            &encoded,
            SystemTime::UNIX_EPOCH,
        );
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
        let credentials = Credentials::new("id", "secret");
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
        let signed = sign(&config(), Some(&credentials), &target, &encoded, now);
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
        let credentials = Credentials::new("id", "secret");
        let encoded = Encoded {
            form: [("Name", "web")].into_iter().collect(),
            body: Some(("{}".into(), "application/json")),
            ..Encoded::default()
        };
        for style in [ApiStyle::Rpc, ApiStyle::V3, ApiStyle::Roa] {
            let signed = post_to_ess(&credentials, style, &encoded);
            assert_eq!(signed.body, b"{}", "{style:?}");
            assert!(
                signed.url.contains("?Name=web") || signed.url.contains("&Name=web"),
                "{style:?}: {}",
                signed.url
            );
        }
    }

    #[test]
    fn an_anonymous_call_sends_no_key_and_no_signature() {
        const STS: ServiceInfo = ServiceInfo {
            product: "Sts",
            version: "2015-04-01",
            style: ApiStyle::Rpc,
            endpoints: &[],
        };
        let target = Target {
            action: "AssumeRoleWithOIDC",
            method: "POST",
            service: &STS,
        };
        let encoded = Encoded {
            query: [("OIDCToken", "the-oidc-token")].into_iter().collect(),
            ..Encoded::default()
        };
        let signed = sign(&config(), None, &target, &encoded, SystemTime::UNIX_EPOCH);
        let query = signed.url.split_once('?').unwrap().1;
        let keys: Vec<&str> = query
            .split('&')
            .map(|p| p.split('=').next().unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "Action",
                "Format",
                "OIDCToken",
                "SignatureNonce",
                "Timestamp",
                "Version"
            ]
        );
        assert!(!format!("{signed:?}").contains("the-oidc-token"));
        // Signed, the RPC signature is hidden as the secrets are.
        let signed = sign(
            &config(),
            Some(&Credentials::new("id", "secret")),
            &target,
            &encoded,
            SystemTime::UNIX_EPOCH,
        );
        let signature = signed.url.rsplit_once("Signature=").unwrap().1.to_owned();
        assert!(!format!("{signed:?}").contains(&signature));
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
            let e = check_endpoint(endpoint).unwrap_err();
            assert!(e.contains(why), "{endpoint}: {e}");
        }
    }

    #[test]
    fn queries_and_forms_are_percent_encoded() {
        assert_eq!(
            form_encode([("a b", "1+2"), ("Tag.1.Key", "~x*")].into_iter()),
            "a%20b=1%2B2&Tag.1.Key=~x%2A"
        );
    }
}
