//! Reading the text of Word `.docx` files, and rewriting that text minimally.
//!
//! [`read()`] turns a package into plain text ([`DocxText`]): one paragraph per
//! `w:p`, joined by blank lines, with a map from every stretch of text back to
//! the `w:t` element it came from. [`write()`] applies [`TextEdit`]s to that text
//! by rewriting only the `w:t` elements they fall in, and copies everything
//! else in the package unchanged.
//!
//! Packages are untrusted input: the zip is held to [`Limits`], XML with a
//! `DOCTYPE` is refused, and malformed input gives a [`DocxError`], never a
//! panic.
//!

use std::fmt;
use std::ops::Range;

mod extract;
mod package;
mod rewrite;
#[cfg(test)]
mod tests;
#[doc(hidden)]
pub mod testutil;

/// The main document part of a `.docx` package.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// Bounds on what a package may make [`read()`] and [`write()`] decompress.
///
/// Entry count and declared sizes are checked for every entry before
/// anything is decompressed; the parts actually read are also held to the
/// limits while they are being decompressed, so an entry that lies about its
/// size is caught too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most entries (files and directories) the zip may have.
    pub max_entries: usize,
    /// Most bytes any one entry may decompress to.
    pub max_entry_bytes: u64,
    /// Most bytes all entries together may decompress to.
    pub max_total_bytes: u64,
}

impl Default for Limits {
    /// 2,000 entries, 50 MB per entry, 200 MB in all.
    fn default() -> Self {
        Limits {
            max_entries: 2_000,
            max_entry_bytes: 50_000_000,
            max_total_bytes: 200_000_000,
        }
    }
}

/// The text of a document, as [`read()`] returns it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocxText {
    /// Every paragraph's text, joined by `"\n\n"`: the body first (table
    /// cells' paragraphs are paragraphs like any other), then the headers and
    /// footers if they were asked for.
    pub text: String,
    /// One entry per paragraph, in the order of `text`.
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph (`w:p`) of a [`DocxText`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based position among all paragraphs, empty ones included, so that
    /// "paragraph 12" is the twelfth paragraph a reader sees in the body.
    pub number: usize,
    /// Where the paragraph's text is in [`DocxText::text`].
    pub range: Range<usize>,
    /// The paragraph style (`w:pStyle`), e.g. `"Heading1"`, if it has one.
    pub style: Option<String>,
    /// The stretches of text that came from `w:t` elements, in order. Text
    /// from `w:tab`, `w:br` and the like is in `range` but in no run.
    pub runs: Vec<RunSpan>,
    /// The package part the paragraph is in: [`DOCUMENT_PART`] or a header or
    /// footer part such as `"word/header1.xml"`.
    pub part: String,
}

/// A stretch of [`DocxText::text`] that came from one `w:t` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSpan {
    /// Where the element's text is in [`DocxText::text`]; never empty.
    pub range: Range<usize>,
    /// Which `w:t` element of the paragraph's part it is: its 0-based index
    /// among all `w:t` elements of that part, in document order (counting
    /// those whose text is not shown, such as ones inside `mc:Fallback`).
    pub xml_text_node: usize,
}

/// Why a package could not be read or written.
#[derive(Debug)]
pub enum DocxError {
    /// The bytes are not a zip archive that can be read.
    NotZip(String),
    /// The package has no `word/document.xml`.
    MissingDocument,
    /// The package goes over one of the [`Limits`].
    TooLarge(String),
    /// A part is not well-formed XML, or is XML that is refused.
    Xml {
        /// The part's name in the package.
        part: String,
        /// Byte offset in the decompressed part where the problem was found.
        position: u64,
        /// What is wrong.
        message: String,
    },
    /// Reading or writing failed.
    Io(std::io::Error),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::NotZip(why) => write!(f, "not a readable .docx (zip) file: {why}"),
            DocxError::MissingDocument => {
                write!(f, "not a Word document: the package has no {DOCUMENT_PART}")
            }
            DocxError::TooLarge(why) => write!(f, "the .docx file is too large: {why}"),
            DocxError::Xml {
                part,
                position,
                message,
            } => write!(f, "{part}: byte {position}: {message}"),
            DocxError::Io(err) => write!(f, "I/O error: {err}"),
        }
    }
}

impl std::error::Error for DocxError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DocxError::Io(err) => Some(err),
            _ => None,
        }
    }
}

impl From<std::io::Error> for DocxError {
    fn from(err: std::io::Error) -> Self {
        DocxError::Io(err)
    }
}

