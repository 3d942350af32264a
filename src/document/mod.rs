//! The document model: a letter parsed once into blocks of prose.
//!
//! Every format (plain text, Markdown) is turned into the same shape: a list of
//! [`Block`]s (paragraphs, headings, list items, quotations) and a *normalised prose
//! view* ([`Document::norm`]) in which runs of white space (including line wraps) are one
//! space, curly quotes are straight, dashes are `-`, and every non-prose span (URL,
//! e-mail address, placeholder, code) is one `\u{1A}` marker. Checks search the
//! normalised view and map what they find back to byte ranges of the original source
//! with [`Document::src_range`], so the diagnostics always point at the writer's own bytes.

mod lines;
mod markdown;
mod masks;
mod plain;
mod sentences;

pub use lines::LineIndex;
pub use masks::{Mask, MaskKind, MaskPatterns};

use std::ops::Range;
use std::sync::OnceLock;

/// The marker that stands for one non-prose span in [`Document::norm`].
pub const MASK_CHAR: char = '\u{1A}';

/// The input formats letterlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: paragraphs separated by blank lines.
    Text,
    /// CommonMark, parsed with pulldown-cmark.
    Markdown,
    /// A Word `.docx` package: its paragraphs' text (see [`crate::docx`]), one
    /// paragraph a block.
    Docx,
}

impl Format {
    /// The format a file name implies: `.md`/`.markdown` are Markdown, `.txt`/`.text`
    /// are text, `.docx` is Word.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Docx => "docx",
        }
    }
}

/// A letter to lint: its name (for messages), its text and its format.
#[derive(Debug, Clone)]
pub struct Source {
    /// A name for messages: the path, or `<stdin>`.
    pub name: String,
    /// The whole text.
    pub text: String,
    /// How to parse it.
    pub format: Format,
    /// For a Word document, the paragraphs and runs `text` was read from (see
    /// [`Source::from_docx`]); `None` for text and Markdown, and once the text is
    /// rewritten.
    pub docx: Option<std::sync::Arc<crate::docx::DocxText>>,
    /// How the file was stored (character set, byte-order mark, line endings), so a fix
    /// is written back the same way; UTF-8 for text made in memory.
    pub encoding: crate::encoding::Encoding,
}

impl Source {
    /// A source from text already in memory.
    pub fn new(name: impl Into<String>, text: impl Into<String>, format: Format) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            format,
            docx: None,
            encoding: crate::encoding::Encoding::default(),
        }
    }

    /// A source from a Word document's text, as [`crate::docx::read`] returns it: its
    /// diagnostics name the paragraph as well as the line.
    pub fn from_docx(name: impl Into<String>, docx: crate::docx::DocxText) -> Source {
        Source {
            name: name.into(),
            text: docx.text.clone(),
            format: Format::Docx,
            docx: Some(std::sync::Arc::new(docx)),
            encoding: crate::encoding::Encoding::default(),
        }
    }

    /// The 1-based number of the Word paragraph holding byte `offset` of the text (for a
    /// `.docx` source), counting empty paragraphs as Word shows them.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let docx = self.docx.as_ref()?;
        let i = docx
            .paragraphs
            .partition_point(|p| p.range.end < offset)
            .min(docx.paragraphs.len().checked_sub(1)?);
        Some(docx.paragraphs[i].number)
    }
}

/// What kind of block a piece of prose sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// An ordinary paragraph.
    Paragraph,
    /// A heading (Markdown `#`, or a short title line in plain text), with its level.
    Heading(u8),
    /// An item of a bulleted or numbered list.
    ListItem,
    /// Quoted text (a Markdown block quote): someone else's words.
    Quote,
}

/// One block of prose.
#[derive(Debug, Clone)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its byte range in the source (including any list or heading marker).
    pub range: Range<usize>,
    /// Its range in [`Document::norm`].
    pub norm: Range<usize>,
}

/// Raw block produced by a format's parser, before normalisation.
#[derive(Debug)]
pub(crate) struct RawBlock {
    pub kind: BlockKind,
    pub range: Range<usize>,
    pub pieces: Vec<Piece>,
}

/// A piece of a raw block.
#[derive(Debug)]
pub(crate) enum Piece {
    /// Source bytes that are prose (possibly containing masks found by pattern).
    Text(Range<usize>),
    /// Source bytes whose prose is different text (a Markdown entity or escape).
    Replaced(Range<usize>, String),
    /// A line break inside the block.
    Break(Range<usize>),
    /// A span that is never prose (inline code, inline HTML).
    Masked(Range<usize>),
}

