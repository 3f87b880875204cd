//! The spec model and its loading from JSON.
//!
//! Loading checks the shape (keys, types) and then the meaning (see
//! `validate`) and reports every problem it finds, not just the
//! first, each with its place in the file.

use std::fmt;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::json::{self, Kind, Member, Offset, Value};
use crate::validate;

/// A service's error-code catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// `$schema`: where editors find the JSON Schema.
    pub schema: Option<String>,
    /// The service name, e.g. `Ess`.
    pub service: Option<String>,
    /// The API version, e.g. `2014-08-28`.
    pub api_version: Option<String>,
    /// The codes, in file order.
    pub errors: Vec<ErrorDef>,
    /// The codes every operation may return (`common`), in file order.
    pub common: Vec<String>,
    /// The operations that document their codes (`operations`).
    pub operations: Vec<Operation>,
}

/// The codes one operation documents, each with the status it has there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// The action, e.g. `CreateScalingGroup`.
    pub name: String,
    /// `(code, HTTP status)`, in file order.
    pub codes: Vec<(String, u16)>,
}

/// One error code of a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDef {
    /// The code exactly as the server sends it.
    pub code: String,
    /// The usual HTTP status for this code.
    pub http_status: u16,
    /// The English message template as published.
    pub message: String,
    /// Descriptions by language tag, in file order.
    pub descriptions: Vec<(String, String)>,
    /// The Rust variant name: the `variant` override, or derived from the code.
    pub variant: String,
    /// The spec gives `variant` (rather than the name being derived).
    pub explicit_variant: bool,
    /// Whether and how a retry makes sense.
    pub retry: Option<Retry>,
    /// Where the entry starts in the spec file.
    pub at: Offset,
}

/// A code's retry class, as the spec gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retry {
    /// The request was rate-limited: back off, then retry.
    Throttling,
    /// A temporary server-side failure: retrying is safe.
    Transient,
}

