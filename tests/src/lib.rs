//! What the integration suite, the examples and the benchmarks share: the
//! local services (`ess serve`'s fake, the identity fakes), the vendor's
//! signature rules from its documentation, and the way to the fixtures.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use ess_codegen::model::{Node, Shape};
use ess_codegen::Spec;
use ess_runtime::{decode_operation, to_xml, Operation};
use serde_json::Value;

pub mod identity;
pub mod server;
pub mod signature;

/// The path of a file under `tests/fixtures`: the vendor's sample bodies,
/// pages and metadata, and the fuzzers' corpora, as committed.
pub fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).join(relative)
}

/// One operation's demo bodies in the vendor's metadata.
#[derive(Debug)]
pub struct Demo {
    /// The JSON demo.
    pub json: String,
    /// The XML demo.
    pub xml: String,
}

/// Every operation's demos, by operation name, from the copy of the
/// vendor's metadata in `fixtures/aliyun-openapi-meta`; read once.
pub fn demos() -> &'static BTreeMap<String, Demo> {
    static DEMOS: OnceLock<BTreeMap<String, Demo>> = OnceLock::new();
    DEMOS.get_or_init(|| {
        let path = fixture("aliyun-openapi-meta/ess/2014-08-28/api-docs.json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let meta: Value = serde_json::from_str(&text).expect("the metadata is JSON");
        let apis = meta["apis"].as_object().expect("the metadata has apis");
        apis.iter()
            .filter_map(|(op, api)| {
                let demos: Value = serde_json::from_str(api["responseDemo"].as_str()?).ok()?;
                let body = |kind: &str| {
                    demos
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|d| d["type"] == kind)
                        .and_then(|d| d["example"].as_str())
                        .unwrap_or_default()
                        .to_owned()
                };
                Some((
                    op.clone(),
                    Demo {
                        json: body("json"),
                        xml: body("xml"),
                    },
                ))
            })
            .collect()
    })
}

/// Calls `$callback!` with `$args` and the marker type of every operation
/// of the ESS service, `$callback!(args; AttachAlbServerGroups, ...)`, for
/// tests that check each operation with its own types. `tests/demos.rs`
/// checks that the list is the spec's.
#[macro_export]
macro_rules! ess_operations {
    ($callback:ident $(, $arg:tt)*) => {
        $callback!($($arg)*;
            AttachAlbServerGroups, AttachDBInstances, AttachInstances, AttachLoadBalancers,
            AttachServerGroups, AttachVServerGroups, ChangeResourceGroup, CompleteLifecycleAction,
            CreateAlarm, CreateEciScalingConfiguration, CreateLifecycleHook,
            CreateNotificationConfiguration, CreateScalingConfiguration, CreateScalingGroup,
            CreateScalingRule, CreateScheduledTask, DeactivateScalingConfiguration, DeleteAlarm,
            DeleteEciScalingConfiguration, DeleteLifecycleHook, DeleteNotificationConfiguration,
            DeleteScalingConfiguration, DeleteScalingGroup, DeleteScalingRule, DeleteScheduledTask,
            DescribeAlarms, DescribeEciScalingConfigurations, DescribeLifecycleActions,
            DescribeLifecycleHooks, DescribeLimitation, DescribeNotificationConfigurations,
            DescribeNotificationTypes, DescribePatternTypes, DescribeRegions, DescribeScalingActivities,
            DescribeScalingActivityDetail, DescribeScalingConfigurations, DescribeScalingGroups,
            DescribeScalingInstances, DescribeScalingRules, DescribeScheduledTasks,
            DetachAlbServerGroups, DetachDBInstances, DetachInstances, DetachLoadBalancers,
            DetachServerGroups, DetachVServerGroups, DisableAlarm, DisableScalingGroup, EnableAlarm,
            EnableScalingGroup, EnterStandby, ExecuteScalingRule, ExitStandby, ListTagKeys,
            ListTagResources, ListTagValues, ModifyAlarm, ModifyEciScalingConfiguration,
            ModifyInstanceAttribute, ModifyLifecycleHook, ModifyNotificationConfiguration,
            ModifyScalingConfiguration, ModifyScalingGroup, ModifyScalingRule, ModifyScheduledTask,
            RebalanceInstances, RecordLifecycleActionHeartbeat, RemoveInstances, ResumeProcesses,
            ScaleWithAdjustment, SetGroupDeletionProtection, SetInstanceHealth, SetInstancesProtection,
            SuspendProcesses, TagResources, UntagResources, VerifyAuthentication, VerifyUser
        )
    };
}

/// How much of a value its writers keep, by the shapes its types hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fidelity {
    /// Everything, in both formats.
    Exact,
    /// Everything in JSON; XML keeps a free-form value (`any`, an
    /// [`ess_runtime::Value`]) as text: a number read from JSON comes back
    /// from XML as its text, an empty object as an empty string.
    XmlText,
    /// A file's bytes, kept as they came: there is nothing to write.
    Bytes,
}

