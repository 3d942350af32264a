//! What the letter says, structurally: its body (between salutation and sign-off), the
//! sentences that report the complainant's words, and its complaint points.

use crate::document::{BlockKind, Document};
use crate::rules::{normalise_phrase, ContentDef, PhraseSet};
use std::ops::Range;

/// A complaint point: a run of blocks about one thing the complainant raised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The blocks it spans (indexes into [`Document::blocks`]).
    pub blocks: Range<usize>,
    /// Whether it is a section under its own heading.
    pub heading: bool,
}

/// The compiled cues of `[facts.content]`.
#[derive(Debug, Clone)]
pub struct ContentMatcher {
    reported: Openings,
    openers: Openings,
    enders: Openings,
    structural: PhraseSet,
    findings: Vec<String>,
}

fn lower_all(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| normalise_phrase(s).to_lowercase())
        .collect()
}

/// Phrases one of which a text may open with, kept by their first byte (ASCII
/// lower-cased), so that a sentence is compared only with the phrases that begin as it
/// does.
#[derive(Debug, Clone)]
struct Openings {
    by_first: Vec<Vec<String>>,
}

impl Openings {
    fn new(v: &[String]) -> Openings {
        let mut by_first = vec![Vec::new(); 256];
        for p in lower_all(v) {
            if let Some(&b) = p.as_bytes().first() {
                by_first[usize::from(b.to_ascii_lowercase())].push(p);
            }
        }
        Openings { by_first }
    }

    /// Whether `text`, from its first letter or digit, opens with one of the phrases as
    /// a whole word (ASCII case ignored).
    fn opens(&self, text: &str) -> bool {
        let t = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(&b) = t.as_bytes().first() else {
            return false;
        };
        self.by_first[usize::from(b.to_ascii_lowercase())]
            .iter()
            .any(|p| {
                t.len() >= p.len()
                    && t.is_char_boundary(p.len())
                    && t[..p.len()].eq_ignore_ascii_case(p)
                    && !t[p.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
    }
}

impl ContentMatcher {
    /// Compiles the cues.
    pub fn new(def: &ContentDef) -> ContentMatcher {
        let mut b = PhraseSet::builder();
        for h in &def.structural_headings {
            b.add(h, 0, false);
        }
        ContentMatcher {
            reported: Openings::new(&def.reported_speech),
            openers: Openings::new(&def.point_openers),
            enders: Openings::new(&def.point_enders),
            findings: lower_all(&def.findings_heading_words),
            structural: b.build(),
        }
    }

    /// Sentences (norm ranges) that open with reported speech ("You said…").
    pub fn reported(&self, doc: &Document) -> Vec<Range<usize>> {
        doc.sentences()
            .iter()
            .filter(|s| self.reported.opens(&doc.norm[(*s).clone()]))
            .cloned()
            .collect()
    }

    fn is_structural(&self, heading: &str) -> bool {
        let t = heading.trim_start_matches(|c: char| !c.is_alphabetic());
        self.structural
            .find_all(t)
            .iter()
            .any(|m| m.range.start == 0)
    }

    /// The complaint points of the letter body (`body`, a norm range). A point is a
    /// section under a heading that is not structural ("Our decision", "What happens
    /// next"…), or a paragraph opened by a point opener ("You said…") and the paragraphs
    /// after it, or a list item of two or more sentences. Points never cross a heading
    /// and end before a paragraph that names the Ombudsman.
    pub fn points(
        &self,
        doc: &Document,
        body: &Range<usize>,
        ends_point: &dyn Fn(usize) -> bool,
    ) -> Vec<Point> {
        let mut points: Vec<Point> = Vec::new();
        let mut current: Option<Point> = None;
        let mut open_section = true; // may "You said…" paragraphs open points here?
        let mut seen_paragraph = false; // a heading before any paragraph is the subject line
        let close = |current: &mut Option<Point>, points: &mut Vec<Point>| {
            if let Some(p) = current.take() {
                points.push(p);
            }
        };
        for (i, b) in doc.blocks.iter().enumerate() {
            if b.norm.start < body.start || b.norm.end > body.end {
                close(&mut current, &mut points);
                continue;
            }
            let text = &doc.norm[b.norm.clone()];
            if let BlockKind::Heading(_) = b.kind {
                close(&mut current, &mut points);
                let subject_line = !seen_paragraph;
                if !subject_line && (self.openers.opens(text) || !self.is_structural(text)) {
                    current = Some(Point {
                        blocks: i..i + 1,
                        heading: true,
                    });
                    open_section = true;
                } else {
                    open_section = subject_line || !self.closed_section(text);
                }
                continue;
            }
            seen_paragraph = true;
            if ends_point(i) || self.enders.opens(text) {
                close(&mut current, &mut points);
                continue;
            }
            let opener = self.openers.opens(text);
            if opener && open_section {
                if current
                    .as_ref()
                    .is_some_and(|p| !p.heading || p.blocks.len() > 1)
                {
                    close(&mut current, &mut points);
                }
                match current.as_mut() {
                    Some(p) => p.blocks.end = i + 1,
                    None => {
                        current = Some(Point {
                            blocks: i..i + 1,
                            heading: false,
                        })
                    }
                }
            } else if let Some(p) = current.as_mut() {
                p.blocks.end = i + 1;
            } else if b.kind == BlockKind::ListItem
                && open_section
                && sentence_count(doc, b.norm.clone()) >= 2
            {
                points.push(Point {
                    blocks: i..i + 1,
                    heading: false,
                });
            }
        }
        close(&mut current, &mut points);
        points
    }

    /// Sections whose headings summarise or conclude: "You said…" there is not a point.
    fn closed_section(&self, heading: &str) -> bool {
        let t = heading.to_lowercase();
        !self.findings.iter().any(|w| t.contains(w.as_str()))
    }
}

fn sentence_count(doc: &Document, r: Range<usize>) -> usize {
    doc.sentences()
        .iter()
        .filter(|s| s.start >= r.start && s.end <= r.end)
        .count()
}
