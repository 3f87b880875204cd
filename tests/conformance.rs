//! The vendor's own sample responses, decoded by `ess_runtime::decode` into
//! typed responses: the XML and the JSON sample of each operation give the
//! same value, field by field, except where the two samples genuinely
//! disagree (those differences are asserted as such).
//!
//! The fixtures are the sample bodies of the ESS API reference, verbatim,
//! extracted by `scripts/extract_samples.py`; `fixtures/aliyun/MANIFEST.md`
//! lists their sources and every known difference between the two formats.

use ess_runtime::{Error, Format, Success};
use ess_spec::CommonError;
use serde::de::DeserializeOwned;
use serde::Deserialize;

fn decode_as<T: DeserializeOwned>(op: &str, ext: &str, body: &[u8]) -> Success<T> {
    let content_type = format!("application/{ext}");
    ess_runtime::decode::<T, CommonError>(200, Some(&content_type), body)
        .unwrap_or_else(|e| panic!("{op}.{ext}: {e}"))
}

fn both<T: DeserializeOwned>(op: &str, xml: &[u8], json: &[u8]) -> (Success<T>, Success<T>) {
    (decode_as(op, "xml", xml), decode_as(op, "json", json))
}

/// `both` over `success/<Op>.xml` and `success/<Op>.json`, as type `<Op>`.
macro_rules! samples {
    ($op:ident) => {
        both::<$op>(
            stringify!($op),
            include_bytes!(concat!("fixtures/aliyun/success/", stringify!($op), ".xml")),
            include_bytes!(concat!(
                "fixtures/aliyun/success/",
                stringify!($op),
                ".json"
            )),
        )
    };
}

/// Operations whose response is the request id alone.
macro_rules! request_id_only {
    ($($test:ident: $op:ident = $request_id:literal,)*) => {$(
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        struct $op {}

        #[test]
        fn $test() {
            let (xml, json) = samples!($op);
            assert_eq!(xml, json);
            assert_eq!(json.request_id.as_deref(), Some($request_id));
        }
    )*};
}

