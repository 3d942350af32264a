//! Principle: "Staff make sure everyone is told about their right to complain to the
//! Ombudsman in the written final response to a complaint."
//!
//! Rules: `ombudsman-missing`, `ombudsman-wrong-body`, `ombudsman-no-contact`,
//! `ombudsman-no-time-limit`, `ombudsman-outdated`, `fos-referral-wording`. The bodies,
//! cue words, patterns and suggested wording are in `rules/ombudsman.toml` and
//! `rules/signposting.toml`.
//!
//! A *mention* is a body's name, abbreviation or old name, or the generic word
//! "Ombudsman". A mention is *signposting* when its sentence carries a referral cue
//! ("you can", "refer", "contact"…) and it is not a passing reference such as "the
//! Ombudsman's Complaint Handling Code". Quoted words are never mentions.

use super::pattern::TextPattern as Regex;
use super::{pack_error, Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::{Document, MaskKind};
use crate::error::Error;
use crate::facts::Sector;
use crate::rules::{normalise_phrase, OmbudsmanDef, Pack, PhraseSet};
use std::ops::Range;

#[derive(Debug, Clone, Copy)]
struct NameTag {
    body: usize,
    outdated: Option<usize>,
    abbreviation: bool,
}

#[derive(Debug, Clone)]
struct Mention {
    range: Range<usize>,
    /// The body named, or `None` for the generic word.
    tag: Option<NameTag>,
}

/// One accepted form of the FCA wording: clauses of alternatives, each a word list.
struct Form {
    clauses: Vec<Vec<Vec<String>>>,
    display: Vec<String>,
    text: String,
}

/// The compiled Ombudsman check.
pub struct OmbudsmanCheck {
    bodies: Vec<OmbudsmanDef>,
    unknown: usize,
    fos: usize,
    names: PhraseSet,
    tags: Vec<NameTag>,
    generic: PhraseSet,
    cues: PhraseSet,
    not_after: Vec<String>,
    time_limits: Vec<Regex>,
    phone: Regex,
    contact_words: Vec<String>,
    time_words: Vec<String>,
    domains: Vec<String>,
    phones: Vec<String>,
    emails: Vec<String>,
    markers: Vec<String>,
    forms: Vec<Form>,
    missing: RuleId,
    wrong: RuleId,
    no_contact: RuleId,
    no_time: RuleId,
    outdated: RuleId,
    wording: RuleId,
}

/// A `[signposting]` pattern compiled by `compile` ([`Regex::new`] for whole letters,
/// [`Regex::for_passages`] for the paragraphs around an Ombudsman's name).
fn regex(p: &str, compile: fn(&str) -> Result<Regex, String>) -> Result<Regex, Error> {
    compile(p).map_err(|e| pack_error("[signposting]", format!("bad pattern `{p}`: {e}")))
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Lower-case words (letters, digits, apostrophes inside words) of `text`.
fn words(text: &str) -> Vec<String> {
    normalise_phrase(text)
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

impl OmbudsmanCheck {
    /// Compiles the bodies and signposting data of the pack.
    pub fn new(pack: &Pack, rules: &RuleTable) -> Result<OmbudsmanCheck, Error> {
        let rule = |id: &str| {
            rules
                .id(id)
                .ok_or_else(|| pack_error("rules/", format!("missing rule `{id}`")))
        };
        let bodies = pack.ombudsman.clone();
        let find = |id: &str| bodies.iter().position(|b| b.id == id);
        let unknown = find("unknown")
            .ok_or_else(|| pack_error("rules/ombudsman.toml", "no `unknown` body".into()))?;
        let fos = find(&pack.fos_wording.body).unwrap_or(unknown);
        let mut nb = PhraseSet::builder();
        let mut tags = Vec::new();
        for (bi, b) in bodies.iter().enumerate() {
            let mut add = |p: &str, cs: bool, tag: NameTag| {
                nb.add(p, tags.len() as u32, cs);
                tags.push(tag);
            };
            for n in &b.names {
                add(
                    n,
                    false,
                    NameTag {
                        body: bi,
                        outdated: None,
                        abbreviation: false,
                    },
                );
            }
            for a in &b.abbreviations {
                add(
                    a,
                    true,
                    NameTag {
                        body: bi,
                        outdated: None,
                        abbreviation: true,
                    },
                );
            }
            for (oi, o) in b.outdated.iter().enumerate() {
                for f in &o.find {
                    add(
                        f,
                        o.case_sensitive,
                        NameTag {
                            body: bi,
                            outdated: Some(oi),
                            abbreviation: false,
                        },
                    );
                }
            }
        }
        let sp = &pack.signposting;
        let set = |list: &[String]| {
            let mut b = PhraseSet::builder();
            for p in list {
                b.add(p, 0, false);
            }
            b.build()
        };
        let forms = pack
            .fos_wording
            .form
            .iter()
            .map(|f| Form {
                clauses: f
                    .clauses
                    .iter()
                    .map(|alts| alts.iter().map(|a| words(a)).collect())
                    .collect(),
                display: f
                    .clauses
                    .iter()
                    .map(|alts| alts.first().cloned().unwrap_or_default())
                    .collect(),
                text: f.text.clone(),
            })
            .collect();
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        Ok(OmbudsmanCheck {
            names: nb.build(),
            tags,
            generic: set(&sp.generic),
            cues: set(&sp.referral_cues),
            not_after: sp
                .not_referral_after
                .iter()
                .map(|s| normalise_phrase(s).to_lowercase())
                .collect(),
            time_limits: sp
                .time_limit_patterns
                .iter()
                .map(|p| regex(p, Regex::for_passages))
                .collect::<Result<_, _>>()?,
            phone: regex(&sp.phone_pattern, Regex::new)?,
            contact_words: lower(&sp.contact_placeholder_words),
            time_words: lower(&sp.time_placeholder_words),
            domains: bodies
                .iter()
                .flat_map(|b| &b.websites)
                .map(|w| w.trim_start_matches("www.").to_lowercase())
                .collect(),
            phones: bodies
                .iter()
                .flat_map(|b| &b.phones)
                .map(|p| digits(p))
                .filter(|d| d.len() >= 6)
                .collect(),
            emails: bodies
                .iter()
                .flat_map(|b| &b.emails)
                .map(|e| e.to_lowercase())
                .collect(),
            markers: bodies
                .iter()
                .flat_map(|b| &b.address_markers)
                .map(|m| m.to_lowercase())
                .collect(),
            forms,
            bodies,
            unknown,
            fos,
            missing: rule("ombudsman-missing")?,
            wrong: rule("ombudsman-wrong-body")?,
            no_contact: rule("ombudsman-no-contact")?,
            no_time: rule("ombudsman-no-time-limit")?,
            outdated: rule("ombudsman-outdated")?,
            wording: rule("fos-referral-wording")?,
        })
    }

    /// Flags, per block of `doc`, whether it names an Ombudsman (such blocks do not vote
    /// for the letter's sector).
    pub fn mention_blocks(&self, doc: &Document) -> Vec<bool> {
        let mut flags = vec![false; doc.blocks.len()];
        for m in self
            .names
            .find_all_in(doc, 0..doc.norm.len())
            .into_iter()
            .chain(self.generic.find_all_in(doc, 0..doc.norm.len()))
        {
            if let Some(b) = doc.block_at(m.range.start) {
                flags[b] = true;
            }
        }
        flags
    }

    fn mentions(&self, doc: &Document) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        for m in self.names.find_all_in(doc, 0..doc.norm.len()) {
            if !doc.in_quote(&m.range) {
                out.push(Mention {
                    range: m.range,
                    tag: Some(self.tags[m.tag as usize]),
                });
            }
        }
        for m in self.generic.find_all_in(doc, 0..doc.norm.len()) {
            let overlaps = out
                .iter()
                .any(|n| n.range.start < m.range.end && m.range.start < n.range.end);
            if !overlaps && !doc.in_quote(&m.range) {
                out.push(Mention {
                    range: m.range,
                    tag: None,
                });
            }
        }
        out.sort_by_key(|m| m.range.start);
        out
    }

    fn is_signposting(&self, doc: &Document, m: &Mention) -> Option<Range<usize>> {
        let after = doc.norm_ahead(m.range.end, 64).to_lowercase();
        if self
            .not_after
            .iter()
            .any(|n| after.starts_with(n.as_str()) || after.starts_with(&format!(" {n}")))
        {
            return None;
        }
        let s = doc.sentence_at(m.range.start)?;
        self.cues.is_match_in(doc, s.clone()).then_some(s)
    }

    /// The body that covers `sector`.
    fn right_body(&self, sector: Sector) -> Option<usize> {
        if sector == Sector::Unknown {
            return None;
        }
        self.bodies.iter().position(|b| b.sectors.contains(&sector))
    }

    fn has_contact(&self, doc: &Document, blocks: &[usize]) -> bool {
        for m in &doc.masks {
            let t = doc.src[m.range.clone()].to_lowercase();
            match m.kind {
                MaskKind::Url
                    if t.contains("ombudsman")
                        || self.domains.iter().any(|d| t.contains(d.as_str())) =>
                {
                    return true
                }
                MaskKind::Email if t.contains("ombudsman") || self.emails.contains(&t) => {
                    return true
                }
                _ => {}
            }
        }
        let lower = doc.src.to_lowercase();
        if self.markers.iter().any(|m| lower.contains(m.as_str())) {
            return true;
        }
        for p in self.phone.find_iter(doc.src) {
            let d = digits(&doc.src[p]);
            if self.phones.contains(&d) {
                return true;
            }
        }
        for &bi in blocks {
            let r = doc.blocks[bi].range.clone();
            if self.phone.is_match(&doc.src[r.clone()]) {
                return true;
            }
            if self.placeholder_says(doc, r, &self.contact_words) {
                return true;
            }
        }
        false
    }

    fn placeholder_says(&self, doc: &Document, r: Range<usize>, words: &[String]) -> bool {
        doc.masks_in(r).any(|m| {
            m.kind == MaskKind::Placeholder && {
                let t = doc.src[m.range.clone()].to_lowercase();
                words.iter().any(|w| t.contains(w.as_str()))
            }
        })
    }

    fn has_time_limit(&self, doc: &Document, blocks: &[usize]) -> bool {
        let mut near: Vec<usize> = Vec::new();
        for &b in blocks {
            near.extend(b.saturating_sub(1)..=(b + 1).min(doc.blocks.len() - 1));
        }
        near.sort_unstable();
        near.dedup();
        near.iter().any(|&b| {
            let text = doc.block_text(b);
            self.time_limits.iter().any(|re| re.is_match(text))
                || self.placeholder_says(doc, doc.blocks[b].range.clone(), &self.time_words)
        })
    }

    fn body_name_for(&self, body: usize, abbreviation: bool) -> String {
        let b = &self.bodies[body];
        if abbreviation {
            if let Some(a) = b.abbreviations.first() {
                return a.clone();
            }
        }
        b.name.clone()
    }

    fn fix(applicability: Applicability, description: String, at: usize, text: String) -> Fix {
        let applicability = if text.contains("[[") {
            Applicability::Manual
        } else {
            applicability
        };
        Fix {
            applicability,
            description,
            edits: vec![Edit {
                start: at,
                end: at,
                replacement: text,
            }],
        }
    }

    fn check_wording(&self, cx: &mut Cx, signposts: &[(Mention, Range<usize>)]) {
        let doc = cx.doc;
        let text_words = words(&doc.norm);
        let passes = self.forms.iter().any(|f| {
            f.clauses
                .iter()
                .all(|alts| alts.iter().any(|a| contains_seq(&text_words, a)))
        });
        if passes || self.forms.is_empty() {
            return;
        }
        let first = &self.forms[0];
        let missing = first
            .clauses
            .iter()
            .zip(&first.display)
            .find(|(alts, _)| !alts.iter().any(|a| contains_seq(&text_words, a)))
            .map_or_else(String::new, |(_, d)| format!("missing “{d}”"));
        let (_, sentence) = &signposts[0];
        let src = doc.src_range(sentence.clone());
        let block = doc
            .block_at(sentence.start)
            .map_or(src.start, |b| doc.blocks[b].range.start);
        let line_start = doc.line_start(block);
        let fix = Fix {
            applicability: Applicability::Manual,
            description: "Insert the FCA's required wording (DISP 1 Annex 3R); then remove your own referral sentences".into(),
            edits: vec![Edit { start: line_start, end: line_start, replacement: format!("{}\n\n", first.text.trim()) }],
        };
        cx.report(self.wording, src, vec![("missing", missing)], vec![fix]);
    }
}

impl Check for OmbudsmanCheck {
    fn name(&self) -> &'static str {
        "check ombudsman"
    }

    fn run(&self, cx: &mut Cx) {
        let rules = [
            self.missing,
            self.wrong,
            self.no_contact,
            self.no_time,
            self.outdated,
            self.wording,
        ];
        if !rules.iter().any(|&r| cx.active(r)) {
            return;
        }
        let doc = cx.doc;
        let sector = cx.facts.sector;
        let mentions = self.mentions(doc);

        // A body is wrong when the sector is known, a body is named, and none of the
        // bodies named covers the sector; its mentions are then wrong-body findings.
        let right = self.right_body(sector);
        let named: Vec<usize> = {
            let mut v: Vec<usize> = mentions
                .iter()
                .filter_map(|m| m.tag.map(|t| t.body))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let wrong_named = right.is_some_and(|r| !named.is_empty() && !named.contains(&r));
        let is_wrong = |t: &NameTag| {
            wrong_named && t.body != self.unknown && !self.bodies[t.body].sectors.contains(&sector)
        };

        // Outdated names and addresses (not of a wrong body: that finding covers them).
        for m in &mentions {
            if m.tag.as_ref().is_some_and(is_wrong) {
                continue;
            }
            let Some(NameTag {
                body,
                outdated: Some(oi),
                ..
            }) = m.tag
            else {
                continue;
            };
            let od = &self.bodies[body].outdated[oi];
            let src = doc.src_range(m.range.clone());
            let found = doc.quote(src.clone());
            let fix = Fix {
                applicability: od.applicability,
                description: format!("Replace “{found}” with “{}”", od.replace),
                edits: vec![Edit {
                    start: src.start,
                    end: src.end,
                    replacement: od.replace.clone(),
                }],
            };
            let fields = vec![
                ("found", found),
                ("replacement", od.replace.clone()),
                ("what", od.what.clone()),
            ];
            cx.report(self.outdated, src, fields, vec![fix]);
        }

        let signposts: Vec<(Mention, Range<usize>)> = mentions
            .iter()
            .filter_map(|m| self.is_signposting(doc, m).map(|s| (m.clone(), s)))
            .collect();
        let template_signpost = doc.masks.iter().any(|m| {
            m.kind == MaskKind::Placeholder
                && doc.src[m.range.clone()]
                    .to_lowercase()
                    .contains("ombudsman")
        });
        let target = match right {
            Some(r) => r,
            None => named.first().copied().unwrap_or(self.unknown),
        };
        let body = &self.bodies[target];

        if signposts.is_empty() {
            if template_signpost {
                return;
            }
            let (range, at, text) = match &cx.facts.sign_off {
                Some(s) => (
                    s.range.clone(),
                    s.line_start,
                    format!("{}\n\n", body.paragraph.trim()),
                ),
                None => match doc.blocks.last() {
                    Some(b) => (
                        b.range.clone(),
                        b.range.end,
                        format!("\n\n{}", body.paragraph.trim()),
                    ),
                    // no prose at all: put the paragraph first, where it is prose
                    None => (0..0, 0, format!("{}\n\n", body.paragraph.trim())),
                },
            };
            let fix = Fix {
                applicability: Applicability::Manual,
                description: format!(
                    "Insert a paragraph signposting the {}",
                    body.name.trim_start_matches("the ")
                ),
                edits: vec![Edit {
                    start: at,
                    end: at,
                    replacement: text,
                }],
            };
            let name = if target == self.unknown {
                "Ombudsman".to_string()
            } else {
                body.name.clone()
            };
            cx.report(self.missing, range, vec![("body", name)], vec![fix]);
            return;
        }

        // Wrong body: a body is named, none of the named ones covers the sector.
        if let (Some(r), true) = (right, wrong_named) {
            {
                for m in &mentions {
                    let Some(t) = m.tag else { continue };
                    if self.bodies[t.body].sectors.contains(&sector) || t.body == self.unknown {
                        continue;
                    }
                    let src = doc.src_range(m.range.clone());
                    let found = doc.quote(src.clone());
                    let replacement = self.body_name_for(r, t.abbreviation);
                    let fix = Fix {
                        applicability: Applicability::Unsafe,
                        description: format!("Replace “{found}” with “{replacement}”"),
                        edits: vec![Edit {
                            start: src.start,
                            end: src.end,
                            replacement,
                        }],
                    };
                    let fields = vec![
                        ("found", format!("The {}", found.trim_start_matches("the "))),
                        ("sector", sector.as_str().to_string()),
                        ("body", self.bodies[r].name.clone()),
                    ];
                    cx.report(self.wrong, src, fields, vec![fix]);
                }
            }
        }

        let blocks: Vec<usize> = {
            let mut v: Vec<usize> = signposts
                .iter()
                .filter_map(|(m, _)| doc.block_at(m.range.start))
                .collect();
            v.dedup();
            v
        };
        // With the wrong body named, adding the right body's details is only safe together
        // with the (unsafe) change of name.
        let details_applicability = if wrong_named {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let (_, first_sentence) = &signposts[0];
        let sentence_src = doc.src_range(first_sentence.clone());
        let body_name = if target == self.unknown {
            "Ombudsman".to_string()
        } else {
            body.name.clone()
        };
        if !self.has_contact(doc, &blocks) {
            let fix = Self::fix(
                details_applicability,
                format!("Add the {}'s contact details", body_name),
                sentence_src.end,
                format!(" {}", body.contact_sentence.trim()),
            );
            cx.report(
                self.no_contact,
                sentence_src.clone(),
                vec![("body", body_name.clone())],
                vec![fix],
            );
        }
        if !self.has_time_limit(doc, &blocks) {
            let fix = Self::fix(
                details_applicability,
                format!("State the {}'s time limit", body_name),
                sentence_src.end,
                format!(" {}", body.time_limit_sentence.trim()),
            );
            let fields = vec![
                ("body", body_name.clone()),
                ("months", body.time_limit_months.to_string()),
            ];
            cx.report(self.no_time, sentence_src.clone(), fields, vec![fix]);
        }
        if sector == Sector::Financial && cx.active(self.wording) {
            let fos_named = named.contains(&self.fos) || named.is_empty();
            if fos_named {
                self.check_wording(cx, &signposts);
            }
        }
    }
}
