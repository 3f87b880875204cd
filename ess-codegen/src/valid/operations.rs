//! The checks of `common` and `operations`: every code they name is one of
//! `errors`, each once; every row of an operation has a valid status.

use super::Check;
use crate::ast;
use crate::model::{Operation, OperationCode, Row};
use crate::suggest;

impl Check<'_, '_> {
    /// `common`: codes of `errors`, each once.
    pub(super) fn common(&mut self, raw: &[ast::Spanned<String>], errors: &[&str]) -> Vec<String> {
        let mut common: Vec<String> = Vec::with_capacity(raw.len());
        for code in raw {
            if common.contains(&code.value) {
                self.push(
                    code.span,
                    format!("\"common\" names code \"{}\" twice", code.value),
                    Some("remove one of them"),
                );
            } else if self.known_code(code, errors, "\"common\" names") {
                common.push(code.value.clone());
            }
        }
        common
    }

    /// `operations`: each name once; each code one of `errors`, once per
    /// operation, with at least one valid row.
    pub(super) fn operations(&mut self, raw: &[ast::Operation], errors: &[&str]) -> Vec<Operation> {
        let mut operations: Vec<Operation> = Vec::with_capacity(raw.len());
        for op in raw {
            if operations.iter().any(|o| o.name == op.name.value) {
                self.push(
                    op.name.span,
                    format!("operation \"{}\" is given twice", op.name.value),
                    Some("merge its codes into one object"),
                );
                continue;
            }
            let mut codes: Vec<OperationCode> = Vec::with_capacity(op.codes.len());
            for code in &op.codes {
                let what = format!("operation \"{}\" names", op.name.value);
                if codes.iter().any(|c| c.code == code.code.value) {
                    self.push(
                        code.code.span,
                        format!(
                            "code \"{}\" is given twice in operation \"{}\"",
                            code.code.value, op.name.value
                        ),
                        Some("keep one; several rows go in an array: \"Code\": [{...}, {...}]"),
                    );
                    continue;
                }
                let known = self.known_code(&code.code, errors, &what);
                let rows = self.rows(code);
                if known && !rows.is_empty() {
                    codes.push(OperationCode {
                        code: code.code.value.clone(),
                        rows,
                    });
                }
            }
            operations.push(Operation {
                name: op.name.value.clone(),
                codes,
            });
        }
        operations
    }

    fn rows(&mut self, code: &ast::OperationCode) -> Vec<Row> {
        let Some(raw) = &code.rows else {
            return Vec::new();
        };
        if raw.is_empty() {
            self.push(
                code.span,
                format!("code \"{}\" has no rows", code.code.value),
                Some("give at least its status: \"Code\": 400"),
            );
        }
        let mut rows = Vec::with_capacity(raw.len());
        for row in raw {
            if matches!(row.http_status, ast::Field::Absent) {
                self.push(
                    row.span,
                    format!(
                        "this row of code \"{}\" has no \"http_status\"",
                        code.code.value
                    ),
                    Some("add \"http_status\": 400"),
                );
            }
            let status = self.status(&row.http_status);
            let message = match &row.message {
                ast::Field::Absent => Some(None),
                field => self.non_empty(field, "message").map(Some),
            };
            let descriptions = self.descriptions(&row.description);
            if let (Some(status), Some(message)) = (status, message) {
                rows.push(Row {
                    status,
                    message,
                    descriptions,
                });
            }
        }
        rows
    }

    /// Whether `code` is one of the codes written in `errors` (valid or
    /// not: a broken entry is reported once, where it is); reports it if not.
    fn known_code(&mut self, code: &ast::Spanned<String>, errors: &[&str], what: &str) -> bool {
        if errors.contains(&code.value.as_str()) {
            return true;
        }
        let fix = "add an entry for it to \"errors\", or remove it here";
        let help = match suggest::did_you_mean(&code.value, errors.iter().copied(), '"') {
            Some(close) => format!("{close} Otherwise {fix}"),
            None => fix.to_owned(),
        };
        self.push(
            code.span,
            format!("{what} code \"{}\", which is not in \"errors\"", code.value),
            Some(&help),
        );
        false
    }
}
