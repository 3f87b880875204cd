//! Writing a spec back as JSON, deterministically: keys in the documented
//! order, two-space indentation, non-ASCII text as it is, so that generated
//! specs diff well and match hand-written ones.

use crate::model::{
    Component, Descriptions, ErrorDef, IntegerFormat, Limit, Limits, Location, Node, Object,
    OperationCode, Property, Request, Response, Row, Shape, Spec, Wire,
};

impl Spec {
    /// The spec as JSON text, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut fields: Vec<String> = Vec::new();
        for (key, value) in [
            ("$schema", &self.schema),
            ("service", &self.service),
            ("api_version", &self.api_version),
            ("style", &self.style),
        ] {
            if let Some(value) = value {
                fields.push(format!("  {}: {}", quote(key), quote(value)));
            }
        }
        if !self.endpoints.is_empty() {
            let endpoints: Vec<String> = self
                .endpoints
                .iter()
                .map(|(region, host)| format!("    {}: {}", quote(region), quote(host)))
                .collect();
            fields.push(format!(
                "  \"endpoints\": {}",
                list(&endpoints, "{", "}", 2)
            ));
        }
        let errors: Vec<String> = self.errors.iter().map(error_json).collect();
        fields.push(format!("  \"errors\": {}", list(&errors, "[", "]", 2)));
        if !self.common.is_empty() {
            let codes: Vec<String> = self
                .common
                .iter()
                .map(|c| format!("    {}", quote(c)))
                .collect();
            fields.push(format!("  \"common\": {}", list(&codes, "[", "]", 2)));
        }
        if !self.operations.is_empty() {
            let operations: Vec<String> = self
                .operations
                .iter()
                .map(|op| {
                    let codes: Vec<String> = op.codes.iter().map(operation_code_json).collect();
                    format!("    {}: {}", quote(&op.name), list(&codes, "{", "}", 4))
                })
                .collect();
            fields.push(format!(
                "  \"operations\": {}",
                list(&operations, "{", "}", 2)
            ));
        }
        if self.numbered_names {
            fields.push("  \"numbered_names\": true".to_owned());
        }
        if !self.components.is_empty() {
            let components: Vec<String> = self.components.iter().map(component_json).collect();
            fields.push(format!(
                "  \"components\": {}",
                list(&components, "{", "}", 2)
            ));
        }
        if !self.responses.is_empty() {
            let responses: Vec<String> = self.responses.iter().map(response_json).collect();
            fields.push(format!(
                "  \"responses\": {}",
                list(&responses, "{", "}", 2)
            ));
        }
        if !self.requests.is_empty() {
            let requests: Vec<String> = self.requests.iter().map(request_json).collect();
            fields.push(format!("  \"requests\": {}", list(&requests, "{", "}", 2)));
        }
        format!("{{\n{}\n}}\n", fields.join(",\n"))
    }
}

/// An operation's request: its methods, its path, its parameters (each a
/// property's node with where it goes, its style and limits).
fn request_json(request: &Request) -> String {
    let mut fields = Vec::new();
    if !request.methods.is_empty() {
        let methods: Vec<String> = request.methods.iter().map(|m| quote(m)).collect();
        fields.push(format!("      \"methods\": [{}]", methods.join(", ")));
    }
    if let Some(path) = &request.path {
        fields.push(format!("      \"path\": {}", quote(path)));
    }
    if request.read_only {
        fields.push("      \"read_only\": true".to_owned());
    }
    if request.anonymous {
        fields.push("      \"anonymous\": true".to_owned());
    }
    let parameters: Vec<String> = request
        .parameters
        .properties
        .iter()
        .zip(&request.wire)
        .map(|(property, wire)| {
            let mut keys = property_keys(property, 8);
            keys.extend(wire_keys(wire, 10));
            keys.extend(limit_keys(&property.limits, 10));
            format!(
                "        {}: {}",
                quote(&property.name),
                node_json(&property.node, 8, keys)
            )
        })
        .collect();
    fields.push(format!(
        "      \"parameters\": {}",
        list(&parameters, "{", "}", 6)
    ));
    format!(
        "    {}: {}",
        quote(&request.operation),
        list(&fields, "{", "}", 4)
    )
}

/// A parameter's `in` and `style`, at `indent`.
fn wire_keys(wire: &Wire, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut keys = Vec::new();
    if wire.location != Location::Query {
        keys.push(format!("{pad}\"in\": {}", quote(wire.location.name())));
    }
    if let Some(style) = wire.style.name() {
        keys.push(format!("{pad}\"style\": {}", quote(style)));
    }
    keys
}

