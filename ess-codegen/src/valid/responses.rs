//! The checks of `responses`: every node a known type with what that type
//! needs, every property a field, every object a struct name unique within
//! its operation.
//!
//! Names are resolved here too, since their clashes are problems: a field
//! is the property's snake_case unless the spec gives `field`; a struct is
//! named after its property, or its list's item, and a name that would be
//! taken twice in one operation joins its parents' names until it is unique.
//! Names the spec gives (`type_name`) must be unique as they are; a spec
//! that says `"numbered_names": true` (as the metadata importer writes) lets
//! derived names that still meet take a number (`Data`, `Data2`).
//!
//! Components are named in their own module the same way, and a reference
//! to a component that holds the referring place itself (through fields,
//! not through a list) is boxed.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::Check;
use crate::ast::{self, Field, Spanned};
use crate::json::Span;
use crate::model::{
    Component, Name, Node, NodeType, Object, Property, Reference, Response, Shape, TypeError,
};
use crate::naming;
use crate::suggest;

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
    /// The number a name that meets another takes (1: none).
    number: usize,
}

impl Slot {
    fn name(&self) -> String {
        let name = match &self.fixed {
            Some(name) => name.clone(),
            None => self.chain[self.chain.len() - self.joined..].concat(),
        };
        match self.number {
            1 => name,
            n => format!("{name}{n}"),
        }
    }
}

/// What the nodes of one tree (a response, or the components) are checked
/// against: the struct names, and the components.
struct Scope<'n> {
    names: &'n HashMap<Span, String>,
    components: &'n Components,
    /// The component being checked, for boxing.
    within: Option<&'n str>,
}

/// The components by name: their struct names, and which components each
/// holds directly (through fields, not lists), transitively.
#[derive(Default)]
pub(super) struct Components {
    rust: HashMap<String, String>,
    reaches: HashMap<String, BTreeSet<String>>,
}

/// How the structs of a bare list's items are named.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Items {
    /// In the singular of the list's name (a response's `Instances` holds
    /// `Instance`s).
    Singular,
    /// As the list (a request's repeated `Tag.N` holds `Tag`s: the vendor
    /// names repeated parameters in the singular).
    AsList,
}

/// Where a node is, for what only some places take.
#[derive(Clone, Copy)]
struct Place {
    /// The node is a whole body.
    body: bool,
    /// The node is in a list or map: a reference there needs no box.
    collected: bool,
}

impl Place {
    /// A property's value.
    const FIELD: Place = Place {
        body: false,
        collected: false,
    };
    /// A whole body.
    const BODY: Place = Place {
        body: true,
        collected: false,
    };
    /// A list's items, a map's values.
    const COLLECTED: Place = Place {
        body: false,
        collected: true,
    };
}

