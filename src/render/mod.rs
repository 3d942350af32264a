//! Renderers: turn reports into what people and tools read.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use crate::rules::RuleDef;

/// The `explain` text of a rule, in Ruff's sections: what it does, why, an example,
/// and how safe its fix is.
pub fn explain(r: &RuleDef) -> String {
    let mut s = format!("{} ({}, group {})\n\n", r.id, r.severity.as_str(), r.group);
    s.push_str(&format!(
        "Principle: “{}”\n  — {}\n\n",
        r.principle, r.principle_source
    ));
    if !r.applies_to.is_empty() {
        let kinds: Vec<&str> = r.applies_to.iter().map(|k| k.as_str()).collect();
        s.push_str(&format!("Applies to: {} letters\n\n", kinds.join(", ")));
    }
    s.push_str(&format!(
        "## What it does\n{}\n\n## Why is this bad?\n{}\n\n",
        r.what, r.why
    ));
    if let Some(ex) = r.example.first() {
        s.push_str("## Example\nA letter that breaks the rule:\n\n");
        s.push_str(&indent(&ex.bad));
        if let Some(good) = &ex.good {
            s.push_str("\nUse instead:\n\n");
            s.push_str(&indent(good));
        }
        s.push('\n');
    }
    s.push_str(&format!("## Fix safety\n{}\n", r.fix_safety));
    s
}

/// `text` with every line after the first indented by `n` spaces: a value pretty-printed
/// on its own, as it reads nested `n` spaces deep in a pretty-printed document.
pub(crate) fn indent_rest(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.replace('\n', &format!("\n{pad}"))
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
