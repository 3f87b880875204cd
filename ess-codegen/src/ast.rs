//! A spec as written: every value the JSON holds, with where it is, before
//! any check of what it means.
//!
//! Reading reports only what the JSON's shape makes unreadable: a value of
//! the wrong JSON type, a key the format does not have, a key given twice.
//! What the values mean (a missing key, an empty code, a status out of
//! range, a duplicate code) is [`crate::valid`]'s to check.

use crate::diagnostic::{Cx, Diagnostic, SourceText};
use crate::json::{Kind, Member, Span, Value};
use crate::suggest;

/// A value and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

/// The whole spec.
pub(crate) struct Spec {
    /// The root object, for problems with the spec as a whole.
    pub(crate) span: Span,
    pub(crate) schema: Option<Spanned<String>>,
    pub(crate) service: Option<Spanned<String>>,
    pub(crate) api_version: Option<Spanned<String>>,
    /// `None` when the spec has no `errors` key.
    pub(crate) errors: Option<Vec<Entry>>,
    pub(crate) common: Vec<Spanned<String>>,
    pub(crate) operations: Vec<Operation>,
    /// The members of `components`: each a name and its node.
    pub(crate) components: Vec<Response>,
    /// `numbered_names`: derived struct names that meet take a number.
    pub(crate) numbered_names: Option<Spanned<bool>>,
    pub(crate) responses: Vec<Response>,
    /// `style`: `RPC`, `ROA`, ...
    pub(crate) style: Option<Spanned<String>>,
    /// `endpoints`: each region and its host.
    pub(crate) endpoints: Vec<(Spanned<String>, Spanned<String>)>,
    pub(crate) requests: Vec<Request>,
}

/// One member of `requests`: an operation's methods, path and parameters.
pub(crate) struct Request {
    pub(crate) operation: Spanned<String>,
    pub(crate) methods: Vec<Spanned<String>>,
    pub(crate) path: Field<String>,
    pub(crate) read_only: Field<bool>,
    pub(crate) anonymous: Field<bool>,
    /// The parameters as the properties of one object node, so that their
    /// values are checked and named as a response's are.
    pub(crate) parameters: Node,
    /// What only parameters say, in the order of `parameters`' properties.
    pub(crate) wire: Vec<Wire>,
}

/// The keys only a parameter has: where it goes, and its style.
#[derive(Default)]
pub(crate) struct Wire {
    pub(crate) location: Field<String>,
    pub(crate) style: Field<String>,
}

/// The limits of a parameter's value, or of a field of one (a request's
/// properties, at any depth).
#[derive(Default)]
pub(crate) struct Limits {
    pub(crate) minimum: Field<Number>,
    pub(crate) maximum: Field<Number>,
    pub(crate) exclusive_minimum: Field<bool>,
    pub(crate) exclusive_maximum: Field<bool>,
    pub(crate) min_length: Field<Number>,
    pub(crate) max_length: Field<Number>,
    pub(crate) min_items: Field<Number>,
    pub(crate) max_items: Field<Number>,
    pub(crate) values: Option<Vec<Spanned<String>>>,
}

/// One member of `responses` (an operation and its response body) or of
/// `components` (a name and its node).
pub(crate) struct Response {
    pub(crate) operation: Spanned<String>,
    pub(crate) body: Node,
}

/// A node of a response tree: the body, a property's value, an array's
/// items.
pub(crate) struct Node {
    pub(crate) span: Span,
    pub(crate) kind: Field<String>,
    pub(crate) format: Field<String>,
    pub(crate) description: Option<Vec<(Spanned<String>, Spanned<String>)>>,
    pub(crate) example: Field<String>,
    pub(crate) type_name: Field<String>,
    /// `None` when the node has no `properties` key.
    pub(crate) properties: Option<Vec<Property>>,
    pub(crate) items: Option<Box<Node>>,
    /// A map's `values`.
    pub(crate) values: Option<Box<Node>>,
    pub(crate) wrapper: Field<String>,
    /// `ref`: the name of a component.
    pub(crate) reference: Field<String>,
}

impl Node {
    /// An object node with nothing in it yet, at `span`.
    fn object_at(span: Span) -> Node {
        Node {
            span,
            kind: Field::Read(Spanned {
                value: "object".to_owned(),
                span,
            }),
            format: Field::Absent,
            description: None,
            example: Field::Absent,
            type_name: Field::Absent,
            properties: None,
            items: None,
            values: None,
            wrapper: Field::Absent,
            reference: Field::Absent,
        }
    }
}

