//! Principle: "Each account compares what happened with what should have happened. It
//! gives clear references to any relevant standards, policies or guidance."
//!
//! Rule: `standard-missing`, once per complaint point (see [`crate::facts::Point`]) that
//! narrates events but neither cites a standard nor draws a comparison. Cue words are in
//! `rules/standards.toml`.

use super::{phrase_set, rule_data, rule_id, Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::BlockKind;
use crate::error::Error;
use crate::rules::{Pack, PhraseSet};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    insert: String,
    standards: Vec<String>,
    standards_exact: Vec<String>,
    standard_patterns: Vec<String>,
    comparisons: Vec<String>,
    past_tense: Vec<String>,
    not_past: Vec<String>,
}

/// The compiled fact-vs-standard check.
pub struct StandardsCheck {
    cues: PhraseSet,
    exact: PhraseSet,
    patterns: Vec<super::pattern::TextPattern>,
    past: Vec<String>,
    not_past: Vec<String>,
    insert: String,
    rule: RuleId,
}

impl StandardsCheck {
    /// Compiles the pack's data.
    pub fn new(pack: &Pack, rules: &RuleTable) -> Result<StandardsCheck, Error> {
        let d: Data = rule_data(pack, "standard-missing")?;
        let all: Vec<String> = d.standards.iter().chain(&d.comparisons).cloned().collect();
        Ok(StandardsCheck {
            cues: phrase_set(&all, false),
            exact: phrase_set(&d.standards_exact, true),
            patterns: d
                .standard_patterns
                .iter()
                .map(|p| super::compile(p, "standard-missing"))
                .collect::<Result<_, _>>()?,
            past: d.past_tense.iter().map(|w| w.to_lowercase()).collect(),
            not_past: d.not_past.iter().map(|w| w.to_lowercase()).collect(),
            insert: d.insert,
            rule: rule_id(rules, "standard-missing")?,
        })
    }
}

impl StandardsCheck {
    /// Whether a sentence is in the past tense (narrates what happened).
    fn narrates(&self, text: &str) -> bool {
        text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .any(|w| {
                let w = w.to_lowercase();
                self.past.contains(&w)
                    || (w.len() >= 5 && w.ends_with("ed") && !self.not_past.contains(&w))
            })
    }
}

impl Check for StandardsCheck {
    fn name(&self) -> &'static str {
        "check standards"
    }

    fn run(&self, cx: &mut Cx) {
        if !cx.active(self.rule) {
            return;
        }
        let doc = cx.doc;
        let mut found = Vec::new();
        for p in &cx.facts.points {
            let blocks = &doc.blocks[p.blocks.clone()];
            let (Some(first), Some(last)) = (blocks.first(), blocks.last()) else {
                continue;
            };
            // The organisation's own sentences in the point, headings aside.
            let own: Vec<_> = doc
                .sentences()
                .iter()
                .filter(|s| s.start >= first.norm.start && s.end <= last.norm.end)
                .filter(|s| {
                    !matches!(
                        doc.blocks[doc.block_at(s.start).unwrap_or(0)].kind,
                        BlockKind::Heading(_)
                    )
                })
                .filter(|s| cx.judged(s))
                .cloned()
                .collect();
            let decisions = &cx.facts.decisions;
            let narrates = own.iter().any(|s| {
                let decision = decisions
                    .iter()
                    .any(|d| s.start <= d.start && d.end <= s.end);
                !decision && self.narrates(&doc.norm[s.clone()])
            });
            if !narrates {
                continue;
            }
            let cited = own.iter().any(|s| {
                let t = &doc.norm[s.clone()];
                self.cues.is_match_in(doc, s.clone())
                    || self.exact.is_match_in(doc, s.clone())
                    || self.patterns.iter().any(|re| re.is_match(t))
            });
            let src = first.range.start..last.range.end;
            // the placeholder this rule inserts may, once in the letter, fall after the
            // point's last block (it can change where the point ends): look for it up to
            // the next point, so that a second fix pass does not insert it again
            let next = cx
                .facts
                .points
                .iter()
                .filter(|q| q.blocks.start >= p.blocks.end)
                .filter_map(|q| doc.blocks.get(q.blocks.start))
                .map(|b| b.range.start)
                .min()
                .unwrap_or(doc.src.len())
                .max(src.end);
            let pending = cx.pending(src.start..next);
            if cited || self.cues.is_match(&pending) {
                continue;
            }
            found.push(src);
        }
        for src in found {
            let fix = Fix {
                applicability: Applicability::Manual,
                description: "Cite the standard and say whether it was met".into(),
                edits: vec![Edit {
                    start: src.end,
                    end: src.end,
                    replacement: self.insert.clone(),
                }],
            };
            cx.report(self.rule, src, vec![], vec![fix]);
        }
    }
}
