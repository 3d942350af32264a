//! The JSON output: a stable contract other tools parse.
//!
//! ```json
//! {"version": 1,
//!  "files": [{"path": "…", "kind": "decision", "sector": "council",
//!             "diagnostics": [{"rule": "…", "severity": "error", "principle": "…",
//!                              "message": "…", "help": "…",
//!                              "span": {"start": 0, "end": 5, "line": 1, "column": 1,
//!                                       "end_line": 1, "end_column": 6},
//!                              "fixes": [{"applicability": "safe", "description": "…",
//!                                         "edits": [{"start": 0, "end": 5, "replacement": "…"}]}]}],
//!             "error": null}],
//!  "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0,
//!              "not_checked": 0, "skipped": 0}}
//! ```
//!
//! Optional keys added within version 1: a file's `"encoding"` (how a text file was
//! stored, when not plain UTF-8) and `"context"` (`{"nation", "nation_presumed",
//! "service", "sender", "evidence": {"nation", "service", "sender"}, "conflict", "welsh"}`:
//! what the Ombudsman rules judged the letter by, and why); the summary's
//! `"not_checked"` (files with an `error`) and `"skipped"` (files of types letterlint
//! cannot read, found in directories).

use super::indent_rest;
use crate::diagnostic::{Diagnostic, Severity};
use crate::facts::{Kind, Sector};
use serde::Serialize;

/// The version of the JSON contract.
pub const VERSION: u32 = 1;

/// One file's result.
#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    /// The path as given (or `<stdin>`).
    pub path: String,
    /// The letter kind used (null when the file could not be read).
    pub kind: Option<Kind>,
    /// The sector used (null when the file could not be read).
    pub sector: Option<Sector>,
    /// The findings.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be linted, if it could not.
    pub error: Option<String>,
    /// How a text file was stored, when not plain UTF-8 ("Windows-1252, CRLF"); the
    /// key is left out otherwise (added in version 1 as an optional key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The nation, service and sender used, with the evidence for each (added in
    /// version 1 as an optional key; left out when the file could not be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<crate::facts::Context>,
}

/// Totals over all files.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files looked at.
    pub files: usize,
    /// Error-severity findings.
    pub errors: usize,
    /// Warning-severity findings.
    pub warnings: usize,
    /// Info-severity findings.
    pub infos: usize,
    /// Files that could not be checked (each has an `error`); counted in `files`.
    pub not_checked: usize,
    /// Files found in directories but not checked because letterlint cannot read their
    /// type (.pdf, .doc, …); not counted in `files`.
    pub skipped: usize,
}

impl Summary {
    /// Totals for `files`.
    pub fn of(files: &[FileResult]) -> Summary {
        let mut s = Summary::default();
        files.iter().for_each(|f| s.add(f));
        s
    }

    /// Adds one file to the totals.
    pub fn add(&mut self, file: &FileResult) {
        self.files += 1;
        self.not_checked += usize::from(file.error.is_some());
        for d in &file.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: &'a [FileResult],
    summary: Summary,
}

/// Renders the JSON document (pretty-printed, one trailing newline).
pub fn render(files: &[FileResult]) -> String {
    let out = Output {
        version: VERSION,
        files,
        summary: Summary::of(files),
    };
    let mut s =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Writes the same document as [`render`] a file at a time, so a long run need not hold
/// every result: [`Stream::begin`], then [`Stream::file`] for each file in order, then
/// [`Stream::end`].
#[derive(Debug, Default)]
pub struct Stream {
    summary: Summary,
}

impl Stream {
    /// Records how many files were skipped as unreadable types (see
    /// [`Summary::skipped`]), for the totals [`Stream::end`] writes.
    pub fn skipped(&mut self, n: usize) {
        self.summary.skipped = n;
    }
}

impl Stream {
    /// The opening of the document.
    pub fn begin(&self) -> String {
        format!("{{\n  \"version\": {VERSION},\n  \"files\": [")
    }

    /// One file's entry.
    pub fn file(&mut self, file: &FileResult) -> String {
        let sep = if self.summary.files == 0 { "\n" } else { ",\n" };
        self.summary.add(file);
        let body = serde_json::to_string_pretty(file)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        format!("{sep}    {}", indent_rest(&body, 4))
    }

    /// The close of the document, with the totals.
    pub fn end(&self) -> String {
        let close = if self.summary.files == 0 {
            "]"
        } else {
            "\n  ]"
        };
        let summary = serde_json::to_string_pretty(&self.summary).unwrap_or_default();
        format!(
            "{close},\n  \"summary\": {}\n}}\n",
            indent_rest(&summary, 2)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Span};

    fn file(path: &str, n: usize) -> FileResult {
        let d = Diagnostic {
            rule: "jargon".into(),
            severity: Severity::Info,
            principle: "p \"quoted\"\nline".into(),
            message: "m".into(),
            help: "h".into(),
            span: Span::default(),
            paragraph: Some(3),
            fixes: vec![Fix {
                applicability: Applicability::Safe,
                description: "d".into(),
                edits: vec![Edit {
                    start: 0,
                    end: 1,
                    replacement: "x\ny".into(),
                }],
            }],
        };
        FileResult {
            path: path.into(),
            kind: None,
            sector: None,
            diagnostics: vec![d; n],
            error: (n == 0).then(|| "e".to_string()),
            encoding: None,
            context: None,
        }
    }

    #[test]
    fn the_stream_writes_what_render_writes() {
        for files in [
            vec![],
            vec![file("a", 0)],
            vec![file("a", 2), file("b", 0), file("c", 1)],
        ] {
            let mut s = Stream::default();
            let mut out = s.begin();
            for f in &files {
                out.push_str(&s.file(f));
            }
            out.push_str(&s.end());
            assert_eq!(out, render(&files));
        }
    }
}