/// One member of an object's `properties`.
pub(crate) struct Property {
    pub(crate) name: Spanned<String>,
    pub(crate) node: Node,
    pub(crate) required: Field<bool>,
    pub(crate) field: Field<String>,
    pub(crate) limits: Limits,
}

/// One object of `errors`.
pub(crate) struct Entry {
    pub(crate) span: Span,
    pub(crate) code: Field<String>,
    pub(crate) http_status: Field<Number>,
    pub(crate) message: Field<String>,
    pub(crate) description: Option<Vec<(Spanned<String>, Spanned<String>)>>,
    pub(crate) variant: Field<String>,
    pub(crate) retry: Field<String>,
}

/// A key's value: absent, present but of the wrong JSON type (already
/// reported), or read.
#[derive(Default)]
pub(crate) enum Field<T> {
    #[default]
    Absent,
    Unreadable,
    Read(Spanned<T>),
}

impl<T> Field<T> {
    pub(crate) fn read(&self) -> Option<&Spanned<T>> {
        match self {
            Field::Read(value) => Some(value),
            Field::Absent | Field::Unreadable => None,
        }
    }
}

/// A JSON number, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Number(pub(crate) String);

/// One member of `operations`.
pub(crate) struct Operation {
    pub(crate) name: Spanned<String>,
    pub(crate) codes: Vec<OperationCode>,
}

/// One code of an operation: `"Code": 400`, `"Code": { ... }` or
/// `"Code": [{ ... }, ...]`.
pub(crate) struct OperationCode {
    pub(crate) code: Spanned<String>,
    /// Where the value is, for an empty list of rows.
    pub(crate) span: Span,
    /// `None` when the value is of the wrong JSON type (already reported).
    pub(crate) rows: Option<Vec<Row>>,
}

/// One row of an operation's code.
pub(crate) struct Row {
    pub(crate) span: Span,
    pub(crate) http_status: Field<Number>,
    pub(crate) message: Field<String>,
    pub(crate) description: Option<Vec<(Spanned<String>, Spanned<String>)>>,
}

const TOP_KEYS: &[&str] = &[
    "$schema",
    "service",
    "api_version",
    "errors",
    "common",
    "operations",
    "components",
    "numbered_names",
    "responses",
    "style",
    "endpoints",
    "requests",
];
const REQUEST_KEYS: &[&str] = &["methods", "path", "read_only", "anonymous", "parameters"];
const ENTRY_KEYS: &[&str] = &[
    "code",
    "http_status",
    "message",
    "description",
    "variant",
    "retry",
];
const ROW_KEYS: &[&str] = &["http_status", "message", "description"];
/// The keys of a response node; a property also takes `required` and
/// `field`.
const NODE_KEYS: &[&str] = &[
    "type",
    "format",
    "description",
    "example",
    "type_name",
    "properties",
    "items",
    "values",
    "wrapper",
    "ref",
];
const PROPERTY_KEYS: &[&str] = &concat::<12>(NODE_KEYS, &["required", "field"]);
/// The limits of a value: a request's property takes them, at any depth.
const LIMIT_KEYS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "min_length",
    "max_length",
    "min_items",
    "max_items",
    "enum",
];
/// The keys of a property inside a request's parameter: a property's and
/// the limits.
const REQUEST_PROPERTY_KEYS: &[&str] = &concat::<21>(PROPERTY_KEYS, LIMIT_KEYS);
/// The keys of a parameter: a property's, where it goes and its style,
/// and the limits.
const PARAMETER_KEYS: &[&str] =
    &concat::<23>(&concat::<14>(PROPERTY_KEYS, &["in", "style"]), LIMIT_KEYS);

/// `a` then `b`, as one list of `N` keys (a wrong `N` does not compile).
const fn concat<const N: usize>(a: &[&'static str], b: &[&'static str]) -> [&'static str; N] {
    assert!(a.len() + b.len() == N, "N is the sum of the lengths");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < a.len() { a[i] } else { b[i - a.len()] };
        i += 1;
    }
    out
}

