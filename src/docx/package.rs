//! The zip side of a package: opening it within [`Limits`], reading parts,
//! and writing a copy with some parts replaced.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::{DocxError, Limits};

/// An opened package whose entries have been checked against [`Limits`].
pub(super) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    /// Bytes decompressed so far, against `limits.max_total_bytes`.
    decompressed: u64,
}

impl<'a> Package<'a> {
    /// Opens `bytes` as a zip and checks the entry count and every entry's
    /// declared size against `limits`, before decompressing anything.
    pub(super) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, DocxError> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(not_zip)?;
        if archive.len() > limits.max_entries {
            return Err(DocxError::TooLarge(format!(
                "{} entries in the zip, more than the limit of {}",
                archive.len(),
                limits.max_entries
            )));
        }
        let mut declared_total: u64 = 0;
        for index in 0..archive.len() {
            let entry = archive.by_index_raw(index).map_err(not_zip)?;
            check_entry_size(entry.name(), entry.size(), limits)?;
            declared_total = declared_total.saturating_add(entry.size());
            if declared_total > limits.max_total_bytes {
                return Err(too_large_total(limits));
            }
        }
        Ok(Package {
            archive,
            limits: *limits,
            decompressed: 0,
        })
    }

    /// Names of the header and footer parts (`word/header*.xml`, then
    /// `word/footer*.xml`), each kind in numeric order.
    pub(super) fn header_footer_parts(&self) -> Vec<String> {
        let mut parts: Vec<(u8, u64, String)> = self
            .archive
            .file_names()
            .filter_map(|name| {
                let (kind, rest) = if let Some(rest) = name.strip_prefix("word/header") {
                    (0, rest)
                } else {
                    (1, name.strip_prefix("word/footer")?)
                };
                let stem = rest.strip_suffix(".xml")?;
                if stem.contains('/') {
                    return None;
                }
                let number = stem.parse().unwrap_or(u64::MAX);
                Some((kind, number, name.to_owned()))
            })
            .collect();
        parts.sort();
        parts.into_iter().map(|(_, _, name)| name).collect()
    }

    /// Decompresses the part `name`, or gives `None` if there is no such
    /// entry. The entry's actual size is held to the limits as it is read.
    pub(super) fn read_part(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let limits = self.limits;
        let entry = self.archive.by_index(index).map_err(not_zip)?;
        check_entry_size(name, entry.size(), &limits)?;
        let budget = limits
            .max_entry_bytes
            .min(limits.max_total_bytes.saturating_sub(self.decompressed));
        // The declared size is only a hint: never trust it for more than a
        // modest first allocation.
        let hint = entry.size().min(budget).min(1 << 22);
        let mut data = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
        entry
            .take(budget.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|err| DocxError::NotZip(format!("{name}: {err}")))?;
        let size = data.len() as u64;
        if size > limits.max_entry_bytes {
            return Err(too_large_entry(name, &limits));
        }
        self.decompressed += size;
        if self.decompressed > limits.max_total_bytes {
            return Err(too_large_total(&limits));
        }
        Ok(Some(data))
    }

    /// Writes a copy of the package in which the parts named in `replaced`
    /// have the new contents given (compressed with deflate) and every other
    /// entry is copied as it is, compressed bytes and all, in the same order.
    pub(super) fn write_replacing(
        mut self,
        replaced: &HashMap<String, Vec<u8>>,
    ) -> Result<Vec<u8>, DocxError> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for index in 0..self.archive.len() {
            let entry = self.archive.by_index_raw(index).map_err(not_zip)?;
            match replaced.get(entry.name()) {
                Some(contents) => {
                    let options: SimpleFileOptions = entry
                        .options()
                        .compression_method(CompressionMethod::Deflated)
                        .large_file(contents.len() as u64 >= u64::from(u32::MAX));
                    let name = entry.name().to_owned();
                    drop(entry);
                    writer.start_file(name, options).map_err(write_error)?;
                    writer.write_all(contents)?;
                }
                None => writer.raw_copy_file(entry).map_err(write_error)?,
            }
        }
        Ok(writer.finish().map_err(write_error)?.into_inner())
    }
}

fn check_entry_size(name: &str, declared: u64, limits: &Limits) -> Result<(), DocxError> {
    if declared > limits.max_entry_bytes {
        return Err(too_large_entry(name, limits));
    }
    Ok(())
}

fn too_large_entry(name: &str, limits: &Limits) -> DocxError {
    DocxError::TooLarge(format!(
        "{name} decompresses to more than the limit of {} bytes",
        limits.max_entry_bytes
    ))
}

fn too_large_total(limits: &Limits) -> DocxError {
    DocxError::TooLarge(format!(
        "the entries decompress to more than the limit of {} bytes in all",
        limits.max_total_bytes
    ))
}

/// Anything the zip reader refuses means the input is not a usable zip.
fn not_zip(err: ZipError) -> DocxError {
    DocxError::NotZip(err.to_string())
}

/// Errors while writing the new zip, which is built in memory.
fn write_error(err: ZipError) -> DocxError {
    match err {
        ZipError::Io(err) => DocxError::Io(err),
        // Copying an entry reads the original again, so a damaged entry can
        // still surface here.
        other => DocxError::NotZip(other.to_string()),
    }
}
