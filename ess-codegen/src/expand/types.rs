//! The response types of one operation, and the components the service's
//! operations share: a struct per object of a tree, with its docs, its
//! fields, and the impls that read and write it (`Record`, `Deserialize`,
//! `Serialize`). A body of another shape is a type alias, `{Op}Response`.
//!
//! Written as source text, like the code tables (see the module above), and
//! calling `__rt`, the module's alias of the runtime's `__private`.

use std::fmt::Write as _;

use super::text::{push_code_span, push_markdown_text, push_str_literal};
use crate::model::{
    Component, IntegerFormat, Limit, Limits, Node, Object, Property, Response, Shape,
};
use crate::naming;

/// Where the components are, from an operation's module (which names them
/// `components` too), its `request` module, and their own.
const COMPONENTS: &str = "super::components";

/// What a struct is for, and so which impls it has.
#[derive(Clone, Copy)]
pub(super) struct Uses {
    /// Read from and written to responses: `Record`, `Deserialize`,
    /// `Serialize`.
    pub(super) response: bool,
    /// Sent in requests: `Param`.
    pub(super) request: bool,
}

impl Uses {
    const RESPONSE: Uses = Uses {
        response: true,
        request: false,
    };
    /// A component: in responses, and in requests that refer to it.
    const BOTH: Uses = Uses {
        response: true,
        request: true,
    };
    pub(super) const REQUEST: Uses = Uses {
        response: false,
        request: true,
    };
}

/// Writes the types of `response`, the body first.
pub(super) fn push_types(out: &mut String, response: &Response) {
    let op = &response.operation;
    let mut doc = String::new();
    push_descriptions(&mut doc, &response.description);
    let _ = write!(doc, " The body of a `{op}` response.");
    match &response.body.shape {
        Shape::Object(object) => push_object(out, object, op, &doc, Uses::RESPONSE),
        _ => {
            push_doc(out, &doc);
            let _ = writeln!(
                out,
                "pub type {op}Response = {};",
                rust_type(&response.body, true)
            );
            push_nested(out, &response.body, op, Uses::RESPONSE);
        }
    }
}

/// Writes the struct of `component`, and the structs of its fields.
pub(super) fn push_component(out: &mut String, component: &Component) {
    let mut doc = String::new();
    push_descriptions(&mut doc, &component.description);
    let _ = write!(
        doc,
        " `{}`, shared by the service's operations.",
        component.name
    );
    push_object(out, &component.object, &component.name, &doc, Uses::BOTH);
}

/// How the runtime reads the body: an operation's `Body`, in its module.
pub(super) fn body_kind(response: &Response) -> String {
    let body = &response.body;
    match &body.shape {
        Shape::Object(object) => format!("__rt::NestedRequired<{}>", object.type_name.rust),
        Shape::Ref(reference) => format!("__rt::NestedRequired<{COMPONENTS}::{}>", reference.rust),
        Shape::Array { items, .. } => format!("__rt::Bare<{}>", item_kind(items)),
        Shape::Binary => "__rt::Binary".to_owned(),
        Shape::String => "__rt::TextBody".to_owned(),
        _ => item_kind(body),
    }
}

/// One struct, then the structs of its fields. `path` is where it is in the
/// response, for error messages.
pub(super) fn push_object(out: &mut String, object: &Object, path: &str, doc: &str, uses: Uses) {
    let name = &object.type_name.rust;
    push_doc(out, doc);
    // A struct sent in requests has a `Debug` that hides its secrets.
    out.push_str(if uses.request {
        "#[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]\n"
    } else {
        "#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]\n"
    });
    let _ = writeln!(out, "pub struct {name} {{");
    for property in &object.properties {
        push_doc(out, &field_doc(&property.node, &property.name, uses));
        let ty = rust_type(&property.node, property.required);
        let _ = writeln!(out, "pub {}: {ty},", property.field.rust);
    }
    out.push_str("}\n");
    if uses.request {
        push_param_debug(out, name, &object.properties);
        push_param(out, object);
    }
    if uses.response {
        push_record(out, object, path);
    }
    for property in &object.properties {
        let path = match &property.node.shape {
            Shape::Array {
                wrapper: Some(item),
                ..
            } => format!("{path}.{}.{item}", property.name),
            _ => format!("{path}.{}", property.name),
        };
        push_nested(out, &property.node, &path, uses);
    }
}

