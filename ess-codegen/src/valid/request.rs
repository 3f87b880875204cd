//! The checks of a request: the item the macro was put on, its arguments,
//! and what they name in the spec.

use std::collections::{HashMap, HashSet};
use std::path::Path as FilePath;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, Data, Fields};

use crate::attr::{self, SpecArg};
use crate::diagnostic::{Cx, Diagnostic};
use crate::model::{self, Component, ErrorDef, Node, Operation, Response, Spec};
use crate::naming;
use crate::request::{DeriveRequest, EnumRequest, ServiceRequest};
use crate::source::{Base, Loaded, SpecSource};
use crate::suggest;
use crate::target::{CodeEnum, CodeVariant, Service, ServiceOperation, Shape};

/// How many missing codes one error lists before it says "and N more".
const LISTED_MISSING: usize = 20;

/// The traits a generated enum always has, by the name a user's own
/// `#[derive]` would use and by path.
const ALWAYS_DERIVED: [(&str, &str); 6] = [
    ("Debug", "::core::fmt::Debug"),
    ("Clone", "::core::clone::Clone"),
    ("Copy", "::core::marker::Copy"),
    ("PartialEq", "::core::cmp::PartialEq"),
    ("Eq", "::core::cmp::Eq"),
    ("Hash", "::core::hash::Hash"),
];

/// The spec a macro names: a path relative to the crate's root (an
/// absolute path would tie the crate to one machine), or inline text.
pub(crate) fn spec_source(
    arg: Option<&SpecArg>,
    malformed: bool,
    (fix, missing_at): (&str, Span),
    manifest_dir: &FilePath,
    cx: &mut Cx,
) -> Option<SpecSource> {
    match arg {
        None if malformed => None,
        None => {
            cx.push_at(
                missing_at,
                Diagnostic::whole(format!(
                    "missing spec: {fix}(spec = \"spec/common.json\")] (a path relative to the \
                     crate's root) or {}(spec_json = r#\"{{ ... }}\"#)]",
                    fix.split(' ').next_back().unwrap_or(fix)
                )),
            );
            None
        }
        Some(SpecArg::Inline(lit)) => Some(SpecSource::Inline(lit.value())),
        Some(SpecArg::Path(lit)) => {
            let written = lit.value();
            if FilePath::new(&written).is_absolute() || written.starts_with(['/', '\\']) {
                cx.push_at(
                    lit.span(),
                    Diagnostic::whole(format!(
                        "absolute spec path `{written}` is refused: write the path relative to the \
                         crate's root (the directory of its Cargo.toml), e.g. \"spec/common.json\""
                    )),
                );
                return None;
            }
            Some(SpecSource::file(
                written,
                Base::CrateRoot(manifest_dir.to_owned()),
            ))
        }
    }
}

/// What `#[error_enum]` goes on: an empty, non-generic enum.
pub(crate) fn check_enum_item(request: &EnumRequest, cx: &mut Cx) {
    let item = &request.item;
    match &item.data {
        Data::Enum(data) if !data.variants.is_empty() => cx.syn(syn::Error::new_spanned(
            &data.variants,
            "#[error_enum] writes the variants from the spec: leave the enum empty, or use \
             #[derive(EssError)] to map variants you write yourself",
        )),
        Data::Enum(_) => {}
        _ => cx.push_at(
            item.ident.span(),
            Diagnostic::whole(
                "#[error_enum] goes on an empty enum, such as `pub enum CommonError {}`",
            ),
        ),
    }
    if !item.generics.params.is_empty() {
        cx.push_at(
            item.generics.span(),
            Diagnostic::whole(
                "an error_enum cannot be generic: its variants are plain error codes",
            ),
        );
    }
    if request.service_enum.is_some() && request.operation.is_none() {
        cx.push_at(
            Span::call_site(),
            Diagnostic::whole(
                "`service_enum` goes with `operation`: it names the enum an operation's enum converts into",
            ),
        );
    }
}