/// Reads the raw spec out of `root`, reporting what cannot be read.
pub(crate) fn read(root: &Value, source: &SourceText, cx: &mut Cx) -> Spec {
    let mut r = Reader {
        source,
        cx,
        in_request: false,
    };
    let mut spec = Spec {
        span: root.span,
        schema: None,
        service: None,
        api_version: None,
        errors: None,
        common: Vec::new(),
        operations: Vec::new(),
        components: Vec::new(),
        numbered_names: None,
        responses: Vec::new(),
        style: None,
        endpoints: Vec::new(),
        requests: Vec::new(),
    };
    let Some(members) = r.object(root, "the spec") else {
        // Not an object: nothing else is worth reporting.
        spec.errors = Some(Vec::new());
        return spec;
    };
    for m in r.known_members(members, TOP_KEYS, "the spec") {
        match &*m.key {
            "$schema" => spec.schema = r.string(&m.value, "\"$schema\"").read().cloned(),
            "service" => spec.service = r.string(&m.value, "\"service\"").read().cloned(),
            "api_version" => {
                spec.api_version = r.string(&m.value, "\"api_version\"").read().cloned();
            }
            "errors" => {
                let entries = match &m.value.kind {
                    Kind::Array(items) => items.iter().filter_map(|item| r.entry(item)).collect(),
                    _ => {
                        r.wrong_type(&m.value, "\"errors\"", "an array of error entries");
                        Vec::new()
                    }
                };
                spec.errors = Some(entries);
            }
            "common" => spec.common = r.common(&m.value),
            "operations" => spec.operations = r.operations(&m.value),
            "numbered_names" => match m.value.kind {
                Kind::Bool(value) => {
                    spec.numbered_names = Some(Spanned {
                        value,
                        span: m.value.span,
                    });
                }
                _ => r.wrong_type(&m.value, "\"numbered_names\"", "true or false"),
            },
            "components" => spec.components = r.responses(&m.value, "\"components\""),
            "responses" => spec.responses = r.responses(&m.value, "\"responses\""),
            "style" => spec.style = r.string(&m.value, "\"style\"").read().cloned(),
            "endpoints" => spec.endpoints = r.endpoints(&m.value),
            "requests" => spec.requests = r.requests(&m.value),
            _ => unreachable!("known_members keeps only known keys"),
        }
    }
    spec
}

struct Reader<'s, 'c> {
    source: &'s SourceText,
    cx: &'c mut Cx,
    /// Reading a request's parameters: their properties take limits.
    in_request: bool,
}

impl Reader<'_, '_> {
    fn entry(&mut self, item: &Value) -> Option<Entry> {
        let members = self.object(item, "an error entry")?;
        let mut entry = Entry {
            span: item.span,
            code: Field::Absent,
            http_status: Field::Absent,
            message: Field::Absent,
            description: None,
            variant: Field::Absent,
            retry: Field::Absent,
        };
        for m in self.known_members(members, ENTRY_KEYS, "an error entry") {
            let v = &m.value;
            match &*m.key {
                "code" => entry.code = self.string(v, "\"code\""),
                "http_status" => entry.http_status = self.number(v, "\"http_status\""),
                "message" => entry.message = self.string(v, "\"message\""),
                "description" => entry.description = self.descriptions(v),
                "variant" => entry.variant = self.string(v, "\"variant\""),
                "retry" => entry.retry = self.string(v, "\"retry\""),
                _ => unreachable!("known_members keeps only known keys"),
            }
        }
        Some(entry)
    }

    fn common(&mut self, value: &Value) -> Vec<Spanned<String>> {
        let Kind::Array(items) = &value.kind else {
            self.wrong_type(value, "\"common\"", "an array of codes");
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(item, "an item of \"common\"").read().cloned())
            .collect()
    }

    fn operations(&mut self, value: &Value) -> Vec<Operation> {
        let Some(members) = self.object(value, "\"operations\"") else {
            return Vec::new();
        };
        let mut operations = Vec::with_capacity(members.len());
        for op in members {
            let Some(codes) = self.object(&op.value, "an operation") else {
                continue;
            };
            let codes = codes
                .iter()
                .map(|code| OperationCode {
                    code: spanned_key(code),
                    span: code.value.span,
                    rows: self.rows(&code.value),
                })
                .collect();
            operations.push(Operation {
                name: spanned_key(op),
                codes,
            });
        }
        operations
    }

