//! Principle: "Complaint responses should focus on the actions of the organisation
//! rather than the individual … rather than seeking to blame individual error."
//!
//! Rule: `blames-individual`. A described individual ("the officer", "your caseworker",
//! "one of our advisors") followed by a fault verb ("failed to", "was at fault") is
//! rewritten as "we" with the verb agreed; wording that names individual error without a
//! subject ("an individual error by") is reported without a fix. Roles, determiners and
//! verbs are in `rules/blame.toml`.

use super::pattern::Pattern;
use super::{phrase_set, rule_data, rule_id, Check, Cx, RuleId, RuleTable};
use crate::checks::phrases::match_case;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::error::Error;
use crate::rules::{Pack, PhraseSet};
use serde::Deserialize;
use std::ops::Range;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    determiners: Vec<String>,
    roles: Vec<String>,
    verbs: Vec<[String; 2]>,
    individual_error: Vec<String>,
    manual: String,
}

/// The compiled blame check.
pub struct BlameCheck {
    re: Pattern,
    named: Pattern,
    verbs: Vec<(String, String)>,
    individual: PhraseSet,
    rule: RuleId,
}

fn alternation(list: &[String]) -> String {
    let mut v: Vec<&String> = list.iter().collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.iter()
        .map(|s| regex::escape(s).replace("\\ ", r"\s+").replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

impl BlameCheck {
    /// Compiles the pack's data into one regular expression.
    pub fn new(pack: &Pack, rules: &RuleTable) -> Result<BlameCheck, Error> {
        let d: Data = rule_data(pack, "blames-individual")?;
        let verbs: Vec<String> = d.verbs.iter().map(|[a, _]| a.clone()).collect();
        let pattern = format!(
            r"(?i)\b(?:{})\s+(?:[\w-]+\s+){{0,2}}?(?:{})\s+(?P<verb>{})\b",
            alternation(&d.determiners),
            alternation(&d.roles),
            alternation(&verbs)
        );
        let _ = d.manual;
        // a titled name ("Officer Smith failed to"), titles from rules/officers.toml
        let titles: Vec<String> = pack
            .officers
            .staff_titles
            .iter()
            .chain(&pack.officers.neutral_titles)
            .cloned()
            .collect();
        let named = format!(
            r"\b(?:{})\.?\s+(?:\p{{Lu}}[\p{{L}}'-]*\s+){{0,2}}\p{{Lu}}[\p{{L}}'-]*,?\s+(?P<verb>{})\b",
            alternation(&titles),
            alternation(&verbs)
        );
        Ok(BlameCheck {
            named: super::compile_pattern(&named, "blames-individual")?,
            re: super::compile_pattern(&pattern, "blames-individual")?,
            verbs: d
                .verbs
                .into_iter()
                .map(|[a, b]| (a.to_lowercase(), b))
                .collect(),
            individual: phrase_set(&d.individual_error, false),
            rule: rule_id(rules, "blames-individual")?,
        })
    }
}

impl Check for BlameCheck {
    fn name(&self) -> &'static str {
        "check blame"
    }

    fn run(&self, cx: &mut Cx) {
        if !cx.active(self.rule) {
            return;
        }
        let doc = cx.doc;
        let mut found = Vec::new();
        let caps: Vec<(Range<usize>, Range<usize>)> = self
            .re
            .captures_iter(doc)
            .chain(self.named.captures_iter(doc))
            .filter_map(|c| Some((c.get(0)?, c.name("verb")?)))
            .collect();
        for (r, v) in caps {
            if !cx.judged(&r) {
                continue;
            }
            let verb = doc.norm[v]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let agreed = self
                .verbs
                .iter()
                .find(|(a, _)| *a == verb)
                .map_or(verb.clone(), |(_, b)| b.clone());
            let src = doc.src_range(r);
            let text = doc.quote(src.clone());
            let replacement = match_case(&text, &format!("we {agreed}"));
            if text.contains(',') {
                // "Our receptionist, Mrs Carol Dunn, failed to": no clean rewrite
                found.push((src, text, vec![]));
                continue;
            }
            let fix = Fix {
                applicability: Applicability::Unsafe,
                description: format!("Take responsibility as the organisation: “{replacement}”"),
                edits: vec![Edit {
                    start: src.start,
                    end: src.end,
                    replacement,
                }],
            };
            found.push((src, text, vec![fix]));
        }
        for m in self.individual.find_all_in(doc, 0..doc.norm.len()) {
            if cx.judged(&m.range) {
                let src = doc.src_range(m.range);
                if found
                    .iter()
                    .any(|(f, _, _)| f.start < src.end && src.start < f.end)
                {
                    continue;
                }
                let text = doc.quote(src.clone());
                found.push((src, text, vec![]));
            }
        }
        for (src, text, fixes) in found {
            cx.report(self.rule, src, vec![("found", text)], fixes);
        }
    }
}
