//! What the integration suite, the examples and the benchmarks share: the
//! local ESS-like service, and the way to the fixtures.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use ess_codegen::model::{Node, Shape};
use ess_codegen::Spec;
use ess_runtime::{decode_operation, to_xml, Operation};
use serde_json::Value;

pub mod server;

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

/// `value` written as XML and as JSON, each read back as itself: `Err`
/// says which came back different, with the text.
///
/// XML keeps a free-form value (`any`, an [`ess_runtime::Value`]) as text:
/// a number read from JSON comes back from XML as its text, an empty object
/// as an empty string. For an operation whose types hold one (`holds_any`,
/// see [`holds_any`]), the XML leg checks instead that what comes back
/// writes the same XML: the writer loses nothing that XML can say.
pub fn round_trip<O: Operation>(value: &O::Response, holds_any: bool) -> Result<(), String> {
    let xml = to_xml::<O>(value);
    let from_xml = decode_operation::<O>(200, Some("text/xml"), xml.as_bytes())
        .map_err(|e| format!("{}: its own XML: {e}\n{xml}", O::NAME))?
        .body;
    let same = if holds_any {
        to_xml::<O>(&from_xml) == xml
    } else {
        from_xml == *value
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

/// Whether the response of `op` holds a free-form value anywhere (`any`,
/// a list or map of them, or a component that does).
pub fn holds_any(spec: &Spec, op: &str) -> bool {
    fn walk(spec: &Spec, node: &Node, seen: &mut Vec<String>) -> bool {
        match &node.shape {
            Shape::Any => true,
            Shape::Object(object) => object.properties.iter().any(|p| walk(spec, &p.node, seen)),
            Shape::Array { items, .. } => walk(spec, items, seen),
            Shape::Map { values } => walk(spec, values, seen),
            Shape::Ref(reference) => {
                if seen.contains(&reference.component) {
                    return false;
                }
                seen.push(reference.component.clone());
                spec.component(&reference.component).is_some_and(|c| {
                    c.object
                        .properties
                        .iter()
                        .any(|p| walk(spec, &p.node, seen))
                })
            }
            _ => false,
        }
    }
    spec.response(op)
        .is_some_and(|r| walk(spec, &r.body, &mut Vec::new()))
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
