//! `ess diff`: what changed between two versions of a spec, and what of it
//! breaks code that uses the generated enum.

use std::fmt;

use ess_codegen::{ErrorDef, Spec};

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
    let find = |spec: &'_ Spec, code: &str| spec.errors.iter().find(|d| d.code == code).cloned();
    let mut old_codes: Vec<&ErrorDef> = old.errors.iter().collect();
    old_codes.sort_by(|a, b| a.code.cmp(&b.code));
    let mut new_codes: Vec<&ErrorDef> = new.errors.iter().collect();
    new_codes.sort_by(|a, b| a.code.cmp(&b.code));
    let mut changes = Vec::new();
    for def in &old_codes {
        if find(new, &def.code).is_none() {
            changes.push(Change {
                breaking: true,
                what: format!("removed {} (variant `{}`)", def.code, def.variant),
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
                    before.code, before.variant, after.variant
                ),
            });
        }
        if before.http_status != after.http_status {
            changes.push(Change {
                breaking: false,
                what: format!(
                    "status of {}: {} is now {}",
                    before.code, before.http_status, after.http_status
                ),
            });
        }
        if before.retry != after.retry {
            let name = |r: Option<ess_codegen::Retry>| r.map_or("none", |r| r.name());
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
                what: format!("added {} (variant `{}`): breaks exhaustive matches unless the enum is #[non_exhaustive]", def.code, def.variant),
            });
        }
    }
    changes
}

/// What changed in `operations`: each operation's enum loses a variant when
/// a code leaves it (breaking), gains one when a code joins it (breaking for
/// exhaustive matches), and changes no code when only a status moves.
fn operation_changes(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut changes = Vec::new();
    for before in &old.operations {
        let Some(after) = new.operations.iter().find(|op| op.name == before.name) else {
            changes.push(Change {
                breaking: true,
                what: format!("removed operation {}", before.name),
            });
            continue;
        };
        for (code, status) in &before.codes {
            match after.codes.iter().find(|(c, _)| c == code) {
                None => changes.push(Change {
                    breaking: true,
                    what: format!("operation {} no longer documents {code}", before.name),
                }),
                Some((_, new_status)) if new_status != status => changes.push(Change {
                    breaking: false,
                    what: format!(
                        "status of {code} on {}: {status} is now {new_status}",
                        before.name
                    ),
                }),
                Some(_) => {}
            }
        }
        for (code, _) in &after.codes {
            if !before.codes.iter().any(|(c, _)| c == code) {
                changes.push(Change {
                    breaking: true,
                    what: format!(
                        "operation {} now documents {code}: breaks exhaustive matches on its enum",
                        before.name
                    ),
                });
            }
        }
    }
    for after in &new.operations {
        if !old.operations.iter().any(|op| op.name == after.name) {
            changes.push(Change {
                breaking: false,
                what: format!("added operation {}", after.name),
            });
        }
    }
    changes
}
