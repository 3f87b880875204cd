//! What the pages and the metadata add to each other: the English
//! descriptions of the pages' response tables on the metadata's response
//! trees, and the metadata's error codes in the pages' catalogue.

use std::collections::{BTreeMap, BTreeSet};

use ess_codegen::model::{Node, Object, Response, Shape};
use ess_codegen::{ErrorDef, Operation, OperationCode, Row, Spec};

use super::default_retry;
use super::docs::{variant_for, Note, ResponseRow};
use super::meta::MetaCode;

/// Adds the English description of each row of an operation's response
/// table to the node it documents.
///
/// The pages list a response's parameters depth first but mark neither
/// nesting nor where a nested group ends, so each row is looked up in the
/// object the previous rows opened, then in each object around it; a row
/// that names a list of objects (or an object) opens it. A row that only
/// repeats a list's item name (`|ScalingGroup| | | |`) is skipped.
pub fn english_descriptions(
    responses: &mut [Response],
    pages: &BTreeMap<String, (String, Vec<ResponseRow>)>,
    notes: &mut Vec<Note>,
) {
    for response in responses {
        let Some((file, rows)) = pages.get(&response.operation) else {
            continue;
        };
        // The open objects, each as the path of property indices from the
        // body, and the item name of the list that opened it.
        let mut open: Vec<(Vec<usize>, Option<String>)> = vec![(Vec::new(), None)];
        for row in rows {
            let found = open
                .iter()
                .enumerate()
                .rev()
                .find_map(|(depth, (path, _))| {
                    let object = object_at(&response.body, path)?;
                    let index = object.properties.iter().position(|p| p.name == row.name)?;
                    Some((depth, index))
                });
            let Some((depth, index)) = found else {
                let marker =
                    open.last().and_then(|(_, item)| item.as_deref()) == Some(row.name.as_str());
                if !marker {
                    notes.push(Note {
                        file: file.clone(),
                        line: row.line,
                        column: None,
                        excerpt: None,
                        what: format!(
                            "{}: no property `{}` where this row stands",
                            response.operation, row.name
                        ),
                    });
                }
                continue;
            };
            open.truncate(depth + 1);
            let mut path = open[depth].0.clone();
            path.push(index);
            let Some(property) =
                object_at_mut(&mut response.body, &open[depth].0).map(|o| &mut o.properties[index])
            else {
                continue;
            };
            add_english(&mut property.node, &row.description);
            let item = match &property.node.shape {
                Shape::Array { wrapper, items } if matches!(items.shape, Shape::Object(_)) => {
                    Some(wrapper.clone())
                }
                Shape::Object(_) => Some(None),
                _ => None,
            };
            if let Some(item) = item {
                open.push((path, item));
            }
        }
    }
}

/// The object at `path` (property indices, through lists to their items)
/// in an object body.
fn object_at<'o>(body: &'o Node, path: &[usize]) -> Option<&'o Object> {
    let mut object = object_of(body)?;
    for &index in path {
        object = object_of(&object.properties.get(index)?.node)?;
    }
    Some(object)
}

fn object_at_mut<'o>(body: &'o mut Node, path: &[usize]) -> Option<&'o mut Object> {
    let mut object = object_of_mut(body)?;
    for &index in path {
        object = object_of_mut(&mut object.properties.get_mut(index)?.node)?;
    }
    Some(object)
}

fn object_of(node: &Node) -> Option<&Object> {
    match &node.shape {
        Shape::Object(object) => Some(object),
        Shape::Array { items, .. } => object_of(items),
        _ => None,
    }
}

fn object_of_mut(node: &mut Node) -> Option<&mut Object> {
    match &mut node.shape {
        Shape::Object(object) => Some(object),
        Shape::Array { items, .. } => object_of_mut(items),
        _ => None,
    }
}

/// The English text before the Chinese, once.
fn add_english(node: &mut Node, text: &str) {
    let text = text.trim();
    if text.is_empty() || node.description.iter().any(|(lang, _)| lang == "en") {
        return;
    }
    node.description
        .insert(0, ("en".to_owned(), text.to_owned()));
}

/// Adds the vendor's common codes: each joins `common`, and `errors` where
/// the pages gave it no entry. The variant name is the naming rule's, unless
/// a code of the pages took it.
pub fn common_codes(spec: &mut Spec, common: &[ErrorDef], notes: &mut Vec<Note>) {
    let mut taken: BTreeSet<String> = spec.errors.iter().map(|d| d.variant.name.clone()).collect();
    for def in common {
        if spec.error(&def.code).is_none() {
            spec.errors.push(ErrorDef {
                variant: variant_for(&def.code, &mut taken, notes),
                ..def.clone()
            });
        }
        if !spec.common.contains(&def.code) {
            spec.common.push(def.code.clone());
        }
    }
}

/// Adds the metadata's error codes: a code the pages lack joins `errors`
/// (with the metadata's message), and each operation gains the codes and
/// statuses it lacks.
pub fn error_codes(spec: &mut Spec, codes: &[MetaCode], notes: &mut Vec<Note>) {
    let mut taken: BTreeSet<String> = spec.errors.iter().map(|d| d.variant.name.clone()).collect();
    for code in codes {
        if spec.error(&code.code).is_none() {
            let message = if code.message.is_empty() {
                code.code.clone()
            } else {
                code.message.clone()
            };
            spec.errors.push(ErrorDef {
                retry: default_retry(&code.code, code.status.get()),
                variant: variant_for(&code.code, &mut taken, notes),
                code: code.code.clone(),
                status: code.status,
                message,
                descriptions: Vec::new(),
            });
        }
        let def_message = spec
            .error(&code.code)
            .map(|d| d.message.clone())
            .unwrap_or_default();
        let operation = match spec
            .operations
            .iter()
            .position(|op| op.name == code.operation)
        {
            Some(i) => &mut spec.operations[i],
            None => {
                spec.operations.push(Operation {
                    name: code.operation.clone(),
                    codes: Vec::new(),
                });
                spec.operations.sort_by(|a, b| a.name.cmp(&b.name));
                let i = spec
                    .operations
                    .iter()
                    .position(|op| op.name == code.operation)
                    .unwrap_or(0);
                &mut spec.operations[i]
            }
        };
        let row = Row {
            status: code.status,
            message: Some(code.message.clone()).filter(|m| !m.is_empty() && *m != def_message),
            descriptions: Vec::new(),
        };
        match operation.codes.iter_mut().find(|c| c.code == code.code) {
            Some(known) if known.rows.iter().any(|r| r.status == code.status) => {}
            Some(known) => known.rows.push(row),
            None => {
                operation.codes.push(OperationCode {
                    code: code.code.clone(),
                    rows: vec![row],
                });
                operation.codes.sort_by(|a, b| a.code.cmp(&b.code));
            }
        }
    }
    spec.errors.sort_by(|a, b| a.code.cmp(&b.code));
}