    /// `400`, `{ "http_status": 400, ... }` or `[{ ... }, ...]`.
    fn rows(&mut self, value: &Value) -> Option<Vec<Row>> {
        Some(match &value.kind {
            Kind::Number(_) => vec![Row {
                span: value.span,
                http_status: self.number(value, "the code's status"),
                message: Field::Absent,
                description: None,
            }],
            Kind::Object(_) => self.row(value).into_iter().collect(),
            Kind::Array(items) => items.iter().filter_map(|item| self.row(item)).collect(),
            _ => {
                self.cx.push(
                    Diagnostic::at(
                        self.source,
                        value.span,
                        format!(
                            "what an operation says of a code must be a status, an object or an array of objects, found {}",
                            value.kind.name()
                        ),
                    )
                    .help("write \"Code\": 400, or \"Code\": {\"http_status\": 400, \"message\": \"...\"}"),
                );
                return None;
            }
        })
    }

    fn row(&mut self, value: &Value) -> Option<Row> {
        let members = self.object(value, "a row of an operation's code")?;
        let mut row = Row {
            span: value.span,
            http_status: Field::Absent,
            message: Field::Absent,
            description: None,
        };
        for m in self.known_members(members, ROW_KEYS, "a row of an operation's code") {
            let v = &m.value;
            match &*m.key {
                "http_status" => row.http_status = self.number(v, "\"http_status\""),
                "message" => row.message = self.string(v, "\"message\""),
                "description" => row.description = self.descriptions(v),
                _ => unreachable!("known_members keeps only known keys"),
            }
        }
        Some(row)
    }

    fn responses(&mut self, value: &Value, what: &str) -> Vec<Response> {
        let Some(members) = self.object(value, what) else {
            return Vec::new();
        };
        members
            .iter()
            .filter_map(|m| {
                let body = self.node(&m.value, NODE_KEYS, "a response")?;
                Some(Response {
                    operation: spanned_key(m),
                    body: body.0,
                })
            })
            .collect()
    }

    /// A node of a response tree, and (for a property) its `required` and
    /// `field`. The recursion is as deep as the JSON, which its reader
    /// bounds.
    fn node(
        &mut self,
        value: &Value,
        keys: &[&str],
        what: &str,
    ) -> Option<(Node, Field<bool>, Field<String>, Limits)> {
        self.node_with(value, keys, what, None)
    }

    /// [`Reader::node`], and a parameter's own keys into `wire`.
    fn node_with(
        &mut self,
        value: &Value,
        keys: &[&str],
        what: &str,
        mut wire: Option<&mut Wire>,
    ) -> Option<(Node, Field<bool>, Field<String>, Limits)> {
        let members = self.object(value, what)?;
        let mut node = Node {
            span: value.span,
            kind: Field::Absent,
            format: Field::Absent,
            description: None,
            example: Field::Absent,
            type_name: Field::Absent,
            properties: None,
            items: None,
            values: None,
            wrapper: Field::Absent,
            reference: Field::Absent,
        };
        let (mut required, mut field) = (Field::Absent, Field::Absent);
        let mut limits = Limits::default();
        for m in self.known_members(members, keys, what) {
            let v = &m.value;
            match &*m.key {
                "type" => node.kind = self.string(v, "\"type\""),
                "format" => node.format = self.string(v, "\"format\""),
                "description" => node.description = self.descriptions(v),
                "example" => node.example = self.string(v, "\"example\""),
                "type_name" => node.type_name = self.string(v, "\"type_name\""),
                "wrapper" => node.wrapper = self.string(v, "\"wrapper\""),
                "ref" => node.reference = self.string(v, "\"ref\""),
                "field" => field = self.string(v, "\"field\""),
                "required" => required = self.boolean(v, "\"required\""),
                "items" => {
                    node.items = self
                        .node(v, NODE_KEYS, "\"items\"")
                        .map(|(items, ..)| Box::new(items));
                }
                "values" => {
                    node.values = self
                        .node(v, NODE_KEYS, "\"values\"")
                        .map(|(values, ..)| Box::new(values));
                }
                "properties" => {
                    let Some(properties) = self.object(v, "\"properties\"") else {
                        node.properties = Some(Vec::new());
                        continue;
                    };
                    let properties = properties
                        .iter()
                        .filter_map(|p| {
                            let keys = match self.in_request {
                                true => REQUEST_PROPERTY_KEYS,
                                false => PROPERTY_KEYS,
                            };
                            let (node, required, field, limits) =
                                self.node(&p.value, keys, "a property")?;
                            Some(Property {
                                name: spanned_key(p),
                                node,
                                required,
                                field,
                                limits,
                            })
                        })
                        .collect();
                    node.properties = Some(properties);
                }
                "in" | "style" => match wire.as_deref_mut() {
                    Some(wire) => self.wire_key(wire, &m.key, v),
                    None => unreachable!("known_members keeps only known keys"),
                },
                key => self.limit_key(&mut limits, key, v),
            }
        }
        Some((node, required, field, limits))
    }

