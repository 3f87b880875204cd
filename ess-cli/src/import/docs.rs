//! `ess import docs`: every error-code table of the vendor's API reference
//! pages, merged into one spec.
//!
//! - A page whose request names an `Action` documents that operation; a
//!   page without one (the "Response results" page and its kin) lists the
//!   common codes.
//! - A common code takes its status, message and descriptions from the
//!   common-codes page; any other code takes the status, message and
//!   descriptions most pages give it.
//! - An operation keeps what its own pages say of each code, row by row:
//!   the English page of the current folder paired with the Chinese one,
//!   row for row; pages of the older folders add only the codes the current
//!   ones lack. A row that says what the code's entry says is written as its
//!   status alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ess_codegen::{
    naming, Descriptions, ErrorDef, Operation, OperationCode, Row as SpecRow, Status, Variant,
};

use super::{default_retry, has_cjk};

/// One row that an import rejected or changed, and why: at a line of an
/// input file, or (an empty `file`) about what the inputs say together.
pub struct Note {
    pub file: String,
    pub line: usize,
    /// The column, where the place is finer than a line.
    pub column: Option<usize>,
    /// A short excerpt of the text at the place, for a file whose lines
    /// are too long to show.
    pub excerpt: Option<String>,
    pub what: String,
}

impl Note {
    /// A note about line `line` of `file`.
    pub fn at_line(file: &str, line: usize, what: String) -> Note {
        Note {
            file: file.to_owned(),
            line,
            column: None,
            excerpt: None,
            what,
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.file.is_empty() {
            return write!(f, "note: {}", self.what);
        }
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {}", self.what)?;
        if let Some(excerpt) = &self.excerpt {
            write!(f, "\n    | {excerpt}")?;
        }
        Ok(())
    }
}

/// What `docs` read from the vendor's pages.
pub struct Docs {
    pub errors: Vec<ErrorDef>,
    pub common: Vec<String>,
    pub operations: Vec<Operation>,
    /// Each operation's response-parameter rows, from its English page of
    /// the current folder (the older one where it has none), and that
    /// page's name.
    pub responses: BTreeMap<String, (String, Vec<ResponseRow>)>,
    pub notes: Vec<Note>,
    pub files: usize,
    pub rows: usize,
    pub rejected: usize,
    pub several_statuses: Vec<String>,
}

impl Docs {
    /// One line on what was read and kept.
    pub fn summary(&self) -> String {
        format!(
            "{} pages, {} rows read, {} codes kept, {} rows rejected, {} codes with several statuses, {} operations",
            self.files,
            self.rows,
            self.errors.len(),
            self.rejected,
            self.several_statuses.len(),
            self.operations.len()
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Language {
    En,
    Zh,
}

/// What a page is, for merging.
#[derive(Clone, PartialEq, Eq)]
enum PageKind {
    /// Lists the common codes; the "Response results" page first.
    Common { rank: u8 },
    /// Documents one operation.
    Operation(String),
}

struct Page {
    file: String,
    language: Language,
    /// The folder's standing: the current API reference (0) before the
    /// older one (1).
    rank: u8,
    kind: PageKind,
}

/// One row of a table, read and normalized.
struct Read {
    page: usize,
    line: usize,
    code: String,
    status: Status,
    message: String,
    description: String,
}

/// Reads every Markdown page under `dirs` (sorted, so the result is
/// deterministic) and merges their error-code tables.
pub fn docs(dirs: &[PathBuf]) -> Result<Docs, String> {
    let mut paths = Vec::new();
    for dir in dirs {
        collect_pages(dir, &mut paths)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    }
    paths.sort();
    let mut docs = Docs {
        errors: Vec::new(),
        common: Vec::new(),
        operations: Vec::new(),
        responses: BTreeMap::new(),
        notes: Vec::new(),
        files: paths.len(),
        rows: 0,
        rejected: 0,
        several_statuses: Vec::new(),
    };
    let mut pages = Vec::with_capacity(paths.len());
    let mut rows = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let page = pages.len();
        pages.push(Page::of(path, &text));
        if let (Language::En, PageKind::Operation(action)) =
            (pages[page].language, &pages[page].kind)
        {
            let rank = pages[page].rank;
            let rows = response_rows(&text);
            let better = docs.responses.get(action).is_none_or(|(file, _)| {
                rank < pages
                    .iter()
                    .find(|p| &p.file == file)
                    .map_or(u8::MAX, |p| p.rank)
            });
            if !rows.is_empty() && better {
                docs.responses
                    .insert(action.clone(), (pages[page].file.clone(), rows));
            }
        }
        for row in error_rows(&text) {
            docs.rows += 1;
            let note = |what: String| Note {
                file: pages[page].file.clone(),
                line: row.line,
                column: None,
                excerpt: None,
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
            let Some(status) = row.status.trim().parse().ok().and_then(Status::new) else {
                docs.rejected += 1;
                docs.notes.push(note(format!(
                    "rejected: status `{}` is not an HTTP error status",
                    row.status.trim()
                )));
                continue;
            };
            rows.push(Read {
                page,
                line: row.line,
                code,
                status,
                message: row.message,
                description: row.description,
            });
        }
    }
    let mut by_code: BTreeMap<&str, Vec<&Read>> = BTreeMap::new();
    for row in &rows {
        by_code.entry(&row.code).or_default().push(row);
    }
    let mut entries = Vec::with_capacity(by_code.len());
    for (code, code_rows) in &by_code {
        let (entry, several) = entry(code, code_rows, &pages);
        if let Some(several) = several {
            docs.several_statuses.push(several);
        }
        entries.push(entry);
    }
    docs.errors = name_variants(entries, &mut docs.notes);
    note_case_variants(&docs.errors, &mut docs.notes);
    let common: BTreeSet<&str> = rows
        .iter()
        .filter(|row| matches!(pages[row.page].kind, PageKind::Common { .. }))
        .map(|row| row.code.as_str())
        .collect();
    docs.common = common.into_iter().map(str::to_owned).collect();
    docs.operations = operations(&rows, &pages, &docs.errors);
    Ok(docs)
}

impl Page {
    fn of(path: &Path, text: &str) -> Page {
        let file = path.display().to_string();
        let language = if file.contains("cn.zh-CN") {
            Language::Zh
        } else {
            Language::En
        };
        let rank = if file.contains("/API Reference/") || file.contains("/API参考/") {
            0
        } else {
            1
        };
        let kind = match action_of(text) {
            Some(action) => PageKind::Operation(action),
            None => {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                PageKind::Common {
                    rank: if matches!(stem, "Response results" | "返回结果") {
                        0
                    } else {
                        1
                    },
                }
            }
        };
        Page {
            file,
            language,
            rank,
            kind,
        }
    }
}

/// A code's service-wide entry, before it is named.
struct Entry {
    code: String,
    status: Status,
    message: String,
    descriptions: Descriptions,
}

/// The service-wide entry of a code, and a note when its pages give it
/// several statuses.
fn entry(code: &str, rows: &[&Read], pages: &[Page]) -> (Entry, Option<String>) {
    // The common-codes page wins for a common code: the "Response results"
    // page, then the other pages without an operation.
    let common = |language: Language| {
        rows.iter()
            .filter(|r| pages[r.page].language == language)
            .filter_map(|r| match pages[r.page].kind {
                PageKind::Common { rank } => Some((rank, *r)),
                PageKind::Operation(_) => None,
            })
            .min_by_key(|&(rank, r)| (rank, r.page, r.line))
            .map(|(_, r)| r)
    };
    let (en, zh) = (common(Language::En), common(Language::Zh));
    let mut counts: Vec<(Status, usize)> = Vec::new();
    for row in rows {
        match counts.iter_mut().find(|(s, _)| *s == row.status) {
            Some((_, n)) => *n += 1,
            None => counts.push((row.status, 1)),
        }
    }
    // The usual status: the most frequent, the lowest on a tie.
    counts.sort_by_key(|&(status, n)| (std::cmp::Reverse(n), status));
    let several = (counts.len() > 1).then(|| {
        let list: Vec<String> = counts.iter().map(|(s, n)| format!("{s} ×{n}")).collect();
        format!("{code}: {}", list.join(", "))
    });
    let status = en.or(zh).map_or(counts[0].0, |r| r.status);
    let in_language = |language: Language| {
        rows.iter()
            .copied()
            .filter(move |r| pages[r.page].language == language)
    };
    // An English message before a Chinese one: pages of either language
    // give messages, and some Chinese pages give them in Chinese.
    let message = en
        .or(zh)
        .map(|r| r.message.clone())
        .filter(|m| !m.is_empty())
        .or_else(|| most_frequent(in_language(Language::En).map(|r| &r.message)))
        .or_else(|| most_frequent(rows.iter().map(|r| &r.message).filter(|m| !has_cjk(m))))
        .or_else(|| most_frequent(rows.iter().map(|r| &r.message)))
        .unwrap_or_else(|| code.to_owned());
    let mut descriptions = Vec::new();
    for (language, tag, common_row) in [(Language::En, "en", en), (Language::Zh, "zh", zh)] {
        let text = common_row
            .map(|r| r.description.clone())
            .filter(|d| !d.is_empty())
            .or_else(|| most_frequent(in_language(language).map(|r| &r.description)));
        if let Some(text) = text {
            descriptions.push((tag.to_owned(), text));
        }
    }
    let entry = Entry {
        code: code.to_owned(),
        status,
        message,
        descriptions,
    };
    (entry, several)
}

/// The non-empty text most rows give, the first of them on a tie.
fn most_frequent<'a>(texts: impl Iterator<Item = &'a String>) -> Option<String> {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for text in texts.filter(|t| !t.is_empty()) {
        match counts.iter_mut().find(|(t, _)| *t == text) {
            Some((_, n)) => *n += 1,
            None => counts.push((text, 1)),
        }
    }
    // A stable sort keeps the first of equal counts first.
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    counts.first().map(|(text, _)| (*text).clone())
}

/// What each operation's pages say of each code, row by row.
fn operations(rows: &[Read], pages: &[Page], errors: &[ErrorDef]) -> Vec<Operation> {
    let mut by_page: BTreeMap<usize, Vec<&Read>> = BTreeMap::new();
    for row in rows {
        by_page.entry(row.page).or_default().push(row);
    }
    let mut by_operation: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &page in by_page.keys() {
        if let PageKind::Operation(action) = &pages[page].kind {
            by_operation.entry(action).or_default().push(page);
        }
    }
    let mut operations = Vec::with_capacity(by_operation.len());
    for (name, mut page_ids) in by_operation {
        // The current folder first; English before Chinese; then path order.
        page_ids.sort_by_key(|&p| (pages[p].rank, pages[p].language, p));
        let preferred = |language: Language| {
            page_ids.iter().copied().find(|&p| {
                pages[p].language == language && pages[p].rank == pages[page_ids[0]].rank
            })
        };
        let (en, zh) = (preferred(Language::En), preferred(Language::Zh));
        let page_rows = |page: Option<usize>| page.map_or(&[][..], |p| by_page[&p].as_slice());
        let mut merged = pair(page_rows(en), page_rows(zh));
        // Older pages add the codes the current ones do not list.
        for &page in &page_ids {
            if Some(page) == en || Some(page) == zh {
                continue;
            }
            let (en_rows, zh_rows) = match pages[page].language {
                Language::En => (by_page[&page].as_slice(), &[][..]),
                Language::Zh => (&[][..], by_page[&page].as_slice()),
            };
            for row in pair(en_rows, zh_rows) {
                if !merged.iter().any(|m| m.code == row.code) {
                    merged.push(row);
                }
            }
        }
        let mut codes: BTreeMap<&str, Vec<SpecRow>> = BTreeMap::new();
        for row in &merged {
            let Some(def) = errors.iter().find(|d| d.code == row.code) else {
                continue;
            };
            let row = SpecRow {
                status: row.status,
                message: Some(row.message.clone()).filter(|m| !m.is_empty() && *m != def.message),
                descriptions: differing(&row.descriptions, &def.descriptions),
            };
            let code_rows = codes.entry(&def.code).or_default();
            if !code_rows.contains(&row) {
                code_rows.push(row);
            }
        }
        operations.push(Operation {
            name: name.to_owned(),
            codes: codes
                .into_iter()
                .map(|(code, rows)| OperationCode {
                    code: code.to_owned(),
                    rows,
                })
                .collect(),
        });
    }
    operations
}

/// A row of an operation, with the English and Chinese pages' texts.
struct Merged {
    code: String,
    status: Status,
    message: String,
    descriptions: Descriptions,
}

/// The rows of an operation's English and Chinese pages, paired: row for
/// row when both list the same codes in the same order, else each English
/// row with the first unpaired Chinese row of its code; the Chinese rows
/// left over follow.
fn pair(en: &[&Read], zh: &[&Read]) -> Vec<Merged> {
    let mut used = vec![false; zh.len()];
    let same_order = en.len() == zh.len() && en.iter().zip(zh).all(|(e, z)| e.code == z.code);
    let mut merged = Vec::with_capacity(en.len().max(zh.len()));
    for (i, e) in en.iter().enumerate() {
        let partner = if same_order {
            Some(i)
        } else {
            (0..zh.len()).find(|&j| !used[j] && zh[j].code == e.code)
        };
        let mut descriptions = Vec::new();
        if !e.description.is_empty() {
            descriptions.push(("en".to_owned(), e.description.clone()));
        }
        if let Some(j) = partner {
            used[j] = true;
            if !zh[j].description.is_empty() {
                descriptions.push(("zh".to_owned(), zh[j].description.clone()));
            }
        }
        merged.push(Merged {
            code: e.code.clone(),
            status: e.status,
            message: e.message.clone(),
            descriptions,
        });
    }
    for (j, z) in zh.iter().enumerate().filter(|&(j, _)| !used[j]) {
        let descriptions = if z.description.is_empty() {
            Vec::new()
        } else {
            vec![("zh".to_owned(), zh[j].description.clone())]
        };
        merged.push(Merged {
            code: z.code.clone(),
            status: z.status,
            message: z.message.clone(),
            descriptions,
        });
    }
    merged
}

/// The descriptions of `row` whose text differs from the code's own.
fn differing(row: &Descriptions, code: &Descriptions) -> Descriptions {
    row.iter()
        .filter(|(lang, text)| !code.iter().any(|(l, t)| l == lang && t == text))
        .cloned()
        .collect()
}

fn note_case_variants(errors: &[ErrorDef], notes: &mut Vec<Note>) {
    let mut by_lowercase: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for def in errors {
        by_lowercase
            .entry(def.code.to_lowercase())
            .or_default()
            .push(&def.code);
    }
    for spellings in by_lowercase.values().filter(|s| s.len() > 1) {
        notes.push(Note {
            file: String::new(),
            line: 0,
            column: None,
            excerpt: None,
            what: format!(
                "codes differ only in case: {}; all kept, as a server may send any of them",
                spellings.join(", ")
            ),
        });
    }
}

fn collect_pages(dir: &Path, pages: &mut Vec<PathBuf>) -> std::io::Result<()> {
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

/// The operation a page documents: the `Action` row of its request table,
/// else the `Action=` of its sample request (one page's sample names another
/// operation than its table).
fn action_of(text: &str) -> Option<String> {
    let from_table = text
        .lines()
        .find(|line| {
            let line = line.trim_start();
            line.strip_prefix('|')
                .is_some_and(|rest| rest.trim_start().starts_with("Action") && rest.contains('|'))
                && line
                    .split('|')
                    .nth(1)
                    .is_some_and(|cell| cell.trim() == "Action")
        })
        .and_then(|row| {
            row.split('|')
                .skip(2)
                .flat_map(words)
                .find(|w| is_action(w))
        })
        .map(str::to_owned);
    let from_sample = || {
        let start = text.find("Action=")? + "Action=".len();
        let action: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        is_action(&action).then_some(action)
    };
    from_table.or_else(from_sample)
}

/// The words of a table cell: runs of ASCII letters and digits.
fn words(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// An action name: UpperCamelCase of at least two words (`DeleteAlarm`),
/// not a placeholder (`XXXXXX`) or a type (`String`).
fn is_action(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().filter(char::is_ascii_uppercase).count() >= 2
        && word.chars().any(|c| c.is_ascii_lowercase())
}

/// Gives every code a variant name, in code order, so that the choice is
/// the same on every run.
fn name_variants(entries: Vec<Entry>, notes: &mut Vec<Note>) -> Vec<ErrorDef> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    entries
        .into_iter()
        .map(|entry| ErrorDef {
            retry: default_retry(&entry.code, entry.status.get()),
            variant: variant_for(&entry.code, &mut taken, notes),
            code: entry.code,
            status: entry.status,
            message: entry.message,
            descriptions: entry.descriptions,
        })
        .collect()
}

/// The variant name of `code`: the naming rule's, or, where that name is
/// `taken` (or the code has none), an explicit one, noted.
pub(super) fn variant_for(
    code: &str,
    taken: &mut BTreeSet<String>,
    notes: &mut Vec<Note>,
) -> Variant {
    let derivable = naming::variant_name(code);
    let derived = derivable.clone().unwrap_or_else(|_| {
        let letters: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
        format!("Code{letters}")
    });
    let mut name = derived.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{derived}{n}");
        n += 1;
    }
    let explicit = name != derived || derivable.is_err();
    if explicit {
        notes.push(Note {
            file: String::new(),
            line: 0,
            column: None,
            excerpt: None,
            what: format!("code `{code}` is named `{name}`: `{derived}` is taken or not derivable"),
        });
    }
    taken.insert(name.clone());
    Variant { name, explicit }
}

/// One row of an error-code table, as its cells say.
struct Row {
    line: usize,
    status: String,
    code: String,
    message: String,
    description: String,
}

/// A table of a page: its header's cells, its rows (the line each starts
/// on, and its cells), and the section heading above it.
struct Table {
    heading: String,
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// Every table of a page. Cells broken over several lines are joined; a
/// line that ends with `|`, once the row has as many cells as the header,
/// ends a row.
fn tables(text: &str) -> Vec<Table> {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = Vec::new();
    let mut heading = "";
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with('#') {
            heading = lines[i];
        }
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
        let header = cells(&lines[start..i].join("\n"));
        i += 1;
        let mut table = Table {
            heading: heading.to_owned(),
            header,
            rows: Vec::new(),
        };
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
            if trimmed.ends_with('|') && cells(&cell_text).len() >= table.header.len() {
                table.rows.push((row_line, cells(&cell_text)));
                cell_text.clear();
            }
        }
        tables.push(table);
    }
    tables
}

/// The rows of every error-code table on a page: the tables whose header
/// has an HTTP status column and an error-code column.
fn error_rows(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for table in tables(text) {
        let Some(columns) = Columns::of(&table.header) else {
            continue;
        };
        for (line, row) in table.rows {
            let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
            rows.push(Row {
                line,
                status: cell(Some(columns.status)),
                code: cell(Some(columns.code)),
                message: cell(columns.message),
                description: cell(columns.description),
            });
        }
    }
    rows
}

/// One row of an English page's response-parameter table.
pub struct ResponseRow {
    pub line: usize,
    /// The parameter's name, as the page writes it.
    pub name: String,
    pub description: String,
}

/// The rows of a page's response-parameter tables, in page order.
fn response_rows(text: &str) -> Vec<ResponseRow> {
    let mut rows = Vec::new();
    for table in tables(text) {
        if !table.heading.starts_with("## Response parameter") {
            continue;
        }
        let find = |names: &[&str]| {
            table
                .header
                .iter()
                .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
        };
        let (Some(name), Some(description)) =
            (find(&["Parameter", "Name"]), find(&["Description"]))
        else {
            continue;
        };
        for (line, row) in table.rows {
            let cell = |c: usize| {
                row.get(c).map(|t| {
                    t.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '`')
                        .to_owned()
                })
            };
            if let (Some(name), Some(description)) = (cell(name), cell(description)) {
                if !name.is_empty() {
                    rows.push(ResponseRow {
                        line,
                        name,
                        description,
                    });
                }
            }
        }
    }
    rows
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains("--") && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of a table row: split at each `|` that is not escaped, each
/// cell's lines joined with spaces, Markdown escapes (a backslash before
/// punctuation) removed.
fn cells(text: &str) -> Vec<String> {
    let text = text.trim();
    let inner = text.strip_prefix('|').unwrap_or(text);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    split_cells(inner)
        .into_iter()
        .map(|cell| {
            let joined = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut out = String::with_capacity(joined.len());
            let mut chars = joined.chars().peekable();
            while let Some(c) = chars.next() {
                match chars.peek() {
                    Some(&next) if c == '\\' && next.is_ascii_punctuation() => {}
                    _ => out.push(c),
                }
            }
            out
        })
        .collect()
}

/// `text` split at each `|` without a backslash before it.
fn split_cells(text: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '|' if !escaped => {
                cells.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        escaped = c == '\\' && !escaped;
    }
    cells.push(&text[start..]);
    cells
}

struct Columns {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_at_unescaped_bars_and_lose_markdown_escapes() {
        assert_eq!(
            cells("|400|Bad \\(SLB\\) a\\|b|<parameter name\\>|\\\\x|"),
            ["400", "Bad (SLB) a|b", "<parameter name>", "\\x"]
        );
        assert_eq!(cells("| a\n  b |c|"), ["a b", "c"]);
    }

