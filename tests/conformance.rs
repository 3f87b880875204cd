//! The sample responses of the vendor's API reference pages, decoded into
//! the types the whole-service macro generates from `spec/ess.json`: the XML
//! and the JSON sample of each operation give the same value, except where
//! the two samples genuinely disagree (those differences are asserted as
//! such).
//!
//! The fixtures are the pages' sample bodies, verbatim, extracted by
//! `scripts/extract_samples.py`; `fixtures/aliyun/MANIFEST.md` lists their
//! sources and every known difference between the two formats.

use ess_runtime::{decode_operation, BodyErrorKind, Format, Operation, Success};
use ess_spec::{ess, CommonError};

/// An operation's two samples, each decoded into its type.
struct Samples<O: Operation> {
    xml: Result<Success<O::Response>, ess_runtime::Error<O::Error>>,
    json: Result<Success<O::Response>, ess_runtime::Error<O::Error>>,
}

fn samples<O: Operation>() -> Samples<O> {
    let read = |ext: &str, content_type: &str| {
        let path = ess_tests::fixture(&format!("aliyun/success/{}.{ext}", O::NAME));
        let body = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        decode_operation::<O>(200, Some(content_type), &body)
    };
    Samples {
        xml: read("xml", "text/xml"),
        json: read("json", "application/json"),
    }
}

/// Both samples, which must decode.
fn both<O: Operation>() -> (Success<O::Response>, Success<O::Response>) {
    let Samples { xml, json } = samples::<O>();
    let xml = xml.unwrap_or_else(|e| panic!("{}.xml: {e}", O::NAME));
    let json = json.unwrap_or_else(|e| panic!("{}.json: {e}", O::NAME));
    (xml, json)
}

/// The operations whose samples decode but differ, of those listed.
fn differing<O: Operation>() -> Vec<&'static str> {
    let Samples { xml, json } = samples::<O>();
    match (xml, json) {
        (Ok(xml), Ok(json)) if xml.body == json.body => Vec::new(),
        _ => vec![O::NAME],
    }
}

macro_rules! every_sampled_operation {
    ($check:ident: $($op:ident),* $(,)?) => {{
        let mut found: Vec<&'static str> = Vec::new();
        $(found.extend($check::<ess::$op>());)*
        found
    }};
}

#[test]
fn every_sample_pair_decodes_into_its_operations_type_and_agrees() {
    // Every operation the pages have a pair of samples for.
    let differ = every_sampled_operation!(differing:
        AttachAlbServerGroups, AttachDBInstances, AttachInstances, AttachLoadBalancers,
        AttachVServerGroups, CompleteLifecycleAction, CreateAlarm, CreateLifecycleHook,
        CreateNotificationConfiguration, CreateScalingConfiguration, CreateScalingGroup,
        CreateScalingRule, CreateScheduledTask, DeleteAlarm, DeleteLifecycleHook,
        DeleteNotificationConfiguration, DeleteScalingConfiguration, DeleteScalingGroup,
        DeleteScalingRule, DeleteScheduledTask, DescribeAlarms, DescribeLifecycleActions,
        DescribeLifecycleHooks, DescribeNotificationConfigurations, DescribeNotificationTypes,
        DescribeRegions, DescribeScalingActivities, DescribeScalingActivityDetail,
        DescribeScalingConfigurations, DescribeScalingGroups, DescribeScalingInstances,
        DescribeScalingRules, DescribeScheduledTasks, DetachAlbServerGroups, DetachDBInstances,
        DetachInstances, DetachLoadBalancers, DetachVServerGroups, DisableAlarm,
        DisableScalingGroup, EnableAlarm, EnableScalingGroup, EnterStandby, ExecuteScalingRule,
        ExitStandby, ListTagKeys, ListTagResources, ListTagValues, ModifyAlarm,
        ModifyLifecycleHook, ModifyNotificationConfiguration, ModifyScalingConfiguration,
        ModifyScalingGroup, ModifyScalingRule, ModifyScheduledTask, RebalanceInstances,
        RecordLifecycleActionHeartbeat, RemoveInstances, ResumeProcesses,
        SetGroupDeletionProtection, SetInstanceHealth, SetInstancesProtection, SuspendProcesses,
        TagResources, UntagResources,
    );
    // Each is asserted below, difference by difference.
    assert_eq!(
        differ,
        [
            "AttachVServerGroups",
            "CreateNotificationConfiguration",
            "DescribeAlarms",
            "DescribeLifecycleHooks",
            "DescribeScalingActivities",
            "DescribeScalingRules",
            "DetachVServerGroups",
            "ExecuteScalingRule",
        ]
    );
}

