//! Fixing Word documents in place: each safe fix is applied only if every edit of it
//! lies within one text run, so the formatting around it is kept; the others are
//! reported as needing a manual fix. The package is rewritten by [`crate::docx::write`],
//! which copies every part it does not edit unchanged.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::docx::{self, DocxText, Limits, TextEdit};
use crate::error::Error;
use crate::{Linter, Report, Source, MAX_FIX_PASSES};
use std::path::Path;

/// The result of [`Linter::fix_docx`].
#[derive(Debug, Clone)]
pub struct DocxFixed {
    /// The new package (the original bytes if nothing could be applied).
    pub bytes: Vec<u8>,
    /// How many edits were applied, over all passes.
    pub applied: usize,
    /// How many lint-and-fix passes wrote something.
    pub passes: usize,
    /// The findings of the fixed document whose safe fix crosses a text run (a change of
    /// formatting) and so must be made by hand in Word.
    pub manual: Vec<Diagnostic>,
    /// The findings that remain in the fixed document.
    pub remaining: Report,
}

/// Whether every edit of `d`'s first safe fix can be written into one run.
fn safe_fix_fits(doc: &DocxText, d: &Diagnostic) -> Option<bool> {
    let fix = d
        .fixes
        .iter()
        .find(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())?;
    Some(fix.edits.iter().all(|e| {
        docx::fits(
            doc,
            &TextEdit {
                start: e.start,
                end: e.end,
                replacement: e.replacement.clone(),
            },
        )
    }))
}

impl Linter {
    /// Applies the safe fixes to a Word document (`bytes`, read from `path`, which names
    /// it in errors), pass after pass until nothing more can be applied.
    pub fn fix_docx(
        &self,
        path: &Path,
        bytes: &[u8],
        headers_footers: bool,
    ) -> Result<DocxFixed, Error> {
        let limits = Limits::default();
        let err = |e: docx::DocxError| Error::Docx {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let name = path.display().to_string();
        let mut current = bytes.to_vec();
        let mut applied = 0;
        let mut passes = 0;
        loop {
            let doc = docx::read(&current, &limits, headers_footers).map_err(err)?;
            let source = Source::from_docx(name.clone(), doc.clone());
            let report = self.lint(&source);
            if passes == MAX_FIX_PASSES {
                return Ok(finish(current, applied, passes, &doc, report));
            }
            // Only fixes that fit in a run take part; the rest wait for a person.
            let mut fitting = report.clone();
            for d in &mut fitting.diagnostics {
                if safe_fix_fits(&doc, d) == Some(false) {
                    d.fixes.retain(|f| f.applicability != Applicability::Safe);
                }
            }
            let pass = fitting.rewrite_detail(Applicability::Safe);
            let edits: Vec<TextEdit> = pass
                .applied
                .into_iter()
                .map(|e| TextEdit {
                    start: e.start,
                    end: e.end,
                    replacement: e.replacement,
                })
                .collect();
            let written = match edits.is_empty() {
                true => None,
                false => Some(docx::write(&current, &doc, &edits, &limits).map_err(err)?),
            };
            let Some(written) = written.filter(|w| w.applied > 0) else {
                return Ok(finish(current, applied, passes, &doc, report));
            };
            applied += written.applied;
            passes += 1;
            current = written.bytes;
        }
    }
}

fn finish(
    bytes: Vec<u8>,
    applied: usize,
    passes: usize,
    doc: &DocxText,
    remaining: Report,
) -> DocxFixed {
    let manual = remaining
        .diagnostics
        .iter()
        .filter(|d| safe_fix_fits(doc, d) == Some(false))
        .cloned()
        .collect();
    DocxFixed {
        bytes,
        applied,
        passes,
        manual,
        remaining,
    }
}
