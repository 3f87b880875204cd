//! Rust generation: the impls for an enum whose variants are matched to spec
//! entries, and the variant list with docs for the attribute form.
//!
//! The parts that grow with the spec (the info table, the variant lists, the
//! hash arrays) are written as Rust source text and lexed once. Building them
//! token by token with `quote!` allocated and copied every token several
//! times, and made a 5,000-code spec take several times longer to expand.

use std::fmt::Write as _;
use std::path::Path;

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};
use syn::Ident;

use crate::spec::{ErrorDef, Spec};

/// What the impls are generated for.
pub struct Target<'a> {
    /// The enum.
    pub ident: &'a Ident,
    /// Each variant's name, in declaration order, and the spec entry it
    /// stands for.
    pub variants: Vec<(String, &'a ErrorDef)>,
    /// The attribute form generated the enum: it is `Copy` and has no
    /// explicit discriminants, so `*self as usize` is a variant's index and a
    /// variant can be copied out of `ALL`. A derived enum may be neither, and
    /// gets `match`es instead.
    pub generated: bool,
    /// Where `ess_runtime` is.
    pub krate: &'a syn::Path,
    /// The spec file, so that cargo rebuilds when it changes; `None` for an
    /// inline spec or when a build script tracks the file itself.
    pub track: Option<&'a Path>,
}

/// The impls of `ErrorCode`, `Display`, `FromStr` and `Error` for `target`.
pub fn impls(target: &Target) -> TokenStream {
    impls_or_bug(target).unwrap_or_else(|bug| bug)
}

/// The impls, or the report of a bug in this module as the whole expansion.
fn impls_or_bug(target: &Target) -> Result<TokenStream, TokenStream> {
    let Target {
        ident,
        variants,
        generated,
        krate,
        track,
    } = target;
    let krate = krate.to_token_stream();
    let count = variants.len();

    let mut infos = String::with_capacity(count * 256);
    infos.push('[');
    for (_, def) in variants {
        push_code_info(&mut infos, def);
    }
    infos.push(']');
    let infos = lex(&infos)?;
    let all = lex(&bracketed(
        variants.iter().map(|(name, _)| format!("Self::{name}")),
    ))?;

    let codes: Vec<&str> = variants.iter().map(|(_, def)| def.code.as_str()).collect();
    let table = match ess_phf::build(&codes) {
        Ok(table) => table,
        // Validation rejects duplicate codes, and a seed is always found.
        Err(e) => return Err(internal_error(&format!("no lookup table: {e:?}"))),
    };
    let seed = Literal::u64_suffixed(table.seed);
    let key_hash = match table.key_hash {
        ess_phf::KeyHash::Sampled => quote!(Sampled),
        ess_phf::KeyHash::Whole => quote!(Whole),
    };
    let displacements = lex(&bracketed(table.displacements.iter()))?;
    let slots = lex(&bracketed(table.slots.iter()))?;

    // The variant's index in `ALL` and `INFO`.
    let info_body = if count == 0 {
        quote!(match *self {})
    } else if *generated {
        quote!(&INFO[*self as usize])
    } else {
        let arms = lex(&braced(
            variants
                .iter()
                .enumerate()
                .map(|(i, (name, _))| format!("Self::{name} => {i}")),
        ))?;
        quote!(&INFO[match *self #arms])
    };
    let from_index = if *generated {
        quote!(<Self as #krate::ErrorCode>::ALL.get(index).copied())
    } else {
        let arms = lex(&braced(
            variants
                .iter()
                .enumerate()
                .map(|(i, (name, _))| format!("{i} => ::core::option::Option::Some(Self::{name})"))
                .chain(["_ => ::core::option::Option::None".to_owned()]),
        ))?;
        quote!(match index #arms)
    };
    let tracking = track.map(|path| {
        let path = path.to_string_lossy();
        quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        )
    });

    Ok(quote! {
        #[allow(dead_code, deprecated, non_upper_case_globals, clippy::all, clippy::pedantic)]
        const _: () = {
            #tracking
            const NO_RETRY: ::core::option::Option<#krate::RetryClass> = ::core::option::Option::None;
            const THROTTLING: ::core::option::Option<#krate::RetryClass> =
                ::core::option::Option::Some(#krate::RetryClass::Throttling);
            const TRANSIENT: ::core::option::Option<#krate::RetryClass> =
                ::core::option::Option::Some(#krate::RetryClass::Transient);
            const fn info(
                code: &'static str,
                http_status: u16,
                message_template: &'static str,
                descriptions: &'static [(&'static str, &'static str)],
                retry: ::core::option::Option<#krate::RetryClass>,
            ) -> #krate::CodeInfo {
                #krate::CodeInfo { code, http_status, message_template, descriptions, retry }
            }
            static INFO: [#krate::CodeInfo; #count] = #infos;
            static LOOKUP: #krate::__private::Table<'static> = #krate::__private::Table {
                seed: #seed,
                key_hash: #krate::__private::KeyHash::#key_hash,
                displacements: &#displacements,
                slots: &#slots,
            };

            #[automatically_derived]
            impl #krate::ErrorCode for #ident {
                const ALL: &'static [Self] = &#all;

                #[inline]
                fn info(&self) -> &'static #krate::CodeInfo {
                    #info_body
                }

                #[inline]
                fn from_code(code: &str) -> ::core::option::Option<Self> {
                    let index = #krate::__private::find(&LOOKUP, &INFO, code)?;
                    #from_index
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.pad(#krate::ErrorCode::code(self))
                }
            }

            #[automatically_derived]
            impl ::core::str::FromStr for #ident {
                type Err = #krate::UnknownCode;

                fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
                    <Self as #krate::ErrorCode>::from_code(code)
                        .ok_or_else(|| #krate::UnknownCode::new(code))
                }
            }

            #[automatically_derived]
            impl ::std::error::Error for #ident {}
        };
    })
}

/// Lexes generated source. It is built from validated names and escaped
/// strings, so it always lexes; a failure would be a bug in this module, and
/// becomes the whole expansion, a compile error, rather than a panic.
///
/// Lists that grow with the spec are lexed with their brackets or braces, as
/// one group: `quote!` shares an interpolated group, but copies every token
/// of an interpolated stream.
fn lex(source: &str) -> Result<TokenStream, TokenStream> {
    source
        .parse()
        .map_err(|e| internal_error(&format!("generated source does not lex: {e}")))
}

fn internal_error(what: &str) -> TokenStream {
    let message = format!("internal error in ess-codegen, please report it: {what}");
    quote!(::core::compile_error!(#message);)
}

/// `[a, b, c]`.
fn bracketed<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    delimited('[', items, ']')
}

/// `{a, b, c}`.
fn braced<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    delimited('{', items, '}')
}

fn delimited<T: std::fmt::Display>(
    open: char,
    items: impl IntoIterator<Item = T>,
    close: char,
) -> String {
    let mut out = String::from(open);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{item}");
    }
    out.push(close);
    out
}

/// Writes one `info(code, status, message, descriptions, retry),` entry:
/// a call of the local constructor that `impls` defines, which keeps the
/// entry short (the runtime's path and `Option`'s are written once).
fn push_code_info(out: &mut String, def: &ErrorDef) {
    out.push_str("info(");
    push_str_literal(out, &def.code);
    let _ = write!(out, ", {}, ", def.http_status);
    push_str_literal(out, &def.message);
    out.push_str(", &[");
    for (i, (lang, text)) in def.descriptions.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        // Language tags are letters, digits and `-`: no escapes needed.
        let _ = write!(out, "(\"{lang}\", ");
        push_str_literal(out, text);
        out.push(')');
    }
    out.push_str("], ");
    out.push_str(match def.retry {
        None => "NO_RETRY",
        Some(crate::Retry::Throttling) => "THROTTLING",
        Some(crate::Retry::Transient) => "TRANSIENT",
    });
    out.push_str("),\n");
}

