//! A spec after every check: each value is what the code generator emits,
//! with nothing left to fill in. The checks build it from the spec as
//! written; the importers build it directly and write it out with
//! [`Spec::to_json`].

use std::fmt;

/// A service's error-code catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spec {
    /// `$schema`: where editors find the JSON Schema.
    pub schema: Option<String>,
    /// The service name, e.g. `Ess`.
    pub service: Option<String>,
    /// The API version, e.g. `2014-08-28`.
    pub api_version: Option<String>,
    /// The codes, in file order; each code once, each variant name once.
    pub errors: Vec<ErrorDef>,
    /// The codes every operation may return, each one of `errors`.
    pub common: Vec<String>,
    /// The operations that document their codes, each name once.
    pub operations: Vec<Operation>,
    /// Derived struct names that still meet take a number (`Data2`) rather
    /// than being an error: what the metadata importer asks for.
    pub numbered_names: bool,
    /// The types the responses share (`components.schemas` of the vendor's
    /// metadata), each name once.
    pub components: Vec<Component>,
    /// The response bodies of operations, each operation once.
    pub responses: Vec<Response>,
    /// How the service is called: `RPC`, `ROA`, `V3`, ... (the metadata's
    /// `info.style`).
    pub style: Option<String>,
    /// Each region and its host, in file order.
    pub endpoints: Vec<(String, String)>,
    /// The requests of operations, each operation once.
    pub requests: Vec<Request>,
}

impl Spec {
    /// The entry of `code`.
    pub fn error(&self, code: &str) -> Option<&ErrorDef> {
        self.errors.iter().find(|def| def.code == code)
    }

    /// The operation named `name`.
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.name == name)
    }

    /// The response of operation `name`.
    pub fn response(&self, name: &str) -> Option<&Response> {
        self.responses.iter().find(|r| r.operation == name)
    }

    /// The request of operation `name`.
    pub fn request(&self, name: &str) -> Option<&Request> {
        self.requests.iter().find(|r| r.operation == name)
    }

    /// The component named `name`.
    pub fn component(&self, name: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.name == name)
    }
}

/// One error code of a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDef {
    /// The code exactly as the server sends it.
    pub code: String,
    /// The usual HTTP status for this code.
    pub status: Status,
    /// The English message template as published.
    pub message: String,
    /// Descriptions by language tag, in file order.
    pub descriptions: Descriptions,
    /// The Rust variant name.
    pub variant: Variant,
    /// Whether and how a retry makes sense, as the spec states it.
    pub retry: Option<Retry>,
}

/// Texts by language tag (`en`, `zh`, `zh-CN`), in file order, each tag once.
pub type Descriptions = Vec<(String, String)>;

/// A variant name, and whether the spec gives it (`"variant": ...`) or it
/// is derived from the code by [`crate::naming::variant_name`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The name.
    pub name: String,
    /// The spec gives it.
    pub explicit: bool,
}

/// An HTTP error status: 400 to 599, the only statuses a spec lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Status(u16);

impl Status {
    /// The statuses of error responses.
    pub const RANGE: std::ops::RangeInclusive<u16> = 400..=599;

    /// `status`, if it is an error status.
    pub fn new(status: u16) -> Option<Status> {
        Self::RANGE.contains(&status).then_some(Status(status))
    }

    /// The status as a number.
    pub fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A code's retry class, as the spec states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retry {
    /// The request was rate-limited: back off, then retry.
    Throttling,
    /// A temporary server-side failure: retrying is safe.
    Transient,
}

