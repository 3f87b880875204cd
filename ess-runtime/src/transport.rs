//! Decoding straight from the HTTP types a client already has:
//! `http::Response` (feature `http`), `reqwest::Response` (feature
//! `reqwest`) and `reqwest::blocking::Response` (feature
//! `reqwest-blocking`). Each adds what only the headers carry: the request
//! id when the body has none (`x-acs-request-id`), and the delay the service
//! asks for before a retry (`x-acs-retry-after`, milliseconds).

use std::time::Duration;

use http::header::CONTENT_TYPE;
use http::HeaderMap;
use serde::Deserialize;

use crate::{
    code::ErrorCode, decode::Decoder, decode::Success, error::Error, operation::Operation,
};
#[cfg(feature = "reqwest")]
use crate::{error::BodyError, error::BodyErrorKind};

const REQUEST_ID: &str = "x-acs-request-id";
const RETRY_AFTER: &str = "x-acs-retry-after";

impl Decoder {
    /// Decodes an `http::Response` whose body is bytes: its status, its
    /// `Content-Type`, its body, and the headers above.
    pub fn decode_http<'de, T, E>(
        &self,
        response: &'de http::Response<impl AsRef<[u8]>>,
    ) -> Result<Success<T>, Error<E>>
    where
        T: Deserialize<'de>,
        E: ErrorCode,
    {
        let (status, headers) = (response.status().as_u16(), response.headers());
        let outcome = self.decode(status, content_type(headers), response.body().as_ref());
        with_headers(outcome, headers)
    }

    /// [`Decoder::decode_http`] for a response of operation `O`, into its
    /// generated types.
    pub fn decode_operation_http<O: Operation>(
        &self,
        response: &http::Response<impl AsRef<[u8]>>,
    ) -> Result<Success<O::Response>, Error<O::Error>> {
        let (status, headers) = (response.status().as_u16(), response.headers());
        let outcome =
            self.decode_operation::<O>(status, content_type(headers), response.body().as_ref());
        with_headers(outcome, headers)
    }
}

/// A response read off the wire: its status, its headers, and its body,
/// or why the body could not be read.
#[cfg(feature = "reqwest")]
struct Read {
    status: u16,
    headers: HeaderMap,
    body: Result<Vec<u8>, crate::error::BodyError>,
}

#[cfg(feature = "reqwest")]
impl Read {
    /// Decodes it with `decode` (a serde type's or an operation's), then
    /// adds what only the headers carry.
    fn decode<T, E>(
        self,
        decode: impl FnOnce(u16, Option<&str>, &[u8]) -> Result<Success<T>, Error<E>>,
    ) -> Result<Success<T>, Error<E>> {
        let outcome = match &self.body {
            Ok(body) => decode(self.status, content_type(&self.headers), body),
            Err(e) => Err(Error::Body(e.clone())),
        };
        with_headers(outcome, &self.headers)
    }
}

/// Adds what only the headers carry: the request id where the body has
/// none, and the retry delay.
fn with_headers<T, E>(
    outcome: Result<Success<T>, Error<E>>,
    headers: &HeaderMap,
) -> Result<Success<T>, Error<E>> {
    let request_id = header(headers, REQUEST_ID);
    let retry_after = header(headers, RETRY_AFTER)
        .and_then(|ms| ms.trim().parse().ok())
        // The vendor's SDKs take 0 (and anything unreadable) as no delay.
        .filter(|&ms: &u64| ms > 0)
        .map(Duration::from_millis);
    match outcome {
        Ok(mut success) => {
            if success.request_id.is_none() {
                success.request_id = request_id.map(str::to_owned);
            }
            Ok(success)
        }
        Err(Error::Api(mut e)) => {
            if let (None, Some(id)) = (e.request_id(), request_id) {
                e = e.with_request_id(id);
            }
            e.retry_after = retry_after;
            Err(Error::Api(e))
        }
        Err(Error::Body(mut e)) => {
            if let Some(id) = request_id {
                e = e.with_request_id(id);
            }
            if let Some(after) = retry_after {
                e = e.with_retry_after(after);
            }
            Err(Error::Body(e))
        }
        Err(other) => Err(other),
    }
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers.get(CONTENT_TYPE)?.to_str().ok()
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)?
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

#[cfg(feature = "reqwest")]
impl Decoder {
    /// Reads a `reqwest::Response` and decodes it. The body is read chunk by
    /// chunk and refused as soon as it passes the size limit, so a runaway
    /// body is never buffered whole; a failure while reading it is a
    /// [`BodyError`](crate::error::BodyError). Sends nothing.
    pub async fn decode_reqwest<T, E>(
        &self,
        response: reqwest::Response,
    ) -> Result<Success<T>, Error<E>>
    where
        T: serde::de::DeserializeOwned,
        E: ErrorCode,
    {
        self.read_reqwest(response)
            .await
            .decode(|status, content_type, body| self.decode(status, content_type, body))
    }

