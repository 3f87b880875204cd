//! The checks of `errors`: each entry complete, each code once, one valid
//! and distinct variant name per code.

use std::collections::HashMap;

use super::Check;
use crate::ast::{Entry, Field};
use crate::json::Span;
use crate::model::{ErrorDef, Retry, Variant};
use crate::naming;

impl Check<'_, '_> {
    /// The entries that are complete, in file order; every problem
    /// reported, including those across entries.
    pub(super) fn errors(&mut self, entries: &[Entry]) -> Vec<ErrorDef> {
        let mut defs = Vec::with_capacity(entries.len());
        // Where each code and name was first given, for pointing at it.
        let mut codes: HashMap<String, Span> = HashMap::with_capacity(entries.len());
        let mut names: HashMap<String, (String, Span)> = HashMap::with_capacity(entries.len());
        for entry in entries {
            let (variant, def) = self.entry(entry);
            let Some(code) = entry.code.read().filter(|c| !c.value.trim().is_empty()) else {
                continue;
            };
            if let Some(first) = codes.get(&code.value) {
                let first = self.source.place(*first);
                self.push(
                    entry.span,
                    format!("duplicate code \"{}\"", code.value),
                    Some(&format!(
                        "the code is already defined at {first}; keep one entry per code"
                    )),
                );
                continue;
            }
            codes.insert(code.value.clone(), entry.span);
            // Names collide whether or not the entries have other problems.
            let Some(variant) = variant else { continue };
            if let Some((other, other_span)) = names.get(&variant.name) {
                let (first, here) = (
                    self.source.place(*other_span),
                    self.source.place(entry.span),
                );
                self.push(
                    entry.span,
                    format!(
                        "codes \"{other}\" ({first}) and \"{}\" ({here}) both become the variant `{}`",
                        code.value, variant.name
                    ),
                    Some(&format!(
                        "add \"variant\": \"{}Alt\" (or another distinct name) to one of the two entries",
                        variant.name
                    )),
                );
                continue;
            }
            names.insert(variant.name.clone(), (code.value.clone(), entry.span));
            defs.extend(def);
        }
        defs
    }

    /// One entry's variant name, if its code gives one, and the entry, if
    /// it is complete and its fields are valid.
    fn entry(&mut self, entry: &Entry) -> (Option<Variant>, Option<ErrorDef>) {
        let code = self.non_empty(&entry.code, "code");
        let status = self.status(&entry.http_status);
        let message = self.non_empty(&entry.message, "message");
        let descriptions = self.descriptions(&entry.description);
        let retry = self.retry(&entry.retry);
        for (key, field_absent, example) in [
            (
                "code",
                matches!(entry.code, Field::Absent),
                "\"code\": \"Forbidden.RiskControl\"",
            ),
            (
                "http_status",
                matches!(entry.http_status, Field::Absent),
                "\"http_status\": 403",
            ),
            (
                "message",
                matches!(entry.message, Field::Absent),
                "\"message\": \"<the English message as published>\"",
            ),
        ] {
            if field_absent {
                self.push(
                    entry.span,
                    format!("this error entry has no \"{key}\""),
                    Some(&format!("add {example}")),
                );
            }
        }
        let Some(code) = code else {
            return (None, None);
        };
        let variant = self.variant(&entry.variant, &code, entry.span);
        let def = (|| {
            Some(ErrorDef {
                status: status?,
                message: message?,
                descriptions,
                variant: variant.clone()?,
                retry: retry.ok()?,
                code,
            })
        })();
        (variant, def)
    }

    /// The spec's `variant`, checked, or the name the code gives.
    fn variant(&mut self, field: &Field<String>, code: &str, entry: Span) -> Option<Variant> {
        match field {
            Field::Read(name) => {
                match naming::check_variant_override(&name.value) {
                    Ok(()) => Some(Variant {
                        name: name.value.clone(),
                        explicit: true,
                    }),
                    Err(why) => {
                        self.push(
                        name.span,
                        format!("variant \"{}\" is not a usable Rust name: {why}", name.value),
                        Some("write an UpperCamelCase name such as \"InvalidParamPageNumberLower\""),
                    );
                        None
                    }
                }
            }
            Field::Unreadable => None,
            Field::Absent => match naming::variant_name(code) {
                Ok(name) => Some(Variant {
                    name,
                    explicit: false,
                }),
                Err(why) => {
                    self.push(
                        entry,
                        format!(
                            "code \"{}\" cannot become a Rust variant name: {why}",
                            code.escape_debug()
                        ),
                        Some("add \"variant\": \"SomeName\" to this entry to name the variant yourself"),
                    );
                    None
                }
            },
        }
    }

    /// `retry`: `Ok(None)` when absent, `Err` when it names no class.
    fn retry(&mut self, field: &Field<String>) -> Result<Option<Retry>, ()> {
        match field {
            Field::Absent => Ok(None),
            Field::Unreadable => Err(()),
            Field::Read(name) => match Retry::from_name(&name.value) {
                Some(retry) => Ok(Some(retry)),
                None => {
                    let names: Vec<String> =
                        Retry::ALL.iter().map(|(n, _)| format!("\"{n}\"")).collect();
                    self.push(
                        name.span,
                        format!("unknown retry class \"{}\"", name.value),
                        Some(&format!(
                            "use {}, or leave \"retry\" out",
                            names.join(" or ")
                        )),
                    );
                    Err(())
                }
            },
        }
    }
}
