//! The properties every lint must have, whatever the input: used by the fuzz targets
//! and by stable `cargo test` replays of their seed corpus.

use crate::{Applicability, Linter, Source};

/// Checks, for one source: every span and edit is in bounds and on char boundaries;
/// line and column agree with the byte offset; diagnostics are sorted; the rewrite is
/// faithful (text outside edits unchanged) and idempotent at every level. Returns the
/// first broken property.
pub fn check(linter: &Linter, source: &Source) -> Result<(), String> {
    let text = &source.text;
    let report = linter.lint(source);
    let lines = crate::document::LineIndex::new(text);
    let mut prev = 0;
    for d in &report.diagnostics {
        let s = d.span;
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            return Err(format!(
                "{}: span {}..{} out of bounds or not on a char boundary",
                d.rule, s.start, s.end
            ));
        }
        if lines.line_col(text, s.start) != (s.line, s.column)
            || lines.line_col(text, s.end) != (s.end_line, s.end_column)
        {
            return Err(format!(
                "{}: line/column disagree with offsets {}..{}",
                d.rule, s.start, s.end
            ));
        }
        if s.start < prev {
            return Err(format!("{}: diagnostics not sorted by position", d.rule));
        }
        prev = s.start;
        for f in &d.fixes {
            for e in &f.edits {
                if e.start > e.end
                    || e.end > text.len()
                    || !text.is_char_boundary(e.start)
                    || !text.is_char_boundary(e.end)
                {
                    return Err(format!(
                        "{}: edit {}..{} out of bounds",
                        d.rule, e.start, e.end
                    ));
                }
            }
        }
    }
    for level in [
        Applicability::Safe,
        Applicability::Manual,
        Applicability::Unsafe,
    ] {
        let rw = report.rewrite_detail(level);
        let (mut sp, mut op) = (0usize, 0usize);
        for e in &rw.applied {
            let gap = &text[sp..e.start];
            if rw.text.get(op..op + gap.len()) != Some(gap) {
                return Err(format!("{level:?}: text outside the edits changed"));
            }
            op += gap.len() + e.replacement.len();
            sp = e.end;
        }
        if rw.text.get(op..) != text.get(sp..) {
            return Err(format!("{level:?}: text after the last edit changed"));
        }
        let fixed = linter.fix(source, level);
        if fixed.passes >= crate::MAX_FIX_PASSES {
            return Err(format!("{level:?}: the rewrite reached no fixed point"));
        }
        if fixed.remaining.rewrite(level) != fixed.text {
            return Err(format!("{level:?}: the rewrite is not idempotent"));
        }
    }
    Ok(())
}
