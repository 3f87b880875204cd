//! Parsing of the macros' own attributes: `#[ess(...)]` on a derived enum
//! and its variants, and the arguments of `#[error_enum(...)]`.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::{Attribute, LitStr, Path};

use crate::errors::Errors;

/// Where the spec comes from.
pub enum SpecArg {
    /// `spec = "path/relative/to/the/crate.json"`
    Path(LitStr),
    /// `spec_json = r#"{ ... }"#`
    Inline(LitStr),
}

impl SpecArg {
    /// The literal, for pointing errors at it.
    pub fn span(&self) -> Span {
        match self {
            SpecArg::Path(lit) | SpecArg::Inline(lit) => lit.span(),
        }
    }
}

/// Enum-level arguments, of either macro.
#[derive(Default)]
pub struct EnumArgs {
    /// The spec; required.
    pub spec: Option<SpecArg>,
    /// `crate = "path"`: where `ess_runtime` is, for renamed dependencies.
    pub krate: Option<Path>,
    /// `subset`: the derived enum covers part of the spec on purpose.
    pub subset: bool,
    /// `operation = "CreateScalingGroup"`: only that operation's codes and
    /// the common ones, with the operation's statuses.
    pub operation: Option<LitStr>,
    /// `service_enum = "EssError"`: the service-wide enum that an operation's
    /// enum converts into.
    pub service_enum: Option<Path>,
    /// The arguments did not parse; a missing spec is then not worth a
    /// second error.
    pub malformed: bool,
}

/// Which macro the arguments belong to; they accept different keys.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MacroKind {
    /// `#[derive(EssError)]` with `#[ess(...)]`.
    Derive,
    /// `#[error_enum(...)]`.
    Attribute,
}

impl MacroKind {
    fn keys(self) -> &'static str {
        match self {
            MacroKind::Derive => "`spec`, `spec_json`, `crate` and `subset`",
            MacroKind::Attribute => "`spec`, `spec_json`, `crate`, `operation` and `service_enum`",
        }
    }
}

impl EnumArgs {
    /// Parses `#[error_enum(...)]`'s argument tokens.
    pub fn parse_attribute_args(tokens: TokenStream, errors: &mut Errors) -> EnumArgs {
        let mut args = EnumArgs::default();
        let parser = syn::meta::parser(|meta| args.parse_key(&meta, MacroKind::Attribute, errors));
        if let Err(e) = parser.parse2(tokens) {
            errors.push(e);
            args.malformed = true;
        }
        args
    }

    /// Parses every `#[ess(...)]` among a derived enum's attributes.
    pub fn parse_derive_attrs(attrs: &[Attribute], errors: &mut Errors) -> EnumArgs {
        let mut args = EnumArgs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("ess")) {
            if let Err(e) =
                attr.parse_nested_meta(|meta| args.parse_key(&meta, MacroKind::Derive, errors))
            {
                errors.push(e);
                args.malformed = true;
            }
        }
        args
    }

    fn parse_key(
        &mut self,
        meta: &ParseNestedMeta,
        kind: MacroKind,
        errors: &mut Errors,
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
                    errors.push(
                        meta.error("the spec is given twice: keep one `spec` or `spec_json`"),
                    );
                } else if key == "spec" {
                    self.spec = Some(SpecArg::Path(lit));
                } else {
                    self.spec = Some(SpecArg::Inline(lit));
                }
            }
            "crate" => {
                let lit: LitStr = meta.value()?.parse()?;
                match lit.parse::<Path>() {
                    Ok(path) if self.krate.is_none() => self.krate = Some(path),
                    Ok(_) => errors.push(meta.error("`crate` is given twice")),
                    Err(_) => errors.push(syn::Error::new(
                        lit.span(),
                        "`crate` must be a path such as \"::ess_runtime\" or \"my_crate::ess\"",
                    )),
                }
            }
            "operation" if kind == MacroKind::Attribute => {
                let lit: LitStr = meta.value()?.parse()?;
                if self.operation.replace(lit).is_some() {
                    errors.push(meta.error("`operation` is given twice"));
                }
            }
            "service_enum" if kind == MacroKind::Attribute => {
                let lit: LitStr = meta.value()?.parse()?;
                match lit.parse::<Path>() {
                    Ok(path) if self.service_enum.is_none() => self.service_enum = Some(path),
                    Ok(_) => errors.push(meta.error("`service_enum` is given twice")),
                    Err(_) => errors.push(syn::Error::new(
                        lit.span(),
                        "`service_enum` must be a path such as \"EssError\"",
                    )),
                }
            }
            "subset" if kind == MacroKind::Derive => {
                if meta.input.peek(syn::Token![=]) {
                    return Err(meta.error("`subset` takes no value: write `#[ess(subset)]`"));
                }
                self.subset = true;
            }
            _ => {
                errors.push(meta.error(format!(
                    "unknown attribute key `{}`; expected {}",
                    quote::ToTokens::to_token_stream(&meta.path).to_string().replace(' ', ""),
                    kind.keys()
                )));
                // Skip the value so that the keys after it are still checked.
                if meta.input.peek(syn::Token![=]) {
                    meta.value()?.parse::<syn::Expr>()?;
                }
            }
        }
        Ok(())
    }
}

/// The code a variant gives with `#[ess(code = "...")]`, if any.
pub fn variant_code(attrs: &[Attribute], errors: &mut Errors) -> Option<LitStr> {
    let mut code = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("ess")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("code") {
                let lit: LitStr = meta.value()?.parse()?;
                if code.is_some() {
                    errors.push(meta.error("`code` is given twice for this variant"));
                } else {
                    code = Some(lit);
                }
                Ok(())
            } else {
                Err(meta.error("unknown variant attribute key; expected `code = \"...\"`"))
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    code
}
