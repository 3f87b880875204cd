//! Error-code enums: the enum of the attribute form with its documented
//! variants, the impls both forms share (`ErrorCode`, `Display`, `FromStr`,
//! `Error`), and the `From` from an operation's enum into the service's.

use std::fmt::Write as _;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

use super::text::{push_code_span, push_markdown_text, push_str_literal};
use super::{braced, bracketed, internal_error, lex};
use crate::model::{Descriptions, Retry};
use crate::target::{CodeEnum, CodeVariant, Shape};

/// The enum (for the attribute form) and its impls. An operation's enum
/// of a service (`service`: the service-wide enum) shares the service's
/// table of codes: its own holds references into it, and only the entries
/// whose status the operation changes.
pub(crate) fn code_enum(target: &CodeEnum, service: Option<&CodeEnum>) -> TokenStream {
    let shared = service.and_then(|service| shared_rows(target, service));
    let impls = match &shared {
        Some(rows) => shared_impls(target, rows),
        None => impls(target),
    }
    .unwrap_or_else(|bug| bug);
    let Shape::Generated {
        attrs,
        vis,
        derives,
        doc,
        operation,
        into_service,
    } = &target.shape
    else {
        return impls;
    };
    let variants = match variants(target, *operation) {
        Ok(variants) => variants,
        Err(bug) => return bug,
    };
    let ident = &target.ident;
    let derives = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
    let doc = doc.as_ref().map(|doc| quote!(#[doc = #doc]));
    let into_service = into_service
        .as_ref()
        .filter(|_| shared.is_none())
        .map(|service| {
            let arms = target.variants.iter().map(|v| {
                let name = format_ident!("{}", v.name);
                quote!(#ident::#name => #service::#name,)
            });
            // Every variant to its namesake, which the service-wide enum has
            // because both come from one spec.
            quote! {
                #[automatically_derived]
                impl ::core::convert::From<#ident> for #service {
                    #[inline]
                    fn from(code: #ident) -> Self {
                        match code {
                            #(#arms)*
                        }
                    }
                }
            }
        });
    quote! {
        #doc
        #(#attrs)*
        #derives
        #vis enum #ident #variants
        #impls
        #into_service
    }
}

/// The impls of `ErrorCode`, `Display`, `FromStr` and `Error`, or the
/// report of a bug in this module as the whole expansion.
///
/// A generated enum is `Copy` and has no explicit discriminants, so
/// `*self as usize` is a variant's index and a variant can be copied out of
/// `ALL`; a derived enum may be neither, and gets `match`es instead.
fn impls(target: &CodeEnum) -> Result<TokenStream, TokenStream> {
    let CodeEnum {
        ident,
        variants,
        krate,
        track,
        shape,
    } = target;
    let generated = matches!(shape, Shape::Generated { .. });
    let krate = krate.to_token_stream();
    let count = variants.len();

    let mut infos = String::with_capacity(count * 256);
    infos.push('[');
    for variant in variants {
        push_code_info(&mut infos, variant);
    }
    infos.push(']');
    let infos = lex(&infos)?;
    let all = lex(&bracketed(
        variants.iter().map(|v| format!("Self::{}", v.name)),
    ))?;

    let codes: Vec<&str> = variants.iter().map(|v| v.def.code.as_str()).collect();
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
    } else if generated {
        quote!(&INFO[*self as usize])
    } else {
        let arms = lex(&braced(
            variants
                .iter()
                .enumerate()
                .map(|(i, v)| format!("Self::{} => {i}", v.name)),
        ))?;
        quote!(&INFO[match *self #arms])
    };
    let from_index = if generated {
        quote!(<Self as #krate::ErrorCode>::ALL.get(index).copied())
    } else {
        let arms = lex(&braced(
            variants
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{i} => ::core::option::Option::Some(Self::{})", v.name))
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
    let text_impls = text_impls(ident, &krate);
    let info_helpers = info_helpers(&krate);
    // A generated enum's table, for the operations' enums that share it.
    let code_table = generated.then(|| {
        quote! {
            #[automatically_derived]
            impl #krate::__private::CodeTable for #ident {
                const INFO: &'static [#krate::CodeInfo] = &INFO;
                const LOOKUP: &'static #krate::__private::Table<'static> = &LOOKUP;
            }
        }
    });

    Ok(quote! {
        #[allow(dead_code, deprecated, non_upper_case_globals, clippy::all, clippy::pedantic)]
        const _: () = {
            #tracking
            #info_helpers
            static INFO: [#krate::CodeInfo; #count] = #infos;
            static LOOKUP: #krate::__private::Table<'static> = #krate::__private::Table {
                seed: #seed,
                key_hash: #krate::__private::KeyHash::#key_hash,
                displacements: &#displacements,
                slots: &#slots,
            };

            #code_table

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

            #text_impls
        };
    })
}

/// The short names a table of `info(...)` entries is written with (see
/// `push_code_info`).
fn info_helpers(krate: &TokenStream) -> TokenStream {
    quote! {
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
    }
}

/// `Display` (the code), `FromStr` (by `from_code`) and `Error`, which
/// every enum of codes has alike.
fn text_impls(ident: &Ident, krate: &TokenStream) -> TokenStream {
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(#krate::ErrorCode::code(self))
            }
        }

        #[automatically_derived]
        impl ::core::str::FromStr for #ident {
            type Err = #krate::UnknownCode;

            #[inline]
            fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
                <Self as #krate::ErrorCode>::from_code(code)
                    .ok_or_else(|| #krate::UnknownCode::new(code))
            }
        }

        #[automatically_derived]
        impl ::std::error::Error for #ident {}
    }
}

/// Where each variant of an operation's enum is in the service's enum,
/// and whether its entry is the service's (the same status): `None` when
/// the codes are not all the service's, or not in the same order, which
/// the lookup through the service's table needs.
fn shared_rows(target: &CodeEnum, service: &CodeEnum) -> Option<Vec<(usize, bool)>> {
    if !matches!(target.shape, Shape::Generated { .. }) {
        return None;
    }
    let mut rows = Vec::with_capacity(target.variants.len());
    for variant in &target.variants {
        let index = service
            .variants
            .iter()
            .position(|s| s.def.code == variant.def.code)?;
        if rows.last().is_some_and(|&(last, _)| last >= index) {
            return None;
        }
        rows.push((index, service.variants[index].status == variant.status));
    }
    Some(rows)
}

/// The impls of an operation's enum that shares the service's table
/// (see [`code_enum`]), and its `From` into the service's enum.
fn shared_impls(target: &CodeEnum, rows: &[(usize, bool)]) -> Result<TokenStream, TokenStream> {
    let CodeEnum {
        ident,
        variants,
        krate,
        shape,
        ..
    } = target;
    let Shape::Generated {
        into_service: Some(service),
        ..
    } = shape
    else {
        return Err(internal_error("a shared table without a service enum"));
    };
    let krate = krate.to_token_stream();
    let text_impls = text_impls(ident, &krate);
    let count = variants.len();
    let to_service = lex(&bracketed(rows.iter().map(|&(index, _)| index)))?;
    let all = lex(&bracketed(
        variants.iter().map(|v| format!("Self::{}", v.name)),
    ))?;
    // Most operations change no status: each entry is the service's.
    let (tables, info_body) = if rows.iter().all(|&(_, same)| same) {
        (
            TokenStream::new(),
            quote!(&<SERVICE as CODES>::INFO[TO_SERVICE[*self as usize] as usize]),
        )
    } else {
        let mut own = String::from("[");
        let mut refs = String::from("[");
        let mut own_count = 0usize;
        for (variant, &(index, same)) in variants.iter().zip(rows) {
            if same {
                let _ = write!(refs, "&<SERVICE as CODES>::INFO[{index}],");
            } else {
                let _ = write!(refs, "&OWN[{own_count}],");
                push_code_info(&mut own, variant);
                own_count += 1;
            }
        }
        own.push(']');
        refs.push(']');
        let (own, refs) = (lex(&own)?, lex(&refs)?);
        let info_helpers = info_helpers(&krate);
        let tables = quote! {
            #info_helpers
            static OWN: [#krate::CodeInfo; #own_count] = #own;
            static INFO: [&'static #krate::CodeInfo; #count] = #refs;
        };
        (tables, quote!(INFO[*self as usize]))
    };
    Ok(quote! {
        #[allow(dead_code, deprecated, non_upper_case_globals, clippy::all, clippy::pedantic)]
        const _: () = {
            use #service as SERVICE;
            use #krate::__private::CodeTable as CODES;
            #tables
            static TO_SERVICE: [u32; #count] = #to_service;

            #[automatically_derived]
            impl #krate::ErrorCode for #ident {
                const ALL: &'static [Self] = &#all;

                #[inline]
                fn info(&self) -> &'static #krate::CodeInfo {
                    #info_body
                }

                #[inline]
                fn from_code(code: &str) -> ::core::option::Option<Self> {
                    let index = #krate::__private::find_shared::<SERVICE>(&TO_SERVICE, code)?;
                    <Self as #krate::ErrorCode>::ALL.get(index).copied()
                }
            }

            #text_impls

            // Every variant to its namesake, by the table.
            #[automatically_derived]
            impl ::core::convert::From<#ident> for SERVICE {
                #[inline]
                fn from(code: #ident) -> Self {
                    <SERVICE as #krate::ErrorCode>::ALL[TO_SERVICE[code as usize] as usize]
                }
            }
        };
    })
}

/// Writes one `info(code, status, message, descriptions, retry),` entry:
/// a call of the local constructor that `impls` defines, which keeps the
/// entry short (the runtime's path and `Option`'s are written once).
fn push_code_info(out: &mut String, variant: &CodeVariant) {
    let def = variant.def;
    out.push_str("info(");
    push_str_literal(out, &def.code);
    let _ = write!(out, ", {}, ", variant.status);
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
        Some(Retry::Throttling) => "THROTTLING",
        Some(Retry::Transient) => "TRANSIENT",
    });
    out.push_str("),\n");
}

/// The variants of the attribute form, each with its docs, as the braced
/// body of the enum; `Err` reports a bug, as [`lex`].
fn variants(target: &CodeEnum, operation: Option<&str>) -> Result<TokenStream, TokenStream> {
    let mut source = String::with_capacity(target.variants.len() * 256);
    source.push('{');
    for variant in &target.variants {
        // One attribute for the whole text: fewer tokens than one per line.
        source.push_str("#[doc = ");
        push_str_literal(&mut source, &variant_docs(variant, operation));
        let _ = writeln!(source, "] {},", variant.name);
    }
    source.push('}');
    lex(&source)
}

/// The rustdoc of one variant, as the text of one `#[doc]` attribute: the
/// message as a summary, then the code, status, retry class and
/// descriptions, then what the operation's page says of the code.
fn variant_docs(variant: &CodeVariant, operation: Option<&str>) -> String {
    let def = variant.def;
    let mut doc = String::with_capacity(def.message.len() * 2 + 64);
    push_paragraph(&mut doc, &def.message);
    doc.push_str("\n Code ");
    push_code_span(&mut doc, &def.code);
    let _ = write!(doc, ", HTTP {}", variant.status);
    if let Some(retry) = def.retry {
        let _ = write!(doc, ", retry class: {retry}");
    }
    doc.push('.');
    push_descriptions(&mut doc, &def.descriptions, "");
    if let Some(operation) = operation.filter(|_| variant.rows.iter().any(|r| !r.status_only())) {
        let _ = write!(doc, "\n\n On `{operation}`:\n");
        for row in variant.rows {
            let _ = write!(doc, "\n - HTTP {}", row.status);
            if let Some(message) = &row.message {
                doc.push_str(": ");
                push_markdown_text(&mut doc, &message.lines().collect::<Vec<_>>().join(" "));
            }
            push_descriptions(&mut doc, &row.descriptions, "  ");
        }
    }
    doc
}

/// Each line of `text` as a line of doc text, then a blank line.
fn push_paragraph(doc: &mut String, text: &str) {
    for line in text.lines() {
        doc.push(' ');
        push_markdown_text(doc, line);
        doc.push('\n');
    }
}

/// ` - en: ...` for each description, as a list indented by `indent`.
fn push_descriptions(doc: &mut String, descriptions: &Descriptions, indent: &str) {
    if !descriptions.is_empty() && indent.is_empty() {
        doc.push('\n');
    }
    for (lang, text) in descriptions {
        for (i, line) in text.lines().enumerate() {
            if i == 0 {
                let _ = write!(doc, "\n {indent}- {lang}: ");
            } else {
                let _ = write!(doc, "\n {indent}  ");
            }
            push_markdown_text(doc, line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ErrorDef, Row, Status, Variant};

    fn def() -> ErrorDef {
        ErrorDef {
            code: "InvalidParameter".into(),
            status: Status::new(400).unwrap(),
            message: "The specified value of parameter <parameter name> is not valid.".into(),
            descriptions: vec![
                ("en".into(), "Bad value.".into()),
                ("zh".into(), "指定的参数取值不合法。".into()),
            ],
            variant: Variant {
                name: "InvalidParameter".into(),
                explicit: false,
            },
            retry: Some(Retry::Transient),
        }
    }

    #[test]
    fn variant_docs_give_message_facts_and_descriptions() {
        let def = def();
        let variant = CodeVariant {
            name: "InvalidParameter".into(),
            def: &def,
            status: def.status,
            rows: &[],
        };
        assert_eq!(
            variant_docs(&variant, None),
            " The specified value of parameter \\<parameter name\\> is not valid.\n\
             \n Code `InvalidParameter`, HTTP 400, retry class: transient.\n\
             \n - en: Bad value.\
             \n - zh: 指定的参数取值不合法。"
        );
    }

    #[test]
    fn an_operation_enums_variant_docs_add_the_operation_rows() {
        let def = def();
        let status = Status::new(404).unwrap();
        let rows = [
            Row {
                status,
                message: Some(
                    "The specified value of parameter \"MaxResults\" is not valid.".into(),
                ),
                descriptions: vec![("zh".into(), "指定的参数无效。".into())],
            },
            Row {
                status,
                message: None,
                descriptions: vec![],
            },
        ];
        let variant = CodeVariant {
            name: "InvalidParameter".into(),
            def: &def,
            status,
            rows: &rows,
        };
        let docs = variant_docs(&variant, Some("DescribeLifecycleActions"));
        assert!(
            docs.contains("Code `InvalidParameter`, HTTP 404, retry class"),
            "{docs}"
        );
        assert!(
            docs.ends_with(
                "\n\n On `DescribeLifecycleActions`:\n\
                 \n - HTTP 404: The specified value of parameter \"MaxResults\" is not valid.\
                 \n   - zh: 指定的参数无效。\
                 \n - HTTP 404"
            ),
            "{docs}"
        );
        // A row that says only the status adds nothing to the code's docs.
        let variant = CodeVariant {
            rows: &rows[1..],
            ..variant
        };
        assert!(!variant_docs(&variant, Some("Op")).contains("On `Op`"));
    }
}