/// `Debug` of a struct sent in requests, `name`, through the runtime's
/// `debug_params`, which hides the values of secrets (a password) by their
/// vendor's names.
pub(super) fn push_param_debug(out: &mut String, name: &str, properties: &[Property]) {
    let _ = write!(
        out,
        "#[automatically_derived] impl ::core::fmt::Debug for {name} {{ #[inline] fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{ __rt::debug_params(f, "
    );
    push_str_literal(out, name);
    out.push_str(", &[");
    for property in properties {
        let field = naming::bare_identifier(&property.field.rust);
        let _ = write!(out, "(\"{field}\", ");
        push_str_literal(out, &property.name);
        let _ = write!(out, ", &self.{}),", property.field.rust);
    }
    out.push_str("]) } }\n");
}

/// `Param`: the fields by the vendor's names, for the runtime's one
/// encoder.
fn push_param(out: &mut String, object: &Object) {
    let _ = write!(
        out,
        "#[automatically_derived] impl __rt::Param for {} {{ #[inline] fn write(&self, sink: &mut dyn __rt::Sink) {{ __rt::write_object(sink, &[",
        object.type_name.rust
    );
    for property in &object.properties {
        out.push('(');
        push_str_literal(out, &property.name);
        let _ = write!(out, ", &self.{}),", property.field.rust);
    }
    out.push_str("]) }");
    // The fields with limits, and those holding some further down.
    let checked: Vec<&Property> = object
        .properties
        .iter()
        .filter(|p| !p.limits.is_empty() || holds_limits(&p.node))
        .collect();
    if !checked.is_empty() {
        out.push_str(" #[inline] fn check(&self, _: &__rt::Limits) -> ::core::result::Result<(), __rt::Invalid> { __rt::check_object(&[");
        for property in checked {
            out.push('(');
            push_str_literal(out, &property.name);
            let _ = write!(out, ", &self.{}, &", property.field.rust);
            push_limits(out, &property.limits);
            out.push_str("),");
        }
        out.push_str("]) }");
    }
    out.push_str(" }\n");
}

/// Whether a value holds a property with limits, at any depth: its check
/// has something to do.
fn holds_limits(node: &Node) -> bool {
    match &node.shape {
        Shape::Object(object) => object
            .properties
            .iter()
            .any(|p| !p.limits.is_empty() || holds_limits(&p.node)),
        Shape::Array { items, .. } => holds_limits(items),
        Shape::Map { values } => holds_limits(values),
        _ => false,
    }
}