impl Retry {
    /// The spellings a spec uses.
    pub const NAMES: [(&'static str, Retry); 2] = [
        ("throttling", Retry::Throttling),
        ("transient", Retry::Transient),
    ];

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

/// A spec that failed to load: all its problems, and the text they point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors {
    /// The spec text, for rendering positions.
    pub source: SourceText,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "error: {}", d.render(&self.source))?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

const TOP_KEYS: &[&str] = &[
    "$schema",
    "service",
    "api_version",
    "errors",
    "common",
    "operations",
];
const ENTRY_KEYS: &[&str] = &[
    "code",
    "http_status",
    "message",
    "description",
    "variant",
    "retry",
];

impl Spec {
    /// Parses and validates a spec.
    pub fn parse(source: SourceText) -> Result<Spec, SpecErrors> {
        let mut cx = Cx {
            source: &source,
            diagnostics: Vec::new(),
        };
        match json::parse(&source.text) {
            Ok(root) => {
                let (mut spec, variant_at) = load(&root, &mut cx);
                validate::check(&mut spec, &variant_at, &mut cx);
                if cx.diagnostics.is_empty() {
                    return Ok(spec);
                }
            }
            Err(e) => cx.push(
                Diagnostic::new(e.at, format!("malformed JSON: {}", e.message))
                    .help("a spec is one JSON object; fix the syntax at this place"),
            ),
        }
        let mut diagnostics = cx.diagnostics;
        diagnostics.sort_by_key(|d| d.at);
        Err(SpecErrors {
            source,
            diagnostics,
        })
    }
}

/// The loading context: the text (to name places in messages) and the
/// problems found so far.
pub(crate) struct Cx<'s> {
    pub(crate) source: &'s SourceText,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Cx<'_> {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// `line L:C`, for pointing from one problem at another place.
    pub(crate) fn place(&self, at: Offset) -> String {
        let lc = self.source.line_column(at);
        format!("line {}:{}", lc.line, lc.column)
    }
}

fn spec_placeholder() -> Spec {
    Spec {
        schema: None,
        service: None,
        api_version: None,
        errors: Vec::new(),
        common: Vec::new(),
        operations: Vec::new(),
    }
}

/// Where each entry's `variant` override is, if it has one (parallel to
/// `Spec::errors`), so that validation can point at it.
pub(crate) type VariantPlaces = Vec<Option<Offset>>;

fn load(root: &Value, cx: &mut Cx) -> (Spec, VariantPlaces) {
    let mut spec = spec_placeholder();
    let mut variant_at = Vec::new();
    let Some(members) = object(root, "the spec", cx) else {
        return (spec, variant_at);
    };
    let members = known_members(members, TOP_KEYS, "the spec", cx);
    let mut errors_seen = false;
    let mut operations = None;
    let mut common = None;
    for m in members {
        match &*m.key {
            "service" => spec.service = string(&m.value, "service", cx),
            "api_version" => spec.api_version = string(&m.value, "api_version", cx),
            "$schema" => spec.schema = string(&m.value, "$schema", cx),
            "errors" => {
                errors_seen = true;
                let Kind::Array(items) = &m.value.kind else {
                    cx.push(wrong_type(
                        &m.value,
                        "\"errors\"",
                        "an array of error entries",
                    ));
                    continue;
                };
                for item in items {
                    if let Some((def, at)) = load_entry(item, cx) {
                        spec.errors.push(def);
                        variant_at.push(at);
                    }
                }
            }
            "common" => common = Some(&m.value),
            "operations" => operations = Some(&m.value),
            _ => unreachable!("known_members keeps only known keys"),
        }
    }
    // After "errors", wherever the keys stand: both name its codes.
    if let Some(value) = common {
        spec.common = load_common(value, &spec, cx);
    }
    if let Some(value) = operations {
        spec.operations = load_operations(value, &spec, cx);
    }
    if !errors_seen {
        cx.push(
            Diagnostic::new(root.at, "the spec has no \"errors\" key")
                .help("add \"errors\": [ ... ] with one object per error code"),
        );
    }
    (spec, variant_at)
}

fn load_entry(item: &Value, cx: &mut Cx) -> Option<(ErrorDef, Option<Offset>)> {
    let members = object(item, "an error entry", cx)?;
    let members = known_members(members, ENTRY_KEYS, "an error entry", cx);
    let mut code = None;
    let mut http_status = None;
    let mut message = None;
    let mut descriptions = Vec::new();
    let mut variant = None;
    let mut retry = None;
    for m in members {
        let v = &m.value;
        match &*m.key {
            "code" => code = non_empty_string(v, "code", cx),
            "message" => message = non_empty_string(v, "message", cx),
            "http_status" => http_status = status(v, cx),
            "variant" => variant = string(v, "variant", cx).map(|s| (s, v.at)),
            "retry" => {
                if let Some(name) = string(v, "retry", cx) {
                    retry = Retry::NAMES
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, r)| *r);
                    if retry.is_none() {
                        cx.push(
                            Diagnostic::new(v.at, format!("unknown retry class \"{name}\"")).help(
                                "use \"throttling\" or \"transient\", or leave \"retry\" out",
                            ),
                        );
                    }
                }
            }
            "description" => descriptions = description(v, cx).unwrap_or_default(),
            _ => unreachable!("known_members keeps only known keys"),
        }
    }
    for (key, present, example) in [
        (
            "code",
            code.is_some(),
            "\"code\": \"Forbidden.RiskControl\"",
        ),
        ("http_status", http_status.is_some(), "\"http_status\": 403"),
        (
            "message",
            message.is_some(),
            "\"message\": \"<the English message as published>\"",
        ),
    ] {
        if !present && !item_has_key(item, key) {
            cx.push(
                Diagnostic::new(item.at, format!("this error entry has no \"{key}\""))
                    .help(format!("add {example}")),
            );
        }
    }
    // An entry with a broken field is kept, so that the checks across entries
    // (duplicate codes, name collisions) see it too. Any problem fails the
    // whole spec, so the placeholders below never reach generated code.
    let code = code?;
    let (variant, variant_at) = match variant {
        Some((name, at)) => (name, Some(at)),
        None => (String::new(), None),
    };
    Some((
        ErrorDef {
            code,
            http_status: http_status.unwrap_or(0),
            message: message.unwrap_or_default(),
            descriptions,
            explicit_variant: variant_at.is_some(),
            variant,
            retry,
            at: item.at,
        },
        variant_at,
    ))
}