impl Check<'_, '_> {
    /// The components, checked and named: the module `components`.
    pub(super) fn components(
        &mut self,
        raw: &[ast::Response],
        numbered: bool,
    ) -> (Vec<Component>, Components) {
        let mut components = Components::default();
        let mut slots = Vec::with_capacity(raw.len());
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for component in raw {
            let key = &component.operation;
            if let Some(first) = seen.insert(&key.value, key.span) {
                let first = self.source.place(first);
                self.push(
                    key.span,
                    format!("component \"{}\" is given twice", key.value),
                    Some(&format!("keep one of them (the other is at {first})")),
                );
                continue;
            }
            if !is_object_body(&component.body) {
                self.push(
                    component.body.span,
                    format!("component \"{}\" must be an object", key.value),
                    Some("give it \"type\": \"object\" and \"properties\"; write other shapes where they are used"),
                );
                continue;
            }
            let rust = match component.body.type_name.read() {
                Some(name) => self.type_name_override(name),
                None => match naming::type_name(&key.value) {
                    Ok(rust) => Some(rust),
                    Err(why) => {
                        self.push(
                            key.span,
                            format!(
                                "component \"{}\" cannot become a Rust type name: {why}",
                                key.value
                            ),
                            Some("add \"type_name\": \"SomeName\" to its object"),
                        );
                        None
                    }
                },
            };
            let Some(rust) = rust else { continue };
            components.rust.insert(key.value.clone(), rust.clone());
            slots.push(Slot {
                chain: vec![rust.clone()],
                joined: 1,
                fixed: Some(rust),
                span: component.body.span,
                number: 1,
            });
            let parent = slots.len() - 1;
            self.collect_structs(&component.body, parent, &mut slots, Items::Singular);
        }
        // Which components each holds directly, then transitively.
        let direct: HashMap<&str, BTreeSet<String>> = raw
            .iter()
            .map(|c| {
                let mut held = BTreeSet::new();
                direct_references(&c.body, &mut held);
                (c.operation.value.as_str(), held)
            })
            .collect();
        for name in components.rust.keys() {
            let mut reached = BTreeSet::new();
            let mut stack: Vec<&str> = vec![name];
            while let Some(next) = stack.pop() {
                for held in direct.get(next).into_iter().flatten() {
                    if reached.insert(held.clone()) {
                        stack.push(held);
                    }
                }
            }
            components.reaches.insert(name.clone(), reached);
        }
        let names = self.unique_names("components", &[], &mut slots, numbered);
        let mut out = Vec::with_capacity(raw.len());
        for component in raw {
            let key = &component.operation.value;
            if !components.rust.contains_key(key) || out.iter().any(|c: &Component| &c.name == key)
            {
                continue;
            }
            let scope = Scope {
                names: &names,
                components: &components,
                within: Some(key),
            };
            let object = self.object(&component.body, &scope);
            let description = self.descriptions(&component.body.description);
            if let Some(object) = object {
                out.push(Component {
                    name: key.clone(),
                    description,
                    object,
                });
            }
        }
        (out, components)
    }

    /// Each operation's response, checked and named.
    pub(super) fn responses(
        &mut self,
        raw: &[ast::Response],
        components: &Components,
        numbered: bool,
    ) -> Vec<Response> {
        let mut responses: Vec<Response> = Vec::with_capacity(raw.len());
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for response in raw {
            if !self.operation_key(&response.operation, &mut seen, "\"responses\"") {
                continue;
            }
            if let Some(response) = self.response(response, components, numbered) {
                responses.push(response);
            }
        }
        responses
    }

