//! Library errors: every variant names what failed and where.

use std::path::PathBuf;

/// Everything that can go wrong while building a [`crate::Linter`] or reading input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule pack (built-in or user) could not be parsed or is inconsistent.
    #[error("{file}:{line}:{column}: invalid rule pack: {message}")]
    Pack {
        /// The pack file (for built-in packs, `rules/<name>.toml`).
        file: String,
        /// 1-based line of the offending key or value (1 when unknown).
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, naming the key.
        message: String,
    },
    /// A configuration file could not be parsed or names unknown rules.
    #[error("{file}:{line}:{column}: invalid configuration: {message}")]
    Config {
        /// The configuration file (or `<config>` for one built in code).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, naming the key.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input is not valid UTF-8, nor text in Windows-1252 or UTF-16.
    #[error("{}: not valid UTF-8 (first invalid byte at offset {offset}), nor Windows-1252 or UTF-16 text; use --lossy to replace invalid bytes and go on", path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The input looks like a binary file.
    #[error("{}: looks like a binary file (NUL byte at offset {offset}); not linted", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The input has no text (it is empty, or only white space).
    #[error("{}: the file is empty (or only white space); nothing to lint", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The input is larger than the size limit.
    #[error("{}: {size} bytes is over the size limit of {limit} bytes; not linted (raise `max-file-bytes` in letterlint.toml or --max-file-bytes)", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A Word document could not be read (or written).
    #[error("{}: {message}", path.display())]
    Docx {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A bug in letterlint while handling one letter (a panic caught by
    /// [`crate::guard::isolate`]): that letter's error, never the run's.
    #[error("{name}: internal error in {stage}: {message}; this is a bug in letterlint: please report it, with the letter if you can share it")]
    Internal {
        /// The letter.
        name: String,
        /// The stage that was running (parse, facts, a check, the rewrite…).
        stage: String,
        /// What went wrong, and where in letterlint.
        message: String,
    },
    /// The input is a document format that is not text (a PDF, a Word 97–2003 file).
    #[error("{}: {what}, which letterlint cannot read; save the letter as .docx or .txt and check that", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// What it is ("a PDF").
        what: &'static str,
    },
    /// The input's type is not supported.
    #[error("{}: unsupported file type (expected .txt, .md, .markdown or .docx; use --format-in to force one)", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
}

/// Converts a byte offset into 1-based line and column (in characters).
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Builds a pack or config error from a TOML error, with line and column.
pub(crate) fn from_toml(file: &str, text: &str, err: &toml::de::Error, config: bool) -> Error {
    let (line, column) = err.span().map_or((1, 1), |s| line_col(text, s.start));
    let message = err.message().trim().to_string();
    if config {
        Error::Config {
            file: file.to_string(),
            line,
            column,
            message,
        }
    } else {
        Error::Pack {
            file: file.to_string(),
            line,
            column,
            message,
        }
    }
}
