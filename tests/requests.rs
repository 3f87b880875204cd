//! The request half of the generated ESS service: every operation's request
//! type from the metadata, its constructor and setters, the limits checked
//! before any I/O, and the wire encoding by the metadata's styles.

use ess_runtime::{Operation, Request};
use ess_spec::ess;

#[test]
fn describe_scaling_groups_encodes_its_lists_and_tags() {
    use ess::describe_scaling_groups::request::Tag;
    let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou")
        .page_size(10)
        .scaling_group_id(["asg-1", "asg-2"])
        .tag([Tag {
            key: Some("env".into()),
            value: Some("prod".into()),
        }]);
    let encoded = request.encode().unwrap();
    let query: Vec<(&str, &str)> = encoded.query.iter().collect();
    // In the order of the names, the signature's: the client merges the
    // common parameters in instead of sorting.
    assert_eq!(
        query,
        [
            ("PageSize", "10"),
            ("RegionId", "cn-hangzhou"),
            ("ScalingGroupId.1", "asg-1"),
            ("ScalingGroupId.2", "asg-2"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
        ]
    );
    assert_eq!(<ess::DescribeScalingGroups as Operation>::METHOD, "POST");
    const { assert!(<ess::DescribeScalingGroups as Operation>::READ_ONLY) };
    const { assert!(!<ess::CreateScalingGroup as Operation>::READ_ONLY) };
    assert_eq!(ess::SERVICE.host("cn-hangzhou"), "ess.aliyuncs.com");
}

#[test]
fn a_value_out_of_the_metadatas_range_is_an_error_before_any_io() {
    // PageSize: "maximum": 50 in the metadata.
    let request = ess::DescribeScalingGroupsRequest::new("cn-hangzhou").page_size(51);
    let e = request.encode().unwrap_err();
    assert_eq!(e.parameter(), "PageSize");
    assert_eq!(e.operation(), "DescribeScalingGroups");
    assert!(e.problem().contains("at most 50"), "{e}");
}

#[test]
fn a_limit_inside_a_nested_parameter_is_checked_before_any_io() {
    use ess::create_scaling_configuration::request::DataDisk;
    // DataDisk.N.Categories: "maxItems": 10 in the metadata, inside the
    // items of the list DataDisk.
    let disk = |categories: usize| DataDisk {
        categories: vec!["cloud_essd".to_owned(); categories],
        ..DataDisk::default()
    };
    let request = |disks| {
        ess::CreateScalingConfigurationRequest::new("asg-1")
            .data_disk(disks)
            .encode()
    };
    let e = request(vec![disk(10), disk(11)]).unwrap_err();
    assert_eq!(e.parameter(), "DataDisk");
    assert_eq!(
        e.problem(),
        "item 2: Categories: 11 items, more than the 10 allowed"
    );
    let encoded = request(vec![disk(10)]).unwrap();
    assert!(encoded
        .query
        .iter()
        .any(|pair| pair == ("DataDisk.1.Categories.10", "cloud_essd")));
}

#[test]
fn a_requests_debug_hides_its_passwords() {
    use ess::create_eci_scaling_configuration::request::ImageRegistryCredential;
    let request = ess::CreateScalingConfigurationRequest::new("asg-1")
        .password("Top-Secret-1")
        .instance_type("ecs.g6.large");
    let shown = format!("{request:?}");
    assert!(!shown.contains("Top-Secret-1"), "{shown}");
    assert!(shown.contains("password: <hidden>"), "{shown}");
    assert!(
        shown.contains(r#"instance_type: Some("ecs.g6.large")"#),
        "{shown}"
    );
    // Inside a nested parameter too, and in what the request encodes to;
    // the value is still sent.
    let request = ess::CreateEciScalingConfigurationRequest::new("asg-1")
        .image_registry_credential([ImageRegistryCredential {
            password: Some("Registry-Secret-2".into()),
            server: Some("registry.example".into()),
            user_name: Some("me".into()),
        }]);
    let encoded = request.encode().unwrap();
    for shown in [format!("{request:?}"), format!("{encoded:?}")] {
        assert!(!shown.contains("Registry-Secret-2"), "{shown}");
        assert!(shown.contains("registry.example"), "{shown}");
    }
    assert!(encoded
        .query
        .iter()
        .any(|pair| pair == ("ImageRegistryCredential.1.Password", "Registry-Secret-2")));
}
