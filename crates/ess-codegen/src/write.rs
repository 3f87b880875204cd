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
    fn the_common_spec_reads_and_writes_back_byte_for_byte() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../spec/common.json"
        ))
        .unwrap();
        let spec = Spec::parse(SourceText {
            origin: "spec/common.json".into(),
            text: text.clone(),
        })
        .unwrap();
        assert_eq!(spec.to_json(), text);
    }

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
