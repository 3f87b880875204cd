//! "Did you mean ...?" for misspelled keys, codes, operations and variant
//! names: the one place that decides what is close enough, and how to say
//! it.

/// `did you mean "X"?` (or with `quote` = `` ` ``, ``did you mean `X`?``) for
/// the candidate closest to `word`, if there is one close enough.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    quote: char,
) -> Option<String> {
    did_you_mean_as(word, candidates, |close| format!("{quote}{close}{quote}"))
}

/// `did you mean X?`, with the closest candidate shown by `show`.
pub fn did_you_mean_as<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    show: impl FnOnce(&'a str) -> String,
) -> Option<String> {
    closest(word, candidates).map(|close| format!("did you mean {}?", show(close)))
}

/// The candidate closest to `word`, if it is close enough to be a likely typo:
/// at most a third of the word's characters differ (case differences count
/// half, so `pagenumber` finds `PageNumber`).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = word.chars().count().div_ceil(3).max(1) * 2;
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Edit distance in half-steps: a case-only change costs 1, any other edit 2.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j * 2).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = (i + 1) * 2;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = if ca == cb {
                0
            } else if ca.eq_ignore_ascii_case(&cb) {
                1
            } else {
                2
            };
            let next = (diagonal + substitution)
                .min(row[j] + 2)
                .min(row[j + 1] + 2);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let keys = [
            "code",
            "http_status",
            "message",
            "description",
            "variant",
            "retry",
        ];
        assert_eq!(closest("retyr", keys), Some("retry"));
        assert_eq!(closest("http_stauts", keys), Some("http_status"));
        assert_eq!(closest("Code", keys), Some("code"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("x", keys), None);
        assert_eq!(
            did_you_mean("retyr", keys, '"').as_deref(),
            Some("did you mean \"retry\"?")
        );
        assert_eq!(
            did_you_mean("Code", keys, '`').as_deref(),
            Some("did you mean `code`?")
        );
    }
}
