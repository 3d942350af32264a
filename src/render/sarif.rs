//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), which GitHub code
//! scanning and other CI dashboards import: the rules with their principle and the full
//! `letterlint explain` text as help, each finding with its region (columns in Unicode
//! code points, as letterlint counts them, plus byte offsets), its fixes as
//! replacements, and a fingerprint that survives unrelated edits. Files that could not
//! be read are tool execution notifications. Validated against the official schema in
//! `tests/`.

use super::indent_rest;
use super::json::FileResult;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleDef;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Where the rules are described (each rule's `help` carries the full `explain` text).
pub const HELP_URI: &str = "https://crates.io/crates/letterlint";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` separators, spaces and `%` escaped.
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn rule(r: &RuleDef) -> Value {
    let short = r
        .what
        .split(". ")
        .next()
        .unwrap_or(&r.what)
        .trim_end_matches('.');
    json!({
        "id": r.id,
        "name": r.id.split('-').map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        }).collect::<String>(),
        "shortDescription": {"text": format!("{short}.")},
        "fullDescription": {"text": r.what},
        "help": {"text": super::explain(r)},
        "helpUri": format!("{HELP_URI}#{}", r.id),
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {
            "group": r.group,
            "principle": r.principle,
            "principleSource": r.principle_source,
            "tags": [r.group]
        }
    })
}

fn result(path: &str, text: Option<&str>, d: &Diagnostic, index: Option<usize>) -> Value {
    let location = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path)},
            "region": {
                "startLine": d.span.line.max(1),
                "startColumn": d.span.column.max(1),
                "endLine": d.span.end_line.max(1),
                "endColumn": d.span.end_column.max(1),
                "byteOffset": d.span.start,
                "byteLength": d.span.end.saturating_sub(d.span.start)
            }
        }
    });
    let fixes: Vec<Value> = d
        .fixes
        .iter()
        .map(|f| {
            json!({
                "description": {"text": format!("{} ({})", f.description, f.applicability.as_str())},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri(path)},
                    "replacements": f.edits.iter().map(|e| json!({
                        "deletedRegion": {"byteOffset": e.start, "byteLength": e.end.saturating_sub(e.start)},
                        "insertedContent": {"text": e.replacement}
                    })).collect::<Vec<_>>()
                }]
            })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(p) = d.paragraph {
        message.push_str(&format!(" (paragraph {p})"));
    }
    let mut r = json!({
        "ruleId": d.rule.as_ref(),
        "level": level(d.severity),
        "message": {"text": message},
        "locations": [location],
        "properties": {"principle": d.principle.as_ref(), "help": d.help.as_ref()}
    });
    if let Some(i) = index {
        r["ruleIndex"] = json!(i);
    }
    if !fixes.is_empty() {
        r["fixes"] = Value::Array(fixes);
    }
    if let Some(t) = text {
        r["partialFingerprints"] = json!({
            "letterlint/v1": crate::baseline::fingerprint(&d.rule, t, d.span.start, d.span.end)
        });
    }
    r
}

/// Renders one SARIF log for `files`; `texts[i]` is file `i`'s linted text (for
/// fingerprints; `None` leaves them out); `rules` are the pack's rules. The same bytes
/// as [`Stream`]'s.
pub fn render(files: &[FileResult], texts: &[Option<&str>], rules: &[RuleDef]) -> String {
    let mut stream = Stream::new(rules);
    let mut results = String::new();
    for (i, f) in files.iter().enumerate() {
        results.push_str(&stream.file(f, texts.get(i).copied().flatten()));
    }
    format!("{}{results}{}", stream.head(), stream.end())
}

/// How deep the results sit in the log (`$.runs[0].results[]`), in spaces.
const RESULT_INDENT: usize = 8;

/// Stands for the results in the skeleton [`Stream::head`] and [`Stream::end`] are cut
/// from: no other string serialises to the same JSON token.
const RESULTS_MARK: &str = "\u{1}results\u{1}";

/// Writes the same log as [`render`] a file at a time, so a long run need not hold every
/// result or text. The log names the files that could not be read
/// (`toolExecutionNotifications`, with `executionSuccessful`) before the results, so its
/// opening is known only when every file is in: [`Stream::file`] for each file in order
/// gives that file's results, which the caller holds (a temporary file will do) until
/// [`Stream::head`]; the log is `head`, the files' results in order, then [`Stream::end`].
/// The stream itself keeps the rules and one notification per unreadable file.
#[derive(Debug)]
pub struct Stream {
    /// The driver's rules, rendered.
    rules: Vec<Value>,
    /// Each rule id's index in `rules` (its first, as `render` looks it up).
    index: HashMap<String, usize>,
    /// A notification for each file that could not be read.
    notes: Vec<Value>,
    /// Results written so far.
    results: usize,
}

impl Stream {
    /// A stream for a log whose driver lists `rules`.
    pub fn new(rules: &[RuleDef]) -> Stream {
        let mut index = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            index.entry(r.id.clone()).or_insert(i);
        }
        Stream {
            rules: rules.iter().map(rule).collect(),
            index,
            notes: Vec::new(),
            results: 0,
        }
    }

    /// One file's results (empty when it has none), noting it if it could not be read.
    /// `text` is its linted text, for fingerprints (`None` leaves them out).
    pub fn file(&mut self, file: &FileResult, text: Option<&str>) -> String {
        if let Some(e) = &file.error {
            self.notes.push(json!({
                "level": "error",
                "message": {"text": e},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&file.path)}}}]
            }));
        }
        let pad = " ".repeat(RESULT_INDENT);
        let mut out = String::new();
        for d in &file.diagnostics {
            let r = result(&file.path, text, d, self.index.get(&*d.rule).copied());
            let body = serde_json::to_string_pretty(&r).unwrap_or_default();
            out.push_str(if self.results == 0 { "\n" } else { ",\n" });
            out.push_str(&pad);
            out.push_str(&indent_rest(&body, RESULT_INDENT));
            self.results += 1;
        }
        out
    }

    /// The log up to its first result; written first, but known only after the last
    /// [`Stream::file`].
    pub fn head(&self) -> String {
        let (head, _) = self.halves();
        head
    }

    /// The close of the log, after the last result.
    pub fn end(&self) -> String {
        let (_, tail) = self.halves();
        if self.results > 0 {
            return tail;
        }
        // No results: `[]` on one line.
        let close = tail.find(']').map_or(0, |i| i + 1);
        format!("]{}", &tail[close..])
    }

    /// The log with one stand-in result, cut around it: before it (through the `[` of
    /// `results`) and after it (from the new line that closes the array).
    fn halves(&self) -> (String, String) {
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "letterlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": HELP_URI,
                    "rules": self.rules
                }},
                "invocations": [{
                    "executionSuccessful": self.notes.is_empty(),
                    "toolExecutionNotifications": self.notes
                }],
                "columnKind": "unicodeCodePoints",
                "results": [RESULTS_MARK]
            }]
        });
        let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
        s.push('\n');
        let mark = serde_json::to_string(RESULTS_MARK).unwrap_or_default();
        let Some(at) = s.find(&mark) else {
            return (s, String::new());
        };
        let open = s[..at].rfind('[').map_or(0, |i| i + 1);
        (s[..open].to_string(), s[at + mark.len()..].to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Edit, Fix, Span};
    use crate::rules::Pack;

    /// The log as it was made before [`Stream`], all at once: what the stream must match.
    fn whole(files: &[FileResult], texts: &[Option<&str>], rules: &[RuleDef]) -> String {
        let index = |id: &str| rules.iter().position(|r| r.id == id);
        let mut results = Vec::new();
        let mut notes = Vec::new();
        for (i, f) in files.iter().enumerate() {
            if let Some(e) = &f.error {
                notes.push(json!({
                    "level": "error",
                    "message": {"text": e},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&f.path)}}}]
                }));
            }
            let text = texts.get(i).copied().flatten();
            for d in &f.diagnostics {
                results.push(result(&f.path, text, d, index(&d.rule)));
            }
        }
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "letterlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": HELP_URI,
                    "rules": rules.iter().map(rule).collect::<Vec<_>>()
                }},
                "invocations": [{
                    "executionSuccessful": notes.is_empty(),
                    "toolExecutionNotifications": notes
                }],
                "columnKind": "unicodeCodePoints",
                "results": results
            }]
        });
        let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
        s.push('\n');
        s
    }

    fn diagnostic(rule: &str, severity: Severity, start: usize) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity,
            principle: "p \"quoted\"\nline".into(),
            message: "m ]\n[".into(),
            help: "h".into(),
            span: Span {
                start,
                end: start + 4,
                line: 1,
                column: start + 1,
                end_line: 1,
                end_column: start + 5,
            },
            paragraph: (start > 0).then_some(2),
            fixes: vec![Fix {
                applicability: Applicability::Safe,
                description: "d".into(),
                edits: vec![Edit {
                    start,
                    end: start + 4,
                    replacement: "x\ny".into(),
                }],
            }],
        }
    }

    fn file(path: &str, diagnostics: Vec<Diagnostic>, error: Option<&str>) -> FileResult {
        FileResult {
            path: path.into(),
            kind: None,
            sector: None,
            diagnostics,
            error: error.map(str::to_string),
            encoding: None,
            context: None,
        }
    }

    fn stream(files: &[FileResult], texts: &[Option<&str>], rules: &[RuleDef]) -> String {
        let mut s = Stream::new(rules);
        let mut results = String::new();
        for (i, f) in files.iter().enumerate() {
            results.push_str(&s.file(f, texts.get(i).copied().flatten()));
        }
        format!("{}{results}{}", s.head(), s.end())
    }

    #[test]
    fn the_stream_writes_what_render_writes() {
        let pack = Pack::builtin().unwrap();
        let known = pack.rules[1].id.clone();
        let text = "Dear Sir, we are sorry if you feel that.";
        let cases: Vec<(Vec<FileResult>, Vec<Option<&str>>)> = vec![
            (vec![], vec![]),
            (vec![file("a b.txt", vec![], None)], vec![Some(text)]),
            (
                vec![file("gone.txt", vec![], Some("gone.txt: no such file"))],
                vec![None],
            ),
            (
                vec![
                    file(
                        "a.md",
                        vec![
                            diagnostic(&known, Severity::Warning, 0),
                            diagnostic("not-in-the-pack", Severity::Info, 10),
                        ],
                        None,
                    ),
                    file("bad.txt", vec![], Some("bad.txt: not valid \"UTF-8\"")),
                    file("clean.txt", vec![], None),
                    file(
                        "dir\\c%.docx",
                        vec![diagnostic(&known, Severity::Error, 5)],
                        None,
                    ),
                    file("also-bad.docx", vec![], Some("also-bad.docx: not a zip")),
                ],
                // One text missing, one left off the end: no fingerprints for those.
                vec![Some(text), None, Some(text), None],
            ),
        ];
        for rules in [&pack.rules[..], &[]] {
            for (files, texts) in &cases {
                let expected = whole(files, texts, rules);
                assert_eq!(stream(files, texts, rules), expected);
                assert_eq!(render(files, texts, rules), expected);
            }
        }
    }
}
