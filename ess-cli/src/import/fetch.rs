//! `ess import meta PRODUCT@VERSION`: the metadata fetched from the
//! vendor's API Explorer, which serves every product's at one address
//! pattern.

use std::time::Duration;

use ess_codegen::SourceText;

/// Where the API Explorer is; `--from` replaces it (a local server).
pub const API_EXPLORER: &str = "https://api.aliyun.com";

/// A product and version as `ess import meta` takes them: `Vpc@2016-04-28`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductVersion {
    /// The product's code, as the vendor writes it (`Vpc`, `Ess`).
    pub product: String,
    /// The API version (`2016-04-28`).
    pub version: String,
}

impl ProductVersion {
    /// `PRODUCT@VERSION`, or `None` for anything else (a file's path).
    pub fn parse(text: &str) -> Option<Self> {
        let (product, version) = text.split_once('@')?;
        let word = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        };
        (word(product) && word(version)).then(|| ProductVersion {
            product: product.to_owned(),
            version: version.to_owned(),
        })
    }

    /// The metadata's address under `base` (`https://api.aliyun.com`).
    pub fn url(&self, base: &str) -> String {
        format!(
            "{}/meta/v1/products/{}/versions/{}/api-docs.json",
            base.trim_end_matches('/'),
            self.product,
            self.version
        )
    }
}

/// The metadata of `wanted`, fetched from `base`; the source's origin is
/// its address, so that notes name it.
pub fn metadata(wanted: &ProductVersion, base: &str) -> Result<SourceText, String> {
    let url = wanted.url(base);
    let named = format!("{}@{}", wanted.product, wanted.version);
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| e.to_string())?;
    let failed = |e: reqwest::Error| {
        let sent = !e.is_connect();
        let timed_out = e.is_timeout();
        let e = e.without_url();
        let why = ess_runtime::TransportError::from_error(sent, timed_out, &e);
        format!("cannot fetch the metadata of {named} from {url}: {why}")
    };
    let response = http.get(&url).send().map_err(failed)?;
    let status = response.status();
    let text = response.text().map_err(failed)?;
    if status == reqwest::StatusCode::NOT_FOUND {
        return Err(format!(
            "the API Explorer has no metadata for {named} (HTTP 404 from {url}): check the product's code and the version, as its pages write them (`Vpc@2016-04-28`, `Ess@2014-08-28`)"
        ));
    }
    if !status.is_success() {
        return Err(format!(
            "the metadata of {named} could not be fetched: HTTP {} from {url}: {}",
            status.as_u16(),
            excerpt(&text)
        ));
    }
    // The explorer answers an unknown product with a small error object
    // at times, not with 404: metadata has `apis`.
    let looks_like_metadata = serde_json::from_str::<serde_json::Value>(&text)
        .map(|v| v.get("apis").is_some())
        .unwrap_or(true);
    if !looks_like_metadata {
        return Err(format!(
            "the API Explorer has no metadata for {named} ({url} answered without `apis`: {}): check the product's code and the version",
            excerpt(&text)
        ));
    }
    Ok(SourceText { origin: url, text })
}

/// The start of a body, on one line, for a message.
fn excerpt(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(160) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_at_a_version_is_told_from_a_path() {
        let vpc = ProductVersion::parse("Vpc@2016-04-28").unwrap();
        assert_eq!(
            vpc.url(API_EXPLORER),
            "https://api.aliyun.com/meta/v1/products/Vpc/versions/2016-04-28/api-docs.json"
        );
        assert_eq!(
            vpc.url("http://127.0.0.1:8080/"),
            "http://127.0.0.1:8080/meta/v1/products/Vpc/versions/2016-04-28/api-docs.json"
        );
        for path in [
            "api-docs.json",
            "dir/Vpc@2016/api-docs.json",
            "@2016-04-28",
            "Vpc@",
            "a b@1",
        ] {
            assert_eq!(ProductVersion::parse(path), None, "{path}");
        }
    }
}