    /// An operation's key in `what` (`"responses"`, `"requests"`): given
    /// once, and a name a Rust type can take. `seen` holds the keys so far.
    pub(super) fn operation_key<'r>(
        &mut self,
        operation: &'r Spanned<String>,
        seen: &mut HashMap<&'r str, Span>,
        what: &str,
    ) -> bool {
        if let Some(first) = seen.insert(&operation.value, operation.span) {
            let first = self.source.place(first);
            self.push(
                operation.span,
                format!("operation \"{}\" is given twice in {what}", operation.value),
                Some(&format!("keep one of them (the other is at {first})")),
            );
            return false;
        }
        if let Err(why) = naming::check_variant_override(&operation.value) {
            self.push(
                operation.span,
                format!(
                    "operation \"{}\" cannot name a Rust type: {why}",
                    operation.value
                ),
                Some("write the action as the vendor spells it, such as \"DescribeScalingGroups\""),
            );
            return false;
        }
        true
    }

    fn response(
        &mut self,
        raw: &ast::Response,
        components: &Components,
        numbered: bool,
    ) -> Option<Response> {
        let before = self.cx.len();
        let op = &raw.operation.value;
        let body = &raw.body;
        // The module also holds the error enum and the request's struct.
        let reserved = [format!("{op}Error"), format!("{op}Request")];
        let body_node = if is_object_body(body) {
            let root = match body.type_name.read() {
                Some(name) => self.type_name_override(name)?,
                None => format!("{op}Response"),
            };
            self.named_object(
                op,
                body,
                root,
                &reserved,
                (components, Items::Singular),
                numbered,
            )
        } else {
            // The objects of another body are named as if it were the
            // property `{Op}Response`, below a root that holds no struct
            // (no node has its span).
            let mut slots = vec![Slot {
                chain: vec![op.clone()],
                joined: 1,
                fixed: Some(op.clone()),
                span: Span::at(usize::MAX),
                number: 1,
            }];
            self.collect_value(
                &format!("{op}Response"),
                body,
                0,
                &mut slots,
                Items::Singular,
            );
            let reserved = [
                reserved[0].clone(),
                reserved[1].clone(),
                format!("{op}Response"),
            ];
            let names = self.unique_names(op, &reserved, &mut slots, numbered);
            let scope = Scope {
                names: &names,
                components,
                within: None,
            };
            self.node(body, &scope, Place::BODY)
        };
        let description = self.descriptions(&body.description);
        (self.cx.len() == before).then_some(Response {
            operation: op.clone(),
            description,
            body: body_node?,
        })
    }

    /// An object tree of operation `op` whose root struct is `root`, beside
    /// the names `reserved` of its module: every struct named, every node
    /// checked.
    pub(super) fn named_object(
        &mut self,
        op: &str,
        body: &ast::Node,
        root: String,
        reserved: &[String],
        (components, items): (&Components, Items),
        numbered: bool,
    ) -> Option<Node> {
        // First every struct's name, then the checks that build the model.
        let mut slots = vec![Slot {
            chain: vec![op.to_owned()],
            joined: 1,
            fixed: Some(root),
            span: body.span,
            number: 1,
        }];
        self.collect_structs(body, 0, &mut slots, items);
        let names = self.unique_names(op, reserved, &mut slots, numbered);
        let scope = Scope {
            names: &names,
            components,
            within: None,
        };
        self.node(body, &scope, Place::BODY)
    }

    /// Adds a slot for each object below `node`, whose own slot is
    /// `parent`: a property's object is named after the property.
    fn collect_structs(
        &mut self,
        node: &ast::Node,
        parent: usize,
        slots: &mut Vec<Slot>,
        items: Items,
    ) {
        for property in node.properties.iter().flatten() {
            self.collect_value(&property.name.value, &property.node, parent, slots, items);
        }
    }

    /// Adds the slots of `value`, a value named `base` below the slot
    /// `parent`: through lists (their items are named after the wrapper's
    /// item name, or in the singular of a bare list's name) and maps (after
    /// the map) to an object, named after `base`.
    fn collect_value(
        &mut self,
        base: &str,
        value: &ast::Node,
        parent: usize,
        slots: &mut Vec<Slot>,
        items: Items,
    ) {
        let mut value = value;
        let mut base = base.to_owned();
        loop {
            if is_kind(value, "array") {
                base = match value.wrapper.read() {
                    Some(item) => item.value.clone(),
                    None if items == Items::AsList => base,
                    None => naming::singular(&base),
                };
                let Some(items) = &value.items else { return };
                value = items;
            } else if is_kind(value, "map") {
                let Some(values) = &value.values else { return };
                value = values;
            } else {
                break;
            }
        }
        if !is_kind(value, "object") {
            return;
        }
        let fixed = match value.type_name.read() {
            Some(name) => match self.type_name_override(name) {
                Some(name) => Some(name),
                None => return,
            },
            None => None,
        };
        let derived = match naming::type_name(&base) {
            Ok(name) => name,
            Err(_) if fixed.is_some() => String::new(),
            Err(why) => {
                self.push(
                    value.span,
                    format!("\"{base}\" cannot become a Rust type name: {why}"),
                    Some("add \"type_name\": \"SomeName\" to its object"),
                );
                return;
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
            number: 1,
        });
        let slot = slots.len() - 1;
        self.collect_structs(value, slot, slots, items);
    }

    /// Makes every struct name of a module (`module`: an operation, or the
    /// components) unique: a derived name that would be taken twice (or is
    /// taken by a fixed one, or by what the module already holds) joins its
    /// parents' names until it is unique; with `numbered`, one that is
    /// still taken then takes the first free number from 2, in tree order.
    /// The names, by where each object is.
    fn unique_names(
        &mut self,
        module: &str,
        holds: &[String],
        slots: &mut [Slot],
        numbered: bool,
    ) -> HashMap<Span, String> {
        let reserved: HashSet<String> = naming::RESERVED_TYPE_NAMES
            .iter()
            .map(|name| (*name).to_owned())
            .chain(holds.iter().cloned())
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
        if numbered {
            let mut taken: HashSet<String> = reserved.clone();
            taken.extend(fixed.iter().cloned());
            // Fixed names first: they keep theirs.
            for slot in slots.iter_mut().filter(|slot| slot.fixed.is_none()) {
                while taken.contains(&slot.name()) {
                    slot.number += 1;
                }
                taken.insert(slot.name());
            }
        }
        let mut names: HashMap<Span, String> = HashMap::with_capacity(slots.len());
        let mut first_at: HashMap<String, Span> = HashMap::with_capacity(slots.len());
        for slot in slots.iter() {
            let name = slot.name();
            if reserved.contains(&name) {
                self.push(
                    slot.span,
                    format!("the struct `{name}` would be named like what the module of \"{module}\" already holds"),
                    Some("give this object a \"type_name\" of its own"),
                );
            } else if let Some(first) = first_at.insert(name.clone(), slot.span) {
                let first = self.source.place(first);
                self.push(
                    slot.span,
                    format!(
                        "two objects of \"{module}\" are both named `{name}` (the other is at {first})"
                    ),
                    Some("give one of them a \"type_name\" of its own"),
                );
            }
            names.insert(slot.span, name);
        }
        names
    }

    /// An object node: its properties, each a field, and its name.
    fn object(&mut self, node: &ast::Node, scope: &Scope) -> Option<Object> {
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
            let node = self.node(&property.node, scope, Place::FIELD);
            if let (true, Some(Shape::Ref(reference))) =
                (is_required, node.as_ref().map(|n| &n.shape))
            {
                if reference.boxed {
                    self.push(
                        property.name.span,
                        format!(
                            "\"{}\" requires the component \"{}\" that holds it: no value could ever be complete",
                            property.name.value, reference.component
                        ),
                        Some("leave \"required\" out: a component that holds itself must be able to end"),
                    );
                }
            }
            let limits = self.limits(&property.limits);
            if let (Some(field), Some(node)) = (field, node) {
                properties.push(Property {
                    name: property.name.value.clone(),
                    field,
                    required: is_required,
                    node,
                    limits,
                });
            }
        }
        let rust = scope.names.get(&node.span)?.clone();
        (self.cx.len() == before).then_some(Object {
            type_name: Name {
                rust,
                explicit: node.type_name.read().is_some(),
            },
            properties,
        })
    }

    /// Any node: its shape, checked.
    fn node(&mut self, node: &ast::Node, scope: &Scope, place: Place) -> Option<Node> {
        let before = self.cx.len();
        let description = self.descriptions(&node.description);
        let example = node.example.read().map(|e| e.value.clone());
        if let Some(reference) = node.reference.read() {
            let shape = self.reference(node, reference, scope, place)?;
            return (self.cx.len() == before).then_some(Node {
                shape,
                description,
                example,
            });
        }
        let object = Spanned {
            value: "object".to_owned(),
            span: node.span,
        };
        let kind = match &node.kind {
            Field::Read(kind) => kind,
            Field::Unreadable => return None,
            // A body's type goes without saying: an object.
            Field::Absent if place.body => &object,
            Field::Absent => {
                self.push(
                    node.span,
                    "this node has no \"type\"",
                    Some("add \"type\": \"string\" (or \"integer\", \"number\", \"boolean\", \"object\", \"array\", \"map\", \"any\"), or a \"ref\" to a component"),
                );
                return None;
            }
        };
        let format = node.format.read();
        let node_type = match NodeType::read(&kind.value, format.map(|f| f.value.as_str())) {
            Ok(node_type) => node_type,
            Err(TypeError::UnknownType) => {
                let known = "the types are \"string\", \"integer\", \"number\", \"boolean\", \"object\", \"array\", \"map\" and \"any\"";
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
        self.only_with(
            node.values.as_ref().map(|values| values.span),
            "\"values\"",
            "map",
            is("map"),
        );
        if let (Some(wrapper), true) = (node.wrapper.read(), place.body || place.collected) {
            self.push(
                wrapper.span,
                "\"wrapper\" goes only on a property's list",
                Some("remove it: a body, a list's items and a map's values are lists without a wrapper"),
            );
        }
        let shape = match node_type {
            NodeType::Scalar(scalar) => Shape::from(scalar),
            // A file is a whole body; a field of that format is its text.
            NodeType::Binary if place.body => Shape::Binary,
            NodeType::Binary => Shape::String,
            NodeType::Any => Shape::Any,
            NodeType::Map => {
                let Some(values) = &node.values else {
                    self.push(
                        node.span,
                        "a map without \"values\"",
                        Some("add \"values\": { \"type\": ... } to say what each key holds (\"any\" for anything)"),
                    );
                    return None;
                };
                let values = self.node(values, scope, Place::COLLECTED)?;
                Shape::Map {
                    values: Box::new(values),
                }
            }
            NodeType::Object => Shape::Object(self.object(node, scope)?),
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
                let items = self.node(items, scope, Place::COLLECTED)?;
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

    /// A `ref`: to a component of the spec, and nothing beside it but
    /// docs.
    fn reference(
        &mut self,
        node: &ast::Node,
        reference: &Spanned<String>,
        scope: &Scope,
        place: Place,
    ) -> Option<Shape> {
        let beside = [
            node.kind.read().map(|k| k.span),
            node.properties.as_ref().map(|_| node.span),
            node.items.as_ref().map(|items| items.span),
            node.values.as_ref().map(|values| values.span),
            node.wrapper.read().map(|w| w.span),
            node.type_name.read().map(|t| t.span),
        ];
        if let Some(span) = beside.into_iter().flatten().next() {
            self.push(
                span,
                "a node with \"ref\" takes its shape from the component",
                Some("remove this key, or the \"ref\""),
            );
            return None;
        }
        let name = &reference.value;
        let Some(rust) = scope.components.rust.get(name) else {
            let known = scope.components.rust.keys().map(String::as_str);
            let help = suggest::did_you_mean(name, known, '"')
                .unwrap_or_else(|| "add it to \"components\", or fix the name".to_owned());
            self.push(
                reference.span,
                format!("no component is named \"{name}\""),
                Some(&help),
            );
            return None;
        };
        let boxed = !place.collected
            && scope.within.is_some_and(|within| {
                within == name
                    || scope
                        .components
                        .reaches
                        .get(name)
                        .is_some_and(|r| r.contains(within))
            });
        Some(Shape::Ref(Reference {
            component: name.clone(),
            rust: rust.clone(),
            boxed,
        }))
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

/// The components `node` holds through fields (not through lists or maps).
fn direct_references(node: &ast::Node, out: &mut BTreeSet<String>) {
    if let Some(reference) = node.reference.read() {
        out.insert(reference.value.clone());
    }
    for property in node.properties.iter().flatten() {
        direct_references(&property.node, out);
    }
}

/// A body is an object when it says so, or says no type and is no `ref`.
fn is_object_body(node: &ast::Node) -> bool {
    is_kind(node, "object")
        || (matches!(node.kind, Field::Absent) && matches!(node.reference, Field::Absent))
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