/// The enum `#[error_enum]` writes: every code of the spec, or one
/// operation's codes and the common ones with the operation's statuses.
pub(crate) fn enum_target<'a>(
    request: &'a EnumRequest,
    loaded: &'a Loaded,
    cx: &mut Cx,
) -> Option<CodeEnum<'a>> {
    let spec = &loaded.spec;
    let (variants, operation) = match &request.operation {
        None => (all_codes(spec), None),
        Some(lit) => {
            let name = lit.value();
            let Some(operation) = spec.operation(&name) else {
                let hint = suggest::did_you_mean(
                    &name,
                    spec.operations.iter().map(|op| op.name.as_str()),
                    '"',
                )
                .map(|close| format!("; {close}"))
                .unwrap_or_default();
                cx.push_at(
                    lit.span(),
                    Diagnostic::whole(format!("the spec documents no operation \"{name}\"{hint}")),
                );
                return None;
            };
            (
                operation_codes(spec, Some(operation)),
                Some(operation.name.as_str()),
            )
        }
    };
    let item = &request.item;
    Some(CodeEnum {
        ident: item.ident.clone(),
        krate: &request.krate,
        track: request.track.then_some(loaded.file.as_deref()).flatten(),
        variants,
        shape: Shape::Generated {
            attrs: &item.attrs,
            vis: item.vis.clone(),
            derives: missing_derives(&item.attrs),
            doc: (!item.attrs.iter().any(|a| a.path().is_ident("doc")))
                .then(|| enum_doc(spec, &loaded.source.origin, operation)),
            operation,
            into_service: request.service_enum.clone(),
        },
    })
}

/// Every code of the spec, with its usual status.
fn all_codes(spec: &Spec) -> Vec<CodeVariant<'_>> {
    spec.errors
        .iter()
        .map(|def| CodeVariant {
            name: def.variant.name.clone(),
            def,
            status: def.status,
            rows: &[],
        })
        .collect()
}

/// What an operation can return: the codes its page documents, with its
/// statuses and rows, and the common codes, in the spec's order.
fn operation_codes<'a>(spec: &'a Spec, operation: Option<&'a Operation>) -> Vec<CodeVariant<'a>> {
    spec.errors
        .iter()
        .filter_map(|def| {
            let own = operation.and_then(|op| op.code(&def.code));
            let common = spec.common.contains(&def.code);
            (own.is_some() || common).then(|| CodeVariant {
                name: def.variant.name.clone(),
                def,
                status: own.and_then(|c| c.status()).unwrap_or(def.status),
                rows: own.map_or(&[][..], |c| &c.rows),
            })
        })
        .collect()
}

/// What `#[service]` writes: the service-wide error enum, and for each
/// operation with a response (or each one `operations` names) its marker,
/// its module of types and its error enum.
pub(crate) fn service_target<'a>(
    request: &'a ServiceRequest,
    loaded: &'a Loaded,
    cx: &mut Cx,
) -> Option<Service<'a>> {
    let spec = &loaded.spec;
    let origin = &loaded.source.origin;
    let before = cx.len();
    let responses: Vec<&Response> = match &request.operations {
        None => spec.responses.iter().collect(),
        Some(names) => {
            let mut chosen: Vec<&Response> = Vec::with_capacity(names.len());
            for lit in names {
                let name = lit.value();
                match spec.response(&name) {
                    Some(response) if !chosen.iter().any(|r| r.operation == name) => {
                        chosen.push(response)
                    }
                    Some(_) => cx.push_at(
                        lit.span(),
                        Diagnostic::whole(format!("operation \"{name}\" is named twice")),
                    ),
                    None => {
                        let hint = suggest::did_you_mean(
                            &name,
                            spec.responses.iter().map(|r| r.operation.as_str()),
                            '"',
                        )
                        .map(|close| format!("; {close}"))
                        .unwrap_or_default();
                        cx.push_at(
                            lit.span(),
                            Diagnostic::whole(format!(
                                "the spec has no response for operation \"{name}\"{hint}"
                            )),
                        );
                    }
                }
            }
            // In the spec's order, whatever the order of the list.
            spec.responses
                .iter()
                .filter(|r| chosen.iter().any(|c| c.operation == r.operation))
                .collect()
        }
    };
    let mut operations = Vec::with_capacity(responses.len());
    for response in responses {
        let op = &response.operation;
        let Ok(module) = naming::field_name(op) else {
            cx.push(Diagnostic::whole(format!(
                "operation \"{op}\" cannot name a Rust module"
            )));
            continue;
        };
        let operation = spec.operation(op);
        operations.push(ServiceOperation {
            response,
            request: spec.request(op),
            module: syn::parse_str(&module).ok()?,
            errors: CodeEnum {
                ident: quote::format_ident!("{op}Error"),
                krate: &request.krate,
                track: None,
                variants: operation_codes(spec, operation),
                shape: Shape::Generated {
                    attrs: &[],
                    vis: syn::parse_quote!(pub),
                    derives: missing_derives(&[]),
                    doc: Some(enum_doc(spec, origin, Some(op))),
                    operation: operation.map(|o| o.name.as_str()),
                    into_service: Some(syn::parse_quote!(super::Error)),
                },
            },
        });
    }
    let errors = CodeEnum {
        ident: quote::format_ident!("Error"),
        krate: &request.krate,
        track: None,
        variants: all_codes(spec),
        shape: Shape::Generated {
            attrs: &[],
            vis: syn::parse_quote!(pub),
            derives: missing_derives(&[]),
            doc: Some(enum_doc(spec, origin, None)),
            operation: None,
            into_service: None,
        },
    };
    let components = reached_components(spec, &operations);
    let item = &request.item;
    (cx.len() == before).then(|| Service {
        item,
        spec,
        components,
        krate: &request.krate,
        track: request.track.then_some(loaded.file.as_deref()).flatten(),
        doc: (!item.attrs.iter().any(|a| a.path().is_ident("doc")))
            .then(|| service_doc(spec, origin)),
        errors,
        operations,
    })
}

