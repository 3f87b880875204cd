//! Decoding a DescribeScalingGroups response of 50 groups and an error body,
//! in both formats, through `ess_runtime::decode` and directly through
//! `serde_json::from_slice` and `quick_xml::de::from_str`, into the same
//! struct, in one run.
//!
//! `cargo bench --bench decode`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use ess_runtime::{decode, Error, Success};
use ess_tests::CommonError;
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingGroups {
    total_count: u32,
    page_number: u32,
    page_size: u32,
    scaling_groups: ScalingGroups,
}

/// The wrapper as a plain struct: the shape all three decoders accept.
#[derive(Debug, Deserialize, PartialEq)]
struct ScalingGroups {
    #[serde(rename = "ScalingGroup", default)]
    items: Vec<ScalingGroup>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct ScalingGroup {
    scaling_group_id: String,
    scaling_group_name: String,
    region_id: String,
    removing_capacity: u32,
    default_cooldown: u32,
    min_size: u32,
    max_size: u32,
    lifecycle_state: String,
    total_instance_count: u32,
    active_scaling_configuration_id: String,
    #[serde(rename = "LoadBalancerIds")]
    load_balancer_ids: LoadBalancerIds,
    pending_capacity: u32,
    total_capacity: u32,
    active_capacity: u32,
    creation_time: String,
    #[serde(rename = "VSwitchId")]
    vswitch_id: String,
    removal_policies: RemovalPolicies,
}

#[derive(Debug, Deserialize, PartialEq)]
struct LoadBalancerIds {
    #[serde(rename = "LoadBalancerId", default)]
    items: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct RemovalPolicies {
    #[serde(rename = "RemovalPolicy", default)]
    items: Vec<String>,
}

/// The four fields of the seed page's error sample.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // read by the decoders, compared by no one
struct PlainError {
    request_id: String,
    host_id: String,
    code: String,
    message: String,
}

const GROUPS: usize = 50;

fn json_body() -> String {
    let groups: Vec<String> = (0..GROUPS)
        .map(|i| {
            format!(
                r#"{{"ScalingGroupId":"asg-bp14wlu85wrpchm0{i:04}","ScalingGroupName":"scalinggroup{i:04}","RegionId":"cn-qingdao",
"RemovingCapacity":0,"DefaultCooldown":300,"MinSize":1,"MaxSize":{max},"LifecycleState":"Active","TotalInstanceCount":{i},
"ActiveScalingConfigurationId":"asc-bp1et2qekq3ojr33{i:04}","LoadBalancerIds":{{"LoadBalancerId":["lb-bp19byhscefk3x0li{i:04}","lb-bp19byhscefk3x0lj{i:04}"]}},
"PendingCapacity":0,"TotalCapacity":{i},"ActiveCapacity":{i},"CreationTime":"2014-08-14T10:58Z","VSwitchId":"vsw-bp1whw2u46cn8zubm{i:04}",
"RemovalPolicies":{{"RemovalPolicy":["OldestScalingConfiguration","OldestInstance"]}}}}"#,
                max = i + 2
            )
        })
        .collect();
    format!(
        r#"{{"RequestId":"68386699-8B9E-4D5B-BC4C-75A28F6C2A00","TotalCount":{GROUPS},"PageSize":{GROUPS},"PageNumber":1,"ScalingGroups":{{"ScalingGroup":[{}]}}}}"#,
        groups.join(",")
    )
}

fn xml_body() -> String {
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeScalingGroupsResponse>\n",
    );
    body.push_str(&format!(
        "  <RequestId>68386699-8B9E-4D5B-BC4C-75A28F6C2A00</RequestId>\n  <TotalCount>{GROUPS}</TotalCount>\n  \
         <PageSize>{GROUPS}</PageSize>\n  <PageNumber>1</PageNumber>\n  <ScalingGroups>\n"
    ));
    for i in 0..GROUPS {
        body.push_str(&format!(
            "    <ScalingGroup>\n      <ScalingGroupId>asg-bp14wlu85wrpchm0{i:04}</ScalingGroupId>\n      \
             <ScalingGroupName>scalinggroup{i:04}</ScalingGroupName>\n      <RegionId>cn-qingdao</RegionId>\n      \
             <RemovingCapacity>0</RemovingCapacity>\n      <DefaultCooldown>300</DefaultCooldown>\n      <MinSize>1</MinSize>\n      \
             <MaxSize>{max}</MaxSize>\n      <LifecycleState>Active</LifecycleState>\n      <TotalInstanceCount>{i}</TotalInstanceCount>\n      \
             <ActiveScalingConfigurationId>asc-bp1et2qekq3ojr33{i:04}</ActiveScalingConfigurationId>\n      <LoadBalancerIds>\n        \
             <LoadBalancerId>lb-bp19byhscefk3x0li{i:04}</LoadBalancerId>\n        <LoadBalancerId>lb-bp19byhscefk3x0lj{i:04}</LoadBalancerId>\n      \
             </LoadBalancerIds>\n      <PendingCapacity>0</PendingCapacity>\n      <TotalCapacity>{i}</TotalCapacity>\n      \
             <ActiveCapacity>{i}</ActiveCapacity>\n      <CreationTime>2014-08-14T10:58Z</CreationTime>\n      \
             <VSwitchId>vsw-bp1whw2u46cn8zubm{i:04}</VSwitchId>\n      <RemovalPolicies>\n        \
             <RemovalPolicy>OldestScalingConfiguration</RemovalPolicy>\n        <RemovalPolicy>OldestInstance</RemovalPolicy>\n      \
             </RemovalPolicies>\n    </ScalingGroup>\n",
            max = i + 2
        ));
    }
    body.push_str("  </ScalingGroups>\n</DescribeScalingGroupsResponse>\n");
    body
}

