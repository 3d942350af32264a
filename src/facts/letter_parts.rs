//! The parts of a letter found by its layout: the salutation ("Dear Mrs Brown,") and
//! the sign-off ("Yours sincerely," followed by the signatory's name).

use crate::document::Document;
use std::ops::Range;

/// The salutation line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Salutation {
    /// The whole line, in the source.
    pub range: Range<usize>,
    /// The addressee ("Mrs Brown"), in the source.
    pub addressee: Range<usize>,
}

/// The sign-off and the signature block after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    /// The sign-off phrase ("Yours sincerely"), in the source.
    pub range: Range<usize>,
    /// Byte offset of the start of the sign-off's line: where a paragraph is inserted
    /// "before the sign-off".
    pub line_start: usize,
    /// The signatory's name (the first line after the sign-off), in the source.
    pub signatory: Option<Range<usize>>,
}

/// Strips Markdown emphasis and white space around a line, returning the inner range.
fn inner(line: &str, r: Range<usize>) -> Range<usize> {
    let trim: &[char] = &['*', '_', ' ', '\t', '#', '>'];
    let start = r.start + (line.len() - line.trim_start_matches(trim).len());
    let end = r.start + line.trim_end_matches(trim).trim_end_matches("  ").len();
    start..end.max(start)
}

pub(crate) fn salutation(doc: &Document, words: &[String]) -> Option<Salutation> {
    let limit = doc.lines.len();
    for n in 1..=limit {
        let r = doc.lines.line_range(doc.src, n)?;
        let line = &doc.src[r.clone()];
        let ir = inner(line, r.clone());
        let t = &doc.src[ir.clone()];
        if !in_prose(doc, ir.start) {
            continue;
        }
        for w in words {
            if t.len() > w.len() + 1
                && t.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w))
                && t.as_bytes()[w.len()] == b' '
            {
                let a_start = ir.start + w.len() + 1;
                let a_end = ir.start + t.trim_end_matches([',', ':', ';', ' ']).len();
                return Some(Salutation {
                    range: r,
                    addressee: a_start..a_end.max(a_start),
                });
            }
        }
    }
    None
}

pub(crate) fn sign_off(doc: &Document, phrases: &[String]) -> Option<SignOff> {
    let n = doc.lines.len();
    for ln in (1..=n).rev() {
        let r = doc.lines.line_range(doc.src, ln)?;
        let line = &doc.src[r.clone()];
        let ir = inner(line, r.clone());
        let t = doc.src[ir.clone()].trim_end_matches([',', '.', ' ']);
        // "Yours sincerely", or a bilingual "Yn gywir / Yours sincerely"
        let is_phrase = |x: &str| phrases.iter().any(|p| x.trim().eq_ignore_ascii_case(p));
        let hit = is_phrase(t)
            || (t.contains(['/', '|'])
                && t.split(['/', '|'])
                    .all(|x| is_phrase(x.trim_end_matches([',', '.', ' ']))));
        if !hit || !in_prose(doc, ir.start) {
            continue;
        }
        let phrase = ir.start..ir.start + t.len();
        let mut signatory = None;
        for next in ln + 1..=n.min(ln + 4) {
            let Some(nr) = doc.lines.line_range(doc.src, next) else {
                break;
            };
            let nl = &doc.src[nr.clone()];
            let ni = inner(nl, nr.clone());
            if ni.is_empty() {
                continue;
            }
            signatory = Some(ni);
            break;
        }
        return Some(SignOff {
            range: phrase,
            line_start: r.start,
            signatory,
        });
    }
    None
}

/// Whether source offset `at` lies inside a prose block (not code, HTML or a gap).
fn in_prose(doc: &Document, at: usize) -> bool {
    let i = doc.blocks.partition_point(|b| b.range.end <= at);
    doc.blocks.get(i).is_some_and(|b| b.range.start <= at)
}