/// A value's limits, at `indent`.
fn limit_keys(limits: &Limits, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut keys = Vec::new();
    for (key, limit) in limits.set() {
        let value = match limit {
            Limit::Number(n) => n.to_owned(),
            Limit::Flag => "true".to_owned(),
            Limit::Count(n) => n.to_string(),
        };
        keys.push(format!("{pad}\"{key}\": {value}"));
    }
    if !limits.values.is_empty() {
        let values: Vec<String> = limits.values.iter().map(|v| quote(v)).collect();
        keys.push(format!("{pad}\"enum\": [{}]", values.join(", ")));
    }
    keys
}

/// A property's `required` and `field`, with their keys at `indent + 2`.
fn property_keys(property: &Property, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent + 2);
    let mut keys = Vec::new();
    if property.required {
        keys.push(format!("{pad}\"required\": true"));
    }
    if property.field.explicit {
        keys.push(format!("{pad}\"field\": {}", quote(&property.field.rust)));
    }
    keys
}

/// `open`, the items one per line, and `close` at `indent`; `[]` or `{}`
/// when there are none.
fn list(items: &[String], open: &str, close: &str, indent: usize) -> String {
    if items.is_empty() {
        return format!("{open}{close}");
    }
    format!(
        "{open}\n{}\n{}{close}",
        items.join(",\n"),
        " ".repeat(indent)
    )
}

fn error_json(def: &ErrorDef) -> String {
    let mut fields = vec![
        format!("      \"code\": {}", quote(&def.code)),
        format!("      \"http_status\": {}", def.status),
        format!("      \"message\": {}", quote(&def.message)),
    ];
    if !def.descriptions.is_empty() {
        fields.push(descriptions_json(&def.descriptions, 6));
    }
    if def.variant.explicit {
        fields.push(format!("      \"variant\": {}", quote(&def.variant.name)));
    }
    if let Some(retry) = def.retry {
        fields.push(format!("      \"retry\": {}", quote(retry.name())));
    }
    format!("    {{\n{}\n    }}", fields.join(",\n"))
}

/// `"Code": 400` when the operation says only the status, else the row as
/// an object, or the rows as an array of objects.
fn operation_code_json(code: &OperationCode) -> String {
    let key = format!("      {}: ", quote(&code.code));
    match code.rows.as_slice() {
        [row] if row.status_only() => format!("{key}{}", row.status),
        [row] => format!("{key}{}", row_json(row, 6)),
        rows => {
            let rows: Vec<String> = rows
                .iter()
                .map(|row| format!("        {}", row_json(row, 8)))
                .collect();
            format!("{key}{}", list(&rows, "[", "]", 6))
        }
    }
}

/// A row as an object whose braces sit at `indent`.
fn row_json(row: &Row, indent: usize) -> String {
    let pad = " ".repeat(indent + 2);
    let mut fields = vec![format!("{pad}\"http_status\": {}", row.status)];
    if let Some(message) = &row.message {
        fields.push(format!("{pad}\"message\": {}", quote(message)));
    }
    if !row.descriptions.is_empty() {
        fields.push(descriptions_json(&row.descriptions, indent + 2));
    }
    list(&fields, "{", "}", indent)
}

/// `"description": {...}` with its key at `indent`.
fn descriptions_json(descriptions: &Descriptions, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let texts: Vec<String> = descriptions
        .iter()
        .map(|(lang, text)| format!("{pad}  {}: {}", quote(lang), quote(text)))
        .collect();
    format!("{pad}\"description\": {}", list(&texts, "{", "}", indent))
}

/// An operation's response: its description, and an object body's
/// struct name if the spec gives it and its properties (the type `object`
/// goes without saying), or any other body as a node.
fn response_json(response: &Response) -> String {
    let body = match &response.body.shape {
        Shape::Object(object) => {
            let mut fields = Vec::new();
            if !response.description.is_empty() {
                fields.push(descriptions_json(&response.description, 6));
            }
            fields.extend(object_json(object, 6));
            list(&fields, "{", "}", 4)
        }
        // The body's description is the operation's, as for an object.
        _ => node_json(
            &Node {
                description: response.description.clone(),
                ..response.body.clone()
            },
            4,
            Vec::new(),
        ),
    };
    format!("    {}: {body}", quote(&response.operation))
}

