//! A letter's context: the **nation** it is from, the **service** it is about and the
//! **sender** (the kind of organisation writing). Together they decide which body a
//! final response must signpost (`rules/ombudsman.toml`, `[[route]]`).
//!
//! Who sends the letter outweighs what it is about: organisation names, postcodes,
//! phone areas and web domains in the letterhead and the sign-off block count twice
//! what they count in the body, and topic words ("claim", "rent", "repairs") only break
//! ties between services a sender can offer. Paragraphs that name an Ombudsman never
//! vote (the SPSO's Edinburgh postcode must not make a letter Scottish). The cues are
//! in `rules/facts.toml` (`[[facts.nation]]`, `[[facts.postcode]]`, `[[facts.phone]]`,
//! `[[facts.domain]]`, `[[facts.sender]]`, `[[facts.service]]`, `[facts.welsh]`).

use crate::document::{Document, MaskKind};
use crate::error::Error;
use crate::rules::{FactsDef, PhraseSet};
use serde::{Deserialize, Serialize};
use std::ops::Range;

macro_rules! names {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $s)] $v,)*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The name used in options, configuration and output.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$v => $s,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<$name, String> {
                let want = s.trim().to_ascii_lowercase().replace('_', "-");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|x| x.as_str() == want)
                    .ok_or_else(|| {
                        let all: Vec<&str> = $name::ALL.iter().map(|x| x.as_str()).collect();
                        format!("unknown {} `{s}` (expected {})", stringify!($name).to_lowercase(), all.join(", "))
                    })
            }
        }
    };
}

names! {
    /// The UK nation a letter is from: public-service Ombudsmen are per nation.
    Nation {
        /// England.
        England = "england",
        /// Scotland.
        Scotland = "scotland",
        /// Wales.
        Wales = "wales",
        /// Northern Ireland.
        Ni = "ni",
    }
}

names! {
    /// The service a complaint is about.
    Service {
        /// Council services (planning, bins, council tax, noise…).
        LocalGovernment = "local-government",
        /// Adult social care, council-arranged or self-funded.
        SocialCare = "social-care",
        /// Social housing: housing associations and councils as landlords.
        Housing = "housing",
        /// The NHS: trusts, health boards, GPs.
        Health = "health",
        /// Banks, insurers, lenders and other FCA-regulated firms.
        Financial = "financial",
        /// Gas and electricity suppliers.
        Energy = "energy",
        /// Phone, broadband and pay-TV providers.
        Communications = "communications",
        /// Water and sewerage companies.
        Water = "water",
        /// Solicitors and other lawyers.
        Legal = "legal",
        /// Pension schemes.
        Pensions = "pensions",
        /// Letting and estate agents.
        Property = "property",
        /// A police force.
        Policing = "policing",
    }
}

names! {
    /// The kind of organisation that sends the letter.
    Sender {
        /// A council (also as a landlord).
        Council = "council",
        /// A housing association.
        HousingAssociation = "housing-association",
        /// The Northern Ireland Housing Executive.
        HousingExecutive = "housing-executive",
        /// An NHS or HSC trust.
        NhsTrust = "nhs-trust",
        /// A health board.
        HealthBoard = "health-board",
        /// A GP practice.
        GpPractice = "gp-practice",
        /// A care home or home-care agency.
        CareProvider = "care-provider",
        /// A bank or building society.
        Bank = "bank",
        /// An insurer.
        Insurer = "insurer",
        /// A lender.
        Lender = "lender",
        /// An energy supplier.
        EnergySupplier = "energy-supplier",
        /// A phone or broadband provider.
        Telecoms = "telecoms",
        /// A water company.
        WaterCompany = "water-company",
        /// A firm of solicitors.
        Solicitors = "solicitors",
        /// A pension scheme's trustees or administrators.
        PensionScheme = "pension-scheme",
        /// A letting or estate agent.
        LettingAgent = "letting-agent",
        /// A police force.
        PoliceForce = "police-force",
    }
}

impl Nation {
    /// The nation's name in a sentence ("Northern Ireland").
    pub fn name(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Scotland => "Scotland",
            Nation::Wales => "Wales",
            Nation::Ni => "Northern Ireland",
        }
    }
}

