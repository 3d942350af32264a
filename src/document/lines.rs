//! Byte offset to 1-based line and column (columns counted in characters).

/// Start offsets of every line of a text, for fast line/column look-ups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`'s line starts (after each `\n`).
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column of byte `offset` in `text` (the text this index was
    /// built from). Offsets past the end, or inside a character, are clamped to the
    /// nearest character boundary at or before them.
    ///
    /// ```
    /// use letterlint::document::LineIndex;
    /// let text = "Dear Zoë,\n“Siân” said";
    /// let idx = LineIndex::new(text);
    /// assert_eq!(idx.line_col(text, 0), (1, 1));
    /// assert_eq!(idx.line_col(text, text.find(',').unwrap()), (1, 9));
    /// assert_eq!(idx.line_col(text, text.find("Siân").unwrap()), (2, 2));
    /// ```
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = crate::error::floor_char_boundary(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The byte range of 1-based line `line` (without its newline), if it exists.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let mut end = self.starts.get(line).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Some(start..end.max(start))
    }

    /// How many lines the text has.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Always false: every text has at least one line.
    pub fn is_empty(&self) -> bool {
        false
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}