#[test]
fn a_json_sample_that_spells_the_request_id_requestid() {
    // The schema's field is `RequestId`: the body's `request_id` stays
    // empty, and the response's request id (read under either spelling, as
    // for error envelopes) has it.
    fn check<O: Operation>() -> Vec<&'static str> {
        let (xml, json) = both::<O>();
        assert_eq!(
            xml.request_id.as_deref(),
            Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
        );
        assert_eq!(json.request_id, xml.request_id, "{}", O::NAME);
        assert_eq!(
            serde_json::to_value(&json.body).unwrap(),
            serde_json::json!({}),
            "{}: nothing in the body but the misspelled key",
            O::NAME
        );
        Vec::new()
    }
    every_sampled_operation!(check: AttachVServerGroups, CreateNotificationConfiguration, DetachVServerGroups);
}

#[test]
fn describe_scaling_groups() {
    let (xml, json) = both::<ess::DescribeScalingGroups>();
    assert_eq!(xml.body, json.body);
    assert_eq!(
        json.request_id.as_deref(),
        Some("68386699-8B9E-4D5B-BC4C-75A28F6C2A00")
    );
    assert_eq!(json.body.page_size, Some(10));
    let groups = &json.body.scaling_groups;
    assert_eq!(groups.len(), 1);
    assert_eq!(
        groups[0].scaling_group_id.as_deref(),
        Some("asg-bp14wlu85wrpchm0****")
    );
    assert_eq!(groups[0].default_cooldown, Some(300));
    assert_eq!(groups[0].max_size, Some(2));
    assert_eq!(groups[0].load_balancer_ids, ["lb-bp19byhscefk3x0li****"]);
    assert_eq!(
        groups[0].db_instance_ids,
        ["rm-bp15556qzebg1****", "rm-bp52316qzhbg6****"]
    );
    assert_eq!(
        groups[0].v_switch_id.as_deref(),
        Some("vsw-bp1whw2u46cn8zubm****")
    );
    assert_eq!(
        groups[0].removal_policies,
        ["OldestScalingConfiguration", "OldestInstance"]
    );
}

#[test]
fn describe_scaling_configurations() {
    // JSON: every number quoted, and both one-item lists given as objects.
    let (xml, json) = both::<ess::DescribeScalingConfigurations>();
    assert_eq!(xml.body, json.body);
    assert_eq!(json.body.page_size, Some(50));
    let configuration = &json.body.scaling_configurations[0];
    assert_eq!(
        configuration.scaling_configuration_id.as_deref(),
        Some("asc-bp1ezrfgoyn5kijl****")
    );
    assert_eq!(configuration.internet_max_bandwidth_in, Some(200));
    assert_eq!(configuration.internet_max_bandwidth_out, Some(0));
    assert_eq!(configuration.data_disks.len(), 1);
    assert_eq!(configuration.data_disks[0].size, Some(200));
    assert_eq!(
        configuration.data_disks[0].device.as_deref(),
        Some("/dev/xvdb")
    );
}

