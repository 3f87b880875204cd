//! The vendor's signature rules, written here from its documentation
//! ("Request signatures" for RPC 1.0, "V3 request structure and
//! signature", the ROA signature), with none of the runtime's code: the
//! check that the runtime's signer, which `ess serve` verifies with too,
//! signs what the vendor would accept.

use std::collections::HashMap;

use base64::Engine as _;
use ess_cli::serve::Received;
use ess_runtime::request::decode_pairs;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The access key id a request is signed with, in any of the three styles.
pub fn access_key_id(received: &Received) -> Option<String> {
    if let Some((_, id)) = received
        .pairs()
        .into_iter()
        .find(|(k, _)| k == "AccessKeyId")
    {
        return Some(id);
    }
    let authorization = received.header("authorization")?;
    if let Some(rest) = authorization.strip_prefix("ACS3-HMAC-SHA256 ") {
        return v3_fields(rest).get("Credential").map(|id| (*id).to_owned());
    }
    let rest = authorization.strip_prefix("acs ")?;
    rest.split(':').next().map(str::to_owned)
}

/// Whether `received` carries the signature of `secret`, by its style: an
/// RPC `Signature` parameter, or an `Authorization` of V3 or of ROA.
pub fn verify(received: &Received, secret: &str) -> bool {
    let pairs = received.pairs();
    if pairs.iter().any(|(k, _)| k == "Signature") {
        return rpc_v1(&received.method, &pairs, secret);
    }
    match received.header("authorization") {
        Some(a) if a.starts_with("ACS3-HMAC-SHA256 ") => v3(received, a, secret),
        Some(a) if a.starts_with("acs ") => roa(received, a, secret),
        _ => false,
    }
}

/// Whether `pairs` carry the RPC signature 1.0 of `secret`: HMAC-SHA1 with
/// `secret&` over `METHOD&%2F&` and the sorted, encoded parameters.
pub fn rpc_v1(method: &str, pairs: &[(String, String)], secret: &str) -> bool {
    let mut signed: Vec<&(String, String)> =
        pairs.iter().filter(|(k, _)| k != "Signature").collect();
    signed.sort();
    let canonical: Vec<String> = signed
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect();
    let string_to_sign = format!("{method}&{}&{}", escape("/"), escape(&canonical.join("&")));
    let mut mac =
        Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes()).expect("any key");
    mac.update(string_to_sign.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    pairs
        .iter()
        .any(|(k, v)| k == "Signature" && *v == expected)
}

/// `Credential=...,SignedHeaders=...,Signature=...` as a map.
fn v3_fields(rest: &str) -> HashMap<&str, &str> {
    rest.split(',')
        .filter_map(|f| f.trim().split_once('='))
        .collect()
}

/// V3 (`ACS3-HMAC-SHA256`): HMAC-SHA256 with the secret over the hash of
/// the canonical request (the method, the path as sent, the sorted query,
/// the signed headers and the payload's hash). Every `x-acs-` header, the
/// host and the content type must be signed.
fn v3(received: &Received, authorization: &str, secret: &str) -> bool {
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let fields = v3_fields(authorization.trim_start_matches("ACS3-HMAC-SHA256 "));
    let header = |name: &str| received.header(name).map(str::trim);
    let payload = hex(&Sha256::digest(&received.body));
    if header("x-acs-content-sha256") != Some(payload.as_str()) {
        return false;
    }
    let mut query = decode_pairs(&received.query);
    query.sort();
    let query: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect();
    let signed_headers = fields.get("SignedHeaders").copied().unwrap_or_default();
    let signed: Vec<&str> = signed_headers.split(';').collect();
    if received.headers.iter().any(|(k, _)| {
        (k.starts_with("x-acs-") || k == "host" || k == "content-type")
            && !signed.contains(&k.as_str())
    }) {
        return false;
    }
    let mut canonical_headers = String::new();
    for name in &signed {
        canonical_headers.push_str(&format!("{name}:{}\n", header(name).unwrap_or_default()));
    }
    let canonical = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{signed_headers}\n{payload}",
        received.method,
        received.path,
        query.join("&")
    );
    let string_to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(string_to_sign.as_bytes());
    fields.get("Signature").copied() == Some(hex(&mac.finalize().into_bytes()).as_str())
}

/// ROA (`acs ID:SIGNATURE`): HMAC-SHA1 with the secret over the method,
/// `Accept`, `Content-MD5`, `Content-Type`, `Date`, the sorted `x-acs-`
/// headers, and the path with its sorted, decoded query.
fn roa(received: &Received, authorization: &str, secret: &str) -> bool {
    let header = |name: &str| received.header(name).unwrap_or_default();
    let mut string_to_sign = received.method.clone();
    for name in ["accept", "content-md5", "content-type", "date"] {
        string_to_sign.push('\n');
        string_to_sign.push_str(header(name));
    }
    string_to_sign.push('\n');
    let mut acs: Vec<(&str, &str)> = received
        .headers
        .iter()
        .filter(|(k, _)| k.starts_with("x-acs-"))
        .map(|(k, v)| (k.as_str(), v.trim()))
        .collect();
    acs.sort();
    for (name, value) in acs {
        string_to_sign.push_str(&format!("{name}:{value}\n"));
    }
    string_to_sign.push_str(&received.path);
    let mut query = decode_pairs(&received.query);
    query.sort();
    for (i, (key, value)) in query.iter().enumerate() {
        string_to_sign.push(if i == 0 { '?' } else { '&' });
        string_to_sign.push_str(key);
        if !value.is_empty() {
            string_to_sign.push('=');
            string_to_sign.push_str(value);
        }
    }
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(string_to_sign.as_bytes());
    let id = authorization
        .trim_start_matches("acs ")
        .split(':')
        .next()
        .unwrap_or_default();
    authorization
        == format!(
            "acs {id}:{}",
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        )
}

/// The documentation's percent-encoding: every byte but `A-Z a-z 0-9 - _
/// . ~` as `%XX`.
fn escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