/// Writes `text` as a Rust string literal: raw (`r#"..."#`) where it can be,
/// which costs a copy to write and one byte scan to lex, else escaped.
fn push_str_literal(out: &mut String, text: &str) {
    // A raw string cannot hold a carriage return; the bidirectional-override
    // code points are refused by rustc's `text_direction_codepoint_in_literal`
    // lint in any literal, and must be written as escapes.
    let bytes = text.as_bytes();
    if !bytes.contains(&b'\r') && !has_bidi_override(bytes) {
        let hashes = if bytes.contains(&b'"') {
            longest_quote_hash_run(bytes) + 1
        } else {
            0
        };
        out.push('r');
        out.extend(std::iter::repeat_n('#', hashes));
        out.push('"');
        out.push_str(text);
        out.push('"');
        out.extend(std::iter::repeat_n('#', hashes));
        return;
    }
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || is_bidi_override(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether UTF-8 `bytes` hold U+202A..=U+202E or U+2066..=U+2069, which all
/// start with the byte 0xE2.
fn has_bidi_override(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some(i) = rest.iter().position(|&b| b == 0xE2) {
        if matches!(
            rest[i..],
            [0xE2, 0x80, 0xAA..=0xAE, ..] | [0xE2, 0x81, 0xA6..=0xA9, ..]
        ) {
            return true;
        }
        rest = &rest[i + 1..];
    }
    false
}

/// The longest run of `#` right after a `"` in `bytes`: a raw string needs
/// one `#` more than that.
fn longest_quote_hash_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'"')
        .map(|(i, _)| bytes[i + 1..].iter().take_while(|&&b| b == b'#').count())
        .max()
        .unwrap_or(0)
}

/// The variants of the attribute form, one per spec entry, each with its
/// docs, as the braced body of the enum; `Err` reports a bug, as [`lex`].
pub fn variants(spec: &Spec) -> Result<TokenStream, TokenStream> {
    let mut source = String::with_capacity(spec.errors.len() * 256);
    source.push('{');
    for def in &spec.errors {
        // One attribute for the whole text: fewer tokens than one per line.
        source.push_str("#[doc = ");
        push_str_literal(&mut source, &variant_docs(def));
        let _ = writeln!(source, "] {},", def.variant);
    }
    source.push('}');
    lex(&source)
}