/// A component, as an object body is written.
fn component_json(component: &Component) -> String {
    let mut fields = Vec::new();
    if !component.description.is_empty() {
        fields.push(descriptions_json(&component.description, 6));
    }
    fields.extend(object_json(&component.object, 6));
    format!(
        "    {}: {}",
        quote(&component.name),
        list(&fields, "{", "}", 4)
    )
}

/// An object's `type_name` (if the spec gives it) and `properties`, each
/// with its key at `indent`.
fn object_json(object: &Object, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut fields = Vec::new();
    if object.type_name.explicit {
        fields.push(format!(
            "{pad}\"type_name\": {}",
            quote(&object.type_name.rust)
        ));
    }
    let properties: Vec<String> = object
        .properties
        .iter()
        .map(|property| {
            let mut keys = property_keys(property, indent + 2);
            keys.extend(limit_keys(&property.limits, indent + 4));
            format!(
                "{pad}  {}: {}",
                quote(&property.name),
                node_json(&property.node, indent + 2, keys)
            )
        })
        .collect();
    fields.push(format!(
        "{pad}\"properties\": {}",
        list(&properties, "{", "}", indent)
    ));
    fields
}

/// A node as an object whose braces sit at `indent`; `extra` are keys of
/// the property it is the value of, written after its type.
fn node_json(node: &Node, indent: usize, extra: Vec<String>) -> String {
    let pad = " ".repeat(indent + 2);
    let (kind, format) = match &node.shape {
        Shape::String => ("string", None),
        Shape::Integer(IntegerFormat::Int32) => ("integer", Some("int32")),
        Shape::Integer(IntegerFormat::Int64) => ("integer", Some("int64")),
        Shape::Number => ("number", None),
        Shape::Boolean => ("boolean", None),
        Shape::Binary => ("string", Some("binary")),
        Shape::Object(_) => ("object", None),
        Shape::Array { .. } => ("array", None),
        Shape::Map { .. } => ("map", None),
        Shape::Any => ("any", None),
        Shape::Ref(reference) => ("ref", Some(reference.component.as_str())),
    };
    let mut fields = match &node.shape {
        Shape::Ref(_) => vec![format!("{pad}\"ref\": {}", quote(format.unwrap_or("")))],
        _ => vec![format!("{pad}\"type\": {}", quote(kind))],
    };
    let format = format.filter(|_| kind != "ref");
    if let Some(format) = format {
        fields.push(format!("{pad}\"format\": {}", quote(format)));
    }
    if let Shape::Array {
        wrapper: Some(wrapper),
        ..
    } = &node.shape
    {
        fields.push(format!("{pad}\"wrapper\": {}", quote(wrapper)));
    }
    fields.extend(extra);
    if !node.description.is_empty() {
        fields.push(descriptions_json(&node.description, indent + 2));
    }
    if let Some(example) = &node.example {
        fields.push(format!("{pad}\"example\": {}", quote(example)));
    }
    match &node.shape {
        Shape::Object(object) => fields.extend(object_json(object, indent + 2)),
        Shape::Array { items, .. } => {
            fields.push(format!(
                "{pad}\"items\": {}",
                node_json(items, indent + 2, Vec::new())
            ));
        }
        Shape::Map { values } => {
            fields.push(format!(
                "{pad}\"values\": {}",
                node_json(values, indent + 2, Vec::new())
            ));
        }
        _ => {}
    }
    list(&fields, "{", "}", indent)
}

/// A JSON string literal: quotes, backslashes and control characters
/// escaped, everything else as it is.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::SourceText;
    use crate::model::Spec;

    #[test]
    fn variants_retry_and_escapes_are_written() {
        let text = "{\n  \"errors\": [\n    {\n      \"code\": \"A.b\",\n      \"http_status\": 400,\n      \
                    \"message\": \"say \\\"x\\\"\\n\\\\ \\u0001\",\n      \"variant\": \"AbLower\",\n      \
                    \"retry\": \"transient\"\n    }\n  ]\n}\n";
        let spec = Spec::parse(SourceText {
            origin: "t".into(),
            text: text.into(),
        })
        .unwrap();
        assert_eq!(spec.errors[0].message, "say \"x\"\n\\ \u{1}");
        assert_eq!(spec.to_json(), text);
    }
}

#[cfg(test)]
mod operation_tests {
    use crate::diagnostic::SourceText;
    use crate::model::Spec;
    use crate::model::{OperationCode, Row, Status};

