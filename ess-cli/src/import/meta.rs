//! `ess import meta`: the vendor's OpenAPI metadata (`api-docs.json`) to a
//! spec: the service and API version from `info`, each operation's response
//! tree from its success schema (`responses."200".schema`, or the first 2xx
//! with one), the shared schemas of `components.schemas`, and its
//! `errorCodes`.
//!
//! - An object whose only property is an array is the vendor's list
//!   wrapper: it becomes that array, with the wrapper's item name (not at
//!   a body's root, which stays a struct).
//! - `$ref` to an object component is a `ref`; a component of another
//!   shape is written where it is used.
//! - `additionalProperties` is a `map`; `any`, an object with no
//!   properties, and a node without a type are `any`.
//! - A property name that cannot become a Rust field, or two that would
//!   become one field, get a `field` of their own; struct names that meet
//!   are numbered (`numbered_names`).
//! - A code that cannot be kept as it is (white space around it, a tab
//!   inside, a `%s`, a bare number) is normalized where the intent is clear
//!   (white space around it) and rejected otherwise.
//!
//! Every flaw of the metadata is a note with its operation and place, and
//! the import writes the best spec the metadata allows; only a file that is
//! not JSON, or not an object with `apis`, is an error.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use ess_codegen::json::{self, Kind, Member, Value};
use ess_codegen::model::{
    Component, Descriptions, IntegerFormat, Limits, Location, Name, Node, NodeType, Object,
    ParameterStyle, Property, Reference, Request, Response, Shape, TypeError, Wire,
};
use ess_codegen::{naming, Diagnostic, Problems, SourceText, Status};

use super::docs::Note;
use crate::render::excerpt;

/// What the metadata says.
pub struct Meta {
    /// `info.product`.
    pub service: Option<String>,
    /// `info.version`.
    pub api_version: Option<String>,
    /// `info.style`: `RPC`, `ROA`, ...
    pub style: Option<String>,
    /// The object components the responses use, in name order.
    pub components: Vec<Component>,
    /// One response per operation, in name order.
    pub responses: Vec<Response>,
    /// One request per operation, in name order.
    pub requests: Vec<Request>,
    /// `endpoints`: each region and its host.
    pub endpoints: Vec<(String, String)>,
    /// The operations' `errorCodes` that were kept, in operation order.
    pub codes: Vec<MetaCode>,
    /// What was normalized, renamed, replaced or rejected.
    pub notes: Vec<Note>,
    /// How many operations the metadata has.
    pub operations: usize,
}

/// One entry of an operation's `errorCodes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaCode {
    pub operation: String,
    pub code: String,
    pub status: Status,
    pub message: String,
}

/// Reads `source` (the text of an `api-docs.json`); a file that cannot be
/// read as metadata is every problem with its place.
pub fn meta(source: &SourceText) -> Result<Meta, Problems> {
    let mut reader = Reader {
        source,
        problems: Vec::new(),
        notes: Vec::new(),
        schemas: HashMap::new(),
        component_names: BTreeMap::new(),
        used: BTreeSet::new(),
        inlining: Vec::new(),
        in_request: false,
    };
    let root = match json::parse(&source.text) {
        Ok(root) => root,
        Err(e) => {
            reader.problems.push(
                Diagnostic::at(
                    source,
                    json::Span::at(e.at),
                    format!("malformed JSON: {}", e.message),
                )
                .help("api-docs.json is one JSON object; fix the syntax at this place"),
            );
            return Err(reader.into_problems());
        }
    };
    let meta = reader.read(&root);
    if reader.problems.is_empty() {
        Ok(Meta {
            notes: reader.notes,
            ..meta
        })
    } else {
        Err(reader.into_problems())
    }
}

/// Where the metadata keeps shared schemas.
const COMPONENT_PREFIX: &str = "#/components/schemas/";

struct Reader<'s, 'v, 'a> {
    source: &'s SourceText,
    problems: Vec<Diagnostic>,
    notes: Vec<Note>,
    /// `components.schemas`, by name.
    schemas: HashMap<&'v str, &'v Value<'a>>,
    /// The object components, by name: their struct names.
    component_names: BTreeMap<String, String>,
    /// The object components some response uses.
    used: BTreeSet<String>,
    /// The components of other shapes being written in place, innermost
    /// last: one that holds itself is `any` there.
    inlining: Vec<String>,
    /// A request's parameters are being read: no object is a list
    /// wrapper there (a request sends what its schema says).
    in_request: bool,
}

