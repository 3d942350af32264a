//! Rule packs: the data every check reads (phrases, patterns, messages, suggested
//! paragraphs, Ombudsman details), loaded from TOML.
//!
//! The built-in pack is the TOML under `rules/` embedded at build time, so the crate
//! needs no files at run time. A user pack (a directory of `*.toml` files, loaded with
//! [`Pack::with_user_dir`]) adds entries or overrides built-in ones by id; its singleton
//! sections (`[document]`, `[facts]`, `[signposting]`, `[fos_wording]`) replace the
//! built-in ones wholesale.

mod phrases;
mod types;
mod words;

pub use phrases::{
    normalise_phrase, with_lexicon, Hits, Lexicon, LiteralGate, PhraseMatch, PhraseSet,
    PhraseSetBuilder,
};
pub use types::*;
pub use words::{ExactWords, WordHasher, WordSet};

use crate::error::{from_toml, Error};
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

/// The built-in pack files, embedded in the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/document.toml",
        include_str!("../../rules/document.toml"),
    ),
    ("rules/facts.toml", include_str!("../../rules/facts.toml")),
    (
        "rules/suppressions.toml",
        include_str!("../../rules/suppressions.toml"),
    ),
    (
        "rules/officers.toml",
        include_str!("../../rules/officers.toml"),
    ),
    (
        "rules/ombudsman.toml",
        include_str!("../../rules/ombudsman.toml"),
    ),
    (
        "rules/signposting.toml",
        include_str!("../../rules/signposting.toml"),
    ),
    (
        "rules/apology.toml",
        include_str!("../../rules/apology.toml"),
    ),
    (
        "rules/outcome.toml",
        include_str!("../../rules/outcome.toml"),
    ),
    (
        "rules/standards.toml",
        include_str!("../../rules/standards.toml"),
    ),
    (
        "rules/putting-right.toml",
        include_str!("../../rules/putting-right.toml"),
    ),
    ("rules/blame.toml", include_str!("../../rules/blame.toml")),
    ("rules/stages.toml", include_str!("../../rules/stages.toml")),
    (
        "rules/plain-language.toml",
        include_str!("../../rules/plain-language.toml"),
    ),
];

/// Rule ids whose checks are code in `src/checks/` (kind `builtin`). A user pack may
/// override their words, but a new id must use a data-only kind such as `phrases`.
pub const BUILTIN_CHECKS: &[&str] = &[
    "ombudsman-missing",
    "ombudsman-wrong-body",
    "escalation-not-ombudsman",
    "context-conflict",
    "ombudsman-no-contact",
    "ombudsman-no-time-limit",
    "ombudsman-outdated",
    "fos-referral-wording",
    "named-officer",
    "officer-pronoun",
    "named-officer-placeholder",
    "unused-suppression",
    "invalid-directive",
    "non-apology",
    "apology-missing",
    "outcome-missing",
    "reasons-missing",
    "standard-missing",
    "blames-individual",
    "long-sentence",
];

impl Pack {
    /// The built-in pack. Its files are parsed once per process (as the name lists are
    /// read once): later calls copy the parsed pack, five times faster than parsing it.
    pub fn builtin() -> Result<Pack, Error> {
        static PARSED: OnceLock<Pack> = OnceLock::new();
        if let Some(pack) = PARSED.get() {
            return Ok(pack.clone());
        }
        let pack = Self::parse_builtin()?;
        Ok(PARSED.get_or_init(|| pack).clone())
    }

    fn parse_builtin() -> Result<Pack, Error> {
        let mut pack = Pack::default();
        for (name, text) in BUILTIN {
            pack.merge(parse_file(name, text)?);
        }
        pack.validate("rules/")?;
        Ok(pack)
    }

    /// The built-in pack with one user pack file (its `text`, named `name` in errors)
    /// merged over it.
    pub fn with_user_text(name: &str, text: &str) -> Result<Pack, Error> {
        let mut pack = Pack::builtin()?;
        pack.merge_user(name, text, parse_file(name, text)?);
        pack.validate(name)?;
        Ok(pack)
    }

