//! The request of one operation, in its module `request`: the struct
//! `{Op}Request` with a field per parameter, its constructor (the required
//! parameters) and setters (the others), the parameters as data for the
//! runtime's one encoder, and the structs of nested parameters.
//!
//! Written as source text, like the response types.

use std::fmt::Write as _;

use super::text::{push_code_span, push_str_literal};
use super::types::{
    push_descriptions, push_doc, push_limits, push_nested, push_param_debug, rust_type, Uses,
};
use crate::model::{Location, Node, ParameterStyle, Property, Request, Shape, Wire};

/// Writes the request of operation `op` (with no parameters when the spec
/// has none for it).
pub(super) fn push_request(out: &mut String, op: &str, request: Option<&Request>) {
    let name = format!("{op}Request");
    let (properties, wire, path): (&[Property], &[Wire], &str) = match request {
        Some(r) => (
            &r.parameters.properties,
            &r.wire,
            r.path.as_deref().unwrap_or("/"),
        ),
        None => (&[], &[], "/"),
    };
    let required: Vec<&Property> = properties.iter().filter(|p| p.required).collect();
    push_doc(
        out,
        &format!(
            " The parameters of a `{op}` request: build it with [`{name}::new`], which takes \
             the required ones, then set the others."
        ),
    );
    // `Debug` is written below: it hides the secrets.
    out.push_str("#[derive(::core::clone::Clone, ::core::cmp::PartialEq");
    // A request with a required parameter has no `Default`: it could be
    // sent without it.
    if required.is_empty() {
        out.push_str(", ::core::default::Default");
    }
    let _ = writeln!(out, ")]\npub struct {name} {{");
    for (property, wire) in properties.iter().zip(wire) {
        push_doc(out, &field_doc(property, wire));
        let _ = writeln!(
            out,
            "pub {}: {},",
            property.field.rust,
            rust_type(&property.node, property.required)
        );
    }
    out.push_str("}\n");
    push_param_debug(out, &name, properties);

    // The constructor and the setters.
    let _ = write!(
        out,
        "impl {name} {{ #[doc = \" A request with the required parameters"
    );
    for property in &required {
        out.push_str(", `");
        out.push_str(&doc_text(&property.name));
        out.push('`');
    }
    out.push_str(".\"] #[inline] pub fn new(");
    for property in &required {
        let (ty, _) = argument(&property.node);
        let _ = write!(out, "{}: {ty}, ", property.field.rust);
    }
    out.push_str(") -> Self { Self {");
    for property in properties {
        let field = &property.field.rust;
        if property.required {
            let (_, value) = argument(&property.node);
            let _ = write!(out, " {field}: {},", value.replace('#', field));
        } else {
            let _ = write!(out, " {field}: ::core::default::Default::default(),");
        }
    }
    out.push_str(" } }\n");
    for property in properties.iter().filter(|p| !p.required) {
        let field = &property.field.rust;
        // A setter named like the constructor would not compile.
        let setter = if field == "new" { "with_new" } else { field };
        let (ty, value) = argument(&property.node);
        let value = value.replace('#', "value");
        let value = match rust_type(&property.node, false).starts_with("::core::option::Option<") {
            true => format!("::core::option::Option::Some({value})"),
            false => value,
        };
        let _ = writeln!(
            out,
            "#[doc = \" Sets `{}`.\"] #[inline] pub fn {setter}(mut self, value: {ty}) -> Self {{ self.{field} = {value}; self }}",
            doc_text(&property.name)
        );
    }
    out.push_str("}\n");

    // The parameters as data, and the encoder's call.
    let _ = write!(
        out,
        "#[automatically_derived] impl __rt::Request for {name} {{ type Operation = super::super::{op}; const PARAMETERS: &'static [__rt::Parameter] = &["
    );
    // In the order of their names, which is mostly the order the
    // signature sorts them in (not for `Tag.10` after `Tag.2`): the client
    // then merges in one pass, and sorts only what is out of order.
    let mut order: Vec<usize> = (0..properties.len()).collect();
    order.sort_by(|&a, &b| properties[a].name.cmp(&properties[b].name));
    for &i in &order {
        push_parameter(out, &properties[i], &wire[i]);
        out.push(',');
    }
    out.push_str("]; #[inline] fn encode(&self) -> ::core::result::Result<__rt::Encoded, __rt::RequestError> { __rt::encode(");
    push_str_literal(out, op);
    out.push_str(", ");
    push_str_literal(out, path);
    out.push_str(", Self::PARAMETERS, &[");
    for &i in &order {
        let _ = write!(out, "&self.{},", properties[i].field.rust);
    }
    out.push_str("]) }");
    push_turn_page(out, properties);
    out.push_str(" }\n");
    for property in properties {
        push_nested(
            out,
            &property.node,
            &format!("{op}.{}", property.name),
            Uses::REQUEST,
        );
    }
}

