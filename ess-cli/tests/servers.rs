//! `ess` against servers, as built by default: `ess call` reaches an https
//! endpoint whose certificate it trusts and says why when it cannot reach
//! one; it takes its options anywhere on the line and checks the arguments
//! before it looks for credentials; `ess import meta PRODUCT@VERSION`
//! fetches the metadata from the API Explorer's address. Every server here
//! is this test's own, on 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::Arc;
use std::thread::JoinHandle;

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

const SPEC: &str = "../spec/ess.json";
const BODY: &str = r#"{"RequestId":"R-TLS","TotalCount":0,"PageNumber":1,"PageSize":10,"ScalingGroups":{"ScalingGroup":[]}}"#;

/// A certificate authority, written as PEM to trust, and a certificate it
/// issued for 127.0.0.1 with its key, for the server.
fn certificates(
    dir: &std::path::Path,
) -> (PathBuf, CertificateDer<'static>, PrivateKeyDer<'static>) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&key, &Issuer::from_params(&ca, &ca_key))
        .unwrap();
    let pem = dir.join("ess-call-ca.pem");
    std::fs::write(&pem, ca_cert.pem()).unwrap();
    (
        pem,
        leaf.der().clone(),
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    )
}

/// An https server for one connection: it answers any request with `BODY`
/// and gives back the request's first line (or why the handshake failed).
fn serve_once(
    cert: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
) -> (u16, JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    let handle = std::thread::spawn(move || {
        let (socket, _) = listener.accept().unwrap();
        let connection = rustls::ServerConnection::new(Arc::new(config)).unwrap();
        let mut tls = BufReader::new(rustls::StreamOwned::new(connection, socket));
        let mut first = String::new();
        if let Err(e) = tls.read_line(&mut first) {
            return format!("handshake: {e}");
        }
        let mut length = 0;
        loop {
            let mut line = String::new();
            tls.read_line(&mut line).unwrap();
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        tls.read_exact(&mut vec![0; length]).unwrap();
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{BODY}",
            BODY.len()
        );
        let stream = tls.get_mut();
        stream.write_all(response.as_bytes()).unwrap();
        stream.conn.send_close_notify();
        let _ = stream.flush();
        first.trim_end().to_owned()
    });
    (port, handle)
}

/// `ess` with `args`, keys in the environment unless `keys` is false, and
/// nothing else of the user's: no profile, no region, the roots of
/// `trusted` only.
fn ess(args: &[&str], keys: bool, trusted: Option<&std::path::Path>) -> Output {
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ess-call-home");
    std::fs::create_dir_all(&home).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_ess"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", &home);
    for (name, _) in std::env::vars() {
        if name.starts_with("ALIBABA")
            || name.starts_with("ALICLOUD")
            || name.starts_with("SSL_CERT")
        {
            command.env_remove(name);
        }
    }
    // Never the ECS metadata address, whatever this test's environment.
    command.env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
    if keys {
        command
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-test")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "test-secret");
    }
    if let Some(pem) = trusted {
        command.env("SSL_CERT_FILE", pem);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn an_https_endpoint_whose_certificate_is_trusted_is_reached() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (pem, cert, key) = certificates(&dir);
    let (port, server) = serve_once(cert, key);
    let endpoint = format!("https://127.0.0.1:{port}");
    // The options after the operation's arguments, and `--region` filling
    // the `RegionId` the operation requires.
    let out = ess(
        &[
            "call",
            SPEC,
            "DescribeScalingGroups",
            "--PageSize",
            "10",
            "--endpoint",
            &endpoint,
            "--region",
            "cn-beijing",
            "--json",
        ],
        true,
        Some(&pem),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let request = server.join().unwrap();
    assert!(request.starts_with("POST /?"), "{request}");
    assert!(request.contains("RegionId=cn-beijing"), "{request}");
    assert!(request.contains("PageSize=10"), "{request}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["outcome"], "success");
    assert_eq!(report["request_id"], "R-TLS");
}

#[test]
fn a_certificate_it_does_not_trust_is_a_tls_error_that_says_so() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (_, cert, key) = certificates(&dir);
    // Trusts another authority than the one that issued the server's.
    let (other, _, _) = certificates(&dir.join(".."));
    let (port, server) = serve_once(cert, key);
    let endpoint = format!("https://127.0.0.1:{port}");
    let out = ess(
        &[
            "call",
            SPEC,
            "DescribeScalingGroups",
            "--RegionId",
            "cn-hangzhou",
            "--endpoint",
            &endpoint,
        ],
        true,
        Some(&other),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: the call failed, TLS failed: "),
        "{stderr}"
    );
    assert!(stderr.contains("certificate"), "{stderr}");
    assert!(server.join().unwrap().starts_with("handshake: "));
}

#[test]
fn a_refused_connection_says_so() {
    // Bound, then closed: nothing listens on the port.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let out = ess(
        &[
            "call",
            SPEC,
            "DescribeScalingGroups",
            "--endpoint",
            &endpoint,
            "--RegionId",
            "cn-hangzhou",
        ],
        true,
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: the call failed, connection refused: "),
        "{stderr}"
    );
}

