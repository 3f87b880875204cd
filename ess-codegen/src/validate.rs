//! The checks a well-shaped spec must still pass: unique codes, and one valid,
//! unique Rust name per code.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::ident;
use crate::spec::{Cx, Spec, VariantPlaces};

/// Fills in each entry's variant name and reports duplicate codes, codes
/// without a usable name, bad overrides and name collisions.
pub(crate) fn check(spec: &mut Spec, variant_at: &VariantPlaces, cx: &mut Cx) {
    let mut codes: HashMap<&str, usize> = HashMap::with_capacity(spec.errors.len());
    for (i, def) in spec.errors.iter().enumerate() {
        if let Some(&first) = codes.get(def.code.as_str()) {
            cx.push(
                Diagnostic::new(def.at, format!("duplicate code \"{}\"", def.code)).help(format!(
                    "the code is already defined at {}; keep one entry per code",
                    cx.place(spec.errors[first].at)
                )),
            );
        } else {
            codes.insert(&def.code, i);
        }
    }

    for (def, at) in spec.errors.iter_mut().zip(variant_at) {
        match at {
            Some(at) => {
                if let Err(why) = ident::check_variant_override(&def.variant) {
                    cx.push(
                        Diagnostic::new(
                            *at,
                            format!(
                                "variant \"{}\" is not a usable Rust name: {why}",
                                def.variant
                            ),
                        )
                        .help(
                            "write an UpperCamelCase name such as \"InvalidParamPageNumberLower\"",
                        ),
                    );
                    def.variant.clear();
                }
            }
            None => match ident::variant_name(&def.code) {
                Ok(name) => def.variant = name,
                Err(why) => cx.push(
                    Diagnostic::new(
                        def.at,
                        format!(
                            "code \"{}\" cannot become a Rust variant name: {why}",
                            def.code.escape_debug()
                        ),
                    )
                    .help(
                        "add \"variant\": \"SomeName\" to this entry to name the variant yourself",
                    ),
                ),
            },
        }
    }

    let mut names: HashMap<&str, usize> = HashMap::with_capacity(spec.errors.len());
    for (i, def) in spec.errors.iter().enumerate() {
        if def.variant.is_empty() {
            continue;
        }
        if let Some(&first) = names.get(def.variant.as_str()) {
            let other = &spec.errors[first];
            if other.code == def.code {
                continue; // already reported as a duplicate code
            }
            cx.push(
                Diagnostic::new(
                    def.at,
                    format!(
                        "codes \"{}\" ({}) and \"{}\" ({}) both become the variant `{}`",
                        other.code,
                        cx.place(other.at),
                        def.code,
                        cx.place(def.at),
                        def.variant
                    ),
                )
                .help(format!(
                    "add \"variant\": \"{}Alt\" (or another distinct name) to one of the two entries",
                    def.variant
                )),
            );
        } else {
            names.insert(&def.variant, i);
        }
    }
}