/// The response impls: `Record` (the struct's table, which the runtime's
/// one reader and writer interpret), and `Deserialize` and `Serialize`
/// over them.
fn push_record(out: &mut String, object: &Object, path: &str) {
    let name = &object.type_name.rust;
    let _ = write!(
        out,
        "#[automatically_derived] #[allow(unsafe_code)] \
         // SAFETY: each offset is `offset_of!` of the field whose type its kind names.\n\
         unsafe impl __rt::Record for {name} {{ \
         const DESC: &'static __rt::RecordDesc = &__rt::RecordDesc {{ path: "
    );
    push_str_literal(out, path);
    out.push_str(", fields: &[");
    for property in &object.properties {
        match &property.node.shape {
            Shape::Array {
                wrapper: Some(item),
                ..
            } => {
                out.push_str("__rt::FieldDesc::wrapped(");
                push_str_literal(out, &property.name);
                out.push_str(", ");
                push_str_literal(out, item);
            }
            _ => {
                out.push_str("__rt::FieldDesc::new(");
                push_str_literal(out, &property.name);
            }
        }
        let _ = write!(
            out,
            ", ::core::mem::offset_of!(Self, {}), {}),",
            property.field.rust,
            shape(&property.node, property.required),
        );
    }
    out.push_str("], lookup: ");
    let names: Vec<&str> = object.properties.iter().map(|p| p.name.as_str()).collect();
    push_lookup(out, &names);
    out.push_str(", required: &[");
    for (i, property) in object.properties.iter().enumerate() {
        if property.required {
            let _ = write!(out, "{i},");
        }
    }
    out.push_str("], envelope: ");
    push_envelope(out, object);
    let _ = writeln!(
        out,
        " }}; }}\n\
         #[automatically_derived] impl<'de> __rt::serde::Deserialize<'de> for {name} {{ \
         #[inline] fn deserialize<D: __rt::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {{ \
         __rt::deserialize_record(deserializer) }} }}\n\
         #[automatically_derived] impl __rt::serde::Serialize for {name} {{ \
         #[inline] fn serialize<S: __rt::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {{ \
         __rt::serialize_record(self, serializer) }} }}"
    );
}

/// The struct of the object `node` holds (itself, a list's items, a map's
/// values), if any: `path` is where `node` is.
pub(super) fn push_nested(out: &mut String, node: &Node, path: &str, uses: Uses) {
    match &node.shape {
        Shape::Object(object) => {
            let mut doc = String::new();
            push_descriptions(&mut doc, &node.description);
            let _ = write!(doc, " `{path}`.");
            push_object(out, object, path, &doc, uses);
        }
        Shape::Array { items, .. } => push_nested(out, items, path, uses),
        Shape::Map { values } => push_nested(out, values, path, uses),
        _ => {}
    }
}

/// The perfect hash of a record's field names, as an `ess_phf::Table`
/// literal. The names are distinct (validation checks them), and a seed is
/// always found in practice; were none, the build stops here and says so.
fn push_lookup(out: &mut String, names: &[&str]) {
    let table = match ess_phf::build(names) {
        Ok(table) => table,
        Err(e) => {
            let _ = write!(
                out,
                "::core::compile_error!(\"ess: no lookup table for the fields {} ({e:?}); please report it\")",
                names.join(", ")
            );
            return;
        }
    };
    let key_hash = match table.key_hash {
        ess_phf::KeyHash::Sampled => "Sampled",
        ess_phf::KeyHash::Whole => "Whole",
    };
    let _ = write!(
        out,
        "__rt::Table {{ seed: {}, key_hash: __rt::KeyHash::{key_hash}, displacements: &{:?}, slots: &{:?} }}",
        table.seed, table.displacements, table.slots
    );
}

/// The fields that say something of a whole body, by index: a
/// `RequestId`; a `Success` flag beside a `Code` (a failure reported with a
/// success status) and its message; the page (`TotalCount`, `PageNumber`
/// and `PageSize` together, or `NextToken`).
fn push_envelope(out: &mut String, object: &Object) {
    let find = |names: &[&str], shape: &dyn Fn(&Shape) -> bool| {
        object
            .properties
            .iter()
            .position(|p| names.contains(&p.name.as_str()) && shape(&p.node.shape))
    };
    let string = |names: &[&str]| find(names, &|shape| *shape == Shape::String);
    let integer = |name: &str| find(&[name], &|shape| matches!(shape, Shape::Integer(_)));
    let mut fields: Vec<(&str, usize)> = Vec::new();
    if let Some(i) = string(&naming::REQUEST_ID_KEYS) {
        fields.push(("request_id", i));
    }
    let success = find(&naming::SUCCESS_KEYS, &|shape| *shape == Shape::Boolean);
    if let (Some(success), Some(code)) = (success, string(&naming::CODE_KEYS)) {
        fields.push(("success", success));
        fields.push(("code", code));
        if let Some(message) = string(&naming::MESSAGE_KEYS) {
            fields.push(("message", message));
        }
    }
    let numbers = [
        ("total_count", integer("TotalCount")),
        ("page_number", integer("PageNumber")),
        ("page_size", integer("PageSize")),
    ];
    let token = string(&["NextToken"]);
    if token.is_some() || numbers.iter().all(|(_, index)| index.is_some()) {
        for (field, index) in numbers {
            fields.extend(index.map(|index| (field, index)));
        }
        fields.extend(token.map(|index| ("next_token", index)));
    }
    if fields.is_empty() {
        out.push_str("__rt::EnvelopeFields::NONE");
        return;
    }
    out.push_str("__rt::EnvelopeFields {");
    for (field, index) in fields {
        let _ = write!(out, " {field}: {index},");
    }
    out.push_str(" ..__rt::EnvelopeFields::NONE }");
}

