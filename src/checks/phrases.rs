//! Data-only rules (`kind = "phrases"`): each listed phrase found in prose (outside
//! quotations) is reported, with its replacement as a fix when the pack gives one.

use super::{Check, Cx, RuleId, RuleTable};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rules::{Pack, PhraseSet, RuleKind};

struct Entry {
    rule: RuleId,
    replace: Option<String>,
    applicability: Applicability,
}

/// The compiled phrases of every `phrases` rule, in one automaton.
pub struct PhrasesCheck {
    set: PhraseSet,
    entries: Vec<Entry>,
}

impl PhrasesCheck {
    /// Compiles every `phrases` rule of the pack.
    pub fn new(pack: &Pack, rules: &RuleTable) -> PhrasesCheck {
        let mut b = PhraseSet::builder();
        let mut entries = Vec::new();
        for r in pack.rules.iter().filter(|r| r.kind == RuleKind::Phrases) {
            let Some(rule) = rules.id(&r.id) else {
                continue;
            };
            for p in &r.phrase {
                let tag = entries.len() as u32;
                entries.push(Entry {
                    rule,
                    replace: p.replace.clone(),
                    applicability: p.applicability,
                });
                for f in &p.find {
                    b.add(f, tag, p.case_sensitive);
                }
            }
        }
        PhrasesCheck {
            set: b.build(),
            entries,
        }
    }
}

impl Check for PhrasesCheck {
    fn name(&self) -> &'static str {
        "check phrases"
    }

    fn run(&self, cx: &mut Cx) {
        if self.entries.is_empty() || !self.entries.iter().any(|e| cx.active(e.rule)) {
            return;
        }
        for m in self.set.find_all_in(cx.doc, 0..cx.doc.norm.len()) {
            if cx.doc.in_quote(&m.range) {
                continue;
            }
            let e = &self.entries[m.tag as usize];
            let src = cx.doc.src_range(m.range.clone());
            let found = cx.doc.quote(src.clone());
            let fixes = e
                .replace
                .as_ref()
                .map(|r| {
                    let replacement = match_case(&found, r);
                    let (start, replacement) =
                        with_article(cx.doc.src, src.start, &found, replacement);
                    let shown = r.clone();
                    vec![Fix {
                        applicability: e.applicability,
                        description: format!("Replace “{found}” with “{shown}”"),
                        edits: vec![Edit {
                            start,
                            end: src.end,
                            replacement,
                        }],
                    }]
                })
                .unwrap_or_default();
            let mut fields = vec![("found", found)];
            if let Some(r) = &e.replace {
                fields.push(("replacement", r.clone()));
            }
            cx.report(e.rule, src, fields, fixes);
        }
    }
}

/// Gives `replacement` the case of `found`'s first letter.
pub(crate) fn match_case(found: &str, replacement: &str) -> String {
    let upper = found.chars().next().is_some_and(|c| c.is_uppercase());
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if upper && c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        Some(c)
            if !upper
                && c.is_uppercase()
                && replacement.chars().nth(1).is_some_and(|d| d.is_lowercase()) =>
        {
            c.to_lowercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    }
}

fn starts_with_vowel_sound(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c))
}

/// When the found text follows "a" or "an" and the replacement needs the other article,
/// extends the edit back over the article: "an informal complaint" → "a service request".
pub(crate) fn with_article(
    src: &str,
    start: usize,
    found: &str,
    replacement: String,
) -> (usize, String) {
    let _ = found;
    let before = &src[..start];
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.len() == before.len() {
        return (start, replacement);
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let article = &trimmed[word_start..];
    let is_an = article.eq_ignore_ascii_case("an");
    let is_a = article.eq_ignore_ascii_case("a");
    let needs_an = starts_with_vowel_sound(&replacement);
    if !((is_an && !needs_an) || (is_a && needs_an)) {
        return (start, replacement);
    }
    let new_article = match (needs_an, article.starts_with('A')) {
        (true, true) => "An",
        (true, false) => "an",
        (false, true) => "A",
        (false, false) => "a",
    };
    let gap = &before[trimmed.len()..];
    (word_start, format!("{new_article}{gap}{replacement}"))
}

#[cfg(test)]
mod tests {
    use super::with_article;

    #[test]
    fn the_article_after_a_wide_character() {
        // the character before the article is two bytes ("·"), three ("—"), four ("😀")
        for lead in ["·", "—", "😀", " "] {
            let src = format!("{lead}an informal complaint");
            let start = src.find("informal").unwrap();
            let (at, text) = with_article(&src, start, "informal", "service request".into());
            assert_eq!(&src[..at], lead, "{src:?}");
            assert_eq!(text, "a service request");
        }
        let (at, text) = with_article("an apple", 3, "apple", "pear".into());
        assert_eq!((at, text.as_str()), (0, "a pear"));
    }
}
