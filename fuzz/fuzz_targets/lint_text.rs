#![no_main]
//! Lints arbitrary bytes as text; asserts letterlint's invariants (spans in bounds and
//! on char boundaries, line/column agree, the rewrite faithful and idempotent).

use letterlint::{invariants, Config, Format, Linter, Source};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LINTER: OnceLock<Linter> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let linter = LINTER.get_or_init(|| Linter::new(Config::default()).expect("built-in pack"));
    let source = Source::new("fuzz", text, Format::Text);
    if let Err(e) = invariants::check(linter, &source) {
        panic!("{e}");
    }
});
