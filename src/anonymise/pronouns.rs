//! Pronouns that refer to an officer: he, she, him, her, his, hers, himself, herself.
//!
//! The referent is the nearest person or gendered noun ("your mother") before the
//! pronoun, in the same block and at most two sentences back, whose gender fits (a title
//! gives it: Mr, Mrs, Ms…; unknown fits either). When it is an officer, the pronoun
//! becomes they/them/their/theirs/themselves and a following verb agrees (was → were).
//! The pronouns, their neutral forms and the nouns are `pronouns`, `female_words` and
//! `male_words` in `rules/officers.toml`.

use super::detect::{Gender, People, PersonRole};
use crate::diagnostic::Edit;
use crate::document::Document;
use crate::rules::{OfficersDef, PhraseSet, PronounDef, PronounGender, WordSet};
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

/// The pronoun finder, with the pronouns, gendered nouns and verb agreement of
/// `rules/officers.toml`.
#[derive(Debug, Clone)]
pub struct Pronouns {
    /// The gendered nouns (tag 0: female, 1: male).
    gendered: PhraseSet,
    /// The pronouns (tag: index in `table`).
    pronouns: PhraseSet,
    table: Vec<PronounDef>,
    object_followers: WordSet,
    /// Verb after "he"/"she" → the verb after "they" ("was" → "were"), in lower case.
    agreement: Vec<(String, String)>,
}

impl Pronouns {
    /// Compiles the pronoun data of `def`.
    pub fn new(def: &OfficersDef) -> Pronouns {
        let mut gendered = PhraseSet::builder();
        for w in &def.female_words {
            gendered.add(w, 0, false);
        }
        for w in &def.male_words {
            gendered.add(w, 1, false);
        }
        let mut pronouns = PhraseSet::builder();
        for (i, p) in def.pronouns.iter().enumerate() {
            pronouns.add(&p.word, i as u32, false);
        }
        Pronouns {
            gendered: gendered.build(),
            pronouns: pronouns.build(),
            table: def.pronouns.clone(),
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
    let all = 0..norm.len();
    for m in def.gendered.find_all_in(doc, all.clone()) {
        if is_word(norm, &m.range) {
            let g = if m.tag == 0 {
                Gender::Female
            } else {
                Gender::Male
            };
            refs.push((m.range.start, Some(g), false));
        }
    }
    refs.sort_by_key(|r| r.0);
    let sentences = doc.sentences();
    let mut out = Vec::new();
    for m in def.pronouns.find_all_in(doc, all) {
        let r = &m.range;
        if !is_word(norm, r) {
            continue;
        }
        let w = &norm[r.clone()];
        let p = &def.table[m.tag as usize];
        let pg = match p.gender {
            PronounGender::Female => Gender::Female,
            PronounGender::Male => Gender::Male,
        };
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
        let next = next_word(norm, r.end);
        let next = next.as_ref();
        // "his report" → "their report", but "… was his" → "theirs"; "her" before a
        // word that is not an object follower is the possessive
        let replacement = match (&p.before_word, next) {
            (Some(b), Some((_, n))) if !def.object_followers.contains(n) => b.as_str(),
            _ => p.becomes.as_str(),
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
        if p.subject {
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

/// A word here is a run of letters, digits and apostrophes ("he's" is one word, not "he").
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

/// Whether `r` of `norm` is a whole word: no word character runs into it.
fn is_word(norm: &str, r: &Range<usize>) -> bool {
    !norm[..r.start].chars().next_back().is_some_and(word_char)
        && !norm[r.end..].chars().next().is_some_and(word_char)
}

/// The word after the single space at `end` of `norm`, with its range.
fn next_word(norm: &str, end: usize) -> Option<(Range<usize>, &str)> {
    let rest = norm[end..].strip_prefix(' ')?;
    let len: usize = rest
        .chars()
        .take_while(|&c| word_char(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (end + 1..end + 1 + len, &rest[..len]))
}

#[cfg(test)]
mod tests {
    use crate::{Config, Format, Linter, Source};

    /// The replacements `rules/officers.toml` gives each pronoun form.
    #[test]
    fn each_form_becomes_its_neutral_form() {
        let text = "Dear Mr Brown,\n\nYour complaint is about our housing officer, Mrs Jane Doe. \
                    She was late and she lost the file. I spoke to her about her report, asked her \
                    to apologise, and the decision was hers alone.\n\nYours sincerely,\n\nAnn Lee\n";
        let linter = Linter::new(Config::default()).unwrap();
        let report = linter.lint(&Source::new("t.txt", text, Format::Text));
        let got: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .filter(|d| &*d.rule == "officer-pronoun")
            .map(|d| {
                let e = &d.fixes[0].edits[0];
                (&text[e.start..e.end], e.replacement.as_str())
            })
            .collect();
        assert_eq!(
            got,
            [
                ("She was", "They were"),
                ("she", "they"),
                ("her", "them"),
                ("her", "their"),
                ("her", "them"),
                ("hers", "theirs"),
            ]
        );
    }
}