    #[test]
    fn the_action_comes_from_the_request_table_before_the_sample() {
        let page = "|Action|String|Yes|Operation interface, required. The parameter value is `DescribeScalingConfigurations`.|\n\
                    \nhttp://ess.aliyuncs.com/?Action=CreateScalingConfiguration\n";
        assert_eq!(
            action_of(page).as_deref(),
            Some("DescribeScalingConfigurations")
        );
        assert_eq!(
            action_of("|Action|String|是|DeleteAlarm|系统规定参数。|").as_deref(),
            Some("DeleteAlarm")
        );
        assert_eq!(
            action_of("GET /?Action=ExitStandby&X=1").as_deref(),
            Some("ExitStandby")
        );
        assert_eq!(action_of("?Action=XXXXXX"), None);
        assert_eq!(action_of("no request here"), None);
    }

    fn read(page: usize, code: &str, description: &str) -> Read {
        Read {
            page,
            line: 1,
            code: code.into(),
            status: Status::new(400).unwrap(),
            message: format!("{code} message"),
            description: description.into(),
        }
    }

    #[test]
    fn english_and_chinese_rows_pair_row_for_row_or_by_code() {
        let (a, b) = (read(0, "A", "en a"), read(0, "B", "en b"));
        let (za, zb, zc) = (
            read(1, "A", "zh a"),
            read(1, "B", "zh b"),
            read(1, "C", "zh c"),
        );
        let merged = pair(&[&a, &b], &[&za, &zb]);
        assert_eq!(
            merged[1].descriptions,
            [("en".into(), "en b".into()), ("zh".into(), "zh b".into())]
        );
        // A Chinese page with a row more: paired by code, the extra follows.
        let merged = pair(&[&a, &b], &[&zc, &zb, &za]);
        let codes: Vec<&str> = merged.iter().map(|m| m.code.as_str()).collect();
        assert_eq!(codes, ["A", "B", "C"]);
        assert_eq!(merged[0].descriptions[1], ("zh".into(), "zh a".into()));
        assert_eq!(merged[2].descriptions, [("zh".into(), "zh c".into())]);
    }
}