// ---------------------------------------------------------------- Describe*

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingGroups {
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_number: u32,
    #[serde(default, with = "ess_runtime::list")]
    scaling_groups: Vec<ScalingGroup>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScalingGroup {
    scaling_group_id: String,
    scaling_group_name: String,
    region_id: String,
    #[serde(with = "ess_runtime::lenient")]
    removing_capacity: u32,
    #[serde(with = "ess_runtime::lenient")]
    default_cooldown: u32,
    #[serde(with = "ess_runtime::lenient")]
    min_size: u32,
    #[serde(with = "ess_runtime::lenient")]
    max_size: u32,
    lifecycle_state: String,
    #[serde(with = "ess_runtime::lenient")]
    total_instance_count: u32,
    active_scaling_configuration_id: String,
    #[serde(default, with = "ess_runtime::list")]
    load_balancer_ids: Vec<String>,
    #[serde(with = "ess_runtime::lenient")]
    pending_capacity: u32,
    #[serde(with = "ess_runtime::lenient")]
    total_capacity: u32,
    #[serde(with = "ess_runtime::lenient")]
    active_capacity: u32,
    creation_time: String,
    #[serde(rename = "DBInstanceIds", default, with = "ess_runtime::list")]
    db_instance_ids: Vec<String>,
    #[serde(rename = "VSwitchId")]
    v_switch_id: String,
    #[serde(default, with = "ess_runtime::list")]
    removal_policies: Vec<String>,
}

#[test]
fn describe_scaling_groups() {
    let (xml, json) = samples!(DescribeScalingGroups);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("68386699-8B9E-4D5B-BC4C-75A28F6C2A00")
    );
    assert_eq!(json.body.page_size, 10);
    let groups = &json.body.scaling_groups;
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].scaling_group_id, "asg-bp14wlu85wrpchm0****");
    assert_eq!(groups[0].default_cooldown, 300);
    assert_eq!(groups[0].max_size, 2);
    assert_eq!(groups[0].load_balancer_ids, ["lb-bp19byhscefk3x0li****"]);
    assert_eq!(
        groups[0].db_instance_ids,
        ["rm-bp15556qzebg1****", "rm-bp52316qzhbg6****"]
    );
    assert_eq!(groups[0].v_switch_id, "vsw-bp1whw2u46cn8zubm****");
    assert_eq!(
        groups[0].removal_policies,
        ["OldestScalingConfiguration", "OldestInstance"]
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingConfigurations {
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_number: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(default, with = "ess_runtime::list")]
    scaling_configurations: Vec<ScalingConfiguration>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScalingConfiguration {
    creation_time: String,
    image_id: String,
    instance_type: String,
    internet_charge_type: String,
    #[serde(with = "ess_runtime::lenient")]
    internet_max_bandwidth_in: u32,
    #[serde(with = "ess_runtime::lenient")]
    internet_max_bandwidth_out: u32,
    lifecycle_state: String,
    scaling_configuration_id: String,
    scaling_configuration_name: String,
    scaling_group_id: String,
    security_group_id: String,
    system_disk_category: String,
    #[serde(default, with = "ess_runtime::list")]
    data_disks: Vec<DataDisk>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DataDisk {
    #[serde(with = "ess_runtime::lenient")]
    size: u32,
    category: String,
    snapshot_id: String,
    device: String,
}

#[test]
fn describe_scaling_configurations() {
    // JSON: every number quoted, and both one-item lists given as objects.
    let (xml, json) = samples!(DescribeScalingConfigurations);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("804F240A-8D3E-40A1-BD68-6B333DEA2CA8")
    );
    assert_eq!(json.body.page_size, 50);
    let configurations = &json.body.scaling_configurations;
    assert_eq!(configurations.len(), 1);
    assert_eq!(
        configurations[0].scaling_configuration_id,
        "asc-bp1ezrfgoyn5kijl****"
    );
    assert_eq!(configurations[0].internet_max_bandwidth_in, 200);
    assert_eq!(configurations[0].internet_max_bandwidth_out, 0);
    assert_eq!(configurations[0].data_disks.len(), 1);
    assert_eq!(configurations[0].data_disks[0].size, 200);
    assert_eq!(configurations[0].data_disks[0].device, "/dev/xvdb");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingActivities {
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_number: u32,
    #[serde(default, with = "ess_runtime::list")]
    scaling_activities: Vec<ScalingActivity>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScalingActivity {
    #[serde(with = "ess_runtime::lenient")]
    scaling_instance_number: u32,
    #[serde(with = "ess_runtime::lenient")]
    progress: u32,
    description: String,
    end_time: String,
    #[serde(with = "ess_runtime::lenient")]
    attached_capacity: u32,
    scaling_activity_id: String,
    scaling_group_id: String,
    start_time: String,
    status_code: String,
    #[serde(with = "ess_runtime::lenient")]
    auto_created_capacity: u32,
    status_message: String,
    cause: String,
    #[serde(with = "ess_runtime::lenient")]
    total_capacity: u32,
}

#[test]
fn describe_scaling_activities() {
    // The XML `Cause` ends with a space that the JSON one does not have.
    let (xml, json) = samples!(DescribeScalingActivities);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("CC107349-57B7-4405-B1BF-9BF5AF7F2A46")
    );
    let activities = &json.body.scaling_activities;
    assert_eq!(activities.len(), 1);
    assert_eq!(
        activities[0].scaling_activity_id,
        "asa-bp161xudmuxdzofe****"
    );
    assert_eq!(activities[0].progress, 100);
    assert_eq!(activities[0].auto_created_capacity, 2);
    assert_eq!(activities[0].description, "Add \"1\" ECS instance");
    assert_eq!(
        activities[0].cause,
        "A user requests to execute scaling rule \"asr-bp12tcnol686y1ik****\", \
         changing the Total Capacity from \"1\" to \"2\"."
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingInstances {
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_number: u32,
    #[serde(with = "ess_runtime::lenient")]
    total_spot_count: u32,
    #[serde(default, with = "ess_runtime::list")]
    scaling_instances: Vec<ScalingInstance>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScalingInstance {
    #[serde(with = "ess_runtime::lenient")]
    load_balancer_weight: u32,
    created_time: String,
    warmup_state: String,
    zone_id: String,
    instance_id: String,
    scaling_activity_id: String,
    scaling_group_id: String,
    health_status: String,
    creation_time: String,
    lifecycle_state: String,
    #[serde(with = "ess_runtime::lenient")]
    entrusted: bool,
    scaling_configuration_id: String,
    creation_type: String,
}

#[test]
fn describe_scaling_instances() {
    let (xml, json) = samples!(DescribeScalingInstances);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("D66AC79E-8299-4E0B-B681-3063C88E215B")
    );
    assert_eq!(json.body.total_spot_count, 0);
    let instances = &json.body.scaling_instances;
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0].instance_id, "i-m5e3z5l951fibnd9****");
    assert_eq!(instances[0].load_balancer_weight, 50);
    assert!(instances[0].entrusted);
    assert_eq!(instances[0].created_time, "2020-12-21T03:11:00Z");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeLifecycleHooks {
    #[serde(with = "ess_runtime::lenient")]
    page_number: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(default, with = "ess_runtime::list")]
    lifecycle_hooks: Vec<LifecycleHook>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LifecycleHook {
    scaling_group_id: String,
    lifecycle_hook_id: String,
    lifecycle_hook_name: String,
    default_result: String,
    #[serde(with = "ess_runtime::lenient")]
    heartbeat_timeout: u32,
    lifecycle_transition: String,
    notification_metadata: String,
    notification_arn: String,
}

#[test]
fn describe_lifecycle_hooks() {
    // JSON: numbers quoted, the one hook given as an object; the XML
    // `NotificationMetadata` has a trailing space.
    let (xml, json) = samples!(DescribeLifecycleHooks);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.page_size, 50);
    let hooks = &json.body.lifecycle_hooks;
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0].lifecycle_hook_id, "ash-bp19d1032y9kij96****");
    assert_eq!(hooks[0].heartbeat_timeout, 60);
    assert_eq!(hooks[0].notification_metadata, "Test Lifecycle Hook.");
    assert_eq!(
        hooks[0].notification_arn,
        "acs:ess:cn-beijing:161456884340****:null/null"
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingRules {
    #[serde(with = "ess_runtime::lenient")]
    page_number: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(default, with = "ess_runtime::list")]
    scaling_rules: Vec<ScalingRule>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScalingRule {
    adjustment_type: String,
    #[serde(with = "ess_runtime::lenient")]
    adjustment_value: i32,
    #[serde(with = "ess_runtime::lenient")]
    cooldown: u32,
    scaling_group_id: String,
    scaling_rule_ari: String,
    scaling_rule_id: String,
    scaling_rule_name: String,
}

#[test]
fn describe_scaling_rules() {
    // The vendor's two samples describe the same rule with different values
    // (MANIFEST: PageSize 50/10, AdjustmentType, AdjustmentValue 1/5,
    // Cooldown 20/500, RequestId); everything else agrees.
    let (xml, json) = samples!(DescribeScalingRules);
    assert_eq!(
        xml.request_id.as_deref(),
        Some("3306A40D-3412-4101-9F19-5F81E3055DAD")
    );
    assert_eq!(
        json.request_id.as_deref(),
        Some("B583BFEF-A779-427A-9B74-262DDD249702")
    );
    assert_eq!(xml.body.page_size, 50);
    assert_eq!(json.body.page_size, 10);
    assert_eq!(xml.body.scaling_rules.len(), 1);
    assert_eq!(json.body.scaling_rules.len(), 1);
    let (x, j) = (&xml.body.scaling_rules[0], &json.body.scaling_rules[0]);
    assert_eq!(x.adjustment_type, "QuantityChangeInCapacity");
    assert_eq!(j.adjustment_type, "TotalCapacity");
    assert_eq!((x.adjustment_value, j.adjustment_value), (1, 5));
    assert_eq!((x.cooldown, j.cooldown), (20, 500));
    assert_eq!(j.scaling_rule_id, "asr-bp1dvirgwkoowxk7****");

    let xml_with_json_values = DescribeScalingRules {
        page_size: json.body.page_size,
        scaling_rules: vec![ScalingRule {
            adjustment_type: j.adjustment_type.clone(),
            adjustment_value: j.adjustment_value,
            cooldown: j.cooldown,
            ..x.clone()
        }],
        ..xml.body.clone()
    };
    assert_eq!(xml_with_json_values, json.body);
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScheduledTasks {
    #[serde(default, with = "ess_runtime::list")]
    scheduled_tasks: Vec<ScheduledTask>,
    #[serde(with = "ess_runtime::lenient")]
    page_number: u32,
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScheduledTask {
    #[serde(with = "ess_runtime::lenient")]
    launch_expiration_time: u32,
    recurrence_type: String,
    recurrence_end_time: String,
    scaling_group_id: String,
    #[serde(with = "ess_runtime::lenient")]
    task_enabled: bool,
    scheduled_task_name: String,
    #[serde(default, with = "ess_runtime::lenient")]
    max_value: Option<u32>,
    #[serde(default, with = "ess_runtime::lenient")]
    min_value: Option<u32>,
    launch_time: String,
    scheduled_task_id: String,
    /// Text in the API ("1-3", a cron expression), though the sample's is `31`.
    recurrence_value: String,
}

#[test]
fn describe_scheduled_tasks() {
    let (xml, json) = samples!(DescribeScheduledTasks);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("4CF33369-7318-4BD5-BE1C-A776BA2C6627")
    );
    assert_eq!(json.body.total_count, 34);
    let tasks = &json.body.scheduled_tasks;
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0].scheduled_task_id, "cV0bJbAXpipdbFI1NbM****");
    assert_eq!((tasks[0].max_value, tasks[0].min_value), (Some(1), None));
    assert_eq!((tasks[1].max_value, tasks[1].min_value), (None, Some(1)));
    assert!(!tasks[0].task_enabled);
    assert!(tasks[1].task_enabled);
    assert_eq!(tasks[1].launch_expiration_time, 600);
    assert_eq!(tasks[1].recurrence_value, "31");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeNotificationConfigurations {
    #[serde(default, with = "ess_runtime::list")]
    notification_configuration_models: Vec<NotificationConfigurationModel>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NotificationConfigurationModel {
    notification_arn: String,
    scaling_group_id: String,
    #[serde(default, with = "ess_runtime::list")]
    notification_types: Vec<String>,
}

#[test]
fn describe_notification_configurations() {
    let (xml, json) = samples!(DescribeNotificationConfigurations);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    let models = &json.body.notification_configuration_models;
    assert_eq!(models.len(), 2);
    assert_eq!(
        models[1].notification_arn,
        "acs:mns:cn-beijing:161456884340****:topic/modifyLifecycleHo****"
    );
    assert_eq!(models[1].scaling_group_id, "asg-bp18p2yfxow2dloq****");
    assert_eq!(
        models[0].notification_types,
        ["AUTOSCALING:SCALE_IN_SUCCESS", "AUTOSCALING:SCALE_IN_ERROR"]
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeNotificationTypes {
    #[serde(default, with = "ess_runtime::list")]
    notification_types: Vec<String>,
}

#[test]
fn describe_notification_types() {
    let (xml, json) = samples!(DescribeNotificationTypes);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("66046F31-AF8C-44B4-9992-453F33CF179E")
    );
    let types = &json.body.notification_types;
    assert_eq!(types.len(), 8);
    assert_eq!(types[0], "AUTOSCALING:SCALE_OUT_SUCCESS");
    assert_eq!(types[7], "AUTOSCALING:SCHEDULE_TASK_EXPIRING");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeRegions {
    #[serde(default, with = "ess_runtime::list")]
    regions: Vec<Region>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Region {
    #[serde(with = "ess_runtime::lenient")]
    classic_unavailable: bool,
    region_id: String,
    #[serde(with = "ess_runtime::lenient")]
    vpc_unavailable: bool,
    region_endpoint: String,
    local_name: String,
}

#[test]
fn describe_regions() {
    let (xml, json) = samples!(DescribeRegions);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("38EC7366-F5A9-46B1-BDB1-0FDC2E296397")
    );
    let regions = &json.body.regions;
    assert_eq!(regions.len(), 2);
    assert_eq!(regions[1].region_id, "cn-shanghai");
    assert_eq!(regions[1].local_name, "China (Shanghai)");
    assert!(!regions[0].vpc_unavailable);
    assert!(!regions[0].classic_unavailable);
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeLifecycleActions {
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    next_token: String,
    #[serde(with = "ess_runtime::lenient")]
    max_results: u32,
    #[serde(default, with = "ess_runtime::list")]
    lifecycle_actions: Vec<LifecycleAction>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LifecycleAction {
    lifecycle_action_status: String,
    lifecycle_action_result: String,
    #[serde(default, with = "ess_runtime::list")]
    instance_ids: Vec<String>,
    lifecycle_action_token: String,
    lifecycle_hook_id: String,
}

#[test]
fn describe_lifecycle_actions() {
    let (xml, json) = samples!(DescribeLifecycleActions);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("678A42DB-A9CE-44C7-95B0-9E4150E6308F")
    );
    assert_eq!(json.body.max_results, 3);
    assert_eq!(json.body.next_token, "AAAAAcSz4VTb****");
    let actions = &json.body.lifecycle_actions;
    assert_eq!(actions.len(), 3);
    assert_eq!(
        actions[2].lifecycle_action_token,
        "25547B8D-05D8-44D7-84D4-3E594556CAD3"
    );
    assert_eq!(actions[2].lifecycle_hook_id, "ash-bp18uoft0deayjo2****");
    assert_eq!(
        actions[0].instance_ids,
        ["i-bp11m3fzlqrgk5vh****", "i-bp11m3fzlqrgk5vh****"]
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingActivityDetail {
    detail: String,
    scaling_activity_id: String,
}

#[test]
fn describe_scaling_activity_detail() {
    // Neither sample has a RequestId. Both end `Detail` with a newline: the
    // XML text is trimmed, the JSON string (`"...created.\n"`) is kept.
    let (xml, json) = samples!(DescribeScalingActivityDetail);
    assert_eq!(xml.request_id, None);
    assert_eq!(json.request_id, None);
    assert_eq!(
        xml.body.detail,
        "new ECS instances \"i-bp16t2cgmiiymeqv****\" are created."
    );
    assert_eq!(
        json.body.detail,
        "new ECS instances \"i-bp16t2cgmiiymeqv****\" are created.\n"
    );
    assert_eq!(json.body.scaling_activity_id, "asa-bp1c9djwrgxjyk31****");
    let json_trimmed = DescribeScalingActivityDetail {
        detail: json.body.detail.trim_end().to_owned(),
        ..json.body.clone()
    };
    assert_eq!(xml.body, json_trimmed);
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeAlarms {
    #[serde(with = "ess_runtime::lenient")]
    page_number: u32,
    #[serde(with = "ess_runtime::lenient")]
    total_count: u32,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(default, with = "ess_runtime::list")]
    alarm_list: Vec<Alarm>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Alarm {
    #[serde(with = "ess_runtime::lenient")]
    period: u32,
    description: Option<String>,
    statistics: String,
    metric_type: String,
    #[serde(with = "ess_runtime::lenient")]
    evaluation_count: u32,
    #[serde(default, with = "ess_runtime::list")]
    alarm_actions: Vec<String>,
    name: String,
    alarm_task_id: String,
    metric_name: String,
    #[serde(with = "ess_runtime::lenient")]
    threshold: f64,
    state: String,
    #[serde(with = "ess_runtime::lenient")]
    enable: bool,
    scaling_group_id: String,
    #[serde(default, with = "ess_runtime::list")]
    dimensions: Vec<Dimension>,
    comparison_operator: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Dimension {
    dimension_value: String,
    dimension_key: String,
}

#[test]
fn describe_alarms() {
    let json: Success<DescribeAlarms> = decode_as(
        "DescribeAlarms",
        "json",
        include_bytes!("fixtures/aliyun/success/DescribeAlarms.json"),
    );
    assert_eq!(
        json.request_id.as_deref(),
        Some("871C7C53-34A4-45AA-8C14-4B72FA6A****")
    );
    assert_eq!(json.body.total_count, 2);
    let alarms = &json.body.alarm_list;
    assert_eq!(alarms.len(), 2);
    assert_eq!(alarms[0].threshold, 55.0);
    assert_eq!(alarms[0].comparison_operator, ">=");
    assert_eq!(alarms[0].description, None);
    assert!(alarms[0].alarm_actions.is_empty());
    assert_eq!(alarms[1].evaluation_count, 15);
    assert_eq!(alarms[1].comparison_operator, "<");
    assert_eq!(
        alarms[1].alarm_actions,
        ["ari:acs:ess:cn-hangzhou:140692647406****:scalingrule/asr-bp13jvr9iummzvgk****"]
    );
    assert_eq!(alarms[1].dimensions.len(), 2);
    assert_eq!(alarms[1].dimensions[1].dimension_key, "userId");

    // The vendor's XML sample is not well-formed: line 56 is
    // `<ComparisonOperator><</ComparisonOperator>`, `<` unescaped.
    let xml = ess_runtime::decode::<DescribeAlarms, CommonError>(
        200,
        Some("application/xml"),
        include_bytes!("fixtures/aliyun/success/DescribeAlarms.xml"),
    );
    let e = match xml {
        Err(Error::Body(e)) => e,
        other => panic!("DescribeAlarms.xml: expected a body error, got {other:?}"),
    };
    assert_eq!(e.format(), Some(Format::Xml), "{e}");
    assert_eq!(e.location().expect("a location").line, 56, "{e}");
    assert!(e.to_string().contains("XML"), "{e}");
}

// ------------------------------------------------- Create*, Modify*, others

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateScalingGroup {
    scaling_group_id: String,
}

#[test]
fn create_scaling_group() {
    let (xml, json) = samples!(CreateScalingGroup);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_group_id, "asg-bp14wlu85wrpchm0****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateScalingConfiguration {
    scaling_configuration_id: String,
}

#[test]
fn create_scaling_configuration() {
    let (xml, json) = samples!(CreateScalingConfiguration);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(
        json.body.scaling_configuration_id,
        "asc-bp1ffogfdauy0nu5****"
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateScalingRule {
    scaling_rule_ari: String,
    scaling_rule_id: String,
}

#[test]
fn create_scaling_rule() {
    let (xml, json) = samples!(CreateScalingRule);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_rule_id, "asr-bp1dvirgwkoowxk7****");
    assert_eq!(
        json.body.scaling_rule_ari,
        "ari:acs:ess:cn-hangzhou:140692647406****:scalingrule/asr-bp1dvirgwkoowxk7****"
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ModifyScalingRule {
    scaling_rule_id: String,
    scaling_rule_ari: String,
}

#[test]
fn modify_scaling_rule() {
    let (xml, json) = samples!(ModifyScalingRule);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_rule_id, "asr-bp1dvirgwkoowxk7****");
    assert_eq!(
        json.body.scaling_rule_ari,
        "ari:acs:ess:cn-hangzhou:140692647406****:scalingrule/asr-bp1dvirgwkoowxk7****"
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateScheduledTask {
    scheduled_task_id: String,
}

#[test]
fn create_scheduled_task() {
    let (xml, json) = samples!(CreateScheduledTask);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3****")
    );
    assert_eq!(json.body.scheduled_task_id, "edRtShc57WGXdt8TlPbr****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateLifecycleHook {
    lifecycle_hook_id: String,
}

#[test]
fn create_lifecycle_hook() {
    let (xml, json) = samples!(CreateLifecycleHook);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.lifecycle_hook_id, "ash-bp1at9ufhmcf9cmy****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateAlarm {
    alarm_task_id: String,
}

#[test]
fn create_alarm() {
    let (xml, json) = samples!(CreateAlarm);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("ADD82C07-7A7C-4DD4-907F-1D114742****")
    );
    assert_eq!(
        json.body.alarm_task_id,
        "asg-bp1hvbnmkl10vll5****_f95ce797-dc2e-4bad-9618-14fee7d1****"
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ModifyAlarm {
    alarm_task_id: String,
}

#[test]
fn modify_alarm() {
    let (xml, json) = samples!(ModifyAlarm);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("BACACF83-7070-4953-A8FD-D81F89F1****")
    );
    assert_eq!(
        json.body.alarm_task_id,
        "asg-bp1hvbnmkl10vll5****_83948190-acdd-483f-98f7-b77f4778****"
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DeleteAlarm {
    alarm_task_id: String,
}

#[test]
fn delete_alarm() {
    let (xml, json) = samples!(DeleteAlarm);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("6EF9BFEE-FE07-4627-B8FB-14326FB9****")
    );
    assert_eq!(
        json.body.alarm_task_id,
        "asg-bp1hvbnmkl10vll5****_f95ce797-dc2e-4bad-9618-14fee7d1****"
    );
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ExecuteScalingRule {
    scaling_activity_id: String,
}

#[test]
fn execute_scaling_rule() {
    // The vendor's XML sample masks the end of its RequestId, the JSON
    // sample does not (MANIFEST); the bodies agree.
    let (xml, json) = samples!(ExecuteScalingRule);
    assert_eq!(xml.body, json.body);
    assert_eq!(
        xml.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3****")
    );
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_activity_id, "asa-bp13o672yeautiil****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttachInstances {
    scaling_activity_id: String,
}

#[test]
fn attach_instances() {
    let (xml, json) = samples!(AttachInstances);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_activity_id, "asa-bp1crxor24s28xf1****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DetachInstances {
    scaling_activity_id: String,
}

#[test]
fn detach_instances() {
    let (xml, json) = samples!(DetachInstances);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_activity_id, "asa-bp1gbswjhjrw8tko****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RemoveInstances {
    scaling_activity_id: String,
}

#[test]
fn remove_instances() {
    let (xml, json) = samples!(RemoveInstances);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_activity_id, "asa-bp175o6f6ego3r2j****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RebalanceInstances {
    scaling_activity_id: String,
}

#[test]
fn rebalance_instances() {
    let (xml, json) = samples!(RebalanceInstances);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_activity_id, "asa-kjgffgdfadah****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttachAlbServerGroups {
    scaling_activity_id: String,
}

#[test]
fn attach_alb_server_groups() {
    let (xml, json) = samples!(AttachAlbServerGroups);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_activity_id, "asa-2ze6wxj8vsohn6j9****");
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DetachAlbServerGroups {
    scaling_activity_id: String,
}

#[test]
fn detach_alb_server_groups() {
    // The XML root is `<DetachAlbServerGroups>`, without `Response`.
    let (xml, json) = samples!(DetachAlbServerGroups);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E")
    );
    assert_eq!(json.body.scaling_activity_id, "asa-2ze6wxj8vsohn6j9****");
}

// -------------------------------------------------------------------- Tags

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListTagKeys {
    next_token: String,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(default, with = "ess_runtime::list")]
    keys: Vec<String>,
}

#[test]
fn list_tag_keys() {
    // `<NextToken></NextToken>` in XML, `""` in JSON.
    let (xml, json) = samples!(ListTagKeys);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("CA84E8A6-A2BB-41B6-896F-C62987A8BAFE")
    );
    assert_eq!(json.body.next_token, "");
    assert_eq!(json.body.page_size, 10);
    assert_eq!(json.body.keys.len(), 3);
    assert_eq!(json.body.keys, ["ESS", "Tag002", "Tag001"]);
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListTagValues {
    next_token: String,
    #[serde(with = "ess_runtime::lenient")]
    page_size: u32,
    #[serde(default, with = "ess_runtime::list")]
    values: Vec<String>,
}

#[test]
fn list_tag_values() {
    let (xml, json) = samples!(ListTagValues);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("178E635A-11AF-4214-A65E-50B67B3CA548")
    );
    assert_eq!(json.body.next_token, "");
    assert_eq!(json.body.page_size, 1);
    assert_eq!(json.body.values.len(), 1);
    assert_eq!(json.body.values, ["Doc"]);
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListTagResources {
    next_token: String,
    #[serde(default, with = "ess_runtime::list")]
    tag_resources: Vec<TagResource>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TagResource {
    resource_id: String,
    tag_key: String,
    resource_type: String,
    tag_value: String,
}

#[test]
fn list_tag_resources() {
    let (xml, json) = samples!(ListTagResources);
    assert_eq!(xml, json);
    assert_eq!(
        json.request_id.as_deref(),
        Some("6E79F465-6101-4071-A852-19B76E238717")
    );
    assert_eq!(json.body.next_token, "");
    let resources = &json.body.tag_resources;
    assert_eq!(resources.len(), 1);
    assert_eq!(resources[0].resource_id, "asg-bp17xb4x1vr29lgt****");
    assert_eq!(resources[0].resource_type, "ALIYUN::ESS::SCALINGGROUP");
    assert_eq!(resources[0].tag_key, "TestKey");
    assert_eq!(resources[0].tag_value, "TestValue");
}

// The JSON samples of AttachVServerGroups, CreateNotificationConfiguration
// and DetachVServerGroups spell the key `requestId`.
request_id_only! {
    attach_db_instances: AttachDBInstances = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    attach_load_balancers: AttachLoadBalancers = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    attach_v_server_groups: AttachVServerGroups = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    complete_lifecycle_action: CompleteLifecycleAction = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    create_notification_configuration: CreateNotificationConfiguration = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    delete_lifecycle_hook: DeleteLifecycleHook = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    delete_notification_configuration: DeleteNotificationConfiguration = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    delete_scaling_configuration: DeleteScalingConfiguration = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    delete_scaling_group: DeleteScalingGroup = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    delete_scaling_rule: DeleteScalingRule = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    delete_scheduled_task: DeleteScheduledTask = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    detach_db_instances: DetachDBInstances = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    detach_load_balancers: DetachLoadBalancers = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    detach_v_server_groups: DetachVServerGroups = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    disable_alarm: DisableAlarm = "086EFCD4-C76F-4DC6-9EE9-0D9B711E****",
    disable_scaling_group: DisableScalingGroup = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    enable_alarm: EnableAlarm = "688B18B8-FB1E-42EB-A1ED-7F55B090****",
    enable_scaling_group: EnableScalingGroup = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    enter_standby: EnterStandby = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    exit_standby: ExitStandby = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    modify_lifecycle_hook: ModifyLifecycleHook = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    modify_notification_configuration: ModifyNotificationConfiguration = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    modify_scaling_configuration: ModifyScalingConfiguration = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    modify_scaling_group: ModifyScalingGroup = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    modify_scheduled_task: ModifyScheduledTask = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3****",
    record_lifecycle_action_heartbeat: RecordLifecycleActionHeartbeat = "04F0F334-1335-436C-A1D7-6C044FE73368",
    resume_processes: ResumeProcesses = "E38EB733-D714-4658-8A5F-0688AB680414",
    set_group_deletion_protection: SetGroupDeletionProtection = "CCC29E24-3AEC-4F2C-8A14-78B14FA738B7",
    set_instance_health: SetInstanceHealth = "B755AE57-6093-43E4-938E-DEA422A9B10F",
    set_instances_protection: SetInstancesProtection = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
    suspend_processes: SuspendProcesses = "3E2033F0-03B4-419D-BCE2-C2339DB51B30",
    tag_resources: TagResources = "74C4E313-8570-479F-8791-DC25360D5627",
    untag_resources: UntagResources = "3AEBB1B9-5B13-4311-951F-C3C7FA2B73ED",
}

// ------------------------------------------------------------ generic tree

#[test]
fn every_well_formed_sample_decodes_as_a_generic_tree() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/aliyun/success");
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
            match result {
                Err(Error::Body(e)) => assert_eq!(e.format(), Some(Format::Xml), "{e}"),
                other => panic!("{name}: expected a body error, got {other:?}"),
            }
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
