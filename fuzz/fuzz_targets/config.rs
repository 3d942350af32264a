#![no_main]
//! Arbitrary text as letterlint.toml: an error with a location, or a linter that keeps
//! the invariants on a sample letter.

use letterlint::{invariants, Format, Source};
use libfuzzer_sys::fuzz_target;

const LETTER: &str = include_str!("../seeds/lint_text/short-housing.txt");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let letter = Source::new("letter.txt", LETTER, Format::Text);
    if let Err(e) = invariants::check_config(text, &letter) {
        panic!("{e}");
    }
});
