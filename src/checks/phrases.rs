//! Data-only rules (`kind = "phrases"`): each listed phrase found in prose (outside
//! quotations) is reported, with its replacement as a fix when the pack gives one.

use super::{Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rules::{Pack, PhraseSet, RuleKind};

struct Entry {
    rule: RuleId,
    replace: Option<String>,
    applicability: Applicability,
}

/// The compiled phrases of every `phrases` rule, in one automaton.
pub struct PhrasesCheck {
    set: PhraseSet,
    entries: Vec<Entry>,
}

impl PhrasesCheck {
    /// Compiles every `phrases` rule of the pack.
    pub fn new(pack: &Pack, rules: &RuleTable) -> PhrasesCheck {
        let mut b = PhraseSet::builder();
        let mut entries = Vec::new();
        for r in pack.rules.iter().filter(|r| r.kind == RuleKind::Phrases) {
            let Some(rule) = rules.id(&r.id) else {
                continue;
            };
            for p in &r.phrase {
                let tag = entries.len() as u32;
                entries.push(Entry {
                    rule,
                    replace: p.replace.clone(),
                    applicability: p.applicability,
                });
                for f in &p.find {
                    b.add(f, tag, p.case_sensitive);
                }
            }
        }
        PhrasesCheck {
            set: b.build(),
            entries,
        }
    }
}

impl Check for PhrasesCheck {
    fn run(&self, cx: &mut Cx) {
        if self.entries.is_empty() || !self.entries.iter().any(|e| cx.active(e.rule)) {
            return;
        }
        for m in self.set.find_all(&cx.doc.norm) {
            if cx.doc.in_quote(&m.range) {
                continue;
            }
            let e = &self.entries[m.tag as usize];
            let src = cx.doc.src_range(m.range.clone());
            let found = cx.doc.src[src.clone()].to_string();
            let fixes = e
                .replace
                .as_ref()
                .map(|r| {
                    let replacement = match_case(&found, r);
                    vec![Fix {
                        applicability: e.applicability,
                        description: format!("Replace “{found}” with “{replacement}”"),
                        edits: vec![Edit {
                            start: src.start,
                            end: src.end,
                            replacement,
                        }],
                    }]
                })
                .unwrap_or_default();
            let mut fields = vec![("found", found)];
            if let Some(r) = &e.replace {
                fields.push(("replacement", r.clone()));
            }
            cx.report(e.rule, src, fields, fixes);
        }
    }
}

/// Gives `replacement` the case of `found`'s first letter.
pub(crate) fn match_case(found: &str, replacement: &str) -> String {
    let upper = found.chars().next().is_some_and(|c| c.is_uppercase());
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if upper && c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        Some(c)
            if !upper
                && c.is_uppercase()
                && replacement.chars().nth(1).is_some_and(|d| d.is_lowercase()) =>
        {
            c.to_lowercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    }
}