/// The rustdoc of one variant, as the text of one `#[doc]` attribute: the
/// message as a summary, then the code, status, retry class and descriptions.
pub(crate) fn variant_docs(def: &ErrorDef) -> String {
    let mut doc = String::with_capacity(def.message.len() * 2 + 64);
    for line in def.message.lines() {
        doc.push(' ');
        push_markdown_text(&mut doc, line);
        doc.push('\n');
    }
    doc.push_str("\n Code ");
    push_code_span(&mut doc, &def.code);
    let _ = write!(doc, ", HTTP {}", def.http_status);
    if let Some(retry) = def.retry {
        let _ = write!(doc, ", retry class: {retry}");
    }
    doc.push('.');
    if !def.descriptions.is_empty() {
        doc.push('\n');
    }
    for (lang, text) in &def.descriptions {
        for (i, line) in text.lines().enumerate() {
            if i == 0 {
                doc.push_str("\n - ");
                doc.push_str(lang);
                doc.push_str(": ");
            } else {
                doc.push_str("\n   ");
            }
            push_markdown_text(&mut doc, line);
        }
    }
    doc
}

/// `text` as inline code, whatever backticks it contains.
fn push_code_span(out: &mut String, text: &str) {
    let mut fence = String::from("`");
    while text.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    for part in [fence.as_str(), pad, text, pad, fence.as_str()] {
        out.push_str(part);
    }
}

/// The characters that markdown or rustdoc would read as markup.
const MARKDOWN_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"\\`*_[]<>&#|~!";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Escapes `text` so that rustdoc shows it literally: no HTML tags (vendor
/// messages say `<parameter name>`), no emphasis, no links; bare URLs are
/// wrapped in `<...>` so the `rustdoc::bare_urls` lint stays quiet.
fn push_markdown_text(out: &mut String, text: &str) {
    let text = text.trim();
    // Most text has nothing to escape: copy it whole.
    if !text.bytes().any(|b| MARKDOWN_SPECIAL[b as usize]) && !text.contains("http") {
        out.push_str(text);
        return;
    }
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if (word.starts_with("http://") || word.starts_with("https://"))
            && !word.contains(['<', '>', '`'])
        {
            let url = word.trim_end_matches(['.', ',', ';', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            out.push_str(&word[url.len()..]);
            continue;
        }
        for c in word.chars() {
            if c.is_ascii() && MARKDOWN_SPECIAL[c as usize] {
                out.push('\\');
            }
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown_text(text: &str) -> String {
        let mut out = String::new();
        push_markdown_text(&mut out, text);
        out
    }

    fn code_span(text: &str) -> String {
        let mut out = String::new();
        push_code_span(&mut out, text);
        out
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(
            markdown_text("parameter <parameter name> is *not* [valid] & `x`_y"),
            "parameter \\<parameter name\\> is \\*not\\* \\[valid\\] \\& \\`x\\`\\_y"
        );
        assert_eq!(
            markdown_text("See https://help.aliyun.com/x.html."),
            "See <https://help.aliyun.com/x.html>."
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(
            code_span("Forbidden.RiskControl"),
            "`Forbidden.RiskControl`"
        );
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
    }

    #[test]
    fn string_literals_round_trip_whatever_the_text() {
        for text in [
            "plain",
            "系统错误。",
            "a \"quoted\" \\ path",
            "tab\there",
            "line\nbreak",
            "bidi \u{202E} override",
            "bell\u{7} and \r",
            "quote then hashes \"## end",
        ] {
            let mut source = String::new();
            push_str_literal(&mut source, text);
            let parsed: syn::LitStr = syn::parse_str(&source).unwrap();
            assert_eq!(parsed.value(), text);
        }
        let literal = |text: &str| {
            let mut source = String::new();
            push_str_literal(&mut source, text);
            source
        };
        assert_eq!(literal("系统错误。"), "r\"系统错误。\"");
        assert_eq!(literal("say \"hi\""), "r#\"say \"hi\"\"#");
        assert_eq!(literal("say \"#hi\""), "r##\"say \"#hi\"\"##");
        assert_eq!(literal("系统 \u{202E}"), "\"系统 \\u{202e}\"");
    }

    #[test]
    fn variant_docs_give_message_facts_and_descriptions() {
        let def = ErrorDef {
            code: "InvalidParameter".into(),
            http_status: 400,
            message: "The specified value of parameter <parameter name> is not valid.".into(),
            descriptions: vec![
                ("en".into(), "Bad value.".into()),
                ("zh".into(), "指定的参数取值不合法。".into()),
            ],
            variant: "InvalidParameter".into(),
            explicit_variant: false,
            retry: Some(crate::Retry::Transient),
            at: crate::json::Offset(0),
        };
        assert_eq!(
            variant_docs(&def),
            " The specified value of parameter \\<parameter name\\> is not valid.\n\
             \n Code `InvalidParameter`, HTTP 400, retry class: transient.\n\
             \n - en: Bad value.\
             \n - zh: 指定的参数取值不合法。"
        );
    }
}
