//! Writing a spec back as JSON, deterministically: keys in the documented
//! order, two-space indentation, non-ASCII text as it is, so that generated
//! specs diff well and match hand-written ones.

use crate::spec::{ErrorDef, Spec};

impl Spec {
    /// The spec as JSON text, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n");
        let mut fields: Vec<String> = Vec::new();
        for (key, value) in [
            ("$schema", &self.schema),
            ("service", &self.service),
            ("api_version", &self.api_version),
        ] {
            if let Some(value) = value {
                fields.push(format!("  {}: {}", quote(key), quote(value)));
            }
        }
        let errors: Vec<String> = self.errors.iter().map(error_json).collect();
        if errors.is_empty() {
            fields.push("  \"errors\": []".to_owned());
        } else {
            fields.push(format!("  \"errors\": [\n{}\n  ]", errors.join(",\n")));
        }
        if !self.common.is_empty() {
            let codes: Vec<String> = self
                .common
                .iter()
                .map(|c| format!("    {}", quote(c)))
                .collect();
            fields.push(format!("  \"common\": [\n{}\n  ]", codes.join(",\n")));
        }
        if !self.operations.is_empty() {
            let operations: Vec<String> = self
                .operations
                .iter()
                .map(|op| {
                    let codes: Vec<String> = op
                        .codes
                        .iter()
                        .map(|(code, status)| format!("      {}: {status}", quote(code)))
                        .collect();
                    format!("    {}: {{\n{}\n    }}", quote(&op.name), codes.join(",\n"))
                })
                .collect();
            fields.push(format!(
                "  \"operations\": {{\n{}\n  }}",
                operations.join(",\n")
            ));
        }
        out.push_str(&fields.join(",\n"));
        out.push_str("\n}\n");
        out
    }
}

fn error_json(def: &ErrorDef) -> String {
    let mut fields = vec![
        format!("      \"code\": {}", quote(&def.code)),
        format!("      \"http_status\": {}", def.http_status),
        format!("      \"message\": {}", quote(&def.message)),
    ];
    if !def.descriptions.is_empty() {
        let descriptions: Vec<String> = def
            .descriptions
            .iter()
            .map(|(lang, text)| format!("        {}: {}", quote(lang), quote(text)))
            .collect();
        fields.push(format!(
            "      \"description\": {{\n{}\n      }}",
            descriptions.join(",\n")
        ));
    }
    if def.explicit_variant {
        fields.push(format!("      \"variant\": {}", quote(&def.variant)));
    }
    if let Some(retry) = def.retry {
        fields.push(format!("      \"retry\": {}", quote(retry.name())));
    }
    format!("    {{\n{}\n    }}", fields.join(",\n"))
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
    use crate::{SourceText, Spec};

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
    use crate::{SourceText, Spec};

    fn parse(text: &str) -> Result<Spec, Vec<String>> {
        let source = SourceText {
            origin: "ops.json".into(),
            text: text.into(),
        };
        Spec::parse(source).map_err(|e| {
            e.diagnostics
                .iter()
                .map(|d| d.render(&e.source).to_string())
                .collect()
        })
    }

    #[test]
    fn operations_and_common_codes_read_and_write_back() {
        let text = "{\n  \"errors\": [\n    {\n      \"code\": \"A\",\n      \"http_status\": 400,\n      \"message\": \"a\"\n    },\n    \
                    {\n      \"code\": \"B\",\n      \"http_status\": 404,\n      \"message\": \"b\"\n    }\n  ],\n  \
                    \"common\": [\n    \"A\"\n  ],\n  \"operations\": {\n    \"Op\": {\n      \"B\": 400\n    }\n  }\n}\n";
        let spec = parse(text).unwrap();
        assert_eq!(spec.common, ["A"]);
        assert_eq!(spec.operations[0].codes, [("B".to_owned(), 400)]);
        assert_eq!(spec.to_json(), text);
    }

    #[test]
    fn operations_and_common_must_name_codes_of_the_spec() {
        let text = "{\"operations\": {\"Op\": {\"Throttlin\": 400, \"A\": 200}},\n \"common\": [\"Nope\"],\n \
                    \"errors\": [{\"code\": \"A\", \"http_status\": 400, \"message\": \"a\"},\n {\"code\": \"Throttling\", \"http_status\": 400, \"message\": \"t\"}]}";
        let errors = parse(text).unwrap_err();
        assert_eq!(
            errors,
            [
                "ops.json:1:24: operation \"Op\" names code \"Throttlin\", which is not in \"errors\"\n\
                 help: did you mean \"Throttling\"? Otherwise add an entry for it to \"errors\", or remove it here",
                "ops.json:1:47: http_status 200 is not an error status\n\
                 help: a spec lists error responses: use an integer from 400 to 599",
                "ops.json:2:13: \"common\" names code \"Nope\", which is not in \"errors\"\n\
                 help: add an entry for it to \"errors\", or remove it here",
            ]
        );
    }
}
