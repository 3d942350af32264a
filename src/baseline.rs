//! Baselines: adopting letterlint on an old template library without fixing everything
//! first. `check --write-baseline FILE` records every finding; `check --baseline FILE`
//! then reports only findings that are not recorded, so CI fails on new ones alone.
//!
//! A finding is recorded by the file's path (relative to the baseline file, with `/`),
//! its rule, and a fingerprint of the words it flags (white space collapsed, case
//! folded), so it survives edits elsewhere in the letter that move it. The same finding
//! twice in a file is recorded twice; each record excuses one finding. A baseline written
//! with `--redact` is marked `"redacted": true`: its fingerprints were taken from the
//! text with the officers' mentions masked, and it is matched against masked text.
//!
//! ```json
//! {"version": 1,
//!  "findings": [{"path": "decisions/bins.md", "rule": "jargon", "fingerprint": "9d2c5f1e0a7b3c44"}]}
//! ```

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline file's directory, with `/` separators.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// [`fingerprint`] of the finding.
    pub fingerprint: String,
}

/// A baseline file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// Written with `--redact`: the fingerprints were taken from the text with the
    /// officers' mentions masked ([`crate::redact::Redaction`]), so that no fingerprint
    /// is a hash of a name, and findings are matched against masked text too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
    /// The recorded findings, sorted.
    pub findings: Vec<Entry>,
    /// The directory paths are relative to.
    #[serde(skip)]
    pub base: PathBuf,
}

/// The fingerprint of a finding of `rule` over `span` of `text`: 16 hex digits of the
/// FNV-1a hash of the rule and the flagged words (white space collapsed, lower case); an
/// empty span stands for its whole line.
pub fn fingerprint(rule: &str, text: &str, start: usize, end: usize) -> String {
    let fl = |i: usize| crate::error::floor_char_boundary(text, i.min(text.len()));
    let (mut s, mut e) = (fl(start), fl(end.max(start)));
    if text[s..e].trim().is_empty() {
        s = text[..s].rfind('\n').map_or(0, |i| i + 1);
        e = text[e..].find('\n').map_or(text.len(), |i| e + i);
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    rule.bytes().for_each(&mut feed);
    feed(0);
    for (i, word) in text[s..e].split_whitespace().enumerate() {
        if i > 0 {
            feed(b' ');
        }
        word.to_lowercase().bytes().for_each(&mut feed);
    }
    format!("{h:016x}")
}

/// `path` relative to `base` with `/` separators (or as given, if it is not under it).
pub fn relative_path(base: &Path, path: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (b, p) = (abs(base), abs(path));
    let rel = p.strip_prefix(&b).map_or(path, |r| r);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != ".")
        .collect::<Vec<_>>()
        .join("/")
}

impl Baseline {
    /// An empty baseline whose paths are relative to `file`'s directory.
    pub fn new_for(file: &Path) -> Baseline {
        Baseline {
            version: VERSION,
            redacted: false,
            findings: Vec::new(),
            base: base_of(file),
        }
    }

    /// Reads a baseline file; errors name it and the line.
    pub fn load(file: &Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
            path: file.to_path_buf(),
            source,
        })?;
        let mut b: Baseline = serde_json::from_str(&text).map_err(|e| Error::Config {
            file: file.display().to_string(),
            line: e.line().max(1),
            column: e.column().max(1),
            message: format!("invalid baseline: {e}"),
        })?;
        if b.version != VERSION {
            return Err(Error::Config {
                file: file.display().to_string(),
                line: 1,
                column: 1,
                message: format!(
                    "invalid baseline: version {} (this letterlint reads version {VERSION})",
                    b.version
                ),
            });
        }
        b.base = base_of(file);
        Ok(b)
    }

    /// Records the findings of one file (`text` is what was linted).
    pub fn record(&mut self, path: &Path, text: &str, diagnostics: &[Diagnostic]) {
        let p = relative_path(&self.base, path);
        for d in diagnostics {
            self.findings.push(Entry {
                path: p.clone(),
                rule: d.rule.to_string(),
                fingerprint: fingerprint(&d.rule, text, d.span.start, d.span.end),
            });
        }
    }

    /// The file's JSON (findings sorted, so it diffs well), with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.findings.sort();
        let mut s = serde_json::to_string_pretty(&sorted).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Drops from `diagnostics` the findings of `path` this baseline records (each
    /// record excuses one finding); returns how many were dropped.
    pub fn filter(&self, path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let p = relative_path(&self.base, path);
        let mut budget: HashMap<(String, String), usize> = HashMap::new();
        for e in self.findings.iter().filter(|e| e.path == p) {
            *budget
                .entry((e.rule.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        if budget.is_empty() {
            return 0;
        }
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            let fp = fingerprint(&d.rule, text, d.span.start, d.span.end);
            match budget.get_mut(&(d.rule.to_string(), fp)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        before - diagnostics.len()
    }
}

fn base_of(file: &Path) -> PathBuf {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_spacing_case_and_position() {
        let a = "Dear Mrs Brown,\n\nGoing  forward, we will call.\n";
        let b = "Dear Mrs Brown,\n\nA new paragraph.\n\ngoing\nforward, we will call.\n";
        let (sa, sb) = (a.find("Going").unwrap(), b.find("going").unwrap());
        let fa = fingerprint("jargon", a, sa, sa + "Going  forward".len());
        let fb = fingerprint("jargon", b, sb, sb + "going\nforward".len());
        assert_eq!(fa, fb);
        assert_ne!(fa, fingerprint("defensive-tone", a, sa, sa + 14));
        assert_eq!(fa.len(), 16);
    }

    #[test]
    fn an_empty_span_stands_for_its_line() {
        let t = "one\ntwo three\nfour";
        assert_eq!(fingerprint("r", t, 6, 6), fingerprint("r", t, 4, 13));
    }
}