#[test]
fn describe_scaling_activities() {
    // The XML sample's `Cause` ends with a space that the JSON one does
    // not have; a leaf's text is kept as it is (as JSON keeps a string), so
    // the two differ by that space and nothing else.
    let (xml, json) = both::<ess::DescribeScalingActivities>();
    let activity = &json.body.scaling_activities[0];
    assert_eq!(activity.progress, Some(100));
    assert_eq!(
        activity.description.as_deref(),
        Some("Add \"1\" ECS instance")
    );
    let cause = "A user requests to execute scaling rule \"asr-bp12tcnol686y1ik****\", changing the Total Capacity from \"1\" to \"2\".";
    assert_eq!(activity.cause.as_deref(), Some(cause));
    let mut xml = xml.body;
    assert_eq!(
        xml.scaling_activities[0].cause.as_deref(),
        Some(format!("{cause} ").as_str())
    );
    xml.scaling_activities[0].cause = Some(cause.to_owned());
    assert_eq!(xml, json.body);
}

#[test]
fn describe_lifecycle_hooks() {
    // As above: the XML sample's `NotificationMetadata` ends with a space
    // that the JSON one does not have.
    let (xml, json) = both::<ess::DescribeLifecycleHooks>();
    let metadata = |body: &ess::describe_lifecycle_hooks::DescribeLifecycleHooksResponse| {
        body.lifecycle_hooks[0].notification_metadata.clone()
    };
    assert_eq!(
        metadata(&json.body).as_deref(),
        Some("Test Lifecycle Hook.")
    );
    assert_eq!(
        metadata(&xml.body).as_deref(),
        Some("Test Lifecycle Hook. ")
    );
    let mut xml = xml.body;
    xml.lifecycle_hooks[0].notification_metadata = metadata(&json.body);
    assert_eq!(xml, json.body);
}

#[test]
fn describe_scaling_activity_detail() {
    // Neither sample has a RequestId. Both end `Detail` with a line feed,
    // which each format keeps.
    let (xml, json) = both::<ess::DescribeScalingActivityDetail>();
    assert_eq!(
        (xml.request_id.as_deref(), json.request_id.as_deref()),
        (None, None)
    );
    let detail = "new ECS instances \"i-bp16t2cgmiiymeqv****\" are created.\n";
    assert_eq!(xml.body.detail.as_deref(), Some(detail));
    assert_eq!(json.body.detail.as_deref(), Some(detail));
    assert_eq!(xml.body, json.body);
}

#[test]
fn describe_scaling_rules() {
    // The vendor's two samples describe the same rule with different values
    // (MANIFEST: PageSize 50/10, AdjustmentType, AdjustmentValue 1/5,
    // Cooldown 20/500, RequestId); everything else agrees.
    let (xml, json) = both::<ess::DescribeScalingRules>();
    assert_eq!(
        xml.request_id.as_deref(),
        Some("3306A40D-3412-4101-9F19-5F81E3055DAD")
    );
    assert_eq!(
        json.request_id.as_deref(),
        Some("B583BFEF-A779-427A-9B74-262DDD249702")
    );
    let (mut xml, json) = (xml.body, json.body);
    assert_eq!((xml.page_size, json.page_size), (Some(50), Some(10)));
    let (x, j) = (&mut xml.scaling_rules[0], &json.scaling_rules[0]);
    assert_eq!(
        x.adjustment_type.as_deref(),
        Some("QuantityChangeInCapacity")
    );
    assert_eq!(j.adjustment_type.as_deref(), Some("TotalCapacity"));
    assert_eq!((x.adjustment_value, j.adjustment_value), (Some(1), Some(5)));
    assert_eq!((x.cooldown, j.cooldown), (Some(20), Some(500)));
    x.adjustment_type.clone_from(&j.adjustment_type);
    x.adjustment_value = j.adjustment_value;
    x.cooldown = j.cooldown;
    xml.page_size = json.page_size;
    xml.request_id.clone_from(&json.request_id);
    assert_eq!(xml, json);
}

