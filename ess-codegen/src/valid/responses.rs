//! The checks of `responses`: every node a known type with what that type
//! needs, every property a field, every object a struct name unique within
//! its operation.
//!
//! Names are resolved here too, since their clashes are problems: a field
//! is the property's snake_case unless the spec gives `field`; a struct is
//! named after its property, or its list's item, and a name that would be
//! taken twice in one operation joins its parents' names until it is unique.
//! Names the spec gives (`type_name`) must be unique as they are.

use std::collections::{HashMap, HashSet};

use super::Check;
use crate::ast::{self, Field, Spanned};
use crate::json::Span;
use crate::model::{Name, Node, NodeType, Object, Property, Response, Shape, TypeError};
use crate::naming;
use crate::suggest;

/// Names that a struct of an operation's module must not take: the module
/// holds the operation's error enum, and a struct named after a prelude
/// item would shadow it for whoever imports the module's types.
const RESERVED: [&str; 12] = [
    "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Self", "Default",
    "Sized",
];

/// At most this many required properties in one object: the decoder keeps
/// which it has seen in one `u64`.
const MAX_REQUIRED: usize = 64;

/// One struct of an operation while names are made unique.
struct Slot {
    /// The names of the struct and of its ancestors, the operation first.
    chain: Vec<String>,
    /// How many of the chain's last names the struct's name joins.
    joined: usize,
    /// A name that cannot change: the spec's `type_name`, or the body's
    /// `{Op}Response`.
    fixed: Option<String>,
    /// Where the object is: its key into the names.
    span: Span,
}

impl Slot {
    fn name(&self) -> String {
        match &self.fixed {
            Some(name) => name.clone(),
            None => self.chain[self.chain.len() - self.joined..].concat(),
        }
    }
}

impl Check<'_, '_> {
    /// Each operation's response, checked and named.
    pub(super) fn responses(&mut self, raw: &[ast::Response]) -> Vec<Response> {
        let mut responses: Vec<Response> = Vec::with_capacity(raw.len());
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for response in raw {
            let operation = &response.operation;
            if let Some(first) = seen.insert(&operation.value, operation.span) {
                let first = self.source.place(first);
                self.push(
                    operation.span,
                    format!(
                        "operation \"{}\" is given twice in \"responses\"",
                        operation.value
                    ),
                    Some(&format!("keep one of them (the other is at {first})")),
                );
                continue;
            }
            if let Err(why) = naming::check_variant_override(&operation.value) {
                self.push(
                    operation.span,
                    format!("operation \"{}\" cannot name a Rust type: {why}", operation.value),
                    Some("write the action as the vendor spells it, such as \"DescribeScalingGroups\""),
                );
                continue;
            }
            if let Some(response) = self.response(response) {
                responses.push(response);
            }
        }
        responses
    }

    fn response(&mut self, raw: &ast::Response) -> Option<Response> {
        let before = self.cx.len();
        let op = &raw.operation.value;
        let body = &raw.body;
        if let Some(kind) = body.kind.read().filter(|kind| kind.value != "object") {
            self.push(
                kind.span,
                format!(
                    "the response of \"{op}\" must be an object, not \"{}\"",
                    kind.value
                ),
                Some("a response body is an object: give it \"properties\""),
            );
        }
        // First every struct's name, then the checks that build the model.
        let root = Slot {
            chain: vec![op.clone()],
            joined: 1,
            fixed: Some(match body.type_name.read() {
                Some(name) => self.type_name_override(name)?,
                None => format!("{op}Response"),
            }),
            span: body.span,
        };
        let mut slots = vec![root];
        self.collect_structs(body, 0, &mut slots);
        let names = self.unique_names(op, &mut slots);
        let body_object = self.object(body, &names);
        let description = self.descriptions(&body.description);
        (self.cx.len() == before).then_some(Response {
            operation: op.clone(),
            description,
            body: body_object?,
        })
    }

    /// Adds a slot for each object below `node`, whose own slot is
    /// `parent`: a property's object is named after the property, a list's
    /// items after the wrapper's item name, or in the singular of a bare
    /// list's name.
    fn collect_structs(&mut self, node: &ast::Node, parent: usize, slots: &mut Vec<Slot>) {
        for property in node.properties.iter().flatten() {
            let mut value = &property.node;
            let mut base = property.name.value.clone();
            // Down through lists to what they hold.
            while is_kind(value, "array") {
                base = match value.wrapper.read() {
                    Some(item) => item.value.clone(),
                    None => naming::singular(&base),
                };
                let Some(items) = &value.items else { break };
                value = items;
            }
            if !is_kind(value, "object") {
                continue;
            }
            let fixed = match value.type_name.read() {
                Some(name) => match self.type_name_override(name) {
                    Some(name) => Some(name),
                    None => continue,
                },
                None => None,
            };
            let derived = match naming::type_name(&base) {
                Ok(name) => name,
                Err(_) if fixed.is_some() => String::new(),
                Err(why) => {
                    self.push(
                        property.name.span,
                        format!("\"{base}\" cannot become a Rust type name: {why}"),
                        Some("add \"type_name\": \"SomeName\" to its object"),
                    );
                    continue;
                }
            };
            let mut chain = slots[parent].chain.clone();
            // A child joins the name its parent has: the fixed one, if any.
            chain.push(fixed.clone().unwrap_or(derived));
            slots.push(Slot {
                chain,
                joined: 1,
                fixed,
                span: value.span,
            });
            let slot = slots.len() - 1;
            self.collect_structs(value, slot, slots);
        }
    }

