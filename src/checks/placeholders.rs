//! Principle: "anonymise details of individual officers complained of by … referring to
//! them as “the officer” or “Officer A”". Rule: `named-officer-placeholder`, a template
//! placeholder in the body of the letter that stands for a member of staff's name
//! (`[Officer name]`, `{{officer_name}}`, `«CaseHandler»`): the template invites the
//! very name the guidance asks letters to leave out. Placeholders after the sign-off
//! stand for the signatory and are fine, and so does one in a sentence about handling
//! the complaint ("[Officer name] will look into your complaint"). The words are the
//! rule's `[rule.data]` and the staff roles of `[officers]` in `rules/officers.toml`.

use super::{rule_data, rule_id, Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::MaskKind;
use crate::error::Error;
use crate::rules::Pack;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    /// Words for staff, on top of the officer detector's `staff_roles`.
    staff_words: Vec<String>,
    /// Words that make a placeholder something other than the name of the officer
    /// complained about (`[Officer job title]`, `{{complaints_officer}}`, who answers).
    not_words: Vec<String>,
    /// Words in the placeholder's sentence that make it the person handling the
    /// complaint ("[Officer name] will look into your complaint"), not one complained of.
    handler_cues: Vec<String>,
    /// What the placeholder becomes.
    replacement: String,
}

/// The compiled check.
pub struct PlaceholderCheck {
    /// Staff words as padded lower-case token sequences (" case handler ").
    staff: Vec<String>,
    not: Vec<String>,
    handler: crate::rules::PhraseSet,
    replacement: String,
    rule: RuleId,
}

/// The words of a placeholder's inside, lower-case, split at punctuation, `_` and
/// camel-case humps, padded with spaces: `{{caseHandler_name}}` → " case handler name ".
fn words(inner: &str) -> String {
    let mut out = String::from(" ");
    let mut prev_lower = false;
    for c in inner.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            prev_lower = false;
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

impl PlaceholderCheck {
    /// Reads the rule's data.
    pub fn new(pack: &Pack, rules: &RuleTable) -> Result<PlaceholderCheck, Error> {
        let d: Data = rule_data(pack, "named-officer-placeholder")?;
        // each word padded, and its plural (" officers "), so a lookup is one `contains`
        let forms = |w: &String| {
            let w = words(w);
            [format!("{}s ", w.trim_end()), w]
        };
        let mut staff: Vec<String> = d
            .staff_words
            .iter()
            .chain(&pack.officers.staff_roles)
            .flat_map(forms)
            .collect();
        staff.sort();
        staff.dedup();
        Ok(PlaceholderCheck {
            staff,
            not: d.not_words.iter().flat_map(forms).collect(),
            handler: super::phrase_set(&d.handler_cues, false),
            replacement: d.replacement,
            rule: rule_id(rules, "named-officer-placeholder")?,
        })
    }

    fn stands_for_officer(&self, inner: &str) -> bool {
        let w = words(inner);
        let has = |list: &[String]| list.iter().any(|x| w.contains(x.as_str()));
        has(&self.staff) && !has(&self.not)
    }
}

impl Check for PlaceholderCheck {
    fn name(&self) -> &'static str {
        "check placeholders"
    }

    fn run(&self, cx: &mut Cx) {
        if !cx.active(self.rule) {
            return;
        }
        let doc = cx.doc;
        let end = cx
            .facts
            .sign_off
            .as_ref()
            .map_or(doc.src.len(), |s| s.line_start);
        let mut found = Vec::new();
        for m in &doc.masks {
            if m.kind != MaskKind::Placeholder || m.range.start >= end {
                continue;
            }
            let text = &doc.src[m.range.clone()];
            if text.starts_with("[[") {
                continue; // letterlint's own: content still to write, not a merge field
            }
            if !self.stands_for_officer(text) {
                continue;
            }
            // "[Officer name], [Job title], will look into your complaint": the handler.
            let sentence = doc.sentence_at(doc.norm_pos(m.range.start));
            if sentence.is_some_and(|s| self.handler.is_match_in(doc, s)) {
                continue;
            }
            let before = doc.src[..m.range.start].trim_end_matches([' ', '\t', '*', '_']);
            let starts_sentence = before.is_empty()
                || before.ends_with(['.', '!', '?', '\n', ':', '#', '>'])
                || before.ends_with("- ");
            let mut replacement = self.replacement.clone();
            if starts_sentence {
                if let Some(first) = replacement.get(..1) {
                    replacement = first.to_uppercase() + &replacement[1..];
                }
            }
            found.push((m.range.clone(), text.to_string(), replacement));
        }
        for (range, text, replacement) in found {
            let fix = Fix {
                applicability: Applicability::Unsafe,
                description: format!("Write “{replacement}”"),
                edits: vec![Edit {
                    start: range.start,
                    end: range.end,
                    replacement,
                }],
            };
            cx.report(self.rule, range, vec![("placeholder", text)], vec![fix]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn placeholder_words_split_at_case_and_punctuation() {
        assert_eq!(words("{{caseHandler_name}}"), " case handler name ");
        assert_eq!(words("[Officer name]"), " officer name ");
        assert_eq!(words("«Investigating_Officer»"), " investigating officer ");
        assert_eq!(words("$OFFICER$"), " officer ");
    }

    #[test]
    fn officer_placeholders_but_not_titles_teams_or_the_investigator() {
        use crate::checks::RuleTable;
        use crate::rules::Pack;
        let pack = Pack::builtin().unwrap();
        let rules = RuleTable::new(&pack, &crate::Config::default()).unwrap();
        let c = super::PlaceholderCheck::new(&pack, &rules).unwrap();
        for yes in [
            "[Officer name]",
            "{{officer_name}}",
            "<<CaseOfficerName>>",
            "«Housing_Officer»",
            "[Name of member of staff]",
            "[Manager's name]",
            "{{ caseworker }}",
        ] {
            assert!(c.stands_for_officer(yes), "{yes}");
        }
        for no in [
            "[Officer job title]",
            "{{complaints_officer_name}}",
            "[Name of investigating officer]",
            "[Your name]",
            "{{complainant_name}}",
            "[Team name]",
            "{{service_area}}",
            "[Date]",
        ] {
            assert!(!c.stands_for_officer(no), "{no}");
        }
    }
}
