//! Principle: complaint handlers are "Approachable: Uses plain language that is easy to
//! understand". Rule: `long-sentence`, sentences in the body of the letter over a word
//! limit (`max_words` in `rules/plain-language.toml`, `long-sentence-words` in the
//! configuration). Jargon and defensive phrases are data-only `phrases` rules.

use super::{rule_data, rule_id, Check, Cx, RuleId, RuleTable};
use crate::config::Config;
use crate::document::MASK_CHAR;
use crate::error::Error;
use crate::rules::Pack;
use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    max_words: usize,
}

/// The compiled long-sentence check.
pub struct LongSentenceCheck {
    max: usize,
    rule: RuleId,
}

impl LongSentenceCheck {
    /// Reads the limit from the configuration, else the pack.
    pub fn new(
        pack: &Pack,
        rules: &RuleTable,
        config: &Config,
    ) -> Result<LongSentenceCheck, Error> {
        let d: Data = rule_data(pack, "long-sentence")?;
        Ok(LongSentenceCheck {
            max: config.long_sentence_words.unwrap_or(d.max_words),
            rule: rule_id(rules, "long-sentence")?,
        })
    }
}

impl Check for LongSentenceCheck {
    fn name(&self) -> &'static str {
        "check long-sentence"
    }

    fn run(&self, cx: &mut Cx) {
        if !cx.active(self.rule) {
            return;
        }
        let doc = cx.doc;
        let body = cx.facts.body.clone();
        let mut found = Vec::new();
        for s in doc.sentences() {
            if s.start < body.start || s.end > body.end || doc.in_quote(s) {
                continue;
            }
            let text = &doc.norm[s.clone()];
            if most_words(text) <= self.max {
                continue;
            }
            let words = text
                .unicode_words()
                .filter(|w| !w.contains(MASK_CHAR))
                .count();
            if words <= self.max {
                continue;
            }
            let src = doc.src_range(s.clone());
            // An address or a list of short lines with no full stops is not a sentence.
            let lines: Vec<&str> = doc.src[src.clone()].lines().collect();
            if lines.len() >= 3 && words / lines.len() < 7 {
                continue;
            }
            found.push((src, words));
        }
        for (src, words) in found {
            cx.report(
                self.rule,
                src,
                vec![("words", words.to_string()), ("max", self.max.to_string())],
                vec![],
            );
        }
    }
}

/// An upper bound on the UAX #29 words of `text`, cheaply: a word never splits a run
/// of ASCII letters and digits, and each other character is counted as a word of its
/// own. Only sentences over the limit by this count are segmented properly.
fn most_words(text: &str) -> usize {
    let mut n = 0;
    let mut in_run = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            n += usize::from(!in_run);
            in_run = true;
        } else {
            in_run = false;
            // a character's first byte (ASCII or a UTF-8 lead byte) outside a run
            n += usize::from(b >= 0xC0);
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::most_words;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    proptest! {
        #[test]
        fn the_cheap_count_never_undercounts(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'Z', '7', ' ', '\'', '.', ',', '-', '_', 'é', '漢', '字', 'ア', '\u{301}',
                '\u{1A}', '£', ':',
            ]), 0..60)
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert!(most_words(&text) >= text.unicode_words().count(), "{:?}", text);
        }
    }
}
