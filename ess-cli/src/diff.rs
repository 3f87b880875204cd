//! `ess diff`: what changed between two versions of a spec, and what of it
//! breaks code that uses the generated enum.

use std::fmt;

use ess_codegen::{ErrorDef, OperationCode, Retry, Row, Spec};

/// One change.
pub struct Change {
    /// Whether code that names or matches on the variants stops compiling
    /// or changes meaning.
    pub breaking: bool,
    what: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = if self.breaking {
            "breaking"
        } else {
            "compatible"
        };
        write!(f, "{tag:<10} {}", self.what)
    }
}

/// The changes from `old` to `new`, removed codes first, then changed, then
/// added, each in code order.
pub fn changes(old: &Spec, new: &Spec) -> Vec<Change> {
    let find = |spec: &'_ Spec, code: &str| spec.error(code).cloned();
    let mut old_codes: Vec<&ErrorDef> = old.errors.iter().collect();
    old_codes.sort_by(|a, b| a.code.cmp(&b.code));
    let mut new_codes: Vec<&ErrorDef> = new.errors.iter().collect();
    new_codes.sort_by(|a, b| a.code.cmp(&b.code));
    let mut changes = Vec::new();
    for def in &old_codes {
        if find(new, &def.code).is_none() {
            changes.push(Change {
                breaking: true,
                what: format!("removed {} (variant `{}`)", def.code, def.variant.name),
            });
        }
    }
    for before in &old_codes {
        let Some(after) = find(new, &before.code) else {
            continue;
        };
        if before.variant != after.variant {
            changes.push(Change {
                breaking: true,
                what: format!(
                    "renamed the variant of {}: `{}` is now `{}`",
                    before.code, before.variant.name, after.variant.name
                ),
            });
        }
        if before.status != after.status {
            changes.push(Change {
                breaking: false,
                what: format!(
                    "status of {}: {} is now {}",
                    before.code, before.status, after.status
                ),
            });
        }
        if before.retry != after.retry {
            let name = |r: Option<Retry>| r.map_or("none", |r| r.name());
            changes.push(Change {
                breaking: false,
                what: format!(
                    "retry class of {}: {} is now {}",
                    before.code,
                    name(before.retry),
                    name(after.retry)
                ),
            });
        }
        if before.message != after.message {
            changes.push(Change {
                breaking: false,
                what: format!(
                    "message of {}: {:?} is now {:?}",
                    before.code, before.message, after.message
                ),
            });
        }
    }
    changes.extend(operation_changes(old, new));
    for def in &new_codes {
        if find(old, &def.code).is_none() {
            // A new variant breaks an exhaustive `match` on the enum, unless
            // the enum is `#[non_exhaustive]` (which the spec cannot know).
            changes.push(Change {
                breaking: true,
                what: format!("added {} (variant `{}`): breaks exhaustive matches unless the enum is #[non_exhaustive]", def.code, def.variant.name),
            });
        }
    }
    changes
}

/// What changed in `operations`: each operation's enum loses a variant when
/// a code leaves it (breaking), gains one when a code joins it (breaking for
/// exhaustive matches), and changes no code when only a status, a message or
/// a description moves.
fn operation_changes(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut changes = Vec::new();
    for before in &old.operations {
        let Some(after) = new.operation(&before.name) else {
            changes.push(Change {
                breaking: true,
                what: format!("removed operation {}", before.name),
            });
            continue;
        };
        for code in &before.codes {
            match after.code(&code.code) {
                None => changes.push(Change {
                    breaking: true,
                    what: format!(
                        "operation {} no longer documents {}",
                        before.name, code.code
                    ),
                }),
                Some(now) => changes.extend(row_changes(&before.name, code, now)),
            }
        }
        for code in &after.codes {
            if before.code(&code.code).is_none() {
                changes.push(Change {
                    breaking: true,
                    what: format!(
                        "operation {} now documents {}: breaks exhaustive matches on its enum",
                        before.name, code.code
                    ),
                });
            }
        }
    }
    for after in &new.operations {
        if old.operation(&after.name).is_none() {
            changes.push(Change {
                breaking: false,
                what: format!("added operation {}", after.name),
            });
        }
    }
    changes
}

/// What an operation's page says of a code, before and after: its status
/// (the first row's, which the operation's enum uses), and its rows.
fn row_changes(operation: &str, before: &OperationCode, after: &OperationCode) -> Vec<Change> {
    let code = &before.code;
    let mut changes = Vec::new();
    if let (Some(old), Some(new)) = (before.status(), after.status()) {
        if old != new {
            changes.push(Change {
                breaking: false,
                what: format!("status of {code} on {operation}: {old} is now {new}"),
            });
        }
    }
    let show = |row: &Row| {
        let mut text = format!("HTTP {}", row.status);
        if let Some(message) = &row.message {
            text.push_str(&format!(" {message:?}"));
        }
        for (lang, description) in &row.descriptions {
            text.push_str(&format!(" {lang}: {description:?}"));
        }
        text
    };
    // A lone row whose status alone moved is the status change above.
    let status_moved = matches!((before.rows.as_slice(), after.rows.as_slice()),
        ([old], [new]) if Row { status: new.status, ..old.clone() } == *new);
    if !status_moved {
        for row in before.rows.iter().filter(|row| !after.rows.contains(row)) {
            changes.push(Change {
                breaking: false,
                what: format!("{operation} no longer says of {code}: {}", show(row)),
            });
        }
        for row in after.rows.iter().filter(|row| !before.rows.contains(row)) {
            changes.push(Change {
                breaking: false,
                what: format!("{operation} now says of {code}: {}", show(row)),
            });
        }
    }
    changes
}