    /// [`Decoder::decode_reqwest`] for a response of operation `O`, into
    /// its generated types.
    pub async fn decode_operation_reqwest<O: Operation>(
        &self,
        response: reqwest::Response,
    ) -> Result<Success<O::Response>, Error<O::Error>> {
        self.read_reqwest(response)
            .await
            .decode(|status, content_type, body| {
                self.decode_operation::<O>(status, content_type, body)
            })
    }

    async fn read_reqwest(&self, mut response: reqwest::Response) -> Read {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = async {
            self.check_size(status, response.content_length().unwrap_or(0))?;
            let mut body = Vec::new();
            loop {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        self.check_size(status, (body.len() + chunk.len()) as u64)?;
                        body.extend_from_slice(&chunk);
                    }
                    Ok(None) => return Ok(body),
                    Err(e) => return Err(read_failed(status, &body, e)),
                }
            }
        };
        Read {
            status,
            headers,
            body: body.await,
        }
    }

    /// [`Decoder::decode_reqwest`] for `reqwest`'s blocking client (feature
    /// `reqwest-blocking`): at most one byte past the size limit is kept
    /// from the body.
    #[cfg(feature = "reqwest-blocking")]
    pub fn decode_reqwest_blocking<T, E>(
        &self,
        response: reqwest::blocking::Response,
    ) -> Result<Success<T>, Error<E>>
    where
        T: serde::de::DeserializeOwned,
        E: ErrorCode,
    {
        self.read_reqwest_blocking(response)
            .decode(|status, content_type, body| self.decode(status, content_type, body))
    }

    /// [`Decoder::decode_reqwest_blocking`] for a response of operation `O`,
    /// into its generated types.
    #[cfg(feature = "reqwest-blocking")]
    pub fn decode_operation_reqwest_blocking<O: Operation>(
        &self,
        response: reqwest::blocking::Response,
    ) -> Result<Success<O::Response>, Error<O::Error>> {
        self.read_reqwest_blocking(response)
            .decode(|status, content_type, body| {
                self.decode_operation::<O>(status, content_type, body)
            })
    }

    #[cfg(feature = "reqwest-blocking")]
    fn read_reqwest_blocking(&self, response: reqwest::blocking::Response) -> Read {
        use std::io::Read as _;

        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = (|| {
            self.check_size(status, response.content_length().unwrap_or(0))?;
            let mut body = Vec::new();
            // One byte past the limit tells a body over it from one at it.
            let past_limit = (self.max_body_size as u64).saturating_add(1);
            if let Err(e) = response.take(past_limit).read_to_end(&mut body) {
                return Err(read_failed(status, &body, e));
            }
            self.check_size(status, body.len() as u64)?;
            Ok(body)
        })();
        Read {
            status,
            headers,
            body,
        }
    }
}

