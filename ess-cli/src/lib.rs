//! The library half of the `ess` command: the importers (specs from what
//! the vendor publishes), `ess call`'s requests, `ess diff`'s comparison,
//! and the drawing of problems. The codegen library reports data; this crate renders it.

pub mod call;
pub mod diff;
pub mod import;
pub mod render;
pub mod serve;
pub mod typed;
