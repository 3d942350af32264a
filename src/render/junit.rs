//! JUnit XML: one `<testcase>` per file, failed when the file has findings at or above
//! the failing severity (all of its findings are listed in the failure), in error when
//! it could not be read. CI systems (GitLab, Jenkins, Azure) show it as a test report.

use super::json::FileResult;
use crate::diagnostic::Severity;
use quick_xml::escape::escape;

/// Renders `files`; `fail_on[i]` is file `i`'s failing severity.
pub fn render(files: &[FileResult], fail_on: &[Severity]) -> String {
    let failing = |i: usize, f: &FileResult| {
        let level = fail_on.get(i).copied().unwrap_or(Severity::Error);
        f.diagnostics.iter().any(|d| d.severity >= level)
    };
    let failures = files
        .iter()
        .enumerate()
        .filter(|(i, f)| failing(*i, f))
        .count();
    let errors = files.iter().filter(|f| f.error.is_some()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"letterlint\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\">\n",
        files.len()
    ));
    out.push_str(&format!(
        "  <testsuite name=\"letterlint\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\">\n",
        files.len()
    ));
    for (i, f) in files.iter().enumerate() {
        let name = escape(f.path.as_str());
        out.push_str(&format!(
            "    <testcase name=\"{name}\" classname=\"letterlint\" file=\"{name}\""
        ));
        if let Some(e) = &f.error {
            out.push_str(&format!(
                ">\n      <error message=\"{}\" type=\"io\"/>\n    </testcase>\n",
                escape(e.as_str())
            ));
            continue;
        }
        if !failing(i, f) {
            if f.diagnostics.is_empty() {
                out.push_str("/>\n");
            } else {
                out.push_str(&format!(
                    ">\n      <system-out>{}</system-out>\n    </testcase>\n",
                    escape(listing(f).as_str())
                ));
            }
            continue;
        }
        let n = f.diagnostics.len();
        out.push_str(&format!(
            ">\n      <failure message=\"{n} finding{}\" type=\"letterlint\">{}</failure>\n    </testcase>\n",
            if n == 1 { "" } else { "s" },
            escape(listing(f).as_str())
        ));
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// The file's findings, one a line, in the concise form.
fn listing(f: &FileResult) -> String {
    super::concise::render(std::slice::from_ref(f))
}
