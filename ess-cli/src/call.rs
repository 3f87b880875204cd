//! `ess call`: an operation of a spec called with `--Name value`
//! arguments, as the vendor's CLI takes them (`--RegionId cn-hangzhou
//! --ScalingGroupId.1 asg-1 --Tag.1.Key env`).
//!
//! The arguments become values of the spec's parameters (typed by their
//! nodes: numbers and booleans parsed, a `json`-style value read as JSON),
//! and the runtime encodes, checks and signs them as it does a generated
//! request: the same rules, in the same place.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::render::closest;
use ess_codegen::model::{
    Limits as SpecLimits, Location as SpecLocation, Node, ParameterStyle, Shape, Spec,
};
use ess_runtime::credentials::{CliProfile, DefaultChain, Env};
use ess_runtime::http_client::{HttpClient, ReqwestClient, SendOptions};
use ess_runtime::request::{
    self, ApiStyle, Encoded, Limits, Location, Parameter, ServiceInfo, Style,
};
use ess_runtime::{Client, Credentials, Format, ProvideCredentials, Target, Value};

/// Where and how a prepared call is sent.
pub struct Destination<'a> {
    /// The region (`cn-hangzhou`), whose endpoint the spec gives.
    pub region: &'a str,
    /// Another endpoint than the region's (a local server).
    pub endpoint: Option<&'a str>,
    /// The format asked for.
    pub format: Format,
    /// Where the keys come from.
    pub credentials: CredentialsSource,
}

/// Where `ess call` takes its keys from.
#[derive(Debug)]
pub enum CredentialsSource {
    /// These keys.
    Given(Credentials),
    /// A profile of the CLI's `~/.aliyun/config.json` (`--profile`), in any
    /// of its modes.
    Profile(String),
    /// The vendor's default chain, as the client's.
    Chain,
}

/// What came back.
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// The words after the operation, split: the command's own options and the
/// operation's `--Name value` pairs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The command's options, by name, with their values (`None` for a
    /// flag), in order.
    pub options: Vec<(String, Option<String>)>,
    /// The operation's parameters, in order.
    pub parameters: Vec<(String, String)>,
}

/// Splits `words` (`--Name value`, `--Name=value`) into the command's own
/// options, named by `own` (each name, and whether it takes a value), and
/// the operation's parameters. The options may stand anywhere among the
/// parameters, as the vendor's CLI takes its flags; after a word `--`,
/// every word is a parameter (one named like an option: some ROA
/// operations have an `endpoint`).
pub fn arguments(words: &[String], own: &[(&str, bool)]) -> Result<Line, String> {
    let mut line = Line::default();
    let mut words = words.iter();
    let mut own = own;
    while let Some(word) = words.next() {
        if word == "--" {
            own = &[];
            continue;
        }
        let Some(name) = word.strip_prefix("--") else {
            return Err(format!("`{word}` is not a parameter: write `--Name value`"));
        };
        let (name, inline) = match name.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (name, None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| words.next().cloned())
                .ok_or_else(|| format!("--{name} has no value"))
        };
        match own.iter().find(|(option, _)| *option == name) {
            Some((_, false)) if inline.is_some() => {
                return Err(format!("--{name} takes no value"));
            }
            Some((_, false)) => line.options.push((name.to_owned(), None)),
            Some((_, true)) => line.options.push((name.to_owned(), Some(value()?))),
            None => line.parameters.push((name.to_owned(), value()?)),
        }
    }
    Ok(line)
}

/// Sends a prepared call; the answer, whatever its status. The keys come
/// from `to.credentials`, asked only now: the arguments were checked first.
pub fn send(prepared: &Prepared, to: Destination<'_>) -> Result<Answer, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the command's runtime: {e}"))?;
    runtime.block_on(send_async(prepared, to))
}

