//! Reading letters with clear errors, and writing files atomically.

use crate::document::{Format, Source};
use crate::error::Error;
use std::io::Write;
use std::path::Path;

/// Reads a letter from `path`. The format is `format` if given, else implied by the
/// extension. Binary files (a NUL byte) and invalid UTF-8 are errors naming the offset.
pub fn read_source(path: &Path, format: Option<Format>) -> Result<Source, Error> {
    let format = match format.or_else(|| Format::from_path(path)) {
        Some(f) => f,
        None => {
            return Err(Error::Unsupported {
                path: path.to_path_buf(),
            })
        }
    };
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = decode(path, bytes)?;
    Ok(Source::new(path.display().to_string(), text, format))
}

/// Checks and decodes bytes read from `path` (used for files and standard input).
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
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
