#![no_main]
//! Anonymises arbitrary text in every mode: no officer name leaks, anonymising twice
//! equals once, and the lint invariants hold.

use letterlint::{invariants, Config, Format, Linter, Source};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LINTER: OnceLock<Linter> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let linter = LINTER.get_or_init(|| Linter::new(Config::default()).expect("built-in pack"));
    let format = if text.starts_with('#') { Format::Markdown } else { Format::Text };
    let source = Source::new("fuzz", text, format);
    if let Err(e) = invariants::check_anonymise(linter, &source) {
        panic!("{e}");
    }
});
