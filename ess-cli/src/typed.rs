//! `ess decode --operation OP`: a decoded body read as the operation's
//! response types would read it, from the spec at run time.
//!
//! The value comes out as those types write it back in JSON: numbers and
//! booleans typed, a list that XML gave as one element a list of one, an
//! empty element of a list or an object empty. Scalars follow the runtime's
//! one rule for loose values (`ess_runtime::lenient`); a value that does not
//! fit is an error that names its place (`ScalingGroups.ScalingGroup[2].
//! TotalCount`).

use ess_codegen::model::{IntegerFormat, Node, Object, Shape, Spec};
use serde_json::{Map, Value};

/// No codes: `ess decode` and `ess serve` look codes up in the spec they
/// load at run time.
#[ess_runtime::error_enum(spec_json = r#"{ "errors": [] }"#)]
pub enum NoCodes {}

/// `value` read as `node`; `Err` names the place that does not fit and why.
pub fn typed(spec: &Spec, node: &Node, value: &Value) -> Result<Value, String> {
    read(spec, node, value, &mut String::new())
}

fn read(spec: &Spec, node: &Node, value: &Value, at: &mut String) -> Result<Value, String> {
    let fail = |at: &str, what: &str| {
        let place = if at.is_empty() { "the body" } else { at };
        Err(format!("{place}: {what}, not {}", describe(value)))
    };
    match &node.shape {
        Shape::Any | Shape::Binary => Ok(value.clone()),
        Shape::String => Ok(match value {
            Value::String(_) => value.clone(),
            Value::Null => Value::Null,
            Value::Number(n) => Value::String(n.to_string()),
            Value::Bool(b) => Value::String(b.to_string()),
            // The runtime keeps a list or an object given for a string as
            // its JSON text.
            other => Value::String(other.to_string()),
        }),
        Shape::Integer(IntegerFormat::Int32) => {
            scalar::<i32>(value).or_else(|_| fail(at, "an integer (int32)"))
        }
        Shape::Integer(IntegerFormat::Int64) => {
            scalar::<i64>(value).or_else(|_| fail(at, "an integer"))
        }
        Shape::Number => scalar::<f64>(value).or_else(|_| fail(at, "a number")),
        Shape::Boolean => scalar::<bool>(value).or_else(|_| fail(at, "a boolean")),
        Shape::Ref(reference) => match spec.component(&reference.component) {
            Some(component) => object(spec, &component.object, value, at),
            None => Ok(value.clone()),
        },
        Shape::Object(shape) => object(spec, shape, value, at),
        Shape::Map { values } => match value {
            Value::Object(members) => {
                let mut out = Map::new();
                for (key, member) in members {
                    let mark = enter(at, key);
                    out.insert(key.clone(), read(spec, values, member, at)?);
                    at.truncate(mark);
                }
                Ok(Value::Object(out))
            }
            Value::Null => Ok(Value::Null),
            Value::String(s) if s.is_empty() => Ok(Value::Object(Map::new())),
            _ => fail(at, "a map"),
        },
        Shape::Array { wrapper, items } => {
            let listed = match (wrapper, value) {
                (_, Value::Null) => return Ok(Value::Null),
                // An empty element: an empty list.
                (_, Value::String(s)) if s.is_empty() => Vec::new(),
                (Some(wrapper), Value::Object(members)) => match members.get(wrapper) {
                    Some(inner) => {
                        let mark = enter(at, wrapper);
                        let items = list(spec, items, inner, at)?;
                        at.truncate(mark);
                        let mut out = Map::new();
                        out.insert(wrapper.clone(), Value::Array(items));
                        return Ok(Value::Object(out));
                    }
                    None if members.is_empty() => Vec::new(),
                    // The vendor's XML writes a list of one without its
                    // item element at times: the wrapper holds the item.
                    None => list(spec, items, value, at)?,
                },
                (_, other) => list(spec, items, other, at)?,
            };
            Ok(match wrapper {
                Some(wrapper) => {
                    let mut out = Map::new();
                    out.insert(wrapper.clone(), Value::Array(listed));
                    Value::Object(out)
                }
                None => Value::Array(listed),
            })
        }
    }
}

/// A list's items; one value that is not a list is one item, as XML gives
/// a list of one.
fn list(spec: &Spec, items: &Node, value: &Value, at: &mut String) -> Result<Vec<Value>, String> {
    let one = std::slice::from_ref(value);
    let values = match value {
        Value::Array(values) => values.as_slice(),
        _ => one,
    };
    let mut out = Vec::with_capacity(values.len());
    for (i, item) in values.iter().enumerate() {
        let mark = at.len();
        at.push_str(&format!("[{}]", i + 1));
        out.push(read(spec, items, item, at)?);
        at.truncate(mark);
    }
    Ok(out)
}

fn object(spec: &Spec, shape: &Object, value: &Value, at: &mut String) -> Result<Value, String> {
    let empty = Map::new();
    let members = match value {
        Value::Object(members) => members,
        Value::Null => return Ok(Value::Null),
        Value::String(s) if s.is_empty() => &empty,
        _ => {
            let place = if at.is_empty() {
                "the body"
            } else {
                at.as_str()
            };
            return Err(format!("{place}: an object, not {}", describe(value)));
        }
    };
    let mut out = Map::new();
    for property in &shape.properties {
        let mark = enter(at, &property.name);
        match members.get(&property.name) {
            Some(member) => {
                out.insert(
                    property.name.clone(),
                    read(spec, &property.node, member, at)?,
                );
            }
            None if property.required => return Err(format!("{at}: missing, and required")),
            None => {}
        }
        at.truncate(mark);
    }
    Ok(Value::Object(out))
}

/// Adds `name` to the place; the length to cut back to.
fn enter(at: &mut String, name: &str) -> usize {
    let mark = at.len();
    if !at.is_empty() {
        at.push('.');
    }
    at.push_str(name);
    mark
}

/// A scalar by the runtime's rule for loose values, as JSON.
fn scalar<T>(value: &Value) -> Result<Value, ()>
where
    T: ess_runtime::lenient::Lenient + Into<Value>,
{
    let read: Option<T> = ess_runtime::lenient::deserialize(value).map_err(|_| ())?;
    Ok(read.map_or(Value::Null, Into::into))
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