impl Retry {
    /// Every class, with the spelling a spec uses.
    pub const ALL: [(&'static str, Retry); 2] = [
        ("throttling", Retry::Throttling),
        ("transient", Retry::Transient),
    ];

    /// The class a spec spells `name`.
    pub fn from_name(name: &str) -> Option<Retry> {
        Self::ALL
            .iter()
            .find(|(spelling, _)| *spelling == name)
            .map(|&(_, retry)| retry)
    }

    /// The spec's spelling.
    pub fn name(self) -> &'static str {
        match self {
            Retry::Throttling => "throttling",
            Retry::Transient => "transient",
        }
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The codes one operation documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// The action, e.g. `CreateScalingGroup`.
    pub name: String,
    /// Each code once, in file order; each one of the spec's `errors`.
    pub codes: Vec<OperationCode>,
}

impl Operation {
    /// What the operation says of `code`.
    pub fn code(&self, code: &str) -> Option<&OperationCode> {
        self.codes.iter().find(|c| c.code == code)
    }
}

/// What an operation's page says of one code: one row, or several where
/// the page lists the code several times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationCode {
    /// The code.
    pub code: String,
    /// The rows, at least one, in page order.
    pub rows: Vec<Row>,
}

impl OperationCode {
    /// The status the operation gives the code: its first row's.
    pub fn status(&self) -> Option<Status> {
        self.rows.first().map(|row| row.status)
    }
}

/// One row of an operation's error table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The HTTP status on this operation.
    pub status: Status,
    /// The message on this operation, where it differs from the code's.
    pub message: Option<String>,
    /// The descriptions on this operation, where they differ from the
    /// code's.
    pub descriptions: Descriptions,
}

impl Row {
    /// A row that says nothing but the status (written `"Code": 400`).
    pub fn status_only(&self) -> bool {
        self.message.is_none() && self.descriptions.is_empty()
    }
}

/// The body of an operation's success response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The action, e.g. `DescribeScalingGroups`.
    pub operation: String,
    /// What the operation does, by language.
    pub description: Descriptions,
    /// The body: most often an object, and any other shape the schema gives.
    pub body: Node,
}

/// The HTTP methods a request may name, as specs write them.
pub const METHODS: [&str; 6] = ["get", "post", "put", "delete", "patch", "head"];

/// How an operation is called: its methods, its path, its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The action, e.g. `DescribeScalingGroups`.
    pub operation: String,
    /// The HTTP methods it takes, lower case, the preferred first.
    pub methods: Vec<String>,
    /// The path of a ROA operation, with a `{Name}` per path parameter.
    pub path: Option<String>,
    /// It only reads (the metadata's `operationType` is `read`): sending it
    /// twice does no harm, so it is retried after any transient failure.
    pub read_only: bool,
    /// It is called with no access key and no signature (the metadata's
    /// `security` names no `AK`: anonymous, or a token of the product's own
    /// in a parameter).
    pub anonymous: bool,
    /// The parameters, as the properties of the request's struct
    /// (`{Op}Request`).
    pub parameters: Object,
    /// Where each parameter goes, in the order of `parameters`.
    pub wire: Vec<Wire>,
}

impl Request {
    /// The method a client sends: the first the metadata names, upper
    /// case; `POST` when it names none.
    pub fn method(&self) -> String {
        self.methods
            .first()
            .map_or("POST".to_owned(), |m| m.to_ascii_uppercase())
    }
}

/// Where a parameter goes, how it is spelled, and what it may be.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wire {
    /// The metadata's `in`.
    pub location: Location,
    /// The metadata's `style`.
    pub style: ParameterStyle,
}

/// The metadata's `in`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Location {
    /// `query`.
    #[default]
    Query,
    /// `formData`.
    FormData,
    /// `path`.
    Path,
    /// `header`.
    Header,
    /// `body`.
    Body,
    /// `host`.
    Host,
}

impl Location {
    /// Every location, by the metadata's name.
    pub const ALL: [(&'static str, Location); 6] = [
        ("query", Location::Query),
        ("formData", Location::FormData),
        ("path", Location::Path),
        ("header", Location::Header),
        ("body", Location::Body),
        ("host", Location::Host),
    ];

    /// The metadata's name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("query", |(name, _)| name)
    }
}

/// The metadata's `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParameterStyle {
    /// None given.
    #[default]
    Plain,
    /// `repeatList`.
    RepeatList,
    /// `flat`.
    Flat,
    /// `json`.
    Json,
    /// `simple`.
    Simple,
    /// `xml`.
    Xml,
}