    fn parse(text: &str) -> Result<Spec, Vec<String>> {
        let source = SourceText {
            origin: "ops.json".into(),
            text: text.into(),
        };
        Spec::parse(source).map_err(|e| e.diagnostics.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn operations_and_common_codes_read_and_write_back() {
        let text = "{\n  \"errors\": [\n    {\n      \"code\": \"A\",\n      \"http_status\": 400,\n      \"message\": \"a\"\n    },\n    \
                    {\n      \"code\": \"B\",\n      \"http_status\": 404,\n      \"message\": \"b\"\n    }\n  ],\n  \
                    \"common\": [\n    \"A\"\n  ],\n  \"operations\": {\n    \"Op\": {\n      \"B\": 400\n    }\n  }\n}\n";
        let spec = parse(text).unwrap();
        assert_eq!(spec.common, ["A"]);
        let status = |s| Status::new(s).unwrap();
        assert_eq!(
            spec.operations[0].codes,
            [OperationCode {
                code: "B".into(),
                rows: vec![Row {
                    status: status(400),
                    message: None,
                    descriptions: vec![]
                }]
            }]
        );
        assert_eq!(spec.to_json(), text);
    }

    #[test]
    fn an_operation_keeps_what_its_page_says_row_by_row() {
        let text = "{\n  \"errors\": [\n    {\n      \"code\": \"A\",\n      \"http_status\": 400,\n      \"message\": \"a\"\n    }\n  ],\n  \
                    \"operations\": {\n    \"Op\": {\n      \"A\": {\n        \"http_status\": 404,\n        \"message\": \"a on Op\",\n        \
                    \"description\": {\n          \"en\": \"Gone.\",\n          \"zh\": \"没了。\"\n        }\n      }\n    },\n    \
                    \"Other\": {\n      \"A\": [\n        {\n          \"http_status\": 400,\n          \"message\": \"first\"\n        },\n        \
                    {\n          \"http_status\": 400,\n          \"message\": \"second\"\n        }\n      ]\n    }\n  }\n}\n";
        let spec = parse(text).unwrap();
        let op = spec.operation("Op").unwrap().code("A").unwrap();
        assert_eq!(op.status(), Status::new(404));
        assert_eq!(op.rows[0].message.as_deref(), Some("a on Op"));
        assert_eq!(op.rows[0].descriptions[1], ("zh".into(), "没了。".into()));
        let other = spec.operation("Other").unwrap().code("A").unwrap();
        let messages: Vec<_> = other.rows.iter().map(|r| r.message.as_deref()).collect();
        assert_eq!(messages, [Some("first"), Some("second")]);
        assert_eq!(spec.to_json(), text);
    }

    #[test]
    fn operations_and_common_must_name_codes_of_the_spec() {
        let text = "{\"operations\": {\"Op\": {\"Throttlin\": 400, \"A\": 200, \"B\": [], \"C\": \"400\"}},\n \"common\": [\"Nope\", \"A\", \"A\"],\n \
                    \"errors\": [{\"code\": \"A\", \"http_status\": 400, \"message\": \"a\"},\n {\"code\": \"Throttling\", \"http_status\": 400, \"message\": \"t\"}, \
                    {\"code\": \"B\", \"http_status\": 400, \"message\": \"b\"}, {\"code\": \"C\", \"http_status\": 400, \"message\": \"c\"}]}";
        let errors = parse(text).unwrap_err();
        assert_eq!(
            errors,
            [
                "ops.json:1:24: operation \"Op\" names code \"Throttlin\", which is not in \"errors\"\n\
                 help: did you mean \"Throttling\"? Otherwise add an entry for it to \"errors\", or remove it here",
                "ops.json:1:47: http_status 200 is not an error status\n\
                 help: a spec lists error responses: use an integer from 400 to 599",
                "ops.json:1:57: code \"B\" has no rows\nhelp: give at least its status: \"Code\": 400",
                "ops.json:1:66: what an operation says of a code must be a status, an object or an array of objects, found a string\n\
                 help: write \"Code\": 400, or \"Code\": {\"http_status\": 400, \"message\": \"...\"}",
                "ops.json:2:13: \"common\" names code \"Nope\", which is not in \"errors\"\n\
                 help: add an entry for it to \"errors\", or remove it here",
                "ops.json:2:26: \"common\" names code \"A\" twice\nhelp: remove one of them",
            ]
        );
    }
}
