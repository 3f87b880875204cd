//! The checks of `requests`: each operation's methods and path, and its
//! parameters, whose values are checked and named as a response's are
//! (the parameters are the properties of the struct `{Op}Request`), with
//! where each goes, its style and its limits.

use std::collections::HashMap;

use super::responses::{Components, Items};
use super::Check;
use crate::ast::{self, Field, Number, Spanned};
use crate::json::Span;
use crate::model::{Limits, Location, ParameterStyle, Request, Shape, Wire, METHODS};
use crate::suggest;

impl Check<'_, '_> {
    /// Each operation's request, checked.
    pub(super) fn requests(
        &mut self,
        raw: &[ast::Request],
        components: &Components,
        numbered: bool,
    ) -> Vec<Request> {
        let mut requests = Vec::with_capacity(raw.len());
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for request in raw {
            if !self.operation_key(&request.operation, &mut seen, "\"requests\"") {
                continue;
            }
            if let Some(request) = self.request(request, components, numbered) {
                requests.push(request);
            }
        }
        requests
    }

    fn request(
        &mut self,
        raw: &ast::Request,
        components: &Components,
        numbered: bool,
    ) -> Option<Request> {
        let before = self.cx.len();
        let op = &raw.operation.value;
        let methods = raw
            .methods
            .iter()
            .filter_map(|method| {
                if METHODS.contains(&method.value.as_str()) {
                    return Some(method.value.clone());
                }
                let help = match suggest::did_you_mean(&method.value.to_ascii_lowercase(), METHODS, '"') {
                    Some(close) => format!("{close} The methods are written in lower case: \"get\", \"post\", \"put\", \"delete\", \"patch\", \"head\""),
                    None => "the methods are \"get\", \"post\", \"put\", \"delete\", \"patch\" and \"head\"".to_owned(),
                };
                self.push(method.span, format!("unknown method \"{}\"", method.value), Some(&help));
                None
            })
            .collect();
        let path = raw.path.read().and_then(|path| {
            if path.value.starts_with('/') {
                return Some(path.value.clone());
            }
            self.push(
                path.span,
                format!("the path \"{}\" does not start with `/`", path.value),
                Some("write the path as the metadata gives it, such as \"/clusters/{ClusterId}\""),
            );
            None
        });
        let root = format!("{op}Request");
        let node = self.named_object(
            op,
            &raw.parameters,
            root,
            &[],
            (components, Items::AsList),
            numbered,
        );
        let mut wire = Vec::with_capacity(raw.wire.len());
        let properties = raw.parameters.properties.as_deref().unwrap_or_default();
        let mut body: Option<&Spanned<String>> = None;
        for (property, raw_wire) in properties.iter().zip(&raw.wire) {
            let Some(w) = self.wire(raw_wire) else {
                continue;
            };
            match w.location {
                // A path that is itself wrong is reported once, above.
                Location::Path if path.is_some() || raw.path.read().is_none() => {
                    let slot = format!("{{{}}}", property.name.value);
                    if !path.as_deref().is_some_and(|path| path.contains(&slot)) {
                        self.push(
                            property.name.span,
                            format!(
                                "the path parameter \"{}\" is not in the request's path",
                                property.name.value
                            ),
                            Some(&format!(
                                "add `{slot}` to \"path\", or give the parameter another \"in\""
                            )),
                        );
                    }
                }
                Location::Body => {
                    if let Some(first) = body.replace(&property.name) {
                        let first = self.source.place(first.span);
                        self.push(
                            property.name.span,
                            "a request has one body parameter at most",
                            Some(&format!(
                                "the other is at {first}; give one of them another \"in\""
                            )),
                        );
                    }
                }
                _ => {}
            }
            wire.push(w);
        }
        let node = node?;
        let Shape::Object(parameters) = node.shape else {
            return None;
        };
        (self.cx.len() == before).then_some(Request {
            operation: op.clone(),
            methods,
            path,
            read_only: raw.read_only.read().is_some_and(|r| r.value),
            anonymous: raw.anonymous.read().is_some_and(|r| r.value),
            parameters,
            wire,
        })
    }

    /// A parameter's `in` and `style`.
    fn wire(&mut self, raw: &ast::Wire) -> Option<Wire> {
        let before = self.cx.len();
        let location = match raw.location.read() {
            None => Location::Query,
            Some(name) => self.named(name, &Location::ALL, "\"in\"")?,
        };
        let style = match raw.style.read() {
            None => ParameterStyle::Plain,
            Some(name) => self.named(name, &ParameterStyle::ALL, "\"style\"")?,
        };
        (self.cx.len() == before).then_some(Wire { location, style })
    }

    /// The limits of a parameter, or of a property inside one.
    pub(super) fn limits(&mut self, raw: &ast::Limits) -> Limits {
        let flag = |field: &Field<bool>| field.read().is_some_and(|f| f.value);
        Limits {
            minimum: self.number_limit(&raw.minimum),
            maximum: self.number_limit(&raw.maximum),
            exclusive_minimum: flag(&raw.exclusive_minimum),
            exclusive_maximum: flag(&raw.exclusive_maximum),
            min_length: self.count_limit(&raw.min_length),
            max_length: self.count_limit(&raw.max_length),
            min_items: self.count_limit(&raw.min_items),
            max_items: self.count_limit(&raw.max_items),
            values: raw
                .values
                .iter()
                .flatten()
                .map(|value| value.value.clone())
                .collect(),
        }
    }

    /// One of `names` by its spelling.
    fn named<T: Copy>(
        &mut self,
        name: &Spanned<String>,
        names: &[(&'static str, T)],
        what: &str,
    ) -> Option<T> {
        if let Some((_, value)) = names.iter().find(|(spelling, _)| *spelling == name.value) {
            return Some(*value);
        }
        let spellings = names.iter().map(|(spelling, _)| *spelling);
        let listed: Vec<String> = spellings.clone().map(|s| format!("\"{s}\"")).collect();
        let listed = format!("values of {what} are {}", listed.join(", "));
        let help = match suggest::did_you_mean(&name.value, spellings, '"') {
            Some(close) => format!("{close} The {listed}"),
            None => format!("the {listed}"),
        };
        self.push(
            name.span,
            format!("unknown {what} \"{}\"", name.value),
            Some(&help),
        );
        None
    }

    /// A minimum or maximum: any finite number, kept as written.
    fn number_limit(&mut self, field: &Field<Number>) -> Option<String> {
        let number = field.read()?;
        if number.value.0.parse::<f64>().is_ok_and(f64::is_finite) {
            return Some(number.value.0.clone());
        }
        self.push(
            number.span,
            "this limit is not a finite number",
            Some("write a number such as 50"),
        );
        None
    }

    /// A length or count: a whole number from 0.
    fn count_limit(&mut self, field: &Field<Number>) -> Option<u64> {
        let number = field.read()?;
        match number.value.0.parse::<u64>() {
            Ok(count) => Some(count),
            Err(_) => {
                self.push(
                    number.span,
                    format!("{} is not a count", number.value.0),
                    Some("write a whole number from 0, such as 20"),
                );
                None
            }
        }
    }
}