/// The field's Rust type.
pub(super) fn rust_type(node: &Node, required: bool) -> String {
    let optional = |ty: String| {
        if required {
            ty
        } else {
            format!("::core::option::Option<{ty}>")
        }
    };
    match &node.shape {
        Shape::Array { items, .. } => format!("::std::vec::Vec<{}>", rust_type(items, true)),
        Shape::Map { values } => format!(
            "::std::collections::BTreeMap<::std::string::String, {}>",
            rust_type(values, true)
        ),
        Shape::Any => "__rt::Value".to_owned(),
        Shape::Binary => "::std::vec::Vec<u8>".to_owned(),
        Shape::Object(object) => optional(object.type_name.rust.clone()),
        Shape::Ref(reference) if reference.boxed => optional(format!(
            "::std::boxed::Box<{COMPONENTS}::{}>",
            reference.rust
        )),
        Shape::Ref(reference) => optional(format!("{COMPONENTS}::{}", reference.rust)),
        Shape::Integer(IntegerFormat::Int32) => optional("i32".to_owned()),
        Shape::Integer(IntegerFormat::Int64) => optional("i64".to_owned()),
        Shape::Number => optional("f64".to_owned()),
        Shape::Boolean => optional("bool".to_owned()),
        Shape::String => optional("::std::string::String".to_owned()),
    }
}

/// The field's shape, as the runtime's table reads it: a scalar's by its
/// short name (`__rt::scalar::OPT_STRING`), any other through its kind.
fn shape(node: &Node, required: bool) -> String {
    let scalar = match (&node.shape, required) {
        (Shape::Integer(IntegerFormat::Int32), true) => "I32_",
        (Shape::Integer(IntegerFormat::Int32), false) => "OPT_I32",
        (Shape::Integer(IntegerFormat::Int64), true) => "I64_",
        (Shape::Integer(IntegerFormat::Int64), false) => "OPT_I64",
        (Shape::Number, true) => "F64_",
        (Shape::Number, false) => "OPT_F64",
        (Shape::Boolean, true) => "BOOL",
        (Shape::Boolean, false) => "OPT_BOOL",
        (Shape::String, true) => "STRING",
        (Shape::String, false) => "OPT_STRING",
        _ => return format!("<{} as __rt::Kind>::SHAPE", kind(node, required)),
    };
    format!("__rt::scalar::{scalar}")
}

