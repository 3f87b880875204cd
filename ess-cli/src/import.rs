//! `ess import table`: the plain-text table of the vendor's "Response
//! results" page (see `tests/fixtures/seed-response-results.txt`).

use ess_codegen::{ErrorDef, Retry};

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
            Err(why) => table.skipped.push((line_number, why.to_owned())),
        }
    }
    table
}

fn row(line: &str) -> Result<ErrorDef, &'static str> {
    let mut parts = line.splitn(3, char::is_whitespace);
    let status = parts.next().unwrap_or("");
    let http_status: u16 = match status.parse() {
        Ok(s @ 400..=599) if status.len() == 3 => s,
        _ => return Err("not a row: it does not start with an HTTP error status"),
    };
    let code = parts.next().ok_or("a status without a code")?;
    let rest = parts.next().ok_or("a row without a message")?.trim();
    let split = rest
        .find(is_cjk)
        .ok_or("a row without a Chinese description")?;
    let (message, description) = (rest[..split].trim(), rest[split..].trim());
    if message.is_empty() {
        return Err("a row without an English message");
    }
    let retry = if code.starts_with("Throttling") {
        Some(Retry::Throttling)
    } else if matches!(http_status, 500 | 503) {
        Some(Retry::Transient)
    } else {
        None
    };
    Ok(ErrorDef {
        code: code.to_owned(),
        http_status,
        message: message.to_owned(),
        descriptions: vec![("zh".to_owned(), description.to_owned())],
        variant: String::new(),
        explicit_variant: false,
        retry,
        at: Default::default(),
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// One row that `docs` rejected or changed, and why.
pub struct Note {
    pub file: String,
    pub line: usize,
    pub what: String,
}

/// What `docs` read from the vendor's pages.
pub struct Docs {
    pub errors: Vec<ErrorDef>,
    pub common: Vec<String>,
    pub operations: Vec<ess_codegen::Operation>,
    pub notes: Vec<Note>,
    pub files: usize,
    pub rows: usize,
    pub rejected: usize,
    pub several_statuses: Vec<String>,
}

/// A code as the pages describe it, merged over every row that names it.
#[derive(Default)]
struct Merged {
    statuses: Vec<u16>,
    message: Option<String>,
    en: Option<String>,
    zh: Option<String>,
}

/// Reads every Markdown page under `dirs` (sorted, so the result is
/// deterministic) and merges their error-code tables. A page whose sample
/// request names an `Action` documents that operation; a page without one
/// (the "Response results" page) lists the common codes.
pub fn docs(dirs: &[std::path::PathBuf]) -> Result<Docs, String> {
    let mut pages = Vec::new();
    for dir in dirs {
        collect_pages(dir, &mut pages)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    }
    pages.sort();
    let mut docs = Docs {
        errors: Vec::new(),
        common: Vec::new(),
        operations: Vec::new(),
        notes: Vec::new(),
        files: pages.len(),
        rows: 0,
        rejected: 0,
        several_statuses: Vec::new(),
    };
    let mut merged: std::collections::BTreeMap<String, Merged> = Default::default();
    let mut operations: std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, u16>,
    > = Default::default();
    let mut common: std::collections::BTreeSet<String> = Default::default();
    for path in &pages {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let file = path.display().to_string();
        let action = action_of(&text);
        for row in error_rows(&text) {
            docs.rows += 1;
            let note = |what: String| Note {
                file: file.clone(),
                line: row.line,
                what,
            };
            let code = match normalize_code(&row.code) {
                Ok((code, None)) => code,
                Ok((code, Some(change))) => {
                    docs.notes.push(note(format!("normalized: {change}")));
                    code
                }
                Err(why) => {
                    docs.rejected += 1;
                    docs.notes.push(note(format!("rejected: {why}")));
                    continue;
                }
            };
            let status = match row.status.trim().parse::<u16>() {
                Ok(s @ 400..=599) => s,
                _ => {
                    docs.rejected += 1;
                    docs.notes.push(note(format!(
                        "rejected: status `{}` is not an HTTP error status",
                        row.status.trim()
                    )));
                    continue;
                }
            };
            let entry = merged.entry(code.clone()).or_default();
            entry.statuses.push(status);
            let chinese = row.language == Language::Zh;
            if !row.message.is_empty()
                && (entry.message.is_none()
                    || !chinese && has_cjk(entry.message.as_deref().unwrap_or("")))
            {
                entry.message = Some(row.message.clone());
            }
            let slot = if chinese {
                &mut entry.zh
            } else {
                &mut entry.en
            };
            if slot.is_none() && !row.description.is_empty() {
                *slot = Some(row.description.clone());
            }
            match &action {
                Some(action) => {
                    operations
                        .entry(action.clone())
                        .or_default()
                        .entry(code)
                        .or_insert(status);
                }
                None => {
                    common.insert(code);
                }
            }
        }
    }
    for (code, entry) in merged {
        let mut counts: Vec<(u16, usize)> = Vec::new();
        for &status in &entry.statuses {
            match counts.iter_mut().find(|(s, _)| *s == status) {
                Some((_, n)) => *n += 1,
                None => counts.push((status, 1)),
            }
        }
        // The usual status: the most frequent, the lowest on a tie.
        counts.sort_by_key(|&(status, n)| (std::cmp::Reverse(n), status));
        if counts.len() > 1 {
            let list: Vec<String> = counts.iter().map(|(s, n)| format!("{s} ×{n}")).collect();
            docs.several_statuses
                .push(format!("{code}: {}", list.join(", ")));
        }
        let mut descriptions = Vec::new();
        if let Some(en) = entry.en {
            descriptions.push(("en".to_owned(), en));
        }
        if let Some(zh) = entry.zh {
            descriptions.push(("zh".to_owned(), zh));
        }
        let status = counts[0].0;
        docs.errors.push(ErrorDef {
            retry: retry_of(&code, status),
            message: entry.message.unwrap_or_else(|| code.clone()),
            code,
            http_status: status,
            descriptions,
            variant: String::new(),
            explicit_variant: false,
            at: Default::default(),
        });
    }
    let mut by_lowercase: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
    for def in &docs.errors {
        by_lowercase
            .entry(def.code.to_lowercase())
            .or_default()
            .push(&def.code);
    }
    for spellings in by_lowercase.values().filter(|s| s.len() > 1) {
        docs.notes.push(Note {
            file: "(merged)".into(),
            line: 0,
            what: format!(
                "codes differ only in case: {}; all kept, as a server may send any of them",
                spellings.join(", ")
            ),
        });
    }
    name_variants(&mut docs.errors, &mut docs.notes);
    docs.common = common.into_iter().collect();
    docs.operations = operations
        .into_iter()
        .map(|(name, codes)| ess_codegen::Operation {
            name,
            codes: codes.into_iter().collect(),
        })
        .collect();
    Ok(docs)
}

fn collect_pages(
    dir: &std::path::Path,
    pages: &mut Vec<std::path::PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_pages(&path, pages)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    Ok(())
}

/// The `Action=` of the page's sample request.
fn action_of(text: &str) -> Option<String> {
    let start = text.find("Action=")? + "Action=".len();
    let action: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!action.is_empty()).then_some(action)
}

fn retry_of(code: &str, status: u16) -> Option<Retry> {
    if code.starts_with("Throttling") {
        Some(Retry::Throttling)
    } else if matches!(status, 500 | 503) {
        Some(Retry::Transient)
    } else {
        None
    }
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

/// Gives every code a variant name; codes whose names collide (or that
/// have none) get explicit names, in code order, so that the choice is the
/// same on every run.
fn name_variants(errors: &mut [ErrorDef], notes: &mut Vec<Note>) {
    let mut taken: std::collections::BTreeSet<String> = Default::default();
    for def in errors.iter_mut() {
        let derived = ess_codegen::ident::variant_name(&def.code).unwrap_or_else(|_| {
            let letters: String = def
                .code
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            format!("Code{letters}")
        });
        let mut name = derived.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{derived}{n}");
            n += 1;
        }
        if name != derived || ess_codegen::ident::variant_name(&def.code).is_err() {
            def.explicit_variant = true;
            notes.push(Note {
                file: "(merged)".into(),
                line: 0,
                what: format!(
                    "code `{}` is named `{name}`: `{derived}` is taken or not derivable",
                    def.code
                ),
            });
        }
        taken.insert(name.clone());
        def.variant = name;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    En,
    Zh,
}

/// One row of an error-code table.
struct Row {
    line: usize,
    language: Language,
    status: String,
    code: String,
    message: String,
    description: String,
}

/// The rows of every error-code table on a page. Tables are found by their
/// header (an HTTP status column and an error-code column); cells broken
/// over several lines are joined; a line that ends with `|` ends a row.
fn error_rows(text: &str) -> Vec<Row> {
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_separator(lines[i]) {
            i += 1;
            continue;
        }
        // The header: the table lines just above the separator.
        let mut start = i;
        while start > 0
            && (lines[start - 1].trim().is_empty()
                || lines[start - 1].trim_start().starts_with('|'))
        {
            start -= 1;
        }
        let header: Vec<String> = cells(&lines[start..i].join("\n"));
        let Some(columns) = Columns::of(&header) else {
            i += 1;
            continue;
        };
        i += 1;
        let mut cell_text = String::new();
        let mut row_line = i + 1;
        while i < lines.len() {
            let line = lines[i];
            let trimmed = line.trim();
            if trimmed.starts_with('#')
                || (cell_text.is_empty() && !trimmed.is_empty() && !trimmed.starts_with('|'))
            {
                break;
            }
            if cell_text.is_empty() {
                row_line = i + 1;
            }
            cell_text.push_str(line);
            cell_text.push('\n');
            i += 1;
            if trimmed.ends_with('|') && cells(&cell_text).len() >= columns.count {
                let row = cells(&cell_text);
                rows.push(Row {
                    line: row_line,
                    language: columns.language,
                    status: row[columns.status].clone(),
                    code: row[columns.code].clone(),
                    message: columns.message.map(|c| row[c].clone()).unwrap_or_default(),
                    description: columns
                        .description
                        .map(|c| row[c].clone())
                        .unwrap_or_default(),
                });
                cell_text.clear();
            }
        }
    }
    rows
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains("---") && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of a table row: split at `|`, each cell's lines joined with
/// spaces, Markdown escapes removed.
fn cells(text: &str) -> Vec<String> {
    let text = text.trim();
    let inner = text.strip_prefix('|').unwrap_or(text);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner
        .split('|')
        .map(|cell| {
            let joined: Vec<&str> = cell.split_whitespace().collect();
            joined
                .join(" ")
                .replace("\\>", ">")
                .replace("\\<", "<")
                .replace("\\_", "_")
                .replace("\\*", "*")
        })
        .collect()
}

struct Columns {
    count: usize,
    language: Language,
    status: usize,
    code: usize,
    message: Option<usize>,
    description: Option<usize>,
}

impl Columns {
    fn of(header: &[String]) -> Option<Columns> {
        let find =
            |pred: &dyn Fn(&str) -> bool| header.iter().position(|h| pred(&h.to_lowercase()));
        let status = find(&|h| h.contains("http"))?;
        let code = find(&|h| h == "error code" || h == "错误码" || h == "code")?;
        Some(Columns {
            count: header.len(),
            language: if header.iter().any(|h| has_cjk(h)) {
                Language::Zh
            } else {
                Language::En
            },
            status,
            code,
            message: find(&|h| h.contains("message") || h == "错误信息"),
            description: find(&|h| h.contains("description") || h == "描述" || h == "说明"),
        })
    }
}

/// The code as a server sends it, or why the cell is not one. Spaces after
/// a dot and a trailing dot are typos of the pages and are fixed (and
/// reported); other spaces mean a sentence stands in the code column.
fn normalize_code(cell: &str) -> Result<(String, Option<String>), String> {
    let cell = cell.trim().trim_matches('`');
    if cell.is_empty() {
        return Err("empty code".into());
    }
    let mut code = cell.replace(". ", ".");
    if code.ends_with('.') {
        code.pop();
    }
    if code.contains(char::is_whitespace)
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(format!("`{cell}` is not a code"));
    }
    let change = (code != cell).then(|| format!("`{cell}` read as `{code}`"));
    Ok((code, change))
}
