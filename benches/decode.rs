//! Decoding a DescribeScalingGroups response of 50 groups and an error body,
//! in both formats, in one run: into the type the service macro generated
//! for the operation (`decode_operation`, the anchor of each group), and
//! into a hand-written struct of the body's fields, through
//! `ess_runtime::decode` and directly through `serde_json` (`from_slice`,
//! and `from_str` after checking the body is UTF-8, as `ess_runtime` does)
//! and `quick_xml::de::from_str`; and quick-xml's bare event loop over the
//! same XML, which builds nothing.
//!
//! `cargo bench --bench decode` prints a table; `-- --quick` for a short run.
//! The ratio columns are the generated type's speed over the row's (above 1
//! means the generated type decodes faster): of the fastest rounds, and the
//! median of the ratios within each round, which a machine that changes
//! speed during the run disturbs less, since both sides of a ratio ran
//! moments apart.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ess_runtime::{decode, decode_operation, Error, Operation, Success};
use ess_spec::{ess, CommonError};
use serde::Deserialize;

type Generated = <ess::DescribeScalingGroups as Operation>::Response;
type GeneratedError = <ess::DescribeScalingGroups as Operation>::Error;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct DescribeScalingGroups {
    total_count: u32,
    page_number: u32,
    page_size: u32,
    scaling_groups: ScalingGroups,
}

/// The wrapper as a plain struct: the shape all the decoders accept.
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

/// The anchor row of each group.
const GENERATED: &str = "generated type (decode_operation)";

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

fn generated(body: &[u8], content_type: &str) -> Success<Generated> {
    decode_operation::<ess::DescribeScalingGroups>(200, Some(content_type), body)
        .expect("the benchmark body decodes")
}

fn generated_error(body: &[u8], content_type: &str) -> Error<GeneratedError> {
    decode_operation::<ess::DescribeScalingGroups>(500, Some(content_type), body)
        .expect_err("an error body")
}

fn success(body: &[u8], content_type: &str) -> Success<DescribeScalingGroups> {
    decode::<DescribeScalingGroups, CommonError>(200, Some(content_type), body)
        .expect("the benchmark body decodes")
}

fn api_error(body: &[u8], content_type: &str) -> Error<CommonError> {
    decode::<DescribeScalingGroups, CommonError>(500, Some(content_type), body)
        .expect_err("an error body")
}

/// One timed case: a name and a closure that decodes once.
struct Case<'a> {
    group: &'static str,
    decoder: &'static str,
    bytes: usize,
    run: Box<dyn FnMut() + 'a>,
    best: f64,
    /// Seconds per call in each round.
    rounds: Vec<f64>,
}

impl<'a> Case<'a> {
    fn new(
        group: &'static str,
        decoder: &'static str,
        bytes: usize,
        mut run: impl FnMut() + 'a,
    ) -> Self {
        run(); // warm the caches and the allocator
        Case {
            group,
            decoder,
            bytes,
            run: Box::new(run),
            best: f64::INFINITY,
            rounds: Vec::new(),
        }
    }
}

