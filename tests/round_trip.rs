//! A property test: values drawn from each operation's response tree, as
//! the spec describes it, decode from JSON, and each decoded value written
//! as XML and as JSON reads back as itself.

use ess_codegen::model::{IntegerFormat, Node, Object, Response, Shape};
use ess_codegen::{SourceText, Spec};
use ess_runtime::{decode_operation, Operation};
use ess_spec::ess;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value};

fn spec() -> &'static Spec {
    static SPEC: std::sync::OnceLock<Spec> = std::sync::OnceLock::new();
    SPEC.get_or_init(|| {
        Spec::parse(SourceText {
            origin: "spec/ess.json".into(),
            text: ess_spec::ESS_JSON.into(),
        })
        .unwrap()
    })
}

/// Text with what XML and JSON treat specially: markup characters, quotes,
/// backslashes, white space inside and around, tabs, line feeds, carriage
/// returns, NUL and other control characters, a noncharacter, Chinese, emoji.
fn text() -> BoxedStrategy<String> {
    proptest::string::string_regex("[ a-zA-Z0-9<>&\"'/\\\\\\t\\n\\r\\u{0}\\u{1}\\u{1f}\\u{FFFE}*#.:=-]{0,10}|[\\u{4e00}-\\u{9fa5}\\u{1F600}]{1,3}| [a-z]+ ")
        .unwrap()
        .boxed()
}

/// A free-form value that reads back the same from XML: text, or an
/// object of such values.
fn any_value() -> BoxedStrategy<Value> {
    let leaf = text()
        .prop_filter("XML cannot tell an empty text from no text", |t| {
            !t.trim().is_empty()
        })
        .prop_map(Value::from);
    leaf.prop_recursive(2, 6, 3, |inner| {
        prop::collection::btree_map("[A-Z][a-z]{0,4}", inner, 1..3)
            .prop_map(|members| Value::Object(members.into_iter().collect()))
    })
    .boxed()
}

fn node(node: &Node) -> BoxedStrategy<Value> {
    match &node.shape {
        Shape::Any => any_value(),
        Shape::Binary => text().prop_map(Value::from).boxed(),
        Shape::Ref(reference) => {
            self::object(&spec().component(&reference.component).unwrap().object)
        }
        Shape::Map { values } => {
            prop::collection::btree_map("[a-z][a-z0-9]{0,5}", self::node(values), 0..3)
                .prop_map(|members| Value::Object(members.into_iter().collect()))
                .boxed()
        }
        Shape::String => text().prop_map(Value::from).boxed(),
        Shape::Integer(IntegerFormat::Int32) => any::<i32>().prop_map(Value::from).boxed(),
        Shape::Integer(IntegerFormat::Int64) => any::<i64>().prop_map(Value::from).boxed(),
        Shape::Number => prop_oneof![
            (-1.0e6..1.0e6f64).prop_map(Value::from),
            prop::num::f64::NORMAL.prop_map(Value::from),
            Just(Value::from(0.025)),
        ]
        .boxed(),
        Shape::Boolean => any::<bool>().prop_map(Value::from).boxed(),
        Shape::Object(object) => self::object(object),
        Shape::Array { wrapper, items } => {
            let list = prop::collection::vec(self::node(items), 0..3).prop_map(Value::Array);
            match wrapper.clone() {
                None => list.boxed(),
                Some(item) => list
                    .prop_map(move |items| Value::Object(Map::from_iter([(item.clone(), items)])))
                    .boxed(),
            }
        }
    }
}

/// Each property present or not (a required one always).
fn object(object: &Object) -> BoxedStrategy<Value> {
    let properties: Vec<BoxedStrategy<Option<(String, Value)>>> = object
        .properties
        .iter()
        .map(|property| {
            let name = property.name.clone();
            let value = node(&property.node).prop_map(move |v| (name.clone(), v));
            if property.required {
                value.prop_map(Some).boxed()
            } else {
                proptest::option::weighted(0.7, value).boxed()
            }
        })
        .collect();
    properties
        .prop_map(|members| Value::Object(members.into_iter().flatten().collect()))
        .boxed()
}

fn response<O: Operation>() -> &'static Response {
    spec().response(O::NAME).unwrap()
}

macro_rules! each_operation {
    (; $($op:ident),* $(,)?) => {{
        let mut failures: Vec<String> = Vec::new();
        $( failures.extend(check::<ess::$op>()); )*
        failures
    }};
}

/// 24 drawn values per operation, each decoded and round-tripped.
fn check<O: Operation>() -> Option<String> {
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&node(&response::<O>().body), |json| {
        let text = json.to_string();
        let decoded = decode_operation::<O>(200, Some("application/json"), text.as_bytes())
            .map_err(|e| {
                TestCaseError::fail(format!(
                    "{}: a drawn value does not decode: {e}\n{text}",
                    O::NAME
                ))
            })?;
        ess_tests::round_trip::<O>(&decoded.body, ess_tests::fidelity(spec(), O::NAME))
            .map_err(TestCaseError::fail)?;
        Ok(())
    });
    result.err().map(|e| e.to_string())
}

#[test]
fn drawn_values_round_trip_through_both_formats() {
    let failures = ess_tests::ess_operations!(each_operation);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
