//! The local service the HTTP tests call: `ess serve`'s fake
//! (`ess_cli::serve`) of a spec on 127.0.0.1 with an OS-chosen port,
//! answering the suite's bodies from `fixtures/serve/PRODUCT/` (ESS's
//! `DescribeScalingGroups` has five groups) and the spec's examples
//! otherwise. It stops when dropped.
//!
//! The fake checks signatures with the runtime's signer, so a signer bug
//! would pass on both sides. When it stops, every request it answered is
//! checked again by [`crate::signature`], the vendor's rules written here
//! from the documentation: the fake and the documentation must agree on
//! every request, accepted or refused.

use std::path::PathBuf;
use std::sync::Arc;

use ess_cli::serve::{Faults, KeySource, Options, Received, Running};
use ess_codegen::Spec;

/// A running fake; it stops when dropped.
pub struct Server {
    running: Running,
    keys: Option<Arc<dyn KeySource>>,
}

impl Server {
    /// A fake of ESS that checks no signature, with `faults`.
    pub fn ess(faults: Faults) -> Server {
        Self::start(crate::ess_spec(), "ess", None, faults)
    }

    /// A fake of ESS that checks every request's signature with the key
    /// `id` and `secret`.
    pub fn ess_signed(id: &str, secret: &str) -> Server {
        Self::signed(crate::ess_spec(), "ess", id, secret)
    }

    /// A fake of `spec` (fixtures from `fixtures/serve/PRODUCT`) that
    /// checks every request's signature with the key `id` and `secret`.
    pub fn signed(spec: &Spec, product: &str, id: &str, secret: &str) -> Server {
        let keys: Arc<dyn KeySource> = Arc::new(vec![(id.to_owned(), secret.to_owned())]);
        Self::start(spec, product, Some(keys), Faults::default())
    }

    /// A fake of ESS that checks every request against the keys `keys`
    /// holds (a fake STS hands them out), tokens and expiries too.
    pub fn ess_with_keys(keys: Arc<dyn KeySource>) -> Server {
        Self::start(crate::ess_spec(), "ess", Some(keys), Faults::default())
    }

    /// A fake of `spec`, its bodies from `fixtures/serve/PRODUCT`.
    pub fn start(
        spec: &Spec,
        product: &str,
        keys: Option<Arc<dyn KeySource>>,
        faults: Faults,
    ) -> Server {
        let options = Options {
            keys: keys.clone(),
            fixtures: Some(fixtures(product)),
            faults,
        };
        let running = ess_cli::serve::Server::bind("127.0.0.1:0", spec.clone(), options)
            .and_then(ess_cli::serve::Server::spawn)
            .expect("a free port on 127.0.0.1");
        Server { running, keys }
    }

    /// The server's address as a client's endpoint.
    pub fn endpoint(&self) -> String {
        self.running.endpoint()
    }

    /// Its address, `HOST:PORT`: the `HostId` of its errors.
    pub fn host(&self) -> String {
        self.running.addr().to_string()
    }

    /// The URL of an unsigned call in `cn-hangzhou`: `Action`, `Format`
    /// and any other parameters (`&Name=value...`).
    pub fn url(&self, action: &str, format: &str, extra: &str) -> String {
        format!(
            "{}/?Action={action}&Format={format}&RegionId=cn-hangzhou{extra}",
            self.endpoint()
        )
    }

    /// How many requests it has answered.
    pub fn requests(&self) -> usize {
        self.running.received().len()
    }

    /// The requests it has answered, in order.
    pub fn received(&self) -> Vec<Received> {
        self.running.received()
    }
}

/// `fixtures/serve/PRODUCT`, the suite's bodies of a product.
fn fixtures(product: &str) -> PathBuf {
    crate::fixture(&format!("serve/{product}"))
}

/// The codes with which the fake refuses a request before its signature
/// is looked at.
const BEFORE_SIGNATURE: [&str; 4] = [
    "InvalidAccessKeyId.NotFound",
    "InvalidSecurityToken.MismatchWithAccessKey",
    "InvalidSecurityToken.Expired",
    "IncompleteSignature",
];

impl Drop for Server {
    /// Checks that the documentation's rules agree with the fake on each
    /// signed request: a test that passes has been accepted by both.
    fn drop(&mut self) {
        let Some(keys) = &self.keys else { return };
        if std::thread::panicking() {
            return;
        }
        for received in self.running.received() {
            if received.action.is_empty()
                || received.code.as_deref().is_some_and(|c| {
                    BEFORE_SIGNATURE.contains(&c) || c.starts_with("InvalidAction")
                })
            {
                continue;
            }
            let Some(id) = crate::signature::access_key_id(&received) else {
                continue;
            };
            let Some(key) = keys.key(&id) else { continue };
            let documented = crate::signature::verify(&received, &key.secret);
            let refused = received.code.as_deref() == Some("SignatureDoesNotMatch");
            assert_eq!(
                documented,
                !refused,
                "the documentation {} a request the fake {}: {} {}?{}",
                if documented { "accepts" } else { "refuses" },
                if refused { "refused" } else { "accepted" },
                received.method,
                received.path,
                received.query,
            );
        }
    }
}
