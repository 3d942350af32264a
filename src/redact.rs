//! Keeping officers' names out of what is printed or written (`check --redact`, for CI
//! logs, SARIF uploads and baseline files).

use crate::anonymise::{Mode, Signal};
use crate::{Diagnostic, Linter, Source};

/// One letter's officer mentions, masked: the text to show or fingerprint, and the
/// names to replace in messages.
///
/// ```
/// use letterlint::{redact::Redaction, Config, Format, Linter, Source};
/// let linter = Linter::new(Config::default()).unwrap();
/// let source = Source::new(
///     "a.txt",
///     "Dear Mr Hill,\n\nOfficer Smith failed to call you back.\n",
///     Format::Text,
/// );
/// let mut report = linter.lint(&source);
/// let r = Redaction::new(&linter, &source);
/// assert!(!r.text().contains("Smith") && r.text().len() == source.text.len());
/// r.apply(&mut report.diagnostics);
/// assert!(report.diagnostics.iter().all(|d| !d.message.contains("Smith")));
/// ```
#[derive(Debug, Clone)]
pub struct Redaction {
    text: String,
    /// (name as written, its label), longest names first.
    names: Vec<(String, String)>,
}

impl Redaction {
    /// Finds `source`'s officers with `linter` and masks every mention (and direct
    /// line) with `*`, byte for byte, so every span still points at the same place.
    pub fn new(linter: &Linter, source: &Source) -> Redaction {
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
                if let Some(name) = source.text.get(r) {
                    names.push((name.to_string(), f.label.clone()));
                }
            }
        }
        // longest names first, so "Officer Jane Smith" goes before "Smith"
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        names.dedup();
        // every byte of a multi-byte character was replaced, so the text stays valid UTF-8
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Redaction { text, names }
    }

    /// The text with every officer mention masked.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the officers' names in the diagnostics' messages and help with their
    /// labels ("Officer A").
    pub fn apply(&self, diagnostics: &mut [Diagnostic]) {
        for d in diagnostics.iter_mut() {
            for (name, label) in &self.names {
                if d.message.contains(name.as_str()) {
                    d.message = d.message.replace(name.as_str(), label);
                }
                if d.help.contains(name.as_str()) {
                    d.help = d.help.replace(name.as_str(), label).into();
                }
            }
        }
    }
}

/// Redacts `source`'s officers for display: returns the text with every officer mention
/// masked by `*` (byte for byte, so every span still points at the same place), and
/// replaces the officers' names in the diagnostics' messages and help with their labels.
pub fn redact(linter: &Linter, source: &Source, diagnostics: &mut [Diagnostic]) -> String {
    let r = Redaction::new(linter, source);
    r.apply(diagnostics);
    r.text
}