    /// `{"cn-hangzhou": "ess.aliyuncs.com", ...}`.
    fn endpoints(&mut self, value: &Value) -> Vec<(Spanned<String>, Spanned<String>)> {
        let Some(members) = self.object(value, "\"endpoints\"") else {
            return Vec::new();
        };
        members
            .iter()
            .filter_map(|m| {
                let host = self
                    .string(&m.value, "an endpoint's host")
                    .read()
                    .cloned()?;
                Some((spanned_key(m), host))
            })
            .collect()
    }

    fn requests(&mut self, value: &Value) -> Vec<Request> {
        let Some(members) = self.object(value, "\"requests\"") else {
            return Vec::new();
        };
        let mut requests = Vec::with_capacity(members.len());
        for m in members {
            let Some(fields) = self.object(&m.value, "a request") else {
                continue;
            };
            let mut request = Request {
                operation: spanned_key(m),
                methods: Vec::new(),
                path: Field::Absent,
                read_only: Field::Absent,
                anonymous: Field::Absent,
                parameters: Node::object_at(m.value.span),
                wire: Vec::new(),
            };
            let mut properties = Vec::new();
            for f in self.known_members(fields, REQUEST_KEYS, "a request") {
                let v = &f.value;
                match &*f.key {
                    "methods" => {
                        request.methods = match &v.kind {
                            Kind::Array(items) => items
                                .iter()
                                .filter_map(|item| self.string(item, "a method").read().cloned())
                                .collect(),
                            _ => {
                                self.wrong_type(v, "\"methods\"", "an array of methods");
                                Vec::new()
                            }
                        }
                    }
                    "path" => request.path = self.string(v, "\"path\""),
                    "read_only" => request.read_only = self.boolean(v, "\"read_only\""),
                    "anonymous" => request.anonymous = self.boolean(v, "\"anonymous\""),
                    "parameters" => {
                        let Some(parameters) = self.object(v, "\"parameters\"") else {
                            continue;
                        };
                        request.parameters.span = v.span;
                        self.in_request = true;
                        for p in parameters {
                            let mut wire = Wire::default();
                            let Some((node, required, field, limits)) = self.node_with(
                                &p.value,
                                PARAMETER_KEYS,
                                "a parameter",
                                Some(&mut wire),
                            ) else {
                                continue;
                            };
                            properties.push(Property {
                                name: spanned_key(p),
                                node,
                                required,
                                field,
                                limits,
                            });
                            request.wire.push(wire);
                        }
                        self.in_request = false;
                    }
                    _ => unreachable!("known_members keeps only known keys"),
                }
            }
            request.parameters.properties = Some(properties);
            requests.push(request);
        }
        requests
    }

    /// `in` or `style`.
    fn wire_key(&mut self, wire: &mut Wire, key: &str, v: &Value) {
        let what = format!("\"{key}\"");
        match key {
            "in" => wire.location = self.string(v, &what),
            "style" => wire.style = self.string(v, &what),
            _ => unreachable!("called for `in` and `style`"),
        }
    }

    /// One of a limit's keys.
    fn limit_key(&mut self, limits: &mut Limits, key: &str, v: &Value) {
        let what = format!("\"{key}\"");
        match key {
            "minimum" => limits.minimum = self.limit(v, &what),
            "maximum" => limits.maximum = self.limit(v, &what),
            "min_length" => limits.min_length = self.limit(v, &what),
            "max_length" => limits.max_length = self.limit(v, &what),
            "min_items" => limits.min_items = self.limit(v, &what),
            "max_items" => limits.max_items = self.limit(v, &what),
            "exclusive_minimum" => limits.exclusive_minimum = self.boolean(v, &what),
            "exclusive_maximum" => limits.exclusive_maximum = self.boolean(v, &what),
            "enum" => {
                limits.values = match &v.kind {
                    Kind::Array(items) => Some(
                        items
                            .iter()
                            .filter_map(|item| {
                                self.string(item, "a value of \"enum\"").read().cloned()
                            })
                            .collect(),
                    ),
                    _ => {
                        self.wrong_type(v, "\"enum\"", "an array of strings");
                        None
                    }
                }
            }
            _ => unreachable!("known_members keeps only known keys"),
        }
    }

