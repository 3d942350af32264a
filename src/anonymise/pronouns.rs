//! Pronouns that refer to an officer: he, she, him, her, his, hers, himself, herself.
//!
//! The referent is the nearest person or gendered noun ("your mother") before the
//! pronoun, in the same block and at most two sentences back, whose gender fits (a title
//! gives it: Mr, Mrs, Ms…; unknown fits either). When it is an officer, the pronoun
//! becomes they/them/their/theirs/themselves and a following verb agrees (was → were).

use super::detect::{Gender, People, PersonRole};
use crate::diagnostic::Edit;
use crate::document::Document;
use crate::rules::{OfficersDef, WordSet};
use std::ops::Range;

/// A pronoun that refers to an officer, and its replacement.
#[derive(Debug, Clone)]
pub struct PronounFix {
    /// The pronoun, in the source.
    pub src: Range<usize>,
    /// The pronoun as written.
    pub found: String,
    /// The edit (pronoun, and the verb when it agrees).
    pub edit: Edit,
}

const PRONOUNS: [(&str, Gender); 8] = [
    ("he", Gender::Male),
    ("him", Gender::Male),
    ("his", Gender::Male),
    ("himself", Gender::Male),
    ("she", Gender::Female),
    ("her", Gender::Female),
    ("hers", Gender::Female),
    ("herself", Gender::Female),
];

/// The pronoun `word` is (in lower case), with its gender; compared without allocating.
fn pronoun(word: &str) -> Option<(&'static str, Gender)> {
    PRONOUNS
        .iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(word))
        .copied()
}

/// The pronoun finder, with the gendered nouns and verb agreement of `rules/officers.toml`.
#[derive(Debug, Clone)]
pub struct Pronouns {
    female: WordSet,
    male: WordSet,
    object_followers: WordSet,
    /// Verb after "he"/"she" → the verb after "they" ("was" → "were"), in lower case.
    agreement: Vec<(String, String)>,
}

impl Pronouns {
    /// Compiles the pronoun data of `def`.
    pub fn new(def: &OfficersDef) -> Pronouns {
        Pronouns {
            female: WordSet::new(&def.female_words),
            male: WordSet::new(&def.male_words),
            object_followers: WordSet::new(&def.modes.object_followers),
            agreement: def
                .modes
                .verb_agreement
                .iter()
                .map(|[a, b]| (a.to_lowercase(), b.clone()))
                .collect(),
        }
    }

    /// Finds the pronouns of `doc` that refer to officers of `people`.
    pub fn find(&self, doc: &Document, people: &People) -> Vec<PronounFix> {
        find(self, doc, people)
    }
}

fn find(def: &Pronouns, doc: &Document, people: &People) -> Vec<PronounFix> {
    // Only a pronoun whose referent is an officer is reported: with no officer, none is.
    if !people.persons.iter().any(|p| p.role == PersonRole::Officer) {
        return Vec::new();
    }
    // candidate referents: (norm start, gender, is officer)
    let mut refs: Vec<(usize, Option<Gender>, bool)> = Vec::new();
    for p in &people.persons {
        for m in p.mentions.iter().filter(|m| !m.norm.is_empty()) {
            refs.push((m.norm.start, p.gender, p.role == PersonRole::Officer));
        }
    }
    let norm = &doc.norm;
    let words: Vec<(Range<usize>, &str)> = word_ranges(norm);
    for (r, w) in &words {
        let g = if def.female.contains(w) {
            Some(Gender::Female)
        } else if def.male.contains(w) {
            Some(Gender::Male)
        } else {
            continue;
        };
        refs.push((r.start, g, false));
    }
    refs.sort_by_key(|r| r.0);
    let sentences = doc.sentences();
    let mut out = Vec::new();
    for (i, (r, w)) in words.iter().enumerate() {
        let Some((lw, pg)) = pronoun(w) else { continue };
        let block = doc.block_at(r.start);
        let si = sentences.partition_point(|s| s.end <= r.start);
        let window_start = sentences.get(si.saturating_sub(2)).map_or(0, |s| s.start);
        let referent = refs
            .iter()
            .rev()
            .filter(|(pos, _, _)| {
                *pos < r.start && *pos >= window_start && doc.block_at(*pos) == block
            })
            .find(|(_, g, _)| g.is_none_or(|g| g == pg));
        let Some(&(_, _, true)) = referent else {
            continue;
        };
        let next = words
            .get(i + 1)
            .filter(|(nr, _)| norm[r.end..nr.start] == *" ");
        let replacement = match lw {
            "he" | "she" => "they",
            "him" => "them",
            "himself" | "herself" => "themselves",
            "hers" => "theirs",
            "his" => {
                if next.is_some_and(|(_, n)| !def.object_followers.contains(n)) {
                    "their"
                } else {
                    "theirs"
                }
            }
            "her" => {
                let object = next.is_none_or(|(_, n)| def.object_followers.contains(n));
                if object {
                    "them"
                } else {
                    "their"
                }
            }
            _ => continue,
        };
        let mut rep = if w.chars().next().is_some_and(char::is_uppercase) {
            let mut c = replacement.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        } else {
            replacement.to_string()
        };
        let src = doc.src_range(r.clone());
        let mut end = src.end;
        if replacement == "they" {
            if let Some((nr, n)) = next {
                let n = n.to_lowercase();
                if let Some((_, agreed)) = def.agreement.iter().find(|(a, _)| *a == n) {
                    let nsrc = doc.src_range(nr.clone());
                    rep = format!("{rep}{}{agreed}", &doc.src[src.end..nsrc.start]);
                    end = nsrc.end;
                }
            }
        }
        out.push(PronounFix {
            src: src.clone(),
            found: doc.src[src.clone()].to_string(),
            edit: Edit {
                start: src.start,
                end,
                replacement: rep,
            },
        });
    }
    out
}

fn word_ranges(norm: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in norm.char_indices() {
        let word = c.is_alphanumeric() || c == '\'';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s..i, &norm[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s..norm.len(), &norm[s..]));
    }
    out
}
