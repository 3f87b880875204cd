//! "Did you mean ...?" for misspelled keys, codes and variant names.

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
    }
}