impl Sender {
    /// The service this kind of sender provides unless its letter says otherwise.
    pub fn default_service(self) -> Service {
        match self {
            Sender::Council => Service::LocalGovernment,
            Sender::HousingAssociation | Sender::HousingExecutive => Service::Housing,
            Sender::NhsTrust | Sender::HealthBoard | Sender::GpPractice => Service::Health,
            Sender::CareProvider => Service::SocialCare,
            Sender::Bank | Sender::Insurer | Sender::Lender => Service::Financial,
            Sender::EnergySupplier => Service::Energy,
            Sender::Telecoms => Service::Communications,
            Sender::WaterCompany => Service::Water,
            Sender::Solicitors => Service::Legal,
            Sender::PensionScheme => Service::Pensions,
            Sender::LettingAgent => Service::Property,
            Sender::PoliceForce => Service::Policing,
        }
    }

    /// The services a letter from this sender may be about (a council also lands homes
    /// and arranges care).
    fn services(self) -> &'static [Service] {
        match self {
            Sender::Council => &[
                Service::LocalGovernment,
                Service::Housing,
                Service::SocialCare,
            ],
            _ => &[],
        }
    }
}

/// Why a fact was decided: the strongest piece of evidence, in words ("postcode EH7 in
/// the letterhead"), or how it was given ("--nation").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Evidence {
    /// The nation's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nation: Option<String>,
    /// The service's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The sender's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
}

/// What the configuration or command line says of a letter's context (the `--sector`
/// shorthand sets several at once).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Given {
    /// `--nation`.
    pub nation: Option<Nation>,
    /// `--service`.
    pub service: Option<Service>,
    /// The sender a `--sector` shorthand implies.
    pub sender: Option<Sender>,
}

/// A letter's context.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Context {
    /// The nation (England when nothing says otherwise: see `nation_presumed`).
    pub nation: Option<Nation>,
    /// True when no evidence named the nation and England was presumed.
    pub nation_presumed: bool,
    /// The service.
    pub service: Option<Service>,
    /// The sender.
    pub sender: Option<Sender>,
    /// The strongest evidence for each.
    pub evidence: Evidence,
    /// What the letter's own evidence said when a given option disagreed with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Conflict>,
    /// How much of the letter is in Welsh.
    pub welsh: Welsh,
}

/// A given option that the letter's own evidence contradicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The nation the letter's evidence points to.
    pub nation: Nation,
    /// That evidence.
    pub evidence: String,
    /// Where it is (norm range).
    #[serde(skip)]
    pub range: Range<usize>,
}

/// How much of a letter is written in Welsh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Welsh {
    /// None, or a phrase or two (a bilingual letterhead).
    #[default]
    None,
    /// Welsh and English side by side.
    Bilingual,
    /// Mostly Welsh.
    Mostly,
}

impl Context {
    /// The old one-word sector this context amounts to (for `--sector`, the JSON
    /// `sector` key and the rule examples): a Scottish, Welsh or Northern Irish public
    /// service is that nation; an English one its service; financial anywhere is
    /// financial; other schemes are `unknown`.
    pub fn sector(&self) -> super::Sector {
        use super::Sector;
        let public = |s: Option<Service>| {
            matches!(
                s,
                None | Some(
                    Service::LocalGovernment
                        | Service::SocialCare
                        | Service::Housing
                        | Service::Health
                )
            )
        };
        match (self.nation, self.service) {
            (_, Some(Service::Financial)) => Sector::Financial,
            (Some(Nation::Scotland), s) if public(s) => Sector::Scotland,
            (Some(Nation::Wales), s) if public(s) => Sector::Wales,
            (Some(Nation::Ni), s) if public(s) => Sector::Ni,
            (_, Some(Service::LocalGovernment | Service::SocialCare)) => Sector::Council,
            (_, Some(Service::Health)) => Sector::Nhs,
            (_, Some(Service::Housing)) => Sector::Housing,
            _ => Sector::Unknown,
        }
    }

    /// One line for people: "England (postcode NE12 3AB in the letterhead);
    /// local-government (the usual service of the sender (council)); council (“Tyne Vale
    /// Council” in the sign-off)".
    pub fn describe(&self) -> String {
        let part = |value: Option<String>, why: &Option<String>| match (value, why) {
            (Some(v), Some(w)) => format!("{v} ({w})"),
            (Some(v), None) => v,
            (None, _) => "unknown".to_string(),
        };
        format!(
            "{}; {}; {}",
            part(
                self.nation.map(|n| n.name().to_string()),
                &self.evidence.nation
            ),
            part(self.service.map(|n| n.to_string()), &self.evidence.service),
            part(self.sender.map(|n| n.to_string()), &self.evidence.sender),
        )
    }
}