/// Reading the body failed after `body` had arrived.
#[cfg(feature = "reqwest")]
fn read_failed(status: u16, body: &[u8], e: impl std::fmt::Display) -> BodyError {
    let message = format!("reading the body failed after {} bytes: {e}", body.len());
    BodyError::in_body(
        BodyErrorKind::Unreadable,
        status,
        None,
        message,
        body,
        Some(body.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::RetryKind;
    use ess_macros::error_enum;

    #[error_enum(
        crate = "crate",
        spec_json = r#"{ "errors": [
        { "code": "Throttling", "http_status": 400, "message": "Request was denied.", "retry": "throttling" },
        { "code": "InvalidParameter", "http_status": 400, "message": "Bad." }
    ] }"#
    )]
    enum Codes {}

    fn response(
        status: u16,
        headers: &[(&str, &str)],
        body: &'static str,
    ) -> http::Response<&'static str> {
        let mut builder = http::Response::builder().status(status);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body).unwrap()
    }

    #[test]
    fn the_request_id_header_fills_in_for_the_body() {
        let r = response(
            200,
            &[
                ("content-type", "application/json"),
                ("x-acs-request-id", "H1"),
            ],
            "{}",
        );
        let ok = Decoder::new()
            .decode_http::<serde_json::Value, Codes>(&r)
            .unwrap();
        assert_eq!(ok.request_id.as_deref(), Some("H1"));
        let r = response(200, &[("x-acs-request-id", "H1")], r#"{"RequestId": "B1"}"#);
        let ok = Decoder::new()
            .decode_http::<serde_json::Value, Codes>(&r)
            .unwrap();
        assert_eq!(ok.request_id.as_deref(), Some("B1"), "the body wins");
    }

    #[test]
    fn throttling_wins_over_its_400_and_the_retry_header_is_read() {
        let r = response(
            400,
            &[
                ("content-type", "text/xml"),
                ("x-acs-request-id", "H2"),
                ("x-acs-retry-after", "1500"),
            ],
            "<Error><Code>Throttling</Code><Message>Request was denied.</Message>\
             <HostId>ess.aliyuncs.com</HostId><Recommend>https://r/</Recommend></Error>",
        );
        let e = Decoder::new()
            .decode_http::<serde_json::Value, Codes>(&r)
            .unwrap_err();
        let api = e.api().unwrap();
        assert_eq!(api.code(), &Codes::Throttling);
        assert_eq!(api.request_id(), Some("H2"));
        assert_eq!(
            (api.message(), api.host_id(), api.recommend()),
            (
                "Request was denied.",
                Some("ess.aliyuncs.com"),
                Some("https://r/")
            ),
            "the rest is kept"
        );
        let advice = e.retry();
        assert_eq!(advice.kind, RetryKind::Throttling);
        assert_eq!(advice.after, Some(Duration::from_millis(1500)));
        assert!(advice.is_retryable());
    }

    #[test]
    fn statuses_classify_what_the_code_does_not() {
        let kind = |status, body: &'static str| {
            let r = response(status, &[("content-type", "application/json")], body);
            Decoder::new()
                .decode_http::<serde_json::Value, Codes>(&r)
                .unwrap_err()
                .retry()
                .kind
        };
        assert_eq!(
            kind(400, r#"{"Code": "InvalidParameter", "Message": "m"}"#),
            RetryKind::Client
        );
        assert_eq!(
            kind(500, r#"{"Code": "SomethingNew", "Message": "m"}"#),
            RetryKind::Transient
        );
        assert_eq!(kind(502, "<html>Bad Gateway</html>"), RetryKind::Transient);
        assert_eq!(kind(503, ""), RetryKind::Transient);
        assert_eq!(
            kind(501, r#"{"Code": "NotImplemented", "Message": "m"}"#),
            RetryKind::NotRetryable
        );
        assert_eq!(kind(200, "[1]"), RetryKind::NotRetryable);
        assert!(!RetryKind::Client.is_retryable());
    }

    #[test]
    fn a_body_error_keeps_the_request_id_and_the_retry_delay_of_the_headers() {
        let r = response(
            503,
            &[
                ("content-type", "text/html"),
                ("x-acs-request-id", "H3"),
                ("x-acs-retry-after", "250"),
            ],
            "<html><body>Service Unavailable</body></html>",
        );
        let e = Decoder::new()
            .decode_http::<serde_json::Value, Codes>(&r)
            .unwrap_err();
        let body = e.body().expect("a body error");
        assert_eq!(body.kind(), crate::error::BodyErrorKind::NoEnvelope);
        assert_eq!(body.request_id(), Some("H3"));
        assert_eq!(e.request_id(), Some("H3"));
        assert_eq!(e.code(), None);
        assert_eq!(e.retry().kind, RetryKind::Transient);
        assert_eq!(e.retry().after, Some(Duration::from_millis(250)));
        assert!(e.to_string().ends_with("[request id H3]"), "{e}");
    }

    /// Answers one request on 127.0.0.1 with `response`, raw bytes, then
    /// closes the connection; returns the URL to call.
    #[cfg(feature = "reqwest-blocking")]
    fn serve_once(response: String) -> String {
        use std::io::{Read as _, Write as _};

        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            // Read the whole request head first: closing with unread bytes
            // would reset the connection under the client.
            let mut head = Vec::new();
            let mut byte = [0];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
                head.push(byte[0]);
            }
            stream.write_all(response.as_bytes()).unwrap();
        });
        url
    }

    #[test]
    #[cfg(feature = "reqwest-blocking")]
    fn the_blocking_client_reads_up_to_the_limit_and_reports_broken_bodies() {
        let decode = |response: String, decoder: Decoder| {
            let response = reqwest::blocking::get(serve_once(response)).unwrap();
            decoder.decode_reqwest_blocking::<serde_json::Value, Codes>(response)
        };
        // No Content-Length: the body ends when the connection closes, so
        // only reading can find out that it is too long.
        let body = format!(r#"{{"RequestId":"B1","Padding":"{}"}}"#, "x".repeat(200));
        let close_delimited = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{body}"
        );
        let ok = decode(close_delimited.clone(), Decoder::new()).unwrap();
        assert_eq!(ok.request_id.as_deref(), Some("B1"));
        assert_eq!(ok.body["Padding"].as_str().map(str::len), Some(200));

        let exactly = Decoder::new().max_body_size(body.len());
        let ok = decode(close_delimited.clone(), exactly).unwrap();
        assert_eq!(
            ok.request_id.as_deref(),
            Some("B1"),
            "a body at the limit is read"
        );

        let e = decode(close_delimited, Decoder::new().max_body_size(64)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "HTTP 200: cannot decode the body: the body has at least 65 bytes, more than the limit of 64"
        );

        let sent = r#"{"Code":"Throttling""#;
        let cut_chunk = format!(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\
             Transfer-Encoding: chunked\r\n\r\n20\r\n{sent}"
        );
        let e = decode(cut_chunk, Decoder::new()).unwrap_err();
        let Error::Body(body) = &e else { panic!("{e}") };
        assert_eq!(body.status(), 400);
        // How much of the cut chunk arrives before the error is up to the
        // HTTP stack; the message counts it and the snippet shows it.
        let arrived: usize = body
            .message()
            .strip_prefix("reading the body failed after ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|count| count.parse().ok())
            .unwrap_or_else(|| panic!("{e}"));
        assert!(arrived <= sent.len(), "{e}");
        assert_eq!(body.snippet(), sent[..arrived].escape_debug().to_string());
    }
}
