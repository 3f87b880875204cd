//! What the integration suite, the examples and the benchmarks share: the
//! local ESS-like service, and the way to the fixtures.

use std::path::PathBuf;

use ess_runtime::{decode_operation, to_xml, Operation};

pub mod server;

/// The path of a file under `tests/fixtures`: the vendor's sample bodies,
/// pages and metadata, and the fuzzers' corpora, as committed.
pub fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).join(relative)
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
            SuspendProcesses, TagResources, UntagResources, VerifyAuthentication
        )
    };
}

/// `value` written as XML and as JSON, each read back: `Err` says which
/// came back different, with the text.
pub fn round_trip<O: Operation>(value: &O::Response) -> Result<(), String> {
    let xml = to_xml(value);
    let from_xml = decode_operation::<O>(200, Some("text/xml"), xml.as_bytes())
        .map_err(|e| format!("{}: its own XML: {e}\n{xml}", O::NAME))?
        .body;
    if from_xml != *value {
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