impl<'v, 'a> Reader<'_, 'v, 'a> {
    fn into_problems(self) -> Problems {
        Problems {
            source: Some(self.source.clone()),
            diagnostics: self.problems,
        }
    }

    fn problem(&mut self, value: &Value, message: String, help: &str) {
        self.problems
            .push(Diagnostic::at(self.source, value.span, message).help(help));
    }

    /// A note at `value`: its line and column, and a short excerpt of the
    /// text there (the metadata is often one long line).
    fn note(&mut self, value: &Value, what: String) {
        let at = self.source.line_column(value.span.start);
        self.notes.push(Note {
            file: self.source.origin.clone(),
            line: at.line,
            column: Some(at.column),
            excerpt: Some(excerpt(&self.source.text, value.span.start)),
            what,
        });
    }

    fn read(&mut self, root: &'v Value<'a>) -> Meta {
        let mut meta = Meta {
            service: None,
            api_version: None,
            style: None,
            components: Vec::new(),
            responses: Vec::new(),
            requests: Vec::new(),
            endpoints: Vec::new(),
            codes: Vec::new(),
            notes: Vec::new(),
            operations: 0,
        };
        let Some(members) = self.object(root, "the metadata") else {
            return meta;
        };
        if let Some(info) = member(members, "info").and_then(|v| self.object(v, "\"info\"")) {
            meta.service = member(info, "product").and_then(text).map(str::to_owned);
            meta.api_version = member(info, "version").and_then(text).map(str::to_owned);
            meta.style = member(info, "style").and_then(text).map(str::to_owned);
        }
        if let Some(endpoints) = member(members, "endpoints") {
            meta.endpoints = self.endpoints(endpoints);
        }
        let Some(apis) = member(members, "apis") else {
            self.problem(
                root,
                "the metadata has no \"apis\"".into(),
                "an api-docs.json lists its operations under \"apis\"",
            );
            return meta;
        };
        let Some(apis) = self.object(apis, "\"apis\"") else {
            return meta;
        };
        self.collect_components(members);
        let mut apis: Vec<&Member> = apis.iter().collect();
        apis.sort_by(|a, b| a.key.cmp(&b.key));
        meta.operations = apis.len();
        for api in apis {
            let op = api.key.to_string();
            let Some(fields) = self.object_quiet(&api.value) else {
                self.note(
                    &api.value,
                    format!("{op}: skipped: the operation is not an object"),
                );
                continue;
            };
            if let Err(why) = naming::check_variant_override(&op) {
                self.note(
                    &api.value,
                    format!("{op}: skipped: the name cannot name a Rust type ({why})"),
                );
                continue;
            }
            let description = ["summary", "title"]
                .iter()
                .find_map(|key| {
                    member(fields, key)
                        .and_then(text)
                        .filter(|t| !t.trim().is_empty())
                })
                .map(|t| vec![("zh".to_owned(), t.trim().to_owned())])
                .unwrap_or_default();
            let body = match success_schema(fields) {
                Some(schema) => self.node(schema, &op, Where::Body),
                None => {
                    self.note(
                        &api.value,
                        format!("{op}: no success schema: the body is any value"),
                    );
                    Node {
                        shape: Shape::Any,
                        description: Vec::new(),
                        example: None,
                    }
                }
            };
            meta.responses.push(Response {
                operation: op.clone(),
                description,
                body,
            });
            meta.requests.push(self.request(fields, &op));
            if let Some(codes) = member(fields, "errorCodes") {
                self.error_codes(codes, &op, &mut meta.codes);
            }
        }
        meta.components = self.components();
        meta
    }

    /// Names every object component of `components.schemas`: its key in
    /// UpperCamelCase, numbered where two meet.
    fn collect_components(&mut self, members: &'v [Member<'a>]) {
        let Some(schemas) = member(members, "components")
            .and_then(|c| self.object_quiet(c))
            .and_then(|c| member(c, "schemas"))
        else {
            return;
        };
        let Some(schemas) = self.object_quiet(schemas) else {
            self.note(
                schemas,
                "components.schemas: ignored: not an object".to_owned(),
            );
            return;
        };
        let mut taken: HashSet<String> = naming::RESERVED_TYPE_NAMES
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
        for schema in schemas {
            self.schemas.insert(&schema.key, &schema.value);
        }
        let mut keys: Vec<&str> = self.schemas.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            let value = self.schemas[key];
            if !is_object_schema(value) {
                continue;
            }
            let base = naming::type_name(key).unwrap_or_else(|_| "Component".to_owned());
            let mut rust = base.clone();
            let mut n = 2;
            while !taken.insert(rust.clone()) {
                rust = format!("{base}{n}");
                n += 1;
            }
            self.component_names.insert(key.to_owned(), rust);
        }
    }

    /// The object components some response uses, and those they use.
    fn components(&mut self) -> Vec<Component> {
        let mut out: Vec<Component> = Vec::new();
        let mut done: BTreeSet<String> = BTreeSet::new();
        while let Some(name) = self.used.difference(&done).next().cloned() {
            done.insert(name.clone());
            let value = self.schemas[name.as_str()];
            let path = format!("components.schemas.{name}");
            let node = self.node(value, &path, Where::Component);
            let rust = self.component_names[&name].clone();
            let explicit = naming::type_name(&name).ok().as_ref() != Some(&rust);
            let Shape::Object(mut object) = node.shape else {
                continue;
            };
            object.type_name = Name { rust, explicit };
            out.push(Component {
                name,
                description: node.description,
                object,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// A schema node; `path` names it in notes. Never fails: what the
    /// format cannot say is noted, and becomes `any`.
    fn node(&mut self, value: &'v Value<'a>, path: &str, at: Where) -> Node {
        let any = |description, example| Node {
            shape: Shape::Any,
            description,
            example,
        };
        let Some(fields) = self.object_quiet(value) else {
            self.note(
                value,
                format!("{path}: a schema that is not an object: any value"),
            );
            return any(Vec::new(), None);
        };
        let description = member(fields, "description")
            .and_then(text)
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| vec![("zh".to_owned(), d.to_owned())])
            .unwrap_or_default();
        let example = member(fields, "example").and_then(|e| match &e.kind {
            Kind::String(s) => Some(s.to_string()),
            Kind::Number(n) => Some((*n).to_owned()),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        });
        if let Some(reference) = member(fields, "$ref") {
            let mut node = self.reference(reference, path, at);
            if node.description.is_empty() {
                node.description = description;
            }
            node.example = node.example.or(example);
            return node;
        }
        let kind = match member(fields, "type") {
            Some(kind) => match text(kind) {
                Some(name) => name,
                None => {
                    self.note(
                        kind,
                        format!("{path}: a \"type\" that is not a string: any value"),
                    );
                    return any(description, example);
                }
            },
            // What the node holds says what it is.
            None if member(fields, "properties").is_some() => "object",
            None if member(fields, "items").is_some() => "array",
            None if member(fields, "additionalProperties").is_some() => "object",
            None => {
                self.note(
                    value,
                    format!("{path}: a schema without \"type\": any value"),
                );
                return any(description, example);
            }
        };
        let format = member(fields, "format").and_then(text);
        // A file body: `binary`, or `byte` (base64 in OpenAPI; the vendor's
        // bodies of that format are the file itself).
        let format = match (at, kind, format) {
            (Where::Body, "string", Some("byte")) => Some("binary"),
            (_, _, format) => format,
        };
        let node_type = match NodeType::read(kind, format) {
            Ok(node_type) => node_type,
            Err(TypeError::UnknownType) => {
                let at = member(fields, "type").unwrap_or(value);
                self.note(at, format!("{path}: unknown type `{kind}`: any value"));
                return any(description, example);
            }
            Err(TypeError::UnknownFormat { known }) => {
                let (shape, as_what) = match kind {
                    "integer" => (Shape::Integer(IntegerFormat::Int64), "an int64"),
                    _ => (Shape::Number, "a float"),
                };
                self.note(
                    member(fields, "format").unwrap_or(value),
                    format!(
                        "{path}: unknown {kind} format `{}` (the formats are {known}): {as_what}",
                        format.unwrap_or_default()
                    ),
                );
                return Node {
                    shape,
                    description,
                    example,
                };
            }
        };
        // `items` beside another type: the vendor's demos send a list.
        let node_type = match (member(fields, "items"), node_type) {
            (Some(items), NodeType::Scalar(_)) => {
                self.note(items, format!("{path}: \"items\" on a `{kind}`: a list"));
                NodeType::Array
            }
            (Some(items), other) if other != NodeType::Array => {
                self.note(items, format!("{path}: \"items\" on a `{kind}`: ignored"));
                other
            }
            (_, other) => other,
        };
        let shape = match node_type {
            NodeType::Scalar(scalar) => Shape::from(scalar),
            NodeType::Binary if at == Where::Body => Shape::Binary,
            NodeType::Binary => Shape::String,
            NodeType::Any => Shape::Any,
            NodeType::Map => {
                // The metadata's `map` is written as an object with
                // `additionalProperties`, below; a `map` type is the spec's.
                Shape::Map {
                    values: Box::new(any(Vec::new(), None)),
                }
            }
            NodeType::Object => match self.object_shape(fields, path, at) {
                // A list wrapper: the list's own description, if it has one.
                Some((shape, Some(inner))) if !inner.is_empty() => {
                    return Node {
                        shape,
                        description: inner,
                        example,
                    }
                }
                Some((shape, _)) => shape,
                None => return any(description, example),
            },
            NodeType::Array => {
                let items = match member(fields, "items") {
                    Some(items) => self.node(items, &format!("{path}[]"), Where::Collected),
                    None => {
                        self.note(
                            value,
                            format!("{path}: an array without \"items\": a list of any values"),
                        );
                        any(Vec::new(), None)
                    }
                };
                Shape::Array {
                    wrapper: None,
                    items: Box::new(items),
                }
            }
        };
        Node {
            shape,
            description,
            example,
        }
    }

    /// `$ref`: a component of the metadata. An object component is a
    /// `ref`, another is written in place, one that does not exist is
    /// `any`.
    fn reference(&mut self, reference: &'v Value<'a>, path: &str, at: Where) -> Node {
        let any = Node {
            shape: Shape::Any,
            description: Vec::new(),
            example: None,
        };
        let target = text(reference).unwrap_or_default();
        let Some(name) = target.strip_prefix(COMPONENT_PREFIX) else {
            self.note(
                reference,
                format!("{path}: a $ref outside {COMPONENT_PREFIX} ({target:?}): any value"),
            );
            return any;
        };
        if let Some(rust) = self.component_names.get(name) {
            self.used.insert(name.to_owned());
            return Node {
                shape: Shape::Ref(Reference {
                    component: name.to_owned(),
                    rust: rust.clone(),
                    boxed: false,
                }),
                description: Vec::new(),
                example: None,
            };
        }
        let Some(&schema) = self.schemas.get(name) else {
            self.note(
                reference,
                format!("{path}: $ref to the missing component `{name}`: any value"),
            );
            return any;
        };
        if self.inlining.iter().any(|open| open == name) {
            self.note(reference, format!("{path}: the component `{name}` holds itself outside an object: any value there"));
            return any;
        }
        self.inlining.push(name.to_owned());
        let node = self.node(schema, path, at);
        self.inlining.pop();
        node
    }

    /// An object node's shape: a struct, a map, a list wrapper (with the
    /// list's description), or `None` for an object without properties
    /// (free-form: `any`).
    fn object_shape(
        &mut self,
        fields: &'v [Member<'a>],
        path: &str,
        at: Where,
    ) -> Option<(Shape, Option<Descriptions>)> {
        let properties = match member(fields, "properties") {
            Some(properties) => match self.object_quiet(properties) {
                Some(properties) => properties,
                None => {
                    self.note(
                        properties,
                        format!("{path}: \"properties\" is not an object: ignored"),
                    );
                    &[]
                }
            },
            None => &[],
        };
        if let Some(values) = member(fields, "additionalProperties") {
            if properties.is_empty() {
                let values = match &values.kind {
                    Kind::Object(_) => self.node(values, &format!("{path}.*"), Where::Collected),
                    _ => Node {
                        shape: Shape::Any,
                        description: Vec::new(),
                        example: None,
                    },
                };
                return Some((
                    Shape::Map {
                        values: Box::new(values),
                    },
                    None,
                ));
            }
            self.note(
                values,
                format!("{path}: \"additionalProperties\" beside \"properties\": ignored"),
            );
        }
        if properties.is_empty() {
            return None;
        }
        // The vendor's list wrapper: an object whose only property is an
        // array; a body stays a struct.
        if let [only] = properties {
            if at == Where::Field && !self.in_request && member_kind(&only.value) == Some("array") {
                let list = self.node(&only.value, &format!("{path}.{}", only.key), Where::Field);
                if let Shape::Array { items, .. } = list.shape {
                    let shape = Shape::Array {
                        wrapper: Some(only.key.to_string()),
                        items,
                    };
                    return Some((shape, Some(list.description)));
                }
            }
        }
        Some((Shape::Object(self.properties(properties, path)), None))
    }

    /// An object's properties, each with a field of its own: the naming
    /// rule's, or (where that fails or two collide) one given here.
    fn properties(&mut self, properties: &'v [Member<'a>], path: &str) -> Object {
        let mut out: Vec<Property> = Vec::with_capacity(properties.len());
        for property in properties {
            let name = property.key.to_string();
            if out.iter().any(|p| p.name == name) {
                self.note(
                    &property.value,
                    format!("{path}.{name}: given twice: the first is kept"),
                );
                continue;
            }
            let at = format!("{path}.{name}");
            let node = self.node(&property.value, &at, Where::Field);
            let field = self.field_of(&name, &property.value, &out, path);
            // A request's fields are checked before sending, at any depth.
            let limits = match self.in_request {
                true => self.limits(&property.value, &at),
                false => Limits::default(),
            };
            // Every field is optional, whatever the metadata's `required`
            // says: the vendor's bodies leave out what they call required.
            out.push(Property {
                name,
                field,
                required: false,
                node,
                limits,
            });
        }
        // The naming rule's first choice; the checks that read the written
        // spec make it unique within its operation.
        let last = path
            .rsplit('.')
            .next()
            .unwrap_or(path)
            .trim_end_matches("[]");
        let rust = naming::type_name(last).unwrap_or_else(|_| "Object".to_owned());
        Object {
            type_name: Name {
                rust,
                explicit: false,
            },
            properties: out,
        }
    }

    /// The field of the property `name` beside the fields `taken`: the
    /// naming rule's, or (where that fails or two collide) one given here,
    /// with a note at `at`.
    fn field_of(&mut self, name: &str, at: &Value, taken: &[Property], path: &str) -> Name {
        let out = taken;
        match naming::field_name(name) {
            Ok(rust) if !out.iter().any(|p| p.field.rust == rust) => Name {
                rust,
                explicit: false,
            },
            derived => {
                let base = derived.unwrap_or_else(|_| {
                    let letters: String = name
                        .chars()
                        .map(|c| {
                            if c.is_ascii_alphanumeric() {
                                c.to_ascii_lowercase()
                            } else {
                                '_'
                            }
                        })
                        .collect();
                    format!("field_{}", letters.trim_matches('_'))
                });
                let base = base.trim_start_matches("r#").to_owned();
                let mut rust = base.clone();
                let mut n = 2;
                while out.iter().any(|p| p.field.rust == rust)
                    || naming::check_field_override(&rust).is_err()
                {
                    rust = format!("{base}_{n}");
                    n += 1;
                }
                self.note(at, format!("{path}.{name} is the field `{rust}`"));
                Name {
                    rust,
                    explicit: true,
                }
            }
        }
    }

    /// `endpoints`: `[{"regionId": ..., "endpoint": ...}]`, each region
    /// once.
    fn endpoints(&mut self, value: &'v Value<'a>) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let Some(items) = self.array(value, "\"endpoints\"") else {
            return out;
        };
        for item in items {
            let fields = self.object_quiet(item).unwrap_or_default();
            let region = member(fields, "regionId").and_then(text);
            let host = member(fields, "endpoint").and_then(text);
            match (region, host) {
                (Some(region), Some(host)) if naming::is_host_name(host) => {
                    if !out.iter().any(|(r, _)| r == region) {
                        out.push((region.to_owned(), host.to_owned()));
                    }
                }
                _ => self.note(
                    item,
                    "endpoints: an entry without a region and a host name: skipped".to_owned(),
                ),
            }
        }
        out
    }

    /// An operation's request: its methods, its path, whether it only
    /// reads, and its parameters.
    fn request(&mut self, fields: &'v [Member<'a>], op: &str) -> Request {
        let mut methods = Vec::new();
        if let Some(listed) = member(fields, "methods").and_then(|m| self.array(m, "\"methods\"")) {
            for method in listed {
                match text(method).map(str::to_ascii_lowercase) {
                    Some(m) if ess_codegen::model::METHODS.contains(&m.as_str()) => {
                        if !methods.contains(&m) {
                            methods.push(m);
                        }
                    }
                    _ => self.note(
                        method,
                        format!("{op}: a method that is not an HTTP method: skipped"),
                    ),
                }
            }
        }
        let path = member(fields, "path")
            .and_then(text)
            .filter(|p| p.starts_with('/'));
        let read_only = member(fields, "operationType").and_then(text) == Some("read");
        let anonymous = is_anonymous(fields);
        let mut properties: Vec<Property> = Vec::new();
        let mut wire: Vec<Wire> = Vec::new();
        let listed = member(fields, "parameters")
            .and_then(|p| self.array(p, "\"parameters\""))
            .unwrap_or_default();
        for parameter in listed {
            let Some(fields) = self.object_quiet(parameter) else {
                self.note(
                    parameter,
                    format!("{op}: a parameter that is not an object: skipped"),
                );
                continue;
            };
            let (Some(name), Some(schema)) = (
                member(fields, "name").and_then(text),
                member(fields, "schema"),
            ) else {
                self.note(
                    parameter,
                    format!("{op}: a parameter without a name and a schema: skipped"),
                );
                continue;
            };
            let at = format!("{op}.{name}");
            if properties.iter().any(|p| p.name == name) {
                self.note(parameter, format!("{at}: given twice: the first is kept"));
                continue;
            }
            let location = self.location(fields, path, name, &at);
            if location == Location::Body && wire.iter().any(|w| w.location == Location::Body) {
                self.note(
                    parameter,
                    format!("{at}: a second body parameter: sent in the query"),
                );
            }
            let style = match member(fields, "style").and_then(text) {
                None => ParameterStyle::Plain,
                Some(style) => match ParameterStyle::ALL.iter().find(|(s, _)| *s == style) {
                    Some((_, style)) => *style,
                    None => {
                        self.note(
                            parameter,
                            format!("{at}: unknown style `{style}`: sent flat"),
                        );
                        ParameterStyle::Plain
                    }
                },
            };
            self.in_request = true;
            let node = self.node(schema, &at, Where::Field);
            self.in_request = false;
            let limits = self.limits(schema, &at);
            let required = self
                .object_quiet(schema)
                .and_then(|s| member(s, "required"))
                .is_some_and(|r| matches!(r.kind, Kind::Bool(true)));
            let field = self.field_of(name, schema, &properties, op);
            properties.push(Property {
                name: name.to_owned(),
                field,
                required,
                node,
                limits,
            });
            wire.push(Wire { location, style });
        }
        // A second body parameter goes in the query: a request has one body.
        let mut body = false;
        for w in &mut wire {
            if w.location == Location::Body {
                if body {
                    w.location = Location::Query;
                }
                body = true;
            }
        }
        let rust =
            naming::type_name(&format!("{op}Request")).unwrap_or_else(|_| "Request".to_owned());
        Request {
            operation: op.to_owned(),
            methods,
            path: path.map(str::to_owned),
            read_only,
            anonymous,
            parameters: Object {
                type_name: Name {
                    rust,
                    explicit: false,
                },
                properties,
            },
            wire,
        }
    }

    /// A parameter's `in`: a path parameter whose `{Name}` the path lacks,
    /// and an unknown one, go in the query.
    fn location(
        &mut self,
        fields: &'v [Member<'a>],
        path: Option<&str>,
        name: &str,
        at: &str,
    ) -> Location {
        let Some(written) = member(fields, "in") else {
            return Location::Query;
        };
        let location = match text(written).and_then(|w| Location::ALL.iter().find(|(n, _)| *n == w))
        {
            Some((_, location)) => *location,
            None => {
                self.note(written, format!("{at}: unknown \"in\": sent in the query"));
                return Location::Query;
            }
        };
        if location == Location::Path && !path.is_some_and(|p| p.contains(&format!("{{{name}}}"))) {
            self.note(
                written,
                format!("{at}: a path parameter the path does not hold: sent in the query"),
            );
            return Location::Query;
        }
        location
    }

    /// A parameter's limits: `minimum`, `maximum` (numbers, or numbers
    /// written as strings), `exclusiveMinimum`, `exclusiveMaximum`, the
    /// lengths, an array's item counts, and `enum`; a list's items give
    /// the limits of each item.
    fn limits(&mut self, schema: &'v Value<'a>, at: &str) -> Limits {
        let mut limits = Limits::default();
        let Some(fields) = self.object_quiet(schema) else {
            return limits;
        };
        let items = member(fields, "items").and_then(|i| self.object_quiet(i));
        let scalar = match (member_kind(schema), items) {
            (Some("array"), Some(items)) => items,
            _ => fields,
        };
        let number = |reader: &mut Self, key: &str| {
            let value = member(scalar, key)?;
            let written = match &value.kind {
                Kind::Number(n) => (*n).to_owned(),
                Kind::String(s) => s.trim().to_owned(),
                _ => String::new(),
            };
            if written.parse::<f64>().is_ok_and(f64::is_finite) && !written.is_empty() {
                // Written again as JSON writes a number: `1`, not `01`.
                let n: f64 = written.parse().unwrap_or_default();
                return Some(if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", n as i64)
                } else {
                    format!("{n}")
                });
            }
            reader.note(value, format!("{at}: \"{key}\" is not a number: ignored"));
            None
        };
        limits.minimum = number(self, "minimum");
        limits.maximum = number(self, "maximum");
        let flag = |fields: &[Member], key: &str| {
            member(fields, key).is_some_and(|v| matches!(v.kind, Kind::Bool(true)))
        };
        limits.exclusive_minimum = limits.minimum.is_some() && flag(scalar, "exclusiveMinimum");
        limits.exclusive_maximum = limits.maximum.is_some() && flag(scalar, "exclusiveMaximum");
        let count = |reader: &mut Self, fields: &[Member<'a>], key: &str| {
            let value = member(fields, key)?;
            let written = match &value.kind {
                Kind::Number(n) => (*n).to_owned(),
                Kind::String(s) => s.trim().to_owned(),
                _ => String::new(),
            };
            match written.parse::<u64>() {
                Ok(count) => Some(count),
                Err(_) => {
                    reader.note(value, format!("{at}: \"{key}\" is not a count: ignored"));
                    None
                }
            }
        };
        limits.min_length = count(self, scalar, "minLength");
        limits.max_length = count(self, scalar, "maxLength");
        if member_kind(schema) == Some("array") {
            limits.min_items = count(self, fields, "minItems");
            limits.max_items = count(self, fields, "maxItems");
        }
        if let Some(values) = member(scalar, "enum") {
            match &values.kind {
                Kind::Array(values) => {
                    limits.values = values
                        .iter()
                        .filter_map(|v| match &v.kind {
                            Kind::String(s) => Some(s.to_string()),
                            Kind::Number(n) => Some((*n).to_owned()),
                            Kind::Bool(b) => Some(b.to_string()),
                            _ => None,
                        })
                        .collect();
                }
                _ => self.note(values, format!("{at}: \"enum\" is not an array: ignored")),
            }
        }
        limits
    }

    /// `{"400": [{"errorCode": ..., "errorMessage": ...}], ...}`.
    fn error_codes(&mut self, value: &Value, op: &str, out: &mut Vec<MetaCode>) {
        let Some(statuses) = self.object(value, "\"errorCodes\"") else {
            return;
        };
        for status in statuses {
            let Some(entries) = self.array(&status.value, "the codes of a status") else {
                continue;
            };
            let Some(code_status) = status.key.parse().ok().and_then(Status::new) else {
                self.note(
                    &status.value,
                    format!(
                        "{op}: rejected the codes under `{}`: not an HTTP error status",
                        status.key
                    ),
                );
                continue;
            };
            for entry in entries {
                let Some(fields) = self.object(entry, "an error code") else {
                    continue;
                };
                let Some(raw) = member(fields, "errorCode") else {
                    self.note(entry, format!("{op}: rejected an entry without errorCode"));
                    continue;
                };
                let written = match &raw.kind {
                    Kind::String(s) => s.to_string(),
                    Kind::Number(n) => (*n).to_owned(),
                    _ => String::new(),
                };
                let code = match normalize(&written) {
                    Ok(code) => {
                        if code != written {
                            self.note(
                                raw,
                                format!("{op}: normalized the code {written:?} to `{code}`"),
                            );
                        }
                        code
                    }
                    Err(why) => {
                        self.note(raw, format!("{op}: rejected the code {written:?}: {why}"));
                        continue;
                    }
                };
                let message = member(fields, "errorMessage")
                    .and_then(text)
                    .unwrap_or("")
                    .trim()
                    .to_owned();
                out.push(MetaCode {
                    operation: op.to_owned(),
                    code,
                    status: code_status,
                    message,
                });
            }
        }
    }

    fn object<'x, 'y>(&mut self, value: &'x Value<'y>, what: &str) -> Option<&'x [Member<'y>]> {
        match &value.kind {
            Kind::Object(members) => Some(members),
            other => {
                self.problem(
                    value,
                    format!("{what} must be an object, found {}", other.name()),
                    "see the metadata's README",
                );
                None
            }
        }
    }

    fn array<'x, 'y>(&mut self, value: &'x Value<'y>, what: &str) -> Option<&'x [Value<'y>]> {
        match &value.kind {
            Kind::Array(items) => Some(items),
            other => {
                self.problem(
                    value,
                    format!("{what} must be an array, found {}", other.name()),
                    "see the metadata's README",
                );
                None
            }
        }
    }

    /// An object, or `None` without a problem (a part the import does not
    /// need, such as a response other than 200).
    fn object_quiet<'x, 'y>(&self, value: &'x Value<'y>) -> Option<&'x [Member<'y>]> {
        match &value.kind {
            Kind::Object(members) => Some(members),
            _ => None,
        }
    }
}

