//! Officer anonymisation: find the staff a letter names, and write them as "Officer A",
//! "the officer" or "we", so that a sent letter leaks no staff member's name.
//!
//! [`detect`] finds and classifies people; this module turns each officer mention into
//! a fix for the chosen [`Mode`]; [`pronouns`] finds the he/she/his/her that refer to an
//! officer. The `named-officer` and `officer-pronoun` checks (`src/checks/officers.rs`)
//! report them; [`crate::Linter::anonymise`] applies them.

pub mod detect;
pub mod index;
pub mod names;
pub mod pronouns;

pub use detect::{
    parse_roster, Collapse, Detector, Mention, People, Person, PersonRole, RosterEntry, Signal,
};

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::Document;
use crate::rules::OfficersDef;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How officers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// "Officer A", "Officer B", … in order of first mention (safe).
    #[default]
    Label,
    /// "an officer" at first mention, then "the officer"; roles kept where given (safe).
    Role,
    /// "we"/"our" where the officer is the actor or owner (unsafe), else a label.
    Organisation,
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Mode, String> {
        match s {
            "label" => Ok(Mode::Label),
            "role" => Ok(Mode::Role),
            "organisation" | "organization" => Ok(Mode::Organisation),
            _ => Err(format!(
                "unknown mode `{s}` (expected label, role or organisation)"
            )),
        }
    }
}

/// One person in an anonymisation report.
#[derive(Debug, Clone, Serialize)]
pub struct PersonReport {
    /// The officer's label ("Officer A"); for others, their name as first written.
    pub label: String,
    /// What they are to the letter.
    pub role: PersonRole,
    /// Where they are named.
    pub mentions: Vec<MentionReport>,
}

/// One mention in an anonymisation report.
#[derive(Debug, Clone, Serialize)]
pub struct MentionReport {
    /// Start byte offset in the source.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// How it was found.
    pub signal: Signal,
}

/// The result of [`crate::Linter::anonymise`].
#[derive(Debug, Clone, Serialize)]
pub struct Anonymised {
    /// Everyone the letter names.
    pub people: Vec<PersonReport>,
    /// The letter with every officer anonymised.
    pub text: String,
}

/// The label for the `n`th officer (0-based): A … Z, AA, AB …
pub fn letter(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push((b'A' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.iter().rev().collect()
}

/// Compiled mode data: how to write an officer.
#[derive(Debug, Clone)]
pub struct Writer {
    def: OfficersDef,
}

/// One officer mention and its fixes.
#[derive(Debug, Clone)]
pub struct MentionFix {
    /// The officer's label.
    pub label: String,
    /// The mention.
    pub mention: Mention,
    /// The fixes, best first (an unsafe organisation-mode fix, then the safe one).
    pub fixes: Vec<Fix>,
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn article(word: &str) -> &'static str {
    if word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c))
    {
        "an"
    } else {
        "a"
    }
}

impl Writer {
    /// Compiles the mode data.
    pub fn new(def: &OfficersDef) -> Writer {
        Writer { def: def.clone() }
    }

    /// The placeholder for a named officer's e-mail address.
    pub fn email_placeholder(&self) -> &str {
        &self.def.email_placeholder
    }

    fn role_noun(&self, p: &Person, m: &Mention) -> String {
        if let Some(r) = &p.role_noun {
            let r = r.trim();
            if self
                .def
                .modes
                .manager_roles
                .iter()
                .any(|x| x.eq_ignore_ascii_case(r))
            {
                return "manager".into();
            }
            return if r.chars().next().is_some_and(char::is_uppercase) && r.contains(' ') {
                r.to_string()
            } else {
                r.to_lowercase()
            };
        }
        let title = m
            .title
            .as_ref()
            .or_else(|| p.mentions.iter().find_map(|x| x.title.as_ref()));
        if let Some(t) = title {
            if let Some([_, noun]) = self.def.modes.title_roles.iter().find(|[x, _]| x == t) {
                return noun.clone();
            }
        }
        self.def.modes.default_role.clone()
    }

    fn at_sentence_start(doc: &Document, m: &Mention) -> bool {
        if m.norm.is_empty() {
            return false;
        }
        doc.sentence_at(m.norm.start).is_some_and(|s| {
            !doc.norm[s.start..m.norm.start]
                .chars()
                .any(char::is_alphanumeric)
        })
    }

    /// The fixes for every officer mention of `people` in `mode`.
    pub fn fixes(&self, doc: &Document, people: &People, mode: Mode) -> Vec<MentionFix> {
        let mut out = Vec::new();
        for (n, p) in people.officers().enumerate() {
            let label = self.def.modes.label.replace("{letter}", &letter(n));
            let mut named_before = false;
            for m in &p.mentions {
                let fixes = self.mention_fixes(doc, p, m, mode, &label, named_before);
                if !matches!(m.signal, Signal::Email | Signal::Phone) {
                    named_before = true;
                }
                out.push(MentionFix {
                    label: label.clone(),
                    mention: m.clone(),
                    fixes,
                });
            }
        }
        out
    }