    /// Makes every struct name of an operation unique: a derived name that
    /// would be taken twice (or is taken by a fixed one, or by what the
    /// module already holds) joins its parents' names until it is unique.
    /// The names, by where each object is.
    fn unique_names(&mut self, op: &str, slots: &mut [Slot]) -> HashMap<Span, String> {
        let reserved: HashSet<String> = RESERVED
            .iter()
            .map(|name| (*name).to_owned())
            .chain([format!("{op}Error")])
            .collect();
        let fixed: HashSet<String> = slots.iter().filter_map(|slot| slot.fixed.clone()).collect();
        loop {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for slot in slots.iter() {
                *counts.entry(slot.name()).or_default() += 1;
            }
            let mut changed = false;
            for slot in slots.iter_mut().filter(|slot| slot.fixed.is_none()) {
                let name = slot.name();
                let taken = counts[&name] > 1 || fixed.contains(&name) || reserved.contains(&name);
                if taken && slot.joined < slot.chain.len() {
                    slot.joined += 1;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut names: HashMap<Span, String> = HashMap::with_capacity(slots.len());
        let mut first_at: HashMap<String, Span> = HashMap::with_capacity(slots.len());
        for slot in slots.iter() {
            let name = slot.name();
            if reserved.contains(&name) {
                self.push(
                    slot.span,
                    format!("the struct `{name}` would be named like what the module of \"{op}\" already holds"),
                    Some("give this object a \"type_name\" of its own"),
                );
            } else if let Some(first) = first_at.insert(name.clone(), slot.span) {
                let first = self.source.place(first);
                self.push(
                    slot.span,
                    format!(
                        "two objects of \"{op}\" are both named `{name}` (the other is at {first})"
                    ),
                    Some("give one of them a \"type_name\" of its own"),
                );
            }
            names.insert(slot.span, name);
        }
        names
    }

    /// An object node: its properties, each a field, and its name.
    fn object(&mut self, node: &ast::Node, names: &HashMap<Span, String>) -> Option<Object> {
        let before = self.cx.len();
        let raw = node.properties.as_deref().unwrap_or_default();
        let mut properties = Vec::with_capacity(raw.len());
        let mut fields: HashMap<String, &Spanned<String>> = HashMap::new();
        let mut required = 0;
        for property in raw {
            let field = self.field(property);
            if let Some(field) = &field {
                if let Some(other) = fields.insert(field.rust.clone(), &property.name) {
                    let (first, here) = (
                        self.source.place(other.span),
                        self.source.place(property.name.span),
                    );
                    self.push(
                        property.name.span,
                        format!(
                            "properties \"{}\" ({first}) and \"{}\" ({here}) both become the field `{}`",
                            other.value, property.name.value, field.rust
                        ),
                        Some("add \"field\": \"some_name\" to one of the two properties"),
                    );
                }
            }
            let is_required = matches!(property.required, Field::Read(Spanned { value: true, .. }));
            if is_required {
                required += 1;
                if required == MAX_REQUIRED + 1 {
                    self.push(
                        property.name.span,
                        format!("more than {MAX_REQUIRED} required properties in one object"),
                        Some("mark at most 64 properties of an object \"required\""),
                    );
                }
            }
            let node = self.node(&property.node, names);
            if let (Some(field), Some(node)) = (field, node) {
                properties.push(Property {
                    name: property.name.value.clone(),
                    field,
                    required: is_required,
                    node,
                });
            }
        }
        let rust = names.get(&node.span)?.clone();
        (self.cx.len() == before).then_some(Object {
            type_name: Name {
                rust,
                explicit: node.type_name.read().is_some(),
            },
            properties,
        })
    }

    /// Any node: its shape, checked.
    fn node(&mut self, node: &ast::Node, names: &HashMap<Span, String>) -> Option<Node> {
        let before = self.cx.len();
        let description = self.descriptions(&node.description);
        let example = node.example.read().map(|e| e.value.clone());
        let kind = match &node.kind {
            Field::Read(kind) => kind,
            Field::Unreadable => return None,
            Field::Absent => {
                self.push(
                    node.span,
                    "this node has no \"type\"",
                    Some("add \"type\": \"string\" (or \"integer\", \"number\", \"boolean\", \"object\", \"array\")"),
                );
                return None;
            }
        };
        let format = node.format.read();
        let node_type = match NodeType::read(&kind.value, format.map(|f| f.value.as_str())) {
            Ok(node_type) => node_type,
            Err(TypeError::UnknownType) => {
                let known = "the types are \"string\", \"integer\", \"number\", \"boolean\", \"object\" and \"array\"";
                let help = match suggest::did_you_mean(&kind.value, NodeType::NAMES, '"') {
                    Some(close) => format!("{close} The {}", &known[4..]),
                    None => known.to_owned(),
                };
                self.push(
                    kind.span,
                    format!("unknown type \"{}\"", kind.value),
                    Some(&help),
                );
                return None;
            }
            Err(TypeError::UnknownFormat { known }) => {
                if let Some(format) = format {
                    self.push(
                        format.span,
                        format!("unknown format \"{}\"", format.value),
                        Some(&format!("use {known}, or leave \"format\" out")),
                    );
                }
                return None;
            }
        };
        let is = |name: &str| kind.value == name;
        self.only_with(
            node.properties.as_ref().map(|_| node.span),
            "\"properties\"",
            "object",
            is("object"),
        );
        self.only_with(
            node.items.as_ref().map(|items| items.span),
            "\"items\"",
            "array",
            is("array"),
        );
        self.only_with(
            node.wrapper.read().map(|w| w.span),
            "\"wrapper\"",
            "array",
            is("array"),
        );
        self.only_with(
            node.type_name.read().map(|t| t.span),
            "\"type_name\"",
            "object",
            is("object"),
        );
        let shape = match node_type {
            NodeType::Scalar(scalar) => Shape::from(scalar),
            NodeType::Object => Shape::Object(self.object(node, names)?),
            NodeType::Array => {
                let wrapper = match node.wrapper.read() {
                    Some(w) if !is_xml_name(&w.value) => {
                        self.push(
                            w.span,
                            format!("wrapper \"{}\" cannot be an XML element name", w.value),
                            Some("give the name of the list's items, as the vendor writes it, such as \"ScalingGroup\""),
                        );
                        return None;
                    }
                    wrapper => wrapper.map(|w| w.value.clone()),
                };
                let Some(items) = &node.items else {
                    self.push(
                        node.span,
                        "an array without \"items\"",
                        Some("add \"items\": { \"type\": ... } to say what the list holds"),
                    );
                    return None;
                };
                let items = self.node(items, names)?;
                if matches!(items.shape, Shape::Array { .. }) {
                    self.push(
                        node.span,
                        "an array of arrays: a list holds values or objects",
                        Some("make the items an object that holds the inner list"),
                    );
                    return None;
                }
                Shape::Array {
                    wrapper,
                    items: Box::new(items),
                }
            }
        };
        (self.cx.len() == before).then_some(Node {
            shape,
            description,
            example,
        })
    }

    /// Reports `key` (at `span`) when its node is not of type `kind`.
    fn only_with(&mut self, span: Option<Span>, key: &str, kind: &str, fits: bool) {
        if let (Some(span), false) = (span, fits) {
            self.push(
                span,
                format!("{key} goes only with \"type\": \"{kind}\""),
                Some("remove it, or fix the node's \"type\""),
            );
        }
    }

    /// The property's field: the spec's `field`, checked, or the naming
    /// rule's.
    fn field(&mut self, property: &ast::Property) -> Option<Name> {
        match &property.field {
            Field::Read(name) => match naming::check_field_override(&name.value) {
                Ok(()) => Some(Name {
                    rust: name.value.clone(),
                    explicit: true,
                }),
                Err(why) => {
                    self.push(
                        name.span,
                        format!("field \"{}\" is not a usable Rust name: {why}", name.value),
                        Some("write a snake_case name such as \"os_name_en\""),
                    );
                    None
                }
            },
            Field::Unreadable => None,
            Field::Absent => match naming::field_name(&property.name.value) {
                Ok(rust) => Some(Name {
                    rust,
                    explicit: false,
                }),
                Err(why) => {
                    self.push(
                        property.name.span,
                        format!(
                            "property \"{}\" cannot become a Rust field name: {why}",
                            property.name.value.escape_debug()
                        ),
                        Some("add \"field\": \"some_name\" to this property to name the field yourself"),
                    );
                    None
                }
            },
        }
    }

    fn type_name_override(&mut self, name: &Spanned<String>) -> Option<String> {
        match naming::check_variant_override(&name.value) {
            Ok(()) => Some(name.value.clone()),
            Err(why) => {
                self.push(
                    name.span,
                    format!(
                        "type_name \"{}\" is not a usable Rust name: {why}",
                        name.value
                    ),
                    Some("write an UpperCamelCase name such as \"ScalingGroupTag\""),
                );
                None
            }
        }
    }
}

fn is_kind(node: &ast::Node, kind: &str) -> bool {
    node.kind.read().is_some_and(|k| k.value == kind)
}

/// Whether `name` can be an XML element's name: a letter, `_` or `:` (or a
/// non-ASCII letter) first, then no white space or markup.
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
        && chars
            .all(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '&' | '/' | '"' | '\'' | '='))
}