impl super::Sector {
    /// What the one-word sector says of a letter's context.
    pub fn given(self) -> Given {
        use super::Sector;
        let (nation, service, sender) = match self {
            Sector::Council => (
                Some(Nation::England),
                Some(Service::LocalGovernment),
                Some(Sender::Council),
            ),
            Sector::Nhs => (Some(Nation::England), Some(Service::Health), None),
            Sector::Housing => (Some(Nation::England), Some(Service::Housing), None),
            Sector::Financial => (None, Some(Service::Financial), None),
            Sector::Scotland => (Some(Nation::Scotland), None, None),
            Sector::Wales => (Some(Nation::Wales), None, None),
            Sector::Ni => (Some(Nation::Ni), None, None),
            Sector::Unknown => (None, None, None),
        };
        Given {
            nation,
            service,
            sender,
        }
    }
}

/// The organisation's name a sender cue ends, as written: the capitalised words before
/// it on its line ("Loch Arden Council" for the cue "Council"), at most five.
fn organisation(doc: &Document, r: Range<usize>) -> String {
    let src = doc.src_range(r);
    let line_start = doc.src[..src.start].rfind('\n').map_or(0, |i| i + 1);
    let words: Vec<&str> = doc.src[line_start..src.start].split_whitespace().collect();
    let joining = |w: &str| matches!(w, "and" | "of" | "&" | "the");
    let mut keep = 0;
    for w in words.iter().rev().take(5) {
        if w.chars().next().is_some_and(char::is_uppercase) || joining(w) {
            keep += 1;
        } else {
            break;
        }
    }
    let mut name: Vec<&str> = words[words.len() - keep..].to_vec();
    while name.first().is_some_and(|w| joining(w)) {
        name.remove(0);
    }
    name.push(&doc.src[src]);
    name.join(" ")
}

/// Where in the letter a cue was found: the letterhead and the sign-off block speak for
/// the sender; the body mostly speaks about the complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Letterhead,
    SignOff,
    Body,
}

impl Zone {
    fn factor(self) -> u32 {
        match self {
            Zone::Letterhead | Zone::SignOff => 2,
            Zone::Body => 1,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Zone::Letterhead => "the letterhead",
            Zone::SignOff => "the sign-off",
            Zone::Body => "the letter",
        }
    }
}

/// A tally of votes for the values of one fact, keeping the strongest piece of evidence.
struct Tally<T> {
    score: Vec<(T, u32)>,
    best: Vec<(T, u32, String, Range<usize>)>,
}

impl<T: Copy + PartialEq> Tally<T> {
    fn new() -> Tally<T> {
        Tally {
            score: Vec::new(),
            best: Vec::new(),
        }
    }

    fn add(&mut self, to: T, weight: u32, why: String, at: Range<usize>) {
        match self.score.iter_mut().find(|(t, _)| *t == to) {
            Some((_, s)) => *s += weight,
            None => self.score.push((to, weight)),
        }
        match self.best.iter_mut().find(|(t, _, _, _)| *t == to) {
            Some(b) if b.1 >= weight => {}
            Some(b) => *b = (to, weight, why, at),
            None => self.best.push((to, weight, why, at)),
        }
    }

    fn get(&self, t: T) -> u32 {
        self.score
            .iter()
            .find(|(x, _)| *x == t)
            .map_or(0, |(_, s)| *s)
    }

    /// The value with the most votes, if it has at least `min` and more than any other.
    fn winner(&self, min: u32) -> Option<(T, String, Range<usize>)> {
        let mut sorted: Vec<&(T, u32)> = self.score.iter().collect();
        sorted.sort_by_key(|x| std::cmp::Reverse(x.1));
        let (top, s) = **sorted.first()?;
        let second = sorted.get(1).map_or(0, |x| x.1);
        if s < min || s == second {
            return None;
        }
        let (_, _, why, at) = self.best.iter().find(|b| b.0 == top)?.clone();
        Some((top, why, at))
    }
}

/// One cue phrase's target.
#[derive(Debug, Clone, Copy)]
enum Target {
    Nation(Nation),
    Sender(Sender),
    Service(Service),
}

