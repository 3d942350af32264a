//! The blind-set scorer: letters labelled outside the team in the `*.gold.json` schema
//! (see `tests/blind/README.md`), linted with no hints and with the labelled sector
//! given, and compared with their labels: letter-level precision, recall and F1 per
//! rule, inference accuracy, and mention-level officer detection with the leak count.
//!
//! Shared by `tests/blind.rs` (which asserts thresholds on the sets in
//! `tests/blind/sets/`) and `examples/blind-score.rs` (which scores any directory, for a
//! first run).
#![allow(dead_code)]

use letterlint::anonymise::{Mode, PersonRole};
use letterlint::{Applicability, Config, Linter, Nation, Sector, Sender, Service, Source};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One letter's labels.
#[derive(Debug, Deserialize, Clone)]
pub struct Gold {
    pub file: String,
    /// decision (the default), acknowledgement, update or not_letter.
    #[serde(default = "decision")]
    pub kind: String,
    pub nation: String,
    pub sector: String,
    #[serde(default)]
    pub sender: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    pub outcome: String,
    pub ombudsman: GoldOmbudsman,
    pub fact_vs_standard: GoldStandard,
    pub apology: GoldApology,
    pub officers: Vec<GoldOfficer>,
    pub not_officers: Vec<String>,
    pub signatory: Option<String>,
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// Every decision comes with its reason (sets labelled after outside-letters).
    #[serde(default)]
    pub reasons_given: Option<bool>,
    #[serde(default)]
    pub learning: Option<GoldLearning>,
}

fn decision() -> String {
    "decision".to_string()
}

#[derive(Debug, Deserialize, Clone)]
pub struct GoldLearning {
    pub required: bool,
    pub present: bool,
}

#[derive(Debug, Deserialize, Clone)]
pub struct GoldOmbudsman {
    pub required: bool,
    pub present: bool,
    pub correct_body: Option<bool>,
    pub body_named: Option<String>,
    pub right_body: String,
    pub contact_given: Option<bool>,
    pub time_limit_given: Option<bool>,
    #[serde(default)]
    pub outdated_details: Vec<String>,
    /// Regulators, tribunals and internal appeals offered as next steps.
    #[serde(default)]
    pub not_ombudsman: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct GoldStandard {
    pub present: bool,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct GoldApology {
    pub required: bool,
    pub present: bool,
    #[serde(default)]
    pub non_apology_phrases: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct GoldOfficer {
    pub id: String,
    pub mentions: Vec<String>,
}

/// A labelled letter of a blind set.
#[derive(Debug, Clone)]
pub struct BlindLetter {
    pub path: PathBuf,
    pub source: Source,
    pub gold: Gold,
}

/// Every letter of `dir` that has a `.gold.json` beside it.
pub fn load(dir: &Path) -> Vec<BlindLetter> {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    golds
        .into_iter()
        .map(|g| {
            let text =
                std::fs::read_to_string(&g).unwrap_or_else(|e| panic!("{}: {e}", g.display()));
            let gold: Gold =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", g.display()));
            let path = dir.join(&gold.file);
            let source = letterlint::io::read_source(&path, None)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            BlindLetter { path, source, gold }
        })
        .collect()
}

/// Letter-level counts for one rule.
#[derive(Default, Clone, Copy, Debug)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, got: bool, want: bool) {
        match (got, want) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            _ => {}
        }
    }
}

/// The rules the gold schema labels, and whether each letter should draw them
/// (`None`: the labels do not say, e.g. the contact details of a wrong body).
pub fn expected(g: &Gold) -> Vec<(&'static str, Option<bool>)> {
    let o = &g.ombudsman;
    let wrong = o.correct_body == Some(false);
    let about_named_body = |given: Option<bool>| {
        if !o.present || wrong {
            // Missing or wrong: the body's details are not what is wrong.
            if o.present {
                None
            } else {
                Some(false)
            }
        } else {
            Some(!given.unwrap_or(false))
        }
    };
    vec![
        ("ombudsman-missing", Some(o.required && !o.present)),
        ("ombudsman-wrong-body", Some(o.present && wrong)),
        ("ombudsman-no-contact", about_named_body(o.contact_given)),
        (
            "ombudsman-no-time-limit",
            about_named_body(o.time_limit_given),
        ),
        ("ombudsman-outdated", Some(!o.outdated_details.is_empty())),
        (
            "apology-missing",
            Some(g.apology.required && !g.apology.present),
        ),
        (
            "non-apology",
            Some(!g.apology.non_apology_phrases.is_empty()),
        ),
        ("standard-missing", Some(!g.fact_vs_standard.present)),
        ("outcome-missing", Some(g.outcome == "none_stated")),
        ("named-officer", Some(!g.officers.is_empty())),
        ("reasons-missing", g.reasons_given.map(|r| !r)),
        (
            "learning-missing",
            g.learning.as_ref().map(|l| l.required && !l.present),
        ),
    ]
}

