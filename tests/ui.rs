//! The compile-fail suite: each file under `tests/ui/fail` is one mistake, and
//! its `.stderr` is the exact error a user sees. `tests/ui/pass` holds
//! programs that must compile without a warning.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