/// The compiled context cues.
#[derive(Debug, Clone)]
pub struct ContextMatcher {
    phrases: PhraseSet,
    /// Per phrase tag: what it points to and its weight.
    targets: Vec<(Target, u32)>,
    postcode: Option<crate::checks::pattern::TextPattern>,
    areas: Vec<(String, Nation, u32)>,
    other_areas: Option<(Nation, u32)>,
    phones: Vec<(String, Nation, u32)>,
    domains: Vec<(String, Nation, u32)>,
    welsh_words: crate::rules::WordSet,
    welsh_nation_weight: u32,
}

fn parse<T: std::str::FromStr<Err = String>>(what: &str, s: &str) -> Result<T, Error> {
    s.parse().map_err(|e: String| Error::Pack {
        file: "[facts]".into(),
        line: 1,
        column: 1,
        message: format!("{what} cue: {e}"),
    })
}

impl ContextMatcher {
    /// Compiles the `[facts]` context cues; an unknown nation, service or sender is an
    /// error naming it.
    pub fn new(def: &FactsDef) -> Result<ContextMatcher, Error> {
        let mut b = PhraseSet::builder();
        let mut targets = Vec::new();
        let mut add = |phrases: &[String], cs: bool, target: Target, weight: u32| {
            let tag = targets.len() as u32;
            targets.push((target, weight));
            for p in phrases {
                b.add(p, tag, cs);
                // letterheads are often in capitals: "LAGAN BANK MEDICAL CENTRE"
                let upper = p.to_uppercase();
                if cs && upper != *p {
                    b.add(&upper, tag, cs);
                }
            }
        };
        for c in &def.nation {
            let n: Nation = parse("nation", &c.to)?;
            add(&c.phrases, c.case_sensitive, Target::Nation(n), c.weight);
        }
        for c in &def.sender {
            let s: Sender = parse("sender", &c.to)?;
            add(&c.phrases, c.case_sensitive, Target::Sender(s), c.weight);
        }
        for c in &def.service {
            let s: Service = parse("service", &c.to)?;
            add(&c.phrases, c.case_sensitive, Target::Service(s), c.weight);
        }
        let mut areas = Vec::new();
        let mut other_areas = None;
        for c in &def.postcode {
            let n: Nation = parse("postcode", &c.to)?;
            for a in &c.areas {
                if a == "*" {
                    other_areas = Some((n, c.weight));
                } else {
                    areas.push((a.clone(), n, c.weight));
                }
            }
        }
        let mut phones = Vec::new();
        for c in &def.phone {
            let n: Nation = parse("phone", &c.to)?;
            phones.extend(c.prefixes.iter().map(|p| {
                let digits: String = p.chars().filter(char::is_ascii_digit).collect();
                (digits, n, c.weight)
            }));
        }
        // the longest prefix first, so "0131" is not taken for a shorter one
        phones.sort_by_key(|(p, _, _)| std::cmp::Reverse(p.len()));
        let mut domains = Vec::new();
        for c in &def.domain {
            let n: Nation = parse("domain", &c.to)?;
            domains.extend(c.suffixes.iter().map(|d| (d.to_lowercase(), n, c.weight)));
        }
        domains.sort_by_key(|(d, _, _)| std::cmp::Reverse(d.len()));
        let postcode = if def.places.postcode_pattern.is_empty() {
            None
        } else {
            Some(
                crate::checks::pattern::TextPattern::new(&def.places.postcode_pattern).map_err(
                    |e| Error::Pack {
                        file: "[facts.places]".into(),
                        line: 1,
                        column: 1,
                        message: format!(
                            "bad postcode_pattern `{}`: {e}",
                            def.places.postcode_pattern
                        ),
                    },
                )?,
            )
        };
        Ok(ContextMatcher {
            phrases: b.build(),
            targets,
            postcode,
            areas,
            other_areas,
            phones,
            domains,
            welsh_words: crate::rules::WordSet::new(&def.welsh.words),
            welsh_nation_weight: def.welsh.nation_weight,
        })
    }

    /// How much of `doc` is Welsh: the share of its words that are common Welsh words.
    fn welsh(&self, doc: &Document) -> Welsh {
        let (mut welsh, mut all) = (0usize, 0usize);
        for w in doc.norm.split(|c: char| !c.is_alphabetic() && c != '\'') {
            if w.is_empty() {
                continue;
            }
            all += 1;
            welsh += usize::from(self.welsh_words.contains(&w.to_lowercase()));
        }
        // Welsh prose has about one of these in three words; English has next to none
        match (welsh * 100).checked_div(all).unwrap_or(0) {
            p if p >= 20 => Welsh::Mostly,
            p if p >= 6 => Welsh::Bilingual,
            _ => Welsh::None,
        }
    }

