//! How an error code becomes a Rust variant name.

/// Turns an error code into an UpperCamelCase variant name.
///
/// The code is split into words at `.`, `_` and `-` (empty words are
/// skipped). A word in capitals only (`QUOTA`, `NOT`) keeps its first letter
/// and lower-cases the rest; any other word keeps its own case with its first
/// letter upper-cased (`pageNumber` becomes `PageNumber`).
///
/// `Err` says why the code cannot be a name; the spec then needs `variant`.
pub fn variant_name(code: &str) -> Result<String, &'static str> {
    if code.is_empty() {
        return Err("it is empty");
    }
    if let Some(bad) = code
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || is_separator(*c)))
    {
        return Err(if bad.is_whitespace() {
            "it contains white space"
        } else if bad.is_ascii() {
            "it contains a character other than letters, digits, `.`, `_` and `-`"
        } else {
            "it contains a non-ASCII character"
        });
    }
    let mut name = String::with_capacity(code.len());
    for word in code.split(is_separator).filter(|w| !w.is_empty()) {
        let all_caps = !word.bytes().any(|b| b.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
        }
        if all_caps {
            name.extend(chars.map(|c| c.to_ascii_lowercase()));
        } else {
            name.push_str(chars.as_str());
        }
    }
    match name.chars().next() {
        None => Err("it has no letters or digits"),
        Some(c) if c.is_ascii_digit() => Err("it starts with a digit"),
        _ if name == "Self" => Err("it is the keyword `Self`"),
        _ => Ok(name),
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '.' | '_' | '-')
}

/// Checks a `variant` override: an ASCII UpperCamelCase identifier, so that
/// the generated enum passes the `non_camel_case_types` lint.
pub fn check_variant_override(name: &str) -> Result<(), &'static str> {
    let mut chars = name.chars();
    match chars.next() {
        None => Err("it is empty"),
        Some(c) if !c.is_ascii_uppercase() => Err("it must start with an ASCII capital letter"),
        _ if !chars.all(|c| c.is_ascii_alphanumeric()) => {
            Err("it must contain only ASCII letters and digits (UpperCamelCase)")
        }
        _ if name == "Self" => Err("it is the keyword `Self`"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_documented_rule() {
        for (code, name) in [
            ("InvalidAccessKeyId.NotFound", "InvalidAccessKeyIdNotFound"),
            ("Forbidden.RiskControl", "ForbiddenRiskControl"),
            ("DEPLOYMENTSET.QUOTA_FULL", "DeploymentsetQuotaFull"),
            ("InvalidInstanceId.NOT_FOUND", "InvalidInstanceIdNotFound"),
            ("InvalidInstanceId.NotFound", "InvalidInstanceIdNotFound"),
            ("Invalid.Parameter", "InvalidParameter"),
            ("InvalidParam.pageNumber", "InvalidParamPageNumber"),
            ("Duplicate.", "Duplicate"),
            ("IOThrottling", "IOThrottling"),
            ("Quota.Exceed-2", "QuotaExceed2"),
            ("throttling", "Throttling"),
        ] {
            assert_eq!(variant_name(code).as_deref(), Ok(name), "{code}");
        }
    }

    #[test]
    fn codes_that_cannot_be_names_say_why() {
        assert_eq!(variant_name(""), Err("it is empty"));
        assert_eq!(variant_name("404.NotFound"), Err("it starts with a digit"));
        assert_eq!(variant_name("._."), Err("it has no letters or digits"));
        assert_eq!(variant_name("Invalid Id"), Err("it contains white space"));
        assert_eq!(
            variant_name("参数错误"),
            Err("it contains a non-ASCII character")
        );
        assert_eq!(
            variant_name("Quota:Full"),
            Err("it contains a character other than letters, digits, `.`, `_` and `-`")
        );
        assert_eq!(variant_name("self"), Err("it is the keyword `Self`"));
    }

    #[test]
    fn overrides_must_be_upper_camel_case() {
        assert_eq!(
            check_variant_override("InvalidParamPageNumberLower"),
            Ok(())
        );
        assert_eq!(check_variant_override("Code2"), Ok(()));
        assert!(check_variant_override("").is_err());
        assert!(check_variant_override("lower").is_err());
        assert!(check_variant_override("Foo_Bar").is_err());
        assert!(check_variant_override("Foo Bar").is_err());
        assert!(check_variant_override("Self").is_err());
        assert!(check_variant_override("Ünicode").is_err());
    }
}