    /// The built-in pack with every `*.toml` file of `dir` merged over it, in file-name order.
    pub fn with_user_dir(dir: &Path) -> Result<Pack, Error> {
        let mut pack = Pack::builtin()?;
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let name = path.display().to_string();
            let file = parse_file(&name, &text)?;
            pack.merge_user(&name, &text, file);
        }
        pack.validate(&dir.display().to_string())?;
        Ok(pack)
    }

    /// Merges `file` over this pack: entries with a known id replace the old ones in
    /// place (keeping their priority), new ones are appended.
    /// Merges a user file (named `name`, parsed from `text`), remembering where its rules
    /// came from for errors.
    fn merge_user(&mut self, name: &str, text: &str, file: PackFile) {
        for r in &file.rule {
            self.origins.insert(r.id.clone(), name.to_string());
        }
        for (section, given) in [
            ("[document]", file.document.is_some()),
            ("[facts]", file.facts.is_some()),
            ("[signposting]", file.signposting.is_some()),
            ("[fos_wording]", file.fos_wording.is_some()),
            ("[officers]", file.officers.is_some()),
        ] {
            if given {
                self.origins.insert(section.to_string(), name.to_string());
            }
        }
        self.user_texts.insert(name.to_string(), text.into());
        self.merge(file);
    }

    /// Where rule `id`'s `needle` (a pattern, say) is written: its file, and the 1-based
    /// line and column of the needle there (or of the rule's `id`). `id` may instead be
    /// a section's header (`[officers]`, `[facts.places]`): then the needle is looked
    /// for in the file that gave the section, from its header on.
    pub fn locate(&self, id: &str, needle: &str) -> Option<(String, usize, usize)> {
        // a section is found by its header, in the file its top-level table came from
        let (key, anchor) = match id.strip_prefix('[') {
            Some(rest) => {
                let top = rest.split(['.', ']']).next().unwrap_or(rest);
                (format!("[{top}]"), id.to_string())
            }
            None => (id.to_string(), format!("id = \"{id}\"")),
        };
        let (file, text): (String, &str) = match self.origins.get(&key) {
            Some(f) => (f.clone(), self.user_texts.get(f)?),
            None => BUILTIN.iter().find_map(|(name, text)| {
                text.contains(&anchor).then(|| (name.to_string(), *text))
            })?,
        };
        let from = text.find(&anchor);
        let at = (!needle.is_empty())
            .then(|| {
                let start = from.filter(|_| id.starts_with('[')).unwrap_or(0);
                text[start..].find(needle).map(|i| start + i)
            })
            .flatten()
            .or(from)?;
        let (line, column) = crate::error::line_col(text, at);
        Some((file, line, column))
    }

    fn merge(&mut self, file: PackFile) {
        for r in file.rule {
            match self.rules.iter_mut().find(|x| x.id == r.id) {
                Some(x) => *x = r,
                None => self.rules.push(r),
            }
        }
        for o in file.ombudsman {
            match self.ombudsman.iter_mut().find(|x| x.id == o.id) {
                Some(x) => *x = o,
                None => self.ombudsman.push(o),
            }
        }
        // a later file's routes come first: the first route that matches wins
        let mut routes = file.route;
        routes.append(&mut self.route);
        self.route = routes;
        for e in file.escalation {
            match self.escalation.iter_mut().find(|x| x.id == e.id) {
                Some(x) => *x = e,
                None => self.escalation.push(e),
            }
        }
        if let Some(d) = file.document {
            self.document = d;
        }
        if let Some(f) = file.facts {
            self.facts = f;
        }
        if let Some(s) = file.signposting {
            self.signposting = s;
        }
        if let Some(f) = file.fos_wording {
            self.fos_wording = f;
        }
        if let Some(o) = file.officers {
            self.officers = o;
        }
    }

    fn validate(&self, origin: &str) -> Result<(), Error> {
        let err = |message: String| Error::Pack {
            file: origin.to_string(),
            line: 1,
            column: 1,
            message,
        };
        let mut seen = HashSet::new();
        for r in &self.rules {
            if !seen.insert(r.id.as_str()) {
                return Err(err(format!("rule id `{}` appears twice", r.id)));
            }
            let kebab = !r.id.is_empty()
                && r.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !kebab {
                return Err(err(format!(
                    "rule id `{}` must be kebab-case (a-z, 0-9, -)",
                    r.id
                )));
            }
            match r.kind {
                RuleKind::Builtin if !BUILTIN_CHECKS.contains(&r.id.as_str()) => {
                    return Err(err(format!(
                        "rule `{}` has kind \"builtin\" but no built-in check has that id; give it kind = \"phrases\" and a [[rule.phrase]] list",
                        r.id
                    )))
                }
                RuleKind::Phrases if r.phrase.is_empty() => {
                    return Err(err(format!("rule `{}` has kind \"phrases\" but no [[rule.phrase]] entries", r.id)))
                }
                RuleKind::Require if r.require.is_none() => {
                    return Err(err(format!("rule `{}` has kind \"require\" but no [rule.require]", r.id)))
                }
                _ => {}
            }
        }
        for id in BUILTIN_CHECKS {
            if !seen.contains(id) {
                return Err(err(format!(
                    "the built-in check `{id}` has no [[rule]] entry"
                )));
            }
        }
        let mut ids = HashSet::new();
        for o in &self.ombudsman {
            if !ids.insert(o.id.as_str()) {
                return Err(err(format!("ombudsman id `{}` appears twice", o.id)));
            }
        }
        if !ids.contains("unknown") {
            return Err(err(
                "the pack needs an [[ombudsman]] entry with id = \"unknown\" (the fallback)".into(),
            ));
        }
        for r in &self.route {
            if let Some(b) = r.bodies.iter().find(|b| !ids.contains(b.as_str())) {
                return Err(err(format!(
                    "[[route]] body `{b}` is not an [[ombudsman]] id"
                )));
            }
        }
        if !ids.contains(self.fos_wording.body.as_str()) {
            return Err(err(format!(
                "[fos_wording] body `{}` is not an [[ombudsman]] id",
                self.fos_wording.body
            )));
        }
        Ok(())
    }

    /// The rule definition with this id.
    pub fn rule(&self, id: &str) -> Option<&RuleDef> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Parses one pack file; errors name the file, line, column and key.
pub fn parse_file(name: &str, text: &str) -> Result<PackFile, Error> {
    toml::from_str::<PackFile>(text).map_err(|e| from_toml(name, text, &e, false))
}
