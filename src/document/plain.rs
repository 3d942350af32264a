//! Plain text: paragraphs are separated by blank lines; lines that start with a list
//! marker begin list items; a lone short line with no closing punctuation is a heading.

use super::{BlockKind, Piece, RawBlock};
use std::ops::Range;

pub(crate) fn blocks(src: &str) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let mut para: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let r = start..start + content.len();
        if content.trim().is_empty() {
            flush(src, &mut para, &mut out);
        } else {
            para.push(r);
        }
    }
    flush(src, &mut para, &mut out);
    out
}

/// Splits one paragraph (its lines) into list items and plain paragraphs.
fn flush(src: &str, lines: &mut Vec<Range<usize>>, out: &mut Vec<RawBlock>) {
    if lines.is_empty() {
        return;
    }
    // A lone numbered line that reads like a title ("1. Arrears fees") is a heading.
    if lines.len() == 1 {
        let r = lines[0].clone();
        let line = &src[r.clone()];
        let indent = line.len() - line.trim_start().len();
        if let Some(m) = list_marker(line.trim_start()) {
            let body = r.start + indent + m..r.end;
            let first_is_digit = line.trim_start().starts_with(|c: char| c.is_ascii_digit());
            if first_is_digit && looks_like_heading(&src[body.clone()]) {
                lines.clear();
                out.push(RawBlock {
                    kind: BlockKind::Heading(3),
                    range: r,
                    pieces: vec![Piece::Text(body)],
                });
                return;
            }
        }
    }
    let mut current: Option<(BlockKind, Vec<Range<usize>>)> = None;
    for r in lines.drain(..) {
        let line = &src[r.clone()];
        let indent = line.len() - line.trim_start().len();
        let marker = list_marker(line.trim_start());
        if let Some(m) = marker {
            if let Some((k, ls)) = current.take() {
                push(src, k, ls, out);
            }
            let body = r.start + indent + m;
            current = Some((BlockKind::ListItem, std::iter::once(body..r.end).collect()));
        } else if let Some((_, ls)) = current.as_mut() {
            ls.push(r.start + indent..r.end);
        } else {
            current = Some((
                BlockKind::Paragraph,
                std::iter::once(r.start + indent..r.end).collect(),
            ));
        }
    }
    if let Some((k, ls)) = current {
        push(src, k, ls, out);
    }
}

fn push(src: &str, mut kind: BlockKind, lines: Vec<Range<usize>>, out: &mut Vec<RawBlock>) {
    let range = lines[0].start..lines[lines.len() - 1].end;
    if kind == BlockKind::Paragraph && lines.len() == 1 && looks_like_heading(&src[range.clone()]) {
        kind = BlockKind::Heading(2);
    }
    let mut pieces = Vec::with_capacity(lines.len() * 2);
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            pieces.push(Piece::Break(lines[i - 1].end..l.start));
        }
        pieces.push(Piece::Text(l.clone()));
    }
    out.push(RawBlock {
        kind,
        range,
        pieces,
    });
}

/// Length of a list marker at the start of `line` (with its following space), if any:
/// `-`, `*`, `•`, `1.`, `1)`, `(a)`, `a)`, `(iv)`.
pub(crate) fn list_marker(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    for bullet in ["- ", "* ", "• ", "– ", "· "] {
        if line.starts_with(bullet) {
            return Some(bullet.len());
        }
    }
    // digits or a single letter / roman numeral, then `.` or `)`, optional opening `(`
    let mut i = usize::from(b.first() == Some(&b'('));
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
        i += 1;
    }
    if i == start {
        while i < b.len() && b[i].is_ascii_lowercase() && i - start < 4 {
            i += 1;
        }
        let word = &line[start..i];
        if !(word.len() == 1 || word.chars().all(|c| "ivx".contains(c))) {
            return None;
        }
    }
    if i == start || i >= b.len() {
        return None;
    }
    let closer_ok = matches!(b[i], b'.' | b')') && (start == 0 || b[i] == b')');
    if closer_ok && b.get(i + 1) == Some(&b' ') {
        return Some(i + 2);
    }
    None
}

fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    let first_upper = t.chars().next().is_some_and(|c| c.is_uppercase());
    let last = t.chars().next_back().unwrap_or('.');
    first_upper
        && (1..=10).contains(&words)
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\'' | '’' | '”'
        )
        && !t.starts_with("Dear ")
        && t.chars().filter(|c| c.is_ascii_digit()).count() < 4
}