/// The components the operations' responses use, directly or through
/// other components, in spec order: a crate that names some operations
/// pays for no other type.
fn reached_components<'a>(spec: &'a Spec, operations: &[ServiceOperation]) -> Vec<&'a Component> {
    fn walk<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
        match &node.shape {
            model::Shape::Ref(reference) => out.push(&reference.component),
            model::Shape::Object(object) => {
                for property in &object.properties {
                    walk(&property.node, out);
                }
            }
            model::Shape::Array { items, .. } => walk(items, out),
            model::Shape::Map { values } => walk(values, out),
            _ => {}
        }
    }
    let mut pending: Vec<&str> = Vec::new();
    for op in operations {
        walk(&op.response.body, &mut pending);
        for parameter in op.request.iter().flat_map(|r| &r.parameters.properties) {
            walk(&parameter.node, &mut pending);
        }
    }
    let mut reached: HashSet<&str> = HashSet::new();
    while let Some(name) = pending.pop() {
        if reached.insert(name) {
            if let Some(component) = spec.component(name) {
                for property in &component.object.properties {
                    walk(&property.node, &mut pending);
                }
            }
        }
    }
    spec.components
        .iter()
        .filter(|c| reached.contains(c.name.as_str()))
        .collect()
}

/// ` The Ess API (version 2014-08-28), from `spec/ess.json`: ...`
fn service_doc(spec: &Spec, origin: &str) -> String {
    let service = match (&spec.service, &spec.api_version) {
        (Some(s), Some(v)) => format!("The {s} API (version {v})"),
        (Some(s), None) => format!("The {s} API"),
        _ => "The service".to_owned(),
    };
    format!(
        " {service}, generated from `{origin}`: the error codes (`Error`), and for each operation a \
         type named after it (it implements `Operation`) and a module of its response types and \
         its error codes."
    )
}

/// ` The Ess (API version 2014-08-28) error codes of `spec/ess.json`.`
fn enum_doc(spec: &Spec, origin: &str, operation: Option<&str>) -> String {
    let service = match (&spec.service, &spec.api_version) {
        (Some(s), Some(v)) => format!("{s} (API version {v}) "),
        (Some(s), None) => format!("{s} "),
        _ => String::new(),
    };
    match operation {
        None => format!(" The {service}error codes of `{origin}`."),
        Some(op) => format!(
            " The {service}error codes that `{op}` can return, from `{origin}`: the codes its \
             page documents, with its statuses, and the common codes."
        ),
    }
}

/// The always-derived traits that the user's own `#[derive]`s lack.
fn missing_derives(attrs: &[Attribute]) -> Vec<syn::Path> {
    let mut written: Vec<String> = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                written.push(last.ident.to_string());
            }
            Ok(())
        });
    }
    ALWAYS_DERIVED
        .iter()
        .filter(|(name, _)| !written.iter().any(|w| w == name))
        .map(|(_, path)| syn::parse_str(path).expect("the paths above are valid"))
        .collect()
}

/// What `#[derive(EssError)]` goes on: a non-generic enum of unit variants.
/// Returns each variant's `#[ess(code = "...")]`.
pub(crate) fn check_derive_item(
    request: &DeriveRequest,
    cx: &mut Cx,
) -> Option<Vec<Option<syn::LitStr>>> {
    let item = &request.item;
    let data = match &item.data {
        Data::Enum(data) => data,
        Data::Struct(s) => {
            cx.push_at(s.struct_token.span, not_an_enum());
            return None;
        }
        Data::Union(u) => {
            cx.push_at(u.union_token.span, not_an_enum());
            return None;
        }
    };
    if !item.generics.params.is_empty() {
        cx.push_at(
            item.generics.span(),
            Diagnostic::whole(
                "an EssError enum cannot be generic: its variants are plain error codes",
            ),
        );
    }
    let mut codes = Vec::with_capacity(data.variants.len());
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            cx.push_at(
                variant.fields.span(),
                Diagnostic::whole(format!(
                    "variant `{}` has fields, but an EssError variant is one error code: remove the fields",
                    variant.ident
                )),
            );
        }
        codes.push(attr::variant_code(&variant.attrs, cx));
    }
    Some(codes)
}

