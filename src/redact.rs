//! Keeping officers' names out of what is printed (`check --redact`, for CI logs).

use crate::anonymise::{Mode, Signal};
use crate::{Diagnostic, Linter, Source};

/// Redacts `source`'s officers for display: returns the text with every officer mention
/// masked by `*` (byte for byte, so every span still points at the same place), and
/// replaces the officers' names in the diagnostics' messages and help with their labels.
pub fn redact(linter: &Linter, source: &Source, diagnostics: &mut [Diagnostic]) -> String {
    let people = linter.people(source);
    let writer = crate::anonymise::Writer::new(&linter.pack().officers);
    let fixes = writer.fixes(&linter.parse(source), &people, Mode::Label);
    let mut bytes = source.text.clone().into_bytes();
    let mut names: Vec<(String, String)> = Vec::new();
    for f in &fixes {
        let r = f.mention.src.clone();
        if r.end <= bytes.len() {
            bytes[r.clone()].iter_mut().for_each(|b| *b = b'*');
        }
        if !matches!(f.mention.signal, Signal::Phone) {
            names.push((source.text[r].to_string(), f.label.clone()));
        }
    }
    // longest names first, so "Officer Jane Smith" goes before "Smith"
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    names.dedup();
    for d in diagnostics.iter_mut() {
        for (name, label) in &names {
            if d.message.contains(name.as_str()) {
                d.message = d.message.replace(name.as_str(), label);
            }
            if d.help.contains(name.as_str()) {
                d.help = d.help.replace(name.as_str(), label).into();
            }
        }
    }
    // every byte of a multi-byte character was replaced, so the text stays valid UTF-8
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