/// The built-in sector a letter's labels call for, if the tool has one.
pub fn labelled_sector(g: &Gold) -> Option<Sector> {
    match g.nation.as_str() {
        "scotland" => return Some(Sector::Scotland),
        "wales" => return Some(Sector::Wales),
        "ni" => return Some(Sector::Ni),
        _ => {}
    }
    match g.sector.as_str() {
        "council" | "social_care" => Some(Sector::Council),
        "nhs" => Some(Sector::Nhs),
        "housing" => Some(Sector::Housing),
        "financial" => Some(Sector::Financial),
        _ => None,
    }
}

/// The labelled nation.
pub fn labelled_nation(g: &Gold) -> Option<Nation> {
    g.nation.parse().ok()
}

/// The labelled service (`sector` in the gold schema).
pub fn labelled_service(g: &Gold) -> Option<Service> {
    Some(match g.sector.as_str() {
        "council" => Service::LocalGovernment,
        "social_care" => Service::SocialCare,
        "housing" => Service::Housing,
        "nhs" => Service::Health,
        "financial" => Service::Financial,
        "energy" => Service::Energy,
        "communications" => Service::Communications,
        "water" => Service::Water,
        "legal" => Service::Legal,
        "pensions" => Service::Pensions,
        "property" => Service::Property,
        _ => return None,
    })
}

/// The labelled sender, when the gold has one.
pub fn labelled_sender(g: &Gold) -> Option<Sender> {
    Some(match g.sender.as_deref()? {
        "council" | "council_landlord" => Sender::Council,
        "housing_association" => Sender::HousingAssociation,
        "nihe" => Sender::HousingExecutive,
        "nhs_trust" | "hsc_trust" => Sender::NhsTrust,
        "gp_practice" => Sender::GpPractice,
        "health_board" => Sender::HealthBoard,
        "care_provider" => Sender::CareProvider,
        "bank" => Sender::Bank,
        "insurer" => Sender::Insurer,
        "lender" => Sender::Lender,
        "energy_supplier" => Sender::EnergySupplier,
        "telecoms" => Sender::Telecoms,
        "water_company" => Sender::WaterCompany,
        "solicitors" => Sender::Solicitors,
        "pension_scheme" => Sender::PensionScheme,
        "letting_agent" => Sender::LettingAgent,
        _ => return None,
    })
}

/// Mention-level officer figures.
#[derive(Default, Clone, Debug)]
pub struct Officers {
    /// Predicted officer mentions overlapping a labelled officer mention.
    pub tp: usize,
    /// Predicted officer mentions overlapping none.
    pub fp: usize,
    /// Labelled officer mentions no predicted mention overlaps.
    pub fn_: usize,
    /// Labelled officer mentions in all.
    pub gold: usize,
    /// Name words of officers left in the rewrite or the anonymised text (all modes).
    pub leaks: usize,
    /// Look-alike occurrences in the input, and those still in the outputs.
    pub lookalikes: usize,
    pub lookalikes_kept: usize,
    /// Predicted people holding mentions of two labelled officers.
    pub merged: usize,
    /// Labelled officers spread over two predicted people.
    pub split: usize,
    pub lines: Vec<String>,
}

impl Officers {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            (self.gold - self.fn_) as f64 / self.gold as f64
        }
    }
    pub fn kept(&self) -> f64 {
        if self.lookalikes == 0 {
            1.0
        } else {
            self.lookalikes_kept as f64 / self.lookalikes as f64
        }
    }
}