fn not_an_enum() -> Diagnostic {
    Diagnostic::whole(
        "EssError can only be derived for an enum: each variant stands for one error code",
    )
}

/// The impls `#[derive(EssError)]` writes: each variant matched to a code,
/// by its name or its `#[ess(code = "...")]`.
pub(crate) fn derive_target<'a>(
    request: &'a DeriveRequest,
    codes: &[Option<syn::LitStr>],
    loaded: &'a Loaded,
    cx: &mut Cx,
) -> Option<CodeEnum<'a>> {
    let Data::Enum(data) = &request.item.data else {
        return None;
    };
    let (spec, origin) = (&loaded.spec, &loaded.source.origin);
    let by_code: HashMap<&str, &ErrorDef> =
        spec.errors.iter().map(|d| (d.code.as_str(), d)).collect();
    let by_name: HashMap<&str, &ErrorDef> = spec
        .errors
        .iter()
        .map(|d| (d.variant.name.as_str(), d))
        .collect();
    let before = cx.len();
    let mut claimed: HashMap<&str, &syn::Ident> = HashMap::new();
    let mut variants = Vec::with_capacity(data.variants.len());
    for (variant, code) in data.variants.iter().zip(codes) {
        let name = variant.ident.to_string();
        let def = match code {
            Some(lit) => {
                let code = lit.value();
                let def = by_code.get(code.as_str()).copied();
                if def.is_none() {
                    let hint = suggest::did_you_mean(&code, by_code.keys().copied(), '"')
                        .map(|close| format!("; {close}"))
                        .unwrap_or_default();
                    cx.push_at(
                        lit.span(),
                        Diagnostic::whole(format!("code \"{code}\" is not in {origin}{hint}")),
                    );
                }
                def
            }
            None => {
                let def = by_name.get(name.as_str()).copied();
                if def.is_none() {
                    let close = suggest::did_you_mean_as(&name, by_name.keys().copied(), |close| {
                        format!("`{close}` (code \"{}\")", by_name[close].code)
                    });
                    let help = match close {
                        Some(close) => format!("{close} Or name the code with #[ess(code = \"...\")]"),
                        None => "name the variant after a code of the spec (`Forbidden.RiskControl` is \
                                 `ForbiddenRiskControl`), or give the code with #[ess(code = \"...\")]"
                            .to_owned(),
                    };
                    cx.push_at(
                        variant.ident.span(),
                        Diagnostic::whole(format!("variant `{name}` matches no code in {origin}"))
                            .help(help),
                    );
                }
                def
            }
        };
        let Some(def) = def else { continue };
        if let Some(first) = claimed.insert(&def.code, &variant.ident) {
            cx.push_at(
                variant.ident.span(),
                Diagnostic::whole(format!(
                    "variant `{name}` and variant `{first}` both stand for code \"{}\"",
                    def.code
                )),
            );
        }
        variants.push(CodeVariant {
            name,
            def,
            status: def.status,
            rows: &[],
        });
    }
    if !request.subset {
        let missing: Vec<&ErrorDef> = spec
            .errors
            .iter()
            .filter(|d| !claimed.contains_key(d.code.as_str()))
            .collect();
        if !missing.is_empty() {
            let mut list: Vec<String> = missing
                .iter()
                .take(LISTED_MISSING)
                .map(|d| format!("`{}` (code \"{}\")", d.variant.name, d.code))
                .collect();
            if missing.len() > LISTED_MISSING {
                list.push(format!("and {} more", missing.len() - LISTED_MISSING));
            }
            cx.push_at(
                request.item.ident.span(),
                Diagnostic::whole(format!(
                    "enum `{}` lacks {} code{} of {origin}: {}",
                    request.item.ident,
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    list.join(", ")
                ))
                .help(
                    "add the missing variants, or write #[ess(subset)] if the enum covers part of \
                     the spec on purpose",
                ),
            );
        }
    }
    (cx.len() == before).then(|| CodeEnum {
        ident: request.item.ident.clone(),
        krate: &request.krate,
        track: loaded.file.as_deref(),
        variants,
        shape: Shape::Derived,
    })
}
