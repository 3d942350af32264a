#![no_main]
//! People detection alone, cheap enough for hundreds of executions a second: finds the
//! people of arbitrary text (`Linter::people`: every mention in bounds and on char
//! boundaries) and anonymises it in one mode (`Linter::anonymise`, the mode chosen by
//! the input's length: label, role, organisation), whose output must leak no officer
//! name (the leak law of `invariants::check_anonymise`, for that one mode). It neither
//! lints nor fixes: `lint_text`, `lint_markdown` and `anonymise` cover those.

use letterlint::anonymise::{Mode, PersonRole, Signal};
use letterlint::{Config, Format, Linter, Source};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LINTER: OnceLock<Linter> = OnceLock::new();

/// How often `word` occurs in `text` as a whole word (as in `letterlint::invariants`).
fn occurrences(text: &str, word: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(word)
        .filter(|(i, _)| {
            !is_word(text[..*i].chars().next_back())
                && !is_word(text[i + word.len()..].chars().next())
        })
        .count()
}

fn in_bounds(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

fn check(linter: &Linter, source: &Source, mode: Mode) -> Result<(), String> {
    let text = &source.text;
    let people = linter.people(source);
    for p in &people.persons {
        for m in &p.mentions {
            if !in_bounds(text, m.src.start, m.src.end) {
                return Err(format!(
                    "{:?} mention {:?} out of bounds or not on a char boundary",
                    m.signal, m.src
                ));
            }
        }
    }
    let once = linter.anonymise(source, mode);
    for p in &once.people {
        for m in &p.mentions {
            if !in_bounds(text, m.start, m.end) || text[m.start..m.end] != *m.text {
                return Err(format!(
                    "{mode:?}: reported mention {}..{} “{}” is not the source's text there",
                    m.start, m.end, m.text
                ));
            }
        }
        if p.role != PersonRole::Officer {
            continue;
        }
        for m in &p.mentions {
            if matches!(m.signal, Signal::Phone) {
                continue;
            }
            let inside = p.mentions.iter().filter(|x| x.text == m.text).count();
            let outside = occurrences(text, &m.text).saturating_sub(inside);
            if occurrences(&once.text, &m.text) > outside {
                return Err(format!("{mode:?}: anonymise leaks “{}”", m.text));
            }
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let linter = LINTER.get_or_init(|| Linter::new(Config::default()).expect("built-in pack"));
    let format = if text.starts_with('#') { Format::Markdown } else { Format::Text };
    let mode = [Mode::Label, Mode::Role, Mode::Organisation][data.len() % 3];
    let source = Source::new("fuzz", text, format);
    if let Err(e) = check(linter, &source, mode) {
        panic!("{e}");
    }
});