/// The code as a server sends it, or why it is not one: white space around
/// a code is dropped; a code with white space inside, a `%s` (a template),
/// nothing but digits (a status, not a code) or another character than
/// letters, digits, `.`, `_` and `-` is rejected.
pub fn normalize(written: &str) -> Result<String, &'static str> {
    let code = written.trim();
    if code.is_empty() {
        Err("it is empty")
    } else if code.contains(char::is_whitespace) {
        Err("it has white space inside")
    } else if code.contains('%') {
        Err("it is a template (`%s`), not a code")
    } else if code.bytes().all(|b| b.is_ascii_digit()) {
        Err("it is a bare number")
    } else if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        Err("it has a character other than letters, digits, `.`, `_` and `-`")
    } else {
        Ok(code.to_owned())
    }
}

/// Whether an operation is called without an access key: its `security`
/// lists schemes and none is `AK` (`Anonymous`, a product's own token
/// such as `accessTokenAuth`, STS's `ARS_OIDC`). No `security`: signed.
fn is_anonymous(fields: &[Member<'_>]) -> bool {
    let Some(Kind::Array(schemes)) = member(fields, "security").map(|s| &s.kind) else {
        return false;
    };
    let names = || {
        schemes.iter().flat_map(|scheme| match &scheme.kind {
            Kind::Object(members) => members.iter().map(|m| &*m.key).collect(),
            _ => Vec::new(),
        })
    };
    names().next().is_some() && names().all(|name| name != "AK")
}

fn member<'v, 'a>(members: &'v [Member<'a>], key: &str) -> Option<&'v Value<'a>> {
    members.iter().find(|m| m.key == key).map(|m| &m.value)
}

