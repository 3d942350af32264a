//! Finding the people a letter names, and telling officers from everyone else.
//!
//! Signals, combined (every word list is data in `rules/officers.toml`):
//! a staff **roster**; **titles** and ranks before capitalised names; **roles in
//! apposition** ("our caseworker, Jane Doe", "Jane Doe, our Housing Officer", "your social
//! worker Tom", "Sarah from our repairs team"); given-name and surname **lists** for
//! "Jane Doe"-shaped names; and **re-mentions** of a person already found (surname or
//! first name alone, a full name again, possessives, at a sentence start when a verb
//! follows). Names in e-mail addresses and direct lines of people found are mentions too.
//!
//! Each person is then classified: the **signatory** (the sign-off), the **complainant**
//! (the addressee), a **third party** (family, neighbours, a councillor or MP, a GP, the
//! staff of another organisation, from cue words near the first mention or a
//! third-party title), otherwise an **officer**.

use super::index::{Spans, Words};
use super::names::{fold, NameLists};
use crate::checks::pattern::TextPattern;
use crate::document::{Document, MaskKind};
use crate::facts::Facts;
use crate::rules::{OfficersDef, PhraseSet, WordSet};
use serde::Serialize;
use std::ops::Range;

/// What a person is to the letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    /// A member of staff: anonymised.
    Officer,
    /// The person complaining (the addressee).
    Complainant,
    /// The person signing the letter: named by design.
    Signatory,
    /// Family, neighbours, councillors, MPs, outside professionals.
    ThirdParty,
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// The organisation's staff roster.
    Roster,
    /// A title or rank before the name.
    Title,
    /// A role in apposition.
    Apposition,
    /// Given-name and surname lists.
    Lists,
    /// A re-mention of someone already found.
    Remention,
    /// The local part of an e-mail address.
    Email,
    /// A direct phone line.
    Phone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// How the rewrite treats an apposition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Collapse {
    /// Delete this source range (", Jane Doe"), leaving the role phrase.
    Remove(Range<usize>),
    /// Replace this source range ("Jane Doe, our Housing Officer,") with the role phrase.
    WithRole(Range<usize>, String),
}

/// One mention of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name as written, in the source (without a possessive 's).
    pub src: Range<usize>,
    /// Where it is in the normalised prose (empty for e-mail and phone mentions).
    pub norm: Range<usize>,
    /// How it was found.
    pub signal: Signal,
    /// Followed by a possessive 's.
    pub possessive: bool,
    /// An apposition to collapse instead of replacing the name.
    pub collapse: Option<Collapse>,
    /// Found through a team link ("Sarah from our repairs team").
    pub team_link: bool,
    /// A title or rank written before the name (part of `src`).
    pub title: Option<String>,
}

/// A person the letter names.
#[derive(Debug, Clone)]
pub struct Person {
    /// What they are to the letter.
    pub role: PersonRole,
    /// Their mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Their name parts as written (given names, surname).
    pub parts: Vec<String>,
    /// Their role noun, if known ("housing officer", "nurse").
    pub role_noun: Option<String>,
    pub(crate) gender: Option<Gender>,
    pub(crate) first: Option<String>,
    pub(crate) last: Option<String>,
    /// The surname with any particles ("ap Gwyn", "Van der Berg").
    pub(crate) full_surname: Option<String>,
    third_party_hint: bool,
    staff_hint: bool,
}

/// The people of a letter, ordered by first mention.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Everyone found.
    pub persons: Vec<Person>,
}

impl People {
    /// The officers, in order of first mention.
    pub fn officers(&self) -> impl Iterator<Item = &Person> {
        self.persons
            .iter()
            .filter(|p| p.role == PersonRole::Officer)
    }
}

/// One line of a staff roster: "Jane Doe | Housing Officer".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// The full name.
    pub name: String,
    /// The role, if given.
    pub role: Option<String>,
}

/// Parses roster lines ("Name | optional role"); blank lines and `#` comments are skipped.
pub fn parse_roster<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<RosterEntry> {
    lines
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('|') {
            Some((n, r)) => RosterEntry {
                name: n.trim().to_string(),
                role: Some(r.trim().to_string()).filter(|r| !r.is_empty()),
            },
            None => RosterEntry {
                name: l.to_string(),
                role: None,
            },
        })
        .filter(|e| !e.name.is_empty())
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleKind {
    Staff,
    Neutral,
    ThirdParty,
}

/// The compiled detector.
#[derive(Debug, Clone)]
pub struct Detector {
    titles: Vec<(Vec<String>, TitleKind)>,
    title_firsts: std::collections::HashSet<String>,
    not_names: crate::rules::ExactWords,
    particles: WordSet,
    place_suffixes: crate::rules::ExactWords,
    place_prefixes: Vec<String>,
    org_joiners: Vec<String>,
    roles: PhraseSet,
    determiners: Vec<String>,
    team_links: Vec<String>,
    team_words: Vec<String>,
    third_words: WordSet,
    possessives: WordSet,
    relation_possessives: WordSet,
    reporting_verbs: WordSet,
    place_prepositions: WordSet,
    location_prepositions: WordSet,
    male_titles: Vec<String>,
    female_titles: Vec<String>,
    outside_owners: WordSet,
    family_roles: Vec<String>,
    org_words: Vec<String>,
    third_after: Vec<String>,
    remention_verbs: WordSet,
    person_verbs: WordSet,
    person_only_verbs: Vec<String>,
    name_intros: Vec<String>,
    /// `name_intros` as one automaton (tag: index in `name_intros`).
    intro_set: PhraseSet,
    direct_line: Vec<String>,
    roster: Vec<RosterEntry>,
    roster_set: PhraseSet,
    /// `[officers] phone_pattern`; `None` when it is empty.
    phone: Option<TextPattern>,
}

/// A word of the normalised prose.
#[derive(Debug, Clone)]
struct Tok {
    r: Range<usize>,
    /// Length of a possessive "'s" at the end of `r`.
    poss: usize,
    cap: bool,
    sentence_start: bool,
    /// The word (without a possessive) is one capital letter: "J".
    initial: bool,
    /// The word has two or more characters and no small letter: "NHS", "A&E".
    acronym: bool,
}

impl Tok {
    fn base(&self) -> Range<usize> {
        self.r.start..self.r.end - self.poss
    }
}

#[derive(Debug, Clone)]
struct Candidate {
    /// Norm range of the whole mention (title and name, no possessive).
    r: Range<usize>,
    parts: Vec<String>,
    signal: Signal,
    title: Option<(String, TitleKind)>,
    role: Option<String>,
    collapse: Option<(Range<usize>, Option<String>)>,
    team_link: bool,
    third_party: bool,
    staff: bool,
    possessive: bool,
    full_surname: Option<String>,
}

impl Candidate {
    /// An apposition's person: a third party when the role is someone else's, else staff
    /// with that role, whose name the rewrite collapses into the role phrase.
    fn in_role(
        mut self,
        outsider: bool,
        role: &str,
        collapse: impl FnOnce(&Candidate) -> (Range<usize>, Option<String>),
    ) -> Candidate {
        if outsider {
            self.third_party = true;
        } else {
            self.staff = true;
            self.role = Some(role.to_string());
            self.collapse = Some(collapse(&self));
        }
        self
    }
}

fn lower(v: &[String]) -> Vec<String> {
    v.iter().map(|s| s.to_lowercase()).collect()
}

/// A name part in the form compared with e-mail addresses: folded, no hyphens or
/// apostrophes ("Al-Sayed" → "alsayed").
fn email_key(s: &str) -> String {
    fold(s).replace(['-', '\'', ' '], "")
}