/// Reads the text of a `.docx` package.
///
/// Text comes from `w:t` elements (leading and trailing whitespace dropped
/// unless `xml:space="preserve"` applies), `w:tab`/`w:ptab` (`"\t"`),
/// `w:br`/`w:cr` (`"\n"`) and `w:noBreakHyphen` (`"-"`). Left out: deleted
/// text (`w:del`, `w:moveFrom`), field instructions (`w:instrText` and
/// whatever lies between a field's `begin` and `separate`), superseded
/// property sets (`w:pPrChange`, `w:rPrChange`) and `mc:Fallback` content.
/// Inserted text (`w:ins`) and field results are kept. A paragraph whose mark
/// is deleted as a tracked change is joined to the paragraph after it, as Word
/// shows it. A paragraph nested inside another (text box content) comes just
/// before the paragraph that holds it.
///
/// With `headers_footers`, the parts `word/header*.xml` and then
/// `word/footer*.xml` (each in numeric order) follow the body, and their
/// paragraphs are numbered on from the body's.
///
/// # Errors
///
/// [`DocxError::NotZip`] if `bytes` is not a readable zip,
/// [`DocxError::TooLarge`] if it goes over `limits`,
/// [`DocxError::MissingDocument`] if it has no `word/document.xml`, and
/// [`DocxError::Xml`] if a part read is not well-formed UTF-8 XML, has a
/// `DOCTYPE` or refers to an entity other than XML's five.
pub fn read(bytes: &[u8], limits: &Limits, headers_footers: bool) -> Result<DocxText, DocxError> {
    let mut package = package::Package::open(bytes, limits)?;
    let mut parts = vec![DOCUMENT_PART.to_owned()];
    if headers_footers {
        parts.extend(package.header_footer_parts());
    }
    let mut doc = DocxText::default();
    for part in parts {
        let xml = package
            .read_part(&part)?
            .ok_or(DocxError::MissingDocument)?;
        let extracted = extract::extract(&part, &xml)?;
        for paragraph in extracted.paragraphs {
            if !doc.paragraphs.is_empty() {
                doc.text.push_str("\n\n");
            }
            let offset = doc.text.len();
            doc.text.push_str(&paragraph.text);
            doc.paragraphs.push(Paragraph {
                number: doc.paragraphs.len() + 1,
                range: offset..doc.text.len(),
                style: paragraph.style,
                runs: paragraph
                    .runs
                    .into_iter()
                    .map(|run| RunSpan {
                        range: run.range.start + offset..run.range.end + offset,
                        xml_text_node: run.node,
                    })
                    .collect(),
                part: part.clone(),
            });
        }
    }
    Ok(doc)
}

/// A change to [`DocxText::text`]: bytes `start..end` become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// Byte offset in [`DocxText::text`] where the replaced text starts.
    pub start: usize,
    /// Byte offset in [`DocxText::text`] just past the replaced text; equal to
    /// `start` for an insertion.
    pub end: usize,
    /// The new text. A `"\t"` in it becomes a `w:tab`, a `"\n"` a `w:br`.
    pub replacement: String,
}

/// What [`write()`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The new package.
    pub bytes: Vec<u8>,
    /// How many edits were applied.
    pub applied: usize,
    /// Indexes (into the `edits` given) of the edits not applied, in
    /// ascending order: those that do not lie within one run, and those that
    /// are out of range, not on character boundaries, overlap an earlier
    /// edit, or whose replacement has characters XML cannot hold.
    pub rejected: Vec<usize>,
}

/// Applies `edits` to the package `original`, which `doc` was read from.
///
/// An edit is applied only if it lies within one [`RunSpan`]; an insertion
/// where two runs meet goes into the run before. The `w:t` elements edited
/// get their new text and `xml:space="preserve"`; the rest of each edited
/// part is kept byte for byte, the edited parts are compressed again with
/// deflate, and every other entry is copied as it was (same order, names and
/// compressed bytes). If no edit can be applied, the bytes returned are
/// `original`'s.
///
/// # Errors
///
/// The errors of [`read()`] if `original` cannot be read within `limits`, and
/// [`DocxError::Xml`] if `doc` was not read from `original` (the text of an
/// edited run is not what that `w:t` element holds).
pub fn write(
    original: &[u8],
    doc: &DocxText,
    edits: &[TextEdit],
    limits: &Limits,
) -> Result<Written, DocxError> {
    rewrite::write(original, doc, edits, limits)
}

/// Whether [`write()`] can apply `edit` to `doc`: it lies within one text run (an
/// insertion where two runs meet goes into the run before) and XML can hold its text.
pub fn fits(doc: &DocxText, edit: &TextEdit) -> bool {
    rewrite::fits(doc, edit)
}
