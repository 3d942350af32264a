//! Principle: "Acknowledging mistakes and apologising where appropriate", with apologies
//! that are "meaningful, sincere, and openly reflect the impact on the individual".
//!
//! Rules: `non-apology` (conditional or deflecting apologies, from the `form` patterns of
//! `rules/apology.toml`) and `apology-missing` (the letter finds fault but has no genuine
//! apology: an apology pattern that is not part of a non-apology, not sympathy, and in
//! the organisation's own words).

use super::pattern::Pattern;
use super::{compile_pattern, phrase_set, rule_data, rule_id, Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::error::Error;
use crate::rules::{Pack, PhraseSet};
use serde::Deserialize;
use std::ops::Range;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NonApologyData {
    owned: String,
    manual: String,
    manual_passive: String,
    owner_words: Vec<String>,
    form: Vec<FormData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormData {
    pattern: String,
    #[serde(default)]
    owned: bool,
    #[serde(default)]
    passive: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MissingData {
    apologies: Vec<String>,
    not_apologies: Vec<String>,
    insert: String,
}

struct Form {
    re: Pattern,
    owned: bool,
    passive: bool,
}

/// The compiled apology checks.
pub struct ApologyCheck {
    forms: Vec<Form>,
    owned: String,
    manual: String,
    manual_passive: String,
    owners: Vec<String>,
    apologies: Vec<Pattern>,
    sympathy: PhraseSet,
    insert: String,
    non_apology: RuleId,
    missing: RuleId,
}

impl ApologyCheck {
    /// Compiles the pack's apology data.
    pub fn new(pack: &Pack, rules: &RuleTable) -> Result<ApologyCheck, Error> {
        let n: NonApologyData = rule_data(pack, "non-apology")?;
        let m: MissingData = rule_data(pack, "apology-missing")?;
        let forms = n
            .form
            .iter()
            .map(|f| {
                Ok(Form {
                    re: compile_pattern(&f.pattern, "non-apology")?,
                    owned: f.owned,
                    passive: f.passive,
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(ApologyCheck {
            forms,
            owned: n.owned,
            manual: n.manual,
            manual_passive: n.manual_passive,
            owners: n.owner_words.iter().map(|w| w.to_lowercase()).collect(),
            apologies: m
                .apologies
                .iter()
                .map(|p| compile_pattern(p, "apology-missing"))
                .collect::<Result<_, _>>()?,
            sympathy: phrase_set(&m.not_apologies, false),
            insert: m.insert,
            non_apology: rule_id(rules, "non-apology")?,
            missing: rule_id(rules, "apology-missing")?,
        })
    }

    /// Non-apologies in the organisation's own words (norm ranges, with their form).
    fn non_apologies<'a>(&'a self, cx: &Cx) -> Vec<(Range<usize>, &'a Form)> {
        let mut out: Vec<(Range<usize>, &Form)> = Vec::new();
        for f in &self.forms {
            for r in f.re.find_iter(cx.doc) {
                if cx.judged(&r) && !out.iter().any(|(o, _)| o.start < r.end && r.start < o.end) {
                    out.push((r, f));
                }
            }
        }
        out.sort_by_key(|(r, _)| r.start);
        out
    }

    /// The fix for a non-apology: owned when the clause after it says what we did.
    fn fix(&self, cx: &Cx, r: &Range<usize>, form: &Form) -> Fix {
        let doc = cx.doc;
        let rest = &doc.norm[r.end..];
        let next = rest.trim_start();
        let rest_lower = next.to_lowercase();
        let owned = form.owned
            && self.owners.iter().any(|w| {
                rest_lower.starts_with(w.as_str())
                    && !rest_lower[w.len()..].starts_with(|c: char| c.is_alphanumeric())
            });
        let src = doc.src_range(r.clone());
        if owned {
            let gap = rest.len() - next.len();
            let end = doc.src_range(r.end..r.end + gap).end.max(src.end);
            return Fix {
                applicability: Applicability::Unsafe,
                description: "Own the fault: “I am sorry that we …”".into(),
                edits: vec![Edit {
                    start: src.start,
                    end,
                    replacement: self.owned.clone(),
                }],
            };
        }
        // Manual: replace the apology and the rest of its clause with a placeholder.
        let clause_end = rest
            .find(['.', ',', ';', ':', '!', '?', '\n'])
            .unwrap_or(rest.len());
        let end = if clause_end == 0 {
            src.end
        } else {
            doc.src_range(r.start..r.end + clause_end).end
        };
        let text = if form.passive {
            &self.manual_passive
        } else {
            &self.manual
        };
        Fix {
            applicability: Applicability::Manual,
            description: "Say what you are sorry for, and its impact".into(),
            edits: vec![Edit {
                start: src.start,
                end,
                replacement: text.clone(),
            }],
        }
    }

    fn has_genuine_apology(&self, cx: &Cx, non: &[(Range<usize>, &Form)]) -> bool {
        let doc = cx.doc;
        let sympathy = self.sympathy.find_all_in(doc, 0..doc.norm.len());
        for re in &self.apologies {
            for r in re.find_iter(doc) {
                let in_non = non.iter().any(|(n, _)| n.start < r.end && r.start < n.end);
                let sym = sympathy
                    .iter()
                    .any(|s| s.range.start < r.end + 12 && r.start < s.range.end);
                if !in_non && !sym && cx.judged(&r) {
                    return true;
                }
            }
        }
        let pending = cx.pending(0..doc.src.len());
        Pattern::any_match(&self.apologies, &pending)
    }
}

impl Check for ApologyCheck {
    fn name(&self) -> &'static str {
        "check apology"
    }

    fn run(&self, cx: &mut Cx) {
        if !cx.active(self.non_apology) && !cx.active(self.missing) {
            return;
        }
        let non = self.non_apologies(cx);
        for (r, form) in &non {
            let src = cx.doc.src_range(r.clone());
            let found = cx.doc.quote(src.clone());
            let fix = self.fix(cx, r, form);
            cx.report(self.non_apology, src, vec![("found", found)], vec![fix]);
        }
        if cx.active(self.missing) && cx.facts.fault_found() && !self.has_genuine_apology(cx, &non)
        {
            if let Some(s) = cx.facts.finding.clone() {
                let src = cx.doc.src_range(s);
                let fix = Fix {
                    applicability: Applicability::Manual,
                    description: "Apologise for what went wrong and its impact".into(),
                    edits: vec![Edit {
                        start: src.end,
                        end: src.end,
                        replacement: self.insert.clone(),
                    }],
                };
                cx.report(self.missing, src, vec![], vec![fix]);
            }
        }
    }
}