fn item_has_key(item: &Value, key: &str) -> bool {
    matches!(&item.kind, Kind::Object(m) if m.iter().any(|m| m.key == key))
}

fn object<'v, 'a>(value: &'v Value<'a>, what: &str, cx: &mut Cx) -> Option<&'v [Member<'a>]> {
    match &value.kind {
        Kind::Object(members) => Some(members),
        _ => {
            cx.push(wrong_type(value, what, "an object"));
            None
        }
    }
}

/// Drops (and reports) unknown and repeated keys.
fn known_members<'v, 'a>(
    members: &'v [Member<'a>],
    known: &[&str],
    what: &str,
    cx: &mut Cx,
) -> Vec<&'v Member<'a>> {
    let mut kept: Vec<&Member> = Vec::with_capacity(members.len());
    for m in members {
        if !known.contains(&&*m.key) {
            let keys: Vec<String> = known.iter().map(|k| format!("\"{k}\"")).collect();
            let keys = format!("keys of {what} are {}", keys.join(", "));
            let help = match crate::suggest::closest(&m.key, known.iter().copied()) {
                Some(close) => format!("did you mean \"{close}\"? The {keys}"),
                None => format!("the {keys}"),
            };
            cx.push(
                Diagnostic::new(m.key_at, format!("unknown key \"{}\" in {what}", m.key))
                    .help(help),
            );
        } else if let Some(first) = kept.iter().find(|k| k.key == m.key) {
            cx.push(
                Diagnostic::new(m.key_at, format!("\"{}\" is given twice in {what}", m.key)).help(
                    format!(
                        "remove one of them (the other is at {})",
                        cx.place(first.key_at)
                    ),
                ),
            );
        } else {
            kept.push(m);
        }
    }
    kept
}

fn wrong_type(value: &Value, what: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(
        value.at,
        format!("{what} must be {expected}, found {}", value.kind.name()),
    )
}

fn string(value: &Value, key: &str, cx: &mut Cx) -> Option<String> {
    match &value.kind {
        Kind::String(s) => Some(s.to_string()),
        _ => {
            cx.push(wrong_type(value, &format!("\"{key}\""), "a string"));
            None
        }
    }
}

fn non_empty_string(value: &Value, key: &str, cx: &mut Cx) -> Option<String> {
    let s = string(value, key, cx)?;
    if s.trim().is_empty() {
        cx.push(
            Diagnostic::new(value.at, format!("\"{key}\" is empty"))
                .help(format!("give the {key} exactly as the vendor publishes it")),
        );
        return None;
    }
    Some(s)
}

fn status(value: &Value, cx: &mut Cx) -> Option<u16> {
    let raw = match &value.kind {
        Kind::Number(raw) => raw,
        other => {
            let mut d = wrong_type(value, "\"http_status\"", "an integer from 400 to 599");
            if let Kind::String(s) = other {
                d = d.help(format!("remove the quotes: \"http_status\": {s}"));
            }
            cx.push(d);
            return None;
        }
    };
    match raw.parse::<u16>() {
        Ok(status @ 400..=599) => Some(status),
        _ => {
            cx.push(
                Diagnostic::new(
                    value.at,
                    format!("http_status {raw} is not an error status"),
                )
                .help("a spec lists error responses: use an integer from 400 to 599"),
            );
            None
        }
    }
}

