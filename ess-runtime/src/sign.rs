//! The vendor's request signatures, with no network needed: RPC signature
//! version 1.0 (HMAC-SHA1 over the canonicalized parameters), the V3
//! signature (`ACS3-HMAC-SHA256` over a canonical request), and the ROA
//! signature (HMAC-SHA1 over the method, the content headers, the `x-acs-`
//! headers and the resource). Each is a pure function of what it signs;
//! the client (`Client`, feature `reqwest`) calls them.

use std::fmt::Write as _;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The bytes sent as they are: `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`, `.`,
/// `~` (RFC 3986's unreserved characters).
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~');
        b += 1;
    }
    table
};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `text` percent-encoded as the vendor's signatures need it: its
/// UTF-8 bytes, each but the unreserved ones as `%XX` in upper case (so a
/// space is `%20`, `*` is `%2A`, and `~` stays). The output is ASCII.
pub fn percent_encode_into(out: &mut Vec<u8>, text: &str) {
    let mut rest = text.as_bytes();
    out.reserve(rest.len());
    // Runs of unreserved bytes are copied whole: most text is such a run.
    while let Some(at) = rest.iter().position(|&b| !UNRESERVED[usize::from(b)]) {
        let byte = rest[at];
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(&[
            b'%',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xf)],
        ]);
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
}

/// Writes `text` percent-encoded to `once`, and twice to `twice` (the
/// string to sign encodes the canonical query once more). Eight bytes at a
/// time while they need no encoding, into buffers on the stack: stores of a
/// known size, where a copy of each short run was a call.
fn percent_encode_both(once: &mut Staged<impl Drain>, twice: &mut Staged<impl Drain>, text: &str) {
    for chunk in text.as_bytes().chunks(8) {
        // A short chunk is padded with an unreserved byte, written whole
        // and cut back: no branch on its length.
        let eight: [u8; 8] = chunk
            .try_into()
            .unwrap_or_else(|_| std::array::from_fn(|i| chunk.get(i).copied().unwrap_or(b'_')));
        if eight
            .iter()
            .fold(true, |all, &b| all & UNRESERVED[usize::from(b)])
        {
            let cut = 8 - chunk.len();
            once.write_cut(&eight, cut);
            twice.write_cut(&eight, cut);
        } else {
            chunk
                .iter()
                .for_each(|&b| percent_encode_byte_both(once, twice, b));
        }
    }
}

#[inline(always)]
fn percent_encode_byte_both(
    once: &mut Staged<impl Drain>,
    twice: &mut Staged<impl Drain>,
    byte: u8,
) {
    if UNRESERVED[usize::from(byte)] {
        once.write(&[byte]);
        twice.write(&[byte]);
    } else {
        let (hi, lo) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]);
        once.write(&[b'%', hi, lo]);
        twice.write(&[b'%', b'2', b'5', hi, lo]);
    }
}

/// Where a [`Staged`] buffer's bytes go.
trait Drain {
    fn drain(&mut self, bytes: &[u8]);
}