async fn send_async(prepared: &Prepared, to: Destination<'_>) -> Result<Answer, String> {
    let http: Arc<dyn HttpClient> = Arc::new(ReqwestClient::new().map_err(|e| e.to_string())?);
    let provider: Arc<dyn ProvideCredentials> = match to.credentials {
        CredentialsSource::Given(credentials) => Arc::new(credentials),
        CredentialsSource::Profile(name) => {
            Arc::new(CliProfile::new(Env::real(), http.clone()).profile(name))
        }
        CredentialsSource::Chain => Arc::new(
            DefaultChain::builder()
                .env(Env::real())
                .http_client(http.clone())
                .build(),
        ),
    };
    let mut client = Client::builder(to.region)
        .credentials(provider)
        .http_client(http.clone())
        .format(to.format);
    if let Some(endpoint) = to.endpoint {
        client = client.endpoint(endpoint);
    }
    let client = client.build().map_err(|e| e.to_string())?;
    // An anonymous operation is sent with no key: none is looked for.
    let credentials = match prepared.anonymous {
        true => None,
        false => Some(client.credentials().await.map_err(|e| e.to_string())?),
    };
    let signed = client.sign_target(
        credentials.as_ref(),
        &prepared.target.as_target(),
        &prepared.encoded,
        SystemTime::now(),
    );
    let options = SendOptions::new(
        Duration::from_secs(30),
        ess_runtime::Decoder::DEFAULT_MAX_BODY_SIZE as u64,
    );
    let response = http
        .send(signed, options)
        .await
        .map_err(|e| e.to_string())?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Ok(Answer {
        status: response.status().as_u16(),
        content_type,
        body: response.into_body(),
    })
}

/// A call ready to sign: what to sign it as, and its encoded parameters.
pub struct Prepared {
    target: OwnedTarget,
    /// Sent with no key and no signature (the spec's `anonymous`).
    anonymous: bool,
    encoded: Encoded,
}

impl Prepared {
    /// The encoded parameters.
    pub fn encoded(&self) -> &Encoded {
        &self.encoded
    }

    /// The HTTP method.
    pub fn method(&self) -> &str {
        self.target.method
    }
}

/// The operation's target, owned: the command's names live as long as it.
struct OwnedTarget {
    action: &'static str,
    method: &'static str,
    service: &'static ServiceInfo,
}

impl OwnedTarget {
    fn as_target(&self) -> Target<'_> {
        Target {
            action: self.action,
            method: self.method,
            service: self.service,
        }
    }
}

