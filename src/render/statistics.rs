//! `--statistics`: how many findings of each rule, most frequent first.

use super::json::FileResult;
use std::collections::BTreeMap;

/// Counts per rule, added to file by file.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// rule -> (findings, severity, findings with a safe fix)
    rules: BTreeMap<String, (usize, &'static str, usize)>,
}

impl Counts {
    /// Adds one file's findings.
    pub fn add(&mut self, file: &FileResult) {
        for d in &file.diagnostics {
            let e = self
                .rules
                .entry(d.rule.to_string())
                .or_insert((0, d.severity.as_str(), 0));
            e.0 += 1;
            if d.fixes
                .iter()
                .any(|f| f.applicability == crate::Applicability::Safe)
            {
                e.2 += 1;
            }
        }
    }

    /// One line a rule: count, rule id, severity, how many of them have a safe fix.
    pub fn render(&self) -> String {
        let mut rows: Vec<_> = self.rules.iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(4);
        let mut out = String::new();
        for (rule, (n, severity, fixable)) in rows {
            let fix = if *fixable > 0 {
                format!("  ({fixable} fixable by `letterlint fix`)")
            } else {
                String::new()
            };
            out.push_str(&format!("{n:>5}  {rule:<width$}  {severity}{fix}\n"));
        }
        if out.is_empty() {
            out.push_str("    0  findings\n");
        }
        out
    }
}

/// The statistics of `files`.
pub fn render(files: &[FileResult]) -> String {
    let mut c = Counts::default();
    files.iter().for_each(|f| c.add(f));
    c.render()
}