/// The field's kind: how the runtime reads and writes it.
fn kind(node: &Node, required: bool) -> String {
    let record = |rust: String| {
        if required {
            format!("__rt::NestedRequired<{rust}>")
        } else {
            format!("__rt::Nested<{rust}>")
        }
    };
    match &node.shape {
        Shape::Object(object) => record(object.type_name.rust.clone()),
        Shape::Ref(reference) if reference.boxed => record(format!(
            "::std::boxed::Box<{COMPONENTS}::{}>",
            reference.rust
        )),
        Shape::Ref(reference) => record(format!("{COMPONENTS}::{}", reference.rust)),
        Shape::Array { wrapper, items } => {
            let list = if wrapper.is_some() { "Wrapped" } else { "Bare" };
            format!("__rt::{list}<{}>", item_kind(items))
        }
        Shape::Map { values } => format!("__rt::Map<{}>", item_kind(values)),
        Shape::Any => "__rt::Dynamic".to_owned(),
        _ => scalar_kind(&node.shape, required),
    }
}

/// A scalar's kind: one of the runtime's short names for them
/// (`__rt::scalar::OptString` is `Scalar<Option<String>>`), which keep the
/// generated text, and the time to read it, small.
fn scalar_kind(shape: &Shape, required: bool) -> String {
    let ty = match shape {
        Shape::Integer(IntegerFormat::Int32) => "I32",
        Shape::Integer(IntegerFormat::Int64) => "I64",
        Shape::Number => "F64",
        Shape::Boolean => "Bool",
        _ => "String",
    };
    let option = if required { "" } else { "Opt" };
    format!("__rt::scalar::{option}{ty}")
}

/// The kind of a list's item or a map's value.
fn item_kind(node: &Node) -> String {
    match &node.shape {
        Shape::Object(object) => format!("__rt::Nested<{}>", object.type_name.rust),
        Shape::Ref(reference) => format!("__rt::Nested<{COMPONENTS}::{}>", reference.rust),
        Shape::Array { items, .. } => format!("__rt::List<{}>", item_kind(items)),
        Shape::Map { values } => format!("__rt::Map<{}>", item_kind(values)),
        Shape::Any => "__rt::Dynamic".to_owned(),
        _ => scalar_kind(&node.shape, true),
    }
}

/// The field's docs: its descriptions, then the vendor's name and the
/// example.
fn field_doc(node: &Node, name: &str, uses: Uses) -> String {
    let mut doc = String::new();
    push_descriptions(&mut doc, &node.description);
    doc.push(' ');
    push_code_span(&mut doc, name);
    doc.push_str(if uses.response {
        " in both formats"
    } else {
        " on the wire"
    });
    if let Some(example) = node.example.as_deref().filter(|e| !e.is_empty()) {
        doc.push_str("; for example ");
        push_code_span(&mut doc, example);
    }
    doc.push('.');
    doc
}

/// Each description as its own paragraphs, the Chinese first as the
/// metadata gives it, then the English.
pub(super) fn push_descriptions(doc: &mut String, descriptions: &[(String, String)]) {
    for (_, text) in descriptions {
        for line in text.lines() {
            doc.push(' ');
            push_markdown_text(doc, line);
            doc.push('\n');
        }
        doc.push('\n');
    }
}

pub(super) fn push_doc(out: &mut String, doc: &str) {
    out.push_str("#[doc = ");
    push_str_literal(out, doc);
    out.push_str("]\n");
}

/// `limits` as a `__rt::Limits` expression.
pub(super) fn push_limits(out: &mut String, limits: &Limits) {
    out.push_str("__rt::Limits {");
    for (key, limit) in limits.set() {
        let value = match limit {
            // As an `f64` literal: `50` is `50.0`.
            Limit::Number(n) if !n.contains(['e', 'E', '.']) => {
                format!("::core::option::Option::Some({n}.0)")
            }
            Limit::Number(n) => format!("::core::option::Option::Some({n})"),
            Limit::Flag => "true".to_owned(),
            Limit::Count(n) => format!("::core::option::Option::Some({n})"),
        };
        let _ = write!(out, " {key}: {value},");
    }
    if !limits.values.is_empty() {
        out.push_str(" values: &[");
        for value in &limits.values {
            push_str_literal(out, value);
            out.push(',');
        }
        out.push_str("],");
    }
    out.push_str(" ..__rt::Limits::NONE }");
}