impl Detector {
    /// Compiles the `[officers]` data with a roster. The error names a bad
    /// `phone_pattern`.
    pub fn new(def: &OfficersDef, roster: Vec<RosterEntry>) -> Result<Detector, String> {
        let phone = if def.phone_pattern.is_empty() {
            None
        } else {
            Some(
                TextPattern::new(&def.phone_pattern)
                    .map_err(|e| format!("bad phone_pattern `{}`: {e}", def.phone_pattern))?,
            )
        };
        let mut titles: Vec<(Vec<String>, TitleKind)> = Vec::new();
        for (list, kind) in [
            (&def.staff_titles, TitleKind::Staff),
            (&def.neutral_titles, TitleKind::Neutral),
            (&def.third_party_titles, TitleKind::ThirdParty),
        ] {
            for t in list {
                titles.push((t.split_whitespace().map(str::to_string).collect(), kind));
            }
        }
        titles.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut rb = PhraseSet::builder();
        for r in &def.staff_roles {
            rb.add(r, 0, false);
        }
        let mut sb = PhraseSet::builder();
        for (i, e) in roster.iter().enumerate() {
            sb.add(&e.name, i as u32, false);
        }
        Ok(Detector {
            title_firsts: titles
                .iter()
                .filter_map(|(w, _)| w.first().cloned())
                .collect(),
            titles,
            not_names: def.not_names.iter().cloned().collect(),
            particles: WordSet::new(&def.particles),
            place_suffixes: def.place_suffixes.iter().cloned().collect(),
            place_prefixes: def.place_prefixes.clone(),
            org_joiners: def.org_joiners.clone(),
            roles: rb.build(),
            determiners: lower(&def.role_determiners)
                .into_iter()
                .map(|d| d + " ")
                .collect(),
            team_links: lower(&def.team_links),
            team_words: lower(&def.team_words),
            third_words: WordSet::new(&def.third_party_words),
            possessives: WordSet::new(&def.possessive_determiners),
            relation_possessives: WordSet::new(&def.relation_possessives),
            reporting_verbs: WordSet::new(&def.reporting_verbs),
            place_prepositions: WordSet::new(&def.place_prepositions),
            location_prepositions: WordSet::new(&def.location_prepositions),
            male_titles: def.male_titles.clone(),
            female_titles: def.female_titles.clone(),
            outside_owners: WordSet::new(&def.outside_owners),
            family_roles: lower(&def.family_owned_roles),
            org_words: def.org_words.clone(),
            third_after: def.third_party_after.clone(),
            remention_verbs: WordSet::new(
                def.remention_verbs
                    .iter()
                    .chain(def.modes.verb_agreement.iter().map(|[a, _]| a)),
            ),
            person_verbs: WordSet::new(&def.person_verbs),
            person_only_verbs: lower(&def.person_only_verbs),
            name_intros: lower(&def.name_intros),
            intro_set: {
                let mut b = PhraseSet::builder();
                for (i, p) in def.name_intros.iter().enumerate() {
                    b.add(&p.to_lowercase(), i as u32, false);
                }
                b.build()
            },
            direct_line: lower(&def.direct_line_words),
            roster,
            roster_set: sb.build(),
            phone,
        })
    }

    /// Adds the capitalised words of organisation `names` (the Ombudsman bodies the
    /// rewrite itself names) to the words that are never part of a name, but not a word
    /// the name lists hold as a given name or surname ("Wales").
    pub fn with_organisations<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Detector {
        let lists = NameLists::get();
        for name in names {
            for w in name.split(|c: char| !c.is_alphanumeric()) {
                if w.chars().next().is_some_and(char::is_uppercase)
                    && !lists.is_given(w)
                    && !lists.is_surname(w)
                {
                    self.not_names.insert(w);
                }
            }
        }
        self
    }

    /// Finds and classifies the people of `doc`.
    pub fn detect(&self, doc: &Document, facts: &Facts) -> People {
        let toks = tokens(doc);
        let lists = NameLists::get();
        let own_org = own_organisation(doc, facts);
        let mut cands = self.title_candidates(doc, &toks);
        cands.extend(self.apposition_candidates(doc, &toks, lists));
        cands.extend(self.roster_candidates(doc, &toks));
        let header_end = facts.salutation.as_ref().map_or(0, |s| s.range.start);
        cands.extend(self.list_candidates(doc, &toks, lists, &cands, header_end));
        cands.extend(self.context_candidates(doc, &toks, lists, &cands, header_end));
        for c in &mut cands {
            if self.affiliated_elsewhere(doc, c.r.end, &own_org) {
                c.third_party = true;
                c.staff = false;
            }
        }
        let cands = merge(cands);
        let mut persons = self.cluster(doc, cands);
        self.rementions(doc, &toks, lists, &mut persons);
        self.contacts(doc, lists, &mut persons);
        self.classify(doc, facts, &toks, &mut persons);
        for p in &mut persons {
            p.mentions.sort_by_key(|m| m.src.start);
            p.mentions.dedup_by(|a, b| a.src == b.src);
        }
        // someone found only by the name lists who is also on an address line (before the
        // salutation, unlabelled) is an address: "Bryn Awel, Lôn Goed"
        persons.retain(|p| {
            let lists_only = p
                .mentions
                .iter()
                .all(|m| matches!(m.signal, Signal::Lists | Signal::Remention));
            !(lists_only
                && p.mentions
                    .iter()
                    .any(|m| !m.norm.is_empty() && in_header_at(doc, &m.norm, header_end)))
        });
        persons.retain(|p| !p.mentions.is_empty());
        persons.sort_by_key(|p| p.mentions[0].src.start);
        People { persons }
    }