    fn mention_fixes(
        &self,
        doc: &Document,
        p: &Person,
        m: &Mention,
        mode: Mode,
        label: &str,
        named_before: bool,
    ) -> Vec<Fix> {
        let fix = |app: Applicability, description: String, edits: Vec<Edit>| Fix {
            applicability: app,
            description,
            edits,
        };
        match m.signal {
            Signal::Email => {
                let whole = doc
                    .masks
                    .iter()
                    .find(|x| x.range.start <= m.src.start && m.src.end <= x.range.end)
                    .map_or(m.src.clone(), |x| x.range.clone());
                let edit = Edit {
                    start: whole.start,
                    end: whole.end,
                    replacement: self.def.email_placeholder.clone(),
                };
                return vec![fix(
                    Applicability::Manual,
                    "Give the team's shared e-mail address instead".into(),
                    vec![edit],
                )];
            }
            Signal::Phone => {
                let edit = Edit {
                    start: m.src.start,
                    end: m.src.end,
                    replacement: self.def.phone_placeholder.clone(),
                };
                return vec![fix(
                    Applicability::Manual,
                    "Give the team's shared phone number instead".into(),
                    vec![edit],
                )];
            }
            _ => {}
        }
        let start_cap = Self::at_sentence_start(doc, m);
        if let Some(c) = &m.collapse {
            let edit = match c {
                Collapse::Remove(r) => Edit {
                    start: r.start,
                    end: r.end,
                    replacement: String::new(),
                },
                Collapse::WithRole(r, role) => {
                    let role = if start_cap {
                        capitalise(role)
                    } else {
                        role.clone()
                    };
                    Edit {
                        start: r.start,
                        end: r.end,
                        replacement: role,
                    }
                }
            };
            return vec![fix(
                Applicability::Safe,
                "Refer to the officer by their role".into(),
                vec![edit],
            )];
        }
        let safe_text = match mode {
            Mode::Role => {
                let role = self.role_noun(p, m);
                if m.team_link && !named_before {
                    "someone".to_string()
                } else if named_before {
                    self.def.modes.role_later.replace("{role}", &role)
                } else {
                    self.def
                        .modes
                        .role_first
                        .replace("{article}", article(&role))
                        .replace("{role}", &role)
                }
            }
            _ => label.to_string(),
        };
        let safe_text = if start_cap {
            capitalise(&safe_text)
        } else {
            safe_text
        };
        let safe = fix(
            Applicability::Safe,
            format!("Write “{safe_text}” instead of the name"),
            vec![Edit {
                start: m.src.start,
                end: m.src.end,
                replacement: safe_text.clone(),
            }],
        );
        if mode != Mode::Organisation {
            return vec![safe];
        }
        match self.organisation_edit(doc, m, start_cap) {
            Some(edit) => {
                let text = edit.replacement.clone();
                vec![
                    fix(
                        Applicability::Unsafe,
                        format!("Write the organisation as the actor: “{}”", text.trim()),
                        vec![edit],
                    ),
                    safe,
                ]
            }
            None => vec![safe],
        }
    }

    /// "Officer Jones failed to" → "We failed to"; "Smith's notes" → "our notes".
    fn organisation_edit(&self, doc: &Document, m: &Mention, start_cap: bool) -> Option<Edit> {
        let after = &doc.src[m.src.end..];
        let modes = &self.def.modes;
        let cap = |s: &str| {
            if start_cap {
                capitalise(s)
            } else {
                s.to_string()
            }
        };
        if m.possessive {
            let poss = if after.starts_with("'s") {
                2
            } else if after.starts_with("’s") {
                "’s".len()
            } else {
                0
            };
            return Some(Edit {
                start: m.src.start,
                end: m.src.end + poss,
                replacement: cap(&modes.our),
            });
        }
        let rest = after.strip_prefix(' ')?;
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '\'')
            .collect();
        let lw = word.to_lowercase();
        let actor = modes.actor_verbs.contains(&lw) || (lw.len() > 3 && lw.ends_with("ed"));
        if !actor {
            return None;
        }
        let agreed = modes
            .verb_agreement
            .iter()
            .find(|[a, _]| *a == lw)
            .map(|[_, b]| b.clone());
        let we = cap(&modes.we);
        Some(match agreed {
            Some(v) => Edit {
                start: m.src.start,
                end: m.src.end + 1 + word.len(),
                replacement: format!("{we} {v}"),
            },
            None => Edit {
                start: m.src.start,
                end: m.src.end,
                replacement: we,
            },
        })
    }

    /// Every mention's source range, for redaction.
    pub fn officer_ranges(people: &People) -> Vec<Range<usize>> {
        let mut v: Vec<Range<usize>> = people
            .officers()
            .flat_map(|p| p.mentions.iter().map(|m| m.src.clone()))
            .collect();
        v.sort_by_key(|r| r.start);
        v
    }
}