#[test]
fn arguments_are_checked_before_credentials() {
    // No keys anywhere: a misspelt parameter is still the first error.
    let out = ess(
        &[
            "call",
            SPEC,
            "DescribeScalingGroups",
            "--RegionId",
            "cn-hangzhou",
            "--PageSise",
            "1",
        ],
        false,
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("has no parameter `PageSise`"), "{stderr}");
    assert!(stderr.contains("did you mean `PageSize`?"), "{stderr}");
    // A required RegionId: the region fills it, else it is asked for.
    let out = ess(&["call", SPEC, "DescribeScalingGroups"], false, None);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("needs --RegionId"), "{stderr}");
    // With correct arguments, the missing credentials are the error.
    let out = ess(
        &[
            "call",
            SPEC,
            "DescribeScalingGroups",
            "--region",
            "cn-hangzhou",
        ],
        false,
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("ALIBABA_CLOUD_ACCESS_KEY_ID"),
        "{}",
        text(&out.stderr)
    );
}

/// A server of the API Explorer's metadata addresses, on 127.0.0.1, for
/// `connections` requests: Vpc@2016-04-28 is there, `Odd` answers an
/// error object with 200, anything else is 404.
fn explorer(connections: usize) -> (String, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut paths = Vec::new();
        for _ in 0..connections {
            let (socket, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(socket);
            let mut first = String::new();
            reader.read_line(&mut first).unwrap();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            let path = first.split(' ').nth(1).unwrap_or_default().to_owned();
            let (status, body) = match path.as_str() {
                "/meta/v1/products/Vpc/versions/2016-04-28/api-docs.json" => (
                    "200 OK",
                    r#"{"info": {"style": "RPC", "product": "Vpc", "version": "2016-04-28"}, "apis": {"DescribeVpcs": {"responses": {"200": {"schema": {"type": "object", "properties": {"RequestId": {"type": "string"}, "TotalCount": {"type": "integer"}}}}}}}}"#,
                ),
                "/meta/v1/products/Odd/versions/2016-04-28/api-docs.json" => (
                    "200 OK",
                    r#"{"code": "Product.NotFound", "message": "no such product"}"#,
                ),
                _ => ("404 Not Found", "not found"),
            };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            reader.get_mut().write_all(response.as_bytes()).unwrap();
            paths.push(path);
        }
        paths
    });
    (base, handle)
}

#[test]
fn import_meta_fetches_a_product_at_a_version_from_the_api_explorer() {
    let (base, server) = explorer(3);
    let spec = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("vpc-fetched.json");
    let out = ess(
        &[
            "import",
            "meta",
            "Vpc@2016-04-28",
            "--from",
            &base,
            "-o",
            spec.to_str().unwrap(),
        ],
        false,
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&spec).unwrap()).unwrap();
    assert_eq!(written["service"], "Vpc");
    assert!(written["responses"]["DescribeVpcs"].is_object());
    assert_eq!(written["common"].as_array().unwrap().len(), 14);
    assert!(
        written.get("$schema").is_none(),
        "no $schema unless asked for"
    );

    let out = ess(
        &["import", "meta", "Nope@2016-04-28", "--from", &base],
        false,
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "error: the API Explorer has no metadata for Nope@2016-04-28 (HTTP 404 from "
        ),
        "{stderr}"
    );
    let out = ess(
        &["import", "meta", "Odd@2016-04-28", "--from", &base],
        false,
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("answered without `apis`"), "{stderr}");
    assert!(stderr.contains("Product.NotFound"), "{stderr}");
    assert_eq!(
        server.join().unwrap(),
        [
            "/meta/v1/products/Vpc/versions/2016-04-28/api-docs.json",
            "/meta/v1/products/Nope/versions/2016-04-28/api-docs.json",
            "/meta/v1/products/Odd/versions/2016-04-28/api-docs.json",
        ]
    );
    // Nothing listens: the cause is named.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = ess(
        &[
            "import",
            "meta",
            "Vpc@2016-04-28",
            "--from",
            &format!("http://127.0.0.1:{port}"),
        ],
        false,
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("connection refused"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn call_takes_its_keys_from_the_chain_with_no_flag() {
    // One server for the credentials URI and the call: the first request
    // asks for keys, the second is the call, signed with them.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let mut firsts = Vec::new();
        for answer in [
            r#"{"Code": "Success", "AccessKeyId": "STS.uri", "AccessKeySecret": "uri-secret", "SecurityToken": "uri-token", "Expiration": "2099-01-01T00:00:00Z"}"#,
            BODY,
        ] {
            let (socket, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(socket);
            let mut first = String::new();
            reader.read_line(&mut first).unwrap();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap();
                }
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            reader.read_exact(&mut vec![0; length]).unwrap();
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
            reader.get_mut().write_all(response.as_bytes()).unwrap();
            firsts.push(first.trim_end().to_owned());
        }
        firsts
    });
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ess-call-chain-home");
    std::fs::create_dir_all(&home).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_ess"));
    command
        .args([
            "call",
            SPEC,
            "DescribeScalingGroups",
            "--region",
            "cn-hangzhou",
            "--endpoint",
            &base,
            "--json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", &home);
    for (name, _) in std::env::vars() {
        if name.starts_with("ALIBABA") || name.starts_with("ALICLOUD") {
            command.env_remove(name);
        }
    }
    let out = command
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .env(
            "ALIBABA_CLOUD_CREDENTIALS_URI",
            format!("{base}/credentials"),
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let firsts = server.join().unwrap();
    assert_eq!(firsts[0], "GET /credentials HTTP/1.1");
    assert!(firsts[1].contains("AccessKeyId=STS.uri"), "{}", firsts[1]);
    assert!(
        firsts[1].contains("SecurityToken=uri-token"),
        "{}",
        firsts[1]
    );
}