fn text<'v>(value: &'v Value) -> Option<&'v str> {
    match &value.kind {
        Kind::String(s) => Some(s),
        _ => None,
    }
}

/// Where a node is: a whole body takes shapes a field does not, and only
/// a property's value is a list wrapper (a body, a component, a list's
/// items and a map's values stay structs: a wrapper is a field's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Body,
    Component,
    Field,
    Collected,
}

/// An operation's success schema: `responses."200".schema`, or the first
/// other 2xx status that has one.
fn success_schema<'v, 'a>(fields: &'v [Member<'a>]) -> Option<&'v Value<'a>> {
    let Kind::Object(statuses) = &member(fields, "responses")?.kind else {
        return None;
    };
    let schema_of = |status: &'v Member<'a>| match &status.value.kind {
        Kind::Object(response) => member(response, "schema"),
        _ => None,
    };
    statuses
        .iter()
        .filter(|s| s.key == "200")
        .chain(
            statuses
                .iter()
                .filter(|s| s.key.starts_with('2') && s.key.len() == 3),
        )
        .find_map(schema_of)
}

/// A component that becomes a struct: an object with properties.
fn is_object_schema(value: &Value) -> bool {
    let Kind::Object(fields) = &value.kind else {
        return false;
    };
    let typed_object = member(fields, "type")
        .and_then(text)
        .is_none_or(|t| t == "object");
    let has_properties = member(fields, "properties")
        .is_some_and(|p| matches!(&p.kind, Kind::Object(members) if !members.is_empty()));
    typed_object && has_properties && member(fields, "$ref").is_none()
}

fn member_kind<'v>(value: &'v Value) -> Option<&'v str> {
    match &value.kind {
        Kind::Object(members) => member(members, "type").and_then(text),
        _ => None,
    }
}

/// The codes of `codes` by operation, for merging.
pub fn codes_by_operation(codes: &[MetaCode]) -> BTreeMap<&str, Vec<&MetaCode>> {
    let mut by_operation: BTreeMap<&str, Vec<&MetaCode>> = BTreeMap::new();
    for code in codes {
        by_operation.entry(&code.operation).or_default().push(code);
    }
    by_operation
}
