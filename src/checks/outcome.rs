//! Principles: a response gives "what conclusions they have reached", and "giving
//! reasons for decisions".
//!
//! Rules: `outcome-missing` (a decision letter states no decision and admits no fault)
//! and `reasons-missing` (a sentence stating a decision has no reason in it or the next
//! sentence). The decision cues are the facts' (`[facts.outcome]`); the reason cues are
//! in `rules/outcome.toml`.

use super::{phrase_set, rule_data, rule_id, Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::error::Error;
use crate::facts::Outcome;
use crate::rules::{Pack, PhraseSet};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeData {
    insert: String,
    decided_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonsData {
    insert: String,
    reasons: Vec<String>,
    reason_patterns: Vec<String>,
    concessive: Vec<String>,
}

/// The compiled outcome checks.
pub struct OutcomeCheck {
    outcome_insert: String,
    decided_words: Vec<String>,
    reasons_insert: String,
    reasons: PhraseSet,
    reason_patterns: Vec<super::pattern::TextPattern>,
    concessive: Vec<String>,
    missing: RuleId,
    no_reasons: RuleId,
}

impl OutcomeCheck {
    /// Compiles the pack's data.
    pub fn new(pack: &Pack, rules: &RuleTable) -> Result<OutcomeCheck, Error> {
        let o: OutcomeData = rule_data(pack, "outcome-missing")?;
        let r: ReasonsData = rule_data(pack, "reasons-missing")?;
        Ok(OutcomeCheck {
            decided_words: o.decided_words.iter().map(|w| w.to_lowercase()).collect(),
            outcome_insert: o.insert,
            reasons_insert: r.insert,
            reasons: phrase_set(&r.reasons, false),
            reason_patterns: r
                .reason_patterns
                .iter()
                .map(|p| super::compile(p, "reasons-missing"))
                .collect::<Result<_, _>>()?,
            concessive: r.concessive.iter().map(|c| c.to_lowercase()).collect(),
            missing: rule_id(rules, "outcome-missing")?,
            no_reasons: rule_id(rules, "reasons-missing")?,
        })
    }
}

impl Check for OutcomeCheck {
    fn name(&self) -> &'static str {
        "check outcome"
    }

    fn run(&self, cx: &mut Cx) {
        let doc = cx.doc;
        if cx.active(self.missing)
            && cx.facts.outcome == Outcome::NotStated
            && cx.facts.faults.is_empty()
        {
            let pending = cx.pending(0..doc.src.len());
            if !self
                .decided_words
                .iter()
                .any(|w| pending.contains(w.as_str()))
            {
                // after the opening paragraph of the body, or before the sign-off
                let body = &cx.facts.body;
                let first = doc
                    .blocks
                    .iter()
                    .find(|b| b.norm.start >= body.start && b.norm.end <= body.end);
                let (span, at, text) = match first {
                    Some(b) => (
                        b.range.clone(),
                        b.range.end,
                        format!("\n\n{}", self.outcome_insert),
                    ),
                    None => {
                        let (at, blank) = cx.before_sign_off();
                        let text = if blank {
                            format!("\n\n{}", self.outcome_insert)
                        } else {
                            format!("{}\n\n", self.outcome_insert)
                        };
                        (at..at, at, text)
                    }
                };
                let fix = Fix {
                    applicability: Applicability::Manual,
                    description: "State the decision and the reason for it".into(),
                    edits: vec![Edit {
                        start: at,
                        end: at,
                        replacement: text,
                    }],
                };
                cx.report(self.missing, span, vec![], vec![fix]);
            }
        }
        if cx.active(self.no_reasons) {
            let sentences = doc.sentences();
            let mut seen = Vec::new();
            for d in &cx.facts.decisions {
                let i = sentences.partition_point(|s| s.end <= d.start);
                let Some(s) = sentences.get(i) else { continue };
                if seen.contains(&i) {
                    continue;
                }
                seen.push(i);
                let same_block = |j: usize| {
                    sentences
                        .get(j)
                        .filter(|n| doc.block_at(n.start) == doc.block_at(s.start))
                };
                let scope_end = same_block(i + 1).map_or(s.end, |n| n.end);
                let scope = &doc.norm[s.start..scope_end];
                let has_reason = self.reasons.is_match_in(doc, s.start..scope_end)
                    || self.reason_patterns.iter().any(|re| re.is_match(scope));
                let opening = doc.norm[s.clone()].to_lowercase();
                if self.concessive.iter().any(|c| {
                    opening.starts_with(c.as_str())
                        && !opening[c.len()..].starts_with(char::is_alphanumeric)
                }) {
                    continue;
                }
                let src = doc.src_range(s.clone());
                let scope_src = doc.src_range(s.start..scope_end);
                let pending = cx.pending(scope_src.start..scope_src.end + 1);
                if has_reason || self.reasons.is_match(&pending) {
                    continue;
                }
                let fix = Fix {
                    applicability: Applicability::Manual,
                    description: "Give the reason for the decision".into(),
                    edits: vec![Edit {
                        start: src.end,
                        end: src.end,
                        replacement: self.reasons_insert.clone(),
                    }],
                };
                cx.report(self.no_reasons, src, vec![], vec![fix]);
            }
        }
    }
}