/// A parsed letter.
#[derive(Debug)]
pub struct Document<'a> {
    /// The original source text.
    pub src: &'a str,
    /// Its format.
    pub format: Format,
    /// Line starts, for line and column.
    pub lines: LineIndex,
    /// Prose blocks in source order.
    pub blocks: Vec<Block>,
    /// Non-prose spans (URLs, e-mail addresses, placeholders, code, HTML), sorted.
    pub masks: Vec<Mask>,
    /// The normalised prose view: blocks separated by `\n`.
    pub norm: String,
    /// Quoted passages in [`Document::norm`] ("…", ‘…’, block quotes): someone else's words.
    pub quotes: Vec<Range<usize>>,
    map: Vec<u32>,
    ends: Vec<u32>,
    sentences: OnceLock<Vec<Range<usize>>>,
    hits: OnceLock<crate::rules::Hits>,
    lower: OnceLock<String>,
    abbreviations: std::sync::Arc<[String]>,
}

impl<'a> Document<'a> {
    /// Parses `src` in `format`, finding non-prose spans with `patterns`.
    pub fn parse(src: &'a str, format: Format, patterns: &MaskPatterns) -> Document<'a> {
        let markdown = format == Format::Markdown;
        let mut masks = patterns.find(src, markdown);
        let raw = match format {
            Format::Text | Format::Docx => plain::blocks(src),
            Format::Markdown => markdown::blocks(src, &mut masks),
        };
        let masks = masks::normalise(masks);
        let mut b = NormBuilder::with_capacity(src.len());
        let mut blocks = Vec::with_capacity(raw.len());
        for rb in raw {
            let start = b.norm.len();
            b.block(src, &rb.pieces, &masks);
            let end = b.norm.len();
            if end > start {
                blocks.push(Block {
                    kind: rb.kind,
                    range: rb.range.clone(),
                    norm: start..end,
                });
                b.push_sep(rb.range.end);
            }
        }
        let quotes = find_quotes(&b.norm, &blocks);
        Document {
            src,
            format,
            lines: LineIndex::new(src),
            blocks,
            masks,
            norm: b.norm,
            quotes,
            map: b.map,
            ends: b.ends,
            sentences: OnceLock::new(),
            hits: OnceLock::new(),
            lower: OnceLock::new(),
            abbreviations: patterns.abbreviations.clone(),
        }
    }

    /// The source byte range of a range of [`Document::norm`].
    pub fn src_range(&self, r: Range<usize>) -> Range<usize> {
        if self.map.is_empty() {
            return 0..0;
        }
        let start_i = r.start.min(self.map.len() - 1);
        let start = self.map[start_i] as usize;
        if r.end <= r.start {
            return start..start;
        }
        let end = self.ends[(r.end - 1).min(self.ends.len() - 1)] as usize;
        start..end.max(start)
    }

    /// The position in [`Document::norm`] of the first prose byte at or after source
    /// offset `src_offset`.
    pub fn norm_pos(&self, src_offset: usize) -> usize {
        self.map.partition_point(|&m| (m as usize) < src_offset)
    }

    /// Whether the norm range lies inside a quotation.
    pub fn in_quote(&self, r: &Range<usize>) -> bool {
        let i = self.quotes.partition_point(|q| q.end <= r.start);
        self.quotes
            .get(i)
            .is_some_and(|q| q.start <= r.start && r.end <= q.end)
    }

    /// Up to `len` bytes of [`Document::norm`] from `start` (cut at a char boundary).
    pub fn norm_ahead(&self, start: usize, len: usize) -> &str {
        let end = crate::error::floor_char_boundary(&self.norm, start.saturating_add(len));
        self.norm.get(start.min(end)..end).unwrap_or("")
    }

    /// Up to `len` bytes of [`Document::norm`] before `end` (cut at a char boundary).
    pub fn norm_behind(&self, end: usize, len: usize) -> &str {
        let mut start = end.saturating_sub(len);
        while start < end && !self.norm.is_char_boundary(start) {
            start += 1;
        }
        self.norm.get(start..end).unwrap_or("")
    }

    /// The byte offset where the source line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let (line, _) = self.lines.line_col(self.src, offset);
        self.lines.line_range(self.src, line).map_or(0, |r| r.start)
    }

    /// The source text of a byte range with white space runs folded to one space, for
    /// quoting in messages.
    pub fn quote(&self, src_range: Range<usize>) -> String {
        let t = self.src.get(src_range).unwrap_or("");
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The block containing norm position `pos`.
    pub fn block_at(&self, pos: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.norm.end <= pos);
        (i < self.blocks.len() && self.blocks[i].norm.start <= pos).then_some(i)
    }

    /// The normalised text of block `i`.
    pub fn block_text(&self, i: usize) -> &str {
        &self.norm[self.blocks[i].norm.clone()]
    }