/// `value` written as XML and as JSON, each read back as itself: `Err`
/// says which came back different, with the text. With
/// [`Fidelity::XmlText`], the XML leg checks instead that what comes back
/// writes the same XML (the writer loses nothing that XML can say).
pub fn round_trip<O: Operation>(value: &O::Response, fidelity: Fidelity) -> Result<(), String> {
    if fidelity == Fidelity::Bytes {
        return Ok(());
    }
    let xml = to_xml::<O>(value);
    let from_xml = decode_operation::<O>(200, Some("text/xml"), xml.as_bytes())
        .map_err(|e| format!("{}: its own XML: {e}\n{xml}", O::NAME))?
        .body;
    let same = match fidelity {
        Fidelity::XmlText => to_xml::<O>(&from_xml) == xml,
        _ => from_xml == *value,
    };
    if !same {
        return Err(format!(
            "{}: written as XML, read back differently:\n{xml}",
            O::NAME
        ));
    }
    let json = serde_json::to_string(value).map_err(|e| format!("{}: {e}", O::NAME))?;
    let from_json = decode_operation::<O>(200, Some("application/json"), json.as_bytes())
        .map_err(|e| format!("{}: its own JSON: {e}\n{json}", O::NAME))?
        .body;
    if from_json != *value {
        return Err(format!(
            "{}: written as JSON, read back differently:\n{json}",
            O::NAME
        ));
    }
    Ok(())
}

/// What the writers of `op`'s response keep: [`Fidelity::Bytes`] for a
/// file, [`Fidelity::XmlText`] where the response holds a free-form value
/// anywhere (`any`, a list or map of them, or a component that does).
pub fn fidelity(spec: &Spec, op: &str) -> Fidelity {
    fn holds_any(spec: &Spec, node: &Node, seen: &mut Vec<String>) -> bool {
        match &node.shape {
            Shape::Any => true,
            Shape::Object(object) => object
                .properties
                .iter()
                .any(|p| holds_any(spec, &p.node, seen)),
            Shape::Array { items, .. } => holds_any(spec, items, seen),
            Shape::Map { values } => holds_any(spec, values, seen),
            Shape::Ref(reference) => {
                if seen.contains(&reference.component) {
                    return false;
                }
                seen.push(reference.component.clone());
                spec.component(&reference.component).is_some_and(|c| {
                    c.object
                        .properties
                        .iter()
                        .any(|p| holds_any(spec, &p.node, seen))
                })
            }
            _ => false,
        }
    }
    match spec.response(op).map(|r| &r.body) {
        Some(body) if body.shape == Shape::Binary => Fidelity::Bytes,
        Some(body) if holds_any(spec, body, &mut Vec::new()) => Fidelity::XmlText,
        _ => Fidelity::Exact,
    }
}

/// `spec/ess.json`, checked.
pub fn ess_spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        Spec::parse(ess_codegen::SourceText {
            origin: "spec/ess.json".into(),
            text: ess_spec::ESS_JSON.into(),
        })
        .expect("spec/ess.json is valid")
    })
}

/// `spec/catalogue/PRODUCT.json`, checked.
pub fn catalogue_spec(product: &str) -> Spec {
    let (_, text) = ess_spec::catalogue::SPECS
        .iter()
        .find(|(name, _)| *name == product)
        .unwrap_or_else(|| panic!("no cut of {product} in spec/catalogue"));
    Spec::parse(ess_codegen::SourceText {
        origin: format!("spec/catalogue/{product}.json"),
        text: (*text).into(),
    })
    .expect("the catalogue's cuts are valid")
}

/// Calls `$m!` with every operation of the catalogue's cuts (`spec/catalogue`),
/// by product: `$m!(product ["name"]: Op, ...; ...)`. A test checks that the
/// list is the specs'.
#[macro_export]
macro_rules! catalogue_operations {
    ($m:ident $(, $arg:tt)*) => {
        $m!($($arg)*;
            adb ["adb"]: GetTable;
            aimiaobi ["aimiaobi"]: GetDataSourceOrderConfig, ListHotNewsWithType;
            airticketopen ["airticketopen"]: OrderDetail, Search;
            arms ["arms"]: GetOnCallSchedulesDetail;
            cs ["cs"]: DescribeClusterAddonsVersion, DescribeClusterAttachScripts, DescribeClusterLogs, DescribePolicies, DescribePolicyGovernanceInCluster, DescribeUserClusterNamespaces;
            devops ["devops"]: CreateAppMembers, GetPipelineRun, GetProjectInfo;
            eiam_developerapi ["eiam-developerapi"]: GetUserInfo, RevokeToken;
            ess ["ess"]: DescribeScalingGroups;
            fc ["fc"]: GetAlias, GetFunction, InvokeFunction, ListFunctions;
            grace ["grace"]: AnalyzeFile, GetFile, UploadFileByOSS, UploadFileByURL;
            hbr ["hbr"]: DescribeBackupJobs2;
            linkedmall ["linkedmall"]: GetOrder, ListCategories;
            mse ["mse"]: CreateOrUpdateSwimmingLaneGroup;
            oss ["oss"]: GetBucketPolicy, GetObject, ListBuckets;
            pairecservice ["pairecservice"]: ReportABMetricGroup;
            tingwu ["tingwu"]: CreateFileTrans, CreateMeetingTrans, GetFileTrans, GetMeetingTrans, StopMeetingTrans;
        )
    };
}