fn description(value: &Value, cx: &mut Cx) -> Option<Vec<(String, String)>> {
    let Kind::Object(members) = &value.kind else {
        cx.push(
            wrong_type(value, "\"description\"", "an object")
                .help("write it as {\"en\": \"...\", \"zh\": \"...\"}"),
        );
        return None;
    };
    let before = cx.diagnostics.len();
    let mut out: Vec<(String, String)> = Vec::with_capacity(members.len());
    for m in members {
        if !is_language_tag(&m.key) {
            cx.push(
                Diagnostic::new(m.key_at, format!("\"{}\" is not a language tag", m.key))
                    .help("use a tag such as \"en\", \"zh\" or \"zh-CN\""),
            );
        } else if out.iter().any(|(lang, _)| *lang == m.key) {
            cx.push(
                Diagnostic::new(
                    m.key_at,
                    format!("description \"{}\" is given twice", m.key),
                )
                .help("keep one text per language"),
            );
        } else if let Some(text) = non_empty_string(&m.value, &format!("description.{}", m.key), cx)
        {
            out.push((m.key.to_string(), text));
        }
    }
    (cx.diagnostics.len() == before).then_some(out)
}

/// `^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`, as `schema.json` says.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn load_common(value: &Value, spec: &Spec, cx: &mut Cx) -> Vec<String> {
    let Kind::Array(items) = &value.kind else {
        cx.push(wrong_type(value, "\"common\"", "an array of codes"));
        return Vec::new();
    };
    let mut common = Vec::with_capacity(items.len());
    for item in items {
        let Some(code) = string(item, "common", cx) else {
            continue;
        };
        if spec.errors.iter().any(|d| d.code == code) {
            common.push(code);
        } else {
            cx.push(
                Diagnostic::new(
                    item.at,
                    format!("\"common\" names code \"{code}\", which is not in \"errors\""),
                )
                .help("add an entry for it to \"errors\", or remove it here"),
            );
        }
    }
    common
}

fn load_operations(value: &Value, spec: &Spec, cx: &mut Cx) -> Vec<Operation> {
    let Some(members) = object(value, "\"operations\"", cx) else {
        return Vec::new();
    };
    let mut operations: Vec<Operation> = Vec::with_capacity(members.len());
    for op in members {
        if operations.iter().any(|o| *o.name == *op.key) {
            cx.push(
                Diagnostic::new(
                    op.key_at,
                    format!("operation \"{}\" is given twice", op.key),
                )
                .help("merge its codes into one object"),
            );
            continue;
        }
        let Some(codes) = object(&op.value, "an operation", cx) else {
            continue;
        };
        let mut operation = Operation {
            name: op.key.to_string(),
            codes: Vec::with_capacity(codes.len()),
        };
        for code in codes {
            if !spec.errors.iter().any(|d| *d.code == *code.key) {
                let mut help = "add an entry for it to \"errors\", or remove it here".to_owned();
                if let Some(close) =
                    crate::suggest::closest(&code.key, spec.errors.iter().map(|d| d.code.as_str()))
                {
                    help = format!("did you mean \"{close}\"? Otherwise {help}");
                }
                cx.push(
                    Diagnostic::new(
                        code.key_at,
                        format!(
                            "operation \"{}\" names code \"{}\", which is not in \"errors\"",
                            op.key, code.key
                        ),
                    )
                    .help(help),
                );
            } else if operation.codes.iter().any(|(c, _)| *c == *code.key) {
                cx.push(Diagnostic::new(
                    code.key_at,
                    format!(
                        "code \"{}\" is given twice in operation \"{}\"",
                        code.key, op.key
                    ),
                ));
            } else if let Some(status) = status(&code.value, cx) {
                operation.codes.push((code.key.to_string(), status));
            }
        }
        operations.push(operation);
    }
    operations
}