impl Drain for &mut Vec<u8> {
    fn drain(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl Drain for Hmac<Sha1> {
    fn drain(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

/// Nowhere: the pairs signed but not sent in the query.
struct Discard;

impl Drain for Discard {
    fn drain(&mut self, _: &[u8]) {}
}

/// Bytes on their way to a [`Drain`], through a buffer on the stack: the
/// string to sign is never held whole, and the query is copied in long runs.
struct Staged<D: Drain> {
    to: D,
    buffer: [u8; 256],
    len: usize,
}

impl<D: Drain> Staged<D> {
    fn new(to: D) -> Self {
        Staged {
            to,
            buffer: [0; 256],
            len: 0,
        }
    }

    #[inline(always)]
    fn write(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > self.buffer.len() {
            self.flush();
            if bytes.len() > self.buffer.len() {
                self.to.drain(bytes);
                return;
            }
        }
        self.buffer[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// Writes `bytes` but their last `cut`.
    #[inline(always)]
    fn write_cut(&mut self, bytes: &[u8; 8], cut: usize) {
        self.write(bytes);
        self.len -= cut;
    }

    fn flush(&mut self) {
        self.to.drain(&self.buffer[..self.len]);
        self.len = 0;
    }

    /// The drain, every byte in it.
    fn finish(mut self) -> D {
        self.flush();
        self.to
    }
}

/// Bytes written from texts (percent-encoded text, which is ASCII, and
/// the caller's UTF-8) as a `String`: nothing is lost.
pub(crate) fn utf8_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `text` percent-encoded; see [`percent_encode_into`].
pub fn percent_encode(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    percent_encode_into(&mut out, text);
    utf8_string(out)
}

/// The pairs sorted by key (then value) bytes, each `key=value`
/// percent-encoded, joined by `&`: the canonicalized query of RPC
/// signature 1.0 and of V3.
pub fn canonical_query(params: &[(&str, &str)]) -> String {
    let mut sorted: Vec<(&str, &str)> = params.to_vec();
    sorted.sort_unstable();
    let mut out = Vec::new();
    canonical_query_into(&mut out, sorted);
    utf8_string(out)
}

/// Appends the pairs `sorted` (by key, then value), each `key=value`
/// percent-encoded, joined by `&`; in another order, a query or form body.
pub fn canonical_query_into<'a>(
    out: &mut Vec<u8>,
    sorted: impl IntoIterator<Item = (&'a str, &'a str)>,
) {
    for (i, (key, value)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        percent_encode_into(out, key);
        out.push(b'=');
        percent_encode_into(out, value);
    }
}

/// RPC signature 1.0's string to sign: `METHOD&%2F&` and the canonicalized
/// parameters ([`canonical_query`]), percent-encoded once more.
pub fn rpc_v1_string_to_sign(method: &str, params: &[(&str, &str)]) -> String {
    utf8_string(string_to_sign_of(
        method,
        canonical_query(params).as_bytes(),
    ))
}

/// `METHOD&%2F&`: the start of RPC 1.0's string to sign (the path `/`,
/// percent-encoded, between `&`s).
fn write_method_prefix(out: &mut Staged<impl Drain>, method: &str) {
    for b in method.bytes() {
        out.write(&[b.to_ascii_uppercase()]);
    }
    out.write(b"&%2F&");
}

/// The string to sign of the canonicalized query `canonical`.
fn string_to_sign_of(method: &str, canonical: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(canonical.len() * 5 / 4 + 16);
    let mut prefix = Staged::new(&mut out);
    write_method_prefix(&mut prefix, method);
    prefix.finish();
    // The canonical query is ASCII, so its bytes are its characters.
    percent_encode_into(&mut out, &String::from_utf8_lossy(canonical));
    out
}

/// RPC signature 1.0 (`SignatureMethod=HMAC-SHA1`,
/// `SignatureVersion=1.0`): the base64 of HMAC-SHA1, keyed by the secret
/// and `&`, over [`rpc_v1_string_to_sign`]. `params` are every parameter
/// sent, query and form, but `Signature`.
pub fn rpc_v1_signature(method: &str, params: &[(&str, &str)], access_key_secret: &str) -> String {
    RpcV1Key::new(access_key_secret).sign(method, canonical_query(params).as_bytes())
}

/// A secret made ready for RPC signature 1.0: the HMAC keyed once, for a
/// client that signs many requests. Its `Debug` shows nothing of it.
#[derive(Clone)]
pub struct RpcV1Key(Hmac<Sha1>);

impl RpcV1Key {
    /// The key of `access_key_secret` (HMAC-SHA1 keyed by the secret and `&`).
    pub fn new(access_key_secret: &str) -> Self {
        let mut key = String::with_capacity(access_key_secret.len() + 1);
        key.push_str(access_key_secret);
        key.push('&');
        RpcV1Key(Hmac::<Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes any key"))
    }

    /// The signature of the request whose canonicalized query
    /// ([`canonical_query_into`], every parameter sent) is `canonical`.
    pub fn sign(&self, method: &str, canonical: &[u8]) -> String {
        let mut mac = self.0.clone();
        mac.update(&string_to_sign_of(method, canonical));
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }
}

impl RpcV1Key {
    /// Appends the query of a request signed with this key: the pairs of
    /// `sorted` (by key, then value: [`sort_params`]) marked `true`, each
    /// `key=value` percent-encoded, joined by `&`, then `&Signature=` and
    /// the signature of all the pairs (those marked `false` go in a form
    /// body, signed all the same). One pass writes the query and the string
    /// to sign.
    pub fn push_signed_query(
        &self,
        method: &str,
        sorted: &[(&str, &str, bool)],
        query: &mut Vec<u8>,
    ) {
        let mut string_to_sign = Staged::new(self.0.clone());
        write_method_prefix(&mut string_to_sign, method);
        let mut sent = Staged::new(&mut *query);
        let mut first = true;
        for (i, &(key, value, in_query)) in sorted.iter().enumerate() {
            if i > 0 {
                string_to_sign.write(b"%26");
            }
            if in_query {
                if !std::mem::take(&mut first) {
                    sent.write(b"&");
                }
                push_pair_both(&mut sent, &mut string_to_sign, key, value);
            } else {
                push_pair_both(&mut Staged::new(Discard), &mut string_to_sign, key, value);
            }
        }
        sent.finish();
        let mac = string_to_sign.finish();
        let mut signature = [0; 28];
        let written = base64::engine::general_purpose::STANDARD
            .encode_slice(mac.finalize().into_bytes(), &mut signature)
            .unwrap_or_default();
        if !first {
            query.push(b'&');
        }
        query.extend_from_slice(b"Signature=");
        percent_encode_into(
            query,
            std::str::from_utf8(&signature[..written]).unwrap_or_default(),
        );
    }
}

/// `key=value`, percent-encoded to `once` and twice to `twice`.
fn push_pair_both(
    once: &mut Staged<impl Drain>,
    twice: &mut Staged<impl Drain>,
    key: &str,
    value: &str,
) {
    percent_encode_both(once, twice, key);
    once.write(b"=");
    twice.write(b"%3D");
    percent_encode_both(once, twice, value);
}

impl std::fmt::Debug for RpcV1Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RpcV1Key(<hidden>)")
    }
}

/// The base64 of HMAC-SHA1.
pub fn base64_hmac_sha1(key: &[u8], data: &[u8]) -> String {
    // HMAC takes a key of any length.
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(data);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Lower-case hex of SHA-256: the V3 signature's payload hash.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The name of the V3 signature's algorithm.
pub const V3_ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// What a V3 signature covers.
#[derive(Debug, Clone, Copy)]
pub struct V3Request<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// The path as sent, its parameters already percent-encoded (`/` for
    /// RPC): the vendor signs it as it goes on the wire.
    pub path: &'a str,
    /// The query's pairs, not yet percent-encoded.
    pub query: &'a [(&'a str, &'a str)],
    /// Every header sent; `host`, `content-type` and the `x-acs-` ones are
    /// signed.
    pub headers: &'a [(&'a str, &'a str)],
    /// Lower-case hex of the body's SHA-256 ([`sha256_hex`]), as sent in
    /// `x-acs-content-sha256`.
    pub payload_hash: &'a str,
}

/// The headers V3 signs: lower-cased, sorted, `host`, `content-type` and
/// `x-acs-*`; as `name:value\n` lines and the names joined by `;`.
fn v3_headers(headers: &[(&str, &str)]) -> (String, String) {
    let signed = canonical_headers(headers, |name| {
        name == "host" || name == "content-type" || name.starts_with("x-acs-")
    });
    let mut canonical = String::new();
    let mut names = String::new();
    for (i, (name, value)) in signed.iter().enumerate() {
        let _ = writeln!(canonical, "{name}:{value}");
        if i > 0 {
            names.push(';');
        }
        names.push_str(name);
    }
    (canonical, names)
}

/// The headers `signed` picks by their lower-cased names: lower-cased,
/// their values trimmed, sorted. What V3 and ROA sign of the headers.
fn canonical_headers<'h>(
    headers: &[(&str, &'h str)],
    signed: impl Fn(&str) -> bool,
) -> Vec<(String, &'h str)> {
    let mut picked: Vec<(String, &str)> = headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim()))
        .filter(|(name, _)| signed(name))
        .collect();
    picked.sort_unstable();
    picked
}

/// The V3 canonical request: method, path, query, headers, signed header
/// names, payload hash, one per line.
pub fn v3_canonical_request(request: &V3Request<'_>) -> String {
    v3_canonical_request_with(request, &v3_headers(request.headers))
}

fn v3_canonical_request_with(
    request: &V3Request<'_>,
    (headers, names): &(String, String),
) -> String {
    format!(
        "{}\n{}\n{}\n{headers}\n{names}\n{}",
        request.method.to_ascii_uppercase(),
        request.path,
        canonical_query(request.query),
        request.payload_hash
    )
}

/// The V3 string to sign: the algorithm's name and the hex SHA-256 of the
/// canonical request.
pub fn v3_string_to_sign(canonical_request: &str) -> String {
    format!(
        "{V3_ALGORITHM}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

/// The V3 `Authorization` header: `ACS3-HMAC-SHA256
/// Credential=<id>,SignedHeaders=<names>,Signature=<hex HMAC-SHA256>`.
pub fn v3_authorization(
    request: &V3Request<'_>,
    access_key_id: &str,
    access_key_secret: &str,
) -> String {
    let headers = v3_headers(request.headers);
    let string_to_sign = v3_string_to_sign(&v3_canonical_request_with(request, &headers));
    let names = headers.1;
    let mut mac =
        Hmac::<Sha256>::new_from_slice(access_key_secret.as_bytes()).expect("HMAC takes any key");
    mac.update(string_to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    format!("{V3_ALGORITHM} Credential={access_key_id},SignedHeaders={names},Signature={signature}")
}

/// What a ROA signature covers.
#[derive(Debug, Clone, Copy)]
pub struct RoaRequest<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// The path, as sent.
    pub path: &'a str,
    /// The query's pairs, not percent-encoded.
    pub query: &'a [(&'a str, &'a str)],
    /// Every header sent: `Accept`, `Content-MD5`, `Content-Type` and
    /// `Date` are signed by value, the `x-acs-` ones by name and value.
    pub headers: &'a [(&'a str, &'a str)],
}

/// The ROA string to sign: the method, `Accept`, `Content-MD5`,
/// `Content-Type` and `Date` on a line each, then each `x-acs-` header as
/// `name:value` (lower-cased, sorted), then the path and the sorted query
/// (`?a=1&b`), none of it percent-encoded.
pub fn roa_string_to_sign(request: &RoaRequest<'_>) -> String {
    let header = |wanted: &str| {
        request
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map_or("", |(_, value)| *value)
    };
    let mut out = request.method.to_ascii_uppercase();
    for name in ["accept", "content-md5", "content-type", "date"] {
        out.push('\n');
        out.push_str(header(name));
    }
    out.push('\n');
    for (name, value) in canonical_headers(request.headers, |name| name.starts_with("x-acs-")) {
        let _ = writeln!(out, "{name}:{value}");
    }
    out.push_str(request.path);
    let mut query: Vec<&(&str, &str)> = request.query.iter().collect();
    query.sort_unstable();
    for (i, (key, value)) in query.into_iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(key);
        if !value.is_empty() {
            out.push('=');
            out.push_str(value);
        }
    }
    out
}

/// The ROA `Authorization` header: `acs <id>:<base64 HMAC-SHA1>`.
pub fn roa_authorization(
    request: &RoaRequest<'_>,
    access_key_id: &str,
    access_key_secret: &str,
) -> String {
    let signature = base64_hmac_sha1(
        access_key_secret.as_bytes(),
        roa_string_to_sign(request).as_bytes(),
    );
    format!("acs {access_key_id}:{signature}")
}

/// A time as RPC's `Timestamp` and V3's `x-acs-date` write it:
/// `2016-02-23T12:46:24Z`, UTC.
pub fn iso8601(time: std::time::SystemTime) -> String {
    utf8_string(iso8601_bytes(time).to_vec())
}

/// [`iso8601`] on the stack: it is on the path of every call.
pub(crate) fn iso8601_bytes(time: std::time::SystemTime) -> [u8; 20] {
    let (date, (h, m, s), _) = civil(time);
    let mut out = *b"0000-00-00T00:00:00Z";
    let mut digits = |at: usize, n: u64, width: u32| {
        for place in 0..width {
            out[at + place as usize] = b'0' + (n / 10u64.pow(width - 1 - place) % 10) as u8;
        }
    };
    digits(0, date.year.clamp(0, 9999) as u64, 4);
    digits(5, u64::from(date.month), 2);
    digits(8, u64::from(date.day), 2);
    digits(11, h, 2);
    digits(14, m, 2);
    digits(17, s, 2);
    out
}

/// The time of an expiry as STS and the metadata service write it:
/// `2016-02-23T12:46:24Z` (UTC, seconds, a fraction of a second allowed
/// and dropped); `None` for anything else.
pub fn parse_iso8601(text: &str) -> Option<std::time::SystemTime> {
    let text = text.trim();
    let text = text.strip_suffix('Z')?;
    let text = text.split_once('.').map_or(text, |(whole, _)| whole);
    let bytes = text.as_bytes();
    if bytes.len() != 19 || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b'T' {
        return None;
    }
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<i64> {
        let digits = &text[from..to];
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Howard Hinnant's `days_from_civil`.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = u64::try_from(days * 86_400 + hour * 3600 + minute * 60 + second).ok()?;
    Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
}

/// The time of a ROA `Date` (`Tue, 23 Feb 2016 12:46:24 GMT`, as
/// [`http_date`] writes it); `None` for anything else.
pub fn parse_http_date(text: &str) -> Option<std::time::SystemTime> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (_, rest) = text.trim().split_once(", ")?;
    let mut words = rest.split(' ');
    let (day, month, year, time, zone) = (
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
    );
    if zone != "GMT" || words.next().is_some() || day.len() != 2 || year.len() != 4 {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    // The same fields as an ISO 8601 time, read by its one parser.
    parse_iso8601(&format!("{year}-{month:02}-{day}T{time}Z"))
}

/// A time as ROA's `Date` writes it: `Tue, 23 Feb 2016 12:46:24 GMT`.
pub fn http_date(time: std::time::SystemTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (date, (h, m, s), days) = civil(time);
    format!(
        "{}, {:02} {} {} {h:02}:{m:02}:{s:02} GMT",
        DAYS[(days % 7) as usize],
        date.day,
        MONTHS[usize::from(date.month - 1)],
        date.year
    )
}

struct Date {
    year: i64,
    month: u8,
    day: u8,
}

/// The UTC date, time of day and days since 1970 of `time` (times before
/// 1970 are 1970). Howard Hinnant's `civil_from_days`.
fn civil(time: std::time::SystemTime) -> (Date, (u64, u64, u64), u64) {
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        Date { year, month, day },
        (rem / 3600, rem / 60 % 60, rem % 60),
        days,
    )
}

/// A fresh nonce: 32 hex digits. The first half is a bijection of a
/// per-process random seed plus a counter, so no two calls of a process
/// share it; the second mixes in the time and the process's other random
/// seed, so that processes do not meet either.
pub fn nonce() -> String {
    utf8_string(nonce_bytes().to_vec())
}

/// [`nonce`] on the stack.
pub(crate) fn nonce_bytes() -> [u8; 32] {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static SEEDS: OnceLock<(u64, u64)> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let &(a, b) = SEEDS.get_or_init(|| {
        let random = std::collections::hash_map::RandomState::new();
        let seed = |salt: u64| {
            let mut hasher = random.build_hasher();
            hasher.write_u64(salt);
            hasher.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            hasher.write_u32(std::process::id());
            hasher.finish()
        };
        (seed(1), seed(2))
    });
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut out = [0; 32];
    for (half, value) in [splitmix64(a.wrapping_add(count)), splitmix64(b ^ now)]
        .into_iter()
        .enumerate()
    {
        for place in 0..16 {
            out[half * 16 + place] =
                b"0123456789abcdef"[((value >> ((15 - place) * 4)) & 0xf) as usize];
        }
    }
    out
}

/// SplitMix64's finalizer: a bijection of `u64` that scatters every bit.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Sorts the parameters as the signatures need them: by key bytes, then
/// value bytes (the order [`RpcV1Key::push_signed_query`] takes).
pub fn sort_params(params: &mut [(&str, &str)]) {
    params.sort();
}

#[cfg(test)]
mod tests {

    #[test]
    fn roa_dates_read_back_as_the_times_they_write() {
        for secs in [0u64, 1_456_231_584, 4_102_444_800] {
            let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
            assert_eq!(parse_http_date(&http_date(time)), Some(time), "{secs}");
        }
        for bad in [
            "",
            "Tue, 23 Foo 2016 12:46:24 GMT",
            "Tue, 23 Feb 2016 12:46:24 CET",
            "23 Feb 2016",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn expiries_read_back_as_the_times_they_write() {
        for secs in [0u64, 951_782_400, 1_456_231_584, 4_102_444_800] {
            let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
            assert_eq!(parse_iso8601(&iso8601(time)), Some(time), "{secs}");
        }
        assert_eq!(
            parse_iso8601("2016-02-23T12:46:24.123Z"),
            parse_iso8601("2016-02-23T12:46:24Z")
        );
        for bad in [
            "",
            "2016-02-23 12:46:24Z",
            "2016-13-01T00:00:00Z",
            "2016-02-23T12:46:24",
            "２０16-02-23T12:46:24Z",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
    }

    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    // The vendor's documented example of RPC signature 1.0 (ECS
    // DescribeRegions, "Request signatures", alibabacloud.com/help): the
    // page spells the timestamp's key `TimeStamp`, and signs it as spelled.
    #[test]
    fn rpc_v1_matches_the_vendors_documented_example() {
        let params = [
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("TimeStamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ];
        assert_eq!(
            rpc_v1_string_to_sign("GET", &params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            rpc_v1_signature("GET", &params, "testsecret"),
            "CT9X0VtwR86fNWSnsc6v8YGOjuE="
        );
        // The same with the key as the SDKs send it, `Timestamp`.
        let mut sdk = params;
        sdk[6].0 = "Timestamp";
        assert_eq!(
            rpc_v1_signature("GET", &sdk, "testsecret"),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    // aliyun/darabonba-openapi-util: java ClientTest.getRPCSignatureTest
    // (commit 10d8a67e) and golang service_test.go Test_GetRPCSignature
    // (commit 5610382c, which signs with an empty method).
    #[test]
    fn rpc_v1_matches_the_sdks_tests() {
        let params = [("query", "test"), ("body", "test")];
        assert_eq!(
            rpc_v1_string_to_sign("GET", &params),
            "GET&%2F&body%3Dtest%26query%3Dtest"
        );
        assert_eq!(
            rpc_v1_signature("GET", &params, "secret"),
            "XlUyV4sXjOuX5FnjUz9IF9tm5rU="
        );
        assert_eq!(
            rpc_v1_signature("", &[("test", "ok")], "accessKeySecret"),
            "jHx/oHoHNrbVfhncHEvPdHXZwHU="
        );
    }

    // The vendor's documented V3 example ("V3 request structure and
    // signature", alibabacloud.com/help/en/sdk/product-overview/
    // v3-request-structure-and-signature): ECS RunInstances, POST, no body.
    #[test]
    fn v3_matches_the_vendors_documented_example() {
        let empty = sha256_hex(b"");
        assert_eq!(
            empty,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let headers = [
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", &empty),
            ("user-agent", "not signed"),
        ];
        let request = V3Request {
            method: "POST",
            path: "/",
            query: &[
                ("RegionId", "cn-shanghai"),
                (
                    "ImageId",
                    "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
                ),
            ],
            headers: &headers,
            payload_hash: &empty,
        };
        let canonical = v3_canonical_request(&request);
        assert_eq!(
            v3_string_to_sign(&canonical),
            "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            v3_authorization(&request, "YourAccessKeyId", "YourAccessKeySecret"),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    // aliyun/aliyun-openapi-python-sdk (aliyunsdkcore, commit 47d93f6c):
    // tests/auth/composer/test_roa_signature_composer.py, with the date it
    // mocks; and tests/auth/algorithm/test_sha_hmac1.py.
    #[test]
    fn roa_matches_the_sdks_tests() {
        let request = RoaRequest {
            method: "GET",
            path: "/",
            query: &[],
            headers: &[
                ("Accept", "application/octet-stream"),
                ("Date", "2018-12-04T03:55:31Z"),
                ("x-acs-signature-method", "HMAC-SHA1"),
                ("x-acs-signature-version", "1.0"),
            ],
        };
        assert_eq!(
            roa_string_to_sign(&request),
            "GET\napplication/octet-stream\n\n\n2018-12-04T03:55:31Z\n\
             x-acs-signature-method:HMAC-SHA1\nx-acs-signature-version:1.0\n/"
        );
        assert_eq!(
            roa_authorization(&request, "access_key_id", "access_key_secret"),
            "acs access_key_id:HKCpm41tJg6b3EYdtGMbNuwALZU="
        );
        // compose_string_to_sign: a query key without a value has no `=`.
        let query = RoaRequest {
            query: &[("none", ""), ("key", "value")],
            ..request
        };
        assert!(roa_string_to_sign(&query).ends_with("\n/?key=value&none"));
        assert_eq!(
            base64_hmac_sha1(b"secret", b"source"),
            "Jv4yi8SobFhg5t1C7nWLbhBSFZQ="
        );
        assert_eq!(
            base64_hmac_sha1(b"secret", "中文unicode".as_bytes()),
            "szlfHs3WVaO/HgY3Cg7/uyXDaRw="
        );
        // darabonba-openapi-util java ClientTest.getROASignatureTest.
        assert_eq!(
            base64_hmac_sha1(b"sk", b"test"),
            "Ioag9x03doHFkSCveh2h1RE+hsM="
        );
    }

    #[test]
    fn the_one_pass_signature_is_the_two_pass_one() {
        let mut params = vec![
            ("Tag.1.Key", "a b"),
            ("Action", "Describe"),
            ("Tag.10.Key", "伸缩"),
            ("Tag.1", "x*y"),
            ("TagKey", "~"),
            ("Tag.1.Key", "a a"),
        ];
        // Longer than the buffer the string to sign goes through, with a
        // byte to encode at every offset of the eight-byte pieces.
        let long: String = (0..600)
            .map(|i| if i % 9 == 0 { '*' } else { 'a' })
            .chain("伸缩 x".chars())
            .collect();
        params.push(("UserData", &long));
        let mut expected = params.clone();
        expected.sort_unstable();
        sort_params(&mut params);
        assert_eq!(params, expected);
        let key = RpcV1Key::new("secret");
        let signature = rpc_v1_signature("GET", &params, "secret");
        let signed_query = |marked: &[(&str, &str, bool)]| {
            let mut query = Vec::new();
            key.push_signed_query("GET", marked, &mut query);
            utf8_string(query)
        };
        let expected = |sent: &[(&str, &str)]| {
            let signature = percent_encode(&signature);
            format!("{}&Signature={signature}", canonical_query(sent))
        };
        let mut marked: Vec<_> = params.iter().map(|&(k, v)| (k, v, true)).collect();
        assert_eq!(signed_query(&marked), expected(&params));
        // A pair of a form body is signed, and not in the query.
        marked[0].2 = false;
        assert_eq!(signed_query(&marked), expected(&params[1..]));
    }

    #[test]
    fn percent_encoding_keeps_only_the_unreserved_characters() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("a b*c+d/e=f&"), "a%20b%2Ac%2Bd%2Fe%3Df%26");
        assert_eq!(percent_encode("伸缩"), "%E4%BC%B8%E7%BC%A9");
        assert_eq!(percent_encode(":"), "%3A");
    }

    #[test]
    fn dates_are_utc() {
        // 2016-02-23T12:46:24Z, a Tuesday: the vendor's documented example time.
        let time = UNIX_EPOCH + Duration::from_secs(1_456_231_584);
        assert_eq!(iso8601(time), "2016-02-23T12:46:24Z");
        assert_eq!(http_date(time), "Tue, 23 Feb 2016 12:46:24 GMT");
        assert_eq!(iso8601(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(iso8601(leap), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn nonces_differ() {
        let nonces: std::collections::HashSet<String> = (0..10_000).map(|_| nonce()).collect();
        assert_eq!(nonces.len(), 10_000);
        assert!(nonces
            .iter()
            .all(|n| n.len() == 32 && n.bytes().all(|b| b.is_ascii_hexdigit())));
    }
}