/// Rounds of every case in turn; each case keeps its fastest round. The
/// minimum over interleaved rounds is what survives a noisy machine: a
/// round can only be slowed down by other work, never sped up.
fn measure(cases: &mut [Case<'_>], rounds: usize, round_time: Duration) {
    // Size each case's batch to take about `round_time`; these sizing runs
    // are not rounds, and their times are not kept.
    let batches: Vec<u32> = cases
        .iter_mut()
        .map(|case| {
            let start = Instant::now();
            let mut calls = 0u32;
            while start.elapsed() < round_time / 4 {
                (case.run)();
                calls += 1;
            }
            let per_call = start.elapsed().as_secs_f64() / f64::from(calls);
            ((round_time.as_secs_f64() / per_call) as u32).max(1)
        })
        .collect();
    for _ in 0..rounds {
        for (case, &batch) in cases.iter_mut().zip(&batches) {
            let start = Instant::now();
            for _ in 0..batch {
                (case.run)();
            }
            let per_call = start.elapsed().as_secs_f64() / f64::from(batch);
            case.best = case.best.min(per_call);
            case.rounds.push(per_call);
        }
    }
}

fn main() {
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
    let from_json = generated(json.as_bytes(), "application/json").body;
    assert_eq!(generated(xml.as_bytes(), "text/xml").body, from_json);
    assert_eq!(from_json.scaling_groups.len(), GROUPS);
    for (group, direct) in from_json
        .scaling_groups
        .iter()
        .zip(&direct_json.scaling_groups.items)
    {
        assert_eq!(
            group.scaling_group_id.as_deref(),
            Some(&*direct.scaling_group_id)
        );
        assert_eq!(group.max_size, Some(direct.max_size as i32));
        assert_eq!(group.load_balancer_ids, direct.load_balancer_ids.items);
        assert_eq!(group.removal_policies, direct.removal_policies.items);
    }
    for (body, content_type) in [(JSON_ERROR, "application/json"), (XML_ERROR, "text/xml")] {
        let e = api_error(body.as_bytes(), content_type);
        assert_eq!(
            e.api().and_then(|e| e.code().known()),
            Some(&CommonError::InternalError)
        );
        let e = generated_error(body.as_bytes(), content_type);
        assert_eq!(
            e.api().and_then(|e| e.code().known()),
            Some(&GeneratedError::InternalError)
        );
    }

    let mut cases = vec![
        Case::new("success, JSON", GENERATED, json.len(), || {
            black_box(generated(black_box(json.as_bytes()), "application/json"));
        }),
        Case::new("success, JSON", "ess_runtime::decode", json.len(), || {
            black_box(success(black_box(json.as_bytes()), "application/json"));
        }),
        Case::new(
            "success, JSON",
            "serde_json::from_slice",
            json.len(),
            || {
                black_box(
                    serde_json::from_slice::<DescribeScalingGroups>(black_box(json.as_bytes()))
                        .unwrap(),
                );
            },
        ),
        Case::new(
            "success, JSON",
            "serde_json::from_str (after from_utf8)",
            json.len(),
            || {
                let text = std::str::from_utf8(black_box(json.as_bytes())).unwrap();
                black_box(serde_json::from_str::<DescribeScalingGroups>(text).unwrap());
            },
        ),
        Case::new("success, XML", GENERATED, xml.len(), || {
            black_box(generated(black_box(xml.as_bytes()), "text/xml"));
        }),
        Case::new("success, XML", "ess_runtime::decode", xml.len(), || {
            black_box(success(black_box(xml.as_bytes()), "text/xml"));
        }),
        Case::new("success, XML", "quick_xml::de::from_str", xml.len(), || {
            black_box(quick_xml::de::from_str::<DescribeScalingGroups>(black_box(&xml)).unwrap());
        }),
        Case::new("success, XML", "quick-xml events only", xml.len(), || {
            let mut reader = quick_xml::Reader::from_str(black_box(&xml));
            while !matches!(reader.read_event().unwrap(), quick_xml::events::Event::Eof) {}
        }),
        Case::new("error, JSON", GENERATED, JSON_ERROR.len(), || {
            black_box(generated_error(
                black_box(JSON_ERROR.as_bytes()),
                "application/json",
            ));
        }),
        Case::new(
            "error, JSON",
            "ess_runtime::decode",
            JSON_ERROR.len(),
            || {
                black_box(api_error(
                    black_box(JSON_ERROR.as_bytes()),
                    "application/json",
                ));
            },
        ),
        Case::new(
            "error, JSON",
            "serde_json, 4-field struct",
            JSON_ERROR.len(),
            || {
                black_box(
                    serde_json::from_slice::<PlainError>(black_box(JSON_ERROR.as_bytes())).unwrap(),
                );
            },
        ),
        Case::new("error, XML", GENERATED, XML_ERROR.len(), || {
            black_box(generated_error(black_box(XML_ERROR.as_bytes()), "text/xml"));
        }),
        Case::new("error, XML", "ess_runtime::decode", XML_ERROR.len(), || {
            black_box(api_error(black_box(XML_ERROR.as_bytes()), "text/xml"));
        }),
        Case::new(
            "error, XML",
            "quick_xml::de, 4-field struct",
            XML_ERROR.len(),
            || {
                black_box(quick_xml::de::from_str::<PlainError>(black_box(XML_ERROR)).unwrap());
            },
        ),
    ];
    let quick = std::env::args().any(|a| a == "--quick");
    // Any other argument keeps only the cases whose "body: decoder" holds
    // it, for profiling one of them (cargo passes `--bench` itself).
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !filters.is_empty() {
        cases.retain(|case| {
            let name = format!("{}: {}", case.group, case.decoder);
            filters.iter().any(|f| name.contains(f.as_str()))
        });
    }
    let (rounds, round_time) = if quick {
        (5, Duration::from_millis(20))
    } else {
        (40, Duration::from_millis(50))
    };
    measure(&mut cases, rounds, round_time);

    println!(
        "fastest of {rounds} interleaved rounds; JSON body {} bytes, XML body {} bytes\n",
        json.len(),
        xml.len()
    );
    println!(
        "{:<15} {:<40} {:>12} {:>10} {:>14} {:>14}",
        "body", "decoder", "time", "MB/s", "speed vs this", "median ratio"
    );
    let mut anchor: Option<&Case<'_>> = None;
    for case in &cases {
        let (fastest, median) = match anchor {
            Some(anchor) if case.decoder != GENERATED => (
                format!("{:.2}x", case.best / anchor.best),
                format!("{:.2}x", median_ratio(&anchor.rounds, &case.rounds)),
            ),
            _ => {
                anchor = Some(case);
                (String::new(), String::new())
            }
        };
        println!(
            "{:<15} {:<40} {:>9.2} µs {:>10.0} {:>14} {:>14}",
            case.group,
            case.decoder,
            case.best * 1e6,
            case.bytes as f64 / case.best / 1e6,
            fastest,
            median
        );
    }
}

/// The median over rounds of the anchor's speed over `other`'s in the same
/// round (the upper of the middle two for an even number of rounds).
fn median_ratio(anchor: &[f64], other: &[f64]) -> f64 {
    let mut ratios: Vec<f64> = anchor.iter().zip(other).map(|(a, o)| o / a).collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}