const JSON_ERROR: &str = r#"{"RequestId":"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx","HostId":"ess.aliyuncs.com","Code":"InternalError","Message":"The request processing has failed due to some unknown error, exception or failure."}"#;
const XML_ERROR: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n  \
<HostId>ess.aliyuncs.com</HostId>\n  <Code>InternalError</Code>\n  \
<Message>The request processing has failed due to some unknown error, exception or failure.</Message>\n</Error>\n";

fn success(body: &[u8], content_type: &str) -> Success<DescribeScalingGroups> {
    decode::<DescribeScalingGroups, CommonError>(200, Some(content_type), body)
        .expect("the benchmark body decodes")
}

fn benches(c: &mut Criterion) {
    let json = json_body();
    let xml = xml_body();
    // All three decoders must agree before they are timed.
    let direct_json: DescribeScalingGroups = serde_json::from_slice(json.as_bytes()).unwrap();
    let direct_xml: DescribeScalingGroups = quick_xml::de::from_str(&xml).unwrap();
    assert_eq!(direct_json.scaling_groups.items.len(), GROUPS);
    assert_eq!(direct_json, direct_xml);
    assert_eq!(
        success(json.as_bytes(), "application/json").body,
        direct_json
    );
    assert_eq!(success(xml.as_bytes(), "text/xml").body, direct_json);

    let mut group = c.benchmark_group("success_json");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("ess_runtime", |b| {
        b.iter(|| success(black_box(json.as_bytes()), "application/json"))
    });
    group.bench_function("serde_json", |b| {
        b.iter(|| {
            serde_json::from_slice::<DescribeScalingGroups>(black_box(json.as_bytes())).unwrap()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("success_xml");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function("ess_runtime", |b| {
        b.iter(|| success(black_box(xml.as_bytes()), "text/xml"))
    });
    group.bench_function("quick_xml_de", |b| {
        b.iter(|| quick_xml::de::from_str::<DescribeScalingGroups>(black_box(&xml)).unwrap())
    });
    group.bench_function("quick_xml_events_only", |b| {
        b.iter(|| {
            let mut reader = quick_xml::Reader::from_str(black_box(&xml));
            let mut events = 0usize;
            while !matches!(reader.read_event().unwrap(), quick_xml::events::Event::Eof) {
                events += 1;
            }
            events
        })
    });
    group.finish();

    for (name, body, content_type) in [
        ("error_json", JSON_ERROR, "application/json"),
        ("error_xml", XML_ERROR, "text/xml"),
    ] {
        let outcome =
            decode::<DescribeScalingGroups, CommonError>(500, Some(content_type), body.as_bytes());
        assert!(
            matches!(outcome, Err(Error::Api(ref e)) if e.code().known() == Some(&CommonError::InternalError))
        );
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("ess_runtime", |b| {
            b.iter(|| {
                decode::<DescribeScalingGroups, CommonError>(
                    500,
                    Some(content_type),
                    black_box(body.as_bytes()),
                )
            })
        });
        if content_type == "application/json" {
            group.bench_function("serde_json_plain_struct", |b| {
                b.iter(|| serde_json::from_slice::<PlainError>(black_box(body.as_bytes())).unwrap())
            });
        } else {
            group.bench_function("quick_xml_de_plain_struct", |b| {
                b.iter(|| quick_xml::de::from_str::<PlainError>(black_box(body)).unwrap())
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = decode_benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(decode_benches);
