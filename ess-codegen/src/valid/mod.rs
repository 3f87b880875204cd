//! Every check, in one place and one context: of a raw spec
//! ([`crate::ast`]) into the model ([`crate::model`]), and of a macro's
//! request against that model into what to emit ([`crate::target`]).
//!
//! Each check reports into the [`Cx`] and goes on, so that one build shows
//! every problem; the model is built only when nothing was reported.

mod errors;
mod operations;
mod request;
mod requests;
mod responses;

pub(crate) use request::{
    check_derive_item, check_enum_item, derive_target, enum_target, service_target, spec_source,
};

use crate::ast::{self, Field, Number, Spanned};
use crate::diagnostic::{Cx, Diagnostic, SourceText};
use crate::json::Span;
use crate::model::{Descriptions, Spec, Status};

/// Checks a raw spec; the model when it has no problem.
pub(crate) fn spec(raw: ast::Spec, source: &SourceText, cx: &mut Cx) -> Option<Spec> {
    let before = cx.len();
    let mut check = Check { source, cx };
    let Some(entries) = &raw.errors else {
        check.push(
            raw.span,
            "the spec has no \"errors\" key",
            Some("add \"errors\": [ ... ] with one object per error code"),
        );
        return None;
    };
    let errors = check.errors(entries);
    let written: Vec<&str> = entries
        .iter()
        .filter_map(|entry| entry.code.read())
        .map(|code| code.value.as_str())
        .collect();
    let common = check.common(&raw.common, &written);
    let operations = check.operations(&raw.operations, &written);
    let numbered = raw.numbered_names.as_ref().is_some_and(|n| n.value);
    let (components, by_name) = check.components(&raw.components, numbered);
    let responses = check.responses(&raw.responses, &by_name, numbered);
    let requests = check.requests(&raw.requests, &by_name, numbered);
    // `svc::{Op}Request` is the request of `Op`: no operation may take it.
    let names: std::collections::HashSet<&str> = raw
        .responses
        .iter()
        .map(|r| r.operation.value.as_str())
        .collect();
    for response in &raw.responses {
        let name = &response.operation;
        if let Some(base) = name
            .value
            .strip_suffix("Request")
            .filter(|b| names.contains(b))
        {
            check.push(
                name.span,
                format!("operation \"{}\" is named like the request of \"{base}\"", name.value),
                Some(&format!(
                    "both would be `{}` in the service's module: rename one with the vendor's spelling",
                    name.value
                )),
            );
        }
    }
    let endpoints = check.endpoints(&raw.endpoints);
    let take = |field: Option<Spanned<String>>| field.map(|s| s.value);
    (cx.len() == before).then(|| Spec {
        schema: take(raw.schema),
        service: take(raw.service),
        api_version: take(raw.api_version),
        errors,
        common,
        operations,
        numbered_names: numbered,
        components,
        responses,
        style: take(raw.style),
        endpoints,
        requests,
    })
}

/// The checks' shared state: the text, for places, and the context.
struct Check<'s, 'c> {
    source: &'s SourceText,
    cx: &'c mut Cx,
}

impl Check<'_, '_> {
    fn push(&mut self, span: Span, message: impl Into<String>, help: Option<&str>) {
        let mut d = Diagnostic::at(self.source, span, message);
        if let Some(help) = help {
            d = d.help(help);
        }
        self.cx.push(d);
    }

    /// A string that must not be blank.
    fn non_empty(&mut self, field: &Field<String>, key: &str) -> Option<String> {
        let value = field.read()?;
        if value.value.trim().is_empty() {
            self.push(
                value.span,
                format!("\"{key}\" is empty"),
                Some(&format!(
                    "give the {key} exactly as the vendor publishes it"
                )),
            );
            return None;
        }
        Some(value.value.clone())
    }

    /// `http_status`: an error status, the one rule of [`Status`].
    fn status(&mut self, field: &Field<Number>) -> Option<Status> {
        let Spanned {
            value: Number(raw),
            span,
        } = field.read()?;
        let status = raw.parse::<u16>().ok().and_then(Status::new);
        if status.is_none() {
            let (low, high) = (Status::RANGE.start(), Status::RANGE.end());
            self.push(
                *span,
                format!("http_status {raw} is not an error status"),
                Some(&format!(
                    "a spec lists error responses: use an integer from {low} to {high}"
                )),
            );
        }
        status
    }

    /// `endpoints`: each region once, each host a host name.
    fn endpoints(&mut self, raw: &[(Spanned<String>, Spanned<String>)]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::with_capacity(raw.len());
        for (region, host) in raw {
            if out.iter().any(|(r, _)| *r == region.value) {
                self.push(
                    region.span,
                    format!("region \"{}\" is given twice", region.value),
                    Some("keep one host per region"),
                );
            } else if !crate::naming::is_host_name(&host.value) {
                self.push(
                    host.span,
                    format!("\"{}\" is not a host name", host.value),
                    Some("write the host alone, such as \"ess.aliyuncs.com\", without a scheme or path"),
                );
            } else {
                out.push((region.value.clone(), host.value.clone()));
            }
        }
        out
    }

    /// `description`: valid language tags, each once, each with a text.
    fn descriptions(
        &mut self,
        raw: &Option<Vec<(Spanned<String>, Spanned<String>)>>,
    ) -> Descriptions {
        let mut out: Descriptions = Vec::new();
        for (tag, text) in raw.iter().flatten() {
            if !is_language_tag(&tag.value) {
                self.push(
                    tag.span,
                    format!("\"{}\" is not a language tag", tag.value),
                    Some("use a tag such as \"en\", \"zh\" or \"zh-CN\""),
                );
            } else if out.iter().any(|(lang, _)| *lang == tag.value) {
                self.push(
                    tag.span,
                    format!("description \"{}\" is given twice", tag.value),
                    Some("keep one text per language"),
                );
            } else if let Some(text) = self.non_empty(
                &Field::Read(text.clone()),
                &format!("description.{}", tag.value),
            ) {
                out.push((tag.value.clone(), text));
            }
        }
        out
    }
}

/// `^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`, as `schema.json` says.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
