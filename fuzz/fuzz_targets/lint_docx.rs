#![no_main]
//! Arbitrary bytes as a .docx: reading never panics (limits hold, DOCTYPEs are refused);
//! a document read satisfies the invariants, and `fix_docx` gives a package that reads back.

use letterlint::{invariants, Config, Linter};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LINTER: OnceLock<Linter> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let linter = LINTER.get_or_init(|| Linter::new(Config::default()).expect("built-in pack"));
    if let Err(e) = invariants::check_docx(linter, data) {
        panic!("{e}");
    }
});