/// The request of `operation` with `arguments`, encoded and checked by the
/// runtime, and what to sign it as. `region`, where given, fills the
/// operation's `RegionId` when the arguments do not, as the vendor's CLI
/// fills it from its region.
///
/// The runtime's parameters and service take `'static` names, as generated
/// code gives them; a command calls once, so it leaks the few it builds.
pub fn prepare(
    spec: &Spec,
    operation: &str,
    arguments: &[(String, String)],
    region: Option<&str>,
) -> Result<Prepared, String> {
    let style = ApiStyle::from_name(spec.style.as_deref().unwrap_or("RPC"));
    if !style.is_signed() {
        return Err(format!(
            "the spec's style is {}: its signature is not one the command makes (RPC, ROA, V3)",
            spec.style.as_deref().unwrap_or_default()
        ));
    }
    let Some(request) = spec.request(operation) else {
        let close = closest(
            operation,
            spec.requests.iter().map(|r| r.operation.as_str()),
        );
        return Err(format!("the spec has no request for `{operation}`{close}"));
    };
    let properties = &request.parameters.properties;
    let mut values: Vec<Value> = vec![Value::Null; properties.len()];
    for (name, text) in arguments {
        // The parameter itself, else the one it is a part of (`Tag` of `Tag.1.Key`).
        let found = properties
            .iter()
            .position(|p| p.name == *name)
            .map(|i| (i, ""))
            .or_else(|| {
                properties
                    .iter()
                    .enumerate()
                    .filter_map(|(i, p)| {
                        Some((i, name.strip_prefix(p.name.as_str())?.strip_prefix('.')?))
                    })
                    .max_by_key(|(i, _)| properties[*i].name.len())
            });
        let Some((index, rest)) = found else {
            let close = closest(name, properties.iter().map(|p| p.name.as_str()));
            return Err(format!("`{operation}` has no parameter `{name}`{close}"));
        };
        let property = &properties[index];
        let json = request.wire[index].style == ParameterStyle::Json;
        let path: Vec<&str> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('.').collect()
        };
        insert(spec, &property.node, &mut values[index], &path, text, json)
            .map_err(|why| format!("--{name}: {why}"))?;
    }
    if let (Some(region), Some(index)) =
        (region, properties.iter().position(|p| p.name == REGION_ID))
    {
        if values[index].is_null() {
            values[index] = Value::String(region.to_owned());
        }
    }
    let missing: Vec<String> = properties
        .iter()
        .zip(&values)
        .filter(|(p, v)| p.required && v.is_null())
        .map(|(p, _)| format!("--{}", p.name))
        .collect();
    if !missing.is_empty() {
        return Err(format!("`{operation}` needs {}", missing.join(", ")));
    }
    let parameters: Vec<Parameter> = properties
        .iter()
        .zip(&request.wire)
        .map(|(p, wire)| {
            let location = match wire.location {
                SpecLocation::Query => Location::Query,
                SpecLocation::FormData => Location::Form,
                SpecLocation::Path => Location::Path,
                SpecLocation::Header => Location::Header,
                SpecLocation::Body => Location::Body,
                SpecLocation::Host => Location::Host,
            };
            let style = match wire.style {
                ParameterStyle::Json => Style::Json,
                ParameterStyle::Simple => Style::Simple,
                ParameterStyle::Xml => Style::Xml,
                _ => Style::Flat,
            };
            Parameter::new(leak(&p.name), location)
                .style(style)
                .limits(runtime_limits(&p.limits))
        })
        .collect();
    let checked: Vec<Checked<'_>> = properties
        .iter()
        .zip(&values)
        .map(|(p, value)| Checked {
            spec,
            node: &p.node,
            value,
        })
        .collect();
    let refs: Vec<&dyn request::Param> = checked.iter().map(|v| v as &dyn request::Param).collect();
    let action = leak(operation);
    let encoded = request::encode(
        action,
        request.path.as_deref().unwrap_or("/"),
        &parameters,
        &refs,
    )
    .map_err(|e| e.to_string())?;
    let endpoints: Vec<(&'static str, &'static str)> = spec
        .endpoints
        .iter()
        .map(|(r, h)| (leak(r), leak(h)))
        .collect();
    let service = Box::leak(Box::new(ServiceInfo {
        product: leak(spec.service.as_deref().unwrap_or_default()),
        version: leak(spec.api_version.as_deref().unwrap_or_default()),
        style,
        endpoints: Box::leak(endpoints.into_boxed_slice()),
    }));
    let method = request.method();
    Ok(Prepared {
        target: OwnedTarget {
            action,
            method: leak(&method),
            service,
        },
        anonymous: request.anonymous,
        encoded,
    })
}

/// The parameter the command's region fills.
pub const REGION_ID: &str = "RegionId";

/// The runtime's form of a property's limits.
fn runtime_limits(limits: &SpecLimits) -> Limits {
    let number = |n: &Option<String>| n.as_deref().and_then(|n| n.parse().ok());
    let count = |n: Option<u64>| n.and_then(|n| usize::try_from(n).ok());
    let values: Vec<&'static str> = limits.values.iter().map(|v| leak(v)).collect();
    Limits {
        minimum: number(&limits.minimum),
        maximum: number(&limits.maximum),
        exclusive_minimum: limits.exclusive_minimum,
        exclusive_maximum: limits.exclusive_maximum,
        min_length: count(limits.min_length),
        max_length: count(limits.max_length),
        min_items: count(limits.min_items),
        max_items: count(limits.max_items),
        values: Box::leak(values.into_boxed_slice()),
    }
}

/// A value with the node it is of, so that it is checked as a generated
/// request's is: a list's items, a map's values and an object's fields
/// each against the limits the spec gives them, by the runtime's routines.
struct Checked<'a> {
    spec: &'a Spec,
    node: &'a Node,
    value: &'a Value,
}

impl Checked<'_> {
    fn of<'a>(&'a self, node: &'a Node, value: &'a Value) -> Checked<'a> {
        Checked {
            spec: self.spec,
            node,
            value,
        }
    }
}

