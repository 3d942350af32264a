//! `--statistics`: how many findings of each rule, most frequent first.

use super::json::FileResult;
use std::collections::BTreeMap;

/// One line a rule: count, rule id, severity, how many of them have a safe fix.
pub fn render(files: &[FileResult]) -> String {
    let mut counts: BTreeMap<&str, (usize, &'static str, usize)> = BTreeMap::new();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        let e = counts.entry(&d.rule).or_insert((0, d.severity.as_str(), 0));
        e.0 += 1;
        if d.fixes
            .iter()
            .any(|f| f.applicability == crate::Applicability::Safe)
        {
            e.2 += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(4);
    let mut out = String::new();
    for (rule, (n, severity, fixable)) in rows {
        let fix = if fixable > 0 {
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
