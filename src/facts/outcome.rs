//! The decision a letter states (upheld, partly upheld, not upheld) and whether it finds
//! fault, from the phrases of `[facts.outcome]`.

use crate::document::Document;
use crate::rules::{OutcomeDef, PhraseSet};
use serde::Serialize;
use std::ops::Range;

/// The decision on the complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Upheld.
    Upheld,
    /// Partly upheld (or some parts upheld and some not).
    Partly,
    /// Not upheld, or no fault found.
    NotUpheld,
    /// No decision stated.
    NotStated,
}

const PARTLY: u32 = 0;
const UPHELD: u32 = 1;
const NOT: u32 = 2;
const FAULT: u32 = 3;

/// The compiled outcome cues.
#[derive(Debug, Clone)]
pub struct OutcomeMatcher {
    set: PhraseSet,
}

/// What [`OutcomeMatcher::infer`] finds.
#[derive(Debug, Clone)]
pub struct OutcomeFacts {
    /// The decision.
    pub outcome: Outcome,
    /// Where decisions are stated (norm ranges of the phrases).
    pub decisions: Vec<Range<usize>>,
    /// Where fault is admitted (norm ranges of the phrases).
    pub faults: Vec<Range<usize>>,
}

impl OutcomeMatcher {
    /// Compiles the cues.
    pub fn new(def: &OutcomeDef) -> OutcomeMatcher {
        let mut b = PhraseSet::builder();
        for (tag, list) in [
            (PARTLY, &def.partly),
            (UPHELD, &def.upheld),
            (NOT, &def.not_upheld),
            (FAULT, &def.fault),
        ] {
            for p in list {
                b.add(p, tag, false);
            }
        }
        OutcomeMatcher { set: b.build() }
    }

    /// Finds the decision and the admissions of fault; `judged` says whether a norm
    /// range is the organisation's own words (not a quotation, not reported speech, not
    /// a condition).
    pub fn infer(&self, doc: &Document, judged: &dyn Fn(&Range<usize>) -> bool) -> OutcomeFacts {
        let all: Vec<_> = self
            .set
            .find_overlapping_in(doc, 0..doc.norm.len())
            .into_iter()
            .filter(|m| judged(&m.range))
            .collect();
        // An "upheld" phrase inside a "not upheld" or "partly upheld" one is part of it.
        let covered = |r: &Range<usize>| {
            all.iter().any(|m| {
                (m.tag == NOT || m.tag == PARTLY)
                    && m.range.start <= r.start
                    && r.end <= m.range.end
                    && m.range != *r
            }) || all.iter().any(|m| {
                (m.tag == NOT || m.tag == PARTLY) && m.range.start < r.end && r.start < m.range.end
            })
        };
        let mut decisions = Vec::new();
        let mut faults = Vec::new();
        let (mut partly, mut upheld, mut not) = (false, false, false);
        for m in &all {
            match m.tag {
                PARTLY => partly = true,
                UPHELD if !covered(&m.range) => upheld = true,
                NOT => not = true,
                FAULT => {
                    faults.push(m.range.clone());
                    continue;
                }
                _ => continue,
            }
            decisions.push(m.range.clone());
        }
        let outcome = if partly || (upheld && not) {
            Outcome::Partly
        } else if upheld {
            Outcome::Upheld
        } else if not {
            Outcome::NotUpheld
        } else {
            Outcome::NotStated
        };
        OutcomeFacts {
            outcome,
            decisions,
            faults,
        }
    }
}
