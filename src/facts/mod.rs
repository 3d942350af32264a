//! Facts about a letter, computed once and shared by every check: its kind, its
//! context (nation, service and sender, and so the right Ombudsman), the salutation
//! and the sign-off.

mod content;
pub mod context;
mod letter_parts;
mod outcome;

pub use content::{ContentMatcher, Point};
pub use context::{Context, ContextMatcher, Given, Nation, Sender, Service, Welsh};
pub use letter_parts::{Salutation, SignOff};
pub use outcome::{Outcome, OutcomeFacts, OutcomeMatcher};

use crate::document::{BlockKind, Document};
use crate::error::Error;
use crate::rules::{FactsDef, PhraseSet};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The three template letters the guidance names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Acknowledges a complaint; need not signpost.
    Acknowledgement,
    /// Updates the complainant on an investigation; need not signpost.
    Update,
    /// Gives the decision (a stage response or final response).
    Decision,
}

impl Kind {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Acknowledgement => "acknowledgement",
            Kind::Update => "update",
            Kind::Decision => "decision",
        }
    }
}

/// The one-word shorthand for a letter's [`Context`] (`--sector`), kept from before
/// the context had three parts: each maps to a nation, a service and sometimes a
/// sender ([`Sector::given`]), and a context maps back ([`Context::sector`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sector {
    /// English councils and adult social care (LGSCO).
    Council,
    /// The NHS in England (PHSO).
    Nhs,
    /// Social landlords in England (Housing Ombudsman).
    Housing,
    /// FCA-regulated firms (Financial Ombudsman Service).
    Financial,
    /// Scottish public services (SPSO).
    Scotland,
    /// Welsh public services (PSOW).
    Wales,
    /// Northern Irish public services (NIPSO).
    Ni,
    /// Not known.
    Unknown,
}

impl Sector {
    /// Every sector but `Unknown`, in the order cues are tallied.
    pub const KNOWN: [Sector; 7] = [
        Sector::Council,
        Sector::Nhs,
        Sector::Housing,
        Sector::Financial,
        Sector::Scotland,
        Sector::Wales,
        Sector::Ni,
    ];

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Council => "council",
            Sector::Nhs => "nhs",
            Sector::Housing => "housing",
            Sector::Financial => "financial",
            Sector::Scotland => "scotland",
            Sector::Wales => "wales",
            Sector::Ni => "ni",
            Sector::Unknown => "unknown",
        }
    }

    /// Parses a lower-case name.
    pub fn parse(s: &str) -> Option<Sector> {
        Sector::KNOWN
            .into_iter()
            .chain([Sector::Unknown])
            .find(|x| x.as_str() == s)
    }
}

impl std::str::FromStr for Sector {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Sector::parse(s).ok_or_else(|| {
            format!("unknown sector `{s}` (expected council, nhs, housing, financial, scotland, wales, ni or unknown)")
        })
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [Kind::Acknowledgement, Kind::Update, Kind::Decision]
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown letter kind `{s}` (expected acknowledgement, update or decision)")
            })
    }
}

/// What letterlint knows about one letter.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The letter kind (inferred unless configured).
    pub kind: Kind,
    /// The nation, service and sender (inferred unless configured).
    pub context: Context,
    /// The one-word sector the context amounts to.
    pub sector: Sector,
    /// "Dear …", if found.
    pub salutation: Option<Salutation>,
    /// "Yours sincerely" and the signatory, if found.
    pub sign_off: Option<SignOff>,
    /// The body: from after the salutation to before the sign-off (a norm range).
    pub body: Range<usize>,
    /// Sentences that report the complainant's words (norm ranges, sorted).
    pub reported: Vec<Range<usize>>,
    /// The decision stated.
    pub outcome: Outcome,
    /// Where decisions are stated (norm ranges).
    pub decisions: Vec<Range<usize>>,
    /// Where fault is admitted (norm ranges).
    pub faults: Vec<Range<usize>>,
    /// The sentence that first states the decision or admits fault (norm range).
    pub finding: Option<Range<usize>>,
    /// The complaint points.
    pub points: Vec<Point>,
}

impl Facts {
    /// Whether the letter finds fault: it upholds the complaint (in whole or part), or
    /// states no decision but admits fault.
    pub fn fault_found(&self) -> bool {
        match self.outcome {
            Outcome::Upheld | Outcome::Partly => true,
            Outcome::NotUpheld => false,
            Outcome::NotStated => !self.faults.is_empty(),
        }
    }

    /// Whether the norm range lies in a sentence of reported speech.
    pub fn is_reported(&self, r: &Range<usize>) -> bool {
        let i = self.reported.partition_point(|s| s.end <= r.start);
        self.reported
            .get(i)
            .is_some_and(|s| s.start <= r.start && r.end <= s.end)
    }
}

/// The compiled cues of the `[facts]` section.
#[derive(Debug, Clone)]
pub struct FactsMatcher {
    kind: PhraseSet,
    kind_weights: Vec<(Kind, u32)>,
    context: ContextMatcher,
    pub(crate) signoffs: Vec<String>,
    pub(crate) salutations: Vec<String>,
    content: ContentMatcher,
    outcome: OutcomeMatcher,
    conditional: Vec<String>,
}

