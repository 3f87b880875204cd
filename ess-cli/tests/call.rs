//! `ess call` as built by default: it reaches an https endpoint whose
//! certificate it trusts, and says why when it cannot reach one; it takes its
//! options anywhere on the line and checks the arguments before it looks for
//! credentials. Every server here is this test's own, on 127.0.0.1.

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
