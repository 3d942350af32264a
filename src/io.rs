//! Reading letters with clear errors, and writing files atomically.

use crate::document::{Format, Source};
use crate::error::Error;
use std::io::Write;
use std::path::Path;

/// The default size limit for one text input (a Word document's text, once extracted):
/// 10 MB. A letter is a few kilobytes; ten megabytes is a thousand letters in one file,
/// which lints in seconds even when dense with names.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 10_000_000;

/// The most bytes of a Word package read from disk, whatever `max-file-bytes` says (its
/// images count, not its text): the decompression limits of [`crate::docx::Limits`]
/// bound what is inside.
pub const MAX_DOCX_PACKAGE_BYTES: u64 = 200_000_000;

/// The size limit for a file of `format`: packages have their own.
fn limit_for(format: Format, options: &ReadOptions) -> u64 {
    match format {
        Format::Docx => MAX_DOCX_PACKAGE_BYTES,
        Format::Text | Format::Markdown => options.max_bytes,
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Parse as this format whatever the extension.
    pub format: Option<Format>,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    pub lossy: bool,
    /// Refuse text inputs larger than this many bytes (for a Word document, its text).
    pub max_bytes: u64,
    /// Read a Word document's headers and footers after its body.
    pub docx_headers_footers: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            lossy: false,
            max_bytes: DEFAULT_MAX_FILE_BYTES,
            docx_headers_footers: false,
        }
    }
}

/// Reads a letter from `path` with the default [`ReadOptions`] (the format implied by
/// the extension unless `format` is given). Binary files (a NUL byte) and invalid
/// UTF-8 are errors naming the offset.
pub fn read_source(path: &Path, format: Option<Format>) -> Result<Source, Error> {
    read_source_with(
        path,
        &ReadOptions {
            format,
            ..ReadOptions::default()
        },
    )
}

/// Reads a letter from `path` as `options` say: text, Markdown or a Word document.
pub fn read_source_with(path: &Path, options: &ReadOptions) -> Result<Source, Error> {
    let io_err = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // A missing file is reported as missing, whatever its name says it would be.
    let size = std::fs::metadata(path).map_err(io_err)?.len();
    let format = match options.format.or_else(|| Format::from_path(path)) {
        Some(f) => f,
        None => {
            return Err(match document_extension(path) {
                Some(what) => Error::NotText {
                    path: path.to_path_buf(),
                    what,
                },
                None => Error::Unsupported {
                    path: path.to_path_buf(),
                },
            })
        }
    };
    if size > limit_for(format, options) {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: limit_for(format, options),
        });
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    source_from_bytes(path, bytes, format, options)
}

/// Turns bytes read from `path` (a file or standard input) into a [`Source`] of `format`.
pub fn source_from_bytes(
    path: &Path,
    bytes: Vec<u8>,
    format: Format,
    options: &ReadOptions,
) -> Result<Source, Error> {
    let name = path.display().to_string();
    let too_large = |size: usize, limit: u64| {
        (size as u64 > limit).then(|| Error::TooLarge {
            path: path.to_path_buf(),
            size: size as u64,
            limit,
        })
    };
    if let Some(e) = too_large(bytes.len(), limit_for(format, options)) {
        return Err(e);
    }
    let empty = || Error::Empty {
        path: path.to_path_buf(),
    };
    if format == Format::Docx {
        let doc = read_docx(path, &bytes, options)?;
        if let Some(e) = too_large(doc.text.len(), options.max_bytes) {
            return Err(e);
        }
        if doc.text.trim().is_empty() {
            return Err(empty());
        }
        return Ok(Source::from_docx(name, doc));
    }
    let (text, encoding) = decode_with(path, &bytes, options.lossy)?;
    if text.trim().is_empty() {
        return Err(empty());
    }
    let mut source = Source::new(name, text, format);
    source.encoding = encoding;
    Ok(source)
}

/// Decodes a text file's bytes ([`crate::encoding::decode`]: UTF-8, UTF-16 with or
/// without a byte-order mark, Windows-1252), with `lossy` replacing what none of them
/// reads; a document format that is not text (PDF, Word 97–2003, RTF) is refused by name.
pub fn decode_with(
    path: &Path,
    bytes: &[u8],
    lossy: bool,
) -> Result<(String, crate::encoding::Encoding), Error> {
    use crate::encoding::NotText;
    if let Some(what) = sniff_document(bytes) {
        return Err(Error::NotText {
            path: path.to_path_buf(),
            what,
        });
    }
    let decoded = if lossy {
        crate::encoding::decode_lossy(bytes)
    } else {
        crate::encoding::decode(bytes)
    };
    decoded.map_err(|e| match e {
        NotText::Binary(offset) => Error::Binary {
            path: path.to_path_buf(),
            offset,
        },
        NotText::InvalidUtf8(offset) => Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset,
        },
    })
}

/// Word-processor formats letterlint does not read, by extension: named in errors with
/// what to do instead.
pub fn document_extension(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "pdf" => "a PDF",
        "doc" => "a Word 97-2003 document (.doc)",
        "rtf" => "a Rich Text Format document (.rtf)",
        "odt" => "an OpenDocument text (.odt)",
        "pages" => "a Pages document",
        _ => return None,
    })
}

/// Formats saved by word processors that are not text, by their first bytes.
fn sniff_document(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("a PDF")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("a Word 97-2003 document (.doc)")
    } else if bytes.starts_with(b"{\\rtf") {
        Some("a Rich Text Format document (.rtf)")
    } else {
        None
    }
}

/// Reads a Word document's text within the default [`crate::docx::Limits`].
pub fn read_docx(
    path: &Path,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<crate::docx::DocxText, Error> {
    crate::docx::read(
        bytes,
        &crate::docx::Limits::default(),
        options.docx_headers_footers,
    )
    .map_err(|e| Error::Docx {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Writes `contents` to `path` atomically: to a new temporary file in the same
/// directory, flushed to disk, given the original's permissions, then renamed over
/// `path`. On any error the original is left byte-for-byte as it was and the
/// temporary file is removed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let io_err = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("letter");
    let meta = std::fs::metadata(path).ok();
    if meta.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(io_err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "file is read-only; not changed",
        )));
    }
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{name}.letterlint-{}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1
            }
            Err(e) => return Err(io_err(e)),
        }
    };
    let result = (|| {
        file.write_all(contents)?;
        file.sync_all()?;
        if let Some(m) = &meta {
            std::fs::set_permissions(&tmp, m.permissions())?;
        }
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    Ok(())
}