impl FactsMatcher {
    /// Compiles the cues. Unknown `to` names are errors naming the cue.
    pub fn new(def: &FactsDef) -> Result<FactsMatcher, Error> {
        let bad = |what: &str, to: &str| Error::Pack {
            file: "[facts]".into(),
            line: 1,
            column: 1,
            message: format!("{what} cue `to = \"{to}\"` is not a known {what}"),
        };
        let mut kb = PhraseSet::builder();
        let mut kind_weights = Vec::new();
        for (i, cue) in def.kind.iter().enumerate() {
            let k: Kind = cue.to.parse().map_err(|_| bad("kind", &cue.to))?;
            kind_weights.push((k, cue.weight));
            for p in &cue.phrases {
                kb.add(p, i as u32, cue.case_sensitive);
            }
        }
        Ok(FactsMatcher {
            content: ContentMatcher::new(&def.content),
            conditional: def.conditional_words.clone(),
            outcome: OutcomeMatcher::new(&def.outcome),
            context: ContextMatcher::new(def)?,
            kind: kb.build(),
            kind_weights,
            signoffs: def.signoffs.clone(),
            salutations: def.salutations.clone(),
        })
    }

    /// Computes the facts of `doc`. Blocks flagged in `skip_for_sector` (those that name
    /// an Ombudsman) do not vote for the context, and end complaint points;
    /// `named_service` is the service of the scheme the letter signposts, used when
    /// nothing else says. `kind` and `given` override inference.
    pub fn infer(
        &self,
        doc: &Document,
        skip_for_sector: &[bool],
        named_service: Option<(Service, String)>,
        kind: Option<Kind>,
        given: Given,
    ) -> Facts {
        let kind_given = kind;
        let salutation = letter_parts::salutation(doc, &self.salutations);
        let sign_off = letter_parts::sign_off(doc, &self.signoffs);
        let letterhead = salutation
            .as_ref()
            .map_or(0, |s| doc.norm_pos(s.range.start));
        let sign_off_start = sign_off
            .as_ref()
            .map_or(doc.norm.len(), |s| doc.norm_pos(s.line_start));
        let mut context =
            self.context
                .infer(doc, skip_for_sector, letterhead, sign_off_start, given);
        // a letter that says nothing else of its service is about the one its
        // signposting's scheme serves (an FCA template naming only the FOS)
        if context.service.is_none() {
            if let Some((service, why)) = named_service {
                context.service = Some(service);
                context.evidence.service = Some(why);
            }
        }
        let sector = context.sector();
        let body_start = salutation.as_ref().map_or(0, |s| doc.norm_pos(s.range.end));
        let body_end = sign_off
            .as_ref()
            .map_or(doc.norm.len(), |s| doc.norm_pos(s.line_start));
        let body = body_start.min(body_end)..body_end;
        let reported = self.content.reported(doc);
        let judged = |r: &Range<usize>| {
            let i = reported.partition_point(|s| s.end <= r.start);
            let in_reported = reported
                .get(i)
                .is_some_and(|s| s.start <= r.start && r.end <= s.end);
            !in_reported && !doc.in_quote(r) && !conditional(&doc.norm, r.start, &self.conditional)
        };
        let o = self.outcome.infer(doc, &judged);
        // A letter that states its decision is a decision letter, whatever else it says.
        let kind = kind_given.unwrap_or_else(|| {
            if o.decisions.is_empty() {
                self.infer_kind(doc)
            } else {
                Kind::Decision
            }
        });
        let first = o.decisions.iter().chain(&o.faults).map(|r| r.start).min();
        let finding = first.and_then(|p| doc.sentence_at(p));
        let ends_point = |i: usize| skip_for_sector.get(i).copied().unwrap_or(false);
        let points = self.content.points(doc, &body, &ends_point);
        Facts {
            kind,
            context,
            sector,
            salutation,
            sign_off,
            body,
            reported,
            outcome: o.outcome,
            decisions: o.decisions,
            faults: o.faults,
            finding,
            points,
        }
    }

    fn infer_kind(&self, doc: &Document) -> Kind {
        let mut seen = vec![false; self.kind.len()];
        let mut score = [0u32; 3];
        for m in self.kind.find_all_in(doc, 0..doc.norm.len()) {
            if seen[m.phrase]
                || doc.in_quote(&m.range)
                || conditional(&doc.norm, m.range.start, &self.conditional)
            {
                continue;
            }
            seen[m.phrase] = true;
            let (k, w) = self.kind_weights[m.tag as usize];
            let heading = doc
                .block_at(m.range.start)
                .is_some_and(|b| matches!(doc.blocks[b].kind, BlockKind::Heading(_)));
            score[k as usize] += if heading { 2 * w } else { w };
        }
        let [ack, update, decision] = score;
        if ack > update.max(decision) {
            Kind::Acknowledgement
        } else if update > decision && update >= ack {
            Kind::Update
        } else {
            Kind::Decision
        }
    }
}

/// Whether the sentence before `pos` holds a
/// condition ("if", "should", "unless", "in case"): a cue there describes what may
/// happen, not what this letter is.
fn conditional(norm: &str, pos: usize, words: &[String]) -> bool {
    let mut start = pos.saturating_sub(300);
    while !norm.is_char_boundary(start) {
        start += 1;
    }
    let before = &norm[start..pos];
    let sentence = before
        .rsplit(['.', ';', ':', '\n', '!', '?'])
        .next()
        .unwrap_or("");
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| words.iter().any(|c| w.eq_ignore_ascii_case(c)))
}
