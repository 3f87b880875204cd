//! The macros' own arguments, as written: `#[error_enum(...)]`, and
//! `#[ess(...)]` on a derived enum and its variants. Reading reports only
//! what does not parse (an unknown key, a key given twice, a value that is
//! not a string or a path); what the arguments mean is checked with the
//! spec, in [`crate::valid`].

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::{Attribute, LitStr, Path};

use crate::diagnostic::{Cx, Diagnostic};
use crate::suggest::did_you_mean;

/// Where the spec comes from, as written.
pub(crate) enum SpecArg {
    /// `spec = "path/relative/to/the/crate.json"`
    Path(LitStr),
    /// `spec_json = r#"{ ... }"#`
    Inline(LitStr),
}

impl SpecArg {
    /// The literal, for pointing errors at it.
    pub(crate) fn span(&self) -> Span {
        match self {
            SpecArg::Path(lit) | SpecArg::Inline(lit) => lit.span(),
        }
    }
}

/// Enum-level arguments, of either macro.
#[derive(Default)]
pub(crate) struct EnumArgs {
    /// The spec; required.
    pub(crate) spec: Option<SpecArg>,
    /// `crate = "path"`: where `ess_runtime` is, for renamed dependencies.
    pub(crate) krate: Option<Path>,
    /// `subset`: the derived enum covers part of the spec on purpose.
    pub(crate) subset: bool,
    /// `operation = "CreateScalingGroup"`: only that operation's codes and
    /// the common ones, with the operation's statuses.
    pub(crate) operation: Option<LitStr>,
    /// `service_enum = "EssError"`: the service-wide enum that an
    /// operation's enum converts into.
    pub(crate) service_enum: Option<Path>,
    /// `operations = ["DescribeScalingGroups", ...]`: the operations a
    /// service module holds; all of them when absent.
    pub(crate) operations: Option<Vec<LitStr>>,
    /// The arguments did not parse; a missing spec is then not worth a
    /// second error.
    pub(crate) malformed: bool,
}

/// Which macro the arguments belong to; they accept different keys.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum MacroKind {
    /// `#[derive(EssError)]` with `#[ess(...)]`.
    Derive,
    /// `#[error_enum(...)]`.
    Attribute,
    /// `#[service(...)]`.
    Service,
}

