//! Data-only requirements (`kind = "require"`): when the letter finds fault (or for every
//! decision letter), one of the rule's cues must appear in the organisation's own words
//! (or in a pending `[[placeholder]]`); if none does, the rule fires with a manual fix
//! inserting its text after the finding or before the sign-off. Serves
//! `remedy-missing`, `learning-missing`, `next-steps-missing`, and any user rule of
//! the same kind.

use super::pattern::Pattern;
use super::{compile_pattern, Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::error::Error;
use crate::rules::{normalise_phrase, Condition, InsertAt, Pack, PhraseSet, RuleKind};

struct Requirement {
    rule: RuleId,
    when: Condition,
    cues: PhraseSet,
    lowered: Vec<String>,
    patterns: Vec<Pattern>,
    not_after: PhraseSet,
    not_with: PhraseSet,
    superseded_by: Vec<RuleId>,
    insert: String,
    at: InsertAt,
}

/// Every `require` rule of the pack, compiled.
pub struct RequireCheck {
    reqs: Vec<Requirement>,
}

impl RequireCheck {
    /// Compiles every `require` rule.
    pub fn new(pack: &Pack, rules: &RuleTable) -> Result<RequireCheck, Error> {
        let mut reqs = Vec::new();
        for r in pack.rules.iter().filter(|r| r.kind == RuleKind::Require) {
            let Some(req) = &r.require else {
                return Err(super::pack_error(
                    "rules/",
                    format!("rule `{}` has kind \"require\" but no [rule.require]", r.id),
                ));
            };
            let Some(rule) = rules.id(&r.id) else {
                continue;
            };
            reqs.push(Requirement {
                rule,
                when: req.when,
                cues: super::phrase_set(&req.cues, false),
                lowered: req
                    .cues
                    .iter()
                    .map(|c| normalise_phrase(c).to_lowercase())
                    .collect(),
                patterns: req
                    .patterns
                    .iter()
                    .map(|p| compile_pattern(p, &r.id))
                    .collect::<Result<_, _>>()?,
                not_after: super::phrase_set(&req.not_after, false),
                not_with: super::phrase_set(&req.not_with, false),
                superseded_by: req
                    .superseded_by
                    .iter()
                    .filter_map(|id| rules.id(id))
                    .collect(),
                insert: req.insert.clone(),
                at: req.insert_at,
            });
        }
        Ok(RequireCheck { reqs })
    }
}

impl Check for RequireCheck {
    fn name(&self) -> &'static str {
        "check require"
    }

    fn run(&self, cx: &mut Cx) {
        let doc = cx.doc;
        let mut pending: Option<String> = None;
        for q in &self.reqs {
            if !cx.active(q.rule) || (q.when == Condition::Fault && !cx.facts.fault_found()) {
                continue;
            }
            // Another finding's fix already supplies this (the Ombudsman paragraph is the
            // next step): still report, without a fix of its own.
            let superseded = cx.out.iter().any(|f| q.superseded_by.contains(&f.rule));
            let counts = |r: &std::ops::Range<usize>| {
                cx.judged(r) && {
                    let s = doc.sentence_at(r.start).unwrap_or(r.clone());
                    // the clause around the cue: "We will call you on Monday, and we have
                    // reminded staff …" has a remedy and a lesson
                    let text = &doc.norm[s.clone()];
                    let at = r.start - s.start;
                    let bounds = [", ", "; ", " and ", " but ", " - "];
                    let c_start = bounds
                        .iter()
                        .filter_map(|b| text[..at].rfind(b).map(|i| i + b.len()))
                        .max()
                        .unwrap_or(0);
                    let c_end = bounds
                        .iter()
                        .filter_map(|b| text[at..].find(b).map(|i| at + i))
                        .min()
                        .unwrap_or(text.len());
                    !q.not_after.is_match_in(doc, s.start..r.start)
                        && !q
                            .not_with
                            .is_match_in(doc, s.start + c_start..s.start + c_end.max(c_start))
                }
            };
            let met = q
                .cues
                .find_all_in(doc, 0..doc.norm.len())
                .iter()
                .any(|m| counts(&m.range))
                || q.patterns
                    .iter()
                    .any(|re| re.find_iter(doc).any(|m| counts(&m)));
            if met {
                continue;
            }
            let pending = pending.get_or_insert_with(|| cx.pending(0..doc.src.len()));
            if q.lowered.iter().any(|c| pending.contains(c.as_str()))
                || q.patterns.iter().any(|re| re.is_match(pending))
            {
                continue;
            }
            let (span, at, text) = match (q.at, &cx.facts.finding) {
                (InsertAt::AfterFinding, Some(s)) => {
                    let src = doc.src_range(s.clone());
                    (src.clone(), src.end, q.insert.clone())
                }
                _ => {
                    let (at, blank) = cx.before_sign_off();
                    let span = cx
                        .facts
                        .sign_off
                        .as_ref()
                        .map_or(at..at, |s| s.range.clone());
                    let text = if blank {
                        format!("\n\n{}", q.insert.trim_end())
                    } else {
                        q.insert.clone()
                    };
                    (span, at, text)
                }
            };
            let fix = Fix {
                applicability: Applicability::Manual,
                description: cx.rules.get(q.rule).help.clone(),
                edits: vec![Edit {
                    start: at,
                    end: at,
                    replacement: text,
                }],
            };
            cx.report(
                q.rule,
                span,
                vec![],
                if superseded { vec![] } else { vec![fix] },
            );
        }
    }
}