    /// Infers the context of `doc`. `letterhead` ends where the salutation starts and
    /// `sign_off` starts at the sign-off line (norm offsets); blocks flagged in `skip`
    /// (they name an Ombudsman) do not vote. `given` wins over inference; a given
    /// nation that the letter's own strong evidence contradicts is kept, and the
    /// contradiction recorded in [`Context::conflict`].
    pub fn infer(
        &self,
        doc: &Document,
        skip: &[bool],
        letterhead: usize,
        sign_off: usize,
        given: Given,
    ) -> Context {
        let zone = |pos: usize| {
            if pos < letterhead {
                Zone::Letterhead
            } else if pos >= sign_off {
                Zone::SignOff
            } else {
                Zone::Body
            }
        };
        let mut nations: Tally<Nation> = Tally::new();
        let mut senders: Tally<Sender> = Tally::new();
        let mut services: Tally<Service> = Tally::new();
        let quote = |r: &Range<usize>| {
            let t: String = doc.norm[r.clone()].chars().take(60).collect();
            format!("“{}”", t.trim())
        };
        // every distinct cue (in any case) counts once per zone and target
        let mut seen: Vec<(u32, String, u8)> = Vec::new();
        for (bi, b) in doc.blocks.iter().enumerate() {
            if skip.get(bi).copied().unwrap_or(false) {
                continue;
            }
            let mut found = self.phrases.find_overlapping_in(doc, b.norm.clone());
            // in text order, so the first of two equal cues is the one shown
            found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
            // an organisation is what its name ends with: in "Lagan Bank Medical Centre"
            // the sender is a practice, not a bank, so a sender cue that another follows
            // at once is part of a name
            let is_sender = |tag: u32| matches!(self.targets[tag as usize].0, Target::Sender(_));
            let named_by_next = |m: &crate::rules::PhraseMatch| {
                is_sender(m.tag)
                    && found.iter().any(|n| {
                        is_sender(n.tag)
                            && n.range.start > m.range.start
                            && n.range.start <= m.range.end + 1
                            && n.range.end > m.range.end
                            // on the same line
                            && !doc.src[doc.src_range(m.range.start..n.range.start)].contains('\n')
                    })
            };
            for m in &found {
                if doc.in_quote(&m.range) || named_by_next(m) {
                    continue;
                }
                let z = zone(m.range.start);
                let key = (m.tag, doc.norm[m.range.clone()].to_lowercase(), z as u8);
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let (target, weight) = self.targets[m.tag as usize];
                let shown = match target {
                    Target::Sender(_) => format!("“{}”", organisation(doc, m.range.clone())),
                    _ => quote(&m.range),
                };
                let why = format!("{shown} in {}", z.name());
                let at = m.range.clone();
                match target {
                    Target::Nation(n) => nations.add(n, weight * z.factor(), why, at),
                    // the sender is who writes: their name in the body counts little
                    Target::Sender(s) => senders.add(s, weight * z.factor(), why, at),
                    Target::Service(s) => services.add(s, weight * z.factor(), why, at),
                }
            }
            self.place_cues(doc, b, &zone, &mut nations);
        }
        let welsh = self.welsh(doc);
        if welsh != Welsh::None {
            nations.add(
                Nation::Wales,
                self.welsh_nation_weight,
                "written in Welsh".to_string(),
                0..0,
            );
        }

        let mut evidence = Evidence::default();
        let sender = match given.sender {
            Some(s) => {
                evidence.sender = Some("given".into());
                Some(s)
            }
            // who writes is said in the letterhead or the sign-off (a name in the body
            // alone, "our Property Management Policy", is not enough)
            None => senders.winner(12).map(|(s, why, _)| {
                evidence.sender = Some(why);
                s
            }),
        };
        let service = match given.service {
            Some(s) => {
                evidence.service = Some("given".into());
                Some(s)
            }
            None => self.service(sender, &services, &mut evidence),
        };
        let inferred_nation = nations.winner(6);
        let (nation, nation_presumed, conflict) = match (given.nation, inferred_nation) {
            (Some(n), Some((m, why, at))) if m != n && nations.get(m) >= 12 => {
                evidence.nation = Some("given".into());
                let conflict = Conflict {
                    nation: m,
                    evidence: why,
                    range: at,
                };
                (Some(n), false, Some(conflict))
            }
            (Some(n), _) => {
                evidence.nation = Some("given".into());
                (Some(n), false, None)
            }
            (None, Some((n, why, _))) => {
                evidence.nation = Some(why);
                (Some(n), false, None)
            }
            (None, None) => {
                evidence.nation = Some("presumed: nothing names a nation".into());
                (Some(Nation::England), true, None)
            }
        };
        Context {
            nation,
            nation_presumed,
            service,
            sender,
            evidence,
            conflict,
            welsh,
        }
    }

