//! The concise output: one finding a line, `path:line:col: severity [rule] message`, as
//! compilers and Ruff's `--output-format concise` print them (editors and `grep` read it).

use super::json::FileResult;

/// Renders every finding of `files` (and every file that could not be read).
pub fn render(files: &[FileResult]) -> String {
    let mut out = String::new();
    for f in files {
        if let Some(e) = &f.error {
            out.push_str(&format!("{}:1:1: error [io] {}\n", f.path, one_line(e)));
        }
        for d in &f.diagnostics {
            out.push_str(&format!(
                "{}:{}:{}: {} [{}] {}",
                f.path,
                d.span.line,
                d.span.column,
                d.severity.as_str(),
                d.rule,
                one_line(&d.message)
            ));
            if let Some(p) = d.paragraph {
                out.push_str(&format!(" (paragraph {p})"));
            }
            out.push('\n');
        }
    }
    out
}

/// `s` on one line: line breaks become spaces.
pub(crate) fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