impl request::Param for Checked<'_> {
    fn write(&self, sink: &mut dyn request::Sink) {
        self.value.write(sink);
    }
    fn is_absent(&self) -> bool {
        self.value.is_absent()
    }
    fn check(&self, limits: &Limits) -> Result<(), request::Invalid> {
        match (&self.node.shape, self.value) {
            (Shape::Array { items, .. }, Value::Array(list)) => {
                // The gaps of a list numbered by hand are not items.
                let present: Vec<Checked<'_>> = list
                    .iter()
                    .filter(|v| !v.is_null())
                    .map(|v| self.of(items, v))
                    .collect();
                request::check_items(limits, &present)
            }
            (Shape::Map { values }, Value::Object(members)) => {
                let entries: Vec<(&str, Checked<'_>)> = members
                    .iter()
                    .map(|(key, v)| (key.as_str(), self.of(values, v)))
                    .collect();
                request::check_entries(limits, entries.iter().map(|(k, v)| (*k, v)))
            }
            (Shape::Object(_) | Shape::Ref(_), Value::Object(members)) => {
                let object = match &self.node.shape {
                    Shape::Ref(r) => self.spec.component(&r.component).map(|c| &c.object),
                    Shape::Object(object) => Some(object),
                    _ => None,
                };
                let fields: Vec<(&str, Checked<'_>, Limits)> = object
                    .into_iter()
                    .flat_map(|object| &object.properties)
                    .filter_map(|p| {
                        let value = members.get(&p.name)?;
                        Some((
                            p.name.as_str(),
                            self.of(&p.node, value),
                            runtime_limits(&p.limits),
                        ))
                    })
                    .collect();
                let fields: Vec<(&str, &dyn request::Param, &Limits)> = fields
                    .iter()
                    .map(|(name, value, limits)| (*name, value as &dyn request::Param, limits))
                    .collect();
                request::check_object(&fields)
            }
            _ => self.value.check(limits),
        }
    }
}

/// The largest item number an argument may give (`--Tag.1000.Key`): a
/// list is that long at most, whatever the number typed.
const MAX_ITEM: usize = 1000;

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// Puts `text` at `path` below `slot`, a value of `node`: list items by
/// their number from 1, object fields and map keys by name.
fn insert(
    spec: &Spec,
    node: &Node,
    slot: &mut Value,
    path: &[&str],
    text: &str,
    json: bool,
) -> Result<(), String> {
    let Some((step, rest)) = path.split_first() else {
        *slot = scalar(node, text, json)?;
        return known_names(spec, node, slot);
    };
    match &node.shape {
        Shape::Array { items, .. } => {
            let n: usize = step
                .parse()
                .ok()
                .filter(|&n| (1..=MAX_ITEM).contains(&n))
                .ok_or_else(|| format!("`{step}` is not an item's number (1 to {MAX_ITEM})"))?;
            if !slot.is_array() {
                *slot = Value::Array(Vec::new());
            }
            let list = slot.as_array_mut().expect("an array");
            if list.len() < n {
                list.resize(n, Value::Null);
            }
            insert(spec, items, &mut list[n - 1], rest, text, false)
        }
        Shape::Object(_) | Shape::Ref(_) | Shape::Map { .. } | Shape::Any => {
            let field = match &node.shape {
                Shape::Object(object) => Some(object),
                Shape::Ref(r) => spec.component(&r.component).map(|c| &c.object),
                _ => None,
            };
            let any = Node {
                shape: Shape::Any,
                description: Vec::new(),
                example: None,
            };
            let inner = match (&node.shape, field) {
                (Shape::Map { values }, _) => &**values,
                (_, Some(object)) => {
                    let property = object
                        .properties
                        .iter()
                        .find(|p| p.name == *step)
                        .ok_or_else(|| {
                            let close =
                                closest(step, object.properties.iter().map(|p| p.name.as_str()));
                            format!("no field `{step}`{close}")
                        })?;
                    &property.node
                }
                _ => &any,
            };
            if !slot.is_object() {
                *slot = Value::Object(Default::default());
            }
            let members = slot.as_object_mut().expect("an object");
            let member = members.entry((*step).to_owned()).or_insert(Value::Null);
            insert(spec, inner, member, rest, text, false)
        }
        _ => Err(format!(
            "`.{step}` goes into a value that is not a list or an object"
        )),
    }
}

/// Whether every member of the objects in `value` (a structured value
/// given as JSON) is a field of the object `node` describes there, as a
/// `--Name.Field` argument must be: a misspelt name says which it likely
/// meant.
fn known_names(spec: &Spec, node: &Node, value: &Value) -> Result<(), String> {
    match (&node.shape, value) {
        (Shape::Array { items, .. }, Value::Array(values)) => {
            values.iter().enumerate().try_for_each(|(i, v)| {
                known_names(spec, items, v).map_err(|e| format!("item {}: {e}", i + 1))
            })
        }
        (Shape::Map { values }, Value::Object(members)) => members
            .values()
            .try_for_each(|v| known_names(spec, values, v)),
        (Shape::Object(_) | Shape::Ref(_), Value::Object(members)) => {
            let object = match &node.shape {
                Shape::Ref(r) => spec.component(&r.component).map(|c| &c.object),
                Shape::Object(object) => Some(object),
                _ => None,
            };
            let Some(object) = object else { return Ok(()) };
            for (name, member) in members.iter() {
                let Some(property) = object.properties.iter().find(|p| p.name == *name) else {
                    let close = closest(name, object.properties.iter().map(|p| p.name.as_str()));
                    return Err(format!("no field `{name}`{close}"));
                };
                known_names(spec, &property.node, member).map_err(|e| format!("{name}: {e}"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A value of `node` from its text: numbers and booleans parsed, a
/// structured value (or any `json`-style one) read as JSON.
fn scalar(node: &Node, text: &str, json: bool) -> Result<Value, String> {
    match &node.shape {
        Shape::Integer(_) => text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("`{text}` is not an integer")),
        Shape::Number => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("`{text}` is not a number")),
        Shape::Boolean => match text.trim() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("`{text}` is not true or false")),
        },
        Shape::String | Shape::Binary if !json => Ok(Value::from(text)),
        _ => serde_json::from_str(text).or_else(|e| match &node.shape {
            Shape::Any | Shape::String | Shape::Binary => Ok(Value::from(text)),
            _ => Err(format!("not JSON: {e}")),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Spec {
        Spec::parse(ess_codegen::SourceText {
            origin: "test".into(),
            text: r#"{ "errors": [], "service": "Ess", "api_version": "2014-08-28",
              "requests": { "DescribeScalingGroups": { "parameters": {
                "RegionId": { "type": "string", "required": true },
                "PageSize": { "type": "integer", "maximum": 50 },
                "ScalingGroupId": { "type": "array", "style": "repeatList", "items": { "type": "string" } },
                "Tag": { "type": "array", "style": "repeatList", "max_items": 20, "items": { "type": "object", "properties": {
                  "Key": { "type": "string", "max_length": 8 }, "Value": { "type": "string" },
                  "Scopes": { "type": "array", "max_items": 2, "enum": ["a", "b"], "items": { "type": "string" } } } } },
                "Labels": { "type": "map", "style": "flat", "maximum": 9, "values": { "type": "integer" } },
                "Overrides": { "type": "object", "style": "json", "properties": { "Cpu": { "type": "number" } } }
              } } } }"#
                .into(),
        })
        .unwrap()
    }

    fn words(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    fn args(given: &[&str]) -> Vec<(String, String)> {
        arguments(&words(given), &[]).unwrap().parameters
    }

    #[test]
    fn arguments_become_the_runtimes_encoding() {
        let spec = spec();
        let given = args(&[
            "--RegionId",
            "cn-hangzhou",
            "--ScalingGroupId.1",
            "asg-1",
            "--Tag.1.Key=env",
            "--Tag.2.Key",
            "team",
            "--Overrides",
            r#"{"Cpu": 2}"#,
            "--PageSize",
            "10",
        ]);
        let prepared = prepare(&spec, "DescribeScalingGroups", &given, None).unwrap();
        assert_eq!(prepared.method(), "POST");
        assert_eq!(
            prepared.encoded().query.iter().collect::<Vec<_>>(),
            [
                ("RegionId", "cn-hangzhou"),
                ("PageSize", "10"),
                ("ScalingGroupId.1", "asg-1"),
                ("Tag.1.Key", "env"),
                ("Tag.2.Key", "team"),
                ("Overrides", r#"{"Cpu":2}"#),
            ]
        );
    }

    #[test]
    fn bad_arguments_say_what_to_change() {
        let spec = spec();
        let fail = |words: &[&str]| {
            prepare(&spec, "DescribeScalingGroups", &args(words), None)
                .err()
                .unwrap()
        };
        assert_eq!(
            fail(&["--PageSize", "10"]),
            "`DescribeScalingGroups` needs --RegionId"
        );
        assert!(fail(&["--RegionId", "r", "--PageSise", "1"]).contains("did you mean `PageSize`?"));
        assert!(fail(&["--RegionId", "r", "--PageSize", "x"]).contains("not an integer"));
        assert!(fail(&["--RegionId", "r", "--PageSize", "51"]).contains("at most 50"));
        assert!(fail(&["--RegionId", "r", "--Tag.0.Key", "k"]).contains("item's number"));
        assert!(fail(&["--RegionId", "r", "--Tag.100000000000.Key", "k"]).contains("1 to 1000"));
        assert!(fail(&["--RegionId", "r", "--Tag.1.Kee", "k"]).contains("did you mean `Key`?"));
        // The limits inside a list's items and a map's values, as a
        // generated request checks them.
        assert_eq!(
            fail(&["--RegionId", "r", "--Tag.1.Key", "k", "--Tag.2.Key", "far-too-long"]),
            "DescribeScalingGroups: parameter Tag: item 2: Key: a text of 12 characters is longer than the 8 allowed"
        );
        let fail_line = |line: &str| fail(&line.split(' ').collect::<Vec<_>>());
        assert!(
            fail_line("--RegionId r --Tag.1.Scopes.1 a --Tag.1.Scopes.2 c")
                .contains("parameter Tag: item 1: Scopes: item 2: ")
        );
        assert!(
            fail_line("--RegionId r --Tag.1.Scopes.1 a --Tag.1.Scopes.2 b --Tag.1.Scopes.3 a")
                .contains("parameter Tag: item 1: Scopes: 3 items, more than the 2 allowed")
        );
        assert!(fail(&["--RegionId", "r", "--Labels.x", "10"]).contains("parameter Labels: x: "));
        // The fields of a structured value given as JSON are the spec's.
        assert_eq!(
            fail(&["--RegionId", "r", "--Overrides", r#"{"Cpuu": 2}"#]),
            "--Overrides: no field `Cpuu`; did you mean `Cpu`?"
        );
        assert!(fail(&[
            "--RegionId",
            "r",
            "--Tag.1",
            r#"{"Key": "k", "Scope": ["a"]}"#
        ])
        .contains("no field `Scope`"));
        assert!(prepare(
            &spec,
            "DescribeScalingGroups",
            &args(&[
                "--RegionId",
                "r",
                "--Tag.3.Scopes.2",
                "b",
                "--Labels.y",
                "9"
            ]),
            None
        )
        .is_ok());
        assert!(prepare(&spec, "DescribeScalingGroup", &[], None)
            .err()
            .unwrap()
            .contains("did you mean"));
        assert!(arguments(&words(&["RegionId"]), &[]).is_err());
        assert!(arguments(&words(&["--RegionId"]), &[]).is_err());
    }

    #[test]
    fn the_commands_options_stand_anywhere_and_the_region_fills_region_id() {
        let own = [("region", true), ("json", false)];
        let line = arguments(
            &words(&[
                "--PageSize",
                "10",
                "--json",
                "--region=cn-beijing",
                "--Tag.1.Key",
                "k",
            ]),
            &own,
        )
        .unwrap();
        assert_eq!(
            line.options,
            [
                ("json".to_owned(), None),
                ("region".to_owned(), Some("cn-beijing".to_owned()))
            ]
        );
        assert_eq!(
            line.parameters,
            [
                ("PageSize".to_owned(), "10".to_owned()),
                ("Tag.1.Key".to_owned(), "k".to_owned())
            ]
        );
        assert_eq!(
            arguments(&words(&["--json=yes"]), &own).unwrap_err(),
            "--json takes no value"
        );
        assert_eq!(
            arguments(&words(&["--region"]), &own).unwrap_err(),
            "--region has no value"
        );
        let spec = spec();
        let query = |given: &[&str], region| {
            let prepared = prepare(&spec, "DescribeScalingGroups", &args(given), region).unwrap();
            prepared
                .encoded()
                .query
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            query(&["--PageSize", "1"], Some("cn-beijing")),
            ["RegionId=cn-beijing", "PageSize=1"]
        );
        // A RegionId given wins over the region.
        assert_eq!(
            query(&["--RegionId", "cn-shanghai"], Some("cn-beijing")),
            ["RegionId=cn-shanghai"]
        );
    }
}
