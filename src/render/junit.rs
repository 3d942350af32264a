//! JUnit XML: one `<testcase>` per file, failed when the file has findings at or above
//! the failing severity (all of its findings are listed in the failure), in error when
//! it could not be read. CI systems (GitLab, Jenkins, Azure) show it as a test report.

use super::json::FileResult;
use crate::diagnostic::Severity;
use quick_xml::escape::escape;

/// Renders `files`; `fail_on[i]` is file `i`'s failing severity (error when left off).
/// The same bytes as [`Stream`]'s.
pub fn render(files: &[FileResult], fail_on: &[Severity]) -> String {
    let mut stream = Stream::default();
    let mut cases = String::new();
    for (i, f) in files.iter().enumerate() {
        let level = fail_on.get(i).copied().unwrap_or(Severity::Error);
        cases.push_str(&stream.file(f, level));
    }
    format!("{}{cases}{}", stream.head(), stream.end())
}

/// Writes the same report as [`render`] a file at a time, so a long run need not hold
/// every result. The report's opening elements carry the totals, so the opening is
/// known only when every file is in: [`Stream::file`] for each file in order gives its
/// test case, which the caller holds (a temporary file will do) until [`Stream::head`];
/// the report is `head`, the test cases in order, then [`Stream::end`]. The stream
/// itself keeps only the three totals.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stream {
    /// Files (test cases).
    tests: usize,
    /// Files with findings at or above their failing severity.
    failures: usize,
    /// Files that could not be read.
    errors: usize,
}

impl Stream {
    /// One file's test case; `fail_on` is its failing severity.
    pub fn file(&mut self, f: &FileResult, fail_on: Severity) -> String {
        let failing = f.diagnostics.iter().any(|d| d.severity >= fail_on);
        self.tests += 1;
        self.failures += usize::from(failing);
        self.errors += usize::from(f.error.is_some());
        let name = escape(f.path.as_str());
        let mut out =
            format!("    <testcase name=\"{name}\" classname=\"letterlint\" file=\"{name}\"");
        if let Some(e) = &f.error {
            out.push_str(&format!(
                ">\n      <error message=\"{}\" type=\"io\"/>\n    </testcase>\n",
                escape(e.as_str())
            ));
        } else if !failing {
            if f.diagnostics.is_empty() {
                out.push_str("/>\n");
            } else {
                out.push_str(&format!(
                    ">\n      <system-out>{}</system-out>\n    </testcase>\n",
                    escape(listing(f).as_str())
                ));
            }
        } else {
            let n = f.diagnostics.len();
            out.push_str(&format!(
                ">\n      <failure message=\"{n} finding{}\" type=\"letterlint\">{}</failure>\n    </testcase>\n",
                if n == 1 { "" } else { "s" },
                escape(listing(f).as_str())
            ));
        }
        out
    }

    /// The declaration and the opening elements with the totals; written first, but
    /// known only after the last [`Stream::file`].
    pub fn head(&self) -> String {
        let Stream {
            tests,
            failures,
            errors,
        } = self;
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"letterlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n  \
             <testsuite name=\"letterlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\">\n"
        )
    }

    /// The closing elements.
    pub fn end(&self) -> String {
        "  </testsuite>\n</testsuites>\n".to_string()
    }
}

/// The file's findings, one a line, in the concise form.
fn listing(f: &FileResult) -> String {
    super::concise::render(std::slice::from_ref(f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Span};

    /// The report as it was made before [`Stream`], all at once: what the stream must
    /// match.
    fn whole(files: &[FileResult], fail_on: &[Severity]) -> String {
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

    fn file(path: &str, severities: &[Severity], error: Option<&str>) -> FileResult {
        let d = |severity| Diagnostic {
            rule: "jargon".into(),
            severity,
            principle: "p".into(),
            message: "<m> & \"n\"".into(),
            help: "h".into(),
            span: Span::default(),
            paragraph: None,
            fixes: vec![],
        };
        FileResult {
            path: path.into(),
            kind: None,
            sector: None,
            diagnostics: severities.iter().copied().map(d).collect(),
            error: error.map(str::to_string),
            encoding: None,
            context: None,
        }
    }

    #[test]
    fn the_stream_writes_what_render_writes() {
        use Severity::{Error, Info, Warning};
        let files = vec![
            file("a&b.md", &[Warning, Info], None),
            file("bad.txt", &[], Some("bad.txt: not valid <UTF-8>")),
            file("clean.txt", &[], None),
            file("notes.txt", &[Info, Info], None),
            file("one.txt", &[Error], None),
            // Both an error and a finding: counted in both totals, shown as the error.
            file("odd.txt", &[Error], Some("odd")),
            file("left-off.txt", &[Warning], None),
        ];
        let cases: Vec<(&[FileResult], Vec<Severity>)> = vec![
            (&[], vec![]),
            (&files[1..2], vec![Error]),
            (&files[2..3], vec![]),
            (&files, vec![Warning, Error, Error, Info, Error, Error]),
            (&files, vec![]),
        ];
        for (files, fail_on) in cases {
            let expected = whole(files, &fail_on);
            let mut s = Stream::default();
            let mut cases = String::new();
            for (i, f) in files.iter().enumerate() {
                cases.push_str(&s.file(f, fail_on.get(i).copied().unwrap_or(Error)));
            }
            assert_eq!(format!("{}{cases}{}", s.head(), s.end()), expected);
            assert_eq!(render(files, &fail_on), expected);
        }
    }
}