#[test]
fn execute_scaling_rule() {
    // The XML sample masks the end of its RequestId, the JSON one does not.
    let (xml, json) = both::<ess::ExecuteScalingRule>();
    assert_eq!(
        xml.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3****")
    );
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(
        json.body.scaling_activity_id.as_deref(),
        Some("asa-bp13o672yeautiil****")
    );
    let mut xml = xml.body;
    xml.request_id.clone_from(&json.body.request_id);
    assert_eq!(xml, json.body);
}

#[test]
fn describe_alarms() {
    let Samples { xml, json } = samples::<ess::DescribeAlarms>();
    let json = json.unwrap();
    assert_eq!(
        json.request_id.as_deref(),
        Some("871C7C53-34A4-45AA-8C14-4B72FA6A****")
    );
    assert_eq!(json.body.total_count, Some(2));
    let alarms = &json.body.alarm_list;
    assert_eq!(alarms.len(), 2);
    assert_eq!(alarms[0].threshold, Some(55.0));
    assert_eq!(alarms[0].comparison_operator.as_deref(), Some(">="));
    assert!(alarms[0].alarm_actions.is_empty());
    assert_eq!(alarms[1].evaluation_count, Some(15));
    assert_eq!(
        alarms[1].alarm_actions,
        ["ari:acs:ess:cn-hangzhou:140692647406****:scalingrule/asr-bp13jvr9iummzvgk****"]
    );
    assert_eq!(
        alarms[1].dimensions[1].dimension_key.as_deref(),
        Some("userId")
    );

    // The vendor's XML sample is not well-formed: line 56 is
    // `<ComparisonOperator><</ComparisonOperator>`, `<` unescaped.
    let e = xml.unwrap_err();
    let body = e.body().unwrap_or_else(|| panic!("{e}"));
    assert_eq!(
        (body.kind(), body.format()),
        (BodyErrorKind::Malformed, Some(Format::Xml))
    );
    assert_eq!(body.location().expect("a location").line, 56, "{e}");
}

#[test]
fn list_tag_resources() {
    let (xml, json) = both::<ess::ListTagResources>();
    assert_eq!(xml.body, json.body);
    assert_eq!(json.body.next_token.as_deref(), Some(""));
    let resource = &json.body.tag_resources[0];
    assert_eq!(
        resource.resource_id.as_deref(),
        Some("asg-bp17xb4x1vr29lgt****")
    );
    assert_eq!(
        resource.resource_type.as_deref(),
        Some("ALIYUN::ESS::SCALINGGROUP")
    );
    assert_eq!(
        (resource.tag_key.as_deref(), resource.tag_value.as_deref()),
        (Some("TestKey"), Some("TestValue"))
    );
}

#[test]
fn every_well_formed_sample_decodes_as_a_generic_tree() {
    let dir = ess_tests::fixture("aliyun/success");
    let mut decoded = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.starts_with("ResponseResults.") {
            continue;
        }
        let content_type = match path.extension().and_then(|e| e.to_str()) {
            Some("xml") => "application/xml",
            Some("json") => "application/json",
            _ => panic!("{name}: not a sample"),
        };
        let body = std::fs::read(&path).unwrap();
        let result =
            ess_runtime::decode::<serde_json::Value, CommonError>(200, Some(content_type), &body);
        if name == "DescribeAlarms.xml" {
            let e = result.unwrap_err();
            assert_eq!(e.body().and_then(|b| b.format()), Some(Format::Xml), "{e}");
            continue;
        }
        let success = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(success.body.is_object(), "{name}: {}", success.body);
        if name.starts_with("DescribeScalingActivityDetail.") {
            // The vendor's sample has no RequestId in either format.
            assert_eq!(success.request_id, None, "{name}");
        } else {
            assert!(success.request_id.is_some(), "{name}: no request id");
        }
        decoded += 1;
    }
    assert_eq!(
        decoded, 129,
        "65 operations × 2 formats, less DescribeAlarms.xml"
    );
}