    /// Sentences of the prose, as ranges of [`Document::norm`], in order. A sentence
    /// never crosses a block. Computed on first use.
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences.get_or_init(|| {
            let mut out = Vec::new();
            for b in &self.blocks {
                let text = &self.norm[b.norm.clone()];
                sentences::for_each(text, |i, s| {
                    let t = s.trim_end();
                    if !t.trim().is_empty() {
                        let lead = t.len() - t.trim_start().len();
                        out.push(b.norm.start + i + lead..b.norm.start + i + t.len());
                    }
                });
            }
            split_before_masks(
                &self.norm,
                merge_abbreviation_splits(&self.norm, out, &self.abbreviations),
            )
        })
    }

    /// [`Document::norm`] with its ASCII letters in lower case (same byte offsets), made
    /// on first use.
    pub fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.norm.to_ascii_lowercase())
    }

    /// The lexicon's phrases in [`Document::norm`], found on first use by `scan`.
    pub(crate) fn phrase_hits(
        &self,
        scan: impl FnOnce() -> crate::rules::Hits,
    ) -> &crate::rules::Hits {
        self.hits.get_or_init(scan)
    }

    /// The sentence containing norm position `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<Range<usize>> {
        let s = self.sentences();
        let i = s.partition_point(|r| r.end <= pos);
        s.get(i).filter(|r| r.start <= pos).cloned()
    }

    /// Masks of a kind whose source range lies within `src_range`.
    pub fn masks_in(&self, src_range: Range<usize>) -> impl Iterator<Item = &Mask> {
        let i = self
            .masks
            .partition_point(|m| m.range.end <= src_range.start);
        self.masks[i..]
            .iter()
            .take_while(move |m| m.range.start < src_range.end)
    }
}