    /// A limit: a number, as written.
    fn limit(&mut self, value: &Value, what: &str) -> Field<Number> {
        match &value.kind {
            Kind::Number(raw) => Field::Read(Spanned {
                value: Number(raw.to_string()),
                span: value.span,
            }),
            _ => {
                self.wrong_type(value, what, "a number");
                Field::Unreadable
            }
        }
    }

    fn boolean(&mut self, value: &Value, what: &str) -> Field<bool> {
        match value.kind {
            Kind::Bool(b) => Field::Read(Spanned {
                value: b,
                span: value.span,
            }),
            _ => {
                self.wrong_type(value, what, "true or false");
                Field::Unreadable
            }
        }
    }

    /// `{"en": "...", "zh": "..."}`: the tags and texts, as written.
    fn descriptions(&mut self, value: &Value) -> Option<Vec<(Spanned<String>, Spanned<String>)>> {
        let Kind::Object(members) = &value.kind else {
            self.cx.push(
                wrong_type(self.source, value, "\"description\"", "an object")
                    .help("write it as {\"en\": \"...\", \"zh\": \"...\"}"),
            );
            return None;
        };
        Some(
            members
                .iter()
                .filter_map(|m| {
                    let what = format!("\"description.{}\"", m.key);
                    let text = self.string(&m.value, &what).read().cloned()?;
                    Some((spanned_key(m), text))
                })
                .collect(),
        )
    }

    fn object<'v, 'a>(&mut self, value: &'v Value<'a>, what: &str) -> Option<&'v [Member<'a>]> {
        match &value.kind {
            Kind::Object(members) => Some(members),
            _ => {
                self.wrong_type(value, what, "an object");
                None
            }
        }
    }

    /// The members whose keys the format has, each once; reports the
    /// others.
    fn known_members<'v, 'a>(
        &mut self,
        members: &'v [Member<'a>],
        known: &[&str],
        what: &str,
    ) -> Vec<&'v Member<'a>> {
        let mut kept: Vec<&Member> = Vec::with_capacity(members.len());
        for m in members {
            if !known.contains(&&*m.key) {
                let keys: Vec<String> = known.iter().map(|k| format!("\"{k}\"")).collect();
                let keys = format!("keys of {what} are {}", keys.join(", "));
                let help = match suggest::did_you_mean(&m.key, known.iter().copied(), '"') {
                    Some(close) => format!("{close} The {keys}"),
                    None => format!("the {keys}"),
                };
                self.cx.push(
                    Diagnostic::at(
                        self.source,
                        m.key_span,
                        format!("unknown key \"{}\" in {what}", m.key),
                    )
                    .help(help),
                );
            } else if let Some(first) = kept.iter().find(|k| k.key == m.key) {
                let first = self.source.place(first.key_span);
                self.cx.push(
                    Diagnostic::at(
                        self.source,
                        m.key_span,
                        format!("\"{}\" is given twice in {what}", m.key),
                    )
                    .help(format!("remove one of them (the other is at {first})")),
                );
            } else {
                kept.push(m);
            }
        }
        kept
    }

    fn string(&mut self, value: &Value, what: &str) -> Field<String> {
        match &value.kind {
            Kind::String(s) => Field::Read(Spanned {
                value: s.to_string(),
                span: value.span,
            }),
            _ => {
                self.wrong_type(value, what, "a string");
                Field::Unreadable
            }
        }
    }

    /// A number; `what` names it in messages, as a quoted key or in words.
    fn number(&mut self, value: &Value, what: &str) -> Field<Number> {
        match &value.kind {
            Kind::Number(raw) => Field::Read(Spanned {
                value: Number(raw.to_string()),
                span: value.span,
            }),
            other => {
                let mut d = wrong_type(self.source, value, what, "an integer from 400 to 599");
                if let Kind::String(s) = other {
                    d = d.help(if what.starts_with('"') {
                        format!("remove the quotes: {what}: {s}")
                    } else {
                        format!("remove the quotes: {s}")
                    });
                }
                self.cx.push(d);
                Field::Unreadable
            }
        }
    }

    fn wrong_type(&mut self, value: &Value, what: &str, expected: &str) {
        self.cx.push(wrong_type(self.source, value, what, expected));
    }
}

fn wrong_type(source: &SourceText, value: &Value, what: &str, expected: &str) -> Diagnostic {
    Diagnostic::at(
        source,
        value.span,
        format!("{what} must be {expected}, found {}", value.kind.name()),
    )
}

fn spanned_key(member: &Member) -> Spanned<String> {
    Spanned {
        value: member.key.to_string(),
        span: member.key_span,
    }
}
