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
//!  "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0}}
//! ```

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