    fn title_at(
        &self,
        doc: &Document,
        toks: &[Tok],
        i: usize,
    ) -> Option<(usize, TitleKind, String)> {
        // titles start with a capital: skip other words without looking at the list
        if !toks.get(i).is_some_and(|t| t.cap)
            || !self.title_firsts.contains(&doc.norm[toks[i].r.clone()])
        {
            return None;
        }
        'titles: for (words, kind) in &self.titles {
            if i + words.len() > toks.len() {
                continue;
            }
            for (k, w) in words.iter().enumerate() {
                let t = &toks[i + k];
                if t.poss > 0 || doc.norm[t.r.clone()] != **w {
                    continue 'titles;
                }
                if k > 0 && gap(doc, toks, i + k) != " " {
                    continue 'titles;
                }
            }
            return Some((i + words.len(), *kind, words.join(" ")));
        }
        None
    }

    /// The gender a title gives ("Mr", "Mrs"…), for pronouns.
    fn title_gender(&self, t: &str) -> Option<Gender> {
        if self.male_titles.iter().any(|x| x == t) {
            Some(Gender::Male)
        } else if self.female_titles.iter().any(|x| x == t) {
            Some(Gender::Female)
        } else {
            None
        }
    }

    /// Whether token `i` comes straight after another capitalised word on the same line
    /// (not a sentence start, not "Dear", not a title): it is then inside a longer proper
    /// noun ("Cyngor Sir Penrhos", "Queen Margaret Infirmary", "the Kelvin Hall").
    fn follows_capitalised(&self, doc: &Document, toks: &[Tok], i: usize) -> bool {
        if i == 0
            || !toks[i - 1].cap
            || toks[i].sentence_start
            || gap(doc, toks, i) != " "
            || crosses_line(doc, toks, i)
        {
            return false;
        }
        let prev = &doc.norm[toks[i - 1].r.clone()];
        !self.is_not_name(doc, &toks[i - 1])
            && self.title_at(doc, toks, i - 1).is_none()
            && !self
                .titles
                .iter()
                .any(|(w, _)| w.last().is_some_and(|l| l == prev))
    }

    /// A surname particle ("da", "van", "ap") inside a name: lower case anywhere, or
    /// capitalised where a name cannot begin with it as a given name ("Mr Da Silva",
    /// "In Da Silva's view", "Maria De Souza"); "Di Thomas" keeps "Di" as her name.
    fn is_particle(&self, doc: &Document, toks: &[Tok], k: usize) -> bool {
        let t = &toks[k];
        let w = &doc.norm[t.r.clone()];
        if !self.particles.contains(w) {
            return false;
        }
        if !t.cap {
            return true;
        }
        let lists = NameLists::get();
        let after_name_or_title = k > 0
            && gap(doc, toks, k) == " "
            && toks[k - 1].cap
            && (lists.is_given(&doc.norm[toks[k - 1].base()])
                || self.title_at(doc, toks, k - 1).is_some());
        after_name_or_title || !lists.is_given(w)
    }

    fn is_not_name(&self, doc: &Document, t: &Tok) -> bool {
        let w = &doc.norm[t.base()];
        self.not_names.contains(w)
    }

    /// A run of name tokens from `j`: capitalised words, particles between them, and
    /// initials, on one line. Returns the end token (exclusive) and the name parts.
    fn name_run(&self, doc: &Document, toks: &[Tok], j: usize) -> Option<(usize, Vec<usize>)> {
        let mut k = j;
        let mut parts = Vec::new();
        while k < toks.len() && parts.len() < 4 {
            if k > j {
                let g = gap(doc, toks, k);
                let after_initial = is_initial(doc, &toks[k - 1]);
                if !(g == " " || (after_initial && g == ". ")) || crosses_line(doc, toks, k) {
                    break;
                }
            }
            let t = &toks[k];
            if self.is_not_name(doc, t) {
                break;
            }
            let particle = self.is_particle(doc, toks, k)
                && k + 1 < toks.len()
                && toks[k + 1].cap
                && gap(doc, toks, k + 1) == " "
                && !crosses_line(doc, toks, k + 1);
            if particle {
                // part of the surname that follows, never a name part of its own
                k += 1;
            } else if t.cap && !is_acronym(doc, t) {
                if is_initial(doc, t) {
                    let next_ok = k + 1 < toks.len()
                        && toks[k + 1].cap
                        && matches!(gap(doc, toks, k + 1), " " | ". ");
                    if !next_ok {
                        break;
                    }
                } else {
                    parts.push(k);
                }
                k += 1;
                if t.poss > 0 {
                    break;
                }
            } else {
                break;
            }
        }
        (!parts.is_empty()).then_some((k, parts))
    }

    fn is_place_suffix(&self, doc: &Document, t: &Tok) -> bool {
        let w = &doc.norm[t.base()];
        self.place_suffixes.contains(w)
    }

    /// Whether the run `i..end` reads as a place, an organisation or a date: its last
    /// word or the next is a place word, the word before is a place prefix, an acronym
    /// or "&" follows, or a day number or year stands beside it.
    fn looks_like_place(&self, doc: &Document, toks: &[Tok], i: usize, end: usize) -> bool {
        if end > i && self.is_place_suffix(doc, &toks[end - 1]) {
            return true;
        }
        if end < toks.len()
            && gap(doc, toks, end) == " "
            && is_acronym(doc, &toks[end])
            && !self
                .third_after
                .iter()
                .any(|a| *a == doc.norm[toks[end].r.clone()])
        {
            return true;
        }
        self.place_around(doc, toks, i, end)
    }

    /// Like [`Self::looks_like_place`], but for a known name: only the words around it
    /// count ("Hope Street", "St Mary's", "12 June"), not the name itself ("Field").
    fn place_around(&self, doc: &Document, toks: &[Tok], i: usize, end: usize) -> bool {
        if is_date_context(doc, toks, i, end) {
            return true;
        }
        if end < toks.len()
            && gap(doc, toks, end) == " "
            && toks[end].cap
            && self.is_place_suffix(doc, &toks[end])
        {
            return true;
        }
        if i > 0 && gap(doc, toks, i) == " " {
            let prev = &doc.norm[toks[i - 1].r.clone()];
            if self
                .place_prefixes
                .iter()
                .any(|p| p.trim_end_matches('.') == prev)
            {
                return true;
            }
        }
        let after = toks
            .get(end)
            .map_or("", |t| &doc.norm[toks[end - 1].r.end..t.r.start]);
        self.org_joiners.iter().any(|j| after.trim() == j.as_str())
    }

    fn candidate_from_run(
        &self,
        doc: &Document,
        toks: &[Tok],
        start: usize,
        end: usize,
        parts: &[usize],
        signal: Signal,
    ) -> Candidate {
        let last = &toks[end - 1];
        // the surname with its particles: from the token after the first part, when a
        // particle follows it ("Siân ap Gwyn" → "ap Gwyn")
        let full_surname = (parts.len() >= 2 && parts[0] + 1 < end && !toks[parts[0] + 1].cap)
            .then(|| doc.norm[toks[parts[0] + 1].r.start..last.base().end].to_string());
        Candidate {
            r: toks[start].r.start..last.base().end,
            parts: parts
                .iter()
                .map(|&p| doc.norm[toks[p].base()].to_string())
                .collect(),
            signal,
            title: None,
            role: None,
            collapse: None,
            team_link: false,
            third_party: false,
            staff: false,
            possessive: last.poss > 0,
            full_surname,
        }
    }

    fn title_candidates(&self, doc: &Document, toks: &[Tok]) -> Vec<Candidate> {
        let lists = NameLists::get();
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some((j, kind, title)) = self.title_at(doc, toks, i) else {
                i += 1;
                continue;
            };
            // "your sister Jane": a family word, not a title
            let family = i > 0 && { self.possessives.contains(&doc.norm[toks[i - 1].r.clone()]) };
            // a title straight after another capitalised word is inside a proper name
            // ("Cyngor Sir Penrhos", "Lady Margaret Hall")
            let inside_name = self.follows_capitalised(doc, toks, i);
            let g = if j < toks.len() {
                gap(doc, toks, j)
            } else {
                ""
            };
            let abbreviated = title.len() <= 4;
            if family
                || inside_name
                || j >= toks.len()
                || !(g == " " || (g == ". " && abbreviated))
                || crosses_line(doc, toks, j)
            {
                i = j;
                continue;
            }
            if let Some((end, parts)) = self.name_run(doc, toks, j) {
                let last_is_surname = lists.is_surname(&doc.norm[toks[end - 1].base()]);
                if last_is_surname
                    || !self.looks_like_place(doc, toks, j, end)
                    || kind != TitleKind::Neutral
                {
                    let mut c = self.candidate_from_run(doc, toks, i, end, &parts, Signal::Title);
                    c.third_party = kind == TitleKind::ThirdParty;
                    c.staff = kind == TitleKind::Staff;
                    c.title = Some((title, kind));
                    out.push(c);
                    i = end;
                    continue;
                }
            }
            i = j;
        }
        out
    }

    /// The determiner before the role starting at `role_start` ("our", "her"), allowing
    /// up to two modifier words between them ("our revenues officer", "the duty ASB
    /// caseworker").
    fn determiner_before(&self, doc: &Document, role_start: usize) -> Option<usize> {
        let mut starts = vec![role_start];
        let mut pos = role_start;
        for _ in 0..2 {
            let before = doc.norm[..pos].trim_end_matches(' ');
            if before.len() == pos || before.ends_with(['.', ',', ';', ':', '\n']) {
                break;
            }
            // after the last character that is not part of a word (of any length in bytes)
            let word_start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .map_or(0, |(i, c)| i + c.len_utf8());
            if word_start == before.len() {
                break;
            }
            pos = word_start;
            starts.push(pos);
        }
        for s in starts {
            let window = doc.norm_behind(s, 40);
            let before = window.to_lowercase();
            let hit = self
                .determiners
                .iter()
                // each determiner is stored with its trailing space
                .filter(|d| before.ends_with(d.as_str()))
                .map(|d| s - d.len())
                .filter(|&p| {
                    p == 0
                        || !doc.norm[..p]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                })
                .min();
            if hit.is_some() {
                return hit;
            }
        }
        None
    }

    /// Whether a role owned by "their" at `det` follows an organisation's name in the
    /// same sentence or the two before ("Carter Homecare Ltd … Their registered manager").
    fn owned_by_other_org(&self, doc: &Document, det: usize) -> bool {
        let det_l = doc.norm_ahead(det, 8).to_lowercase();
        // "their" looks two sentences back; "the" only within its own sentence ("The
        // contractor cancelled …, and the plumber, Gary Pengelly, …")
        let back = if det_l.starts_with("their ") {
            2
        } else if det_l.starts_with("the ") {
            0
        } else {
            return false;
        };
        let sentences = doc.sentences();
        let i = sentences.partition_point(|s| s.end <= det);
        let from = sentences.get(i.saturating_sub(back)).map_or(0, |s| s.start);
        doc.norm[from..det]
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .any(|w| self.org_words.iter().any(|o| o == w))
    }

    /// Whether the words between the determiner and the role name an outside owner:
    /// "your mother's carer", "the shop's security officer".
    fn owned_by_outsider(&self, doc: &Document, det: usize, role: &Range<usize>) -> bool {
        let role_l = doc.norm[role.clone()].to_lowercase();
        doc.norm[det..role.start].split_whitespace().any(|w| {
            let w = w.to_lowercase();
            let base = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix('\''))
                .unwrap_or("");
            let family = self.third_words.contains(base) && self.family_roles.contains(&role_l);
            !base.is_empty() && (family || self.outside_owners.contains(base))
        }) || {
            // "the school nurse", "the shop security officer": an outside owner as a
            // modifier, unless the role is ours
            let det_word = doc.norm[det..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            det_word != "our"
                && det_word != "your"
                && doc.norm[det..role.start]
                    .split_whitespace()
                    .skip(1)
                    .any(|w| self.outside_owners.contains(&w.to_lowercase()))
        }
    }

    /// Whether the name ending at norm `end` is followed by an affiliation to another
    /// organisation: "Mr Dean Carver of Harrison Bailey Enforcement" (not the letter's
    /// own, whose name is in the letterhead or the sign-off).
    fn affiliated_elsewhere(&self, doc: &Document, end: usize, own_org: &str) -> bool {
        let rest = &doc.norm[end..];
        let Some(after) = rest
            .strip_prefix(" of ")
            .or_else(|| rest.strip_prefix(" from "))
            .or_else(|| rest.strip_prefix(" at "))
        else {
            return false;
        };
        let first: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '\'')
            .collect();
        first.chars().next().is_some_and(char::is_uppercase)
            && first.chars().count() > 2
            && !own_org.contains(first.as_str())
    }

    fn apposition_candidates(
        &self,
        doc: &Document,
        toks: &[Tok],
        lists: &NameLists,
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        let tok_at = |pos: usize| {
            let i = toks.partition_point(|t| t.r.start < pos);
            (i < toks.len() && toks[i].r.start == pos).then_some(i)
        };
        for m in self.roles.find_all_in(doc, 0..doc.norm.len()) {
            let role = doc.norm[m.range.clone()].to_string();
            let Some(det) = self.determiner_before(doc, m.range.start) else {
                continue;
            };
            let outsider =
                self.owned_by_other_org(doc, det) || self.owned_by_outsider(doc, det, &m.range);
            let role_phrase = doc.norm[det..m.range.end].to_string();
            let rest = &doc.norm[m.range.end..];
            // (a) "our caseworker, Jane Doe" / "her line manager, Senior Officer Blue"
            if rest.starts_with(", ") {
                if let Some(i) = tok_at(m.range.end + 2) {
                    let (j, title) = match self.title_at(doc, toks, i) {
                        Some((j, kind, t))
                            if j < toks.len() && matches!(gap(doc, toks, j), " " | ". ") =>
                        {
                            (j, Some((t, kind)))
                        }
                        _ => (i, None),
                    };
                    if let Some((end, parts)) = self.name_run(doc, toks, j) {
                        let names_ok = title.is_some()
                            || parts.iter().any(|&p| is_listed(doc, lists, &toks[p]));
                        if names_ok && !self.looks_like_place(doc, toks, j, end) {
                            let mut c = self.candidate_from_run(
                                doc,
                                toks,
                                i,
                                end,
                                &parts,
                                Signal::Apposition,
                            );
                            c.title = title;
                            // "our caseworker, Jane Doe, called": delete ", Jane Doe" and its comma
                            out.push(c.in_role(outsider, &role, |c| {
                                let trailing =
                                    doc.norm[c.r.end..].starts_with(", ") && !c.possessive;
                                (m.range.end..c.r.end + usize::from(trailing), None)
                            }));
                            continue;
                        }
                    }
                }
            }
            // (c) "your social worker Tom"
            if rest.starts_with(' ') {
                if let Some(i) = tok_at(m.range.end + 1) {
                    if toks[i].cap && !is_initial(doc, &toks[i]) {
                        if let Some((end, parts)) = self.name_run(doc, toks, i) {
                            let first = &doc.norm[toks[parts[0]].base()];
                            let name_like = lists.is_given(first)
                                || !lists.is_common(first) && !toks[i].sentence_start;
                            if name_like && !self.looks_like_place(doc, toks, i, end) {
                                let c = self.candidate_from_run(
                                    doc,
                                    toks,
                                    i,
                                    end,
                                    &parts,
                                    Signal::Apposition,
                                );
                                // "your social worker Tom": delete " Tom"
                                out.push(
                                    c.in_role(outsider, &role, |c| (m.range.end..c.r.end, None)),
                                );
                                continue;
                            }
                        }
                    }
                }
            }
            // (b) "Jane Doe, our Housing Officer"
            if det >= 2 && doc.norm[..det].ends_with(", ") {
                let name_end = det - 2;
                let last = toks.partition_point(|t| t.r.end < name_end);
                if let Some(last) =
                    (last < toks.len() && toks[last].r.end == name_end).then_some(last)
                {
                    let mut start = last;
                    while start > 0
                        && (toks[start - 1].cap || self.is_particle(doc, toks, start - 1))
                        && gap(doc, toks, start) == " "
                        && !crosses_line(doc, toks, start)
                        && last - start < 4
                    {
                        start -= 1;
                    }
                    while start < last && !toks[start].cap {
                        start += 1;
                    }
                    if let Some((end, parts)) = self.name_run(doc, toks, start) {
                        if end == last + 1
                            && parts.iter().any(|&p| is_listed(doc, lists, &toks[p]))
                            && !self.looks_like_place(doc, toks, start, end)
                        {
                            let c = self.candidate_from_run(
                                doc,
                                toks,
                                start,
                                end,
                                &parts,
                                Signal::Apposition,
                            );
                            // "Jane Doe, our Housing Officer, visited": the role phrase alone
                            out.push(c.in_role(outsider, &role, |c| {
                                let trailing =
                                    usize::from(doc.norm[m.range.end..].starts_with(", "));
                                (c.r.start..m.range.end + trailing, Some(role_phrase.clone()))
                            }));
                        }
                    }
                }
            }
        }
        // (d) "Sarah from our repairs team", "Sarah in Customer Services"
        for (i, t) in toks.iter().enumerate() {
            if !t.cap || t.poss > 0 || i + 1 >= toks.len() {
                continue;
            }
            // the link word first: it turns most words away without a list lookup
            let rest = doc.norm_ahead(t.r.end, 48);
            let Some(link) = self.team_links.iter().find(|l| {
                let b = rest.as_bytes();
                b.first() == Some(&b' ')
                    && b.get(l.len() + 1) == Some(&b' ')
                    && b[1..=l.len()].eq_ignore_ascii_case(l.as_bytes())
            }) else {
                continue;
            };
            let w = &doc.norm[t.r.clone()];
            let name_like = lists.is_given(w) || (!lists.is_common(w) && !self.is_not_name(doc, t));
            if !name_like || is_acronym(doc, t) {
                continue;
            }
            let tail_end = doc.norm[t.r.end..]
                .find(['.', ',', ';', '\n'])
                .map_or(doc.norm.len(), |e| t.r.end + e);
            let tail_start = (t.r.end + link.len() + 2).min(tail_end);
            let tail = doc.norm[tail_start..tail_end].to_lowercase();
            let words: Vec<&str> = tail.split_whitespace().take(7).collect();
            let joined = words.join(" ");
            let verb_follows = words
                .iter()
                .skip(1)
                .any(|w| w.ends_with("ed") || self.remention_verbs.contains(w));
            let ok_start = !t.sentence_start || lists.is_given(w) || verb_follows;
            let team = self.team_words.iter().any(|tw| {
                joined.split(' ').any(|x| x == tw)
                    || (tw.contains(' ') && joined.contains(tw.as_str()))
            });
            if ok_start && team {
                let mut c = self.candidate_from_run(doc, toks, i, i + 1, &[i], Signal::Apposition);
                c.staff = true;
                c.team_link = true;
                out.push(c);
            }
        }
        // third parties in apposition: "your son, Daniel", "your neighbour Mr Patel"
        for (i, t) in toks.iter().enumerate() {
            if !self.relation_possessives.contains(&doc.norm[t.r.clone()]) {
                continue;
            }
            let Some(rel) = toks.get(i + 1) else { continue };
            if !self.third_words.contains(&doc.norm[rel.r.clone()]) {
                continue;
            }
            let Some(n) = toks.get(i + 2) else { continue };
            let g = gap(doc, toks, i + 2);
            if !(g == " " || g == ", ") || !n.cap {
                continue;
            }
            let j = self.title_at(doc, toks, i + 2).map_or(i + 2, |(j, _, _)| j);
            if let Some((end, parts)) = self.name_run(doc, toks, j) {
                if parts.iter().any(|&p| is_listed(doc, lists, &toks[p]))
                    && !self.looks_like_place(doc, toks, j, end)
                {
                    let mut c =
                        self.candidate_from_run(doc, toks, i + 2, end, &parts, Signal::Apposition);
                    c.third_party = true;
                    out.push(c);
                }
            }
        }
        out
    }

    fn roster_candidates(&self, doc: &Document, toks: &[Tok]) -> Vec<Candidate> {
        let mut out = Vec::new();
        if self.roster.is_empty() {
            return out;
        }
        for m in self.roster_set.find_all_in(doc, 0..doc.norm.len()) {
            let e = &self.roster[m.tag as usize];
            out.push(Candidate {
                r: m.range.clone(),
                parts: e.name.split_whitespace().map(str::to_string).collect(),
                signal: Signal::Roster,
                title: None,
                role: e.role.clone(),
                collapse: None,
                team_link: false,
                third_party: false,
                staff: true,
                possessive: doc.norm[m.range.end..].starts_with("'s"),
                full_surname: None,
            });
        }
        // first names and surnames of roster people, as written (capitalised)
        for (i, t) in toks.iter().enumerate() {
            let w = &doc.norm[t.base()];
            if !t.cap {
                continue;
            }
            for e in &self.roster {
                let mut parts = e.name.split_whitespace();
                let (Some(first), last) = (parts.next(), parts.next_back()) else {
                    continue;
                };
                if (w == first || last == Some(w)) && !self.place_around(doc, toks, i, i + 1) {
                    let mut c = self.candidate_from_run(doc, toks, i, i + 1, &[i], Signal::Roster);
                    c.parts = e.name.split_whitespace().map(str::to_string).collect();
                    c.role = e.role.clone();
                    c.staff = true;
                    out.push(c);
                }
            }
        }
        out
    }

    /// "Jane Doe"-shaped names from the lists. Before the salutation (`header_end`, a
    /// source offset) only on a labelled line ("Case officer: Jane Doe"): the other
    /// lines there are addresses.
    fn list_candidates(
        &self,
        doc: &Document,
        toks: &[Tok],
        lists: &NameLists,
        known: &[Candidate],
        header_end: usize,
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        let known = Spans::from_ranges(known.iter().map(|c| &c.r));
        let covered = |r: &Range<usize>| known.overlaps(r);
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !t.cap || is_acronym(doc, t) || covered(&t.r) {
                i += 1;
                continue;
            }
            let Some((end, parts)) = self.name_run(doc, toks, i) else {
                i += 1;
                continue;
            };
            if parts.len() >= 2 {
                let first = &doc.norm[toks[parts[0]].base()];
                let last = &doc.norm[toks[*parts.last().unwrap_or(&0)].base()];
                // both parts listed; or one listed (a given name first, a surname last)
                // and the rest unlisted but not ordinary words ("Hanna Ukkonen")
                let plain_word = |k: usize| {
                    let w = &doc.norm[toks[k].base()];
                    lists.is_common(w)
                        || self.is_not_name(doc, &toks[k])
                        || self.is_place_suffix(doc, &toks[k])
                };
                let both =
                    lists.is_given(first) && (lists.is_surname(last) || lists.is_given(last));
                // a half-listed name after a place preposition is a place ("outside Bryn
                // Awel", "on Lôn Goed")
                let after_place_word = i > 0 && gap(doc, toks, i) == " " && {
                    self.location_prepositions
                        .contains(&doc.norm[toks[i - 1].r.clone()])
                };
                let two = parts.len() == 2 && (both || !after_place_word);
                let first_listed = two
                    && lists.is_given(first)
                    && !lists.is_common(first)
                    && !parts[1..].iter().any(|&k| plain_word(k));
                let last_listed = two
                    && lists.is_surname(last)
                    && !lists.is_common(last)
                    && !parts[..parts.len() - 1].iter().any(|&k| plain_word(k));
                let all_common = || {
                    parts
                        .iter()
                        .all(|&p| lists.is_common(&doc.norm[toks[p].base()]))
                };
                // the place and header tests last: they are the dearest
                let place = || {
                    let by_suffix = self.is_place_suffix(doc, &toks[end - 1])
                        && !self.place_around(doc, toks, i, end);
                    let place = self.looks_like_place(doc, toks, i, end) && !by_suffix
                        || by_suffix && {
                            // "Marcus Field visited" is a person; "on Kingsley Ward" a place
                            let surname_too = lists.is_surname(last);
                            let place_preposition = i > 0
                                && self
                                    .place_prepositions
                                    .contains(&doc.norm[toks[i - 1].r.clone()]);
                            !surname_too
                                || place_preposition
                                || end < toks.len() && toks[end].cap && gap(doc, toks, end) == " "
                        };
                    // "the Kelvin Hall": people do not take "the"; "Ward Dewi Sant" is a ward
                    let after_the = i > 0
                        && doc.norm[toks[i - 1].r.clone()].eq_ignore_ascii_case("the")
                        && gap(doc, toks, i) == " ";
                    let prefix_first = self
                        .place_prefixes
                        .iter()
                        .any(|p| *p == doc.norm[toks[i].r.clone()]);
                    // straight after another capitalised word on the line, the run is the
                    // end of a longer proper noun ("Queen Margaret Infirmary", "Ysgol
                    // Gymraeg Owain")
                    place || after_the || prefix_first || self.follows_capitalised(doc, toks, i)
                };
                let in_header = || {
                    let src_start = doc.src_range(t.r.clone()).start;
                    src_start < header_end && {
                        let line_start = doc.line_start(src_start);
                        !doc.src[line_start..src_start].contains(':')
                    }
                };
                if (both || first_listed || last_listed)
                    && !all_common()
                    && !place()
                    && !in_header()
                {
                    out.push(self.candidate_from_run(doc, toks, i, end, &parts, Signal::Lists));
                    i = end;
                    continue;
                }
            }
            // a single listed name beside a verb of saying or doing: "Sarah called you",
            // "says Becker"
            if parts.len() == 1
                && end == i + 1
                && t.poss == 0
                && !in_header_at(doc, &t.r, header_end)
            {
                let w = &doc.norm[t.base()];
                let listed = (lists.is_given(w) || lists.is_surname(w)) && !lists.is_common(w);
                let next_verb = toks.get(i + 1).is_some_and(|n| {
                    gap(doc, toks, i + 1) == " "
                        && self.person_verbs.contains(&doc.norm[n.r.clone()])
                });
                let prev_verb = i > 0
                    && gap(doc, toks, i) == " "
                    && self
                        .reporting_verbs
                        .contains(&doc.norm[toks[i - 1].r.clone()]);
                if listed && (next_verb || prev_verb) && !self.looks_like_place(doc, toks, i, end) {
                    out.push(self.candidate_from_run(doc, toks, i, end, &parts, Signal::Lists));
                }
            }
            i += 1;
        }
        out
    }

    /// Names known by their context rather than the lists: after an introduction ("my
    /// name is …", "Name: …"), before a verb only people do ("… lives", "… was born"),
    /// in an enumeration of mostly listed given names ("Matheus, Janet, Nicholas and
    /// Terri"), or joined by "and" to a name already found.
    fn context_candidates(
        &self,
        doc: &Document,
        toks: &[Tok],
        lists: &NameLists,
        known: &[Candidate],
        header_end: usize,
    ) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        // the names known and those found here so far
        let mut taken = Spans::from_ranges(known.iter().map(|c| &c.r));
        let name_shape = |t: &Tok| {
            let w = &doc.norm[t.base()];
            // the cheap tests first, the big list last
            w.chars().count() > 1
                && !is_acronym(doc, t)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
                && !self.is_not_name(doc, t)
                && !self.is_place_suffix(doc, t)
                && !lists.is_common(w)
        };
        // introductions, each in turn, in the order of the list
        let mut intros = self.intro_set.find_overlapping_in(doc, 0..doc.norm.len());
        intros.sort_by_key(|m| (m.tag, m.range.start));
        for m in intros {
            let intro = &self.name_intros[m.tag as usize];
            {
                let after = m.range.end;
                // the first token starting just after the introduction (tokens are in order)
                let i = toks.partition_point(|t| t.r.start <= after);
                if toks.get(i).is_none_or(|t| t.r.start > after + 2) {
                    continue;
                }
                let lowercase_ok = intro == "my name is";
                let mut end = i;
                while end < toks.len()
                    && end - i < 3
                    && (toks[end].cap || lowercase_ok)
                    && name_shape(&toks[end])
                    && (end == i || gap(doc, toks, end) == " ")
                {
                    end += 1;
                }
                if end > i
                    && !taken.overlaps(&(toks[i].r.start..toks[end - 1].base().end))
                    && !self.looks_like_place(doc, toks, i, end)
                {
                    let parts: Vec<usize> = (i..end).collect();
                    let c = self.candidate_from_run(doc, toks, i, end, &parts, Signal::Lists);
                    taken.insert(c.r.clone());
                    out.push(c);
                }
            }
        }
        for (i, t) in toks.iter().enumerate() {
            if !t.cap
                || !name_shape(t)
                || in_header_at(doc, &t.r, header_end)
                || taken.overlaps(&t.r)
            {
                continue;
            }
            let Some((end, parts)) = self.name_run(doc, toks, i) else {
                continue;
            };
            if parts.len() > 3 || parts.iter().any(|&k| !name_shape(&toks[k])) {
                continue;
            }
            // a verb only people do
            let rest = &doc.norm[toks[end - 1].r.end..];
            let rest = rest
                .strip_prefix("'s")
                .or_else(|| rest.strip_prefix("'S"))
                .unwrap_or(rest);
            let person_verb = self.person_only_verbs.iter().any(|v| {
                rest.strip_prefix(' ').is_some_and(|r| {
                    r.as_bytes()
                        .get(..v.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(v.as_bytes()))
                        && !r[v.len()..].starts_with(char::is_alphanumeric)
                })
            });
            // an enumeration: "Matheus, Janet, Nicholas, Kevin, Brittany and Terri"
            let listy = |k: usize| {
                let w = &doc.norm[toks[k].base()];
                lists.is_given(w) && toks[k].cap
            };
            let in_list = parts.len() == 1 && {
                let mut neighbours = 0;
                let mut listed = usize::from(listy(i));
                let mut k = i;
                while k > 0
                    && matches!(gap(doc, toks, k), ", " | " and ")
                    && toks[k - 1].cap
                    && neighbours < 8
                {
                    k -= 1;
                    neighbours += 1;
                    listed += usize::from(listy(k));
                }
                let mut k = i;
                while k + 1 < toks.len()
                    && matches!(gap(doc, toks, k + 1), ", " | " and ")
                    && toks[k + 1].cap
                    && neighbours < 8
                {
                    k += 1;
                    neighbours += 1;
                    listed += usize::from(listy(k));
                }
                neighbours >= 2 && listed * 2 > neighbours + 1
            };
            // "X and Y" where one is a name already found
            let coordinated = parts.len() <= 2 && {
                let joined_before = i >= 2
                    && gap(doc, toks, i) == " and "
                    && known
                        .iter()
                        .chain(out.iter())
                        .any(|c| c.r.end == toks[i - 1].base().end);
                let joined_after = end < toks.len()
                    && gap(doc, toks, end) == " and "
                    && known
                        .iter()
                        .chain(out.iter())
                        .any(|c| c.r.start == toks[end].r.start);
                joined_before || joined_after
            };
            // a speaker label: "Ella: What a wife." (a listed given name, then a colon)
            let speaker = parts.len() == 1
                && lists.is_given(&doc.norm[t.base()])
                && doc.norm[toks[end - 1].r.end..].starts_with(':')
                && (t.sentence_start || i == 0 || crosses_line(doc, toks, i));
            // the place test last: it is the dearest
            if (person_verb || in_list || coordinated || speaker)
                && !self.looks_like_place(doc, toks, i, end)
            {
                let c = self.candidate_from_run(doc, toks, i, end, &parts, Signal::Lists);
                taken.insert(c.r.clone());
                out.push(c);
            }
        }
        out
    }

    fn cluster(&self, doc: &Document, cands: Vec<Candidate>) -> Vec<Person> {
        let mut persons: Vec<Person> = Vec::new();
        // everyone's first name and surname: the people `same_person` can match
        let mut words = Words::default();
        for c in cands {
            let (first, last) = split_parts(&c);
            let mention = Mention {
                src: doc.src_range(c.r.clone()),
                norm: c.r.clone(),
                signal: c.signal,
                possessive: c.possessive,
                collapse: c.collapse.as_ref().map(|(r, role)| {
                    let src = doc.src_range(r.clone());
                    match role {
                        None => Collapse::Remove(src),
                        Some(role) => Collapse::WithRole(src, role.clone()),
                    }
                }),
                team_link: c.team_link,
                title: c.title.as_ref().map(|(t, _)| t.clone()),
            };
            let gender = c.title.as_ref().and_then(|(t, _)| self.title_gender(t));
            let mut ids: Vec<usize> = first
                .iter()
                .chain(&last)
                .flat_map(|w| words.get(w))
                .copied()
                .collect();
            ids.sort_unstable();
            let found = ids
                .into_iter()
                .find(|&k| same_person(&persons[k], &first, &last));
            for w in first.iter().chain(&last) {
                words.add(w, found.unwrap_or(persons.len()));
            }
            match found.map(|k| &mut persons[k]) {
                Some(p) => {
                    p.mentions.push(mention);
                    if p.first.is_none() {
                        p.first = first;
                    }
                    if p.last.is_none() {
                        p.last = last;
                    }
                    if p.full_surname.is_none() {
                        p.full_surname = c.full_surname.clone();
                    }
                    for part in c.parts {
                        if !p.parts.contains(&part) {
                            p.parts.push(part);
                        }
                    }
                    p.gender = p.gender.or(gender);
                    p.role_noun = p.role_noun.take().or(c.role);
                    p.third_party_hint |= c.third_party;
                    p.staff_hint |= c.staff;
                }
                None => persons.push(Person {
                    role: PersonRole::Officer,
                    mentions: vec![mention],
                    parts: c.parts,
                    role_noun: c.role,
                    gender,
                    first,
                    last,
                    full_surname: c.full_surname,
                    third_party_hint: c.third_party,
                    staff_hint: c.staff,
                }),
            }
        }
        persons
    }

    fn rementions(&self, doc: &Document, toks: &[Tok], lists: &NameLists, persons: &mut [Person]) {
        if persons.is_empty() {
            return; // a re-mention belongs to someone already found
        }
        let has_part = |p: &Person, w: &str| {
            p.first.as_deref() == Some(w)
                || p.last.as_deref() == Some(w)
                || p.parts.iter().any(|x| x == w)
        };
        // people by the words of their names (candidates for `has_part`)
        let mut words = Words::default();
        for (k, p) in persons.iter().enumerate() {
            for w in p.first.iter().chain(&p.last).chain(&p.parts) {
                words.add(w, k);
            }
        }
        // where each person was last mentioned before the token being read: mentions
        // found so far, taken in order of their ends as the tokens pass them
        let mut seen: Vec<(usize, usize, usize)> = persons
            .iter()
            .enumerate()
            .flat_map(|(k, p)| {
                p.mentions
                    .iter()
                    .map(move |m| (m.norm.end, m.norm.start, k))
            })
            .collect();
        seen.sort_unstable();
        let mut seen_next = 0;
        let mut recent: Vec<Option<usize>> = vec![None; persons.len()];
        let mut skip_until = 0;
        // which bytes of the prose are already someone's mention
        let mut mask = vec![false; doc.norm.len() + 1];
        for m in persons.iter().flat_map(|p| &p.mentions) {
            mask[m.norm.start.min(doc.norm.len())..m.norm.end.min(doc.norm.len())]
                .iter_mut()
                .for_each(|b| *b = true);
        }
        let taken = |mask: &[bool], r: &Range<usize>| {
            mask[r.start.min(mask.len())..r.end.min(mask.len())]
                .iter()
                .any(|b| *b)
        };
        for (i, t) in toks.iter().enumerate() {
            while seen
                .get(seen_next)
                .is_some_and(|&(end, _, _)| end <= t.r.start)
            {
                let (_, start, k) = seen[seen_next];
                recent[k] = recent[k].max(Some(start));
                seen_next += 1;
            }
            if i < skip_until || !t.cap || is_initial(doc, t) || self.is_not_name(doc, t) {
                continue;
            }
            // a full name again ("Deepa Nair"): every part belongs to one person; a person
            // known by first name alone learns their surname ("Bola" … "Bola Ogunleye")
            if let Some((end, parts)) = self.name_run(doc, toks, i) {
                let span = t.r.start..toks[end - 1].base().end;
                if (parts.len() >= 2 || (parts.len() == 1 && end - i >= 2)) && !taken(&mask, &span)
                {
                    let first_w = doc.norm[toks[parts[0]].base()].to_string();
                    let candidates = words.get(&first_w);
                    let owner = candidates
                        .iter()
                        .copied()
                        .find(|&o| {
                            parts
                                .iter()
                                .all(|&k| has_part(&persons[o], &doc.norm[toks[k].base()]))
                        })
                        .or_else(|| {
                            let learn =
                                parts.len() == 2 && !self.looks_like_place(doc, toks, i, end);
                            candidates.iter().copied().find(|&o| {
                                learn
                                    && persons[o].last.is_none()
                                    && persons[o].first.as_deref() == Some(first_w.as_str())
                            })
                        });
                    if let Some(o) = owner {
                        // learn a surname only from a two-part run ("Bola Ogunleye")
                        if let (None, [_, last]) = (&persons[o].last, parts.as_slice()) {
                            let last_w = doc.norm[toks[*last].base()].to_string();
                            words.add(&last_w, o);
                            persons[o].parts.push(last_w.clone());
                            persons[o].last = Some(last_w);
                        }
                        recent[o] = recent[o].max(Some(span.start));
                        mask[span.clone()].iter_mut().for_each(|b| *b = true);
                        persons[o].mentions.push(Mention {
                            src: doc.src_range(span.clone()),
                            norm: span,
                            signal: Signal::Remention,
                            possessive: toks[end - 1].poss > 0,
                            collapse: None,
                            team_link: false,
                            title: None,
                        });
                        skip_until = end;
                        continue;
                    }
                }
            }
            let base = &doc.norm[t.base()];
            if taken(&mask, &t.r) {
                continue;
            }
            let owners: Vec<usize> = words
                .get(base)
                .iter()
                .copied()
                .filter(|&k| has_part(&persons[k], base))
                .collect();
            if owners.is_empty() || self.place_around(doc, toks, i, i + 1) {
                continue;
            }
            // part of a longer capitalised run (someone else's name, "the Kelvin Hall"),
            // or a place named in the possessive ("King's Lynn", "St Mary's Hospital")
            if i + 1 < toks.len()
                && toks[i + 1].cap
                && gap(doc, toks, i + 1) == " "
                && !is_acronym(doc, &toks[i + 1])
            {
                continue;
            }
            let prev_cap = self.follows_capitalised(doc, toks, i) && {
                let prev = &doc.norm[toks[i - 1].base()];
                !words.get(prev).iter().any(|&k| has_part(&persons[k], prev))
            };
            if prev_cap {
                continue;
            }
            if t.sentence_start && lists.is_common(base) && t.poss == 0 {
                let next = toks
                    .get(i + 1)
                    .map(|n| doc.norm[n.r.clone()].to_lowercase());
                let verb = next.is_some_and(|n| {
                    self.remention_verbs.contains(&n) || (n.len() > 4 && n.ends_with("ed"))
                });
                if !verb || gap(doc, toks, i + 1) != " " {
                    continue;
                }
            }
            // the most recent owner mentioned before here, else the first
            let owner = owners
                .iter()
                .copied()
                .filter_map(|k| recent[k].map(|p| (p, k)))
                .max()
                .map_or(owners[0], |(_, k)| k);
            recent[owner] = recent[owner].max(Some(t.base().start));
            mask[t.base()].iter_mut().for_each(|b| *b = true);
            persons[owner].mentions.push(Mention {
                src: doc.src_range(t.base()),
                norm: t.base(),
                signal: Signal::Remention,
                possessive: t.poss > 0,
                collapse: None,
                team_link: false,
                title: None,
            });
        }
    }

    /// E-mail addresses whose local part names a person, and phone numbers given as a
    /// person's direct line.
    fn contacts(&self, doc: &Document, lists: &NameLists, persons: &mut Vec<Person>) {
        for m in doc.masks.iter().filter(|m| m.kind == MaskKind::Email) {
            let text = &doc.src[m.range.clone()];
            let Some(at) = text.find('@') else { continue };
            let local = &text[..at];
            let words: Vec<String> = local
                .split(['.', '_'])
                .filter(|w| w.len() >= 2)
                .map(email_key)
                .collect();
            if words.is_empty() {
                continue;
            }
            let mention = Mention {
                src: m.range.start..m.range.start + at,
                norm: 0..0,
                signal: Signal::Email,
                possessive: false,
                collapse: None,
                team_link: false,
                title: None,
            };
            let owner = persons.iter_mut().find(|p| {
                // the name parts, folded, plus the surname with its particles
                // ("ap Gwyn" → "apgwyn") and hyphens dropped ("Al-Sayed" → "alsayed")
                let mut keys: Vec<String> = p.parts.iter().map(|x| email_key(x)).collect();
                if let Some(full) = &p.full_surname {
                    keys.push(email_key(full));
                }
                let last = p.last.as_deref().map(email_key);
                let full = p.full_surname.as_deref().map(email_key);
                let has_last = words
                    .iter()
                    .any(|w| last.as_ref() == Some(w) || full.as_ref() == Some(w));
                has_last
                    && words.iter().all(|w| {
                        keys.contains(w)
                            || w.len() <= 2
                            || keys.iter().any(|k| k.starts_with(w.as_str()))
                    })
            });
            match owner {
                Some(p) => p.mentions.push(mention),
                None => {
                    let named = words.len() >= 2
                        && lists.is_given(&words[0])
                        && lists.is_surname(&words[words.len() - 1]);
                    if named {
                        persons.push(Person {
                            role: PersonRole::Officer,
                            mentions: vec![mention],
                            parts: words.clone(),
                            role_noun: None,
                            gender: None,
                            first: Some(words[0].clone()),
                            last: Some(words[words.len() - 1].clone()),
                            full_surname: None,
                            third_party_hint: false,
                            staff_hint: true,
                        });
                    }
                }
            }
        }
        // phone numbers with a direct-line word, in a sentence that (with the one before)
        // names a person; the numbers are found once, and only their sentences read
        let phones: Vec<Range<usize>> = match &self.phone {
            Some(p) => p.find_iter(doc.src).collect(),
            None => Vec::new(),
        };
        if phones.is_empty() {
            return;
        }
        for s in doc.sentences() {
            let src = doc.src_range(s.clone());
            let first = phones.partition_point(|p| p.start < src.start);
            let count = phones[first..].partition_point(|p| p.end <= src.end);
            let numbers = &phones[first..first + count];
            if numbers.is_empty() {
                continue;
            }
            let lower_s = doc.norm[s.clone()].to_lowercase();
            let direct = self.direct_line.iter().any(|w| {
                lower_s
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|x| x == w.as_str())
                    || (w.contains(' ') && lower_s.contains(w.as_str()))
            });
            if !direct {
                continue;
            }
            let prev_start = doc
                .sentences()
                .iter()
                .rev()
                .find(|p| p.end <= s.start && doc.block_at(p.start) == doc.block_at(s.start))
                .map_or(s.start, |p| p.start);
            let scope = doc.src_range(prev_start..s.end);
            let owner = persons
                .iter()
                .enumerate()
                .filter_map(|(k, p)| {
                    p.mentions
                        .iter()
                        .filter(|m| m.src.start >= scope.start && m.src.end <= scope.end)
                        .map(|m| m.src.start)
                        .max()
                        .map(|pos| (pos, k))
                })
                .max()
                .map(|(_, k)| k);
            let Some(owner) = owner else { continue };
            for ph in numbers {
                persons[owner].mentions.push(Mention {
                    src: ph.clone(),
                    norm: 0..0,
                    signal: Signal::Phone,
                    possessive: false,
                    collapse: None,
                    team_link: false,
                    title: None,
                });
            }
        }
    }

    fn classify(&self, doc: &Document, facts: &Facts, toks: &[Tok], persons: &mut [Person]) {
        let parse_name = |r: &Range<usize>| -> Vec<String> {
            doc.src[r.clone()]
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
                .filter(|w| {
                    w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() > 1
                })
                .map(|w| w.replace('’', "'"))
                .collect()
        };
        let signatory = facts.sign_off.as_ref().and_then(|s| s.signatory.clone());
        let signatory_parts = signatory.as_ref().map(parse_name).unwrap_or_default();
        let addressee_parts = facts
            .salutation
            .as_ref()
            .map(|s| parse_name(&s.addressee))
            .unwrap_or_default();
        for p in persons.iter_mut() {
            let in_sig = signatory.as_ref().is_some_and(|r| {
                p.mentions
                    .iter()
                    .any(|m| m.src.start >= r.start && m.src.end <= r.end)
            });
            let last = p.last.clone().unwrap_or_default();
            let is_sig = in_sig
                || (!last.is_empty()
                    && signatory_parts.last() == Some(&last)
                    && signatory_parts.len() >= 2
                    && p.first.as_ref().is_none_or(|f| signatory_parts.contains(f)));
            let is_addressee = !last.is_empty() && addressee_parts.contains(&last) && !p.staff_hint;
            p.role = if is_sig {
                PersonRole::Signatory
            } else if is_addressee {
                PersonRole::Complainant
            } else if p.third_party_hint || self.third_party_context(doc, toks, p) {
                PersonRole::ThirdParty
            } else {
                PersonRole::Officer
            };
        }
    }

    /// Whether the words around a person's first named mentions make them a third party:
    /// "your neighbour, Mr Patel", "Mr Patel, your GP", "Caroline Ashby MP".
    fn third_party_context(&self, doc: &Document, toks: &[Tok], p: &Person) -> bool {
        if p.staff_hint {
            return false;
        }
        for (k, m) in p.mentions.iter().filter(|m| !m.norm.is_empty()).enumerate() {
            let i = toks
                .iter()
                .position(|t| t.r.start >= m.norm.start)
                .unwrap_or(0);
            let before: Vec<String> = toks[i.saturating_sub(3)..i]
                .iter()
                .map(|t| doc.norm[t.r.clone()].to_lowercase())
                .collect();
            if k < 2 && before.iter().any(|w| self.third_words.contains(w)) {
                return true;
            }
            let after = &doc.norm[m.norm.end..];
            let after = after.trim_start_matches("'s");
            let titled_after = self.third_after.iter().any(|a| {
                after.starts_with(&format!(" {a}"))
                    && !after[a.len() + 1..].starts_with(char::is_alphanumeric)
            });
            if titled_after {
                return true;
            }
            // "Amara's class teacher": whoever has a member of staff is a service user
            if m.possessive {
                let following: String = doc.norm[m.norm.end..]
                    .trim_start_matches("'s")
                    .chars()
                    .take(40)
                    .collect::<String>()
                    .to_lowercase();
                let role_follows = self.roles.find_all(&following).iter().any(|r| {
                    r.range.start <= 2 || following[..r.range.start].split_whitespace().count() <= 1
                });
                if role_follows {
                    return true;
                }
            }
            if let Some(rest) = after.strip_prefix(", ") {
                let words: Vec<String> = rest
                    .split_whitespace()
                    .take(3)
                    .map(|w| {
                        w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                    })
                    .collect();
                let possessive = words
                    .first()
                    .is_some_and(|w| self.relation_possessives.contains(w));
                if possessive && words.iter().skip(1).any(|w| self.third_words.contains(w)) {
                    return true;
                }
            }
        }
        false
    }
}