    /// The service: the sender's own, or the one its letter's topic picks among those it
    /// provides; with no sender, the topic alone (ahead of every other service).
    fn service(
        &self,
        sender: Option<Sender>,
        services: &Tally<Service>,
        evidence: &mut Evidence,
    ) -> Option<Service> {
        let why_of = |s: Service| services.best.iter().find(|b| b.0 == s).map(|b| b.2.clone());
        match sender {
            Some(sender) => {
                let default = sender.default_service();
                let options = sender.services();
                // another service the sender offers wins with two cues more than its own
                let other = options
                    .iter()
                    .copied()
                    .filter(|s| *s != default)
                    .max_by_key(|s| services.get(*s))
                    .filter(|s| {
                        services.get(*s) >= 6 && services.get(*s) >= services.get(default) + 6
                    });
                let service = other.unwrap_or(default);
                evidence.service = Some(match other.and_then(why_of) {
                    Some(why) => why,
                    None => format!("the usual service of the sender ({sender})"),
                });
                Some(service)
            }
            // no sender: one topic cue is enough when no other service has as many
            None => services.winner(3).map(|(s, why, _)| {
                evidence.service = Some(why);
                s
            }),
        }
    }

    /// Postcode areas, phone areas and web or e-mail domains in block `b`.
    fn place_cues(
        &self,
        doc: &Document,
        b: &crate::document::Block,
        zone: &dyn Fn(usize) -> Zone,
        nations: &mut Tally<Nation>,
    ) {
        let z = zone(b.norm.start);
        let text = &doc.norm[b.norm.clone()];
        if let Some(re) = &self.postcode {
            for c in re.captures_iter(text) {
                let (Some(all), Some(area)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                let code = &text[all.clone()];
                let area = &text[area];
                let hit = self
                    .areas
                    .iter()
                    .find(|(a, _, _)| a == area)
                    .map(|(_, n, w)| (*n, *w))
                    .or(self.other_areas);
                if let Some((n, w)) = hit {
                    let at = b.norm.start + all.start..b.norm.start + all.end;
                    nations.add(
                        n,
                        w * z.factor(),
                        format!("postcode {code} in {}", z.name()),
                        at,
                    );
                }
            }
        }
        // phone numbers: the area code's digits (a leading +44 read as 0)
        for (i, _) in text.match_indices(['0', '+']) {
            let starts_number =
                i == 0 || !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '+');
            if !starts_number {
                continue;
            }
            let rest = &text[i..];
            let digits: String = rest
                .strip_prefix("+44")
                .map(|r| format!("0{}", r.trim_start()))
                .unwrap_or_else(|| rest.to_string())
                .chars()
                .take(16)
                .filter(|c| c.is_ascii_digit() || *c == ' ')
                .collect::<String>()
                .replace(' ', "");
            if digits.len() < 10 {
                continue;
            }
            if let Some((p, n, w)) = self
                .phones
                .iter()
                .find(|(p, _, _)| digits.starts_with(p.as_str()))
            {
                let at = b.norm.start + i..b.norm.start + i + p.len();
                nations.add(
                    *n,
                    w * z.factor(),
                    format!("phone area {p} in {}", z.name()),
                    at,
                );
            }
        }
        for m in doc.masks_in(b.range.clone()) {
            if !matches!(m.kind, MaskKind::Url | MaskKind::Email) {
                continue;
            }
            let lower = doc.src[m.range.clone()].to_lowercase();
            let host = lower.rsplit('@').next().unwrap_or("");
            let host = host
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            let host = host.split('/').next().unwrap_or("");
            if let Some((d, n, w)) = self
                .domains
                .iter()
                .find(|(d, _, _)| host.ends_with(d.as_str()))
            {
                let at = doc.norm_pos(m.range.start)..doc.norm_pos(m.range.start);
                nations.add(
                    *n,
                    w * z.factor(),
                    format!("domain {d} in {}", z.name()),
                    at,
                );
            }
        }
    }
}
