//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`,
//! which GitHub shows as annotations on the pull request's changed files.
//! Severities map to `error`, `warning` and `notice`.

use super::json::FileResult;
use crate::diagnostic::Severity;

/// Escapes a workflow command's message (`%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders every finding of `files` as a workflow command, one a line.
pub fn render(files: &[FileResult]) -> String {
    let mut out = String::new();
    for f in files {
        if let Some(e) = &f.error {
            out.push_str(&format!(
                "::error file={},title={}::{}\n",
                property(&f.path),
                property("letterlint: file not checked"),
                data(e)
            ));
        }
        for d in &f.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(p) = d.paragraph {
                message.push_str(&format!(" (paragraph {p})"));
            }
            message.push_str(&format!("\n{}", d.help));
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                property(&f.path),
                d.span.line,
                d.span.column,
                d.span.end_line,
                d.span.end_column,
                property(&format!("letterlint ({})", d.rule)),
                data(&message)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_what_github_reads_as_syntax() {
        assert_eq!(super::data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
