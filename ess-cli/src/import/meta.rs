//! `ess import meta`: the vendor's OpenAPI metadata (`api-docs.json`) to a
//! spec: the service and API version from `info`, each operation's response
//! tree from `responses."200".schema`, and its `errorCodes`.
//!
//! - An object whose only property is an array is the vendor's list
//!   wrapper: it becomes that array, with the wrapper's item name.
//! - A property name that cannot become a Rust field, or two that would
//!   become one field, get a `field` of their own, and are noted.
//! - A code that cannot be kept as it is (white space around it, a tab
//!   inside, a `%s`, a bare number) is normalized where the intent is clear
//!   (white space around it) and rejected otherwise; each is noted with its
//!   operation.
//! - What the metadata holds that the format does not know (an unknown
//!   type, an array without items) is a problem with its place in the file;
//!   the import then fails, reporting all of them.

use std::collections::BTreeMap;

use ess_codegen::json::{self, Kind, Member, Value};
use ess_codegen::model::{Name, Node, NodeType, Object, Property, Response, Shape, TypeError};
use ess_codegen::{naming, Diagnostic, Problems, SourceText, Status};

use super::docs::Note;

/// What the metadata says.
pub struct Meta {
    /// `info.product`.
    pub service: Option<String>,
    /// `info.version`.
    pub api_version: Option<String>,
    /// One response per operation with a 200 schema, in name order.
    pub responses: Vec<Response>,
    /// The operations' `errorCodes` that were kept, in operation order.
    pub codes: Vec<MetaCode>,
    /// What was normalized, renamed or rejected.
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

/// Reads `source` (the text of an `api-docs.json`); every problem is
/// reported with its place.
pub fn meta(source: &SourceText) -> Result<Meta, Problems> {
    let mut reader = Reader {
        source,
        problems: Vec::new(),
        notes: Vec::new(),
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

struct Reader<'s> {
    source: &'s SourceText,
    problems: Vec<Diagnostic>,
    notes: Vec<Note>,
}

impl Reader<'_> {
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

    fn note(&mut self, value: &Value, what: String) {
        let at = self.source.line_column(value.span.start);
        self.notes.push(Note {
            file: self.source.origin.clone(),
            line: at.line,
            what,
        });
    }

    fn read(&mut self, root: &Value) -> Meta {
        let mut meta = Meta {
            service: None,
            api_version: None,
            responses: Vec::new(),
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
        let mut apis: Vec<&Member> = apis.iter().collect();
        apis.sort_by(|a, b| a.key.cmp(&b.key));
        meta.operations = apis.len();
        for api in apis {
            let op = api.key.to_string();
            let Some(fields) = self.object(&api.value, "an operation") else {
                continue;
            };
            let schema = member(fields, "responses")
                .and_then(|r| self.object_quiet(r))
                .and_then(|r| member(r, "200"))
                .and_then(|r| self.object_quiet(r))
                .and_then(|r| member(r, "schema"));
            if let Some(schema) = schema {
                let description = ["summary", "title"]
                    .iter()
                    .find_map(|key| {
                        member(fields, key)
                            .and_then(text)
                            .filter(|t| !t.trim().is_empty())
                    })
                    .map(|t| vec![("zh".to_owned(), t.trim().to_owned())])
                    .unwrap_or_default();
                if let Some(body) = self.object_node(schema, &op) {
                    meta.responses.push(Response {
                        operation: op.clone(),
                        description,
                        body,
                    });
                }
            }
            if let Some(codes) = member(fields, "errorCodes") {
                self.error_codes(codes, &op, &mut meta.codes);
            }
        }
        meta
    }

    /// The response body: an object node.
    fn object_node(&mut self, schema: &Value, op: &str) -> Option<Object> {
        let node = self.node(schema, op)?;
        match node.shape {
            Shape::Object(object) => Some(object),
            _ => {
                self.problem(
                    schema,
                    format!("the response of {op} is not an object"),
                    "a response body is an object with \"properties\"",
                );
                None
            }
        }
    }

    /// A schema node; `path` names it in notes.
    fn node(&mut self, value: &Value, path: &str) -> Option<Node> {
        let fields = self.object(value, "a schema")?;
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
        let Some(kind_value) = member(fields, "type") else {
            self.problem(
                value,
                format!("{path}: a schema without \"type\""),
                "give it \"type\"",
            );
            return None;
        };
        let Some(kind) = text(kind_value) else {
            self.problem(
                kind_value,
                format!("{path}: \"type\" must be a string"),
                "give the type as a string",
            );
            return None;
        };
        let format = member(fields, "format").and_then(text);
        let node_type = match NodeType::read(kind, format) {
            Ok(node_type) => node_type,
            Err(TypeError::UnknownType) => {
                self.problem(
                    kind_value,
                    format!("{path}: unknown type `{kind}`"),
                    "the types are string, integer, number, boolean, object and array",
                );
                return None;
            }
            Err(TypeError::UnknownFormat { known }) => {
                let at = member(fields, "format").unwrap_or(value);
                self.problem(
                    at,
                    format!(
                        "{path}: unknown {kind} format `{}`",
                        format.unwrap_or_default()
                    ),
                    &format!("the formats of {kind} are {known}"),
                );
                return None;
            }
        };
        let shape = match node_type {
            NodeType::Scalar(scalar) => Shape::from(scalar),
            NodeType::Object => {
                let properties = match member(fields, "properties") {
                    Some(properties) => self.object(properties, "\"properties\"")?,
                    None => &[],
                };
                // The vendor's list wrapper: an object whose only property
                // is an array.
                if let [only] = properties {
                    if member_kind(&only.value) == Some("array") {
                        let mut list = self.node(&only.value, &format!("{path}.{}", only.key))?;
                        if let Shape::Array { wrapper, .. } = &mut list.shape {
                            *wrapper = Some(only.key.to_string());
                        }
                        if list.description.is_empty() {
                            list.description = description;
                        }
                        return Some(list);
                    }
                }
                Shape::Object(self.object_shape(properties, path)?)
            }
            NodeType::Array => {
                let Some(items) = member(fields, "items") else {
                    self.problem(
                        value,
                        format!("{path}: an array without \"items\""),
                        "give the array its \"items\"",
                    );
                    return None;
                };
                let items = self.node(items, &format!("{path}[]"))?;
                if matches!(items.shape, Shape::Array { .. }) {
                    self.problem(
                        value,
                        format!("{path}: an array of arrays"),
                        "the format has no array of arrays",
                    );
                    return None;
                }
                Shape::Array {
                    wrapper: None,
                    items: Box::new(items),
                }
            }
        };
        Some(Node {
            shape,
            description,
            example,
        })
    }

    /// An object's properties, each with a field of its own: the naming
    /// rule's, or (where that fails or two collide) one given here.
    fn object_shape(&mut self, properties: &[Member], path: &str) -> Option<Object> {
        let mut out: Vec<Property> = Vec::with_capacity(properties.len());
        let mut failed = false;
        for property in properties {
            let name = property.key.to_string();
            let Some(node) = self.node(&property.value, &format!("{path}.{name}")) else {
                failed = true;
                continue;
            };
            let field = match naming::field_name(&name) {
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
                    self.note(
                        &property.value,
                        format!("{path}.{name} is the field `{rust}`"),
                    );
                    Name {
                        rust,
                        explicit: true,
                    }
                }
            };
            out.push(Property {
                name,
                field,
                required: false,
                node,
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
        (!failed).then_some(Object {
            type_name: Name {
                rust,
                explicit: false,
            },
            properties: out,
        })
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

    fn object<'v, 'a>(&mut self, value: &'v Value<'a>, what: &str) -> Option<&'v [Member<'a>]> {
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

    fn array<'v, 'a>(&mut self, value: &'v Value<'a>, what: &str) -> Option<&'v [Value<'a>]> {
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
    fn object_quiet<'v, 'a>(&mut self, value: &'v Value<'a>) -> Option<&'v [Member<'a>]> {
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

fn member<'v, 'a>(members: &'v [Member<'a>], key: &str) -> Option<&'v Value<'a>> {
    members.iter().find(|m| m.key == key).map(|m| &m.value)
}

fn text<'v>(value: &'v Value) -> Option<&'v str> {
    match &value.kind {
        Kind::String(s) => Some(s),
        _ => None,
    }
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
