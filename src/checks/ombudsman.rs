//! Principle: "Staff make sure everyone is told about their right to complain to the
//! Ombudsman in the written final response to a complaint."
//!
//! Rules: `ombudsman-missing`, `ombudsman-wrong-body`, `escalation-not-ombudsman`,
//! `ombudsman-no-contact`, `ombudsman-no-time-limit`, `ombudsman-outdated`,
//! `fos-referral-wording`, `context-conflict`. The bodies, the routes from a letter's
//! nation and service to them, the next steps that are not an Ombudsman, cue words,
//! patterns and suggested wording are in `rules/ombudsman.toml` and
//! `rules/signposting.toml`.
//!
//! A *mention* is a body's name, abbreviation or old name, a regulator's or court's
//! name, or the generic word "Ombudsman". A mention is a *referral* when its sentence
//! carries a referral cue ("you can", "refer", "contact"…) and it is not a passing
//! reference such as "the Ombudsman's Complaint Handling Code". Quoted words are never
//! mentions. The body is judged from the referrals, paragraph by paragraph: a letter
//! that refers the complainant to a right body anywhere is not wrong; otherwise each
//! paragraph that refers them to a wrong body is one finding.

use super::pattern::TextPattern as Regex;
use super::{pack_error, Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::{Document, MaskKind};
use crate::error::Error;
use crate::facts::{Context, Nation, Service, Welsh};
use crate::rules::{normalise_phrase, EscalationDef, OmbudsmanDef, Pack, PhraseSet, RouteDef};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// An Ombudsman or scheme (`[[ombudsman]]`).
    Body(usize),
    /// A regulator, court or other next step (`[[escalation]]`).
    Escalation(usize),
}

#[derive(Debug, Clone, Copy)]
struct NameTag {
    named: Named,
    outdated: Option<usize>,
    abbreviation: bool,
}

#[derive(Debug, Clone)]
struct Mention {
    range: Range<usize>,
    /// What is named, or `None` for the generic word.
    tag: Option<NameTag>,
}

impl Mention {
    fn body(&self) -> Option<usize> {
        match self.tag?.named {
            Named::Body(b) => Some(b),
            Named::Escalation(_) => None,
        }
    }

    fn escalation(&self) -> Option<usize> {
        match self.tag?.named {
            Named::Escalation(e) => Some(e),
            Named::Body(_) => None,
        }
    }
}

/// The referrals of one paragraph (with the name and address block after it).
struct Referral {
    block: usize,
    /// The last block holding one of its mentions.
    last_block: usize,
    /// Its referral mentions, with their sentences.
    mentions: Vec<(Mention, Range<usize>)>,
}

/// The bodies a letter should signpost.
#[derive(Debug, Clone, Default)]
struct Right {
    /// The right bodies, best first (empty when the context is unknown).
    bodies: Vec<usize>,
    /// The letter may name any one of them (schemes a firm joins one of).
    choose_one: bool,
    /// The route's own paragraph for a fix to insert.
    paragraph: Option<String>,
    /// Other bodies not to call wrong (another nation's public-service Ombudsman when
    /// the nation was only presumed; both nations' when the options conflict).
    also: Vec<usize>,
}

/// One accepted form of the FCA wording: clauses of alternatives, each a word list.
struct Form {
    clauses: Vec<Vec<Vec<String>>>,
    display: Vec<String>,
    text: String,
}

/// See [`OmbudsmanCheck::signposted`].
#[derive(Debug, Clone, Default)]
pub struct Signposted {
    /// Per block: it names an Ombudsman.
    pub blocks: Vec<bool>,
    /// The one service of the scheme referred to, and why.
    pub service: Option<(Service, String)>,
}

