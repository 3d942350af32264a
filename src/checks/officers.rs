//! Principle: "When responding to complaints organisations should, where possible,
//! anonymise details of individual officers complained of."
//!
//! Rules: `named-officer` (each mention of a member of staff, with the fix for the
//! configured mode) and `officer-pronoun` (he/she/his/her referring to one). Detection
//! and rewriting are in [`crate::anonymise`]; the data in `rules/officers.toml`.

use super::{rule_id, Check, Cx, RuleId, RuleTable};
use crate::anonymise::{pronouns::Pronouns, Detector, Mode, People, Writer};
use crate::config::Config;
use crate::diagnostic::{Applicability, Fix};
use crate::error::Error;
use crate::rules::Pack;

/// The compiled officer checks.
pub struct OfficersCheck {
    /// The detector (with the configured roster).
    pub detector: Detector,
    /// How officers are written.
    pub writer: Writer,
    pronouns: Pronouns,
    mode: Mode,
    named: RuleId,
    pronoun: RuleId,
}

impl OfficersCheck {
    /// Compiles the detector with the configuration's roster and mode.
    pub fn new(pack: &Pack, rules: &RuleTable, config: &Config) -> Result<OfficersCheck, Error> {
        let roster = config.roster_entries()?;
        Ok(OfficersCheck {
            detector: Detector::new(&pack.officers, roster)
                .map_err(|m| super::pack_error("[officers]", m))?
                .with_organisations(
                    pack.ombudsman
                        .iter()
                        .flat_map(|o| std::iter::once(&o.name).chain(&o.names))
                        .map(String::as_str),
                ),
            writer: Writer::new(&pack.officers),
            pronouns: Pronouns::new(&pack.officers),
            mode: config.mode.unwrap_or_default(),
            named: rule_id(rules, "named-officer")?,
            pronoun: rule_id(rules, "officer-pronoun")?,
        })
    }

    /// The people of the letter in `cx`.
    pub fn people(&self, cx: &Cx) -> People {
        self.detector.detect(cx.doc, cx.facts)
    }

    /// Reports the officers of `people` in `mode`.
    pub fn report(&self, cx: &mut Cx, people: &People, mode: Mode) {
        if cx.active(self.named) {
            for f in self.writer.fixes(cx.doc, people, mode) {
                cx.report(
                    self.named,
                    f.mention.src.clone(),
                    vec![("label", f.label.clone())],
                    f.fixes,
                );
            }
        }
        if cx.active(self.pronoun) {
            for p in self.pronouns.find(cx.doc, people) {
                let fix = Fix {
                    applicability: Applicability::Unsafe,
                    description: format!("Write “{}”", p.edit.replacement),
                    edits: vec![p.edit],
                };
                cx.report(self.pronoun, p.src, vec![("found", p.found)], vec![fix]);
            }
        }
    }
}

impl Check for OfficersCheck {
    fn name(&self) -> &'static str {
        "check officers"
    }

    fn run(&self, cx: &mut Cx) {
        if !cx.active(self.named) && !cx.active(self.pronoun) {
            return;
        }
        let people = self.people(cx);
        self.report(cx, &people, self.mode);
    }
}