/// The letter's own organisation, as text: the first block (the letterhead) and what
/// follows the sign-off. A person "of" a body named there is staff, not a third party.
fn own_organisation(doc: &Document, facts: &Facts) -> String {
    let mut s = doc
        .blocks
        .first()
        .map_or(String::new(), |b| doc.norm[b.norm.clone()].to_string());
    if let Some(so) = &facts.sign_off {
        s.push(' ');
        s.push_str(&doc.src[so.line_start..]);
    }
    s
}

fn split_parts(c: &Candidate) -> (Option<String>, Option<String>) {
    let lists = NameLists::get();
    match c.parts.len() {
        0 => (None, None),
        1 => {
            let only = c.parts[0].clone();
            // staff introduced by a role without a title go by their first name
            let first_name_context = c.signal == Signal::Apposition && c.title.is_none();
            if !first_name_context && (c.title.is_some() || !lists.is_given(&only)) {
                (None, Some(only))
            } else {
                (Some(only), None)
            }
        }
        _ => (c.parts.first().cloned(), c.parts.last().cloned()),
    }
}

fn same_person(p: &Person, first: &Option<String>, last: &Option<String>) -> bool {
    match (last, &p.last) {
        (Some(a), Some(b)) => {
            a.eq_ignore_ascii_case(b) && (first.is_none() || p.first.is_none() || first == &p.first)
        }
        _ => match (first, &p.first) {
            (Some(a), Some(b)) => a == b,
            (Some(a), None) => p.last.as_ref() == Some(a),
            (None, Some(b)) => last.as_ref() == Some(b),
            (None, None) => false,
        },
    }
}

