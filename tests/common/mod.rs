//! Shared helpers for the integration tests: the labelled corpora.
#![allow(dead_code)]

pub mod cli;

use letterlint::{Format, Source};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A letter's labels (its sidecar `.toml`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub kind: String,
    pub sector: String,
    pub outcome: String,
    pub expect: Vec<String>,
    pub note: String,
}

/// A labelled letter.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub path: PathBuf,
    pub source: Source,
    pub labels: Labels,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn letter_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| Format::from_path(p).is_some())
        .collect();
    files.sort();
    files
}

/// Every letter of `tests/letters/` with its labels.
pub fn labelled_letters() -> Vec<Labelled> {
    let dir = root().join("tests/letters");
    letter_files(&dir)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|path| {
            let side = path.with_extension("toml");
            let text = std::fs::read_to_string(&side)
                .unwrap_or_else(|e| panic!("{}: {e}", side.display()));
            let labels: Labels =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", side.display()));
            let source = letterlint::io::read_source(&path, None).unwrap();
            Labelled {
                path,
                source,
                labels,
            }
        })
        .collect()
}

/// A mention marked in an officer-corpus letter.
#[derive(Debug, Clone)]
pub struct Marked {
    /// `O1`, `C`, `S`, `T`, `X`.
    pub label: String,
    /// For officers, the form (`title`, `appos`…).
    pub form: Option<String>,
    /// Byte range in the stripped text.
    pub range: std::ops::Range<usize>,
    pub text: String,
}

/// An officer-corpus letter: the text with markup removed, and the marks.
#[derive(Debug, Clone)]
pub struct OfficerLetter {
    pub path: PathBuf,
    pub source: Source,
    pub marks: Vec<Marked>,
    pub roster: Vec<String>,
}

/// Removes `⟦LABEL|text⟧` markup, returning the plain text and the marks.
pub fn strip_markup(marked: &str) -> (String, Vec<Marked>) {
    let mut out = String::with_capacity(marked.len());
    let mut marks = Vec::new();
    let mut rest = marked;
    while let Some(i) = rest.find('⟦') {
        out.push_str(&rest[..i]);
        let after = &rest[i + '⟦'.len_utf8()..];
        let close = after.find('⟧').expect("unbalanced ⟦");
        let inner = &after[..close];
        let (label, text) = inner.split_once('|').expect("⟦label|text⟧");
        let mut parts = label.split_whitespace();
        let l = parts.next().unwrap_or("").to_string();
        let form = parts.next().map(str::to_string);
        let start = out.len();
        out.push_str(text);
        marks.push(Marked {
            label: l,
            form,
            range: start..out.len(),
            text: text.to_string(),
        });
        rest = &after[close + '⟧'.len_utf8()..];
    }
    out.push_str(rest);
    (out, marks)
}

/// Every letter of `tests/officers/`, markup removed.
pub fn officer_letters() -> Vec<OfficerLetter> {
    let dir = root().join("tests/officers");
    letter_files(&dir)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|path| {
            let marked = std::fs::read_to_string(&path).unwrap();
            let (text, marks) = strip_markup(&marked);
            let side = path.with_extension("toml");
            let roster = std::fs::read_to_string(&side)
                .ok()
                .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
                .and_then(|t| t.get("roster").and_then(|r| r.as_array().cloned()))
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let format = Format::from_path(&path).unwrap();
            let source = Source::new(path.display().to_string(), text, format);
            OfficerLetter {
                path,
                source,
                marks,
                roster,
            }
        })
        .collect()
}

/// Every letter the project ships: the labelled corpus, the officer corpus (markup
/// removed) and the examples.
pub fn all_sources() -> Vec<Source> {
    let mut v: Vec<Source> = labelled_letters().into_iter().map(|l| l.source).collect();
    v.extend(officer_letters().into_iter().map(|l| l.source));
    for p in letter_files(&root().join("examples")) {
        v.push(letterlint::io::read_source(&p, None).unwrap());
    }
    v
}