impl MacroKind {
    /// The keys the macro takes.
    fn key_names(self) -> &'static [&'static str] {
        match self {
            MacroKind::Derive => &["spec", "spec_json", "crate", "subset"],
            MacroKind::Attribute => &["spec", "spec_json", "crate", "operation", "service_enum"],
            MacroKind::Service => &["spec", "spec_json", "crate", "operations"],
        }
    }

    /// The keys, as a message lists them: `` `a`, `b` and `c` ``.
    fn keys(self) -> String {
        let names = self.key_names();
        let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        match quoted.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl EnumArgs {
    /// Parses the argument tokens of `#[error_enum(...)]` or
    /// `#[service(...)]`.
    pub(crate) fn parse_attribute_args(
        tokens: TokenStream,
        kind: MacroKind,
        cx: &mut Cx,
    ) -> EnumArgs {
        let mut args = EnumArgs::default();
        let parser = syn::meta::parser(|meta| args.parse_key(&meta, kind, cx));
        if let Err(e) = parser.parse2(tokens) {
            cx.syn(e);
            args.malformed = true;
        }
        args
    }

    /// Parses every `#[ess(...)]` among a derived enum's attributes.
    pub(crate) fn parse_derive_attrs(attrs: &[Attribute], cx: &mut Cx) -> EnumArgs {
        let mut args = EnumArgs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("ess")) {
            if let Err(e) =
                attr.parse_nested_meta(|meta| args.parse_key(&meta, MacroKind::Derive, cx))
            {
                cx.syn(e);
                args.malformed = true;
            }
        }
        args
    }

    fn parse_key(
        &mut self,
        meta: &ParseNestedMeta,
        kind: MacroKind,
        cx: &mut Cx,
    ) -> syn::Result<()> {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match key.as_str() {
            "spec" | "spec_json" => {
                let lit: LitStr = meta.value()?.parse()?;
                if self.spec.is_some() {
                    cx.syn(meta.error("the spec is given twice: keep one `spec` or `spec_json`"));
                } else if key == "spec" {
                    self.spec = Some(SpecArg::Path(lit));
                } else {
                    self.spec = Some(SpecArg::Inline(lit));
                }
            }
            "crate" => {
                let path = parse_path(
                    meta,
                    "`crate` must be a path such as \"::ess_runtime\" or \"my_crate::ess\"",
                    cx,
                )?;
                if let Some(path) = path {
                    if self.krate.replace(path).is_some() {
                        cx.syn(meta.error("`crate` is given twice"));
                    }
                }
            }
            "operation" if kind == MacroKind::Attribute => {
                let lit: LitStr = meta.value()?.parse()?;
                if self.operation.replace(lit).is_some() {
                    cx.syn(meta.error("`operation` is given twice"));
                }
            }
            "service_enum" if kind == MacroKind::Attribute => {
                let path = parse_path(
                    meta,
                    "`service_enum` must be a path such as \"EssError\"",
                    cx,
                )?;
                if let Some(path) = path {
                    if self.service_enum.replace(path).is_some() {
                        cx.syn(meta.error("`service_enum` is given twice"));
                    }
                }
            }
            "operations" if kind == MacroKind::Service => {
                let input = meta.value()?;
                let list;
                syn::bracketed!(list in input);
                let names = syn::punctuated::Punctuated::<LitStr, syn::Token![,]>::parse_terminated(&list)
                    .map_err(|e| {
                        syn::Error::new(
                            e.span(),
                            "`operations` lists operation names as strings: [\"DescribeScalingGroups\", ...]",
                        )
                    })?;
                if self
                    .operations
                    .replace(names.into_iter().collect())
                    .is_some()
                {
                    cx.syn(meta.error("`operations` is given twice"));
                }
            }
            "subset" if kind == MacroKind::Derive => {
                if meta.input.peek(syn::Token![=]) {
                    return Err(meta.error("`subset` takes no value: write `#[ess(subset)]`"));
                }
                self.subset = true;
            }
            _ => {
                let written = quote::ToTokens::to_token_stream(&meta.path)
                    .to_string()
                    .replace(' ', "");
                let mut message = format!(
                    "unknown attribute key `{written}`; expected {}",
                    kind.keys()
                );
                if let Some(hint) = did_you_mean(&written, kind.key_names().iter().copied(), '`') {
                    message = format!("{message} ({hint})");
                }
                cx.syn(meta.error(message));
                // Skip the value, whatever it is (an array, a path), token
                // by token up to the next key: the keys after it are still
                // checked, and no parser's limits are reported instead.
                if meta.input.peek(syn::Token![=]) {
                    let value = meta.value()?;
                    while !value.is_empty() && !value.peek(syn::Token![,]) {
                        value.parse::<TokenTree>()?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// `key = "a::path"`: the path, or `None` (reported) when the string is not
/// one.
fn parse_path(meta: &ParseNestedMeta, why: &str, cx: &mut Cx) -> syn::Result<Option<Path>> {
    let lit: LitStr = meta.value()?.parse()?;
    match lit.parse::<Path>() {
        Ok(path) => Ok(Some(path)),
        Err(_) => {
            cx.push_at(lit.span(), Diagnostic::whole(why));
            Ok(None)
        }
    }
}

/// The code a variant gives with `#[ess(code = "...")]`, if any.
pub(crate) fn variant_code(attrs: &[Attribute], cx: &mut Cx) -> Option<LitStr> {
    let mut code = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("ess")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("code") {
                let lit: LitStr = meta.value()?.parse()?;
                if code.is_some() {
                    cx.syn(meta.error("`code` is given twice for this variant"));
                } else {
                    code = Some(lit);
                }
                Ok(())
            } else {
                Err(meta.error("unknown variant attribute key; expected `code = \"...\"`"))
            }
        });
        if let Err(e) = result {
            cx.syn(e);
        }
    }
    code
}
