//! Applying fixes: the suggested rewrite.
//!
//! Edits are applied without overlap, by a fixed priority: the rule's place in the pack
//! (earlier wins), then position. A fix is applied whole or not at all. Two insertions at
//! the same point are both kept, in priority order. The result is:
//!
//! - **faithful**: text outside the edited ranges is byte-for-byte unchanged;
//! - **idempotent** (through [`crate::Linter::fix`], which lints again until nothing
//!   changes): linting the rewrite yields no further fixes at that level, and rewriting
//!   it again changes nothing.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The outcome of one pass of fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// The rewritten text.
    pub text: String,
    /// The edits applied, sorted by position (offsets into the original text).
    pub applied: Vec<Edit>,
    /// How many fixes were left out because they overlapped a fix of higher priority.
    pub skipped: usize,
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.start == a.end && b.start == b.end {
        return false;
    }
    if a.start == a.end {
        return b.start < a.start && a.start < b.end;
    }
    if b.start == b.end {
        return a.start < b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

/// Applies to `text` the first fix at or below `level` of each diagnostic. `priority[i]`
/// is diagnostic `i`'s rule priority (lower wins).
pub fn apply(
    text: &str,
    diagnostics: &[Diagnostic],
    priority: &[usize],
    level: Applicability,
) -> Rewrite {
    let mut candidates: Vec<(usize, usize, &[Edit])> = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if let Some(f) = d
            .fixes
            .iter()
            .find(|f| f.applicability <= level && !f.edits.is_empty())
        {
            let valid = f.edits.iter().all(|e| {
                e.start <= e.end
                    && e.end <= text.len()
                    && text.is_char_boundary(e.start)
                    && text.is_char_boundary(e.end)
            });
            if valid {
                let p = priority.get(i).copied().unwrap_or(usize::MAX);
                candidates.push((p, f.edits[0].start, &f.edits));
            }
        }
    }
    candidates.sort_by_key(|&(p, start, _)| (p, start));
    let mut accepted: Vec<(usize, &Edit)> = Vec::new();
    let mut skipped = 0;
    for (order, (_, _, edits)) in candidates.iter().enumerate() {
        let clash = edits.iter().enumerate().any(|(i, e)| {
            accepted.iter().any(|(_, a)| overlaps(a, e))
                || edits[..i].iter().any(|x| overlaps(x, e))
        });
        let duplicate = edits.iter().all(|e| accepted.iter().any(|(_, a)| *a == e));
        if clash || duplicate {
            skipped += usize::from(clash);
            continue;
        }
        accepted.extend(edits.iter().map(|e| (order, e)));
    }
    accepted.sort_by_key(|&(order, e)| (e.start, e.end, order));
    let mut out = String::with_capacity(text.len() + 256);
    let mut pos = 0;
    for (_, e) in &accepted {
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.replacement);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    Rewrite {
        text: out,
        applied: accepted.into_iter().map(|(_, e)| e.clone()).collect(),
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity, Span};

    fn diag(edits: Vec<(usize, usize, &str)>, app: Applicability) -> Diagnostic {
        Diagnostic {
            rule: "r".into(),
            severity: Severity::Warning,
            principle: "p".into(),
            message: String::new(),
            help: "h".into(),
            span: Span::default(),
            paragraph: None,
            fixes: vec![Fix {
                applicability: app,
                description: String::new(),
                edits: edits
                    .into_iter()
                    .map(|(s, e, r)| Edit {
                        start: s,
                        end: e,
                        replacement: r.into(),
                    })
                    .collect(),
            }],
        }
    }

    #[test]
    fn priority_decides_overlaps_and_insertions_both_survive() {
        let text = "abcdef";
        let d = vec![
            diag(vec![(1, 3, "X")], Applicability::Safe),
            diag(vec![(2, 4, "Y")], Applicability::Safe),
            diag(vec![(6, 6, "!")], Applicability::Safe),
            diag(vec![(6, 6, "?")], Applicability::Safe),
            diag(vec![(0, 1, "Z")], Applicability::Unsafe),
        ];
        let r = apply(text, &d, &[1, 0, 2, 3, 0], Applicability::Safe);
        assert_eq!(r.text, "abYef!?");
        assert_eq!(r.skipped, 1);
        let r = apply(text, &d, &[1, 0, 2, 3, 0], Applicability::Unsafe);
        assert_eq!(r.text, "ZbYef!?");
    }

    #[test]
    fn out_of_range_edits_are_ignored() {
        let d = vec![diag(vec![(3, 99, "x")], Applicability::Safe)];
        assert_eq!(apply("abc", &d, &[0], Applicability::Safe).text, "abc");
    }
}
