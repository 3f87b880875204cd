//! Rust generation: the impls for an enum whose variants are matched to spec
//! entries, and the variant list with docs for the attribute form.

use std::path::Path;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

use crate::spec::{ErrorDef, Retry, Spec};

/// What the impls are generated for.
pub struct Target<'a> {
    /// The enum.
    pub ident: &'a Ident,
    /// Each variant, in declaration order, and the spec entry it stands for.
    pub variants: Vec<(Ident, &'a ErrorDef)>,
    /// Where `ess_runtime` is.
    pub krate: &'a syn::Path,
    /// The spec file, so that cargo rebuilds when it changes; `None` for an
    /// inline spec or when a build script tracks the file itself.
    pub track: Option<&'a Path>,
}

/// The impls of `ErrorCode`, `Display`, `FromStr` and `Error` for `target`.
pub fn impls(target: &Target) -> TokenStream {
    let Target {
        ident,
        variants,
        krate,
        track,
    } = target;
    let count = variants.len();
    let names: Vec<&Ident> = variants.iter().map(|(v, _)| v).collect();
    let indexes = (0..count).map(Literal::usize_suffixed);
    let indexes_again = indexes.clone();
    let infos = variants.iter().map(|(_, def)| code_info(krate, def));

    let codes: Vec<&str> = variants.iter().map(|(_, def)| def.code.as_str()).collect();
    let table = ess_phf::build(&codes).expect("validation rejects duplicate codes");
    let seed = Literal::u64_suffixed(table.seed);
    let key_hash = match table.key_hash {
        ess_phf::KeyHash::Sampled => quote!(Sampled),
        ess_phf::KeyHash::Whole => quote!(Whole),
    };
    let displacements = table
        .displacements
        .iter()
        .map(|&d| Literal::u32_unsuffixed(d));
    let slots = table.slots.iter().map(|&s| Literal::u32_unsuffixed(s));

    // An uninhabited enum has no index to look up.
    let info_body = if count == 0 {
        quote!(match *self {})
    } else {
        quote!(&INFO[match *self { #(Self::#names => #indexes,)* }])
    };
    let tracking = track.map(|path| {
        let path = path.to_string_lossy();
        quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        )
    });

    quote! {
        #[allow(deprecated, non_upper_case_globals, clippy::all, clippy::pedantic)]
        const _: () = {
            #tracking
            static INFO: [#krate::CodeInfo; #count] = [#(#infos),*];
            static LOOKUP: #krate::__private::Table<'static> = #krate::__private::Table {
                seed: #seed,
                key_hash: #krate::__private::KeyHash::#key_hash,
                displacements: &[#(#displacements),*],
                slots: &[#(#slots),*],
            };

            #[automatically_derived]
            impl #krate::ErrorCode for #ident {
                const ALL: &'static [Self] = &[#(Self::#names),*];

                #[inline]
                fn info(&self) -> &'static #krate::CodeInfo {
                    #info_body
                }

                #[inline]
                fn from_code(code: &str) -> ::core::option::Option<Self> {
                    match #krate::__private::find(&LOOKUP, &INFO, code)? {
                        #(#indexes_again => ::core::option::Option::Some(Self::#names),)*
                        _ => ::core::option::Option::None,
                    }
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
    }
}

fn code_info(krate: &syn::Path, def: &ErrorDef) -> TokenStream {
    let ErrorDef {
        code,
        http_status,
        message,
        descriptions,
        retry,
        ..
    } = def;
    let descriptions = descriptions
        .iter()
        .map(|(lang, text)| quote!((#lang, #text)));
    let retry = match retry {
        None => quote!(::core::option::Option::None),
        Some(Retry::Throttling) => {
            quote!(::core::option::Option::Some(#krate::RetryClass::Throttling))
        }
        Some(Retry::Transient) => {
            quote!(::core::option::Option::Some(#krate::RetryClass::Transient))
        }
    };
    quote! {
        #krate::CodeInfo {
            code: #code,
            http_status: #http_status,
            message: #message,
            descriptions: &[#(#descriptions),*],
            retry: #retry,
        }
    }
}

/// The variants of the attribute form, one per spec entry, each with docs.
pub fn variants(spec: &Spec) -> Vec<(Ident, TokenStream)> {
    spec.errors
        .iter()
        .map(|def| {
            let name = format_ident!("{}", def.variant);
            let docs = variant_docs(def).into_iter().map(|line| {
                let line = if line.is_empty() {
                    line
                } else {
                    format!(" {line}")
                };
                quote!(#[doc = #line])
            });
            let tokens = quote!(#(#docs)* #name);
            (name, tokens)
        })
        .collect()
}

/// The rustdoc of one variant: the message as a summary, then the code,
/// status, retry class and descriptions.
pub fn variant_docs(def: &ErrorDef) -> Vec<String> {
    let mut lines: Vec<String> = def.message.lines().map(markdown_text).collect();
    lines.push(String::new());
    let mut facts = format!("Code {}, HTTP {}", code_span(&def.code), def.http_status);
    if let Some(retry) = def.retry {
        facts.push_str(&format!(", retry class: {retry}"));
    }
    facts.push('.');
    lines.push(facts);
    if !def.descriptions.is_empty() {
        lines.push(String::new());
        for (lang, text) in &def.descriptions {
            let mut text_lines = text.lines();
            lines.push(format!(
                "- {lang}: {}",
                markdown_text(text_lines.next().unwrap_or(""))
            ));
            lines.extend(text_lines.map(|l| format!("  {}", markdown_text(l))));
        }
    }
    lines
}

/// `text` as inline code, whatever backticks it contains.
fn code_span(text: &str) -> String {
    let mut fence = String::from("`");
    while text.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Escapes `text` so that rustdoc shows it literally: no HTML tags (vendor
/// messages say `<parameter name>`), no emphasis, no links; bare URLs are
/// wrapped in `<...>` so the `rustdoc::bare_urls` lint stays quiet.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.trim().split(' ').enumerate() {
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
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~' | '!'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