impl ParameterStyle {
    /// Every style a spec writes, by the metadata's name.
    pub const ALL: [(&'static str, ParameterStyle); 5] = [
        ("repeatList", ParameterStyle::RepeatList),
        ("flat", ParameterStyle::Flat),
        ("json", ParameterStyle::Json),
        ("simple", ParameterStyle::Simple),
        ("xml", ParameterStyle::Xml),
    ];

    /// The metadata's name; `None` for [`ParameterStyle::Plain`].
    pub fn name(self) -> Option<&'static str> {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map(|(name, _)| *name)
    }
}

/// What a parameter's values may be. Numbers are kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Limits {
    /// `minimum`.
    pub minimum: Option<String>,
    /// `maximum`.
    pub maximum: Option<String>,
    /// `exclusive_minimum`.
    pub exclusive_minimum: bool,
    /// `exclusive_maximum`.
    pub exclusive_maximum: bool,
    /// `min_length`.
    pub min_length: Option<u64>,
    /// `max_length`.
    pub max_length: Option<u64>,
    /// `min_items`.
    pub min_items: Option<u64>,
    /// `max_items`.
    pub max_items: Option<u64>,
    /// `enum`: the values allowed, as text.
    pub values: Vec<String>,
}

impl Limits {
    /// No limit at all.
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }

    /// Each limit that is set but `enum`, in the spec's order, by its key:
    /// the spec writes it under that key and the runtime's `Limits` has a
    /// field of that name.
    pub fn set(&self) -> Vec<(&'static str, Limit<'_>)> {
        let numbers = [("minimum", &self.minimum), ("maximum", &self.maximum)]
            .into_iter()
            .filter_map(|(key, n)| Some((key, Limit::Number(n.as_deref()?))));
        let flags = [
            ("exclusive_minimum", self.exclusive_minimum),
            ("exclusive_maximum", self.exclusive_maximum),
        ]
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(key, _)| (key, Limit::Flag));
        let counts = [
            ("min_length", self.min_length),
            ("max_length", self.max_length),
            ("min_items", self.min_items),
            ("max_items", self.max_items),
        ]
        .into_iter()
        .filter_map(|(key, n)| Some((key, Limit::Count(n?))));
        numbers.chain(flags).chain(counts).collect()
    }
}

/// The value of one limit: see [`Limits::set`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit<'a> {
    /// A minimum or maximum, as written.
    Number(&'a str),
    /// An exclusive bound, set.
    Flag,
    /// A length or count.
    Count(u64),
}

/// A type the responses share, generated once for the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Its name in the spec, which references give.
    pub name: String,
    /// What it is, by language.
    pub description: Descriptions,
    /// Its struct.
    pub object: Object,
}

/// An object of a response tree: a generated struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    /// The struct's name: the spec's `type_name`, or the naming rule's
    /// (made unique within its operation).
    pub type_name: Name,
    /// The properties, in schema order; each field name once.
    pub properties: Vec<Property>,
}

/// One property of an object: a field of its struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The vendor's name, in both formats.
    pub name: String,
    /// The Rust field: the spec's `field`, or the naming rule's.
    pub field: Name,
    /// The schema requires it: the field is not an `Option`.
    pub required: bool,
    /// Its value.
    pub node: Node,
    /// The limits of its value, as written: a request's, checked before
    /// sending (a response's are none).
    pub limits: Limits,
}

/// A value in a response tree, with its docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What the value is.
    pub shape: Shape,
    /// What it means, by language.
    pub description: Descriptions,
    /// An example, as the metadata gives it.
    pub example: Option<String>,
}

