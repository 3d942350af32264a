//! The diagnostic and fix model: what a check reports, and the edits that mend it.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A suggestion.
    Info,
    /// Likely wrong; worth fixing.
    Warning,
    /// The letter breaks a principle it must follow.
    Error,
}

impl Severity {
    /// The lower-case name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

/// Whether a fix may be applied without a human reading it.
///
/// Ordered by how much trust applying it needs: `Safe < Manual < Unsafe`. A rewrite at a
/// level applies every fix at or below it: [`Applicability::Safe`] applies only safe
/// fixes, [`Applicability::Manual`] adds the insertions with `[[placeholders]]` a writer
/// must complete, [`Applicability::Unsafe`] adds fixes that may change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning: applied by `fix` and in every rewrite.
    Safe,
    /// A suggestion with a `[[placeholder]]` the writer must complete.
    Manual,
    /// May change meaning: applied only on request.
    Unsafe,
}

impl Applicability {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Manual => "manual",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Where a finding is: byte offsets into the original source, and 1-based line and
/// column (columns counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    /// Start byte offset (inclusive).
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, in characters.
    pub end_column: usize,
}

/// One replacement: the bytes `start..end` of the source become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (equal to `start` for an insertion).
    pub end: usize,
    /// The new text.
    pub replacement: String,
}

/// A set of edits applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// How much trust applying it needs.
    pub applicability: Applicability,
    /// What the fix does, in plain words.
    pub description: String,
    /// The edits, sorted by position, never overlapping.
    pub edits: Vec<Edit>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable kebab-case rule id, such as `ombudsman-missing`.
    pub rule: Arc<str>,
    /// How serious it is (after configuration).
    pub severity: Severity,
    /// The principle of good complaint handling it serves, quoted from the guidance.
    pub principle: Arc<str>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub help: Arc<str>,
    /// The words it points at.
    pub span: Span,
    /// For a Word document, the 1-based paragraph the finding starts in (line and
    /// column are those of the extracted text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// Ways to mend it (possibly none).
    pub fixes: Vec<Fix>,
}
