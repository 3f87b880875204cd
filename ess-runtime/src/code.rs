//! What the generated error enums implement.

use std::fmt;

use ess_phf::Table;

/// What a spec says about one error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeInfo {
    /// The code exactly as the server sends it, e.g. `Forbidden.RiskControl`.
    pub code: &'static str,
    /// The usual HTTP status of responses with this code.
    pub http_status: u16,
    /// The English message template as published; the server's own message
    /// fills in placeholders such as `<parameter name>`.
    pub message_template: &'static str,
    /// Descriptions as `(language tag, text)` pairs, in spec order.
    pub descriptions: &'static [(&'static str, &'static str)],
    /// Whether a retry makes sense, as the spec says.
    pub retry: Option<RetryClass>,
}

/// Why a retry can succeed, as the spec classifies a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryClass {
    /// The request was rate-limited: back off, then retry.
    Throttling,
    /// A temporary failure on the server's side: retrying is safe.
    Transient,
}

impl fmt::Display for RetryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            RetryClass::Throttling => "throttling",
            RetryClass::Transient => "transient",
        })
    }
}

/// An error-code enum generated from a spec by `#[derive(EssError)]` or
/// `#[error_enum]`.
pub trait ErrorCode: Sized + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];

    /// What the spec says about this code.
    fn info(&self) -> &'static CodeInfo;

    /// The variant for `code`, compared exactly (codes are case-sensitive:
    /// `InvalidParam.pageNumber` and `InvalidParam.PageNumber` are two codes).
    fn from_code(code: &str) -> Option<Self>;

    /// The code exactly as the server sends it.
    #[inline]
    fn code(&self) -> &'static str {
        self.info().code
    }

    /// The usual HTTP status of this code.
    #[inline]
    fn http_status(&self) -> u16 {
        self.info().http_status
    }

    /// The English message template, as published: what the spec says of
    /// the code. The message a server sent is
    /// [`ApiError::message`](crate::ApiError::message).
    #[inline]
    fn message_template(&self) -> &'static str {
        self.info().message_template
    }

    /// The description in language `lang` (`"en"`, `"zh"`, ...). A tag with a
    /// region, such as `zh-CN`, falls back to its language, `zh`.
    fn description(&self, lang: &str) -> Option<&'static str> {
        let descriptions = self.info().descriptions;
        let exact = descriptions
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(lang));
        let primary = || {
            let language = lang.split('-').next().unwrap_or(lang);
            descriptions
                .iter()
                .find(|(tag, _)| tag.eq_ignore_ascii_case(language))
        };
        exact.or_else(primary).map(|&(_, text)| text)
    }

    /// Whether and why a retry can succeed, as the spec states it;
    /// [`ApiError::retry`](crate::ApiError::retry) adds what can be inferred
    /// from the code's name and the status.
    #[inline]
    fn retry_class(&self) -> Option<RetryClass> {
        self.info().retry
    }
}

/// A code that the enum does not know: the `Err` of the generated `FromStr`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    code: String,
}

impl UnknownCode {
    /// Keeps `code`.
    pub fn new(code: &str) -> Self {
        UnknownCode {
            code: code.to_owned(),
        }
    }

    /// The code that was not recognised.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Takes the code back.
    pub fn into_code(self) -> String {
        self.code
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.code.escape_debug())
    }
}

impl std::error::Error for UnknownCode {}

// The lookup that generated enums call (through `__private`).

/// The index of `code` in `infos`, through the perfect-hash `table`.
#[inline]
pub fn find(table: &Table<'_>, infos: &[CodeInfo], code: &str) -> Option<usize> {
    let index = table.candidate(code)?;
    (infos.get(index)?.code == code).then_some(index)
}

/// A generated enum's table of codes, which the enums of a service's
/// operations share.
pub trait CodeTable {
    /// Each variant's entry, by index.
    const INFO: &'static [CodeInfo];
    /// The perfect hash of the codes.
    const LOOKUP: &'static Table<'static>;
}

/// The index of `code` among an operation's codes, which are the
/// service's codes at `to_service` (in increasing order).
#[inline]
pub fn find_shared<S: CodeTable>(to_service: &[u32], code: &str) -> Option<usize> {
    let index = find(S::LOOKUP, S::INFO, code)?;
    to_service.binary_search(&u32::try_from(index).ok()?).ok()
}