/// Joins sentences that UAX #29 split after an abbreviation ("Mr. Smith").
fn merge_abbreviation_splits(
    norm: &str,
    sents: Vec<Range<usize>>,
    abbreviations: &[String],
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sents.len());
    for s in sents {
        if let Some(last) = out.last_mut() {
            let prev = &norm[last.clone()];
            let same_block = !norm[last.end..s.start].contains('\n');
            if same_block
                && abbreviations
                    .iter()
                    .any(|a| prev.ends_with(a) && ends_word(prev, a.len()))
            {
                last.end = s.end;
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// UAX #29 does not end a sentence when the next word is lower case, so "raised.
/// [Officer name] will contact you" would run on: a full stop, a space and a masked span
/// (a placeholder) start a new sentence.
fn split_before_masks(norm: &str, sents: Vec<Range<usize>>) -> Vec<Range<usize>> {
    // a cut after ". ", "! " or "? " when a mask follows
    let bytes = norm.as_bytes();
    let mut out = Vec::with_capacity(sents.len());
    for s in sents {
        let mut start = s.start;
        for (i, &b) in bytes[s.clone()].iter().enumerate() {
            let at = s.start + i;
            if b == 0x1A
                && i >= 2
                && bytes[at - 1] == b' '
                && matches!(bytes[at - 2], b'.' | b'!' | b'?')
            {
                out.push(start..at - 1);
                start = at;
            }
        }
        out.push(start..s.end);
    }
    out
}

fn ends_word(text: &str, suffix_len: usize) -> bool {
    let before = &text[..text.len() - suffix_len];
    !before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

struct NormBuilder {
    norm: String,
    map: Vec<u32>,
    ends: Vec<u32>,
    space: bool,
}

impl NormBuilder {
    fn with_capacity(n: usize) -> Self {
        NormBuilder {
            norm: String::with_capacity(n),
            map: Vec::with_capacity(n),
            ends: Vec::with_capacity(n),
            space: true,
        }
    }

    fn push(&mut self, s: &str, start: usize, end: usize) {
        self.norm.push_str(s);
        for _ in 0..s.len() {
            self.map.push(start as u32);
            self.ends.push(end as u32);
        }
        self.space = false;
    }

    fn push_space(&mut self, start: usize, end: usize) {
        if self.space {
            // extend the previous space over this white space
            if let Some(e) = self.ends.last_mut() {
                if self.norm.ends_with(' ') {
                    *e = end as u32;
                }
            }
            return;
        }
        self.push(" ", start, end);
        self.space = true;
    }

    fn push_sep(&mut self, at: usize) {
        self.norm.push('\n');
        self.map.push(at as u32);
        self.ends.push(at as u32);
        self.space = true;
    }

    fn block(&mut self, src: &str, pieces: &[Piece], masks: &[Mask]) {
        self.space = true;
        for p in pieces {
            match p {
                Piece::Text(r) => self.text(src, r.clone(), masks),
                Piece::Replaced(r, t) => {
                    for c in t.chars() {
                        self.char(c, r.start, r.end);
                    }
                }
                Piece::Break(r) => self.push_space(r.start, r.end),
                Piece::Masked(r) => {
                    let mut buf = [0u8; 4];
                    self.push(MASK_CHAR.encode_utf8(&mut buf), r.start, r.end);
                }
            }
        }
        // trim a trailing space
        if self.norm.ends_with(' ') && !self.space_is_block_start() {
            self.norm.pop();
            self.map.pop();
            self.ends.pop();
        }
    }

    fn space_is_block_start(&self) -> bool {
        self.norm.is_empty() || self.norm.ends_with("\n")
    }

    fn text(&mut self, src: &str, r: Range<usize>, masks: &[Mask]) {
        let mut mi = masks.partition_point(|m| m.range.end <= r.start);
        let mut i = r.start;
        let end = r.end.min(src.len());
        while i < end {
            if let Some(m) = masks.get(mi) {
                if m.range.start <= i {
                    if m.range.end > i {
                        let mut buf = [0u8; 4];
                        self.push(MASK_CHAR.encode_utf8(&mut buf), m.range.start, m.range.end);
                        i = m.range.end;
                    }
                    mi += 1;
                    continue;
                }
            }
            // a run of plain ASCII is copied in one go, each byte mapping to itself: the
            // printable characters, and single spaces, which normalise to themselves
            // (white space after a space, or another kind of it, is normalised below)
            let stop = masks.get(mi).map_or(end, |m| m.range.start.min(end));
            let bytes = &src.as_bytes()[..stop];
            let mut run = i;
            let mut space = self.space;
            while let Some(&b) = bytes.get(run) {
                if b' ' < b && b < 0x7F {
                    space = false;
                } else if b == b' ' && !space {
                    space = true;
                } else {
                    break;
                }
                run += 1;
            }
            if run > i {
                self.norm.push_str(&src[i..run]);
                self.map.extend((i..run).map(|x| x as u32));
                self.ends.extend((i + 1..=run).map(|x| x as u32));
                self.space = space;
                i = run;
                continue;
            }
            let Some(c) = src[i..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            self.char(c, i, i + len);
            i += len;
        }
    }

    fn char(&mut self, c: char, start: usize, end: usize) {
        match c {
            c if c.is_whitespace() => self.push_space(start, end),
            '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => {
                self.push("'", start, end)
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => self.push("\"", start, end),
            '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2012}' | '\u{2011}' | '\u{2212}' => {
                self.push("-", start, end)
            }
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => {}
            c if c.is_control() => self.push_space(start, end),
            c => {
                let mut buf = [0u8; 4];
                self.push(c.encode_utf8(&mut buf), start, end);
            }
        }
    }
}

/// Whether a block quote is a box of contact details (a web or e-mail address, or a
/// phone number), the way letters set out an Ombudsman's address: the letter's own
/// words, not someone else's.
fn is_contact_box(text: &str) -> bool {
    text.contains(MASK_CHAR) || text.chars().filter(char::is_ascii_digit).count() >= 9
}

/// Finds quoted passages: `"…"` pairs and `'…'` pairs whose quote marks are not
/// apostrophes, within one block; and whole block quotes, unless they are a box of
/// contact details.
fn find_quotes(norm: &str, blocks: &[Block]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for b in blocks {
        if b.kind == BlockKind::Quote && !is_contact_box(&norm[b.norm.clone()]) {
            out.push(b.norm.clone());
            continue;
        }
        let text = &norm[b.norm.clone()];
        let bytes = text.as_bytes();
        let mut dq: Option<usize> = None;
        let mut sq: Option<usize> = None;
        for (i, &c) in bytes.iter().enumerate() {
            if c != b'"' && c != b'\'' {
                continue;
            }
            let prev = text[..i].chars().next_back();
            let next = text[i + 1..].chars().next();
            let prev_word = prev.is_some_and(|c| c.is_alphanumeric());
            let next_word = next.is_some_and(|c| c.is_alphanumeric());
            match c {
                b'"' => match dq.take() {
                    Some(s) => out.push(b.norm.start + s..b.norm.start + i + 1),
                    None => dq = Some(i),
                },
                b'\'' if !(prev_word && next_word) => {
                    let opening = !prev_word && next.is_some_and(|c| !c.is_whitespace());
                    let closing = prev.is_some_and(|c| !c.is_whitespace()) && !next_word;
                    match (sq, opening, closing) {
                        (Some(s), _, true) => {
                            out.push(b.norm.start + s..b.norm.start + i + 1);
                            sq = None;
                        }
                        (None, true, _) => sq = Some(i),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }
    out.sort_by_key(|r| r.start);
    // drop quotes nested inside an earlier one
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests;