/// The compiled Ombudsman check.
pub struct OmbudsmanCheck {
    /// Per body: the one service its routes serve, if they serve one.
    body_service: Vec<Option<Service>>,
    bodies: Vec<OmbudsmanDef>,
    routes: Vec<RouteDef>,
    /// Per route, its bodies' indexes.
    route_bodies: Vec<Vec<usize>>,
    escalations: Vec<EscalationDef>,
    welsh_paragraph: String,
    bilingual_paragraph: String,
    unknown: usize,
    fos: usize,
    names: PhraseSet,
    tags: Vec<NameTag>,
    generic: PhraseSet,
    cues: PhraseSet,
    not_after: Vec<String>,
    not_before: Vec<String>,
    time_limits: Vec<Regex>,
    phone: Regex,
    contact_words: Vec<String>,
    time_words: Vec<String>,
    signpost_words: Vec<String>,
    domains: Vec<String>,
    phones: Vec<String>,
    emails: Vec<String>,
    markers: Vec<String>,
    forms: Vec<Form>,
    missing: RuleId,
    wrong: RuleId,
    escalation: RuleId,
    conflict: RuleId,
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
                        named: Named::Body(bi),
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
                        named: Named::Body(bi),
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
                            named: Named::Body(bi),
                            outdated: Some(oi),
                            abbreviation: false,
                        },
                    );
                }
            }
        }
        for (ei, e) in pack.escalation.iter().enumerate() {
            for (list, cs) in [(&e.names, false), (&e.abbreviations, true)] {
                for n in list {
                    nb.add(n, tags.len() as u32, cs);
                    tags.push(NameTag {
                        named: Named::Escalation(ei),
                        outdated: None,
                        abbreviation: cs,
                    });
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
            not_before: sp
                .not_referral_before
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
            signpost_words: lower(&sp.signpost_placeholder_words),
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
            route_bodies: pack
                .route
                .iter()
                .map(|r| {
                    r.bodies
                        .iter()
                        .filter_map(|id| bodies.iter().position(|b| &b.id == id))
                        .collect()
                })
                .collect(),
            body_service: bodies
                .iter()
                .map(|b| {
                    let mut services: Vec<Service> = pack
                        .route
                        .iter()
                        .filter(|r| r.bodies.contains(&b.id))
                        .flat_map(|r| r.services.iter().copied())
                        .collect();
                    services.sort();
                    services.dedup();
                    (services.len() == 1).then(|| services[0])
                })
                .collect(),
            routes: pack.route.clone(),
            escalations: pack.escalation.clone(),
            welsh_paragraph: sp.welsh_paragraph.clone(),
            bilingual_paragraph: sp.bilingual_paragraph.clone(),
            bodies,
            unknown,
            fos,
            missing: rule("ombudsman-missing")?,
            wrong: rule("ombudsman-wrong-body")?,
            escalation: rule("escalation-not-ombudsman")?,
            conflict: rule("context-conflict")?,
            no_contact: rule("ombudsman-no-contact")?,
            no_time: rule("ombudsman-no-time-limit")?,
            outdated: rule("ombudsman-outdated")?,
            wording: rule("fos-referral-wording")?,
        })
    }

    /// What the context inference needs from the letter's signposting: which blocks
    /// name an Ombudsman (they do not vote: a wrongly named body must not vote for its
    /// own nation or service), and the service of the scheme the letter refers the
    /// complainant to, when only one service has that scheme (the Financial Ombudsman
    /// Service: financial), for letters that say nothing else of their service.
    pub fn signposted(&self, doc: &Document) -> Signposted {
        let mut blocks = vec![false; doc.blocks.len()];
        let mentions = self.mentions(doc);
        for m in &mentions {
            if m.escalation().is_none() {
                if let Some(b) = doc.block_at(m.range.start) {
                    blocks[b] = true;
                }
            }
        }
        let service = self
            .referrals(doc, &mentions)
            .iter()
            .flat_map(|r| &r.mentions)
            .find_map(|(m, _)| {
                let b = m.body()?;
                let s = self.body_service[b]?;
                Some((
                    s,
                    format!(
                        "the {} named as the next step",
                        self.bodies[b]
                            .name
                            .trim_start_matches("The ")
                            .trim_start_matches("the ")
                    ),
                ))
            });
        Signposted { blocks, service }
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
        // "the Consumer Council for Water (CCW)": the bracketed short form is part of the
        // mention before it, and shares its fate (a passing mention or a referral)
        let mut merged: Vec<Mention> = Vec::with_capacity(out.len());
        for m in out {
            if let Some(last) = merged.last_mut() {
                let between = doc.norm.get(last.range.end..m.range.start).unwrap_or("x");
                let same = match (last.tag, m.tag) {
                    (Some(a), Some(b)) => a.named == b.named,
                    (_, None) => true,
                    (None, Some(_)) => false,
                };
                if same && matches!(between, " (" | "(") {
                    let close = doc.norm[m.range.end..].starts_with(')');
                    last.range.end = m.range.end + usize::from(close);
                    continue;
                }
            }
            merged.push(m);
        }
        merged
    }

    /// The referral sentence of mention `m`, if it is a referral: its own sentence when
    /// that carries a referral cue; or, when the mention opens its paragraph (a name
    /// and address block), the sentence before it when that ends in a colon or carries
    /// a cue ("…you may refer the matter to:" / "Financial Conduct Authority, 12 …").
    /// A mention right after "report by the" or before "'s Code" is in passing.
    fn is_signposting(
        &self,
        doc: &Document,
        m: &Mention,
        all: &[Mention],
    ) -> Option<(usize, Range<usize>)> {
        let after = doc.norm_ahead(m.range.end, 64).to_lowercase();
        if self
            .not_after
            .iter()
            .any(|n| after.starts_with(n.as_str()) || after.starts_with(&format!(" {n}")))
        {
            return None;
        }
        let before = doc.norm_behind(m.range.start, 40).to_lowercase();
        let before = before.trim_end();
        if self.not_before.iter().any(|n| before.ends_with(n.as_str())) {
            return None;
        }
        let s = doc.sentence_at(m.range.start)?;
        let b = doc.block_at(m.range.start)?;
        // a cue inside a body's own name ("Independent Office for Police Conduct") is
        // not one
        let has_cue = |r: &Range<usize>| {
            self.cues.find_all_in(doc, r.clone()).iter().any(|c| {
                !all.iter()
                    .any(|n| n.range.start < c.range.end && c.range.start < n.range.end)
            })
        };
        if has_cue(&s) {
            return Some((b, s));
        }
        // "You have the right to apply for a review. The review body is the …": the
        // sentence before, in the same paragraph, makes the referral and names no body
        let i = doc.sentences().partition_point(|x| x.end <= s.start);
        if let Some(p) = i.checked_sub(1).map(|j| doc.sentences()[j].clone()) {
            let same_block = doc.block_at(p.start) == Some(b);
            let names_none = !all
                .iter()
                .any(|n| n.range.start >= p.start && n.range.end <= p.end);
            if same_block && names_none && has_cue(&p) {
                return Some((b, s));
            }
        }
        let opens_block = doc.norm[doc.blocks[b].norm.start..m.range.start]
            .trim()
            .trim_start_matches(['*', '#', '-', ' '])
            .is_empty();
        if !opens_block || b == 0 {
            return None;
        }
        let prev = &doc.blocks[b - 1].norm;
        let last = doc
            .sentence_at(prev.end.saturating_sub(1).max(prev.start))
            .filter(|r| r.start >= prev.start)?;
        let colon = doc.norm[last.clone()].trim_end().ends_with(':');
        // the name and address block belongs to the paragraph that introduces it
        (colon || has_cue(&last)).then_some((b - 1, last))
    }

    /// Edits that give the right body's website, e-mail and phone where a referral's
    /// blocks (and the block after them) give a wrong body's; where the right body has
    /// none of a kind, the wrong one is left for the writer (the fix says to check).
    fn contact_edits(
        &self,
        doc: &Document,
        r: &Referral,
        wrong: &[usize],
        right: usize,
    ) -> Vec<Edit> {
        let to = &self.bodies[right];
        let last = (r.last_block + 1).min(doc.blocks.len().saturating_sub(1));
        let span = doc.blocks[r.block].range.start..doc.blocks[last].range.end;
        let mut out = Vec::new();
        for &w in wrong {
            let from = &self.bodies[w];
            for m in doc.masks_in(span.clone()) {
                let text = doc.src[m.range.clone()].to_lowercase();
                let (theirs, ours) = match m.kind {
                    MaskKind::Url => (&from.websites, to.websites.first()),
                    MaskKind::Email => (&from.emails, to.emails.first()),
                    _ => continue,
                };
                let hit = theirs.iter().any(|t| {
                    let t = t.trim_start_matches("www.").to_lowercase();
                    text.contains(&t)
                });
                if let (true, Some(ours)) = (hit, ours) {
                    out.push(Edit {
                        start: m.range.start,
                        end: m.range.end,
                        replacement: ours.clone(),
                    });
                }
            }
            let phones: Vec<String> = from.phones.iter().map(|p| digits(p)).collect();
            if let Some(ours) = to.phones.first() {
                for p in self.phone.find_iter(&doc.src[span.clone()]) {
                    let abs = span.start + p.start..span.start + p.end;
                    if phones.contains(&digits(&doc.src[abs.clone()])) {
                        out.push(Edit {
                            start: abs.start,
                            end: abs.end,
                            replacement: ours.clone(),
                        });
                    }
                }
            }
        }
        out
    }

    /// Whether `m` is an old rule of a body ("designated person"), not a name of it.
    fn is_old_rule(&self, m: &Mention) -> bool {
        match m.tag {
            Some(NameTag {
                named: Named::Body(b),
                outdated: Some(oi),
                ..
            }) => self.bodies[b].outdated[oi].only_with_body,
            _ => false,
        }
    }

    /// The referral mentions of the letter, grouped by paragraph, in order.
    fn referrals(&self, doc: &Document, mentions: &[Mention]) -> Vec<Referral> {
        let mut out: Vec<Referral> = Vec::new();
        for m in mentions.iter().filter(|m| !self.is_old_rule(m)) {
            let Some((block, s)) = self.is_signposting(doc, m, mentions) else {
                continue;
            };
            let at = doc.block_at(m.range.start).unwrap_or(block);
            match out.last_mut() {
                Some(r) if r.block == block => {
                    r.last_block = r.last_block.max(at);
                    r.mentions.push((m.clone(), s));
                }
                _ => out.push(Referral {
                    block,
                    last_block: at,
                    mentions: vec![(m.clone(), s)],
                }),
            }
        }
        out
    }

    /// Where and what to insert for a missing referral: the paragraph of `target`
    /// (for a letter in Welsh, a placeholder asking for it in Welsh; for a bilingual
    /// letter, the paragraph and a placeholder for its Welsh version; for a scheme the
    /// sender belongs to one of, a placeholder naming them). `after` is where a
    /// paragraph goes (else before the sign-off); returns the finding's range, the
    /// insertion point and the text.
    fn insertion(
        &self,
        cx: &Cx,
        target: usize,
        right: &Right,
        after: Option<usize>,
    ) -> (Range<usize>, usize, String) {
        let doc = cx.doc;
        let ctx = &cx.facts.context;
        let body = &self.bodies[target];
        let paragraph = match (&right.paragraph, ctx.conflict.is_none()) {
            (Some(p), true) => p.trim().to_string(),
            _ if right.choose_one && ctx.conflict.is_none() => format!(
                "[[Signpost the scheme we belong to ({}): its name, how to reach it and its time limit.]]",
                self.names(right)
            ),
            _ => body.paragraph.trim().to_string(),
        };
        let name = if target == self.unknown {
            "Ombudsman".to_string()
        } else {
            body.name.clone()
        };
        let paragraph = match ctx.welsh {
            Welsh::Mostly => self.welsh_paragraph.replace("{body}", &name),
            Welsh::Bilingual => format!(
                "{paragraph}\n\n{}",
                self.bilingual_paragraph.replace("{body}", &name)
            ),
            Welsh::None => paragraph,
        };
        if let Some(at) = after {
            return (at..at, at, format!("\n\n{paragraph}"));
        }
        match &cx.facts.sign_off {
            Some(s) => (s.range.clone(), s.line_start, format!("{paragraph}\n\n")),
            None => match doc.blocks.last() {
                Some(b) => (b.range.clone(), b.range.end, format!("\n\n{paragraph}")),
                // no prose at all: put the paragraph first, where it is prose
                None => (0..0, 0, format!("{paragraph}\n\n")),
            },
        }
    }

    /// The first route for `nation` and `service`: its bodies and whether the letter
    /// may name any one of them.
    fn route(&self, nation: Nation, service: Service) -> Option<(&[usize], &RouteDef)> {
        self.routes
            .iter()
            .zip(&self.route_bodies)
            .find(|(r, _)| r.nations.contains(&nation) && r.services.contains(&service))
            .map(|(r, b)| (b.as_slice(), r))
    }

    /// The bodies the letter should signpost, and those not to call wrong.
    fn right(&self, ctx: &Context) -> Right {
        // Scotland, Wales and Northern Ireland have one Ombudsman for all public
        // services: a letter from there whose service is unknown is taken to be public
        let service = match (ctx.nation, ctx.service) {
            (_, Some(s)) => Some(s),
            (Some(Nation::Scotland | Nation::Wales | Nation::Ni), None) if !ctx.nation_presumed => {
                Some(Service::LocalGovernment)
            }
            _ => None,
        };
        let (Some(nation), Some(service)) = (ctx.nation, service) else {
            return Right::default();
        };
        let Some((bodies, route)) = self.route(nation, service) else {
            return Right::default();
        };
        let mut also = Vec::new();
        let mut others = |nations: &[Nation]| {
            for n in nations {
                if let Some((b, _)) = self.route(*n, service) {
                    also.extend_from_slice(b);
                }
            }
        };
        if ctx.nation_presumed {
            others(Nation::ALL);
        }
        if let Some(c) = &ctx.conflict {
            others(&[c.nation]);
        }
        Right {
            bodies: bodies.to_vec(),
            choose_one: route.choose_one,
            paragraph: route.paragraph.clone(),
            also,
        }
    }

    /// The right bodies' names, for messages: "the SPSO", "the Communications
    /// Ombudsman or the Communications and Internet Services Adjudication Scheme".
    fn names(&self, right: &Right) -> String {
        let names: Vec<&str> = if right.choose_one {
            right
                .bodies
                .iter()
                .map(|&b| self.bodies[b].name.as_str())
                .collect()
        } else {
            right
                .bodies
                .iter()
                .take(1)
                .map(|&b| self.bodies[b].name.as_str())
                .collect()
        };
        if names.is_empty() {
            "Ombudsman".to_string()
        } else {
            names.join(" or the ")
        }
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
            // and the list or short lines of contact details after it
            let short = |i: usize| {
                doc.blocks[i].kind == crate::document::BlockKind::ListItem
                    || doc.block_text(i).split_whitespace().count() <= 25
            };
            near.extend((b + 1..doc.blocks.len()).take(4).take_while(|&i| short(i)));
        }
        near.sort_unstable();
        near.dedup();
        near.iter().any(|&b| {
            let text = doc.block_text(b);
            // the letter's words (time limits are often in the next paragraph)
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
            self.escalation,
            self.conflict,
            self.no_contact,
            self.no_time,
            self.outdated,
            self.wording,
        ];
        if !rules.iter().any(|&r| cx.active(r)) {
            return;
        }
        let doc = cx.doc;
        let ctx = &cx.facts.context;
        let mentions = self.mentions(doc);
        let right = self.right(ctx);
        let is_right = |b: usize| right.bodies.contains(&b) || right.also.contains(&b);
        let judged = !right.bodies.is_empty();

        if let Some(c) = &ctx.conflict {
            let fields = vec![
                ("nation", c.nation.to_string()),
                ("evidence", c.evidence.clone()),
                (
                    "given",
                    ctx.nation.map_or_else(String::new, |n| n.to_string()),
                ),
            ];
            let at = doc.src_range(c.range.clone());
            cx.report(self.conflict, at, fields, vec![]);
        }

        let referrals = self.referrals(doc, &mentions);
        let referred = |b: usize| {
            referrals
                .iter()
                .any(|r| r.mentions.iter().any(|(m, _)| m.body() == Some(b)))
        };
        // Outdated names, addresses and rules (not of a wrong body: that finding covers
        // them; a rule only where the letter refers the complainant to its body).
        for m in &mentions {
            let Some(tag) = m.tag else { continue };
            let (found, replacement, what, applicability) = match (tag.named, tag.outdated) {
                (Named::Body(b), Some(oi))
                    if (!judged || is_right(b))
                        && (!self.bodies[b].outdated[oi].only_with_body || referred(b)) =>
                {
                    let od = &self.bodies[b].outdated[oi];
                    (
                        od.only_with_body,
                        od.replace.clone(),
                        od.what.clone(),
                        od.applicability,
                    )
                }
                (Named::Escalation(e), _) => match &self.escalations[e].replace {
                    Some(r) => (false, r.clone(), "name".to_string(), Applicability::Unsafe),
                    None => continue,
                },
                _ => continue,
            };
            let (old_rule, mut replacement, mut applicability) =
                (found, replacement, applicability);
            let src = doc.src_range(m.range.clone());
            let found = doc.quote(src.clone());
            let current = replacement.clone();
            if old_rule {
                // an old rule is rewritten by the writer: its words only they can mend
                replacement = format!("[[{found}: out of date; {replacement}]]");
                applicability = Applicability::Manual;
            }
            let fix = Fix {
                applicability,
                description: format!("Replace “{found}” with “{current}”"),
                edits: vec![Edit {
                    start: src.start,
                    end: src.end,
                    replacement: replacement.clone(),
                }],
            };
            let fields = vec![("found", found), ("replacement", current), ("what", what)];
            cx.report(self.outdated, src, fields, vec![fix]);
        }

        // a template field or a fix's own [[placeholder]] for the signposting: the writer
        // has it to complete (so a rewrite inserts it once)
        let template_signpost = doc.masks.iter().any(|m| {
            m.kind == MaskKind::Placeholder && {
                let t = doc.src[m.range.clone()].to_lowercase();
                self.signpost_words.iter().any(|w| t.contains(w.as_str()))
            }
        });
        // the body whose paragraph and details a fix inserts: none when the options and
        // the letter disagree about the nation (no fix inserts another nation's body)
        let target = match right.bodies.first() {
            Some(&b) if ctx.conflict.is_none() && !right.choose_one => b,
            _ => self.unknown,
        };
        let right_name = if ctx.conflict.is_some() {
            "Ombudsman".to_string()
        } else {
            self.names(&right)
        };

        if referrals.is_empty() {
            if template_signpost {
                return;
            }
            let (range, at, text) = self.insertion(cx, target, &right, None);
            let fix = Fix {
                applicability: Applicability::Manual,
                description: format!(
                    "Insert a paragraph signposting the {}",
                    right_name.trim_start_matches("the ")
                ),
                edits: vec![Edit {
                    start: at,
                    end: at,
                    replacement: text,
                }],
            };
            cx.report(self.missing, range, vec![("body", right_name)], vec![fix]);
            return;
        }

        // Each paragraph of referrals: to a right body, to the Ombudsman (unnamed), to a
        // wrong body, or only to a regulator, court or other next step.
        let names_right = |r: &Referral| {
            r.mentions
                .iter()
                .any(|(m, _)| m.body().is_some_and(|b| !judged || is_right(b)))
        };
        let names_generic = |r: &Referral| r.mentions.iter().any(|(m, _)| m.tag.is_none());
        let any_right = referrals.iter().any(names_right);
        let context_text = match (ctx.service, ctx.nation) {
            (Some(s), Some(n)) => format!("{s} in {}", n.name()),
            (Some(s), None) => s.to_string(),
            (None, Some(n)) => format!("services in {}", n.name()),
            (None, None) => "unknown".to_string(),
        };
        let mut ombudsman_blocks = Vec::new();
        let mut wrong_blocks = Vec::new();
        for r in &referrals {
            // "the Ombudsman" in a paragraph that names a body means that body
            let wrong: Vec<&(Mention, Range<usize>)> = r
                .mentions
                .iter()
                .filter(|(m, _)| m.body().is_some_and(|b| b != self.unknown))
                .collect();
            // every mention of a wrong body in the paragraph, referral or not, is renamed
            let span = doc.blocks[r.block].norm.start..doc.blocks[r.last_block].norm.end;
            let wrong_ids: Vec<usize> = wrong.iter().filter_map(|(m, _)| m.body()).collect();
            let renamed: Vec<&Mention> = mentions
                .iter()
                .filter(|m| m.range.start >= span.start && m.range.end <= span.end)
                .filter(|m| m.body().is_some_and(|b| wrong_ids.contains(&b)))
                .filter(|m| !self.is_old_rule(m))
                .collect();
            if names_right(r) || (wrong.is_empty() && names_generic(r)) {
                ombudsman_blocks.push(r.block);
                continue;
            }
            if any_right || !judged {
                continue;
            }
            if let Some((first, _)) = wrong.first() {
                wrong_blocks.push(r.block);
                // one finding for the paragraph; its fix renames every wrong mention
                let replacement_body = right.bodies[0];
                let single = right.bodies.len() == 1 || !right.choose_one;
                let mut edits: Vec<Edit> = renamed
                    .iter()
                    .map(|m| {
                        let src = doc.src_range(m.range.clone());
                        let abbreviation = m.tag.is_some_and(|t| t.abbreviation);
                        let replacement = if single && ctx.conflict.is_none() {
                            self.body_name_for(replacement_body, abbreviation)
                        } else {
                            format!("[[{}]]", right_name)
                        };
                        Edit {
                            start: src.start,
                            end: src.end,
                            replacement,
                        }
                    })
                    .collect();
                if single && ctx.conflict.is_none() {
                    edits.extend(self.contact_edits(doc, r, &wrong_ids, replacement_body));
                }
                edits.sort_by_key(|e| e.start);
                edits.dedup_by(|a, b| a.start < b.end);
                let src = doc.src_range(first.range.clone());
                let found = doc.quote(src.clone());
                let manual = edits.iter().any(|e| e.replacement.contains("[["));
                let fix = Fix {
                    applicability: if manual {
                        Applicability::Manual
                    } else {
                        Applicability::Unsafe
                    },
                    description: format!(
                        "Name the {} instead (check the contact details and time limit too)",
                        right_name.trim_start_matches("the ")
                    ),
                    edits,
                };
                let fields = vec![
                    ("found", format!("The {}", found.trim_start_matches("the "))),
                    ("sector", context_text.clone()),
                    ("context", context_text.clone()),
                    ("body", right_name.clone()),
                ];
                cx.report(self.wrong, src, fields, vec![fix]);
                continue;
            }
            // only regulators, courts, advice services: not an Ombudsman
            if template_signpost {
                continue;
            }
            if let Some((m, _)) = r.mentions.iter().find(|(m, _)| m.escalation().is_some()) {
                let e = &self.escalations[m.escalation().unwrap_or(0)];
                let src = doc.src_range(m.range.clone());
                let block_end = doc.blocks[r.last_block].range.end;
                let (_, _, text) = self.insertion(cx, target, &right, Some(block_end));
                let fix = Fix {
                    applicability: Applicability::Manual,
                    description: format!(
                        "Signpost the {} after this paragraph",
                        right_name.trim_start_matches("the ")
                    ),
                    edits: vec![Edit {
                        start: block_end,
                        end: block_end,
                        replacement: text,
                    }],
                };
                let fields = vec![
                    ("found", doc.quote(src.clone())),
                    ("what", e.what.clone()),
                    ("body", right_name.clone()),
                ];
                cx.report(self.escalation, src, fields, vec![fix]);
            }
        }
        // the details are checked where the letter refers to the right body or "the
        // Ombudsman"; failing that, where it refers to a wrong one (adding the right
        // body's details is then only safe together with the unsafe change of name)
        let details_applicability = if ombudsman_blocks.is_empty() {
            ombudsman_blocks = wrong_blocks;
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        if ombudsman_blocks.is_empty() {
            return; // no referral to an Ombudsman to check the details of
        }
        ombudsman_blocks.dedup();
        let first_sentence = referrals
            .iter()
            .filter(|r| ombudsman_blocks.contains(&r.block))
            .flat_map(|r| r.mentions.first())
            .map(|(_, s)| s.clone())
            .next()
            .unwrap_or_default();
        let sentence_src = doc.src_range(first_sentence);
        // the details are those of the right body the letter names, if it names one
        let target = referrals
            .iter()
            .filter(|r| ombudsman_blocks.contains(&r.block))
            .flat_map(|r| &r.mentions)
            .find_map(|(m, _)| m.body().filter(|&b| judged && is_right(b)))
            .unwrap_or(target);
        let body = &self.bodies[target];
        let body_name = if target == self.unknown {
            "Ombudsman".to_string()
        } else {
            body.name.clone()
        };
        if !self.has_contact(doc, &ombudsman_blocks) {
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
        let needs_limit = target == self.unknown || body.time_limit_months > 0;
        if needs_limit && !self.has_time_limit(doc, &ombudsman_blocks) {
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
        let fos_referral = referrals.iter().any(|r| {
            r.mentions
                .iter()
                .any(|(m, _)| m.body() == Some(self.fos) || m.tag.is_none())
        });
        if ctx.service == Some(Service::Financial) && fos_referral && cx.active(self.wording) {
            let signposts: Vec<(Mention, Range<usize>)> = referrals
                .iter()
                .flat_map(|r| r.mentions.iter().cloned())
                .collect();
            self.check_wording(cx, &signposts);
        }
    }
}