/// The score of a set, one way of running it.
#[derive(Default, Debug)]
pub struct Score {
    pub letters: usize,
    pub rules: BTreeMap<&'static str, Counts>,
    pub sector_ok: usize,
    pub sector_known: usize,
    /// Letters whose nation, service and sender were inferred as labelled (and how many
    /// had a sender label).
    pub nation_ok: usize,
    pub service_ok: usize,
    pub service_known: usize,
    pub sender_ok: usize,
    pub sender_known: usize,
    pub kind_ok: usize,
    /// Letters that panicked (their error, not the run's).
    pub panics: Vec<String>,
    pub officers: Officers,
    /// Per letter: extra and missing rules.
    pub mismatches: Vec<String>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `needle`'s whole-word occurrences in `hay` (ASCII case-insensitive when `fold`),
/// curly and straight apostrophes alike.
fn occurrences(hay: &str, needle: &str, fold: bool) -> Vec<Range<usize>> {
    let canon = |s: &str| -> String {
        let s = s.replace('’', "'");
        if fold {
            s.to_lowercase()
        } else {
            s
        }
    };
    // Work on a copy whose byte offsets match `hay`: ’ (3 bytes) becomes '\'' + 2 NULs.
    let mut h = String::with_capacity(hay.len());
    for c in hay.chars() {
        if c == '’' {
            h.push_str("'\0\0");
        } else if fold && c.is_uppercase() {
            let l: String = c.to_lowercase().collect();
            if l.len() == c.len_utf8() {
                h.push_str(&l);
            } else {
                h.push(c);
            }
        } else {
            h.push(c);
        }
    }
    let n = canon(needle).replace('\'', "'\0\0");
    let mut out = Vec::new();
    if n.is_empty() {
        return out;
    }
    for (i, _) in h.match_indices(n.as_str()) {
        let end = i + n.len();
        let before = hay[..i].chars().next_back();
        let after = hay.get(end..).and_then(|s| s.chars().next());
        let starts_word = needle.chars().next().is_some_and(is_word);
        let ends_word = needle.chars().next_back().is_some_and(is_word);
        if (starts_word && before.is_some_and(is_word)) || (ends_word && after.is_some_and(is_word))
        {
            continue;
        }
        out.push(i..end);
    }
    // A needle with a straight apostrophe also matches a curly one.
    if needle.contains('\'') {
        let curly = needle.replace('\'', "’");
        out.extend(occurrences(hay, &curly, fold));
        out.sort_by_key(|r| r.start);
        out.dedup();
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Spans of `forms` in `text`, longest first, never overlapping one another.
fn claim(text: &str, forms: &[String], claimed: &mut Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut forms: Vec<&String> = forms.iter().collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let mut out = Vec::new();
    for f in forms {
        for r in occurrences(text, f, false) {
            if !claimed.iter().any(|c| overlaps(c, &r)) {
                claimed.push(r.clone());
                out.push(r);
            }
        }
    }
    out
}

/// Honorifics, ranks and role words: not name words.
const NOT_NAME_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sister",
    "staff",
    "nurse",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "officer",
    "the",
    "our",
    "from",
    "team",
    "of",
    "and",
];

/// The name words of an officer's mentions: capitalised words (and each part of a
/// hyphenated one) less honorifics, at least two letters long.
pub fn name_words(o: &GoldOfficer) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in &o.mentions {
        for w in m.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')) {
            let w = w
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_matches(|c| c == '\'' || c == '’' || c == '-');
            let mut parts = vec![w];
            if w.contains('-') {
                parts.extend(w.split('-'));
            }
            for p in parts {
                if p.chars().count() < 2
                    || !p.chars().next().is_some_and(char::is_uppercase)
                    || NOT_NAME_WORDS.contains(&p.to_lowercase().as_str())
                {
                    continue;
                }
                out.insert(p.to_string());
            }
        }
    }
    out
}

