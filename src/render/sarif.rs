//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), which GitHub code
//! scanning and other CI dashboards import: the rules with their principle and the full
//! `letterlint explain` text as help, each finding with its region (columns in Unicode
//! code points, as letterlint counts them, plus byte offsets), its fixes as
//! replacements, and a fingerprint that survives unrelated edits. Files that could not
//! be read are tool execution notifications. Validated against the official schema in
//! `tests/`.

use super::json::FileResult;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleDef;
use serde_json::{json, Value};

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
/// fingerprints; `None` leaves them out); `rules` are the pack's rules.
pub fn render(files: &[FileResult], texts: &[Option<&str>], rules: &[RuleDef]) -> String {
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