/// Keeps the strongest of overlapping candidates, copying apposition details over.
fn merge(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    let rank = |s: Signal| match s {
        Signal::Title => 0,
        Signal::Roster => 1,
        Signal::Apposition => 2,
        Signal::Lists => 3,
        _ => 4,
    };
    cands.sort_by_key(|c| (c.r.start, rank(c.signal), std::cmp::Reverse(c.r.end)));
    let mut out: Vec<Candidate> = Vec::new();
    for c in cands {
        // `out` is disjoint and sorted by start, so ends rise too: only the last one
        // can overlap a candidate that starts at or after every start in it
        if let Some(prev) = out
            .last_mut()
            .filter(|p| p.r.start < c.r.end && c.r.start < p.r.end)
        {
            if prev.collapse.is_none() {
                prev.collapse = c.collapse.clone();
            }
            if prev.role.is_none() {
                prev.role = c.role.clone();
            }
            prev.staff |= c.staff;
            prev.third_party |= c.third_party;
            if prev.third_party {
                prev.staff = false;
            }
            prev.team_link |= c.team_link;
            if c.parts.len() > prev.parts.len() && c.signal == Signal::Roster {
                prev.parts = c.parts.clone();
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether source position of a norm range lies before the salutation, on a line
/// without a label ("Case officer:"): an address line.
fn in_header_at(doc: &Document, r: &Range<usize>, header_end: usize) -> bool {
    let src_start = doc.src_range(r.clone()).start;
    src_start < header_end && {
        let line_start = doc.line_start(src_start);
        !doc.src[line_start..src_start].contains(':')
    }
}

/// Whether a run is part of a date: a day number before it ("12 June") or a year after
/// it ("June 2025").
fn is_date_context(doc: &Document, toks: &[Tok], i: usize, end: usize) -> bool {
    let day = |t: &Tok| {
        let w = &doc.norm[t.r.clone()];
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty()
            && digits.len() <= 2
            && ["", "st", "nd", "rd", "th"].contains(&&w[digits.len()..])
    };
    let year = |t: &Tok| {
        let w = &doc.norm[t.r.clone()];
        w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())
    };
    (i > 0 && gap(doc, toks, i) == " " && day(&toks[i - 1]))
        || (end < toks.len() && gap(doc, toks, end) == " " && year(&toks[end]))
}

fn is_listed(doc: &Document, lists: &NameLists, t: &Tok) -> bool {
    let w = &doc.norm[t.base()];
    lists.is_given(w) || lists.is_surname(w)
}

fn is_initial(_doc: &Document, t: &Tok) -> bool {
    t.initial
}

fn is_acronym(_doc: &Document, t: &Tok) -> bool {
    t.acronym
}

/// Whether the source between token `i - 1` and token `i` has a line break: a name never
/// runs from one line onto the next (an address block, a signature).
fn crosses_line(doc: &Document, toks: &[Tok], i: usize) -> bool {
    if i == 0 || i >= toks.len() {
        return false;
    }
    let a = doc.src_range(toks[i - 1].r.clone()).end;
    let b = doc.src_range(toks[i].r.clone()).start;
    doc.src.get(a..b).is_some_and(|g| g.contains('\n'))
}

fn gap<'a>(doc: &'a Document, toks: &[Tok], i: usize) -> &'a str {
    if i == 0 || i >= toks.len() {
        return "";
    }
    &doc.norm[toks[i - 1].r.end..toks[i].r.start]
}

/// The words of the prose, with possessives and sentence starts marked.
fn tokens(doc: &Document) -> Vec<Tok> {
    let norm = &doc.norm;
    let bytes = norm.as_bytes();
    // the character at byte `i` (a char boundary), and its length; ASCII without decoding
    let char_at = |i: usize| -> (char, usize) {
        match bytes.get(i) {
            Some(&b) if b.is_ascii() => (b as char, 1),
            Some(_) => norm[i..]
                .chars()
                .next()
                .map_or((' ', 1), |c| (c, c.len_utf8())),
            None => (' ', 1),
        }
    };
    let word_char = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        }
    };
    let mut out = Vec::with_capacity(norm.len() / 6);
    let sentences = doc.sentences();
    let mut si = 0;
    let mut i = 0;
    while i < norm.len() {
        // most characters between words are ASCII: skipped without decoding
        if !bytes[i].is_ascii_alphanumeric() && bytes[i].is_ascii() {
            i += 1;
            continue;
        }
        let (c, n) = char_at(i);
        if !word_char(c) {
            i += n;
            continue;
        }
        let start = i;
        let mut end = i + n;
        // a word runs over letters and digits, and over an apostrophe or hyphen between
        // two of them
        while let Some(&b) = bytes.get(end) {
            if b.is_ascii_alphanumeric() {
                end += 1;
            } else if b.is_ascii() {
                if (b == b'\'' || b == b'-') && word_char(char_at(end + 1).0) {
                    end += 1;
                } else {
                    break;
                }
            } else {
                let (ch, n) = char_at(end);
                if !word_char(ch) {
                    break;
                }
                end += n;
            }
        }
        let word = &norm[start..end];
        let poss = if word.len() > 2 && (word.ends_with("'s") || word.ends_with("'S")) {
            2
        } else {
            0
        };
        while si < sentences.len() && sentences[si].end <= start {
            si += 1;
        }
        // The first word of its sentence: no word since the sentence began (every
        // alphanumeric character is in a word, and a word ends with one).
        let prev_end = out.last().map_or(0, |t: &Tok| t.r.end);
        let sentence_start = sentences
            .get(si)
            .is_some_and(|s| s.start <= start && prev_end <= s.start);
        let cap = c.is_uppercase();
        let base = &word[..word.len() - poss];
        let (chars, all_capitals) = if base.is_ascii() {
            (base.len(), !base.bytes().any(|b| b.is_ascii_lowercase()))
        } else {
            (
                base.chars().count(),
                base.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase),
            )
        };
        out.push(Tok {
            r: start..end,
            poss,
            cap,
            sentence_start,
            initial: chars == 1 && cap,
            acronym: chars >= 2 && all_capitals,
        });
        i = end;
    }
    out
}
