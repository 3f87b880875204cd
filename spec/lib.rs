//! The repository's specs, compiled.
//!
//! Every committed spec generates its code here, in a crate that denies every
//! warning and requires docs, so `cargo doc` and `cargo clippy` check the
//! generated code and its rustdoc. The tests, examples and benchmarks use
//! these types; the spec texts are here too, for the tests that compare the
//! generated code with the files.
#![deny(warnings, missing_docs)]

/// The common error codes of the Auto Scaling (ESS) API.
#[ess_runtime::error_enum(spec = "common.json")]
#[non_exhaustive]
pub enum CommonError {}

/// Every error code of the Auto Scaling API reference, imported from the
/// vendor's pages by `ess import docs` into `spec/ess.json`.
#[ess_runtime::error_enum(spec = "ess.json")]
#[non_exhaustive]
pub enum EssError {}

/// What `CreateScalingGroup` can return: the codes its page documents, with
/// the statuses it gives them, and the common codes.
#[ess_runtime::error_enum(
    spec = "ess.json",
    operation = "CreateScalingGroup",
    service_enum = "EssError"
)]
pub enum CreateScalingGroupError {}

/// What `AttachInstances` can return.
#[ess_runtime::error_enum(
    spec = "ess.json",
    operation = "AttachInstances",
    service_enum = "EssError"
)]
pub enum AttachInstancesError {}

/// The text of `spec/common.json`.
pub const COMMON_JSON: &str = include_str!("common.json");

/// The text of `spec/ess.json`.
pub const ESS_JSON: &str = include_str!("ess.json");

/// The whole Auto Scaling service, generated from `spec/ess.json`: the
/// error codes, one type per operation, and every operation's response
/// types.
#[ess_runtime::service(spec = "ess.json")]
pub mod ess {}

/// Cuts of the vendor's metadata for other products, one per schema feature
/// or envelope style (`tests/fixtures/aliyun-openapi-meta/catalogue`, cut
/// by `scripts/cut_fixtures.py`), each imported by `ess import meta` into
/// `spec/catalogue/PRODUCT.json` and generated whole.
pub mod catalogue {
    /// adb (version 2021-12-01), from `spec/catalogue/adb.json`.
    #[ess_runtime::service(spec = "catalogue/adb.json")]
    pub mod adb {}

    /// AiMiaoBi (version 2023-08-01), from `spec/catalogue/aimiaobi.json`.
    #[ess_runtime::service(spec = "catalogue/aimiaobi.json")]
    pub mod aimiaobi {}

    /// airticketOpen (version 2023-01-17), from `spec/catalogue/airticketopen.json`.
    #[ess_runtime::service(spec = "catalogue/airticketopen.json")]
    pub mod airticketopen {}

    /// ARMS (version 2019-08-08), from `spec/catalogue/arms.json`.
    #[ess_runtime::service(spec = "catalogue/arms.json")]
    pub mod arms {}

    /// CS (version 2015-12-15), from `spec/catalogue/cs.json`.
    #[ess_runtime::service(spec = "catalogue/cs.json")]
    pub mod cs {}

    /// devops (version 2021-06-25), from `spec/catalogue/devops.json`.
    #[ess_runtime::service(spec = "catalogue/devops.json")]
    pub mod devops {}

    /// Eiam-developerapi (version 2022-02-25), from `spec/catalogue/eiam-developerapi.json`.
    #[ess_runtime::service(spec = "catalogue/eiam-developerapi.json")]
    pub mod eiam_developerapi {}

    /// Ess (version 2014-08-28), from `spec/catalogue/ess.json`: Auto
    /// Scaling imported from its metadata alone, with the vendor's common
    /// codes and none of its pages.
    #[ess_runtime::service(spec = "catalogue/ess.json")]
    pub mod ess {}

    /// FC (version 2023-03-30), from `spec/catalogue/fc.json`.
    #[ess_runtime::service(spec = "catalogue/fc.json")]
    pub mod fc {}

    /// grace (version 2022-06-06), from `spec/catalogue/grace.json`.
    #[ess_runtime::service(spec = "catalogue/grace.json")]
    pub mod grace {}

    /// hbr (version 2017-09-08), from `spec/catalogue/hbr.json`.
    #[ess_runtime::service(spec = "catalogue/hbr.json")]
    pub mod hbr {}

    /// linkedmall (version 2023-09-30), from `spec/catalogue/linkedmall.json`.
    #[ess_runtime::service(spec = "catalogue/linkedmall.json")]
    pub mod linkedmall {}

    /// mse (version 2019-05-31), from `spec/catalogue/mse.json`.
    #[ess_runtime::service(spec = "catalogue/mse.json")]
    pub mod mse {}

    /// Oss (version 2019-05-17), from `spec/catalogue/oss.json`.
    #[ess_runtime::service(spec = "catalogue/oss.json")]
    pub mod oss {}

    /// PaiRecService (version 2022-12-13), from `spec/catalogue/pairecservice.json`.
    #[ess_runtime::service(spec = "catalogue/pairecservice.json")]
    pub mod pairecservice {}

    /// tingwu (version 2022-09-30), from `spec/catalogue/tingwu.json`.
    #[ess_runtime::service(spec = "catalogue/tingwu.json")]
    pub mod tingwu {}

    /// Each product's name and the text of its spec.
    pub const SPECS: &[(&str, &str)] = &[
        ("adb", include_str!("catalogue/adb.json")),
        ("aimiaobi", include_str!("catalogue/aimiaobi.json")),
        (
            "airticketopen",
            include_str!("catalogue/airticketopen.json"),
        ),
        ("arms", include_str!("catalogue/arms.json")),
        ("cs", include_str!("catalogue/cs.json")),
        ("devops", include_str!("catalogue/devops.json")),
        (
            "eiam-developerapi",
            include_str!("catalogue/eiam-developerapi.json"),
        ),
        ("ess", include_str!("catalogue/ess.json")),
        ("fc", include_str!("catalogue/fc.json")),
        ("grace", include_str!("catalogue/grace.json")),
        ("hbr", include_str!("catalogue/hbr.json")),
        ("linkedmall", include_str!("catalogue/linkedmall.json")),
        ("mse", include_str!("catalogue/mse.json")),
        ("oss", include_str!("catalogue/oss.json")),
        (
            "pairecservice",
            include_str!("catalogue/pairecservice.json"),
        ),
        ("tingwu", include_str!("catalogue/tingwu.json")),
    ];
}