fn score_officers(l: &BlindLetter, linter: &Linter, out: &mut Officers) {
    let text = l.source.text.as_str();
    let name = l.path.file_name().unwrap().to_string_lossy().to_string();
    let mut claimed = Vec::new();
    let mut gold_spans: Vec<(usize, Range<usize>)> = Vec::new();
    for (i, o) in l.gold.officers.iter().enumerate() {
        for r in claim(text, &o.mentions, &mut claimed) {
            gold_spans.push((i, r));
        }
    }
    let people = linter.anonymise(&l.source, Mode::Label).people;
    let mut person_officers: Vec<BTreeSet<usize>> = Vec::new();
    let mut officer_people: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); l.gold.officers.len()];
    for (pi, p) in people.iter().enumerate() {
        let mut mine = BTreeSet::new();
        if p.role == PersonRole::Officer {
            for m in &p.mentions {
                let r = m.start..m.end;
                match gold_spans.iter().find(|(_, g)| overlaps(g, &r)) {
                    Some((oi, _)) => {
                        out.tp += 1;
                        mine.insert(*oi);
                        officer_people[*oi].insert(pi);
                    }
                    None => {
                        out.fp += 1;
                        out.lines
                            .push(format!("  FP {name}: {:?} ({:?})", m.text, m.signal));
                    }
                }
            }
        }
        person_officers.push(mine);
    }
    out.merged += person_officers.iter().filter(|s| s.len() > 1).count();
    out.split += officer_people.iter().filter(|s| s.len() > 1).count();
    out.gold += gold_spans.len();
    for (oi, g) in &gold_spans {
        let hit = people
            .iter()
            .filter(|p| p.role == PersonRole::Officer)
            .flat_map(|p| &p.mentions)
            .any(|m| overlaps(g, &(m.start..m.end)));
        if !hit {
            out.fn_ += 1;
            let role = people
                .iter()
                .find(|p| p.mentions.iter().any(|m| overlaps(g, &(m.start..m.end))))
                .map_or("not found".to_string(), |p| {
                    format!("found as {:?}", p.role)
                });
            out.lines.push(format!(
                "  FN {name}: {:?} (officer {}, {role})",
                &text[g.clone()],
                l.gold.officers[*oi].id
            ));
        }
    }
    // Leaks and look-alikes, in the rewrite and in the anonymised text in every mode.
    let mut shields: Vec<String> = l.gold.not_officers.clone();
    shields.extend(l.gold.signatory.clone());
    let outputs = [
        ("rewrite", linter.fix(&l.source, Applicability::Manual).text),
        ("label", linter.anonymise(&l.source, Mode::Label).text),
        ("role", linter.anonymise(&l.source, Mode::Role).text),
        (
            "organisation",
            linter.anonymise(&l.source, Mode::Organisation).text,
        ),
    ];
    for (what, t) in &outputs {
        let mut claimed = Vec::new();
        let shielded = claim(t, &shields, &mut claimed);
        for o in &l.gold.officers {
            for w in name_words(o) {
                let n = occurrences(t, &w, true)
                    .into_iter()
                    .filter(|r| !shielded.iter().any(|s| overlaps(s, r)))
                    .count();
                if n > 0 {
                    out.leaks += n;
                    out.lines
                        .push(format!("  LEAK {name} ({what}): {w:?} x{n}"));
                }
            }
        }
    }
    for la in &l.gold.not_officers {
        let before = occurrences(text, la, false).len();
        for (what, t) in outputs.iter().take(2) {
            let after = occurrences(t, la, false).len();
            out.lookalikes += before;
            out.lookalikes_kept += after.min(before);
            if after < before {
                out.lines.push(format!(
                    "  LOST {name} ({what}): look-alike {la:?} {after} of {before}"
                ));
            }
        }
    }
}

/// How a set is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hints {
    /// Kind and sector inferred.
    None,
    /// The labelled nation and service given, as a user would with `--nation` and
    /// `--service`.
    Sector,
}

/// Scores `letters` (and officer detection, when `officers`: it anonymises every letter
/// in three modes and rewrites it, the dear part).
pub fn score(letters: &[BlindLetter], hints: Hints) -> Score {
    score_with(letters, hints, true)
}