/// The shapes of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// `string`.
    String,
    /// `integer`, `int32` or `int64`.
    Integer(IntegerFormat),
    /// `number`: a float.
    Number,
    /// `boolean`.
    Boolean,
    /// `object`.
    Object(Object),
    /// `array`: `wrapper` names the items of a list the vendor wraps
    /// (`{"Item": [...]}`, `<List><Item/></List>`); `None` for a bare list.
    /// The items may be lists themselves.
    Array {
        /// The item name of a wrapped list.
        wrapper: Option<String>,
        /// The items.
        items: Box<Node>,
    },
    /// `map`: an object whose keys are data, each holding a `values` node.
    Map {
        /// What each key holds.
        values: Box<Node>,
    },
    /// `any`: whatever value comes.
    Any,
    /// `"format": "binary"` on a body: a file or stream, kept as bytes.
    Binary,
    /// `ref`: one of the spec's components.
    Ref(Reference),
}

/// A use of a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The component's name in the spec.
    pub component: String,
    /// Its struct's name.
    pub rust: String,
    /// The component holds this place itself (directly or through other
    /// components, not through a list): the field is boxed.
    pub boxed: bool,
}

/// How wide an integer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntegerFormat {
    /// `int32`: `i32`.
    Int32,
    /// `int64` (or no format): `i64`.
    Int64,
}

/// What a node's `type` and `format` say, as a spec and the vendor's
/// metadata both write them: the one rule for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeType {
    /// `string`, `integer`, `number` or `boolean`: the node's shape.
    Scalar(ScalarShape),
    /// `string` with `"format": "binary"`: a file's bytes as a body.
    Binary,
    /// `object`.
    Object,
    /// `array`.
    Array,
    /// `map`.
    Map,
    /// `any`.
    Any,
}

/// The shape of a scalar node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarShape {
    /// `string`.
    String,
    /// `integer`.
    Integer(IntegerFormat),
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
}

impl From<ScalarShape> for Shape {
    fn from(scalar: ScalarShape) -> Shape {
        match scalar {
            ScalarShape::String => Shape::String,
            ScalarShape::Integer(format) => Shape::Integer(format),
            ScalarShape::Number => Shape::Number,
            ScalarShape::Boolean => Shape::Boolean,
        }
    }
}

/// Why a `type` and `format` name no node type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeError {
    /// The type is not one of [`NodeType::NAMES`].
    UnknownType,
    /// The type takes formats, and not this one: `known` lists those it takes.
    UnknownFormat {
        /// The formats of the type, as a help text says them.
        known: &'static str,
    },
}

impl NodeType {
    /// The type names.
    pub const NAMES: [&'static str; 8] = [
        "string", "integer", "number", "boolean", "object", "array", "map", "any",
    ];

    /// Reads a `type` and its `format`: integers are `int32` or `int64`
    /// (the default), numbers `float` or `double` (both `f64`), strings
    /// `binary` for a file; the other types and formats are ignored.
    pub fn read(kind: &str, format: Option<&str>) -> Result<NodeType, TypeError> {
        let scalar = match kind {
            "string" if format == Some("binary") => return Ok(NodeType::Binary),
            "string" => ScalarShape::String,
            "boolean" => ScalarShape::Boolean,
            "integer" => match format {
                None | Some("int64") => ScalarShape::Integer(IntegerFormat::Int64),
                Some("int32") => ScalarShape::Integer(IntegerFormat::Int32),
                Some(_) => {
                    return Err(TypeError::UnknownFormat {
                        known: "\"int32\" or \"int64\"",
                    })
                }
            },
            "number" => match format {
                None | Some("float" | "double") => ScalarShape::Number,
                Some(_) => {
                    return Err(TypeError::UnknownFormat {
                        known: "\"float\" or \"double\"",
                    })
                }
            },
            "object" => return Ok(NodeType::Object),
            "array" => return Ok(NodeType::Array),
            "map" => return Ok(NodeType::Map),
            "any" => return Ok(NodeType::Any),
            _ => return Err(TypeError::UnknownType),
        };
        Ok(NodeType::Scalar(scalar))
    }
}

/// A Rust name in a response tree, and whether the spec gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Name {
    /// The name: an identifier as written in Rust (`r#type` for a keyword).
    pub rust: String,
    /// The spec gives it (`type_name`, `field`) rather than the naming rule.
    pub explicit: bool,
}