/// A vendor's name inside a doc string literal written by hand.
fn doc_text(name: &str) -> String {
    name.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `turn_page` for a request with a `PageNumber` (integer) or `NextToken`
/// (string) parameter.
fn push_turn_page(out: &mut String, properties: &[Property]) {
    let find = |name: &str| properties.iter().find(|p| p.name == name);
    let mut arms = String::new();
    if let Some(number) = find("PageNumber") {
        let field = &number.field.rust;
        let value = match number.node.shape {
            Shape::Integer(crate::model::IntegerFormat::Int32) => {
                "match i32::try_from(*n) { ::core::result::Result::Ok(n) => n, ::core::result::Result::Err(_) => return false }"
            }
            Shape::Integer(_) => "*n",
            _ => "",
        };
        if !value.is_empty() {
            let value = if number.required {
                value.to_owned()
            } else {
                format!("::core::option::Option::Some({value})")
            };
            let _ = write!(
                arms,
                " __rt::NextPage::Number(n) => self.{field} = {value},"
            );
        }
    }
    if let Some(token) = find("NextToken").filter(|t| t.node.shape == Shape::String) {
        let field = &token.field.rust;
        let value = if token.required {
            "t.clone()"
        } else {
            "::core::option::Option::Some(t.clone())"
        };
        let _ = write!(arms, " __rt::NextPage::Token(t) => self.{field} = {value},");
    }
    if arms.is_empty() {
        return;
    }
    let _ = write!(
        out,
        " #[inline] fn turn_page(&mut self, next: &__rt::NextPage) -> bool {{ #[allow(unreachable_patterns)] match next {{{arms} _ => return false, }} true }}"
    );
}

/// The argument type of a constructor or setter for `node`, and the
/// expression (`#` is the argument) that makes the field's value of it:
/// text and lists take anything that converts.
fn argument(node: &Node) -> (String, &'static str) {
    match &node.shape {
        Shape::String => (
            "impl ::core::convert::Into<::std::string::String>".to_owned(),
            "#.into()",
        ),
        Shape::Array { items, .. } => (
            format!(
                "impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<{}>>",
                rust_type(items, true)
            ),
            "#.into_iter().map(::core::convert::Into::into).collect()",
        ),
        Shape::Any => (
            "impl ::core::convert::Into<__rt::Value>".to_owned(),
            "#.into()",
        ),
        _ => (rust_type(node, true), "#"),
    }
}

/// One `__rt::Parameter`: name and location, then its style and limits
/// where they are not the defaults.
fn push_parameter(out: &mut String, property: &Property, wire: &Wire) {
    let name = &property.name;
    let location = match wire.location {
        Location::Query => "Query",
        Location::FormData => "Form",
        Location::Path => "Path",
        Location::Header => "Header",
        Location::Body => "Body",
        Location::Host => "Host",
    };
    out.push_str("__rt::Parameter::new(");
    push_str_literal(out, name);
    let _ = write!(out, ", __rt::Location::{location})");
    let style = match wire.style {
        ParameterStyle::Plain | ParameterStyle::RepeatList | ParameterStyle::Flat => None,
        ParameterStyle::Json => Some("Json"),
        ParameterStyle::Simple => Some("Simple"),
        ParameterStyle::Xml => Some("Xml"),
    };
    if let Some(style) = style {
        let _ = write!(out, ".style(__rt::Style::{style})");
    }
    if !property.limits.is_empty() {
        out.push_str(".limits(");
        push_limits(out, &property.limits);
        out.push(')');
    }
}

/// A parameter's docs: its descriptions, then its name, where it goes,
/// whether it is required, and the example.
fn field_doc(property: &Property, wire: &Wire) -> String {
    let mut doc = String::new();
    push_descriptions(&mut doc, &property.node.description);
    doc.push(' ');
    push_code_span(&mut doc, &property.name);
    doc.push_str(match wire.location {
        Location::Query => ", in the query",
        Location::FormData => ", in the form body",
        Location::Path => ", in the path",
        Location::Header => ", a header",
        Location::Body => ", the body",
        Location::Host => ", in the host",
    });
    if let Some(style) = wire.style.name() {
        let _ = write!(doc, " (style `{style}`)");
    }
    if property.required {
        doc.push_str("; required");
    }
    if let Some(example) = property.node.example.as_deref().filter(|e| !e.is_empty()) {
        doc.push_str("; for example ");
        push_code_span(&mut doc, example);
    }
    doc.push('.');
    doc
}