/// [`score`], with officer detection scored only when `officers`.
pub fn score_with(letters: &[BlindLetter], hints: Hints, officers: bool) -> Score {
    let mut s = Score {
        letters: letters.len(),
        ..Score::default()
    };
    let inferred = Linter::new(Config::default()).unwrap();
    for l in letters {
        let name = l.path.file_name().unwrap().to_string_lossy().to_string();
        let given = labelled_sector(&l.gold);
        let own;
        let linter = match hints {
            Hints::Sector => {
                own = Linter::new(Config {
                    nation: labelled_nation(&l.gold),
                    service: labelled_service(&l.gold),
                    ..Config::default()
                })
                .unwrap();
                &own
            }
            Hints::None => &inferred,
        };
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let report = linter.lint(&l.source);
            let mut found = Officers::default();
            if officers {
                score_officers(l, linter, &mut found);
            }
            (report, found)
        }));
        let (report, officers) = match run {
            Ok(r) => r,
            Err(e) => {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                s.panics.push(format!("{name}: {msg}"));
                continue;
            }
        };
        s.kind_ok += usize::from(report.kind.as_str() == l.gold.kind);
        if let Some(want) = given {
            s.sector_known += 1;
            s.sector_ok += usize::from(report.sector == want);
        }
        let c = &report.context;
        s.nation_ok += usize::from(c.nation == labelled_nation(&l.gold));
        if let Some(want) = labelled_service(&l.gold) {
            s.service_known += 1;
            s.service_ok += usize::from(c.service == Some(want));
        }
        if let Some(want) = labelled_sender(&l.gold) {
            s.sender_known += 1;
            s.sender_ok += usize::from(c.sender == Some(want));
        }
        let context_wrong = c.nation != labelled_nation(&l.gold)
            || labelled_service(&l.gold).is_some_and(|w| c.service != Some(w))
            || labelled_sender(&l.gold).is_some_and(|w| c.sender != Some(w));
        let mut got: BTreeSet<&str> = report.diagnostics.iter().map(|d| d.rule.as_ref()).collect();
        // a regulator, court or advice service offered instead of the right body is its
        // own finding in letterlint; the gold schema calls it a wrong body (a regulator)
        // or no body at all (a court): it counts as whichever the labels expect, and as
        // a wrong body when they expect neither
        if got.contains("escalation-not-ombudsman") {
            let o = &l.gold.ombudsman;
            got.insert(if o.required && !o.present {
                "ombudsman-missing"
            } else {
                "ombudsman-wrong-body"
            });
        }
        let (mut extra, mut missing) = (Vec::new(), Vec::new());
        for (rule, want) in expected(&l.gold) {
            let c = s.rules.entry(rule).or_default();
            let Some(want) = want else { continue };
            let has = got.contains(rule);
            c.add(has, want);
            if has && !want {
                extra.push(rule);
            } else if want && !has {
                missing.push(rule);
            }
        }
        if !extra.is_empty() || !missing.is_empty() || context_wrong {
            s.mismatches.push(format!(
                "  {name} ({} {} {}; inferred {} {}): extra {extra:?}, missing {missing:?}",
                l.gold.nation,
                l.gold.sector,
                l.gold.sender.as_deref().unwrap_or("-"),
                report.kind.as_str(),
                c.describe(),
            ));
        }
        let o = &mut s.officers;
        o.tp += officers.tp;
        o.fp += officers.fp;
        o.fn_ += officers.fn_;
        o.gold += officers.gold;
        o.leaks += officers.leaks;
        o.lookalikes += officers.lookalikes;
        o.lookalikes_kept += officers.lookalikes_kept;
        o.merged += officers.merged;
        o.split += officers.split;
        o.lines.extend(officers.lines);
    }
    s
}

impl Score {
    /// The score as Markdown, for `tests/blind/RESULTS.md`.
    pub fn markdown(&self, title: &str) -> String {
        let mut out = format!("#### {title}\n\n");
        out += &format!(
            "{} letters; kind {}/{}; sector {}/{}; nation {}/{}; service {}/{}; sender {}/{}; panics {}\n\n",
            self.letters,
            self.kind_ok,
            self.letters,
            self.sector_ok,
            self.sector_known,
            self.nation_ok,
            self.letters,
            self.service_ok,
            self.service_known,
            self.sender_ok,
            self.sender_known,
            self.panics.len()
        );
        out += "| rule | TP | FP | FN | P | R | F1 |\n|---|---|---|---|---|---|---|\n";
        for (r, c) in &self.rules {
            out += &format!(
                "| {r} | {} | {} | {} | {:.2} | {:.2} | {:.2} |\n",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        let o = &self.officers;
        out += &format!(
            "\nofficers: {} labelled mentions; precision {:.3}, recall {:.3}; leaked name words {}; look-alikes kept {:.3} ({}/{}); people merged {}, officers split {}\n",
            o.gold,
            o.precision(),
            o.recall(),
            o.leaks,
            o.kept(),
            o.lookalikes_kept,
            o.lookalikes,
            o.merged,
            o.split
        );
        out
    }

    /// The per-letter detail: mismatches, officer misses, leaks, panics.
    pub fn detail(&self) -> String {
        let mut out = String::new();
        for p in &self.panics {
            out += &format!("  PANIC {p}\n");
        }
        for m in &self.mismatches {
            out += m;
            out.push('\n');
        }
        for l in &self.officers.lines {
            out += l;
            out.push('\n');
        }
        out
    }
}
