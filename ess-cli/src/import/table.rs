//! `ess import table`: the plain-text table of the vendor's "Response
//! results" page (see `tests/fixtures/seed-response-results.txt`).

use ess_codegen::{naming, ErrorDef, Status, Variant};

use super::{default_retry, is_cjk};

/// The rows read, and the lines that were not rows, with why.
pub struct Table {
    pub errors: Vec<ErrorDef>,
    pub skipped: Vec<(usize, String)>,
}

/// Reads rows `400 Code English message. 中文描述。`. A row starts with an
/// HTTP status; the English message runs up to the first CJK character,
/// where the Chinese description starts. Other lines (the header, notes
/// between rows, the rest of the page) are skipped and reported.
pub fn table(text: &str) -> Table {
    let mut table = Table {
        errors: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match row(line) {
            Ok(def) => {
                if table.errors.iter().any(|d| d.code == def.code) {
                    table.skipped.push((
                        line_number,
                        format!("code `{}` repeats an earlier row", def.code),
                    ));
                } else {
                    table.errors.push(def);
                }
            }
            Err(why) => table.skipped.push((line_number, why)),
        }
    }
    table
}

fn row(line: &str) -> Result<ErrorDef, String> {
    let mut parts = line.splitn(3, char::is_whitespace);
    let status = parts.next().unwrap_or("");
    let status = match status.parse().ok().and_then(Status::new) {
        Some(s) if status.len() == 3 => s,
        _ => return Err("not a row: it does not start with an HTTP error status".into()),
    };
    let code = parts.next().ok_or("a status without a code")?;
    let rest = parts.next().ok_or("a row without a message")?.trim();
    let split = rest
        .find(is_cjk)
        .ok_or("a row without a Chinese description")?;
    let (message, description) = (rest[..split].trim(), rest[split..].trim());
    if message.is_empty() {
        return Err("a row without an English message".into());
    }
    let variant = naming::variant_name(code)
        .map_err(|why| format!("code `{code}` cannot become a variant name: {why}"))?;
    Ok(ErrorDef {
        code: code.to_owned(),
        status,
        message: message.to_owned(),
        descriptions: vec![("zh".to_owned(), description.to_owned())],
        variant: Variant {
            name: variant,
            explicit: false,
        },
        retry: default_retry(code, status.get()),
    })
}
